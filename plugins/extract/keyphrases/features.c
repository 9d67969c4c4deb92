/* plugins/extract/keyphrases/features.c - the learned part of the ranking:
 * a few dozen dense numbers per candidate phrase (position, spread,
 * frequency, rarity, length, capitals, part of speech), their weights
 * (keyphrase-weights.txt, written by bench/keyphrases/train.sh) and the
 * candidates' features as text for that trainer (the 'features' option).
 * No word is a feature: the weights say how much each kind of evidence
 * counts, never which words are keys. */
#include "keyphrases.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* the names in keyphrase-weights.txt, in kp_features' order */
static const char *const feature_names[KP_NFEAT] = {
    "hand", "log_count", "alone", "first_rel", "first0", "inv_first", "token_pos",
    "spread", "len1", "len2", "len3", "idf_mean", "idf_min", "idf_head", "head_count",
    "share", "caps", "upper_first", "acronym", "adj_first", "gerund", "mod_head",
    "mod_first", "stem_len", "word_max", "in_longer", "longer_count", "holds_shorter",
    "topic_size", "topic_count", "relational_first",
};

const char *kp_feature_name(size_t i)
{
    return i < KP_NFEAT ? feature_names[i] : NULL;
}

/* Document-wide numbers the features are measured against. */
void kp_doc_context(const kp_state *st, size_t nsent, kp_doc *dc)
{
    dc->nsent = (double)(nsent ? nsent : 1);
    dc->ntok = (double)(st->nwords ? st->nwords : 1);
    dc->doclen = log(dc->ntok);
    dc->maxhand = 0;
    dc->maxword = 0;
    for (size_t i = 0; i < st->ncands; i++)
        if (st->cands[i].hand > dc->maxhand)
            dc->maxhand = st->cands[i].hand;
    for (size_t i = 0; i < st->nst; i++)
        if (st->st[i].rank > dc->maxword)
            dc->maxword = st->st[i].rank;
}

/* how many of a's stems are in b */
size_t kp_shared(const kp_state *st, const kp_cand *a, const kp_cand *b)
{
    size_t shared = 0;
    for (size_t i = 0; i < a->nwords; i++) {
        size_t s = st->ids[a->ids + i], k;
        for (k = 0; k < b->nwords && st->ids[b->ids + k] != s; k++)
            ;
        shared += k < b->nwords;
    }
    return shared;
}

/* a, a shorter phrase than b, is inside it */
static void hold(kp_cand *a, kp_cand *b)
{
    double r = (double)b->count / (double)a->count;
    a->longer = r > a->longer ? r : a->longer;
    b->shorter++;
}

/* how the top candidates top[0..n) hold one another ("market" in "stock
 * market"): kp_cand.longer and .shorter; and the topics they form (the
 * phrases that share a stem, as TopicRank groups them): .topic_n and
 * .topic_count */
void kp_containment(kp_state *st, const size_t *top, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        kp_cand *c = &st->cands[top[i]];
        c->longer = 0;
        c->shorter = c->topic_n = 0;
        c->topic_count = (double)c->count;
        c->stems = 0;
        for (size_t k = 0; k < c->nwords; k++)
            c->stems |= (uint64_t)1 << (st->ids[c->ids + k] & 63);
    }
    for (size_t i = 0; i < n; i++) {
        kp_cand *a = &st->cands[top[i]];
        for (size_t j = i + 1; j < n; j++) {
            kp_cand *b = &st->cands[top[j]];
            /* most pairs share no stem: their masks tell at once */
            size_t s = a->stems & b->stems ? kp_shared(st, a, b) : 0;
            if (s == 0)
                continue;
            a->topic_n++;
            a->topic_count += (double)b->count;
            b->topic_n++;
            b->topic_count += (double)a->count;
            if (a->nwords < b->nwords && s == a->nwords)
                hold(a, b);
            else if (b->nwords < a->nwords && kp_shared(st, b, a) == b->nwords)
                hold(b, a);
        }
    }
}

