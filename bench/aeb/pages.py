#!/usr/bin/env python3
"""bench/aeb/pages.py - per-page look at galley's predictions on one dev set:
which pages lose the most, and by what class of error.
Usage: pages.py SET_DIR PRED.json [OTHER.json] [-n N] [--metric rouge|aeb|word]
SET_DIR holds ground-truth.json (and, for WCXB, types.tsv).  Prints the N
pages with the largest loss (1 - score), their precision and recall, gold
and predicted length, a class (empty / wrong block / short gold / missed
text / extra text), and the loss summed per class; with OTHER.json (a
second run's predictions) the pages whose score changed most between the
two, so a change can be judged page by page."""
import argparse
import os
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from table import load, rouge_page, word_page  # noqa: E402
from score import page_prf  # noqa: E402


def page_score(metric, gold, pred):
    if metric == 'rouge':
        return rouge_page(gold, pred)
    if metric == 'word':
        return word_page(gold, pred)
    return page_prf(gold, pred)


def classify(p, r, ng, npred):
    if npred == 0:
        return 'empty output'
    if p < 0.2 and r < 0.2:
        return 'wrong block'
    if ng < 40 and npred > 3 * ng:
        return 'short gold (headline/lede only)'
    if r < 0.9 and p >= 0.9:
        return 'missed text (recall)'
    if p < 0.9 and r >= 0.9:
        return 'extra text (precision)'
    return 'both'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('set_dir')
    ap.add_argument('pred')
    ap.add_argument('other', nargs='?')
    ap.add_argument('-n', type=int, default=30)
    ap.add_argument('--metric', default='rouge', choices=['rouge', 'aeb', 'word'])
    a = ap.parse_args()
    truth = load(os.path.join(a.set_dir, 'ground-truth.json'))
    pred = load(a.pred)
    rows, byclass = [], defaultdict(lambda: [0, 0.0])
    for pid, gt in truth.items():
        g = gt.get('articleBody') or ''
        t = (pred.get(pid) or {}).get('articleBody') or ''
        p, r, f = page_score(a.metric, g, t)
        cls = classify(p, r, len(g.split()), len(t.split())) if f < 0.999 else 'right'
        byclass[cls][0] += 1
        byclass[cls][1] += 1 - f
        rows.append((1 - f, pid, p, r, len(g.split()), len(t.split()), cls))
    n = len(truth)
    print('loss by class (%s; mean score %.4f over %d pages; loss/n = points lost):'
          % (a.metric, 1 - sum(x[0] for x in rows) / n, n))
    for cls, (k, loss) in sorted(byclass.items(), key=lambda x: -x[1][1]):
        print('  %-34s %4d pages  loss %.4f' % (cls, k, loss / n))
    print('\n%d worst pages: loss P R gold-words pred-words class' % a.n)
    for loss, pid, p, r, ng, npr, cls in sorted(rows, reverse=True)[:a.n]:
        print('  %.3f %s  %.3f %.3f %5d %5d  %s' % (loss, pid, p, r, ng, npr, cls))
    if a.other:
        other = load(a.other)
        diffs = []
        for _, pid, *_ in rows:
            g = truth[pid].get('articleBody') or ''
            f1 = page_score(a.metric, g, (pred.get(pid) or {}).get('articleBody') or '')[2]
            f2 = page_score(a.metric, g, (other.get(pid) or {}).get('articleBody') or '')[2]
            if abs(f2 - f1) > 1e-9:
                diffs.append((f2 - f1, pid, f1, f2))
        print('\n%d pages changed (sum %+.4f / n): largest first' %
              (len(diffs), sum(d[0] for d in diffs) / n))
        for d, pid, f1, f2 in sorted(diffs, key=lambda x: -abs(x[0]))[:a.n]:
            print('  %+.3f %s  %.3f -> %.3f' % (d, pid, f1, f2))
    return 0


if __name__ == '__main__':
    sys.exit(main())
