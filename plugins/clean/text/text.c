/* plugins/clean/text/text.c - the `text` clean plugin: checks UTF-8, applies
 * NFC and white space normalisation, and repairs plain text (mojibake,
 * invisible characters, boilerplate lines, translation and word-filter
 * damage), counting every repair in the `repairs` fields. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

#include <galley/galley.h>

#include "internal.h"

/* the rules and the word list: loaded once per process and shared by the
 * workers (galley_shared_get), never changed after loading */
typedef struct text_data {
    ct_rules lines, translate, filter;
    ct_wordset words;
    int wordfilter;             /* 0 when the default word list is missing */
} text_data;

typedef struct text_state {
    int mojibake, invisible, typography, boilerplate, translation, wordfilter;
    text_data *d;
    ct_buf a, b, scratch;       /* ping-pong buffers reused for every doc */
    int told_markup;            /* said once that HTML without text stays empty */
} text_state;

static const galley_option text_options[] = {
    { GALLEY_OPT_BOOL, "mojibake", "true", 0, 0, 0,
      "repair UTF-8 that was read as Windows-1252/Latin-1 (\xc3\xa2\xe2\x82\xac\xe2\x84\xa2 -> \xe2\x80\x99) where unambiguous", NULL },
    { GALLEY_OPT_BOOL, "invisible", "true", 0, 0, 0,
      "remove soft hyphens, zero-width spaces, word joiners and BOMs", NULL },
    { GALLEY_OPT_BOOL, "typography", "false", 0, 0, 0,
      "turn curly quotes, dashes and the ellipsis into ASCII (off: keep the author's)", NULL },
    { GALLEY_OPT_BOOL, "boilerplate", "true", 0, 0, 0,
      "drop share/subscribe prompts, bracketed link lines and trailing headline lists", NULL },
    { GALLEY_OPT_STRING, "boilerplate_rules", "", GALLEY_OPT_PATH, 0, 0,
      "boilerplate rules file (empty: the installed clean/boilerplate.rules)", NULL },
    { GALLEY_OPT_INT, "max_words", "30", 0, 1, 1000,
      "longest line (in words) a boilerplate rule may drop", NULL },
    { GALLEY_OPT_BOOL, "translation", "true", 0, 0, 0,
      "restore machine-translation debris (\"EE. UU\", a stray \"UU\" -> \"U.S.\")", NULL },
    { GALLEY_OPT_STRING, "translation_rules", "", GALLEY_OPT_PATH, 0, 0,
      "translation rules file (empty: the installed clean/translation.rules)", NULL },
    { GALLEY_OPT_BOOL, "wordfilter", "true", 0, 0, 0,
      "restore words a profanity filter damaged (\"badysts\" -> \"analysts\")", NULL },
    { GALLEY_OPT_STRING, "wordfilter_rules", "", GALLEY_OPT_PATH, 0, 0,
      "word-filter rules file (empty: the installed clean/wordfilter.rules)", NULL },
    { GALLEY_OPT_STRING, "wordlist", "", GALLEY_OPT_PATH, 0, 0,
      "English word list, one word a line (empty: " GALLEY_WORDLIST ")", NULL },
    { 0 }
};

/* Loads the rules file an option names, or the shipped one when the option
 * is empty.  The shipped file is also what `include default` reads. */
static int load_rules_file(const galley_stage *st, const char *opt,
                           const char *name, ct_rules *r, int kind,
                           char *err, size_t errlen)
{
    char shipped[4096];
    const char *v = galley_opt_str(st, opt);
    const char *def = galley_data_path("clean", name, shipped, sizeof shipped) == 0
                      ? shipped : NULL;
    const char *path = v && *v ? v : def;
    if (!path) {
        snprintf(err, errlen, "%s: set %s to a rules file, or GALLEY_DATADIR "
                 "to the folder holding clean/%s", shipped, opt, name);
        return -1;
    }
    if (kind == 0)
        return ct_rules_load_boilerplate(r, path, def, err, errlen);
    return ct_rules_load_pairs(r, path, def, kind == 1, err, errlen);
}

static void state_free(text_state *s)
{
    galley_shared_put(s->d);
    galley_buf_free(&s->a.b);
    galley_buf_free(&s->b.b);
    galley_buf_free(&s->scratch.b);
    free(s);
}

static void data_free(void *p)
{
    text_data *d = p;
    ct_rules_free(&d->lines);
    ct_rules_free(&d->translate);
    ct_rules_free(&d->filter);
    ct_wordset_free(&d->words);
    free(d);
}

/* the word list: a missing default disables the filter with a warning (the
 * pipeline still runs); a missing list the user named is an error */
