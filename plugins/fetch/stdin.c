/* plugins/fetch/stdin.c - fetch plugin `stdin`: JSON Lines records (or one
 * file path a line) from standard input or a file, so galley can run as a
 * line filter under Hadoop Streaming, Spark's pipe() or GNU parallel. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <galley/galley.h>
#include "common.h"
#include "jsonrec.h"

static const galley_option stdin_options[] = {
    { GALLEY_OPT_STRING, "path", "-", GALLEY_OPT_PATH, 0, 0,
      "file to read records from; \"-\" is standard input", NULL },
    { GALLEY_OPT_STRING, "format", "jsonl", 0, 0, 0,
      "jsonl: one JSON object a line (id, text or html, url, title, date, ...); "
      "paths: one file path a line", "jsonl|paths" },
    { GALLEY_OPT_INT, "max_bytes", "16777216", 0, 1, 1073741824,
      "a longer line (jsonl) or bigger file (paths) fails with its size named", NULL },
    FETCH_SHARD_OPTION("keep", "id"),
    { GALLEY_OPT_STRING, "empty", "fail", 0, 0, 0,
      "a record with empty text or an empty file: fail, skip or keep",
      "fail|skip|keep" },
    FETCH_DECODE_OPTIONS("file (paths)", "files (paths)"),
    { 0 }
};

enum { FMT_JSONL, FMT_PATHS };

typedef struct stdin_state {
    FILE *in;
    int close_in;
    const char *name;       /* "stdin" or the path, for ids and messages */
    int format;
    fetch_shard shard;
    fetch_file file;
    char *line;
    size_t cap;
    unsigned long lineno;
} stdin_state;

/* One JSON Lines record into doc.  GALLEY_OK, GALLEY_ERROR or GALLEY_SKIP. */
static galley_status jsonl_doc(stdin_state *s, galley_doc *doc, const char *line,
                               size_t len)
{
    fetch_jsonrec r = {
        .where = galley_doc_printf(doc, "%s line %lu", s->name, s->lineno),
        .fallback_id = galley_doc_printf(doc, "%s:%lu", s->name, s->lineno),
        .shard = &s->shard,
        .empty = s->file.empty,
    };
    return fetch_jsonrec_doc(doc, line, len, &r);
}

/* Reads the next line without its end into s->line; 1, or 0 at the end of
 * input.  *len is the line's full length, *stored what s->line holds of it:
 * past max_bytes the rest is read and dropped, so one huge line never takes
 * the memory with it. */
static int read_line(stdin_state *s, size_t *len, size_t *stored)
{
    size_t n = 0, total = 0, keep = (size_t)s->file.max_bytes + 1;
    int c = EOF;
    if (!s->line && !(s->line = malloc(s->cap = 4096))) {
        s->cap = 0;
        galley_error("%s: out of memory reading a line", s->name);
        return 0;
    }
    /* the fetch thread is the stream's only reader: no locking per byte */
    while ((c = getc_unlocked(s->in)) != EOF && c != '\n') {
        if (n < keep) {
            /* the call only when the buffer is full: this loop runs per byte
             * on the fetch thread, which every stdin pipeline waits for */
            if (n + 2 > s->cap && galley_reserve(&s->line, &s->cap, n + 2, 1) < 0) {
                keep = n;       /* reported as too long below */
                continue;
            }
            s->line[n++] = (char)c;
        }
        total++;
    }
    if (c == EOF && total == 0)
        return 0;
    s->lineno++;
    while (n > 0 && s->line[n - 1] == '\r')
        n--, total--;
    s->line[n] = '\0';
    *len = total;
    *stored = n;
    return 1;
}

static galley_status stdin_next(void *state, galley_doc *doc)
{
    stdin_state *s = state;
    size_t len, stored;
    while (!galley_stopping() && read_line(s, &len, &stored)) {
        size_t lead = strspn(s->line, " \t");
        if (lead == len)
            continue;       /* blank lines separate nothing */
        galley_status rc;
        if ((long long)len > s->file.max_bytes) {
            galley_doc_set_id(doc, galley_doc_printf(doc, "%s:%lu", s->name, s->lineno));
            return galley_doc_fail(doc, "%s line %lu is %zu bytes, over max_bytes = %lld "
                                   "(raise max_bytes)", s->name, s->lineno, len,
                                   s->file.max_bytes);
        }
        if (stored < len) {
            galley_doc_set_id(doc, galley_doc_printf(doc, "%s:%lu", s->name, s->lineno));
            return galley_doc_fail(doc, "%s line %lu: out of memory reading its %zu bytes",
                                   s->name, s->lineno, len);
        }
        if (s->format == FMT_JSONL) {
            rc = jsonl_doc(s, doc, s->line, len);
        } else if (!fetch_shard_mine(&s->shard, s->line)) {
            rc = GALLEY_SKIP;
        } else {
            rc = fetch_file_doc(doc, s->line, s->line, &s->file);
        }
        if (rc != GALLEY_SKIP)
            return rc;
    }
    if (ferror(s->in)) {
        galley_error("%s: read error after line %lu: %s", s->name, s->lineno,
                     strerror(errno));
        clearerr(s->in);
    }
    return GALLEY_DONE;
}

static galley_status stdin_close(void *state)
{
    stdin_state *s = state;
    if (!s)
        return GALLEY_OK;
    if (s->close_in)
        fclose(s->in);
    free(s->line);
    free(s);
    return GALLEY_OK;
}

static galley_status stdin_open(galley_stage *st, void **state)
{
    char err[256];
    stdin_state *s = calloc(1, sizeof *s);
    if (!s)
        return galley_stage_fail(st, "out of memory");
    const char *path = galley_opt_str(st, "path");
    s->format = !strcmp(galley_opt_str(st, "format"), "paths") ? FMT_PATHS : FMT_JSONL;
    s->file.follow = 1;     /* a path the user listed is meant to be read */
    s->file.max_bytes = galley_opt_int(st, "max_bytes");
    s->file.empty = fetch_empty_mode(galley_opt_str(st, "empty"));
    if (fetch_read_common(st, &s->shard, &s->file.dec, err, sizeof err) < 0) {
        free(s);
        return galley_stage_fail(st, "%s", err);
    }
    if (!path || !strcmp(path, "-")) {
        s->in = stdin;
        s->name = "stdin";
    } else {
        s->in = fopen(path, "r");
        if (!s->in) {
            int e = errno;
            free(s);
            return galley_stage_fail(st, "cannot open '%s': %s", path, strerror(e));
        }
        s->close_in = 1;
        s->name = path;
    }
    *state = s;
    return GALLEY_OK;
}

GALLEY_PLUGIN(stdin,
    .kind = GALLEY_FETCH,
    .summary = "read JSON Lines records (or file paths) from standard input or a file",
    .version = "1.0",
    .license = "MIT",
    .options = stdin_options,
    .provides = "charset",
    .open = stdin_open, .next = stdin_next, .close = stdin_close);
