/* plugins/clean/text/internal.h - shared pieces of the `text` clean plugin:
 * growable buffers, the word set, rule tables and the passes over the text. */
#ifndef CLEAN_TEXT_INTERNAL_H
#define CLEAN_TEXT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* A growable byte buffer reused across documents (no per-doc malloc once
 * warm).  Out of memory sets oom and drops further bytes: callers check it
 * once at the end instead of after every append. */
typedef struct ct_buf {
    char *p;
    size_t len, cap;
    int oom;
} ct_buf;

int ct_buf_reserve(ct_buf *b, size_t extra);   /* 0, or -1 out of memory */
void ct_buf_free(ct_buf *b);

/* appends are inline: the passes call them per character */
static inline void ct_buf_put(ct_buf *b, const char *s, size_t n)
{
    if (n == 0 || (b->len + n + 1 > b->cap && ct_buf_reserve(b, n) != 0))
        return;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static inline void ct_buf_putc(ct_buf *b, char c)
{
    if (b->len + 2 > b->cap && ct_buf_reserve(b, 1) != 0)
        return;
    b->p[b->len++] = c;
    b->p[b->len] = '\0';
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
