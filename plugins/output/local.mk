# plugins/output: rules for this area (see the top Makefile.am)
# sink.c/sink.h (whole-record files, safe paths, UTF-8 repair) go into each module.
OUTPUT_SINK = plugins/output/sink.c plugins/output/sink.h

pkglib_LTLIBRARIES += plugins/output/jsonl.la
plugins_output_jsonl_la_SOURCES = plugins/output/jsonl.c $(OUTPUT_SINK)
plugins_output_jsonl_la_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
plugins_output_jsonl_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_output_jsonl_la_LIBADD = $(PLUGIN_LIBS) $(JANSSON_LIBS) $(M_LIBS)

dist_doc_DATA += doc/output-schema.md
