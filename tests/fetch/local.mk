# tests/fetch: rules for this area (see the top Makefile.am)
check_PROGRAMS += tests/fetch/test_dir
tests_fetch_test_dir_SOURCES = tests/fetch/test_dir.c tests/fetch/fixtures.h \
	plugins/fetch/dir.c $(FETCH_COMMON)
tests_fetch_test_dir_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_fetch_test_dir_LDADD = core/libgalley.la $(CHECK_LIBS)
TESTS += tests/fetch/test_dir

check_PROGRAMS += tests/fetch/test_stdin
tests_fetch_test_stdin_SOURCES = tests/fetch/test_stdin.c tests/fetch/fixtures.h \
	plugins/fetch/stdin.c $(FETCH_JSONREC)
tests_fetch_test_stdin_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(JANSSON_CFLAGS)
tests_fetch_test_stdin_LDADD = core/libgalley.la $(CHECK_LIBS) $(JANSSON_LIBS)
TESTS += tests/fetch/test_stdin

check_PROGRAMS += tests/fetch/test_warc
tests_fetch_test_warc_SOURCES = tests/fetch/test_warc.c tests/fetch/fixtures.h \
	plugins/fetch/warc.c $(FETCH_WARC) $(FETCH_COMMON)
tests_fetch_test_warc_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(ZLIB_CFLAGS)
tests_fetch_test_warc_LDADD = core/libgalley.la $(CHECK_LIBS) $(ZLIB_LIBS)
TESTS += tests/fetch/test_warc

# CLI tests: a directory of bad files, --shard K/N, galley as a line filter
TESTS += tests/fetch/baddir.sh tests/fetch/shard.sh tests/fetch/filter.sh tests/fetch/warc-zeros.sh
EXTRA_DIST += tests/fetch/baddir.sh tests/fetch/shard.sh tests/fetch/filter.sh tests/fetch/warc-zeros.sh

# the http tests start tests/fetch/httpd.py on 127.0.0.1
check_PROGRAMS += tests/fetch/test_http
tests_fetch_test_http_SOURCES = tests/fetch/test_http.c tests/fetch/fixtures.h \
	plugins/fetch/http.c $(FETCH_NET) $(FETCH_COMMON)
tests_fetch_test_http_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(CURL_CFLAGS)
tests_fetch_test_http_LDADD = core/libgalley.la $(CHECK_LIBS) $(CURL_LIBS) $(M_LIBS)
TESTS += tests/fetch/test_http
EXTRA_DIST += tests/fetch/httpd.py

# the redis tests start a real redis-server on 127.0.0.1 (skip without it);
# failid is their poison document
check_LTLIBRARIES += tests/fetch/plugins/failid.la
tests_fetch_plugins_failid_la_SOURCES = tests/fetch/plugins/failid.c
tests_fetch_plugins_failid_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_fetch_plugins_failid_la_LIBADD = $(PLUGIN_LIBS)
REDIS_TESTS = tests/fetch/redis-errors.sh tests/fetch/redis-drain.sh \
	tests/fetch/redis-kill.sh tests/fetch/redis-poison.sh tests/fetch/redis-restart.sh \
	tests/fetch/redis-stop.sh
TESTS += $(REDIS_TESTS)
EXTRA_DIST += $(REDIS_TESTS) tests/fetch/redis-lib.sh
