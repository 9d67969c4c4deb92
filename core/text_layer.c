/* core/text_layer.c - the token layer: a document's tokens computed once by
 * the toolkit and kept with the document until its text is replaced, so the
 * stages that read words stop re-tokenizing, re-folding and re-stemming;
 * and a document's sentences, from the sentence layer when there is one. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <galley/doc.h>
#include <galley/util.h>

#include "internal.h"
#include "text_int.h"

struct galley__toklayer {
    galley_token *tok;
    size_t n;
    galley_term *terms;         /* NULL until asked for */
    galley_term *stems;         /* NULL until asked for */
    char stem_lang[32];         /* the stemmer language of stems */
};

static galley__toklayer *layer_of(galley_doc *doc)
{
    galley__toklayer *L = galley__doc_toklayer(doc);
    if (L)
        return L;
    size_t len;
    const char *text = galley_doc_text(doc, &len);
    /* one pass for most documents: the first FIRST_TOKENS tokens go to the
     * stack while the rest are only counted, and only those are read again
     * (the tokenizer resumes where it stood) once the array is allocated */
    enum { FIRST_TOKENS = 1024 };
    galley_token first[FIRST_TOKENS], t;
    galley_tokenizer tz, rest;
    size_t n = 0;
    galley_tok_init(&tz, text, len);
    rest = tz;
    while (galley_tok_next(&tz, n < FIRST_TOKENS ? &first[n] : &t))
        if (++n == FIRST_TOKENS)
            rest = tz;
    L = galley_doc_alloc(doc, sizeof *L);
    L->tok = galley_doc_alloc(doc, (n ? n : 1) * sizeof *L->tok);
    L->n = n < FIRST_TOKENS ? n : FIRST_TOKENS;
    memcpy(L->tok, first, L->n * sizeof *first);
    while (L->n < n && galley_tok_next(&rest, &L->tok[L->n]))
        L->n++;
    for (size_t i = 0; i < L->n; i++) {
        galley_token *k = &L->tok[i];
        if (k->cls == GALLEY_TOK_WORD && galley_is_stopword(text + k->start, k->end - k->start))
            k->flags |= GALLEY_TOK_STOPWORD;
    }
    galley__doc_set_toklayer(doc, L);
    return L;
}

const galley_token *galley_doc_tokens(galley_doc *doc, size_t *n)
{
    galley__toklayer *L = layer_of(doc);
    if (n)
        *n = L->n;
    return L->tok;
}

/* a term of bytes s[0..len) copied into the doc's arena, with its id */
static galley_term term_of(galley_doc *doc, const char *s, size_t len)
{
    char *copy = galley_doc_alloc(doc, len + 1);
    memcpy(copy, s, len);
    return (galley_term){ copy, len, galley_hash64(copy, len) };
}

const galley_term *galley_doc_terms(galley_doc *doc, size_t *n)
{
    galley__toklayer *L = layer_of(doc);
    if (n)
        *n = L->n;
    if (L->terms || L->n == 0)
        return L->terms;
    const char *text = galley_doc_text(doc, NULL);
    L->terms = galley_doc_alloc(doc, L->n * sizeof *L->terms);
    char small[256];
    for (size_t i = 0; i < L->n; i++) {
        const char *w = text + L->tok[i].start;
        size_t wl = L->tok[i].end - L->tok[i].start;
        size_t need = galley_casefold(w, wl, small, sizeof small);
        if (need < sizeof small) {
            L->terms[i] = term_of(doc, small, need);
        } else {
            char *big = galley_doc_alloc(doc, need + 1);
            galley_casefold(w, wl, big, need + 1);
            L->terms[i] = (galley_term){ big, need, galley_hash64(big, need) };
        }
    }
    return L->terms;
}

const galley_term *galley_doc_stems(galley_doc *doc, galley_stemmer *st, size_t *n)
{
    galley__toklayer *L = layer_of(doc);
    if (n)
        *n = L->n;
    const char *lang = galley_stemmer_lang(st);
    if (!st || L->n == 0)
        return NULL;
    if (L->stems && strcmp(L->stem_lang, lang) == 0)
        return L->stems;
    const char *text = galley_doc_text(doc, NULL);
    L->stems = galley_doc_alloc(doc, L->n * sizeof *L->stems);
    snprintf(L->stem_lang, sizeof L->stem_lang, "%s", lang);
    for (size_t i = 0; i < L->n; i++) {
        size_t sl = 0;
        const char *s = galley_stem(st, text + L->tok[i].start,
                                    L->tok[i].end - L->tok[i].start, &sl);
        L->stems[i] = s ? term_of(doc, s, sl) : term_of(doc, "", 0);
    }
    return L->stems;
}

void galley_doc_sent_init(galley_doc_sentencer *ds, const galley_doc *doc, const char *text, size_t len)
{
    ds->nsp = 0;
    ds->sp = doc ? galley_doc_layer(doc, "sentence", &ds->nsp) : NULL;
    ds->k = ds->last = 0;
    galley_sent_init(&ds->it, text, len);
}

int galley_doc_sent_next(galley_doc_sentencer *ds, size_t *start, size_t *end)
{
    if (!ds->nsp)
        return galley_sent_next(&ds->it, start, end);
    for (; ds->k < ds->nsp; ds->k++) {
        const galley_span *p = &ds->sp[ds->k];
        if (p->start >= ds->last && p->end > p->start) {   /* in order, not nested */
            *start = p->start;
            *end = ds->last = p->end;
            ds->k++;
            return 1;
        }
    }
    return 0;
}
