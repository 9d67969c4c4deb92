# fuzz/local.mk - fuzz targets for the parsers: `make fuzz` builds them with
# clang's libFuzzer (FUZZ_CC, found by configure), `make fuzz-run` runs each
# for FUZZ_SECONDS; make check replays every corpus file (seeds and past
# findings) through the same entry points built with the ordinary compiler.
FUZZ_TARGETS = html clean_text stdin warc config chain

# what each target links besides fuzz/TARGET.c, fuzz/common.c and the core:
# the plugins' own source lists, so that a split plugin stays linked
FUZZ_SRC_html = $(plugins_clean_html_la_SOURCES)
FUZZ_SRC_clean_text = $(plugins_clean_text_la_SOURCES)
FUZZ_SRC_stdin = $(plugins_fetch_stdin_la_SOURCES)
FUZZ_SRC_warc = plugins/fetch/warc.c $(FETCH_WARC)
FUZZ_SRC_chain = plugins/extract/sentences.c plugins/extract/metadata.c \
	$(ENTITIES_SOURCES) $(KEYPHRASES_SOURCES) plugins/extract/quotes.c \
	plugins/summarize/lead.c plugins/summarize/textrank.c \
	plugins/summarize/lexrank.c plugins/summarize/newsrank.c \
	plugins/summarize/newsrank_model.c plugins/summarize/newsrank_model.h $(SUMCORE_SOURCES)
# every bundled plugin (fuzz/config.c lists their descriptors)
FUZZ_SRC_config = plugins/fetch/dir.c plugins/fetch/http.c $(FETCH_NET) $(FUZZ_SRC_stdin) \
	$(FUZZ_SRC_warc) $(FUZZ_SRC_html) $(FUZZ_SRC_clean_text) $(FUZZ_SRC_chain) \
	plugins/output/jsonl.c plugins/output/json.c $(OUTPUT_SQLITE) \
	plugins/output/markdown.c plugins/output/html_digest.c plugins/output/csv.c \
	$(OUTPUT_RECORD) plugins/output/digest.c plugins/output/digest.h
FUZZ_COMMON = fuzz/common.c fuzz/fuzz.h
FUZZ_PKG_CFLAGS = $(CONFUSE_CFLAGS) $(UTF8PROC_CFLAGS) $(JANSSON_CFLAGS) $(XML_CFLAGS) \
	$(SQLITE_CFLAGS) $(ZLIB_CFLAGS) $(CURL_CFLAGS)
FUZZ_PKG_LIBS = $(CONFUSE_LIBS) $(UTF8PROC_LIBS) $(JANSSON_LIBS) $(XML_LIBS) \
	$(SQLITE_LIBS) $(ZLIB_LIBS) $(CURL_LIBS) $(STEMMER_LIBS) $(LTDL_LIBS) \
	$(DL_LIBS) $(M_LIBS)
FUZZ_REPLAY_CPPFLAGS = $(AM_CPPFLAGS) $(EXTRACT_CPPFLAGS)
FUZZ_REPLAY_CFLAGS = $(AM_CFLAGS) $(FUZZ_PKG_CFLAGS)
FUZZ_REPLAY_LDADD = core/libgalley.la $(FUZZ_PKG_LIBS)

# seeds: fuzz/corpus/TARGET (written for fuzzing, and past findings) and the
# tests' fixtures and bundled articles where they fit, read in place
FUZZ_DIR = $(abs_top_srcdir)/fuzz/corpus
FUZZ_SEEDS_html = $(FUZZ_DIR)/html:$(abs_top_srcdir)/tests/clean/html-fixtures
FUZZ_SEEDS_clean_text = $(FUZZ_DIR)/clean_text:$(abs_top_srcdir)/tests/clean/text:$(abs_top_srcdir)/examples/articles/seed
FUZZ_SEEDS_stdin = $(FUZZ_DIR)/stdin
FUZZ_SEEDS_warc = $(FUZZ_DIR)/warc
FUZZ_SEEDS_config = $(FUZZ_DIR)/config:$(abs_top_srcdir)/examples/plugin
FUZZ_SEEDS_chain = $(FUZZ_DIR)/chain:$(abs_top_srcdir)/examples/articles

# ---- make check: every seed through each target ----
check_PROGRAMS += fuzz/replay-html fuzz/replay-clean_text fuzz/replay-stdin \
	fuzz/replay-warc fuzz/replay-config fuzz/replay-chain
TESTS += fuzz/replay-html fuzz/replay-clean_text fuzz/replay-stdin \
	fuzz/replay-warc fuzz/replay-config fuzz/replay-chain
