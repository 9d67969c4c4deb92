/* tests/core/test_text.c - Check tests of the text toolkit (galley/text.h):
 * UTF-8, tokenizer offsets on multi-byte text, casefold/NFC, stopwords,
 * the libstemmer wrapper and the counter. Sentences: test_text_sentences.c */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <galley/doc.h>
#include <galley/util.h>
#include <galley/text.h>
#include "../ckhelp.h"

/* ---- UTF-8 ---- */

START_TEST(utf8_valid_and_invalid)
{
    size_t bad = 99;
    ck_assert_int_eq(galley_utf8_valid("caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d", 13, &bad), 1);
    ck_assert_int_eq(galley_utf8_valid("", 0, &bad), 1);
    /* overlong '/' */
    ck_assert_int_eq(galley_utf8_valid("ab\xc0\xaf", 4, &bad), 0);
    ck_assert_uint_eq(bad, 2);
    /* a surrogate */
    ck_assert_int_eq(galley_utf8_valid("x\xed\xa0\x80", 4, &bad), 0);
    ck_assert_uint_eq(bad, 1);
    /* above U+10FFFF */
    ck_assert_int_eq(galley_utf8_valid("\xf4\x90\x80\x80", 4, &bad), 0);
    ck_assert_uint_eq(bad, 0);
    /* truncated at the end of the given length */
    ck_assert_int_eq(galley_utf8_valid("ok\xe2\x80", 4, &bad), 0);
    ck_assert_uint_eq(bad, 2);
    /* a NUL byte is valid UTF-8 and the length, not strlen, counts */
    ck_assert_int_eq(galley_utf8_valid("a\0\xff", 2, NULL), 1);
}
END_TEST

/* The byte scans (16 or 8 bytes at a time) stop where a byte-by-byte scan
 * stops: at every offset and length, with the stopping byte anywhere. */
START_TEST(scans_match_byte_by_byte)
{
    char buf[80];
    unsigned seed = 7;
    const char stops[] = { '"', '\\', '\0', '\n', 0x1F, (char)0x80, (char)0xC3, (char)0xFF };
    for (int round = 0; round < 3000; round++) {
        for (size_t i = 0; i < sizeof buf; i++)
            buf[i] = (char)(' ' + (seed = seed * 1103515245u + 12345u) % 95);
        for (int k = round % 3; k > 0; k--) {
            seed = seed * 1103515245u + 12345u;
            buf[(seed >> 8) % sizeof buf] = stops[(seed >> 20) % sizeof stops];
        }
        size_t off = round % 17, n = (round / 17) % (sizeof buf - off);
        const char *t = buf + off;
        size_t plain = 0, ascii = 0;
        while (plain < n && (unsigned char)t[plain] >= 0x20 && t[plain] != '"' && t[plain] != '\\')
            plain++;
        while (ascii < n && (unsigned char)t[ascii] < 0x80)
            ascii++;
        ck_assert_uint_eq(galley_json_plain(t, n), plain);
        ck_assert_uint_eq(galley_ascii_prefix(t, n), ascii);
    }
}
END_TEST

START_TEST(utf8_next_decodes_and_recovers)
{
    const char *s = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xff" "b";
    size_t n = strlen(s), pos = 0;
    ck_assert_int_eq(galley_utf8_next(s, n, &pos), 'a');
    ck_assert_int_eq(galley_utf8_next(s, n, &pos), 0xE9);
    ck_assert_uint_eq(pos, 3);
    ck_assert_int_eq(galley_utf8_next(s, n, &pos), 0x20AC);
    ck_assert_int_eq(galley_utf8_next(s, n, &pos), 0x1F600);
    ck_assert_uint_eq(pos, 10);
    ck_assert_int_eq(galley_utf8_next(s, n, &pos), 0xFFFD);   /* \xff */
    ck_assert_uint_eq(pos, 11);
    ck_assert_int_eq(galley_utf8_next(s, n, &pos), 'b');
    ck_assert_int_eq(galley_utf8_next(s, n, &pos), -1);
    /* a sequence cut by the length decodes as U+FFFD, one byte at a time */
    pos = 0;
    ck_assert_int_eq(galley_utf8_next("\xe2\x82\xac", 2, &pos), 0xFFFD);
    ck_assert_uint_eq(pos, 1);
}
END_TEST

