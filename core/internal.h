/* core/internal.h - what the core's files share; never included by plugins.
 * Names here are galley__ (double underscore): exported from libgalley only
 * so that the galley command and the tests can reach them. */
#ifndef GALLEY_INTERNAL_H
#define GALLEY_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <galley/galley.h>

/* ---- util.c ---- */
_Noreturn void galley_oom(void);
void *galley__xmalloc(size_t n);
void *galley__xcalloc(size_t n, size_t size);
void *galley__xrealloc(void *p, size_t n);
char *galley__xstrdup(const char *s);
char *galley__xstrndup(const char *s, size_t n);
char *galley__xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* nonnull: gcc's -fsanitize=undefined otherwise warns of a NULL format on the path
 * its own null check creates (-Wformat-truncation) */
char *galley__xvasprintf(const char *fmt, va_list ap)
    __attribute__((format(printf, 1, 0), nonnull(1)));
/* fmt formatted into memory from alloc(ctx, size) (which never returns
 * NULL: both of galley's allocators end the process instead) */
char *galley__vformat(void *(*alloc)(void *ctx, size_t size), void *ctx, const char *fmt,
                      va_list ap) __attribute__((format(printf, 3, 0), nonnull(3)));
/* edit distance, for "did you mean" */
size_t galley__distance(const char *a, const char *b);
/* closest of names[0..n) to word, or NULL if none is close */
const char *galley__closest(const char *word, const char *const *names, size_t n);
double galley__now(void);   /* monotonic seconds */

/* the public galley_buf (galley/util.h), for the core's own bookkeeping:
 * out of memory there ends the process (galley_oom), as galley__xmalloc */
