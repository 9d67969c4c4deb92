/* plugins/extract/sentences.c - the `sentences` extract plugin: the headline
 * (field `title`), paragraphs and sentences of plain text as span layers.
 * Layer labels: "title" (the headline), and the toolkit's news labels
 * (galley_news_label: "date", "dateline", "byline", "caption"); body
 * sentences have no label (NULL), so summarizers take those. */
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
    if (galley_date_line(text + s, e - s, NULL) || galley_byline(text + s, e - s, NULL))
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
        const char *label = galley_news_label(text + body + s, e - s);
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
