/* plugins/extract/entities/label.c - typing names (PERSON, ORG, LOC, MISC)
 * from titles, cue words and gazetteers, and linking them within the document. */
#include "entities.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- labels ---- */

static int speech_verb(const char *text, const tok *t)
{
    static const char *const w[] = { "said", "says", "told", "added", "wrote",
        "explained", "stated", "argued", "noted", "asked", "replied", "commented",
        "claimed", "insisted", "believes", "thinks", NULL };
    for (size_t i = 0; w[i]; i++)
        if (ent_tok_is(text, t, w[i]))
            return 1;
    return 0;
}

/* "Defense Secretary", "Secretary of State", "Gen.": a title before the
 * name proper; moves nm->a past it.  Returns 1 if one was found. */
static int strip_title(ent_state *st, const char *text, name *nm)
{
    size_t i = nm->a;
    while (i < nm->b && !(st->toks[i].lex & LX_TITLE))
        i++;
    if (i >= nm->b)
        return 0;
    /* what stands before the title qualifies it ("NASA Administrator") */
    while (i < nm->b) {
        const tok *t = &st->toks[i];
        unsigned bits;
        size_t k;
        if (ent_tok_is(text, t, "of") && i + 1 < nm->b && (st->toks[i + 1].lex & LX_TITLEMOD))
            i++;
        else if (ent_tok_is(text, t, "of") && i + 1 < nm->b &&
                 (k = ent_gazetteer_match(st, text, i + 1, nm->b, &bits)) > 0 && (bits & LX_PLACE))
            i += k;     /* "Governor of Virginia" */
        else if (!(t->lex & (LX_TITLE | LX_TITLEMOD)) && !(i > nm->a && ent_name_period(text, &st->toks[i - 1], t)))
            break;
        i++;
    }
    nm->t = nm->a;
    nm->a = i;
    return 1;
}

/* A title standing for its holder ("the Sheriff", "Governor"): written
 * with a capital where capitals mean something, or after "the". */
static int title_mention(const ent_state *st, const char *text, const name *nm)
{
    const tok *t = &st->toks[nm->t];
    if (!t->uncertain)
        return 1;
    return nm->t > 0 && (ent_tok_is(text, &st->toks[nm->t - 1], "the") ||
                         ent_tok_is(text, &st->toks[nm->t - 1], "The"));
}

static int cue_label(const ent_state *st, const char *text, const name *nm)
{
    const tok *first = &st->toks[nm->a], *last = &st->toks[nm->b - 1];
    size_t n = nm->b - nm->a;
    /* "Museum of Flight", "State of Texas": the head stands before "of" */
    for (size_t i = nm->a + 1; i + 1 < nm->b; i++)
        if (ent_tok_is(text, &st->toks[i], "of") || ent_tok_is(text, &st->toks[i], "for") ||
            ent_tok_is(text, &st->toks[i], "on")) {
            last = &st->toks[i - 1];
            break;
        }
    if (n >= 2 && (last->lex & LX_EVENT))
        return L_MISC;
    if (n >= 2 && (last->lex & LX_ORGSUF))
        return L_ORG;
    if (n >= 2 && (last->lex & LX_LOCSUF))
        return L_LOC;
    for (size_t i = nm->a; i < nm->b && n >= 2; i++)
        if (st->toks[i].lex & LX_ORGANY)
            return L_ORG;
    if (n >= 2 && (first->lex & LX_ORGPRE))
        return L_ORG;
    if (n >= 2 && (first->lex & LX_LOCPRE))
        return L_LOC;
    return L_NONE;
}

/* Every word of the name looks like a proper name (not a common word). */
static int all_proper(const ent_state *st, const char *text, const name *nm)
{
    int personal = 0;   /* a word that is a known or an unknown (foreign) name */
    const tok *first = &st->toks[nm->a];
    if ((first->lex & (LX_PLACE3 | LX_PLACE2)) && !(first->lex & LX_GIVEN))
        return 0;       /* "Ontario Ghostbusters" is named after a place */
    for (size_t i = nm->a; i < nm->b; i++) {
        const tok *t = &st->toks[i];
        if (t->cls != GALLEY_TOK_WORD)
            continue;
        if (!(t->lex & (LX_GIVEN | LX_SURNAME)) && (t->low & LX_LOWER))
            return 0;
        if ((t->flags & GALLEY_TOK_ALLCAPS) && t->e - t->s > 1)
            return 0;   /* "ABN Amro": no one's name holds an acronym */
        if ((t->lex & (LX_GIVEN | LX_SURNAME)) || !(t->lex & (LX_PROPER | LX_PLACE | LX_ORG)))
            personal = 1;
        if (ent_is_connector(text, t) && !ent_tok_is(text, t, "de") && !ent_tok_is(text, t, "van") &&
            !ent_tok_is(text, t, "von") && !ent_tok_is(text, t, "bin") && !ent_tok_is(text, t, "al"))
            return 0;
    }
    return personal;
}

