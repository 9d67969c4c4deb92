# plugins/fetch: rules for this area (see the top Makefile.am)
# common.c (decoding, sniffing, shards, globs) is compiled into each module
FETCH_COMMON = plugins/fetch/common.c plugins/fetch/common.h

pkglib_LTLIBRARIES += plugins/fetch/dir.la
plugins_fetch_dir_la_SOURCES = plugins/fetch/dir.c $(FETCH_COMMON)
plugins_fetch_dir_la_CFLAGS = $(AM_CFLAGS)
plugins_fetch_dir_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_fetch_dir_la_LIBADD = $(PLUGIN_LIBS)

pkglib_LTLIBRARIES += plugins/fetch/stdin.la
plugins_fetch_stdin_la_SOURCES = plugins/fetch/stdin.c $(FETCH_COMMON)
plugins_fetch_stdin_la_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
plugins_fetch_stdin_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_fetch_stdin_la_LIBADD = $(PLUGIN_LIBS) $(JANSSON_LIBS)
