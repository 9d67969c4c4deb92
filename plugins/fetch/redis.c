/* plugins/fetch/redis.c - fetch plugin `redis` ("fetch/redis"): documents
 * from a Redis stream read as one consumer of a group (XREADGROUP), each
 * entry holding a stdin JSON Lines record; acknowledged (XACK) only after
 * the outputs flushed, dead consumers' entries claimed (XAUTOCLAIM), and an
 * entry that fails max_deliveries times moved to a dead-letter stream. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <galley/galley.h>
#include "common.h"
#include "jsonrec.h"
#include "../redis/conn.h"

static const galley_option redis_options[] = {
    RCONN_OPTIONS,
    { GALLEY_OPT_STRING, "stream", "galley:work", 0, 0, 0, "the stream to read work from", NULL },
    { GALLEY_OPT_STRING, "group", "galley", 0, 0, 0,
      "consumer group (created, with the stream, when missing)", NULL },
    { GALLEY_OPT_STRING, "consumer", "", 0, 0, 0,
      "this worker's consumer name; empty = HOST:PID", NULL },
    { GALLEY_OPT_STRING, "start", "0", 0, 0, 0,
      "where a new group starts: 0 = the whole stream, $ = only new entries", NULL },
    { GALLEY_OPT_STRING, "field", "record", 0, 0, 0,
      "the entry field holding the JSON record (id, text or html, url, ...)", NULL },
    { GALLEY_OPT_INT, "count", "8", 0, 1, 10000, "entries read at a time", NULL },
    { GALLEY_OPT_FLOAT, "block", "1", 0, 0.01, 60,
      "seconds to wait for new entries before looking again (acks, claims, stop)", NULL },
    { GALLEY_OPT_FLOAT, "idle_exit", "0", 0, 0, 1e9,
      "end after this many seconds with nothing to do; 0 = run until SIGTERM", NULL },
    { GALLEY_OPT_FLOAT, "claim_idle", "60", 0, 0.05, 1e9,
      "claim entries another consumer left pending this many seconds (it died)", NULL },
    { GALLEY_OPT_INT, "max_deliveries", "3", 0, 1, 1000000,
      "an entry delivered this many times without success goes to the dead-letter stream", NULL },
    { GALLEY_OPT_STRING, "dead_letter", "", 0, 0, 0,
      "the dead-letter stream; empty = STREAM:dead", NULL },
    { GALLEY_OPT_STRING, "empty", "fail", 0, 0, 0,
      "a record with empty text: fail, skip or keep", "fail|skip|keep" },
    { 0 }
};

/* Atomically: XACK the entry and, only if it was still pending (so a retry
 * after a lost reply adds nothing twice), copy it with its last error to the
 * dead-letter stream.  KEYS: stream, dead-letter, errors hash; ARGV: group,
 * entry id, error ("" = the last one recorded), deliveries, consumer, doc
 * id, the error to use when none was recorded. */
static const char DEAD_LETTER_LUA[] =
    "if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end\n"
    "local err = ARGV[3]\n"
    "if err == '' then err = redis.call('HGET', KEYS[3], ARGV[2]) or ARGV[7] end\n"
    "local f = {'entry', ARGV[2], 'id', ARGV[6], 'error', err,\n"
    "           'deliveries', ARGV[4], 'consumer', ARGV[5]}\n"
    "local e = redis.call('XRANGE', KEYS[1], ARGV[2], ARGV[2])\n"
    "if e[1] then for _, v in ipairs(e[1][2]) do f[#f + 1] = v end end\n"
    "redis.call('XADD', KEYS[2], '*', unpack(f))\n"
    "redis.call('HDEL', KEYS[3], ARGV[2])\n"
    "return 1\n";

typedef struct entry {
    char *id;
    long long deliveries;
    char *rec;              /* the record field, NULL if the entry has none */
    size_t len;
    char *fields;           /* the entry's field names, for a message */
} entry;

typedef struct idset {      /* entry ids; small (the engine's window) */
    char **ids;
    size_t n, cap;
} idset;

