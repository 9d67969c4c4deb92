/* tests/fetch/test_warc.c - the `warc` fetch plugin on WARC files the test
 * writes: plain and gzip-per-record, HTTP headers, charsets, transfer and
 * content codings, and truncated or corrupt records that fail alone. */
#include "config.h"

#include <zlib.h>

#include "fixtures.h"
#include "../ckhelp.h"

extern const galley_plugin warc_LTX_galley_plugin;
#define WARC_PLUGIN (&warc_LTX_galley_plugin)

static char *tmp;
static int serial;      /* numbers the records of a test: dates and ids */

/* a growing byte buffer */
typedef struct buf {
    char *b;
    size_t n;
} buf;

static void put(buf *o, const void *p, size_t n)
{
    o->b = realloc(o->b, o->n + n + 1);
    memcpy(o->b + o->n, p, n);
    o->n += n;
}

static void puts_(buf *o, const char *s)
{
    put(o, s, strlen(s));
}

/* one WARC record; length_delta lies in Content-Length (for corrupt files) */
static buf record(const char *type, const char *uri, const char *ctype,
                  const char *block, size_t blen, long length_delta)
{
    buf o = { NULL, 0 };
    char h[2048];
    snprintf(h, sizeof h, "WARC/1.0\r\nWARC-Type: %s\r\n%s%s%s"
             "WARC-Date: 2024-03-0%dT10:00:00Z\r\n"
             "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>\r\n"
             "Content-Type: %s\r\nContent-Length: %ld\r\n\r\n",
             type, uri ? "WARC-Target-URI: " : "", uri ? uri : "", uri ? "\r\n" : "",
             1 + serial % 9, serial, ctype, (long)blen + length_delta);
    serial++;
    puts_(&o, h);
    put(&o, block, blen);
    puts_(&o, "\r\n\r\n");
    return o;
}

/* an HTTP response block */
static buf http(int status, const char *headers, const char *body, size_t blen)
{
    buf o = { NULL, 0 };
    char h[1024];
    snprintf(h, sizeof h, "HTTP/1.1 %d X\r\n%s\r\n", status, headers);
    puts_(&o, h);
    put(&o, body, blen);
    return o;
}

static buf response(const char *uri, int status, const char *headers, const char *body,
                    size_t blen)
{
    buf h = http(status, headers, body, blen);
    buf r = record("response", uri, "application/http; msgtype=response", h.b, h.n, 0);
    free(h.b);
    return r;
}

/* gzip of bytes as one member */
static buf gz(const buf *in)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    ck_assert_int_eq(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
                                  Z_DEFAULT_STRATEGY), Z_OK);
    buf o = { malloc(in->n + 1024), 0 };
    z.next_in = (Bytef *)in->b;
    z.avail_in = (uInt)in->n;
    z.next_out = (Bytef *)o.b;
    z.avail_out = (uInt)(in->n + 1024);
    ck_assert_int_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
    o.n = z.total_out;
    deflateEnd(&z);
    return o;
}

/* the records of the normal-path file */
static size_t sample(buf *recs)
{
    size_t n = 0;
    const char *html1 = "<html><body><p>caf\xC3\xA9</p></body></html>";
    recs[n++] = record("warcinfo", NULL, "application/warc-fields",
                       "software: test\r\n", 16, 0);
    recs[n++] = record("request", "http://a.test/1", "application/http; msgtype=request",
                       "GET /1 HTTP/1.1\r\n\r\n", 19, 0);
    recs[n++] = response("http://a.test/1", 200, "Content-Type: text/html; charset=utf-8\r\n",
                         html1, strlen(html1));
    recs[n++] = response("http://a.test/2", 200,
                         "Content-Type: text/html; charset=ISO-8859-1\r\n",
                         "<html>caf\xE9</html>", 17);
    recs[n++] = response("http://a.test/img", 200, "Content-Type: image/png\r\n",
                         "\x89PNG\r\n", 6);
    recs[n++] = response("http://a.test/404", 404, "Content-Type: text/html\r\n",
                         "<html>gone</html>", 17);
    /* chunked transfer coding around a gzip content coding */
    buf page = { NULL, 0 };
    puts_(&page, "<html><p>zipped and chunked</p></html>");
    buf zipped = gz(&page);
    buf chunked = { NULL, 0 };
    char size[32];
    size_t half = zipped.n / 2;
    snprintf(size, sizeof size, "%zx\r\n", half);
    puts_(&chunked, size);
    put(&chunked, zipped.b, half);
    snprintf(size, sizeof size, "\r\n%zx\r\n", zipped.n - half);
    puts_(&chunked, size);
    put(&chunked, zipped.b + half, zipped.n - half);
    puts_(&chunked, "\r\n0\r\n\r\n");
    recs[n++] = response("http://a.test/zip", 200,
                         "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
                         "Content-Encoding: gzip\r\n", chunked.b, chunked.n);
    free(page.b);
    free(zipped.b);
    free(chunked.b);
    recs[n++] = record("metadata", "http://a.test/1", "application/warc-fields",
                       "via: x\r\n", 8, 0);
    recs[n++] = record("resource", "http://a.test/res", "text/html",
                       "<html>resource</html>", 21, 0);
    recs[n++] = response("http://a.test/nul", 200, "Content-Type: text/html\r\n",
                         "<html>a\0b</html>", 16);
    return n;
}

