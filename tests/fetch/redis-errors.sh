#!/bin/sh
# tests/fetch/redis-errors.sh - what a user sees when Redis is not there, asks
# for a password or an ACL user, or TLS is asked for; and output/redis trims
# to maxlen.
. "$top_srcdir/tests/fetch/redis-lib.sh"

worker_conf "$T/w.conf"
expect_status 2 "no server: the run does not start" -- "$GALLEY" run -c "$T/w.conf"
expect_grep "$T/err" "cannot connect to Redis at 127.0.0.1:$PORT: Connection refused" \
    "the message names host, port and what failed"
sed 's/^/  message: /' "$T/err" | head -1
expect_status 2 "tls = true is refused" -- "$GALLEY" run -c "$T/w.conf" -o fetch.tls=true
expect_grep "$T/err" "has no TLS support" "and says TLS is not supported"

redis_start
rcli CONFIG SET requirepass s3cret >/dev/null
rcli -a s3cret --no-auth-warning ACL SETUSER galley on '>pw' '~*' '+@all' >/dev/null
A="-a s3cret --no-auth-warning"
expect_status 2 "a wrong password" -- "$GALLEY" run -c "$T/w.conf" -o fetch.password=nope
expect_grep "$T/err" "Redis at 127.0.0.1:$PORT refused AUTH" "is refused with the server's word"
sed 's/^/  message: /' "$T/err" | head -1
make_articles 20 "$T/in"
"$GALLEY" run -q -c "$top_srcdir/conf/redis-enqueue.conf" -o output.port="$PORT" \
    -o output.stream=work -o output.password=s3cret -o output.maxlen=5 "$T/in"
n=$(rcli $A XLEN work)
[ "$n" -lt 20 ] && pass "maxlen trims the stream ($n entries of 20)" || fail "maxlen: $n entries"
rcli $A DEL work >/dev/null
"$GALLEY" run -q -c "$top_srcdir/conf/redis-enqueue.conf" -o output.port="$PORT" \
    -o output.stream=work -o output.user=galley -o output.password=pw "$T/in"
expect_status 0 "an ACL user with its password works" -- "$GALLEY" run -c "$T/w.conf" \
    -o fetch.user=galley -o fetch.password=pw -o output.user=galley -o output.password=pw \
    -o fetch.idle_exit=0.5
n=$(rcli $A XLEN results)
[ "$n" = 20 ] && pass "20 results" || fail "$n results, wanted 20"

# bad entries, one worker alone: each is tried max_deliveries times, then
# dead-lettered with its error; the worker waits for that before idle_exit
rcli $A XADD work '*' record 'not json' >/dev/null
rcli $A XADD work '*' other x >/dev/null
expect_status 1 "two bad entries fail (exit 1)" -- "$GALLEY" run -c "$T/w.conf" \
    -o fetch.password=s3cret -o output.password=s3cret -o fetch.idle_exit=0.5 \
    -o fetch.claim_idle=0.3 -o fetch.max_deliveries=2 -o checkpoint_seconds=1
expect_grep "$T/err" "not a JSON record" "a record that is not JSON is named"
expect_grep "$T/err" "has no field 'record' (its fields: other" "so is an entry without the field"
n=$(rcli $A XLEN work:dead)
[ "$n" = 2 ] && pass "both in the dead-letter stream" || fail "$n dead letters, wanted 2"
n=$(rcli $A XPENDING work galley | head -1)
[ "$n" = 0 ] && pass "nothing pending" || fail "$n pending"
finish
