/* plugins/clean/html/names.c - what a page's tags and class/id names say
 * about its elements: the tag table, boilerplate and article names, hidden
 * elements, the anchor to the readers' comments. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"

typedef struct tagdef { const char *name; unsigned flags; } tagdef;

/* sorted by name for bsearch; tags not listed are inline */
static const tagdef tags[] = {
    { "a", HT_LINK },
    { "address", HT_BLOCK },
    { "article", HT_BLOCK | HT_CONTAINER },
    { "aside", HT_BLOCK | HT_SHELL },
    { "audio", HT_JUNK },
    { "blockquote", HT_BLOCK | HT_PARA },
    { "body", HT_BLOCK | HT_CONTAINER },
    { "br", 0 },
    { "button", HT_JUNK },
    { "canvas", HT_JUNK },
    { "center", HT_BLOCK | HT_CONTAINER },
    { "dd", HT_BLOCK },
    { "details", HT_BLOCK },
    { "dialog", HT_JUNK },
    { "div", HT_BLOCK | HT_CONTAINER },
    { "dl", HT_BLOCK | HT_LIST },
    { "dt", HT_BLOCK },
    { "embed", HT_JUNK | HT_EMBED },
    { "fieldset", HT_BLOCK },
    { "figcaption", HT_JUNK },
    { "figure", HT_BLOCK },
    { "font", 0 },
    { "footer", HT_BLOCK | HT_SHELL },
    { "form", HT_BLOCK },
    { "frame", HT_JUNK },
    { "h1", HT_BLOCK | HT_HEAD },
    { "h2", HT_BLOCK | HT_HEAD },
    { "h3", HT_BLOCK | HT_HEAD },
    { "h4", HT_BLOCK | HT_HEAD },
    { "h5", HT_BLOCK | HT_HEAD },
    { "h6", HT_BLOCK | HT_HEAD },
    { "head", 0 },
    { "header", HT_BLOCK | HT_SHELL },
    { "hr", HT_BLOCK },
    { "html", HT_BLOCK | HT_CONTAINER },
    { "iframe", HT_JUNK | HT_EMBED },
    { "img", HT_IMG },
    { "input", HT_JUNK },
    { "label", HT_JUNK },
    { "li", HT_BLOCK },
    { "link", HT_JUNK },
    { "main", HT_BLOCK | HT_CONTAINER },
    { "map", HT_JUNK },
    { "menu", HT_JUNK },
    { "meta", HT_JUNK },
    { "nav", HT_BLOCK | HT_SHELL },
    { "noscript", HT_JUNK },
    { "object", HT_JUNK | HT_EMBED },
    { "ol", HT_BLOCK | HT_LIST },
    { "option", HT_JUNK },
    { "p", HT_BLOCK | HT_PARA },
    { "picture", HT_IMG },
    { "pre", HT_BLOCK | HT_PARA },
    { "script", HT_JUNK },
    { "section", HT_BLOCK | HT_CONTAINER },
    { "select", HT_JUNK },
    { "style", HT_JUNK },
    { "summary", HT_BLOCK },
    { "svg", HT_JUNK },
    { "table", HT_BLOCK },
    { "tbody", 0 },
    { "td", HT_CELL | HT_PARA | HT_CONTAINER },
    { "template", HT_JUNK },
    { "textarea", HT_JUNK },
    { "th", HT_CELL },
    { "title", HT_BLOCK | HT_SHELL },    /* unclosed, it may hold the page */
    { "tr", HT_BLOCK },
    { "ul", HT_BLOCK | HT_LIST },
    { "video", HT_JUNK | HT_EMBED },
};

static int tagcmp(const void *k, const void *e)
{
    return strcmp(k, ((const tagdef *)e)->name);
}

unsigned ghtml_tag(const xmlChar *name)
{
    const tagdef *t = bsearch(name, tags, sizeof tags / sizeof *tags,
                              sizeof *tags, tagcmp);
    return t ? t->flags : 0;
}

static const char *attr_value(const xmlAttr *a)
{
    return a->children && a->children->content ? (const char *)a->children->content : "";
}

/* value of an attribute without copying (first text child), or NULL; name
 * in lower case, as libxml2's HTML parser stores attribute names */
const char *ghtml_attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (!strcmp((const char *)a->name, name))
            return attr_value(a);
    return NULL;
}


static void set_once(const char **slot, const xmlAttr *a)
{
    if (!*slot)
        *slot = attr_value(a);
}

void ghtml_gather(const xmlNode *n, hattrs *at)
{
    memset(at, 0, sizeof *at);
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        const char *k = (const char *)a->name;
        if (!strcmp(k, "class"))
            set_once(&at->names[0], a);
        else if (!strcmp(k, "id"))
            set_once(&at->names[1], a);
        else if (!strcmp(k, "itemprop"))
            set_once(&at->names[2], a);
        else if (!strcmp(k, "role"))
            set_once(&at->names[3], a);
        else if (!strcmp(k, "style"))
            set_once(&at->style, a);
        else if (!strcmp(k, "aria-hidden"))
            set_once(&at->aria_hidden, a);
        else if (!strcmp(k, "hidden"))
            at->hidden = 1;
    }
}

