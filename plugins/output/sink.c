/* plugins/output/sink.c - shared by the output plugins: whole-record files
 * (temp + fsync + rename), safe paths from ids, UTF-8 repair, a byte buffer. */
#include <galley/galley.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>

#include "sink.h"

/* ---- buffer ---- */

/* The toolkit's buffer does the work; a failure is remembered so the rest
 * of the record is skipped (see sink.h). */
static void buf_sync(sink_buf *b, const galley_buf *g, int r)
{
    b->data = g->data;
    b->len = g->len;
    b->cap = g->cap;
    if (r < 0)
        b->failed = 1;
}

void sink_buf_add(sink_buf *b, const void *s, size_t n)
{
    if (b->failed)
        return;
    /* the common case, a few bytes into a buffer with room (1.5 million
     * calls for the 2,225 BBC articles' jsonl records) */
    if (b->data && n < b->cap - b->len) {
        if (n)
            memcpy(b->data + b->len, s, n);
        b->len += n;
        b->data[b->len] = '\0';
        return;
    }
    galley_buf g = { b->data, b->len, b->cap };
    buf_sync(b, &g, galley_buf_add(&g, s, n));
}

void sink_buf_puts(sink_buf *b, const char *s)
{
    sink_buf_add(b, s, strlen(s));
}

void sink_buf_printf(sink_buf *b, const char *fmt, ...)
{
    if (b->failed)
        return;
    galley_buf g = { b->data, b->len, b->cap };
    va_list ap;
    va_start(ap, fmt);
    int r = galley_buf_vprintf(&g, fmt, ap);
    va_end(ap);
    buf_sync(b, &g, r);
}

void sink_buf_free(sink_buf *b)
{
    free(b->data);
    *b = (sink_buf){ 0 };
}

/* ---- writing ---- */

ssize_t sink_write_nosigpipe(int fd, const void *buf, size_t len)
{
    sigset_t pipeset, old, pending;
    sigemptyset(&pipeset);
    sigaddset(&pipeset, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipeset, &old);
    sigpending(&pending);
    int was_pending = sigismember(&pending, SIGPIPE) == 1;
    ssize_t r = write(fd, buf, len);
    int e = errno;
    if (r < 0 && e == EPIPE && !was_pending) {
        /* swallow the SIGPIPE this write raised, so unblocking does not
         * deliver it */
        struct timespec zero = { 0, 0 };
        while (sigtimedwait(&pipeset, NULL, &zero) < 0 && errno == EINTR)
            ;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    errno = e;
    return r;
}

/* Writes everything or fails with errno. */
static int write_all(int fd, const char *p, size_t len, int guard_pipe)
{
    while (len > 0) {
        ssize_t r = guard_pipe ? sink_write_nosigpipe(fd, p, len) : write(fd, p, len);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        if (r == 0)
            return EIO;
        p += r;
        len -= (size_t)r;
    }
    return 0;
}

/* 1 when name is ".BASE.PID.N.tmp" (open_temp's naming) with a PID that is
 * not a running process: the leftover of a killed run. */
static int stale_temp(const char *name, const char *base)
{
    size_t bl = strlen(base);
    if (name[0] != '.' || strncmp(name + 1, base, bl) != 0 || name[1 + bl] != '.')
        return 0;
    char *end;
    const char *p = name + 2 + bl;
    long pid = strtol(p, &end, 10);
    if (end == p || *end != '.' || pid <= 0 || pid == (long)getpid())
        return 0;
    p = end + 1;
    strtoul(p, &end, 10);
    if (end == p || strcmp(end, ".tmp") != 0)
        return 0;
    return kill((pid_t)pid, 0) < 0 && errno == ESRCH;
}

/* Removes the temp files a killed run (kill -9, OOM, power cut) left beside
 * path: nothing else ever would. */
static void remove_stale_temps(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, (size_t)(slash - path) + 1) : strdup(".");
    const char *base = slash ? slash + 1 : path;
    DIR *d = dir ? opendir(dir) : NULL;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (!stale_temp(e->d_name, base))
            continue;
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        char *full = malloc(n);
        if (!full)
            break;
        snprintf(full, n, "%s%s%s", dir, slash ? "" : "/", e->d_name);
        if (unlink(full) == 0)
            galley_info("removed %s, a temporary file left by a run that was killed", full);
        free(full);
    }
    if (d)
        closedir(d);
    free(dir);
}

