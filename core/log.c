/* core/log.c - messages on stderr, one write per message so that worker
 * threads never interleave, and the TTY progress line they must not garble. */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

static galley_level current_level = GALLEY_LOG_WARN;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static int progress_shown;

void galley_log_set_level(galley_level level) { current_level = level; }
galley_level galley_log_get_level(void) { return current_level; }

static const char *prefix(galley_level level)
{
    switch (level) {
    case GALLEY_LOG_ERROR: return "galley: error: ";
    case GALLEY_LOG_WARN: return "galley: warning: ";
    case GALLEY_LOG_INFO: return "galley: ";
    default: return "galley: debug: ";
    }
}

/* caller holds log_lock */
static void clear_progress(void)
{
    if (progress_shown) {
        fputs("\r\033[K", stderr);
        progress_shown = 0;
    }
}

void galley_log(galley_level level, const char *fmt, ...)
{
    if (level > current_level)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *msg = galley__xvasprintf(fmt, ap);
    va_end(ap);
    size_t n = strlen(msg);
    int nl = n > 0 && msg[n - 1] == '\n';
    pthread_mutex_lock(&log_lock);
    clear_progress();
    fprintf(stderr, "%s%s%s", prefix(level), msg, nl ? "" : "\n");
    fflush(stderr);
    pthread_mutex_unlock(&log_lock);
    free(msg);
}

void galley_stage_log(const galley_stage *stage, galley_level level, const char *fmt, ...)
{
    if (level > current_level)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *msg = galley__xvasprintf(fmt, ap);
    va_end(ap);
    if (stage)
        galley_log(level, "stage '%s' (%s): %s", galley_stage_name(stage),
                   galley_stage_plugin(stage)->name, msg);
    else
        galley_log(level, "%s", msg);
    free(msg);
}

void galley__progress(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = galley__xvasprintf(fmt, ap);
    va_end(ap);
    pthread_mutex_lock(&log_lock);
    fprintf(stderr, "\r\033[K%s", msg);
    fflush(stderr);
    progress_shown = 1;
    pthread_mutex_unlock(&log_lock);
    free(msg);
}

void galley__progress_end(void)
{
    pthread_mutex_lock(&log_lock);
    clear_progress();
    fflush(stderr);
    pthread_mutex_unlock(&log_lock);
}
