/* tests/summarize/test_rouge.c - the bench's ROUGE scorer (bench/rouge/rouge.c)
 * against hand-computed cases. */
#include <check.h>
#include <stdlib.h>

#include "../../bench/rouge/rouge.h"
#include "../ckhelp.h"

static rouge *R;

static void setup(void) { R = rouge_new(); ck_assert_ptr_nonnull(R); }
static void teardown(void) { rouge_free(R); }

static rouge_result score1(const char *cand, const char *ref)
{
    rouge_result res;
    ck_assert_int_eq(rouge_score(R, &cand, 1, &ref, 1, &res), 0);
    return res;
}

START_TEST(police_gunman)
{
    /* police, the, gunman match: P 3/4, R 3/7; one bigram ("the gunman") of
     * 3 and 6; LCS "the gunman" = 2 of 4 and 7 */
    rouge_result r = score1("police killed the gunman", "the gunman was shot down by police");
    ck_assert_double_eq_tol(r.p[0], 0.75, 1e-9);
    ck_assert_double_eq_tol(r.r[0], 3.0 / 7, 1e-9);
    ck_assert_double_eq_tol(r.f[0], 2 * 0.75 * (3.0 / 7) / (0.75 + 3.0 / 7), 1e-9);
    ck_assert_double_eq_tol(r.p[1], 1.0 / 3, 1e-9);
    ck_assert_double_eq_tol(r.r[1], 1.0 / 6, 1e-9);
    ck_assert_double_eq_tol(r.p[2], 0.5, 1e-9);
    ck_assert_double_eq_tol(r.r[2], 2.0 / 7, 1e-9);
}
END_TEST

START_TEST(stems_and_case)
{
    /* "Cats" and "cat" share a Porter stem; "ran"/"runs" do not (ran is
     * too short to stem and irregular); case and punctuation are ignored */
    rouge_result r = score1("The CATS, ran!", "the cat runs");
    ck_assert_double_eq_tol(r.p[0], 2.0 / 3, 1e-9);
    ck_assert_double_eq_tol(r.r[0], 2.0 / 3, 1e-9);
    /* connected ~ connection ~ connecting under Porter */
    r = score1("connected", "connection");
    ck_assert_double_eq_tol(r.f[0], 1.0, 1e-9);
    /* tokens are alphanumeric runs: U.S. is two tokens */
    r = score1("U.S. troops", "us troops");
    ck_assert_double_eq_tol(r.p[0], 1.0 / 3, 1e-9);
    ck_assert_double_eq_tol(r.r[0], 1.0 / 2, 1e-9);
}
END_TEST

START_TEST(clipped_counts)
{
    rouge_result r = score1("the the the", "the cat");
    ck_assert_double_eq_tol(r.p[0], 1.0 / 3, 1e-9);
    ck_assert_double_eq_tol(r.r[0], 0.5, 1e-9);
    ck_assert_double_eq_tol(r.p[2], 1.0 / 3, 1e-9);
    ck_assert_double_eq_tol(r.r[2], 0.5, 1e-9);
}
END_TEST

START_TEST(union_lcs)
{
    /* Lin (2004), 3.2: r = w1..w5, c1 = w1 w2 w6 w7 w8, c2 = w1 w3 w8 w9 w5:
     * the union LCS is w1 w2 w3 w5, so R = 4/5 and P = 4/10 */
    const char *ref[] = { "w1 w2 w3 w4 w5" };
    const char *cand[] = { "w1 w2 w6 w7 w8", "w1 w3 w8 w9 w5" };
    rouge_result r;
    ck_assert_int_eq(rouge_score(R, cand, 2, ref, 1, &r), 0);
    ck_assert_double_eq_tol(r.r[2], 0.8, 1e-9);
    ck_assert_double_eq_tol(r.p[2], 0.4, 1e-9);
    /* out-of-order sentences: the union counts both LCSs, while the same
     * words as one sentence get a single LCS */
    const char *two[] = { "w4 w5", "w1 w2" };
    ck_assert_int_eq(rouge_score(R, two, 2, ref, 1, &r), 0);
    ck_assert_double_eq_tol(r.r[2], 0.8, 1e-9);
    const char *one[] = { "w4 w5 w1 w2" };
    ck_assert_int_eq(rouge_score(R, one, 1, ref, 1, &r), 0);
    ck_assert_double_eq_tol(r.r[2], 0.4, 1e-9);
    const char *rev[] = { "w5 w4 w3 w2 w1" };
    ck_assert_int_eq(rouge_score(R, rev, 1, ref, 1, &r), 0);
    ck_assert_double_eq_tol(r.r[2], 0.2, 1e-9);
    ck_assert_double_eq_tol(r.r[0], 1.0, 1e-9);
    ck_assert_double_eq_tol(r.r[1], 0.0, 1e-9);
}
END_TEST

START_TEST(bigrams_cross_sentences)
{
    const char *ref[] = { "alpha beta gamma" };
    const char *cand[] = { "alpha", "beta gamma" };
    rouge_result r;
    ck_assert_int_eq(rouge_score(R, cand, 2, ref, 1, &r), 0);
    ck_assert_double_eq_tol(r.f[1], 1.0, 1e-9);
}
END_TEST

START_TEST(empty_sides)
{
    const char *ref[] = { "something was said" };
    rouge_result r;
    ck_assert_int_eq(rouge_score(R, NULL, 0, ref, 1, &r), 0);
    for (int m = 0; m < 3; m++)
        ck_assert_double_eq(r.f[m], 0);
    const char *punct[] = { "... !!" };
    ck_assert_int_eq(rouge_score(R, punct, 1, ref, 1, &r), 0);
    ck_assert_double_eq(r.f[0], 0);
    r = score1("identical words here", "identical words here");
    for (int m = 0; m < 3; m++)
        ck_assert_double_eq_tol(r.f[m], 1.0, 1e-9);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rouge");
    TCase *tc = tcase_create("scorer");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, police_gunman);
    tcase_add_test(tc, stems_and_case);
    tcase_add_test(tc, clipped_counts);
    tcase_add_test(tc, union_lcs);
    tcase_add_test(tc, bigrams_cross_sentences);
    tcase_add_test(tc, empty_sides);
    suite_add_tcase(s, tc);
    return ck_run(s);
}
