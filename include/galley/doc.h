/* galley/doc.h - the document passed through every stage: identity, raw
 * bytes, UTF-8 text, multi-valued fields, span layers and a per-doc arena. */
#ifndef GALLEY_DOC_H
#define GALLEY_DOC_H

#include <stdarg.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct galley_doc galley_doc;

/* A span over the document's text, in bytes: [start, end).  label may be
 * NULL; score is GALLEY_NO_SCORE when the span has none. */
typedef struct galley_span {
    size_t start, end;
    const char *label;
    double score;
} galley_span;

/* "no score" for fields and spans; test with galley_has_score(). */
#define GALLEY_NO_SCORE (__builtin_nan(""))
int galley_has_score(double score);

/* Documents are created by the core (or by tests: see galley/testing.h).
 * galley_doc_free releases the arena and everything attached to the doc. */
galley_doc *galley_doc_new(void);
void galley_doc_free(galley_doc *doc);

/* ---- arena: freed with the doc; plugins never free doc memory ---- */
void *galley_doc_alloc(galley_doc *doc, size_t size);   /* zeroed, aligned */
char *galley_doc_strndup(galley_doc *doc, const char *s, size_t n);
char *galley_doc_strdup(galley_doc *doc, const char *s);
char *galley_doc_printf(galley_doc *doc, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ---- identity ---- */
const char *galley_doc_id(const galley_doc *doc);        /* "" until set */
/* An id is always valid UTF-8 (outputs and the state file keep it as text):
 * each byte of id that is not part of a UTF-8 sequence is stored as %HH
 * (upper-case hex), so two file names that differ only in such bytes keep
 * distinct ids.  A valid id is stored as it is. */
void galley_doc_set_id(galley_doc *doc, const char *id);
const char *galley_doc_source(const galley_doc *doc);    /* path or URL, "" */
void galley_doc_set_source(galley_doc *doc, const char *source);
const char *galley_doc_content_type(const galley_doc *doc); /* "" until set */
void galley_doc_set_content_type(galley_doc *doc, const char *type);
/* position in fetch order, set by the core (0-based) */
unsigned long long galley_doc_seq(const galley_doc *doc);
/* Fetch only (ABI 1.1).  token: an opaque string the fetch plugin gets back
 * in its ack() (a stream entry id, an offset).  version: what identifies this
 * content of the id (for a file: size, mtime, hash), so that a run with a
 * state file skips an id whose version it has acknowledged.  NULL/"" unset. */
const char *galley_doc_token(const galley_doc *doc);
void galley_doc_set_token(galley_doc *doc, const char *token);
const char *galley_doc_version(const galley_doc *doc);
void galley_doc_set_version(galley_doc *doc, const char *version);

/* ---- raw bytes as fetched (may contain NULs, any encoding) ---- */
const char *galley_doc_raw(const galley_doc *doc, size_t *len);
void galley_doc_set_raw(galley_doc *doc, const void *bytes, size_t len); /* copies */
/* takes ownership of a malloc()ed buffer (no copy for large files) */
void galley_doc_take_raw(galley_doc *doc, void *malloced, size_t len);

/* ---- ABI 1.2: an output's record built by its prepare() step ----
 * In an output's prepare(): takes a malloc()ed buffer (freed with the doc)
 * as this output stage's record of the doc.  In its process(): the bytes
 * prepare() handed over for this stage, or NULL when none was prepared. */
void galley_doc_set_prepared(galley_doc *doc, void *malloced, size_t len);
const char *galley_doc_prepared(const galley_doc *doc, size_t *len);

/* ---- text: the current UTF-8 body; always NUL-terminated, but may hold
 * NULs only if a fetcher put them there (clean stages reject them) ---- */
const char *galley_doc_text(const galley_doc *doc, size_t *len);
/* Copies; replacing the text drops every layer (their spans would dangle)
 * and frees the text it replaces: a pointer got from galley_doc_text before
 * is not valid after (text may point into the old text: it is copied first). */
void galley_doc_set_text(galley_doc *doc, const char *text, size_t len);
int galley_doc_has_text(const galley_doc *doc);

/* ---- fields: key -> one or more values, each with an optional score ---- */
/* Replaces all values of key with one value. */
void galley_doc_set_field(galley_doc *doc, const char *key, const char *value);
/* Appends a value (score may be GALLEY_NO_SCORE). */
void galley_doc_add_field(galley_doc *doc, const char *key, const char *value,
                          double score);
void galley_doc_set_fieldf(galley_doc *doc, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void galley_doc_remove_field(galley_doc *doc, const char *key);
/* first value, or NULL */
const char *galley_doc_field(const galley_doc *doc, const char *key);
size_t galley_doc_field_count(const galley_doc *doc, const char *key);
/* i-th value of key (NULL past the end); score may be NULL */
const char *galley_doc_field_value(const galley_doc *doc, const char *key,
                                   size_t i, double *score);
/* keys in the order they were first set, for serializers */
size_t galley_doc_nkeys(const galley_doc *doc);
const char *galley_doc_key(const galley_doc *doc, size_t k);

/* ---- layers: named lists of spans over text ----
 * Standard layers: paragraph, sentence, entity (labels PERSON ORG LOC MISC),
 * quote (label = speaker), summary.  Sentence labels: title, date, dateline,
 * byline, caption; NULL = a body sentence.  Standard fields: title author
 * date dateline lang charset words reading_minutes keyword summary people
 * places organizations description site_name url repairs. */
/* Appends a span; label is copied.  Returns 0, or -1 if the span is outside
 * the text or start > end (nothing added). */
int galley_doc_add_span(galley_doc *doc, const char *layer, size_t start,
                        size_t end, const char *label, double score);
/* spans of a layer (NULL and *n = 0 if absent); valid until the next change */
const galley_span *galley_doc_layer(const galley_doc *doc, const char *layer,
                                    size_t *n);
void galley_doc_remove_layer(galley_doc *doc, const char *layer);
size_t galley_doc_nlayers(const galley_doc *doc);
const char *galley_doc_layer_name(const galley_doc *doc, size_t k);

/* ---- failure ---- */
/* Sets the failure message of the current stage and returns GALLEY_ERROR
 * (an int equal to it), so `return galley_doc_fail(doc, "...")` works. */
int galley_doc_fail(galley_doc *doc, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int galley_doc_vfail(galley_doc *doc, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
const char *galley_doc_error(const galley_doc *doc);    /* NULL if none */

#ifdef __cplusplus
}
#endif
#endif
