/* plugins/fetch/common.c - what every fetch plugin needs: bytes in any
 * encoding to valid UTF-8 (BOM, declared charset, UTF-8, fallback via iconv),
 * content-type sniffing, stable shards and glob lists. */
#define _GNU_SOURCE 1           /* FNM_CASEFOLD */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"

static const char REPLACEMENT[] = "\xEF\xBF\xBD";   /* U+FFFD in UTF-8 */

/* ---- charset labels ---- */

/* Lower-cases and trims a charset label and maps the aliases browsers map
 * (WHATWG Encoding): latin1 and ASCII labels mean windows-1252, which is a
 * superset of both and what such pages really are.  0 if empty. */
static int normalize_label(const char *in, char *out, size_t cap)
{
    size_t n = 0;
    while (*in && (isspace((unsigned char)*in) || *in == '"' || *in == '\''))
        in++;
    while (*in && n + 1 < cap && !isspace((unsigned char)*in) && *in != '"'
           && *in != '\'' && *in != ';' && *in != ',')
        out[n++] = (char)tolower((unsigned char)*in++);
    out[n] = '\0';
    if (n == 0)
        return 0;
    static const char *const utf8[] = { "utf8", "utf-8", "unicode-1-1-utf-8", NULL };
    static const char *const w1252[] = { "iso-8859-1", "iso8859-1", "iso_8859-1",
        "latin1", "l1", "us-ascii", "ascii", "cp819", "cp1252", "x-cp1252",
        "windows-1252", "ansi_x3.4-1968", NULL };
    for (size_t i = 0; utf8[i]; i++)
        if (!strcmp(out, utf8[i]))
            snprintf(out, cap, "utf-8");
    for (size_t i = 0; w1252[i]; i++)
        if (!strcmp(out, w1252[i]))
            snprintf(out, cap, "windows-1252");
    return 1;
}

/* Reads a charset name after "charset" at p (= optional spaces, '=',
 * optional quote); 1 if one was found. */
static int read_charset_value(const char *p, const char *end, char *out, size_t cap)
{
    while (p < end && isspace((unsigned char)*p))
        p++;
    if (p >= end || *p != '=')
        return 0;
    p++;
    while (p < end && (isspace((unsigned char)*p) || *p == '"' || *p == '\''))
        p++;
    size_t n = 0;
    while (p < end && n + 1 < cap
           && (isalnum((unsigned char)*p) || strchr("-_.:", *p)))
        out[n++] = *p++;
    out[n] = '\0';
    return n > 0;
}

/* case-insensitive search for needle in [p, end) */
static const char *find_ci(const char *p, const char *end, const char *needle)
{
    size_t k = strlen(needle);
    for (; p + k <= end; p++)
        if (!strncasecmp(p, needle, k))
            return p;
    return NULL;
}

int fetch_content_type_charset(const char *ct, char *out, size_t cap)
{
    if (!ct)
        return 0;
    const char *end = ct + strlen(ct);
    const char *semi = strchr(ct, ';');
    for (const char *p = semi; p && (p = find_ci(p, end, "charset")); p += 7)
        if (read_charset_value(p + 7, end, out, cap)) {
            for (char *q = out; *q; q++)
                *q = (char)tolower((unsigned char)*q);
            return 1;
        }
    return 0;
}

int fetch_html_meta_charset(const char *b, size_t n, char *out, size_t cap)
{
    /* HTML5 requires the declaration within the first 1024 bytes; real pages
     * put long scripts before it, so look further */
    const char *end = b + (n < 8192 ? n : 8192);
    for (const char *p = b; (p = find_ci(p, end, "<meta")); p += 5) {
        const char *gt = memchr(p, '>', (size_t)(end - p));
        const char *tend = gt ? gt : end;
        const char *c = find_ci(p, tend, "charset");
        if (c && read_charset_value(c + 7, tend, out, cap)) {
            for (char *q = out; *q; q++)
                *q = (char)tolower((unsigned char)*q);
            return 1;
        }
    }
    return 0;
}

