/* bench/rouge/rougescore.c - average ROUGE-1/2/L F1 of system summaries
 * against references: rougescore REFDIR SYSDIR, files ID.txt holding one
 * sentence a line; a missing system file is an empty summary. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rouge.h"

/* the lines of a file (NULL-terminated array, *n of them); NULL if absent */
static char **read_lines(const char *path, size_t *n)
{
    FILE *f = fopen(path, "r");
    *n = 0;
    if (!f)
        return NULL;
    size_t cap = 16;
    char **v = malloc(cap * sizeof *v);
    char *line = NULL;
    size_t lc = 0;
    ssize_t got;
    while (v && (got = getline(&line, &lc, f)) >= 0) {
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
            line[--got] = '\0';
        if (got == 0)
            continue;
        if (*n + 1 >= cap) {
            char **w = realloc(v, (cap *= 2) * sizeof *v);
            if (!w)
                break;
            v = w;
        }
        v[(*n)++] = strdup(line);
    }
    free(line);
    fclose(f);
    return v;
}

static void free_lines(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: rougescore REFDIR SYSDIR\n");
        return 2;
    }
    DIR *d = opendir(argv[1]);
    if (!d) {
        perror(argv[1]);
        return 2;
    }
    rouge *r = rouge_new();
    if (!r) {
        fprintf(stderr, "rougescore: libstemmer has no porter stemmer\n");
        closedir(d);
        return 2;
    }
    double sum[3] = { 0, 0, 0 };
    size_t docs = 0;
    struct dirent *e;
    char path[4096];
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".txt") != 0)
            continue;
        size_t nr, nc;
        snprintf(path, sizeof path, "%s/%s", argv[1], e->d_name);
        char **ref = read_lines(path, &nr);
        snprintf(path, sizeof path, "%s/%s", argv[2], e->d_name);
        char **cand = read_lines(path, &nc);
        rouge_result res;
        if (ref && rouge_score(r, (const char *const *)cand, nc,
                               (const char *const *)ref, nr, &res) == 0) {
            for (int m = 0; m < 3; m++)
                sum[m] += res.f[m];
            docs++;
        }
        free_lines(ref, nr);
        free_lines(cand, nc);
    }
    closedir(d);
    rouge_free(r);
    if (docs == 0) {
        fprintf(stderr, "rougescore: no references in %s\n", argv[1]);
        return 1;
    }
    printf("%.2f %.2f %.2f %zu\n", 100 * sum[0] / (double)docs,
           100 * sum[1] / (double)docs, 100 * sum[2] / (double)docs, docs);
    return 0;
}
