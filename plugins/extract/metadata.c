/* plugins/extract/metadata.c - the `metadata` extract plugin: title,
 * dateline, date (ISO 8601), author, language, word count and reading time
 * from the opening lines of a plain-text article. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <galley/galley.h>

#define HEAD_LINES 8        /* title, date, byline: within the first lines */
#define HEAD_BYTES 2000

typedef struct meta_state {
    long long wpm;          /* reading speed, words per minute */
    int title;
} meta_state;

static const galley_option meta_options[] = {
    { GALLEY_OPT_INT, "wpm", "230", 0, 50, 2000,
      "reading speed for reading_minutes, in words per minute", NULL },
    { GALLEY_OPT_BOOL, "title", "true", 0, 0, 0,
      "set field title from a headline-like first line when no stage set it", NULL },
    { 0 }
};

static galley_status meta_open(galley_stage *st, void **state)
{
    meta_state *s = calloc(1, sizeof *s);
    if (!s)
        return galley_stage_fail(st, "out of memory");
    s->wpm = galley_opt_int(st, "wpm");
    s->title = galley_opt_bool(st, "title");
    *state = s;
    return GALLEY_OK;
}

static galley_status meta_close(void *state)
{
    free(state);
    return GALLEY_OK;
}

/* ---- lines ---- */

typedef struct line {
    size_t start, end;      /* trimmed; start == end for a blank line */
} line;

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* the first n non-blank lines of text */
static size_t head_lines(const char *text, size_t len, line *out, size_t max)
{
    size_t n = 0, p = 0;
    while (p < len && n < max) {
        const char *nl = memchr(text + p, '\n', len - p);
        size_t le = nl ? (size_t)(nl - text) : len, s = p, e = le;
        while (s < e && is_space(text[s]))
            s++;
        while (e > s && is_space(text[e - 1]))
            e--;
        if (e > s)
            out[n++] = (line){ s, e };
        p = le + 1;
    }
    return n;
}

/* ---- dates (the rules are the toolkit's: galley/news.h) ---- */

/* a full weekday name ("Monday", "SUNDAY.") ends in "day", may be followed
 * by a period, and has 6 to 9 letters: the test of galley_date_word then
 * runs for few of the head's words (it was 1.3 % of a default run) */
static int weekday_shaped(const char *w, size_t n)
{
    if (n > 6 && w[n - 1] == '.')
        n--;
    return n >= 6 && n <= 9 && (w[n - 3] | 0x20) == 'd' && (w[n - 2] | 0x20) == 'a' &&
           (w[n - 1] | 0x20) == 'y';
}

/* the first "Weekday, Month D, YYYY" in s[0..n): a date glued to a headline
 * or to the first sentence ("... McGuire Sunday, May 28, 2006") */
static int find_full_date(const char *s, size_t n, char *iso)
{
    galley_tokenizer tz;
    galley_token t;
    galley_tok_init(&tz, s, n);
    while (galley_tok_next(&tz, &t)) {
        if (t.cls != GALLEY_TOK_WORD || !weekday_shaped(s + t.start, t.end - t.start) ||
            galley_date_word(s + t.start, t.end - t.start, NULL) != GALLEY_DATE_WEEKDAY)
            continue;
        galley_tokenizer look = tz;     /* the iterator is plain data */
        galley_token u;
        for (int k = 0; k < 5 && galley_tok_next(&look, &u); k++) {
            if (memchr(s + t.start, '\n', u.end - t.start))
                break;                  /* "Tuesday, 1 March\n\n2000 GMT" */
            if (k >= 3 && galley_date_line(s + t.start, u.end - t.start, iso) && iso[0])
                return 1;
        }
    }
    return 0;
}

/* ---- headline, byline, dateline ---- */

/* adds each name of "Jane Smith and John Doe" / "A, B and C" as author */
static void add_authors(galley_doc *doc, const char *s, size_t n)
{
    size_t p = 0;
    while (p < n) {
        size_t e = p, next = n;
        for (size_t i = p; i < n; i++) {
            if (s[i] == ',') {
                e = i;
                next = i + 1;
                break;
            }
            if (i + 5 <= n && strncmp(s + i, " and ", 5) == 0) {
                e = i;
                next = i + 5;
                break;
            }
            e = i + 1;
        }
        while (p < e && is_space(s[p]))
            p++;
        while (e > p && (is_space(s[e - 1]) || (e == n && s[e - 1] == '.')))
            e--;
        if (e > p)
            galley_doc_add_field(doc, "author", galley_doc_strndup(doc, s + p, e - p),
                                 GALLEY_NO_SCORE);
        p = next;
    }
}

static int headline_like(const char *s, size_t n)
{
    if (n == 0 || n > 400)
        return 0;
    char last = s[n - 1];
    int ellipsis = n >= 3 && memcmp(s + n - 3, "...", 3) == 0;
    if ((last == '.' && !ellipsis) || last == ',' || last == ';' || last == ':')
        return 0;
    galley_tokenizer tz;
    galley_token t;
    int words = 0, letters = 0;
    galley_tok_init(&tz, s, n);
    while (galley_tok_next(&tz, &t)) {
        if (t.cls == GALLEY_TOK_WORD)
            letters = 1;
        if (t.cls == GALLEY_TOK_WORD || t.cls == GALLEY_TOK_NUMBER)
            words++;
    }
    return letters && words <= 30;
}

/* The dateline opening the first body line (galley_dateline): its place
 * in title case ("Islamabad, Pakistan") into out. */
