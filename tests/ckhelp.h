/* tests/ckhelp.h - helpers the Check tests share: run a suite, read a file,
 * and open, run and close one plugin through galley/testing.h. */
#ifndef GALLEY_TESTS_CKHELP_H
#define GALLEY_TESTS_CKHELP_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <galley/galley.h>
#include <galley/testing.h>

/* a test program's main: runs the suite (CK_RUN etc. from the environment),
 * EXIT_SUCCESS when every test passed */
static inline int ck_run(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* the whole file, NUL-terminated; *len its size */
static inline char *ck_slurp(const char *path, size_t *len)
{
    char *buf = galley_read_file(path, len);
    ck_assert_msg(buf != NULL, "cannot read %s", path);
    return buf;
}

static inline galley_test *ck_plugin_open(const galley_plugin *p, const char *const *opts)
{
    char err[256];
    galley_test *t = galley_test_open(p, opts, err, sizeof err);
    ck_assert_msg(t != NULL, "open: %s", err);
    return t;
}

static inline void ck_plugin_close(galley_test *t)
{
    char err[256];
    ck_assert_int_eq(galley_test_close(t, err, sizeof err), GALLEY_OK);
}

/* a new doc with text, processed; the caller frees it */
static inline galley_doc *ck_plugin_run(galley_test *t, const char *text, size_t len)
{
    galley_doc *d = galley_doc_new();
    galley_doc_set_text(d, text, len);
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
    return d;
}

#endif
