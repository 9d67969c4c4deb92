/* plugins/clean/html/content.c - finds the article in a parsed page: one walk
 * records every kept element, scores paragraph containers by text and link
 * density and class names, picks the best one plus its siblings, prunes
 * boilerplate inside.  Everything is iterative: no recursion over the tree. */
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
    { "aside", HT_JUNK },
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
    { "footer", HT_JUNK },
    { "form", HT_BLOCK },
    { "frame", HT_JUNK },
    { "h1", HT_BLOCK | HT_HEAD },
    { "h2", HT_BLOCK | HT_HEAD },
    { "h3", HT_BLOCK | HT_HEAD },
    { "h4", HT_BLOCK | HT_HEAD },
    { "h5", HT_BLOCK | HT_HEAD },
    { "h6", HT_BLOCK | HT_HEAD },
    { "head", 0 },
    { "header", HT_JUNK },
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
    { "nav", HT_JUNK },
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
    { "td", HT_BLOCK | HT_PARA | HT_CONTAINER },
    { "template", HT_JUNK },
    { "textarea", HT_JUNK },
    { "th", HT_BLOCK },
    { "title", HT_JUNK },
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

/* value of an attribute without copying (first text child), or NULL */
const char *ghtml_attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (!strcasecmp((const char *)a->name, name))
            return a->children && a->children->content
                ? (const char *)a->children->content : "";
    return NULL;
}

/* ---- class and id names ---- */

/* Name parts that mark boilerplate whatever else the name says. */
static const char *const always_bad[] = {
    "comment", "disqus", "cookie", "consent", "gdpr", "newsletter", "share",
    "sharing", "social", "related", "recommend", "outbrain", "taboola",
    "promo", "advert", "sponsor", "sidebar", "breadcrumb", "popup", "modal",
    "subscri", "signup", "sign-up", "most-popular", "mostpopular",
    "trending", "read-more", "readmore", "more-stories", "author-bio",
    "skip-link", "visually-hidden", "sr-only", "screen-reader", NULL
};
/* Name parts that mark boilerplate unless a good part is present too. */
static const char *const maybe_bad[] = {
    "footer", "menu", "nav", "header", "banner", "masthead", "widget", "tags",
    "byline", "caption", "credit", "toolbar", "tools", "pagination", "pager",
    "login", "print", "dateline", "timestamp", "meta", "hidden", "combx",
    "shoutbox", "skyscraper", "supplement", "topics", NULL
};
/* Name parts that only lower a container's score. */
static const char *const weak_bad[] = {
    "rail", "aside", "extra", "contact", "photo", "video", "gallery", "embed",
    "teaser", "media", "scroll", "shopping", NULL
};
static const char *const good[] = {
    "article", "content", "entry", "post", "story", "body", "text", "main",
    "blog", "column", NULL
};
/* whole tokens only (too short to search inside words) */
static const char *const bad_tokens[] = {
    "ad", "ads", "adv", "nav", "hide", "hid", "share", "tag", "author", "date",
    "source", "info", "ribbon", "more", NULL
};

static int has_part(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strstr(s, *list))
            return 1;
    return 0;
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

/* lower-cased "class id itemprop" of n into buf; 0 if it has none */
static size_t names_of(const xmlNode *n, char *buf, size_t cap)
{
    size_t len = 0;
    const char *which[] = { "class", "id", "itemprop", "role" };
    for (size_t i = 0; i < 4; i++) {
        const char *v = ghtml_attr(n, which[i]);
        if (!v)
            continue;
        for (; *v && len + 2 < cap; v++)
            buf[len++] = (*v >= 'A' && *v <= 'Z') ? (char)(*v + 32) : *v;
        buf[len++] = ' ';
    }
    buf[len] = '\0';
    return len;
}

/* <0 boilerplate, >0 article-like; *drop set when the name alone condemns it */
static int class_weight(const xmlNode *n, unsigned tag, int *drop)
{
    char buf[512];
    *drop = 0;
    if (!names_of(n, buf, sizeof buf))
        return 0;
    if (strstr(buf, "articlebody") || strstr(buf, "article-body")
        || strstr(buf, "article__body") || strstr(buf, "story-body")
        || strstr(buf, "entry-content") || strstr(buf, "post-content")
        || strstr(buf, "article-content") || strstr(buf, "articletext"))
        return 50;
    int w = 0;
    int isgood = has_part(buf, good);
    int always = has_part(buf, always_bad) && !strstr(buf, "commentary");
    int maybe = has_part(buf, maybe_bad) || has_token(buf, bad_tokens);
    if (isgood)
        w += 25;
    if (always || maybe || has_part(buf, weak_bad))
        w -= 25;
    if ((tag & HT_CONTAINER) && strstr(buf, "body"))
        ;   /* <body class=...> and friends are never dropped */
    else if (always || (maybe && !isgood))
        *drop = 1;
    return w;
}

