/* plugins/extract/entities/decode.c - the entities tagger's decoding: the
 * best BIO tags of each sentence by Viterbi over the tag before (so a name
 * is chosen as a whole, not word by word), and the names they make.  The
 * trainer (bench/entities/train.c) decodes with the same function. */
#include "entities.h"

#include <stdlib.h>
#include <string.h>

#define NO_PATH (-1e300)

/* the path through tag p (scoring vp) extended by tag t, if it is t's best */
static inline void extend(double *nv, unsigned char *back, double vp, const double *e, const double *h,
                          const double *tr, int p, int t)
{
    double s = vp + e[t] + h[t] + tr[t];
    if (s > nv[t]) {
        nv[t] = s;
        back[t] = (unsigned char)p;
    }
}

/* Tokens a lower-case word or a sign after tokens that could only be O are
 * O without scoring (most tokens): their score is the same on every path.
 * A tag whose best path scores margin below the token's best path is
 * dropped, so that after a name the lattice soon holds O alone again. */
void ent_viterbi(const ent_state *st, const char *text, size_t a, size_t b, ent_score_fn *fn,
                 const void *model, const double trans[ENT_NTAGS][ENT_NTAGS], double margin,
                 ent_lattice *lat, unsigned char *tags)
{
    double v[ENT_NTAGS], nv[ENT_NTAGS], e[ENT_NTAGS], h[ENT_NTAGS];
    uint32_t f[ENT_MAXF];
    int only_o = 1;     /* whether O is the one tag the token before can have */
    for (int t = 0; t < ENT_NTAGS; t++)
        v[t] = t == 0 ? 0 : NO_PATH;
    for (size_t i = a; i < b; i++) {
        unsigned char *back = lat->back[i - a];
        if (only_o && ent_must_be_outside(st, i, 0)) {
            memset(back, 0, ENT_NTAGS);
            continue;   /* v stays {0: v[0], else none} */
        }
        fn(model, f, ent_features(st, text, i, f), e);
        for (int t = 0; t < ENT_NTAGS; t++)
            nv[t] = NO_PATH;
        int begins = ent_tag_allowed(st, i, 0, 1);     /* B-X allowed here (any X) */
        for (int p = 0; p < ENT_NTAGS; p++) {
            if (v[p] == NO_PATH)
                continue;
            fn(model, f, ent_history_features(st, i, p, f), h);
            /* after p: O, I of p's label (even), or a B-X (odd) where names
             * begin; each tag once, so the order of the tags is free */
            extend(nv, back, v[p], e, h, trans[p], p, 0);
            if (p != 0)
                extend(nv, back, v[p], e, h, trans[p], p, p % 2 ? p + 1 : p);
            for (int t = 1; begins && t < ENT_NTAGS; t += 2)
                extend(nv, back, v[p], e, h, trans[p], p, t);
        }
        double top = nv[0];
        for (int t = 1; t < ENT_NTAGS; t++)
            top = nv[t] > top ? nv[t] : top;
        only_o = 1;
        for (int t = 0; t < ENT_NTAGS; t++) {
            v[t] = nv[t] < top - margin ? NO_PATH : nv[t];
            only_o &= t == 0 || v[t] == NO_PATH;
        }
    }
    int best = 0;
    for (int t = 1; t < ENT_NTAGS; t++)
        if (v[t] > v[best])
            best = t;
    for (size_t i = b; i-- > a;) {
        tags[i - a] = (unsigned char)best;
        best = lat->back[i - a][best];
    }
}

