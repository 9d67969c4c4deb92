/* plugins/extract/entities.c - named entities (PERSON, ORG, LOC, MISC) from
 * capitalisation, gazetteers, name lists, titles and cue words, linked within
 * the document; writes the `entity` layer and people/places/organizations. */
#include <galley/galley.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef EXTRACT_WORDLIST
#define EXTRACT_WORDLIST "/usr/share/dict/words"
#endif

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
    LX_TITLELOW = 1u << 17  /* a title, written lower case (key lower case) */
};
#define LX_PLACE (LX_PLACE3 | LX_PLACE2 | LX_PLACE1)

enum { L_NONE = 0, L_PER, L_ORG, L_LOC, L_MISC };
static const char *const label_names[] = { NULL, "PERSON", "ORG", "LOC", "MISC" };
static const char *const field_names[] = { NULL, "people", "organizations", "places", NULL };

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
} ent_state;

static const galley_option ent_options[] = {
    { GALLEY_OPT_STRING, "data", NULL, GALLEY_OPT_PATH, 0, 0,
      "folder of the gazetteers (default: $GALLEY_DATADIR/extract, the installed data, the source tree)", NULL },
    { GALLEY_OPT_STRING, "wordlist", EXTRACT_WORDLIST, GALLEY_OPT_PATH, 0, 0,
      "English word list telling common words from names (\"\" for none)", NULL },
    { GALLEY_OPT_BOOL, "fields", "true", 0, 0, 0,
      "also set the people, places and organizations fields", NULL },
    { 0 }
};

/* ---- lexicon ---- */

static void lex_set(galley_counter *c, const char *k, size_t n, unsigned bits)
{
    size_t i = galley_counter_find(c, k, n);
    unsigned old = i == (size_t)-1 ? 0 : (unsigned)galley_counter_value(c, i);
    if ((old | bits) != old)
        galley_counter_add(c, k, n, (double)((old | bits) - old));
}

static unsigned lex_get(const galley_counter *c, const char *k, size_t n)
{
    size_t i = galley_counter_find(c, k, n);
    return i == (size_t)-1 ? 0 : (unsigned)galley_counter_value(c, i);
}

static unsigned lex_lower(const galley_counter *c, const char *k, size_t n)
{
    char buf[128];
    size_t m = galley_casefold(k, n, buf, sizeof buf);
    return m < sizeof buf ? lex_get(c, buf, m) : 0;
}

/* ISLAMABAD -> Islamabad (ASCII only), for datelines and shouted text */
static unsigned lex_titlecase(const galley_counter *c, const char *k, size_t n)
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
    return lex_get(c, buf, n) & ~(unsigned)(LX_LOWER | LX_TITLELOW | LX_PROPER);
}

static size_t count_words(const char *s)
{
    size_t n = 1;
    for (; *s; s++)
        n += *s == ' ';
    return n;
}

/* Adds a line of a data file: `bits` for the whole line, or, for cue files,
 * a first word naming the kind ("suffix City"). */
static void add_entry(ent_state *st, char *line, unsigned bits, const unsigned *kinds)
{
    char *tab = strchr(line, '\t');
    if (tab) {      /* places.txt: name<TAB>weight */
        int w = atoi(tab + 1);
        *tab = '\0';
        bits = w >= 3 ? LX_PLACE3 : w == 2 ? LX_PLACE2 : LX_PLACE1;
    }
    if (kinds) {
        char *sp = strchr(line, ' ');
        if (!sp)
            return;
        *sp = '\0';
        bits = !strcmp(line, "suffix") ? kinds[0] : !strcmp(line, "prefix") ? kinds[1]
             : !strcmp(line, "any") ? kinds[2] : kinds[3];
        line = sp + 1;
    }
    size_t n = strlen(line);
    if (n == 0 || bits == 0)
        return;
    lex_set(st->lex, line, n, bits);
    if (bits & LX_TITLE) {  /* "director Mike Pompeo": titles in lower case too */
        char buf[128];
        size_t m = galley_casefold(line, n, buf, sizeof buf);
        if (m < sizeof buf)
            lex_set(st->lex, buf, m, LX_TITLELOW);
    }
    size_t w = count_words(line);
    if (w > st->maxwords)
        st->maxwords = w;
}

