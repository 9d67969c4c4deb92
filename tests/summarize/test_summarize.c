/* tests/summarize/test_summarize.c - the summarizer plugins (lead, textrank,
 * lexrank, newsrank) driven through galley/testing.h: length options, what
 * never enters a summary, edge-case articles and determinism. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <galley/galley.h>
#include <galley/testing.h>
#include "../ckhelp.h"

extern const galley_plugin lead_LTX_galley_plugin;
extern const galley_plugin textrank_LTX_galley_plugin;
extern const galley_plugin lexrank_LTX_galley_plugin;
extern const galley_plugin newsrank_LTX_galley_plugin;

static const galley_plugin *const ALL[] = {
    &lead_LTX_galley_plugin, &textrank_LTX_galley_plugin,
    &lexrank_LTX_galley_plugin, &newsrank_LTX_galley_plugin
};
#define NALL 4

/* six body sentences under a headline */
static const char ARTICLE[] =
    "Storm closes the harbour\n\n"
    "A winter storm closed the harbour of Portsmouth on Monday, stranding ferries and cargo ships. "
    "The harbour master said the storm brought winds of more than 100 km/h.\n\n"
    "Ferries to France were cancelled for the day and passengers were sent home. "
    "Cargo ships waited outside the harbour until the storm eased in the evening.\n\n"
    "Forecasters expect calmer weather for the rest of the week. "
    "Local shops reported fewer customers than usual during the storm.\n";

static galley_test *open_opts(const galley_plugin *p, const char *const *opts)
{
    char err[512];
    galley_test *t = galley_test_open(p, opts, err, sizeof err);
    ck_assert_msg(t != NULL, "%s: %s", p->name, err);
    return t;
}

static void close_test(galley_test *t)
{
    char err[256];
    ck_assert_int_eq(galley_test_close(t, err, sizeof err), GALLEY_OK);
}

static galley_doc *doc_of(const char *text)
{
    galley_doc *d = galley_doc_new();
    galley_doc_set_id(d, "test");
    galley_doc_set_text(d, text, strlen(text));
    return d;
}

/* runs p with opts over text; returns the doc (caller frees) */
static galley_doc *summarize(const galley_plugin *p, const char *const *opts,
                             const char *text)
{
    galley_test *t = open_opts(p, opts);
    galley_doc *d = doc_of(text);
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
    close_test(t);
    return d;
}

static size_t nspans(const galley_doc *d)
{
    size_t n = 0;
    galley_doc_layer(d, "summary", &n);
    return n;
}

static int words_in(const char *s, size_t n)
{
    int w = 0, in = 0;
    for (size_t i = 0; i < n; i++) {
        int alnum = (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')
                    || (s[i] >= '0' && s[i] <= '9');
        if (alnum && !in)
            w++;
        in = alnum || s[i] == '/' || s[i] == '\'';
    }
    return w;
}

/* the summary field is the spans' text in order, joined by single spaces */
static void check_consistent(const galley_doc *d)
{
    size_t n = 0, len = 0;
    const char *text = galley_doc_text(d, &len);
    const galley_span *sp = galley_doc_layer(d, "summary", &n);
    const char *field = galley_doc_field(d, "summary");
    ck_assert_ptr_nonnull(field);
    char *joined = calloc(len + n + 1, 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0) {
            ck_assert_msg(sp[i].start >= sp[i - 1].end, "spans out of article order");
            joined[o++] = ' ';
        }
        for (size_t b = sp[i].start; b < sp[i].end; b++)
            joined[o++] = text[b] == '\n' ? ' ' : text[b];
    }
    ck_assert_str_eq(field, joined);
    free(joined);
}

START_TEST(lead_first_sentences)
{
    const char *opts[] = { "sentences=2", NULL };
    galley_doc *d = summarize(&lead_LTX_galley_plugin, opts, ARTICLE);
    ck_assert_str_eq(galley_doc_field(d, "summary"),
        "A winter storm closed the harbour of Portsmouth on Monday, stranding ferries "
        "and cargo ships. The harbour master said the storm brought winds of more "
        "than 100 km/h.");
    ck_assert_uint_eq(nspans(d), 2);
    check_consistent(d);
    galley_doc_free(d);
    /* default: three */
    d = summarize(&lead_LTX_galley_plugin, NULL, ARTICLE);
    ck_assert_uint_eq(nspans(d), 3);
    galley_doc_free(d);
}
END_TEST

