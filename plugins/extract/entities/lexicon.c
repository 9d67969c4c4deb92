/* plugins/extract/entities/lexicon.c - the gazetteers, name lists, cue words
 * and word list behind the entities plugin, found and loaded at open(), once
 * per process: every worker reads the same copy. */
#include "entities.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- lexicon ---- */

static void lex_set(galley_counter *c, const char *k, size_t n, unsigned bits)
{
    size_t i = galley_counter_find(c, k, n);
    unsigned old = i == (size_t)-1 ? 0 : (unsigned)galley_counter_value(c, i);
    if ((old | bits) != old)
        galley_counter_add(c, k, n, (double)((old | bits) - old));
}

unsigned ent_lex_get(const galley_counter *c, const char *k, size_t n)
{
    size_t i = galley_counter_find(c, k, n);
    return i == (size_t)-1 ? 0 : (unsigned)galley_counter_value(c, i);
}

/* galley_casefold with a fast path for ASCII words (most of them): the
 * tagger folds every token up to four times */
size_t ent_fold(const char *s, size_t n, char *out, size_t cap)
{
    if (n >= cap)
        return galley_casefold(s, n, out, cap);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80)
            return galley_casefold(s, n, out, cap);
        out[i] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    out[n] = '\0';
    return n;
}

/* a yes/no answer remembered per string in c (2 yes, 1 no): -1 unknown */
int ent_memo_get(const galley_counter *c, const char *k, size_t n)
{
    size_t i = galley_counter_find(c, k, n);
    return i == (size_t)-1 ? -1 : galley_counter_value(c, i) > 1.5;
}

int ent_memo_put(galley_counter *c, const char *k, size_t n, int yes)
{
    if (galley_counter_size(c) > 65536)    /* bounded over a long run */
        galley_counter_clear(c);
    galley_counter_add(c, k, n, yes ? 2 : 1);
    return yes;
}

/* galley_is_stopword of a case-folded word, remembered per word: it folds
 * case again with utf8proc, and the plugin asks about every word */
int ent_is_stop(ent_state *st, const char *folded, size_t n)
{
    if (n >= 32)
        return galley_is_stopword(folded, n);
    int stop = ent_memo_get(st->stopcache, folded, n);
    return stop >= 0 ? stop : ent_memo_put(st->stopcache, folded, n, galley_is_stopword(folded, n));
}

unsigned ent_lex_lower(const galley_counter *c, const char *k, size_t n)
{
    char buf[128];
    size_t m = ent_fold(k, n, buf, sizeof buf);
    return m < sizeof buf ? ent_lex_get(c, buf, m) : 0;
}

/* ISLAMABAD -> Islamabad (ASCII only), for datelines and shouted text */
unsigned ent_lex_titlecase(const galley_counter *c, const char *k, size_t n)
{
    char buf[128];
    if (n >= sizeof buf)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)k[i];
        if (ch >= 0x80)
            return 0;
        buf[i] = (char)(i == 0 || ch < 'A' || ch > 'Z' ? ch : ch + ('a' - 'A'));
    }
    return ent_lex_get(c, buf, n) & ~(unsigned)(LX_LOWER | LX_TITLELOW | LX_PROPER);
}

static size_t count_words(const char *s)
{
    size_t n = 1;
    for (; *s; s++)
        n += *s == ' ';
    return n;
}

static void add_alias(ent_lexicon *lx, const char *key, const char *canon)
{
    char **p = realloc(lx->canon, (lx->ncanon + 1) * sizeof *p);
    char *c = strdup(canon);
    if (!p || !c) {
        free(c);
        if (p)
            lx->canon = p;
        return;
    }
    lx->canon = p;
    lx->canon[lx->ncanon] = c;
    size_t i = galley_counter_add(lx->alias, key, strlen(key), 0);
    galley_counter_add(lx->alias, key, strlen(key), (double)lx->ncanon - galley_counter_value(lx->alias, i));
    lx->ncanon++;
}

/* Adds a line of a data file: `bits` for the whole line, or, for cue files,
 * a first word naming the kind ("suffix City"). */