static int close_name(ent_state *st, const char *text, size_t a, size_t b, int tag)
{
    if (tag == 0)
        return 0;
    /* no name ends in "of", "and" or "de" ("Colorado State University of") */
    static const char *const particles[] = { "de", "del", "da", "von", NULL };
    for (const tok *l; b - a > 1; b--) {
        l = &st->toks[b - 1];
        if (!(l->flags & GALLEY_TOK_LOWER) || l->e - l->s > 3 || !(l->stop || ent_tok_in(text, l, particles)))
            break;
    }
    if (ent_push_name(st, a, b) < 0)
        return -1;
    /* "World Cup", "Nobel Prize", "Vietnam War": a name ending in a word
     * of an event (org-cues.txt) is an event, MISC, whatever the tagger
     * made of it (it learned them as ORG from the sets without MISC); its
     * last word, where the tagger took a sentence's full stop along
     * ("the World Cup.", cut later by ent_name_periods) */
    size_t last = b - 1;
    while (last > a && st->toks[last].cls != GALLEY_TOK_WORD)
        last--;
    st->names[st->nnames - 1].label = (st->toks[last].lex & LX_EVENT) ? L_MISC : (tag + 1) / 2;
    return 0;
}

/* "FAO", "PPRP": an all-caps word of 2-6 letters in a sentence of news
 * (not a headline, not a post) that no list knows (no word, place, person
 * or not-name), or that organizations.txt knows, names an organisation.  The training sets, mostly posts,
 * taught the tagger that shouted words are nothing; news uses them for
 * organisations about three times in four (ner-dev, Worldwide). */
static int unknown_acronym(const ent_state *st, const char *text, size_t i)
{
    const tok *t = &st->toks[i];
    size_t n = t->e - t->s;
    if (st->informal || t->headline || n < 2 || n > 6 || !(t->flags & GALLEY_TOK_ALLCAPS))
        return 0;
    /* "WHO", known in capitals, is no "who" */
    if ((t->lex & LX_ORG) && !(t->lex & (LX_PLACE | LX_NOTNAME)))
        return 1;
    if ((t->lex | t->low) & (LX_LOWER | LX_PLACE | LX_GIVEN | LX_SURNAME | LX_NOTNAME | LX_TITLE | LX_TITLELOW))
        return 0;
    for (size_t k = 0; k < n; k++)
        if (text[t->s + k] < 'A' || text[t->s + k] > 'Z')
            return 0;
    return 1;
}

/* the names of tokens [a, b), tagged tags[0..b-a) */
static int push_names(ent_state *st, const char *text, size_t a, size_t b, unsigned char *tags)
{
    int p1 = 0;
    size_t start = a;
    for (size_t i = a; i < b; i++) {
        int t = tags[i - a];
        if (t == 0 && p1 == 0 && unknown_acronym(st, text, i))
            t = 2 * L_ORG - 1;
        /* a line ends a name, whatever the sentence ("Xiomara Castro" /
         * "Tegucigalpa ..." of a line without a full stop) */
        if (t != 0 && t % 2 == 0 && i > a && ent_gap_breaks(text, &st->toks[i - 1], &st->toks[i]))
            t--;
        /* nor does the hyphen between two places ("Russia-Ukraine") */
        if (st->toks[i].pair)
            t = 0;
        else if (t != 0 && t % 2 == 0 && i > a && st->toks[i - 1].pair)
            t--;
        if (p1 != 0 && (t == 0 || t % 2 == 1) && close_name(st, text, start, i, p1) < 0)
            return -1;
        if (t % 2 == 1)
            start = i;
        p1 = t;
    }
    return close_name(st, text, start, b, p1);
}

int ent_tag_names(ent_state *st, const char *text)
{
    st->nnames = 0;
    if (!st->lattice) {
        st->lattice = malloc(sizeof *st->lattice);
        st->tags = malloc(ENT_MAXRUN);
        if (!st->lattice || !st->tags)
            return -1;
    }
    for (size_t a = 0; a < st->ntoks;) {
        size_t b = a + 1;
        while (b < st->ntoks && b - a < ENT_MAXRUN && st->toks[b].sent == st->toks[a].sent)
            b++;
        ent_viterbi(st, text, a, b, ent_model_scores, st->model, (const double (*)[ENT_NTAGS])st->model->trans,
                    st->model->margin, st->lattice, st->tags);
        if (push_names(st, text, a, b, st->tags) < 0)
            return -1;
        a = b;
    }
    return 0;
}
