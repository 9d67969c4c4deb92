/* core/text_stopwords.c - the toolkit's English stopword set: function words
 * (articles, pronouns, auxiliaries, prepositions, conjunctions, contractions). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "text_int.h"

/* sorted by bytes (strcmp order) for bsearch; the tests look words up
 * from all over the table */
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

static int cmp_word(const void *key, const void *elem)
{
    return strcmp((const char *)key, *(const char *const *)elem);
}

int galley_is_stopword(const char *w, size_t n)
{
    if (n == 0 || n > 4 * STOP_MAX)
        return 0;
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
    key[k] = '\0';
    return bsearch(key, stopwords, NSTOP, sizeof stopwords[0], cmp_word) != NULL;
}
