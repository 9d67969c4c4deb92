#!/bin/sh
# tests/core/e2e.sh - galley run over the bundled articles, checked as a
# reader would: 44 valid records, the seed article's title and lead summary.
. "$top_srcdir/tests/core/lib.sh"

# the config's paths are canonical, so give the same spelling here
ARTICLES=$(cd "$ARTICLES" && pwd -P)
expect_status 0 "galley run examples/articles" -- "$GALLEY" run "$ARTICLES"
cp "$T/out" "$T/all.jsonl"
[ "$(wc -l <"$T/all.jsonl")" -eq 44 ] && pass "44 records" || fail "$(wc -l <"$T/all.jsonl") records"
"$JG" - "$T/all.jsonl" && pass "every line is a JSON object" || fail "invalid JSON"
expect_grep "$T/err" "galley: 44 docs, 0 failed, 0 skipped" "summary line"

grep '"seed/mattis-pakistan.txt"' "$T/all.jsonl" >"$T/seed.jsonl"
[ "$(wc -l <"$T/seed.jsonl")" -eq 1 ] || fail "no seed record"
"$JG" fields.title "$T/seed.jsonl" >"$T/title"
expect_line "$T/title" "Mattis urges Pakistan to “redouble” efforts against Islamist militants" "seed title"
"$JG" fields.summary "$T/seed.jsonl" >"$T/summary"
grep -q "Mattis urges Pakistan" "$T/summary" && fail "the summary repeats the title"
expect_grep "$T/summary" "Defense Secretary Jim Mattis, on his first visit to Pakistan" "summary starts with the lead"
"$JG" layers.summary "$T/seed.jsonl" >"$T/spans"
n=$(tr -cd '{' <"$T/spans" | wc -c)
[ "$n" -eq 3 ] && pass "3 summary sentences" || fail "$n summary spans"

# -c conf/default.conf gives the same records
expect_status 0 "galley run -c conf/default.conf" -- "$GALLEY" run -c "$top_srcdir/conf/default.conf"
cmp -s "$T/out" "$T/all.jsonl" && pass "same output with -c" || fail "-c output differs"
finish
