/* bench/rouge/mkidf.c - builds an idf table for the summarizers' `idf`
 * option from a corpus: mkidf FILE... > idf.tsv (or -l LIST of paths).
 * Terms are normalised as the summarizers do (case folded, English
 * stopwords dropped, Porter stems; numbers kept as written); idf =
 * ln((N + 1) / (df + 0.5)), and "#default" is the idf of an unseen term. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <galley/galley.h>

/* adds each distinct term of one document to df */
static void add_doc(galley_counter *df, galley_counter *seen, galley_stemmer *st,
                    const char *text, size_t len)
{
    galley_tokenizer tz;
    galley_token tok;
    char buf[256];
    galley_counter_clear(seen);
    galley_tok_init(&tz, text, len);
    while (galley_tok_next(&tz, &tok)) {
        size_t n = tok.end - tok.start;
        if ((tok.cls != GALLEY_TOK_WORD && tok.cls != GALLEY_TOK_NUMBER)
            || (tok.cls == GALLEY_TOK_WORD && n < 2))
            continue;
        size_t fl = galley_casefold(text + tok.start, n, buf, sizeof buf);
        if (fl >= sizeof buf)
            continue;
        const char *term = buf;
        size_t tl = fl;
        if (tok.cls == GALLEY_TOK_WORD) {
            if (galley_is_stopword(buf, fl))
                continue;
            term = galley_stem(st, buf, fl, &tl);
            if (!term)
                continue;
        }
        if (galley_counter_find(seen, term, tl) != (size_t)-1)
            continue;
        galley_counter_add(seen, term, tl, 1);
        galley_counter_add(df, term, tl, 1);
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: mkidf FILE... > idf.tsv   |   mkidf -l LIST > idf.tsv\n");
        return 2;
    }
    galley_counter *df = galley_counter_new(), *seen = galley_counter_new();
    galley_stemmer *st = galley_stemmer_new("porter");
    if (!df || !seen || !st) {
        fprintf(stderr, "mkidf: no porter stemmer or no memory\n");
        return 2;
    }
    FILE *list = NULL;
    if (strcmp(argv[1], "-l") == 0 && argc == 3 && !(list = fopen(argv[2], "r"))) {
        perror(argv[2]);
        return 2;
    }
    size_t docs = 0;
    char line[4096];
    for (int i = 1;; i++) {
        const char *path;
        if (list) {
            if (!fgets(line, sizeof line, list))
                break;
            line[strcspn(line, "\n")] = '\0';
            char *tab = strrchr(line, '\t');
            path = tab ? tab + 1 : line;
        } else if (i < argc)
            path = argv[i];
        else
            break;
        size_t n;
        char *text = galley_read_file(path, &n);
        if (!text) {
            perror(path);
            continue;
        }
        add_doc(df, seen, st, text, n);
        free(text);
        docs++;
    }
    if (list)
        fclose(list);
    double N = (double)docs;
    printf("#default\t%.4f\n", log((N + 1) / 0.5));
    for (size_t i = 0; i < galley_counter_size(df); i++) {
        size_t kl;
        const char *k = galley_counter_key(df, i, &kl);
        printf("%.*s\t%.4f\n", (int)kl, k, log((N + 1) / (galley_counter_value(df, i) + 0.5)));
    }
    galley_counter_free(df);
    galley_counter_free(seen);
    galley_stemmer_free(st);
    fprintf(stderr, "mkidf: %zu documents\n", docs);
    return 0;
}
