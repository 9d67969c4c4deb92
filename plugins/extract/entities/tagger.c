/* plugins/extract/entities/tagger.c - the statistical sequence tagger of the
 * entities plugin: hashed features of a token (word, shape, affixes,
 * neighbours, sentence position, case context, gazetteers and name lists),
 * the tags' constraints, and the weights, loaded once per process and
 * shared by every worker (decode.c finds the best tags with them).
 * bench/entities/train.c computes the same features to learn the weights. */
#include "entities.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static const char model_magic[8] = { 'G', 'L', 'Y', 'N', 'E', 'R', '1', '\0' };

/* ---- per-token preparation ---- */

/* "Xxxx" -> "Xx", "U.S." -> "X.X.", "1996-12-06" -> "d-d-d": each run of
 * one character class once (bytes >= 0x80 count as a letter of no case) */
static uint32_t shape_hash(const char *w, size_t n)
{
    char buf[16];
    size_t k = 0;
    for (size_t i = 0; i < n && k < sizeof buf; i++) {
        unsigned char c = (unsigned char)w[i];
        char m = c >= 'A' && c <= 'Z' ? 'X' : c >= 'a' && c <= 'z' ? 'x' : c >= '0' && c <= '9' ? 'd'
               : c >= 0x80 ? 'u' : (char)c;
        if (m == 'u' && k > 0 && (buf[k - 1] == 'x' || buf[k - 1] == 'X'))
            continue;   /* "Zoë", "Đặng": the accent does not change the shape */
        if (k == 0 || buf[k - 1] != m)
            buf[k++] = m;
    }
    return galley_hash32(buf, k) ^ (n > 12 ? 0x5bd1e995u : n == 1 ? 0x1b873593u : 0);
}

static int all_caps(const tok *t)
{
    return t->cls == GALLEY_TOK_WORD && (t->flags & GALLEY_TOK_ALLCAPS);
}

/* Lexicon flags of words [i, i+k) joined by spaces; an all-caps phrase is
 * also looked up as "New York" (ASCII title case). */
static unsigned phrase_bits(const ent_state *st, const char *text, size_t i, size_t k, int shout)
{
    char buf[256];
    size_t n = 0;
    for (size_t j = i; j < i + k; j++) {
        const tok *t = &st->toks[j];
        size_t l = t->e - t->s;
        if (n + l + 1 >= sizeof buf)
            return 0;
        if (j > i)
            buf[n++] = ' ';
        for (size_t q = 0; q < l; q++) {
            char c = text[t->s + q];
            buf[n++] = shout && q > 0 && c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c;
        }
    }
    return ent_lex_get(st->lx->lex, buf, n);
}

/* Longest ORG or place phrase of the gazetteers at each capitalised word,
 * left to right: the kind goes into tok.gz (1 ORG, 2-4 place by weight). */
static void mark_gazetteer(ent_state *st, const char *text)
{
    for (size_t i = 0; i < st->ntoks; i++)
        st->toks[i].gz = 0;
    for (size_t i = 0; i < st->ntoks;) {
        if (!ent_is_cap(&st->toks[i])) {
            i++;
            continue;
        }
        int shout = all_caps(&st->toks[i]);
        size_t best = 0;
        unsigned kind = 0;
        for (size_t k = 1; k <= st->lx->maxwords && i + k <= st->ntoks; k++) {
            const tok *t = &st->toks[i + k - 1];
            if (k > 1 && (t->sent != st->toks[i].sent || t->cls == GALLEY_TOK_PUNCT))
                break;
            /* one word: its own look-up, unless shouted words also took
             * their title case's flags (take_token) */
            unsigned f = k == 1 && !((t->flags & GALLEY_TOK_ALLCAPS) && t->e - t->s > 3) ? t->lex
                       : phrase_bits(st, text, i, k, 0);
            if (shout && !(f & (LX_ORG | LX_PLACE)))
                f |= phrase_bits(st, text, i, k, 1);
            if (f & (LX_ORG | LX_PLACE)) {
                best = k;
                kind = (f & LX_ORG) ? 1 : (f & LX_PLACE3) ? 2 : (f & LX_PLACE2) ? 3 : 4;
            }
            if (!(f & LX_PREFIX))
                break;      /* no longer entry begins so */
        }
        for (size_t j = 0; j < best; j++)
            st->toks[i + j].gz = (unsigned char)(kind * 2 + (j > 0));
        i += best ? best : 1;
    }
}

