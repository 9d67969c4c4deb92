/* plugins/output/html_digest.c - the digest as one self-contained HTML page
 * (output plugin "html"; configs say "output/html"): inline CSS, no scripts,
 * no external resources, every value HTML-escaped. */
#include <galley/galley.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "sink.h"

typedef digest_out hd;

static const galley_option html_opts[] = {
    { GALLEY_OPT_STRING, "path", "-", GALLEY_OPT_PATH, 0, 0,
      "output file (written to a temp file, renamed at close); - = standard output", NULL },
    { GALLEY_OPT_STRING, "title", "galley digest", 0, 0, 0, "the page title and heading", NULL },
    { GALLEY_OPT_INT, "top", "5", 0, 0, 100,
      "entities of each kind and keywords to list per article", NULL },
    { 0 }
};

/* The page forbids scripts and every external load itself (CSP), so even a
 * value that slipped past escaping could not run or fetch anything. */
static const char HEAD[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
    "style-src 'unsafe-inline'\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<meta name=\"generator\" content=\"galley\">\n<title>";
static const char STYLE[] =
    "</title>\n<style>\n"
    "body{margin:0;background:#f4f1ea;color:#222;font:17px/1.55 Georgia,'DejaVu Serif',serif}\n"
    "header,main,footer{max-width:46rem;margin:0 auto;padding:0 1.25rem}\n"
    "header{padding-top:2rem;border-bottom:3px double #999}\n"
    "h1{font-size:2.1rem;margin:0 0 .6rem;letter-spacing:.01em}\n"
    "article{background:#fff;margin:1.5rem 0;padding:1.1rem 1.4rem;border-radius:6px;"
    "box-shadow:0 1px 3px rgba(0,0,0,.12)}\n"
    "article>:last-child{margin-bottom:0}\n"
    "h2{font-size:1.35rem;line-height:1.3;margin:0 0 .3rem}\n"
    ".meta{font:14px/1.4 'DejaVu Sans',Arial,sans-serif;color:#666;margin:0 0 .8rem;"
    "overflow-wrap:anywhere}\n"
    ".meta a{color:#36c}\n"
    ".summary{margin:0 0 .9rem}\n"
    "dl{font:14px/1.5 'DejaVu Sans',Arial,sans-serif;margin:0;display:grid;"
    "grid-template-columns:max-content 1fr;gap:.25rem .8rem}\n"
    "dt{color:#666;font-weight:bold}\ndd{margin:0}\n"
    ".chip{display:inline-block;background:#eef2f7;border-radius:1em;padding:0 .6em;"
    "margin:0 .25em .25em 0}\n"
    ".PERSON{background:#e8f1e4}.ORG{background:#f6ecdf}.LOC{background:#e4eef6}\n"
    ".chip b{color:#888;font-weight:normal;font-size:.85em;margin-left:.3em}\n"
    "footer{color:#777;font:13px 'DejaVu Sans',Arial,sans-serif;padding-bottom:2rem}\n"
    "</style>\n</head>\n<body>\n<header><h1>";

/* Text content and attribute values: & < > " ' escaped, invalid UTF-8
 * replaced (the page says utf-8), control characters dropped. */
static void esc(hd *h, const char *s)
{
    size_t len;
    char *fixed;
    s = s ? s : "";
    const char *v = sink_utf8_value(&h->buf, s, strlen(s), &len, &h->repairs, &fixed);
    for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
        switch (*p) {
        case '&': sink_buf_puts(&h->buf, "&amp;"); break;
        case '<': sink_buf_puts(&h->buf, "&lt;"); break;
        case '>': sink_buf_puts(&h->buf, "&gt;"); break;
        case '"': sink_buf_puts(&h->buf, "&quot;"); break;
        case '\'': sink_buf_puts(&h->buf, "&#39;"); break;
        case '\n': case '\r': case '\t': sink_buf_add(&h->buf, " ", 1); break;
        default:
            if (*p >= 0x20 && *p != 0x7f)
                sink_buf_add(&h->buf, p, 1);
        }
    }
    free(fixed);
}

