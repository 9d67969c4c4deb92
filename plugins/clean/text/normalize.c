/* plugins/clean/text/normalize.c - character-level passes: UTF-8 check,
 * mojibake repair (UTF-8 read as Windows-1252), invisible characters,
 * optional typography, and white space / line ending normalisation. */
#include "config.h"

#include <string.h>
#include <utf8proc.h>

#include "internal.h"

/* decodes the (already validated) UTF-8 character at s[*i], advancing *i */
static int32_t next_cp(const char *s, size_t n, size_t *i)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + *i,
                                          (utf8proc_ssize_t)(n - *i), &cp);
    if (k <= 0) {
        (*i)++;
        return -1;
    }
    *i += (size_t)k;
    return cp;
}

static void put_cp(ct_buf *out, int32_t cp)
{
    utf8proc_uint8_t b[4];
    utf8proc_ssize_t k = utf8proc_encode_char(cp, b);
    ct_buf_put(out, (const char *)b, (size_t)k);
}

/* Latin letters, spacing modifiers, general punctuation (but U+2000/2001,
 * NFC singletons), currency and most letterlike symbols: none has a
 * canonical decomposition that NFC changes or composes with what precedes
 * it (combining class 0), so text made only of them is already NFC.  That
 * covers most English news and spares it utf8proc's full pass. */
static int nfc_stable(int32_t cp)
{
    return cp < 0x300 || (cp >= 0x2002 && cp <= 0x206F) ||
           (cp >= 0x20A0 && cp <= 0x20CF) || (cp >= 0x2100 && cp <= 0x2125);
}

int ct_text_class(const char *s, size_t n)
{
    int cls = CT_ASCII;
    for (size_t i = 0; i < n;) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        cls = CT_NFC_STABLE;
        if (!nfc_stable(next_cp(s, n, &i)))
            return CT_NEEDS_NFC;
    }
    return cls;
}

size_t ct_check_utf8(const char *s, size_t n, int *nul)
{
    size_t i = 0;
    *nul = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0) {
            *nul = 1;
            return i;
        }
        if (c < 0x80) {
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            return i;
        i += (size_t)k;
    }
    return (size_t)-1;
}

/* ---- mojibake ---- */

/* Windows-1252 bytes 0x80-0x9F; 0 = undefined (such bytes survive a
 * Latin-1 decode as the C1 control of the same value) */
static const uint16_t cp1252_hi[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
};

/* the Windows-1252/Latin-1 byte a code point came from, or -1 */
static int byte_of(int32_t cp)
{
    if (cp >= 0x80 && cp <= 0xFF)
        return (int)cp;
    for (int b = 0; b < 32; b++)
        if (cp1252_hi[b] == cp)
            return 0x80 + b;
    return -1;
}

