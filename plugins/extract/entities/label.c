/* plugins/extract/entities/label.c - what follows the tagger: names tidied
 * (titles, full stops), spread to their other mentions, linked within the
 * document, countries as teams, places joined; all in linear time. */
#include "entities.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
        if ((st->toks[x->a].lex & LX_TITLE) &&
            (x->b - x->a == 1 || (x->b - x->a == 2 && ent_tok_is(text, &st->toks[x->a + 1], ".")))) {
            x->label = L_NONE;      /* "Mr" alone is nobody */
            continue;
        }
        while (x->b - x->a > 1 && (st->toks[x->a].lex & LX_TITLE)) {
            x->a++;
            if (x->b - x->a > 1 && ent_tok_is(text, &st->toks[x->a], "."))
                x->a++;
        }
        /* "Syed Talat Hussain" at a sentence's start: an unknown
         * capitalised word just before a person's name is more of it */
        size_t lo = i > 0 ? st->names[i - 1].b : 0;
        while (x->a > lo) {
            const tok *p = &st->toks[x->a - 1];
            if (!ent_is_cap(p) || (p->flags & GALLEY_TOK_ALLCAPS) || (p->lex & LX_TITLE) ||
                ent_gap_breaks(text, p, &st->toks[x->a]) ||
                (!(p->lex & LX_GIVEN) && ((p->lex & (LX_PROPER | LX_TITLE | LX_PLACE | LX_ORG)) || (p->low & LX_LOWER))) ||
                p->stop)
                break;
            x->a--;
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

/* Adds the name of tokens [a, b) with its label; -1 when out of memory. */
static int push_labelled(ent_state *st, size_t a, size_t b, int label)
{
    if (ent_push_name(st, a, b) < 0)
        return -1;
    st->names[st->nnames - 1].label = label;
    return 0;
}

/* Names a pass appended after the first n0 go back into text order. */
static void resort_from(ent_state *st, size_t n0)
{
    if (st->nnames > n0)
        qsort(st->names, st->nnames, sizeof *st->names, by_position);
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
            t->stop)
            continue;
        name w = { i, i + 1, i, L_NONE, 0, 0, -1 };
        size_t n = ent_name_key(st, text, &w, 'N', buf, sizeof buf), j;
        if (!n || (j = galley_counter_find(st->pername, buf, n)) == (size_t)-1)
            continue;
        int label = (int)galley_counter_value(st->pername, j);
        size_t a = i;
        if (label == L_PER && i > 0 && (st->toks[i - 1].lex & LX_GIVEN) && ent_is_cap(&st->toks[i - 1]) &&
            !ent_gap_breaks(text, &st->toks[i - 1], t) && (next == 0 || st->names[next - 1].b < i) &&
            !st->toks[i - 1].stop)
            a = i - 1;
        if (push_labelled(st, a, i + 1, label) < 0)
            return -1;
    }
    resort_from(st, n0);
    return 0;
}

/* The same words name the same thing throughout a document: each name
 * takes the label the tagger gave most often to its words (ties: the first
 * mention's), counted with kinds '1'..'4' in st->pername. */
