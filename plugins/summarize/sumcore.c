/* plugins/summarize/sumcore.c - candidate sentences, terms, similarity, length
 * budget and MMR selection shared by the summarizer plugins (lead, textrank,
 * lexrank, newsrank).  Compiled into each module; not part of the public API. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sumcore.h"

/* ---- small helpers ---- */

static void *grow(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    size_t n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    void *q = realloc(p, n * elem);
    if (!q)
        return NULL;
    *cap = n;
    return q;
}

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

/* ---- options ---- */

static int parse_allow(gsum *g, galley_stage *stage)
{
    const char *const *items = NULL;
    size_t n = galley_opt_list(stage, "include", &items);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(items[i], "title") == 0)
            g->allow |= GSUM_ALLOW_TITLE;
        else if (strcmp(items[i], "dateline") == 0)
            g->allow |= GSUM_ALLOW_DATELINE;
        else if (strcmp(items[i], "caption") == 0)
            g->allow |= GSUM_ALLOW_CAPTION;
        else if (strcmp(items[i], "byline") == 0)
            g->allow |= GSUM_ALLOW_BYLINE;
        else {
            galley_stage_fail(stage, "include: unknown kind '%s'; use title, "
                              "dateline, caption or byline", items[i]);
            return -1;
        }
    }
    return 0;
}

galley_status gsum_open(gsum *g, galley_stage *stage)
{
    memset(g, 0, sizeof *g);
    int given = galley_opt_isset(stage, "sentences") + galley_opt_isset(stage, "ratio")
                + galley_opt_isset(stage, "words");
    if (given > 1)
        return galley_stage_fail(stage, "sentences, ratio and words each set the "
                                 "summary length: give only one of them");
    g->nsent = 3;
    if (galley_opt_isset(stage, "sentences"))
        g->nsent = (int)galley_opt_int(stage, "sentences");
    else if (galley_opt_isset(stage, "ratio")) {
        g->nsent = 0;
        g->ratio = galley_opt_float(stage, "ratio");
    } else if (galley_opt_isset(stage, "words")) {
        g->nsent = 0;
        g->words = (int)galley_opt_int(stage, "words");
    }
    g->min_words = (int)galley_opt_int(stage, "min_sentence_words");
    if (parse_allow(g, stage) < 0)
        return GALLEY_ERROR;
    g->stems = galley_counter_new();
    if (!g->stems) {
        gsum_close(g);
        return galley_stage_fail(stage, "out of memory");
    }
    /* Porter (the algorithm ROUGE uses) rather than Porter2: the summaries
     * are judged on Porter stems. */
    g->stemmer = galley_stemmer_new("porter");
    if (!g->stemmer) {
        gsum_close(g);
        return galley_stage_fail(stage, "libstemmer has no 'porter' stemmer: "
                                 "install libstemmer0d");
    }
    return GALLEY_OK;
}

void gsum_close(gsum *g)
{
    if (g->stemmer)
        galley_stemmer_free(g->stemmer);
    if (g->stems)
        galley_counter_free(g->stems);
    free(g->stem_doc);
    free(g->stem_gen);
    free(g->stem_idf);
    free(g->vocab_stem);
    free(g->lex.slot);
    free(g->local.slot);
    if (g->idf)
        galley_counter_free(g->idf);
    free(g->sents);
    free(g->terms);
    free(g->df);
    free(g->tw);
    free(g->doctf);
    free(g->title_w);
    free(g->chosen);
    free(g->mat);
    free(g->pr);
    free(g->pr2);
    free(g->nzcol);
    free(g->nzval);
    free(g->nzrix);
    free(g->prd);
    free(g->post);
    free(g->post_off);
    free(g->acc);
    free(g->tmark);
    free(g->tslot);
    free(g->isf);
    free(g->toks);
    free(g->taken);
    free(g->maxsim);
    free(g->sim);
    free(g->buf);
    memset(g, 0, sizeof *g);
}

galley_status gsum_load_idf(gsum *g, galley_stage *stage, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return galley_stage_fail(stage, "idf: cannot open %s: %s (build one with "
                                 "bench/rouge/mkidf, or leave idf unset)",
                                 path, strerror(errno));
    g->idf = galley_counter_new();
    g->idf_default = 0;
    char line[512];
    unsigned long lineno = 0;
    galley_status st = GALLEY_OK;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *tab = strchr(line, '\t');
        if (line[0] == '\n' || (line[0] == '#' && strncmp(line, "#default\t", 9) != 0))
            continue;
        char *endp = NULL;
        double v = tab ? strtod(tab + 1, &endp) : 0;
        if (!tab || endp == tab + 1 || v < 0 || !isfinite(v)) {
            st = galley_stage_fail(stage, "%s:%lu: expected TERM<TAB>IDF (a number "
                                   ">= 0)", path, lineno);
            break;
        }
        if (strncmp(line, "#default\t", 9) == 0)
            g->idf_default = v;
        else
            galley_counter_add(g->idf, line, (size_t)(tab - line), v);
    }
    fclose(f);
    if (st == GALLEY_OK && g->idf_default <= 0) {
        /* unseen terms are rare: give them the highest idf of the table */
        for (size_t i = 0; i < galley_counter_size(g->idf); i++)
            if (galley_counter_value(g->idf, i) > g->idf_default)
                g->idf_default = galley_counter_value(g->idf, i);
    }
    return st;
}

