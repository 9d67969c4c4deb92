/* tests/core/test_text_sentences.c - Check tests of the toolkit's sentence
 * splitter (galley_sent_*): abbreviations, initials, decimals, ellipses,
 * quotes, brackets, layout, PTB text and edge cases. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <galley/text.h>
#include "../ckhelp.h"

/* splits text and compares with the expected sentences (NULL-terminated) */
static void check_split(const char *text, const char *const *want)
{
    galley_sentencer it;
    size_t s, e, i = 0, len = strlen(text);
    galley_sent_init(&it, text, len);
    while (galley_sent_next(&it, &s, &e)) {
        ck_assert_msg(s < e && e <= len, "bad span [%zu, %zu)", s, e);
        ck_assert_msg(want[i] != NULL, "extra sentence \"%.*s\"", (int)(e - s), text + s);
        ck_assert_msg(e - s == strlen(want[i]) && memcmp(text + s, want[i], e - s) == 0,
                      "sentence %zu is \"%.*s\", expected \"%s\"", i,
                      (int)(e - s), text + s, want[i]);
        i++;
    }
    ck_assert_msg(want[i] == NULL, "missing sentence \"%s\"", want[i]);
}

#define SPLIT(text, ...) check_split(text, (const char *const[]){ __VA_ARGS__, NULL })

START_TEST(sent_basic)
{
    SPLIT("One. Two! Three? Four", "One.", "Two!", "Three?", "Four");
    SPLIT("  Leading and trailing space.  \n", "Leading and trailing space.");
}
END_TEST

START_TEST(sent_abbreviations)
{
    SPLIT("Mr. Smith met Gen. Mattis at 5 p.m. on Friday. Dr. Jones did not.",
          "Mr. Smith met Gen. Mattis at 5 p.m. on Friday.", "Dr. Jones did not.");
    SPLIT("\"We have been clear,\" said General John Nicholson Jr., the top US "
          "commander. He spoke in Kabul.",
          "\"We have been clear,\" said General John Nicholson Jr., the top US commander.",
          "He spoke in Kabul.");
    SPLIT("It sells to Apple Inc. The deal closed.",
          "It sells to Apple Inc.", "The deal closed.");
    SPLIT("He works for Acme Inc. and lives in Ohio.",
          "He works for Acme Inc. and lives in Ohio.");
    SPLIT("See e.g. The Times for details.", "See e.g. The Times for details.");
    SPLIT("Bring tea, cakes, etc. Then sit.", "Bring tea, cakes, etc.", "Then sit.");
}
END_TEST

START_TEST(sent_dotted_and_initials)
{
    SPLIT("critics of U.S. President Donald Trump. The President acted.",
          "critics of U.S. President Donald Trump.", "The President acted.");
    SPLIT("Muslims traveling to the U.S. The President later acted.",
          "Muslims traveling to the U.S.", "The President later acted.");
    SPLIT("It was held in Washington D.C. The team arrived.",
          "It was held in Washington D.C.", "The team arrived.");
    SPLIT("followed by General Joseph F. Dunford Jr., chairman of the Joint Chiefs.",
          "followed by General Joseph F. Dunford Jr., chairman of the Joint Chiefs.");
    SPLIT("J. R. R. Tolkien wrote it. It sold well.",
          "J. R. R. Tolkien wrote it.", "It sold well.");
    SPLIT("Visit www.example.co.nz. Names follow.",
          "Visit www.example.co.nz.", "Names follow.");
}
END_TEST

START_TEST(sent_numbers)
{
    SPLIT("It rose 3.5 percent to $1,000.50 in 2017. Prices fell.",
          "It rose 3.5 percent to $1,000.50 in 2017.", "Prices fell.");
    SPLIT("He was No. 1 in the Jan. 5 poll.", "He was No. 1 in the Jan. 5 poll.");
    SPLIT("1. Buy milk\n2. Pay rent", "1. Buy milk", "2. Pay rent");
    SPLIT("Zach Weiner. 2012. Image; Zach Weiner.", "Zach Weiner.", "2012.",
          "Image; Zach Weiner.");
}
END_TEST

