/* fuzz/html.c - clean/html on arbitrary bytes: the input split at NUL bytes
 * into up to four pages that go through one plugin instance in turn (state
 * left over from one page must not reach the next), each as text/html. */
#include "config.h"

#include "fuzz.h"

extern const galley_plugin html_LTX_galley_plugin;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static galley_test *html;
    if (!html)
        html = fuzz_open(&html_LTX_galley_plugin, NULL);
    const uint8_t *part[4];
    size_t len[4];
    size_t n = fuzz_split(data, size, part, len, 4);
    for (size_t i = 0; i < n; i++) {
        galley_doc *d = galley_doc_new();
        galley_doc_set_id(d, "page");
        galley_doc_set_raw(d, part[i], len[i]);
        galley_doc_set_content_type(d, "text/html");
        fuzz_check_doc(d, galley_test_process(html, d), "clean/html");
        galley_doc_free(d);
    }
    return 0;
}