static int is_letter(int32_t cp)
{
    if (cp < 0)
        return 0;
    if (cp < 0x80)
        return (cp | 32) >= 'a' && (cp | 32) <= 'z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

/* Quotes, dashes and spaces also follow a capital accented letter in
 * genuine text ("CAFÉ”" reads as U+0254 otherwise): after such a second
 * character the pair is repaired only inside a word. */
static int quote_like(int32_t cp)
{
    switch (cp) {
    case 0x201A: case 0x201E: case 0x2026: case 0x2039: case 0x2018:
    case 0x2019: case 0x201C: case 0x201D: case 0x2022: case 0x2013:
    case 0x2014: case 0x203A: case 0xAB: case 0xBB: case 0xA0: case 0xB7:
    case 0xB4:
        return 1;
    default:
        return 0;
    }
}

/* Is cp, read back from a lead + continuation(s), a believable original?
 * Two-byte results are restricted to the scripts whose mojibake is common
 * (Latin-1, Latin Extended-A, Greek, Cyrillic, Armenian, Hebrew, Arabic);
 * the rest (IPA, combining marks...) are too likely to be genuine text. */
static int plausible(int32_t cp, int nbytes, int32_t cont1, int32_t next)
{
    utf8proc_category_t c = utf8proc_category(cp);
    if (c == UTF8PROC_CATEGORY_CN || c == UTF8PROC_CATEGORY_CC ||
        c == UTF8PROC_CATEGORY_CO || c == UTF8PROC_CATEGORY_CS)
        return 0;
    if (nbytes == 2) {
        if (!((cp >= 0xA0 && cp <= 0x17F) || (cp >= 0x370 && cp <= 0x6FF)))
            return 0;
        if (cp == 0xE0 && cont1 == 0xA0)
            return 1;           /* "Ã" + no-break space: à */
        if (quote_like(cont1) && cp >= 0xC0 && !is_letter(next))
            return 0;
        if (cp >= 0xC0 && !is_letter(cp))
            return 0;
        return 1;
    }
    if (nbytes == 3)            /* U+0800-08FF: "à" + nbsp + « in French */
        return cp >= 0x900;
    return 1;
}

/* Reads the mojibake sequence whose lead (a Latin-1 character U+00C2-U+00F4)
 * is at in[i]: *fixed gets the character it stands for, *conts the number
 * of continuation characters that are quotes or dashes.  Returns the bytes
 * it spans, or 0 when in[i] starts no such sequence. */
static size_t read_mojibake(const char *in, size_t n, size_t i, int32_t *fixed,
                            int *conts)
{
    size_t j = i;
    int32_t lead = next_cp(in, n, &j);
    if (lead < 0xC2 || lead > 0xF4)
        return 0;
    int need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;
    utf8proc_uint8_t bytes[4] = { (utf8proc_uint8_t)lead };
    int32_t cont1 = -1;
    *conts = 0;
    for (int k = 0; k < need; k++) {
        if (j >= n)
            return 0;
        int32_t cp = next_cp(in, n, &j);
        int b = byte_of(cp);
        if (b < 0x80 || b > 0xBF)
            return 0;
        if (k == 0)
            cont1 = cp;
        *conts += quote_like(cp);
        bytes[k + 1] = (utf8proc_uint8_t)b;
    }
    utf8proc_int32_t cp;
    if (utf8proc_iterate(bytes, need + 1, &cp) != need + 1)
        return 0;               /* overlong or surrogate: not UTF-8 after all */
    size_t after = j;
    int32_t next = j < n ? next_cp(in, n, &after) : -1;
    if (!plausible(cp, need + 1, cont1, next))
        return 0;
    *fixed = cp;
    return j - i;
}

/* Writes the repair of the sequence at in[i] and returns the bytes it
 * spans, or 0.  A three-byte sequence outside punctuation and symbols
 * (U+2000-U+2BFF, what English mojibake is made of) that holds a quote or
 * dash could be genuine text ("café…»" reads as U+917B): it is repaired
 * only inside a run of mojibake, as CJK text comes. */
static size_t try_mojibake(const char *in, size_t n, size_t i, int in_run,
                           ct_buf *out)
{
    int32_t fixed, next_fixed;
    int conts, next_conts;
    size_t used = read_mojibake(in, n, i, &fixed, &conts);
    if (!used)
        return 0;
    int three = fixed >= 0x800 && fixed <= 0xFFFF;
    if (three && conts && !(fixed >= 0x2000 && fixed <= 0x2BFF) &&
        !in_run && !read_mojibake(in, n, i + used, &next_fixed, &next_conts))
        return 0;
    put_cp(out, fixed);
    return used;
}

size_t ct_mojibake(const char *in, size_t n, ct_buf *out)
{
    size_t fixes = 0, i = 0, last_end = (size_t)-1;
    ct_buf_reserve(out, n);
    while (i < n) {
        unsigned char c = (unsigned char)in[i];
        if (c < 0x80) {
            ct_buf_putc(out, (char)c);
            i++;
            continue;
        }
        /* leads U+00C2-U+00F4 are encoded C3 82 .. C3 B4 */
        if (c == 0xC3 && i + 1 < n && (unsigned char)in[i + 1] >= 0x82 &&
            (unsigned char)in[i + 1] <= 0xB4) {
            size_t used = try_mojibake(in, n, i, last_end == i, out);
            if (used) {
                fixes++;
                i += used;
                last_end = i;
                continue;
            }
        }
        size_t start = i;
        next_cp(in, n, &i);
        ct_buf_put(out, in + start, i - start);
    }
    return fixes;
}

/* ---- invisible characters and typography ---- */

static int invisible(int32_t cp)
{
    /* soft hyphen, zero width space, word joiner, BOM / ZWNBSP, Mongolian
     * vowel separator.  ZWJ/ZWNJ are kept: they change how scripts and
     * emoji render. */
    return cp == 0xAD || cp == 0x200B || cp == 0x2060 || cp == 0xFEFF ||
           cp == 0x180E;
}

static const char *ascii_typography(int32_t cp)
{
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
        return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
        return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
    case 0x2015: case 0x2212:
        return "-";
    case 0x2026:
        return "...";
    default:
        return NULL;
    }
}

