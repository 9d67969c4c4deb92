/* plugins/extract/entities/context.c - the entities tagger's document-level
 * features (context aggregation, after Ratinov & Roth 2009): a capitalised
 * word also sees the contexts its other mentions in the document have, so
 * "Huawei" in "Huawei and Xiaomi" learns from "Huawei said", "Huawei Inc"
 * or "shares of Huawei" elsewhere.  Features, not decisions: the tagger's
 * weights say how much each context counts. */
#include "entities.h"

#include <stdlib.h>
#include <string.h>

/* what a mention's capitalised run says of the word (ent_occ.bits) */
enum {
    C_TITLE = 1u << 0,      /* a title before the run: "President Xi" */
    C_GIVEN = 1u << 1,      /* a given name before the word in its run */
    C_ORGSUF = 1u << 2,     /* an organisation's suffix after it: "Huawei Technologies" */
    C_LOCSUF = 1u << 3,     /* a place's suffix after it: "Hunan Province" */
    C_ALONE = 1u << 4,      /* a run of one word */
    C_POSS = 1u << 5,       /* "Xiaomi's" */
    C_FIRST = 1u << 6,      /* first word of a longer run */
    C_LAST = 1u << 7,       /* last word of a longer run */
    C_SHOUT = 1u << 8,      /* in a headline or all-caps line */
    C_LOCBEFORE = 1u << 9,  /* "in", "near" before the run */
    C_NUMBER = 1u << 10     /* a number right after the run: "Chelsea 2" */
};
#define C_NBITS 11

/* other mentions looked at, at most (a long document names its subject
 * hundreds of times; the first ones say enough) */
#define MAX_OTHERS 24
#define MAX_CONTEXTS 4      /* distinct words before (and after) the run */

static int mention_word(const tok *t)
{
    return ent_is_cap(t) && !t->stop && t->e - t->s > 1;
}

/* the mention at token i, in its run of capitalised words [a, b) */
static ent_occ mention(const ent_state *st, size_t a, size_t b, size_t i)
{
    static const uint32_t edge_left = 0x51ed27u, edge_right = 0x3c6ef372u;
    const tok *t = &st->toks[i];
    const tok *l = a > 0 && st->toks[a - 1].sent == t->sent ? &st->toks[a - 1] : NULL;
    const tok *r = b < st->ntoks && st->toks[b].sent == t->sent ? &st->toks[b] : NULL;
    ent_occ o = { t->wh, (uint32_t)i, l ? l->wh : edge_left, r ? r->wh : edge_right, 0, 0, 0 };
    if (l && ((l->lex | l->low) & (LX_TITLE | LX_TITLELOW)))
        o.bits |= C_TITLE;
    if (l && ((l->lex | l->low) & LX_LOCBEFORE))
        o.bits |= C_LOCBEFORE;
    if (r && r->cls == GALLEY_TOK_NUMBER)
        o.bits |= C_NUMBER;
    for (size_t j = a; j < i; j++)
        if (st->toks[j].lex & LX_GIVEN)
            o.bits |= C_GIVEN;
    for (size_t j = i + 1; j < b; j++)
        o.bits |= ((st->toks[j].lex & LX_ORGSUF) ? C_ORGSUF : 0) | ((st->toks[j].lex & LX_LOCSUF) ? C_LOCSUF : 0);
    o.bits |= b - a == 1 ? C_ALONE : i == a ? C_FIRST : i + 1 == b ? C_LAST : 0;
    o.bits |= (t->poss ? C_POSS : 0) | (t->headline ? C_SHOUT : 0);
    return o;
}

/* the first mention of word wh in the table (slots: occ indexes + 1, 0
 * empty; mask + 1 slots), or the empty slot where it goes */
static uint32_t *slot_of(const ent_state *st, uint32_t *slots, size_t mask, uint32_t wh)
{
    for (size_t h = ent_mix(wh, 0x2f1u) & mask;; h = (h + 1) & mask)
        if (!slots[h] || st->occ[slots[h] - 1].wh == wh)
            return &slots[h];
}

