/* core/state.c - the state file of a resumable, incremental run (--state):
 * an SQLite database of the documents acknowledged so far (id, content
 * version, status, the run that last saw it) and each output's mark at the
 * last checkpoint.  Written by the fetch thread only, one transaction per
 * checkpoint, so it never claims more than the outputs made durable. */
#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char SCHEMA[] =
    "CREATE TABLE IF NOT EXISTS docs (id TEXT PRIMARY KEY, version TEXT,"
    "  status TEXT NOT NULL, run INTEGER NOT NULL, acked TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS marks (stage TEXT PRIMARY KEY, mark TEXT) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;"
    "INSERT OR IGNORE INTO meta VALUES ('format', 1), ('run', 0);"
    "UPDATE meta SET value = value + 1 WHERE key = 'run';";

enum { FIND, SEEN, PUT, DROP, MARK, NSTMT };
static const char *const SQL[NSTMT] = {
    [FIND] = "SELECT version IS ?2 FROM docs WHERE id = ?1",
    [SEEN] = "UPDATE docs SET run = ?2 WHERE id = ?1",
    [PUT] = "INSERT OR REPLACE INTO docs VALUES (?1, ?2, ?3, ?4, datetime('now'))",
    [DROP] = "DELETE FROM docs WHERE id = ?1",
    [MARK] = "INSERT OR REPLACE INTO marks VALUES (?1, ?2)",
};

#define SEEN_PER_COMMIT 10000   /* bounds a transaction of "still there" marks */

struct galley__state {
    char *path;
    sqlite3 *db;
    sqlite3_stmt *st[NSTMT];
    long long run;
    int in_tx;
    long long seen;             /* marked seen in the open transaction */
    char **mark_stage, **mark;  /* the marks read at open */
    size_t nmarks;
    unsigned long long acked;   /* documents in the state at open */
};