/* Whether a capitalised word names the people of a place ("Malawians",
 * "Kenyan", "Japanese", "Seychellois"): a nationality suffix taken off
 * leaves a country or region of the gazetteers, give or take its ending.
 * The tagger learns from it that such words name no person, place or
 * organisation by themselves. */
static int demonym(const ent_state *st, const char *w, size_t n)
{
    static const char *const suffixes[] = { "ian", "an", "n", "lese", "ese", "ish", "i", "ois", "ic", "ean" };
    static const char *const endings[] = { "", "a", "y", "ia", "e", "es", "o", "any", "and" };
    char buf[64];
    if (n < 4 || n + 4 >= sizeof buf || w[0] < 'A' || w[0] > 'Z' ||
        (ent_lex_get(st->lx->lex, w, n) & (LX_PLACE3 | LX_PLACE2)))
        return 0;   /* a place itself: "Paris" is no "Pari-s" of Para */
    for (int plural = 0; plural <= 1; plural++) {
        size_t m = n - (size_t)plural;
        if (plural && (w[n - 1] != 's' || w[n - 2] == 's'))
            break;
        for (size_t k = 0; k < sizeof suffixes / sizeof *suffixes; k++) {
            size_t l = strlen(suffixes[k]);
            if (m < l + 2 || memcmp(w + m - l, suffixes[k], l) != 0)
                continue;
            for (size_t e = 0; e < sizeof endings / sizeof *endings; e++) {
                size_t q = strlen(endings[e]);
                memcpy(buf, w, m - l);
                memcpy(buf + m - l, endings[e], q);
                if (ent_lex_get(st->lx->lex, buf, m - l + q) & (LX_PLACE3 | LX_PLACE2))
                    return 1;
            }
        }
    }
    return 0;
}

/* demonym, remembered per string: most capitalised words come back in
 * every document (a third of ent_prepare's work went to it) */
static int demonym_memo(ent_state *st, const char *w, size_t n)
{
    if (n < 4 || w[0] < 'A' || w[0] > 'Z')
        return 0;   /* demonym's own first test, before the look-up */
    if (!st->demcache)
        return demonym(st, w, n);
    int d = ent_memo_get(st->demcache, w, n);
    return d >= 0 ? d : ent_memo_put(st->demcache, w, n, demonym(st, w, n));
}

/* Whether the document reads like a post rather than news: it mentions
 * @users, #tags or links, or a third of its sentences start in lower
 * case.  Capitals say other things there ("LOL" vs "FAO"): case features
 * are learned apart for the two. */
static int informal(const ent_state *st, const char *text)
{
    size_t sents = 0, lower = 0;
    for (size_t i = 0; i < st->ntoks; i++) {
        const tok *t = &st->toks[i];
        char c = text[t->s];
        if (c == '@' || c == '#' || (t->e - t->s >= 4 && !memcmp(text + t->s, "http", 4)))
            return 1;
        if (i == 0 || t->sent != st->toks[i - 1].sent) {
            sents++;
            lower += t->cls == GALLEY_TOK_WORD && (t->flags & GALLEY_TOK_LOWER);
        }
    }
    return lower * 3 >= sents && lower > 0;
}

