# tests/core/lib.sh - shared by the CLI tests: scratch dir, helpers, checks.
set -u
: "${GALLEY:?run through make check}"
JG="$top_builddir/tests/core/jsonl-get"
TP="$top_builddir/tests/core/plugins"
ARTICLES="$top_srcdir/examples/articles"
T=$(mktemp -d "${TMPDIR:-/tmp}/galley-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }
skip() { echo "SKIP: $*"; exit 77; }
# skip_if_sanitized WHY: for a test that cannot run on a -fsanitize= build
skip_if_sanitized() {
    [ -z "${GALLEY_SANITIZE:-}" ] || skip "$* (this build has -fsanitize=$GALLEY_SANITIZE)"
}

# expect_status WANT DESCRIPTION -- runs "$@" after --, keeps out/err in $T
expect_status() {
    want=$1; what=$2; shift 3
    "$@" >"$T/out" 2>"$T/err"
    got=$?
    if [ "$got" -eq "$want" ]; then pass "$what (exit $got)"
    else fail "$what: exit $got, wanted $want"; sed 's/^/  stderr: /' "$T/err" | head -20; fi
}

# expect_line FILE TEXT DESCRIPTION: FILE has a line that is exactly TEXT
expect_line() {
    if grep -qxF -- "$2" "$1"; then pass "$3"
    else fail "$3: no line"; echo "  wanted: $2"; sed 's/^/  got:    /' "$1" | head -10; fi
}

# expect_grep FILE TEXT DESCRIPTION: FILE contains TEXT
expect_grep() {
    if grep -qF -- "$2" "$1"; then pass "$3"
    else fail "$3: missing text"; echo "  wanted: $2"; sed 's/^/  got:    /' "$1" | head -10; fi
}

finish() {
    if [ "$failures" -ne 0 ]; then echo "$failures check(s) failed"; exit 1; fi
    exit 0
}
