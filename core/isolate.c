/* core/isolate.c - crash isolation (isolate = true): the transforms run in
 * worker processes, so a document that makes its worker crash, run past
 * doc_timeout or grow past worker_memory fails alone and the worker is
 * replaced, its plugins opened again.
 *
 * Process model: a zygote.  galley__isolate_start forks one process before the
 * engine starts any thread; that zygote stays single-threaded and forks every
 * worker, the first ones and each replacement.  fork() from the multithreaded
 * engine would copy locks other threads hold (malloc's, stdio's, a plugin's)
 * into a child that can then deadlock; fork+exec of galley in a hidden mode
 * avoids that too, but it would parse the config again, load every plugin
 * again and need the command line rebuilt from a parsed pipeline.  The zygote
 * already holds the checked pipeline and the loaded plugins, and opens each
 * transform once itself (Chromium's model: preload, then fork), so what a
 * plugin shares between instances is loaded once and shared copy-on-write,
 * and a replacement costs one fork plus a warm open().
 *
 * Each engine worker thread drives one worker process over a socketpair:
 * request = the document (core/docwire.c), reply = status, stage, per-stage
 * seconds and the document.  Before each stage the worker writes the stage's
 * index into a shared page, so after a crash the parent names the stage that
 * was running.  Worker deaths are reaped by the zygote (their parent), which
 * tells the engine the wait status. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"

/* what a worker shares with the parent: written by the worker, read by the
 * parent after the worker died */
typedef struct slot {
    volatile sig_atomic_t stage;    /* the stage running now, 0 between documents */
    volatile sig_atomic_t oom;      /* it crashed near its memory limit */
} slot;

typedef struct wproc {
    pid_t pid;              /* 0: none running (start one before the next doc) */
    int fd;
    galley_buf buf;         /* message scratch, reused */
} wproc;

struct galley__isolate {
    const galley_pipeline *p;
    size_t first_out;
    int nworkers;
    pid_t zygote;
    int zfd;                /* requests to the zygote, one at a time */
    pthread_mutex_t zlock;
    slot *slots;            /* MAP_SHARED, one per worker */
    wproc *procs;
};

enum { Z_SPAWN = 1, Z_REAP = 2 };
typedef struct zreq { int op, arg; } zreq;

/* ---- I/O ---- */

