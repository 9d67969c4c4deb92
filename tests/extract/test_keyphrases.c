/* tests/extract/test_keyphrases.c - the keyphrases plugin: what a reader
 * expects on the seed article, grouping of word forms, options, edge cases. */
#include <galley/galley.h>
#include <galley/testing.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "../ckhelp.h"
/* built with the plugin's sources: its feature names and count */
#include "../../plugins/extract/keyphrases/keyphrases.h"

extern const galley_plugin keyphrases_LTX_galley_plugin;


static galley_test *open_with(const char *opt)
{
    char err[512];
    const char *opts[] = { "data=" GALLEY_SRCDIR "/conf/extract", opt, NULL };
    galley_test *t = galley_test_open(&keyphrases_LTX_galley_plugin, opts, err, sizeof err);
    ck_assert_msg(t != NULL, "open failed: %s", err);
    return t;
}

static void close_plugin(galley_test *t)
{
    char err[256];
    ck_assert_int_eq(galley_test_close(t, err, sizeof err), GALLEY_OK);
}

static galley_doc *run_text(galley_test *t, const char *text, size_t len)
{
    galley_doc *d = galley_doc_new();
    galley_doc_set_text(d, text, len);
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
    return d;
}

/* word (lower case) occurs in v, ignoring v's case (ASCII) */
static int contains(const char *v, const char *word)
{
    char low[512];
    size_t n = 0;
    for (; v[n] && n + 1 < sizeof low; n++)
        low[n] = (char)(v[n] >= 'A' && v[n] <= 'Z' ? v[n] + 32 : v[n]);
    low[n] = '\0';
    return strstr(low, word) != NULL;
}

/* index of the first keyword containing word (any case), or -1 */
static long rank_of(galley_doc *d, const char *word)
{
    for (size_t i = 0; i < galley_doc_field_count(d, "keyword"); i++)
        if (contains(galley_doc_field_value(d, "keyword", i, NULL), word))
            return (long)i;
    return -1;
}

START_TEST(seed_article)
{
    FILE *f = fopen(SEED_ARTICLE, "rb");
    ck_assert(f != NULL);
    static char text[65536];
    size_t len = fread(text, 1, sizeof text, f);
    fclose(f);
    galley_test *t = open_with(NULL);
    galley_doc *d = run_text(t, text, len);
    ck_assert_uint_eq(galley_doc_field_count(d, "keyword"), 10);
    long pk = rank_of(d, "pakistan"), ma = rank_of(d, "mattis");
    long mil = rank_of(d, "militant") >= 0 ? rank_of(d, "militant") : rank_of(d, "terror");
    ck_assert_msg(pk >= 0 && pk < 3, "Pakistan ranks %ld", pk);
    ck_assert_msg(ma >= 0 && ma < 5, "Mattis ranks %ld", ma);
    ck_assert_msg(mil >= 0 && mil < 8, "militants/terrorism ranks %ld", mil);
    /* key phrases, not only words: "Islamist militants" */
    size_t multi = 0;
    for (size_t i = 0; i < galley_doc_field_count(d, "keyword"); i++)
        multi += strchr(galley_doc_field_value(d, "keyword", i, NULL), ' ') != NULL;
    ck_assert_uint_ge(multi, 2);
    ck_assert_int_ge(rank_of(d, "islamist militants"), 0);
    /* the dateline's shouted ISLAMABAD is shown as a name, if at all */
    for (size_t i = 0; i < galley_doc_field_count(d, "keyword"); i++)
        ck_assert_str_ne(galley_doc_field_value(d, "keyword", i, NULL), "ISLAMABAD");
    /* footer boilerplate never makes it */
    ck_assert_int_eq(rank_of(d, "email"), -1);
    ck_assert_int_eq(rank_of(d, "reply"), -1);
    double prev = 2;
    for (size_t i = 0; i < 10; i++) {
        double s;
        const char *v = galley_doc_field_value(d, "keyword", i, &s);
        ck_assert(galley_has_score(s));
        ck_assert(s <= prev);
        prev = s;
        /* reads well: no stopword at either end */
        const char *sp = strrchr(v, ' ');
        const char *last = sp ? sp + 1 : v;
        ck_assert_msg(!galley_is_stopword(v, strcspn(v, " ")), "starts with a stopword: %s", v);
        ck_assert_msg(!galley_is_stopword(last, strlen(last)), "ends with a stopword: %s", v);
    }
    galley_doc_free(d);
    close_plugin(t);
}
END_TEST

