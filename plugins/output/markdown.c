/* plugins/output/markdown.c - a readable Markdown digest: per article its
 * title, date, source, summary, top entities and keywords, in one file. */
#include <galley/galley.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "sink.h"

typedef digest_out md;

static const galley_option markdown_opts[] = {
    { GALLEY_OPT_STRING, "path", "-", GALLEY_OPT_PATH, 0, 0,
      "output file (written to a temp file, renamed at close); - = standard output", NULL },
    { GALLEY_OPT_STRING, "title", "galley digest", 0, 0, 0, "the digest's heading", NULL },
    { GALLEY_OPT_INT, "top", "5", 0, 0, 100,
      "entities of each kind and keywords to list per article", NULL },
    { 0 }
};

/* Inline text: one line, Markdown punctuation backslash-escaped so a value
 * never turns into markup (CommonMark escapes any ASCII punctuation). */
static void md_inline(md *m, const char *s)
{
    size_t len;
    char *fixed;
    s = s ? s : "";
    const char *v = sink_utf8_value(&m->buf, s, strlen(s), &len, &m->repairs, &fixed);
    for (const char *p = v; *p; p++) {
        if (*p == '\n' || *p == '\r' || *p == '\t')
            sink_buf_add(&m->buf, " ", 1);
        else if (strchr("\\`*_[]<>|~&#!", *p))
            sink_buf_printf(&m->buf, "\\%c", *p);
        else
            sink_buf_add(&m->buf, p, 1);
    }
    free(fixed);
}

static int is_url(const char *s)
{
    if (strncmp(s, "http://", 7) != 0 && strncmp(s, "https://", 8) != 0)
        return 0;
    return strcspn(s, " <>\"\n\r\t") == strlen(s);
}

static void md_entities(md *m, galley_doc *doc)
{
    for (const digest_group *g = digest_groups; ; g++) {
        digest_entity *e;
        size_t n = digest_entities(doc, g->label, (size_t)m->top, &e);
        if (n > 0) {
            sink_buf_printf(&m->buf, "- **%s:** ", g->heading);
            for (size_t i = 0; i < n; i++) {
                if (i)
                    sink_buf_puts(&m->buf, ", ");
                md_inline(m, e[i].name);
                if (e[i].count > 1)
                    sink_buf_printf(&m->buf, " (%zu)", e[i].count);
            }
            sink_buf_puts(&m->buf, "\n");
        }
        if (!g->label)
            break;
    }
    const char **kw;
    size_t nk = digest_keywords(doc, (size_t)m->top, &kw);
    if (nk > 0) {
        sink_buf_puts(&m->buf, "- **Keywords:** ");
        for (size_t i = 0; i < nk; i++) {
            if (i)
                sink_buf_puts(&m->buf, ", ");
            md_inline(m, kw[i]);
        }
        sink_buf_puts(&m->buf, "\n");
    }
}

static galley_status markdown_process(void *state, galley_doc *doc)
{
    md *m = state;
    digest_begin_entry(m);
    sink_buf_puts(&m->buf, "## ");
    md_inline(m, digest_title(doc));
    sink_buf_puts(&m->buf, "\n\n");
    const char *date = galley_doc_field(doc, "date");
    const char *source = galley_doc_source(doc);
    if (!*source)
        source = galley_doc_id(doc);
    if (date && *date) {
        sink_buf_puts(&m->buf, "*");
        md_inline(m, date);
        sink_buf_puts(&m->buf, "* · ");
    }
    size_t len;
    char *fixed;
    source = sink_utf8_value(&m->buf, source, strlen(source), &len, &m->repairs, &fixed);
    if (is_url(source))
        sink_buf_printf(&m->buf, "<%s>\n\n", source);
    else {
        sink_buf_puts(&m->buf, "`");
        /* inside a code span only backticks matter; the path stays readable */
        for (const char *p = source; *p; p++)
            sink_buf_add(&m->buf, *p == '`' || *p == '\n' || *p == '\r' ? "'" : p, 1);
        sink_buf_puts(&m->buf, "`\n\n");
    }
    free(fixed);
    const char *summary = digest_summary(doc);
    if (summary && *summary) {
        sink_buf_puts(&m->buf, "> ");
        md_inline(m, summary);
        sink_buf_puts(&m->buf, "\n\n");
    }
    md_entities(m, doc);
    sink_buf_puts(&m->buf, "\n---\n\n");
    return digest_write_entry(m, doc);
}

static void markdown_head(md *m, const char *title)
{
    sink_buf_puts(&m->buf, "# ");
    md_inline(m, title);
    sink_buf_puts(&m->buf, "\n\n");
}

static galley_status markdown_open(galley_stage *st, void **state)
{
    return digest_open(st, markdown_head, state);
}

static void markdown_foot(md *m)
{
    sink_buf_printf(&m->buf, "*%llu article%s.*\n", m->n, m->n == 1 ? "" : "s");
}

static galley_status markdown_close(void *state)
{
    return digest_close(state, markdown_foot);
}

GALLEY_PLUGIN(markdown,
    .kind = GALLEY_OUTPUT,
    .summary = "Markdown digest: title, date, source, summary, top entities and keywords",
    .version = "1.0",
    .license = "MIT",
    .options = markdown_opts,
    .open = markdown_open, .process = markdown_process, .close = markdown_close);
