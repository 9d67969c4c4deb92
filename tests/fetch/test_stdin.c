/* tests/fetch/test_stdin.c - the `stdin` fetch plugin: JSON Lines records
 * and path lists, from a file and from standard input, with bad records. */
#include "config.h"

#include <fcntl.h>

#include "fixtures.h"
#include "../ckhelp.h"

extern const galley_plugin stdin_LTX_galley_plugin;
#define STDIN_PLUGIN (&stdin_LTX_galley_plugin)

static char *tmp;
static char *path_opt;

static void setup(void)
{
    tmp = fx_tmpdir();
    char p[4200];
    snprintf(p, sizeof p, "%s/in.jsonl", tmp);
    path_opt = fx_opt("path", p);
}

static void teardown(void)
{
    fx_rmrf(tmp);
    free(tmp);
    free(path_opt);
}

/* fields of a doc are not kept by fx_run: read one record directly */
static galley_doc *first_doc(const char *const *opts, galley_status *rc)
{
    char err[512] = "";
    galley_test *t = galley_test_open(STDIN_PLUGIN, opts, err, sizeof err);
    ck_assert_msg(t != NULL, "open: %s", err);
    galley_doc *d = galley_doc_new();
    *rc = galley_test_process(t, d);
    ck_assert_int_eq(galley_test_close(t, err, sizeof err), GALLEY_OK);
    return d;
}

START_TEST(jsonl_records_with_fields)
{
    fx_write_str(tmp, "in.jsonl",
        "{\"id\": \"a1\", \"text\": \"Caf\\u00e9 opens.\", \"url\": \"https://example.org/a1\","
        " \"title\": \"Caf\\u00e9\", \"date\": \"2024-05-01\", \"author\": \"Ann\","
        " \"keyword\": [\"cafe\", \"opening\"], \"views\": 12, \"meta\": {\"x\": 1}}\n");
    const char *opts[] = { path_opt, NULL };
    galley_status rc;
    galley_doc *d = first_doc(opts, &rc);
    ck_assert_int_eq(rc, GALLEY_OK);
    ck_assert_str_eq(galley_doc_id(d), "a1");
    ck_assert_str_eq(galley_doc_text(d, NULL), "Caf\xC3\xA9 opens.");
    ck_assert_str_eq(galley_doc_source(d), "https://example.org/a1");
    ck_assert_str_eq(galley_doc_field(d, "url"), "https://example.org/a1");
    ck_assert_str_eq(galley_doc_field(d, "title"), "Caf\xC3\xA9");
    ck_assert_str_eq(galley_doc_field(d, "date"), "2024-05-01");
    ck_assert_str_eq(galley_doc_field(d, "author"), "Ann");
    ck_assert_uint_eq(galley_doc_field_count(d, "keyword"), 2);
    ck_assert_str_eq(galley_doc_field_value(d, "keyword", 1, NULL), "opening");
    ck_assert_str_eq(galley_doc_field(d, "views"), "12");
    ck_assert_ptr_null(galley_doc_field(d, "meta"));
    ck_assert_ptr_null(galley_doc_field(d, "id"));
    ck_assert_ptr_null(galley_doc_field(d, "text"));
    ck_assert_str_eq(galley_doc_content_type(d), "text/plain");
    galley_doc_free(d);
}
END_TEST

/* a record as the jsonl output writes it (fields in "fields", scored
 * values as {value, score}) reads back with its fields and source */
START_TEST(jsonl_output_records_read_back)
{
    fx_write_str(tmp, "in.jsonl",
        "{\"id\": \"b2\", \"source\": \"/data/b2.txt\", \"content_type\": \"text/plain\","
        " \"charset\": \"windows-1252\", \"fields\": {\"title\": \"Rain\","
        " \"keyword\": [{\"value\": \"rain\", \"score\": 0.5}, \"wind\"]},"
        " \"summary\": null, \"text\": \"Rain falls.\", \"layers\": {}}\n");
    const char *opts[] = { path_opt, NULL };
    galley_status rc;
    galley_doc *d = first_doc(opts, &rc);
    ck_assert_int_eq(rc, GALLEY_OK);
    ck_assert_str_eq(galley_doc_source(d), "/data/b2.txt");
    ck_assert_str_eq(galley_doc_field(d, "title"), "Rain");
    ck_assert_str_eq(galley_doc_field(d, "charset"), "windows-1252");
    ck_assert_uint_eq(galley_doc_field_count(d, "keyword"), 2);
    double score = 0;
    ck_assert_str_eq(galley_doc_field_value(d, "keyword", 0, &score), "rain");
    ck_assert(score == 0.5);
    ck_assert_ptr_null(galley_doc_field(d, "fields"));
    ck_assert_ptr_null(galley_doc_field(d, "summary"));
    ck_assert_ptr_null(galley_doc_field(d, "layers"));
    galley_doc_free(d);
}
END_TEST

