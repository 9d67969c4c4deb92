/* plugins/clean/html/strip.c - copies a page without the bodies of its
 * <script>, <style> and <svg> elements, without comments and without
 * text-level formatting tags such as <b> (their text stays) (half the bytes
 * of a news page, never article text) so that libxml2 does not spend its
 * time on them.  JSON-LD scripts are kept: meta.c reads them.  Tags are
 * tokenised as the parser sees them (quoted attribute values honoured);
 * anything unexpected is copied unchanged.  Text the page writes before its
 * own </head> (outside <title>) goes too: see head_end(). */
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

/* end (one past "-->") of the comment starting at i, or 0 if unterminated */
static size_t comment_end(const char *s, size_t n, size_t i)
{
    for (size_t k = i + 4; k + 3 <= n; k++) {
        const char *d = memchr(s + k, '-', n - k);
        if (!d || (size_t)(d - s) + 3 > n)
            return 0;
        if (!memcmp(d, "-->", 3))
            return (size_t)(d - s) + 3;
        k = (size_t)(d - s);
    }
    return 0;
}

/* the raw-text or junk element whose body may go: "script", "style", "svg" */
static const char *skippable(const char *s, size_t t, size_t end)
{
    static const char *const names[] = { "script", "style", "svg" };
    for (size_t k = 0; k < 3; k++) {
        size_t len = strlen(names[k]);
        if (end - t > len + 1 && !strncasecmp(s + t + 1, names[k], len)
            && !is_alpha((unsigned char)s[t + 1 + len]))
            return names[k];
    }
    return NULL;
}

/* does s[from..to) hold a case-insensitive "<svg"? (a nested one) */
static int has_svg(const char *s, size_t from, size_t to)
{
    for (size_t k = from; k + 4 <= to; k++)
        if (s[k] == '<' && !strncasecmp(s + k + 1, "svg", 3))
            return 1;
    return 0;
}

/* Is the tag at s[t..end) (after '<', maybe '/') a text-level formatting
 * tag (<b>, </em>, <font ...>)?  They say nothing to extraction and cost a
 * libxml2 node each plus a split of the text around them: a page of bold
 * words would take 40 times its size as a tree. */
static int formatting(const char *s, size_t t, size_t end)
{
    static const char *const names[] = {
        "b", "i", "em", "strong", "u", "s", "small", "big", "mark", "font",
        "tt", "abbr", "ins", NULL
    };
    size_t a = t + 1 + (s[t + 1] == '/'), k = a;
    while (k < end && is_alpha((unsigned char)s[k]))
        k++;
    if (k == a || k - a > 6 || (s[k] != '>' && s[k] != ' ' && s[k] != '/'
                                && s[k] != '\t' && s[k] != '\n' && s[k] != '\r'))
        return 0;
    for (const char *const *nm = names; *nm; nm++)
        if (strlen(*nm) == k - a && !strncasecmp(s + a, *nm, k - a))
            return 1;
    return 0;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* the attributes the plugin reads (content.c, meta.c) and libxml2's
 * <meta charset>; any other (src, srcset, data-*, alt...) costs two
 * libxml2 nodes and says nothing about the article */
static int read_attr(const char *s, size_t len)
{
    static const char *const names[] = {
        "class", "id", "itemprop", "itemtype", "role", "style", "aria-hidden",
        "hidden", "href", "rel", "type", "property", "name", "lang",
        "http-equiv", "datetime", "content", "charset", NULL
    };
    for (const char *const *nm = names; *nm; nm++)
        if (strlen(*nm) == len && !strncasecmp(s, *nm, len))
            return 1;
    return 0;
}

/* Copies the start tag s[t..end) with only the attributes read_attr()
 * keeps (a link's href without its value: only its presence counts);
 * returns the bytes written to out. */
static size_t copy_tag(const char *s, size_t t, size_t end, char *out)
{
    size_t i = t + 1, o = 0;
    while (i < end && !is_blank(s[i]) && s[i] != '>' && s[i] != '/')
        i++;
    int anchor = i == t + 2 && (s[t + 1] == 'a' || s[t + 1] == 'A');
    memcpy(out, s + t, i - t);
    o = i - t;
    while (i < end) {
        while (i < end && (is_blank(s[i]) || s[i] == '/'))
            i++;
        if (i >= end || s[i] == '>')
            break;
        size_t a = i;
        while (i < end && !is_blank(s[i]) && s[i] != '>' && s[i] != '=' && s[i] != '/')
            i++;
        size_t alen = i - a, v = i;
        while (v < end && is_blank(s[v]))
            v++;
        if (v < end && s[v] == '=') {   /* a value: quoted or bare */
            v++;
            while (v < end && is_blank(s[v]))
                v++;
            if (v < end && (s[v] == '"' || s[v] == '\'')) {
                const char *q = memchr(s + v + 1, s[v], end - v - 1);
                v = q ? (size_t)(q - s) + 1 : end - 1;
            } else {
                while (v < end && !is_blank(s[v]) && s[v] != '>')
                    v++;
            }
            i = v;
        }
        if (!alen) {    /* a stray '=' or quote: skip a byte */
            i++;
            continue;
        }
        if (!read_attr(s + a, alen))
            continue;
        out[o++] = ' ';
        if (anchor && alen == 4 && !strncasecmp(s + a, "href", 4)) {
            memcpy(out + o, "href", 4);
            o += 4;
        } else {
            memcpy(out + o, s + a, i - a);
            o += i - a;
        }
    }
    /* "<a href=x />" opens a link in a browser (the slash means nothing on
     * a non-void element): its text is link text */
    if (s[end - 2] == '/' && !anchor && o > 0 && out[o - 1] != '/')
        out[o++] = '/';
    out[o++] = '>';
    return o;
}

/* is s[t..) (at a '<') the tag "<NAME" or "</NAME" (closing) followed by a
 * non-letter? */
static int tag_is(const char *s, size_t n, size_t t, int closing, const char *name)
{
    size_t a = t + 1 + (closing != 0), k = strlen(name);
    return a + k < n && (!closing || s[t + 1] == '/') && !strncasecmp(s + a, name, k)
        && !is_alpha((unsigned char)s[a + k]);
}

/* Offset of the page's first "</head" when no "<body" and no second
 * "<head" or "<html" come before it, else 0.  Nothing before it is article
 * text but the <title>: a page cut off inside its doctype (or a <script>
 * start tag lost otherwise) lets the script's source out as text, which
 * browsers show and the article's block would take in.  A page that never
 * closes its own head but pastes in an ad's "<HTML><HEAD>...</HEAD>" deep in
 * its body has a second <head> first.  Raw bytes are searched: a "</head"
 * inside a script ends the head early, a "<body" there cancels it: either
 * way less goes. */
static size_t head_end(const char *s, size_t n)
{
    int heads = 0, htmls = 0;
    for (size_t i = 0; i < n; i++) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt)
            return 0;
        i = (size_t)(lt - s);
        if (tag_is(s, n, i, 0, "body") || (tag_is(s, n, i, 0, "head") && ++heads > 1)
            || (tag_is(s, n, i, 0, "html") && ++htmls > 1))
            return 0;
        if (tag_is(s, n, i, 1, "head"))
            return i;
    }
    return 0;
}

