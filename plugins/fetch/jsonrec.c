/* plugins/fetch/jsonrec.c - one JSON record into a document: the record form
 * the stdin fetch reads a line at a time and the redis fetch reads from a
 * stream entry.  A flat object of strings is read directly; any other by
 * jansson. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include "jsonrec.h"

/* a JSON value as field text: strings as they are, numbers and booleans as
 * JSON writes them; NULL for null, arrays and objects */
static char *scalar_text(json_t *v)
{
    if (json_is_string(v))
        return strdup(json_string_value(v));
    if (json_is_number(v) || json_is_boolean(v))
        return json_dumps(v, JSON_ENCODE_ANY | JSON_REAL_PRECISION(15));
    return NULL;
}

/* One value of a field: a scalar, or {"value": ..., "score": ...} as the
 * jsonl output writes a scored value; 1 if it was one. */
static int add_value(galley_doc *doc, const char *key, json_t *v)
{
    double score = GALLEY_NO_SCORE;
    if (json_is_object(v) && json_object_get(v, "value")) {
        json_t *sc = json_object_get(v, "score");
        if (json_is_number(sc))
            score = json_number_value(sc);
        v = json_object_get(v, "value");
    }
    char *t = scalar_text(v);
    if (t)
        galley_doc_add_field(doc, key, t, score);
    free(t);
    return t != NULL;
}

/* Every other member becomes a field: scalars as one value, arrays of
 * scalars as several (keyword lists); nested objects are left out, but for
 * "fields", the object a galley jsonl record keeps its fields in. */
/* the members a record's own keys mean, which do not become fields */
static int is_known(const char *key)
{
    static const char *const known[] = { "id", "text", "html", "url", "content_type",
                                         "source", "layers", NULL };
    for (size_t i = 0; known[i]; i++)
        if (!strcmp(key, known[i]))
            return 1;
    return 0;
}

static void add_fields(galley_doc *doc, json_t *rec, int nested)
{
    const char *key;
    json_t *v;
    json_object_foreach(rec, key, v) {
        if (!nested && is_known(key))
            continue;
        if (!nested && !strcmp(key, "fields") && json_is_object(v)) {
            add_fields(doc, v, 1);
            continue;
        }
        galley_doc_remove_field(doc, key);
        if (json_is_array(v)) {
            size_t i;
            json_t *item;
            json_array_foreach(v, i, item)
                add_value(doc, key, item);
            continue;
        }
        if (json_is_object(v) && json_object_get(v, "value")) {
            add_value(doc, key, v);
            continue;
        }
        char *t = scalar_text(v);
        if (t)
            galley_doc_set_field(doc, key, t);
        else if (!json_is_null(v))
            galley_debug("%s: field '%s' is a JSON object: left out",
                         galley_doc_id(doc), key);
        free(t);
    }
}

/* the text, url and fields of a record that passed the checks */
static void fill(galley_doc *doc, json_t *rec, json_t *body, int is_html,
                 const fetch_jsonrec *r)
{
    galley_doc_set_text(doc, json_string_value(body), json_string_length(body));
    json_t *ct = json_object_get(rec, "content_type");
    galley_doc_set_content_type(doc, json_is_string(ct) ? json_string_value(ct)
                                     : is_html ? "text/html" : "text/plain");
    json_t *url = json_object_get(rec, "url");
    if (json_is_string(url)) {
        galley_doc_set_source(doc, json_string_value(url));
        galley_doc_set_field(doc, "url", json_string_value(url));
    } else {
        json_t *src = json_object_get(rec, "source");
        galley_doc_set_source(doc, json_is_string(src) ? json_string_value(src)
                                                       : r->fallback_id);
    }
    galley_doc_set_field(doc, "charset", "utf-8");
    add_fields(doc, rec, 0);   /* a record's own charset (how it was first read) wins */
}

/* ---- the checks both parsers share ---- */

/* What a record holds for the checks, from either parser. */
typedef struct rec_view {
    int is_object;
    const char *id;         /* the id as text, NULL or "" for none */
    int has_body, body_string, is_html;
    size_t body_len;
} rec_view;

/* The id, then the checks on the record: GALLEY_OK to fill the doc, or the
 * status to return (the doc failed with a message, or a skip). */