int ent_prepare(ent_state *st, const char *text)
{
    for (size_t i = 0; i < st->ntoks; i++) {
        tok *t = &st->toks[i];
        t->sh = shape_hash(text + t->s, t->e - t->s);
        t->seen = 0;
        t->demonym = ent_is_cap(t) && ((t->lex & LX_PEOPLE) || demonym_memo(st, text + t->s, t->e - t->s));
        if (t->cls == GALLEY_TOK_NUMBER)
            t->wh = ent_mix(7, t->sh);      /* numbers by their shape only */
        else if (t->cls == GALLEY_TOK_WORD && !(t->flags & GALLEY_TOK_LOWER))
            t->seen = (unsigned char)ent_seen(st, t->wh);
    }
    /* "Costa Ricans", "North Korean": a demonym of two words, the first
     * word of the place's name in front */
    for (size_t i = 1; i < st->ntoks; i++) {
        tok *a = &st->toks[i - 1], *b = &st->toks[i];
        if (!a->demonym && ent_is_cap(a) && ent_is_cap(b) && a->sent == b->sent &&
            b->s == a->e + 1 && text[a->e] == ' ' && demonym_memo(st, text + a->s, b->e - a->s))
            a->demonym = b->demonym = 1;
    }
    mark_gazetteer(st, text);
    st->informal = informal(st, text);
    return st->context_off ? 0 : ent_context_prepare(st);
}

/* ---- features ---- */

enum {
    F_BIAS = 1, F_W, F_SH, F_WM1, F_WP1, F_WM2, F_WP2, F_SHM1, F_SHP1, F_SH2L, F_SH2R,
    F_W2L, F_W2R, F_PRE, F_SUF, F_LEX, F_LOW, F_LEXM1, F_LEXP1, F_GZ, F_GZM1, F_GZP1,
    F_POS, F_SEEN, F_POSS, F_P1, F_P2, F_P1W, F_P1SH, F_WCASE, F_SHM2, F_GAP, F_PAIR, F_DEMONYM, F_GENRE, F_ACRONYM,
    F_ORGNEAR,
    F_CONTEXT = 64      /* to F_CONTEXT + 3: context.c */
};

/* galley_hash32 of a string one byte longer, from the string's */
static inline uint32_t fnv_more(uint32_t h, char c)
{
    return (h ^ (unsigned char)c) * 16777619u;
}

/* 0 lower, 1 capitalised, 2 all caps, 3 other (numbers, punctuation, mixed) */
static uint32_t case_class(const tok *t)
{
    if (t->cls != GALLEY_TOK_WORD)
        return 3;
    return (t->flags & GALLEY_TOK_ALLCAPS) && t->e - t->s > 1 ? 2 : (t->flags & GALLEY_TOK_CAPITALIZED) ? 1
         : (t->flags & GALLEY_TOK_LOWER) ? 0 : 3;
}

static size_t lex_features(uint32_t *f, size_t n, uint32_t tmpl, unsigned bits, uint32_t cc)
{
    bits &= LX_PREFIX - 1;      /* LX_PREFIX and later: no features */
    for (; bits; bits &= bits - 1)      /* the set bits, lowest first */
        f[n++] = ent_mix(tmpl, (uint32_t)__builtin_ctz(bits) * 4 + cc);
    return n;
}

#define NEIGHBOUR_LEX (LX_GIVEN | LX_SURNAME | LX_TITLE | LX_TITLEMOD | LX_ORGSUF | LX_ORGPRE | LX_LOCSUF | \
                       LX_LOCPRE | LX_LOCBEFORE | LX_TITLELOW | LX_PLACE3 | LX_ORG)

/* Where org-cues.txt's "near" words stand around the run of capitalised
 * words holding token i: 0 none, 1 right beside it, 2 a word away; the
 * word before in the low two bits, the word after above. */
static uint32_t org_near(const ent_state *st, size_t i)
{
    const tok *t = &st->toks[i];
    size_t a = i, b = i + 1;
    while (a > 0 && i - a < 6 && ent_is_cap(&st->toks[a - 1]) && st->toks[a - 1].sent == t->sent)
        a--;
    while (b < st->ntoks && b - i < 6 && ent_is_cap(&st->toks[b]) && st->toks[b].sent == t->sent)
        b++;
    uint32_t code = 0;
    for (size_t d = 1; d <= 2 && !(code & 3); d++)
        if (a >= d && st->toks[a - d].sent == t->sent && ((st->toks[a - d].lex | st->toks[a - d].low) & LX_ORGNEAR))
            code |= (uint32_t)d;
    for (size_t d = 0; d < 2 && !(code & 12); d++)
        if (b + d < st->ntoks && st->toks[b + d].sent == t->sent && ((st->toks[b + d].lex | st->toks[b + d].low) & LX_ORGNEAR))
            code |= (uint32_t)(d + 1) << 2;
    return code;
}