static int load_file(ent_state *st, const char *dir, const char *file,
                     unsigned bits, const unsigned *kinds, galley_stage *stage)
{
    char path[4096];
    int pn = snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *f = pn > 0 && (size_t)pn < sizeof path ? fopen(path, "r") : NULL;
    if (!f) {
        galley_stage_fail(stage, "cannot read %s: %s (point the 'data' option or "
                          "GALLEY_DATADIR at the extract data folder)", path, strerror(errno));
        return -1;
    }
    char line[512];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] && line[0] != '#')
            add_entry(st, line, bits, kinds);
    }
    fclose(f);
    return 0;
}

/* The word list says which words are common (lower case) and which are
 * proper nouns; without it the plugin leans on the document alone. */
static void load_wordlist(ent_state *st, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        galley_info("entities: no word list at %s (%s); names are told from "
                    "common words by the document alone", path, strerror(errno));
        return;
    }
    char line[256];
    while (fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\r\n");
        if (n == 0 || memchr(line, '\'', n))
            continue;
        unsigned char c = (unsigned char)line[0];
        lex_set(st->lex, line, n, c >= 'A' && c <= 'Z' ? LX_PROPER : LX_LOWER);
    }
    fclose(f);
}

static int dir_has_data(const char *dir)
{
    char path[4096];
    int pn = snprintf(path, sizeof path, "%s/places.txt", dir);
    FILE *f = pn > 0 && (size_t)pn < sizeof path ? fopen(path, "r") : NULL;
    if (f)
        fclose(f);
    return f != NULL;
}

/* The data folder: the option, $GALLEY_DATADIR(/extract), the installed
 * data, then the source tree (for uninstalled runs and tests). */
static const char *find_data(galley_stage *stage, char *buf, size_t cap)
{
    const char *opt = galley_opt_str(stage, "data");
    if (opt && *opt)
        return opt;
    const char *env = getenv("GALLEY_DATADIR");
    if (env && *env) {
        snprintf(buf, cap, "%s/extract", env);
        if (dir_has_data(buf))
            return buf;
        if (dir_has_data(env))
            return env;
    }
#ifdef GALLEY_PKGDATADIR
    if (dir_has_data(GALLEY_PKGDATADIR "/extract"))
        return GALLEY_PKGDATADIR "/extract";
#endif
#ifdef GALLEY_SRCDIR
    return GALLEY_SRCDIR "/conf/extract";
#else
    return "conf/extract";
#endif
}

static int load_data(ent_state *st, galley_stage *stage)
{
    static const unsigned orgk[4] = { LX_ORGSUF, LX_ORGPRE, LX_ORGANY, 0 };
    static const unsigned lock[4] = { LX_LOCSUF, LX_LOCPRE, 0, LX_LOCBEFORE };
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
        { "org-cues.txt", 0, orgk },
        { "place-cues.txt", 0, lock },
    };
    char buf[4096];
    const char *dir = find_data(stage, buf, sizeof buf);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        if (load_file(st, dir, files[i].file, files[i].bits, files[i].kinds, stage) < 0)
            return -1;
    const char *wl = galley_opt_str(stage, "wordlist");
    if (wl && *wl)
        load_wordlist(st, wl);
    return 0;
}

/* ---- plugin lifecycle ---- */

static galley_status ent_close(void *state)
{
    ent_state *st = state;
    if (!st)
        return GALLEY_OK;
    galley_counter_free(st->lex);
    galley_counter_free(st->lowseen);
    galley_counter_free(st->capseen);
    free(st->toks);
    free(st->names);
    free(st);
    return GALLEY_OK;
}

static galley_status ent_open(galley_stage *stage, void **state)
{
    ent_state *st = calloc(1, sizeof *st);
    if (!st)
        return galley_stage_fail(stage, "out of memory");
    st->lex = galley_counter_new();
    st->lowseen = galley_counter_new();
    st->capseen = galley_counter_new();
    st->fields = galley_opt_bool(stage, "fields");
    if (!st->lex || !st->lowseen || !st->capseen || load_data(st, stage) < 0) {
        ent_close(st);
        return GALLEY_ERROR;
    }
    *state = st;
    return GALLEY_OK;
}

/* ---- tokens ---- */

