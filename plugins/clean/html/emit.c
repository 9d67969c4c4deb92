/* plugins/clean/html/emit.c - writes the chosen content as text: one
 * paragraph per block (blank line between), white space collapsed, then drops
 * paragraphs that read as page furniture ("Advertisement", "Share this"). */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"

static int is_space(const unsigned char *s, size_t n, size_t *adv)
{
    if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r' || *s == '\f') {
        *adv = 1;
        return 1;
    }
    if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0) {    /* no-break space */
        *adv = 2;
        return 1;
    }
    return 0;
}

int ghtml_chars(const char *s, size_t n, int *commas)
{
    const unsigned char *u = (const unsigned char *)s;
    int c = 0, k = 0;
    for (size_t i = 0; i < n;) {
        size_t adv;
        if (is_space(u + i, n - i, &adv)) {
            i += adv;
            continue;
        }
        if ((u[i] & 0xC0) != 0x80)
            c++;
        if (u[i] == ',')
            k++;
        i++;
    }
    *commas = k;
    return c;
}

void ghtml_out_reset(hwork *w)
{
    w->outlen = 0;
    w->npara = 0;
}

static void put(hwork *w, const char *s, size_t n)
{
    if (galley_reserve(&w->out, &w->outcap, w->outlen + n + 1, 1) < 0) {
        w->oom = 1;
        return;
    }
    memcpy(w->out + w->outlen, s, n);
    w->outlen += n;
    w->out[w->outlen] = '\0';
}

/* What a C1 control character U+0080..U+009F stands for.  On the web they
 * come from references such as &#146; written for Windows-1252; browsers
 * show the Windows-1252 character (HTML's numeric-reference rule), libxml2
 * gives the invisible control.  NULL: no Windows-1252 character (81, 8D,
 * 8F, 90, 9D), kept as it is, as browsers do. */
const char *ghtml_c1_meant(unsigned char low)
{
    static const char *const cp1252[32] = {
        "\u20ac", NULL, "\u201a", "\u0192", "\u201e", "\u2026", "\u2020", "\u2021",
        "\u02c6", "\u2030", "\u0160", "\u2039", "\u0152", NULL, "\u017d", NULL,
        NULL, "\u2018", "\u2019", "\u201c", "\u201d", "\u2022", "\u2013", "\u2014",
        "\u02dc", "\u2122", "\u0161", "\u203a", "\u0153", NULL, "\u017e", "\u0178",
    };
    return low >= 0x80 && low <= 0x9F ? cp1252[low - 0x80] : NULL;
}

/* a word without its soft hyphens (U+00AD: line-break hints, not text) and
 * with the Windows-1252 characters C1 controls were meant as */
static void put_word(hwork *w, const char *s, size_t n)
{
    size_t from = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        if ((unsigned char)s[i] != 0xC2)
            continue;
        unsigned char low = (unsigned char)s[i + 1];
        const char *meant = ghtml_c1_meant(low);
        if (low != 0xAD && !meant)
            continue;
        put(w, s + from, i - from);
        if (meant)
            put(w, meant, strlen(meant));
        from = i + 2;
        i++;
    }
    put(w, s + from, n - from);
}

/* emission state of one walk */
typedef struct emitter {
    hwork *w;
    size_t start;       /* where the open paragraph's text begins */
    int space;          /* a space is due before the next word */
    int links, chars;   /* of the open paragraph */
    int in_link;        /* depth of <a href> around the text */
    int in_pre;         /* depth of <pre>: white space kept */
    int h1;             /* the paragraph is an <h1> */
    int mark;           /* an anchor to readers' comments came before it */
} emitter;

static void para_close(emitter *e)
{
    hwork *w = e->w;
    /* trim trailing line breaks left by <br> */
    while (w->outlen > e->start && w->out[w->outlen - 1] == '\n')
        w->outlen--;
    if (w->outlen > e->start) {
        if (galley_reserve(&w->paras, &w->cappara, w->npara + 1, sizeof *w->paras) < 0) {
            w->oom = 1;
            return;
        }
        struct hpara *p = &w->paras[w->npara++];
        p->start = e->start;
        p->end = w->outlen;
        p->links = e->links;
        p->chars = e->chars;
        p->h1 = e->h1;
        p->mark = e->mark;
        e->mark = 0;
        put(w, "\n\n", 2);
    }
    e->start = w->outlen;
    e->space = 0;
    e->links = e->chars = 0;
    e->h1 = 0;
}

