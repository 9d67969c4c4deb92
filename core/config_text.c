/* core/config_text.c - the config file's text before libconfuse reads it:
 * comments blanked (libconfuse 3.3 miscounts lines after them), and the
 * plugin modules it names opened (only those: opening runs a module's code). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ---- comments ----
 * libconfuse 3.3 counts lines wrongly after comments (each # or // line adds
 * 2, a block comment 1), so every later FILE:LINE would be off.  The file is
 * read here and its comments blanked out, newlines kept, before libconfuse
 * sees it: the same syntax, the right line numbers. */

/* the length of the string literal starting at s[0] (a quote), closing quote
 * included; a backslash takes the next byte, as in libconfuse's lexer */
static size_t quoted_len(const char *s, size_t n)
{
    size_t i = 1;
    while (i < n && s[i] != s[0])
        i += s[i] == '\\' && i + 1 < n ? 2 : 1;
    return i < n ? i + 1 : n;
}

/* blanks # and // comments (to the end of the line) and block comments (all
 * but their newlines) in b; returns -1 and the comment's first line for a
 * block comment that never ends */
int galley__config_blank_comments(char *b, size_t n, int *open_line)
{
    int line = 1;
    for (size_t i = 0; i < n;) {
        size_t end = i + 1;
        if (b[i] == '"' || b[i] == '\'') {
            end = i + quoted_len(b + i, n - i);
        } else if (b[i] == '$' && i + 1 < n && b[i + 1] == '{') {
            const char *close = memchr(b + i, '}', n - i);
            end = close ? (size_t)(close - b) + 1 : n;
        } else if (b[i] == '#' || (b[i] == '/' && i + 1 < n && b[i + 1] == '/')) {
            const char *nl = memchr(b + i, '\n', n - i);
            end = nl ? (size_t)(nl - b) : n;
            memset(b + i, ' ', end - i);
        } else if (b[i] == '/' && i + 1 < n && b[i + 1] == '*') {
            const char *close = NULL;
            for (size_t k = i + 2; k + 1 < n && !close; k++)
                if (b[k] == '*' && b[k + 1] == '/')
                    close = b + k;
            if (!close) {
                *open_line = line;
                return -1;
            }
            end = (size_t)(close - b) + 2;
            for (size_t k = i; k < end; k++)
                if (b[k] != '\n')
                    b[k] = ' ';
        }
        for (size_t k = i; k < end; k++)
            line += b[k] == '\n';
        i = end;
    }
    return 0;
}

/* ---- the modules a config names ----
 * Opening a module runs its code, so only those the config names are opened
 * (plugin = "NAME" values and section names) before the schema is built. */

/* the next token of b[*i..n): a string's content, a word, or one punctuation
 * byte; its length (0 at the end) */
static size_t next_token(const char *b, size_t n, size_t *i, const char **tok)
{
    while (*i < n && strchr(" \t\r\n", b[*i]))
        (*i)++;
    if (*i >= n)
        return 0;
    const char *s = b + *i;
    if (*s == '"' || *s == '\'') {
        size_t k = quoted_len(s, n - *i);
        *i += k;
        *tok = s + 1;
        return k >= 2 ? k - 2 : 0;
    }
    size_t k = strchr("{}()=,+", *s) ? 1 : strcspn(s, " \t\r\n{}()=,+\"'");
    if (k > n - *i)
        k = n - *i;
    *i += k;
    *tok = s;
    return k;
}

static void load_named(galley_registry *reg, const char *tok, size_t k)
{
    char *name = galley__xstrndup(tok, k);
    char *slash = strchr(name, '/');
    galley__registry_load(reg, slash ? slash + 1 : name);
    free(name);
}

void galley__config_load_named(galley_registry *reg, const char *b, size_t n)
{
    const char *prev = "", *tok, *val;
    size_t prevlen = 0, k, i = 0;
    int after_stage = 0, titled = 0;    /* prev is the title of stage "T" { */
    while ((k = next_token(b, n, &i, &tok)) > 0 || i < n) {
        if (k == 6 && !strncmp(tok, "plugin", 6)) {
            size_t j = i, e = next_token(b, n, &j, &val);
            if (e == 1 && *val == '=' && (e = next_token(b, n, &j, &val)) > 0)
                load_named(reg, val, e);
        } else if (k == 1 && *tok == '{' && prevlen && !titled && !strchr("{}", *prev))
            load_named(reg, prev, prevlen);     /* a plugin's section */
        titled = after_stage;
        after_stage = k == 5 && !strncmp(tok, "stage", 5);
        prev = tok;
        prevlen = k;
    }
}