START_TEST(html_records_and_generated_ids)
{
    fx_write_str(tmp, "in.jsonl",
        "\n"
        "{\"html\": \"<p>Hi</p>\"}\r\n"
        "   \n"
        "{\"id\": 7, \"text\": \"seven\"}\n");
    const char *opts[] = { path_opt, NULL };
    run r = fx_run(STDIN_PLUGIN, opts);
    ck_assert_uint_eq(r.n, 2);
    char want[4300];
    snprintf(want, sizeof want, "%s/in.jsonl:2", tmp);     /* line 2 */
    ck_assert_str_eq(r.docs[0].id, want);
    ck_assert_str_eq(r.docs[0].type, "text/html");
    ck_assert_str_eq(r.docs[0].text, "<p>Hi</p>");
    ck_assert_str_eq(r.docs[1].id, "7");
    ck_assert_str_eq(r.docs[1].text, "seven");
    fx_free(&r);
}
END_TEST

START_TEST(bad_records_fail_alone_with_line_numbers)
{
    fx_write_str(tmp, "in.jsonl",
        "{\"id\": \"ok1\", \"text\": \"one\"}\n"
        "{\"id\": \"broken\", \"text\": \"no end\n"
        "[1, 2]\n"
        "{\"id\": \"num\", \"text\": 5}\n"
        "{\"id\": \"none\", \"title\": \"t\"}\n"
        "{\"id\": \"nul\", \"text\": \"a\\u0000b\"}\n"
        "{\"id\": \"empty\", \"text\": \"\"}\n"
        "{\"id\": \"bad-utf8\", \"text\": \"\xFF\"}\n"
        "{\"id\": \"ok2\", \"text\": \"two\"}\n");
    const char *opts[] = { path_opt, NULL };
    run r = fx_run(STDIN_PLUGIN, opts);
    ck_assert_uint_eq(r.n, 9);
    ck_assert_int_eq(r.docs[0].rc, GALLEY_OK);
    ck_assert_int_eq(r.docs[8].rc, GALLEY_OK);
    ck_assert_str_eq(r.docs[8].text, "two");
    for (size_t i = 1; i < 8; i++) {
        char line[32];
        snprintf(line, sizeof line, "line %zu", i + 1);
        ck_assert_int_eq(r.docs[i].rc, GALLEY_ERROR);
        ck_assert_msg(strstr(r.docs[i].error, line), "record %zu: %s", i + 1,
                      r.docs[i].error);
    }
    ck_assert_ptr_nonnull(strstr(r.docs[1].error, "not a JSON record"));
    ck_assert_ptr_nonnull(strstr(r.docs[2].error, "JSON object"));
    ck_assert_ptr_nonnull(strstr(r.docs[3].error, "must be a string"));
    ck_assert_ptr_nonnull(strstr(r.docs[4].error, "neither"));
    ck_assert_ptr_nonnull(strstr(r.docs[6].error, "empty"));
    ck_assert_str_eq(r.docs[3].id, "num");
    fx_free(&r);

    const char *o2[] = { path_opt, "empty=skip", NULL };
    r = fx_run(STDIN_PLUGIN, o2);
    ck_assert_uint_eq(r.n, 8);
    ck_assert_ptr_null(fx_find(&r, "empty"));
    fx_free(&r);
}
END_TEST

