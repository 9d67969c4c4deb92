/* tests/fetch/test_http.c - the `http` fetch plugin against tests/fetch/httpd.py
 * on 127.0.0.1 (never any other address): 200, 404, 500-then-200, redirects,
 * a slow response past the timeout, bodies over max_bytes, the cache. */
#include "config.h"

#include <signal.h>
#include <sys/wait.h>

#include <curl/curl.h>

#include "fixtures.h"
#include "../ckhelp.h"

extern const galley_plugin http_LTX_galley_plugin;
#define HTTP_PLUGIN (&http_LTX_galley_plugin)

static char *tmp;
static pid_t server;
static int server_stdin = -1;
static int port;
static char *list_opt;
/* the test server is on 127.0.0.1, which the plugin refuses unless allowed */
#define LOCAL "allow_addresses=127.0.0.1"

/* Starts httpd.py; it prints its port and lives until its stdin closes. */
static int start_server(void)
{
    const char *src = getenv("top_srcdir");
    char script[4200];
    snprintf(script, sizeof script, "%s/tests/fetch/httpd.py",
             src && *src ? src : GALLEY_SRCDIR);
    int in[2], out[2];
    if (pipe(in) || pipe(out))
        return -1;
    server = fork();
    if (server < 0)
        return -1;
    if (server == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        close(in[1]);
        close(out[0]);
        execlp("python3", "python3", script, (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    server_stdin = in[1];
    char buf[32] = "";
    size_t n = 0;
    while (n + 1 < sizeof buf && read(out[0], buf + n, 1) == 1 && buf[n] != '\n')
        n++;
    buf[n] = '\0';
    close(out[0]);      /* the server writes nothing more */
    port = atoi(buf);
    return port > 0 ? 0 : -1;
}

static void setup(void)
{
    /* a proxy from the environment must not see these requests */
    setenv("no_proxy", "*", 1);
    setenv("NO_PROXY", "*", 1);
    tmp = fx_tmpdir();
    char p[4200];
    snprintf(p, sizeof p, "%s/urls.txt", tmp);
    list_opt = fx_opt("path", p);
    ck_assert_msg(start_server() == 0, "cannot start tests/fetch/httpd.py with python3");
}

static void teardown(void)
{
    if (server_stdin >= 0)
        close(server_stdin);
    server_stdin = -1;
    if (server > 0) {
        int st;
        for (int i = 0; i < 50 && waitpid(server, &st, WNOHANG) == 0; i++)
            usleep(100000);
        if (waitpid(server, &st, WNOHANG) == 0) {
            kill(server, SIGTERM);
            waitpid(server, &st, 0);
        }
    }
    server = 0;
    fx_rmrf(tmp);
    free(tmp);
    free(list_opt);
}

/* writes the URL list: each path becomes http://127.0.0.1:PORT/path */
static void write_list(const char *const *paths)
{
    char *all = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&all, &len);
    fprintf(f, "# test URLs\n\n");
    for (size_t i = 0; paths[i]; i++) {
        if (paths[i][0] == '/')
            fprintf(f, "  http://127.0.0.1:%d%s  \n", port, paths[i]);
        else
            fprintf(f, "%s\n", paths[i]);
    }
    fclose(f);
    fx_write(tmp, "urls.txt", all, len);
    free(all);
}

static size_t collect(char *d, size_t s, size_t n, void *arg)
{
    FILE *f = arg;
    return fwrite(d, s, n, f);
}

/* a number in the server's /stats: "PATH STATUS" counts, max_inflight... */
static int stat_of(const char *key_text)
{
    char url[128], key[128], *body = NULL;
    size_t len = 0;
    snprintf(url, sizeof url, "http://127.0.0.1:%d/stats", port);
    FILE *f = open_memstream(&body, &len);
    CURL *c = curl_easy_init();
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, f);
    CURLcode rc = curl_easy_perform(c);
    curl_easy_cleanup(c);
    fclose(f);
    ck_assert_int_eq(rc, CURLE_OK);
    snprintf(key, sizeof key, "\"%s\": ", key_text);
    const char *hit = strstr(body, key);
    int n = hit ? atoi(hit + strlen(key)) : 0;
    free(body);
    return n;
}

/* how many times the server answered "PATH STATUS" */
static int served(const char *path, int status)
{
    char key[128];
    snprintf(key, sizeof key, "%s %d", path, status);
    return stat_of(key);
}

static char *url_of(const char *path)
{
    static char u[128];
    snprintf(u, sizeof u, "http://127.0.0.1:%d%s", port, path);
    return u;
}

START_TEST(statuses_redirects_and_limits)
{
    const char *paths[] = { "/ok", "/plain", "/missing", "/flaky", "/redirect",
                            "/redirect-ftp", "/image", "/big", "/big-stream",
                            "ftp://127.0.0.1/file", "no url at all", NULL };
    write_list(paths);
    const char *opts[] = { list_opt, LOCAL, "delay=0", "retries=1", "backoff=0.05",
                           "max_bytes=50000", "timeout=20", "concurrency=4", NULL };
    run r = fx_run(HTTP_PLUGIN, opts);
    ck_assert_uint_eq(r.n, 11);
    for (size_t i = 0; i < 9; i++)          /* in list order */
        ck_assert_str_eq(r.docs[i].id, url_of(paths[i]));
    const got *g = &r.docs[0];
    ck_assert_int_eq(g->rc, GALLEY_OK);
    ck_assert_str_eq(g->text, "<html><body><p>caf\xC3\xA9 ok</p></body></html>");
    ck_assert_str_eq(g->charset, "windows-1252");     /* ISO-8859-1, as browsers do */
    ck_assert_str_eq(g->type, "text/html");
    g = &r.docs[1];
    ck_assert_int_eq(g->rc, GALLEY_OK);
    ck_assert_str_eq(g->type, "text/plain");
    ck_assert_str_eq(g->text, "na\xC3\xAFve text\n");
    g = &r.docs[2];
    ck_assert_int_eq(g->rc, GALLEY_ERROR);
    ck_assert_msg(strstr(g->error, "HTTP 404"), "%s", g->error);
    g = &r.docs[3];
    ck_assert_int_eq(g->rc, GALLEY_OK);
    ck_assert_str_eq(g->text, "<html><p>second time lucky</p></html>");
    ck_assert_int_eq(served("/flaky", 500), 1);
    ck_assert_int_eq(served("/flaky", 200), 1);
    g = &r.docs[4];
    ck_assert_int_eq(g->rc, GALLEY_OK);
    ck_assert_str_eq(g->source, url_of("/ok"));        /* where it landed */
    ck_assert_ptr_nonnull(strstr(g->text, "ok</p>"));
    g = &r.docs[5];
    ck_assert_int_eq(g->rc, GALLEY_ERROR);
    ck_assert_msg(strstr(g->error, "not http or https"), "%s", g->error);
    g = &r.docs[6];
    ck_assert_int_eq(g->rc, GALLEY_ERROR);
    ck_assert_msg(strstr(g->error, "not a text document (Content-Type image/png)"), "%s",
                  g->error);
    for (size_t i = 7; i <= 8; i++) {
        g = &r.docs[i];
        ck_assert_int_eq(g->rc, GALLEY_ERROR);
        ck_assert_msg(strstr(g->error, "over max_bytes = 50000"), "%s: %s", g->id, g->error);
    }
    g = &r.docs[9];
    ck_assert_str_eq(g->id, "ftp://127.0.0.1/file");
    ck_assert_int_eq(g->rc, GALLEY_ERROR);
    ck_assert_msg(strstr(g->error, "line 12: only http and https"), "%s", g->error);
    g = &r.docs[10];
    ck_assert_int_eq(g->rc, GALLEY_ERROR);
    ck_assert_msg(strstr(g->error, "not a valid URL"), "%s", g->error);
    fx_free(&r);
}
END_TEST

START_TEST(fields_of_a_page)
{
    const char *paths[] = { "/ok", NULL };
    write_list(paths);
    char err[512];
    const char *opts[] = { list_opt, LOCAL, "delay=0", NULL };
    galley_test *t = galley_test_open(HTTP_PLUGIN, opts, err, sizeof err);
    ck_assert_msg(t != NULL, "%s", err);
    galley_doc *d = galley_doc_new();
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
    ck_assert_str_eq(galley_doc_field(d, "http_status"), "200");
    ck_assert_str_eq(galley_doc_field(d, "url"), url_of("/ok"));
    const char *at = galley_doc_field(d, "fetched_at");
    ck_assert_ptr_nonnull(at);
    ck_assert_uint_eq(strlen(at), 20);          /* 2024-01-01T00:00:00Z */
    ck_assert_int_eq(at[10], 'T');
    size_t rl;
    galley_doc_raw(d, &rl);
    ck_assert_uint_eq(rl, 40);                  /* the bytes as served */
    galley_doc_free(d);
    d = galley_doc_new();
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_DONE);
    galley_doc_free(d);
    ck_assert_int_eq(galley_test_close(t, err, sizeof err), GALLEY_OK);
}
END_TEST

