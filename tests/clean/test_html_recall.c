/* tests/clean/test_html_recall.c - the clean `html` plugin on small pages of
 * each class it used to get wrong: a bio box beside the article, hidden
 * templates, an article cut into page-builder blocks, a recipe with a table,
 * damaged UTF-8, NUL bytes, soft hyphens, &#146;-style references, an
 * unclosed <header>, a service page of short sections in <main>, headlines
 * listed after an article, a teaser box named like an article body, a story
 * in wrappers that score nearly as well as it does, a column of quotes
 * beside a short story, a column of links beside a story, a comment form
 * named like content, readers' comments after a story (and after a pruned
 * column, or after the anchor that leads to them), a site's "related to this
 * story", "other news" or trackbacks after it, a ticker of headlines or
 * links to the previous and next story after it, stray end tags between
 * sentences, a wire story's copyright line (and nothing after it), script
 * source let out of the head by a lost <script> start tag. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <galley/galley.h>
#include <galley/testing.h>
#include "../ckhelp.h"

#include "htmlcheck.h"

START_TEST(bio_box_beside_article)
{
    galley_doc *d = run_fixture("bio.html", GALLEY_OK);
    HAS(d, "Beekeepers across the valley lost about a third");
    HAS(d, "starved before the weather turned.");
    HASNT(d, "Lindqvist");
    HASNT(d, "courgettes");
    galley_doc_free(d);
}
END_TEST

START_TEST(hidden_templates_skipped)
{
    galley_doc *d = run_fixture("template.html", GALLEY_OK);
    ck_assert_str_eq(text_of(d), "Night trains between the capital and the coast return "
                     "next month after a break of twelve years.\n\nThe operator will run "
                     "three trains a week at first, with sleeping cars and a dining car.");
    galley_doc_free(d);
}
END_TEST

START_TEST(fragmented_article_merged)
{
    /* six one-paragraph blocks under page-builder "widget" names, and one
     * long bio paragraph that outscores each of them alone */
    galley_doc *d = run_fixture("fragmented.html", GALLEY_OK);
    HAS(d, "The old lighthouse on the point has a new keeper");
    HAS(d, "to check the lamp.\n\nClimbing the tower\n\nThe light itself");
    HAS(d, "when the keeper gives tours.");
    HASNT(d, "Tom Hale");
    galley_doc_free(d);
}
END_TEST

START_TEST(recipe_table_list_headings_and_lede)
{
    galley_doc *d = run_fixture("recipe.html", GALLEY_OK);
    const char *t = text_of(d);
    ck_assert_msg(!strncmp(t, "A plum cake for late summer, when the trees", 43),
                  "no lede first:\n%s", t);
    HAS(d, "fruit.\n\nIngredients\n\n250 g flour\n\n125 g butter");
    HAS(d, "12 ripe plums\n\nMethod\n\nRub the butter");
    HAS(d, "bake for forty minutes.\n\nServe the cake warm");
    HASNT(d, "Recipes");
    HASNT(d, "All rights reserved");
    HASNT(d, "Plum cake with a crumble top");  /* the title: a field */
    galley_doc_free(d);
}
END_TEST

START_TEST(service_sections_in_main)
{
    /* one long paragraph outscores each short section alone; <main>
     * holds them all, the menu and the footer stay out */
    galley_doc *d = run_fixture("service.html", GALLEY_OK);
    HAS(d, "We repair slate, tile and metal roofs");
    HAS(d, "Gutters cleared\n\nEvery spring and autumn, from a ladder or a lift.");
    HAS(d, "Free survey\n\nA roofer calls within the week.");
    HASNT(d, "Gutters\nContact");
    HASNT(d, "Quay Street");
    galley_doc_free(d);
}
END_TEST

START_TEST(headline_links_after_article)
{
    /* an old table layout: "more headlines", one link a line, in the
     * article's own cell */
    galley_doc *d = run_fixture("morelinks.html", GALLEY_OK);
    HAS(d, "watched by a crowd of neighbours");
    HAS(d, "when they first looked at them.");
    HASNT(d, "Ferry fares rise in spring");
    HASNT(d, "School closes for the storm");
    galley_doc_free(d);
}
END_TEST

START_TEST(article_body_name_on_a_teaser_box)
{
    /* a side column's teaser box named "articleText" (two sentences) beside
     * the article in an unnamed block: the name alone made the teaser the
     * content, and the fallback then added it to the article */
    galley_doc *d = run_fixture("teaserbox.html", GALLEY_OK);
    HAS(d, "The harbour ferry will keep running through the winter");
    HAS(d, "which the authority said it would consider in the spring.");
    HASNT(d, "A new staging of an old comedy");
    galley_doc_free(d);
}
END_TEST

