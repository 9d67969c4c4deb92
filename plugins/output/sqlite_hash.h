/* plugins/output/sqlite_hash.h - a hash of everything the sqlite output
 * stores of a document: a rerun leaves the rows of a document that hashes
 * the same as they are. */
#ifndef GALLEY_SQLITE_HASH_H
#define GALLEY_SQLITE_HASH_H

#include <galley/galley.h>
#include <stdint.h>

/* The id, source and content type, the text, every field's values and
 * scores, the entity layer, and whether the text is stored (with_text):
 * the inputs of every row the plugin writes for doc. */
uint64_t sqlite_doc_hash(const galley_doc *doc, int with_text);

#endif
