/* core/text_stopwords.c - the toolkit's English stopword set: function words
 * (articles, pronouns, auxiliaries, prepositions, conjunctions, contractions). */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

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

/* an open-addressing hash set over the table, built once per process.  A
 * key (at most STOP_MAX bytes) is read as two zero-padded 64-bit words:
 * hashing is two multiplications and a comparison two word compares, where
 * a byte hash and memcmp made the test 170 instructions (2 % of a default
 * run); a word of a length or an initial no entry has is out at once. */
typedef struct { uint64_t a, b; } stop_key;
static stop_key keys[NSTOP];
static uint8_t lens[NSTOP];        /* a NUL in a word must not match a shorter entry */
static uint16_t set[SET_SIZE];     /* index + 1 into keys; 0 = empty */
static uint32_t shapes[256];       /* initial byte -> bit n: an entry of n bytes */
static pthread_once_t set_once = PTHREAD_ONCE_INIT;

/* key[0..n) zero-padded to STOP_MAX bytes */
static stop_key pack(const char *key, size_t n)
{
    char pad[STOP_MAX] = { 0 };
    memcpy(pad, key, n);
    stop_key k;
    memcpy(&k.a, pad, 8);
    memcpy(&k.b, pad + 8, 8);
    return k;
}

static size_t slot_of(stop_key k)
{
    uint64_t h = k.a * 0x9E3779B97F4A7C15u ^ (k.b + 0x632BE59BD9B4E019u) * 0xC2B2AE3D27D4EB4Fu;
    return (size_t)(h >> 54) & (SET_SIZE - 1);
}

static void build_set(void)
{
    for (size_t k = 0; k < NSTOP; k++) {
        size_t n = strlen(stopwords[k]);
        keys[k] = pack(stopwords[k], n);
        lens[k] = (uint8_t)n;
        shapes[(unsigned char)stopwords[k][0]] |= 1u << n;
        size_t i = slot_of(keys[k]);
        while (set[i])
            i = (i + 1) & (SET_SIZE - 1);
        set[i] = (uint16_t)(k + 1);
    }
}

/* k: the packed key of n bytes starting with byte c */
static int in_keys(stop_key k, size_t n, unsigned char c)
{
    pthread_once(&set_once, build_set);
    if (!(shapes[c] & (1u << n)))
        return 0;
    for (size_t i = slot_of(k); set[i]; i = (i + 1) & (SET_SIZE - 1)) {
        size_t j = set[i] - 1u;
        if (keys[j].a == k.a && keys[j].b == k.b && lens[j] == n)
            return 1;
    }
    return 0;
}

/* key: case-folded, ASCII apostrophes, 0 < n <= STOP_MAX */
static int in_set(const char *key, size_t n)
{
    return n > 0 && in_keys(pack(key, n), n, (unsigned char)key[0]);
}

#define HIGH 0x8080808080808080u

/* A-Z to a-z in the eight ASCII bytes of x at once: bit 7 of a byte of
 * x + 0x3f is set from 'A' up, of x + 0x25 from '[' up (no carries out of
 * a byte below 0x80) */
static uint64_t lower8(uint64_t x)
{
    uint64_t upper = (x + 0x3f3f3f3f3f3f3f3fu) & ~(x + 0x2525252525252525u) & HIGH;
    return x | upper >> 2;
}

/* the common case: an ASCII word, folded eight bytes at a time; -1 if not
 * ASCII */
static int ascii_stopword(const char *w, size_t n)
{
    if (n > STOP_MAX) {
        /* a longer word whose first STOP_MAX bytes are ASCII folds to
         * more than STOP_MAX bytes whatever follows: no stopword */
        for (size_t i = 0; i < STOP_MAX; i++)
            if ((unsigned char)w[i] >= 0x80)
                return -1;
        return 0;
    }
    stop_key k = pack(w, n);
    if ((k.a | k.b) & HIGH)
        return -1;
    k.a = lower8(k.a);
    k.b = lower8(k.b);
    unsigned char c = (unsigned char)w[0];
    return in_keys(k, n, (unsigned char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c));
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
