/* fuzz/stdin.c - the stdin fetch plugin's JSON Lines reader on an arbitrary
 * file: every record comes out as a document or as a failure with a message,
 * and the reader ends (libFuzzer's -timeout catches one that does not); the
 * fast reading of flat records gives the document jansson's reading gives. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "../plugins/fetch/jsonrec.h"

extern const galley_plugin stdin_LTX_galley_plugin;

static void same_str(const char *what, const char *a, const char *b, const char *line)
{
    if ((a == NULL) != (b == NULL) || (a && strcmp(a, b)))
        fuzz_abort("jsonrec: %s differs: fast \"%s\", jansson \"%s\" for %s", what,
                   a ? a : "(null)", b ? b : "(null)", line);
}

/* one line read both ways: the same status, id, text, source, type, error
 * and fields (keys, values and scores, in order) */
static void compare_readers(const char *line, size_t len)
{
    fetch_jsonrec r = { "line", "fallback", NULL, FETCH_EMPTY_FAIL };
    galley_doc *a = galley_doc_new(), *b = galley_doc_new();
    galley_status ra = fetch_jsonrec_doc(a, line, len, &r);
    galley_status rb = fetch_jsonrec_doc_jansson(b, line, len, &r);
    if (ra != rb)
        fuzz_abort("jsonrec: status %d fast, %d jansson for %s", ra, rb, line);
    size_t la, lb;
    const char *ta = galley_doc_text(a, &la), *tb = galley_doc_text(b, &lb);
    if (la != lb || (la && memcmp(ta, tb, la)))
        fuzz_abort("jsonrec: text differs for %s", line);
    same_str("id", galley_doc_id(a), galley_doc_id(b), line);
    same_str("source", galley_doc_source(a), galley_doc_source(b), line);
    same_str("content type", galley_doc_content_type(a), galley_doc_content_type(b), line);
    same_str("error", galley_doc_error(a), galley_doc_error(b), line);
    size_t nk = galley_doc_nkeys(a);
    if (nk != galley_doc_nkeys(b))
        fuzz_abort("jsonrec: %zu fields fast, %zu jansson for %s", nk, galley_doc_nkeys(b), line);
    for (size_t k = 0; k < nk; k++) {
        const char *key = galley_doc_key(a, k);
        same_str("key", key, galley_doc_key(b, k), line);
        size_t n = galley_doc_field_count(a, key);
        if (n != galley_doc_field_count(b, key))
            fuzz_abort("jsonrec: field %s count differs for %s", key, line);
        for (size_t i = 0; i < n; i++) {
            double sa, sb;
            same_str("field", galley_doc_field_value(a, key, i, &sa),
                     galley_doc_field_value(b, key, i, &sb), line);
            if (galley_has_score(sa) != galley_has_score(sb) ||
                (galley_has_score(sa) && sa != sb))
                fuzz_abort("jsonrec: field %s score differs for %s", key, line);
        }
    }
    galley_doc_free(a);
    galley_doc_free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data, *end = p + size;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((nl ? nl : end) - p);
        char *line = malloc(n + 1);
        if (!line)
            fuzz_abort("out of memory");
        memcpy(line, p, n);
        line[n] = '\0';
        compare_readers(line, n);
        free(line);
        p += n + 1;
    }

    char path[4200];
    snprintf(path, sizeof path, "path=%s", fuzz_scratch(data, size));
    const char *const opts[] = { path, NULL };
    fuzz_fetch_all(&stdin_LTX_galley_plugin, opts, "fetch/stdin");
    return 0;
}
