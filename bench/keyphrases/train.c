/* bench/keyphrases/train.c - fits the keyphrases plugin's feature weights
 * (conf/extract/keyphrase-weights.txt) to labelled candidates: a linear
 * score, trained listwise (per document, the softmax of the scores against
 * the gold candidates, shared equally), L2-regularised towards the hand
 * score alone, by Newton's method (25 weights, a convex loss).  Deterministic: same input, same weights.  Only the few dozen
 * dense features have weights; no word is learned.
 *
 * input lines (bench/keyphrases/label.py): doc<TAB>label<TAB>f1<TAB>...fN
 * usage: train [-i ITERATIONS] [-l L2] [-t TOP] -o OUT FILE... */
#include "../../plugins/extract/keyphrases/keyphrases.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    double *x;          /* KP_NFEAT a row */
    unsigned char *y;
    size_t n, capx, capy;
    size_t *doc;        /* first row of each document, then n */
    size_t ndoc, capdoc;
} rows;

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 1024;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * size);
    if (!q)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

/* appends the rows of one file; a new document where the id changes */
static int read_rows(rows *r, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return perror(path), -1;
    char line[65536], last[65536] = "";
    size_t ln = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = '\0';
        char *p = tab + 1;
        if (strcmp(line, last)) {
            if (grow((void **)&r->doc, &r->capdoc, r->ndoc + 2, sizeof *r->doc) < 0)
                return fclose(f), -1;
            r->doc[r->ndoc++] = r->n;
            memcpy(last, line, strlen(line) + 1);
        }
        if (grow((void **)&r->x, &r->capx, (r->n + 1) * KP_NFEAT, sizeof *r->x) < 0 ||
            grow((void **)&r->y, &r->capy, r->n + 1, 1) < 0)
            return fclose(f), -1;
        r->y[r->n] = (unsigned char)strtol(p, &p, 10);
        for (size_t k = 0; k < KP_NFEAT; k++) {
            char *end;
            r->x[r->n * KP_NFEAT + k] = strtod(p, &end);
            if (end == p) {
                fprintf(stderr, "%s:%zu: %zu features, %d expected\n", path, ln, k, KP_NFEAT);
                return fclose(f), -1;
            }
            p = end;
        }
        r->n++;
    }
    fclose(f);
    r->doc[r->ndoc] = r->n;
    return 0;
}

/* the weights file of the model from which training starts */
static int write_weights(const char *out, const double *w, const char *how)
{
    FILE *f = fopen(out, "w");
    if (!f)
        return perror(out), 1;
    fprintf(f, "# keyphrases: weights of the candidate features (plugins/extract/keyphrases/"
            "features.c)\n# written by bench/keyphrases/train.sh: %s\n", how);
    for (size_t k = 0; k < KP_NFEAT; k++)
        fprintf(f, "%s\t%.6g\n", kp_feature_name(k), w[k]);
    return fclose(f) ? (perror(out), 1) : 0;
}

static int by_value_desc(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? 1 : a > b ? -1 : 0;
}

/* keeps, in each document, the candidates among the top `top` by the hand
 * score (feature 0): the model reorders what could reach the list */
static int keep_top(rows *r, size_t top)
{
    size_t n = 0, nd = 0;
    double *v = malloc((r->n + 1) * sizeof *v);
    if (!v)
        return -1;
    for (size_t d = 0; d < r->ndoc; d++) {
        size_t a = r->doc[d], b = r->doc[d + 1];
        for (size_t i = a; i < b; i++)
            v[i - a] = r->x[i * KP_NFEAT];
        qsort(v, b - a, sizeof *v, by_value_desc);
        double cut = b - a > top ? v[top - 1] : -HUGE_VAL;
        r->doc[nd++] = n;
        for (size_t i = a; i < b; i++)
            if (r->x[i * KP_NFEAT] >= cut) {
                memmove(r->x + n * KP_NFEAT, r->x + i * KP_NFEAT, KP_NFEAT * sizeof *r->x);
                r->y[n++] = r->y[i];
            }
    }
    r->doc[nd] = r->n = n;
    free(v);
    return 0;
}

