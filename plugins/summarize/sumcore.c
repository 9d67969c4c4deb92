/* plugins/summarize/sumcore.c - the summarizer core's entry points: options,
 * per-worker state, the idf table and gsum_prepare, which runs the
 * candidates (sum_candidates.c) and terms (sum_terms.c) steps.  Compiled
 * into each summarizer module; not part of the public API. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sum_int.h"

/* ---- options ---- */

static int parse_allow(gsum *g, galley_stage *stage)
{
    const char *const *items = NULL;
    size_t n = galley_opt_list(stage, "include", &items);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(items[i], "title") == 0)
            g->allow |= GSUM_ALLOW_TITLE;
        else if (strcmp(items[i], "dateline") == 0)
            g->allow |= GSUM_ALLOW_DATELINE;
        else if (strcmp(items[i], "caption") == 0)
            g->allow |= GSUM_ALLOW_CAPTION;
        else if (strcmp(items[i], "byline") == 0)
            g->allow |= GSUM_ALLOW_BYLINE;
        else {
            galley_stage_fail(stage, "include: unknown kind '%s'; use title, "
                              "dateline, caption or byline", items[i]);
            return -1;
        }
    }
    return 0;
}

static int read_length(gsum *g, galley_stage *stage)
{
    int given = galley_opt_isset(stage, "sentences") + galley_opt_isset(stage, "ratio")
                + galley_opt_isset(stage, "words");
    if (given > 1) {
        galley_stage_fail(stage, "sentences, ratio and words each set the "
                          "summary length: give only one of them");
        return -1;
    }
    g->nsent = 3;
    if (galley_opt_isset(stage, "sentences"))
        g->nsent = (int)galley_opt_int(stage, "sentences");
    else if (galley_opt_isset(stage, "ratio")) {
        g->nsent = 0;
        g->ratio = galley_opt_float(stage, "ratio");
    } else if (galley_opt_isset(stage, "words")) {
        g->nsent = 0;
        g->words = (int)galley_opt_int(stage, "words");
    }
    g->min_words = (int)galley_opt_int(stage, "min_sentence_words");
    return 0;
}

/* Loads an idf table: lines "TERM<TAB>IDF" of already stemmed (porter)
 * terms; a line "#default<TAB>IDF" sets the idf of unknown terms. */
static galley_status load_idf(gsum *g, galley_stage *stage, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return galley_stage_fail(stage, "idf: cannot open %s: %s (doc/summarize.md "
                                 "tells how to build one, or leave idf unset)",
                                 path, strerror(errno));
    g->idf = galley_counter_new();
    if (!g->idf) {
        fclose(f);
        return galley_stage_fail(stage, "out of memory");
    }
    g->idf_default = 0;
    char line[512];
    unsigned long lineno = 0;
    galley_status st = GALLEY_OK;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *tab = strchr(line, '\t');
        if (line[0] == '\n' || (line[0] == '#' && strncmp(line, "#default\t", 9) != 0))
            continue;
        char *endp = NULL;
        double v = tab ? strtod(tab + 1, &endp) : 0;
        if (!tab || endp == tab + 1 || v < 0 || !isfinite(v)) {
            st = galley_stage_fail(stage, "%s:%lu: expected TERM<TAB>IDF (a number "
                                   ">= 0)", path, lineno);
            break;
        }
        if (strncmp(line, "#default\t", 9) == 0)
            g->idf_default = v;
        else
            galley_counter_add(g->idf, line, (size_t)(tab - line), v);
    }
    fclose(f);
    if (st == GALLEY_OK && g->idf_default <= 0) {
        /* unseen terms are rare: give them the highest idf of the table */
        for (size_t i = 0; i < galley_counter_size(g->idf); i++)
            if (galley_counter_value(g->idf, i) > g->idf_default)
                g->idf_default = galley_counter_value(g->idf, i);
    }
    return st;
}

static galley_status open_ranked(gsum *g, galley_stage *stage)
{
    g->redundancy = galley_opt_float(stage, "redundancy");
    g->stems = galley_counter_new();
    if (!g->stems)
        return galley_stage_fail(stage, "out of memory");
    /* Porter (the algorithm ROUGE uses) rather than Porter2: the summaries
     * are judged on Porter stems. */
    g->stemmer = galley_stemmer_new("porter");
    if (!g->stemmer)
        return galley_stage_fail(stage, "libstemmer has no 'porter' stemmer: "
                                 "install libstemmer0d");
    const char *idf = galley_opt_str(stage, "idf");
    if (idf && *idf)
        return load_idf(g, stage, idf);
    return GALLEY_OK;
}

gsum *gsum_new(galley_stage *stage, int kind)
{
    gsum *g = calloc(1, sizeof *g);
    if (!g) {
        galley_stage_fail(stage, "out of memory");
        return NULL;
    }
    g->kind = kind;
    if (read_length(g, stage) < 0 || parse_allow(g, stage) < 0
        || (kind == GSUM_RANKED && open_ranked(g, stage) != GALLEY_OK)) {
        gsum_free(g);
        return NULL;
    }
    return g;
}

void *gsum_state_new(galley_stage *stage, int kind, size_t size)
{
    gsum **state = calloc(1, size);
    if (!state) {
        galley_stage_fail(stage, "out of memory");
        return NULL;
    }
    if (!(*state = gsum_new(stage, kind))) {
        free(state);
        return NULL;
    }
    return state;
}

galley_status gsum_state_close(void *state)
{
    if (state) {
        gsum_free(*(gsum **)state);
        free(state);
    }
    return GALLEY_OK;
}

void gsum_free(gsum *g)
{
    if (!g)
        return;
    gsum__terms_free(g);
    free(g->sents);
    free(g->chosen);
    free(g->mat);
    free(g->pr);
    free(g->pr2);
    free(g->nzcol);
    free(g->nzval);
    free(g->nzrix);
    free(g->prd);
    free(g->post);
    free(g->post_off);
    free(g->acc);
    free(g->taken);
    free(g->maxsim);
    free(g->sim);
    free(g);
}

size_t gsum_prepare(gsum *g, galley_doc *doc)
{
    size_t len = 0;
    const char *text = galley_doc_text(doc, &len);
    g->nsents = 0;
    g->nterms = 0;
    g->post_built = 0;
    if (!text || len == 0)
        return 0;
    if (gsum__candidates(g, doc, text, len) == 0 || g->kind != GSUM_RANKED)
        return g->nsents;
    gsum__terms(g, doc, text, len);
    return g->nsents;
}

/* ---- what the summarizers read ---- */

gsum_sent *gsum_sents(gsum *g, size_t *n)
{
    *n = g->nsents;
    return g->sents;
}

const gsum_term *gsum_terms(const gsum *g)
{
    return g->terms;
}

size_t gsum_vocab_size(const gsum *g)
{
    return g->nvocab;
}

const double *gsum_term_weights(const gsum *g)
{
    return g->tw;
}

const double *gsum_doc_counts(const gsum *g)
{
    return g->doctf;
}

const double *gsum_title_marks(const gsum *g)
{
    return g->title_w;
}