START_TEST(word_forms_grouped)
{
    static const char text[] = "Drones flew over the valley. A drone crashed near the village. "
                               "The drones were grounded after the crash.";
    galley_test *t = open_with(NULL);
    galley_doc *d = run_text(t, text, sizeof text - 1);
    size_t hits = 0;
    for (size_t i = 0; i < galley_doc_field_count(d, "keyword"); i++) {
        const char *v = galley_doc_field_value(d, "keyword", i, NULL);
        hits += !strcasecmp(v, "drone") || !strcasecmp(v, "drones");
    }
    ck_assert_uint_eq(hits, 1);
    ck_assert_int_eq(rank_of(d, "drone"), 0);
    galley_doc_free(d);
    /* "menus" keeps its -s in Snowball; the word list groups it with "menu" */
    FILE *wl = fopen(EXTRACT_WORDLIST, "r");
    if (wl) {
        fclose(wl);
        static const char menus[] = "The menu changed. Diners read menus closely. Menus now list calories.";
        d = run_text(t, menus, sizeof menus - 1);
        hits = 0;
        for (size_t i = 0; i < galley_doc_field_count(d, "keyword"); i++) {
            const char *v = galley_doc_field_value(d, "keyword", i, NULL);
            hits += !strcasecmp(v, "menu") || !strcasecmp(v, "menus");
        }
        ck_assert_uint_eq(hits, 1);
        galley_doc_free(d);
    }
    close_plugin(t);
}
END_TEST

START_TEST(options_count_and_max_words)
{
    static const char text[] = "Solar panel prices fell. Solar panel makers cut jobs. "
                               "Cheap solar panel imports hurt local solar panel makers.";
    galley_test *t = open_with("count=2");
    galley_doc *d = run_text(t, text, sizeof text - 1);
    ck_assert_uint_eq(galley_doc_field_count(d, "keyword"), 2);
    galley_doc_free(d);
    close_plugin(t);
    t = open_with("max_words=1");
    d = run_text(t, text, sizeof text - 1);
    for (size_t i = 0; i < galley_doc_field_count(d, "keyword"); i++)
        ck_assert(strchr(galley_doc_field_value(d, "keyword", i, NULL), ' ') == NULL);
    galley_doc_free(d);
    close_plugin(t);
    t = open_with("max_words=3");
    d = run_text(t, text, sizeof text - 1);
    ck_assert_int_ge(rank_of(d, "solar panel"), 0);
    galley_doc_free(d);
    close_plugin(t);
}
END_TEST

START_TEST(edge_cases)
{
    galley_test *t = open_with(NULL);
    galley_doc *d = run_text(t, "", 0);
    ck_assert_uint_eq(galley_doc_field_count(d, "keyword"), 0);
    galley_doc_free(d);
    static const char stop[] = "It was what it was, and so it is.";
    d = run_text(t, stop, sizeof stop - 1);
    ck_assert_uint_eq(galley_doc_field_count(d, "keyword"), 0);
    galley_doc_free(d);
    static const char caps[] = "FLOODS HIT THE CITY. FLOODS CLOSED ROADS AND SCHOOLS.";
    d = run_text(t, caps, sizeof caps - 1);
    ck_assert_int_eq(rank_of(d, "flood"), 0);
    galley_doc_free(d);
    /* a 10,000-word single sentence */
    static const char unit[] = "river water levels rose while farmers moved cattle ";
    size_t ul = sizeof unit - 1, reps = 10000 / 8 + 1;
    char *big = malloc(ul * reps + 2);
    for (size_t i = 0; i < reps; i++)
        memcpy(big + i * ul, unit, ul);
    big[ul * reps] = '.';
    d = run_text(t, big, ul * reps + 1);
    /* few distinct phrases, none overlapping another */
    ck_assert_uint_ge(galley_doc_field_count(d, "keyword"), 3);
    ck_assert_int_ge(rank_of(d, "cattle"), 0);
    galley_doc_free(d);
    free(big);
    close_plugin(t);
}
END_TEST

