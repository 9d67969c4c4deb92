# plugins/output: rules for this area (see the top Makefile.am)
# sink.c (whole-record files, safe paths, UTF-8 repair) goes into each module,
# record.c (the JSON record of doc/output-schema.md) into the JSON ones.
OUTPUT_SINK = plugins/output/sink.c plugins/output/sink.h
OUTPUT_RECORD = plugins/output/record.c plugins/output/record.h \
	plugins/output/jsonw.c plugins/output/jsonw.h $(OUTPUT_SINK)

pkglib_LTLIBRARIES += plugins/output/jsonl.la
plugins_output_jsonl_la_SOURCES = plugins/output/jsonl.c $(OUTPUT_RECORD)
plugins_output_jsonl_la_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) $(UTF8PROC_CFLAGS)
plugins_output_jsonl_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_output_jsonl_la_LIBADD = $(PLUGIN_LIBS) $(JANSSON_LIBS) $(M_LIBS) $(UTF8PROC_LIBS)

pkglib_LTLIBRARIES += plugins/output/json.la
plugins_output_json_la_SOURCES = plugins/output/json.c $(OUTPUT_RECORD)
plugins_output_json_la_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) $(UTF8PROC_CFLAGS)
plugins_output_json_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_output_json_la_LIBADD = $(PLUGIN_LIBS) $(JANSSON_LIBS) $(M_LIBS) $(UTF8PROC_LIBS)

pkglib_LTLIBRARIES += plugins/output/sqlite.la
OUTPUT_SQLITE = plugins/output/sqlite.c plugins/output/sqlite_fts.c plugins/output/sqlite_fts.h \
	plugins/output/sqlite_prep.c plugins/output/sqlite_prep.h \
	plugins/output/sqlite_hash.c plugins/output/sqlite_hash.h
plugins_output_sqlite_la_SOURCES = $(OUTPUT_SQLITE) $(OUTPUT_SINK)
plugins_output_sqlite_la_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(UTF8PROC_CFLAGS)
plugins_output_sqlite_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_output_sqlite_la_LIBADD = $(PLUGIN_LIBS) $(SQLITE_LIBS) $(UTF8PROC_LIBS)

OUTPUT_DIGEST = plugins/output/digest.c plugins/output/digest.h $(OUTPUT_SINK)

pkglib_LTLIBRARIES += plugins/output/markdown.la
plugins_output_markdown_la_SOURCES = plugins/output/markdown.c $(OUTPUT_DIGEST)
plugins_output_markdown_la_CFLAGS = $(AM_CFLAGS) $(UTF8PROC_CFLAGS)
plugins_output_markdown_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_output_markdown_la_LIBADD = $(PLUGIN_LIBS) $(UTF8PROC_LIBS)

# the clean stage has an `html` too: module names must be unique, so this one
# is html_digest.la with .name = "html" (configs say "output/html")
pkglib_LTLIBRARIES += plugins/output/html_digest.la
plugins_output_html_digest_la_SOURCES = plugins/output/html_digest.c $(OUTPUT_DIGEST)
plugins_output_html_digest_la_CFLAGS = $(AM_CFLAGS) $(UTF8PROC_CFLAGS)
plugins_output_html_digest_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_output_html_digest_la_LIBADD = $(PLUGIN_LIBS) $(UTF8PROC_LIBS)

pkglib_LTLIBRARIES += plugins/output/csv.la
plugins_output_csv_la_SOURCES = plugins/output/csv.c $(OUTPUT_SINK)
plugins_output_csv_la_CFLAGS = $(AM_CFLAGS) $(UTF8PROC_CFLAGS)
plugins_output_csv_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_output_csv_la_LIBADD = $(PLUGIN_LIBS) $(UTF8PROC_LIBS)

dist_doc_DATA += doc/output-schema.md doc/output.md

# the fetch stage has a `redis` too: this module is redis_xadd.la with
# .name = "redis" (configs say "output/redis"); REDIS_CONN is in fetch/local.mk
pkglib_LTLIBRARIES += plugins/output/redis_xadd.la
plugins_output_redis_xadd_la_SOURCES = plugins/output/redis_xadd.c $(OUTPUT_RECORD) $(REDIS_CONN)
plugins_output_redis_xadd_la_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) $(UTF8PROC_CFLAGS) $(HIREDIS_CFLAGS)
plugins_output_redis_xadd_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_output_redis_xadd_la_LIBADD = $(PLUGIN_LIBS) $(JANSSON_LIBS) $(M_LIBS) $(UTF8PROC_LIBS) $(HIREDIS_LIBS)
