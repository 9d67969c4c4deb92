/* plugins/fetch/jsonrec.h - one JSON record (id, text or html, url, other
 * members as fields) into a document; shared by the stdin and redis fetches
 * so a JSON Lines line and a stream entry mean the same thing. */
#ifndef GALLEY_FETCH_JSONREC_H
#define GALLEY_FETCH_JSONREC_H

#include <stddef.h>
#include <galley/galley.h>
#include "common.h"

typedef struct fetch_jsonrec {
    const char *where;      /* for messages: "stdin line 5", "stream S entry 1-0" */
    const char *fallback_id;/* the id of a record without one: "stdin:5" */
    const fetch_shard *shard;   /* NULL: keep every id */
    int empty;              /* FETCH_EMPTY_*: a record with empty text */
} fetch_jsonrec;

/* Parses json[0..len) into doc: the id (or r->fallback_id), the text from
 * "html" or "text", content_type, url (also the source; else where), the
 * field charset = utf-8, and every other member as a field (arrays as
 * several values).  GALLEY_OK, GALLEY_SKIP (another shard's, or empty text
 * with FETCH_EMPTY_SKIP) or GALLEY_ERROR (doc failed, with where named). */
galley_status fetch_jsonrec_doc(galley_doc *doc, const char *json, size_t len,
                                const fetch_jsonrec *r);
/* The same, always through jansson: fetch_jsonrec_doc reads a flat object of
 * strings itself, and must give the same document (the stdin fuzz target
 * compares the two on every line). */
galley_status fetch_jsonrec_doc_jansson(galley_doc *doc, const char *json, size_t len,
                                        const fetch_jsonrec *r);

#endif
