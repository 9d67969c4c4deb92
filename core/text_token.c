/* core/text_token.c - the toolkit's tokenizer: an iterator over (text, len)
 * yielding words, numbers, punctuation and symbols as byte spans. */
#include "config.h"

#include "text_int.h"

void galley_tok_init(galley_tokenizer *tz, const char *text, size_t len)
{
    tz->text = text;
    tz->len = text ? len : 0;
    tz->pos = 0;
}

/* code point at pos without advancing (-1 at the end); *next = after it */
static int32_t peek(const galley_tokenizer *tz, size_t pos, size_t *next)
{
    size_t p = pos;
    int32_t c = galley_utf8_next(tz->text, tz->len, &p);
    if (next)
        *next = p;
    return c;
}

static int is_word_char(int32_t c)
{
    return txt_is_letter(c) || txt_is_digit(c);
}

/* PTB clitic after a space ("team 's", "we 're"): ' + s|re|ll|ve|d|m then a
 * non-letter; returns its end or 0 */
static size_t clitic_end(const galley_tokenizer *tz, size_t pos)
{
    size_t p;
    if (!txt_is_apos(peek(tz, pos, &p)))
        return 0;
    if (pos > 0 && !txt_is_space(txt_prev(tz->text, pos, NULL)))
        return 0;
    size_t q = p, n = 0;
    int32_t c;
    char buf[3];
    while (n < 3 && (c = peek(tz, q, &q)) >= 0 && c < 0x80 && txt_is_letter(c))
        buf[n++] = (char)(c | 0x20);
    size_t end = p + n;
    if (n == 0 || n > 2 || txt_is_letter(peek(tz, end, NULL)))
        return 0;
    if ((n == 1 && (buf[0] == 's' || buf[0] == 'd' || buf[0] == 'm')) ||
        (n == 2 && ((buf[0] == 'r' && buf[1] == 'e') ||
                    (buf[0] == 'l' && buf[1] == 'l') ||
                    (buf[0] == 'v' && buf[1] == 'e'))))
        return end;
    return 0;
}

static void word_flags(const galley_tokenizer *tz, galley_token *tok)
{
    size_t p = tok->start;
    int letters = 0, upper = 0, lower = 0, first = 1;
    unsigned f = 0;
    while (p < tok->end) {
        int32_t c = galley_utf8_next(tz->text, tok->end, &p);
        if (txt_is_digit(c)) {
            f |= GALLEY_TOK_HAS_DIGIT;
        } else if (txt_is_letter(c)) {
            int u = txt_is_upper(c), l = txt_is_lower(c);
            if (first && u)
                f |= GALLEY_TOK_CAPITALIZED;
            first = 0;
            letters++;
            upper += u;
            lower += l;
        }
    }
    if (letters && upper == letters)
        f |= GALLEY_TOK_ALLCAPS;
    if (letters && lower == letters)
        f |= GALLEY_TOK_LOWER;
    tok->flags = f;
}

/* a word: letters/digits with inner ' - . joining two word characters; a
 * final '.' is kept after dotted abbreviations (U.S., e.g.) */
static size_t scan_word(const galley_tokenizer *tz, size_t pos)
{
    size_t p = pos, next;
    int dotted = 0, seg = 0, long_seg = 0;
    for (;;) {
        int32_t c = peek(tz, p, &next);
        if (is_word_char(c)) {
            p = next;
            seg++;
            continue;
        }
        if (c == '.' || c == '-' || c == 0x2010 || txt_is_apos(c)) {
            size_t after;
            int32_t d = peek(tz, next, &after);
            if (is_word_char(d)) {
                if (c == '.') {
                    dotted = 1;
                    if (seg > 3)
                        long_seg = 1;
                }
                seg = 0;
                p = next;
                continue;
            }
            if (c == '.' && dotted && !long_seg && seg <= 3)
                p = next;       /* U.S. keeps its final period */
        }
        break;
    }
    return p;
}

