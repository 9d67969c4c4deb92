/* plugins/output/sqlite.c - an SQLite database of the corpus: documents,
 * fields, entities and keywords tables, an FTS5 index over title, text and
 * summary; WAL mode, one transaction per checkpoint of the run, upsert by id
 * (a document that hashes as its row did is left as it is). */
#include <galley/galley.h>

#include <errno.h>
#include <stdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sink.h"
#include "sqlite_hash.h"
#include "sqlite_prep.h"

/* Triggers keep the external-content FTS index and the per-document tables in
 * step when users update or delete rows.  galley's connection runs without
 * them: it indexes new and changed rows itself, with plain single-row
 * statements: FTS5 flushes its in-memory index whenever a statement opens a
 * statement journal (a trigger, an upsert that updates, a foreign-key
 * check), which made it twice as slow; "ON CONFLICT DO NOTHING" opens none
 * (callgrind: no flush).  So foreign keys are declared for readers but not
 * enforced here.  The per-document tables are WITHOUT ROWID, kept in the
 * order of their primary key: a row is one B-tree insert instead of two (a
 * table and its key's index), 10 % of the writer's instructions with the
 * default pipeline's 68 rows a document. */
static const char SCHEMA[] =
    "CREATE TABLE IF NOT EXISTS documents (\n"
    "  id TEXT PRIMARY KEY, source TEXT, content_type TEXT, charset TEXT,\n"
    "  title TEXT, author TEXT, date TEXT, lang TEXT, url TEXT,\n"
    "  summary TEXT, text TEXT, updated TEXT NOT NULL, content_hash INTEGER);\n"
    "CREATE TABLE IF NOT EXISTS fields (\n"
    "  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  key TEXT NOT NULL, seq INTEGER NOT NULL, value TEXT, score REAL,\n"
    "  PRIMARY KEY (doc_id, key, seq)) WITHOUT ROWID;\n"
    "CREATE INDEX IF NOT EXISTS fields_key ON fields(key, value);\n"
    "CREATE TABLE IF NOT EXISTS entities (\n"
    "  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  seq INTEGER NOT NULL, name TEXT NOT NULL, label TEXT,\n"
    "  start INTEGER, \"end\" INTEGER, score REAL,\n"
    "  PRIMARY KEY (doc_id, seq)) WITHOUT ROWID;\n"
    "CREATE INDEX IF NOT EXISTS entities_name ON entities(name, label);\n"
    "CREATE TABLE IF NOT EXISTS keywords (\n"
    "  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  rank INTEGER NOT NULL, keyword TEXT NOT NULL, score REAL,\n"
    "  PRIMARY KEY (doc_id, rank)) WITHOUT ROWID;\n"
    "CREATE INDEX IF NOT EXISTS keywords_keyword ON keywords(keyword);\n"
    "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(\n"
    "  title, text, summary, content='documents', content_rowid='rowid',\n"
    "  tokenize='porter unicode61 remove_diacritics 2');\n"
    "DROP TRIGGER IF EXISTS documents_ai;\n"
    "CREATE TRIGGER IF NOT EXISTS documents_ad AFTER DELETE ON documents BEGIN\n"
    "  INSERT INTO documents_fts(documents_fts, rowid, title, text, summary)\n"
    "  VALUES ('delete', old.rowid, old.title, old.text, old.summary);\n"
    "  DELETE FROM fields WHERE doc_id = old.id;\n"
    "  DELETE FROM entities WHERE doc_id = old.id;\n"
    "  DELETE FROM keywords WHERE doc_id = old.id; END;\n"
    "CREATE TRIGGER IF NOT EXISTS documents_au AFTER UPDATE ON documents BEGIN\n"
    "  INSERT INTO documents_fts(documents_fts, rowid, title, text, summary)\n"
    "  VALUES ('delete', old.rowid, old.title, old.text, old.summary);\n"
    "  INSERT INTO documents_fts(rowid, title, text, summary)\n"
    "  VALUES (new.rowid, new.title, new.text, new.summary); END;\n";

