/* plugins/extract/keyphrases/keyphrases.h - the keyphrases plugin's own
 * types, shared by its files (plugin glue, words and candidates, ranking). */
#ifndef KEYPHRASES_H
#define KEYPHRASES_H

#include <galley/galley.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define KP_MAXW 8       /* hard limit of words in a phrase */
#define KP_NFEAT 31     /* features of a candidate (features.c) */
#define KP_NPOW 64       /* counts whose damped value is tabled (rank.c) */
#define KP_RERANK 40    /* the learned score reorders the hand score's top 40
                         * (bench/keyphrases/train fits it so) */

/* the light part of speech of a word (keyphrase-pos.txt, else a noun) */
enum { KP_NOUN = 'n', KP_ADJ = 'a', KP_VERB = 'v', KP_ADV = 'r', KP_GERUND = 'g',
       KP_RELADJ = 'p', /* a relational adjective ("nuclear"): in the lexicon
                         * only, a word of the text is KP_ADJ and
                         * kp_form.relational */
       KP_NOUNVERB = 'z', /* a verb right after a noun ("the bus exhibits") */
       KP_VERBING = 'i' /* the -ing form of a verb the lexicon knows as no noun:
                         * a noun only before one ("routing protocol") */ };

/* the stop list, df table, word list and POS lexicon: loaded once per
 * process and shared by the workers (galley_shared_get), never changed */
typedef struct kp_data {
    galley_counter *stop;       /* extra stop and boilerplate words */
    galley_counter *generic;    /* words never a key phrase alone */
    galley_counter *modifier;   /* words that never start a phrase */
    galley_counter *df;         /* stem -> documents of the bundled corpus */
    galley_counter *common;     /* lower-case words of the word list */
    galley_counter *proper;     /* its capitalised words, case-folded */
    galley_counter *pos;        /* word -> class letter, for non-nouns */
    double ndocs;               /* documents behind df */
    double weight[KP_NFEAT];    /* keyphrase-weights.txt */
} kp_data;

/* What a surface form is, stem included, is worked out once per worker and
 * kept across documents (most words recur from one article to the next):
 * the caches are dropped when they grow past KP_CACHE forms. */
#define KP_CACHE 50000

typedef struct kp_form {        /* per distinct surface form seen */
    uint32_t gstem;             /* index in kp_state.allstems, or UINT32_MAX */
    uint32_t gen;               /* the document that stem refers to */
    uint32_t stem;              /* index in kp_state.st for that document */
    unsigned char basestop;     /* the toolkit's stop word */
    unsigned char listed;       /* in keyphrase-stopwords.txt */
    unsigned char generic;      /* in keyphrase-generic.txt */
    unsigned char modifier;     /* in keyphrase-modifiers.txt */
    unsigned char relational;   /* a relational adjective ("nuclear",
                                 * "plenoptic"), out of context */
    unsigned char lexcase;      /* capitalised: 1 the word list has it in
                                 * lower case only ("Economist"), 2 also
                                 * capitalised, a name ("Rod") */
    unsigned char digit;        /* starts with a digit */
    char cls;                   /* KP_NOUN ... (out of context) */
    unsigned char cue;          /* KP_CUE_* bits of a function word */
} kp_form;

/* function words that tell the part of speech of their neighbour */
enum { KP_CUE_OBJECT = 1,       /* "the", "to", "that": the noun-or-verb or
                                 * -ing form before it is a verb ("the study
                                 * shows that", "searching the area") */
       KP_CUE_DET = 2,          /* "the", "of": the -ed form after it is a
                                 * participle ("the filtered image") */
       KP_CUE_ART = 4,          /* "the", "its": the -ing form after it is a
                                 * noun ("the tracking algorithm") */
       KP_CUE_TO = 8,           /* "to": a noun-or-verb after it is a verb */
       KP_CUE_SUBJ = 16 };      /* "we", "they": the word after it is a verb
                                 * ("we present", "they report") */

typedef struct kp_word {        /* one token of the document: 28 bytes, as a
                                 * 16 MB article has about 3 million of them */
    uint32_t s, e;              /* bytes (texts over 4 GiB are refused) */
    uint32_t sent;              /* sentence number */
    uint32_t stem;              /* index in kp_state.stems (content words) */
    uint32_t form;              /* index in kp_state.form (words) */
    unsigned char flags;        /* the token's case flags (GALLEY_TOK_*) */
    unsigned char content;      /* may be part of a phrase */
    unsigned char cap;          /* capitalised, not the first word */
    unsigned char upper;        /* capitalised content word, any position */
    unsigned char poss;         /* ends in a possessive 's */
    unsigned char line;         /* a line break before it */
    unsigned char mid;          /* not the first token of its sentence */
    char cls;                   /* KP_NOUN ... */
} kp_word;

