/* tests/core/test_news.c - Check tests of the toolkit's news-text rules
 * (galley/news.h), the hash (galley/util.h) and the tokenizer's ASCII fast
 * path against its code-point path. */
#include "config.h"

#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <galley/news.h>
#include <galley/text.h>
#include <galley/util.h>
#include "../ckhelp.h"

#define S(x) x, strlen(x)

START_TEST(date_words)
{
    int v = 0;
    ck_assert_int_eq(galley_date_word(S("July"), &v), GALLEY_DATE_MONTH);
    ck_assert_int_eq(v, 7);
    ck_assert_int_eq(galley_date_word(S("Sept."), &v), GALLEY_DATE_MONTH | GALLEY_DATE_ABBREV);
    ck_assert_int_eq(v, 9);
    ck_assert_int_eq(galley_date_word(S("THURSDAY"), &v), GALLEY_DATE_WEEKDAY);
    ck_assert_int_eq(v, 4);
    ck_assert_int_eq(galley_date_word(S("p.m."), NULL), GALLEY_DATE_TIME);
    ck_assert_int_eq(galley_date_word(S("Updated"), NULL), GALLEY_DATE_STAMP);
    ck_assert_int_eq(galley_date_word(S("Julys"), NULL), 0);
    ck_assert_int_eq(galley_date_word(S("M"), NULL), 0);
}
END_TEST

START_TEST(date_lines)
{
    char iso[11];
    ck_assert_int_eq(galley_date_line(S("Friday, July 21, 2017"), iso), 1);
    ck_assert_str_eq(iso, "2017-07-21");
    ck_assert_int_eq(galley_date_line(S("Published on 5 May 2006"), iso), 1);
    ck_assert_str_eq(iso, "2006-05-05");
    ck_assert_int_eq(galley_date_line(S("2017-02-29"), iso), 1);
    ck_assert_str_eq(iso, "");              /* no such day: a date, no iso */
    ck_assert_int_eq(galley_date_line(S("Updated 10:30 am GMT"), iso), 1);
    ck_assert_str_eq(iso, "");
    ck_assert_int_eq(galley_date_line(S("July 21, 2017: talks end"), iso), 0);
    ck_assert_int_eq(galley_date_line(S("12."), NULL), 0);
}
END_TEST

START_TEST(datelines)
{
    size_t pe = 0;
    const char *s = "ISLAMABAD, Pakistan \xe2\x80\x93 Defense Secretary Jim Mattis";
    ck_assert_uint_eq(galley_dateline(s, strlen(s), &pe), 24);
    ck_assert_uint_eq(pe, 19);
    s = "NEW YORK (Reuters) - Stocks fell.";
    ck_assert_uint_eq(galley_dateline(s, strlen(s), &pe), 21);
    ck_assert_uint_eq(pe, 8);
    ck_assert_uint_eq(galley_dateline(S("Evansville, Indiana, United States -"), NULL), 36);
    ck_assert_uint_eq(galley_dateline(S("DJ Norman Cook - aka Fatboy Slim"), NULL), 0);
    ck_assert_uint_eq(galley_dateline(S("And --"), NULL), 0);
    ck_assert_uint_eq(galley_dateline(S("a well-known LONDON - X"), NULL), 0);
    ck_assert_int_eq(galley_dateline_place(S("NEW YORK (AP) ")), 1);
    ck_assert_int_eq(galley_dateline_place(S("The President")), 0);
}
END_TEST

START_TEST(bylines)
{
    size_t names = 0;
    ck_assert_int_eq(galley_byline(S("By JANE SMITH and John Doe"), &names), GALLEY_BYLINE_AUTHOR);
    ck_assert_uint_eq(names, 3);
    ck_assert_int_eq(galley_byline(S("Written by Ann Lee."), &names), GALLEY_BYLINE_AUTHOR);
    ck_assert_uint_eq(names, 11);
    ck_assert_int_eq(galley_byline(S("(Reporting by Ann Lee; Editing by Bo Li)"), NULL),
                     GALLEY_BYLINE_CREDIT);
    /* prose that opens with "By" is no byline */
    ck_assert_int_eq(galley_byline(S("By 1700 GMT, Petrel's shares fell to 44p."), NULL), 0);
    ck_assert_int_eq(galley_byline(S("By the end of the year it had closed."), NULL), 0);
}
END_TEST

