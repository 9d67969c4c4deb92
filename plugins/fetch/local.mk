# plugins/fetch: rules for this area (see the top Makefile.am)
# common.c (decoding, sniffing, shards, globs) is compiled into each module
FETCH_COMMON = plugins/fetch/common.c plugins/fetch/common.h
# jsonrec.c (a JSON record into a doc: jansson) goes into stdin and redis
FETCH_JSONREC = plugins/fetch/jsonrec.c plugins/fetch/jsonrec.h $(FETCH_COMMON)
FETCH_WARC = plugins/fetch/warc_stream.c plugins/fetch/warc_stream.h
FETCH_NET = plugins/fetch/netpolicy.c plugins/fetch/netpolicy.h

pkglib_LTLIBRARIES += plugins/fetch/dir.la
plugins_fetch_dir_la_SOURCES = plugins/fetch/dir.c $(FETCH_COMMON)
plugins_fetch_dir_la_CFLAGS = $(AM_CFLAGS)
plugins_fetch_dir_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_fetch_dir_la_LIBADD = $(PLUGIN_LIBS)

pkglib_LTLIBRARIES += plugins/fetch/stdin.la
plugins_fetch_stdin_la_SOURCES = plugins/fetch/stdin.c $(FETCH_JSONREC)
plugins_fetch_stdin_la_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
plugins_fetch_stdin_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_fetch_stdin_la_LIBADD = $(PLUGIN_LIBS) $(JANSSON_LIBS)

pkglib_LTLIBRARIES += plugins/fetch/warc.la
plugins_fetch_warc_la_SOURCES = plugins/fetch/warc.c $(FETCH_WARC) $(FETCH_COMMON)
plugins_fetch_warc_la_CFLAGS = $(AM_CFLAGS) $(ZLIB_CFLAGS)
plugins_fetch_warc_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_fetch_warc_la_LIBADD = $(PLUGIN_LIBS) $(ZLIB_LIBS)

pkglib_LTLIBRARIES += plugins/fetch/http.la
plugins_fetch_http_la_SOURCES = plugins/fetch/http.c $(FETCH_NET) $(FETCH_COMMON)
plugins_fetch_http_la_CFLAGS = $(AM_CFLAGS) $(CURL_CFLAGS)
plugins_fetch_http_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_fetch_http_la_LIBADD = $(PLUGIN_LIBS) $(CURL_LIBS) $(M_LIBS)

EXTRA_DIST += doc/fetch.md

# redis (fetch/redis): a stream consumer group as the work queue (hiredis);
# its connection code (plugins/redis/conn.c) is shared with output/redis
REDIS_CONN = plugins/redis/conn.c plugins/redis/conn.h
pkglib_LTLIBRARIES += plugins/fetch/redis.la
plugins_fetch_redis_la_SOURCES = plugins/fetch/redis.c $(FETCH_JSONREC) $(REDIS_CONN)
plugins_fetch_redis_la_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) $(HIREDIS_CFLAGS)
plugins_fetch_redis_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_fetch_redis_la_LIBADD = $(PLUGIN_LIBS) $(JANSSON_LIBS) $(HIREDIS_LIBS)
dist_doc_DATA += doc/distributed.md