void galley__buf_add(galley_buf *b, const char *s, size_t n);
void galley__buf_puts(galley_buf *b, const char *s);
void galley__buf_printf(galley_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void galley__buf_free(galley_buf *b);

/* ---- log.c ---- */
/* a progress line on stderr (only when it is a terminal); cleared by the
 * next log message or by galley__progress_end */
void galley__progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void galley__progress_end(void);
/* s with what a terminal acts on made visible (malloc'd): \n \r \t, \xHH for
 * other control bytes and bytes that are not UTF-8, \uHHHH for C1 and bidi
 * controls.  Everything the core prints to stderr goes through it. */
char *galley__escape(const char *s);
/* one escaped line on stderr: prefix (not escaped) and msg (one trailing
 * newline dropped), under the log lock */
void galley__log_line(const char *prefix, const char *msg);

/* A descriptor field appended after ABI 1.0, or NULL when the plugin was
 * built before it existed (its struct_size stops short of the field): never
 * read p->flush or p->ack directly. */
#define GALLEY__PLUGIN_FIELD(p, field) \
    ((p)->struct_size >= offsetof(galley_plugin, field) + sizeof (p)->field ? (p)->field : NULL)

/* ---- doc.c ---- */
void galley__doc_set_seq(galley_doc *doc, unsigned long long seq);
void galley__doc_clear_error(galley_doc *doc);
/* the output stage (0 = first output) whose prepared record
 * galley_doc_set_prepared/galley_doc_prepared address */
void galley__doc_select_output(galley_doc *doc, size_t k);
/* the token layer (core/text_layer.c) a document keeps until its text changes */
typedef struct galley__toklayer galley__toklayer;
galley__toklayer *galley__doc_toklayer(const galley_doc *doc);
void galley__doc_set_toklayer(galley_doc *doc, galley__toklayer *layer);

/* ---- stage.c: options and the configured stage ---- */
typedef struct galley_optval {
    const galley_option *opt;
    int set;                /* given in config / -o (else the default) */
    char *text;             /* as given or the default, NULL if neither */
    long long i;
    double f;
    int b;
    char **list;
    size_t nlist;
    char *file;             /* the config file it came from (NULL: default or -o) */
    int line;
} galley_optval;

struct galley_module;

/* one stage of a pipeline, as configured */
typedef struct galley_stageconf {
    char *name;
    const struct galley_module *module;
    const galley_plugin *plugin;
    galley_optval *vals;    /* one per row of plugin->options */
    size_t nvals;
    char *file;
    int line;
} galley_stageconf;

/* one running instance of a stage: what plugins see as galley_stage */
struct galley_stage {
    const galley_stageconf *conf;
    int worker, workers;
    void *state;
    int opened;
    char *error;
    /* outputs, ABI 1.1: galley_stage_resuming() and galley_stage_set_mark() */
    int resuming;
    const char *resume_mark;
    char *mark;
    char *stop_run;     /* galley_stage_stop_run(): why the run must stop */
};

size_t galley__opt_count(const galley_option *opts);
/* type name for messages: "an integer", "a boolean", ... */
const char *galley__opt_type_name(galley_opt_type t);
const char *galley__opt_type_word(galley_opt_type t);
/* Parses and checks one value (items for LIST, else text); on error writes
 * a message without location into err and returns -1. */
int galley__opt_set(galley_optval *v, const char *text, const char *const *items,
                    size_t nitems, char *err, size_t errlen);
/* Fills every unset value from its default; returns -1 and a message for a
 * missing required option. */
int galley__opt_defaults(galley_optval *vals, size_t n, char *err, size_t errlen);
/* path as written in config FILE, made relative to FILE's directory */
char *galley__resolve_path(const char *file, const char *path);
/* resolves GALLEY_OPT_PATH values given in a file against its directory */
void galley__opt_resolve_paths(galley_optval *vals, size_t n);
void galley__optvals_free(galley_optval *vals, size_t n);
/* "did you mean" plus the list of valid options, for messages */
void galley__opt_suggest(const galley_option *opts, const char *bad, char *out, size_t len);
const char *galley__kind_name(galley_kind k);
/* One running instance as worker w of nw: open prints why it failed and
 * returns -1; process adds its time to *seconds and makes sure a failure has
 * a message; close prints why it failed and returns -1. */
int galley__stage_open(galley_stage *st, const galley_stageconf *c, int w, int nw);
galley_status galley__stage_process(galley_stage *st, galley_doc *doc, double *seconds);
int galley__stage_close(galley_stage *st);

/* ---- loader.c ---- */
typedef struct galley_module {
    char *path;             /* its file (X.la, or X.so without an X.la) */
    char *id;               /* file name without directory or extension */
    char *shadows;          /* files of the same id later on the path, or NULL */
    int tried;              /* loading was attempted (modules load on demand) */
    const galley_plugin *plugin;   /* NULL when not loaded or it failed */
    char *error;            /* why it failed or was refused */
    void *lt_handle;
    void *dl_handle;
} galley_module;

typedef struct galley_registry {
    char **dirs;
    size_t ndirs;
    galley_module *mods;
    size_t nmods;
} galley_registry;

/* Search path: extra dirs (-P), then $GALLEY_PLUGIN_PATH, then the build
 * tree when run uninstalled, else the installed plugin directory. */
/* Lists the modules on the search path; opens none (opening runs a module's
 * code): galley__registry_load opens those a name may refer to. */
galley_registry *galley__registry_new(const char *const *dirs, size_t ndirs);
/* Opens the modules that may hold plugin NAME (file NAME or NAME_*), after
 * the safety checks; "*" opens them all (galley plugins). */
void galley__registry_load(galley_registry *reg, const char *name);
void galley__registry_free(galley_registry *reg);
/* Why the module that may hold plugin NAME could not be used (refused by
 * the safety checks, or failed to load), or NULL when none was tried. */
const char *galley__registry_why(const galley_registry *reg, const char *name);
/* Finds "name" or "kind/name"; NULL with a message (unknown, ambiguous, or
 * the reason the matching module failed to load). */
const galley_module *galley__registry_find(galley_registry *reg, const char *ref,
                                           char *err, size_t errlen);
/* trust.c: 0 if the file at path may be opened as plugin code (it and the
 * directories above it are owned by root or us and not writable by others);
 * else -1 with the reason in err */
int galley__trust_file(const char *path, char *err, size_t len);
/* Checks a descriptor the way the loader does; 0 or -1 with message. */
int galley__plugin_check(const galley_plugin *p, char *err, size_t errlen);
/* 1 when this galley runs from its build tree */
int galley__uninstalled(void);

/* ---- config.c ---- */
typedef struct galley_pipeline {
    char *file;
    long workers;           /* 0 = one per CPU */
    int abort_on_error;
    long checkpoint_docs;   /* flush + ack every N documents (0: only at the end) */
    long checkpoint_seconds;    /* ... or every N seconds, whichever first */
    char *state;            /* state file (resume, incremental runs), or NULL */
    int isolate;            /* transforms in worker processes */
    long doc_timeout;       /* seconds a document may take there; 0 = no limit */
    long worker_memory;     /* MiB of address space per worker process; 0 = no limit */
    galley_stageconf *stages;
    size_t nstages;
} galley_pipeline;

/* Loads and validates FILE with -o overrides (STAGE.OPTION=VALUE; the stage
 * name "@fetch" means the first stage).  Prints every problem to errs and
 * returns NULL when there is any. */
/* config_text.c: blanks #, // and block comments in b (newlines kept);
 * -1 and the first line of a block comment that never ends */
int galley__config_blank_comments(char *b, size_t n, int *open_line);
/* opens the modules the config text b names (plugin = values, sections) */
void galley__config_load_named(galley_registry *reg, const char *b, size_t n);
galley_pipeline *galley__config_load(galley_registry *reg, const char *file,
                                     const char *const *overrides, size_t noverrides,
                                     FILE *errs);
void galley__config_print(const galley_pipeline *p, FILE *out);
void galley__pipeline_free(galley_pipeline *p);
/* the default config: installed or, uninstalled, from the source tree */
const char *galley__default_config(void);

/* ---- engine.c ---- */
typedef struct galley_runopts {
    long workers;           /* -j; <= 0: the config's */
    int stats;
    int progress;           /* -1 auto (TTY), 0 off, 1 on */
    int quiet;
    const char *state;      /* --state FILE: overrides the config's */
    int isolate;            /* --isolate: 1; 0: the config's */
} galley_runopts;

/* A checkpoint costs every output a sync (and the sqlite output a commit and
 * an FTS5 segment): every 1,000 documents made indexing 100,000 articles a
 * third slower; 10,000 pending acks are about a megabyte. */
#define GALLEY__CHECKPOINT_DOCS 10000
#define GALLEY__CHECKPOINT_SECONDS 5
#define GALLEY__CHECKPOINT_MAX 100000000

/* ---- checkpoint.c: flush outputs, then ack (ABI 1.1) ---- */
typedef struct galley__state galley__state;     /* state.c */
typedef struct galley__ckpt galley__ckpt;
typedef struct galley__ackbatch galley__ackbatch;
/* outs: the output stages' running instances, nouts of them */
galley__ckpt *galley__ckpt_new(const galley_pipeline *p, galley_stage *fetch,
                               galley_stage *outs, size_t nouts, galley__state *state);
void galley__ckpt_free(galley__ckpt *ck);
/* output thread: a document left the pipeline (failed_at: the stage that
 * failed or skipped it) */
void galley__ckpt_add(galley__ckpt *ck, const galley_doc *doc, galley_status status,
                      const galley_stageconf *failed_at);
size_t galley__ckpt_pending(const galley__ckpt *ck);
/* 1 when checkpoint_docs or checkpoint_seconds is reached */
int galley__ckpt_due(const galley__ckpt *ck, double now);
/* when the time rule falls due (galley__now() clock), 0 if never */
double galley__ckpt_deadline(const galley__ckpt *ck);
/* flushes every output; returns how many documents written since the last
 * checkpoint became failures because a flush failed */
unsigned long long galley__ckpt_flush_outputs(galley__ckpt *ck);
/* the batch since the last checkpoint, for the fetch thread */
galley__ackbatch *galley__ckpt_take(galley__ckpt *ck);
/* fetch thread: acks the batch to the fetch plugin */
void galley__ckpt_deliver(galley__ckpt *ck, galley__ackbatch *b);
void galley__ackbatch_free(galley__ackbatch *b);
/* a FIFO of batches (the caller locks) */
void galley__ackq_push(galley__ackbatch **q, galley__ackbatch *b);
galley__ackbatch *galley__ackq_pop(galley__ackbatch **q);

/* ---- state.c: the state file of resumable, incremental runs ---- */
/* Opens (creates) the state file and starts a new run in it; NULL with a
 * message (in use by another run, not a state file, cannot create). */
galley__state *galley__state_open(const char *path, char *err, size_t errlen);
void galley__state_close(galley__state *S);
/* what output stage NAME's flush recorded at the last checkpoint, or NULL */
const char *galley__state_mark(const galley__state *S, const char *stage);
/* documents recorded before this run */
unsigned long long galley__state_acked(const galley__state *S);
/* fetch thread: 1 when id was acknowledged with this version (notes that it
 * is still there) */
int galley__state_unchanged(galley__state *S, const char *id, const char *version);
/* fetch thread: records a checkpoint (acks and the outputs' marks) at once */
void galley__state_commit(galley__state *S, const galley_ack *acks, char *const *versions,
                          size_t n, const galley_stage *outs, char *const *marks, size_t nouts);
/* after a complete fetch: forgets (and with report, lists on stderr) the
 * documents not seen in this run; returns how many */
unsigned long long galley__state_sweep(galley__state *S, int report);

/* Runs the pipeline; returns the exit status (0, 1, 2, 130). */
int galley__run(const galley_pipeline *p, const galley_runopts *ro);
/* asks a running pipeline to stop (signal-safe) */
void galley__request_stop(void);

/* ---- docwire.c: the binary form of a document (doc/wire-format.md) ---- */
void galley__docwire_encode(const galley_doc *doc, galley_buf *out);
/* a new document, or NULL and a message for malformed input */
galley_doc *galley__docwire_decode(const void *buf, size_t len, char *err, size_t errlen);

/* ---- isolate.c: the transforms in worker processes ---- */
typedef struct galley__isolate galley__isolate;
/* Starts the worker processes for stages [1, first_out) of p; call it before
 * any thread starts.  NULL when they could not start (the reason printed). */
galley__isolate *galley__isolate_start(const galley_pipeline *p, size_t first_out, int workers);
/* Runs the transforms on *doc in worker w's process and replaces *doc with
 * the result.  Returns the status; *stage is the stage that skipped or failed
 * it (a crash, timeout or memory limit fails it there); secs[i] gets stage
 * i's time.  A worker lost this way is replaced before its next document. */
galley_status galley__isolate_process(galley__isolate *iso, int w, galley_doc **doc,
                                      size_t *stage, double *secs);
/* galley_oom() calls it: in a worker process, the crash that follows is
 * reported as the memory limit */
void galley__isolate_oom(void);
/* Ends the workers (they close their stages); -1 when a close failed. */
int galley__isolate_stop(galley__isolate *iso);

#endif
