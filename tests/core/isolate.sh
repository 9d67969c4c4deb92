#!/bin/sh
# tests/core/isolate.sh - isolate = true: a document that crashes its worker,
# hangs it or blows its memory limit fails alone with the reason, every other
# document is output in order, and memory stays bounded.
. "$top_srcdir/tests/core/lib.sh"
[ -x /usr/bin/time ] || skip "/usr/bin/time is not installed (Debian package 'time')"
skip_if_sanitized "the workers' address-space limit (worker_memory) leaves ASan no room for its shadow memory"

# the settings are checked like any other
expect_status 2 "worker_memory below 64 MiB" -- "$GALLEY" run -o worker_memory=10
expect_grep "$T/err" "worker_memory wants an integer from 0 (no limit) or 64 to 1048576 MiB" \
    "the message gives the range"
printf 'isolate = maybe\nstage "f" { plugin = "dir" }\nstage "o" { plugin = "jsonl" }\n' >"$T/maybe.conf"
expect_status 2 "isolate = maybe" -- "$GALLEY" check "$T/maybe.conf"
expect_grep "$T/err" "invalid boolean value for option 'isolate'" "a bad boolean is refused"
expect_status 0 "galley check shows the isolation settings" -- "$GALLEY" check -o isolate=true
expect_line "$T/out" "isolate = true    # transforms in worker processes (--isolate)" "isolate shown"
expect_grep "$T/out" "doc_timeout = 30" "doc_timeout's default shown"
expect_grep "$T/out" "worker_memory = 2048" "worker_memory's default shown"

# without isolation the output does not change, whatever -j
CONF="$top_srcdir/conf/default.conf"
expect_status 0 "default pipeline, threads" -- "$GALLEY" run -q -c "$CONF" -j 2
cp "$T/out" "$T/threads"
for j in 1 2; do
    expect_status 0 "default pipeline, --isolate -j $j" -- "$GALLEY" run -q -c "$CONF" -j $j --isolate
    cmp -s "$T/threads" "$T/out" && pass "--isolate -j $j prints the same bytes as threads" \
        || fail "--isolate -j $j output differs from threads"
done

# 1000 documents; doc0100, doc0200 ... crash, doc0250 hangs, doc0777 eats memory
# (timeout: if the hang were not caught, the test fails instead of hanging)
mkdir "$T/docs"
i=1
while [ $i -le 1000 ]; do
    n=$(printf %04d $i)
    printf 'Document %s.\n\nIt has a sentence or two. This is one.\n' "$n" >"$T/docs/doc$n.txt"
    i=$((i + 1))
done
cat >"$T/bad.conf" <<CONF
isolate = true
doc_timeout = 4
worker_memory = 256
stage "fetch" { plugin = "dir" dir { path = "$T/docs" } }
stage "clean" { plugin = "text" }
stage "segv" { plugin = "misbehave" misbehave { segv_every = 100 } }
stage "sentences" { plugin = "sentences" }
stage "hang" { plugin = "misbehave" misbehave { hang = 250 } }
stage "hog" { plugin = "misbehave" misbehave { hog = 777 } }
stage "out" { plugin = "jsonl" }
CONF
expect_status 1 "a run with crashing, hanging and hogging documents finishes" -- \
    timeout 300 /usr/bin/time -f 'maxrss %M' -o "$T/time" "$GALLEY" -P "$TP" run -c "$T/bad.conf" -j 2

# exactly those documents, each once, with the stage that was running
: >"$T/want"
for n in 0100 0200 0300 0400 0500 0600 0700 0800 0900 1000; do
    echo "galley: error: doc$n.txt: stage 'segv' (misbehave): crashed (SIGSEGV)" >>"$T/want"
done
echo "galley: error: doc0250.txt: stage 'hang' (misbehave): timed out after 4 s" >>"$T/want"
echo "galley: error: doc0777.txt: stage 'hog' (misbehave): exceeded the worker memory limit (256 MiB)" >>"$T/want"
grep ': error: ' "$T/err" | sort >"$T/got"
sort "$T/want" >"$T/want.sorted"
if cmp -s "$T/want.sorted" "$T/got"; then pass "the 12 bad documents are reported once each, with the reason"
else fail "reports differ"; diff "$T/want.sorted" "$T/got" | head -20; fi
expect_grep "$T/err" "galley: 1000 docs, 12 failed, 0 skipped" "summary counts 12 failures"

# every other document, in fetch order
"$JG" id "$T/out" >"$T/ids" || fail "output is not valid JSON Lines"
ls "$T/docs" | grep -v -e 'doc0[0-9]00' -e doc1000 -e doc0250 -e doc0777 >"$T/want-ids"
cmp -s "$T/want-ids" "$T/ids" && pass "the other 988 documents are output, in order" \
    || fail "output ids differ: $(wc -l <"$T/ids") output"

# the hog stopped at its worker's 256 MiB, not at the machine's memory
rss=$(sed -n 's/^maxrss //p' "$T/time")
if [ -n "$rss" ] && [ "$rss" -lt 320000 ]; then pass "peak RSS ${rss} KiB stays under the limit"
else fail "peak RSS ${rss:-?} KiB, wanted under 320000 KiB"; fi

# a worker that cannot open its plugins stops the run before it starts
expect_status 2 "isolate with a plugin that cannot start" -- "$GALLEY" -P "$TP" run \
    -c "$T/bad.conf" -o hang.refuse=true
expect_grep "$T/err" "stage 'hang' (misbehave): cannot start: refusing to start, on purpose" \
    "the worker says why it cannot start"
[ -s "$T/out" ] && fail "output written although nothing ran" || pass "nothing output"
expect_status 2 "isolate with a plugin that crashes in open()" -- "$GALLEY" -P "$TP" run \
    -c "$T/bad.conf" -o hog.crash_open=true
expect_grep "$T/err" "isolate: the worker zygote crashed (signal 11, SIGSEGV)" \
    "a crash while the plugins open is said"
# threads: the transforms open in as many threads as workers; one that
# cannot start still stops the run, said once, with nothing output
expect_status 2 "threads -j 4 with a plugin that cannot start" -- "$GALLEY" -P "$TP" run \
    -c "$T/bad.conf" -o isolate=false -j 4 -o hang.refuse=true
expect_grep "$T/err" "stage 'hang' (misbehave): cannot start: refusing to start, on purpose" \
    "threads: the stage says why it cannot start"
n=$(grep -c "cannot start" "$T/err")
[ "$n" = 1 ] && pass "said once" || fail "said $n times"
[ -s "$T/out" ] && fail "output written although nothing ran" || pass "threads: nothing output"
finish