/* ---- candidate sentences ---- */

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
static size_t body_start(const galley_doc *doc, const char *text, size_t len)
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
    gsum_sent *v = grow(g->sents, &g->capsents, g->nsents + 1, sizeof *v);
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
    size_t from = (g->allow & GSUM_ALLOW_TITLE) ? 0 : body_start(doc, text, len);
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

/* ---- terms ---- */

static int ensure_vocab(gsum *g, size_t nv)
{
    if (nv <= g->capvocab)
        return 0;
    size_t cap = g->capvocab;
    size_t c2 = cap, c3 = cap, c4 = cap, c5 = cap;
    double *a = grow(g->df, &cap, nv, sizeof *a);
    if (!a)
        return -1;
    g->df = a;
    a = grow(g->tw, &c2, nv, sizeof *a);
    if (!a)
        return -1;
    g->tw = a;
    a = grow(g->doctf, &c3, nv, sizeof *a);
    if (!a)
        return -1;
    g->doctf = a;
    a = grow(g->title_w, &c4, nv, sizeof *a);
    if (!a)
        return -1;
    g->title_w = a;
    size_t *v = grow(g->vocab_stem, &c5, nv, sizeof *v);
    if (!v)
        return -1;
    g->vocab_stem = v;
    g->capvocab = cap;
    return 0;
}

/* index of a stem in the lexicon, added if new (-1: out of memory) */
static long add_stem(gsum *g, const char *stem, size_t sl)
{
    size_t idx = galley_counter_find(g->stems, stem, sl);
    if (idx != (size_t)-1)
        return (long)idx;
    idx = galley_counter_add(g->stems, stem, sl, 0);
    if (idx + 1 > g->capstem) {
        size_t c1 = g->capstem, c2 = g->capstem, c3 = g->capstem;
        unsigned *u = grow(g->stem_doc, &c1, idx + 1, sizeof *u);
        if (!u)
            return -1;
        g->stem_doc = u;
        u = grow(g->stem_gen, &c2, idx + 1, sizeof *u);
        if (!u)
            return -1;
        g->stem_gen = u;
        double *d = grow(g->stem_idf, &c3, idx + 1, sizeof *d);
        if (!d)
            return -1;
        g->stem_idf = d;
        g->capstem = c1;
    }
    double idf = 0;
    if (g->idf) {
        size_t j = galley_counter_find(g->idf, stem, sl);
        idf = j == (size_t)-1 ? g->idf_default : galley_counter_value(g->idf, j);
    }
    g->stem_idf[idx] = idf;
    g->stem_gen[idx] = 0;
    return (long)idx;
}

/* ---- the word tables ---- */

/* FNV-1a, then a finaliser; the tokenizer runs the same steps as it scans */
#define HASH_SEED 1469598103934665603ULL
#define HASH_STEP(h, c) (((h) ^ (unsigned char)(c)) * 1099511628211ULL)

