# tests/extract: tests of the extract plugins (plugins/extract/local.mk)
EXTRACT_TEST_CPPFLAGS = $(AM_CPPFLAGS) -DEXTRACT_WORDLIST='"$(GALLEY_WORDLIST)"' \
	-DSEED_ARTICLE='"$(abs_top_srcdir)/examples/articles/seed/mattis-pakistan.txt"'

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

# sentences, metadata and quotes loaded by galley itself over the bundled articles
TESTS += tests/extract/cli.sh
EXTRA_DIST += tests/extract/cli.sh

check_PROGRAMS += tests/extract/test_entities
tests_extract_test_entities_SOURCES = tests/extract/test_entities.c $(ENTITIES_SOURCES)
tests_extract_test_entities_CPPFLAGS = $(EXTRACT_TEST_CPPFLAGS)
tests_extract_test_entities_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(ZLIB_CFLAGS)
tests_extract_test_entities_LDADD = core/libgalley.la $(CHECK_LIBS) $(ZLIB_LIBS)
TESTS += tests/extract/test_entities

check_PROGRAMS += tests/extract/test_keyphrases
tests_extract_test_keyphrases_SOURCES = tests/extract/test_keyphrases.c $(KEYPHRASES_SOURCES)
tests_extract_test_keyphrases_CPPFLAGS = $(EXTRACT_TEST_CPPFLAGS)
tests_extract_test_keyphrases_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_extract_test_keyphrases_LDADD = core/libgalley.la $(CHECK_LIBS) $(M_LIBS)
TESTS += tests/extract/test_keyphrases
