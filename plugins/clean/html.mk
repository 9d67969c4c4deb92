# plugins/clean/html.mk: the clean `html` plugin (main-content extraction from
# web pages), a folder of its own; included by the top Makefile.am (its bench
# programs are in bench/local.mk).
HTML_PLUGIN_SOURCES = plugins/clean/html/plugin.c plugins/clean/html/content.c \
	plugins/clean/html/names.c \
	plugins/clean/html/emit.c plugins/clean/html/meta.c plugins/clean/html/strip.c \
	plugins/clean/html/html.h

pkglib_LTLIBRARIES += plugins/clean/html.la
plugins_clean_html_la_SOURCES = $(HTML_PLUGIN_SOURCES)
plugins_clean_html_la_CFLAGS = $(AM_CFLAGS) $(XML_CFLAGS) $(JANSSON_CFLAGS)
plugins_clean_html_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_clean_html_la_LIBADD = $(PLUGIN_LIBS) $(XML_LIBS) $(JANSSON_LIBS)

dist_doc_DATA += doc/clean-html.md
