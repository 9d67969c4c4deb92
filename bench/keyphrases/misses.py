#!/usr/bin/env python3
"""bench/keyphrases/misses.py - what the keyphrases plugin's top 10 gets right
and wrong on a keyphrase set, by kind, matched as bench/keyphrases/score.py
scores (lowercase, Porter stems, exact match); the records hold a longer
list (count = 40) so that a missed key can be found further down.

  shown, right: single words / phrases
  shown, wrong: a phrase whose last word (its head) is a key; whose other
    word is a key; neither; a single word that is inside a key phrase; not
  keys missed: single / phrase, further down the list or not in it at all
    (then: said in the text, or never: no extractor can find those)

and what the keys allow at all: keys a document, the share of single
words, the share said in the text (stemmed, as matched), and the F1@10 of
a perfect extractor whose top 10 are keys said in the text (the ceiling).

--docs adds one line a document: its F1@10, then the top 10 with '*' for a
key, '^' for a phrase whose head is a key, '~' for one with another word
that is a key, then the keys missed.

usage: misses.py [--docs] SET_DIR RECORDS.jsonl"""
import collections, os, statistics, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score import norm, read_preds, top_k  # noqa: E402


def gold_keys(kdir, doc):
    path = os.path.join(kdir, 'keys', doc + '.key')
    keys = {norm(g) for g in open(path, encoding='utf-8', errors='replace') if g.strip()}
    keys.discard('')
    return keys


def shown_kind(p, gold):
    """the kind of one prediction of the top 10, and its mark for --docs"""
    words = p.split()
    if p in gold:
        return ('right, single word' if len(words) == 1 else 'right, phrase'), '*'
    if len(words) == 1:
        inside = any(p in g.split() for g in gold if ' ' in g)
        return ('wrong single word inside a key phrase' if inside else 'wrong single word'), ''
    if words[-1] in gold:
        return 'wrong phrase, its head word a key', '^'
    if any(w in gold for w in words[:-1]):
        return 'wrong phrase, another word a key', '~'
    return 'wrong phrase, no word a key', ''


def said(kdir, doc):
    """the document's text as matched: ' stem stem ... '"""
    path = os.path.join(kdir, 'docs', doc + '.txt')
    return ' %s ' % norm(open(path, encoding='utf-8', errors='replace').read())


def limits(nkeys, single, intext, ceiling):
    """what the keys of the set allow an extractor, by documents"""
    keys = sum(nkeys)
    print('  keys: %.1f a document (median %g), %.0f%% single words, %.0f%% said in the text; '
          'F1@10 of a perfect extractor (top 10 = keys said in the text): %.3f'
          % (keys / len(nkeys), statistics.median(nkeys), 100.0 * single / keys,
             100.0 * intext / keys, sum(ceiling) / len(ceiling)))


def main():
    args = [a for a in sys.argv[1:] if a != '--docs']
    if len(args) < 2:
        sys.exit(__doc__)
    kdir, docs = args[0], '--docs' in sys.argv[1:]
    preds = read_preds(args[1])
    kinds = collections.Counter()
    nkeys, ceiling, single, intext = [], [], 0, 0
    for name in sorted(os.listdir(os.path.join(kdir, 'keys'))):
        doc = os.path.splitext(name)[0]
        gold = gold_keys(kdir, doc)
        longer = top_k(preds.get(doc, []), 40)
        top = longer[:10]
        marks = []
        for p in top:
            kind, mark = shown_kind(p, gold)
            kinds['shown ' + kind] += 1
            marks.append(mark + p)
        text = said(kdir, doc)
        found = sum(1 for g in gold if ' %s ' % g in text)
        nkeys.append(len(gold))
        single += sum(1 for g in gold if ' ' not in g)
        intext += found
        ceiling.append(2.0 * min(found, 10) / (10 + len(gold)) if found else 0.0)
        missed = sorted(g for g in gold if g not in top)
        for g in missed:
            where = 'further down the list' if g in longer else (
                'not in the list, said in the text' if ' %s ' % g in text else 'never said in the text')
            kinds['missed %s, %s' % ('phrase' if ' ' in g else 'single word', where)] += 1
        if docs:
            tp = sum(1 for p in top if p in gold)
            f1 = 2.0 * tp / (len(top) + len(gold)) if top and gold else 0.0
            print('%s F1@10 %.3f: %s || missed: %s' % (doc, f1, ' | '.join(marks), ' | '.join(missed)))
    for kind in sorted(kinds):
        print('  %-55s %6d' % (kind, kinds[kind]))
    if nkeys:
        limits(nkeys, single, intext, ceiling)


if __name__ == '__main__':
    main()
