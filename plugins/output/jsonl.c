/* plugins/output/jsonl.c - JSON Lines output: one JSON object per document
 * (schema: doc/output-schema.md), to standard output or a file renamed into
 * place at close.  JSON is built and escaped by jansson. */
#include <galley/galley.h>

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sink.h"

typedef struct jsonl {
    galley_stage *stage;        /* for close()'s failure message */
    sink_file out;
    const char *const *only;    /* fields = {...}: keep only these */
    size_t nonly;
    const char *const *exclude;
    size_t nexclude;
    int text, layers, span_text;
    size_t flags;               /* jansson dump flags */
    sink_buf rec;               /* reused for each record */
    size_t repairs;             /* invalid UTF-8 bytes replaced, this doc */
    unsigned long long total_repairs;
} jsonl;

static const galley_option jsonl_opts[] = {
    { GALLEY_OPT_STRING, "path", "-", 0, 0, 0,
      "output file (written to a temp file, renamed at close); - = standard output", NULL },
    { GALLEY_OPT_LIST, "fields", NULL, 0, 0, 0,
      "write only these fields (default: every field)", NULL },
    { GALLEY_OPT_LIST, "exclude", NULL, 0, 0, 0, "fields to leave out", NULL },
    { GALLEY_OPT_BOOL, "text", "true", 0, 0, 0, "include the document text", NULL },
    { GALLEY_OPT_BOOL, "layers", "true", 0, 0, 0, "include the span layers", NULL },
    { GALLEY_OPT_BOOL, "span_text", "true", 0, 0, 0,
      "include each span's text (start/end/label/score are always written)", NULL },
    { GALLEY_OPT_BOOL, "pretty", "false", 0, 0, 0,
      "indent each record over several lines (no longer one record a line)", NULL },
    { 0 }
};

static int in_list(const char *const *items, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(items[i], s) == 0)
            return 1;
    return 0;
}

static int field_wanted(const jsonl *j, const char *key)
{
    if (j->nonly && !in_list(j->only, j->nonly, key))
        return 0;
    return !in_list(j->exclude, j->nexclude, key);
}

/* A JSON string from bytes that should be UTF-8; invalid bytes become
 * U+FFFD and are counted, because jansson (rightly) refuses them. */
static json_t *jstr(jsonl *j, const char *s, size_t n)
{
    size_t len;
    char *fixed = sink_utf8_repair(s, n, &len, &j->repairs);
    json_t *v = fixed ? json_stringn_nocheck(fixed, len) : json_stringn_nocheck(s, n);
    free(fixed);
    return v;
}

static json_t *jcstr(jsonl *j, const char *s)
{
    return jstr(j, s ? s : "", s ? strlen(s) : 0);
}

/* JSON has no NaN or infinity: a score that is not finite is written null */
static json_t *jscore(double score)
{
    return isfinite(score) ? json_real(score) : json_null();
}

static json_t *field_value(jsonl *j, const char *value, double score)
{
    if (!galley_has_score(score))
        return jcstr(j, value);
    json_t *o = json_object();
    json_object_set_new_nocheck(o, "value", jcstr(j, value));
    json_object_set_new_nocheck(o, "score", jscore(score));
    return o;
}

/* one value -> that value; several -> an array, in the order they were added */
static json_t *field_json(jsonl *j, const galley_doc *doc, const char *key)
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

static json_t *fields_json(jsonl *j, const galley_doc *doc)
{
    json_t *o = json_object();
    size_t nk = galley_doc_nkeys(doc);
    for (size_t k = 0; k < nk; k++) {
        const char *key = galley_doc_key(doc, k);
        if (field_wanted(j, key) && galley_doc_field_count(doc, key) > 0)
            json_object_set_new(o, key, field_json(j, doc, key));
    }
    return o;
}

/* the summary as one string (its values joined by a space), or null */
static json_t *summary_json(jsonl *j, const galley_doc *doc)
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
    json_t *v = jstr(j, b.data, b.len);
    sink_buf_free(&b);
    return v;
}

