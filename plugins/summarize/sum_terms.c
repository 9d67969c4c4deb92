/* plugins/summarize/sum_terms.c - the summarizer core's term scoring: each
 * candidate's stemmed content terms through a per-worker lexicon, and their
 * weights (idf from a table, or inverse sentence frequency). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sum_int.h"

/* ---- terms ---- */

static int ensure_vocab(gsum *g, size_t nv)
{
    if (nv <= g->capvocab)
        return 0;
    size_t cap = g->capvocab;
    size_t c2 = cap, c3 = cap, c4 = cap, c5 = cap;
    if (galley_reserve(&g->df, &cap, nv, sizeof *g->df) < 0)
        return -1;
    if (galley_reserve(&g->tw, &c2, nv, sizeof *g->tw) < 0)
        return -1;
    if (galley_reserve(&g->doctf, &c3, nv, sizeof *g->doctf) < 0)
        return -1;
    if (galley_reserve(&g->title_w, &c4, nv, sizeof *g->title_w) < 0)
        return -1;
    if (galley_reserve(&g->vocab_stem, &c5, nv, sizeof *g->vocab_stem) < 0)
        return -1;
    g->capvocab = cap;
    return 0;
}

/* index of a stem in the lexicon, added if new (-1: out of memory) */
static long add_stem(gsum *g, const char *stem, size_t sl)
{
    size_t idx = galley_counter_find(g->stems, stem, sl);
    if (idx != (size_t)-1)
        return (long)idx;
    idx = galley_counter_add(g->stems, stem, sl, 0);
    if (idx + 1 > g->capstem) {
        size_t c1 = g->capstem, c2 = g->capstem, c3 = g->capstem;
        if (galley_reserve(&g->stem_doc, &c1, idx + 1, sizeof *g->stem_doc) < 0)
            return -1;
        if (galley_reserve(&g->stem_gen, &c2, idx + 1, sizeof *g->stem_gen) < 0)
            return -1;
        if (galley_reserve(&g->stem_idf, &c3, idx + 1, sizeof *g->stem_idf) < 0)
            return -1;
        g->capstem = c1;
    }
    double idf = 0;
    if (g->idf) {
        size_t j = galley_counter_find(g->idf, stem, sl);
        idf = j == (size_t)-1 ? g->idf_default : galley_counter_value(g->idf, j);
    }
    g->stem_idf[idx] = idf;
    g->stem_gen[idx] = 0;
    return (long)idx;
}

/* ---- the word tables ---- */

/* a word's key in the lexicons: the toolkit's hash, mixed for indexing */
static uint64_t hash_word(const char *w, size_t n)
{
    return galley_hash_mix(galley_hash64(w, n));
}

static gsum_slot *lex_slot(const gsum_lex *t, uint64_t h)
{
    size_t mask = t->cap - 1, i = (size_t)h & mask;
    while (t->slot[i].gen == t->gen && t->slot[i].h != h)
        i = (i + 1) & mask;
    return &t->slot[i];
}

/* value stored for h, or 0 with *found = 0 */
static int32_t lex_get(const gsum_lex *t, uint64_t h, int *found)
{
    if (t->cap == 0) {
        *found = 0;
        return 0;
    }
    const gsum_slot *sl = lex_slot(t, h);
    *found = sl->gen == t->gen;
    return *found ? sl->val : 0;
}

/* a new generation empties the table at once (slots of older ones read as
 * empty); gen 0 is never used */
static void lex_clear(gsum_lex *t)
{
    t->n = 0;
    if (++t->gen == 0) {
        if (t->slot)
            memset(t->slot, 0, t->cap * sizeof *t->slot);
        t->gen = 1;
    }
}

