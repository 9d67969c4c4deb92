/* core/text_counter.c - the toolkit's term counter: an insertion-ordered
 * string -> double map (open addressing over an entry array). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <galley/text.h>
#include <galley/util.h>

#include "text_int.h"

/* An entry holds its key's head (head_of: its first HEAD bytes) beside its
 * value: a hit reads the slot and the entry, and the pool only for a
 * longer key.  The word lists (100,000 keys) outgrow the caches, so each of
 * those reads is a cache miss; with the key only in the pool a hit took
 * three, and the counters' lookups were a fifth of a default run's time.
 * (The key's hash is not kept: the pool has the keys, and growing is rare.) */
#define HEAD 16
typedef struct entry {
    double value;
    uint32_t off, len;      /* key bytes in the pool */
    uint64_t head[HEAD / 8];
} entry;                    /* 32 bytes, two to a 64-byte line */

struct galley_counter {
    entry *entries;         /* a big array 64-byte aligned: an entry never
                             * spans two lines */
    size_t n, cap;
    uint64_t *slots;        /* high 32 bits: hash tag and key length; low:
                             * entry index + 1 (0 = empty); the tag settles
                             * most misses without touching the entry */
    size_t nslots;          /* power of two, > 2 * n */
    char *pool;             /* keys, each NUL-terminated */
    size_t pool_len, pool_cap;
};

/* The table's own hash, eight bytes a step (galley_hash64 takes one: the
 * counters' lookups were a tenth of a pipeline's work).  It never leaves
 * the table (entries keep insertion order), so it need not be stable
 * across machines like galley_hash64; mixed so its low bits index slots. */
