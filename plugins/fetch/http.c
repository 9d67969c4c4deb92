/* plugins/fetch/http.c - fetch plugin `http`: the pages of a URL list, with
 * libcurl's multi interface: concurrency, per-host politeness, timeouts,
 * retries with backoff, size limits and an on-disk revalidating cache.
 * Documents come out in list order whatever order the transfers end in. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <galley/galley.h>
#include "common.h"
#include "netpolicy.h"

static const galley_option http_options[] = {
    { GALLEY_OPT_STRING, "path", NULL, GALLEY_OPT_PATH | GALLEY_OPT_REQUIRED, 0, 0,
      "file of URLs, one a line (# starts a comment); \"-\" is standard input", NULL },
    { GALLEY_OPT_INT, "concurrency", "8", 0, 1, 256,
      "transfers at once (never more than one per host)", NULL },
    { GALLEY_OPT_FLOAT, "delay", "1", 0, 0, 3600,
      "seconds between the starts of two requests to the same host", NULL },
    { GALLEY_OPT_FLOAT, "timeout", "30", 0, 0.1, 3600,
      "seconds one attempt may take, connecting included", NULL },
    { GALLEY_OPT_INT, "max_bytes", "16777216", 0, 1, 1073741824,
      "a bigger body fails (the transfer stops there)", NULL },
    { GALLEY_OPT_INT, "retries", "2", 0, 0, 10,
      "extra attempts after a 5xx, 429, timeout or dropped connection", NULL },
    { GALLEY_OPT_FLOAT, "backoff", "2", 0, 0, 600,
      "seconds before the first retry, doubled for each next one (a server's "
      "Retry-After wins, up to 300)", NULL },
    { GALLEY_OPT_INT, "max_redirects", "5", 0, 0, 50,
      "redirects followed (to http and https URLs only)", NULL },
    { GALLEY_OPT_STRING, "user_agent", "galley/" PACKAGE_VERSION, 0, 0, 0,
      "User-Agent header sent", NULL },
    { GALLEY_OPT_STRING, "cache", "", GALLEY_OPT_PATH, 0, 0,
      "directory of cached responses, revalidated with ETag/Last-Modified "
      "(empty: no cache)", NULL },
    { GALLEY_OPT_FLOAT, "cache_max_age", "0", 0, 0, 31536000,
      "seconds a cached response is used without asking the server", NULL },
    FETCH_SHARD_OPTION("fetch", "URL"),
    FETCH_DECODE_OPTIONS("page", "pages"),
    { GALLEY_OPT_BOOL, "allow_private", "false", 0, 0, 0,
      "also connect to private, loopback, link-local and other non-public "
      "addresses (refused by default, redirects included: a URL list or a "
      "redirect must not reach into the local network)", NULL },
    { GALLEY_OPT_LIST, "allow_addresses", "", 0, 0, 0,
      "non-public addresses that may be fetched all the same: ADDRESS or "
      "ADDRESS/BITS, e.g. 10.1.2.3 or fd00::/8", NULL },
    { 0 }
};

enum { J_WAIT, J_RUN, J_DONE };

#define MAX_RETRY_AFTER 300.0   /* seconds: longer requests are cut to this */

typedef struct host {
    char *name;
    int busy;               /* a transfer to it is running */
    double last_start;
} host;

typedef struct job {
    char *url;
    unsigned long line;
    size_t host;            /* its entry in hosts, plus 1; 0 when the URL
                             * failed before any request */
    int state, tries;
    double not_before;      /* monotonic time it may start (delay, backoff) */
    CURL *easy;
    struct curl_slist *hdrs;
    char *body;
    size_t len, cap;
    int too_big;
    long long max;          /* max_bytes, for the write callback */
    char ctype[256], etag[256], lastmod[128];
    long status;
    double retry_after;     /* seconds a 429/503 asked us to wait, or 0 */
    char errbuf[CURL_ERROR_SIZE];
    const fetch_netpolicy *policy;
    char refused[200];      /* the address the policy refused, and its kind */
    char *error;            /* why it failed, once J_DONE; NULL = success */
    char *final_url;
    const char *cache;      /* "revalidated" or "fresh" when served from it */
    char fetched_at[32];
} job;

