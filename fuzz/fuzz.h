/* fuzz/fuzz.h - what the fuzz targets share: the libFuzzer entry point,
 * opening plugins once per process, a scratch file for plugins that read a
 * path, and the checks every stage's result must pass (a failed check
 * aborts, which libFuzzer and the corpus replayer report as a finding). */
#ifndef GALLEY_FUZZ_H
#define GALLEY_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <galley/galley.h>
#include <galley/testing.h>

/* each target defines this (libFuzzer's entry point; fuzz/replay.c calls it
 * once per corpus file under make check) */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* prints "fuzz: ..." and aborts */
void fuzz_abort(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* galley_test_open() that aborts with the message when it fails */
galley_test *fuzz_open(const galley_plugin *plugin, const char *const *options);

/* Writes data to this process's scratch file and returns its path (the
 * same path every call; removed at exit). */
const char *fuzz_scratch(const void *data, size_t size);

/* The input as UTF-8 without NULs (the text a clean stage hands on):
 * invalid bytes become U+FFFD, NULs spaces.  malloc()ed, NUL-terminated. */
char *fuzz_utf8(const uint8_t *data, size_t size, size_t *len);

/* Splits the input at NUL bytes into at most max parts (the last part keeps
 * any further NULs), so one input can be several documents through the
 * same plugin state.  Returns the number of parts. */
size_t fuzz_split(const uint8_t *data, size_t size, const uint8_t **part,
                  size_t *len, size_t max);

/* What any stage's result must satisfy: a known status; an error with a
 * message; text that is valid UTF-8 and NUL-terminated; spans inside it. */
void fuzz_check_doc(const galley_doc *doc, galley_status rc, const char *stage);

/* Opens a fetch plugin, takes every document it gives (checking each)
 * until GALLEY_DONE, and closes it. */
void fuzz_fetch_all(const galley_plugin *plugin, const char *const *options,
                    const char *stage);

#endif
