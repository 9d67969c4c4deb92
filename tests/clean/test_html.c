/* tests/clean/test_html.c - the clean `html` plugin on hand-written pages:
 * article text without page furniture, fields, pass-through, bad markup. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <galley/galley.h>
#include <galley/testing.h>
#include "../ckhelp.h"

#include "htmlcheck.h"

START_TEST(comments_and_furniture_dropped)
{
    galley_doc *d = run_fixture("comments.html", GALLEY_OK);
    HAS(d, "The harbour bridge reopened to traffic on Tuesday morning");
    HAS(d, "Ferry operators, who carried extra passengers");
    HAS(d, "We are proud of the crews");
    HASNT(d, "nightmare");              /* a comment */
    HASNT(d, "potholes");               /* another comment */
    HASNT(d, "Leave a reply");
    HASNT(d, "cookies");
    HASNT(d, "Script text");
    HASNT(d, "font-family");
    HASNT(d, "Storm warning");          /* sidebar */
    HASNT(d, "All rights reserved");    /* footer */
    HASNT(d, "Weather");                /* navigation */
    HASNT(d, "Photo: Harbour");         /* caption and credit */
    galley_doc_free(d);
}
END_TEST

START_TEST(tool_lines_dropped)
{
    /* an old page's tool lines in the story's block, no links to judge by */
    const char *page = "<html><body><div id=\"story\">"
        "<p>Printer friendly page</p>"
        "<p>The council voted on Tuesday to keep the old library open for another "
        "year, after three hundred people signed a letter asking it to.</p>"
        "<p>Ads by Google</p>"
        "<p>The building needs a new roof, which will cost more than the council "
        "had hoped, the treasurer told the meeting.</p>"
        "<p>Send this article to Friends by E-Mail</p>"
        "</div></body></html>";
    galley_doc *d = run_page(page);
    HAS(d, "The council voted on Tuesday");
    HAS(d, "the treasurer told the meeting.");
    HASNT(d, "Printer friendly");
    HASNT(d, "Ads by Google");
    HASNT(d, "Send this article");
    galley_doc_free(d);
}
END_TEST

START_TEST(paragraph_structure)
{
    galley_doc *d = run_fixture("comments.html", GALLEY_OK);
    /* blocks are paragraphs of their own, separated by one blank line */
    HAS(d, "first across.\n\nThe council said");
    HAS(d, "last spring.\n\nWhat changed on the bridge\n\nCyclists now");
    HAS(d, "whole span.\n\nNew cables on both towers, anchored in fresh concrete.\n\n"
           "A separate cycle lane");
    HAS(d, "along the rail.\n\nWe are proud");
    HASNT(d, "\n\n\n");
    HASNT(d, "  ");
    const char *t = text_of(d);
    ck_assert_msg(t[0] == 'T' && t[strlen(t) - 1] == '.', "untrimmed text:\n%s", t);
    galley_doc_free(d);
}
END_TEST

START_TEST(share_bar_and_related_dropped)
{
    galley_doc *d = run_fixture("sharebar.html", GALLEY_OK);
    HAS(d, "An old apple tree that has not been pruned");
    HAS(d, "Spread the rest of the work over three winters");
    HASNT(d, "Facebook");
    HASNT(d, "Tweet");
    HASNT(d, "Pinterest");
    HASNT(d, "pear against a wall");
    HASNT(d, "newsletter");
    galley_doc_free(d);
}
END_TEST

START_TEST(nested_layout_tables)
{
    galley_doc *d = run_fixture("tables.html", GALLEY_OK);
    HAS(d, "After forty years of silence the old water mill");
    HAS(d, "a tree that fell in the churchyard.\n\nThe mill will grind flour");
    HASNT(d, "Guestbook");
    HASNT(d, "Back to top");
    galley_doc_free(d);
}
END_TEST

/* an old table layout: the article's cell (its paragraphs split by <br>,
 * pictures and a print button around it) beside a side column of dated
 * headline links and promotions that holds more text than the article */
START_TEST(side_column_beside_article_cell)
{
    galley_doc *d = run_fixture("sidecell.html", GALLEY_OK);
    HAS(d, "The paddle steamer that has crossed the lake since 1926");
    HAS(d, "quickest way round.\n\nTimetables for the summer season");
    HASNT(d, "harbour wall");           /* a headline link */
    HASNT(d, "Win Tickets");            /* promotions */
    HASNT(d, "Enter our draw");
    HASNT(d, "weekly gallery");
    galley_doc_free(d);
}
END_TEST