START_TEST(story_in_scored_wrappers)
{
    /* the story's body sits in two wrappers that score nearly as well as
     * it does, and a teaser box scores well further down the page: the
     * wrappers are no other chunks of the article, so the box stays out */
    galley_doc *d = run_fixture("wrappers.html", GALLEY_OK);
    HAS(d, "Night buses will run between the valley towns again");
    HAS(d, "gathered more than four thousand names.");
    HASNT(d, "A late goal settled it");
    HASNT(d, "The town choir");
    galley_doc_free(d);
}
END_TEST

START_TEST(column_of_quotes_beside_a_short_story)
{
    /* a column of one-line review quotes beside the story: it scores a
     * good deal less than the story, but more than a fifth of it */
    galley_doc *d = run_fixture("sidecolumn.html", GALLEY_OK);
    HAS(d, "The town library will open on Sundays");
    HAS(d, "as the council has promised.");
    HASNT(d, "crackle with talent");
    HASNT(d, "A slow film");
    galley_doc_free(d);
}
END_TEST

START_TEST(link_column_does_not_lift_the_choice)
{
    /* a column of forum links, each over a line of description, beside
     * the story: its paragraphs make the wrapper of both score above the
     * story's own column, yet what it adds is links */
    galley_doc *d = run_fixture("linkcolumn.html", GALLEY_OK);
    HAS(d, "The first bed with a music dock");
    HAS(d, "to buyers who sleep beside a snorer.");
    HASNT(d, "Help and advice");
    HASNT(d, "Kick back");
    galley_doc_free(d);
}
END_TEST

START_TEST(comment_form_is_no_candidate)
{
    /* an old layout's story in one table cell (few paragraph units, a low
     * score) and a comment box whose name ("postbox", in "tabcontent")
     * outscores it: a block of form fields is a place to write */
    galley_doc *d = run_fixture("commentform.html", GALLEY_OK);
    HAS(d, "I caught the new film about the girl from the valley");
    HAS(d, "and mostly good at that.");
    HASNT(d, "keep your comments civil");
    galley_doc_free(d);
}
END_TEST

START_TEST(readers_comments_after_article)
{
    /* comments with no markup of their own, in the article's block */
    galley_doc *d = run_fixture("oldcomments.html", GALLEY_OK);
    HAS(d, "The premiers met the prime minister for dinner");
    HAS(d, "not after it has passed.");
    HASNT(d, "Comments are now closed");
    HASNT(d, "Stephen B");
    HASNT(d, "a drain on everyone");
    galley_doc_free(d);
}
END_TEST

START_TEST(comments_cut_do_not_undo_pruning)
{
    /* a block holding a column of links and a poll, the story and readers'
     * comments: pruning takes the column, the comments go at "Thanks for
     * your comments", and what is left is under half the block; the
     * comments were no pruning, so the column stays out */
    galley_doc *d = run_fixture("prunedcomments.html", GALLEY_OK);
    HAS(d, "Two defenders have been recalled");
    HAS(d, "Rovers: Davis; Thomas");
    HASNT(d, "clampers");
    HASNT(d, "high street");
    HASNT(d, "About time the captain");
    galley_doc_free(d);
}
END_TEST

START_TEST(comments_anchor_ends_the_article)
{
    /* readers' comments in the story's block, with no line that opens
     * them: the <a name="comments"> the page's links jump to does */
    galley_doc *d = run_fixture("commentsanchor.html", GALLEY_OK);
    HAS(d, "The county's fast bowler will soon be turning");
    HAS(d, "stress fracture in his shin has healed.");
    HASNT(d, "advice from his cousin");
    HASNT(d, "acting as cricketers");
    galley_doc_free(d);

    /* the anchor in a heading box that is dropped for its name */
    const char *page = "<html><body><div id=\"fullstory\">"
        "<p>The council voted on Tuesday to keep the old library open for another "
        "year, after three hundred people signed a letter asking it to.</p>"
        "<p>The building needs a new roof, which will cost more than the council "
        "had hoped, the treasurer told the meeting.</p>"
        "<div class=\"hednavy\"><a name=\"comment\"></a><img src=\"c.gif\"></div>"
        "<div><p>The following are comments from the readers. In no way do they "
        "represent the view of this newspaper.</p>"
        "<p>Comment entries are limited to one hundred words, and they will be "
        "monitored for language.</p></div>"
        "</div></body></html>";
    d = run_page(page);
    HAS(d, "the treasurer told the meeting.");
    HASNT(d, "The following are comments");
    HASNT(d, "one hundred words");
    galley_doc_free(d);
}
END_TEST

