/* core/text_sentence.c - the toolkit's sentence splitter: a one-pass
 * iterator that finds sentence ends with abbreviation, initial, decimal,
 * ellipsis, quote and line-layout rules (linear in the text length). */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <galley/news.h>
#include "text_int.h"

/* abbreviations that never end a sentence: they precede what they qualify */
static const char *const prefix_abbrevs[] = {
    "Adm", "Capt", "Cmdr", "Col", "Cpl", "Det", "Dr", "Drs", "Fr", "Gen",
    "Gov", "Hon", "Insp", "Lt", "Maj", "Messrs", "Mmes", "Mr", "Mrs", "Ms",
    "Mssrs", "Pfc", "Pres", "Prof", "Pvt", "Rep", "Reps", "Rev", "Sen",
    "Sens", "Sgt", "Supt", "Vs", "approx", "ca", "cf", "vs",
    NULL
};
/* abbreviations that may end a sentence: they end one only when the next
 * word is a capitalised function word ("Inc. The ...") */
static const char *const final_abbrevs[] = {
    "Apr", "Assn", "Aug", "Ave", "Blvd", "Bros", "Co", "Corp", "Dec", "Dept",
    "Esq", "Feb", "Fig", "Figs", "Fri", "Ft", "Inc", "Jan", "Jr", "Jul",
    "Jun", "Ln", "Ltd", "Mar", "Mon", "Mt", "No", "Nos", "Nov", "Oct", "Op",
    "Rd", "Sat", "Sep", "Sept", "Sr", "St", "Sun", "Thu", "Thurs", "Tue",
    "Tues", "Univ", "Vol", "Vols", "Wed", "ft", "pp",
    NULL
};
/* lower-case dotted abbreviations that never end a sentence */
static const char *const inner_dotted[] = { "e.g", "i.e", "viz", NULL };

static int in_list(const char *const *list, const char *w, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; list[i]; i++)
        if (list[i][0] == w[0] && strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
            return 1;
    return 0;
}

/* a month or weekday written in full ("July", not "Jul"): dates that
 * open or close a unit of their own */
static int full_name(const char *w, size_t n, int kind)
{
    return galley_date_word(w, n, NULL) == kind;
}

/* end of the ASCII letters at p */
static size_t letters_end(const char *s, size_t len, size_t p)
{
    while (p < len && ((s[p] >= 'a' && s[p] <= 'z') || (s[p] >= 'A' && s[p] <= 'Z')))
        p++;
    return p;
}

static size_t digits_end(const char *s, size_t len, size_t p)
{
    while (p < len && s[p] >= '0' && s[p] <= '9')
        p++;
    return p;
}

static size_t spaces_end(const char *s, size_t len, size_t p)
{
    while (p < len && (s[p] == ' ' || s[p] == '\t'))
        p++;
    return p;
}

/* end of a full date "Friday, July 21, 2017" at p, or 0 */
static size_t full_date_end(const char *s, size_t len, size_t p)
{
    size_t e = letters_end(s, len, p);
    if (!full_name(s + p, e - p, GALLEY_DATE_WEEKDAY) || e >= len || s[e] != ',')
        return 0;
    p = spaces_end(s, len, e + 1);
    e = letters_end(s, len, p);
    if (!full_name(s + p, e - p, GALLEY_DATE_MONTH))
        return 0;
    p = spaces_end(s, len, e);
    e = digits_end(s, len, p);
    if (e == p || e - p > 2)
        return 0;
    if (e < len && s[e] == ',')
        e++;
    p = spaces_end(s, len, e);
    e = digits_end(s, len, p);
    if (e - p != 4 || (e < len && txt_is_letter((unsigned char)s[e])))
        return 0;
    return e;
}

/* wiki footers label their link lists: "Categories: Canada Politics" */
static const char *const list_labels[] = { "Categories", "Category", NULL };

/* "Categories:" at p: the end of the label (after the colon), or 0 */
static size_t list_label_end(const char *s, size_t len, size_t p)
{
    size_t e = letters_end(s, len, p);
    return e < len && s[e] == ':' && in_list(list_labels, s + p, e - p) ? e + 1 : 0;
}

