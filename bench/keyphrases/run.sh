#!/bin/sh
# bench/keyphrases/run.sh - F1@10 of the keyphrases plugin on 500N-KPCrowd.
# Run from the build tree after `make`: sh bench/keyphrases/run.sh
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
data=${GALLEY_SHARED_DATA:-$top_srcdir/../shared/data}
if [ ! -d "$data/bench/kpcrowd" ]; then
    echo "bench/keyphrases: $data/bench/kpcrowd not found; skipped"; exit 0
fi
drive=${DRIVE:-./bench/extract-speed/drive}
[ -x "$drive" ] || { echo "bench/keyphrases: build first (make bench/extract-speed/drive)"; exit 1; }
out=$(mktemp -d) || exit 1
trap 'rm -rf "$out"' EXIT
"$drive" --keyphrases "$data"/bench/kpcrowd/docs/*.txt > "$out/kp.jsonl" || exit 1
python3 "$top_srcdir/bench/keyphrases/score.py" "$data/bench/kpcrowd" "$out/kp.jsonl"
