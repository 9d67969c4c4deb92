/* tests/extract/test_metadata.c - the `metadata` extract plugin: title,
 * dateline, date, author, lang, words and reading_minutes of plain text. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <galley/galley.h>
#include <galley/testing.h>
#include "../ckhelp.h"

extern const galley_plugin metadata_LTX_galley_plugin;


START_TEST(seed_article)
{
    size_t len;
    char *text = ck_slurp(GALLEY_SRCDIR "/examples/articles/seed/mattis-pakistan.txt", &len);
    galley_test *t = ck_plugin_open(&metadata_LTX_galley_plugin, NULL);
    galley_doc *d = ck_plugin_run(t, text, len);
    ck_assert_str_eq(galley_doc_field(d, "title"),
                     "Mattis urges Pakistan to \xe2\x80\x9credouble\xe2\x80\x9d efforts "
                     "against Islamist militants");
    ck_assert_str_eq(galley_doc_field(d, "dateline"), "Islamabad, Pakistan");
    ck_assert_str_eq(galley_doc_field(d, "lang"), "en");
    ck_assert_ptr_null(galley_doc_field(d, "date"));    /* the article has none */
    ck_assert_ptr_null(galley_doc_field(d, "author"));
    long words = atol(galley_doc_field(d, "words"));
    ck_assert_int_gt(words, 850);     /* wc -w says 902 */
    ck_assert_int_lt(words, 1200);
    ck_assert_int_eq(atol(galley_doc_field(d, "reading_minutes")), (words + 229) / 230);
    galley_doc_free(d);
    ck_plugin_close(t);
    free(text);
}
END_TEST

START_TEST(wikinews_article)
{
    size_t len;
    char *text = ck_slurp(GALLEY_SRCDIR "/examples/articles/wikinews/GUM_news_afghan.txt", &len);
    galley_test *t = ck_plugin_open(&metadata_LTX_galley_plugin, NULL);
    galley_doc *d = ck_plugin_run(t, text, len);
    ck_assert_str_eq(galley_doc_field(d, "title"),
                     "After visa snags, all-girl Afghan team honored for 'courageous "
                     "achievement' at international robotics competition");
    ck_assert_str_eq(galley_doc_field(d, "date"), "2017-07-21");
    ck_assert_ptr_null(galley_doc_field(d, "dateline"));
    ck_assert_str_eq(galley_doc_field(d, "lang"), "en");
    galley_doc_free(d);
    free(text);
    /* a date glued to the headline's repetition on the next line */
    text = ck_slurp(GALLEY_SRCDIR "/examples/articles/wikinews/GUM_interview_mcguire.txt", &len);
    d = ck_plugin_run(t, text, len);
    ck_assert_str_eq(galley_doc_field(d, "title"), "Interview with LibriVox founder Hugh McGuire");
    ck_assert_str_eq(galley_doc_field(d, "date"), "2006-05-28");
    galley_doc_free(d);
    /* the search for the weekday starts shortly before the first "day"
     * (any case): other words holding one come before it, or glued to it */
    static const char *const glued[] = {
        "Holiday crowds\nHolidaymakers on Saturday's birthday Sunday, May 28, 2006 said so.\n",
        "Travel news\nOn their DAY off,Wednesday, May 31, 2006 was busy.\n",
        "Travel news\nToday (Thursday, June 1, 2006) was busy.\n",
        "Travel news\nCrowds on Wednesday, May 31, 2006 were big.\n",
    };
    static const char *const glued_iso[] = { "2006-05-28", "2006-05-31", "2006-06-01",
                                             "2006-05-31" };
    for (size_t i = 0; i < sizeof glued / sizeof glued[0]; i++) {
        d = ck_plugin_run(t, glued[i], strlen(glued[i]));
        ck_assert_msg(galley_doc_field(d, "date") &&
                      strcmp(galley_doc_field(d, "date"), glued_iso[i]) == 0,
                      "%s: date %s", glued[i], galley_doc_field(d, "date"));
        galley_doc_free(d);
    }
    ck_plugin_close(t);
    free(text);
}
END_TEST

START_TEST(date_formats)
{
    static const struct { const char *line, *iso; } cases[] = {
        { "Friday, July 21, 2017", "2017-07-21" },
        { "21 July 2017", "2017-07-21" },
        { "Sept. 3, 2009", "2009-09-03" },
        { "Published: 2016-02-29", "2016-02-29" },
        { "Updated Jan 5 2020", "2020-01-05" },
    };
    galley_test *t = ck_plugin_open(&metadata_LTX_galley_plugin, NULL);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[256];
        int n = snprintf(text, sizeof text, "Storm hits the coast\n\n%s\n\nIt rained all day.",
                         cases[i].line);
        galley_doc *d = ck_plugin_run(t, text, (size_t)n);
        const char *date = galley_doc_field(d, "date");
        ck_assert_msg(date && strcmp(date, cases[i].iso) == 0, "'%s' gave date %s",
                      cases[i].line, date ? date : "(none)");
        galley_doc_free(d);
    }
    /* a match report's day and kick-off time are not a date */
    const char *report = "Blackburn v Burnley\n\nEwood Park\n\nTuesday, 1 March\n\n2000 GMT\n\nText.";
    galley_doc *r = ck_plugin_run(t, report, strlen(report));
    ck_assert_ptr_null(galley_doc_field(r, "date"));
    ck_assert_str_eq(galley_doc_field(r, "title"), "Blackburn v Burnley");
    galley_doc_free(r);
    /* a headline may end in an ellipsis */
    const char *ell = "Rivals of the Apple...\n\nThe Mac mini is cheap.";
    r = ck_plugin_run(t, ell, strlen(ell));
    ck_assert_str_eq(galley_doc_field(r, "title"), "Rivals of the Apple...");
    galley_doc_free(r);
    /* not dates: a February 30th, a sentence mentioning a date */
    const char *bad[] = { "February 30, 2017", "He left on July 21, 2017 for Rome" };
    for (size_t i = 0; i < 2; i++) {
        char text[256];
        int n = snprintf(text, sizeof text, "Storm hits the coast\n\n%s\n\nIt rained.", bad[i]);
        galley_doc *d = ck_plugin_run(t, text, (size_t)n);
        ck_assert_msg(galley_doc_field(d, "date") == NULL, "'%s' is not a date line", bad[i]);
        galley_doc_free(d);
    }
    ck_plugin_close(t);
}
END_TEST

