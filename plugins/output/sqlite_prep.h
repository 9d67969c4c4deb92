/* plugins/output/sqlite_prep.h - the sqlite output's prepare() step: the
 * indexed columns checked for UTF-8 and tokenized for FTS5 in the workers;
 * the writer binds those texts and replays those tokens. */
#ifndef GALLEY_SQLITE_PREP_H
#define GALLEY_SQLITE_PREP_H

#include <galley/galley.h>
#include <stdint.h>

#include "sqlite_fts.h"

typedef struct sqlite_prep sqlite_prep;

sqlite_prep *sqlite_prep_new(void);
void sqlite_prep_free(sqlite_prep *p);
/* In a worker: hands doc its indexed texts (title, text, summary; NULL for
 * none), repaired where they are not UTF-8, and their tokens as its
 * prepared record.  Nothing when this thread has no tokenizer or memory ran
 * out: the writer does both itself.  others_valid: the caller found the
 * document's other values valid UTF-8; hash: its sqlite_doc_hash (both
 * kept in the record). */
void sqlite_prep_doc(sqlite_prep *p, galley_doc *doc, const char *const text[],
                     const size_t len[], int others_valid, uint64_t hash);

/* A prepared record as the writer reads it (pointers into the doc's record) */
typedef struct sqlite_prep_rec {
    const char *text[SQLITE_FTS_COLUMNS];       /* valid UTF-8, NUL after it; NULL: none */
    size_t len[SQLITE_FTS_COLUMNS];
    int nul_free[SQLITE_FTS_COLUMNS];           /* no NUL before len: bind it with -1 */
    const char *toks[SQLITE_FTS_COLUMNS];
    size_t ntoks[SQLITE_FTS_COLUMNS];
    size_t repairs;                             /* invalid sequences replaced */
    int others_valid;                           /* as sqlite_prep_doc was told */
    uint64_t hash;                              /* likewise */
} sqlite_prep_rec;

/* On the writer: doc's prepared record, 0; -1 when it has none (or not
 * one sqlite_prep_doc made). */
int sqlite_prep_read(const galley_doc *doc, sqlite_prep_rec *r);
/* Before the statement that indexes the texts of r: their tokens are
 * replayed (sqlite_fts_replay_end after it). */
void sqlite_prep_arm(sqlite_fts *f, const sqlite_prep_rec *r);

#endif
