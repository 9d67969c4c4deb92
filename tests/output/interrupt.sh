#!/bin/sh
# tests/output/interrupt.sh - Ctrl-C mid-run: every file sink still ends with
# complete files holding every document done (closed, committed, renamed into
# place) and no temporary file; before that, no partial file was visible.
set -u
: "${GALLEY:?run through make check}"

"$GALLEY" inspect stdin >/dev/null 2>&1 || { echo "skip: the stdin fetch plugin is not built"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 checks the outputs"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
mkfifo "$tmp/fifo" || { echo "skip: cannot make a FIFO here"; exit 77; }
cd "$tmp" || exit 1
cat > pipeline.conf <<'CONF'
stage "fetch" { plugin = "stdin" }
stage "watch" { plugin = "jsonl" }
stage "file" { plugin = "jsonl" jsonl { path = "out.jsonl" } }
stage "db" { plugin = "sqlite" sqlite { path = "out.db" } }
stage "page" { plugin = "output/html" html { path = "out.html" } }
stage "md" { plugin = "markdown" markdown { path = "out.md" } }
stage "table" { plugin = "csv" csv { path = "out.csv" } }
stage "tree" { plugin = "json" json { dir = "tree" } }
CONF
fail() { echo "FAIL: $*"; exit 1; }

# the output files exist before the background job blocks opening the FIFO:
# its redirections run only once the writer below has opened the other end
: > watch
: > err
"$GALLEY" run -c pipeline.conf > watch 2> err < fifo &
pid=$!
exec 3> fifo
for i in 1 2 3 4 5; do printf '{"id":"d%s","title":"Title %s","text":"Record %s."}\n' "$i" "$i" "$i" >&3; done
n=0
while [ "$(wc -l < watch)" -lt 5 ] && [ $n -lt 300 ]; do sleep 0.1; n=$((n + 1)); done
[ "$(wc -l < watch)" -eq 5 ] || fail "galley did not process the records: $(cat err)"
# mid-run: the records sit in hidden temporary files, the targets do not exist
for f in out.jsonl out.html out.md out.csv; do
    [ ! -e "$f" ] || fail "$f is visible before the run ends"
done
ls -a | grep -q '^\.out\.jsonl\..*\.tmp$' || fail "no temporary file for out.jsonl mid-run"
kill -INT "$pid"
wait "$pid"
rc=$?
exec 3>&-
[ "$rc" -eq 130 ] || fail "exit status $rc after Ctrl-C, wanted 130: $(cat err)"
stale=$(find . -name '.*' ! -name . ! -name ..)
[ -z "$stale" ] || fail "temporary files left: $stale"

python3 - <<'PY' || exit 1
import csv, glob, json, sqlite3, sys
def check(ok, what):
    if not ok:
        sys.exit("FAIL: " + what)
ids = ["d%d" % i for i in range(1, 6)]
check([json.loads(l)["id"] for l in open("out.jsonl")] == ids, "out.jsonl lacks records")
db = sqlite3.connect("out.db")
check([r[0] for r in db.execute("SELECT id FROM documents ORDER BY id")] == ids, "out.db lacks documents")
check(db.execute("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'record'").fetchone()[0] == 5,
      "out.db index incomplete")
page = open("out.html", encoding="utf-8").read()
check(page.endswith("</html>\n") and page.count("<article>") == 5, "out.html incomplete")
md = open("out.md", encoding="utf-8").read()
check(md.count("\n## ") == 5 and md.rstrip().endswith("*5 articles.*"), "out.md incomplete")
rows = list(csv.reader(open("out.csv", newline="", encoding="utf-8")))
check(len(rows) == 6 and [r[0] for r in rows[1:]] == ids, "out.csv incomplete")
check(sorted(glob.glob("tree/*.json")) == ["tree/%s.json" % i for i in ids], "tree incomplete")
print("ok: every sink complete after Ctrl-C")
PY
