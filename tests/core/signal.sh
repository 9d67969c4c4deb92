#!/bin/sh
# tests/core/signal.sh - Ctrl-C while the fetch stage waits for input: galley
# stops fetching, writes the documents it has as whole records, exits 130.
. "$top_srcdir/tests/core/lib.sh"
mkfifo "$T/fifo" || skip "cannot make a FIFO here"
cat >"$T/stdin.conf" <<'CONF'
stage "fetch" { plugin = "stdin" }
stage "out" { plugin = "jsonl" }
CONF
"$GALLEY" run -c "$T/stdin.conf" <"$T/fifo" >"$T/out" 2>"$T/err" &
pid=$!
exec 3>"$T/fifo"
for i in 1 2 3 4 5; do printf '{"id":"d%s","text":"Record %s."}\n' "$i" "$i" >&3; done
# wait until the five records are out, then interrupt the blocked read
n=0
# (out appears only once galley has opened the FIFO: until then it counts 0;
# a signal sent before galley runs would hit the background shell, which
# ignores SIGINT)
lines() { if [ -f "$T/out" ]; then wc -l <"$T/out"; else echo 0; fi; }
while [ "$(lines)" -lt 5 ] && [ $n -lt 300 ]; do sleep 0.1; n=$((n + 1)); done
kill -INT "$pid"
wait "$pid"
rc=$?
exec 3>&-
[ "$rc" -eq 130 ] && pass "exit status 130" || fail "exit status $rc, wanted 130"
[ "$(wc -l <"$T/out")" -eq 5 ] && pass "5 records" || fail "$(wc -l <"$T/out") records"
"$JG" - "$T/out" && pass "whole records only" || fail "a record is cut"
expect_grep "$T/err" "5 docs, 0 failed, 0 skipped" "summary counts what was done"
expect_grep "$T/err" ", interrupted" "summary says interrupted"
finish
