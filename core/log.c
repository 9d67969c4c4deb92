/* core/log.c - messages on stderr, one write per message so that worker
 * threads never interleave, and the TTY progress line they must not garble.
 * Every message is escaped on its way out (galley__escape): names from files,
 * URLs and documents never forge a log line nor drive the terminal. */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include <galley/text.h>

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

/* what a terminal acts on: C0 and C1 controls, DEL, and the bidi controls
 * that reorder what is shown (U+202A..U+202E, U+2066..U+2069) */
static int is_control(int32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e)
        || (cp >= 0x2066 && cp <= 0x2069);
}

char *galley__escape(const char *s)
{
    galley_buf b = { 0 };
    size_t n = strlen(s), pos = 0, from = 0;
    int32_t cp;
    while ((cp = galley_utf8_next(s, n, &pos)) >= 0) {
        size_t start = from;
        from = pos;
        int bad = cp == 0xFFFD && pos - start == 1;     /* not UTF-8 */
        if (!bad && !is_control(cp)) {
            galley__buf_add(&b, s + start, pos - start);
            continue;
        }
        if (cp == '\n' || cp == '\r' || cp == '\t')
            galley__buf_printf(&b, "\\%c", cp == '\n' ? 'n' : cp == '\r' ? 'r' : 't');
        else if (bad || cp < 0x80)
            galley__buf_printf(&b, "\\x%02x", (unsigned char)s[start]);
        else
            galley__buf_printf(&b, "\\u%04x", (unsigned)cp);
    }
    if (!b.data)
        galley__buf_add(&b, "", 0);
    return b.data;
}

void galley__log_line(const char *prefix_text, const char *msg)
{
    size_t n = strlen(msg);
    char *body = galley__xstrndup(msg, n && msg[n - 1] == '\n' ? n - 1 : n);
    char *shown = galley__escape(body);
    pthread_mutex_lock(&log_lock);
    clear_progress();
    fprintf(stderr, "%s%s\n", prefix_text, shown);
    fflush(stderr);
    pthread_mutex_unlock(&log_lock);
    free(shown);
    free(body);
}

void galley_log(galley_level level, const char *fmt, ...)
{
    if (level > current_level)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *msg = galley__xvasprintf(fmt, ap);
    va_end(ap);
    galley__log_line(prefix(level), msg);
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
