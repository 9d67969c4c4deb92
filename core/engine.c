/* core/engine.c - runs a pipeline: fetch (one thread) -> bounded queue -> N
 * workers running the transforms -> reorder window -> outputs (the calling
 * thread), so output order is fetch order whatever the worker count, and
 * memory is bounded by the documents in flight, never by the corpus. */
#include "config.h"

#include <pthread.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

static volatile sig_atomic_t stop_requested;

void galley__request_stop(void) { stop_requested = 1; }
int galley_stopping(void) { return stop_requested != 0; }

typedef struct item {
    galley_doc *doc;
    galley_status status;   /* OK, SKIP or ERROR after the transforms */
    size_t stage;           /* the stage that skipped or failed it */
} item;

typedef struct stat_row {
    unsigned long long ok, skipped, failed;
    double seconds;
} stat_row;

enum { OUTPUT_NAPS = 1, OUTPUT_SLEEPS = 2 };

typedef struct engine {
    const galley_pipeline *p;
    size_t first_out;           /* index of the first output stage */
    int workers;
    galley_stage *fetch;        /* one instance */
    galley_stage **work;        /* [worker][stage] for the transforms */
    galley_stage *outs;         /* one instance per output stage */
    galley__isolate *iso;       /* isolate = true: transforms in worker processes */
    stat_row **wstats;          /* [worker][stage] */
    stat_row *stats;            /* fetch and output rows, then merged */

    /* one lock; a condition per waiter, so each handoff wakes only the
     * thread that can go on (a broadcast to all cost a third of the time
     * of a dir -> jsonl run) */
    pthread_mutex_t lock;
    pthread_cond_t work_ready;      /* workers: the queue has a document (or a batch) */
    pthread_cond_t next_done;       /* output: the next document in order is done */
    pthread_cond_t space;           /* fetch: fewer than window in flight */
    item **queue;               /* work queue ring */
    size_t qhead, qlen;
    size_t wake_batch;          /* queued documents that wake a napping worker */
    int napping, sleeping;      /* workers waiting for work: briefly, or until woken */
    item **done;                /* reorder ring, indexed by seq % window */
    size_t window;              /* documents in flight at most */
    size_t refill;              /* a blocked fetch waits for this many free */
    int fetch_waits;            /* the fetch thread waits for space */
    size_t batch;               /* documents done in order that wake the output */
    int output_waits;           /* the output thread waits: OUTPUT_NAPS or _SLEEPS */
    unsigned long long fetched, emitted;
    int fetch_over;
    int aborted;                /* on_error = "abort" fired */
    galley__ckpt *ck;           /* checkpoints: flush outputs, then ack */
    galley__state *state;       /* --state: skip what is done, record acks */
    unsigned long long unchanged;   /* fetch thread: skipped as done before */
    int fetch_complete;         /* the fetch said DONE (not stopped) */
    galley__ackbatch *acks_ready;   /* flushed, for the fetch thread to ack */
    int output_over;            /* the last batch is queued */
} engine;

static void run_stage(galley_stage *st, galley_doc *doc, stat_row *row, item *it, size_t idx)
{
    galley_status s = galley__stage_process(st, doc, &row->seconds);
    if (s == GALLEY_OK) {
        row->ok++;
        return;
    }
    if (s == GALLEY_SKIP)
        row->skipped++;
    else
        row->failed++;
    it->status = s;
    it->stage = idx;
}

/* isolate = true: the same transforms, in worker w's process (core/isolate.c) */
static void run_isolated(engine *E, int w, item *it)
{
    double *secs = galley__xcalloc(E->first_out, sizeof *secs);
    size_t stage = 0;
    galley_status s = galley__isolate_process(E->iso, w, &it->doc, &stage, secs);
    for (size_t i = 1; i < E->first_out; i++) {
        stat_row *row = &E->wstats[w][i];
        row->seconds += secs[i];
        if (s == GALLEY_OK || i < stage)
            row->ok++;
        else if (i == stage)
            *(s == GALLEY_SKIP ? &row->skipped : &row->failed) += 1;
    }
    free(secs);
    if (s != GALLEY_OK) {
        it->status = s;
        it->stage = stage;
    }
}

