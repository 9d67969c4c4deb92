/* plugins/output/csv.c - CSV output: selected columns per document, one row
 * each, RFC 4180 quoting (CRLF rows, "" inside quoted values). */
#include <galley/galley.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sink.h"

typedef struct csv {
    galley_stage *stage;
    sink_file out;
    const char *const *cols;
    size_t ncols;
    const char *sep;        /* between the values of a multi-valued field */
    char delim;
    sink_buf buf, val;
    size_t repairs;
} csv;

static const galley_option csv_opts[] = {
    { GALLEY_OPT_STRING, "path", "-", GALLEY_OPT_PATH, 0, 0,
      "output file (written to a temp file, renamed at close; with a state file, "
      "appended to); - = standard output", NULL },
    { GALLEY_OPT_LIST, "columns", NULL, 0, 0, 0,
      "columns: id, source, content_type, text, or any field name "
      "(default: id title date source summary)", NULL },
    { GALLEY_OPT_BOOL, "header", "true", 0, 0, 0, "write a header row of column names", NULL },
    { GALLEY_OPT_STRING, "separator", "; ", 0, 0, 0,
      "joins the values of a multi-valued field (people, keyword, ...)", NULL },
    { GALLEY_OPT_STRING, "delimiter", ",", 0, 1, 1, "column delimiter (one character)",
      NULL },
    { 0 }
};

/* Appends one value, quoted when it holds the delimiter, a quote or a line
 * break (RFC 4180 section 2); NULs become spaces, invalid UTF-8 U+FFFD. */
static void put_value(csv *c, const char *v, size_t n)
{
    char *fixed;
    v = sink_utf8_value(&c->buf, v, n, &n, &c->repairs, &fixed);
    int quote = 0;
    for (size_t i = 0; i < n && !quote; i++)
        quote = v[i] == c->delim || v[i] == '"' || v[i] == '\n' || v[i] == '\r';
    if (quote)
        sink_buf_add(&c->buf, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        if (v[i] == '"')
            sink_buf_add(&c->buf, "\"\"", 2);
        else if (v[i] == '\0')
            sink_buf_add(&c->buf, " ", 1);
        else
            sink_buf_add(&c->buf, v + i, 1);
    }
    if (quote)
        sink_buf_add(&c->buf, "\"", 1);
    free(fixed);
}

static void put_column(csv *c, const galley_doc *doc, const char *col)
{
    const char *v = NULL;
    if (strcmp(col, "id") == 0)
        v = galley_doc_id(doc);
    else if (strcmp(col, "source") == 0)
        v = galley_doc_source(doc);
    else if (strcmp(col, "content_type") == 0)
        v = galley_doc_content_type(doc);
    else if (strcmp(col, "text") == 0) {
        size_t len;
        const char *t = galley_doc_text(doc, &len);
        put_value(c, t, len);
        return;
    }
    if (v) {
        put_value(c, v, strlen(v));
        return;
    }
    sink_buf_reset(&c->val);
    sink_buf_add(&c->val, "", 0);
    size_t n = galley_doc_field_count(doc, col);
    for (size_t i = 0; i < n; i++) {
        if (i)
            sink_buf_puts(&c->val, c->sep);
        sink_buf_puts(&c->val, galley_doc_field_value(doc, col, i, NULL));
    }
    if (sink_buf_failed(&c->val))
        c->buf.failed = 1;
    else
        put_value(c, c->val.data, c->val.len);
}

static galley_status csv_process(void *state, galley_doc *doc)
{
    csv *c = state;
    sink_buf_reset(&c->buf);
    c->repairs = 0;
    for (size_t i = 0; i < c->ncols; i++) {
        if (i)
            sink_buf_add(&c->buf, &c->delim, 1);
        put_column(c, doc, c->cols[i]);
    }
    sink_buf_add(&c->buf, "\r\n", 2);
    if (sink_buf_failed(&c->buf))
        return galley_doc_fail(doc, "out of memory building the CSV row (%zu bytes built); "
                               "it is left out of %s", c->buf.len, sink_name(&c->out));
    if (c->repairs)
        galley_warn("%s: output: invalid UTF-8 replaced with U+FFFD in the CSV row",
                    galley_doc_id(doc));
    int e = sink_write(&c->out, c->buf.data, c->buf.len);
    if (e)
        return sink_write_failed(&c->out, c->stage, doc, "the row", e);
    return GALLEY_OK;
}

static void csv_free(csv *c)
{
    sink_buf_free(&c->buf);
    sink_buf_free(&c->val);
    free(c);
}

static galley_status csv_open(galley_stage *st, void **state)
{
    csv *c = calloc(1, sizeof *c);
    if (!c)
        return galley_stage_fail(st, "out of memory");
    c->stage = st;
    static const char *const default_cols[] = { "id", "title", "date", "source", "summary" };
    c->ncols = galley_opt_list(st, "columns", &c->cols);
    if (c->ncols == 0) {
        c->cols = default_cols;
        c->ncols = sizeof default_cols / sizeof default_cols[0];
    }
    c->sep = galley_opt_str(st, "separator");
    const char *d = galley_opt_str(st, "delimiter");
    c->delim = d && *d ? d[0] : ',';
    if (c->delim == '"' || c->delim == '\n' || c->delim == '\r') {
        free(c);
        return galley_stage_fail(st, "option 'delimiter' cannot be a quote or a line break");
    }
    char err[512];
    if (sink_open_stage(&c->out, st, galley_opt_str(st, "path"), err, sizeof err) < 0) {
        free(c);
        return galley_stage_fail(st, "%s", err);
    }
    /* a file continued by a run with a state file has its header */
    if (galley_opt_bool(st, "header") && !(c->out.inplace && c->out.good > 0)) {
        for (size_t i = 0; i < c->ncols; i++) {
            if (i)
                sink_buf_add(&c->buf, &c->delim, 1);
            put_value(c, c->cols[i], strlen(c->cols[i]));
        }
        sink_buf_add(&c->buf, "\r\n", 2);
        int e = sink_buf_failed(&c->buf) ? ENOMEM : sink_write(&c->out, c->buf.data, c->buf.len);
        if (e) {
            galley_status rc = galley_stage_fail(st, "cannot write to %s: %s",
                                                 sink_name(&c->out), strerror(e));
            sink_abort(&c->out);
            csv_free(c);
            return rc;
        }
    }
    *state = c;
    return GALLEY_OK;
}

static galley_status csv_flush(void *state)
{
    csv *c = state;
    return sink_flush_stage(&c->out, c->stage);
}

static galley_status csv_close(void *state)
{
    csv *c = state;
    char err[512];
    int rc = sink_commit(&c->out, err, sizeof err);
    galley_stage *st = c->stage;
    csv_free(c);
    return rc < 0 ? galley_stage_fail(st, "%s", err) : GALLEY_OK;
}

GALLEY_PLUGIN(csv,
    .kind = GALLEY_OUTPUT,
    .summary = "CSV: chosen columns (id, fields, text) per document, RFC 4180 quoting",
    .version = "1.0",
    .license = "MIT",
    .options = csv_opts,
    .open = csv_open, .process = csv_process, .close = csv_close,
    .flush = csv_flush);
