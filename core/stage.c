/* core/stage.c - option values: parsing and checking them against a plugin's
 * table (shared by config files, -o overrides and galley/testing.h), and the
 * stage API that plugins call from open(). */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

const char *galley__kind_name(galley_kind k)
{
    switch (k) {
    case GALLEY_FETCH: return "fetch";
    case GALLEY_CLEAN: return "clean";
    case GALLEY_EXTRACT: return "extract";
    case GALLEY_SUMMARIZE: return "summarize";
    case GALLEY_OUTPUT: return "output";
    }
    return "unknown";
}

size_t galley__opt_count(const galley_option *opts)
{
    size_t n = 0;
    while (opts && opts[n].type != GALLEY_OPT_END)
        n++;
    return n;
}

const char *galley__opt_type_name(galley_opt_type t)
{
    switch (t) {
    case GALLEY_OPT_STRING: return "a string";
    case GALLEY_OPT_INT: return "an integer";
    case GALLEY_OPT_FLOAT: return "a number";
    case GALLEY_OPT_BOOL: return "a boolean (true or false)";
    case GALLEY_OPT_LIST: return "a list of strings";
    default: return "nothing";
    }
}

const char *galley__opt_type_word(galley_opt_type t)
{
    switch (t) {
    case GALLEY_OPT_STRING: return "string";
    case GALLEY_OPT_INT: return "int";
    case GALLEY_OPT_FLOAT: return "float";
    case GALLEY_OPT_BOOL: return "bool";
    case GALLEY_OPT_LIST: return "list";
    default: return "?";
    }
}

static int parse_bool(const char *s, int *out)
{
    static const char *const yes[] = { "true", "yes", "on", "1" };
    static const char *const no[] = { "false", "no", "off", "0" };
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(s, yes[i]) == 0) { *out = 1; return 0; }
        if (strcasecmp(s, no[i]) == 0) { *out = 0; return 0; }
    }
    return -1;
}

static int has_range(const galley_option *o)
{
    return !(o->min == 0 && o->max == 0);
}

static int check_choice(const galley_option *o, const char *s, char *err, size_t len)
{
    if (!o->choices)
        return 0;
    const char *p = o->choices;
    size_t n = strlen(s);
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t k = bar ? (size_t)(bar - p) : strlen(p);
        if (k == n && strncmp(p, s, n) == 0)
            return 0;
        p += k + (bar ? 1 : 0);
    }
    snprintf(err, len, "option '%s' must be one of %s, not \"%s\"", o->name, o->choices, s);
    return -1;
}

static int set_number(galley_optval *v, const char *s, char *err, size_t len)
{
    const galley_option *o = v->opt;
    char *end;
    errno = 0;
    if (o->type == GALLEY_OPT_INT) {
        long long x = strtoll(s, &end, 10);
        if (*s == '\0' || *end != '\0' || errno == ERANGE) {
            snprintf(err, len, "option '%s' wants an integer, not \"%s\"", o->name, s);
            return -1;
        }
        v->i = x;
        v->f = (double)x;
    } else {
        double x = strtod(s, &end);
        if (*s == '\0' || *end != '\0' || errno == ERANGE || !isfinite(x)) {
            snprintf(err, len, "option '%s' wants a number, not \"%s\"", o->name, s);
            return -1;
        }
        v->f = x;
        v->i = (long long)x;
    }
    if (has_range(o) && (v->f < o->min || v->f > o->max)) {
        snprintf(err, len, "option '%s' is %s, out of range: it must be from %g to %g",
                 o->name, s, o->min, o->max);
        return -1;
    }
    return 0;
}

static void clear_value(galley_optval *v)
{
    free(v->text);
    for (size_t i = 0; i < v->nlist; i++)
        free(v->list[i]);
    free(v->list);
    v->text = NULL;
    v->list = NULL;
    v->nlist = 0;
    v->i = 0;
    v->f = 0;
    v->b = 0;
}

/* LIST values given as one string (from -o or a default) split on commas */
static size_t split_commas(const char *s, char ***out)
{
    size_t n = 0, cap = 4;
    char **items = galley__xmalloc(cap * sizeof *items);
    if (*s) {
        for (const char *p = s;;) {
            const char *c = strchr(p, ',');
            size_t k = c ? (size_t)(c - p) : strlen(p);
            while (k && (*p == ' ' || *p == '\t')) { p++; k--; }
            while (k && (p[k - 1] == ' ' || p[k - 1] == '\t')) k--;
            if (n == cap)
                items = galley__xrealloc(items, (cap *= 2) * sizeof *items);
            items[n++] = galley__xstrndup(p, k);
            if (!c)
                break;
            p = c + 1;
        }
    }
    *out = items;
    return n;
}

