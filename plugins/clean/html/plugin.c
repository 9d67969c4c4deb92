/* plugins/clean/html/plugin.c - the clean `html` plugin: turns web pages into
 * their article text and fields (libxml2 parse, see content.c, meta.c) and
 * passes documents that are not HTML through untouched. */
#include "config.h"

#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "html.h"

/* below this many bytes of extracted text, JSON-LD articleBody is preferred */
#define SHORT_TEXT 200

static const galley_option options[] = {
    { GALLEY_OPT_BOOL, "fields", "true", 0, 0, 0,
      "fill title, author, date, description, site_name, lang, url from the page", NULL },
    { GALLEY_OPT_BOOL, "sniff", "true", 0, 0, 0,
      "also treat documents that start like HTML as HTML, whatever their content_type", NULL },
    { GALLEY_OPT_STRING, "on_empty", "fail", 0, 0, 0,
      "a page with no article text: fail the doc, skip it, or keep it with empty text",
      "fail|skip|keep" },
    { 0 }
};

/* a stripped copy bigger than this is freed after each page */
#define BIG_PAGE (4u << 20)

typedef struct state {
    hwork w;
    htmlParserCtxtPtr ctxt;     /* while a page is parsed */
    int stopped;                /* libxml2 stopped reading the last page early */
    char why[160];              /* libxml2's last error on it, first line */
    int fields, sniff;
    const char *on_empty;
} state;

/* libxml2 and jansson (hash seed) want their global init done once before
 * threads use them: open() runs before the workers start, but the engine
 * opens different stages at once (a second html stage) */
static void global_init(void)
{
    xmlInitParser();
    json_object_seed(0);
}

static galley_status html_open(galley_stage *st, void **out)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, global_init);
    state *s = calloc(1, sizeof *s);
    if (!s)
        return galley_stage_fail(st, "out of memory");
    s->fields = galley_opt_bool(st, "fields");
    s->sniff = galley_opt_bool(st, "sniff");
    s->on_empty = galley_opt_str(st, "on_empty");
    if (!s->on_empty)
        s->on_empty = "fail";
    *out = s;
    return GALLEY_OK;
}

static galley_status html_close(void *p)
{
    state *s = p;
    if (!s)
        return GALLEY_OK;
    htmlFreeParserCtxt(s->ctxt);
    free(s->w.nodes);
    free(s->w.out);
    free(s->w.paras);
    free(s->w.page);
    free(s->w.fixed);
    ghtml_meta_free(&s->w.meta);
    free(s);
    return GALLEY_OK;
}

static int starts_with_ci(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && !strncasecmp(s, prefix, k);
}

/* Does the buffer start like an HTML document (after a BOM, blanks and
 * comments or an XML declaration)? */