size_t ent_features(const ent_state *st, const char *text, size_t i, uint32_t *f)
{
    static const tok edge = { .cls = GALLEY_TOK_PUNCT, .wh = 0x1234567u, .sh = 0x7654321u };
    const tok *t = &st->toks[i];
    const tok *m1 = i > 0 && st->toks[i - 1].sent == t->sent ? &st->toks[i - 1] : &edge;
    const tok *m2 = m1 != &edge && i > 1 && st->toks[i - 2].sent == t->sent ? &st->toks[i - 2] : &edge;
    const tok *p1 = i + 1 < st->ntoks && st->toks[i + 1].sent == t->sent ? &st->toks[i + 1] : &edge;
    const tok *p2 = p1 != &edge && i + 2 < st->ntoks && st->toks[i + 2].sent == t->sent ? &st->toks[i + 2] : &edge;
    uint32_t cc = case_class(t);
    size_t n = 0;
    f[n++] = F_BIAS;
    f[n++] = ent_mix(F_W, t->wh);
    f[n++] = ent_mix(F_WCASE, t->wh ^ cc);
    f[n++] = ent_mix(F_SH, t->sh);
    f[n++] = ent_mix(F_WM1, m1->wh);
    f[n++] = ent_mix(F_WP1, p1->wh);
    f[n++] = ent_mix(F_WM2, m2->wh);
    f[n++] = ent_mix(F_WP2, p2->wh);
    f[n++] = ent_mix(F_SHM1, m1->sh);
    f[n++] = ent_mix(F_SHM2, m2->sh);
    f[n++] = ent_mix(F_SHP1, p1->sh);
    f[n++] = ent_mix(F_SH2L, ent_mix(m1->sh, t->sh));
    f[n++] = ent_mix(F_SH2R, ent_mix(t->sh, p1->sh));
    f[n++] = ent_mix(F_W2L, ent_mix(m1->wh, t->wh));
    f[n++] = ent_mix(F_W2R, ent_mix(t->wh, p1->wh));
    if (t->cls == GALLEY_TOK_WORD) {
        char buf[128];
        size_t m = ent_fold(text + t->s, t->e - t->s, buf, sizeof buf);
        if (m < sizeof buf && m >= 2) {
            /* the prefixes of 2, 3 and (the same 3 bytes) 4: galley_hash32
             * (FNV-1a) of the longer one goes on from the shorter's */
            uint32_t pre = fnv_more(fnv_more(2166136261u, buf[0]), buf[1]);
            for (size_t k = 2; k <= 4 && k <= m; k++) {
                if (k == 3)
                    pre = fnv_more(pre, buf[2]);
                f[n++] = ent_mix(F_PRE + 100 * k, pre);
                f[n++] = ent_mix(F_SUF + 100 * k, galley_hash32(buf + m - k, k));
            }
        }
    }
    n = lex_features(f, n, F_LEX, t->lex, cc);
    n = lex_features(f, n, F_LOW, t->low & (LX_LOWER | LX_TITLELOW | LX_GIVEN | LX_SURNAME | LX_PLACE | LX_ORG), cc);
    n = lex_features(f, n, F_LEXM1, (m1->lex | m1->low) & NEIGHBOUR_LEX, case_class(m1));
    n = lex_features(f, n, F_LEXP1, (p1->lex | p1->low) & NEIGHBOUR_LEX, case_class(p1));
    f[n++] = ent_mix(F_GZ, t->gz * 4u + cc);
    f[n++] = ent_mix(F_GZM1, m1->gz * 16u + t->gz);
    f[n++] = ent_mix(F_GZP1, p1->gz * 16u + t->gz);
    /* where the token stands: first of its sentence, in a headline or an
     * all-caps line, first of a line (a dateline) */
    f[n++] = ent_mix(F_POS, (uint32_t)t->uncertain * 64 + t->headline * 32u + t->linestart * 16u + cc * 4 +
                            (m1 == &edge) * 2u + (p1 == &edge));
    f[n++] = ent_mix(F_SEEN, t->seen * 4u + cc);
    f[n++] = ent_mix(F_POSS, (uint32_t)t->poss * 4 + (p1->cls == GALLEY_TOK_NUMBER) * 2u + (m1->cls == GALLEY_TOK_NUMBER));
    /* "Rex Tillerson": a given name, then a capitalised word that is no
     * common word (and the same seen from the given name) */
    uint32_t pair = (uint32_t)((m1->lex & LX_GIVEN) != 0) | (uint32_t)(ent_is_cap(m1) != 0) << 1 |
                    (uint32_t)((t->lex & (LX_GIVEN | LX_SURNAME)) != 0) << 2 | (uint32_t)((t->low & LX_LOWER) != 0) << 3 |
                    (uint32_t)(ent_is_cap(p1) != 0) << 4 | (uint32_t)((p1->lex & LX_SURNAME) != 0) << 5 |
                    (uint32_t)((p1->low & LX_LOWER) != 0) << 6;
    f[n++] = ent_mix(F_PAIR, pair * 4 + cc);
    /* the same case classes, learned apart for posts and for news; an
     * unknown all-caps word of a sentence in lower case: an acronym */
    f[n++] = ent_mix(F_GENRE, (uint32_t)st->informal * 64 + cc * 16 + t->headline * 8u + t->uncertain * 4u +
                              case_class(m1));
    if (cc == 2 && t->e - t->s <= 6 && !t->headline)
        f[n++] = ent_mix(F_ACRONYM, (uint32_t)st->informal * 8 + ((t->low & LX_LOWER) != 0) * 4u +
                                    (t->seen & 2u) + (t->e - t->s <= 3));
    f[n++] = ent_mix(F_DEMONYM, t->demonym * 16u + m1->demonym * 8u + p1->demonym * 4u + cc);
    /* "J. Murray": glued to the word before, or spaced */
    f[n++] = ent_mix(F_GAP, (m1 != &edge && m1->e == t->s) * 2u + (p1 != &edge && t->e == p1->s));
    if (cc == 1 || cc == 2) {
        uint32_t near = org_near(st, i);
        if (near)
            f[n++] = ent_mix(F_ORGNEAR, near * 4 + cc);
    }
    return n + ent_context_features(st, i, F_CONTEXT, cc, f + n);
}