static int send_all(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n) {
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Reads between 1 and n bytes: >0, -1 on EOF or error, -2 when deadline
 * (monotonic seconds, 0 = none) passed.  Tries the read first: most replies
 * are there already, and a poll() per read would cost a system call. */
static ssize_t recv_some(int fd, void *buf, size_t n, double deadline)
{
    for (;;) {
        ssize_t k = recv(fd, buf, n, deadline > 0 ? MSG_DONTWAIT : 0);
        if (k > 0)
            return k;
        if (k == 0 || (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK))
            return -1;
        if (errno == EINTR)
            continue;
        double left = deadline - galley__now();
        struct pollfd pf = { .fd = fd, .events = POLLIN };
        int r = left > 0 ? poll(&pf, 1, (int)(left * 1000) + 1) : 0;
        if (r == 0)
            return -2;
        if (r < 0 && errno != EINTR)
            return -1;
    }
}

static int recv_all(int fd, void *buf, size_t n, double deadline)
{
    for (char *p = buf; n;) {
        ssize_t k = recv_some(fd, p, n, deadline);
        if (k < 0)
            return (int)k;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* a message: u64 length (little-endian), then the bytes */
static void frame_begin(galley_buf *b)
{
    b->len = 0;
    galley__buf_add(b, "\0\0\0\0\0\0\0\0", 8);
}

static int frame_send(int fd, galley_buf *b)
{
    uint64_t n = b->len - 8;
    for (int i = 0; i < 8; i++)
        b->data[i] = (char)(n >> (8 * i));
    return send_all(fd, b->data, b->len);
}

/* a message too big to be a document is a broken peer, not an allocation */
#define MAX_MESSAGE ((uint64_t)1 << 32)

/* A whole message into b (the length header included: the bytes start at
 * b->data + 8).  The two ends take turns, so nothing beyond this message is
 * ever waiting: read as much as there is, not the header first. */
static int frame_recv(int fd, galley_buf *b, double deadline)
{
    size_t need = 8;
    b->len = 0;
    for (;;) {
        if (b->len >= 8 && need == 8) {
            uint64_t n = 0;
            for (int i = 7; i >= 0; i--)
                n = n << 8 | (unsigned char)b->data[i];
            if (n > MAX_MESSAGE)
                return -1;
            need = 8 + (size_t)n;
        }
        if (b->len >= need)
            return 0;
        size_t want = need > 8 ? need : 64 * 1024;
        if (b->cap < want) {
            b->data = galley__xrealloc(b->data, want);
            b->cap = want;
        }
        ssize_t k = recv_some(fd, b->data + b->len, (need > 8 ? need : b->cap) - b->len, deadline);
        if (k < 0)
            return (int)k;
        b->len += (size_t)k;
    }
}

static void put32(galley_buf *b, uint32_t v)
{
    galley__buf_add(b, (const char *)&v, sizeof v);     /* same host both ends */
}

/* ---- the worker process ---- */

static slot *crash_slot;
static unsigned long long crash_pages;  /* address space, in pages, that counts as near the limit */

/* SA_RESETHAND | SA_NODEFER: after noting whether the process was near its
 * memory limit, raising the signal again ends the process with it.  Only
 * async-signal-safe calls here. */
static void on_crash(int sig)
{
    int fd = open("/proc/self/statm", O_RDONLY);
    if (fd >= 0) {
        char b[32];
        ssize_t n = read(fd, b, sizeof b);
        close(fd);
        unsigned long long pages = 0;
        for (ssize_t i = 0; i < n && b[i] >= '0' && b[i] <= '9'; i++)
            pages = pages * 10 + (unsigned long long)(b[i] - '0');
        if (crash_pages && pages >= crash_pages)
            crash_slot->oom = 1;
    }
    raise(sig);
}

void galley__isolate_oom(void)
{
    if (crash_slot)
        crash_slot->oom = 1;
}

/* the worker's address space now, in pages */
static unsigned long long vm_pages(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long long pages = 0;
    if (f) {
        if (fscanf(f, "%llu", &pages) != 1)
            pages = 0;
        fclose(f);
    }
    return pages;
}

/* A failed allocation at RLIMIT_AS ends, in practice, in a crash: a NULL
 * written to, or abort().  A crash after the worker grew three quarters of
 * the way from its size with its plugins open to its limit is reported as the
 * limit (doc/config.md says so). */
static void near_limit_at(const galley_pipeline *p)
{
    if (p->worker_memory <= 0)
        return;
    unsigned long long limit = ((unsigned long long)p->worker_memory << 20) /
                               (unsigned long long)sysconf(_SC_PAGESIZE);
    unsigned long long base = vm_pages();
    crash_pages = base < limit ? base + (limit - base) / 4 * 3 : limit;
}

static void guard_worker(const galley_pipeline *p, slot *sl)
{
    static const int sigs[] = { SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL };
    /* a stack of its own, so that a stack overflow is reported too; it lives
     * as long as the process */
    static char altstack[64 * 1024];
    crash_slot = sl;
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack };
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_crash;
    sa.sa_flags = SA_ONSTACK | SA_RESETHAND | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
        sigaction(sigs[i], &sa, NULL);
    if (p->worker_memory > 0) {
        rlim_t bytes = (rlim_t)p->worker_memory << 20;
        struct rlimit rl = { bytes, bytes };
        setrlimit(RLIMIT_AS, &rl);
    }
}

static galley_status worker_doc(galley_stage *st, size_t first_out, slot *sl, galley_doc *doc,
                                size_t *stage, double *secs)
{
    for (size_t i = 1; i < first_out; i++) {
        sl->stage = (sig_atomic_t)i;
        galley_status s = galley__stage_process(&st[i], doc, &secs[i]);
        if (s != GALLEY_OK) {
            *stage = i;
            return s;
        }
    }
    return GALLEY_OK;
}

/* serves documents until the parent closes its end; never returns */
static _Noreturn void worker_main(galley__isolate *iso, int w, int fd)
{
    const galley_pipeline *p = iso->p;
    slot *sl = &iso->slots[w];
    sl->stage = 0;
    sl->oom = 0;
    guard_worker(p, sl);
    galley_stage *st = galley__xcalloc(iso->first_out, sizeof *st);
    char ok = 1;
    for (size_t i = 1; i < iso->first_out && ok; i++)
        if (galley__stage_open(&st[i], &p->stages[i], w, iso->nworkers) < 0)
            ok = 0;
    near_limit_at(p);
    galley_buf in = { 0 }, out = { 0 };
    double *secs = galley__xcalloc(iso->first_out, sizeof *secs);
    if (send_all(fd, &ok, 1) == 0 && ok) {
        while (frame_recv(fd, &in, 0) == 0) {
            char err[256];
            galley_doc *doc = galley__docwire_decode(in.data + 8, in.len - 8, err, sizeof err);
            if (!doc) {
                galley_error("worker %d: %s", w, err);
                break;
            }
            size_t stage = 0;
            memset(secs, 0, iso->first_out * sizeof *secs);
            galley_status s = worker_doc(st, iso->first_out, sl, doc, &stage, secs);
            sl->stage = 0;
            frame_begin(&out);
            put32(&out, (uint32_t)s);
            put32(&out, (uint32_t)stage);
            galley__buf_add(&out, (const char *)secs, iso->first_out * sizeof *secs);
            galley__docwire_encode(doc, &out);
            galley_doc_free(doc);
            if (frame_send(fd, &out) < 0)
                break;
        }
    }
    char rc = 0;
    for (size_t i = 1; i < iso->first_out; i++)
        rc |= (char)(galley__stage_close(&st[i]) < 0);
    send_all(fd, &rc, 1);
    galley__buf_free(&in);
    galley__buf_free(&out);
    free(secs);
    free(st);
    _exit(ok ? rc : 2);     /* _exit: stdio buffers copied from the parent stay unwritten */
}

/* ---- the zygote ---- */

static void send_spawned(int zfd, int pid, int fd)
{
    struct msghdr m;
    memset(&m, 0, sizeof m);
    struct iovec iov = { &pid, sizeof pid };
    union { struct cmsghdr h; char b[CMSG_SPACE(sizeof(int))]; } c;
    memset(&c, 0, sizeof c);
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    if (fd >= 0) {
        m.msg_control = c.b;
        m.msg_controllen = sizeof c.b;
        struct cmsghdr *h = CMSG_FIRSTHDR(&m);
        h->cmsg_level = SOL_SOCKET;
        h->cmsg_type = SCM_RIGHTS;
        h->cmsg_len = CMSG_LEN(sizeof(int));
        memcpy(CMSG_DATA(h), &fd, sizeof fd);
    }
    while (sendmsg(zfd, &m, MSG_NOSIGNAL) < 0 && errno == EINTR)
        ;
}

static void zygote_spawn(galley__isolate *iso, int w)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) {
        send_spawned(iso->zfd, -errno, -1);
        return;
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(iso->zfd);
        close(sv[0]);
        worker_main(iso, w, sv[1]);
    }
    close(sv[1]);
    send_spawned(iso->zfd, pid < 0 ? -errno : (int)pid, pid < 0 ? -1 : sv[0]);
    close(sv[0]);
}

