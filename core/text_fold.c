/* core/text_fold.c - case folding and NFC normalisation through utf8proc
 * for the toolkit (include/galley/text.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "text_int.h"

/* appends the bytes of one folded character when they fit whole; *full
 * latches so that a truncated result stays UTF-8 */
static void put(char *out, size_t cap, size_t *written, int *full,
                const char *b, size_t len)
{
    if (out && !*full && *written + len < cap) {
        memcpy(out + *written, b, len);
        *written += len;
    } else {
        *full = 1;
    }
}

size_t galley_casefold(const char *s, size_t n, char *out, size_t cap)
{
    size_t pos = 0, need = 0, written = 0;
    int full = 0;
    while (pos < n) {
        unsigned char b = (unsigned char)s[pos];
        /* news text is nearly all ASCII: utf8proc folds only A-Z there */
        if (b < 0x80) {
            char f = (char)(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
            put(out, cap, &written, &full, &f, 1);
            need++;
            pos++;
            continue;
        }
        int32_t c = galley_utf8_next(s, n, &pos);
        utf8proc_int32_t folded[8];
        int boundclass = 0;
        utf8proc_ssize_t k = utf8proc_decompose_char(c, folded, 8,
                                                     UTF8PROC_CASEFOLD, &boundclass);
        if (k < 1 || k > 8) {       /* cannot happen for valid code points */
            folded[0] = c;
            k = 1;
        }
        for (utf8proc_ssize_t i = 0; i < k; i++) {
            char enc[4];
            size_t len = galley_utf8_encode(folded[i], enc);
            put(out, cap, &written, &full, enc, len);
            need += len;
        }
    }
    if (out && cap > 0)
        out[written] = '\0';
    return need;
}

char *galley_nfc(const char *s, size_t n, size_t *outlen)
{
    if (!galley_utf8_valid(s, n, NULL))
        return NULL;
    utf8proc_uint8_t *res = NULL;
    utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s,
                                        (utf8proc_ssize_t)n, &res,
                                        UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (len < 0)
        return NULL;
    if (outlen)
        *outlen = (size_t)len;
    return (char *)res;
}