static int push_tok(ent_state *st, const tok *t)
{
    if (st->ntoks == st->captoks) {
        size_t cap = st->captoks ? st->captoks * 2 : 1024;
        tok *p = realloc(st->toks, cap * sizeof *p);
        if (!p)
            return -1;
        st->toks = p;
        st->captoks = cap;
    }
    st->toks[st->ntoks++] = *t;
    return 0;
}

/* Byte length of a possessive ending ('s, ’s) of a word, or 0. */
static size_t possessive(const char *w, size_t n)
{
    if (n > 2 && w[n - 1] == 's' && w[n - 2] == '\'')
        return 2;
    if (n > 4 && w[n - 1] == 's' && !memcmp(w + n - 4, "\xe2\x80\x99", 3))
        return 4;
    return 0;
}

/* "non-NATO", "pro-Kremlin": the name after a lower-case prefix */
static void skip_prefix(const char *text, tok *t)
{
    size_t i = t->s;
    while (i < t->e && text[i] >= 'a' && text[i] <= 'z')
        i++;
    if (i == t->s || i + 1 >= t->e || text[i] != '-' || text[i + 1] < 'A' || text[i + 1] > 'Z')
        return;
    t->s = i + 1;
    int lower = 0;
    for (i = t->s; i < t->e; i++)
        lower |= text[i] >= 'a' && text[i] <= 'z';
    t->flags = GALLEY_TOK_CAPITALIZED | (lower ? 0 : GALLEY_TOK_ALLCAPS);
}

static int tokenize(ent_state *st, const char *text, size_t len)
{
    galley_tokenizer tz;
    galley_token gt;
    st->ntoks = 0;
    galley_tok_init(&tz, text, len);
    while (galley_tok_next(&tz, &gt)) {
        tok t = { gt.start, gt.end, gt.cls, gt.flags, 0, 0, 0, 0, 0 };
        if (t.cls == GALLEY_TOK_WORD) {
            size_t pl = possessive(text + t.s, t.e - t.s);
            t.e -= pl;
            t.poss = pl > 0;
            skip_prefix(text, &t);
            t.lex = lex_get(st->lex, text + t.s, t.e - t.s);
            t.low = lex_lower(st->lex, text + t.s, t.e - t.s);
            if ((t.flags & GALLEY_TOK_ALLCAPS) && t.e - t.s > 3)
                t.lex |= lex_titlecase(st->lex, text + t.s, t.e - t.s);
        }
        if (push_tok(st, &t) < 0)
            return -1;
    }
    return 0;
}

static int is_cap(const tok *t)
{
    return t->cls == GALLEY_TOK_WORD && (t->flags & (GALLEY_TOK_CAPITALIZED | GALLEY_TOK_ALLCAPS));
}

static int tok_is(const char *text, const tok *t, const char *w)
{
    size_t n = strlen(w);
    return t->e - t->s == n && !memcmp(text + t->s, w, n);
}

/* Marks sentence numbers and the words whose capital letter says nothing:
 * the first word of a sentence (after opening quotes) and every word of a
 * headline-style sentence where most words are capitalised. */
static void mark_positions(ent_state *st, const char *text, size_t len)
{
    galley_sentencer it;
    size_t s, e, k = 0;
    int num = 0;
    galley_sent_init(&it, text, len);
    while (galley_sent_next(&it, &s, &e)) {
        while (k < st->ntoks && st->toks[k].s < s)
            st->toks[k++].sent = num;
        size_t first = k, words = 0, caps = 0, shout = 0;
        int initial = 1;
        for (; k < st->ntoks && st->toks[k].s < e; k++) {
            tok *t = &st->toks[k];
            t->sent = num + 1;
            if (t->cls == GALLEY_TOK_WORD) {
                t->uncertain = initial;
                initial = 0;
                if (!galley_is_stopword(text + t->s, t->e - t->s)) {
                    words++;
                    caps += is_cap(t) != 0;
                    shout += (t->flags & GALLEY_TOK_ALLCAPS) && t->e - t->s > 1;
                }
            }
        }
        /* a headline: mostly capitalised, and no full stop (a sentence
         * full of names does end with one) */
        char last = e > s ? text[e - 1] : '.';
        int stop = last == '.' || last == '!' || last == '?' || last == '"' || last == ')';
        if ((words >= 3 && caps * 10 >= words * 7 && !stop) || (words >= 8 && caps * 10 >= words * 9) ||
            (words >= 3 && shout * 10 >= words * 7))
            for (size_t i = first; i < k; i++)
                st->toks[i].uncertain = 1;
        num += 2;
    }
    while (k < st->ntoks)
        st->toks[k++].sent = num;
}