static uint64_t hash_final(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

static uint64_t hash_word(const char *w, size_t n)
{
    uint64_t h = HASH_SEED;
    for (size_t i = 0; i < n; i++)
        h = HASH_STEP(h, w[i]);
    return hash_final(h);
}

static gsum_slot *lex_slot(const gsum_lex *t, uint64_t h)
{
    size_t mask = t->cap - 1, i = (size_t)h & mask;
    while (t->slot[i].gen == t->gen && t->slot[i].h != h)
        i = (i + 1) & mask;
    return &t->slot[i];
}

/* value stored for h, or 0 with *found = 0 */
static int32_t lex_get(const gsum_lex *t, uint64_t h, int *found)
{
    if (t->cap == 0) {
        *found = 0;
        return 0;
    }
    const gsum_slot *sl = lex_slot(t, h);
    *found = sl->gen == t->gen;
    return *found ? sl->val : 0;
}

/* a new generation empties the table at once (slots of older ones read as
 * empty); gen 0 is never used */
static void lex_clear(gsum_lex *t)
{
    t->n = 0;
    if (++t->gen == 0) {
        if (t->slot)
            memset(t->slot, 0, t->cap * sizeof *t->slot);
        t->gen = 1;
    }
}

static int lex_put(gsum_lex *t, uint64_t h, int32_t val)
{
    if (t->gen == 0)
        t->gen = 1;
    if (2 * (t->n + 1) >= t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 1024;
        gsum_slot *ns = calloc(cap, sizeof *ns);
        if (!ns)
            return -1;
        gsum_lex nt = { ns, cap, 0, 1 };
        for (size_t i = 0; i < t->cap; i++)
            if (t->slot[i].gen == t->gen) {
                gsum_slot *d = lex_slot(&nt, t->slot[i].h);
                *d = t->slot[i];
                d->gen = 1;
                nt.n++;
            }
        free(t->slot);
        *t = nt;
    }
    gsum_slot *sl = lex_slot(t, h);
    if (sl->gen != t->gen)
        t->n++;
    sl->h = h;
    sl->val = val;
    sl->gen = t->gen;
    return 0;
}

/* w[0..n) case-folded into g->buf; returns the folded length, or
 * (size_t)-1 when out of memory.  *ascii: w was all ASCII (folding is then
 * A-Z to a-z, as utf8proc does, without decoding code points). */
static size_t fold_word(gsum *g, const char *w, size_t n, int *ascii)
{
    size_t i = 0;
    if (n + 1 <= g->capbuf) {
        for (; i < n && !((unsigned char)w[i] & 0x80); i++)
            g->buf[i] = (char)((w[i] >= 'A' && w[i] <= 'Z') ? w[i] | 0x20 : w[i]);
        if (i == n) {
            g->buf[n] = '\0';
            *ascii = 1;
            return n;
        }
    }
    *ascii = 0;
    size_t need = galley_casefold(w, n, g->buf, g->capbuf);
    if (need + 1 > g->capbuf) {
        char *b = grow(g->buf, &g->capbuf, need + 1, 1);
        if (!b)
            return (size_t)-1;
        g->buf = b;
        galley_casefold(w, n, g->buf, g->capbuf);
    }
    return need;
}

/* stem index of a content token (-1 for stopwords and noise), through the
 * lexicon: a word seen before costs one lookup.  An ASCII word with capitals
 * ("Economy") shares the entry of its folded form ("economy"): the value
 * depends on the folded word alone, so it is stemmed once for both. */
static long stem_of(gsum *g, const char *w, size_t n, int cls, uint64_t h)
{
    int found, ascii;
    int32_t v = lex_get(&g->lex, h, &found);
    if (found)
        return v;
    size_t need = fold_word(g, w, n, &ascii);
    if (need == (size_t)-1)
        return -1;
    uint64_t hf = h;
    if (ascii && memcmp(w, g->buf, n) != 0) {
        hf = hash_word(g->buf, need);
        v = lex_get(&g->lex, hf, &found);
        if (found) {
            lex_put(&g->lex, h, v);
            return v;
        }
    }
    long idx = -1;
    if (cls == GALLEY_TOK_NUMBER)
        idx = add_stem(g, g->buf, need);
    else if (!galley_is_stopword(g->buf, need)) {
        size_t sl = 0;
        const char *stem = galley_stem(g->stemmer, g->buf, need, &sl);
        if (stem)
            idx = add_stem(g, stem, sl);
    }
    lex_put(&g->lex, h, (int32_t)idx);
    if (hf != h)
        lex_put(&g->lex, hf, (int32_t)idx);
    return idx;
}

/* term id (in the current doc) of a content token (h = hash_word(w, n)), or -1 */
static long term_of(gsum *g, const char *w, size_t n, int cls, uint64_t h)
{
    if (cls != GALLEY_TOK_WORD && cls != GALLEY_TOK_NUMBER)
        return -1;
    if (cls == GALLEY_TOK_WORD && n < 2)
        return -1;
    int found;
    int32_t v = lex_get(&g->local, h, &found);
    if (found)
        return v;
    long st = stem_of(g, w, n, cls, h);
    if (st < 0) {
        lex_put(&g->local, h, -1);
        return -1;
    }
    if (g->stem_gen[st] != g->gen) {
        if (ensure_vocab(g, g->nvocab + 1) < 0)
            return -1;
        g->stem_gen[st] = g->gen;
        g->stem_doc[st] = (unsigned)g->nvocab;
        g->vocab_stem[g->nvocab++] = (size_t)st;
    }
    lex_put(&g->local, h, (int32_t)g->stem_doc[st]);
    return (long)g->stem_doc[st];
}

/* ---- term tokens ---- */

/* A term tokenizer over one sentence: the toolkit's tokenizer, with a byte
 * scanner in front for the common case of ASCII text (plus the U+2000..206F
 * punctuation news uses: curly quotes, dashes), which yields the same words
 * and numbers without decoding code points.  A sentence holding any other
 * non-ASCII byte goes to the toolkit whole. */
typedef struct term_tok {
    const char *s;
    size_t n, pos;
    int ascii;
    galley_tokenizer tz;
} term_tok;

static int is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static void term_tok_init(term_tok *t, const char *s, size_t n)
{
    t->s = s;
    t->n = n;
    t->pos = 0;
    t->ascii = 1;
    size_t i = 0;
    /* eight bytes at a time while all are ASCII */
    for (; i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, s + i, 8);
        if (v & 0x8080808080808080ULL)
            break;
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80)
            continue;
        if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80) {
            i += 2;
            continue;
        }
        if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x81
            && (unsigned char)s[i + 2] < 0xB0) {
            i += 2;
            continue;
        }
        t->ascii = 0;
        break;
    }
    if (!t->ascii)
        galley_tok_init(&t->tz, s, n);
}

/* next word or number: 1 and [*ts, *te) with *cls and *h = its
 * hash_word(), or 0 at the end */
