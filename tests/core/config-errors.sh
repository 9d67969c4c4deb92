#!/bin/sh
# tests/core/config-errors.sh - each config mistake gets its own message at
# the right FILE:LINE, exit 2, and nothing runs (no output record).
. "$top_srcdir/tests/core/lib.sh"

# write_conf NAME BODY-OF-THE-MIDDLE-STAGE (lines 2..): fetch on line 1.  The
# same config is also written as NAME-commented.conf, with five lines of #, //
# and /* */ comments on top and a comment at the end of each line: its
# messages must name the same lines, 5 further down.
COMMENTED_TOP=5
write_conf() {
    f="$T/$1.conf"
    printf 'stage "fetch" { plugin = "dir" dir { path = "%s" } }\n' "$ARTICLES" >"$f"
    printf '%s\n' "$2" >>"$f"
    printf 'stage "out" { plugin = "jsonl" }\n' >>"$f"
    { printf '# a comment\n// another one\n/* a block comment\n   over two lines */\n'
      printf '#### "quoted" and { braces } in a comment\n'
      awk '{ c = NR % 3; printf "%s %s\n", $0, c == 0 ? "# why" : c == 1 ? "// why" : "/* why */" }' "$f"
    } >"$T/$1-commented.conf"
}

check_one() {   # FILE LINE MESSAGE
    expect_status 2 "$(basename "$1") is refused" -- "$GALLEY" -P "$TP" run -c "$1"
    expect_line "$T/err" "$1:$2: $3" "$(basename "$1"): message at line $2"
    [ -s "$T/out" ] && fail "$1: something ran (stdout not empty)"
}

check_conf() {   # NAME "LINE: EXPECTED-MESSAGE"
    line=${2%%:*}
    msg=${2#*: }
    check_one "$T/$1.conf" "$line" "$msg"
    check_one "$T/$1-commented.conf" "$((line + COMMENTED_TOP))" "$msg"
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

# a typo in a copy of the shipped config, below its comments
cp "$top_srcdir/conf/default.conf" "$T/default-typo.conf"
sed -i 's/newsrank { sentences = 3 }/newsrank { sentnces = 3 }/' "$T/default-typo.conf"
line=$(grep -n 'sentnces' "$T/default-typo.conf" | cut -d: -f1)
[ -n "$line" ] || fail "default.conf no longer has 'newsrank { sentences = 3 }': update this test"
expect_status 2 "a typo in a copy of default.conf is refused" -- "$GALLEY" run -c "$T/default-typo.conf"
expect_grep "$T/err" "$T/default-typo.conf:$line: stage 'summarize' (newsrank): unknown option 'sentnces': did you mean 'sentences'?" "default.conf typo: message at line $line"
sed 's/^on_error = /on_eror = /' "$top_srcdir/conf/default.conf" >"$T/default-top.conf"
line=$(grep -n '^on_eror' "$T/default-top.conf" | cut -d: -f1)
expect_status 2 "an unknown top-level setting in default.conf is refused" -- "$GALLEY" run -c "$T/default-top.conf"
expect_grep "$T/err" "$T/default-top.conf:$line: unknown setting 'on_eror'" "default.conf top-level typo: message at line $line"

# a block comment that never ends is named where it starts
printf 'workers = 1\n/* open\n\nworkers = 2\n' >"$T/open.conf"
expect_status 2 "an unterminated comment is refused" -- "$GALLEY" run -c "$T/open.conf"
expect_line "$T/err" "$T/open.conf:2: a /* comment starts here and never ends: add */" "unterminated comment: message"

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
