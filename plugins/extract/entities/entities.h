/* plugins/extract/entities/entities.h - what the files of the entities
 * plugin share: tokens, names, the plugin state and the steps of process().
 * Private to the plugin (its module exports only the descriptor). */
#ifndef EXTRACT_ENTITIES_H
#define EXTRACT_ENTITIES_H

#include <galley/galley.h>

#include <stddef.h>
#include <stdint.h>

/* lexicon flags: what the data files (and the word list) say of a string */
enum {
    LX_GIVEN = 1u << 0, LX_SURNAME = 1u << 1,
    LX_PLACE3 = 1u << 2, LX_PLACE2 = 1u << 3, LX_PLACE1 = 1u << 4,
    LX_ORG = 1u << 5, LX_TITLE = 1u << 6, LX_TITLEMOD = 1u << 7,
    LX_NOTNAME = 1u << 8, LX_ORGSUF = 1u << 9, LX_ORGPRE = 1u << 10,
    LX_ORGANY = 1u << 11, LX_LOCSUF = 1u << 12, LX_LOCPRE = 1u << 13,
    LX_LOCBEFORE = 1u << 14,
    LX_LOWER = 1u << 15,    /* a lower-case dictionary word (key lower case) */
    LX_PROPER = 1u << 16,   /* a capitalised dictionary word (exact key) */
    LX_TITLELOW = 1u << 17, /* a title, written lower case (key lower case) */
    LX_EVENT = 1u << 18,    /* ends the name of an event (World Cup, Open) */
    LX_PREFIX = 1u << 19,   /* the first words of a longer entry */
    LX_SPORT = 1u << 20,    /* a word of sports reports (match, goal; key lower case) */
    LX_PEOPLE = 1u << 21,   /* names a people, faith or group: "Dutch", "Muslims" (MISC) */
    LX_ORGNEAR = 1u << 22   /* a word near an organisation's name: "told", "shares" (key lower case) */
};
#define LX_PLACE (LX_PLACE3 | LX_PLACE2 | LX_PLACE1)

enum { L_NONE = 0, L_PER, L_ORG, L_LOC, L_MISC };

/* One per token of the document, so kept small (36 bytes): offsets are
 * 32-bit (ent_process refuses a text over ENT_MAX_TEXT), yes/no in bits. */
typedef struct tok {
    uint32_t s, e;          /* bytes; e excludes a possessive 's */
    uint32_t lex;           /* flags of the exact string */
    uint32_t low;           /* flags of its lower-case form */
    int32_t sent;           /* sentence number */
    uint32_t wh, sh;        /* hashes of the case-folded word and of its shape */
    unsigned char cls;      /* galley_tok_class */
    unsigned char flags;    /* GALLEY_TOK_ case flags */
    unsigned char seen;     /* 1: the document also writes it lower case; 2: capitalised mid-sentence */
    unsigned char gz;       /* gazetteer match: kind * 2 + (0 first word, 1 later word) */
    unsigned uncertain : 1; /* capitalised only because of its position */
    unsigned poss : 1;      /* ended in a possessive 's */
    unsigned headline : 1;  /* in a headline or an all-caps line */
    unsigned linestart : 1; /* first token of a line */
    unsigned demonym : 1;   /* names the people of a place: "Kenyans", "Japanese" */
    unsigned stop : 1;      /* a stopword (galley_is_stopword) */
    unsigned pair : 1;      /* the hyphen between two places ("Russia-Ukraine"): no name holds it */
} tok;
#define ENT_MAX_TEXT ((size_t)1 << 31)

typedef struct name {
    size_t a, b;            /* tokens [a, b) of the name proper */
    size_t t;               /* first token of the span (title or "the") */
    int label;
    int titled;             /* a title or person cue came with it */
    int nested;             /* inside a longer name: never takes "the" */
    long link;              /* index of the name it refers to, or -1 */
} name;

/* tags of the sequence tagger: O, then B-/I- of PER, ORG, LOC, MISC
 * (B of label L is 2L - 1, I is 2L) */
