#!/bin/sh
# tests/clean/text_cli.sh - the text clean plugin loaded by galley itself: the
# seed article through fetch/dir, clean/text and output/jsonl, its shipped
# rules found without any option, and a -o override.
set -u
for p in dir text jsonl; do
    if ! "$GALLEY" plugins 2>/dev/null | grep -q "^$p "; then
        echo "SKIP: plugin '$p' is not built here"
        exit 77
    fi
done
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cat > "$tmp/seed.conf" <<CONF
workers = 1
stage "fetch" { plugin = "dir" dir { path = "$top_srcdir/examples/articles/seed" } }
stage "clean" { plugin = "text" }
stage "output" { plugin = "jsonl" jsonl { path = "-" } }
CONF

"$GALLEY" run -q -c "$tmp/seed.conf" > "$tmp/out.jsonl" 2> "$tmp/err" ||
    fail "galley run exited $?: $(cat "$tmp/err")"
for want in '"repairs":"18"' '"repairs_boilerplate":"12"' 'officials and analysts in the capital' \
            'The US embassy said' 'officials. U.S. And from the visit' \
            'are just to show."'; do
    grep -qF "$want" "$tmp/out.jsonl" || fail "output lacks $want"
done
for gone in 'Read more' 'Source link' 'badyst' 'embbady' 'EE. UU' '[Trump'; do
    grep -qF "$gone" "$tmp/out.jsonl" && fail "output still has $gone"
done

# a family switched off from the command line keeps its damage
"$GALLEY" run -q -c "$tmp/seed.conf" -o clean.wordfilter=false > "$tmp/off.jsonl" 2> "$tmp/err" ||
    fail "galley run -o exited $?: $(cat "$tmp/err")"
grep -qF 'badysts in the capital' "$tmp/off.jsonl" || fail "wordfilter=false still repaired words"
grep -qF '"repairs":"15"' "$tmp/off.jsonl" || fail "wordfilter=false: repairs is not 15"

# a rules file that does not parse stops the run before any document
printf 'drop ok\nnonsense here\n' > "$tmp/bad.rules"
"$GALLEY" run -q -c "$tmp/seed.conf" -o clean.boilerplate_rules="$tmp/bad.rules" \
    > /dev/null 2> "$tmp/err"
rc=$?
[ "$rc" = 2 ] || fail "a bad rules file exited $rc, not 2"
grep -qF "bad.rules:2:" "$tmp/err" || fail "message does not name bad.rules:2: $(cat "$tmp/err")"
echo "PASS"
