#!/usr/bin/env python3
"""bench/aeb/score.py - scores article-extraction predictions against the Zyte
benchmark's ground truth (token 4-gram shingles, multisets; see README)."""
import json
import re
import sys
from collections import Counter

TOKEN_RE = re.compile(r'\w+', re.UNICODE)


def shingles(text, n=4):
    """Multiset of token n-grams; a text under n tokens is one shorter shingle."""
    toks = TOKEN_RE.findall(text or '')
    out = Counter()
    for i in range(max(1, len(toks) - n + 1)):
        sh = tuple(toks[i:i + n])
        if sh:
            out[sh] += 1
    return out


def page_counts(truth, pred):
    """(tp, fp, fn) scaled so that they sum to 1 (all 0 when both are empty)."""
    t, p = shingles(truth), shingles(pred)
    tp = sum((t & p).values())
    fp = sum(p.values()) - tp
    fn = sum(t.values()) - tp
    s = tp + fp + fn
    if s:
        return tp / s, fp / s, fn / s
    return 0.0, 0.0, 0.0


def page_pr(truth, pred):
    """(precision or None when the prediction is empty, recall)."""
    tp, fp, fn = page_counts(truth, pred)
    if tp + fp + fn == 0:
        return 1.0, 1.0
    prec = tp / (tp + fp) if tp + fp > 0 else None
    rec = tp / (tp + fn) if tp + fn > 0 else 1.0
    return prec, rec


def page_prf(truth, pred):
    """(P, R, F1) of one page (P 0 for an empty prediction)."""
    p, r = page_pr(truth, pred)
    p = p or 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(truth, preds):
    """Averages over the ground truth's pages: (P, R, F1, per-page list)."""
    precs, recs, pages = [], [], []
    for pid, gt in truth.items():
        pred = (preds.get(pid) or {}).get('articleBody') or ''
        p, r = page_pr(gt.get('articleBody') or '', pred)
        if p is not None:
            precs.append(p)
        recs.append(r)
        pages.append((pid, p, r))
    P = sum(precs) / len(precs) if precs else 0.0
    R = sum(recs) / len(recs) if recs else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    return P, R, F, pages


def load_preds(f):
    """{id: {articleBody}}, also when wrapped as {"output": {...}}."""
    preds = json.load(f)
    if isinstance(preds.get('output'), dict):
        preds = preds['output']
    return preds


def main(argv):
    if len(argv) < 3:
        sys.stderr.write('usage: score.py GROUND_TRUTH.json PRED.json [-v]\n')
        return 2
    with open(argv[1], encoding='utf-8') as f:
        truth = json.load(f)
    with open(argv[2], encoding='utf-8') as f:
        preds = load_preds(f)
    P, R, F, pages = score(truth, preds)
    if '-v' in argv[3:]:
        for pid, p, r in sorted(pages, key=lambda x: (x[1] or 0) + x[2]):
            ps = '  -  ' if p is None else '%.3f' % p
            print('%s P %s R %.3f' % (pid[:16], ps, r))
    print('P %.3f R %.3f F1 %.3f' % (P, R, F))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