static void run_transforms(engine *E, int w, item *it)
{
    if (it->status != GALLEY_OK)
        return;
    if (E->iso) {
        run_isolated(E, w, it);
        return;
    }
    for (size_t i = 1; i < E->first_out && it->status == GALLEY_OK; i++)
        run_stage(&E->work[w][i], it->doc, &E->wstats[w][i], it, i);
}

/* Outputs with a prepare() step (ABI 1.2) build their records here, in the
 * worker: the output thread then only writes bytes, in order.  Time and
 * failures go to the output stage's row of this worker. */
static void prepare_outputs(engine *E, int w, item *it)
{
    for (size_t i = E->first_out; i < E->p->nstages && it->status == GALLEY_OK; i++) {
        const galley_plugin *op = E->p->stages[i].plugin;
        galley_status (*prep)(void *, galley_doc *) = GALLEY__PLUGIN_FIELD(op, prepare);
        if (!prep)
            continue;
        stat_row *row = &E->wstats[w][i];
        galley__doc_select_output(it->doc, i - E->first_out);
        double t0 = galley__now();
        galley_status s = prep(E->outs[i - E->first_out].state, it->doc);
        row->seconds += galley__now() - t0;
        if (s == GALLEY_OK)
            continue;
        if (!galley_doc_error(it->doc))
            galley_doc_fail(it->doc, "prepare failed without saying why (a plugin bug)");
        row->failed++;
        it->status = GALLEY_ERROR;
        it->stage = i;
    }
}

/* ---- fetch thread ---- */

/* Acks every flushed batch; called and returns with E->lock held. */
static void deliver_acks(engine *E)
{
    galley__ackbatch *b;
    while ((b = galley__ackq_pop(&E->acks_ready))) {
        pthread_mutex_unlock(&E->lock);
        galley__ckpt_deliver(E->ck, b);
        galley__ackbatch_free(b);
        pthread_mutex_lock(&E->lock);
    }
}

/* NULL at the end; *again set when the plugin had nothing yet */
static item *fetch_one(engine *E, unsigned long long seq, int *again)
{
    const galley_plugin *fp = E->fetch->conf->plugin;
    stat_row *row = &E->stats[0];
    item *it = galley__xcalloc(1, sizeof *it);
    it->doc = galley_doc_new();
    galley__doc_set_seq(it->doc, seq);
    double t0 = galley__now();
    galley_status s = fp->next(E->fetch->state, it->doc);
    row->seconds += galley__now() - t0;
    *again = s == GALLEY_AGAIN;
    if (s == GALLEY_OK && E->state && *galley_doc_id(it->doc) &&
        galley__state_unchanged(E->state, galley_doc_id(it->doc), galley_doc_version(it->doc))) {
        E->unchanged++;     /* done by an earlier run: nothing to queue */
        *again = 1;
    }
    if (s == GALLEY_DONE || *again) {
        galley_doc_free(it->doc);
        free(it);
        return NULL;
    }
    if (s == GALLEY_OK) {
        row->ok++;
    } else if (s == GALLEY_SKIP) {
        row->skipped++;
        it->status = GALLEY_SKIP;
    } else {
        row->failed++;
        it->status = GALLEY_ERROR;
        if (!galley_doc_error(it->doc))
            galley_doc_fail(it->doc, "fetch failed without saying why (a plugin bug)");
    }
    return it;
}

static void stop_signals(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGTERM);
}

