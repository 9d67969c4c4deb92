/* tests/sdk/plugins/abi10.c - a plugin as the ABI 1.0 headers built it: its
 * descriptor ends at close(), before the 1.1 fields (flush, ack).  A 1.1 core
 * must load and run it without reading past its descriptor. */
#include <stddef.h>

#include <galley/galley.h>

/* the 1.0 descriptor: galley_plugin as it was, up to and including close */
typedef struct abi10_descriptor {
    uint32_t abi, struct_size;
    const char *name;
    galley_kind kind;
    const char *summary, *version, *author, *license;
    const galley_option *options;
    const char *requires, *provides;
    galley_status (*open)(galley_stage *stage, void **state);
    galley_status (*next)(void *state, galley_doc *doc);
    galley_status (*process)(void *state, galley_doc *doc);
    galley_status (*close)(void *state);
} abi10_descriptor;

static galley_status a10_process(void *state, galley_doc *doc)
{
    (void)state;
    galley_doc_set_field(doc, "abi10", "ran");
    return GALLEY_OK;
}

GALLEY_EXPORT extern const abi10_descriptor abi10_LTX_galley_plugin;
const abi10_descriptor abi10_LTX_galley_plugin = {
    .abi = GALLEY_ABI_MAKE(1, 0),
    .struct_size = sizeof(abi10_descriptor),
    .name = "abi10",
    .kind = GALLEY_EXTRACT,
    .summary = "test: built against the ABI 1.0 headers (no flush/ack)",
    .provides = "abi10",
    .process = a10_process,
};
