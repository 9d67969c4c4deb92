/* plugins/extract/entities/entities.h - what the files of the entities
 * plugin share: tokens, names, the plugin state and the steps of process().
 * Private to the plugin (its module exports only the descriptor). */
#ifndef EXTRACT_ENTITIES_H
#define EXTRACT_ENTITIES_H

#include <galley/galley.h>

#include <stddef.h>

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
    LX_EVENT = 1u << 18     /* ends the name of an event (World Cup, Open) */
};
#define LX_PLACE (LX_PLACE3 | LX_PLACE2 | LX_PLACE1)

enum { L_NONE = 0, L_PER, L_ORG, L_LOC, L_MISC };

typedef struct tok {
    size_t s, e;            /* bytes; e excludes a possessive 's */
    unsigned cls, flags;
    unsigned lex;           /* flags of the exact string */
    unsigned low;           /* flags of its lower-case form */
    int uncertain;          /* capitalised only because of its position */
    int poss;               /* ended in a possessive 's */
    int sent;               /* sentence number */
} tok;

typedef struct name {
    size_t a, b;            /* tokens [a, b) of the name proper */
    size_t t;               /* first token of the span (title or "the") */
    int label;
    int titled;             /* a title or person cue came with it */
    int nested;             /* inside a longer name: never takes "the" */
    long link;              /* index of the name it refers to, or -1 */
} name;

typedef struct ent_state {
    galley_counter *lex;
    size_t maxwords;        /* longest gazetteer entry, in words */
    tok *toks;
    size_t ntoks, captoks;
    name *names;
    size_t nnames, capnames;
    galley_counter *lowseen, *capseen;
    int fields;             /* set people/places/organizations */
    galley_counter *alias;  /* "U.S." -> index in canon[] ("United States") */
    char **canon;
    size_t ncanon;
} ent_state;

/* ---- lexicon.c: the data, and what it says of a string ---- */
unsigned ent_lex_get(const galley_counter *c, const char *k, size_t n);
unsigned ent_lex_lower(const galley_counter *c, const char *k, size_t n);
unsigned ent_lex_titlecase(const galley_counter *c, const char *k, size_t n);
/* loads every data file; -1 with the stage's message set */
int ent_load_data(ent_state *st, galley_stage *stage);

/* ---- names.c: tokens and candidate names (process() steps 1-4) ---- */
int ent_tokenize(ent_state *st, const char *text, size_t len);
void ent_mark_positions(ent_state *st, const char *text, size_t len);
void ent_gather_evidence(ent_state *st, const char *text);
int ent_find_runs(ent_state *st, const char *text);
/* token tests the labelling shares */
int ent_is_cap(const tok *t);
int ent_tok_is(const char *text, const tok *t, const char *w);
int ent_common_word(const ent_state *st, const char *text, const tok *t);
int ent_is_connector(const char *text, const tok *t);
int ent_name_period(const char *text, const tok *prev, const tok *t);
int ent_gap_breaks(const char *text, const tok *a, const tok *b);
int ent_push_name(ent_state *st, size_t a, size_t b);
/* longest ORG or place entry starting at token i, within [i, end) */
size_t ent_gazetteer_match(const ent_state *st, const char *text, size_t i, size_t end,
                           unsigned *bits);

/* ---- label.c: types and links (process() steps 5-9) ---- */
void ent_classify(ent_state *st, const char *text, name *nm);
void ent_link_names(ent_state *st, const char *text);
void ent_label_rest(ent_state *st, const char *text);
void ent_teams(ent_state *st, const char *text);
int ent_join_places(ent_state *st, const char *text);
int ent_same_text(const char *text, const tok *x, const tok *y);
int ent_same_name(const ent_state *st, const char *text, const name *x, const name *y);

#endif
