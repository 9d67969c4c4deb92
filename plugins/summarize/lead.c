/* plugins/summarize/lead.c - the Lead-N baseline: the first N body sentences
 * (never the title, datelines, captions, bylines, links or footers). */
#include <galley/galley.h>
#include "sumcore.h"

static const galley_option lead_options[] = {
    GSUM_COMMON_OPTIONS,
    { 0 }
};

static galley_status lead_open(galley_stage *stage, void **state)
{
    *state = gsum_new(stage, GSUM_LEAD);
    return *state ? GALLEY_OK : GALLEY_ERROR;
}

static galley_status lead_process(void *state, galley_doc *doc)
{
    gsum_prepare(state, doc);
    gsum_select_lead(state, doc);
    return GALLEY_OK;
}

static galley_status lead_close(void *state)
{
    gsum_free(state);
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
