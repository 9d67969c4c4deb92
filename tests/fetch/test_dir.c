/* tests/fetch/test_dir.c - the `dir` fetch plugin on scratch directories:
 * order, globs, encodings, bad files (NUL, empty, FIFO, links, unreadable,
 * too big, vanished) and shards. */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include "fixtures.h"
#include "../ckhelp.h"

extern const galley_plugin dir_LTX_galley_plugin;
#define DIR_PLUGIN (&dir_LTX_galley_plugin)

static char *tmp;
static char *path_opt;

static void setup(void)
{
    tmp = fx_tmpdir();
    path_opt = fx_opt("path", tmp);
}

static void teardown(void)
{
    fx_rmrf(tmp);
    free(tmp);
    free(path_opt);
}

START_TEST(walks_sorted_with_relative_ids)
{
    fx_write_str(tmp, "b.txt", "bee\n");
    fx_write_str(tmp, "a/z.txt", "zed\n");
    fx_write_str(tmp, "a.txt", "ay\n");
    fx_write_str(tmp, "a/b/c.md", "# sea\n");
    fx_write_str(tmp, "A.txt", "capital\n");
    fx_write_str(tmp, "image.png", "\x89PNG");
    fx_write_str(tmp, ".hidden.txt", "hidden\n");
    fx_write_str(tmp, ".git/x.txt", "hidden dir\n");
    const char *opts[] = { path_opt, NULL };
    run r = fx_run(DIR_PLUGIN, opts);
    /* byte-wise order of the ids: "A" < "a.txt" < "a/..." < "b.txt" */
    const char *want[] = { "A.txt", "a.txt", "a/b/c.md", "a/z.txt", "b.txt" };
    ck_assert_uint_eq(r.n, 5);
    for (size_t i = 0; i < 5; i++) {
        ck_assert_str_eq(r.docs[i].id, want[i]);
        ck_assert_int_eq(r.docs[i].rc, GALLEY_OK);
    }
    ck_assert_str_eq(fx_get(&r, "a/z.txt")->text, "zed\n");
    ck_assert_str_eq(fx_get(&r, "a/b/c.md")->type, "text/markdown");
    ck_assert_str_eq(fx_get(&r, "b.txt")->type, "text/plain");
    ck_assert_str_eq(fx_get(&r, "b.txt")->charset, "utf-8");
    char want_src[4200];
    snprintf(want_src, sizeof want_src, "%s/a/z.txt", tmp);
    ck_assert_str_eq(fx_get(&r, "a/z.txt")->source, want_src);
    fx_free(&r);
}
END_TEST

START_TEST(include_exclude_recursive_hidden)
{
    fx_write_str(tmp, "keep.txt", "k\n");
    fx_write_str(tmp, "LICENSE.txt", "l\n");
    fx_write_str(tmp, "page.HTML", "<p>x</p>\n");
    fx_write_str(tmp, "drafts/d.txt", "d\n");
    fx_write_str(tmp, "sub/s.txt", "s\n");
    fx_write_str(tmp, ".hidden.txt", "h\n");
    const char *o1[] = { path_opt, "include=*.txt", "exclude=*license*,drafts", NULL };
    run r = fx_run(DIR_PLUGIN, o1);
    ck_assert_uint_eq(r.n, 2);
    ck_assert_str_eq(r.docs[0].id, "keep.txt");
    ck_assert_str_eq(r.docs[1].id, "sub/s.txt");
    fx_free(&r);

    const char *o2[] = { path_opt, "recursive=false", "hidden=true", NULL };
    r = fx_run(DIR_PLUGIN, o2);
    ck_assert_uint_eq(r.n, 4);
    ck_assert_str_eq(r.docs[0].id, ".hidden.txt");
    ck_assert_str_eq(r.docs[1].id, "LICENSE.txt");
    ck_assert_str_eq(r.docs[2].id, "keep.txt");
    ck_assert_str_eq(r.docs[3].id, "page.HTML");
    ck_assert_str_eq(r.docs[3].type, "text/html");
    fx_free(&r);
}
END_TEST

START_TEST(one_file_as_path)
{
    fx_write_str(tmp, "only.txt", "just me\n");
    char file[4200];
    snprintf(file, sizeof file, "path=%s/only.txt", tmp);
    const char *opts[] = { file, NULL };
    run r = fx_run(DIR_PLUGIN, opts);
    ck_assert_uint_eq(r.n, 1);
    ck_assert_str_eq(r.docs[0].id, "only.txt");
    ck_assert_str_eq(r.docs[0].text, "just me\n");
    fx_free(&r);
}
END_TEST

