#!/usr/bin/env python3
"""bench/entities/score.py - named-entity precision/recall/F1 of galley's
`entity` layer against the GUM Wikinews annotations (CoNLL-U).

Gold: person / place / organization mentions whose head token (the token of
the mention whose syntactic head lies outside it) is a proper noun (UPOS
PROPN), as PER / LOC / ORG.  Gold tokens are aligned to the text galley read;
both sides are trimmed of leading/trailing punctuation and of a possessive
ending ('s, ’s), then spans match exactly (same start, end and type).

With --errors, also the error classes per type (error_classes()).

usage: score.py GOLD_DIR RECORDS.jsonl [--show] [--errors]"""
import glob, json, os, re, sys
import unicodedata

TYPES = {'person': 'PER', 'place': 'LOC', 'organization': 'ORG'}
LABELS = {'PERSON': 'PER', 'PER': 'PER', 'LOC': 'LOC', 'ORG': 'ORG'}


def parse_conllu(path):
    sents, cur = [], None
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith('# text = '):
            cur = {'text': line[9:], 'toks': []}
            sents.append(cur)
        elif line and line[0].isdigit():
            cols = line.split('\t')
            if '-' not in cols[0] and '.' not in cols[0]:
                cur['toks'].append(cols)
    return sents


def mentions(sents):
    """(sentence, first token, last token, entity type) of every mention."""
    out = []
    for si, s in enumerate(sents):
        open_ = {}
        for ti, cols in enumerate(s['toks']):
            m = re.search(r'Entity=([^|]*)', cols[9])
            if not m:
                continue
            v, i = m.group(1), 0
            while i < len(v):
                if v[i] == '(':
                    j = i + 1
                    while j < len(v) and v[j] not in '()':
                        j += 1
                    info = v[i + 1:j].split('-')
                    if j < len(v) and v[j] == ')':
                        out.append((si, ti, ti, info[1]))
                        i = j + 1
                    else:
                        open_.setdefault(info[0], []).append((ti, info[1]))
                        i = j
                else:
                    j = i
                    while j < len(v) and v[j].isdigit():
                        j += 1
                    start, etype = open_[v[i:j]].pop()
                    out.append((si, start, ti, etype))
                    i = j + 1
    return out


def head_of(toks, a, b):
    inside = set(range(a, b + 1))
    for k in range(a, b + 1):
        if int(toks[k][6]) - 1 not in inside:
            return k
    return b


def is_punct(s):
    return all(unicodedata.category(c).startswith('P') or c.isspace() for c in s)


def trim(text, start, end):
    """Trims punctuation, white space, a possessive ending and a leading
    "the" (names are scored without their article, as in CoNLL)."""
    while True:
        old = (start, end)
        if end - start > 4 and text[start:start + 4] in ('the ', 'The '):
            start += 4
        while start < end and is_punct(text[start]):
            start += 1
        while end > start and is_punct(text[end - 1]):
            end -= 1
        for pos in ("'s", "’s"):
            if end - start > 2 and text[start:end].endswith(pos):
                end -= 2
        if (start, end) == old:
            return start, end


def align(text, sents):
    """Character offsets of every gold token in text (None if not found)."""
    pos, offs = 0, []
    for s in sents:
        row = []
        for cols in s['toks']:
            form = cols[1]
            k = text.find(form, pos, pos + 300)
            if k < 0:
                row.append(None)
            else:
                row.append((k, k + len(form)))
                pos = k + len(form)
        offs.append(row)
    return offs


def gold_spans(text, sents):
    offs = align(text, sents)
    spans = set()
    for si, a, b, etype in mentions(sents):
        if etype not in TYPES:
            continue
        toks = sents[si]['toks']
        if toks[head_of(toks, a, b)][3] != 'PROPN':
            continue
        if offs[si][a] is None or offs[si][b] is None:
            continue
        st, en = trim(text, offs[si][a][0], offs[si][b][1])
        if st < en:
            spans.add((st, en, TYPES[etype]))
    return spans


