#!/bin/sh
# tests/core/make-big-article.sh OUT BYTES [ARTICLES] - writes one plain-text
# article of exactly BYTES bytes to OUT: a title, then the bodies of the
# bundled Wikinews articles (ARTICLES, default examples/articles/wikinews
# beside this script) over and over, paragraph after paragraph.  The same
# bytes every time; used by tests/core/big-article.sh and bench/bigdoc/run.
set -eu
out=$1 bytes=$2
src=${3:-$(cd "$(dirname "$0")/../../examples/articles/wikinews" && pwd)}
set -- "$src"/GUM_*.txt
[ -f "$1" ] || { echo "make-big-article: no GUM_*.txt articles in $src" >&2; exit 1; }
# one round of every body (a body starts after its title and blank line)
round=$(mktemp "${TMPDIR:-/tmp}/galley-round.XXXXXX")
trap 'rm -f "$round"' EXIT
for f; do tail -n +3 "$f"; echo; done >"$round"
[ -s "$round" ] || { echo "make-big-article: the articles in $src are empty" >&2; exit 1; }
{
    printf 'One giant article made of the bundled Wikinews articles\n\n'
    n=$(wc -c <"$round")
    i=0
    while [ $((i * n)) -lt "$bytes" ]; do cat "$round"; i=$((i + 1)); done
} | head -c "$bytes" >"$out"
