/* plugins/redis/conn.c - the Redis connection shared by the redis fetch and
 * output plugins: connect, AUTH, SELECT, and reconnect with backoff. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "conn.h"

double rconn_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct timeval tv_of(double s)
{
    struct timeval tv;
    tv.tv_sec = (time_t)s;
    tv.tv_usec = (suseconds_t)((s - (double)tv.tv_sec) * 1e6);
    return tv;
}

static void drop(rconn *r)
{
    if (r->c)
        redisFree(r->c);
    r->c = NULL;
}

/* AUTH and SELECT on a fresh connection; 0 or -1 with r->err set */
static int login(rconn *r)
{
    redisReply *rep = NULL;
    const char *what = "AUTH";
    if (*r->password && *r->user)
        rep = redisCommand(r->c, "AUTH %s %s", r->user, r->password);
    else if (*r->password)
        rep = redisCommand(r->c, "AUTH %s", r->password);
    if ((*r->password && !rep) || (rep && rep->type == REDIS_REPLY_ERROR))
        goto fail;
    freeReplyObject(rep);
    rep = NULL;
    if (r->db) {
        what = "SELECT";
        rep = redisCommand(r->c, "SELECT %lld", r->db);
        if (!rep || rep->type == REDIS_REPLY_ERROR)
            goto fail;
        freeReplyObject(rep);
    }
    return 0;
fail:
    snprintf(r->err, sizeof r->err, "Redis at %s:%d refused %s%s%s%s: %s", r->host,
             r->port, what, !strcmp(what, "AUTH") && *r->user ? " for user '" : "",
             !strcmp(what, "AUTH") && *r->user ? r->user : "",
             !strcmp(what, "AUTH") && *r->user ? "'" : "",
             rep ? rep->str : r->c->errstr);
    freeReplyObject(rep);
    drop(r);
    return -1;
}

/* one connection attempt: 0, or -1 with r->err naming host, port and why */
static int connect_once(rconn *r)
{
    drop(r);
    r->c = redisConnectWithTimeout(r->host, r->port, tv_of(r->timeout));
    if (!r->c || r->c->err) {
        snprintf(r->err, sizeof r->err, "cannot connect to Redis at %s:%d: %s "
                 "(is redis-server running there? see the host and port options)",
                 r->host, r->port, r->c ? r->c->errstr : "out of memory");
        drop(r);
        return -1;
    }
    redisSetTimeout(r->c, tv_of(r->timeout + r->extra));
    redisEnableKeepAlive(r->c);
    return login(r);
}

int rconn_open(rconn *r, galley_stage *st)
{
    memset(r, 0, sizeof *r);
    r->host = galley_opt_str(st, "host");
    r->port = (int)galley_opt_int(st, "port");
    r->user = galley_opt_str(st, "user");
    r->password = galley_opt_str(st, "password");
    r->db = galley_opt_int(st, "db");
    r->timeout = galley_opt_float(st, "timeout");
    r->retry_for = galley_opt_float(st, "retry_for");
    if (galley_opt_bool(st, "tls")) {
        snprintf(r->err, sizeof r->err, "tls = true: this galley's hiredis (%d.%d) has no "
                 "TLS support; reach Redis over a private network or through a TLS tunnel "
                 "(stunnel, spiped) on 127.0.0.1 and set tls = false",
                 HIREDIS_MAJOR, HIREDIS_MINOR);
        return -1;
    }
    if (*r->user && !*r->password) {
        snprintf(r->err, sizeof r->err, "user = \"%s\" needs a password (ACL users "
                 "log in with AUTH user password)", r->user);
        return -1;
    }
    return connect_once(r);
}

void rconn_close(rconn *r)
{
    drop(r);
}

static void sleep_for(double s)
{
    struct timespec ts = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

/* Reconnects with backoff (0.1 s doubling to 5 s) for up to retry_for
 * seconds: 0, or -1 (r->err says why).  Logs the outage once and its end. */
static int reconnect(rconn *r, const char *why)
{
    galley_warn("redis %s:%d: connection lost (%s); reconnecting for up to %.0f s",
                r->host, r->port, why, r->retry_for);
    double t0 = rconn_now(), wait = 0.1;
    for (;;) {
        if (connect_once(r) == 0) {
            galley_warn("redis %s:%d: reconnected after %.1f s", r->host, r->port,
                        rconn_now() - t0);
            return 0;
        }
        /* a stop (SIGTERM) waits a little for the server, not retry_for */
        double limit = galley_stopping() && r->retry_for > 10 ? 10 : r->retry_for;
        double left = limit - (rconn_now() - t0);
        if (left <= 0) {
            galley_error("redis %s:%d: gave up reconnecting after %.0f s: %s", r->host,
                         r->port, limit, r->err);
            return -1;
        }
        sleep_for(wait < left ? wait : left);
        wait = wait * 2 < 5 ? wait * 2 : 5;
    }
}

/* an error reply that says "not now" (loading its data after a restart, a
 * script running, a replica catching up): wait and send the command again */
static int transient(const redisReply *rep)
{
    static const char *const codes[] = { "LOADING", "BUSY ", "TRYAGAIN", "MASTERDOWN", NULL };
    if (rep->type != REDIS_REPLY_ERROR)
        return 0;
    for (size_t i = 0; codes[i]; i++)
        if (!strncmp(rep->str, codes[i], strlen(codes[i])))
            return 1;
    return 0;
}

redisReply *rconn_argv(rconn *r, int argc, const char **argv, const size_t *lens)
{
    double t0 = 0, wait = 0.1;
    for (;;) {
        if (!r->c && reconnect(r, r->err[0] ? r->err : "not connected") < 0)
            return NULL;
        redisSetTimeout(r->c, tv_of(r->timeout + r->extra));
        redisReply *rep = redisCommandArgv(r->c, argc, argv, lens);
        if (rep && transient(rep)) {
            double now = rconn_now();
            if (t0 == 0) {
                t0 = now;
                galley_warn("redis %s:%d: %s: %s; trying again for up to %.0f s", r->host,
                            r->port, argv[0], rep->str, r->retry_for);
            }
            if (now - t0 < r->retry_for) {
                freeReplyObject(rep);
                sleep_for(wait);
                wait = wait * 2 < 2 ? wait * 2 : 2;
                continue;
            }
        }
        if (rep)
            return rep;
        /* an I/O error leaves the context unusable: a new one, then again */
        char why[256];
        snprintf(why, sizeof why, "%s failed: %s", argv[0],
                 r->c->errstr[0] ? r->c->errstr : "no reply");
        drop(r);
        if (reconnect(r, why) < 0)
            return NULL;
    }
}

redisReply *rconn_cmd(rconn *r, const char *arg0, ...)
{
    const char *argv[64];
    size_t lens[64];
    int argc = 0;
    va_list ap;
    va_start(ap, arg0);
    for (const char *a = arg0; a && argc < 64; a = va_arg(ap, const char *)) {
        argv[argc] = a;
        lens[argc++] = strlen(a);
    }
    va_end(ap);
    return rconn_argv(r, argc, argv, lens);
}