void ent_vote(ent_state *st, const char *text)
{
    char buf[256];
    for (size_t i = 0; i < st->nnames; i++) {
        const name *x = &st->names[i];
        if (x->label < L_PER || x->label > L_MISC)
            continue;
        size_t n = ent_name_key(st, text, x, (char)('0' + x->label), buf, sizeof buf);
        if (n)
            galley_counter_add(st->pername, buf, n, 1);
    }
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        if (x->label < L_PER || x->label > L_MISC)
            continue;
        size_t n = ent_name_key(st, text, x, '1', buf, sizeof buf);
        double best = 0;
        int label = x->label;
        for (int l = L_PER; n && l <= L_MISC; l++) {
            buf[0] = (char)('0' + l);
            size_t j = galley_counter_find(st->pername, buf, n);
            double c = j == (size_t)-1 ? 0 : galley_counter_value(st->pername, j);
            if (c > best || (c == best && l == x->label)) {
                best = c;
                label = l;
            }
        }
        x->label = label;
    }
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
    static const char *const after2[] = { "lost", "won", "faced", "played", "advanced", "qualified",
        "had", "started", "opened", "took", NULL };
    static const char *const before2[] = { "against", "face", "faced", "facing", "play", "played",
        "playing", "to", NULL };
    size_t cues = 0;
    for (size_t i = 0; i < st->ntoks && cues < 3; i++)
        cues += (st->toks[i].flags & GALLEY_TOK_LOWER) && (st->toks[i].low & LX_SPORT);   /* lexicon.c */
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        if (x->label != L_LOC || !is_country(st, text, x))
            continue;
        const tok *next = x->b < st->ntoks ? &st->toks[x->b] : NULL;
        const tok *prev = x->t > 0 ? &st->toks[x->t - 1] : NULL;
        if ((next && ent_tok_in(text, next, after)) || (prev && ent_tok_in(text, prev, before)) ||
            (cues >= 3 && ((next && ent_tok_in(text, next, after2)) || (prev && ent_tok_in(text, prev, before2)))))
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

/* "the Islamic Republic of Iran", "Fukushima Prefecture": the form of a
 * state before a place and an administrative unit after it belong to the
 * place's name (every set marks them so), where the tagger stopped at the
 * gazetteer's name; a name the words held before ("Islamic") goes. */
void ent_place_forms(ent_state *st, const char *text)
{
    static const char *const forms[] = { "Republic", "Kingdom", "State", "Emirate", "Sultanate", "Principality",
        "Commonwealth", "Federation", "Duchy", NULL };
    static const char *const units[] = { "Prefecture", "Province", "Region", "County", "District", "Oblast",
        "Governorate", "Municipality", "Territory", "Department", "Krai", "Canton", NULL };
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        if (x->label != L_LOC || x->t != x->a || x->a >= x->b)
            continue;
        int32_t sent = st->toks[x->a].sent;
        size_t j = x->a;
        if (j >= 3 && ent_tok_is(text, &st->toks[j - 1], "the"))
            j--;
        if (j >= 2 && ent_tok_is(text, &st->toks[j - 1], "of") && ent_is_cap(&st->toks[j - 2]) &&
            st->toks[j - 2].sent == sent && ent_tok_in(text, &st->toks[j - 2], forms)) {
            size_t a = j - 2, lo = 0;
            while (a > 0 && x->a - a < 6 && ent_is_cap(&st->toks[a - 1]) && !st->toks[a - 1].stop &&
                   st->toks[a - 1].sent == sent && !((st->toks[a - 1].lex | st->toks[a - 1].low) & LX_TITLE))
                a--;
            /* a name before inside the new span goes; one reaching out of it stops it */
            for (size_t k = i; k-- > 0 && st->names[k].b > a;) {
                if (st->names[k].t >= a && st->names[k].label != L_PER)
                    st->names[k].label = L_NONE;
                else
                    lo = st->names[k].b > lo ? st->names[k].b : lo;
            }
            x->a = x->t = a > lo ? a : lo;
        }
        size_t b = x->b;
        if (b < st->ntoks && st->toks[b].sent == sent && ent_is_cap(&st->toks[b]) && ent_tok_in(text, &st->toks[b], units) &&
            !st->toks[b - 1].poss && (i + 1 == st->nnames || st->names[i + 1].t > b ||
                                      (st->names[i + 1].t == b && st->names[i + 1].b == b + 1))) {
            if (i + 1 < st->nnames && st->names[i + 1].t == b)
                st->names[i + 1].label = L_NONE;
            x->b = b + 1;
        }
    }
}

/* "dos Santos", "Mohammed bin Salman", "al-Rahbi": the lower-case
 * particle of a person's name is part of it (the tagger, which starts
 * no name at a lower-case word, stops at it): a person's name takes the
 * particle before it, and joins the person's name before that. */
