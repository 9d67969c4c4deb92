# tests/sdk: rules for this area (see the top Makefile.am)