/* preformatted text as it is, line breaks and all (no \r, no NUL) */
static void pre_text(emitter *e, const char *s)
{
    hwork *w = e->w;
    for (; *s; s++) {
        if (*s == '\r')
            continue;
        if (*s == '\n' && w->outlen == e->start)
            continue;   /* the line break right after <pre> */
        const char *meant = (unsigned char)s[0] == 0xC2 ? ghtml_c1_meant((unsigned char)s[1]) : NULL;
        if (meant) {
            put(w, meant, strlen(meant));
            e->chars++;
            e->links += e->in_link > 0;
            s++;
            continue;
        }
        put(w, s, 1);
        if (*s != ' ' && *s != '\n' && *s != '\t' && ((unsigned char)*s & 0xC0) != 0x80) {
            e->chars++;
            e->links += e->in_link > 0;
        }
    }
}

static void text(emitter *e, const char *s)
{
    hwork *w = e->w;
    if (e->in_pre) {
        pre_text(e, s);
        return;
    }
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t adv;
        if (is_space(u + i, n - i, &adv)) {
            e->space = 1;
            i += adv;
            continue;
        }
        size_t j = i;
        while (j < n && !is_space(u + j, n - j, &adv))
            j++;
        if (e->space && w->outlen > e->start && w->out[w->outlen - 1] != '\n')
            put(w, " ", 1);
        e->space = 0;
        put_word(w, s + i, j - i);
        int commas;
        int c = ghtml_chars(s + i, j - i, &commas);
        e->chars += c;
        if (e->in_link)
            e->links += c;
        i = j;
    }
}

static hnode *kept(hwork *w, const xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE || !n->_private)
        return NULL;
    hnode *h = &w->nodes[(size_t)n->_private - 1];
    return h->dropped ? NULL : h;
}

/* Is n the anchor to the readers' comments, or a dropped element that
 * holds it (a heading box whose name says "nav", say)? */
static int comments_anchor_in(const hwork *w, const xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE || !n->_private)
        return 0;
    const hnode *h = &w->nodes[(size_t)n->_private - 1];
    return h->dropped ? (h->canchor != 0) : (h->canchor & CA_IS) != 0;
}

/* returns 1 to descend into n's children */
static int enter(emitter *e, xmlNode *n)
{
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content)
            text(e, (const char *)n->content);
        return 0;
    }
    if (comments_anchor_in(e->w, n)) {
        para_close(e);
        e->mark = 1;
    }
    hnode *h = kept(e->w, n);
    if (!h)
        return 0;
    if (h->tag & HT_BLOCK) {
        para_close(e);
        e->h1 = !strcmp((const char *)n->name, "h1");
        e->in_pre += !strcmp((const char *)n->name, "pre");
    } else if (h->tag & HT_LINK)
        e->in_link++;
    else if (h->tag & HT_CELL)
        e->space = 1;
    else if (!strcmp((const char *)n->name, "br")) {
        /* one <br> breaks the line, two end the paragraph */
        if (e->w->outlen > e->start && e->w->out[e->w->outlen - 1] == '\n') {
            int h1 = e->h1;
            para_close(e);
            e->h1 = h1;
        } else if (e->w->outlen > e->start)
            put(e->w, "\n", 1);
        e->space = 0;
    }
    return 1;
}

static void leave(emitter *e, xmlNode *n)
{
    hnode *h = kept(e->w, n);
    if (!h)
        return;
    if (h->tag & HT_BLOCK) {
        if (e->in_pre && !strcmp((const char *)n->name, "pre")) {
            /* the blanks that end a <pre> are layout, not text */
            while (e->w->outlen > e->start && (e->w->out[e->w->outlen - 1] == ' '
                                               || e->w->out[e->w->outlen - 1] == '\t'
                                               || e->w->out[e->w->outlen - 1] == '\n'))
                e->w->outlen--;
            e->in_pre--;
        }
        para_close(e);
    } else if (h->tag & HT_LINK)
        e->in_link--;
    else if (h->tag & HT_CELL)
        e->space = 1;
}