typedef struct http_state {
    FILE *in;
    int close_in, eof;
    unsigned long lineno;
    char *line;
    size_t linecap;
    CURLM *multi;
    job **q;                /* jobs in list order: q[head .. head+n) (ring) */
    size_t head, n, qcap, window;
    host *hosts;
    size_t nhosts, hostcap;
    int running;
    long concurrency, retries, max_redirects;
    double delay, timeout, backoff, max_age;
    long long max_bytes;
    const char *user_agent;
    char *cache_dir;
    fetch_shard shard;
    fetch_decoder dec;
    fetch_netpolicy policy;
} http_state;

/* The job's host entry, by index: the array moves as it grows. */
static host *host_of(http_state *s, const job *j)
{
    return &s->hosts[j->host - 1];
}

static double now_mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void utc_now(char *out, size_t cap)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- the cache: <dir>/<hash>.meta (headers) and <hash>.body ---- */

static void cache_path(const http_state *s, const char *url, const char *ext,
                       char *out, size_t cap)
{
    snprintf(out, cap, "%s/%016llx.%s", s->cache_dir,
             (unsigned long long)galley_hash64(url, strlen(url)), ext);
}

typedef struct cache_entry {
    char url[4096], etag[256], lastmod[128], ctype[256], final_url[4096];
    long status;
    double age;             /* seconds since it was stored */
} cache_entry;

/* Reads the cache entry of url; 1 if there is one for exactly this URL. */
static int cache_load(const http_state *s, const char *url, cache_entry *e)
{
    char p[4200], line[4400];
    if (!s->cache_dir)
        return 0;
    cache_path(s, url, "meta", p, sizeof p);
    FILE *f = fopen(p, "r");
    if (!f)
        return 0;
    memset(e, 0, sizeof *e);
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *v = strchr(line, ' ');
        if (!v)
            continue;
        *v++ = '\0';
        if (!strcmp(line, "url"))
            snprintf(e->url, sizeof e->url, "%s", v);
        else if (!strcmp(line, "final_url"))
            snprintf(e->final_url, sizeof e->final_url, "%s", v);
        else if (!strcmp(line, "etag"))
            snprintf(e->etag, sizeof e->etag, "%s", v);
        else if (!strcmp(line, "last_modified"))
            snprintf(e->lastmod, sizeof e->lastmod, "%s", v);
        else if (!strcmp(line, "content_type"))
            snprintf(e->ctype, sizeof e->ctype, "%s", v);
        else if (!strcmp(line, "status"))
            e->status = atol(v);
    }
    struct stat st;
    int ok = fstat(fileno(f), &st) == 0 && !strcmp(e->url, url);
    e->age = ok ? difftime(time(NULL), st.st_mtime) : 0;
    fclose(f);
    cache_path(s, url, "body", p, sizeof p);
    return ok && access(p, R_OK) == 0;
}

/* Writes all of b to path through a temporary file, so a reader never sees
 * half an entry.  0 or -1. */
static int write_atomic(const char *path, const char *b, size_t n)
{
    char tmp[4300];
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f)
        return -1;
    int ok = fwrite(b, 1, n, f) == n;
    ok &= fclose(f) == 0;
    if (ok && rename(tmp, path) == 0)
        return 0;
    unlink(tmp);
    return -1;
}

static void cache_store(const http_state *s, const job *j)
{
    char p[4200];
    if (!s->cache_dir || (!j->etag[0] && !j->lastmod[0]))
        return;     /* nothing to revalidate with: keep no copy */
    cache_path(s, j->url, "body", p, sizeof p);
    if (write_atomic(p, j->body ? j->body : "", j->len) != 0) {
        galley_warn("cache: cannot write %s: %s", p, strerror(errno));
        return;
    }
    char *meta = NULL;
    size_t mlen = 0;
    FILE *m = open_memstream(&meta, &mlen);
    if (!m)
        return;
    fprintf(m, "url %s\nfinal_url %s\nstatus %ld\ncontent_type %s\n", j->url,
            j->final_url ? j->final_url : j->url, j->status, j->ctype);
    if (j->etag[0])
        fprintf(m, "etag %s\n", j->etag);
    if (j->lastmod[0])
        fprintf(m, "last_modified %s\n", j->lastmod);
    fclose(m);
    cache_path(s, j->url, "meta", p, sizeof p);
    if (write_atomic(p, meta, mlen) != 0)
        galley_warn("cache: cannot write %s: %s", p, strerror(errno));
    free(meta);
}

