/* bench/entities/train.c - learns the weights of the entities tagger
 * (plugins/extract/entities/tagger.c) from CoNLL files (token<TAB>IOB2 tag),
 * with the plugin's own tokens and features, as an averaged structured
 * perceptron over the plugin's Viterbi decoding (decode.c); deterministic
 * (fixed order, fixed seed).
 * Also scores a weights file on CoNLL files (--eval), conlleval-style.
 *
 * usage: train -d DATADIR [-w WORDLIST] [-b BITS] [-e EPOCHS] [-m MARGIN] [-M MARGIN] [-C [-D PERCENT]] [-s SEED] [-r RUNS] [--misc]
 *              -o OUT.bin FILE...
 *        train -d DATADIR [-w WORDLIST] --eval FILE...   (reads DATADIR's weights) */
#include "../../plugins/extract/entities/entities.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

typedef struct span { size_t s, e; int label; } span;
typedef struct doc {
    char *text;
    size_t len;
    span *gold;
    size_t ngold;
} doc;

static doc *docs;
static size_t ndocs;
static int keep_misc, show, shout;
/* Decoding drops a path that falls this far below the best one: while
 * training, in the weights being learned (none: exact Viterbi); in the
 * plugin, in units of the largest weight.  Measured on the dev sets and
 * 105 BBC articles: 1.9 loses no F1 against exact decoding, 0.3 loses
 * about .04; the stage runs 1.23 times greedy decoding's instructions at
 * 1.9, about 2.8 times with exact decoding. */
static double margin = 1e300, dmargin = 1.9;
/* percent of the documents trained without context.c's features (-D) */
static unsigned drop = 50;
static int context;     /* -C: learn context.c's features too */
static unsigned runs = 1;   /* -r: runs whose weights are averaged */

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) {
        fprintf(stderr, "train: out of memory\n");
        exit(1);
    }
    return p;
}

static int label_of(const char *tag)
{
    const char *x = tag + 2;
    int l = !strcmp(x, "PER") ? L_PER : !strcmp(x, "ORG") ? L_ORG : !strcmp(x, "LOC") ? L_LOC
          : !strcmp(x, "MISC") ? L_MISC : L_NONE;
    return l == L_MISC && !keep_misc ? L_NONE : l;
}

/* Whether token i of a sentence was written against the one before it:
 * the sets split what an article writes as one word ("El-Sisi" is
 * "El - Sisi", "U.S." is "U . S ."), and galley never sees those spaces.
 * The same rule as bench/entities/conll.py's glued(), which builds the
 * dev texts: a hyphen between two word characters; the full stops of an
 * initialism of single capitals, but not a sentence's last one. */
static int initial(const char *t)
{
    return t && t[0] >= 'A' && t[0] <= 'Z' && !t[1];
}

