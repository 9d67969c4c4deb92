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

/* Visits the edges: each content word with the next KP_WINDOW - 1 content
 * words of its sentence, repeated pairs counted again (they are the edge
 * weights).  Walking the words each time keeps no edge list, which on a
 * 16 MB article would cost tens of MB.  With spread 0, counts the
 * degrees; else adds each end's share of rank to the other. */
static void walk(kp_state *st, int spread)
{
    uint32_t recent[KP_WINDOW - 1];
    size_t nrecent = 0;
    uint32_t sent = UINT32_MAX;
    for (size_t i = 0; i < st->nwords; i++) {
        const kp_word *w = &st->words[i];
        if (!w->content)
            continue;
        if (w->sent != sent) {
            sent = w->sent;
            nrecent = 0;
        }
        kp_stem *b = &st->st[w->stem];
        for (size_t k = 0; k < nrecent; k++) {
            if (recent[k] == w->stem)
                continue;
            kp_stem *a = &st->st[recent[k]];
            if (!spread) {
                a->deg += 1;
                b->deg += 1;
                continue;
            }
            a->acc += b->pr / b->deg;
            b->acc += a->pr / a->deg;
            a->pacc += b->ppr / b->deg;
            b->pacc += a->ppr / a->deg;
        }
        /* the last KP_WINDOW - 1 content words, oldest first */
        if (nrecent == KP_WINDOW - 1) {
            memmove(recent, recent + 1, (KP_WINDOW - 2) * sizeof *recent);
            nrecent--;
        }
        recent[nrecent++] = w->stem;
    }
}

void kp_graph(kp_state *st)
{
    size_t ns = st->nst;
    if (ns == 0)
        return;
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
    walk(st, 0);
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
        walk(st, 1);
        for (size_t i = 0; i < ns; i++) {
            kp_stem *s = &st->st[i];
            s->pr = (1.0 - KP_DAMP) * uni + KP_DAMP * s->acc;
            s->ppr = (1.0 - KP_DAMP) * s->bias + KP_DAMP * s->pacc;
        }
    }
}
