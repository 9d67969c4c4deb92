/* plugins/clean/html/meta.c - document fields from a web page: <meta> tags
 * (Open Graph, article:*, Dublin Core...), JSON-LD, <title>, <h1>, <time>
 * and <html lang>; the site's name is taken off the title. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <jansson.h>

#include "html.h"

void ghtml_meta_reset(hmeta *m)
{
    m->title = m->h1 = m->h1_junk = m->time = m->byline = NULL;
    m->nmetas = m->njsonld = 0;
    m->lang = NULL;
}

void ghtml_meta_free(hmeta *m)
{
    free(m->metas);
    free(m->jsonld);
}

void ghtml_meta_note(hmeta *m, xmlNode *n, int in_junk)
{
    const char *name = (const char *)n->name;
    /* the first element (with text: no <meta>, <link>) marked as author */
    if (!m->byline && n->properties && strcmp(name, "meta") && strcmp(name, "link")) {
        const char *v = ghtml_attr(n, "itemprop");
        if (!v || !strstr(v, "author"))
            v = ghtml_attr(n, "rel");
        if (v && strstr(v, "author"))
            m->byline = n;
    }
    switch (name[0]) {
    case 'h':
        if (!strcmp(name, "h1") && !in_junk && !m->h1)
            m->h1 = n;
        else if (!strcmp(name, "h1") && in_junk && !m->h1_junk)
            m->h1_junk = n;
        else if (!strcmp(name, "html") && !m->lang)
            m->lang = ghtml_attr(n, "lang");
        break;
    case 'l':
    case 'm':
        if (!strcmp(name, "meta") || !strcmp(name, "link")) {
            if (galley_reserve(&m->metas, &m->capmetas, m->nmetas + 1, sizeof *m->metas) == 0)
                m->metas[m->nmetas++] = n;
        }
        break;
    case 's':
        if (!strcmp(name, "script")) {
            const char *type = ghtml_attr(n, "type");
            if (type && strstr(type, "ld+json")) {
                if (galley_reserve(&m->jsonld, &m->capjsonld, m->njsonld + 1,
                                   sizeof *m->jsonld) == 0)
                    m->jsonld[m->njsonld++] = n;
            }
        }
        break;
    case 't':
        if (!strcmp(name, "title") && !m->title)
            m->title = n;
        else if (!strcmp(name, "time") && !m->time && ghtml_attr(n, "datetime"))
            m->time = n;
        break;
    default:
        break;
    }
}

/* ---- values found, by field ---- */

enum { F_TITLE, F_OGTITLE, F_HEADLINE, F_AUTHOR, F_DATE, F_DESCR, F_SITE,
       F_URL, F_LANG, F_BODY, F_N };

typedef struct found {
    const char *v[F_N];
    int rank[F_N];              /* lower is better */
    const char *authors[8];     /* JSON-LD may list several */
    size_t nauthors;
} found;

static void offer(found *f, int field, const char *value, int rank)
{
    if (!value)
        return;
    while (*value == ' ' || *value == '\n' || *value == '\t')
        value++;
    if (!*value)
        return;
    if (field == F_DATE && !strncmp(value, "000", 3))
        return;     /* "0001-01-01T00:00:00Z": a placeholder, not a date */
    if (!f->v[field] || rank < f->rank[field]) {
        f->v[field] = value;
        f->rank[field] = rank;
    }
}

/* meta name/property -> field and rank */
static const struct { const char *key; int field, rank; } metamap[] = {
    { "og:title", F_OGTITLE, 0 },
    { "twitter:title", F_OGTITLE, 1 },
    { "article:published_time", F_DATE, 0 },
    { "og:published_time", F_DATE, 1 },
    { "datepublished", F_DATE, 1 },
    { "pubdate", F_DATE, 2 },
    { "publishdate", F_DATE, 2 },
    { "publish-date", F_DATE, 2 },
    { "date", F_DATE, 3 },
    { "dc.date", F_DATE, 3 },
    { "dc.date.issued", F_DATE, 3 },
    { "dcterms.created", F_DATE, 4 },
    { "sailthru.date", F_DATE, 4 },
    { "parsely-pub-date", F_DATE, 4 },
    { "article.published", F_DATE, 4 },
    { "author", F_AUTHOR, 1 },
    { "article:author", F_AUTHOR, 2 },
    { "dc.creator", F_AUTHOR, 3 },
    { "parsely-author", F_AUTHOR, 3 },
    { "sailthru.author", F_AUTHOR, 3 },
    { "byl", F_AUTHOR, 4 },
    { "og:description", F_DESCR, 0 },
    { "description", F_DESCR, 1 },
    { "twitter:description", F_DESCR, 2 },
    { "og:site_name", F_SITE, 0 },
    { "application-name", F_SITE, 2 },
    { "og:url", F_URL, 1 },
    { "og:locale", F_LANG, 3 },
    { "content-language", F_LANG, 2 },
    { NULL, 0, 0 }
};

