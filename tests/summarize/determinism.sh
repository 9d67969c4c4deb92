#!/bin/sh
# tests/summarize/determinism.sh - the default summarizer (newsrank as
# conf/default.conf runs it) gives the same bytes for the same input: twice
# in a row, and with one worker or two, over every example article.
set -u
: "${GALLEY:?}" "${top_srcdir:?}"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/d.conf" <<EOC
stage "fetch" {
  plugin = "dir"
  dir { path = "$top_srcdir/examples/articles" include = {"*.txt", "*.html"} exclude = {"*LICENSE*"} }
}
stage "html" { plugin = "clean/html" }
stage "clean" { plugin = "text" }
stage "extract" { plugin = "sentences" }
stage "summarize" { plugin = "newsrank" newsrank { sentences = 3 } }
stage "output" { plugin = "jsonl" jsonl { path = "-" } }
EOC
fail=0
for run in a:1 b:1 c:2; do
    name=${run%%:*} j=${run#*:}
    if ! "$GALLEY" run -q -j "$j" -c "$tmp/d.conf" > "$tmp/$name.jsonl" 2> "$tmp/err"; then
        echo "FAIL: galley run -j $j failed:"; cat "$tmp/err"; exit 1
    fi
done
n=$(grep -c '"summary"' "$tmp/a.jsonl")
if [ "$n" -lt 40 ]; then
    echo "FAIL: only $n summaries in the first run"; fail=1
fi
cmp -s "$tmp/a.jsonl" "$tmp/b.jsonl" || { echo "FAIL: two runs with -j 1 differ"; fail=1; }
cmp -s "$tmp/a.jsonl" "$tmp/c.jsonl" || { echo "FAIL: -j 1 and -j 2 differ"; fail=1; }
[ "$fail" = 0 ] && echo "ok: $n summaries, the same bytes twice and with -j 1 and -j 2"
exit "$fail"
