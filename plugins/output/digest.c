/* plugins/output/digest.c - what a readable digest shows of an article (see
 * digest.h), computed from fields and the entity layer. */
#include <galley/galley.h>

#include <stdlib.h>
#include <errno.h>
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

galley_status digest_write_entry(sink_file *out, const sink_buf *entry, galley_doc *doc,
                                 size_t repairs)
{
    if (repairs)
        galley_warn("%s: output: invalid UTF-8 replaced with U+FFFD in the digest",
                    galley_doc_id(doc));
    int e = sink_write(out, entry->data, entry->len);
    if (e)
        return galley_doc_fail(doc, "cannot write the digest entry to %s: %s",
                               sink_name(out), strerror(e));
    return GALLEY_OK;
}

galley_status digest_refuse_resume(galley_stage *st)
{
    if (!galley_stage_resuming(st, NULL))
        return GALLEY_OK;
    return galley_stage_fail(st, "cannot be used with a state file (--state or state = ...): "
                             "it writes its digest whole at close, and a run with a state "
                             "file processes only new or changed documents, so the digest "
                             "would miss the others; write jsonl, csv, json or sqlite in "
                             "such a run and make the digest in a run without a state file");
}