static int term_tok_next(term_tok *t, size_t *ts, size_t *te, int *cls, uint64_t *h)
{
    if (!t->ascii) {
        galley_token tok;
        while (galley_tok_next(&t->tz, &tok)) {
            if (tok.cls == GALLEY_TOK_WORD || tok.cls == GALLEY_TOK_NUMBER) {
                *ts = tok.start;
                *te = tok.end;
                *cls = tok.cls;
                *h = hash_word(t->s + tok.start, tok.end - tok.start);
                return 1;
            }
        }
        return 0;
    }
    const unsigned char *s = (const unsigned char *)t->s;
    size_t i = t->pos, n = t->n;
    while (i < n && !is_alpha(s[i]) && !is_digit(s[i]))
        i += s[i] >= 0x80 ? 3 : 1;      /* only E2 8x xx get here */
    if (i >= n) {
        t->pos = n;
        return 0;
    }
    size_t b = i;
    uint64_t hh = HASH_SEED;
    if (is_alpha(s[i])) {
        /* letters and digits, with inner ' - . before a letter (don't, U.S) */
        while (i < n && (is_alpha(s[i]) || is_digit(s[i])
                         || ((s[i] == '\'' || s[i] == '-' || s[i] == '.') && i + 1 < n
                             && is_alpha(s[i + 1])))) {
            hh = HASH_STEP(hh, s[i]);
            i++;
        }
        *cls = GALLEY_TOK_WORD;
    } else {
        /* digits with inner , . before a digit (1,000  3.5) */
        while (i < n && (is_digit(s[i]) || ((s[i] == ',' || s[i] == '.') && i + 1 < n
                                            && is_digit(s[i + 1])))) {
            hh = HASH_STEP(hh, s[i]);
            i++;
        }
        *cls = GALLEY_TOK_NUMBER;
    }
    *h = hash_final(hh);
    *ts = b;
    *te = i;
    t->pos = i;
    return 1;
}

/* room for term ids below nv in tmark/tslot; new marks are 0 (no stamp) */
static int ensure_mark(gsum *g, size_t nv)
{
    size_t cap = g->capmark ? g->capmark : 256;
    while (cap < nv)
        cap *= 2;
    uint32_t *m = realloc(g->tmark, cap * sizeof *m);
    if (!m)
        return -1;
    g->tmark = m;
    memset(m + g->capmark, 0, (cap - g->capmark) * sizeof *m);
    uint32_t *sl = realloc(g->tslot, cap * sizeof *sl);
    if (!sl)
        return -1;
    g->tslot = sl;
    g->capmark = cap;
    return 0;
}

/* adds the distinct terms of text[s..e) to g->terms; returns how many */
static size_t sentence_terms(gsum *g, const char *text, size_t s, size_t e)
{
    term_tok tt;
    size_t ts, te, t0 = g->nterms;
    int cls;
    uint64_t h;
    /* a new stamp per sentence: tmark[id] == stamp marks its terms so far */
    uint32_t stamp = ++g->tstamp;
    if (stamp == 0) {
        memset(g->tmark, 0, g->capmark * sizeof *g->tmark);
        stamp = g->tstamp = 1;
    }
    /* Tokens first, with a prefetch of each one's lexicon slot: the
     * lexicon outgrows the caches, and the misses of a whole sentence then
     * overlap instead of waiting one after the other.  Terms are taken in
     * token order all the same. */
    size_t nt = 0;
    term_tok_init(&tt, text + s, e - s);
    while (term_tok_next(&tt, &ts, &te, &cls, &h)) {
        gsum_tok *k = grow(g->toks, &g->captoks, nt + 1, sizeof *k);
        if (!k)
            break;
        g->toks = k;
        k[nt++] = (gsum_tok){ ts, te, h, cls };
#ifdef __GNUC__
        if (g->lex.cap)
            __builtin_prefetch(&g->lex.slot[h & (g->lex.cap - 1)]);
#endif
    }
    for (size_t k = 0; k < nt; k++) {
        const gsum_tok *tk = &g->toks[k];
        long id = term_of(g, text + s + tk->start, tk->end - tk->start, tk->cls, tk->h);
        if (id < 0)
            continue;
        if ((size_t)id >= g->capmark && ensure_mark(g, (size_t)id + 1) < 0)
            break;
        if (g->tmark[id] == stamp) {        /* seen in this sentence */
            g->terms[g->tslot[id]].tf += 1;
            continue;
        }
        gsum_term *v = grow(g->terms, &g->capterms, g->nterms + 1, sizeof *v);
        if (!v)
            break;
        g->terms = v;
        g->tmark[id] = stamp;
        g->tslot[id] = (uint32_t)g->nterms;
        g->terms[g->nterms].id = (unsigned)id;
        g->terms[g->nterms].tf = 1;
        g->nterms++;
    }
    return g->nterms - t0;
}

static int cmp_term(const void *a, const void *b)
{
    unsigned x = ((const gsum_term *)a)->id, y = ((const gsum_term *)b)->id;
    return (x > y) - (x < y);
}