START_TEST(utf8_encode_round_trip)
{
    const int32_t cps[] = { 0x41, 0xE9, 0x7FF, 0x800, 0x20AC, 0xFFFF, 0x10000, 0x10FFFF };
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        char buf[4];
        size_t len = galley_utf8_encode(cps[i], buf), pos = 0;
        ck_assert_int_eq(galley_utf8_valid(buf, len, NULL), 1);
        ck_assert_int_eq(galley_utf8_next(buf, len, &pos), cps[i]);
        ck_assert_uint_eq(pos, len);
    }
    char buf[4];
    /* a surrogate cannot be encoded: U+FFFD instead */
    ck_assert_uint_eq(galley_utf8_encode(0xD800, buf), 3);
    ck_assert_int_eq(memcmp(buf, "\xef\xbf\xbd", 3), 0);
}
END_TEST

/* ---- tokens ---- */

typedef struct expect {
    const char *text;
    galley_tok_class cls;
    unsigned flags;         /* flags that must be set */
} expect;

static void check_tokens(const char *s, const expect *ex)
{
    galley_tokenizer tz;
    galley_token tok;
    galley_tok_init(&tz, s, strlen(s));
    size_t i = 0;
    while (galley_tok_next(&tz, &tok)) {
        ck_assert_msg(ex[i].text != NULL, "extra token '%.*s' in \"%s\"",
                      (int)(tok.end - tok.start), s + tok.start, s);
        ck_assert_msg(tok.end - tok.start == strlen(ex[i].text) &&
                      memcmp(s + tok.start, ex[i].text, tok.end - tok.start) == 0,
                      "token %zu of \"%s\" is '%.*s', expected '%s'", i, s,
                      (int)(tok.end - tok.start), s + tok.start, ex[i].text);
        ck_assert_msg(tok.cls == ex[i].cls, "token '%s' has class %d, expected %d",
                      ex[i].text, (int)tok.cls, (int)ex[i].cls);
        ck_assert_msg((tok.flags & ex[i].flags) == ex[i].flags,
                      "token '%s' flags %#x lack %#x", ex[i].text, tok.flags, ex[i].flags);
        i++;
    }
    ck_assert_msg(ex[i].text == NULL, "missing token '%s' in \"%s\"", ex[i].text, s);
}

START_TEST(tok_multibyte_offsets)
{
    /* "Zürich’s café — 3,5 km." : offsets are bytes */
    const char *s = "Z\xc3\xbcrich\xe2\x80\x99s caf\xc3\xa9 \xe2\x80\x94 3,5 km.";
    galley_tokenizer tz;
    galley_token t;
    galley_tok_init(&tz, s, strlen(s));
    ck_assert(galley_tok_next(&tz, &t));
    ck_assert_uint_eq(t.start, 0);
    ck_assert_uint_eq(t.end, 11);           /* Zürich’s: 7 + 3 + 1 bytes */
    ck_assert_int_eq(t.cls, GALLEY_TOK_WORD);
    ck_assert_uint_eq(t.flags & GALLEY_TOK_CAPITALIZED, GALLEY_TOK_CAPITALIZED);
    ck_assert(galley_tok_next(&tz, &t));
    ck_assert_uint_eq(t.start, 12);
    ck_assert_uint_eq(t.end, 17);           /* café */
    ck_assert_uint_eq(t.flags & GALLEY_TOK_LOWER, GALLEY_TOK_LOWER);
    ck_assert(galley_tok_next(&tz, &t));
    ck_assert_uint_eq(t.start, 18);
    ck_assert_uint_eq(t.end, 21);           /* the em dash */
    ck_assert_int_eq(t.cls, GALLEY_TOK_PUNCT);
    ck_assert(galley_tok_next(&tz, &t));
    ck_assert_uint_eq(t.start, 22);
    ck_assert_uint_eq(t.end, 25);
    ck_assert_int_eq(t.cls, GALLEY_TOK_NUMBER);
    ck_assert(galley_tok_next(&tz, &t));
    ck_assert_int_eq(t.cls, GALLEY_TOK_WORD);
    ck_assert(galley_tok_next(&tz, &t));
    ck_assert_int_eq(t.cls, GALLEY_TOK_PUNCT);
    ck_assert_uint_eq(t.end, strlen(s));
    ck_assert(!galley_tok_next(&tz, &t));
    ck_assert(!galley_tok_next(&tz, &t));   /* stays at the end */
}
END_TEST

