# core/toolkit.mk - the public toolkit inside libgalley: text (text.h:
# UTF-8, tokens, sentences, folding, stopwords, stems, counters), the
# news-text rules (news.h) and the small tools (util.h: hash, buffers, data
# files, shared data).  Its tests: tests/core/toolkit.mk.
core_libgalley_la_SOURCES += core/text_int.h core/text_utf8.c core/text_scan.c \
	core/text_token.c core/text_sentence.c core/text_fold.c \
	core/text_stopwords.c core/text_stem.c core/text_counter.c core/text_layer.c \
	core/text_news.c core/kit.c core/kit_data.c
dist_doc_DATA += doc/toolkit.md
