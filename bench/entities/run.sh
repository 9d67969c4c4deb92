#!/bin/sh
# bench/entities/run.sh - entity P/R/F1 of the `entities` plugin on the 43
# GUM Wikinews articles and on the CoNLL dev sets of ../shared/data/bench/ner-dev
# (UD-PUD, Worldwide news), per type (galley run: dir -> entities -> jsonl).
# From the build tree after `make`: sh bench/entities/run.sh [--show] [--misc]
# [--errors] [--whole-mentions] (GUM: score whole mentions, see score.py)
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$(pwd)}
data=${GALLEY_SHARED_DATA:-$top_srcdir/../shared/data}
if [ ! -d "$data/bench/gum-entities" ]; then
    echo "bench/entities: $data/bench/gum-entities not found; skipped"; exit 0
fi
GALLEY=${GALLEY:-$top_builddir/galley}
[ -x "$GALLEY" ] || { echo "bench/entities: no $GALLEY (run make first)"; exit 1; }
GALLEY_PLUGIN_PATH=${GALLEY_PLUGIN_PATH:-$top_builddir/plugins/fetch:$top_builddir/plugins/extract:$top_builddir/plugins/output}
export GALLEY_PLUGIN_PATH
out=$(mktemp -d) || exit 1
trap 'rm -rf "$out"' EXIT
cat > "$out/bench.conf" <<CONF
stage "fetch" { plugin = "dir" dir { path = "$top_srcdir/examples/articles/wikinews" } }
stage "extract" { plugin = "entities" }
stage "output" { plugin = "jsonl" jsonl { path = "$out/records.jsonl" } }
CONF
case " $* " in
    *" --whole-mentions "*) gum="GUM's whole mentions, as scored before 2026-12-06" ;;
    *) gum="the names in GUM's mentions, no leading 'the' or title" ;;
esac
echo "== GUM Wikinews (43 articles; $gum: score.py)"
"$GALLEY" run -c "$out/bench.conf" -q || exit 1
python3 "$top_srcdir/bench/entities/score.py" "$data/bench/gum-entities" "$out/records.jsonl" "$@"
for set in uner-en-pud worldwide; do
    conll=$data/bench/ner-dev/$set.conll
    [ -f "$conll" ] || { echo "== $set: $conll not found; skipped"; continue; }
    echo "== ner-dev/$set (conlleval-style: exact token spans)"
    rm -rf "$out/docs" && python3 "$top_srcdir/bench/entities/conll.py" split "$conll" "$out/docs" || exit 1
    cat > "$out/conll.conf" <<CONF
stage "fetch" { plugin = "dir" dir { path = "$out/docs" } }
stage "extract" { plugin = "entities" }
stage "output" { plugin = "jsonl" jsonl { path = "$out/$set.jsonl" } }
CONF
    "$GALLEY" run -c "$out/conll.conf" -q || exit 1
    python3 "$top_srcdir/bench/entities/conll.py" score "$conll" "$out/$set.jsonl" "$@"
done