/* end of a date "July 21, 2017" at p, or 0 */
static size_t month_date_end(const char *s, size_t len, size_t p)
{
    size_t e = letters_end(s, len, p);
    if (!full_name(s + p, e - p, GALLEY_DATE_MONTH))
        return 0;
    p = spaces_end(s, len, e);
    e = digits_end(s, len, p);
    if (e == p || e - p > 2 || e >= len || s[e] != ',')
        return 0;
    p = spaces_end(s, len, e + 1);
    e = digits_end(s, len, p);
    if (e - p != 4 || (e < len && (txt_is_letter((unsigned char)s[e]) || s[e] == ',')))
        return 0;
    return e;
}

/* "Image:" or "Photo;" at p */
static int caption_at(const char *s, size_t len, size_t p)
{
    return galley_caption_mark(s + p, len - p) != 0;
}

void galley_sent_init(galley_sentencer *it, const char *text, size_t len)
{
    it->text = text;
    it->len = text ? len : 0;
    it->pos = 0;
}

static int32_t at(const galley_sentencer *it, size_t pos, size_t *next)
{
    if (pos < it->len && (unsigned char)it->text[pos] < 0x80) {
        if (next)
            *next = pos + 1;
        return (unsigned char)it->text[pos];
    }
    size_t p = pos;
    int32_t c = galley_utf8_next(it->text, it->len, &p);
    if (next)
        *next = p;
    return c;
}

static int is_terminal(int32_t c)
{
    if (c < 0x80)
        return c == '.' || c == '!' || c == '?';
    return c == '.' || c == '!' || c == '?' || c == 0x2026 /* … */ ||
           c == 0x203C || c == 0x2047 || c == 0x2048 || c == 0x2049 ||
           c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF0E;
}

/* closing quotes and brackets that stay with the sentence they close */
static int is_closer(int32_t c)
{
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' ||
           c == 0x201D || c == 0x2019 || c == 0x00BB || c == 0x203A ||
           c == 0x300D || c == 0x300F;
}

/* opening quotes, brackets and dashes that may precede a sentence's first word */
static int is_opener(int32_t c)
{
    return c == '"' || c == '\'' || c == '(' || c == '[' || c == '{' ||
           c == 0x201C || c == 0x2018 || c == 0x00AB || c == 0x2039 ||
           c == 0x00BF || c == 0x00A1 || c == '-' || c == 0x2013 ||
           c == 0x2014 || c == '*' || c == 0x2022 || c == 0x300C;
}

/* horizontal white space (a line break is handled on its own) */
static int is_hspace(int32_t c)
{
    return c != '\n' && txt_is_space(c);
}

/* 1 if a blank line starts at pos (pos is at a '\n') */
static int blank_line_at(const galley_sentencer *it, size_t pos)
{
    size_t p = pos, next;
    at(it, p, &p);                      /* the '\n' */
    int32_t c;
    while ((c = at(it, p, &next)) >= 0 && is_hspace(c))
        p = next;
    return c == '\n' || c < 0;
}

typedef struct next_word {
    int32_t first;          /* first letter/digit (-1: end of text) */
    size_t start, end;      /* the word's letters */
    int blank;              /* a blank line came before it */
} next_word;

/* the word after pos, skipping white space and openers */
static void find_next_word(const galley_sentencer *it, size_t pos, next_word *w)
{
    size_t p = pos, next;
    int32_t c;
    w->blank = 0;
    while ((c = at(it, p, &next)) >= 0 && (txt_is_space(c) || is_opener(c))) {
        if (c == '\n' && blank_line_at(it, p))
            w->blank = 1;
        p = next;
    }
    w->first = c;
    w->start = p;
    while ((c = at(it, p, &next)) >= 0 && (txt_is_letter(c) || txt_is_apos(c)))
        p = next;
    w->end = p;
}

/* a capitalised function word (The, He, In, But...) starts most sentences
 * and rarely follows an abbreviation inside one */
static int is_starter(const galley_sentencer *it, const next_word *w)
{
    if (w->first >= 0 && caption_at(it->text, it->len, w->start))
        return 1;
    if (!txt_is_upper(w->first))
        return 0;
    if (w->end - w->start == 1 && it->text[w->start] == 'I')
        return 0;           /* "U.S. I" is rare, "the O.J. ... I" is not */
    return galley_is_stopword(it->text + w->start, w->end - w->start);
}

/* the word (letters, digits, inner dots) that ends right at pos */
static size_t word_before(const galley_sentencer *it, size_t pos, size_t floor)
{
    size_t p = pos, s;
    int guard = 0;
    while (p > floor && guard++ < 64) {
        int32_t c = txt_prev(it->text, p, &s);
        if (!(txt_is_letter(c) || txt_is_digit(c) || c == '.'))
            break;
        p = s;
    }
    while (p < pos && it->text[p] == '.')
        p++;
    return p;
}

