/* core/text_news.c - the toolkit's news-text rules (galley/news.h): date
 * words and lines, datelines, bylines and captions, in one place for the
 * splitter, the extract plugins and the summarizers. */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include <galley/news.h>
#include "text_int.h"

/* ---- date words ---- */

typedef struct date_name {
    const char *name;       /* lower case */
    int kind, value;
} date_name;

static const date_name date_names[] = {
    { "january", GALLEY_DATE_MONTH, 1 }, { "february", GALLEY_DATE_MONTH, 2 },
    { "march", GALLEY_DATE_MONTH, 3 }, { "april", GALLEY_DATE_MONTH, 4 },
    { "may", GALLEY_DATE_MONTH, 5 }, { "june", GALLEY_DATE_MONTH, 6 },
    { "july", GALLEY_DATE_MONTH, 7 }, { "august", GALLEY_DATE_MONTH, 8 },
    { "september", GALLEY_DATE_MONTH, 9 }, { "october", GALLEY_DATE_MONTH, 10 },
    { "november", GALLEY_DATE_MONTH, 11 }, { "december", GALLEY_DATE_MONTH, 12 },
    { "jan", GALLEY_DATE_MONTH | GALLEY_DATE_ABBREV, 1 },
    { "feb", GALLEY_DATE_MONTH | GALLEY_DATE_ABBREV, 2 },
    { "mar", GALLEY_DATE_MONTH | GALLEY_DATE_ABBREV, 3 },
    { "apr", GALLEY_DATE_MONTH | GALLEY_DATE_ABBREV, 4 },
    { "jun", GALLEY_DATE_MONTH | GALLEY_DATE_ABBREV, 6 },
    { "jul", GALLEY_DATE_MONTH | GALLEY_DATE_ABBREV, 7 },
    { "aug", GALLEY_DATE_MONTH | GALLEY_DATE_ABBREV, 8 },
    { "sep", GALLEY_DATE_MONTH | GALLEY_DATE_ABBREV, 9 },
    { "sept", GALLEY_DATE_MONTH | GALLEY_DATE_ABBREV, 9 },
    { "oct", GALLEY_DATE_MONTH | GALLEY_DATE_ABBREV, 10 },
    { "nov", GALLEY_DATE_MONTH | GALLEY_DATE_ABBREV, 11 },
    { "dec", GALLEY_DATE_MONTH | GALLEY_DATE_ABBREV, 12 },
    { "monday", GALLEY_DATE_WEEKDAY, 1 }, { "tuesday", GALLEY_DATE_WEEKDAY, 2 },
    { "wednesday", GALLEY_DATE_WEEKDAY, 3 }, { "thursday", GALLEY_DATE_WEEKDAY, 4 },
    { "friday", GALLEY_DATE_WEEKDAY, 5 }, { "saturday", GALLEY_DATE_WEEKDAY, 6 },
    { "sunday", GALLEY_DATE_WEEKDAY, 7 },
    { "mon", GALLEY_DATE_WEEKDAY | GALLEY_DATE_ABBREV, 1 },
    { "tue", GALLEY_DATE_WEEKDAY | GALLEY_DATE_ABBREV, 2 },
    { "wed", GALLEY_DATE_WEEKDAY | GALLEY_DATE_ABBREV, 3 },
    { "thu", GALLEY_DATE_WEEKDAY | GALLEY_DATE_ABBREV, 4 },
    { "fri", GALLEY_DATE_WEEKDAY | GALLEY_DATE_ABBREV, 5 },
    { "sat", GALLEY_DATE_WEEKDAY | GALLEY_DATE_ABBREV, 6 },
    { "sun", GALLEY_DATE_WEEKDAY | GALLEY_DATE_ABBREV, 7 },
    { "am", GALLEY_DATE_TIME, 0 }, { "pm", GALLEY_DATE_TIME, 0 },
    { "a.m", GALLEY_DATE_TIME, 0 }, { "p.m", GALLEY_DATE_TIME, 0 },
    { "gmt", GALLEY_DATE_TIME, 0 }, { "utc", GALLEY_DATE_TIME, 0 },
    { "est", GALLEY_DATE_TIME, 0 }, { "edt", GALLEY_DATE_TIME, 0 },
    { "updated", GALLEY_DATE_STAMP, 0 }, { "published", GALLEY_DATE_STAMP, 0 },
    { "posted", GALLEY_DATE_STAMP, 0 },
    { NULL, 0, 0 }
};

