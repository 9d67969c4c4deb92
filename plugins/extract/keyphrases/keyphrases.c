/* plugins/extract/keyphrases/keyphrases.c - the keyphrases plugin: options,
 * shared data (stop list, df table, POS lexicon, word list), and the ranked
 * noun phrases written, as a reader would write them, to the `keyword` field. */
#include "keyphrases.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef EXTRACT_WORDLIST
#define EXTRACT_WORDLIST "/usr/share/dict/words"
#endif

static const galley_option kp_options[] = {
    { GALLEY_OPT_INT, "count", "10", 0, 1, 100, "key phrases to keep", NULL },
    { GALLEY_OPT_INT, "max_words", "4", 0, 1, KP_MAXW, "longest phrase, in words", NULL },
    { GALLEY_OPT_STRING, "language", "english", 0, 0, 0,
      "libstemmer language used to group word forms", NULL },
    { GALLEY_OPT_STRING, "data", NULL, GALLEY_OPT_PATH, 0, 0,
      "folder of keyphrase-stopwords.txt and keyphrase-df.txt (default: $GALLEY_DATADIR/extract, the installed data, the source tree)", NULL },
    { GALLEY_OPT_STRING, "wordlist", EXTRACT_WORDLIST, GALLEY_OPT_PATH, 0, 0,
      "English word list: tells a name seen only in a headline (\"Rajaratnam\") from a common word; \"\" for none", NULL },
    { GALLEY_OPT_STRING, "features", "", GALLEY_OPT_PATH, 0, 0,
      "append each candidate's features to this file (for bench/keyphrases/train.sh); \"\" for none", NULL },
    { 0 }
};

/* keyphrase-stopwords.txt: the 'data' option's folder, else the shipped
 * one (galley_data_path); 0, or -1 with the places tried in path */
static int find_stoplist(galley_stage *stage, char *path, size_t cap)
{
    static const char file[] = "keyphrase-stopwords.txt";
    const char *opt = galley_opt_str(stage, "data");
    if (opt && *opt) {
        int n = snprintf(path, cap, "%s/%s", opt, file);
        if (n > 0 && (size_t)n < cap && access(path, R_OK) == 0)
            return 0;
        snprintf(path, cap, "%s is not in %s", file, opt);
        return -1;
    }
    return galley_data_path("extract", file, path, cap);
}

/* "cannot read PATH: REASON" as a malloc()ed message */
static char *read_error(const char *path, int e)
{
    char m[8192];
    snprintf(m, sizeof m, "cannot read %s: %s", path, strerror(e));
    return strdup(m);
}

/* keyphrase-df.txt: a count of documents, then stem<TAB>documents lines;
 * keyphrase-pos.txt: word<TAB>class letter lines */
static int load_table(kp_data *d, const char *path, int pos, char **why)
{
    size_t len, at = 0, n;
    char *data = galley_read_file(path, &len);
    if (!data)
        return *why = read_error(path, errno), -1;
    const char *l;
    while (galley_line_next(data, len, &at, &l, &n)) {
        char line[256];
        if (n >= sizeof line || (n && l[0] == '#'))
            continue;
        memcpy(line, l, n);
        line[n] = '\0';
        char *tab = strchr(line, '\t');
        if (pos && tab)
            galley_counter_add(d->pos, line, (size_t)(tab - line), (double)(unsigned char)tab[1]);
        else if (!tab)
            d->ndocs = atof(line);
        else
            galley_counter_add(d->df, line, (size_t)(tab - line), atof(tab + 1));
    }
    free(data);
    return 0;
}

/* one word a line, '#' comments */
static int load_list(galley_counter *c, const char *path, char **why)
{
    size_t len, at = 0, n;
    char *data = galley_read_file(path, &len);
    if (!data)
        return *why = read_error(path, errno), -1;
    const char *line;
    while (galley_line_next(data, len, &at, &line, &n))
        if (n && line[0] != '#')
            galley_counter_add(c, line, n, 1);
    free(data);
    return 0;
}

