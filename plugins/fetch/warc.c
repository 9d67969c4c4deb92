/* plugins/fetch/warc.c - fetch plugin `warc`: HTML responses from WARC/1.0
 * files, plain or .warc.gz (a gzip member per record, as Common Crawl's
 * CC-NEWS); a corrupt or truncated record fails alone and the reader
 * resynchronises on the next "WARC/1." line. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>
#include <galley/galley.h>
#include "common.h"
#include "warc_stream.h"

static const galley_option warc_options[] = {
    { GALLEY_OPT_STRING, "path", NULL, GALLEY_OPT_PATH | GALLEY_OPT_REQUIRED, 0, 0,
      "a .warc or .warc.gz file, or a directory of them (read in name order)", NULL },
    { GALLEY_OPT_LIST, "types", "response,resource", 0, 0, 0,
      "WARC-Type values whose payload becomes a document", NULL },
    { GALLEY_OPT_LIST, "content_types", "text/html,application/xhtml+xml", 0, 0, 0,
      "payload media types kept (others are skipped quietly)", NULL },
    { GALLEY_OPT_INT, "max_bytes", "16777216", 0, 1, 1073741824,
      "a bigger record fails with its size named (and is skipped over); after "
      "this many bytes that are not a record the rest of a file is given up", NULL },
    FETCH_SHARD_OPTION("keep", "URI"),
    FETCH_DECODE_OPTIONS("payload", "payloads"),
    { 0 }
};

#define LINE_MAX_BYTES 65536    /* a longer header line means we are lost */
#define HEADER_MAX_LINES 1000

/* ---- the plugin ---- */

typedef struct warc_state {
    char **files;               /* WARC files to read, in order */
    size_t nfiles, next_file;
    char *name;                 /* base name of the current file */
    int open;
    wstream ws;
    char line[LINE_MAX_BYTES];
    const char *const *types, *const *ctypes;
    size_t ntypes, nctypes;
    long long max_bytes;
    int give_up;                /* the rest of the current file is skipped */
    fetch_shard shard;
    fetch_decoder dec;
} warc_state;

/* the WARC headers of one record that matter here */
typedef struct record {
    unsigned long long offset;  /* of its "WARC/" line */
    long long length;           /* Content-Length, -1 if absent or bad */
    char type[32], uri[4096], date[64], ctype[256];
} record;

static void trim_end(char *s)
{
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
}

/* copies the value of a "Name: value" line into out if the name matches */
static int header_value(const char *line, const char *name, char *out, size_t cap)
{
    size_t k = strlen(name);
    if (strncasecmp(line, name, k) || line[k] != ':')
        return 0;
    const char *v = line + k + 1;
    while (*v == ' ' || *v == '\t')
        v++;
    snprintf(out, cap, "%s", v);
    trim_end(out);
    return 1;
}

/* media type of a Content-Type value, lower case, without parameters */
static void media_type(const char *ct, char *out, size_t cap)
{
    size_t n = 0;
    while (*ct == ' ')
        ct++;
    while (ct[n] && ct[n] != ';' && !isspace((unsigned char)ct[n]) && n + 1 < cap) {
        out[n] = (char)tolower((unsigned char)ct[n]);
        n++;
    }
    out[n] = '\0';
}

/* The id of a failure that has no URI: the file and the offset. */
static void fail_id(warc_state *s, galley_doc *doc, const record *r)
{
    if (r && r->uri[0])
        galley_doc_set_id(doc, r->uri);
    else
        galley_doc_set_id(doc, galley_doc_printf(doc, "%s@%llu", s->name,
                                                  r ? r->offset : s->ws.offset));
    galley_doc_set_source(doc, s->name);
}

/* what a resync met on its way (bit flags) */
enum { RS_DAMAGED = 1, RS_GAVE_UP = 2, RS_STOPPED = 4 };

/* Skips lines up to the next "WARC/1." line, which is left to be read.
 * Damaged gzip members on the way are passed over.  The work is bounded: a
 * stop request ends it, and so do max_bytes without a record (a file of
 * zeros, or /dev/zero, must not keep galley busy forever): the rest of the
 * file is then given up.  Returns RS_* flags. */
