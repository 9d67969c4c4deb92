/* tests/core/test_options.c - option checking through galley/testing.h, the
 * same checks a config file and -o get. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <galley/galley.h>
#include <galley/testing.h>
#include "../ckhelp.h"

extern const galley_plugin opts_LTX_galley_plugin;

static char err[1024];

static galley_test *open_with(const char *a, const char *b)
{
    const char *opts[] = { "label=x", a, b, NULL };
    err[0] = '\0';
    return galley_test_open(&opts_LTX_galley_plugin, opts, err, sizeof err);
}

static const char *run_and_get(galley_test *t)
{
    static char out[256];
    galley_doc *d = galley_doc_new();
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
    snprintf(out, sizeof out, "%s", galley_doc_field(d, "opts"));
    galley_doc_free(d);
    ck_assert_int_eq(galley_test_close(t, err, sizeof err), GALLEY_OK);
    return out;
}

START_TEST(defaults_apply)
{
    galley_test *t = open_with(NULL, NULL);
    ck_assert_ptr_nonnull(t);
    ck_assert_str_eq(run_and_get(t), "count=3 ratio=0.5 flag=0 mode=fast label=x tags=2");
}
END_TEST

START_TEST(values_parse)
{
    galley_test *t = open_with("count=10", "flag=yes");
    ck_assert_ptr_nonnull(t);
    ck_assert_str_eq(run_and_get(t), "count=10 ratio=0.5 flag=1 mode=fast label=x tags=2");
    t = open_with("count=010", NULL);       /* decimal, not octal */
    ck_assert_ptr_nonnull(t);
    ck_assert_str_eq(run_and_get(t), "count=10 ratio=0.5 flag=0 mode=fast label=x tags=2");
    ck_assert_ptr_null(open_with("count=0x2", NULL));
    t = open_with("tags=p,q,r", "mode=slow");
    ck_assert_ptr_nonnull(t);
    ck_assert_str_eq(run_and_get(t), "count=3 ratio=0.5 flag=0 mode=slow label=x tags=3");
}
END_TEST

START_TEST(wrong_type)
{
    ck_assert_ptr_null(open_with("count=three", NULL));
    ck_assert_str_eq(err, "stage 'test' (opts): option 'count' wants an integer, not \"three\"");
    ck_assert_ptr_null(open_with("flag=maybe", NULL));
    ck_assert_str_eq(err, "stage 'test' (opts): option 'flag' wants true or false, not \"maybe\"");
    ck_assert_ptr_null(open_with("ratio=1e999", NULL));
    ck_assert_ptr_nonnull(strstr(err, "wants a number"));
}
END_TEST

START_TEST(out_of_range_and_choices)
{
    ck_assert_ptr_null(open_with("count=11", NULL));
    ck_assert_str_eq(err, "stage 'test' (opts): option 'count' is 11, out of range: "
                          "it must be from 1 to 10");
    ck_assert_ptr_null(open_with("mode=medium", NULL));
    ck_assert_str_eq(err, "stage 'test' (opts): option 'mode' must be one of fast|slow, "
                          "not \"medium\"");
}
END_TEST

START_TEST(unknown_with_suggestion)
{
    ck_assert_ptr_null(open_with("cuont=2", NULL));
    ck_assert_str_eq(err, "stage 'test' (opts): unknown option 'cuont': did you mean "
                          "'count'? valid options: count, ratio, flag, mode, tags, label");
}
END_TEST

START_TEST(missing_required)
{
    const char *opts[] = { NULL };
    ck_assert_ptr_null(galley_test_open(&opts_LTX_galley_plugin, opts, err, sizeof err));
    ck_assert_str_eq(err, "stage 'test' (opts): option 'label' is required "
                          "(a required string): add label = ...");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("options");
    TCase *tc = tcase_create("options");
    tcase_add_test(tc, defaults_apply);
    tcase_add_test(tc, values_parse);
    tcase_add_test(tc, wrong_type);
    tcase_add_test(tc, out_of_range_and_choices);
    tcase_add_test(tc, unknown_with_suggestion);
    tcase_add_test(tc, missing_required);
    suite_add_tcase(s, tc);
    return ck_run(s);
}