/* "the Haqqani network": a known name may go on in lower case */
static void extend_known(ent_state *st, const char *text, name *nm)
{
    unsigned bits;
    size_t lim = nm->b + 2 < st->ntoks ? nm->b + 2 : st->ntoks;
    size_t k = ent_gazetteer_match(st, text, nm->a, lim, &bits);
    if (k <= nm->b - nm->a || !(bits & LX_ORG))
        return;
    for (size_t i = nm->b; i < nm->a + k; i++)
        if (!(st->toks[i].flags & GALLEY_TOK_LOWER) || ent_gap_breaks(text, &st->toks[i - 1], &st->toks[i]))
            return;
    nm->b = nm->a + k;
}

/* "General Election": after a title, only common words is no one's name
 * ("President Trump" is: the word list also knows Trump as a name) */
static int all_common(const ent_state *st, const name *nm)
{
    for (size_t i = nm->a; i < nm->b; i++)
        if (st->toks[i].cls == GALLEY_TOK_WORD && !((st->toks[i].low & LX_LOWER) &&
                                                    !(st->toks[i].lex & (LX_GIVEN | LX_SURNAME | LX_PROPER))))
            return 0;
    return 1;
}

static int has_acronym(const ent_state *st, const name *nm)
{
    for (size_t i = nm->a; i < nm->b; i++)
        if ((st->toks[i].flags & GALLEY_TOK_ALLCAPS) && st->toks[i].e - st->toks[i].s > 1)
            return 1;
    return 0;
}

void ent_classify(ent_state *st, const char *text, name *nm)
{
    unsigned bits;
    size_t n = nm->b - nm->a;
    extend_known(st, text, nm);
    n = nm->b - nm->a;
    if (ent_gazetteer_match(st, text, nm->a, nm->b, &bits) == n) {
        nm->label = (bits & LX_ORG) ? L_ORG : (bits & (LX_PLACE3 | LX_PLACE2)) ? L_LOC : L_NONE;
        if (nm->label || n > 1) {
            if (!nm->label)
                nm->label = L_LOC;
            return;
        }
    }
    int label = cue_label(st, text, nm);
    if (label && n >= 2 && (st->toks[nm->b - 1].lex & (LX_ORGSUF | LX_LOCSUF | LX_EVENT))) {
        nm->label = label;  /* "Duke University" is no duke */
        return;
    }
    if (strip_title(st, text, nm)) {
        nm->titled = 1;
        nm->label = nm->a < nm->b && !all_common(st, nm) ? L_PER : L_NONE;
        if (nm->a == nm->b && title_mention(st, text, nm)) {
            /* "the President": a person, though not a name for the fields */
            nm->a = nm->t;
            nm->label = L_PER;
            nm->titled = 2;
            nm->link = -2;
        }
        return;
    }
    const tok *first = &st->toks[nm->a];
    if (label) {
        nm->label = label;
        return;
    }
    if (n >= 2 && (first->lex & LX_GIVEN) && !(first->lex & LX_PLACE3) && !has_acronym(st, nm)) {
        nm->label = L_PER;
        return;
    }
    if (n == 1 && (first->flags & GALLEY_TOK_ALLCAPS) && !first->uncertain &&
        first->e - first->s >= 2 && first->e - first->s <= 6 &&
        !(first->low & LX_LOWER)) {     /* not shouted "UNLESS", not "IT" */
        nm->label = (first->lex & LX_PLACE) ? L_LOC : L_ORG;
        return;
    }
    if (n == 1 && ((first->lex & LX_PLACE3) ||
                   ((first->lex & LX_PLACE2) && !(first->low & LX_LOWER)))) {
        nm->label = L_LOC;
        return;
    }
    if (n >= 2 && n <= 4 && all_proper(st, text, nm)) {
        nm->label = L_PER;
        return;
    }
    /* "Environment Canada", "Team Estonia": a common word and a country
     * name a national body */
    if (n == 2 && (first->low & LX_LOWER) && !(first->lex & (LX_PLACE | LX_GIVEN)) &&
        (st->toks[nm->a + 1].lex & LX_PLACE3)) {
        nm->label = L_ORG;
        return;
    }
    nm->label = n >= 2 ? L_MISC : L_NONE;
}

/* A person cue next to an unlabelled name: "director Pompeo", "Hussain said". */
static int person_context(const ent_state *st, const char *text, const name *nm)
{
    if (nm->t > 0) {
        const tok *p = &st->toks[nm->t - 1];
        if (p->cls == GALLEY_TOK_WORD && (p->flags & GALLEY_TOK_LOWER) && (p->low & LX_TITLELOW))
            return 1;
    }
    return nm->b < st->ntoks && speech_verb(text, &st->toks[nm->b]);
}