/* iterative pre-order walk of one subtree with enter/leave callbacks */
static void emit_tree(emitter *e, xmlNode *root)
{
    xmlNode *n = root;
    for (;;) {
        int d = enter(e, n);
        if (d && n->children) {
            n = n->children;
            continue;
        }
        if (d)
            leave(e, n);
        while (n != root && !n->next) {
            n = n->parent;
            leave(e, n);
        }
        if (n == root)
            break;
        n = n->next;
    }
}

/* Short lines that are page furniture, compared case-insensitively at the
 * start of a short paragraph.  Not copyright lines: inside the chosen block
 * they close a wire story ("Copyright 2008 The Associated Press. All rights
 * reserved."), and the dev sets' gold keeps them; a site footer's is never
 * chosen. */
static const char *const furniture[] = {
    "advertisement", "advertising", "sponsored", "share this", "share on",
    "share:", "tweet", "email this", "print this", "read more", "read next",
    "continue reading", "related:", "related articles", "related stories",
    "sign up", "subscribe", "follow us", "click here", "comments",
    "leave a comment", "leave a reply", "photo:", "image:", "photograph:",
    "loading", "skip to",
    "you may also like", "more from", "recommended", "we use cookies",
    "this site uses cookies", "listen to this", "this slideshow requires",
    "updated:", "updated at", "updated on", "published:", "posted:", "posted on",
    "last updated", "posted by", "written by", "follow on", "follow @",
    "photo by", "photo credit", "credit:", "image via", "ads by google",
    "printer friendly", "printer-friendly", "send this article", NULL
};
/* ... and those that may run longer (credit lines, appeals) */
static const char *const furniture_long[] = {
    "reporting by", "(reporting by", "additional reporting", "have a tip",
    "if you enjoyed this", "sign up:", "about the author", "previous story:", "next story:",
    NULL
};

static int starts_with_any(const char *s, size_t n, const char *const *list)
{
    for (; *list; list++) {
        size_t k = strlen(*list);
        if (k <= n && !strncasecmp(s, *list, k))
            return 1;
    }
    return 0;
}

/* "By Jane Doe - 11/18/19 11:04 PM", "By — Nov. 18": a byline, not a
 * sentence (which would go on in lower case and end with punctuation) */
static int is_byline(const char *s, size_t n)
{
    if (n > 80 || n < 4 || strncasecmp(s, "by ", 3) || (s[3] >= 'a' && s[3] <= 'z'))
        return 0;
    if (n >= 3 && !memcmp(s + n - 3, "\xe2\x80\x9d", 3))
        return 0;   /* a closing quotation mark */
    return !strchr(".!?:\"'", s[n - 1]);
}

/* "Jane Doe | Getty Images", "(AP Photo/Jane Doe)": a picture's credit */
static int is_photo_credit(const char *s, size_t n)
{
    static const char *const agencies[] = {
        "Getty Images", "AP Photo", "Shutterstock", "AFP via Getty", "Photo credit",
        "Image credit", "Photograph:", NULL
    };
    char buf[101];
    memcpy(buf, s, n);
    buf[n] = '\0';
    for (const char *const *a = agencies; *a; a++)
        if (strstr(buf, *a))
            return 1;
    return 0;
}

static int lines(const char *s, size_t n)
{
    int k = 1;
    for (size_t i = 0; i < n; i++)
        k += s[i] == '\n';
    return k;
}

static int is_furniture(const char *s, size_t n, const struct hpara *p, int prose)
{
    if (p->h1)
        return 1;           /* the title: a field of its own */
    if (p->chars < 60 && p->links * 2 > p->chars)
        return 1;
    if (prose && p->links * 4 > p->chars * 3 && lines(s, n) >= 2)
        return 1;   /* a list of links, one a line (<br>), beside prose:
                     * "more headlines" after an article */
    if (prose && p->chars >= 150 && p->links * 10 >= p->chars * 9)
        return 1;   /* ... or run together in one line (a ticker) */
    if (n > 200)
        return 0;
    if (starts_with_any(s, n, furniture_long))
        return 1;
    return n <= 100 && (is_byline(s, n) || starts_with_any(s, n, furniture)
                        || is_photo_credit(s, n));
}

/* The line that opens readers' comments below an article, or what a site
 * puts after its articles: "Comments", "12 comments", "Comments are now
 * closed for this story", "Do you have comments on this story?",
 * "Related to this story:" (a list of links), "Also in National", "Thanks
 * for your comments - this feedback is now closed" (boilerpipe's
 * terminating lines among them) */
