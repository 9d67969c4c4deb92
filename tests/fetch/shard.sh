#!/bin/sh
# tests/fetch/shard.sh - `galley run --shard K/3` for K = 1, 2, 3 over the
# bundled articles: together they give every article exactly once.
set -u
: "${GALLEY:?run through make check}"
: "${top_srcdir:?run through make check}"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
cat > "$tmp/fetch.conf" <<'CONF'
stage "fetch" {
  plugin = "dir"
  dir { include = {"*.txt"} exclude = {"*LICENSE*"} }
}
stage "output" { plugin = "jsonl" }
CONF
articles=$top_srcdir/examples/articles

fail=0
for k in 1 2 3; do
    if ! "$GALLEY" run -q --shard "$k/3" -c "$tmp/fetch.conf" "$articles" > "$tmp/out$k.jsonl"; then
        echo "shard: galley run --shard $k/3 failed"
        fail=1
    fi
    # the id is the first member of each record
    sed -n 's/^{"id":"\([^"]*\)".*/\1/p' "$tmp/out$k.jsonl" > "$tmp/ids$k"
    n=$(wc -l < "$tmp/ids$k")
    echo "shard $k/3: $n articles"
    if [ "$n" -eq 0 ]; then
        echo "shard: shard $k/3 is empty"
        fail=1
    fi
done

(cd "$articles" && find . -name '*.txt' ! -name '*LICENSE*' | sed 's|^\./||') | LC_ALL=C sort > "$tmp/want"
cat "$tmp/ids1" "$tmp/ids2" "$tmp/ids3" | LC_ALL=C sort > "$tmp/got"
if ! cmp -s "$tmp/want" "$tmp/got"; then
    echo "shard: the shards together are not each article exactly once:"
    diff "$tmp/want" "$tmp/got" | head -20
    fail=1
fi
[ "$(wc -l < "$tmp/want")" -gt 10 ] || { echo "shard: too few articles found"; fail=1; }

# a bad shard is a usage error before anything runs
"$GALLEY" run -q --shard 4/3 -c "$tmp/fetch.conf" "$articles" > /dev/null 2> "$tmp/err"
st=$?
if [ "$st" != 2 ] || ! grep -q "K/N" "$tmp/err"; then
    echo "shard: --shard 4/3 gave exit $st, want 2 with a K/N message:"
    cat "$tmp/err"
    fail=1
fi
[ "$fail" = 0 ] && echo "shard: ok"
exit "$fail"
