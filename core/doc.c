/* core/doc.c - the document: identity, raw bytes, text, fields, layers and the
 * per-document arena that owns everything stages attach to it. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include <galley/text.h>

#define ARENA_MIN_CHUNK 4096

typedef struct chunk {
    struct chunk *next;
    size_t used, size;
    max_align_t data[];     /* keeps allocations aligned */
} chunk;

typedef struct value {
    const char *text;
    double score;
} value;

typedef struct field {
    const char *key;
    value *vals;
    size_t n, cap;
} field;

typedef struct layer {
    const char *name;
    galley_span *spans;
    size_t n, cap;
} layer;

struct galley_doc {
    chunk *arena;
    const char *id, *source, *content_type;
    const char *token, *version;    /* fetch's ack token and content version */
    unsigned long long seq;
    const char *raw;
    size_t raw_len;
    void *raw_owned;            /* a taken malloc() buffer */
    const char *text;
    size_t text_len;
    char *text_owned;           /* the text's own block, freed when replaced */
    field *fields;
    size_t nfields, capfields;
    layer *layers;
    size_t nlayers, caplayers;
    const char *error;
    galley_buf *prepared;       /* per output stage: prepare()'s record */
    size_t nprepared, cur_out;  /* cur_out: the output stage being run */
    galley__toklayer *toklayer; /* the toolkit's token layer, in the arena */
};

/* Grows a document's vector.  Out of memory here ends the process
 * (galley_oom): a document half updated would be worse than stopping. */
#define GROW(arr, cap, need) \
    do { \
        if (galley_reserve(&(arr), &(cap), (need), sizeof *(arr)) < 0) \
            galley_oom(); \
    } while (0)

galley_doc *galley_doc_new(void)
{
    galley_doc *d = calloc(1, sizeof *d);
    if (!d)
        galley_oom();
    d->id = d->source = d->content_type = "";
    d->text = d->raw = "";
    return d;
}