static int lex_put(gsum_lex *t, uint64_t h, int32_t val)
{
    if (t->gen == 0)
        t->gen = 1;
    if (2 * (t->n + 1) >= t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 1024;
        gsum_slot *ns = calloc(cap, sizeof *ns);
        if (!ns)
            return -1;
        gsum_lex nt = { ns, cap, 0, 1 };
        for (size_t i = 0; i < t->cap; i++)
            if (t->slot[i].gen == t->gen) {
                gsum_slot *d = lex_slot(&nt, t->slot[i].h);
                *d = t->slot[i];
                d->gen = 1;
                nt.n++;
            }
        free(t->slot);
        *t = nt;
    }
    gsum_slot *sl = lex_slot(t, h);
    if (sl->gen != t->gen)
        t->n++;
    sl->h = h;
    sl->val = val;
    sl->gen = t->gen;
    return 0;
}

/* w[0..n) case-folded into g->buf; returns the folded length, or
 * (size_t)-1 when out of memory.  *ascii: w was all ASCII (folding is then
 * A-Z to a-z, as utf8proc does, without decoding code points). */
static size_t fold_word(gsum *g, const char *w, size_t n, int *ascii)
{
    size_t i = 0;
    if (n + 1 <= g->capbuf) {
        for (; i < n && !((unsigned char)w[i] & 0x80); i++)
            g->buf[i] = (char)((w[i] >= 'A' && w[i] <= 'Z') ? w[i] | 0x20 : w[i]);
        if (i == n) {
            g->buf[n] = '\0';
            *ascii = 1;
            return n;
        }
    }
    *ascii = 0;
    size_t need = galley_casefold(w, n, g->buf, g->capbuf);
    if (need + 1 > g->capbuf) {
        if (galley_reserve(&g->buf, &g->capbuf, need + 1, 1) < 0)
            return (size_t)-1;
        galley_casefold(w, n, g->buf, g->capbuf);
    }
    return need;
}

/* stem index of a content token (-1 for stopwords and noise), through the
 * lexicon: a word seen before costs one lookup.  An ASCII word with capitals
 * ("Economy") shares the entry of its folded form ("economy"): the value
 * depends on the folded word alone, so it is stemmed once for both. */
static long stem_of(gsum *g, const char *w, size_t n, int cls, uint64_t h)
{
    int found, ascii;
    int32_t v = lex_get(&g->lex, h, &found);
    if (found)
        return v;
    size_t need = fold_word(g, w, n, &ascii);
    if (need == (size_t)-1)
        return -1;
    uint64_t hf = h;
    if (ascii && memcmp(w, g->buf, n) != 0) {
        hf = hash_word(g->buf, need);
        v = lex_get(&g->lex, hf, &found);
        if (found) {
            lex_put(&g->lex, h, v);
            return v;
        }
    }
    long idx = -1;
    if (cls == GALLEY_TOK_NUMBER)
        idx = add_stem(g, g->buf, need);
    else if (!galley_is_stopword(g->buf, need)) {
        size_t sl = 0;
        const char *stem = galley_stem(g->stemmer, g->buf, need, &sl);
        if (stem)
            idx = add_stem(g, stem, sl);
    }
    lex_put(&g->lex, h, (int32_t)idx);
    if (hf != h)
        lex_put(&g->lex, hf, (int32_t)idx);
    return idx;
}

/* term id (in the current doc) of a content token (h = hash_word(w, n)), or -1 */
static long term_of(gsum *g, const char *w, size_t n, int cls, uint64_t h)
{
    if (cls != GALLEY_TOK_WORD && cls != GALLEY_TOK_NUMBER)
        return -1;
    if (cls == GALLEY_TOK_WORD && n < 2)
        return -1;
    int found;
    int32_t v = lex_get(&g->local, h, &found);
    if (found)
        return v;
    long st = stem_of(g, w, n, cls, h);
    if (st < 0) {
        lex_put(&g->local, h, -1);
        return -1;
    }
    if (g->stem_gen[st] != g->gen) {
        if (ensure_vocab(g, g->nvocab + 1) < 0)
            return -1;
        g->stem_gen[st] = g->gen;
        g->stem_doc[st] = (unsigned)g->nvocab;
        g->vocab_stem[g->nvocab++] = (size_t)st;
    }
    lex_put(&g->local, h, (int32_t)g->stem_doc[st]);
    return (long)g->stem_doc[st];
}

