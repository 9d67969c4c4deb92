# tests/clean/html.mk: tests of the clean `html` plugin; included by the top
# Makefile.am.
check_PROGRAMS += tests/clean/test_html
tests_clean_test_html_SOURCES = tests/clean/test_html.c tests/clean/htmlcheck.h \
	$(HTML_PLUGIN_SOURCES)
tests_clean_test_html_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(XML_CFLAGS) $(JANSSON_CFLAGS) \
	-DHTML_FIXTURES='"$(abs_top_srcdir)/tests/clean/html-fixtures"'
tests_clean_test_html_LDADD = core/libgalley.la $(CHECK_LIBS) $(XML_LIBS) $(JANSSON_LIBS)
TESTS += tests/clean/test_html
check_PROGRAMS += tests/clean/test_html_recall
tests_clean_test_html_recall_SOURCES = tests/clean/test_html_recall.c \
	tests/clean/htmlcheck.h $(HTML_PLUGIN_SOURCES)
tests_clean_test_html_recall_CFLAGS = $(tests_clean_test_html_CFLAGS)
tests_clean_test_html_recall_LDADD = $(tests_clean_test_html_LDADD)
TESTS += tests/clean/test_html_recall
EXTRA_DIST += tests/clean/html-fixtures/comments.html \
	tests/clean/html-fixtures/sharebar.html \
	tests/clean/html-fixtures/tables.html \
	tests/clean/html-fixtures/broken.html \
	tests/clean/html-fixtures/latin1.html \
	tests/clean/html-fixtures/bio.html \
	tests/clean/html-fixtures/template.html \
	tests/clean/html-fixtures/fragmented.html \
	tests/clean/html-fixtures/recipe.html \
	tests/clean/html-fixtures/badbyte.html \
	tests/clean/html-fixtures/nul.html \
	tests/clean/html-fixtures/service.html \
	tests/clean/html-fixtures/morelinks.html \
	tests/clean/html-fixtures/oldcomments.html \
	tests/clean/html-fixtures/sidecell.html \
	tests/clean/html-fixtures/teaserbox.html \
	tests/clean/html-fixtures/wrappers.html \
	tests/clean/html-fixtures/sidecolumn.html \
	tests/clean/html-fixtures/linkcolumn.html \
	tests/clean/html-fixtures/commentform.html \
	tests/clean/html-fixtures/adcell.html \
	tests/clean/html-fixtures/prunedcomments.html \
	tests/clean/html-fixtures/commentsanchor.html
TESTS += tests/clean/html.sh tests/clean/html-empty.sh
EXTRA_DIST += tests/clean/html.sh tests/clean/html-empty.sh