START_TEST(user_agent_is_sent)
{
    const char *paths[] = { "/ua", NULL };
    write_list(paths);
    const char *o1[] = { list_opt, LOCAL, "delay=0", NULL };
    run r = fx_run(HTTP_PLUGIN, o1);
    ck_assert_str_eq(r.docs[0].text, "<html>galley/" PACKAGE_VERSION "</html>");
    fx_free(&r);
    const char *o2[] = { list_opt, LOCAL, "delay=0", "user_agent=NewsBot/2 (+mailto:ops@example.org)", NULL };
    r = fx_run(HTTP_PLUGIN, o2);
    ck_assert_str_eq(r.docs[0].text, "<html>NewsBot/2 (+mailto:ops@example.org)</html>");
    fx_free(&r);
}
END_TEST

START_TEST(slow_response_times_out)
{
    const char *paths[] = { "/slow", "/ok", NULL };
    write_list(paths);
    const char *opts[] = { list_opt, LOCAL, "delay=0", "timeout=2", "retries=1",
                           "backoff=0.05", NULL };
    run r = fx_run(HTTP_PLUGIN, opts);
    ck_assert_uint_eq(r.n, 2);
    ck_assert_int_eq(r.docs[0].rc, GALLEY_ERROR);
    ck_assert_msg(strstr(r.docs[0].error, "timed out after 2 s (2 tries"), "%s",
                  r.docs[0].error);
    ck_assert_int_eq(r.docs[1].rc, GALLEY_OK);
    fx_free(&r);
}
END_TEST

