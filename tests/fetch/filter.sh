#!/bin/sh
# tests/fetch/filter.sh - galley as a line filter (as Hadoop Streaming, Spark's
# pipe() or GNU parallel run it): JSON Lines in on stdin, JSON Lines out on
# stdout, in order; a malformed line fails alone, named by its line number.
set -u
: "${GALLEY:?run through make check}"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
cat > "$tmp/filter.conf" <<'CONF'
stage "fetch" { plugin = "stdin" }
stage "output" { plugin = "jsonl" jsonl { path = "-" } }
CONF

fail=0
printf '%s\n' \
    '{"id": "a", "text": "First record.", "title": "A"}' \
    '{"id": "b", "html": "<p>Second</p>", "url": "https://example.org/b"}' \
    '{"id": "c", "text": ' \
    '{"id": "d", "text": "Fourth."}' |
    "$GALLEY" run -q -c "$tmp/filter.conf" > "$tmp/out" 2> "$tmp/err"
st=$?
ids=$(sed -n 's/^{"id":"\([^"]*\)".*/\1/p' "$tmp/out" | tr '\n' ' ')
if [ "$ids" != "a b d " ]; then
    echo "filter: records out: '$ids', want 'a b d '"
    cat "$tmp/out"
    fail=1
fi
if [ "$st" != 1 ] || ! grep -q "stdin:3: .*stdin line 3" "$tmp/err"; then
    echo "filter: exit $st (want 1) and stderr:"
    cat "$tmp/err"
    fail=1
fi
grep -q '"title":"A"' "$tmp/out" || { echo "filter: the title field was lost"; fail=1; }

# format = paths: the file names come on stdin
printf 'one\n' > "$tmp/one.txt"
printf 'two\n' > "$tmp/two.txt"
printf '%s\n' "$tmp/two.txt" "$tmp/one.txt" |
    "$GALLEY" run -q -c "$tmp/filter.conf" -o fetch.format=paths > "$tmp/out2"
st=$?
n=$(grep -c '"text":"two\\n"' "$tmp/out2")
if [ "$st" != 0 ] || [ "$n" != 1 ] || ! head -n 1 "$tmp/out2" | grep -q 'two.txt'; then
    echo "filter: paths mode gave exit $st:"
    cat "$tmp/out2"
    fail=1
fi
[ "$fail" = 0 ] && echo "filter: ok"
exit "$fail"