/* forking from a process that already runs threads is the hazard this
 * design avoids: say so if something (a plugin) started one */
static void warn_threads(const char *when)
{
    DIR *d = opendir("/proc/self/task");
    if (!d)
        return;
    int n = 0;
    while (readdir(d))
        n++;
    closedir(d);
    if (n - 2 > 1)
        galley_warn("isolate: %s %d threads; the worker processes forked from it may "
                    "deadlock", when, n - 2);
}

static _Noreturn void zygote_main(galley__isolate *iso)
{
    /* the terminal's ^C reaches the whole process group: the engine decides
     * what stops, so workers finish their document */
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    signal(SIGPIPE, SIG_IGN);
    /* only the engine's outputs own stdout; a stray printf goes to stderr */
    int null = open("/dev/null", O_RDONLY);
    if (null >= 0) {
        dup2(null, STDIN_FILENO);
        close(null);
    }
    dup2(STDERR_FILENO, STDOUT_FILENO);
    /* Each transform opened once here and kept open: what a plugin shares
     * between its instances (the entities model, 150 M instructions to load)
     * is then loaded once, shared copy-on-write by every worker, and a
     * replacement worker starts fast.  A plugin whose open() fails here
     * said why; the engine then finds no zygote and stops (exit 2). */
    galley_stage *warm = galley__xcalloc(iso->first_out, sizeof *warm);
    for (size_t i = 1; i < iso->first_out; i++)
        if (galley__stage_open(&warm[i], &iso->p->stages[i], 0, iso->nworkers) < 0)
            _exit(2);
    warn_threads("opening the plugins in the worker zygote started");
    zreq q;
    while (recv_all(iso->zfd, &q, sizeof q, 0) == 0) {
        if (q.op == Z_SPAWN) {
            zygote_spawn(iso, q.arg);
        } else if (q.op == Z_REAP) {
            int status = 0;
            while (waitpid(q.arg, &status, 0) < 0 && errno == EINTR)
                ;
            send_all(iso->zfd, &status, sizeof status);
        }
    }
    while (wait(NULL) > 0 || errno == EINTR)
        ;
    for (size_t i = 1; i < iso->first_out; i++)
        galley__stage_close(&warm[i]);
    free(warm);
    _exit(0);
}