/* A document was queued: wake a worker if one is needed now.  Workers that
 * ran out of work nap (see wait_for_work), and one is woken only once a
 * batch is queued: woken for every document, the workers behind a fast
 * source (stdin -> jsonl: a document every few microseconds) slept and woke
 * once per document, a context switch each, a third of the run's CPU.  A
 * worker asleep past its nap is woken at once, so the first document after
 * a quiet spell waits for nobody.  Called with E->lock held. */
static void wake_worker(engine *E)
{
    if (E->qlen >= E->wake_batch || (E->sleeping > 0 && E->napping == 0))
        pthread_cond_signal(&E->work_ready);
}

static void *fetch_main(void *arg)
{
    engine *E = arg;
    /* Only this thread takes SIGINT/SIGTERM, so a fetch blocked in read()
     * (stdin, a slow server) returns EINTR and sees galley_stopping(). */
    sigset_t set;
    stop_signals(&set);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    for (unsigned long long seq = 0;;) {
        pthread_mutex_lock(&E->lock);
        deliver_acks(E);
        /* once the window is full, wait until a batch of slots is free:
         * woken for every emitted document, the fetch thread would preempt
         * a worker once per document when every core is busy */
        if (E->fetched - E->emitted >= E->window) {
            E->fetch_waits = 1;
            while (!stop_requested && E->fetched - E->emitted > E->window - E->refill) {
                pthread_cond_wait(&E->space, &E->lock);
                deliver_acks(E);
            }
            E->fetch_waits = 0;
        }
        pthread_mutex_unlock(&E->lock);
        if (stop_requested)
            break;
        int again;
        item *it = fetch_one(E, seq, &again);
        if (again)
            continue;       /* nothing fetched: the number is still free */
        if (!it) {
            E->fetch_complete = !stop_requested;
            break;
        }
        pthread_mutex_lock(&E->lock);
        E->queue[(E->qhead + E->qlen++) % E->window] = it;
        E->fetched++;
        seq++;
        wake_worker(E);
        pthread_mutex_unlock(&E->lock);
    }
    pthread_mutex_lock(&E->lock);
    E->fetch_over = 1;
    pthread_cond_broadcast(&E->work_ready);
    pthread_cond_signal(&E->next_done);
    /* the acks of the documents still in flight, up to the last checkpoint */
    for (;;) {
        deliver_acks(E);
        if (E->output_over)
            break;
        pthread_cond_wait(&E->space, &E->lock);
    }
    pthread_mutex_unlock(&E->lock);
    return NULL;
}

/* ---- workers ---- */

typedef struct worker_arg {
    engine *E;
    int w;
} worker_arg;

/* Whether to wake the output thread: a batch of documents is done in order,
 * or (when it sleeps past its nap) it is all there will be for now (nothing
 * queued, or the fetch is over), so a slow source's documents still go out
 * at once.  Waking it for every document makes it preempt a worker once
 * per document when every core is busy.  Called with E->lock held. */
static int output_has_work(const engine *E)
{
    if (!E->done[E->emitted % E->window])
        return 0;
    if (E->output_waits == OUTPUT_SLEEPS && (E->qlen == 0 || E->fetch_over))
        return 1;
    size_t run = 1;
    while (run < E->batch && E->done[(E->emitted + run) % E->window])
        run++;
    return run >= E->batch;
}

/* How long a worker that ran out of work waits for a batch before it
 * sleeps until woken: the most a document of a slow source waits for a
 * worker (and the nap ends sooner once a batch is queued) */
#define NAP_SECONDS 0.001

static struct timespec deadline_in(double seconds)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    double whole;
    double frac = modf(seconds, &whole);
    ts.tv_sec += (time_t)whole;
    ts.tv_nsec += (long)(frac * 1e9);
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    return ts;
}

/* Waits until a document is queued or the fetch is over: a nap first,
 * then sleep (wake_worker says why).  Called with E->lock held. */