static int load_stoplist(kp_data *d, galley_stage *stage, char **why)
{
    char path[4096];
    if (find_stoplist(stage, path, sizeof path) < 0)
    {
        char m[8192];
        snprintf(m, sizeof m, "%s (point the 'data' option or GALLEY_DATADIR at the "
                 "extract data folder)", path);
        return *why = strdup(m), -1;
    }
    if (load_list(d->stop, path, why) < 0)
        return -1;
    /* the other tables sit beside the stop list */
    char *slash = strrchr(path, '/');
    if (!slash || (size_t)(slash - path) + sizeof "/keyphrase-modifiers.txt" > sizeof path)
        return *why = strdup("data folder path too long"), -1;
    strcpy(slash, "/keyphrase-generic.txt");
    if (load_list(d->generic, path, why) < 0)
        return -1;
    strcpy(slash, "/keyphrase-modifiers.txt");
    if (load_list(d->modifier, path, why) < 0)
        return -1;
    strcpy(slash, "/keyphrase-df.txt");
    if (load_table(d, path, 0, why) < 0)
        return -1;
    strcpy(slash, "/keyphrase-pos.txt");
    if (load_table(d, path, 1, why) < 0)
        return -1;
    strcpy(slash, "/keyphrase-weights.txt");
    return kp_load_weights(d->weight, path, why);
}

/* Only the lower-case entries: a word missing here is shown as written
 * when the article never says how it is cased mid-sentence. */
static void load_wordlist(kp_data *d, galley_stage *stage, const char *path)
{
    if (!path || !*path)
        return;
    size_t len, at = 0, n;
    char *data = galley_read_file(path, &len);
    if (!data) {
        galley_stage_info(stage, "no word list at %s (%s); words seen only in headlines "
                          "are shown in lower case", path, strerror(errno));
        return;
    }
    const char *line;
    while (galley_line_next(data, len, &at, &line, &n)) {
        char buf[256];
        if (!n || memchr(line, '\'', n))
            continue;
        if (line[0] >= 'a' && line[0] <= 'z')
            galley_counter_add(d->common, line, n, 1);
        else if (line[0] >= 'A' && line[0] <= 'Z' && n > 1 && !(line[1] >= 'A' && line[1] <= 'Z') &&
                 (n = galley_casefold(line, n, buf, sizeof buf)) < sizeof buf)   /* not "NATO" */
            galley_counter_add(d->proper, buf, n, 1);
    }
    free(data);
}

static void data_free(void *p)
{
    kp_data *d = p;
    galley_counter_free(d->stop);
    galley_counter_free(d->generic);
    galley_counter_free(d->modifier);
    galley_counter_free(d->df);
    galley_counter_free(d->common);
    galley_counter_free(d->proper);
    galley_counter_free(d->pos);
    free(d);
}

/* galley_shared_load: what the stage's 'data' and 'wordlist' name */
static void *load_data(void *arg, char **why)
{
    galley_stage *stage = arg;
    kp_data *d = calloc(1, sizeof *d);
    if (d) {
        d->stop = galley_counter_new();
        d->generic = galley_counter_new();
        d->modifier = galley_counter_new();
        d->df = galley_counter_new();
        d->common = galley_counter_new();
        d->proper = galley_counter_new();
        d->pos = galley_counter_new();
    }
    if (!d || !d->stop || !d->generic || !d->modifier || !d->df || !d->common || !d->proper ||
        !d->pos) {
        if (d)
            data_free(d);
        *why = strdup("out of memory");
        return NULL;
    }
    if (load_stoplist(d, stage, why) < 0) {
        data_free(d);
        return NULL;
    }
    load_wordlist(d, stage, galley_opt_str(stage, "wordlist"));
    return d;
}

