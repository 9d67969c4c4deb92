# plugins/extract: the extract plugins (sentences, metadata, quotes,
# entities, keyphrases) and their data
EXTRACT_CPPFLAGS = -DEXTRACT_WORDLIST='"$(GALLEY_WORDLIST)"'

# sentences, metadata and quotes: the toolkit's splitter and news-text rules
# as stages
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

pkglib_LTLIBRARIES += plugins/extract/entities.la
ENTITIES_SOURCES = plugins/extract/entities/entities.c plugins/extract/entities/entities.h \
	plugins/extract/entities/lexicon.c plugins/extract/entities/names.c \
	plugins/extract/entities/label.c plugins/extract/entities/tagger.c \
	plugins/extract/entities/decode.c plugins/extract/entities/context.c \
	plugins/extract/entities/people.c
plugins_extract_entities_la_SOURCES = $(ENTITIES_SOURCES)
plugins_extract_entities_la_CPPFLAGS = $(AM_CPPFLAGS) $(EXTRACT_CPPFLAGS)
plugins_extract_entities_la_CFLAGS = $(AM_CFLAGS) $(ZLIB_CFLAGS)
plugins_extract_entities_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_extract_entities_la_LIBADD = $(PLUGIN_LIBS) $(ZLIB_LIBS)

pkglib_LTLIBRARIES += plugins/extract/keyphrases.la
KEYPHRASES_SOURCES = plugins/extract/keyphrases/keyphrases.c \
	plugins/extract/keyphrases/keyphrases.h plugins/extract/keyphrases/words.c \
	plugins/extract/keyphrases/rank.c plugins/extract/keyphrases/features.c
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
	conf/extract/not-names.txt conf/extract/peoples.txt conf/extract/org-cues.txt \
	conf/extract/place-cues.txt conf/extract/keyphrase-stopwords.txt \
	conf/extract/keyphrase-df.txt conf/extract/keyphrase-pos.txt \
	conf/extract/keyphrase-generic.txt conf/extract/keyphrase-weights.txt \
	conf/extract/keyphrase-modifiers.txt \
	conf/extract/entities-tagger.bin
EXTRA_DIST += conf/extract/make-data.py conf/extract/make-df.py conf/extract/make-pos.py \
	conf/extract/README.md
