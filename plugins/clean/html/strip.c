/* plugins/clean/html/strip.c - copies a page without the bodies of its
 * <script> and <style> elements (half the bytes of a news page, never article
 * text) so that libxml2 does not spend its time on them.  JSON-LD scripts are
 * kept: meta.c reads them.  Tags are tokenised as the parser sees them
 * (comments skipped, quoted attribute values honoured); anything unexpected
 * is copied unchanged. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "html.h"

static int is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* offset of the first case-insensitive "</NAME" at or after i, or n */
static size_t find_end_tag(const char *s, size_t n, size_t i, const char *name)
{
    size_t k = strlen(name);
    while (i + 2 + k <= n) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt)
            return n;
        i = (size_t)(lt - s);
        if (i + 2 + k <= n && s[i + 1] == '/' && !strncasecmp(s + i + 2, name, k))
            return i;
        i++;
    }
    return n;
}

/* end (one past '>') of the tag starting at i, honouring quotes; 0 if the
 * tag never closes */
static size_t tag_end(const char *s, size_t n, size_t i)
{
    char quote = 0;
    for (; i < n; i++) {
        char c = s[i];
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            /* only a quote right after '=' (maybe spaced) opens a value */
            size_t j = i;
            while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == '\t' || s[j - 1] == '\n'))
                j--;
            if (j > 0 && s[j - 1] == '=')
                quote = c;
        } else if (c == '>')
            return i + 1;
    }
    return 0;
}

size_t ghtml_strip_scripts(const char *s, size_t n, char *out)
{
    size_t i = 0, o = 0;
    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        size_t j = lt ? (size_t)(lt - s) : n;
        memcpy(out + o, s + i, j - i);
        o += j - i;
        i = j;
        if (i >= n)
            break;
        if (i + 4 <= n && !memcmp(s + i, "<!--", 4)) {
            const char *e = NULL;
            for (size_t k = i + 4; k + 3 <= n; k++) {
                const char *d = memchr(s + k, '-', n - k);
                if (!d || (size_t)(d - s) + 3 > n)
                    break;
                if (!memcmp(d, "-->", 3)) {
                    e = d + 3;
                    break;
                }
                k = (size_t)(d - s);
            }
            size_t end = e ? (size_t)(e - s) : n;
            memcpy(out + o, s + i, end - i);
            o += end - i;
            i = end;
            continue;
        }
        if (i + 1 >= n || !is_alpha((unsigned char)s[i + 1])) {
            out[o++] = s[i++];
            continue;
        }
        size_t t = i;   /* the tag's '<' */
        size_t end = tag_end(s, n, i + 1);
        if (!end) {     /* a tag that never closes: the rest as it is */
            memcpy(out + o, s + i, n - i);
            o += n - i;
            break;
        }
        memcpy(out + o, s + i, end - i);
        o += end - i;
        const char *name = NULL;
        if (end - t > 7 && !strncasecmp(s + t + 1, "script", 6)
            && !is_alpha((unsigned char)s[t + 7]))
            name = "script";
        else if (end - t > 6 && !strncasecmp(s + t + 1, "style", 5)
                 && !is_alpha((unsigned char)s[t + 6]))
            name = "style";
        i = end;
        if (!name || s[end - 2] == '/')
            continue;
        if (name[1] == 'c') {
            /* JSON-LD stays for the fields */
            size_t k;
            int json = 0;
            for (k = t; k + 7 <= end && !json; k++)
                json = !strncasecmp(s + k, "ld+json", 7);
            if (json)
                continue;
        }
        i = find_end_tag(s, n, i, name);
    }
    return o;
}
