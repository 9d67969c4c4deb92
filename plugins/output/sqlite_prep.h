/* plugins/output/sqlite_prep.h - the sqlite output's prepare() step: FTS5
 * tokens made in the workers, replayed by the writer. */
#ifndef GALLEY_SQLITE_PREP_H
#define GALLEY_SQLITE_PREP_H

#include <galley/galley.h>

#include "sqlite_fts.h"

typedef struct sqlite_prep sqlite_prep;

sqlite_prep *sqlite_prep_new(void);
void sqlite_prep_free(sqlite_prep *p);
/* In a worker: hands doc the tokens of its indexed texts (title, text,
 * summary, as bound; NULL for none) as its prepared record.  Nothing when
 * this thread has no tokenizer or memory ran out: the writer tokenizes. */
void sqlite_prep_doc(sqlite_prep *p, galley_doc *doc, const char *const text[],
                     const size_t len[]);
/* On the writer, before the statement that indexes doc: its prepared tokens
 * are replayed (sqlite_fts_replay_end after it). */
void sqlite_prep_arm(sqlite_fts *f, const galley_doc *doc);

#endif
