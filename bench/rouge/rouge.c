/* bench/rouge/rouge.c - the ROUGE scorer behind bench/rouge/run and its unit
 * tests (tests/summarize/test_rouge.c).  See rouge.h for the definition. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <galley/util.h>
#include <libstemmer.h>

#include "rouge.h"

/* a token sequence: interned ids and, per id, the sentence it belongs to */
typedef struct seq {
    int *id;
    int *sent;          /* sentence index of each token */
    size_t n, cap;
} seq;

struct rouge {
    struct sb_stemmer *porter;
    char **words;       /* interned stems, index = id */
    size_t nwords, capwords;
    size_t *hash;       /* open addressing over words, (size_t)-1 = empty */
    size_t hcap;
    seq c, r;
    int *cnt_c, *cnt_r; /* per id counts, for clipping */
    size_t capcnt;
    unsigned char *mark;
    size_t capmark;
    int *dp;
    size_t capdp;
};

rouge *rouge_new(void)
{
    rouge *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->porter = sb_stemmer_new("porter", NULL);
    if (!r->porter) {
        free(r);
        return NULL;
    }
    return r;
}

void rouge_free(rouge *r)
{
    if (!r)
        return;
    sb_stemmer_delete(r->porter);
    for (size_t i = 0; i < r->nwords; i++)
        free(r->words[i]);
    free(r->words);
    free(r->hash);
    free(r->c.id);
    free(r->c.sent);
    free(r->r.id);
    free(r->r.sent);
    free(r->cnt_c);
    free(r->cnt_r);
    free(r->mark);
    free(r->dp);
    free(r);
}

static int rehash(rouge *r)
{
    size_t nc = r->hcap ? r->hcap * 2 : 1024;
    size_t *h = malloc(nc * sizeof *h);
    if (!h)
        return -1;
    memset(h, 0xff, nc * sizeof *h);
    for (size_t j = 0; j < r->nwords; j++) {
        size_t i = (size_t)galley_hash64(r->words[j], strlen(r->words[j])) & (nc - 1);
        while (h[i] != (size_t)-1)
            i = (i + 1) & (nc - 1);
        h[i] = j;
    }
    free(r->hash);
    r->hash = h;
    r->hcap = nc;
    return 0;
}

static int intern(rouge *r, const char *w, size_t n)
{
    if ((r->nwords + 1) * 2 > r->hcap && rehash(r) < 0)
        return -1;
    size_t i = (size_t)galley_hash64(w, n) & (r->hcap - 1);
    while (r->hash[i] != (size_t)-1) {
        const char *k = r->words[r->hash[i]];
        if (strlen(k) == n && memcmp(k, w, n) == 0)
            return (int)r->hash[i];
        i = (i + 1) & (r->hcap - 1);
    }
    if (galley_reserve(&r->words, &r->capwords, r->nwords + 1, sizeof *r->words) < 0)
        return -1;
    char *k = malloc(n + 1);
    if (!k)
        return -1;
    memcpy(k, w, n);
    k[n] = '\0';
    r->words[r->nwords] = k;
    r->hash[i] = r->nwords;
    return (int)r->nwords++;
}

static int push(seq *s, int id, int sent)
{
    size_t c2 = s->cap;
    if (galley_reserve(&s->id, &s->cap, s->n + 1, sizeof *s->id) < 0)
        return -1;
    if (galley_reserve(&s->sent, &c2, s->n + 1, sizeof *s->sent) < 0)
        return -1;
    s->id[s->n] = id;
    s->sent[s->n] = sent;
    s->n++;
    return 0;
}

/* lower-cased alphanumeric runs, stemmed when longer than 3 characters */
static int tokenize(rouge *r, seq *s, const char *const *sents, size_t ns)
{
    char buf[256];
    s->n = 0;
    for (size_t k = 0; k < ns; k++) {
        const unsigned char *t = (const unsigned char *)sents[k];
        for (size_t i = 0; t[i];) {
            if (!isalnum(t[i]) || t[i] >= 0x80) {
                i++;
                continue;
            }
            size_t n = 0;
            while (t[i] && t[i] < 0x80 && isalnum(t[i])) {
                if (n < sizeof buf - 1)
                    buf[n++] = (char)tolower(t[i]);
                i++;
            }
            const char *w = buf;
            size_t wl = n;
            if (n > 3) {
                w = (const char *)sb_stemmer_stem(r->porter, (const sb_symbol *)buf, (int)n);
                if (!w)
                    return -1;
                wl = (size_t)sb_stemmer_length(r->porter);
            }
            int id = intern(r, w, wl);
            if (id < 0 || push(s, id, (int)k) < 0)
                return -1;
        }
    }
    return 0;
}

static void prf(double hit, double nc, double nr, rouge_result *out, int m)
{
    out->p[m] = nc > 0 ? hit / nc : 0;
    out->r[m] = nr > 0 ? hit / nr : 0;
    double s = out->p[m] + out->r[m];
    out->f[m] = s > 0 ? 2 * out->p[m] * out->r[m] / s : 0;
}

static int cmp_pair(const void *a, const void *b)
{
    const long long *x = a, *y = b;
    return (*x > *y) - (*x < *y);
}