START_TEST(site_lines_end_the_article)
{
    /* what old news sites put after the story in its own block: a call for
     * comments, "Related to this story:" and a list of links */
    const char *page = "<html><body><div id=\"story\">"
        "<p>The council voted on Tuesday to keep the old library open for another "
        "year, after three hundred people signed a letter asking it to.</p>"
        "<p>The building needs a new roof, which will cost more than the council "
        "had hoped, the treasurer told the meeting.</p>"
        "<p><b>Do you have comments on this story?</b></p>"
        "<p>Please post your comments in the forum, and use the story's title as "
        "the subject of your post so that readers can find the thread again.</p>"
        "<p>Related to this story:</p>"
        "<p>Swimming pool to close for repairs (2 Jan | Local news)<br>"
        "New bus timetable from March (1 Jan | Local news)</p>"
        "</div></body></html>";
    galley_doc *d = run_page(page);
    HAS(d, "The council voted on Tuesday");
    HAS(d, "the treasurer told the meeting.");
    HASNT(d, "Do you have comments");
    HASNT(d, "post your comments in the forum");
    HASNT(d, "Swimming pool");
    galley_doc_free(d);

    /* "Related to this story:" alone, after a story */
    const char *page2 = "<html><body><div id=\"story\">"
        "<p>The council voted on Tuesday to keep the old library open for another "
        "year, after three hundred people signed a letter asking it to.</p>"
        "<p>The building needs a new roof, which will cost more than the council "
        "had hoped, the treasurer told the meeting.</p>"
        "<p>Related to this story:</p>"
        "<p>Swimming pool to close for repairs, says the leisure department, as the "
        "roof over the deep end is not safe (2 Jan | Local news)</p>"
        "</div></body></html>";
    d = run_page(page2);
    HAS(d, "the treasurer told the meeting.");
    HASNT(d, "Related to this story");
    HASNT(d, "Swimming pool");
    galley_doc_free(d);
}
END_TEST

START_TEST(other_news_and_trackbacks_end_the_article)
{
    /* a radio site's "Other news" after its story, a blog's trackbacks
     * after its post; "Other newspapers ..." is a sentence of the story */
    const char *page = "<html><body><div class=\"newsstory\">"
        "<p>The council voted on Tuesday to keep the old library open for another "
        "year, after three hundred people signed a letter asking it to.</p>"
        "<p>The building needs a new roof, which will cost more than the council "
        "had hoped, the treasurer told the meeting.</p>"
        "<p>Other newspapers reported the vote on Wednesday.</p>"
        "<h3>Other news</h3>"
        "<p>The Herald reports that the mayor plans to break the election laws "
        "this month to force a test case in court.</p>"
        "</div></body></html>";
    galley_doc *d = run_page(page);
    HAS(d, "the treasurer told the meeting.");
    HAS(d, "Other newspapers reported the vote");
    HASNT(d, "Other news\n");
    HASNT(d, "The Herald reports");
    galley_doc_free(d);

    const char *page2 = "<html><body><div class=\"post\">"
        "<p>The council voted on Tuesday to keep the old library open for another "
        "year, after three hundred people signed a letter asking it to.</p>"
        "<p>The building needs a new roof, which will cost more than the council "
        "had hoped, the treasurer told the meeting.</p>"
        "<h3>TrackBack</h3>"
        "<p>Listed below are links to weblogs that reference the library vote, "
        "from readers who wrote about it on their own sites.</p>"
        "</div></body></html>";
    d = run_page(page2);
    HAS(d, "the treasurer told the meeting.");
    HASNT(d, "TrackBack");
    HASNT(d, "Listed below are links");
    galley_doc_free(d);
}
END_TEST