static int place_context(const ent_state *st, const char *text, const name *nm)
{
    if (nm->t == 0)
        return 0;
    const tok *p = &st->toks[nm->t - 1];
    return (p->flags & GALLEY_TOK_LOWER) && (p->low & LX_LOCBEFORE) && nm->b - nm->a == 1 &&
           (st->toks[nm->a].lex & LX_PLACE) && !ent_common_word(st, text, &st->toks[nm->a]);
}

int ent_same_text(const char *text, const tok *x, const tok *y)
{
    return x->e - x->s == y->e - y->s && !memcmp(text + x->s, text + y->s, x->e - x->s);
}

int ent_same_name(const ent_state *st, const char *text, const name *x, const name *y)
{
    if (x->b - x->a != y->b - y->a)
        return 0;
    for (size_t i = 0; i < x->b - x->a; i++)
        if (!ent_same_text(text, &st->toks[x->a + i], &st->toks[y->a + i]))
            return 0;
    return 1;
}

/* "Juan Carlos" for "Juan Carlos Ferrero": the given names alone */
static int given_prefix(const ent_state *st, const char *text, const name *x, const name *y)
{
    for (size_t i = 0; i < x->b - x->a; i++)
        if (!(st->toks[x->a + i].lex & LX_GIVEN) || !ent_same_text(text, &st->toks[x->a + i], &st->toks[y->a + i]))
            return 0;
    return 1;
}

/* Links a short name to a longer one of the document: "Mattis" or
 * "Mr Mattis" to "Jim Mattis", a repeated name to its first mention. */
void ent_link_names(ent_state *st, const char *text)
{
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        if (x->label == L_MISC || x->titled == 2 || (x->label && x->b - x->a > 1 && x->label != L_PER))
            continue;
        for (size_t j = 0; j < st->nnames; j++) {
            const name *y = &st->names[j];
            if (j == i || y->label != L_PER || y->titled == 2 || y->b - y->a < 2 || y->b - y->a <= x->b - x->a)
                continue;
            const tok *last = &st->toks[y->b - 1];
            if (ent_tok_is(text, last, "Jr") || ent_tok_is(text, last, "Sr") || ent_tok_is(text, last, "."))
                last = &st->toks[y->b - 1 - (ent_tok_is(text, last, ".") ? 1 : 0)];
            if (ent_tok_is(text, last, "Jr") || ent_tok_is(text, last, "Sr"))
                last--;
            /* "Isabel" for "Isabel Allende" too, when it is a given name */
            int hit = x->b - x->a == 1 ? ent_same_text(text, &st->toks[x->a], last) ||
                                         ((st->toks[x->a].lex & LX_GIVEN) &&
                                          ent_same_text(text, &st->toks[x->a], &st->toks[y->a]))
                                      : (ent_same_text(text, &st->toks[x->b - 1], last) &&
                                         ent_same_text(text, &st->toks[x->a], &st->toks[y->a])) ||
                                        given_prefix(st, text, x, y);
            /* a country never becomes a person; a city does only by the
             * surname ("Jackson" after "Michael Jackson") */
            unsigned xl = st->toks[x->a].lex;
            int surname = x->b - x->a == 1 && ent_same_text(text, &st->toks[x->a], last);
            if (hit && !(x->label == L_LOC && ((xl & LX_PLACE3) || ((xl & LX_PLACE2) && !surname)))) {
                x->label = L_PER;
                x->link = (long)(y->link >= 0 ? y->link : (long)j);
                break;
            }
        }
    }
    /* the same words get the label of their first labelled mention */
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        if (x->label != L_NONE)
            continue;
        for (size_t j = 0; j < st->nnames; j++)
            if (st->names[j].label && st->names[j].label != L_MISC &&
                ent_same_name(st, text, x, &st->names[j])) {
                x->label = st->names[j].label;
                break;
            }
    }
}

/* "Cambridge, Massachusetts": a place, a comma and its region or country
 * are one place (the parts stay mentions of their own). */
int ent_join_places(ent_state *st, const char *text)
{
    size_t n = st->nnames;
    for (size_t i = 0; i + 1 < n; i++) {
        name *x = &st->names[i], *y = &st->names[i + 1];
        /* a country is not qualified by another place, and a list of
         * places ("Sudan, Iran, Libya") is no single place */
        if (x->label != L_LOC || y->label != L_LOC || y->a != x->b + 1 || y->t != y->a ||
            (st->toks[x->a].lex & LX_PLACE3) || (i > 0 && st->names[i - 1].b + 1 == x->t &&
                                                  st->names[i - 1].label == L_LOC) ||
            (i + 2 < n && st->names[i + 2].a == y->b + 1 && st->names[i + 2].label == L_LOC) ||
            !ent_tok_is(text, &st->toks[x->b], ",") || st->toks[x->b].sent != st->toks[y->a].sent ||
            !(st->toks[y->a].lex & (LX_PLACE2 | LX_PLACE3)) || y->b - y->a > 3)
            continue;
        if (ent_push_name(st, x->a, y->b) < 0)
            return -1;
        x = &st->names[i];
        name *z = &st->names[st->nnames - 1];
        z->t = x->t;
        z->label = L_LOC;
        z->link = -2;   /* not a field value of its own */
    }
    return 0;
}

