/* tests/output/test_jsonl.c - the jsonl output round-trips through jansson:
 * every field, layer and awkward character comes back as it went in. */
#include <galley/galley.h>
#include <galley/testing.h>

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../ckhelp.h"
#include "../../plugins/output/jsonw.h"

extern const galley_plugin jsonl_LTX_galley_plugin;

static char dir[64];
static char out[128];

static void setup(void)
{
    strcpy(dir, "/tmp/galley-jsonl-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(out, sizeof out, "%s/out.jsonl", dir);
}

static void teardown(void)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char p[512];
    while (d && (e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            unlink(p);
        }
    if (d)
        closedir(d);
    rmdir(dir);
}

static int count_entries(void)
{
    int n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

/* Runs the plugin over docs with options, writing the file out. */
static void write_docs2(galley_doc **docs, size_t n, const char *extra, const char *extra2)
{
    char pathopt[160];
    snprintf(pathopt, sizeof pathopt, "path=%s", out);
    const char *opts[] = { pathopt, extra, extra ? extra2 : NULL, NULL };
    char err[512];
    galley_test *t = galley_test_open(&jsonl_LTX_galley_plugin, opts, err, sizeof err);
    ck_assert_msg(t != NULL, "open: %s", err);
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(galley_test_process(t, docs[i]), GALLEY_OK);
    ck_assert_int_eq(galley_test_close(t, err, sizeof err), GALLEY_OK);
}

static void write_docs(galley_doc **docs, size_t n, const char *extra)
{
    write_docs2(docs, n, extra, NULL);
}

/* Runs the plugin over docs with options; returns the file's lines parsed. */
static json_t *run(galley_doc **docs, size_t n, const char *extra)
{
    write_docs(docs, n, extra);
    FILE *f = fopen(out, "r");
    ck_assert_ptr_nonnull(f);
    json_t *all = json_array();
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        json_error_t je;
        json_t *v = json_loadb(line, (size_t)len, JSON_ALLOW_NUL, &je);
        ck_assert_msg(v != NULL, "line does not parse: %s: %.200s", je.text, line);
        ck_assert(json_is_object(v));
        json_array_append_new(all, v);
    }
    free(line);
    fclose(f);
    return all;
}

static void assert_str(json_t *v, const char *want, size_t wantlen)
{
    ck_assert_msg(json_is_string(v), "not a string");
    ck_assert_uint_eq(json_string_length(v), wantlen);
    ck_assert_msg(memcmp(json_string_value(v), want, wantlen) == 0, "got \"%s\" want \"%s\"", json_string_value(v), want);
}

/* quotes, backslashes, every control character, a NUL, non-BMP characters */
static const char AWKWARD[] = "say \"hi\" \\ back\\slash \x01\x02\x1f\x7f tab\t nl\n"
                              " cr\r \xF0\x9F\x98\x80 \xF0\x9D\x84\x9E caf\xC3\xA9 \xE2\x80\xA8";

START_TEST(roundtrip_everything)
{
    galley_doc *d = galley_doc_new();
    galley_doc_set_id(d, "dir/\"quoted\" id \xF0\x9F\x98\x80");
    galley_doc_set_source(d, "/in/a\\b.txt");
    galley_doc_set_content_type(d, "text/plain");
    galley_doc_set_field(d, "title", AWKWARD);
    galley_doc_set_field(d, "charset", "utf-8");
    galley_doc_add_field(d, "people", "Jim Mattis", GALLEY_NO_SCORE);
    galley_doc_add_field(d, "people", "Imran \"Khan\"", GALLEY_NO_SCORE);
    galley_doc_add_field(d, "keyword", "pakistan", 0.75);
    galley_doc_add_field(d, "keyword", "terror\\ism", 0.125);
    galley_doc_add_field(d, "lang", "en", 0.5);
    galley_doc_set_field(d, "summary", "One. Two.");
    static const char text[] = "Mattis \"went\"\tto\0Pakistan \xF0\x9F\x98\x80 today.\n";
    size_t tlen = sizeof text - 1;
    galley_doc_set_text(d, text, tlen);
    ck_assert_int_eq(galley_doc_add_span(d, "sentence", 0, tlen, NULL, GALLEY_NO_SCORE), 0);
    ck_assert_int_eq(galley_doc_add_span(d, "entity", 0, 6, "PERSON", 0.9), 0);
    ck_assert_int_eq(galley_doc_add_span(d, "entity", 17, 25, "LOC", GALLEY_NO_SCORE), 0);

    json_t *all = run(&d, 1, "span_text=true");
    ck_assert_uint_eq(json_array_size(all), 1);
    json_t *r = json_array_get(all, 0);
    const char *id = galley_doc_id(d);
    assert_str(json_object_get(r, "id"), id, strlen(id));
    assert_str(json_object_get(r, "source"), "/in/a\\b.txt", 11);
    assert_str(json_object_get(r, "content_type"), "text/plain", 10);
    assert_str(json_object_get(r, "charset"), "utf-8", 5);
    assert_str(json_object_get(r, "summary"), "One. Two.", 9);
    assert_str(json_object_get(r, "text"), text, tlen);
    ck_assert_ptr_null(json_object_get(r, "utf8_repairs"));

    json_t *f = json_object_get(r, "fields");
    ck_assert_uint_eq(json_object_size(f), 6);
    assert_str(json_object_get(f, "title"), AWKWARD, sizeof AWKWARD - 1);
    json_t *people = json_object_get(f, "people");
    ck_assert_uint_eq(json_array_size(people), 2);
    assert_str(json_array_get(people, 1), "Imran \"Khan\"", 12);
    json_t *kw = json_object_get(f, "keyword");
    ck_assert_uint_eq(json_array_size(kw), 2);
    assert_str(json_object_get(json_array_get(kw, 1), "value"), "terror\\ism", 10);
    ck_assert_double_eq(json_real_value(json_object_get(json_array_get(kw, 0), "score")), 0.75);
    json_t *lang = json_object_get(f, "lang");   /* one scored value: an object */
    assert_str(json_object_get(lang, "value"), "en", 2);
    ck_assert_double_eq(json_real_value(json_object_get(lang, "score")), 0.5);

    json_t *ents = json_object_get(json_object_get(r, "layers"), "entity");
    ck_assert_uint_eq(json_array_size(ents), 2);
    json_t *e0 = json_array_get(ents, 0), *e1 = json_array_get(ents, 1);
    ck_assert_int_eq(json_integer_value(json_object_get(e0, "start")), 0);
    ck_assert_int_eq(json_integer_value(json_object_get(e0, "end")), 6);
    assert_str(json_object_get(e0, "label"), "PERSON", 6);
    ck_assert_double_eq_tol(json_real_value(json_object_get(e0, "score")), 0.9, 1e-12);
    assert_str(json_object_get(e0, "text"), "Mattis", 6);
    assert_str(json_object_get(e1, "text"), "Pakistan", 8);
    ck_assert_ptr_null(json_object_get(e1, "score"));
    json_t *sent = json_array_get(json_object_get(json_object_get(r, "layers"), "sentence"), 0);
    ck_assert_ptr_null(json_object_get(sent, "label"));
    assert_str(json_object_get(sent, "text"), text, tlen);

    json_decref(all);
    galley_doc_free(d);
}
END_TEST

START_TEST(invalid_utf8_is_repaired_and_counted)
{
    galley_doc *d = galley_doc_new();
    galley_doc_set_id(d, "bad\xFFid");
    galley_doc_set_field(d, "title", "caf\xE9 au lait");          /* Latin-1 byte */
    galley_doc_add_field(d, "keyword", "ok", GALLEY_NO_SCORE);
    galley_doc_add_field(d, "keyword", "\xC3", GALLEY_NO_SCORE);   /* truncated */
    galley_doc_set_field(d, "k\xE9y", "v");                        /* a key, too */
    static const char text[] = "x \xE2\x82 y \xF0\x9F\x98\x80";
    galley_doc_set_text(d, text, sizeof text - 1);
    /* a span that cuts the emoji in half */
    ck_assert_int_eq(galley_doc_add_span(d, "bad", 7, 9, "L\xFF", GALLEY_NO_SCORE), 0);

    json_t *all = run(&d, 1, "span_text=true");
    json_t *r = json_array_get(all, 0);
    assert_str(json_object_get(r, "id"), "bad%FFid", 8);   /* ids escape such bytes */
    json_t *f = json_object_get(r, "fields");
    assert_str(json_object_get(f, "title"), "caf\xEF\xBF\xBD au lait", 14);
    assert_str(json_array_get(json_object_get(f, "keyword"), 1), "\xEF\xBF\xBD", 3);
    assert_str(json_object_get(f, "k\xEF\xBF\xBDy"), "v", 1);
    assert_str(json_object_get(r, "text"), "x \xEF\xBF\xBD\xEF\xBF\xBD y \xF0\x9F\x98\x80", 15);
    json_t *span = json_array_get(json_object_get(json_object_get(r, "layers"), "bad"), 0);
    assert_str(json_object_get(span, "label"), "L\xEF\xBF\xBD", 4);
    assert_str(json_object_get(span, "text"), "\xEF\xBF\xBD\xEF\xBF\xBD", 6);
    /* title 1 + keyword 1 + key 1 + text 2 + label 1 + span text 2 */
    ck_assert_int_eq(json_integer_value(json_object_get(r, "utf8_repairs")), 8);
    json_decref(all);
    galley_doc_free(d);
}
END_TEST

static galley_doc *simple_doc(const char *id)
{
    galley_doc *d = galley_doc_new();
    galley_doc_set_id(d, id);
    galley_doc_set_field(d, "title", "T");
    galley_doc_add_field(d, "people", "P", GALLEY_NO_SCORE);
    galley_doc_set_field(d, "summary", "S");
    galley_doc_set_text(d, "Hello world.", 12);
    galley_doc_add_span(d, "sentence", 0, 12, NULL, GALLEY_NO_SCORE);
    return d;
}

START_TEST(options_select_and_omit)
{
    galley_doc *d = simple_doc("a");
    json_t *all = run(&d, 1, "exclude=people");
    json_t *r = json_array_get(all, 0);
    ck_assert_ptr_nonnull(json_object_get(json_object_get(r, "fields"), "title"));
    ck_assert_ptr_null(json_object_get(json_object_get(r, "fields"), "people"));
    json_decref(all);

    all = run(&d, 1, "fields=title");
    r = json_array_get(all, 0);
    ck_assert_uint_eq(json_object_size(json_object_get(r, "fields")), 1);
    ck_assert(json_is_null(json_object_get(r, "summary")));
    json_decref(all);

    all = run(&d, 1, "text=false");
    r = json_array_get(all, 0);
    ck_assert_ptr_null(json_object_get(r, "text"));
    json_decref(all);

    /* the lean default: spans without their text (a reader slices text) */
    all = run(&d, 1, NULL);
    r = json_array_get(all, 0);
    json_t *s = json_array_get(json_object_get(json_object_get(r, "layers"), "sentence"), 0);
    ck_assert_ptr_null(json_object_get(s, "text"));
    ck_assert_int_eq(json_integer_value(json_object_get(s, "end")), 12);
    json_decref(all);

    all = run(&d, 1, "span_text=true");
    r = json_array_get(all, 0);
    s = json_array_get(json_object_get(json_object_get(r, "layers"), "sentence"), 0);
    assert_str(json_object_get(s, "text"), "Hello world.", 12);
    json_decref(all);

    all = run(&d, 1, "layers=false");
    ck_assert_ptr_null(json_object_get(json_array_get(all, 0), "layers"));
    json_decref(all);
    galley_doc_free(d);
}
END_TEST

/* pretty: indented over several lines, still one whole JSON value per doc */
START_TEST(pretty_record_is_indented_json)
{
    galley_doc *d = simple_doc("p");
    char pathopt[160];
    snprintf(pathopt, sizeof pathopt, "path=%s", out);
    const char *opts[] = { pathopt, "pretty=true", NULL };
    char err[512];
    galley_test *t = galley_test_open(&jsonl_LTX_galley_plugin, opts, err, sizeof err);
    ck_assert_ptr_nonnull(t);
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
    ck_assert_int_eq(galley_test_close(t, err, sizeof err), GALLEY_OK);
    json_error_t je;
    json_t *r = json_load_file(out, 0, &je);
    ck_assert_msg(r != NULL, "%s", je.text);
    ck_assert_str_eq(json_string_value(json_object_get(r, "id")), "p");
    json_decref(r);
    FILE *f = fopen(out, "r");
    int lines = 0, c;
    while ((c = getc(f)) != EOF)
        lines += c == '\n';
    fclose(f);
    ck_assert_int_gt(lines, 5);
    galley_doc_free(d);
}
END_TEST

/* the file's whole content, in a malloc'd string */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    char *buf = NULL;
    size_t cap = 0;
    *len = 0;
    int c;
    while ((c = getc(f)) != EOF) {
        if (*len + 1 >= cap)
            ck_assert_ptr_nonnull(buf = realloc(buf, cap = cap * 2 + 4096));
        buf[(*len)++] = (char)c;
    }
    fclose(f);
    return buf;
}

