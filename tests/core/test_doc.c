/* tests/core/test_doc.c - the document model: identity, fields, layers,
 * arena, and text replacement dropping layers. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <galley/galley.h>
#include "../ckhelp.h"

START_TEST(fields_single_multi_scored)
{
    galley_doc *d = galley_doc_new();
    ck_assert_str_eq(galley_doc_id(d), "");
    ck_assert_ptr_null(galley_doc_field(d, "title"));
    galley_doc_set_field(d, "title", "First");
    galley_doc_set_field(d, "title", "Second");     /* replaces */
    ck_assert_str_eq(galley_doc_field(d, "title"), "Second");
    ck_assert_uint_eq(galley_doc_field_count(d, "title"), 1);
    galley_doc_add_field(d, "keyword", "pakistan", 0.9);
    galley_doc_add_field(d, "keyword", "militants", GALLEY_NO_SCORE);
    ck_assert_uint_eq(galley_doc_field_count(d, "keyword"), 2);
    double score = 0;
    ck_assert_str_eq(galley_doc_field_value(d, "keyword", 0, &score), "pakistan");
    ck_assert(fabs(score - 0.9) < 1e-12);
    ck_assert_str_eq(galley_doc_field_value(d, "keyword", 1, &score), "militants");
    ck_assert(!galley_has_score(score));
    ck_assert_ptr_null(galley_doc_field_value(d, "keyword", 2, NULL));
    ck_assert_uint_eq(galley_doc_nkeys(d), 2);
    ck_assert_str_eq(galley_doc_key(d, 0), "title");
    ck_assert_str_eq(galley_doc_key(d, 1), "keyword");
    galley_doc_remove_field(d, "title");
    ck_assert_uint_eq(galley_doc_nkeys(d), 1);
    ck_assert_str_eq(galley_doc_key(d, 0), "keyword");
    galley_doc_set_fieldf(d, "words", "%d", 42);
    ck_assert_str_eq(galley_doc_field(d, "words"), "42");
    galley_doc_free(d);
}
END_TEST

START_TEST(layers_and_bounds)
{
    galley_doc *d = galley_doc_new();
    const char *t = "One. Two.";
    galley_doc_set_text(d, t, strlen(t));
    ck_assert_int_eq(galley_doc_add_span(d, "sentence", 0, 4, NULL, GALLEY_NO_SCORE), 0);
    ck_assert_int_eq(galley_doc_add_span(d, "sentence", 5, 9, "x", 0.5), 0);
    ck_assert_int_eq(galley_doc_add_span(d, "sentence", 5, 10, NULL, 0), -1);  /* past end */
    ck_assert_int_eq(galley_doc_add_span(d, "sentence", 4, 3, NULL, 0), -1);   /* reversed */
    size_t n;
    const galley_span *s = galley_doc_layer(d, "sentence", &n);
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(s[1].start, 5);
    ck_assert_str_eq(s[1].label, "x");
    ck_assert_ptr_null(s[0].label);
    ck_assert_ptr_null(galley_doc_layer(d, "entity", &n));
    ck_assert_uint_eq(n, 0);
    ck_assert_uint_eq(galley_doc_nlayers(d), 1);
    ck_assert_str_eq(galley_doc_layer_name(d, 0), "sentence");
    galley_doc_free(d);
}
END_TEST

START_TEST(replacing_text_drops_layers)
{
    galley_doc *d = galley_doc_new();
    galley_doc_set_text(d, "abc def", 7);
    galley_doc_add_span(d, "paragraph", 0, 7, NULL, GALLEY_NO_SCORE);
    galley_doc_set_field(d, "title", "kept");
    galley_doc_set_text(d, "new", 3);
    ck_assert_uint_eq(galley_doc_nlayers(d), 0);
    ck_assert_str_eq(galley_doc_field(d, "title"), "kept");
    size_t len;
    ck_assert_str_eq(galley_doc_text(d, &len), "new");
    ck_assert_uint_eq(len, 3);
    galley_doc_free(d);
}
END_TEST

START_TEST(raw_keeps_nul_bytes_and_arena_strings)
{
    galley_doc *d = galley_doc_new();
    galley_doc_set_raw(d, "a\0b", 3);
    size_t len;
    const char *r = galley_doc_raw(d, &len);
    ck_assert_uint_eq(len, 3);
    ck_assert_int_eq(memcmp(r, "a\0b", 3), 0);
    char *big = malloc(100000);
    memset(big, 'x', 100000);
    galley_doc_take_raw(d, big, 100000);
    ck_assert_ptr_eq(galley_doc_raw(d, &len), big);
    /* many small and a few big allocations, all zeroed and distinct */
    char *prev = NULL;
    for (int i = 0; i < 10000; i++) {
        char *p = galley_doc_alloc(d, (size_t)(i % 97) * 13 + (i % 1000 == 0 ? 50000 : 1));
        ck_assert(p[0] == 0);
        ck_assert_ptr_ne(p, prev);
        p[0] = 1;
        prev = p;
    }
    char *s = galley_doc_printf(d, "%s-%d", "id", 7);
    ck_assert_str_eq(s, "id-7");
    ck_assert_str_eq(galley_doc_strndup(d, "abcdef", 3), "abc");
    galley_doc_set_id(d, "seed/a.txt");
    ck_assert_str_eq(galley_doc_id(d), "seed/a.txt");
    galley_doc_free(d);
}
END_TEST

START_TEST(failure_message)
{
    galley_doc *d = galley_doc_new();
    ck_assert_ptr_null(galley_doc_error(d));
    ck_assert_int_eq(galley_doc_fail(d, "bad byte at %d", 12), GALLEY_ERROR);
    ck_assert_str_eq(galley_doc_error(d), "bad byte at 12");
    galley_doc_free(d);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("doc");
    TCase *tc = tcase_create("doc");
    tcase_add_test(tc, fields_single_multi_scored);
    tcase_add_test(tc, layers_and_bounds);
    tcase_add_test(tc, replacing_text_drops_layers);
    tcase_add_test(tc, raw_keeps_nul_bytes_and_arena_strings);
    tcase_add_test(tc, failure_message);
    suite_add_tcase(s, tc);
    return ck_run(s);
}
