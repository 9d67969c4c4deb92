/* bench/fetch/dirbench.c - the `dir` fetch plugin alone, without the engine
 * or an output: walks DIR and reads every *.txt, printing files/s and MB/s
 * (bench/fetch/run reports it beside the whole pipeline and `cat`). */
#include "config.h"

#include <stdio.h>
#include <time.h>

#include <galley/galley.h>
#include <galley/testing.h>

extern const galley_plugin dir_LTX_galley_plugin;

struct tally {
    size_t n, bytes, failed;
};

static void count(galley_doc *d, galley_status rc, void *arg)
{
    struct tally *c = arg;
    size_t len;
    galley_doc_raw(d, &len);
    c->bytes += len;
    c->n++;
    c->failed += rc != GALLEY_OK;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: dirbench DIR\n");
        return 2;
    }
    char opt[4096], err[512];
    snprintf(opt, sizeof opt, "path=%s", argv[1]);
    const char *opts[] = { opt, "include=*.txt", NULL };
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    galley_test *t = galley_test_open(&dir_LTX_galley_plugin, opts, err, sizeof err);
    if (!t) {
        fprintf(stderr, "dirbench: %s\n", err);
        return 2;
    }
    struct tally c = { 0 };
    int rc = galley_test_fetch_each(t, count, &c);
    galley_test_close(t, err, sizeof err);
    clock_gettime(CLOCK_MONOTONIC, &b);
    if (rc < 0) {
        fprintf(stderr, "dirbench: out of memory\n");
        return 2;
    }
    double s = (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
    printf("%zu %zu %zu %.6f\n", c.n, c.failed, c.bytes, s);
    return 0;
}