static void wait_for_work(engine *E)
{
    int napped = 0;
    while (E->qlen == 0 && !E->fetch_over) {
        if (!napped) {
            struct timespec ts = deadline_in(NAP_SECONDS);
            E->napping++;
            pthread_cond_timedwait(&E->work_ready, &E->lock, &ts);
            E->napping--;
            napped = 1;
        } else {
            E->sleeping++;
            pthread_cond_wait(&E->work_ready, &E->lock);
            E->sleeping--;
        }
    }
}

/* A worker's loop: the document it finished is published and the next
 * one taken under one lock. */
static void *worker_main(void *arg)
{
    worker_arg *wa = arg;
    engine *E = wa->E;
    item *finished = NULL;
    pthread_mutex_lock(&E->lock);
    for (;;) {
        if (finished) {
            E->done[galley_doc_seq(finished->doc) % E->window] = finished;
            if (E->output_waits && output_has_work(E))
                pthread_cond_signal(&E->next_done);
        }
        wait_for_work(E);
        if (E->qlen == 0)
            break;
        item *it = E->queue[E->qhead];
        E->qhead = (E->qhead + 1) % E->window;
        E->qlen--;
        pthread_mutex_unlock(&E->lock);

        run_transforms(E, wa->w, it);
        prepare_outputs(E, wa->w, it);
        finished = it;
        pthread_mutex_lock(&E->lock);
    }
    pthread_mutex_unlock(&E->lock);
    return NULL;
}

/* ---- output (calling thread) ---- */

typedef struct totals {
    unsigned long long docs, failed, skipped, deleted;
    int checkpoint_failed;
} totals;

static void report_failure(const engine *E, const item *it)
{
    const galley_stageconf *c = &E->p->stages[it->stage];
    const char *id = galley_doc_id(it->doc);
    if (*id)
        galley_log(GALLEY_LOG_ERROR, "%s: stage '%s' (%s): %s", id, c->name, c->plugin->name,
                   galley_doc_error(it->doc));
    else
        galley_log(GALLEY_LOG_ERROR, "document #%llu: stage '%s' (%s): %s",
                   galley_doc_seq(it->doc) + 1, c->name, c->plugin->name,
                   galley_doc_error(it->doc));
}

/* An output said its destination is gone (galley_stage_stop_run): one
 * message, then the run ends as on_error = "abort" ends it, so a closed
 * pipe (galley run | head) is not one error per document still to come. */
static int output_gone(engine *E, const galley_stage *st)
{
    if (!st->stop_run)
        return 0;
    galley_error("stage '%s' (%s): %s; stopping the run", st->conf->name,
                 st->conf->plugin->name, st->stop_run);
    stop_requested = 1;
    E->aborted = 1;
    return 1;
}

static void emit(engine *E, item *it, totals *t)
{
    /* after an abort, documents still in flight are dropped, not output */
    if (E->aborted)
        return;
    t->docs++;
    int gone = 0;
    for (size_t i = E->first_out; i < E->p->nstages && it->status == GALLEY_OK; i++) {
        galley__doc_select_output(it->doc, i - E->first_out);
        run_stage(&E->outs[i - E->first_out], it->doc, &E->stats[i], it, i);
        gone |= output_gone(E, &E->outs[i - E->first_out]);
    }
    if (gone) {
        t->failed++;    /* the message above stands for its own */
    } else if (it->status == GALLEY_ERROR) {
        t->failed++;
        report_failure(E, it);
        if (E->p->abort_on_error && !stop_requested) {
            galley_error("stopping after the first failure (on_error = \"abort\")");
            stop_requested = 1;
            E->aborted = 1;
        }
    } else if (it->status == GALLEY_SKIP) {
        t->skipped++;
    }
    galley__ckpt_add(E->ck, it->doc, it->status, &E->p->stages[it->stage]);
}