/* ---- term tokens ---- */

/* A word that opens with digits ("5m", "30th", "10km") is read as its
 * number, and the tokenizer goes on at its letters: the amount is the
 * content (measured on BBC: as one term, ROUGE drops 0.1-0.2).  1 if tok
 * is a term token (word or number), with *h = hash_word(). */
static int term_token(galley_tokenizer *tz, galley_token *tok, uint64_t *h)
{
    if (tok->cls == GALLEY_TOK_WORD && (tok->flags & GALLEY_TOK_HAS_DIGIT) &&
        tz->text[tok->start] >= '0' && tz->text[tok->start] <= '9') {
        size_t e = tok->start;
        while (tz->text[e] >= '0' && tz->text[e] <= '9')
            e++;
        tok->end = tz->pos = e;
        tok->cls = GALLEY_TOK_NUMBER;
    }
    if (tok->cls != GALLEY_TOK_WORD && tok->cls != GALLEY_TOK_NUMBER)
        return 0;
    *h = hash_word(tz->text + tok->start, tok->end - tok->start);
    return 1;
}

/* the next word or number of the toolkit's tokenizer: 1 and [*ts, *te)
 * with *cls and *h = hash_word(), or 0 at the end */
static int term_tok_next(galley_tokenizer *tz, size_t *ts, size_t *te, int *cls, uint64_t *h)
{
    galley_token tok;
    while (galley_tok_next(tz, &tok))
        if (term_token(tz, &tok, h)) {
            *ts = tok.start;
            *te = tok.end;
            *cls = tok.cls;
            return 1;
        }
    return 0;
}

/* The tokens of a sentence text[s..e), as the tokenizer yields them over
 * that span alone, taken from the document's token layer where they are
 * sure to be the same, instead of tokenizing the text again.  The
 * tokenizer's state is its position, and a token's scan reads no further
 * than a few bytes past its end: a layer token is the sentence's next one
 * when the sentence's tokenizer stands between it and the one before, it
 * ends more than LOOKAHEAD bytes before e, and, opening the sentence, the
 * byte before it is white space (the clitic rule looks back one
 * character).  The rest, a sentence's last word or so and what follows a
 * number glued to a word, is tokenized as before. */
#define LOOKAHEAD 16

typedef struct sent_toks {
    const galley_token *lay;    /* the document's token layer */
    size_t n, k;                /* its size; the next one to try */
} sent_toks;

static int space_before(const char *text, size_t s)
{
    return s == 0 || text[s - 1] == ' ' || text[s - 1] == '\n' || text[s - 1] == '\t' ||
           text[s - 1] == '\r';
}

/* the next token of the sentence tokenizer tz over text + s; 0 at the end */
static int sent_tok_next(sent_toks *L, galley_tokenizer *tz, const char *text, size_t s, size_t e,
                         galley_token *tok)
{
    size_t p = s + tz->pos;
    while (L->k < L->n && L->lay[L->k].start < p)
        L->k++;
    const galley_token *t = L->k < L->n ? &L->lay[L->k] : NULL;
    if (t && t->end + LOOKAHEAD <= e && (L->k == 0 || L->lay[L->k - 1].end <= p) &&
        (t->start > s || space_before(text, s))) {
        *tok = *t;
        tok->start -= s;
        tok->end -= s;
        tz->pos = tok->end;
        L->k++;
        return 1;
    }
    return galley_tok_next(tz, tok);
}

/* room for term ids below nv in tmark/tslot; new marks are 0 (no stamp) */
static int ensure_mark(gsum *g, size_t nv)
{
    size_t old = g->capmark, cm = old, cs = old;
    if (galley_reserve(&g->tmark, &cm, nv, sizeof *g->tmark) < 0)
        return -1;
    memset(g->tmark + old, 0, (cm - old) * sizeof *g->tmark);
    if (galley_reserve(&g->tslot, &cs, nv, sizeof *g->tslot) < 0)
        return -1;
    g->capmark = cm;
    return 0;
}

