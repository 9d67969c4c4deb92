/* plugins/output/digest.c - what a readable digest shows of an article (see
 * digest.h), computed from fields and the entity layer. */
#include <galley/galley.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"

const digest_group digest_groups[] = {
    { "PERSON", "People" }, { "ORG", "Organizations" }, { "LOC", "Places" },
    { NULL, "Other" }
};

const char *digest_title(galley_doc *doc)
{
    const char *t = galley_doc_field(doc, "title");
    if (t && *t)
        return t;
    size_t len;
    const char *text = galley_doc_text(doc, &len);
    while (len > 0 && (*text == '\n' || *text == ' ' || *text == '\r' || *text == '\t')) {
        text++;
        len--;
    }
    const char *nl = memchr(text, '\n', len);
    size_t n = nl ? (size_t)(nl - text) : len;
    if (n > 0)
        return galley_doc_strndup(doc, text, n > 200 ? 200 : n);
    return galley_doc_id(doc);
}

const char *digest_summary(galley_doc *doc)
{
    size_t n = galley_doc_field_count(doc, "summary");
    if (n <= 1)
        return galley_doc_field(doc, "summary");
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += strlen(galley_doc_field_value(doc, "summary", i, NULL)) + 1;
    char *out = galley_doc_alloc(doc, len), *p = out;
    for (size_t i = 0; i < n; i++) {
        const char *v = galley_doc_field_value(doc, "summary", i, NULL);
        if (i)
            *p++ = ' ';
        size_t vl = strlen(v);
        memcpy(p, v, vl);
        p += vl;
    }
    *p = '\0';
    return out;
}

static int known_label(const char *label)
{
    for (const digest_group *g = digest_groups; g->label; g++)
        if (strcmp(g->label, label) == 0)
            return 1;
    return 0;
}

static int in_group(const char *label, const char *want)
{
    return want ? strcmp(label, want) == 0 : !known_label(label);
}

/* Adds one mention; arrays are small (entities of one article). */
static void count(digest_entity *e, size_t *n, const char *name, const char *label)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(e[i].name, name) == 0) {
            e[i].count++;
            return;
        }
    e[*n].name = name;
    e[*n].label = label;
    e[*n].count = 1;
    e[*n].first = *n;
    (*n)++;
}

static int by_count(const void *a, const void *b)
{
    const digest_entity *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return x->first < y->first ? -1 : x->first > y->first;
}

static const char *const field_of[][2] = {
    { "PERSON", "people" }, { "ORG", "organizations" }, { "LOC", "places" } };

size_t digest_entities(galley_doc *doc, const char *label, size_t max, digest_entity **out)
{
    size_t ns;
    const galley_span *sp = galley_doc_layer(doc, "entity", &ns);
    const char *text = galley_doc_text(doc, NULL);
    size_t cap = ns, n = 0;
    if (ns == 0)
        for (int k = 0; k < 3; k++)
            cap += galley_doc_field_count(doc, field_of[k][1]);
    digest_entity *e = galley_doc_alloc(doc, (cap + 1) * sizeof *e);
    for (size_t i = 0; i < ns; i++) {
        const char *l = sp[i].label ? sp[i].label : "";
        if (in_group(l, label))
            count(e, &n, galley_doc_strndup(doc, text + sp[i].start, sp[i].end - sp[i].start), l);
    }
    for (int k = 0; ns == 0 && k < 3; k++) {
        if (!in_group(field_of[k][0], label))
            continue;
        size_t nv = galley_doc_field_count(doc, field_of[k][1]);
        for (size_t i = 0; i < nv; i++)
            count(e, &n, galley_doc_field_value(doc, field_of[k][1], i, NULL), field_of[k][0]);
    }
    qsort(e, n, sizeof *e, by_count);
    *out = e;
    return n < max ? n : max;
}

