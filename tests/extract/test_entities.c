/* tests/extract/test_entities.c - the entities plugin on the seed article
 * (people, places, organisations a reader expects) and on edge cases. */
#include <galley/galley.h>
#include <galley/testing.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "../ckhelp.h"

extern const galley_plugin entities_LTX_galley_plugin;

static galley_test *open_plugin(void)
{
    char err[512];
    static const char *opts[] = { "data=" GALLEY_SRCDIR "/conf/extract", NULL };
    galley_test *t = galley_test_open(&entities_LTX_galley_plugin, opts, err, sizeof err);
    ck_assert_msg(t != NULL, "open failed: %s", err);
    return t;
}

static void close_plugin(galley_test *t)
{
    char err[256];
    ck_assert_int_eq(galley_test_close(t, err, sizeof err), GALLEY_OK);
}

static int has_value(galley_doc *d, const char *key, const char *value)
{
    for (size_t i = 0; i < galley_doc_field_count(d, key); i++)
        if (!strcmp(galley_doc_field_value(d, key, i, NULL), value))
            return 1;
    return 0;
}

static galley_doc *run_text(galley_test *t, const char *text, size_t len)
{
    galley_doc *d = galley_doc_new();
    galley_doc_set_text(d, text, len);
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
    return d;
}

START_TEST(seed_article)
{
    size_t len;
    char *text = ck_slurp(SEED_ARTICLE, &len);
    galley_test *t = open_plugin();
    galley_doc *d = run_text(t, text, len);
    static const char *people[] = { "Jim Mattis", "Shahid Khaqan Abbasi", "Rex Tillerson", "Trump",
        "John Nicholson Jr.", "Mike Pompeo", "Syed Talat Hussain", "Joseph F. Dunford Jr.", NULL };
    static const char *places[] = { "Pakistan", "Afghanistan", "Kabul", "Kuwait", NULL };
    static const char *orgs[] = { "Pentagon", "CIA", "NATO", "Taliban", NULL };
    for (size_t i = 0; people[i]; i++)
        ck_assert_msg(has_value(d, "people", people[i]), "people lacks %s", people[i]);
    for (size_t i = 0; places[i]; i++)
        ck_assert_msg(has_value(d, "places", places[i]), "places lacks %s", places[i]);
    for (size_t i = 0; orgs[i]; i++)
        ck_assert_msg(has_value(d, "organizations", orgs[i]), "organizations lacks %s", orgs[i]);
    /* "Mattis" alone is linked to the full name, not listed apart */
    ck_assert(!has_value(d, "people", "Mattis"));
    ck_assert(!has_value(d, "people", "Pakistan"));
    /* one name per place: the dateline's ISLAMABAD and the short US */
    ck_assert(has_value(d, "places", "Islamabad"));
    ck_assert(!has_value(d, "places", "ISLAMABAD"));
    ck_assert(has_value(d, "places", "United States"));
    ck_assert(!has_value(d, "places", "US") && !has_value(d, "places", "U.S."));
    size_t n;
    const galley_span *sp = galley_doc_layer(d, "entity", &n);
    ck_assert_uint_gt(n, 20);
    for (size_t i = 0; i < n; i++) {
        ck_assert_uint_lt(sp[i].start, sp[i].end);
        ck_assert_uint_le(sp[i].end, len);
        ck_assert(sp[i].label != NULL);
    }
    galley_doc_free(d);
    close_plugin(t);
    free(text);
}
END_TEST

START_TEST(empty_text)
{
    galley_test *t = open_plugin();
    galley_doc *d = run_text(t, "", 0);
    size_t n;
    galley_doc_layer(d, "entity", &n);
    ck_assert_uint_eq(n, 0);
    ck_assert_uint_eq(galley_doc_field_count(d, "people"), 0);
    galley_doc_free(d);
    close_plugin(t);
}
END_TEST

START_TEST(no_capitals)
{
    static const char text[] = "the minister said on monday that the talks in kabul would go on. "
                               "nobody else spoke.";
    galley_test *t = open_plugin();
    galley_doc *d = run_text(t, text, sizeof text - 1);
    size_t n;
    galley_doc_layer(d, "entity", &n);
    ck_assert_uint_eq(n, 0);
    galley_doc_free(d);
    close_plugin(t);
}
END_TEST

