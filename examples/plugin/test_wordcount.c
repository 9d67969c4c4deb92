/* test_wordcount.c - unit tests of the wordcount plugin with Check, driving
 * it through galley/testing.h: no config, no dlopen.  `make check` runs it. */
#include <check.h>
#include <string.h>

#include <galley/galley.h>
#include <galley/testing.h>

extern const galley_plugin wordcount_LTX_galley_plugin;

/* runs wordcount over text with the given options; returns the doc */
static galley_doc *count(const char *text, const char *const *opts)
{
    char err[512];
    galley_test *t = galley_test_open(&wordcount_LTX_galley_plugin, opts, err, sizeof err);
    ck_assert_msg(t != NULL, "open failed: %s", err);
    galley_doc *d = galley_doc_new();
    galley_doc_set_text(d, text, strlen(text));
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
    ck_assert_int_eq(galley_test_close(t, err, sizeof err), GALLEY_OK);
    return d;
}

START_TEST(counts_words_and_numbers)
{
    galley_doc *d = count("It's 3.5 miles, isn't it? Yes -- \"e-mail\" me.", NULL);
    ck_assert_str_eq(galley_doc_field(d, "words"), "8");
    ck_assert_str_eq(galley_doc_field(d, "reading_minutes"), "1");
    galley_doc_free(d);
}
END_TEST

START_TEST(empty_text_is_zero_minutes)
{
    galley_doc *d = count("", NULL);
    ck_assert_str_eq(galley_doc_field(d, "words"), "0");
    ck_assert_str_eq(galley_doc_field(d, "reading_minutes"), "0");
    galley_doc_free(d);
}
END_TEST

START_TEST(minutes_round_up_at_the_given_speed)
{
    const char *opts[] = { "words_per_minute=50", NULL };
    char text[1024] = "";
    for (int i = 0; i < 101; i++)
        strcat(text, "word ");
    galley_doc *d = count(text, opts);
    ck_assert_str_eq(galley_doc_field(d, "words"), "101");
    ck_assert_str_eq(galley_doc_field(d, "reading_minutes"), "3");
    galley_doc_free(d);
}
END_TEST

START_TEST(bad_option_is_refused_before_open)
{
    const char *opts[] = { "words_per_minute=5", NULL };
    char err[512];
    galley_test *t = galley_test_open(&wordcount_LTX_galley_plugin, opts, err, sizeof err);
    ck_assert_ptr_null(t);
    ck_assert_msg(strstr(err, "words_per_minute") != NULL, "message: %s", err);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("wordcount");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, counts_words_and_numbers);
    tcase_add_test(tc, empty_text_is_zero_minutes);
    tcase_add_test(tc, minutes_round_up_at_the_given_speed);
    tcase_add_test(tc, bad_option_is_refused_before_open);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
