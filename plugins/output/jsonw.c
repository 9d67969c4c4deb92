/* plugins/output/jsonw.c - JSON strings and numbers written straight into a
 * buffer with the bytes of jansson's compact dump (test_jsonl compares the
 * two), so a record is not built as a jansson tree span by span. */
#include <galley/galley.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "jsonw.h"

void jsonw_str(sink_buf *out, const char *s, size_t n)
{
    /* escapes and the short runs between them gather in tmp, so a text
     * full of quotes and line breaks is not two buffer calls per escape */
    char tmp[512];
    size_t t = 0, run = 0;
    tmp[t++] = '"';
    for (size_t i = 0;; i++) {
        i += galley_json_plain(s + i, n - i);
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

/* 10^0 .. 10^22: every one exact in a double */
static const double p10[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
    1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

/* "%.15g" of v without snprintf (1,300 instructions a call, 60,000 scores in
 * the BBC articles' records) when "%.15g" writes v as a plain decimal,
 * 1e-4 <= |v| < 1e14 (not whole: the caller did those).  s = |v| * 10^k with
 * k = 14 - exponent holds v's 15 significant digits before the point; the
 * product is off the exact one by at most half a unit in its last place
 * (1/16 at most below 1e15), so rounding s gives the digits printf's exact
 * rounding gives unless s lies that close to a half.  Those, and an exponent
 * guessed wrong, return 0 and go to snprintf.  1 when v was written. */
static int real_fixed(sink_buf *out, double v)
{
    double a = fabs(v);
    if (!(a >= 1e-4 && a < 1e14))
        return 0;
    static const double lim[] = {   /* lim[i] = 10^(i-4), as the literals round */
        1e-4, 1e-3, 1e-2, 1e-1, 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
        1e9, 1e10, 1e11, 1e12, 1e13
    };
    int x = -4;                     /* the exponent; a wrong guess is caught below */
    while (x < 13 && a >= lim[x + 5])
        x++;
    double s = a * p10[14 - x];
    double fl = floor(s), frac = s - fl;
    if (fabs(frac - 0.5) < 0.125)
        return 0;
    unsigned long long n = (unsigned long long)fl + (frac > 0.5);
    if (n < 100000000000000ULL || n >= 1000000000000000ULL)
        return 0;
    char dig[15];
    for (int i = 14; i >= 0; i--, n /= 10)
        dig[i] = (char)('0' + n % 10);
    int last = 14;                  /* trailing zeros go, as with %g */
    while (last > 0 && dig[last] == '0')
        last--;
    char b[40], *p = b;
    if (v < 0)
        *p++ = '-';
    if (x >= 0) {
        memcpy(p, dig, (size_t)x + 1);
        p += x + 1;
        *p++ = '.';
        if (last <= x)
            *p++ = '0';             /* whole after rounding: "2.0" */
        else {
            memcpy(p, dig + x + 1, (size_t)(last - x));
            p += last - x;
        }
    } else {
        *p++ = '0';
        *p++ = '.';
        for (int i = -1; i > x; i--)
            *p++ = '0';
        memcpy(p, dig, (size_t)last + 1);
        p += last + 1;
    }
    sink_buf_add(out, b, (size_t)(p - b));
    return 1;
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
    if (real_fixed(out, v))
        return;
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