static int parse_dateline(const char *s, size_t n, char *out, size_t cap)
{
    galley_tokenizer tz;
    galley_token t;
    size_t place_end = 0, o = 0;
    if (galley_dateline(s, n, &place_end) == 0 || place_end == 0)
        return 0;
    /* title case the words written in capitals */
    galley_tok_init(&tz, s, place_end);
    size_t prev = 0;
    while (galley_tok_next(&tz, &t) && o + (t.end - prev) * 4 + 1 < cap) {
        for (size_t i = prev; i < t.start; i++)
            if (!(s[i] == '(' || s[i] == ')') && o + 1 < cap)
                out[o++] = s[i] == '\n' ? ' ' : s[i];
        if (t.cls == GALLEY_TOK_WORD && (t.flags & GALLEY_TOK_ALLCAPS) && t.end - t.start > 2) {
            size_t p = t.start;
            int32_t c = galley_utf8_next(s, t.end, &p);
            o += galley_utf8_encode(c, out + o);
            o += galley_casefold(s + p, t.end - p, out + o, cap - o) ;
            if (o >= cap)
                return 0;
        } else {
            memcpy(out + o, s + t.start, t.end - t.start);
            o += t.end - t.start;
        }
        prev = t.end;
    }
    out[o] = '\0';
    return o > 0;
}

/* ---- language and length ---- */

/* over the toolkit's token layer, which later stages (quotes) reuse */
static void count_words(galley_doc *doc, const char *text, size_t *words, size_t *stop,
                        size_t *latin)
{
    size_t n;
    const galley_token *t = galley_doc_tokens(doc, &n);
    *words = *stop = *latin = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i].cls == GALLEY_TOK_NUMBER) {
            (*words)++;
        } else if (t[i].cls == GALLEY_TOK_WORD) {
            (*words)++;
            if ((unsigned char)text[t[i].start] < 0x80)
                (*latin)++;
            if (t[i].flags & GALLEY_TOK_STOPWORD)
                (*stop)++;
        }
    }
}

static galley_status meta_process(void *state, galley_doc *doc)
{
    const meta_state *st = state;
    size_t len;
    const char *text = galley_doc_text(doc, &len);
    if (!text)
        return GALLEY_OK;
    line lines[HEAD_LINES];
    size_t nl = head_lines(text, len, lines, HEAD_LINES), body = 0;
    char iso[11];
    int have_title = galley_doc_field(doc, "title") != NULL;
    /* the headline: the sentences plugin's span, else the first line */
    size_t nspans;
    const galley_span *sp = galley_doc_layer(doc, "sentence", &nspans);
    size_t i = 0;
    if (nspans > 0 && sp[0].label && strcmp(sp[0].label, "title") == 0) {
        if (!have_title && st->title)
            galley_doc_set_field(doc, "title",
                                 galley_doc_strndup(doc, text + sp[0].start, sp[0].end - sp[0].start));
        while (i < nl && lines[i].start < sp[0].end)
            i++;
    } else if (nl >= 2 && headline_like(text + lines[0].start, lines[0].end - lines[0].start) &&
               !galley_date_line(text + lines[0].start, lines[0].end - lines[0].start, NULL)) {
        if (!have_title && st->title)
            galley_doc_set_field(doc, "title", galley_doc_strndup(doc, text + lines[0].start,
                                                                  lines[0].end - lines[0].start));
        i = 1;
    }
    /* date lines and bylines before the body */
    for (; i < nl; i++) {
        const char *s = text + lines[i].start;
        size_t n = lines[i].end - lines[i].start, ns = 0;
        int by;
        if (galley_date_line(s, n, iso)) {
            if (iso[0] && !galley_doc_field(doc, "date"))
                galley_doc_set_field(doc, "date", iso);
        } else if ((by = galley_byline(s, n, &ns)) != 0) {
            if (by != GALLEY_BYLINE_AUTHOR)
                continue;
            if (!galley_doc_field(doc, "author"))
                add_authors(doc, s + ns, n - ns);
        } else {
            break;
        }
    }
    if (!galley_doc_field(doc, "date") && nl > 0) {
        size_t upto = lines[nl < 4 ? nl - 1 : 3].end;
        if (upto > HEAD_BYTES)
            upto = HEAD_BYTES;          /* dates sit at the top */
        if (find_full_date(text, upto, iso))
            galley_doc_set_field(doc, "date", iso);
    }
    if (i < nl) {
        body = lines[i].start;
        char place[256];
        if (parse_dateline(text + body, len - body, place, sizeof place) &&
            !galley_doc_field(doc, "dateline"))
            galley_doc_set_field(doc, "dateline", place);
    }
    size_t words, stop, latin;
    count_words(doc, text, &words, &stop, &latin);
    if (!galley_doc_field(doc, "lang")) {
        /* function words make up 30-50% of running English text */
        int en = words >= 5 && stop * 5 >= words && latin * 2 >= words;
        galley_doc_set_field(doc, "lang", en ? "en" : "und");
    }
    galley_doc_set_fieldf(doc, "words", "%zu", words);
    long long minutes = words ? (long long)ceil((double)words / (double)st->wpm) : 0;
    galley_doc_set_fieldf(doc, "reading_minutes", "%lld", minutes);
    return GALLEY_OK;
}

GALLEY_PLUGIN(metadata,
    .kind = GALLEY_EXTRACT,
    .summary = "title, dateline, date, author, language, word count and reading time of plain text",
    .version = "1.0",
    .license = "MIT",
    .options = meta_options,
    .provides = "title dateline date author lang words reading_minutes",
    .open = meta_open, .process = meta_process, .close = meta_close);