/* adds the distinct terms of text[s..e) to g->terms; returns how many */
static size_t sentence_terms(gsum *g, sent_toks *L, const char *text, size_t s, size_t e)
{
    galley_tokenizer tt;
    galley_token tok;
    size_t t0 = g->nterms;
    uint64_t h;
    /* a new stamp per sentence: tmark[id] == stamp marks its terms so far */
    uint32_t stamp = ++g->tstamp;
    if (stamp == 0) {
        memset(g->tmark, 0, g->capmark * sizeof *g->tmark);
        stamp = g->tstamp = 1;
    }
    /* Tokens first, with a prefetch of each one's lexicon slot: the
     * lexicon outgrows the caches, and the misses of a whole sentence then
     * overlap instead of waiting one after the other.  Terms are taken in
     * token order all the same. */
    size_t nt = 0;
    galley_tok_init(&tt, text + s, e - s);
    while (sent_tok_next(L, &tt, text, s, e, &tok)) {
        if (!term_token(&tt, &tok, &h))
            continue;
        if (galley_reserve(&g->toks, &g->captoks, nt + 1, sizeof *g->toks) < 0)
            break;
        g->toks[nt++] = (gsum_tok){ tok.start, tok.end, h, tok.cls };
#ifdef __GNUC__
        if (g->lex.cap)
            __builtin_prefetch(&g->lex.slot[h & (g->lex.cap - 1)]);
#endif
    }
    for (size_t k = 0; k < nt; k++) {
        const gsum_tok *tk = &g->toks[k];
        long id = term_of(g, text + s + tk->start, tk->end - tk->start, tk->cls, tk->h);
        if (id < 0)
            continue;
        if ((size_t)id >= g->capmark && ensure_mark(g, (size_t)id + 1) < 0)
            break;
        if (g->tmark[id] == stamp) {        /* seen in this sentence */
            g->terms[g->tslot[id]].tf += 1;
            continue;
        }
        if (galley_reserve(&g->terms, &g->capterms, g->nterms + 1, sizeof *g->terms) < 0)
            break;
        g->tmark[id] = stamp;
        g->tslot[id] = (uint32_t)g->nterms;
        g->terms[g->nterms].id = (unsigned)id;
        g->terms[g->nterms].tf = 1;
        g->nterms++;
    }
    return g->nterms - t0;
}

static int cmp_term(const void *a, const void *b)
{
    unsigned x = ((const gsum_term *)a)->id, y = ((const gsum_term *)b)->id;
    return (x > y) - (x < y);
}

/* by term id; a sentence holds a few dozen terms, so insertion sort first */
static void sort_terms(gsum_term *t, size_t n)
{
    if (n > 48) {
        qsort(t, n, sizeof *t, cmp_term);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        gsum_term x = t[i];
        size_t j = i;
        while (j > 0 && t[j - 1].id > x.id) {
            t[j] = t[j - 1];
            j--;
        }
        t[j] = x;
    }
}

/* marks the title's terms in g->title_w (after the sentences' terms, so the
 * title does not add to the vocabulary counts) */
static void title_terms(gsum *g, const galley_doc *doc, const char *text, size_t len)
{
    size_t nv = g->nvocab;
    memset(g->title_w, 0, nv * sizeof *g->title_w);
    const char *title = galley_doc_field(doc, "title");
    size_t tl;
    if (title && *title)
        tl = strlen(title);
    else {
        size_t b = gsum__body_start(doc, text, len);
        if (b == 0)
            return;
        title = text;
        tl = b;
    }
    galley_tokenizer tt;
    size_t ts, te;
    int cls;
    uint64_t h;
    galley_tok_init(&tt, title, tl);
    while (term_tok_next(&tt, &ts, &te, &cls, &h)) {
        long id = term_of(g, title + ts, te - ts, cls, h);
        if (id >= 0 && (size_t)id < nv)
            g->title_w[id] = 1;
    }
    /* words only the title has are no terms of the body: forget them */
    for (size_t t = nv; t < g->nvocab; t++)
        g->stem_gen[g->vocab_stem[t]] = 0;
    g->nvocab = nv;
}

