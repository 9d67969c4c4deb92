/* fuzz/chain.c - the extract and summarize plugins on arbitrary UTF-8 text
 * (the input with invalid bytes as U+FFFD): sentences (left out when the
 * first byte is odd, so each later stage finds its own), metadata, entities,
 * keyphrases, quotes, then every summarizer, one instance each, in the
 * order a pipeline runs them. */
#include "config.h"

#include <stdlib.h>

#include "fuzz.h"

extern const galley_plugin sentences_LTX_galley_plugin, metadata_LTX_galley_plugin,
    entities_LTX_galley_plugin, keyphrases_LTX_galley_plugin, quotes_LTX_galley_plugin,
    lead_LTX_galley_plugin, textrank_LTX_galley_plugin, lexrank_LTX_galley_plugin,
    newsrank_LTX_galley_plugin;

static const galley_plugin *const chain[] = {
    &sentences_LTX_galley_plugin, &metadata_LTX_galley_plugin, &entities_LTX_galley_plugin,
    &keyphrases_LTX_galley_plugin, &quotes_LTX_galley_plugin, &lead_LTX_galley_plugin,
    &textrank_LTX_galley_plugin, &lexrank_LTX_galley_plugin, &newsrank_LTX_galley_plugin,
};
#define NCHAIN (sizeof chain / sizeof *chain)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static galley_test *inst[NCHAIN];
    if (!inst[0])
        for (size_t i = 0; i < NCHAIN; i++)
            inst[i] = fuzz_open(chain[i], NULL);
    size_t n;
    char *text = fuzz_utf8(data, size, &n);
    galley_doc *d = galley_doc_new();
    galley_doc_set_id(d, "chain");
    galley_doc_set_text(d, text, n);
    free(text);
    for (size_t i = size && (data[0] & 1) ? 1 : 0; i < NCHAIN; i++) {
        galley_status rc = galley_test_process(inst[i], d);
        fuzz_check_doc(d, rc, chain[i]->name);
        if (rc != GALLEY_OK)
            break;
    }
    galley_doc_free(d);
    return 0;
}
