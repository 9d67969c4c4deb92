# tests/extract: unit tests of the entities and keyphrases plugins (the
# toolkit plugins' tests live in text.mk)
EXTRACT_TEST_CPPFLAGS = $(AM_CPPFLAGS) -DEXTRACT_WORDLIST='"$(GALLEY_WORDLIST)"' \
	-DSEED_ARTICLE='"$(abs_top_srcdir)/examples/articles/seed/mattis-pakistan.txt"'

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

# the benches (run by hand from the build tree; see doc/extract.md)
EXTRA_DIST += bench/entities/run.sh bench/entities/score.py bench/entities/conll.py bench/entities/train.sh \
	bench/entities/peer.sh bench/entities/peer-compromise.mjs \
	bench/keyphrases/run.sh bench/keyphrases/score.py bench/keyphrases/peer.sh \
	bench/keyphrases/peer-keyword-extractor.mjs bench/extract-speed/run.sh
