/* fuzz/common.c - helpers every fuzz target links (see fuzz.h). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

void fuzz_abort(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("fuzz: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

galley_test *fuzz_open(const galley_plugin *plugin, const char *const *options)
{
    char err[512] = "";
    galley_test *t = galley_test_open(plugin, options, err, sizeof err);
    if (!t)
        fuzz_abort("cannot open plugin '%s': %s", plugin->name, err);
    return t;
}

static char scratch[4096];

static void remove_scratch(void)
{
    if (*scratch)
        unlink(scratch);
}

const char *fuzz_scratch(const void *data, size_t size)
{
    if (!*scratch) {
        const char *dir = getenv("TMPDIR");
        snprintf(scratch, sizeof scratch, "%s/galley-fuzz.XXXXXX", dir && *dir ? dir : "/tmp");
        int fd = mkstemp(scratch);
        if (fd < 0)
            fuzz_abort("cannot create a scratch file %s", scratch);
        close(fd);
        atexit(remove_scratch);
    }
    FILE *f = fopen(scratch, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
        fuzz_abort("cannot write %zu bytes to the scratch file %s", size, scratch);
    return scratch;
}

char *fuzz_utf8(const uint8_t *data, size_t size, size_t *len)
{
    const char *s = (const char *)data;
    char *out = malloc(size * 3 + 1);       /* one bad byte: 3 bytes of U+FFFD */
    if (!out)
        fuzz_abort("out of memory for %zu bytes", size);
    size_t pos = 0, n = 0;
    int32_t c;
    while ((c = galley_utf8_next(s, size, &pos)) >= 0)
        n += galley_utf8_encode(c == 0 ? ' ' : c, out + n);
    out[n] = '\0';
    *len = n;
    return out;
}

size_t fuzz_split(const uint8_t *data, size_t size, const uint8_t **part,
                  size_t *len, size_t max)
{
    size_t k = 0;
    while (k + 1 < max) {
        const uint8_t *z = memchr(data, 0, size);
        if (!z)
            break;
        part[k] = data;
        len[k++] = (size_t)(z - data);
        size -= (size_t)(z - data) + 1;
        data = z + 1;
    }
    part[k] = data;
    len[k++] = size;
    return k;
}

void fuzz_check_doc(const galley_doc *doc, galley_status rc, const char *stage)
{
    if (rc != GALLEY_OK && rc != GALLEY_SKIP && rc != GALLEY_ERROR)
        fuzz_abort("%s: status %d", stage, (int)rc);
    const char *err = galley_doc_error(doc);
    if (rc == GALLEY_ERROR && (!err || !*err))
        fuzz_abort("%s: failed without a message", stage);
    if (rc != GALLEY_OK)
        return;
    size_t n, bad;
    const char *text = galley_doc_text(doc, &n);
    if (!text || text[n] != '\0')
        fuzz_abort("%s: text is not NUL-terminated", stage);
    if (!galley_utf8_valid(text, n, &bad))
        fuzz_abort("%s: invalid UTF-8 at byte %zu of the text", stage, bad);
    for (size_t k = 0; k < galley_doc_nlayers(doc); k++) {
        const char *name = galley_doc_layer_name(doc, k);
        size_t ns;
        const galley_span *sp = galley_doc_layer(doc, name, &ns);
        for (size_t i = 0; i < ns; i++)
            if (sp[i].start > sp[i].end || sp[i].end > n)
                fuzz_abort("%s: %s span %zu [%zu, %zu) outside the text (%zu bytes)",
                           stage, name, i, sp[i].start, sp[i].end, n);
    }
}

static void check_each(galley_doc *doc, galley_status rc, void *stage)
{
    fuzz_check_doc(doc, rc, stage);
}

void fuzz_fetch_all(const galley_plugin *plugin, const char *const *options,
                    const char *stage)
{
    galley_test *t = fuzz_open(plugin, options);
    if (galley_test_fetch_each(t, check_each, (void *)stage) < 0)
        fuzz_abort("%s: out of memory for a document", stage);
    char err[512];
    if (galley_test_close(t, err, sizeof err) != GALLEY_OK)
        fuzz_abort("%s: close failed: %s", stage, err);
}