void galley_doc_free(galley_doc *d)
{
    if (!d)
        return;
    for (chunk *c = d->arena, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    for (size_t i = 0; i < d->nfields; i++)
        free(d->fields[i].vals);
    for (size_t i = 0; i < d->nlayers; i++)
        free(d->layers[i].spans);
    free(d->fields);
    free(d->layers);
    free(d->raw_owned);
    free(d->text_owned);
    for (size_t i = 0; i < d->nprepared; i++)
        free(d->prepared[i].data);
    free(d->prepared);
    free(d);
}

void *galley_doc_alloc(galley_doc *d, size_t size)
{
    const size_t align = sizeof(max_align_t);
    size = (size + align - 1) / align * align;
    if (size == 0)
        size = align;
    chunk *c = d->arena;
    if (!c || c->size - c->used < size) {
        size_t csize = size > ARENA_MIN_CHUNK ? size : ARENA_MIN_CHUNK;
        /* a big block gets its own chunk behind the head so the head's
         * free space is not wasted */
        c = malloc(sizeof *c + csize);
        if (!c)
            galley_oom();
        c->size = csize;
        c->used = 0;
        if (size > ARENA_MIN_CHUNK / 2 && d->arena) {
            c->next = d->arena->next;
            d->arena->next = c;
        } else {
            c->next = d->arena;
            d->arena = c;
        }
    }
    void *p = (char *)c->data + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

char *galley_doc_strndup(galley_doc *d, const char *s, size_t n)
{
    char *p = galley_doc_alloc(d, n + 1);
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *galley_doc_strdup(galley_doc *d, const char *s)
{
    return galley_doc_strndup(d, s ? s : "", s ? strlen(s) : 0);
}

static char *doc_vprintf(galley_doc *d, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0), nonnull(2)));
static void *arena_alloc(void *d, size_t size)
{
    return galley_doc_alloc(d, size);
}

static char *doc_vprintf(galley_doc *d, const char *fmt, va_list ap)
{
    return galley__vformat(arena_alloc, d, fmt, ap);
}

char *galley_doc_printf(galley_doc *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = doc_vprintf(d, fmt, ap);
    va_end(ap);
    return p;
}

int galley_has_score(double score)
{
    return !isnan(score);
}

/* ---- identity ---- */

const char *galley_doc_id(const galley_doc *d) { return d->id; }
void galley_doc_set_id(galley_doc *d, const char *id)
{
    size_t n = strlen(id), pos = 0, from = 0;
    if (galley_utf8_valid(id, n, NULL)) {
        d->id = galley_doc_strdup(d, id);
        return;
    }
    galley_buf b = { 0 };
    while (galley_utf8_next(id, n, &pos) >= 0) {
        if (pos - from == 1 && (unsigned char)id[from] >= 0x80)    /* not UTF-8 */
            galley__buf_printf(&b, "%%%02X", (unsigned char)id[from]);
        else
            galley__buf_add(&b, id + from, pos - from);
        from = pos;
    }
    d->id = galley_doc_strdup(d, b.data);
    galley__buf_free(&b);
}
const char *galley_doc_source(const galley_doc *d) { return d->source; }
void galley_doc_set_source(galley_doc *d, const char *s) { d->source = galley_doc_strdup(d, s); }
const char *galley_doc_token(const galley_doc *d) { return d->token; }
void galley_doc_set_token(galley_doc *d, const char *s) { d->token = s ? galley_doc_strdup(d, s) : NULL; }
const char *galley_doc_version(const galley_doc *d) { return d->version; }
void galley_doc_set_version(galley_doc *d, const char *s) { d->version = s ? galley_doc_strdup(d, s) : NULL; }
const char *galley_doc_content_type(const galley_doc *d) { return d->content_type; }
void galley_doc_set_content_type(galley_doc *d, const char *t) { d->content_type = galley_doc_strdup(d, t); }
unsigned long long galley_doc_seq(const galley_doc *d) { return d->seq; }
void galley__doc_set_seq(galley_doc *d, unsigned long long seq) { d->seq = seq; }

/* ---- raw and text ---- */

const char *galley_doc_raw(const galley_doc *d, size_t *len)
{
    if (len)
        *len = d->raw_len;
    return d->raw;
}

void galley_doc_set_raw(galley_doc *d, const void *bytes, size_t len)
{
    free(d->raw_owned);
    d->raw_owned = NULL;
    d->raw = galley_doc_strndup(d, bytes, len);
    d->raw_len = len;
}

void galley_doc_take_raw(galley_doc *d, void *buf, size_t len)
{
    free(d->raw_owned);
    d->raw_owned = buf;
    d->raw = buf ? buf : "";
    d->raw_len = buf ? len : 0;
}

const char *galley_doc_text(const galley_doc *d, size_t *len)
{
    if (len)
        *len = d->text_len;
    return d->text;
}

/* The text has a block of its own rather than arena space, so a stage that
 * rewrites a giant text releases the text it replaces (a 16 MB article
 * was held once more by each stage that rewrote it). */
void galley_doc_set_text(galley_doc *d, const char *text, size_t len)
{
    char *copy = len < SIZE_MAX ? malloc(len + 1) : NULL;
    if (!copy)
        galley_oom();
    if (len)
        memcpy(copy, text, len);    /* text may point into the old block */
    copy[len] = '\0';
    free(d->text_owned);
    d->text_owned = copy;
    d->text = copy;
    d->text_len = len;
    d->toklayer = NULL;         /* so does the token layer */
    /* spans index the old text: none may survive it */
    for (size_t i = 0; i < d->nlayers; i++)
        free(d->layers[i].spans);
    free(d->layers);
    d->layers = NULL;
    d->nlayers = d->caplayers = 0;
}

int galley_doc_has_text(const galley_doc *d) { return d->text_len > 0; }

/* ---- fields ---- */

static field *find_field(const galley_doc *d, const char *key)
{
    for (size_t i = 0; i < d->nfields; i++)
        if (strcmp(d->fields[i].key, key) == 0)
            return &d->fields[i];
    return NULL;
}

static field *get_field(galley_doc *d, const char *key)
{
    field *f = find_field(d, key);
    if (f)
        return f;
    GROW(d->fields, d->capfields, d->nfields + 1);
    f = &d->fields[d->nfields++];
    memset(f, 0, sizeof *f);
    f->key = galley_doc_strdup(d, key);
    return f;
}

void galley_doc_add_field(galley_doc *d, const char *key, const char *val, double score)
{
    field *f = get_field(d, key);
    GROW(f->vals, f->cap, f->n + 1);
    f->vals[f->n].text = galley_doc_strdup(d, val);
    f->vals[f->n].score = score;
    f->n++;
}

void galley_doc_set_field(galley_doc *d, const char *key, const char *val)
{
    field *f = get_field(d, key);
    f->n = 0;
    galley_doc_add_field(d, key, val, GALLEY_NO_SCORE);
}

void galley_doc_set_fieldf(galley_doc *d, const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *v = doc_vprintf(d, fmt, ap);
    va_end(ap);
    galley_doc_set_field(d, key, v);
}

void galley_doc_remove_field(galley_doc *d, const char *key)
{
    field *f = find_field(d, key);
    if (!f)
        return;
    free(f->vals);
    size_t i = (size_t)(f - d->fields);
    memmove(f, f + 1, (d->nfields - i - 1) * sizeof *f);
    d->nfields--;
}

const char *galley_doc_field(const galley_doc *d, const char *key)
{
    return galley_doc_field_value(d, key, 0, NULL);
}

size_t galley_doc_field_count(const galley_doc *d, const char *key)
{
    const field *f = find_field(d, key);
    return f ? f->n : 0;
}

const char *galley_doc_field_value(const galley_doc *d, const char *key, size_t i,
                                   double *score)
{
    const field *f = find_field(d, key);
    if (!f || i >= f->n)
        return NULL;
    if (score)
        *score = f->vals[i].score;
    return f->vals[i].text;
}

size_t galley_doc_nkeys(const galley_doc *d) { return d->nfields; }

const char *galley_doc_key(const galley_doc *d, size_t k)
{
    return k < d->nfields ? d->fields[k].key : NULL;
}

/* ---- layers ---- */

static layer *find_layer(const galley_doc *d, const char *name)
{
    for (size_t i = 0; i < d->nlayers; i++)
        if (strcmp(d->layers[i].name, name) == 0)
            return &d->layers[i];
    return NULL;
}

int galley_doc_add_span(galley_doc *d, const char *name, size_t start, size_t end,
                        const char *label, double score)
{
    if (start > end || end > d->text_len)
        return -1;
    layer *l = find_layer(d, name);
    if (!l) {
        GROW(d->layers, d->caplayers, d->nlayers + 1);
        l = &d->layers[d->nlayers++];
        memset(l, 0, sizeof *l);
        l->name = galley_doc_strdup(d, name);
    }
    GROW(l->spans, l->cap, l->n + 1);
    galley_span *s = &l->spans[l->n++];
    s->start = start;
    s->end = end;
    s->label = label ? galley_doc_strdup(d, label) : NULL;
    s->score = score;
    return 0;
}

const galley_span *galley_doc_layer(const galley_doc *d, const char *name, size_t *n)
{
    const layer *l = find_layer(d, name);
    if (n)
        *n = l ? l->n : 0;
    return l ? l->spans : NULL;
}

void galley_doc_remove_layer(galley_doc *d, const char *name)
{
    layer *l = find_layer(d, name);
    if (!l)
        return;
    free(l->spans);
    size_t i = (size_t)(l - d->layers);
    memmove(l, l + 1, (d->nlayers - i - 1) * sizeof *l);
    d->nlayers--;
}

size_t galley_doc_nlayers(const galley_doc *d) { return d->nlayers; }

const char *galley_doc_layer_name(const galley_doc *d, size_t k)
{
    return k < d->nlayers ? d->layers[k].name : NULL;
}

/* ---- failure ---- */

int galley_doc_vfail(galley_doc *d, const char *fmt, va_list ap)
{
    d->error = doc_vprintf(d, fmt, ap);
    return GALLEY_ERROR;
}

int galley_doc_fail(galley_doc *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    galley_doc_vfail(d, fmt, ap);
    va_end(ap);
    return GALLEY_ERROR;
}

const char *galley_doc_error(const galley_doc *d) { return d->error; }
void galley__doc_clear_error(galley_doc *d) { d->error = NULL; }

/* ---- records prepared by outputs in the workers (ABI 1.2) ---- */

void galley__doc_select_output(galley_doc *d, size_t k)
{
    d->cur_out = k;
}

void galley_doc_set_prepared(galley_doc *d, void *buf, size_t len)
{
    if (d->cur_out >= d->nprepared) {
        size_t cap = d->nprepared;
        GROW(d->prepared, cap, d->cur_out + 1);
        memset(d->prepared + d->nprepared, 0,
               (cap - d->nprepared) * sizeof *d->prepared);
        d->nprepared = cap;
    }
    galley_buf *b = &d->prepared[d->cur_out];
    free(b->data);
    b->data = buf;
    b->len = buf ? len : 0;
    b->cap = b->len;
}

const char *galley_doc_prepared(const galley_doc *d, size_t *len)
{
    const galley_buf *b = d->cur_out < d->nprepared ? &d->prepared[d->cur_out] : NULL;
    if (len)
        *len = b && b->data ? b->len : 0;
    return b ? b->data : NULL;
}

galley__toklayer *galley__doc_toklayer(const galley_doc *d)
{
    return d->toklayer;
}

void galley__doc_set_toklayer(galley_doc *d, galley__toklayer *L)
{
    d->toklayer = L;
}
