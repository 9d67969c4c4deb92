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

# at -j 2 the workers tokenize (the output's prepare step) and the writer
# replays their tokens: the index holds exactly what FTS5's own tokenizer
# builds from the rows ('rebuild' with a reader's SQLite), every token
# instance at its offset (words of over 16 and over 24 bytes, and a word
# whose stem is 16 bytes, each twice: the second is the stand-in's memo),
# and phrase, NEAR and prefix queries answer
cp "$top_srcdir/examples/articles/seed/mattis-pakistan.txt" "$tmp/intl/"
printf 'Straße

«Naïve» CAFÉS, x\342\200\224y don\342\200\231t ab1C2d3 42nd £5.99 RUNNING ponies
Telecommunications telecommunications thermodynamicist Thermodynamicist
antidisestablishmentarianism antidisestablishmentarianism
' \
    > "$tmp/intl/mixed.txt"
rm -f "$db"
"$GALLEY" run -q -j 2 -c "$tmp/intl.conf" || fail "galley run -j 2 exited $?"
q "CREATE VIRTUAL TABLE inst USING fts5vocab(documents_fts, 'instance')"
inst="SELECT term, doc, col, offset FROM inst ORDER BY doc, col, offset"
q "$inst" > "$tmp/mine"
q "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')"
q "$inst" > "$tmp/theirs"
[ "$(wc -l < "$tmp/mine")" -gt 500 ] || fail "only $(wc -l < "$tmp/mine") token instances"
cmp -s "$tmp/mine" "$tmp/theirs" ||
    fail "the index differs from FTS5's own: $(diff "$tmp/mine" "$tmp/theirs" | head -4)"
for w in '"redouble its efforts"' 'NEAR(mattis pakistan, 5)' 'milit*' 'naive' 'strasse OR straße'; do
    got=$(q "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH '$w'")
    [ "$got" -ge 1 ] || fail "FTS5 '$w' found nothing"
done
echo "ok: $n documents, FTS5 finds the seed article and a non-ASCII word"
exit 0