typedef struct rfetch {
    galley_stage *st;       /* for ack()'s failure message */
    rconn r;
    const char *stream, *group, *field;
    char *dead, *errors, *consumer;
    long long count, max_deliveries;
    double block, idle_exit, claim_idle;
    int empty;
    entry *buf;             /* read, not yet handed out: buf[pos..n) */
    size_t pos, n, cap;
    idset inflight;         /* handed out, not yet acknowledged */
    char cursor[64];        /* XAUTOCLAIM's */
    double last_work, next_claim, next_beat;
    unsigned long long delivered, acked, dead_lettered, claimed, failed;
    int in_ack;             /* errors go to ack()'s message, not the log */
    char lasterr[600];
} rfetch;

/* ---- small sets ---- */

static int idset_has(const idset *s, const char *id)
{
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->ids[i], id))
            return 1;
    return 0;
}

static void idset_add(idset *s, const char *id)
{
    if (galley_reserve(&s->ids, &s->cap, s->n + 1, sizeof *s->ids) < 0)
        return;     /* only the heartbeat misses it: claimed later, not lost */
    char *dup = strdup(id);
    if (dup)
        s->ids[s->n++] = dup;
}

static void idset_remove(idset *s, const char *id)
{
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->ids[i], id)) {
            free(s->ids[i]);
            s->ids[i] = s->ids[--s->n];
            return;
        }
}

static void idset_free(idset *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->ids[i]);
    free(s->ids);
}

static int buffered(const rfetch *f, const char *id)
{
    for (size_t i = f->pos; i < f->n; i++)
        if (!strcmp(f->buf[i].id, id))
            return 1;
    return 0;
}

static void entry_free(entry *e)
{
    free(e->id);
    free(e->rec);
    free(e->fields);
}

/* ---- replies ---- */

static int is_str(const redisReply *r)
{
    return r && (r->type == REDIS_REPLY_STRING || r->type == REDIS_REPLY_STATUS);
}

/* Notes the error reply (or the lost connection) of a command in lasterr
 * and logs it (in ack(), the engine reports it); 1 if it was one */
static int failed(rfetch *f, redisReply *rep, const char *what)
{
    if (rep && rep->type != REDIS_REPLY_ERROR)
        return 0;
    snprintf(f->lasterr, sizeof f->lasterr, "redis %s:%d: %s: %s", f->r.host, f->r.port,
             what, rep ? rep->str : f->r.err);
    if (!f->in_ack)
        galley_error("%s", f->lasterr);
    return 1;
}

/* One stream entry [id, [field, value, ...]] into the buffer */
static void take_entry(rfetch *f, const redisReply *e, long long deliveries)
{
    if (!e || e->type != REDIS_REPLY_ARRAY || e->elements < 2 || !is_str(e->element[0]))
        return;
    if (galley_reserve(&f->buf, &f->cap, f->n + 1, sizeof *f->buf) < 0)
        return;     /* stays pending: claimed after claim_idle */
    entry *x = &f->buf[f->n];
    memset(x, 0, sizeof *x);
    x->id = strdup(e->element[0]->str);
    x->deliveries = deliveries;
    const redisReply *kv = e->element[1];
    size_t names = 0;
    for (size_t i = 0; kv && kv->type == REDIS_REPLY_ARRAY && i + 1 < kv->elements; i += 2)
        if (is_str(kv->element[i])) {
            const char *k = kv->element[i]->str;
            if (!x->rec && !strcmp(k, f->field) && is_str(kv->element[i + 1])) {
                x->len = kv->element[i + 1]->len;
                x->rec = malloc(x->len + 1);
                if (x->rec)
                    memcpy(x->rec, kv->element[i + 1]->str, x->len + 1);
            }
            names += strlen(k) + 2;
        }
    x->fields = calloc(1, names + 1);
    for (size_t i = 0; x->fields && kv && kv->type == REDIS_REPLY_ARRAY
                       && i + 1 < kv->elements; i += 2)
        if (is_str(kv->element[i])) {
            if (*x->fields)
                strcat(x->fields, ", ");
            strcat(x->fields, kv->element[i]->str);
        }
    if (!x->id) {
        entry_free(x);
        return;
    }
    f->n++;
}