static json_t *span_json(jsonl *j, const galley_span *s, const char *text)
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

static json_t *layers_json(jsonl *j, const galley_doc *doc)
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
        json_object_set_new(o, name, a);
    }
    return o;
}

static json_t *record_json(jsonl *j, const galley_doc *doc)
{
    json_t *r = json_object();
    json_object_set_new_nocheck(r, "id", jcstr(j, galley_doc_id(doc)));
    json_object_set_new_nocheck(r, "source", jcstr(j, galley_doc_source(doc)));
    json_object_set_new_nocheck(r, "content_type", jcstr(j, galley_doc_content_type(doc)));
    const char *charset = field_wanted(j, "charset") ? galley_doc_field(doc, "charset") : NULL;
    json_object_set_new_nocheck(r, "charset", charset ? jcstr(j, charset) : json_null());
    json_object_set_new_nocheck(r, "fields", fields_json(j, doc));
    json_object_set_new_nocheck(r, "summary", summary_json(j, doc));
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
    return 0;
}

static galley_status jsonl_process(void *state, galley_doc *doc)
{
    jsonl *j = state;
    j->repairs = 0;
    json_t *r = record_json(j, doc);
    if (j->repairs) {
        json_object_set_new_nocheck(r, "utf8_repairs", json_integer((json_int_t)j->repairs));
        galley_warn("%s: output: replaced %zu invalid UTF-8 byte(s) with U+FFFD",
                    galley_doc_id(doc), j->repairs);
        j->total_repairs += j->repairs;
    }
    j->rec.len = 0;
    int rc = json_dump_callback(r, dump_cb, &j->rec, j->flags);
    json_decref(r);
    if (rc != 0)
        return galley_doc_fail(doc, "cannot encode the record as JSON (jansson refused it)");
    sink_buf_add(&j->rec, "\n", 1);
    int e = sink_write(&j->out, j->rec.data, j->rec.len);
    if (e)
        return galley_doc_fail(doc, "cannot write the record to %s: %s",
                               sink_name(&j->out), strerror(e));
    return GALLEY_OK;
}

static galley_status jsonl_open(galley_stage *st, void **state)
{
    jsonl *j = calloc(1, sizeof *j);
    if (!j)
        return galley_stage_fail(st, "out of memory");
    j->nonly = galley_opt_list(st, "fields", &j->only);
    j->nexclude = galley_opt_list(st, "exclude", &j->exclude);
    j->text = galley_opt_bool(st, "text");
    j->layers = galley_opt_bool(st, "layers");
    j->span_text = galley_opt_bool(st, "span_text");
    /* key order as built (id first), and non-ASCII as UTF-8, not \u escapes */
    j->flags = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15);
    j->flags |= galley_opt_bool(st, "pretty") ? JSON_INDENT(2) : JSON_COMPACT;
    char err[512];
    if (sink_open(&j->out, galley_opt_str(st, "path"), err, sizeof err) < 0) {
        free(j);
        return galley_stage_fail(st, "%s", err);
    }
    j->stage = st;
    *state = j;
    return GALLEY_OK;
}

static galley_status jsonl_close(void *state)
{
    jsonl *j = state;
    char err[512];
    int rc = sink_commit(&j->out, err, sizeof err);
    if (j->total_repairs)
        galley_info("output: %llu invalid UTF-8 byte(s) replaced with U+FFFD in all",
                    j->total_repairs);
    galley_stage *st = j->stage;
    sink_buf_free(&j->rec);
    free(j);
    return rc < 0 ? galley_stage_fail(st, "%s", err) : GALLEY_OK;
}

GALLEY_PLUGIN(jsonl,
    .kind = GALLEY_OUTPUT,
    .summary = "JSON Lines: one JSON object per document (id, fields, text, layers)",
    .version = "1.0",
    .license = "MIT",
    .options = jsonl_opts,
    .open = jsonl_open, .process = jsonl_process, .close = jsonl_close);
