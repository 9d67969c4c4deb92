/* plugins/output/json.c - a JSON tree: one <id>.json per document under
 * `dir` (the jsonl record, doc/output-schema.md), each written to a temp file,
 * fsync'd and renamed; ids are sanitised so nothing lands outside `dir`. */
#include <galley/galley.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "record.h"
#include "sink.h"

typedef struct jtree {
    char *dir;
    int overwrite;
    jrec rec;
    sink_buf buf, path;
} jtree;

static const galley_option json_opts[] = {
    { GALLEY_OPT_STRING, "dir", NULL, GALLEY_OPT_REQUIRED | GALLEY_OPT_PATH, 0, 0,
      "output directory (created if absent); each doc goes to DIR/<id>.json", NULL },
    { GALLEY_OPT_BOOL, "overwrite", "true", 0, 0, 0,
      "replace existing files (false: skip documents whose file exists)", NULL },
    JREC_OPTIONS,
    { GALLEY_OPT_BOOL, "pretty", "true", 0, 0, 0, "indent the JSON", NULL },
    { 0 }
};

static galley_status json_process(void *state, galley_doc *doc)
{
    jtree *t = state;
    char *rel = sink_safe_relpath(galley_doc_id(doc));
    sink_buf_reset(&t->path);
    if (rel)
        sink_buf_printf(&t->path, "%s.json", rel);
    free(rel);
    if (!rel || sink_buf_failed(&t->path))
        return galley_doc_fail(doc, "out of memory making the file name of the record");
    const char *relpath = t->path.data;
    if (jrec_encode(&t->rec, doc, &t->buf) < 0)
        return jrec_fail(&t->rec, &t->buf, doc);
    int rc = sink_write_under(t->dir, relpath, t->buf.data, t->buf.len, t->overwrite);
    jrec_trim(&t->buf);
    if (rc < 0 && errno == ELOOP)
        return galley_doc_fail(doc, "cannot write %s/%s: a directory on its way is a symbolic "
                               "link, and links inside the output directory are never "
                               "followed (remove it, or write elsewhere)", t->dir, relpath);
    if (rc < 0 && errno == EEXIST)
        return galley_doc_fail(doc, "cannot write %s/%s: it exists and is not a regular file "
                               "(a link, directory or device is never replaced)", t->dir,
                               relpath);
    if (rc < 0)
        return galley_doc_fail(doc, "cannot write %s/%s: %s", t->dir, relpath, strerror(errno));
    if (rc == 1) {
        galley_info("%s: %s/%s exists and overwrite = false: skipped", galley_doc_id(doc),
                    t->dir, relpath);
        return GALLEY_SKIP;
    }
    return GALLEY_OK;
}

static galley_status json_open(galley_stage *st, void **state)
{
    const char *dir = galley_opt_str(st, "dir");
    if (!dir || !*dir)
        return galley_stage_fail(st, "option 'dir' is empty: give the output directory");
    jtree *t = calloc(1, sizeof *t);
    if (!t || !(t->dir = strdup(dir))) {
        free(t);
        return galley_stage_fail(st, "out of memory");
    }
    /* "out/" and "out" name the same directory */
    size_t n = strlen(t->dir);
    while (n > 1 && t->dir[n - 1] == '/')
        t->dir[--n] = '\0';
    int rc = sink_mkdir_p(t->dir);
    struct stat sb;
    const char *why = NULL;
    if (rc < 0 || stat(t->dir, &sb) < 0)
        why = strerror(errno);
    else if (!S_ISDIR(sb.st_mode))
        why = "it exists and is not a directory";
    if (why) {
        galley_status s = galley_stage_fail(st, "cannot create the output directory %s: %s",
                                            dir, why);
        free(t->dir);
        free(t);
        return s;
    }
    t->overwrite = galley_opt_bool(st, "overwrite");
    jrec_open(st, &t->rec, galley_opt_bool(st, "pretty"));
    *state = t;
    return GALLEY_OK;
}

/* each file was synced and renamed into place as it was written */
static galley_status json_flush(void *state)
{
    (void)state;
    return GALLEY_OK;
}

static galley_status json_close(void *state)
{
    jtree *t = state;
    sink_buf_free(&t->buf);
    sink_buf_free(&t->path);
    free(t->dir);
    free(t);
    return GALLEY_OK;
}

GALLEY_PLUGIN(json,
    .kind = GALLEY_OUTPUT,
    .summary = "a JSON tree: one <id>.json per document under a directory",
    .version = "1.0",
    .license = "MIT",
    .options = json_opts,
    .open = json_open, .process = json_process, .close = json_close,
    .flush = json_flush);
