/* tests/core/plugins/acklog.c - test fetch plugin (ABI 1.1): makes `count`
 * documents with ack tokens, returns GALLEY_AGAIN between them when asked
 * (like a stream read that timed out), fails every `fail_every`th in fetch,
 * and appends each ack it gets to `log` as "ID TOKEN STATUS ERROR", one
 * batch per "--" line, with how many documents were fetched by then. */
#include <galley/galley.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const galley_option options[] = {
    { GALLEY_OPT_INT, "count", "10", 0, 0, 1000000, "documents to make", NULL },
    { GALLEY_OPT_STRING, "log", NULL, GALLEY_OPT_REQUIRED | GALLEY_OPT_PATH, 0, 0,
      "file the acks are appended to", NULL },
    { GALLEY_OPT_INT, "again", "0", 0, 0, 1000000,
      "return GALLEY_AGAIN this many times before each document", NULL },
    { GALLEY_OPT_INT, "again_ms", "0", 0, 0, 10000, "sleep this long in each GALLEY_AGAIN", NULL },
    { GALLEY_OPT_INT, "fail_every", "0", 0, 0, 1000000, "fail every Nth document in fetch", NULL },
    { 0 }
};

typedef struct acklog {
    long long count, made, again, again_left, again_ms, fail_every;
    FILE *log;
} acklog;

static galley_status al_open(galley_stage *st, void **state)
{
    acklog *a = calloc(1, sizeof *a);
    if (!a)
        return galley_stage_fail(st, "out of memory");
    a->count = galley_opt_int(st, "count");
    a->again = a->again_left = galley_opt_int(st, "again");
    a->again_ms = galley_opt_int(st, "again_ms");
    a->fail_every = galley_opt_int(st, "fail_every");
    a->log = fopen(galley_opt_str(st, "log"), "a");
    if (!a->log) {
        free(a);
        return galley_stage_fail(st, "cannot open the ack log");
    }
    *state = a;
    return GALLEY_OK;
}

static galley_status al_next(void *state, galley_doc *doc)
{
    acklog *a = state;
    if (a->made == a->count)
        return GALLEY_DONE;
    if (a->again_left > 0) {
        a->again_left--;
        struct timespec ts = { a->again_ms / 1000, (a->again_ms % 1000) * 1000000L };
        nanosleep(&ts, NULL);
        return GALLEY_AGAIN;
    }
    a->again_left = a->again;
    long long n = ++a->made;
    char id[32], tok[32], text[64];
    snprintf(id, sizeof id, "doc%lld", n);
    snprintf(tok, sizeof tok, "tok-%lld", n);
    snprintf(text, sizeof text, "Document number %lld.", n);
    galley_doc_set_id(doc, id);
    galley_doc_set_token(doc, tok);
    if (a->fail_every && n % a->fail_every == 0)
        return galley_doc_fail(doc, "fetch fails %s on purpose", id);
    galley_doc_set_text(doc, text, strlen(text));
    return GALLEY_OK;
}

static galley_status al_ack(void *state, const galley_ack *acks, size_t n)
{
    acklog *a = state;
    static const char *const names[] = { "OK", "SKIP", "ERROR" };
    for (size_t i = 0; i < n; i++)
        fprintf(a->log, "%s %s %s %s\n", acks[i].id, acks[i].token ? acks[i].token : "-",
                acks[i].status <= GALLEY_ERROR ? names[acks[i].status] : "?",
                acks[i].error ? acks[i].error : "-");
    fprintf(a->log, "-- fetched %lld\n", a->made);
    fflush(a->log);
    return GALLEY_OK;
}

static galley_status al_close(void *state)
{
    acklog *a = state;
    fclose(a->log);
    free(a);
    return GALLEY_OK;
}

GALLEY_PLUGIN(acklog, .kind = GALLEY_FETCH,
              .summary = "test: numbered documents with ack tokens; logs its acks",
              .options = options, .open = al_open, .next = al_next, .ack = al_ack,
              .close = al_close);
