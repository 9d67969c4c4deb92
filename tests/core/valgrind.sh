#!/bin/sh
# tests/core/valgrind.sh - the default pipeline under valgrind: no memory
# errors, no leaks, with threads and with --isolate (skipped without valgrind).
. "$top_srcdir/tests/core/lib.sh"
command -v valgrind >/dev/null 2>&1 || skip "valgrind is not installed"
skip_if_sanitized "valgrind cannot run a sanitizer build: ASan maps the shadow memory valgrind needs"
expect_status 0 "valgrind over the default run" -- "$top_builddir/libtool" --mode=execute \
    valgrind -q --leak-check=full --error-exitcode=1 "$GALLEY" run -q -j 2 "$ARTICLES"
[ "$(wc -l <"$T/out")" -eq 44 ] || fail "valgrind run printed $(wc -l <"$T/out") records"
# and with the transforms in worker processes (valgrind follows the forks;
# no memory limit: valgrind's own address space would not fit in it)
expect_status 0 "valgrind over the default run, --isolate" -- "$top_builddir/libtool" \
    --mode=execute valgrind -q --leak-check=full --error-exitcode=1 --trace-children=yes \
    "$GALLEY" run -q -j 2 --isolate -o worker_memory=0 "$ARTICLES"
[ "$(wc -l <"$T/out")" -eq 44 ] || fail "valgrind --isolate run printed $(wc -l <"$T/out") records"
finish