static void read_meta(found *f, const xmlNode *n)
{
    if (!strcmp((const char *)n->name, "link")) {
        const char *rel = ghtml_attr(n, "rel");
        if (rel && !strcasecmp(rel, "canonical"))
            offer(f, F_URL, ghtml_attr(n, "href"), 0);
        return;
    }
    const char *key = ghtml_attr(n, "property");
    if (!key)
        key = ghtml_attr(n, "name");
    if (!key)
        key = ghtml_attr(n, "itemprop");
    if (!key)
        key = ghtml_attr(n, "http-equiv");
    const char *content = ghtml_attr(n, "content");
    if (!key || !content)
        return;
    for (size_t i = 0; metamap[i].key; i++)
        if (!strcasecmp(key, metamap[i].key)) {
            int field = metamap[i].field;
            /* article:author is often a profile URL, not a name */
            if (field == F_AUTHOR && !strncmp(content, "http", 4))
                return;
            if (field == F_AUTHOR && !strncasecmp(content, "by ", 3))
                content += 3;
            offer(f, field, content, metamap[i].rank);
            return;
        }
}

/* ---- JSON-LD ---- */

static int is_article_type(json_t *type)
{
    static const char *const types[] = {
        "Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle",
        "AnalysisNewsArticle", "OpinionNewsArticle", "ReviewNewsArticle",
        "TechArticle", "ScholarlyArticle", "WebPage", "Report", "LiveBlogPosting",
        NULL
    };
    if (json_is_array(type)) {
        size_t i;
        json_t *t;
        json_array_foreach(type, i, t)
            if (is_article_type(t))
                return 1;
        return 0;
    }
    const char *s = json_string_value(type);
    for (size_t i = 0; s && types[i]; i++)
        if (!strcmp(s, types[i]))
            return 2 - !strcmp(s, "WebPage");   /* WebPage: weaker */
    return 0;
}

static const char *name_of(json_t *v)
{
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_object(v))
        return json_string_value(json_object_get(v, "name"));
    return NULL;
}

/* strings live in the json tree; copied to the doc arena before it is freed */
static void read_article(found *f, json_t *o, galley_doc *doc, int rank)
{
    const char *s;
    if ((s = json_string_value(json_object_get(o, "headline"))))
        offer(f, F_HEADLINE, galley_doc_strdup(doc, s), rank);
    if ((s = json_string_value(json_object_get(o, "datePublished"))))
        offer(f, F_DATE, galley_doc_strdup(doc, s), rank);
    if ((s = json_string_value(json_object_get(o, "description"))))
        offer(f, F_DESCR, galley_doc_strdup(doc, s), 3 + rank);
    if ((s = json_string_value(json_object_get(o, "articleBody"))))
        offer(f, F_BODY, galley_doc_strdup(doc, s), rank);
    if ((s = json_string_value(json_object_get(o, "inLanguage"))))
        offer(f, F_LANG, galley_doc_strdup(doc, s), 1 + rank);
    if ((s = name_of(json_object_get(o, "publisher"))))
        offer(f, F_SITE, galley_doc_strdup(doc, s), 1 + rank);
    json_t *a = json_object_get(o, "author");
    if (!a)
        a = json_object_get(o, "creator");
    if (a && !f->nauthors) {
        if (json_is_array(a)) {
            size_t i;
            json_t *x;
            json_array_foreach(a, i, x)
                if ((s = name_of(x)) && *s && f->nauthors < 8)
                    f->authors[f->nauthors++] = galley_doc_strdup(doc, s);
        } else if ((s = name_of(a)) && *s)
            f->authors[f->nauthors++] = galley_doc_strdup(doc, s);
    }
}

