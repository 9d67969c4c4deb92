/* plugins/fetch/stdin.c - fetch plugin `stdin`: JSON Lines records (or one
 * file path a line) from standard input or a file, so galley can run as a
 * line filter under Hadoop Streaming, Spark's pipe() or GNU parallel. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
    char rbuf[65536];       /* input read ahead, rbuf[rpos..rlen) unread */
    size_t rpos, rlen;
    int rerr;               /* errno of a failed read, 0 if none */
} stdin_state;

/* One JSON Lines record into doc.  GALLEY_OK, GALLEY_ERROR or GALLEY_SKIP. */
/* name, sep and the line number into buf (printf took a tenth of a stdin ->
 * jsonl run for these two strings); NULL when name does not fit */
static const char *name_line(char *buf, size_t cap, const char *name, const char *sep,
                             unsigned long lineno)
{
    size_t n = strlen(name), k = strlen(sep);
    char num[24], *p = num + sizeof num;
    do
        *--p = (char)('0' + lineno % 10);
    while (lineno /= 10);
    size_t d = (size_t)(num + sizeof num - p);
    if (n + k + d + 1 > cap)
        return NULL;
    memcpy(buf, name, n);
    memcpy(buf + n, sep, k);
    memcpy(buf + n + k, p, d);
    buf[n + k + d] = '\0';
    return buf;
}

static galley_status jsonl_doc(stdin_state *s, galley_doc *doc, const char *line,
                               size_t len)
{
    char where[512], id[512];
    fetch_jsonrec r = {
        .where = name_line(where, sizeof where, s->name, " line ", s->lineno),
        .fallback_id = name_line(id, sizeof id, s->name, ":", s->lineno),
        .shard = &s->shard,
        .empty = s->file.empty,
    };
    if (!r.where)
        r.where = galley_doc_printf(doc, "%s line %lu", s->name, s->lineno);
    if (!r.fallback_id)
        r.fallback_id = galley_doc_printf(doc, "%s:%lu", s->name, s->lineno);
    return fetch_jsonrec_doc(doc, line, len, &r);
}

/* Appends chunk[0..n) to the line being read (n bytes of its total so far),
 * keeping at most keep bytes; returns the new stored length. */
static size_t line_add(stdin_state *s, size_t stored, const char *chunk, size_t n,
                       size_t *keep)
{
    if (stored >= *keep)
        return stored;
    size_t take = n < *keep - stored ? n : *keep - stored;
    if (stored + take + 1 > s->cap &&
        galley_reserve(&s->line, &s->cap, stored + take + 1, 1) < 0) {
        *keep = stored;         /* reported as too long, or out of memory */
        return stored;
    }
    memcpy(s->line + stored, chunk, take);
    return stored + take;
}

/* Reads what the input has now (a pipe's writer may wait for our output
 * before it writes more, so never wait for a full block): the byte count, 0
 * at the end, -1 on an error (in s->rerr). */
static ssize_t fill(stdin_state *s)
{
    ssize_t k;
    do
        k = read(fileno(s->in), s->rbuf, sizeof s->rbuf);
    while (k < 0 && errno == EINTR && !galley_stopping());
    if (k < 0 && errno != EINTR)    /* EINTR: stopping, not an error */
        s->rerr = errno;
    s->rpos = 0;
    s->rlen = k > 0 ? (size_t)k : 0;
    return k;
}

/* Reads the next line without its end into s->line; 1, or 0 at the end of
 * input.  *len is the line's full length, *stored what s->line holds of it:
 * past max_bytes the rest is read and dropped, so one huge line never takes
 * the memory with it.  Input is read a block at a time and lines are found
 * with memchr: this runs on the fetch thread, which every stdin pipeline
 * waits for. */
static int read_line(stdin_state *s, size_t *len, size_t *stored)
{
    size_t n = 0, total = 0, keep = (size_t)s->file.max_bytes + 1;
    int ended = 0;
    if (!s->line && !(s->line = malloc(s->cap = 4096))) {
        s->cap = 0;
        galley_error("%s: out of memory reading a line", s->name);
        return 0;
    }
    for (;;) {
        if (s->rpos == s->rlen && fill(s) <= 0)
            break;
        const char *from = s->rbuf + s->rpos;
        const char *nl = memchr(from, '\n', s->rlen - s->rpos);
        size_t k = nl ? (size_t)(nl - from) : s->rlen - s->rpos;
        n = line_add(s, n, from, k, &keep);
        total += k;
        s->rpos += k + (nl != NULL);
        if (nl) {
            ended = 1;
            break;
        }
    }
    if (!ended && total == 0)
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
    if (s->rerr) {
        galley_error("%s: read error after line %lu: %s", s->name, s->lineno,
                     strerror(s->rerr));
        s->rerr = 0;
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
