/* plugins/summarize/newsrank.c - position-aware centrality for news: each
 * sentence scores by how much of the article's recurring, idf-weighted
 * content it carries (frequency centrality; centroid, PageRank and directed
 * centrality are options), a lead prior (news puts the gist first) and how
 * much of the title it restates; no training, a few interpretable weights. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <galley/galley.h>
#include "newsrank_model.h"

static const galley_option newsrank_options[] = {
    GSUM_COMMON_OPTIONS,
    { GALLEY_OPT_STRING, "scorer", "learned", 0, 0, 0,
      "learned: a linear model over each sentence's features (position, "
      "length, centrality, title overlap, quotes, numbers, the share of the "
      "article asked for), weights from `weights`; formula: the weighted sum "
      "of centrality, lead prior and title set by the options below",
      "learned|formula" },
    { GALLEY_OPT_STRING, "weights", NULL, GALLEY_OPT_PATH, 0, 0,
      "the learned scorer's weights (default: the shipped "
      "summarize/newsrank.weights, trained by bench/rouge/train.py)", NULL },
    { GALLEY_OPT_STRING, "features", NULL, GALLEY_OPT_PATH, 0, 0,
      "append each candidate's features to this file, for training "
      "(bench/rouge/train.py; one worker)", NULL },
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
    double *cent, *title, *cavg, *centroid;
    size_t cap, captitle, capavg, capcentroid;
    const nr_model *model;      /* the learned scorer, or NULL: formula */
    FILE *features;             /* training dump, or NULL */
} newsrank;

/* the learned scorer's weights and the training dump */
static galley_status open_model(newsrank *t, galley_stage *stage)
{
    const char *scorer = galley_opt_str(stage, "scorer");
    if (scorer && strcmp(scorer, "learned") == 0) {
        char path[4096];
        const char *w = galley_opt_str(stage, "weights");
        if (!w) {
            if (galley_data_path("summarize", "newsrank.weights", path, sizeof path) < 0)
                return galley_stage_fail(stage, "weights: %s (reinstall galley, set "
                                         "weights = FILE, or scorer = \"formula\")", path);
            w = path;
        }
        char *err = NULL;
        if (!(t->model = nr_model_get(w, &err))) {
            galley_stage_fail(stage, "%s", err ? err : "cannot load the weights");
            free(err);
            return GALLEY_ERROR;
        }
    }
    const char *dump = galley_opt_str(stage, "features");
    if (dump && !(t->features = fopen(dump, "a")))
        return galley_stage_fail(stage, "features: cannot open %s for appending: %s",
                                 dump, strerror(errno));
    /* a document's rows go out in one append, after it (several stages may
     * share the file) */
    if (t->features)
        setvbuf(t->features, NULL, _IOFBF, 1 << 20);
    return GALLEY_OK;
}

static galley_status nr_close(void *state);

static galley_status nr_open(galley_stage *stage, void **state)
{
    newsrank *t = gsum_state_new(stage, GSUM_RANKED, sizeof *t);
    if (!t)
        return GALLEY_ERROR;
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
    galley_status r = open_model(t, stage);
    if (r != GALLEY_OK) {
        nr_close(t);    /* the core calls close only after a successful open */
        return r;
    }
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

/* how often the article repeats each sentence's words (weighted), divided
 * by its words to the power length_norm: long sentences full of the
 * article's recurring words score high */
static void frequency(const doc_terms *d, const gsum_sent *sents, size_t n,
                      double length_norm, double *out)
{
    for (size_t i = 0; i < n; i++) {
        const gsum_sent *x = &sents[i];
        double f = 0;
        for (size_t j = 0; j < x->tn; j++) {
            const gsum_term *tm = &d->terms[x->t0 + j];
            f += tm->tf * (d->doctf[tm->id] - tm->tf) * d->tw[tm->id];
        }
        double w = x->words < 8 ? 8.0 : (double)x->words;
        out[i] = length_norm > 0 ? f / pow(w, length_norm) : f;
    }
}

/* PageRank or directed degree centrality into t->cent (not for centroid) */
static int graph_centrality(newsrank *t, const doc_terms *d, gsum_sent *sents, size_t n)
{
    gsum *g = t->g;
    if (t->centrality == CENT_FREQUENCY || t->model) {
        frequency(d, sents, n, t->length_norm, t->cent);
        return 0;
    }
    if (t->centrality == CENT_CENTROID)
        return 0;
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
    if ((t->centrality == CENT_BM25 ? gsum_bm25_matrix(g, w)
                                    : gsum_cosine_matrix(g, w, -INFINITY, 1)) < 0
        || gsum_pagerank(g, w, n, GSUM_DAMPING) < 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        t->cent[i] = sents[i].score;
    return 0;
}

static double max_of(const double *v, size_t n)
{
    double m = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i] > m)
            m = v[i];
    return m;
}

