#!/bin/sh
# tests/core/cli.sh - the galley command: help, version, plugins, inspect,
# usage errors.
. "$top_srcdir/tests/core/lib.sh"

expect_status 0 "--help" -- "$GALLEY" --help
expect_grep "$T/out" "Usage: galley COMMAND" "--help prints usage"
expect_status 0 "--version" -- "$GALLEY" --version
expect_grep "$T/out" "(plugin ABI 1.2)" "--version names the plugin ABI"
expect_status 2 "no command" -- "$GALLEY"
expect_status 2 "unknown command" -- "$GALLEY" frobnicate
expect_line "$T/err" "galley: unknown command 'frobnicate' (run, check, plugins, inspect, help)" \
    "unknown command is named"
expect_status 2 "bad -j" -- "$GALLEY" run -j lots
expect_grep "$T/err" "-j wants a number of workers from 0 to 1024, not 'lots'" "bad -j is explained"

expect_status 0 "plugins" -- "$GALLEY" plugins
for p in dir text sentences lead jsonl; do
    grep -q "^$p " "$T/out" || fail "plugins does not list $p"
done
expect_status 0 "inspect with a test plugin dir" -- "$GALLEY" -P "$TP" inspect opts
expect_grep "$T/out" "Plugin opts" "inspect names the plugin"
expect_grep "$T/out" "  kind        extract" "inspect shows the kind"
expect_grep "$T/out" "  count            int     default \"3\", range 1..10" "inspect shows type, default, range"
expect_grep "$T/out" "  mode             string  default \"fast\", one of fast|slow" "inspect shows choices"
expect_grep "$T/out" "  label            string  required" "inspect shows required options"
expect_grep "$T/out" "      an integer from 1 to 10" "inspect shows the option's help"
expect_grep "$T/out" "  provides    opts" "inspect shows provides"
finish
