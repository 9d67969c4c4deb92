#!/bin/sh
# tests/output/prepare.sh - records built by jsonl's prepare() in the workers
# (ABI 1.2): two jsonl outputs in one pipeline each write their own records,
# in fetch order, the same bytes at -j 1 and -j 3.
. "$top_srcdir/tests/core/lib.sh"

conf() {  # FILE JOBS
    cat >"$1" <<CONF
stage "fetch" { plugin = "dir" dir { path = "$ARTICLES" include = {"*.txt"} exclude = {"*LICENSE*"} } }
stage "clean" { plugin = "text" }
stage "extract" { plugin = "sentences" }
stage "full" { plugin = "jsonl" jsonl { path = "$T/full-$2.jsonl" } }
stage "lean" { plugin = "jsonl" jsonl { path = "$T/lean-$2.jsonl" text = false layers = false } }
CONF
}
for j in 1 3; do
    conf "$T/p$j.conf" "$j"
    expect_status 0 "two jsonl outputs at -j $j" -- "$GALLEY" run -q -j "$j" -c "$T/p$j.conf"
done
cmp -s "$T/full-1.jsonl" "$T/full-3.jsonl" && pass "-j 1 and -j 3 write the same records" \
    || fail "-j 1 and -j 3 differ"
cmp -s "$T/lean-1.jsonl" "$T/lean-3.jsonl" && pass "the second output too" \
    || fail "the second output differs between -j 1 and -j 3"
n=$(wc -l <"$T/full-3.jsonl")
[ "$n" -gt 5 ] && [ "$n" -eq "$(wc -l <"$T/lean-3.jsonl")" ] && pass "$n records in each" \
    || fail "record counts: $n and $(wc -l <"$T/lean-3.jsonl")"
# each output got its own record: the lean one has no text, the full one has
grep -q '"text":' "$T/lean-3.jsonl" && fail "the lean output got the full output's records"
grep -q '"text":' "$T/full-3.jsonl" || fail "the full output has no text"
# fetch order: the ids as the lean records list them are sorted as dir fetches them
"$JG" id "$T/lean-3.jsonl" >"$T/ids"
"$JG" id "$T/full-1.jsonl" >"$T/ids1"
cmp -s "$T/ids" "$T/ids1" && pass "records in fetch order" || fail "order differs"
finish