/* ---- conversion ---- */

/* Converts b[0..n) from `from` to UTF-8 with iconv into a malloc()ed,
 * NUL-terminated buffer.  lenient: an invalid or truncated sequence becomes
 * U+FFFD and `unit` bytes are skipped; strict: NULL at the first one.  NULL
 * with *unknown = 1 when iconv does not know the charset. */
static char *iconv_utf8(const char *from, const char *b, size_t n, int lenient,
                        size_t unit, size_t *outlen, int *unknown, size_t *bad)
{
    *unknown = 0;
    *bad = 0;
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) {
        *unknown = 1;
        return NULL;
    }
    size_t cap = n * 2 + 16, used = 0;
    char *out = malloc(cap);
    char *in = (char *)b;
    size_t inleft = n;
    int ok = out != NULL;
    while (ok && inleft) {
        char *op = out + used;
        size_t oleft = cap - used - 1;
        size_t r = iconv(cd, &in, &inleft, &op, &oleft);
        used = (size_t)(op - out);
        if (r != (size_t)-1)
            continue;
        if (errno == E2BIG) {
            ok = galley_reserve(&out, &cap, used + cap + 1, 1) == 0;
        } else if ((errno == EILSEQ || errno == EINVAL) && lenient) {
            ok = galley_reserve(&out, &cap, used + 3 + 1, 1) == 0;
            if (ok) {
                memcpy(out + used, REPLACEMENT, 3);
                used += 3;
                ++*bad;
                size_t skip = unit < inleft ? unit : inleft;
                in += skip;
                inleft -= skip;
                iconv(cd, NULL, NULL, NULL, NULL);
            }
        } else {
            ok = 0;
        }
    }
    while (ok) {        /* writes any pending shift state */
        char *op = out + used;
        size_t oleft = cap - used - 1;
        size_t r = iconv(cd, NULL, NULL, &op, &oleft);
        used = (size_t)(op - out);
        if (r != (size_t)-1)
            break;
        ok = errno == E2BIG && galley_reserve(&out, &cap, used + cap + 1, 1) == 0;
    }
    iconv_close(cd);
    if (!ok) {
        free(out);
        return NULL;
    }
    out[used] = '\0';
    *outlen = used;
    return out;
}

/* UTF-8 with each invalid byte replaced by U+FFFD, as browsers do when a
 * page says UTF-8 (by a byte-order mark or a declaration): a few bad bytes
 * are damage, not another charset.  *bad counts the replacements. */
static char *repair_utf8(const char *b, size_t n, size_t *outlen, size_t *bad)
{
    char *out = malloc(n * 3 + 1);
    if (!out)
        return NULL;
    size_t pos = 0, used = 0;
    *bad = 0;
    for (;;) {
        size_t at = pos;
        int32_t cp = galley_utf8_next(b, n, &pos);
        if (cp < 0)
            break;
        /* U+FFFD from one byte that is not EF BF BD itself: a bad byte */
        *bad += cp == 0xFFFD && pos == at + 1;
        used += galley_utf8_encode(cp, out + used);
    }
    out[used] = '\0';
    *outlen = used;
    return out;
}

/* 1 if b[0..n) holds a multi-byte UTF-8 sequence (it is valid UTF-8) */
static int has_multibyte(const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)b[i] >= 0x80)
            return 1;
    return 0;
}

/* NUL characters to U+FFFD (nul = "replace") */
static char *replace_nuls(const char *t, size_t n, size_t *outlen, size_t *count)
{
    size_t nuls = 0;
    for (size_t i = 0; i < n; i++)
        nuls += t[i] == '\0';
    *count = nuls;
    char *out = malloc(n + 2 * nuls + 1);
    if (!out)
        return NULL;
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i] == '\0') {
            memcpy(out + used, REPLACEMENT, 3);
            used += 3;
        } else {
            out[used++] = t[i];
        }
    }
    out[used] = '\0';
    *outlen = used;
    return out;
}

/* offset of the first NUL character: a zero byte in byte-oriented charsets,
 * a zero 16-bit unit in UTF-16; (size_t)-1 if none */
