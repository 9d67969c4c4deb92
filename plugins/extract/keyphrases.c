/* plugins/extract/keyphrases.c - ranked key phrases: runs of content words
 * grouped by their stems ("drone"/"drones" count once), scored by frequency,
 * position and spread; writes the multi-valued `keyword` field with scores. */
#include <galley/galley.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAXW 8          /* hard limit of words in a phrase */
#ifndef EXTRACT_WORDLIST
#define EXTRACT_WORDLIST "/usr/share/dict/words"
#endif

typedef struct cand {
    size_t count;       /* occurrences */
    size_t first;       /* sentence of the first occurrence */
    size_t last;        /* sentence of the last occurrence */
    size_t nwords;
    size_t caps;        /* occurrences capitalised mid-sentence */
    size_t mod;         /* occurrences followed by a content word (a modifier) */
    size_t surf_s, surf_e;  /* first occurrence, bytes */
    double score;
} cand;

typedef struct word {   /* one token of the current sentence */
    size_t s, e;
    int content;        /* may be part of a phrase */
    int cap;            /* capitalised, not the first word */
    int upper;          /* capitalised content word (name-like), any position */
    int poss;           /* ends in a possessive 's */
    unsigned flags;     /* the token's case flags */
    size_t stem;        /* index in the stem counter */
} word;

/* the stop list, df table and word list: loaded once per process and
 * shared by the workers (galley_shared_get), never changed after loading */
typedef struct kp_data {
    galley_counter *stop;       /* extra stop and boilerplate words */
    galley_counter *df;         /* stem -> documents of the bundled corpus */
    galley_counter *common;     /* lower-case words of the word list */
    galley_counter *proper;     /* its capitalised words, case-folded */
    double ndocs;               /* documents behind df */
} kp_data;

typedef struct kp_state {
    galley_stemmer *stem;
    const kp_data *d;
    int english;                /* the word list applies to the language */
    galley_counter *stems;      /* stem -> occurrences in the doc */
    galley_counter *groups;     /* phrase stems -> index in cands */
    cand *cands;
    size_t ncands, capcands;
    word *words;
    size_t capwords;
    size_t count, max_words;
    double *capmid, *lower;     /* per stem: capitalised mid-sentence, lower case */
    size_t capstems;
} kp_state;

static const galley_option kp_options[] = {
    { GALLEY_OPT_INT, "count", "10", 0, 1, 100, "key phrases to keep", NULL },
    { GALLEY_OPT_INT, "max_words", "3", 0, 1, MAXW, "longest phrase, in words", NULL },
    { GALLEY_OPT_STRING, "language", "english", 0, 0, 0,
      "libstemmer language used to group word forms", NULL },
    { GALLEY_OPT_STRING, "data", NULL, GALLEY_OPT_PATH, 0, 0,
      "folder of keyphrase-stopwords.txt and keyphrase-df.txt (default: $GALLEY_DATADIR/extract, the installed data, the source tree)", NULL },
    { GALLEY_OPT_STRING, "wordlist", EXTRACT_WORDLIST, GALLEY_OPT_PATH, 0, 0,
      "English word list: tells a name seen only in a headline (\"Rajaratnam\") from a common word; \"\" for none", NULL },
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

/* keyphrase-df.txt: a count of documents, then stem<TAB>documents lines */
static int load_df(kp_data *d, const char *path, char **why)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return *why = read_error(path, errno), -1;
    char line[256];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        char *tab = strchr(line, '\t');
        if (!tab)
            d->ndocs = atof(line);
        else
            galley_counter_add(d->df, line, (size_t)(tab - line), atof(tab + 1));
    }
    fclose(f);
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
    FILE *f = fopen(path, "r");
    if (!f)
        return *why = read_error(path, errno), -1;
    char line[256];
    while (fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\r\n");
        if (n && line[0] != '#')
            galley_counter_add(d->stop, line, n, 1);
    }
    fclose(f);
    char *slash = strrchr(path, '/');
    if (slash && (size_t)(slash - path) + sizeof "/keyphrase-df.txt" <= sizeof path) {
        strcpy(slash, "/keyphrase-df.txt");
        return load_df(d, path, why);
    }
    return 0;
}