/* Loads the cached body into the job; 0, or -1 if it is gone. */
static int cache_body(const http_state *s, job *j, const cache_entry *e)
{
    char p[4200];
    cache_path(s, j->url, "body", p, sizeof p);
    FILE *f = fopen(p, "rb");
    if (!f)
        return -1;
    free(j->body);
    j->body = NULL;
    j->len = j->cap = 0;
    char buf[65536];
    size_t r;
    while ((r = fread(buf, 1, sizeof buf, f)) > 0) {
        if (galley_reserve(&j->body, &j->cap, j->len + r + 1, 1) < 0) {
            fclose(f);
            return -1;
        }
        memcpy(j->body + j->len, buf, r);
        j->len += r;
    }
    fclose(f);
    j->status = e->status;
    snprintf(j->ctype, sizeof j->ctype, "%s", e->ctype);
    free(j->final_url);
    j->final_url = strdup(e->final_url[0] ? e->final_url : j->url);
    return 0;
}

/* ---- transfers ---- */

static size_t on_body(char *data, size_t size, size_t nmemb, void *arg)
{
    job *j = arg;
    size_t n = size * nmemb;
    /* Content-Length over the limit is refused by CURLOPT_MAXFILESIZE; a
     * body without one is stopped here */
    if ((long long)(j->len + n) > j->max) {
        j->too_big = 1;
        return 0;
    }
    if (galley_reserve(&j->body, &j->cap, j->len + n + 1, 1) < 0)
        return 0;
    memcpy(j->body + j->len, data, n);
    j->len += n;
    return n;
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *arg)
{
    job *j = arg;
    size_t n = size * nmemb;
    char line[1024];
    snprintf(line, sizeof line, "%.*s", (int)(n < sizeof line - 1 ? n : sizeof line - 1), data);
    line[strcspn(line, "\r\n")] = '\0';
    if (!strncmp(line, "HTTP/", 5)) {       /* a new response (redirect hop) */
        j->ctype[0] = j->etag[0] = j->lastmod[0] = '\0';
        j->retry_after = 0;
        return n;
    }
    char *colon = strchr(line, ':');
    if (!colon)
        return n;
    *colon = '\0';
    char *v = colon + 1;
    while (*v == ' ' || *v == '\t')
        v++;
    if (!strcasecmp(line, "Content-Type"))
        snprintf(j->ctype, sizeof j->ctype, "%s", v);
    else if (!strcasecmp(line, "ETag"))
        snprintf(j->etag, sizeof j->etag, "%s", v);
    else if (!strcasecmp(line, "Last-Modified"))
        snprintf(j->lastmod, sizeof j->lastmod, "%s", v);
    else if (!strcasecmp(line, "Retry-After"))
        j->retry_after = atof(v);     /* seconds; an HTTP date reads as 0 */
    return n;
}

static void job_reset_transfer(job *j)
{
    if (j->easy) {
        curl_easy_cleanup(j->easy);
        j->easy = NULL;
    }
    curl_slist_free_all(j->hdrs);
    j->hdrs = NULL;
    free(j->body);
    j->body = NULL;
    j->len = j->cap = 0;
    j->too_big = 0;
    j->status = 0;
    j->retry_after = 0;
    j->ctype[0] = j->etag[0] = j->lastmod[0] = j->errbuf[0] = j->refused[0] = '\0';
}

/* every connection, redirects' included, is checked on the address it is
 * about to use (after DNS), so a name pointing inside is caught too */
static curl_socket_t on_open_socket(void *arg, curlsocktype purpose, struct curl_sockaddr *a)
{
    job *j = arg;
    char ip[INET6_ADDRSTRLEN + 8];
    (void)purpose;
    const char *kind = fetch_netpolicy_refuses(j->policy, &a->addr, ip, sizeof ip);
    if (kind) {
        snprintf(j->refused, sizeof j->refused, "%s, a %s address", ip, kind);
        return CURL_SOCKET_BAD;
    }
    return socket(a->family, a->socktype, a->protocol);
}

static void job_free(job *j)
{
    if (!j)
        return;
    job_reset_transfer(j);
    free(j->url);
    free(j->error);
    free(j->final_url);
    free(j);
}

