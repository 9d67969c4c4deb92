#!/bin/sh
# tests/output/closed-pipe.sh - `galley run | head`: when the reader of
# standard output goes away, each output that writes there (jsonl, csv, the
# markdown digest) says so once and stops the run with status 1, instead of
# one "Broken pipe" error for every document still to come.
. "$top_srcdir/tests/core/lib.sh"
command -v python3 >/dev/null 2>&1 || skip "python3 reads the pipe and closes it"

# run_closed CONF: galley with standard output on a pipe whose reader takes
# the first byte and goes away (as head does), exit status in $T/rc; the
# documents come one every 50 ms, so most are still to come by then
run_closed() {
    python3 - "$GALLEY" "$1" "$T/err" "$TP" >"$T/rc" <<'PY'
import subprocess, sys
with open(sys.argv[3], "wb") as err:
    p = subprocess.Popen([sys.argv[1], "-P", sys.argv[4], "run", "-c", sys.argv[2]],
                         stdout=subprocess.PIPE, stderr=err)
    p.stdout.read(1)
    p.stdout.close()
    print(p.wait())
PY
}

for sink in jsonl csv markdown; do
    opts='path = "-"'
    [ "$sink" = csv ] && opts='path = "-" columns = {"id", "title"}'
    cat >"$T/$sink.conf" <<CONF
stage "fetch" { plugin = "acklog" acklog { count = 40 again = 1 again_ms = 50 log = "$T/acks" } }
stage "output" { plugin = "$sink" $sink { $opts } }
CONF
    run_closed "$T/$sink.conf"
    rc=$(cat "$T/rc")
    if [ "$rc" = 1 ]; then pass "$sink: exit 1 when the reader is gone"
    else fail "$sink: exit $rc, wanted 1"; fi
    n=$(grep -c "error" "$T/err")
    if [ "$n" = 1 ]; then pass "$sink: one error line"
    else fail "$sink: $n error lines, wanted 1"; head -5 "$T/err" | sed 's/^/  stderr: /'; fi
    expect_grep "$T/err" \
        "stage 'output' ($sink): standard output was closed by its reader (Broken pipe)" \
        "$sink: the error says standard output was closed"
    expect_grep "$T/err" "stopping the run" "$sink: the error says the run stops"
    # the summary line counts the documents output: far fewer than 40
    docs=$(sed -n 's/^galley: \([0-9]*\) docs, .*/\1/p' "$T/err")
    if [ -n "$docs" ] && [ "$docs" -lt 20 ]; then pass "$sink: the run stopped after $docs documents"
    else fail "$sink: the run went on (summary: $(tail -1 "$T/err"))"; fi
done
finish
