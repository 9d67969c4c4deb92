/* core/trust.c - whether a module file may be opened: opening a plugin runs
 * its code, so the file and every directory above it must be beyond the reach
 * of other users (owned by root or by us, not writable by group or others;
 * an ancestor may be writable when sticky, as /tmp is). */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* 0 if st is safe; else -1 with the reason in err.  what: "file" or
 * "directory"; sticky_ok: a sticky directory may be writable by others */
static int check_one(const char *path, const struct stat *st, const char *what,
                     int sticky_ok, char *err, size_t len)
{
    uid_t me = geteuid();
    if (st->st_uid != 0 && st->st_uid != me) {
        snprintf(err, len, "%s %s is owned by user %lu, neither you nor root: another "
                 "user could change the code galley would run", what, path,
                 (unsigned long)st->st_uid);
        return -1;
    }
    if ((st->st_mode & (S_IWGRP | S_IWOTH)) && !(sticky_ok && (st->st_mode & S_ISVTX))) {
        snprintf(err, len, "%s %s is writable by %s (mode %04o): anyone there could "
                 "change the code galley would run; chmod go-w it", what, path,
                 (st->st_mode & S_IWOTH) ? "others" : "its group",
                 (unsigned)(st->st_mode & 07777));
        return -1;
    }
    return 0;
}

/* "/a/b" -> "/a", "/a" -> "/" (dir is absolute and resolved) */
static void parent_dir(char *dir)
{
    char *last = strrchr(dir, '/');
    if (last == dir)
        dir[1] = '\0';
    else
        *last = '\0';
}

/* checks dir (absolute, resolved) and each directory above it */
static int check_dirs(char *dir, char *err, size_t len)
{
    for (int first = 1;; first = 0) {
        struct stat st;
        if (stat(dir, &st) != 0) {
            snprintf(err, len, "cannot check directory %s: %s", dir, strerror(errno));
            return -1;
        }
        /* the plugin's own directory: a sticky one still lets others add files */
        if (check_one(dir, &st, "directory", !first, err, len) < 0)
            return -1;
        if (strcmp(dir, "/") == 0)
            return 0;
        parent_dir(dir);
    }
}

int galley__trust_file(const char *path, char *err, size_t len)
{
    char real[PATH_MAX], dir[PATH_MAX];
    struct stat st;
    if (!realpath(path, real) || stat(real, &st) != 0) {
        snprintf(err, len, "cannot check %s: %s", path, strerror(errno));
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, len, "%s is not a regular file", path);
        return -1;
    }
    if (check_one(real, &st, "file", 0, err, len) < 0)
        return -1;
    snprintf(dir, sizeof dir, "%s", real);
    parent_dir(dir);
    if (check_dirs(dir, err, len) < 0)
        return -1;
    /* a symbolic link: the directory it sits in counts too */
    const char *slash = strrchr(path, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
    if (!realpath(dir, real)) {
        snprintf(err, len, "cannot check directory %s: %s", dir, strerror(errno));
        return -1;
    }
    return check_dirs(real, err, len);
}
