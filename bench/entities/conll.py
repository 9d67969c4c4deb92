#!/usr/bin/env python3
"""bench/entities/conll.py - the CoNLL side of the entities bench.

  conll.py split FILE.conll OUTDIR    writes one text file a document (tokens
                                      joined by spaces, a sentence a line;
                                      "El-Sisi", "U.S." joined back: glued())
  conll.py score FILE.conll RECORDS.jsonl [--show] [--misc] [--errors]
                                      conlleval-style P/R/F1 per type of
                                      galley's `entity` layer

galley's spans are mapped back to tokens (a span covers every token it
touches); an entity counts when its first token, last token and type all
match the gold one.  PER / LOC / ORG are scored; MISC is shown apart (and
counted only with --misc); --errors adds the error classes of score.py."""
import json, os, sys

from score import error_classes, print_error_classes

LABELS = {'PERSON': 'PER', 'PER': 'PER', 'LOC': 'LOC', 'ORG': 'ORG', 'MISC': 'MISC'}


def read_docs(path):
    """[(tokens, tags)] per document; sentences end with a None token."""
    docs, cur = [], None
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith('-DOCSTART-') or cur is None:
            cur = ([], [])
            docs.append(cur)
            if line.startswith('-DOCSTART-'):
                continue
        if not line.strip():
            if cur[0] and cur[0][-1] is not None:
                cur[0].append(None)
                cur[1].append('O')
            continue
        tok, tag = line.split('\t')[:2]
        cur[0].append(tok)
        cur[1].append(tag)
    return [d for d in docs if any(t is not None for t in d[0])]


def is_initial(t):
    return t is not None and len(t) == 1 and 'A' <= t <= 'Z'


def wordish(c):
    """A word character as train.c's glued() sees bytes: ASCII letter or
    digit, or anything not ASCII."""
    return c != '' and (not c.isascii() or c.isalnum())


def glued(toks, i):
    """Whether token i was written against the token before it.  The sets
    split what the article wrote as one word: "El-Sisi" is "El - Sisi",
    "U.S." is "U . S ." (Worldwide: 1,390 hyphens inside names, 721 of
    them in people's names; "U . S ." 146 times).  Joining all tokens with
    spaces showed the tagger text no article has; these two cases are
    put back together, nothing else (a "'s" or a comma stays apart).  A
    sentence's last full stop stays apart ("U.S ." at the end).  train.c's
    glued() is the same rule for the training texts."""
    t, prev = toks[i], toks[i - 1] if i else None
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if prev is None or t is None:
        return False
    if t == '-':
        return wordish(prev[-1:]) and nxt is not None and wordish(nxt[:1])
    if prev == '-':
        return i >= 2 and glued(toks, i - 1)
    if t == '.':                        # U[.]S.  or  U.S[.] inside a sentence
        after = toks[i + 2] if i + 2 < len(toks) else None
        if not is_initial(prev):
            return False
        if is_initial(nxt) and after == '.':
            return True
        return nxt is not None and i >= 3 and toks[i - 2] == '.' and is_initial(toks[i - 3])
    if is_initial(t) and prev == '.':   # U.[S].
        return glued(toks, i - 1)
    return False


def doc_text(toks):
    out, bol = [], True
    for i, t in enumerate(toks):
        if t is None:
            out.append('\n')
            bol = True
        else:
            out.append(t if bol or glued(toks, i) else ' ' + t)
            bol = False
    return ''.join(out)


def gold_entities(toks, tags):
    ents, cur = set(), None
    for i, (t, tag) in enumerate(zip(toks, tags)):
        typ = tag[2:] if tag != 'O' else None
        if cur and (typ != cur[2] or tag.startswith('B-') or t is None):
            ents.add(tuple(cur))
            cur = None
        if typ and t is not None:
            if cur:
                cur[1] = i
            else:
                cur = [i, i, typ]
    if cur:
        ents.add(tuple(cur))
    return ents


def token_offsets(text, toks):
    """Character offsets of each token in the text galley read."""
    pos, offs = 0, []
    for t in toks:
        if t is None:
            offs.append(None)
            continue
        k = text.find(t, pos, pos + 200 + len(t))
        offs.append((k, k + len(t)) if k >= 0 else None)
        if k >= 0:
            pos = k + len(t)
    return offs


def pred_entities(rec, toks):
    text = rec['text']
    raw = text.encode('utf-8')
    offs = token_offsets(text, toks)
    starts = [(o[0], o[1], i) for i, o in enumerate(offs) if o]
    ents = set()
    for sp in rec.get('layers', {}).get('entity', []):
        lab = LABELS.get(sp.get('label'))
        if not lab:
            continue
        s = len(raw[:sp['start']].decode('utf-8', 'replace'))
        e = len(raw[:sp['end']].decode('utf-8', 'replace'))
        inside = [i for a, b, i in starts if a < e and b > s]
        if inside:
            ents.add((inside[0], inside[-1], lab))
    return ents


def split(path, outdir):
    os.makedirs(outdir, exist_ok=True)
    for k, (toks, _) in enumerate(read_docs(path)):
        with open(os.path.join(outdir, 'doc%05d.txt' % k), 'w', encoding='utf-8') as f:
            f.write(doc_text(toks))


def prf(a, b, c):
    p = a / (a + b) if a + b else 0.0
    r = a / (a + c) if a + c else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(path, records, show=False, misc=False, errors=None):
    recs = {}
    for line in open(records, encoding='utf-8'):
        if line.strip():
            r = json.loads(line)
            recs[os.path.splitext(os.path.basename(r['id']))[0]] = r
    types = ['PER', 'LOC', 'ORG'] + (['MISC'] if misc else [])
    tp, fp, fn = ({t: 0 for t in types + ['MISC']} for _ in range(3))
    docs = read_docs(path)
    for k, (toks, tags) in enumerate(docs):
        rec = recs.get('doc%05d' % k)
        if rec is None:
            print('missing prediction for document', k, file=sys.stderr)
            continue
        g, p = gold_entities(toks, tags), pred_entities(rec, toks)
        for t in tp:
            gt = {x for x in g if x[2] == t}
            pt = {x for x in p if x[2] == t}
            tp[t] += len(gt & pt)
            fp[t] += len(pt - gt)
            fn[t] += len(gt - pt)
        if errors is not None:      # token spans, ends made exclusive
            error_classes({(a, b + 1, t) for a, b, t in g}, {(a, b + 1, t) for a, b, t in p}, errors)
        if show:
            for tag, xs in (('FN', g - p), ('FP', p - g)):
                for x in sorted(xs):
                    print(tag, k, x[2], ' '.join(t or '/' for t in toks[x[0]:x[1] + 1]))
    print('documents: %d' % len(docs))
    for t in types + ([] if misc else ['MISC']):
        note = '' if t in types else '  (not counted)'
        print('%-7s P %.3f  R %.3f  F1 %.3f  (gold %d)%s' % ((t,) + prf(tp[t], fp[t], fn[t]) +
                                                        (tp[t] + fn[t], note)))
    T = [sum(d[t] for t in types) for d in (tp, fp, fn)]
    print('overall P %.3f  R %.3f  F1 %.3f  (gold %d)' % (prf(*T) + (T[0] + T[2],)))
    if errors is not None:
        print_error_classes(errors, types + ([] if misc else ['MISC']))


def main():
    a = sys.argv[1:]
    if len(a) >= 3 and a[0] == 'split':
        split(a[1], a[2])
    elif len(a) >= 3 and a[0] == 'score':
        score(a[1], a[2], '--show' in a, '--misc' in a, {} if '--errors' in a else None)
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main()
