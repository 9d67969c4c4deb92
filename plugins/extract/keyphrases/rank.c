/* plugins/extract/keyphrases/rank.c - ranks the candidate phrases: word
 * scores (frequency, position, spread, rarity), phrase scores from their
 * words and from how often the words occur in the phrase, then the top list
 * without overlapping phrases ("market" or "stock market", not both). */
#include "keyphrases.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* What tells a key word (measured on all three dev sets): it recurs,
 * comes early, spreads over the text, is rare elsewhere, is a longer word,
 * and stands alone rather than modifying the next word ("nuclear" of
 * "nuclear talks").  The count is damped (^0.7): a phrase of two rarer
 * words should beat one very frequent word in a short abstract. */
static void word_scores(kp_state *st, size_t nsent)
{
    size_t ns = st->nst;
    double n = (double)(nsent ? nsent : 1);
    for (size_t i = 0; i < ns; i++) {
        kp_stem *s = &st->st[i];
        double pos = 3.0 - (double)s->first / n;
        double spread = nsent > 1 ? 1.0 + (double)(s->last - s->first) / n : 1.0;
        double lenf = (double)(s->len < 9 ? s->len : 9);
        s->rank = pow(s->count, 0.7) * st->gst[s->g].idf * pos * spread * lenf *
                  (1.0 - 0.4 * s->mod / s->count);
    }
}

/* A phrase scores the sum of its words' scores, each weighted by the
 * share of the word's occurrences that fall in this phrase (smoothed by 2):
 * in an abstract "elliptic equations" keeps most of "equations", in a long
 * article "stock market" said once loses to "market" said ten times. */
int kp_rank(kp_state *st, size_t nsent)
{
    word_scores(st, nsent);
    for (size_t i = 0; i < st->ncands; i++) {
        kp_cand *c = &st->cands[i];
        double sum = 0;
        for (size_t k = 0; k < c->nwords; k++) {
            const kp_stem *w = &st->st[st->ids[c->ids + k]];
            sum += w->rank * ((double)c->count + 2.0) / (w->count + 2.0);
        }
        if (c->nwords == 1 && st->form[st->words[c->w0].form].generic)
            sum = 0;    /* "method", "results" alone */
        /* a whole noun phrase of its own, not only a piece of longer ones
         * ("spanning" of "spanning trees"), and an early one (the title,
         * the lead) says more: the phrase's first sentence counts more
         * than its words' (weights chosen on the three dev sets at once) */
        c->score = sum * (1.0 + 0.7 * (double)c->alone / (double)c->count) *
                   (1.0 + 2.5 / ((double)c->first + 1.0));
    }
    return 0;
}

/* one candidate in the ranking (no global state: workers sort at once) */
typedef struct ranked {
    double score;
    size_t first, idx;
} ranked;

static int by_score(const void *x, const void *y)
{
    const ranked *a = x, *b = y;
    if (a->score != b->score)
        return a->score < b->score ? 1 : -1;
    return a->first < b->first ? -1 : a->first > b->first;
}

/* a and b say the same thing: they share two thirds of the shorter one's
 * stems ("market" in "stock market"; "stock market crash" and "market
 * crash report") */
static int overlap(const kp_state *st, const kp_cand *a, const kp_cand *b)
{
    size_t shared = 0;
    for (size_t i = 0; i < a->nwords; i++) {
        size_t s = st->ids[a->ids + i], k;
        for (k = 0; k < b->nwords && st->ids[b->ids + k] != s; k++)
            ;
        shared += k < b->nwords;
    }
    size_t shorter = a->nwords < b->nwords ? a->nwords : b->nwords;
    return shared > 0 && shared * 3 >= shorter * 2;
}

size_t kp_choose(kp_state *st, size_t *out, size_t max)
{
    ranked *order = malloc(st->ncands * sizeof *order);
    if (!order)
        return (size_t)-1;
    for (size_t i = 0; i < st->ncands; i++)
        order[i] = (ranked){ st->cands[i].score, st->cands[i].w0, i };
    qsort(order, st->ncands, sizeof *order, by_score);
    size_t n = 0;
    for (size_t i = 0; i < st->ncands && n < max; i++) {
        const kp_cand *c = &st->cands[order[i].idx];
        if (c->score <= 0)
            break;
        size_t k;
        for (k = 0; k < n; k++) {
            const kp_cand *o = &st->cands[out[k]];
            if (overlap(st, c, o))
                break;
        }
        if (k == n)
            out[n++] = order[i].idx;
    }
    free(order);
    return n;
}
