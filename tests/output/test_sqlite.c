/* tests/output/test_sqlite.c - the sqlite output: the seed article is found by
 * full-text search (non-ASCII words too, indexed exactly as FTS5's own
 * tokenizer would), entities and keywords are queryable, reruns upsert. */
#define _XOPEN_SOURCE 700   /* nftw */
#include <galley/galley.h>
#include <galley/testing.h>

#include <check.h>
#include <errno.h>
#include <ftw.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../ckhelp.h"

extern const galley_plugin sqlite_LTX_galley_plugin;

static char dir[64];
/* 1: each document goes through the plugin's prepare() before process(),
 * as galley's workers run it (the tokens made there are replayed) */
static int prepare_too;
static char db[128];

static int rm_cb(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb; (void)flag; (void)ftw;
    return remove(p);
}

static void setup(void)
{
    prepare_too = 0;
    strcpy(dir, "/tmp/galley-sqlite-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/corpus.db", dir);
}

static void teardown(void)
{
    nftw(dir, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
}

/* the seed article as a pipeline would hand it over: title, text, people,
 * an entity layer and scored keywords */
static galley_doc *seed_doc(void)
{
    size_t len;
    char *text = ck_slurp(GALLEY_SRCDIR "/examples/articles/seed/mattis-pakistan.txt", &len);
    galley_doc *d = galley_doc_new();
    galley_doc_set_id(d, "seed/mattis-pakistan.txt");
    galley_doc_set_source(d, "examples/articles/seed/mattis-pakistan.txt");
    galley_doc_set_content_type(d, "text/plain");
    galley_doc_set_text(d, text, len);
    char *nl = strchr(text, '\n');
    galley_doc_set_field(d, "title", galley_doc_strndup(d, text, (size_t)(nl - text)));
    galley_doc_set_field(d, "summary", "Mattis urged Pakistan to redouble its efforts.");
    galley_doc_add_field(d, "people", "Jim Mattis", GALLEY_NO_SCORE);
    galley_doc_add_field(d, "keyword", "pakistan", 0.9);
    galley_doc_add_field(d, "keyword", "militants", 0.5);
    const char *m = strstr(text, "Jim Mattis");
    galley_doc_add_span(d, "entity", (size_t)(m - text), (size_t)(m - text) + 10, "PERSON", 0.8);
    const char *p = strstr(text, "ISLAMABAD");
    galley_doc_add_span(d, "entity", (size_t)(p - text), (size_t)(p - text) + 9, "LOC",
                        GALLEY_NO_SCORE);
    free(text);
    return d;
}

static galley_doc *small_doc(const char *id, const char *title, const char *text)
{
    galley_doc *d = galley_doc_new();
    galley_doc_set_id(d, id);
    galley_doc_set_field(d, "title", title);
    galley_doc_set_text(d, text, strlen(text));
    galley_doc_add_field(d, "people", "Ada Lovelace", GALLEY_NO_SCORE);
    return d;
}

static void run(galley_doc **docs, size_t n, const char *extra)
{
    char opt[200];
    snprintf(opt, sizeof opt, "path=%s", db);
    const char *opts[] = { opt, extra, NULL };
    char err[512];
    galley_test *t = galley_test_open(&sqlite_LTX_galley_plugin, opts, err, sizeof err);
    ck_assert_msg(t != NULL, "open: %s", err);
    for (size_t i = 0; i < n; i++) {
        if (prepare_too)
            ck_assert_msg(galley_test_prepare(t, docs[i]) == GALLEY_OK, "prepare: %s",
                          galley_doc_error(docs[i]));
        ck_assert_msg(galley_test_process(t, docs[i]) == GALLEY_OK, "%s",
                      galley_doc_error(docs[i]));
    }
    ck_assert_msg(galley_test_close(t, err, sizeof err) == GALLEY_OK, "close: %s", err);
}

/* first column of the first row as text ("" if none), into a static buffer */
static const char *q1(const char *sql)
{
    static char out[4096];
    sqlite3 *h;
    ck_assert_int_eq(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    ck_assert_msg(sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK, "%s: %s", sql,
                  sqlite3_errmsg(h));
    out[0] = '\0';
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(out, sizeof out, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(h);
    return out;
}

static int exec_rc(const char *sql)
{
    sqlite3 *h;
    ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
    int rc = sqlite3_exec(h, sql, NULL, NULL, NULL);
    sqlite3_close(h);
    return rc;
}

START_TEST(seed_is_found_by_full_text_search)
{
    galley_doc *d = seed_doc();
    run(&d, 1, NULL);
    ck_assert_str_eq(q1("SELECT d.id FROM documents_fts JOIN documents d ON d.rowid = "
                        "documents_fts.rowid WHERE documents_fts MATCH 'islamist'"),
                     "seed/mattis-pakistan.txt");
    /* porter stemming: 'redoubling' finds 'redouble' */
    ck_assert_str_eq(q1("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'redoubling'"), "1");
    ck_assert_str_eq(q1("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'zebra'"), "0");
    ck_assert_ptr_nonnull(strstr(q1("SELECT snippet(documents_fts, 1, '[', ']', '...', 8) FROM "
                                    "documents_fts WHERE documents_fts MATCH 'islamist'"), "[Islamist]"));
    ck_assert_str_eq(q1("SELECT title FROM documents"),
                     "Mattis urges Pakistan to \xE2\x80\x9Credouble\xE2\x80\x9D efforts against Islamist militants");
    ck_assert_str_eq(q1("SELECT name || '/' || label || '/' || score FROM entities WHERE seq = 0"),
                     "Jim Mattis/PERSON/0.8");
    ck_assert_str_eq(q1("SELECT group_concat(keyword, ',') FROM (SELECT keyword FROM keywords ORDER BY rank)"),
                     "pakistan,militants");
    ck_assert_str_eq(q1("SELECT count(*) FROM fields WHERE doc_id = 'seed/mattis-pakistan.txt'"), "5");
    ck_assert_str_eq(q1("PRAGMA journal_mode"), "wal");
    /* the per-document tables are kept in their key's order (doc/output.md) */
    ck_assert_str_eq(q1("SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_table_list"
                        " WHERE wr = 1 AND name NOT LIKE 'documents%' ORDER BY name)"),
                     "entities,fields,keywords");
    /* the index's settings doc/output.md lists, kept in the database */
    ck_assert_str_eq(q1("SELECT group_concat(k || '=' || v, ' ') FROM (SELECT k, v FROM "
                        "documents_fts_config WHERE k <> 'version' ORDER BY k)"),
                     "automerge=0 crisismerge=32 hashsize=8388608 pgsz=16000");
    galley_doc_free(d);
}
END_TEST

/* FTS5's own check: the index is consistent with its content table */
static void assert_index_consistent(void)
{
    ck_assert_int_eq(exec_rc("INSERT INTO documents_fts(documents_fts, rank) "
                             "VALUES ('integrity-check', 1)"), SQLITE_OK);
}

/* "a" (first "Old title", "The quick brown fox.") was written again as
 * "New title", "A lazy dog sleeps.", beside "b": one row each, the new
 * values in the row, its fields and the index */
static void assert_a_updated(void)
{
    ck_assert_str_eq(q1("SELECT count(*) FROM documents"), "2");
    ck_assert_str_eq(q1("SELECT title FROM documents WHERE id = 'a'"), "New title");
    ck_assert_str_eq(q1("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'fox'"), "0");
    ck_assert_str_eq(q1("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'lazy'"), "1");
    ck_assert_str_eq(q1("SELECT count(*) FROM fields WHERE doc_id = 'a'"), "2");
    assert_index_consistent();
}

START_TEST(rerun_updates_instead_of_duplicating)
{
    galley_doc *a = small_doc("a", "Old title", "The quick brown fox.");
    galley_doc *b = small_doc("b", "Other", "Nothing here.");
    galley_doc *docs[] = { a, b };
    run(docs, 2, "batch=1");
    galley_doc_free(a);
    a = small_doc("a", "New title", "A lazy dog sleeps.");
    run(&a, 1, NULL);
    assert_a_updated();
    ck_assert_str_eq(q1("SELECT count(*) FROM entities WHERE doc_id = 'a'"), "1");
    galley_doc_free(a);
    galley_doc_free(b);
}
END_TEST

/* the row is inserted without a look-up first: an id twice in one
 * transaction must still update, not duplicate or fail */
START_TEST(an_id_twice_in_one_run_updates)
{
    galley_doc *a = small_doc("a", "Old title", "The quick brown fox.");
    galley_doc *b = small_doc("b", "Other", "Nothing here.");
    galley_doc *a2 = small_doc("a", "New title", "A lazy dog sleeps.");
    galley_doc *docs[] = { a, b, a2 };
    run(docs, 3, NULL);
    assert_a_updated();
    galley_doc_free(a);
    galley_doc_free(b);
    galley_doc_free(a2);
}
END_TEST

START_TEST(people_fields_become_entities_without_a_layer)
{
    galley_doc *a = small_doc("a", "T", "Text about Ada.");
    galley_doc_add_field(a, "places", "London", GALLEY_NO_SCORE);
    run(&a, 1, NULL);
    ck_assert_str_eq(q1("SELECT group_concat(name || ':' || label, ',') FROM entities"),
                     "Ada Lovelace:PERSON,London:LOC");
    galley_doc_free(a);
}
END_TEST

/* statements keep their bindings between rows: an entity without offsets
 * after one with them must not inherit them */
START_TEST(entities_without_offsets_after_ones_with_them)
{
    galley_doc *seed = seed_doc();
    galley_doc *a = small_doc("a", "T", "Text about Ada.");
    galley_doc *docs[] = { seed, a };
    run(docs, 2, NULL);
    ck_assert_str_eq(q1("SELECT count(*) FROM entities WHERE doc_id = 'seed/mattis-pakistan.txt'"
                        " AND start IS NOT NULL AND score = 0.8"), "1");
    ck_assert_str_eq(q1("SELECT count(*) FROM entities WHERE doc_id = 'a'"
                        " AND start IS NULL AND \"end\" IS NULL AND score IS NULL"), "1");
    galley_doc_free(seed);
    galley_doc_free(a);
}
END_TEST

START_TEST(invalid_utf8_is_stored_repaired)
{
    galley_doc *a = small_doc("bad\xFF", "caf\xE9", "x");
    run(&a, 1, NULL);
    /* the id escapes the byte (galley_doc_set_id), the title is repaired */
    ck_assert_str_eq(q1("SELECT id || '|' || title FROM documents"),
                     "bad%FF|caf\xEF\xBF\xBD");
    galley_doc_free(a);
}
END_TEST

START_TEST(unwritable_path_fails_open_naming_it)
{
    const char *opts[] = { "path=/nonexistent-galley-dir/x.db", NULL };
    char err[512];
    ck_assert_ptr_null(galley_test_open(&sqlite_LTX_galley_plugin, opts, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "/nonexistent-galley-dir/x.db"));
}
END_TEST

START_TEST(text_false_indexes_title_only_and_stays_consistent)
{
    galley_doc *a = small_doc("a", "Alpha title", "Body words zebra.");
    run(&a, 1, "text=false");
    ck_assert_str_eq(q1("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'zebra'"), "0");
    ck_assert_str_eq(q1("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'alpha'"), "1");
    galley_doc_add_field(a, "keyword", "alpha", 0.5);
    run(&a, 1, "text=false");     /* the update path deletes what was indexed */
    ck_assert_str_eq(q1("SELECT keyword FROM keywords WHERE doc_id = 'a'"), "alpha");
    assert_index_consistent();
    galley_doc_free(a);
}
END_TEST

/* a rerun over the same documents writes nothing of an unchanged one (its
 * `updated` stays: the row was not rewritten), and rewrites one of which
 * only a keyword changed, keywords and index included */
START_TEST(rerun_leaves_unchanged_documents_as_they_are)
{
    galley_doc *d = seed_doc();
    prepare_too = _i;           /* the hash from the worker, or the writer's own */
    run(&d, 1, NULL);
    ck_assert_int_eq(exec_rc("UPDATE documents SET updated = 'then'"), SQLITE_OK);
    galley_doc_free(d);
    d = seed_doc();
    run(&d, 1, NULL);
    ck_assert_str_eq(q1("SELECT updated FROM documents"), "then");
    ck_assert_str_eq(q1("SELECT count(*) FROM keywords"), "2");
    galley_doc_free(d);
    d = seed_doc();
    galley_doc_add_field(d, "keyword", "islamabad", 0.2);
    run(&d, 1, NULL);
    ck_assert_str_ne(q1("SELECT updated FROM documents"), "then");
    ck_assert_str_eq(q1("SELECT group_concat(keyword, ',') FROM (SELECT keyword FROM keywords "
                        "ORDER BY rank)"), "pakistan,militants,islamabad");
    ck_assert_str_eq(q1("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'islamist'"), "1");
    assert_index_consistent();
    galley_doc_free(d);
}
END_TEST

/* A rerun over 20 changed documents in one transaction re-indexes them
 * into one new segment of the index: FTS5 writes a segment whenever a
 * statement opens a statement journal, which an update trigger did for
 * each document (a rerun 2.3 times as slow as the first run). */
START_TEST(rerun_of_changed_documents_adds_one_index_segment)
{
    galley_doc *docs[20];
    char id[16], title[32];
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < 20; i++) {
            snprintf(id, sizeof id, "d%d", i);
            snprintf(title, sizeof title, "%s %d", round ? "Revised" : "First", i);
            docs[i] = small_doc(id, title, round ? "A lazy dog sleeps." : "The quick brown fox.");
        }
        run(docs, 20, NULL);
        for (int i = 0; i < 20; i++)
            galley_doc_free(docs[i]);
    }
    ck_assert_str_eq(q1("SELECT count(DISTINCT segid) FROM documents_fts_idx"), "2");
    ck_assert_str_eq(q1("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'revised AND lazy'"), "20");
    ck_assert_str_eq(q1("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'fox OR first'"), "0");
    assert_index_consistent();
}
END_TEST

/* a database an earlier galley wrote (no content_hash column, user_version
 * 1) gains the column, and its rows are rewritten once, not duplicated */
START_TEST(database_of_an_earlier_version_is_upgraded)
{
    galley_doc *d = seed_doc();
    run(&d, 1, NULL);
    ck_assert_int_eq(exec_rc("ALTER TABLE documents DROP COLUMN content_hash;"
                             "UPDATE documents SET updated = 'then'; PRAGMA user_version = 1"), SQLITE_OK);
    run(&d, 1, NULL);
    ck_assert_str_eq(q1("PRAGMA user_version"), "2");
    ck_assert_str_eq(q1("SELECT count(*) || '/' || count(content_hash) FROM documents"), "1/1");
    ck_assert_str_ne(q1("SELECT updated FROM documents"), "then");
    ck_assert_str_eq(q1("SELECT count(*) FROM keywords"), "2");
    assert_index_consistent();
    galley_doc_free(d);
}
END_TEST

/* users deleting a document lose its rows everywhere, index included */
START_TEST(deleting_a_document_cleans_up)
{
    galley_doc *d = seed_doc();
    galley_doc *b = small_doc("b", "Other", "Nothing about Pakistan.");
    galley_doc *docs[] = { d, b };
    run(docs, 2, NULL);
    ck_assert_int_eq(exec_rc("DELETE FROM documents WHERE id = 'seed/mattis-pakistan.txt'"), SQLITE_OK);
    ck_assert_str_eq(q1("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'pakistan'"), "1");
    ck_assert_str_eq(q1("SELECT count(*) FROM fields WHERE doc_id LIKE 'seed%'"), "0");
    ck_assert_str_eq(q1("SELECT count(*) FROM entities WHERE doc_id LIKE 'seed%'"), "0");
    ck_assert_str_eq(q1("SELECT count(*) FROM keywords"), "0");
    assert_index_consistent();
    galley_doc_free(d);
    galley_doc_free(b);
}
END_TEST

/* every token instance of the index, "term doc col offset" per line, read
 * with FTS5's own tokenizer's connection (as a user reads) */
static char *instances(sqlite3 *h)
{
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_exec(h, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.inst USING "
                                     "fts5vocab(main, documents_fts, 'instance')", NULL, NULL, NULL),
                     SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT term, doc, col, offset FROM temp.inst "
                                           "ORDER BY doc, col, offset", -1, &st, NULL), SQLITE_OK);
    galley_buf b = { 0 };
    while (sqlite3_step(st) == SQLITE_ROW)
        ck_assert_int_eq(galley_buf_printf(&b, "%s %lld %s %lld\n", sqlite3_column_text(st, 0),
                                           sqlite3_column_int64(st, 1), sqlite3_column_text(st, 2),
                                           sqlite3_column_int64(st, 3)), 0);
    sqlite3_finalize(st);
    return b.data ? b.data : strdup("");
}

