/* tests/core/test_docwire.c - the binary document form (doc/wire-format.md):
 * a document survives encode -> decode whole (text, fields with scores,
 * layers with spans, identity, raw bytes, failure), and every cut-short or
 * damaged input is refused with a message, never a crash. */
#include "config.h"

#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "../ckhelp.h"

static galley_doc *sample(void)
{
    galley_doc *d = galley_doc_new();
    galley_doc_set_id(d, "world/pakistan-1.txt");
    galley_doc_set_source(d, "/data/world/pakistan-1.txt");
    galley_doc_set_content_type(d, "text/plain");
    galley_doc_set_token(d, "1700000000000-0");     /* version stays unset (NULL) */
    galley__doc_set_seq(d, 41);
    galley_doc_set_raw(d, "raw\0bytes", 9);
    const char *text = "Islamabad, Pakistan. Troops moved in. \"We will stay,\" Khan said.";
    galley_doc_set_text(d, text, strlen(text));
    galley_doc_set_field(d, "title", "Troops move in");
    galley_doc_add_field(d, "keyword", "troops", 0.75);
    galley_doc_add_field(d, "keyword", "islamabad", GALLEY_NO_SCORE);
    galley_doc_add_field(d, "empty", "", -0.0);
    galley_doc_add_span(d, "sentence", 0, 20, "dateline", GALLEY_NO_SCORE);
    galley_doc_add_span(d, "sentence", 21, 38, NULL, GALLEY_NO_SCORE);
    galley_doc_add_span(d, "entity", 0, 9, "LOC", 0.5);
    galley_doc_add_span(d, "entity", 58, 62, "PERSON", 1e-300);
    galley_doc_add_span(d, "quote", 39, 55, "", 2.0);
    galley_doc_fail(d, "stage said: %s", "no");
    return d;
}

static void encode(const galley_doc *d, galley_buf *b)
{
    memset(b, 0, sizeof *b);
    galley__docwire_encode(d, b);
}

START_TEST(round_trip_keeps_everything)
{
    galley_doc *d = sample();
    galley_buf a, b;
    encode(d, &a);
    char err[256];
    galley_doc *e = galley__docwire_decode(a.data, a.len, err, sizeof err);
    ck_assert_msg(e != NULL, "%s", err);
    ck_assert_str_eq(galley_doc_id(e), "world/pakistan-1.txt");
    ck_assert_str_eq(galley_doc_source(e), "/data/world/pakistan-1.txt");
    ck_assert_str_eq(galley_doc_content_type(e), "text/plain");
    ck_assert_str_eq(galley_doc_token(e), "1700000000000-0");
    ck_assert_ptr_null(galley_doc_version(e));
    ck_assert_uint_eq(galley_doc_seq(e), 41);
    size_t n;
    const char *raw = galley_doc_raw(e, &n);
    ck_assert_uint_eq(n, 9);
    ck_assert(memcmp(raw, "raw\0bytes", 9) == 0);
    ck_assert_str_eq(galley_doc_text(e, NULL), galley_doc_text(d, NULL));
    ck_assert_str_eq(galley_doc_error(e), "stage said: no");
    /* fields: order, values, scores (NaN = none) */
    ck_assert_uint_eq(galley_doc_nkeys(e), 3);
    ck_assert_str_eq(galley_doc_key(e, 1), "keyword");
    double s;
    ck_assert_str_eq(galley_doc_field_value(e, "keyword", 0, &s), "troops");
    ck_assert(s == 0.75);
    ck_assert_str_eq(galley_doc_field_value(e, "keyword", 1, &s), "islamabad");
    ck_assert(!galley_has_score(s));
    ck_assert_str_eq(galley_doc_field_value(e, "empty", 0, &s), "");
    ck_assert(s == 0.0 && signbit(s));
    /* layers: order, spans, labels NULL vs "", scores */
    ck_assert_uint_eq(galley_doc_nlayers(e), 3);
    ck_assert_str_eq(galley_doc_layer_name(e, 0), "sentence");
    const galley_span *sp = galley_doc_layer(e, "sentence", &n);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(sp[0].label, "dateline");
    ck_assert_ptr_null(sp[1].label);
    ck_assert_uint_eq(sp[1].start, 21);
    ck_assert_uint_eq(sp[1].end, 38);
    sp = galley_doc_layer(e, "entity", &n);
    ck_assert_uint_eq(n, 2);
    ck_assert(sp[1].score == 1e-300);
    sp = galley_doc_layer(e, "quote", &n);
    ck_assert_str_eq(sp[0].label, "");
    /* and the same bytes again */
    encode(e, &b);
    ck_assert_uint_eq(a.len, b.len);
    ck_assert(memcmp(a.data, b.data, a.len) == 0);
    galley__buf_free(&a);
    galley__buf_free(&b);
    galley_doc_free(d);
    galley_doc_free(e);
}
END_TEST

