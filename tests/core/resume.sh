#!/bin/sh
# tests/core/resume.sh - a run with a state file killed with SIGKILL at 20
# random moments, and started again each time with the same command, ends
# with every document exactly once: in the jsonl (no torn line) and in the
# sqlite table (PRAGMA integrity_check ok).
. "$top_srcdir/tests/core/lib.sh"
command -v python3 >/dev/null 2>&1 || skip "python3 makes the documents and checks the outputs"
"$GALLEY" inspect sqlite >/dev/null 2>&1 || skip "the sqlite output is not built"

# 5,000 documents in 50 folders
python3 - "$T/in" <<'PY'
import os, sys
root = sys.argv[1]
for i in range(5000):
    d = "%s/d%02d" % (root, i % 50)
    os.makedirs(d, exist_ok=True)
    with open("%s/n%05d.txt" % (d, i), "w") as f:
        # a dozen sentences each, so the 5,000 take a few seconds even on a
        # fast machine: most of the 20 kills must land in a running galley
        body = " ".join("Sentence %d of document %d says a few things about "
                        "Mr. Smith in Paris, item %d, and about the %s." %
                        (k, i, i, ("market", "election", "storm")[k % 3]) for k in range(12))
        f.write("Report %d\n\n%s\n" % (i, body))
PY
cat >"$T/run.conf" <<CONF
checkpoint_docs = 200
stage "fetch" { plugin = "dir" dir { path = "$T/in" } }
stage "clean" { plugin = "text" }
stage "extract" { plugin = "sentences" }
stage "entities" { plugin = "entities" }
stage "summarize" { plugin = "lead" }
stage "out" { plugin = "jsonl" jsonl { path = "$T/out.jsonl" } }
stage "db" { plugin = "sqlite" sqlite { path = "$T/out.db" } }
CONF
set -- run -c "$T/run.conf" --state "$T/state" -j 2

# kill moments: uniform in 0..400 ms after the start, a new seed each run
seed=${RESUME_SEED:-$(date +%s)}
echo "seed $seed (RESUME_SEED=$seed reproduces the kill moments)"
awk -v s="$seed" 'BEGIN { srand(s); for (i = 0; i < 20; i++) printf "%.3f\n", rand() * 0.4 }' >"$T/delays"
alive=0 k=0
while read -r d; do
    k=$((k + 1))
    "$GALLEY" "$@" >"$T/run.out" 2>"$T/run.err" &     # galley itself, not a subshell
    pid=$!
    sleep "$d"
    if kill -KILL "$pid" 2>/dev/null; then alive=$((alive + 1)); fi
    wait "$pid" 2>/dev/null
    done_now=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from docs').fetchone()[0])" "$T/state" 2>/dev/null || echo "?")
    echo "kill $k after ${d}s: $done_now documents acknowledged"
done <"$T/delays"
[ "$alive" -ge 10 ] && pass "$alive of 20 kills hit a running galley" ||
    fail "only $alive of 20 kills hit a running galley: the runs end too soon for this test"

expect_status 0 "the last run finishes" -- "$GALLEY" "$@"
tail -1 "$T/err"
expect_grep "$T/err" " unchanged" "the last run skips what earlier runs did"

python3 - "$T/out.jsonl" "$T/out.db" >"$T/check" 2>&1 <<'PY'
import json, sqlite3, sys
want = {"d%02d/n%05d.txt" % (i % 50, i) for i in range(5000)}
data = open(sys.argv[1], "rb").read()
assert data.endswith(b"\n"), "the jsonl ends in a torn line"
ids = [json.loads(line)["id"] for line in data.decode("utf-8").splitlines()]
dups = len(ids) - len(set(ids))
assert dups == 0, "%d duplicate records in the jsonl" % dups
assert set(ids) == want, "jsonl: %d missing, %d extra" % (len(want - set(ids)), len(set(ids) - want))
db = sqlite3.connect(sys.argv[2])
assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "integrity_check failed"
rows = [r[0] for r in db.execute("SELECT id FROM documents")]
assert len(rows) == len(set(rows)) == 5000 and set(rows) == want, "sqlite: %d rows" % len(rows)
fts = db.execute("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'Paris'").fetchone()[0]
assert fts == 5000, "the full-text index has %d of 5000" % fts
print("5000 ids once each in the jsonl and in sqlite; integrity ok")
PY
if [ $? -eq 0 ]; then pass "$(cat "$T/check")"; else fail "$(cat "$T/check")"; fi
finish
