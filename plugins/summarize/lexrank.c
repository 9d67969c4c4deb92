/* plugins/summarize/lexrank.c - continuous LexRank (Erkan & Radev 2004):
 * idf-modified cosine between sentences, edges under a threshold dropped, the
 * rest kept with their weight, PageRank to convergence. */
#include <stdlib.h>

#include <galley/galley.h>
#include "sumcore.h"

static const galley_option lexrank_options[] = {
    GSUM_COMMON_OPTIONS,
    { GALLEY_OPT_FLOAT, "threshold", "0.02", 0, 0, 1,
      "cosine below which two sentences are not linked (0.02 suits the "
      "in-article idf; the paper's 0.1 suits a corpus idf table)", NULL },
    { GALLEY_OPT_BOOL, "continuous", "true", 0, 0, 0,
      "keep the cosine as the edge weight (false: every kept edge weighs 1)", NULL },
    GSUM_DAMPING_OPTION,
    GSUM_RANK_OPTIONS,
    { 0 }
};

typedef struct lexrank {
    gsum *g;
    double threshold, damping, redundancy;
    int continuous;
} lexrank;

static galley_status lr_open(galley_stage *stage, void **state)
{
    lexrank *t = gsum_state_new(stage, GSUM_RANKED, sizeof *t);
    if (!t)
        return GALLEY_ERROR;
    t->threshold = galley_opt_float(stage, "threshold");
    t->continuous = galley_opt_bool(stage, "continuous");
    t->damping = galley_opt_float(stage, "damping");
    *state = t;
    return GALLEY_OK;
}

static galley_status lr_process(void *state, galley_doc *doc)
{
    lexrank *t = state;
    return gsum_graph_summarize(t->g, doc, 0, t->threshold, t->continuous, t->damping);
}

GALLEY_PLUGIN(lexrank,
    .kind = GALLEY_SUMMARIZE,
    .summary = "continuous LexRank: PageRank over thresholded idf-cosine links",
    .version = "0.1",
    .license = "MIT",
    .options = lexrank_options,
    .provides = "summary",
    .open = lr_open, .process = lr_process, .close = gsum_state_close);
