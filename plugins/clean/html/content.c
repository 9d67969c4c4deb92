/* plugins/clean/html/content.c - finds the article in a parsed page: one walk
 * records every kept element, scores paragraph containers by text and link
 * density and class names (names.c), picks the best one plus its siblings,
 * prunes boilerplate inside, falls back to every paragraph when that block
 * holds little of the page.  Iterative: no recursion over the tree. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"

/* hnode.dropped: 1 by tag, name or hidden, PRUNED inside the chosen block */
enum { PRUNED = 2 };

/* ---- the analysis walk ---- */

static int add_node(hwork *w, xmlNode *n, int parent, unsigned tag, int weight,
                    int namedrop)
{
    if (galley_reserve(&w->nodes, &w->cap, w->n + 1, sizeof *w->nodes) < 0) {
        w->oom = 1;
        return -1;
    }
    hnode *h = &w->nodes[w->n];
    memset(h, 0, sizeof *h);
    h->node = n;
    h->parent = parent;
    h->tag = tag;
    h->weight = weight;
    h->namedrop = (unsigned char)namedrop;
    if (parent >= 0 && w->nodes[parent].namedrop)
        h->namedrop |= ND_INSIDE;
    n->_private = (void *)(w->n + 1);
    return (int)w->n++;
}

static int index_of(const xmlNode *n)
{
    return n && n->type == XML_ELEMENT_NODE && n->_private
        ? (int)((size_t)n->_private - 1) : -1;
}

/* decides whether element n is kept (and descended) during the walk;
 * *namedrop: its name condemns it, which rescue() judges once its text is
 * known */
