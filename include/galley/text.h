/* galley/text.h - the text toolkit every text plugin needs: UTF-8, tokens,
 * sentences, case folding, stopwords, stemming, term counting.
 * Inputs are (const char *, size_t); nothing assumes NUL termination and
 * nothing allocates behind the caller's back (handles are explicit). */
#ifndef GALLEY_TEXT_H
#define GALLEY_TEXT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- UTF-8 ---- */
/* 1 if s[0..n) is valid UTF-8 (no overlongs, no surrogates); else 0 and
 * *bad (if not NULL) = byte offset of the first invalid sequence. */
int galley_utf8_valid(const char *s, size_t n, size_t *bad);
/* Decodes one code point at s[*pos], advancing *pos; invalid bytes decode
 * as U+FFFD and advance by one.  Returns -1 at the end. */
int32_t galley_utf8_next(const char *s, size_t n, size_t *pos);
/* Encodes cp into out (4 bytes room); returns the byte count. */
size_t galley_utf8_encode(int32_t cp, char *out);

/* ---- tokens ---- */
typedef enum galley_tok_class {
    GALLEY_TOK_WORD = 1,    /* letters (with inner ' - . as in don't, e-mail, U.S.) */
    GALLEY_TOK_NUMBER,      /* digits, with inner , . (3.5, 1,000) */
    GALLEY_TOK_PUNCT,       /* one punctuation character */
    GALLEY_TOK_SYMBOL       /* any other non-space character */
} galley_tok_class;

/* case flags of a WORD token */
#define GALLEY_TOK_CAPITALIZED 0x1u  /* first letter upper case */
#define GALLEY_TOK_ALLCAPS     0x2u  /* every letter upper case (and >= 1) */
#define GALLEY_TOK_LOWER       0x4u  /* every letter lower case */
#define GALLEY_TOK_HAS_DIGIT   0x8u
#define GALLEY_TOK_STOPWORD    0x10u /* token layer only: an English stopword */

typedef struct galley_token {
    size_t start, end;      /* byte offsets into the text */
    galley_tok_class cls;
    unsigned flags;
} galley_token;

typedef struct galley_tokenizer {
    const char *text;
    size_t len, pos;
} galley_tokenizer;

void galley_tok_init(galley_tokenizer *tz, const char *text, size_t len);
/* 1 and *tok filled, or 0 at the end.  Never copies the text. */
int galley_tok_next(galley_tokenizer *tz, galley_token *tok);

/* ---- sentences ---- */
/* Iterator over sentence spans of text[0..len): abbreviations (Mr., Gen.,
 * Jr., U.S.), initials (F.), decimals, ellipses, closing quotes and brackets
 * kept with their sentence; a blank line always ends a sentence.  Spans
 * exclude surrounding white space. */
typedef struct galley_sentencer {
    const char *text;
    size_t len, pos;
} galley_sentencer;

void galley_sent_init(galley_sentencer *it, const char *text, size_t len);
int galley_sent_next(galley_sentencer *it, size_t *start, size_t *end);

/* ---- case folding and normalisation (utf8proc) ---- */
/* Writes the case-folded form of s into out (at most cap bytes, NUL-
 * terminated when room); returns the length needed (excluding NUL). */
size_t galley_casefold(const char *s, size_t n, char *out, size_t cap);
/* NFC of s as a malloc()ed NUL-terminated string (caller frees), *outlen
 * its length; NULL if s is not valid UTF-8. */
char *galley_nfc(const char *s, size_t n, size_t *outlen);

/* ---- stopwords (English) ---- */
/* 1 if the word (any case) is an English stopword. */
int galley_is_stopword(const char *w, size_t n);

/* ---- stemming (libstemmer); one handle per worker, never shared ---- */
typedef struct galley_stemmer galley_stemmer;
/* lang: "english", "porter", ... (libstemmer names); NULL if unknown */
galley_stemmer *galley_stemmer_new(const char *lang);
void galley_stemmer_free(galley_stemmer *st);
/* Stems the case-folded word; the result lives in the handle until the next
 * call.  *outlen gets its length. */
const char *galley_stem(galley_stemmer *st, const char *w, size_t n,
                        size_t *outlen);

/* The stemmer's language as given to galley_stemmer_new ("" for NULL). */
const char *galley_stemmer_lang(const galley_stemmer *st);

/* ---- the token layer: a document's tokens, computed once ----
 * The first stage that asks tokenizes the document's text (exactly the
 * tokens galley_tok_next yields, WORD tokens that are stopwords flagged
 * GALLEY_TOK_STOPWORD); later stages get the same arrays back for free.
 * Everything lives in the document's arena and stays valid until its text
 * is replaced (galley_doc_set_text), which drops the layer. */
typedef struct galley_doc galley_doc;

/* the tokens (*n of them; NULL when there are none) */
const galley_token *galley_doc_tokens(galley_doc *doc, size_t *n);

/* per token: a form of its text, NUL-terminated, and its hashed id
 * (galley_hash64 of the len bytes): equal forms have equal ids */
typedef struct galley_term {
    const char *text;
    size_t len;
    uint64_t id;
} galley_term;
/* per token i of galley_doc_tokens: its case-folded form (galley_casefold),
 * computed on the first call */
const galley_term *galley_doc_terms(galley_doc *doc, size_t *n);
/* per token i: its stem by st (galley_stem: folded, then stemmed),
 * computed on the first call for st's language; NULL if st is NULL */
const galley_term *galley_doc_stems(galley_doc *doc, galley_stemmer *st, size_t *n);

/* ---- a document's sentences ----
 * The `sentence` layer an earlier stage made (the sentences plugin: the
 * headline apart, in text order; nested or out-of-order spans are
 * skipped), else galley_sent_next over the whole text: stages after the
 * sentences stage stop splitting the text again. */
typedef struct galley_span galley_span;
typedef struct galley_doc_sentencer {
    const galley_span *sp;
    size_t nsp, k, last;
    galley_sentencer it;
} galley_doc_sentencer;
/* doc may be NULL (no layer: the sentencer's spans of text) */
void galley_doc_sent_init(galley_doc_sentencer *ds, const galley_doc *doc, const char *text, size_t len);
int galley_doc_sent_next(galley_doc_sentencer *ds, size_t *start, size_t *end);

/* ---- hashing: galley_hash64() in galley/util.h ---- */

/* ---- term counter: string -> count/value, insertion ordered ---- */
typedef struct galley_counter galley_counter;
galley_counter *galley_counter_new(void);
void galley_counter_free(galley_counter *c);
void galley_counter_clear(galley_counter *c);
/* adds delta to key's value (creating it at 0); returns the key's index */
size_t galley_counter_add(galley_counter *c, const char *key, size_t n,
                          double delta);
/* index of key, or (size_t)-1 */
size_t galley_counter_find(const galley_counter *c, const char *key, size_t n);
size_t galley_counter_size(const galley_counter *c);
/* the key points into the counter: valid until the next galley_counter_add */
const char *galley_counter_key(const galley_counter *c, size_t i, size_t *n);
double galley_counter_value(const galley_counter *c, size_t i);

#ifdef __cplusplus
}
#endif
#endif