START_TEST(server_errors_retry_then_fail)
{
    const char *paths[] = { "/down", NULL };
    write_list(paths);
    const char *opts[] = { list_opt, LOCAL, "delay=0", "retries=2", "backoff=0.05", NULL };
    run r = fx_run(HTTP_PLUGIN, opts);
    ck_assert_uint_eq(r.n, 1);
    ck_assert_int_eq(r.docs[0].rc, GALLEY_ERROR);
    ck_assert_msg(strstr(r.docs[0].error, "HTTP 500 server error (after 3 tries)"), "%s",
                  r.docs[0].error);
    ck_assert_int_eq(served("/down", 500), 3);
    fx_free(&r);
}
END_TEST

START_TEST(cache_revalidates_and_serves)
{
    const char *paths[] = { "/cached", NULL };
    write_list(paths);
    char cache[4200];
    snprintf(cache, sizeof cache, "cache=%s/cache", tmp);
    char err[512];
    for (int round = 0; round < 3; round++) {
        const char *opts[] = { list_opt, LOCAL, "delay=0", cache,
                               round == 2 ? "cache_max_age=3600" : "cache_max_age=0",
                               NULL };
        galley_test *t = galley_test_open(HTTP_PLUGIN, opts, err, sizeof err);
        ck_assert_msg(t != NULL, "%s", err);
        galley_doc *d = galley_doc_new();
        ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
        ck_assert_str_eq(galley_doc_text(d, NULL), "<html><p>cache me</p></html>");
        const char *how = galley_doc_field(d, "cache");
        if (round == 0)
            ck_assert_ptr_null(how);
        else
            ck_assert_str_eq(how, round == 1 ? "revalidated" : "fresh");
        galley_doc_free(d);
        ck_assert_int_eq(galley_test_close(t, err, sizeof err), GALLEY_OK);
    }
    /* downloaded once, revalidated once, then not asked at all */
    ck_assert_int_eq(served("/cached", 200), 1);
    ck_assert_int_eq(served("/cached", 304), 1);

    /* a server with Last-Modified only; /plain has neither: never cached */
    const char *p2[] = { "/cached-lm", "/plain", NULL };
    write_list(p2);
    for (int round = 0; round < 2; round++) {
        const char *opts[] = { list_opt, LOCAL, "delay=0", cache, NULL };
        run r = fx_run(HTTP_PLUGIN, opts);
        ck_assert_uint_eq(r.n, 2);
        ck_assert_str_eq(r.docs[0].text, "<html><p>dated</p></html>");
        ck_assert_int_eq(r.docs[1].rc, GALLEY_OK);
        fx_free(&r);
    }
    ck_assert_int_eq(served("/cached-lm", 200), 1);
    ck_assert_int_eq(served("/cached-lm", 304), 1);
    ck_assert_int_eq(served("/plain", 200), 2);
}
END_TEST

