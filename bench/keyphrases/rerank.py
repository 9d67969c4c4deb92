#!/usr/bin/env python3
"""bench/keyphrases/rerank.py - F1@5 / F1@10 and the multi-word share of a
weights file on the keyphrase dev sets in a second, without running galley:
each document's top 40 candidates with their features (as
`sh bench/keyphrases/train.sh --dump DIR` keeps them: DIR/SET.tsv) scored
by the weights and chosen by the plugin's overlap rule (rank.c: a phrase
all of whose stems are in one already chosen, or the reverse, is left out),
then matched as bench/keyphrases/score.py matches.  It reproduces run.sh to
about .001 (the stems of the overlap rule are Porter's here, the plugin's
English Snowball there): a way to try a weight or a selection rule before
writing it in C.

--words-in-phrases: a single word may follow a phrase that holds it
  ("market" after "stock market"); --phrases-over-words: a phrase may follow
  a single word it holds.

usage: rerank.py [--words-in-phrases] [--phrases-over-words] WEIGHTS DUMP_DIR [SET...]"""
import os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from misses import gold_keys  # noqa: E402
from score import norm  # noqa: E402

SETS = ['kpcrowd', 'kp-semeval2017', 'kp-inspec']


def read_weights(path):
    w = []
    for line in open(path, encoding='utf-8'):
        if line.strip() and not line.startswith('#'):
            w.append(float(line.split('\t')[1]))
    return w


def read_dump(path):
    """document -> [(normalised phrase, features)], in the dump's order"""
    docs = {}
    for line in open(path, encoding='utf-8'):
        doc, phrase, feats = line.rstrip('\n').split('\t', 2)
        doc = os.path.splitext(os.path.basename(doc))[0]
        docs.setdefault(doc, []).append((norm(phrase), [float(x) for x in feats.split('\t')]))
    return docs


def blocks(new, old, opts):
    """the overlap rule: new may not follow old"""
    a, b = set(new.split()), set(old.split())
    if not (a <= b or b <= a):
        return False
    if len(a) == 1 and len(b) > 1 and 'words' in opts:
        return False
    if len(b) == 1 and len(a) > 1 and 'phrases' in opts:
        return False
    return True


def choose(cands, w, k, opts):
    """the top k, best first (ties: the earlier in the text, feature 6)"""
    scored = sorted(cands, key=lambda c: (-sum(x * y for x, y in zip(w, c[1])), c[1][6]))
    out = []
    for phrase, _ in scored:
        if phrase and phrase not in out and not any(blocks(phrase, o, opts) for o in out):
            out.append(phrase)
            if len(out) == k:
                break
    return out


def report(sdir, dump, w, opts):
    docs = sorted(os.path.splitext(n)[0] for n in os.listdir(os.path.join(sdir, 'keys')))
    line = []
    for k in (5, 10):
        f1 = multi = shown = 0
        for doc in docs:
            gold = gold_keys(sdir, doc)
            top = choose(dump.get(doc, []), w, k, opts)
            tp = sum(1 for p in top if p in gold)
            f1 += 2.0 * tp / (len(top) + len(gold)) if tp else 0.0
            multi += sum(1 for p in top if ' ' in p)
            shown += len(top)
        line.append('F1@%d %.3f' % (k, f1 / len(docs)))
    line.append('multi-word %.0f%%' % (100.0 * multi / shown if shown else 0))
    return '  '.join(line)


def main():
    opts = {a[2:].split('-')[0] for a in sys.argv[1:] if a.startswith('--')}
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    if len(args) < 2 or not opts <= {'words', 'phrases'}:
        sys.exit(__doc__)
    data = os.environ.get('GALLEY_SHARED_DATA') or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared', 'data')
    w = read_weights(args[0])
    for s in args[2:] or SETS:
        dump = read_dump(os.path.join(args[1], s + '.tsv'))
        print('%-15s %s' % (s, report(os.path.join(data, 'bench', s), dump, w, opts)))


if __name__ == '__main__':
    main()
