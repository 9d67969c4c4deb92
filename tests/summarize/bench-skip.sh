#!/bin/sh
# tests/summarize/bench-skip.sh - bench/rouge/run without benchmark data says
# so and exits 0 (skips cleanly), writing nothing into the source tree.
set -u
: "${top_srcdir:?}"
out=$(GALLEY_SHARED_DATA=/nonexistent/galley-data sh "$top_srcdir/bench/rouge/run" 2>&1)
rc=$?
if [ "$rc" -ne 0 ] || ! printf '%s\n' "$out" | grep -q "skipped"; then
    echo "FAIL: bench/rouge/run without data: exit $rc: $out"
    exit 1
fi
echo "ok: $out"