START_TEST(headline_ticker_after_the_story)
{
    /* other stories' headlines, links run together in one line (a ticker
     * with no separators) after the story */
    const char *page = "<html><body><div id=\"story\">"
        "<p>The council voted on Tuesday to keep the old library open for another "
        "year, after three hundred people signed a letter asking it to, and after "
        "the head librarian said the branch lends more books than any other in "
        "the county, and that its reading room is full every afternoon.</p>"
        "<p>The building needs a new roof, which will cost more than the council "
        "had hoped, the treasurer told the meeting.</p>"
        "<p><a href=\"/1\">Rovers sign a new keeper on loan</a>"
        "<a href=\"/2\">Swimming pool to close for repairs in March</a>"
        "<a href=\"/3\">New bus timetable from the spring</a>"
        "<a href=\"/4\">Bakery opens on the market square</a>"
        "<a href=\"/5\">Choir to tour abroad this summer</a>"
        "<a href=\"/6\">Harbour wall to be rebuilt before winter</a></p>"
        "</div></body></html>";
    galley_doc *d = run_page(page);
    HAS(d, "the treasurer told the meeting.");
    HASNT(d, "Rovers sign");
    HASNT(d, "Choir to tour");
    galley_doc_free(d);
}
END_TEST

START_TEST(previous_and_next_story_lines_dropped)
{
    /* the links to the neighbouring stories, longer than a comments line */
    const char *page = "<html><body><div id=\"story\">"
        "<p>The council voted on Tuesday to keep the old library open for another "
        "year, after three hundred people signed a letter asking it to.</p>"
        "<p>The building needs a new roof, which will cost more than the council "
        "had hoped, the treasurer told the meeting.</p>"
        "<p>Previous story: <a href=\"/1\">Swimming pool to close for repairs "
        "after the roof over the deep end failed its inspection</a></p>"
        "<p>Next story: <a href=\"/2\">Choir to tour abroad</a></p>"
        "</div></body></html>";
    galley_doc *d = run_page(page);
    HAS(d, "the treasurer told the meeting.");
    HASNT(d, "Swimming pool");
    HASNT(d, "Choir to tour");
    galley_doc_free(d);
}
END_TEST

START_TEST(stray_end_tags_break_the_text)
{
    /* a </p> with no paragraph open is an empty paragraph to a browser, a
     * </br> a line break: the words on either side stay apart */
    const char *page = "<html><body><div>The seeded player lost in the first round "
        "of the open tournament here on Monday.</p>Vardhan was never in the frame "
        "against the Frenchman, who won in straight sets.</br>He plays again on "
        "Wednesday, weather permitting, on the centre court.</div></body></html>";
    galley_doc *d = run_page(page);
    HAS(d, "on Monday.\n\nVardhan was never");
    HAS(d, "straight sets.\nHe plays again");
    HASNT(d, "Monday.Vardhan");
    galley_doc_free(d);
}
END_TEST

START_TEST(wire_credit_kept_with_story)
{
    /* the agency's copyright line that closes a wire story is part of it
     * (it ships with the text); a site footer's is not */
    const char *page = "<html><body><div id=\"story\">"
        "<p>A snake that swallowed two golf balls it took for hen's eggs was saved "
        "by a vet on Thursday, its owners said.</p>"
        "<p>The balls were taken out in an hour-long operation, and the snake was "
        "eating again by the weekend.</p>"
        "<p>Copyright 2008 The Associated Press. All rights reserved. This material "
        "may not be published, broadcast, rewritten or redistributed.</p>"
        "</div><footer><p>Copyright 2008 The Daily Courier. All rights reserved."
        "</p></footer></body></html>";
    galley_doc *d = run_page(page);
    HAS(d, "eating again by the weekend.\n\nCopyright 2008 The Associated Press.");
    HASNT(d, "Daily Courier");
    galley_doc_free(d);
}
END_TEST

START_TEST(nothing_after_the_closing_copyright_line)
{
    /* the copyright line closes the story; the other stories' teasers and
     * readers' posts the site puts after it, in the same block, are not it */
    const char *page = "<html><body><div id=\"story\">"
        "<p>A snake that swallowed two golf balls it took for hen's eggs was saved "
        "by a vet on Thursday, its owners said.</p>"
        "<p>The balls were taken out in an hour-long operation, and the snake was "
        "eating again by the weekend.</p>"
        "<p>Vets say pet snakes often mistake round objects for eggs, and that owners "
        "should keep golf balls out of reach.</p>"
        "<p>\xc2\xa9 2008 Courier Media</p>"
        "<p>Other News in Science</p>"
        "<p>Scientists at a lab in the north said on Thursday that they had grown a "
        "new kind of crystal in space, the first of its kind, after years of work.</p>"
        "<p>The council has approved a plan to spend seven million on a water park "
        "beside the river, in an attempt to draw more visitors in winter.</p>"
        "</div></body></html>";
    galley_doc *d = run_page(page);
    HAS(d, "out of reach.\n\n\xc2\xa9 2008 Courier Media");
    HASNT(d, "crystal");
    HASNT(d, "water park");
    galley_doc_free(d);
}
END_TEST

