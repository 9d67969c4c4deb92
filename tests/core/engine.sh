#!/bin/sh
# tests/core/engine.sh - output is byte-identical for any worker count, and a
# failing document costs only itself.
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
finish