/* In the head, a '<' that starts no tag: a declaration ("<!DOCTYPE ...>",
 * "<?xml ...?>") is copied whole, as the parser reads it, so that its words
 * are not taken for text; a lone '<' is text and goes.  Returns where the
 * scan goes on. */
static size_t head_markup(const char *s, size_t n, size_t i, char *out, size_t *o)
{
    if (i + 1 >= n || (s[i + 1] != '!' && s[i + 1] != '?'))
        return i + 1;
    size_t end = tag_end(s, n, i + 1);
    if (!end)
        end = n;
    memcpy(out + *o, s + i, end - i);
    *o += end - i;
    return end;
}

size_t ghtml_strip_scripts(const char *s, size_t n, char *out)
{
    size_t i = 0, o = 0, head = head_end(s, n);
    int title = 0;  /* inside the head's <title>: its text stays */
    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        size_t j = lt ? (size_t)(lt - s) : n;
        if (i >= head || title) {
            memcpy(out + o, s + i, j - i);
            o += j - i;
        }
        i = j;
        if (i >= n)
            break;
        if (i + 4 <= n && !memcmp(s + i, "<!--", 4)) {
            size_t end = comment_end(s, n, i);
            if (!end) {     /* never closed: the rest as it is */
                memcpy(out + o, s + i, n - i);
                o += n - i;
                break;
            }
            i = end;        /* comments are never text */
            continue;
        }
        int closing = i + 2 < n && s[i + 1] == '/' && is_alpha((unsigned char)s[i + 2]);
        if (i + 1 >= n || (!is_alpha((unsigned char)s[i + 1]) && !closing)) {
            if (i < head && !title)
                i = head_markup(s, n, i, out, &o);
            else
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
        if (formatting(s, t, end)) {
            i = end;
            continue;
        }
        if (i < head)
            title = tag_is(s, n, t, 0, "title") ? s[end - 2] != '/'
                : tag_is(s, n, t, 1, "title") ? 0 : title;
        if (closing) {
            memcpy(out + o, s + i, end - i);
            o += end - i;
            i = end;
            continue;
        }
        o += copy_tag(s, t, end, out + o);
        i = end;
        const char *name = skippable(s, t, end);
        if (!name || s[end - 2] == '/')
            continue;
        size_t close = find_end_tag(s, n, end, name);
        int keep = 0;
        if (name[1] == 'c') {   /* JSON-LD stays for the fields, verbatim */
            for (size_t k = t; k + 7 <= end && !keep; k++)
                keep = !strncasecmp(s + k, "ld+json", 7);
        } else if (name[1] == 'v')
            keep = has_svg(s, end, close);  /* nested: let libxml2 pair them */
        if (keep) {
            memcpy(out + o, s + end, close - end);
            o += close - end;
        }
        i = close;
    }
    return o;
}
