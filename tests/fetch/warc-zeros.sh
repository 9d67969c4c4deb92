#!/bin/sh
# tests/fetch/warc-zeros.sh - the warc reader on input that is no WARC at all
# (/dev/zero: endless zeros): it gives up on that file after max_bytes with a
# message, goes on with the next file, and stops at the first Ctrl-C.
. "$top_srcdir/tests/core/lib.sh"
[ -r /dev/zero ] || skip "no /dev/zero"
command -v timeout >/dev/null 2>&1 || skip "no timeout(1)"
cat >"$T/warc.conf" <<CONF
stage "fetch" { plugin = "warc" warc { path = "/dev/zero" max_bytes = 1048576 } }
stage "out" { plugin = "jsonl" jsonl { path = "$T/out.jsonl" } }
CONF
# timeout only keeps a regression from hanging make check
expect_status 1 "endless zeros: the file is given up" -- timeout -k 5 120 \
    "$GALLEY" run -c "$T/warc.conf"
expect_line "$T/err" "galley: error: zero@0: stage 'fetch' (warc): not a WARC record at offset 0 of zero; no record starts in the next 1048576 bytes (max_bytes): the rest of zero is skipped; is it a WARC file?" "endless zeros: message"

# a directory: 3 MB of zeros in a.warc, then a good record in b.warc
mkdir "$T/dir"
head -c 3000000 /dev/zero >"$T/dir/a.warc"
http=$(printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>After the zeros.</p></body></html>')
{ printf 'WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.test/b\r\n'
  printf 'Content-Type: application/http; msgtype=response\r\n'
  printf 'Content-Length: %s\r\n\r\n%s\r\n\r\n' "$(printf '%s' "$http" | wc -c)" "$http"
} >"$T/dir/b.warc"
sed -i "s|\"/dev/zero\"|\"$T/dir\"|" "$T/warc.conf"
expect_status 1 "zeros then a record" -- timeout -k 5 120 "$GALLEY" run -c "$T/warc.conf"
expect_grep "$T/err" "a.warc@0: stage 'fetch' (warc): not a WARC record at offset 0 of a.warc; no record starts in the next 1048576 bytes" "zeros then a record: message"
grep -q '"id":"http://example.test/b".*After the zeros' "$T/out.jsonl" \
    && pass "the record after the zeros is read" || fail "b.warc's record is missing"

# one Ctrl-C stops a reader deep in zeros (max_bytes 1 GB: it would read on)
sed -i "s|\"$T/dir\"|\"/dev/zero\"|; s|1048576|1073741824|" "$T/warc.conf"
"$GALLEY" run -c "$T/warc.conf" >"$T/out" 2>"$T/err" &
pid=$!
# a loaded machine may start galley late: wait until it catches SIGINT (bit 1
# of SigCgt), then give the reader a second in the zeros
i=0
catches_int() {
    m=$(sed -n 's/^SigCgt:[[:space:]]*//p' "/proc/$pid/status" 2>/dev/null)
    [ -n "$m" ] && [ $(( 0x${m#"${m%??}"} & 2 )) -ne 0 ]
}
while [ $i -lt 300 ] && ! catches_int; do
    sleep 0.1; i=$((i + 1))
done
sleep 1
kill -INT "$pid"
( sleep 60; kill -KILL "$pid" 2>/dev/null ) &
dog=$!
wait "$pid"
rc=$?
kill "$dog" 2>/dev/null
[ "$rc" -eq 130 ] && pass "one Ctrl-C: exit 130" || fail "one Ctrl-C: exit $rc, wanted 130"
expect_grep "$T/err" "stopped (interrupted) while looking for the next record" "one Ctrl-C: message"
finish