/* writes records to tmp/name, plain or as one gzip member each */
static void write_warc(const char *name, buf *recs, size_t n, int gzip)
{
    buf all = { NULL, 0 };
    for (size_t i = 0; i < n; i++) {
        if (gzip) {
            buf z = gz(&recs[i]);
            put(&all, z.b, z.n);
            free(z.b);
        } else {
            put(&all, recs[i].b, recs[i].n);
        }
    }
    fx_write(tmp, name, all.b, all.n);
    free(all.b);
}

static void free_recs(buf *recs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(recs[i].b);
}

static run run_file(const char *name, const char *extra)
{
    char p[4200];
    snprintf(p, sizeof p, "path=%s/%s", tmp, name);
    const char *opts[] = { p, extra, NULL };
    return fx_run(WARC_PLUGIN, opts);
}

static void setup(void)
{
    serial = 0;
    tmp = fx_tmpdir();
}

static void teardown(void)
{
    fx_rmrf(tmp);
    free(tmp);
}

static void check_sample(const run *r)
{
    ck_assert_uint_eq(r->n, 5);
    const char *ids[] = { "http://a.test/1", "http://a.test/2", "http://a.test/zip",
                          "http://a.test/res", "http://a.test/nul" };
    for (size_t i = 0; i < 5; i++)
        ck_assert_str_eq(r->docs[i].id, ids[i]);
    ck_assert_int_eq(r->docs[0].rc, GALLEY_OK);
    ck_assert_str_eq(r->docs[0].text, "<html><body><p>caf\xC3\xA9</p></body></html>");
    ck_assert_str_eq(r->docs[0].type, "text/html");
    ck_assert_str_eq(r->docs[0].source, "http://a.test/1");
    ck_assert_str_eq(r->docs[0].charset, "utf-8");
    ck_assert_str_eq(r->docs[1].text, "<html>caf\xC3\xA9</html>");
    ck_assert_str_eq(r->docs[1].charset, "windows-1252");
    ck_assert_str_eq(r->docs[2].text, "<html><p>zipped and chunked</p></html>");
    ck_assert_str_eq(r->docs[3].text, "<html>resource</html>");
    /* a NUL in an HTML payload is replaced by default, as browsers read it */
    ck_assert_int_eq(r->docs[4].rc, GALLEY_OK);
    ck_assert_str_eq(r->docs[4].text, "<html>a\xEF\xBF\xBD" "b</html>");
    ck_assert_str_eq(r->docs[4].nul_replaced, "1");
}

START_TEST(plain_and_gzip_files)
{
    buf recs[16];
    size_t n = sample(recs);
    write_warc("a.warc", recs, n, 0);
    write_warc("a.warc.gz", recs, n, 1);
    free_recs(recs, n);
    run r = run_file("a.warc", NULL);
    check_sample(&r);
    fx_free(&r);
    r = run_file("a.warc.gz", NULL);
    check_sample(&r);
    fx_free(&r);
}
END_TEST

START_TEST(fields_of_a_response)
{
    buf recs[16];
    size_t n = sample(recs);
    write_warc("a.warc.gz", recs, n, 1);
    free_recs(recs, n);
    char p[4200], err[512];
    snprintf(p, sizeof p, "path=%s/a.warc.gz", tmp);
    const char *opts[] = { p, NULL };
    galley_test *t = galley_test_open(WARC_PLUGIN, opts, err, sizeof err);
    ck_assert_msg(t != NULL, "%s", err);
    galley_doc *d = galley_doc_new();
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
    ck_assert_str_eq(galley_doc_field(d, "url"), "http://a.test/1");
    ck_assert_str_eq(galley_doc_field(d, "date"), "2024-03-03T10:00:00Z");
    ck_assert_str_eq(galley_doc_field(d, "http_status"), "200");
    size_t rl;
    const char *raw = galley_doc_raw(d, &rl);
    ck_assert_uint_eq(rl, 38);              /* the payload, headers stripped */
    ck_assert_int_eq(memcmp(raw, "<html>", 6), 0);
    galley_doc_free(d);
    ck_assert_int_eq(galley_test_close(t, err, sizeof err), GALLEY_OK);
}
END_TEST

