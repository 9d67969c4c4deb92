/* plugins/extract/sentences.c - the `sentences` extract plugin: the headline
 * (field `title`), paragraphs and sentences of plain text as span layers.
 * Layer labels: "title" (the headline), "date" (a date line), "byline"
 * ("By NAME"), "dateline" ("ISLAMABAD, Pakistan –"), "caption" ("Image:
 * ..."); body sentences have no label (NULL), so summarizers take those. */
#include <stdlib.h>
#include <string.h>

#include <galley/galley.h>

typedef struct sent_state {
    int title;              /* detect a headline on the first line */
    long long title_words;  /* longest headline, in words */
} sent_state;

static const galley_option sent_options[] = {
    { GALLEY_OPT_BOOL, "title", "true", 0, 0, 0,
      "take a short first line without a full stop as the headline", NULL },
    { GALLEY_OPT_INT, "title_words", "30", 0, 1, 200,
      "longest headline, in words", NULL },
    { 0 }
};

static galley_status sent_open(galley_stage *st, void **state)
{
    sent_state *s = calloc(1, sizeof *s);
    if (!s)
        return galley_stage_fail(st, "out of memory");
    s->title = galley_opt_bool(st, "title");
    s->title_words = galley_opt_int(st, "title_words");
    *state = s;
    return GALLEY_OK;
}

static galley_status sent_close(void *state)
{
    free(state);
    return GALLEY_OK;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int word_in(const char *w, size_t n, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && strncmp(list[i], w, n) == 0)
            return 1;
    return 0;
}

static const char *const date_words[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "Jan.", "Feb.", "Mar.",
    "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
    "Nov", "Dec", "Updated", "Published", NULL
};

/* A line that is only a date: "Friday, July 21, 2017", "21 July 2017",
 * "2017-07-21" (weekdays, months, numbers and , . - / only, with a year). */
static int is_date_line(const char *s, size_t n)
{
    galley_tokenizer tz;
    galley_token t;
    int year = 0, month = 0, numbers = 0;
    galley_tok_init(&tz, s, n);
    while (galley_tok_next(&tz, &t)) {
        const char *w = s + t.start;
        size_t len = t.end - t.start;
        if (t.cls == GALLEY_TOK_NUMBER) {
            numbers++;
            if (len == 4 && (w[0] == '1' || w[0] == '2'))
                year = 1;
        } else if (t.cls == GALLEY_TOK_WORD && word_in(w, len, date_words)) {
            month = 1;
        } else if (t.cls == GALLEY_TOK_WORD && len > 1 && w[len - 1] == '.' &&
                   word_in(w, len - 1, date_words)) {
            month = 1;
        } else if (!(t.cls == GALLEY_TOK_PUNCT && len == 1 &&
                     strchr(",.-/", w[0]))) {
            return 0;
        }
    }
    return year && (month || numbers >= 3);
}

/* "By Jane Smith" / "By JANE SMITH and John Doe": a short capitalised line */
static int is_byline(const char *s, size_t n)
{
    if (n < 4 || n > 120 || (s[0] != 'B' && s[0] != 'b') ||
        (s[1] != 'y' && s[1] != 'Y') || s[2] != ' ')
        return 0;
    galley_tokenizer tz;
    galley_token t;
    int words = 0, caps = 0;
    galley_tok_init(&tz, s + 3, n - 3);
    while (galley_tok_next(&tz, &t)) {
        if (t.cls != GALLEY_TOK_WORD)
            continue;
        words++;
        if (t.flags & GALLEY_TOK_CAPITALIZED)
            caps++;
    }
    return caps >= 1 && words <= 8 && caps * 2 >= words && s[n - 1] != '.';
}

/* a picture credit: "Image: Nick Moreau.", "Photo; AP" */
static int is_caption(const char *s, size_t n)
{
    static const char *const words[] = {
        "Image", "image", "Photo", "photo", "Photograph", "Picture", NULL
    };
    size_t e = 0;
    while (e < n && ((s[e] >= 'a' && s[e] <= 'z') || (s[e] >= 'A' && s[e] <= 'Z')))
        e++;
    return e < n && (s[e] == ':' || s[e] == ';') && n < 200 && word_in(s, e, words);
}

/* the splitter ends a dateline ("ISLAMABAD, Pakistan –") at its dash */
static int is_dateline(const char *s, size_t n)
{
    if (n < 3 || n > 80)
        return 0;
    return s[n - 1] == '-' ||
           (n >= 4 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
            ((unsigned char)s[n - 1] == 0x93 || (unsigned char)s[n - 1] == 0x94));
}

