/* bench/rouge/rouge.h - ROUGE-1, ROUGE-2 and ROUGE-L (summary-level, union
 * LCS) as ROUGE-1.5.5 computes them with -m: lower case, tokens are runs of
 * ASCII letters and digits, Porter stems (libstemmer "porter") of tokens
 * longer than 3 characters. */
#ifndef GALLEY_BENCH_ROUGE_H
#define GALLEY_BENCH_ROUGE_H

#include <stddef.h>

typedef struct rouge rouge;

/* precision, recall and F1 of ROUGE-1 [0], ROUGE-2 [1] and ROUGE-L [2] */
typedef struct rouge_result {
    double p[3], r[3], f[3];
} rouge_result;

/* NULL if libstemmer has no porter stemmer or memory runs out */
rouge *rouge_new(void);
void rouge_free(rouge *r);

/* Scores a candidate summary against one reference, each given as its
 * sentences (NUL-terminated strings).  N-grams run across sentence breaks;
 * ROUGE-L takes, for each reference sentence, the union of its LCS with every
 * candidate sentence.  Returns 0, or -1 when memory runs out.  Empty sides
 * score 0. */
int rouge_score(rouge *r, const char *const *cand, size_t ncand,
                const char *const *ref, size_t nref, rouge_result *out);

#endif
