#!/bin/sh
# tests/clean/html.sh - the clean `html` plugin in a real pipeline over a mixed
# directory: web pages become article text and fields, plain text passes through.
set -u
fx="$top_srcdir/tests/clean/html-fixtures"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir "$tmp/in"
cp "$fx/comments.html" "$fx/latin1.html" "$tmp/in/"
printf 'Plain title\n\nA plain-text article that mentions <b>tags</b> and stays as it is.\n' \
    > "$tmp/in/plain.txt"
cat > "$tmp/p.conf" <<CONF
workers = 2
stage "fetch"  { plugin = "dir"  dir { path = "$tmp/in" } }
stage "clean"  { plugin = "clean/html" }
stage "output" { plugin = "jsonl"  jsonl { path = "$tmp/out.jsonl" } }
CONF
"$GALLEY" run -c "$tmp/p.conf" 2> "$tmp/err" || { cat "$tmp/err"; echo "FAIL: galley run"; exit 1; }
fail=0
check() {   # ID PATTERN: the record of ID contains the fixed string PATTERN
    grep "\"id\":\"$1\"" "$tmp/out.jsonl" | grep -F -q -- "$2" \
        || { echo "FAIL: $1 lacks $2"; fail=1; }
}
check_not() {
    ! grep "\"id\":\"$1\"" "$tmp/out.jsonl" | grep -F -q -- "$2" \
        || { echo "FAIL: $1 has $2"; fail=1; }
}
check comments.html '"title":"Harbour bridge reopens after repairs"'
check comments.html '"author":"Mara Linden"'
check comments.html 'first across.\n\nThe council said'
check_not comments.html 'potholes'
check_not comments.html '<p>'
check latin1.html 'The café on the corner'
check plain.txt '"text":"Plain title\n\nA plain-text article that mentions <b>tags</b> and stays as it is.\n"'
check_not plain.txt '"title"'
[ $fail = 0 ] && echo "PASS: mixed directory through dir -> clean/html -> jsonl"
exit $fail
