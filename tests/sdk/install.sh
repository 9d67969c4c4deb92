#!/bin/sh
# tests/sdk/install.sh - the SDK as a user gets it: `make install` into a
# scratch DESTDIR, then examples/plugin and every galley-new-plugin skeleton
# are built with only the installed galley.pc and headers and run by the
# installed galley over examples/articles.
. "$top_srcdir/tests/core/lib.sh"

# the nested make is a fresh one: no jobserver, no TESTS=... from make check
nmake() { (unset MAKEFLAGS MFLAGS MAKELEVEL; ${MAKE:-make} "$@"); }
# test programs must find libgalley by the rpath their Makefile gives them
nmake_check() { (unset LD_LIBRARY_PATH; nmake "$@"); }
DEST="$T/dest"
(cd "$top_builddir" && nmake install DESTDIR="$DEST") >"$T/install.log" 2>&1 ||
    { sed 's/^/  install: /' "$T/install.log" | tail -20; fail "make install DESTDIR"; finish; }
pass "make install DESTDIR=..."

pcvar() { pkg-config --variable="$1" "$top_builddir/galley.pc"; }
libdir=$(pcvar libdir) plugindir=$(pcvar plugindir) confdir=$(pcvar confdir)
includedir=$(pcvar includedir) pkgdatadir=$(pcvar datadir)/galley
PC_DIR="$DEST$libdir/pkgconfig"
[ -f "$PC_DIR/galley.pc" ] && pass "galley.pc installed" || fail "no $PC_DIR/galley.pc"
[ -f "$DEST$includedir/galley/testing.h" ] && pass "headers under includedir/galley" ||
    fail "no $DEST$includedir/galley/testing.h"
ls "$DEST$libdir"/libgalley.so.0* >/dev/null 2>&1 && pass "versioned libgalley.so" ||
    fail "no versioned libgalley.so in $DEST$libdir"
[ -f "$DEST$plugindir/jsonl.so" ] && pass "plugins in plugindir" || fail "no $DEST$plugindir/jsonl.so"
IGALLEY=$(find "$DEST" -type f -name galley | head -1)
NEWPLUGIN=$(find "$DEST" -type f -name galley-new-plugin | head -1)
[ -x "$IGALLEY" ] && [ -x "$NEWPLUGIN" ] || { fail "galley or galley-new-plugin not installed"; finish; }
for page in galley.1 galley-plugin.7; do
    find "$DEST" -name "$page" | grep -q . && pass "man page $page" || fail "no man page $page"
done

# only the scratch prefix from here on: its pkg-config file, library, plugins
PKG_CONFIG_PATH="$PC_DIR"
PKG_CONFIG_SYSROOT_DIR="$DEST" LD_LIBRARY_PATH="$DEST$libdir" GALLEY_PLUGIN_PATH="$DEST$plugindir"
GALLEY_DATADIR="$DEST$pkgdatadir"
export PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR LD_LIBRARY_PATH GALLEY_PLUGIN_PATH GALLEY_DATADIR
unset GALLEY_CONF
pkg-config --cflags galley >"$T/cflags"
expect_grep "$T/cflags" "-I$DEST$includedir" "pkg-config --cflags points into the prefix"

# examples/plugin, copied out of the (read-only) source tree and built there
cp -R "$top_srcdir/examples/plugin" "$T/plugin"
chmod -R u+w "$T/plugin"
rm -f "$T/plugin/wordcount.so" "$T/plugin/test_wordcount"
expect_status 0 "examples/plugin builds with pkg-config" -- nmake -C "$T/plugin" CC="${CC:-cc}" CFLAGS="-O2 -Wall -Wextra -Werror"
[ -f "$T/plugin/wordcount.so" ] || fail "no wordcount.so"
expect_status 0 "examples/plugin: make check (galley/testing.h)" -- nmake_check -C "$T/plugin" CC="${CC:-cc}" check
expect_grep "$T/out" "100%: Checks: 4, Failures: 0" "the example's Check tests pass"

expect_status 0 "installed galley inspects wordcount" -- "$IGALLEY" -P "$T/plugin" inspect wordcount
expect_line "$T/out" '  words_per_minute int     default "230", range 50..1000' "inspect shows the plugin's own option table"
expect_line "$T/out" "  provides    words reading_minutes" "inspect shows what it provides"

ART="$top_srcdir/examples/articles"
expect_status 0 "the installed galley runs wordcount.conf" -- "$IGALLEY" -P "$T/plugin" run -c "$T/plugin/wordcount.conf" "$ART"
cp "$T/out" "$T/wc.jsonl"
n=$(wc -l <"$T/wc.jsonl")
[ "$n" -eq 44 ] && pass "44 records" || fail "$n records, wanted 44"
"$JG" fields.words "$T/wc.jsonl" >"$T/words"
"$JG" fields.reading_minutes "$T/wc.jsonl" >"$T/minutes"
# every article has words, and minutes = ceil(words / 200) as the config says
paste "$T/words" "$T/minutes" | awk '
    $1 !~ /^[0-9]+$/ || $1 < 100 { print "bad words: " $0; bad = 1 }
    int(($1 + 199) / 200) != $2 { print "bad minutes: " $0; bad = 1 }
    END { exit bad }' && pass "words and reading_minutes on every record" || fail "wordcount fields"
