/* tests/core/test_kit.c - Check tests of galley/util.h: the growable array
 * and buffer, the shipped-data finder and the process-wide shared data. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <galley/util.h>
#include "../ckhelp.h"

START_TEST(reserve_grows_and_refuses_overflow)
{
    double *v = NULL;
    size_t cap = 0;
    ck_assert_int_eq(galley_reserve(&v, &cap, 100, sizeof *v), 0);
    ck_assert_uint_ge(cap, 100);
    for (size_t i = 0; i < 100; i++)
        v[i] = (double)i;
    double *before = v;
    size_t c = cap;
    /* too big: -1, and the array is left as it was */
    ck_assert_int_eq(galley_reserve(&v, &cap, SIZE_MAX / 4, sizeof *v), -1);
    ck_assert_ptr_eq(v, before);
    ck_assert_uint_eq(cap, c);
    ck_assert(v[99] == 99.0);
    free(v);
}
END_TEST

START_TEST(buf_appends_and_formats)
{
    galley_buf b = { 0 };
    ck_assert_int_eq(galley_buf_puts(&b, "id "), 0);
    ck_assert_int_eq(galley_buf_printf(&b, "%d-%s", 42, "x"), 0);
    char big[600];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    ck_assert_int_eq(galley_buf_printf(&b, "%s", big), 0);      /* past the small buffer */
    ck_assert_uint_eq(b.len, 7 + 599);
    ck_assert(strncmp(b.data, "id 42-xaaa", 10) == 0);
    ck_assert_int_eq(b.data[b.len], '\0');
    galley_buf_free(&b);
    ck_assert_ptr_null(b.data);
    /* one byte at a time from empty: each lands, the text stays terminated */
    for (int i = 0; i < 300; i++)
        ck_assert_int_eq(galley_buf_putc(&b, (char)('a' + i % 26)), 0);
    ck_assert_uint_eq(b.len, 300);
    ck_assert(strncmp(b.data, "abcdefghijklmnopqrstuvwxyzab", 28) == 0);
    ck_assert_int_eq(b.data[299], 'a' + 299 % 26);
    ck_assert_int_eq(b.data[300], '\0');
    galley_buf_free(&b);
}
END_TEST

START_TEST(read_file_whole_empty_and_refused)
{
    char dir[] = "/tmp/galley-kit-XXXXXX", f[4200];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(f, sizeof f, "%s/big.txt", dir);
    FILE *fp = fopen(f, "w");
    for (int i = 0; i < 100000; i++)        /* past the first guess's growth */
        fputc('a' + i % 26, fp);
    fclose(fp);
    size_t len = 0;
    char *s = galley_read_file(f, &len);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(len, 100000);
    ck_assert_int_eq(s[99999], 'a' + 99999 % 26);
    ck_assert_int_eq(s[100000], '\0');
    free(s);
    fp = fopen(f, "w");                     /* empty: "" of length 0 */
    fclose(fp);
    s = galley_read_file(f, &len);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(len, 0);
    ck_assert_str_eq(s, "");
    free(s);
    unlink(f);
    errno = 0;
    ck_assert_ptr_null(galley_read_file(f, &len));       /* gone */
    ck_assert_int_eq(errno, ENOENT);
    ck_assert_ptr_null(galley_read_file(dir, &len));     /* a folder */
    ck_assert_int_eq(errno, EISDIR);
    rmdir(dir);
}
END_TEST

/* lines as a data file's reader sees them: no '\n', no '\r' before it, an
 * empty line kept, a last line without '\n' kept, nothing after the end */
START_TEST(line_next_splits_like_a_reader)
{
    static const char data[] = "alpha\nbeta\r\n\n#c\rx\nlast";
    const char *want[] = { "alpha", "beta", "", "#c\rx", "last" };
    size_t pos = 0, n, k = 0;
    const char *line;
    while (galley_line_next(data, sizeof data - 1, &pos, &line, &n)) {
        ck_assert_uint_lt(k, 5);
        ck_assert_uint_eq(n, strlen(want[k]));
        ck_assert_int_eq(memcmp(line, want[k], n), 0);
        k++;
    }
    ck_assert_uint_eq(k, 5);
    ck_assert_uint_eq(pos, sizeof data - 1);
    pos = 0;
    ck_assert_int_eq(galley_line_next("", 0, &pos, &line, &n), 0);
    ck_assert_int_eq(galley_line_next("\n", 1, &pos, &line, &n), 1);    /* one empty line */
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(galley_line_next("\n", 1, &pos, &line, &n), 0);
}
END_TEST

