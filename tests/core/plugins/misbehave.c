/* tests/core/plugins/misbehave.c - test plugin for isolate = true: segfaults
 * on every Nth document, loops forever on one, allocates without limit on
 * another (documents counted 1-based in fetch order). */
#include <stdlib.h>
#include <string.h>
#include <galley/galley.h>

static const galley_option options[] = {
    { GALLEY_OPT_INT, "segv_every", "0", 0, 0, 1000000, "segfault on documents N, 2N... (0: never)", NULL },
    { GALLEY_OPT_INT, "hang", "0", 0, 0, 1000000, "loop forever on document N (0: none)", NULL },
    { GALLEY_OPT_BOOL, "refuse", "false", 0, 0, 0, "fail open() (cannot start)", NULL },
    { GALLEY_OPT_BOOL, "crash_open", "false", 0, 0, 0, "segfault in open()", NULL },
    { GALLEY_OPT_INT, "hog", "0", 0, 0, 1000000, "allocate without limit on document N (0: none)", NULL },
    { 0 }
};

typedef struct mb {
    unsigned long long segv_every, hang, hog;
} mb;

static galley_status mb_open(galley_stage *st, void **state)
{
    if (galley_opt_bool(st, "refuse"))
        return galley_stage_fail(st, "refusing to start, on purpose");
    if (galley_opt_bool(st, "crash_open")) {
        int *volatile nowhere = NULL;
        *nowhere = 1;
    }
    mb *m = malloc(sizeof *m);
    if (!m)
        return galley_stage_fail(st, "out of memory");
    m->segv_every = (unsigned long long)galley_opt_int(st, "segv_every");
    m->hang = (unsigned long long)galley_opt_int(st, "hang");
    m->hog = (unsigned long long)galley_opt_int(st, "hog");
    *state = m;
    return GALLEY_OK;
}

/* a chain of blocks, so that no compiler can drop the allocations */
static void *volatile hoard;

static galley_status hog(galley_doc *doc)
{
    const size_t block = (size_t)16 << 20;
    /* a safety stop: if the worker's limit did not hold, do not eat the machine */
    for (size_t total = 0; total < (size_t)4 << 30; total += block) {
        char *b = malloc(block);
        if (!b)
            abort();        /* what most code does when malloc fails */
        memset(b, 1, block);
        *(void **)b = hoard;
        hoard = b;
    }
    return galley_doc_fail(doc, "allocated 4 GiB and no memory limit stopped it");
}

static galley_status mb_process(void *state, galley_doc *doc)
{
    const mb *m = state;
    unsigned long long n = galley_doc_seq(doc) + 1;
    if (m->segv_every && n % m->segv_every == 0) {
        int *volatile nowhere = NULL;
        *nowhere = 1;
    }
    if (n == m->hang)
        for (volatile unsigned long spin = 0;; spin++)
            ;
    if (n == m->hog)
        return hog(doc);
    return GALLEY_OK;
}

static galley_status mb_close(void *state)
{
    free(state);
    return GALLEY_OK;
}

GALLEY_PLUGIN(misbehave, .kind = GALLEY_EXTRACT,
              .summary = "test: crashes, hangs or eats memory on chosen documents",
              .options = options, .open = mb_open, .process = mb_process, .close = mb_close);
