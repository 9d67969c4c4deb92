#!/bin/sh
# tests/fetch/redis-restart.sh - the Redis server (appendonly yes) restarts in
# the middle of a run: the workers say so, reconnect and finish, and no id is
# lost.
. "$top_srcdir/tests/fetch/redis-lib.sh"

redis_start
make_articles 3000 "$T/in"
enqueue "$T/in" || fail "enqueue exited $?"
worker_conf "$T/w.conf"
for w in w1 w2; do start_worker "$w" "$T/w.conf" -o fetch.retry_for=60 -o output.retry_for=60; done
for _ in $(seq 600); do
    [ "$(rcli XLEN results)" -ge 600 ] && break
    sleep 0.05
done
redis_stop
echo "stopped redis-server"
sleep 1
redis_start
echo "restarted; $(rcli XLEN results) results kept"
for w in w1 w2; do
    eval "pid=\$PID_$w"
    wait "$pid"
    rc=$?
    [ "$rc" -eq 0 ] && pass "worker $w finishes (exit 0)" || { fail "worker $w exited $rc"; grep -v claimed "$T/$w.log" | head -12; }
done
PIDS=""
expect_grep "$T/w1.log" "connection lost" "the worker says the connection was lost"
expect_grep "$T/w1.log" "reconnected after" "and that it reconnected"
grep -h "connection lost\|reconnected" "$T/w1.log" | head -2 | sed 's/^/  message: /'
ids results | sort >"$T/got"
ls "$T/in" | sort >"$T/want"
uniq "$T/got" >"$T/got1"
missing=$(comm -23 "$T/want" "$T/got1" | wc -l)
[ "$missing" -eq 0 ] && pass "nothing lost: every id at least once" || fail "$missing ids lost"
echo "duplicates: $(uniq -d "$T/got" | wc -l)"
pending=$(rcli XPENDING work galley | head -1)
[ "$pending" = 0 ] && pass "nothing pending" || fail "$pending entries still pending"
finish
