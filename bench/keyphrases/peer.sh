#!/bin/sh
# bench/keyphrases/peer.sh - npm keyword-extractor (words ranked by frequency)
# on 500N-KPCrowd, scored by the same score.py as the keyphrases plugin
# (installs it into bench/keyphrases/node_modules, git-ignored, on first run).
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
data=${GALLEY_SHARED_DATA:-$top_srcdir/../shared/data}
if [ ! -d "$data/bench/kpcrowd/docs" ]; then
    echo "bench/keyphrases: $data/bench/kpcrowd not found; skipped"; exit 0
fi
here=$top_srcdir/bench/keyphrases
if [ ! -d "$here/node_modules/keyword-extractor" ]; then
    (cd "$here" && npm install --no-save --no-audit --no-fund --silent keyword-extractor) ||
        { echo "bench/keyphrases: cannot install keyword-extractor; skipped"; exit 0; }
fi
out=$(mktemp -d) || exit 1
trap 'rm -rf "$out"' EXIT
node "$here/peer-keyword-extractor.mjs" "$data"/bench/kpcrowd/docs/*.txt > "$out/peer.jsonl" || exit 1
python3 "$here/score.py" "$data/bench/kpcrowd" "$out/peer.jsonl"
