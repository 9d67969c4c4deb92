# bench: rules for this area (see the top Makefile.am)
# one giant article through the default pipeline: time and peak memory (issue 18)
EXTRA_DIST += bench/bigdoc/run