static void add_entry(ent_lexicon *lx, char *line, unsigned bits, const unsigned *kinds)
{
    char *tab = strchr(line, '\t');
    if (tab) {      /* places: name<TAB>weight[<TAB>the name the fields use] */
        int w = atoi(tab + 1);
        *tab = '\0';
        bits = w >= 3 ? LX_PLACE3 : w == 2 ? LX_PLACE2 : LX_PLACE1;
        char *canon = strchr(tab + 1, '\t');
        if (canon && canon[1])
            add_alias(lx, line, canon + 1);
    }
    if (kinds) {
        char *sp = strchr(line, ' ');
        if (!sp)
            return;
        *sp = '\0';
        bits = !strcmp(line, "suffix") ? kinds[0] : !strcmp(line, "prefix") ? kinds[1]
             : !strcmp(line, "any") ? kinds[2] : !strcmp(line, "event") ? LX_EVENT
             : !strcmp(line, "near") ? kinds[4] : kinds[3];
        line = sp + 1;
    }
    size_t n = strlen(line);
    if (n == 0 || bits == 0)
        return;
    lex_set(lx->lex, line, n, bits);
    if (bits & LX_TITLE) {  /* "director Mike Pompeo": titles in lower case too */
        char buf[128];
        size_t m = galley_casefold(line, n, buf, sizeof buf);
        if (m < sizeof buf)
            lex_set(lx->lex, buf, m, LX_TITLELOW);
    }
    size_t w = count_words(line);
    if (w > lx->maxwords)
        lx->maxwords = w;
    /* "New", "New York": the beginnings of a longer entry, so that a
     * search for the longest entry stops where none can go on */
    for (size_t k = 1; k < n; k++)
        if (line[k] == ' ')
            lex_set(lx->lex, line, k, LX_PREFIX);
}

static int load_file(ent_lexicon *lx, const char *dir, const char *file,
                     unsigned bits, const unsigned *kinds, char *err, size_t errlen)
{
    char path[4096];
    int pn = snprintf(path, sizeof path, "%s/%s", dir, file);
    size_t len, at = 0, n;
    char *data = pn > 0 && (size_t)pn < sizeof path ? galley_read_file(path, &len) : NULL;
    if (!data) {
        snprintf(err, errlen, "cannot read %s: %s (point the 'data' option or "
                 "GALLEY_DATADIR at the extract data folder)", path, strerror(errno));
        return -1;
    }
    const char *l;
    while (galley_line_next(data, len, &at, &l, &n)) {
        char line[512];
        if (n && n < sizeof line && l[0] != '#') {
            memcpy(line, l, n);
            line[n] = '\0';
            add_entry(lx, line, bits, kinds);
        }
    }
    free(data);
    return 0;
}

/* The word list says which words are common (lower case) and which are
 * proper nouns; without it the plugin leans on the document alone. */
static void load_wordlist(ent_lexicon *lx, const char *path)
{
    size_t len, at = 0, n;
    char *data = galley_read_file(path, &len);
    if (!data) {
        galley_info("entities: no word list at %s (%s); names are told from "
                    "common words by the document alone", path, strerror(errno));
        return;
    }
    const char *line;
    while (galley_line_next(data, len, &at, &line, &n)) {
        if (n == 0 || memchr(line, '\'', n))
            continue;
        unsigned char c = (unsigned char)line[0];
        lex_set(lx->lex, line, n, c >= 'A' && c <= 'Z' ? LX_PROPER : LX_LOWER);
    }
    free(data);
}

/* The data folder: the option, else the folder galley_data_path finds
 * places.txt in ($GALLEY_DATADIR, the installed data; the source tree only
 * when galley runs uninstalled); NULL with the places tried in buf. */
static const char *find_data(galley_stage *stage, char *buf, size_t cap)
{
    const char *opt = galley_opt_str(stage, "data");
    if (opt && *opt)
        return opt;
    if (galley_data_path("extract", "places.txt", buf, cap) < 0)
        return NULL;
    *strrchr(buf, '/') = '\0';
    return buf;
}

