#!/bin/sh
# tests/core/incremental.sh - a state file (--state or state = "...") makes a
# rerun incremental: an unchanged directory is not processed again, a new or
# changed file is, a deleted one is reported; a failed document is tried
# again; SIGINT/SIGTERM leave a resumable run (exit 130); outputs continue
# (csv keeps one header); a digest refuses; two runs cannot share a state.
. "$top_srcdir/tests/core/lib.sh"
command -v python3 >/dev/null 2>&1 || skip "python3 reads the database"
q() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$@"; }
"$GALLEY" inspect sqlite >/dev/null 2>&1 || skip "the sqlite output is not built"

mkdir "$T/in" "$T/conf"
cp -R "$ARTICLES"/. "$T/in"
find "$T/in" -name '*LICENSE*' -exec rm {} +
n=$(find "$T/in" -type f \( -name '*.txt' -o -name '*.html' -o -name '*.htm' \) | wc -l)
# the state path is relative to the config file's directory
cat >"$T/conf/inc.conf" <<CONF
state = "inc.state"
stage "fetch" {
  plugin = "dir"
  dir { path = "$T/in" include = {"*.txt", "*.html", "*.htm"} }
}
stage "html" { plugin = "clean/html" }
stage "clean" { plugin = "text" }
stage "extract" { plugin = "sentences" }
stage "fail" { plugin = "failevery" failevery { every = 10 } }
stage "out" { plugin = "jsonl" jsonl { path = "$T/out.jsonl" } }
stage "db" { plugin = "sqlite" sqlite { path = "$T/out.db" } }
stage "csv" { plugin = "csv" csv { path = "$T/out.csv" columns = {"id"} } }
CONF
run() { "$GALLEY" -P "$TP" run -c "$T/conf/inc.conf" "$@"; }
failed=$((n / 10))

expect_status 1 "a first run with a state file ($n files, every 10th fails)" -- run
expect_grep "$T/err" "galley: $n docs, $failed failed, 0 skipped, 0 unchanged, 0 deleted" "all are processed"
[ -s "$T/conf/inc.state" ] && pass "state = \"inc.state\" is beside the config" || fail "no state file beside the config"
lines=$(wc -l <"$T/out.jsonl")

expect_status 0 "a rerun" -- run
expect_grep "$T/err" "galley: $failed docs, 0 failed, 0 skipped, $((n - failed)) unchanged, 0 deleted" \
    "only the documents that failed are processed again"
[ "$(wc -l <"$T/out.jsonl")" -eq $((lines + failed)) ] && pass "jsonl: their records are appended" ||
    fail "jsonl has $(wc -l <"$T/out.jsonl") lines, wanted $((lines + failed))"

expect_status 0 "a rerun over an unchanged directory" -- run
expect_grep "$T/err" "galley: 0 docs, 0 failed, 0 skipped, $n unchanged, 0 deleted" "nothing is processed: $n unchanged"
cp "$T/out.jsonl" "$T/before.jsonl"

# one changed, one new, one deleted
changed=$(cd "$T/in" && find . -name '*.txt' | sort | head -1 | cut -c3-)
gone=$(cd "$T/in" && find . -name '*.txt' | sort | sed -n 2p | cut -c3-)
printf 'Changed headline\n\nThe file changed since the last run.\n' >"$T/in/$changed"
printf 'Brand new\n\nA file added since the last run.\n' >"$T/in/new-file.txt"
rm "$T/in/$gone"
expect_status 0 "a rerun after a change, an addition and a deletion" -- run
expect_grep "$T/err" "galley: 2 docs, 0 failed, 0 skipped, $((n - 2)) unchanged, 1 deleted" "2 processed, 1 deleted"
expect_line "$T/err" "galley: deleted since the last run: $gone" "the deleted file is named"
[ "$(q "$T/out.db" "SELECT title FROM documents WHERE id = '$changed'")" = "Changed headline" ] &&
    pass "sqlite: the changed document is updated in place" || fail "sqlite: the change is not in"
[ "$(q "$T/out.db" "SELECT count(*) FROM documents WHERE id = 'new-file.txt'")" = 1 ] &&
    pass "sqlite: the new document is in" || fail "sqlite: the new document is missing"
