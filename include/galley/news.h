/* galley/news.h - the toolkit's news-text rules: date words, date lines,
 * datelines, bylines and picture captions.  One set of rules for the
 * sentence splitter, the `sentences` and `metadata` plugins and the
 * summarizers (and any plugin that reads news text).  Inputs are
 * (const char *, size_t); nothing allocates. */
#ifndef GALLEY_NEWS_H
#define GALLEY_NEWS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* kinds of date word (galley_date_word) */
#define GALLEY_DATE_MONTH   1   /* January, Jan, Sept (value 1..12) */
#define GALLEY_DATE_WEEKDAY 2   /* Monday, Mon (value 1..7) */
#define GALLEY_DATE_TIME    3   /* am, pm, a.m., GMT, UTC, EST, EDT */
#define GALLEY_DATE_STAMP   4   /* Updated, Published, Posted */
#define GALLEY_DATE_ABBREV  0x10 /* or'ed in: an abbreviation (Jan, Mon) */

/* What date word w[0..n) is, in any case and with or without a final '.':
 * one of the kinds above (or'ed with GALLEY_DATE_ABBREV for Jan, Mon, ...),
 * or 0.  *value (if not NULL) gets the month or weekday number. */
int galley_date_word(const char *w, size_t n, int *value);

/* 1 when s[0..n) is a date or time stamp and nothing else ("Friday, July
 * 21, 2017", "21 July 2017", "2017-07-21", "Published on May 5, 2006",
 * "Updated 10:30 am GMT"): date words, numbers, "on"/"at" and , . - / : ( )
 * only, with a year, a month or weekday name, or a time word after a
 * number.  When iso is not NULL it gets the day as YYYY-MM-DD if the line
 * names exactly one day (month name with day and year, or year-month-day),
 * else "". */
int galley_date_line(const char *s, size_t n, char iso[11]);

/* 1 when s[0..n) (surrounding space allowed) is the place of a dateline: up
 * to six capitalised words with the first in capitals ("ISLAMABAD") or a
 * comma among them ("Evansville, Indiana"), a bracketed source allowed
 * ("NEW YORK (Reuters)"); at most 80 bytes. */
int galley_dateline_place(const char *s, size_t n);

/* The dateline opening s[0..n): a place (galley_dateline_place) and a
 * spaced dash (- – —) followed by the end of s or by a sentence (a capital,
 * a quote or a non-ASCII letter).  Returns the offset after the dash and
 * the spaces after it, 0 if s opens with none; *place_end (if not NULL)
 * gets the end of the place's last word. */
size_t galley_dateline(const char *s, size_t n, size_t *place_end);

/* bylines (galley_byline) */
#define GALLEY_BYLINE_AUTHOR 1  /* "By Jane Smith", "Written by ...": names */
#define GALLEY_BYLINE_CREDIT 2  /* "Editing by", "(Reporting by", "Contact" */

/* A byline or credit line of at most 12 words: "By" and capitalised names
 * (at most 8 words, half of them capitalised), "Written by" or "Reported
 * by" and names (GALLEY_BYLINE_AUTHOR, *names = where the names start), or
 * "Reporting by", "Additional reporting", "Editing by", "(Reporting",
 * "Contact", "Email", "Follow" (GALLEY_BYLINE_CREDIT).  0 if neither. */
int galley_byline(const char *s, size_t n, size_t *names);

/* Length of a caption mark opening s ("Image:", "Photo;", "Pictured:",
 * "Video:", "Credit:", ... any case, with its ':' or ';'), or 0. */
size_t galley_caption_mark(const char *s, size_t n);

/* 1 when s[0..n) is a picture caption or credit: it opens with a caption
 * mark, "File photo" or "Photo credit", or holds a mark with a colon after
 * a space ("... at the rally. Image: Nick Moreau."). */
int galley_caption(const char *s, size_t n);

/* The label the `sentences` plugin gives a sentence s[0..n): "date" (a
 * date line), "dateline" (a dateline alone), "caption", "byline", or NULL
 * for a body sentence.  Summarizers keep the labelled ones out. */
const char *galley_news_label(const char *s, size_t n);

#ifdef __cplusplus
}
#endif
#endif
