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

size_t ent_name_key(const ent_state *st, const char *text, const name *nm, char kind, char *buf, size_t cap)
{
    size_t n = 0;
    buf[n++] = kind;
    for (size_t i = nm->a; i < nm->b; i++) {
        const tok *t = &st->toks[i];
        if (n + (t->e - t->s) + 1 >= cap)
            return 0;
        if (i > nm->a)
            buf[n++] = ' ';
        memcpy(buf + n, text + t->s, t->e - t->s);
        n += t->e - t->s;
    }
    return n;
}

static void key_once(galley_counter *c, const char *k, size_t n, size_t value)
{
    if (n && galley_counter_find(c, k, n) == (size_t)-1)
        galley_counter_add(c, k, n, (double)value);
}

static int jr(const char *text, const tok *t)
{
    return ent_tok_is(text, t, "Jr") || ent_tok_is(text, t, "Sr");
}

/* "John Nicholson Jr.", "Joseph F.": a person's name takes the full stop of
 * an initial or of Jr. and Sr., and a Jr. or Sr. after it; a title before
 * it is not part of it ("Mr Kenyatta" is "Kenyatta") */
void ent_name_periods(ent_state *st, const char *text)
{
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        /* "Oslo." "ISLAMABAD,": a sign ends no name, but "Inc." and "F." keep their stop */
        while (x->b - x->a > 1 && st->toks[x->b - 1].cls == GALLEY_TOK_PUNCT &&
               !(ent_name_period(text, &st->toks[x->b - 2], &st->toks[x->b - 1]) ||
                 (ent_tok_is(text, &st->toks[x->b - 1], ".") && (st->toks[x->b - 2].lex & LX_ORGSUF) &&
                  st->toks[x->b - 2].e == st->toks[x->b - 1].s)))
            x->b--;
        if (x->label != L_PER)
            continue;
        while (x->b - x->a > 1 && (st->toks[x->a].lex & LX_TITLE)) {
            x->a++;
            if (x->b - x->a > 1 && ent_tok_is(text, &st->toks[x->a], "."))
                x->a++;
        }
        x->t = x->a;
        size_t lim = i + 1 < st->nnames ? st->names[i + 1].a : st->ntoks;
        while (x->b < lim && st->toks[x->b].sent == st->toks[x->b - 1].sent &&
               (ent_name_period(text, &st->toks[x->b - 1], &st->toks[x->b]) ||
                (jr(text, &st->toks[x->b]) && !ent_gap_breaks(text, &st->toks[x->b - 1], &st->toks[x->b]))))
            x->b++;
    }
}

static int by_position(const void *a, const void *b)
{
    const name *x = a, *y = b;
    return x->a < y->a ? -1 : x->a > y->a;
}

/* A word the tagger took for a name in one place is that name wherever the
 * document writes it capitalised and the tagger said nothing ("Rex
 * Tillerson" missed where "Tillerson's" was found); a given name just
 * before a person's surname joins it. */
