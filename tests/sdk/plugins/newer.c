/* tests/sdk/plugins/newer.c - test plugin as a future minor version of the
 * headers would build it: ABI minor + 1 and a descriptor with a field this
 * core does not know.  The loader must refuse it rather than ignore the field. */
#include <stddef.h>

#include <galley/galley.h>

/* what galley_plugin would look like after an append-only change */
typedef struct newer_descriptor {
    galley_plugin base;
    galley_status (*flush)(void *state);    /* the "new" field */
} newer_descriptor;

static galley_status nw_process(void *state, galley_doc *doc)
{
    (void)state;
    galley_doc_set_field(doc, "newer", "ran");
    return GALLEY_OK;
}

static galley_status nw_flush(void *state)
{
    (void)state;
    return GALLEY_OK;
}

GALLEY_EXPORT extern const newer_descriptor newer_LTX_galley_plugin;
const newer_descriptor newer_LTX_galley_plugin = {
    .base = {
        .abi = GALLEY_ABI_MAKE(GALLEY_ABI_MAJOR, GALLEY_ABI_MINOR + 1),
        .struct_size = sizeof(newer_descriptor),
        .name = "newer",
        .kind = GALLEY_EXTRACT,
        .summary = "test: built by a newer minor ABI with an extra descriptor field",
        .process = nw_process,
    },
    .flush = nw_flush,
};
