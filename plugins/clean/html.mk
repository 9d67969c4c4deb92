# plugins/clean/html.mk: the clean `html` plugin (main-content extraction from
# web pages) and its bench programs; included by the top Makefile.am.
HTML_PLUGIN_SOURCES = plugins/clean/html/plugin.c plugins/clean/html/content.c \
	plugins/clean/html/names.c \
	plugins/clean/html/emit.c plugins/clean/html/meta.c plugins/clean/html/strip.c \
	plugins/clean/html/html.h

pkglib_LTLIBRARIES += plugins/clean/html.la
plugins_clean_html_la_SOURCES = $(HTML_PLUGIN_SOURCES)
plugins_clean_html_la_CFLAGS = $(AM_CFLAGS) $(XML_CFLAGS) $(JANSSON_CFLAGS)
plugins_clean_html_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_clean_html_la_LIBADD = $(PLUGIN_LIBS) $(XML_LIBS) $(JANSSON_LIBS)

# bench/aeb/run: the plugin alone over a directory of pages, and a bare
# libxml2 parse of the same pages (the speed floor)
noinst_PROGRAMS += bench/aeb/html-driver bench/aeb/bare-parse
bench_aeb_html_driver_SOURCES = bench/aeb/html-driver.c $(HTML_PLUGIN_SOURCES)
bench_aeb_html_driver_CFLAGS = $(AM_CFLAGS) $(XML_CFLAGS) $(JANSSON_CFLAGS)
bench_aeb_html_driver_LDADD = core/libgalley.la $(XML_LIBS) $(JANSSON_LIBS)
bench_aeb_bare_parse_SOURCES = bench/aeb/bare-parse.c
bench_aeb_bare_parse_CFLAGS = $(AM_CFLAGS) $(XML_CFLAGS)
bench_aeb_bare_parse_LDADD = $(XML_LIBS)
EXTRA_DIST += bench/aeb/run bench/aeb/score.py bench/aeb/table.py bench/aeb/readability.mjs \
	bench/aeb/package.json doc/clean-html.md