START_TEST(missing_root_fails_open)
{
    char bad[4200], err[512] = "";
    snprintf(bad, sizeof bad, "path=%s/nope", tmp);
    const char *opts[] = { bad, NULL };
    galley_test *t = galley_test_open(DIR_PLUGIN, opts, err, sizeof err);
    ck_assert_ptr_null(t);
    ck_assert_msg(strstr(err, "nope") && strstr(err, "No such file"), "message: %s", err);
}
END_TEST

START_TEST(encodings_become_utf8)
{
    /* "café “quoted”" in several encodings */
    const char u16le[] = "\xFF\xFE" "c\0a\0f\0\xE9\0 \0\x1C\x20q\0\x1D\x20\n\0";
    const char u16be[] = "\xFE\xFF" "\0c\0a\0f\0\xE9\0 \x20\x1C\0q\x20\x1D\0\n";
    fx_write(tmp, "u16le.txt", u16le, sizeof u16le - 1);
    fx_write(tmp, "u16be.txt", u16be, sizeof u16be - 1);
    fx_write(tmp, "u16le-nobom.txt", u16le + 2, sizeof u16le - 3);
    fx_write_str(tmp, "bom8.txt", "\xEF\xBB\xBF" "caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D\n");
    fx_write_str(tmp, "cp1252.txt", "caf\xE9 \x93q\x94\n");
    fx_write_str(tmp, "latin1.html",
                 "<html><head><meta http-equiv=\"Content-Type\" "
                 "content=\"text/html; charset=ISO-8859-1\"></head>"
                 "<body>caf\xE9</body></html>");
    fx_write_str(tmp, "koi8.html",
                 "<!DOCTYPE html><meta charset='koi8-r'><p>\xF0\xD2\xC9\xD7\xC5\xD4</p>");
    /* says UTF-8 and has one bad byte: the declaration wins, as in browsers */
    fx_write_str(tmp, "one-bad-byte.html",
                 "<meta charset=\"utf-8\"><p>caf\xC3\xA9 na\xC3\xAFve \xE9t\xC3\xA9</p>");
    /* says ISO-8859-1 but was transcoded to UTF-8 (L3S-GN1 pages): UTF-8 */
    fx_write_str(tmp, "transcoded.html",
                 "<meta charset=\"iso-8859-1\"><p>caf\xC3\xA9</p>");
    const char *opts[] = { path_opt, NULL };
    run r = fx_run(DIR_PLUGIN, opts);
    const char *want = "caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D\n";
    const got *g = fx_get(&r, "u16le.txt");
    ck_assert_int_eq(g->rc, GALLEY_OK);
    ck_assert_str_eq(g->text, want);
    ck_assert_str_eq(g->charset, "utf-16le");
    g = fx_get(&r, "u16le-nobom.txt");
    ck_assert_int_eq(g->rc, GALLEY_OK);
    ck_assert_str_eq(g->text, want);
    ck_assert_str_eq(g->charset, "utf-16le");
    g = fx_get(&r, "u16be.txt");
    ck_assert_str_eq(g->text, want);
    ck_assert_str_eq(g->charset, "utf-16be");
    g = fx_get(&r, "bom8.txt");
    ck_assert_str_eq(g->text, want);     /* the BOM is not text */
    ck_assert_str_eq(g->charset, "utf-8");
    g = fx_get(&r, "cp1252.txt");
    ck_assert_str_eq(g->text, want);
    ck_assert_str_eq(g->charset, "windows-1252");
    g = fx_get(&r, "latin1.html");
    ck_assert_ptr_nonnull(strstr(g->text, "caf\xC3\xA9</body>"));
    ck_assert_str_eq(g->charset, "windows-1252");
    ck_assert_str_eq(g->type, "text/html");
    g = fx_get(&r, "koi8.html");
    ck_assert_ptr_nonnull(strstr(g->text, "<p>\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82</p>"));
    ck_assert_str_eq(g->charset, "koi8-r");
    ck_assert_str_eq(g->charset_source, "meta");
    g = fx_get(&r, "one-bad-byte.html");
    ck_assert_str_eq(g->text, "<meta charset=\"utf-8\"><p>caf\xC3\xA9 na\xC3\xAFve "
                     "\xEF\xBF\xBDt\xC3\xA9</p>");
    ck_assert_str_eq(g->charset, "utf-8");
    ck_assert_str_eq(g->charset_source, "meta");
    ck_assert_str_eq(g->charset_replaced, "1");
    g = fx_get(&r, "transcoded.html");
    ck_assert_ptr_nonnull(strstr(g->text, "<p>caf\xC3\xA9</p>"));
    ck_assert_str_eq(g->charset, "utf-8");
    ck_assert_str_eq(g->charset_source, "detected");
    ck_assert_ptr_null(g->charset_replaced);
    fx_free(&r);
}
END_TEST