static size_t first_nul(const char *b, size_t n, size_t unit)
{
    if (unit == 1) {
        const char *z = memchr(b, 0, n);
        return z ? (size_t)(z - b) : (size_t)-1;
    }
    for (size_t i = 0; i + 1 < n; i += 2)
        if (b[i] == 0 && b[i + 1] == 0)
            return i;
    return (size_t)-1;
}

int fetch_decoder_check(const fetch_decoder *dec, char *err, size_t errlen)
{
    iconv_t cd = iconv_open("UTF-8", dec->fallback);
    if (cd == (iconv_t)-1) {
        snprintf(err, errlen, "fallback charset '%s' is not known to iconv "
                 "(try windows-1252, iso-8859-15 or koi8-r; `iconv -l` lists them)",
                 dec->fallback);
        return -1;
    }
    iconv_close(cd);
    return 0;
}

/* where the charset came from, for the field `charset_source` */
enum { CS_NONE, CS_BOM, CS_DECLARED, CS_META };
static const char *const cs_source_name[] = { "detected", "bom", "declared", "meta" };

/* Records how the text was decoded: `charset`, `charset_source` (bom,
 * declared, meta, detected: valid UTF-8, fallback: not UTF-8 and nothing
 * declared), and, when not zero, `charset_replaced` (invalid byte
 * sequences that became U+FFFD) and `nul_replaced`. */
static void decode_fields(galley_doc *doc, const char *used, const char *source,
                          size_t bad, size_t nuls)
{
    char num[32];
    galley_doc_set_field(doc, "charset", used);
    galley_doc_set_field(doc, "charset_source", source);
    if (bad) {
        snprintf(num, sizeof num, "%zu", bad);
        galley_doc_set_field(doc, "charset_replaced", num);
    }
    if (nuls) {
        snprintf(num, sizeof num, "%zu", nuls);
        galley_doc_set_field(doc, "nul_replaced", num);
    }
}

/* Decodes with a charset label from `src` (CS_NONE: undeclared) as
 * browsers do: the declared charset wins and its invalid bytes become
 * U+FFFD; one exception, a legacy single-byte label on bytes that are valid
 * UTF-8 with non-ASCII in them (pages transcoded to UTF-8 that kept their
 * old <meta>): UTF-8.  Undeclared bytes are UTF-8 when valid, else the
 * fallback charset (named in `charset_source`). */
static galley_status decode_as(galley_doc *doc, const char *b, size_t n,
                               const char *cs, int src, size_t skip,
                               int is_html, const fetch_decoder *dec)
{
    size_t unit = cs && !strncmp(cs, "utf-16", 6) ? 2 : 1;
    size_t z = first_nul(b, n, unit);
    int replace_nul = dec->nul == FETCH_NUL_REPLACE
        || (dec->nul == FETCH_NUL_HTML && is_html);
    if (z != (size_t)-1 && !replace_nul)
        return galley_doc_fail(doc, "NUL byte at offset %zu: binary file? "
                               "(exclude it, or set nul = \"replace\" to read it "
                               "with U+FFFD in place of NULs)", z + skip);
    char *out = NULL;
    size_t outlen = 0, bad = 0;
    const char *used = NULL, *source = cs_source_name[src];
    int unknown = 0, valid = -1;
    if (cs && strcmp(cs, "utf-8") != 0) {
        if (src != CS_BOM && unit == 1 && (valid = galley_utf8_valid(b, n, NULL))
            && has_multibyte(b, n)) {
            used = "utf-8";
            source = "detected";
        } else {
            out = iconv_utf8(cs, b, n, 1, unit, &outlen, &unknown, &bad);
            if (out)
                used = cs;
            else if (unknown)
                galley_debug("%s: charset '%s' is unknown to iconv; guessing",
                             galley_doc_id(doc), cs);
            else
                return galley_doc_fail(doc, "out of memory decoding %zu bytes", n);
        }
    } else if (cs) {
        used = "utf-8";
        if (!galley_utf8_valid(b, n, NULL)) {
            out = repair_utf8(b, n, &outlen, &bad);
            if (!out)
                return galley_doc_fail(doc, "out of memory decoding %zu bytes", n);
        }
    }
    if (!used) {
        source = "detected";
        if (valid < 0)
            valid = galley_utf8_valid(b, n, NULL);
        if (valid) {
            used = "utf-8";     /* the bytes are the text: no copy */
        } else {
            out = iconv_utf8(dec->fallback, b, n, 1, 1, &outlen, &unknown, &bad);
            used = dec->fallback;
            source = "fallback";
            if (!out)
                return galley_doc_fail(doc, "cannot decode %zu bytes as %s: %s",
                                       n, used, unknown ? "charset unknown to iconv"
                                                        : "out of memory");
            galley_debug("%s: not UTF-8 and no charset declared: read as %s",
                         galley_doc_id(doc), used);
        }
    }
    const char *text = out ? out : b;
    size_t tlen = out ? outlen : n, nuls = 0;
    if (z != (size_t)-1) {
        char *clean = replace_nuls(text, tlen, &tlen, &nuls);
        free(out);
        if (!clean)
            return galley_doc_fail(doc, "out of memory decoding %zu bytes", n);
        out = clean;
        text = clean;
    }
    galley_doc_set_text(doc, text, tlen);
    decode_fields(doc, used, source, bad, nuls);
    free(out);
    return GALLEY_OK;
}

