/* tests/fetch/plugins/failid.c - test plugin: fails the document with one
 * id, every time it sees it (a poison document for the redis tests). */
#include <string.h>
#include <galley/galley.h>

static const galley_option options[] = {
    { GALLEY_OPT_STRING, "id", NULL, GALLEY_OPT_REQUIRED, 0, 0, "the id to fail", NULL },
    { 0 }
};

static galley_status fi_open(galley_stage *st, void **state)
{
    *state = (void *)galley_opt_str(st, "id");
    return GALLEY_OK;
}

static galley_status fi_process(void *state, galley_doc *doc)
{
    if (!strcmp(galley_doc_id(doc), (const char *)state))
        return galley_doc_fail(doc, "poison document: failing it on purpose");
    return GALLEY_OK;
}

GALLEY_PLUGIN(failid, .kind = GALLEY_EXTRACT,
              .summary = "test: fails the document with the given id",
              .options = options, .open = fi_open, .process = fi_process);