START_TEST(all_capitals)
{
    static const char text[] = "THE MINISTER SAID ON MONDAY THAT THE TALKS WOULD GO ON. "
                               "EVERYONE AGREED THAT THE WEATHER WAS GOOD.";
    galley_test *t = open_plugin();
    galley_doc *d = run_text(t, text, sizeof text - 1);
    size_t n;
    const galley_span *sp = galley_doc_layer(d, "entity", &n);
    /* shouting is not naming: no common word becomes an entity */
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(0, "unexpected entity %.*s", (int)(sp[i].end - sp[i].start), text + sp[i].start);
    galley_doc_free(d);
    close_plugin(t);
}
END_TEST

START_TEST(long_sentence)
{
    /* 10,000 words, one sentence, names throughout: must finish and find them */
    static const char unit[] = "and then Maria Lopez of the World Health Organization met officials in Nairobi ";
    size_t ul = sizeof unit - 1, reps = 10000 / 13 + 1;
    char *text = malloc(ul * reps + 2);
    for (size_t i = 0; i < reps; i++)
        memcpy(text + i * ul, unit, ul);
    text[ul * reps] = '.';
    galley_test *t = open_plugin();
    galley_doc *d = run_text(t, text, ul * reps + 1);
    ck_assert(has_value(d, "people", "Maria Lopez"));
    ck_assert(has_value(d, "places", "Nairobi"));
    ck_assert(has_value(d, "organizations", "World Health Organization"));
    ck_assert_uint_eq(galley_doc_field_count(d, "people"), 1);
    galley_doc_free(d);
    close_plugin(t);
    free(text);
}
END_TEST

START_TEST(possessive_and_titles)
{
    static const char text[] = "Prime Minister Anna Berg spoke to reporters. Berg's plan was approved "
                               "by the Ministry of Finance in Oslo.";
    galley_test *t = open_plugin();
    galley_doc *d = run_text(t, text, sizeof text - 1);
    ck_assert(has_value(d, "people", "Anna Berg"));
    ck_assert(!has_value(d, "people", "Berg's"));
    ck_assert(!has_value(d, "people", "Berg"));
    ck_assert(has_value(d, "organizations", "Ministry of Finance"));
    ck_assert(has_value(d, "places", "Oslo"));
    galley_doc_free(d);
    close_plugin(t);
}
END_TEST

static const char *label_of(galley_doc *d, const char *text, const char *name)
{
    size_t n, len = strlen(name);
    const galley_span *sp = galley_doc_layer(d, "entity", &n);
    for (size_t i = 0; i < n; i++)
        if (sp[i].end - sp[i].start == len && !memcmp(text + sp[i].start, name, len))
            return sp[i].label;
    return NULL;
}

START_TEST(teams_and_countries)
{
    static const char sport[] = "Sweden defeated South Korea 1-0 in the group match on Monday. "
                                "The goal came from a penalty. Sweden now face Mexico.";
    static const char news[] = "Russia won the vote on Monday. Talks with Russia went on.";
    static const char back[] = "Sweden defeated South Korea 1-0 in the group match on Monday. The goal came from a "
                               "penalty. Fans celebrated in Sweden on Tuesday.";
    galley_test *t = open_plugin();
    galley_doc *d = run_text(t, sport, sizeof sport - 1);
    ck_assert_str_eq(label_of(d, sport, "Sweden"), "ORG");
    ck_assert_str_eq(label_of(d, sport, "South Korea"), "ORG");
    galley_doc_free(d);
    /* the team's country after "in" is the country */
    d = run_text(t, back, sizeof back - 1);
    size_t n, at = (size_t)(strstr(back, "in Sweden") - back) + 3;
    const galley_span *sp = galley_doc_layer(d, "entity", &n);
    const char *l = NULL;
    for (size_t i = 0; i < n; i++)
        if (sp[i].start == at)
            l = sp[i].label;
    ck_assert_msg(l && !strcmp(l, "LOC"), "'in Sweden' is %s", l ? l : "no entity");
    galley_doc_free(d);
    d = run_text(t, news, sizeof news - 1);
    ck_assert_str_eq(label_of(d, news, "Russia"), "LOC");
    ck_assert(has_value(d, "places", "Russia"));
    galley_doc_free(d);
    close_plugin(t);
}
END_TEST

START_TEST(dateline)
{
    /* an all-caps dateline names the whole place, not its last word */
    static const char text[] = "NEW YORK 1996-12-06\nShares of Barrick Gold rose on Friday, traders said.\n";
    galley_test *t = open_plugin();
    galley_doc *d = run_text(t, text, sizeof text - 1);
    const char *l = label_of(d, text, "NEW YORK");
    ck_assert_msg(l && !strcmp(l, "LOC"), "NEW YORK is %s", l ? l : "no entity");
    ck_assert(label_of(d, text, "YORK") == NULL);
    galley_doc_free(d);
    close_plugin(t);
}
END_TEST

