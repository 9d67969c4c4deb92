/* plugins/clean/text/rules.c - reads the plain-text rules files (boilerplate
 * line rules, word-filter pairs, translation phrases) and matches globs. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void *grow(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap * 2 : 16;
    while (c < need)
        c *= 2;
    void *q = realloc(p, c * elem);
    if (q)
        *cap = c;
    return q;
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
    rd->f = fopen(path, "r");
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

int ct_rules_load_boilerplate(ct_rules *r, const char *path, char *err,
                              size_t errlen)
{
    reader rd;
    size_t cap = 0;
    if (reader_open(&rd, path, "boilerplate", err, errlen) != 0)
        return -1;
    char *s;
    int rc = 0;
    while ((s = reader_next(&rd))) {
        size_t kw = strcspn(s, " \t");
        char *arg = trim(s + kw);
        ct_line_rule_kind kind = 0;
        if (kw == 9 && strncmp(s, "bracketed", 9) == 0) {
            char *end;
            long min = *arg ? strtol(arg, &end, 10) : 5;
            if (*arg && (*end || min < 1 || min > 1000)) {
                snprintf(err, errlen, "%s:%u: 'bracketed' takes a word count "
                         "from 1 to 1000, got '%.60s'", path, rd.lineno, arg);
                rc = -1;
                break;
            }
            r->bracketed = (int)min;
            continue;
        }
        if (kw == 4 && strncmp(s, "drop", 4) == 0)
            kind = CT_RULE_DROP;
        else if (kw == 4 && strncmp(s, "tail", 4) == 0)
            kind = CT_RULE_TAIL;
        if (!kind || !*arg) {
            snprintf(err, errlen, "%s:%u: expected 'drop TEXT', 'tail TEXT' or "
                     "'bracketed', got '%.60s'", path, rd.lineno, s);
            rc = -1;
            break;
        }
        ct_line_rule *lines = grow(r->lines, &cap, r->nlines + 1, sizeof *lines);
        char *pat = lines ? strdup(arg) : NULL;
        if (!pat) {
            if (lines)
                r->lines = lines;
            snprintf(err, errlen, "%s:%u: out of memory", path, rd.lineno);
            rc = -1;
            break;
        }
        r->lines = lines;
        size_t n = strlen(pat);
        if (pat[n - 1] != '*')
            n = ct_strip_tail_punct(pat, n);
        pat[n] = '\0';
        r->lines[r->nlines++] = (ct_line_rule){ kind, pat, n };
    }
    reader_close(&rd);
    return rc;
}

static int letters_only(const char *s)
{
    for (; *s; s++)
        if (!isalpha((unsigned char)*s))
            return 0;
    return 1;
}

int ct_rules_load_pairs(ct_rules *r, const char *path, int phrases, char *err,
                        size_t errlen)
{
    reader rd;
    size_t cap = 0;
    if (reader_open(&rd, path, phrases ? "translation" : "word-filter", err,
                    errlen) != 0)
        return -1;
    char *s;
    int rc = 0;
    while ((s = reader_next(&rd))) {
        char *arrow = strstr(s, "=>");
        char *from = s, *to = arrow ? trim(arrow + 2) : NULL;
        if (arrow)
            *arrow = '\0';
        from = trim(from);
        if (!arrow || !*from || !*to ||
            (!phrases && (!letters_only(from) || !letters_only(to)))) {
            snprintf(err, errlen, "%s:%u: expected '%s', got '%.60s'", path,
                     rd.lineno, phrases ? "DAMAGED TEXT => ORIGINAL"
                     : "damaged => original (letters only)", s);
            rc = -1;
            break;
        }
        if (!phrases)           /* word filters match case-insensitively */
            for (char *q = from; *q; q++)
                *q = (char)lower((unsigned char)*q);
        if (!phrases)
            for (char *q = to; *q; q++)
                *q = (char)lower((unsigned char)*q);
        ct_subst *ss = grow(r->substs, &cap, r->nsubsts + 1, sizeof *ss);
        if (ss)
            r->substs = ss;
        char *f = ss ? strdup(from) : NULL, *t = f ? strdup(to) : NULL;
        if (!t) {
            free(f);
            snprintf(err, errlen, "%s:%u: out of memory", path, rd.lineno);
            rc = -1;
            break;
        }
        r->substs[r->nsubsts++] = (ct_subst){ f, t, strlen(f), strlen(t) };
        r->first[(unsigned char)f[0]] = 1;
    }
    reader_close(&rd);
    return rc;
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