START_TEST(tok_classes_and_flags)
{
    const expect ex[] = {
        { "The", GALLEY_TOK_WORD, GALLEY_TOK_CAPITALIZED },
        { "U.S.", GALLEY_TOK_WORD, GALLEY_TOK_ALLCAPS | GALLEY_TOK_CAPITALIZED },
        { "don't", GALLEY_TOK_WORD, GALLEY_TOK_LOWER },
        { "e-mail", GALLEY_TOK_WORD, GALLEY_TOK_LOWER },
        { "NATO", GALLEY_TOK_WORD, GALLEY_TOK_ALLCAPS },
        { "1,000", GALLEY_TOK_NUMBER, 0 },
        { "3.5", GALLEY_TOK_NUMBER, 0 },
        { "mp3", GALLEY_TOK_WORD, GALLEY_TOK_HAS_DIGIT | GALLEY_TOK_LOWER },
        { "(", GALLEY_TOK_PUNCT, 0 },
        { "$", GALLEY_TOK_SYMBOL, 0 },
        { "20", GALLEY_TOK_NUMBER, 0 },
        { ")", GALLEY_TOK_PUNCT, 0 },
        { "end", GALLEY_TOK_WORD, GALLEY_TOK_LOWER },
        { ".", GALLEY_TOK_PUNCT, 0 },
        { NULL, 0, 0 }
    };
    check_tokens("The U.S. don't e-mail NATO 1,000 3.5 mp3 ($20) end.", ex);
}
END_TEST

START_TEST(tok_ptb_text)
{
    /* PTB-tokenised: clitics split off, punctuation spaced */
    const expect ex[] = {
        { "the", GALLEY_TOK_WORD, 0 },
        { "team", GALLEY_TOK_WORD, 0 },
        { "'s", GALLEY_TOK_WORD, GALLEY_TOK_LOWER },
        { "goal", GALLEY_TOK_WORD, 0 },
        { ",", GALLEY_TOK_PUNCT, 0 },
        { "they", GALLEY_TOK_WORD, 0 },
        { "'re", GALLEY_TOK_WORD, 0 },
        { "here", GALLEY_TOK_WORD, 0 },
        { ".", GALLEY_TOK_PUNCT, 0 },
        { "'", GALLEY_TOK_PUNCT, 0 },
        { "quoted", GALLEY_TOK_WORD, 0 },
        { "'", GALLEY_TOK_PUNCT, 0 },
        { NULL, 0, 0 }
    };
    check_tokens("the team 's goal , they 're here . ' quoted '", ex);
}
END_TEST

START_TEST(tok_edges)
{
    galley_tokenizer tz;
    galley_token t;
    galley_tok_init(&tz, "", 0);
    ck_assert(!galley_tok_next(&tz, &t));
    galley_tok_init(&tz, " \t\n\xc2\xa0 ", 6);      /* only white space, NBSP too */
    ck_assert(!galley_tok_next(&tz, &t));
    /* the length bounds the text: nothing past it is read */
    galley_tok_init(&tz, "abc def", 3);
    ck_assert(galley_tok_next(&tz, &t));
    ck_assert_uint_eq(t.end, 3);
    ck_assert(!galley_tok_next(&tz, &t));
    /* invalid bytes become one-byte symbols, never a crash or a loop */
    const char *bad = "a\xff\xfe" "b";
    galley_tok_init(&tz, bad, 4);
    int n = 0;
    while (galley_tok_next(&tz, &t))
        n++;
    ck_assert_int_eq(n, 4);     /* a, \xff, \xfe, b */
}
END_TEST