/* Flushes every output, then hands the batch to the fetch thread to ack. */
static void checkpoint(engine *E, totals *t, int last)
{
    unsigned long long lost = galley__ckpt_flush_outputs(E->ck);
    if (lost) {
        t->failed += lost;
        t->checkpoint_failed = 1;
    }
    galley__ackbatch *b = galley__ckpt_take(E->ck);
    pthread_mutex_lock(&E->lock);
    galley__ackq_push(&E->acks_ready, b);
    E->output_over = last;
    pthread_cond_signal(&E->space);
    pthread_mutex_unlock(&E->lock);
}

/* Waits for the next document in order: a nap first (nap = 1), as workers
 * do (wait_for_work), then until woken; with checkpoint_seconds and
 * documents waiting for their ack, only until the checkpoint is due, so a
 * quiet source (a stream) still gets its acks.  Called with E->lock held. */
static void wait_next(engine *E, int nap)
{
    double due = galley__ckpt_deadline(E->ck);
    double left = due > 0 ? due - galley__now() : NAP_SECONDS;
    if (left <= 0)
        return;
    E->output_waits = nap ? OUTPUT_NAPS : OUTPUT_SLEEPS;
    if (nap || due > 0) {
        struct timespec ts = deadline_in(nap && left > NAP_SECONDS ? NAP_SECONDS : left);
        pthread_cond_timedwait(&E->next_done, &E->lock, &ts);
    } else {
        pthread_cond_wait(&E->next_done, &E->lock);
    }
    E->output_waits = 0;
}

/* Takes the documents done in order, as many as there are in a row, into
 * run[] (one lock for the lot: taking them one by one, the output thread
 * met the workers at the lock twice per document).  0: none yet (a
 * checkpoint is due) or, with *over set, the run is over.  Called with
 * E->lock held. */
static size_t take_run(engine *E, item **run, int *over)
{
    int napped = 0;
    *over = 0;
    while (!E->done[E->emitted % E->window]) {
        if (E->fetch_over && E->emitted == E->fetched) {
            *over = 1;
            return 0;
        }
        if (galley__ckpt_due(E->ck, galley__now()))
            return 0;
        wait_next(E, !napped);
        napped = 1;
    }
    size_t n = 0;
    item **slot;
    while (n < E->window && *(slot = &E->done[(E->emitted + n) % E->window])) {
        run[n++] = *slot;
        *slot = NULL;
    }
    return n;
}

static void output_loop(engine *E, totals *t, int progress)
{
    double start = galley__now(), last = start;
    item **run = galley__xcalloc(E->window, sizeof *run);
    for (;;) {
        int over;
        pthread_mutex_lock(&E->lock);
        size_t n = take_run(E, run, &over);
        pthread_mutex_unlock(&E->lock);
        if (over)
            break;
        if (n == 0) {
            checkpoint(E, t, 0);
            continue;
        }
        for (size_t k = 0; k < n; k++) {
            emit(E, run[k], t);
            galley_doc_free(run[k]->doc);
            free(run[k]);
            if (galley__ckpt_due(E->ck, galley__now()))
                checkpoint(E, t, 0);
        }
        pthread_mutex_lock(&E->lock);
        E->emitted += n;
        if (E->fetch_waits && E->fetched - E->emitted <= E->window - E->refill)
            pthread_cond_signal(&E->space);
        pthread_mutex_unlock(&E->lock);
        double now = galley__now();
        if (progress && now - last >= 0.25) {
            last = now;
            galley__progress("%llu docs, %llu failed, %.0f docs/s", t->docs, t->failed,
                             (double)t->docs / (now - start));
        }
    }
    free(run);
    if (progress)
        galley__progress_end();
}

/* ---- open and close ---- */

/* The transforms are opened by as many threads as there are workers: a
 * stage's start (loading its data files: entities and keyphrases take most
 * of it) is time the workers wait, and two stages load at once.  Worker 0's
 * copies come first, each by whichever thread is free; another worker's copy
 * of a stage only once worker 0's is open, so a plugin's first open (global
 * set-up, shared data) still comes before its others. */
