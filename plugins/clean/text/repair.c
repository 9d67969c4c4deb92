/* plugins/clean/text/repair.c - line and word repairs: boilerplate lines and
 * trailing headline lists, translation debris ("EE. UU"), and words damaged
 * by a profanity filter ("badysts" -> "analysts"), all driven by rule data. */
#include "config.h"

#include <string.h>

#include "internal.h"

/* ---- boilerplate ---- */

typedef struct line_info {
    size_t start, end;
    unsigned words;
    unsigned char blank, drop, tail;
} line_info;

static unsigned count_words(const char *s, size_t n)
{
    unsigned w = n > 0;
    for (size_t i = 0; i < n; i++)
        w += s[i] == ' ';
    return w;
}

static int bracketed(const char *s, size_t n)
{
    if (n < 3 || s[0] != '[' || s[n - 1] != ']')
        return 0;
    /* "[a] b [c]" is two brackets with text between: not a link line */
    return memchr(s + 1, ']', n - 2) == NULL && memchr(s + 1, '[', n - 2) == NULL;
}

static void classify(line_info *li, const char *in, const ct_rules *r)
{
    const char *s = in + li->start;
    size_t n = li->end - li->start;
    li->blank = n == 0;
    if (li->blank)
        return;
    li->words = count_words(s, n);
    /* the byte bound keeps space-less runs (CJK, minified junk) from being
     * taken for short lines, and bounds the glob matching */
    if (li->words > (unsigned)r->max_words || n > (size_t)r->max_words * 24) {
        li->words = (unsigned)r->max_words + 1;
        return;
    }
    if (r->bracketed && li->words >= (unsigned)r->bracketed && bracketed(s, n)) {
        li->drop = 1;
        return;
    }
    size_t sn = ct_strip_tail_punct(s, n);
    for (size_t k = 0; k < r->nlines; k++) {
        const ct_line_rule *lr = &r->lines[k];
        /* a '*'-ended pattern sees the punctuation too ("Read more: *") */
        size_t len = lr->len && lr->pattern[lr->len - 1] == '*' ? n : sn;
        if (ct_glob_match(lr->pattern, lr->len, s, len)) {
            /* a marker line goes even when what follows it stays */
            li->drop = 1;
            li->tail |= lr->kind == CT_RULE_TAIL;
        }
    }
}

/* Appends in[start,end) as a line, keeping at most one blank line between
 * kept lines and none at either end. */
static void emit_line(ct_buf *out, const char *in, const line_info *li,
                      int *pending_blank)
{
    if (li->blank) {
        *pending_blank = 1;
        return;
    }
    if (out->b.len > 0) {
        ct_buf_putc(out, '\n');
        if (*pending_blank)
            ct_buf_putc(out, '\n');
    }
    *pending_blank = 0;
    ct_buf_put(out, in + li->start, li->end - li->start);
}

size_t ct_boilerplate(const char *in, size_t n, ct_buf *out, const ct_rules *r,
                      ct_buf *scratch)
{
    size_t nlines = 0;
    scratch->b.len = 0;
    for (size_t i = 0, start = 0; i <= n; i++) {
        if (i < n && in[i] != '\n')
            continue;
        if (ct_buf_reserve(scratch, sizeof(line_info)) != 0)
            return 0;
        line_info *li = (line_info *)(void *)(scratch->b.data + scratch->b.len);
        memset(li, 0, sizeof *li);
        li->start = start;
        li->end = i;
        classify(li, in, r);
        scratch->b.len += sizeof(line_info);
        nlines++;
        start = i + 1;
    }
    line_info *lines = (line_info *)(void *)scratch->b.data;

    /* A tail marker ("Read more", "Related") cuts the rest of the text only
     * when everything after it is short, headline-like lines: a marker
     * inside the body leaves genuine paragraphs alone. */
    size_t tail_ok = nlines;    /* lines[tail_ok..] are all short or dropped */
    while (tail_ok > 0) {
        const line_info *li = &lines[tail_ok - 1];
        if (!li->blank && !li->drop && li->words > (unsigned)r->max_words)
            break;
        tail_ok--;
    }
    size_t cut = nlines, first_content = nlines;
    for (size_t i = 0; i < nlines; i++) {
        if (first_content == nlines && !lines[i].blank && !lines[i].drop)
            first_content = i;
        if (lines[i].tail && i + 1 >= tail_ok && first_content < i) {
            cut = i;
            break;
        }
    }

    size_t removed = 0;
    int pending_blank = 0;
    ct_buf_reserve(out, n);
    for (size_t i = 0; i < nlines; i++) {
        if (!lines[i].blank && (i >= cut || lines[i].drop)) {
            removed++;
            continue;
        }
        emit_line(out, in, &lines[i], &pending_blank);
    }
    return removed;
}