/* ---- class and id names ---- */

/* Parts of class/id names, sorted by first letter (see first[]), with what
 * they say: N_BEST names the article body itself, N_GOOD is article-like,
 * N_ALWAYS boilerplate whatever else the name says, N_MAYBE boilerplate
 * unless a good part is present too, N_WEAK only lowers a score, N_EMBED an
 * embedded post (quoted article text). */
enum { N_BEST = 1, N_GOOD = 2, N_ALWAYS = 4, N_MAYBE = 8, N_WEAK = 16,
       N_EMBED = 32, N_COMMENTARY = 64 };
static const struct needle { const char *s; unsigned char len, cat; } needles[] = {
    { "advert", 6, N_ALWAYS },
    { "article", 7, N_GOOD },
    { "article-body", 12, N_BEST },
    { "article-content", 15, N_BEST },
    { "article__body", 13, N_BEST },
    { "articlebody", 11, N_BEST },
    { "articletext", 11, N_BEST },
    { "aside", 5, N_WEAK },
    { "author-bio", 10, N_ALWAYS },
    { "banner", 6, N_MAYBE },
    { "blog", 4, N_GOOD },
    { "body", 4, N_GOOD },
    { "breadcrumb", 10, N_ALWAYS },
    { "byline", 6, N_MAYBE },
    { "caption", 7, N_MAYBE },
    { "column", 6, N_GOOD },
    { "combx", 5, N_MAYBE },
    { "comment", 7, N_ALWAYS },
    { "commentary", 10, N_COMMENTARY },
    { "consent", 7, N_ALWAYS },
    { "contact", 7, N_WEAK },
    { "content", 7, N_GOOD },
    { "cookie", 6, N_ALWAYS },
    { "credit", 6, N_MAYBE },
    { "dateline", 8, N_MAYBE },
    { "disqus", 6, N_ALWAYS },
    { "embed", 5, N_WEAK | N_EMBED },
    { "entry", 5, N_GOOD },
    { "entry-content", 13, N_BEST },
    { "extra", 5, N_WEAK },
    { "footer", 6, N_MAYBE },
    { "gallery", 7, N_WEAK },
    { "gdpr", 4, N_ALWAYS },
    { "header", 6, N_MAYBE },
    { "hidden", 6, N_MAYBE },
    { "login", 5, N_MAYBE },
    { "main", 4, N_GOOD },
    { "masthead", 8, N_MAYBE },
    { "media", 5, N_WEAK },
    { "menu", 4, N_MAYBE },
    { "meta", 4, N_MAYBE },
    { "modal", 5, N_ALWAYS },
    { "more-stories", 12, N_ALWAYS },
    { "most-popular", 12, N_ALWAYS },
    { "mostpopular", 11, N_ALWAYS },
    { "nav", 3, N_MAYBE },
    { "newsletter", 10, N_ALWAYS },
    { "outbrain", 8, N_ALWAYS },
    { "pager", 5, N_MAYBE },
    { "pagination", 10, N_MAYBE },
    { "photo", 5, N_WEAK },
    { "popup", 5, N_ALWAYS },
    { "post", 4, N_GOOD },
    { "post-content", 12, N_BEST },
    { "print", 5, N_MAYBE },
    { "promo", 5, N_ALWAYS },
    { "read-more", 9, N_ALWAYS },
    { "readmore", 8, N_ALWAYS },
    { "recommend", 9, N_ALWAYS },
    { "related", 7, N_ALWAYS },
    { "screen-reader", 13, N_ALWAYS },
    { "scroll", 6, N_WEAK },
    { "share", 5, N_ALWAYS },
    { "sharing", 7, N_ALWAYS },
    { "shopping", 8, N_WEAK },
    { "shoutbox", 8, N_MAYBE },
    { "sidebar", 7, N_ALWAYS },
    { "sign-up", 7, N_ALWAYS },
    { "signup", 6, N_ALWAYS },
    { "skip-link", 9, N_ALWAYS },
    { "skyscraper", 10, N_MAYBE },
    { "social", 6, N_ALWAYS },
    { "sponsor", 7, N_ALWAYS },
    { "sr-only", 7, N_ALWAYS },
    { "story", 5, N_GOOD },
    { "story-body", 10, N_BEST },
    { "subscri", 7, N_ALWAYS },
    { "supplement", 10, N_MAYBE },
    { "taboola", 7, N_ALWAYS },
    { "tags", 4, N_MAYBE },
    { "teaser", 6, N_WEAK },
    { "text", 4, N_GOOD },
    { "timestamp", 9, N_MAYBE },
    { "toolbar", 7, N_MAYBE },
    { "tools", 5, N_MAYBE },
    { "topics", 6, N_MAYBE },
    { "trending", 8, N_ALWAYS },
    { "tweet", 5, N_EMBED },
    { "video", 5, N_WEAK },
    { "visually-hidden", 15, N_ALWAYS },
    { "widget", 6, N_WEAK },
};
/* needles[first[c - 'a']] .. needles[first[c - 'a' + 1] - 1] start with c */
static const unsigned char first[27] = {
    0, 9, 14, 24, 26, 30, 31, 33, 35, 35, 35, 35, 36, 45, 47, 48, 56, 56, 60,
    78, 88, 88, 90, 91, 91, 91, 91
};
/* whole tokens only (too short to search inside words) */
static const char *const bad_tokens[] = {
    "ad", "ads", "adv", "nav", "hide", "hid", "share", "tag", "author", "date",
    "source", "info", "ribbon", "more", "bio", NULL
};

