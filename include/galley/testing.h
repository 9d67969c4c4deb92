/* galley/testing.h - run one plugin without a config or dlopen, for unit
 * tests (Check or any other framework).  Link the plugin's source into the
 * test program and pass its descriptor:
 *
 *   extern const galley_plugin lead_LTX_galley_plugin;
 *   const char *opts[] = { "sentences=2", NULL };
 *   char err[256];
 *   galley_test *t = galley_test_open(&lead_LTX_galley_plugin, opts, err, sizeof err);
 *   galley_doc *d = galley_doc_new();
 *   galley_doc_set_text(d, "One. Two. Three.", 16);
 *   ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
 *   ...
 *   galley_doc_free(d);
 *   galley_test_close(t, err, sizeof err);
 */
#ifndef GALLEY_TESTING_H
#define GALLEY_TESTING_H

#include <stddef.h>
#include <galley/plugin.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct galley_test galley_test;

/* Validates options ("name=value" strings, NULL-terminated; NULL for none)
 * against the plugin's table exactly as a config file is validated, then
 * calls open() as worker 0 of 1.  NULL on failure, with the message in err
 * (the same text galley would print). */
galley_test *galley_test_open(const galley_plugin *plugin,
                              const char *const *options,
                              char *err, size_t errlen);
/* process() for transforms and outputs, next() for fetch plugins.  The doc's
 * failure message (galley_doc_error) is kept for inspection. */
galley_status galley_test_process(galley_test *t, galley_doc *doc);
/* For an output: its prepare() step (ABI 1.2), as a worker runs it before
 * the output thread's process(); GALLEY_OK when the plugin has none. */
galley_status galley_test_prepare(galley_test *t, galley_doc *doc);
/* For a fetch plugin: next() until it says GALLEY_DONE, each document in a
 * fresh doc handed to each(doc, status, arg) and freed after.  0, or -1 when
 * memory for a document ran out (the plugin was not asked further). */
int galley_test_fetch_each(galley_test *t,
                           void (*each)(galley_doc *doc, galley_status rc, void *arg),
                           void *arg);
/* close(), then frees t.  Returns close()'s status; message in err. */
galley_status galley_test_close(galley_test *t, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif
#endif
