/* core/text_stem.c - the toolkit's stemmer: a per-worker handle over
 * libstemmer (Snowball) that case-folds the word before stemming it, and
 * remembers the stems of short words in one memo for the whole process (a
 * news article says the same words again and again; Snowball costs some
 * 2,000 instructions a word). */
#include "config.h"

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <galley/util.h>

#include "text_int.h"

/* The memo: folded word -> stem, for every stemmer of the process.  The
 * workers of a run, and the plugins of one worker (keyphrases, newsrank),
 * stem the same words: a memo per handle made each of them pay Snowball for
 * a word again (at -j 2 the second worker's cold start alone cost 2.5 % more
 * instructions than -j 1 over the BBC articles).  A slot is one cache line
 * and a seqlock: a reader copies it and keeps the copy only if the sequence
 * did not move; a writer that finds it busy leaves it.  Static storage: the
 * pages are touched only as slots are used. */
#define MEMO_SLOTS 32768        /* a power of two; 2 MB */
#define MEMO_WORDS 7            /* lang, klen, slen, key, stem: 56 bytes */
#define MEMO_BYTES (MEMO_WORDS * 8)
#define MEMO_LANGS 255          /* languages with an id; more are not memoised */
typedef struct memo_slot {
    _Alignas(64) _Atomic uint64_t seq;     /* odd while a writer fills it */
    _Atomic uint64_t w[MEMO_WORDS];
} memo_slot;

static memo_slot memo[MEMO_SLOTS];
static pthread_mutex_t langs_lock = PTHREAD_MUTEX_INITIALIZER;
static char *langs[MEMO_LANGS];

struct galley_stemmer {
    struct sb_stemmer *sb;
    char *lang;
    unsigned lang_id;       /* 1.. in the memo's keys; 0: not memoised */
    char *buf;              /* the case-folded word */
    size_t cap;
    char out[MEMO_BYTES];   /* a stem read from the memo */
};

/* the language's id in the memo's keys (the same for every handle) */
static unsigned lang_id_of(const char *lang)
{
    unsigned id = 0;
    pthread_mutex_lock(&langs_lock);
    for (unsigned i = 0; i < MEMO_LANGS && !id; i++) {
        if (!langs[i] && (langs[i] = strdup(lang)) == NULL)
            break;
        if (!strcmp(langs[i], lang))
            id = i + 1;
    }
    pthread_mutex_unlock(&langs_lock);
    return id;
}

static memo_slot *memo_slot_of(unsigned lang, const char *k, size_t kl)
{
    uint64_t h = galley_hash64(k, kl) ^ ((uint64_t)lang * 0x9e3779b97f4a7c15u);
    return &memo[(h >> 17) & (MEMO_SLOTS - 1)];
}

/* the stem into out (*sl its length), 1 if the slot holds the word */
static int memo_get(const memo_slot *m, unsigned lang, const char *k, size_t kl,
                    char *out, size_t *sl)
{
    uint64_t s1 = atomic_load_explicit(&m->seq, memory_order_acquire);
    if (s1 & 1)
        return 0;
    uint64_t w[MEMO_WORDS];
    for (int i = 0; i < MEMO_WORDS; i++)
        w[i] = atomic_load_explicit(&m->w[i], memory_order_relaxed);
    atomic_thread_fence(memory_order_acquire);
    if (atomic_load_explicit(&m->seq, memory_order_relaxed) != s1)
        return 0;
    const unsigned char *b = (const unsigned char *)w;
    if (b[0] != lang || b[1] != kl || memcmp(b + 3, k, kl) != 0)
        return 0;
    memcpy(out, b + 3 + kl, b[2]);
    out[b[2]] = '\0';
    *sl = b[2];
    return 1;
}

static void memo_put(memo_slot *m, unsigned lang, const char *k, size_t kl,
                     const char *stem, size_t sl)
{
    uint64_t s = atomic_load_explicit(&m->seq, memory_order_relaxed);
    if ((s & 1) || !atomic_compare_exchange_strong_explicit(&m->seq, &s, s + 1,
                                                            memory_order_relaxed,
                                                            memory_order_relaxed))
        return;             /* another thread writes it: not worth waiting */
    atomic_thread_fence(memory_order_release);
    uint64_t w[MEMO_WORDS] = { 0 };
    unsigned char *b = (unsigned char *)w;
    b[0] = (unsigned char)lang;
    b[1] = (unsigned char)kl;
    b[2] = (unsigned char)sl;
    memcpy(b + 3, k, kl);
    memcpy(b + 3 + kl, stem, sl);
    for (int i = 0; i < MEMO_WORDS; i++)
        atomic_store_explicit(&m->w[i], w[i], memory_order_relaxed);
    atomic_store_explicit(&m->seq, s + 2, memory_order_release);
}

galley_stemmer *galley_stemmer_new(const char *lang)
{
    if (!lang)
        return NULL;
    struct sb_stemmer *sb = sb_stemmer_new(lang, NULL);    /* UTF-8 */
    if (!sb)
        return NULL;
    galley_stemmer *st = calloc(1, sizeof *st);
    if (!st) {
        sb_stemmer_delete(sb);
        return NULL;
    }
    st->sb = sb;
    if (!(st->lang = strdup(lang))) {
        galley_stemmer_free(st);
        return NULL;
    }
    st->lang_id = lang_id_of(lang);
    return st;
}

void galley_stemmer_free(galley_stemmer *st)
{
    if (!st)
        return;
    sb_stemmer_delete(st->sb);
    free(st->lang);
    free(st->buf);
    free(st);
}

const char *galley_stem(galley_stemmer *st, const char *w, size_t n,
                        size_t *outlen)
{
    /* fold once into the buffer; a second time only when it grew */
    size_t need = galley_casefold(w, n, st->buf, st->cap);
    if (need + 1 > st->cap) {
        if (galley_reserve(&st->buf, &st->cap, need + 1, 1) < 0) {
            if (outlen)
                *outlen = 0;
            return NULL;
        }
        galley_casefold(w, n, st->buf, st->cap);
    }
    if (need > INT_MAX) {       /* libstemmer takes an int length */
        if (outlen)
            *outlen = need;
        return st->buf;
    }
    /* room for the stem too: Snowball's stems are never much longer */
    memo_slot *m = NULL;
    if (st->lang_id && need > 0 && 2 * need + 8 <= MEMO_BYTES) {
        m = memo_slot_of(st->lang_id, st->buf, need);
        size_t sl;
        if (memo_get(m, st->lang_id, st->buf, need, st->out, &sl)) {
            if (outlen)
                *outlen = sl;
            return st->out;
        }
    }
    const sb_symbol *r = sb_stemmer_stem(st->sb, (const sb_symbol *)st->buf,
                                         (int)need);
    if (!r) {                   /* out of memory inside libstemmer */
        if (outlen)
            *outlen = need;
        return st->buf;
    }
    size_t sl = (size_t)sb_stemmer_length(st->sb);
    if (m && 3 + need + sl <= MEMO_BYTES)
        memo_put(m, st->lang_id, st->buf, need, (const char *)r, sl);
    if (outlen)
        *outlen = sl;
    return (const char *)r;
}

const char *galley_stemmer_lang(const galley_stemmer *st)
{
    return st && st->lang ? st->lang : "";
}
