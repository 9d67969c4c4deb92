#!/bin/sh
# bench/entities/run.sh - entity P/R/F1 on the 43 GUM Wikinews articles.
# Run from the build tree after `make`: sh bench/entities/run.sh
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
data=${GALLEY_SHARED_DATA:-$top_srcdir/../shared/data}
if [ ! -d "$data/bench/gum-entities" ]; then
    echo "bench/entities: $data/bench/gum-entities not found; skipped"; exit 0
fi
drive=${DRIVE:-./bench/extract-speed/drive}
[ -x "$drive" ] || { echo "bench/entities: build first (make bench/extract-speed/drive)"; exit 1; }
out=$(mktemp -d) || exit 1
trap 'rm -rf "$out"' EXIT
"$drive" --entities "$top_srcdir"/examples/articles/wikinews/GUM_*.txt > "$out/ent.jsonl" || exit 1
python3 "$top_srcdir/bench/entities/score.py" "$data/bench/gum-entities" "$out/ent.jsonl" "$@"
