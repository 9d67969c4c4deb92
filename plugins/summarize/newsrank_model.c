/* plugins/summarize/newsrank_model.c - newsrank's learned sentence scorer:
 * the features of a candidate (position, length, centrality, title overlap,
 * quotes, numbers, a dangling opener, how much of the article is asked for)
 * and the linear model over them, read once per process. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <galley/galley.h>
#include "newsrank_model.h"

const char *const nr_feature_names[NR_NFEAT] = {
    "bias", "lead", "first", "second", "relpos", "cent", "cavg", "centroid",
    "title", "length", "short", "quote", "digit", "parafirst", "opener",
    "question", "ratio", "ratio_lead", "ratio_cent", "ratio_relpos", "one",
    "one_lead", "one_cent"
};

/* words that leave a sentence hanging on the one before it */
static const char *const openers[] = {
    "He", "She", "They", "It", "But", "And", "However", "This", "These",
    "That", "Also", "His", "Her", "Their", "Its", "Yet", "So", "Meanwhile",
    NULL
};

static int opens_dangling(const char *s, size_t n)
{
    size_t w = 0;
    while (w < n && ((s[w] >= 'a' && s[w] <= 'z') || (s[w] >= 'A' && s[w] <= 'Z')))
        w++;
    for (int i = 0; openers[i]; i++)
        if (strlen(openers[i]) == w && memcmp(openers[i], s, w) == 0)
            return 1;
    return 0;
}

int nr_dangling(const char *text, const gsum_sent *x)
{
    return opens_dangling(text + x->start, x->end - x->start);
}

/* a straight or curly double quote anywhere in [s, s+n) */
static int has_quote(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            return 1;
        if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0x9C || (unsigned char)s[i + 2] == 0x9D))
            return 1;
    }
    return 0;
}

static int has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return 1;
    return 0;
}

void nr_features(const char *text, const gsum_sent *x, size_t n, size_t k,
                 int prev_para, const nr_scores *s, double *f)
{
    const char *t = text + x->start;
    size_t len = x->end - x->start;
    double lead = 1.0 / (1.0 + x->pos);
    double rel = n > 1 ? (double)x->pos / (double)(n - 1) : 0;
    double r = n > 0 ? (double)k / (double)n : 1;
    double one = k == 1;
    if (r > 1)
        r = 1;
    f[0] = 1;
    f[1] = lead;
    f[2] = x->pos == 0;
    f[3] = x->pos == 1;
    f[4] = rel;
    f[5] = s->cent;
    f[6] = s->cavg;
    f[7] = s->centroid;
    f[8] = s->title;
    f[9] = (x->words > 60 ? 60 : x->words) / 60.0;
    f[10] = x->words < 10;
    f[11] = has_quote(t, len);
    f[12] = has_digit(t, len);
    f[13] = x->para != prev_para;
    f[14] = opens_dangling(t, len);
    f[15] = x->question != 0;
    f[16] = r;
    f[17] = r * lead;
    f[18] = r * s->cent;
    f[19] = r * rel;
    f[20] = one;
    f[21] = one * lead;
    f[22] = one * s->cent;
}

double nr_model_score(const nr_model *m, const double *f, size_t k)
{
    const double *w = m->w[f[NR_RATIO] >= m->gate && (double)k >= m->gate_sentences];
    double v = 0;
    for (int i = 0; i < NR_NFEAT; i++)
        v += w[i] * f[i];
    return v;
}

/* the weight that "gate", "brief.NAME" or "extract.NAME" names, or NULL */
static double *weight_named(nr_model *m, const char *name, int *slot)
{
    if (strcmp(name, "gate") == 0) {
        *slot = 2 * NR_NFEAT;
        return &m->gate;
    }
    if (strcmp(name, "gate_sentences") == 0) {
        *slot = 2 * NR_NFEAT + 1;
        return &m->gate_sentences;
    }
    int which = strncmp(name, "brief.", 6) == 0 ? 0
                : strncmp(name, "extract.", 8) == 0 ? 1 : -1;
    if (which < 0)
        return NULL;
    const char *f = name + (which ? 8 : 6);
    for (int i = 0; i < NR_NFEAT; i++)
        if (strcmp(nr_feature_names[i], f) == 0) {
            *slot = which * NR_NFEAT + i;
            return &m->w[which][i];
        }
    return NULL;
}

