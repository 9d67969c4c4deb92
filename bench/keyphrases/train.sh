#!/bin/sh
# bench/keyphrases/train.sh - refits the keyphrases plugin's feature weights
# (conf/extract/keyphrase-weights.txt) on the three keyphrase dev sets
# (500N-KPCrowd, SemEval-2017, Inspec), deterministically: the same data
# and code give the same file.  Only the few dozen dense feature weights
# are learned (features.c), never words: the sets are research data, never
# bundled.  --loso also scores each set with weights fitted on the other
# two (leave one set out) beside the all-sets weights.  --dump DIR keeps
# each set's candidates and features in DIR/SET.tsv (SET.lab: labelled), for
# bench/keyphrases/rerank.py.
# From the build tree: sh bench/keyphrases/train.sh [--loso] [--dump DIR] [OUT]
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$(pwd)}
data=${GALLEY_SHARED_DATA:-$top_srcdir/../shared/data}/bench
loso= dump=
[ "$1" = --loso ] && { loso=1; shift; }
[ "$1" = --dump ] && { dump=$2; shift 2; mkdir -p "$dump" || exit 1; }
out=${1:-$top_srcdir/conf/extract/keyphrase-weights.txt}
sets="kpcrowd kp-semeval2017 kp-inspec"
for s in $sets; do
    [ -d "$data/$s/docs" ] || { echo "bench/keyphrases/train.sh: $data/$s not found"; exit 1; }
done
make -C "$top_builddir" galley plugins/extract/keyphrases.la plugins/fetch/dir.la \
    plugins/extract/sentences.la plugins/output/jsonl.la bench/keyphrases/train >/dev/null || exit 1
GALLEY_PLUGIN_PATH=$top_builddir/plugins/fetch:$top_builddir/plugins/extract:$top_builddir/plugins/output
export GALLEY_PLUGIN_PATH
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
# the candidates and their features, ranked by the hand score alone (so that
# neither the dump nor the fit depends on the weights file in use)
mkdir "$tmp/hand" || exit 1
for f in keyphrase-stopwords.txt keyphrase-generic.txt keyphrase-modifiers.txt keyphrase-df.txt keyphrase-pos.txt; do
    ln -s "$top_srcdir/conf/extract/$f" "$tmp/hand/$f" || exit 1
done
"$top_builddir/bench/keyphrases/train" -H "$tmp/hand/keyphrase-weights.txt" || exit 1
for s in $sets; do
    cat > "$tmp/dump.conf" <<CONF
stage "fetch" { plugin = "dir" dir { path = "$data/$s/docs" } }
stage "sentences" { plugin = "sentences" }
stage "extract" { plugin = "keyphrases" keyphrases { data = "$tmp/hand" features = "$tmp/$s.tsv" } }
stage "output" { plugin = "jsonl" jsonl { path = "/dev/null" text = false } }
CONF
    "$top_builddir/galley" run -c "$tmp/dump.conf" -q -j 1 || exit 1
    # documents in name order, so that the input (and the fit) never depends on
    # the order the folder lists them in
    python3 "$top_srcdir/bench/keyphrases/label.py" "$data/$s" "$tmp/$s.tsv" | sort -s -t "$(printf '\t')" -k1,1 > "$tmp/$s.lab" || exit 1
    [ -z "$dump" ] || cp "$tmp/$s.tsv" "$tmp/$s.lab" "$dump/" || exit 1
done
# the model reorders each document's top 40 by the hand score (KP_RERANK; the
# features file holds only those), L2 1e-3 towards the hand score alone
fit() {     # fit OUT SET... : weights fitted on those sets
    o=$1; shift
    files=
    for s in "$@"; do files="$files $tmp/$s.lab"; done
    # shellcheck disable=SC2086
    "$top_builddir/bench/keyphrases/train" -l 1e-3 -o "$o" $files || exit 1
}
fit "$out" $sets
echo "wrote $out"
[ -n "$loso" ] || exit 0
# leave one set out: fit on two, score the third with the plugin itself
for held in $sets; do
    d="$tmp/data-$held"
    cp -R "$tmp/hand" "$d" || exit 1
    # shellcheck disable=SC2046
    fit "$d/keyphrase-weights.txt" $(for s in $sets; do [ "$s" = "$held" ] || echo "$s"; done)
    echo "== $held, weights fitted on the other two sets"
    KEYPHRASES_DATA=$d KEYPHRASES_SETS=$held sh "$top_srcdir/bench/keyphrases/run.sh" | grep '^P@'
done
