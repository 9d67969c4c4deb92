/* plugins/summarize/sum_select.c - the summarizer core's selection: the
 * length budget, MMR over the scored candidates, Lead-N, and writing the
 * `summary` layer and field. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sum_int.h"

static int is_space_byte(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

size_t gsum_target(const gsum *g, size_t n)
{
    size_t k;
    if (g->nsent > 0)
        k = (size_t)g->nsent;
    else if (g->ratio > 0)
        k = (size_t)ceil(g->ratio * (double)n - 1e-9);
    else
        k = n;
    if (k < 1)
        k = 1;
    return k < n ? k : n;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* the summary layer and field from g->chosen[0..k), sorted here */
static void write_summary(gsum *g, galley_doc *doc, size_t k)
{
    size_t len = 0;
    const char *text = galley_doc_text(doc, &len);
    galley_doc_remove_layer(doc, "summary");
    galley_doc_remove_field(doc, "summary");
    qsort(g->chosen, k, sizeof *g->chosen, cmp_int);
    size_t total = 0;
    for (size_t i = 0; i < k; i++) {
        gsum_sent *x = &g->sents[g->chosen[i]];
        total += x->end - x->start + 1;
    }
    char *out = galley_doc_alloc(doc, total + 1);
    size_t o = 0;
    for (size_t i = 0; i < k; i++) {
        gsum_sent *x = &g->sents[g->chosen[i]];
        galley_doc_add_span(doc, "summary", x->start, x->end, NULL, x->score);
        if (o > 0)
            out[o++] = ' ';
        /* line breaks inside a sentence become single spaces */
        int sp = 0;
        for (size_t b = x->start; b < x->end; b++) {
            if (is_space_byte((unsigned char)text[b])) {
                if (!sp)
                    out[o++] = ' ';
                sp = 1;
            } else {
                out[o++] = text[b];
                sp = 0;
            }
        }
    }
    out[o] = '\0';
    galley_doc_set_field(doc, "summary", out);
}

static int ensure_chosen(gsum *g, size_t n)
{
    if (galley_reserve(&g->chosen, &g->capchosen, n + 1, sizeof *g->chosen) < 0)
        return -1;
    return 0;
}

void gsum_select_lead(gsum *g, galley_doc *doc)
{
    size_t n = g->nsents, k = gsum_target(g, n), used = 0;
    if (ensure_chosen(g, n) < 0)
        return;
    int words = 0;
    for (size_t i = 0; i < n && used < k; i++) {
        if (g->words > 0 && used > 0 && words + g->sents[i].words > g->words)
            break;
        words += g->sents[i].words;
        g->sents[i].score = GALLEY_NO_SCORE;
        g->chosen[used++] = (int)i;
    }
    write_summary(g, doc, used);
}

static int ensure_select(gsum *g, size_t n)
{
    size_t c1 = g->capsel, c2 = g->capsel, c3 = g->capsel;
    if (galley_reserve(&g->taken, &c1, n + 1, 1) < 0)
        return -1;
    if (galley_reserve(&g->maxsim, &c2, n + 1, sizeof *g->maxsim) < 0)
        return -1;
    if (galley_reserve(&g->sim, &c3, n + 1, sizeof *g->sim) < 0)
        return -1;
    g->capsel = c1;
    return 0;
}

void gsum_select(gsum *g, galley_doc *doc)
{
    double redundancy = g->redundancy, max_sim = GSUM_MAX_SIM;
    size_t n = g->nsents, k = gsum_target(g, n), used = 0;
    if (ensure_chosen(g, n) < 0)
        return;
    double top = 0;
    for (size_t i = 0; i < n; i++)
        if (g->sents[i].score > top)
            top = g->sents[i].score;
    if (top <= 0)
        top = 1;
    /* taken[i]: chosen or ruled out; maxsim[i]: its highest cosine to the
     * chosen, updated as sentences are chosen (O(n k) cosines); sim: the
     * cosines to the one just chosen.  Buffers kept across documents. */
    if (ensure_select(g, n) < 0)
        return;
    char *taken = g->taken;
    double *maxsim = g->maxsim, *sim = g->sim;
    memset(taken, 0, n);
    for (size_t i = 0; i < n; i++)
        maxsim[i] = 0;
    int words = 0;
    while (used < k) {
        long best = -1;
        double bv = 0;
        for (size_t i = 0; i < n; i++) {
            if (taken[i])
                continue;
            double v = g->sents[i].score / top - redundancy * maxsim[i];
            if (best < 0 || v > bv + 1e-12) {
                best = (long)i;
                bv = v;
            }
        }
        if (best < 0)
            break;
        gsum_sent *b = &g->sents[best];
        taken[best] = 1;
        if (g->words > 0 && words + b->words > g->words)
            continue;           /* over budget: a shorter one may still fit */
        words += b->words;
        g->chosen[used++] = (int)best;
        int rows = gsum__cosine_to(g, (size_t)best, sim) == 0;
        for (size_t i = 0; i < n; i++) {
            if (taken[i])
                continue;
            double c = rows ? sim[i] : gsum_cosine(g, &g->sents[i], b);
            if (c > maxsim[i])
                maxsim[i] = c;
            if (c > max_sim)
                taken[i] = 1;
        }
    }
    if (used == 0 && n > 0 && g->words > 0) {
        /* a budget below every sentence still yields the best sentence */
        size_t bi = 0;
        for (size_t i = 1; i < n; i++)
            if (g->sents[i].score > g->sents[bi].score)
                bi = i;
        g->chosen[used++] = (int)bi;
    }
    write_summary(g, doc, used);
}