static galley_status check_record(galley_doc *doc, const rec_view *v, const fetch_jsonrec *r)
{
    galley_doc_set_id(doc, v->id && *v->id ? v->id : r->fallback_id);
    const char *what = v->is_html ? "html" : "text";
    if (!v->is_object)
        return galley_doc_fail(doc, "%s: a record must be a JSON object "
                               "{\"id\": ..., \"text\": ...}", r->where);
    if (r->shard && !fetch_shard_mine(r->shard, galley_doc_id(doc)))
        return GALLEY_SKIP;
    if (!v->has_body)
        return galley_doc_fail(doc, "%s: the record has neither \"text\" nor \"html\"",
                               r->where);
    if (!v->body_string)
        return galley_doc_fail(doc, "%s: \"%s\" must be a string", r->where, what);
    if (v->body_len == 0 && r->empty != FETCH_EMPTY_KEEP)
        return r->empty == FETCH_EMPTY_SKIP ? GALLEY_SKIP
             : galley_doc_fail(doc, "%s: empty \"%s\" (set empty = \"keep\" or \"skip\" "
                               "to accept it)", r->where, what);
    return GALLEY_OK;
}

/* ---- the fast path: a flat object of strings ----
 * Most records are {"id": "...", "text": "...", "url": ...} with string
 * values only.  Those are read here without building a jansson tree (which
 * cost 300,000 instructions for a 2 KB article, most of a stdin -> jsonl
 * run); anything else (another value type, an escape or byte jansson would
 * refuse, a repeated key, over FLAT_MAX members) is left to jansson, so its
 * meaning and its messages stay jansson's. */
#define FLAT_MAX 32

typedef struct flat_member {
    const char *key, *val;  /* decoded, NUL-terminated, in flat_rec.buf */
    size_t klen, vlen;
} flat_member;

typedef struct flat_rec {
    flat_member m[FLAT_MAX];
    size_t n;
} flat_rec;

static const char *skip_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

/* 1 if none of the 8 bytes at p is '"', '\\' or a control character */
static int plain8(const char *p)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t w;
    memcpy(&w, p, 8);
    uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
    uint64_t hit = ((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((b - ones) & ~b);
    return (hit & high) == 0;
}

static int hex4(const char *p, const char *end, int32_t *v)
{
    if (end - p < 4)
        return 0;
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return 0;
        *v = *v * 16 + d;
    }
    return 1;
}

/* The escape after a backslash at p into *o; the position after it, or
 * NULL for one jansson refuses (\u0000, a lone surrogate, an unknown one). */
static const char *flat_escape(const char *p, const char *end, char **o)
{
    if (p >= end)
        return NULL;
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *k = *p ? strchr(from, *p) : NULL;
    if (k) {
        *(*o)++ = to[k - from];
        return p + 1;
    }
    int32_t cp, lo;
    if (*p != 'u' || !hex4(p + 1, end, &cp) || cp == 0 || (cp >= 0xDC00 && cp <= 0xDFFF))
        return NULL;
    p += 5;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (end - p < 2 || p[0] != '\\' || p[1] != 'u' || !hex4(p + 2, end, &lo) ||
            lo < 0xDC00 || lo > 0xDFFF)
            return NULL;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        p += 6;
    }
    *o += galley_utf8_encode(cp, *o);
    return p;
}

/* The string after its opening quote at p, decoded to *o (NUL-terminated);
 * the position after its closing quote, or NULL (left to jansson). */
static const char *flat_string(const char *p, const char *end, char **o)
{
    for (;;) {
        const char *run = p;
        while (end - p >= 8 && plain8(p))
            p += 8;
        while (p < end && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20)
            p++;
        memcpy(*o, run, (size_t)(p - run));
        *o += p - run;
        if (p >= end || (unsigned char)*p < 0x20)
            return NULL;
        if (*p == '"') {
            *(*o)++ = '\0';
            return p + 1;
        }
        if (!(p = flat_escape(p + 1, end, o)))
            return NULL;
    }
}

/* json[0..len) as a flat object of strings into f, decoded into buf (len + 1
 * bytes: decoding never lengthens); 1, or 0 when jansson should read it. */
