/* plugins/extract/entities.c - named entities (PERSON, ORG, LOC, MISC) found
 * by a learned sequence tagger over word, context and gazetteer features,
 * linked within the document; writes the `entity` layer and the
 * people/places/organizations fields. */
#include "entities.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef EXTRACT_WORDLIST
#define EXTRACT_WORDLIST "/usr/share/dict/words"
#endif

static const char *const label_names[] = { NULL, "PERSON", "ORG", "LOC", "MISC" };
static const char *const field_names[] = { NULL, "people", "organizations", "places", NULL };

static const galley_option ent_options[] = {
    { GALLEY_OPT_STRING, "data", NULL, GALLEY_OPT_PATH, 0, 0,
      "folder of the gazetteers (default: $GALLEY_DATADIR/extract, the installed data, the source tree)", NULL },
    { GALLEY_OPT_STRING, "wordlist", EXTRACT_WORDLIST, GALLEY_OPT_PATH, 0, 0,
      "English word list telling common words from names (\"\" for none)", NULL },
    { GALLEY_OPT_BOOL, "fields", "true", 0, 0, 0,
      "also set the people, places and organizations fields", NULL },
    { 0 }
};

/* ---- plugin lifecycle ---- */

static galley_status ent_close(void *state)
{
    ent_state *st = state;
    if (!st)
        return GALLEY_OK;
    free(st->seen);
    galley_counter_free(st->pername);
    galley_counter_free(st->stopcache);
    galley_counter_free(st->demcache);
    ent_tagger_close(st);
    ent_release_lexicon(st);
    free(st->toks);
    free(st->occ);
    free(st->occ_at);
    free(st->slots);
    free(st->names);
    free(st->lattice);
    free(st->tags);
    free(st);
    return GALLEY_OK;
}

static galley_status ent_open(galley_stage *stage, void **state)
{
    ent_state *st = calloc(1, sizeof *st);
    if (!st)
        return galley_stage_fail(stage, "out of memory");
    st->pername = galley_counter_new();
    st->stopcache = galley_counter_new();
    st->demcache = galley_counter_new();
    st->fields = galley_opt_bool(stage, "fields");
    if (!st->pername || !st->stopcache || !st->demcache || ent_load_data(st, stage) < 0) {
        ent_close(st);
        return GALLEY_ERROR;
    }
    *state = st;
    return GALLEY_OK;
}

/* ---- output ---- */

/* The name as the fields show it: its words joined by single spaces, no
 * title, no possessive, no "the". */
static char *canonical(ent_state *st, galley_doc *doc, const char *text, const name *nm)
{
    size_t cap = 1;
    for (size_t i = nm->a; i < nm->b; i++)
        cap += st->toks[i].e - st->toks[i].s + 1;
    char *out = galley_doc_alloc(doc, cap);
    size_t n = 0;
    for (size_t i = nm->a; i < nm->b; i++) {
        const tok *t = &st->toks[i];
        if (i > nm->a && st->toks[i - 1].e < t->s)
            out[n++] = ' ';
        memcpy(out + n, text + t->s, t->e - t->s);
        /* ISLAMABAD, known as Islamabad, is written so */
        if ((t->flags & GALLEY_TOK_ALLCAPS) && t->e - t->s > 3 && t->lex &&
            !ent_lex_get(st->lx->lex, text + t->s, t->e - t->s))
            for (size_t k = n + 1; k < n + t->e - t->s; k++)
                if (out[k] >= 'A' && out[k] <= 'Z')
                    out[k] = (char)(out[k] + ('a' - 'A'));
        n += t->e - t->s;
    }
    out[n] = '\0';
    size_t j = galley_counter_find(st->lx->alias, out, n);
    return j == (size_t)-1 ? out : galley_doc_strdup(doc, st->lx->canon[(size_t)galley_counter_value(st->lx->alias, j)]);
}