static int wordish(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static int glued(char *const *tk, size_t n, size_t i)
{
    const char *t = tk[i], *prev = i ? tk[i - 1] : NULL;
    const char *nxt = i + 1 < n ? tk[i + 1] : NULL, *after = i + 2 < n ? tk[i + 2] : NULL;
    if (!prev)
        return 0;
    if (!strcmp(t, "-"))
        return prev[0] && wordish((unsigned char)prev[strlen(prev) - 1]) && nxt && wordish((unsigned char)nxt[0]);
    if (!strcmp(prev, "-"))
        return i >= 2 && glued(tk, n, i - 1);
    if (!strcmp(t, "."))
        return initial(prev) && ((initial(nxt) && after && !strcmp(after, ".")) ||
                                 (nxt && i >= 3 && !strcmp(tk[i - 2], ".") && initial(tk[i - 3])));
    if (initial(t) && !strcmp(prev, "."))
        return glued(tk, n, i - 1);
    return 0;
}

/* reading state of one CoNLL file: the sentence waits in tok/tag until
 * its end, as glued() looks ahead */
typedef struct reader {
    doc *d;
    size_t cap, gcap, sent, n, ncap;
    char **tok, **tag;
} reader;

static void flush_sentence(reader *r)
{
    doc *d = r->d;
    int open = L_NONE;
    for (size_t i = 0; i < r->n; i++) {
        const char *line = r->tok[i], *tag = r->tag[i];
        size_t n = strlen(line);
        if (d->len + n + 2 > r->cap)
            d->text = xrealloc(d->text, r->cap = 2 * r->cap + n + 64);
        if (i && !glued(r->tok, r->n, i))
            d->text[d->len++] = ' ';
        int l = tag[0] == 'O' ? L_NONE : label_of(tag);
        if (l != L_NONE && (tag[0] == 'B' || open != l)) {
            if (d->ngold == r->gcap)
                d->gold = xrealloc(d->gold, (r->gcap = 2 * r->gcap + 16) * sizeof *d->gold);
            d->gold[d->ngold++] = (span){ d->len, d->len + n, l };
        } else if (l != L_NONE) {
            d->gold[d->ngold - 1].e = d->len + n;
        }
        open = l;
        /* every tenth document opens with an all-caps line, as headlines
         * and datelines do ("NEW YORK 1996-12-06"), which the training
         * sets hardly have */
        memcpy(d->text + d->len, line, n);
        if (shout && r->sent == 0 && ndocs % 10 == 0)
            for (size_t k = d->len; k < d->len + n; k++)
                if (d->text[k] >= 'a' && d->text[k] <= 'z')
                    d->text[k] = (char)(d->text[k] - ('a' - 'A'));
        d->len += n;
        d->text[d->len] = '\0';
    }
    if (r->n) {
        if (d->len + 2 > r->cap)
            d->text = xrealloc(d->text, r->cap = 2 * r->cap + 64);
        d->text[d->len++] = '\n';
        d->text[d->len] = '\0';
        r->sent++;
    }
    for (size_t i = 0; i < r->n; i++)
        free(r->tok[i]);
    r->n = 0;
}

/* One document a -DOCSTART-: a sentence a line, its tokens joined by
 * spaces except where glued() says the article had none (the way the
 * bench feeds galley). */
static void read_conll(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(1);
    }
    char line[4096];
    reader r = { 0 };
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (!strncmp(line, "-DOCSTART-", 10) || !r.d) {
            if (r.d)
                flush_sentence(&r);
            docs = xrealloc(docs, (ndocs + 1) * sizeof *docs);
            r.d = &docs[ndocs++];
            memset(r.d, 0, sizeof *r.d);
            r.cap = r.gcap = r.sent = 0;
            if (!strncmp(line, "-DOCSTART-", 10))
                continue;
        }
        if (!tab) {         /* end of a sentence */
            flush_sentence(&r);
            continue;
        }
        *tab = '\0';
        if (r.n == r.ncap) {
            r.ncap = 2 * r.ncap + 64;
            r.tok = xrealloc(r.tok, r.ncap * sizeof *r.tok);
            r.tag = xrealloc(r.tag, r.ncap * sizeof *r.tag);
        }
        size_t n = strlen(line), m = strlen(tab + 1);
        char *both = xrealloc(NULL, n + m + 2);
        memcpy(both, line, n + 1);
        memcpy(both + n + 1, tab + 1, m + 1);
        r.tok[r.n] = both;
        r.tag[r.n++] = both + n + 1;
    }
    if (r.d)
        flush_sentence(&r);
    free(r.tok);
    free(r.tag);
    fclose(f);
}

/* the document's tokens, features ready */
static void analyse(ent_state *st, const doc *d)
{
    if (ent_tokenize(st, d->text, d->len, NULL, 0) < 0) {
        fprintf(stderr, "train: out of memory\n");
        exit(1);
    }
    ent_mark_positions(st, NULL, d->text, d->len);
    if (ent_gather_evidence(st, d->text) < 0 || ent_prepare(st, d->text) < 0) {
        fprintf(stderr, "train: out of memory\n");
        exit(1);
    }
}

