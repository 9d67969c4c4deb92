#!/usr/bin/env python3
"""bench/rouge/train.py - writes newsrank's weights (the linear models of
plugins/summarize/newsrank_model.c): the `extract` model, trained here on BBC
News Summary at k (the reference's sentence count), and the `brief` model,
set by hand (BRIEF below) and copied as it is.

  bench/rouge/train.py [--out FILE] [--cv DIR] [--prepared DIR] [--features DIR]

--out (default conf/summarize/newsrank.weights) gets the extract model
trained on every BBC article.  --cv DIR also writes DIR/wF.weights for F in
0..4, each trained without the articles of fold F (fold = crc32(id) % 5), and
DIR/SET-foldF.tsv, those articles' list lines: bench/rouge/run scores
`newsrank-cv` by summarizing each fold with the model that never saw it, so
its BBC row is held-out (the brief model is the same in every fold: it was
not trained, see BRIEF).  --prepared reuses a folder laid out by prepare.py;
--features keeps the features and targets there and reuses them.

Each candidate's features come from the summarizer itself (sumrun -o
features=FILE), so training and use read the same numbers.  The target of a
sentence: 1 when the greedy ROUGE-1+2 oracle of the article (as many sentences
as the reference) picks it, plus half its own ROUGE-1+2 recall relative to
the article's best sentence.  Ridge regression, each article weighing the
same.  Needs only Python 3."""
import argparse
import os
import pickle
import re
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
SPECS = ['bbc:k']
FOLDS = 5
RIDGE = 1e-3
# the extract model scores a summary of GATE_SENTENCES sentences or more that
# covers GATE of the article's sentences or more (BBC News Summary's
# references hold 40-46% of theirs); the brief model scores the others
GATE = 0.35
GATE_SENTENCES = 4
RATIO = 16      # the index of the feature k/n (newsrank_model.h NR_RATIO)
# The brief model, set by hand: the lead prior, the first sentence, shorter
# sentences, the title's words, the article's recurring words per word, and a
# small penalty for a sentence opening on "He", "But"...; at one sentence
# (`one_*`) centrality replaces the lead prior.  Chosen by comparing a few
# settings on all the human-written dev sets at once (Wikinews, summ-inshorts,
# summ-xsum; bench/rouge/run): a pointwise ridge model trained on those sets
# lost to the lead by 5 ROUGE-1 under cross-validation.
BRIEF = {'lead': 1.0, 'first': 0.6, 'length': -0.3, 'title': 0.5, 'cavg': 0.15,
         'opener': -0.05, 'one_lead': -1.0, 'one_cent': 1.0}
WORD = re.compile(r'[a-z0-9]+')


def stem(w):
    """a light suffix stripper: enough to match plurals and tenses"""
    for suf in ('ing', 'ed', 'es', 's'):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            return w[:-len(suf)]
    return w


def grams(text):
    toks = [stem(w) for w in WORD.findall(text.lower())]
    return toks, list(zip(toks, toks[1:]))


def counts(items):
    c = {}
    for x in items:
        c[x] = c.get(x, 0) + 1
    return c


def overlap(a, b):
    return sum(min(v, b.get(k, 0)) for k, v in a.items())


def f1(hit, got, want):
    if hit == 0:
        return 0.0
    p, r = hit / got, hit / want
    return 2 * p * r / (p + r)


def targets(sents, ref, k):
    """oracle membership + half the relative own recall, per sentence"""
    r1, r2 = grams(ref)
    c1, c2 = counts(r1), counts(r2)
    if not r1:
        return [0.0] * len(sents)
    toks = [grams(s) for s in sents]
    own = []
    for t1, t2 in toks:
        own.append(overlap(counts(t1), c1) / len(r1) +
                   (overlap(counts(t2), c2) / len(r2) if r2 else 0))
    top = max(own) or 1
    chosen, u1, u2, best = [], [], [], 0.0
    while len(chosen) < k:
        pick, val = -1, best
        for i, (t1, t2) in enumerate(toks):
            if i in chosen:
                continue
            a1, a2 = counts(u1 + t1), counts(u2 + t2)
            v = f1(overlap(a1, c1), max(len(u1 + t1), 1), len(r1)) + \
                f1(overlap(a2, c2), max(len(u2 + t2), 1), max(len(r2), 1))
            if v > val + 1e-12:
                pick, val = i, v
        if pick < 0:
            break
        chosen.append(pick)
        u1, u2, best = u1 + toks[pick][0], u2 + toks[pick][1], val
    return [(1.0 if i in chosen else 0.0) + 0.5 * own[i] / top
            for i in range(len(sents))]


