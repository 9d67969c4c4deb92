# tests/summarize: rules for this area (see the top Makefile.am)