/* UTF-16 without a byte-order mark (some Windows tools write it): text in
 * the Latin range has a zero in every other byte, and only there. */
static const char *guess_utf16(const char *b, size_t n)
{
    const unsigned char *u = (const unsigned char *)b;
    size_t m = (n < 1024 ? n : 1024) & ~(size_t)1, zeven = 0, zodd = 0;
    if (m < 4 || !memchr(b, 0, m))
        return NULL;
    for (size_t i = 0; i < m; i += 2) {
        zeven += u[i] == 0;
        zodd += u[i + 1] == 0;
    }
    if (zeven == 0 && zodd * 10 >= m / 2 * 7)
        return "utf-16le";
    if (zodd == 0 && zeven * 10 >= m / 2 * 7)
        return "utf-16be";
    return NULL;
}

galley_status fetch_decode(galley_doc *doc, const char *b, size_t len,
                           int is_html, const char *declared,
                           const fetch_decoder *dec)
{
    char label[64], raw[64];
    const unsigned char *u = (const unsigned char *)b;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        return decode_as(doc, b + 3, len - 3, "utf-8", CS_BOM, 3, is_html, dec);
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        return decode_as(doc, b + 2, len - 2, "utf-16le", CS_BOM, 2, is_html, dec);
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        return decode_as(doc, b + 2, len - 2, "utf-16be", CS_BOM, 2, is_html, dec);
    const char *cs = guess_utf16(b, len);
    if (cs)     /* as sure as a byte-order mark */
        return decode_as(doc, b, len, cs, CS_BOM, 0, is_html, dec);
    int src = CS_NONE;
    if (declared && normalize_label(declared, label, sizeof label)) {
        cs = label;
        src = CS_DECLARED;
    } else if (is_html && fetch_html_meta_charset(b, len, raw, sizeof raw)
               && normalize_label(raw, label, sizeof label)) {
        /* a <meta> we could read in ASCII cannot really be UTF-16 (WHATWG) */
        cs = strncmp(label, "utf-16", 6) ? label : "utf-8";
        src = CS_META;
    }
    if (cs && !strcmp(cs, "utf-16"))
        cs = "utf-16le";
    return decode_as(doc, b, len, cs, src, 0, is_html, dec);
}

/* ---- files ---- */

/* why a path that is not a regular file is not read */
static const char *not_regular(mode_t m)
{
    if (S_ISFIFO(m))
        return "a FIFO (named pipe), not a regular file: not read";
    if (S_ISSOCK(m))
        return "a socket, not a regular file: not read";
    if (S_ISCHR(m) || S_ISBLK(m))
        return "a device, not a regular file: not read";
    if (S_ISDIR(m))
        return "a directory, not a regular file";
    return "not a regular file: not read";
}

