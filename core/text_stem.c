/* core/text_stem.c - the toolkit's stemmer: a per-worker handle over
 * libstemmer (Snowball) that case-folds the word before stemming it. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include <galley/util.h>

#include "text_int.h"

struct galley_stemmer {
    struct sb_stemmer *sb;
    char *lang;
    char *buf;              /* the case-folded word */
    size_t cap;
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
    const sb_symbol *r = sb_stemmer_stem(st->sb, (const sb_symbol *)st->buf,
                                         (int)need);
    if (!r) {                   /* out of memory inside libstemmer */
        if (outlen)
            *outlen = need;
        return st->buf;
    }
    if (outlen)
        *outlen = (size_t)sb_stemmer_length(st->sb);
    return (const char *)r;
}

const char *galley_stemmer_lang(const galley_stemmer *st)
{
    return st && st->lang ? st->lang : "";
}