int ent_context_prepare(ent_state *st)
{
    if (galley_reserve(&st->occ_at, &st->capocc_at, st->ntoks + 1, sizeof *st->occ_at) < 0 ||
        galley_reserve(&st->occ, &st->capocc, st->ntoks + 1, sizeof *st->occ) < 0)
        return -1;
    st->nocc = 0;
    for (size_t i = 0; i < st->ntoks; i++)
        st->occ_at[i] = UINT32_MAX;
    for (size_t a = 0; a < st->ntoks;) {
        if (!ent_is_cap(&st->toks[a])) {
            a++;
            continue;
        }
        size_t b = a + 1;
        while (b < st->ntoks && ent_is_cap(&st->toks[b]) && st->toks[b].sent == st->toks[a].sent)
            b++;
        for (size_t i = a; i < b; i++)
            if (mention_word(&st->toks[i]))
                st->occ[st->nocc++] = mention(st, a, b, i);
        a = b;
    }
    /* each word's mentions chained in document order (occ.next), its
     * first one found by an open-addressed table of the words */
    size_t mask = 15;
    while (mask + 1 < 2 * st->nocc)
        mask = mask * 2 + 1;
    if (galley_reserve(&st->slots, &st->capslots, mask + 1, sizeof *st->slots) < 0)
        return -1;
    memset(st->slots, 0, (mask + 1) * sizeof *st->slots);
    for (size_t k = 0; k < st->nocc; k++) {
        ent_occ *o = &st->occ[k];
        uint32_t *s = slot_of(st, st->slots, mask, o->wh);
        o->next = UINT32_MAX;
        if (!*s) {
            *s = (uint32_t)k + 1;
            o->last = (uint32_t)k;
        } else {    /* the first mention keeps the last one, to append */
            ent_occ *first = &st->occ[*s - 1];
            st->occ[first->last].next = (uint32_t)k;
            first->last = (uint32_t)k;
        }
        st->occ_at[o->tok] = *s - 1;
    }
    return 0;
}

static int add_distinct(uint32_t *seen, size_t *n, uint32_t h)
{
    for (size_t k = 0; k < *n; k++)
        if (seen[k] == h)
            return 0;
    if (*n == MAX_CONTEXTS)
        return 0;
    seen[(*n)++] = h;
    return 1;
}

/* Features of what token i's other mentions say (nothing for a word of
 * the gazetteers: the lists settle "Italy", and contexts such as
 * "against Italy" elsewhere taught it to be an organisation; measured:
 * PUD F1 -.006 with them, -.003 without). */
size_t ent_context_features(const ent_state *st, size_t i, uint32_t tmpl, uint32_t cc, uint32_t *f)
{
    if (st->context_off)
        return 0;
    uint32_t g = st->occ_at[i];
    if (g == UINT32_MAX || st->toks[i].gz)
        return 0;
    uint32_t left[MAX_CONTEXTS], right[MAX_CONTEXTS];
    size_t nl = 0, nr = 0, n = 0, others = 0;
    unsigned bits = 0;
    for (uint32_t k = g; k != UINT32_MAX && others < MAX_OTHERS; k = st->occ[k].next) {
        const ent_occ *o = &st->occ[k];
        if (o->tok == i)
            continue;
        others++;
        bits |= o->bits;
        if (add_distinct(left, &nl, o->lh))
            f[n++] = ent_mix(tmpl + 1, o->lh);
        if (add_distinct(right, &nr, o->rh))
            f[n++] = ent_mix(tmpl + 2, o->rh);
    }
    if (others == 0)
        return 0;
    f[n++] = ent_mix(tmpl, (others > 3 ? 3 : (uint32_t)others) * 4 + cc);
    for (unsigned b = 0; b < C_NBITS; b++)
        if (bits & (1u << b))
            f[n++] = ent_mix(tmpl + 3, b * 4 + cc);
    return n;
}
