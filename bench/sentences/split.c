/* bench/sentences/split.c - prints the toolkit's sentences of a text file
 * (or stdin), one a line, for bench/sentences/run to score. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <galley/text.h>

static char *slurp(FILE *f, size_t *len)
{
    size_t cap = 1 << 16, n = 0, r;
    char *buf = malloc(cap);
    while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            char *b = realloc(buf, cap *= 2);
            if (!b) {
                free(buf);
                return NULL;
            }
            buf = b;
        }
    }
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    FILE *f = argc > 1 ? fopen(argv[1], "rb") : stdin;
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    size_t len;
    char *text = slurp(f, &len);
    if (f != stdin)
        fclose(f);
    if (!text) {
        fprintf(stderr, "split: out of memory\n");
        return 2;
    }
    galley_sentencer it;
    size_t s, e;
    galley_sent_init(&it, text, len);
    while (galley_sent_next(&it, &s, &e)) {
        for (size_t i = s; i < e; i++)
            putchar(text[i] == '\n' || text[i] == '\r' ? ' ' : text[i]);
        putchar('\n');
    }
    free(text);
    return 0;
}
