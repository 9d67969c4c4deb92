/* plugins/output/sqlite_fts.h - a faster, token-for-token identical stand-in
 * for FTS5's "porter unicode61" tokenizer on galley's own writer connection. */
#ifndef GALLEY_SQLITE_FTS_H
#define GALLEY_SQLITE_FTS_H

#include <sqlite3.h>

/* Registers the stand-in as "porter" on db (only this connection: the
 * database keeps naming FTS5's built-in tokenizer, which every reader
 * uses).  SQLITE_OK, or an SQLite error code (then db is unchanged and
 * FTS5's own tokenizer indexes, only slower). */
int sqlite_fts_fast_porter(sqlite3 *db);

#endif
