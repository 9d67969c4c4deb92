# tests/fetch: rules for this area (see the top Makefile.am)
check_PROGRAMS += tests/fetch/test_dir
tests_fetch_test_dir_SOURCES = tests/fetch/test_dir.c tests/fetch/fixtures.h \
	plugins/fetch/dir.c $(FETCH_COMMON)
tests_fetch_test_dir_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_fetch_test_dir_LDADD = core/libgalley.la $(CHECK_LIBS)
TESTS += tests/fetch/test_dir

check_PROGRAMS += tests/fetch/test_stdin
tests_fetch_test_stdin_SOURCES = tests/fetch/test_stdin.c tests/fetch/fixtures.h \
	plugins/fetch/stdin.c $(FETCH_COMMON)
tests_fetch_test_stdin_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(JANSSON_CFLAGS)
tests_fetch_test_stdin_LDADD = core/libgalley.la $(CHECK_LIBS) $(JANSSON_LIBS)
TESTS += tests/fetch/test_stdin
