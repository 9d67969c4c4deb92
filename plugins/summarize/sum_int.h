/* plugins/summarize/sum_int.h - the summarizer core's private state, shared
 * by its files (sumcore.c, sum_candidates.c, sum_terms.c, sum_graph.c,
 * sum_select.c) and by no plugin. */
#ifndef GALLEY_SUM_INT_H
#define GALLEY_SUM_INT_H

#include "sumcore.h"

#define GSUM_MAX_LEXICON 500000

/* the things that are kept out unless `include` names them */
#define GSUM_ALLOW_TITLE    0x1u
#define GSUM_ALLOW_DATELINE 0x2u
#define GSUM_ALLOW_CAPTION  0x4u
#define GSUM_ALLOW_BYLINE   0x8u

/* one entry of a term's posting list: a candidate holding it and the term's
 * weight there */
typedef struct gsum_post {
    uint32_t sent;
    float w;
} gsum_post;

/* a content token of the sentence being read: its span, hash and class */
typedef struct gsum_tok {
    size_t start, end;
    uint64_t h;
    int cls;
} gsum_tok;

/* A hash table from a word's 64-bit hash to an int: the hot path of term
 * lookup, one cache line per probe and no string compares.  Two different
 * words with the same 64-bit hash would share an entry; among the ~10^5
 * words a worker sees that has a chance near 10^-9, accepted for speed. */
typedef struct gsum_slot {
    uint64_t h;
    int32_t val;
    uint32_t gen;           /* 0: empty; else valid while equal to the table's */
} gsum_slot;

typedef struct gsum_lex {
    gsum_slot *slot;
    size_t cap, n;          /* cap: power of two, > 2 n */
    uint32_t gen;
} gsum_lex;

struct gsum {
    /* options */
    int kind;               /* GSUM_LEAD or GSUM_RANKED */
    int nsent;              /* 0 when ratio or words is set */
    double ratio;
    int words;
    int min_words;
    unsigned allow;
    double redundancy;
    /* per-worker tools, reused for every doc */
    galley_stemmer *stemmer;
    /* A per-worker lexicon that lives across documents: each distinct word as
     * written is folded, checked against the stopwords and stemmed once per
     * worker, not once per article (bounded: cleared past GSUM_MAX_LEXICON) */
    gsum_lex lex;               /* word as written -> stem index, -1: stopword */
    gsum_lex local;             /* word as written -> term id, this doc only
                                 * (small, so repeated words stay in cache) */
    galley_counter *stems;      /* stem -> stem index */
    unsigned *stem_doc;         /* stem index -> term id in the current doc */
    unsigned *stem_gen;         /* ... valid when equal to gen */
    double *stem_idf;           /* stem index -> idf from the table */
    size_t capstem;
    unsigned gen;               /* documents seen */
    size_t nvocab;              /* terms of the current doc */
    size_t *vocab_stem;         /* term id -> stem index */
    galley_counter *idf;        /* optional table from a file: stem -> idf */
    double idf_default;         /* idf of a term missing from the table */
    /* per-doc arrays (realloc()ed, kept between docs) */
    gsum_sent *sents;
    size_t nsents, capsents;
    gsum_term *terms;
    size_t nterms, capterms;
    double *df;                 /* per term: number of candidates holding it */
    double *tw;                 /* per term: weight (idf) */
    double *doctf;              /* per term: count in the whole article */
    size_t capvocab;
    double *title_w;            /* per term: 1 if in the title */
    int *chosen;
    size_t capchosen;
    float *mat;                 /* graph edges, n x n */
    size_t capmat;
    double *pr, *pr2;           /* PageRank vectors */
    size_t cappr;
    uint16_t *nzrix, *nzcol;    /* PageRank: the non-zero entries' rows and
                                 * columns ... */
    float *nzval;               /* ... and weights, row after row */
    size_t capnz;
    double *prd;                /* d x the scores, per sweep */
    size_t capprd;
    /* postings, built per doc for the similarity rows: term id -> the
     * candidates holding it, in order (post[post_off[t] .. post_off[t+1])) */
    gsum_post *post;
    size_t cappost;
    size_t *post_off;
    size_t cappostoff;
    double *acc;                /* per candidate: a similarity being summed */
    size_t capacc;
    int post_built;             /* the postings are this doc's */
    uint32_t *tmark, *tslot;    /* per term id: last sentence stamp, and its
                                 * index in terms (one sentence's dedup) */
    size_t capmark;
    uint32_t tstamp;
    gsum_tok *toks;             /* one sentence's tokens */
    size_t captoks;
    double *isf;                /* per sentence frequency: its idf, this doc */
    size_t capisf;
    char *taken;                /* gsum_select: per candidate, out of the race */
    double *maxsim, *sim;       /* ... its highest cosine to the chosen; the
                                 * cosines to the one just chosen */
    size_t capsel;
    char *buf;                  /* scratch for case folding */
    size_t capbuf;
};

/* sum_candidates.c: the candidate spans of doc into g->sents */
size_t gsum__candidates(gsum *g, galley_doc *doc, const char *text, size_t len);
/* the offset where the body starts (after a title or headline), or 0 */
size_t gsum__body_start(const galley_doc *doc, const char *text, size_t len);

/* sum_terms.c: terms and weights of the candidates */
void gsum__terms(gsum *g, galley_doc *doc, const char *text, size_t len);
void gsum__terms_free(gsum *g);

/* sum_graph.c: out[i] = cosine of candidate i to candidate b, for all i,
 * from the postings.  -1: out of memory (nothing written) */
int gsum__cosine_to(gsum *g, size_t b, double *out);

#endif
