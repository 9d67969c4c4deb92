# tests/core: the core's tests: Check units, test plugins, CLI scripts

# test plugins (never installed): engine failures, loader refusals, options
check_LTLIBRARIES += tests/core/plugins/failevery.la tests/core/plugins/badabi.la \
	tests/core/plugins/unresolved.la tests/core/plugins/needy.la \
	tests/core/plugins/opts.la tests/core/plugins/acklog.la \
	tests/core/plugins/misbehave.la tests/core/plugins/ctormark.la
tests_core_plugins_ctormark_la_SOURCES = tests/core/plugins/ctormark.c
tests_core_plugins_ctormark_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_core_plugins_ctormark_la_LIBADD = $(PLUGIN_LIBS)
tests_core_plugins_failevery_la_SOURCES = tests/core/plugins/failevery.c
tests_core_plugins_failevery_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_core_plugins_failevery_la_LIBADD = $(PLUGIN_LIBS)
tests_core_plugins_badabi_la_SOURCES = tests/core/plugins/badabi.c
tests_core_plugins_badabi_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_core_plugins_badabi_la_LIBADD = $(PLUGIN_LIBS)
tests_core_plugins_unresolved_la_SOURCES = tests/core/plugins/unresolved.c
tests_core_plugins_unresolved_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_core_plugins_unresolved_la_LIBADD = $(PLUGIN_LIBS)
tests_core_plugins_needy_la_SOURCES = tests/core/plugins/needy.c
tests_core_plugins_needy_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_core_plugins_needy_la_LIBADD = $(PLUGIN_LIBS)
tests_core_plugins_opts_la_SOURCES = tests/core/plugins/opts.c
tests_core_plugins_opts_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_core_plugins_opts_la_LIBADD = $(PLUGIN_LIBS)
tests_core_plugins_acklog_la_SOURCES = tests/core/plugins/acklog.c
tests_core_plugins_acklog_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_core_plugins_acklog_la_LIBADD = $(PLUGIN_LIBS)

tests_core_plugins_misbehave_la_SOURCES = tests/core/plugins/misbehave.c
tests_core_plugins_misbehave_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_core_plugins_misbehave_la_LIBADD = $(PLUGIN_LIBS)

check_PROGRAMS += tests/core/jsonl-get tests/core/test_doc tests/core/test_options \
	tests/core/test_docwire
tests_core_jsonl_get_SOURCES = tests/core/jsonl-get.c
tests_core_jsonl_get_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
tests_core_jsonl_get_LDADD = $(JANSSON_LIBS)
tests_core_test_doc_SOURCES = tests/core/test_doc.c
tests_core_test_doc_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_core_test_doc_LDADD = core/libgalley.la $(CHECK_LIBS) $(M_LIBS)
tests_core_test_docwire_SOURCES = tests/core/test_docwire.c
tests_core_test_docwire_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) -I$(top_srcdir)
tests_core_test_docwire_LDADD = core/libgalley.la $(CHECK_LIBS) $(M_LIBS)
tests_core_test_options_SOURCES = tests/core/test_options.c tests/core/plugins/opts.c
tests_core_test_options_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_core_test_options_LDADD = core/libgalley.la $(CHECK_LIBS)

CORE_CLI_TESTS = tests/core/cli.sh tests/core/config-errors.sh tests/core/loader.sh \
	tests/core/engine.sh tests/core/e2e.sh tests/core/valgrind.sh \
	tests/core/signal.sh tests/core/readme-plugin.sh tests/core/ack.sh \
	tests/core/resume.sh tests/core/incremental.sh tests/core/isolate.sh \
	tests/core/names.sh tests/core/plugin-trust.sh tests/core/shared-memory.sh \
	tests/core/big-article.sh
TESTS += tests/core/test_doc tests/core/test_options tests/core/test_docwire $(CORE_CLI_TESTS)
EXTRA_DIST += $(CORE_CLI_TESTS) tests/core/lib.sh tests/core/make-big-article.sh
EXTRA_DIST += tests/ckhelp.h
