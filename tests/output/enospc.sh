#!/bin/sh
# tests/output/enospc.sh - every file-writing sink run into a full disk (a
# 64 KiB tmpfs in a private mount namespace) exits non-zero with an error
# naming the path and ENOSPC, and leaves no temp file and no partial record.
set -u
: "${GALLEY:?run through make check}" "${top_srcdir:?}"

if ! "$GALLEY" inspect dir >/dev/null 2>&1; then
    echo "skip: the dir fetch plugin is not built"; exit 77
fi
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 checks the outputs"; exit 77; }
if [ "$(id -u)" = 0 ]; then ns="unshare -m"; else ns="unshare -rm"; fi
if ! $ns sh -c 'd=$(mktemp -d) && mount -t tmpfs -o size=64k t "$d" && umount "$d" && rmdir "$d"' \
        >/dev/null 2>&1; then
    echo "skip: cannot mount a tmpfs in a private mount namespace here"; exit 77
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
full=$tmp/full
mkdir "$full"

# the inner script runs in the namespace, where the tmpfs exists
cat > "$tmp/inner.sh" <<'EOF'
set -u
sink=$1 target=$2 full=$3 conf=$4 check=$5 size=$6 fill=$7
mount -t tmpfs -o size=$size galley-full "$full" || exit 77
# small outputs (a digest of titles) need a disk that is already nearly full
[ "$fill" = 0 ] || head -c "$fill" /dev/zero > "$full/filler"
"$GALLEY" run -q -c "$conf" 2> "$full/../stderr.$sink"
rc=$?
stale=$(find "$full" -name '.*' ! -path "$full")
python3 "$check" "$sink" "$target" > "$full/../check.$sink" 2>&1
crc=$?
umount "$full"
[ -z "$stale" ] || { echo "temp files left: $stale"; exit 1; }
[ "$crc" = 0 ] || { cat "$full/../check.$sink"; exit 1; }
exit "$rc"
EOF

# whole records only: every record of whatever was written parses
cat > "$tmp/check.py" <<'EOF'
import csv, glob, json, os, sqlite3, sys
sink, target = sys.argv[1], sys.argv[2]
if sink == "json":
    files = glob.glob(target + "/**/*.json", recursive=True)
    for f in files:
        json.load(open(f, encoding="utf-8"))
    print(len(files), "whole files")
    sys.exit(0)
if not os.path.exists(target):
    print("no file (nothing was renamed into place)")
    sys.exit(0)
data = open(target, "rb").read()
if sink == "jsonl":
    assert data == b"" or data.endswith(b"\n"), "last record cut"
    for line in data.decode("utf-8").splitlines():
        json.loads(line)
elif sink == "csv":
    assert data.endswith(b"\r\n"), "last row cut"
    rows = list(csv.reader(data.decode("utf-8").splitlines(True)))
    assert all(len(r) == len(rows[0]) for r in rows), "ragged rows"
elif sink == "markdown":
    assert data.rstrip().endswith(b"articles.*") or data.rstrip().endswith(b"article.*"), "no footer"
elif sink == "html":
    assert data.endswith(b"</html>\n"), "page cut"
elif sink == "sqlite":
    db = sqlite3.connect(target)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
print("whole records")
EOF

status=0
# sqlite twice: 64k is too small even for its schema (open fails); in 512k
# the disk fills mid-run, one transaction per document
for case in jsonl json sqlite sqlite-512k markdown html csv; do
    sink=${case%-*} size=64k fill=0
    case $case in
        jsonl) target=$full/out.jsonl; opts="path = \"$target\"" ;;
        json) target=$full/tree; opts="dir = \"$target\"" ;;
        sqlite) target=$full/out.db; opts="path = \"$target\" batch = 1" ;;
        sqlite-512k) target=$full/out.db; opts="path = \"$target\" batch = 1"; size=512k ;;
        csv) target=$full/out.csv; opts="path = \"$target\" columns = {\"id\", \"text\"}" ;;
        *) target=$full/out.$sink; opts="path = \"$target\""; fill=60k ;;
    esac
    plugin=$sink
    [ "$sink" = html ] && plugin=output/html
    cat > "$tmp/$sink.conf" <<EOF
stage "fetch" {
  plugin = "dir"
  dir { path = "$top_srcdir/examples/articles" include = {"*.txt"} exclude = {"*LICENSE*"} }
}
stage "output" { plugin = "$plugin" ${plugin##*/} { $opts } }
EOF
    GALLEY=$GALLEY $ns sh "$tmp/inner.sh" "$sink" "$target" "$full" "$tmp/$sink.conf" "$tmp/check.py" \
        "$size" "$fill"
    rc=$?
    err=$(cat "$tmp/stderr.$sink" 2>/dev/null)
    if [ "$rc" = 77 ]; then
        echo "skip: cannot mount the tmpfs"; exit 77
    elif [ "$rc" = 0 ]; then
        echo "FAIL $case: exit 0 on a full disk"; status=1
    elif ! printf '%s' "$err" | grep -q "No space left on device"; then
        echo "FAIL $case: exit $rc without ENOSPC in: $err"; status=1
    elif ! printf '%s' "$err" | grep -qF "$full/"; then
        echo "FAIL $case: the error does not name the path: $err"; status=1
    else
        echo "ok $case: exit $rc, $(cat "$tmp/check.$sink"); first error: $(printf '%s\n' "$err" | head -1)"
    fi
done
exit $status