START_TEST(title_field_is_skipped)
{
    /* no blank line after the title: only the title field tells */
    const char *text = "Mayor opens bridge. The mayor opened the new bridge on Friday "
                       "morning. Hundreds of people walked across it.";
    galley_test *t = open_opts(&lead_LTX_galley_plugin, (const char *[]){ "sentences=1", NULL });
    galley_doc *d = doc_of(text);
    galley_doc_set_field(d, "title", "Mayor opens bridge.");
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
    ck_assert_str_eq(galley_doc_field(d, "summary"),
                     "The mayor opened the new bridge on Friday morning.");
    galley_doc_free(d);
    /* include = title lets it in */
    close_test(t);
    t = open_opts(&lead_LTX_galley_plugin,
                  (const char *[]){ "sentences=1", "include=title", "min_sentence_words=1", NULL });
    d = doc_of(text);
    galley_doc_set_field(d, "title", "Mayor opens bridge.");
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
    ck_assert_str_eq(galley_doc_field(d, "summary"), "Mayor opens bridge.");
    galley_doc_free(d);
    close_test(t);
}
END_TEST

START_TEST(sentence_layer_labels)
{
    /* spans labelled title/headline/dateline never enter the summary */
    const char *text = "Big news today. LONDON. Something happened in the city tonight. "
                       "People were surprised by it all.";
    galley_test *t = open_opts(&lead_LTX_galley_plugin,
                               (const char *[]){ "sentences=1", "min_sentence_words=1", NULL });
    galley_doc *d = doc_of(text);
    galley_doc_add_span(d, "sentence", 0, 15, "headline", GALLEY_NO_SCORE);
    galley_doc_add_span(d, "sentence", 16, 23, "dateline", GALLEY_NO_SCORE);
    galley_doc_add_span(d, "sentence", 24, 63, NULL, GALLEY_NO_SCORE);
    galley_doc_add_span(d, "sentence", 64, strlen(text), NULL, GALLEY_NO_SCORE);
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
    ck_assert_str_eq(galley_doc_field(d, "summary"), "Something happened in the city tonight.");
    galley_doc_free(d);
    close_test(t);
}
END_TEST

/* a credit the sentence layer labels "caption" takes its whole paragraph
 * (the caption text itself is unlabelled) out */
START_TEST(caption_label_marks_paragraph)
{
    const char *text = "Ants on a leaf, from the study. Image: Jane Doe.\n\n"
                       "The study found that sick ants choose food laced with peroxide.";
    galley_test *t = open_opts(&lead_LTX_galley_plugin, (const char *[]){ "sentences=2", NULL });
    galley_doc *d = doc_of(text);
    const char *credit = strstr(text, "Image:"), *body = strstr(text, "The study");
    galley_doc_add_span(d, "sentence", 0, (size_t)(credit - 1 - text), NULL, GALLEY_NO_SCORE);
    galley_doc_add_span(d, "sentence", (size_t)(credit - text), (size_t)(body - 2 - text),
                        "caption", GALLEY_NO_SCORE);
    galley_doc_add_span(d, "sentence", (size_t)(body - text), strlen(text), NULL, GALLEY_NO_SCORE);
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
    ck_assert_str_eq(galley_doc_field(d, "summary"),
                     "The study found that sick ants choose food laced with peroxide.");
    galley_doc_free(d);
    close_test(t);
}
END_TEST

/* an article of one paragraph that quotes a caption in prose: every
 * summarizer still summarizes it (it used to be labelled a caption whole) */
