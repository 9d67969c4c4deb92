/* galley/plugin.h - the plugin descriptor, option table and stage API.
 * A plugin includes only <galley/galley.h> (or this header and doc.h). */
#ifndef GALLEY_PLUGIN_H
#define GALLEY_PLUGIN_H

#include <stddef.h>
#include <stdint.h>
#include <galley/doc.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ABI: a plugin whose major differs from the core's is refused.  Minor versions
 * only append fields to galley_plugin (SQLite's rule), so an older plugin keeps
 * working with a newer core. */
#define GALLEY_ABI_MAJOR 1
#define GALLEY_ABI_MINOR 2
#define GALLEY_ABI_MAKE(major, minor) ((uint32_t)(((major) << 16) | (minor)))
#define GALLEY_ABI GALLEY_ABI_MAKE(GALLEY_ABI_MAJOR, GALLEY_ABI_MINOR)
#define GALLEY_ABI_MAJOR_OF(abi) ((unsigned)((abi) >> 16))
#define GALLEY_ABI_MINOR_OF(abi) ((unsigned)((abi) & 0xffffu))

typedef enum galley_kind {
    GALLEY_FETCH = 1,   /* produces documents: next() */
    GALLEY_CLEAN,       /* rewrites text: process() */
    GALLEY_EXTRACT,     /* adds fields and layers: process() */
    GALLEY_SUMMARIZE,   /* adds the summary: process() */
    GALLEY_OUTPUT       /* consumes documents: process(), close() flushes */
} galley_kind;

typedef enum galley_status {
    GALLEY_OK = 0,      /* go on */
    GALLEY_SKIP,        /* drop this document on purpose (counted, not an error) */
    GALLEY_ERROR,       /* this document (or open/close) failed; message set */
    GALLEY_DONE,        /* fetch only: no more documents */
    GALLEY_AGAIN        /* fetch only (ABI 1.1): nothing yet, call next() again;
                         * a fetch that waits for new work (a queue, a stream)
                         * returns it every second or so, so that acks are
                         * delivered and a stop is seen between next() calls
                         * (see ack below) */
} galley_status;

typedef enum galley_opt_type {
    GALLEY_OPT_END = 0, /* terminates an option table: { 0 } */
    GALLEY_OPT_STRING,
    GALLEY_OPT_INT,     /* long long */
    GALLEY_OPT_FLOAT,   /* double */
    GALLEY_OPT_BOOL,    /* true/false, yes/no, on/off, 1/0 */
    GALLEY_OPT_LIST     /* list of strings: { "a", "b" } in config, a,b with -o */
} galley_opt_type;

/* option flags */
#define GALLEY_OPT_REQUIRED 0x1u  /* must be given; def is ignored */
#define GALLEY_OPT_PATH     0x2u  /* a file path: relative paths are resolved
                                   * against the config file's directory */

/* One row of a plugin's option table.  min/max bound INT and FLOAT values (and
 * the length of STRING values when max > 0); min == max == 0 means unbounded.
 * choices, when set, is a '|'-separated list of the only values accepted
 * ("skip|abort"). */
typedef struct galley_option {
    galley_opt_type type;
    const char *name;
    const char *def;        /* default as text, NULL = none */
    unsigned flags;
    double min, max;
    const char *help;       /* one line */
    const char *choices;
} galley_option;

/* A configured stage as a plugin sees it: its name, options and worker. */
typedef struct galley_stage galley_stage;

/* ABI 1.1: what ack() is told about one document that left the pipeline.
 * Acks arrive in fetch order, after every output has flushed. */
typedef struct galley_ack {
    const char *id;         /* the document's id */
    const char *token;      /* what next() set with galley_doc_set_token(), or NULL */
    galley_status status;   /* GALLEY_OK: written by every output;
                             * GALLEY_SKIP: dropped on purpose by a stage;
                             * GALLEY_ERROR: failed (error says why) */
    const char *error;      /* "stage 'NAME' (PLUGIN): message" for GALLEY_ERROR */
} galley_ack;

typedef struct galley_plugin {
    uint32_t abi;               /* GALLEY_ABI of the headers it was built with */
    uint32_t struct_size;       /* sizeof(galley_plugin) at build time */
    const char *name;           /* what a config's plugin = "..." names */
    galley_kind kind;
    const char *summary;        /* one line */
    const char *version;
    const char *author;
    const char *license;
    const galley_option *options;   /* table ending in { 0 }, or NULL */
    const char *requires;       /* space-separated layers/fields read */
    const char *provides;       /* space-separated layers/fields written */
    /* Once per worker for transforms, once for fetch and output.  Stores the
     * plugin's state in *state.  Returns GALLEY_OK or GALLEY_ERROR (message
     * set with galley_stage_fail). */
    galley_status (*open)(galley_stage *stage, void **state);
    /* FETCH: fill doc (id, source, raw/text...).  GALLEY_DONE when exhausted;
     * GALLEY_ERROR with the doc's id set reports that item and goes on;
     * GALLEY_AGAIN (doc left empty, not counted) when nothing came yet. */
    galley_status (*next)(void *state, galley_doc *doc);
    /* CLEAN/EXTRACT/SUMMARIZE/OUTPUT: one document. */
    galley_status (*process)(void *state, galley_doc *doc);
    /* Frees state; outputs flush here.  May be NULL. */
    galley_status (*close)(void *state);

    /* ---- ABI 1.1: appended; a 1.0 plugin (smaller struct_size) has none
     * of these and the core treats them as NULL. ---- */
    /* OUTPUT: make every record written so far durable (fsync, commit).  The
     * engine calls it at each checkpoint, before acknowledging anything.  May
     * be NULL: a 1.0 output is made durable only by close(). */
    galley_status (*flush)(void *state);
    /* OUTPUT: flush() returning GALLEY_ERROR (message set with
     * galley_stage_fail) means the records written since the previous flush
     * are lost: the engine counts those documents as failed and does not
     * acknowledge them as written.  An output whose write fails mid-batch
     * should fail the following documents until the next flush. */

    /* FETCH: these n documents are done (written by every output and
     * flushed, or reported as failed/skipped); they need never be fetched
     * again.  Called from the fetch thread, between next() calls, in fetch
     * order; acks and the arrays they point to are valid during the call
     * only.  May be NULL.  A GALLEY_ERROR return is logged (with the message
     * set by galley_stage_fail) and the run goes on: the documents stay
     * unacknowledged, delivered again by a later run (at least once).
     *
     * Acks are delivered only while next() is not running.  A fetch that
     * waits for input (a queue, a stream read with BLOCK) should wait a
     * bounded time (a second or so) and return GALLEY_AGAIN when nothing
     * came, so that acks and a stop request are not held back.  At the end
     * of the run (next() returned GALLEY_DONE, or a stop) the last acks are
     * delivered before close(). */
    galley_status (*ack)(void *state, const galley_ack *acks, size_t n);

    /* ---- ABI 1.2: appended; a 1.0/1.1 plugin has none and runs as before. */
    /* OUTPUT, optional: builds this document's record in the worker thread
     * that ran its transforms, so that the one output thread only writes
     * bytes in order (serializing there capped a pipeline at one core).
     * Hand the bytes over with galley_doc_set_prepared(); process() then
     * reads them back with galley_doc_prepared() (and builds the record
     * itself when that is NULL: a run outside the engine).  Called
     * concurrently from several workers on the same state: read it, never
     * write it (use atomics for counters).  GALLEY_ERROR (message set with
     * galley_doc_fail) fails the document as process() would. */
    galley_status (*prepare)(void *state, galley_doc *doc);
} galley_plugin;

#if defined(__GNUC__)
# define GALLEY_EXPORT __attribute__((visibility("default")))
# define GALLEY_DIAG_PUSH_OVERRIDE _Pragma("GCC diagnostic push") \
    _Pragma("GCC diagnostic ignored \"-Woverride-init\"")
# define GALLEY_DIAG_POP _Pragma("GCC diagnostic pop")
#else
# define GALLEY_EXPORT
# define GALLEY_DIAG_PUSH_OVERRIDE
# define GALLEY_DIAG_POP
#endif

/* GALLEY_PLUGIN(ID, .kind = ..., .process = ..., ...)
 * ID is the module's file name without extension (textrank for textrank.la or
 * textrank.so); the name defaults to ID and may be overridden with .name.
 * Exports ID_LTX_galley_plugin, which libltdl finds both dlopened and
 * dlpreopened. */
#define GALLEY_PLUGIN(ID, ...)                                            \
    GALLEY_DIAG_PUSH_OVERRIDE                                             \
    GALLEY_EXPORT extern const galley_plugin ID##_LTX_galley_plugin;      \
    const galley_plugin ID##_LTX_galley_plugin = {                        \
        .abi = GALLEY_ABI, .struct_size = sizeof(galley_plugin),          \
        .name = #ID, __VA_ARGS__ };                                       \
    GALLEY_DIAG_POP

/* ---- the stage API, for open() ---- */

const char *galley_stage_name(const galley_stage *stage);
const galley_plugin *galley_stage_plugin(const galley_stage *stage);
/* worker index (0..workers-1) for transforms, 0 for fetch and output */
int galley_stage_worker(const galley_stage *stage);
int galley_stage_workers(const galley_stage *stage);

/* Option values, already validated against the plugin's table; an option
 * without default and not given reads as NULL / 0 / empty (see
 * galley_opt_isset).  Asking for a name not in the table is a plugin bug: it
 * logs an error and returns the zero value. */
int galley_opt_isset(const galley_stage *stage, const char *name);
const char *galley_opt_str(const galley_stage *stage, const char *name);
long long galley_opt_int(const galley_stage *stage, const char *name);
double galley_opt_float(const galley_stage *stage, const char *name);
int galley_opt_bool(const galley_stage *stage, const char *name);
/* number of items; *items (may be NULL) gets the array, valid until close */
size_t galley_opt_list(const galley_stage *stage, const char *name,
                       const char *const **items);

/* Sets the message for an open()/close() failure; returns GALLEY_ERROR so
 * that `return galley_stage_fail(st, "cannot open %s: %s", p, strerror(e));`
 * reads naturally.  The core prefixes "stage 'NAME' (PLUGIN): ". */
galley_status galley_stage_fail(galley_stage *stage, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ---- ABI 1.1: outputs in a run with a state file (--state) ----
 * Such a run continues what earlier runs wrote: documents acknowledged
 * before are not processed again, so an output must write in place (no temp
 * file renamed at close), keep the earlier records (append, upsert by id)
 * and make them durable in flush().  galley_stage_resuming() returns 1 in
 * such a run (0 otherwise), and *mark (may be NULL) gets what this stage's
 * flush() recorded with galley_stage_set_mark() at the last checkpoint that
 * was acknowledged.  Records past the mark belong to documents that are
 * processed again: cut them (an append-only file cuts back to the byte
 * offset it recorded).  A NULL mark means the state file has no checkpoint
 * of this stage (its first run): start over.  The engine checkpoints once
 * right after open(), so a run killed early still has a mark.  An output
 * that cannot continue (a file written whole at close) fails open() in such
 * a run, saying why. */
int galley_stage_resuming(const galley_stage *stage, const char **mark);
/* Called in flush(): where this output stands once the flush is durable
 * (say, the file's length as decimal text).  Stored in the state file with
 * the acks of the same checkpoint, in one transaction. */
void galley_stage_set_mark(galley_stage *stage, const char *mark);

/* Stop requested (SIGINT/SIGTERM or on_error = abort): a long-running fetch
 * should return GALLEY_DONE soon. */
int galley_stopping(void);

/* Called by an output, in process(), when its destination is gone for good
 * and every later record would fail the same way (the reader of standard
 * output or of a FIFO closed it: EPIPE).  The run stops as on_error =
 * "abort" does: nothing more is fetched, documents in flight are not output,
 * and the message is printed once (prefixed "stage 'NAME' (PLUGIN): ")
 * instead of one error per document; galley exits with status 1.  A run
 * with a state file continues from its last checkpoint.  The document being
 * written still fails: return galley_doc_fail() after this call. */
void galley_stage_stop_run(galley_stage *stage, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#ifdef __cplusplus
}
#endif
#endif