#define ENT_NTAGS 9
#define ENT_MAXF 128        /* features of one token, at most */
/* the Viterbi decoder's back pointers (decode.c) */
#define ENT_MAXRUN 4096     /* tokens decoded at once: longer sentences are cut */
typedef struct ent_lattice {
    unsigned char back[ENT_MAXRUN][ENT_NTAGS];
} ent_lattice;

/* averaged-perceptron weights over hashed features, shared read-only by
 * every worker of the process (tagger.c) */
typedef struct ent_model {
    unsigned bits;          /* the table has 1 << bits rows of ENT_NTAGS weights */
    double margin;          /* decoding drops paths this far below the best */
    double trans[ENT_NTAGS][ENT_NTAGS];     /* ent_transitions of the weights */
    int context;            /* trained with context.c's features */
    int16_t *w;
} ent_model;

/* the gazetteers, name lists and word list, loaded once per process for
 * each data folder and word list, shared read-only by every worker */
typedef struct ent_lexicon {
    galley_counter *lex;    /* string -> LX_ flags */
    size_t maxwords;        /* longest gazetteer entry, in words */
    galley_counter *alias;  /* "U.S." -> index in canon[] ("United States") */
    char **canon;
    size_t ncanon;
} ent_lexicon;

/* a mention of a capitalised word: the words around its run of
 * capitalised words and what the run says (context.c) */
typedef struct ent_occ {
    uint32_t wh, tok;       /* the word's hash (tok.wh) and its token */
    uint32_t lh, rh;        /* hashes of the words before and after the run */
    uint32_t bits;          /* context.c's C_ flags */
    uint32_t next;          /* the word's next mention (index in occ), or UINT32_MAX */
    uint32_t last;          /* in the word's first mention: its last one */
} ent_occ;

typedef struct ent_state {
    const ent_lexicon *lx;
    tok *toks;
    size_t ntoks, captoks;
    name *names;
    size_t nnames, capnames;
    uint64_t *seen;         /* the document's words (names.c's table) */
    size_t capseen, seenmask;
    int fields;             /* set people/places/organizations */
    int informal;           /* the document reads like a post (tagger.c) */
    ent_model *model;
    ent_lattice *lattice;   /* decode.c's work area, made on first use */
    unsigned char *tags;    /* ENT_MAXRUN tags */
    galley_counter *stopcache;  /* word -> 2 stopword, 1 not */
    galley_counter *demcache;   /* capitalised word(s) -> 2 a demonym, 1 not (tagger.c; NULL: none) */
    galley_counter *pername;/* last word of a person's full name -> name index */
    ent_occ *occ;           /* the document's mentions of capitalised words (context.c) */
    size_t nocc, capocc;
    uint32_t *slots;        /* word -> its first mention (context.c's table) */
    size_t capslots;
    uint32_t *occ_at;       /* per token: its word's first entry in occ, or UINT32_MAX */
    size_t capocc_at;
    int context_off;        /* no context.c features: the weights have none, or the trainer
                             * leaves them out of this document */
} ent_state;

/* ---- lexicon.c: the data, and what it says of a string ---- */
unsigned ent_lex_get(const galley_counter *c, const char *k, size_t n);
unsigned ent_lex_lower(const galley_counter *c, const char *k, size_t n);
size_t ent_fold(const char *s, size_t n, char *out, size_t cap);
/* whether a case-folded word is a stopword (tok.stop has it for tokens) */
int ent_is_stop(ent_state *st, const char *folded, size_t n);
/* yes/no answers remembered per string (at most 65536 of them) */
int ent_memo_get(const galley_counter *c, const char *k, size_t n);
int ent_memo_put(galley_counter *c, const char *k, size_t n, int yes);
unsigned ent_lex_titlecase(const galley_counter *c, const char *k, size_t n);
/* loads every data file; -1 with the stage's message set */
int ent_load_data(ent_state *st, galley_stage *stage);
/* the lexicon alone (for the trainer): -1 with err set */
int ent_load_lexicon(ent_state *st, const char *dir, const char *wordlist, char *err, size_t errlen);
void ent_release_lexicon(ent_state *st);