void ent_name_particles(ent_state *st, const char *text)
{
    static const char *const particles[] = { "bin", "bint", "binti", "ibn", "al", "el", "ud", "ad", "ul", "da",
        "das", "dos", "de", "del", "della", "di", "du", "van", "von", "der", "den", "ter", "le", NULL };
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        if (x->label != L_PER || x->t != x->a || x->a == 0)
            continue;
        size_t p = x->a - 1;
        const tok *t = &st->toks[p];
        if (p > 0 && ent_tok_is(text, t, "-") && t->s == st->toks[p - 1].e && t->e == st->toks[x->a].s)
            t = &st->toks[--p];     /* "al-Rahbi" */
        if (!(t->flags & GALLEY_TOK_LOWER) || t->sent != st->toks[x->a].sent || !ent_tok_in(text, t, particles))
            continue;
        name *y = i > 0 ? &st->names[i - 1] : NULL;
        if (y && y->b == p && y->label == L_PER) {   /* "Mohammed" bin "Salman" */
            y->b = x->b;
            x->label = L_NONE;
            x->a = x->b;
        } else if (!y || y->b <= p) {
            x->a = x->t = p;
        }
    }
}

/* "the Phoenicians", "Zoroastrians": a word of one name in -ians or -eans
 * that no list knows names a people (MISC), not a person or an
 * organisation (the tagger learned such plurals as ORG from the sets that
 * mark peoples and teams alike; PUD and Worldwide mark them MISC or not
 * at all). */
void ent_peoples(ent_state *st, const char *text)
{
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        const tok *t = &st->toks[x->a];
        size_t n = t->e - t->s;
        if ((x->label != L_PER && x->label != L_ORG) || x->b - x->a != 1 || x->t != x->a || x->link >= 0 ||
            n < 6 || t->gz || (t->lex & (LX_SURNAME | LX_GIVEN | LX_PLACE | LX_ORG)) ||
            (memcmp(text + t->e - 4, "ians", 4) != 0 && memcmp(text + t->e - 4, "eans", 4) != 0))
            continue;
        x->label = L_MISC;
    }
}

/* "Leive said", "said Mailis.": a capitalised word no list knows (not a
 * dictionary word, place, name or organisation) right before a verb of
 * saying, or right after one at the end of the clause, is a person where
 * the tagger found nothing (names once in a short text: PUD's sentences). */
int ent_speakers(ent_state *st, const char *text)
{
    static const char *const verbs[] = { "said", "says", "told", "added", "wrote", "explained", "noted", NULL };
    size_t n0 = st->nnames, next = 0;
    for (size_t i = 0; i < st->ntoks; i++) {
        while (next < n0 && st->names[next].b <= i)
            next++;
        const tok *t = &st->toks[i];
        if ((next < n0 && st->names[next].a <= i) || !ent_is_cap(t) || (t->flags & GALLEY_TOK_ALLCAPS) || t->lex ||
            t->low || t->stop || t->demonym || t->e - t->s < 3 || (i > 0 && ent_is_cap(&st->toks[i - 1]) && st->toks[i - 1].sent == t->sent))
            continue;
        const tok *nx = i + 1 < st->ntoks && st->toks[i + 1].sent == t->sent ? &st->toks[i + 1] : NULL;
        const tok *pv = i > 0 && st->toks[i - 1].sent == t->sent ? &st->toks[i - 1] : NULL;
        if (nx && ent_is_cap(nx))
            continue;
        if (!(nx && ent_tok_in(text, nx, verbs)) &&
            !(pv && ent_tok_in(text, pv, verbs) && (!nx || ent_tok_is(text, nx, ".") || ent_tok_is(text, nx, ","))))
            continue;
        if (push_labelled(st, i, i + 1, L_PER) < 0)
            return -1;
    }
    resort_from(st, n0);
    return 0;
}

/* The label of tokens [a, b) cut from a person's name: what the
 * gazetteers say; else after "of" one word in lower case after its
 * capital is a place ("of Calcutta", "of Igloolik"), longer names and
 * acronyms organisations ("of Fubon Financial"), and so is the owner
 * before a possessive ("FTU's", "Demosisto's"). */