grep '"seed/mattis-pakistan.txt"' "$T/wc.jsonl" | "$JG" fields.words >"$T/seed"
w=$(cat "$T/seed")
# the seed article has about 800 words once cleaned (wc -w of the raw file: ~860)
[ "$w" -gt 700 ] && [ "$w" -lt 900 ] && pass "seed article: $w words" || fail "seed article: $w words"
expect_status 0 "-o overrides the plugin's option" -- "$IGALLEY" -P "$T/plugin" run -q -o count.words_per_minute=50 -c "$T/plugin/wordcount.conf" "$ART/seed"
[ "$("$JG" fields.reading_minutes <"$T/out")" = "$(( (w + 49) / 50 ))" ] && pass "words_per_minute=50 changes the minutes" || fail "override ignored"
expect_status 2 "an out-of-range option is refused before anything runs" -- "$IGALLEY" -P "$T/plugin" run -o count.words_per_minute=5 -c "$T/plugin/wordcount.conf" "$ART/seed"
expect_grep "$T/err" "stage 'count' (wordcount)" "the refusal names the stage and plugin"

# the installed default.conf finds the installed examples
if [ -d "$DEST$pkgdatadir/examples/articles" ]; then
    expect_status 0 "installed default.conf" -- env GALLEY_CONF="$DEST$confdir/default.conf" "$IGALLEY" run -q
    [ "$(wc -l <"$T/out")" -eq 44 ] && pass "default.conf runs on the installed articles" || fail "default.conf: $(wc -l <"$T/out") records"
else
    echo "note: examples/articles is not installed under pkgdatadir/examples; default.conf's ../examples/articles is not checked"
fi

# the installed copy of examples/plugin builds and runs as it is, on the
# installed articles beside it (its config says ../articles)
if [ -f "$DEST$pkgdatadir/examples/plugin/wordcount.c" ]; then
    cp -R "$DEST$pkgdatadir/examples" "$T/installed-examples"
    chmod -R u+w "$T/installed-examples"
    expect_status 0 "the installed examples/plugin builds" -- nmake -C "$T/installed-examples/plugin" CC="${CC:-cc}"
    expect_status 0 "and runs its config" -- sh -c 'cd "$1" && "$2" -P . run -q -c wordcount.conf' sh "$T/installed-examples/plugin" "$IGALLEY"
    [ "$(wc -l <"$T/out")" -eq 44 ] && pass "44 records from the installed example" || fail "$(wc -l <"$T/out") records from the installed example"
else
    echo "note: examples/plugin is not installed under pkgdatadir/examples; not checked"
fi

# every skeleton galley-new-plugin writes builds, passes its test and runs
cd "$T" || exit 1
for kind in fetch clean extract summarize output; do
    expect_status 0 "galley-new-plugin my_$kind $kind" -- "$NEWPLUGIN" "my_$kind" "$kind"
    expect_status 0 "my_$kind builds (-Werror) and its test passes" -- nmake_check -C "my_$kind" CC="${CC:-cc}" CFLAGS="-Wall -Wextra -Werror" all check
    # a fetch skeleton reads its own sample.txt; the others fetch the seed article
    path="$ART/seed"; [ "$kind" = fetch ] && path=sample.txt
    (cd "my_$kind" && "$IGALLEY" -P . run -q -c "my_$kind.conf" "$path") >"$T/my_$kind.out" 2>"$T/err" ||
        { fail "my_$kind.conf does not run"; sed 's/^/  /' "$T/err"; }
done
[ "$("$JG" fields.sentences <"$T/my_extract.out")" -gt 10 ] 2>/dev/null && pass "extract skeleton counts sentences" || fail "extract skeleton output"
"$JG" fields.summary <"$T/my_summarize.out" | grep -q "^Mattis urges Pakistan" && pass "summarize skeleton summarises" || fail "summarize skeleton output"
grep -q "^mattis-pakistan.txt	Mattis urges" "$T/my_output.out" && pass "output skeleton writes id and title" || fail "output skeleton output"
[ "$(wc -l <"$T/my_fetch.out")" -eq 2 ] && pass "fetch skeleton: one doc per line" || fail "fetch skeleton output"
expect_status 2 "a bad KIND is refused" -- "$NEWPLUGIN" x filter
expect_grep "$T/err" "KIND 'filter' is not one of fetch, clean, extract, summarize, output" "bad KIND message"
expect_status 2 "an existing directory is not overwritten" -- "$NEWPLUGIN" my_clean clean
finish
