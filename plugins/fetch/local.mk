# plugins/fetch: rules for this area (see the top Makefile.am)