def nlines(path):
    with open(path, encoding='utf-8') as f:
        return max(1, sum(1 for line in f if line.strip()))


def dump(sumrun, prep, spec, weights, work, reuse):
    """sumrun's features for every candidate of a set at a length"""
    set_, mode = spec.split(':')
    lst = os.path.join(prep, set_, 'list.tsv')
    if not os.path.isfile(lst):
        return None
    feats = os.path.join(work, '%s-%s.features' % (set_, mode))
    out = os.path.join(work, '%s-%s.out' % (set_, mode))
    os.makedirs(out, exist_ok=True)
    if os.path.exists(feats) and not reuse:
        os.remove(feats)
    klen = ['-K', os.path.join(prep, set_, 'ref')] if mode == 'k' else ['-o', 'sentences=' + mode]
    if not (reuse and os.path.exists(feats)):
        subprocess.run([sumrun, '-p', 'newsrank', '-o', 'weights=' + weights,
                        '-o', 'features=' + feats] + klen + ['-l', lst, '-O', out],
                       check=True, stdout=subprocess.DEVNULL)
    cache = feats + '.rows'
    if reuse and os.path.exists(cache):
        with open(cache, 'rb') as f:
            return pickle.load(f)
    docs = {}
    with open(feats, encoding='utf-8', errors='replace') as f:
        for line in f:
            parts = line.rstrip('\n').split('\t')
            docs.setdefault(parts[0], []).append(
                ([float(x) for x in parts[2:-1]], parts[-1]))
    rows = []
    for ident, cands in docs.items():
        ref_path = os.path.join(prep, set_, 'ref', ident + '.txt')
        with open(ref_path, encoding='utf-8') as f:
            ref = f.read()
        k = nlines(ref_path) if mode == 'k' else int(mode)
        ys = targets([c[1] for c in cands], ref, k)
        rows.append((ident, [(c[0], y) for c, y in zip(cands, ys)]))
    if reuse:
        with open(cache, 'wb') as f:
            pickle.dump(rows, f)
    return rows


def fold_of(ident):
    return zlib.crc32(ident.encode('utf-8')) % FOLDS


def normal_equations(data):
    """per fold, X'WX and X'Wy of its rows; an article's rows weigh
    1/(articles of its set in the training folds x its sentences), so the
    weights are applied when the folds are summed (fit)"""
    nf = len(data[0][1][0][1][0][0])
    per = {}
    for spec, rows in data:
        for ident, sents in rows:
            f = fold_of(ident)
            k = int(round(sents[0][0][RATIO] * len(sents)))
            key = (spec, f, int(sents[0][0][RATIO] >= GATE and k >= GATE_SENTENCES))
            if key not in per:
                per[key] = ([[0.0] * nf for _ in range(nf)], [0.0] * nf, [0])
            xtx, xty, cnt = per[key]
            cnt[0] += 1
            w = 1.0 / len(sents)
            for x, y in sents:
                for i in range(nf):
                    if x[i] == 0:
                        continue
                    wx = w * x[i]
                    xty[i] += wx * y
                    row = xtx[i]
                    for j in range(i, nf):
                        row[j] += wx * x[j]
    return nf, per


def solve(a, b):
    """Gaussian elimination with partial pivoting (a is small)"""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for j in range(c, n + 1):
                m[r][j] -= f * m[c][j]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][j] * x[j] for j in range(r + 1, n))) / m[r][r]
    return x


def fit(eqs, skip_fold=None, group=0):
    """the ridge solution for one group (0 brief, 1 extract) without a fold"""
    nf, per = eqs
    xtx = [[0.0] * nf for _ in range(nf)]
    xty = [0.0] * nf
    keys = [k for k in per if k[1] != skip_fold and k[2] == group]
    for spec in {k[0] for k in keys}:
        mine = [k for k in keys if k[0] == spec]
        n = sum(per[k][2][0] for k in mine)
        for k in mine:
            a, b, _c = per[k]
            for i in range(nf):
                xty[i] += b[i] / n
                for j in range(i, nf):
                    xtx[i][j] += a[i][j] / n
    for i in range(nf):
        for j in range(i):
            xtx[i][j] = xtx[j][i]
    scale = sum(xtx[i][i] for i in range(nf)) / nf or 1
    for i in range(nf):
        xtx[i][i] += RIDGE * scale
    return solve(xtx, xty)


