#!/bin/sh
# tests/core/names.sh - hostile file names: a newline does not forge a log
# line, escape codes never reach the terminal, and names that differ only in
# bytes that are not UTF-8 keep distinct ids (and rows in sqlite).
. "$top_srcdir/tests/core/lib.sh"
ESC=$(printf '\033')
mkdir "$T/in"
forged="evil
galley: 9 docs, 0 failed, 0 skipped in 0.01 s (900 docs per s).html"
printf '<p></p>' >"$T/in/$forged"
printf '<p></p>' >"$T/in/esc${ESC}]0;owned$(printf '\007')${ESC}[2J.html"
expect_status 1 "two empty pages with hostile names" -- "$GALLEY" run -j 1 "$T/in"
expect_grep "$T/err" "galley: error: evil\\ngalley: 9 docs, 0 failed, 0 skipped in 0.01 s (900 docs per s).html: stage 'html' (html): no article text found" "a newline in a name is shown as \\n"
expect_grep "$T/err" "galley: error: esc\\x1b]0;owned\\x07\\x1b[2J.html: stage 'html'" "escape codes in a name are shown as \\xHH"
n=$(grep -c '^galley: [0-9]* docs' "$T/err")
[ "$n" -eq 1 ] && pass "one summary line" || fail "$n summary lines (a forged one)"
grep -q "$ESC" "$T/err" && fail "an escape character reached stderr" || pass "no escape character on stderr"
grep -q "$(printf '\007')" "$T/err" && fail "a BEL reached stderr" || pass "no BEL on stderr"

# a config file name is the user's too
expect_status 2 "a config name with escape codes" -- "$GALLEY" run -c "$T/no${ESC}[31m.conf"
expect_line "$T/err" "galley: cannot read config $T/no\\x1b[31m.conf: No such file or directory" "config name escaped"

# names that differ only in bytes that are not UTF-8: two ids, two rows
if command -v sqlite3 >/dev/null 2>&1; then
    q() { sqlite3 "$T/db" "$1"; }
elif command -v python3 >/dev/null 2>&1; then
    q() { python3 -c 'import sqlite3,sys
for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print("|".join(map(str, r)))' "$T/db" "$1"; }
else
    skip "neither sqlite3 nor python3 to query the database"
fi
mkdir "$T/bytes"
printf 'The first article.\n' >"$T/bytes/a$(printf '\377').txt"
printf 'The second article.\n' >"$T/bytes/a$(printf '\376').txt"
cat >"$T/sqlite.conf" <<CONF
stage "fetch" { plugin = "dir" dir { path = "$T/bytes" } }
stage "output" { plugin = "sqlite" sqlite { path = "$T/db" } }
CONF
expect_status 0 "names differing in one non-UTF-8 byte" -- "$GALLEY" run -c "$T/sqlite.conf"
rows=$(q "select id from documents order by id" | tr '\n' ' ')
[ "$rows" = "a%FE.txt a%FF.txt " ] && pass "two rows: $rows" || fail "rows: '$rows', wanted 'a%FE.txt a%FF.txt '"
finish