/* hidden by attribute or inline style */
static int is_hidden(const xmlNode *n)
{
    if (ghtml_attr(n, "hidden"))
        return 1;
    const char *v = ghtml_attr(n, "aria-hidden");
    if (v && !strcmp(v, "true"))
        return 1;
    v = ghtml_attr(n, "style");
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

/* ---- the analysis walk ---- */

static int add_node(hwork *w, xmlNode *n, int parent, unsigned tag, int weight)
{
    w->nodes = ghtml_grow(w->nodes, &w->cap, w->n + 1, sizeof *w->nodes);
    hnode *h = &w->nodes[w->n];
    memset(h, 0, sizeof *h);
    h->node = n;
    h->parent = parent;
    h->tag = tag;
    h->weight = weight;
    n->_private = (void *)(w->n + 1);
    return (int)w->n++;
}

static int index_of(const xmlNode *n)
{
    return n && n->type == XML_ELEMENT_NODE && n->_private
        ? (int)((size_t)n->_private - 1) : -1;
}

/* decides whether element n is kept (and descended) during the walk */
static int keep_element(hwork *w, xmlNode *n, unsigned tag, int *weight)
{
    int drop;
    *weight = class_weight(n, tag, &drop);
    if (tag & HT_JUNK)
        return 0;
    if (is_hidden(n))
        return 0;
    if (drop && w->strict)
        return 0;
    return 1;
}

static int is_input(const xmlNode *n)
{
    const char *name = (const char *)n->name;
    return !strcmp(name, "input") || !strcmp(name, "select")
        || !strcmp(name, "textarea") || !strcmp(name, "button");
}

/* One pre-order walk: records kept elements and their own text. */
static void walk(hwork *w, xmlNode *root)
{
    xmlNode *n = root;
    for (;;) {
        int descend = 0;
        if (n->type == XML_ELEMENT_NODE) {
            unsigned tag = ghtml_tag(n->name);
            ghtml_meta_note(&w->meta, n, tag);
            int weight;
            n->_private = NULL;
            if ((tag & HT_JUNK) && is_input(n)) {
                int p = index_of(n->parent);
                if (p >= 0)
                    w->nodes[p].ninput++;
            }
            if (keep_element(w, n, tag, &weight)) {
                add_node(w, n, index_of(n->parent), tag, weight);
                descend = 1;
            }
        } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            int p = index_of(n->parent);
            if (p >= 0 && n->content) {
                int commas;
                int c = ghtml_chars((const char *)n->content,
                                    strlen((const char *)n->content), &commas);
                w->nodes[p].own += c;
                w->nodes[p].text += c;
                w->nodes[p].commas += commas;
            }
        }
        if (descend && n->children) {
            n = n->children;
            continue;
        }
        while (n != root && !n->next)
            n = n->parent;
        if (n == root)
            break;
        n = n->next;
    }
}

/* Sums text, link text and element counts up the tree (children follow
 * their parent in pre-order, so one reverse sweep suffices). */
static void accumulate(hwork *w)
{
    for (size_t i = w->n; i-- > 0;) {
        hnode *h = &w->nodes[i];
        if (h->tag & HT_LINK)
            h->link = h->text;
        if (h->parent < 0)
            continue;
        hnode *p = &w->nodes[h->parent];
        if (!(h->tag & HT_BLOCK))
            p->own += h->own;   /* inline text belongs to the enclosing block */
        p->text += h->text;
        p->link += h->link;
        p->commas += h->commas;
        p->np += h->np + (((h->tag & HT_PARA) != 0 && h->text > 0)
                          || ((h->tag & HT_CONTAINER) && h->own >= 25));
        p->nimg += h->nimg + ((h->tag & HT_IMG) != 0);
        p->nli += h->nli + (!strcmp((const char *)h->node->name, "li"));
        p->nembed += h->nembed + ((h->tag & HT_EMBED) != 0);
        p->ninput += h->ninput;
    }
}

static float base_score(const hnode *h)
{
    const char *name = (const char *)h->node->name;
    float s = (float)h->weight;
    if (!strcmp(name, "div") || !strcmp(name, "article"))
        s += 5;
    else if (!strcmp(name, "pre") || !strcmp(name, "td")
             || !strcmp(name, "blockquote"))
        s += 3;
    else if (h->tag & HT_LIST || !strcmp(name, "li") || !strcmp(name, "dd")
             || !strcmp(name, "form")
             || !strcmp(name, "dt") || !strcmp(name, "address"))
        s -= 3;
    else if (h->tag & HT_HEAD || !strcmp(name, "th"))
        s -= 5;
    return s;
}