/* per first letter, a bit per name length (2..9) the table has: most
 * words of a text are told "no date word" by one lookup */
static uint16_t shapes[26];
static pthread_once_t shapes_once = PTHREAD_ONCE_INIT;

static void build_shapes(void)
{
    for (const date_name *d = date_names; d->name; d++)
        shapes[d->name[0] - 'a'] |= (uint16_t)(1u << strlen(d->name));
}

int galley_date_word(const char *w, size_t n, int *value)
{
    if (n > 1 && w[n - 1] == '.')
        n--;
    /* the names are 2 to 9 ASCII letters: most words stop here */
    if (n < 2 || n > 9 || !txt_is_letter((unsigned char)w[0]) || (unsigned char)w[0] >= 0x80)
        return 0;
    pthread_once(&shapes_once, build_shapes);
    if (!(shapes[(w[0] | 0x20) - 'a'] & (1u << n)))
        return 0;
    char low[10];
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        low[i] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    }
    for (const date_name *d = date_names; d->name; d++)
        if (d->name[0] == low[0] && strlen(d->name) == n && memcmp(d->name, low, n) == 0) {
            if (value)
                *value = d->value;
            return d->kind;
        }
    return 0;
}

/* ---- date lines ---- */

static long small_number(const char *w, size_t n)
{
    long v = 0;
    if (n == 0 || n > 4)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (w[i] < '0' || w[i] > '9')
            return -1;
        v = v * 10 + (w[i] - '0');
    }
    return v;
}

static int days_in(long y, long m)
{
    static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

/* YYYY-MM-DD by hand: the ranges are checked, which snprintf's checker
 * cannot see */
static void write_iso(char *iso, long y, long m, long d)
{
    const long v[] = { y / 1000, y / 100 % 10, y / 10 % 10, y % 10, -1, m / 10, m % 10,
                       -1, d / 10, d % 10 };
    for (int k = 0; k < 10; k++)
        iso[k] = v[k] < 0 ? '-' : (char)('0' + v[k]);
    iso[10] = '\0';
}

/* the day named by a month name and numbers [day, year], or by numbers
 * [year, month, day] */
static void day_of(char *iso, int month, const long *nums, int nn, int ymd)
{
    long y, m, d;
    if (month > 0 && nn == 2 && nums[1] >= 1000) {
        m = month;
        d = nums[0];
        y = nums[1];
    } else if (month == 0 && nn == 3 && ymd) {
        y = nums[0];
        m = nums[1];
        d = nums[2];
    } else {
        return;
    }
    if (y < 1800 || y > 2199 || m < 1 || m > 12 || d < 1 || d > days_in(y, m))
        return;
    write_iso(iso, y, m, d);
}

int galley_date_line(const char *s, size_t n, char iso[11])
{
    galley_tokenizer tz;
    galley_token t;
    long nums[3];
    int nn = 0, month = 0, named = 0, year = 0, timed = 0, ymd = 0;
    if (iso)
        iso[0] = '\0';
    galley_tok_init(&tz, s, n);
    while (galley_tok_next(&tz, &t)) {
        const char *w = s + t.start;
        size_t len = t.end - t.start;
        int v = 0, kind;
        if (t.cls == GALLEY_TOK_NUMBER) {
            if (nn < 3)
                nums[nn] = small_number(w, len);
            if (++nn == 1 && len == 4 && !month)
                ymd = 1;
            if (len == 4 && (w[0] == '1' || w[0] == '2'))
                year = 1;
        } else if (t.cls == GALLEY_TOK_WORD && (kind = galley_date_word(w, len, &v)) != 0) {
            kind &= 0xf;
            if (kind == GALLEY_DATE_MONTH)
                month = month ? -1 : v;     /* two months name no one day */
            named |= kind == GALLEY_DATE_MONTH || kind == GALLEY_DATE_WEEKDAY;
            timed |= kind == GALLEY_DATE_TIME && nn > 0;
        } else if (t.cls == GALLEY_TOK_WORD && len == 2 &&
                   (strncasecmp(w, "on", 2) == 0 || strncasecmp(w, "at", 2) == 0)) {
            continue;
        } else if (!(t.cls == GALLEY_TOK_PUNCT && len == 1 && strchr(",.-/:()", w[0]))) {
            return 0;
        }
    }
    if (!(year || named || timed))
        return 0;
    if (iso && nn <= 3 && (nn < 1 || nums[0] >= 0) && (nn < 2 || nums[1] >= 0) &&
        (nn < 3 || nums[2] >= 0))
        day_of(iso, month, nums, nn, ymd);
    return 1;
}

/* ---- datelines ---- */

/* the place check; *last = end of its last word outside brackets */
static int place_of(const char *s, size_t n, size_t *last)
{
    galley_tokenizer tz;
    galley_token t;
    int words = 0, commas = 0, caps_first = 0, paren = 0;
    if (n > 80)
        return 0;
    galley_tok_init(&tz, s, n);
    while (galley_tok_next(&tz, &t)) {
        const char *w = s + t.start;
        size_t len = t.end - t.start;
        if (paren) {                        /* (Reuters), (AP) */
            paren = !(len == 1 && w[0] == ')');
        } else if (t.cls == GALLEY_TOK_WORD) {
            if (!(t.flags & GALLEY_TOK_CAPITALIZED) || ++words > 6)
                return 0;
            if (words == 1)
                caps_first = (t.flags & GALLEY_TOK_ALLCAPS) && len > 2;
            *last = t.end;
        } else if (len == 1 && w[0] == ',') {
            commas++;
        } else if (len == 1 && w[0] == '(' && words > 0) {
            paren = 1;
        } else {
            return 0;
        }
    }
    return words > 0 && !paren && (caps_first || commas > 0);
}

int galley_dateline_place(const char *s, size_t n)
{
    size_t last = 0;
    return place_of(s, n, &last);
}

static int is_hspace_byte(char c)
{
    return c == ' ' || c == '\t';
}

/* length of a dash (- U+2013 U+2014) at s[i], or 0 */
static size_t dash_at(const char *s, size_t n, size_t i)
{
    if (s[i] == '-')
        return 1;
    if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94))
        return 3;
    return 0;
}