fuzz_replay_html_SOURCES = fuzz/html.c fuzz/replay.c $(FUZZ_COMMON) $(FUZZ_SRC_html)
fuzz_replay_html_CPPFLAGS = $(FUZZ_REPLAY_CPPFLAGS) -DFUZZ_CORPUS='"$(FUZZ_SEEDS_html)"'
fuzz_replay_html_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_replay_html_LDADD = $(FUZZ_REPLAY_LDADD)
fuzz_replay_clean_text_SOURCES = fuzz/clean_text.c fuzz/replay.c $(FUZZ_COMMON) $(FUZZ_SRC_clean_text)
fuzz_replay_clean_text_CPPFLAGS = $(FUZZ_REPLAY_CPPFLAGS) -DFUZZ_CORPUS='"$(FUZZ_SEEDS_clean_text)"'
fuzz_replay_clean_text_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_replay_clean_text_LDADD = $(FUZZ_REPLAY_LDADD)
fuzz_replay_stdin_SOURCES = fuzz/stdin.c fuzz/replay.c $(FUZZ_COMMON) $(FUZZ_SRC_stdin)
fuzz_replay_stdin_CPPFLAGS = $(FUZZ_REPLAY_CPPFLAGS) -DFUZZ_CORPUS='"$(FUZZ_SEEDS_stdin)"'
fuzz_replay_stdin_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_replay_stdin_LDADD = $(FUZZ_REPLAY_LDADD)
fuzz_replay_warc_SOURCES = fuzz/warc.c fuzz/replay.c $(FUZZ_COMMON) $(FUZZ_SRC_warc) \
	$(FETCH_COMMON)
fuzz_replay_warc_CPPFLAGS = $(FUZZ_REPLAY_CPPFLAGS) -DFUZZ_CORPUS='"$(FUZZ_SEEDS_warc)"'
fuzz_replay_warc_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_replay_warc_LDADD = $(FUZZ_REPLAY_LDADD)
fuzz_replay_config_SOURCES = fuzz/config.c fuzz/replay.c $(FUZZ_COMMON) $(FUZZ_SRC_config)
fuzz_replay_config_CPPFLAGS = $(FUZZ_REPLAY_CPPFLAGS) -DFUZZ_CORPUS='"$(FUZZ_SEEDS_config)"'
fuzz_replay_config_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_replay_config_LDADD = $(FUZZ_REPLAY_LDADD)
fuzz_replay_chain_SOURCES = fuzz/chain.c fuzz/replay.c $(FUZZ_COMMON) $(FUZZ_SRC_chain)
fuzz_replay_chain_CPPFLAGS = $(FUZZ_REPLAY_CPPFLAGS) -DFUZZ_CORPUS='"$(FUZZ_SEEDS_chain)"'
fuzz_replay_chain_CFLAGS = $(FUZZ_REPLAY_CFLAGS)
fuzz_replay_chain_LDADD = $(FUZZ_REPLAY_LDADD)

EXTRA_DIST += fuzz/corpus fuzz/dict fuzz/run fuzz/README.md

# ---- make fuzz: the libFuzzer binaries, with clang (GNU make rules) ----
FUZZ_SANITIZE = -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=all
FUZZ_COMPILE = $(FUZZ_CC) $(DEFS) -I$(top_builddir) $(FUZZ_REPLAY_CPPFLAGS) \
	$(FUZZ_REPLAY_CFLAGS) $(FUZZ_SANITIZE) -fsanitize=fuzzer-no-link
FUZZ_LINK = $(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_SANITIZE) -fsanitize=fuzzer -o $@ $^ $(FUZZ_PKG_LIBS)
FUZZ_BINS = $(FUZZ_TARGETS:%=fuzz/fuzz-%)
FUZZ_CORE_SRC = $(filter %.c,$(core_libgalley_la_SOURCES))
fuzz_objs = $(patsubst %.c,fuzz/obj/%.o,$(sort $(filter %.c,fuzz/$(1).c $(FUZZ_COMMON) \
	$(FUZZ_CORE_SRC) $(FUZZ_SRC_$(1)) $(2))))

fuzz/obj/%.o: %.c
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(FUZZ_COMPILE) -MMD -MP -c -o $@ $<
-include $(wildcard fuzz/obj/*/*.d fuzz/obj/*/*/*.d fuzz/obj/*/*/*/*.d)

fuzz/fuzz-html: $(call fuzz_objs,html)
	$(FUZZ_LINK)
fuzz/fuzz-clean_text: $(call fuzz_objs,clean_text)
	$(FUZZ_LINK)
fuzz/fuzz-stdin: $(call fuzz_objs,stdin)
	$(FUZZ_LINK)
fuzz/fuzz-warc: $(call fuzz_objs,warc,$(FETCH_COMMON))
	$(FUZZ_LINK)
fuzz/fuzz-config: $(call fuzz_objs,config)
	$(FUZZ_LINK)
fuzz/fuzz-chain: $(call fuzz_objs,chain)
	$(FUZZ_LINK)

fuzz:
	@if test -n '$(FUZZ_MISSING)'; then \
	  echo 'make fuzz: cannot build the fuzz targets: $(FUZZ_MISSING)' >&2; exit 1; fi
	@$(MAKE) $(AM_MAKEFLAGS) $(FUZZ_BINS)
	@echo 'built $(FUZZ_BINS); run each for a minute: make fuzz-run FUZZ_SECONDS=60'

FUZZ_SECONDS = 60
fuzz-run: fuzz
	$(SHELL) $(srcdir)/fuzz/run $(FUZZ_SECONDS) $(foreach t,$(FUZZ_TARGETS),$(t)=$(FUZZ_SEEDS_$(t)))

fuzz-clean:
	rm -rf fuzz/obj fuzz/work $(FUZZ_BINS)
clean-local: fuzz-clean
.PHONY: fuzz fuzz-run fuzz-clean
