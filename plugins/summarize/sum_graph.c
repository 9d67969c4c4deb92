/* plugins/summarize/sum_graph.c - the summarizer core's sentence graph:
 * cosine and BM25 similarity (from per-doc postings), the edge matrix and
 * weighted PageRank. */
#include <math.h>
#include <string.h>

#include "sum_int.h"

/* ---- similarity and selection ---- */

double gsum_cosine(const gsum *g, const gsum_sent *a, const gsum_sent *b)
{
    if (a->norm <= 0 || b->norm <= 0)
        return 0;
    const gsum_term *x = g->terms + a->t0, *y = g->terms + b->t0;
    size_t i = 0, j = 0;
    double dot = 0;
    while (i < a->tn && j < b->tn) {
        if (x[i].id < y[j].id)
            i++;
        else if (x[i].id > y[j].id)
            j++;
        else {
            dot += (double)x[i].w * y[j].w;
            i++;
            j++;
        }
    }
    return dot / (a->norm * b->norm);
}

/* The postings of the current doc: for each term id, the candidates holding
 * it in article order with the term's weight there.  Similarity rows then
 * visit only the sentences that share a term, instead of merging every
 * pair's term lists. */
static int build_postings(gsum *g)
{
    if (g->post_built)
        return 0;
    size_t nv = g->nvocab;
    if (galley_reserve(&g->post_off, &g->cappostoff, nv + 2, sizeof *g->post_off) < 0)
        return -1;
    if (galley_reserve(&g->post, &g->cappost, g->nterms + 1, sizeof *g->post) < 0)
        return -1;
    size_t *off = g->post_off;
    gsum_post *post = g->post;
    memset(off, 0, (nv + 2) * sizeof *off);
    for (size_t k = 0; k < g->nterms; k++)
        off[g->terms[k].id + 1]++;
    for (size_t t = 0; t < nv; t++)
        off[t + 1] += off[t];
    /* off[t] is t's start; fill moves it to t's end, then shift back */
    for (size_t i = 0; i < g->nsents; i++) {
        const gsum_sent *x = &g->sents[i];
        for (size_t k = x->t0; k < x->t0 + x->tn; k++) {
            gsum_post *e = &post[off[g->terms[k].id]++];
            e->sent = (uint32_t)i;
            e->w = g->terms[k].w;
        }
    }
    for (size_t t = nv; t > 0; t--)
        off[t] = off[t - 1];
    off[0] = 0;
    g->post_built = 1;
    return 0;
}

double *gsum_row_buffer(gsum *g)
{
    if (galley_reserve(&g->acc, &g->capacc, g->nsents + 1, sizeof *g->acc) < 0)
        return NULL;
    return g->acc;
}

int gsum_cosine_row(gsum *g, size_t i, double *out)
{
    size_t n = g->nsents;
    for (size_t j = i + 1; j < n; j++)
        out[j] = 0;
    const gsum_sent *a = &g->sents[i];
    if (a->norm <= 0)
        return 0;
    if (build_postings(g) < 0)
        return -1;
    /* a's terms in id order, as the merge in gsum_cosine adds them; each
     * list is in article order, so the sentences after i are its tail */
    for (size_t k = a->t0; k < a->t0 + a->tn; k++) {
        const gsum_term *x = &g->terms[k];
        const gsum_post *lo = g->post + g->post_off[x->id];
        const gsum_post *e = g->post + g->post_off[x->id + 1];
        while (e > lo && e[-1].sent > i) {
            e--;
            out[e->sent] += (double)x->w * e->w;
        }
    }
    for (size_t j = i + 1; j < n; j++) {
        const gsum_sent *b = &g->sents[j];
        out[j] = b->norm <= 0 ? 0 : out[j] / (a->norm * b->norm);
    }
    return 0;
}

static double avg_words(const gsum *g)
{
    double avg = 0;
    for (size_t i = 0; i < g->nsents; i++)
        avg += g->sents[i].words;
    return g->nsents && avg > 0 ? avg / (double)g->nsents : 1;
}

int gsum_cosine_matrix(gsum *g, float *w, double threshold, int continuous)
{
    size_t n = g->nsents;
    double *c = gsum_row_buffer(g);
    for (size_t i = 0; i < n; i++) {
        if (!c || gsum_cosine_row(g, i, c) < 0)
            return -1;
        for (size_t j = i + 1; j < n; j++) {
            float v = c[j] < threshold ? 0.0f : continuous ? (float)c[j] : 1.0f;
            w[i * n + j] = w[j * n + i] = v;
        }
    }
    return 0;
}

galley_status gsum_graph_summarize(gsum *g, galley_doc *doc, int bm25, double threshold,
                                   int continuous, double damping)
{
    size_t n = gsum_prepare(g, doc);
    float *w = gsum_matrix(g, n);
    if (!w
        || (bm25 ? gsum_bm25_matrix(g, w) : gsum_cosine_matrix(g, w, threshold, continuous)) < 0
        || gsum_pagerank(g, w, n, damping) < 0)
        return galley_doc_fail(doc, "out of memory for %zu sentences", n);
    gsum_select(g, doc);
    return GALLEY_OK;
}