START_TEST(long_line_over_max_bytes)
{
    char line[300];
    snprintf(line, sizeof line, "{\"id\": \"long\", \"text\": \"%0200d\"}\n"
             "{\"id\": \"short\", \"text\": \"s\"}\n", 0);
    fx_write_str(tmp, "in.jsonl", line);
    const char *opts[] = { path_opt, "max_bytes=100", NULL };
    run r = fx_run(STDIN_PLUGIN, opts);
    ck_assert_uint_eq(r.n, 2);
    ck_assert_int_eq(r.docs[0].rc, GALLEY_ERROR);
    ck_assert_msg(strstr(r.docs[0].error, "line 1 is 226 bytes"), "%s", r.docs[0].error);
    ck_assert_int_eq(r.docs[1].rc, GALLEY_OK);
    fx_free(&r);
}
END_TEST

START_TEST(paths_format_reads_files)
{
    char list[9000];
    fx_write_str(tmp, "a.txt", "alpha\n");
    fx_write_str(tmp, "w.txt", "\x93quoted\x94\n");
    snprintf(list, sizeof list, "%s/a.txt\n%s/missing.txt\n%s/w.txt\n", tmp, tmp, tmp);
    fx_write_str(tmp, "in.jsonl", list);
    const char *opts[] = { path_opt, "format=paths", NULL };
    run r = fx_run(STDIN_PLUGIN, opts);
    ck_assert_uint_eq(r.n, 3);
    ck_assert_int_eq(r.docs[0].rc, GALLEY_OK);
    ck_assert_str_eq(r.docs[0].text, "alpha\n");
    ck_assert_int_eq(r.docs[1].rc, GALLEY_ERROR);
    ck_assert_ptr_nonnull(strstr(r.docs[1].error, "no such file"));
    ck_assert_str_eq(r.docs[2].text, "\xE2\x80\x9Cquoted\xE2\x80\x9D\n");
    ck_assert_str_eq(r.docs[2].charset, "windows-1252");
    fx_free(&r);
}
END_TEST

START_TEST(reads_standard_input)
{
    fx_write_str(tmp, "in.jsonl", "{\"id\": \"s\", \"text\": \"from stdin\"}\n");
    char p[4200];
    snprintf(p, sizeof p, "%s/in.jsonl", tmp);
    int fd = open(p, O_RDONLY);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(dup2(fd, 0), 0);
    close(fd);
    run r = fx_run(STDIN_PLUGIN, NULL);     /* path = "-" by default */
    ck_assert_uint_eq(r.n, 1);
    ck_assert_str_eq(r.docs[0].id, "s");
    ck_assert_str_eq(r.docs[0].text, "from stdin");
    fx_free(&r);
}
END_TEST

START_TEST(shards_and_open_errors)
{
    FILE *f;
    char p[4200];
    snprintf(p, sizeof p, "%s/in.jsonl", tmp);
    f = fopen(p, "w");
    for (int i = 0; i < 50; i++)
        fprintf(f, "{\"id\": \"doc%d\", \"text\": \"t\"}\n", i);
    fclose(f);
    size_t total = 0;
    int seen[50] = { 0 };
    for (int k = 1; k <= 2; k++) {
        char *sh = fx_opt("shard", k == 1 ? "1/2" : "2/2");
        const char *opts[] = { path_opt, sh, NULL };
        run r = fx_run(STDIN_PLUGIN, opts);
        for (size_t i = 0; i < r.n; i++)
            seen[atoi(r.docs[i].id + 3)]++;
        total += r.n;
        ck_assert_uint_gt(r.n, 10);
        fx_free(&r);
        free(sh);
    }
    ck_assert_uint_eq(total, 50);
    for (int i = 0; i < 50; i++)
        ck_assert_int_eq(seen[i], 1);

    char err[512] = "";
    snprintf(p, sizeof p, "path=%s/nope.jsonl", tmp);
    const char *o2[] = { p, NULL };
    ck_assert_ptr_null(galley_test_open(STDIN_PLUGIN, o2, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "nope.jsonl"));
}
END_TEST

static Suite *stdin_suite(void)
{
    Suite *s = suite_create("fetch/stdin");
    TCase *tc = tcase_create("stdin");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, jsonl_records_with_fields);
    tcase_add_test(tc, jsonl_output_records_read_back);
    tcase_add_test(tc, html_records_and_generated_ids);
    tcase_add_test(tc, bad_records_fail_alone_with_line_numbers);
    tcase_add_test(tc, long_line_over_max_bytes);
    tcase_add_test(tc, paths_format_reads_files);
    tcase_add_test(tc, reads_standard_input);
    tcase_add_test(tc, shards_and_open_errors);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return ck_run(stdin_suite());
}
