#!/bin/sh
# tests/output/sqlite-fts.sh - galley writes the bundled articles to SQLite and
# a full-text query for a word of the seed article answers with its id, and
# one for a non-ASCII word with or without accents; a rerun updates rows
# instead of duplicating them.
set -u
: "${GALLEY:?run through make check}" "${top_srcdir:?}"

if ! "$GALLEY" inspect dir >/dev/null 2>&1; then
    echo "skip: the dir fetch plugin is not built"; exit 77
fi
if command -v sqlite3 >/dev/null 2>&1; then
    q() { sqlite3 "$db" "$1"; }
elif command -v python3 >/dev/null 2>&1; then
    q() { python3 -c 'import sqlite3,sys
for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print("|".join(map(str, r)))' "$db" "$1"; }
else
    echo "skip: neither sqlite3 nor python3 to query the database"; exit 77
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
db=$tmp/corpus.db
cat > "$tmp/pipeline.conf" <<EOF
stage "fetch" {
  plugin = "dir"
  dir { path = "$top_srcdir/examples/articles" include = {"*.txt"} exclude = {"*LICENSE*"} }
}
stage "output" { plugin = "sqlite" sqlite { path = "$db" } }
EOF

fail() { echo "FAIL: $*"; exit 1; }

"$GALLEY" run -q -c "$tmp/pipeline.conf" || fail "galley run exited $?"
n=$(q "SELECT count(*) FROM documents")
[ "$n" -ge 2 ] || fail "expected the bundled articles in documents, got $n"

# 'embbady' (the seed's word-filter damage) occurs in no other article
got=$(q "SELECT d.id FROM documents_fts f JOIN documents d ON d.rowid = f.rowid
         WHERE documents_fts MATCH 'embbady'")
[ "$got" = "seed/mattis-pakistan.txt" ] || fail "FTS5 'embbady' gave '$got'"
got=$(q "SELECT snippet(documents_fts, 1, '[', ']', '...', 6) FROM documents_fts
         WHERE documents_fts MATCH 'embbady'")
case $got in *"[embbady]"*) ;; *) fail "snippet() gave '$got'" ;; esac

# rerun: same count, no duplicates
"$GALLEY" run -q -c "$tmp/pipeline.conf" || fail "second run exited $?"
n2=$(q "SELECT count(*) FROM documents")
[ "$n2" = "$n" ] || fail "rerun changed the document count: $n -> $n2"
[ "$(q "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'embbady'")" = 1 ] ||
    fail "rerun duplicated the FTS entry"
# the database is one file at the end (WAL folded back in), and intact
[ ! -s "$db-wal" ] || fail "a non-empty $db-wal was left behind"
[ "$(q "PRAGMA integrity_check")" = ok ] || fail "integrity_check"
# a non-ASCII word is found with or without its accents, by a reader's own
# SQLite (galley's writer indexes with a faster stand-in tokenizer)
mkdir -p "$tmp/intl"
printf 'Grüße aus Zürich\n\nDas Café am See öffnet wieder, sagt die Stadt Zürich.\n' \
    > "$tmp/intl/zurich.txt"
sed "s|$top_srcdir/examples/articles|$tmp/intl|; s|$db|$tmp/intl.db|" "$tmp/pipeline.conf" \
    > "$tmp/intl.conf"
db=$tmp/intl.db
"$GALLEY" run -q -c "$tmp/intl.conf" || fail "galley run (non-ASCII article) exited $?"
for w in 'zürich' 'zurich' 'ZÜRICH' 'café' 'cafe' 'grüße'; do
    got=$(q "SELECT d.id FROM documents_fts f JOIN documents d ON d.rowid = f.rowid
             WHERE documents_fts MATCH '$w'")
    [ "$got" = zurich.txt ] || fail "FTS5 '$w' gave '$got'"
done
[ "$(q "PRAGMA integrity_check")" = ok ] || fail "integrity_check after the non-ASCII article"
echo "ok: $n documents, FTS5 finds the seed article and a non-ASCII word"
exit 0
