/* tests/clean/test_text.c - the `text` clean plugin on fixtures (one per
 * removal rule and repair, and cases that must stay), on error inputs, on
 * its options, and on the bundled seed article. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <galley/galley.h>
#include <galley/testing.h>
#include "../ckhelp.h"

extern const galley_plugin text_LTX_galley_plugin;

static galley_test *open_text(const char *const *opts)
{
    char err[1024];
    galley_test *t = galley_test_open(&text_LTX_galley_plugin, opts, err, sizeof err);
    ck_assert_msg(t != NULL, "open failed: %s", err);
    return t;
}

static void close_text(galley_test *t)
{
    char err[1024];
    ck_assert_int_eq(galley_test_close(t, err, sizeof err), GALLEY_OK);
}

/* cleans raw bytes with the given options; returns the doc (caller frees) */
static galley_doc *clean_opts(const char *const *opts, const char *raw,
                              size_t n, galley_status want)
{
    galley_test *t = open_text(opts);
    galley_doc *d = galley_doc_new();
    galley_doc_set_id(d, "test");
    galley_doc_set_raw(d, raw, n);
    galley_status st = galley_test_process(t, d);
    ck_assert_msg(st == want, "status %d, want %d (%s)", st, want,
                  galley_doc_error(d) ? galley_doc_error(d) : "no error");
    close_text(t);
    return d;
}

static galley_doc *clean(const char *raw)
{
    return clean_opts(NULL, raw, strlen(raw), GALLEY_OK);
}

static void assert_text(const galley_doc *d, const char *want)
{
    size_t n;
    const char *got = galley_doc_text(d, &n);
    ck_assert_str_eq(got, want);
    ck_assert_uint_eq(n, strlen(want));
}

/* ---- fixtures: tests/clean/text/NAME.in cleans to NAME.out ---- */

static const char *const fixtures[] = {
    "drop_lines", "bracketed", "tail_readmore", "tail_body", "wordfilter",
    "wordfilter_keep", "translation", "mojibake", "mojibake_keep"
};

START_TEST(fixture)
{
    char path[4096];
    size_t n, m;
    snprintf(path, sizeof path, "%s/%s.in", TEXT_FIXTURES, fixtures[_i]);
    char *in = ck_slurp(path, &n);
    snprintf(path, sizeof path, "%s/%s.out", TEXT_FIXTURES, fixtures[_i]);
    char *want = ck_slurp(path, &m);
    while (m && want[m - 1] == '\n')    /* the plugin trims the text */
        want[--m] = '\0';
    galley_doc *d = clean_opts(NULL, in, n, GALLEY_OK);
    size_t len;
    const char *got = galley_doc_text(d, &len);
    ck_assert_msg(len == m && memcmp(got, want, m) == 0,
                  "%s:\n--- got\n%s\n--- want\n%s", fixtures[_i], got, want);
    /* a fixture that must not change reports no repair */
    int keep = strstr(fixtures[_i], "_keep") != NULL;
    ck_assert_msg(keep == (strcmp(galley_doc_field(d, "repairs"), "0") == 0),
                  "%s: repairs = %s", fixtures[_i], galley_doc_field(d, "repairs"));
    galley_doc_free(d);
    free(in);
    free(want);
}
END_TEST

START_TEST(fixture_counts)
{
    size_t n;
    char path[4096];
    snprintf(path, sizeof path, "%s/wordfilter.in", TEXT_FIXTURES);
    char *in = ck_slurp(path, &n);
    galley_doc *d = clean(in);
    ck_assert_str_eq(galley_doc_field(d, "repairs_wordfilter"), "7");
    ck_assert_str_eq(galley_doc_field(d, "repairs"), "7");
    galley_doc_free(d);
    free(in);
    snprintf(path, sizeof path, "%s/drop_lines.in", TEXT_FIXTURES);
    in = ck_slurp(path, &n);
    d = clean(in);
    ck_assert_str_eq(galley_doc_field(d, "repairs_boilerplate"), "14");
    galley_doc_free(d);
    free(in);
}
END_TEST