/* ---- the parent's side ---- */

static int zygote_ask(galley__isolate *iso, int op, int arg, int *fd)
{
    zreq q = { op, arg };
    int answer = -EPIPE;
    pthread_mutex_lock(&iso->zlock);
    if (send_all(iso->zfd, &q, sizeof q) == 0) {
        struct iovec iov = { &answer, sizeof answer };
        union { struct cmsghdr h; char b[CMSG_SPACE(sizeof(int))]; } c;
        struct msghdr m;
        memset(&m, 0, sizeof m);
        m.msg_iov = &iov;
        m.msg_iovlen = 1;
        m.msg_control = c.b;
        m.msg_controllen = sizeof c.b;
        ssize_t k;
        while ((k = recvmsg(iso->zfd, &m, MSG_CMSG_CLOEXEC)) < 0 && errno == EINTR)
            ;
        struct cmsghdr *h = k > 0 ? CMSG_FIRSTHDR(&m) : NULL;
        if (fd && h && h->cmsg_type == SCM_RIGHTS)
            memcpy(fd, CMSG_DATA(h), sizeof *fd);
        if (k != sizeof answer)
            answer = -EPIPE;
    }
    pthread_mutex_unlock(&iso->zlock);
    return answer;
}

/* asks the zygote for worker w; the caller waits for its ready byte */
static int spawn(galley__isolate *iso, int w)
{
    wproc *wp = &iso->procs[w];
    int fd = -1;
    int pid = zygote_ask(iso, Z_SPAWN, w, &fd);
    if (pid <= 0 || fd < 0) {
        if (pid != -EPIPE)      /* else the zygote is gone: stop says why */
            galley_error("isolate: cannot start worker process %d: %s", w,
                         strerror(pid < 0 ? -pid : EPIPE));
        return -1;
    }
    wp->pid = pid;
    wp->fd = fd;
    return 0;
}

static int reap(galley__isolate *iso, wproc *wp)
{
    int status = zygote_ask(iso, Z_REAP, wp->pid, NULL);
    close(wp->fd);
    wp->pid = 0;
    wp->fd = -1;
    return status;
}

static const char *signal_name(int sig);

/* the worker opened its stages (a plugin's open() that fails prints why; one
 * that crashes is said here) */
static int ready(galley__isolate *iso, wproc *wp)
{
    char ok = 0;
    if (recv_all(wp->fd, &ok, 1, 0) == 0 && ok)
        return 0;
    int status = reap(iso, wp);
    if (WIFSIGNALED(status))
        galley_error("isolate: a worker process crashed (signal %d%s%s) while its plugins "
                     "opened", WTERMSIG(status), signal_name(WTERMSIG(status)) ? ", " : "",
                     signal_name(WTERMSIG(status)) ? signal_name(WTERMSIG(status)) : "");
    return -1;
}