/* Remembers which words the document writes in lower case and which it
 * capitalises where capitals mean something. */
static void gather_evidence(ent_state *st, const char *text)
{
    char buf[128];
    galley_counter_clear(st->lowseen);
    galley_counter_clear(st->capseen);
    for (size_t i = 0; i < st->ntoks; i++) {
        const tok *t = &st->toks[i];
        if (t->cls != GALLEY_TOK_WORD)
            continue;
        if (t->flags & GALLEY_TOK_LOWER) {
            galley_counter_add(st->lowseen, text + t->s, t->e - t->s, 1);
        } else if (is_cap(t) && !t->uncertain) {
            size_t m = galley_casefold(text + t->s, t->e - t->s, buf, sizeof buf);
            if (m < sizeof buf)
                galley_counter_add(st->capseen, buf, m, 1);
        }
    }
}

static int seen_capitalised(const ent_state *st, const char *text, const tok *t)
{
    char buf[128];
    size_t m = galley_casefold(text + t->s, t->e - t->s, buf, sizeof buf);
    return m < sizeof buf && galley_counter_find(st->capseen, buf, m) != (size_t)-1;
}

static int seen_lower(const ent_state *st, const char *text, const tok *t)
{
    char buf[128];
    size_t m = galley_casefold(text + t->s, t->e - t->s, buf, sizeof buf);
    return m < sizeof buf && galley_counter_find(st->lowseen, buf, m) != (size_t)-1;
}

/* A common word: lower case in the word list or in this document, and not
 * a name the data knows. */
static int common_word(const ent_state *st, const char *text, const tok *t)
{
    if (t->lex & (LX_PLACE | LX_ORG | LX_GIVEN | LX_PROPER))
        return 0;
    return (t->low & LX_LOWER) || seen_lower(st, text, t) ||
           galley_is_stopword(text + t->s, t->e - t->s);
}

/* A capitalised word at an uncertain position that is probably just a
 * common word with a capital ("Statements by ...", "But Mattis"). */
static int weak_capital(const ent_state *st, const char *text, const tok *t)
{
    if (!t->uncertain)
        return 0;
    if (galley_is_stopword(text + t->s, t->e - t->s))
        return 1;
    return common_word(st, text, t) && !seen_capitalised(st, text, t);
}

/* "They", "And", "The": capitalised function words are never names
 * ("US" in capitals is not "us") */
static int cap_stopword(const char *text, const tok *t)
{
    return t->cls == GALLEY_TOK_WORD && !(t->flags & GALLEY_TOK_ALLCAPS) &&
           galley_is_stopword(text + t->s, t->e - t->s);
}

/* ---- runs of capitalised words ---- */

static int is_connector(const char *text, const tok *t)
{
    static const char *const w[] = { "of", "for", "on", "de", "da", "del", "della",
        "di", "du", "van", "von", "der", "den", "la", "le", "bin", "ibn", "al", "el", "&", NULL };
    for (size_t i = 0; w[i]; i++)
        if (tok_is(text, t, w[i]))
            return 1;
    return 0;
}

/* "F." "Jr." "St.": a full stop that belongs to the name before it */
static int name_period(const char *text, const tok *prev, const tok *t)
{
    if (!tok_is(text, t, ".") || prev->cls != GALLEY_TOK_WORD || prev->e != t->s)
        return 0;
    size_t n = prev->e - prev->s;
    return (n == 1 && is_cap(prev)) || tok_is(text, prev, "Jr") || tok_is(text, prev, "Sr") ||
           tok_is(text, prev, "St") || tok_is(text, prev, "Mt") || tok_is(text, prev, "Dr") ||
           tok_is(text, prev, "Mr") || tok_is(text, prev, "Mrs") || tok_is(text, prev, "Ms") ||
           tok_is(text, prev, "Gen") || tok_is(text, prev, "Prof");
}

static int gap_breaks(const char *text, const tok *a, const tok *b)
{
    for (size_t i = a->e; i < b->s; i++)
        if (text[i] == '\n')
            return 1;
    return a->sent != b->sent;
}