static int set_list(galley_optval *v, const char *text, const char *const *items,
                    size_t nitems, char *err, size_t len)
{
    if (items) {
        v->list = galley__xmalloc((nitems ? nitems : 1) * sizeof *v->list);
        for (size_t i = 0; i < nitems; i++)
            v->list[i] = galley__xstrdup(items[i]);
        v->nlist = nitems;
    } else {
        v->nlist = split_commas(text ? text : "", &v->list);
    }
    galley_buf b = { 0 };
    for (size_t i = 0; i < v->nlist; i++) {
        if (check_choice(v->opt, v->list[i], err, len) < 0) {
            galley__buf_free(&b);
            return -1;
        }
        galley__buf_printf(&b, "%s%s", i ? "," : "", v->list[i]);
    }
    v->text = b.data ? b.data : galley__xstrdup("");
    return 0;
}

int galley__opt_set(galley_optval *v, const char *text, const char *const *items,
                    size_t nitems, char *err, size_t len)
{
    const galley_option *o = v->opt;
    clear_value(v);
    if (o->type == GALLEY_OPT_LIST)
        return set_list(v, text, items, nitems, err, len);
    if (items) {
        snprintf(err, len, "option '%s' wants %s, not a list", o->name,
                 galley__opt_type_name(o->type));
        return -1;
    }
    v->text = galley__xstrdup(text);
    switch (o->type) {
    case GALLEY_OPT_INT:
    case GALLEY_OPT_FLOAT:
        return set_number(v, text, err, len);
    case GALLEY_OPT_BOOL:
        if (parse_bool(text, &v->b) < 0) {
            snprintf(err, len, "option '%s' wants true or false, not \"%s\"", o->name, text);
            return -1;
        }
        return 0;
    default:
        if (o->max > 0 && (double)strlen(text) > o->max) {
            snprintf(err, len, "option '%s' is longer than %g bytes", o->name, o->max);
            return -1;
        }
        return check_choice(o, text, err, len);
    }
}

int galley__opt_defaults(galley_optval *vals, size_t n, char *err, size_t len)
{
    for (size_t i = 0; i < n; i++) {
        galley_optval *v = &vals[i];
        if (v->set)
            continue;
        if (v->opt->flags & GALLEY_OPT_REQUIRED) {
            snprintf(err, len, "option '%s' is required (%s): add %s = ...",
                     v->opt->name, v->opt->help ? v->opt->help : "no default",
                     v->opt->name);
            return -1;
        }
        if (v->opt->def) {
            char e[256];
            if (galley__opt_set(v, v->opt->def, NULL, 0, e, sizeof e) < 0) {
                snprintf(err, len, "plugin bug: bad default: %s", e);
                return -1;
            }
        } else {
            clear_value(v);
        }
    }
    return 0;
}

static char *resolve(const char *file, const char *path)
{
    if (!path || !*path || path[0] == '/' || strcmp(path, "-") == 0 || !file)
        return NULL;
    const char *slash = strrchr(file, '/');
    char *dir = slash ? galley__xstrndup(file, (size_t)(slash - file)) : galley__xstrdup(".");
    /* canonical, so that the same file reads the same whatever the config's
     * spelling (conf/../examples or /abs/examples) */
    char *r = galley__xasprintf("%s/%s", *dir ? dir : "", path);
    char *real = realpath(r, NULL);
    free(dir);
    if (!real)
        return r;       /* not there (yet): an output file, say */
    free(r);
    return real;
}

char *galley__resolve_path(const char *file, const char *path)
{
    char *r = resolve(file, path);
    return r ? r : galley__xstrdup(path);
}

void galley__opt_resolve_paths(galley_optval *vals, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        galley_optval *v = &vals[i];
        if (!(v->opt->flags & GALLEY_OPT_PATH) || !v->file)
            continue;
        if (v->opt->type == GALLEY_OPT_LIST) {
            for (size_t k = 0; k < v->nlist; k++) {
                char *r = resolve(v->file, v->list[k]);
                if (r) {
                    free(v->list[k]);
                    v->list[k] = r;
                }
            }
        } else {
            char *r = resolve(v->file, v->text);
            if (r) {
                free(v->text);
                v->text = r;
            }
        }
        free(v->file);
        v->file = NULL;   /* resolved once */
    }
}

void galley__optvals_free(galley_optval *vals, size_t n)
{
    for (size_t i = 0; vals && i < n; i++) {
        clear_value(&vals[i]);
        free(vals[i].file);
    }
    free(vals);
}

void galley__opt_suggest(const galley_option *opts, const char *bad, char *out, size_t len)
{
    size_t n = galley__opt_count(opts);
    if (n == 0) {
        snprintf(out, len, "this plugin takes no options");
        return;
    }
    const char **names = galley__xmalloc(n * sizeof *names);
    galley_buf b = { 0 };
    for (size_t i = 0; i < n; i++) {
        names[i] = opts[i].name;
        galley__buf_printf(&b, "%s%s", i ? ", " : "", opts[i].name);
    }
    const char *near = galley__closest(bad, names, n);
    if (near)
        snprintf(out, len, "did you mean '%s'? valid options: %s", near, b.data);
    else
        snprintf(out, len, "valid options: %s", b.data);
    galley__buf_free(&b);
    free(names);
}

