#!/bin/sh
# tests/fetch/redis-kill.sh - SIGKILL one of three workers mid-run: the others
# claim the entries it held (after claim_idle), every id comes out at least
# once, and the only duplicates are documents the killed worker had in flight.
. "$top_srcdir/tests/fetch/redis-lib.sh"

redis_start
make_articles 5000 "$T/in"
enqueue "$T/in" || fail "enqueue exited $?"
worker_conf "$T/w.conf"
for w in w1 w2 w3; do start_worker "$w" "$T/w.conf" -o fetch.claim_idle=2; done

# kill w2 once a fifth of the work is done
for _ in $(seq 600); do
    [ "$(rcli XLEN results)" -ge 1000 ] && break
    sleep 0.05
done
kill -9 "$PID_w2"
wait "$PID_w2" 2>/dev/null
echo "killed w2 at $(rcli XLEN results) results"
pending_of w2 | sort >"$T/victim-entries"
entry_map "$T/map"
join "$T/victim-entries" "$T/map" | awk '{ print $2 }' | sort >"$T/victim"
inflight=$(wc -l <"$T/victim")
[ "$inflight" -gt 0 ] && pass "the killed worker held $inflight entries" ||
    fail "the killed worker held no entry: nothing to claim (kill it earlier)"

for w in w1 w3; do
    eval "pid=\$PID_$w"
    wait "$pid"
    rc=$?
    [ "$rc" -eq 0 ] && pass "worker $w exits 0" || { fail "worker $w exited $rc"; tail -5 "$T/$w.log"; }
done
PIDS=""

ids results | sort >"$T/got"
ls "$T/in" | sort >"$T/want"
uniq "$T/got" >"$T/got1"
missing=$(comm -23 "$T/want" "$T/got1" | wc -l)
[ "$missing" -eq 0 ] && pass "every id at least once" ||
    fail "$missing ids missing: $(comm -23 "$T/want" "$T/got1" | head -3 | tr '\n' ' ')"
uniq -d "$T/got" >"$T/dups"
dups=$(wc -l <"$T/dups")
echo "duplicates: $dups (the killed worker had $inflight documents in flight)"
stray=$(comm -23 "$T/dups" "$T/victim" | wc -l)
[ "$stray" -eq 0 ] && pass "duplicates only among the killed worker's in-flight documents" ||
    fail "$stray duplicates the killed worker did not hold: $(comm -23 "$T/dups" "$T/victim" | head -3 | tr '\n' ' ')"
grep -q "claimed" "$T/w1.log" "$T/w3.log" && pass "a survivor says it claimed entries" ||
    fail "no survivor logged a claim"
pending=$(rcli XPENDING work galley | head -1)
[ "$pending" = 0 ] && pass "nothing pending" || fail "$pending entries still pending"
finish
