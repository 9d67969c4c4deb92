/* core/testing.c - galley/testing.h: one plugin, options checked as in a
 * config, driven without dlopen, for plugin authors' unit tests. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <galley/testing.h>

#include "internal.h"

struct galley_test {
    galley_stageconf conf;
    galley_stage stage;
};

static void free_test(galley_test *t)
{
    galley__optvals_free(t->conf.vals, t->conf.nvals);
    free(t->conf.name);
    free(t->stage.error);
    free(t->stage.mark);
    free(t->stage.stop_run);
    free(t);
}

static int set_one(galley_test *t, const char *opt, char *err, size_t len)
{
    char msg[1024], hint[768];
    const char *eq = strchr(opt, '=');
    if (!eq) {
        snprintf(err, len, "option \"%s\": expected NAME=VALUE", opt);
        return -1;
    }
    galley_optval *v = NULL;
    size_t nl = (size_t)(eq - opt);
    for (size_t k = 0; k < t->conf.nvals; k++)
        if (strlen(t->conf.vals[k].opt->name) == nl &&
            strncmp(t->conf.vals[k].opt->name, opt, nl) == 0)
            v = &t->conf.vals[k];
    if (!v) {
        char *name = galley__xstrndup(opt, nl);
        galley__opt_suggest(t->conf.plugin->options, name, hint, sizeof hint);
        snprintf(err, len, "stage 'test' (%s): unknown option '%s': %s",
                 t->conf.plugin->name, name, hint);
        free(name);
        return -1;
    }
    if (galley__opt_set(v, eq + 1, NULL, 0, msg, sizeof msg) < 0) {
        snprintf(err, len, "stage 'test' (%s): %s", t->conf.plugin->name, msg);
        return -1;
    }
    v->set = 1;
    return 0;
}

galley_test *galley_test_open(const galley_plugin *p, const char *const *opts, char *err,
                              size_t len)
{
    char msg[1024];
    if (galley__plugin_check(p, msg, sizeof msg) < 0) {
        snprintf(err, len, "plugin '%s' %s", p->name ? p->name : "?", msg);
        return NULL;
    }
    galley_test *t = galley__xcalloc(1, sizeof *t);
    t->conf.name = galley__xstrdup("test");
    t->conf.plugin = p;
    t->conf.nvals = galley__opt_count(p->options);
    t->conf.vals = galley__xcalloc(t->conf.nvals + 1, sizeof *t->conf.vals);
    for (size_t i = 0; i < t->conf.nvals; i++)
        t->conf.vals[i].opt = &p->options[i];
    t->stage.conf = &t->conf;
    t->stage.workers = 1;
    for (size_t i = 0; opts && opts[i]; i++) {
        if (set_one(t, opts[i], err, len) < 0) {
            free_test(t);
            return NULL;
        }
    }
    if (galley__opt_defaults(t->conf.vals, t->conf.nvals, msg, sizeof msg) < 0) {
        snprintf(err, len, "stage 'test' (%s): %s", p->name, msg);
        free_test(t);
        return NULL;
    }
    if (p->open && p->open(&t->stage, &t->stage.state) != GALLEY_OK) {
        snprintf(err, len, "stage 'test' (%s): cannot start: %s", p->name,
                 t->stage.error ? t->stage.error : "open() failed without saying why");
        free_test(t);
        return NULL;
    }
    t->stage.opened = 1;
    return t;
}

galley_status galley_test_process(galley_test *t, galley_doc *doc)
{
    const galley_plugin *p = t->conf.plugin;
    galley__doc_clear_error(doc);
    return p->kind == GALLEY_FETCH ? p->next(t->stage.state, doc)
                                   : p->process(t->stage.state, doc);
}

galley_status galley_test_prepare(galley_test *t, galley_doc *doc)
{
    const galley_plugin *p = t->conf.plugin;
    galley_status (*prep)(void *, galley_doc *) = GALLEY__PLUGIN_FIELD(p, prepare);
    if (p->kind != GALLEY_OUTPUT || !prep)
        return GALLEY_OK;
    galley__doc_clear_error(doc);
    return prep(t->stage.state, doc);
}

int galley_test_fetch_each(galley_test *t,
                           void (*each)(galley_doc *doc, galley_status rc, void *arg),
                           void *arg)
{
    for (;;) {
        galley_doc *d = galley_doc_new();
        if (!d)
            return -1;
        galley_status rc = galley_test_process(t, d);
        if (rc != GALLEY_DONE)
            each(d, rc, arg);
        galley_doc_free(d);
        if (rc == GALLEY_DONE)
            return 0;
    }
}

galley_status galley_test_close(galley_test *t, char *err, size_t len)
{
    galley_status s = GALLEY_OK;
    const galley_plugin *p = t->conf.plugin;
    if (p->close)
        s = p->close(t->stage.state);
    if (s != GALLEY_OK && err)
        snprintf(err, len, "stage 'test' (%s): %s", p->name,
                 t->stage.error ? t->stage.error : "close() failed without saying why");
    free_test(t);
    return s;
}
