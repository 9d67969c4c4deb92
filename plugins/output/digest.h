/* plugins/output/digest.h - what a readable digest shows of an article:
 * its title, summary, top entities (by mentions) and top keywords.  Shared by
 * the markdown and html digests. */
#ifndef GALLEY_OUTPUT_DIGEST_H
#define GALLEY_OUTPUT_DIGEST_H

#include <galley/galley.h>
#include "sink.h"

typedef struct digest_entity {
    const char *name;       /* arena memory of the doc */
    const char *label;      /* PERSON ORG LOC MISC ..., "" if none */
    size_t count;           /* mentions */
    size_t first;           /* order of first mention (ties keep it) */
} digest_entity;

/* the entity kinds in the order a digest lists them, with their headings */
typedef struct digest_group {
    const char *label, *heading;
} digest_group;
extern const digest_group digest_groups[];   /* ends with { NULL, "Other" } */

/* The title field, else the first line of the text, else the id. */
const char *digest_title(galley_doc *doc);
/* The summary field's values joined by a space, or NULL. */
const char *digest_summary(galley_doc *doc);
/* Up to max entities of one label group (label NULL = every label not in
 * digest_groups), most mentioned first, from the entity layer or, without
 * one, the people/organizations/places fields.  Arena array; returns n. */
size_t digest_entities(galley_doc *doc, const char *label, size_t max, digest_entity **out);
/* Up to max keywords, best first (their order in the keyword field). */
size_t digest_keywords(galley_doc *doc, size_t max, const char ***out);

/* ---- the file every digest writes: a head, one entry per article, a foot ---- */
typedef struct digest_out {
    galley_stage *stage;
    sink_file out;
    long long top;              /* option "top" */
    unsigned long long n;       /* entries written */
    sink_buf buf;               /* the head, an entry or the foot being built */
    size_t repairs;             /* invalid UTF-8 bytes replaced in this entry */
} digest_out;

/* The open() of a digest: reads "path" and "top", refuses a run with a
 * state file (a digest is written whole at close from the documents of one
 * run; a resumed run would silently lose the rest), opens the file and
 * writes what head(d, title option) puts in d->buf.  *state = the
 * digest_out; GALLEY_ERROR with the stage's message. */
galley_status digest_open(galley_stage *st, void (*head)(digest_out *d, const char *title),
                          void **state);

/* Starts an entry in d->buf. */
void digest_begin_entry(digest_out *d);

/* Writes the entry built in d->buf (whole, or fails the doc naming the file
 * or saying memory ran out) and warns when invalid UTF-8 had to be replaced
 * in it. */
galley_status digest_write_entry(digest_out *d, galley_doc *doc);

/* The close() of a digest: writes what foot(d) puts in d->buf, renames the
 * file into place and frees d. */
galley_status digest_close(digest_out *d, void (*foot)(digest_out *d));

#endif