/* galley indexes with a faster stand-in for FTS5's porter tokenizer: the
 * index must hold exactly what FTS5's own builds from the same rows, for
 * ASCII, non-ASCII, mixed, long and odd words */
static void check_index_is_what_fts5s_own_tokenizer_builds(void)
{
    galley_doc *d = seed_doc();
    galley_doc *b = small_doc("b", "Zürich café", "Die Grüße aus ZÜRICH: naïve Cafés, "
                              "«Straße» 42nd don\xE2\x80\x99t O'Neill's £5.99 x\xE2\x80\x94y "
                              "Electroencephalographically internationalizations "
                              "RUNNING ponies generalization caresses hopping "
                              "ab1C2d3 \xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1 tail");
    galley_doc *docs[] = { d, b };
    run(docs, 2, NULL);
    sqlite3 *h;
    ck_assert_int_eq(sqlite3_open(db, &h), SQLITE_OK);
    char *mine = instances(h);
    ck_assert_int_eq(sqlite3_exec(h, "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
                                  NULL, NULL, NULL), SQLITE_OK);
    char *theirs = instances(h);
    sqlite3_close(h);
    ck_assert_uint_gt(strlen(mine), 1000);
    size_t at = 0;
    while (mine[at] && mine[at] == theirs[at])
        at++;
    while (at > 0 && mine[at - 1] != '\n')
        at--;
    ck_assert_msg(strcmp(mine, theirs) == 0, "galley indexed '%.60s', FTS5 '%.60s'", mine + at,
                  theirs + at);
    free(mine);
    free(theirs);
    /* a user's query finds non-ASCII words, with or without the accents */
    static const char *const finds_b[] = { "zürich", "zurich", "ZÜRICH", "grüße", "cafe",
                                           "naive", "straße", "\xCE\xB1\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1",
                                           "run", "internationalization", "\"naïve cafés\"" };
    for (size_t i = 0; i < sizeof finds_b / sizeof *finds_b; i++) {
        char sql[256];
        snprintf(sql, sizeof sql, "SELECT group_concat(d.id) FROM documents_fts f JOIN documents d "
                 "ON d.rowid = f.rowid WHERE documents_fts MATCH '%s'", finds_b[i]);
        ck_assert_msg(strcmp(q1(sql), "b") == 0, "MATCH '%s' gave '%s'", finds_b[i], q1(sql));
    }
    galley_doc_free(d);
    galley_doc_free(b);
}

