# tests/output: rules for this area (see the top Makefile.am)
TEST_OUTPUT_RECORD = plugins/output/record.c plugins/output/record.h \
	plugins/output/jsonw.c plugins/output/jsonw.h \
	plugins/output/sink.c plugins/output/sink.h

check_PROGRAMS += tests/output/test_jsonl
tests_output_test_jsonl_SOURCES = tests/output/test_jsonl.c plugins/output/jsonl.c \
	$(TEST_OUTPUT_RECORD)
tests_output_test_jsonl_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(JANSSON_CFLAGS) $(UTF8PROC_CFLAGS)
tests_output_test_jsonl_LDADD = core/libgalley.la $(CHECK_LIBS) $(JANSSON_LIBS) $(M_LIBS) $(UTF8PROC_LIBS)
TESTS += tests/output/test_jsonl

check_PROGRAMS += tests/output/test_json
tests_output_test_json_SOURCES = tests/output/test_json.c plugins/output/json.c \
	$(TEST_OUTPUT_RECORD)
tests_output_test_json_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(JANSSON_CFLAGS) $(UTF8PROC_CFLAGS)
tests_output_test_json_LDADD = core/libgalley.la $(CHECK_LIBS) $(JANSSON_LIBS) $(M_LIBS) $(UTF8PROC_LIBS)
TESTS += tests/output/test_json

check_PROGRAMS += tests/output/test_sqlite
tests_output_test_sqlite_SOURCES = tests/output/test_sqlite.c $(OUTPUT_SQLITE) \
	plugins/output/sink.c plugins/output/sink.h
tests_output_test_sqlite_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(SQLITE_CFLAGS) $(UTF8PROC_CFLAGS)
tests_output_test_sqlite_LDADD = core/libgalley.la $(CHECK_LIBS) $(SQLITE_LIBS) $(UTF8PROC_LIBS)
TESTS += tests/output/test_sqlite

check_PROGRAMS += tests/output/test_digest
tests_output_test_digest_SOURCES = tests/output/test_digest.c plugins/output/markdown.c \
	plugins/output/html_digest.c plugins/output/csv.c plugins/output/digest.c \
	plugins/output/digest.h plugins/output/sink.c plugins/output/sink.h
tests_output_test_digest_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(UTF8PROC_CFLAGS)
tests_output_test_digest_LDADD = core/libgalley.la $(CHECK_LIBS) $(UTF8PROC_LIBS)
TESTS += tests/output/test_digest

# CLI tests (skip, 77, without the fetch plugins, python3, a tmpfs mount or chromium)
TESTS += tests/output/sqlite-fts.sh tests/output/enospc.sh tests/output/html-screenshot.sh \
	tests/output/interrupt.sh tests/output/keep.sh tests/output/prepare.sh \
	tests/output/closed-pipe.sh
EXTRA_DIST += tests/output/sqlite-fts.sh tests/output/enospc.sh tests/output/html-screenshot.sh \
	tests/output/interrupt.sh tests/output/keep.sh tests/output/prepare.sh \
	tests/output/closed-pipe.sh
