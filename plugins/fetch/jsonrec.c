/* plugins/fetch/jsonrec.c - one JSON record into a document (jansson): the
 * record form the stdin fetch reads a line at a time and the redis fetch
 * reads from a stream entry. */
#include "config.h"

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
static void add_fields(galley_doc *doc, json_t *rec, int nested)
{
    static const char *const known[] = { "id", "text", "html", "url", "content_type",
                                         "source", "layers", NULL };
    const char *key;
    json_t *v;
    json_object_foreach(rec, key, v) {
        int skip = 0;
        for (size_t i = 0; known[i] && !nested; i++)
            skip |= !strcmp(key, known[i]);
        if (skip)
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

galley_status fetch_jsonrec_doc(galley_doc *doc, const char *line, size_t len,
                                const fetch_jsonrec *r)
{
    json_error_t jerr;
    json_t *rec = json_loadb(line, len, 0, &jerr);
    if (!rec) {
        galley_doc_set_id(doc, r->fallback_id);
        return galley_doc_fail(doc, "%s, column %d: not a JSON record: %s",
                               r->where, jerr.column, jerr.text);
    }
    galley_status rc = GALLEY_OK;
    json_t *id = json_object_get(rec, "id");
    char *idtext = id ? scalar_text(id) : NULL;
    galley_doc_set_id(doc, idtext && *idtext ? idtext : r->fallback_id);
    free(idtext);
    json_t *text = json_object_get(rec, "text"), *html = json_object_get(rec, "html");
    json_t *body = html ? html : text;
    if (!json_is_object(rec)) {
        rc = galley_doc_fail(doc, "%s: a record must be a JSON object "
                             "{\"id\": ..., \"text\": ...}", r->where);
    } else if (r->shard && !fetch_shard_mine(r->shard, galley_doc_id(doc))) {
        rc = GALLEY_SKIP;
    } else if (!body) {
        rc = galley_doc_fail(doc, "%s: the record has neither \"text\" nor \"html\"",
                             r->where);
    } else if (!json_is_string(body)) {
        rc = galley_doc_fail(doc, "%s: \"%s\" must be a string", r->where,
                             html ? "html" : "text");
    } else if (json_string_length(body) == 0 && r->empty != FETCH_EMPTY_KEEP) {
        rc = r->empty == FETCH_EMPTY_SKIP ? GALLEY_SKIP
           : galley_doc_fail(doc, "%s: empty \"%s\" (set empty = \"keep\" or \"skip\" "
                             "to accept it)", r->where, html ? "html" : "text");
    } else {
        fill(doc, rec, body, html != NULL, r);
    }
    json_decref(rec);
    return rc;
}
