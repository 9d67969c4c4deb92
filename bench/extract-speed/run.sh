#!/bin/sh
# bench/extract-speed/run.sh - articles/s of the extract stage (entities +
# keyphrases, one worker) over the BBC News articles.
# Run from the build tree after `make`: sh bench/extract-speed/run.sh
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
data=${GALLEY_SHARED_DATA:-$top_srcdir/../shared/data}
if [ ! -d "$data/bench/bbc/articles" ]; then
    echo "bench/extract-speed: $data/bench/bbc/articles not found; skipped"; exit 0
fi
drive=${DRIVE:-./bench/extract-speed/drive}
[ -x "$drive" ] || { echo "bench/extract-speed: build first (make bench/extract-speed/drive)"; exit 1; }
start=$(date +%s.%N)
"$drive" --quiet --entities --keyphrases "$data"/bench/bbc/articles/*/*.txt || exit 1
end=$(date +%s.%N)
echo "wall time including loading data and reading files: $(echo "$end - $start" | bc) s"
