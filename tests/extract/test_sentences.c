/* tests/extract/test_sentences.c - the `sentences` extract plugin: headline,
 * date and byline units, paragraphs and body sentences, on the seed article
 * and on small texts. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <galley/galley.h>
#include <galley/testing.h>
#include "../ckhelp.h"

extern const galley_plugin sentences_LTX_galley_plugin;

static galley_doc *run(galley_test *t, const char *text)
{
    return ck_plugin_run(t, text, strlen(text));
}

static int span_is(const galley_doc *d, const galley_span *sp, const char *want)
{
    const char *text = galley_doc_text(d, NULL);
    return sp->end - sp->start == strlen(want) &&
           memcmp(text + sp->start, want, sp->end - sp->start) == 0;
}

START_TEST(seed_article)
{
    size_t len;
    char *text = ck_slurp(GALLEY_SRCDIR "/examples/articles/seed/mattis-pakistan.txt", &len);
    galley_test *t = ck_plugin_open(&sentences_LTX_galley_plugin, NULL);
    galley_doc *d = galley_doc_new();
    galley_doc_set_text(d, text, len);
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
    ck_assert_str_eq(galley_doc_field(d, "title"),
                     "Mattis urges Pakistan to \xe2\x80\x9credouble\xe2\x80\x9d efforts "
                     "against Islamist militants");
    size_t n, np;
    const galley_span *s = galley_doc_layer(d, "sentence", &n);
    const galley_span *p = galley_doc_layer(d, "paragraph", &np);
    ck_assert_uint_gt(n, 30);
    ck_assert_str_eq(s[0].label, "title");
    ck_assert_str_eq(p[0].label, "title");
    ck_assert_ptr_null(p[1].label);
    /* the dateline is a unit of its own, then the body */
    ck_assert(span_is(d, &s[1], "ISLAMABAD, Pakistan \xe2\x80\x93"));
    ck_assert_str_eq(s[1].label, "dateline");
    const char *body = galley_doc_text(d, NULL) + s[2].start;
    ck_assert_int_eq(strncmp(body, "Defense Secretary Jim Mattis", 28), 0);
    /* only the headline and the dateline are labelled; no overlaps */
    for (size_t i = 2; i < n; i++) {
        ck_assert_ptr_null(s[i].label);
        ck_assert_uint_ge(s[i].start, s[i - 1].end);
    }
    /* the paragraph with the Nicholson quote holds 3 sentences */
    int found = 0;
    for (size_t i = 0; i < n; i++)
        if (span_is(d, &s[i], "We have not yet seen those changes implemented,\" said General "
                    "John Nicholson Jr., the top US commander. in Afghanistan, at a "
                    "press conference in Kabul last week."))
            found = 1;
    ck_assert_msg(!found, "the ellipsis inside the quote should not be split");
    galley_doc_free(d);
    ck_plugin_close(t);
    free(text);
}
END_TEST

START_TEST(headline_date_byline)
{
    galley_test *t = ck_plugin_open(&sentences_LTX_galley_plugin, NULL);
    galley_doc *d = run(t, "Afghan girls win robotics medal\n\nFriday, July 21, 2017\n\n"
                           "By Jane Smith\n\nA team won. It was the U.S. team's rival.\n"
                           "Second line here.\n\nNew paragraph.");
    ck_assert_str_eq(galley_doc_field(d, "title"), "Afghan girls win robotics medal");
    size_t n;
    const galley_span *s = galley_doc_layer(d, "sentence", &n);
    ck_assert_uint_eq(n, 7);
    ck_assert(span_is(d, &s[0], "Afghan girls win robotics medal"));
    ck_assert_str_eq(s[0].label, "title");
    ck_assert(span_is(d, &s[1], "Friday, July 21, 2017"));
    ck_assert_str_eq(s[1].label, "date");
    ck_assert(span_is(d, &s[2], "By Jane Smith"));
    ck_assert_str_eq(s[2].label, "byline");
    ck_assert(span_is(d, &s[3], "A team won."));
    ck_assert_ptr_null(s[3].label);
    ck_assert(span_is(d, &s[4], "It was the U.S. team's rival."));
    ck_assert(span_is(d, &s[5], "Second line here."));
    ck_assert(span_is(d, &s[6], "New paragraph."));
    const galley_span *p = galley_doc_layer(d, "paragraph", &n);
    ck_assert_uint_eq(n, 5);
    ck_assert(span_is(d, &p[3], "A team won. It was the U.S. team's rival.\nSecond line here."));
    galley_doc_free(d);
    ck_plugin_close(t);
}
END_TEST

