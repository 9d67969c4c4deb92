#!/bin/sh
# tests/fetch/redis-drain.sh - 5,000 articles enqueued with
# conf/redis-enqueue.conf, three workers drain the stream: every id comes out
# exactly once, nothing is left pending, and a worker alone at the end exits
# after idle_exit.
. "$top_srcdir/tests/fetch/redis-lib.sh"

redis_start
make_articles 5000 "$T/in"
enqueue "$T/in" || fail "enqueue exited $?"
n=$(rcli XLEN work)
[ "$n" = 5000 ] && pass "5000 entries enqueued" || fail "stream work has $n entries, not 5000"

worker_conf "$T/w.conf"
for w in w1 w2 w3; do start_worker "$w" "$T/w.conf"; done
for w in w1 w2 w3; do
    eval "pid=\$PID_$w"
    wait "$pid"
    rc=$?
    [ "$rc" -eq 0 ] && pass "worker $w exits 0 after idle_exit" ||
        { fail "worker $w exited $rc"; tail -5 "$T/$w.log"; }
done
PIDS=""

ids results | sort >"$T/got"
ls "$T/in" | sort >"$T/want"
total=$(wc -l <"$T/got")
uniq_n=$(uniq "$T/got" | wc -l)
echo "results: $total records, $uniq_n distinct ids"
[ "$total" -eq 5000 ] && pass "5000 results" || fail "$total results, wanted 5000"
uniq -d "$T/got" >"$T/dups"
[ -s "$T/dups" ] && fail "duplicates: $(head -3 "$T/dups" | tr '\n' ' ')" || pass "no id twice"
if cmp -s "$T/want" "$(uniq "$T/got" >"$T/got1"; echo "$T/got1")"; then pass "every id once"
else fail "ids differ: $(comm -3 "$T/want" "$T/got1" | head -3 | tr '\n' ' ')"; fi
pending=$(rcli XPENDING work galley | head -1)
[ "$pending" = 0 ] && pass "nothing pending" || fail "$pending entries still pending"
for w in w1 w2 w3; do
    echo "$w: $(grep -o '[0-9]* docs, [0-9]* failed' "$T/$w.log")"
done
finish