/* drops handed-out entries from the front so the buffer does not grow */
static void compact(rfetch *f)
{
    if (f->pos == 0)
        return;
    memmove(f->buf, f->buf + f->pos, (f->n - f->pos) * sizeof *f->buf);
    f->n -= f->pos;
    f->pos = 0;
}

/* ---- dead letters ---- */

static int dead_letter(rfetch *f, const char *entry_id, long long deliveries,
                       const char *doc_id, const char *error)
{
    char dl[32];
    snprintf(dl, sizeof dl, "%lld", deliveries);
    char fallback[160];
    snprintf(fallback, sizeof fallback, "delivered %lld times and never finished: the "
             "consumer died or was stopped each time (a crash? see its log)", deliveries);
    redisReply *rep = rconn_cmd(&f->r, "EVAL", DEAD_LETTER_LUA, "3", f->stream, f->dead,
                                f->errors, f->group, entry_id, error ? error : "", dl,
                                f->consumer, doc_id ? doc_id : "", fallback, (char *)NULL);
    int bad = failed(f, rep, "moving an entry to the dead-letter stream");
    if (!bad && rep->type == REDIS_REPLY_INTEGER && rep->integer == 1) {
        f->dead_lettered++;
        galley_warn("%s: stream '%s' entry %s moved to the dead-letter stream '%s' after "
                    "%lld deliveries%s%s", doc_id && *doc_id ? doc_id : entry_id, f->stream,
                    entry_id, f->dead, deliveries, error ? ": " : "", error ? error : "");
    }
    freeReplyObject(rep);
    return bad ? -1 : 0;
}

/* ---- claims and heartbeats ---- */

/* how many times an entry (now ours) has been delivered; 1 if unknown */
static long long deliveries_of(rfetch *f, const char *id)
{
    redisReply *rep = rconn_cmd(&f->r, "XPENDING", f->stream, f->group, id, id, "1",
                                (char *)NULL);
    long long n = 1;
    if (rep && rep->type == REDIS_REPLY_ARRAY && rep->elements == 1
        && rep->element[0]->type == REDIS_REPLY_ARRAY && rep->element[0]->elements >= 4)
        n = rep->element[0]->element[3]->integer;
    freeReplyObject(rep);
    return n;
}

/* Takes over entries pending longer than claim_idle (their consumer died, or
 * they failed and wait for another try); too often delivered ones go to the
 * dead-letter stream.  Returns how many were buffered. */
static size_t claim(rfetch *f)
{
    char idle[32], count[32];
    snprintf(idle, sizeof idle, "%lld", (long long)(f->claim_idle * 1000));
    snprintf(count, sizeof count, "%lld", f->count);
    redisReply *rep = rconn_cmd(&f->r, "XAUTOCLAIM", f->stream, f->group, f->consumer,
                                idle, f->cursor, "COUNT", count, (char *)NULL);
    size_t before = f->n;
    if (failed(f, rep, "XAUTOCLAIM") || rep->type != REDIS_REPLY_ARRAY || rep->elements < 2) {
        freeReplyObject(rep);
        return 0;
    }
    snprintf(f->cursor, sizeof f->cursor, "%s",
             is_str(rep->element[0]) ? rep->element[0]->str : "0-0");
    const redisReply *es = rep->element[1];
    for (size_t i = 0; es->type == REDIS_REPLY_ARRAY && i < es->elements; i++) {
        const redisReply *e = es->element[i];
        if (e->type != REDIS_REPLY_ARRAY || e->elements < 2 || !is_str(e->element[0]))
            continue;
        const char *id = e->element[0]->str;
        if (idset_has(&f->inflight, id) || buffered(f, id))
            continue;       /* ours and still in the pipeline */
        long long n = deliveries_of(f, id);
        if (e->element[1]->type != REDIS_REPLY_ARRAY || n > f->max_deliveries) {
            /* deleted from the stream while pending, or delivered enough */
            dead_letter(f, id, n, NULL, NULL);
            continue;
        }
        take_entry(f, e, n);
    }
    f->claimed += f->n - before;
    if (f->n > before)
        galley_warn("redis: claimed %zu entr%s of stream '%s' left pending over %.1f s (a consumer died, or they failed and are tried again)",
                    f->n - before, f->n - before == 1 ? "y" : "ies", f->stream,
                    f->claim_idle);
    freeReplyObject(rep);
    return f->n - before;
}