/* The features of candidate c into f[KP_NFEAT]; c->hand must be > 0. */
void kp_features(const kp_state *st, const kp_doc *dc, const kp_cand *c, double *f)
{
    const kp_word *w0 = &st->words[c->w0];
    const kp_stem *head = &st->st[st->ids[c->ids + c->nwords - 1]];
    const kp_stem *first = &st->st[st->ids[c->ids]];
    double n = (double)c->nwords, count = (double)c->count;
    double idfsum = 0, idfmin = 1e9, share = 0, lensum = 0, wmax = 0;
    int acronym = 0, gerund = 0;
    for (size_t k = 0; k < c->nwords; k++) {
        const kp_stem *s = &st->st[st->ids[c->ids + k]];
        double idf = st->gst[s->g].idf;
        idfsum += idf;
        idfmin = idf < idfmin ? idf : idfmin;
        share += count / s->count;
        lensum += (double)(s->len < 12 ? s->len : 12);
        wmax = s->rank > wmax ? s->rank : wmax;
        acronym |= (w0[k].flags & GALLEY_TOK_ALLCAPS) != 0;
        gerund |= w0[k].cls == KP_GERUND;
    }
    f[0] = log(c->hand / dc->maxhand);
    f[1] = log(count);
    f[2] = (double)c->alone / count;
    f[3] = (double)c->first / dc->nsent;
    f[4] = c->first == 0;
    f[5] = 1.0 / ((double)c->first + 1.0);
    f[6] = (double)c->w0 / dc->ntok;
    f[7] = (double)(c->last - c->first) / dc->nsent;
    f[8] = c->nwords == 1;
    f[9] = c->nwords == 2;
    f[10] = c->nwords == 3;
    f[11] = idfsum / n;
    f[12] = idfmin;
    f[13] = st->gst[head->g].idf;
    f[14] = log(head->count);
    f[15] = share / n;
    f[16] = (double)c->caps / count;
    f[17] = w0->upper;
    f[18] = acronym;
    f[19] = w0->cls == KP_ADJ;
    f[20] = gerund;
    f[21] = head->mod / head->count;
    f[22] = first->mod / first->count;
    f[23] = lensum / n / 12.0;
    f[24] = dc->maxword > 0 && wmax > 0 ? log(wmax / dc->maxword) : -20.0;
    f[25] = c->longer > 0;
    f[26] = log(1.0 + c->longer);
    f[27] = c->shorter > 0;
    f[28] = log1p((double)c->topic_n);
    f[29] = log(c->topic_count);
    /* "nuclear power", not "popular power" */
    f[30] = c->nwords > 1 && !w0->cap && st->form[w0->form].relational;
}

/* keyphrase-weights.txt: name<TAB>weight lines, '#' comments; every
 * feature named once.  0, or -1 with a message in *why. */
int kp_load_weights(double *wt, const char *path, char **why)
{
    char m[8400];
    size_t len, at = 0, n, ln = 0, nseen = 0;
    char *data = galley_read_file(path, &len);
    if (!data) {
        snprintf(m, sizeof m, "cannot read %s: %s", path, strerror(errno));
        return *why = strdup(m), -1;
    }
    unsigned char seen[KP_NFEAT] = { 0 };
    const char *l;
    while (galley_line_next(data, len, &at, &l, &n)) {
        ln++;
        if (n == 0 || l[0] == '#')
            continue;
        char line[256], *end = NULL;
        size_t i = KP_NFEAT;
        snprintf(line, sizeof line, "%.*s", (int)(n < sizeof line ? n : sizeof line - 1), l);
        char *tab = n < sizeof line ? strchr(line, '\t') : NULL;
        if (tab) {
            *tab = '\0';
            for (i = 0; i < KP_NFEAT && strcmp(feature_names[i], line); i++)
                ;
        }
        double v = tab ? strtod(tab + 1, &end) : 0;
        if (i == KP_NFEAT || end == tab + 1 || seen[i] || !isfinite(v)) {
            snprintf(m, sizeof m, "%s:%zu: not a known feature<TAB>weight line, or a feature "
                     "named twice (rewrite the file with bench/keyphrases/train.sh)", path, ln);
            free(data);
            return *why = strdup(m), -1;
        }
        wt[i] = v;
        seen[i] = 1;
        nseen++;
    }
    free(data);
    if (nseen < KP_NFEAT) {
        size_t i;
        for (i = 0; seen[i]; i++)
            ;
        snprintf(m, sizeof m, "%s: no weight for the feature '%s' (rewrite the file with "
                 "bench/keyphrases/train.sh)", path, feature_names[i]);
        return *why = strdup(m), -1;
    }
    return 0;
}

/* One line a candidate: id<TAB>phrase<TAB>features; the document's lines
 * in one write() to an O_APPEND file, so workers' documents never mix. */
int kp_dump(int fd, const char *id, const char *const *shown, const double *feat, size_t n)
{
    size_t cap = 256, len = 0;
    for (size_t i = 0; i < n; i++)
        cap += strlen(id) + strlen(shown[i]) + KP_NFEAT * 16 + 4;
    char *buf = malloc(cap);
    if (!buf)
        return -1;
    for (size_t i = 0; i < n; i++) {
        len += (size_t)snprintf(buf + len, cap - len, "%s\t%s", id, shown[i]);
        for (size_t k = 0; k < KP_NFEAT; k++)
            len += (size_t)snprintf(buf + len, cap - len, "\t%.6g", feat[i * KP_NFEAT + k]);
        buf[len++] = '\n';
    }
    ssize_t r = write(fd, buf, len);
    free(buf);
    return r == (ssize_t)len ? 0 : -1;
}
