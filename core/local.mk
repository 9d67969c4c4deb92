# core/: libgalley (the library every plugin links) and the galley command
lib_LTLIBRARIES += core/libgalley.la
core_libgalley_la_SOURCES = \
	core/doc.c core/log.c core/stage.c core/loader.c core/trust.c core/config.c core/config_text.c \
	core/engine.c core/checkpoint.c core/state.c core/isolate.c core/docwire.c core/util.c \
	core/testing.c core/internal.h
core_libgalley_la_CFLAGS = $(AM_CFLAGS) $(CONFUSE_CFLAGS) $(UTF8PROC_CFLAGS) $(SQLITE_CFLAGS)
core_libgalley_la_LIBADD = $(CONFUSE_LIBS) $(UTF8PROC_LIBS) $(STEMMER_LIBS) $(SQLITE_LIBS) \
	$(LTDL_LIBS) $(DL_LIBS) $(M_LIBS)
core_libgalley_la_LDFLAGS = -version-info $(GALLEY_LT_VERSION) -no-undefined \
	-export-symbols-regex '^(galley_|GALLEY_)'

galleyinclude_HEADERS += include/galley/galley.h include/galley/plugin.h \
	include/galley/doc.h include/galley/text.h include/galley/news.h \
	include/galley/util.h \
	include/galley/log.h \
	include/galley/testing.h

bin_PROGRAMS += galley
galley_SOURCES = core/main.c
galley_LDADD = core/libgalley.la

dist_conf_DATA += conf/default.conf conf/filter.conf conf/warc.conf \
	conf/redis-enqueue.conf conf/redis-worker.conf