START_TEST(index_is_what_fts5s_own_tokenizer_builds)
{
    check_index_is_what_fts5s_own_tokenizer_builds();
}
END_TEST

/* the same with the workers' tokens: prepare() made them, process() replays them */
START_TEST(prepared_index_is_what_fts5s_own_tokenizer_builds)
{
    prepare_too = 1;
    check_index_is_what_fts5s_own_tokenizer_builds();
}
END_TEST

/* phrase queries, NEAR and column filters: the index keeps every position
 * and column (FTS5's detail=full), with the workers' tokens too */
START_TEST(phrase_near_and_column_queries_find_the_document)
{
    prepare_too = _i;
    galley_doc *d = seed_doc();
    galley_doc *b = small_doc("b", "Militants", "Islamist groups; militants elsewhere.");
    galley_doc *docs[] = { d, b };
    run(docs, 2, NULL);
    static const char *const finds_seed[] = {
        "\"islamist militants\"", "\"defense secretary jim mattis\"",
        "NEAR(tone sharp, 5)", "title: pakistan", "summary: redouble",
        "{title summary}: redouble", "text: \"first visit to pakistan\"" };
    for (size_t i = 0; i < sizeof finds_seed / sizeof *finds_seed; i++) {
        char sql[256];
        snprintf(sql, sizeof sql, "SELECT group_concat(d.id) FROM documents_fts f JOIN documents d "
                 "ON d.rowid = f.rowid WHERE documents_fts MATCH '%s'", finds_seed[i]);
        ck_assert_msg(strcmp(q1(sql), "seed/mattis-pakistan.txt") == 0, "MATCH '%s' gave '%s'",
                      finds_seed[i], q1(sql));
    }
    /* both have the words, only one the phrase; a column neither has */
    ck_assert_str_eq(q1("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH "
                        "'islamist AND militants'"), "2");
    ck_assert_str_eq(q1("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH "
                        "'summary: militants'"), "0");
    galley_doc_free(d);
    galley_doc_free(b);
}
END_TEST