/* gold tag of each token: B on the first token of a gold name, I after */
static void gold_tags(const ent_state *st, const doc *d, int *tags)
{
    size_t g = 0;
    for (size_t i = 0; i < st->ntoks; i++) {
        const tok *t = &st->toks[i];
        while (g < d->ngold && d->gold[g].e <= t->s)
            g++;
        tags[i] = 0;
        if (g < d->ngold && d->gold[g].s <= t->s)
            tags[i] = 2 * d->gold[g].label - (i == 0 || st->toks[i - 1].e <= d->gold[g].s);
    }
    /* Our span conventions: no title ("Mr", "President", "Mr.") and no
     * leading article at the start of a name; some sets include them. */
    for (size_t i = 0; i + 1 < st->ntoks; i++) {
        const tok *t = &st->toks[i];
        if (tags[i] % 2 == 1 && tags[i + 1] == tags[i] + 1 &&
            ((t->lex & LX_TITLE) || ent_tok_is(d->text, t, "the") || ent_tok_is(d->text, t, "The") ||
             (i > 0 && ent_tok_is(d->text, t, ".") && (st->toks[i - 1].lex & LX_TITLE)))) {
            tags[i + 1] = tags[i];
            tags[i] = 0;
        }
    }
    /* A nationality on its own ("Kenyan", "Afghans") is MISC, as in
     * CoNLL: the sets without MISC leave it O or call it LOC, ORG or PER,
     * which taught the tagger places and people that are none. */
    for (size_t i = 0; keep_misc && i < st->ntoks; i++)
        if (st->toks[i].demonym && (tags[i] == 0 || tags[i] % 2 == 1) &&
            (i + 1 == st->ntoks || tags[i + 1] == 0 || tags[i + 1] % 2 == 1))
            tags[i] = 2 * L_MISC - 1;
}

/* ---- training ---- */

static float *W;        /* weights */
static double *U;       /* their running sums, for averaging */
static uint32_t mask;

/* ent_score_fn over the weights being learned */
static void float_scores(const void *model, const uint32_t *f, size_t n, double *score)
{
    (void)model;
    float sum[ENT_NTAGS] = { 0 };
    for (size_t k = 0; k < n; k++) {
        const float *w = W + (size_t)(f[k] & mask) * ENT_NTAGS;
        for (int t = 0; t < ENT_NTAGS; t++)
            sum[t] += w[t];
    }
    for (int t = 0; t < ENT_NTAGS; t++)
        score[t] = sum[t];
}

static void update(const uint32_t *f, size_t n, int tag, double delta, double c)
{
    for (size_t k = 0; k < n; k++) {
        size_t r = (size_t)(f[k] & mask) * ENT_NTAGS + (size_t)tag;
        W[r] += (float)delta;
        U[r] += c * delta;
    }
}

/* Structured perceptron: the sentence [a, b) is decoded as the plugin
 * decodes it; where the best tags differ from the gold ones, the gold
 * path's features gain and the predicted path's lose. */
static size_t train_run(ent_state *st, const doc *d, size_t a, size_t b, int *gold, double c)
{
    static ent_lattice lat;
    static unsigned char pred[ENT_MAXRUN];
    uint32_t f[ENT_MAXF];
    /* a gold path the constraints allow: a name that begins where we see
     * no beginning begins there; one that may not begin is none */
    for (size_t i = a; i < b; i++) {
        int prev = i == a ? 0 : gold[i - 1];
        if (gold[i] % 2 == 0 && gold[i] && !ent_tag_allowed(st, i, prev, gold[i]))
            gold[i]--;
        if (!ent_tag_allowed(st, i, prev, gold[i]))
            gold[i] = 0;
    }
    double trans[ENT_NTAGS][ENT_NTAGS];
    ent_transitions(float_scores, NULL, trans);
    ent_viterbi(st, d->text, a, b, float_scores, NULL, (const double (*)[ENT_NTAGS])trans, margin, &lat, pred);
    size_t errors = 0;
    for (size_t i = a; i < b; i++) {
        int g = gold[i], p = pred[i - a];
        int gp = i == a ? 0 : gold[i - 1], pp = i == a ? 0 : pred[i - 1 - a];
        errors += g != p;
        if (g != p) {
            size_t n = ent_features(st, d->text, i, f);
            update(f, n, g, 1, c);
            update(f, n, p, -1, c);
        }
        if (g != p || gp != pp) {
            update(f, ent_history_features(st, i, gp, f), g, 1, c);
            update(f, ent_history_features(st, i, pp, f), p, -1, c);
            f[0] = ent_transition_feature(gp);
            update(f, 1, g, 1, c);
            f[0] = ent_transition_feature(pp);
            update(f, 1, p, -1, c);
        }
    }
    return errors;
}

