/* plugins/output/jsonl.c - JSON Lines output: one JSON object per document
 * (schema: doc/output-schema.md), to standard output or a file renamed into
 * place at close.  JSON is built and escaped by jansson (record.c). */
#include <galley/galley.h>

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "sink.h"

typedef struct jsonl {
    galley_stage *stage;        /* for close()'s failure message */
    sink_file out;
    jrec rec;
    sink_buf buf;               /* reused for each record */
    atomic_ullong prepared_repairs; /* counted by prepare() in the workers */
} jsonl;

static const galley_option jsonl_opts[] = {
    { GALLEY_OPT_STRING, "path", "-", GALLEY_OPT_PATH, 0, 0,
      "output file (written to a temp file, renamed at close; with a state file, "
      "appended to); - = standard output", NULL },
    JREC_OPTIONS,
    { GALLEY_OPT_BOOL, "pretty", "false", 0, 0, 0,
      "indent each record over several lines (no longer one record a line)", NULL },
    { 0 }
};

/* in a worker: the record is built on a copy of the (read-only) settings */
static galley_status jsonl_prepare(void *state, galley_doc *doc)
{
    jsonl *j = state;
    jrec rec = j->rec;
    rec.total_repairs = 0;
    sink_buf b = { 0 };
    if (jrec_encode(&rec, doc, &b) < 0) {
        galley_status rc = jrec_fail(&rec, &b, doc);
        sink_buf_free(&b);
        return rc;
    }
    if (rec.total_repairs)
        atomic_fetch_add(&j->prepared_repairs, rec.total_repairs);
    galley_doc_set_prepared(doc, b.data, b.len);
    return GALLEY_OK;
}

static galley_status jsonl_process(void *state, galley_doc *doc)
{
    jsonl *j = state;
    size_t len;
    const char *rec = galley_doc_prepared(doc, &len);
    if (!rec) {
        if (jrec_encode(&j->rec, doc, &j->buf) < 0)
            return jrec_fail(&j->rec, &j->buf, doc);
        rec = j->buf.data;
        len = j->buf.len;
    }
    int e = sink_write(&j->out, rec, len);
    jrec_trim(&j->buf);
    if (e)
        return sink_write_failed(&j->out, j->stage, doc, "the record", e);
    return GALLEY_OK;
}

static galley_status jsonl_open(galley_stage *st, void **state)
{
    jsonl *j = calloc(1, sizeof *j);
    if (!j)
        return galley_stage_fail(st, "out of memory");
    jrec_open(st, &j->rec, galley_opt_bool(st, "pretty"));
    atomic_init(&j->prepared_repairs, 0);
    char err[512];
    if (sink_open_stage(&j->out, st, galley_opt_str(st, "path"), err, sizeof err) < 0) {
        free(j);
        return galley_stage_fail(st, "%s", err);
    }
    j->stage = st;
    *state = j;
    return GALLEY_OK;
}

static galley_status jsonl_flush(void *state)
{
    jsonl *j = state;
    return sink_flush_stage(&j->out, j->stage);
}

static galley_status jsonl_close(void *state)
{
    jsonl *j = state;
    char err[512];
    int rc = sink_commit(&j->out, err, sizeof err);
    unsigned long long repairs = j->rec.total_repairs + atomic_load(&j->prepared_repairs);
    if (repairs)
        galley_info("output: %llu invalid UTF-8 byte(s) replaced with U+FFFD in all", repairs);
    galley_stage *st = j->stage;
    sink_buf_free(&j->buf);
    free(j);
    return rc < 0 ? galley_stage_fail(st, "%s", err) : GALLEY_OK;
}

GALLEY_PLUGIN(jsonl,
    .kind = GALLEY_OUTPUT,
    .summary = "JSON Lines: one JSON object per document (id, fields, text, layers)",
    .version = "1.0",
    .license = "MIT",
    .options = jsonl_opts,
    .open = jsonl_open, .process = jsonl_process, .close = jsonl_close,
    .flush = jsonl_flush, .prepare = jsonl_prepare);
