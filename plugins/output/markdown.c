/* plugins/output/markdown.c - a readable Markdown digest: per article its
 * title, date, source, summary, top entities and keywords, in one file. */
#include <galley/galley.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "sink.h"

typedef struct md {
    galley_stage *stage;
    sink_file out;
    long long top;
    unsigned long long n;
    sink_buf buf;
    size_t repairs;
} md;

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
    const char *v = s ? s : "";
    char *fixed = sink_utf8_repair(v, strlen(v), &len, &m->repairs);
    if (fixed)
        v = fixed;
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
    m->buf.len = 0;
    m->repairs = 0;
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
    char *fixed = sink_utf8_repair(source, strlen(source), &len, &m->repairs);
    if (fixed)
        source = fixed;
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
    if (digest_write_entry(&m->out, &m->buf, doc, m->repairs) != GALLEY_OK)
        return GALLEY_ERROR;
    m->n++;
    return GALLEY_OK;
}

static galley_status markdown_open(galley_stage *st, void **state)
{
    md *m = calloc(1, sizeof *m);
    if (!m)
        return galley_stage_fail(st, "out of memory");
    m->stage = st;
    m->top = galley_opt_int(st, "top");
    if (digest_refuse_resume(st) != GALLEY_OK) {
        free(m);
        return GALLEY_ERROR;
    }
    char err[512];
    if (sink_open(&m->out, galley_opt_str(st, "path"), err, sizeof err) < 0) {
        free(m);
        return galley_stage_fail(st, "%s", err);
    }
    sink_buf_puts(&m->buf, "# ");
    md_inline(m, galley_opt_str(st, "title"));
    sink_buf_puts(&m->buf, "\n\n");
    int e = sink_write(&m->out, m->buf.data, m->buf.len);
    if (e) {
        galley_status rc = galley_stage_fail(st, "cannot write to %s: %s",
                                             sink_name(&m->out), strerror(e));
        sink_abort(&m->out);
        sink_buf_free(&m->buf);
        free(m);
        return rc;
    }
    *state = m;
    return GALLEY_OK;
}

static galley_status markdown_close(void *state)
{
    md *m = state;
    m->buf.len = 0;
    sink_buf_printf(&m->buf, "*%llu article%s.*\n", m->n, m->n == 1 ? "" : "s");
    char err[512];
    int e = sink_write(&m->out, m->buf.data, m->buf.len);
    int rc;
    if (e) {
        snprintf(err, sizeof err, "cannot write to %s: %s", sink_name(&m->out), strerror(e));
        sink_abort(&m->out);
        rc = -1;
    } else {
        rc = sink_commit(&m->out, err, sizeof err);
    }
    galley_stage *st = m->stage;
    sink_buf_free(&m->buf);
    free(m);
    return rc < 0 ? galley_stage_fail(st, "%s", err) : GALLEY_OK;
}

GALLEY_PLUGIN(markdown,
    .kind = GALLEY_OUTPUT,
    .summary = "Markdown digest: title, date, source, summary, top entities and keywords",
    .version = "1.0",
    .license = "MIT",
    .options = markdown_opts,
    .open = markdown_open, .process = markdown_process, .close = markdown_close);
