/* plugins/summarize/newsrank.c - position-aware centrality for news: each
 * sentence scores by how much of the article's recurring, idf-weighted
 * content it carries (frequency centrality; centroid, PageRank and directed
 * centrality are options), a lead prior (news puts the gist first) and how
 * much of the title it restates; no training, a few interpretable weights. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <galley/galley.h>
#include "sumcore.h"

static const galley_option newsrank_options[] = {
    GSUM_COMMON_OPTIONS,
    { GALLEY_OPT_STRING, "centrality", "frequency", 0, 0, 0,
      "centrality: frequency (how often the article repeats the sentence's "
      "words, idf-weighted), cosine to the centroid, PageRank over the cosine "
      "graph, or directed (PACSUM-style: links to later sentences count, links "
      "to earlier ones count backward_weight)", "frequency|centroid|pagerank|bm25|directed" },
    { GALLEY_OPT_FLOAT, "backward_weight", "-0.5", 0, -10, 10,
      "directed centrality: weight of links to earlier sentences", NULL },
    { GALLEY_OPT_FLOAT, "length_norm", "0.15", 0, 0, 2,
      "frequency centrality: divide by the sentence's words to this power "
      "(0 favours long sentences, 1 scores the average word)", NULL },
    { GALLEY_OPT_FLOAT, "centrality_weight", "1.0", 0, 0, 100,
      "weight of the centrality", NULL },
    { GALLEY_OPT_FLOAT, "position_weight", "0.6", 0, 0, 100,
      "weight of the lead prior 1/(1+position)^position_decay", NULL },
    { GALLEY_OPT_FLOAT, "position_decay", "4", 0, 0, 10,
      "how fast the lead prior falls with the sentence's position", NULL },
    { GALLEY_OPT_FLOAT, "title_weight", "0.5", 0, 0, 100,
      "weight of the share of the title's words the sentence restates", NULL },
    { GALLEY_OPT_FLOAT, "redundancy", "0.3", 0, 0, 10,
      "MMR penalty per unit of cosine to a sentence already chosen", NULL },
    { GALLEY_OPT_STRING, "idf", NULL, GALLEY_OPT_PATH, 0, 0,
      "idf table (TERM<TAB>IDF, porter stems) built by bench/rouge/mkidf; "
      "default: inverse sentence frequency within the article", NULL },
    { 0 }
};

enum { CENT_CENTROID, CENT_PAGERANK, CENT_DIRECTED, CENT_FREQUENCY, CENT_BM25 };

typedef struct newsrank {
    gsum g;
    int centrality;
    double backward, length_norm;
    double wc, wp, decay, wt, redundancy;
    double *cent, *title;
    size_t cap;
} newsrank;

static galley_status nr_open(galley_stage *stage, void **state)
{
    newsrank *t = calloc(1, sizeof *t);
    if (!t)
        return galley_stage_fail(stage, "out of memory");
    if (gsum_open(&t->g, stage) != GALLEY_OK) {
        free(t);
        return GALLEY_ERROR;
    }
    const char *idf = galley_opt_str(stage, "idf");
    if (idf && *idf && gsum_load_idf(&t->g, stage, idf) != GALLEY_OK) {
        gsum_close(&t->g);
        free(t);
        return GALLEY_ERROR;
    }
    const char *c = galley_opt_str(stage, "centrality");
    t->centrality = !c || strcmp(c, "centroid") == 0 ? CENT_CENTROID
                    : strcmp(c, "pagerank") == 0 ? CENT_PAGERANK
                    : strcmp(c, "frequency") == 0 ? CENT_FREQUENCY
                    : strcmp(c, "bm25") == 0 ? CENT_BM25 : CENT_DIRECTED;
    t->backward = galley_opt_float(stage, "backward_weight");
    t->length_norm = galley_opt_float(stage, "length_norm");
    t->wc = galley_opt_float(stage, "centrality_weight");
    t->wp = galley_opt_float(stage, "position_weight");
    t->decay = galley_opt_float(stage, "position_decay");
    t->wt = galley_opt_float(stage, "title_weight");
    t->redundancy = galley_opt_float(stage, "redundancy");
    *state = t;
    return GALLEY_OK;
}

/* cosine of sentence x to the article's centroid (term counts x weight) and
 * the idf-weighted share of the title's terms x holds */
static void features(const gsum *g, const gsum_sent *x, double cnorm, double tnorm,
                     double *cent, double *title)
{
    double dot = 0, tw = 0;
    for (size_t j = 0; j < x->tn; j++) {
        const gsum_term *t = &g->terms[x->t0 + j];
        double w = g->tw[t->id];
        dot += t->tf * w * g->doctf[t->id] * w;
        tw += g->title_w[t->id] * w;
    }
    *cent = (x->norm > 0 && cnorm > 0) ? dot / (x->norm * cnorm) : 0;
    *title = tnorm > 0 ? tw / tnorm : 0;
}