static void add_name(ent_state *st, galley_doc *doc, const char *text, const name *nm,
                     galley_counter **seen)
{
    /* the layer is flat, as news annotation is: a name inside a longer
     * one counts in the fields only */
    if (!nm->nested)
        galley_doc_add_span(doc, "entity", st->toks[nm->t].s, st->toks[nm->b - 1].e,
                            label_names[nm->label], GALLEY_NO_SCORE);
    if (nm->label == L_MISC || !seen[nm->label] || nm->link == -2)
        return;
    const name *canon = nm->link >= 0 ? &st->names[nm->link] : nm;
    char *s = canonical(st, doc, text, canon);
    galley_counter_add(seen[nm->label], s, strlen(s), 1);
}

/* Known places and organisations inside a longer name are entities too:
 * "Canada" in "Fan Expo Canada", "US" in "US President Barack Obama". */
static void add_nested(ent_state *st, galley_doc *doc, const char *text, const name *nm,
                       galley_counter **seen)
{
    size_t end = nm->label == L_PER ? nm->a : nm->b;    /* a person: the title only */
    for (size_t i = nm->t; i < end; i++) {
        unsigned bits;
        /* at the name's start, the longest match shorter than the name:
         * "New York" in "New York Times" */
        size_t k = ent_gazetteer_match(st, text, i, i == nm->a && end == nm->b ? end - 1 : end, &bits);
        if (k == 0 || (i == nm->a && i + k == nm->b) || !(bits & (LX_PLACE3 | LX_PLACE2)) || (bits & LX_ORG) ||
            (k == 1 && !(bits & LX_PLACE3) && (st->toks[i].low & LX_LOWER)))   /* "Central", "North" */
            continue;
        name sub = { i, i + k, i, (bits & LX_ORG) ? L_ORG : L_LOC, 0, 1, -1 };
        add_name(st, doc, text, &sub, seen);
        i += k - 1;
    }
}

/* "the Andy Warhol Foundation": a person of the document named at the
 * start of an institution's or a thing's name is a mention of them too
 * (st->pername maps each person's words to the name, see ent_link_names) */
static void add_nested_person(ent_state *st, galley_doc *doc, const char *text, const name *nm,
                              galley_counter **seen)
{
    char buf[256];
    for (size_t k = nm->b - nm->a - 1; k >= 1; k--) {
        name probe = { nm->a, nm->a + k, nm->a, L_PER, 0, 1, -1 };
        size_t n = ent_name_key(st, text, &probe, 'P', buf, sizeof buf);
        size_t j = n ? galley_counter_find(st->pername, buf, n) : (size_t)-1;
        if (j == (size_t)-1)
            continue;
        probe.link = (long)galley_counter_value(st->pername, j);
        add_name(st, doc, text, &probe, seen);
        return;
    }
}

static void emit(ent_state *st, galley_doc *doc, const char *text, int fields)
{
    galley_counter *seen[4] = { NULL, NULL, NULL, NULL };
    for (int l = L_PER; l <= L_LOC; l++)
        seen[l] = fields ? galley_counter_new() : NULL;
    for (size_t i = 0; i < st->nnames; i++) {
        const name *nm = &st->names[i];
        if (nm->label == L_NONE || nm->a >= nm->b)
            continue;
        add_name(st, doc, text, nm, seen);
        if (nm->b - nm->t > 1 && nm->link != -2 && nm->label != L_LOC)
            add_nested(st, doc, text, nm, seen);
        if (nm->b - nm->a > 1 && nm->label != L_PER)
            add_nested_person(st, doc, text, nm, seen);
    }
    for (int l = L_PER; l <= L_LOC; l++) {
        if (!seen[l])
            continue;
        for (size_t k = 0; k < galley_counter_size(seen[l]); k++) {
            size_t n;
            const char *key = galley_counter_key(seen[l], k, &n);
            galley_doc_add_field(doc, field_names[l], galley_doc_strndup(doc, key, n),
                                 galley_counter_value(seen[l], k));
        }
        galley_counter_free(seen[l]);
    }
}

