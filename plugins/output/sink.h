/* plugins/output/sink.h - what every output plugin shares: whole-record
 * writes to a temp file renamed into place, safe relative paths from ids,
 * UTF-8 repair and a growable byte buffer.  Compiled into each output module. */
#ifndef GALLEY_OUTPUT_SINK_H
#define GALLEY_OUTPUT_SINK_H

#include <stddef.h>
#include <sys/types.h>
#include <galley/plugin.h>
#include <galley/util.h>

/* ---- a growable buffer for one record (reused between records) ----
 * The toolkit's out-of-memory policy (galley/util.h: nothing aborts, the
 * caller fails the document), kept at one check per record: an append that
 * cannot get memory marks the buffer failed, and every later append is
 * skipped, so a record is never written with a hole in it.  Whoever writes
 * the record asks sink_buf_failed() first and fails the document (or the
 * stage, in open/close) with "out of memory".  sink_buf_reset() starts the
 * next record and clears the mark. */
typedef struct sink_buf {
    char *data;         /* NUL-terminated after any successful append */
    size_t len, cap;
    int failed;         /* an append ran out of memory since the reset */
} sink_buf;

void sink_buf_add(sink_buf *b, const void *s, size_t n);
void sink_buf_puts(sink_buf *b, const char *s);
void sink_buf_printf(sink_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static inline void sink_buf_reset(sink_buf *b)
{
    b->len = 0;
    b->failed = 0;
}
static inline int sink_buf_failed(const sink_buf *b)
{
    return b->failed;
}
/* the text built, for a message: "" before any append, a stand-in when
 * memory ran out building it */
static inline const char *sink_buf_text(const sink_buf *b)
{
    return b->failed ? "(no memory left to say more)" : b->data ? b->data : "";
}
void sink_buf_free(sink_buf *b);

/* ---- an output file written in whole records ----
 * A named file is written as a hidden temp file beside it and renamed over it
 * by sink_commit, so readers never see a partial file; "-" is standard output;
 * an existing device or FIFO (/dev/null) is written as it is.
 * A record either lands whole or not at all: after a failed write the file is
 * cut back to the last whole record (when it is a regular file). */
typedef struct sink_file {
    char *path;         /* final path; NULL for standard output */
    char *tmp;          /* temp path while open; NULL for standard output */
    int fd;
    int regular;        /* fd is a regular file: it can be cut back */
    int direct;         /* a device or FIFO opened as it is (no temp file) */
    int inplace;        /* a run with a state file: written in place, no temp */
    int failed;         /* a write failed: the file misses records */
    int gone;           /* a write met EPIPE: the reader closed it for good */
    off_t good;         /* end of the last whole record */
} sink_file;

/* 0, or -1 with a message in err naming the path */
int sink_open(sink_file *f, const char *path, char *err, size_t errlen);
/* Opens the output of a stage: in a run with a state file (see
 * galley_stage_resuming) a named file is written in place, cut back to the
 * mark of the last acknowledged checkpoint (emptied without one) and
 * appended to; otherwise as sink_open. */
int sink_open_stage(sink_file *f, galley_stage *st, const char *path, char *err,
                    size_t errlen);
/* The flush() of a file output: fsync, then the length as the stage's mark. */
galley_status sink_flush_stage(sink_file *f, galley_stage *st);
/* 0, or the errno of the failure (EPIPE, ENOSPC, ...) */
int sink_write(sink_file *f, const void *buf, size_t len);
/* The failure of a record that sink_write could not write (e its errno):
 * fails doc with "cannot write WHAT to PATH: ...".  EPIPE (the reader of a
 * pipe or FIFO closed it) also stops the run (galley_stage_stop_run), as
 * every later record would fail the same way. */
galley_status sink_write_failed(sink_file *f, galley_stage *st, galley_doc *doc,
                                const char *what, int e);
/* fsync + rename into place (named file); 0 or -1 with message; frees f.
 * When the run was stopped (galley_stopping) or a write failed, an existing
 * file is not replaced: the partial result goes to PATH.partial beside it
 * and a warning says so. */
int sink_commit(sink_file *f, char *err, size_t errlen);
/* removes the temp file, frees f */
void sink_abort(sink_file *f);
/* the path users see in messages */
const char *sink_name(const sink_file *f);

/* Writes root/rel whole and atomically (temp beside it, fsync, rename),
 * creating rel's directories, and never through a symbolic link inside root
 * (one planted in an output tree would send the file elsewhere): -1 with
 * errno ELOOP then.  With overwrite = 0 an existing file is kept and 1 is
 * returned; an existing link, directory or device is never replaced (-1,
 * EEXIST).  0 when written, else -1 with errno (no temp file is left). */
int sink_write_under(const char *root, const char *rel, const void *buf, size_t len,
                     int overwrite);
/* Creates the directories leading to path (not path itself); 0 or -1/errno. */
int sink_mkdirs_for(const char *path);
/* Creates dir and its parents; 0 or -1/errno. */
int sink_mkdir_p(const char *dir);

/* ---- paths from ids ----
 * A relative path safe to append to an output directory: no absolute path,
 * no "." or ".." component, no empty component, no control characters, each
 * component at most 200 bytes (longer ones are cut and given a hash suffix
 * so that distinct ids stay distinct).  An empty id becomes "_empty".
 * malloc()ed; the caller appends its extension.  NULL (errno ENOMEM) when
 * memory runs out. */
char *sink_safe_relpath(const char *id);

/* ---- UTF-8 ---- */
/* When s[0..n) is valid UTF-8, returns NULL with *outlen = n.  Otherwise
 * returns a malloc()ed copy with each invalid byte replaced by U+FFFD, its
 * length in *outlen, and adds the number of replacements to *repairs; or,
 * when memory runs out, NULL with *outlen = SINK_NOMEM (the text must not
 * be written unrepaired: fail the record). */
#define SINK_NOMEM ((size_t)-1)

/* The same for a value going into the record built in rec: s itself when
 * valid (*fixed = NULL), else the repaired copy (also in *fixed, for the
 * caller to free); when memory runs out, "" with rec marked failed.  The
 * length goes to *outlen. */
const char *sink_utf8_value(sink_buf *rec, const char *s, size_t n, size_t *outlen,
                            size_t *repairs, char **fixed);
char *sink_utf8_repair(const char *s, size_t n, size_t *outlen, size_t *repairs);

/* Runs write() with SIGPIPE blocked in this thread, so a closed pipe is an
 * EPIPE error rather than the death of the process. */
ssize_t sink_write_nosigpipe(int fd, const void *buf, size_t len);

#endif