static int flat_parse(const char *json, size_t len, char *buf, flat_rec *f)
{
    const char *p = json, *end = json + len;
    char *o = buf;
    if (!galley_utf8_valid(json, len, NULL))
        return 0;
    p = skip_ws(p, end);
    if (p >= end || *p++ != '{')
        return 0;
    f->n = 0;
    p = skip_ws(p, end);
    if (p < end && *p == '}') {
        p++;
    } else {
        for (;;) {
            if (f->n == FLAT_MAX || p >= end || *p != '"')
                return 0;
            flat_member *m = &f->m[f->n++];
            m->key = o;
            if (!(p = flat_string(p + 1, end, &o)))
                return 0;
            m->klen = (size_t)(o - m->key) - 1;
            p = skip_ws(p, end);
            if (p >= end || *p++ != ':')
                return 0;
            p = skip_ws(p, end);
            if (p >= end || *p != '"')
                return 0;
            m->val = o;
            if (!(p = flat_string(p + 1, end, &o)))
                return 0;
            m->vlen = (size_t)(o - m->val) - 1;
            for (size_t i = 0; i + 1 < f->n; i++)
                if (f->m[i].klen == m->klen && !memcmp(f->m[i].key, m->key, m->klen))
                    return 0;   /* a repeated key: jansson keeps the last value */
            p = skip_ws(p, end);
            if (p < end && *p == ',') {
                p = skip_ws(p + 1, end);
                continue;
            }
            if (p >= end || *p++ != '}')
                return 0;
            break;
        }
    }
    return skip_ws(p, end) == end;
}

static const flat_member *flat_get(const flat_rec *f, const char *key)
{
    for (size_t i = 0; i < f->n; i++)
        if (!strcmp(f->m[i].key, key))
            return &f->m[i];
    return NULL;
}

/* fill() for a flat record: the same fields in the same order */
static void flat_fill(galley_doc *doc, const flat_rec *f, const flat_member *body, int is_html,
                      const fetch_jsonrec *r)
{
    galley_doc_set_text(doc, body->val, body->vlen);
    const flat_member *ct = flat_get(f, "content_type"), *url = flat_get(f, "url");
    galley_doc_set_content_type(doc, ct ? ct->val : is_html ? "text/html" : "text/plain");
    if (url) {
        galley_doc_set_source(doc, url->val);
        galley_doc_set_field(doc, "url", url->val);
    } else {
        const flat_member *src = flat_get(f, "source");
        galley_doc_set_source(doc, src ? src->val : r->fallback_id);
    }
    galley_doc_set_field(doc, "charset", "utf-8");
    for (size_t i = 0; i < f->n; i++) {
        if (is_known(f->m[i].key))
            continue;
        galley_doc_remove_field(doc, f->m[i].key);
        galley_doc_set_field(doc, f->m[i].key, f->m[i].val);
    }
}

/* 1 when the fast path took the record (*rc set), 0 to use jansson */
static int flat_doc(galley_doc *doc, const char *json, size_t len, const fetch_jsonrec *r,
                    galley_status *rc)
{
    char small[4096], *buf = len < sizeof small ? small : malloc(len + 1);
    flat_rec f;
    int took = buf && flat_parse(json, len, buf, &f);
    if (took) {
        const flat_member *id = flat_get(&f, "id"), *text = flat_get(&f, "text");
        const flat_member *html = flat_get(&f, "html"), *body = html ? html : text;
        rec_view v = { 1, id ? id->val : NULL, body != NULL, 1, html != NULL,
                       body ? body->vlen : 0 };
        *rc = check_record(doc, &v, r);
        if (*rc == GALLEY_OK)
            flat_fill(doc, &f, body, html != NULL, r);
    }
    if (buf != small)
        free(buf);
    return took;
}

/* ---- any record: jansson ---- */

galley_status fetch_jsonrec_doc_jansson(galley_doc *doc, const char *line, size_t len,
                                        const fetch_jsonrec *r)
{
    galley_status rc;
    json_error_t jerr;
    json_t *rec = json_loadb(line, len, 0, &jerr);
    if (!rec) {
        galley_doc_set_id(doc, r->fallback_id);
        return galley_doc_fail(doc, "%s, column %d: not a JSON record: %s",
                               r->where, jerr.column, jerr.text);
    }
    json_t *id = json_object_get(rec, "id");
    char *idtext = id ? scalar_text(id) : NULL;
    json_t *text = json_object_get(rec, "text"), *html = json_object_get(rec, "html");
    json_t *body = html ? html : text;
    rec_view v = { json_is_object(rec), idtext, body != NULL, json_is_string(body),
                   html != NULL, json_is_string(body) ? json_string_length(body) : 0 };
    rc = check_record(doc, &v, r);
    free(idtext);
    if (rc == GALLEY_OK)
        fill(doc, rec, body, html != NULL, r);
    json_decref(rec);
    return rc;
}

galley_status fetch_jsonrec_doc(galley_doc *doc, const char *line, size_t len,
                                const fetch_jsonrec *r)
{
    galley_status rc;
    return flat_doc(doc, line, len, r, &rc) ? rc : fetch_jsonrec_doc_jansson(doc, line, len, r);
}