START_TEST(sent_ellipses)
{
    SPLIT("We waited... and waited. Then it came.",
          "We waited... and waited.", "Then it came.");
    SPLIT("So \xe2\x80\xa6 Although it rained, we went.",
          "So \xe2\x80\xa6", "Although it rained, we went.");
    SPLIT("And then we just ... I don't know what happened.",
          "And then we just ... I don't know what happened.");
}
END_TEST

START_TEST(sent_quotes_and_brackets)
{
    SPLIT("They said \"Pakistan has done much more.\" They left.",
          "They said \"Pakistan has done much more.\"", "They left.");
    SPLIT("She asked \xe2\x80\x9cWhy?\xe2\x80\x9d and left. (He stayed.) Fine.",
          "She asked \xe2\x80\x9cWhy?\xe2\x80\x9d and left.", "(He stayed.)", "Fine.");
    SPLIT("\"What is the cost?\" he asked.", "\"What is the cost?\" he asked.");
    SPLIT("He came. 'Go home,' she said.", "He came.", "'Go home,' she said.");
    SPLIT("A drink at the bar. (2012). Next one.", "A drink at the bar. (2012).", "Next one.");
    SPLIT("More at eHow. eHow is big.", "More at eHow.", "eHow is big.");
    /* an attribution after a quotation stays with it */
    SPLIT("\"But it's a long game.\" - Matthew Ingram Writing in a blog, he said so.",
          "\"But it's a long game.\" - Matthew Ingram",
          "Writing in a blog, he said so.");
    SPLIT("We have brains. \xe2\x80\x94 Peres, on oil wealth. Next.",
          "We have brains.", "\xe2\x80\x94 Peres, on oil wealth.", "Next.");
    /* an emoticon closes its sentence; an ellipsis can open one */
    SPLIT("So quickly, right? :) It was fine.", "So quickly, right? :)", "It was fine.");
    SPLIT("He left. ... The next day he came.", "He left.", "... The next day he came.");
}
END_TEST

/* full stops inside a quotation that is part of a larger unit */
START_TEST(sent_quotes_in_units)
{
    /* quoted speech set off by a comma is split into its sentences */
    SPLIT("He said, \"We'll keep it. I hope he stays.\" Then he left.",
          "He said, \"We'll keep it.", "I hope he stays.\"", "Then he left.");
    /* a quotation closing on a word while its host sentence goes on */
    SPLIT("He told the paper, \"We'll keep it. I hope he's there the whole way\". "
          "Then he left.",
          "He told the paper, \"We'll keep it. I hope he's there the whole way\".",
          "Then he left.");
    SPLIT("It's like, \"Hmm. That's funny\" rather than loud. Next.",
          "It's like, \"Hmm. That's funny\" rather than loud.", "Next.");
    /* an ellipsis after a full stop marks a cut in one quoted passage */
    SPLIT("They said \"he is the enemy. ... The next thing he knew, he was in a cell.\" "
          "He was freed.",
          "They said \"he is the enemy. ... The next thing he knew, he was in a cell.\"",
          "He was freed.");
    /* a pull quote with its byline (a dash, or a source line ending the
     * paragraph) is one unit; a quote with an attribution clause is not */
    SPLIT("\"It's 1 to 0. But it's a long game.\" - Matthew Ingram\n\nNext one.",
          "\"It's 1 to 0. But it's a long game.\" - Matthew Ingram", "Next one.");
    SPLIT("\"A new obsession is here. An insurgency.\" Anonymous blogger, "
          "\"Anon declares war\"\n\nNext one.",
          "\"A new obsession is here. An insurgency.\" Anonymous blogger, "
          "\"Anon declares war\"", "Next one.");
    SPLIT("\"It was a loss.\" Points raised included:\n\nNext one.",
          "\"It was a loss.\"", "Points raised included:", "Next one.");
    SPLIT("\"I felt good.\" Pole vaulter\n\nrounded off a good week.",
          "\"I felt good.\"", "Pole vaulter", "rounded off a good week.");
    SPLIT("\"It works. We checked.\" Professor Eastman said.\n\nNext one.",
          "\"It works.", "We checked.\"", "Professor Eastman said.", "Next one.");
    /* a quote left open: a later opening quote is not its close */
    SPLIT("They called him \"the poet ... We never use \"poet\" here.",
          "They called him \"the poet ...", "We never use \"poet\" here.");
}
END_TEST

