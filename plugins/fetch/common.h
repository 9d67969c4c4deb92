/* plugins/fetch/common.h - helpers shared by the fetch plugins (compiled into
 * each module, not exported): charset detection and decoding to UTF-8,
 * content-type sniffing, shards and glob lists. */
#ifndef GALLEY_FETCH_COMMON_H
#define GALLEY_FETCH_COMMON_H

#include <stddef.h>
#include <galley/galley.h>

/* ---- decoding ---- */

/* What to do with a NUL character in a document (HTML: replace in HTML
 * documents, as browsers read them; fail the others) */
enum { FETCH_NUL_FAIL = 0, FETCH_NUL_REPLACE, FETCH_NUL_HTML };

typedef struct fetch_decoder {
    const char *fallback;   /* charset for bytes that are not UTF-8 */
    int nul;                /* FETCH_NUL_* */
} fetch_decoder;

/* Checks a decoder's settings (iconv knows the fallback); 0 or -1 with a
 * message in err. */
int fetch_decoder_check(const fetch_decoder *dec, char *err, size_t errlen);

/* Decodes bytes[0..len) into the doc's text (always valid UTF-8) and sets
 * the fields `charset` (what was used) and `charset_source` (where it came
 * from).  The charset comes from, in order: a byte-order mark, `declared`
 * (e.g. an HTTP Content-Type charset; may be NULL), an HTML <meta>
 * declaration when is_html, UTF-8 when the bytes are valid UTF-8, else the
 * decoder's fallback (charset_source = "fallback").  A declared charset
 * wins, its invalid bytes replaced by U+FFFD and counted in
 * `charset_replaced`; but valid UTF-8 with non-ASCII in it is read as UTF-8
 * whatever single-byte charset it declares.  A NUL fails the doc with its
 * byte offset unless dec->nul says replace (counted in `nul_replaced`).
 * Returns GALLEY_OK or GALLEY_ERROR (doc failed). */
galley_status fetch_decode(galley_doc *doc, const char *bytes, size_t len,
                           int is_html, const char *declared,
                           const fetch_decoder *dec);

/* charset=... of a Content-Type value into out (lower case); 1 if found */
int fetch_content_type_charset(const char *ct, char *out, size_t cap);
/* charset of an HTML <meta charset> or http-equiv in the first bytes; 1 if found */
int fetch_html_meta_charset(const char *b, size_t n, char *out, size_t cap);

/* ---- files ---- */

enum { FETCH_EMPTY_FAIL = 0, FETCH_EMPTY_SKIP, FETCH_EMPTY_KEEP };

typedef struct fetch_file {
    int follow;             /* follow symbolic links */
    long long max_bytes;
    int empty;              /* FETCH_EMPTY_* */
    fetch_decoder dec;
} fetch_file;

/* Fills doc (id, source = path, raw, content_type, text, charset) from the
 * file at path without ever blocking on a FIFO or device.  GALLEY_OK,
 * GALLEY_ERROR (doc failed: missing, unreadable, special, too big, NUL...)
 * or GALLEY_SKIP (empty file with FETCH_EMPTY_SKIP). */
galley_status fetch_file_doc(galley_doc *doc, const char *path, const char *id,
                             const fetch_file *ff);

/* "fail|skip|keep" and "fail|replace" option values as FETCH_* numbers */
int fetch_empty_mode(const char *v);
int fetch_nul_mode(const char *v);

/* ---- content type ---- */

/* "text/html", "text/markdown" or "text/plain": HTML markup at the start of
 * the bytes wins, then the name's extension (name may be NULL). */
const char *fetch_sniff_type(const char *name, const char *bytes, size_t len);

/* ---- shards: "K/N", 1 <= K <= N ---- */
typedef struct fetch_shard {
    unsigned k, n;          /* n == 0: no sharding */
} fetch_shard;

/* Parses s (NULL or "" = no sharding); 0, or -1 with a message in err. */
int fetch_shard_parse(const char *s, fetch_shard *sh, char *err, size_t errlen);
/* 1 if the document with this id belongs to the shard (a stable hash of the
 * id: FNV-1a 64, so every machine agrees) */
int fetch_shard_mine(const fetch_shard *sh, const char *id);

/* ---- the option rows and settings every file-reading fetch plugin has ----
 * "shard" (what `galley run --shard K/N` sets), "nul" and "fallback", in
 * each plugin's words: VERB "read", KEY what the hash is of ("id", "URL"),
 * ITEM and ITEMS what a document comes from ("file", "files"). */
#define FETCH_SHARD_OPTION(VERB, KEY) \
    { GALLEY_OPT_STRING, "shard", "", 0, 0, 0, \
      "K/N: " VERB " only the K-th of N parts (by a stable hash of the " KEY "); " \
      "`--shard K/N` sets it", NULL }
#define FETCH_DECODE_OPTIONS(ITEM, ITEMS) \
    { GALLEY_OPT_STRING, "nul", "html", 0, 0, 0, \
      "a NUL in a " ITEM ": fail it, replace it with U+FFFD, or html: " \
      "replace in HTML " ITEMS ", fail the others", "fail|replace|html" }, \
    { GALLEY_OPT_STRING, "fallback", "windows-1252", 0, 0, 0, \
      "charset of " ITEMS " that are not UTF-8 and declare none (an iconv name)", NULL }

/* Reads the stage's "shard", "nul" and "fallback" into sh and dec and checks
 * them; 0, or -1 with a message in err. */
int fetch_read_common(galley_stage *st, fetch_shard *sh, fetch_decoder *dec, char *err,
                      size_t errlen);

/* ---- glob lists ---- */
/* 1 if name matches one of the patterns (fnmatch, case-insensitive) */
int fetch_glob_any(const char *const *pats, size_t n, const char *name);

#endif