static int all_digits(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (w[i] < '0' || w[i] > '9')
            return 0;
    return n > 0;
}

/* U.S, Ph.D, a.m: every dot-separated piece is at most 3 bytes */
static int short_segments(const char *w, size_t n)
{
    size_t seg = 0;
    for (size_t i = 0; i < n; i++) {
        if (w[i] == '.')
            seg = 0;
        else if (++seg > 3)
            return 0;
    }
    return 1;
}

/* Is the single '.' at dot (followed by white space) a sentence end? */
static int period_ends(const galley_sentencer *it, size_t sent_start,
                       size_t dot, const next_word *nw)
{
    size_t ws = word_before(it, dot, sent_start);
    const char *w = it->text + ws;
    size_t n = dot - ws;
    if (n == 0)
        return 1;           /* after a quote, bracket or " ." (PTB) */
    if (all_digits(w, n)) {
        /* "1." opening a list item is a label, not a sentence */
        return ws != sent_start || n > 2;   /* but "in 2012. Image" */
    }
    if (memchr(w, '.', n)) {
        if (in_list(inner_dotted, w, n))
            return 0;
        if (!short_segments(w, n))
            return 1;                   /* www.example.co.nz. */
        return is_starter(it, nw);      /* U.S. The / U.S. President */
    }
    size_t p = ws;
    int32_t c0 = galley_utf8_next(it->text, dot, &p);
    if (p == dot && txt_is_upper(c0))
        return is_starter(it, nw);      /* an initial: John F. Kennedy */
    if (in_list(prefix_abbrevs, w, n))
        return 0;
    if ((n == 3 && memcmp(w, "etc", 3) == 0) || (n == 2 && memcmp(w, "al", 2) == 0))
        return txt_is_upper(nw->first);     /* etc. and et al. end lists */
    if (in_list(final_abbrevs, w, n)) {
        if (txt_is_digit(nw->first))
            return 0;                   /* No. 5, Jan. 12 */
        return is_starter(it, nw);
    }
    return 1;
}

/* eHow, wikiHow, iPhone and http://... start sentences in lower case */
static int camel_or_url(const galley_sentencer *it, const next_word *w)
{
    size_t p = w->start;
    while (p < w->end) {
        int32_t c = galley_utf8_next(it->text, w->end, &p);
        if (txt_is_upper(c))
            return 1;
    }
    const char *s = it->text + w->start;
    size_t n = it->len - w->start;
    return (n >= 7 && memcmp(s, "http://", 7) == 0) ||
           (n >= 8 && memcmp(s, "https://", 8) == 0) ||
           (n >= 4 && memcmp(s, "www.", 4) == 0);
}

/* the run [t0, t1) is a bare "..." or "…" */
static int is_ellipsis(const galley_sentencer *it, size_t t0, size_t t1)
{
    if (t0 > 0 && it->text[t0 - 1] == '[')
        return 0;           /* "[...]" marks omitted sentences */
    return (t1 - t0 == 3 && memcmp(it->text + t0, "...", 3) == 0) ||
           (t1 - t0 == 3 && memcmp(it->text + t0, "\xe2\x80\xa6", 3) == 0);
}

/* Does the run of terminals [t0, t1) end the sentence? */
/* "... at the bar. (2012). Image": a short bracketed note closed by a full
 * stop belongs to the sentence before it */
static int bracket_note(const galley_sentencer *it, size_t t1)
{
    size_t p = t1;
    while (p < it->len && (it->text[p] == ' ' || it->text[p] == '\t'))
        p++;
    if (p >= it->len || (it->text[p] != '(' && it->text[p] != '['))
        return 0;
    char close = it->text[p] == '(' ? ')' : ']';
    for (size_t q = p + 1; q < it->len && q < p + 24; q++) {
        if (it->text[q] == '\n' || it->text[q] == '(' || it->text[q] == '[')
            return 0;
        if (it->text[q] == close)
            return q + 1 < it->len && it->text[q + 1] == '.';
    }
    return 0;
}

/* the sentence at p starts with a capital, after at most 4 openers */
static int starts_upper(const galley_sentencer *it, size_t p)
{
    size_t next;
    int32_t c;
    for (int i = 0; i < 4 && (c = at(it, p, &next)) >= 0 && is_opener(c); i++)
        p = next;
    return txt_is_upper(at(it, p, NULL));
}

