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
check_summary() {   # WHAT: the seed's summary has 3 sentences, no title, no footer
    "$JG" fields.summary "$T/seed.jsonl" >"$T/summary"
    grep -q "Mattis urges Pakistan" "$T/summary" && fail "$1: the summary repeats the title"
    grep -Eq "Read more|Leave a Reply|Source link|\[The U.S. says" "$T/summary" \
        && fail "$1: the summary has footer or link text"
    "$JG" layers.summary "$T/seed.jsonl" >"$T/spans"
    n=$(tr -cd '{' <"$T/spans" | wc -c)
    [ "$n" -eq 3 ] && pass "$1: 3 summary sentences" || fail "$1: $n summary spans"
}
check_summary "default summarizer"
"$JG" fields.people "$T/seed.jsonl" >"$T/people"
expect_grep "$T/people" '"Jim Mattis"' "people include Jim Mattis"

# the lead summarizer: the first three body sentences, never the title
cat >"$T/lead.conf" <<CONF
stage "fetch" { plugin = "dir" dir { path = "$ARTICLES" include = {"*.txt"} exclude = {"*LICENSE*"} } }
stage "clean" { plugin = "text" }
stage "extract" { plugin = "sentences" }
stage "summarize" { plugin = "lead" lead { sentences = 3 } }
stage "output" { plugin = "jsonl" }
CONF
expect_status 0 "the lead pipeline" -- "$GALLEY" run -c "$T/lead.conf"
[ "$(wc -l <"$T/out")" -eq 44 ] && pass "lead: 44 records" || fail "lead: $(wc -l <"$T/out") records"
grep '"seed/mattis-pakistan.txt"' "$T/out" >"$T/seed.jsonl"
check_summary "lead"
expect_grep "$T/summary" "Defense Secretary Jim Mattis, on his first visit to Pakistan" "lead: starts with the first body sentence"
expect_grep "$T/summary" "Instead, he adopted a softer and more diplomatic approach" "lead: ends with the third"

# -c conf/default.conf gives the same records
expect_status 0 "galley run -c conf/default.conf" -- "$GALLEY" run -c "$top_srcdir/conf/default.conf"
cmp -s "$T/out" "$T/all.jsonl" && pass "same output with -c" || fail "-c output differs"
finish
