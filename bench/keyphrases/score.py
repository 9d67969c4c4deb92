#!/usr/bin/env python3
"""bench/keyphrases/score.py - F1@5 and F1@10 of galley's `keyword` field on
a keyphrase set in 500N-KPCrowd's layout (docs/, keys/): lowercase, punctuation to spaces, Porter stems (libstemmer's
"porter" through ctypes) on both sides, duplicate predictions dropped, exact
match of the top 5 / top 10, precision/recall/F1 averaged over documents,
and the share of multi-word phrases among the predictions.  A SET_DIR
without keys/ (news without keyphrases) gets the multi-word share alone.

usage: score.py SET_DIR RECORDS.jsonl"""
import json, os, re, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from snowball import stemmer  # noqa: E402  (bench/snowball.py)

stem = stemmer('porter')


def norm(phrase):
    words = re.sub(r'[^\w\s]', ' ', phrase.lower()).split()
    return ' '.join(stem(w) for w in words)


def read_preds(path, whole_id=False):
    """document name (whole_id: the record's id, for sets in subfolders)
    -> its keyword values, best first"""
    preds = {}
    for line in open(path, encoding='utf-8'):
        if line.strip():
            r = json.loads(line)
            vals = r.get('fields', {}).get('keyword', [])
            if isinstance(vals, (str, dict)):
                vals = [vals]
            doc = r['id'] if whole_id else os.path.splitext(os.path.basename(r['id']))[0]
            preds[doc] = [
                v['value'] if isinstance(v, dict) else v for v in vals]
    return preds


def top_k(phrases, k):
    """the first k distinct normalised predictions"""
    top = []
    for p in phrases:
        t = norm(p)
        if t and t not in top:
            top.append(t)
    return top[:k]


def shares(preds):
    """an unlabelled set: how many of the top 5 / 10 are phrases"""
    print('documents: %d (no keys)' % len(preds))
    for k in (5, 10):
        tops = [top_k(v, k) for v in preds.values()]
        shown = sum(len(t) for t in tops)
        multi = sum(1 for t in tops for p in t if ' ' in p)
        print('multi-word share of the top %d: %.0f%%' % (k, 100.0 * multi / shown if shown else 0))


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    kdir = sys.argv[1]
    if not os.path.isdir(os.path.join(kdir, 'keys')):
        return shares(read_preds(sys.argv[2], whole_id=True))
    preds = read_preds(sys.argv[2])
    for k in (5, 10):
        report(kdir, preds, k)


def report(kdir, preds, k):
    P = R = F = 0.0
    n = multi = shown = 0
    for name in sorted(os.listdir(os.path.join(kdir, 'keys'))):
        doc = os.path.splitext(name)[0]
        gold = {norm(g) for g in open(os.path.join(kdir, 'keys', name), encoding='utf-8', errors='replace')
                if g.strip()}
        gold.discard('')
        top = top_k(preds.get(doc, []), k)
        multi += sum(1 for t in top if ' ' in t)
        shown += len(top)
        tp = len(set(top) & gold)
        p = tp / len(top) if top else 0.0
        r = tp / len(gold) if gold else 0.0
        P += p
        R += r
        F += 2 * p * r / (p + r) if p + r else 0.0
        n += 1
    if k == 5:
        print('documents: %d' % n)
    P, R = P / n, R / n
    print('P@%d %.3f  R@%d %.3f  F1@%d %.3f (mean of per-document F1; F1 of the mean P and R: '
          '%.3f); multi-word %.0f%%' % (k, P, k, R, k, F / n, 2 * P * R / (P + R) if P + R else 0,
                                        100.0 * multi / shown if shown else 0))


if __name__ == '__main__':
    main()