/* The first line is the headline when it is short, has no final full stop
 * and more text follows that does not continue it in lower case. */
static int find_title(const sent_state *st, const char *text, size_t len,
                      size_t *ts, size_t *te)
{
    size_t s = 0;
    while (s < len && is_space(text[s]))
        s++;
    const char *nl = memchr(text + s, '\n', len - s);
    size_t le = nl ? (size_t)(nl - text) : len, e = le;
    while (e > s && is_space(text[e - 1]))
        e--;
    size_t r = le;
    while (r < len && is_space(text[r]))
        r++;
    if (e == s || r >= len || e - s > 400)
        return 0;           /* nothing, or nothing after it: never a title */
    char last = text[e - 1];
    int ellipsis = e - s >= 3 && memcmp(text + e - 3, "...", 3) == 0;
    if ((last == '.' && !ellipsis) || last == ',' || last == ';' || last == ':')
        return 0;           /* "Rivals of the £400 Apple..." is a headline */
    if (is_date_line(text + s, e - s) || is_byline(text + s, e - s))
        return 0;
    /* wrapped prose: the very next line goes on in lower case */
    size_t nx = le + 1;
    while (nx < len && (text[nx] == ' ' || text[nx] == '\t'))
        nx++;
    if (nx < len && text[nx] >= 'a' && text[nx] <= 'z')
        return 0;
    galley_tokenizer tz;
    galley_token t;
    long long words = 0;
    int letters = 0;
    galley_tok_init(&tz, text + s, e - s);
    while (galley_tok_next(&tz, &t)) {
        if (t.cls == GALLEY_TOK_WORD) {
            words++;
            letters = 1;
        } else if (t.cls == GALLEY_TOK_NUMBER) {
            words++;
        }
    }
    if (!letters || words > st->title_words)
        return 0;
    *ts = s;
    *te = e;
    return 1;
}

/* blank-line separated blocks of text[from..len) as `paragraph` spans */
static int add_paragraphs(galley_doc *doc, const char *text, size_t from, size_t len)
{
    size_t p = from;
    while (p < len) {
        while (p < len && is_space(text[p]))
            p++;
        if (p >= len)
            break;
        size_t s = p, e = p;
        for (;;) {
            const char *nl = memchr(text + p, '\n', len - p);
            size_t le = nl ? (size_t)(nl - text) : len;
            size_t q = le;
            while (q > p && is_space(text[q - 1]))
                q--;
            if (q == p && p > s)
                break;                  /* a blank line */
            e = q > e ? q : e;
            if (!nl)
                break;
            p = le + 1;
        }
        if (galley_doc_add_span(doc, "paragraph", s, e, NULL, GALLEY_NO_SCORE) < 0)
            return -1;
        p = e;
    }
    return 0;
}

static galley_status sent_process(void *state, galley_doc *doc)
{
    const sent_state *st = state;
    size_t len;
    const char *text = galley_doc_text(doc, &len);
    if (!text || len == 0)
        return GALLEY_OK;
    size_t body = 0, ts, te;
    if (st->title && find_title(st, text, len, &ts, &te)) {
        if (!galley_doc_field(doc, "title"))
            galley_doc_set_field(doc, "title", galley_doc_strndup(doc, text + ts, te - ts));
        galley_doc_add_span(doc, "paragraph", ts, te, "title", GALLEY_NO_SCORE);
        galley_doc_add_span(doc, "sentence", ts, te, "title", GALLEY_NO_SCORE);
        body = te;
    }
    if (add_paragraphs(doc, text, body, len) < 0)
        return galley_doc_fail(doc, "cannot add paragraph spans (text changed during the stage?)");
    galley_sentencer it;
    size_t s, e;
    galley_sent_init(&it, text + body, len - body);
    while (galley_sent_next(&it, &s, &e)) {
        const char *label = NULL;
        if (is_date_line(text + body + s, e - s))
            label = "date";
        else if (is_dateline(text + body + s, e - s))
            label = "dateline";
        else if (is_caption(text + body + s, e - s))
            label = "caption";
        else if (is_byline(text + body + s, e - s))
            label = "byline";
        galley_doc_add_span(doc, "sentence", body + s, body + e, label, GALLEY_NO_SCORE);
    }
    return GALLEY_OK;
}

GALLEY_PLUGIN(sentences,
    .kind = GALLEY_EXTRACT,
    .summary = "headline, paragraphs and sentences of plain text (title, paragraph and sentence)",
    .version = "1.0",
    .license = "MIT",
    .options = sent_options,
    .provides = "title paragraph sentence",
    .open = sent_open, .process = sent_process, .close = sent_close);