/* The loss at w (standardised features z), its gradient g and Hessian h
 * (KP_NFEAT x KP_NFEAT; g and h may be NULL); the L2 term pulls towards w0,
 * the hand score alone. */
static double loss(const rows *r, const double *z, const double *w, const double *w0,
                   double l2, double *g, double *h)
{
    enum { K = KP_NFEAT };
    double total = 0, *s = malloc((r->n + 1) * sizeof *s);
    size_t used = 0;
    if (!s)
        return NAN;
    if (g)
        memset(g, 0, K * sizeof *g);
    if (h)
        memset(h, 0, K * K * sizeof *h);
    for (size_t d = 0; d < r->ndoc; d++) {
        size_t a = r->doc[d], b = r->doc[d + 1], pos = 0;
        double mx = -HUGE_VAL, sum = 0, mean[K] = { 0 };
        for (size_t i = a; i < b; i++) {
            double v = 0;
            for (size_t k = 0; k < K; k++)
                v += w[k] * z[i * K + k];
            s[i] = v;
            mx = v > mx ? v : mx;
            pos += r->y[i];
        }
        if (!pos)
            continue;
        for (size_t i = a; i < b; i++)
            sum += exp(s[i] - mx);
        double lse = mx + log(sum);
        for (size_t i = a; i < b; i++) {
            const double *x = z + i * K;
            double p = exp(s[i] - lse), t = r->y[i] ? 1.0 / (double)pos : 0.0;
            total -= t * (s[i] - lse);
            for (size_t k = 0; k < K; k++) {
                mean[k] += p * x[k];
                if (g)
                    g[k] += (p - t) * x[k];
            }
            if (h)      /* E[x x^T] under the softmax ... */
                for (size_t k = 0; k < K; k++)
                    for (size_t j = 0; j <= k; j++)
                        h[k * K + j] += p * x[k] * x[j];
        }
        if (h)          /* ... minus E[x] E[x]^T */
            for (size_t k = 0; k < K; k++)
                for (size_t j = 0; j <= k; j++)
                    h[k * K + j] -= mean[k] * mean[j];
        used++;
    }
    free(s);
    double reg = 0, u = used ? (double)used : 1.0;
    for (size_t k = 0; k < K; k++) {
        reg += 0.5 * l2 * (w[k] - w0[k]) * (w[k] - w0[k]);
        if (g)
            g[k] = g[k] / u + l2 * (w[k] - w0[k]);
        if (h)
            for (size_t j = 0; j <= k; j++) {
                h[k * K + j] = h[k * K + j] / u + (j == k ? l2 : 0.0);
                h[j * K + k] = h[k * K + j];
            }
    }
    return total / u + reg;
}

/* solves h x = g in place (h symmetric positive definite: Cholesky);
 * -1 when it is not */
static int solve(double *h, double *g)
{
    enum { K = KP_NFEAT };
    for (size_t k = 0; k < K; k++) {
        for (size_t j = 0; j <= k; j++) {
            double v = h[k * K + j];
            for (size_t i = 0; i < j; i++)
                v -= h[k * K + i] * h[j * K + i];
            if (j == k) {
                if (v <= 0)
                    return -1;
                h[k * K + k] = sqrt(v);
            } else {
                h[k * K + j] = v / h[j * K + j];
            }
        }
    }
    for (size_t k = 0; k < K; k++) {
        for (size_t i = 0; i < k; i++)
            g[k] -= h[k * K + i] * g[i];
        g[k] /= h[k * K + k];
    }
    for (size_t k = K; k-- > 0;) {
        for (size_t i = k + 1; i < K; i++)
            g[k] -= h[i * K + k] * g[i];
        g[k] /= h[k * K + k];
    }
    return 0;
}

