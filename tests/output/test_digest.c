/* tests/output/test_digest.c - the markdown and html digests and the csv
 * output: what a reader sees (titles, summaries, top entities), escaping that
 * keeps values from turning into markup, RFC 4180 quoting. */
#define _XOPEN_SOURCE 700   /* nftw */
#include <galley/galley.h>
#include <galley/testing.h>

#include <check.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../ckhelp.h"

extern const galley_plugin markdown_LTX_galley_plugin;
extern const galley_plugin html_digest_LTX_galley_plugin;
extern const galley_plugin csv_LTX_galley_plugin;

static char dir[64];
static char out[128];

static int rm_cb(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb; (void)flag; (void)ftw;
    return remove(p);
}

static void setup(void)
{
    strcpy(dir, "/tmp/galley-digest-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(out, sizeof out, "%s/out", dir);
}

static void teardown(void)
{
    nftw(dir, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
}

static galley_doc *article(void)
{
    static const char text[] = "Jim Mattis met Imran Khan in Islamabad. Mattis left. "
                               "Khan spoke to the Pentagon. Mattis returned.";
    galley_doc *d = galley_doc_new();
    galley_doc_set_id(d, "seed/mattis.txt");
    galley_doc_set_source(d, "https://example.org/a?x=1&y=<2>");
    galley_doc_set_text(d, text, sizeof text - 1);
    galley_doc_set_field(d, "title", "Mattis <script>alert(1)</script> & \"Khan\" *bold* [x](y)");
    galley_doc_set_field(d, "date", "2017-12-04");
    galley_doc_set_field(d, "summary", "Mattis urged Pakistan to act.\nIt <b>did</b>.");
    galley_doc_add_field(d, "keyword", "pakistan", 0.9);
    galley_doc_add_field(d, "keyword", "terror_ism", 0.4);
    struct { const char *name; const char *label; } ents[] = {
        { "Jim Mattis", "PERSON" }, { "Imran Khan", "PERSON" }, { "Islamabad", "LOC" },
        { "Mattis", "PERSON" }, { "Khan", "PERSON" }, { "Pentagon", "ORG" },
        { "Mattis", "PERSON" } };
    size_t from = 0;
    for (size_t i = 0; i < sizeof ents / sizeof ents[0]; i++) {
        const char *p = strstr(text + from, ents[i].name);
        ck_assert_ptr_nonnull(p);
        size_t s = (size_t)(p - text);
        galley_doc_add_span(d, "entity", s, s + strlen(ents[i].name), ents[i].label, GALLEY_NO_SCORE);
        from = s + 1;
    }
    return d;
}

/* runs a plugin over docs into out; returns the file's content (malloc) */
static char *run(const galley_plugin *p, galley_doc **docs, size_t n, const char *extra)
{
    char opt[200];
    snprintf(opt, sizeof opt, "path=%s", out);
    const char *opts[] = { opt, extra, NULL };
    char err[512];
    galley_test *t = galley_test_open(p, opts, err, sizeof err);
    ck_assert_msg(t != NULL, "open: %s", err);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(galley_test_process(t, docs[i]) == GALLEY_OK, "%s", galley_doc_error(docs[i]));
    ck_assert_msg(galley_test_close(t, err, sizeof err) == GALLEY_OK, "close: %s", err);
    FILE *f = fopen(out, "rb");
    ck_assert_ptr_nonnull(f);
    char *buf = calloc(1, 1 << 20);
    fread(buf, 1, (1 << 20) - 1, f);
    fclose(f);
    return buf;
}

START_TEST(markdown_digest_reads_well_and_escapes)
{
    galley_doc *d = article();
    char *md = run(&markdown_LTX_galley_plugin, &d, 1, "title=Morning *news*");
    ck_assert_msg(strncmp(md, "# Morning \\*news\\*\n", 19) == 0, "%s", md);
    ck_assert_ptr_nonnull(strstr(md, "## Mattis \\<script\\>alert(1)\\</script\\> \\& \"Khan\" "
                                     "\\*bold\\* \\[x\\](y)\n"));
    /* not a clean URL (it holds < >), so a code span, not a link */
    ck_assert_ptr_nonnull(strstr(md, "*2017-12-04* · `https://example.org/a?x=1&y=<2>`\n"));
    /* the summary stays one quoted paragraph */
    ck_assert_ptr_nonnull(strstr(md, "> Mattis urged Pakistan to act. It \\<b\\>did\\</b\\>.\n"));
    /* most mentioned first, with counts; "Mattis" x2 outranks single mentions */
    ck_assert_ptr_nonnull(strstr(md, "- **People:** Mattis (2), Jim Mattis, Imran Khan, Khan\n"));
    ck_assert_ptr_nonnull(strstr(md, "- **Places:** Islamabad\n"));
    ck_assert_ptr_nonnull(strstr(md, "- **Organizations:** Pentagon\n"));
    ck_assert_ptr_nonnull(strstr(md, "- **Keywords:** pakistan, terror\\_ism\n"));
    ck_assert_ptr_nonnull(strstr(md, "*1 article.*\n"));
    free(md);
    galley_doc_free(d);
}
END_TEST

START_TEST(html_digest_is_self_contained_and_escaped)
{
    galley_doc *d = article();
    galley_doc *plain = galley_doc_new();
    galley_doc_set_id(plain, "no-title.txt");
    galley_doc_set_text(plain, "\nFirst line as title\nBody.", 26);
    galley_doc *docs[] = { d, plain };
    char *html = run(&html_digest_LTX_galley_plugin, docs, 2, "title=A & B");
    ck_assert(strncmp(html, "<!DOCTYPE html>", 15) == 0);
    ck_assert_ptr_nonnull(strstr(html, "<title>A &amp; B</title>"));
    ck_assert_ptr_nonnull(strstr(html, "<h2>Mattis &lt;script&gt;alert(1)&lt;/script&gt; &amp; "
                                       "&quot;Khan&quot; *bold* [x](y)</h2>"));
    ck_assert_ptr_nonnull(strstr(html, "<a href=\"https://example.org/a?x=1&amp;y=&lt;2&gt;\""));
    ck_assert_ptr_nonnull(strstr(html, "<p class=\"summary\">Mattis urged Pakistan to act. "
                                       "It &lt;b&gt;did&lt;/b&gt;.</p>"));
    ck_assert_ptr_nonnull(strstr(html, "<dt>People</dt><dd><span class=\"chip PERSON\">Mattis<b>2</b></span>"));
    ck_assert_ptr_nonnull(strstr(html, "<h2>First line as title</h2>"));
    ck_assert_ptr_nonnull(strstr(html, "<footer>2 articles"));
    ck_assert(strcmp(html + strlen(html) - 8, "</html>\n") == 0);
    /* self-contained: no script, no external load */
    ck_assert_ptr_null(strstr(html, "<script"));
    ck_assert_ptr_null(strstr(html, "src="));
    ck_assert_ptr_null(strstr(html, "<link"));
    ck_assert_ptr_null(strstr(html, "@import"));
    ck_assert_ptr_null(strstr(html, "url("));
    free(html);
    galley_doc_free(d);
    galley_doc_free(plain);
}
END_TEST

START_TEST(csv_quotes_per_rfc4180)
{
    galley_doc *d = galley_doc_new();
    galley_doc_set_id(d, "a,b");
    galley_doc_set_field(d, "title", "He said \"no\"");
    galley_doc_add_field(d, "people", "A", GALLEY_NO_SCORE);
    galley_doc_add_field(d, "people", "B", GALLEY_NO_SCORE);
    galley_doc_set_field(d, "summary", "two\nlines");
    galley_doc_set_text(d, "t\0x", 3);
    galley_doc *e = galley_doc_new();
    galley_doc_set_id(e, "plain");
    galley_doc_set_field(e, "title", "caf\xE9");
    galley_doc *docs[] = { d, e };
    char *csv = run(&csv_LTX_galley_plugin, docs, 2, "columns=id,title,people,summary,missing,text");
    ck_assert_str_eq(csv,
        "id,title,people,summary,missing,text\r\n"
        "\"a,b\",\"He said \"\"no\"\"\",A; B,\"two\nlines\",,t x\r\n"
        "plain,caf\xEF\xBF\xBD,,,,\r\n");
    free(csv);
    csv = run(&csv_LTX_galley_plugin, &e, 1, "header=false");
    ck_assert_str_eq(csv, "plain,caf\xEF\xBF\xBD,,,\r\n");
    free(csv);
    /* another delimiter: now the comma needs no quotes, the delimiter does */
    galley_doc_set_field(e, "title", "a;b, c");
    csv = run(&csv_LTX_galley_plugin, &e, 1, "delimiter=;");
    ck_assert_str_eq(csv, "id;title;date;source;summary\r\nplain;\"a;b, c\";;;\r\n");
    free(csv);
    galley_doc_free(d);
    galley_doc_free(e);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("output/digest");
    TCase *tc = tcase_create("digest");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, markdown_digest_reads_well_and_escapes);
    tcase_add_test(tc, html_digest_is_self_contained_and_escaped);
    tcase_add_test(tc, csv_quotes_per_rfc4180);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return ck_run(suite());
}