/* walks objects, arrays and @graph, a few levels deep at most */
static void read_jsonld(found *f, json_t *v, galley_doc *doc, int depth)
{
    if (depth > 4)
        return;
    if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x)
            read_jsonld(f, x, doc, depth + 1);
        return;
    }
    if (!json_is_object(v))
        return;
    int t = is_article_type(json_object_get(v, "@type"));
    if (t)
        read_article(f, v, doc, t == 2 ? 0 : 2);
    json_t *g = json_object_get(v, "@graph");
    if (g)
        read_jsonld(f, g, doc, depth + 1);
    json_t *main = json_object_get(v, "mainEntity");
    if (main)
        read_jsonld(f, main, doc, depth + 1);
}

/* JSON-LD as pages write it: maybe wrapped in <!-- or //<![CDATA[, maybe
 * followed by a stray ';' -- from the first '{' or '[' that parses */
static json_t *load_jsonld(const char *s)
{
    const char *brace = strchr(s, '{'), *bracket = strchr(s, '[');
    const char *first = brace, *second = bracket;
    if (!first || (second && second < first)) {
        first = bracket;
        second = brace;
    }
    json_error_t err;
    json_t *v = first ? json_loads(first, JSON_DISABLE_EOF_CHECK, &err) : NULL;
    if (!v && second)
        v = json_loads(second, JSON_DISABLE_EOF_CHECK, &err);
    return v;
}

static void read_scripts(found *f, hmeta *m, galley_doc *doc)
{
    for (size_t i = 0; i < m->njsonld; i++) {
        xmlChar *s = xmlNodeGetContent(m->jsonld[i]);
        if (!s)
            continue;
        json_t *v = load_jsonld((const char *)s);
        xmlFree(s);
        if (v) {
            read_jsonld(f, v, doc, 0);
            json_decref(v);
        }
    }
}

/* ---- title ---- */

static char *node_text(galley_doc *doc, xmlNode *n)
{
    if (!n)
        return NULL;
    xmlChar *s = xmlNodeGetContent(n);
    if (!s)
        return NULL;
    size_t len = strlen((const char *)s);
    char *out = galley_doc_alloc(doc, GHTML_COLLAPSE_ROOM(len));
    ghtml_collapse((const char *)s, len, out);
    xmlFree(s);
    return out;
}

static const char *const seps[] = { " | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ",
                                    " :: ", " \xc2\xb7 ", " \xc2\xbb ", " / ", NULL };

/* Takes "Site | " / " | Site" off a title when the site's name is known,
 * else the part matching the page's <h1>, else a short trailing part. */
static const char *strip_site(galley_doc *doc, const char *title,
                              const char *site, const char *h1)
{
    size_t tl = strlen(title);
    for (const char *const *sp = seps; *sp; sp++) {
        size_t sl = strlen(*sp);
        if (site && *site) {
            size_t nl = strlen(site);
            if (tl > nl + sl && !strcasecmp(title + tl - nl, site)
                && !strncmp(title + tl - nl - sl, *sp, sl))
                return galley_doc_strndup(doc, title, tl - nl - sl);
            if (tl > nl + sl && !strncasecmp(title, site, nl)
                && !strncmp(title + nl, *sp, sl))
                return title + nl + sl;
        }
    }
    if (h1 && *h1 && strstr(title, h1) && strlen(h1) * 2 >= tl)
        return h1;
    for (const char *const *sp = seps; *sp; sp++) {
        const char *last = NULL;
        for (const char *p = strstr(title, *sp); p; p = strstr(p + 1, *sp))
            last = p;
        if (!last)
            continue;
        const char *tail = last + strlen(*sp);
        int words = 1;
        for (const char *p = tail; *p; p++)
            words += *p == ' ';
        if (words <= 4 && (size_t)(last - title) > 2 * strlen(tail))
            return galley_doc_strndup(doc, title, (size_t)(last - title));
    }
    return title;
}

