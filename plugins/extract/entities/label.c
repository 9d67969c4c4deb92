/* plugins/extract/entities/label.c - what follows the tagger: names tidied
 * (titles, full stops), spread to their other mentions, linked within the
 * document, countries as teams, places joined, institutions' names
 * completed; all in linear time (people.c: the kind of a name). */
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

void ent_key_once(galley_counter *c, const char *k, size_t n, size_t value)
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
                  st->toks[x->b - 2].e - st->toks[x->b - 2].s <= 4 &&   /* "Corp.", not "Corporation." */
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
        /* "Martin Luther King, Jr." */
        if (x->b + 1 < lim && ent_tok_is(text, &st->toks[x->b], ",") && jr(text, &st->toks[x->b + 1]) &&
            st->toks[x->b + 1].sent == st->toks[x->b - 1].sent) {
            x->b += 2;
            if (x->b < lim && ent_name_period(text, &st->toks[x->b - 1], &st->toks[x->b]))
                x->b++;
        }
    }
}

static int by_position(const void *a, const void *b)
{
    const name *x = a, *y = b;
    return x->a < y->a ? -1 : x->a > y->a;
}

/* Adds the name of tokens [a, b) with its label; -1 when out of memory. */
int ent_push_labelled(ent_state *st, size_t a, size_t b, int label)
{
    if (ent_push_name(st, a, b) < 0)
        return -1;
    st->names[st->nnames - 1].label = label;
    return 0;
}

/* Names a pass appended after the first n0 go back into text order. */
void ent_resort_from(ent_state *st, size_t n0)
{
    if (st->nnames > n0)
        qsort(st->names, st->nnames, sizeof *st->names, by_position);
}

/* The name among the first n0 (sorted) that token i lies in, or NULL, for a
 * walk over the tokens in order: *next keeps the place between calls. */