START_TEST(advertisement_cell_beside_article_cell)
{
    /* a column of local advertisements (name, slogan, address, phone: short
     * unlinked paragraphs) in the cell beside the article's cell */
    galley_doc *d = run_fixture("adcell.html", GALLEY_OK);
    HAS(d, "The curling club opened its new rink on Saturday");
    HAS(d, "after the power failed in the eighth end.");
    HASNT(d, "Prescott Motors");
    HASNT(d, "support local business");
    galley_doc_free(d);
}
END_TEST

START_TEST(fields_from_meta)
{
    galley_doc *d = run_fixture("comments.html", GALLEY_OK);
    ck_assert_str_eq(galley_doc_field(d, "title"), "Harbour bridge reopens after repairs");
    ck_assert_str_eq(galley_doc_field(d, "author"), "Mara Linden");
    ck_assert_str_eq(galley_doc_field(d, "date"), "2024-03-05T08:30:00Z");
    ck_assert_str_eq(galley_doc_field(d, "site_name"), "The Coastal Gazette");
    ck_assert_str_eq(galley_doc_field(d, "lang"), "en-GB");
    ck_assert_str_eq(galley_doc_field(d, "url"), "https://gazette.example/news/harbour-bridge");
    ck_assert_str_eq(galley_doc_field(d, "description"),
                     "The harbour bridge carries traffic again after eight months of work.");
    galley_doc_free(d);
}
END_TEST

START_TEST(fields_from_jsonld)
{
    galley_doc *d = run_fixture("sharebar.html", GALLEY_OK);
    /* <title> is "Orchard Notes - How to..."; the site's name goes */
    ck_assert_str_eq(galley_doc_field(d, "title"), "How to prune an old apple tree");
    ck_assert_str_eq(galley_doc_field(d, "date"), "2023-11-12T10:00:00+01:00");
    ck_assert_uint_eq(galley_doc_field_count(d, "author"), 2);
    ck_assert_str_eq(galley_doc_field_value(d, "author", 0, NULL), "Tomas Berg");
    ck_assert_str_eq(galley_doc_field_value(d, "author", 1, NULL), "Ilse Moor");
    ck_assert_str_eq(galley_doc_field(d, "site_name"), "Orchard Notes");
    galley_doc_free(d);
}
END_TEST

START_TEST(title_site_suffix_and_time_element)
{
    const char *page =
        "<!DOCTYPE html><html><head><title>Night trains return to the valley - Rail Weekly</title>"
        "</head><body><article><h1>Night trains return to the valley</h1>"
        "<p>Posted <time datetime=\"2022-09-01T21:15:00+02:00\">1 Sept</time></p>"
        "<p>By Ada Brunel | Rail correspondent</p>"
        "<p><img src=\"train.jpg\"></p><p>Jo Bloggs | Getty Images</p>"
        "<p>By the end of the year, the night train will stop in four more towns.</p>"
        "<p>The sleeper service between the two cities starts again in December after a break "
        "of twelve years, with new carriages and a restaurant car that serves breakfast.</p>"
        "<p>Tickets go on sale next month, and the operator expects the first weeks to sell "
        "out quickly because of the holiday season.</p></article></body></html>";
    galley_doc *d = galley_doc_new();
    ck_assert_int_eq(run_raw(d, NULL, page, strlen(page), NULL), GALLEY_OK);
    ck_assert_str_eq(galley_doc_field(d, "title"), "Night trains return to the valley");
    ck_assert_str_eq(galley_doc_field(d, "date"), "2022-09-01T21:15:00+02:00");
    HAS(d, "The sleeper service between the two cities");
    HASNT(d, "Night trains return");    /* the title is a field, not text */
    HASNT(d, "Ada Brunel");             /* a byline */
    HASNT(d, "Getty");                  /* a picture's credit */
    HAS(d, "By the end of the year, the night train");
    galley_doc_free(d);
}
END_TEST

