/* plugins/clean/text/rules.c - reads the plain-text rules files (boilerplate
 * line rules, word-filter pairs, translation phrases) and matches globs. */
#include <galley/util.h>
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

static int lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

/* Iterative glob with one backtrack point: linear for the patterns rules
 * use ("Like * on Facebook*"), never exponential. */
int ct_glob_match(const char *pat, size_t plen, const char *s, size_t slen)
{
    size_t p = 0, i = 0, star = (size_t)-1, mark = 0;
    while (i < slen) {
        if (p < plen && pat[p] == '*') {
            star = p++;
            mark = i;
        } else if (p < plen && lower((unsigned char)pat[p]) ==
                                   lower((unsigned char)s[i])) {
            p++;
            i++;
        } else if (star != (size_t)-1) {
            p = star + 1;
            i = ++mark;
        } else {
            return 0;
        }
    }
    while (p < plen && pat[p] == '*')
        p++;
    return p == plen;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
                 s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* Line ends like "Read more :" or "published." compare without their
 * closing punctuation; the text side is stripped the same way. */
size_t ct_strip_tail_punct(const char *s, size_t n)
{
    while (n && strchr(" :.!|>-", s[n - 1]))
        n--;
    return n;
}

typedef struct reader {
    FILE *f;
    const char *path;
    char *line;
    size_t cap;
    unsigned lineno;
} reader;

static int reader_open(reader *rd, const char *path, const char *what,
                       char *err, size_t errlen)
{
    memset(rd, 0, sizeof *rd);
    rd->path = path;
    struct stat sb;
    rd->f = fopen(path, "r");
    if (rd->f && fstat(fileno(rd->f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
        fclose(rd->f);          /* fopen() accepts a folder; reading fails */
        rd->f = NULL;
        errno = EISDIR;
    }
    if (!rd->f) {
        snprintf(err, errlen, "cannot read %s rules %s: %s", what, path,
                 strerror(errno));
        return -1;
    }
    return 0;
}

/* next meaningful line (comments and blank lines skipped), or NULL */
static char *reader_next(reader *rd)
{
    while (getline(&rd->line, &rd->cap, rd->f) >= 0) {
        rd->lineno++;
        char *s = trim(rd->line);
        if (*s && *s != '#')
            return s;
    }
    return NULL;
}

static void reader_close(reader *rd)
{
    if (rd->f)
        fclose(rd->f);
    free(rd->line);
}

/* "FILE:LINE: message" into err; returns -1 */
static int line_error(char *err, size_t errlen, const reader *rd,
                      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int line_error(char *err, size_t errlen, const reader *rd,
                      const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(err, errlen, "%s:%u: %s", rd->path, rd->lineno, msg);
    return -1;
}

static int add_line_rule(ct_rules *r, ct_line_rule_kind kind, const char *arg)
{
    if (galley_reserve(&r->lines, &r->lines_cap, r->nlines + 1, sizeof *r->lines) < 0)
        return -1;
    char *pat = strdup(arg);
    if (!pat)
        return -1;
    size_t n = strlen(pat);
    if (pat[n - 1] != '*')
        n = ct_strip_tail_punct(pat, n);
    pat[n] = '\0';
    r->lines[r->nlines++] = (ct_line_rule){ kind, pat, n };
    return 0;
}

static int parse_boilerplate(ct_rules *r, char *s, const reader *rd, char *err,
                             size_t errlen)
{
    size_t kw = strcspn(s, " \t");
    char *arg = trim(s + kw);
    if (kw == 9 && strncmp(s, "bracketed", 9) == 0) {
        char *end;
        long min = *arg ? strtol(arg, &end, 10) : 5;
        if (*arg && (*end || min < 1 || min > 1000))
            return line_error(err, errlen, rd, "'bracketed' takes a word count "
                              "from 1 to 1000, got '%.60s'", arg);
        r->bracketed = (int)min;
        return 0;
    }
    ct_line_rule_kind kind = 0;
    if (kw == 4 && strncmp(s, "drop", 4) == 0)
        kind = CT_RULE_DROP;
    else if (kw == 4 && strncmp(s, "tail", 4) == 0)
        kind = CT_RULE_TAIL;
    if (!kind || !*arg)
        return line_error(err, errlen, rd, "expected 'drop TEXT', 'tail TEXT', "
                          "'bracketed N' or 'include FILE', got '%.60s'", s);
    if (add_line_rule(r, kind, arg) != 0)
        return line_error(err, errlen, rd, "out of memory");
    return 0;
}

static int letters_only(const char *s)
{
    for (; *s; s++)
        if (!isalpha((unsigned char)*s))
            return 0;
    return 1;
}

static int parse_pair(ct_rules *r, char *s, const reader *rd, int phrases,
                      char *err, size_t errlen)
{
    char *arrow = strstr(s, "=>");
    char *to = arrow ? trim(arrow + 2) : NULL;
    if (arrow)
        *arrow = '\0';
    char *from = trim(s);
    if (!arrow || !*from || !*to ||
        (!phrases && (!letters_only(from) || !letters_only(to))))
        return line_error(err, errlen, rd, "expected %s, got '%.60s'",
                          phrases ? "'DAMAGED TEXT => ORIGINAL'"
                          : "'damaged => original' (letters only)", s);
    if (!phrases) {             /* word filters match case-insensitively */
        for (char *q = from; *q; q++)
            *q = (char)lower((unsigned char)*q);
        for (char *q = to; *q; q++)
            *q = (char)lower((unsigned char)*q);
    }
    int room = galley_reserve(&r->substs, &r->substs_cap, r->nsubsts + 1,
                              sizeof *r->substs) == 0;
    char *f = room ? strdup(from) : NULL, *t = f ? strdup(to) : NULL;
    if (!t) {
        free(f);
        return line_error(err, errlen, rd, "out of memory");
    }
    r->substs[r->nsubsts++] = (ct_subst){ f, t, strlen(f), strlen(t) };
    r->first[(unsigned char)f[0]] = 1;
    return 0;
}

enum { KIND_BOILERPLATE, KIND_TRANSLATION, KIND_WORDFILTER };
static const char *const kind_name[] = { "boilerplate", "translation",
                                         "word-filter" };

/* Reads one rules file; `include FILE` lines read another in place:
 * "default" names the file shipped with galley, a relative path is taken
 * from the including file's folder. */
static int load(ct_rules *r, const char *path, const char *shipped, int kind,
                int depth, char *err, size_t errlen)
{
    reader rd;
    if (reader_open(&rd, path, kind_name[kind], err, errlen) != 0)
        return -1;
    char *s;
    int rc = 0;
    while (rc == 0 && (s = reader_next(&rd))) {
        if (strncmp(s, "include", 7) == 0 && (s[7] == ' ' || s[7] == '\t')) {
            char *arg = trim(s + 7), inc[4096];
            const char *slash = strrchr(path, '/');
            if (strcmp(arg, "default") == 0)
                snprintf(inc, sizeof inc, "%s", shipped ? shipped : "");
            else if (arg[0] == '/' || !slash)
                snprintf(inc, sizeof inc, "%s", arg);
            else
                snprintf(inc, sizeof inc, "%.*s/%s", (int)(slash - path), path, arg);
            if (!*inc)
                rc = line_error(err, errlen, &rd, "cannot include '%.200s': "
                                "galley's own rules file was not found", arg);
            else if (depth >= 8)
                rc = line_error(err, errlen, &rd, "cannot include '%.200s': "
                                "includes nested 8 deep (a loop?)", arg);
            else
                rc = load(r, inc, shipped, kind, depth + 1, err, errlen);
        } else if (kind == KIND_BOILERPLATE) {
            rc = parse_boilerplate(r, s, &rd, err, errlen);
        } else {
            rc = parse_pair(r, s, &rd, kind == KIND_TRANSLATION, err, errlen);
        }
    }
    reader_close(&rd);
    return rc;
}

int ct_rules_load_boilerplate(ct_rules *r, const char *path,
                              const char *shipped, char *err, size_t errlen)
{
    return load(r, path, shipped, KIND_BOILERPLATE, 0, err, errlen);
}

int ct_rules_load_pairs(ct_rules *r, const char *path, const char *shipped,
                        int phrases, char *err, size_t errlen)
{
    return load(r, path, shipped, phrases ? KIND_TRANSLATION : KIND_WORDFILTER,
                0, err, errlen);
}

void ct_rules_free(ct_rules *r)
{
    for (size_t i = 0; i < r->nlines; i++)
        free(r->lines[i].pattern);
    for (size_t i = 0; i < r->nsubsts; i++) {
        free(r->substs[i].from);
        free(r->substs[i].to);
    }
    free(r->lines);
    free(r->substs);
    memset(r, 0, sizeof *r);
}