/* ---- casefold, NFC ---- */

START_TEST(casefold_unicode)
{
    char out[64];
    ck_assert_uint_eq(galley_casefold("Stra\xc3\x9f" "e", 7, out, sizeof out), 7);
    ck_assert_str_eq(out, "strasse");
    galley_casefold("\xc3\x89T\xc3\x89 \xce\xa3", 8, out, sizeof out);
    ck_assert_str_eq(out, "\xc3\xa9t\xc3\xa9 \xcf\x83");     /* été σ */
    /* too small: the needed length, a NUL-terminated whole-character prefix */
    ck_assert_uint_eq(galley_casefold("\xc3\x89\xc3\x89", 4, out, 4), 4);
    ck_assert_str_eq(out, "\xc3\xa9");
    ck_assert_uint_eq(galley_casefold("ABC", 3, NULL, 0), 3);
}
END_TEST

/* the ASCII fast path: the same bytes and truncation as the Unicode path
 * (a mixed word goes through both in one call) */
START_TEST(casefold_ascii_path)
{
    char out[8];
    ck_assert_uint_eq(galley_casefold("HeLLo, World", 12, out, sizeof out), 12);
    ck_assert_str_eq(out, "hello, ");       /* 7 bytes and the NUL */
    ck_assert_uint_eq(galley_casefold("AB\xc3\x89" "CD", 6, out, sizeof out), 6);
    ck_assert_str_eq(out, "ab\xc3\xa9" "cd");
    /* no room for the 2-byte é: nothing after it either, not even ASCII */
    ck_assert_uint_eq(galley_casefold("AB\xc3\x89" "C", 5, out, 4), 5);
    ck_assert_str_eq(out, "ab");
    ck_assert_uint_eq(galley_casefold("A\x7f@[`{Z", 7, out, sizeof out), 7);
    ck_assert_str_eq(out, "a\x7f@[`{z");
}
END_TEST

START_TEST(nfc_composes)
{
    size_t len = 0;
    char *s = galley_nfc("e\xcc\x81t\xc3\xa9", 6, &len);   /* e + combining acute */
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(len, 5);
    ck_assert_str_eq(s, "\xc3\xa9t\xc3\xa9");
    free(s);
    ck_assert_ptr_null(galley_nfc("a\xff", 2, &len));
    s = galley_nfc("", 0, &len);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(len, 0);
    free(s);
}
END_TEST

/* ---- stopwords ---- */

START_TEST(stopwords_any_case)
{
    ck_assert(galley_is_stopword("the", 3));
    ck_assert(galley_is_stopword("The", 3));
    ck_assert(galley_is_stopword("THE", 3));
    ck_assert(galley_is_stopword("don't", 5));
    ck_assert(galley_is_stopword("Don\xe2\x80\x99t", 7));      /* curly apostrophe */
    ck_assert(galley_is_stopword("themselves", 10));
    ck_assert(!galley_is_stopword("pakistan", 8));
    ck_assert(galley_is_stopword("theme", 3));      /* the length counts: "the" */
    ck_assert(!galley_is_stopword("theme", 5));
    ck_assert(!galley_is_stopword("", 0));
    ck_assert(!galley_is_stopword("militants", 9));
    /* words from all over the (sorted, bsearched) table */
    const char *all[] = { "a", "about", "aren't", "i", "i'm", "it's", "let's",
                          "nor", "of", "she'll", "the", "whom", "you",
                          "yourselves", NULL };
    for (size_t i = 0; all[i]; i++)
        ck_assert_msg(galley_is_stopword(all[i], strlen(all[i])), "%s", all[i]);
    /* the hash set compares lengths, not NUL-terminated keys */
    ck_assert(!galley_is_stopword("the\0x", 5));
    ck_assert(!galley_is_stopword("themselvesxxxxxxx", 17));
    /* a non-ASCII letter takes the folding path: U+017F long s folds to s */
    ck_assert(galley_is_stopword("\xc5\xbf" "o", 3));
    ck_assert(galley_is_stopword("\xc3\xa0", 2) == 0);
    /* ... after an ASCII initial too, though no entry of 'u' has 3 bytes */
    ck_assert(galley_is_stopword("u\xc5\xbf", 3));
    ck_assert(galley_is_stopword("WHOEVER", 7));
    ck_assert(galley_is_stopword("YOURSELVES", 10));
}
END_TEST

