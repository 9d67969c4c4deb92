/* plugins/output/record.c - the JSON record of one document (schema:
 * doc/output-schema.md), shared by the jsonl and json outputs. */
#include <galley/galley.h>

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "record.h"
#include "sink.h"

static int in_list(const char *const *items, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(items[i], s) == 0)
            return 1;
    return 0;
}

static int field_wanted(const jrec *j, const char *key)
{
    if (j->nonly && !in_list(j->only, j->nonly, key))
        return 0;
    return !in_list(j->exclude, j->nexclude, key);
}

/* A JSON string from bytes that should be UTF-8; invalid bytes become
 * U+FFFD and are counted, because jansson (rightly) refuses them. */
static json_t *jstr(jrec *j, const char *s, size_t n)
{
    size_t len;
    char *fixed = sink_utf8_repair(s, n, &len, &j->repairs);
    if (!fixed && len == SINK_NOMEM) {
        j->nomem = 1;
        return NULL;
    }
    json_t *v = fixed ? json_stringn_nocheck(fixed, len) : json_stringn_nocheck(s, n);
    free(fixed);
    return v;
}

static json_t *jcstr(jrec *j, const char *s)
{
    return jstr(j, s ? s : "", s ? strlen(s) : 0);
}

/* Sets o[key]: a key that is not UTF-8 (jansson would refuse it, dropping
 * the value) is repaired like any value. */
static void set_key(jrec *j, json_t *o, const char *key, json_t *v)
{
    size_t len;
    char *fixed = sink_utf8_repair(key, strlen(key), &len, &j->repairs);
    if (!fixed && len == SINK_NOMEM) {
        j->nomem = 1;
        json_decref(v);
        return;
    }
    json_object_set_new_nocheck(o, fixed ? fixed : key, v);
    free(fixed);
}

/* JSON has no NaN or infinity: a score that is not finite is written null */
static json_t *jscore(double score)
{
    return isfinite(score) ? json_real(score) : json_null();
}

static json_t *field_value(jrec *j, const char *value, double score)
{
    if (!galley_has_score(score))
        return jcstr(j, value);
    json_t *o = json_object();
    json_object_set_new_nocheck(o, "value", jcstr(j, value));
    json_object_set_new_nocheck(o, "score", jscore(score));
    return o;
}

/* one value -> that value; several -> an array, in the order they were added */
static json_t *field_json(jrec *j, const galley_doc *doc, const char *key)
{
    size_t n = galley_doc_field_count(doc, key);
    double score;
    if (n == 1) {
        const char *v = galley_doc_field_value(doc, key, 0, &score);
        return field_value(j, v, score);
    }
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        const char *v = galley_doc_field_value(doc, key, i, &score);
        json_array_append_new(a, field_value(j, v, score));
    }
    return a;
}

static json_t *fields_json(jrec *j, const galley_doc *doc)
{
    json_t *o = json_object();
    size_t nk = galley_doc_nkeys(doc);
    for (size_t k = 0; k < nk; k++) {
        const char *key = galley_doc_key(doc, k);
        if (field_wanted(j, key) && galley_doc_field_count(doc, key) > 0)
            set_key(j, o, key, field_json(j, doc, key));
    }
    return o;
}

/* the summary as one string (its values joined by a space), or null */
static json_t *summary_json(jrec *j, const galley_doc *doc)
{
    size_t n = galley_doc_field_count(doc, "summary");
    if (n == 0 || !field_wanted(j, "summary"))
        return json_null();
    if (n == 1)
        return jcstr(j, galley_doc_field(doc, "summary"));
    sink_buf b = { 0 };
    for (size_t i = 0; i < n; i++) {
        if (i)
            sink_buf_add(&b, " ", 1);
        sink_buf_puts(&b, galley_doc_field_value(doc, "summary", i, NULL));
    }
    json_t *v = NULL;
    if (sink_buf_failed(&b))
        j->nomem = 1;
    else
        v = jstr(j, b.data, b.len);
    sink_buf_free(&b);
    return v;
}