/* lower-case subject pronouns that open a sentence whose capital went
 * missing: "... better suited to CC works than LibriVox. we find it ..." */
static const char *const lower_subjects[] = {
    "we", "they", "he", "she", "it", "you", "i", NULL
};

/* a bare full stop (no closing quote: `this." he added` is one sentence)
 * after an ordinary word (4 letters or more, not an abbreviation) before a
 * lower-case subject pronoun ends a sentence, in text whose sentences start
 * with capitals (this one does) */
static int capital_dropped(const galley_sentencer *it, size_t sent_start,
                           size_t t0, size_t t1, const next_word *nw)
{
    if (t1 - t0 != 1 || it->text[t0] != '.' || !is_hspace(at(it, t1, NULL)) ||
        !in_list(lower_subjects, it->text + nw->start, nw->end - nw->start) ||
        !starts_upper(it, sent_start))
        return 0;
    size_t ws = word_before(it, t0, sent_start), n = t0 - ws;
    const char *w = it->text + ws;
    if (n < 4 || memchr(w, '.', n) || in_list(prefix_abbrevs, w, n) ||
        in_list(final_abbrevs, w, n))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (w[i] >= 'a' && w[i] <= 'z')
            return 1;
    return 0;
}

static int run_ends(const galley_sentencer *it, size_t sent_start,
                    size_t t0, size_t t1, const next_word *nw)
{
    if (nw->first < 0 || nw->blank)
        return 1;
    if (bracket_note(it, t1))
        return 0;
    if (txt_is_lower(nw->first) && !camel_or_url(it, nw) &&
        !capital_dropped(it, sent_start, t0, t1, nw))
        return 0;
    int dots = 0, other = 0;
    size_t p = t0;
    while (p < t1) {
        int32_t c = galley_utf8_next(it->text, t1, &p);
        if (c == '.')
            dots++;
        else if (c == 0x2026)
            dots += 3;
        else
            other++;
    }
    if (other)
        return 1;
    if (dots == 1 && t1 - t0 == 1)
        return period_ends(it, sent_start, t0, nw);
    /* an ellipsis opening a sentence leads into it ("Scientology. ... The") */
    if (t0 == sent_start)
        return 0;
    /* an ellipsis ends a sentence before a capital, except "... I" */
    if (nw->end - nw->start == 1 && it->text[nw->start] == 'I')
        return 0;
    return txt_is_upper(nw->first) || txt_is_digit(nw->first);
}

/* a single line break ends a sentence after a short unpunctuated line (a
 * headline, a date, a list item) when the next line starts like a sentence;
 * longer lines are taken as hard-wrapped prose */
#define SHORT_LINE 60
static int line_break_ends(const galley_sentencer *it, size_t line_start,
                           size_t nl)
{
    size_t s, p = nl;
    int32_t last = -1;
    while (p > line_start) {
        last = txt_prev(it->text, p, &s);
        if (!txt_is_space(last))
            break;
        p = s;
    }
    if (last < 0 || p == line_start)
        return 0;
    if (last == ',' || last == ';' || last == ':' || last == '-' ||
        last == '(' || last == '&' || last == 0x2013 || last == 0x2014)
        return 0;
    next_word nw;
    find_next_word(it, nl, &nw);
    if (nw.first < 0)
        return 1;
    /* a bullet or dash opening the next line is a list item */
    size_t q = nl + 1, after;
    int32_t c;
    while ((c = at(it, q, &after)) >= 0 && is_hspace(c))
        q = after;
    if (c == '-' || c == '*' || c == 0x2022 || c == 0x2013 || c == 0x2014)
        return 1;
    if (p - line_start >= SHORT_LINE)
        return 0;
    return txt_is_upper(nw.first) || txt_is_digit(nw.first);
}

/* the letters of the word that ends (before white space) at pos */
static int stopword_before(const galley_sentencer *it, size_t pos, size_t floor)
{
    size_t p = pos, s;
    while (p > floor && is_hspace(txt_prev(it->text, p, &s)))
        p = s;
    size_t e = p;
    int guard = 0;
    while (p > floor && guard++ < 32 && txt_is_letter(txt_prev(it->text, p, &s)))
        p = s;
    return p < e && galley_is_stopword(it->text + p, e - p);
}