/* ---- stemmer ---- */

static void check_stem(galley_stemmer *st, const char *w, const char *want)
{
    size_t n = 0;
    const char *r = galley_stem(st, w, strlen(w), &n);
    ck_assert_msg(r && n == strlen(want) && memcmp(r, want, n) == 0,
                  "stem of '%s' is '%.*s', expected '%s'", w, (int)n, r ? r : "", want);
}

START_TEST(stemmer_english_and_porter)
{
    galley_stemmer *en = galley_stemmer_new("english");
    galley_stemmer *po = galley_stemmer_new("porter");
    ck_assert_ptr_nonnull(en);
    ck_assert_ptr_nonnull(po);
    check_stem(en, "running", "run");
    check_stem(en, "Running", "run");          /* case-folded first */
    check_stem(en, "generously", "generous");  /* Snowball English */
    check_stem(po, "generously", "gener");     /* original Porter */
    check_stem(en, "connection", "connect");
    check_stem(en, "", "");
    check_stem(en, "Caf\xc3\x89s", "caf\xc3\xa9");
    /* a long word grows the handle's buffer */
    char big[300];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    size_t n;
    ck_assert_ptr_nonnull(galley_stem(en, big, strlen(big), &n));
    ck_assert_uint_eq(n, 299);
    galley_stemmer_free(en);
    galley_stemmer_free(po);
    ck_assert_ptr_null(galley_stemmer_new("klingon"));
    ck_assert_ptr_null(galley_stemmer_new(NULL));
    galley_stemmer_free(NULL);
}
END_TEST

/* ---- counter ---- */

START_TEST(counter_counts_in_order)
{
    galley_counter *c = galley_counter_new();
    ck_assert_ptr_nonnull(c);
    ck_assert_uint_eq(galley_counter_find(c, "x", 1), (size_t)-1);
    ck_assert_uint_eq(galley_counter_add(c, "pakistan", 8, 1), 0);
    ck_assert_uint_eq(galley_counter_add(c, "mattis", 6, 1), 1);
    ck_assert_uint_eq(galley_counter_add(c, "pakistan", 8, 2.5), 0);
    ck_assert_uint_eq(galley_counter_add(c, "pakistanis", 8, 1), 0);  /* n counts */
    ck_assert_uint_eq(galley_counter_size(c), 2);
    ck_assert(galley_counter_value(c, 0) == 4.5);
    size_t n;
    const char *k = galley_counter_key(c, 1, &n);
    ck_assert_uint_eq(n, 6);
    ck_assert_str_eq(k, "mattis");
    ck_assert_uint_eq(galley_counter_find(c, "mattis", 6), 1);
    /* keys may hold any bytes, NUL included */
    ck_assert_uint_eq(galley_counter_add(c, "a\0b", 3, 1), 2);
    ck_assert_uint_eq(galley_counter_find(c, "a\0b", 3), 2);
    ck_assert_uint_eq(galley_counter_find(c, "a", 1), (size_t)-1);
    galley_counter_clear(c);
    ck_assert_uint_eq(galley_counter_size(c), 0);
    ck_assert_uint_eq(galley_counter_find(c, "mattis", 6), (size_t)-1);
    ck_assert_uint_eq(galley_counter_add(c, "again", 5, 1), 0);
    galley_counter_free(c);
    galley_counter_free(NULL);
}
END_TEST

/* keys of every length that differ in one byte anywhere are different
 * keys: the table compares and hashes words a few bytes at a time */