static void credit(hwork *w, int i, float s)
{
    hnode *h = &w->nodes[i];
    if (!h->scored) {
        h->scored = 1;
        h->score = base_score(h);
    }
    h->score += s;
}

/* Readability-style: each paragraph credits its parent and ancestors. */
static void score_paragraphs(hwork *w)
{
    for (size_t i = 0; i < w->n; i++) {
        hnode *h = &w->nodes[i];
        int unit = (h->tag & HT_PARA)
            || ((h->tag & HT_CONTAINER) && h->own >= 25);
        if (!unit || h->text < 25 || h->parent < 0)
            continue;
        int len = (h->tag & HT_PARA) ? h->text : h->own;
        float s = 1.0f + (float)h->commas + (float)(len / 100 > 3 ? 3 : len / 100);
        if ((h->tag & HT_CONTAINER) && !(h->tag & HT_PARA)) {
            /* a div holding text directly is its own candidate too */
            credit(w, (int)i, s);
        }
        int p = h->parent;
        for (int level = 0; p >= 0 && level < 5; level++, p = w->nodes[p].parent) {
            float div = level == 0 ? 1.0f : level == 1 ? 2.0f : (float)level * 3.0f;
            credit(w, p, s / div);
        }
    }
}

static float final_score(const hnode *h)
{
    float ld = h->text ? (float)h->link / (float)h->text : 0;
    return h->score * (1.0f - ld);
}

static int best_candidate(hwork *w)
{
    int best = -1;
    float bs = 0;
    for (size_t i = 0; i < w->n; i++) {
        hnode *h = &w->nodes[i];
        if (!h->scored)
            continue;
        h->score = final_score(h);
        if (best < 0 || h->score > bs) {
            best = (int)i;
            bs = h->score;
        }
    }
    if (best < 0)
        return -1;
    /* climb while the parent scores as well: the article is split in parts */
    int top = best;
    float last = bs;
    for (int p = w->nodes[top].parent; p >= 0; p = w->nodes[p].parent) {
        hnode *h = &w->nodes[p];
        if (!strcmp((const char *)h->node->name, "body"))
            break;
        if (!h->scored)
            continue;
        if (h->score < last / 3)
            break;
        if (h->score > last) {
            top = p;
            last = h->score;
        }
    }
    /* a lone child is the same content as its parent: take the parent,
     * whose siblings may hold the rest */
    for (;;) {
        hnode *h = &w->nodes[top];
        int p = h->parent;
        if (p < 0 || !strcmp((const char *)w->nodes[p].node->name, "body"))
            break;
        if (w->nodes[p].text > h->text + h->text / 20 + 10)
            break;
        top = p;
    }
    return top;
}

/* Marks the chosen subtrees: the top candidate and qualifying siblings. */
static void choose(hwork *w, int top)
{
    hnode *t = &w->nodes[top];
    w->top_text = t->text;
    t->chosen = 1;
    if (t->parent < 0)
        return;
    float threshold = t->score * 0.2f > 10 ? t->score * 0.2f : 10;
    const char *tclass = ghtml_attr(t->node, "class");
    for (xmlNode *s = w->nodes[t->parent].node->children; s; s = s->next) {
        int i = index_of(s);
        if (i < 0 || i == top)
            continue;
        hnode *h = &w->nodes[i];
        float bonus = 0;
        const char *c = ghtml_attr(s, "class");
        if (tclass && c && *c && !strcmp(c, tclass))
            bonus = t->score * 0.2f;
        float ld = h->text ? (float)h->link / (float)h->text : 0;
        if (h->scored && h->score + bonus >= threshold && h->weight >= 0)
            h->chosen = 1;
        else if (h->tag & HT_PARA && !strcmp((const char *)s->name, "p")) {
            if (h->text > 80 && ld < 0.25f)
                h->chosen = 1;
            else if (h->text > 0 && h->text <= 80 && ld == 0) {
                xmlChar *txt = xmlNodeGetContent(s);
                if (txt && strstr((const char *)txt, ". "))
                    h->chosen = 1;
                xmlFree(txt);
            }
        }
    }
}