size_t galley_dateline(const char *s, size_t n, size_t *place_end)
{
    size_t lim = n < 84 ? n : 84, i, dl = 0;
    /* the first spaced dash: "NAME – text", not "well-known" */
    for (i = 1; i < lim; i++)
        if ((dl = dash_at(s, n, i)) != 0 && is_hspace_byte(s[i - 1]) &&
            (i + dl == n || txt_is_space((unsigned char)s[i + dl])))
            break;
    if (i >= lim || dl == 0)
        return 0;
    size_t last = 0;
    if (!place_of(s, i, &last))
        return 0;
    size_t a = i + dl;
    while (a < n && txt_is_space((unsigned char)s[a]))
        a++;
    /* and a sentence after it: not "DJ Norman Cook - aka Fatboy Slim -" */
    if (a < n && !((s[a] >= 'A' && s[a] <= 'Z') || s[a] == '"' || (unsigned char)s[a] >= 0x80))
        return 0;
    if (place_end)
        *place_end = last;
    return a;
}

/* ---- bylines ---- */

static int has_prefix_ci(const char *s, size_t n, const char *pre)
{
    size_t m = strlen(pre);
    return n >= m && strncasecmp(s, pre, m) == 0;
}

/* word and number tokens of s[0..n), and how many are capitalised words */
static int count_words(const char *s, size_t n, int *caps)
{
    galley_tokenizer tz;
    galley_token t;
    int words = 0;
    *caps = 0;
    galley_tok_init(&tz, s, n);
    while (galley_tok_next(&tz, &t)) {
        if (t.cls != GALLEY_TOK_WORD && t.cls != GALLEY_TOK_NUMBER)
            continue;
        words++;
        if (t.cls == GALLEY_TOK_WORD && (t.flags & GALLEY_TOK_CAPITALIZED))
            (*caps)++;
    }
    return words;
}