static int any_of(const char *text, const tok *t, const char *const *words)
{
    for (size_t i = 0; words[i]; i++)
        if (ent_tok_is(text, t, words[i]))
            return 1;
    return 0;
}

static int is_country(const ent_state *st, const char *text, const name *x)
{
    unsigned bits;
    return ent_gazetteer_match(st, text, x->a, x->b, &bits) == x->b - x->a && (bits & LX_PLACE3);
}

/* "Sweden defeated South Korea": in a match report a country is its team */
void ent_teams(ent_state *st, const char *text)
{
    static const char *const after[] = { "defeated", "beat", "beats", "drew", "thrashed",
        "edged", "eliminated", "scored", "equalised", "equalized", NULL };
    static const char *const before[] = { "vs", "v", "versus", "defeated", "beat", "beating",
        "defeating", "thrashed", "eliminated", NULL };
    /* in a sports report, looser cues: "England lost", "against Panama" */
    static const char *const sport[] = { "match", "matches", "goal", "goals", "tournament",
        "league", "cup", "championship", "coach", "striker", "midfielder", "goalkeeper",
        "penalty", "referee", "stadium", "halftime", "half-time", NULL };
    static const char *const after2[] = { "lost", "won", "faced", "played", "advanced", "qualified",
        "had", "started", "opened", "took", NULL };
    static const char *const before2[] = { "against", "face", "faced", "facing", "play", "played",
        "playing", "to", NULL };
    size_t cues = 0;
    for (size_t i = 0; i < st->ntoks && cues < 3; i++)
        cues += (st->toks[i].flags & GALLEY_TOK_LOWER) && any_of(text, &st->toks[i], sport);
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        if (x->label != L_LOC || !is_country(st, text, x))
            continue;
        const tok *next = x->b < st->ntoks ? &st->toks[x->b] : NULL;
        const tok *prev = x->t > 0 ? &st->toks[x->t - 1] : NULL;
        if ((next && any_of(text, next, after)) || (prev && any_of(text, prev, before)) ||
            (cues >= 3 && ((next && any_of(text, next, after2)) || (prev && any_of(text, prev, before2)))))
            x->label = L_ORG;
    }
    /* the same country elsewhere in the report is the same team */
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        if (x->label != L_LOC || !is_country(st, text, x))
            continue;
        for (size_t j = 0; j < st->nnames; j++)
            if (j != i && st->names[j].label == L_ORG && ent_same_name(st, text, x, &st->names[j])) {
                x->label = L_ORG;
                break;
            }
    }
}

/* "LibriVox", "YouTube": a capital inside a word is a brand's, unless it
 * follows Mc, Mac, O' or a hyphen (McDonald, MacArthur, O'Reilly) */
static int camel_case(const char *text, const tok *t)
{
    const char *w = text + t->s;
    size_t n = t->e - t->s;
    if (n < 4 || (t->flags & GALLEY_TOK_ALLCAPS) || !memcmp(w, "Mc", 2) || (n > 4 && !memcmp(w, "Mac", 3)))
        return 0;
    for (size_t i = 1; i + 1 < n; i++)
        if (w[i] >= 'A' && w[i] <= 'Z' && w[i - 1] >= 'a' && w[i - 1] <= 'z')
            return 1;
    return 0;
}

void ent_label_rest(ent_state *st, const char *text)
{
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        if (x->label != L_NONE)
            continue;
        const tok *t = &st->toks[x->a];
        if (x->b - x->a == 1 && (t->lex & (LX_ORGSUF | LX_ORGPRE)) && !t->uncertain &&
            x->t > 0 && ent_tok_is(text, &st->toks[x->t - 1], "the"))
            x->label = L_ORG;   /* "the Church", "the University" */
        else if (x->b - x->a == 1 && camel_case(text, t))
            x->label = L_ORG;   /* brands speak too: "YouTube said" */
        else if (person_context(st, text, x) || (t->lex & (LX_SURNAME | LX_GIVEN)))
            x->label = L_PER;
        else if (place_context(st, text, x))
            x->label = L_LOC;
        else if (!ent_common_word(st, text, t))
            x->label = L_MISC;
    }
}
