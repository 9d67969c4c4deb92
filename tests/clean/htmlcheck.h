/* tests/clean/htmlcheck.h - what the clean `html` plugin's Check tests share:
 * run the plugin on raw bytes or on a fixture page, look for text in it. */
#ifndef GALLEY_TESTS_HTMLCHECK_H
#define GALLEY_TESTS_HTMLCHECK_H

extern const galley_plugin html_LTX_galley_plugin;

#ifndef HTML_FIXTURES
# define HTML_FIXTURES GALLEY_SRCDIR "/tests/clean/html-fixtures"
#endif

static inline char *slurp(const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", HTML_FIXTURES, name);
    return ck_slurp(path, len);
}

/* runs the plugin (with options) on raw bytes; returns the status */
static inline galley_status run_raw(galley_doc *d, const char *const *opts,
                                    const char *bytes, size_t len, const char *ctype)
{
    char err[256] = "";
    galley_test *t = galley_test_open(&html_LTX_galley_plugin, opts, err, sizeof err);
    ck_assert_msg(t != NULL, "open: %s", err);
    galley_doc_set_id(d, "page");
    galley_doc_set_raw(d, bytes, len);
    if (ctype)
        galley_doc_set_content_type(d, ctype);
    galley_status st = galley_test_process(t, d);
    ck_assert_int_eq(galley_test_close(t, err, sizeof err), GALLEY_OK);
    return st;
}

static inline galley_doc *run_fixture(const char *name, galley_status want)
{
    size_t len;
    char *buf = slurp(name, &len);
    galley_doc *d = galley_doc_new();
    galley_status st = run_raw(d, NULL, buf, len, "text/html");
    free(buf);
    ck_assert_msg(st == want, "%s: status %d, error %s", name, st,
                  galley_doc_error(d) ? galley_doc_error(d) : "none");
    return d;
}

/* a page given inline, which the plugin must take (GALLEY_OK) */
static inline galley_doc *run_page(const char *page)
{
    galley_doc *d = galley_doc_new();
    ck_assert_int_eq(run_raw(d, NULL, page, strlen(page), "text/html"), GALLEY_OK);
    return d;
}

static inline const char *text_of(galley_doc *d)
{
    return galley_doc_text(d, NULL);
}

#define HAS(d, s) ck_assert_msg(strstr(text_of(d), s) != NULL, \
                                "missing \"%s\" in:\n%s", s, text_of(d))
#define HASNT(d, s) ck_assert_msg(strstr(text_of(d), s) == NULL, \
                                  "unwanted \"%s\" in:\n%s", s, text_of(d))

#endif