START_TEST(invalid_utf8_falls_back)
{
    /* valid UTF-8 around one stray byte: the whole file is not UTF-8 */
    fx_write_str(tmp, "mixed.txt", "na\xC3\xAFve \xFF end\n");
    /* bytes windows-1252 leaves undefined become U+FFFD, never garbage */
    fx_write_str(tmp, "undef.txt", "a\x81z\n");
    /* a fallback the user chose */
    fx_write_str(tmp, "bom-damaged.txt", "\xEF\xBB\xBFok \xC3 bad\n");
    const char *opts[] = { path_opt, NULL };
    run r = fx_run(DIR_PLUGIN, opts);
    const got *g = fx_get(&r, "mixed.txt");
    ck_assert_int_eq(g->rc, GALLEY_OK);
    ck_assert_str_eq(g->charset, "windows-1252");
    ck_assert_str_eq(g->charset_source, "fallback");   /* never silently */
    ck_assert_str_eq(g->text, "na\xC3\x83\xC2\xAFve \xC3\xBF end\n");
    g = fx_get(&r, "undef.txt");
    ck_assert_str_eq(g->text, "a\xEF\xBF\xBDz\n");
    ck_assert_str_eq(g->charset_replaced, "1");
    g = fx_get(&r, "bom-damaged.txt");
    ck_assert_str_eq(g->charset, "utf-8");
    ck_assert_str_eq(g->charset_source, "bom");
    ck_assert_str_eq(g->charset_replaced, "1");
    ck_assert_str_eq(g->text, "ok \xEF\xBF\xBD bad\n");
    fx_free(&r);

    const char *o2[] = { path_opt, "fallback=iso-8859-15", "include=mixed.txt", NULL };
    r = fx_run(DIR_PLUGIN, o2);
    ck_assert_str_eq(fx_get(&r, "mixed.txt")->charset, "iso-8859-15");
    fx_free(&r);

    char err[512] = "";
    const char *o3[] = { path_opt, "fallback=no-such-charset", NULL };
    ck_assert_ptr_null(galley_test_open(DIR_PLUGIN, o3, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "no-such-charset"));
}
END_TEST

START_TEST(nul_bytes_fail_with_offset_or_are_replaced)
{
    fx_write(tmp, "bin.txt", "abc\0def", 7);
    const char u16[] = "\xFF\xFE" "a\0\0\0b\0";
    fx_write(tmp, "nul16.txt", u16, sizeof u16 - 1);
    fx_write_str(tmp, "fine.txt", "fine\n");
    /* a real page with stray NULs: browsers render it, so do we by default */
    fx_write(tmp, "page.html", "<html><p>a\0b\0c</p></html>", 25);
    const char *opts[] = { path_opt, NULL };
    run r = fx_run(DIR_PLUGIN, opts);
    ck_assert_uint_eq(r.n, 4);
    const got *g = fx_get(&r, "page.html");
    ck_assert_int_eq(g->rc, GALLEY_OK);
    ck_assert_str_eq(g->text, "<html><p>a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c</p></html>");
    ck_assert_str_eq(g->nul_replaced, "2");
    g = fx_get(&r, "bin.txt");
    ck_assert_int_eq(g->rc, GALLEY_ERROR);
    ck_assert_msg(strstr(g->error, "NUL byte at offset 3"), "message: %s", g->error);
    g = fx_get(&r, "nul16.txt");
    ck_assert_int_eq(g->rc, GALLEY_ERROR);
    ck_assert_msg(strstr(g->error, "offset 4"), "message: %s", g->error);
    ck_assert_int_eq(fx_get(&r, "fine.txt")->rc, GALLEY_OK);
    fx_free(&r);

    const char *o1[] = { path_opt, "nul=fail", "include=*.html", NULL };
    r = fx_run(DIR_PLUGIN, o1);
    ck_assert_int_eq(fx_get(&r, "page.html")->rc, GALLEY_ERROR);
    fx_free(&r);

    const char *o2[] = { path_opt, "nul=replace", NULL };
    r = fx_run(DIR_PLUGIN, o2);
    g = fx_get(&r, "bin.txt");
    ck_assert_int_eq(g->rc, GALLEY_OK);
    ck_assert_uint_eq(g->text_len, 9);
    ck_assert_str_eq(g->text, "abc\xEF\xBF\xBD" "def");
    ck_assert_uint_eq(g->raw_len, 7);
    ck_assert_str_eq(fx_get(&r, "nul16.txt")->text, "a\xEF\xBF\xBD" "b");
    fx_free(&r);
}
END_TEST

