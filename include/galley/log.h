/* galley/log.h - messages to stderr through the core, never stdout. */
#ifndef GALLEY_LOG_H
#define GALLEY_LOG_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum galley_level {
    GALLEY_LOG_ERROR = 0,
    GALLEY_LOG_WARN,
    GALLEY_LOG_INFO,
    GALLEY_LOG_DEBUG
} galley_level;

/* "galley: warning: ..." on stderr when level <= the current verbosity */
void galley_log(galley_level level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void galley_log_set_level(galley_level level);
galley_level galley_log_get_level(void);

/* The same, about a stage: "galley: warning: stage 'NAME' (PLUGIN): ..."
 * (the prefix is added here: do not write the plugin's name yourself).
 * Keep the stage handle open() gave you; it is valid until close()
 * returns.  A message about one document goes through galley_doc_fail(),
 * which adds "ID: stage 'NAME' (PLUGIN): " too. */
typedef struct galley_stage galley_stage;
void galley_stage_log(const galley_stage *stage, galley_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define galley_error(...) galley_log(GALLEY_LOG_ERROR, __VA_ARGS__)
#define galley_warn(...)  galley_log(GALLEY_LOG_WARN, __VA_ARGS__)
#define galley_info(...)  galley_log(GALLEY_LOG_INFO, __VA_ARGS__)
#define galley_debug(...) galley_log(GALLEY_LOG_DEBUG, __VA_ARGS__)
#define galley_stage_error(st, ...) galley_stage_log(st, GALLEY_LOG_ERROR, __VA_ARGS__)
#define galley_stage_warn(st, ...)  galley_stage_log(st, GALLEY_LOG_WARN, __VA_ARGS__)
#define galley_stage_info(st, ...)  galley_stage_log(st, GALLEY_LOG_INFO, __VA_ARGS__)
#define galley_stage_debug(st, ...) galley_stage_log(st, GALLEY_LOG_DEBUG, __VA_ARGS__)

#ifdef __cplusplus
}
#endif
#endif
