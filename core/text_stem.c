/* core/text_stem.c - the toolkit's stemmer: a per-worker handle over
 * libstemmer (Snowball) that case-folds the word before stemming it, and
 * remembers the stems of recent short words (a news article says the same
 * words again and again; Snowball costs some 400 instructions a word). */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <galley/util.h>

#include <galley/util.h>

#include "text_int.h"

/* a remembered stem: folded word -> stem, both shorter than STEM_KEY */
#define STEM_KEY 23
#define STEM_SLOTS 1024     /* a power of two; 48 KB a handle */
typedef struct stem_slot {
    unsigned char klen, slen;   /* klen 0: empty */
    char key[STEM_KEY], stem[STEM_KEY];
} stem_slot;

struct galley_stemmer {
    struct sb_stemmer *sb;
    char *lang;
    char *buf;              /* the case-folded word */
    size_t cap;
    stem_slot *memo;        /* STEM_SLOTS, direct-mapped; NULL until used */
};

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
    return st;
}

void galley_stemmer_free(galley_stemmer *st)
{
    if (!st)
        return;
    sb_stemmer_delete(st->sb);
    free(st->lang);
    free(st->buf);
    free(st->memo);
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
    stem_slot *m = NULL;
    if (need > 0 && need < STEM_KEY &&
        (st->memo || (st->memo = calloc(STEM_SLOTS, sizeof *st->memo)))) {
        m = &st->memo[galley_hash64(st->buf, need) & (STEM_SLOTS - 1)];
        if (m->klen == need && memcmp(m->key, st->buf, need) == 0) {
            if (outlen)
                *outlen = m->slen;
            return m->stem;
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
    if (m && sl < STEM_KEY) {
        m->klen = (unsigned char)need;
        memcpy(m->key, st->buf, need);
        m->slen = (unsigned char)sl;
        memcpy(m->stem, r, sl);
        m->stem[sl] = '\0';
    }
    if (outlen)
        *outlen = sl;
    return (const char *)r;
}

const char *galley_stemmer_lang(const galley_stemmer *st)
{
    return st && st->lang ? st->lang : "";
}