START_TEST(empty_files)
{
    fx_write(tmp, "empty.txt", "", 0);
    fx_write_str(tmp, "full.txt", "x");
    const char *o1[] = { path_opt, NULL };
    run r = fx_run(DIR_PLUGIN, o1);
    ck_assert_uint_eq(r.n, 2);
    ck_assert_int_eq(fx_get(&r, "empty.txt")->rc, GALLEY_ERROR);
    ck_assert_ptr_nonnull(strstr(fx_get(&r, "empty.txt")->error, "empty file"));
    fx_free(&r);
    const char *o2[] = { path_opt, "empty=keep", NULL };
    r = fx_run(DIR_PLUGIN, o2);
    ck_assert_uint_eq(r.n, 2);
    ck_assert_int_eq(fx_get(&r, "empty.txt")->rc, GALLEY_OK);
    ck_assert_uint_eq(fx_get(&r, "empty.txt")->text_len, 0);
    fx_free(&r);
    const char *o3[] = { path_opt, "empty=skip", NULL };
    r = fx_run(DIR_PLUGIN, o3);
    ck_assert_uint_eq(r.n, 1);
    ck_assert_str_eq(r.docs[0].id, "full.txt");
    fx_free(&r);
}
END_TEST

START_TEST(special_files_and_links)
{
    char p[4200], q[4200];
    fx_write_str(tmp, "real.txt", "real\n");
    fx_write_str(tmp, "sub/inner.txt", "inner\n");
    snprintf(p, sizeof p, "%s/pipe.txt", tmp);
    ck_assert_int_eq(mkfifo(p, 0644), 0);
    snprintf(p, sizeof p, "%s/loop.txt", tmp);
    ck_assert_int_eq(symlink("loop.txt", p), 0);
    snprintf(p, sizeof p, "%s/link.txt", tmp);
    ck_assert_int_eq(symlink("real.txt", p), 0);
    snprintf(p, sizeof p, "%s/dangling.txt", tmp);
    ck_assert_int_eq(symlink("gone.txt", p), 0);
    snprintf(p, sizeof p, "%s/sub/up", tmp);
    ck_assert_int_eq(symlink("..", p), 0);
    snprintf(q, sizeof q, "%s/sublink", tmp);
    ck_assert_int_eq(symlink("sub", q), 0);

    /* a listening UNIX socket named like an article */
    int sock = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s/sock.txt", tmp);
    ck_assert_int_ge(sock, 0);
    ck_assert_int_eq(bind(sock, (struct sockaddr *)&sa, sizeof sa), 0);

    /* a FIFO would block a reader forever: this must return at all */
    const char *o1[] = { path_opt, NULL };
    run r = fx_run(DIR_PLUGIN, o1);
    ck_assert_int_eq(fx_get(&r, "real.txt")->rc, GALLEY_OK);
    ck_assert_int_eq(fx_get(&r, "sub/inner.txt")->rc, GALLEY_OK);
    const got *g = fx_get(&r, "pipe.txt");
    ck_assert_int_eq(g->rc, GALLEY_ERROR);
    ck_assert_ptr_nonnull(strstr(g->error, "FIFO"));
    g = fx_get(&r, "loop.txt");
    ck_assert_int_eq(g->rc, GALLEY_ERROR);
    ck_assert_msg(strstr(g->error, "loop"), "message: %s", g->error);
    g = fx_get(&r, "link.txt");
    ck_assert_int_eq(g->rc, GALLEY_ERROR);
    ck_assert_ptr_nonnull(strstr(g->error, "follow_links"));
    ck_assert_int_eq(fx_get(&r, "dangling.txt")->rc, GALLEY_ERROR);
    ck_assert_ptr_null(fx_find(&r, "sublink/inner.txt"));  /* not followed */
    g = fx_get(&r, "sock.txt");
    ck_assert_int_eq(g->rc, GALLEY_ERROR);
    ck_assert_ptr_nonnull(strstr(g->error, "a socket"));
    ck_assert_uint_eq(r.n, 7);
    fx_free(&r);
    close(sock);

    /* following: the link is read, the directory link too, the loop reported */
    const char *o2[] = { path_opt, "follow_links=true", NULL };
    r = fx_run(DIR_PLUGIN, o2);
    g = fx_get(&r, "link.txt");
    ck_assert_int_eq(g->rc, GALLEY_OK);
    ck_assert_str_eq(g->text, "real\n");
    ck_assert_int_eq(fx_get(&r, "sublink/inner.txt")->rc, GALLEY_OK);
    ck_assert_int_eq(fx_get(&r, "loop.txt")->rc, GALLEY_ERROR);
    g = fx_get(&r, "sub/up/");
    ck_assert_int_eq(g->rc, GALLEY_ERROR);
    ck_assert_msg(strstr(g->error, "loop"), "message: %s", g->error);
    /* sublink/up leads back to the root too */
    ck_assert_int_eq(fx_get(&r, "sublink/up/")->rc, GALLEY_ERROR);
    fx_free(&r);
}
END_TEST