/* categories of every needle found in s: one pass, a few compares a byte */
static unsigned match_names(const char *s, size_t len)
{
    unsigned cats = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 'a' || c > 'z')
            continue;
        for (unsigned k = first[c - 'a']; k < first[c - 'a' + 1]; k++)
            if (needles[k].len <= len - i && !memcmp(s + i, needles[k].s, needles[k].len))
                cats |= needles[k].cat;
    }
    return cats;
}

static int has_token(const char *s, const char *const *list)
{
    while (*s) {
        while (*s && (*s == ' ' || *s == '-' || *s == '_'))
            s++;
        size_t n = 0;
        while (s[n] && s[n] != ' ' && s[n] != '-' && s[n] != '_')
            n++;
        for (const char *const *t = list; *t && n; t++)
            if (strlen(*t) == n && !memcmp(s, *t, n))
                return 1;
        s += n;
    }
    return 0;
}

/* lower-cased "class id itemprop role" into buf; 0 if there are none */
static size_t names_of(const hattrs *at, char *buf, size_t cap)
{
    size_t len = 0;
    for (size_t i = 0; i < 4; i++) {
        const char *v = at->names[i];
        if (!v)
            continue;
        for (; *v && len + 2 < cap; v++)
            buf[len++] = (*v >= 'A' && *v <= 'Z') ? (char)(*v + 32) : *v;
        if (len + 1 < cap)
            buf[len++] = ' ';
    }
    buf[len] = '\0';
    return len;
}

/* <0 boilerplate, >0 article-like; *drop set when the name alone condemns
 * it: 2 whatever it holds, 1 unless it holds an article's text */
int ghtml_class_weight(const hattrs *at, int *drop)
{
    char buf[512];
    *drop = 0;
    size_t len = names_of(at, buf, sizeof buf);
    if (!len)
        return 0;
    unsigned cats = match_names(buf, len);
    if (cats & N_BEST)
        return 50;
    int w = 0;
    int isgood = (cats & N_GOOD) != 0;
    int always = (cats & N_ALWAYS) && !(cats & N_COMMENTARY);
    int maybe = (cats & N_MAYBE) || has_token(buf, bad_tokens);
    if (isgood)
        w += 25;
    if (always || maybe || (cats & N_WEAK))
        w -= 25;
    /* embedded posts (tweets, videos) are quoted article text */
    if (cats & N_EMBED)
        return w > 0 ? w : 0;
    if (always)
        *drop = 2;
    else if (maybe && !isgood)
        *drop = 1;
    return w;
}

/* hidden by attribute or inline style */
int ghtml_hidden(const hattrs *at)
{
    /* React's streamed server rendering parks the page in <div hidden
     * id="S:0"> for a script to move into place: shown, not hidden */
    if (at->hidden)
        return !(at->names[1] && !strncmp(at->names[1], "S:", 2));
    const char *v = at->aria_hidden;
    if (v && !strcmp(v, "true"))
        return 1;
    v = at->style;
    if (v) {
        char buf[256];
        size_t k = 0;
        for (; *v && k + 1 < sizeof buf; v++)
            if (*v != ' ' && *v != '\t')
                buf[k++] = (*v >= 'A' && *v <= 'Z') ? (char)(*v + 32) : *v;
        buf[k] = '\0';
        if (strstr(buf, "display:none") || strstr(buf, "visibility:hidden"))
            return 1;
    }
    return 0;
}

/* <a name="comments">: where a page's links jump to its readers'
 * comments (an anchor without href, so no link) */
int ghtml_comments_anchor(const xmlNode *n)
{
    if (strcmp((const char *)n->name, "a"))
        return 0;
    const char *v = ghtml_attr(n, "name");
    if (!v)
        v = ghtml_attr(n, "id");
    if (!v || ghtml_attr(n, "href"))
        return 0;
    for (; *v; v++)
        if (!strncasecmp(v, "comment", 7))
            return 1;
    return 0;
}