size_t ct_chars(const char *in, size_t n, ct_buf *out, int drop_invisible,
                int typography, size_t *typo_count)
{
    size_t removed = 0, i = 0;
    *typo_count = 0;
    ct_buf_reserve(out, n);
    while (i < n) {
        size_t start = i;
        while (i < n && (unsigned char)in[i] < 0x80)
            i++;
        ct_buf_put(out, in + start, i - start);
        if (i >= n)
            break;
        start = i;
        int32_t cp = next_cp(in, n, &i);
        const char *ascii;
        if (drop_invisible && invisible(cp)) {
            removed++;
        } else if (typography && (ascii = ascii_typography(cp))) {
            ct_buf_put(out, ascii, strlen(ascii));
            (*typo_count)++;
        } else {
            ct_buf_put(out, in + start, i - start);
        }
    }
    return removed;
}

/* ---- white space and line endings ---- */

enum { WS_CHAR, WS_SPACE, WS_NEWLINE, WS_PARAGRAPH, WS_DROP };

static int ws_class(int32_t cp)
{
    switch (cp) {
    case ' ': case '\t': case 0xA0: case 0x1680: case 0x202F: case 0x205F:
    case 0x3000:
        return WS_SPACE;
    case '\n': case '\v': case '\f': case 0x85: case 0x2028:
        return WS_NEWLINE;
    case 0x2029:
        return WS_PARAGRAPH;
    case 0xFEFF:                /* a BOM left when invisible = false */
        return WS_DROP;
    default:
        if (cp >= 0x2000 && cp <= 0x200A)
            return WS_SPACE;
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
            return WS_DROP;     /* control characters: never text */
        return WS_CHAR;
    }
}

/* One pass: CRLF/CR -> LF, runs of spaces (tabs, no-break and other Unicode
 * spaces) -> one space, lines trimmed, blank lines collapsed to one, text
 * trimmed. */
/* before a character of content: the pending line break(s) or space */
static void open_content(ct_buf *out, size_t base, int *content, int *space,
                         unsigned *breaks)
{
    if (!*content && out->b.len > base) {
        ct_buf_putc(out, '\n');
        if (*breaks > 1)
            ct_buf_putc(out, '\n');
    } else if (*space) {
        ct_buf_putc(out, ' ');
    }
    *content = 1;
    *space = 0;
    *breaks = 0;
}

static int printable_ascii(unsigned char c)
{
    return c > 0x20 && c < 0x7F;
}

void ct_whitespace(const char *in, size_t n, ct_buf *out)
{
    int space = 0, content = 0;
    unsigned breaks = 0;
    size_t i = 0, base = out->b.len;
    ct_buf_reserve(out, n);
    while (i < n) {
        size_t start = i;
        unsigned char c = (unsigned char)in[i];
        if (printable_ascii(c)) {       /* the common case, copied in runs */
            /* words and the single spaces between them: a space before
             * more content is what one would be written as anyway */
            while (i < n && (printable_ascii((unsigned char)in[i]) ||
                             (in[i] == ' ' && i + 1 < n && printable_ascii((unsigned char)in[i + 1]))))
                i++;
            open_content(out, base, &content, &space, &breaks);
            ct_buf_put(out, in + start, i - start);
            continue;
        }
        int32_t cp;
        if (c < 0x80) {
            cp = c;
            i++;
            if (c == '\r') {
                if (i < n && in[i] == '\n')
                    i++;
                cp = '\n';
            }
        } else {
            cp = next_cp(in, n, &i);
        }
        switch (ws_class(cp)) {
        case WS_SPACE:
            space = content;
            break;
        case WS_PARAGRAPH:
        case WS_NEWLINE:
            if (content || out->b.len > base)
                breaks += ws_class(cp) == WS_PARAGRAPH ? 2 : 1;
            content = space = 0;
            break;
        case WS_DROP:
            break;
        default:
            open_content(out, base, &content, &space, &breaks);
            ct_buf_put(out, in + start, i - start);
        }
    }
}
