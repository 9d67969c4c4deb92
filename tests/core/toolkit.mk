# tests/core/toolkit.mk - tests of the public toolkit (core/toolkit.mk):
# text (test_text, test_text_sentences), news-text rules (test_news) and the
# small tools (test_kit)
check_PROGRAMS += tests/core/test_text tests/core/test_text_sentences
tests_core_test_text_SOURCES = tests/core/test_text.c
tests_core_test_text_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_core_test_text_LDADD = core/libgalley.la $(CHECK_LIBS)
tests_core_test_text_sentences_SOURCES = tests/core/test_text_sentences.c
tests_core_test_text_sentences_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_core_test_text_sentences_LDADD = core/libgalley.la $(CHECK_LIBS)
TESTS += tests/core/test_text tests/core/test_text_sentences

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
