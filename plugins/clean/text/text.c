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

typedef struct text_state {
    int mojibake, invisible, typography, boilerplate, translation, wordfilter;
    ct_rules lines, translate, filter;
    ct_wordset words;
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

/* The data file shipped with galley: $GALLEY_DATADIR/clean, then the
 * installed pkgdatadir, then the source tree (uninstalled runs and tests).
 * NULL with the places tried in err when none has it. */
static const char *shipped_file(const char *name, char *path, size_t cap,
                                char *err, size_t errlen)
{
    const char *env = getenv("GALLEY_DATADIR");
    const char *dirs[3] = { NULL, GALLEY_PKGDATADIR "/clean",
                            GALLEY_SRCDIR "/conf/clean" };
    char envdir[4096];
    if (env && *env) {
        snprintf(envdir, sizeof envdir, "%.4000s/clean", env);
        dirs[0] = envdir;
    }
    for (int i = 0; i < 3; i++) {
        if (!dirs[i])
            continue;
        snprintf(path, cap, "%s/%s", dirs[i], name);
        if (access(path, R_OK) == 0)
            return path;
    }
    snprintf(err, errlen, "cannot find %s in %.1000s%s%s or %s", name,
             dirs[0] ? dirs[0] : "", dirs[0] ? ", " : "", dirs[1], dirs[2]);
    return NULL;
}

/* Loads the rules file an option names, or the shipped one when the option
 * is empty.  The shipped file is also what `include default` reads. */
static int load_rules_file(const galley_stage *st, const char *opt,
                           const char *name, ct_rules *r, int kind,
                           char *err, size_t errlen)
{
    char shipped[4096], why[4096];
    const char *v = galley_opt_str(st, opt);
    const char *def = shipped_file(name, shipped, sizeof shipped, why, sizeof why);
    const char *path = v && *v ? v : def;
    if (!path) {
        snprintf(err, errlen, "%s: set %s to a rules file, or GALLEY_DATADIR "
                 "to the folder holding clean/%s", why, opt, name);
        return -1;
    }
    if (kind == 0)
        return ct_rules_load_boilerplate(r, path, def, err, errlen);
    return ct_rules_load_pairs(r, path, def, kind == 1, err, errlen);
}

static void state_free(text_state *s)
{
    ct_rules_free(&s->lines);
    ct_rules_free(&s->translate);
    ct_rules_free(&s->filter);
    ct_wordset_free(&s->words);
    ct_buf_free(&s->a);
    ct_buf_free(&s->b);
    ct_buf_free(&s->scratch);
    free(s);
}

/* the word list: a missing default disables the filter with a warning (the
 * pipeline still runs); a missing list the user named is an error */
static int load_wordlist(galley_stage *st, text_state *s, char *err,
                         size_t errlen)
{
    const char *v = galley_opt_str(st, "wordlist");
    const char *path = v && *v ? v : GALLEY_WORDLIST;
    if (ct_wordset_load(&s->words, path, err, errlen) == 0)
        return 0;
    if (v && *v)
        return -1;
    if (galley_stage_worker(st) == 0)
        galley_warn("stage '%s' (text): %s; word-filter repair is off "
                    "(install wamerican or set wordlist)",
                    galley_stage_name(st), err);
    s->wordfilter = 0;
    return 0;
}

static int load_rules(galley_stage *st, text_state *s, char *err, size_t errlen)
{
    if (s->boilerplate) {
        if (load_rules_file(st, "boilerplate_rules", "boilerplate.rules",
                            &s->lines, 0, err, errlen) != 0)
            return -1;
        s->lines.max_words = (int)galley_opt_int(st, "max_words");
    }
    if (s->translation &&
        load_rules_file(st, "translation_rules", "translation.rules",
                        &s->translate, 1, err, errlen) != 0)
        return -1;
    if (s->wordfilter &&
        load_rules_file(st, "wordfilter_rules", "wordfilter.rules", &s->filter,
                        2, err, errlen) != 0)
        return -1;
    if (s->wordfilter)
        return load_wordlist(st, s, err, errlen);
    return 0;
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
    s->wordfilter = galley_opt_bool(st, "wordfilter");
    char err[8192];
    if (load_rules(st, s, err, sizeof err) != 0) {
        state_free(s);
        return galley_stage_fail(st, "%s", err);
    }
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
#define SWAP() do { in = dst->p; n = dst->len; \
                    ct_buf *t_ = dst; dst = other; other = t_; } while (0)
#define START() (dst->len = 0, dst->oom = 0)

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
        counts[R_BOILERPLATE] = ct_boilerplate(in, n, dst, &s->lines, &s->scratch);
        SWAP();
    }
    if (s->translation && s->translate.nsubsts) {
        START();
        counts[R_TRANSLATION] = ct_translate(in, n, dst, &s->translate);
        SWAP();
    }
    if (s->wordfilter && s->filter.nsubsts) {
        START();
        counts[R_WORDFILTER] = ct_wordfilter(in, n, dst, &s->filter, &s->words);
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

static galley_status text_process(void *state, galley_doc *doc)
{
    text_state *s = state;
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
