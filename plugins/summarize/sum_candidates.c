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

/* a caption or its credit: "Photo: ...", or "... Image: Name." (the credit
 * wikis and news sites put after a picture's caption) */
static int is_caption(const char *s, size_t n)
{
    static const char *const marks[] = { "Image:", "Photo:", "Video:", "Picture:",
        "Pictured:", "Caption:", "Photograph:", "Credit:", "Graphic:", "Watch:", NULL };
    if (has_prefix_ci(s, n, "File photo") || has_prefix_ci(s, n, "Photo credit"))
        return 1;
    /* every mark ends with ':', so only the words before a colon are checked */
    for (const char *c = memchr(s, ':', n); c; c = memchr(c + 1, ':', n - (size_t)(c + 1 - s))) {
        size_t end = (size_t)(c - s) + 1;
        for (int i = 0; marks[i]; i++) {
            size_t m = strlen(marks[i]);
            if (end >= m && strncasecmp(s + end - m, marks[i], m) == 0
                && (end == m || s[end - m - 1] == ' '))
                return 1;
        }
        if (end >= n)
            break;
    }
    return 0;
}

static int is_byline(const char *s, size_t n, int words)
{
    static const char *const marks[] = { "By ", "Written by", "Reporting by",
        "Additional reporting", "Editing by", "Reported by", "(Reporting",
        "Contact ", "Email ", "Follow ", NULL };
    if (words > 12)
        return 0;
    for (int i = 0; marks[i]; i++)
        if (has_prefix_ci(s, n, marks[i]))
            return 1;
    return 0;
}

static int is_month_or_day(const char *w, size_t n)
{
    static const char *const names[] = { "january", "february", "march", "april",
        "may", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "updated", "published", "posted", "am", "pm", "gmt",
        "utc", "est", "edt", NULL };
    /* per first letter, bit k set when a name of k letters starts with it:
     * most words are turned down here without a string compare */
    static const unsigned short lengths[26] = {
        0x06c, 0x000, 0x000, 0x108, 0x008, 0x148, 0x008, 0x000, 0x000, 0x098,
        0x000, 0x000, 0x068, 0x108, 0x088, 0x244, 0x000, 0x000, 0x358, 0x180,
        0x088, 0x000, 0x200, 0x000, 0x000, 0x000 };
    if (n < 2 || n > 9)
        return 0;
    unsigned c = (unsigned char)w[0] | 0x20u;
    if (c - 'a' >= 26u || !(lengths[c - 'a'] & (1u << n)))
        return 0;
    for (int i = 0; names[i]; i++)
        if (((names[i][0] ^ w[0]) & ~0x20) == 0 && strlen(names[i]) == n
            && strncasecmp(w, names[i], n) == 0)
            return 1;
    return 0;
}

/* a sentence made only of dates and times: "Thursday, February 23, 2006"
 * (letters must all be month/day words; a byte scan, no tokenizer) */
static int is_date_only(const char *s, size_t n)
{
    int words = 0;
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            size_t b = i;
            while (i < n && (((unsigned char)s[i] | 0x20) >= 'a' && ((unsigned char)s[i] | 0x20) <= 'z'))
                i++;
            if (!is_month_or_day(s + b, i - b))
                return 0;
            words++;
        } else if (c >= '0' && c <= '9') {
            while (i < n && s[i] >= '0' && s[i] <= '9')
                i++;
            words++;
        } else if (c >= 0x80)
            return 0;       /* no dates in other scripts here */
        else
            i++;
    }
    return words > 0;
}

static int is_dash(const char *t, size_t tl)
{
    return (tl == 1 && t[0] == '-')
           || (tl == 3 && (unsigned char)t[0] == 0xE2 && (unsigned char)t[1] == 0x80
               && ((unsigned char)t[2] == 0x93 || (unsigned char)t[2] == 0x94));
}

/* Length of a dateline opening the sentence: "ISLAMABAD, Pakistan – ",
 * "LONDON (Reuters) - ", "Evansville, Indiana, United States - " (capitalised
 * place words, commas and brackets, then a dash), or a date before the first
 * sentence ("Thursday, March 15, 2012 Wikinews interviewed ...").  0 if none. */
