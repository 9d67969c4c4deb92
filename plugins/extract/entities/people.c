/* plugins/extract/entities/people.c - what follows the tagger, about the
 * kind of a name: people's names cut where they hold another name ("of",
 * a possessive) or completed (hyphenated given names), and what no person
 * is (a word after an article, a storm, a plural, a place's partner). */
#include "entities.h"

#include <string.h>

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
                if (ent_push_labelled(st, k + 1, b, cut_label(st, k + 1, b, 1)) < 0)
                    return -1;
                break;
            }
            if (st->toks[x->a].poss && k == x->a + 1) {
                size_t a = x->a;
                x->a = x->t = k;
                if (ent_push_labelled(st, a, k, cut_label(st, a, k, 0)) < 0)
                    return -1;
                break;
            }
        }
    }
    ent_resort_from(st, n0);
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
                if (ent_push_labelled(st, x->a, s, x->label) < 0)
                    return -1;
                x = &st->names[j];
            }
            x->a = x->t = s;
            x->label = L_PER;
        } else if (ent_push_labelled(st, s, g + 1, L_PER) < 0) {
            return -1;
        }
    }
    ent_resort_from(st, n0);
    return 0;
}

/* "the Caucasus is", "the Danevirke and", "the Séléka, ...": a name after an
 * article or a possessive is no person's, unless it is the short form of
 * a person the document names in full (after "Isaias Afewerki", "the
 * Afewerki era"), starts with a given name ("a James Bond film") or
 * qualifies a noun ("the Monti government"); after "to the", "in the"
 * (place-cues.txt's "before" words) it is a place. */
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
        if (p->sent != st->toks[x->a].sent || !ent_tok_in(text, p, det))
            continue;
        /* "between the Danevirke and", "in the Caucasus": a place */
        const tok *pp = x->a > 1 ? &st->toks[x->a - 2] : NULL;
        x->label = pp && pp->sent == p->sent && ((pp->lex | pp->low) & LX_LOCBEFORE) ? L_LOC : L_NONE;
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
        ent_key_once(st->pername, buf, ent_name_key(st, text, &last, 'S', buf, sizeof buf), i);
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

/* "the Slavs", "the Caribs": a one-word "organisation" in -s that no list
 * knows, whose singular the dictionary writes capitalised or
 * peoples.txt knows, names a people (MISC); not in a match report ("the
 * Giants").  (Not a singular in lower case: "the Times", "the Mets".) */
void ent_plural_orgs(ent_state *st, const char *text)
{
    if (ent_sport_cues(st) >= 3)
        return;
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        const tok *t = &st->toks[x->a];
        size_t n = t->e - t->s;
        if (x->label != L_ORG || x->b - x->a != 1 || x->t != x->a || n < 4 || t->gz || (t->flags & GALLEY_TOK_ALLCAPS) ||
            (t->lex & (LX_ORG | LX_PLACE)) || text[t->e - 1] != 's' || text[t->e - 2] == 's' || text[t->e - 2] == '\'')
            continue;
        if (ent_lex_get(st->lx->lex, text + t->s, n - 1) & (LX_PROPER | LX_PEOPLE))
            x->label = L_MISC;
    }
}

/* "the Democratic side", "an Anglican minister": a one-word
 * "organisation" that is a dictionary adjective in -ic or -an before a
 * noun is what CoNLL calls MISC */
void ent_adjective_orgs(ent_state *st, const char *text)
{
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        const tok *t = &st->toks[x->a], *nx = x->b < st->ntoks ? &st->toks[x->b] : NULL;
        size_t n = t->e - t->s;
        if (x->label != L_ORG || x->b - x->a != 1 || n < 6 || t->gz || (t->flags & GALLEY_TOK_ALLCAPS) ||
            (t->lex & (LX_ORG | LX_PLACE)) || !((t->low & LX_LOWER) || (t->lex & LX_PROPER)) || !nx ||
            nx->sent != t->sent || !(nx->flags & GALLEY_TOK_LOWER) || nx->cls != GALLEY_TOK_WORD || nx->stop ||
            (memcmp(text + t->e - 2, "ic", 2) && memcmp(text + t->e - 2, "an", 2)))
            continue;
        x->label = L_MISC;
    }
}

/* a one-word person's name that no list knows and no fuller name explains */
static int bare_person(const ent_state *st, const name *x)
{
    return x->label == L_PER && x->b - x->a == 1 && x->t == x->a && x->link < 0 &&
           !(st->toks[x->a].lex & (LX_GIVEN | LX_SURNAME));
}

