#!/bin/sh
# bench/entities/peer.sh - npm `compromise` on the same 43 GUM Wikinews
# articles, scored by the same score.py as the entities plugin (installs
# compromise into bench/entities/node_modules, git-ignored, on first run).
# From the build tree: sh bench/entities/peer.sh
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
data=${GALLEY_SHARED_DATA:-$top_srcdir/../shared/data}
if [ ! -d "$data/bench/gum-entities" ]; then
    echo "bench/entities: $data/bench/gum-entities not found; skipped"; exit 0
fi
here=$top_srcdir/bench/entities
if [ ! -d "$here/node_modules/compromise" ]; then
    (cd "$here" && npm install --no-save --no-audit --no-fund --silent compromise@14) ||
        { echo "bench/entities: cannot install compromise; skipped"; exit 0; }
fi
out=$(mktemp -d) || exit 1
trap 'rm -rf "$out"' EXIT
node "$here/peer-compromise.mjs" "$top_srcdir"/examples/articles/wikinews/GUM_*.txt > "$out/peer.jsonl" || exit 1
python3 "$here/score.py" "$data/bench/gum-entities" "$out/peer.jsonl" "$@"