static int cut_label(const ent_state *st, size_t a, size_t b, int of)
{
    unsigned k = st->toks[a].gz / 2;
    if (k)
        return k >= 2 ? L_LOC : L_ORG;
    return of && b - a == 1 && !(st->toks[a].flags & GALLEY_TOK_ALLCAPS) ? L_LOC : L_ORG;
}

/* "Nathan Law of Demosisto", "Margaret of Parma", "FTU's Kwok Wai-keung":
 * a person's name holds no "of" and no possessive; every set marks the
 * person and the place or organisation apart, and the tagger, which
 * learned "University of X", joins them. */
int ent_split_people(ent_state *st, const char *text)
{
    size_t n0 = st->nnames;
    for (size_t i = 0; i < n0; i++) {
        name *x = &st->names[i];
        if (x->label != L_PER || x->b - x->a < 3)
            continue;
        for (size_t k = x->a + 1; k + 1 < x->b; k++) {
            const tok *t = &st->toks[k];
            if (ent_tok_is(text, t, "of") && ent_is_cap(&st->toks[k + 1])) {
                size_t b = x->b;
                x->b = k;
                if (push_labelled(st, k + 1, b, cut_label(st, k + 1, b, 1)) < 0)
                    return -1;
                break;
            }
            if (st->toks[x->a].poss && k == x->a + 1) {
                size_t a = x->a;
                x->a = x->t = k;
                if (push_labelled(st, a, k, cut_label(st, a, k, 0)) < 0)
                    return -1;
                break;
            }
        }
    }
    resort_from(st, n0);
    return 0;
}

/* "Jie-won", "Chung-mau": a capitalised syllable, a hyphen and a syllable
 * in lower case, ASCII letters of 1-7 each, the second no English word of
 * four letters or more ("Kitty Hawk-class"): the given name of a Korean,
 * Hong Kong or Taiwanese person */
static int hyphen_given(const ent_state *st, const char *text, const tok *t)
{
    const char *w = text + t->s;
    size_t n = t->e - t->s, h = 0;
    if (t->cls != GALLEY_TOK_WORD || n < 4 || w[0] < 'A' || w[0] > 'Z')
        return 0;
    for (size_t k = 1; k < n; k++) {
        if (w[k] == '-' && !h && k <= 7)
            h = k;
        else if (w[k] < 'a' || w[k] > 'z')
            return 0;
    }
    size_t m = n - h - 1;
    return h && m >= 1 && m <= 7 && (m < 4 || !(ent_lex_get(st->lx->lex, w + h + 1, m) & LX_LOWER));
}

/* a family name before such a given name: one capitalised ASCII word of
 * 2-6 letters ("Park", "Lau", "Chung") */
static int family_name(const char *text, const tok *t)
{
    const char *w = text + t->s;
    size_t n = t->e - t->s;
    if (t->cls != GALLEY_TOK_WORD || n < 2 || n > 6 || w[0] < 'A' || w[0] > 'Z' || t->poss || t->stop)
        return 0;
    for (size_t k = 1; k < n; k++)
        if (w[k] < 'a' || w[k] > 'z')
            return 0;
    return 1;
}

/* "Park Jie-won", "Lo Chung-mau", "Andrew Leung Kwan-yuen": a family name
 * and a hyphenated given name are a person, whatever the tagger made of
 * them (it learned such names as places and organisations); where it took
 * more words for a place or an organisation, the words in front stay out
 * ("Secretary for Health Lo Chung-mau", "the National Assembly Kim
 * Jin-pyo"), but an English given name joins. */
