/* bench/fetch/dirbench.c - the `dir` fetch plugin alone, without the engine
 * or an output: walks DIR and reads every *.txt, printing files/s and MB/s
 * (bench/fetch/run reports it beside the whole pipeline and `cat`). */
#include "config.h"

#include <stdio.h>
#include <time.h>

#include <galley/galley.h>
#include <galley/testing.h>

extern const galley_plugin dir_LTX_galley_plugin;

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
    size_t n = 0, bytes = 0, failed = 0;
    for (;;) {
        galley_doc *d = galley_doc_new();
        galley_status rc = galley_test_process(t, d);
        if (rc == GALLEY_DONE) {
            galley_doc_free(d);
            break;
        }
        size_t len;
        galley_doc_raw(d, &len);
        bytes += len;
        n++;
        failed += rc != GALLEY_OK;
        galley_doc_free(d);
    }
    galley_test_close(t, err, sizeof err);
    clock_gettime(CLOCK_MONOTONIC, &b);
    double s = (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
    printf("%zu %zu %zu %.6f\n", n, failed, bytes, s);
    return 0;
}