static int resync(warc_state *s)
{
    int flags = 0;
    unsigned long long from = s->ws.offset;
    for (;;) {
        if (galley_stopping())
            return flags | RS_STOPPED;
        if (s->ws.offset - from > (unsigned long long)s->max_bytes) {
            s->give_up = 1;
            return flags | RS_GAVE_UP;
        }
        size_t n = ws_line(&s->ws, s->line, sizeof s->line);
        if (n == 0 && s->ws.stalled) {
            flags |= RS_DAMAGED;
            ws_resume(&s->ws);
            continue;
        }
        if (n == 0)
            return flags;
        if (n != (size_t)-1 && !strncmp(s->line, "WARC/1.", 7)) {
            ws_unread(&s->ws, s->line, n);
            return flags;
        }
    }
}

/* what a failure message adds after a resync that did not find a record */
static const char *resync_note(warc_state *s, galley_doc *doc, int flags)
{
    if (flags & RS_STOPPED)
        return "; stopped (interrupted) while looking for the next record";
    if (flags & RS_GAVE_UP)
        return galley_doc_printf(doc, "; no record starts in the next %lld bytes "
                                 "(max_bytes): the rest of %s is skipped; is it a "
                                 "WARC file?", s->max_bytes, s->name);
    return "";
}

/* Skips n bytes of a record not kept; what was skipped (less at the end of
 * the file or on a stop request: an endless file is read in bounded steps) */
static size_t skip_bytes(warc_state *s, size_t n)
{
    size_t done = 0;
    while (done < n && !galley_stopping()) {
        size_t step = n - done < (1u << 20) ? n - done : (1u << 20);
        size_t k = ws_read(&s->ws, NULL, step);
        done += k;
        if (k < step)
            break;
    }
    return done;
}

/* After a record whose block is wrong, gives back what it swallowed from
 * the first "\nWARC/1." on, so the next record is not lost with it. */
static void give_back(warc_state *s, const char *block, size_t n)
{
    for (size_t i = 0; i + 8 <= n; i++)
        if (block[i] == '\n' && !memcmp(block + i + 1, "WARC/1.", 7)) {
            ws_unread(&s->ws, block + i + 1, n - i - 1);
            return;
        }
}

/* Reads a record's WARC headers.  1 read, 0 end of file, -1 not a record
 * here (garbage: resynchronise). */
static int read_headers(warc_state *s, record *r)
{
    size_t n;
    memset(r, 0, sizeof *r);
    r->length = -1;
    unsigned long long from = s->ws.offset;
    do {    /* blank lines between records; endless ones are garbage */
        r->offset = s->ws.offset;
        if (r->offset - from > (unsigned long long)s->max_bytes || galley_stopping()) {
            r->offset = from;
            return -1;
        }
        n = ws_line(&s->ws, s->line, sizeof s->line);
        if (n == 0)
            return 0;
    } while (n != (size_t)-1 && strspn(s->line, "\r\n") == n);
    if (n == (size_t)-1 || strncmp(s->line, "WARC/", 5))
        return -1;
    for (int i = 0; i < HEADER_MAX_LINES; i++) {
        n = ws_line(&s->ws, s->line, sizeof s->line);
        if (n == 0 || n == (size_t)-1)
            return -1;
        if (strspn(s->line, "\r\n") == n)
            return 1;
        char len[32];
        header_value(s->line, "WARC-Type", r->type, sizeof r->type);
        header_value(s->line, "WARC-Date", r->date, sizeof r->date);
        header_value(s->line, "Content-Type", r->ctype, sizeof r->ctype);
        if (header_value(s->line, "WARC-Target-URI", r->uri, sizeof r->uri)) {
            size_t ul = strlen(r->uri);     /* WARC/1.1 drafts wrote <uri> */
            if (ul >= 2 && r->uri[0] == '<' && r->uri[ul - 1] == '>') {
                memmove(r->uri, r->uri + 1, ul - 2);
                r->uri[ul - 2] = '\0';
            }
        }
        if (header_value(s->line, "Content-Length", len, sizeof len)) {
            char *end;
            errno = 0;
            long long v = strtoll(len, &end, 10);
            r->length = (*end || end == len || v < 0 || errno) ? -1 : v;
        }
    }
    return -1;
}