int ent_propagate(ent_state *st, const char *text)
{
    char buf[256];
    size_t n0 = st->nnames, next = 0;
    for (size_t i = 0; i < n0; i++)
        if (st->names[i].b - st->names[i].a == 1 && st->names[i].label != L_MISC)
            key_once(st->pername, buf, ent_name_key(st, text, &st->names[i], 'N', buf, sizeof buf),
                     (size_t)st->names[i].label);
    for (size_t i = 0; i < st->ntoks; i++) {
        while (next < n0 && st->names[next].b <= i)
            next++;
        const tok *t = &st->toks[i];
        if ((next < n0 && st->names[next].a <= i) || !ent_is_cap(t) || (t->flags & GALLEY_TOK_ALLCAPS) ||
            galley_is_stopword(text + t->s, t->e - t->s))
            continue;
        name w = { i, i + 1, i, L_NONE, 0, 0, -1 };
        size_t n = ent_name_key(st, text, &w, 'N', buf, sizeof buf), j;
        if (!n || (j = galley_counter_find(st->pername, buf, n)) == (size_t)-1)
            continue;
        int label = (int)galley_counter_value(st->pername, j);
        size_t a = i;
        if (label == L_PER && i > 0 && (st->toks[i - 1].lex & LX_GIVEN) && ent_is_cap(&st->toks[i - 1]) &&
            !ent_gap_breaks(text, &st->toks[i - 1], t) && (next == 0 || st->names[next - 1].b < i) &&
            !galley_is_stopword(text + st->toks[i - 1].s, st->toks[i - 1].e - st->toks[i - 1].s))
            a = i - 1;
        if (ent_push_name(st, a, i + 1) < 0)
            return -1;
        st->names[st->nnames - 1].label = label;
    }
    if (st->nnames > n0)
        qsort(st->names, st->nnames, sizeof *st->names, by_position);
    return 0;
}

/* Links a short name to a longer one of the document ("Mattis" to "Jim
 * Mattis", "Isabel" to "Isabel Allende"): one pass over the names with the
 * full names' first and last words in st->pername, so the work grows with
 * the document's length, not with its square. */
void ent_link_names(ent_state *st, const char *text)
{
    char buf[256];
    galley_counter_clear(st->pername);
    for (size_t i = 0; i < st->nnames; i++) {
        const name *y = &st->names[i];
        if (y->label != L_PER || y->b - y->a < 2)
            continue;
        size_t last = y->b - 1;
        while (last > y->a && (ent_tok_is(text, &st->toks[last], ".") || jr(text, &st->toks[last])))
            last--;
        name w = { last, last + 1, last, L_PER, 0, 0, -1 };
        key_once(st->pername, buf, ent_name_key(st, text, &w, 'L', buf, sizeof buf), i);
        w.a = y->a, w.b = y->a + 1;
        if (st->toks[y->a].lex & LX_GIVEN)
            key_once(st->pername, buf, ent_name_key(st, text, &w, 'G', buf, sizeof buf), i);
    }
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        if (x->b - x->a != 1 || x->label == L_MISC)
            continue;
        const tok *t = &st->toks[x->a];
        size_t n = ent_name_key(st, text, x, 'L', buf, sizeof buf), j = (size_t)-1;
        int surname = 1;
        if (n)
            j = galley_counter_find(st->pername, buf, n);
        if (j == (size_t)-1 && n && (t->lex & LX_GIVEN)) {
            buf[0] = 'G';
            j = galley_counter_find(st->pername, buf, n);
            surname = 0;
        }
        /* a country never becomes a person, a city only by the surname
         * ("Jackson" after "Michael Jackson"), a known organisation never */
        if (j == (size_t)-1 || (x->label == L_LOC && ((t->lex & LX_PLACE3) || ((t->lex & LX_PLACE2) && !surname))) ||
            (x->label == L_ORG && t->gz / 2 == 1))
            continue;
        x->label = L_PER;
        x->link = (long)galley_counter_value(st->pername, j);
    }
    for (size_t i = 0; i < st->nnames; i++)
        if (st->names[i].label == L_PER)
            key_once(st->pername, buf, ent_name_key(st, text, &st->names[i], 'P', buf, sizeof buf),
                     st->names[i].link >= 0 ? (size_t)st->names[i].link : i);
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
    char buf[256];
    for (size_t i = 0; i < st->nnames; i++)
        if (st->names[i].label == L_ORG)
            key_once(st->pername, buf, ent_name_key(st, text, &st->names[i], 'T', buf, sizeof buf), i);
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        size_t n;
        if (x->label == L_LOC && is_country(st, text, x) && (n = ent_name_key(st, text, x, 'T', buf, sizeof buf)) &&
            galley_counter_find(st->pername, buf, n) != (size_t)-1)
            x->label = L_ORG;
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