START_TEST(caption_phrase_in_prose)
{
    const galley_plugin *p = ALL[_i];
    const char *text =
        "Singer shares holiday photo\n\n"
        "The singer shared a photo of her family on Instagram on Sunday with the caption: "
        "'Home for the holidays.' Fans flooded the post with messages within minutes. "
        "The picture showed her parents and two brothers at the family farm in Ohio. "
        "Her new album is due out in March after a two-year break from touring.\n";
    galley_doc *d = summarize(p, (const char *[]){ "sentences=2", NULL }, text);
    const char *sum = galley_doc_field(d, "summary");
    ck_assert_msg(sum && strlen(sum) > 40, "%s: empty or short summary: \"%s\"", p->name,
                  sum ? sum : "(none)");
    ck_assert_msg(!strstr(sum, "Singer shares"), "%s: the title is in the summary", p->name);
    galley_doc_free(d);
}
END_TEST

/* a short credit line still keeps its paragraph out */
START_TEST(credit_after_agency_name)
{
    ck_assert(galley_caption("AP Photo: John Smith", 20));
    ck_assert(galley_caption("Getty Images photo: file", 24));
    ck_assert(!galley_caption("He posted it with the caption: 'hi'", 35));
    ck_assert(!galley_caption("Officials released a video: it shows the crash", 46));
}
END_TEST

START_TEST(length_options)
{
    const galley_plugin *p = ALL[_i];
    const char *s1[] = { "sentences=1", NULL }, *s4[] = { "sentences=4", NULL };
    const char *r50[] = { "ratio=0.5", NULL }, *r01[] = { "ratio=0.01", NULL };
    const char *w30[] = { "words=30", NULL }, *w1[] = { "words=1", NULL };
    galley_doc *d = summarize(p, s1, ARTICLE);
    ck_assert_uint_eq(nspans(d), 1);
    check_consistent(d);
    galley_doc_free(d);
    d = summarize(p, s4, ARTICLE);
    ck_assert_uint_eq(nspans(d), 4);
    check_consistent(d);
    galley_doc_free(d);
    /* half of 6 candidates, rounded up; never less than one */
    d = summarize(p, r50, ARTICLE);
    ck_assert_uint_eq(nspans(d), 3);
    galley_doc_free(d);
    d = summarize(p, r01, ARTICLE);
    ck_assert_uint_eq(nspans(d), 1);
    galley_doc_free(d);
    /* a word budget: the field holds at most 30 words, and at least one
     * sentence even when none fits */
    d = summarize(p, w30, ARTICLE);
    const char *f = galley_doc_field(d, "summary");
    ck_assert_int_le(words_in(f, strlen(f)), 30);
    ck_assert_uint_ge(nspans(d), 1);
    check_consistent(d);
    galley_doc_free(d);
    d = summarize(p, w1, ARTICLE);
    ck_assert_uint_eq(nspans(d), 1);
    galley_doc_free(d);
    /* asking for more sentences than there are gives them all */
    d = summarize(p, (const char *[]){ "sentences=50", NULL }, ARTICLE);
    ck_assert_uint_eq(nspans(d), 6);
    galley_doc_free(d);
}
END_TEST

START_TEST(length_options_conflict)
{
    const galley_plugin *p = ALL[_i];
    char err[512] = "";
    const char *opts[] = { "sentences=2", "ratio=0.5", NULL };
    galley_test *t = galley_test_open(p, opts, err, sizeof err);
    ck_assert_ptr_null(t);
    ck_assert_msg(strstr(err, "only one") != NULL, "message: %s", err);
}
END_TEST

START_TEST(min_sentence_words)
{
    const galley_plugin *p = ALL[_i];
    const char *text = "Short one. This sentence is clearly longer than the first. Tiny.";
    galley_doc *d = summarize(p, (const char *[]){ "sentences=3", "min_sentence_words=3", NULL }, text);
    ck_assert_str_eq(galley_doc_field(d, "summary"),
                     "This sentence is clearly longer than the first.");
    galley_doc_free(d);
}
END_TEST

START_TEST(empty_and_one_sentence)
{
    const galley_plugin *p = ALL[_i];
    galley_test *t = open_opts(p, NULL);
    const char *texts[] = { "", "   \n\n  ", "Headline only\n\n", "!!! ... ???" };
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
        galley_doc *d = doc_of(texts[k]);
        ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
        ck_assert_uint_eq(nspans(d), 0);
        const char *f = galley_doc_field(d, "summary");
        ck_assert(f == NULL || *f == '\0');
        galley_doc_free(d);
    }
    galley_doc *d = doc_of("Only one sentence is in this article at all.");
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
    ck_assert_uint_eq(nspans(d), 1);
    ck_assert_str_eq(galley_doc_field(d, "summary"), "Only one sentence is in this article at all.");
    galley_doc_free(d);
    close_test(t);
}
END_TEST