START_TEST(empty_document)
{
    galley_doc *d = galley_doc_new();
    galley_buf a;
    encode(d, &a);
    char err[256];
    galley_doc *e = galley__docwire_decode(a.data, a.len, err, sizeof err);
    ck_assert_msg(e != NULL, "%s", err);
    ck_assert_str_eq(galley_doc_id(e), "");
    ck_assert_ptr_null(galley_doc_error(e));
    ck_assert_ptr_null(galley_doc_token(e));
    ck_assert_uint_eq(galley_doc_nkeys(e) + galley_doc_nlayers(e), 0);
    galley__buf_free(&a);
    galley_doc_free(d);
    galley_doc_free(e);
}
END_TEST

START_TEST(damaged_input_is_refused)
{
    galley_doc *d = sample();
    galley_buf a;
    encode(d, &a);
    char err[256];
    /* every prefix is cut short somewhere */
    for (size_t len = 0; len < a.len; len++) {
        err[0] = '\0';
        galley_doc *e = galley__docwire_decode(a.data, len, err, sizeof err);
        ck_assert_msg(e == NULL, "a prefix of %zu of %zu bytes decoded", len, a.len);
        ck_assert_msg(err[0] != '\0', "no message for a prefix of %zu bytes", len);
    }
    /* bytes left over */
    galley__buf_add(&a, "x", 1);
    ck_assert_ptr_null(galley__docwire_decode(a.data, a.len, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "left over"));
    a.len--;
    /* another version */
    a.data[4] = 2;
    ck_assert_ptr_null(galley__docwire_decode(a.data, a.len, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "version 2"));
    a.data[4] = 1;
    /* a huge length must not be trusted: the id's length field */
    memset(a.data + 16, 0xfe, 4);
    ck_assert_ptr_null(galley__docwire_decode(a.data, a.len, err, sizeof err));
    galley__buf_free(&a);
    galley_doc_free(d);
}
END_TEST

START_TEST(span_outside_text_is_refused)
{
    galley_doc *d = galley_doc_new();
    galley_doc_set_text(d, "short", 5);
    galley_doc_add_span(d, "sentence", 0, 5, NULL, GALLEY_NO_SCORE);
    galley_buf a;
    encode(d, &a);
    /* the span's end is the last layer's first u64 after start: find it by
     * its value 5 after the start 0, and make it 6 */
    size_t end_at = a.len - 8 - 4 - 8;     /* ... end(8) label(4: absent) score(8) */
    ck_assert(a.data[end_at] == 5);
    a.data[end_at] = 6;
    char err[256];
    ck_assert_ptr_null(galley__docwire_decode(a.data, a.len, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "span"));
    galley__buf_free(&a);
    galley_doc_free(d);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("docwire");
    TCase *tc = tcase_create("docwire");
    tcase_add_test(tc, round_trip_keeps_everything);
    tcase_add_test(tc, empty_document);
    tcase_add_test(tc, damaged_input_is_refused);
    tcase_add_test(tc, span_outside_text_is_refused);
    suite_add_tcase(s, tc);
    return ck_run(s);
}