/* a number: digits with inner , . between digits; letters glued after it
 * make it a word (1st, 3D, 10km) */
static size_t scan_number(const galley_tokenizer *tz, size_t pos, int *word)
{
    size_t p = pos, next;
    *word = 0;
    for (;;) {
        int32_t c = peek(tz, p, &next);
        if (txt_is_digit(c)) {
            p = next;
            continue;
        }
        if (c == '.' || c == ',') {
            if (txt_is_digit(peek(tz, next, NULL))) {
                p = next;
                continue;
            }
        }
        if (txt_is_letter(c)) {
            *word = 1;
            return scan_word(tz, p);
        }
        break;
    }
    return p;
}

/* ---- the ASCII fast path: the same tokens, read byte by byte ----
 * Most news text is ASCII; a token made of ASCII bytes is scanned without
 * decoding code points.  Each function returns 0 when it meets a non-ASCII
 * byte it would have to classify: the caller then rescans the token with
 * the code-point functions above, so both paths yield the same tokens. */

/* ASCII classes: 1 lower-case letter, 2 capital, 4 digit, 0 anything else */
enum { CL_LOWER = 1, CL_UPPER = 2, CL_DIGIT = 4 };
static const unsigned char ascii_class[128] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 0, 0, 0, 0, 0, 0,
    0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0
};

static int ascii_alnum(unsigned char c)
{
    return c < 0x80 && ascii_class[c] != 0;
}

/* the ASCII classes a token's bytes have (*seen) and its first letter's
 * (*first), gathered while scanning: what ascii_flags makes the flags of */
typedef struct ascii_seen {
    unsigned seen, first;
} ascii_seen;

static size_t ascii_word(const galley_tokenizer *tz, size_t pos, ascii_seen *cs)
{
    const unsigned char *s = (const unsigned char *)tz->text;
    size_t p = pos, n = tz->len, seg = 0;
    int dotted = 0, long_seg = 0;
    /* the classes in locals while scanning: a store through cs could be a
     * store into the text for all the compiler knows */
    unsigned seen = cs->seen, first = cs->first;
    while (p < n) {
        unsigned char c;
        unsigned k;
        for (; p < n && (c = s[p]) < 0x80 && (k = ascii_class[c]) != 0; p++, seg++) {
            if (!first)
                first = k & (CL_LOWER | CL_UPPER);
            seen |= k;
        }
        if (p >= n)
            break;
        c = s[p];
        if (c >= 0x80) {
            p = 0;
            break;
        }
        if (c == '.' || c == '-' || c == '\'') {
            if (p + 1 < n && s[p + 1] >= 0x80) {
                p = 0;
                break;
            }
            if (p + 1 < n && ascii_alnum(s[p + 1])) {
                if (c == '.') {
                    dotted = 1;
                    if (seg > 3)
                        long_seg = 1;
                }
                seg = 0;
                p++;
                continue;
            }
            if (c == '.' && dotted && !long_seg && seg <= 3)
                p++;        /* U.S. keeps its final period */
        }
        break;
    }
    cs->seen = seen;
    cs->first = first;
    return p;
}

static size_t ascii_number(const galley_tokenizer *tz, size_t pos, int *word, ascii_seen *cs)
{
    const unsigned char *s = (const unsigned char *)tz->text;
    size_t p = pos, n = tz->len;
    *word = 0;
    while (p < n) {
        unsigned char c = s[p];
        if (c >= 0x80)
            return 0;
        if (c >= '0' && c <= '9') {
            p++;
            continue;
        }
        if ((c == '.' || c == ',') && p + 1 < n) {
            if (s[p + 1] >= 0x80)
                return 0;
            if (s[p + 1] >= '0' && s[p + 1] <= '9') {
                p++;
                continue;
            }
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            *word = 1;
            cs->seen |= CL_DIGIT;   /* it opens with one */
            return ascii_word(tz, p, cs);
        }
        break;
    }
    return p;
}

/* the flags word_flags gives, from the classes seen (every letter upper =
 * capitals and no lower) */
