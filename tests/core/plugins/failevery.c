/* tests/core/plugins/failevery.c - test plugin: fails every Nth document
 * (by fetch order), to check that a failure costs only that document. */
#include <galley/galley.h>

static const galley_option options[] = {
    { GALLEY_OPT_INT, "every", "3", 0, 1, 1000000, "fail documents N, 2N, 3N... (1-based)", NULL },
    { 0 }
};

static galley_status fe_open(galley_stage *st, void **state)
{
    *state = (void *)(size_t)galley_opt_int(st, "every");
    return GALLEY_OK;
}

static galley_status fe_process(void *state, galley_doc *doc)
{
    unsigned long long every = (size_t)state;
    if ((galley_doc_seq(doc) + 1) % every == 0)
        return galley_doc_fail(doc, "failing document %llu on purpose (every %llu)",
                               galley_doc_seq(doc) + 1, every);
    return GALLEY_OK;
}

GALLEY_PLUGIN(failevery, .kind = GALLEY_EXTRACT,
              .summary = "test: fails every Nth document",
              .options = options, .open = fe_open, .process = fe_process);
