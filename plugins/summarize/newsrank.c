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
    GSUM_RANK_OPTIONS,
    { 0 }
};

enum { CENT_CENTROID, CENT_PAGERANK, CENT_DIRECTED, CENT_FREQUENCY, CENT_BM25 };

typedef struct newsrank {
    gsum *g;
    int centrality;
    double backward, length_norm;
    double wc, wp, decay, wt;
    double *cent, *title;
    size_t cap, captitle;
} newsrank;

static galley_status nr_open(galley_stage *stage, void **state)
{
    newsrank *t = calloc(1, sizeof *t);
    if (!t)
        return galley_stage_fail(stage, "out of memory");
    if (!(t->g = gsum_new(stage, GSUM_RANKED))) {
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
    *state = t;
    return GALLEY_OK;
}

/* what a sentence's features read: the doc's terms and per-term arrays */
typedef struct doc_terms {
    const gsum_term *terms;
    const double *tw, *doctf, *title;
} doc_terms;

/* cosine of sentence x to the article's centroid (term counts x weight) and
 * the idf-weighted share of the title's terms x holds */
static void features(const doc_terms *d, const gsum_sent *x, double cnorm, double tnorm,
                     double *cent, double *title)
{
    double dot = 0, tw = 0;
    for (size_t j = 0; j < x->tn; j++) {
        const gsum_term *t = &d->terms[x->t0 + j];
        double w = d->tw[t->id];
        dot += t->tf * w * d->doctf[t->id] * w;
        tw += d->title[t->id] * w;
    }
    *cent = (x->norm > 0 && cnorm > 0) ? dot / (x->norm * cnorm) : 0;
    *title = tnorm > 0 ? tw / tnorm : 0;
}

/* PageRank or directed degree centrality into t->cent (not for centroid) */
static int graph_centrality(newsrank *t, const doc_terms *d, gsum_sent *sents, size_t n)
{
    gsum *g = t->g;
    if (t->centrality == CENT_CENTROID)
        return 0;
    if (t->centrality == CENT_FREQUENCY) {
        /* how often the article repeats the sentence's words (weighted): long
         * sentences full of the article's recurring words score high */
        for (size_t i = 0; i < n; i++) {
            const gsum_sent *x = &sents[i];
            double f = 0;
            for (size_t j = 0; j < x->tn; j++) {
                const gsum_term *tm = &d->terms[x->t0 + j];
                f += tm->tf * (d->doctf[tm->id] - tm->tf) * d->tw[tm->id];
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
        if (gsum_bm25_matrix(g, w) < 0)
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
        t->cent[i] = sents[i].score;
    return 0;
}

static galley_status nr_process(void *state, galley_doc *doc)
{
    newsrank *t = state;
    gsum *g = t->g;
    size_t n = gsum_prepare(g, doc);
    gsum_sent *sents = gsum_sents(g, &n);
    doc_terms d = { gsum_terms(g), gsum_term_weights(g), gsum_doc_counts(g),
                    gsum_title_marks(g) };
    if (galley_reserve(&t->cent, &t->cap, n, sizeof *t->cent) < 0 ||
        galley_reserve(&t->title, &t->captitle, n, sizeof *t->title) < 0)
        return galley_doc_fail(doc, "out of memory for %zu sentences", n);
    size_t nv = gsum_vocab_size(g);
    double c2 = 0, t2 = 0;
    for (size_t v = 0; v < nv; v++) {
        double w = d.doctf[v] * d.tw[v];
        c2 += w * w;
        t2 += d.title[v] * d.tw[v];
    }
    double cnorm = sqrt(c2), cmax = 0, tmax = 0;
    if (graph_centrality(t, &d, sents, n) < 0)
        return galley_doc_fail(doc, "out of memory for %zu sentences", n);
    for (size_t i = 0; i < n; i++) {
        double cent;
        features(&d, &sents[i], cnorm, t2, &cent, &t->title[i]);
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
        double p = pow(1.0 + (double)sents[i].pos, -t->decay);
        sents[i].score = t->wc * c + t->wp * p + t->wt * ti;
    }
    gsum_select(g, doc);
    return GALLEY_OK;
}

static galley_status nr_close(void *state)
{
    newsrank *t = state;
    if (t) {
        gsum_free(t->g);
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
