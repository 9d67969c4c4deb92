/* plugins/summarize/textrank.c - TextRank (Mihalcea & Tarau 2004): a graph of
 * sentences over stemmed content words, edges weighted by tf-idf cosine or
 * BM25, PageRank to convergence, best sentences in article order. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <galley/galley.h>
#include "sumcore.h"

static const galley_option textrank_options[] = {
    GSUM_COMMON_OPTIONS,
    { GALLEY_OPT_STRING, "similarity", "bm25", 0, 0, 0,
      "edge weights: tf-idf cosine, or BM25 of one sentence as a query on the other",
      "cosine|bm25" },
    GSUM_DAMPING_OPTION,
    GSUM_RANK_OPTIONS,
    { 0 }
};

typedef struct textrank {
    gsum *g;
    int bm25;
    double damping, redundancy;
} textrank;

static galley_status tr_open(galley_stage *stage, void **state)
{
    textrank *t = gsum_state_new(stage, GSUM_RANKED, sizeof *t);
    if (!t)
        return GALLEY_ERROR;
    const char *sim = galley_opt_str(stage, "similarity");
    t->bm25 = sim && strcmp(sim, "bm25") == 0;
    t->damping = galley_opt_float(stage, "damping");
    *state = t;
    return GALLEY_OK;
}

static galley_status tr_process(void *state, galley_doc *doc)
{
    textrank *t = state;
    return gsum_graph_summarize(t->g, doc, t->bm25, -INFINITY, 1, t->damping);
}

GALLEY_PLUGIN(textrank,
    .kind = GALLEY_SUMMARIZE,
    .summary = "TextRank: PageRank over a sentence graph (tf-idf cosine or BM25)",
    .version = "0.1",
    .license = "MIT",
    .options = textrank_options,
    .provides = "summary",
    .open = tr_open, .process = tr_process, .close = gsum_state_close);