START_TEST(data_path_env_then_installed)
{
    char dir[] = "/tmp/galley-kit-XXXXXX", path[4096], f[4200];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(f, sizeof f, "%s/extract", dir);
    ck_assert_int_eq(mkdir(f, 0700), 0);
    snprintf(f, sizeof f, "%s/extract/x.txt", dir);
    FILE *fp = fopen(f, "w");
    fputs("x\n", fp);
    fclose(fp);
    setenv("GALLEY_DATADIR", dir, 1);
    ck_assert_int_eq(galley_data_path("extract", "x.txt", path, sizeof path), 0);
    ck_assert_str_eq(path, f);
    /* missing everywhere: -1 and a message naming the places */
    ck_assert_int_eq(galley_data_path("extract", "nope.txt", path, sizeof path), -1);
    ck_assert(strstr(path, "nope.txt is in none of ") == path);
    ck_assert_ptr_nonnull(strstr(path, dir));
    /* the source tree's shipped data, as this test runs uninstalled */
    unsetenv("GALLEY_DATADIR");
    ck_assert_int_eq(galley_data_path("extract", "places.txt", path, sizeof path), 0);
    ck_assert_ptr_nonnull(strstr(path, "/conf/extract/places.txt"));
    unlink(f);
    snprintf(f, sizeof f, "%s/extract", dir);
    rmdir(f);
    rmdir(dir);
}
END_TEST

static int loads, frees;
static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;

static void *slow_load(void *arg, char **err)
{
    (void)err;
    pthread_mutex_lock(&count_lock);
    loads++;
    pthread_mutex_unlock(&count_lock);
    usleep(20000);          /* the other workers arrive while this loads */
    int *v = malloc(sizeof *v);
    *v = *(int *)arg;
    return v;
}

static void counted_free(void *p)
{
    frees++;
    free(p);
}

static void *worker(void *arg)
{
    int seven = 7;
    (void)arg;
    return galley_shared_get("test/seven", slow_load, &seven, counted_free, NULL);
}

START_TEST(shared_loads_once_and_frees_at_last_put)
{
    pthread_t t[16];
    void *got[16];
    loads = frees = 0;
    for (int i = 0; i < 16; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 16; i++)
        pthread_join(t[i], &got[i]);
    ck_assert_int_eq(loads, 1);
    for (int i = 0; i < 16; i++) {
        ck_assert_ptr_eq(got[i], got[0]);
        ck_assert_int_eq(*(int *)got[i], 7);
    }
    for (int i = 0; i < 15; i++)
        galley_shared_put(got[i]);
    ck_assert_int_eq(frees, 0);
    galley_shared_put(got[15]);
    ck_assert_int_eq(frees, 1);
    /* gone: the next get loads again */
    void *again = worker(NULL);
    ck_assert_int_eq(loads, 2);
    galley_shared_put(again);
}
END_TEST

static void *failing_load(void *arg, char **err)
{
    (void)arg;
    *err = strdup("no such table");
    return NULL;
}

START_TEST(shared_failure_is_reported_and_not_kept)
{
    char *err = NULL;
    ck_assert_ptr_null(galley_shared_get("test/bad", failing_load, NULL, free, &err));
    ck_assert_str_eq(err, "no such table");
    free(err);
    int one = 1;
    loads = 0;
    void *v = galley_shared_get("test/bad", slow_load, &one, counted_free, &err);
    ck_assert_ptr_nonnull(v);
    ck_assert_int_eq(loads, 1);
    galley_shared_put(v);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("kit");
    TCase *tc = tcase_create("util");
    tcase_add_test(tc, reserve_grows_and_refuses_overflow);
    tcase_add_test(tc, buf_appends_and_formats);
    tcase_add_test(tc, line_next_splits_like_a_reader);
    tcase_add_test(tc, data_path_env_then_installed);
    tcase_add_test(tc, read_file_whole_empty_and_refused);
    tcase_add_test(tc, shared_loads_once_and_frees_at_last_put);
    tcase_add_test(tc, shared_failure_is_reported_and_not_kept);
    suite_add_tcase(s, tc);
    return ck_run(s);
}
