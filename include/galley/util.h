/* galley/util.h - the small tools plugins share: one hash, one growable
 * array with one out-of-memory policy, the finder for shipped data files and
 * process-wide read-only data.  Use these instead of a private copy. */
#ifndef GALLEY_UTIL_H
#define GALLEY_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- hashing ---- */
/* FNV-1a (64 bit, the published offset basis) of data[0..len): fast,
 * stable across runs, versions and machines (shard assignment, content
 * versions and file names rest on it); not cryptographic.  Its low bits are
 * weak: index a table with galley_hash_mix(h) & mask. */
uint64_t galley_hash64(const void *data, size_t len);

/* FNV-1a, 32 bit (offset basis 2166136261): for tables whose stored values
 * are these hashes, such as a model's hashed features (entities' weights) */
uint32_t galley_hash32(const void *data, size_t len);

/* the same steps, for hashing while scanning: h = GALLEY_HASH_INIT, then
 * h = galley_hash_step(h, byte) for each byte */
#define GALLEY_HASH_INIT 0xcbf29ce484222325ULL
static inline uint64_t galley_hash_step(uint64_t h, unsigned char c)
{
    return (h ^ c) * 1099511628211ULL;
}

/* spreads a hash's high bits into its low ones (a finaliser) */
static inline uint64_t galley_hash_mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

/* ---- growable arrays and byte buffers ----
 * One out-of-memory policy for both: nothing here aborts or logs.  A call
 * that cannot get memory (or whose size would overflow) returns -1 and
 * leaves the array or buffer as it was, still valid and still to be freed;
 * the caller fails what it was doing with a message: the document
 * (galley_doc_fail) or the stage (galley_stage_fail).  One bad document
 * must not end the run. */

/* Makes room for need elements of elem bytes in the malloc()ed array *arrp
 * (arrp is the address of the array pointer: &v) of *cap elements,
 * doubling.  0, or -1 as above. */
int galley_reserve(void *arrp, size_t *cap, size_t need, size_t elem);

/* a growable byte string: zero-initialise; data is NUL-terminated after
 * any successful append; reuse it across documents with len = 0 */
typedef struct galley_buf {
    char *data;
    size_t len, cap;
} galley_buf;

int galley_buf_add(galley_buf *b, const void *s, size_t n);

/* one byte, inline for loops that write a character at a time */
static inline int galley_buf_putc(galley_buf *b, char c)
{
    if (b->len + 2 > b->cap && galley_reserve(&b->data, &b->cap, b->len + 2, 1) < 0)
        return -1;
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
    return 0;
}
int galley_buf_puts(galley_buf *b, const char *s);
int galley_buf_printf(galley_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int galley_buf_vprintf(galley_buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
void galley_buf_free(galley_buf *b);

/* ---- data files shipped with galley ----
 * Finds AREA/NAME ("extract", "keyphrase-df.txt") in $GALLEY_DATADIR/AREA,
 * then $GALLEY_DATADIR, then the installed data folder (PKGDATADIR/AREA),
 * then, only when the running program is galley's own uninstalled build,
 * the source tree's conf/AREA.  0 and the path in buf (cap bytes), or -1
 * with buf holding "NAME is in none of DIR, DIR, ..." for a message. */
int galley_data_path(const char *area, const char *name, char *buf, size_t cap);

/* ---- whole files ----
 * The whole of the file at path (a word list, a rules file, an article),
 * malloc()ed and NUL-terminated after its last byte: the caller frees it.
 * *len (if not NULL) gets its size.  NULL with errno set when it cannot be
 * read (ENOENT, EACCES, EISDIR for a directory, ENOMEM, ...): put
 * strerror(errno) and the path in your message. */
char *galley_read_file(const char *path, size_t *len);

/* The lines of data[0..len) (say, galley_read_file's), for data files: puts
 * the line at *pos in *line and *n (without its '\n' and a '\r' before
 * it; not NUL-terminated) and moves *pos past it.  0 at the end.  Loading a
 * word list this way costs a third of a fgets() loop. */
int galley_line_next(const char *data, size_t len, size_t *pos, const char **line,
                     size_t *n);

/* ---- read-only data shared by every worker of the process ----
 * Gazetteers, rules, df tables and lexicons are loaded once per process,
 * not once per worker: galley_shared_get() returns the object stored under
 * key (any string naming the data and what it was loaded from, e.g. the
 * file path), calling load(arg, &err) to build it the first time.  Every
 * successful get takes a reference, released by galley_shared_put(); the
 * last put calls free_fn(obj).  Thread-safe; load runs once per key even
 * when workers open at the same time.  The object must not change after
 * load returns.  NULL when load failed: err (if not NULL) gets its message
 * (malloc()ed, the caller frees it). */
typedef void *(*galley_shared_load)(void *arg, char **err);
void *galley_shared_get(const char *key, galley_shared_load load, void *arg,
                        void (*free_fn)(void *), char **err);
void galley_shared_put(void *obj);

#ifdef __cplusplus
}
#endif
#endif