size_t digest_keywords(galley_doc *doc, size_t max, const char ***out)
{
    size_t n = galley_doc_field_count(doc, "keyword");
    if (n > max)
        n = max;
    const char **k = galley_doc_alloc(doc, (n + 1) * sizeof *k);
    for (size_t i = 0; i < n; i++)
        k[i] = galley_doc_field_value(doc, "keyword", i, NULL);
    *out = k;
    return n;
}

void digest_begin_entry(digest_out *d)
{
    sink_buf_reset(&d->buf);
    d->repairs = 0;
}

galley_status digest_write_entry(digest_out *d, galley_doc *doc)
{
    if (sink_buf_failed(&d->buf))
        return galley_doc_fail(doc, "out of memory building the digest entry (%zu bytes "
                               "built); it is left out of %s", d->buf.len, sink_name(&d->out));
    if (d->repairs)
        galley_warn("%s: output: invalid UTF-8 replaced with U+FFFD in the digest",
                    galley_doc_id(doc));
    int e = sink_write(&d->out, d->buf.data, d->buf.len);
    if (e)
        return sink_write_failed(&d->out, d->stage, doc, "the digest entry", e);
    d->n++;
    return GALLEY_OK;
}

/* A digest is written whole at close from the documents of one run; a run
 * with a state file processes only new or changed documents, so it would
 * silently lose the rest. */
static galley_status refuse_resume(galley_stage *st)
{
    if (!galley_stage_resuming(st, NULL))
        return GALLEY_OK;
    return galley_stage_fail(st, "cannot be used with a state file (--state or state = ...): "
                             "it writes its digest whole at close, and a run with a state "
                             "file processes only new or changed documents, so the digest "
                             "would miss the others; write jsonl, csv, json or sqlite in "
                             "such a run and make the digest in a run without a state file");
}

/* writes the head or the foot built in d->buf: 0, or -1 with the message in err */
static int write_part(digest_out *d, char *err, size_t errlen)
{
    if (sink_buf_failed(&d->buf)) {
        snprintf(err, errlen, "out of memory writing %s", sink_name(&d->out));
        return -1;
    }
    int e = sink_write(&d->out, d->buf.data, d->buf.len);
    if (e) {
        snprintf(err, errlen, "cannot write to %s: %s", sink_name(&d->out), strerror(e));
        return -1;
    }
    return 0;
}

galley_status digest_open(galley_stage *st, void (*head)(digest_out *d, const char *title),
                          void **state)
{
    if (refuse_resume(st) != GALLEY_OK)
        return GALLEY_ERROR;
    digest_out *d = calloc(1, sizeof *d);
    if (!d)
        return galley_stage_fail(st, "out of memory");
    d->stage = st;
    d->top = galley_opt_int(st, "top");
    char err[512];
    if (sink_open(&d->out, galley_opt_str(st, "path"), err, sizeof err) < 0) {
        free(d);
        return galley_stage_fail(st, "%s", err);
    }
    head(d, galley_opt_str(st, "title"));
    if (write_part(d, err, sizeof err) < 0) {
        sink_abort(&d->out);
        sink_buf_free(&d->buf);
        free(d);
        return galley_stage_fail(st, "%s", err);
    }
    *state = d;
    return GALLEY_OK;
}

galley_status digest_close(digest_out *d, void (*foot)(digest_out *d))
{
    char err[512];
    int rc = 0;
    if (d->out.gone) {
        /* the reader went away: the run stopped and said so once already */
        sink_abort(&d->out);
    } else {
        sink_buf_reset(&d->buf);
        foot(d);
        rc = write_part(d, err, sizeof err);
        if (rc < 0)
            sink_abort(&d->out);
        else
            rc = sink_commit(&d->out, err, sizeof err);
    }
    galley_stage *st = d->stage;
    sink_buf_free(&d->buf);
    free(d);
    return rc < 0 ? galley_stage_fail(st, "%s", err) : GALLEY_OK;
}
