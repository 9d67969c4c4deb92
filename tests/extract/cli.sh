#!/bin/sh
# tests/extract/cli.sh - the sentences, metadata and quotes plugins loaded by
# galley itself (dlopen) over the bundled articles, seen through jsonl output.
set -u
: "${GALLEY:?run through make check}"
T=$(mktemp -d "${TMPDIR:-/tmp}/galley-text.XXXXXX")
trap 'rm -rf "$T"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
check() {   # check FILE TEXT WHAT
    if grep -qF -- "$2" "$1"; then echo "ok: $3"; else fail "$3 (no $2)"; fi
}

cat >"$T/text.conf" <<CONF
stage "fetch" { plugin = "dir"  dir { path = "$top_srcdir/examples/articles" include = {"*.txt"} exclude = {"*LICENSE*"} } }
stage "sentences" { plugin = "sentences" }
stage "metadata" { plugin = "metadata" }
stage "quotes" { plugin = "quotes" }
stage "output" { plugin = "jsonl" jsonl { path = "-" } }
CONF
if "$GALLEY" run -c "$T/text.conf" -j 2 >"$T/out" 2>"$T/err"; then
    echo "ok: the pipeline ran"
else
    fail "galley run exited $?"; sed 's/^/  stderr: /' "$T/err" | head -20
fi
docs=$(grep -c '^{' "$T/out")
[ "$docs" -eq 44 ] && echo "ok: 44 documents" || fail "$docs documents, wanted 44"
grep '"id":"seed/mattis-pakistan.txt"' "$T/out" >"$T/seed"
check "$T/seed" '"title":"Mattis urges Pakistan to “redouble” efforts against Islamist militants"' "seed title"
check "$T/seed" '"dateline":"Islamabad, Pakistan"' "seed dateline"
check "$T/seed" '"lang":"en"' "seed language"
check "$T/seed" '"label":"General John Nicholson Jr."' "Nicholson quoted"
check "$T/seed" '"label":"Abbasi"' "Abbasi quoted"
check "$T/seed" '"label":"Pakistani army officials"' "officials quoted"
grep '"id":"wikinews/GUM_news_afghan.txt"' "$T/out" >"$T/afghan"
check "$T/afghan" '"date":"2017-07-21"' "Wikinews date line"
check "$T/afghan" '"label":"date"' "date line labelled in the sentence layer"
# every document got sentences and a word count
n=$(grep -c '"sentence":\[' "$T/out")
[ "$n" -eq 44 ] && echo "ok: sentences everywhere" || fail "$n documents with sentences"
n=$(grep -c '"words":"' "$T/out")
[ "$n" -eq 44 ] && echo "ok: word counts everywhere" || fail "$n documents with words"
[ "$failures" -eq 0 ] || { echo "$failures check(s) failed"; exit 1; }
exit 0