START_TEST(caption_label)
{
    galley_test *t = ck_plugin_open(&sentences_LTX_galley_plugin, NULL);
    galley_doc *d = run(t, "Expo opens\n\nThe floor was full. Image: Nick Moreau.\n\nFans came.");
    size_t n;
    const galley_span *s = galley_doc_layer(d, "sentence", &n);
    ck_assert_uint_eq(n, 4);
    ck_assert(span_is(d, &s[2], "Image: Nick Moreau."));
    ck_assert_str_eq(s[2].label, "caption");
    ck_assert_ptr_null(s[1].label);
    ck_assert_ptr_null(s[3].label);
    galley_doc_free(d);
    ck_plugin_close(t);
}
END_TEST

START_TEST(no_title_cases)
{
    galley_test *t = ck_plugin_open(&sentences_LTX_galley_plugin, NULL);
    /* a one-line article is never its own headline */
    galley_doc *d = run(t, "Just one line without a full stop");
    ck_assert_ptr_null(galley_doc_field(d, "title"));
    size_t n;
    const galley_span *s = galley_doc_layer(d, "sentence", &n);
    ck_assert_uint_eq(n, 1);
    ck_assert_ptr_null(s[0].label);
    galley_doc_free(d);
    /* a first line ending in a full stop is a sentence */
    d = run(t, "The storm hit the coast.\n\nIt rained.");
    ck_assert_ptr_null(galley_doc_field(d, "title"));
    galley_doc_free(d);
    /* wrapped prose: the next line continues in lower case */
    d = run(t, "The storm that hit the coast on Monday\nkilled three people.");
    ck_assert_ptr_null(galley_doc_field(d, "title"));
    s = galley_doc_layer(d, "sentence", &n);
    ck_assert_uint_eq(n, 1);
    galley_doc_free(d);
    /* a title set by an earlier stage is kept */
    d = galley_doc_new();
    galley_doc_set_text(d, "Headline here\n\nBody.", 20);
    galley_doc_set_field(d, "title", "From the HTML");
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
    ck_assert_str_eq(galley_doc_field(d, "title"), "From the HTML");
    s = galley_doc_layer(d, "sentence", &n);
    ck_assert_str_eq(s[0].label, "title");
    galley_doc_free(d);
    ck_plugin_close(t);
}
END_TEST

START_TEST(title_option_off)
{
    const char *opts[] = { "title=false", NULL };
    galley_test *t = ck_plugin_open(&sentences_LTX_galley_plugin, opts);
    galley_doc *d = run(t, "Headline here\n\nBody text.");
    ck_assert_ptr_null(galley_doc_field(d, "title"));
    size_t n;
    const galley_span *s = galley_doc_layer(d, "sentence", &n);
    ck_assert_uint_eq(n, 2);
    ck_assert_ptr_null(s[0].label);
    galley_doc_free(d);
    ck_plugin_close(t);
}
END_TEST

START_TEST(empty_and_blank)
{
    galley_test *t = ck_plugin_open(&sentences_LTX_galley_plugin, NULL);
    galley_doc *d = run(t, "");
    size_t n = 9;
    ck_assert_ptr_null(galley_doc_layer(d, "sentence", &n));
    ck_assert_uint_eq(n, 0);
    galley_doc_free(d);
    d = run(t, " \n\n \t\n");
    ck_assert_ptr_null(galley_doc_layer(d, "sentence", &n));
    ck_assert_ptr_null(galley_doc_field(d, "title"));
    galley_doc_free(d);
    ck_plugin_close(t);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("sentences");
    TCase *tc = tcase_create("plugin");
    tcase_add_test(tc, seed_article);
    tcase_add_test(tc, headline_date_byline);
    tcase_add_test(tc, no_title_cases);
    tcase_add_test(tc, caption_label);
    tcase_add_test(tc, title_option_off);
    tcase_add_test(tc, empty_and_blank);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return ck_run(suite());
}
