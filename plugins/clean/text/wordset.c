/* plugins/clean/text/wordset.c - the English word list as a hash set, loaded
 * once per worker (one read, one table; no per-word allocation). */
#include <galley/util.h>
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* the toolkit's hash, its mixed low half kept in a slot's high half */
static uint32_t hash(const char *s, size_t n)
{
    return (uint32_t)galley_hash_mix(galley_hash64(s, n));
}

/* a slot holds the word's hash (high half, compared before the bytes) and
 * its offset + 1 (low half; 0 = empty) */
static uint64_t slot_of(uint32_t h, size_t off)
{
    return ((uint64_t)h << 32) | (uint64_t)(off + 1);
}

/* Duplicates (a list with a word twice) are harmless: a lookup stops at the
 * first, so inserting skips the comparison that would find them. */
static void insert(ct_wordset *ws, size_t off, size_t n)
{
    uint32_t h = hash(ws->words + off, n);
    size_t i = h & ws->mask;
    while (ws->slots[i])
        i = (i + 1) & ws->mask;
    ws->slots[i] = slot_of(h, off);
    ws->count++;
}

/* doubles the table; slots keep their hash, so nothing is rehashed */
static int grow_table(ct_wordset *ws)
{
    size_t cap = (ws->mask + 1) * 2;
    uint64_t *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t k = 0; k <= ws->mask; k++) {
        uint64_t v = ws->slots[k];
        if (!v)
            continue;
        size_t i = (uint32_t)(v >> 32) & (cap - 1);
        while (slots[i])
            i = (i + 1) & (cap - 1);
        slots[i] = v;
    }
    free(ws->slots);
    ws->slots = slots;
    ws->mask = cap - 1;
    return 0;
}

int ct_wordset_load(ct_wordset *ws, const char *path, char *err, size_t errlen)
{
    memset(ws, 0, sizeof *ws);
    if (!(ws->words = galley_read_file(path, &ws->size))) {
        snprintf(err, errlen, "cannot read word list %s: %s", path, strerror(errno));
        return -1;
    }
    if (ws->size >= UINT32_MAX) {
        snprintf(err, errlen, "word list %s is too large (over 4 GB)", path);
        ct_wordset_free(ws);
        return -1;
    }
    /* a word list has about one word per 9 bytes: start under half full,
     * and grow for lists of shorter lines */
    size_t cap = 1024;
    while (cap < ws->size / 4)
        cap *= 2;
    ws->slots = calloc(cap, sizeof *ws->slots);
    if (!ws->slots) {
        snprintf(err, errlen, "word list %s: out of memory", path);
        ct_wordset_free(ws);
        return -1;
    }
    ws->mask = cap - 1;
    char *p = ws->words, *end = ws->words + ws->size;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *e = nl ? nl : end;
        *e = '\0';
        if (e > p && e[-1] == '\r')
            *--e = '\0';       /* a list saved with CRLF */
        if (e > p) {
            if (ws->count * 2 >= ws->mask && grow_table(ws) != 0) {
                snprintf(err, errlen, "word list %s: out of memory", path);
                ct_wordset_free(ws);
                return -1;
            }
            insert(ws, (size_t)(p - ws->words), (size_t)(e - p));
        }
        p = (nl ? nl : end) + 1;
    }
    return 0;
}

int ct_wordset_has(const ct_wordset *ws, const char *w, size_t n)
{
    if (!ws->slots)
        return 0;
    uint32_t h = hash(w, n);
    size_t i = h & ws->mask;
    while (ws->slots[i]) {
        uint64_t v = ws->slots[i];
        if ((uint32_t)(v >> 32) == h) {
            const char *o = ws->words + (uint32_t)v - 1;
            if (strncmp(o, w, n) == 0 && o[n] == '\0')
                return 1;
        }
        i = (i + 1) & ws->mask;
    }
    return 0;
}

void ct_wordset_free(ct_wordset *ws)
{
    free(ws->words);
    free(ws->slots);
    memset(ws, 0, sizeof *ws);
}