/* FTS5's merge settings for a new index, kept in the database (a user's own
 * inserts follow them too).  Each commit (a checkpoint) writes the documents
 * since the last as a new segment, and with FTS5's defaults (merge 4 of a
 * level as they come, a segment per 1 MB of pending index) merging was 45 %
 * of the time of indexing 100,000 articles.  Here segments are merged only
 * when 32 pile up on a level (the index of 100,000 articles: 7 segments),
 * and a segment holds up to 8 MB.  Queries read the few more segments no
 * slower (measured); 'optimize' merges them all (doc/output.md).  Leaf
 * records of 16,000 bytes (FTS5's default: 4,050) fill a 16 KiB page each:
 * 2.6 % fewer instructions on the output thread (callgrind, 4,450 BBC
 * articles), the same tokens and positions in the index. */
static const char *const FTS_TUNING[] = { "'automerge', 0", "'crisismerge', 32",
                                          "'hashsize', 8388608", "'pgsz', 16000" };

enum { ROW_NEW, ROW_CHANGED, ROW_SAME };

enum { INSERT, OLD_ROW, UPDATE, DEL_FTS, ADD_FTS, DEL_FIELDS, DEL_ENTS, DEL_KWS,
       ADD_FIELD, ADD_ENT, ADD_KW, NSTMT };

static const char *const SQL[NSTMT] = {
    [ADD_FTS] = "INSERT INTO documents_fts (rowid, title, text, summary) VALUES (?1, ?2, ?3, ?4)",
    [DEL_FTS] = "INSERT INTO documents_fts (documents_fts, rowid, title, text, summary)"
                " VALUES ('delete', ?1, ?2, ?3, ?4)",
    [OLD_ROW] = "SELECT rowid, title, text, summary, content_hash FROM documents WHERE id = ?1",
    [INSERT] =
        "INSERT INTO documents (id, source, content_type, charset, title, author, date,"
        " lang, url, summary, text, updated, content_hash)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, datetime('now'), ?12)"
        " ON CONFLICT (id) DO NOTHING",
    [UPDATE] =
        "UPDATE documents SET source = ?2, content_type = ?3, charset = ?4, title = ?5,"
        " author = ?6, date = ?7, lang = ?8, url = ?9, summary = ?10, text = ?11,"
        " updated = datetime('now'), content_hash = ?12 WHERE id = ?1",
    [DEL_FIELDS] = "DELETE FROM fields WHERE doc_id = ?1",
    [DEL_ENTS] = "DELETE FROM entities WHERE doc_id = ?1",
    [DEL_KWS] = "DELETE FROM keywords WHERE doc_id = ?1",
    [ADD_FIELD] = "INSERT INTO fields (doc_id, key, seq, value, score) VALUES (?1, ?2, ?3, ?4, ?5)",
    [ADD_ENT] = ("INSERT INTO entities (doc_id, seq, name, label, start, \"end\", score)"
                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
    [ADD_KW] = "INSERT INTO keywords (doc_id, rank, keyword, score) VALUES (?1, ?2, ?3, ?4)",
};

typedef struct sq {
    galley_stage *stage;
    char *path;
    sqlite3 *db;
    sqlite3_stmt *st[NSTMT];
    sqlite_fts *fts;            /* the stand-in tokenizer (NULL: FTS5's own) */
    sqlite_prep *prep;          /* the workers' tokenizers (NULL: none) */
    long long in_batch;         /* documents in the open transaction */
    int text;
    size_t repairs;
    int nomem;                  /* a value could not be repaired: memory ran out */
    int valid;                  /* this document's other values are valid UTF-8
                                 * (its worker checked them): bound as they are */
    sink_buf tmp;
    sink_buf first;             /* id of the first document of the open batch */
    /* documents rolled back since the last flush (a write failed): the
     * next flush reports them lost, so the run counts them as failed */
    long long lost;
    sink_buf lost_why;
    long long unchanged;        /* documents whose rows were already as they are */
} sq;

static const galley_option sqlite_opts[] = {
    { GALLEY_OPT_STRING, "path", NULL, GALLEY_OPT_REQUIRED | GALLEY_OPT_PATH, 0, 0,
      "database file (created if absent; documents are upserted by id)", NULL },
    { GALLEY_OPT_INT, "batch", "1000", 0, 1, 1000000,
      "obsolete, kept so that old configs load: a transaction is now the documents "
      "of one checkpoint of the run (set checkpoint_docs)", NULL },
    { GALLEY_OPT_BOOL, "text", "true", 0, 0, 0,
      "store and index the text (false: only title and summary are searchable)", NULL },
    { 0 }
};

/* "database or disk is full (No space left on device)" */
static const char *db_error(sq *s)
{
    sink_buf_reset(&s->tmp);
    sink_buf_puts(&s->tmp, sqlite3_errmsg(s->db));
    int e = sqlite3_system_errno(s->db);
    /* SQLite reports a full disk as SQLITE_FULL, not always with errno */
    if (!e && (sqlite3_extended_errcode(s->db) & 0xff) == SQLITE_FULL)
        e = ENOSPC;
    if (e)
        sink_buf_printf(&s->tmp, " (%s)", strerror(e));
    return sink_buf_text(&s->tmp);
}

/* Why a database cannot be opened or set up: SQLite's errno is often that of
 * a later probe (ENOENT for a journal it looked for), so a directory or file
 * we may not write is named first (EACCES, EROFS). */
static const char *open_error(sq *s)
{
    const char *slash = strrchr(s->path, '/');
    char *dir = !slash ? strdup(".") : slash == s->path ? strdup("/")
              : strndup(s->path, (size_t)(slash - s->path));
    int e = 0;
    const char *what = NULL;
    struct stat sb;
    if (stat(s->path, &sb) == 0 && access(s->path, R_OK | W_OK) < 0) {
        e = errno;
        what = "the file";
    } else if (dir && access(dir, W_OK | X_OK) < 0) {
        /* a new database, and its WAL beside an old one, need the directory */
        e = errno;
        what = "its directory";
    }
    sink_buf_reset(&s->tmp);
    if (e)
        sink_buf_printf(&s->tmp, "%s (%s %s: %s)", s->db ? sqlite3_errmsg(s->db) : "cannot open",
                        what, what[4] == 'f' ? s->path : dir, strerror(e));
    free(dir);
    return e ? sink_buf_text(&s->tmp) : s->db ? db_error(s) : "out of memory";
}

static int exec(sq *s, const char *sql)
{
    return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* Each setting on its own: one an older SQLite lacks ('hashsize' came with
 * 3.37) leaves FTS5's default, a speed difference only. */
static void tune_fts(sq *s)
{
    for (size_t i = 0; i < sizeof FTS_TUNING / sizeof *FTS_TUNING; i++) {
        char sql[128];
        snprintf(sql, sizeof sql,
                 "INSERT INTO documents_fts(documents_fts, rank) VALUES (%s)", FTS_TUNING[i]);
        exec(s, sql);
    }
}

/* 1 if the database already has the full-text index */
static int has_fts_table(sq *s)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM sqlite_master WHERE name = 'documents_fts'",
                           -1, &st, NULL) != SQLITE_OK)
        return 0;
    int found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return found;
}