head -c "$(wc -c <"$T/before.jsonl")" "$T/out.jsonl" | cmp -s - "$T/before.jsonl" &&
    pass "jsonl: earlier records are kept, new ones appended" || fail "jsonl: earlier records changed"
[ "$(grep -c '^id' "$T/out.csv")" -eq 1 ] && pass "csv: one header over four runs" ||
    fail "csv: $(grep -c '^id' "$T/out.csv") header rows"
grep -q "^new-file.txt" "$T/out.csv" && pass "csv: the new row is appended" || fail "csv: no new row"

# SIGINT and SIGTERM: checkpoint, exit 130, and the next run finishes
for sig in INT TERM; do
    cat >"$T/slow.conf" <<CONF
stage "fetch" { plugin = "acklog" acklog { count = 20 log = "$T/acks.$sig" again = 1 again_ms = 150 } }
stage "out" { plugin = "jsonl" jsonl { path = "$T/slow.$sig.jsonl" } }
CONF
    "$GALLEY" -P "$TP" run -c "$T/slow.conf" --state "$T/slow.$sig" >/dev/null 2>"$T/err" &
    pid=$!
    # stop it once a record is out (not after a fixed sleep: a loaded machine
    # may not have written one in a second); 19 more take at least 2.8 s
    n=0
    while [ "$(cat "$T/slow.$sig.jsonl" 2>/dev/null | wc -l)" -lt 1 ] && [ $n -lt 300 ]; do
        sleep 0.1; n=$((n + 1))
    done
    kill -"$sig" "$pid"
    wait "$pid"
    rc=$?
    [ "$rc" -eq 130 ] && pass "SIG$sig: exit 130" || fail "SIG$sig: exit $rc"
    expect_grep "$T/err" "interrupted (run it again to finish)" "SIG$sig: the summary says how to finish"
    k=$(wc -l <"$T/slow.$sig.jsonl")
    [ "$k" -ge 1 ] && [ "$k" -lt 20 ] && pass "SIG$sig: $k of 20 written before the stop" ||
        fail "SIG$sig: $k records written"
    expect_status 0 "SIG$sig: the rerun" -- "$GALLEY" -P "$TP" run -c "$T/slow.conf" --state "$T/slow.$sig"
    expect_grep "$T/err" "galley: $((20 - k)) docs, 0 failed, 0 skipped, $k unchanged" "SIG$sig: the rerun does the rest"
    [ "$(sort -u "$T/slow.$sig.jsonl" | wc -l)" -eq 20 ] && [ "$(wc -l <"$T/slow.$sig.jsonl")" -eq 20 ] &&
        pass "SIG$sig: 20 records, each once" || fail "SIG$sig: $(wc -l <"$T/slow.$sig.jsonl") records"
done

# two runs on one state file: the second is refused
cat >"$T/slow.conf" <<CONF
stage "fetch" { plugin = "acklog" acklog { count = 3 log = "$T/acks.x" again = 1 again_ms = 400 } }
stage "out" { plugin = "jsonl" jsonl { path = "$T/slow.x.jsonl" } }
CONF
"$GALLEY" -P "$TP" run -c "$T/slow.conf" --state "$T/shared.state" >/dev/null 2>&1 &
pid=$!
sleep 0.4
expect_status 2 "a second run on the same state file" -- "$GALLEY" -P "$TP" run -c "$T/slow.conf" --state "$T/shared.state"
expect_grep "$T/err" "is in use by another galley run" "it says the state file is in use"
wait "$pid"

# a digest written whole at close cannot continue: refused before any document
cat >"$T/digest.conf" <<CONF
stage "fetch" { plugin = "dir" dir { path = "$T/in" include = {"*.txt"} } }
stage "out" { plugin = "markdown" markdown { path = "$T/digest.md" } }
CONF
expect_status 2 "a markdown digest with a state file" -- "$GALLEY" run -c "$T/digest.conf" --state "$T/digest.state"
expect_grep "$T/err" "stage 'out' (markdown): cannot start: cannot be used with a state file" "refused, saying why"
[ ! -e "$T/digest.md" ] && pass "no digest written" || fail "a digest was written"
finish