int ent_hyphen_people(ent_state *st, const char *text)
{
    size_t n0 = st->nnames, j = 0;
    for (size_t g = 1; g < st->ntoks; g++) {
        const tok *t = &st->toks[g];
        if (!hyphen_given(st, text, t) || !family_name(text, &st->toks[g - 1]) ||
            ent_gap_breaks(text, &st->toks[g - 1], t) || (t->low & LX_LOWER))
            continue;
        size_t s = g - 1;
        if (s > 0 && (st->toks[s - 1].lex & LX_GIVEN) && ent_is_cap(&st->toks[s - 1]) &&
            !ent_gap_breaks(text, &st->toks[s - 1], &st->toks[s]))
            s--;
        while (j < n0 && st->names[j].b <= s)
            j++;
        if (j < n0 && st->names[j].a <= g) {  /* a name holds some of it */
            name *x = &st->names[j];
            if (x->b == g && x->a <= s && x->label == L_PER && (j + 1 == n0 || st->names[j + 1].a > g))
                x->b = g + 1;   /* "Choi" Jung-ok */
            if (x->b != g + 1 || x->a > s || x->label == L_PER)
                continue;   /* a person's longer name: "Carrie Lam Cheng Yuet-ngor" */
            if (x->a + 1 < s && x->t == x->a) { /* a body's name before: its own */
                if (push_labelled(st, x->a, s, x->label) < 0)
                    return -1;
                x = &st->names[j];
            }
            x->a = x->t = s;
            x->label = L_PER;
        } else if (push_labelled(st, s, g + 1, L_PER) < 0) {
            return -1;
        }
    }
    resort_from(st, n0);
    return 0;
}

/* "the Caucasus is", "the Danevirke and", "the Séléka, ...": a name after an
 * article or a possessive is no person's, unless it is the short form of
 * a person the document names in full (after "Isaias Afewerki", "the
 * Afewerki era"), starts with a given name ("a James Bond film") or
 * qualifies a noun ("the Monti government"). */
void ent_determined(ent_state *st, const char *text)
{
    static const char *const det[] = { "the", "The", "a", "A", "an", "An", "his", "His", "her", "Her",
        "their", "Their", "its", "Its", "our", "Our", "my", "My", "your", "Your", "own", "this", "This",
        "these", "These", "those", "Those", NULL };
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        if (x->label != L_PER || x->t != x->a || x->a == 0 || x->link >= 0 || x->a >= x->b ||
            (x->b - x->a > 1 && ((st->toks[x->a].lex & LX_GIVEN) || st->toks[x->a].e - st->toks[x->a].s == 1 ||
                                  text[st->toks[x->a].s + 1] == '.')))
            continue;   /* "a James Bond film", "the O.J. Simpson" */
        const tok *p = &st->toks[x->a - 1], *n = x->b < st->ntoks ? &st->toks[x->b] : NULL;
        /* "the Monti government", "the Marilyn pictures": a person's name
         * qualifying the noun after it */
        if (n && n->sent == p->sent && (n->flags & GALLEY_TOK_LOWER) && n->cls == GALLEY_TOK_WORD && !n->stop)
            continue;
        if (p->sent == st->toks[x->a].sent && ent_tok_in(text, p, det))
            x->label = L_NONE;
    }
}

/* "Cyclone Phailin", "Hurricane Katrina": a storm is named as a person is,
 * but it is none (MISC), nor is the same name elsewhere in the document
 * ("the size and strength of Phailin"). */
void ent_storms(ent_state *st, const char *text)
{
    static const char *const kinds[] = { "Cyclone", "Hurricane", "Typhoon", "Storm", NULL };
    char buf[256];
    size_t storms = 0;
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        if (x->label != L_PER || x->a >= x->b)
            continue;
        if (x->b - x->a > 1 && ent_tok_in(text, &st->toks[x->a], kinds))
            x->t = ++x->a;      /* "Cyclone Phailin" as one name */
        else if (x->a == 0 || !ent_tok_in(text, &st->toks[x->a - 1], kinds) ||
                 st->toks[x->a - 1].sent != st->toks[x->a].sent)
            continue;
        x->label = L_MISC;
        name last = { x->b - 1, x->b, x->b - 1, L_MISC, 0, 0, -1 };
        key_once(st->pername, buf, ent_name_key(st, text, &last, 'S', buf, sizeof buf), i);
        storms++;
    }
    for (size_t i = 0; storms && i < st->nnames; i++) {
        name *x = &st->names[i];
        if (x->label != L_PER || x->a >= x->b)
            continue;
        name last = { x->b - 1, x->b, x->b - 1, L_MISC, 0, 0, -1 };
        size_t n = ent_name_key(st, text, &last, 'S', buf, sizeof buf);
        if (n && galley_counter_find(st->pername, buf, n) != (size_t)-1)
            x->label = L_MISC;
    }
}