static char *msg(const char *path, int line, const char *what)
{
    size_t cap = strlen(path) + strlen(what) + 32;
    char *m = malloc(cap);
    if (m)
        snprintf(m, cap, "%s:%d: %s", path, line, what);
    return m;
}

/* "NAME WEIGHT" lines (# starts a comment): "gate R", "gate_sentences K", then "brief.FEATURE W"
 * and "extract.FEATURE W" for every feature, each exactly once */
static void *load_model(void *arg, char **err)
{
    const char *path = arg;
    char what[300];
    *err = NULL;
    FILE *fp = fopen(path, "r");
    if (!fp) {
        snprintf(what, sizeof what, "cannot open the newsrank weights: %s", strerror(errno));
        *err = msg(path, 0, what);
        return NULL;
    }
    nr_model *m = calloc(1, sizeof *m);
    int seen[2 * NR_NFEAT + 2] = { 0 }, line = 0;
    char buf[512], name[128];
    what[0] = '\0';
    while (m && fgets(buf, sizeof buf, fp)) {
        line++;
        char *h = strchr(buf, '#');
        if (h)
            *h = '\0';
        double w;
        char extra[2];
        int got = sscanf(buf, "%127s %lf %1s", name, &w, extra);
        if (got <= 0)
            continue;
        int slot = 0;
        double *dst = got == 2 ? weight_named(m, name, &slot) : NULL;
        if (got != 2)
            snprintf(what, sizeof what, "expected NAME WEIGHT, not \"%s...\"", name);
        else if (!dst)
            snprintf(what, sizeof what, "unknown weight \"%s\" (gate, gate_sentences, "
                     "brief.FEATURE or extract.FEATURE)", name);
        else if (seen[slot])
            snprintf(what, sizeof what, "\"%s\" given twice", name);
        else {
            seen[slot] = 1;
            *dst = w;
            continue;
        }
        free(m);
        m = NULL;
    }
    fclose(fp);
    for (int i = 0; m && i < 2 * NR_NFEAT + 2; i++)
        if (!seen[i]) {
            if (i >= 2 * NR_NFEAT)
                snprintf(what, sizeof what, "no \"%s\" line",
                         i == 2 * NR_NFEAT ? "gate" : "gate_sentences");
            else
                snprintf(what, sizeof what, "no weight \"%s.%s\" (retrain with "
                         "bench/rouge/train.py)", i < NR_NFEAT ? "brief" : "extract",
                         nr_feature_names[i % NR_NFEAT]);
            free(m);
            m = NULL;
        }
    if (!m)
        *err = msg(path, line, what[0] ? what : "out of memory");
    return m;
}

const nr_model *nr_model_get(const char *path, char **err)
{
    char key[4200];
    snprintf(key, sizeof key, "newsrank-weights:%s", path);
    return galley_shared_get(key, load_model, (void *)path, free, err);
}

void nr_model_put(const nr_model *m)
{
    if (m)
        galley_shared_put((void *)m);
}

void nr_features_write(FILE *out, const char *id, const char *text,
                       const gsum_sent *x, const double *f)
{
    fprintf(out, "%s\t%d", id, x->pos);
    for (int i = 0; i < NR_NFEAT; i++)
        fprintf(out, "\t%.6g", f[i]);
    fputc('\t', out);
    for (size_t b = x->start; b < x->end; b++) {
        char c = text[b];
        fputc(c == '\t' || c == '\n' || c == '\r' ? ' ' : c, out);
    }
    fputc('\n', out);
}
