#!/usr/bin/env python3
"""bench/rouge/prepare.py - lays out the ROUGE benchmark sets for bench/rouge/run:
OUT/<set>/list.tsv (ID<TAB>article path), OUT/<set>/ref/ID.txt (reference, one
sentence a line), OUT/<set>/body/ID.txt (the article body without its title, for
the peers).  Sets: bbc (BBC News Summary, extractive references), wikinews
(the first, human-written summary in metadata.jsonl), inshorts (summ-inshorts:
scraped articles, Inshorts' ~60-word human summaries) and xsum (summ-xsum: BBC
articles, one human sentence).  inshorts articles are given without their
first line: that headline was written by Inshorts together with the summary,
so a summarizer that reads it would see the reference's words."""
import json
import os
import re
import sys

# BBC references join sentences with no space: split at a sentence end
# followed directly by a capital letter or a quote
REF_SPLIT = re.compile(r'(?<=[.!?])(?=[A-Z"\'])')


def read_text(path):
    with open(path, 'rb') as f:
        raw = f.read()
    try:
        return raw.decode('utf-8')
    except UnicodeDecodeError:   # bbc sport/199.txt: Latin-1
        return raw.decode('latin-1')


def body_of(text):
    """the article without its first line (the title)"""
    parts = text.split('\n', 1)
    return parts[1].strip() + '\n' if len(parts) > 1 else ''


def write(path, text):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


def setup(out, name):
    d = os.path.join(out, name)
    for sub in ('ref', 'body'):
        os.makedirs(os.path.join(d, sub), exist_ok=True)
    return d


def bbc(data, out):
    root = os.path.join(data, 'bench', 'bbc')
    if not os.path.isdir(root):
        return 0
    d = setup(out, 'bbc')
    rows = []
    for cat in sorted(os.listdir(os.path.join(root, 'articles'))):
        adir = os.path.join(root, 'articles', cat)
        for fn in sorted(os.listdir(adir)):
            if not fn.endswith('.txt'):
                continue
            ident = '%s_%s' % (cat, fn[:-4])
            art = os.path.join(adir, fn)
            ref = read_text(os.path.join(root, 'summaries', cat, fn)).strip()
            sents = [s.strip() for s in REF_SPLIT.split(ref) if s.strip()]
            write(os.path.join(d, 'ref', ident + '.txt'), '\n'.join(sents) + '\n')
            write(os.path.join(d, 'body', ident + '.txt'), body_of(read_text(art)))
            rows.append('%s\t%s\n' % (ident, os.path.abspath(art)))
    write(os.path.join(d, 'list.tsv'), ''.join(rows))
    return len(rows)


def wikinews(data, out):
    root = os.path.join(data, 'samples', 'wikinews')
    meta = os.path.join(root, 'metadata.jsonl')
    if not os.path.isfile(meta):
        return 0
    d = setup(out, 'wikinews')
    rows = []
    with open(meta, encoding='utf-8') as f:
        for line in f:
            if not line.strip():
                continue
            m = json.loads(line)
            art = os.path.join(root, m['id'] + '.txt')
            if not os.path.isfile(art) or not m.get('summaries'):
                continue
            write(os.path.join(d, 'ref', m['id'] + '.txt'), m['summaries'][0].strip() + '\n')
            write(os.path.join(d, 'body', m['id'] + '.txt'), body_of(read_text(art)))
            rows.append('%s\t%s\n' % (m['id'], os.path.abspath(art)))
    write(os.path.join(d, 'list.tsv'), ''.join(rows))
    return len(rows)


# a human summary on one line: split after . ! ? followed by a space
HUMAN_SPLIT = re.compile(r'(?<=[.!?])\s+(?=[A-Z0-9"\'])')


def human_set(data, out, name, folder, drop_first_line):
    root = os.path.join(data, 'bench', folder)
    if not os.path.isdir(os.path.join(root, 'articles')):
        return 0
    d = setup(out, name)
    os.makedirs(os.path.join(d, 'article'), exist_ok=True)
    rows = []
    for fn in sorted(os.listdir(os.path.join(root, 'articles'))):
        if not fn.endswith('.txt'):
            continue
        ident = fn[:-4]
        text = read_text(os.path.join(root, 'articles', fn))
        body = body_of(text) if drop_first_line else text.strip() + '\n'
        ref = read_text(os.path.join(root, 'summaries', fn)).strip()
        sents = [x.strip() for x in HUMAN_SPLIT.split(ref) if x.strip()]
        write(os.path.join(d, 'ref', ident + '.txt'), '\n'.join(sents) + '\n')
        write(os.path.join(d, 'body', ident + '.txt'), body)
        art = os.path.join(d, 'article', ident + '.txt')
        write(art, body)
        rows.append('%s\t%s\n' % (ident, os.path.abspath(art)))
    write(os.path.join(d, 'list.tsv'), ''.join(rows))
    return len(rows)


def main():
    if len(sys.argv) != 3:
        sys.exit('usage: prepare.py SHARED_DATA OUTDIR')
    data, out = sys.argv[1], sys.argv[2]
    print('bbc %d wikinews %d inshorts %d xsum %d' % (
        bbc(data, out), wikinews(data, out),
        human_set(data, out, 'inshorts', 'summ-inshorts', True),
        human_set(data, out, 'xsum', 'summ-xsum', False)))


if __name__ == '__main__':
    main()
