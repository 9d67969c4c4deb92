/* core/kit.c - the public toolkit's small tools (galley/util.h): the hash,
 * the growable array and the byte buffer, with one out-of-memory policy
 * (return -1, leave the data as it was). */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <galley/util.h>

uint64_t galley_hash64(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = GALLEY_HASH_INIT;
    for (size_t i = 0; i < len; i++)
        h = galley_hash_step(h, p[i]);
    return h;
}

uint32_t galley_hash32(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

int galley_reserve(void *arrp, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 8;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return -1;
        n *= 2;
    }
    if (elem && n > SIZE_MAX / elem)
        return -1;
    void *p;
    memcpy(&p, arrp, sizeof p);
    void *q = realloc(p, n * elem);
    if (!q)
        return -1;
    memcpy(arrp, &q, sizeof q);
    *cap = n;
    return 0;
}

int galley_buf_add(galley_buf *b, const void *s, size_t n)
{
    if (b->data && n < b->cap - b->len) {      /* room: no reserve call */
        if (n)
            memcpy(b->data + b->len, s, n);
        b->len += n;
        b->data[b->len] = '\0';
        return 0;
    }
    if (n > SIZE_MAX - b->len - 1 || galley_reserve(&b->data, &b->cap, b->len + n + 1, 1) < 0)
        return -1;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int galley_buf_puts(galley_buf *b, const char *s)
{
    return galley_buf_add(b, s, strlen(s));
}

int galley_buf_vprintf(galley_buf *b, const char *fmt, va_list ap)
{
    va_list again;
    char small[256];
    va_copy(again, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    int r = -1;
    if (n >= 0 && (size_t)n < sizeof small)
        r = galley_buf_add(b, small, (size_t)n);
    else if (n >= 0 && galley_reserve(&b->data, &b->cap, b->len + (size_t)n + 1, 1) == 0) {
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, again);
        b->len += (size_t)n;
        r = 0;
    }
    va_end(again);
    return r;
}

int galley_buf_printf(galley_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = galley_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return r;
}

void galley_buf_free(galley_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
