/* plugins/extract/keyphrases/graph.c - how central each word of a document
 * is: PageRank over the graph of content words that stand near one another
 * (SingleRank), once with a uniform jump and once with a jump biased
 * towards words that come early (PositionRank).  Phrases whose words are
 * central are about what the text is about, even when said once. */
#include "keyphrases.h"

#include <string.h>

#define KP_WINDOW 4     /* a content word is linked to the next 3 content words */
#define KP_DAMP 0.85
#define KP_ITER 20      /* fixed: the same ranks on every machine */

/* the edges: each content word with the next KP_WINDOW - 1 content words
 * of its sentence, repeated pairs kept (they are the edge weights); the
 * count of pairs, or (size_t)-1 */
static size_t build_edges(kp_state *st)
{
    size_t n = 0, recent[KP_WINDOW - 1], nrecent = 0;
    uint32_t sent = UINT32_MAX;
    for (size_t i = 0; i < st->nwords; i++) {
        const kp_word *w = &st->words[i];
        if (!w->content)
            continue;
        if (w->sent != sent) {
            sent = w->sent;
            nrecent = 0;
        }
        if (galley_reserve(&st->edges, &st->capedges, 2 * (n + KP_WINDOW), sizeof *st->edges) < 0)
            return (size_t)-1;
        for (size_t k = 0; k < nrecent; k++) {
            uint32_t a = (uint32_t)recent[k];
            if (a == w->stem)
                continue;
            st->edges[2 * n] = a;
            st->edges[2 * n + 1] = w->stem;
            st->st[a].deg += 1;
            st->st[w->stem].deg += 1;
            n++;
        }
        /* the last KP_WINDOW - 1 content words, oldest first */
        if (nrecent == KP_WINDOW - 1) {
            memmove(recent, recent + 1, (KP_WINDOW - 2) * sizeof *recent);
            nrecent--;
        }
        recent[nrecent++] = w->stem;
    }
    return n;
}

int kp_graph(kp_state *st)
{
    size_t ns = st->nst;
    if (ns == 0)
        return 0;
    for (size_t i = 0; i < ns; i++) {
        kp_stem *s = &st->st[i];
        s->deg = s->bias = 0;
    }
    /* PositionRank's jump: the sum of 1 / position of each occurrence */
    double bsum = 0;
    for (size_t i = 0; i < st->nwords; i++)
        if (st->words[i].content) {
            double b = 1.0 / (double)(i + 1);
            st->st[st->words[i].stem].bias += b;
            bsum += b;
        }
    size_t ne = build_edges(st);
    if (ne == (size_t)-1)
        return -1;
    double uni = 1.0 / (double)ns;
    for (size_t i = 0; i < ns; i++) {
        kp_stem *s = &st->st[i];
        s->bias /= bsum;
        s->pr = uni;
        s->ppr = s->bias;
    }
    for (int it = 0; it < KP_ITER; it++) {
        for (size_t i = 0; i < ns; i++)
            st->st[i].acc = st->st[i].pacc = 0;
        for (size_t e = 0; e < ne; e++) {
            kp_stem *a = &st->st[st->edges[2 * e]], *b = &st->st[st->edges[2 * e + 1]];
            a->acc += b->pr / b->deg;
            b->acc += a->pr / a->deg;
            a->pacc += b->ppr / b->deg;
            b->pacc += a->ppr / a->deg;
        }
        for (size_t i = 0; i < ns; i++) {
            kp_stem *s = &st->st[i];
            s->pr = (1.0 - KP_DAMP) * uni + KP_DAMP * s->acc;
            s->ppr = (1.0 - KP_DAMP) * s->bias + KP_DAMP * s->pacc;
        }
    }
    return 0;
}