/* ---- the stage API ---- */

const char *galley_stage_name(const galley_stage *st) { return st->conf->name; }
const galley_plugin *galley_stage_plugin(const galley_stage *st) { return st->conf->plugin; }
int galley_stage_worker(const galley_stage *st) { return st->worker; }
int galley_stage_workers(const galley_stage *st) { return st->workers; }

static const galley_optval *lookup(const galley_stage *st, const char *name, galley_opt_type t)
{
    const galley_stageconf *c = st->conf;
    for (size_t i = 0; i < c->nvals; i++) {
        if (strcmp(c->vals[i].opt->name, name) != 0)
            continue;
        if (t != GALLEY_OPT_END && c->vals[i].opt->type != t &&
            !(t == GALLEY_OPT_FLOAT && c->vals[i].opt->type == GALLEY_OPT_INT))
            galley_error("plugin '%s' reads option '%s' as %s, but its table says %s",
                         c->plugin->name, name, galley__opt_type_name(t),
                         galley__opt_type_name(c->vals[i].opt->type));
        return &c->vals[i];
    }
    galley_error("plugin '%s' reads option '%s', which is not in its option table",
                 c->plugin->name, name);
    return NULL;
}

int galley_opt_isset(const galley_stage *st, const char *name)
{
    const galley_optval *v = lookup(st, name, GALLEY_OPT_END);
    return v && v->set;
}

const char *galley_opt_str(const galley_stage *st, const char *name)
{
    const galley_optval *v = lookup(st, name, GALLEY_OPT_END);
    return v ? v->text : NULL;
}

long long galley_opt_int(const galley_stage *st, const char *name)
{
    const galley_optval *v = lookup(st, name, GALLEY_OPT_INT);
    return v ? v->i : 0;
}

double galley_opt_float(const galley_stage *st, const char *name)
{
    const galley_optval *v = lookup(st, name, GALLEY_OPT_FLOAT);
    return v ? v->f : 0.0;
}

int galley_opt_bool(const galley_stage *st, const char *name)
{
    const galley_optval *v = lookup(st, name, GALLEY_OPT_BOOL);
    return v ? v->b : 0;
}

size_t galley_opt_list(const galley_stage *st, const char *name, const char *const **items)
{
    const galley_optval *v = lookup(st, name, GALLEY_OPT_LIST);
    if (items)
        *items = v ? (const char *const *)v->list : NULL;
    return v ? v->nlist : 0;
}

galley_status galley_stage_fail(galley_stage *st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    free(st->error);
    st->error = galley__xvasprintf(fmt, ap);
    va_end(ap);
    return GALLEY_ERROR;
}

void galley_stage_stop_run(galley_stage *st, const char *fmt, ...)
{
    if (st->stop_run)   /* the first reason is the one to tell */
        return;
    va_list ap;
    va_start(ap, fmt);
    st->stop_run = galley__xvasprintf(fmt, ap);
    va_end(ap);
}

int galley_stage_resuming(const galley_stage *st, const char **mark)
{
    if (mark)
        *mark = st->resuming ? st->resume_mark : NULL;
    return st->resuming;
}

void galley_stage_set_mark(galley_stage *st, const char *mark)
{
    free(st->mark);
    st->mark = mark ? galley__xstrdup(mark) : NULL;
}

/* ---- one running instance: open, process, close (threads and worker
 * processes alike) ---- */

int galley__stage_open(galley_stage *st, const galley_stageconf *c, int w, int nw)
{
    st->conf = c;
    st->worker = w;
    st->workers = nw;
    if (c->plugin->open && c->plugin->open(st, &st->state) != GALLEY_OK) {
        galley_error("stage '%s' (%s): cannot start: %s", c->name, c->plugin->name,
                     st->error ? st->error : "open() failed without saying why");
        free(st->error);
        st->error = NULL;
        return -1;
    }
    st->opened = 1;
    return 0;
}

galley_status galley__stage_process(galley_stage *st, galley_doc *doc, double *seconds)
{
    double t0 = galley__now();
    galley_status s = st->conf->plugin->process(st->state, doc);
    *seconds += galley__now() - t0;
    if (s == GALLEY_OK || s == GALLEY_SKIP)
        return s;
    if (!galley_doc_error(doc))
        galley_doc_fail(doc, "failed without saying why (a plugin bug: use galley_doc_fail)");
    return GALLEY_ERROR;
}

int galley__stage_close(galley_stage *st)
{
    int rc = 0;
    if (st->opened && st->conf->plugin->close &&
        st->conf->plugin->close(st->state) != GALLEY_OK) {
        galley_error("stage '%s' (%s): %s", st->conf->name, st->conf->plugin->name,
                     st->error ? st->error : "close() failed without saying why");
        rc = -1;
    }
    st->opened = 0;
    free(st->error);
    st->error = NULL;
    free(st->mark);
    st->mark = NULL;
    free(st->stop_run);
    st->stop_run = NULL;
    return rc;
}