/* by term id; a sentence holds a few dozen terms, so insertion sort first */
static void sort_terms(gsum_term *t, size_t n)
{
    if (n > 48) {
        qsort(t, n, sizeof *t, cmp_term);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        gsum_term x = t[i];
        size_t j = i;
        while (j > 0 && t[j - 1].id > x.id) {
            t[j] = t[j - 1];
            j--;
        }
        t[j] = x;
    }
}

/* marks the title's terms in g->title_w (after the sentences' terms, so the
 * title does not add to the vocabulary counts) */
static void title_terms(gsum *g, const galley_doc *doc, const char *text, size_t len)
{
    size_t nv = g->nvocab;
    memset(g->title_w, 0, nv * sizeof *g->title_w);
    const char *title = galley_doc_field(doc, "title");
    size_t tl;
    if (title && *title)
        tl = strlen(title);
    else {
        size_t b = body_start(doc, text, len);
        if (b == 0)
            return;
        title = text;
        tl = b;
    }
    term_tok tt;
    size_t ts, te;
    int cls;
    uint64_t h;
    term_tok_init(&tt, title, tl);
    while (term_tok_next(&tt, &ts, &te, &cls, &h)) {
        long id = term_of(g, title + ts, te - ts, cls, h);
        if (id >= 0 && (size_t)id < nv)
            g->title_w[id] = 1;
    }
    /* words only the title has are no terms of the body: forget them */
    for (size_t t = nv; t < g->nvocab; t++)
        g->stem_gen[g->vocab_stem[t]] = 0;
    g->nvocab = nv;
}

static void weigh_terms(gsum *g, const galley_doc *doc, const char *text, size_t len)
{
    size_t nv = g->nvocab;
    if (ensure_vocab(g, nv + 1) < 0)
        return;
    double *isf = grow(g->isf, &g->capisf, g->nsents + 1, sizeof *isf);
    if (!isf)
        return;
    g->isf = isf;
    memset(g->df, 0, nv * sizeof *g->df);
    memset(g->doctf, 0, nv * sizeof *g->doctf);
    for (size_t i = 0; i < g->nterms; i++) {
        g->df[g->terms[i].id] += 1;
        g->doctf[g->terms[i].id] += g->terms[i].tf;
    }
    double n = (double)g->nsents;
    /* idf by sentence frequency, each value computed once (0: not yet;
     * every idf here is > 0 as df <= n) */
    if (!g->idf)
        for (size_t k = 0; k <= g->nsents; k++)
            isf[k] = 0;
    for (size_t t = 0; t < nv; t++) {
        if (g->idf)
            g->tw[t] = g->stem_idf[g->vocab_stem[t]];
        else {
            /* inverse sentence frequency: the article is the corpus */
            size_t df = (size_t)g->df[t];
            if (isf[df] == 0)
                isf[df] = log((n + 1) / (g->df[t] + 0.5));
            g->tw[t] = isf[df];
        }
    }
    for (size_t i = 0; i < g->nsents; i++) {
        gsum_sent *x = &g->sents[i];
        double s2 = 0;
        for (size_t j = 0; j < x->tn; j++) {
            gsum_term *t = &g->terms[x->t0 + j];
            double w = t->tf * g->tw[t->id];
            t->w = (float)w;
            s2 += w * w;
        }
        x->norm = sqrt(s2);
    }
    title_terms(g, doc, text, len);
}

size_t gsum_prepare(gsum *g, galley_doc *doc, int with_terms)
{
    size_t len = 0;
    const char *text = galley_doc_text(doc, &len);
    g->nsents = 0;
    g->nterms = 0;
    g->post_built = 0;
    if (!text || len == 0)
        return 0;
    collect_spans(g, doc, text, len);
    if (filter_spans(g, text) == 0 || !with_terms)
        return g->nsents;
    if (g->lex.n > GSUM_MAX_LEXICON) {
        lex_clear(&g->lex);
        galley_counter_clear(g->stems);
    }
    /* a new generation invalidates every stem's doc term id at once */
    if (++g->gen == 0) {
        memset(g->stem_gen, 0, g->capstem * sizeof *g->stem_gen);
        g->gen = 1;
    }
    g->nvocab = 0;
    lex_clear(&g->local);
    for (size_t i = 0; i < g->nsents; i++) {
        gsum_sent *x = &g->sents[i];
        x->t0 = g->nterms;
        x->tn = sentence_terms(g, text, x->start, x->end);
        sort_terms(g->terms + x->t0, x->tn);
    }
    weigh_terms(g, doc, text, len);
    return g->nsents;
}

/* ---- similarity and selection ---- */

double gsum_cosine(const gsum *g, const gsum_sent *a, const gsum_sent *b)
{
    if (a->norm <= 0 || b->norm <= 0)
        return 0;
    const gsum_term *x = g->terms + a->t0, *y = g->terms + b->t0;
    size_t i = 0, j = 0;
    double dot = 0;
    while (i < a->tn && j < b->tn) {
        if (x[i].id < y[j].id)
            i++;
        else if (x[i].id > y[j].id)
            j++;
        else {
            dot += (double)x[i].w * y[j].w;
            i++;
            j++;
        }
    }
    return dot / (a->norm * b->norm);
}

