# tests/extract/text.mk - tests of the text toolkit and of the sentences,
# metadata and quotes extract plugins (included from the top Makefile.am)
check_PROGRAMS += tests/core/test_text tests/core/test_text_sentences
tests_core_test_text_SOURCES = tests/core/test_text.c
tests_core_test_text_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_core_test_text_LDADD = core/libgalley.la $(CHECK_LIBS)
tests_core_test_text_sentences_SOURCES = tests/core/test_text_sentences.c
tests_core_test_text_sentences_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_core_test_text_sentences_LDADD = core/libgalley.la $(CHECK_LIBS)
TESTS += tests/core/test_text tests/core/test_text_sentences

check_PROGRAMS += tests/extract/test_sentences
tests_extract_test_sentences_SOURCES = tests/extract/test_sentences.c plugins/extract/sentences.c
tests_extract_test_sentences_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_extract_test_sentences_LDADD = core/libgalley.la $(CHECK_LIBS)
TESTS += tests/extract/test_sentences

check_PROGRAMS += tests/extract/test_metadata
tests_extract_test_metadata_SOURCES = tests/extract/test_metadata.c plugins/extract/metadata.c
tests_extract_test_metadata_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_extract_test_metadata_LDADD = core/libgalley.la $(CHECK_LIBS) $(M_LIBS)
TESTS += tests/extract/test_metadata

check_PROGRAMS += tests/extract/test_quotes
tests_extract_test_quotes_SOURCES = tests/extract/test_quotes.c plugins/extract/quotes.c
tests_extract_test_quotes_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_extract_test_quotes_LDADD = core/libgalley.la $(CHECK_LIBS)
TESTS += tests/extract/test_quotes

TESTS += tests/extract/text.sh
EXTRA_DIST += tests/extract/text.sh

check_PROGRAMS += tests/core/test_news
tests_core_test_news_SOURCES = tests/core/test_news.c
tests_core_test_news_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_core_test_news_LDADD = core/libgalley.la $(CHECK_LIBS)
TESTS += tests/core/test_news

check_PROGRAMS += tests/core/test_kit
tests_core_test_kit_SOURCES = tests/core/test_kit.c
tests_core_test_kit_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_core_test_kit_LDADD = core/libgalley.la $(CHECK_LIBS) -lpthread
TESTS += tests/core/test_kit
