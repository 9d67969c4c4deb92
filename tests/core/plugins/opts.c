/* tests/core/plugins/opts.c - test plugin with one option of every type,
 * which it copies into fields, for the config validation tests. */
#include <stdio.h>
#include <galley/galley.h>

static const galley_option options[] = {
    { GALLEY_OPT_INT, "count", "3", 0, 1, 10, "an integer from 1 to 10", NULL },
    { GALLEY_OPT_FLOAT, "ratio", "0.5", 0, 0, 1, "a number from 0 to 1", NULL },
    { GALLEY_OPT_BOOL, "flag", "false", 0, 0, 0, "a boolean", NULL },
    { GALLEY_OPT_STRING, "mode", "fast", 0, 0, 0, "fast or slow", "fast|slow" },
    { GALLEY_OPT_LIST, "tags", "a,b", 0, 0, 0, "a list", NULL },
    { GALLEY_OPT_STRING, "label", NULL, GALLEY_OPT_REQUIRED, 0, 0, "a required string", NULL },
    { 0 }
};

typedef struct st {
    long long count;
    double ratio;
    int flag;
    const char *mode, *label;
    size_t ntags;
} st;

static st state_of_stage;

static galley_status op_open(galley_stage *stage, void **state)
{
    st *s = &state_of_stage;    /* options are read-only: one copy is enough */
    s->count = galley_opt_int(stage, "count");
    s->ratio = galley_opt_float(stage, "ratio");
    s->flag = galley_opt_bool(stage, "flag");
    s->mode = galley_opt_str(stage, "mode");
    s->label = galley_opt_str(stage, "label");
    s->ntags = galley_opt_list(stage, "tags", NULL);
    *state = s;
    return GALLEY_OK;
}

static galley_status op_process(void *state, galley_doc *doc)
{
    const st *s = state;
    galley_doc_set_fieldf(doc, "opts", "count=%lld ratio=%g flag=%d mode=%s label=%s tags=%zu",
                          s->count, s->ratio, s->flag, s->mode, s->label, s->ntags);
    return GALLEY_OK;
}

GALLEY_PLUGIN(opts, .kind = GALLEY_EXTRACT, .summary = "test: one option of every type",
              .options = options, .provides = "opts", .open = op_open, .process = op_process);
