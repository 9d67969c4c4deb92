/* plugins/output/sqlite_prep.c - the sqlite output's prepare() step: each
 * worker tokenizes the indexed columns of its documents for FTS5 (one
 * tokenizer per worker thread), and the writer replays those tokens, so the
 * one output thread no longer splits, folds and stems every word, nor
 * checks the texts for UTF-8. */
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

/* One column: its length (SIZE_MAX: none), 1 when it holds no NUL, its
 * tokens' length, then the text, a NUL, the tokens.  -1: out of memory. */
static int add_column(sqlite_fts_worker *w, sink_buf *b, const char *v, size_t n,
                      size_t *repairs)
{
    char *fixed = v ? sink_utf8_repair(v, n, &n, repairs) : NULL;
    if (v && !fixed && n == SINK_NOMEM)
        return -1;
    if (fixed)
        v = fixed;
    add_size(b, v ? n : SIZE_MAX);
    if (!v)
        return sink_buf_failed(b) ? -1 : 0;
    add_size(b, memchr(v, '\0', n) == NULL);
    size_t at = b->len;
    add_size(b, 0);                     /* the tokens' length, once known */
    sink_buf_add(b, v, n);
    sink_buf_add(b, "", 1);
    size_t start = b->len;
    int rc = sink_buf_failed(b) || sqlite_fts_tokens(w, v, n, b) < 0 ? -1 : 0;
    free(fixed);
    if (rc == 0) {
        size_t ntoks = b->len - start;
        memcpy(b->data + at, &ntoks, sizeof ntoks);
    }
    return rc;
}

/* The record: 1 when the document's other values are valid UTF-8, the
 * repairs made, the document's hash, then each column as add_column writes it.
 * The texts are checked for UTF-8 here, in the worker, and the writer binds
 * them as they are: FTS5 then hands its tokenizer the very text the tokens
 * were made of (found by its address, not by comparing its bytes). */
void sqlite_prep_doc(sqlite_prep *p, galley_doc *doc, const char *const text[],
                     const size_t len[], int others_valid, uint64_t hash)
{
    sqlite_fts_worker *w = worker_of(p);
    if (!w)
        return;
    sink_buf b = { 0 };
    size_t repairs = 0;
    add_size(&b, others_valid != 0);
    add_size(&b, 0);                    /* the repairs, once known */
    sink_buf_add(&b, &hash, sizeof hash);
    for (int c = 0; c < SQLITE_FTS_COLUMNS; c++)
        if (add_column(w, &b, text[c], len[c], &repairs) < 0 || sink_buf_failed(&b)) {
            sink_buf_free(&b);          /* the writer does it all */
            return;
        }
    memcpy(b.data + sizeof(size_t), &repairs, sizeof repairs);
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

int sqlite_prep_read(const galley_doc *doc, sqlite_prep_rec *r)
{
    size_t len;
    const char *at = galley_doc_prepared(doc, &len);
    if (!at)
        return -1;
    const char *end = at + len;
    size_t valid;
    if (take_size(&at, end, &valid) < 0 || take_size(&at, end, &r->repairs) < 0 ||
        (size_t)(end - at) < sizeof r->hash)
        return -1;
    memcpy(&r->hash, at, sizeof r->hash);
    at += sizeof r->hash;
    r->others_valid = valid == 1;
    for (int c = 0; c < SQLITE_FTS_COLUMNS; c++) {
        size_t n, nul_free, ntoks;
        r->text[c] = r->toks[c] = NULL;
        r->len[c] = r->ntoks[c] = 0;
        r->nul_free[c] = 0;
        if (take_size(&at, end, &n) < 0)
            return -1;
        if (n == SIZE_MAX)
            continue;
        if (take_size(&at, end, &nul_free) < 0 || take_size(&at, end, &ntoks) < 0 ||
            (size_t)(end - at) <= n || (size_t)(end - at) - n - 1 < ntoks || at[n] != '\0')
            return -1;
        r->text[c] = at;
        r->len[c] = n;
        r->nul_free[c] = nul_free == 1;
        r->toks[c] = at + n + 1;
        r->ntoks[c] = ntoks;
        at += n + 1 + ntoks;
    }
    return 0;
}

void sqlite_prep_arm(sqlite_fts *f, const sqlite_prep_rec *r)
{
    for (int c = 0; c < SQLITE_FTS_COLUMNS; c++)
        if (r->text[c])
            sqlite_fts_replay(f, r->text[c], r->len[c], r->toks[c], r->ntoks[c]);
}
