#!/bin/sh
# tests/core/config-errors.sh - each config mistake gets its own message at
# the right FILE:LINE, exit 2, and nothing runs (no output record).
. "$top_srcdir/tests/core/lib.sh"

# write_conf NAME BODY-OF-THE-MIDDLE-STAGE (lines 2..): fetch on line 1
write_conf() {
    f="$T/$1.conf"
    printf 'stage "fetch" { plugin = "dir" dir { path = "%s" } }\n' "$ARTICLES" >"$f"
    printf '%s\n' "$2" >>"$f"
    printf 'stage "out" { plugin = "jsonl" }\n' >>"$f"
}

check_conf() {   # NAME EXPECTED-MESSAGE-AFTER-FILE
    expect_status 2 "$1 is refused" -- "$GALLEY" -P "$TP" run -c "$T/$1.conf"
    expect_line "$T/err" "$T/$1.conf:$2" "$1: message"
    [ -s "$T/out" ] && fail "$1: something ran (stdout not empty)"
}

write_conf typo 'stage "x" {
  plugin = "opts"
  opts {
    label = "l"
    cuont = 3
  }
}'
check_conf typo "6: stage 'x' (opts): unknown option 'cuont': did you mean 'count'? valid options: count, ratio, flag, mode, tags, label"

write_conf type 'stage "x" {
  plugin = "opts"
  opts {
    label = "l"
    count = "three"
  }
}'
check_conf type "6: stage 'x' (opts): option 'count' wants an integer, not \"three\""

write_conf range 'stage "x" {
  plugin = "opts"
  opts {
    count = 11
    label = "l"
  }
}'
check_conf range "5: stage 'x' (opts): option 'count' is 11, out of range: it must be from 1 to 10"

write_conf required 'stage "x" {
  plugin = "opts"
  opts { count = 2 }
}'
check_conf required "3: stage 'x' (opts): option 'label' is required (a required string): add label = ..."

write_conf unknown 'stage "x" {
  plugin = "optz"
}'
check_conf unknown "3: stage 'x': no plugin 'optz' (did you mean 'opts'?); 'galley plugins' lists them"

write_conf requires 'stage "x" { plugin = "needy" }'
check_conf requires "2: stage 'x' (needy): needs 'frobnication', which no earlier stage provides: add a stage before it that does"

write_conf wrongsection 'stage "x" {
  plugin = "failevery"
  opts { count = 2 }
}'
check_conf wrongsection "4: stage 'x' (failevery): options for plugin 'opts', but this stage's plugin is 'failevery': rename the section to failevery { ... }"

# the same checks apply to -o overrides
write_conf good 'stage "x" {
  plugin = "opts"
  opts { label = "l" }
}'
expect_status 2 "-o with a bad value" -- "$GALLEY" -P "$TP" run -c "$T/good.conf" -o x.count=0
expect_line "$T/err" "galley: stage 'x' (opts): -o x.count=0: option 'count' is 0, out of range: it must be from 1 to 10" "-o out of range"
expect_status 2 "-o with an unknown stage" -- "$GALLEY" -P "$TP" run -c "$T/good.conf" -o y.count=2
expect_line "$T/err" "galley: -o y.count=2: no stage 'y'; the stages are 'fetch', 'x', 'out'" "-o unknown stage"

# check prints the effective config with defaults
expect_status 0 "check a good config" -- "$GALLEY" -P "$TP" check "$T/good.conf" -o x.count=7
expect_line "$T/out" "    count = 7" "check shows the -o value"
expect_line "$T/out" '    mode = "fast"    # default' "check marks defaults"
expect_line "$T/out" '  plugin = "extract/opts"    # test: one option of every type' "check names kind/plugin"

expect_status 2 "missing config file" -- "$GALLEY" run -c "$T/nope.conf"
expect_grep "$T/err" "cannot read config $T/nope.conf" "missing config is named"
finish