static int load_wordlist(galley_stage *st, text_data *d, char *err, size_t errlen)
{
    const char *v = galley_opt_str(st, "wordlist");
    const char *path = v && *v ? v : GALLEY_WORDLIST;
    if (ct_wordset_load(&d->words, path, err, errlen) == 0)
        return 0;
    if (v && *v)
        return -1;
    galley_stage_warn(st, "%s; word-filter repair is off (install wamerican or "
                      "set wordlist)", err);
    d->wordfilter = 0;
    return 0;
}

/* galley_shared_load: the rules and word list the stage's options name */
static void *load_data(void *arg, char **why)
{
    galley_stage *st = arg;
    char err[8192];
    text_data *d = calloc(1, sizeof *d);
    if (!d) {
        *why = strdup("out of memory");
        return NULL;
    }
    d->wordfilter = galley_opt_bool(st, "wordfilter");
    int bad = 0;
    if (galley_opt_bool(st, "boilerplate")) {
        bad = load_rules_file(st, "boilerplate_rules", "boilerplate.rules",
                              &d->lines, 0, err, sizeof err) != 0;
        d->lines.max_words = (int)galley_opt_int(st, "max_words");
    }
    if (!bad && galley_opt_bool(st, "translation"))
        bad = load_rules_file(st, "translation_rules", "translation.rules",
                              &d->translate, 1, err, sizeof err) != 0;
    if (!bad && d->wordfilter)
        bad = load_rules_file(st, "wordfilter_rules", "wordfilter.rules", &d->filter,
                              2, err, sizeof err) != 0 ||
              load_wordlist(st, d, err, sizeof err) != 0;
    if (bad) {
        data_free(d);
        *why = strdup(err);
        return NULL;
    }
    return d;
}

/* the shared data's key: every option that changes what is loaded */
static void data_key(galley_stage *st, char *key, size_t cap)
{
    static const char *const paths[] = { "boilerplate_rules", "translation_rules",
                                         "wordfilter_rules", "wordlist", NULL };
    size_t o = (size_t)snprintf(key, cap, "clean/text %d %d %d %lld",
                                galley_opt_bool(st, "boilerplate"),
                                galley_opt_bool(st, "translation"),
                                galley_opt_bool(st, "wordfilter"),
                                galley_opt_int(st, "max_words"));
    for (int i = 0; paths[i] && o < cap; i++) {
        const char *v = galley_opt_str(st, paths[i]);
        o += (size_t)snprintf(key + o, cap - o, "\n%s", v ? v : "");
    }
}

static galley_status text_open(galley_stage *st, void **state)
{
    text_state *s = calloc(1, sizeof *s);
    if (!s)
        return galley_stage_fail(st, "out of memory");
    s->mojibake = galley_opt_bool(st, "mojibake");
    s->invisible = galley_opt_bool(st, "invisible");
    s->typography = galley_opt_bool(st, "typography");
    s->boilerplate = galley_opt_bool(st, "boilerplate");
    s->translation = galley_opt_bool(st, "translation");
    char key[16384], *why = NULL;
    data_key(st, key, sizeof key);
    s->d = galley_shared_get(key, load_data, st, data_free, &why);
    if (!s->d) {
        state_free(s);
        galley_status r = galley_stage_fail(st, "%s", why ? why : "cannot load the rules");
        free(why);
        return r;
    }
    s->wordfilter = galley_opt_bool(st, "wordfilter") && s->d->wordfilter;
    *state = s;
    return GALLEY_OK;
}

static galley_status text_close(void *state)
{
    if (state)
        state_free(state);
    return GALLEY_OK;
}

/* per-kind repair counts, in the order they are reported */
enum { R_MOJIBAKE, R_INVISIBLE, R_TYPOGRAPHY, R_BOILERPLATE, R_TRANSLATION,
       R_WORDFILTER, R_KINDS };
static const char *const kind_field[R_KINDS] = {
    "repairs_mojibake", "repairs_invisible", "repairs_typography",
    "repairs_boilerplate", "repairs_translation", "repairs_wordfilter"
};

/* Runs the passes, ping-ponging between the state's two buffers; *out and
 * *outlen get the final text.  Returns 0, or -1 out of memory. */
static int run_passes(text_state *s, const char *in, size_t n,
                      size_t counts[R_KINDS], const char **out, size_t *outlen)
{
    ct_buf *dst = &s->a, *other = &s->b;
    int cls = ct_text_class(in, n);
#define SWAP() do { in = dst->b.data; n = dst->b.len; \
                    ct_buf *t_ = dst; dst = other; other = t_; } while (0)