START_TEST(title_outside_name)
{
    static const char text[] = "Defense Secretary Jim Mattis met Mr Abbasi in Islamabad on Monday.";
    galley_test *t = open_plugin();
    galley_doc *d = run_text(t, text, sizeof text - 1);
    const char *l = label_of(d, text, "Jim Mattis");
    ck_assert_msg(l && !strcmp(l, "PERSON"), "Jim Mattis is %s", l ? l : "no entity");
    size_t n;
    const galley_span *sp = galley_doc_layer(d, "entity", &n);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(strncmp(text + sp[i].start, "Defense", 7) && strncmp(text + sp[i].start, "Mr", 2),
                      "a title inside %.*s", (int)(sp[i].end - sp[i].start), text + sp[i].start);
    galley_doc_free(d);
    close_plugin(t);
}
END_TEST

START_TEST(news_conventions)
{
    /* a nationality is no place (MISC if anything), an unknown acronym in
     * news is an organisation, a title that is also a given name stays
     * out of the person's name */
    static const char text[] = "Kenyan officials met King Abdullah in Amman on Monday.\n"
                               "The FAO said the PFDJ had asked for food aid for the region.\n";
    galley_test *t = open_plugin();
    galley_doc *d = run_text(t, text, sizeof text - 1);
    const char *l = label_of(d, text, "Kenyan");
    ck_assert_msg(!l || !strcmp(l, "MISC"), "Kenyan is %s", l);
    ck_assert(!has_value(d, "places", "Kenyan"));
    l = label_of(d, text, "FAO");
    ck_assert_msg(l && !strcmp(l, "ORG"), "FAO is %s", l ? l : "no entity");
    ck_assert(has_value(d, "organizations", "PFDJ"));
    l = label_of(d, text, "Abdullah");
    ck_assert_msg(l && !strcmp(l, "PERSON"), "Abdullah is %s", l ? l : "no entity");
    ck_assert(label_of(d, text, "King Abdullah") == NULL);
    galley_doc_free(d);
    close_plugin(t);
}
END_TEST

START_TEST(span_rules)
{
    /* a place keeps its form of state and its unit, a person's name its
     * particle, an event is MISC, "BC" and a known acronym written like a
     * common word are what they are, an unknown word saying something is
     * a person */
    static const char text[] = "The Islamic Republic of Iran and the State of Qatar signed a deal in Fukushima Prefecture.\n"
                               "Crown Prince Mohammed bin Salman spoke on Monday. Isabel dos Santos left before the World Cup.\n"
                               "The WHO said the temple was built around 1900 BC by the Phoenicians.\n"
                               "\"It is over,\" Leive said.\n";
    static const char *const want[][2] = {
        { "Islamic Republic of Iran", "LOC" }, { "State of Qatar", "LOC" }, { "Fukushima Prefecture", "LOC" },
        { "Mohammed bin Salman", "PERSON" }, { "Isabel dos Santos", "PERSON" },
        { "WHO", "ORG" }, { "Leive", "PERSON" } };
    galley_test *t = open_plugin();
    galley_doc *d = run_text(t, text, sizeof text - 1);
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        const char *l = label_of(d, text, want[k][0]);
        ck_assert_msg(l && !strcmp(l, want[k][1]), "%s is %s, not %s", want[k][0], l ? l : "no entity", want[k][1]);
    }
    ck_assert(label_of(d, text, "BC") == NULL);
    const char *l = label_of(d, text, "Phoenicians");
    ck_assert_msg(!l || !strcmp(l, "MISC"), "Phoenicians is %s", l);
    l = label_of(d, text, "World Cup");
    ck_assert_msg(!l || !strcmp(l, "MISC"), "World Cup is %s", l);
    ck_assert(!has_value(d, "organizations", "World Cup"));
    galley_doc_free(d);
    close_plugin(t);
}
END_TEST

/* The entity of each text that must (or, "!KIND", must not) be of a kind:
 * the rules after the tagger, each with a text the tagger alone gets wrong. */