START_TEST(logo_h1_and_byline)
{
    const char *page =
        "<html><head><title>Heron nests on the town hall roof - Riverside Post</title></head>"
        "<body><header><h1 class=\"logo\">Riverside Post</h1>"
        "<div class=\"byline\">By <span itemprop=\"author\">Nora Quill</span></div></header>"
        "<div class=\"story\"><p>A grey heron has built its nest on the flat roof of the town "
        "hall, and the council has closed the roof terrace until the chicks have flown.</p>"
        "<p>Birdwatchers have set up a telescope in the square, and the library lends "
        "binoculars to anyone who asks at the desk.</p></div></body></html>";
    galley_doc *d = galley_doc_new();
    ck_assert_int_eq(run_raw(d, NULL, page, strlen(page), "text/html"), GALLEY_OK);
    ck_assert_str_eq(galley_doc_field(d, "title"), "Heron nests on the town hall roof");
    ck_assert_str_eq(galley_doc_field(d, "author"), "Nora Quill");
    HASNT(d, "Riverside Post");
    HASNT(d, "Nora Quill");
    galley_doc_free(d);
}
END_TEST

START_TEST(fields_option_off)
{
    size_t len;
    char *buf = slurp("comments.html", &len);
    galley_doc *d = galley_doc_new();
    const char *opts[] = { "fields=false", NULL };
    ck_assert_int_eq(run_raw(d, opts, buf, len, "text/html"), GALLEY_OK);
    ck_assert_ptr_null(galley_doc_field(d, "title"));
    ck_assert_ptr_null(galley_doc_field(d, "author"));
    HAS(d, "The harbour bridge reopened");
    free(buf);
    galley_doc_free(d);
}
END_TEST

START_TEST(plain_text_passes_through)
{
    const char *text = "Plain title\n\nA plain-text article about <html> tags, "
                       "which mentions markup but is not a web page.\n";
    char err[256];
    galley_test *t = galley_test_open(&html_LTX_galley_plugin, NULL, err, sizeof err);
    ck_assert_ptr_nonnull(t);
    galley_doc *d = galley_doc_new();
    galley_doc_set_text(d, text, strlen(text));
    galley_doc_set_content_type(d, "text/plain");
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
    ck_assert_str_eq(text_of(d), text);
    ck_assert_uint_eq(galley_doc_nkeys(d), 0);
    galley_doc_free(d);
    ck_assert_int_eq(galley_test_close(t, err, sizeof err), GALLEY_OK);
}
END_TEST

START_TEST(html_text_sniffed)
{
    /* no content type: the fetcher's UTF-8 text is recognised as a page */
    const char *page = "\n  <!doctype html><html><body><div class=\"story\"><p>Sniffed pages "
                       "are extracted too, because they start like a web page and carry "
                       "enough text to be an article.</p></div>"
                       "<nav><a href=\"/\">Home</a></nav></body></html>";
    char err[256];
    galley_test *t = galley_test_open(&html_LTX_galley_plugin, NULL, err, sizeof err);
    galley_doc *d = galley_doc_new();
    galley_doc_set_text(d, page, strlen(page));
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
    ck_assert_str_eq(text_of(d), "Sniffed pages are extracted too, because they start like "
                     "a web page and carry enough text to be an article.");
    galley_doc_free(d);
    ck_assert_int_eq(galley_test_close(t, err, sizeof err), GALLEY_OK);
}
END_TEST

START_TEST(br_breaks)
{
    const char *page = "<html><body><div id=\"story\">First line of a poem by the sea,<br>"
                       "second line where the gulls cry over the harbour wall.<br><br>"
                       "A new paragraph after two breaks, long enough to be article text."
                       "</div></body></html>";
    galley_doc *d = galley_doc_new();
    ck_assert_int_eq(run_raw(d, NULL, page, strlen(page), "text/html"), GALLEY_OK);
    ck_assert_str_eq(text_of(d), "First line of a poem by the sea,\nsecond line where the "
                     "gulls cry over the harbour wall.\n\nA new paragraph after two breaks, "
                     "long enough to be article text.");
    galley_doc_free(d);
}
END_TEST