typedef struct opener {
    engine *E;
    pthread_mutex_t lock;
    pthread_cond_t opened;
    size_t next, total;         /* jobs handed out: worker * transforms + stage */
    unsigned char *first_open;  /* worker 0's copy of stage i is open */
    int failed;
} opener;

static void *open_transforms(void *arg)
{
    opener *o = arg;
    engine *E = o->E;
    size_t per = E->first_out - 1;
    pthread_mutex_lock(&o->lock);
    while (!o->failed && o->next < o->total) {
        size_t job = o->next++;
        int w = (int)(job / per);
        size_t i = 1 + job % per;
        while (w > 0 && !o->first_open[i] && !o->failed)
            pthread_cond_wait(&o->opened, &o->lock);
        if (o->failed)
            break;
        pthread_mutex_unlock(&o->lock);
        int rc = galley__stage_open(&E->work[w][i], &E->p->stages[i], w, E->workers);
        pthread_mutex_lock(&o->lock);
        if (rc < 0)
            o->failed = 1;
        else if (w == 0)
            o->first_open[i] = 1;
        pthread_cond_broadcast(&o->opened);
    }
    pthread_mutex_unlock(&o->lock);
    return NULL;
}

static int open_all_transforms(engine *E)
{
    opener o = { .E = E, .total = (size_t)E->workers * (E->first_out - 1) };
    if (o.total == 0)
        return 0;
    o.first_open = galley__xcalloc(E->first_out, 1);
    pthread_mutex_init(&o.lock, NULL);
    pthread_cond_init(&o.opened, NULL);
    int helpers = E->workers - 1, started = 0;
    pthread_t *th = galley__xcalloc((size_t)helpers + 1, sizeof *th);
    while (started < helpers && (size_t)started + 1 < o.total &&
           pthread_create(&th[started], NULL, open_transforms, &o) == 0)
        started++;      /* fewer threads (none) if they cannot start: still all opened */
    open_transforms(&o);
    for (int k = 0; k < started; k++)
        pthread_join(th[k], NULL);
    free(th);
    free(o.first_open);
    pthread_cond_destroy(&o.opened);
    pthread_mutex_destroy(&o.lock);
    return o.failed ? -1 : 0;
}

static int open_all(engine *E)
{
    const galley_pipeline *p = E->p;
    if (galley__stage_open(E->fetch, &p->stages[0], 0, 1) < 0)
        return -1;
    if (!E->iso && open_all_transforms(E) < 0)
        return -1;
    for (size_t i = E->first_out; i < p->nstages; i++)
        if (galley__stage_open(&E->outs[i - E->first_out], &p->stages[i], 0, 1) < 0)
            return -1;
    return 0;
}

/* transforms and fetch first, outputs last: outputs flush what they got */
static int close_all(engine *E)
{
    int rc = galley__stage_close(E->fetch);
    for (int w = 0; w < E->workers; w++)
        for (size_t i = 1; i < E->first_out; i++)
            rc |= galley__stage_close(&E->work[w][i]);
    for (size_t i = E->first_out; i < E->p->nstages; i++)
        rc |= galley__stage_close(&E->outs[i - E->first_out]);
    return rc;
}

