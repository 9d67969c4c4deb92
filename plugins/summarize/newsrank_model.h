/* plugins/summarize/newsrank_model.h - newsrank's learned sentence scorer:
 * the features of a candidate sentence and a linear model over them, its
 * weights read from a text file once per process (trained by
 * bench/rouge/train.py; the shipped file is conf/summarize/newsrank.weights). */
#ifndef GALLEY_NEWSRANK_MODEL_H
#define GALLEY_NEWSRANK_MODEL_H

#include <stdio.h>
#include "sumcore.h"

#define NR_NFEAT 23
#define NR_RATIO 16         /* the feature k/n: picks the model */

/* the feature names, in the order of the vector (the weights file's keys) */
extern const char *const nr_feature_names[NR_NFEAT];

/* what the scorer reads of one candidate besides its gsum_sent: the
 * article-level scores, each already divided by the article's maximum */
typedef struct nr_scores {
    double cent;        /* frequency centrality, length_norm 0.15 */
    double cavg;        /* frequency centrality per word (length_norm 1) */
    double centroid;    /* cosine to the article's centroid */
    double title;       /* share of the title's weighted terms */
} nr_scores;

/* f[0..NR_NFEAT) for candidate x of n, when k sentences are asked for;
 * text is the doc's text; prev_para is the paragraph of the candidate
 * before x (-1 for the first) */
void nr_features(const char *text, const gsum_sent *x, size_t n, size_t k,
                 int prev_para, const nr_scores *s, double *f);

/* Two linear models: `extract` for a summary of at least `gate_sentences`
 * sentences that covers at least `gate` of the article's candidates (k/n),
 * where covering the content matters most, and `brief` for the others,
 * where the lede carries the gist. */
typedef struct nr_model {
    double gate, gate_sentences;
    double w[2][NR_NFEAT];      /* [0] brief, [1] extract */
} nr_model;

/* The model in path, shared by every worker of the process (release with
 * nr_model_put); NULL with *err malloc()ed ("FILE:LINE: what is wrong")
 * when it cannot be read. */
const nr_model *nr_model_get(const char *path, char **err);
void nr_model_put(const nr_model *m);

/* x opens on a word that hangs on the sentence before ("But", "He") */
int nr_dangling(const char *text, const gsum_sent *x);

/* the score of a candidate with features f in a summary of k sentences */
double nr_model_score(const nr_model *m, const double *f, size_t k);

/* one line "ID<TAB>POS<TAB>F0 ... F22<TAB>SENTENCE" per candidate, for
 * training (bench/rouge/train.py) */
void nr_features_write(FILE *out, const char *id, const char *text,
                       const gsum_sent *x, const double *f);

#endif
