/* bench/rouge/otsrun.c - the Open Text Summarizer peer (libots, Debian
 * libots-dev) over the same articles: otsrun [-K REFDIR | -n N] -l LIST -O OUTDIR
 * LIST lines are "ID<TAB>BODY PATH"; writes OUTDIR/ID.txt, one selected
 * sentence a line, and prints "docs wall-seconds docs/s CPU-seconds docs/s".  Built by bench/rouge/run
 * (not by make: configure does not require libots). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <ots/libots.h>

#include "listrun.h"

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)len + 1);
    *n = b ? fread(b, 1, (size_t)len, f) : 0;
    if (b)
        b[*n] = '\0';
    fclose(f);
    return b;
}

/* one selected sentence on one line, white space squeezed */
static void put_line(FILE *f, const unsigned char *s, size_t n)
{
    int sp = 1;
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t') {
            sp = 1;
            continue;
        }
        if (sp && w)
            fputc(' ', f);
        fputc(s[i], f);
        sp = 0;
        w++;
    }
    if (w)
        fputc('\n', f);
}

int main(int argc, char **argv)
{
    const char *list = NULL, *outdir = NULL, *kdir = NULL;
    int fixed = 3, c;
    while ((c = getopt(argc, argv, "K:n:l:O:")) != -1) {
        switch (c) {
        case 'K': kdir = optarg; break;
        case 'n': fixed = atoi(optarg); break;
        case 'l': list = optarg; break;
        case 'O': outdir = optarg; break;
        default: return 2;
        }
    }
    FILE *lf = list ? fopen(list, "r") : NULL;
    if (!lf || !outdir) {
        fprintf(stderr, "usage: otsrun [-K REFDIR | -n N] -l LIST -O OUTDIR\n");
        return 2;
    }
    char line[4096], path[8300], *id, *body;
    size_t docs = 0;
    struct timespec t0, t1;
    double cpu = 0;         /* CPU seconds in the summarizer alone */
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (list_next(lf, line, sizeof line, &id, &body)) {
        int k = kdir ? list_k(kdir, id, 1000) : fixed;
        size_t n;
        char *text = slurp(body, &n);
        if (!text)
            continue;
        struct timespec c0, c1;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
        OtsArticle *art = ots_new_article();
        if (!ots_load_xml_dictionary(art, (const unsigned char *)"en")) {
            fprintf(stderr, "otsrun: no OTS dictionary 'en' (apt-get install ots)\n");
            return 2;
        }
        ots_parse_stream((const unsigned char *)text, n, art);
        ots_grade_doc(art);
        ots_highlight_doc_lines(art, k);
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
        cpu += seconds(&c0, &c1);
        snprintf(path, sizeof path, "%s/%s.txt", outdir, id);
        FILE *out = fopen(path, "w");
        for (GList *l = art->lines; out && l; l = l->next) {
            OtsSentence *s = l->data;
            if (!ots_is_line_selected(s))
                continue;
            size_t len = 0;
            unsigned char *t = ots_get_line_text(s, TRUE, &len);
            if (t)
                put_line(out, t, len);
            g_free(t);
        }
        if (out)
            fclose(out);
        ots_free_article(art);
        free(text);
        docs++;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    fclose(lf);
    /* CPU seconds summarizing include the dictionary load: every
     * OtsArticle needs its own */
    print_speed(docs, &t0, &t1, cpu, 1);
    return 0;
}
