/* tests/output/test_json.c - the json tree output: one file per id, and no id
 * (.., absolute, empty, 5,000 bytes) ever writes outside the output dir. */
#define _XOPEN_SOURCE 700   /* nftw */
#include <galley/galley.h>
#include <galley/testing.h>

#include <check.h>
#include <errno.h>
#include <ftw.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../plugins/output/sink.h"
#include "../ckhelp.h"

extern const galley_plugin json_LTX_galley_plugin;

static char top[64];        /* scratch root */
static char outdir[128];    /* top/a/b/out: ids with .. would land in top/a/b */

static int rm_cb(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb; (void)flag; (void)ftw;
    return remove(p);
}

static void setup(void)
{
    strcpy(top, "/tmp/galley-json-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(top));
    snprintf(outdir, sizeof outdir, "%s/a/b/out", top);
}

static void teardown(void)
{
    nftw(top, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
}

/* every regular file under top: must be under outdir, counted */
static int files, outside, temps;
static int walk_cb(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb; (void)ftw;
    if (flag != FTW_F)
        return 0;
    files++;
    if (strncmp(p, outdir, strlen(outdir)) != 0 || p[strlen(outdir)] != '/')
        outside++;
    const char *base = strrchr(p, '/') + 1;
    if (base[0] == '.')
        temps++;
    return 0;
}

static void walk(void)
{
    files = outside = temps = 0;
    nftw(top, walk_cb, 16, FTW_PHYS);
}

static galley_status run(galley_doc **docs, size_t n, const char *extra, galley_status *st)
{
    char opt[200];
    snprintf(opt, sizeof opt, "dir=%s", outdir);
    const char *opts[] = { opt, extra, NULL };
    char err[512];
    galley_test *t = galley_test_open(&json_LTX_galley_plugin, opts, err, sizeof err);
    ck_assert_msg(t != NULL, "open: %s", err);
    for (size_t i = 0; i < n; i++)
        st[i] = galley_test_process(t, docs[i]);
    return galley_test_close(t, err, sizeof err);
}

static galley_doc *doc_with_id(const char *id)
{
    galley_doc *d = galley_doc_new();
    galley_doc_set_id(d, id);
    galley_doc_set_field(d, "title", id);
    galley_doc_set_text(d, "Body.", 5);
    return d;
}

/* the file written for id parses and carries that id */
static void assert_file_for(const char *id)
{
    char *rel = sink_safe_relpath(id);
    char path[2048];
    snprintf(path, sizeof path, "%s/%s.json", outdir, rel);
    free(rel);
    json_error_t je;
    json_t *r = json_load_file(path, 0, &je);
    ck_assert_msg(r != NULL, "%s: %s", path, je.text);
    ck_assert_str_eq(json_string_value(json_object_get(r, "id")), id);
    json_decref(r);
}

START_TEST(hostile_ids_stay_inside_dir)
{
    char *longid = malloc(5001), *longslash = malloc(5001);
    memset(longid, 'x', 5000);
    longid[5000] = '\0';
    for (int i = 0; i < 5000; i++)
        longslash[i] = i % 3 == 2 ? '/' : '.';   /* "../../../..": 1,666 times up */
    longslash[5000] = '\0';
    const char *ids[] = { "../../etc/x", "/abs/path", "a/../../b", "", longid, longslash,
                          "..", ".", "./..//../c", "nested/ok/doc.txt", "..\\..\\w" };
    enum { N = sizeof ids / sizeof ids[0] };
    galley_doc *docs[N];
    galley_status st[N];
    for (size_t i = 0; i < N; i++)
        docs[i] = doc_with_id(ids[i]);
    ck_assert_int_eq(run(docs, N, NULL, st), GALLEY_OK);
    for (size_t i = 0; i < N; i++) {
        ck_assert_msg(st[i] == GALLEY_OK, "id %zu: %s", i, galley_doc_error(docs[i]));
        assert_file_for(ids[i]);
    }
    walk();
    ck_assert_int_eq(outside, 0);
    ck_assert_int_eq(temps, 0);
    ck_assert_int_eq(files, N);     /* distinct ids, distinct files */
    for (size_t i = 0; i < N; i++)
        galley_doc_free(docs[i]);
    free(longid);
    free(longslash);
}
END_TEST

START_TEST(safe_relpath_has_no_escape)
{
    const char *ids[] = { "../../etc/x", "/abs/path", "a/../../b", "", "a//b/", ".hidden",
                          "%2E%2E", "ctl\x01\n" };
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        char *rel = sink_safe_relpath(ids[i]);
        ck_assert(rel[0] != '/' && rel[0] != '\0');
        char *copy = strdup(rel), *save = NULL;
        for (char *c = strtok_r(copy, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
            ck_assert_msg(c[0] != '.', "component '%s' of '%s'", c, rel);
            ck_assert(strlen(c) <= 200);
            for (char *p = c; *p; p++)
                ck_assert((unsigned char)*p >= 0x20);
        }
        free(copy);
        free(rel);
    }
    /* the escape character is escaped, so "%2E%2E" and ".." stay distinct */
    char *a = sink_safe_relpath("%2E%2E"), *b = sink_safe_relpath("..");
    ck_assert_str_ne(a, b);
    free(a);
    free(b);
}
END_TEST

/* Out of memory while a record is built fails that record, not the run (it
 * used to abort the process): the buffer says so, keeps what it had and
 * skips the rest, so no record is written with a hole in it.  A size that
 * cannot be had stands in for a failing malloc. */
START_TEST(record_buffer_out_of_memory_is_a_value)
{
    sink_buf b = { 0 };
    sink_buf_puts(&b, "abc");
    ck_assert(!sink_buf_failed(&b));
    static const char big[1];
    sink_buf_add(&b, big, SIZE_MAX / 2);
    ck_assert(sink_buf_failed(&b));
    sink_buf_puts(&b, "def");
    sink_buf_printf(&b, "%d", 42);
    ck_assert_str_eq(b.data, "abc");
    ck_assert_uint_eq(b.len, 3);
    ck_assert_str_eq(sink_buf_text(&b), "(no memory left to say more)");
    sink_buf_reset(&b);
    ck_assert(!sink_buf_failed(&b));
    sink_buf_puts(&b, "next");
    ck_assert_str_eq(sink_buf_text(&b), "next");
    sink_buf_free(&b);
}
END_TEST

START_TEST(overwrite_false_skips_existing)
{
    galley_doc *d = doc_with_id("one");
    galley_status st;
    ck_assert_int_eq(run(&d, 1, NULL, &st), GALLEY_OK);
    ck_assert_int_eq(st, GALLEY_OK);
    galley_doc_set_field(d, "title", "changed");
    ck_assert_int_eq(run(&d, 1, "overwrite=false", &st), GALLEY_OK);
    ck_assert_int_eq(st, GALLEY_SKIP);
    char path[256];
    snprintf(path, sizeof path, "%s/one.json", outdir);
    json_t *r = json_load_file(path, 0, NULL);
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(r, "fields"), "title")), "one");
    json_decref(r);
    ck_assert_int_eq(run(&d, 1, "overwrite=true", &st), GALLEY_OK);
    ck_assert_int_eq(st, GALLEY_OK);
    r = json_load_file(path, 0, NULL);
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(r, "fields"), "title")), "changed");
    json_decref(r);
    galley_doc_free(d);
}
END_TEST