static int has_ancestor(const hwork *w, int i, const char *name, int levels)
{
    for (int p = w->nodes[i].parent; p >= 0 && levels-- > 0; p = w->nodes[p].parent)
        if (!strcmp((const char *)w->nodes[p].node->name, name))
            return 1;
    return 0;
}

/* Readability's conditional cleaning: containers that look like link lists,
 * forms, galleries or widgets are dropped from the chosen content. */
static int looks_like_boilerplate(const hwork *w, int i)
{
    const hnode *h = &w->nodes[i];
    const char *name = (const char *)h->node->name;
    int list = (h->tag & HT_LIST) != 0;
    float ld = h->text ? (float)h->link / (float)h->text : 0;
    if (h->tag & HT_HEAD)
        return h->weight < 0 || ld > 0.33f;
    if (!(h->tag & (HT_CONTAINER | HT_LIST)) && strcmp(name, "table")
        && strcmp(name, "figure") && strcmp(name, "form"))
        return 0;
    /* most of the article is no widget, whatever its class says */
    if (h->text * 2 > w->top_text && h->link * 3 < h->text)
        return 0;
    if (h->weight < 0 && h->weight + (int)h->score < 0)
        return 1;
    if (h->commas >= 10)
        return 0;
    int p = h->np, img = h->nimg, li = h->nli - 100;
    if (img > 1 && p * 2 < img && !has_ancestor(w, i, "figure", 3))
        return 1;
    if (!list && li > p)
        return 1;
    if (h->ninput > p / 3)
        return 1;
    if (!list && h->text < 25 && (img == 0 || img > 2)
        && !has_ancestor(w, i, "figure", 3))
        return 1;
    if (h->weight < 25 && ld > 0.2f)
        return 1;
    if (h->weight >= 25 && ld > 0.5f)
        return 1;
    if ((h->nembed == 1 && h->text < 75) || h->nembed > 1)
        return 1;
    return 0;
}

/* Propagates chosen-ness down and prunes inside (pre-order: parents first). */
static void prune(hwork *w)
{
    for (size_t i = 0; i < w->n; i++) {
        hnode *h = &w->nodes[i];
        if (h->parent >= 0) {
            hnode *p = &w->nodes[h->parent];
            if (p->dropped)
                h->dropped = 1;
            if (p->chosen && !h->chosen) {
                h->chosen = 2;  /* inside the content */
                if (looks_like_boilerplate(w, (int)i)) {
                    h->dropped = 1;
                    if (h->text > 200 && galley_log_get_level() >= GALLEY_LOG_DEBUG)
                        galley_debug("html: pruned %s.%s (%d chars, %d links, w %d)",
                                     (const char *)h->node->name,
                                     ghtml_attr(h->node, "class") ? ghtml_attr(h->node, "class") : "",
                                     h->text, h->link, h->weight);
                }
            } else if (p->chosen && !h->chosen)
                h->chosen = 2;
        }
    }
}

/* "div#id.class < article < body" of the chosen node, for --verbose runs */
static void debug_candidate(const hwork *w, int top)
{
    if (galley_log_get_level() < GALLEY_LOG_DEBUG)
        return;
    char path[1024];
    size_t len = 0;
    path[0] = '\0';
    for (int i = top, k = 0; i >= 0 && k < 12; i = w->nodes[i].parent, k++) {
        const xmlNode *n = w->nodes[i].node;
        const char *id = ghtml_attr(n, "id"), *cl = ghtml_attr(n, "class");
        int r = snprintf(path + len, sizeof path - len, "%s%s%s%s%s%s(%.0f) ",
                         k ? "< " : "", (const char *)n->name, id ? "#" : "",
                         id ? id : "", cl ? "." : "", cl ? cl : "",
                         (double)w->nodes[i].score);
        if (r < 0 || (size_t)r >= sizeof path - len)
            break;
        len += (size_t)r;
    }
    galley_debug("html: content %s(strict %d, %zu elements)", path, w->strict, w->n);
}

static void reset(hwork *w)
{
    w->n = 0;
    ghtml_meta_reset(&w->meta);
    ghtml_out_reset(w);
}

void ghtml_extract(hwork *w, xmlDoc *doc)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root)
        return;
    for (int attempt = 0; attempt < 2; attempt++) {
        reset(w);
        w->strict = attempt == 0;
        walk(w, root);
        accumulate(w);
        score_paragraphs(w);
        int top = best_candidate(w);
        if (top < 0) {
            galley_debug("html: no candidate (strict %d, %zu elements)", w->strict, w->n);
            continue;
        }
        debug_candidate(w, top);
        choose(w, top);
        prune(w);
        ghtml_emit(w);
        if (w->outlen >= 250)
            break;
    }
}
