/* plugins/output/sqlite_fts.h - a faster, token-for-token identical stand-in
 * for FTS5's "porter unicode61" tokenizer on galley's own writer connection,
 * and the same tokenizer in the workers, whose tokens the writer replays. */
#ifndef GALLEY_SQLITE_FTS_H
#define GALLEY_SQLITE_FTS_H

#include <galley/galley.h>

#include <stddef.h>
#include <sqlite3.h>

#include "sink.h"

enum { SQLITE_FTS_COLUMNS = 3 };        /* title, text, summary */

/* The stand-in registered on one connection (freed with it). */
typedef struct sqlite_fts sqlite_fts;

/* Registers the stand-in as "porter" on db (only this connection: the
 * database keeps naming FTS5's built-in tokenizer, which every reader
 * uses).  NULL when it cannot (then db is unchanged and FTS5's own
 * tokenizer indexes, only slower). */
sqlite_fts *sqlite_fts_fast_porter(sqlite3 *db);

/* Until sqlite_fts_replay_end: a column whose text is byte for byte `text`
 * gets the tokens a worker made of it (sqlite_fts_tokens) instead of being
 * tokenized again.  Up to SQLITE_FTS_COLUMNS texts; the memory stays the
 * caller's. */
void sqlite_fts_replay(sqlite_fts *f, const char *text, size_t n, const char *toks,
                       size_t len);
void sqlite_fts_replay_end(sqlite_fts *f);

/* A worker thread's own tokenizer: NULL when none can be made or it would
 * not give FTS5's tokens (then the writer tokenizes). */
typedef struct sqlite_fts_worker sqlite_fts_worker;
sqlite_fts_worker *sqlite_fts_worker_new(void);
void sqlite_fts_worker_free(sqlite_fts_worker *w);
/* Appends the tokens of text as the index takes them to out (a byte buffer:
 * per token its flags, length, start and end as ints, then its bytes); 0,
 * or -1 when memory ran out (out then holds what it held). */
int sqlite_fts_tokens(sqlite_fts_worker *w, const char *text, size_t n, sink_buf *out);

#endif