/* doc's record with extra options, as the bytes written */
static char *record_bytes(galley_doc *d, const char *extra, const char *extra2, size_t *len)
{
    write_docs2(&d, 1, extra, extra2);
    return slurp(out, len);
}

/* A compact record is written piece by piece (text and layers a span at a
 * time): its bytes are exactly those of jansson dumping the whole record,
 * which the indented record still is, re-dumped compact. */
START_TEST(compact_record_is_the_whole_tree_dumped)
{
    galley_doc *d = simple_doc("dir/\"q\" \xF0\x9F\x98\x80");
    galley_doc_set_text(d, AWKWARD, sizeof AWKWARD - 1);
    ck_assert_int_eq(galley_doc_add_span(d, "sentence", 0, 20, "S\"x", 0.123456789012345678), 0);
    ck_assert_int_eq(galley_doc_add_span(d, "entity", 4, 8, "PERSON", 1e-300), 0);
    ck_assert_int_eq(galley_doc_add_span(d, "entity", 10, 12, NULL, NAN), 0);
    ck_assert_int_eq(galley_doc_add_span(d, "empty", 0, 0, NULL, GALLEY_NO_SCORE), 0);
    galley_doc_add_field(d, "keyword", "k", 0.5);
    galley_doc_add_field(d, "keyword", "l\x01\"\\/\t", 1e-7);
    galley_doc_add_field(d, "keyword", "m", NAN);
    galley_doc_add_field(d, "summary", "S2", GALLEY_NO_SCORE);
    galley_doc_set_field(d, "charset", "utf-8");
    galley_doc_set_field(d, "empty", "");
    const char *variants[] = { NULL, "span_text=true", "exclude=charset", "fields=title",
                               "exclude=summary", "text=false", "layers=false" };
    for (int run = 0; run < 2 * 7; run++) {
        int bad = run >= 7;
        const char *extra = variants[run % 7];
        if (run == 7) {      /* repaired: utf8_repairs comes last */
            galley_doc_set_field(d, "title", "caf\xE9");
            ck_assert_int_eq(galley_doc_add_span(d, "bad", 40, 42, "L\xFF", 2.0), 0);
        }
        size_t clen, plen;
        char *compact = record_bytes(d, extra, NULL, &clen);
        char *pretty = record_bytes(d, "pretty=true", extra, &plen);
        json_error_t je;
        json_t *tree = json_loadb(pretty, plen, JSON_ALLOW_NUL, &je);
        ck_assert_msg(tree != NULL, "%s", je.text);
        ck_assert_int_eq(json_object_get(tree, "utf8_repairs") != NULL, bad);
        char *want = json_dumps(tree, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
        ck_assert_ptr_nonnull(want);
        ck_assert_uint_eq(clen, strlen(want) + 1);
        ck_assert_msg(memcmp(compact, want, clen - 1) == 0 && compact[clen - 1] == '\n',
                      "%s: streamed %.*s\ntree     %s", extra ? extra : "defaults",
                      (int)clen, compact, want);
        free(want);
        json_decref(tree);
        free(compact);
        free(pretty);
    }
    galley_doc_free(d);
}
END_TEST

START_TEST(one_line_per_record_in_order)
{
    galley_doc *docs[3] = { simple_doc("1"), simple_doc("2"), simple_doc("3") };
    galley_doc_set_field(docs[1], "title", "line\nbreak");
    json_t *all = run(docs, 3, NULL);
    ck_assert_uint_eq(json_array_size(all), 3);
    for (int i = 0; i < 3; i++) {
        char want[2] = { (char)('1' + i), 0 };
        assert_str(json_object_get(json_array_get(all, (size_t)i), "id"), want, 1);
    }
    json_decref(all);
    for (int i = 0; i < 3; i++)
        galley_doc_free(docs[i]);
}
END_TEST

START_TEST(file_appears_only_at_close)
{
    char pathopt[160];
    snprintf(pathopt, sizeof pathopt, "path=%s", out);
    const char *opts[] = { pathopt, NULL };
    char err[512];
    galley_test *t = galley_test_open(&jsonl_LTX_galley_plugin, opts, err, sizeof err);
    ck_assert_ptr_nonnull(t);
    galley_doc *d = simple_doc("x");
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
    ck_assert_int_eq(access(out, F_OK), -1);     /* readers never see it partial */
    ck_assert_int_eq(galley_test_close(t, err, sizeof err), GALLEY_OK);
    ck_assert_int_eq(access(out, F_OK), 0);
    ck_assert_int_eq(count_entries(), 1);        /* no temp file left */
    galley_doc_free(d);
}
END_TEST

START_TEST(missing_directory_fails_open_naming_it)
{
    const char *opts[] = { "path=/nonexistent-galley-dir/out.jsonl", NULL };
    char err[512];
    galley_test *t = galley_test_open(&jsonl_LTX_galley_plugin, opts, err, sizeof err);
    ck_assert_ptr_null(t);
    ck_assert_ptr_nonnull(strstr(err, "/nonexistent-galley-dir/out.jsonl"));
    ck_assert_ptr_nonnull(strstr(err, strerror(ENOENT)));
}
END_TEST

/* A reader that went away: the doc fails with EPIPE; the process lives on. */
START_TEST(closed_pipe_fails_the_doc)
{
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    close(p[0]);
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    dup2(p[1], STDOUT_FILENO);
    close(p[1]);
    const char *opts[] = { "path=-", NULL };
    char err[512];
    galley_test *t = galley_test_open(&jsonl_LTX_galley_plugin, opts, err, sizeof err);
    ck_assert_ptr_nonnull(t);
    galley_doc *d = simple_doc("x");
    galley_status st = galley_test_process(t, d);
    galley_test_close(t, err, sizeof err);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    ck_assert_int_eq(st, GALLEY_ERROR);
    ck_assert_ptr_nonnull(strstr(galley_doc_error(d), "standard output"));
    ck_assert_ptr_nonnull(strstr(galley_doc_error(d), strerror(EPIPE)));
    sigset_t pending;
    sigpending(&pending);
    ck_assert(!sigismember(&pending, SIGPIPE));
    galley_doc_free(d);
}
END_TEST

/* a named pipe (like /dev/null, a device) is written to, never replaced by a
 * renamed file: the reader gets the record and the FIFO stays a FIFO */
START_TEST(fifo_is_written_not_replaced)
{
    char fifo[160], got[160];
    snprintf(fifo, sizeof fifo, "%s/pipe", dir);
    snprintf(got, sizeof got, "%s/got", dir);
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    pid_t pid = fork();
    if (pid == 0) {             /* the reader: copy the pipe to a file */
        FILE *in = fopen(fifo, "r"), *o = fopen(got, "w");
        int c;
        while (in && o && (c = getc(in)) != EOF)
            putc(c, o);
        _exit(in && o && fclose(o) == 0 ? 0 : 1);
    }
    char opt[200];
    snprintf(opt, sizeof opt, "path=%s", fifo);
    const char *opts[] = { opt, NULL };
    char err[512];
    galley_test *t = galley_test_open(&jsonl_LTX_galley_plugin, opts, err, sizeof err);
    ck_assert_msg(t != NULL, "%s", err);
    galley_doc *d = simple_doc("through-a-pipe");
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
    ck_assert_int_eq(galley_test_close(t, err, sizeof err), GALLEY_OK);
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    struct stat st;
    ck_assert_int_eq(lstat(fifo, &st), 0);
    ck_assert(S_ISFIFO(st.st_mode));
    json_t *r = json_load_file(got, 0, NULL);
    ck_assert_ptr_nonnull(r);
    ck_assert_str_eq(json_string_value(json_object_get(r, "id")), "through-a-pipe");
    json_decref(r);
    galley_doc_free(d);
}
END_TEST

/* through a symlink the target is replaced and the link kept */
START_TEST(symlink_is_kept)
{
    char target[160];
    snprintf(target, sizeof target, "%s/target.jsonl", dir);
    FILE *f = fopen(target, "w");
    fputs("old\n", f);
    fclose(f);
    ck_assert_int_eq(symlink(target, out), 0);
    galley_doc *d = simple_doc("linked");
    json_t *all = run(&d, 1, NULL);
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(all, 0), "id")), "linked");
    struct stat st;
    ck_assert_int_eq(lstat(out, &st), 0);
    ck_assert(S_ISLNK(st.st_mode));
    ck_assert_int_eq(count_entries(), 2);
    json_decref(all);
    galley_doc_free(d);
}
END_TEST

