#!/bin/sh
# tests/fetch/baddir.sh - `galley run` over a directory of bad files: every
# readable file comes out as valid UTF-8 with the right text, every other one
# is reported with its reason, the run completes and exits 1.
set -u
: "${GALLEY:?run through make check}"
command -v python3 >/dev/null 2>&1 || { echo "baddir: python3 not found; skipped"; exit 77; }

tmp=$(mktemp -d) || exit 1
trap 'chmod -R u+rwX "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
d=$tmp/articles
mkdir "$d"

printf 'Plain UTF-8: caf\303\251.\n' > "$d/good.txt"
printf '\377\376H\000i\000 \000\034\040q\000\035\040\n\000' > "$d/utf16le.txt"     # UTF-16LE, BOM
printf 'He said \223yes\224 \226 twice.\n' > "$d/cp1252.txt"                      # curly quotes
printf 'na\303\257ve \377 end\n' > "$d/invalid.txt"                                # invalid UTF-8
: > "$d/empty.txt"
printf 'abc\000def\n' > "$d/nul.txt"
mkfifo "$d/fifo.txt"
ln -s loop.txt "$d/loop.txt"
printf 'secret\n' > "$d/unreadable.txt"
chmod 000 "$d/unreadable.txt"

cat > "$tmp/fetch.conf" <<'EOF'
stage "fetch" { plugin = "dir" }
stage "output" { plugin = "jsonl" }
EOF
chmod -R a+rX "$tmp"
chmod 000 "$d/unreadable.txt"

# root reads anything: run as nobody when we are root and can drop privileges
run_as=
unreadable=yes
"$GALLEY" --version >/dev/null 2>&1     # lets libtool's wrapper set itself up
if [ "$(id -u)" = 0 ]; then
    if command -v setpriv >/dev/null 2>&1 &&
       setpriv --reuid=65534 --regid=65534 --clear-groups "$GALLEY" --version >/dev/null 2>&1; then
        run_as="setpriv --reuid=65534 --regid=65534 --clear-groups"
    else
        echo "baddir: running as root without setpriv: unreadable-file case not run"
        rm -f "$d/unreadable.txt"
        unreadable=no
    fi
fi

$run_as "$GALLEY" run -q -c "$tmp/fetch.conf" "$d" > "$tmp/out.jsonl" 2> "$tmp/err.txt"
status=$?
# -q keeps errors: the failed documents are reported on stderr
cat "$tmp/err.txt"

fail=0
if [ "$status" != 1 ]; then
    echo "baddir: exit status $status, want 1"
    fail=1
fi

python3 - "$tmp/out.jsonl" "$tmp/err.txt" "$unreadable" <<'EOF' || fail=1
import json, sys
out, err, unreadable = sys.argv[1], sys.argv[2], sys.argv[3] == "yes"
docs = {}
with open(out, "rb") as f:
    for line in f:
        rec = json.loads(line.decode("utf-8"))   # raises on invalid UTF-8
        docs[rec["id"]] = rec
want = {
    "good.txt": ("Plain UTF-8: caf\u00e9.\n", "utf-8"),
    "utf16le.txt": ("Hi \u201cq\u201d\n", "utf-16le"),
    "cp1252.txt": ("He said \u201cyes\u201d \u2013 twice.\n", "windows-1252"),
    "invalid.txt": ("na\u00c3\u00afve \u00ff end\n", "windows-1252"),
}
errors = open(err, encoding="utf-8", errors="replace").read()
bad = 0
for id_, (text, charset) in want.items():
    rec = docs.get(id_)
    if rec is None:
        print("missing document", id_); bad = 1; continue
    if rec.get("text") != text:
        print(id_, "text", repr(rec.get("text")), "want", repr(text)); bad = 1
    if rec.get("fields", {}).get("charset") != charset:
        print(id_, "charset", rec.get("fields", {}).get("charset"), "want", charset); bad = 1
extra = set(docs) - set(want)
if extra:
    print("unexpected documents:", sorted(extra)); bad = 1
reasons = {
    "empty.txt": "empty file",
    "nul.txt": "NUL byte at offset 3",
    "fifo.txt": "FIFO",
    "loop.txt": "symbolic link loop",
}
if unreadable:
    reasons["unreadable.txt"] = "permission denied"
lines = errors.splitlines()
for id_, reason in reasons.items():
    if not any((" " + id_ + ": stage") in l and reason in l for l in lines):
        print("no report for", id_, "with", repr(reason)); bad = 1
sys.exit(bad)
EOF

[ "$fail" = 0 ] && echo "baddir: ok"
exit "$fail"