/* ---- HTTP payloads ---- */

typedef struct http_msg {
    int status;
    char ctype[256], tenc[64], cenc[64];
    const char *body;
    size_t body_len;
} http_msg;

/* Splits an HTTP response into status, the headers we need, and body. */
static int parse_http(const char *b, size_t n, http_msg *m)
{
    memset(m, 0, sizeof *m);
    if (n < 12 || strncmp(b, "HTTP/", 5))
        return -1;
    const char *sp = memchr(b, ' ', n < 32 ? n : 32);
    if (!sp || !isdigit((unsigned char)sp[1]))
        return -1;
    m->status = atoi(sp + 1);
    const char *p = b, *end = b + n;
    for (;;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return -1;      /* headers never end */
        size_t ll = (size_t)(nl - p);
        char line[1024];
        snprintf(line, sizeof line, "%.*s", (int)(ll < sizeof line - 1 ? ll : sizeof line - 1), p);
        p = nl + 1;
        trim_end(line);
        if (!line[0])
            break;
        header_value(line, "Content-Type", m->ctype, sizeof m->ctype);
        header_value(line, "Transfer-Encoding", m->tenc, sizeof m->tenc);
        header_value(line, "Content-Encoding", m->cenc, sizeof m->cenc);
    }
    m->body = p;
    m->body_len = (size_t)(end - p);
    return 0;
}

/* Joins the chunks of a chunked body into a malloc()ed buffer. */
static char *dechunk(const char *b, size_t n, size_t *outlen)
{
    char *out = malloc(n + 1);
    size_t used = 0, i = 0;
    if (!out)
        return NULL;
    while (i < n) {
        char *end;
        unsigned long long k = strtoull(b + i, &end, 16);
        if (end == b + i)
            break;
        const char *nl = memchr(end, '\n', n - (size_t)(end - b));
        if (!nl)
            break;
        i = (size_t)(nl - b) + 1;
        if (k == 0)
            break;
        if (k > n - i)
            k = n - i;      /* a truncated chunk: keep what is there */
        memcpy(out + used, b + i, k);
        used += k;
        i += k;
        while (i < n && (b[i] == '\r' || b[i] == '\n'))
            i++;
    }
    *outlen = used;
    return out;
}

/* Inflates a gzip or zlib body into a malloc()ed buffer (at most about
 * max bytes); NULL if it is not one.  A body cut short (WARC-Truncated)
 * gives what it holds. */
static char *gunzip(const char *b, size_t n, long long max, size_t *outlen)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 32 + MAX_WBITS) != Z_OK)   /* gzip or zlib header */
        return NULL;
    size_t cap = n * 4 + 1024;
    char *out = malloc(cap);
    z.next_in = (Bytef *)b;
    z.avail_in = (uInt)n;
    int rc = Z_OK;
    while (out) {
        z.next_out = (Bytef *)out + z.total_out;
        z.avail_out = (uInt)(cap - z.total_out);
        rc = inflate(&z, Z_NO_FLUSH);
        if (rc == Z_STREAM_END || (rc != Z_OK && rc != Z_BUF_ERROR))
            break;
        if (z.avail_out == 0) {
            if ((long long)cap > max || galley_reserve(&out, &cap, cap * 2, 1) < 0) {
                rc = Z_MEM_ERROR;
                break;
            }
        } else if (z.avail_in == 0) {
            rc = Z_STREAM_END;      /* input cut short: keep what it held */
            break;
        }
    }
    *outlen = z.total_out;
    inflateEnd(&z);
    if (rc != Z_STREAM_END) {
        free(out);
        return NULL;
    }
    return out;
}

/* Fills doc from a response (HTTP message) or resource block; the block
 * is the doc's to keep (taken as raw).  OK, ERROR or SKIP. */
