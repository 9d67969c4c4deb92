/* tests/fetch/fixtures.h - scratch directories and files for the fetch tests,
 * and a loop that runs a fetch plugin to the end collecting what it gave. */
#ifndef GALLEY_TESTS_FETCH_FIXTURES_H
#define GALLEY_TESTS_FETCH_FIXTURES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>
#include <galley/galley.h>
#include <galley/testing.h>

/* one document a fetch plugin produced */
typedef struct got {
    galley_status rc;
    char *id, *text, *error, *charset, *type, *source;
    char *charset_source, *charset_replaced, *nul_replaced;  /* fields */
    size_t text_len, raw_len;
} got;

typedef struct run {
    got *docs;
    size_t n;
} run;

static inline char *fx_strdup0(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* a fresh scratch directory (mkdtemp) */
static inline char *fx_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char *t = malloc(4096);
    snprintf(t, 4096, "%s/galley-fetch-XXXXXX", base && *base ? base : "/tmp");
    ck_assert_msg(mkdtemp(t) != NULL, "mkdtemp failed");
    return t;
}

static inline void fx_rmrf(const char *dir)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "chmod -R u+rwX '%s' 2>/dev/null; rm -rf '%s'", dir, dir);
    ck_assert_int_eq(system(cmd), 0);
}

/* writes dir/rel (parent folders made) with len bytes */
static inline void fx_write(const char *dir, const char *rel, const void *b, size_t len)
{
    char path[4096], cmd[4300];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    char *slash = strrchr(path, '/');
    *slash = '\0';
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", path);
    ck_assert_int_eq(system(cmd), 0);
    *slash = '/';
    FILE *f = fopen(path, "wb");
    ck_assert_msg(f != NULL, "cannot write %s", path);
    ck_assert_uint_eq(fwrite(b, 1, len, f), len);
    fclose(f);
}

static inline void fx_write_str(const char *dir, const char *rel, const char *s)
{
    fx_write(dir, rel, s, strlen(s));
}

/* runs the plugin to GALLEY_DONE (at most 10000 docs) */
static inline run fx_run(const galley_plugin *p, const char *const *opts)
{
    char err[512] = "";
    galley_test *t = galley_test_open(p, opts, err, sizeof err);
    ck_assert_msg(t != NULL, "open failed: %s", err);
    run r = { NULL, 0 };
    for (size_t guard = 0; guard < 10000; guard++) {
        galley_doc *d = galley_doc_new();
        galley_status rc = galley_test_process(t, d);
        if (rc == GALLEY_DONE) {
            galley_doc_free(d);
            break;
        }
        r.docs = realloc(r.docs, (r.n + 1) * sizeof *r.docs);
        got *g = &r.docs[r.n++];
        size_t tl = 0, rl = 0;
        const char *text = galley_doc_text(d, &tl);
        galley_doc_raw(d, &rl);
        g->rc = rc;
        g->id = strdup(galley_doc_id(d));
        g->source = strdup(galley_doc_source(d));
        g->text = malloc(tl + 1);
        memcpy(g->text, text, tl + 1);
        g->text_len = tl;
        g->raw_len = rl;
        g->error = fx_strdup0(galley_doc_error(d));
        g->charset = fx_strdup0(galley_doc_field(d, "charset"));
        g->charset_source = fx_strdup0(galley_doc_field(d, "charset_source"));
        g->charset_replaced = fx_strdup0(galley_doc_field(d, "charset_replaced"));
        g->nul_replaced = fx_strdup0(galley_doc_field(d, "nul_replaced"));
        g->type = strdup(galley_doc_content_type(d));
        ck_assert_msg(rc == GALLEY_OK || rc == GALLEY_ERROR, "%s: status %d", g->id, rc);
        ck_assert_msg(rc == GALLEY_OK || g->error, "%s: failed without a message", g->id);
        ck_assert_msg(rc != GALLEY_OK || galley_utf8_valid(text, tl, NULL),
                      "%s: text is not valid UTF-8", g->id);
        galley_doc_free(d);
    }
    ck_assert_int_eq(galley_test_close(t, err, sizeof err), GALLEY_OK);
    return r;
}

static inline const got *fx_find(const run *r, const char *id)
{
    for (size_t i = 0; i < r->n; i++)
        if (!strcmp(r->docs[i].id, id))
            return &r->docs[i];
    return NULL;
}

/* the doc with this id, which must be there */
static inline const got *fx_get(const run *r, const char *id)
{
    const got *g = fx_find(r, id);
    ck_assert_msg(g != NULL, "no document '%s' among %zu", id, r->n);
    return g;
}

static inline void fx_free(run *r)
{
    for (size_t i = 0; i < r->n; i++) {
        got *g = &r->docs[i];
        free(g->id);
        free(g->text);
        free(g->error);
        free(g->charset);
        free(g->charset_source);
        free(g->charset_replaced);
        free(g->nul_replaced);
        free(g->type);
        free(g->source);
    }
    free(r->docs);
    r->docs = NULL;
    r->n = 0;
}

/* "path=DIR" etc. in a static buffer array for option lists */
static inline char *fx_opt(const char *name, const char *value)
{
    size_t n = strlen(name) + strlen(value) + 2;
    char *s = malloc(n);
    snprintf(s, n, "%s=%s", name, value);
    return s;
}

#endif
