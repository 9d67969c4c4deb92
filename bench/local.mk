# bench/local.mk - the quality and throughput benchmarks (not tests): the
# programs they drive, built with the tree so they never rot, and every
# script in the tarball.  They run by hand from the build tree and skip
# without ../shared/data (see each script's head and doc/*.md).
# The plugins' source lists come from their areas' fragments.

# bench/aeb/run: clean/html alone over a directory of pages, and a bare
# libxml2 parse of the same pages (the speed floor)
noinst_PROGRAMS += bench/aeb/html-driver bench/aeb/bare-parse
bench_aeb_html_driver_SOURCES = bench/aeb/html-driver.c $(HTML_PLUGIN_SOURCES)
bench_aeb_html_driver_CFLAGS = $(AM_CFLAGS) $(XML_CFLAGS) $(JANSSON_CFLAGS)
bench_aeb_html_driver_LDADD = core/libgalley.la $(XML_LIBS) $(JANSSON_LIBS)
bench_aeb_bare_parse_SOURCES = bench/aeb/bare-parse.c
bench_aeb_bare_parse_CFLAGS = $(AM_CFLAGS) $(XML_CFLAGS)
bench_aeb_bare_parse_LDADD = $(XML_LIBS)
EXTRA_DIST += bench/aeb/run bench/aeb/score.py bench/aeb/table.py bench/aeb/pages.py bench/aeb/readability.mjs \
	bench/aeb/package.json bench/aeb/package-lock.json bench/aeb/BoilerpipeRun.java

# bench/fetch/run: the dir plugin alone, driven like a unit test (built by
# `make check`)
check_PROGRAMS += bench/fetch/dirbench
bench_fetch_dirbench_SOURCES = bench/fetch/dirbench.c plugins/fetch/dir.c $(FETCH_COMMON)
bench_fetch_dirbench_LDADD = core/libgalley.la
EXTRA_DIST += bench/fetch/run

# bench/sentences/run feeds paragraphs to the toolkit's splitter and scores
# its sentences
noinst_PROGRAMS += bench/sentences/split
bench_sentences_split_SOURCES = bench/sentences/split.c
bench_sentences_split_LDADD = core/libgalley.la
EXTRA_DIST += bench/sentences/run bench/sentences/score.py bench/sentences/sbd-split

# the entities tagger's trainer and scorer (sh bench/entities/train.sh)
noinst_PROGRAMS += bench/entities/train
bench_entities_train_SOURCES = bench/entities/train.c $(ENTITIES_SOURCES)
bench_entities_train_CPPFLAGS = $(AM_CPPFLAGS) $(EXTRACT_CPPFLAGS)
bench_entities_train_CFLAGS = $(AM_CFLAGS) $(ZLIB_CFLAGS)
bench_entities_train_LDADD = core/libgalley.la $(ZLIB_LIBS) $(M_LIBS)
EXTRA_DIST += bench/entities/run.sh bench/entities/score.py bench/entities/conll.py \
	bench/entities/train.sh bench/entities/peer.sh bench/entities/peer-compromise.mjs \
	bench/keyphrases/run.sh bench/keyphrases/score.py bench/keyphrases/peer.sh \
	bench/keyphrases/peer-keyword-extractor.mjs bench/extract-speed/run.sh \
	bench/snowball.py

# the keyphrases plugin's feature-weight trainer (sh bench/keyphrases/train.sh)
noinst_PROGRAMS += bench/keyphrases/train
bench_keyphrases_train_SOURCES = bench/keyphrases/train.c \
	plugins/extract/keyphrases/features.c plugins/extract/keyphrases/keyphrases.h
bench_keyphrases_train_CPPFLAGS = $(AM_CPPFLAGS) $(EXTRACT_CPPFLAGS)
bench_keyphrases_train_LDADD = core/libgalley.la $(M_LIBS)
EXTRA_DIST += bench/keyphrases/train.sh bench/keyphrases/label.py bench/keyphrases/misses.py \
	bench/keyphrases/rerank.py

# bench/rouge/run: the summarizers as a program (sumrun), the ROUGE scorer
# (its code is unit-tested by tests/summarize/test_rouge) and the idf table
# writer
noinst_PROGRAMS += bench/rouge/sumrun bench/rouge/rougescore bench/rouge/mkidf
bench_rouge_sumrun_SOURCES = bench/rouge/sumrun.c bench/rouge/listrun.h $(SUMMARIZE_PLUGIN_SOURCES) \
	plugins/extract/sentences.c
bench_rouge_sumrun_CFLAGS = $(AM_CFLAGS)
bench_rouge_sumrun_LDADD = core/libgalley.la $(M_LIBS)
bench_rouge_mkidf_SOURCES = bench/rouge/mkidf.c
bench_rouge_mkidf_CFLAGS = $(AM_CFLAGS)
bench_rouge_mkidf_LDADD = core/libgalley.la $(M_LIBS)
bench_rouge_rougescore_SOURCES = bench/rouge/rougescore.c bench/rouge/rouge.c \
	bench/rouge/rouge.h
bench_rouge_rougescore_CFLAGS = $(AM_CFLAGS)
bench_rouge_rougescore_LDADD = core/libgalley.la $(STEMMER_LIBS)
EXTRA_DIST += bench/rouge/run bench/rouge/prepare.py bench/rouge/otsrun.c \
	bench/rouge/peers.js bench/rouge/package.json bench/rouge/package-lock.json \
	bench/rouge/train.py

# the whole-pipeline benches: outputs, checkpoints, isolation, redis, one
# giant article (time and peak memory; its article is tests/core's)
EXTRA_DIST += bench/output/run bench/durable/run bench/isolate/run bench/redis/run \
	bench/bigdoc/run

# bench/pipeline/run: the default pipeline at -j 1 and -j 2 with OTS as the
# peer, dir/stdin -> jsonl against cat, sqlite against jsonl (issue 19)
EXTRA_DIST += bench/pipeline/run