START_TEST(byline_and_datelines)
{
    galley_test *t = ck_plugin_open(&metadata_LTX_galley_plugin, NULL);
    const char *text = "Storm hits the coast\nBy Jane Smith and John Doe\n\n"
                       "NEW YORK (Reuters) - The storm hit the city on Monday.";
    galley_doc *d = ck_plugin_run(t, text, strlen(text));
    ck_assert_str_eq(galley_doc_field(d, "title"), "Storm hits the coast");
    ck_assert_uint_eq(galley_doc_field_count(d, "author"), 2);
    ck_assert_str_eq(galley_doc_field_value(d, "author", 0, NULL), "Jane Smith");
    ck_assert_str_eq(galley_doc_field_value(d, "author", 1, NULL), "John Doe");
    ck_assert_str_eq(galley_doc_field(d, "dateline"), "New York");
    galley_doc_free(d);
    text = "Exhibit opens\n\nEvansville, Indiana, United States - This past week marked it.";
    d = ck_plugin_run(t, text, strlen(text));
    ck_assert_str_eq(galley_doc_field(d, "dateline"), "Evansville, Indiana, United States");
    galley_doc_free(d);
    /* not datelines: a sentence with a dash, a lower-case opening */
    const char *no[] = { "Title here\n\nMattis, on his visit - he said - was calm.",
                         "Title here\n\nThe well-known case - odd.",
                         "Title here\n\nJohn said - nothing.",
                         "Title here\n\nDJ Norman Cook - aka Fatboy Slim - has said it." };
    for (size_t i = 0; i < 4; i++) {
        d = ck_plugin_run(t, no[i], strlen(no[i]));
        ck_assert_msg(galley_doc_field(d, "dateline") == NULL, "dateline '%s' in '%s'",
                      galley_doc_field(d, "dateline"), no[i]);
        galley_doc_free(d);
    }
    ck_plugin_close(t);
}
END_TEST

START_TEST(language)
{
    galley_test *t = ck_plugin_open(&metadata_LTX_galley_plugin, NULL);
    const char *de = "Der Sturm traf die K\xc3\xbcste am Montag. Viele H\xc3\xa4user wurden "
                     "zerst\xc3\xb6rt, sagte die Polizei.";
    galley_doc *d = ck_plugin_run(t, de, strlen(de));
    ck_assert_str_eq(galley_doc_field(d, "lang"), "und");
    galley_doc_free(d);
    const char *en = "it rained. we stayed in and nobody came to the door";
    d = ck_plugin_run(t, en, strlen(en));
    ck_assert_str_eq(galley_doc_field(d, "lang"), "en");
    ck_assert_str_eq(galley_doc_field(d, "words"), "11");
    ck_assert_str_eq(galley_doc_field(d, "reading_minutes"), "1");
    galley_doc_free(d);
    /* a language set by an earlier stage (an HTML lang attribute) is kept */
    d = galley_doc_new();
    galley_doc_set_text(d, en, strlen(en));
    galley_doc_set_field(d, "lang", "fr");
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
    ck_assert_str_eq(galley_doc_field(d, "lang"), "fr");
    galley_doc_free(d);
    ck_plugin_close(t);
}
END_TEST

START_TEST(edges_and_options)
{
    const char *opts[] = { "wpm=100", "title=false", NULL };
    galley_test *t = ck_plugin_open(&metadata_LTX_galley_plugin, opts);
    galley_doc *d = ck_plugin_run(t, "", 0);
    ck_assert_str_eq(galley_doc_field(d, "words"), "0");
    ck_assert_str_eq(galley_doc_field(d, "reading_minutes"), "0");
    ck_assert_str_eq(galley_doc_field(d, "lang"), "und");
    ck_assert_ptr_null(galley_doc_field(d, "title"));
    galley_doc_free(d);
    /* 250 words at 100 wpm: 3 minutes; title=false sets no title */
    char text[2000] = "Headline\n\n";
    for (int i = 0; i < 249; i++)
        strcat(text, "word ");
    d = ck_plugin_run(t, text, strlen(text));
    ck_assert_str_eq(galley_doc_field(d, "words"), "250");
    ck_assert_str_eq(galley_doc_field(d, "reading_minutes"), "3");
    ck_assert_ptr_null(galley_doc_field(d, "title"));
    galley_doc_free(d);
    ck_plugin_close(t);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("metadata");
    TCase *tc = tcase_create("plugin");
    tcase_add_test(tc, seed_article);
    tcase_add_test(tc, wikinews_article);
    tcase_add_test(tc, date_formats);
    tcase_add_test(tc, byline_and_datelines);
    tcase_add_test(tc, language);
    tcase_add_test(tc, edges_and_options);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return ck_run(suite());
}