/* clipped n-gram overlap (n = 1 or 2) */
static int ngram(rouge *r, int n, rouge_result *out, int m)
{
    size_t nc = r->c.n >= (size_t)n ? r->c.n - (size_t)n + 1 : 0;
    size_t nr = r->r.n >= (size_t)n ? r->r.n - (size_t)n + 1 : 0;
    long long *a = malloc((nc + 1) * sizeof *a), *b = malloc((nr + 1) * sizeof *b);
    if (!a || !b) {
        free(a);
        free(b);
        return -1;
    }
    for (size_t i = 0; i < nc; i++)
        a[i] = n == 1 ? r->c.id[i] : ((long long)r->c.id[i] << 32) | (unsigned)r->c.id[i + 1];
    for (size_t i = 0; i < nr; i++)
        b[i] = n == 1 ? r->r.id[i] : ((long long)r->r.id[i] << 32) | (unsigned)r->r.id[i + 1];
    qsort(a, nc, sizeof *a, cmp_pair);
    qsort(b, nr, sizeof *b, cmp_pair);
    size_t i = 0, j = 0, hit = 0;
    while (i < nc && j < nr) {
        if (a[i] < b[j])
            i++;
        else if (a[i] > b[j])
            j++;
        else {
            hit++;
            i++;
            j++;
        }
    }
    free(a);
    free(b);
    prf((double)hit, (double)nc, (double)nr, out, m);
    return 0;
}

/* marks in mark[] the tokens of x[0..nx) on one LCS with y[0..ny) */
static int lcs_mark(rouge *r, const int *x, size_t nx, const int *y, size_t ny,
                    unsigned char *mark)
{
    size_t w = ny + 1;
    if (galley_reserve(&r->dp, &r->capdp, (nx + 1) * w, sizeof *r->dp) < 0)
        return -1;
    int *d = r->dp;
    for (size_t j = 0; j <= ny; j++)
        d[j] = 0;
    for (size_t i = 1; i <= nx; i++) {
        d[i * w] = 0;
        for (size_t j = 1; j <= ny; j++) {
            if (x[i - 1] == y[j - 1])
                d[i * w + j] = d[(i - 1) * w + j - 1] + 1;
            else {
                int u = d[(i - 1) * w + j], l = d[i * w + j - 1];
                d[i * w + j] = u >= l ? u : l;
            }
        }
    }
    size_t i = nx, j = ny;
    while (i > 0 && j > 0) {
        if (x[i - 1] == y[j - 1]) {
            mark[i - 1] = 1;
            i--;
            j--;
        } else if (d[(i - 1) * w + j] >= d[i * w + j - 1])
            i--;
        else
            j--;
    }
    return 0;
}

/* summary-level ROUGE-L: union LCS per reference sentence, hits clipped by
 * the token counts of both sides (as ROUGE-1.5.5 does) */
static int rouge_l(rouge *r, rouge_result *out)
{
    if (galley_reserve(&r->cnt_c, &r->capcnt, r->nwords, sizeof *r->cnt_c) < 0)
        return -1;
    int *cr = calloc(r->nwords + 1, sizeof *cr);
    if (!cr)
        return -1;
    memset(r->cnt_c, 0, r->nwords * sizeof *r->cnt_c);
    for (size_t i = 0; i < r->c.n; i++)
        r->cnt_c[r->c.id[i]]++;
    for (size_t i = 0; i < r->r.n; i++)
        cr[r->r.id[i]]++;
    if (galley_reserve(&r->mark, &r->capmark, r->r.n + 1, 1) < 0) {
        free(cr);
        return -1;
    }
    double hit = 0;
    size_t rs = 0;
    while (rs < r->r.n) {
        size_t re = rs;
        while (re < r->r.n && r->r.sent[re] == r->r.sent[rs])
            re++;
        memset(r->mark + rs, 0, re - rs);
        size_t cs = 0;
        while (cs < r->c.n) {
            size_t ce = cs;
            while (ce < r->c.n && r->c.sent[ce] == r->c.sent[cs])
                ce++;
            if (lcs_mark(r, r->r.id + rs, re - rs, r->c.id + cs, ce - cs, r->mark + rs) < 0) {
                free(cr);
                return -1;
            }
            cs = ce;
        }
        for (size_t i = rs; i < re; i++) {
            int id = r->r.id[i];
            if (r->mark[i] && r->cnt_c[id] > 0 && cr[id] > 0) {
                hit++;
                r->cnt_c[id]--;
                cr[id]--;
            }
        }
        rs = re;
    }
    free(cr);
    prf(hit, (double)r->c.n, (double)r->r.n, out, 2);
    return 0;
}

int rouge_score(rouge *r, const char *const *cand, size_t ncand,
                const char *const *ref, size_t nref, rouge_result *out)
{
    memset(out, 0, sizeof *out);
    if (tokenize(r, &r->c, cand, ncand) < 0 || tokenize(r, &r->r, ref, nref) < 0)
        return -1;
    if (ngram(r, 1, out, 0) < 0 || ngram(r, 2, out, 1) < 0 || rouge_l(r, out) < 0)
        return -1;
    return 0;
}