START_TEST(too_big)
{
    char big[5000];
    memset(big, 'x', sizeof big);
    fx_write(tmp, "big.txt", big, sizeof big);
    fx_write(tmp, "small.txt", big, 100);
    const char *opts[] = { path_opt, "max_bytes=4096", NULL };
    run r = fx_run(DIR_PLUGIN, opts);
    const got *g = fx_get(&r, "big.txt");
    ck_assert_int_eq(g->rc, GALLEY_ERROR);
    ck_assert_msg(strstr(g->error, "5000 bytes") && strstr(g->error, "max_bytes = 4096"),
                  "message: %s", g->error);
    ck_assert_int_eq(fx_get(&r, "small.txt")->rc, GALLEY_OK);
    fx_free(&r);
}
END_TEST

START_TEST(vanished_file_fails_alone)
{
    fx_write_str(tmp, "a.txt", "a\n");
    fx_write_str(tmp, "b.txt", "b\n");
    fx_write_str(tmp, "c.txt", "c\n");
    char err[512] = "", p[4200];
    const char *opts[] = { path_opt, NULL };
    galley_test *t = galley_test_open(DIR_PLUGIN, opts, err, sizeof err);
    ck_assert_ptr_nonnull(t);
    galley_doc *d = galley_doc_new();
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
    galley_doc_free(d);
    snprintf(p, sizeof p, "%s/b.txt", tmp);     /* listed, then gone */
    ck_assert_int_eq(unlink(p), 0);
    d = galley_doc_new();
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_ERROR);
    ck_assert_str_eq(galley_doc_id(d), "b.txt");
    ck_assert_ptr_nonnull(strstr(galley_doc_error(d), "no such file (removed since it was listed?)"));
    galley_doc_free(d);
    d = galley_doc_new();
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
    ck_assert_str_eq(galley_doc_id(d), "c.txt");
    galley_doc_free(d);
    d = galley_doc_new();
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_DONE);
    galley_doc_free(d);
    ck_assert_int_eq(galley_test_close(t, err, sizeof err), GALLEY_OK);
}
END_TEST

/* Runs the plugin as an unprivileged user in a child (root reads anything);
 * exit 0 when the unreadable file failed with "permission denied" and the
 * readable one came out. */
static int unreadable_child(void)
{
    if (getuid() == 0 && (setgroups(0, NULL) != 0 || setgid(65534) != 0
                          || setuid(65534) != 0))
        return 3;
    run r = fx_run(DIR_PLUGIN, (const char *[]){ path_opt, NULL });
    const got *bad = fx_find(&r, "secret.txt");
    const got *ok = fx_find(&r, "open.txt");
    const got *dir = fx_find(&r, "closed/");
    int res = bad && bad->rc == GALLEY_ERROR && strstr(bad->error, "permission denied")
              && dir && dir->rc == GALLEY_ERROR && strstr(dir->error, "cannot list directory")
              && ok && ok->rc == GALLEY_OK && r.n == 3 ? 0 : 1;
    fx_free(&r);
    return res;
}

