#!/bin/sh
# tests/fetch/redis-poison.sh - a document that fails every time is tried
# max_deliveries times (by whichever worker claims it), then lands in the
# dead-letter stream with its error and is acknowledged; the rest finish.
. "$top_srcdir/tests/fetch/redis-lib.sh"

redis_start
make_articles 200 "$T/in"
enqueue "$T/in" || fail "enqueue exited $?"
worker_conf "$T/w.conf" 'stage "poison" { plugin = "failid"  failid { id = "a00007.txt" } }'
for w in w1 w2; do
    start_worker "$w" "$T/w.conf" -P "$top_builddir/tests/fetch/plugins" \
        -o fetch.claim_idle=1.5 -o fetch.max_deliveries=3
done
for w in w1 w2; do
    eval "pid=\$PID_$w"
    wait "$pid"
    echo "worker $w exited $?"
done
PIDS=""

tries=$(cat "$T/w1.log" "$T/w2.log" | grep -c "a00007.txt: stage 'poison' (failid): poison document")
[ "$tries" -eq 3 ] && pass "the poison document was tried 3 times" ||
    { fail "tried $tries times, wanted 3"; cat "$T/w1.log" "$T/w2.log" | grep a00007 | head; }
rcli --raw XRANGE work:dead - + >"$T/dead"
n=$(rcli XLEN work:dead)
[ "$n" = 1 ] && pass "one entry in the dead-letter stream" || fail "$n dead letters, wanted 1"
awk 'prev == "id" { print } { prev = $0 }' "$T/dead" | grep -qx "a00007.txt" &&
    pass "the dead letter is a00007.txt" || fail "the dead letter is not a00007.txt"
expect_grep "$T/dead" "stage 'poison' (failid): poison document: failing it on purpose" \
    "the dead letter carries its last error"
awk 'prev == "deliveries" { print } { prev = $0 }' "$T/dead" | grep -qx 3 &&
    pass "the dead letter says 3 deliveries" || fail "deliveries: $(grep -A1 -x deliveries "$T/dead")"
expect_grep "$T/dead" '"text":' "the dead letter keeps the record, to requeue it"
ids results | sort >"$T/got"
total=$(wc -l <"$T/got")
[ "$total" -eq 199 ] && pass "the other 199 documents came out" || fail "$total results, wanted 199"
[ -z "$(uniq -d "$T/got")" ] && pass "each once" || fail "duplicates: $(uniq -d "$T/got" | head -3)"
grep -qx a00007.txt "$T/got" && fail "the poison document has a result"
pending=$(rcli XPENDING work galley | head -1)
[ "$pending" = 0 ] && pass "nothing pending" || fail "$pending entries still pending"
cat "$T/w1.log" "$T/w2.log" | grep -m1 "dead-letter" | sed 's/^/  message: /'
finish