/* "dir/.base.PID.N.tmp" beside path, created exclusively; fd or -1/errno. */
static int open_temp(const char *path, char **tmp_out)
{
    static unsigned long counter;
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = slash ? slash + 1 : path;
    size_t cap = strlen(path) + 64;
    char *tmp = malloc(cap);
    if (!tmp)
        return -1;
    for (int tries = 0; tries < 100; tries++) {
        snprintf(tmp, cap, "%.*s.%s.%ld.%lu.tmp", (int)dirlen, path, base,
                 (long)getpid(), ++counter);
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            *tmp_out = tmp;
            return fd;
        }
        if (errno != EEXIST) {
            int e = errno;
            free(tmp);
            errno = e;
            return -1;
        }
    }
    free(tmp);
    errno = EEXIST;
    return -1;
}

/* Makes a rename durable; failures here lose nothing already renamed. */
static void fsync_dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, (size_t)(slash - path) + 1) : strdup(".");
    if (!dir)
        return;
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

int sink_open(sink_file *f, const char *path, char *err, size_t errlen)
{
    memset(f, 0, sizeof *f);
    struct stat st;
    if (!path || strcmp(path, "-") == 0) {
        f->fd = STDOUT_FILENO;
        f->regular = fstat(f->fd, &st) == 0 && S_ISREG(st.st_mode);
        off_t pos = f->regular ? lseek(f->fd, 0, SEEK_CUR) : -1;
        if (pos < 0)
            f->regular = 0;
        f->good = pos < 0 ? 0 : pos;
        return 0;
    }
    if (!*path) {
        snprintf(err, errlen, "empty output path: give a file name, or - for standard output");
        return -1;
    }
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) {
            snprintf(err, errlen, "%s is a directory: give a file name", path);
            return -1;
        }
        /* a device or FIFO (/dev/null, a named pipe): renaming a file over
         * it would replace it, so write to it as it is */
        f->fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
        if (f->fd < 0 || !(f->path = strdup(path))) {
            snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
            if (f->fd >= 0)
                close(f->fd);
            return -1;
        }
        f->direct = 1;
        return 0;
    }
    /* through a symlink, replace the file it points to and keep the link */
    char *real = NULL;
    struct stat lst;
    if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
        real = realpath(path, NULL);
    f->path = real ? real : strdup(path);
    if (f->path)
        remove_stale_temps(f->path);
    f->fd = f->path ? open_temp(f->path, &f->tmp) : -1;
    if (f->fd < 0) {
        snprintf(err, errlen, "cannot create a temporary file beside %s: %s "
                 "(check that the directory exists and is writable)", path, strerror(errno));
        free(f->path);
        f->path = NULL;
        return -1;
    }
    /* the new file keeps the permissions of the one it replaces */
    if (stat(f->path, &st) == 0)
        fchmod(f->fd, st.st_mode & 07777);
    f->regular = 1;
    return 0;
}

const char *sink_name(const sink_file *f)
{
    return f->path ? f->path : "standard output";
}

/* Cuts the file back to the mark: what lies past it was written after the
 * last acknowledged checkpoint (or torn by a kill), and its documents are
 * processed again.  Without a mark (a first run with this state file) the
 * file starts over; past its end (edited since?) after its last whole line. */
static int cut_back(sink_file *f, const char *mark, off_t size)
{
    off_t at = size;
    char *end;
    long long m = mark ? strtoll(mark, &end, 10) : -1;
    if (mark && (*end || m < 0))
        m = -1;
    if (m >= 0 && m <= size) {
        at = (off_t)m;
    } else if (!mark) {
        at = 0;     /* a first run with this state file starts over */
    } else {
        if (m > size)
            galley_warn("%s is shorter than at the last checkpoint (%lld < %lld bytes): was "
                        "it edited? Appending after its last whole line", f->path,
                        (long long)size, m);
        char c;
        while (at > 0 && (pread(f->fd, &c, 1, at - 1) != 1 || c != '\n'))
            at--;
    }
    if (at < size) {
        if (ftruncate(f->fd, at) < 0)
            return -1;
        if (mark)
            galley_info("%s: cut %lld byte(s) written after the last checkpoint; their "
                        "documents are processed again", f->path, (long long)(size - at));
        else
            galley_info("%s: started over (the state file has no checkpoint of it yet)",
                        f->path);
    }
    f->good = at;
    return lseek(f->fd, at, SEEK_SET) < 0 ? -1 : 0;
}

