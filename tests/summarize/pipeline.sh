#!/bin/sh
# tests/summarize/pipeline.sh - each summarizer in a real pipeline (galley run)
# over the seed article: a three-sentence summary without footer, links or
# title; and a length-option conflict refused before anything runs.
set -u
: "${GALLEY:?}" "${top_srcdir:?}"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
conf() {
    cat > "$tmp/p.conf" <<EOC
workers = 1
stage "fetch" { plugin = "dir" dir { path = "$top_srcdir/examples/articles/seed" } }
stage "clean" { plugin = "text" }
stage "extract" { plugin = "sentences" }
stage "summarize" { plugin = "$1" $1 { $2 } }
stage "output" { plugin = "jsonl" jsonl { path = "-" } }
EOC
}
for p in lead textrank lexrank newsrank; do
    conf "$p" "sentences = 3"
    if ! "$GALLEY" run -c "$tmp/p.conf" > "$tmp/out.jsonl" 2> "$tmp/err"; then
        echo "FAIL: $p: galley run failed:"; cat "$tmp/err"; fail=1; continue
    fi
    python3 - "$tmp/out.jsonl" "$p" <<'EOP' || fail=1
import json, sys
rec = json.loads(open(sys.argv[1]).readline())
name = sys.argv[2]
summ = rec.get("summary") or ""
spans = rec.get("layers", {}).get("summary") or []
bad = [w for w in ("Read more", "Source link", "[", "Leave a Reply", "ISLAMABAD",
                   "Mattis urges Pakistan") if w in summ]
if len(spans) != 3 or bad or not summ.endswith((".", '"', "”")):
    print("FAIL: %s: %d spans, unwanted %s: %s" % (name, len(spans), bad, summ))
    sys.exit(1)
print("ok: %s: %s" % (name, summ[:100]))
EOP
done
conf newsrank "sentences = 2 ratio = 0.5"
"$GALLEY" run -c "$tmp/p.conf" > /dev/null 2> "$tmp/err"
rc=$?
if [ "$rc" -ne 2 ] || ! grep -q "only one" "$tmp/err"; then
    echo "FAIL: conflicting length options: exit $rc"; cat "$tmp/err"; fail=1
fi
exit $fail