START_TEST(dir_that_is_a_file_fails_open)
{
    snprintf(outdir, sizeof outdir, "%s/file", top);
    FILE *f = fopen(outdir, "w");
    fclose(f);
    char opt[200];
    snprintf(opt, sizeof opt, "dir=%s", outdir);
    const char *opts[] = { opt, NULL };
    char err[512];
    ck_assert_ptr_null(galley_test_open(&json_LTX_galley_plugin, opts, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, outdir));
}
END_TEST

/* an existing link at a document's path is not followed or replaced */
START_TEST(existing_link_is_not_replaced)
{
    ck_assert_int_eq(sink_mkdir_p(outdir), 0);
    char link[256], victim[256];
    snprintf(victim, sizeof victim, "%s/victim", top);
    snprintf(link, sizeof link, "%s/doc.json", outdir);
    FILE *f = fopen(victim, "w");
    fputs("keep", f);
    fclose(f);
    ck_assert_int_eq(symlink(victim, link), 0);
    galley_doc *d = doc_with_id("doc");
    galley_status st;
    ck_assert_int_eq(run(&d, 1, NULL, &st), GALLEY_OK);
    ck_assert_int_eq(st, GALLEY_ERROR);
    ck_assert_ptr_nonnull(strstr(galley_doc_error(d), "not a regular file"));
    char buf[16] = { 0 };
    f = fopen(victim, "r");
    fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    ck_assert_str_eq(buf, "keep");
    galley_doc_free(d);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("output/json");
    TCase *tc = tcase_create("json");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, hostile_ids_stay_inside_dir);
    tcase_add_test(tc, safe_relpath_has_no_escape);
    tcase_add_test(tc, record_buffer_out_of_memory_is_a_value);
    tcase_add_test(tc, overwrite_false_skips_existing);
    tcase_add_test(tc, dir_that_is_a_file_fails_open);
    tcase_add_test(tc, existing_link_is_not_replaced);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return ck_run(suite());
}