/* "Kamchatka and Sakhalin", "Seychelles and Tioman": two names joined by
 * "and" or "or" are of one kind; an unknown word the tagger took for a
 * person next to a place is a place too.  (Not after a comma: "in
 * Australia, Geyer returned"; nor for organisations: "the deal between
 * Aoun and Hariri" where the tagger made Aoun one.) */
void ent_lists(ent_state *st, const char *text)
{
    static const char *const links[] = { "and", "or", NULL };
    for (size_t i = 0; i + 1 < st->nnames; i++) {
        name *x = &st->names[i], *y = &st->names[i + 1];
        if (y->t != x->b + 1 || !ent_tok_in(text, &st->toks[x->b], links) ||
            st->toks[x->a].sent != st->toks[y->a].sent)
            continue;
        if (x->label == L_LOC && bare_person(st, y))
            y->label = L_LOC;
        else if (y->label == L_LOC && bare_person(st, x))
            x->label = L_LOC;
    }
}

/* a word that says what a person is, not who: "Scientologist",
 * "Pan-democrat", "Prize-winner", "Scotsman" (a people), a word of the
 * dictionary */
static int descriptor(const char *text, const tok *t)
{
    const char *w = text + t->s;
    size_t n = t->e - t->s;
    if (t->lex & (LX_GIVEN | LX_SURNAME))
        return 0;
    for (size_t k = 1; k + 1 < n; k++)
        if (w[k] == '-' && w[k + 1] >= 'a' && w[k + 1] <= 'z')
            return 1;
    return (t->low & LX_LOWER) || t->demonym || (n > 4 && !memcmp(w + n - 3, "ist", 3)) ||
           (n > 5 && !memcmp(w + n - 4, "ists", 4));
}

/* "Scientologist Tom Cruise", "Booker Prize-winner Margaret Atwood": the
 * words before a person's given name that say what the person is are
 * not the name (as a title is not). */
void ent_descriptors(ent_state *st, const char *text)
{
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        if (x->label != L_PER || x->b - x->a < 3)
            continue;
        size_t k = x->a;
        while (k + 2 < x->b && descriptor(text, &st->toks[k]))
            k++;
        if (k > x->a && (st->toks[k].lex & LX_GIVEN))
            x->a = x->t = k;
    }
}

/* "Mr Albanese", "Pope Francis": a name right after a person's title is a
 * person's, though the tagger made it MISC (a nationality's look-alike:
 * "Albanese" as "Albania"'s people). */
void ent_titled(ent_state *st, const char *text)
{
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        if (x->label != L_MISC || x->a == 0 || x->a >= x->b || x->b - x->a > 3)
            continue;
        size_t p = x->a - 1;
        if (p > 0 && ent_tok_is(text, &st->toks[p], ".") && st->toks[p].s == st->toks[p - 1].e)
            p--;    /* "Mr. Albanese" */
        const tok *t = &st->toks[p];
        if (t->sent == st->toks[x->a].sent && ent_is_cap(t) && (t->lex & LX_TITLE))
            x->label = L_PER;
    }
}

/* "a North Korean golf tournament", "Mesoamerican iconography": a "place"
 * whose words all name a people (tok.demonym) is the people's adjective,
 * MISC. */
void ent_demonym_places(ent_state *st)
{
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        if (x->label != L_LOC || x->a >= x->b)
            continue;
        int all = 1;
        for (size_t k = x->a; k < x->b; k++)
            all &= st->toks[k].demonym;
        if (all)
            x->label = L_MISC;
    }
}

/* "Mishima espoused", "Cumberland married", "Plato thought": a one-word
 * "place" that no country or well-known place is, right before a verb
 * only a person does, is a person, and so is the same word elsewhere in
 * the document (a surname that is also a town's name). */
void ent_place_persons(ent_state *st, const char *text)
{
    static const char *const verbs[] = { "married", "enrolled", "thought", "espoused", "starred", "died",
        "graduated", "attended", "wrote", "accompanied", "believed", "studied", "remarried", NULL };
    char buf[256];
    size_t found = 0;
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        if (x->label != L_LOC || x->b - x->a != 1 || x->t != x->a || x->link >= 0 || x->b >= st->ntoks ||
            (st->toks[x->a].lex & (LX_PLACE3 | LX_PLACE2)) || st->toks[x->a].demonym)
            continue;
        const tok *v = &st->toks[x->b];
        if (v->sent != st->toks[x->a].sent || !ent_tok_in(text, v, verbs))
            continue;
        x->label = L_PER;
        ent_key_once(st->pername, buf, ent_name_key(st, text, x, 'M', buf, sizeof buf), i);
        found++;
    }
    for (size_t i = 0; found && i < st->nnames; i++) {
        name *x = &st->names[i];
        size_t n;
        if (x->label == L_LOC && x->b - x->a == 1 && (n = ent_name_key(st, text, x, 'M', buf, sizeof buf)) &&
            galley_counter_find(st->pername, buf, n) != (size_t)-1)
            x->label = L_PER;
    }
}