static galley_status ent_run(ent_state *st, galley_doc *doc)
{
    size_t len;
    const char *text = galley_doc_text(doc, &len);
    if (!text || len == 0)
        return GALLEY_OK;
    if (len > ENT_MAX_TEXT)
        return galley_doc_fail(doc, "entities: the text is %zu bytes, over the %zu this stage "
                               "handles; split the document", len, ENT_MAX_TEXT);
    size_t nlayer;
    const galley_token *layer = galley_doc_tokens(doc, &nlayer);   /* shared with other stages */
    if (ent_tokenize(st, text, len, layer, nlayer) < 0)
        return galley_doc_fail(doc, "entities: out of memory tokenizing %zu bytes", len);
    ent_mark_positions(st, doc, text, len);
    if (ent_gather_evidence(st, text) < 0)
        return galley_doc_fail(doc, "entities: out of memory collecting words");
    if (ent_prepare(st, text) < 0)
        return galley_doc_fail(doc, "entities: out of memory collecting mentions");
    if (ent_tag_names(st, text) < 0)
        return galley_doc_fail(doc, "entities: out of memory collecting names");
    if (ent_speakers(st, text) < 0)
        return galley_doc_fail(doc, "entities: out of memory collecting names");
    if (ent_subjects(st, text) < 0)
        return galley_doc_fail(doc, "entities: out of memory collecting names");
    if (ent_sea_nouns(st, text) < 0)
        return galley_doc_fail(doc, "entities: out of memory collecting names");
    if (ent_split_people(st, text) < 0)
        return galley_doc_fail(doc, "entities: out of memory collecting names");
    galley_counter_clear(st->pername);
    if (ent_propagate(st, text) < 0)
        return galley_doc_fail(doc, "entities: out of memory collecting names");
    ent_name_periods(st, text);
    ent_name_particles(st, text);
    ent_epithets(st, text);
    ent_descriptors(st, text);
    if (ent_hyphen_people(st, text) < 0)
        return galley_doc_fail(doc, "entities: out of memory collecting names");
    ent_titled(st, text);
    ent_demonym_places(st);
    ent_vote(st, text);
    ent_cue_nouns(st, text);
    ent_place_persons(st, text);
    ent_geo_places(st, text);
    ent_events(st, text);
    ent_known_orgs(st, text);
    ent_org_for(st, text);
    if (ent_acronyms(st, text) < 0)
        return galley_doc_fail(doc, "entities: out of memory collecting names");
    ent_plurals(st, text);
    ent_link_names(st, text);
    ent_determined(st, text);
    ent_storms(st, text);
    ent_lists(st, text);
    ent_teams(st, text);
    ent_place_forms(st, text);
    ent_peoples(st, text);
    ent_plural_orgs(st, text);
    ent_adjective_orgs(st, text);
    if (ent_join_places(st, text) < 0)
        return galley_doc_fail(doc, "entities: out of memory joining places");
    emit(st, doc, text, st->fields);
    return GALLEY_OK;
}

/* The token and name arrays are kept from one document to the next, but
 * not a giant document's: they would hold its size for the whole run. */
#define KEEP_TOKS ((size_t)1 << 16)
#define KEEP_NAMES ((size_t)1 << 12)

static galley_status ent_process(void *state, galley_doc *doc)
{
    ent_state *st = state;
    galley_status r = ent_run(st, doc);
    if (st->captoks > KEEP_TOKS) {
        free(st->toks);
        free(st->occ);
        free(st->occ_at);
        free(st->slots);
        st->toks = NULL;
        st->occ = NULL;
        st->occ_at = NULL;
        st->slots = NULL;
        st->ntoks = st->captoks = st->nocc = st->capocc = st->capocc_at = st->capslots = 0;
    }
    if (st->capseen > KEEP_TOKS) {
        free(st->seen);
        st->seen = NULL;
        st->capseen = 0;
    }
    if (st->capnames > KEEP_NAMES) {
        free(st->names);
        st->names = NULL;
        st->nnames = st->capnames = 0;
    }
    return r;
}

GALLEY_PLUGIN(entities,
    .kind = GALLEY_EXTRACT,
    .summary = "named entities (PERSON, ORG, LOC, MISC) from a learned tagger over words, context and gazetteers",
    .options = ent_options,
    .provides = "entity people places organizations",
    .open = ent_open, .process = ent_process, .close = ent_close);