/* PageRank or directed degree centrality into t->cent (not for centroid) */
static int graph_centrality(newsrank *t, size_t n)
{
    gsum *g = &t->g;
    if (t->centrality == CENT_CENTROID)
        return 0;
    if (t->centrality == CENT_FREQUENCY) {
        /* how often the article repeats the sentence's words (weighted): long
         * sentences full of the article's recurring words score high */
        for (size_t i = 0; i < n; i++) {
            const gsum_sent *x = &g->sents[i];
            double f = 0;
            for (size_t j = 0; j < x->tn; j++) {
                const gsum_term *tm = &g->terms[x->t0 + j];
                f += tm->tf * (g->doctf[tm->id] - tm->tf) * g->tw[tm->id];
            }
            double w = x->words < 8 ? 8.0 : (double)x->words;
            t->cent[i] = t->length_norm > 0 ? f / pow(w, t->length_norm) : f;
        }
        return 0;
    }
    if (t->centrality == CENT_DIRECTED) {
        for (size_t i = 0; i < n; i++)
            t->cent[i] = 0;
        double *c = gsum_row_buffer(g);
        for (size_t i = 0; i < n; i++) {
            if (!c || gsum_cosine_row(g, i, c) < 0)
                return -1;
            for (size_t j = i + 1; j < n; j++) {
                t->cent[i] += c[j];                 /* i links forward to j */
                t->cent[j] += t->backward * c[j];   /* j links back to i */
            }
        }
        double lo = 0;
        for (size_t i = 0; i < n; i++)
            if (t->cent[i] < lo)
                lo = t->cent[i];
        for (size_t i = 0; i < n; i++)
            t->cent[i] -= lo;
        return 0;
    }
    float *w = gsum_matrix(g, n);
    if (!w)
        return -1;
    if (t->centrality == CENT_BM25) {
        if (gsum_bm25_matrix(g, w, gsum_avg_words(g)) < 0)
            return -1;
    } else {
        double *c = gsum_row_buffer(g);
        for (size_t i = 0; i < n; i++) {
            if (!c || gsum_cosine_row(g, i, c) < 0)
                return -1;
            for (size_t j = i + 1; j < n; j++)
                w[i * n + j] = w[j * n + i] = (float)c[j];
        }
    }
    if (gsum_pagerank(g, w, n, 0.85) < 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        t->cent[i] = g->sents[i].score;
    return 0;
}

static galley_status nr_process(void *state, galley_doc *doc)
{
    newsrank *t = state;
    gsum *g = &t->g;
    size_t n = gsum_prepare(g, doc, 1);
    if (n > t->cap) {
        double *a = realloc(t->cent, n * sizeof *a), *b = NULL;
        if (a) {
            t->cent = a;
            b = realloc(t->title, n * sizeof *b);
        }
        if (!b)
            return galley_doc_fail(doc, "newsrank: out of memory for %zu sentences", n);
        t->title = b;
        t->cap = n;
    }
    size_t nv = g->nvocab;
    double c2 = 0, t2 = 0;
    for (size_t v = 0; v < nv; v++) {
        double w = g->doctf[v] * g->tw[v];
        c2 += w * w;
        t2 += g->title_w[v] * g->tw[v];
    }
    double cnorm = sqrt(c2), cmax = 0, tmax = 0;
    if (graph_centrality(t, n) < 0)
        return galley_doc_fail(doc, "newsrank: out of memory for %zu sentences", n);
    for (size_t i = 0; i < n; i++) {
        double cent;
        features(g, &g->sents[i], cnorm, t2, &cent, &t->title[i]);
        if (t->centrality == CENT_CENTROID)
            t->cent[i] = cent;
        if (t->cent[i] > cmax)
            cmax = t->cent[i];
        if (t->title[i] > tmax)
            tmax = t->title[i];
    }
    for (size_t i = 0; i < n; i++) {
        double c = cmax > 0 ? t->cent[i] / cmax : 0;
        double ti = tmax > 0 ? t->title[i] / tmax : 0;
        double p = pow(1.0 + (double)g->sents[i].pos, -t->decay);
        g->sents[i].score = t->wc * c + t->wp * p + t->wt * ti;
    }
    gsum_select(g, doc, t->redundancy, 0.9);
    return GALLEY_OK;
}

static galley_status nr_close(void *state)
{
    newsrank *t = state;
    if (t) {
        gsum_close(&t->g);
        free(t->cent);
        free(t->title);
        free(t);
    }
    return GALLEY_OK;
}

GALLEY_PLUGIN(newsrank,
    .kind = GALLEY_SUMMARIZE,
    .summary = "position-aware centrality for news (word frequency + lead prior + title)",
    .version = "0.1",
    .license = "MIT",
    .options = newsrank_options,
    .provides = "summary",
    .open = nr_open, .process = nr_process, .close = nr_close);