static int lexicon_fill(ent_lexicon *lx, const char *dir, const char *wordlist, char *err, size_t errlen)
{
    static const unsigned orgk[5] = { LX_ORGSUF, LX_ORGPRE, LX_ORGANY, 0, LX_ORGNEAR };
    static const unsigned lock[5] = { LX_LOCSUF, LX_LOCPRE, 0, LX_LOCBEFORE, 0 };
    static const struct { const char *file; unsigned bits; const unsigned *kinds; } files[] = {
        { "places.txt", LX_PLACE1, NULL },
        { "extra-places.txt", LX_PLACE1, NULL },
        { "given-names.txt", LX_GIVEN, NULL },
        { "extra-given-names.txt", LX_GIVEN, NULL },
        { "surnames.txt", LX_SURNAME, NULL },
        { "organizations.txt", LX_ORG, NULL },
        { "titles.txt", LX_TITLE, NULL },
        { "title-modifiers.txt", LX_TITLEMOD, NULL },
        { "not-names.txt", LX_NOTNAME, NULL },
        { "peoples.txt", LX_PEOPLE, NULL },
        { "org-cues.txt", 0, orgk },
        { "place-cues.txt", 0, lock },
    };
    /* in a sports report, countries are teams on looser cues ("England
     * lost", "against Panama"): ent_teams() counts these words */
    static const char *const sport[] = { "match", "matches", "goal", "goals", "tournament",
        "league", "cup", "championship", "coach", "striker", "midfielder", "goalkeeper",
        "penalty", "referee", "stadium", "halftime", "half-time", NULL };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        if (load_file(lx, dir, files[i].file, files[i].bits, files[i].kinds, err, errlen) < 0)
            return -1;
    for (size_t i = 0; sport[i]; i++)
        lex_set(lx->lex, sport[i], strlen(sport[i]), LX_SPORT);
    if (wordlist && *wordlist)
        load_wordlist(lx, wordlist);
    return 0;
}

static void lexicon_free(void *p)
{
    ent_lexicon *lx = p;
    galley_counter_free(lx->lex);
    galley_counter_free(lx->alias);
    for (size_t i = 0; i < lx->ncanon; i++)
        free(lx->canon[i]);
    free(lx->canon);
    free(lx);
}

typedef struct lexicon_source {
    const char *dir, *wordlist;
} lexicon_source;

/* galley_shared_load: the lexicon of one data folder and word list */
static void *lexicon_load(void *arg, char **why)
{
    const lexicon_source *src = arg;
    char err[4200];
    ent_lexicon *lx = calloc(1, sizeof *lx);
    if (lx && (lx->lex = galley_counter_new()) && (lx->alias = galley_counter_new())) {
        if (lexicon_fill(lx, src->dir, src->wordlist, err, sizeof err) == 0)
            return lx;
    } else {
        snprintf(err, sizeof err, "out of memory loading the lexicon of %s", src->dir);
    }
    if (lx)
        lexicon_free(lx);
    *why = strdup(err);
    return NULL;
}

/* one lexicon per process for each data folder and word list, shared by
 * every worker (galley_shared_get) */
int ent_load_lexicon(ent_state *st, const char *dir, const char *wordlist, char *err, size_t errlen)
{
    lexicon_source src = { dir, wordlist ? wordlist : "" };
    galley_buf key = { 0 };
    char *why = NULL;
    if (galley_buf_printf(&key, "extract/entities lexicon\n%s\n%s", src.dir, src.wordlist) == 0)
        st->lx = galley_shared_get(key.data, lexicon_load, &src, lexicon_free, &why);
    galley_buf_free(&key);
    if (!st->lx) {
        snprintf(err, errlen, "%s", why ? why : "out of memory loading the lexicon");
        free(why);
        return -1;
    }
    return 0;
}

void ent_release_lexicon(ent_state *st)
{
    if (st->lx)
        galley_shared_put((void *)st->lx);
    st->lx = NULL;
}

int ent_load_data(ent_state *st, galley_stage *stage)
{
    char buf[4096], err[4200];
    const char *dir = find_data(stage, buf, sizeof buf);
    if (!dir) {
        galley_stage_fail(stage, "%s (point the 'data' option or GALLEY_DATADIR at the "
                          "extract data folder)", buf);
        return -1;
    }
    if (ent_load_lexicon(st, dir, galley_opt_str(stage, "wordlist"), err, sizeof err) < 0 ||
        ent_tagger_open(st, dir, err, sizeof err) < 0) {
        galley_stage_fail(stage, "%s", err);
        return -1;
    }
    return 0;
}