static int has_keyword(galley_doc *d, const char *v)
{
    for (size_t i = 0; i < galley_doc_field_count(d, "keyword"); i++)
        if (!strcmp(galley_doc_field_value(d, "keyword", i, NULL), v))
            return 1;
    return 0;
}

START_TEST(names_stay_whole)
{
    static const char text[] = "A crane fell on Mecca's Grand Mosque. Pilgrims at the Grand Mosque "
                               "fled. Voters in New Zealand chose a flag. The flag of New Zealand "
                               "stays, said officials in New Zealand.";
    galley_test *t = open_with("count=20");
    galley_doc *d = run_text(t, text, sizeof text - 1);
    ck_assert(has_keyword(d, "New Zealand"));
    ck_assert(has_keyword(d, "Grand Mosque"));
    ck_assert(!has_keyword(d, "Zealand"));
    ck_assert(!has_keyword(d, "Grand"));
    ck_assert(!has_keyword(d, "Mecca's Grand"));
    ck_assert(!has_keyword(d, "Mecca's"));
    ck_assert(has_keyword(d, "flag"));      /* lower case as the article writes it */
    galley_doc_free(d);
    close_plugin(t);
}
END_TEST

/* a headline's name keeps all its capitals: "Lansdowne Road", not
 * "Lansdowne road", when the article never writes "road" in lower case */
START_TEST(headline_name_keeps_capitals)
{
    static const char text[] = "Crowds Fill Lansdowne Road Stands\nFans filled the old "
        "stadium for the final. The stadium was full an hour before the kick-off, and fans "
        "sang in the stands.";
    galley_test *t = open_with("count=20");
    galley_doc *d = run_text(t, text, sizeof text - 1);
    int found = 0;
    for (size_t i = 0; i < galley_doc_field_count(d, "keyword"); i++) {
        const char *v = galley_doc_field_value(d, "keyword", i, NULL);
        found |= strstr(v, "Lansdowne Road") != NULL;
        ck_assert_msg(!strstr(v, "Lansdowne road"), "a name half in lower case: %s", v);
    }
    ck_assert(found);
    galley_doc_free(d);
    close_plugin(t);
}
END_TEST

/* an abbreviation in capitals with periods keeps them ("D-N.Y.", not
 * "D-n.y."), while a shouted word of the word list is a name in title case
 * ("KABUL talks" -> "Kabul talks") */
START_TEST(abbreviation_keeps_capitals)
{
    static const char text[] = "KABUL talks\nSen. Chuck Schumer, D-N.Y., spoke on the talks. "
        "Rep. Peter King, R-N.Y., and Sen. Kirsten Gillibrand, D-N.Y., spoke too. Schumer, "
        "D-N.Y., said the talks in KABUL would go on.";
    galley_test *t = open_with("count=30");
    galley_doc *d = run_text(t, text, sizeof text - 1);
    ck_assert(has_keyword(d, "D-N.Y."));
    ck_assert(has_keyword(d, "Kabul talks"));
    for (size_t i = 0; i < galley_doc_field_count(d, "keyword"); i++) {
        const char *v = galley_doc_field_value(d, "keyword", i, NULL);
        ck_assert_msg(!strstr(v, "D-n.y.") && !strstr(v, "R-n.y."), "an abbreviation in lower "
                      "case: %s", v);
    }
    galley_doc_free(d);
    close_plugin(t);
}
END_TEST

/* at the start of a sentence the word list tells a common noun before a
 * name ("Economist | Colen Garrow") from a name's first word ("Rod
 * Eddington", not "rod Eddington") */
START_TEST(sentence_start_names)
{
    static const char text[] = "Airline chief faces fuel costs\nEconomist Colen Garrow "
        "expects lower fuel costs. Rod Eddington runs the airline. Analysts expect fuel "
        "costs to fall, and the airline agrees with Colen Garrow.";
    FILE *wl = fopen(EXTRACT_WORDLIST, "r");
    if (!wl)
        return;     /* without the word list both are read as names */
    fclose(wl);
    galley_test *t = open_with("count=20");
    galley_doc *d = run_text(t, text, sizeof text - 1);
    ck_assert(has_keyword(d, "Colen Garrow"));
    ck_assert(has_keyword(d, "Rod Eddington"));
    for (size_t i = 0; i < galley_doc_field_count(d, "keyword"); i++) {
        const char *v = galley_doc_field_value(d, "keyword", i, NULL);
        ck_assert_msg(!contains(v, "economist colen"), "a common noun joined to a name: %s", v);
    }
    galley_doc_free(d);
    close_plugin(t);
}
END_TEST