/* "Warhol Polaroids", "the Sherpas", "SACCOs": a name ending in a plural
 * whose singular the document also writes ("a Polaroid", "Sherpa") names
 * things or a people, not a person. */
void ent_plurals(ent_state *st, const char *text)
{
    char buf[128];
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        if (x->label != L_PER || x->a >= x->b)
            continue;
        const tok *w = &st->toks[x->b - 1];
        size_t n = w->e - w->s;
        if (n < 4 || text[w->e - 1] != 's' || text[w->e - 2] == 's' || w->poss)
            continue;
        size_t m = ent_fold(text + w->s, n - 1, buf, sizeof buf);
        if (m < sizeof buf && ent_seen(st, galley_hash32(buf, m)))
            x->label = L_NONE;
    }
}

/* a word that heads an institution's name: "Centre", "Commission", "Fund" */
static int institution(const char *text, const tok *t)
{
    static const char *const more[] = { "Centre", "Center", "Centres", "Centers", "Commissioner", "Forum", NULL };
    return (t->lex & (LX_ORGSUF | LX_ORGPRE | LX_ORGANY)) || ent_tok_in(text, t, more);
}

/* "the Centre for Strategic and International Studies", "UN High
 * Commissioner for Refugees", "International Union for the Conservation
 * of Nature": an institution's name goes on after "for", through its
 * capitalised words and the "and", "of", "the" between them; the tagger
 * cut it at "for" (names inside go). */
void ent_org_for(ent_state *st, const char *text)
{
    static const char *const links[] = { "and", "of", "the", "for", "on", "&", NULL };
    static const char *const det[] = { "the", "a", NULL };
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        if ((x->label != L_ORG && x->label != L_LOC) || x->a >= x->b || x->b + 1 >= st->ntoks)
            continue;
        int head = 0;
        for (size_t k = x->a; k < x->b; k++)
            head |= institution(text, &st->toks[k]);
        int32_t sent = st->toks[x->a].sent;
        size_t e = x->b;
        if (!head || !ent_tok_is(text, &st->toks[e], "for"))
            continue;
        e++;
        if (e < st->ntoks && ent_tok_in(text, &st->toks[e], det))
            e++;
        if (e >= st->ntoks || !ent_is_cap(&st->toks[e]) || st->toks[e].sent != sent)
            continue;
        /* the capitalised words, and a link followed by one; a person's
         * name, a title or a word that names nothing (a day) ends it
         * ("... for US President Biden", "... on Tuesday") */
        size_t j = i + 1;
        for (;;) {
            while (e < st->ntoks && ent_is_cap(&st->toks[e]) && st->toks[e].sent == sent &&
                   !(st->toks[e].lex & (LX_TITLE | LX_NOTNAME))) {
                while (j < st->nnames && st->names[j].b <= e)
                    j++;
                if (j < st->nnames && st->names[j].t <= e && st->names[j].label == L_PER)
                    break;
                e++;
            }
            size_t k = e;
            while (k < st->ntoks && k < e + 2 && ent_tok_in(text, &st->toks[k], links))
                k++;
            if (k == e || k >= st->ntoks || !ent_is_cap(&st->toks[k]) || st->toks[k].sent != sent)
                break;
            e = k;
        }
        while (e > x->b && !ent_is_cap(&st->toks[e - 1]))
            e--;    /* no link at the end */
        j = i + 1;
        while (j < st->nnames && st->names[j].b <= e)
            j++;
        if (e <= x->b + 1 || (j < st->nnames && st->names[j].t < e))
            continue;   /* nothing after "for", or a name reaching out of the span */
        for (size_t k = i + 1; k < j; k++)
            st->names[k].label = L_NONE;
        x->b = e;
        x->label = L_ORG;
    }
}