static galley_status payload_doc(warc_state *s, galley_doc *doc, const record *r,
                                 char *block, size_t n)
{
    char mt[128], cs[64];
    const char *body = block, *ctype = r->ctype;
    size_t body_len = n;
    char *decoded = NULL;
    http_msg m;
    int is_response = !strcasecmp(r->type, "response");
    if (is_response) {
        if (parse_http(block, n, &m) != 0) {
            free(block);
            return galley_doc_fail(doc, "response record without a valid HTTP "
                                   "header (record at offset %llu of %s)",
                                   r->offset, s->name);
        }
        if (m.status < 200 || m.status > 299) {
            galley_debug("%s: HTTP %d: skipped", r->uri, m.status);
            free(block);
            return GALLEY_SKIP;
        }
        ctype = m.ctype;
        body = m.body;
        body_len = m.body_len;
        galley_doc_set_fieldf(doc, "http_status", "%d", m.status);
    }
    media_type(ctype, mt, sizeof mt);
    if (mt[0] ? !fetch_glob_any(s->ctypes, s->nctypes, mt)
              : strcmp(fetch_sniff_type(NULL, body, body_len), "text/html") != 0) {
        galley_debug("%s: payload type '%s' not kept", r->uri, mt);
        free(block);
        return GALLEY_SKIP;
    }
    if (is_response && !strcasecmp(m.tenc, "chunked")) {
        decoded = dechunk(body, body_len, &body_len);
        body = decoded;
    }
    if (is_response && body && (!strcasecmp(m.cenc, "gzip") || !strcasecmp(m.cenc, "x-gzip")
                                || !strcasecmp(m.cenc, "deflate"))) {
        size_t zl;
        char *z = gunzip(body, body_len, s->max_bytes, &zl);
        if (!z) {
            free(decoded);
            free(block);
            return galley_doc_fail(doc, "payload says Content-Encoding: %s but "
                                   "does not inflate", m.cenc);
        }
        free(decoded);
        decoded = z;
        body = z;
        body_len = zl;
    }
    if (!body) {
        free(block);
        return galley_doc_fail(doc, "out of memory decoding the payload");
    }
    /* raw keeps the payload as the server sent it, after transfer coding */
    galley_doc_set_raw(doc, body, body_len);
    free(decoded);
    free(block);
    galley_doc_set_content_type(doc, mt[0] && strcmp(mt, "application/xhtml+xml")
                                     ? mt : "text/html");
    const char *raw = galley_doc_raw(doc, &body_len);
    return fetch_decode(doc, raw, body_len, !mt[0] || strstr(mt, "html") != NULL,
                        fetch_content_type_charset(ctype, cs, sizeof cs) ? cs : NULL,
                        &s->dec);
}

/* Opens the next file; 1, or 0 when none are left. */
static int next_file(warc_state *s, galley_doc *doc, galley_status *rc)
{
    while (s->next_file < s->nfiles) {
        const char *path = s->files[s->next_file++];
        int err = ws_open(&s->ws, path);
        free(s->name);
        const char *slash = strrchr(path, '/');
        s->name = strdup(slash ? slash + 1 : path);
        if (!err) {
            s->open = 1;
            return 1;
        }
        galley_doc_set_id(doc, path);
        galley_doc_set_source(doc, path);
        *rc = galley_doc_fail(doc, "cannot open WARC file: %s", strerror(err));
        return 0;
    }
    *rc = GALLEY_DONE;
    return 0;
}

/* Reads the CR/LF pair that ends a record.  0 when it is there (or the
 * file ends), -1 when other bytes follow the block: a wrong Content-Length.
 * Bytes read past the end marker are given back. */
static int read_record_end(warc_state *s)
{
    char tail[4];
    size_t n = ws_read(&s->ws, tail, sizeof tail), k = 0;
    while (k < n && (tail[k] == '\r' || tail[k] == '\n'))
        k++;
    if (n > 0 && k == 0) {
        ws_unread(&s->ws, tail, n);
        return -1;
    }
    if (k < n)
        ws_unread(&s->ws, tail + k, n - k);
    return 0;
}

/* 1 if the record read so far met gzip damage */
static int record_damaged(const warc_state *s, const record *r)
{
    return (s->ws.stalled && s->ws.out_pos == s->ws.out_len
            && s->ws.back_pos == s->ws.back_len)
        || ws_damaged(&s->ws, r->offset, s->ws.offset);
}

