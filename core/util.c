/* core/util.c - allocation that cannot fail quietly, strings, edit distance. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"

_Noreturn void galley_oom(void)
{
    static const char msg[] = "galley: out of memory\n";
    galley__isolate_oom();
    fwrite(msg, 1, sizeof msg - 1, stderr);
    abort();
}

void *galley__xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        galley_oom();
    return p;
}

void *galley__xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        galley_oom();
    return p;
}

void *galley__xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        galley_oom();
    return q;
}

char *galley__xstrdup(const char *s)
{
    return galley__xstrndup(s, strlen(s));
}

char *galley__xstrndup(const char *s, size_t n)
{
    char *p = galley__xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *galley__vformat(void *(*alloc)(void *ctx, size_t size), void *ctx, const char *fmt,
                      va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0;
    char *p = alloc(ctx, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

static void *heap_alloc(void *ctx, size_t size)
{
    (void)ctx;
    return galley__xmalloc(size);
}

char *galley__xvasprintf(const char *fmt, va_list ap)
{
    return galley__vformat(heap_alloc, NULL, fmt, ap);
}

char *galley__xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = galley__xvasprintf(fmt, ap);
    va_end(ap);
    return p;
}

size_t galley__distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t *row = galley__xmalloc((lb + 1) * sizeof *row);
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = diag + cost;
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    size_t d = row[lb];
    free(row);
    return d;
}

const char *galley__closest(const char *word, const char *const *names, size_t n)
{
    const char *best = NULL;
    size_t bestd = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        size_t d = galley__distance(word, names[i]);
        if (d < bestd) {
            bestd = d;
            best = names[i];
        }
    }
    /* a suggestion farther than a third of the word is noise */
    size_t limit = strlen(word) / 3 + 1;
    return bestd <= limit ? best : NULL;
}

double galley__now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void galley__buf_add(galley_buf *b, const char *s, size_t n)
{
    if (galley_buf_add(b, s, n) < 0)
        galley_oom();
}

void galley__buf_puts(galley_buf *b, const char *s)
{
    galley__buf_add(b, s, strlen(s));
}

void galley__buf_printf(galley_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = galley__xvasprintf(fmt, ap);
    va_end(ap);
    galley__buf_puts(b, p);
    free(p);
}

void galley__buf_free(galley_buf *b)
{
    galley_buf_free(b);
}
