/* plugins/output/sqlite_prep.c - the sqlite output's prepare() step: each
 * worker tokenizes the indexed columns of its documents for FTS5 (one
 * tokenizer per worker thread), and the writer replays those tokens, so the
 * one output thread no longer splits, folds and stems every word.  The
 * record: per column, its text's length and its tokens' length (SIZE_MAX:
 * no text), then the text and the tokens. */
#include "sqlite_prep.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sink.h"

struct sqlite_prep {
    pthread_key_t key;          /* this thread's sqlite_fts_worker */
    pthread_mutex_t lock;       /* guards the list (workers add themselves) */
    sqlite_fts_worker **all;
    size_t n, cap;
};

/* a thread where no tokenizer can be made: not tried again */
static char no_worker;

sqlite_prep *sqlite_prep_new(void)
{
    sqlite_prep *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    if (pthread_key_create(&p->key, NULL) != 0) {
        free(p);
        return NULL;
    }
    pthread_mutex_init(&p->lock, NULL);
    return p;
}

/* after the workers are done with it */
void sqlite_prep_free(sqlite_prep *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        sqlite_fts_worker_free(p->all[i]);
    free(p->all);
    pthread_key_delete(p->key);
    pthread_mutex_destroy(&p->lock);
    free(p);
}

static sqlite_fts_worker *worker_of(sqlite_prep *p)
{
    void *got = pthread_getspecific(p->key);
    if (got)
        return got == &no_worker ? NULL : got;
    sqlite_fts_worker *w = sqlite_fts_worker_new();
    pthread_mutex_lock(&p->lock);
    if (w && galley_reserve(&p->all, &p->cap, p->n + 1, sizeof *p->all) == 0)
        p->all[p->n++] = w;
    else {
        sqlite_fts_worker_free(w);
        w = NULL;
    }
    pthread_mutex_unlock(&p->lock);
    pthread_setspecific(p->key, w ? (void *)w : &no_worker);
    return w;
}

static void add_size(sink_buf *b, size_t v)
{
    sink_buf_add(b, &v, sizeof v);
}

void sqlite_prep_doc(sqlite_prep *p, galley_doc *doc, const char *const text[],
                     const size_t len[])
{
    sqlite_fts_worker *w = worker_of(p);
    if (!w)
        return;
    sink_buf b = { 0 };
    for (int c = 0; c < SQLITE_FTS_COLUMNS && !sink_buf_failed(&b); c++) {
        add_size(&b, text[c] ? len[c] : SIZE_MAX);
        size_t at = b.len;
        add_size(&b, 0);                /* the tokens' length, once known */
        if (!text[c])
            continue;
        sink_buf_add(&b, text[c], len[c]);
        size_t start = b.len;
        if (sink_buf_failed(&b) || sqlite_fts_tokens(w, text[c], len[c], &b) < 0) {
            sink_buf_free(&b);  /* the writer tokenizes this one */
            return;
        }
        size_t ntoks = b.len - start;
        memcpy(b.data + at, &ntoks, sizeof ntoks);
    }
    if (sink_buf_failed(&b)) {
        sink_buf_free(&b);
        return;
    }
    galley_doc_set_prepared(doc, b.data, b.len);
}

static int take_size(const char **at, const char *end, size_t *v)
{
    if ((size_t)(end - *at) < sizeof *v)
        return -1;
    memcpy(v, *at, sizeof *v);
    *at += sizeof *v;
    return 0;
}

void sqlite_prep_arm(sqlite_fts *f, const galley_doc *doc)
{
    size_t len;
    const char *at = galley_doc_prepared(doc, &len);
    if (!f || !at)
        return;
    const char *end = at + len;
    for (int c = 0; c < SQLITE_FTS_COLUMNS; c++) {
        size_t n, ntoks;
        if (take_size(&at, end, &n) < 0 || take_size(&at, end, &ntoks) < 0)
            break;
        if (n == SIZE_MAX)
            continue;
        if ((size_t)(end - at) < n || (size_t)(end - at) - n < ntoks)
            break;
        sqlite_fts_replay(f, at, n, at + n, ntoks);
        at += n + ntoks;
    }
}