static int keep_element(hwork *w, xmlNode *n, unsigned tag, int *weight,
                        int *namedrop, int *namecat)
{
    *weight = 0;
    *namecat = 0;
    *namedrop = (tag & HT_SHELL) ? ND_SHELL : 0;
    if (tag & HT_JUNK)
        return 0;
    if (!n->properties)
        return 1;   /* no class, no id, no style: nothing to judge */
    hattrs at;
    ghtml_gather(n, &at);
    int drop;
    *weight = ghtml_class_weight(&at, &drop);
    const char *name = (const char *)n->name;
    if (!strcmp(name, "body") || !strcmp(name, "html"))
        return 1;
    *namecat = drop;
    if (ghtml_hidden(&at)) {
        /* judged with the shells: a page hidden whole until a script shows
         * it (visibility:hidden against a flash of unstyled content) */
        *namedrop = ND_SHELL | ND_HIDDEN;
        return 1;
    }
    if (!*namedrop && w->strict)
        *namedrop = drop;
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

/* Notes an anchor to the readers' comments on it and on the elements
 * around it, so that emit.c finds it inside a dropped one too. */
static void mark_anchor(hwork *w, int i)
{
    w->nodes[i].canchor |= CA_IS;
    for (int p = w->nodes[i].parent; p >= 0; p = w->nodes[p].parent)
        w->nodes[p].canchor |= CA_HOLDS;
}

/* One pre-order walk: records kept elements and their own text. */
static void walk(hwork *w, xmlNode *root)
{
    xmlNode *n = root;
    for (;;) {
        int descend = 0;
        if (n->type == XML_ELEMENT_NODE) {
            unsigned tag = ghtml_tag(n->name);
            int p = index_of(n->parent);
            ghtml_meta_note(&w->meta, n, p >= 0 && w->nodes[p].namedrop);
            int weight, namedrop, namecat;
            n->_private = NULL;
            if ((tag & HT_JUNK) && is_input(n)) {
                if (p >= 0)
                    w->nodes[p].ninput++;
            }
            /* an anchor without href (<a name=...>) is no link */
            int anchor = 0;
            if ((tag & HT_LINK) && !ghtml_attr(n, "href")) {
                tag &= ~(unsigned)HT_LINK;
                anchor = ghtml_comments_anchor(n);
            }
            if (keep_element(w, n, tag, &weight, &namedrop, &namecat)) {
                descend = add_node(w, n, index_of(n->parent), tag, weight,
                                   namedrop) >= 0;
                if (descend)
                    w->nodes[w->n - 1].namecat = (unsigned char)namecat;
                if (descend && anchor)
                    mark_anchor(w, (int)w->n - 1);
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
        p->nhead += h->nhead + ((h->tag & HT_HEAD) != 0);
        p->ninput += h->ninput;
    }
}

/* Takes a dropped subtree's counts out of its ancestors' totals. */
static void subtract(hwork *w, int i)
{
    const hnode *h = &w->nodes[i];
    int np = h->np + (((h->tag & HT_PARA) && h->text > 0)
                      || ((h->tag & HT_CONTAINER) && h->own >= 25));
    int nli = h->nli + !strcmp((const char *)h->node->name, "li");
    int inl = !(h->tag & HT_BLOCK);
    for (int a = h->parent; a >= 0; a = w->nodes[a].parent) {
        hnode *p = &w->nodes[a];
        if (inl)
            p->own -= h->own;
        inl = inl && !(p->tag & HT_BLOCK);
        p->text -= h->text;
        p->link -= h->link;
        p->commas -= h->commas;
        p->np -= np;
        p->nimg -= h->nimg + ((h->tag & HT_IMG) != 0);
        p->nli -= nli;
        p->nembed -= h->nembed + ((h->tag & HT_EMBED) != 0);
        p->nhead -= h->nhead + ((h->tag & HT_HEAD) != 0);
        p->ninput -= h->ninput;
    }
}

/* An element condemned by its name or tag that holds most of the page's
 * unlinked text is the article's container after all. */
static int rescued(const hwork *w, const hnode *h)
{
    int nd = h->namedrop & ND_NAME;
    /* an unclosed <header> swallowed the page, a "sidebar-layout" holds
     * the article beside its sidebar */
    int most = nd == ND_SHELL ? h->text * 5 > w->nodes[0].text * 4
                              : h->text * 2 > w->nodes[0].text;
    if (h->np >= 3 && most && ((h->namedrop & ND_HIDDEN) || h->link * 4 < h->text))
        return 1;
    return 0;
}

/* Drops the elements condemned by their names or tags, or hidden (pre-order:
 * outermost first), unless rescued; the hidden ones first, so that what
 * they hold does not count in the page's text when names are judged. */
static void drop_by_name(hwork *w)
{
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < w->n; i++) {
            hnode *h = &w->nodes[i];
            if (h->parent >= 0 && w->nodes[h->parent].dropped) {
                h->dropped = 1;
                continue;
            }
            int hidden = (h->namedrop & ND_HIDDEN) != 0;
            if (h->dropped || !(h->namedrop & ND_NAME) || (pass == 0 && !hidden)
                || rescued(w, h))
                continue;
            h->dropped = 1;
            subtract(w, (int)i);
            if (galley_log_get_level() >= GALLEY_LOG_DEBUG)
                galley_debug("html: dropped <%s class=\"%s\">%s (%d chars)",
                             (const char *)h->node->name,
                             ghtml_attr(h->node, "class") ? ghtml_attr(h->node, "class") : "",
                             hidden ? " (hidden)" : "", h->text);
        }
}

static float base_score(const hnode *h)
{
    const char *name = (const char *)h->node->name;
    /* an article-like name on a line of text ("text_topbox_subhead" over a
     * teaser) says less than on a block of paragraphs; a name that says
     * article body ("articleText", "article-content") counts in full only
     * on a block of several paragraphs: a teaser box or a short intro so
     * named would outrank the article itself */
    int full = h->weight >= 50 ? 600 : 100;
    float s = h->weight > 0 && h->text < full ? (float)(h->weight * h->text) / (float)full
                                               : (float)h->weight;
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
        if (!unit || h->text < 25 || h->parent < 0 || h->dropped)
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
        const char *c = ghtml_attr(h->node, "class"), *id = ghtml_attr(h->node, "id");
        if (h->scored && h->score > best * 0.3f)
            galley_debug("html: candidate %zu <%s id=\"%s\" class=\"%s\"> score %.1f, "
                         "%d chars, %d in links, parent %d", i, (const char *)h->node->name,
                         id ? id : "", c ? c : "", (double)h->score, h->text, h->link,
                         h->parent);
    }
}

/* is a a proper ancestor of i? */
static int is_ancestor(const hwork *w, int a, int i)
{
    for (int p = w->nodes[i].parent; p >= 0; p = w->nodes[p].parent)
        if (p == a)
            return 1;
    return 0;
}

/* Several good candidates under one ancestor: the article is cut in chunks
 * (Readability's alternative candidates).  Returns that ancestor or best.
 * A candidate that holds the best one is no other chunk but its wrapper:
 * counted, a story nested in a few well-scored wrappers looked cut up, and
 * the page around it (a column of teasers, a forum's thread list) came
 * along. */
static int common_ancestor(const hwork *w, int best)
{
    float bs = w->nodes[best].score;
    int alt[5], nalt = 0;
    for (size_t i = 0; i < w->n && nalt < 5; i++) {
        const hnode *h = &w->nodes[i];
        if (h->scored && (int)i != best && h->score >= bs * 0.75f
            && !is_ancestor(w, (int)i, best))
            alt[nalt++] = (int)i;
    }
    if (nalt < 3)
        return best;
    for (int p = w->nodes[best].parent; p >= 0 && !is_body(w, p); p = w->nodes[p].parent) {
        int inside = 0;
        for (int k = 0; k < nalt; k++)
            inside += alt[k] == p || is_ancestor(w, p, alt[k]);
        if (inside >= 3)
            return p;
    }
    return best;
}

/* Does ancestor a add to block t mostly what a column of links beside
 * prose adds: t is prose (under a fifth links) and more than a quarter of
 * the text a holds beyond t is links?  Its paragraphs ("Forum name" over
 * a line of description) raise a's score, not its worth. */
static int adds_link_column(const hnode *t, const hnode *a)
{
    int more = a->text - t->text, links = a->link - t->link;
    return t->link * 5 < t->text && links * 4 > more;
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
        if (h->score > last && !adds_link_column(&w->nodes[top], h)) {
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

/* A block of form fields with a few words each (a comment box, a login)
 * is a place to write, not content, whatever its name ("postbox") says. */
static int is_form(const hnode *h)
{
    return h->ninput >= 2 && h->text < 30 * h->ninput;
}

static int best_candidate(hwork *w)
{
    int best = -1;
    for (size_t i = 0; i < w->n; i++) {
        hnode *h = &w->nodes[i];
        if (!h->scored || h->dropped)
            continue;
        h->score = final_score(h);
        if (is_form(h))
            continue;
        if (best < 0 || h->score > w->nodes[best].score)
            best = (int)i;
    }
    if (best < 0)
        return -1;
    debug_scores(w, w->nodes[best].score);
    w->best_score = w->nodes[best].score;
    return climb(w, common_ancestor(w, best));
}

/* does the text end with a full stop, question or exclamation mark? */
static int ends_sentence(const xmlChar *t)
{
    size_t n = strlen((const char *)t);
    while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\n' || t[n - 1] == '\t'
                     || t[n - 1] == '\r'))
        n--;
    return n > 0 && (t[n - 1] == '.' || t[n - 1] == '!' || t[n - 1] == '?');
}

/* Marks the chosen subtrees: the top candidate and qualifying siblings. */
static void choose(hwork *w, int top)
{
    hnode *t = &w->nodes[top];
    w->top_text = t->text;
    t->chosen = 1;
    if (t->parent < 0)
        return;
    /* a sibling joins when it scores two fifths of the article's own block
     * (not of a wrapper the choice climbed to, whose score links thin out):
     * Readability's fifth let in a column of teasers or short quotes
     * beside a short story */
    float ts = w->best_score > t->score ? w->best_score : t->score;
    float threshold = ts * 0.4f > 10 ? ts * 0.4f : 10;
    const char *tclass = ghtml_attr(t->node, "class");
    for (xmlNode *s = w->nodes[t->parent].node->children; s; s = s->next) {
        int i = index_of(s);
        if (i < 0 || i == top || w->nodes[i].dropped)
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
                /* a short sentence (a lede, a one-line paragraph) */
                xmlChar *txt = xmlNodeGetContent(s);
                if (txt && (strstr((const char *)txt, ". ") || ends_sentence(txt)))
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

/* Is cell i a side column of an old table layout: a cell beside the cell
 * that holds most of its row's unlinked text (the article's, few links),
 * itself holding blocks (teasers, link lists, promotions) and less than
 * half as much unlinked text, or less and a fifth or more in links? */
static int side_cell(const hwork *w, int i)
{
    const hnode *h = &w->nodes[i], *row;
    if (h->parent < 0 || h->np < 2)
        return 0;
    row = &w->nodes[h->parent];
    int plain = h->text - h->link, rowplain = row->text - row->link;
    for (xmlNode *s = row->node->children; s; s = s->next) {
        int k = index_of(s);
        if (k < 0 || k == i || !(w->nodes[k].tag & HT_CELL) || w->nodes[k].dropped)
            continue;
        int ap = w->nodes[k].text - w->nodes[k].link;
        if (ap * 2 > rowplain && ap >= 200 && w->nodes[k].link * 5 < w->nodes[k].text
            && (plain * 2 < ap || (plain < ap && h->link * 5 >= h->text)))
            return 1;
    }
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
    /* most of the article is no widget, whatever its class says; a block
     * that holds most of the chosen text among many links has its parts
     * judged instead, unless it is a side column beside the article */
    if (h->text * 2 > w->top_text)
        return (h->tag & HT_CELL) && h->link * 3 >= h->text && side_cell(w, i);
    /* several paragraphs of unlinked text are article text whatever a
     * page builder's class names say ("widget-wrap") */
    /* unlinked paragraphs under a merely weak name ("widget-wrap") */
    /* a side column of an old table layout goes even when its paragraphs
     * are unlinked (a column of local advertisements, name, slogan and
     * address each) */
    if ((h->tag & HT_CELL) && side_cell(w, i))
        return 1;
    int plain = !h->namecat && h->link * 5 < h->text;
    if (h->np >= 3 && plain && h->text >= 300)
        return 0;
    if (h->weight < 0 && h->weight + (int)h->score < 0
        && !(plain && ((h->np >= 1 && h->text >= 25) || h->nhead > 0)))
        return 1;
    /* table cells, and blocks holding only inline text, are paragraphs:
     * the paragraph filter in emit.c judges them */
    /* a layout cell (one holding blocks of its own) that is mostly links:
     * the sidebar or navigation column */
    if ((h->tag & HT_CELL) && h->np >= 2 && ld > 0.5f)
        return 1;
    if ((h->tag & HT_CELL) || (h->text > 0 && h->own * 10 >= h->text * 9))
        return 0;
    if (h->commas >= 10)
        return 0;
    /* paragraphs, and unlinked text split by <br> in so many paragraphs
     * (old table layouts put the whole article in one cell) */
    int p = h->np + (h->text - h->link) / 250, img = h->nimg, li = h->nli - 100;
    if (img > 1 && p * 2 < img && !has_ancestor(w, i, "figure", 3))
        return 1;
    if (!list && li > p)
        return 1;
    if (h->ninput > p / 3)
        return 1;
    if (!list && h->text < 25 && (img == 0 || img > 2) && !h->nhead
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
        if (p->dropped && !h->dropped)
            h->dropped = p->dropped;
        if (!p->chosen || h->chosen)
            continue;
        h->chosen = 2;
        if (!h->dropped && looks_like_boilerplate(w, (int)i)) {
            h->dropped = PRUNED;
            if ((h->tag & HT_CELL) && side_cell(w, (int)i))
                w->side_text += h->text;
            if (h->text > 100 && galley_log_get_level() >= GALLEY_LOG_DEBUG) {
                const char *c = ghtml_attr(h->node, "class");
                galley_debug("html: pruned <%s class=\"%s\"> (%d chars, %d in links; "
                             "np %d img %d li %d input %d embed %d weight %d score %.1f)",
                             (const char *)h->node->name, c ? c : "", h->text, h->link,
                             h->np, h->nimg, h->nli, h->ninput, h->nembed, h->weight,
                             (double)h->score);
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

/* a paragraph the baseline keeps: unlinked text outside boilerplate */
static int baseline_para(const hnode *h)
{
    if (h->dropped || h->text < 25 || h->link * 3 > h->text)
        return 0;
    return (h->tag & HT_PARA) && !(h->tag & HT_CELL);
}

/* characters of text in the page's paragraphs (outermost ones only) */
static int baseline_chars(const hwork *w)
{
    int total = 0;
    for (size_t i = 0; i < w->n; i++) {
        const hnode *h = &w->nodes[i];
        int inside = 0;
        for (int p = h->parent; p >= 0 && !inside; p = w->nodes[p].parent)
            inside = (w->nodes[p].tag & HT_PARA) != 0;
        if (!inside && baseline_para(h))
            total += h->text;
    }
    return total;
}

/* trafilatura's baseline: when the chosen block holds a small part of the
 * page's paragraph text, the article was not one block; every paragraph
 * (and heading and list item between them) outside boilerplate is the
 * better answer */
static void baseline(hwork *w)
{
    for (size_t i = 0; i < w->n; i++) {
        hnode *h = &w->nodes[i];
        int pc = h->parent >= 0 ? w->nodes[h->parent].chosen : 0;
        h->chosen = pc ? 2 : 0;
        int li = !strcmp((const char *)h->node->name, "li");
        if (!pc && (baseline_para(h)
                    || ((h->tag & HT_HEAD || li) && !h->dropped && h->link * 2 < h->text)))
            h->chosen = 1;
    }
    galley_debug("html: baseline (every paragraph outside boilerplate)");
    ghtml_emit(w);
}

static int is_main(const xmlNode *n)
{
    const char *role;
    return !strcmp((const char *)n->name, "main")
        || ((role = ghtml_attr(n, "role")) != NULL && !strcasecmp(role, "main"));
}

/* The page's main landmark (<main>, role=main) around the chosen block,
 * with half as much unlinked text again: a page of many short sections (a
 * service, product or forum page) whose best paragraph block is only one
 * of them; pruning then judges the other sections. */
static int widen_to_main(const hwork *w, int top)
{
    const hnode *t = &w->nodes[top];
    int tt = t->text - t->link;
    if (!strcmp((const char *)t->node->name, "article"))
        return top;     /* a whole unit of content already */
    for (int p = t->parent; p >= 0; p = w->nodes[p].parent) {
        const hnode *h = &w->nodes[p];
        if (h->dropped || !is_main(h->node))
            continue;
        int ht = h->text - h->link;
        return ht * 2 > tt * 3 ? p : top;
    }
    return top;
}

/* One attempt: walk, score, choose, prune, emit.  0 if nothing scored. */
static int attempt(hwork *w, xmlNode *root, int strict)
{
    reset(w);
    w->strict = strict;
    walk(w, root);
    accumulate(w);
    drop_by_name(w);
    score_paragraphs(w);
    int top = best_candidate(w);
    if (top < 0) {
        galley_debug("html: no candidate (strict %d, %zu elements)", strict, w->n);
        return 0;
    }
    top = widen_to_main(w, top);
    debug_candidate(w, top);
    choose(w, top);
    w->side_text = 0;
    prune(w);
    ghtml_emit(w);
    /* what the readers' comments cut after the story took is no loss to
     * pruning */
    int commas, got = ghtml_chars(w->out, w->outlen, &commas) + w->cut_text;
    if (w->top_text >= 500 && got * 2 < w->top_text - w->side_text) {
        /* pruning took nearly all (side columns aside): the article sat
         * among its links (old table layouts); the chosen block whole is
         * the better answer */
        for (size_t i = 0; i < w->n; i++)
            if (w->nodes[i].dropped == PRUNED)
                w->nodes[i].dropped = 0;
        galley_debug("html: pruning undone (%d of %d characters left)", got, w->top_text);
        ghtml_emit(w);
    }
    int all = baseline_chars(w);
    if (all > 400 && ghtml_chars(w->out, w->outlen, &commas) * 3 < all)
        baseline(w);
    return 1;
}

void ghtml_extract(hwork *w, xmlDoc *doc)
{
    /* before anything can return: the previous page's nodes are freed, and
     * a page without a root element must not read them (nor its text) */
    reset(w);
    xmlNode *root = xmlDocGetRootElement(doc);
    /* a mangled first tag can leave an empty root before the real one */
    for (xmlNode *n = root; root && !root->children && (n = n->next) != NULL;)
        if (n->type == XML_ELEMENT_NODE)
            root = n;
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
