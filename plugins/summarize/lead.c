/* plugins/summarize/lead.c - the Lead-N baseline: the first N body sentences
 * (never the title, datelines, captions, bylines, links or footers). */
#include <stdlib.h>

#include <galley/galley.h>
#include "sumcore.h"

static const galley_option lead_options[] = {
    GSUM_COMMON_OPTIONS,
    { 0 }
};

static galley_status lead_open(galley_stage *stage, void **state)
{
    gsum *g = calloc(1, sizeof *g);
    if (!g)
        return galley_stage_fail(stage, "out of memory");
    if (gsum_open(g, stage) != GALLEY_OK) {
        free(g);
        return GALLEY_ERROR;
    }
    *state = g;
    return GALLEY_OK;
}

static galley_status lead_process(void *state, galley_doc *doc)
{
    gsum *g = state;
    gsum_prepare(g, doc, 0);
    gsum_select_lead(g, doc);
    return GALLEY_OK;
}

static galley_status lead_close(void *state)
{
    gsum *g = state;
    if (g) {
        gsum_close(g);
        free(g);
    }
    return GALLEY_OK;
}

GALLEY_PLUGIN(lead,
    .kind = GALLEY_SUMMARIZE,
    .summary = "the first N body sentences (Lead-N baseline)",
    .version = "0.1",
    .license = "MIT",
    .options = lead_options,
    .provides = "summary",
    .open = lead_open, .process = lead_process, .close = lead_close);