START_TEST(sent_layout)
{
    /* headline and date lines are their own units */
    SPLIT("Mattis urges Pakistan to act\n\nFriday, July 21, 2017\n\nHe spoke. It ended.",
          "Mattis urges Pakistan to act", "Friday, July 21, 2017", "He spoke.", "It ended.");
    SPLIT("Headline without a blank line\nThe body starts here.",
          "Headline without a blank line", "The body starts here.");
    /* a date glued to its headline */
    SPLIT("Interview with founder Hugh McGuire Sunday, May 28, 2006 The website opened.",
          "Interview with founder Hugh McGuire", "Sunday, May 28, 2006",
          "The website opened.");
    SPLIT("He spoke on Sunday, May 28, 2006 in Rome.",
          "He spoke on Sunday, May 28, 2006 in Rome.");
    /* hard-wrapped prose keeps going across single line breaks */
    SPLIT("This is a long line of prose that was wrapped by an editor at\n"
          "Seventy columns and keeps going.",
          "This is a long line of prose that was wrapped by an editor at\n"
          "Seventy columns and keeps going.");
    /* a blank line always ends a sentence */
    SPLIT("no full stop here\n \nnext paragraph", "no full stop here", "next paragraph");
    /* a dateline is a unit of its own */
    SPLIT("ISLAMABAD, Pakistan \xe2\x80\x93 Defense Secretary Jim Mattis spoke.",
          "ISLAMABAD, Pakistan \xe2\x80\x93", "Defense Secretary Jim Mattis spoke.");
    SPLIT("NEW YORK (Reuters) - Stocks fell. Bonds rose.",
          "NEW YORK (Reuters) -", "Stocks fell.", "Bonds rose.");
    SPLIT("Smith, the mayor - who is new - spoke.", "Smith, the mayor - who is new - spoke.");
    /* a lost full stop before a subject pronoun */
    SPLIT("it gets better and larger We currently have 5000 articles.",
          "it gets better and larger", "We currently have 5000 articles.");
    SPLIT("a banner that read We Know.", "a banner that read We Know.");
    SPLIT("Preston, Victoria, Australia On Saturday, we met Tina.",
          "Preston, Victoria, Australia", "On Saturday, we met Tina.");
    SPLIT("Playstation VR demo Image: Nick Moreau. Displays were many.",
          "Playstation VR demo", "Image: Nick Moreau.", "Displays were many.");
    /* a wiki footer: the "Categories:" label, and a date opening a unit */
    SPLIT("Edmonton Sun, August 16, 2008 Categories: August 15, 2008 Canada Politics",
          "Edmonton Sun, August 16, 2008", "Categories:", "August 15, 2008",
          "Canada Politics");
    SPLIT("It is a Category 3 storm. May 5, 2011 was a Monday. He left on "
          "May 5, 2011 Paris time.",
          "It is a Category 3 storm.", "May 5, 2011 was a Monday.",
          "He left on May 5, 2011 Paris time.");
    /* a full stop before a lower-case subject pronoun: a dropped capital */
    SPLIT("It suits CC works better than LibriVox. we find it clear.",
          "It suits CC works better than LibriVox.", "we find it clear.");
    SPLIT("\"We must rethink this.\" he added. Then he left.",
          "\"We must rethink this.\" he added.", "Then he left.");
    SPLIT("It closed at 5 p.m. we think. He works for Acme Corp. it says.",
          "It closed at 5 p.m. we think.", "He works for Acme Corp. it says.");
}
END_TEST

START_TEST(sent_ptb)
{
    SPLIT("The team 's robot won . It was fast .",
          "The team 's robot won .", "It was fast .");
    SPLIT("He said `` we won . '' Then he left .",
          "He said `` we won . ''", "Then he left .");
    SPLIT("He said \" we won . \" Then he left .",
          "He said \" we won . \"", "Then he left .");
}
END_TEST