/* the feature hash of the tagger (and of its trainer) */
static inline uint32_t ent_mix(uint32_t a, uint32_t b)
{
    uint32_t h = a * 0x9E3779B1u ^ (b + 0x7F4A7C15u + (a << 6) + (a >> 2));
    h ^= h >> 16;
    h *= 0x85EBCA6Bu;
    h ^= h >> 13;
    h *= 0xC2B2AE35u;
    h ^= h >> 16;
    return h;
}

/* ---- context.c: what the document's other mentions of a word say ---- */
/* the mentions of the document's capitalised words; -1 out of memory */
int ent_context_prepare(ent_state *st);
/* features of the other mentions of token i's word (templates tmpl to
 * tmpl + 3; cc: the token's case class), at most 20 */
size_t ent_context_features(const ent_state *st, size_t i, uint32_t tmpl, uint32_t cc, uint32_t *f);

/* ---- tagger.c: features, the shared model and decoding ---- */
#define ENT_MODEL_FILE "entities-tagger.bin"
/* Bumped whenever a feature changes: weights trained for other features
 * are refused instead of silently tagging badly. */
#define ENT_FEATURE_SET 7u
/* the same and context.c's features (train -C): off by default, as they
 * gained on GUM and Worldwide but lost on PUD (see conf/extract/README.md) */
#define ENT_FEATURE_SET_CONTEXT 8u
int ent_tagger_open(ent_state *st, const char *dir, char *err, size_t errlen);
void ent_tagger_close(ent_state *st);
/* fills the per-token fields the features read (after ent_mark_positions
 * and ent_gather_evidence); -1 out of memory */
int ent_prepare(ent_state *st, const char *text);
/* hashed features of token i; the history features need the tag before */
size_t ent_features(const ent_state *st, const char *text, size_t i, uint32_t *f);
size_t ent_history_features(const ent_state *st, size_t i, int p1, uint32_t *f);
/* the feature of the tag before alone (the same at every token) */
uint32_t ent_transition_feature(int p1);
/* A name starts at a word that is not all lower case; I-X only after X.
 * (Inline: the decoder asks for every pair of tags.) */
static inline int ent_tag_allowed(const ent_state *st, size_t i, int prev, int t)
{
    const tok *k = &st->toks[i];
    if (t == 0)
        return 1;
    if (t % 2 == 0)     /* I-X */
        return prev == t || prev == t - 1;
    return k->cls == GALLEY_TOK_WORD && !(k->flags & GALLEY_TOK_LOWER);
}

/* Outside a name, a lower-case word, a number or a sign starts none: most
 * tokens are decided without scoring. */
static inline int ent_must_be_outside(const ent_state *st, size_t i, int prev)
{
    const tok *k = &st->toks[i];
    return prev == 0 && (k->cls != GALLEY_TOK_WORD || (k->flags & GALLEY_TOK_LOWER));
}
/* adds the weights of features f[0..n) for each tag into score (model: an
 * ent_model; the trainer passes its own scorer to ent_viterbi) */
typedef void ent_score_fn(const void *model, const uint32_t *f, size_t n, double *score);
ent_score_fn ent_model_scores;
/* trans[p][t]: the weight of tag t after tag p, whatever the token */
void ent_transitions(ent_score_fn *fn, const void *model, double trans[ENT_NTAGS][ENT_NTAGS]);

/* ---- decode.c: the best tags of a sentence ---- */
/* the best tags of tokens [a, b) (b - a <= ENT_MAXRUN) into tags[0..b-a)
 * under the constraints, by Viterbi over the tag before */
void ent_viterbi(const ent_state *st, const char *text, size_t a, size_t b, ent_score_fn *fn,
                 const void *model, const double trans[ENT_NTAGS][ENT_NTAGS], double margin,
                 ent_lattice *lat, unsigned char *tags);
/* tags every token and pushes the names it finds */
int ent_tag_names(ent_state *st, const char *text);