/* the last character before pos that is not white space (-1: none) */
static int32_t last_before(const galley_sentencer *it, size_t pos, size_t floor)
{
    size_t p = pos, s;
    while (p > floor) {
        int32_t c = txt_prev(it->text, p, &s);
        if (!txt_is_space(c))
            return c;
        p = s;
    }
    return -1;
}

/* subject pronouns that open a sentence whose full stop went missing:
 * "... gets better and larger We currently have ..." */
static const char *const subject_pronouns[] = {
    "We", "They", "He", "She", "We're", "They're", "We've", "They've",
    "He's", "She's", "We'll", "They'll", "The", "In", "This", "It", "On",
    "At", "For", "But", "After", "If", "When", "While", "You", "You're",
    "You've", "You'll", NULL
};

static int pronoun_after_prose(const galley_sentencer *it, size_t start, size_t p)
{
    size_t e = p, next;
    int32_t c;
    while ((c = at(it, e, &next)) >= 0 && (txt_is_letter(c) || txt_is_apos(c)))
        e = next;
    if (!in_list(subject_pronouns, it->text + p, e - p))
        return 0;
    next_word nw;       /* "a banner that read We Know": a title, not prose */
    find_next_word(it, e, &nw);
    if (!txt_is_lower(nw.first) &&
        !full_name(it->text + nw.start, nw.end - nw.start, GALLEY_DATE_WEEKDAY) &&
        !full_name(it->text + nw.start, nw.end - nw.start, GALLEY_DATE_MONTH))
        return 0;       /* but "... Australia On Saturday, ..." is prose */
    c = last_before(it, p, start);
    return (txt_is_letter(c) || txt_is_digit(c)) && !stopword_before(it, p, start);
}

/* A dateline opening a sentence ("ISLAMABAD, Pakistan –"): its place is
 * text[start..dash) (galley/news.h) */
static int dateline_before(const galley_sentencer *it, size_t start, size_t dash)
{
    return galley_dateline_place(it->text + start, dash - start);
}

/* Units without punctuation that a word starting at p opens or closes: a
 * full date line ("Friday, July 21, 2017") after a headline, a picture
 * credit ("Image: ...").  Returns the sentence end it implies, or 0. */
static size_t unit_at(const galley_sentencer *it, size_t start, size_t p)
{
    const char *s = it->text;
    size_t d = full_date_end(s, it->len, p);
    if (d) {
        next_word nw;
        find_next_word(it, d, &nw);
        if (!(nw.first < 0 || nw.blank || txt_is_upper(nw.first)))
            return 0;
        if (p == start)
            return nw.first < 0 ? 0 : d;
        int32_t c = last_before(it, p, start);
        if ((txt_is_letter(c) || txt_is_digit(c) || is_closer(c)) &&
            !stopword_before(it, p, start))
            return p;
        return 0;
    }
    /* a date opening a unit and run into a capitalised word without a
     * comma is a date line ("Categories: August 15, 2008 Canada") */
    if (p == start && (d = month_date_end(s, it->len, p)) != 0) {
        next_word nw;
        find_next_word(it, d, &nw);
        return txt_is_upper(nw.first) && !nw.blank ? d : 0;
    }
    if ((d = list_label_end(s, it->len, p)) != 0) {
        if (p == start) {           /* the label is a unit: its list follows */
            next_word nw;
            find_next_word(it, d, &nw);
            return !nw.blank && (txt_is_upper(nw.first) || txt_is_digit(nw.first)) ? d : 0;
        }
        int32_t c = last_before(it, p, start);
        if (txt_is_letter(c) || txt_is_digit(c) || is_closer(c) || is_terminal(c))
            return p;
    }
    if (p > start && pronoun_after_prose(it, start, p))
        return p;
    if (p > start && caption_at(s, it->len, p)) {
        int32_t c = last_before(it, p, start);
        if (txt_is_letter(c) || txt_is_digit(c) || is_closer(c))
            return p;
    }
    return 0;
}

/* ":)", ";-)", ":D" after a sentence end belong to it */
static size_t emoticon_end(const galley_sentencer *it, size_t r)
{
    const char *s = it->text;
    if (r + 1 >= it->len || (s[r] != ':' && s[r] != ';'))
        return 0;
    size_t e = r + 1;
    if (s[e] == '-' && e + 1 < it->len)
        e++;
    return strchr(")(DPp][", s[e]) && s[e] ? e + 1 : 0;
}