/* ---- normalisation ---- */

START_TEST(crlf_and_spaces)
{
    const char raw[] = "\r\n  Title \r\n\r\n\r\n\r\nLine one  \r\nline\ttwo"
                       "\xc2\xa0\xc2\xa0x\rthree \t\r\n\r\n";
    galley_doc *d = clean(raw);
    assert_text(d, "Title\n\nLine one\nline two x\nthree");
    ck_assert_str_eq(galley_doc_field(d, "repairs"), "0");
    galley_doc_free(d);
}
END_TEST

START_TEST(separators_and_controls)
{
    /* U+2028 line and U+2029 paragraph separators, form feed, NEL; C0 and
     * C1 controls are never text */
    galley_doc *d = clean("one\xe2\x80\xa8two\xe2\x80\xa9three\ffour\xc2\x85"
                          "fi\x01ve\x7f\xc2\x90");
    assert_text(d, "one\ntwo\n\nthree\nfour\nfive");
    galley_doc_free(d);
}
END_TEST

START_TEST(nfc)
{
    galley_doc *d = clean("Cafe\xcc\x81 and re\xcc\x81sume\xcc\x81");
    assert_text(d, "Caf\xc3\xa9 and r\xc3\xa9sum\xc3\xa9");
    galley_doc_free(d);
}
END_TEST

START_TEST(invisible)
{
    const char raw[] = "\xef\xbb\xbf" "co\xc2\xad" "op\xe2\x80\x8b" "eration";
    galley_doc *d = clean(raw);
    assert_text(d, "cooperation");
    ck_assert_str_eq(galley_doc_field(d, "repairs_invisible"), "3");
    galley_doc_free(d);
    const char *off[] = { "invisible=false", NULL };
    d = clean_opts(off, raw, strlen(raw), GALLEY_OK);
    assert_text(d, "co\xc2\xad" "op\xe2\x80\x8b" "eration");   /* BOM still goes */
    galley_doc_free(d);
}
END_TEST

START_TEST(typography)
{
    const char raw[] = "\xe2\x80\x9cIt\xe2\x80\x99s 1\xe2\x80\x93" "2\xe2\x80\xa6\xe2\x80\x9d";
    galley_doc *d = clean(raw);
    assert_text(d, raw);        /* the author's quotes are kept by default */
    galley_doc_free(d);
    const char *on[] = { "typography=true", NULL };
    d = clean_opts(on, raw, strlen(raw), GALLEY_OK);
    assert_text(d, "\"It's 1-2...\"");
    ck_assert_str_eq(galley_doc_field(d, "repairs_typography"), "5");
    galley_doc_free(d);
}
END_TEST

/* ---- errors and edge inputs ---- */

START_TEST(nul_byte)
{
    galley_doc *d = clean_opts(NULL, "Hello\0world", 11, GALLEY_ERROR);
    ck_assert_ptr_nonnull(strstr(galley_doc_error(d), "NUL byte at byte 5"));
    galley_doc_free(d);
}
END_TEST

START_TEST(invalid_utf8)
{
    galley_doc *d = clean_opts(NULL, "caf\xe9 ok", 7, GALLEY_ERROR);
    ck_assert_str_eq(galley_doc_error(d), "invalid UTF-8 at byte 3: convert it "
                     "to UTF-8 or let the fetch stage detect its charset");
    galley_doc_free(d);
    /* overlong encodings and surrogates are invalid too */
    d = clean_opts(NULL, "ab\xc0\xaf", 4, GALLEY_ERROR);
    ck_assert_ptr_nonnull(strstr(galley_doc_error(d), "at byte 2:"));
    galley_doc_free(d);
    d = clean_opts(NULL, "x\xed\xa0\x80", 4, GALLEY_ERROR);
    ck_assert_ptr_nonnull(strstr(galley_doc_error(d), "at byte 1:"));
    galley_doc_free(d);
}
END_TEST