static int push_name(ent_state *st, size_t a, size_t b)
{
    if (st->nnames == st->capnames) {
        size_t cap = st->capnames ? st->capnames * 2 : 64;
        name *p = realloc(st->names, cap * sizeof *p);
        if (!p)
            return -1;
        st->names = p;
        st->capnames = cap;
    }
    name nm = { a, b, a, L_NONE, 0, 0, -1 };
    st->names[st->nnames++] = nm;
    return 0;
}

/* Longest gazetteer entry (ORG or place) starting at token i within
 * [i, end); returns its length in tokens and its flags in *bits. */
static size_t gazetteer_match(const ent_state *st, const char *text, size_t i,
                              size_t end, unsigned *bits)
{
    char buf[256];
    size_t best = 0;
    *bits = 0;
    for (size_t k = 1; k <= st->maxwords && i + k <= end; k++) {
        size_t n = 0;
        for (size_t j = i; j < i + k; j++) {
            const tok *t = &st->toks[j];
            size_t l = t->e - t->s, sp = j > i && st->toks[j - 1].e < t->s;
            if (n + l + sp >= sizeof buf)
                return best;
            if (sp)
                buf[n++] = ' ';
            memcpy(buf + n, text + t->s, l);
            n += l;
        }
        unsigned f = lex_get(st->lex, buf, n);
        if (f & (LX_ORG | LX_PLACE)) {
            best = k;
            *bits = f;
        }
    }
    return best;
}

static int split_run(ent_state *st, const char *text, size_t a, size_t b);

/* "Washington Post World": a known name at the start of a run ends there
 * unless what follows is a cue word ("Pakistan Army"). */
static int split_known(ent_state *st, const char *text, size_t a, size_t b)
{
    unsigned bits;
    size_t k = gazetteer_match(st, text, a, b, &bits);
    if (k > 0 && a + k < b && (k >= 2 || (bits & LX_ORG)) &&
        !(st->toks[a + k].lex & (LX_ORGSUF | LX_LOCSUF))) {
        if (push_name(st, a, a + k) < 0)
            return -1;
        return split_run(st, text, a + k, b);
    }
    return push_name(st, a, b);
}

/* Splits a run of name tokens [a, b) where a name plainly ends: at words
 * that are never names, and at "of" after a proper name ("Mattis of"). */
static int split_run(ent_state *st, const char *text, size_t a, size_t b)
{
    for (;;) {
        if (a >= b)
            return 0;
        unsigned bits;
        size_t known = gazetteer_match(st, text, a, b, &bits);
        if (known >= 2)     /* a known name holds together, even in a headline */
            return known == b - a ? push_name(st, a, b) : split_known(st, text, a, b);
        const tok *t = &st->toks[a];
        if (!(weak_capital(st, text, t) || cap_stopword(text, t) || (t->lex & LX_NOTNAME) ||
              is_connector(text, t) || t->cls != GALLEY_TOK_WORD))
            break;
        a++;
    }
    while (b > a && (st->toks[b - 1].cls != GALLEY_TOK_WORD || is_connector(text, &st->toks[b - 1]))
           && !(b - 1 > a && name_period(text, &st->toks[b - 2], &st->toks[b - 1])))
        b--;
    if (a >= b)
        return 0;
    for (size_t i = a; i < b; i++) {
        const tok *t = &st->toks[i];
        int cut = ((t->lex & LX_NOTNAME) && !(t->lex & (LX_ORG | LX_PLACE))) ||
                  (cap_stopword(text, t) && !is_connector(text, t));
        if (!cut && t->uncertain && i > a && t->cls == GALLEY_TOK_WORD &&
            common_word(st, text, t) && !(t->lex & (LX_TITLE | LX_TITLEMOD | LX_ORGSUF | LX_LOCSUF)))
            cut = 1;
        if (!cut && is_connector(text, t) && i > a) {
            const tok *p = &st->toks[i - 1];
            cut = !(p->lex & (LX_ORGPRE | LX_ORGSUF | LX_TITLE | LX_LOCPRE)) &&
                  !common_word(st, text, p);
        }
        if (cut) {
            if (split_run(st, text, a, i) < 0)
                return -1;
            return split_run(st, text, i + 1, b);
        }
    }
    return split_known(st, text, a, b);
}

