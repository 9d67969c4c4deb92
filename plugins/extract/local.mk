# plugins/extract: the entities and keyphrases plugins and their data
# (the toolkit's sentences/metadata/quotes plugins live in text.mk)
EXTRACT_CPPFLAGS = -DEXTRACT_WORDLIST='"$(GALLEY_WORDLIST)"'

pkglib_LTLIBRARIES += plugins/extract/entities.la
ENTITIES_SOURCES = plugins/extract/entities/entities.c plugins/extract/entities/entities.h \
	plugins/extract/entities/lexicon.c plugins/extract/entities/names.c \
	plugins/extract/entities/label.c plugins/extract/entities/tagger.c
plugins_extract_entities_la_SOURCES = $(ENTITIES_SOURCES)
plugins_extract_entities_la_CPPFLAGS = $(AM_CPPFLAGS) $(EXTRACT_CPPFLAGS)
plugins_extract_entities_la_CFLAGS = $(AM_CFLAGS) $(ZLIB_CFLAGS)
plugins_extract_entities_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_extract_entities_la_LIBADD = $(PLUGIN_LIBS) $(ZLIB_LIBS)

# the tagger's trainer and scorer (sh bench/entities/train.sh)
noinst_PROGRAMS += bench/entities/train
bench_entities_train_SOURCES = bench/entities/train.c $(ENTITIES_SOURCES)
bench_entities_train_CPPFLAGS = $(AM_CPPFLAGS) $(EXTRACT_CPPFLAGS)
bench_entities_train_CFLAGS = $(AM_CFLAGS) $(ZLIB_CFLAGS)
bench_entities_train_LDADD = core/libgalley.la $(ZLIB_LIBS) $(M_LIBS)

pkglib_LTLIBRARIES += plugins/extract/keyphrases.la
KEYPHRASES_SOURCES = plugins/extract/keyphrases/keyphrases.c \
	plugins/extract/keyphrases/keyphrases.h plugins/extract/keyphrases/words.c \
	plugins/extract/keyphrases/rank.c
plugins_extract_keyphrases_la_SOURCES = $(KEYPHRASES_SOURCES)
plugins_extract_keyphrases_la_CPPFLAGS = $(AM_CPPFLAGS) $(EXTRACT_CPPFLAGS)
plugins_extract_keyphrases_la_CFLAGS = $(AM_CFLAGS)
plugins_extract_keyphrases_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_extract_keyphrases_la_LIBADD = $(PLUGIN_LIBS) $(M_LIBS)

# gazetteers, name lists and cue words, found at run time under
# $(pkgdatadir)/extract (or $GALLEY_DATADIR/extract, or the source tree)
extractdatadir = $(pkgdatadir)/extract
dist_extractdata_DATA = \
	conf/extract/places.txt conf/extract/extra-places.txt \
	conf/extract/given-names.txt conf/extract/extra-given-names.txt \
	conf/extract/surnames.txt conf/extract/organizations.txt \
	conf/extract/titles.txt conf/extract/title-modifiers.txt \
	conf/extract/not-names.txt conf/extract/org-cues.txt \
	conf/extract/place-cues.txt conf/extract/keyphrase-stopwords.txt \
	conf/extract/keyphrase-df.txt conf/extract/keyphrase-pos.txt \
	conf/extract/entities-tagger.bin.gz
EXTRA_DIST += conf/extract/make-data.py conf/extract/make-df.py conf/extract/make-pos.py \
	conf/extract/README.md
