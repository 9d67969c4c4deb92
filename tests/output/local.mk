# tests/output: rules for this area (see the top Makefile.am)
check_PROGRAMS += tests/output/test_jsonl
tests_output_test_jsonl_SOURCES = tests/output/test_jsonl.c plugins/output/jsonl.c \
	plugins/output/sink.c plugins/output/sink.h
tests_output_test_jsonl_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(JANSSON_CFLAGS)
tests_output_test_jsonl_LDADD = core/libgalley.la $(CHECK_LIBS) $(JANSSON_LIBS) $(M_LIBS)
TESTS += tests/output/test_jsonl
