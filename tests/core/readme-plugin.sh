#!/bin/sh
# tests/core/readme-plugin.sh - the plugin in README.md compiles as written
# and galley loads it, lists its option and runs it.
. "$top_srcdir/tests/core/lib.sh"
awk '/^```c$/ { f = 1; next } /^```$/ { f = 0 } f' "$top_srcdir/README.md" >"$T/wordcount.c"
[ -s "$T/wordcount.c" ] || { fail "no C sample in README.md"; finish; }
expect_status 0 "the README plugin compiles" -- ${CC:-cc} -std=c11 -Wall -Wextra -Werror \
    -shared -fPIC -I"$top_srcdir/include" -o "$T/wordcount.so" "$T/wordcount.c"
expect_status 0 "galley inspects it" -- "$GALLEY" -P "$T" inspect wordcount
expect_grep "$T/out" "  min_length       int     default \"1\", range 1..100" "its option table is shown"
cat >"$T/wc.conf" <<CONF
stage "fetch" { plugin = "dir" dir { path = "$ARTICLES/seed" } }
stage "count" { plugin = "wordcount" }
stage "out" { plugin = "jsonl" }
CONF
expect_status 0 "a pipeline runs it" -- "$GALLEY" -P "$T" run -c "$T/wc.conf"
words=$("$JG" fields.words "$T/out")
[ "$words" -gt 800 ] 2>/dev/null && pass "words = $words" || fail "words = '$words'"
finish
