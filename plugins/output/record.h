/* plugins/output/record.h - the JSON record of one document (schema:
 * doc/output-schema.md), shared by the jsonl and json outputs. */
#ifndef GALLEY_OUTPUT_RECORD_H
#define GALLEY_OUTPUT_RECORD_H

#include <galley/galley.h>
#include "sink.h"

/* The option rows every record writer takes (add path/dir/pretty yourself). */
#define JREC_OPTIONS \
    { GALLEY_OPT_LIST, "fields", NULL, 0, 0, 0, \
      "write only these fields (default: every field)", NULL }, \
    { GALLEY_OPT_LIST, "exclude", NULL, 0, 0, 0, "fields to leave out", NULL }, \
    { GALLEY_OPT_BOOL, "text", "true", 0, 0, 0, "include the document text", NULL }, \
    { GALLEY_OPT_BOOL, "layers", "true", 0, 0, 0, "include the span layers", NULL }, \
    { GALLEY_OPT_BOOL, "span_text", "false", 0, 0, 0, \
      "repeat each span's text in the span (start/end/label/score are always " \
      "written; the text is text[start:end))", NULL }

typedef struct jrec {
    const char *const *only;    /* fields = {...}: keep only these */
    size_t nonly;
    const char *const *exclude;
    size_t nexclude;
    int text, layers, span_text;
    size_t flags;               /* jansson dump flags */
    size_t repairs;             /* invalid UTF-8 bytes replaced, this doc */
    int nomem;                  /* memory ran out building this doc's record */
    unsigned long long total_repairs;
} jrec;

/* reads the JREC_OPTIONS of the stage */
void jrec_open(galley_stage *st, jrec *j, int pretty);
/* The record as JSON text ending in a newline, in out (reset first);
 * 0, or -1 if jansson cannot encode it or memory ran out: then jrec_fail()
 * fails the document saying which. */
int jrec_encode(jrec *j, const galley_doc *doc, sink_buf *out);
galley_status jrec_fail(const jrec *j, const sink_buf *out, galley_doc *doc);
/* After the record was written: frees a buffer over 1 MiB rather than keep
 * it for the next record (one giant document would hold its size for good
 * while the stages work on the next ones).  errno is left as it was. */
void jrec_trim(sink_buf *out);

#endif
