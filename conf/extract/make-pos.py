#!/usr/bin/env python3
# conf/extract/make-pos.py - writes keyphrase-pos.txt, the light part-of-speech
# lexicon of the keyphrases plugin: lower-case word forms that are mostly NOT
# nouns, with a class letter (a adjective, p relational adjective: "nuclear",
# v verb, r adverb, g an -ing form
# that is a noun only after another: "cloud computing", z a noun that is a
# verb after another noun: "the bus exhibits").  A word missing
# from the list counts as a noun (names, technical terms, plurals).
# Source: WordNet 3.0 (Debian wordnet-base, Princeton WordNet licence), the
# dominant part of speech of each lemma by its sense-tagged counts, plus
# regular inflections (verbs -s -ed -ing, adjectives -er -est) and the
# irregular forms of verb.exc / adj.exc.
#   apt-get install wordnet-base
#   cd conf/extract && python3 make-pos.py > keyphrase-pos.txt
import collections
import re

WN = '/usr/share/wordnet/'
POS = {'noun': 'n', 'adj': 'a', 'verb': 'v', 'adv': 'r'}


def index(pos):
    """lemma -> (senses, sense-tagged senses) of one part of speech"""
    out = {}
    for line in open(WN + 'index.' + pos, encoding='latin-1'):
        if line.startswith(' '):
            continue
        f = line.split()
        lemma = f[0]
        if '_' in lemma or not re.fullmatch(r"[a-z][a-z'-]*", lemma):
            continue
        nptr = int(f[3])
        senses, tagged = int(f[4 + nptr]), int(f[5 + nptr])
        out[lemma] = (senses, tagged)
    return out


idx = {p: index(name) for name, p in POS.items()}


def weight(lemma, p):
    s = idx[p].get(lemma)
    return 0.0 if s is None else s[1] + 0.1 * s[0]   # tagged senses count most


def lemma_class(lemma):
    """'n' when the lemma is often enough a noun, else its commonest class"""
    w = {p: weight(lemma, p) for p in 'navr'}
    best = max('avr', key=lambda p: w[p])
    if w['n'] > 0 and w['n'] * 2 >= w[best]:
        return 'n'
    return best if w[best] > 0 else 'n'


def noun_form(word, tagged=0):
    """a noun lemma (with at least `tagged` sense-tagged senses) or the
    regular plural of one"""
    if word in idx['n'] and idx['n'][word][1] >= tagged:
        return True
    for cut, add in (('ies', 'y'), ('es', ''), ('s', '')):
        if word.endswith(cut) and word[:-len(cut)] + add in idx['n']:
            return True
    return False


def verb_forms(v):
    forms = set()
    cons = v[-1] not in 'aeiouy'
    if v.endswith(('s', 'x', 'z', 'ch', 'sh')):
        forms.add(v + 'es')
    elif v.endswith('y') and len(v) > 1 and v[-2] not in 'aeiou':
        forms.add(v[:-1] + 'ies')
    else:
        forms.add(v + 's')
    if v.endswith('e'):
        forms |= {v + 'd', v[:-1] + 'ing'}
    elif v.endswith('y') and len(v) > 1 and v[-2] not in 'aeiou':
        forms |= {v[:-1] + 'ied', v + 'ing'}
    else:
        forms |= {v + 'ed', v + 'ing'}
        if cons and len(v) > 2 and v[-2] in 'aeiou' and v[-3] not in 'aeiou':
            forms |= {v + v[-1] + 'ed', v + v[-1] + 'ing'}   # stop -> stopped
    return forms


out = {}
for lemma in set(idx['a']) | set(idx['v']) | set(idx['r']):
    c = lemma_class(lemma)
    if c != 'n':
        out[lemma] = c
# inflected verbs: -ed/-ing/-s forms are verbs unless a noun ("learning",
# "results") or an adjective ("distributed") of their own
exc = {}
for line in open(WN + 'verb.exc', encoding='latin-1'):
    f = line.split()
    if len(f) >= 2:
        exc.setdefault(f[1], set()).add(f[0])
for v in idx['v']:
    if lemma_class(v) == 'v' or v in idx['v'] and idx['v'][v][1] > 0:
        for form in verb_forms(v) | exc.get(v, set()):
            if form in out or noun_form(form, 1):   # "using" is rarely a noun
                continue
            if lemma_class(form) == 'a' and form in idx['a']:
                out[form] = 'a'
            elif form.endswith('ing') and form in idx['n']:
                out[form] = 'g'     # "computing": a noun after a noun only
            else:
                out[form] = 'v'
# noun or verb ("exhibits", "need"): a verb right after a noun ("the bus
# exhibits", "systems need"), so it ends the phrase there
def verbish(lemma):
    v, n = idx['v'].get(lemma), idx['n'].get(lemma)
    return v is not None and n is not None and v[1] >= n[1] > 0


for v in idx['v']:
    if verbish(v):
        if out.get(v) == 'v':
            del out[v]          # "work", "crash": a noun in a phrase
        for form in [f for f in verb_forms(v) if f.endswith('s')]:
            if out.get(form, 'v') == 'v' and noun_form(form):
                out[form] = 'z'
for line in open(WN + 'adj.exc', encoding='latin-1'):
    f = line.split()
    if len(f) >= 2 and f[0] not in out and not noun_form(f[0]):
        out[f[0]] = 'a'
for a, c in list(out.items()):
    if c == 'a' and a in idx['a'] and len(a) <= 7:
        for form in (a + 'er', a + 'est') if not a.endswith('e') else (a + 'r', a + 'st'):
            if form not in out and not noun_form(form) and form not in idx['v']:
                out[form] = 'a'

# relational adjectives ("nuclear", "photochemical": WordNet's adj.pert,
# lexicographer file 1) say what kind of thing the noun is, where others
# ("popular", "accurate") say how it is: a phrase led by one is more often a
# key phrase
pert = collections.defaultdict(lambda: [0, 0])
for line in open(WN + 'data.adj', encoding='latin-1'):
    if line.startswith(' '):
        continue
    f = line.split()
    for i in range(int(f[3], 16)):
        word = re.sub(r'\(.*\)$', '', f[4 + 2 * i].lower())
        pert[word][int(f[1]) == 1] += 1
for a, c in list(out.items()):
    if c == 'a' and a in pert and pert[a][1] >= pert[a][0]:
        out[a] = 'p'

print('# keyphrase-pos.txt - word forms that are mostly not nouns: a adjective,')
print('# p relational adjective ("nuclear"), v verb, r adverb, g -ing form that')
print('# ends a noun phrase only, z noun that is a verb right after a noun')
print('# (anything else counts as a noun).')
print('# Generated by')
print('# make-pos.py from WordNet 3.0 (Princeton WordNet licence).')
for w in sorted(out):
    if "'" not in w:
        print('%s\t%s' % (w, out[w]))