START_TEST(empty)
{
    galley_doc *d = clean_opts(NULL, "", 0, GALLEY_OK);
    assert_text(d, "");
    ck_assert_str_eq(galley_doc_field(d, "repairs"), "0");
    galley_doc_free(d);
    d = clean(" \r\n\t\n");
    assert_text(d, "");
    galley_doc_free(d);
}
END_TEST

START_TEST(text_over_raw)
{
    galley_test *t = open_text(NULL);
    galley_doc *d = galley_doc_new();
    galley_doc_set_raw(d, "<p>raw</p>", 10);
    galley_doc_set_text(d, "  the text  ", 12);
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
    assert_text(d, "the text");
    galley_doc_free(d);
    close_text(t);
}
END_TEST

START_TEST(raw_fallback)
{
    galley_test *t = open_text(NULL);
    /* bytes only, as a fetcher may leave them: cleaned as text */
    galley_doc *d = galley_doc_new();
    galley_doc_set_raw(d, " plain\r\nbytes ", 14);
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
    assert_text(d, "plain\nbytes");
    galley_doc_free(d);
    /* an HTML page whose text clean/html left empty: markup is not text */
    d = galley_doc_new();
    galley_doc_set_raw(d, "<p>menu</p>", 11);
    galley_doc_set_content_type(d, "text/html");
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
    assert_text(d, "");
    galley_doc_free(d);
    close_text(t);
}
END_TEST

/* ---- options ---- */

START_TEST(families_off)
{
    const char raw[] = "The badysts met.\n\nUU And more. caf\xc3\x83\xc2\xa9\n\nSource link";
    const char *off[] = { "wordfilter=false", "translation=false",
                          "mojibake=false", "boilerplate=false", NULL };
    galley_doc *d = clean_opts(off, raw, strlen(raw), GALLEY_OK);
    assert_text(d, raw);
    ck_assert_str_eq(galley_doc_field(d, "repairs"), "0");
    galley_doc_free(d);
    d = clean(raw);
    assert_text(d, "The analysts met.\n\nU.S. And more. caf\xc3\xa9");
    ck_assert_str_eq(galley_doc_field(d, "repairs"), "4");
    galley_doc_free(d);
}
END_TEST