/* A record hit by a gzip error: the reader goes on at the next member. */
static galley_status fail_corrupt(warc_state *s, galley_doc *doc, const record *r)
{
    fail_id(s, doc, r);
    ws_resume(&s->ws);
    return galley_doc_fail(doc, "%s in the record at offset %llu of %s; "
                           "resynchronised on the next record", s->ws.zmsg,
                           r->offset, s->name);
}

/* A record whose headers are unreadable: skips to the next one. */
static galley_status fail_garbage(warc_state *s, galley_doc *doc, const record *r)
{
    int rs = resync(s);
    galley_doc_set_id(doc, galley_doc_printf(doc, "%s@%llu", s->name, r->offset));
    galley_doc_set_source(doc, s->name);
    int damaged = rs & RS_DAMAGED;
    return galley_doc_fail(doc, "not a WARC record at offset %llu of %s%s%s%s", r->offset,
                           s->name, damaged ? ": " : "", damaged ? s->ws.zmsg : "",
                           rs & (RS_GAVE_UP | RS_STOPPED) ? resync_note(s, doc, rs)
                           : "; skipped to the next record");
}

/* One record: OK (doc filled), ERROR (failed), SKIP, or DONE (end of file). */
static galley_status read_record(warc_state *s, galley_doc *doc)
{
    record r;
    if (s->give_up || galley_stopping()) {
        s->give_up = 0;
        return GALLEY_DONE;
    }
    int h = read_headers(s, &r);
    if (h == 0 && !s->ws.stalled)
        return GALLEY_DONE;
    if (h == 0 || record_damaged(s, &r))
        return fail_corrupt(s, doc, &r);
    if (h < 0)
        return fail_garbage(s, doc, &r);
    if (r.length < 0) {
        fail_id(s, doc, &r);
        int rs = resync(s);
        return galley_doc_fail(doc, "WARC record without a valid Content-Length "
                               "(offset %llu of %s); skipped%s", r.offset, s->name,
                               resync_note(s, doc, rs));
    }
    int wanted = r.type[0] && fetch_glob_any(s->types, s->ntypes, r.type);
    if (r.length > s->max_bytes || !wanted) {
        size_t skipped = skip_bytes(s, (size_t)r.length);
        if (record_damaged(s, &r))
            return fail_corrupt(s, doc, &r);
        if (skipped < (size_t)r.length)
            return GALLEY_DONE;
        read_record_end(s);
        if (!wanted)
            return GALLEY_SKIP;
        fail_id(s, doc, &r);
        return galley_doc_fail(doc, "record is %lld bytes, over max_bytes = %lld "
                               "(raise max_bytes)", r.length, s->max_bytes);
    }
    char *block = malloc((size_t)r.length + 1);
    if (!block) {
        fail_id(s, doc, &r);
        return galley_doc_fail(doc, "out of memory for a %lld-byte record", r.length);
    }
    size_t got = ws_read(&s->ws, block, (size_t)r.length);
    int bad_end = got == (size_t)r.length && read_record_end(s) != 0;
    if (record_damaged(s, &r)) {
        free(block);
        return fail_corrupt(s, doc, &r);
    }
    if (got < (size_t)r.length || bad_end) {
        fail_id(s, doc, &r);
        /* too long: it swallowed the next record, given back; too short:
         * the rest of it is skipped with the resync */
        give_back(s, block, got);
        free(block);
        int rs = resync(s);
        if (got < (size_t)r.length)
            return galley_doc_fail(doc, "truncated record: %zu of %lld bytes before "
                                   "the end of %s", got, r.length, s->name);
        return galley_doc_fail(doc, "record does not end where its Content-Length "
                               "(%lld) says: corrupt%s", r.length,
                               rs & (RS_GAVE_UP | RS_STOPPED) ? resync_note(s, doc, rs)
                               : "; resynchronised on the next record");
    }
    if (!fetch_shard_mine(&s->shard, r.uri)) {
        free(block);
        return GALLEY_SKIP;
    }
    fail_id(s, doc, &r);
    galley_doc_set_source(doc, r.uri[0] ? r.uri : s->name);
    if (r.uri[0])
        galley_doc_set_field(doc, "url", r.uri);
    if (r.date[0])
        galley_doc_set_field(doc, "date", r.date);
    return payload_doc(s, doc, &r, block, got);
}