def fit_both(eqs, names, skip_fold=None):
    """the hand-set brief model and the extract model trained without a fold"""
    return [BRIEF.get(n, 0.0) for n in names], fit(eqs, skip_fold, 1)


def feature_names():
    src = os.path.join(TOP, 'plugins', 'summarize', 'newsrank_model.c')
    with open(src, encoding='utf-8') as f:
        text = f.read()
    block = text[text.index('nr_feature_names[NR_NFEAT] = {'):]
    block = block[:block.index('};')]
    return re.findall(r'"([a-z_]+)"', block)


def write_weights(path, names, w, note):
    with open(path, 'w', encoding='utf-8') as f:
        f.write('# newsrank learned scorer (plugins/summarize/newsrank_model.c): the\n'
                '# extract model scores summaries of gate_sentences or more covering\n'
                '# `gate` of the article\'s sentences or more, the brief model the\n'
                '# others.  Written by bench/rouge/train.py: the brief model is set\n'
                '# by hand there (BRIEF), the extract model trained.\n')
        f.write('# %s\n' % note)
        f.write('gate %.2f\ngate_sentences %d\n' % (GATE, GATE_SENTENCES))
        for group, model in zip(('brief', 'extract'), w):
            for n, v in zip(names, model):
                f.write('%s.%s %.6f\n' % (group, n, v))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', default=os.path.join(TOP, 'conf', 'summarize', 'newsrank.weights'))
    ap.add_argument('--cv')
    ap.add_argument('--prepared')
    ap.add_argument('--features', help='keep the features here and reuse them')
    args = ap.parse_args()
    build = os.environ.get('BUILDDIR', TOP)
    sumrun = os.path.join(build, 'bench', 'rouge', 'sumrun')
    data = os.environ.get('GALLEY_SHARED_DATA', os.path.join(TOP, '..', 'shared', 'data'))
    with tempfile.TemporaryDirectory() as work:
        prep = args.prepared
        if not prep:
            prep = os.path.join(work, 'prep')
            subprocess.run([sys.executable, os.path.join(HERE, 'prepare.py'), data, prep],
                           check=True, stdout=subprocess.DEVNULL)
        # the features do not depend on the weights: any valid file will do
        start = os.path.join(TOP, 'conf', 'summarize', 'newsrank.weights')
        data_rows = []
        for spec in SPECS:
            rows = dump(sumrun, prep, spec, start, args.features or work,
                        bool(args.features))
            if rows:
                data_rows.append((spec, rows))
        if not data_rows:
            sys.exit('train.py: no dev set found in %s' % data)
        names = feature_names()
        used = ', '.join('%s (%d articles)' % (s, len(r)) for s, r in data_rows)
        eqs = normal_equations(data_rows)
        if args.cv:
            os.makedirs(args.cv, exist_ok=True)
            for fold in range(FOLDS):
                w = fit_both(eqs, names, fold)
                write_weights(os.path.join(args.cv, 'w%d.weights' % fold), names, w,
                              'cross-validation: trained without fold %d of %s' % (fold, used))
            # every set's folds: the others are summarized by the brief model,
            # the same in every fold
            for set_ in sorted(os.listdir(prep)):
                if not os.path.isfile(os.path.join(prep, set_, 'list.tsv')):
                    continue
                with open(os.path.join(prep, set_, 'list.tsv'), encoding='utf-8') as f:
                    lines = f.readlines()
                for fold in range(FOLDS):
                    with open(os.path.join(args.cv, '%s-fold%d.tsv' % (set_, fold)), 'w',
                              encoding='utf-8') as f:
                        f.writelines(x for x in lines if fold_of(x.split('\t')[0]) == fold)
        w = fit_both(eqs, names)
        write_weights(args.out, names, w, 'extract model trained on ' + used)
        print('train.py: %s written (%s)' % (args.out, used))


if __name__ == '__main__':
    main()
