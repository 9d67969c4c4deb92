/* plugins/output/jsonw.c - JSON strings and numbers written straight into a
 * buffer with the bytes of jansson's compact dump (test_jsonl compares the
 * two), so a record is not built as a jansson tree span by span. */
#include <galley/galley.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "jsonw.h"

/* bytes that need an escape in a JSON string: control characters, '"', '\\' */
static int needs_escape(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\';
}

/* 1 if none of the 8 bytes in w needs an escape (bit tricks: a byte below
 * 0x20, or equal to '"' or '\\', sets its high bit in the test) */
static int word_clean(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
    uint64_t low = (w - ones * 0x20) & ~w;
    uint64_t isq = (q - ones) & ~q, isb = (b - ones) & ~b;
    return ((low | isq | isb) & high) == 0;
}

void jsonw_str(sink_buf *out, const char *s, size_t n)
{
    /* escapes and the short runs between them gather in tmp, so a text
     * full of quotes and line breaks is not two buffer calls per escape */
    char tmp[512];
    size_t t = 0, run = 0;
    tmp[t++] = '"';
    for (size_t i = 0;; i++) {
        uint64_t w;
        while (i + 8 <= n && (memcpy(&w, s + i, 8), word_clean(w)))
            i += 8;
        while (i < n && !needs_escape((unsigned char)s[i]))
            i++;
        size_t k = i - run;
        if (t + k > sizeof tmp - 8) {   /* room kept for an escape and '"' */
            sink_buf_add(out, tmp, t);
            t = 0;
        }
        if (k > sizeof tmp - 8) {
            sink_buf_add(out, s + run, k);
        } else {
            memcpy(tmp + t, s + run, k);
            t += k;
        }
        if (i >= n)
            break;
        run = i + 1;
        unsigned char c = (unsigned char)s[i];
        char *e = tmp + t;
        e[0] = '\\';
        t += 2;
        switch (c) {
        case '"': e[1] = '"'; break;
        case '\\': e[1] = '\\'; break;
        case '\b': e[1] = 'b'; break;
        case '\f': e[1] = 'f'; break;
        case '\n': e[1] = 'n'; break;
        case '\r': e[1] = 'r'; break;
        case '\t': e[1] = 't'; break;
        default:
            t += (size_t)snprintf(e, 7, "\\u%04X", c) - 2;
        }
    }
    tmp[t++] = '"';
    sink_buf_add(out, tmp, t);
}

void jsonw_int(sink_buf *out, long long v)
{
    char tmp[24], *p = tmp + sizeof tmp;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do
        *--p = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0)
        *--p = '-';
    sink_buf_add(out, p, (size_t)(tmp + sizeof tmp - p));
}

void jsonw_real(sink_buf *out, double v)
{
    if (!isfinite(v)) {
        sink_buf_add(out, "null", 4);
        return;
    }
    if (fabs(v) < 1e15 && v == (double)(long long)v && !(v == 0 && signbit(v))) {
        jsonw_int(out, (long long)v);   /* "%.15g" writes a whole number so */
        sink_buf_add(out, ".0", 2);
        return;
    }
    char b[40];
    int len = snprintf(b, sizeof b - 3, "%.15g", v);
    if (len < 0 || (size_t)len >= sizeof b - 3)
        return;
    for (int i = 0; i < len; i++)       /* a locale's decimal comma */
        if (b[i] == ',')
            b[i] = '.';
    if (!memchr(b, '.', (size_t)len) && !memchr(b, 'e', (size_t)len)) {
        memcpy(b + len, ".0", 3);
        len += 2;
    }
    char *e = memchr(b, 'e', (size_t)len);
    if (e) {
        /* "1e+05" -> "1e5", "1e-05" -> "1e-5" */
        char *from = e + 1, *to = e + 1;
        if (*from == '-')
            to = ++from;
        else if (*from == '+')
            from++;
        while (*from == '0' && from[1])
            from++;
        memmove(to, from, (size_t)(b + len - from) + 1);
        len = (int)strlen(b);
    }
    sink_buf_add(out, b, (size_t)len);
}