/* noun-phrase-like phrases: none ends in a past-tense verb or starts with
 * an adverb; a name seen only in the headline keeps its capital, a common
 * word there does not, an acronym stays in capitals */
START_TEST(phrase_shape_and_case)
{
    static const char text[] = "Storm Damage Hits Rajaratnam Farms\n\n"
        "Storms disrupted services across the region. Power services disrupted by storms "
        "left towns dark. Services disrupted again as storms returned, and crews worked "
        "highly efficient shifts. Highly efficient shifts kept power services going. "
        "NATO sent crews after storms hit NATO bases.";
    galley_test *t = open_with("count=40");
    galley_doc *d = run_text(t, text, sizeof text - 1);
    ck_assert_int_ge(rank_of(d, "storm"), 0);
    for (size_t i = 0; i < galley_doc_field_count(d, "keyword"); i++) {
        const char *v = galley_doc_field_value(d, "keyword", i, NULL);
        size_t n = strlen(v);
        if (strchr(v, ' ')) {
            ck_assert_msg(!(n > 2 && !strcmp(v + n - 2, "ed")), "ends with a verb: %s", v);
            ck_assert_msg(strncasecmp(v, "highly ", 7) != 0, "starts with an adverb: %s", v);
        }
    }
    FILE *wl = fopen(EXTRACT_WORDLIST, "r");
    if (wl) {   /* the word list tells the name from the common word */
        fclose(wl);
        /* "Farms" ends the headline's name; the word list knows "farms" */
        ck_assert(has_keyword(d, "Rajaratnam") || has_keyword(d, "Rajaratnam Farms") ||
                  has_keyword(d, "Rajaratnam farms"));
        ck_assert_int_ge(rank_of(d, "damage"), 0);
        for (size_t i = 0; i < galley_doc_field_count(d, "keyword"); i++)
            ck_assert(strstr(galley_doc_field_value(d, "keyword", i, NULL), "Damage") == NULL);
        ck_assert_int_ge(rank_of(d, "nato"), 0);    /* an acronym stays in capitals */
        for (size_t i = 0; i < galley_doc_field_count(d, "keyword"); i++)
            ck_assert(strstr(galley_doc_field_value(d, "keyword", i, NULL), "Nato") == NULL);
    }
    galley_doc_free(d);
    close_plugin(t);
}
END_TEST

/* noun phrases: a verb after a noun ends the phrase, adjectives only lead
 * one, and of two overlapping phrases only the better one is listed */
START_TEST(noun_phrases_no_overlap)
{
    static const char text[] = "The stock market crash shook investors. Analysts said the stock "
        "market crash was the worst in years. The market recovered slowly; the stock market "
        "crash report blames margin debt. The report exhibits new data, and the bus exhibits "
        "strange behaviour.";
    galley_test *t = open_with("count=20");
    galley_doc *d = run_text(t, text, sizeof text - 1);
    ck_assert_int_ge(rank_of(d, "stock market crash"), 0);
    ck_assert_int_le(rank_of(d, "stock market crash"), 1);
    for (size_t i = 0; i < galley_doc_field_count(d, "keyword"); i++) {
        const char *v = galley_doc_field_value(d, "keyword", i, NULL);
        ck_assert_msg(strcmp(v, "market") && strcmp(v, "stock market") && strcmp(v, "crash"),
                      "overlaps stock market crash: %s", v);
        ck_assert_msg(!strstr(v, "exhibits"), "a verb in a phrase: %s", v);
        size_t n = strlen(v);
        ck_assert_msg(n < 7 || strcmp(v + n - 7, "strange"), "ends with an adjective: %s", v);
    }
    galley_doc_free(d);
    close_plugin(t);
}
END_TEST

/* phrases in context, one text a case: each `want` is inside some keyword
 * (any case), no keyword equals a `never` (any case) or contains a
 * `never_in` */
