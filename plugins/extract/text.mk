# plugins/extract/text.mk - the sentences, metadata and quotes extract
# plugins and the sentence bench driver (included from the top Makefile.am)

# bench/sentences/run feeds paragraphs to this and scores its sentences
noinst_PROGRAMS += bench/sentences/split
bench_sentences_split_SOURCES = bench/sentences/split.c
bench_sentences_split_LDADD = core/libgalley.la
EXTRA_DIST += bench/sentences/run bench/sentences/score.py bench/sentences/sbd-split

pkglib_LTLIBRARIES += plugins/extract/sentences.la
plugins_extract_sentences_la_SOURCES = plugins/extract/sentences.c
plugins_extract_sentences_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_extract_sentences_la_LIBADD = $(PLUGIN_LIBS)

pkglib_LTLIBRARIES += plugins/extract/metadata.la
plugins_extract_metadata_la_SOURCES = plugins/extract/metadata.c
plugins_extract_metadata_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_extract_metadata_la_LIBADD = $(PLUGIN_LIBS) $(M_LIBS)

pkglib_LTLIBRARIES += plugins/extract/quotes.la
plugins_extract_quotes_la_SOURCES = plugins/extract/quotes.c
plugins_extract_quotes_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_extract_quotes_la_LIBADD = $(PLUGIN_LIBS)
