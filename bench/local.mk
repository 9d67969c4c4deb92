# bench: rules for this area (see the top Makefile.am)

# the pipeline throughput bench (issue 19): default pipeline at -j 1/-j 2 with
# OTS as the peer, dir/stdin -> jsonl against cat, sqlite against jsonl
EXTRA_DIST += bench/pipeline/run
