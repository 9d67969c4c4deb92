/* plugins/clean/text/internal.h - shared pieces of the `text` clean plugin:
 * growable buffers, the word set, rule tables and the passes over the text. */
#ifndef CLEAN_TEXT_INTERNAL_H
#define CLEAN_TEXT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <galley/util.h>

/* The passes write into the toolkit's galley_buf (galley/util.h), reused
 * across documents (no per-doc malloc once warm), with a sticky flag: out
 * of memory sets oom and drops further bytes, so callers check it once at
 * the end instead of after every append. */
typedef struct ct_buf {
    galley_buf b;
    int oom;
} ct_buf;

/* room for extra more bytes (and the NUL): 0, or -1 out of memory */
static inline int ct_buf_reserve(ct_buf *o, size_t extra)
{
    if (!o->oom && galley_reserve(&o->b.data, &o->b.cap, o->b.len + extra + 1, 1) < 0)
        o->oom = 1;
    return o->oom ? -1 : 0;
}

static inline void ct_buf_put(ct_buf *o, const char *s, size_t n)
{
    if (n && !o->oom && galley_buf_add(&o->b, s, n) < 0)
        o->oom = 1;
}

/* per character: the inline fast path of galley_buf_putc */
static inline void ct_buf_putc(ct_buf *o, char c)
{
    if (!o->oom && galley_buf_putc(&o->b, c) < 0)
        o->oom = 1;
}

/* ---- word set: the English word list as an open-addressing hash set ---- */
typedef struct ct_wordset {
    char *words;            /* the file, each '\n' replaced by '\0' */
    size_t size;
    uint64_t *slots;        /* hash << 32 | (offset + 1) into words; 0 = empty */
    size_t mask;
    size_t count;
} ct_wordset;

/* Loads a one-word-a-line file.  0, or -1 with a message in err. */
int ct_wordset_load(ct_wordset *ws, const char *path, char *err, size_t errlen);
int ct_wordset_has(const ct_wordset *ws, const char *w, size_t n);
void ct_wordset_free(ct_wordset *ws);

/* ---- rules files ---- */
typedef enum ct_line_rule_kind {
    CT_RULE_DROP = 1,       /* drop a line matching the pattern */
    CT_RULE_TAIL            /* drop the marker line and the headline list after it */
} ct_line_rule_kind;

typedef struct ct_line_rule {
    ct_line_rule_kind kind;
    char *pattern;          /* glob: '*' matches any run; ASCII case-insensitive */
    size_t len;
} ct_line_rule;

/* substitution: `from` (as found in damaged text) -> `to` (original text) */
typedef struct ct_subst {
    char *from, *to;
    size_t from_len, to_len;
} ct_subst;

typedef struct ct_rules {
    ct_line_rule *lines;
    size_t nlines, lines_cap;
    int bracketed;          /* `bracketed N`: drop [lines in brackets] of at
                             * least N words (0: rule absent) */
    int max_words;          /* longest line (in words) a line rule may drop */
    ct_subst *substs;       /* word-filter pairs or translation phrases */
    size_t nsubsts, substs_cap;
    unsigned char first[256];   /* first bytes of every `from` (translation) */
} ct_rules;

/* Each loader returns 0, or -1 with "FILE:LINE: what is wrong" in err.
 * shipped is the file galley ships (what `include default` reads), or NULL
 * when it cannot be found. */
int ct_rules_load_boilerplate(ct_rules *r, const char *path,
                              const char *shipped, char *err, size_t errlen);
int ct_rules_load_pairs(ct_rules *r, const char *path, const char *shipped,
                        int phrases, char *err, size_t errlen);
void ct_rules_free(ct_rules *r);

/* length of s without closing " :.!|>-" (so "Read more :" matches "Read more") */
size_t ct_strip_tail_punct(const char *s, size_t n);

/* ASCII case-insensitive glob match of the whole of s against pat. */
int ct_glob_match(const char *pat, size_t plen, const char *s, size_t slen);

/* ---- passes: each reads in[0..n) and appends to out; returns repairs ---- */
/* first invalid byte (or NUL) offset, or (size_t)-1 when s is valid UTF-8
 * without NULs; *nul tells which */
size_t ct_check_utf8(const char *s, size_t n, int *nul);
/* CT_ASCII, CT_NFC_STABLE (non-ASCII, but only characters NFC never
 * changes in any context), or CT_NEEDS_NFC */
enum { CT_ASCII, CT_NFC_STABLE, CT_NEEDS_NFC };
int ct_text_class(const char *s, size_t n);
size_t ct_mojibake(const char *in, size_t n, ct_buf *out);
size_t ct_chars(const char *in, size_t n, ct_buf *out, int invisible,
                int typography, size_t *typo_count);
void ct_whitespace(const char *in, size_t n, ct_buf *out);
size_t ct_boilerplate(const char *in, size_t n, ct_buf *out, const ct_rules *r,
                      ct_buf *scratch);
size_t ct_translate(const char *in, size_t n, ct_buf *out, const ct_rules *r);
size_t ct_wordfilter(const char *in, size_t n, ct_buf *out, const ct_rules *r,
                     const ct_wordset *ws);

#endif