START_TEST(pre_keeps_lines)
{
    const char *page = "<html><body><div class=\"post\"><p>The poem was found in a drawer of "
                       "the old desk, written on the back of a tram ticket.</p>"
                       "<pre>\nRain on the tram roof,\n   the conductor hums along,\n"
                       "   nobody gets off.\n</pre></div></body></html>";
    galley_doc *d = galley_doc_new();
    ck_assert_int_eq(run_raw(d, NULL, page, strlen(page), "text/html"), GALLEY_OK);
    ck_assert_str_eq(text_of(d), "The poem was found in a drawer of the old desk, written on "
                     "the back of a tram ticket.\n\nRain on the tram roof,\n   the conductor "
                     "hums along,\n   nobody gets off.");
    galley_doc_free(d);
}
END_TEST

START_TEST(scripts_and_look_alikes)
{
    const char *page =
        "<html><head><script type=\"application/ld+json\">//<![CDATA[\n{\"@type\": "
        "\"NewsArticle\", \"headline\": \"Lighthouse keeper retires\", "
        "\"datePublished\": \"2021-04-02\"};\n//]]></script><style>p:before { content: \"<p>styled</p>\"; }</style></head><body>"
        "<!-- <script> a commented-out tag hides nothing --><div class=\"story\">"
        "<p title=\"<script>\">The lighthouse keeper climbed the stairs for the last time on "
        "Friday, after thirty years of winding the clockwork lamp by hand.</p>"
        "<SCRIPT>document.write('</div><p>injected by a script</p>');</SCRIPT>"
        "<svg viewBox=\"0 0 10 10\"><text>an icon's label</text></svg>"
        "<svg><svg><rect/></svg><text>a nested icon's label</text></svg>"
        "<!-- <p>a commented-out paragraph</p> -->"
        "<p>His daughter will keep the key, and the light itself has run on its own since "
        "the automatic lamp was fitted in the spring.</p></div></body></html>";
    galley_doc *d = galley_doc_new();
    ck_assert_int_eq(run_raw(d, NULL, page, strlen(page), "text/html"), GALLEY_OK);
    ck_assert_str_eq(text_of(d), "The lighthouse keeper climbed the stairs for the last time "
                     "on Friday, after thirty years of winding the clockwork lamp by hand.\n\n"
                     "His daughter will keep the key, and the light itself has run on its own "
                     "since the automatic lamp was fitted in the spring.");
    ck_assert_str_eq(galley_doc_field(d, "title"), "Lighthouse keeper retires");
    ck_assert_str_eq(galley_doc_field(d, "date"), "2021-04-02");
    galley_doc_free(d);
}
END_TEST

START_TEST(charset_of_raw_bytes)
{
    galley_doc *d = run_fixture("latin1.html", GALLEY_OK);
    HAS(d, "The caf\xc3\xa9 on the corner");
    HAS(d, "cr\xc3\xa8me br\xc3\xbbl\xc3\xa9""e");
    ck_assert_str_eq(galley_doc_field(d, "title"), "Caf\xc3\xa9 culture");
    galley_doc_free(d);
}
END_TEST

START_TEST(broken_page_survives)
{
    galley_doc *d = run_fixture("broken.html", GALLEY_OK);
    HAS(d, "This page has unclosed tags");
    HASNT(d, "document.write");
    galley_doc_free(d);
    /* random bytes that merely start like HTML */
    char junk[4096];
    unsigned x = 12345;
    memcpy(junk, "<html>", 6);
    for (size_t i = 6; i < sizeof junk; i++) {
        x = x * 1103515245u + 12345u;
        junk[i] = (char)(x >> 16);
    }
    const char *opts[] = { "on_empty=keep", NULL };
    d = galley_doc_new();
    ck_assert_int_eq(run_raw(d, opts, junk, sizeof junk, "text/html"), GALLEY_OK);
    galley_doc_free(d);
    /* class, id and style values longer than any buffer */
    char *big = malloc(8192);
    size_t n = (size_t)sprintf(big, "<html><body><div class=\"");
    for (int k = 0; k < 700; k++)
        big[n++] = 'c';
    n += (size_t)sprintf(big + n, "\" id=\"");
    for (int k = 0; k < 700; k++)
        big[n++] = 'i';
    n += (size_t)sprintf(big + n, "\" style=\"");
    for (int k = 0; k < 700; k++)
        big[n++] = ' ';
    n += (size_t)sprintf(big + n, "display:none\"><p>Hidden behind long attribute values, "
                         "this paragraph is not shown.</p></div><p>A visible paragraph follows "
                         "the long attributes, with words enough to count.</p></body></html>");
    d = galley_doc_new();
    ck_assert_int_eq(run_raw(d, NULL, big, n, "text/html"), GALLEY_OK);
    HAS(d, "A visible paragraph follows");
    HASNT(d, "Hidden behind");
    galley_doc_free(d);
    free(big);
}
END_TEST

