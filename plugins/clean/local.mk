# plugins/clean: rules for this area (see the top Makefile.am)
# (clean/html has its own fragment, plugins/clean/html.mk)

# text: plain-text normalisation and repair
pkglib_LTLIBRARIES += plugins/clean/text.la
CLEAN_TEXT_SOURCES = plugins/clean/text/text.c plugins/clean/text/normalize.c \
	plugins/clean/text/repair.c plugins/clean/text/rules.c \
	plugins/clean/text/wordset.c plugins/clean/text/internal.h
plugins_clean_text_la_SOURCES = $(CLEAN_TEXT_SOURCES)
plugins_clean_text_la_CFLAGS = $(AM_CFLAGS) $(UTF8PROC_CFLAGS)
plugins_clean_text_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_clean_text_la_LIBADD = $(PLUGIN_LIBS) $(UTF8PROC_LIBS)

# its rules files, found installed ($(pkgdatadir)/clean) or in the source tree
cleandatadir = $(pkgdatadir)/clean
dist_cleandata_DATA = conf/clean/boilerplate.rules \
	conf/clean/translation.rules conf/clean/wordfilter.rules
dist_doc_DATA += doc/clean-text.md
