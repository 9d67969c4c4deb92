#!/bin/sh
# tests/sdk/guide.sh - the C samples of doc/plugin-guide.md build: each ```c
# block compiles warning-free on its own with the in-tree headers; a block
# that defines a plugin becomes a module galley loads and inspects; the Check
# sample links with the wordcount block and passes; and the guide's copy of
# wordcount.c is the one in examples/plugin.
. "$top_srcdir/tests/core/lib.sh"
GUIDE="$top_srcdir/doc/plugin-guide.md"
CC=${CC:-cc}
CFLAGS="-std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Werror -I$top_srcdir/include"
LIBS="-L$top_builddir/core/.libs -lgalley"
LD_LIBRARY_PATH="$top_builddir/core/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export LD_LIBRARY_PATH

mkdir "$T/blocks" "$T/mods"
awk -v dir="$T/blocks" '
    /^```c$/ { n++; file = sprintf("%s/block%02d.c", dir, n); inside = 1; next }
    /^```/ && inside { inside = 0; close(file); next }
    inside { print > file }' "$GUIDE"
n=$(ls "$T/blocks" | wc -l)
[ "$n" -ge 4 ] && pass "$n C samples in the guide" || fail "only $n C samples found"

wordcount=
for b in "$T"/blocks/*.c; do
    name=$(basename "$b" .c)
    if ! $CC $CFLAGS -c "$b" -o "$T/$name.o" 2>"$T/err"; then
        fail "$name does not compile:"; sed 's/^/  /' "$T/err" | head -20; head -3 "$b"; continue
    fi
    pass "$name compiles ($(sed -n 1p "$b" | cut -c1-60))"
    id=$(sed -n 's/^GALLEY_PLUGIN(\([a-z_0-9]*\),.*/\1/p' "$b")
    [ -n "$id" ] || continue
    [ "$id" = wordcount ] && wordcount=$b
    if $CC $CFLAGS -shared -fPIC -o "$T/mods/$id.so" "$b" $LIBS 2>"$T/err"; then
        expect_status 0 "galley loads and inspects the sample plugin '$id'" -- "$GALLEY" -P "$T/mods" inspect "$id"
    else
        fail "$name does not link as $id.so"; sed 's/^/  /' "$T/err" | head
    fi
done

[ -n "$wordcount" ] && cmp -s "$wordcount" "$top_srcdir/examples/plugin/wordcount.c" &&
    pass "the guide shows examples/plugin/wordcount.c as it is" ||
    fail "the guide's wordcount.c differs from examples/plugin/wordcount.c"

# the guide's Makefile lines are those of examples/plugin/Makefile
awk '/^```make$/ { f = 1; next } /^```/ { f = 0 } f' "$GUIDE" >"$T/guide.mk"
[ -s "$T/guide.mk" ] || fail "no Makefile sample in the guide"
while IFS= read -r line; do
    grep -qxF -- "$line" "$top_srcdir/examples/plugin/Makefile" || fail "guide Makefile line not in examples/plugin/Makefile: $line"
done <"$T/guide.mk"
pass "the guide's Makefile is examples/plugin/Makefile's"