static void job_fail(job *j, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void job_fail(job *j, const char *fmt, ...)
{
    va_list ap;
    char msg[1024];
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    free(j->error);
    j->error = strdup(msg);
    if (!j->error)
        j->error = strdup("out of memory");
    j->state = J_DONE;
}

/* Starts one attempt of j.  0, or -1 with j failed. */
static int job_start(http_state *s, job *j, double now)
{
    job_reset_transfer(j);
    cache_entry e;
    int cached = cache_load(s, j->url, &e);
    if (cached && s->max_age > 0 && e.age < s->max_age && cache_body(s, j, &e) == 0) {
        j->cache = "fresh";
        utc_now(j->fetched_at, sizeof j->fetched_at);
        j->state = J_DONE;
        return 0;
    }
    CURL *c = curl_easy_init();
    if (!c) {
        job_fail(j, "out of memory starting the transfer");
        return -1;
    }
    j->max = s->max_bytes;
    j->easy = c;
    curl_easy_setopt(c, CURLOPT_URL, j->url);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, j);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, j);
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)s->max_bytes);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, s->max_redirects > 0 ? 1L : 0L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, s->max_redirects);
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(c, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)(s->timeout * 1000));
    curl_easy_setopt(c, CURLOPT_USERAGENT, s->user_agent);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");   /* gzip etc., decoded */
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, j->errbuf);
    j->policy = &s->policy;
    curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
    curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, j);
    if (cached) {
        char h[400];
        if (e.etag[0]) {
            snprintf(h, sizeof h, "If-None-Match: %s", e.etag);
            j->hdrs = curl_slist_append(j->hdrs, h);
        }
        if (e.lastmod[0]) {
            snprintf(h, sizeof h, "If-Modified-Since: %s", e.lastmod);
            j->hdrs = curl_slist_append(j->hdrs, h);
        }
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, j->hdrs);
    }
    if (curl_multi_add_handle(s->multi, c) != CURLM_OK) {
        job_fail(j, "cannot start the transfer");
        return -1;
    }
    j->tries++;
    j->state = J_RUN;
    host_of(s, j)->busy = 1;
    host_of(s, j)->last_start = now;
    s->running++;
    return 0;
}

/* 1 for failures worth another try */
static int transient(CURLcode rc, long status)
{
    if (rc == CURLE_OK)
        return status >= 500 || status == 429;
    return rc == CURLE_OPERATION_TIMEDOUT || rc == CURLE_COULDNT_CONNECT
        || rc == CURLE_RECV_ERROR || rc == CURLE_SEND_ERROR
        || rc == CURLE_GOT_NOTHING || rc == CURLE_PARTIAL_FILE
        || rc == CURLE_COULDNT_RESOLVE_HOST;
}