START_TEST(unreadable_file_fails_alone)
{
    fx_write_str(tmp, "open.txt", "open\n");
    fx_write_str(tmp, "secret.txt", "secret\n");
    fx_write_str(tmp, "closed/inside.txt", "hidden by its directory\n");
    char p[4200];
    snprintf(p, sizeof p, "%s/closed", tmp);
    ck_assert_int_eq(chmod(p, 0), 0);
    snprintf(p, sizeof p, "%s/secret.txt", tmp);
    ck_assert_int_eq(chmod(p, 0), 0);
    snprintf(p, sizeof p, "%s/open.txt", tmp);
    ck_assert_int_eq(chmod(p, 0644), 0);
    ck_assert_int_eq(chmod(tmp, 0755), 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0)
        _exit(unreadable_child());
    int status = 0;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status));
    if (WEXITSTATUS(status) == 3) {
        fprintf(stderr, "test_dir: cannot drop root privileges here; "
                "unreadable-file case not run\n");
        return;
    }
    ck_assert_msg(WEXITSTATUS(status) == 0,
                  "unreadable file was not reported alone (child exit %d)",
                  WEXITSTATUS(status));
}
END_TEST

START_TEST(shards_partition_the_ids)
{
    char name[64];
    for (int i = 0; i < 60; i++) {
        snprintf(name, sizeof name, "d%02d/f%d.txt", i % 7, i);
        fx_write_str(tmp, name, "x\n");
    }
    int seen[60] = { 0 };
    size_t total = 0;
    for (int k = 1; k <= 3; k++) {
        char shard[32];
        snprintf(shard, sizeof shard, "shard=%d/3", k);
        const char *opts[] = { path_opt, shard, NULL };
        run r = fx_run(DIR_PLUGIN, opts);
        ck_assert_msg(r.n > 5 && r.n < 40, "shard %d/3 has %zu of 60", k, r.n);
        for (size_t i = 0; i < r.n; i++) {
            int f = atoi(strrchr(r.docs[i].id, 'f') + 1);
            seen[f]++;
        }
        total += r.n;
        fx_free(&r);
    }
    ck_assert_uint_eq(total, 60);
    for (int i = 0; i < 60; i++)
        ck_assert_int_eq(seen[i], 1);

    const char *bad[] = { "0/3", "4/3", "1/0", "x", "1/", "/3", "1/3x", "-1/3" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char err[512] = "";
        char *o = fx_opt("shard", bad[i]);
        const char *opts[] = { path_opt, o, NULL };
        ck_assert_msg(galley_test_open(DIR_PLUGIN, opts, err, sizeof err) == NULL,
                      "shard '%s' accepted", bad[i]);
        ck_assert_ptr_nonnull(strstr(err, "K/N"));
        free(o);
    }
}
END_TEST

START_TEST(html_is_sniffed)
{
    fx_write_str(tmp, "saved.txt", "\n  <!DOCTYPE HTML>\n<html><body>x</body></html>");
    fx_write_str(tmp, "plain.txt", "The <html> tag starts a page.\n");
    fx_write_str(tmp, "commented.text", "<!-- saved --><html><p>y</p></html>");
    const char *opts[] = { path_opt, NULL };
    run r = fx_run(DIR_PLUGIN, opts);
    ck_assert_str_eq(fx_get(&r, "saved.txt")->type, "text/html");
    ck_assert_str_eq(fx_get(&r, "plain.txt")->type, "text/plain");
    ck_assert_str_eq(fx_get(&r, "commented.text")->type, "text/html");
    fx_free(&r);
}
END_TEST

static Suite *dir_suite(void)
{
    Suite *s = suite_create("fetch/dir");
    TCase *tc = tcase_create("dir");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, walks_sorted_with_relative_ids);
    tcase_add_test(tc, include_exclude_recursive_hidden);
    tcase_add_test(tc, one_file_as_path);
    tcase_add_test(tc, missing_root_fails_open);
    tcase_add_test(tc, encodings_become_utf8);
    tcase_add_test(tc, invalid_utf8_falls_back);
    tcase_add_test(tc, nul_bytes_fail_with_offset_or_are_replaced);
    tcase_add_test(tc, empty_files);
    tcase_add_test(tc, special_files_and_links);
    tcase_add_test(tc, too_big);
    tcase_add_test(tc, vanished_file_fails_alone);
    tcase_add_test(tc, unreadable_file_fails_alone);
    tcase_add_test(tc, shards_partition_the_ids);
    tcase_add_test(tc, html_is_sniffed);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return ck_run(dir_suite());
}
