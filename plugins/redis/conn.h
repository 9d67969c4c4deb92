/* plugins/redis/conn.h - one Redis connection for the redis fetch and output
 * plugins (hiredis): the shared options, AUTH (ACL user), SELECT, clear
 * messages, and reconnection with backoff when the server goes away. */
#ifndef GALLEY_REDIS_CONN_H
#define GALLEY_REDIS_CONN_H

#include <stddef.h>
#include <hiredis/hiredis.h>
#include <galley/galley.h>

/* The option rows both plugins take. */
#define RCONN_OPTIONS \
    { GALLEY_OPT_STRING, "host", "127.0.0.1", 0, 0, 0, "Redis server host name or address", NULL }, \
    { GALLEY_OPT_INT, "port", "6379", 0, 1, 65535, "Redis server TCP port", NULL }, \
    { GALLEY_OPT_STRING, "user", "", 0, 0, 0, \
      "ACL user name (Redis 6+); empty = the default user", NULL }, \
    { GALLEY_OPT_STRING, "password", "", 0, 0, 0, \
      "password for AUTH; empty = none (keep the config file private)", NULL }, \
    { GALLEY_OPT_INT, "db", "0", 0, 0, 1000000, "database number (SELECT)", NULL }, \
    { GALLEY_OPT_FLOAT, "timeout", "10", 0, 0.1, 3600, \
      "seconds to wait for a connection or a reply", NULL }, \
    { GALLEY_OPT_FLOAT, "retry_for", "300", 0, 0, 1e9, \
      "seconds to keep reconnecting (with backoff) after the server went away", NULL }, \
    { GALLEY_OPT_BOOL, "tls", "false", 0, 0, 0, \
      "TLS to the server: not supported by this build (hiredis 0.14 has no TLS); " \
      "use a private network, or stunnel/spiped in front of Redis", NULL }

typedef struct rconn {
    const char *host;       /* option strings: live until the stage closes */
    int port;
    const char *user, *password;
    long long db;
    double timeout, retry_for;
    double extra;           /* added to the reply timeout (a BLOCK time) */
    redisContext *c;
    char err[512];          /* the last failure, for messages */
} rconn;

/* Reads the RCONN_OPTIONS of a stage and connects once: 0, or -1 with a
 * message naming host, port and what failed in r->err. */
int rconn_open(rconn *r, galley_stage *st);
void rconn_close(rconn *r);

/* Runs one command.  When the connection is lost (or not there), it logs
 * once, reconnects with backoff for up to retry_for seconds and sends the
 * command again, so a command may reach the server twice (callers use
 * idempotent commands or accept at-least-once).  Returns the reply (an error
 * reply included: check REDIS_REPLY_ERROR), or NULL with r->err set when it
 * gave up.  Free with freeReplyObject. */
redisReply *rconn_argv(rconn *r, int argc, const char **argv, const size_t *lens);
/* the same with NUL-terminated arguments, NULL-terminated list */
redisReply *rconn_cmd(rconn *r, const char *arg0, ...);

/* monotonic seconds */
double rconn_now(void);

#endif