/* Resets the idle time of the entries this worker holds, so a document that
 * takes long is not claimed by another worker as if this one had died.  Only
 * entries still ours are touched (XPENDING first): never take one back. */
static void heartbeat(rfetch *f)
{
    if (f->inflight.n == 0 && f->pos == f->n)
        return;
    redisReply *own = rconn_cmd(&f->r, "XPENDING", f->stream, f->group, "-", "+", "100000",
                                f->consumer, (char *)NULL);
    if (failed(f, own, "XPENDING") || own->type != REDIS_REPLY_ARRAY) {
        freeReplyObject(own);
        return;
    }
    size_t argc = 0;
    const char **argv = malloc((own->elements + 7) * sizeof *argv);
    if (argv) {
        argv[argc++] = "XCLAIM";
        argv[argc++] = f->stream;
        argv[argc++] = f->group;
        argv[argc++] = f->consumer;
        argv[argc++] = "0";
        for (size_t i = 0; i < own->elements; i++) {
            const redisReply *p = own->element[i];
            if (p->type == REDIS_REPLY_ARRAY && p->elements >= 1 && is_str(p->element[0])
                && (idset_has(&f->inflight, p->element[0]->str)
                    || buffered(f, p->element[0]->str)))
                argv[argc++] = p->element[0]->str;
        }
        argv[argc++] = "JUSTID";
    }
    if (argv && argc > 6) {
        size_t *lens = malloc(argc * sizeof *lens);
        for (size_t i = 0; lens && i < argc; i++)
            lens[i] = strlen(argv[i]);
        redisReply *rep = lens ? rconn_argv(&f->r, (int)argc, argv, lens) : NULL;
        failed(f, rep, "XCLAIM (heartbeat)");
        freeReplyObject(rep);
        free(lens);
    }
    free(argv);
    freeReplyObject(own);
}

/* ---- reading ---- */

/* XREADGROUP of new entries, waiting up to block seconds; how many came */
static size_t read_new(rfetch *f)
{
    char count[32], block[32];
    snprintf(count, sizeof count, "%lld", f->count);
    snprintf(block, sizeof block, "%lld", (long long)(f->block * 1000));
    redisReply *rep = rconn_cmd(&f->r, "XREADGROUP", "GROUP", f->group, f->consumer,
                                "COUNT", count, "BLOCK", block, "STREAMS", f->stream, ">",
                                (char *)NULL);
    size_t before = f->n;
    if (!failed(f, rep, "XREADGROUP") && rep->type == REDIS_REPLY_ARRAY
        && rep->elements >= 1 && rep->element[0]->type == REDIS_REPLY_ARRAY
        && rep->element[0]->elements >= 2) {
        const redisReply *es = rep->element[0]->element[1];
        for (size_t i = 0; es->type == REDIS_REPLY_ARRAY && i < es->elements; i++)
            take_entry(f, es->element[i], 1);
    }
    freeReplyObject(rep);
    return f->n - before;
}

/* 1 when nothing is left to do for anyone: every document this worker
 * handed out is acknowledged (a failed one stays pending, to be tried
 * again), and no entry is pending anywhere in the group */
static int group_done(rfetch *f)
{
    if (f->inflight.n > 0)
        return 0;
    redisReply *rep = rconn_cmd(&f->r, "XPENDING", f->stream, f->group, (char *)NULL);
    int done = !failed(f, rep, "XPENDING") && rep->type == REDIS_REPLY_ARRAY
               && rep->elements >= 1 && rep->element[0]->type == REDIS_REPLY_INTEGER
               && rep->element[0]->integer == 0;
    freeReplyObject(rep);
    return done;
}

