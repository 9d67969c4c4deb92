#!/bin/sh
# tests/core/engine.sh - output is byte-identical for any worker count, a
# failing document costs only itself, and a slow source's documents are
# written as they come (not held back for a batch).
. "$top_srcdir/tests/core/lib.sh"
CONF="$top_srcdir/conf/default.conf"

for j in 1 2 8; do
    expect_status 0 "default pipeline -j $j" -- "$GALLEY" run -q -c "$CONF" -j "$j"
    cp "$T/out" "$T/out.$j"
done
cmp -s "$T/out.1" "$T/out.2" && pass "-j 1 and -j 2 print the same bytes" || fail "-j 1 and -j 2 differ"
cmp -s "$T/out.1" "$T/out.8" && pass "-j 1 and -j 8 print the same bytes" || fail "-j 1 and -j 8 differ"
[ "$(wc -l <"$T/out.1")" -eq 44 ] && pass "44 records" || fail "not 44 records"

cat >"$T/fail.conf" <<CONF
stage "fetch" {
  plugin = "dir"
  dir { path = "$ARTICLES" include = {"*.txt"} exclude = {"*LICENSE*"} }
}
stage "clean" { plugin = "text" }
stage "fail" { plugin = "failevery" failevery { every = 3 } }
stage "out" { plugin = "jsonl" }
CONF
expect_status 1 "every third doc fails" -- "$GALLEY" -P "$TP" run -c "$T/fail.conf" -j 2
[ "$(wc -l <"$T/out")" -eq 30 ] && pass "the other 30 docs are output" || fail "$(wc -l <"$T/out") docs output, wanted 30"
[ "$(grep -c "stage 'fail' (failevery): failing document" "$T/err")" -eq 14 ] \
    && pass "14 failures reported once each" || fail "failure lines: $(grep -c failing "$T/err")"
expect_grep "$T/err" "galley: 44 docs, 14 failed, 0 skipped" "summary counts the failures"
"$JG" - "$T/out" || fail "output is not valid JSON Lines"

# on_error = abort stops early, still with whole records only
expect_status 1 "on_error=abort" -- "$GALLEY" -P "$TP" run -c "$T/fail.conf" -j 1 -o on_error=abort
expect_grep "$T/err" "stopping after the first failure" "abort is announced"
[ "$(grep -c "failing document" "$T/err")" -eq 1 ] && pass "abort reports one failure" || fail "abort reported more"
"$JG" - "$T/out" || fail "aborted output is not valid JSON Lines"
# A source that sends one document and waits: the document is written
# before the next one comes (the engine hands documents over in batches
# only while more are queued).  The writer sends "b" once "a" is in the
# output, or after 10 s, and notes which.  No timed checkpoints, which
# would also write it (after 5 s).
cat >"$T/trickle.conf" <<CONF
checkpoint_seconds = 0
stage "fetch" { plugin = "stdin" }
stage "extract" { plugin = "sentences" }
stage "out" { plugin = "jsonl" }
CONF
for j in 1 2; do
    rm -f "$T/in" "$T/trickle.out" "$T/seen"
    mkfifo "$T/in"
    (
        exec 3>"$T/in"
        printf '{"id":"a","text":"The first article. It has two sentences."}\n' >&3
        i=0
        while [ $i -lt 100 ]; do
            grep -q '"id":"a"' "$T/trickle.out" 2>/dev/null && { echo yes >"$T/seen"; break; }
            sleep 0.1
            i=$((i + 1))
        done
        printf '{"id":"b","text":"The second article."}\n' >&3
    ) &
    # through a pipe, which jsonl writes at once (a file waits for a checkpoint)
    "$GALLEY" run -q -c "$T/trickle.conf" -j "$j" <"$T/in" 2>"$T/err" | cat >"$T/trickle.out"
    wait
    [ -s "$T/seen" ] && pass "-j $j: a slow source's document is written before the next comes" \
        || fail "-j $j: the first document was not written within 10 s"
    [ "$(wc -l <"$T/trickle.out")" -eq 2 ] && pass "-j $j: both documents written" \
        || fail "-j $j: $(wc -l <"$T/trickle.out") records, wanted 2"
done
finish