int sink_open_stage(sink_file *f, galley_stage *st, const char *path, char *err,
                    size_t errlen)
{
    const char *mark;
    struct stat sb;
    if (!galley_stage_resuming(st, &mark) || !path || !*path || strcmp(path, "-") == 0 ||
        (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)))
        return sink_open(f, path, err, errlen);
    memset(f, 0, sizeof *f);
    f->path = realpath(path, NULL);     /* a symlink: append to its target */
    if (!f->path)
        f->path = strdup(path);
    f->fd = f->path ? open(f->path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOCTTY, 0666) : -1;
    if (f->fd < 0 || fstat(f->fd, &sb) < 0 || cut_back(f, mark, sb.st_size) < 0) {
        snprintf(err, errlen, "cannot open %s to continue it: %s", path, strerror(errno));
        if (f->fd >= 0)
            close(f->fd);
        free(f->path);
        f->path = NULL;
        return -1;
    }
    f->regular = 1;
    f->inplace = 1;
    return 0;
}

galley_status sink_flush_stage(sink_file *f, galley_stage *st)
{
    if (f->direct || !f->regular)
        return GALLEY_OK;
    if (fsync(f->fd) < 0 && errno != EINVAL)
        return galley_stage_fail(st, "cannot sync %s: %s", sink_name(f), strerror(errno));
    char mark[32];
    snprintf(mark, sizeof mark, "%lld", (long long)f->good);
    galley_stage_set_mark(st, mark);
    return GALLEY_OK;
}

int sink_write(sink_file *f, const void *buf, size_t len)
{
    int e = write_all(f->fd, buf, len, !f->regular);
    if (e == 0) {
        f->good += (off_t)len;
        return 0;
    }
    f->failed = 1;
    f->gone |= e == EPIPE;
    if (f->regular) {
        /* cut a partial record away, so the file holds whole records only */
        if (ftruncate(f->fd, f->good) == 0)
            lseek(f->fd, f->good, SEEK_SET);
    }
    return e;
}

galley_status sink_write_failed(sink_file *f, galley_stage *st, galley_doc *doc,
                                const char *what, int e)
{
    if (e == EPIPE)
        galley_stage_stop_run(st, "%s was closed by its reader (%s): nothing more can be "
                              "written", sink_name(f), strerror(e));
    return galley_doc_fail(doc, "cannot write %s to %s: %s", what, sink_name(f), strerror(e));
}

static void sink_free(sink_file *f)
{
    free(f->path);
    free(f->tmp);
    memset(f, 0, sizeof *f);
    f->fd = -1;
}

void sink_abort(sink_file *f)
{
    if (f->direct)
        close(f->fd);
    if (f->tmp) {
        close(f->fd);
        unlink(f->tmp);
    }
    sink_free(f);
}

/* An interrupted or failed run never replaces the complete output of an
 * earlier one: its partial result goes beside it. */
static int keep_beside(sink_file *f, char *err, size_t errlen)
{
    size_t n = strlen(f->path) + sizeof ".partial";
    char *partial = malloc(n);
    int rc = -1;
    if (partial) {
        snprintf(partial, n, "%s.partial", f->path);
        rc = rename(f->tmp, partial);
    }
    if (rc == 0) {
        galley_warn("%s: the run %s, so the earlier %s is kept as it was; this run's "
                    "partial output is in %s", f->path, f->failed ? "could not write every "
                    "record" : "was stopped", f->path, partial);
        fsync_dir_of(f->path);
    } else {
        snprintf(err, errlen, "the run %s, so %s is kept as it was (and the partial output "
                 "could not be kept beside it: %s)", f->failed ? "failed" : "was stopped",
                 f->path, strerror(errno));
        unlink(f->tmp);
    }
    free(partial);
    sink_free(f);
    return rc == 0 ? 0 : -1;
}