/* A database written by an earlier galley (user_version 1) has no content_hash:
 * added, NULL in the old rows, which the next run over them rewrites once. */
static int upgrade_schema(sq *s)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT content_hash FROM documents LIMIT 0", -1, &st, NULL)
        == SQLITE_OK) {
        sqlite3_finalize(st);
        return exec(s, "PRAGMA user_version = 2");
    }
    return exec(s, "ALTER TABLE documents ADD COLUMN content_hash INTEGER;"
                   "PRAGMA user_version = 2");
}

/* Binds UTF-8 text, repaired if it is not (FTS5 and readers expect UTF-8). */
static void bind_text(sq *s, sqlite3_stmt *st, int i, const char *v, size_t n)
{
    if (!v) {
        sqlite3_bind_null(st, i);
        return;
    }
    if (s->valid) {
        sqlite3_bind_text(st, i, v, (int)n, SQLITE_STATIC);
        return;
    }
    size_t len;
    char *fixed = sink_utf8_repair(v, n, &len, &s->repairs);
    if (!fixed && len == SINK_NOMEM) {
        s->nomem = 1;           /* never stored unrepaired: the document fails */
        sqlite3_bind_null(st, i);
    } else if (fixed)
        sqlite3_bind_text(st, i, fixed, (int)len, free);
    else
        sqlite3_bind_text(st, i, v, (int)n, SQLITE_STATIC);
}

static void bind_str(sq *s, sqlite3_stmt *st, int i, const char *v)
{
    bind_text(s, st, i, v, v ? strlen(v) : 0);
}

static void bind_score(sqlite3_stmt *st, int i, double score)
{
    if (galley_has_score(score))
        sqlite3_bind_double(st, i, score);
    else
        sqlite3_bind_null(st, i);
}