static unsigned ascii_flags(const ascii_seen *cs)
{
    unsigned f = 0;
    if (cs->seen & CL_DIGIT)
        f |= GALLEY_TOK_HAS_DIGIT;
    if (cs->first == CL_UPPER)
        f |= GALLEY_TOK_CAPITALIZED;
    if ((cs->seen & (CL_LOWER | CL_UPPER)) == CL_UPPER)
        f |= GALLEY_TOK_ALLCAPS;
    if ((cs->seen & (CL_LOWER | CL_UPPER)) == CL_LOWER)
        f |= GALLEY_TOK_LOWER;
    return f;
}

/* a word or number opening at an ASCII letter or digit p: 1 and *tok
 * filled, or 0 when the slow path must scan it */
static int ascii_token(const galley_tokenizer *tz, size_t p, galley_token *tok)
{
    unsigned char c = (unsigned char)tz->text[p];
    int word = 1;
    ascii_seen cs = { 0, 0 };
    size_t e = (c >= '0' && c <= '9') ? ascii_number(tz, p, &word, &cs) : ascii_word(tz, p, &cs);
    if (e == 0)
        return 0;
    tok->start = p;
    tok->end = e;
    tok->cls = word ? GALLEY_TOK_WORD : GALLEY_TOK_NUMBER;
    tok->flags = word ? ascii_flags(&cs) : 0;
    return 1;
}

/* ASCII punctuation by Unicode (utf8proc's P* categories: !"#%&'()*,-./:;?@[\]_{});
 * the other visible ASCII non-alphanumerics ($+<=>^`|~) are symbols */
static int ascii_punct(unsigned char c)
{
    static const uint64_t bits[2] = { 0x8c00f7ee00000000u, 0x28000000b8000001u };
    return (bits[c >> 6] >> (c & 63)) & 1;
}

int galley_tok_next(galley_tokenizer *tz, galley_token *tok)
{
    size_t p = tz->pos, next;
    int32_t c;
    /* ASCII white space and NULs first, byte by byte */
    while (p < tz->len && ((unsigned char)tz->text[p] <= ' ') &&
           (tz->text[p] == 0 || txt_is_space((unsigned char)tz->text[p])))
        p++;
    if (p < tz->len && ascii_alnum((unsigned char)tz->text[p]) && ascii_token(tz, p, tok)) {
        tz->pos = tok->end;
        return 1;
    }
    /* one ASCII punctuation or symbol byte (not ', which may open a clitic) */
    unsigned char b = p < tz->len ? (unsigned char)tz->text[p] : 0;
    if (b > ' ' && b < 0x7f && b != '\'' && !ascii_alnum(b)) {
        tok->start = p;
        tok->end = tz->pos = p + 1;
        tok->cls = ascii_punct(b) ? GALLEY_TOK_PUNCT : GALLEY_TOK_SYMBOL;
        tok->flags = 0;
        return 1;
    }
    while ((c = peek(tz, p, &next)) >= 0 && (txt_is_space(c) || c == 0))
        p = next;
    if (c < 0) {
        tz->pos = tz->len;
        return 0;
    }
    tok->start = p;
    tok->flags = 0;
    size_t cl;
    if (txt_is_letter(c)) {
        tok->cls = GALLEY_TOK_WORD;
        tok->end = scan_word(tz, p);
    } else if (txt_is_digit(c)) {
        int word;
        tok->end = scan_number(tz, p, &word);
        tok->cls = word ? GALLEY_TOK_WORD : GALLEY_TOK_NUMBER;
    } else if ((cl = clitic_end(tz, p)) != 0) {
        tok->cls = GALLEY_TOK_WORD;
        tok->end = cl;
    } else {
        tok->cls = txt_is_punct(c) ? GALLEY_TOK_PUNCT : GALLEY_TOK_SYMBOL;
        tok->end = next;
    }
    if (tok->cls == GALLEY_TOK_WORD)
        word_flags(tz, tok);
    tz->pos = tok->end;
    return 1;
}