START_TEST(deterministic)
{
    const galley_plugin *p = ALL[_i];
    galley_test *t = open_opts(p, NULL);
    char *first = NULL;
    for (int round = 0; round < 3; round++) {
        galley_doc *d = doc_of(ARTICLE);
        ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
        const char *f = galley_doc_field(d, "summary");
        if (!first)
            first = strdup(f);
        else
            ck_assert_str_eq(f, first);
        galley_doc_free(d);
    }
    free(first);
    close_test(t);
}
END_TEST

/* 2,000 sentences: bounded work (the first GSUM_MAX_CANDIDATES = 400
 * candidates are scored), a normal summary */
START_TEST(long_article)
{
    const galley_plugin *p = ALL[_i];
    size_t cap = 2000 * 80, o = 0;
    char *text = malloc(cap);
    for (int i = 0; i < 2000; i++)
        o += (size_t)snprintf(text + o, cap - o, "Sentence number %d talks about topic %d and item %d. ",
                              i, i % 17, i % 5);
    galley_doc *d = summarize(p, NULL, text);
    ck_assert_uint_eq(nspans(d), 3);
    size_t n = 0;
    const galley_span *sp = galley_doc_layer(d, "summary", &n);
    for (size_t i = 0; i < n; i++)
        ck_assert_uint_lt(sp[i].end, 400 * 60);
    check_consistent(d);
    galley_doc_free(d);
    free(text);
}
END_TEST

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    size_t got = fread(b, 1, (size_t)n, f);
    b[got] = '\0';
    fclose(f);
    return b;
}

/* the seed article: three complete sentences, none from the title, a
 * bracketed link or the footer, and no dateline */
START_TEST(seed_article)
{
    const galley_plugin *p = ALL[_i];
    char *text = read_file(GALLEY_SRCDIR "/examples/articles/seed/mattis-pakistan.txt");
    ck_assert_ptr_nonnull(text);
    galley_doc *d = summarize(p, (const char *[]){ "sentences=3", NULL }, text);
    size_t n = 0;
    const galley_span *sp = galley_doc_layer(d, "summary", &n);
    ck_assert_uint_eq(n, 3);
    const char *footer = strstr(text, "Read more :");
    ck_assert_ptr_nonnull(footer);
    const char *title_end = strchr(text, '\n');
    for (size_t i = 0; i < n; i++) {
        const char *s = text + sp[i].start, *e = text + sp[i].end;
        ck_assert_msg(s > title_end, "%s: the title entered the summary", p->name);
        ck_assert_msg(s < footer, "%s: a footer line entered the summary", p->name);
        ck_assert_msg(*s != '[' && memchr(s, '[', (size_t)(e - s)) == NULL,
                      "%s: a bracketed link entered the summary", p->name);
        ck_assert_msg(strncmp(s, "ISLAMABAD", 9) != 0, "%s: dateline kept", p->name);
        ck_assert_msg(*s >= 'A' && *s <= 'Z', "%s: sentence %zu starts mid-sentence: %.40s",
                      p->name, i, s);
        ck_assert_msg(e[-1] == '.' || e[-1] == '"' || e[-1] == '?' || e[-1] == '!',
                      "%s: sentence %zu is cut: ...%.20s", p->name, i, e - 20);
    }
    check_consistent(d);
    galley_doc_free(d);
    free(text);
}
END_TEST

