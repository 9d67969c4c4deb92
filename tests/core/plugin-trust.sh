#!/bin/sh
# tests/core/plugin-trust.sh - the loader opens only the modules a config or
# command names (opening runs a module's code), refuses modules that other
# users could change or that point outside their directory, and says when a
# module earlier on the path shadows another of the same name.
. "$top_srcdir/tests/core/lib.sh"
MARK="$T/mark"
export GALLEY_TEST_CTOR_MARK="$MARK"
cat >"$T/p.conf" <<CONF
stage "fetch" { plugin = "dir" dir { path = "$ARTICLES/seed" } }
stage "x" { plugin = "opts" opts { label = "l" } }
stage "out" { plugin = "jsonl" jsonl { path = "$T/out.jsonl" } }
CONF

# ---- only what is named is opened (ctormark's constructor makes $MARK) ----
expect_status 0 "run with a module on the path that the config does not name" -- \
    "$GALLEY" -P "$TP" run -c "$T/p.conf"
[ -e "$MARK" ] && fail "run opened ctormark, which the config does not name" || pass "run leaves ctormark closed"
expect_status 0 "check" -- "$GALLEY" -P "$TP" check "$T/p.conf"
[ -e "$MARK" ] && fail "check opened ctormark" || pass "check leaves ctormark closed"
expect_status 0 "inspect another plugin" -- "$GALLEY" -P "$TP" inspect opts
[ -e "$MARK" ] && fail "inspect opts opened ctormark" || pass "inspect opts leaves ctormark closed"
expect_status 0 "inspect ctormark" -- "$GALLEY" -P "$TP" inspect ctormark
[ -e "$MARK" ] && pass "inspect ctormark opens it" || fail "inspect ctormark did not open it"
rm -f "$MARK"
expect_status 0 "plugins" -- "$GALLEY" -P "$TP" plugins
[ -e "$MARK" ] && pass "plugins opens every module" || fail "plugins did not open ctormark"
expect_grep "$T/err" "galley: plugins opens every module in $TP:" "plugins says what it does"

# ---- unsafe files and directories are refused, with the reason ----
setup() {   # a copy of the opts module in $T/pl, safe modes
    rm -rf "$T/pl"
    mkdir -p "$T/pl/.libs"
    cp "$TP/opts.la" "$T/pl/"
    cp "$TP/.libs/opts.so" "$T/pl/.libs/"
    chmod 755 "$T/pl" "$T/pl/.libs"
    chmod 644 "$T/pl/opts.la" "$T/pl/.libs/opts.so"
}
setup
expect_status 0 "a safe copy of a module loads" -- "$GALLEY" -P "$T/pl" inspect opts
expect_grep "$T/out" "module      $T/pl/opts.la" "the copy is the one loaded"
chmod 777 "$T/pl"
expect_status 2 "a world-writable plugin directory" -- "$GALLEY" -P "$T/pl" inspect opts
expect_grep "$T/err" "plugin 'opts' cannot be used: $T/pl/opts.la: refused: directory $T/pl is writable by others (mode 0777): anyone there could change the code galley would run; chmod go-w it" "world-writable directory: message"
chmod 1777 "$T/pl"
expect_status 2 "a sticky world-writable plugin directory" -- "$GALLEY" -P "$T/pl" inspect opts
expect_grep "$T/err" "refused: directory $T/pl is writable by others (mode 1777)" "sticky directory: message"
chmod 775 "$T/pl"
expect_status 2 "a group-writable plugin directory" -- "$GALLEY" -P "$T/pl" inspect opts
expect_grep "$T/err" "refused: directory $T/pl is writable by its group (mode 0775)" "group-writable directory: message"
# a run whose config gives the refused plugin an options section, quietly:
# the reason, not "unknown setting or plugin" (which it said before)
cat >"$T/sec.conf" <<CONF
stage "fetch" { plugin = "stdin" }
stage "o" { plugin = "opts" opts { count = 3 } }
stage "out" { plugin = "jsonl" }
CONF
echo '{"id":"a","text":"x"}' >"$T/one.jsonl"
expect_status 2 "-q run, options section of a refused plugin" -- "$GALLEY" -q -P "$T/pl" run -c "$T/sec.conf" <"$T/one.jsonl"
expect_grep "$T/err" "$T/sec.conf:2: stage 'o': plugin 'opts' cannot be used: $T/pl/opts.la: refused: directory $T/pl is writable by its group (mode 0775)" \
    "options section of a refused plugin: the reason, at the config line"
setup
chmod 666 "$T/pl/.libs/opts.so"
expect_status 2 "a world-writable shared object" -- "$GALLEY" -P "$T/pl" inspect opts
expect_grep "$T/err" "refused: file $T/pl/.libs/opts.so is writable by others (mode 0666)" "world-writable object: message"
setup
sed -i "s|^dlname=.*|dlname='../../evil.so'|" "$T/pl/opts.la"
expect_status 2 "a .la whose dlname leaves the directory" -- "$GALLEY" -P "$T/pl" inspect opts
expect_grep "$T/err" "$T/pl/opts.la: refused: its dlname '../../evil.so' names a file outside the plugin directory (a dlname is a bare file name)" "dlname with ..: message"
[ -e "$MARK" ] && rm -f "$MARK"

# ---- a module of the same name earlier on the path: said, with both paths ----
mkdir -p "$T/sh/.libs"
cp "$top_builddir/plugins/output/jsonl.la" "$T/sh/"
cp "$top_builddir/plugins/output/.libs/jsonl.so" "$T/sh/.libs/"
expect_status 0 "a jsonl module before the bundled one" -- "$GALLEY" -P "$T/sh" run -c "$T/p.conf" -P "$TP"
expect_grep "$T/err" "galley: warning: plugin module 'jsonl' is in $T/sh/jsonl.la and also in $top_builddir/plugins/output/jsonl.la: using $T/sh/jsonl.la, the first on the search path" "shadowing: message"

# ---- as a user who is not root: another user's module is refused ----
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
    setup
    chmod 755 "$T"
    as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
    expect_status 0 "nobody loads root's module" -- as_nobody "$GALLEY" -P "$T/pl" inspect opts
    chown 65534:65534 "$T/pl/.libs/opts.so"
    expect_status 2 "root refuses nobody's module" -- "$GALLEY" -P "$T/pl" inspect opts
    expect_grep "$T/err" "refused: file $T/pl/.libs/opts.so is owned by user 65534, neither you nor root: another user could change the code galley would run" "another user's file: message"
    chown 0:0 "$T/pl/.libs/opts.so"
    chown 65534:65534 "$T/pl"
    mkdir "$T/other"
    cp -a "$T/pl/.libs" "$T/pl/opts.la" "$T/other/"
    chown -R 0:0 "$T/other"
    chmod 777 "$T/other"
    expect_status 2 "nobody refuses a module in a world-writable directory" -- \
        as_nobody "$GALLEY" -P "$T/other" inspect opts
    expect_grep "$T/err" "refused: directory $T/other is writable by others (mode 0777)" "nobody: world-writable directory: message"
    chown -R 0:0 "$T/pl"
else
    echo "note: not root (or no setpriv): the other-user cases are skipped"
fi
finish