/* ---- names.c: tokens and what the document says of them ---- */
/* the tokens of text[0..len): the token layer's (galley_doc_tokens of the
 * same text) when layer is not NULL, else the toolkit's tokenizer's */
int ent_tokenize(ent_state *st, const char *text, size_t len, const galley_token *layer, size_t nlayer);
/* sentences from doc's sentence layer when it has one (doc may be NULL) */
void ent_mark_positions(ent_state *st, const galley_doc *doc, const char *text, size_t len);
/* -1 out of memory */
int ent_gather_evidence(ent_state *st, const char *text);
/* what the document does with word wh (tok.wh): SEEN_ bits */
enum { SEEN_LOWER = 1, SEEN_CAP = 2 };
unsigned ent_seen(const ent_state *st, uint32_t wh);
/* token tests the labelling shares */
/* capitalised or all caps (inline: every step asks it of every token) */
static inline int ent_is_cap(const tok *t)
{
    return t->cls == GALLEY_TOK_WORD && (t->flags & (GALLEY_TOK_CAPITALIZED | GALLEY_TOK_ALLCAPS));
}
int ent_tok_is(const char *text, const tok *t, const char *w);
/* 1 when t is one of words (NULL-terminated), exactly */
int ent_tok_in(const char *text, const tok *t, const char *const *words);
int ent_name_period(const char *text, const tok *prev, const tok *t);
int ent_gap_breaks(const char *text, const tok *a, const tok *b);
int ent_push_name(ent_state *st, size_t a, size_t b);
/* longest ORG or place entry starting at token i, within [i, end) */
size_t ent_gazetteer_match(const ent_state *st, const char *text, size_t i, size_t end,
                           unsigned *bits);

/* ---- label.c: after the tagger (linear in the names) ---- */
void ent_link_names(ent_state *st, const char *text);
void ent_name_periods(ent_state *st, const char *text);
int ent_propagate(ent_state *st, const char *text);
void ent_vote(ent_state *st, const char *text);
/* KIND, then the name's words joined by spaces, into buf; 0 if too long */
size_t ent_name_key(const ent_state *st, const char *text, const name *nm, char kind, char *buf, size_t cap);
size_t ent_sport_cues(const ent_state *st);
void ent_teams(ent_state *st, const char *text);
void ent_place_forms(ent_state *st, const char *text);
void ent_name_particles(ent_state *st, const char *text);
void ent_peoples(ent_state *st, const char *text);
int ent_speakers(ent_state *st, const char *text);
int ent_subjects(ent_state *st, const char *text);
int ent_join_places(ent_state *st, const char *text);
void ent_org_for(ent_state *st, const char *text);
void ent_known_orgs(ent_state *st, const char *text);
int ent_sea_nouns(ent_state *st, const char *text);
void ent_events(ent_state *st, const char *text);
void ent_geo_places(ent_state *st, const char *text);
int ent_acronyms(ent_state *st, const char *text);
/* shared by the passes of label.c and people.c */
void ent_key_once(galley_counter *c, const char *k, size_t n, size_t value);
int ent_push_labelled(ent_state *st, size_t a, size_t b, int label);   /* -1 out of memory */
void ent_resort_from(ent_state *st, size_t n0);     /* names after the first n0 back in order */

/* ---- people.c: the kind of a name, after the tagger ---- */
int ent_split_people(ent_state *st, const char *text);
int ent_hyphen_people(ent_state *st, const char *text);
void ent_determined(ent_state *st, const char *text);
void ent_storms(ent_state *st, const char *text);
void ent_plurals(ent_state *st, const char *text);
void ent_lists(ent_state *st, const char *text);
void ent_descriptors(ent_state *st, const char *text);
void ent_titled(ent_state *st, const char *text);
void ent_demonym_places(ent_state *st);
void ent_plural_orgs(ent_state *st, const char *text);
void ent_adjective_orgs(ent_state *st, const char *text);
void ent_cue_nouns(ent_state *st, const char *text);
void ent_epithets(ent_state *st, const char *text);
void ent_place_persons(ent_state *st, const char *text);

#endif
