#!/bin/sh
# tests/output/keep.sh - outputs never destroy good data (issue 18, item 4):
# without a state file an interrupted or failed (disk full) run does not
# replace a complete earlier output (its partial result goes beside it, as
# the warning says); a temp file left by kill -9 is removed by the next run;
# sqlite on a full disk counts as failed exactly the documents it did not
# write, and names the real cause of a read-only directory (EACCES, EROFS);
# the json tree never follows a symbolic link inside its directory.
. "$top_srcdir/tests/core/lib.sh"
command -v python3 >/dev/null 2>&1 || skip "python3 reads the database"
"$GALLEY" inspect sqlite >/dev/null 2>&1 || skip "the sqlite output is not built"
chmod 755 "$T"
q() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$@"; }

slow() {    # slow OUTPUT-PATH: 20 documents, one every 100 ms
    cat >"$T/slow.conf" <<CONF
stage "fetch" { plugin = "acklog" acklog { count = 20 log = "$T/acks" again = 1 again_ms = 100 } }
stage "out" { plugin = "jsonl" jsonl { path = "$1" } }
CONF
}

# wait_tmp NAME LINES: until the run's hidden .NAME.jsonl.*.tmp holds at least
# LINES records (polled, not slept: a loaded machine starts late);
# the 20 documents take 2 s, so the run is still going after that
wait_tmp() {
    i=0
    while [ $i -lt 300 ]; do
        f=$(find "$T" -maxdepth 1 -name ".$1.jsonl.*.tmp" | head -1)
        [ -n "$f" ] && [ "$(wc -l <"$f")" -ge "$2" ] && return 0
        sleep 0.1; i=$((i + 1))
    done
}

# 1. Ctrl-C during a rerun: the complete earlier output stays
slow "$T/out.jsonl"
expect_status 0 "a complete run" -- "$GALLEY" -P "$TP" run -c "$T/slow.conf"
"$GALLEY" -P "$TP" run -c "$T/slow.conf" 2>"$T/err" &
pid=$!
wait_tmp out 1
kill -INT "$pid"
wait "$pid"
[ $? -eq 130 ] && pass "the rerun is interrupted (exit 130)" || fail "the rerun was not interrupted"
[ "$(wc -l <"$T/out.jsonl")" -eq 20 ] && pass "the earlier output keeps its 20 records" ||
    fail "the earlier output now has $(wc -l <"$T/out.jsonl") records"
k=$(wc -l <"$T/out.jsonl.partial" 2>/dev/null || echo 0)
[ "$k" -ge 1 ] && [ "$k" -lt 20 ] && pass "the partial result ($k records) is in out.jsonl.partial" ||
    fail "out.jsonl.partial has $k records"
expect_grep "$T/err" "$T/out.jsonl: the run was stopped, so the earlier $T/out.jsonl is kept as it was; this run's partial output is in $T/out.jsonl.partial" \
    "the warning names both files"

# 2. kill -9 leaves a hidden temp file; the next run removes it
slow "$T/k.jsonl"
"$GALLEY" -P "$TP" run -c "$T/slow.conf" 2>/dev/null &
pid=$!
wait_tmp k 0
kill -KILL "$pid"
wait "$pid" 2>/dev/null
n=$(find "$T" -maxdepth 1 -name '.k.jsonl.*.tmp' | wc -l)
[ "$n" -eq 1 ] && pass "kill -9 left a temp file" || fail "kill -9 left $n temp files"
expect_status 0 "the next run" -- "$GALLEY" -v -P "$TP" run -c "$T/slow.conf"
n=$(find "$T" -maxdepth 1 -name '.k.jsonl.*.tmp' | wc -l)
[ "$n" -eq 0 ] && pass "the stale temp file is gone" || fail "$n temp files left"
expect_grep "$T/err" "a temporary file left by a run that was killed" "its removal is reported (-v)"

# 3. the json tree does not follow a symbolic link inside its directory
mkdir -p "$T/in/evil" "$T/tree" "$T/outside"
printf 'Kept\n\nIn the tree.\n' >"$T/in/ok.txt"
printf 'Escaped\n\nOutside the tree.\n' >"$T/in/evil/doc.txt"
ln -s "$T/outside" "$T/tree/evil"
cat >"$T/json.conf" <<CONF
stage "fetch" { plugin = "dir" dir { path = "$T/in" } }
stage "out" { plugin = "json" json { dir = "$T/tree" } }
CONF
expect_status 1 "json over a tree with a planted link" -- "$GALLEY" run -c "$T/json.conf"
[ -z "$(ls "$T/outside")" ] && pass "nothing was written through the link" ||
    fail "written through the link: $(ls "$T/outside")"
[ -f "$T/tree/ok.txt.json" ] && pass "the other document is written" || fail "ok.txt.json missing"
expect_grep "$T/err" "evil/doc.txt: stage 'out' (json): cannot write $T/tree/evil/doc.txt.json: a directory on its way is a symbolic link" \
    "the document fails, saying why"
rm -r "$T/in/evil"

# 4. sqlite in a directory it may not write: the real cause
unpriv=
if [ "$(id -u)" = 0 ]; then
    command -v setpriv >/dev/null 2>&1 && unpriv="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
if [ "$(id -u)" != 0 ] || [ -n "$unpriv" ]; then
    mkdir "$T/ro"
    chmod 555 "$T/ro"
    cat >"$T/ro.conf" <<CONF