START_TEST(section_teasers_after_the_story)
{
    /* "Also in National" and "Thanks for your comments - this feedback is
     * now closed": a site's lines after its story, and what follows them */
    const char *page = "<html><body><div id=\"story\">"
        "<p>The city will plant four thousand trees along its main roads this "
        "winter, the council said on Monday, the largest planting in decades.</p>"
        "<p>Most will be oaks and limes, chosen because they stand up to the salt "
        "spread on the roads in cold weather.</p>"
        "<p>Work starts in November on the ring road and moves to the centre by spring.</p>"
        "<p>Also in National</p>"
        "<p>Farmers in the east have asked the government for help after a dry summer "
        "cut their harvest by a third, the second poor year in a row for many.</p>"
        "<p>Thanks for your comments - this feedback is now closed</p>"
        "<p>Great news, about time the council did something for the roads round here.</p>"
        "</div></body></html>";
    galley_doc *d = run_page(page);
    HAS(d, "moves to the centre by spring.");
    HASNT(d, "Farmers");
    galley_doc_free(d);
    const char *p2 = "<html><body><div id=\"story\">"
        "<p>The city will plant four thousand trees along its main roads this "
        "winter, the council said on Monday, the largest planting in decades.</p>"
        "<p>Most will be oaks and limes, chosen because they stand up to the salt "
        "spread on the roads in cold weather.</p>"
        "<p>Work starts in November on the ring road and moves to the centre by spring.</p>"
        "<p>Thanks for your comments - this feedback is now closed</p>"
        "<p>Great news, about time the council did something for the roads round here.</p>"
        "</div></body></html>";
    d = run_page(p2);
    HAS(d, "moves to the centre by spring.");
    HASNT(d, "Great news");
    galley_doc_free(d);
}
END_TEST

START_TEST(declared_utf8_with_one_bad_byte)
{
    galley_doc *d = run_fixture("badbyte.html", GALLEY_OK);
    HAS(d, "Le march\xc3\xa9 de la place ouvre \xc3\xa0 sept heures");
    HAS(d, "Cet \xef\xbf\xbdt\xc3\xa9, les fraises sont arriv\xc3\xa9""es");
    HASNT(d, "\xc3\x83");     /* no "Ã": the page was not re-read as Latin-1 */
    ck_assert_str_eq(galley_doc_field(d, "charset_replaced"), "1");
    galley_doc_free(d);
}
END_TEST

START_TEST(nul_bytes_in_page)
{
    galley_doc *d = run_fixture("nul.html", GALLEY_OK);
    ck_assert_str_eq(text_of(d), "The harbour wall was repaired over the winter, stone by "
                     "stone, by a team of six masons.\n\nBoats can moor along its whole "
                     "length again from May, the harbour master said.");
    galley_doc_free(d);
}
END_TEST

START_TEST(soft_hyphens_removed)
{
    const char *page = "<html><body><article><p>The extra\xc2\xad" "ordinary bridge "
        "over the river was com\xc2\xadpleted on Friday, after nine years of work.</p>"
        "</article></body></html>";
    galley_doc *d = galley_doc_new();
    ck_assert_int_eq(run_raw(d, NULL, page, strlen(page), "text/html"), GALLEY_OK);
    ck_assert_str_eq(text_of(d), "The extraordinary bridge over the river was completed "
                     "on Friday, after nine years of work.");
    galley_doc_free(d);
}
END_TEST

START_TEST(windows_1252_references_are_the_characters_meant)
{
    /* &#146; is U+0092, a control; pages mean Windows-1252's quote by it, and
     * browsers show that.  &#129; has no Windows-1252 character: kept. */
    const char *page = "<html><head><title>The mayor&#146;s plan</title></head>"
        "<body><article><p>The mayor&#146;s &#147;new deal&#148; "
        "&#151; a &#128;5m plan&#133; &#129;</p>"
        "<pre>cost&#150;benefit</pre></article></body></html>";
    galley_doc *d = galley_doc_new();
    ck_assert_int_eq(run_raw(d, NULL, page, strlen(page), "text/html"), GALLEY_OK);
    ck_assert_str_eq(text_of(d), "The mayor\u2019s \u201cnew deal\u201d \u2014 a "
                     "\u20ac" "5m plan\u2026 \xc2\x81\n\ncost\u2013" "benefit");
    ck_assert_str_eq(galley_doc_field(d, "title"), "The mayor\u2019s plan");
    galley_doc_free(d);
}
END_TEST

