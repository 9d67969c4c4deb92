/* tests/core/plugins/badabi.c - test plugin built for another ABI major,
 * which the loader must refuse naming both numbers. */
#include <galley/galley.h>

static galley_status ba_process(void *state, galley_doc *doc)
{
    (void)state;
    (void)doc;
    return GALLEY_OK;
}

GALLEY_PLUGIN(badabi, .abi = GALLEY_ABI_MAKE(99, 0), .kind = GALLEY_EXTRACT,
              .summary = "test: built for ABI 99.0", .process = ba_process);
