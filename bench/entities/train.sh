#!/bin/sh
# bench/entities/train.sh - retrains the entities tagger's weights
# (conf/extract/entities-tagger.bin) from ../shared/data/bench/ner-train,
# deterministically: the same data gives the same file, byte for byte.
# From the build tree: sh bench/entities/train.sh [OUT]
# TRAIN_FLAGS adds trainer options, e.g. "-s 1" (other shuffles, to see how
# much of a change is noise; PUD's F1 moves by +-.006 from one to another).
# -C: context.c's document-level features (half the documents without
# them); -r 8: the mean of eight runs' weights, each on its own shuffles
# (four runs gave GUM .725 and .722 on two shuffle seeds, eight .736).
# The sets and their licences: conf/extract/README.md.  Never add the GUM
# news/interview documents (the dev set) or ner-dev (measure only).
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$(pwd)}
data=${GALLEY_SHARED_DATA:-$top_srcdir/../shared/data}/bench/ner-train
out=${1:-$top_srcdir/conf/extract/entities-tagger.bin}
[ -d "$data" ] || { echo "bench/entities/train.sh: $data not found"; exit 1; }
make -C "$top_builddir" bench/entities/train >/dev/null || exit 1
sets="wikigold wnut17-train wnut17-dev wnut17-test btc-a btc-b btc-e btc-f btc-g btc-h
      uner-en-ewt-dev uner-en-ewt-test gum-academic gum-bio gum-court gum-voyage"
# The news-like sets (Wikipedia, web text, GUM, BTC's news accounts) count
# twice: the tweets and comments outnumber them, and news is what galley
# reads (F1 +0.011 GUM, +0.005 PUD, +0.004 Worldwide against once; three
# times is worse on GUM and PUD).
news="wikigold btc-g uner-en-ewt-dev uner-en-ewt-test gum-academic gum-bio gum-court gum-voyage"
files=
for s in $sets $news; do
    [ -f "$data/$s.conll" ] || { echo "bench/entities/train.sh: $data/$s.conll missing"; exit 1; }
    files="$files $data/$s.conll"
done
# shellcheck disable=SC2086
"$top_builddir/bench/entities/train" -d "$top_srcdir/conf/extract" --misc -C -r 8 -b 19 -e 10 $TRAIN_FLAGS -o "$out" $files || exit 1
echo "wrote $out ($(wc -c < "$out") bytes)"
