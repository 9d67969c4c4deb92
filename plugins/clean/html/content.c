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
    { "td", HT_CELL | HT_PARA | HT_CONTAINER },
    { "template", HT_JUNK },
    { "textarea", HT_JUNK },
    { "th", HT_CELL },
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

/* the attributes the walk reads, found in one pass over an element's */
typedef struct hattrs {
    const char *names[4];       /* class, id, itemprop, role */
    const char *style, *aria_hidden;
    int hidden;
} hattrs;

static void set_once(const char **slot, const xmlAttr *a)
{
    if (!*slot)
        *slot = attr_value(a);
}

static void gather(const xmlNode *n, hattrs *at)
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
    { "widget", 6, N_MAYBE },
};
/* needles[first[c - 'a']] .. needles[first[c - 'a' + 1] - 1] start with c */
static const unsigned char first[27] = {
    0, 9, 14, 24, 26, 30, 31, 33, 35, 35, 35, 35, 36, 45, 47, 48, 56, 56, 60,
    78, 88, 88, 90, 91, 91, 91, 91
};
/* whole tokens only (too short to search inside words) */
static const char *const bad_tokens[] = {
    "ad", "ads", "adv", "nav", "hide", "hid", "share", "tag", "author", "date",
    "source", "info", "ribbon", "more", NULL
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

/* <0 boilerplate, >0 article-like; *drop set when the name alone condemns it */
static int class_weight(const hattrs *at, int *drop)
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
    if (always || (maybe && !isgood))
        *drop = 1;
    return w;
}