static const struct context_case {
    const char *text;
    const char *want[5], *never[3], *never_in[4];
} context_cases[] = {
    /* an abstract: an -ing form after an adjective or an article
     * ("pervasive computing", "the tracking algorithm"), a noun-or-verb
     * that ends a phrase ("IP addresses"), a name after an adjective
     * ("finite Galois field"), a participle after "the"; "method" and
     * "results" never alone; "present" after "we" is a verb */
    { "Service discovery for pervasive computing environments\n"
      "We present a method for service discovery in mobile and pervasive computing "
      "environments. The tracking algorithm keeps IP addresses of services in a finite "
      "Galois field table. Results show that the filtered address lists shrink. Our method "
      "is faster than previous methods, and the results hold for large networks.",
      { "pervasive computing", "ip addresses", "finite galois field", "filtered address" },
      { "method", "results" }, { "present" } },
    /* news: an amount is no key word ("639m", "1bn"), a lower-case noun
     * before "the" is a verb ("the club left the race") */
    { "The motorsport club left the race series in March. Motorsport club profits rose "
      "to 639m, and the club paid 1bn for new motorsport tracks. The motorsport club "
      "tracks cost more than the 1990s tracks.",
      { "motorsport club" }, { NULL }, { "639m", "1bn", "1990s", " left" } },
    /* names joined by an en dash are one word ("Navier\u2013Stokes"), and
     * "time" stands in a phrase ("real time") though never alone */
    { "Solvers for the Navier\u2013Stokes equations\n"
      "We solve the Navier\u2013Stokes equations by a Levenberg\u2013Marquardt scheme. "
      "Navier\u2013Stokes equations describe viscous flow, and the real time solver needs "
      "little memory. The real time solver runs on small boards for a long time.",
      { "navier\u2013stokes equations", "real time" }, { "stokes equations", "stokes",
      "time" }, { NULL } },
    /* the -ing form of a verb after an article names a thing ("a
     * refinancing deal"), not with its object ("boosting hopes") */
    { "Harbour lender agrees debt deal\nThe lender agreed a refinancing deal with its "
      "creditors on Monday, boosting hopes of a recovery. The refinancing deal runs to "
      "2030, and analysts said the refinancing deal was boosting hopes across the region.",
      { "refinancing deal" }, { NULL }, { "boosting" } },
    /* no verb follows an article: "the spin state" ("spin" is mostly a
     * verb) */
    { "Electron spin in quantum dots\nWe measure the spin state of one electron. The "
      "spin state lives long, and the spin state decays slowly in quantum dots.",
      { "spin state" }, { NULL }, { NULL } },
    /* a word that says how or which, not what, never starts a phrase
     * ("different approach", "the proposed solver"), though it may sit
     * inside one and a noun after it still stands ("solver") */
    { "Sparse solvers for heat flow\nWe compare a different approach with the proposed "
      "sparse solver. The proposed sparse solver and various sparse solvers handle heat "
      "flow; the different approach fails for heat flow in four cases.",
      { "sparse solver", "heat flow" }, { NULL }, { "different", "proposed", "various",
      "four" } },
    /* a lower-case word before a name describes it, it is not part of it
     * ("the elusive Malick"; "finite Galois field" above stays whole) */
    { "Director returns to Texas\nThe elusive Malick filmed in Texas again. Critics "
      "praised the elusive Malick, and the elusive Malick thanked the Texas crew.",
      { "malick" }, { NULL }, { "elusive" } },
    /* the rest of an amount written with a hyphen is part of the amount,
     * no word: "37-year-old actor" is "actor", never "year-old actor";
     * "12-megapixel camera" is "camera" */
    { "Actor buys camera\nThe 37-year-old actor bought a 12-megapixel camera. The actor "
      "said the 12-megapixel camera suits the 37-year-old actor, and the camera shop agreed.",
      { "actor", "camera" }, { NULL }, { "year-old", "megapixel" } },
    /* a title never joins the name after it: "Mr Eddington" is "Eddington" */
    { "Airline cuts fuel costs\nThe airline chief Mr Eddington cut fuel costs. Analysts "
      "backed Mr Eddington, and Dr Hedman praised the fuel costs plan of Mr Eddington.",
      { "eddington", "fuel costs" }, { NULL }, { "mr ", "dr " } },
};

