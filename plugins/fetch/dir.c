/* plugins/fetch/dir.c - fetch plugin `dir`: every matching regular file under
 * a directory, in byte-wise order of the ids (paths relative to the root). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <galley/galley.h>
#include "common.h"

static const galley_option dir_options[] = {
    { GALLEY_OPT_STRING, "path", ".", GALLEY_OPT_PATH, 0, 0,
      "directory to walk (or one file); `galley run PATH` sets it", NULL },
    { GALLEY_OPT_LIST, "include", "*.txt,*.text,*.html,*.htm,*.md", 0, 0, 0,
      "globs a file's base name must match (case-insensitive)", NULL },
    { GALLEY_OPT_LIST, "exclude", "", 0, 0, 0,
      "globs of base names of files and directories to leave out", NULL },
    { GALLEY_OPT_BOOL, "recursive", "true", 0, 0, 0,
      "descend into subdirectories", NULL },
    { GALLEY_OPT_BOOL, "hidden", "false", 0, 0, 0,
      "read files and directories whose name starts with '.'", NULL },
    { GALLEY_OPT_BOOL, "follow_links", "false", 0, 0, 0,
      "follow symbolic links (directory loops are detected and reported)", NULL },
    { GALLEY_OPT_INT, "max_bytes", "16777216", 0, 1, 1073741824,
      "a bigger file fails with its size named", NULL },
    FETCH_SHARD_OPTION("read", "id"),
    { GALLEY_OPT_STRING, "empty", "fail", 0, 0, 0,
      "an empty file: fail (reported), skip (silently) or keep (empty text)",
      "fail|skip|keep" },
    FETCH_DECODE_OPTIONS("file", "files"),
    { 0 }
};

/* one directory entry, listed before it is visited; a directory's name ends
 * in '/', so a plain strcmp sorts them as their ids sort ("a.txt" < "a/x") */
typedef struct entry {
    char *name;
    int is_dir;
} entry;

/* a directory being walked */
typedef struct frame {
    char *rel;          /* id prefix: "" for the root, else "a/b/" */
    entry *ents;
    size_t n, i;
    dev_t dev;
    ino_t ino;
} frame;

typedef struct dir_state {
    char *root;             /* as given, without trailing '/' (except "/") */
    int root_is_file, done;
    const char *const *inc, *const *exc;
    size_t ninc, nexc;
    int recursive, hidden;
    fetch_shard shard;
    fetch_file file;        /* how each file is read */
    frame *stack;
    size_t depth, cap;
} dir_state;

static int entry_cmp(const void *pa, const void *pb)
{
    return strcmp(((const entry *)pa)->name, ((const entry *)pb)->name);
}

static char *join(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    int slash = la > 0 && a[la - 1] != '/';
    char *s = malloc(la + slash + lb + 1);
    if (!s)
        return NULL;
    memcpy(s, a, la);
    if (slash)
        s[la] = '/';
    memcpy(s + la + slash, b, lb + 1);
    return s;
}

/* What the walk does with the entry at path: 1 enter it (a directory, or a
 * link to one with follow_links), 0 read it as a file (or report why not),
 * -1 leave it alone (a link to a directory, not followed). */
static int is_walk_dir(const dir_state *s, const char *path, unsigned char dtype)
{
    struct stat st;
    if (dtype == DT_DIR)
        return 1;
    if (dtype != DT_UNKNOWN && dtype != DT_LNK)
        return 0;
    if (lstat(path, &st) != 0)
        return 0;
    if (S_ISDIR(st.st_mode))
        return 1;
    if (S_ISLNK(st.st_mode) && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (s->file.follow)
            return 1;
        galley_info("%s: symbolic link to a directory not followed "
                    "(set follow_links = true to walk it)", path);
        return -1;      /* neither walked nor read */
    }
    return 0;
}

static void free_frame(frame *f)
{
    for (size_t i = 0; i < f->n; i++)
        free(f->ents[i].name);
    free(f->ents);
    free(f->rel);
}

/* Lists and sorts the directory at path; fills f.  0, or errno. */
static int list_dir(const dir_state *s, const char *path, frame *f)
{
    DIR *d = opendir(path);
    if (!d)
        return errno;
    struct stat st;
    if (fstat(dirfd(d), &st) == 0) {
        f->dev = st.st_dev;
        f->ino = st.st_ino;
    }
    size_t cap = 0;
    struct dirent *de;
    int err = 0;
    errno = 0;
    while ((de = readdir(d))) {
        const char *nm = de->d_name;
        if (!strcmp(nm, ".") || !strcmp(nm, ".."))
            continue;
        if (nm[0] == '.' && !s->hidden)
            continue;
        char *full = join(path, nm);
        if (!full) {
            err = ENOMEM;
            break;
        }
        int isdir = is_walk_dir(s, full, de->d_type);
        free(full);
        if (isdir < 0)
            continue;
        if (galley_reserve(&f->ents, &cap, f->n + 1, sizeof *f->ents) < 0) {
            err = ENOMEM;
            break;
        }
        f->ents[f->n].name = isdir ? join(nm, "") /* "nm/" */ : strdup(nm);
        f->ents[f->n].is_dir = isdir;
        if (!f->ents[f->n].name) {
            err = ENOMEM;
            break;
        }
        f->n++;
        errno = 0;
    }
    if (!de && errno && !err)
        err = errno;
    closedir(d);
    if (f->n > 1)
        qsort(f->ents, f->n, sizeof *f->ents, entry_cmp);
    return err;
}

/* Enters the directory rel (id prefix, "x/y/") at path.  0, or errno with
 * nothing pushed; ELOOP when it is one of its own ancestors. */