static int exec(galley__state *S, const char *sql)
{
    return sqlite3_exec(S->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static const char *why(galley__state *S)
{
    return sqlite3_errmsg(S->db);
}

static int step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

static long long query_int(galley__state *S, const char *sql)
{
    sqlite3_stmt *st;
    long long v = 0;
    if (sqlite3_prepare_v2(S->db, sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void read_marks(galley__state *S)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(S->db, "SELECT stage, mark FROM marks", -1, &st, NULL) != SQLITE_OK)
        return;
    while (sqlite3_step(st) == SQLITE_ROW) {
        S->mark_stage = galley__xrealloc(S->mark_stage, (S->nmarks + 1) * sizeof *S->mark_stage);
        S->mark = galley__xrealloc(S->mark, (S->nmarks + 1) * sizeof *S->mark);
        const char *m = (const char *)sqlite3_column_text(st, 1);
        S->mark_stage[S->nmarks] = galley__xstrdup((const char *)sqlite3_column_text(st, 0));
        S->mark[S->nmarks++] = m ? galley__xstrdup(m) : NULL;
    }
    sqlite3_finalize(st);
}

galley__state *galley__state_open(const char *path, char *err, size_t errlen)
{
    galley__state *S = galley__xcalloc(1, sizeof *S);
    S->path = galley__xstrdup(path);
    const char *what = "open";
    if (sqlite3_open_v2(path, &S->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL)
        != SQLITE_OK)
        goto fail;
    /* exclusive: two runs sharing a state file would each skip what the
     * other did; FULL: a checkpoint recorded is a checkpoint on disk */
    what = "lock";
    sqlite3_busy_timeout(S->db, 200);
    if (exec(S, "PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL;"
                "PRAGMA synchronous = FULL") < 0 || exec(S, "BEGIN IMMEDIATE") < 0)
        goto fail;
    what = "set up";
    if (exec(S, SCHEMA) < 0 || exec(S, "COMMIT") < 0)
        goto fail;
    what = "read";
    if (query_int(S, "SELECT value FROM meta WHERE key = 'format'") != 1)
        goto fail;
    S->run = query_int(S, "SELECT value FROM meta WHERE key = 'run'");
    S->acked = (unsigned long long)query_int(S, "SELECT count(*) FROM docs");
    for (int i = 0; i < NSTMT; i++)
        if (sqlite3_prepare_v3(S->db, SQL[i], -1, SQLITE_PREPARE_PERSISTENT, &S->st[i], NULL)
            != SQLITE_OK)
            goto fail;
    read_marks(S);
    return S;
fail:
    if (S->db && (sqlite3_errcode(S->db) == SQLITE_BUSY || sqlite3_errcode(S->db) == SQLITE_LOCKED))
        snprintf(err, errlen, "state file %s is in use by another galley run: give each run "
                 "its own state file", path);
    else if (S->db && strcmp(what, "read") == 0)
        snprintf(err, errlen, "%s is not a galley state file (or one of a newer galley): "
                 "give another path", path);
    else
        snprintf(err, errlen, "cannot %s the state file %s: %s", what, path,
                 S->db ? why(S) : "out of memory");
    galley__state_close(S);
    return NULL;
}

void galley__state_close(galley__state *S)
{
    if (!S)
        return;
    if (S->in_tx && exec(S, "COMMIT") < 0)
        galley_error("cannot write the state file %s: %s", S->path, why(S));
    for (int i = 0; i < NSTMT; i++)
        sqlite3_finalize(S->st[i]);
    sqlite3_close(S->db);
    for (size_t i = 0; i < S->nmarks; i++) {
        free(S->mark_stage[i]);
        free(S->mark[i]);
    }
    free(S->mark_stage);
    free(S->mark);
    free(S->path);
    free(S);
}

const char *galley__state_mark(const galley__state *S, const char *stage)
{
    for (size_t i = 0; i < S->nmarks; i++)
        if (strcmp(S->mark_stage[i], stage) == 0)
            return S->mark[i];
    return NULL;
}

unsigned long long galley__state_acked(const galley__state *S)
{
    return S->acked;
}

static void begin(galley__state *S)
{
    if (!S->in_tx && exec(S, "BEGIN") == 0)
        S->in_tx = 1;
}

static void commit(galley__state *S, const char *what)
{
    if (!S->in_tx)
        return;
    if (exec(S, "COMMIT") < 0) {
        galley_error("cannot record %s in the state file %s: %s; the next run does "
                     "those documents again", what, S->path, why(S));
        exec(S, "ROLLBACK");
    }
    S->in_tx = 0;
    S->seen = 0;
}

static void bind_opt(sqlite3_stmt *st, int i, const char *s)
{
    if (s && *s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

int galley__state_unchanged(galley__state *S, const char *id, const char *version)
{
    sqlite3_stmt *f = S->st[FIND];
    sqlite3_bind_text(f, 1, id, -1, SQLITE_STATIC);
    bind_opt(f, 2, version);
    int same = sqlite3_step(f) == SQLITE_ROW && sqlite3_column_int(f, 0) == 1;
    sqlite3_reset(f);
    if (!same)
        return 0;
    /* still there: not reported deleted at the end */
    begin(S);
    sqlite3_stmt *u = S->st[SEEN];
    sqlite3_bind_text(u, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(u, 2, S->run);
    step_done(u);
    if (++S->seen >= SEEN_PER_COMMIT)
        commit(S, "which documents are unchanged");
    return 1;
}

void galley__state_commit(galley__state *S, const galley_ack *acks, char *const *versions,
                          size_t n, const galley_stage *outs, char *const *marks, size_t nouts)
{
    static const char *const names[] = { "ok", "skipped" };
    begin(S);
    for (size_t i = 0; i < n; i++) {
        if (!acks[i].id || !*acks[i].id)
            continue;
        /* a failed document is not done: the next run tries it again */
        sqlite3_stmt *st = S->st[acks[i].status == GALLEY_ERROR ? DROP : PUT];
        sqlite3_bind_text(st, 1, acks[i].id, -1, SQLITE_STATIC);
        if (acks[i].status != GALLEY_ERROR) {
            bind_opt(st, 2, versions[i]);
            sqlite3_bind_text(st, 3, names[acks[i].status == GALLEY_SKIP], -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 4, S->run);
        }
        if (step_done(st) < 0)
            galley_error("cannot record %s in the state file %s: %s", acks[i].id, S->path,
                         why(S));
    }
    for (size_t i = 0; i < nouts; i++) {
        if (!marks[i])
            continue;
        sqlite3_stmt *st = S->st[MARK];
        sqlite3_bind_text(st, 1, outs[i].conf->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, marks[i], -1, SQLITE_STATIC);
        step_done(st);
    }
    commit(S, "a checkpoint");
}

unsigned long long galley__state_sweep(galley__state *S, int report)
{
    commit(S, "which documents are unchanged");
    sqlite3_stmt *st;
    unsigned long long n = 0;
    if (sqlite3_prepare_v2(S->db, "SELECT id FROM docs WHERE run < ?1 ORDER BY id", -1, &st,
                           NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_int64(st, 1, S->run);
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (report)
            fprintf(stderr, "galley: deleted since the last run: %s\n",
                    (const char *)sqlite3_column_text(st, 0));
        n++;
    }
    sqlite3_finalize(st);
    if (n && sqlite3_prepare_v2(S->db, "DELETE FROM docs WHERE run < ?1", -1, &st, NULL)
        == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, S->run);
        begin(S);
        step_done(st);
        sqlite3_finalize(st);
        commit(S, "the deleted documents");
    }
    return n;
}
