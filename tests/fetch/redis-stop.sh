#!/bin/sh
# tests/fetch/redis-stop.sh - SIGTERM stops a worker cleanly: exit 130, what
# it processed is acknowledged, what it read but had not started is left for
# the others at once (not claim_idle later); a second worker finishes the
# rest and every id comes out exactly once.
. "$top_srcdir/tests/fetch/redis-lib.sh"

redis_start
make_articles 2000 "$T/in"
enqueue "$T/in" || fail "enqueue exited $?"
worker_conf "$T/w.conf"
start_worker w1 "$T/w.conf" -o fetch.idle_exit=0 -v
for _ in $(seq 600); do
    [ "$(rcli XLEN results)" -ge 300 ] && break
    sleep 0.05
done
kill -TERM "$PID_w1"
wait "$PID_w1"
rc=$?
PIDS=""
[ "$rc" -eq 130 ] && pass "SIGTERM: exit 130" || { fail "exit $rc after SIGTERM"; tail -5 "$T/w1.log"; }
grep -h "entr.* read but not started" "$T/w1.log" | sed 's/^/  message: /'
# claim_idle = 600: only entries released by w1 can be claimed at once
expect_status 0 "a second worker finishes the rest without waiting claim_idle" -- \
    timeout 60 "$GALLEY" run -c "$T/w.conf" -o fetch.consumer=w2 -o fetch.claim_idle=600
ids results | sort >"$T/got"
ls "$T/in" | sort >"$T/want"
if cmp -s "$T/want" "$T/got"; then pass "every id exactly once"
else fail "ids differ: $(diff "$T/want" "$T/got" | grep '^[<>]' | head -3 | tr '\n' ' ')"; fi
pending=$(rcli XPENDING work galley | head -1)
[ "$pending" = 0 ] && pass "nothing pending" || fail "$pending entries still pending"
finish
