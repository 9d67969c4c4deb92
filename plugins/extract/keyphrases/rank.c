/* plugins/extract/keyphrases/rank.c - ranks the candidate phrases: word
 * scores (frequency, position, spread, rarity), hand phrase scores from
 * their words and from how often the words occur in the phrase, the learned
 * score over those and other features (features.c), then the top list
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

/* A phrase's hand score is the sum of its words' scores, each weighted by
 * the share of the word's occurrences that fall in this phrase (smoothed by
 * 2): in an abstract "elliptic equations" keeps most of "equations", in a
 * long article "stock market" said once loses to "market" said ten times. */
static void hand_scores(kp_state *st)
{
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
         * than its words' */
        c->hand = sum * (1.0 + 0.7 * (double)c->alone / (double)c->count) *
                  (1.0 + 2.5 / ((double)c->first + 1.0));
    }
}

/* the KP_RERANK-th best hand score (0 when fewer candidates): a small
 * sorted buffer, one pass over the candidates */
static double rerank_cut(const kp_state *st)
{
    double top[KP_RERANK];
    size_t n = 0;
    for (size_t i = 0; i < st->ncands; i++) {
        double h = st->cands[i].hand;
        if (h <= 0 || (n == KP_RERANK && h <= top[n - 1]))
            continue;
        size_t k = n < KP_RERANK ? n++ : n - 1;
        for (; k > 0 && top[k - 1] < h; k--)
            top[k] = top[k - 1];
        top[k] = h;
    }
    return n == KP_RERANK ? top[n - 1] : 0;
}

/* The learned score: the features (features.c) weighed by
 * keyphrase-weights.txt.  With the 'features' file open, each candidate's
 * features are kept for it. */
int kp_rank(kp_state *st, size_t nsent)
{
    word_scores(st, nsent);
    hand_scores(st);
    kp_doc dc;
    kp_doc_context(st, nsent, &dc);
    if (st->dump >= 0 &&
        galley_reserve(&st->feat, &st->capfeat, st->ncands * KP_NFEAT, sizeof *st->feat) < 0)
        return -1;
    const double *wt = st->d->weight;
    double cut = rerank_cut(st), low = HUGE_VAL;
    size_t ntop = 0;
    for (size_t i = 0; i < st->ncands; i++) {
        kp_cand *c = &st->cands[i];
        c->top = c->hand > 0 && c->hand >= cut;
        if (c->top) {
            if (galley_reserve(&st->top, &st->capt, ntop + 1, sizeof *st->top) < 0)
                return -1;
            st->top[ntop++] = i;
        }
    }
    kp_containment(st, st->top, ntop);
    for (size_t t = 0; t < ntop; t++) {
        size_t i = st->top[t];
        kp_cand *c = &st->cands[i];
        double local[KP_NFEAT], *f = st->dump >= 0 ? st->feat + i * KP_NFEAT : local, s = 0;
        kp_features(st, &dc, c, f);
        for (size_t k = 0; k < KP_NFEAT; k++)
            s += wt[k] * f[k];
        c->score = s;
        low = s < low ? s : low;
    }
    /* the others follow the top ones in hand-score order (the overlap rule
     * may leave fewer than `count` of the top ones) */
    for (size_t i = 0; i < st->ncands; i++) {
        kp_cand *c = &st->cands[i];
        if (!c->top && c->hand > 0)
            c->score = low - 1.0 - log(cut / c->hand);
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
    if (a->first != b->first)
        return a->first < b->first ? -1 : 1;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* a and b say the same thing: every stem of the shorter one is in the
 * longer ("market" in "stock market", "market crash" in "stock market
 * crash"; "stock market crash" and "market crash report" both stay: on the
 * dev sets dropping those as well cost F1@10 .004 on SemEval and .003 on
 * Inspec) */
static int overlap(const kp_state *st, const kp_cand *a, const kp_cand *b)
{
    const kp_cand *s = a->nwords <= b->nwords ? a : b;
    return kp_shared(st, s, s == a ? b : a) == s->nwords;
}

/* out[*n..max) filled from order[0..m) (sorted best first): each phrase
 * that overlaps none already chosen */
static void pick(const kp_state *st, const ranked *order, size_t m, size_t *out, size_t *n,
                 size_t max)
{
    for (size_t i = 0; i < m && *n < max; i++) {
        const kp_cand *c = &st->cands[order[i].idx];
        size_t k;
        for (k = 0; k < *n; k++)
            if (overlap(st, c, &st->cands[out[k]]))
                break;
        if (k == *n)
            out[(*n)++] = order[i].idx;
    }
}

/* Only shown-able phrases are sorted, the top ones (kp_rank: they all
 * score above the others) first and the others only when the overlap
 * rule leaves fewer than max of them: the order is that of one sort of
 * all, for a fraction of the comparisons. */
size_t kp_choose(kp_state *st, size_t *out, size_t max)
{
    ranked *order = malloc((st->ncands ? st->ncands : 1) * sizeof *order);
    if (!order)
        return (size_t)-1;
    size_t ntop = 0, nrest = st->ncands;
    for (size_t i = 0; i < st->ncands; i++) {
        const kp_cand *c = &st->cands[i];
        if (c->hand > 0)
            order[c->top ? ntop++ : --nrest] = (ranked){ c->score, c->w0, i };
    }
    qsort(order, ntop, sizeof *order, by_score);
    size_t n = 0;
    pick(st, order, ntop, out, &n, max);
    if (n < max && nrest < st->ncands) {
        qsort(order + nrest, st->ncands - nrest, sizeof *order, by_score);
        pick(st, order + nrest, st->ncands - nrest, out, &n, max);
    }
    free(order);
    return n;
}
