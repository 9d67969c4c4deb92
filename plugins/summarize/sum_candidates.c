/* plugins/summarize/sum_candidates.c - the summarizer core's candidate
 * sentences: the `sentence` layer's spans (or the toolkit's splitter's),
 * without titles, datelines, captions, bylines, links, footers and
 * fragments, with paragraph numbers and word counts. */
#include <string.h>
#include <strings.h>

#include "sum_int.h"

static int has_prefix_ci(const char *s, size_t n, const char *pre)
{
    /* most sentences differ in the first letter: test it before strlen */
    if (n == 0 || ((s[0] ^ pre[0]) & ~0x20) != 0)
        return 0;
    size_t m = strlen(pre);
    return n >= m && strncasecmp(s, pre, m) == 0;
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}



/* bit 1: a word byte (letter, digit, any non-ASCII byte); bit 2: ' . , -
 * which join a word to a word byte after them */
static const unsigned char word_class[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 2, 2, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* words in text[s..e): runs of letters and digits (any non-ASCII byte counts
 * as a letter), joined across an inner ' . , - as in don't, U.S., 1,000.
 * A byte scan rather than the tokenizer: it runs on every sentence, and
 * only lengths and budgets depend on it.  Without branches: a word starts at
 * a word byte unless the byte before is one, or is a joiner after one. */
static int count_words(const char *text, size_t s, size_t e)
{
    const unsigned char *t = (const unsigned char *)text;
    unsigned c1 = 0, c2 = 0;        /* classes of the two bytes before */
    int n = 0;
    for (size_t i = s; i < e; i++) {
        unsigned c0 = word_class[t[i]];
        n += (int)(c0 & ~c1 & ~((c1 >> 1) & c2) & 1u);
        c2 = c1;
        c1 = c0;
    }
    return n;
}

/* 1 if text[a..b) holds a blank line (a paragraph break) */
static int has_blank_line(const char *text, size_t a, size_t b)
{
    int nl = 0;
    for (size_t i = a; i < b; i++) {
        if (text[i] == '\n') {
            if (++nl == 2)
                return 1;
        } else if (!is_space((unsigned char)text[i]))
            nl = 0;
    }
    return 0;
}

/* Offset where the body starts: after the title when the text opens with the
 * `title` field, or with a lone first line that has no sentence-final
 * punctuation and is followed by a blank line (a headline). */
size_t gsum__body_start(const galley_doc *doc, const char *text, size_t len)
{
    size_t i = 0;
    while (i < len && is_space((unsigned char)text[i]))
        i++;
    const char *title = galley_doc_field(doc, "title");
    if (title && *title) {
        size_t tl = strlen(title);
        if (len - i >= tl && memcmp(text + i, title, tl) == 0)
            return i + tl;
    }
    size_t e = i;
    while (e < len && text[e] != '\n')
        e++;
    size_t last = e;
    while (last > i && is_space((unsigned char)text[last - 1]))
        last--;
    if (last == i || e >= len)
        return 0;
    char c = text[last - 1];
    if (c == '.' || c == '!' || c == '?')
        return 0;
    /* a headline stands alone: a blank line follows */
    size_t j = e + 1;
    while (j < len && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r'))
        j++;
    return (j < len && text[j] == '\n') ? e : 0;
}

static const char *const footer_marks[] = {
    "Read more", "Source link", "Leave a Reply", "Leave a comment",
    "Your email address will not be published", "Share this", "Related:",
    "Related stories", "Related articles", "Follow us", "Sign up for",
    "Click here", "Copyright ", "All rights reserved", NULL
};

static int is_footer_mark(const char *s, size_t n)
{
    for (int i = 0; footer_marks[i]; i++)
        if (has_prefix_ci(s, n, footer_marks[i]))
            return 1;
    return 0;
}

/* the sentence's last character before closing quotes and brackets (0 if
 * none); an ellipsis reads as '.' */
static char final_char(const char *s, size_t n)
{
    while (n > 0) {
        unsigned char c = (unsigned char)s[n - 1];
        if (c == '"' || c == '\'' || c == ')' || c == ']') {
            n--;
            continue;
        }
        /* ” ’ (E2 80 9D / 99) */
        if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80
            && (c == 0x9D || c == 0x99)) {
            n -= 3;
            continue;
        }
        break;
    }
    if (n == 0)
        return 0;
    /* … */
    if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80
        && (unsigned char)s[n - 1] == 0xA6)
        return '.';
    return s[n - 1];
}

/* ends with . ! ? (or an ellipsis), possibly followed by closing quotes or
 * brackets: a complete sentence, not a headline, list item or link */
static int ends_sentence(const char *s, size_t n)
{
    char c = final_char(s, n);
    return c == '.' || c == '!' || c == '?';
}

static int bracketed(const char *s, size_t n)
{
    return n >= 2 && ((s[0] == '[' && s[n - 1] == ']') || (s[0] == '(' && s[n - 1] == ')'));
}

static int add_sent(gsum *g, size_t s, size_t e, int para)
{
    if (galley_reserve(&g->sents, &g->capsents, g->nsents + 1, sizeof *g->sents) < 0)
        return -1;
    gsum_sent *x = &g->sents[g->nsents++];
    memset(x, 0, sizeof *x);
    x->start = s;
    x->end = e;
    x->para = para;
    return 0;
}

/* 1 if a `sentence` span with this label may become a candidate: body
 * sentences have no label; title/headline, date/dateline, caption and byline
 * need `include`; any other label is not body text */
