#!/bin/sh
# tests/sdk/abi.sh - the loader refuses a plugin whose descriptor is larger
# than this core's (built by a newer minor ABI), names both versions, and
# keeps loading the other plugins.
. "$top_srcdir/tests/core/lib.sh"
SP="$top_builddir/tests/sdk/plugins"

expect_status 2 "inspect a plugin from a newer minor ABI" -- "$GALLEY" -P "$SP" inspect newer
expect_grep "$T/err" "plugin 'newer' was built for galley plugin ABI 1.3 and uses descriptor fields this galley (ABI 1.2) does not know: upgrade galley or rebuild the plugin" "refusal names both ABIs and what to do"

cat >"$T/newer.conf" <<CONF
stage "fetch" { plugin = "dir" }
stage "x" { plugin = "newer" }
stage "output" { plugin = "jsonl" }
CONF
expect_status 2 "a config that uses it does not run" -- "$GALLEY" -P "$SP" run -c "$T/newer.conf" "$top_srcdir/examples/articles/seed"
expect_grep "$T/err" "newer.conf:2: stage 'x': plugin 'newer' cannot be used:" "config error cites the stage line"
[ -s "$T/out" ] && fail "documents were written although the pipeline was refused"

# the same minor number with a descriptor the core knows loads and runs
expect_status 0 "newer minor, known descriptor size" -- "$GALLEY" -P "$SP" inspect samesize
expect_grep "$T/out" "ABI         built for 1.3 (this galley: 1.2)" "inspect shows the plugin's ABI"
sed 's/newer/samesize/' "$T/newer.conf" >"$T/same.conf"
expect_status 0 "it runs" -- "$GALLEY" -P "$SP" run -q -c "$T/same.conf" "$top_srcdir/examples/articles/seed"
[ "$("$top_builddir/tests/core/jsonl-get" fields.samesize <"$T/out")" = ran ] || fail "samesize did not process the document"

# a plugin built against the 1.0 headers (no flush/ack fields) still loads and runs
expect_status 0 "a 1.0 plugin loads" -- "$GALLEY" -P "$SP" inspect abi10
expect_grep "$T/out" "ABI         built for 1.0 (this galley: 1.2)" "inspect shows the 1.0 ABI"
sed 's/newer/abi10/' "$T/newer.conf" >"$T/abi10.conf"
expect_status 0 "the 1.0 plugin runs" -- "$GALLEY" -P "$SP" run -q -c "$T/abi10.conf" "$top_srcdir/examples/articles/seed"
[ "$("$top_builddir/tests/core/jsonl-get" fields.abi10 <"$T/out")" = ran ] || fail "abi10 did not process the document"

# 'plugins' warns about the refused module and lists the rest
expect_status 0 "plugins with a refused module" -- "$GALLEY" -P "$SP" plugins
expect_grep "$T/err" "newer.la: plugin 'newer' was built for galley plugin ABI 1.3" "plugins names the refused module"
grep -q "^samesize " "$T/out" || fail "samesize is not listed"
grep -q "^newer " "$T/out" && fail "newer is listed although refused"
finish
