/* plugins/clean/html/html.h - internals shared by the files of the clean `html`
 * plugin (main-content extraction from web pages); not a public header. */
#ifndef GALLEY_CLEAN_HTML_H
#define GALLEY_CLEAN_HTML_H

#include <stddef.h>
#include <libxml/HTMLparser.h>
#include <galley/galley.h>

/* what a tag means for extraction (bit flags, see tags[] in content.c) */
enum {
    HT_JUNK = 0x1,      /* never article text: dropped with its subtree */
    HT_BLOCK = 0x2,     /* starts and ends a paragraph */
    HT_PARA = 0x4,      /* a paragraph unit for scoring */
    HT_HEAD = 0x8,      /* h1..h6 */
    HT_LIST = 0x10,     /* ul, ol, dl */
    HT_LINK = 0x20,     /* a */
    HT_IMG = 0x40,      /* img, picture */
    HT_EMBED = 0x80,    /* iframe, object, embed, video */
    HT_CONTAINER = 0x100, /* div, section, article, main...: may hold text */
    HT_CELL = 0x200,    /* td, th: a space apart from the next cell */
    HT_SHELL = 0x400    /* header, footer, nav, aside: dropped unless it
                         * holds most of the page (left unclosed) */
};

/* hnode.namedrop: the name condemns it (1 unless it holds article text,
 * 2 always, ND_SHELL: an HT_SHELL tag or hidden, ND_HIDDEN too when
 * hidden), and whether an ancestor's does */
enum { ND_NAME = 0x3, ND_SHELL = 0x3, ND_INSIDE = 0x4, ND_HIDDEN = 0x8 };

/* hnode.canchor: it is an <a name="comments">, it holds one */
enum { CA_IS = 1, CA_HOLDS = 2 };

/* per-element facts, one per element kept by the analysis pass (pre-order) */
typedef struct hnode {
    xmlNode *node;
    int parent;             /* index, -1 for the root */
    unsigned tag;           /* HT_* flags */
    int weight;             /* class/id name weight */
    int text, link, commas; /* characters of text, of link text, commas */
    int own;                /* characters of its own text (inline children's too) */
    int np, nimg, nli, ninput, nembed, nhead;
    float score;
    unsigned char scored, dropped, chosen;
    unsigned char namedrop;     /* ND_*: its class/id name says boilerplate */
    unsigned char namecat;      /* 1, 2: what its name says (as ND_NAME) */
    unsigned char canchor;      /* CA_*: an anchor to readers' comments */
} hnode;

/* metadata found while walking the page, read by meta.c */
typedef struct hmeta {
    xmlNode *title;         /* <title> */
    xmlNode *h1;            /* first h1 outside junk */
    xmlNode *h1_junk;       /* first h1 inside junk (a header: maybe a logo) */
    xmlNode *time;          /* first <time> with datetime */
    xmlNode *byline;        /* first itemprop=author or rel=author element */
    xmlNode **metas;        /* <meta> and <link> elements */
    size_t nmetas, capmetas;
    xmlNode **jsonld;       /* <script type="application/ld+json"> */
    size_t njsonld, capjsonld;
    const char *lang;       /* <html lang> */
} hmeta;

/* reusable per-worker buffers */
typedef struct hwork {
    hnode *nodes;
    size_t n, cap;
    char *out;              /* emitted text */
    size_t outlen, outcap;
    struct hpara { size_t start, end; int links, chars, h1, mark; } *paras;
    size_t npara, cappara;
    hmeta meta;
    char *page;             /* the page without script bodies, for libxml2 */
    size_t pagecap;
    char *fixed;            /* raw damaged UTF-8 repaired (plugin.c) */
    size_t fixedcap, fixedlen, replaced;
    int top_text;           /* characters in the top candidate */
    float best_score;       /* the best-scoring block's score (before climbing) */
    int side_text;          /* ... in the side columns pruned from it */
    int cut_text;           /* characters left out after the story's end
                             * (readers' comments, emit.c) */
    int strict;             /* drop unlikely class names before scoring */
    int oom;                /* an allocation failed: the page fails */
} hwork;

/* content.c: analysis, scoring, selection; fills w->out with the article */
void ghtml_extract(hwork *w, xmlDoc *doc);

/* names.c: HT_* flags of a tag name; an attribute's value (no copy) or
 * NULL; the attributes the walk reads, gathered in one pass; the weight of
 * an element's class/id names (<0 boilerplate, >0 article-like; *drop: the
 * name alone condemns it, 2 whatever it holds, 1 unless it holds an
 * article); whether it is hidden */
typedef struct hattrs {
    const char *names[4];       /* class, id, itemprop, role */
    const char *style, *aria_hidden;
    int hidden;
} hattrs;
unsigned ghtml_tag(const xmlChar *name);
const char *ghtml_attr(const xmlNode *n, const char *name);
void ghtml_gather(const xmlNode *n, hattrs *at);
int ghtml_class_weight(const hattrs *at, int *drop);
int ghtml_hidden(const hattrs *at);
/* names.c: whether n is an anchor to the readers' comments (<a name=
 * "comments">) */
int ghtml_comments_anchor(const xmlNode *n);

/* emit.c: text of the chosen nodes, paragraph per block, boilerplate dropped */
void ghtml_emit(hwork *w);
void ghtml_out_reset(hwork *w);

/* meta.c: fields from meta tags, JSON-LD, <title>, <h1>, <time> */
void ghtml_meta_reset(hmeta *m);
/* notes n if it is an element meta.c reads; in_junk: inside an element the
 * walk drops */
void ghtml_meta_note(hmeta *m, xmlNode *n, int in_junk);
/* sets fields; returns the article title (arena) or NULL; *jsonld_body gets
 * JSON-LD articleBody (arena) when there is one */
const char *ghtml_meta_fields(hmeta *m, galley_doc *doc, int set_fields,
                              const char **jsonld_body, const char **descr);
void ghtml_meta_free(hmeta *m);

/* strip.c: the page without <script>/<style> bodies (JSON-LD kept),
 * formatting tags and unread attributes into out (room for n + n / 4 + 16
 * bytes); returns the length written */
size_t ghtml_strip_scripts(const char *s, size_t n, char *out);

/* text helpers: white space runs to one space, trimmed (out may be s;
 * room for n + 1); characters that are not white space (and the commas).
 * Vectors grow with galley_reserve (galley/util.h). */
/* s[0..n) with white space collapsed and C1 controls as the Windows-1252
 * characters meant (see ghtml_c1_meant) into out, which holds
 * GHTML_COLLAPSE_ROOM(n) bytes (two bytes may become three) */
#define GHTML_COLLAPSE_ROOM(n) ((n) + (n) / 2 + 1)
size_t ghtml_collapse(const char *s, size_t n, char *out);
/* the UTF-8 of the Windows-1252 character C1 control U+0080+(low-0x80)
 * stands for, or NULL */
const char *ghtml_c1_meant(unsigned char low);
int ghtml_chars(const char *s, size_t n, int *commas);

#endif