static int is_url(const char *s)
{
    return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

static void html_entities(hd *h, galley_doc *doc)
{
    int any = 0;
    for (const digest_group *g = digest_groups; ; g++) {
        digest_entity *e;
        size_t n = digest_entities(doc, g->label, (size_t)h->top, &e);
        if (n > 0) {
            if (!any++)
                sink_buf_puts(&h->buf, "<dl>\n");
            sink_buf_printf(&h->buf, "<dt>%s</dt><dd>", g->heading);
            for (size_t i = 0; i < n; i++) {
                sink_buf_puts(&h->buf, "<span class=\"chip ");
                esc(h, e[i].label);
                sink_buf_puts(&h->buf, "\">");
                esc(h, e[i].name);
                if (e[i].count > 1)
                    sink_buf_printf(&h->buf, "<b>%zu</b>", e[i].count);
                sink_buf_puts(&h->buf, "</span>");
            }
            sink_buf_puts(&h->buf, "</dd>\n");
        }
        if (!g->label)
            break;
    }
    const char **kw;
    size_t nk = digest_keywords(doc, (size_t)h->top, &kw);
    if (nk > 0) {
        if (!any++)
            sink_buf_puts(&h->buf, "<dl>\n");
        sink_buf_puts(&h->buf, "<dt>Keywords</dt><dd>");
        for (size_t i = 0; i < nk; i++) {
            sink_buf_puts(&h->buf, "<span class=\"chip\">");
            esc(h, kw[i]);
            sink_buf_puts(&h->buf, "</span>");
        }
        sink_buf_puts(&h->buf, "</dd>\n");
    }
    if (any)
        sink_buf_puts(&h->buf, "</dl>\n");
}

static galley_status html_process(void *state, galley_doc *doc)
{
    hd *h = state;
    digest_begin_entry(h);
    sink_buf_puts(&h->buf, "<article>\n<h2>");
    esc(h, digest_title(doc));
    sink_buf_puts(&h->buf, "</h2>\n<p class=\"meta\">");
    const char *date = galley_doc_field(doc, "date");
    if (date && *date) {
        sink_buf_puts(&h->buf, "<time>");
        esc(h, date);
        sink_buf_puts(&h->buf, "</time> &middot; ");
    }
    const char *source = galley_doc_source(doc);
    if (!*source)
        source = galley_doc_id(doc);
    if (is_url(source)) {
        sink_buf_puts(&h->buf, "<a href=\"");
        esc(h, source);
        sink_buf_puts(&h->buf, "\" rel=\"noreferrer\">");
        esc(h, source);
        sink_buf_puts(&h->buf, "</a>");
    } else {
        esc(h, source);
    }
    sink_buf_puts(&h->buf, "</p>\n");
    const char *summary = digest_summary(doc);
    if (summary && *summary) {
        sink_buf_puts(&h->buf, "<p class=\"summary\">");
        esc(h, summary);
        sink_buf_puts(&h->buf, "</p>\n");
    }
    html_entities(h, doc);
    sink_buf_puts(&h->buf, "</article>\n");
    return digest_write_entry(h, doc);
}

static void html_head(hd *h, const char *title)
{
    sink_buf_puts(&h->buf, HEAD);
    esc(h, title);
    sink_buf_puts(&h->buf, STYLE);
    esc(h, title);
    sink_buf_puts(&h->buf, "</h1></header>\n<main>\n");
}

static galley_status html_open(galley_stage *st, void **state)
{
    return digest_open(st, html_head, state);
}

static void html_foot(hd *h)
{
    sink_buf_printf(&h->buf, "</main>\n<footer>%llu article%s &middot; written by galley"
                    "</footer>\n</body>\n</html>\n", h->n, h->n == 1 ? "" : "s");
}

static galley_status html_close(void *state)
{
    return digest_close(state, html_foot);
}

GALLEY_PLUGIN(html_digest,
    .name = "html",
    .kind = GALLEY_OUTPUT,
    .summary = "HTML digest: one self-contained page (inline CSS, no scripts) of the articles",
    .version = "1.0",
    .license = "MIT",
    .options = html_opts,
    .open = html_open, .process = html_process, .close = html_close);