/* cheap test first: a dateline has a dash or a digit in its first 80 bytes */
static int may_have_dateline(const char *s, size_t n)
{
    size_t m = n < 80 ? n : 80;
    for (size_t i = 0; i < m; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '-' || (c >= '0' && c <= '9'))
            return 1;
        if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80
            && ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94))
            return 1;
    }
    return 0;
}

static size_t dateline_len(const char *s, size_t n)
{
    if (!may_have_dateline(s, n))
        return 0;
    galley_tokenizer tz;
    galley_token tok;
    int dates = 0, numbers = 0, place = 1, commas = 0, caps = 0;
    galley_tok_init(&tz, s, n);
    for (int k = 0; k < 10 && galley_tok_next(&tz, &tok); k++) {
        const char *t = s + tok.start;
        size_t tl = tok.end - tok.start;
        if (k == 0 && tok.cls == GALLEY_TOK_WORD && (tok.flags & GALLEY_TOK_ALLCAPS) && tl >= 3)
            caps = 1;
        if (tok.cls == GALLEY_TOK_WORD && is_month_or_day(t, tl)) {
            dates++;
            continue;
        }
        if (tok.cls == GALLEY_TOK_NUMBER && dates > 0) {
            numbers++;
            continue;
        }
        if (tok.cls == GALLEY_TOK_PUNCT && tl == 1 && (t[0] == ',' || t[0] == '('
                                                       || t[0] == ')')) {
            commas += t[0] == ',';
            continue;
        }
        /* a place (all-capitals first word, or words and commas), then " - " */
        if (is_dash(t, tl) && k > 0 && place && (caps || commas > 0)
            && tok.start > 0 && s[tok.start - 1] == ' ') {
            size_t e = tok.end;
            while (e < n && is_space((unsigned char)s[e]))
                e++;
            return e < n ? e : 0;
        }
        /* a full date, then a capitalised word: the date was a line of its own */
        if (dates >= 2 && numbers >= 1 && tok.cls == GALLEY_TOK_WORD
            && (tok.flags & GALLEY_TOK_CAPITALIZED))
            return tok.start;
        if (tok.cls != GALLEY_TOK_WORD || !(tok.flags & (GALLEY_TOK_CAPITALIZED
                                                        | GALLEY_TOK_ALLCAPS)))
            place = 0;
        if (!place && dates == 0)
            return 0;
    }
    return 0;
}

static int add_sent(gsum *g, size_t s, size_t e, int para)
{
    gsum_sent *v = gsum_grow(g->sents, &g->capsents, g->nsents + 1, sizeof *v);
    if (!v)
        return -1;
    g->sents = v;
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

/* Raw sentence spans (before filtering) into g->sents, with paragraph numbers.
 * Spans the `sentence` layer labels as title/headline, dateline, caption or
 * byline are dropped here unless allowed. */
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
            if (add_sent(g, s, sp[i].end, para) < 0)
                return;
            /* a span kept out by its label stays in the list, marked, so
             * that a caption's credit still marks its paragraph */
            if (!label_allowed(g, sp[i].label))
                g->sents[g->nsents - 1].words =
                    sp[i].label && strcasecmp(sp[i].label, "caption") == 0 ? -3 : -2;
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
        if (add_sent(g, s, e, para) < 0)
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
            if (x->words == -1 || x->words == -2
                || (x->words == 0 && !is_caption(text + x->start, x->end - x->start)))
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
        if (!(g->allow & GSUM_ALLOW_DATELINE)) {
            if (is_date_only(s, n))
                continue;
            size_t d = dateline_len(s, n);
            x.start += d;
            s += d;
            n -= d;
        }
        if (bracketed(s, n))
            continue;
        x.words = count_words(text, x.start, x.end);
        if (!(g->allow & GSUM_ALLOW_BYLINE) && is_byline(s, n, x.words))
            continue;
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