static const struct { const char *why, *text, *name, *kind; } name_cases[] = {
    { "a person's name holds no \"of\"", "Lawmakers Nathan Law of Demosisto and FTU's Kwok Wai-keung lost their seats.\n",
      "Nathan Law", "PERSON" },
    { "nor an owner before a possessive", "Lawmakers Nathan Law of Demosisto and FTU's Kwok Wai-keung lost their seats.\n",
      "Kwok Wai-keung", "PERSON" },
    { "a family name and a hyphenated given name are a person",
      "The other two drug lords, Park Wang-yul and Choi Jung-ok, confessed to the police.\n", "Park Wang-yul", "PERSON" },
    { "even where the tagger stopped at the family name",
      "The other two drug lords, Park Wang-yul and Choi Jung-ok, confessed to the police.\n", "Choi Jung-ok", "PERSON" },
    { "a dash written without spaces ends a name", "Cape Town-The court ruled on the case.\n", "Cape Town", "LOC" },
    { "a word after an article names no person",
      "The Schlei and the wetlands between the Danevirke and Husum had frozen solid.\n", "Danevirke", "!PERSON" },
    { "after \"to the\", \"in the\" it is a place", "Danish troops fell back to the Danevirke and dug in.\n",
      "Danevirke", "LOC" },
    { "unless it qualifies a noun", "After the election, the Monti government raised taxes.\n", "Monti", "PERSON" },
    { "a storm is no person", "Officials took the threat of Cyclone Phailin very seriously. The size of Phailin "
      "surprised everyone.\n", "Phailin", "!PERSON" },
    { "nor a plural whose singular the text writes", "The museum shows the Warhol Polaroids donated by the "
      "foundation. Each Polaroid was taken in his studio.\n", "Warhol Polaroids", "!PERSON" },
    { "an institution's name goes on after \"for\"", "Arostegui spoke at the Centre for Strategic and "
      "International Studies in Washington on Tuesday.\n", "Centre for Strategic and International Studies", "ORG" },
    { "but not into the place after it", "Arostegui spoke at the Centre for Strategic and International Studies in "
      "Washington on Tuesday.\n", "Washington", "LOC" },
    { "an unknown word joined to a place by \"and\" is a place", "Putin visited Kamchatka and Sakhalin in September.\n",
      "Sakhalin", "LOC" },
    { "an acronym in brackets names the words whose initials spell it", "The latest report from the "
      "Intergovernmental Panel on Climate Change (IPCC) says the risk grows.\n",
      "Intergovernmental Panel on Climate Change", "ORG" },
    { "over \"and\" too", "The plan was drawn up with the Food and Agricultural Organisation (FAO).\n",
      "Food and Agricultural Organisation", "ORG" },
    { "two places joined by a hyphen are two names", "Prices rose after the Russia-Ukraine war began.\n", "Russia", "LOC" },
    { "the second of them too", "Prices rose after the Russia-Ukraine war began.\n", "Ukraine", "LOC" },
    { "what a person is, before the given name, is not the name", "The film starred Scientologist Tom Cruise in "
      "the lead.\n", "Tom Cruise", "PERSON" },
    { "an epithet after \"the\" is part of a person's name", "The altar was painted by Lucas Cranach the Elder "
      "in 1520.\n", "Lucas Cranach the Elder", "PERSON" },
    { "so is a Jr. after a comma", "Robert Jones, Jr. spoke in Washington. Jones said it was time.\n",
      "Robert Jones, Jr.", "PERSON" },
    { "a ruler's title is no part of the name", "Tsar Alexander ordered the troops north.\n", "Alexander",
      "PERSON" },
    { "nor a people's name before it", "The engine was improved by Scotsman James Watt in 1769.\n",
      "James Watt", "PERSON" },
    { "one word of a bank's name is an organisation", "The loan came from Afreximbank, which said it would grow.\n",
      "Afreximbank", "ORG" },
    { "a place's adjective is no place", "Pair prank their way into North Korean golf tournament, read the "
      "headline.\n", "North Korean", "!LOC" },
    { "a name after a person's title is a person's", "On Saturday, Mr Albanese unveiled a draft question.\n",
      "Albanese", "PERSON" },
    { "a place the organisations list knows as a whole is the organisation", "The bill was debated in Parliament "
      "on Monday.\n", "Parliament", "ORG" },
    { "a plural whose singular names a people is no organisation", "Historians say the Slavs settled the "
      "valley in the sixth century.\n", "Slavs", "!ORG" },
    { "an organisation's name takes the suffix after it", "He then spent four years with BBC World Service "
      "radio in London.\n", "BBC World Service", "ORG" },
    { "and so does a place's name before one", "He wrote a column for New York Press for years.\n",
      "New York Press", "ORG" },
    { "and a place's name right before an organisation's", "She became a global ambassador for New York City "
      "Health and Hospitals Corporation in 2015.\n", "New York City Health and Hospitals Corporation", "ORG" },
    { "a sentence's full stop after a suffix written out is no part of the name", "Its money comes from "
      "Brightwater Holdings Corporation.\n", "Brightwater Holdings Corporation", "ORG" },
    { "an adjective in -an or -ic before a noun is no organisation", "He was visited by an Anglican minister "
      "from the embassy.\n", "Anglican", "!ORG" },
    { "so is an organisation's name followed by a place", "Luckily, someone in Sony Australia was keen on the "
      "idea.\n", "Sony Australia", "ORG" },
    { "a name ending in a word for a feature of the land or sea is a place", "Ships will pass through the "
      "planned Istanbul Canal.\n", "Istanbul Canal", "LOC" },
    { "and so is one ending in an administrative unit", "Tulcea lies in Odessa Oblast near the border.\n",
      "Odessa Oblast", "LOC" },
    { "a sentence's first word no list knows, before a verb of a life's story, is a person",
      "Lamarr accompanied her husband to business meetings.\n", "Lamarr", "PERSON" },
    { "or before any verb in -ed", "Abakumov ordered the arrest of the officers.\n", "Abakumov", "PERSON" },
    { "a common word too, named twice and never in lower case", "Blunt was named the face of the new "
      "fragrance. Blunt starred in a British comedy film.\n", "Blunt", "PERSON" },
    { "a name ending in a word for a treaty or an upheaval is the event", "Leaders met after the Kyoto "
      "Protocol expired.\n", "Kyoto Protocol", "MISC" },
    { "and so is one led by such a word and \"of\"", "Organisers hope it will one day rival the Carnival of "
      "Venice.\n", "Carnival of Venice", "MISC" },
    { "and a place just before such a word is part of the event's name", "Both countries signed the Paris "
      "Agreement in 2016.\n", "Paris Agreement", "MISC" },
    { "a town's name before a verb only a person does is a person", "In 1770, Cumberland married a young "
      "widow from the north. Cumberland later left for France.\n", "Cumberland", "PERSON" },
    { "a sea's adjective after \"the\" with no noun after it is the sea", "Traders sailed throughout the "
      "Mediterranean, founding outposts.\n", "Mediterranean", "LOC" },
    { "a name after \"label\", \"band\", \"company\" is an organisation", "He recorded for the label "
      "Motown.\n", "Motown", "ORG" },
    { "and after \"team\", \"charity\", \"network\"", "He played for the team Orlando.\n", "Orlando", "ORG" },
    { "after \"novel\", \"song\", \"film\" a work", "Critics praised the novel Dunmore Abbey last year.\n",
      "Dunmore Abbey", "MISC" },
    { "after \"starring\", \"actor\", \"singer\" a person", "The film, starring Cumberland, opened in May.\n",
      "Cumberland", "PERSON" },
    { "but not a common word named once", "Iron was smelted in the valley.\n", "Iron", "!PERSON" },
};

