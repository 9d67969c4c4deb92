# tests/fetch/redis-lib.sh - shared by the redis tests: a real redis-server on
# 127.0.0.1 at a free port in the scratch dir (skip when it is not installed),
# articles to enqueue, worker configs, and reading ids back from a stream.
. "$top_srcdir/tests/core/lib.sh"

command -v redis-server >/dev/null 2>&1 ||
    skip "redis-server is not installed (apt-get install redis-server)"
command -v redis-cli >/dev/null 2>&1 ||
    skip "redis-cli is not installed (apt-get install redis-tools)"
command -v python3 >/dev/null 2>&1 || skip "python3 is needed to pick a free port"

PIDS=""                         # workers started in the background
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
RDIR="$T/redis"
mkdir -p "$RDIR"

cleanup() {
    for p in $PIDS; do kill -9 "$p" 2>/dev/null; done
    if [ -s "$RDIR/pid" ]; then kill -9 "$(cat "$RDIR/pid")" 2>/dev/null; fi
    rm -rf "$T"
}
trap cleanup EXIT

rcli() { redis-cli -h 127.0.0.1 -p "$PORT" "$@"; }

# redis_start: appendonly on, so a restart keeps every stream and group
redis_start() {
    redis-server --port "$PORT" --bind 127.0.0.1 --dir "$RDIR" --daemonize yes \
        --pidfile "$RDIR/pid" --logfile "$RDIR/log" --save "" --appendonly yes \
        --appendfsync everysec >/dev/null || skip "redis-server does not start"
    for _ in $(seq 100); do
        [ "$(rcli ping 2>/dev/null)" = PONG ] && return 0
        sleep 0.1
    done
    cat "$RDIR/log"
    skip "redis-server did not answer on 127.0.0.1:$PORT"
}

# redis_stop: SHUTDOWN writes the append-only file out; waits for the exit
redis_stop() {
    pid=$(cat "$RDIR/pid")
    rcli shutdown >/dev/null 2>&1
    for _ in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    fail "redis-server $pid did not stop"
}

# make_articles N DIR: N text articles (the bundled Wikinews texts in turn)
make_articles() {
    python3 - "$1" "$2" "$ARTICLES/wikinews" <<'PY'
import os, sys
n, out, src = int(sys.argv[1]), sys.argv[2], sys.argv[3]
texts = [open(os.path.join(src, f), encoding="utf-8").read()
         for f in sorted(os.listdir(src)) if f.startswith("GUM_")]
os.makedirs(out, exist_ok=True)
for i in range(n):
    with open(os.path.join(out, "a%05d.txt" % i), "w", encoding="utf-8") as f:
        f.write(texts[i % len(texts)])
PY
}

# enqueue DIR: the shipped producer config, pointed at this server
enqueue() {
    "$GALLEY" run -q -c "$top_srcdir/conf/redis-enqueue.conf" -o output.port="$PORT" \
        -o output.stream=work "$1"
}

# worker_conf FILE [EXTRA STAGES]: a light worker pipeline, stream work ->
# results; the fetch options come from -o in each test
worker_conf() {
    cat >"$1" <<CONF
workers = 2
checkpoint_seconds = 1
on_error = "skip"
stage "fetch" {
  plugin = "fetch/redis"
  redis { port = $PORT  stream = "work"  block = 0.2  idle_exit = 3  claim_idle = 3 }
}
stage "clean" { plugin = "text" }
stage "extract" { plugin = "sentences" }
${2:-}
stage "summarize" { plugin = "lead" }
stage "output" {
  plugin = "output/redis"
  redis { port = $PORT  stream = "results"  text = false  layers = false }
}
CONF
}

# start_worker NAME CONF [ARGS]: in the background, log in $T/NAME.log
start_worker() {
    name=$1 conf=$2
    shift 2
    "$GALLEY" run -c "$conf" -o fetch.consumer="$name" "$@" >"$T/$name.out" 2>"$T/$name.log" &
    PIDS="$PIDS $!"
    eval "PID_$name=$!"
}

# ids STREAM: the id field of every entry, one a line
ids() {
    rcli --raw XRANGE "$1" - + | awk 'prev == "id" { print } { prev = $0 }'
}

# pending_of CONSUMER: the work entries that consumer holds, one a line
pending_of() {
    rcli --raw XPENDING work galley - + 1000000 "$1" | awk 'NR % 4 == 1'
}

# entry_map FILE: "ENTRY DOCID" for every work entry (each has the fields
# id and record, as output/redis writes them), sorted by entry
entry_map() {
    rcli --raw XRANGE work - + | awk 'NR % 5 == 1 { e = $0 } NR % 5 == 3 { print e, $0 }' |
        sort >"$1"
}