int galley_byline(const char *s, size_t n, size_t *names)
{
    static const char *const authors[] = { "Written by ", "Reported by ", NULL };
    static const char *const credits[] = { "Reporting by", "Additional reporting",
        "Editing by", "(Reporting", "Contact ", "Email ", "Follow ", NULL };
    int caps;
    if (n < 4 || n > 160)
        return 0;
    if (has_prefix_ci(s, n, "By ")) {
        /* "By Jane Smith", "By JANE SMITH and John Doe": mostly names */
        int words = count_words(s + 3, n - 3, &caps);
        if (caps == 0 || words > 8 || caps * 2 < words)
            return 0;
        if (names)
            *names = 3;
        return GALLEY_BYLINE_AUTHOR;
    }
    for (int i = 0; authors[i]; i++)
        if (has_prefix_ci(s, n, authors[i]) && count_words(s, n, &caps) <= 12) {
            if (names)
                *names = strlen(authors[i]);
            return GALLEY_BYLINE_AUTHOR;
        }
    for (int i = 0; credits[i]; i++)
        if (has_prefix_ci(s, n, credits[i]) && count_words(s, n, &caps) <= 12)
            return GALLEY_BYLINE_CREDIT;
    return 0;
}

/* ---- captions ---- */

static const char *const caption_marks[] = {
    "image", "photo", "photograph", "picture", "pictured", "caption", "video",
    "credit", "graphic", "watch", NULL
};

static int is_caption_word(const char *w, size_t n)
{
    for (int i = 0; caption_marks[i]; i++)
        if (strlen(caption_marks[i]) == n && strncasecmp(w, caption_marks[i], n) == 0)
            return 1;
    return 0;
}

static size_t ascii_letters(const char *s, size_t n, size_t p)
{
    while (p < n && ((s[p] >= 'a' && s[p] <= 'z') || (s[p] >= 'A' && s[p] <= 'Z')))
        p++;
    return p;
}

size_t galley_caption_mark(const char *s, size_t n)
{
    size_t e = ascii_letters(s, n, 0);
    return e > 0 && e < n && (s[e] == ':' || s[e] == ';') && is_caption_word(s, e) ? e + 1 : 0;
}

/* The word before a caption word (s[0..n) ends in a space): a credit
 * follows a name ("AP Photo:", "Shimon Peres image:") or a sentence's
 * end; prose follows a lowercase word ("posted it with the caption: ...", "a video: ..."). */
static int credit_prefix(const char *s, size_t n)
{
    size_t p = n;
    while (p > 0 && s[p - 1] == ' ')
        p--;
    size_t end = p;
    if (end > 0 && strchr(".!?\")'", s[end - 1]))
        return 1;       /* the credit starts a sentence: "... rally. Image: ..." */
    while (p > 0 && s[p - 1] != ' ')
        p--;
    return p == end || !(s[p] >= 'a' && s[p] <= 'z');
}

int galley_caption(const char *s, size_t n)
{
    if (galley_caption_mark(s, n) || has_prefix_ci(s, n, "File photo") ||
        has_prefix_ci(s, n, "Photo credit"))
        return 1;
    /* a mark after a space: only the word before each colon is checked, and
     * the word before that (credit_prefix) */
    for (const char *c = memchr(s, ':', n); c; c = memchr(c + 1, ':', n - (size_t)(c + 1 - s))) {
        size_t end = (size_t)(c - s), b = end;
        while (b > 0 && ((s[b - 1] >= 'a' && s[b - 1] <= 'z') || (s[b - 1] >= 'A' && s[b - 1] <= 'Z')))
            b--;
        if (b < end && (b == 0 || s[b - 1] == ' ') && is_caption_word(s + b, end - b))
            return credit_prefix(s, b);
        if (end + 1 >= n)
            break;
    }
    return 0;
}

/* ---- sentence labels ---- */

const char *galley_news_label(const char *s, size_t n)
{
    if (galley_date_line(s, n, NULL))
        return "date";
    if (galley_dateline(s, n, NULL) == n && n > 0)
        return "dateline";
    if (galley_caption(s, n))
        return "caption";
    if (galley_byline(s, n, NULL))
        return "byline";
    return NULL;
}