static int spawn_ready(galley__isolate *iso, int w)
{
    return spawn(iso, w) < 0 ? -1 : ready(iso, &iso->procs[w]);
}

static const char *signal_name(int sig)
{
    static const struct { int sig; const char *name; } names[] = {
        { SIGSEGV, "SIGSEGV" }, { SIGBUS, "SIGBUS" }, { SIGABRT, "SIGABRT" },
        { SIGFPE, "SIGFPE" }, { SIGILL, "SIGILL" }, { SIGKILL, "SIGKILL" },
        { SIGTERM, "SIGTERM" }, { SIGPIPE, "SIGPIPE" }, { SIGTRAP, "SIGTRAP" },
        { SIGSYS, "SIGSYS" }, { SIGXCPU, "SIGXCPU" }, { SIGXFSZ, "SIGXFSZ" },
        { SIGQUIT, "SIGQUIT" }, { SIGHUP, "SIGHUP" }, { SIGUSR1, "SIGUSR1" },
        { SIGUSR2, "SIGUSR2" }, { SIGALRM, "SIGALRM" }, { SIGINT, "SIGINT" },
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (names[i].sig == sig)
            return names[i].name;
    return NULL;
}

/* the document failed with its worker: say how, in the words users see */
static void fail_lost(galley__isolate *iso, int w, galley_doc *doc, int timed_out,
                      const char *why)
{
    wproc *wp = &iso->procs[w];
    slot *sl = &iso->slots[w];
    kill(wp->pid, SIGKILL);     /* timed out or talking nonsense; a zombie until reaped */
    int status = reap(iso, wp);
    long mib = iso->p->worker_memory;
    if (timed_out) {
        galley_doc_fail(doc, "timed out after %ld s", iso->p->doc_timeout);
    } else if (sl->oom && (WIFSIGNALED(status) || WIFEXITED(status))) {
        if (mib % 1024 == 0)
            galley_doc_fail(doc, "exceeded the worker memory limit (%ld GiB)", mib / 1024);
        else
            galley_doc_fail(doc, "exceeded the worker memory limit (%ld MiB)", mib);
    } else if (why) {
        galley_doc_fail(doc, "the worker process sent a malformed reply: %s", why);
    } else if (WIFSIGNALED(status) && signal_name(WTERMSIG(status))) {
        galley_doc_fail(doc, "crashed (%s)", signal_name(WTERMSIG(status)));
    } else if (WIFSIGNALED(status)) {
        galley_doc_fail(doc, "crashed (signal %d)", WTERMSIG(status));
    } else {
        galley_doc_fail(doc, "the worker process exited (status %d) during the document",
                        WIFEXITED(status) ? WEXITSTATUS(status) : status);
    }
}

/* reads status, stage and seconds off the reply, then the document */
static galley_doc *take_reply(galley__isolate *iso, const galley_buf *b, galley_status *s,
                              size_t *stage, double *secs, char *err, size_t errlen)
{
    size_t head = 16 + iso->first_out * sizeof *secs;    /* after the length */
    uint32_t v[2];
    if (b->len < head) {
        snprintf(err, errlen, "%zu bytes", b->len);
        return NULL;
    }
    memcpy(v, b->data + 8, sizeof v);
    if (v[0] > GALLEY_ERROR || (v[0] != GALLEY_OK && (v[1] < 1 || v[1] >= iso->first_out))) {
        snprintf(err, errlen, "status %u at stage %u", v[0], v[1]);
        return NULL;
    }
    *s = (galley_status)v[0];
    *stage = v[1];
    memcpy(secs, b->data + 16, iso->first_out * sizeof *secs);
    return galley__docwire_decode(b->data + head, b->len - head, err, errlen);
}

galley_status galley__isolate_process(galley__isolate *iso, int w, galley_doc **doc,
                                      size_t *stage, double *secs)
{
    wproc *wp = &iso->procs[w];
    if (!wp->pid && spawn_ready(iso, w) < 0) {
        *stage = 1;
        galley_doc_fail(*doc, "its worker process could not be started again (see above)");
        return GALLEY_ERROR;
    }
    double deadline = iso->p->doc_timeout > 0 ? galley__now() + (double)iso->p->doc_timeout : 0;
    frame_begin(&wp->buf);
    galley__docwire_encode(*doc, &wp->buf);
    int r = frame_send(wp->fd, &wp->buf);
    if (r == 0)
        r = frame_recv(wp->fd, &wp->buf, deadline);
    char err[256];
    galley_status s = GALLEY_ERROR;
    galley_doc *back = r == 0 ? take_reply(iso, &wp->buf, &s, stage, secs, err, sizeof err) : NULL;
    if (!back) {
        /* the stage it was in when it died; 0 (between documents) names the first */
        *stage = iso->slots[w].stage > 0 ? (size_t)iso->slots[w].stage : 1;
        if (*stage >= iso->first_out)
            *stage = 1;
        fail_lost(iso, w, *doc, r == -2, r == 0 ? err : NULL);
        iso->slots[w].stage = 0;
        iso->slots[w].oom = 0;
        return GALLEY_ERROR;
    }
    galley_doc_free(*doc);
    *doc = back;
    return s;
}

/* ---- start and stop ---- */

galley__isolate *galley__isolate_start(const galley_pipeline *p, size_t first_out, int workers)
{
    galley__isolate *iso = galley__xcalloc(1, sizeof *iso);
    iso->p = p;
    iso->first_out = first_out;
    iso->nworkers = workers;
    iso->procs = galley__xcalloc((size_t)workers, sizeof *iso->procs);
    pthread_mutex_init(&iso->zlock, NULL);
    iso->slots = mmap(NULL, (size_t)workers * sizeof *iso->slots, PROT_READ | PROT_WRITE,
                      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    int sv[2] = { -1, -1 };
    if (iso->slots == MAP_FAILED || socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) {
        galley_error("isolate: cannot set up the worker processes: %s", strerror(errno));
        if (iso->slots != MAP_FAILED)
            munmap(iso->slots, (size_t)workers * sizeof *iso->slots);
        free(iso->procs);
        free(iso);
        return NULL;
    }
    warn_threads("before the worker zygote forks, galley runs");
    fflush(NULL);           /* nothing buffered is written twice */
    iso->zygote = fork();
    if (iso->zygote == 0) {
        close(sv[0]);
        iso->zfd = sv[1];
        zygote_main(iso);
    }
    close(sv[1]);
    iso->zfd = sv[0];
    int rc = iso->zygote < 0 ? -1 : 0;
    /* all start, then all open their plugins at once */
    for (int w = 0; w < workers && rc == 0; w++)
        rc = spawn(iso, w);
    for (int w = 0; w < workers; w++)
        if (iso->procs[w].pid && ready(iso, &iso->procs[w]) < 0)
            rc = -1;
    if (rc < 0) {
        galley__isolate_stop(iso);
        return NULL;
    }
    return iso;
}

int galley__isolate_stop(galley__isolate *iso)
{
    int rc = 0;
    for (int w = 0; w < iso->nworkers; w++)
        if (iso->procs[w].pid)
            shutdown(iso->procs[w].fd, SHUT_WR);
    for (int w = 0; w < iso->nworkers; w++) {
        wproc *wp = &iso->procs[w];
        char closed = 1;
        if (wp->pid && (recv_all(wp->fd, &closed, 1, 0) < 0 || closed))
            rc = -1;
        if (wp->pid)
            close(wp->fd);
        galley__buf_free(&wp->buf);
    }
    if (iso->zygote > 0) {
        close(iso->zfd);    /* the zygote reaps what is left and ends */
        int status = 0;
        while (waitpid(iso->zygote, &status, 0) < 0 && errno == EINTR)
            ;
        if (WIFSIGNALED(status)) {
            const char *name = signal_name(WTERMSIG(status));
            galley_error("isolate: the worker zygote crashed (signal %d%s%s); a plugin's "
                         "open() or close() is the likely cause", WTERMSIG(status),
                         name ? ", " : "", name ? name : "");
            rc = -1;
        }
    }
    munmap(iso->slots, (size_t)iso->nworkers * sizeof *iso->slots);
    pthread_mutex_destroy(&iso->zlock);
    free(iso->procs);
    free(iso);
    return rc;
}