START_TEST(name_rules)
{
    galley_test *t = open_plugin();
    for (size_t k = 0; k < sizeof name_cases / sizeof *name_cases; k++) {
        const char *text = name_cases[k].text, *want = name_cases[k].kind;
        galley_doc *d = run_text(t, text, strlen(text));
        const char *l = label_of(d, text, name_cases[k].name);
        if (want[0] == '!')
            ck_assert_msg(!l || strcmp(l, want + 1), "%s: %s is %s", name_cases[k].why, name_cases[k].name, l);
        else
            ck_assert_msg(l && !strcmp(l, want), "%s: %s is %s, not %s", name_cases[k].why, name_cases[k].name,
                          l ? l : "no entity", want);
        galley_doc_free(d);
    }
    /* the kind a cue word gave a name holds for its other mentions */
    static const char cued[] = "The video, starring LaBeouf, was shot in Iceland. Critics called it one of "
                               "LaBeouf's best performances.\n";
    galley_doc *d = run_text(t, cued, sizeof cued - 1);
    ck_assert_msg(has_value(d, "people", "LaBeouf") && !has_value(d, "organizations", "LaBeouf"),
                  "LaBeouf after \"starring\" is a person in both mentions");
    galley_doc_free(d);
    close_plugin(t);
}
END_TEST