static int push_dir(dir_state *s, const char *path, const char *rel)
{
    if (galley_reserve(&s->stack, &s->cap, s->depth + 1, sizeof *s->stack) < 0)
        return ENOMEM;
    frame f = { 0 };
    f.rel = strdup(rel);
    if (!f.rel)
        return ENOMEM;
    int err = list_dir(s, path, &f);
    for (size_t i = 0; !err && i < s->depth; i++)
        if (s->stack[i].dev == f.dev && s->stack[i].ino == f.ino)
            err = ELOOP;
    if (err) {
        free_frame(&f);
        return err;
    }
    s->stack[s->depth++] = f;
    return 0;
}

/* exclude globs see a directory's name without its '/' */
static int excluded(const dir_state *s, const entry *e)
{
    size_t n = strlen(e->name);
    if (!e->is_dir)
        return fetch_glob_any(s->exc, s->nexc, e->name);
    char *name = strndup(e->name, n - 1);
    int x = name && fetch_glob_any(s->exc, s->nexc, name);
    free(name);
    return x;
}

static galley_status dir_next(void *state, galley_doc *doc)
{
    dir_state *s = state;
    while (!s->done && !galley_stopping()) {
        if (s->root_is_file) {
            s->done = 1;
            const char *base = strrchr(s->root, '/');
            galley_status rc = fetch_file_doc(doc, s->root, base ? base + 1 : s->root, &s->file);
            return rc == GALLEY_SKIP ? GALLEY_DONE : rc;
        }
        if (s->depth == 0)
            break;
        frame *f = &s->stack[s->depth - 1];
        if (f->i == f->n) {
            free_frame(f);
            s->depth--;
            continue;
        }
        entry *e = &f->ents[f->i++];
        if (s->nexc && excluded(s, e))
            continue;
        char *rel = join(f->rel, e->name);
        char *path = rel ? join(s->root, rel) : NULL;
        if (!path) {
            free(rel);
            galley_doc_set_id(doc, f->rel);
            return galley_doc_fail(doc, "out of memory walking the directory");
        }
        galley_status rc = GALLEY_SKIP;
        if (e->is_dir) {
            int err = s->recursive ? push_dir(s, path, rel) : 0;
            if (err && fetch_shard_mine(&s->shard, rel)) {
                galley_doc_set_id(doc, rel);
                galley_doc_set_source(doc, path);
                rc = err == ELOOP
                    ? galley_doc_fail(doc, "directory loop: this directory is one of "
                                      "its own parents (through a symbolic link); "
                                      "not walked again")
                    : galley_doc_fail(doc, "cannot list directory: %s", strerror(err));
            }
        } else if ((s->ninc == 0 || fetch_glob_any(s->inc, s->ninc, e->name))
                   && fetch_shard_mine(&s->shard, rel)) {
            rc = fetch_file_doc(doc, path, rel, &s->file);
        }
        free(rel);
        free(path);
        if (rc != GALLEY_SKIP)
            return rc;
    }
    s->done = 1;
    return GALLEY_DONE;
}

static galley_status dir_close(void *state)
{
    dir_state *s = state;
    if (!s)
        return GALLEY_OK;
    while (s->depth)
        free_frame(&s->stack[--s->depth]);
    free(s->stack);
    free(s->root);
    free(s);
    return GALLEY_OK;
}

static galley_status dir_open(galley_stage *st, void **state)
{
    char err[256];
    dir_state *s = calloc(1, sizeof *s);
    if (!s)
        return galley_stage_fail(st, "out of memory");
    const char *path = galley_opt_str(st, "path");
    if (!path || !*path)
        path = ".";
    s->root = strdup(path);
    size_t rl = s->root ? strlen(s->root) : 0;
    while (rl > 1 && s->root[rl - 1] == '/')
        s->root[--rl] = '\0';
    s->ninc = galley_opt_list(st, "include", &s->inc);
    s->nexc = galley_opt_list(st, "exclude", &s->exc);
    s->recursive = galley_opt_bool(st, "recursive");
    s->hidden = galley_opt_bool(st, "hidden");
    s->file.follow = galley_opt_bool(st, "follow_links");
    s->file.max_bytes = galley_opt_int(st, "max_bytes");
    s->file.empty = fetch_empty_mode(galley_opt_str(st, "empty"));
    *state = s;
    if (!s->root) {
        dir_close(s);
        return galley_stage_fail(st, "out of memory");
    }
    if (fetch_read_common(st, &s->shard, &s->file.dec, err, sizeof err) < 0) {
        dir_close(s);
        *state = NULL;
        return galley_stage_fail(st, "%s", err);
    }
    struct stat sb;
    int rc = stat(s->root, &sb) != 0 ? errno : 0;
    if (!rc && S_ISREG(sb.st_mode))
        s->root_is_file = 1;
    else if (!rc)
        rc = push_dir(s, s->root, "");
    if (rc) {
        galley_stage_fail(st, "cannot read directory '%s': %s%s", s->root,
                          strerror(rc), rc == ENOENT ? " (check path, or the "
                          "PATH given to galley run)" : "");
        dir_close(s);
        *state = NULL;
        return GALLEY_ERROR;
    }
    return GALLEY_OK;
}

GALLEY_PLUGIN(dir,
    .kind = GALLEY_FETCH,
    .summary = "read the files of a directory tree, any encoding, as UTF-8 documents",
    .version = "1.0",
    .license = "MIT",
    .options = dir_options,
    .provides = "charset",
    .open = dir_open, .next = dir_next, .close = dir_close);