static int looks_like_html(const char *s, size_t n)
{
    size_t i = 0;
    if (n >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
        i = 3;
    for (int rounds = 0; rounds < 8; rounds++) {
        while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t'))
            i++;
        if (starts_with_ci(s + i, n - i, "<!doctype html")
            || starts_with_ci(s + i, n - i, "<html")
            || starts_with_ci(s + i, n - i, "<head"))
            return 1;
        const char *end = NULL;
        if (starts_with_ci(s + i, n - i, "<!--"))
            end = "-->";
        else if (starts_with_ci(s + i, n - i, "<?xml"))
            end = "?>";
        if (!end)
            return 0;
        size_t lim = n - i < 4096 ? i + (n - i) : i + 4096, k = strlen(end);
        size_t j = i + 2;
        while (j + k <= lim && memcmp(s + j, end, k))
            j++;
        if (j + k > lim)
            return 0;
        i = j + k;
    }
    return 0;
}

static int is_html(const state *s, galley_doc *doc, const char *buf, size_t n)
{
    const char *ct = galley_doc_content_type(doc);
    if (strstr(ct, "html"))
        return 1;
    return s->sniff && looks_like_html(buf, n);
}

/* 1 if s[0..n) is well-formed UTF-8 (overlongs and surrogates rejected) */
static int utf8_ok(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        size_t k = c < 0x80 ? 0 : c >= 0xC2 && c <= 0xDF ? 1
            : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : 9;
        if (k == 9 || i + k >= n + (k == 0))
            return k == 0;
        if (k >= 2) {
            unsigned d = s[i + 1];
            if ((c == 0xE0 && d < 0xA0) || (c == 0xED && d > 0x9F)
                || (c == 0xF0 && d < 0x90) || (c == 0xF4 && d > 0x8F))
                return 0;
        }
        for (size_t j = 1; j <= k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return 0;
        i += k + 1;
    }
    return 1;
}

/* Drops NUL bytes from page[0..n) (libxml2 takes one for the end of the
 * page; browsers ignore them in text); returns the new length. */
static size_t drop_nuls(char *page, size_t n)
{
    char *z = memchr(page, 0, n);
    if (!z)
        return n;
    size_t o = (size_t)(z - page);
    for (size_t i = o; i < n; i++)
        if (page[i])
            page[o++] = page[i];
    return o;
}

/* Raw bytes that are UTF-8 but for a few bad bytes (fewer than its
 * multi-byte characters; Windows-1252 text has almost none of those) are
 * damaged UTF-8, read as browsers read a page declared UTF-8: into w->fixed
 * with U+FFFD for each bad byte.  Returns the count replaced, 0 when the
 * bytes are not such UTF-8. */
static size_t repair_utf8(hwork *w, const char *s, size_t n)
{
    size_t pos = 0, bad = 0, multi = 0;
    while (pos < n) {
        size_t at = pos;
        int32_t cp = galley_utf8_next(s, n, &pos);
        if (cp == 0xFFFD && pos == at + 1)
            bad++;
        else if (pos > at + 1)
            multi++;
    }
    if (!bad || bad > multi)
        return 0;
    if (galley_reserve(&w->fixed, &w->fixedcap, n * 3 + 1, 1) < 0)
        return 0;
    char *out = w->fixed;
    size_t used = 0;
    pos = 0;
    int32_t cp;
    while ((cp = galley_utf8_next(s, n, &pos)) >= 0)
        used += galley_utf8_encode(cp, out + used);
    w->fixedlen = used;
    return bad;
}

/* An end tag with no element open to close: libxml2 drops it, and the text
 * on both sides runs together ("Monday.</p>Vardhan" read "Monday.Vardhan").
 * Browsers (HTML5) read a stray </p> as an empty paragraph and </br> as a
 * line break: so do we, by adding that element where the parser stands. */
static void stray_end_tag(void *ctx, xmlErrorPtr e)
{
    htmlParserCtxtPtr c = ctx;
    if (!c || !e || e->domain != XML_FROM_HTML || e->code != XML_ERR_TAG_NAME_MISMATCH
        || !e->str1 || e->str2 || !c->node || !c->myDoc)
        return;     /* str2 names the open element of a mere mismatch */
    const char *name = !strcmp(e->str1, "p") ? "p" : !strcmp(e->str1, "br") ? "br" : NULL;
    if (!name)
        return;
    xmlNode *n = xmlNewDocNode(c->myDoc, NULL, BAD_CAST name, NULL);
    if (n && !xmlAddChild(c->node, n))
        xmlFreeNode(n);
}

/* the page as libxml2 should read it: the fetcher's UTF-8 text when there is
 * some, else the raw bytes in their declared or detected charset */
static xmlDoc *parse(state *s, galley_doc *doc, const char *buf, size_t n,
                     int from_text)
{
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR
        | HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT;
    const char *enc = NULL;
    if (from_text) {
        enc = "UTF-8";
        opts |= HTML_PARSE_IGNORE_ENC;
    } else {
        enc = galley_doc_field(doc, "charset");
        /* bytes that are valid UTF-8 are UTF-8 whatever the page claims (a
         * page without a declaration would otherwise be read as Latin-1) */
        if (!enc && utf8_ok((const unsigned char *)buf, n)) {
            enc = "UTF-8";
            opts |= HTML_PARSE_IGNORE_ENC;
        } else if (!enc && (s->w.replaced = repair_utf8(&s->w, buf, n)) > 0) {
            buf = s->w.fixed;
            n = s->w.fixedlen;
            enc = "UTF-8";
            opts |= HTML_PARSE_IGNORE_ENC;
        }
    }
    if (n > (size_t)0x7fffffff)
        return NULL;
    /* room for a tag whose kept attributes each gain a space (x="1"y="2") */
    if (galley_reserve(&s->w.page, &s->w.pagecap, n + n / 4 + 16, 1) == 0) {
        /* without memory for the copy, libxml2 reads it all */
        char *page = s->w.page;
        n = drop_nuls(page, ghtml_strip_scripts(buf, n, page));
        buf = page;
    }
    const char *src = galley_doc_source(doc);
    /* a fresh context per page: a reused one keeps state (the encoding
     * switch among it) that spoils the next page */
    if (s->ctxt)
        htmlFreeParserCtxt(s->ctxt);
    s->ctxt = htmlNewParserCtxt();
    if (!s->ctxt)
        return NULL;
    /* the handler is the thread's: put back whatever was there */
    xmlStructuredErrorFunc was = xmlStructuredError;
    void *wasctx = xmlStructuredErrorContext;
    xmlSetStructuredErrorFunc(s->ctxt, stray_end_tag);
    xmlDoc *x = htmlCtxtReadMemory(s->ctxt, buf, (int)n, *src ? src : NULL, enc, opts);
    xmlSetStructuredErrorFunc(wasctx, was);
    /* the context holds two copies of the page (as given, as decoded) and
     * the stripped copy is done with: free them before the tree is walked
     * (a big page's peak), keeping what the messages need */
    s->stopped = s->ctxt->disableSAX;
    const char *m = s->ctxt->lastError.message ? s->ctxt->lastError.message
                                               : "no reason given";
    snprintf(s->why, sizeof s->why, "%.*s", (int)strcspn(m, "\n"), m);
    htmlFreeParserCtxt(s->ctxt);
    s->ctxt = NULL;
    if (s->w.pagecap > BIG_PAGE) {
        free(s->w.page);
        s->w.page = NULL;
        s->w.pagecap = 0;
    }
    return x;
}

static galley_status empty_page(state *s, galley_doc *doc, size_t n)
{
    if (s->stopped)
        return galley_doc_fail(doc, "libxml2 stopped reading this page early (%s) and "
                               "no article text came before that point; the page "
                               "is malformed or nests elements too deeply", s->why);
    if (!strcmp(s->on_empty, "skip"))
        return GALLEY_SKIP;
    if (!strcmp(s->on_empty, "keep")) {
        galley_doc_set_text(doc, "", 0);
        return GALLEY_OK;
    }
    return galley_doc_fail(doc, "no article text found in this HTML page (%zu bytes); "
                           "set on_empty = \"skip\" or \"keep\" to let such pages through", n);
}

/* A page that declares UTF-8 but is not (too damaged for repair_utf8)
 * gets its bad bytes through libxml2 into the text; the text a clean stage
 * hands on is UTF-8, so each becomes U+FFFD, counted in charset_replaced. */
static void text_to_utf8(galley_doc *doc)
{
    size_t n, pos = 0, used = 0, bad = 0;
    const char *t = galley_doc_text(doc, &n);
    if (galley_utf8_valid(t, n, NULL))
        return;
    char *out = galley_doc_alloc(doc, n * 3 + 1);
    for (;;) {
        size_t at = pos;
        int32_t cp = galley_utf8_next(t, n, &pos);
        if (cp < 0)
            break;
        bad += cp == 0xFFFD && pos == at + 1;
        used += galley_utf8_encode(cp, out + used);
    }
    galley_doc_set_text(doc, out, used);
    const char *before = galley_doc_field(doc, "charset_replaced");
    galley_doc_set_fieldf(doc, "charset_replaced", "%zu",
                          bad + (before ? (size_t)strtoull(before, NULL, 10) : 0));
}

static galley_status html_process(void *p, galley_doc *doc)
{
    state *s = p;
    size_t n;
    const char *buf = galley_doc_text(doc, &n);
    int from_text = n > 0;
    if (!from_text)
        buf = galley_doc_raw(doc, &n);
    if (!n || !is_html(s, doc, buf, n))
        return GALLEY_OK;   /* not a web page: passed through */

    s->w.replaced = 0;
    xmlDoc *x = parse(s, doc, buf, n, from_text);
    if (s->w.replaced) {    /* as the fetchers say it (doc/fetch.md) */
        char num[32];
        snprintf(num, sizeof num, "%zu", s->w.replaced);
        galley_doc_set_field(doc, "charset", "utf-8");
        galley_doc_set_field(doc, "charset_replaced", num);
    }
    if (!x)
        return galley_doc_fail(doc, "libxml2 could not read this page as HTML "
                               "(%zu bytes); check that it is a web page", n);
    s->w.oom = 0;
    ghtml_extract(&s->w, x);
    if (s->w.oom) {
        xmlFreeDoc(x);
        return galley_doc_fail(doc, "out of memory while extracting the article of "
                               "this page (%zu bytes)", n);
    }
    const char *body, *descr;
    ghtml_meta_fields(&s->w.meta, doc, s->fields, &body, &descr);
    hwork *w = &s->w;
    if (w->outlen < SHORT_TEXT && body && strlen(body) > w->outlen)
        galley_doc_set_text(doc, body, strlen(body));
    else if (w->outlen)
        galley_doc_set_text(doc, w->out, w->outlen);
    else if (descr)
        galley_doc_set_text(doc, descr, strlen(descr));
    else {
        xmlFreeDoc(x);
        return empty_page(s, doc, n);
    }
    text_to_utf8(doc);
    if (s->stopped)
        galley_info("%s: libxml2 stopped reading the page early (%s); the text "
                    "after that point is missing", galley_doc_id(doc), s->why);
    xmlFreeDoc(x);
    return GALLEY_OK;
}

GALLEY_PLUGIN(html,
    .kind = GALLEY_CLEAN,
    .summary = "main-content extraction from web pages (text + title, author, date...)",
    .version = "1.0",
    .license = "MIT",
    .options = options,
    .provides = "title author date description site_name lang url",
    .open = html_open, .process = html_process, .close = html_close);