def pred_spans(rec):
    text = rec['text']
    raw = text.encode('utf-8')
    spans = set()
    for sp in rec.get('layers', {}).get('entity', []):
        lab = LABELS.get(sp.get('label'))
        if not lab:
            continue
        st = len(raw[:sp['start']].decode('utf-8', 'replace'))
        en = len(raw[:sp['end']].decode('utf-8', 'replace'))
        st, en = trim(text, st, en)
        if st < en:
            spans.add((st, en, lab))
    return spans


def error_classes(gold, pred, counts):
    """Adds to counts[(TYPE, class)] the errors of one document.  gold and
    pred are sets of (start, end, type), ends exclusive, in one unit.  A
    missed gold name is 'type' (the same span with another type),
    'boundary' (an overlapping prediction of its type), 'both' (overlap,
    other type) or 'missed' (nothing overlaps); a wrong prediction that
    overlaps no gold name is 'spurious' (under the predicted type)."""
    for g in gold - pred:
        over = [p for p in pred if p[0] < g[1] and g[0] < p[1]]
        if any(p[:2] == g[:2] for p in over):
            c = 'type'
        elif any(p[2] == g[2] for p in over):
            c = 'boundary'
        else:
            c = 'both' if over else 'missed'
        counts[(g[2], c)] = counts.get((g[2], c), 0) + 1
    for p in pred - gold:
        if not any(g[0] < p[1] and p[0] < g[1] for g in gold):
            counts[(p[2], 'spurious')] = counts.get((p[2], 'spurious'), 0) + 1


def print_error_classes(counts, types):
    print('errors  %8s %8s %8s %8s %8s' % ('missed', 'type', 'boundary', 'both', 'spurious'))
    for t in types:
        print('%-7s %s' % (t, ' '.join('%8d' % counts.get((t, c), 0)
                                       for c in ('missed', 'type', 'boundary', 'both', 'spurious'))))


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    show = '--show' in sys.argv
    errors = {} if '--errors' in sys.argv else None
    recs = {}
    for line in open(sys.argv[2], encoding='utf-8'):
        if line.strip():
            r = json.loads(line)
            recs[os.path.splitext(os.path.basename(r['id']))[0]] = r
    tp, fp, fn = {}, {}, {}
    ndocs = 0
    for path in sorted(glob.glob(os.path.join(sys.argv[1], '*.conllu'))):
        doc = os.path.splitext(os.path.basename(path))[0]
        if doc not in recs:
            print('missing prediction for', doc, file=sys.stderr)
            continue
        ndocs += 1
        text = recs[doc]['text']
        g, p = gold_spans(text, parse_conllu(path)), pred_spans(recs[doc])
        for t in ('PER', 'LOC', 'ORG'):
            gt = {x for x in g if x[2] == t}
            pt = {x for x in p if x[2] == t}
            tp[t] = tp.get(t, 0) + len(gt & pt)
            fp[t] = fp.get(t, 0) + len(pt - gt)
            fn[t] = fn.get(t, 0) + len(gt - pt)
        if errors is not None:
            error_classes({x for x in g}, {x for x in p if x[2] in TYPES.values()}, errors)
        if show:
            for x in sorted(g - p):
                print('FN', doc, x[2], repr(text[x[0]:x[1]]))
            for x in sorted(p - g):
                print('FP', doc, x[2], repr(text[x[0]:x[1]]))

    def prf(a, b, c):
        p = a / (a + b) if a + b else 0.0
        r = a / (a + c) if a + c else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)
    print('documents: %d' % ndocs)
    for t in ('PER', 'LOC', 'ORG'):
        print('%-7s P %.3f  R %.3f  F1 %.3f  (gold %d)' % ((t,) + prf(tp[t], fp[t], fn[t]) + (tp[t] + fn[t],)))
    T = [sum(d.values()) for d in (tp, fp, fn)]
    print('overall P %.3f  R %.3f  F1 %.3f  (gold %d)' % (prf(*T) + (T[0] + T[2],)))
    if errors is not None:
        print_error_classes(errors, ('PER', 'LOC', 'ORG'))


if __name__ == '__main__':
    main()