START_TEST(list_order_and_shards)
{
    /* /flaky finishes after /ok (it waits for its retry) yet comes first */
    const char *paths[] = { "/flaky", "/ok", NULL };
    write_list(paths);
    const char *opts[] = { list_opt, LOCAL, "delay=0", "backoff=0.3", "concurrency=4", NULL };
    run r = fx_run(HTTP_PLUGIN, opts);
    ck_assert_uint_eq(r.n, 2);
    ck_assert_str_eq(r.docs[0].id, url_of("/flaky"));
    ck_assert_int_eq(r.docs[0].rc, GALLEY_OK);
    ck_assert_str_eq(r.docs[1].id, url_of("/ok"));
    fx_free(&r);

    char many[30][32];
    const char *mp[31];
    for (int i = 0; i < 30; i++) {
        snprintf(many[i], sizeof many[i], "/plain?n=%d", i);
        mp[i] = many[i];
    }
    mp[30] = NULL;
    write_list(mp);
    int seen[30] = { 0 };
    size_t total = 0;
    for (int k = 1; k <= 2; k++) {
        const char *o2[] = { list_opt, LOCAL, "delay=0", k == 1 ? "shard=1/2" : "shard=2/2", NULL };
        r = fx_run(HTTP_PLUGIN, o2);
        for (size_t i = 0; i < r.n; i++) {
            ck_assert_int_eq(r.docs[i].rc, GALLEY_OK);
            seen[atoi(strstr(r.docs[i].id, "n=") + 2)]++;
        }
        total += r.n;
        fx_free(&r);
    }
    ck_assert_uint_eq(total, 30);
    for (int i = 0; i < 30; i++)
        ck_assert_int_eq(seen[i], 1);
}
END_TEST

START_TEST(one_request_per_host_with_delay)
{
    const char *paths[] = { "/hold?n=1", "/hold?n=2", "/hold?n=3", NULL };
    write_list(paths);
    const char *opts[] = { list_opt, LOCAL, "delay=1", "concurrency=4", NULL };
    run r = fx_run(HTTP_PLUGIN, opts);
    ck_assert_uint_eq(r.n, 3);
    for (size_t i = 0; i < 3; i++)
        ck_assert_int_eq(r.docs[i].rc, GALLEY_OK);
    fx_free(&r);
    /* four slots, one host: the requests never overlapped, and they started
     * about `delay` apart; the server sees the starts with some jitter (431
     * ms seen for a 1 s delay at load 8 on 2 cores), so the bound is loose:
     * without the delay the gap is the 0.1 s a /hold request takes */
    ck_assert_int_eq(served("/hold", 200), 3);
    ck_assert_int_eq(stat_of("max_inflight"), 1);
    ck_assert_int_ge(stat_of("min_gap_ms"), 300);
}
END_TEST

START_TEST(retry_after_is_honoured)
{
    const char *paths[] = { "/busy", NULL };
    write_list(paths);
    const char *opts[] = { list_opt, LOCAL, "delay=0", "backoff=0.01", NULL };
    run r = fx_run(HTTP_PLUGIN, opts);
    ck_assert_uint_eq(r.n, 1);
    ck_assert_int_eq(r.docs[0].rc, GALLEY_OK);
    ck_assert_str_eq(r.docs[0].text, "<html><p>no longer busy</p></html>");
    fx_free(&r);
    ck_assert_int_eq(served("/busy", 503), 1);
    /* the retry waited for the server's second, not our 0.01 s (loose
     * bound: the server sees starts with some jitter, as above) */
    ck_assert_int_ge(stat_of("min_gap_ms"), 400);
}
END_TEST

/* private, loopback and link-local addresses are refused unless allowed;
 * redirects too.  Nothing here goes beyond 127.0.0.0/8: 127.0.0.2 is refused
 * before any connection is made. */