/* One buffered entry into doc */
static galley_status entry_doc(rfetch *f, entry *e, galley_doc *doc)
{
    galley_doc_set_token(doc, galley_doc_printf(doc, "%s %lld", e->id, e->deliveries));
    idset_add(&f->inflight, e->id);
    f->delivered++;
    fetch_jsonrec r = {
        .where = galley_doc_printf(doc, "stream '%s' entry %s", f->stream, e->id),
        .fallback_id = galley_doc_printf(doc, "%s/%s", f->stream, e->id),
        .empty = f->empty,
    };
    if (!e->rec) {
        galley_doc_set_id(doc, r.fallback_id);
        return galley_doc_fail(doc, "%s has no field '%s' (its fields: %s; set the "
                               "field option)", r.where, f->field,
                               e->fields && *e->fields ? e->fields : "none");
    }
    return fetch_jsonrec_doc(doc, e->rec, e->len, &r);
}

static galley_status redis_next(void *state, galley_doc *doc)
{
    rfetch *f = state;
    double now = rconn_now();
    if (now >= f->next_beat) {
        heartbeat(f);
        f->next_beat = now + f->claim_idle / 3;
    }
    if (f->pos == f->n) {
        compact(f);
        if (now >= f->next_claim) {
            /* a dead worker's entries come COUNT at a time: go on at once
             * while there are more, then look again in claim_idle / 2 */
            if (claim(f) == 0 && !strcmp(f->cursor, "0-0"))
                f->next_claim = now + (f->claim_idle / 2 < 5 ? f->claim_idle / 2 : 5);
        }
        if (f->pos == f->n && !galley_stopping())
            read_new(f);
    }
    if (f->pos < f->n) {
        f->last_work = rconn_now();
        entry *e = &f->buf[f->pos++];
        galley_status rc = entry_doc(f, e, doc);
        entry_free(e);
        return rc;
    }
    if (galley_stopping())
        return GALLEY_DONE;
    if (!f->r.c)
        return GALLEY_DONE;     /* gave up reconnecting: said why already */
    if (f->idle_exit > 0 && rconn_now() - f->last_work >= f->idle_exit && group_done(f))
        return GALLEY_DONE;
    return GALLEY_AGAIN;
}

/* ---- acknowledgements ---- */

/* the entry id and delivery count of a token "ID N"; 0 or -1 */
static int parse_token(const char *token, char *id, size_t cap, long long *deliveries)
{
    const char *sp = token ? strchr(token, ' ') : NULL;
    if (!sp || (size_t)(sp - token) >= cap)
        return -1;
    memcpy(id, token, (size_t)(sp - token));
    id[sp - token] = '\0';
    *deliveries = atoll(sp + 1);
    return 0;
}

/* XACK the ids in argv[3..argc); argv[0..2] are free for the command.
 * retried: some of them were delivered before, so may have an error
 * recorded, which is stale now. */
static int xack(rfetch *f, const char **argv, size_t argc, int retried)
{
    if (argc <= 3)
        return 0;
    argv[0] = "XACK";
    argv[1] = f->stream;
    argv[2] = f->group;
    size_t *lens = malloc(argc * sizeof *lens);
    if (!lens)
        return -1;
    for (size_t i = 0; i < argc; i++)
        lens[i] = strlen(argv[i]);
    redisReply *rep = rconn_argv(&f->r, (int)argc, argv, lens);
    int bad = failed(f, rep, "XACK");
    if (!bad)
        f->acked += (unsigned long long)rep->integer;
    freeReplyObject(rep);
    if (retried && !bad) {
        argv[1] = "HDEL";
        argv[2] = f->errors;
        lens[1] = 4;
        lens[2] = strlen(f->errors);
        freeReplyObject(rconn_argv(&f->r, (int)argc - 1, argv + 1, lens + 1));
    }
    free(lens);
    return bad ? -1 : 0;
}

/* A failed document: retried (by whoever claims it after claim_idle) until
 * it has been delivered max_deliveries times, then dead-lettered. */