START_TEST(phrases_in_context)
{
    const struct context_case *c = &context_cases[_i];
    galley_test *t = open_with("count=20");
    galley_doc *d = run_text(t, c->text, strlen(c->text));
    for (size_t k = 0; k < 5 && c->want[k]; k++)
        ck_assert_msg(rank_of(d, c->want[k]) >= 0, "case %d: no keyword has '%s'", _i,
                      c->want[k]);
    for (size_t i = 0; i < galley_doc_field_count(d, "keyword"); i++) {
        const char *v = galley_doc_field_value(d, "keyword", i, NULL);
        for (size_t k = 0; k < 3 && c->never[k]; k++)
            ck_assert_msg(strcasecmp(v, c->never[k]), "case %d: not a key phrase: %s", _i, v);
        for (size_t k = 0; k < 4 && c->never_in[k]; k++)
            ck_assert_msg(!contains(v, c->never_in[k]), "case %d: not a key phrase: %s", _i, v);
    }
    galley_doc_free(d);
    close_plugin(t);
}
END_TEST

START_TEST(unknown_language)
{
    char err[512];
    const char *opts[] = { "language=klingon", NULL };
    galley_test *t = galley_test_open(&keyphrases_LTX_galley_plugin, opts, err, sizeof err);
    ck_assert(t == NULL);
    ck_assert_msg(strstr(err, "klingon") != NULL, "message: %s", err);
}
END_TEST

/* a data folder: the shipped tables, and a weights file with `weights` */
static void data_with_weights(char *dir, const char *weights)
{
    static const char *const tables[] = { "keyphrase-stopwords.txt", "keyphrase-generic.txt",
                                          "keyphrase-modifiers.txt", "keyphrase-df.txt",
                                          "keyphrase-pos.txt" };
    char path[1024], src[1024];
    ck_assert(mkdtemp(dir) != NULL);
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, tables[i]);
        snprintf(src, sizeof src, "%s/conf/extract/%s", GALLEY_SRCDIR, tables[i]);
        ck_assert_int_eq(symlink(src, path), 0);
    }
    snprintf(path, sizeof path, "%s/keyphrase-weights.txt", dir);
    FILE *f = fopen(path, "w");
    ck_assert(f != NULL);
    fputs(weights, f);
    fclose(f);
}

static void remove_data(const char *dir)
{
    static const char *const files[] = { "keyphrase-stopwords.txt", "keyphrase-generic.txt",
                                         "keyphrase-modifiers.txt", "keyphrase-df.txt",
                                         "keyphrase-pos.txt", "keyphrase-weights.txt",
                                         "features.tsv" };
    char path[1024];
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
}

/* a weights file that does not match the features is refused at start,
 * with the file, the line or the missing feature, and the fix */
START_TEST(weights_file_checked)
{
    static const char *const bad[] = { "hand\t1\nlog_count\t0\n",
                                       "# comment\nhand\t1\nno_such_feature\t2\n",
                                       "hand\t1\nhand\t2\n" };
    static const char *const says[] = { "no weight for the feature 'alone'",
                                        "keyphrase-weights.txt:3:", "keyphrase-weights.txt:2:" };
    for (size_t i = 0; i < 3; i++) {
        char dir[] = "/tmp/galley-kpw-XXXXXX", opt[64], err[1024];
        data_with_weights(dir, bad[i]);
        snprintf(opt, sizeof opt, "data=%s", dir);
        const char *opts[] = { opt, NULL };
        galley_test *t = galley_test_open(&keyphrases_LTX_galley_plugin, opts, err, sizeof err);
        ck_assert(t == NULL);
        ck_assert_msg(strstr(err, says[i]) && strstr(err, "bench/keyphrases/train.sh"),
                      "message: %s", err);
        remove_data(dir);
    }
}
END_TEST

/* the 'features' option writes one line a candidate (id, phrase, one
 * number a feature), and the weights decide the order: with every weight
 * on a late first occurrence, the phrase said last leads (the hand score
 * would put the title's or "river" first) */
