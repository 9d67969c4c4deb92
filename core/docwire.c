/* core/docwire.c - the binary form of a whole document (identity, raw bytes,
 * text, fields with scores, layers with spans, failure message), the one way
 * documents cross a process boundary.  The layout is doc/wire-format.md. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define WIRE_MAGIC "GDOC"
#define WIRE_VERSION 1
#define ABSENT UINT32_MAX       /* length of a string that is not set (NULL) */

/* ---- writing: fixed-width little-endian ---- */

static void put_u32(galley_buf *b, uint32_t v)
{
    unsigned char c[4] = { (unsigned char)v, (unsigned char)(v >> 8),
                           (unsigned char)(v >> 16), (unsigned char)(v >> 24) };
    galley__buf_add(b, (const char *)c, 4);
}

static void put_u64(galley_buf *b, uint64_t v)
{
    put_u32(b, (uint32_t)v);
    put_u32(b, (uint32_t)(v >> 32));
}

static void put_f64(galley_buf *b, double d)
{
    uint64_t v;
    memcpy(&v, &d, sizeof v);   /* IEEE-754 bits; NaN is "no score" */
    put_u64(b, v);
}

static void put_bytes(galley_buf *b, const char *s, size_t n)
{
    put_u32(b, (uint32_t)n);
    galley__buf_add(b, s, n);
}

static void put_str(galley_buf *b, const char *s)
{
    put_bytes(b, s, strlen(s));
}

static void put_opt(galley_buf *b, const char *s)
{
    if (s)
        put_str(b, s);
    else
        put_u32(b, ABSENT);
}

static void put_fields(galley_buf *b, const galley_doc *d)
{
    size_t nk = galley_doc_nkeys(d);
    put_u32(b, (uint32_t)nk);
    for (size_t k = 0; k < nk; k++) {
        const char *key = galley_doc_key(d, k);
        size_t nv = galley_doc_field_count(d, key);
        put_str(b, key);
        put_u32(b, (uint32_t)nv);
        for (size_t i = 0; i < nv; i++) {
            double score;
            put_str(b, galley_doc_field_value(d, key, i, &score));
            put_f64(b, score);
        }
    }
}

static void put_layers(galley_buf *b, const galley_doc *d)
{
    size_t nl = galley_doc_nlayers(d);
    put_u32(b, (uint32_t)nl);
    for (size_t l = 0; l < nl; l++) {
        const char *name = galley_doc_layer_name(d, l);
        size_t n;
        const galley_span *s = galley_doc_layer(d, name, &n);
        put_str(b, name);
        put_u32(b, (uint32_t)n);
        for (size_t i = 0; i < n; i++) {
            put_u64(b, s[i].start);
            put_u64(b, s[i].end);
            put_opt(b, s[i].label);
            put_f64(b, s[i].score);
        }
    }
}

void galley__docwire_encode(const galley_doc *d, galley_buf *b)
{
    size_t raw_len, text_len;
    const char *raw = galley_doc_raw(d, &raw_len);
    const char *text = galley_doc_text(d, &text_len);
    galley__buf_add(b, WIRE_MAGIC, 4);
    put_u32(b, WIRE_VERSION);
    put_u64(b, galley_doc_seq(d));
    put_str(b, galley_doc_id(d));
    put_str(b, galley_doc_source(d));
    put_str(b, galley_doc_content_type(d));
    put_opt(b, galley_doc_token(d));
    put_opt(b, galley_doc_version(d));
    put_bytes(b, raw, raw_len);
    put_bytes(b, text, text_len);
    put_opt(b, galley_doc_error(d));
    put_fields(b, d);
    put_layers(b, d);
}

/* ---- reading: every length is checked against what is left ---- */

typedef struct reader {
    const unsigned char *p, *end;
    const char *what;       /* the first thing that did not fit, for the message */
} reader;

static int need(reader *r, size_t n, const char *what)
{
    if ((size_t)(r->end - r->p) >= n)
        return 0;
    if (!r->what)
        r->what = what;
    return -1;
}

static uint32_t get_u32(reader *r, const char *what)
{
    if (need(r, 4, what) < 0)
        return 0;
    uint32_t v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 |
                 (uint32_t)r->p[3] << 24;
    r->p += 4;
    return v;
}

static uint64_t get_u64(reader *r, const char *what)
{
    uint64_t lo = get_u32(r, what);
    return lo | (uint64_t)get_u32(r, what) << 32;
}