static int find_runs(ent_state *st, const char *text)
{
    st->nnames = 0;
    size_t i = 0, n = st->ntoks;
    while (i < n) {
        if (!is_cap(&st->toks[i])) {
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < n && !st->toks[j - 1].poss && !gap_breaks(text, &st->toks[j - 1], &st->toks[j])) {
            const tok *t = &st->toks[j];
            if (is_cap(t) || name_period(text, &st->toks[j - 1], t) ||
                (is_connector(text, t) && j + 1 < n && is_cap(&st->toks[j + 1])) ||
                (tok_is(text, t, "the") && tok_is(text, &st->toks[j - 1], "of") &&
                 j + 1 < n && is_cap(&st->toks[j + 1])))
                j++;
            else
                break;
        }
        if (split_run(st, text, i, j) < 0)
            return -1;
        i = j;
    }
    return 0;
}

/* ---- labels ---- */

static int speech_verb(const char *text, const tok *t)
{
    static const char *const w[] = { "said", "says", "told", "added", "wrote",
        "explained", "stated", "argued", "noted", "asked", "replied", "commented",
        "claimed", "insisted", "believes", "thinks", NULL };
    for (size_t i = 0; w[i]; i++)
        if (tok_is(text, t, w[i]))
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
        if (tok_is(text, t, "of") && i + 1 < nm->b && (st->toks[i + 1].lex & LX_TITLEMOD))
            i++;
        else if (!(t->lex & (LX_TITLE | LX_TITLEMOD)) && !(i > nm->a && name_period(text, &st->toks[i - 1], t)))
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
    return nm->t > 0 && (tok_is(text, &st->toks[nm->t - 1], "the") ||
                         tok_is(text, &st->toks[nm->t - 1], "The"));
}

static int cue_label(const ent_state *st, const char *text, const name *nm)
{
    const tok *first = &st->toks[nm->a], *last = &st->toks[nm->b - 1];
    size_t n = nm->b - nm->a;
    /* "Museum of Flight", "State of Texas": the head stands before "of" */
    for (size_t i = nm->a + 1; i + 1 < nm->b; i++)
        if (tok_is(text, &st->toks[i], "of") || tok_is(text, &st->toks[i], "for") ||
            tok_is(text, &st->toks[i], "on")) {
            last = &st->toks[i - 1];
            break;
        }
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
        if ((t->lex & (LX_GIVEN | LX_SURNAME)) || !(t->lex & (LX_PROPER | LX_PLACE | LX_ORG)))
            personal = 1;
        if (is_connector(text, t) && !tok_is(text, t, "de") && !tok_is(text, t, "van") &&
            !tok_is(text, t, "von") && !tok_is(text, t, "bin") && !tok_is(text, t, "al"))
            return 0;
    }
    return personal;
}

/* "the Haqqani network": a known name may go on in lower case */
static void extend_known(ent_state *st, const char *text, name *nm)
{
    unsigned bits;
    size_t lim = nm->b + 2 < st->ntoks ? nm->b + 2 : st->ntoks;
    size_t k = gazetteer_match(st, text, nm->a, lim, &bits);
    if (k <= nm->b - nm->a || !(bits & LX_ORG))
        return;
    for (size_t i = nm->b; i < nm->a + k; i++)
        if (!(st->toks[i].flags & GALLEY_TOK_LOWER) || gap_breaks(text, &st->toks[i - 1], &st->toks[i]))
            return;
    nm->b = nm->a + k;
}

