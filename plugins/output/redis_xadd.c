/* plugins/output/redis_xadd.c - output plugin "redis" (configs say
 * "output/redis"; the fetch has a `redis` too): XADD each document's JSON
 * record (the jsonl form, record.c) to a stream, trimmed to about maxlen.
 * A producer enqueues work with it; chained pipelines pass results on. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <galley/galley.h>
#include "record.h"
#include "sink.h"
#include "../redis/conn.h"

static const galley_option xadd_opts[] = {
    RCONN_OPTIONS,
    { GALLEY_OPT_STRING, "stream", "galley:results", 0, 0, 0,
      "the stream each record is added to", NULL },
    { GALLEY_OPT_STRING, "field", "record", 0, 0, 0,
      "the entry field holding the record (the fetch reads the same option)", NULL },
    { GALLEY_OPT_INT, "maxlen", "0", 0, 0, 1e15,
      "trim the stream to about this many entries (MAXLEN ~); 0 = never trim", NULL },
    JREC_OPTIONS,
    { 0 }
};

typedef struct xadd {
    rconn r;
    const char *stream, *field;
    char maxlen[32];        /* "" = no trimming */
    jrec rec;
    sink_buf buf;
    unsigned long long added;
} xadd;

static galley_status xadd_process(void *state, galley_doc *doc)
{
    xadd *x = state;
    if (jrec_encode(&x->rec, doc, &x->buf) < 0)
        return jrec_fail(&x->rec, &x->buf, doc);
    const char *argv[10];
    size_t lens[10], argc = 0;
#define ARG(s, n) (argv[argc] = (s), lens[argc++] = (n))
    ARG("XADD", 4);
    ARG(x->stream, strlen(x->stream));
    if (*x->maxlen) {
        ARG("MAXLEN", 6);
        ARG("~", 1);
        ARG(x->maxlen, strlen(x->maxlen));
    }
    ARG("*", 1);
    ARG("id", 2);
    ARG(galley_doc_id(doc), strlen(galley_doc_id(doc)));
    ARG(x->field, strlen(x->field));
    ARG(x->buf.data, x->buf.len - 1);      /* without the line's newline */
#undef ARG
    /* after a lost connection the XADD is sent again: at-least-once, so a
     * reader may see a record twice (idempotent consumers absorb it) */
    redisReply *rep = rconn_argv(&x->r, (int)argc, argv, lens);
    if (!rep || rep->type == REDIS_REPLY_ERROR) {
        galley_status rc = galley_doc_fail(doc, "cannot XADD the record to stream '%s' at "
                                           "%s:%d: %s", x->stream, x->r.host, x->r.port,
                                           rep ? rep->str : x->r.err);
        freeReplyObject(rep);
        return rc;
    }
    freeReplyObject(rep);
    x->added++;
    return GALLEY_OK;
}

/* Each XADD above waited for the server's reply, so everything written is
 * in Redis already; how durable that is (appendonly, appendfsync) is the
 * server's configuration, said in doc/distributed.md. */
static galley_status xadd_flush(void *state)
{
    (void)state;
    return GALLEY_OK;
}

static galley_status xadd_open(galley_stage *st, void **state)
{
    xadd *x = calloc(1, sizeof *x);
    if (!x)
        return galley_stage_fail(st, "out of memory");
    x->stream = galley_opt_str(st, "stream");
    x->field = galley_opt_str(st, "field");
    long long maxlen = galley_opt_int(st, "maxlen");
    if (maxlen > 0)
        snprintf(x->maxlen, sizeof x->maxlen, "%lld", maxlen);
    jrec_open(st, &x->rec, 0);
    if (rconn_open(&x->r, st) < 0) {
        galley_status rc = galley_stage_fail(st, "%s", x->r.err);
        free(x);
        return rc;
    }
    *state = x;
    return GALLEY_OK;
}

static galley_status xadd_close(void *state)
{
    xadd *x = state;
    galley_debug("redis: %llu records added to stream '%s'", x->added, x->stream);
    rconn_close(&x->r);
    sink_buf_free(&x->buf);
    free(x);
    return GALLEY_OK;
}

GALLEY_PLUGIN(redis_xadd,
    .name = "redis",
    .kind = GALLEY_OUTPUT,
    .summary = "XADD each document's JSON record (the jsonl form) to a Redis stream",
    .version = "1.0",
    .license = "MIT",
    .options = xadd_opts,
    .open = xadd_open, .process = xadd_process, .close = xadd_close,
    .flush = xadd_flush);