static double get_f64(reader *r, const char *what)
{
    uint64_t v = get_u64(r, what);
    double d;
    memcpy(&d, &v, sizeof d);
    return d;
}

/* bytes of a string field; *n its length; NULL when absent or short */
static const char *get_bytes(reader *r, size_t *n, const char *what)
{
    uint32_t len = get_u32(r, what);
    *n = 0;
    if (len == ABSENT || need(r, len, what) < 0)
        return NULL;
    const char *s = (const char *)r->p;
    r->p += len;
    *n = len;
    return s;
}

/* a NUL-terminated copy in the doc's arena, or NULL when absent */
static const char *get_str(reader *r, galley_doc *d, const char *what)
{
    size_t n;
    const char *s = get_bytes(r, &n, what);
    return s ? galley_doc_strndup(d, s, n) : NULL;
}

static int get_fields(reader *r, galley_doc *d)
{
    uint32_t nk = get_u32(r, "the field count");
    for (uint32_t k = 0; k < nk && !r->what; k++) {
        const char *key = get_str(r, d, "a field name");
        uint32_t nv = get_u32(r, "a field's value count");
        for (uint32_t i = 0; i < nv && !r->what; i++) {
            const char *v = get_str(r, d, "a field value");
            double score = get_f64(r, "a field score");
            if (key && v && !r->what)
                galley_doc_add_field(d, key, v, score);
        }
    }
    return r->what ? -1 : 0;
}

static int get_layers(reader *r, galley_doc *d)
{
    uint32_t nl = get_u32(r, "the layer count");
    for (uint32_t l = 0; l < nl && !r->what; l++) {
        const char *name = get_str(r, d, "a layer name");
        uint32_t n = get_u32(r, "a layer's span count");
        for (uint32_t i = 0; i < n && !r->what; i++) {
            uint64_t start = get_u64(r, "a span start");
            uint64_t end = get_u64(r, "a span end");
            const char *label = get_str(r, d, "a span label");
            double score = get_f64(r, "a span score");
            if (r->what)
                break;
            if (!name || start > SIZE_MAX || end > SIZE_MAX ||
                galley_doc_add_span(d, name, (size_t)start, (size_t)end, label, score) < 0)
                r->what = "a span inside the text";
        }
    }
    return r->what ? -1 : 0;
}

static void get_identity(reader *r, galley_doc *d)
{
    galley__doc_set_seq(d, get_u64(r, "the sequence number"));
    const char *s;
    if ((s = get_str(r, d, "the id")))
        galley_doc_set_id(d, s);
    if ((s = get_str(r, d, "the source")))
        galley_doc_set_source(d, s);
    if ((s = get_str(r, d, "the content type")))
        galley_doc_set_content_type(d, s);
    galley_doc_set_token(d, get_str(r, d, "the ack token"));
    galley_doc_set_version(d, get_str(r, d, "the content version"));
}

galley_doc *galley__docwire_decode(const void *buf, size_t len, char *err, size_t errlen)
{
    reader r = { buf, (const unsigned char *)buf + len, NULL };
    if (len < 8 || memcmp(buf, WIRE_MAGIC, 4) != 0) {
        snprintf(err, errlen, "not a galley document (no \"" WIRE_MAGIC "\" header)");
        return NULL;
    }
    r.p += 4;
    uint32_t version = get_u32(&r, "the version");
    if (version != WIRE_VERSION) {
        snprintf(err, errlen, "document wire format version %u, this galley reads %d",
                 version, WIRE_VERSION);
        return NULL;
    }
    galley_doc *d = galley_doc_new();
    get_identity(&r, d);
    size_t n;
    const char *s = get_bytes(&r, &n, "the raw bytes");
    if (s)
        galley_doc_set_raw(d, s, n);
    s = get_bytes(&r, &n, "the text");
    if (s)
        galley_doc_set_text(d, s, n);
    const char *e = get_str(&r, d, "the failure message");
    if (e)
        galley_doc_fail(d, "%s", e);
    if (get_fields(&r, d) == 0 && get_layers(&r, d) == 0 && r.p != r.end)
        r.what = "the end of the document (bytes are left over)";
    if (r.what) {
        snprintf(err, errlen, "malformed document: %s is cut short or wrong", r.what);
        galley_doc_free(d);
        return NULL;
    }
    return d;
}