static json_t *span_json(jrec *j, const galley_span *s, const char *text)
{
    json_t *o = json_object();
    json_object_set_new_nocheck(o, "start", json_integer((json_int_t)s->start));
    json_object_set_new_nocheck(o, "end", json_integer((json_int_t)s->end));
    if (s->label)
        json_object_set_new_nocheck(o, "label", jcstr(j, s->label));
    if (galley_has_score(s->score))
        json_object_set_new_nocheck(o, "score", jscore(s->score));
    if (j->span_text)
        json_object_set_new_nocheck(o, "text", jstr(j, text + s->start, s->end - s->start));
    return o;
}

static json_t *layers_json(jrec *j, const galley_doc *doc)
{
    json_t *o = json_object();
    const char *text = galley_doc_text(doc, NULL);
    size_t nl = galley_doc_nlayers(doc);
    for (size_t l = 0; l < nl; l++) {
        const char *name = galley_doc_layer_name(doc, l);
        size_t n;
        const galley_span *spans = galley_doc_layer(doc, name, &n);
        json_t *a = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(a, span_json(j, &spans[i], text));
        set_key(j, o, name, a);
    }
    return o;
}

/* id to summary: the part of the record built as one jansson tree */
static json_t *record_head(jrec *j, const galley_doc *doc)
{
    json_t *r = json_object();
    json_object_set_new_nocheck(r, "id", jcstr(j, galley_doc_id(doc)));
    json_object_set_new_nocheck(r, "source", jcstr(j, galley_doc_source(doc)));
    json_object_set_new_nocheck(r, "content_type", jcstr(j, galley_doc_content_type(doc)));
    const char *charset = field_wanted(j, "charset") ? galley_doc_field(doc, "charset") : NULL;
    json_object_set_new_nocheck(r, "charset", charset ? jcstr(j, charset) : json_null());
    json_object_set_new_nocheck(r, "fields", fields_json(j, doc));
    json_object_set_new_nocheck(r, "summary", summary_json(j, doc));
    return r;
}

static json_t *record_json(jrec *j, const galley_doc *doc)
{
    json_t *r = record_head(j, doc);
    if (j->text) {
        size_t len;
        const char *text = galley_doc_text(doc, &len);
        json_object_set_new_nocheck(r, "text", jstr(j, text, len));
    }
    if (j->layers)
        json_object_set_new_nocheck(r, "layers", layers_json(j, doc));
    return r;
}

static int dump_cb(const char *buffer, size_t size, void *data)
{
    sink_buf_add(data, buffer, size);
    return sink_buf_failed(data) ? -1 : 0;
}

void jrec_open(galley_stage *st, jrec *j, int pretty)
{
    memset(j, 0, sizeof *j);
    j->nonly = galley_opt_list(st, "fields", &j->only);
    j->nexclude = galley_opt_list(st, "exclude", &j->exclude);
    j->text = galley_opt_bool(st, "text");
    j->layers = galley_opt_bool(st, "layers");
    j->span_text = galley_opt_bool(st, "span_text");
    /* key order as built (id first), non-ASCII as UTF-8 rather than \u
     * escapes, and scores short enough to read */
    j->flags = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15);
    j->flags |= pretty ? JSON_INDENT(2) : JSON_COMPACT;
}

/* Whether the record can be written piece by piece: compact output (an
 * indented record's layout depends on its depth) and layer names and field
 * keys that need no repair (two repaired names could become one key). */
static int can_stream(const jrec *j, const galley_doc *doc)
{
    if (!(j->flags & JSON_COMPACT))
        return 0;
    size_t nl = j->layers ? galley_doc_nlayers(doc) : 0;
    for (size_t l = 0; l < nl; l++) {
        const char *name = galley_doc_layer_name(doc, l);
        if (!galley_utf8_valid(name, strlen(name), NULL))
            return 0;
    }
    size_t nk = galley_doc_nkeys(doc);
    for (size_t k = 0; k < nk; k++) {
        const char *key = galley_doc_key(doc, k);
        if (!galley_utf8_valid(key, strlen(key), NULL))
            return 0;
    }
    return 1;
}