/* hidden by attribute or inline style */
static int is_hidden(const hattrs *at)
{
    if (at->hidden)
        return 1;
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

/* ---- the analysis walk ---- */

static int add_node(hwork *w, xmlNode *n, int parent, unsigned tag, int weight)
{
    hnode *nodes = ghtml_grow(w->nodes, &w->cap, w->n + 1, sizeof *w->nodes);
    if (!nodes) {
        w->oom = 1;
        return -1;
    }
    w->nodes = nodes;
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
    *weight = 0;
    if (tag & HT_JUNK)
        return 0;
    if (!n->properties)
        return 1;   /* no class, no id, no style: nothing to judge */
    hattrs at;
    gather(n, &at);
    int drop;
    *weight = class_weight(&at, &drop);
    const char *name = (const char *)n->name;
    if (!strcmp(name, "body") || !strcmp(name, "html"))
        return 1;
    if (is_hidden(&at))
        return 0;
    if (drop && w->strict) {
        if (galley_log_get_level() >= GALLEY_LOG_DEBUG)
            galley_debug("html: dropped <%s class=\"%s\">", name,
                         ghtml_attr(n, "class") ? ghtml_attr(n, "class") : "");
        return 0;
    }
    return 1;
}

static int is_input(const xmlNode *n)
{
    const char *name = (const char *)n->name;
    return !strcmp(name, "input") || !strcmp(name, "select")
        || !strcmp(name, "textarea") || !strcmp(name, "button");
}

/* Elements the walk does not keep (a page header, say) may still hold the
 * <h1>, the byline or the <time>: meta.c sees them all. */
static void note_subtree(hmeta *m, xmlNode *root)
{
    xmlNode *n = root->children;
    while (n && n != root) {
        if (n->type == XML_ELEMENT_NODE) {
            ghtml_meta_note(m, n, 1);
            if (n->children) {
                n = n->children;
                continue;
            }
        }
        while (n != root && !n->next)
            n = n->parent;
        if (n != root)
            n = n->next;
    }
}

/* One pre-order walk: records kept elements and their own text. */
static void walk(hwork *w, xmlNode *root)
{
    xmlNode *n = root;
    for (;;) {
        int descend = 0;
        if (n->type == XML_ELEMENT_NODE) {
            unsigned tag = ghtml_tag(n->name);
            ghtml_meta_note(&w->meta, n, 0);
            int weight;
            n->_private = NULL;
            if ((tag & HT_JUNK) && is_input(n)) {
                int p = index_of(n->parent);
                if (p >= 0)
                    w->nodes[p].ninput++;
            }
            /* an anchor without href (<a name=...>) is no link */
            if ((tag & HT_LINK) && !ghtml_attr(n, "href"))
                tag &= ~(unsigned)HT_LINK;
            if (keep_element(w, n, tag, &weight)) {
                descend = add_node(w, n, index_of(n->parent), tag, weight) >= 0;
            } else if (n->children)
                note_subtree(&w->meta, n);
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

static int is_body(const hwork *w, int i)
{
    return !strcmp((const char *)w->nodes[i].node->name, "body");
}

static void debug_scores(const hwork *w, float best)
{
    if (galley_log_get_level() < GALLEY_LOG_DEBUG)
        return;
    for (size_t i = 0; i < w->n; i++) {
        const hnode *h = &w->nodes[i];
        const char *c = ghtml_attr(h->node, "class");
        if (h->scored && h->score > best * 0.3f)
            galley_debug("html: candidate %zu <%s class=\"%s\"> score %.1f, %d chars, "
                         "parent %d", i, (const char *)h->node->name, c ? c : "",
                         (double)h->score, h->text, h->parent);
    }
}

/* Several good candidates under one ancestor: the article is cut in chunks
 * (Readability's alternative candidates).  Returns that ancestor or best. */
static int common_ancestor(const hwork *w, int best)
{
    float bs = w->nodes[best].score;
    int alt[5], nalt = 0;
    for (size_t i = 0; i < w->n && nalt < 5; i++) {
        const hnode *h = &w->nodes[i];
        if (h->scored && (int)i != best && h->score >= bs * 0.75f)
            alt[nalt++] = (int)i;
    }
    if (nalt < 3)
        return best;
    for (int p = w->nodes[best].parent; p >= 0 && !is_body(w, p); p = w->nodes[p].parent) {
        int inside = 0;
        for (int k = 0; k < nalt; k++)
            for (int a = alt[k]; a >= 0; a = w->nodes[a].parent)
                if (a == p) {
                    inside++;
                    break;
                }
        if (inside >= 3)
            return p;
    }
    return best;
}

/* Climbs while an ancestor scores about as well, then out of lone-child
 * wrappers (whose parent's siblings may hold the rest of the article). */
static int climb(const hwork *w, int top)
{
    float last = w->nodes[top].score, floor = last / 3;
    for (int p = w->nodes[top].parent; p >= 0 && !is_body(w, p); p = w->nodes[p].parent) {
        const hnode *h = &w->nodes[p];
        if (!h->scored)
            continue;
        if (h->score < floor)
            break;
        if (h->score > last) {
            top = p;
            break;
        }
        last = h->score;
    }
    for (;;) {
        int p = w->nodes[top].parent;
        if (p < 0 || is_body(w, p))
            break;
        int t = w->nodes[top].text;
        if (w->nodes[p].text > t + t / 20 + 10)
            break;
        top = p;
    }
    return top;
}

static int best_candidate(hwork *w)
{
    int best = -1;
    for (size_t i = 0; i < w->n; i++) {
        hnode *h = &w->nodes[i];
        if (!h->scored)
            continue;
        h->score = final_score(h);
        if (best < 0 || h->score > w->nodes[best].score)
            best = (int)i;
    }
    if (best < 0)
        return -1;
    debug_scores(w, w->nodes[best].score);
    return climb(w, common_ancestor(w, best));
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
        int same = tclass && c && *c && !strcmp(c, tclass);
        if (same)
            bonus = t->score * 0.2f;
        float ld = h->text ? (float)h->link / (float)h->text : 0;
        if (h->scored && h->score + bonus >= threshold && h->weight >= 0)
            h->chosen = 1;
        else if (same && h->text > 0 && ld < 0.25f)
            h->chosen = 1;  /* another chunk of the same article body */
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
    /* table cells, and blocks holding only inline text, are paragraphs:
     * the paragraph filter in emit.c judges them */
    if ((h->tag & HT_CELL) || (h->text > 0 && h->own * 10 >= h->text * 9))
        return 0;
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

/* Marks everything inside the chosen subtrees and prunes boilerplate there
 * (pre-order: a parent is decided before its children). */
static void prune(hwork *w)
{
    for (size_t i = 0; i < w->n; i++) {
        hnode *h = &w->nodes[i];
        if (h->parent < 0)
            continue;
        const hnode *p = &w->nodes[h->parent];
        if (p->dropped)
            h->dropped = 1;
        if (!p->chosen || h->chosen)
            continue;
        h->chosen = 2;
        if (!h->dropped && looks_like_boilerplate(w, (int)i)) {
            h->dropped = 1;
            if (h->text > 100 && galley_log_get_level() >= GALLEY_LOG_DEBUG) {
                const char *c = ghtml_attr(h->node, "class");
                galley_debug("html: pruned <%s class=\"%s\"> (%d chars, %d in links)",
                             (const char *)h->node->name, c ? c : "", h->text, h->link);
            }
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

/* One attempt: walk, score, choose, prune, emit.  0 if nothing scored. */
static int attempt(hwork *w, xmlNode *root, int strict)
{
    reset(w);
    w->strict = strict;
    walk(w, root);
    accumulate(w);
    score_paragraphs(w);
    int top = best_candidate(w);
    if (top < 0) {
        galley_debug("html: no candidate (strict %d, %zu elements)", strict, w->n);
        return 0;
    }
    debug_candidate(w, top);
    choose(w, top);
    prune(w);
    ghtml_emit(w);
    return 1;
}

void ghtml_extract(hwork *w, xmlDoc *doc)
{
    /* before anything can return: the previous page's nodes are freed, and
     * a page without a root element must not read them (nor its text) */
    reset(w);
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root)
        return;
    /* class names mislead on some sites: when dropping by name leaves
     * little, try again without it and keep the longer result */
    attempt(w, root, 1);
    if (w->outlen >= 250)
        return;
    size_t strict_len = w->outlen;
    attempt(w, root, 0);
    if (w->outlen < strict_len)
        attempt(w, root, 1);
}