START_TEST(captions)
{
    ck_assert_uint_eq(galley_caption_mark(S("Photo; AP")), 6);
    ck_assert_uint_eq(galley_caption_mark(S("Photography is an art")), 0);
    ck_assert_int_eq(galley_caption(S("File photo of magician David Gish.")), 1);
    ck_assert_int_eq(galley_caption(S("Protesters at the rally. Image: Nick Moreau.")), 1);
    ck_assert_int_eq(galley_caption(S("The imagery: a protest.")), 0);
    ck_assert_int_eq(galley_caption(S("He said: no.")), 0);
}
END_TEST

START_TEST(labels)
{
    ck_assert_str_eq(galley_news_label(S("Thursday, February 23, 2006")), "date");
    ck_assert_str_eq(galley_news_label(S("LONDON (Reuters) -")), "dateline");
    ck_assert_str_eq(galley_news_label(S("Video: Miharris & Acphillips.")), "caption");
    ck_assert_str_eq(galley_news_label(S("By Jane Smith")), "byline");
    ck_assert_ptr_null(galley_news_label(S("Depending on the election year --")));
    ck_assert_ptr_null(galley_news_label(S("The talks ended on Friday.")));
}
END_TEST

START_TEST(hash_is_fnv1a)
{
    /* published FNV-1a 64 test vectors: persisted values rest on them */
    ck_assert_uint_eq(galley_hash64("", 0), 0xcbf29ce484222325ULL);
    ck_assert_uint_eq(galley_hash64("a", 1), 0xaf63dc4c8601ec8cULL);
    ck_assert_uint_eq(galley_hash64("foobar", 6), 0x85944171f73967e8ULL);
    /* the 32-bit one: entities' shipped weights are indexed by it */
    ck_assert_uint_eq(galley_hash32("", 0), 0x811c9dc5u);
    ck_assert_uint_eq(galley_hash32("a", 1), 0xe40c292cu);
    ck_assert_uint_eq(galley_hash32("foobar", 6), 0xbf9cf968u);
    uint64_t h = GALLEY_HASH_INIT;
    for (const char *p = "foobar"; *p; p++)
        h = galley_hash_step(h, (unsigned char)*p);
    ck_assert_uint_eq(h, galley_hash64("foobar", 6));
}
END_TEST

/* The ASCII fast path gives the tokens the code-point path gave (spans,
 * classes and flags recorded from the tokenizer before the fast path). */