size_t ghtml_collapse(const char *s, size_t n, char *out)
{
    size_t o = 0;
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            space = 1;
            continue;
        }
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            space = 1;
            i++;
            continue;
        }
        if (space && o)
            out[o++] = ' ';
        space = 0;
        const char *meant = c == 0xC2 && i + 1 < n ? ghtml_c1_meant((unsigned char)s[i + 1]) : NULL;
        if (meant) {
            size_t k = strlen(meant);
            memcpy(out + o, meant, k);
            o += k;
            i++;
            continue;
        }
        out[o++] = (char)c;
    }
    out[o] = '\0';
    return o;
}

/* "By Jane Doe" in an author element: a name when it looks like one */
static const char *byline_name(galley_doc *doc, xmlNode *n)
{
    char *s = node_text(doc, n);
    if (!s)
        return NULL;
    if (!strncasecmp(s, "by ", 3))
        s += 3;
    const char *colon = strstr(s, ": ");     /* "Text: Jane Doe" */
    if (colon && colon - s < 20)
        s = (char *)colon + 2;
    size_t len = strlen(s);
    if (len == 0 || len > 60 || strpbrk(s, "@|0123456789") || strstr(s, "http"))
        return NULL;    /* a date, an address or a list, not a name */
    return s;
}

static void set_if(galley_doc *doc, const char *key, const char *v, int overwrite)
{
    if (!v || !*v)
        return;
    if (!overwrite && galley_doc_field(doc, key))
        return;
    size_t n = strlen(v);
    char *c = galley_doc_alloc(doc, GHTML_COLLAPSE_ROOM(n));
    ghtml_collapse(v, n, c);
    if (*c)
        galley_doc_set_field(doc, key, c);
}

const char *ghtml_meta_fields(hmeta *m, galley_doc *doc, int set_fields,
                              const char **jsonld_body, const char **descr)
{
    found f;
    memset(&f, 0, sizeof f);
    for (size_t i = 0; i < m->nmetas; i++)
        read_meta(&f, m->metas[i]);
    read_scripts(&f, m, doc);
    if (m->time)
        offer(&f, F_DATE, ghtml_attr(m->time, "datetime"), 5);
    if (m->lang)
        offer(&f, F_LANG, m->lang, 0);
    *jsonld_body = f.v[F_BODY];
    *descr = f.v[F_DESCR];

    /* an <h1> in a page header may be the site's logo: it only helps to
     * read <title>, and stands in for it when there is none */
    const char *h1 = node_text(doc, m->h1 ? m->h1 : m->h1_junk);
    const char *title = f.v[F_OGTITLE] ? f.v[F_OGTITLE] : f.v[F_HEADLINE];
    if (!title && m->h1)
        title = h1;
    if (!title || !*title)
        title = node_text(doc, m->title);
    if (!title || !*title)
        title = h1;
    if (title) {
        size_t n = strlen(title);
        char *c = galley_doc_alloc(doc, GHTML_COLLAPSE_ROOM(n));
        ghtml_collapse(title, n, c);
        title = strip_site(doc, c, f.v[F_SITE], h1);
    }
    if (!set_fields)
        return title;
    set_if(doc, "title", title, 1);
    if (f.nauthors) {
        galley_doc_remove_field(doc, "author");
        for (size_t i = 0; i < f.nauthors; i++) {
            size_t n = strlen(f.authors[i]);
            char *a = galley_doc_alloc(doc, GHTML_COLLAPSE_ROOM(n));
            ghtml_collapse(f.authors[i], n, a);
            if (*a)
                galley_doc_add_field(doc, "author", a, GALLEY_NO_SCORE);
        }
    } else if (f.v[F_AUTHOR])
        set_if(doc, "author", f.v[F_AUTHOR], 1);
    else if (m->byline)
        set_if(doc, "author", byline_name(doc, m->byline), 1);
    set_if(doc, "date", f.v[F_DATE], 1);
    set_if(doc, "description", f.v[F_DESCR], 1);
    set_if(doc, "site_name", f.v[F_SITE], 1);
    set_if(doc, "lang", f.v[F_LANG], 1);
    set_if(doc, "url", f.v[F_URL], 0);
    return title;
}
