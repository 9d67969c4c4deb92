/* tests/sdk/plugins/samesize.c - control for newer.c: the same newer minor
 * ABI number, but a descriptor this core knows in full; it must load. */
#include <galley/galley.h>

static galley_status ss_process(void *state, galley_doc *doc)
{
    (void)state;
    galley_doc_set_field(doc, "samesize", "ran");
    return GALLEY_OK;
}

GALLEY_PLUGIN(samesize, .abi = GALLEY_ABI_MAKE(GALLEY_ABI_MAJOR, GALLEY_ABI_MINOR + 1),
              .kind = GALLEY_EXTRACT,
              .summary = "test: newer minor ABI, known descriptor size",
              .provides = "samesize", .process = ss_process);
