/* plugins/output/sqlite_hash.c - a hash of everything the sqlite output
 * stores of a document (see sqlite_hash.h).  Reruns over the same articles
 * are common (a pipeline rerun without --state, an overlapping crawl): an
 * unchanged document then costs two look-ups instead of a rewrite, whose
 * update trigger re-indexes the old and the new text (2.4x the time of a
 * fresh insert). */
#include "sqlite_hash.h"

#include <galley/util.h>
#include <string.h>

static uint64_t bytes(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = galley_hash_step(h, b[i]);
    return h;
}

static uint64_t u64(uint64_t h, uint64_t v)
{
    return bytes(h, &v, sizeof v);
}

/* the length first, so that ("ab", "c") and ("a", "bc") differ; NULL is no
 * length, apart from "" */
static uint64_t str(uint64_t h, const char *v, size_t n)
{
    h = u64(h, v ? (uint64_t)n : UINT64_MAX);
    return v ? bytes(h, v, n) : h;
}

static uint64_t cstr(uint64_t h, const char *v)
{
    return str(h, v, v ? strlen(v) : 0);
}

/* every "no score" alike, whatever NaN's bits */
static uint64_t score(uint64_t h, double d)
{
    uint64_t bits = UINT64_MAX;
    if (galley_has_score(d))
        memcpy(&bits, &d, sizeof bits);
    return u64(h, bits);
}

uint64_t sqlite_doc_hash(const galley_doc *doc, int with_text)
{
    uint64_t h = u64(GALLEY_HASH_INIT, with_text != 0);
    h = cstr(h, galley_doc_id(doc));
    h = cstr(h, galley_doc_source(doc));
    h = cstr(h, galley_doc_content_type(doc));
    size_t len;
    const char *text = galley_doc_text(doc, &len);
    h = str(h, text, len);
    size_t nk = galley_doc_nkeys(doc);
    for (size_t k = 0; k < nk; k++) {
        const char *key = galley_doc_key(doc, k);
        size_t n = galley_doc_field_count(doc, key);
        h = u64(cstr(h, key), n);
        for (size_t i = 0; i < n; i++) {
            double sc;
            const char *v = galley_doc_field_value(doc, key, i, &sc);
            h = score(cstr(h, v), sc);
        }
    }
    size_t n;
    const galley_span *sp = galley_doc_layer(doc, "entity", &n);
    h = u64(h, n);
    for (size_t i = 0; i < n; i++)
        h = score(cstr(u64(u64(h, sp[i].start), sp[i].end), sp[i].label), sp[i].score);
    return h;
}