START_TEST(captions_bylines_footers)
{
    const galley_plugin *p = ALL[_i];
    const char *text =
        "Council votes on budget\n\n"
        "By Jane Smith\n\n"
        "The mayor at the council meeting on Tuesday. Image: City Hall.\n\n"
        "LONDON (Reuters) - The city council approved a new budget for the coming year.\n\n"
        "The budget raises spending on schools and roads by ten percent.\n\n"
        "[Council budget explained in five charts]\n\n"
        "Opposition members said the plan relies on optimistic revenue forecasts.\n\n"
        "Read more:\n\n"
        "Council budget approved after long debate in the chamber.\n\n"
        "Source link\n";
    galley_doc *d = summarize(p, (const char *[]){ "sentences=5", NULL }, text);
    ck_assert_str_eq(galley_doc_field(d, "summary"),
        "The city council approved a new budget for the coming year. "
        "The budget raises spending on schools and roads by ten percent. "
        "Opposition members said the plan relies on optimistic revenue forecasts.");
    galley_doc_free(d);
}
END_TEST

/* an article whose fourth sentence repeats what the others say: the graph
 * methods pick it first, lead does not */
START_TEST(centrality_wins)
{
    const char *text =
        "Rain fell across the northern valley overnight. "
        "Farmers in the valley welcomed the rain after a dry summer. "
        "The price of wheat rose on the markets this week. "
        "Rain in the valley helped farmers and may lower the price of wheat this week. "
        "A new school opened in the town centre.";
    const char *o1[] = { "sentences=1", NULL };
    const char *want = "Rain in the valley helped farmers and may lower the price of wheat this week.";
    galley_doc *d = summarize(&textrank_LTX_galley_plugin, o1, text);
    ck_assert_str_eq(galley_doc_field(d, "summary"), want);
    galley_doc_free(d);
    d = summarize(&lexrank_LTX_galley_plugin, o1, text);
    ck_assert_str_eq(galley_doc_field(d, "summary"), want);
    galley_doc_free(d);
    d = summarize(&lead_LTX_galley_plugin, o1, text);
    ck_assert_str_eq(galley_doc_field(d, "summary"), "Rain fell across the northern valley overnight.");
    galley_doc_free(d);
}
END_TEST

START_TEST(redundancy_drops_duplicates)
{
    const char *text =
        "The bridge over the river will close for repairs in March. "
        "In March, the bridge over the river will close for repairs. "
        "Drivers should use the ring road while the work goes on. "
        "The repairs are expected to cost two million pounds.";
    galley_doc *d = summarize(&textrank_LTX_galley_plugin,
                              (const char *[]){ "sentences=2", "redundancy=1", NULL }, text);
    const char *f = galley_doc_field(d, "summary");
    ck_assert_msg(strstr(f, "in March.") == NULL || strstr(f, "In March,") == NULL,
                  "both near-duplicates chosen: %s", f);
    galley_doc_free(d);
    /* the default, whose lead prior wants both */
    d = summarize(&newsrank_LTX_galley_plugin, (const char *[]){ "sentences=2", NULL }, text);
    f = galley_doc_field(d, "summary");
    ck_assert_msg(strstr(f, "in March.") == NULL || strstr(f, "In March,") == NULL,
                  "newsrank: both near-duplicates chosen: %s", f);
    galley_doc_free(d);
}
END_TEST

/* the default scorer never puts a sentence that hangs on the one before it
 * ("But ...") in the summary without that one */
START_TEST(dangling_opener)
{
    const char *text =
        "Council cuts budget\n\n"
        "The city council met on Tuesday evening to discuss the annual budget. "
        "The mayor opened the meeting with a short speech about the weather in the valley. "
        "But the budget for schools and roads was cut by ten percent, and the schools "
        "budget and the roads budget will fall again next year, the council said. "
        "Parents said the schools budget cut would hurt schools and the roads budget cut "
        "would hurt roads. Drivers said the roads budget cut would hurt the roads budget "
        "more than the schools budget.\n";
    for (int k = 1; k <= 3; k++) {
        char opt[32];
        snprintf(opt, sizeof opt, "sentences=%d", k);
        galley_doc *d = summarize(&newsrank_LTX_galley_plugin, (const char *[]){ opt, NULL },
                                  text);
        const char *sum = galley_doc_field(d, "summary");
        ck_assert_ptr_nonnull(sum);
        ck_assert_msg(!strstr(sum, "But the budget") || strstr(sum, "The mayor opened"),
                      "k=%d: \"But\" without the sentence before it: %s", k, sum);
        galley_doc_free(d);
    }
}
END_TEST