int main(int argc, char **argv)
{
    int opt, iters = 100;
    size_t top = KP_RERANK;     /* what the plugin reorders */
    double l2 = 1e-3;
    const char *out = NULL;
    while ((opt = getopt(argc, argv, "H:i:l:o:t:")) != -1) {
        if (opt == 'H') {
            double hand[KP_NFEAT] = { 1 };
            return write_weights(optarg, hand, "the hand score alone");
        } else if (opt == 't')
            top = (size_t)atol(optarg);
        else if (opt == 'i')
            iters = atoi(optarg);
        else if (opt == 'l')
            l2 = atof(optarg);
        else if (opt == 'o')
            out = optarg;
        else
            return 2;
    }
    if (!out || optind >= argc) {
        fprintf(stderr, "usage: train [-i ITERATIONS] [-l L2] [-t TOP] -o OUT FILE...\n");
        return 2;
    }
    rows r = { 0 };
    for (int i = optind; i < argc; i++)
        if (read_rows(&r, argv[i]) < 0)
            return 1;
    if (top && keep_top(&r, top) < 0)
        return fprintf(stderr, "train: out of memory\n"), 1;
    if (r.n == 0) {
        fprintf(stderr, "train: no candidates read\n");
        return 1;
    }
    /* standardise: every feature weighs in on the same scale */
    double mean[KP_NFEAT] = { 0 }, sd[KP_NFEAT] = { 0 };
    for (size_t i = 0; i < r.n; i++)
        for (size_t k = 0; k < KP_NFEAT; k++)
            mean[k] += r.x[i * KP_NFEAT + k] / (double)r.n;
    for (size_t i = 0; i < r.n; i++)
        for (size_t k = 0; k < KP_NFEAT; k++) {
            double d = r.x[i * KP_NFEAT + k] - mean[k];
            sd[k] += d * d / (double)r.n;
        }
    for (size_t k = 0; k < KP_NFEAT; k++)
        sd[k] = sd[k] > 1e-12 ? sqrt(sd[k]) : 1.0;
    for (size_t i = 0; i < r.n; i++)
        for (size_t k = 0; k < KP_NFEAT; k++)
            r.x[i * KP_NFEAT + k] = (r.x[i * KP_NFEAT + k] - mean[k]) / sd[k];
    /* Newton's method from the hand score alone (feature 0, weight 1), step
     * halved until the loss falls; the loss is convex */
    double w[KP_NFEAT] = { 0 }, w0[KP_NFEAT] = { 0 }, g[KP_NFEAT],
           h[KP_NFEAT * KP_NFEAT], L;
    w[0] = w0[0] = sd[0];
    L = loss(&r, r.x, w, w0, l2, g, h);
    int it;
    for (it = 0; it < iters && !isnan(L); it++) {
        if (solve(h, g) < 0)
            return fprintf(stderr, "train: the Hessian is singular (raise -l)\n"), 1;
        double step = 1, nw[KP_NFEAT], nl = L;
        for (int half = 0; half < 30; half++, step /= 2) {
            for (size_t k = 0; k < KP_NFEAT; k++)
                nw[k] = w[k] - step * g[k];
            nl = loss(&r, r.x, nw, w0, l2, NULL, NULL);
            if (nl < L)
                break;
        }
        if (!(nl < L) || L - nl < 1e-10)
            break;      /* converged */
        memcpy(w, nw, sizeof w);
        L = loss(&r, r.x, w, w0, l2, g, h);
    }
    if (isnan(L))
        return fprintf(stderr, "train: out of memory\n"), 1;
    char how[256];
    snprintf(how, sizeof how, "%zu documents, %zu candidates, %d Newton steps, L2 %g, final "
             "loss %.6f", r.ndoc, r.n, it, l2, L);
    for (size_t k = 0; k < KP_NFEAT; k++)
        w[k] /= sd[k];
    if (write_weights(out, w, how))
        return 1;
    free(r.x);
    free(r.y);
    free(r.doc);
    return 0;
}