START_TEST(truncated_file)
{
    buf recs[3];
    recs[0] = response("http://t.test/1", 200, "Content-Type: text/html\r\n", "<html>one</html>", 16);
    recs[1] = response("http://t.test/2", 200, "Content-Type: text/html\r\n", "<html>two</html>", 16);
    recs[2] = response("http://t.test/3", 200, "Content-Type: text/html\r\n",
                       "<html>three is longer</html>", 28);
    for (int gzip = 0; gzip <= 1; gzip++) {
        write_warc("t.warc", recs, 3, gzip);
        /* cut the file inside the last record */
        char p[4200];
        snprintf(p, sizeof p, "%s/t.warc", tmp);
        FILE *f = fopen(p, "rb");
        fseek(f, 0, SEEK_END);
        long size = ftell(f);
        fclose(f);
        ck_assert_int_eq(truncate(p, size - 20), 0);
        run r = run_file("t.warc", NULL);
        ck_assert_uint_eq(r.n, 3);
        ck_assert_int_eq(r.docs[0].rc, GALLEY_OK);
        ck_assert_int_eq(r.docs[1].rc, GALLEY_OK);
        ck_assert_str_eq(r.docs[1].text, "<html>two</html>");
        ck_assert_str_eq(r.docs[2].id, "http://t.test/3");
        ck_assert_int_eq(r.docs[2].rc, GALLEY_ERROR);
        ck_assert_msg(strstr(r.docs[2].error, "truncated"), "gzip %d: %s", gzip,
                      r.docs[2].error);
        fx_free(&r);
    }
    free_recs(recs, 3);
}
END_TEST

START_TEST(wrong_lengths_and_garbage_resync)
{
    buf recs[5];
    const char *h = "Content-Type: text/html\r\n";
    recs[0] = response("http://c.test/1", 200, h, "<html>one</html>", 16);
    /* says 40 bytes more than it has: swallows the start of the next record */
    buf b2 = http(200, h, "<html>two</html>", 16);
    recs[1] = record("response", "http://c.test/2", "application/http", b2.b, b2.n, 40);
    free(b2.b);
    recs[2] = response("http://c.test/3", 200, h, "<html>three</html>", 18);
    /* says 5 bytes less than it has */
    buf b4 = http(200, h, "<html>four</html>", 17);
    recs[3] = record("response", "http://c.test/4", "application/http", b4.b, b4.n, -5);
    free(b4.b);
    recs[4] = response("http://c.test/5", 200, h, "<html>five</html>", 17);
    buf all = { NULL, 0 };
    for (int i = 0; i < 5; i++) {
        put(&all, recs[i].b, recs[i].n);
        if (i == 2)
            puts_(&all, "this line is not a WARC record\r\nnor this\r\n");
    }
    fx_write(tmp, "c.warc", all.b, all.n);
    free(all.b);
    free_recs(recs, 5);
    run r = run_file("c.warc", NULL);
    ck_assert_int_eq(fx_get(&r, "http://c.test/1")->rc, GALLEY_OK);
    ck_assert_int_eq(fx_get(&r, "http://c.test/2")->rc, GALLEY_ERROR);
    ck_assert_str_eq(fx_get(&r, "http://c.test/3")->text, "<html>three</html>");
    ck_assert_int_eq(fx_get(&r, "http://c.test/4")->rc, GALLEY_ERROR);
    ck_assert_ptr_nonnull(strstr(fx_get(&r, "http://c.test/4")->error, "Content-Length"));
    ck_assert_str_eq(fx_get(&r, "http://c.test/5")->text, "<html>five</html>");
    /* the garbage is reported once, by offset */
    size_t garbage = 0;
    for (size_t i = 0; i < r.n; i++)
        if (strstr(r.docs[i].id, "c.warc@")) {
            garbage++;
            ck_assert_ptr_nonnull(strstr(r.docs[i].error, "not a WARC record"));
        }
    ck_assert_uint_eq(garbage, 1);
    ck_assert_uint_eq(r.n, 6);
    fx_free(&r);
}
END_TEST