static size_t train_doc(ent_state *st, const doc *d, int **tags, size_t *tcap, double *c)
{
    analyse(st, d);
    if (st->ntoks > *tcap)
        *tags = xrealloc(*tags, (*tcap = st->ntoks) * sizeof **tags);
    gold_tags(st, d, *tags);
    size_t errors = 0;
    for (size_t a = 0; a < st->ntoks;) {
        size_t b = a + 1;
        while (b < st->ntoks && b - a < ENT_MAXRUN && st->toks[b].sent == st->toks[a].sent)
            b++;
        errors += train_run(st, d, a, b, *tags, *c);
        *c += 1;
        a = b;
    }
    return errors;
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* W: the mean of the runs' averaged weights (A, runs of them) */
static void write_model(const char *out, unsigned bits, const float *A, unsigned nruns)
{
    size_t rows = (size_t)1 << bits, n = rows * ENT_NTAGS;
    float maxw = 0;
    for (size_t i = 0; i < n; i++) {
        W[i] = A[i] / (float)nruns;
        if (fabsf(W[i]) > maxw)
            maxw = fabsf(W[i]);
    }
    float scale = maxw > 0 ? 32000.0f / maxw : 1;
    gzFile g = gzopen(out, "wbT");    /* stored as is: a read is a copy, not an inflate */
    if (!g) {
        perror(out);
        exit(1);
    }
    unsigned char h[24] = { 'G', 'L', 'Y', 'N', 'E', 'R', '1', '\0' };
    uint32_t v[4] = { bits, ENT_NTAGS, context ? ENT_FEATURE_SET_CONTEXT : ENT_FEATURE_SET, (uint32_t)lrint(dmargin * 32000.0) };
    for (int k = 0; k < 4; k++)
        for (int b = 0; b < 4; b++)
            h[8 + 4 * k + b] = (unsigned char)(v[k] >> (8 * b));
    gzwrite(g, h, sizeof h);
    unsigned char buf[2 * ENT_NTAGS * 1024];
    for (size_t i = 0; i < n; i += ENT_NTAGS * 1024) {
        size_t k = 0;
        for (size_t j = i; j < i + ENT_NTAGS * 1024 && j < n; j++) {
            long q = lrintf(W[j] * scale);
            uint16_t u = (uint16_t)(int16_t)q;
            buf[k++] = (unsigned char)(u & 0xff);
            buf[k++] = (unsigned char)(u >> 8);
        }
        gzwrite(g, buf, (unsigned)k);
    }
    if (gzclose(g) != Z_OK) {
        fprintf(stderr, "train: cannot write %s\n", out);
        exit(1);
    }
}

/* ---- scoring ---- */

/* the CoNLL token around byte p of the document (tokens never hold spaces) */
static size_t tok_start(const doc *d, size_t p)
{
    while (p > 0 && d->text[p - 1] != ' ' && d->text[p - 1] != '\n')
        p--;
    return p;
}

static size_t tok_end(const doc *d, size_t p)
{
    while (p < d->len && d->text[p] != ' ' && d->text[p] != '\n')
        p++;
    return p;
}

static int cmp_span(const void *a, const void *b)
{
    const span *x = a, *y = b;
    return x->s != y->s ? (x->s < y->s ? -1 : 1) : x->e != y->e ? (x->e < y->e ? -1 : 1) : x->label - y->label;
}

static void evaluate(ent_state *st)
{
    size_t tp[5] = { 0 }, np[5] = { 0 }, ng[5] = { 0 };
    span *pred = NULL;
    size_t pcap = 0;
    for (size_t k = 0; k < ndocs; k++) {
        const doc *d = &docs[k];
        analyse(st, d);
        if (ent_tag_names(st, d->text) < 0)
            exit(1);
        if (st->nnames > pcap)
            pred = xrealloc(pred, (pcap = st->nnames) * sizeof *pred);
        size_t n = 0;
        for (size_t i = 0; i < st->nnames; i++) {
            const name *nm = &st->names[i];
            if (nm->label == L_MISC && !keep_misc)
                continue;
            pred[n++] = (span){ tok_start(d, st->toks[nm->a].s), tok_end(d, st->toks[nm->b - 1].e - 1), nm->label };
        }
        qsort(pred, n, sizeof *pred, cmp_span);
        size_t g = 0;
        for (size_t i = 0; i < n; i++) {
            np[pred[i].label]++;
            while (g < d->ngold && cmp_span(&d->gold[g], &pred[i]) < 0) {
                if (show)
                    printf("FN %d %zu:%zu:%zu %.*s\n", d->gold[g].label, k, d->gold[g].s, d->gold[g].e, (int)(d->gold[g].e - d->gold[g].s), d->text + d->gold[g].s);
                g++;
            }
            if (g < d->ngold && !cmp_span(&d->gold[g], &pred[i])) {
                tp[pred[i].label]++;
                g++;
            } else if (show) {
                printf("FP %d %zu:%zu:%zu %.*s\n", pred[i].label, k, pred[i].s, pred[i].e, (int)(pred[i].e - pred[i].s), d->text + pred[i].s);
            }
        }
        for (size_t i = 0; i < d->ngold; i++)
            ng[d->gold[i].label]++;
    }
    free(pred);
    static const char *const names[] = { "all", "PER", "ORG", "LOC", "MISC" };
    for (int l = 1; l <= 4; l++) {
        tp[0] += tp[l], np[0] += np[l], ng[0] += ng[l];
    }
    for (int l = 0; l <= 4; l++) {
        double p = np[l] ? (double)tp[l] / (double)np[l] : 0, r = ng[l] ? (double)tp[l] / (double)ng[l] : 0;
        if (ng[l] || np[l])
            printf("%-5s P %.3f R %.3f F1 %.3f (gold %zu)\n", names[l], p, r, p + r > 0 ? 2 * p * r / (p + r) : 0, ng[l]);
    }
}

static void usage(void)
{
    fprintf(stderr, "usage: train -d DATADIR [-w WORDLIST] [-b BITS] [-e EPOCHS] [-m MARGIN] [-M MARGIN] [-C [-D PERCENT]] [-s SEED] [-r RUNS]\n"
                    "             [--misc] -o OUT FILE...\n"
                    "       train -d DATADIR [-w WORDLIST] [--misc] --eval FILE...\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *dir = NULL, *wordlist = "/usr/share/dict/words", *out = NULL;
    unsigned bits = 20, epochs = 12;
    int eval = 0, i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "--misc"))
            keep_misc = 1;
        else if (!strcmp(argv[i], "--show"))
            show = 1;
        else if (!strcmp(argv[i], "--eval"))
            eval = 1;
        else if (i + 1 < argc && !strcmp(argv[i], "-d"))
            dir = argv[++i];
        else if (i + 1 < argc && !strcmp(argv[i], "-w"))
            wordlist = argv[++i];
        else if (i + 1 < argc && !strcmp(argv[i], "-o"))
            out = argv[++i];
        else if (i + 1 < argc && !strcmp(argv[i], "-b"))
            bits = (unsigned)atoi(argv[++i]);
        else if (i + 1 < argc && !strcmp(argv[i], "-M"))
            dmargin = atof(argv[++i]);
        else if (i + 1 < argc && !strcmp(argv[i], "-m"))
            margin = atof(argv[++i]);
        else if (i + 1 < argc && !strcmp(argv[i], "-r"))
            runs = (unsigned)atoi(argv[++i]);
        else if (!strcmp(argv[i], "-C"))
            context = 1;
        else if (i + 1 < argc && !strcmp(argv[i], "-D"))
            drop = (unsigned)atoi(argv[++i]);
        else if (i + 1 < argc && !strcmp(argv[i], "-s"))
            rng ^= strtoull(argv[++i], NULL, 10) * 0x2545F4914F6CDD1Dull;
        else if (i + 1 < argc && !strcmp(argv[i], "-e"))
            epochs = (unsigned)atoi(argv[++i]);
        else
            usage();
    }
    if (!dir || i == argc || (!eval && !out) || bits < 10 || bits > 24 || runs < 1)
        usage();
    shout = !eval;
    for (; i < argc; i++)
        read_conll(argv[i]);
    ent_state st = { 0 };
    char err[4200];
    st.stopcache = galley_counter_new();
    st.pername = galley_counter_new();
    if (ent_load_lexicon(&st, dir, wordlist, err, sizeof err) < 0) {
        fprintf(stderr, "train: %s\n", err);
        return 1;
    }
    if (eval) {
        if (ent_tagger_open(&st, dir, err, sizeof err) < 0) {
            fprintf(stderr, "train: %s\n", err);
            return 1;
        }
        evaluate(&st);
        return 0;
    }
    mask = ((uint32_t)1 << bits) - 1;
    W = calloc((size_t)ENT_NTAGS << bits, sizeof *W);
    U = calloc((size_t)ENT_NTAGS << bits, sizeof *U);
    size_t *order = malloc(ndocs * sizeof *order);
    if (!W || !U || !order) {
        fprintf(stderr, "train: out of memory\n");
        return 1;
    }
    int *tags = NULL;
    size_t tcap = 0, n = (size_t)ENT_NTAGS << bits;
    float *A = calloc(n, sizeof *A);
    if (!A) {
        fprintf(stderr, "train: out of memory\n");
        return 1;
    }
    /* Each run learns from its own shuffles; the weights written are the
     * mean of the runs' averaged weights (parameter mixing), which evens
     * out how much one order of the documents decides. */
    for (unsigned r = 0; r < runs; r++) {
        if (r > 0) {
            memset(W, 0, n * sizeof *W);
            memset(U, 0, n * sizeof *U);
            rng ^= 0xD1B54A32D192ED03ull * r;
        }
        for (size_t k = 0; k < ndocs; k++)
            order[k] = k;
        double c = 1;
        for (unsigned e = 0; e < epochs; e++) {
            for (size_t k = ndocs; k > 1; k--) {   /* the same shuffle on every run */
                size_t j = (size_t)(next_rand() % k), x = order[k - 1];
                order[k - 1] = order[j];
                order[j] = x;
            }
            size_t errors = 0;
            for (size_t k = 0; k < ndocs; k++) {
                /* half the documents are learned without what the other
                 * mentions say, so the word's own features keep their
                 * weight for names mentioned once (PUD's short documents:
                 * F1 .690 with every document, .697 so) */
                st.context_off = !context || next_rand() % 100 < drop;
                errors += train_doc(&st, &docs[order[k]], &tags, &tcap, &c);
            }
            st.context_off = !context;
            fprintf(stderr, "run %u, epoch %u: %zu errors\n", r + 1, e + 1, errors);
        }
        for (size_t k = 0; k < n; k++)
            A[k] += W[k] - (float)(U[k] / c);     /* the average over every step */
    }
    write_model(out, bits, A, runs);
    return 0;
}