/* jansson's compact dump of v (released), for comparing with jsonw */
static char *jansson_bytes(json_t *v)
{
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15));
    json_decref(v);
    ck_assert_ptr_nonnull(s);
    return s;
}

/* The direct writer (jsonw.c) writes what jansson writes: every control
 * character, quotes, backslashes and UTF-8 in strings; integers; reals of
 * every magnitude and sign, whole ones and those with exponents. */
START_TEST(direct_writer_matches_jansson)
{
    sink_buf b = { 0 };
    char s[160];
    size_t n = 0;
    for (int c = 0; c < 0x80; c++)
        s[n++] = (char)c;
    memcpy(s + n, "caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D \xF0\x9F\x98\x80", 19);
    n += 19;
    for (size_t k = 0; k <= n; k++) {
        if (!galley_utf8_valid(s + (n - k), k, NULL))
            continue;           /* cut inside a character: jsonw's callers repair first */
        b.len = 0;
        jsonw_str(&b, s + (n - k), k);
        char *want = jansson_bytes(json_stringn_nocheck(s + (n - k), k));
        ck_assert_msg(b.len == strlen(want) && memcmp(b.data, want, b.len) == 0,
                      "string of %zu bytes: %.*s, jansson %s", k, (int)b.len, b.data, want);
        free(want);
    }
    /* long strings: runs and escapes past the writer's 512-byte chunk */
    char *big = malloc(6000);
    ck_assert_ptr_nonnull(big);
    for (size_t len = 500; len <= 6000; len += 1100) {
        for (size_t i = 0; i < len; i++)
            big[i] = "ab\"c\nd\\e\x01 fghijklmnopqrstuvwxyz0123456789ABCDEF"[(i * i + i / 7) % 48];
        for (size_t stride = 1; stride < 700; stride += 233) {
            for (size_t i = 0; i < len; i++)     /* long runs without escapes */
                if (stride > 1 && (i / stride) % 2)
                    big[i] = 'x';
            b.len = 0;
            jsonw_str(&b, big, len);
            char *want = jansson_bytes(json_stringn_nocheck(big, len));
            ck_assert_msg(b.len == strlen(want) && memcmp(b.data, want, b.len) == 0,
                          "string of %zu bytes (stride %zu) differs", len, stride);
            free(want);
        }
    }
    free(big);
    const long long ints[] = { 0, 1, -1, 9, 10, 4294967296LL, -9223372036854775807LL - 1,
                               9223372036854775807LL };
    for (size_t i = 0; i < sizeof ints / sizeof *ints; i++) {
        b.len = 0;
        jsonw_int(&b, ints[i]);
        char *want = jansson_bytes(json_integer(ints[i]));
        ck_assert_msg(b.len == strlen(want) && memcmp(b.data, want, b.len) == 0,
                      "%lld: %.*s, jansson %s", ints[i], (int)b.len, b.data, want);
        free(want);
    }
    double x = 1.0;
    for (int i = 0; i < 4000; i++) {
        double v;
        switch (i % 6) {
        case 0: v = x; break;
        case 1: v = -x; break;
        case 2: v = 1.0 / x; break;
        case 3: v = floor(x); break;
        case 4: v = (double)(i * 37 % 1001) / 1000.0; break;
        default: v = 0.123456789012345678 * x;
        }
        x *= i % 2 ? 1.37 : 7.91;
        if (!isfinite(x) || x > 1e300)
            x = 1.0 / (i + 3);
        b.len = 0;
        jsonw_real(&b, v);
        char *want = jansson_bytes(json_real(v));
        ck_assert_msg(b.len == strlen(want) && memcmp(b.data, want, b.len) == 0,
                      "%.17g: %.*s, jansson %s", v, (int)b.len, b.data, want);
        free(want);
    }
    /* 15 digits and a half, and a few units either side of it: where the
     * writer's own rounding must hand over to printf's exact one */
    for (int i = 0; i < 3000; i++) {
        double v = (123456789012345.0 + i * 7919.0 + 0.5) / pow(10, i % 19);
        for (int step = -2; step <= 2; step++) {
            double w = v;
            for (int k = 0; k < abs(step); k++)
                w = nextafter(w, step < 0 ? 0 : INFINITY);
            b.len = 0;
            jsonw_real(&b, i % 2 ? -w : w);
            char *want = jansson_bytes(json_real(i % 2 ? -w : w));
            ck_assert_msg(b.len == strlen(want) && memcmp(b.data, want, b.len) == 0,
                          "%.17g: %.*s, jansson %s", w, (int)b.len, b.data, want);
            free(want);
        }
    }
    b.len = 0;
    jsonw_real(&b, NAN);
    ck_assert_str_eq(b.data, "null");
    sink_buf_free(&b);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("output/jsonl");
    TCase *tc = tcase_create("jsonl");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, roundtrip_everything);
    tcase_add_test(tc, invalid_utf8_is_repaired_and_counted);
    tcase_add_test(tc, options_select_and_omit);
    tcase_add_test(tc, one_line_per_record_in_order);
    tcase_add_test(tc, pretty_record_is_indented_json);
    tcase_add_test(tc, compact_record_is_the_whole_tree_dumped);
    tcase_add_test(tc, direct_writer_matches_jansson);
    tcase_add_test(tc, file_appears_only_at_close);
    tcase_add_test(tc, missing_directory_fails_open_naming_it);
    tcase_add_test(tc, closed_pipe_fails_the_doc);
    tcase_add_test(tc, fifo_is_written_not_replaced);
    tcase_add_test(tc, symlink_is_kept);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return ck_run(suite());
}