/* a weights file that does not fit the scorer is refused with its line */
START_TEST(weights_errors)
{
    char path[] = "/tmp/galley-weights-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    fputs("# test\ngate 0.35\ngate_sentences 4\nbrief.lead 1\nbrief.nosuch 2\n", f);
    fclose(f);
    char opt[64], err[512] = "";
    snprintf(opt, sizeof opt, "weights=%s", path);
    galley_test *t = galley_test_open(&newsrank_LTX_galley_plugin,
                                      (const char *[]){ opt, NULL }, err, sizeof err);
    ck_assert_ptr_null(t);
    ck_assert_msg(strstr(err, ":5: unknown weight \"brief.nosuch\"") != NULL, "message: %s", err);
    f = fopen(path, "w");
    fputs("gate 0.35\ngate_sentences 4\nbrief.lead 1\n", f);
    fclose(f);
    t = galley_test_open(&newsrank_LTX_galley_plugin, (const char *[]){ opt, NULL },
                         err, sizeof err);
    ck_assert_ptr_null(t);
    ck_assert_msg(strstr(err, "no weight \"brief.bias\"") != NULL, "message: %s", err);
    remove(path);
    /* the formula needs no weights */
    t = galley_test_open(&newsrank_LTX_galley_plugin,
                         (const char *[]){ opt, "scorer=formula", NULL }, err, sizeof err);
    ck_assert_msg(t != NULL, "formula: %s", err);
    close_test(t);
}
END_TEST

START_TEST(idf_table)
{
    char path[] = "/tmp/galley-idf-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    fputs("#default\t5.0\nrain\t0.1\nvalley\t0.1\nwheat\t4.0\n", f);
    fclose(f);
    char opt[64];
    snprintf(opt, sizeof opt, "idf=%s", path);
    galley_doc *d = summarize(&textrank_LTX_galley_plugin, (const char *[]){ opt, NULL },
                              ARTICLE);
    ck_assert_uint_eq(nspans(d), 3);
    galley_doc_free(d);
    /* a bad line is reported with its file and line number */
    f = fopen(path, "w");
    fputs("rain\t0.5\nvalley\n", f);
    fclose(f);
    char err[512] = "";
    galley_test *t = galley_test_open(&textrank_LTX_galley_plugin,
                                      (const char *[]){ opt, NULL }, err, sizeof err);
    ck_assert_ptr_null(t);
    ck_assert_msg(strstr(err, ":2:") != NULL, "message: %s", err);
    remove(path);
    t = galley_test_open(&newsrank_LTX_galley_plugin, (const char *[]){ opt, NULL },
                         err, sizeof err);
    ck_assert_ptr_null(t);
    ck_assert_msg(strstr(err, path) != NULL, "message: %s", err);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("summarize");
    TCase *tc = tcase_create("plugins");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, lead_first_sentences);
    tcase_add_test(tc, title_field_is_skipped);
    tcase_add_test(tc, sentence_layer_labels);
    tcase_add_test(tc, caption_label_marks_paragraph);
    tcase_add_loop_test(tc, caption_phrase_in_prose, 0, NALL);
    tcase_add_test(tc, credit_after_agency_name);
    tcase_add_loop_test(tc, length_options, 0, NALL);
    tcase_add_loop_test(tc, length_options_conflict, 0, NALL);
    tcase_add_loop_test(tc, min_sentence_words, 0, NALL);
    tcase_add_loop_test(tc, empty_and_one_sentence, 0, NALL);
    tcase_add_loop_test(tc, deterministic, 0, NALL);
    tcase_add_loop_test(tc, long_article, 0, NALL);
    tcase_add_loop_test(tc, seed_article, 0, NALL);
    tcase_add_loop_test(tc, captions_bylines_footers, 0, NALL);
    tcase_add_test(tc, centrality_wins);
    tcase_add_test(tc, redundancy_drops_duplicates);
    tcase_add_test(tc, idf_table);
    tcase_add_test(tc, dangling_opener);
    tcase_add_test(tc, weights_errors);
    suite_add_tcase(s, tc);
    return ck_run(s);
}