static void classify(ent_state *st, const char *text, name *nm)
{
    unsigned bits;
    size_t n = nm->b - nm->a;
    extend_known(st, text, nm);
    n = nm->b - nm->a;
    if (gazetteer_match(st, text, nm->a, nm->b, &bits) == n) {
        nm->label = (bits & LX_ORG) ? L_ORG : (bits & (LX_PLACE3 | LX_PLACE2)) ? L_LOC : L_NONE;
        if (nm->label || n > 1) {
            if (!nm->label)
                nm->label = L_LOC;
            return;
        }
    }
    int label = cue_label(st, text, nm);
    if (label && n >= 2 && (st->toks[nm->b - 1].lex & (LX_ORGSUF | LX_LOCSUF))) {
        nm->label = label;  /* "Duke University" is no duke */
        return;
    }
    if (strip_title(st, text, nm)) {
        nm->titled = 1;
        nm->label = nm->a < nm->b ? L_PER : L_NONE;
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
    if (n >= 2 && (first->lex & LX_GIVEN) && !(first->lex & LX_PLACE3)) {
        nm->label = L_PER;
        return;
    }
    if (n == 1 && (first->flags & GALLEY_TOK_ALLCAPS) && !first->uncertain &&
        first->e - first->s >= 2 && first->e - first->s <= 6 &&
        !((first->low & LX_LOWER) && first->e - first->s > 3)) {   /* not shouted "UNLESS" */
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
    return (p->flags & GALLEY_TOK_LOWER) && (p->low & LX_LOCBEFORE) && !common_word(st, text, &st->toks[nm->a]);
}

static int same_text(const char *text, const tok *x, const tok *y)
{
    return x->e - x->s == y->e - y->s && !memcmp(text + x->s, text + y->s, x->e - x->s);
}

static int same_name(const ent_state *st, const char *text, const name *x, const name *y)
{
    if (x->b - x->a != y->b - y->a)
        return 0;
    for (size_t i = 0; i < x->b - x->a; i++)
        if (!same_text(text, &st->toks[x->a + i], &st->toks[y->a + i]))
            return 0;
    return 1;
}

/* Links a short name to a longer one of the document: "Mattis" or
 * "Mr Mattis" to "Jim Mattis", a repeated name to its first mention. */
static void link_names(ent_state *st, const char *text)
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
            if (tok_is(text, last, "Jr") || tok_is(text, last, "Sr") || tok_is(text, last, "."))
                last = &st->toks[y->b - 1 - (tok_is(text, last, ".") ? 1 : 0)];
            if (tok_is(text, last, "Jr") || tok_is(text, last, "Sr"))
                last--;
            /* "Isabel" for "Isabel Allende" too, when it is a given name */
            int hit = x->b - x->a == 1 ? same_text(text, &st->toks[x->a], last) ||
                                         ((st->toks[x->a].lex & LX_GIVEN) &&
                                          same_text(text, &st->toks[x->a], &st->toks[y->a]))
                                      : same_text(text, &st->toks[x->b - 1], last) &&
                                        same_text(text, &st->toks[x->a], &st->toks[y->a]);
            if (hit && !(x->label == L_LOC && (st->toks[x->a].lex & (LX_PLACE3 | LX_PLACE2)))) {
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
                same_name(st, text, x, &st->names[j])) {
                x->label = st->names[j].label;
                break;
            }
    }
}

/* "Cambridge, Massachusetts": a place, a comma and its region or country
 * are one place (the parts stay mentions of their own). */
static int join_places(ent_state *st, const char *text)
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
            !tok_is(text, &st->toks[x->b], ",") || st->toks[x->b].sent != st->toks[y->a].sent ||
            !(st->toks[y->a].lex & (LX_PLACE2 | LX_PLACE3)) || y->b - y->a > 3)
            continue;
        if (push_name(st, x->a, y->b) < 0)
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
        if (tok_is(text, t, words[i]))
            return 1;
    return 0;
}

static int is_country(const ent_state *st, const char *text, const name *x)
{
    unsigned bits;
    return gazetteer_match(st, text, x->a, x->b, &bits) == x->b - x->a && (bits & LX_PLACE3);
}

/* "Sweden defeated South Korea": in a match report a country is its team */
static void teams(ent_state *st, const char *text)
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
            if (j != i && st->names[j].label == L_ORG && same_name(st, text, x, &st->names[j])) {
                x->label = L_ORG;
                break;
            }
    }
}

static void label_rest(ent_state *st, const char *text)
{
    for (size_t i = 0; i < st->nnames; i++) {
        name *x = &st->names[i];
        if (x->label != L_NONE)
            continue;
        const tok *t = &st->toks[x->a];
        if (x->b - x->a == 1 && (t->lex & (LX_ORGSUF | LX_ORGPRE)) && !t->uncertain &&
            x->t > 0 && tok_is(text, &st->toks[x->t - 1], "the"))
            x->label = L_ORG;   /* "the Church", "the University" */
        else if (person_context(st, text, x) || (t->lex & (LX_SURNAME | LX_GIVEN)))
            x->label = L_PER;
        else if (place_context(st, text, x))
            x->label = L_LOC;
        else if (!common_word(st, text, t))
            x->label = L_MISC;
    }
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
        n += t->e - t->s;
    }
    out[n] = '\0';
    return out;
}