START_TEST(sent_edges)
{
    galley_sentencer it;
    size_t s, e;
    galley_sent_init(&it, "", 0);
    ck_assert(!galley_sent_next(&it, &s, &e));
    galley_sent_init(&it, " \n\n\t ", 5);
    ck_assert(!galley_sent_next(&it, &s, &e));
    galley_sent_init(&it, NULL, 0);
    ck_assert(!galley_sent_next(&it, &s, &e));
    /* the length bounds the text */
    galley_sent_init(&it, "One. Two.", 4);
    ck_assert(galley_sent_next(&it, &s, &e));
    ck_assert_uint_eq(e, 4);
    ck_assert(!galley_sent_next(&it, &s, &e));
    /* no capitals at all: lower-case starts do not open sentences */
    SPLIT("it rained. we stayed in. nobody came", "it rained. we stayed in. nobody came");
    /* all capitals */
    SPLIT("THE STORM HIT. WE STAYED IN. NOBODY CAME!",
          "THE STORM HIT.", "WE STAYED IN.", "NOBODY CAME!");
    /* invalid UTF-8 never stops the iterator */
    SPLIT("Bad \xff byte. Next one.", "Bad \xff byte.", "Next one.");
    SPLIT("...", "...");
    SPLIT(".", ".");
}
END_TEST

/* scraped text that lost the space after a full stop (summ-inshorts) */
START_TEST(sent_glued)
{
    SPLIT("It was ripped apart on social media.The union territory retreated.",
          "It was ripped apart on social media.", "The union territory retreated.");
    SPLIT("They celebrate at the workplace.?It has been decided, the order said.",
          "They celebrate at the workplace.?", "It has been decided, the order said.");
    SPLIT("The order had said.To ensure that, a report was sent.",
          "The order had said.", "To ensure that, a report was sent.");
    SPLIT("He did it.The rest followed.", "He did it.", "The rest followed.");
    /* dotted names, abbreviations, domains and code stay whole */
    SPLIT("He lives in the U.S.A. now.", "He lives in the U.S.A. now.");
    SPLIT("She has a Ph.D from Yale.", "She has a Ph.D from Yale.");
    SPLIT("Visit example.com or bbc.co.uk today.", "Visit example.com or bbc.co.uk today.");
    SPLIT("Call Mr.Smith about ASP.NET and the new iPhone.", "Call Mr.Smith about ASP.NET and the new iPhone.");
    SPLIT("It runs on Node.js today.", "It runs on Node.js today.");
}
END_TEST

/* one sentence of 10,000 words: a single span over all of it (the linear
 * scan is what keeps this inside Check's default timeout) */
START_TEST(sent_ten_thousand_words)
{
    size_t words = 10000, len = 0;
    char *text = malloc(words * 8 + 2);
    ck_assert_ptr_nonnull(text);
    for (size_t i = 0; i < words; i++) {
        const char *w = i % 7 == 0 ? "U.S. " : i % 5 == 0 ? "Mr. " : "word ";
        memcpy(text + len, w, strlen(w));
        len += strlen(w);
    }
    text[len - 1] = '.';
    galley_sentencer it;
    size_t s, e;
    galley_sent_init(&it, text, len);
    ck_assert(galley_sent_next(&it, &s, &e));
    ck_assert_uint_eq(s, 0);
    ck_assert_uint_eq(e, len);
    ck_assert(!galley_sent_next(&it, &s, &e));
    free(text);
}
END_TEST

static Suite *sent_suite(void)
{
    Suite *s = suite_create("sentences");
    TCase *tc = tcase_create("splitter");
    tcase_add_test(tc, sent_basic);
    tcase_add_test(tc, sent_abbreviations);
    tcase_add_test(tc, sent_dotted_and_initials);
    tcase_add_test(tc, sent_numbers);
    tcase_add_test(tc, sent_ellipses);
    tcase_add_test(tc, sent_quotes_and_brackets);
    tcase_add_test(tc, sent_quotes_in_units);
    tcase_add_test(tc, sent_layout);
    tcase_add_test(tc, sent_ptb);
    tcase_add_test(tc, sent_edges);
    tcase_add_test(tc, sent_glued);
    tcase_add_test(tc, sent_ten_thousand_words);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return ck_run(sent_suite());
}