/* The postings of the current doc: for each term id, the candidates holding
 * it in article order with the term's weight there.  Similarity rows then
 * visit only the sentences that share a term, instead of merging every
 * pair's term lists. */
static int build_postings(gsum *g)
{
    if (g->post_built)
        return 0;
    size_t nv = g->nvocab;
    size_t *off = grow(g->post_off, &g->cappostoff, nv + 2, sizeof *off);
    if (!off)
        return -1;
    g->post_off = off;
    gsum_post *post = grow(g->post, &g->cappost, g->nterms + 1, sizeof *post);
    if (!post)
        return -1;
    g->post = post;
    memset(off, 0, (nv + 2) * sizeof *off);
    for (size_t k = 0; k < g->nterms; k++)
        off[g->terms[k].id + 1]++;
    for (size_t t = 0; t < nv; t++)
        off[t + 1] += off[t];
    /* off[t] is t's start; fill moves it to t's end, then shift back */
    for (size_t i = 0; i < g->nsents; i++) {
        const gsum_sent *x = &g->sents[i];
        for (size_t k = x->t0; k < x->t0 + x->tn; k++) {
            gsum_post *e = &post[off[g->terms[k].id]++];
            e->sent = (uint32_t)i;
            e->w = g->terms[k].w;
        }
    }
    for (size_t t = nv; t > 0; t--)
        off[t] = off[t - 1];
    off[0] = 0;
    g->post_built = 1;
    return 0;
}

double *gsum_row_buffer(gsum *g)
{
    double *a = grow(g->acc, &g->capacc, g->nsents + 1, sizeof *a);
    if (a)
        g->acc = a;
    return a;
}

int gsum_cosine_row(gsum *g, size_t i, double *out)
{
    size_t n = g->nsents;
    for (size_t j = i + 1; j < n; j++)
        out[j] = 0;
    const gsum_sent *a = &g->sents[i];
    if (a->norm <= 0)
        return 0;
    if (build_postings(g) < 0)
        return -1;
    /* a's terms in id order, as the merge in gsum_cosine adds them; each
     * list is in article order, so the sentences after i are its tail */
    for (size_t k = a->t0; k < a->t0 + a->tn; k++) {
        const gsum_term *x = &g->terms[k];
        const gsum_post *lo = g->post + g->post_off[x->id];
        const gsum_post *e = g->post + g->post_off[x->id + 1];
        while (e > lo && e[-1].sent > i) {
            e--;
            out[e->sent] += (double)x->w * e->w;
        }
    }
    for (size_t j = i + 1; j < n; j++) {
        const gsum_sent *b = &g->sents[j];
        out[j] = b->norm <= 0 ? 0 : out[j] / (a->norm * b->norm);
    }
    return 0;
}

int gsum_bm25_matrix(gsum *g, float *w, double avglen)
{
    size_t n = g->nsents;
    double *acc = gsum_row_buffer(g);
    if (!acc || build_postings(g) < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        /* sentence i as the document, every other one as the query: the
         * terms they share, in id order as gsum_bm25 adds them */
        const gsum_sent *d = &g->sents[i];
        double norm = 1.2 * (0.25 + 0.75 * (double)d->words / avglen);
        for (size_t j = 0; j < n; j++)
            acc[j] = 0;
        for (size_t k = d->t0; k < d->t0 + d->tn; k++) {
            const gsum_term *y = &g->terms[k];
            double tf = y->tf;
            double v = g->tw[y->id] * tf * 2.2 / (tf + norm);
            const gsum_post *e = g->post + g->post_off[y->id];
            const gsum_post *end = g->post + g->post_off[y->id + 1];
            for (; e < end; e++)
                acc[e->sent] += v;
        }
        float *row = w + i * n;
        for (size_t j = 0; j < n; j++)
            if (j != i)
                row[j] = (float)acc[j];
    }
    return 0;
}

