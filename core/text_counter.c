/* core/text_counter.c - the toolkit's term counter: an insertion-ordered
 * string -> double map (open addressing over an entry array). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <galley/text.h>
#include <galley/util.h>

typedef struct entry {
    size_t off, len;        /* key bytes in the pool */
    uint64_t hash;
    double value;
} entry;

struct galley_counter {
    entry *entries;
    size_t n, cap;
    uint64_t *slots;        /* high 32 bits: hash tag; low: entry index + 1
                             * (0 = empty); the tag settles most misses
                             * without touching the entry or its key */
    size_t nslots;          /* power of two, > 2 * n */
    char *pool;             /* keys, each NUL-terminated */
    size_t pool_len, pool_cap;
};

/* eight bytes of s, as the machine reads them */
static uint64_t load64(const char *s)
{
    uint64_t x;
    memcpy(&x, s, sizeof x);
    return x;
}

static uint64_t load32(const char *s)
{
    uint32_t x;
    memcpy(&x, s, sizeof x);
    return x;
}

/* The table's own hash, eight bytes a step (galley_hash64 takes one: the
 * counters' lookups were a tenth of a pipeline's work).  It never leaves
 * the table (entries keep insertion order), so it need not be stable
 * across machines like galley_hash64; mixed so its low bits index slots. */
static uint64_t hash_bytes(const char *s, size_t n)
{
    const uint64_t k = 0x9e3779b97f4a7c15u;
    uint64_t h = (uint64_t)n * k;
    for (; n >= 8; s += 8, n -= 8)
        h = (h ^ load64(s)) * k, h ^= h >> 29;
    uint64_t x;
    if (n >= 4)             /* two overlapping words cover 4..7 bytes */
        x = load32(s) | load32(s + n - 4) << 32;
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
#define SLOT_TAG(h) ((h) & 0xffffffff00000000u)
#define MAX_ENTRIES 0xfffffffeu

/* memcmp(a, b, n) == 0 without a call: keys are mostly words */
static int same(const char *a, const char *b, size_t n)
{
    for (; n >= 8; a += 8, b += 8, n -= 8)
        if (load64(a) != load64(b))
            return 0;
    if (n >= 4)
        return load32(a) == load32(b) && load32(a + n - 4) == load32(b + n - 4);
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

static size_t probe(const galley_counter *c, const char *key, size_t n,
                    uint64_t h)
{
    size_t mask = c->nslots - 1, i = (size_t)h & mask;
    for (;;) {
        uint64_t s = c->slots[i];
        if (s == 0)
            return i;
        if (SLOT_TAG(s) == SLOT_TAG(h)) {
            const entry *e = &c->entries[SLOT_INDEX(s) - 1];
            if (e->hash == h && e->len == n && same(c->pool + e->off, key, n))
                return i;
        }
        i = (i + 1) & mask;
    }
}

static int rehash(galley_counter *c, size_t nslots)
{
    uint64_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return -1;
    free(c->slots);
    c->slots = slots;
    c->nslots = nslots;
    for (size_t k = 0; k < c->n; k++) {
        size_t i = (size_t)c->entries[k].hash & (nslots - 1);
        while (slots[i])
            i = (i + 1) & (nslots - 1);
        slots[i] = SLOT_TAG(c->entries[k].hash) | (k + 1);
    }
    return 0;
}

size_t galley_counter_add(galley_counter *c, const char *key, size_t n,
                          double delta)
{
    if (c->n >= MAX_ENTRIES ||
        (c->nslots < 2 * (c->n + 1) + 2 &&
         rehash(c, c->nslots ? c->nslots * 2 : 32) < 0))
        return (size_t)-1;
    uint64_t h = hash_bytes(key, n);
    size_t i = probe(c, key, n, h);
    if (c->slots[i]) {
        size_t k = SLOT_INDEX(c->slots[i]) - 1;
        c->entries[k].value += delta;
        return k;
    }
    /* the checks before the calls: loading a word list adds 100,000 keys */
    if ((c->n + 1 > c->cap &&
         galley_reserve(&c->entries, &c->cap, c->n + 1, sizeof(entry)) < 0) ||
        (c->pool_len + n + 1 > c->pool_cap &&
         galley_reserve(&c->pool, &c->pool_cap, c->pool_len + n + 1, 1) < 0))
        return (size_t)-1;
    memcpy(c->pool + c->pool_len, key, n);
    c->pool[c->pool_len + n] = '\0';
    c->entries[c->n] = (entry){ c->pool_len, n, h, delta };
    c->pool_len += n + 1;
    c->slots[i] = SLOT_TAG(h) | ++c->n;
    return c->n - 1;
}

size_t galley_counter_find(const galley_counter *c, const char *key, size_t n)
{
    if (c->n == 0)
        return (size_t)-1;
    size_t i = probe(c, key, n, hash_bytes(key, n));
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
