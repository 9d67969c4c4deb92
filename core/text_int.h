/* core/text_int.h - character classes shared by the toolkit's files
 * (core/text_*.c); private to libgalley, built on utf8proc's categories. */
#ifndef GALLEY_TEXT_INT_H
#define GALLEY_TEXT_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include <galley/text.h>

/* eight and four bytes of s as the machine reads them, at any alignment
 * (the counter's word-at-a-time hash and compares) */
static inline uint64_t txt_load64(const char *s)
{
    uint64_t x;
    memcpy(&x, s, sizeof x);
    return x;
}

static inline uint64_t txt_load32(const char *s)
{
    uint32_t x;
    memcpy(&x, s, sizeof x);
    return x;
}

static inline int txt_is_space(int32_t c)
{
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
        return 1;
    if (c < 0x80)
        return 0;
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_ZS || k == UTF8PROC_CATEGORY_ZL ||
           k == UTF8PROC_CATEGORY_ZP || c == 0x85 || c == 0xFEFF;
}

static inline int txt_is_letter(int32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    utf8proc_category_t k = utf8proc_category(c);
    return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_ME) ||
           k == UTF8PROC_CATEGORY_NL;
}

static inline int txt_is_digit(int32_t c)
{
    if (c < 0x80)
        return c >= '0' && c <= '9';
    return utf8proc_category(c) == UTF8PROC_CATEGORY_ND;
}

static inline int txt_is_upper(int32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

static inline int txt_is_lower(int32_t c)
{
    if (c < 0x80)
        return c >= 'a' && c <= 'z';
    return utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

static inline int txt_is_punct(int32_t c)
{
    utf8proc_category_t k = utf8proc_category(c);
    return k >= UTF8PROC_CATEGORY_PC && k <= UTF8PROC_CATEGORY_PO;
}

/* apostrophes that may sit inside a word: ' and U+2019 */
static inline int txt_is_apos(int32_t c)
{
    return c == '\'' || c == 0x2019;
}

/* the code point before byte offset pos (-1 at the start); *start gets its
 * first byte (0 at the start: always set, so callers' loops need no
 * initialiser).  Steps back over at most 3 continuation bytes. */
static inline int32_t txt_prev(const char *s, size_t pos, size_t *start)
{
    if (pos == 0) {
        if (start)
            *start = 0;
        return -1;
    }
    size_t p = pos - 1;
    int back = 0;
    while (p > 0 && back < 3 && ((unsigned char)s[p] & 0xC0) == 0x80) {
        p--;
        back++;
    }
    size_t q = p;
    int32_t c = galley_utf8_next(s, pos, &q);
    if (q != pos) {         /* not one clean sequence ending at pos */
        p = pos - 1;
        c = 0xFFFD;
    }
    if (start)
        *start = p;
    return c;
}

#endif