static galley_status kp_close(void *state)
{
    kp_state *st = state;
    if (!st)
        return GALLEY_OK;
    galley_stemmer_free(st->stem);
    galley_shared_put((void *)st->d);
    galley_counter_free(st->allstems);
    free(st->gst);
    galley_counter_free(st->forms);
    free(st->slot);
    free(st->words);
    free(st->form);
    free(st->st);
    free(st->cands);
    free(st->ids);
    free(st->feat);
    free(st->top);
    if (st->dump >= 0)
        close(st->dump);
    free(st);
    return GALLEY_OK;
}

static galley_status kp_open(galley_stage *stage, void **state)
{
    kp_state *st = calloc(1, sizeof *st);
    if (!st)
        return galley_stage_fail(stage, "out of memory");
    st->dump = -1;
    const char *lang = galley_opt_str(stage, "language");
    st->count = (size_t)galley_opt_int(stage, "count");
    st->max_words = (size_t)galley_opt_int(stage, "max_words");
    st->stem = galley_stemmer_new(lang);
    st->allstems = galley_counter_new();
    st->forms = galley_counter_new();
    if (!st->stem) {
        kp_close(st);
        return galley_stage_fail(stage, "no stemmer for language '%s' (libstemmer names: "
                                 "english, porter, french, german, ...)", lang);
    }
    if (!st->allstems || !st->forms) {
        kp_close(st);
        return galley_stage_fail(stage, "out of memory");
    }
    const char *data = galley_opt_str(stage, "data"), *wl = galley_opt_str(stage, "wordlist");
    char key[8300], *why = NULL;
    snprintf(key, sizeof key, "extract/keyphrases\n%.4000s\n%.4000s", data ? data : "",
             wl ? wl : "");
    st->d = galley_shared_get(key, load_data, stage, data_free, &why);
    if (!st->d) {
        kp_close(st);
        galley_status r = galley_stage_fail(stage, "%s", why ? why : "cannot load the data");
        free(why);
        return r;
    }
    for (size_t k = 0; k < KP_NPOW; k++)
        st->pow07[k] = pow((double)k, 0.7);
    st->english = !strcmp(lang, "english") || !strcmp(lang, "porter") || !strcmp(lang, "en");
    const char *feat = galley_opt_str(stage, "features");
    if (feat && *feat &&
        (st->dump = open(feat, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644)) < 0) {
        int e = errno;
        kp_close(st);
        return galley_stage_fail(stage, "cannot open the features file %s: %s", feat,
                                 strerror(e));
    }
    *state = st;
    return GALLEY_OK;
}

/* "al-Ikhbariya", "iPhone": a capital after the first letter */
static int inner_capital(const char *w, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (w[i] >= 'A' && w[i] <= 'Z')
            return 1;
    return 0;
}

/* A capitalised word the article only writes where capitals say nothing
 * (headline, sentence start) and the word list does not know in lower
 * case: likely a name ("Rajaratnam"), so it keeps its capital. */
static int unknown_capital(const kp_state *st, const char *w, size_t n, unsigned flags)
{
    char buf[128];
    if (!(flags & GALLEY_TOK_CAPITALIZED) || galley_counter_size(st->d->common) == 0)
        return 0;
    size_t m = galley_casefold(w, n, buf, sizeof buf);
    return m < sizeof buf && galley_counter_find(st->d->common, buf, m) == (size_t)-1;
}

/* "CITY", "KABUL" of a shouted dateline: a word of the word list, not an
 * acronym */
static int shouted_word(const kp_state *st, const char *w, size_t n)
{
    char buf[128];
    if (n < 3)
        return 0;
    size_t m = galley_casefold(w, n, buf, sizeof buf);
    return m < sizeof buf && (galley_counter_find(st->d->common, buf, m) != (size_t)-1 ||
                              galley_counter_find(st->d->proper, buf, m) != (size_t)-1);
}

/* written in capitals as an acronym or abbreviation ("NATO", "D-N.Y."),
 * not as a shouted word: short, or with a period inside, and not a word of
 * the word list */