/* "Lucas Cranach the Elder", "Louis the German", "Alexander the Great":
 * an epithet after a person's name, "the" and a word for age, size or
 * virtue or a people, is part of the name. */
void ent_epithets(ent_state *st, const char *text)
{
    static const char *const epithets[] = { "Elder", "Younger", "Great", "Good", "Bold", "Pious", "Wise",
        "Conqueror", "Confessor", "Bald", "Fat", "Magnificent", "Terrible", "Lionheart", "Just", "Fair", NULL };
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        size_t b = x->b;
        if (x->label != L_PER || b + 1 >= st->ntoks || (i + 1 < st->nnames && st->names[i + 1].t <= b + 1))
            continue;
        const tok *the = &st->toks[b], *w = &st->toks[b + 1];
        if (the->sent != st->toks[b - 1].sent || w->sent != the->sent || st->toks[b - 1].poss ||
            !ent_tok_is(text, the, "the") || !ent_is_cap(w) || (w->flags & GALLEY_TOK_ALLCAPS) ||
            !(ent_tok_in(text, w, epithets) || w->demonym))
            continue;
        x->b = b + 2;
    }
}

/* the kind of name a common noun right before it announces ("the
 * Icelandic band Sigur Rós", "the song \"Fjögur Píanó\"", "starring
 * LaBeouf"): L_NONE for none */
static int cue_kind(const char *text, const tok *t)
{
    static const char *const orgs[] = { "band", "label", "company", "firm", "newspaper", "magazine", "broadcaster",
        "airline", "carrier", "retailer", "insurer", "club", "party", "agency", "publisher", "startup", "outlet",
        "group", "network", "channel", "studio", "charity", "organisation", "organization", "bank",
        "giant", "chain", "brewer", "operator", "carmaker", "automaker", "provider", "tabloid", "daily",
        "website", "team", "university", "school", "conglomerate", "lender", "supermarket",
        NULL };
    static const char *const works[] = { "song", "album", "film", "movie", "novel", "book", "single", "poem",
        "opera", "musical", "sitcom", "documentary", "painting", NULL };
    static const char *const people[] = { "starring", "co-starring", "actor", "actress", "singer", "rapper",
        "guitarist", "drummer", "novelist", "poet", "painter", "sculptor", "comedian", NULL };
    if (!(t->flags & GALLEY_TOK_LOWER) || t->stop)
        return L_NONE;
    if (ent_tok_in(text, t, orgs))
        return L_ORG;
    if (ent_tok_in(text, t, works))
        return L_MISC;
    if (ent_tok_in(text, t, people))
        return L_PER;
    return L_NONE;
}

/* A common noun right before a name says its kind, whatever the tagger
 * said: a band, label or company is an organisation, a song or film a
 * work (MISC), an actor or singer a person (a country stays a country). */
void ent_cue_nouns(ent_state *st, const char *text)
{
    char buf[256];
    size_t found = 0;
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        if (x->label < L_PER || x->label > L_MISC || x->t != x->a || x->a == 0 || x->b - x->a > 4)
            continue;
        size_t p = x->a - 1;
        if (p > 0 && (ent_tok_is(text, &st->toks[p], "\"") || ent_tok_is(text, &st->toks[p], "\xe2\x80\x9c")))
            p--;
        const tok *c = &st->toks[p];
        int kind = c->sent == st->toks[x->a].sent ? cue_kind(text, c) : L_NONE;
        if (kind == L_NONE || kind == x->label || (kind != L_MISC && (st->toks[x->a].lex & LX_PLACE3)))
            continue;
        x->label = kind;
        x->link = -1;
        ent_key_once(st->pername, buf, ent_name_key(st, text, x, 'C', buf, sizeof buf), (size_t)kind);
        found++;
    }
    /* and so is the same name elsewhere in the document */
    for (size_t i = 0; found && i < st->nnames; i++) {
        name *x = &st->names[i];
        size_t n, j;
        if (x->label >= L_PER && x->label <= L_MISC && x->a < x->b &&
            (n = ent_name_key(st, text, x, 'C', buf, sizeof buf)) && (j = galley_counter_find(st->pername, buf, n)) != (size_t)-1)
            x->label = (int)galley_counter_value(st->pername, j);
    }
}