START_TEST(private_addresses_are_refused)
{
    const char *paths[] = { "/ok", NULL };
    write_list(paths);
    const char *o1[] = { list_opt, "delay=0", NULL };
    run r = fx_run(HTTP_PLUGIN, o1);
    ck_assert_uint_eq(r.n, 1);
    ck_assert_int_eq(r.docs[0].rc, GALLEY_ERROR);
    ck_assert_msg(strstr(r.docs[0].error, "the host resolves to 127.0.0.1, a loopback "
                         "address: refused (private, loopback and link-local addresses "
                         "are not fetched; allow_private = true or allow_addresses lets "
                         "them through)"), "%s", r.docs[0].error);
    ck_assert_int_eq(served("/ok", 200), 0);            /* not even one request */
    fx_free(&r);

    const char *more[] = { "/ok", "/redirect-other", NULL };
    write_list(more);
    const char *o2[] = { list_opt, LOCAL, "delay=0", "retries=2", "backoff=0.01", NULL };
    r = fx_run(HTTP_PLUGIN, o2);
    ck_assert_uint_eq(r.n, 2);
    ck_assert_int_eq(r.docs[0].rc, GALLEY_OK);
    ck_assert_int_eq(r.docs[1].rc, GALLEY_ERROR);
    char want[256];
    snprintf(want, sizeof want, "redirected to http://127.0.0.2:%d/ok resolves to "
             "127.0.0.2, a loopback address: refused", port);
    ck_assert_msg(strstr(r.docs[1].error, want), "%s", r.docs[1].error);
    ck_assert_int_eq(served("/redirect-other", 302), 1);        /* never retried */
    fx_free(&r);

    const char *o3[] = { list_opt, "allow_private=true", "delay=0", NULL };
    r = fx_run(HTTP_PLUGIN, o3);
    ck_assert_int_eq(r.docs[0].rc, GALLEY_OK);
    ck_assert_int_eq(r.docs[1].rc, GALLEY_ERROR);      /* allowed, but nobody is there */
    ck_assert_msg(!strstr(r.docs[1].error, "refused ("), "%s", r.docs[1].error);
    fx_free(&r);

    char err[512] = "";
    const char *bad[] = { list_opt, "allow_addresses=127.0.0.1,10.0.0.0/33", NULL };
    ck_assert_ptr_null(galley_test_open(HTTP_PLUGIN, bad, err, sizeof err));
    ck_assert_msg(strstr(err, "allow_addresses: '10.0.0.0/33' has a bad prefix length"),
                  "%s", err);
}
END_TEST

START_TEST(huge_response_header_fails_honestly)
{
    const char *paths[] = { "/big-header", NULL };
    write_list(paths);
    const char *opts[] = { list_opt, LOCAL, "delay=0", "retries=0", NULL };
    run r = fx_run(HTTP_PLUGIN, opts);
    ck_assert_uint_eq(r.n, 1);
    ck_assert_int_eq(r.docs[0].rc, GALLEY_ERROR);
    ck_assert_msg(strstr(r.docs[0].error, "response headers are too big"), "%s",
                  r.docs[0].error);
    ck_assert_msg(!strstr(r.docs[0].error, "Out of memory"), "%s", r.docs[0].error);
    fx_free(&r);
}
END_TEST

START_TEST(missing_list_fails_open)
{
    char p[4200], err[512] = "";
    snprintf(p, sizeof p, "path=%s/none.txt", tmp);
    const char *opts[] = { p, NULL };
    ck_assert_ptr_null(galley_test_open(HTTP_PLUGIN, opts, err, sizeof err));
    ck_assert_msg(strstr(err, "none.txt"), "%s", err);
}
END_TEST

static Suite *http_suite(void)
{
    Suite *s = suite_create("fetch/http");
    TCase *tc = tcase_create("http");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, statuses_redirects_and_limits);
    tcase_add_test(tc, fields_of_a_page);
    tcase_add_test(tc, user_agent_is_sent);
    tcase_add_test(tc, slow_response_times_out);
    tcase_add_test(tc, server_errors_retry_then_fail);
    tcase_add_test(tc, cache_revalidates_and_serves);
    tcase_add_test(tc, list_order_and_shards);
    tcase_add_test(tc, one_request_per_host_with_delay);
    tcase_add_test(tc, retry_after_is_honoured);
    tcase_add_test(tc, missing_list_fails_open);
    tcase_add_test(tc, private_addresses_are_refused);
    tcase_add_test(tc, huge_response_header_fails_honestly);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    if (system("python3 -c 'import http.server' >/dev/null 2>&1") != 0) {
        printf("test_http: python3 not found: skipped\n");
        return 77;
    }
    return ck_run(http_suite());
}