/* ---- translation debris ---- */

static int alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z') ||
           c >= 0x80;
}

/* A phrase is a word of its own, not part of a path, handle or identifier
 * ("example.com/UU/", "@UU", "UU-2"): those characters join it to its
 * neighbours as letters do. */
static int joins(unsigned char c)
{
    return alnum(c) || (c && strchr("/_-@#&=+%\\", c));
}

size_t ct_translate(const char *in, size_t n, ct_buf *out, const ct_rules *r)
{
    size_t fixes = 0, i = 0, copied = 0;
    ct_buf_reserve(out, n + n / 2);
    while (i < n) {
        unsigned char c = (unsigned char)in[i];
        const ct_subst *best = NULL;
        /* a full stop may end the phrase ("UU.") but not come before it
         * ("example.UU") */
        if (r->first[c] && (i == 0 || (!joins((unsigned char)in[i - 1]) &&
                                       in[i - 1] != '.'))) {
            for (size_t k = 0; k < r->nsubsts; k++) {
                const ct_subst *s = &r->substs[k];
                size_t e = i + s->from_len;
                if (e <= n && memcmp(in + i, s->from, s->from_len) == 0 &&
                    (e == n || !joins((unsigned char)in[e]) ||
                     !alnum((unsigned char)s->from[s->from_len - 1])) &&
                    (!best || s->from_len > best->from_len))
                    best = s;
            }
        }
        if (!best) {
            i++;
            continue;
        }
        ct_buf_put(out, in + copied, i - copied);
        ct_buf_put(out, best->to, best->to_len);
        i += best->from_len;
        /* "UU." -> "U.S." not "U.S.." */
        if (best->to[best->to_len - 1] == '.' && i < n && in[i] == '.')
            i++;
        copied = i;
        fixes++;
    }
    ct_buf_put(out, in + copied, n - copied);
    return fixes;
}

/* ---- word-filter damage ---- */

#define MAX_WORD 64

static int is_word_byte(unsigned char c)
{
    return ((c | 32) >= 'a' && (c | 32) <= 'z') || c >= 0x80;
}

static int in_list(const ct_wordset *ws, const char *lw, size_t n, int *proper)
{
    char cap[MAX_WORD * 2];
    if (ct_wordset_has(ws, lw, n)) {
        *proper = 0;
        return 1;
    }
    memcpy(cap, lw, n);
    cap[0] = (char)(cap[0] - 32 * (cap[0] >= 'a' && cap[0] <= 'z'));
    if (ct_wordset_has(ws, cap, n)) {
        *proper = 1;
        return 1;
    }
    return 0;
}

typedef struct candidate {
    char w[MAX_WORD * 2];
    size_t n;
    int proper;
} candidate;

/* Records a dictionary word made from lw; returns the number of distinct
 * candidates so far (3 means "too many", the search can stop). */
static int consider(const ct_wordset *ws, const char *w, size_t n,
                    candidate *c, int nc)
{
    int proper;
    if (!in_list(ws, w, n, &proper))
        return nc;
    for (int k = 0; k < nc; k++)
        if (c[k].n == n && memcmp(c[k].w, w, n) == 0)
            return nc;
    if (nc < 2) {
        memcpy(c[nc].w, w, n);
        c[nc].n = n;
        c[nc].proper = proper;
    }
    return nc + 1;
}

/* Builds lw with the filter pair undone at one position (or at all). */
static size_t undo(const char *lw, size_t n, const ct_subst *s, size_t at,
                   int all, char *dst)
{
    size_t o = 0, i = 0;
    while (i < n) {
        if ((all || i == at) && i + s->from_len <= n &&
            memcmp(lw + i, s->from, s->from_len) == 0) {
            memcpy(dst + o, s->to, s->to_len);
            o += s->to_len;
            i += s->from_len;
        } else {
            dst[o++] = lw[i++];
        }
    }
    return o;
}

