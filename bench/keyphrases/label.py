#!/usr/bin/env python3
"""bench/keyphrases/label.py - labels the keyphrases plugin's feature dump
(its 'features' option: id<TAB>phrase<TAB>features) against a set's gold
keys, matched as bench/keyphrases/score.py scores (lowercase, Porter stems,
exact match): prints SET/doc<TAB>0|1<TAB>features, for bench/keyphrases/train.

usage: label.py SET_DIR FEATURES.tsv"""
import os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score import norm  # noqa: E402


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    kdir = sys.argv[1].rstrip('/')
    name = os.path.basename(kdir)
    gold = {}
    out = sys.stdout
    for line in open(sys.argv[2], encoding='utf-8'):
        doc, phrase, feats = line.rstrip('\n').split('\t', 2)
        doc = os.path.splitext(os.path.basename(doc))[0]
        if doc not in gold:
            path = os.path.join(kdir, 'keys', doc + '.key')
            gold[doc] = {norm(g) for g in open(path, encoding='utf-8', errors='replace')
                         if g.strip()} if os.path.exists(path) else set()
        out.write('%s/%s\t%d\t%s\n' % (name, doc, norm(phrase) in gold[doc], feats))


if __name__ == '__main__':
    main()