/* A transfer ended: success, a retry later, or a failure with its reason. */
static void job_finished(http_state *s, job *j, CURLcode rc)
{
    char *eff = NULL;
    curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &j->status);
    curl_easy_getinfo(j->easy, CURLINFO_EFFECTIVE_URL, &eff);
    free(j->final_url);
    j->final_url = eff ? strdup(eff) : NULL;
    curl_multi_remove_handle(s->multi, j->easy);
    s->running--;
    host_of(s, j)->busy = 0;
    utc_now(j->fetched_at, sizeof j->fetched_at);
    if (j->refused[0]) {    /* never retried */
        int moved = j->final_url && strcmp(j->final_url, j->url) != 0;
        job_fail(j, "%s%s resolves to %s: refused (private, loopback and link-local "
                 "addresses are not fetched; allow_private = true or allow_addresses "
                 "lets them through)", moved ? "redirected to " : "",
                 moved ? j->final_url : "the host", j->refused);
        return;
    }
    if (transient(rc, j->status) && j->tries <= s->retries) {
        /* the server's Retry-After wins over our backoff, within reason */
        double wait = s->backoff * pow(2, j->tries - 1);
        if (j->retry_after > wait)
            wait = j->retry_after < MAX_RETRY_AFTER ? j->retry_after : MAX_RETRY_AFTER;
        j->state = J_WAIT;
        j->not_before = now_mono() + wait;
        galley_info("%s: %s; retry %d of %ld", j->url,
                    rc == CURLE_OK ? "server error" : curl_easy_strerror(rc),
                    j->tries, s->retries);
        return;
    }
    const char *tries = j->tries > 1 ? " tries" : " try";
    if (rc == CURLE_OK && j->status == 304) {
        cache_entry e;
        if (cache_load(s, j->url, &e) && cache_body(s, j, &e) == 0) {
            j->cache = "revalidated";
            j->state = J_DONE;
            return;
        }
        job_fail(j, "HTTP 304 Not Modified, but the cached copy is gone");
    } else if (rc == CURLE_OK && j->status >= 200 && j->status <= 299) {
        cache_store(s, j);
        j->state = J_DONE;
    } else if (rc == CURLE_OK) {
        job_fail(j, "HTTP %ld%s (after %d%s)", j->status,
                 j->status == 404 ? " Not Found" : j->status >= 500 ? " server error" : "",
                 j->tries, tries);
    } else if (j->too_big || rc == CURLE_FILESIZE_EXCEEDED) {
        job_fail(j, "body over max_bytes = %lld (raise max_bytes)", s->max_bytes);
    } else if (rc == CURLE_OPERATION_TIMEDOUT) {
        job_fail(j, "timed out after %g s (%d%s; raise timeout?)", s->timeout,
                 j->tries, tries);
    } else if (rc == CURLE_UNSUPPORTED_PROTOCOL) {
        job_fail(j, "redirected to a URL that is not http or https: not followed");
    } else if (rc == CURLE_TOO_MANY_REDIRECTS) {
        job_fail(j, "more than max_redirects = %ld redirects", s->max_redirects);
    } else if (rc == CURLE_OUT_OF_MEMORY && j->len == 0) {
        /* libcurl reports a response header over its limit as out of memory
         * (with no other detail): before any body, that is what it was */
        job_fail(j, "the server's response headers are too big (over libcurl's limit "
                 "of 100 KB per header): a broken or hostile server; not retried");
    } else {
        job_fail(j, "%s%s%s (after %d%s)", curl_easy_strerror(rc),
                 j->errbuf[0] ? ": " : "", j->errbuf, j->tries, tries);
    }
}

/* ---- the URL list and the queue ---- */

/* The index + 1 of name's host entry, added if new; 0: out of memory. */
static size_t add_host(http_state *s, const char *name)
{
    for (size_t i = 0; i < s->nhosts; i++)
        if (!strcmp(s->hosts[i].name, name))
            return i + 1;
    if (galley_reserve(&s->hosts, &s->hostcap, s->nhosts + 1, sizeof *s->hosts) < 0)
        return 0;
    host *h = &s->hosts[s->nhosts];
    h->name = strdup(name);
    if (!h->name)
        return 0;
    h->busy = 0;
    h->last_start = -1e9;
    return ++s->nhosts;
}

/* The scheme and host of url through libcurl's URL parser: 0, or -1 with
 * the reason in why. */
static int parse_url(const char *url, char *hostname, size_t cap, const char **why)
{
    CURLU *u = curl_url();
    char *scheme = NULL, *h = NULL;
    int rc = -1;
    *why = "not a valid URL";
    if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK
        && curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK
        && curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK) {
        if (strcasecmp(scheme, "http") && strcasecmp(scheme, "https")) {
            *why = "only http and https URLs are fetched";
        } else {
            snprintf(hostname, cap, "%s", h);
            rc = 0;
        }
    }
    curl_free(scheme);
    curl_free(h);
    curl_url_cleanup(u);
    return rc;
}

/* Reads URLs until the queue holds `window` jobs or the list ends. */
static void fill_queue(http_state *s)
{
    while (!s->eof && s->n < s->window) {
        ssize_t len = getline(&s->line, &s->linecap, s->in);
        if (len < 0) {
            s->eof = 1;
            break;
        }
        s->lineno++;
        char *p = s->line;
        while (*p == ' ' || *p == '\t')
            p++;
        p[strcspn(p, "\r\n")] = '\0';
        size_t l = strlen(p);
        while (l && (p[l - 1] == ' ' || p[l - 1] == '\t'))
            p[--l] = '\0';
        if (!*p || *p == '#' || !fetch_shard_mine(&s->shard, p))
            continue;
        job *j = calloc(1, sizeof *j);
        if (!j || !(j->url = strdup(p))) {
            free(j);
            galley_error("out of memory reading the URL list");
            s->eof = 1;
            break;
        }
        j->line = s->lineno;
        char hostname[1024];
        const char *why;
        if (parse_url(p, hostname, sizeof hostname, &why) != 0)
            job_fail(j, "line %lu: %s", j->line, why);
        else if (!(j->host = add_host(s, hostname)))
            job_fail(j, "out of memory");
        if (s->n == s->qcap) {
            size_t ncap = s->qcap ? 2 * s->qcap : 64;
            job **bigger = malloc(ncap * sizeof *bigger);
            if (!bigger) {
                job_free(j);
                s->eof = 1;
                break;
            }
            for (size_t i = 0; i < s->n; i++)
                bigger[i] = s->q[(s->head + i) % s->qcap];
            free(s->q);
            s->q = bigger;
            s->head = 0;
            s->qcap = ncap;
        }
        s->q[(s->head + s->n) % s->qcap] = j;
        s->n++;
    }
}