/* s[0..n) as a JSON string, invalid UTF-8 repaired (and counted) as jstr does */
static void put_str(jrec *j, sink_buf *out, const char *s, size_t n)
{
    size_t len;
    char *fixed = sink_utf8_repair(s, n, &len, &j->repairs);
    if (!fixed && len == SINK_NOMEM) {
        j->nomem = 1;
        return;
    }
    jsonw_str(out, fixed ? fixed : s, fixed ? len : n);
    free(fixed);
}

static void put_cstr(jrec *j, sink_buf *out, const char *s)
{
    put_str(j, out, s ? s : "", s ? strlen(s) : 0);
}

/* a field value as field_value's JSON */
static void put_value(jrec *j, sink_buf *out, const char *value, double score)
{
    if (!galley_has_score(score)) {
        put_cstr(j, out, value);
        return;
    }
    sink_buf_add(out, "{\"value\":", 9);
    put_cstr(j, out, value);
    sink_buf_add(out, ",\"score\":", 9);
    jsonw_real(out, score);
    sink_buf_add(out, "}", 1);
}

static void put_fields(jrec *j, sink_buf *out, const galley_doc *doc)
{
    sink_buf_add(out, "{", 1);
    size_t nk = galley_doc_nkeys(doc), written = 0;
    double score;
    for (size_t k = 0; k < nk; k++) {
        const char *key = galley_doc_key(doc, k);
        size_t n = galley_doc_field_count(doc, key);
        if (n == 0 || !field_wanted(j, key))
            continue;
        if (written++)
            sink_buf_add(out, ",", 1);
        jsonw_str(out, key, strlen(key));
        sink_buf_add(out, ":", 1);
        if (n > 1)
            sink_buf_add(out, "[", 1);
        for (size_t i = 0; i < n; i++) {
            const char *v = galley_doc_field_value(doc, key, i, &score);
            if (i)
                sink_buf_add(out, ",", 1);
            put_value(j, out, v, score);
        }
        if (n > 1)
            sink_buf_add(out, "]", 1);
    }
    sink_buf_add(out, "}", 1);
}

/* record_head's object, written directly, without its closing brace */
static void put_head(jrec *j, sink_buf *out, const galley_doc *doc)
{
    sink_buf_add(out, "{\"id\":", 6);
    put_cstr(j, out, galley_doc_id(doc));
    sink_buf_add(out, ",\"source\":", 10);
    put_cstr(j, out, galley_doc_source(doc));
    sink_buf_add(out, ",\"content_type\":", 16);
    put_cstr(j, out, galley_doc_content_type(doc));
    sink_buf_add(out, ",\"charset\":", 11);
    const char *charset = field_wanted(j, "charset") ? galley_doc_field(doc, "charset") : NULL;
    if (charset)
        put_cstr(j, out, charset);
    else
        sink_buf_add(out, "null", 4);
    sink_buf_add(out, ",\"fields\":", 10);
    put_fields(j, out, doc);
    sink_buf_add(out, ",\"summary\":", 11);
    size_t n = galley_doc_field_count(doc, "summary");
    if (n == 0 || !field_wanted(j, "summary")) {
        sink_buf_add(out, "null", 4);
    } else if (n == 1) {
        put_cstr(j, out, galley_doc_field(doc, "summary"));
    } else {
        sink_buf b = { 0 };
        for (size_t i = 0; i < n; i++) {
            if (i)
                sink_buf_add(&b, " ", 1);
            sink_buf_puts(&b, galley_doc_field_value(doc, "summary", i, NULL));
        }
        if (sink_buf_failed(&b))
            j->nomem = 1;
        else
            put_str(j, out, b.data, b.len);
        sink_buf_free(&b);
    }
}