/* The one dictionary word the damaged token lw stands for, or 0 when there
 * is none or more than one (ambiguous: left alone). */
static int restore(const ct_wordset *ws, const ct_rules *r, const char *lw,
                   size_t n, candidate *best)
{
    candidate c[2];
    int nc = 0;
    char tmp[MAX_WORD * 2];
    for (size_t k = 0; k < r->nsubsts && nc < 3; k++) {
        const ct_subst *s = &r->substs[k];
        int hits = 0;
        if (n + n / s->from_len * s->to_len > sizeof tmp)
            continue;           /* the undone word would not fit */
        for (size_t at = 0; at + s->from_len <= n && nc < 3; at++) {
            if (memcmp(lw + at, s->from, s->from_len) != 0)
                continue;
            hits++;
            nc = consider(ws, tmp, undo(lw, n, s, at, 0, tmp), c, nc);
        }
        if (hits > 1 && nc < 3)
            nc = consider(ws, tmp, undo(lw, n, s, 0, 1, tmp), c, nc);
    }
    if (nc != 1)
        return 0;
    *best = c[0];
    return 1;
}

static int has_any(const ct_rules *r, const char *lw, size_t n)
{
    for (size_t k = 0; k < r->nsubsts; k++) {
        const ct_subst *s = &r->substs[k];
        for (size_t at = 0; at + s->from_len <= n; at++)
            if (lw[at] == s->from[0] && memcmp(lw + at, s->from, s->from_len) == 0)
                return 1;
    }
    return 0;
}

/* writes the repair in the case pattern of the damaged token */
static void put_cased(ct_buf *out, const char *tok, size_t n,
                      const candidate *c)
{
    int upper = n > 1, first = tok[0] >= 'A' && tok[0] <= 'Z';
    for (size_t i = 0; i < n; i++)
        if (tok[i] >= 'a' && tok[i] <= 'z')
            upper = 0;
    char w[MAX_WORD * 2];
    memcpy(w, c->w, c->n);
    for (size_t i = 0; i < c->n; i++) {
        int up = upper || (i == 0 && (first || c->proper));
        if (up && w[i] >= 'a' && w[i] <= 'z')
            w[i] = (char)(w[i] - 32);
    }
    ct_buf_put(out, w, c->n);
}

/* Is in[start,end) part of a URL, address, handle or file name?  Those
 * are names, not words: "badysts.com" is left as it is. */
static int in_identifier(const char *in, size_t n, size_t start, size_t end)
{
    unsigned char before = start ? (unsigned char)in[start - 1] : ' ';
    unsigned char after = end < n ? (unsigned char)in[end] : ' ';
    /* a hyphen still separates words here ("badyst-turned-author") */
    if ((before != '-' && joins(before)) || (after != '-' && joins(after)))
        return 1;
    return (before == '.' && start > 1 && alnum((unsigned char)in[start - 2])) ||
           (after == '.' && end + 1 < n && alnum((unsigned char)in[end + 1]));
}

size_t ct_wordfilter(const char *in, size_t n, ct_buf *out, const ct_rules *r,
                     const ct_wordset *ws)
{
    size_t fixes = 0, i = 0, copied = 0;
    ct_buf_reserve(out, n + n / 2);
    while (i < n) {
        while (i < n && !is_word_byte((unsigned char)in[i]))
            i++;
        size_t start = i;
        int ascii = 1, maybe = 0;
        for (; i < n && is_word_byte((unsigned char)in[i]); i++) {
            unsigned char c = (unsigned char)in[i];
            ascii &= c < 0x80;
            maybe |= r->first[c | 32];     /* most words hold no pair */
        }
        size_t len = i - start;
        if (!ascii || !maybe || len < 4 || len >= MAX_WORD ||
            in_identifier(in, n, start, i))
            continue;
        char lw[MAX_WORD];
        for (size_t k = 0; k < len; k++)
            lw[k] = (char)(in[start + k] | 32);
        candidate best;
        int proper;
        if (has_any(r, lw, len) && !ct_wordset_has(ws, in + start, len) &&
            !in_list(ws, lw, len, &proper) && restore(ws, r, lw, len, &best)) {
            ct_buf_put(out, in + copied, start - copied);
            put_cased(out, in + start, len, &best);
            copied = i;
            fixes++;
        }
    }
    ct_buf_put(out, in + copied, n - copied);
    return fixes;
}
