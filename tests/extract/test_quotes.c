/* tests/extract/test_quotes.c - the `quotes` extract plugin: quotation
 * spans in straight and curly quotes and their speakers, on the seed
 * article and on small texts. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <galley/galley.h>
#include <galley/testing.h>
#include "../ckhelp.h"

extern const galley_plugin quotes_LTX_galley_plugin;


/* the speaker of the quotation starting with `begins`, "" for none, NULL
 * if there is no such quotation */
static const char *speaker_of(const galley_doc *d, const char *begins)
{
    size_t n;
    const galley_span *q = galley_doc_layer(d, "quote", &n);
    const char *text = galley_doc_text(d, NULL);
    for (size_t i = 0; i < n; i++)
        if (q[i].end - q[i].start >= strlen(begins) &&
            strncmp(text + q[i].start, begins, strlen(begins)) == 0)
            return q[i].label ? q[i].label : "";
    return NULL;
}

#define SPEAKER(d, begins, want) do {                                         \
        const char *got_ = speaker_of(d, begins);                             \
        ck_assert_msg(got_ != NULL, "no quotation \"%s\"", begins);           \
        ck_assert_msg(strcmp(got_, want) == 0, "\"%s\" is by '%s', expected '%s'", \
                      begins, got_, want);                                    \
    } while (0)

START_TEST(seed_article)
{
    size_t len;
    char *text = ck_slurp(GALLEY_SRCDIR "/examples/articles/seed/mattis-pakistan.txt", &len);
    galley_test *t = ck_plugin_open(&quotes_LTX_galley_plugin, NULL);
    galley_doc *d = ck_plugin_run(t, text, len);
    SPEAKER(d, "We have been very direct", "General John Nicholson Jr.");
    SPEAKER(d, "not to make demands", "Mattis");
    SPEAKER(d, "there are no safe havens", "Abbasi");
    SPEAKER(d, "Pakistan has done much more", "Pakistani army officials");
    SPEAKER(d, "a few elements", "officials");
    SPEAKER(d, "everything possible", "CIA director Mike Pompeo");
    SPEAKER(d, "Public subtleties and invented bonhomie", "Hussain");
    /* "But he also said that ... \"hoping ...\"": he = Nicholson */
    SPEAKER(d, "hoping to work together", "General John Nicholson Jr.");
    /* the headline's curly quotes and scare quotes have no speaker */
    SPEAKER(d, "common ground", "");
    size_t n, with = 0;
    const galley_span *q = galley_doc_layer(d, "quote", &n);
    for (size_t i = 0; i < n; i++)
        with += q[i].label != NULL;
    ck_assert_uint_ge(n, 15);
    ck_assert_uint_ge(with, 10);
    /* spans hold the words, not the marks or a trailing comma */
    const char *body = galley_doc_text(d, NULL);
    for (size_t i = 0; i < n; i++) {
        ck_assert_int_ne(body[q[i].start], '"');
        ck_assert_int_ne(body[q[i].end - 1], '"');
        ck_assert_int_ne(body[q[i].end - 1], ',');
    }
    galley_doc_free(d);
    ck_plugin_close(t);
    free(text);
}
END_TEST

START_TEST(patterns)
{
    galley_test *t = ck_plugin_open(&quotes_LTX_galley_plugin, NULL);
    const char *text =
        "\xe2\x80\x9cWe will win,\xe2\x80\x9d Smith added. "
        "The minister, a former general, said \"the talks failed\" on Monday. "
        "\"Why now?\" he asked. "
        "\"It is over.\" They left. "
        "Matthew Ingram of The Globe and Mail wrote: \"Scientology vs. the Internet\".";
    galley_doc *d = ck_plugin_run(t, text, strlen(text));
    SPEAKER(d, "We will win", "Smith");
    SPEAKER(d, "the talks failed", "minister");
    SPEAKER(d, "Why now?", "Smith");                /* he = the last person */
    SPEAKER(d, "It is over.", "");                  /* "They left" is not speech */
    SPEAKER(d, "Scientology vs. the Internet", "Matthew Ingram of The Globe and Mail");
    galley_doc_free(d);
    /* a pronoun names the last speaker even when that one was not quoted;
     * a quotation reopened after a full stop goes on with its speaker */
    text = "Mr Balls said he was sure. \"We will not see a spree,\" he said. "
           "Sir Digby added: \"I don't think he will. It is stable. "
           "\"We would say to him: invest.\" Then he left.";
    d = ck_plugin_run(t, text, strlen(text));
    SPEAKER(d, "We will not see a spree", "Mr Balls");
    SPEAKER(d, "I don't think he will", "Sir Digby");
    SPEAKER(d, "We would say to him", "Sir Digby");
    galley_doc_free(d);
    ck_plugin_close(t);
}
END_TEST

START_TEST(unbalanced_and_options)
{
    const char *opts[] = { "min_words=3", "speakers=false", NULL };
    galley_test *t = ck_plugin_open(&quotes_LTX_galley_plugin, opts);
    /* an unclosed quote ends at the blank line; the next paragraph pairs anew */
    const char *text = "He said \"never closed here.\n\nShe said \"three words here\" and "
                       "\"two words\" too.";
    galley_doc *d = ck_plugin_run(t, text, strlen(text));
    size_t n;
    const galley_span *q = galley_doc_layer(d, "quote", &n);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(strncmp(text + q[0].start, "three words here", q[0].end - q[0].start), 0);
    ck_assert_ptr_null(q[0].label);
    galley_doc_free(d);
    d = ck_plugin_run(t, "", 0);
    ck_assert_ptr_null(galley_doc_layer(d, "quote", &n));
    galley_doc_free(d);
    d = ck_plugin_run(t, "\"\" \" \xe2\x80\x9d \xe2\x80\x9c", 11);
    ck_assert_ptr_null(galley_doc_layer(d, "quote", &n));
    galley_doc_free(d);
    ck_plugin_close(t);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("quotes");
    TCase *tc = tcase_create("plugin");
    tcase_add_test(tc, seed_article);
    tcase_add_test(tc, patterns);
    tcase_add_test(tc, unbalanced_and_options);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return ck_run(suite());
}
