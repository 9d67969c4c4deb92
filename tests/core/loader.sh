#!/bin/sh
# tests/core/loader.sh - the loader's refusals: a missing plugin, a plugin
# built for another ABI, and one with an unresolved symbol.
. "$top_srcdir/tests/core/lib.sh"

expect_status 2 "missing plugin" -- "$GALLEY" inspect nosuchplugin
expect_grep "$T/err" "galley: no plugin 'nosuchplugin' in the search path" "missing plugin message"

expect_status 2 "ABI mismatch" -- "$GALLEY" -P "$TP" inspect badabi
expect_grep "$T/err" "plugin 'badabi' was built for galley plugin ABI 99.0, but this galley has ABI 1.2: rebuild the plugin against this galley's headers" "ABI mismatch names both numbers"

expect_status 2 "unresolved symbol" -- "$GALLEY" -P "$TP" inspect unresolved
expect_grep "$T/err" "undefined symbol: galley_test_symbol_that_does_not_exist" "unresolved symbol is named"
grep -q "file not found" "$T/err" && fail "unresolved symbol reported as file not found"

# a broken module in the path does not stop the others from loading
expect_status 0 "plugins with broken modules around" -- "$GALLEY" -P "$TP" plugins
grep -q "^opts " "$T/out" || fail "opts not listed"
expect_grep "$T/err" "badabi" "plugins warns about the broken module"

# ambiguous and kind-qualified names
expect_status 2 "bad kind prefix" -- "$GALLEY" inspect cleaner/text
expect_grep "$T/err" "'cleaner' is not a stage kind" "bad kind prefix message"
finish