START_TEST(corrupt_gzip_member)
{
    buf recs[3];
    const char *h = "Content-Type: text/html\r\n";
    char body[2000];
    for (size_t i = 0; i < sizeof body; i++)
        body[i] = (char)('a' + (i * 7 + i / 13) % 26);
    memcpy(body, "<html>", 6);
    recs[0] = response("http://z.test/1", 200, h, "<html>one</html>", 16);
    recs[1] = response("http://z.test/2", 200, h, body, sizeof body);
    recs[2] = response("http://z.test/3", 200, h, "<html>three</html>", 18);
    /* damage the second member early (its headers), late (its body) and in
     * its CRC trailer: each time that record alone fails */
    for (int where = 0; where < 3; where++) {
        buf m[3], all = { NULL, 0 };
        for (int i = 0; i < 3; i++)
            m[i] = gz(&recs[i]);
        size_t at = where == 0 ? m[1].n * 2 / 5 : where == 1 ? m[1].n * 4 / 5 : m[1].n - 7;
        for (size_t i = at; i < at + (where == 2 ? 4 : 16); i++)
            m[1].b[i] ^= 0x5a;
        for (int i = 0; i < 3; i++)
            put(&all, m[i].b, m[i].n);
        fx_write(tmp, "z.warc.gz", all.b, all.n);
        free(all.b);
        free_recs(m, 3);
        run r = run_file("z.warc.gz", NULL);
        ck_assert_int_eq(fx_get(&r, "http://z.test/1")->rc, GALLEY_OK);
        const got *g = fx_get(&r, "http://z.test/2");
        ck_assert_int_eq(g->rc, GALLEY_ERROR);
        ck_assert_msg(strstr(g->error, "corrupt gzip data"), "damage %d: %s", where, g->error);
        ck_assert_str_eq(fx_get(&r, "http://z.test/3")->text, "<html>three</html>");
        ck_assert_uint_eq(r.n, 3);
        fx_free(&r);
    }
    free_recs(recs, 3);
}
END_TEST

START_TEST(garbage_then_corrupt_member)
{
    /* a member that is not a record, then a damaged one, then a good one:
     * each fails alone, with its own reason, and the good one comes out */
    buf recs[4];
    const char *h = "Content-Type: text/html\r\n";
    recs[0] = response("http://g.test/1", 200, h, "<html>one</html>", 16);
    recs[1] = (buf){ NULL, 0 };
    puts_(&recs[1], "this is not a WARC record\r\n");
    char body[2000];
    for (size_t i = 0; i < sizeof body; i++)
        body[i] = (char)('a' + (i * 7 + i / 13) % 26);
    recs[2] = response("http://g.test/3", 200, h, body, sizeof body);
    recs[3] = response("http://g.test/4", 200, h, "<html>four</html>", 17);
    buf m[4], all = { NULL, 0 };
    for (int i = 0; i < 4; i++)
        m[i] = gz(&recs[i]);
    for (size_t i = m[2].n / 3; i < m[2].n / 3 + 16; i++)
        m[2].b[i] ^= 0x5a;
    for (int i = 0; i < 4; i++)
        put(&all, m[i].b, m[i].n);
    fx_write(tmp, "g.warc.gz", all.b, all.n);
    free(all.b);
    free_recs(m, 4);
    free_recs(recs, 4);
    run r = run_file("g.warc.gz", NULL);
    ck_assert_uint_eq(r.n, 4);
    ck_assert_int_eq(fx_get(&r, "http://g.test/1")->rc, GALLEY_OK);
    ck_assert_int_eq(r.docs[1].rc, GALLEY_ERROR);
    ck_assert_msg(strstr(r.docs[1].error, "not a WARC record"), "%s", r.docs[1].error);
    /* the damage may garble the record's own headers: its id is the URI or
     * the file and offset */
    const got *g = &r.docs[2];
    ck_assert_int_eq(g->rc, GALLEY_ERROR);
    ck_assert_msg(strstr(g->error, "corrupt gzip data"), "%s", g->error);
    ck_assert_msg(!strcmp(g->id, "http://g.test/3") || strstr(g->id, "g.warc.gz@"), "%s", g->id);
    ck_assert_str_eq(fx_get(&r, "http://g.test/4")->text, "<html>four</html>");
    fx_free(&r);
}
END_TEST