/* Only the lower-case entries: a word missing here is shown as written
 * when the article never says how it is cased mid-sentence. */
static void load_wordlist(kp_data *d, galley_stage *stage, const char *path)
{
    if (!path || !*path)
        return;
    FILE *f = fopen(path, "r");
    if (!f) {
        galley_stage_info(stage, "no word list at %s (%s); words seen only in headlines "
                          "are shown in lower case", path, strerror(errno));
        return;
    }
    char line[256];
    while (fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\r\n");
        char buf[256];
        if (!n || memchr(line, '\'', n))
            continue;
        if (line[0] >= 'a' && line[0] <= 'z')
            galley_counter_add(d->common, line, n, 1);
        else if (line[0] >= 'A' && line[0] <= 'Z' && n > 1 && !(line[1] >= 'A' && line[1] <= 'Z') &&
                 (n = galley_casefold(line, n, buf, sizeof buf)) < sizeof buf)   /* not "NATO" */
            galley_counter_add(d->proper, buf, n, 1);
    }
    fclose(f);
}

static void data_free(void *p)
{
    kp_data *d = p;
    galley_counter_free(d->stop);
    galley_counter_free(d->df);
    galley_counter_free(d->common);
    galley_counter_free(d->proper);
    free(d);
}

/* galley_shared_load: what the stage's 'data' and 'wordlist' name */
static void *load_data(void *arg, char **why)
{
    galley_stage *stage = arg;
    kp_data *d = calloc(1, sizeof *d);
    if (d) {
        d->stop = galley_counter_new();
        d->df = galley_counter_new();
        d->common = galley_counter_new();
        d->proper = galley_counter_new();
    }
    if (!d || !d->stop || !d->df || !d->common || !d->proper) {
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
    galley_counter_free(st->stems);
    galley_counter_free(st->groups);
    free(st->cands);
    free(st->words);
    free(st->capmid);
    free(st->lower);
    free(st);
    return GALLEY_OK;
}

static galley_status kp_open(galley_stage *stage, void **state)
{
    kp_state *st = calloc(1, sizeof *st);
    if (!st)
        return galley_stage_fail(stage, "out of memory");
    const char *lang = galley_opt_str(stage, "language");
    st->count = (size_t)galley_opt_int(stage, "count");
    st->max_words = (size_t)galley_opt_int(stage, "max_words");
    st->stem = galley_stemmer_new(lang);
    st->stems = galley_counter_new();
    st->groups = galley_counter_new();
    if (!st->stem) {
        kp_close(st);
        return galley_stage_fail(stage, "no stemmer for language '%s' (libstemmer names: "
                                 "english, porter, french, german, ...)", lang);
    }
    if (!st->stems || !st->groups) {
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
    st->english = !strcmp(lang, "english") || !strcmp(lang, "porter") || !strcmp(lang, "en");
    *state = st;
    return GALLEY_OK;
}

/* ---- candidates ---- */

static int is_stop(const kp_state *st, const char *w, size_t n)
{
    char buf[128];
    if (galley_is_stopword(w, n))
        return 1;
    size_t m = galley_casefold(w, n, buf, sizeof buf);
    return m >= sizeof buf || galley_counter_find(st->d->stop, buf, m) != (size_t)-1;
}

/* A word that may stand in a phrase: letters, not a stop word, not a
 * single letter. */
static int extra_stop(const kp_state *st, const char *w, size_t n)
{
    char buf[128];
    size_t m = galley_casefold(w, n, buf, sizeof buf);
    return m >= sizeof buf || galley_counter_find(st->d->stop, buf, m) != (size_t)-1;
}

static int content_word(const kp_state *st, const char *text, const galley_token *t,
                        const galley_token *next, int first)
{
    const char *w = text + t->start;
    size_t n = t->end - t->start;
    if (t->cls != GALLEY_TOK_WORD || n < 2)
        return 0;
    if (!is_stop(st, w, n))
        return 1;
    if ((t->flags & GALLEY_TOK_ALLCAPS) && n == 2 && !extra_stop(st, w, n))
        return 1;       /* "US" is not "us" */
    /* "New" in "New Zealand": a capitalised word of the stop list that
     * starts a name mid-sentence */
    return !first && (t->flags & GALLEY_TOK_CAPITALIZED) && !galley_is_stopword(w, n) && next &&
           next->cls == GALLEY_TOK_WORD && (next->flags & GALLEY_TOK_CAPITALIZED);
}

static size_t possessive_len(const char *w, size_t n)
{
    if (n > 2 && w[n - 1] == 's' && w[n - 2] == '\'')
        return 2;
    if (n > 4 && w[n - 1] == 's' && !memcmp(w + n - 4, "\xe2\x80\x99", 3))
        return 4;
    return 0;
}

static cand *get_cand(kp_state *st, const char *key, size_t n, int *fresh)
{
    size_t before = galley_counter_size(st->groups);
    size_t i = galley_counter_add(st->groups, key, n, 1);
    *fresh = galley_counter_size(st->groups) > before;
    if (*fresh) {
        if (galley_reserve(&st->cands, &st->capcands, st->ncands + 1, sizeof *st->cands) < 0)
            return NULL;
        memset(&st->cands[i], 0, sizeof st->cands[i]);
        st->ncands = i + 1;
    }
    return &st->cands[i];
}

/* Records the phrase words[a, b) of sentence `sent`. */
static int add_phrase(kp_state *st, const word *w, size_t a, size_t b, size_t nw, size_t sent)
{
    char key[512];
    size_t n = 0, caps = 0;
    for (size_t i = a; i < b; i++) {
        size_t kl;
        const char *k = galley_counter_key(st->stems, w[i].stem, &kl);
        if (n + kl + 1 >= sizeof key)
            return 0;
        if (i > a)
            key[n++] = ' ';
        memcpy(key + n, k, kl);
        n += kl;
        caps += w[i].cap;
    }
    int fresh;
    cand *c = get_cand(st, key, n, &fresh);
    if (!c)
        return -1;
    if (fresh) {
        c->first = sent;
        c->nwords = b - a;
        c->surf_s = w[a].s;
        c->surf_e = w[b - 1].e;
    }
    c->count++;
    c->mod += b < nw && w[b].content && !w[b - 1].poss;
    c->last = sent;
    c->caps += caps == b - a;
    return 0;
}

static int grow_words(kp_state *st, size_t need)
{
    return galley_reserve(&st->words, &st->capwords, need, sizeof *st->words);
}

/* Collects the words of one sentence; a punctuation mark between two words
 * ends a phrase, so it is kept as a non-content word. */
static int grow_stems(kp_state *st, size_t need)
{
    if (need <= st->capstems)
        return 0;
    size_t cap = st->capstems ? st->capstems * 2 : 1024;
    while (cap < need)
        cap *= 2;
    double *a = realloc(st->capmid, cap * sizeof *a);
    if (!a)
        return -1;
    st->capmid = a;
    double *b = realloc(st->lower, cap * sizeof *b);
    if (!b)
        return -1;
    st->lower = b;
    memset(a + st->capstems, 0, (cap - st->capstems) * sizeof *a);
    memset(b + st->capstems, 0, (cap - st->capstems) * sizeof *b);
    st->capstems = cap;
    return 0;
}

/* The stem that groups a word's forms. Snowball keeps the -s of "menus"
 * (as of "virus"), so "menu" and "menus" would rank twice: a -us word whose
 * singular is in the word list loses the -s first. */
static const char *word_stem(kp_state *st, const char *w, size_t n, size_t *sl)
{
    char buf[128];
    if (st->english && n > 3 && n < sizeof buf && w[n - 1] == 's' && w[n - 2] == 'u') {
        size_t m = galley_casefold(w, n - 1, buf, sizeof buf);
        if (m < sizeof buf && galley_counter_find(st->d->common, buf, m) != (size_t)-1)
            n--;
    }
    return galley_stem(st->stem, w, n, sl);
}

/* Records a content word's stem and how the article writes it. */
static int stem_word(kp_state *st, const char *text, word *w, unsigned flags)
{
    size_t len = w->e - w->s - possessive_len(text + w->s, w->e - w->s), sl;
    const char *stem = word_stem(st, text + w->s, len, &sl);
    w->stem = galley_counter_add(st->stems, stem, sl, 1);
    if (grow_stems(st, w->stem + 1) < 0)
        return -1;
    if (flags & GALLEY_TOK_LOWER)
        st->lower[w->stem] += 1;
    else if (w->cap)
        st->capmid[w->stem] += 1;
    return 0;
}

/* In a headline or shouted sentence capitals say nothing about names. */
static void unmark_headline(word *w, size_t n)
{
    size_t words = 0, upper = 0;
    for (size_t i = 0; i < n; i++) {
        words += w[i].content;
        upper += w[i].upper;
    }
    if (words < 3 || upper * 10 < words * 7)
        return;
    for (size_t i = 0; i < n; i++)
        w[i].upper = w[i].cap = 0;
}

static size_t sentence_words(kp_state *st, const char *text, size_t s, size_t e, int *err)
{
    galley_tokenizer tz;
    galley_token t, next;
    size_t n = 0, k = 0;
    galley_tok_init(&tz, text + s, e - s);
    int more = galley_tok_next(&tz, &t);
    while (more) {
        int has_next = galley_tok_next(&tz, &next);
        if (grow_words(st, n + 1) < 0) {
            *err = 1;
            return 0;
        }
        word *w = &st->words[n++];
        w->s = s + t.start;
        w->e = s + t.end;
        w->content = content_word(st, text + s, &t, has_next ? &next : NULL, k == 0);
        w->cap = k++ > 0 && (t.flags & (GALLEY_TOK_CAPITALIZED | GALLEY_TOK_ALLCAPS));
        w->upper = w->content && (t.flags & (GALLEY_TOK_CAPITALIZED | GALLEY_TOK_ALLCAPS));
        w->poss = t.cls == GALLEY_TOK_WORD && possessive_len(text + w->s, w->e - w->s) > 0;
        w->flags = t.flags;
        w->stem = 0;
        t = next;
        more = has_next;
    }
    unmark_headline(st->words, n);
    for (size_t i = 0; i < n; i++)
        if (st->words[i].content && stem_word(st, text, &st->words[i], st->words[i].flags) < 0) {
            *err = 1;
            return 0;
        }
    return n;
}

/* Part of a longer name ("Zealand" of "New Zealand", "Grand" of "Grand
 * Mosque"): a phrase never starts or ends inside a run of capitalised words. */
static int name_fragment(const word *w, size_t n, size_t i, size_t j)
{
    if (i > 0 && w[i].upper && w[i - 1].upper && w[i - 1].cap && !w[i - 1].poss)
        return 1;
    return j + 1 < n && w[j].upper && w[j + 1].upper && w[j + 1].cap && !w[j].poss;
}

static int ends_with(const char *w, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k + 2 && !memcmp(w + n - k, suffix, k);
}

/* "highly", "recently": adverbs by their suffix (unless capitalised
 * mid-sentence, as a name is) */
static int adverb(const char *text, const word *w)
{
    static const char *const sfx[] = { "ally", "ously", "ively", "fully", "edly", "ingly",
                                       "ately", "ently", "antly", "ibly", "ably", "ghly", NULL };
    if (w->cap)
        return 0;
    for (const char *const *p = sfx; *p; p++)
        if (ends_with(text + w->s, w->e - w->s, *p))
            return 1;
    return 0;
}

/* A phrase is noun-phrase-like: it neither starts with an adverb nor ends
 * with one or with a past-tense verb ("services disrupted", "woman mauled");
 * one word alone is always a candidate (readers do pick "drastically"). */
static int phrase_shape(const char *text, const word *w, size_t i, size_t j)
{
    if (i == j)
        return 1;
    const char *last = text + w[j].s;
    size_t n = w[j].e - w[j].s;
    if (!w[j].cap && ends_with(last, n, "ed") && !ends_with(last, n, "eed"))
        return 0;
    return !adverb(text, &w[i]) && !adverb(text, &w[j]);
}

static int collect(kp_state *st, const char *text, size_t len, size_t *nsent)
{
    galley_sentencer it;
    size_t s, e, sent = 0;
    galley_sent_init(&it, text, len);
    while (galley_sent_next(&it, &s, &e)) {
        int err = 0;
        size_t n = sentence_words(st, text, s, e, &err);
        if (err)
            return -1;
        for (size_t i = 0; i < n; i++) {
            for (size_t j = i; j < n && j < i + st->max_words && st->words[j].content; j++) {
                if (!name_fragment(st->words, n, i, j) && phrase_shape(text, st->words, i, j) &&
                    add_phrase(st, st->words, i, j + 1, n, sent) < 0)
                    return -1;
                if (st->words[j].poss)  /* "Mecca's": nothing follows in the phrase */
                    break;
            }
        }
        sent++;
    }
    *nsent = sent;
    return 0;
}

/* ---- scoring ---- */

/* rarer in the bundled news corpus = more telling of this article */
static double idf(const kp_state *st, const char *stem, size_t n)
{
    size_t j = galley_counter_find(st->d->df, stem, n);
    double df = j == (size_t)-1 ? 0 : galley_counter_value(st->d->df, j);
    return log((st->d->ndocs + 1.0) / (df + 1.0)) + 1.0;
}

static void score(kp_state *st, size_t nsent)
{
    for (size_t i = 0; i < st->ncands; i++) {
        cand *c = &st->cands[i];
        size_t kl;
        const char *key = galley_counter_key(st->groups, i, &kl);
        double rare = 0, lenf = 0;
        for (size_t p = 0, q; p < kl; p = q + 1) {
            for (q = p; q < kl && key[q] != ' '; q++)
                ;
            rare += idf(st, key + p, q - p);
            lenf += (double)(q - p < 9 ? q - p : 9);
        }
        lenf /= (double)c->nwords;
        rare /= (double)c->nwords;
        /* what tells a key word here (measured on news): it recurs, it
         * comes early, it is rare elsewhere, and it is a longer word */
        double pos = 2.0 - (double)c->first / (double)(nsent ? nsent : 1);
        double spread = nsent > 1 ? 1.0 + (double)(c->last - c->first) / (double)nsent : 1.0;
        double s = (double)c->count * sqrt(rare) * pos * spread * lenf;
        /* a word only ever seen before another content word modifies it
         * ("long-term", "nuclear" of "nuclear talks"): less of a key alone */
        s *= 1.0 - 0.4 * (double)c->mod / (double)c->count;
        /* key lists are mostly single words: a phrase must recur to
         * compete with its own words, which keep their own scores */
        if (c->nwords > 1)
            s *= c->count > 1 ? 0.3 : 0.01;
        c->score = s;
    }
}

/* "San Francisco" makes "San" and "Francisco" redundant: a word that
 * never occurs outside one recurring phrase gives way to the phrase. */
static void drop_parts(kp_state *st)
{
    for (size_t i = 0; i < st->ncands; i++) {
        const cand *c = &st->cands[i];
        if (c->nwords < 2 || c->count < 2)
            continue;
        size_t kl;
        const char *key = galley_counter_key(st->groups, i, &kl);
        for (size_t p = 0, q; p < kl; p = q + 1) {
            for (q = p; q < kl && key[q] != ' '; q++)
                ;
            size_t j = galley_counter_find(st->groups, key + p, q - p);
            if (j != (size_t)-1 && c->count >= st->cands[j].count)
                st->cands[j].score = -1;
        }
    }
}

/* one candidate in the ranking (no global state: workers sort at once) */
typedef struct ranked {
    double score;
    size_t first, idx;
} ranked;

static int by_score(const void *x, const void *y)
{
    const ranked *a = x, *b = y;
    if (a->score != b->score)
        return a->score < b->score ? 1 : -1;
    return a->first < b->first ? -1 : a->first > b->first;
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

/* The phrase as a reader sees it: its first occurrence, each word in lower
 * case unless the article mostly capitalises it, white space collapsed. */
static char *display(kp_state *st, galley_doc *doc, const char *text, const cand *c)
{
    size_t n = c->surf_e - c->surf_s;
    n -= possessive_len(text + c->surf_s, n);
    char *out = galley_doc_alloc(doc, n * 4 + 1);
    size_t m = 0;
    int whole = c->caps * 2 > c->count;     /* "Grand Mosque" as a name */
    galley_tokenizer tz;
    galley_token t;
    galley_tok_init(&tz, text + c->surf_s, n);
    while (galley_tok_next(&tz, &t)) {
        const char *w = text + c->surf_s + t.start;
        size_t len = t.end - t.start, sl;
        if (m > 0)
            out[m++] = ' ';
        const char *stem = word_stem(st, w, len - possessive_len(w, len), &sl);
        size_t k = galley_counter_find(st->stems, stem, sl);
        double up = k != (size_t)-1 && k < st->capstems ? st->capmid[k] : 0;
        double low = k != (size_t)-1 && k < st->capstems ? st->lower[k] : 0;
        int acronym = (t.flags & GALLEY_TOK_ALLCAPS) && len <= 5 && !shouted_word(st, w, len);
        int keep = whole || acronym || up > low ||
                   (up == 0 && low == 0 && (inner_capital(w, len) || unknown_capital(st, w, len, t.flags)));
        if (keep && (t.flags & GALLEY_TOK_ALLCAPS) && !acronym) {
            /* a shouted name (the dateline's ISLAMABAD) in title case */
            size_t f = galley_casefold(w, len, out + m, n * 4 + 1 - m);
            if (f < n * 4 + 1 - m) {
                if (out[m] >= 'a' && out[m] <= 'z')
                    out[m] = (char)(out[m] - ('a' - 'A'));
                m += f;
            }
        } else if (keep) {
            memcpy(out + m, w, len);
            m += len;
        } else {
            size_t f = galley_casefold(w, len, out + m, n * 4 + 1 - m);
            m += f < n * 4 + 1 - m ? f : 0;
        }
    }
    out[m] = '\0';
    return out;
}

static galley_status kp_process(void *state, galley_doc *doc)
{
    kp_state *st = state;
    size_t len, nsent = 0;
    const char *text = galley_doc_text(doc, &len);
    galley_counter_clear(st->stems);
    galley_counter_clear(st->groups);
    st->ncands = 0;
    if (st->capstems) {
        memset(st->capmid, 0, st->capstems * sizeof *st->capmid);
        memset(st->lower, 0, st->capstems * sizeof *st->lower);
    }
    if (!text || len == 0)
        return GALLEY_OK;
    if (collect(st, text, len, &nsent) < 0)
        return galley_doc_fail(doc, "keyphrases: out of memory on %zu bytes", len);
    if (st->ncands == 0)
        return GALLEY_OK;
    score(st, nsent);
    drop_parts(st);
    ranked *order = malloc(st->ncands * sizeof *order);
    if (!order)
        return galley_doc_fail(doc, "keyphrases: out of memory ranking %zu phrases", st->ncands);
    for (size_t i = 0; i < st->ncands; i++) {
        order[i].score = st->cands[i].score;
        order[i].first = st->cands[i].first;
        order[i].idx = i;
    }
    qsort(order, st->ncands, sizeof *order, by_score);
    double top = order[0].score;
    galley_doc_remove_field(doc, "keyword");
    for (size_t i = 0; i < st->ncands && i < st->count; i++) {
        const cand *c = &st->cands[order[i].idx];
        if (c->score <= 0)
            break;
        galley_doc_add_field(doc, "keyword", display(st, doc, text, c),
                             round(c->score / top * 1000.0) / 1000.0);
    }
    free(order);
    return GALLEY_OK;
}

GALLEY_PLUGIN(keyphrases,
    .kind = GALLEY_EXTRACT,
    .summary = "ranked key phrases (stem-grouped runs of content words) as the keyword field",
    .options = kp_options,
    .provides = "keyword",
    .open = kp_open, .process = kp_process, .close = kp_close);
