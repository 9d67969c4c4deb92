#!/bin/sh
# tests/sdk/man.sh - the man pages stay true to the command: every option and
# command `galley --help` lists is in galley(1), the built page has its
# installed paths filled in, and man(1) renders the pages without warnings.
. "$top_srcdir/tests/core/lib.sh"
PAGE="$top_builddir/doc/galley.1"
[ -f "$PAGE" ] || { fail "doc/galley.1 was not built"; finish; }
grep -q "@PKG" "$PAGE" && fail "galley.1 has unfilled @PKG...@ paths"

"$GALLEY" --help >"$T/help"
# options as the help spells them, and the commands
sed -n 's/^ *\(-[a-zA-Z]\), \(--[a-z-]*\).*/\1 \2/p; s/^ *\(--[a-z-]*\).*/\1/p' "$T/help" |
    tr ' ,' '\n\n' | grep -- '^-' | sort -u >"$T/opts"
[ "$(wc -l <"$T/opts")" -ge 12 ] || fail "could not read the options from --help"
sed 's/\\-/-/g; s/\\f[BIRP]//g' "$PAGE" >"$T/page"
while read -r opt; do
    grep -q -- "$opt\\b" "$T/page" || fail "galley(1) does not document $opt"
done <"$T/opts"
for cmd in run check plugins inspect; do
    grep -q "^\.B[IR]* $cmd\\b" "$PAGE" || fail "galley(1) has no entry for the command $cmd"
done
for env in GALLEY_PLUGIN_PATH GALLEY_CONF; do
    grep -q "$env" "$T/help" && { grep -q "$env" "$PAGE" || fail "galley(1) does not document $env"; }
done
for code in 0 1 2 130; do
    grep -qx "\.B $code" "$PAGE" || fail "galley(1) does not document exit status $code"
done
pass "galley(1) covers --help ($(wc -l <"$T/opts") options)"

if command -v man >/dev/null 2>&1; then
    for p in "$PAGE" "$top_srcdir/doc/galley-plugin.7" "$top_srcdir/doc/galley-new-plugin.1"; do
        LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$p" >"$T/out" 2>"$T/err"
        if [ -s "$T/err" ]; then fail "man warns about $(basename "$p")"; sed 's/^/  /' "$T/err" | head
        elif [ "$(wc -l <"$T/out")" -lt 20 ]; then fail "$(basename "$p") renders empty"
        else pass "$(basename "$p") renders cleanly"; fi
    done
else
    echo "note: no man(1) here; rendering not checked"
fi
finish