int sink_commit(sink_file *f, char *err, size_t errlen)
{
    if (f->direct) {
        int rc = close(f->fd);
        if (rc < 0)
            snprintf(err, errlen, "cannot close %s: %s", f->path, strerror(errno));
        sink_free(f);
        return rc < 0 ? -1 : 0;
    }
    if (f->inplace) {
        int ok = fsync(f->fd) == 0;
        if (close(f->fd) < 0)
            ok = 0;
        if (!ok)
            snprintf(err, errlen, "cannot sync %s: %s", f->path, strerror(errno));
        sink_free(f);
        return ok ? 0 : -1;
    }
    if (!f->tmp) {
        /* standard output: records went out unbuffered; a file behind the
         * redirection is synced so close means on disk */
        if (f->regular && fsync(f->fd) < 0 && errno != EINVAL) {
            snprintf(err, errlen, "cannot sync standard output: %s", strerror(errno));
            sink_free(f);
            return -1;
        }
        sink_free(f);
        return 0;
    }
    const char *what = "sync";
    int ok = fsync(f->fd) == 0;
    if (close(f->fd) < 0 && ok) {
        ok = 0;
        what = "close";
    }
    f->fd = -1;
    struct stat sb;
    if (ok && (galley_stopping() || f->failed) && stat(f->path, &sb) == 0)
        return keep_beside(f, err, errlen);
    if (ok && rename(f->tmp, f->path) < 0) {
        ok = 0;
        what = "rename the temporary file to";
    }
    if (!ok) {
        snprintf(err, errlen, "cannot %s %s: %s (nothing was written there)",
                 what, f->path, strerror(errno));
        unlink(f->tmp);
        sink_free(f);
        return -1;
    }
    fsync_dir_of(f->path);
    sink_free(f);
    return 0;
}

/* Opens (creating it) the directory name under dfd, never through a
 * symbolic link: ELOOP when it is one.  Closes dfd. */
static int enter_dir(int dfd, const char *name)
{
    if (mkdirat(dfd, name, 0777) < 0 && errno != EEXIST) {
        int e = errno;
        close(dfd);
        errno = e;
        return -1;
    }
    int fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    int e = errno;
    struct stat sb;
    /* ENOTDIR for a link to a file; either way a link is what stopped us */
    if (fd < 0 && (e == ENOTDIR || e == ELOOP) &&
        fstatat(dfd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(sb.st_mode))
        e = ELOOP;
    close(dfd);
    errno = e;
    return fd;
}

/* Writes name in dfd whole: a temp file beside it, fsync, rename. */
static int write_at(int dfd, const char *name, const void *buf, size_t len)
{
    static unsigned long counter;
    char tmp[300];
    int fd = -1;
    for (int tries = 0; tries < 100 && fd < 0; tries++) {
        snprintf(tmp, sizeof tmp, ".%.250s.%ld.%lu.tmp", name, (long)getpid(), ++counter);
        fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            return -1;
    }
    if (fd < 0)
        return -1;
    int e = write_all(fd, buf, len, 0);
    if (!e && fsync(fd) < 0)
        e = errno;
    if (close(fd) < 0 && !e)
        e = errno;
    if (!e && renameat(dfd, tmp, dfd, name) < 0)
        e = errno;
    if (e) {
        unlinkat(dfd, tmp, 0);
        errno = e;
        return -1;
    }
    return 0;
}

int sink_write_under(const char *root, const char *rel, const void *buf, size_t len,
                     int overwrite)
{
    int dfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    char *copy = strdup(rel);
    if (dfd < 0 || !copy) {
        int e = errno;
        if (dfd >= 0)
            close(dfd);
        free(copy);
        errno = e;
        return -1;
    }
    char *name = copy, *slash;
    while (dfd >= 0 && (slash = strchr(name, '/'))) {
        *slash = '\0';
        dfd = enter_dir(dfd, name);
        name = slash + 1;
    }
    int rc = -1, e = errno;
    struct stat sb;
    if (dfd < 0) {
        /* rc stays -1 with errno from enter_dir */
    } else if (fstatat(dfd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0) {
        if (!overwrite) {
            rc = 1;
        } else if (!S_ISREG(sb.st_mode)) {   /* never replace a link, dir or device */
            e = EEXIST;
        } else {
            rc = write_at(dfd, name, buf, len);
            e = errno;
        }
    } else {
        rc = write_at(dfd, name, buf, len);
        e = errno;
    }
    if (dfd >= 0)
        close(dfd);
    free(copy);
    errno = e;
    return rc;
}

int sink_mkdirs_for(const char *path)
{
    char *p = strdup(path);
    if (!p)
        return -1;
    for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
        *s = '\0';
        if (mkdir(p, 0777) < 0 && errno != EEXIST) {
            int e = errno;
            free(p);
            errno = e;
            return -1;
        }
        *s = '/';
    }
    free(p);
    return 0;
}

int sink_mkdir_p(const char *dir)
{
    if (sink_mkdirs_for(dir) < 0)
        return -1;
    if (mkdir(dir, 0777) < 0 && errno != EEXIST)
        return -1;
    return 0;
}

/* ---- paths from ids ---- */

#define COMPONENT_MAX 200   /* well under NAME_MAX (255) with an extension */
#define RELPATH_MAX 1000    /* well under PATH_MAX with the output dir */

/* back off so a cut does not split a UTF-8 sequence */
static size_t utf8_cut(const char *s, size_t n)
{
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

/* Appends one component, percent-encoding what could escape or hide it. */
static void add_component(sink_buf *out, const char *c, size_t n)
{
    size_t start = out->len;
    if (out->len)
        sink_buf_add(out, "/", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)c[i];
        /* a leading dot would make "." "..", or a hidden (temp-like) file */
        if (ch == '%' || ch < 0x20 || ch == 0x7f || ch == '\\' || (i == 0 && ch == '.'))
            sink_buf_printf(out, "%%%02X", ch);
        else
            sink_buf_add(out, c + i, 1);
    }
    if (sink_buf_failed(out))
        return;
    size_t clen = out->len - start - (start ? 1 : 0);
    if (clen > COMPONENT_MAX) {
        char *cs = out->data + start + (start ? 1 : 0);
        uint64_t h = galley_hash64(c, n);
        out->len = (size_t)(cs - out->data) + utf8_cut(cs, COMPONENT_MAX - 17);
        sink_buf_printf(out, "~%016llx", (unsigned long long)h);
    }
}

char *sink_safe_relpath(const char *id)
{
    sink_buf out = { 0 };
    const char *p = id ? id : "";
    while (*p) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n > 0)          /* "//" and a leading "/" name nothing */
            add_component(&out, p, n);
        p += n + (e ? 1 : 0);
    }
    if (out.len == 0)
        sink_buf_puts(&out, "_empty");
    if (out.len > RELPATH_MAX) {
        uint64_t h = galley_hash64(id, strlen(id));
        out.len = utf8_cut(out.data, RELPATH_MAX - 17);
        while (out.len > 0 && out.data[out.len - 1] == '/')
            out.len--;
        sink_buf_printf(&out, "~%016llx", (unsigned long long)h);
    }
    if (sink_buf_failed(&out)) {
        sink_buf_free(&out);
        errno = ENOMEM;
        return NULL;
    }
    return out.data;
}

