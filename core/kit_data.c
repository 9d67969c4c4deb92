/* core/kit_data.c - shipped data files (galley_data_path), whole files
 * (galley_read_file, galley_line_next) and read-only data shared by every worker of the
 * process (galley_shared_get/put). */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

int galley_data_path(const char *area, const char *name, char *buf, size_t cap)
{
    char dirs[4][4096];
    int nd = 0;
    const char *env = getenv("GALLEY_DATADIR");
    if (env && *env) {
        snprintf(dirs[nd++], sizeof dirs[0], "%.2000s/%.1000s", env, area);
        snprintf(dirs[nd++], sizeof dirs[0], "%.2000s", env);
    }
    snprintf(dirs[nd++], sizeof dirs[0], "%s/%.1000s", GALLEY_PKGDATADIR, area);
    /* the build machine's source tree only for galley's own uninstalled
     * programs: an installed galley never reads it */
    if (galley__uninstalled())
        snprintf(dirs[nd++], sizeof dirs[0], "%s/conf/%.1000s", GALLEY_SRCDIR, area);
    for (int i = 0; i < nd; i++) {
        int n = snprintf(buf, cap, "%s/%s", dirs[i], name);
        if (n > 0 && (size_t)n < cap && access(buf, R_OK) == 0)
            return 0;
    }
    size_t o = 0;
    int n = snprintf(buf, cap, "%s is in none of ", name);
    o = n > 0 && (size_t)n < cap ? (size_t)n : cap;
    for (int i = 0; i < nd && o < cap; i++) {
        n = snprintf(buf + o, cap - o, "%s%s", i ? ", " : "", dirs[i]);
        o += n > 0 ? (size_t)n : 0;
    }
    return -1;
}

/* ---- whole files ---- */

char *galley_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct stat sb;
    int known = fstat(fileno(f), &sb) == 0;
    if (known && S_ISDIR(sb.st_mode)) {
        fclose(f);              /* fopen() accepts a folder; reading fails */
        errno = EISDIR;
        return NULL;
    }
    /* a regular file's size as the first guess; pipes and /dev/stdin grow */
    size_t step = known && S_ISREG(sb.st_mode) && sb.st_size > 0 ? (size_t)sb.st_size : 65536;
    galley_buf b = { 0 };
    int e = 0;
    for (;;) {
        if (galley_reserve(&b.data, &b.cap, b.len + step + 1, 1) < 0) {
            e = ENOMEM;
            break;
        }
        step = 65536;
        errno = 0;
        size_t got = fread(b.data + b.len, 1, b.cap - b.len - 1, f);
        b.len += got;
        if (ferror(f)) {
            e = errno ? errno : EIO;
            break;
        }
        if (got == 0 || feof(f))
            break;
    }
    fclose(f);
    if (e) {
        galley_buf_free(&b);
        errno = e;
        return NULL;
    }
    b.data[b.len] = '\0';
    if (len)
        *len = b.len;
    return b.data;
}

int galley_line_next(const char *data, size_t len, size_t *pos, const char **line,
                     size_t *n)
{
    if (*pos >= len)
        return 0;
    /* a loop, not memchr(): the lines of word lists are a few bytes long */
    const char *start = data + *pos, *end = data + len, *p = start;
    while (p < end && *p != '\n')
        p++;
    size_t m = (size_t)(p - start);
    *pos += m + (p < end);
    if (m && start[m - 1] == '\r')
        m--;
    *line = start;
    *n = m;
    return 1;
}

/* ---- shared read-only data ---- */

typedef struct shared_entry {
    char *key;
    void *obj;
    void (*free_fn)(void *);
    unsigned refs;
    int loading;            /* load() runs outside the lock */
    struct shared_entry *next;
} shared_entry;

static pthread_mutex_t shared_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t shared_done = PTHREAD_COND_INITIALIZER;
static shared_entry *shared_list;

static shared_entry *find_key(const char *key)
{
    for (shared_entry *e = shared_list; e; e = e->next)
        if (strcmp(e->key, key) == 0)
            return e;
    return NULL;
}

static void unlink_entry(shared_entry *e)
{
    for (shared_entry **p = &shared_list; *p; p = &(*p)->next)
        if (*p == e) {
            *p = e->next;
            return;
        }
}

void *galley_shared_get(const char *key, galley_shared_load load, void *arg,
                        void (*free_fn)(void *), char **err)
{
    if (err)
        *err = NULL;
    pthread_mutex_lock(&shared_lock);
    shared_entry *e;
    /* another worker is loading it: wait, then take its result */
    while ((e = find_key(key)) && e->loading)
        pthread_cond_wait(&shared_done, &shared_lock);
    if (e) {
        e->refs++;
        void *obj = e->obj;
        pthread_mutex_unlock(&shared_lock);
        return obj;
    }
    e = calloc(1, sizeof *e);
    char *k = strdup(key);
    if (!e || !k) {
        pthread_mutex_unlock(&shared_lock);
        free(e);
        free(k);
        if (err)
            *err = strdup("out of memory");
        return NULL;
    }
    e->key = k;
    e->loading = 1;
    e->next = shared_list;
    shared_list = e;
    pthread_mutex_unlock(&shared_lock);

    char *why = NULL;
    void *obj = load(arg, &why);

    pthread_mutex_lock(&shared_lock);
    e->loading = 0;
    if (obj) {
        e->obj = obj;
        e->free_fn = free_fn;
        e->refs = 1;
    } else {
        /* a failed load is not kept: the next open tries again */
        unlink_entry(e);
        free(e->key);
        free(e);
    }
    pthread_cond_broadcast(&shared_done);
    pthread_mutex_unlock(&shared_lock);
    if (!obj) {
        if (err)
            *err = why ? why : strdup("cannot load the shared data");
        else
            free(why);
    } else {
        free(why);
    }
    return obj;
}

void galley_shared_put(void *obj)
{
    if (!obj)
        return;
    shared_entry *e = NULL;
    pthread_mutex_lock(&shared_lock);
    for (shared_entry *x = shared_list; x; x = x->next)
        if (x->obj == obj && !x->loading) {
            e = x;
            break;
        }
    if (e && --e->refs == 0)
        unlink_entry(e);
    else
        e = NULL;
    pthread_mutex_unlock(&shared_lock);
    if (e) {
        if (e->free_fn)
            e->free_fn(e->obj);
        free(e->key);
        free(e);
    }
}