/* prepare() checks the document for UTF-8 in the worker: a repaired title,
 * text, field value and entity name are stored repaired (a document whose
 * other values are valid has them bound unchecked on the writer), and the
 * document is found by its words */
START_TEST(prepared_invalid_utf8_is_stored_repaired)
{
    prepare_too = 1;
    galley_doc *a = small_doc("a", "caf\xE9 society", "The caf\xE9 \xFF\xFEopened today.");
    galley_doc_add_field(a, "place", "Z\xFCrich", GALLEY_NO_SCORE);
    galley_doc_add_span(a, "entity", 4, 8, "ORG", GALLEY_NO_SCORE);
    galley_doc *b = small_doc("b", "Valid", "Nothing to repair.");
    galley_doc *docs[] = { a, b };
    run(docs, 2, NULL);
    ck_assert_str_eq(q1("SELECT value FROM fields WHERE key = 'place'"), "Z\xEF\xBF\xBDrich");
    ck_assert_str_eq(q1("SELECT name FROM entities WHERE doc_id = 'a'"), "caf\xEF\xBF\xBD");
    ck_assert_str_eq(q1("SELECT group_concat(value) FROM (SELECT value FROM fields "
                        "WHERE doc_id = 'b' ORDER BY key)"), "Ada Lovelace,Valid");
    ck_assert_str_eq(q1("SELECT title FROM documents WHERE id = 'a'"), "caf\xEF\xBF\xBD society");
    ck_assert_str_eq(q1("SELECT text FROM documents WHERE id = 'a'"),
                     "The caf\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBDopened today.");
    ck_assert_str_eq(q1("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH "
                        "'title: society AND opened'"), "1");
    assert_index_consistent();
    galley_doc_free(a);
    galley_doc_free(b);
}
END_TEST

