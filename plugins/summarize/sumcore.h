/* plugins/summarize/sumcore.h - what every summarizer plugin shares (private to
 * plugins/summarize, compiled into each module): candidate sentences, terms,
 * similarity, length budget, MMR selection and writing the summary. */
#ifndef GALLEY_SUMCORE_H
#define GALLEY_SUMCORE_H

#include <stddef.h>
#include <stdint.h>
#include <galley/galley.h>

#define GSUM_MAX_LEXICON 500000

/* Graph summarizers compare every pair of candidates, so an article's first
 * GSUM_MAX_CANDIDATES candidate sentences are scored and later ones are left
 * out: a 2,000-sentence article costs at most 400^2/2 similarities and 100
 * PageRank sweeps over a 400x400 matrix (bounded time and 640 KB). */
#define GSUM_MAX_CANDIDATES 400

/* the common option rows, appended to each plugin's own table */
#define GSUM_COMMON_OPTIONS \
    { GALLEY_OPT_INT, "sentences", NULL, 0, 1, 1000, \
      "sentences in the summary (default 3 when neither ratio nor words is set)", NULL }, \
    { GALLEY_OPT_FLOAT, "ratio", NULL, 0, 0.001, 1, \
      "summary length as a fraction of the article's sentences (rounded up)", NULL }, \
    { GALLEY_OPT_INT, "words", NULL, 0, 1, 100000, \
      "summary length as a word budget (best sentences that fit)", NULL }, \
    { GALLEY_OPT_INT, "min_sentence_words", "4", 0, 1, 1000, \
      "sentences with fewer words never enter the summary", NULL }, \
    { GALLEY_OPT_LIST, "include", NULL, 0, 0, 0, \
      "kinds of text allowed into a summary that are kept out by default: " \
      "title, dateline, caption, byline", NULL }

/* the things that are kept out unless `include` names them */
#define GSUM_ALLOW_TITLE    0x1u
#define GSUM_ALLOW_DATELINE 0x2u
#define GSUM_ALLOW_CAPTION  0x4u
#define GSUM_ALLOW_BYLINE   0x8u

typedef struct gsum_sent {
    size_t start, end;      /* byte span in the doc's text (dateline trimmed) */
    int pos;                /* 0-based position among candidates */
    int para;               /* paragraph number (blank-line separated) */
    int words;              /* word tokens */
    int question;           /* ends with a question mark */
    size_t t0, tn;          /* its distinct terms: terms[t0 .. t0+tn) */
    double norm;            /* length of its weighted vector */
    double score;           /* set by the summarizer */
} gsum_sent;

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

typedef struct gsum_term {
    unsigned id;            /* index in the doc's vocabulary */
    float tf;               /* count in the sentence */
    float w;                /* tf x the term's weight (set with the weights) */
} gsum_term;

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

typedef struct gsum {
    /* options */
    int nsent;              /* 0 when ratio or words is set */
    double ratio;
    int words;
    int min_words;
    unsigned allow;
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
    struct gsum_post *post;
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
} gsum;

/* Reads the common options; returns GALLEY_OK or fails the stage. */
galley_status gsum_open(gsum *g, galley_stage *stage);
void gsum_close(gsum *g);

/* Loads an idf table: lines "TERM<TAB>IDF" of already stemmed (porter/english)
 * terms; a line "#default<TAB>IDF" sets the idf of unknown terms. */
galley_status gsum_load_idf(gsum *g, galley_stage *stage, const char *path);

/* Finds the candidate sentences of doc (the `sentence` layer when present,
 * else the toolkit's splitter), dropping the title, datelines, captions,
 * bylines, bracketed links, footers and fragments; when with_terms, also
 * tokenizes them into stemmed content terms with idf weights.  Returns the
 * number of candidates (0 for an empty article). */
size_t gsum_prepare(gsum *g, galley_doc *doc, int with_terms);

/* How many sentences the length options ask for, given n candidates (for
 * `words`, an upper bound; gsum_select enforces the budget). */
size_t gsum_target(const gsum *g, size_t n);

/* cosine similarity of two candidates' idf-weighted term vectors */
double gsum_cosine(const gsum *g, const gsum_sent *a, const gsum_sent *b);

/* out[j] = gsum_cosine(g, &sents[i], &sents[j]) for every j in (i, n),
 * n = g->nsents; the same values, summed in the same order, from the
 * postings (only sentences sharing a term are visited).  -1: out of memory */
int gsum_cosine_row(gsum *g, size_t i, double *out);

/* w[i*n+j] = (float)gsum_bm25(g, &sents[j], &sents[i], avglen) for every
 * i != j (the diagonal is left alone), n = g->nsents, from the postings.
 * -1: out of memory */
int gsum_bm25_matrix(gsum *g, float *w, double avglen);

/* a scratch array of g->nsents doubles for gsum_cosine_row (NULL: out of
 * memory) */
double *gsum_row_buffer(gsum *g);

/* Picks sentences by score (sents[i].score), greedily, skipping any whose
 * cosine to an already chosen one exceeds max_sim, and penalising the rest by
 * redundancy * their highest cosine to the chosen (MMR); honours the length
 * options.  Writes the `summary` layer and field.  Ties go to the earlier
 * sentence, so the result is deterministic. */
void gsum_select(gsum *g, galley_doc *doc, double redundancy, double max_sim);

/* Writes the summary made of the first candidates (lead). */
void gsum_select_lead(gsum *g, galley_doc *doc);

/* BM25 (k1 1.2, b 0.75) of sentence q's terms as a query against sentence d,
 * with the idf weights; avglen = the candidates' mean length in words */
double gsum_bm25(const gsum *g, const gsum_sent *q, const gsum_sent *d, double avglen);
double gsum_avg_words(const gsum *g);

/* Weighted PageRank over the n x n edge matrix w (w[i*n+j] = weight of the
 * edge i -> j, row-normalised into a sparse copy; w is left as it is), damping d; iterates until the scores
 * move less than 1e-5 in total (L1) or GSUM_MAX_ITER sweeps.  Writes
 * sents[i].score.  Returns the sweeps done, or -1 when memory runs out. */
#define GSUM_MAX_ITER 100
int gsum_pagerank(gsum *g, float *w, size_t n, double d);

/* the n x n float matrix of g (n <= GSUM_MAX_CANDIDATES), zeroed */
float *gsum_matrix(gsum *g, size_t n);

#endif