static int acronym(const kp_state *st, const char *w, size_t len, unsigned flags)
{
    return (flags & GALLEY_TOK_ALLCAPS) && (len <= 5 || memchr(w, '.', len)) &&
           !shouted_word(st, w, len);
}

/* the word keeps its capitals: a name, an acronym */
static int keeps_case(const kp_state *st, const char *text, const kp_word *x, int whole)
{
    const char *w = text + x->s;
    size_t len = x->e - x->s;
    len -= kp_possessive_len(w, len);
    const kp_stem *s = &st->st[x->stem];
    return whole || acronym(st, w, len, x->flags) || s->capmid > s->lower ||
           (s->capmid == 0 && s->lower == 0 &&
            (inner_capital(w, len) || unknown_capital(st, w, len, x->flags)));
}

/* one word of a phrase as a reader sees it, appended at out + *m */
static void show_word(const kp_state *st, const char *text, const kp_word *x, int keep,
                      char *out, size_t cap, size_t *m)
{
    const char *w = text + x->s;
    size_t len = x->e - x->s;
    len -= kp_possessive_len(w, len);
    size_t f;
    if (keep && (x->flags & GALLEY_TOK_ALLCAPS) && !acronym(st, w, len, x->flags)) {
        /* a shouted name (the dateline's ISLAMABAD) in title case */
        f = galley_casefold(w, len, out + *m, cap - *m);
        if (f < cap - *m && out[*m] >= 'a' && out[*m] <= 'z')
            out[*m] = (char)(out[*m] - ('a' - 'A'));
    } else if (keep) {
        memcpy(out + *m, w, len);
        f = len;
    } else {
        f = galley_casefold(w, len, out + *m, cap - *m);
    }
    *m += f < cap - *m ? f : 0;
}

/* written capitalised here, not at the start of a sentence (a headline's
 * words count) unless a name of the word list ("Rod" of "Rod Eddington"),
 * and never in lower case in the article */
static int name_part(const kp_state *st, const kp_word *x)
{
    return (x->mid || st->form[x->form].lexcase == 2) && st->st[x->stem].lower == 0 &&
           (x->flags & GALLEY_TOK_CAPITALIZED) && !(x->flags & GALLEY_TOK_ALLCAPS);
}

/* The phrase as a reader sees it: its first occurrence, each word in lower
 * case unless the article mostly capitalises it, single spaces. */
static char *display(const kp_state *st, galley_doc *doc, const char *text, const kp_cand *c)
{
    const kp_word *w = st->words + c->w0;
    size_t cap = 1;
    for (size_t i = 0; i < c->nwords; i++)
        cap += (w[i].e - w[i].s) * 4 + 1;
    char *out = galley_doc_alloc(doc, cap);
    if (!out)
        return NULL;
    size_t m = 0;
    int whole = c->caps * 2 > c->count;     /* "Grand Mosque" as a name */
    unsigned char keep[KP_MAXW];
    for (size_t i = 0; i < c->nwords; i++)
        keep[i] = (unsigned char)keeps_case(st, text, &w[i], whole);
    /* a capitalised word the article never writes in lower case, next to
     * a name, is part of it: "New York", "Finger Lakes", "True Grit star"
     * of a headline, not "new York" */
    for (size_t i = c->nwords; i-- > 1;)
        keep[i - 1] |= keep[i] && name_part(st, &w[i - 1]);
    for (size_t i = 1; i < c->nwords; i++)
        keep[i] |= keep[i - 1] && name_part(st, &w[i]);
    for (size_t i = 0; i < c->nwords; i++) {
        if (i > 0)
            out[m++] = ' ';
        show_word(st, text, &w[i], keep[i], out, cap, &m);
    }
    out[m] = '\0';
    return out;
}