/* a failed open()/stat() as a message for the doc */
static int fail_errno(galley_doc *doc, int err, const char *what)
{
    if (err == ENOENT)
        return galley_doc_fail(doc, "%s: no such file (removed since it was "
                               "listed?)", what);
    if (err == EACCES || err == EPERM)
        return galley_doc_fail(doc, "%s: permission denied (make it readable "
                               "or exclude it)", what);
    if (err == ELOOP)
        return galley_doc_fail(doc, "%s: symbolic link loop", what);
    return galley_doc_fail(doc, "%s: %s", what, strerror(err));
}

/* A symbolic link met with follow_links off: says what it is. */
static int fail_link(galley_doc *doc, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno == ELOOP)
            return galley_doc_fail(doc, "symbolic link loop: not read");
        return galley_doc_fail(doc, "dangling symbolic link (%s): not read",
                               strerror(errno));
    }
    return galley_doc_fail(doc, "symbolic link not followed (set "
                           "follow_links = true to read its target)");
}

/* Reads the whole file into a malloc()ed buffer without blocking on
 * anything that is not a regular file.  GALLEY_OK, or the doc failed. */
static int read_file(const fetch_file *s, galley_doc *doc, const char *path,
                     char **buf, size_t *len)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY
                        | (s->follow ? 0 : O_NOFOLLOW));
    if (fd < 0) {
        if (errno == ELOOP && !s->follow)
            return fail_link(doc, path);
        return fail_errno(doc, errno, "cannot open");
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int rc = fail_errno(doc, errno, "cannot stat");
        close(fd);
        return rc;
    }
    if (!S_ISREG(st.st_mode)) {     /* replaced since it was listed */
        close(fd);
        return galley_doc_fail(doc, "%s", not_regular(st.st_mode));
    }
    if (st.st_size > s->max_bytes) {
        close(fd);
        return galley_doc_fail(doc, "file is %lld bytes, over max_bytes = %lld "
                               "(raise max_bytes or exclude it)",
                               (long long)st.st_size, s->max_bytes);
    }
    /* the size may change while we read: read to EOF, bounded by max_bytes */
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *b = malloc(cap);
    ssize_t r = 0;
    while (b) {
        if (n == cap) {
            if ((long long)n > s->max_bytes)
                break;
            if (galley_reserve(&b, &cap, cap * 2, 1) < 0) {
                free(b);
                b = NULL;
                break;
            }
        }
        r = read(fd, b + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    int err = errno;
    close(fd);
    if (!b)
        return galley_doc_fail(doc, "out of memory reading %lld bytes",
                               (long long)st.st_size);
    if (r < 0) {
        free(b);
        return galley_doc_fail(doc, "read error after %zu bytes: %s", n, strerror(err));
    }
    if ((long long)n > s->max_bytes) {
        free(b);
        return galley_doc_fail(doc, "file grew past max_bytes = %lld while read "
                               "(raise max_bytes or exclude it)", s->max_bytes);
    }
    *buf = b;
    *len = n;
    return GALLEY_OK;
}

/* v in decimal at p, at least width digits (zero-padded); the end */
static char *put_dec(char *p, unsigned long long v, int width)
{
    char tmp[24];
    int k = 0;
    do
        tmp[k++] = (char)('0' + v % 10);
    while ((v /= 10) || k < width);
    while (k)
        *p++ = tmp[--k];
    return p;
}

/* "%lld %lld.%09ld %016llx" of size, mtime and content hash, without
 * printf (it was a tenth of the fetch thread's work); its length */
static size_t file_version(char *out, long long size, long long sec, long nsec, uint64_t h)
{
    char *p = out;
    if (size < 0)
        *p++ = '-';
    p = put_dec(p, size < 0 ? 0ULL - (unsigned long long)size : (unsigned long long)size, 1);
    *p++ = ' ';
    if (sec < 0)
        *p++ = '-';
    p = put_dec(p, sec < 0 ? 0ULL - (unsigned long long)sec : (unsigned long long)sec, 1);
    *p++ = '.';
    if (nsec < 0) {         /* not from a real file system: as printf writes it */
        return (size_t)(p - out) + (size_t)snprintf(p, 40, "%09ld %016llx", nsec,
                                                    (unsigned long long)h);
    }
    p = put_dec(p, (unsigned long long)nsec, 9);
    *p++ = ' ';
    for (int i = 15; i >= 0; i--)
        *p++ = "0123456789abcdef"[(h >> (4 * i)) & 15];
    *p = '\0';
    return (size_t)(p - out);
}

/* Fills doc from the file at path; GALLEY_OK, GALLEY_ERROR (doc failed) or
 * GALLEY_SKIP (an empty file with empty = skip). */
galley_status fetch_file_doc(galley_doc *doc, const char *path, const char *id,
                             const fetch_file *s)
{
    galley_doc_set_id(doc, id);
    galley_doc_set_source(doc, path);
    struct stat st;
    if (lstat(path, &st) != 0)
        return fail_errno(doc, errno, "cannot stat");
    if (S_ISLNK(st.st_mode) && !s->follow)
        return fail_link(doc, path);
    if (S_ISLNK(st.st_mode) && stat(path, &st) != 0)
        return errno == ELOOP ? galley_doc_fail(doc, "symbolic link loop: not read")
                              : fail_errno(doc, errno, "dangling symbolic link");
    if (!S_ISREG(st.st_mode))
        return galley_doc_fail(doc, "%s", not_regular(st.st_mode));
    char *buf = NULL;
    size_t len = 0;
    if (read_file(s, doc, path, &buf, &len) != GALLEY_OK)
        return GALLEY_ERROR;
    if (len == 0 && s->empty != FETCH_EMPTY_KEEP) {
        free(buf);
        if (s->empty == FETCH_EMPTY_SKIP)
            return GALLEY_SKIP;
        return galley_doc_fail(doc, "empty file (0 bytes): nothing to read "
                               "(set empty = \"keep\" or \"skip\" to accept it)");
    }
    /* what a run with a state file compares to skip an unchanged file */
    char version[80];
    size_t vl = file_version(version, (long long)st.st_size, (long long)st.st_mtim.tv_sec,
                             (long)st.st_mtim.tv_nsec, galley_hash64(buf, len));
    galley_doc_set_version(doc, galley_doc_strndup(doc, version, vl));
    galley_doc_take_raw(doc, buf, len);
    const char *type = fetch_sniff_type(id, buf, len);
    galley_doc_set_content_type(doc, type);
    return fetch_decode(doc, buf, len, !strcmp(type, "text/html"), NULL, &s->dec);
}

int fetch_empty_mode(const char *v)
{
    return v && !strcmp(v, "skip") ? FETCH_EMPTY_SKIP
         : v && !strcmp(v, "keep") ? FETCH_EMPTY_KEEP : FETCH_EMPTY_FAIL;
}

int fetch_nul_mode(const char *v)
{
    return v && !strcmp(v, "replace") ? FETCH_NUL_REPLACE
         : v && !strcmp(v, "fail") ? FETCH_NUL_FAIL : FETCH_NUL_HTML;
}

/* ---- content type ---- */

/* The first characters of b as ASCII for sniffing: skips a UTF-8 BOM and
 * takes the low bytes of UTF-16. */
static size_t ascii_head(const char *b, size_t n, char *out, size_t cap)
{
    const unsigned char *u = (const unsigned char *)b;
    size_t i = 0, k = 0, step = 1, off = 0;
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        i = 3;
    else if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        i = 2, step = 2, off = 0;
    else if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        i = 2, step = 2, off = 1;
    for (; i + off < n && k + 1 < cap; i += step)
        out[k++] = u[i + off] ? (char)u[i + off] : ' ';
    out[k] = '\0';
    return k;
}

/* 1 when the first of b's first cap - 1 bytes that is neither white space
 * nor NUL is '<' (what ascii_head then isspace would find, for a text with
 * no byte-order mark), or when b starts with one: then ascii_head is needed.
 * A plain text is then told without copying its head. */
static int may_be_markup(const char *b, size_t n, size_t cap)
{
    const unsigned char *u = (const unsigned char *)b;
    if (n >= 2 && (u[0] == 0xEF || u[0] == 0xFF || u[0] == 0xFE))
        return 1;
    size_t m = n < cap - 1 ? n : cap - 1;
    for (size_t i = 0; i < m; i++)
        if (u[i] && !isspace(u[i]))
            return u[i] == '<';
    return 0;
}

const char *fetch_sniff_type(const char *name, const char *b, size_t n)
{
    char head[1024];
    size_t k = 0, i = 0;
    if (may_be_markup(b, n, sizeof head)) {
        k = ascii_head(b, n, head, sizeof head);
        while (i < k && isspace((unsigned char)head[i]))
            i++;
    }
    if (i < k && head[i] == '<') {
        static const char *const starts[] = { "<!doctype html", "<html", "<head",
                                              "<body", NULL };
        for (size_t s = 0; starts[s]; s++)
            if (!strncasecmp(head + i, starts[s], strlen(starts[s])))
                return "text/html";
        /* an XML prolog or a comment may come before <html> */
        if ((!strncmp(head + i, "<?xml", 5) || !strncmp(head + i, "<!--", 4))
            && find_ci(head + i, head + k, "<html"))
            return "text/html";
    }
    const char *base = name ? strrchr(name, '/') : NULL;
    base = base ? base + 1 : name;
    const char *dot = base ? strrchr(base, '.') : NULL;
    if (dot) {
        static const char *const html[] = { ".html", ".htm", ".xhtml", ".shtml", NULL };
        for (size_t s = 0; html[s]; s++)
            if (!strcasecmp(dot, html[s]))
                return "text/html";
        if (!strcasecmp(dot, ".md") || !strcasecmp(dot, ".markdown"))
            return "text/markdown";
    }
    return "text/plain";
}

/* ---- shards ---- */

int fetch_read_common(galley_stage *st, fetch_shard *sh, fetch_decoder *dec, char *err,
                      size_t errlen)
{
    dec->nul = fetch_nul_mode(galley_opt_str(st, "nul"));
    dec->fallback = galley_opt_str(st, "fallback");
    if (fetch_shard_parse(galley_opt_str(st, "shard"), sh, err, errlen) < 0)
        return -1;
    return fetch_decoder_check(dec, err, errlen);
}

int fetch_shard_parse(const char *s, fetch_shard *sh, char *err, size_t errlen)
{
    sh->k = sh->n = 0;
    if (!s || !*s)
        return 0;
    char *end;
    errno = 0;
    unsigned long k = strtoul(s, &end, 10);
    unsigned long n = 0;
    int ok = end != s && *end == '/' && isdigit((unsigned char)s[0]);
    if (ok) {
        const char *p = end + 1;
        n = strtoul(p, &end, 10);
        ok = end != p && *end == '\0' && isdigit((unsigned char)p[0]) && errno == 0
             && k >= 1 && k <= n && n <= 1000000;
    }
    if (!ok) {
        snprintf(err, errlen, "shard '%s' is not K/N with 1 <= K <= N "
                 "(e.g. shard = \"2/3\" takes the second of three parts)", s);
        return -1;
    }
    sh->k = (unsigned)k;
    sh->n = (unsigned)n;
    return 0;
}

int fetch_shard_mine(const fetch_shard *sh, const char *id)
{
    if (sh->n == 0)
        return 1;
    uint64_t h = galley_hash64(id, strlen(id));
    return h % sh->n == sh->k - 1;
}

/* ---- globs ---- */

int fetch_glob_any(const char *const *pats, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (fnmatch(pats[i], name, FNM_CASEFOLD) == 0)
            return 1;
    return 0;
}
