#!/bin/sh
# tests/core/shared-memory.sh - the plugins' read-only data (rules, word
# lists, gazetteers, df tables, tagger weights) is loaded once per process:
# the default pipeline with 64 workers peaks under twice the memory of one
# worker on the same input (it took 19x before the data was shared).
. "$top_srcdir/tests/core/lib.sh"
CONF="$top_srcdir/conf/default.conf"
TIME=/usr/bin/time
[ -x "$TIME" ] || skip "/usr/bin/time missing (apt-get install time)"
# sanitizers and valgrind change what peak memory means
case "${CFLAGS:-} ${LD_PRELOAD:-}" in *sanitize*|*vgpreload*) skip "under a sanitizer";; esac

peak() {    # peak RSS in kB of galley run -j $1
    "$TIME" -f '%M' -o "$T/rss.$1" "$GALLEY" run -q -c "$CONF" -j "$1" >"$T/out.$1" 2>"$T/err.$1" \
        || { fail "galley run -j $1 failed: $(tail -3 "$T/err.$1")"; echo 0; return; }
    tail -1 "$T/rss.$1"
}
one=$(peak 1)
many=$(peak 64)
echo "peak RSS: -j 1 $one kB, -j 64 $many kB"
[ "$one" -gt 0 ] && [ "$many" -lt $((2 * one)) ] \
    && pass "-j 64 peaks under twice -j 1 ($many < 2 x $one kB)" \
    || fail "-j 64 peaks at $many kB, not under twice -j 1 ($one kB): data loaded per worker?"
cmp -s "$T/out.1" "$T/out.64" && pass "-j 1 and -j 64 print the same bytes" || fail "-j 1 and -j 64 differ"
finish
