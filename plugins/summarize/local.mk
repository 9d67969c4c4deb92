# plugins/summarize: the summarizer plugins (see the top Makefile.am); each
# module links its own copy of the summarizer core (sumcore.h)
SUMCORE_SOURCES = plugins/summarize/sumcore.c plugins/summarize/sumcore.h \
	plugins/summarize/sum_int.h plugins/summarize/sum_candidates.c \
	plugins/summarize/sum_terms.c plugins/summarize/sum_graph.c \
	plugins/summarize/sum_select.c
# every summarizer with the core, for the programs that link them all
# (tests/summarize/test_summarize, bench/rouge/sumrun)
SUMMARIZE_PLUGIN_SOURCES = plugins/summarize/lead.c plugins/summarize/textrank.c \
	plugins/summarize/lexrank.c plugins/summarize/newsrank.c \
	plugins/summarize/newsrank_model.c plugins/summarize/newsrank_model.h $(SUMCORE_SOURCES)

pkglib_LTLIBRARIES += plugins/summarize/lead.la
plugins_summarize_lead_la_SOURCES = plugins/summarize/lead.c $(SUMCORE_SOURCES)
plugins_summarize_lead_la_CFLAGS = $(AM_CFLAGS)
plugins_summarize_lead_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_summarize_lead_la_LIBADD = $(PLUGIN_LIBS) $(M_LIBS)

pkglib_LTLIBRARIES += plugins/summarize/textrank.la
plugins_summarize_textrank_la_SOURCES = plugins/summarize/textrank.c $(SUMCORE_SOURCES)
plugins_summarize_textrank_la_CFLAGS = $(AM_CFLAGS)
plugins_summarize_textrank_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_summarize_textrank_la_LIBADD = $(PLUGIN_LIBS) $(M_LIBS)

pkglib_LTLIBRARIES += plugins/summarize/lexrank.la
plugins_summarize_lexrank_la_SOURCES = plugins/summarize/lexrank.c $(SUMCORE_SOURCES)
plugins_summarize_lexrank_la_CFLAGS = $(AM_CFLAGS)
plugins_summarize_lexrank_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_summarize_lexrank_la_LIBADD = $(PLUGIN_LIBS) $(M_LIBS)

pkglib_LTLIBRARIES += plugins/summarize/newsrank.la
plugins_summarize_newsrank_la_SOURCES = plugins/summarize/newsrank.c \
	plugins/summarize/newsrank_model.c plugins/summarize/newsrank_model.h $(SUMCORE_SOURCES)
plugins_summarize_newsrank_la_CFLAGS = $(AM_CFLAGS)
plugins_summarize_newsrank_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_summarize_newsrank_la_LIBADD = $(PLUGIN_LIBS) $(M_LIBS)

dist_doc_DATA += doc/summarize.md

# the learned scorer's weights (bench/rouge/train.py writes them)
summarizedatadir = $(pkgdatadir)/summarize
dist_summarizedata_DATA = conf/summarize/newsrank.weights