START_TEST(one_damaged_byte_costs_one_record)
{
    /* ten records, one gzip member each; one byte flipped at a time, all
     * along the file: at most the record it hit is lost */
    buf recs[10], m[10], all = { NULL, 0 };
    char uri[64], html[600];
    for (int i = 0; i < 10; i++) {
        snprintf(uri, sizeof uri, "http://d.test/%d", i);
        int n = snprintf(html, sizeof html, "<html><p>");
        for (int w = 0; w < 60; w++)
            n += snprintf(html + n, sizeof html - (size_t)n, "w%d ", (w * 37 + i * 11) % 97);
        snprintf(html + n, sizeof html - (size_t)n, "</p></html>");
        recs[i] = response(uri, 200, "Content-Type: text/html\r\n", html, strlen(html));
        m[i] = gz(&recs[i]);
        put(&all, m[i].b, m[i].n);
    }
    free_recs(recs, 10);
    free_recs(m, 10);
    char *damaged = malloc(all.n);
    for (size_t at = 3; at < all.n; at += 7) {
        memcpy(damaged, all.b, all.n);
        damaged[at] ^= 0x41;
        fx_write(tmp, "d.warc.gz", damaged, all.n);
        run r = run_file("d.warc.gz", NULL);
        size_t ok = 0;
        for (size_t i = 0; i < r.n; i++)
            ok += r.docs[i].rc == GALLEY_OK;
        ck_assert_msg(ok >= 9, "byte %zu damaged: %zu records of 10 read", at, ok);
        ck_assert_msg(r.n >= 10, "byte %zu damaged: a record vanished unreported", at);
        fx_free(&r);
    }
    free(damaged);
    free(all.b);
}
END_TEST

START_TEST(max_bytes_directory_and_shards)
{
    buf recs[20];
    char uri[64], html[128];
    char pad[61];
    memset(pad, ' ', 60);
    pad[60] = '\0';
    for (int i = 0; i < 20; i++) {
        snprintf(uri, sizeof uri, "http://s.test/%d", i);
        snprintf(html, sizeof html, "<html>%d%s</html>", i, i == 3 ? pad : "");
        recs[i] = response(uri, 200, "Content-Type: text/html\r\n", html, strlen(html));
    }
    write_warc("b.warc.gz", recs + 10, 10, 1);
    write_warc("a.warc", recs, 10, 0);
    fx_write_str(tmp, "notes.txt", "not a warc\n");
    free_recs(recs, 20);
    const char *o1[] = { NULL, "max_bytes=100", NULL };
    char p[4200];
    snprintf(p, sizeof p, "path=%s", tmp);
    o1[0] = p;
    run r = fx_run(WARC_PLUGIN, o1);
    ck_assert_uint_eq(r.n, 20);
    ck_assert_str_eq(r.docs[0].id, "http://s.test/0");     /* a.warc first */
    ck_assert_str_eq(r.docs[19].id, "http://s.test/19");
    ck_assert_int_eq(r.docs[3].rc, GALLEY_ERROR);
    ck_assert_ptr_nonnull(strstr(r.docs[3].error, "over max_bytes = 100"));
    ck_assert_int_eq(r.docs[4].rc, GALLEY_OK);
    fx_free(&r);

    int seen[20] = { 0 };
    size_t total = 0;
    for (int k = 1; k <= 2; k++) {
        const char *o2[] = { p, k == 1 ? "shard=1/2" : "shard=2/2", NULL };
        r = fx_run(WARC_PLUGIN, o2);
        for (size_t i = 0; i < r.n; i++)
            seen[atoi(strrchr(r.docs[i].id, '/') + 1)]++;
        total += r.n;
        fx_free(&r);
    }
    ck_assert_uint_eq(total, 20);
    for (int i = 0; i < 20; i++)
        ck_assert_int_eq(seen[i], 1);

    char err[512] = "";
    snprintf(p, sizeof p, "path=%s/none.warc", tmp);
    const char *o3[] = { p, NULL };
    ck_assert_ptr_null(galley_test_open(WARC_PLUGIN, o3, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "none.warc"));
}
END_TEST

static Suite *warc_suite(void)
{
    Suite *s = suite_create("fetch/warc");
    TCase *tc = tcase_create("warc");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, plain_and_gzip_files);
    tcase_add_test(tc, fields_of_a_response);
    tcase_add_test(tc, truncated_file);
    tcase_add_test(tc, wrong_lengths_and_garbage_resync);
    tcase_add_test(tc, corrupt_gzip_member);
    tcase_add_test(tc, garbage_then_corrupt_member);
    tcase_add_test(tc, one_damaged_byte_costs_one_record);
    tcase_add_test(tc, max_bytes_directory_and_shards);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return ck_run(warc_suite());
}