static name *name_at(ent_state *st, size_t i, size_t n0, size_t *next)
{
    while (*next < n0 && st->names[*next].b <= i)
        (*next)++;
    return *next < n0 && st->names[*next].a <= i ? &st->names[*next] : NULL;
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
            ent_key_once(st->pername, buf, ent_name_key(st, text, &st->names[i], 'N', buf, sizeof buf),
                     (size_t)st->names[i].label);
    for (size_t i = 0; i < st->ntoks; i++) {
        const tok *t = &st->toks[i];
        if (name_at(st, i, n0, &next) || !ent_is_cap(t) || (t->flags & GALLEY_TOK_ALLCAPS) ||
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
        if (ent_push_labelled(st, a, i + 1, label) < 0)
            return -1;
    }
    ent_resort_from(st, n0);
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
        while (last > y->a && (ent_tok_is(text, &st->toks[last], ".") || ent_tok_is(text, &st->toks[last], ",") ||
                               jr(text, &st->toks[last])))
            last--;
        name w = { last, last + 1, last, L_PER, 0, 0, -1 };
        ent_key_once(st->pername, buf, ent_name_key(st, text, &w, 'L', buf, sizeof buf), i);
        w.a = y->a, w.b = y->a + 1;
        if (st->toks[y->a].lex & LX_GIVEN)
            ent_key_once(st->pername, buf, ent_name_key(st, text, &w, 'G', buf, sizeof buf), i);
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
            ent_key_once(st->pername, buf, ent_name_key(st, text, &st->names[i], 'P', buf, sizeof buf),
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

/* words of sports reports in lower case in the document (lexicon.c's
 * LX_SPORT), counted up to 3: 3 is a match report */
size_t ent_sport_cues(const ent_state *st)
{
    size_t cues = 0;
    for (size_t i = 0; i < st->ntoks && cues < 3; i++)
        cues += (st->toks[i].flags & GALLEY_TOK_LOWER) && (st->toks[i].low & LX_SPORT);
    return cues;
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
    size_t cues = ent_sport_cues(st);
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
    /* the same country elsewhere in the report is the same team, but
     * not after "in", "to", "from" ("Godoy returned to Chile") */
    char buf[256];
    for (size_t i = 0; i < st->nnames; i++)
        if (st->names[i].label == L_ORG)
            ent_key_once(st->pername, buf, ent_name_key(st, text, &st->names[i], 'T', buf, sizeof buf), i);
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        size_t n;
        const tok *prev = x->t > 0 ? &st->toks[x->t - 1] : NULL;
        if (x->label == L_LOC && is_country(st, text, x) && !(prev && ((prev->lex | prev->low) & LX_LOCBEFORE)) &&
            (n = ent_name_key(st, text, x, 'T', buf, sizeof buf)) && galley_counter_find(st->pername, buf, n) != (size_t)-1)
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
        const tok *t = &st->toks[i];
        if (name_at(st, i, n0, &next) || !ent_is_cap(t) || (t->flags & GALLEY_TOK_ALLCAPS) || t->lex ||
            t->low || t->stop || t->demonym || t->e - t->s < 3 || (i > 0 && ent_is_cap(&st->toks[i - 1]) && st->toks[i - 1].sent == t->sent))
            continue;
        const tok *nx = i + 1 < st->ntoks && st->toks[i + 1].sent == t->sent ? &st->toks[i + 1] : NULL;
        const tok *pv = i > 0 && st->toks[i - 1].sent == t->sent ? &st->toks[i - 1] : NULL;
        if (nx && ent_is_cap(nx))
            continue;
        if (!(nx && ent_tok_in(text, nx, verbs)) &&
            !(pv && ent_tok_in(text, pv, verbs) && (!nx || ent_tok_is(text, nx, ".") || ent_tok_is(text, nx, ","))))
            continue;
        if (ent_push_labelled(st, i, i + 1, L_PER) < 0)
            return -1;
    }
    ent_resort_from(st, n0);
    return 0;
}

/* "Lamarr accompanied Mandl", "Wright was born in Poole": a sentence's
 * first word, capitalised, that no place, organisation or title list
 * knows, alone before a past verb of a life's story or any verb in -ed
 * ("Chamberlain placed"), is a person where the tagger found nothing (a biography names its subject by the surname;
 * not "is", "has": "Stardust is a NASA capsule", "Discovery has retired");
 * a common word ("Iron was") only if the document never writes it in
 * lower case and names it twice or more. */
int ent_subjects(ent_state *st, const char *text)
{
    static const char *const verbs[] = { "was", "became", "began", "starred", "married", "died", "joined",
        "received", "returned", "moved", "served", "attended", "graduated", "accompanied", "espoused", "took",
        "won", "wrote", NULL };
    size_t n0 = st->nnames, next = 0;
    for (size_t i = 0; i + 1 < st->ntoks; i++) {
        const tok *t = &st->toks[i], *nx = &st->toks[i + 1];
        if (name_at(st, i, n0, &next) || !t->uncertain || t->headline || !ent_is_cap(t) ||
            (t->flags & GALLEY_TOK_ALLCAPS) || t->stop || t->demonym || t->e - t->s < 3 ||
            (t->lex & (LX_PLACE | LX_ORG | LX_TITLE | LX_NOTNAME | LX_ORGSUF | LX_LOCSUF)) || t->gz ||
            ((t->lex | t->low) & LX_TITLELOW) || nx->sent != t->sent)
            continue;
        if (!ent_tok_in(text, nx, verbs) &&
            !((nx->flags & GALLEY_TOK_LOWER) && nx->e - nx->s > 4 && !memcmp(text + nx->e - 2, "ed", 2)))
            continue;
        if (t->low & LX_LOWER) {
            if (ent_seen(st, t->wh) & SEEN_LOWER)
                continue;
            size_t n = 0;
            for (size_t k = 0; k < st->ntoks && n < 2; k++)
                n += st->toks[k].wh == t->wh;
            if (n < 2)
                continue;
        }
        if (ent_push_labelled(st, i, i + 1, L_PER) < 0)
            return -1;
    }
    ent_resort_from(st, n0);
    return 0;
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

/* Whether token t is written as an acronym: 2-10 ASCII letters, the
 * capitals among them (at least two) the letters it stands for; into
 * caps (NUL-terminated), upper case. */
static int acronym_letters(const char *text, const tok *t, char *caps)
{
    size_t n = t->e - t->s, k = 0;
    if (n < 2 || n > 10 || t->cls != GALLEY_TOK_WORD)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = text[t->s + i];
        if (c >= 'A' && c <= 'Z')
            caps[k++] = c;
        else if (c < 'a' || c > 'z')
            return 0;
    }
    caps[k] = '\0';
    return k >= 2 && text[t->s] >= 'A' && text[t->s] <= 'Z';
}

/* Where the name that acronym caps stands for starts, the words before
 * token p ("(") matched from the last: each capitalised word gives its
 * initial, or the capitals of a word with several ("Non-Academic", "AfDB");
 * "of", "and", "the" and the like between them give none.  SIZE_MAX when
 * the words do not spell it. */
static size_t acronym_start(const ent_state *st, const char *text, size_t p, const char *caps)
{
    static const char *const links[] = { "of", "and", "for", "the", "on", "in", "with", "de", "la", "del",
        "des", "du", "di", "da", "&", "to", NULL };
    size_t k = strlen(caps), i = p, start = SIZE_MAX;
    int32_t sent = st->toks[p].sent;
    while (k > 0 && i > 0) {
        const tok *t = &st->toks[--i];
        if (t->sent != sent)
            return SIZE_MAX;
        if (ent_tok_in(text, t, links) && start != SIZE_MAX)
            continue;
        if (!ent_is_cap(t) || t->poss)
            return SIZE_MAX;
        /* the word's capitals, from the last, or its initial alone */
        char own[16];
        size_t m = 0;
        for (size_t q = t->s; q < t->e && m < sizeof own; q++)
            if (text[q] >= 'A' && text[q] <= 'Z')
                own[m++] = text[q];
        if (m >= 2 && m <= k && !memcmp(own, caps + k - m, m))
            k -= m;
        else if (text[t->s] == caps[k - 1] || (text[t->s] >= 'a' && text[t->s] - ('a' - 'A') == caps[k - 1]))
            k--;
        else
            return SIZE_MAX;
        start = i;
    }
    return k == 0 ? start : SIZE_MAX;
}

/* "the Intergovernmental Panel on Climate Change (IPCC)", "Food and
 * Agricultural Organisation (FAO)": an acronym in brackets after words
 * whose initials spell it names them all: the first name the tagger found
 * in them (which cut them at "on", "and", "of") takes the whole span, the
 * names after it go, and the acronym is of the same kind: an organisation
 * where a name in it is one, else the first name's kind.  Words the tagger found no name in stay
 * so ("Ground Controlled Approach (GCA)" is no organisation); -1 out of
 * memory. */
int ent_acronyms(ent_state *st, const char *text)
{
    char caps[16];
    size_t n0 = st->nnames, j = 0;
    for (size_t p = 1; p + 2 < st->ntoks; p++) {
        if (!ent_tok_is(text, &st->toks[p], "(") || !ent_tok_is(text, &st->toks[p + 2], ")") ||
            !acronym_letters(text, &st->toks[p + 1], caps))
            continue;
        size_t s = acronym_start(st, text, p, caps);
        if (s == SIZE_MAX)
            continue;
        while (j < n0 && st->names[j].b <= s)
            j++;
        if (j < n0 && st->names[j].t < s && st->names[j].b > s)
            continue;   /* a name reaching in from before */
        size_t k = j;
        while (k < n0 && st->names[k].t < p)
            k++;
        if (k > j && st->names[k - 1].b > p)
            continue;
        if (j == k)
            continue;
        /* an organisation if a name in it is one, else the first name's kind */
        int label = st->names[j].label == L_PER || st->names[j].label == L_NONE ? L_ORG : st->names[j].label;
        for (size_t q = j; q < k; q++)
            label = st->names[q].label == L_ORG ? L_ORG : label;

        name *x = &st->names[j];    /* the first name inside takes the whole span */
        x->a = x->t = s;
        x->b = p;
        x->label = label;
        x->link = -1;
        for (size_t q = j + 1; q < k; q++)
            st->names[q].label = L_NONE;
        /* and the acronym is of its kind */
        if (k < n0 && st->names[k].a == p + 1 && st->names[k].b == p + 2)
            st->names[k].label = label;
        else if ((k == n0 || st->names[k].t > p + 1) && ent_push_labelled(st, p + 1, p + 2, label) < 0)
            return -1;
    }
    ent_resort_from(st, n0);
    return 0;
}

/* a word that is a bank's name: "Bundesbank", "Afreximbank", "BankDhofar" */
static int bank_word(const char *text, const tok *t)
{
    const char *w = text + t->s;
    size_t n = t->e - t->s;
    return n >= 7 && ((!memcmp(w + n - 4, "bank", 4) && w[0] >= 'A' && w[0] <= 'Z') ||
                      (!memcmp(w, "Bank", 4) && w[4] >= 'A' && w[4] <= 'Z'));
}

/* The token right after name i where it could carry the name on: in the
 * same sentence, no possessive or break before it, and no name starting
 * there.  NULL otherwise. */
static const tok *tok_after(const ent_state *st, const char *text, size_t i)
{
    size_t b = st->names[i].b;
    if (b == 0 || b >= st->ntoks)
        return NULL;
    const tok *last = &st->toks[b - 1], *t = &st->toks[b];
    if (t->sent != last->sent || last->poss || ent_gap_breaks(text, last, t) ||
        (i + 1 < st->nnames && st->names[i + 1].t <= b))
        return NULL;
    return t;
}

/* whether the word after name i ends an organisation's name and is no
 * name of its own: "BBC World" Service */
static int org_suffix_after(const ent_state *st, const char *text, size_t i)
{
    const tok *t = tok_after(st, text, i);
    return t && (t->lex & LX_ORGSUF) && ent_is_cap(t);
}

/* "on Wikipedia", "in Parliament": a name the tagger took for a place that
 * organizations.txt knows as a whole, and no place list, is the
 * organisation; so is one word of a bank's name, place or person, and a
 * known organisation's name followed by a place ("Sony Australia"); an
 * organisation's name takes the suffixes after it ("BBC World Service"),
 * and a place right before an organisation's name that ends in a suffix
 * ("New York" City Health and Hospitals Corporation). */
void ent_known_orgs(ent_state *st, const char *text)
{
    for (size_t i = 0; i + 1 < st->nnames; i++) {
        name *x = &st->names[i], *y = &st->names[i + 1];
        if (x->label != L_LOC || y->label != L_ORG || y->t != x->b || x->a >= x->b || y->a >= y->b ||
            st->toks[x->a].sent != st->toks[y->a].sent || st->toks[x->b - 1].poss ||
            ent_gap_breaks(text, &st->toks[x->b - 1], &st->toks[y->a]) || !(st->toks[y->b - 1].lex & LX_ORGSUF))
            continue;
        y->a = y->t = x->t;
        x->label = L_NONE;
        x->a = x->b;
    }
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        unsigned bits;
        if ((x->label == L_LOC || x->label == L_PER) && x->b - x->a == 1 && bank_word(text, &st->toks[x->a]))
            x->label = L_ORG;
        else if (x->label == L_LOC && x->a < x->b && ent_gazetteer_match(st, text, x->a, x->b, &bits) == x->b - x->a &&
                 (bits & LX_ORG) && !(bits & LX_PLACE))
            x->label = L_ORG;
        else if (x->label == L_ORG || (x->label == L_LOC && org_suffix_after(st, text, i)))
            for (x->label = L_ORG; org_suffix_after(st, text, i);)
                x->b++;
        else if (x->label == L_LOC && x->b - x->a >= 2) {
            /* "Sony Australia", "BBC Scotland": an organisation's branch */
            size_t k = ent_gazetteer_match(st, text, x->a, x->b - 1, &bits);
            unsigned rest;
            if (k && (bits & LX_ORG) && !(bits & LX_PLACE) &&
                ent_gazetteer_match(st, text, x->a + k, x->b, &rest) == x->b - x->a - k && (rest & LX_PLACE))
                x->label = L_ORG;
        }
    }
}

/* "Caribbean Sea", "Istanbul Canal", "Odessa Oblast": a name of two words
 * or more that ends in a word for a feature of the land or the sea, or an
 * administrative unit, is a place, whatever the tagger said (it took a
 * run of capitals it had not seen for an organisation or a person).  Only
 * words that head no organisation's name: not "Channel", "Forest",
 * "County", "Park" (clubs, TV channels). */
void ent_geo_places(ent_state *st, const char *text)
{
    static const char *const heads[] = { "Sea", "Ocean", "River", "Lake", "Gulf", "Bay", "Strait", "Straits",
        "Island", "Islands", "Isles", "Peninsula", "Mountains", "Hills", "Valley", "Desert", "Canyon", "Harbor",
        "Harbour", "Canal", "Fault", "Rift", "Glacier", "Plateau", "Oblast", "Prefecture", "Governorate", NULL };
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        if ((x->label != L_ORG && x->label != L_PER) || x->b - x->a < 2 ||
            !ent_tok_in(text, &st->toks[x->b - 1], heads))
            continue;
        x->label = L_LOC;
        x->link = -1;
    }
}