size_t gsum_target(const gsum *g, size_t n)
{
    size_t k;
    if (g->nsent > 0)
        k = (size_t)g->nsent;
    else if (g->ratio > 0)
        k = (size_t)ceil(g->ratio * (double)n - 1e-9);
    else
        k = n;
    if (k < 1)
        k = 1;
    return k < n ? k : n;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* the summary layer and field from g->chosen[0..k), sorted here */
static void write_summary(gsum *g, galley_doc *doc, size_t k)
{
    size_t len = 0;
    const char *text = galley_doc_text(doc, &len);
    galley_doc_remove_layer(doc, "summary");
    galley_doc_remove_field(doc, "summary");
    qsort(g->chosen, k, sizeof *g->chosen, cmp_int);
    size_t total = 0;
    for (size_t i = 0; i < k; i++) {
        gsum_sent *x = &g->sents[g->chosen[i]];
        total += x->end - x->start + 1;
    }
    char *out = galley_doc_alloc(doc, total + 1);
    size_t o = 0;
    for (size_t i = 0; i < k; i++) {
        gsum_sent *x = &g->sents[g->chosen[i]];
        galley_doc_add_span(doc, "summary", x->start, x->end, NULL, x->score);
        if (o > 0)
            out[o++] = ' ';
        /* line breaks inside a sentence become single spaces */
        int sp = 0;
        for (size_t b = x->start; b < x->end; b++) {
            if (is_space((unsigned char)text[b])) {
                if (!sp)
                    out[o++] = ' ';
                sp = 1;
            } else {
                out[o++] = text[b];
                sp = 0;
            }
        }
    }
    out[o] = '\0';
    galley_doc_set_field(doc, "summary", out);
}

static int ensure_chosen(gsum *g, size_t n)
{
    int *c = grow(g->chosen, &g->capchosen, n + 1, sizeof *c);
    if (!c)
        return -1;
    g->chosen = c;
    return 0;
}

void gsum_select_lead(gsum *g, galley_doc *doc)
{
    size_t n = g->nsents, k = gsum_target(g, n), used = 0;
    if (ensure_chosen(g, n) < 0)
        return;
    int words = 0;
    for (size_t i = 0; i < n && used < k; i++) {
        if (g->words > 0 && used > 0 && words + g->sents[i].words > g->words)
            break;
        words += g->sents[i].words;
        g->sents[i].score = GALLEY_NO_SCORE;
        g->chosen[used++] = (int)i;
    }
    write_summary(g, doc, used);
}

static int ensure_select(gsum *g, size_t n)
{
    size_t c1 = g->capsel, c2 = g->capsel, c3 = g->capsel;
    char *t = grow(g->taken, &c1, n + 1, 1);
    if (!t)
        return -1;
    g->taken = t;
    double *a = grow(g->maxsim, &c2, n + 1, sizeof *a);
    if (!a)
        return -1;
    g->maxsim = a;
    a = grow(g->sim, &c3, n + 1, sizeof *a);
    if (!a)
        return -1;
    g->sim = a;
    g->capsel = c1;
    return 0;
}

/* out[i] = gsum_cosine(g, &sents[i], &sents[b]) for every candidate i, from
 * the postings: b's terms in id order, as the merge adds them.  -1: out of
 * memory (nothing written) */
static int cosine_to(gsum *g, size_t b, double *out)
{
    size_t n = g->nsents;
    const gsum_sent *sb = &g->sents[b];
    if (sb->norm > 0 && build_postings(g) < 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        out[i] = 0;
    if (sb->norm <= 0)
        return 0;
    for (size_t k = sb->t0; k < sb->t0 + sb->tn; k++) {
        const gsum_term *y = &g->terms[k];
        const gsum_post *e = g->post + g->post_off[y->id];
        const gsum_post *end = g->post + g->post_off[y->id + 1];
        for (; e < end; e++)
            out[e->sent] += (double)e->w * y->w;
    }
    for (size_t i = 0; i < n; i++) {
        const gsum_sent *a = &g->sents[i];
        out[i] = a->norm <= 0 ? 0 : out[i] / (a->norm * sb->norm);
    }
    return 0;
}

void gsum_select(gsum *g, galley_doc *doc, double redundancy, double max_sim)
{
    size_t n = g->nsents, k = gsum_target(g, n), used = 0;
    if (ensure_chosen(g, n) < 0)
        return;
    double top = 0;
    for (size_t i = 0; i < n; i++)
        if (g->sents[i].score > top)
            top = g->sents[i].score;
    if (top <= 0)
        top = 1;
    /* taken[i]: chosen or ruled out; maxsim[i]: its highest cosine to the
     * chosen, updated as sentences are chosen (O(n k) cosines); sim: the
     * cosines to the one just chosen.  Buffers kept across documents. */
    if (ensure_select(g, n) < 0)
        return;
    char *taken = g->taken;
    double *maxsim = g->maxsim, *sim = g->sim;
    memset(taken, 0, n);
    for (size_t i = 0; i < n; i++)
        maxsim[i] = 0;
    int words = 0;
    while (used < k) {
        long best = -1;
        double bv = 0;
        for (size_t i = 0; i < n; i++) {
            if (taken[i])
                continue;
            double v = g->sents[i].score / top - redundancy * maxsim[i];
            if (best < 0 || v > bv + 1e-12) {
                best = (long)i;
                bv = v;
            }
        }
        if (best < 0)
            break;
        gsum_sent *b = &g->sents[best];
        taken[best] = 1;
        if (g->words > 0 && words + b->words > g->words)
            continue;           /* over budget: a shorter one may still fit */
        words += b->words;
        g->chosen[used++] = (int)best;
        int rows = cosine_to(g, (size_t)best, sim) == 0;
        for (size_t i = 0; i < n; i++) {
            if (taken[i])
                continue;
            double c = rows ? sim[i] : gsum_cosine(g, &g->sents[i], b);
            if (c > maxsim[i])
                maxsim[i] = c;
            if (c > max_sim)
                taken[i] = 1;
        }
    }
    if (used == 0 && n > 0 && g->words > 0) {
        /* a budget below every sentence still yields the best sentence */
        size_t bi = 0;
        for (size_t i = 1; i < n; i++)
            if (g->sents[i].score > g->sents[bi].score)
                bi = i;
        g->chosen[used++] = (int)bi;
    }
    write_summary(g, doc, used);
}

/* ---- graph centrality ---- */

double gsum_avg_words(const gsum *g)
{
    double avg = 0;
    for (size_t i = 0; i < g->nsents; i++)
        avg += g->sents[i].words;
    return g->nsents && avg > 0 ? avg / (double)g->nsents : 1;
}

double gsum_bm25(const gsum *g, const gsum_sent *q, const gsum_sent *d, double avglen)
{
    const gsum_term *x = g->terms + q->t0, *y = g->terms + d->t0;
    size_t i = 0, j = 0;
    double s = 0, norm = 1.2 * (0.25 + 0.75 * (double)d->words / avglen);
    while (i < q->tn && j < d->tn) {
        if (x[i].id < y[j].id)
            i++;
        else if (x[i].id > y[j].id)
            j++;
        else {
            double tf = y[j].tf;
            s += g->tw[x[i].id] * tf * 2.2 / (tf + norm);
            i++;
            j++;
        }
    }
    return s;
}

float *gsum_matrix(gsum *g, size_t n)
{
    float *m = grow(g->mat, &g->capmat, n * n + 1, sizeof *m);
    if (!m)
        return NULL;
    g->mat = m;
    memset(m, 0, n * n * sizeof *m);
    return m;
}

/* room for the non-zero entries of an n x n matrix (n fits a uint16_t) */
_Static_assert(GSUM_MAX_CANDIDATES <= 65536, "PageRank columns are uint16_t");
static int ensure_nz(gsum *g, size_t n)
{
    size_t c1 = g->capnz, c2 = g->capnz, c3 = g->capnz;
    uint16_t *c = grow(g->nzcol, &c1, n * n + 1, sizeof *c);
    if (!c)
        return -1;
    g->nzcol = c;
    c = grow(g->nzrix, &c3, n * n + 1, sizeof *c);
    if (!c)
        return -1;
    g->nzrix = c;
    float *v = grow(g->nzval, &c2, n * n + 1, sizeof *v);
    if (!v)
        return -1;
    g->nzval = v;
    g->capnz = c1;
    double *r = grow(g->prd, &g->capprd, n + 1, sizeof *r);
    if (!r)
        return -1;
    g->prd = r;
    return 0;
}

int gsum_pagerank(gsum *g, float *w, size_t n, double d)
{
    if (n == 0)
        return 0;
    size_t c2 = g->cappr;
    double *a = grow(g->pr, &g->cappr, n, sizeof *a);
    if (!a)
        return -1;
    g->pr = a;
    a = grow(g->pr2, &c2, n, sizeof *a);
    if (!a)
        return -1;
    g->pr2 = a;
    /* row-normalise into the rows' non-zero entries; a row without edges
     * (dangling) spreads evenly.  A zero weight adds exactly +0 to a score,
     * so sweeping the non-zero entries alone gives the same sums. */
    if (ensure_nz(g, n) < 0)
        return -1;
    uint16_t *col = g->nzcol, *rix = g->nzrix;
    float *val = g->nzval;
    double *pd = g->prd;
    size_t nz = 0;
    for (size_t i = 0; i < n; i++) {
        const float *row = w + i * n;
        double s = 0;
        for (size_t j = 0; j < n; j++)
            s += row[j];
        if (s > 0) {
            for (size_t j = 0; j < n; j++) {
                float v = (float)(row[j] / s);
                rix[nz] = (uint16_t)i;      /* kept when non-zero (no branch) */
                col[nz] = (uint16_t)j;
                val[nz] = v;
                nz += v != 0;
            }
        } else {
            float v = (float)(1.0 / (double)n);
            for (size_t j = 0; j < n; j++) {
                rix[nz] = (uint16_t)i;
                col[nz] = (uint16_t)j;
                val[nz++] = v;
            }
        }
    }
    double *p = g->pr, *q = g->pr2;
    for (size_t i = 0; i < n; i++)
        p[i] = 1.0 / (double)n;
    int it = 0;
    while (it < GSUM_MAX_ITER) {
        it++;
        for (size_t j = 0; j < n; j++)
            q[j] = (1 - d) / (double)n;
        /* one loop over all entries, row after row: the same additions
         * in the same order as row by row, without a loop exit per row */
        for (size_t i = 0; i < n; i++)
            pd[i] = d * p[i];
        for (size_t k = 0; k < nz; k++)
            q[col[k]] += pd[rix[k]] * val[k];
        double delta = 0;
        for (size_t i = 0; i < n; i++)
            delta += fabs(q[i] - p[i]);
        double *t = p;
        p = q;
        q = t;
        /* rankings, not scores, matter: on BBC 1e-5 picks exactly what
         * 1e-7 does, in fewer sweeps */
        if (delta < 1e-5)
            break;
    }
    for (size_t i = 0; i < n; i++)
        g->sents[i].score = p[i];
    return it;
}
