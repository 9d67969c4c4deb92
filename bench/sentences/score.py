#!/usr/bin/env python3
"""bench/sentences/score.py - sentence-boundary precision/recall/F1 of a
splitter on GUM CoNLL-U files: gold = the `# text` sentences of each
`# newpar` paragraph; boundaries are positions counted in non-space
characters, paragraph ends are given (not scored).

usage: score.py SPLITTER GUM_DIR [-v]   (SPLITTER reads a file, prints one
sentence a line; paragraphs are fed separated by blank lines)"""
import glob
import os
import re
import subprocess
import sys
import tempfile


def paragraphs(path):
    """list of paragraphs, each a list of sentence texts"""
    paras = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# newpar") and not line.startswith("# newpar_"):
                paras.append([])
            elif line.startswith("# text = "):
                if not paras:
                    paras.append([])
                paras[-1].append(line[len("# text = "):].rstrip("\n"))
    return [p for p in paras if p]


def nonspace_len(s):
    return sum(1 for ch in s if not ch.isspace())


PUNCT_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")


def punct_ends(sentences):
    """the boundaries of ends() that follow sentence punctuation"""
    out, pos = set(), 0
    for s in sentences:
        pos += nonspace_len(s)
        if PUNCT_END.search(s.rstrip()):
            out.add(pos)
    return out


def ends(sentences):
    """set of boundary positions (non-space characters before each end)"""
    out, pos = set(), 0
    for s in sentences:
        pos += nonspace_len(s)
        out.add(pos)
    return out


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    splitter, gum = sys.argv[1], sys.argv[2]
    verbose = "-v" in sys.argv[3:]
    tp = fp = fn = 0
    ptp = pfn = 0
    files = sorted(glob.glob(os.path.join(gum, "*.conllu")))
    for path in files:
        paras = paragraphs(path)
        text = "\n\n".join(" ".join(p) for p in paras) + "\n"
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt",
                                         delete=False) as tmp:
            tmp.write(text)
        try:
            out = subprocess.run([splitter, tmp.name], check=True,
                                 capture_output=True).stdout.decode("utf-8")
        finally:
            os.unlink(tmp.name)
        pred_sents = [line for line in out.split("\n") if line.strip()]
        gold_sents = [s for p in paras for s in p]
        given = ends([" ".join(p) for p in paras])
        gold = ends(gold_sents) - given
        pred = ends(pred_sents) - given
        pgold = punct_ends(gold_sents) - given
        ptp += len(pgold & pred)
        pfn += len(pgold - pred)
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        if verbose:
            show(os.path.basename(path), gold_sents, pred - gold, "FP")
            show(os.path.basename(path), gold_sents, gold - pred, "FN")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print("files %d  boundaries gold %d  predicted %d" % (len(files), tp + fn, tp + fp))
    print("precision %.4f  recall %.4f  F1 %.4f" % (p, r, f1))
    # boundaries with no . ! ? before them (list items, headline + date run
    # together by the paragraph join) bound what a punctuation-driven
    # splitter can reach
    pr = ptp / (ptp + pfn) if ptp + pfn else 0.0
    pf1 = 2 * p * pr / (p + pr) if p + pr else 0.0
    print("gold boundaries after . ! ? : %d of %d; recall on those %.4f, F1 %.4f"
          % (ptp + pfn, tp + fn, pr, pf1))


def show(name, gold_sents, positions, kind):
    """prints the text around each boundary position"""
    if not positions:
        return
    flat = "".join(" ".join(gold_sents).split())
    stream = " ".join(gold_sents)
    idx, count, mapping = 0, 0, {}
    for i, ch in enumerate(stream):
        if not ch.isspace():
            count += 1
            mapping[count] = i + 1
    del flat, idx
    for pos in sorted(positions):
        i = mapping.get(pos, 0)
        print("%s %s: ...%s | %s..." % (kind, name, stream[max(0, i - 50):i],
                                         stream[i:i + 40]))


if __name__ == "__main__":
    main()