static void engine_init(engine *E, const galley_pipeline *p, int workers)
{
    memset(E, 0, sizeof *E);
    E->p = p;
    E->workers = workers;
    E->first_out = p->nstages;
    while (E->first_out > 1 && p->stages[E->first_out - 1].plugin->kind == GALLEY_OUTPUT)
        E->first_out--;
    E->fetch = galley__xcalloc(1, sizeof *E->fetch);
    E->work = galley__xcalloc((size_t)workers, sizeof *E->work);
    E->wstats = galley__xcalloc((size_t)workers, sizeof *E->wstats);
    for (int w = 0; w < workers; w++) {
        E->work[w] = galley__xcalloc(p->nstages, sizeof **E->work);
        E->wstats[w] = galley__xcalloc(p->nstages, sizeof **E->wstats);
    }
    E->outs = galley__xcalloc(p->nstages - E->first_out + 1, sizeof *E->outs);
    E->stats = galley__xcalloc(p->nstages, sizeof *E->stats);
    /* enough documents in flight to keep every worker busy while one is slow */
    E->window = (size_t)workers * 8 + 8;
    E->refill = E->window / 2;
    E->wake_batch = E->window / 4;
    E->batch = E->wake_batch;
    E->queue = galley__xcalloc(E->window, sizeof *E->queue);
    E->done = galley__xcalloc(E->window, sizeof *E->done);
    pthread_mutex_init(&E->lock, NULL);
    /* timed waits (naps, checkpoint_seconds) run on the clock galley__now reads */
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&E->work_ready, &ca);
    pthread_cond_init(&E->next_done, &ca);
    pthread_condattr_destroy(&ca);
    pthread_cond_init(&E->space, NULL);
}

static void engine_free(engine *E)
{
    for (int w = 0; w < E->workers; w++) {
        free(E->work[w]);
        free(E->wstats[w]);
    }
    free(E->work);
    free(E->wstats);
    free(E->fetch);
    free(E->outs);
    free(E->stats);
    free(E->queue);
    free(E->done);
    galley__ckpt_free(E->ck);
    galley__ackbatch *b;
    while ((b = galley__ackq_pop(&E->acks_ready)))
        galley__ackbatch_free(b);
    pthread_mutex_destroy(&E->lock);
    pthread_cond_destroy(&E->work_ready);
    pthread_cond_destroy(&E->next_done);
    pthread_cond_destroy(&E->space);
}

static void print_stats(const engine *E)
{
    const galley_pipeline *p = E->p;
    /* output rows too: their prepare() steps ran in the workers */
    for (int w = 0; w < E->workers; w++)
        for (size_t i = 1; i < p->nstages; i++) {
            E->stats[i].ok += E->wstats[w][i].ok;
            E->stats[i].skipped += E->wstats[w][i].skipped;
            E->stats[i].failed += E->wstats[w][i].failed;
            E->stats[i].seconds += E->wstats[w][i].seconds;
        }
    fprintf(stderr, "%-14s %-12s %9s %8s %8s %10s %10s\n", "stage", "plugin", "ok",
            "skipped", "failed", "seconds", "ms/doc");
    for (size_t i = 0; i < p->nstages; i++) {
        const stat_row *r = &E->stats[i];
        unsigned long long n = r->ok + r->skipped + r->failed;
        char *name = galley__escape(p->stages[i].name);     /* the user's */
        fprintf(stderr, "%-14s %-12s %9llu %8llu %8llu %10.3f %10.3f\n", name,
                p->stages[i].plugin->name, r->ok, r->skipped, r->failed, r->seconds,
                n ? r->seconds * 1000.0 / (double)n : 0.0);
        free(name);
    }
}

static void summary(const galley_runopts *ro, const engine *E, const totals *t, double secs,
                    int interrupted)
{
    if (ro->quiet)
        return;
    char incr[96] = "";
    if (E->state)
        snprintf(incr, sizeof incr, ", %llu unchanged, %llu deleted", E->unchanged,
                 t->deleted);
    fprintf(stderr, "galley: %llu docs, %llu failed, %llu skipped%s in %.2f s (%.0f docs/s)%s\n",
            t->docs, t->failed, t->skipped, incr, secs,
            secs > 0 ? (double)t->docs / secs : 0.0,
            interrupted ? ", interrupted (run it again to finish)" : "");
}