START_TEST(ascii_path_matches)
{
    static const struct { const char *text, *tokens; } cases[] = {
        { "U.S. ", "0-4:1/3 " }, { "e.g. ", "0-4:1/4 " }, { "don't ", "0-5:1/4 " },
        { "1,000.5 ", "0-7:2/0 " }, { "10km ", "0-4:1/12 " }, { "30th ", "0-4:1/12 " },
        { "COVID-19 ", "0-8:1/11 " }, { "well-known ", "0-10:1/4 " },
        { "A.B.C.D.E. ", "0-10:1/3 " }, { "abcd.ef. ", "0-7:1/4 7-8:3/0 " },
        { "iPhone ", "0-6:1/0 " }, { "3.5. ", "0-3:2/0 3-4:3/0 " },
        { "x' ", "0-1:1/4 1-2:3/0 " }, { "Jr.'s ", "0-2:1/1 2-3:3/0 3-4:3/0 4-5:1/4 " },
        /* a non-ASCII byte inside or after a token sends it to the slow path */
        { "caf\xc3\xa9s ", "0-6:1/4 " }, { "it\xe2\x80\x99s ", "0-6:1/4 " },
        { NULL, NULL }
    };
    for (int i = 0; cases[i].text; i++) {
        galley_tokenizer tz;
        galley_token t;
        char out[256];
        size_t o = 0;
        out[0] = '\0';
        galley_tok_init(&tz, cases[i].text, strlen(cases[i].text));
        while (galley_tok_next(&tz, &t) && o + 40 < sizeof out)
            o += (size_t)snprintf(out + o, sizeof out - o, "%zu-%zu:%d/%u ", t.start, t.end,
                                  (int)t.cls, t.flags);
        ck_assert_msg(strcmp(out, cases[i].tokens) == 0, "'%s': %s, expected %s",
                      cases[i].text, out, cases[i].tokens);
    }
    /* every ASCII byte that is not a letter or digit, each followed by x:
     * punctuation (3), symbols (4), white space, the clitic apostrophe,
     * as recorded before the punctuation fast path */
    static const char every[] =
        "0-1:4/0 1-2:1/4 2-3:4/0 3-4:1/4 4-5:4/0 5-6:1/4 6-7:4/0 7-8:1/4 "
        "8-9:4/0 9-10:1/4 10-11:4/0 11-12:1/4 12-13:4/0 13-14:1/4 14-15:4/0 "
        "15-16:1/4 17-18:1/4 19-20:1/4 21-22:1/4 23-24:1/4 25-26:1/4 26-27:4/0 "
        "27-28:1/4 28-29:4/0 29-30:1/4 30-31:4/0 31-32:1/4 32-33:4/0 33-34:1/4 "
        "34-35:4/0 35-36:1/4 36-37:4/0 37-38:1/4 38-39:4/0 39-40:1/4 40-41:4/0 "
        "41-42:1/4 42-43:4/0 43-44:1/4 44-45:4/0 45-46:1/4 46-47:4/0 47-48:1/4 "
        "48-49:4/0 49-50:1/4 50-51:4/0 51-52:1/4 52-53:4/0 53-54:1/4 54-55:4/0 "
        "55-56:1/4 56-57:4/0 57-58:1/4 58-59:4/0 59-60:1/4 60-61:4/0 61-62:1/4 "
        "63-64:1/4 64-65:3/0 65-66:1/4 66-67:3/0 67-68:1/4 68-69:3/0 69-70:1/4 "
        "70-71:4/0 71-72:1/4 72-73:3/0 73-74:1/4 74-75:3/0 75-78:1/4 78-79:3/0 "
        "79-80:1/4 80-81:3/0 81-82:1/4 82-83:3/0 83-84:1/4 84-85:4/0 85-86:1/4 "
        "86-87:3/0 87-92:1/4 92-93:3/0 93-94:1/4 94-95:3/0 95-96:1/4 96-97:3/0 "
        "97-98:1/4 98-99:4/0 99-100:1/4 100-101:4/0 101-102:1/4 102-103:4/0 "
        "103-104:1/4 104-105:3/0 105-106:1/4 106-107:3/0 107-108:1/4 "
        "108-109:3/0 109-110:1/4 110-111:3/0 111-112:1/4 112-113:3/0 "
        "113-114:1/4 114-115:4/0 115-116:1/4 116-117:3/0 117-118:1/4 "
        "118-119:4/0 119-120:1/4 120-121:3/0 121-122:1/4 122-123:4/0 "
        "123-124:1/4 124-125:3/0 125-126:1/4 126-127:4/0 127-128:1/4 "
        "128-129:4/0 129-130:1/4 ";
    char text[300], out[2048];
    size_t n = 0, o = 0;
    for (int c = 1; c < 128; c++)
        if (!isalnum(c)) {
            text[n++] = (char)c;
            text[n++] = 'x';
        }
    galley_tokenizer tz;
    galley_token t;
    galley_tok_init(&tz, text, n);
    out[0] = '\0';
    while (galley_tok_next(&tz, &t) && o + 40 < sizeof out)
        o += (size_t)snprintf(out + o, sizeof out - o, "%zu-%zu:%d/%u ", t.start, t.end,
                              (int)t.cls, t.flags);
    ck_assert_msg(strcmp(out, every) == 0, "ASCII punctuation: %s", out);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("news");
    TCase *tc = tcase_create("rules");
    tcase_add_test(tc, date_words);
    tcase_add_test(tc, date_lines);
    tcase_add_test(tc, datelines);
    tcase_add_test(tc, bylines);
    tcase_add_test(tc, captions);
    tcase_add_test(tc, labels);
    tcase_add_test(tc, hash_is_fnv1a);
    tcase_add_test(tc, ascii_path_matches);
    suite_add_tcase(s, tc);
    return ck_run(s);
}