static void reset(kp_state *st)
{
    st->ncands = st->nwords = st->nids = st->nst = 0;
    /* a new clock for the kept forms and the phrase slots; the caches
     * start over when big or when the clock would wrap */
    if (st->nform > KP_CACHE || ++st->gen == UINT32_MAX) {
        galley_counter_clear(st->forms);
        galley_counter_clear(st->allstems);
        st->nform = 0;
        if (st->nslot)
            memset(st->slot, 0, st->nslot * sizeof *st->slot);
        st->gen = 1;
    }
}

/* A giant article's token array (28 bytes a token) is given back as soon as
 * its document is done, so the later stages' peak does not stack on it. */
static void trim(kp_state *st)
{
    if (st->capwords > 65536) {
        free(st->words);
        st->words = NULL;
        st->capwords = 0;
    }
}

/* the chosen phrases as the keyword field, best first */
static galley_status write_keywords(kp_state *st, galley_doc *doc, const char *text)
{
    size_t best[100];
    size_t n = kp_choose(st, best, st->count < 100 ? st->count : 100);
    if (n == (size_t)-1)
        return galley_doc_fail(doc, "keyphrases: out of memory ranking %zu phrases", st->ncands);
    galley_doc_remove_field(doc, "keyword");
    for (size_t i = 0; i < n; i++) {
        const kp_cand *c = &st->cands[best[i]];
        char *v = display(st, doc, text, c);
        if (!v)
            return galley_doc_fail(doc, "keyphrases: out of memory");
        /* the learned score is a log-odds: as a weight, 1 for the best */
        galley_doc_add_field(doc, "keyword", v,
                             round(exp(c->score - st->cands[best[0]].score) * 1000.0) / 1000.0);
    }
    return GALLEY_OK;
}

/* every shown-able candidate with its features, for the trainer */
static galley_status dump_features(kp_state *st, galley_doc *doc, const char *text)
{
    const char **shown = galley_doc_alloc(doc, (st->ncands + 1) * sizeof *shown);
    double *feat = galley_doc_alloc(doc, (st->ncands + 1) * KP_NFEAT * sizeof *feat);
    size_t n = 0;
    if (!shown || !feat)
        return galley_doc_fail(doc, "keyphrases: out of memory");
    for (size_t i = 0; i < st->ncands; i++) {
        if (!st->cands[i].top)
            continue;
        if (!(shown[n] = display(st, doc, text, &st->cands[i])))
            return galley_doc_fail(doc, "keyphrases: out of memory");
        memcpy(feat + n * KP_NFEAT, st->feat + i * KP_NFEAT, KP_NFEAT * sizeof *feat);
        n++;
    }
    if (kp_dump(st->dump, galley_doc_id(doc), shown, feat, n) < 0)
        return galley_doc_fail(doc, "keyphrases: cannot write the features file: %s",
                               strerror(errno));
    return GALLEY_OK;
}

static galley_status kp_process(void *state, galley_doc *doc)
{
    kp_state *st = state;
    size_t len, nsent = 0;
    const char *text = galley_doc_text(doc, &len);
    galley_status r = GALLEY_OK;
    reset(st);
    if (!text || len == 0)
        return GALLEY_OK;
    if (len > UINT32_MAX)
        r = galley_doc_fail(doc, "keyphrases: the text is %zu bytes, over the %lu this stage "
                            "handles; split the document", len, (unsigned long)UINT32_MAX);
    else if (kp_collect(st, doc, text, len, &nsent) < 0 || kp_rank(st, nsent) < 0)
        r = galley_doc_fail(doc, "keyphrases: out of memory on %zu bytes", len);
    else
        r = write_keywords(st, doc, text);
    if (r == GALLEY_OK && st->dump >= 0)
        r = dump_features(st, doc, text);
    trim(st);
    return r;
}

GALLEY_PLUGIN(keyphrases,
    .kind = GALLEY_EXTRACT,
    .summary = "ranked key phrases (noun phrases scored by frequency, position and rarity) as the keyword field",
    .options = kp_options,
    .provides = "keyword",
    .open = kp_open, .process = kp_process, .close = kp_close);