START_TEST(features_and_weights)
{
    char dir[] = "/tmp/galley-kpf-XXXXXX", opt[2][1100], err[1024];
    const char *names[] = { "hand", "log_count", "alone", "first_rel", "first0" };
    static const char text[] = "Harbour cranes\nThe river flooded the old town. The river "
        "was high again, and the river stayed high. Roads closed.";
    char w[4096] = "";
    size_t n = 0;
    for (size_t i = 0; i < KP_NFEAT; i++)
        n += (size_t)snprintf(w + n, sizeof w - n, "%s\t%d\n",
                              i < 5 ? names[i] : kp_feature_name(i), i == 3 ? 5 : 0);
    data_with_weights(dir, w);
    snprintf(opt[0], sizeof opt[0], "data=%s", dir);
    snprintf(opt[1], sizeof opt[1], "features=%s/features.tsv", dir);
    const char *opts[] = { opt[0], opt[1], NULL };
    galley_test *t = galley_test_open(&keyphrases_LTX_galley_plugin, opts, err, sizeof err);
    ck_assert_msg(t != NULL, "open failed: %s", err);
    galley_doc *d = galley_doc_new();
    galley_doc_set_id(d, "doc-7");
    galley_doc_set_text(d, text, sizeof text - 1);
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
    ck_assert_str_eq(galley_doc_field_value(d, "keyword", 0, NULL), "roads");
    galley_doc_free(d);
    close_plugin(t);
    char path[1100], line[4096];
    snprintf(path, sizeof path, "%s/features.tsv", dir);
    FILE *f = fopen(path, "r");
    ck_assert(f != NULL);
    size_t lines = 0;
    while (fgets(line, sizeof line, f)) {
        size_t tabs = 0;
        for (char *p = line; *p; p++)
            tabs += *p == '\t';
        ck_assert_msg(!strncmp(line, "doc-7\t", 6) && tabs == KP_NFEAT + 1, "line: %s", line);
        lines++;
    }
    fclose(f);
    ck_assert_uint_ge(lines, 3);
    remove_data(dir);
}
END_TEST

/* a relational adjective ("nuclear") says what kind of thing the noun is,
 * an evaluative one ("popular") how it is: with all the weight on the
 * feature that tells them apart, the phrase led by "nuclear" leads though
 * said second */
START_TEST(relational_adjective_feature)
{
    char dir[] = "/tmp/galley-kpr-XXXXXX", opt[1100], err[1024], w[4096] = "";
    static const char text[] = "Reactor designs compared\nPopular reactors are cheap, and "
        "nuclear reactors are safe. We saw popular reactors and nuclear reactors.";
    size_t n = 0;
    for (size_t i = 0; i < KP_NFEAT; i++)
        n += (size_t)snprintf(w + n, sizeof w - n, "%s\t%d\n", kp_feature_name(i),
                              !strcmp(kp_feature_name(i), "relational_first"));
    data_with_weights(dir, w);
    snprintf(opt, sizeof opt, "data=%s", dir);
    const char *opts[] = { opt, NULL };
    galley_test *t = galley_test_open(&keyphrases_LTX_galley_plugin, opts, err, sizeof err);
    ck_assert_msg(t != NULL, "open failed: %s", err);
    galley_doc *d = run_text(t, text, sizeof text - 1);
    ck_assert_str_eq(galley_doc_field_value(d, "keyword", 0, NULL), "nuclear reactors");
    ck_assert_int_ge(rank_of(d, "popular reactors"), 1);
    galley_doc_free(d);
    close_plugin(t);
    remove_data(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("keyphrases");
    TCase *tc = tcase_create("keyphrases");
    tcase_add_test(tc, seed_article);
    tcase_add_test(tc, word_forms_grouped);
    tcase_add_test(tc, options_count_and_max_words);
    tcase_add_test(tc, edge_cases);
    tcase_add_test(tc, names_stay_whole);
    tcase_add_test(tc, headline_name_keeps_capitals);
    tcase_add_test(tc, abbreviation_keeps_capitals);
    tcase_add_test(tc, sentence_start_names);
    tcase_add_test(tc, phrase_shape_and_case);
    tcase_add_test(tc, noun_phrases_no_overlap);
    tcase_add_loop_test(tc, phrases_in_context, 0,
                        (int)(sizeof context_cases / sizeof *context_cases));
    tcase_add_test(tc, unknown_language);
    tcase_add_test(tc, weights_file_checked);
    tcase_add_test(tc, features_and_weights);
    tcase_add_test(tc, relational_adjective_feature);
    suite_add_tcase(s, tc);
    return ck_run(s);
}