/* one span as span_json's object dumped compact */
static void put_span(jrec *j, sink_buf *out, const galley_span *s, const char *text)
{
    sink_buf_add(out, "{\"start\":", 9);
    jsonw_int(out, (long long)s->start);
    sink_buf_add(out, ",\"end\":", 7);
    jsonw_int(out, (long long)s->end);
    if (s->label) {
        sink_buf_add(out, ",\"label\":", 9);
        put_str(j, out, s->label, strlen(s->label));
    }
    if (galley_has_score(s->score)) {
        sink_buf_add(out, ",\"score\":", 9);
        jsonw_real(out, s->score);
    }
    if (j->span_text) {
        sink_buf_add(out, ",\"text\":", 8);
        put_str(j, out, text + s->start, s->end - s->start);
    }
    sink_buf_add(out, "}", 1);
}

/* "text" and "layers" written span by span after the head: a 16 MB article
 * has some 400,000 spans, and their jansson tree took 20x the text; each
 * span is written directly (jsonw.c), with the bytes jansson would write. */
static int encode_streamed(jrec *j, const galley_doc *doc, sink_buf *out)
{
    put_head(j, out, doc);
    if (j->text) {
        size_t len;
        const char *text = galley_doc_text(doc, &len);
        sink_buf_puts(out, ",\"text\":");
        put_str(j, out, text ? text : "", text ? len : 0);
    }
    if (j->layers) {
        const char *text = galley_doc_text(doc, NULL);
        sink_buf_puts(out, ",\"layers\":{");
        size_t nl = galley_doc_nlayers(doc);
        for (size_t l = 0; l < nl; l++) {
            const char *name = galley_doc_layer_name(doc, l);
            size_t n;
            const galley_span *spans = galley_doc_layer(doc, name, &n);
            if (l)
                sink_buf_add(out, ",", 1);
            jsonw_str(out, name, strlen(name));
            sink_buf_add(out, ":[", 2);
            for (size_t i = 0; i < n; i++) {
                if (i)
                    sink_buf_add(out, ",", 1);
                put_span(j, out, &spans[i], text);
            }
            sink_buf_add(out, "]", 1);
        }
        sink_buf_add(out, "}", 1);
    }
    if (j->repairs) {
        sink_buf_puts(out, ",\"utf8_repairs\":");
        jsonw_int(out, (long long)j->repairs);
    }
    sink_buf_add(out, "}", 1);
    return 0;
}

/* the whole record as one tree (indented output) */
static int encode_tree(jrec *j, const galley_doc *doc, sink_buf *out)
{
    json_t *r = record_json(j, doc);
    if (j->repairs)
        json_object_set_new_nocheck(r, "utf8_repairs", json_integer((json_int_t)j->repairs));
    int rc = json_dump_callback(r, dump_cb, out, j->flags);
    json_decref(r);
    return rc;
}

int jrec_encode(jrec *j, const galley_doc *doc, sink_buf *out)
{
    j->repairs = 0;
    j->nomem = 0;
    sink_buf_reset(out);
    int rc = can_stream(j, doc) ? encode_streamed(j, doc, out) : encode_tree(j, doc, out);
    if (j->repairs) {
        galley_warn("%s: output: replaced %zu invalid UTF-8 byte(s) with U+FFFD",
                    galley_doc_id(doc), j->repairs);
        j->total_repairs += j->repairs;
    }
    if (rc != 0 || j->nomem)
        return -1;
    sink_buf_add(out, "\n", 1);
    return sink_buf_failed(out) ? -1 : 0;
}

galley_status jrec_fail(const jrec *j, const sink_buf *out, galley_doc *doc)
{
    if (j->nomem || sink_buf_failed(out))
        return galley_doc_fail(doc, "out of memory building the JSON record (%zu bytes "
                               "built)", out->len);
    return galley_doc_fail(doc, "cannot encode the record as JSON (jansson refused it)");
}

void jrec_trim(sink_buf *out)
{
    if (out->cap <= (size_t)1 << 20)
        return;
    int e = errno;
    sink_buf_free(out);
    errno = e;
}