int gsum_bm25_matrix(gsum *g, float *w)
{
    double avglen = avg_words(g);
    size_t n = g->nsents;
    double *acc = gsum_row_buffer(g);
    if (!acc || build_postings(g) < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        /* sentence i as the document, every other one as the query: the
         * terms they share, in id order; BM25 with k1 1.2, b 0.75 */
        const gsum_sent *d = &g->sents[i];
        double norm = 1.2 * (0.25 + 0.75 * (double)d->words / avglen);
        for (size_t j = 0; j < n; j++)
            acc[j] = 0;
        for (size_t k = d->t0; k < d->t0 + d->tn; k++) {
            const gsum_term *y = &g->terms[k];
            double tf = y->tf;
            double v = g->tw[y->id] * tf * 2.2 / (tf + norm);
            const gsum_post *e = g->post + g->post_off[y->id];
            const gsum_post *end = g->post + g->post_off[y->id + 1];
            for (; e < end; e++)
                acc[e->sent] += v;
        }
        float *row = w + i * n;
        for (size_t j = 0; j < n; j++)
            if (j != i)
                row[j] = (float)acc[j];
    }
    return 0;
}

/* b's terms in id order, as the merge in gsum_cosine adds them */
int gsum__cosine_to(gsum *g, size_t b, double *out)
{
    size_t n = g->nsents;
    const gsum_sent *sb = &g->sents[b];
    if (sb->norm > 0 && build_postings(g) < 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        out[i] = 0;
    if (sb->norm <= 0)
        return 0;
    for (size_t k = sb->t0; k < sb->t0 + sb->tn; k++) {
        const gsum_term *y = &g->terms[k];
        const gsum_post *e = g->post + g->post_off[y->id];
        const gsum_post *end = g->post + g->post_off[y->id + 1];
        for (; e < end; e++)
            out[e->sent] += (double)e->w * y->w;
    }
    for (size_t i = 0; i < n; i++) {
        const gsum_sent *a = &g->sents[i];
        out[i] = a->norm <= 0 ? 0 : out[i] / (a->norm * sb->norm);
    }
    return 0;
}

/* ---- graph centrality ---- */

float *gsum_matrix(gsum *g, size_t n)
{
    if (galley_reserve(&g->mat, &g->capmat, n * n + 1, sizeof *g->mat) < 0)
        return NULL;
    memset(g->mat, 0, n * n * sizeof *g->mat);
    return g->mat;
}

/* room for the non-zero entries of an n x n matrix (n fits a uint16_t) */
_Static_assert(GSUM_MAX_CANDIDATES <= 65536, "PageRank columns are uint16_t");
static int ensure_nz(gsum *g, size_t n)
{
    size_t c1 = g->capnz, c2 = g->capnz, c3 = g->capnz;
    if (galley_reserve(&g->nzcol, &c1, n * n + 1, sizeof *g->nzcol) < 0)
        return -1;
    if (galley_reserve(&g->nzrix, &c3, n * n + 1, sizeof *g->nzrix) < 0)
        return -1;
    if (galley_reserve(&g->nzval, &c2, n * n + 1, sizeof *g->nzval) < 0)
        return -1;
    g->capnz = c1;
    if (galley_reserve(&g->prd, &g->capprd, n + 1, sizeof *g->prd) < 0)
        return -1;
    return 0;
}

int gsum_pagerank(gsum *g, float *w, size_t n, double d)
{
    if (n == 0)
        return 0;
    size_t c2 = g->cappr;
    if (galley_reserve(&g->pr, &g->cappr, n, sizeof *g->pr) < 0)
        return -1;
    if (galley_reserve(&g->pr2, &c2, n, sizeof *g->pr2) < 0)
        return -1;
    /* row-normalise into the rows' non-zero entries; a row without edges
     * (dangling) spreads evenly.  A zero weight adds exactly +0 to a score,
     * so sweeping the non-zero entries alone gives the same sums. */
    if (ensure_nz(g, n) < 0)
        return -1;
    uint16_t *col = g->nzcol, *rix = g->nzrix;
    float *val = g->nzval;
    double *pd = g->prd;
    size_t nz = 0;
    for (size_t i = 0; i < n; i++) {
        const float *row = w + i * n;
        double s = 0;
        for (size_t j = 0; j < n; j++)
            s += row[j];
        if (s > 0) {
            for (size_t j = 0; j < n; j++) {
                float v = (float)(row[j] / s);
                rix[nz] = (uint16_t)i;      /* kept when non-zero (no branch) */
                col[nz] = (uint16_t)j;
                val[nz] = v;
                nz += v != 0;
            }
        } else {
            float v = (float)(1.0 / (double)n);
            for (size_t j = 0; j < n; j++) {
                rix[nz] = (uint16_t)i;
                col[nz] = (uint16_t)j;
                val[nz++] = v;
            }
        }
    }
    double *p = g->pr, *q = g->pr2;
    for (size_t i = 0; i < n; i++)
        p[i] = 1.0 / (double)n;
    int it = 0;
    while (it < GSUM_MAX_ITER) {
        it++;
        for (size_t j = 0; j < n; j++)
            q[j] = (1 - d) / (double)n;
        /* one loop over all entries, row after row: the same additions
         * in the same order as row by row, without a loop exit per row */
        for (size_t i = 0; i < n; i++)
            pd[i] = d * p[i];
        for (size_t k = 0; k < nz; k++)
            q[col[k]] += pd[rix[k]] * val[k];
        double delta = 0;
        for (size_t i = 0; i < n; i++)
            delta += fabs(q[i] - p[i]);
        double *t = p;
        p = q;
        q = t;
        /* rankings, not scores, matter: on BBC 1e-5 picks exactly what
         * 1e-7 does, in fewer sweeps */
        if (delta < 1e-5)
            break;
    }
    for (size_t i = 0; i < n; i++)
        g->sents[i].score = p[i];
    return it;
}