START_TEST(ten_thousand_nested_divs)
{
    const char *inner = "<p>Deep inside ten thousand divs there is a paragraph of text.</p>";
    size_t depth = 10000, len = 0;
    char *page = malloc(depth * 11 + 200);
    len += (size_t)sprintf(page, "<html><body><p>A first paragraph before the nest, with "
                           "words enough to count as article text.</p>");
    for (size_t i = 0; i < depth; i++)
        len += (size_t)sprintf(page + len, "<div>");
    len += (size_t)sprintf(page + len, "%s", inner);
    for (size_t i = 0; i < depth; i++)
        len += (size_t)sprintf(page + len, "</div>");
    len += (size_t)sprintf(page + len, "</body></html>");
    galley_doc *d = galley_doc_new();
    /* libxml2 stops at its depth limit without XML_PARSE_HUGE: what came
     * before the nest is kept, and nothing crashes or hangs */
    ck_assert_int_eq(run_raw(d, NULL, page, len, "text/html"), GALLEY_OK);
    HAS(d, "A first paragraph before the nest");
    galley_doc_free(d);
    /* the nest alone: a failure that says why */
    d = galley_doc_new();
    ck_assert_int_eq(run_raw(d, NULL, strstr(page, "<div>"), len - (size_t)(strstr(page, "<div>") - page),
                             "text/html"), GALLEY_ERROR);
    ck_assert_ptr_nonnull(strstr(galley_doc_error(d), "stopped reading"));
    ck_assert_ptr_nonnull(strstr(galley_doc_error(d), "depth"));
    galley_doc_free(d);
    free(page);
}
END_TEST

START_TEST(empty_page_options)
{
    const char *page = "<html><body><nav><a href=\"/\">Home</a></nav></body></html>";
    galley_doc *d = galley_doc_new();
    ck_assert_int_eq(run_raw(d, NULL, page, strlen(page), "text/html"), GALLEY_ERROR);
    ck_assert_ptr_nonnull(strstr(galley_doc_error(d), "on_empty"));
    galley_doc_free(d);
    const char *skip[] = { "on_empty=skip", NULL };
    d = galley_doc_new();
    ck_assert_int_eq(run_raw(d, skip, page, strlen(page), "text/html"), GALLEY_SKIP);
    galley_doc_free(d);
    const char *keep[] = { "on_empty=keep", NULL };
    d = galley_doc_new();
    ck_assert_int_eq(run_raw(d, keep, page, strlen(page), "text/html"), GALLEY_OK);
    ck_assert_str_eq(text_of(d), "");
    galley_doc_free(d);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("clean/html");
    TCase *tc = tcase_create("html");
    tcase_add_test(tc, comments_and_furniture_dropped);
    tcase_add_test(tc, tool_lines_dropped);
    tcase_add_test(tc, paragraph_structure);
    tcase_add_test(tc, share_bar_and_related_dropped);
    tcase_add_test(tc, nested_layout_tables);
    tcase_add_test(tc, side_column_beside_article_cell);
    tcase_add_test(tc, advertisement_cell_beside_article_cell);
    tcase_add_test(tc, fields_from_meta);
    tcase_add_test(tc, fields_from_jsonld);
    tcase_add_test(tc, title_site_suffix_and_time_element);
    tcase_add_test(tc, logo_h1_and_byline);
    tcase_add_test(tc, fields_option_off);
    tcase_add_test(tc, plain_text_passes_through);
    tcase_add_test(tc, html_text_sniffed);
    tcase_add_test(tc, br_breaks);
    tcase_add_test(tc, pre_keeps_lines);
    tcase_add_test(tc, scripts_and_look_alikes);
    tcase_add_test(tc, charset_of_raw_bytes);
    tcase_add_test(tc, broken_page_survives);
    tcase_add_test(tc, ten_thousand_nested_divs);
    tcase_add_test(tc, empty_page_options);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return ck_run(suite());
}