static double share(double v, double max)
{
    return max > 0 ? v / max : 0;
}

/* the learned scorer: each candidate's features through the linear model,
 * shifted so the lowest scores 0 (gsum_select divides by the highest) */
static int learned_scores(newsrank *t, galley_doc *doc, const doc_terms *d,
                          gsum_sent *sents, size_t n)
{
    if (galley_reserve(&t->cavg, &t->capavg, n, sizeof *t->cavg) < 0)
        return -1;
    frequency(d, sents, n, 1.0, t->cavg);
    double mc = max_of(t->cent, n), ma = max_of(t->cavg, n),
           mo = max_of(t->centroid, n), mt = max_of(t->title, n), lo = 0;
    size_t k = gsum_target(t->g, n), len = 0;
    const char *text = galley_doc_text(doc, &len);
    double f[NR_NFEAT];
    for (size_t i = 0; i < n; i++) {
        nr_scores sc = { share(t->cent[i], mc), share(t->cavg[i], ma),
                         share(t->centroid[i], mo), share(t->title[i], mt) };
        nr_features(text, &sents[i], n, k, i > 0 ? sents[i - 1].para : -1, &sc, f);
        if (t->features)
            nr_features_write(t->features, galley_doc_id(doc), text, &sents[i], f);
        sents[i].score = nr_model_score(t->model, f, k);
        if (i == 0 || sents[i].score < lo)
            lo = sents[i].score;
    }
    for (size_t i = 0; i < n; i++)
        sents[i].score -= lo;
    /* "But ...", "He said ...": never ahead of the sentence it hangs on, so
     * the greedy selection takes that one first (or neither) */
    for (size_t i = 1; i < n; i++)
        if (nr_dangling(text, &sents[i]) && sents[i].score >= sents[i - 1].score)
            sents[i].score = sents[i - 1].score * 0.999;
    if (t->features)
        fflush(t->features);
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
        galley_reserve(&t->title, &t->captitle, n, sizeof *t->title) < 0 ||
        galley_reserve(&t->centroid, &t->capcentroid, n, sizeof *t->centroid) < 0)
        return galley_doc_fail(doc, "out of memory for %zu sentences", n);
    size_t nv = gsum_vocab_size(g);
    double c2 = 0, t2 = 0;
    for (size_t v = 0; v < nv; v++) {
        double w = d.doctf[v] * d.tw[v];
        c2 += w * w;
        t2 += d.title[v] * d.tw[v];
    }
    double cnorm = sqrt(c2);
    if (graph_centrality(t, &d, sents, n) < 0)
        return galley_doc_fail(doc, "out of memory for %zu sentences", n);
    for (size_t i = 0; i < n; i++) {
        features(&d, &sents[i], cnorm, t2, &t->centroid[i], &t->title[i]);
        if (t->centrality == CENT_CENTROID && !t->model)
            t->cent[i] = t->centroid[i];
    }
    if (t->model) {
        if (learned_scores(t, doc, &d, sents, n) < 0)
            return galley_doc_fail(doc, "out of memory for %zu sentences", n);
        gsum_select(g, doc);
        return GALLEY_OK;
    }
    double cmax = max_of(t->cent, n), tmax = max_of(t->title, n);
    for (size_t i = 0; i < n; i++) {
        double p = pow(1.0 + (double)sents[i].pos, -t->decay);
        sents[i].score = t->wc * share(t->cent[i], cmax) + t->wp * p +
                         t->wt * share(t->title[i], tmax);
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
        free(t->cavg);
        free(t->centroid);
        nr_model_put(t->model);
        if (t->features)
            fclose(t->features);
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