/* a text holding a NUL (a fetcher may put one there) is stored and indexed
 * whole, not cut at the NUL, when prepared too */
START_TEST(text_with_a_nul_is_stored_and_indexed_whole)
{
    prepare_too = _i;
    galley_doc *a = galley_doc_new();
    galley_doc_set_id(a, "a");
    galley_doc_set_text(a, "before\0after zebra", 18);
    run(&a, 1, NULL);
    ck_assert_str_eq(q1("SELECT length(CAST(text AS BLOB)) FROM documents"), "18");
    ck_assert_str_eq(q1("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'zebra'"),
                     "1");
    assert_index_consistent();
    galley_doc_free(a);
}
END_TEST


static Suite *suite(void)
{
    Suite *s = suite_create("output/sqlite");
    TCase *tc = tcase_create("sqlite");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, seed_is_found_by_full_text_search);
    tcase_add_test(tc, rerun_updates_instead_of_duplicating);
    tcase_add_test(tc, an_id_twice_in_one_run_updates);
    tcase_add_loop_test(tc, rerun_leaves_unchanged_documents_as_they_are, 0, 2);
    tcase_add_test(tc, database_of_an_earlier_version_is_upgraded);
    tcase_add_test(tc, rerun_of_changed_documents_adds_one_index_segment);
    tcase_add_test(tc, people_fields_become_entities_without_a_layer);
    tcase_add_test(tc, entities_without_offsets_after_ones_with_them);
    tcase_add_test(tc, invalid_utf8_is_stored_repaired);
    tcase_add_test(tc, unwritable_path_fails_open_naming_it);
    tcase_add_test(tc, text_false_indexes_title_only_and_stays_consistent);
    tcase_add_test(tc, deleting_a_document_cleans_up);
    tcase_add_test(tc, index_is_what_fts5s_own_tokenizer_builds);
    tcase_add_test(tc, prepared_index_is_what_fts5s_own_tokenizer_builds);
    tcase_add_loop_test(tc, phrase_near_and_column_queries_find_the_document, 0, 2);
    tcase_add_test(tc, prepared_invalid_utf8_is_stored_repaired);
    tcase_add_loop_test(tc, text_with_a_nul_is_stored_and_indexed_whole, 0, 2);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return ck_run(suite());
}