/* --state: outputs continue what the state file records, from their marks */
static int state_begin(engine *E, const galley_runopts *ro)
{
    const char *path = ro->state ? ro->state : E->p->state;
    if (!path)
        return 0;
    char err[1024];
    E->state = galley__state_open(path, err, sizeof err);
    if (!E->state) {
        galley_error("%s", err);
        return -1;
    }
    for (size_t i = E->first_out; i < E->p->nstages; i++) {
        galley_stage *st = &E->outs[i - E->first_out];
        const galley_stageconf *c = &E->p->stages[i];
        st->resuming = 1;
        st->resume_mark = galley__state_mark(E->state, c->name);
        if (!GALLEY__PLUGIN_FIELD(c->plugin, flush))
            galley_warn("stage '%s' (%s) has no flush() (a plugin built for ABI 1.0?): with a "
                        "state file its records are durable only at close, so after a kill "
                        "it may lack documents the state file has as done", c->name,
                        c->plugin->name);
    }
    return 0;
}

/* Records where each output starts, before any document: a run killed
 * before its first checkpoint is cut back to here. */
static void state_first_checkpoint(engine *E)
{
    galley__ckpt_flush_outputs(E->ck);
    galley__ackbatch *b = galley__ckpt_take(E->ck);
    galley__ckpt_deliver(E->ck, b);
    galley__ackbatch_free(b);
}

int galley__run(const galley_pipeline *p, const galley_runopts *ro)
{
    long workers = ro->workers > 0 ? ro->workers : p->workers;
    if (workers <= 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        workers = n > 0 ? n : 1;
    }
    engine E;
    engine_init(&E, p, (int)workers);
    stop_requested = 0;
    /* the worker processes fork before any thread starts (see core/isolate.c) */
    if ((ro->isolate || p->isolate) && E.first_out > 1 &&
        !(E.iso = galley__isolate_start(p, E.first_out, (int)workers))) {
        engine_free(&E);
        return 2;
    }
    if (state_begin(&E, ro) < 0 || open_all(&E) < 0) {
        if (E.iso)
            galley__isolate_stop(E.iso);
        close_all(&E);
        galley__state_close(E.state);
        engine_free(&E);
        return 2;
    }
    E.ck = galley__ckpt_new(p, E.fetch, E.outs, p->nstages - E.first_out, E.state);
    if (E.state)
        state_first_checkpoint(&E);
    double t0 = galley__now();
    pthread_t fetcher, *threads = galley__xcalloc((size_t)workers, sizeof *threads);
    worker_arg *args = galley__xcalloc((size_t)workers, sizeof *args);
    sigset_t set, saved;
    stop_signals(&set);
    pthread_sigmask(SIG_BLOCK, &set, &saved);
    pthread_create(&fetcher, NULL, fetch_main, &E);
    for (int w = 0; w < workers; w++) {
        args[w] = (worker_arg){ &E, w };
        pthread_create(&threads[w], NULL, worker_main, &args[w]);
    }
    int progress = ro->progress < 0 ? isatty(STDERR_FILENO) && !ro->quiet : ro->progress;
    totals t = { 0 };
    output_loop(&E, &t, progress);
    checkpoint(&E, &t, 1);
    pthread_join(fetcher, NULL);
    for (int w = 0; w < workers; w++)
        pthread_join(threads[w], NULL);
    pthread_sigmask(SIG_SETMASK, &saved, NULL);
    int interrupted = stop_requested && !E.aborted;
    int close_failed = E.iso && galley__isolate_stop(E.iso) < 0;
    close_failed |= close_all(&E) < 0;
    if (E.state && E.fetch_complete && !E.aborted && !interrupted)
        t.deleted = galley__state_sweep(E.state, !ro->quiet);
    galley__state_close(E.state);
    summary(ro, &E, &t, galley__now() - t0, interrupted);
    if (ro->stats)
        print_stats(&E);
    free(threads);
    free(args);
    engine_free(&E);
    if (interrupted)
        return 130;
    return t.failed || close_failed || t.checkpoint_failed ? 1 : 0;
}
