/* core/text_utf8.c - UTF-8 validation, decoding and encoding for the toolkit
 * (include/galley/text.h); strict: no overlongs, surrogates or > U+10FFFF. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <galley/text.h>

/* length of the valid sequence at s[0..n), 0 if invalid; *cp gets the code point */
static size_t seq_decode(const unsigned char *s, size_t n, int32_t *cp)
{
    unsigned char b = s[0];
    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    size_t len;
    int32_t c, min;
    if (b >= 0xC2 && b <= 0xDF) {
        len = 2; c = b & 0x1F; min = 0x80;
    } else if (b >= 0xE0 && b <= 0xEF) {
        len = 3; c = b & 0x0F; min = 0x800;
    } else if (b >= 0xF0 && b <= 0xF4) {
        len = 4; c = b & 0x07; min = 0x10000;
    } else {
        return 0;
    }
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

int galley_utf8_valid(const char *s, size_t n, size_t *bad)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        uint64_t w;     /* ASCII 8 bytes at a time: most of every text */
        while (i + 8 <= n && (memcpy(&w, u + i, 8), (w & 0x8080808080808080u) == 0))
            i += 8;
        if (i >= n)
            break;
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        size_t len = seq_decode(u + i, n - i, &cp);
        if (len == 0) {
            if (bad)
                *bad = i;
            return 0;
        }
        i += len;
    }
    return 1;
}

int32_t galley_utf8_next(const char *s, size_t n, size_t *pos)
{
    if (*pos >= n)
        return -1;
    int32_t cp;
    size_t len = seq_decode((const unsigned char *)s + *pos, n - *pos, &cp);
    if (len == 0) {
        (*pos)++;
        return 0xFFFD;
    }
    *pos += len;
    return cp;
}

size_t galley_utf8_encode(int32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;        /* never emit invalid UTF-8 */
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}
