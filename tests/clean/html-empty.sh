#!/bin/sh
# tests/clean/html-empty.sh - a page with no root element (only a doctype, a
# comment, blanks, an end tag, a lone '<') right after a normal page, in one
# worker: it must fail on its own, never carry the previous page's text or
# fields (nor read that page's freed nodes: run under valgrind it stays clean).
set -u
fx="$top_srcdir/tests/clean/html-fixtures"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
n=0
for body in '<!DOCTYPE html>' '<!-- only a comment -->' '   ' '</html>' '<'; do
    n=$((n + 1))
    rm -rf "$tmp/in" && mkdir "$tmp/in"
    cp "$fx/comments.html" "$tmp/in/a.html"
    printf '%s' "$body" > "$tmp/in/b.html"
    "$GALLEY" run -j 1 "$tmp/in" > "$tmp/out" 2> "$tmp/err"
    rc=$?
    if [ $rc -ne 1 ]; then
        echo "FAIL: case $n ('$body'): exit $rc, wanted 1 (b.html fails)"; cat "$tmp/err"; fail=1
    fi
    grep -q '"id":"a.html".*Harbour bridge reopens' "$tmp/out" \
        || { echo "FAIL: case $n ('$body'): a.html lost its text"; fail=1; }
    if grep '"id":"b.html"' "$tmp/out" | grep -q -e 'Harbour' -e 'Mara Linden'; then
        echo "FAIL: case $n ('$body'): b.html carries a.html's text or fields"; fail=1
    fi
    grep -q "b.html: stage .*no article text found" "$tmp/err" \
        || { echo "FAIL: case $n ('$body'): no message for b.html"; cat "$tmp/err"; fail=1; }
done
# the last case again under valgrind: no read of the first page's freed nodes
if [ -n "${GALLEY_SANITIZE:-}" ]; then
    echo "note: the valgrind run is skipped: valgrind cannot run a -fsanitize=$GALLEY_SANITIZE build (the runs above were checked by the sanitizer)"
elif command -v valgrind >/dev/null 2>&1; then
    "$top_builddir/libtool" --mode=execute valgrind -q --error-exitcode=9 \
        "$GALLEY" run -j 1 "$tmp/in" > /dev/null 2> "$tmp/err"
    [ $? -eq 9 ] && { echo "FAIL: valgrind finds memory errors"; head -20 "$tmp/err"; fail=1; }
fi
[ $fail = 0 ] && echo "PASS: pages without a root element after a normal page ($n cases)"
exit $fail