/* "the Google search", "the NATO alliance": the name only modifies the noun
 * after it, so "the" belongs to that noun.  A lower-case word that is not a
 * function word and does not look like a verb is taken as that noun. */
static int modifies_noun(const ent_state *st, const char *text, const name *nm)
{
    if (nm->b >= st->ntoks)
        return 0;
    const tok *n = &st->toks[nm->b];
    size_t len = n->e - n->s;
    if (n->cls != GALLEY_TOK_WORD || !(n->flags & GALLEY_TOK_LOWER) || n->s > st->toks[nm->b - 1].e + 1 ||
        galley_is_stopword(text + n->s, len))
        return 0;
    const char *w = text + n->s;
    int verbish = (len > 3 && !memcmp(w + len - 2, "ed", 2)) || (len > 4 && !memcmp(w + len - 3, "ing", 3)) ||
                  (len > 3 && w[len - 1] == 's' && w[len - 2] != 's');
    return !verbish;
}

static size_t span_start(const ent_state *st, const char *text, const name *nm)
{
    size_t t = nm->t;
    if ((nm->label == L_ORG || nm->label == L_LOC || nm->titled == 2) && t > 0 && !nm->nested &&
        !modifies_noun(st, text, nm)) {
        const tok *p = &st->toks[t - 1];
        if ((tok_is(text, p, "the") || tok_is(text, p, "The")) && !gap_breaks(text, p, &st->toks[t]))
            return p->s;
    }
    return st->toks[t].s;
}

static void add_name(ent_state *st, galley_doc *doc, const char *text, const name *nm,
                     galley_counter **seen)
{
    galley_doc_add_span(doc, "entity", span_start(st, text, nm), st->toks[nm->b - 1].e,
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
        size_t k = gazetteer_match(st, text, i, i == nm->a && end == nm->b ? end - 1 : end, &bits);
        if (k == 0 || (i == nm->a && i + k == nm->b) || !(bits & (LX_PLACE3 | LX_PLACE2)) || (bits & LX_ORG))
            continue;
        name sub = { i, i + k, i, (bits & LX_ORG) ? L_ORG : L_LOC, 0, 1, -1 };
        add_name(st, doc, text, &sub, seen);
        i += k - 1;
    }
}

/* "the Andy Warhol Foundation": a person of the document named at the
 * start of an institution's or a thing's name is a mention of them too. */
static void add_nested_person(ent_state *st, galley_doc *doc, const char *text, const name *nm,
                              galley_counter **seen)
{
    for (size_t j = 0; j < st->nnames; j++) {
        const name *p = &st->names[j];
        size_t k = p->b - p->a;
        if (p->label != L_PER || p->titled == 2 || k == 0 || k >= nm->b - nm->a)
            continue;
        name probe = { nm->a, nm->a + k, nm->a, L_PER, 0, 1, -1 };
        if (!same_name(st, text, &probe, p))
            continue;
        probe.link = p->link >= 0 ? p->link : (long)j;
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

static galley_status ent_process(void *state, galley_doc *doc)
{
    ent_state *st = state;
    size_t len;
    const char *text = galley_doc_text(doc, &len);
    if (!text || len == 0)
        return GALLEY_OK;
    if (tokenize(st, text, len) < 0)
        return galley_doc_fail(doc, "entities: out of memory tokenizing %zu bytes", len);
    mark_positions(st, text, len);
    gather_evidence(st, text);
    if (find_runs(st, text) < 0)
        return galley_doc_fail(doc, "entities: out of memory collecting names");
    for (size_t i = 0; i < st->nnames; i++)
        classify(st, text, &st->names[i]);
    link_names(st, text);
    label_rest(st, text);
    teams(st, text);
    if (join_places(st, text) < 0)
        return galley_doc_fail(doc, "entities: out of memory joining places");
    emit(st, doc, text, st->fields);
    return GALLEY_OK;
}

GALLEY_PLUGIN(entities,
    .kind = GALLEY_EXTRACT,
    .summary = "named entities (PERSON, ORG, LOC) from gazetteers, name lists and capitalisation",
    .options = ent_options,
    .provides = "entity people places organizations",
    .open = ent_open, .process = ent_process, .close = ent_close);
