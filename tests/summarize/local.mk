# tests/summarize: the summarizer plugins' and the ROUGE scorer's unit tests
# (bench/local.mk builds bench/rouge's programs from the same sources)

check_PROGRAMS += tests/summarize/test_summarize
tests_summarize_test_summarize_SOURCES = tests/summarize/test_summarize.c \
	$(SUMMARIZE_PLUGIN_SOURCES)
tests_summarize_test_summarize_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_summarize_test_summarize_LDADD = core/libgalley.la $(CHECK_LIBS) $(M_LIBS)
TESTS += tests/summarize/test_summarize

check_PROGRAMS += tests/summarize/test_rouge
tests_summarize_test_rouge_SOURCES = tests/summarize/test_rouge.c \
	bench/rouge/rouge.c bench/rouge/rouge.h
tests_summarize_test_rouge_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_summarize_test_rouge_LDADD = core/libgalley.la $(CHECK_LIBS) $(STEMMER_LIBS)
TESTS += tests/summarize/test_rouge

TESTS += tests/summarize/pipeline.sh tests/summarize/bench-skip.sh \
	tests/summarize/determinism.sh
EXTRA_DIST += tests/summarize/pipeline.sh tests/summarize/bench-skip.sh \
	tests/summarize/determinism.sh
