# tests/sdk: the plugin SDK's tests: ABI refusals, an install into a scratch
# prefix that builds and runs examples/plugin, the skeleton writer, the guide.

# test plugins (never installed) as a newer minor version of the headers builds them
check_LTLIBRARIES += tests/sdk/plugins/newer.la tests/sdk/plugins/samesize.la \
	tests/sdk/plugins/abi10.la
tests_sdk_plugins_newer_la_SOURCES = tests/sdk/plugins/newer.c
tests_sdk_plugins_newer_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_sdk_plugins_newer_la_LIBADD = $(PLUGIN_LIBS)
tests_sdk_plugins_samesize_la_SOURCES = tests/sdk/plugins/samesize.c
tests_sdk_plugins_samesize_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_sdk_plugins_samesize_la_LIBADD = $(PLUGIN_LIBS)
tests_sdk_plugins_abi10_la_SOURCES = tests/sdk/plugins/abi10.c
tests_sdk_plugins_abi10_la_LDFLAGS = $(TEST_PLUGIN_LDFLAGS)
tests_sdk_plugins_abi10_la_LIBADD = $(PLUGIN_LIBS)

# install.sh runs a nested `make install DESTDIR=...` and builds plugins with the compiler
AM_TESTS_ENVIRONMENT += CC='$(CC)'; export CC; MAKE='$(MAKE)'; export MAKE;

SDK_TESTS = tests/sdk/abi.sh tests/sdk/guide.sh tests/sdk/man.sh tests/sdk/install.sh
TESTS += $(SDK_TESTS)
# install.sh's `make install` relinks every plugin in the build tree, and
# libtool writes each relinked module at .libs/NAME.so while the built one
# waits aside: a test loading a plugin then gets "file too short" (seen in
# distcheck on guide.sh; 4 of 377 runs beside an install here). It runs after
# every other test, alone.
tests/sdk/install.log: $(filter-out tests/sdk/install.log,$(TEST_LOGS))
EXTRA_DIST += $(SDK_TESTS)
