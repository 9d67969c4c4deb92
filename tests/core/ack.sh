#!/bin/sh
# tests/core/ack.sh - checkpoints (ABI 1.1): every document is acknowledged
# to the fetch plugin exactly once, in fetch order, with its token, status
# and error; acks come during the run, every checkpoint_docs documents or
# checkpoint_seconds (also while the fetch only returns GALLEY_AGAIN), and
# once at the end.
. "$top_srcdir/tests/core/lib.sh"

conf() {    # conf COUNT EXTRA-FETCH-OPTIONS
    cat >"$T/ack.conf" <<CONF
checkpoint_docs = 1000
stage "fetch" { plugin = "acklog" acklog { count = $1 log = "$T/acks" $2 } }
stage "fail" { plugin = "failevery" failevery { every = 7 } }
stage "out" { plugin = "jsonl" jsonl { path = "$T/out.jsonl" } }
CONF
    rm -f "$T/acks"
}

conf 2500 "fail_every = 500"
expect_status 1 "2500 documents, some failing" -- "$GALLEY" -P "$TP" run -c "$T/ack.conf" -j 2
grep -v '^--' "$T/acks" | cut -d' ' -f1 >"$T/ids"
seq 1 2500 | sed 's/^/doc/' >"$T/want"
cmp -s "$T/ids" "$T/want" && pass "each document acked once, in fetch order" ||
    fail "acked ids differ from doc1..doc2500: $(diff "$T/want" "$T/ids" | head -3)"
expect_line "$T/acks" "doc1 tok-1 OK -" "an ack carries the token next() set"
expect_line "$T/acks" "doc7 tok-7 ERROR stage 'fail' (failevery): failing document 7 on purpose (every 7)" \
    "a failed document is acked ERROR with the message"
expect_line "$T/acks" "doc500 tok-500 ERROR stage 'fetch' (acklog): fetch fails doc500 on purpose" \
    "a document the fetch failed is acked ERROR"
[ "$(grep -c '^--' "$T/acks")" -eq 3 ] && pass "3 checkpoints: 1000, 2000 and the end" ||
    fail "$(grep -c '^--' "$T/acks") ack batches, wanted 3"
first=$(grep -m1 '^--' "$T/acks" | cut -d' ' -f3)
[ "$first" -lt 2500 ] && pass "the first acks came during the run ($first fetched by then)" ||
    fail "the first acks came only after all $first documents were fetched"
[ "$(grep -c ' OK -$' "$T/acks")" -eq "$(wc -l <"$T/out.jsonl")" ] &&
    pass "as many OK acks as records written" || fail "OK acks and records differ"

# only at the end
conf 2500 ""
expect_status 1 "checkpoints off" -- "$GALLEY" -P "$TP" run -c "$T/ack.conf" \
    -o checkpoint_docs=0 -o checkpoint_seconds=0
[ "$(grep -c '^--' "$T/acks")" -eq 1 ] && pass "checkpoints off: one ack batch at the end" ||
    fail "checkpoints off: $(grep -c '^--' "$T/acks") batches"

# a slow source that keeps returning GALLEY_AGAIN still gets its acks on time
conf 4 "again = 1 again_ms = 900"
expect_status 0 "a slow source" -- "$GALLEY" -P "$TP" run -c "$T/ack.conf" -o checkpoint_seconds=1
early=$(grep '^--' "$T/acks" | head -1 | cut -d' ' -f3)
[ "$(grep -c '^--' "$T/acks")" -ge 2 ] && [ "$early" -lt 4 ] &&
    pass "checkpoint_seconds acks a quiet source between GALLEY_AGAINs (first batch at $early fetched)" ||
    fail "no timely acks: $(grep '^--' "$T/acks" | tr '\n' ' ')"
[ "$(grep -vc '^--' "$T/acks")" -eq 4 ] && pass "all 4 acked" || fail "not 4 acks"

# by default a checkpoint every 10,000 documents (time-based ones off here,
# so that a slow machine does not add any)
cat >"$T/default.conf" <<CONF
stage "fetch" { plugin = "acklog" acklog { count = 12000 log = "$T/acks" } }
stage "out" { plugin = "jsonl" jsonl { path = "$T/out.jsonl" } }
CONF
rm -f "$T/acks"
expect_status 0 "12000 documents, default checkpoint_docs" -- "$GALLEY" -P "$TP" run \
    -c "$T/default.conf" -o checkpoint_seconds=0 -j 2
[ "$(grep -c '^--' "$T/acks")" -eq 2 ] && pass "2 checkpoints by default: 10000 and the end" ||
    fail "$(grep -c '^--' "$T/acks") ack batches by default, wanted 2"
expect_status 0 "check shows the default" -- "$GALLEY" -P "$TP" check "$T/default.conf"
expect_line "$T/out" "checkpoint_docs = 10000" "check prints the default checkpoint_docs"

# settings are checked and shown
expect_status 2 "a negative checkpoint_docs is refused" -- "$GALLEY" -P "$TP" run -c "$T/ack.conf" -o checkpoint_docs=-1
expect_grep "$T/err" "checkpoint_docs wants an integer from 0 (off)" "the message says what it wants"
expect_status 0 "check shows the checkpoint settings" -- "$GALLEY" -P "$TP" check "$T/ack.conf"
expect_line "$T/out" "checkpoint_docs = 1000" "check prints checkpoint_docs"
expect_line "$T/out" "checkpoint_seconds = 5" "check prints the default checkpoint_seconds"
finish