START_TEST(counter_tells_keys_apart_at_every_byte)
{
    galley_counter *c = galley_counter_new();
    char key[40];
    size_t next = 0;
    for (size_t n = 1; n <= sizeof key; n++) {
        memset(key, 'a', n);
        ck_assert_uint_eq(galley_counter_add(c, key, n, 1), next++);
        for (size_t i = 0; i < n; i++) {
            key[i] = 'b';
            ck_assert_uint_eq(galley_counter_add(c, key, n, 1), next++);
            key[i] = 'a';
        }
    }
    for (size_t n = 1; n <= sizeof key; n++) {
        memset(key, 'a', n);
        key[n - 1] = 'b';
        ck_assert_uint_eq(galley_counter_find(c, key, n), n * (n + 1) / 2 - 1 + n);
        key[n - 1] = 'c';
        ck_assert_uint_eq(galley_counter_find(c, key, n), (size_t)-1);
    }
    ck_assert_uint_eq(galley_counter_size(c), next);
    galley_counter_free(c);
}
END_TEST

/* a value read by index is the key's, whichever counter was looked up
 * last and however the counter moved since: it grew, was cleared, or a
 * new counter took a freed one's place */
START_TEST(counter_value_follows_its_key)
{
    galley_counter *c = galley_counter_new(), *d = galley_counter_new();
    ck_assert_uint_eq(galley_counter_add(c, "alpha", 5, 1), 0);
    ck_assert_uint_eq(galley_counter_add(d, "beta", 4, 20), 0);
    ck_assert_uint_eq(galley_counter_find(c, "alpha", 5), 0);
    ck_assert(galley_counter_value(d, 0) == 20);
    ck_assert(galley_counter_value(c, 0) == 1);
    char key[32];
    for (int i = 0; i < 5000; i++) {       /* the slots move: they grow */
        int n = snprintf(key, sizeof key, "key-%d-with-a-long-tail", i);
        ck_assert_uint_eq(galley_counter_add(c, key, (size_t)n, i), (size_t)i + 1);
    }
    ck_assert(galley_counter_value(c, 0) == 1);
    ck_assert_uint_eq(galley_counter_add(c, "alpha", 5, 2), 0);
    ck_assert(galley_counter_value(c, 0) == 3);
    for (int i = 0; i < 5000; i += 7) {
        int n = snprintf(key, sizeof key, "key-%d-with-a-long-tail", i);
        ck_assert_uint_eq(galley_counter_find(c, key, (size_t)n), (size_t)i + 1);
        ck_assert(galley_counter_value(c, (size_t)i + 1) == i);
        ck_assert(galley_counter_value(c, (size_t)i + 2) == i + 1);
    }
    ck_assert_uint_eq(galley_counter_find(c, "alpha", 5), 0);
    galley_counter_clear(c);
    ck_assert_uint_eq(galley_counter_add(c, "gamma", 5, 7), 0);
    ck_assert(galley_counter_value(c, 0) == 7);
    ck_assert_uint_eq(galley_counter_find(c, "gamma", 5), 0);
    galley_counter_free(c);
    galley_counter *e = galley_counter_new();   /* maybe where c was */
    ck_assert_uint_eq(galley_counter_add(e, "delta", 5, 9), 0);
    ck_assert(galley_counter_value(e, 0) == 9);
    galley_counter_free(e);
    galley_counter_free(d);
}
END_TEST

START_TEST(counter_grows)
{
    galley_counter *c = galley_counter_new();
    char key[32];
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < 20000; i++) {
            int n = snprintf(key, sizeof key, "term%d", i);
            ck_assert_uint_eq(galley_counter_add(c, key, (size_t)n, 1), (size_t)i);
        }
    ck_assert_uint_eq(galley_counter_size(c), 20000);
    for (int i = 0; i < 20000; i += 997) {
        int n = snprintf(key, sizeof key, "term%d", i);
        size_t idx = galley_counter_find(c, key, (size_t)n);
        ck_assert_uint_eq(idx, (size_t)i);
        ck_assert(galley_counter_value(c, idx) == 2.0);
        size_t kn;
        ck_assert_str_eq(galley_counter_key(c, idx, &kn), key);
    }
    galley_counter_free(c);
}
END_TEST

