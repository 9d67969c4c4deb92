# tests/summarize: the summarizer plugins' and the ROUGE scorer's unit tests,
# plus the two bench programs they share sources with (see bench/rouge/run)
SUMMARIZE_PLUGIN_SOURCES = plugins/summarize/lead.c plugins/summarize/textrank.c \
	plugins/summarize/lexrank.c plugins/summarize/newsrank.c \
	plugins/summarize/newsrank_model.c plugins/summarize/newsrank_model.h $(SUMCORE_SOURCES)

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
tests_summarize_test_rouge_LDADD = $(CHECK_LIBS) $(STEMMER_LIBS)
TESTS += tests/summarize/test_rouge

TESTS += tests/summarize/pipeline.sh tests/summarize/bench-skip.sh \
	tests/summarize/determinism.sh
EXTRA_DIST += tests/summarize/pipeline.sh tests/summarize/bench-skip.sh \
	tests/summarize/determinism.sh

# bench/rouge programs: built with the tree so they never rot
noinst_PROGRAMS += bench/rouge/sumrun bench/rouge/rougescore bench/rouge/mkidf
bench_rouge_sumrun_SOURCES = bench/rouge/sumrun.c $(SUMMARIZE_PLUGIN_SOURCES) \
	plugins/extract/sentences.c
bench_rouge_sumrun_CFLAGS = $(AM_CFLAGS)
bench_rouge_sumrun_LDADD = core/libgalley.la $(M_LIBS)
bench_rouge_mkidf_SOURCES = bench/rouge/mkidf.c
bench_rouge_mkidf_CFLAGS = $(AM_CFLAGS)
bench_rouge_mkidf_LDADD = core/libgalley.la $(M_LIBS)
bench_rouge_rougescore_SOURCES = bench/rouge/rougescore.c bench/rouge/rouge.c \
	bench/rouge/rouge.h
bench_rouge_rougescore_CFLAGS = $(AM_CFLAGS)
bench_rouge_rougescore_LDADD = $(STEMMER_LIBS)
EXTRA_DIST += bench/rouge/run bench/rouge/prepare.py bench/rouge/otsrun.c \
	bench/rouge/peers.js bench/rouge/package.json bench/rouge/train.py
