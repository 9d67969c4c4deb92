/* core/text_scan.c - byte scans that the toolkit's readers and writers run
 * over whole texts (JSON strings, UTF-8 checks): 16 bytes at a time with
 * SSE2 where the compiler targets it, 8 at a time otherwise. */
#include "config.h"

#include <string.h>

#include <galley/text.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

static uint64_t word_at(const char *s, size_t i)
{
    uint64_t w;
    memcpy(&w, s + i, 8);
    return w;
}

/* 1 if none of the 8 bytes in w is '"', '\\' or below 0x20 (each test sets
 * the high bit of a byte that matches; only whether one does is used) */
static int plain_word(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
    uint64_t hit = ((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((b - ones) & ~b);
    return (hit & high) == 0;
}

static int plain_byte(unsigned char c)
{
    return c >= 0x20 && c != '"' && c != '\\';
}

size_t galley_json_plain(const char *s, size_t n)
{
    size_t i = 0;
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
    const __m128i ctl = _mm_set1_epi8(0x1F);
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        /* v <= 0x1F unsigned: min(v, 0x1F) == v */
        __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(v, ctl), v);
        __m128i hit = _mm_or_si128(low, _mm_or_si128(_mm_cmpeq_epi8(v, quote),
                                                     _mm_cmpeq_epi8(v, bslash)));
        unsigned m = (unsigned)_mm_movemask_epi8(hit);
        if (m)
            return i + (size_t)__builtin_ctz(m);
    }
#endif
    while (i + 8 <= n && plain_word(word_at(s, i)))
        i += 8;
    while (i < n && plain_byte((unsigned char)s[i]))
        i++;
    return i;
}

size_t galley_ascii_prefix(const char *s, size_t n)
{
    size_t i = 0;
#ifdef __SSE2__
    for (; i + 16 <= n; i += 16) {
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(s + i)));
        if (m)
            return i + (size_t)__builtin_ctz(m);
    }
#endif
    while (i + 8 <= n && !(word_at(s, i) & 0x8080808080808080u))
        i += 8;
    while (i < n && (unsigned char)s[i] < 0x80)
        i++;
    return i;
}
