/* core/config.c - the pipeline config (libconfuse): builds the schema from the
 * loaded plugins, parses once strictly, validates every option against its
 * plugin's table, applies -o overrides and checks requires/provides.  Every
 * message reads FILE:LINE: stage 'NAME' (PLUGIN): what, and what to do. */
#include "config.h"

#include <confuse.h>
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/* isolate = true: a document may take 30 s and a worker 2 GiB (doc/config.md) */
#define DEFAULT_DOC_TIMEOUT 30
#define DEFAULT_WORKER_MEMORY 2048

/* what the parse callbacks saw, in order; bound to stages afterwards */
typedef enum { REC_OPT, REC_SEC, REC_STAGE } rec_kind;
typedef struct rec {
    rec_kind kind;
    cfg_t *sec;             /* REC_OPT: its section; REC_SEC/STAGE: the section */
    const char *name;       /* option or section name */
    int line;
} rec;

typedef struct loader {
    galley_registry *reg;
    const char *file;
    FILE *errs;
    cfg_t *root;
    rec *recs;
    size_t nrecs;
    int nerrors;
} loader;

static loader *active;      /* the load in progress, for libconfuse callbacks */

static void add_rec(rec_kind kind, cfg_t *sec, const char *name, int line)
{
    loader *L = active;
    L->recs = galley__xrealloc(L->recs, (L->nrecs + 1) * sizeof *L->recs);
    L->recs[L->nrecs++] = (rec){ kind, sec, name, line };
}