START_TEST(unclosed_header_swallowing_the_page)
{
    /* libxml2 nests everything after an unclosed <header> inside it */
    const char *page = "<html><body><header><a href=\"/\">Home</a><div class=\"menu\">"
        "<p><a href=\"/a\">News</a></p></div>"
        "<div class=\"content\"><p>The night ferry to the islands will run all year from "
        "October, the operator said, after a winter trial carried more people than hoped.</p>"
        "<p>Cabins can be booked from next week, and the first sailing leaves on the "
        "first of the month, weather permitting, at ten in the evening.</p>"
        "<p>Foot passengers pay the same fare as in summer, and cars a little less.</p>"
        "</div></body></html>";
    galley_doc *d = galley_doc_new();
    ck_assert_int_eq(run_raw(d, NULL, page, strlen(page), "text/html"), GALLEY_OK);
    HAS(d, "The night ferry to the islands will run all year");
    HAS(d, "cars a little less.");
    galley_doc_free(d);
}
END_TEST

START_TEST(head_script_without_its_start_tag)
{
    /* a page cut off inside its doctype: the <script> start tag is lost, so
     * the script's source reaches the text as browsers show it; what comes
     * before the page's own </head> is never article text */
    const char *page = "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
        "\"http://www.w*/\nvar offsetX=12 //tooltip offset\n"
        "document.write('<div id=\"tip\"></div>') //write out tooltip DIV\n"
        "function positiontip(e) { if (x<offsetX) { tipobj.style.left=x+\"px\" } }\n"
        "document.onmousemove=positiontip\n</script>\n"
        "<title>Startup shows first phone apps</title>\n</head>\n"
        "<body><p>A software company will show the first set of "
        "applications for the new open phone platform today, a report said.</p>"
        "<p>The suite includes a browser, a dialer, an audio player, a map, games and "
        "a calendar, running on an older handset.</p></body></html>";
    galley_doc *d = run_page(page);
    ck_assert_str_eq(text_of(d), "A software company will show the first set of "
                     "applications for the new open phone platform today, a report said."
                     "\n\nThe suite includes a browser, a dialer, an audio player, a map, "
                     "games and a calendar, running on an older handset.");
    ck_assert_str_eq(galley_doc_field(d, "title"), "Startup shows first phone apps");
    galley_doc_free(d);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("clean/html recall");
    TCase *tc = tcase_create("recall");
    tcase_add_test(tc, bio_box_beside_article);
    tcase_add_test(tc, hidden_templates_skipped);
    tcase_add_test(tc, fragmented_article_merged);
    tcase_add_test(tc, recipe_table_list_headings_and_lede);
    tcase_add_test(tc, service_sections_in_main);
    tcase_add_test(tc, headline_links_after_article);
    tcase_add_test(tc, article_body_name_on_a_teaser_box);
    tcase_add_test(tc, story_in_scored_wrappers);
    tcase_add_test(tc, column_of_quotes_beside_a_short_story);
    tcase_add_test(tc, link_column_does_not_lift_the_choice);
    tcase_add_test(tc, comment_form_is_no_candidate);
    tcase_add_test(tc, readers_comments_after_article);
    tcase_add_test(tc, comments_cut_do_not_undo_pruning);
    tcase_add_test(tc, comments_anchor_ends_the_article);
    tcase_add_test(tc, site_lines_end_the_article);
    tcase_add_test(tc, other_news_and_trackbacks_end_the_article);
    tcase_add_test(tc, headline_ticker_after_the_story);
    tcase_add_test(tc, previous_and_next_story_lines_dropped);
    tcase_add_test(tc, stray_end_tags_break_the_text);
    tcase_add_test(tc, wire_credit_kept_with_story);
    tcase_add_test(tc, nothing_after_the_closing_copyright_line);
    tcase_add_test(tc, section_teasers_after_the_story);
    tcase_add_test(tc, declared_utf8_with_one_bad_byte);
    tcase_add_test(tc, nul_bytes_in_page);
    tcase_add_test(tc, soft_hyphens_removed);
    tcase_add_test(tc, windows_1252_references_are_the_characters_meant);
    tcase_add_test(tc, unclosed_header_swallowing_the_page);
    tcase_add_test(tc, head_script_without_its_start_tag);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return ck_run(suite());
}
