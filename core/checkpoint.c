/* core/checkpoint.c - checkpoints (ABI 1.1): the output thread collects what
 * happened to each document, flushes every output every checkpoint_docs
 * documents or checkpoint_seconds, and hands the batch to the fetch thread,
 * which acknowledges it to the fetch plugin and records it in the state file.
 * Flush before ack: an acknowledged document is durable in every output. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct galley__ackbatch {
    galley_ack *acks;
    char **versions;            /* per ack: the doc's content version, or NULL */
    size_t n, cap;
    char **marks;               /* per output stage: its mark, or NULL */
    size_t nmarks;
    galley__ackbatch *next;     /* the engine's hand-off queue */
};

struct galley__ckpt {
    const galley_pipeline *p;
    galley_stage *fetch;
    galley_stage *outs;
    size_t nouts;
    galley__state *state;       /* NULL without --state */
    galley__ackbatch *pending;  /* output thread: since the last checkpoint */
    double last;                /* when the last checkpoint was */
};

static galley__ackbatch *batch_new(size_t nouts)
{
    galley__ackbatch *b = galley__xcalloc(1, sizeof *b);
    b->nmarks = nouts;
    b->marks = galley__xcalloc(nouts + 1, sizeof *b->marks);
    return b;
}

static char *dup_or_null(const char *s)
{
    return s && *s ? galley__xstrdup(s) : NULL;
}

void galley__ackbatch_free(galley__ackbatch *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->n; i++) {
        free((char *)b->acks[i].id);
        free((char *)b->acks[i].token);
        free((char *)b->acks[i].error);
        free(b->versions[i]);
    }
    for (size_t i = 0; i < b->nmarks; i++)
        free(b->marks[i]);
    free(b->acks);
    free(b->versions);
    free(b->marks);
    free(b);
}

galley__ckpt *galley__ckpt_new(const galley_pipeline *p, galley_stage *fetch,
                               galley_stage *outs, size_t nouts, galley__state *state)
{
    galley__ckpt *ck = galley__xcalloc(1, sizeof *ck);
    ck->p = p;
    ck->fetch = fetch;
    ck->outs = outs;
    ck->nouts = nouts;
    ck->state = state;
    ck->pending = batch_new(nouts);
    ck->last = galley__now();
    return ck;
}

void galley__ckpt_free(galley__ckpt *ck)
{
    if (!ck)
        return;
    galley__ackbatch_free(ck->pending);
    free(ck);
}

void galley__ckpt_add(galley__ckpt *ck, const galley_doc *doc, galley_status status,
                      const galley_stageconf *failed_at)
{
    galley__ackbatch *b = ck->pending;
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        b->acks = galley__xrealloc(b->acks, b->cap * sizeof *b->acks);
        b->versions = galley__xrealloc(b->versions, b->cap * sizeof *b->versions);
    }
    galley_ack *a = &b->acks[b->n];
    a->id = galley__xstrdup(galley_doc_id(doc));
    a->token = dup_or_null(galley_doc_token(doc));
    a->status = status;
    a->error = NULL;
    if (status == GALLEY_ERROR)
        a->error = galley__xasprintf("stage '%s' (%s): %s", failed_at->name,
                                     failed_at->plugin->name, galley_doc_error(doc));
    b->versions[b->n] = dup_or_null(galley_doc_version(doc));
    b->n++;
}

size_t galley__ckpt_pending(const galley__ckpt *ck)
{
    return ck->pending->n;
}

double galley__ckpt_deadline(const galley__ckpt *ck)
{
    long secs = ck->p->checkpoint_seconds;
    return secs > 0 && ck->pending->n > 0 ? ck->last + (double)secs : 0;
}

int galley__ckpt_due(const galley__ckpt *ck, double now)
{
    const galley_pipeline *p = ck->p;
    size_t n = ck->pending->n;
    if (n == 0)
        return 0;
    if (p->checkpoint_docs > 0 && n >= (size_t)p->checkpoint_docs)
        return 1;
    return p->checkpoint_seconds > 0 && now - ck->last >= (double)p->checkpoint_seconds;
}

/* The documents this output took since the last checkpoint are lost: each
 * one acknowledged as written becomes a failure. */
static unsigned long long lose_pending(galley__ckpt *ck, const galley_stage *st,
                                       const char *why)
{
    galley__ackbatch *b = ck->pending;
    unsigned long long lost = 0;
    const char *first = NULL;
    for (size_t i = 0; i < b->n; i++) {
        galley_ack *a = &b->acks[i];
        if (a->status != GALLEY_OK)
            continue;
        if (!first)
            first = a->id;
        a->status = GALLEY_ERROR;
        a->error = galley__xasprintf("stage '%s' (%s): not made durable: %s", st->conf->name,
                                     st->conf->plugin->name, why);
        lost++;
    }
    if (lost)
        galley_error("stage '%s' (%s): checkpoint failed: %s; the %llu document(s) written "
                     "since the last checkpoint (from %s) count as failed",
                     st->conf->name, st->conf->plugin->name, why, lost, first);
    else
        galley_error("stage '%s' (%s): checkpoint failed: %s", st->conf->name,
                     st->conf->plugin->name, why);
    return lost;
}

unsigned long long galley__ckpt_flush_outputs(galley__ckpt *ck)
{
    unsigned long long lost = 0;
    for (size_t i = 0; i < ck->nouts; i++) {
        galley_stage *st = &ck->outs[i];
        galley_status (*flush)(void *) = GALLEY__PLUGIN_FIELD(st->conf->plugin, flush);
        if (!st->opened || !flush)
            continue;
        free(st->mark);
        st->mark = NULL;
        if (flush(st->state) == GALLEY_OK) {
            ck->pending->marks[i] = dup_or_null(st->mark);
            continue;
        }
        lost += lose_pending(ck, st, st->error ? st->error : "flush() failed without saying why");
        free(st->error);
        st->error = NULL;
    }
    return lost;
}

galley__ackbatch *galley__ckpt_take(galley__ckpt *ck)
{
    galley__ackbatch *b = ck->pending;
    ck->pending = batch_new(ck->nouts);
    ck->last = galley__now();
    return b;
}

/* fetch thread: between next() calls */
void galley__ckpt_deliver(galley__ckpt *ck, galley__ackbatch *b)
{
    galley_stage *f = ck->fetch;
    galley_status (*ack)(void *, const galley_ack *, size_t) =
        GALLEY__PLUGIN_FIELD(f->conf->plugin, ack);
    if (ack && f->opened && b->n > 0 && ack(f->state, b->acks, b->n) != GALLEY_OK) {
        galley_error("stage '%s' (%s): cannot acknowledge %zu document(s) (from %s): %s; "
                     "they may be delivered again", f->conf->name, f->conf->plugin->name,
                     b->n, b->acks[0].id, f->error ? f->error : "ack() failed without saying why");
        free(f->error);
        f->error = NULL;
    }
    if (ck->state)
        galley__state_commit(ck->state, b->acks, b->versions, b->n, ck->outs,
                             b->marks, b->nmarks);
}

void galley__ackq_push(galley__ackbatch **q, galley__ackbatch *b)
{
    while (*q)
        q = &(*q)->next;
    b->next = NULL;
    *q = b;
}

galley__ackbatch *galley__ackq_pop(galley__ackbatch **q)
{
    galley__ackbatch *b = *q;
    if (b)
        *q = b->next;
    return b;
}