size_t ent_history_features(const ent_state *st, size_t i, int p1, uint32_t *f)
{
    const tok *t = &st->toks[i];
    f[0] = ent_mix(F_P1W, ent_mix(t->wh, (uint32_t)p1));
    f[1] = ent_mix(F_P1SH, ent_mix(t->sh, (uint32_t)p1));
    return 2;
}

uint32_t ent_transition_feature(int p1)
{
    return ent_mix(F_P1, (uint32_t)p1);
}

void ent_transitions(ent_score_fn *fn, const void *model, double trans[ENT_NTAGS][ENT_NTAGS])
{
    for (int p = 0; p < ENT_NTAGS; p++) {
        uint32_t f = ent_transition_feature(p);
        fn(model, &f, 1, trans[p]);
    }
}

/* ---- the shared model ---- */

static uint32_t le32(const unsigned char *b)
{
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static ent_model *model_read(const char *path, char *err, size_t errlen)
{
    /* gzread reads the shipped uncompressed file as is (a copy, no inflate)
     * and a gzip-compressed copy too */
    gzFile g = gzopen(path, "rb");
    if (!g) {
        snprintf(err, errlen, "cannot read %s: %s (the tagger's weights; rebuild them with "
                 "sh bench/entities/train.sh or point the 'data' option at the extract data folder)",
                 path, errno ? strerror(errno) : "out of memory");
        return NULL;
    }
    unsigned char h[24];
    ent_model *m = NULL;
    if (gzread(g, h, sizeof h) != (int)sizeof h || memcmp(h, model_magic, 8) != 0) {
        snprintf(err, errlen, "%s: not a weights file of the entities tagger (bad header)", path);
    } else if ((le32(h + 16) != ENT_FEATURE_SET && le32(h + 16) != ENT_FEATURE_SET_CONTEXT) || le32(h + 12) != ENT_NTAGS || le32(h + 8) < 10 ||
               le32(h + 8) > 24) {
        snprintf(err, errlen, "%s: weights for feature set %u with %u tags, this plugin computes set %u "
                 "with %u tags; retrain with sh bench/entities/train.sh", path, le32(h + 16), le32(h + 12),
                 ENT_FEATURE_SET, ENT_NTAGS);
    } else if (!(m = calloc(1, sizeof *m)) ||
               !(m->w = malloc(((size_t)1 << le32(h + 8)) * ENT_NTAGS * sizeof *m->w))) {
        snprintf(err, errlen, "%s: out of memory loading the tagger's weights", path);
    } else {
        m->bits = le32(h + 8);
        m->context = le32(h + 16) == ENT_FEATURE_SET_CONTEXT;
        m->margin = le32(h + 20);
        size_t bytes = ((size_t)1 << m->bits) * ENT_NTAGS * sizeof *m->w;
        unsigned char *b = (unsigned char *)m->w;
        size_t got = 0;
        int r;
        while (got < bytes && (r = gzread(g, b + got, (unsigned)(bytes - got > (1u << 30) ? 1u << 30 : bytes - got))) > 0)
            got += (size_t)r;
        if (got == bytes) {
            const uint16_t one = 1;
            if (*(const unsigned char *)&one != 1)  /* stored little-endian */
                for (size_t i = 0; i < bytes / 2; i++)
                    m->w[i] = (int16_t)(uint16_t)(b[2 * i] | b[2 * i + 1] << 8);
            ent_transitions(ent_model_scores, m, m->trans);
            gzclose(g);
            return m;
        }
        snprintf(err, errlen, "%s: truncated (%zu of %zu bytes of weights); retrain with "
                 "sh bench/entities/train.sh", path, got, bytes);
    }
    if (m) {
        free(m->w);
        free(m);
    }
    gzclose(g);
    return NULL;
}

void ent_model_scores(const void *model, const uint32_t *f, size_t n, double *score)
{
    const ent_model *m = model;
    uint32_t mask = ((uint32_t)1 << m->bits) - 1;
    int32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0;
    for (size_t k = 0; k < n; k++) {    /* unrolled: the plugin's hottest loop */
        const int16_t *w = m->w + (size_t)(f[k] & mask) * ENT_NTAGS;
        s0 += w[0], s1 += w[1], s2 += w[2], s3 += w[3], s4 += w[4];
        s5 += w[5], s6 += w[6], s7 += w[7], s8 += w[8];
    }
    score[0] = s0, score[1] = s1, score[2] = s2, score[3] = s3, score[4] = s4;
    score[5] = s5, score[6] = s6, score[7] = s7, score[8] = s8;
}

static void model_free(void *p)
{
    ent_model *m = p;
    free(m->w);
    free(m);
}

/* galley_shared_load: the weights file at path */
static void *model_load(void *path, char **why)
{
    char err[4600];
    ent_model *m = model_read(path, err, sizeof err);
    if (!m)
        *why = strdup(err);
    return m;
}

int ent_tagger_open(ent_state *st, const char *dir, char *err, size_t errlen)
{
    char path[4096];
    int pn = snprintf(path, sizeof path, "%s/%s", dir, ENT_MODEL_FILE);
    if (pn < 0 || (size_t)pn >= sizeof path) {
        snprintf(err, errlen, "data folder path too long: %s", dir);
        return -1;
    }
    /* loaded once per process, shared by every worker (galley_shared_get) */
    char key[4200], *why = NULL;
    snprintf(key, sizeof key, "extract/entities weights\n%s", path);
    st->model = galley_shared_get(key, model_load, path, model_free, &why);
    if (!st->model) {
        snprintf(err, errlen, "%s", why ? why : "out of memory loading the tagger's weights");
        free(why);
        return -1;
    }
    st->context_off = !st->model->context;
    return 0;
}

void ent_tagger_close(ent_state *st)
{
    if (st->model)
        galley_shared_put(st->model);
    st->model = NULL;
}
