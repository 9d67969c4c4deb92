/* tests/core/plugins/needy.c - test plugin that requires a layer no bundled
 * plugin provides, for the requires/provides check. */
#include <galley/galley.h>

static galley_status ne_process(void *state, galley_doc *doc)
{
    (void)state;
    (void)doc;
    return GALLEY_OK;
}

GALLEY_PLUGIN(needy, .kind = GALLEY_EXTRACT, .summary = "test: requires 'frobnication'",
              .requires = "frobnication", .process = ne_process);
