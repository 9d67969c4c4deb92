/* core/text_stopwords.c - the toolkit's English stopword set: function words
 * (articles, pronouns, auxiliaries, prepositions, conjunctions, contractions). */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include <galley/util.h>

#include "text_int.h"

/* the tests look words up from all over the table */
static const char *const stopwords[] = {
    "a", "about", "above", "across", "after", "afterwards", "again",
    "against", "ago", "all", "almost", "alone", "along", "already", "also",
    "although", "always", "am", "among", "amongst", "an", "and", "another",
    "any", "anybody", "anyhow", "anyone", "anything", "anyway", "anywhere",
    "are", "aren't", "around", "as", "at", "back", "be", "became", "because",
    "become", "becomes", "becoming", "been", "before", "beforehand", "behind",
    "being", "below", "beside", "besides", "between", "beyond", "both", "but",
    "by", "can", "can't", "cannot", "could", "couldn't", "did", "didn't",
    "do", "does", "doesn't", "doing", "don't", "done", "down", "during",
    "each", "either", "else", "elsewhere", "enough", "even", "ever", "every",
    "everybody", "everyone", "everything", "everywhere", "except", "few",
    "for", "former", "formerly", "from", "further", "had", "hadn't", "has",
    "hasn't", "have", "haven't", "having", "he", "he'd", "he'll", "he's",
    "hence", "her", "here", "here's", "hereafter", "hereby", "herein", "hers",
    "herself", "him", "himself", "his", "how", "how's", "however", "i", "i'd",
    "i'll", "i'm", "i've", "if", "in", "indeed", "instead", "into", "is",
    "isn't", "it", "it's", "its", "itself", "just", "last", "latter",
    "latterly", "least", "less", "let's", "like", "many", "may", "maybe",
    "me", "meanwhile", "might", "mine", "more", "moreover", "most", "mostly",
    "much", "must", "mustn't", "my", "myself", "namely", "neither", "never",
    "nevertheless", "next", "no", "nobody", "none", "noone", "nor", "not",
    "nothing", "now", "nowhere", "of", "off", "often", "on", "once", "one",
    "only", "onto", "or", "other", "others", "otherwise", "ought", "our",
    "ours", "ourselves", "out", "over", "own", "per", "perhaps", "rather",
    "same", "several", "shall", "shan't", "she", "she'd", "she'll", "she's",
    "should", "shouldn't", "since", "so", "some", "somehow", "someone",
    "something", "sometime", "sometimes", "somewhere", "still", "such",
    "than", "that", "that's", "the", "their", "theirs", "them", "themselves",
    "then", "thence", "there", "there's", "thereafter", "thereby",
    "therefore", "therein", "thereupon", "these", "they", "they'd", "they'll",
    "they're", "they've", "this", "those", "though", "through", "throughout",
    "thru", "thus", "to", "together", "too", "toward", "towards", "under",
    "until", "up", "upon", "us", "very", "via", "was", "wasn't", "we", "we'd",
    "we'll", "we're", "we've", "were", "weren't", "what", "what's",
    "whatever", "when", "when's", "whence", "whenever", "where", "where's",
    "whereafter", "whereas", "whereby", "wherein", "whereupon", "wherever",
    "whether", "which", "while", "whither", "who", "who's", "whoever",
    "whole", "whom", "whose", "why", "why's", "will", "with", "within",
    "without", "won't", "would", "wouldn't", "yet", "you", "you'd", "you'll",
    "you're", "you've", "your", "yours", "yourself", "yourselves",
};

#define NSTOP (sizeof stopwords / sizeof stopwords[0])
#define STOP_MAX 16     /* longer than any entry */
#define SET_SIZE 1024   /* power of two, > 3 * NSTOP: short probe runs */

/* an open-addressing hash set over the table, built once per process: the
 * test is one hash and (nearly always) one comparison, where a binary
 * search made nine string comparisons */
static uint16_t set[SET_SIZE];     /* index + 1 into stopwords; 0 = empty */
static uint8_t lens[NSTOP];
static pthread_once_t set_once = PTHREAD_ONCE_INIT;

static uint32_t word_hash(const char *w, size_t n)
{
    uint32_t h = galley_hash32(w, n);
    return h ^ (h >> 15);
}

static void build_set(void)
{
    for (size_t k = 0; k < NSTOP; k++) {
        size_t n = strlen(stopwords[k]);
        lens[k] = (uint8_t)n;
        size_t i = word_hash(stopwords[k], n) & (SET_SIZE - 1);
        while (set[i])
            i = (i + 1) & (SET_SIZE - 1);
        set[i] = (uint16_t)(k + 1);
    }
}

/* key: case-folded, ASCII apostrophes, n <= STOP_MAX */
static int in_set(const char *key, size_t n)
{
    pthread_once(&set_once, build_set);
    for (size_t i = word_hash(key, n) & (SET_SIZE - 1); set[i]; i = (i + 1) & (SET_SIZE - 1)) {
        size_t k = set[i] - 1u;
        if (lens[k] == n && memcmp(stopwords[k], key, n) == 0)
            return 1;
    }
    return 0;
}

/* the common case: an ASCII word, folded byte by byte; -1 if not ASCII */
static int ascii_stopword(const char *w, size_t n)
{
    char key[STOP_MAX];
    size_t m = n < STOP_MAX ? n : STOP_MAX;
    for (size_t i = 0; i < m; i++) {
        unsigned char b = (unsigned char)w[i];
        if (b >= 0x80)
            return -1;
        key[i] = (char)(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
    }
    /* a longer word whose first STOP_MAX bytes are ASCII folds to more
     * than STOP_MAX bytes whatever follows: no stopword */
    return n <= STOP_MAX && in_set(key, n);
}

int galley_is_stopword(const char *w, size_t n)
{
    if (n == 0 || n > 4 * STOP_MAX)
        return 0;
    int fast = ascii_stopword(w, n);
    if (fast >= 0)
        return fast;
    char buf[4 * STOP_MAX + 1];
    size_t len = galley_casefold(w, n, buf, sizeof buf);
    if (len >= sizeof buf)
        return 0;
    /* don’t (U+2019) reads as don't */
    char key[STOP_MAX + 1];
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        if (k >= STOP_MAX)
            return 0;
        if ((unsigned char)buf[i] == 0xE2 && i + 2 < len &&
            (unsigned char)buf[i + 1] == 0x80 && (unsigned char)buf[i + 2] == 0x99) {
            key[k++] = '\'';
            i += 2;
        } else {
            key[k++] = buf[i];
        }
    }
    return in_set(key, k);
}