/* No sqlite3_clear_bindings(): every statement has all its parameters
 * bound again before its next step. */
static int step(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* several values of a field joined by a space ("summary" may be sentences) */
static const char *joined(galley_doc *doc, const char *key)
{
    size_t n = galley_doc_field_count(doc, key);
    if (n <= 1)
        return galley_doc_field(doc, key);
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += strlen(galley_doc_field_value(doc, key, i, NULL)) + 1;
    char *out = galley_doc_alloc(doc, len), *p = out;
    for (size_t i = 0; i < n; i++) {
        const char *v = galley_doc_field_value(doc, key, i, NULL);
        if (i)
            *p++ = ' ';
        memcpy(p, v, strlen(v));
        p += strlen(v);
    }
    *p = '\0';
    return out;
}

/* the indexed columns, in the order of SQLITE_FTS_COLUMNS: title, text,
 * summary (NULL: none) */
static void indexed(const sq *s, galley_doc *doc, const char *v[], size_t len[])
{
    v[0] = galley_doc_field(doc, "title");
    v[1] = s->text ? galley_doc_text(doc, &len[1]) : NULL;
    v[2] = joined(doc, "summary");
    len[0] = v[0] ? strlen(v[0]) : 0;
    len[1] = v[1] ? len[1] : 0;
    len[2] = v[2] ? strlen(v[2]) : 0;
}

/* the indexed columns as documents stores them: valid UTF-8, checked once
 * for both the row and its FTS entry, in the worker when it prepared the
 * document (repaired copies freed by cols_free) */
typedef struct cols {
    const char *v[SQLITE_FTS_COLUMNS];
    size_t len[SQLITE_FTS_COLUMNS];
    char *fixed[SQLITE_FTS_COLUMNS];
    sqlite_prep_rec rec;        /* the worker's record, when prepared */
    int prepared;
    uint64_t hash;              /* the document's sqlite_doc_hash */
} cols;

static void cols_get(sq *s, galley_doc *doc, cols *c)
{
    memset(c->fixed, 0, sizeof c->fixed);
    c->prepared = s->prep && sqlite_prep_read(doc, &c->rec) == 0;
    if (c->prepared) {
        memcpy(c->v, c->rec.text, sizeof c->v);
        memcpy(c->len, c->rec.len, sizeof c->len);
        s->repairs += c->rec.repairs;
        s->valid = c->rec.others_valid;
        c->hash = c->rec.hash;
        return;
    }
    c->hash = sqlite_doc_hash(doc, s->text);
    indexed(s, doc, c->v, c->len);
    for (int i = 0; i < SQLITE_FTS_COLUMNS; i++) {
        size_t n = c->len[i];
        c->fixed[i] = c->v[i] ? sink_utf8_repair(c->v[i], c->len[i], &n, &s->repairs) : NULL;
        if (c->fixed[i]) {
            c->v[i] = c->fixed[i];
            c->len[i] = n;
        } else if (n == SINK_NOMEM) {
            s->nomem = 1;       /* never stored unrepaired: the document fails */
            c->v[i] = NULL;
        }
    }
}

static void cols_free(cols *c)
{
    for (int i = 0; i < SQLITE_FTS_COLUMNS; i++)
        free(c->fixed[i]);
}

/* Binds title, text and summary at those parameters (c outlives the step).
 * A prepared text is bound NUL-terminated (length -1): SQLite then hands
 * FTS5 the bound bytes themselves, where the worker's tokens are found by
 * address; bound with a length, FTS5 gets a copy (SQLite adds the NUL),
 * which the tokens are matched to byte by byte. */
static void bind_cols(sqlite3_stmt *st, const int param[], const cols *c)
{
    for (int i = 0; i < SQLITE_FTS_COLUMNS; i++)
        if (!c->v[i])
            sqlite3_bind_null(st, param[i]);
        else
            sqlite3_bind_text(st, param[i], c->v[i],
                              c->prepared && c->rec.nul_free[i] ? -1 : (int)c->len[i],
                              SQLITE_STATIC);
}

static int valid_str(const char *v)
{
    return !v || galley_utf8_valid(v, strlen(v), NULL);
}

/* 1 when every value the writer binds but the indexed columns (the id,
 * source and content type, every field's key and values, the entity
 * mentions and labels) is valid UTF-8: the writer then binds them without
 * checking each again */
static int others_valid(galley_doc *doc)
{
    if (!valid_str(galley_doc_id(doc)) || !valid_str(galley_doc_source(doc)) ||
        !valid_str(galley_doc_content_type(doc)))
        return 0;
    size_t nk = galley_doc_nkeys(doc);
    for (size_t k = 0; k < nk; k++) {
        const char *key = galley_doc_key(doc, k);
        size_t n = galley_doc_field_count(doc, key);
        if (!valid_str(key))
            return 0;
        for (size_t i = 0; i < n; i++)
            if (!valid_str(galley_doc_field_value(doc, key, i, NULL)))
                return 0;
    }
    size_t n;
    const galley_span *sp = galley_doc_layer(doc, "entity", &n);
    const char *text = galley_doc_text(doc, NULL);
    for (size_t i = 0; i < n; i++)
        if (!galley_utf8_valid(text + sp[i].start, sp[i].end - sp[i].start, NULL) ||
            !valid_str(sp[i].label))
            return 0;
    return 1;
}

/* In the worker: the indexed columns, checked for UTF-8, and their FTS5
 * tokens, for the writer to bind and replay; whether the other values need
 * checking on the writer. */
static galley_status sqlite_prepare(void *state, galley_doc *doc)
{
    const sq *s = state;
    if (s->prep) {
        const char *v[SQLITE_FTS_COLUMNS];
        size_t len[SQLITE_FTS_COLUMNS];
        indexed(s, doc, v, len);
        sqlite_prep_doc(s->prep, doc, v, len, others_valid(doc), sqlite_doc_hash(doc, s->text));
    }
    return GALLEY_OK;
}

/* steps an indexing statement with the worker's tokens at hand */
static int step_indexed(sq *s, sqlite3_stmt *st, const cols *c)
{
    if (c->prepared)
        sqlite_prep_arm(s->fts, &c->rec);
    int rc = step(st);
    sqlite_fts_replay_end(s->fts);
    return rc;
}

/* the documents row's columns but the indexed ones */
static void bind_row(sq *s, sqlite3_stmt *st, galley_doc *doc)
{
    bind_str(s, st, 1, galley_doc_id(doc));
    bind_str(s, st, 2, galley_doc_source(doc));
    bind_str(s, st, 3, galley_doc_content_type(doc));
    static const char *const meta[] = { "charset", "author", "date", "lang", "url" };
    bind_str(s, st, 4, galley_doc_field(doc, meta[0]));
    for (int i = 1; i < 5; i++)
        bind_str(s, st, 5 + i, galley_doc_field(doc, meta[i]));
}

/* The row of doc's id is there: ROW_SAME when its hash is the document's,
 * else its index entries are deleted (FTS5's 'delete' needs the values it
 * indexed) and ROW_CHANGED with its rowid; -1 on an error. */
static int old_row(sq *s, galley_doc *doc, const cols *c, sqlite3_int64 *rowid)
{
    sqlite3_stmt *old = s->st[OLD_ROW], *del = s->st[DEL_FTS];
    bind_str(s, old, 1, galley_doc_id(doc));
    if (sqlite3_step(old) != SQLITE_ROW) {
        sqlite3_reset(old);
        return -1;
    }
    *rowid = sqlite3_column_int64(old, 0);
    int same = sqlite3_column_type(old, 4) == SQLITE_INTEGER &&
               (uint64_t)sqlite3_column_int64(old, 4) == c->hash;
    int rc = 0;
    if (!same) {
        sqlite3_bind_int64(del, 1, *rowid);
        for (int i = 1; i <= 3; i++)
            sqlite3_bind_value(del, i + 1, sqlite3_column_value(old, i));
        rc = step(del);
    }
    sqlite3_reset(old);
    return rc < 0 ? -1 : same ? ROW_SAME : ROW_CHANGED;
}

/* Inserts the row, or nothing when its id is there (a rerun, or an id twice
 * in one run): then rewrites it unless its hash is the document's.  No
 * look-up before: most rows are new.  galley's connection runs without
 * triggers (sqlite_open) and keeps the index itself: an update trigger made
 * the update open a statement journal, where FTS5 writes out its pending
 * index, so a rerun over changed documents wrote a segment per document.
 * *was: ROW_NEW, ROW_CHANGED (the document's other rows are to be
 * replaced) or ROW_SAME (nothing to write). */
static int put_row(sq *s, galley_doc *doc, const cols *c, int *was)
{
    sqlite3_stmt *st = s->st[INSERT];
    bind_row(s, st, doc);
    bind_cols(st, (const int[]){ 5, 11, 10 }, c);
    sqlite3_bind_int64(st, 12, (sqlite3_int64)c->hash);
    if (step(st) < 0)
        return -1;
    sqlite3_int64 rowid = sqlite3_last_insert_rowid(s->db);
    *was = ROW_NEW;
    if (sqlite3_changes(s->db) == 0) {
        if ((*was = old_row(s, doc, c, &rowid)) != ROW_CHANGED)
            return *was < 0 ? -1 : 0;
        st = s->st[UPDATE];
        bind_row(s, st, doc);
        bind_cols(st, (const int[]){ 5, 11, 10 }, c);
        sqlite3_bind_int64(st, 12, (sqlite3_int64)c->hash);
        if (step(st) < 0)
            return -1;
    }
    /* the FTS row must hold exactly what documents holds, or a later
     * 'delete' of it would not match */
    st = s->st[ADD_FTS];
    sqlite3_bind_int64(st, 1, rowid);
    bind_cols(st, (const int[]){ 2, 3, 4 }, c);
    return step_indexed(s, st, c);
}

static int put_document(sq *s, galley_doc *doc, int *was)
{
    cols c;
    cols_get(s, doc, &c);
    int rc = put_row(s, doc, &c, was);
    cols_free(&c);
    return rc;
}

static int put_fields(sq *s, galley_doc *doc)
{
    const char *id = galley_doc_id(doc);
    size_t nk = galley_doc_nkeys(doc);
    for (size_t k = 0; k < nk; k++) {
        const char *key = galley_doc_key(doc, k);
        size_t n = galley_doc_field_count(doc, key);
        for (size_t i = 0; i < n; i++) {
            double score;
            const char *v = galley_doc_field_value(doc, key, i, &score);
            sqlite3_stmt *st = s->st[ADD_FIELD];
            bind_str(s, st, 1, id);
            bind_str(s, st, 2, key);
            sqlite3_bind_int64(st, 3, (sqlite3_int64)i);
            bind_str(s, st, 4, v);
            bind_score(st, 5, score);
            if (step(st) < 0)
                return -1;
        }
    }
    return 0;
}

static int add_entity(sq *s, const char *id, long long seq, const char *name,
                      size_t namelen, const char *label, const galley_span *sp)
{
    sqlite3_stmt *st = s->st[ADD_ENT];
    bind_str(s, st, 1, id);
    sqlite3_bind_int64(st, 2, seq);
    bind_text(s, st, 3, name, namelen);
    bind_str(s, st, 4, label);
    if (sp) {
        sqlite3_bind_int64(st, 5, (sqlite3_int64)sp->start);
        sqlite3_bind_int64(st, 6, (sqlite3_int64)sp->end);
        bind_score(st, 7, sp->score);
    } else
        for (int i = 5; i <= 7; i++)
            sqlite3_bind_null(st, i);
    return step(st);
}

/* Mentions from the entity layer; without one, the people/places/
 * organizations fields (no offsets) so a corpus is queryable either way. */
static int put_entities(sq *s, galley_doc *doc)
{
    const char *id = galley_doc_id(doc);
    size_t n;
    const galley_span *sp = galley_doc_layer(doc, "entity", &n);
    const char *text = galley_doc_text(doc, NULL);
    long long seq = 0;
    for (size_t i = 0; i < n; i++)
        if (add_entity(s, id, seq++, text + sp[i].start, sp[i].end - sp[i].start,
                       sp[i].label, &sp[i]) < 0)
            return -1;
    if (n > 0)
        return 0;
    static const char *const keys[][2] = {
        { "people", "PERSON" }, { "organizations", "ORG" }, { "places", "LOC" } };
    for (int k = 0; k < 3; k++) {
        size_t nv = galley_doc_field_count(doc, keys[k][0]);
        for (size_t i = 0; i < nv; i++) {
            const char *v = galley_doc_field_value(doc, keys[k][0], i, NULL);
            if (add_entity(s, id, seq++, v, strlen(v), keys[k][1], NULL) < 0)
                return -1;
        }
    }
    return 0;
}

static int put_keywords(sq *s, galley_doc *doc)
{
    const char *id = galley_doc_id(doc);
    size_t n = galley_doc_field_count(doc, "keyword");
    for (size_t i = 0; i < n; i++) {
        double score;
        const char *v = galley_doc_field_value(doc, "keyword", i, &score);
        sqlite3_stmt *st = s->st[ADD_KW];
        bind_str(s, st, 1, id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i + 1);
        bind_str(s, st, 3, v);
        bind_score(st, 4, score);
        if (step(st) < 0)
            return -1;
    }
    return 0;
}

static int put(sq *s, galley_doc *doc)
{
    int was;
    if (put_document(s, doc, &was) < 0)
        return -1;
    if (was == ROW_SAME) {
        s->unchanged++;
        return 0;
    }
    for (int k = DEL_FIELDS; was == ROW_CHANGED && k <= DEL_KWS; k++) {
        bind_str(s, s->st[k], 1, galley_doc_id(doc));
        if (step(s->st[k]) < 0)
            return -1;
    }
    if ( put_fields(s, doc) < 0 || put_entities(s, doc) < 0 ||
        put_keywords(s, doc) < 0)
        return -1;
    return 0;
}

/* Undoes the open batch.  Every document of it goes, so the database never
 * holds part of one.  (Not a savepoint per document: FTS5 flushes its
 * in-memory index at every savepoint, which halves its speed.) */
static void rollback(sq *s)
{
    if (!sqlite3_get_autocommit(s->db))
        exec(s, "ROLLBACK");
    s->in_batch = 0;
}

/* " (and the N documents before it since the last commit, from ID)" */
static const char *lost(sq *s, galley_doc *doc, long long n)
{
    if (n <= 0)
        return "";
    return galley_doc_printf(doc, "; the %lld document(s) before it since the last commit "
                             "(from %s) are rolled back with it", n, sink_buf_text(&s->first));
}

/* n documents before a failed one were rolled back with it: until the next
 * flush every document fails, and that flush reports the n as lost */
static void note_lost(sq *s, long long n, const char *why)
{
    if (n <= 0)
        return;
    if (s->lost == 0) {
        sink_buf_reset(&s->lost_why);
        sink_buf_puts(&s->lost_why, why);
    }
    s->lost += n;
}

static galley_status sqlite_process(void *state, galley_doc *doc)
{
    sq *s = state;
    if (s->lost)
        return galley_doc_fail(doc, "not written to %s: the transaction since the last "
                               "checkpoint was rolled back (%s)", s->path, sink_buf_text(&s->lost_why));
    if (s->in_batch == 0) {
        if (exec(s, "BEGIN") < 0)
            return galley_doc_fail(doc, "cannot begin a transaction in %s: %s", s->path,
                                   db_error(s));
        sink_buf_reset(&s->first);
        sink_buf_puts(&s->first, galley_doc_id(doc));
    }
    s->repairs = 0;
    s->nomem = 0;
    s->valid = 0;               /* until the document's prepared record says */
    if (put(s, doc) < 0 || s->nomem) {
        char *msg = galley_doc_strdup(doc, s->nomem ? "out of memory repairing its UTF-8"
                                                    : db_error(s));
        long long n = s->in_batch;
        rollback(s);
        note_lost(s, n, msg);
        return galley_doc_fail(doc, "cannot write to %s: %s%s", s->path, msg, lost(s, doc, n));
    }
    if (s->repairs)
        galley_warn("%s: output: invalid UTF-8 stored with U+FFFD in its place",
                    galley_doc_id(doc));
    /* no commit here: a transaction is a checkpoint's documents, so a
     * failure loses exactly the documents since the last flush, and the
     * run counts exactly those as failed */
    s->in_batch++;
    return GALLEY_OK;
}

static void sq_free(sq *s)
{
    for (int i = 0; i < NSTMT; i++)
        sqlite3_finalize(s->st[i]);
    sqlite3_close(s->db);
    sqlite_prep_free(s->prep);
    sink_buf_free(&s->tmp);
    sink_buf_free(&s->first);
    sink_buf_free(&s->lost_why);
    free(s->path);
    free(s);
}

static galley_status sqlite_open(galley_stage *st, void **state)
{
    sq *s = calloc(1, sizeof *s);
    const char *path = galley_opt_str(st, "path");
    if (!s || !(s->path = strdup(path ? path : ""))) {
        free(s);
        return galley_stage_fail(st, "out of memory");
    }
    s->stage = st;
    s->text = galley_opt_bool(st, "text");
    const char *what = "open";
    /* NOMUTEX: the connection is used by one thread at a time (the output
     * stage's), and its mutex was taken at every bind, step and reset */
    if (sqlite3_open_v2(s->path, &s->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL)
        != SQLITE_OK)
        goto fail;
    sqlite3_extended_result_codes(s->db, 1);
    /* the plugin keeps the index and the per-document tables itself (put_row) */
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
    sqlite3_busy_timeout(s->db, 5000);
    /* WAL: readers keep querying while a run writes; NORMAL sync is safe in WAL
     * (a power cut may lose the last commits, never corrupt the file) */
    what = "set up";
    if (exec(s, "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                "PRAGMA cache_size = -65536;") < 0)
        goto fail;
    /* before the schema: FTS5 makes the table's tokenizer when it first opens it */
    s->fts = sqlite_fts_fast_porter(s->db);
    if (s->fts)
        s->prep = sqlite_prep_new();    /* NULL: the writer tokenizes */
    what = "create the tables in";
    if (exec(s, "BEGIN") < 0)
        goto fail;
    int fresh = !has_fts_table(s);
    if (exec(s, SCHEMA) < 0 || upgrade_schema(s) < 0)
        goto fail;
    if (fresh)
        tune_fts(s);
    if (exec(s, "COMMIT") < 0)
        goto fail;
    what = "prepare statements for";
    for (int i = 0; i < NSTMT; i++)
        if (sqlite3_prepare_v3(s->db, SQL[i], -1, SQLITE_PREPARE_PERSISTENT, &s->st[i], NULL)
            != SQLITE_OK)
            goto fail;
    *state = s;
    return GALLEY_OK;
fail:;
    galley_status rc = galley_stage_fail(st, "cannot %s the database %s: %s", what, s->path,
                                         open_error(s));
    sq_free(s);
    return rc;
}

/* A checkpoint: commit, synced to disk (synchronous = NORMAL alone leaves
 * the last commits to the next WAL checkpoint). */
static galley_status sqlite_flush(void *state)
{
    sq *s = state;
    if (s->lost) {
        long long n = s->lost;
        s->lost = 0;
        return galley_stage_fail(s->stage, "%lld document(s) were rolled back in %s: %s", n,
                                 s->path, sink_buf_text(&s->lost_why));
    }
    if (s->in_batch == 0)
        return GALLEY_OK;
    exec(s, "PRAGMA synchronous = FULL");
    int rc = exec(s, "COMMIT");
    const char *why = rc < 0 ? db_error(s) : NULL;
    galley_status st = rc < 0 ? galley_stage_fail(s->stage, "cannot commit to %s: %s",
                                                  s->path, why) : GALLEY_OK;
    if (rc < 0)
        rollback(s);
    s->in_batch = 0;
    exec(s, "PRAGMA synchronous = NORMAL");
    return st;
}

static galley_status sqlite_close(void *state)
{
    sq *s = state;
    galley_status rc = GALLEY_OK;
    if (s->in_batch > 0 && exec(s, "COMMIT") < 0) {
        rc = galley_stage_fail(s->stage, "cannot commit the last %lld document(s) (from %s) "
                               "to %s: %s; they are not in the database", s->in_batch,
                               sink_buf_text(&s->first), s->path, db_error(s));
        rollback(s);
    }
    if (s->unchanged)
        galley_info("output: %lld document(s) already in %s as they are: left unchanged",
                    s->unchanged, s->path);
    /* fold the WAL back in, so the database is one self-contained file */
    sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    sq_free(s);
    return rc;
}

GALLEY_PLUGIN(sqlite,
    .kind = GALLEY_OUTPUT,
    .summary = "SQLite database: documents, fields, entities, keywords + FTS5 full-text index",
    .version = "1.0",
    .license = "MIT",
    .options = sqlite_opts,
    .open = sqlite_open, .process = sqlite_process, .close = sqlite_close,
    .flush = sqlite_flush, .prepare = sqlite_prepare);