/* Starts waiting jobs, in list order, while slots and hosts allow.
 * Returns the seconds until the next one could start (or 1). */
static double start_jobs(http_state *s)
{
    double now = now_mono(), wait = 1.0;
    for (size_t i = 0; i < s->n && s->running < s->concurrency; i++) {
        job *j = s->q[(s->head + i) % s->qcap];
        if (j->state != J_WAIT || host_of(s, j)->busy)
            continue;
        double at = j->not_before;
        double next = host_of(s, j)->last_start + s->delay;
        if (next > at)
            at = next;
        if (at > now) {
            if (at - now < wait)
                wait = at - now;
            continue;
        }
        job_start(s, j, now);
    }
    return wait;
}

static void collect_done(http_state *s)
{
    CURLMsg *m;
    int left;
    while ((m = curl_multi_info_read(s->multi, &left))) {
        if (m->msg != CURLMSG_DONE)
            continue;
        for (size_t i = 0; i < s->n; i++) {
            job *j = s->q[(s->head + i) % s->qcap];
            if (j->easy == m->easy_handle && j->state == J_RUN) {
                job_finished(s, j, m->data.result);
                break;
            }
        }
    }
}

/* Fills doc from a finished job. */
static galley_status job_doc(http_state *s, job *j, galley_doc *doc)
{
    galley_doc_set_id(doc, j->url);
    galley_doc_set_source(doc, j->final_url ? j->final_url : j->url);
    galley_doc_set_field(doc, "url", j->final_url ? j->final_url : j->url);
    if (j->fetched_at[0])
        galley_doc_set_field(doc, "fetched_at", j->fetched_at);
    if (j->status)
        galley_doc_set_fieldf(doc, "http_status", "%ld", j->status);
    if (j->error)
        return galley_doc_fail(doc, "%s", j->error);
    if (j->cache)
        galley_doc_set_field(doc, "cache", j->cache);
    char mt[128], cs[64];
    size_t k = 0;
    for (const char *p = j->ctype; *p && *p != ';' && *p != ' ' && k + 1 < sizeof mt; p++)
        mt[k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
    mt[k] = '\0';
    const char *type;
    if (!mt[0] || !strcmp(mt, "text/plain") || !strcmp(mt, "application/octet-stream"))
        type = fetch_sniff_type(j->final_url, j->body ? j->body : "", j->len);
    else if (!strcmp(mt, "text/html") || !strcmp(mt, "application/xhtml+xml"))
        type = "text/html";
    else if (!strncmp(mt, "text/", 5))
        type = mt;
    else
        return galley_doc_fail(doc, "not a text document (Content-Type %s)", mt);
    if (j->len == 0)
        return galley_doc_fail(doc, "empty body (HTTP %ld)", j->status);
    galley_doc_set_content_type(doc, type);
    galley_doc_take_raw(doc, j->body, j->len);
    const char *raw = j->body;
    size_t len = j->len;
    j->body = NULL;
    j->len = j->cap = 0;
    return fetch_decode(doc, raw, len, !strcmp(type, "text/html"),
                        fetch_content_type_charset(j->ctype, cs, sizeof cs) ? cs : NULL,
                        &s->dec);
}

static galley_status http_next(void *state, galley_doc *doc)
{
    http_state *s = state;
    while (!galley_stopping()) {
        fill_queue(s);
        if (s->n == 0)
            return GALLEY_DONE;
        job *head = s->q[s->head];
        if (head->state == J_DONE) {
            s->head = (s->head + 1) % s->qcap;
            s->n--;
            galley_status rc = job_doc(s, head, doc);
            job_free(head);
            return rc;
        }
        double wait = start_jobs(s);
        if (head->state == J_DONE)
            continue;       /* served from the cache or failed at once */
        int still, numfds;
        curl_multi_perform(s->multi, &still);
        collect_done(s);
        if (s->q[s->head]->state == J_DONE)
            continue;
        int ms = (int)(wait * 1000) + 1;
        curl_multi_poll(s->multi, NULL, 0, ms > 1000 ? 1000 : ms, &numfds);
        curl_multi_perform(s->multi, &still);
        collect_done(s);
    }
    return GALLEY_DONE;
}

static galley_status http_close(void *state)
{
    http_state *s = state;
    if (!s)
        return GALLEY_OK;
    for (size_t i = 0; i < s->n; i++) {
        job *j = s->q[(s->head + i) % s->qcap];
        if (j->easy && s->multi)
            curl_multi_remove_handle(s->multi, j->easy);
        job_free(j);
    }
    free(s->q);
    for (size_t i = 0; i < s->nhosts; i++)
        free(s->hosts[i].name);
    free(s->hosts);
    if (s->multi)
        curl_multi_cleanup(s->multi);
    curl_global_cleanup();
    if (s->close_in)
        fclose(s->in);
    free(s->line);
    free(s->cache_dir);
    fetch_netpolicy_free(&s->policy);
    free(s);
    return GALLEY_OK;
}

static galley_status http_open(galley_stage *st, void **state)
{
    char err[256];
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return galley_stage_fail(st, "libcurl failed to initialise");
    http_state *s = calloc(1, sizeof *s);
    if (!s) {
        curl_global_cleanup();
        return galley_stage_fail(st, "out of memory");
    }
    s->concurrency = (long)galley_opt_int(st, "concurrency");
    s->delay = galley_opt_float(st, "delay");
    s->timeout = galley_opt_float(st, "timeout");
    s->max_bytes = galley_opt_int(st, "max_bytes");
    s->retries = (long)galley_opt_int(st, "retries");
    s->backoff = galley_opt_float(st, "backoff");
    s->max_redirects = (long)galley_opt_int(st, "max_redirects");
    s->user_agent = galley_opt_str(st, "user_agent");
    s->max_age = galley_opt_float(st, "cache_max_age");
    s->window = (size_t)s->concurrency * 4 + 16;
    const char *cache = galley_opt_str(st, "cache");
    const char *path = galley_opt_str(st, "path");
    galley_status rc = GALLEY_OK;
    const char *const *allow;
    size_t nallow = galley_opt_list(st, "allow_addresses", &allow);
    if (fetch_read_common(st, &s->shard, &s->dec, err, sizeof err) < 0
        || fetch_netpolicy_init(&s->policy, galley_opt_bool(st, "allow_private"), allow,
                                nallow, err, sizeof err)) {
        rc = galley_stage_fail(st, "%s", err);
    } else if (cache && *cache && mkdir(cache, 0777) != 0 && errno != EEXIST) {
        rc = galley_stage_fail(st, "cannot create cache directory '%s': %s", cache,
                               strerror(errno));
    } else if (!(s->multi = curl_multi_init())) {
        rc = galley_stage_fail(st, "libcurl: cannot create a multi handle");
    } else if (!path || !strcmp(path, "-")) {
        s->in = stdin;
    } else if (!(s->in = fopen(path, "r"))) {
        rc = galley_stage_fail(st, "cannot open URL list '%s': %s", path, strerror(errno));
    } else {
        s->close_in = 1;
    }
    if (rc == GALLEY_OK && cache && *cache && !(s->cache_dir = strdup(cache)))
        rc = galley_stage_fail(st, "out of memory");
    if (rc != GALLEY_OK) {
        http_close(s);
        return rc;
    }
    *state = s;
    return GALLEY_OK;
}

GALLEY_PLUGIN(http,
    .kind = GALLEY_FETCH,
    .summary = "fetch a list of URLs over HTTP(S): concurrent, polite, retrying, cached",
    .version = "1.0",
    .license = "MIT",
    .options = http_options,
    .provides = "charset url fetched_at http_status",
    .open = http_open, .next = http_next, .close = http_close);