# the Check sample, linked with the wordcount sample
test_block=$(grep -l "START_TEST" "$T"/blocks/*.c | head -1)
if [ -n "$test_block" ] && [ -n "$wordcount" ]; then
    if $CC $CFLAGS -o "$T/guide_test" "$test_block" "$wordcount" $LIBS \
        $(pkg-config --cflags --libs check) 2>"$T/err"; then
        expect_status 0 "the guide's Check sample passes" -- "$T/guide_test"
    else
        fail "the Check sample does not link"; sed 's/^/  /' "$T/err" | head
    fi
else
    fail "no Check sample in the guide"
fi

# the stopcount sample: its data is found, loaded once for 4 workers, and
# its log line carries the stage prefix the core adds
cat >"$T/sc.conf" <<CONF
stage "fetch" { plugin = "dir" }
stage "stops" { plugin = "stopcount" }
stage "output" { plugin = "jsonl" jsonl { text = false layers = false } }
CONF
expect_status 0 "the stopcount sample runs with 4 workers" -- \
    "$GALLEY" -P "$T/mods" run -v -j 4 -c "$T/sc.conf" "$top_srcdir/examples/articles/seed"
grep -q '"stop_words":"[1-9]' "$T/out" && pass "stopcount counts stop words" || fail "no stop_words field"
[ "$(grep -c "galley: stage 'stops' (stopcount): [0-9]* stop words from .*keyphrase-stopwords.txt" "$T/err")" -eq 1 ] \
    && pass "the shared list is loaded once, and logged with the stage prefix" \
    || fail "load lines: $(grep -c 'stop words from' "$T/err")"

# the lines sample: `galley run FILE` reaches its path option, --shard its
# shard option, the two shards split the lines, and it logs with the prefix
printf 'one text\ntwo texts\n\nfour\nfive\nsix\nseven\n' >"$T/lines.txt"
cat >"$T/ln.conf" <<CONF
stage "fetch" { plugin = "lines" }
stage "output" { plugin = "jsonl" jsonl { text = false layers = false } }
CONF
expect_status 1 "the lines sample runs on the file galley run names (one empty line fails)" -- \
    "$GALLEY" -P "$T/mods" run -c "$T/ln.conf" "$T/lines.txt"
[ "$(wc -l <"$T/out")" -eq 6 ] && pass "6 documents from 7 lines" || fail "$(wc -l <"$T/out") documents"
expect_grep "$T/err" "line3: stage 'fetch' (lines): line 3 is empty" "the empty line fails with its id and stage"
shards=0
for k in 1 2; do
    "$GALLEY" -P "$T/mods" run -v --shard $k/2 -c "$T/ln.conf" "$T/lines.txt" >"$T/out$k" 2>"$T/err$k"
    shards=$((shards + $(grep -c "galley: stage 'fetch' (lines): [0-9]* of 7 lines in this shard" "$T/err$k")))
done
[ "$shards" -eq 2 ] && pass "each shard logs its count with the stage prefix" || fail "shard log lines: $shards"
cat "$T/out1" "$T/out2" | "$top_builddir/tests/core/jsonl-get" id | sort >"$T/ids"
[ "$(sort -u "$T/ids" | wc -l)" -eq 6 ] && [ "$(wc -l <"$T/ids")" -eq 6 ] &&
    [ -s "$T/out1" ] && [ -s "$T/out2" ] &&
    pass "--shard 1/2 and 2/2 split the 6 documents without overlap" ||
    fail "shards: $(wc -l <"$T/out1") + $(wc -l <"$T/out2") lines, ids: $(tr '\n' ' ' <"$T/ids")"

# the keywords sample does what the guide says
cat >"$T/kw.conf" <<CONF
stage "fetch" { plugin = "dir" }
stage "clean" { plugin = "text" }
stage "keys" { plugin = "keywords" keywords { words = {"Pakistan", "militant"} min_count = 3 } }
stage "output" { plugin = "jsonl" jsonl { text = false layers = false } }
CONF
expect_status 0 "the keywords sample runs" -- "$GALLEY" -P "$T/mods" run -q -c "$T/kw.conf" "$top_srcdir/examples/articles/seed"
"$top_builddir/tests/core/jsonl-get" fields.keyword <"$T/out" >"$T/kw"
expect_grep "$T/kw" '"value":"Pakistan"' "keywords finds 'Pakistan'"
expect_grep "$T/kw" '"value":"militant"' "keywords finds 'militants' by its stem"
expect_status 0 "match = exact" -- "$GALLEY" -P "$T/mods" run -q -o keys.match=exact -c "$T/kw.conf" "$top_srcdir/examples/articles/seed"
"$top_builddir/tests/core/jsonl-get" fields.keyword <"$T/out" >"$T/kw"
grep -q '"value":"militant"' "$T/kw" && fail "match = exact still counts 'militants' as 'militant'" || pass "match = exact counts only the word itself"
finish