/* An attribution after a quotation or a block quote ("... a long game."
 * - Matthew Ingram) stays with it: a dash, then up to 3 capitalised words
 * that are not function words; a last word followed by lower case opens
 * the next sentence instead ("- Matthew Ingram Writing in a blog post").
 * An attribution going on as a clause ("— Peres, on whether ...") is a
 * sentence of its own.  Returns the attribution's end, or q. */
static size_t attribution_end(const galley_sentencer *it, size_t q)
{
    size_t r = q, rn;
    int32_t d;
    while ((d = at(it, r, &rn)) >= 0 && is_hspace(d))
        r = rn;
    if (r == q || !(d == '-' || d == 0x2013 || d == 0x2014) ||
        !is_hspace(at(it, rn, NULL)))
        return q;
    size_t ends[3], n = 0, p = rn;
    for (;;) {
        next_word w;
        find_next_word(it, p, &w);
        if (w.first < 0 || w.blank)
            break;                          /* the paragraph ends */
        int name = n < 3 && txt_is_upper(w.first) &&
                   !galley_is_stopword(it->text + w.start, w.end - w.start);
        if (!name) {
            if (n == 0)
                return q;
            if (!txt_is_letter(w.first) && !txt_is_digit(w.first))
                return q;       /* "— Peres, on whether ...": a sentence */
            if (txt_is_lower(w.first) && n > 1)
                n--;                        /* "Ingram Writing in ..." */
            break;
        }
        size_t e = w.end;
        if (e < it->len && it->text[e] == '.')
            e++;                            /* "Jr.", "F." */
        ends[n++] = e;
        p = e;
    }
    return n ? ends[n - 1] : q;
}

/* PTB text spaces its closing quotes off ("won . '' Then", "won . \" Then"):
 * a closer standing alone after the end joins the sentence */
static size_t spaced_closer(const galley_sentencer *it, size_t q, int open_dq)
{
    const char *s = it->text;
    size_t r = q, rn;
    int32_t d;
    while ((d = at(it, r, &rn)) >= 0 && is_hspace(d))
        r = rn;
    if (r == q || d < 0)
        return q;
    size_t e;
    if (d == '\'' && rn < it->len && s[rn] == '\'')
        e = rn + 1;                                 /* '' */
    else if ((d == '"' && open_dq) || d == 0x201D)
        e = rn;
    else if ((e = emoticon_end(it, r)) == 0)
        return q;
    int32_t after = at(it, e, NULL);
    return after < 0 || txt_is_space(after) ? e : q;
}

/* An ellipsis inside a quotation marks a cut, not an end ("... Pakistanis …
 * We have not yet seen ...," said X) when the closing quote follows on the
 * same line within QUOTE_REACH bytes; otherwise the quote was left open
 * (a typo, or a quote running over paragraphs) and the end stands.
 * Returns the offset just past the closing quote mark, or 0. */
#define QUOTE_REACH 400
static size_t quote_close_end(const galley_sentencer *it, size_t q)
{
    size_t lim = q + QUOTE_REACH < it->len ? q + QUOTE_REACH : it->len;
    for (size_t p = q; p < lim; p++) {
        char b = it->text[p];
        if (b == '\n')
            return 0;
        if (b == '"') {
            /* ` "word`: a new quote opens, this one was left open */
            int32_t n = at(it, p + 1, NULL);
            if (p > q && is_hspace(txt_prev(it->text, p, NULL)) &&
                (txt_is_letter(n) || txt_is_digit(n)))
                return 0;
            return p + 1;
        }
        if (b == '\xe2' && p + 2 < it->len && it->text[p + 1] == '\x80') {
            if (it->text[p + 2] == '\x9d')
                return p + 3;           /* ” */
            if (it->text[p + 2] == '\x9c')
                return 0;               /* “ : a new quote opens first */
        }
    }
    return 0;
}

/* the text at p (after blanks) is an ellipsis: "Scientology. ... The" */
static int ellipsis_follows(const galley_sentencer *it, size_t p)
{
    const char *s = it->text;
    p = spaces_end(s, it->len, p);
    return (p + 3 <= it->len && memcmp(s + p, "...", 3) == 0) ||
           (p + 3 <= it->len && memcmp(s + p, "\xe2\x80\xa6", 3) == 0);
}

/* the source line ending at p (the paragraph's end) closes its block:
 * it does not end in a colon (a list's lead-in) and the text after it
 * does not run on in lower case (a fragment cut by a lost link) */
