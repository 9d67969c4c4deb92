#!/bin/sh
# tests/core/big-article.sh - one giant article (16,000,000 bytes of plain
# text, just under the default max_bytes) through the default pipeline at
# -j 1: it goes through whole, and the process peaks under 20x the article's
# size (it peaked at 49x when the jsonl record was one jansson tree and the
# stages kept per-token arrays).  Peak RSS is measured, not limited with
# ulimit -v: that limit counts reserved address space (thread stacks, malloc
# arenas), not memory used.  The time goal (< 10 s) is bench/bigdoc/run's.
. "$top_srcdir/tests/core/lib.sh"
TIME=/usr/bin/time
[ -x "$TIME" ] || skip "/usr/bin/time missing (apt-get install time)"
skip_if_sanitized "a sanitizer's shadow memory is not the pipeline's"
case "${LD_PRELOAD:-}" in *vgpreload*) skip "under valgrind, peak memory is valgrind's";; esac

BYTES=16000000
mkdir "$T/in"
sh "$top_srcdir/tests/core/make-big-article.sh" "$T/in/big.txt" "$BYTES" "$ARTICLES/wikinews" ||
    { fail "cannot make the article"; finish; }
"$TIME" -f '%M' -o "$T/rss" "$GALLEY" run -q -j 1 -c "$top_srcdir/conf/default.conf" "$T/in" \
    >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -eq 0 ] && pass "the 16 MB article goes through (exit 0)" ||
    { fail "galley run exited $rc: $(tail -3 "$T/err")"; finish; }

# the record is whole: one line, the whole text, the layers
[ "$(wc -l <"$T/out")" -eq 1 ] && pass "one record" || fail "$(wc -l <"$T/out") records, wanted 1"
len=$("$JG" text <"$T/out" | wc -c)
[ "$len" -gt 15000000 ] && pass "the record has the text ($len bytes)" || fail "text of $len bytes"
n=$("$JG" layers.entity.100000.end <"$T/out")
case $n in [0-9]*) pass "the entity layer has over 100,000 spans";;
           *) fail "the entity layer has no span 100,000 ($n)";; esac

kb=$(tail -1 "$T/rss")
limit=$((BYTES * 20 / 1024))
ratio=$(awk -v k="$kb" -v b="$BYTES" 'BEGIN { printf "%.1f", k * 1024 / b }')
echo "peak RSS $kb KiB = ${ratio}x the article"
[ "$kb" -lt "$limit" ] && pass "peak RSS under 20x the article ($kb < $limit KiB)" ||
    fail "peak RSS $kb KiB is ${ratio}x the article, not under 20x ($limit KiB)"
finish