static void weigh_terms(gsum *g, const galley_doc *doc, const char *text, size_t len)
{
    size_t nv = g->nvocab;
    if (ensure_vocab(g, nv + 1) < 0)
        return;
    if (galley_reserve(&g->isf, &g->capisf, g->nsents + 1, sizeof *g->isf) < 0)
        return;
    double *isf = g->isf;
    memset(g->df, 0, nv * sizeof *g->df);
    memset(g->doctf, 0, nv * sizeof *g->doctf);
    for (size_t i = 0; i < g->nterms; i++) {
        g->df[g->terms[i].id] += 1;
        g->doctf[g->terms[i].id] += g->terms[i].tf;
    }
    double n = (double)g->nsents;
    /* idf by sentence frequency, each value computed once (0: not yet;
     * every idf here is > 0 as df <= n) */
    if (!g->idf)
        for (size_t k = 0; k <= g->nsents; k++)
            isf[k] = 0;
    for (size_t t = 0; t < nv; t++) {
        if (g->idf)
            g->tw[t] = g->stem_idf[g->vocab_stem[t]];
        else {
            /* inverse sentence frequency: the article is the corpus */
            size_t df = (size_t)g->df[t];
            if (isf[df] == 0)
                isf[df] = log((n + 1) / (g->df[t] + 0.5));
            g->tw[t] = isf[df];
        }
    }
    for (size_t i = 0; i < g->nsents; i++) {
        gsum_sent *x = &g->sents[i];
        double s2 = 0;
        for (size_t j = 0; j < x->tn; j++) {
            gsum_term *t = &g->terms[x->t0 + j];
            double w = t->tf * g->tw[t->id];
            t->w = (float)w;
            s2 += w * w;
        }
        x->norm = sqrt(s2);
    }
    title_terms(g, doc, text, len);
}

void gsum__terms(gsum *g, galley_doc *doc, const char *text, size_t len)
{
    if (g->lex.n > GSUM_MAX_LEXICON) {
        lex_clear(&g->lex);
        galley_counter_clear(g->stems);
    }
    /* a new generation invalidates every stem's doc term id at once */
    if (++g->gen == 0) {
        memset(g->stem_gen, 0, g->capstem * sizeof *g->stem_gen);
        g->gen = 1;
    }
    g->nvocab = 0;
    lex_clear(&g->local);
    sent_toks L = { NULL, 0, 0 };
    if (text == galley_doc_text(doc, NULL))
        L.lay = galley_doc_tokens(doc, &L.n);
    for (size_t i = 0; i < g->nsents; i++) {
        gsum_sent *x = &g->sents[i];
        x->t0 = g->nterms;
        if (i > 0 && x->start < g->sents[i - 1].end)
            L.k = 0;            /* overlapping or out of order: look again from the top */
        x->tn = sentence_terms(g, &L, text, x->start, x->end);
        sort_terms(g->terms + x->t0, x->tn);
    }
    weigh_terms(g, doc, text, len);
}

void gsum__terms_free(gsum *g)
{
    if (g->stemmer)
        galley_stemmer_free(g->stemmer);
    if (g->stems)
        galley_counter_free(g->stems);
    if (g->idf)
        galley_counter_free(g->idf);
    free(g->stem_doc);
    free(g->stem_gen);
    free(g->stem_idf);
    free(g->vocab_stem);
    free(g->lex.slot);
    free(g->local.slot);
    free(g->terms);
    free(g->df);
    free(g->tw);
    free(g->doctf);
    free(g->title_w);
    free(g->tmark);
    free(g->tslot);
    free(g->isf);
    free(g->toks);
    free(g->buf);
}
