/* fuzz/clean_text.c - clean/text on arbitrary bytes (it must refuse invalid UTF-8
 * and NULs with a message): the input split at NUL bytes into up to three
 * documents through one instance, with the default options, or with every
 * repair off and typography on when the first byte is odd. */
#include "config.h"

#include "fuzz.h"

extern const galley_plugin text_LTX_galley_plugin;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static galley_test *plain, *other;
    if (!plain) {
        static const char *const opts[] = {
            "typography=true", "mojibake=false", "boilerplate=false",
            "translation=false", "wordfilter=false", NULL
        };
        plain = fuzz_open(&text_LTX_galley_plugin, NULL);
        other = fuzz_open(&text_LTX_galley_plugin, opts);
    }
    galley_test *t = size && (data[0] & 1) ? other : plain;
    const uint8_t *part[3];
    size_t len[3];
    size_t n = fuzz_split(data, size, part, len, 3);
    for (size_t i = 0; i < n; i++) {
        galley_doc *d = galley_doc_new();
        galley_doc_set_id(d, "text");
        galley_doc_set_text(d, (const char *)part[i], len[i]);
        fuzz_check_doc(d, galley_test_process(t, d), "clean/text");
        galley_doc_free(d);
    }
    return 0;
}