static int nack(rfetch *f, const galley_ack *a, const char *id, long long deliveries)
{
    f->failed++;
    if (deliveries >= f->max_deliveries)
        return dead_letter(f, id, deliveries, a->id, a->error);
    redisReply *rep = rconn_cmd(&f->r, "HSET", f->errors, id,
                                a->error ? a->error : "failed", (char *)NULL);
    int bad = failed(f, rep, "HSET (the error of a failed entry)");
    freeReplyObject(rep);
    galley_info("%s: stream '%s' entry %s failed on delivery %lld of %lld; it is tried "
                "again after claim_idle = %g s", a->id, f->stream, id, deliveries,
                f->max_deliveries, f->claim_idle);
    return bad ? -1 : 0;
}

static galley_status redis_ack(void *state, const galley_ack *acks, size_t n)
{
    rfetch *f = state;
    const char **argv = malloc((n + 3) * sizeof *argv);
    char (*ids)[64] = malloc((n ? n : 1) * sizeof *ids);
    if (!argv || !ids) {
        free(argv);
        free(ids);
        galley_error("redis: out of memory acknowledging %zu documents", n);
        return GALLEY_ERROR;
    }
    size_t argc = 3;
    int bad = 0, retried = 0;
    f->in_ack = 1;
    for (size_t i = 0; i < n; i++) {
        long long deliveries;
        if (parse_token(acks[i].token, ids[i], sizeof ids[i], &deliveries) < 0)
            continue;   /* not one of ours */
        idset_remove(&f->inflight, ids[i]);
        if (acks[i].status == GALLEY_ERROR)
            bad |= nack(f, &acks[i], ids[i], deliveries);
        else
            argv[argc++] = ids[i];
        retried |= deliveries > 1;
    }
    bad |= xack(f, argv, argc, retried);
    free(argv);
    free(ids);
    f->in_ack = 0;
    return bad ? galley_stage_fail(f->st, "%s", f->lasterr) : GALLEY_OK;
}

/* ---- open and close ---- */

/* Entries read but never handed out (a stop came first) stay pending for
 * this consumer; their idle time is set past any claim_idle, so that the
 * other workers claim them at their next look instead of claim_idle later. */
static void release_unstarted(rfetch *f)
{
    size_t n = f->n - f->pos, argc = 0;
    if (n == 0 || !f->r.c)
        return;
    const char **argv = malloc((n + 8) * sizeof *argv);
    size_t *lens = malloc((n + 8) * sizeof *lens);
    /* idle for ~30 years: past any worker's claim_idle (theirs may differ) */
    const char *idle = "1000000000000";
    if (argv && lens) {
        const char *head[] = { "XCLAIM", f->stream, f->group, f->consumer, "0" };
        for (size_t i = 0; i < 5; i++)
            argv[argc++] = head[i];
        for (size_t i = f->pos; i < f->n; i++)
            argv[argc++] = f->buf[i].id;
        argv[argc++] = "IDLE";
        argv[argc++] = idle;
        argv[argc++] = "JUSTID";
        for (size_t i = 0; i < argc; i++)
            lens[i] = strlen(argv[i]);
        redisReply *rep = rconn_argv(&f->r, (int)argc, argv, lens);
        if (!failed(f, rep, "XCLAIM (releasing unstarted entries)"))
            galley_info("redis: %zu entr%s read but not started left for the other "
                        "workers", n, n == 1 ? "y" : "ies");
        freeReplyObject(rep);
    }
    free(argv);
    free(lens);
}

static galley_status redis_close(void *state)
{
    rfetch *f = state;
    if (!f)
        return GALLEY_OK;
    if (f->delivered)
        galley_info("redis: stream '%s': %llu delivered, %llu acknowledged, %llu failed, "
                    "%llu claimed, %llu dead-lettered", f->stream, f->delivered, f->acked,
                    f->failed, f->claimed, f->dead_lettered);
    release_unstarted(f);
    /* a consumer with nothing pending leaves the group; one with pending
     * entries stays so that they can be claimed (DELCONSUMER would drop them) */
    redisReply *rep = f->r.c ? rconn_cmd(&f->r, "XPENDING", f->stream, f->group, "-", "+",
                                         "1", f->consumer, (char *)NULL) : NULL;
    if (rep && rep->type == REDIS_REPLY_ARRAY && rep->elements == 0) {
        freeReplyObject(rep);
        rep = rconn_cmd(&f->r, "XGROUP", "DELCONSUMER", f->stream, f->group, f->consumer,
                        (char *)NULL);
    }
    freeReplyObject(rep);
    for (size_t i = f->pos; i < f->n; i++)
        entry_free(&f->buf[i]);
    free(f->buf);
    idset_free(&f->inflight);
    rconn_close(&f->r);
    free(f->dead);
    free(f->errors);
    free(f->consumer);
    free(f);
    return GALLEY_OK;
}