/* "the Paris Agreement", "the Suez Crisis", "the Kyoto Protocol": a name
 * that ends in a word for a treaty or an upheaval, or stops just before
 * one, or starts with one (or with "Battle", "Siege"...) and "of"
 * ("Carnival of Venice", "Battle of Hastings"), names that event (MISC), not an organisation, nor the place its
 * first word is (the tagger makes "Paris" a place and "Kyoto Protocol"
 * an organisation).  Not org-cues.txt's "event" list, which is also a
 * feature the weights were trained with. */
void ent_events(ent_state *st, const char *text)
{
    static const char *const ends[] = { "Agreement", "Accord", "Accords", "Treaty", "Crisis", "Revolution",
        "Carnival", "Universiade", "Uprising", "Rebellion", "Massacre", "Protocol", NULL };
    static const char *const battles[] = { "Battle", "Siege", "Sack", "Fall", "Peace", NULL };
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        if (x->label < L_PER || x->label > L_LOC || x->a >= x->b)
            continue;
        const tok *after = tok_after(st, text, i);
        if (after && ent_tok_in(text, after, ends))
            x->b++;
        else if (x->b - x->a < 2 || (!ent_tok_in(text, &st->toks[x->b - 1], ends) &&
                                     !(x->b - x->a > 2 && ent_tok_is(text, &st->toks[x->a + 1], "of") &&
                                       (ent_tok_in(text, &st->toks[x->a], ends) || ent_tok_in(text, &st->toks[x->a], battles)))))
            continue;
        x->label = L_MISC;
        x->link = -1;
    }
}