static int label_allowed(const gsum *g, const char *label)
{
    if (!label || !*label)
        return 1;
    if (strcasecmp(label, "title") == 0 || strcasecmp(label, "headline") == 0)
        return (g->allow & GSUM_ALLOW_TITLE) != 0;
    if (strcasecmp(label, "date") == 0 || strcasecmp(label, "dateline") == 0)
        return (g->allow & GSUM_ALLOW_DATELINE) != 0;
    if (strcasecmp(label, "caption") == 0)
        return (g->allow & GSUM_ALLOW_CAPTION) != 0;
    if (strcasecmp(label, "byline") == 0)
        return (g->allow & GSUM_ALLOW_BYLINE) != 0;
    return 0;
}

/* A span kept out by its label stays in the list, marked (words -2; -3
 * for a caption), so that a caption's credit still marks its paragraph. */
static int add_labelled(gsum *g, size_t s, size_t e, int para, const char *label)
{
    if (add_sent(g, s, e, para) < 0)
        return -1;
    if (!label_allowed(g, label))
        g->sents[g->nsents - 1].words = label && strcasecmp(label, "caption") == 0 ? -3 : -2;
    return 0;
}

/* Raw sentence spans (before filtering) into g->sents, with paragraph
 * numbers, from the `sentence` layer and its labels; without one, from the
 * toolkit's splitter with the labels the `sentences` plugin would give
 * (galley_news_label). */
static void collect_spans(gsum *g, galley_doc *doc, const char *text, size_t len)
{
    size_t nl = 0;
    const galley_span *sp = galley_doc_layer(doc, "sentence", &nl);
    size_t from = (g->allow & GSUM_ALLOW_TITLE) ? 0 : gsum__body_start(doc, text, len);
    int para = 0;
    size_t prev = from;
    if (sp && nl > 0) {
        for (size_t i = 0; i < nl; i++) {
            if (sp[i].end <= from || sp[i].end > len || sp[i].start >= sp[i].end)
                continue;
            size_t s = sp[i].start < from ? from : sp[i].start;
            if (s > prev && has_blank_line(text, prev, s))
                para++;
            if (add_labelled(g, s, sp[i].end, para, sp[i].label) < 0)
                return;
            prev = sp[i].end;
        }
        return;
    }
    galley_sentencer it;
    size_t s, e;
    galley_sent_init(&it, text + from, len - from);
    while (galley_sent_next(&it, &s, &e)) {
        s += from;
        e += from;
        if (s > prev && has_blank_line(text, prev, s))
            para++;
        if (add_labelled(g, s, e, para, galley_news_label(text + s, e - s)) < 0)
            return;
        prev = e;
    }
}

/* first byte is a lower-case ASCII letter: a fragment the splitter cut off
 * ("a refuge. and a launch pad ...") */
static int starts_lower(const char *s, size_t n)
{
    return n > 0 && s[0] >= 'a' && s[0] <= 'z';
}

/* Joins fragments to the sentence before them (same paragraph), finds the
 * footer, and keeps only the spans that may enter a summary. */
static size_t filter_spans(gsum *g, const char *text)
{
    size_t out = 0;
    int footer = 0;
    /* a paragraph holding a caption or credit is a caption: mark all its
     * sentences (words = -1); paragraphs are in order, so walk both ways.
     * words -2: kept out by its label; -3: labelled caption */
    if (!(g->allow & GSUM_ALLOW_CAPTION))
        for (size_t i = 0; i < g->nsents; i++) {
            gsum_sent *x = &g->sents[i];
            if (x->words != -3)
                continue;
            for (size_t j = i; j > 0 && g->sents[j - 1].para == x->para; j--)
                g->sents[j - 1].words = -1;
            for (size_t j = i; j < g->nsents && g->sents[j].para == x->para; j++)
                g->sents[j].words = -1;
        }
    for (size_t i = 0; i < g->nsents; i++) {
        gsum_sent x = g->sents[i];
        const char *s = text + x.start;
        size_t n = x.end - x.start;
        if (x.words < 0)
            continue;       /* kept out by its label, or in a caption paragraph */
        if (out > 0 && starts_lower(s, n) && g->sents[out - 1].para == x.para
            && g->sents[out - 1].end <= x.start) {
            g->sents[out - 1].end = x.end;
            g->sents[out - 1].words += count_words(text, x.start, x.end);
            continue;
        }
        /* a footer marker in the second half ends the candidates; earlier
         * ones are more likely text ("Read more about it in ...") */
        if (is_footer_mark(s, n) && i * 2 >= g->nsents)
            footer = 1;
        if (footer)
            continue;
        if (bracketed(s, n))
            continue;
        x.words = count_words(text, x.start, x.end);
        g->sents[out++] = x;
    }
    /* complete sentences only, long enough; fragments were joined above (one
     * opening a paragraph stays: "wikiHow is a wiki-based site ...") */
    size_t k = 0;
    for (size_t i = 0; i < out; i++) {
        gsum_sent x = g->sents[i];
        if (x.words < g->min_words || !ends_sentence(text + x.start, x.end - x.start))
            continue;
        x.pos = (int)k;
        x.question = final_char(text + x.start, x.end - x.start) == '?';
        g->sents[k++] = x;
    }
    g->nsents = k < GSUM_MAX_CANDIDATES ? k : GSUM_MAX_CANDIDATES;
    return g->nsents;
}


size_t gsum__candidates(gsum *g, galley_doc *doc, const char *text, size_t len)
{
    collect_spans(g, doc, text, len);
    return filter_spans(g, text);
}
