/* bench/rouge/sumrun.c - runs one galley summarizer over a list of articles
 * (the plugin linked in, driven through galley/testing.h) and writes each
 * summary as one sentence a line; reports articles per second.
 *   sumrun -p PLUGIN [-o NAME=VALUE]... [-K REFDIR] [-n] -l LIST -O OUTDIR
 * As in the default pipeline, the `sentences` extract plugin runs first
 * (untimed) and gives the summarizer its title and sentence layer; with -n
 * it does not, and the summarizer splits the text itself.
 * LIST lines are "ID<TAB>PATH".  With -K, each article's summary has as many
 * sentences as REFDIR/ID.txt has lines (option sentences=K).  Prints
 * "docs wall-seconds docs/s CPU-seconds docs/s": the CPU figures time
 * process() alone (no file I/O), on this thread. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <galley/galley.h>
#include <galley/testing.h>

#include "listrun.h"

extern const galley_plugin lead_LTX_galley_plugin;
extern const galley_plugin textrank_LTX_galley_plugin;
extern const galley_plugin lexrank_LTX_galley_plugin;
extern const galley_plugin newsrank_LTX_galley_plugin;
extern const galley_plugin sentences_LTX_galley_plugin;

static const galley_plugin *const plugins[] = {
    &lead_LTX_galley_plugin, &textrank_LTX_galley_plugin,
    &lexrank_LTX_galley_plugin, &newsrank_LTX_galley_plugin, NULL
};

#define MAXK 64
#define MAXOPT 30

/* Latin-1 to UTF-8 for the odd file that is not UTF-8 (BBC sport/199), as a
 * fetcher would repair it; returns a malloc()ed copy. */
static char *latin1_to_utf8(const char *s, size_t n, size_t *out)
{
    char *o = malloc(2 * n + 1);
    size_t k = 0;
    for (size_t i = 0; o && i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80)
            o[k++] = (char)c;
        else {
            o[k++] = (char)(0xC0 | (c >> 6));
            o[k++] = (char)(0x80 | (c & 0x3F));
        }
    }
    *out = k;
    return o;
}

static void write_summary(const char *dir, const char *id, galley_doc *d)
{
    char path[8300];
    snprintf(path, sizeof path, "%s/%s.txt", dir, id);
    FILE *f = fopen(path, "w");
    if (!f)
        return;
    size_t n = 0, tl = 0;
    const char *text = galley_doc_text(d, &tl);
    const galley_span *sp = galley_doc_layer(d, "summary", &n);
    for (size_t i = 0; i < n; i++) {
        for (size_t b = sp[i].start; b < sp[i].end; b++)
            fputc(text[b] == '\n' || text[b] == '\r' ? ' ' : text[b], f);
        fputc('\n', f);
    }
    fclose(f);
}

static galley_test *open_k(const galley_plugin *p, const char **opts, int nopt, int k)
{
    char kopt[32], err[512];
    if (k > 0) {
        snprintf(kopt, sizeof kopt, "sentences=%d", k);
        opts[nopt++] = kopt;
    }
    opts[nopt] = NULL;
    galley_test *t = galley_test_open(p, opts, err, sizeof err);
    if (!t)
        fprintf(stderr, "sumrun: %s: %s\n", p->name, err);
    return t;
}

int main(int argc, char **argv)
{
    const char *name = NULL, *list = NULL, *outdir = NULL, *kdir = NULL;
    const char *opts[MAXOPT + 2];
    int nopt = 0, c, split = 1;
    while ((c = getopt(argc, argv, "p:o:K:l:O:n")) != -1) {
        switch (c) {
        case 'n': split = 0; break;
        case 'p': name = optarg; break;
        case 'o': if (nopt < MAXOPT) opts[nopt++] = optarg; break;
        case 'K': kdir = optarg; break;
        case 'l': list = optarg; break;
        case 'O': outdir = optarg; break;
        default: return 2;
        }
    }
    const galley_plugin *p = NULL;
    for (int i = 0; name && plugins[i]; i++)
        if (strcmp(plugins[i]->name, name) == 0)
            p = plugins[i];
    if (!p || !list || !outdir) {
        fprintf(stderr, "usage: sumrun -p lead|textrank|lexrank|newsrank "
                "[-o NAME=VALUE]... [-K REFDIR] [-n] -l LIST -O OUTDIR\n");
        return 2;
    }
    FILE *lf = fopen(list, "r");
    if (!lf) {
        perror(list);
        return 2;
    }
    galley_test *byk[MAXK + 1] = { 0 };
    char err[512];
    galley_test *sent = NULL;
    if (split && !(sent = galley_test_open(&sentences_LTX_galley_plugin, NULL, err, sizeof err))) {
        fprintf(stderr, "sumrun: sentences: %s\n", err);
        return 2;
    }
    char line[4096], *id, *path;
    size_t docs = 0;
    int rc = 0;
    struct timespec t0, t1;
    double cpu = 0;         /* CPU seconds in the summarizer alone */
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (list_next(lf, line, sizeof line, &id, &path)) {
        int k = kdir ? list_k(kdir, id, MAXK) : 0;
        if (!byk[k] && !(byk[k] = open_k(p, opts, nopt, k))) {
            rc = 2;
            break;
        }
        size_t n = 0;
        char *raw = galley_read_file(path, &n);
        if (!raw) {
            perror(path);
            continue;
        }
        if (!galley_utf8_valid(raw, n, NULL)) {
            size_t m;
            char *u = latin1_to_utf8(raw, n, &m);
            free(raw);
            raw = u;
            n = m;
        }
        galley_doc *d = galley_doc_new();
        galley_doc_set_id(d, id);
        galley_doc_set_text(d, raw, n);
        free(raw);
        if (sent && galley_test_process(sent, d) != GALLEY_OK)
            fprintf(stderr, "sumrun: %s: sentences: %s\n", id, galley_doc_error(d));
        struct timespec c0, c1;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
        galley_status st = galley_test_process(byk[k], d);
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
        cpu += seconds(&c0, &c1);
        if (st != GALLEY_OK) {
            fprintf(stderr, "sumrun: %s: %s\n", id, galley_doc_error(d));
            rc = 1;
        }
        write_summary(outdir, id, d);
        galley_doc_free(d);
        docs++;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    fclose(lf);
    if (sent)
        galley_test_close(sent, err, sizeof err);
    for (int k = 0; k <= MAXK; k++)
        if (byk[k])
            galley_test_close(byk[k], err, sizeof err);
    print_speed(docs, &t0, &t1, cpu, 0);
    return rc;
}