/* "throughout the Mediterranean", "to cross the Antarctic": the adjective
 * of a sea or a polar region after "the", with no noun after it, is the
 * sea or the region (the tagger, which learned "Mediterranean climate",
 * finds nothing there); -1 out of memory */
int ent_sea_nouns(ent_state *st, const char *text)
{
    static const char *const seas[] = { "Mediterranean", "Caribbean", "Atlantic", "Pacific", "Arctic",
        "Antarctic", "Adriatic", "Aegean", "Baltic", NULL };
    size_t n0 = st->nnames, next = 0;
    for (size_t i = 1; i < st->ntoks; i++) {
        const tok *t = &st->toks[i], *nx = i + 1 < st->ntoks ? &st->toks[i + 1] : NULL;
        if (!ent_is_cap(t) || !ent_tok_is(text, &st->toks[i - 1], "the") || !ent_tok_in(text, t, seas) ||
            (nx && nx->sent == t->sent && nx->cls == GALLEY_TOK_WORD && !nx->stop))
            continue;
        name *x = name_at(st, i, n0, &next);
        if (x) {
            if (x->a == i && x->b == i + 1 && x->label == L_MISC)
                x->label = L_LOC;
            continue;
        }
        if (ent_push_labelled(st, i, i + 1, L_LOC) < 0)
            return -1;
    }
    ent_resort_from(st, n0);
    return 0;
}