/* CPU seconds the plugin takes over the seed article repeated to n bytes */
static double cpu_for(galley_test *t, const char *unit, size_t ul, size_t n)
{
    char *text = malloc(n + 1);
    for (size_t i = 0; i < n; i += ul)
        memcpy(text + i, unit, i + ul <= n ? ul : n - i);
    while (n > 0 && (text[n - 1] & 0xc0) == 0x80)   /* no cut character at the end */
        n--;
    galley_doc *d = galley_doc_new();
    galley_doc_set_text(d, text, n);
    clock_t c0 = clock();
    ck_assert_int_eq(galley_test_process(t, d), GALLEY_OK);
    double s = (double)(clock() - c0) / CLOCKS_PER_SEC;
    galley_doc_free(d);
    free(text);
    return s;
}

START_TEST(linear_in_length)
{
    /* 8 times the text must cost about 8 times the work, not 64 times (the
     * rules' name linking once compared every name with every other) */
    size_t ul;
    char *unit = ck_slurp(SEED_ARTICLE, &ul);
    galley_test *t = open_plugin();
    cpu_for(t, unit, ul, 64 * 1024);    /* warm up */
    double small = cpu_for(t, unit, ul, 512 * 1024);
    double again = cpu_for(t, unit, ul, 512 * 1024);
    if (again < small)
        small = again;
    double large = cpu_for(t, unit, ul, 4096 * 1024);
    ck_assert_msg(large < 20 * small + 0.05, "0.5 MB: %.3f s of CPU, 4 MB: %.3f s (%.1f times)", small, large,
                  large / small);
    close_plugin(t);
    free(unit);
}
END_TEST

/* a data folder holding the lists and, as the tagger's weights, `model` */
static char *data_with_model(const char *model, size_t n)
{
    static char dir[] = "/tmp/galley-entities-XXXXXX";
    ck_assert(mkdtemp(dir) != NULL);
    static const char *const files[] = { "places.txt", "extra-places.txt", "given-names.txt",
        "extra-given-names.txt", "surnames.txt", "organizations.txt", "titles.txt", "title-modifiers.txt",
        "not-names.txt", "peoples.txt", "org-cues.txt", "place-cues.txt", NULL };
    char a[4096], b[4096];
    for (size_t i = 0; files[i]; i++) {
        snprintf(a, sizeof a, "%s/conf/extract/%s", GALLEY_SRCDIR, files[i]);
        snprintf(b, sizeof b, "%s/%s", dir, files[i]);
        ck_assert(symlink(a, b) == 0);
    }
    snprintf(b, sizeof b, "%s/entities-tagger.bin", dir);
    FILE *f = fopen(b, "wb");
    ck_assert(f && fwrite(model, 1, n, f) == n && fclose(f) == 0);
    return dir;
}

START_TEST(bad_weights)
{
    char err[1024], opt[4200];
    char *dir = data_with_model("GLYNER1", 7);
    snprintf(opt, sizeof opt, "data=%s", dir);
    const char *opts[] = { opt, NULL };
    galley_test *t = galley_test_open(&entities_LTX_galley_plugin, opts, err, sizeof err);
    ck_assert(t == NULL);
    ck_assert_msg(strstr(err, "entities-tagger.bin") && strstr(err, "not a weights file"), "message: %s", err);
    char cmd[4300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(bad_data_dir)
{
    char err[512];
    static const char *opts[] = { "data=/nonexistent/extract", NULL };
    galley_test *t = galley_test_open(&entities_LTX_galley_plugin, opts, err, sizeof err);
    ck_assert(t == NULL);
    ck_assert_msg(strstr(err, "/nonexistent/extract") != NULL, "message: %s", err);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("entities");
    TCase *tc = tcase_create("entities");
    tcase_add_test(tc, seed_article);
    tcase_add_test(tc, empty_text);
    tcase_add_test(tc, no_capitals);
    tcase_add_test(tc, all_capitals);
    tcase_add_test(tc, long_sentence);
    tcase_add_test(tc, possessive_and_titles);
    tcase_add_test(tc, teams_and_countries);
    tcase_add_test(tc, bad_data_dir);
    tcase_add_test(tc, dateline);
    tcase_add_test(tc, title_outside_name);
    tcase_add_test(tc, news_conventions);
    tcase_add_test(tc, span_rules);
    tcase_add_test(tc, name_rules);
    tcase_add_test(tc, bad_weights);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, linear_in_length);
    suite_add_tcase(s, tc);
    return ck_run(s);
}
