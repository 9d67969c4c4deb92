/* fuzz/warc.c - the warc fetch plugin on an arbitrary file (plain or gzip,
 * as it sniffs): each record comes out as a document or as a failure with a
 * message, and the reader ends (libFuzzer's -timeout catches one that does
 * not). */
#include "config.h"

#include <stdio.h>

#include "fuzz.h"

extern const galley_plugin warc_LTX_galley_plugin;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[4200];
    snprintf(path, sizeof path, "path=%s", fuzz_scratch(data, size));
    const char *const opts[] = { path, "types=response,resource,conversion",
                                 "content_types=text/html,text/plain", NULL };
    fuzz_fetch_all(&warc_LTX_galley_plugin, opts, "fetch/warc");
    return 0;
}