static uint64_t hash_bytes(const char *s, size_t n)
{
    const uint64_t k = 0x9e3779b97f4a7c15u;
    uint64_t h = (uint64_t)n * k;
    for (; n >= 8; s += 8, n -= 8)
        h = (h ^ txt_load64(s)) * k, h ^= h >> 29;
    uint64_t x;
    if (n >= 4)             /* two overlapping words cover 4..7 bytes */
        x = txt_load32(s) | txt_load32(s + n - 4) << 32;
    else if (n)             /* first, middle and last of 1..3 */
        x = (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << 8 |
            (uint64_t)(unsigned char)s[n - 1] << 16;
    else
        x = 0;
    h = (h ^ x ^ (uint64_t)n << 56) * k;
    return galley_hash_mix(h);
}

galley_counter *galley_counter_new(void)
{
    return calloc(1, sizeof(galley_counter));
}

void galley_counter_free(galley_counter *c)
{
    if (!c)
        return;
    free(c->entries);
    free(c->slots);
    free(c->pool);
    free(c);
}

void galley_counter_clear(galley_counter *c)
{
    c->n = 0;
    c->pool_len = 0;
    if (c->slots)
        memset(c->slots, 0, c->nslots * sizeof *c->slots);
}

#define SLOT_INDEX(s) ((size_t)((s) & 0xffffffffu))     /* entry + 1 */
/* the hash's high 24 bits and the key's length (255: longer) */
#define SLOT_TAG(h, n) (((h) & 0xffffff0000000000u) | (uint64_t)((n) < 255 ? (n) : 255) << 32)
#define MAX_ENTRIES 0xfffffffeu

/* memcmp(a, b, n) == 0 without a call: keys are mostly words */
static int same(const char *a, const char *b, size_t n)
{
    for (; n >= 8; a += 8, b += 8, n -= 8)
        if (txt_load64(a) != txt_load64(b))
            return 0;
    if (n >= 4)
        return txt_load32(a) == txt_load32(b) && txt_load32(a + n - 4) == txt_load32(b + n - 4);
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

/* key[0..n)'s bytes in two words, without a call: the first HEAD bytes of
 * a longer key; for a shorter one, words read from both its ends (they
 * overlap), zeros beyond.  Keys of one length that differ anywhere in
 * their first HEAD bytes get different heads. */
static void head_of(const char *key, size_t n, uint64_t head[HEAD / 8])
{
    if (n >= HEAD) {
        head[0] = txt_load64(key);
        head[1] = txt_load64(key + 8);
    } else if (n > 8) {
        head[0] = txt_load64(key);
        head[1] = txt_load64(key + n - 8);
    } else if (n >= 4) {
        head[0] = txt_load32(key) | txt_load32(key + n - 4) << 32;
        head[1] = 0;
    } else {
        head[0] = n ? (uint64_t)(unsigned char)key[0] | (uint64_t)(unsigned char)key[n / 2] << 8 |
                      (uint64_t)(unsigned char)key[n - 1] << 16 : 0;
        head[1] = 0;
    }
}

/* the table's hash of key[0..n) with head = head_of(key): a key of up to
 * HEAD bytes is hashed from its head alone, so a growing table rehashes
 * the words of a word list without reading the pool */
static uint64_t hash_head(const uint64_t head[HEAD / 8], size_t n)
{
    const uint64_t k = 0x9e3779b97f4a7c15u;
    uint64_t h = (head[0] ^ (uint64_t)n << 56) * k;
    h ^= h >> 29;
    h = (h ^ head[1]) * k;
    return galley_hash_mix(h);
}

static uint64_t key_hash(const char *key, size_t n, uint64_t head[HEAD / 8])
{
    head_of(key, n, head);
    return n <= HEAD ? hash_head(head, n) : hash_bytes(key, n);
}

/* the slot of key (empty if it is not there); head = head_of(key) */
static size_t probe(const galley_counter *c, const char *key, size_t n, uint64_t h,
                    const uint64_t head[HEAD / 8])
{
    uint64_t tag = SLOT_TAG(h, n);
    size_t mask = c->nslots - 1, i = (size_t)h & mask;
    for (;; i = (i + 1) & mask) {
        uint64_t s = c->slots[i];
        if (s == 0)
            return i;
        if ((s & 0xffffffff00000000u) != tag)
            continue;
        const entry *e = &c->entries[SLOT_INDEX(s) - 1];
        if (e->len == n && e->head[0] == head[0] && e->head[1] == head[1] &&
            (n <= HEAD || same(c->pool + e->off + HEAD, key + HEAD, n - HEAD)))
            return i;
    }
}

/* A big table (a word list's: megabytes) is read at random, a cache miss
 * and, in 4 KB pages, a TLB miss each read: it goes in huge pages where the
 * system gives them on request (transparent_hugepage = madvise). */
#define HUGE_PAGE ((size_t)2 << 20)

/* bytes (zeroed if zero), 64-byte aligned; NULL when out of memory */
static void *table_alloc(size_t bytes, int zero)
{
    size_t align = bytes >= HUGE_PAGE ? HUGE_PAGE : 64;
    bytes = (bytes + align - 1) / align * align;
    void *p = aligned_alloc(align, bytes);
    if (!p)
        return NULL;
#ifdef MADV_HUGEPAGE
    if (align == HUGE_PAGE)
        madvise(p, bytes, MADV_HUGEPAGE);   /* a hint: no huge pages is fine */
#endif
    if (zero)
        memset(p, 0, bytes);
    return p;
}

static int rehash(galley_counter *c, size_t nslots)
{
    uint64_t *slots = nslots * sizeof *slots >= HUGE_PAGE
                      ? table_alloc(nslots * sizeof *slots, 1) : calloc(nslots, sizeof *slots);
    if (!slots)
        return -1;
    free(c->slots);
    c->slots = slots;
    c->nslots = nslots;
    for (size_t k = 0; k < c->n; k++) {
        const entry *e = &c->entries[k];
        uint64_t h = e->len <= HEAD ? hash_head(e->head, e->len)
                                    : hash_bytes(c->pool + e->off, e->len);
        size_t i = (size_t)h & (nslots - 1);
        while (slots[i])
            i = (i + 1) & (nslots - 1);
        slots[i] = SLOT_TAG(h, e->len) | (k + 1);
    }
    return 0;
}

/* room for one more entry; an array past the L2 cache's size is moved to
 * a 64-byte aligned one (a small one stays in the cache anyway) */
#define ALIGNED_ENTRIES ((size_t)256 << 10)

static int grow_entries(galley_counter *c)
{
    size_t cap = c->cap ? 2 * c->cap : 16;
    if (cap * sizeof(entry) < ALIGNED_ENTRIES)
        return galley_reserve(&c->entries, &c->cap, c->n + 1, sizeof(entry));
    entry *e = table_alloc(cap * sizeof *e, 0);
    if (!e)
        return -1;
    if (c->n)
        memcpy(e, c->entries, c->n * sizeof *e);
    free(c->entries);
    c->entries = e;
    c->cap = cap;
    return 0;
}

size_t galley_counter_add(galley_counter *c, const char *key, size_t n,
                          double delta)
{
    if (c->n >= MAX_ENTRIES ||
        (c->nslots < 2 * (c->n + 1) + 2 &&
         rehash(c, c->nslots ? c->nslots * 2 : 32) < 0))
        return (size_t)-1;
    uint64_t head[HEAD / 8], h = key_hash(key, n, head);
    size_t i = probe(c, key, n, h, head);
    if (c->slots[i]) {
        size_t k = SLOT_INDEX(c->slots[i]) - 1;
        c->entries[k].value += delta;
        return k;
    }
    /* the pool's offsets are 32-bit: 4 GB of keys is as full as it gets */
    if (c->pool_len + n + 1 > UINT32_MAX)
        return (size_t)-1;
    /* the checks before the calls: loading a word list adds 100,000 keys */
    if ((c->n + 1 > c->cap && grow_entries(c) < 0) ||
        (c->pool_len + n + 1 > c->pool_cap &&
         galley_reserve(&c->pool, &c->pool_cap, c->pool_len + n + 1, 1) < 0))
        return (size_t)-1;
    memcpy(c->pool + c->pool_len, key, n);
    c->pool[c->pool_len + n] = '\0';
    c->entries[c->n] = (entry){ delta, (uint32_t)c->pool_len, (uint32_t)n, { head[0], head[1] } };
    c->pool_len += n + 1;
    c->slots[i] = SLOT_TAG(h, n) | ++c->n;
    return c->n - 1;
}

size_t galley_counter_find(const galley_counter *c, const char *key, size_t n)
{
    if (c->n == 0)
        return (size_t)-1;
    uint64_t head[HEAD / 8], h = key_hash(key, n, head);
    size_t i = probe(c, key, n, h, head);
    return c->slots[i] ? SLOT_INDEX(c->slots[i]) - 1 : (size_t)-1;
}

size_t galley_counter_size(const galley_counter *c)
{
    return c->n;
}

const char *galley_counter_key(const galley_counter *c, size_t i, size_t *n)
{
    if (i >= c->n) {
        if (n)
            *n = 0;
        return NULL;
    }
    if (n)
        *n = c->entries[i].len;
    return c->pool + c->entries[i].off;
}

double galley_counter_value(const galley_counter *c, size_t i)
{
    return i < c->n ? c->entries[i].value : 0.0;
}