typedef struct kp_gstem {       /* per distinct stem seen (allstems) */
    double idf;                 /* from the df table */
    uint32_t gen, stem;         /* its index in kp_state.st for document gen */
} kp_gstem;

typedef struct kp_stem {        /* per distinct stem of the document */
    uint32_t g;                 /* index in kp_state.allstems */
    double capmid, lower;       /* occurrences capitalised mid-sentence / lower */
    double count;
    double rank;                /* the word's score */
    double mod;                 /* occurrences right before another content word */
    size_t first, last;         /* sentences of the first and last occurrence */
    size_t len;                 /* bytes of the stem */
} kp_stem;

typedef struct kp_cand {
    size_t count;               /* occurrences */
    size_t alone;               /* of them, as a whole noun phrase */
    size_t first;               /* sentence of the first occurrence */
    size_t last;                /* sentence of the last occurrence */
    size_t nwords;
    size_t caps;                /* occurrences all capitalised mid-sentence */
    size_t w0;                  /* first occurrence: index of its first word */
    size_t ids;                 /* offset of its stems in kp_state.ids */
    double hand;                /* the hand-written score (0: never shown) */
    double score;               /* the learned score */
    int top;                    /* among the hand score's KP_RERANK best */
    double longer;              /* the most frequent top phrase holding this
                                 * one: its count / this count (0: none) */
    size_t shorter;             /* top phrases this one holds */
    size_t topic_n;             /* other top phrases sharing a stem with it */
    double topic_count;         /* occurrences of its topic: the counts of
                                 * the top phrases sharing a stem, its own too */
    uint64_t stems;             /* a bit per stem (its number mod 64), for
                                 * kp_containment's quick test */
} kp_cand;

typedef struct kp_doc {         /* what the features are measured against */
    double nsent, ntok, doclen; /* sentences, tokens, log of tokens */
    double maxhand, maxword;    /* the best hand phrase and word scores */
} kp_doc;

typedef struct kp_state {
    galley_stemmer *stem;
    const kp_data *d;
    int english;                /* the word list applies to the language */
    size_t count, max_words;
    galley_counter *allstems;   /* stem -> index in gst (kept, see KP_CACHE) */
    kp_gstem *gst;
    size_t capgst;
    galley_counter *forms;      /* surface form -> index in form (kept) */
    size_t nform;               /* forms in it */
    kp_form *form;
    size_t capform;
    uint32_t gen;               /* documents seen, the caches' clock */
    uint64_t *slot;             /* phrase stems -> index in cands: open
                                 * addressing, each slot the document's clock
                                 * (gen) << 32 | index + 1, so a new document
                                 * finds it empty without clearing it */
    size_t nslot;               /* a power of two, > 2 * ncands; or 0 */
    kp_word *words;
    size_t nwords, capwords;
    kp_stem *st;
    size_t nst, capst;
    kp_cand *cands;
    size_t ncands, capcands;
    size_t *ids;
    size_t nids, capids;
    int dump;                   /* the 'features' file, or -1 */
    double *feat;               /* with dump: KP_NFEAT a candidate */
    size_t capfeat;
    double pow07[KP_NPOW];      /* pow(k, 0.7): a word's damped count */
    size_t *top;                /* the top candidates of the document */
    size_t capt;
} kp_state;

/* the bytes of a possessive 's (or ’s) ending w, else 0 */
static inline size_t kp_possessive_len(const char *w, size_t n)
{
    if (n > 2 && w[n - 1] == 's' && w[n - 2] == '\'')
        return 2;
    if (n > 4 && w[n - 1] == 's' && !memcmp(w + n - 4, "\xe2\x80\x99", 3))
        return 4;
    return 0;
}

/* words.c: tokens, classes, stems and candidate phrases of one document */
int kp_collect(kp_state *st, galley_doc *doc, const char *text, size_t len, size_t *nsent);
const char *kp_word_stem(kp_state *st, const char *w, size_t n, size_t *sl);
/* a stem of the document (kp_state.st index) as text */
const char *kp_stem_text(const kp_state *st, size_t stem, size_t *n);

/* features.c: the learned ranking's features, weights and training dump */
const char *kp_feature_name(size_t i);
void kp_doc_context(const kp_state *st, size_t nsent, kp_doc *dc);
void kp_containment(kp_state *st, const size_t *top, size_t n);
size_t kp_shared(const kp_state *st, const kp_cand *a, const kp_cand *b);
void kp_features(const kp_state *st, const kp_doc *dc, const kp_cand *c, double *f);
int kp_load_weights(double *wt, const char *path, char **why);
int kp_dump(int fd, const char *id, const char *const *shown, const double *feat, size_t n);

/* rank.c: word and phrase scores, the final choice */
int kp_rank(kp_state *st, size_t nsent);
/* indices of the chosen candidates, best first, in out[0..max); the count */
size_t kp_choose(kp_state *st, size_t *out, size_t max);

#endif
