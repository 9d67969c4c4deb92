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

/* Writes one finished entry (whole, or fails the doc naming the file) and
 * warns when invalid UTF-8 had to be replaced in it. */
galley_status digest_write_entry(sink_file *out, const sink_buf *entry, galley_doc *doc,
                                 size_t repairs);

/* A digest is written whole at close from the documents of one run; a run
 * with a state file processes only new or changed documents, so it would
 * silently lose the rest.  GALLEY_ERROR with the reason in such a run. */
galley_status digest_refuse_resume(galley_stage *st);

#endif
