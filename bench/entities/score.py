#!/usr/bin/env python3
"""bench/entities/score.py - named-entity precision/recall/F1 of galley's
`entity` layer against the GUM Wikinews annotations (CoNLL-U).

Gold: person / place / organization mentions whose head token (the token of
the mention whose syntactic head lies outside it) is a proper noun (UPOS
PROPN), as PER / LOC / ORG.  GUM's mentions are whole noun phrases
("US political activist and philosopher Noam Chomsky", "Jason, who is our
editor"), nested ones included ("Massachusetts" inside "Massachusetts
Institute of Technology"); the gold name is the mention's name core
(name_core: the rules ner-train's converter used for the training GUM
genres, CoNLL-style flat names, no title before a person), and of nested
names the longest.  --whole-mentions scores the whole mentions instead (the
reading before 2026-12-06: GUM .644 there is .733 here, same output).
Gold tokens are aligned to the text galley read;
both sides are trimmed of leading/trailing punctuation and of a possessive
ending ('s, ’s), then spans match exactly (same start, end and type).

With --errors, also the error classes per type (error_classes()).

usage: score.py GOLD_DIR RECORDS.jsonl [--show] [--errors] [--whole-mentions]"""
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


def load_titles():
    """Person titles (conf/extract/titles.txt, title-modifiers.txt), the
    words the name core drops before a person's name."""
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'conf', 'extract')
    out = set()
    for f in ('titles.txt', 'title-modifiers.txt'):
        for line in open(os.path.join(here, f), encoding='utf-8'):
            w = line.strip()
            if w and not w.startswith('#'):
                out.add(w.rstrip('.').lower())
    return out


TITLES = None
CORE_DEPS = ('compound', 'flat', 'flat:name', 'fixed', 'goeswith')
CUT = set(',()[]{}"“”‘’\'«»;:')


def core_tokens(toks, h, a, b, of=True):
    """The name inside a mention headed by token h: h plus its capitalised
    compound and amod dependents, its flat / fixed / goeswith ones, the
    hyphens between them, and (of: not for people) proper nouns joined by
    "of" or "for" ("University of Chicago"), recursively, within a..b."""
    kids = {}
    for k in range(a, b + 1):
        kids.setdefault(int(toks[k][6]) - 1, []).append(k)
    core, todo = {h}, [h]
    while todo:
        t = todo.pop()
        for k in kids.get(t, ()):
            rel, form, upos = toks[k][7], toks[k][1], toks[k][3]
            cap = form[:1].isupper() or form[:1].isdigit()
            if (rel in CORE_DEPS and (cap or upos == 'PROPN' or rel != 'compound')) or \
               (rel == 'amod' and cap):
                core.add(k)
                todo.append(k)
            elif rel == 'punct' and form not in CUT:
                core.add(k)             # the hyphen of "Che-cheung", "Al-Maeena"
            elif of and rel.startswith('nmod') and upos == 'PROPN' and \
                    any(toks[c][1].lower() in ('of', 'for') for c in kids.get(k, ())):
                core.add(k)
                todo.append(k)
                for c in kids.get(k, ()):
                    if toks[c][1].lower() in ('of', 'for') or toks[c][3] == 'DET':
                        core.add(c)
    return core


def name_core(toks, a, b, etype):
    """(first, last) token of the name of a GUM mention, as the training
    converter of ner-train derives it (its SOURCE.md): the contiguous core
    around the head, cut at punctuation, verbs and pronouns; no article,
    preposition or possessive at the edges, no title before a person's
    name; None for plural person names ("Americans") and bare titles."""
    global TITLES
    if TITLES is None:
        TITLES = load_titles()
    h = head_of(toks, a, b)
    if toks[h][3] != 'PROPN':
        return None
    if etype == 'person' and toks[h][4] == 'NNPS':
        return None
    core = core_tokens(toks, h, a, b, etype != 'person')

    def stop(k):
        return k not in core or toks[k][1] in CUT
    lo = hi = h
    while lo > a and not stop(lo - 1):
        lo -= 1
    while hi < b and not stop(hi + 1):
        hi += 1
    edge = ('DET', 'ADP', 'CCONJ', 'PUNCT', 'PART')
    while lo < hi and (toks[lo][3] in edge or
                       (etype == 'person' and toks[lo][1].rstrip('.').lower() in TITLES)):
        lo += 1
    while hi > lo and toks[hi][3] in edge:
        hi -= 1
    if etype == 'person' and (toks[lo][1].rstrip('.').lower() in TITLES or
                              toks[h][1].rstrip('.').lower() in TITLES):
        return None                     # a bare title: "President", "NASA Administrator"
    return lo, hi


def gold_spans(text, sents, whole=False):
    """Gold names as character spans.  Default: the name core of each
    mention (name_core); nested or overlapping names keep the longest
    (ties: GUM's mention order), as in flat CoNLL-style annotation.
    whole: GUM's whole mentions, nested ones included (the reading of
    this script before 2026-12-06, kept to compare)."""
    offs = align(text, sents)
    cands = []
    for order, (si, a, b, etype) in enumerate(mentions(sents)):
        if etype not in TYPES:
            continue
        toks = sents[si]['toks']
        if whole:
            if toks[head_of(toks, a, b)][3] != 'PROPN':
                continue
            span = (a, b)
        else:
            span = name_core(toks, a, b, etype)
            if span is None:
                continue
        a, b = span
        if offs[si][a] is None or offs[si][b] is None:
            continue
        st, en = trim(text, offs[si][a][0], offs[si][b][1])
        if st < en:
            cands.append((st, en, TYPES[etype], order))
    if whole:
        return {c[:3] for c in cands}
    spans = set()
    for c in sorted(cands, key=lambda c: (c[0] - c[1], c[3])):
        if not any(s[0] < c[1] and c[0] < s[1] for s in spans):
            spans.add(c[:3])
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
    whole = '--whole-mentions' in sys.argv
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
        g, p = gold_spans(text, parse_conllu(path), whole), pred_spans(recs[doc])
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
