/* plugins/summarize/sumcore.h - what a summarizer plugin gets from the shared
 * summarizer core (compiled into each module, not public API): candidate
 * sentences with their terms, similarity graphs, PageRank and MMR selection.
 * The core's state is opaque here; its buffers live in sum_int.h. */
#ifndef GALLEY_SUMCORE_H
#define GALLEY_SUMCORE_H

#include <stddef.h>
#include <stdint.h>
#include <galley/galley.h>

/* Graph summarizers compare every pair of candidates, so an article's first
 * GSUM_MAX_CANDIDATES candidate sentences are scored and later ones are left
 * out: a 2,000-sentence article costs at most 400^2/2 similarities and 100
 * PageRank sweeps over a 400x400 matrix (bounded time and 640 KB). */
#define GSUM_MAX_CANDIDATES 400

/* a candidate more similar than this to one already chosen never joins it */
#define GSUM_MAX_SIM 0.9

/* the option rows every summarizer has, appended to each plugin's table */
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

/* the rows of a summarizer that scores terms and picks by MMR: read by
 * gsum_new(stage, GSUM_RANKED) */
#define GSUM_RANK_OPTIONS \
    { GALLEY_OPT_FLOAT, "redundancy", "0.3", 0, 0, 10, \
      "MMR penalty per unit of cosine to a sentence already chosen", NULL }, \
    { GALLEY_OPT_STRING, "idf", NULL, GALLEY_OPT_PATH, 0, 0, \
      "idf table (TERM<TAB>IDF, porter stems; see doc/summarize.md); " \
      "default: inverse sentence frequency within the article", NULL }

/* PageRank's damping: textrank's and lexrank's default, and newsrank's
 * centrality (which has no option for it); the row's text is the same number */
#define GSUM_DAMPING 0.85
#define GSUM_DAMPING_OPTION \
    { GALLEY_OPT_FLOAT, "damping", "0.85", 0, 0.01, 0.99, "PageRank damping factor", NULL }

/* one candidate sentence */
typedef struct gsum_sent {
    size_t start, end;      /* byte span in the doc's text */
    int pos;                /* 0-based position among candidates */
    int para;               /* paragraph number (blank-line separated) */
    int words;              /* word tokens */
    int question;           /* ends with a question mark */
    size_t t0, tn;          /* its distinct terms: gsum_terms(g)[t0 .. t0+tn) */
    double norm;            /* length of its weighted vector */
    double score;           /* set by the summarizer */
} gsum_sent;

/* one distinct term of a candidate, in term id order */
typedef struct gsum_term {
    unsigned id;            /* index in the doc's vocabulary */
    float tf;               /* count in the sentence */
    float w;                /* tf x the term's weight */
} gsum_term;

typedef struct gsum gsum;

#define GSUM_LEAD   0       /* no terms, no idf (the lead baseline) */
#define GSUM_RANKED 1       /* terms and weights; reads GSUM_RANK_OPTIONS */

/* Reads the common options (and, for GSUM_RANKED, redundancy and the idf
 * table); NULL when the stage failed (the message is set). */
gsum *gsum_new(galley_stage *stage, int kind);
void gsum_free(gsum *g);

/* The open() and close() of a summarizer whose state struct begins with its
 * gsum * (struct { gsum *g; ... }): a zeroed state of size bytes holding
 * gsum_new(stage, kind), NULL when either failed (the stage's message is
 * set); and the close() that frees both. */
void *gsum_state_new(galley_stage *stage, int kind, size_t size);
galley_status gsum_state_close(void *state);

/* Finds the candidate sentences of doc: the `sentence` layer's spans (or the
 * toolkit's splitter when no stage wrote one) without the ones it labels as
 * title, date, dateline, caption or byline (unless `include` names them), nor
 * links, footers and fragments; for GSUM_RANKED, also their stemmed content
 * terms with weights.  Returns the number of candidates (0: empty article). */
size_t gsum_prepare(gsum *g, galley_doc *doc);

/* the candidates of the last gsum_prepare, and their terms */
gsum_sent *gsum_sents(gsum *g, size_t *n);
const gsum_term *gsum_terms(const gsum *g);
/* per term id (gsum_vocab_size of them): weight (idf), count in the whole
 * article, 1 when the title holds it */
size_t gsum_vocab_size(const gsum *g);
const double *gsum_term_weights(const gsum *g);
const double *gsum_doc_counts(const gsum *g);
const double *gsum_title_marks(const gsum *g);

/* How many sentences the length options ask for, given n candidates (for
 * `words`, an upper bound; gsum_select enforces the budget). */
size_t gsum_target(const gsum *g, size_t n);

/* cosine similarity of two candidates' idf-weighted term vectors */
double gsum_cosine(const gsum *g, const gsum_sent *a, const gsum_sent *b);

/* out[j] = gsum_cosine(g, &sents[i], &sents[j]) for every j in (i, n); the
 * same values, summed in the same order, from postings (only sentences
 * sharing a term are visited).  -1: out of memory */
int gsum_cosine_row(gsum *g, size_t i, double *out);

/* w[i*n+j] = w[j*n+i] = gsum_cosine of candidates i and j for every i != j
 * (the diagonal is left alone: with short sentences a self-similarity of 1
 * would outweigh every real link and flatten the ranking to the lead); a cosine under threshold becomes 0 and,
 * unless continuous, every other 1 (-INFINITY, 1: the plain cosines).
 * -1: out of memory */
int gsum_cosine_matrix(gsum *g, float *w, double threshold, int continuous);

/* w[i*n+j] = BM25 (k1 1.2, b 0.75) of sentence j's terms as a query against
 * sentence i, for every i != j (the diagonal is left alone), with the
 * candidates' mean length.  -1: out of memory */
int gsum_bm25_matrix(gsum *g, float *w);

/* a scratch array of n candidates' doubles for gsum_cosine_row (NULL: out
 * of memory) */
double *gsum_row_buffer(gsum *g);

/* the n x n float matrix of g (n <= GSUM_MAX_CANDIDATES), zeroed (NULL: out
 * of memory) */
float *gsum_matrix(gsum *g, size_t n);

/* Weighted PageRank over the n x n edge matrix w (w[i*n+j] = weight of the
 * edge i -> j, row-normalised into a sparse copy; w is left as it is),
 * damping d; iterates until the scores move less than 1e-5 in total (L1) or
 * GSUM_MAX_ITER sweeps.  Writes each candidate's score.  Returns the sweeps
 * done, or -1 when memory runs out. */
#define GSUM_MAX_ITER 100
int gsum_pagerank(gsum *g, float *w, size_t n, double d);

/* The process() of a graph summarizer: the candidates of doc, their edge
 * matrix (bm25: gsum_bm25_matrix, else gsum_cosine_matrix with threshold
 * and continuous), PageRank with damping, then gsum_select.  Fails the
 * document when memory runs out. */
galley_status gsum_graph_summarize(gsum *g, galley_doc *doc, int bm25, double threshold,
                                   int continuous, double damping);

/* Picks sentences by score, greedily, skipping any whose cosine to one
 * already chosen exceeds GSUM_MAX_SIM and penalising the rest by the
 * `redundancy` option times their highest cosine to the chosen (MMR);
 * honours the length options.  Writes the `summary` layer and field.  Ties
 * go to the earlier sentence, so the result is deterministic. */
void gsum_select(gsum *g, galley_doc *doc);

/* Writes the summary made of the first candidates (lead). */
void gsum_select_lead(gsum *g, galley_doc *doc);

#endif