#define START() (dst->b.len = 0, dst->oom = 0)

    /* text encoded twice ("Ã¢â‚¬â„¢") needs a second pass, rarely a third */
    for (int pass = 0; pass < 3 && s->mojibake && cls != CT_ASCII &&
                       memchr(in, 0xC3, n); pass++) {
        START();
        size_t fixed = ct_mojibake(in, n, dst);
        SWAP();
        counts[R_MOJIBAKE] += fixed;
        if (!fixed)
            break;
        cls = ct_text_class(in, n);
    }
    if (cls == CT_NEEDS_NFC) {
        utf8proc_uint8_t *nfc = NULL;
        utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)in,
                                          (utf8proc_ssize_t)n, &nfc,
                                          UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        if (k < 0)
            return -1;          /* input was validated: only ENOMEM is left */
        START();
        ct_buf_put(dst, (const char *)nfc, (size_t)k);
        free(nfc);
        SWAP();
    }
    if (cls != CT_ASCII && (s->invisible || s->typography)) {
        START();
        counts[R_INVISIBLE] = ct_chars(in, n, dst, s->invisible, s->typography,
                                       &counts[R_TYPOGRAPHY]);
        SWAP();
    }
    START();
    ct_whitespace(in, n, dst);
    SWAP();
    if (s->boilerplate) {
        START();
        counts[R_BOILERPLATE] = ct_boilerplate(in, n, dst, &s->d->lines, &s->scratch);
        SWAP();
    }
    if (s->translation && s->d->translate.nsubsts) {
        START();
        counts[R_TRANSLATION] = ct_translate(in, n, dst, &s->d->translate);
        SWAP();
    }
    if (s->wordfilter && s->d->filter.nsubsts) {
        START();
        counts[R_WORDFILTER] = ct_wordfilter(in, n, dst, &s->d->filter, &s->d->words);
        SWAP();
    }
#undef SWAP
#undef START
    if (s->a.oom || s->b.oom || s->scratch.oom)
        return -1;
    *out = in;
    *outlen = n;
    return 0;
}

static int is_markup(const char *content_type)
{
    return content_type && (strstr(content_type, "html") ||
                            strstr(content_type, "xml"));
}

/* The buffers are reused from one document to the next, but not a giant
 * document's: they would hold three times its size for the whole run. */
static void trim_buffers(text_state *s)
{
    ct_buf *bufs[] = { &s->a, &s->b, &s->scratch };
    for (size_t i = 0; i < sizeof bufs / sizeof *bufs; i++)
        if (bufs[i]->b.cap > (size_t)1 << 20)
            galley_buf_free(&bufs[i]->b);
}

static galley_status text_clean(text_state *s, galley_doc *doc)
{
    size_t n = 0;
    const char *in = NULL;
    if (galley_doc_has_text(doc)) {
        in = galley_doc_text(doc, &n);
    } else if (!is_markup(galley_doc_content_type(doc))) {
        in = galley_doc_raw(doc, &n);   /* a fetcher that left bytes only */
    } else if (!s->told_markup) {
        /* an HTML page without text: clean/html found none (on_empty =
         * "keep"), or no clean/html ran; its markup is not text to keep */
        galley_info("%s: HTML or XML without extracted text stays empty; put "
                    "plugin = \"clean/html\" before text to extract it",
                    galley_doc_id(doc));
        s->told_markup = 1;
    }
    if (!in)
        n = 0;
    int nul;
    size_t bad = ct_check_utf8(in, n, &nul);
    if (bad != (size_t)-1 && nul)
        return galley_doc_fail(doc, "NUL byte at byte %zu: the file is binary "
                               "or UTF-16; convert it to UTF-8 text", bad);
    if (bad != (size_t)-1)
        return galley_doc_fail(doc, "invalid UTF-8 at byte %zu: convert it to "
                               "UTF-8 or let the fetch stage detect its charset",
                               bad);
    size_t counts[R_KINDS] = { 0 };
    const char *out = "";
    size_t outlen = 0;
    if (n > 0 && run_passes(s, in, n, counts, &out, &outlen) != 0) {
        s->a.oom = s->b.oom = s->scratch.oom = 0;
        return galley_doc_fail(doc, "out of memory cleaning %zu bytes of text", n);
    }
    galley_doc_set_text(doc, out, outlen);
    size_t total = 0;
    for (int k = 0; k < R_KINDS; k++) {
        total += counts[k];
        if (counts[k])
            galley_doc_set_fieldf(doc, kind_field[k], "%zu", counts[k]);
    }
    galley_doc_set_fieldf(doc, "repairs", "%zu", total);
    return GALLEY_OK;
}

static galley_status text_process(void *state, galley_doc *doc)
{
    galley_status r = text_clean(state, doc);
    trim_buffers(state);
    return r;
}

GALLEY_PLUGIN(text,
    .kind = GALLEY_CLEAN,
    .summary = "normalise and repair plain text: UTF-8 check, NFC, white space, "
               "mojibake, boilerplate lines, translation and word-filter damage",
    .version = PACKAGE_VERSION,
    .license = "MIT",
    .options = text_options,
    .provides = "repairs",
    .open = text_open,
    .process = text_process,
    .close = text_close);
