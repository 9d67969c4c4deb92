/* bench/rouge/listrun.h - what the two summarizer runners share (sumrun.c,
 * and otsrun.c, which bench/rouge/run builds alone with cc): the article
 * list, each article's summary length from its reference, and the speed
 * line.  Static functions, so each runner stays one compile. */
#ifndef GALLEY_BENCH_LISTRUN_H
#define GALLEY_BENCH_LISTRUN_H

#include <stdio.h>
#include <string.h>
#include <time.h>

static double seconds(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* non-empty lines of a file (the last one needs no newline); 0 if unreadable */
static size_t count_lines(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    size_t n = 0;
    int c, prev = '\n';
    while ((c = fgetc(f)) != EOF) {
        if (c == '\n' && prev != '\n')
            n++;
        prev = c;
    }
    if (prev != '\n')
        n++;
    fclose(f);
    return n;
}

/* The next "ID<TAB>PATH" line of lf (others are passed over): 1 with *id
 * and *path pointing into line, 0 at the end. */
static int list_next(FILE *lf, char *line, size_t cap, char **id, char **path)
{
    while (fgets(line, (int)cap, lf)) {
        line[strcspn(line, "\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = '\0';
        *id = line;
        *path = tab + 1;
        return 1;
    }
    return 0;
}

/* The summary length for id: as many sentences as kdir/ID.txt has lines,
 * between 1 and max. */
static int list_k(const char *kdir, const char *id, int max)
{
    char path[8300];
    snprintf(path, sizeof path, "%s/%s.txt", kdir, id);
    size_t k = count_lines(path);
    return k < 1 ? 1 : k > (size_t)max ? max : (int)k;
}

/* "docs wall-seconds docs/s CPU-seconds docs/s" (docs/s with decimals) */
static void print_speed(size_t docs, const struct timespec *t0, const struct timespec *t1,
                        double cpu, int decimals)
{
    double s = seconds(t0, t1);
    printf("%zu %.3f %.*f %.3f %.*f\n", docs, s, decimals, s > 0 ? (double)docs / s : 0, cpu,
           decimals, cpu > 0 ? (double)docs / cpu : 0);
}

#endif