/* ---- any bytes: spans stay ordered and inside the text ---- */

START_TEST(random_bytes_invariants)
{
    unsigned long long x = 0x9E3779B97F4A7C15ULL;     /* fixed seed: repeatable */
    static const char alphabet[] = "aZ .?!\"'\n-,3";
    char buf[512];
    for (int round = 0; round < 300; round++) {
        size_t len = (size_t)(round % 97) * 5 + 1;
        for (size_t i = 0; i < len; i++) {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            /* half arbitrary bytes, half text-like characters */
            buf[i] = (x & 256) ? (char)(x & 0xFF) : alphabet[x % (sizeof alphabet - 1)];
        }
        galley_tokenizer tz;
        galley_token t;
        size_t prev = 0;
        galley_tok_init(&tz, buf, len);
        while (galley_tok_next(&tz, &t)) {
            ck_assert_uint_ge(t.start, prev);
            ck_assert_uint_gt(t.end, t.start);
            ck_assert_uint_le(t.end, len);
            prev = t.end;
        }
        galley_sentencer it;
        size_t s, e;
        prev = 0;
        galley_sent_init(&it, buf, len);
        while (galley_sent_next(&it, &s, &e)) {
            ck_assert_uint_ge(s, prev);
            ck_assert_uint_gt(e, s);
            ck_assert_uint_le(e, len);
            prev = e;
        }
        char out[64];
        size_t need = galley_casefold(buf, len, NULL, 0);
        ck_assert_uint_eq(galley_casefold(buf, len, out, sizeof out), need);
        ck_assert_uint_lt(strlen(out), sizeof out);
        ck_assert_int_eq(galley_utf8_valid(out, strlen(out), NULL), 1);
        (void)galley_is_stopword(buf, len < 40 ? len : 40);
    }
}
END_TEST

/* ---- the token layer ---- */

START_TEST(token_layer_once)
{
    const char *text = "The U.S. Army's men don\xe2\x80\x99t RUN; 3.5 km.";
    galley_doc *d = galley_doc_new();
    galley_doc_set_text(d, text, strlen(text));
    size_t n, m;
    const galley_token *t = galley_doc_tokens(d, &n);
    /* the same tokens as the iterator, stopwords flagged */
    galley_tokenizer tz;
    galley_token k;
    size_t i = 0;
    galley_tok_init(&tz, text, strlen(text));
    while (galley_tok_next(&tz, &k)) {
        ck_assert_uint_lt(i, n);
        ck_assert_uint_eq(t[i].start, k.start);
        ck_assert_uint_eq(t[i].end, k.end);
        ck_assert_int_eq(t[i].cls, k.cls);
        ck_assert_uint_eq(t[i].flags & ~GALLEY_TOK_STOPWORD, k.flags);
        int stop = k.cls == GALLEY_TOK_WORD && galley_is_stopword(text + k.start, k.end - k.start);
        ck_assert_int_eq(!!(t[i].flags & GALLEY_TOK_STOPWORD), stop);
        i++;
    }
    ck_assert_uint_eq(i, n);
    ck_assert(t[0].flags & GALLEY_TOK_STOPWORD);           /* The */
    /* computed once: the same array again */
    ck_assert_ptr_eq(galley_doc_tokens(d, &m), t);
    const galley_term *f = galley_doc_terms(d, &m);
    ck_assert_uint_eq(m, n);
    ck_assert_str_eq(f[0].text, "the");
    ck_assert_str_eq(f[5].text, "run");
    ck_assert(f[0].id == galley_hash64("the", 3));
    ck_assert_ptr_eq(galley_doc_terms(d, NULL), f);
    galley_stemmer *st = galley_stemmer_new("english");
    ck_assert_ptr_nonnull(st);
    const galley_term *s = galley_doc_stems(d, st, &m);
    ck_assert_str_eq(s[3].text, "men");
    ck_assert_str_eq(s[5].text, "run");
    ck_assert_ptr_eq(galley_doc_stems(d, st, NULL), s);
    ck_assert_ptr_null(galley_doc_stems(d, NULL, NULL));
    galley_stemmer_free(st);
    /* new text drops the layer */
    galley_doc_set_text(d, "Rain.", 5);
    t = galley_doc_tokens(d, &n);
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(t[0].end, 4);
    galley_doc_set_text(d, "", 0);
    galley_doc_tokens(d, &n);
    ck_assert_uint_eq(n, 0);
    ck_assert_ptr_null(galley_doc_terms(d, &n));
    galley_doc_free(d);
}
END_TEST