/* the group, created with the stream when missing; 0 or -1 (message in err) */
static int ensure_group(rfetch *f, const char *start, char *err, size_t len)
{
    redisReply *rep = rconn_cmd(&f->r, "XGROUP", "CREATE", f->stream, f->group, start,
                                "MKSTREAM", (char *)NULL);
    int rc = 0;
    if (!rep) {
        snprintf(err, len, "%s", f->r.err);
        rc = -1;
    } else if (rep->type == REDIS_REPLY_ERROR && strncmp(rep->str, "BUSYGROUP", 9) != 0) {
        snprintf(err, len, "Redis at %s:%d: cannot create the group '%s' of stream '%s': %s",
                 f->r.host, f->r.port, f->group, f->stream, rep->str);
        rc = -1;
    }
    freeReplyObject(rep);
    return rc;
}

static char *xasprintf2(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 1;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s%s", a, b);
    return s;
}

static galley_status redis_open(galley_stage *st, void **state)
{
    rfetch *f = calloc(1, sizeof *f);
    if (!f)
        return galley_stage_fail(st, "out of memory");
    f->st = st;
    f->stream = galley_opt_str(st, "stream");
    f->group = galley_opt_str(st, "group");
    f->field = galley_opt_str(st, "field");
    f->count = galley_opt_int(st, "count");
    f->block = galley_opt_float(st, "block");
    f->idle_exit = galley_opt_float(st, "idle_exit");
    f->claim_idle = galley_opt_float(st, "claim_idle");
    f->max_deliveries = galley_opt_int(st, "max_deliveries");
    f->empty = fetch_empty_mode(galley_opt_str(st, "empty"));
    const char *dead = galley_opt_str(st, "dead_letter");
    f->dead = *dead ? strdup(dead) : xasprintf2(f->stream, ":dead");
    f->errors = xasprintf2(f->stream, ":errors");
    const char *consumer = galley_opt_str(st, "consumer");
    if (*consumer) {
        f->consumer = strdup(consumer);
    } else {
        char host[256] = "localhost", pid[32];
        gethostname(host, sizeof host - 1);
        snprintf(pid, sizeof pid, ":%ld", (long)getpid());
        f->consumer = xasprintf2(host, pid);
    }
    snprintf(f->cursor, sizeof f->cursor, "0-0");
    char err[600];
    if (!f->dead || !f->errors || !f->consumer) {
        redis_close(f);
        return galley_stage_fail(st, "out of memory");
    }
    int rc = rconn_open(&f->r, st);
    f->r.extra = f->block;
    if (rc < 0 || ensure_group(f, galley_opt_str(st, "start"), err, sizeof err) < 0) {
        if (rc < 0)
            snprintf(err, sizeof err, "%s", f->r.err);
        redis_close(f);
        return galley_stage_fail(st, "%s", err);
    }
    f->last_work = rconn_now();
    galley_debug("redis: consumer '%s' of group '%s' on stream '%s' at %s:%d", f->consumer,
                 f->group, f->stream, f->r.host, f->r.port);
    *state = f;
    return GALLEY_OK;
}

GALLEY_PLUGIN(redis,
    .kind = GALLEY_FETCH,
    .summary = "read JSON records from a Redis stream as one consumer of a group "
               "(at-least-once, with claims of dead workers' entries and a dead-letter stream)",
    .version = "1.0",
    .license = "MIT",
    .options = redis_options,
    .provides = "charset",
    .open = redis_open, .next = redis_next, .close = redis_close,
    .ack = redis_ack);