static int byline_closes(const galley_sentencer *it, size_t line, size_t p)
{
    if (last_before(it, p, line) == ':')
        return 0;
    next_word nw;
    find_next_word(it, p, &nw);
    return !txt_is_lower(nw.first);
}

/* A source line after a pull quote: from q, a capitalised fragment of at
 * most 4 words (titles in quotes aside), with no sentence punctuation,
 * that runs to the paragraph's end within BYLINE_REACH bytes (`."
 * Anonymous blogger, "Anon declares war"`).  Returns its end, or 0. */
#define BYLINE_REACH 80
#define BYLINE_WORDS 4
static size_t byline_end(const galley_sentencer *it, size_t q)
{
    size_t p = spaces_end(it->text, it->len, q), line = p, next;
    if (p == q || !txt_is_upper(at(it, p, NULL)))
        return 0;
    size_t lim = p + BYLINE_REACH < it->len ? p + BYLINE_REACH : it->len;
    int words = 0, quoted = 0;
    int32_t c, prev = ' ';
    while (p < lim && (c = at(it, p, &next)) >= 0) {
        if (c == '\n')
            return blank_line_at(it, p) && byline_closes(it, line, p) ? p : 0;
        if (is_terminal(c))
            return 0;
        if (c == '"' || c == 0x201C || c == 0x201D)
            quoted = c == '"' ? !quoted : c == 0x201C;
        else if (!quoted && txt_is_letter(c) && !txt_is_letter(prev) &&
                 !txt_is_apos(prev) && ++words > BYLINE_WORDS)
            return 0;
        prev = c;
        p = next;
    }
    return p == it->len && byline_closes(it, line, p) ? p : 0;
}

/* Full stops inside a quotation end sentences (GUM splits quoted speech),
 * except where the quotation is a part of a larger unit.  The closing
 * quote must follow on the same line within reach.
 * - an ellipsis after the stop marks a cut in one quoted passage
 *   (`"... of Scientology. ... The next thing"`);
 * - a quotation that closes on a word while its host sentence goes on was
 *   quoted as a phrase of it (`... the whole way".`, `... funny" rather`);
 * - a quotation opening its sentence and closed by a byline is a pull
 *   quote (`"So far, .... But it's a long game." - Matthew Ingram`). */
static int quote_in_unit(const galley_sentencer *it, size_t q, int at_start)
{
    size_t e = quote_close_end(it, q);
    if (e == 0)
        return 0;
    if (ellipsis_follows(it, q))
        return 1;
    size_t m = it->text[e - 1] == '"' ? e - 1 : e - 3;     /* the mark */
    int32_t last = txt_prev(it->text, m, NULL);
    if (txt_is_letter(last) || txt_is_digit(last)) {
        int32_t c = at(it, e, NULL);
        if (is_terminal(c))
            return 1;
        return is_hspace(c) && txt_is_lower(at(it, spaces_end(it->text, it->len, e), NULL));
    }
    return at_start && is_terminal(last) &&
           (attribution_end(it, e) != e || byline_end(it, e));
}

/* Scraped text loses the space after a full stop ("social media.The union
 * territory", "at workplace.?It has been"): a full stop (with any marks
 * after it) glued to a capitalised word ends a sentence when the word before
 * is an ordinary lower-case word (3 letters or more; so "U.S.A", "Ph.D",
 * "e.g.The", "example.com", "Node.js" and "Mr.Smith" never split) and the
 * word after is a capital followed by lower-case letters ("iPhone.The" and
 * "ASP.NET" keep their shape) or a capitalised function word ("it.The"). */
static int glued_end(const galley_sentencer *it, size_t sent_start,
                     size_t t0, size_t q)
{
    if (it->text[t0] != '.' || q >= it->len)
        return 0;
    size_t ws = word_before(it, t0, sent_start), n = t0 - ws;
    for (size_t i = ws; i < t0; i++)
        if (it->text[i] < 'a' || it->text[i] > 'z')
            return 0;
    next_word nw;
    find_next_word(it, q, &nw);
    if (nw.start != q || !txt_is_upper(nw.first) || nw.end - nw.start < 2)
        return 0;
    size_t p = nw.start;
    galley_utf8_next(it->text, nw.end, &p);
    while (p < nw.end) {
        int32_t c = galley_utf8_next(it->text, nw.end, &p);
        if (!txt_is_lower(c) && !txt_is_apos(c))
            return 0;
    }
    if (n >= 3 && !in_list(prefix_abbrevs, it->text + ws, n) &&
        !in_list(final_abbrevs, it->text + ws, n))
        return 1;
    return n >= 2 && is_starter(it, &nw);
}