/* line > 0: FILE:LINE:, 0: FILE:, < 0: no location */
static void report(loader *L, int line, const char *stage, const char *plugin,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void report(loader *L, int line, const char *stage, const char *plugin,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = galley__xvasprintf(fmt, ap);
    va_end(ap);
    galley_buf b = { 0 };
    if (line > 0)
        galley__buf_printf(&b, "%s:%d: ", L->file, line);
    else if (line == 0)
        galley__buf_printf(&b, "%s: ", L->file);
    else
        galley__buf_puts(&b, "galley: ");
    if (stage && plugin)
        galley__buf_printf(&b, "stage '%s' (%s): ", stage, plugin);
    else if (stage)
        galley__buf_printf(&b, "stage '%s': ", stage);
    galley__buf_puts(&b, msg);
    char *shown = galley__escape(b.data);     /* file, stage names, values: the user's */
    fprintf(L->errs, "%s\n", shown);
    free(shown);
    galley__buf_free(&b);
    free(msg);
    L->nerrors++;
}

/* ---- libconfuse callbacks ---- */

static int opt_seen(cfg_t *cfg, cfg_opt_t *opt)
{
    add_rec(REC_OPT, cfg, opt->name, cfg->line);
    return 0;
}

static int plugin_seen(cfg_t *cfg, cfg_opt_t *opt)
{
    add_rec(REC_OPT, cfg, opt->name, cfg->line);
    return 0;
}

static int sec_seen(cfg_t *cfg, cfg_opt_t *opt)
{
    cfg_t *sec = cfg_opt_getnsec(opt, cfg_opt_size(opt) - 1);
    add_rec(REC_SEC, sec, opt->name, sec ? sec->line : cfg->line);
    return 0;
}

static int stage_seen(cfg_t *cfg, cfg_opt_t *opt)
{
    cfg_t *sec = cfg_opt_getnsec(opt, cfg_opt_size(opt) - 1);
    add_rec(REC_STAGE, sec, opt->name, sec ? sec->line : cfg->line);
    return 0;
}

static const char *current_stage(void)
{
    cfg_opt_t *o = active && active->root ? cfg_getopt(active->root, "stage") : NULL;
    unsigned n = o ? cfg_opt_size(o) : 0;
    cfg_t *s = n ? cfg_opt_getnsec(o, n - 1) : NULL;
    return s ? cfg_title(s) : NULL;
}

/* the options a plugin name takes (the first plugin of that name) */
static void name_suggest(const char *plugin, const char *bad, char *out, size_t len)
{
    const galley_registry *r = active->reg;
    for (size_t i = 0; i < r->nmods; i++) {
        const galley_plugin *p = r->mods[i].plugin;
        if (p && strcmp(p->name, plugin) == 0) {
            galley__opt_suggest(p->options, bad, out, len);
            return;
        }
    }
    snprintf(out, len, "no options are known");
}

/* libconfuse hands its own printf format and arguments */
static void on_cfg_error(cfg_t *cfg, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
static void on_cfg_error(cfg_t *cfg, const char *fmt, va_list ap)
{
    loader *L = active;
    char msg[1024], bad[256], hint[768];
    vsnprintf(msg, sizeof msg, fmt, ap);
    int line = cfg ? cfg->line : -1;
    if (sscanf(msg, "no such option '%255[^']'", bad) == 1 && cfg) {
        if (strcmp(cfg->name, "root") == 0) {
            report(L, line, NULL, NULL, "unknown setting '%s': the top level takes "
                   "workers, on_error, checkpoint_docs, checkpoint_seconds, state, isolate, "
                   "doc_timeout, worker_memory and stage \"NAME\" { ... }", bad);
        } else if (strcmp(cfg->name, "stage") == 0) {
            /* the section of a plugin whose module was refused or failed:
             * say why, not that the name is unknown */
            const char *why = L->reg ? galley__registry_why(L->reg, bad) : NULL;
            if (why)
                report(L, line, cfg_title(cfg), NULL, "plugin '%s' cannot be used: %s", bad, why);
            else
                report(L, line, cfg_title(cfg), NULL, "unknown setting or plugin '%s': a stage "
                       "takes plugin = \"NAME\" and the plugin's options in a section named "
                       "after it ('galley plugins' lists plugins)", bad);
        } else {
            name_suggest(cfg->name, bad, hint, sizeof hint);
            report(L, line, current_stage(), cfg->name, "unknown option '%s': %s", bad, hint);
        }
        return;
    }
    report(L, line, current_stage(), NULL, "%s", msg);
}

/* ---- schema ---- */

typedef struct schema {
    cfg_opt_t *root;
    cfg_opt_t *stage;
} schema;

/* adds plugin p's options to a section's option array (names not there yet) */
static cfg_opt_t *add_plugin_opts(cfg_opt_t *opts, const galley_plugin *p)
{
    size_t no = 0;
    while (opts && opts[no].name)
        no++;
    size_t add = galley__opt_count(p->options);
    opts = galley__xrealloc(opts, (no + add + 1) * sizeof *opts);
    for (size_t j = 0; j < add; j++) {
        const galley_option *o = &p->options[j];
        int dup = 0;
        for (size_t m = 0; m < no; m++)
            dup |= strcmp(opts[m].name, o->name) == 0;
        if (dup)
            continue;
        /* every value is read as text and checked by the plugin's table, so
         * -o overrides and config values get the same checks and messages */
        if (o->type == GALLEY_OPT_LIST)
            opts[no] = (cfg_opt_t)CFG_STR_LIST(o->name, NULL, CFGF_NODEFAULT);
        else
            opts[no] = (cfg_opt_t)CFG_STR(o->name, NULL, CFGF_NODEFAULT);
        opts[no++].validcb = opt_seen;
    }
    opts[no] = (cfg_opt_t)CFG_END();
    return opts;
}

static void build_schema(const galley_registry *r, schema *S)
{
    S->stage = galley__xcalloc(r->nmods + 2, sizeof *S->stage);
    size_t ns = 0;
    S->stage[ns] = (cfg_opt_t)CFG_STR("plugin", NULL, CFGF_NODEFAULT);
    S->stage[ns++].validcb = plugin_seen;
    for (size_t i = 0; i < r->nmods; i++) {
        const galley_plugin *p = r->mods[i].plugin;
        if (!p)
            continue;
        size_t k;
        for (k = 1; k < ns; k++)
            if (strcmp(S->stage[k].name, p->name) == 0)
                break;
        /* plugins sharing a name (clean/html, output/html) share a section;
         * each stage's own plugin table is checked after the parse */
        if (k < ns) {
            S->stage[k].subopts = add_plugin_opts(S->stage[k].subopts, p);
            continue;
        }
        S->stage[ns] = (cfg_opt_t)CFG_SEC(p->name, add_plugin_opts(NULL, p), CFGF_NONE);
        S->stage[ns++].validcb = sec_seen;
    }
    S->stage[ns] = (cfg_opt_t)CFG_END();
    S->root = galley__xcalloc(10, sizeof *S->root);
    S->root[0] = (cfg_opt_t)CFG_INT("workers", 0, CFGF_NONE);
    S->root[1] = (cfg_opt_t)CFG_STR("on_error", "skip", CFGF_NONE);
    S->root[2] = (cfg_opt_t)CFG_INT("checkpoint_docs", GALLEY__CHECKPOINT_DOCS, CFGF_NONE);
    S->root[3] = (cfg_opt_t)CFG_INT("checkpoint_seconds", GALLEY__CHECKPOINT_SECONDS,
                                    CFGF_NONE);
    S->root[4] = (cfg_opt_t)CFG_BOOL("isolate", cfg_false, CFGF_NONE);
    S->root[5] = (cfg_opt_t)CFG_INT("doc_timeout", DEFAULT_DOC_TIMEOUT, CFGF_NONE);
    S->root[6] = (cfg_opt_t)CFG_INT("worker_memory", DEFAULT_WORKER_MEMORY, CFGF_NONE);
    S->root[7] = (cfg_opt_t)CFG_STR("state", "", CFGF_NONE);
    S->root[8] = (cfg_opt_t)CFG_SEC("stage", S->stage,
                                    CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES);
    S->root[8].validcb = stage_seen;
    S->root[9] = (cfg_opt_t)CFG_END();
}

static void free_schema(schema *S)
{
    for (size_t i = 1; S->stage && S->stage[i].name; i++)
        free(S->stage[i].subopts);
    free(S->stage);
    free(S->root);
}

/* ---- one stage ---- */

static galley_optval *find_val(galley_stageconf *s, const char *name)
{
    for (size_t i = 0; i < s->nvals; i++)
        if (strcmp(s->vals[i].opt->name, name) == 0)
            return &s->vals[i];
    return NULL;
}

static void take_option(loader *L, galley_stageconf *s, cfg_t *sec, const rec *r)
{
    char err[1024], hint[768];
    galley_optval *v = find_val(s, r->name);
    if (!v) {
        galley__opt_suggest(s->plugin->options, r->name, hint, sizeof hint);
        report(L, r->line, s->name, s->plugin->name, "unknown option '%s': %s", r->name, hint);
        return;
    }
    cfg_opt_t *o = cfg_getopt(sec, r->name);
    unsigned n = o ? cfg_opt_size(o) : 0;
    int rc;
    if (v->opt->type == GALLEY_OPT_LIST) {
        const char **items = galley__xmalloc((n + 1) * sizeof *items);
        for (unsigned i = 0; i < n; i++)
            items[i] = cfg_opt_getnstr(o, i);
        rc = galley__opt_set(v, NULL, items, n, err, sizeof err);
        free(items);
    } else {
        const char *text = n ? cfg_opt_getnstr(o, 0) : "";
        rc = galley__opt_set(v, text ? text : "", NULL, 0, err, sizeof err);
    }
    if (rc < 0) {
        report(L, r->line, s->name, s->plugin->name, "%s", err);
        return;
    }
    v->set = 1;
    v->line = r->line;
    free(v->file);
    v->file = galley__xstrdup(L->file);
}

/* binds the records of one stage (those since the previous REC_STAGE) */
static void take_stage(loader *L, galley_stageconf *s, cfg_t *stage, size_t from, size_t to)
{
    char err[1024];
    s->name = galley__xstrdup(cfg_title(stage));
    /* libconfuse gives a section the line where it ended; the plugin = line
     * is where a reader looks for the stage */
    s->line = stage->line;
    for (size_t i = from; i < to; i++)
        if (L->recs[i].kind == REC_OPT && L->recs[i].sec == stage &&
            strcmp(L->recs[i].name, "plugin") == 0)
            s->line = L->recs[i].line;
    s->file = galley__xstrdup(L->file);
    const char *ref = cfg_getstr(stage, "plugin");
    if (!ref) {
        report(L, s->line, s->name, NULL, "no plugin: add plugin = \"NAME\" "
               "('galley plugins' lists them)");
        return;
    }
    const galley_module *m = galley__registry_find(L->reg, ref, err, sizeof err);
    if (!m) {
        report(L, s->line, s->name, NULL, "%s", err);
        return;
    }
    s->module = m;
    s->plugin = m->plugin;
    s->nvals = galley__opt_count(s->plugin->options);
    s->vals = galley__xcalloc(s->nvals + 1, sizeof *s->vals);
    for (size_t i = 0; i < s->nvals; i++)
        s->vals[i].opt = &s->plugin->options[i];
    for (size_t i = from; i < to; i++) {
        const rec *r = &L->recs[i];
        if (r->kind != REC_SEC)
            continue;
        if (strcmp(r->name, s->plugin->name) != 0) {
            report(L, r->line, s->name, s->plugin->name, "options for plugin '%s', but this "
                   "stage's plugin is '%s': rename the section to %s { ... }",
                   r->name, s->plugin->name, s->plugin->name);
            continue;
        }
        for (size_t j = from; j < i; j++)
            if (L->recs[j].kind == REC_OPT && L->recs[j].sec == r->sec)
                take_option(L, s, r->sec, &L->recs[j]);
    }
}

/* ---- pipeline checks ---- */

static int in_words(const char *words, const char *what)
{
    size_t wl = strlen(what);
    while (words && *words) {
        while (*words == ' ')
            words++;
        size_t k = strcspn(words, " ");
        if (k == wl && strncmp(words, what, wl) == 0)
            return 1;
        words += k;
    }
    return 0;
}

static int provided(const galley_pipeline *p, size_t upto, const char *what)
{
    /* what every document has from the start */
    if (in_words("id source raw text content_type", what))
        return 1;
    for (size_t i = 0; i < upto; i++)
        if (p->stages[i].plugin && in_words(p->stages[i].plugin->provides, what))
            return 1;
    return 0;
}

static const char *who_provides(const galley_registry *r, const char *what)
{
    for (size_t i = 0; i < r->nmods; i++) {
        const galley_plugin *p = r->mods[i].plugin;
        if (p && in_words(p->provides, what))
            return p->name;
    }
    return NULL;
}

static void check_requires(loader *L, const galley_pipeline *p)
{
    for (size_t i = 0; i < p->nstages; i++) {
        const galley_stageconf *s = &p->stages[i];
        const char *rq = s->plugin->requires;
        while (rq && *rq) {
            while (*rq == ' ')
                rq++;
            size_t k = strcspn(rq, " ");
            if (k == 0)
                break;
            char *what = galley__xstrndup(rq, k);
            if (!provided(p, i, what)) {
                const char *by = who_provides(L->reg, what);
                char hint[256] = "";
                if (by)
                    snprintf(hint, sizeof hint, " (plugin '%s' provides it)", by);
                report(L, s->line, s->name, s->plugin->name, "needs '%s', which no earlier "
                       "stage provides: add a stage before it that does%s", what, hint);
            }
            free(what);
            rq += k;
        }
    }
}

static void check_shape(loader *L, const galley_pipeline *p)
{
    if (p->nstages == 0) {
        report(L, 0, NULL, NULL, "no stages: a pipeline needs a stage that fetches "
               "(e.g. plugin = \"dir\") and one that outputs (e.g. plugin = \"jsonl\")");
        return;
    }
    size_t outputs = 0;
    for (size_t i = 0; i < p->nstages; i++) {
        const galley_stageconf *s = &p->stages[i];
        galley_kind k = s->plugin->kind;
        if (i == 0 && k != GALLEY_FETCH)
            report(L, s->line, s->name, s->plugin->name, "is a %s plugin, but the first "
                   "stage must fetch documents (e.g. plugin = \"dir\")", galley__kind_name(k));
        if (i > 0 && k == GALLEY_FETCH)
            report(L, s->line, s->name, s->plugin->name, "a pipeline has one fetch stage, "
                   "and it comes first");
        if (k == GALLEY_OUTPUT)
            outputs++;
        else if (outputs && k != GALLEY_FETCH)
            report(L, s->line, s->name, s->plugin->name, "comes after an output stage: "
                   "output stages go last");
    }
    if (outputs == 0)
        report(L, 0, NULL, NULL, "no output stage: add e.g. stage \"output\" "
               "{ plugin = \"jsonl\" }");
}

static void finish_stage(loader *L, galley_stageconf *s)
{
    char err[1024];
    if (galley__opt_defaults(s->vals, s->nvals, err, sizeof err) < 0)
        report(L, s->line, s->name, s->plugin->name, "%s", err);
    galley__opt_resolve_paths(s->vals, s->nvals);
}

/* the top level's integer settings, checked alike in the file and in -o */
#define STR_(x) #x
#define STR(x) STR_(x)
typedef struct global_int {
    const char *name;
    long min, max;
    size_t offset;          /* in galley_pipeline */
    const char *range;      /* for messages */
} global_int;

static const global_int global_ints[] = {
    { "workers", 0, 1024, offsetof(galley_pipeline, workers),
      "an integer from 0 (one per CPU) to 1024" },
    { "doc_timeout", 0, 86400, offsetof(galley_pipeline, doc_timeout),
      "an integer from 0 (no limit) to 86400 seconds" },
    { "worker_memory", 0, 1048576, offsetof(galley_pipeline, worker_memory),
      "an integer from 0 (no limit) or 64 to 1048576 MiB" },
    { "checkpoint_docs", 0, GALLEY__CHECKPOINT_MAX, offsetof(galley_pipeline, checkpoint_docs),
      "an integer from 0 (off) to " STR(GALLEY__CHECKPOINT_MAX) },
    { "checkpoint_seconds", 0, GALLEY__CHECKPOINT_MAX,
      offsetof(galley_pipeline, checkpoint_seconds),
      "an integer from 0 (off) to " STR(GALLEY__CHECKPOINT_MAX) },
};

static const global_int *find_global_int(const char *key)
{
    for (size_t i = 0; i < sizeof global_ints / sizeof *global_ints; i++)
        if (strcmp(global_ints[i].name, key) == 0)
            return &global_ints[i];
    return NULL;
}

/* sets it, or returns -1 when v is out of its range */
static int take_global_int(galley_pipeline *p, const global_int *g, long v)
{
    if (v < g->min || v > g->max || (g->offset == offsetof(galley_pipeline, worker_memory) &&
                                     v > 0 && v < 64))
        return -1;
    *(long *)(void *)((char *)p + g->offset) = v;
    return 0;
}

static int set_global(loader *L, galley_pipeline *p, const char *ov, const char *key,
                      const char *val)
{
    const global_int *g = find_global_int(key);
    if (g) {
        char *end;
        long v = strtol(val, &end, 10);
        if (*end || end == val || take_global_int(p, g, v) < 0) {
            report(L, -1, NULL, NULL, "-o %s: %s wants %s", ov, key, g->range);
            return -1;
        }
        return 0;
    }
    if (strcmp(key, "isolate") == 0) {
        if (strcmp(val, "true") != 0 && strcmp(val, "false") != 0) {
            report(L, -1, NULL, NULL, "-o %s: isolate is true or false", ov);
            return -1;
        }
        p->isolate = strcmp(val, "true") == 0;
        return 0;
    }
    if (strcmp(key, "on_error") == 0) {
        if (strcmp(val, "skip") != 0 && strcmp(val, "abort") != 0) {
            report(L, -1, NULL, NULL, "-o %s: on_error is skip or abort", ov);
            return -1;
        }
        p->abort_on_error = strcmp(val, "abort") == 0;
        return 0;
    }
    if (strcmp(key, "state") == 0) {
        free(p->state);
        p->state = *val ? galley__xstrdup(val) : NULL;
        return 0;
    }
    report(L, -1, NULL, NULL, "-o %s: expected STAGE.OPTION=VALUE, or workers=N, "
           "on_error=skip|abort, checkpoint_docs=N, checkpoint_seconds=N, "
           "isolate=true|false, doc_timeout=SECONDS, worker_memory=MIB or state=FILE", ov);
    return -1;
}

static galley_stageconf *find_stage(galley_pipeline *p, const char *name)
{
    /* "@fetch" names the first stage: galley run PATH and --shard use it */
    if (strcmp(name, "@fetch") == 0)
        return p->nstages ? &p->stages[0] : NULL;
    for (size_t i = 0; i < p->nstages; i++)
        if (strcmp(p->stages[i].name, name) == 0)
            return &p->stages[i];
    return NULL;
}

static int apply_override(loader *L, galley_pipeline *p, const char *ov)
{
    char err[1024], hint[768];
    const char *eq = strchr(ov, '=');
    if (!eq) {
        report(L, -1, NULL, NULL, "-o %s: expected STAGE.OPTION=VALUE", ov);
        return -1;
    }
    char *key = galley__xstrndup(ov, (size_t)(eq - ov));
    char *dot = strchr(key, '.');
    int rc = -1;
    if (!dot) {
        rc = set_global(L, p, ov, key, eq + 1);
        free(key);
        return rc;
    }
    *dot = '\0';
    const char *oname = dot + 1;
    galley_stageconf *s = find_stage(p, key);
    if (!s) {
        galley_buf b = { 0 };
        for (size_t i = 0; i < p->nstages; i++)
            galley__buf_printf(&b, "%s'%s'", i ? ", " : "", p->stages[i].name);
        report(L, -1, NULL, NULL, "-o %s: no stage '%s'; the stages are %s", ov, key,
               b.data ? b.data : "(none)");
        galley__buf_free(&b);
    } else if (s->plugin) {
        galley_optval *v = find_val(s, oname);
        if (!v) {
            galley__opt_suggest(s->plugin->options, oname, hint, sizeof hint);
            report(L, -1, s->name, s->plugin->name, "-o %s: unknown option '%s': %s",
                   strncmp(ov, "@fetch.", 7) ? ov : ov + 7, oname, hint);
        } else if (galley__opt_set(v, eq + 1, NULL, 0, err, sizeof err) < 0) {
            report(L, -1, s->name, s->plugin->name, "-o %s: %s", ov, err);
        } else {
            v->set = 1;
            v->line = 0;
            free(v->file);
            v->file = NULL;     /* relative to the working directory */
            rc = 0;
        }
    }
    free(key);
    return rc;
}

/* ---- the load ---- */

static void take_root(loader *L, galley_pipeline *p, cfg_t *cfg)
{
    const char *oe = cfg_getstr(cfg, "on_error");
    for (size_t i = 0; i < sizeof global_ints / sizeof *global_ints; i++) {
        long v = cfg_getint(cfg, global_ints[i].name);
        if (take_global_int(p, &global_ints[i], v) < 0)
            report(L, 0, NULL, NULL, "%s = %ld: wants %s", global_ints[i].name, v,
                   global_ints[i].range);
    }
    p->isolate = cfg_getbool(cfg, "isolate") != 0;
    if (strcmp(oe, "skip") != 0 && strcmp(oe, "abort") != 0)
        report(L, 0, NULL, NULL, "on_error = \"%s\": wants \"skip\" or \"abort\"", oe);
    p->abort_on_error = strcmp(oe, "abort") == 0;
    const char *state = cfg_getstr(cfg, "state");
    if (state && *state)
        p->state = galley__resolve_path(p->file, state);
    size_t from = 0;
    p->stages = galley__xcalloc(L->nrecs + 1, sizeof *p->stages);
    for (size_t i = 0; i < L->nrecs; i++) {
        if (L->recs[i].kind != REC_STAGE)
            continue;
        take_stage(L, &p->stages[p->nstages++], L->recs[i].sec, from, i);
        from = i + 1;
    }
}

/* the config file's text with its comments blanked, or NULL (reported) */
static char *read_config(loader *L, size_t *len)
{
    FILE *f = fopen(L->file, "rb");
    if (!f) {
        report(L, -1, NULL, NULL, "cannot read config %s: %s", L->file, strerror(errno));
        return NULL;
    }
    galley_buf b = { 0 };
    char chunk[8192];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
        galley__buf_add(&b, chunk, k);
    int err = ferror(f) ? errno : 0;
    fclose(f);
    if (err) {
        report(L, -1, NULL, NULL, "cannot read config %s: %s", L->file, strerror(err));
        galley__buf_free(&b);
        return NULL;
    }
    if (b.len == 0)
        galley__buf_add(&b, "\n", 1);     /* fmemopen wants a size above 0 */
    int open_line;
    if (galley__config_blank_comments(b.data, b.len, &open_line) < 0) {
        report(L, open_line, NULL, NULL, "a /* comment starts here and never ends: add */");
        galley__buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return b.data;
}

static galley_pipeline *parse(loader *L)
{
    galley_pipeline *p = galley__xcalloc(1, sizeof *p);
    p->file = galley__xstrdup(L->file);
    size_t len;
    char *text = read_config(L, &len);
    FILE *f = text ? fmemopen(text, len, "r") : NULL;
    if (text && !f)
        report(L, -1, NULL, NULL, "cannot read config %s: %s", L->file, strerror(errno));
    if (!f) {
        free(text);
        return p;
    }
    galley__config_load_named(L->reg, text, len);
    schema S;
    build_schema(L->reg, &S);
    cfg_t *cfg = cfg_init(S.root, CFGF_NONE);
    cfg_set_error_function(cfg, on_cfg_error);
    L->root = cfg;
    int rc = cfg_parse_fp(cfg, f);
    if (rc == CFG_SUCCESS)
        take_root(L, p, cfg);
    else if (L->nerrors == 0)
        report(L, -1, NULL, NULL, "%s: cannot parse the config", L->file);
    L->root = NULL;
    cfg_free(cfg);
    fclose(f);
    free(text);
    free_schema(&S);
    return p;
}

galley_pipeline *galley__config_load(galley_registry *reg, const char *file,
                                     const char *const *overrides, size_t nov, FILE *errs)
{
    loader L = { .reg = reg, .file = file, .errs = errs };
    active = &L;
    galley_pipeline *p = parse(&L);
    active = NULL;
    if (L.nerrors == 0)
        for (size_t i = 0; i < nov; i++)
            apply_override(&L, p, overrides[i]);
    if (L.nerrors == 0)
        for (size_t i = 0; i < p->nstages; i++)
            finish_stage(&L, &p->stages[i]);
    if (L.nerrors == 0)
        check_shape(&L, p);
    if (L.nerrors == 0)
        check_requires(&L, p);
    free(L.recs);
    if (L.nerrors) {
        galley__pipeline_free(p);
        return NULL;
    }
    return p;
}

void galley__pipeline_free(galley_pipeline *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nstages; i++) {
        galley__optvals_free(p->stages[i].vals, p->stages[i].nvals);
        free(p->stages[i].name);
        free(p->stages[i].file);
    }
    free(p->stages);
    free(p->file);
    free(p->state);
    free(p);
}

/* ---- printing the effective config ---- */

static void print_quoted(FILE *out, const char *s)
{
    fputc('"', out);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fputc('\\', out);
        if (c == '\n')
            fputs("\\n", out);
        else if (c < 0x20 || c == 0x7f)   /* libconfuse reads \xHH back */
            fprintf(out, "\\x%02x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

static void print_value(FILE *out, const galley_optval *v)
{
    switch (v->opt->type) {
    case GALLEY_OPT_LIST:
        fputc('{', out);
        for (size_t i = 0; i < v->nlist; i++) {
            if (i)
                fputs(", ", out);
            print_quoted(out, v->list[i]);
        }
        fputc('}', out);
        break;
    case GALLEY_OPT_STRING:
        print_quoted(out, v->text);
        break;
    case GALLEY_OPT_BOOL:
        fputs(v->b ? "true" : "false", out);
        break;
    case GALLEY_OPT_INT:
        fprintf(out, "%lld", v->i);
        break;
    default:
        fprintf(out, "%g", v->f);
    }
}

void galley__config_print(const galley_pipeline *p, FILE *out)
{
    fprintf(out, "# effective configuration of %s\n", p->file);
    fprintf(out, "workers = %ld%s\n", p->workers, p->workers ? "" : "    # one per CPU");
    fprintf(out, "on_error = \"%s\"\n", p->abort_on_error ? "abort" : "skip");
    fprintf(out, "checkpoint_docs = %ld%s\n", p->checkpoint_docs,
            p->checkpoint_docs ? "" : "    # only at the end");
    fprintf(out, "checkpoint_seconds = %ld%s\n", p->checkpoint_seconds,
            p->checkpoint_seconds ? "" : "    # only at the end");
    if (p->state)
        fprintf(out, "state = \"%s\"\n", p->state);
    fprintf(out, "isolate = %s    # transforms in worker processes (--isolate)\n",
            p->isolate ? "true" : "false");
    fprintf(out, "doc_timeout = %ld%s\n", p->doc_timeout,
            p->doc_timeout ? "    # seconds per document, with isolate" : "    # no limit");
    fprintf(out, "worker_memory = %ld%s\n", p->worker_memory,
            p->worker_memory ? "    # MiB per worker process, with isolate" : "    # no limit");
    for (size_t i = 0; i < p->nstages; i++) {
        const galley_stageconf *s = &p->stages[i];
        fprintf(out, "\nstage \"%s\" {\n  plugin = \"%s/%s\"    # %s\n", s->name,
                galley__kind_name(s->plugin->kind), s->plugin->name,
                s->plugin->summary ? s->plugin->summary : "");
        if (s->nvals == 0) {
            fputs("}\n", out);
            continue;
        }
        fprintf(out, "  %s {\n", s->plugin->name);
        for (size_t k = 0; k < s->nvals; k++) {
            const galley_optval *v = &s->vals[k];
            if (!v->text && v->opt->type != GALLEY_OPT_LIST) {
                fprintf(out, "    # %s is not set\n", v->opt->name);
                continue;
            }
            fprintf(out, "    %s = ", v->opt->name);
            print_value(out, v);
            fputs(v->set ? "\n" : "    # default\n", out);
        }
        fputs("  }\n}\n", out);
    }
}

const char *galley__default_config(void)
{
    static char path[PATH_MAX];
    const char *env = getenv("GALLEY_CONF");
    if (env && *env)
        return env;
    if (galley__uninstalled())
        snprintf(path, sizeof path, "%s/conf/default.conf", GALLEY_SRCDIR);
    else
        snprintf(path, sizeof path, "%s/conf/default.conf", GALLEY_PKGDATADIR);
    return path;
}