static int opens_comments(const char *s, size_t n)
{
    static const char *const marks[] = {
        "comments", "reader comments", "readers' comments", "user comments",
        "leave a comment", "leave a reply", "add a comment", "add your comment",
        "post a comment", "have your say", "join the discussion",
        "do you have comments", "do you have a comment", "related to this story",
        "other recent articles", "add comment", "thanks for your comments",
        "please rate this", "reader views", "also in ", "other news", "trackback",
        "more news", "previous story", "send to e-mail",
        "send this article", "post this story", NULL
    };
    if (n > 60)
        return 0;
    size_t i = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i && i < n && s[i] == ' ')
        i++;
    for (const char *const *m = marks; *m; m++) {
        size_t k = strlen(*m);
        /* "Comments: 10 pages, 4 figures" is a field of a listing; "Other
         * newspapers ..." a sentence */
        if (k <= n - i && !strncasecmp(s + i, *m, k)
            && (k == n - i || s[i + k] != ':' || strchr(*m, ' '))
            && (k == n - i || (*m)[k - 1] == ' ' || !isalpha((unsigned char)s[i + k])))
            return 1;
    }
    return 0;
}

/* "© 2008 AFP", "Copyright 2007 Associated Press. All rights reserved.":
 * the line that closes a story; what follows it on the page (other
 * headlines, readers' comments, a jobs box) is not the story's */
static int closes_story(const char *s, size_t n)
{
    if (n > 300)
        return 0;
    if (!(n >= 2 && !memcmp(s, "\xc2\xa9", 2)) && !(n >= 9 && !strncasecmp(s, "copyright", 9))
        && !(n >= 3 && !strncasecmp(s, "(c)", 3)))
        return 0;
    for (size_t i = 0; i + 4 <= n; i++)
        if ((s[i] == '1' && s[i + 1] == '9') || (s[i] == '2' && s[i + 1] == '0'))
            if (s[i + 2] >= '0' && s[i + 2] <= '9' && s[i + 3] >= '0' && s[i + 3] <= '9')
                return 1;
    for (size_t i = 0; i + 15 <= n; i++)
        if (!strncasecmp(s + i, "rights reserved", 15))
            return 1;
    return 0;
}

/* characters in the paragraphs from the i-th on */
static int chars_from(const hwork *w, size_t i)
{
    int c = 0;
    for (; i < w->npara; i++)
        c += w->paras[i].chars;
    return c;
}

/* Keeps the paragraphs that are not furniture, joined by blank lines;
 * stops at the readers' comments that follow a prose article (a line that
 * opens them, or the anchor their links jump to). */
static void filter(hwork *w)
{
    size_t o = 0;
    w->cut_text = 0;
    int prose = 0;      /* the content holds a paragraph of unlinked prose */
    for (size_t i = 0; i < w->npara; i++)
        prose |= w->paras[i].chars - w->paras[i].links >= 200;
    int before = 0;     /* unlinked characters kept so far */
    for (size_t i = 0; i < w->npara; i++) {
        struct hpara *p = &w->paras[i];
        size_t n = p->end - p->start;
        if (before >= 200 && (p->mark || opens_comments(w->out + p->start, n))) {
            galley_debug("html: readers' comments from \"%.*s\" on left out", (int)n,
                         w->out + p->start);
            w->cut_text = chars_from(w, i);
            break;
        }
        if (is_furniture(w->out + p->start, n, p, prose)) {
            if (galley_log_get_level() >= GALLEY_LOG_DEBUG)
                galley_debug("html: furniture \"%.*s\"", (int)n, w->out + p->start);
            continue;
        }
        if (o)
            w->out[o++] = '\n', w->out[o++] = '\n';
        memmove(w->out + o, w->out + p->start, n);
        o += n;
        if (before >= 200 && closes_story(w->out + o - n, n)) {
            galley_debug("html: the story closes at \"%.*s\"", (int)n, w->out + o - n);
            w->cut_text = chars_from(w, i + 1);
            break;
        }
        before += p->chars - p->links;
    }
    w->outlen = o;
    if (w->out)
        w->out[o] = '\0';
}

void ghtml_emit(hwork *w)
{
    emitter e = { .w = w };
    ghtml_out_reset(w);
    for (size_t i = 0; i < w->n; i++)
        if (w->nodes[i].chosen == 1)
            emit_tree(&e, w->nodes[i].node);
    para_close(&e);
    filter(w);
}
