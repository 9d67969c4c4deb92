/* fuzz/stdin.c - the stdin fetch plugin's JSON Lines reader on an arbitrary
 * file: every record comes out as a document or as a failure with a message,
 * and the reader ends (libFuzzer's -timeout catches one that does not). */
#include "config.h"

#include <stdio.h>

#include "fuzz.h"

extern const galley_plugin stdin_LTX_galley_plugin;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[4200];
    snprintf(path, sizeof path, "path=%s", fuzz_scratch(data, size));
    const char *const opts[] = { path, NULL };
    fuzz_fetch_all(&stdin_LTX_galley_plugin, opts, "fetch/stdin");
    return 0;
}