/* ---- UTF-8 ---- */

/* 1 if s[0..n) is UTF-8 (utf8proc: no overlongs, surrogates or values past
 * U+10FFFF); else 0 with *bad = offset of the first invalid byte */
static int utf8_valid(const char *s, size_t n, size_t *bad)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0;
    while (i < n) {
        i += galley_ascii_prefix(s + i, n - i);     /* most of every text */
        if (i >= n)
            break;
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            *bad = i;
            return 0;
        }
        i += (size_t)k;
    }
    return 1;
}

char *sink_utf8_repair(const char *s, size_t n, size_t *outlen, size_t *repairs)
{
    size_t bad;
    *outlen = n;
    if (utf8_valid(s, n, &bad))
        return NULL;
    sink_buf out = { 0 };
    size_t pos = 0;
    for (;;) {
        sink_buf_add(&out, s + pos, bad);
        sink_buf_add(&out, "\xEF\xBF\xBD", 3);
        (*repairs)++;
        pos += bad + 1;
        if (pos >= n || utf8_valid(s + pos, n - pos, &bad)) {
            if (pos < n)
                sink_buf_add(&out, s + pos, n - pos);
            break;
        }
    }
    if (sink_buf_failed(&out)) {
        sink_buf_free(&out);
        *outlen = SINK_NOMEM;
        return NULL;
    }
    *outlen = out.len;
    return out.data;
}

const char *sink_utf8_value(sink_buf *rec, const char *s, size_t n, size_t *outlen,
                            size_t *repairs, char **fixed)
{
    *fixed = sink_utf8_repair(s, n, outlen, repairs);
    if (*fixed)
        return *fixed;
    if (*outlen == SINK_NOMEM) {
        rec->failed = 1;
        *outlen = 0;
        return "";
    }
    return s;
}
