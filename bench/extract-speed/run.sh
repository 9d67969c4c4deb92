#!/bin/sh
# bench/extract-speed/run.sh - articles/s of the extract stage (entities +
# keyphrases) at -j 1 over the 2,225 BBC News articles, from galley's
# per-stage times (--stats); output goes to /dev/null.
# From the build tree after `make`: sh bench/extract-speed/run.sh
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$(pwd)}
data=${GALLEY_SHARED_DATA:-$top_srcdir/../shared/data}
if [ ! -d "$data/bench/bbc/articles" ]; then
    echo "bench/extract-speed: $data/bench/bbc/articles not found; skipped"; exit 0
fi
GALLEY=${GALLEY:-$top_builddir/galley}
[ -x "$GALLEY" ] || { echo "bench/extract-speed: no $GALLEY (run make first)"; exit 1; }
GALLEY_PLUGIN_PATH=${GALLEY_PLUGIN_PATH:-$top_builddir/plugins/fetch:$top_builddir/plugins/extract:$top_builddir/plugins/output}
export GALLEY_PLUGIN_PATH
out=$(mktemp -d) || exit 1
trap 'rm -rf "$out"' EXIT
cat > "$out/bench.conf" <<CONF
stage "fetch" { plugin = "dir" dir { path = "$data/bench/bbc/articles" } }
stage "entities" { plugin = "entities" }
stage "keyphrases" { plugin = "keyphrases" }
stage "output" { plugin = "jsonl" jsonl { path = "/dev/null" } }
CONF
"$GALLEY" run -c "$out/bench.conf" -j 1 --stats 2> "$out/stats" || { cat "$out/stats"; exit 1; }
cat "$out/stats"
awk '$1 == "entities" || $1 == "keyphrases" { s += $6; n = $3 }
     END { if (s > 0) printf "extract stage (entities + keyphrases), -j 1: %d articles in %.2f s = %.0f articles/s\n", n, s, n / s }' "$out/stats"