static galley_status warc_next(void *state, galley_doc *doc)
{
    warc_state *s = state;
    while (!galley_stopping()) {
        galley_status rc;
        if (!s->open && !next_file(s, doc, &rc))
            return rc;
        if (!s->open)
            continue;
        rc = read_record(s, doc);
        if (rc == GALLEY_DONE) {
            ws_close(&s->ws);
            s->open = 0;
            continue;
        }
        if (rc != GALLEY_SKIP)
            return rc;
        /* a skipped record may have set fields: the doc starts over */
        galley_doc_remove_field(doc, "http_status");
        galley_doc_remove_field(doc, "url");
        galley_doc_remove_field(doc, "date");
    }
    return GALLEY_DONE;
}

static galley_status warc_close(void *state)
{
    warc_state *s = state;
    if (!s)
        return GALLEY_OK;
    if (s->open)
        ws_close(&s->ws);
    for (size_t i = 0; i < s->nfiles; i++)
        free(s->files[i]);
    free(s->files);
    free(s->name);
    free(s);
    return GALLEY_OK;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_warc_name(const char *n)
{
    size_t l = strlen(n);
    return (l > 5 && !strcmp(n + l - 5, ".warc"))
        || (l > 8 && !strcmp(n + l - 8, ".warc.gz"));
}

/* The WARC files named by path: itself, or the *.warc(.gz) in it. */
static int list_files(warc_state *s, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return errno;
    if (!S_ISDIR(st.st_mode)) {
        s->files = malloc(sizeof *s->files);
        if (!s->files || !(s->files[0] = strdup(path)))
            return ENOMEM;
        s->nfiles = 1;
        return 0;
    }
    DIR *d = opendir(path);
    if (!d)
        return errno;
    struct dirent *de;
    size_t cap = 0;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.' || !is_warc_name(de->d_name))
            continue;
        if (galley_reserve(&s->files, &cap, s->nfiles + 1, sizeof *s->files) < 0)
            break;
        size_t n = strlen(path) + strlen(de->d_name) + 2;
        char *f = malloc(n);
        if (!f)
            break;
        snprintf(f, n, "%s/%s", path, de->d_name);
        s->files[s->nfiles++] = f;
    }
    closedir(d);
    if (s->nfiles > 1)
        qsort(s->files, s->nfiles, sizeof *s->files, name_cmp);
    return 0;
}

static galley_status warc_open(galley_stage *st, void **state)
{
    char err[256];
    warc_state *s = calloc(1, sizeof *s);
    if (!s)
        return galley_stage_fail(st, "out of memory");
    s->ws.fd = -1;
    s->ntypes = galley_opt_list(st, "types", &s->types);
    s->nctypes = galley_opt_list(st, "content_types", &s->ctypes);
    s->max_bytes = galley_opt_int(st, "max_bytes");
    const char *path = galley_opt_str(st, "path");
    if (fetch_read_common(st, &s->shard, &s->dec, err, sizeof err) < 0) {
        warc_close(s);
        return galley_stage_fail(st, "%s", err);
    }
    int e = path ? list_files(s, path) : EINVAL;
    if (e) {
        warc_close(s);
        return galley_stage_fail(st, "cannot read '%s': %s", path ? path : "",
                                 strerror(e));
    }
    if (s->nfiles == 0) {
        warc_close(s);
        return galley_stage_fail(st, "no .warc or .warc.gz files in '%s'", path);
    }
    *state = s;
    return GALLEY_OK;
}

GALLEY_PLUGIN(warc,
    .kind = GALLEY_FETCH,
    .summary = "read HTML responses from WARC files (plain or .warc.gz, e.g. CC-NEWS)",
    .version = "1.0",
    .license = "MIT",
    .options = warc_options,
    .provides = "charset url date",
    .open = warc_open, .next = warc_next, .close = warc_close);