/* 1 for an ASCII byte the loop of find_end only steps over: not a capital,
 * 'i' (units), a line break, '-', '"' or a terminal; most of a text */
static int plain_byte(unsigned char b)
{
    static const uint64_t special[2] = { 0x8000600600000400u, 0x20007fffffeu };
    return b < 0x80 && !((special[b >> 6] >> (b & 63)) & 1);
}

/* the end of the sentence starting at start (before trailing white space) */
static size_t find_end(const galley_sentencer *it, size_t start)
{
    size_t p = start, next, line_start = start, u;
    int dquotes = 0;        /* straight double quotes seen: odd = one is open */
    int curly = 0;          /* curly double quotes open */
    int quote_first = 0;    /* the open quotation opened the sentence */
    int32_t c, prev = ' ';
    for (;;) {
        size_t skip = p;    /* plain bytes: what the loop below would do to them */
        while (skip < it->len && plain_byte((unsigned char)it->text[skip]))
            skip++;
        if (skip > p) {
            prev = (unsigned char)it->text[skip - 1];
            p = skip;
        }
        if ((c = at(it, p, &next)) < 0)
            break;
        /* units start with a capital (or "image:"): skip other words cheaply */
        if (((c >= 'A' && c <= 'Z') || c == 'i') && txt_is_space(prev) &&
            (u = unit_at(it, start, p)) != 0)
            return u;
        prev = c;
        if (c == '\n') {
            if (blank_line_at(it, p) || line_break_ends(it, line_start, p))
                return p;
            line_start = next;
            p = next;
            continue;
        }
        if ((c == '-' || c == 0x2013 || c == 0x2014) && is_hspace(at(it, next, NULL)) &&
            p > start && is_hspace(txt_prev(it->text, p, NULL)) &&
            dateline_before(it, start, p)) {
            next_word nw;
            find_next_word(it, next, &nw);
            if (txt_is_upper(nw.first))
                return next;    /* the dateline is a unit of its own */
        }
        if (c == '"') {
            if (dquotes++ % 2 == 0 && !curly)
                quote_first = p == start;
        } else if (c == 0x201C) {
            if (curly++ == 0 && !(dquotes & 1))
                quote_first = p == start;
        } else if (c == 0x201D && curly > 0) {
            curly--;
        }
        if (!is_terminal(c)) {
            p = next;
            continue;
        }
        size_t t0 = p, t1 = p, q = p;
        int was_quoted = dquotes & 1 || curly;
        while ((c = at(it, q, &next)) >= 0 && is_terminal(c))
            q = t1 = next;
        /* closers, and any quote mark glued to the terminal ("end.“ typo) */
        while ((c = at(it, q, &next)) >= 0 &&
               (is_closer(c) || is_terminal(c) || c == 0x201C || c == 0x2018)) {
            if (c == '"')
                dquotes++;
            else if (c == 0x201D && curly > 0)
                curly--;
            q = next;
        }
        prev = '.';
        if (c >= 0 && !txt_is_space(c)) {
            if (glued_end(it, start, t0, q))
                return q;
            p = q;          /* 3.5, U.S.A, example.com: inside a token */
            continue;
        }
        next_word nw;
        find_next_word(it, q, &nw);
        int quoted = dquotes & 1 || curly;
        if (run_ends(it, start, t0, t1, &nw) &&
            !(quoted && is_ellipsis(it, t0, t1) && quote_close_end(it, q)) &&
            !(quoted && quote_in_unit(it, q, quote_first))) {
            q = spaced_closer(it, q, dquotes & 1);
            if (quote_first && was_quoted && !quoted && (u = byline_end(it, q)) != 0)
                return u;       /* a pull quote and its source line */
            return attribution_end(it, q);
        }
        p = q;
    }
    return it->len;
}

int galley_sent_next(galley_sentencer *it, size_t *start, size_t *end)
{
    size_t p = it->pos, next;
    int32_t c;
    while ((c = at(it, p, &next)) >= 0 && (txt_is_space(c) || c == 0))
        p = next;
    if (c < 0) {
        it->pos = it->len;
        return 0;
    }
    size_t e = find_end(it, p);
    it->pos = e;
    size_t s;
    while (e > p && txt_is_space(txt_prev(it->text, e, &s)))
        e = s;
    *start = p;
    *end = e;
    return 1;
}