/* ---- a document's sentences ---- */

/* the sentence layer's spans when there is one (in text order, a nested
 * span skipped), else the sentencer's */
START_TEST(doc_sentences_from_layer)
{
    const char *text = "Headline here\n\nMr. Smith went. He left.";
    size_t len = strlen(text), s, e, s2, e2, n = 0;
    galley_doc *d = galley_doc_new();
    galley_doc_set_text(d, text, len);
    galley_doc_sentencer ds;
    galley_sentencer it;
    galley_doc_sent_init(&ds, d, text, len);
    galley_sent_init(&it, text, len);
    while (galley_doc_sent_next(&ds, &s, &e)) {
        ck_assert(galley_sent_next(&it, &s2, &e2));
        ck_assert_uint_eq(s, s2);
        ck_assert_uint_eq(e, e2);
        n++;
    }
    ck_assert(!galley_sent_next(&it, &s2, &e2));
    ck_assert_uint_eq(n, 3);
    ck_assert_int_eq(galley_doc_add_span(d, "sentence", 0, 13, "title", GALLEY_NO_SCORE), 0);
    ck_assert_int_eq(galley_doc_add_span(d, "sentence", 15, 39, NULL, GALLEY_NO_SCORE), 0);
    ck_assert_int_eq(galley_doc_add_span(d, "sentence", 20, 25, NULL, GALLEY_NO_SCORE), 0);
    galley_doc_sent_init(&ds, d, text, len);
    ck_assert(galley_doc_sent_next(&ds, &s, &e));
    ck_assert_uint_eq(s, 0);
    ck_assert_uint_eq(e, 13);
    ck_assert(galley_doc_sent_next(&ds, &s, &e));
    ck_assert_uint_eq(s, 15);
    ck_assert_uint_eq(e, 39);
    ck_assert(!galley_doc_sent_next(&ds, &s, &e));
    /* no document: the sentencer's */
    galley_doc_sent_init(&ds, NULL, text, len);
    for (n = 0; galley_doc_sent_next(&ds, &s, &e); n++)
        ;
    ck_assert_uint_eq(n, 3);
    galley_doc_free(d);
}
END_TEST

static Suite *text_suite(void)
{
    Suite *s = suite_create("text");
    TCase *tc = tcase_create("toolkit");
    tcase_add_test(tc, utf8_valid_and_invalid);
    tcase_add_test(tc, utf8_next_decodes_and_recovers);
    tcase_add_test(tc, utf8_encode_round_trip);
    tcase_add_test(tc, tok_multibyte_offsets);
    tcase_add_test(tc, tok_classes_and_flags);
    tcase_add_test(tc, tok_ptb_text);
    tcase_add_test(tc, tok_edges);
    tcase_add_test(tc, casefold_unicode);
    tcase_add_test(tc, casefold_ascii_path);
    tcase_add_test(tc, token_layer_once);
    tcase_add_test(tc, doc_sentences_from_layer);
    tcase_add_test(tc, nfc_composes);
    tcase_add_test(tc, stopwords_any_case);
    tcase_add_test(tc, stemmer_english_and_porter);
    tcase_add_test(tc, counter_counts_in_order);
    tcase_add_test(tc, counter_tells_keys_apart_at_every_byte);
    tcase_add_test(tc, counter_value_follows_its_key);
    tcase_add_test(tc, counter_grows);
    tcase_add_test(tc, random_bytes_invariants);
    tcase_add_test(tc, scans_match_byte_by_byte);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return ck_run(text_suite());
}
