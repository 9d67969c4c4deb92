# doc: man pages and the SDK documents (rules for the top Makefile.am)

# galley.1 names the installed directories, filled in at build time
nodist_man_MANS = doc/galley.1
dist_man_MANS += doc/galley-plugin.7 doc/galley-new-plugin.1
EXTRA_DIST += doc/galley.1.in
CLEANFILES += doc/galley.1
doc/galley.1: doc/galley.1.in Makefile
	$(AM_V_GEN)$(MKDIR_P) doc && sed -e 's|@PKGLIBDIR[@]|$(pkglibdir)|g' \
		-e 's|@PKGDATADIR[@]|$(pkgdatadir)|g' $(srcdir)/doc/galley.1.in >$@

dist_doc_DATA += doc/plugin-guide.md doc/config.md doc/wire-format.md