static char *temp_file(const char *content)
{
    char *path = strdup("/tmp/galley-test-text-XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, content, strlen(content)), (ssize_t)strlen(content));
    close(fd);
    return path;
}

START_TEST(user_rules)
{
    char *rules = temp_file("# house footer\ndrop Printed from *\n");
    char opt[4200];
    snprintf(opt, sizeof opt, "boilerplate_rules=%s", rules);
    const char *opts[] = { opt, NULL };
    const char raw[] = "Body text.\n\nPrinted from the Gazette website\n\nSource link";
    galley_doc *d = clean_opts(opts, raw, strlen(raw), GALLEY_OK);
    /* the user's file replaces the shipped one */
    assert_text(d, "Body text.\n\nSource link");
    galley_doc_free(d);
    unlink(rules);
    free(rules);

    /* ... or extends it with `include default` */
    rules = temp_file("include default\ndrop Printed from *\n");
    snprintf(opt, sizeof opt, "boilerplate_rules=%s", rules);
    d = clean_opts(opts, raw, strlen(raw), GALLEY_OK);
    assert_text(d, "Body text.");
    ck_assert_str_eq(galley_doc_field(d, "repairs_boilerplate"), "2");
    galley_doc_free(d);
    unlink(rules);
    free(rules);
}
END_TEST

START_TEST(include_loop)
{
    char *rules = temp_file("drop X\n");
    /* a file that includes itself (by its base name, from its folder) */
    FILE *f = fopen(rules, "w");
    ck_assert_ptr_nonnull(f);
    fprintf(f, "drop X\ninclude %s\n", strrchr(rules, '/') + 1);
    fclose(f);
    char opt[4200], err[1024];
    snprintf(opt, sizeof opt, "boilerplate_rules=%s", rules);
    const char *opts[] = { opt, NULL };
    galley_test *t = galley_test_open(&text_LTX_galley_plugin, opts, err, sizeof err);
    ck_assert_ptr_null(t);
    ck_assert_msg(strstr(err, ":2: cannot include") != NULL &&
                  strstr(err, "nested 8 deep") != NULL, "message: %s", err);
    unlink(rules);
    free(rules);
}
END_TEST

/* $GALLEY_DATADIR/clean comes first; a file missing there is taken from the
 * next place (here the source tree's conf/clean) */
START_TEST(datadir_lookup)
{
    char dir[] = "/tmp/galley-test-text-XXXXXX", sub[64], file[96];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(sub, sizeof sub, "%s/clean", dir);
    ck_assert_int_eq(mkdir(sub, 0700), 0);
    snprintf(file, sizeof file, "%s/boilerplate.rules", sub);
    FILE *f = fopen(file, "w");
    ck_assert_ptr_nonnull(f);
    fputs("drop House footer\n", f);
    fclose(f);
    char *saved = strdup(getenv("GALLEY_DATADIR"));
    setenv("GALLEY_DATADIR", dir, 1);
    galley_doc *d = clean("The badysts spoke.\n\nHouse footer\n\nSource link");
    assert_text(d, "The analysts spoke.\n\nSource link");
    galley_doc_free(d);
    setenv("GALLEY_DATADIR", saved, 1);
    free(saved);
    unlink(file);
    rmdir(sub);
    rmdir(dir);
}
END_TEST

START_TEST(bad_rules)
{
    char *rules = temp_file("drop Fine\nremove Something\n");
    char opt[4200], err[1024];
    snprintf(opt, sizeof opt, "boilerplate_rules=%s", rules);
    const char *opts[] = { opt, NULL };
    galley_test *t = galley_test_open(&text_LTX_galley_plugin, opts, err, sizeof err);
    ck_assert_ptr_null(t);
    char want[4200];
    snprintf(want, sizeof want, "%s:2: expected 'drop TEXT'", rules);
    ck_assert_msg(strstr(err, want) != NULL, "message: %s", err);
    unlink(rules);
    free(rules);

    rules = temp_file("bad anal\n");
    snprintf(opt, sizeof opt, "wordfilter_rules=%s", rules);
    t = galley_test_open(&text_LTX_galley_plugin, opts, err, sizeof err);
    ck_assert_ptr_null(t);
    ck_assert_msg(strstr(err, ":1: expected 'damaged => original' (letters only), "
                  "got 'bad anal'") != NULL,
                  "message: %s", err);
    unlink(rules);
    free(rules);
}
END_TEST

START_TEST(folder_as_file)
{
    const char *opts[] = { "boilerplate_rules=/tmp", NULL };
    char err[1024];
    galley_test *t = galley_test_open(&text_LTX_galley_plugin, opts, err, sizeof err);
    ck_assert_ptr_null(t);
    ck_assert_msg(strstr(err, "cannot read boilerplate rules /tmp: Is a directory") != NULL,
                  "message: %s", err);
    const char *wl[] = { "wordlist=/tmp", NULL };
    t = galley_test_open(&text_LTX_galley_plugin, wl, err, sizeof err);
    ck_assert_ptr_null(t);
    ck_assert_msg(strstr(err, "cannot read word list /tmp: Is a directory") != NULL,
                  "message: %s", err);
}
END_TEST

START_TEST(missing_wordlist)
{
    const char *opts[] = { "wordlist=/nonexistent/words", NULL };
    char err[1024];
    galley_test *t = galley_test_open(&text_LTX_galley_plugin, opts, err, sizeof err);
    ck_assert_ptr_null(t);
    ck_assert_msg(strstr(err, "cannot read word list /nonexistent/words") != NULL,
                  "message: %s", err);
}
END_TEST

/* ---- the seed article (examples/articles/seed) ---- */

START_TEST(seed_article)
{
    size_t n;
    char *raw = ck_slurp(SEED_ARTICLE, &n);
    galley_doc *d = clean_opts(NULL, raw, n, GALLEY_OK);
    const char *t = galley_doc_text(d, NULL);

    ck_assert_msg(strncmp(t, "Mattis urges Pakistan to \xe2\x80\x9credouble\xe2\x80\x9d "
                          "efforts against Islamist militants\n\nISLAMABAD", 85) == 0,
                  "title changed: %.100s", t);
    /* the footer from "Read more :" on, and the bracketed link lines */
    const char *gone[] = { "Read more", "Start bombing Taliban", "Scores of lawyers",
        "What is the cost?", "Today's coverage", "Like Washington Post",
        "Source link", "Leave a Reply", "Your email address", "[", "]",
        "badyst", "embbady", "UU", "EE.", NULL };
    for (int i = 0; gone[i]; i++)
        ck_assert_msg(strstr(t, gone[i]) == NULL, "'%s' is still there", gone[i]);
    const char *restored[] = {
        "Pakistani officials and analysts in the capital",
        "a Pakistani media analyst for a long time",
        "The US embassy said it praised",
        "with US military officials. U.S. And from the visit of Secretary",
        "an expansion of US drones. U.S. Attacking more deeply",
        "with the US drone attacks. U.S. In tribal areas", NULL };
    for (int i = 0; restored[i]; i++)
        ck_assert_msg(strstr(t, restored[i]) != NULL, "'%s' is missing", restored[i]);
    const char *end = "\"Public subtleties and invented bonhomie,\" Hussain added, "
                      "are just to show.";
    ck_assert_str_eq(t + strlen(t) - strlen(end), end);

    /* every genuine paragraph before the footer is there, unchanged unless
     * it held damage checked above */
    char *line = raw, *next;
    for (; line && strncmp(line, "Read more", 9) != 0; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (!*line || *line == '[' || strstr(line, "badyst") ||
            strstr(line, "embbady") || strstr(line, "UU"))
            continue;
        ck_assert_msg(strstr(t, line) != NULL, "paragraph lost: %.80s", line);
    }
    ck_assert_str_eq(galley_doc_field(d, "repairs_boilerplate"), "12");
    ck_assert_str_eq(galley_doc_field(d, "repairs_wordfilter"), "3");
    ck_assert_str_eq(galley_doc_field(d, "repairs_translation"), "3");
    ck_assert_str_eq(galley_doc_field(d, "repairs"), "18");
    galley_doc_free(d);
    free(raw);
}
END_TEST

static Suite *text_suite(void)
{
    Suite *s = suite_create("clean/text");
    TCase *tc = tcase_create("fixtures");
    tcase_add_loop_test(tc, fixture, 0, (int)(sizeof fixtures / sizeof *fixtures));
    tcase_add_test(tc, fixture_counts);
    suite_add_tcase(s, tc);
    tc = tcase_create("normalise");
    tcase_add_test(tc, crlf_and_spaces);
    tcase_add_test(tc, separators_and_controls);
    tcase_add_test(tc, nfc);
    tcase_add_test(tc, invisible);
    tcase_add_test(tc, typography);
    suite_add_tcase(s, tc);
    tc = tcase_create("inputs");
    tcase_add_test(tc, nul_byte);
    tcase_add_test(tc, invalid_utf8);
    tcase_add_test(tc, empty);
    tcase_add_test(tc, text_over_raw);
    tcase_add_test(tc, raw_fallback);
    suite_add_tcase(s, tc);
    tc = tcase_create("options");
    tcase_add_test(tc, families_off);
    tcase_add_test(tc, user_rules);
    tcase_add_test(tc, include_loop);
    tcase_add_test(tc, datadir_lookup);
    tcase_add_test(tc, bad_rules);
    tcase_add_test(tc, folder_as_file);
    tcase_add_test(tc, missing_wordlist);
    suite_add_tcase(s, tc);
    tc = tcase_create("seed");
    tcase_add_test(tc, seed_article);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    /* the rules under test, not whatever an earlier `make install` left */
    setenv("GALLEY_DATADIR", TEXT_DATADIR, 1);
    return ck_run(text_suite());
}
