/* bench/sentences/split.c - prints the toolkit's sentences of a text file
 * (or stdin), one a line, for bench/sentences/run to score; with -r N, splits
 * the file N times and prints the throughput instead. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <galley/text.h>
#include <galley/util.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* splits text `repeat` times; prints articles/s and MB/s */
static void throughput(const char *text, size_t len, long repeat)
{
    size_t sentences = 0, s, e;
    double t0 = now();
    for (long r = 0; r < repeat; r++) {
        galley_sentencer it;
        galley_sent_init(&it, text, len);
        while (galley_sent_next(&it, &s, &e))
            sentences++;
    }
    double dt = now() - t0;
    printf("%ld articles (%zu sentences) in %.3f s: %.0f articles/s, %.1f MB/s\n",
           repeat, sentences, dt, (double)repeat / dt, (double)len * (double)repeat / dt / 1e6);
}

int main(int argc, char **argv)
{
    long repeat = 0;
    if (argc > 2 && strcmp(argv[1], "-r") == 0) {
        repeat = atol(argv[2]);
        argc -= 2;
        argv += 2;
    }
    const char *path = argc > 1 ? argv[1] : "/dev/stdin";
    size_t len;
    char *text = galley_read_file(path, &len);
    if (!text) {
        perror(path);
        return 2;
    }
    if (repeat > 0) {
        throughput(text, len, repeat);
        free(text);
        return 0;
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