stage "fetch" { plugin = "dir" dir { path = "$T/in" } }
stage "out" { plugin = "sqlite" sqlite { path = "$T/ro/out.db" } }
CONF
    chmod 644 "$T/ro.conf"
    expect_status 2 "sqlite in a read-only directory, as an unprivileged user" -- $unpriv "$GALLEY" run -c "$T/ro.conf"
    expect_grep "$T/err" "(its directory $T/ro: Permission denied)" "the cause is EACCES on the directory"
else
    echo "SKIP: running as root without setpriv: permissions cannot be tested"
fi

# 5. on tmpfs in a private mount namespace: full and read-only disks
if [ "$(id -u)" = 0 ]; then ns="unshare -m"; else ns="unshare -rm"; fi
if ! $ns sh -c 'd=$(mktemp -d) && mount -t tmpfs -o size=64k t "$d" && umount "$d" && rmdir "$d"' \
        >/dev/null 2>&1; then
    echo "SKIP: cannot mount a tmpfs in a private mount namespace here"; finish
fi
mkdir "$T/mnt"
cat >"$T/inner.sh" <<'SH'
set -u
mnt=$1 size=$2 conf=$3 out=$4 earlier=$5
mount -t tmpfs -o "size=$size" galley-test "$mnt" || exit 77
[ -z "$earlier" ] || printf '%s\n' "$earlier" >"$mnt/out.jsonl"
"$GALLEY" run -c "$conf" ${GALLEY_ARGS:-} 2>"$out.err"
echo $? >"$out.rc"
cp "$mnt"/out.* "$(dirname "$out")/" 2>/dev/null
umount "$mnt"
SH
full() {    # full NAME SIZE PLUGIN EARLIER-LINE
    cat >"$T/$1.conf" <<CONF
stage "fetch" {
  plugin = "dir"
  dir { path = "$ARTICLES" include = {"*.txt"} exclude = {"*LICENSE*"} }
}
stage "out" { plugin = "$3" $3 { path = "$T/mnt/out.$3" } }
CONF
    rm -f "$T"/out.*
    GALLEY=$GALLEY $ns sh "$T/inner.sh" "$T/mnt" "$2" "$T/$1.conf" "$T/$1" "$4"
}
full jsonl 64k jsonl '{"id":"earlier complete output"}'
[ "$(cat "$T/jsonl.rc")" = 1 ] && pass "jsonl on a full disk: exit 1" || fail "jsonl on a full disk: exit $(cat "$T/jsonl.rc")"
[ "$(cat "$T/out.jsonl")" = '{"id":"earlier complete output"}' ] &&
    pass "a failed run leaves the earlier output as it was" || fail "the earlier output was replaced: $(head -c 200 "$T/out.jsonl")"
[ -s "$T/out.jsonl.partial" ] && pass "the partial output is beside it" || fail "no out.jsonl.partial"
expect_grep "$T/jsonl.err" "the run could not write every record, so the earlier" "the warning says why"

for case in 512k:1000 1m:1 ; do
    size=${case%:*} every=${case#*:}
    GALLEY_ARGS="-o checkpoint_docs=$every" full "sq$every" "$size" sqlite ""
    summary=$(grep '^galley: [0-9]* docs' "$T/sq$every.err")
    docs=$(echo "$summary" | sed 's/^galley: \([0-9]*\) docs, \([0-9]*\) failed.*/\1/')
    failed=$(echo "$summary" | sed 's/^galley: \([0-9]*\) docs, \([0-9]*\) failed.*/\2/')
    rows=$(q "$T/out.sqlite" "SELECT count(*) FROM documents" 2>/dev/null || echo 0)
    [ "${failed:-0}" -gt 0 ] && [ $((${docs:-0} - ${failed:-0})) -eq "$rows" ] &&
        pass "sqlite on a full $size disk, checkpoint_docs=$every: $failed failed, $rows rows: the summary agrees" ||
        { fail "sqlite on a full $size disk, checkpoint_docs=$every: '$summary' but $rows rows" \
               "(exit $(cat "$T/sq$every.rc" 2>/dev/null || echo "none: inner.sh stopped early"))"
          tail -5 "$T/sq$every.err" 2>/dev/null | sed 's/^/  stderr: /'; }
done

# a read-only file system: EROFS, even for root
cat >"$T/inner-ro.sh" <<'SH'
mount -t tmpfs -o ro,size=64k galley-test "$1" || exit 77
"$GALLEY" run -c "$2" 2>"$3"
echo $? >"$3.rc"
umount "$1"
SH
cat >"$T/erofs.conf" <<CONF
stage "fetch" { plugin = "dir" dir { path = "$T/in" } }
stage "out" { plugin = "sqlite" sqlite { path = "$T/mnt/out.db" } }
CONF
GALLEY=$GALLEY $ns sh "$T/inner-ro.sh" "$T/mnt" "$T/erofs.conf" "$T/erofs.err"
[ "$(cat "$T/erofs.err.rc")" = 2 ] && pass "sqlite on a read-only file system: exit 2" || fail "exit $(cat "$T/erofs.err.rc")"
expect_grep "$T/erofs.err" "(its directory $T/mnt: Read-only file system)" "the cause is EROFS"
finish
