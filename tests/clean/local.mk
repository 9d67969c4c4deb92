# tests/clean: rules for this area (see the top Makefile.am)

# text: unit tests on fixtures, plus the bundled seed article
check_PROGRAMS += tests/clean/test_text
tests_clean_test_text_SOURCES = tests/clean/test_text.c $(CLEAN_TEXT_SOURCES)
tests_clean_test_text_CPPFLAGS = $(AM_CPPFLAGS) \
	-DSEED_ARTICLE='"$(abs_top_srcdir)/examples/articles/seed/mattis-pakistan.txt"' \
	-DTEXT_FIXTURES='"$(abs_top_srcdir)/tests/clean/text"' \
	-DTEXT_DATADIR='"$(abs_top_srcdir)/conf"'
tests_clean_test_text_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(UTF8PROC_CFLAGS)
tests_clean_test_text_LDADD = core/libgalley.la $(CHECK_LIBS) $(UTF8PROC_LIBS)
TESTS += tests/clean/test_text
EXTRA_DIST += tests/clean/text

# text through galley itself (skips until fetch/dir and output/jsonl are built)
TESTS += tests/clean/text_cli.sh
EXTRA_DIST += tests/clean/text_cli.sh
