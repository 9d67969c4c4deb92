/* tests/core/jsonl-get.c - test helper: checks that every line of a JSON
 * Lines stream is a JSON object and prints one key of each (strings raw,
 * other values as compact JSON), so shell tests read records without jq. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

static void print_value(json_t *v)
{
    if (!v) {
        puts("(missing)");
    } else if (json_is_string(v)) {
        fwrite(json_string_value(v), 1, json_string_length(v), stdout);
        putchar('\n');
    } else {
        char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
        puts(s ? s : "?");
        free(s);
    }
}

/* a.b.c walks objects; a.2 indexes arrays */
static json_t *walk(json_t *v, const char *path)
{
    char *copy = strdup(path), *save = NULL;
    for (char *k = strtok_r(copy, ".", &save); k && v; k = strtok_r(NULL, ".", &save)) {
        char *end;
        long i = strtol(k, &end, 10);
        v = json_is_array(v) && !*end ? json_array_get(v, (size_t)i) : json_object_get(v, k);
    }
    free(copy);
    return v;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: jsonl-get KEY[.SUB...] [FILE]   (- for none: validate only)\n");
        return 2;
    }
    FILE *f = argc == 3 ? fopen(argv[2], "r") : stdin;
    if (!f) {
        perror(argv[2]);
        return 2;
    }
    char *line = NULL;
    size_t cap = 0;
    long n = 0;
    int bad = 0;
    while (getline(&line, &cap, f) > 0) {
        n++;
        json_error_t e;
        json_t *o = json_loads(line, 0, &e);
        if (!json_is_object(o)) {
            fprintf(stderr, "line %ld: not a JSON object: %s\n", n, e.text);
            bad = 1;
        } else if (strcmp(argv[1], "-") != 0) {
            print_value(walk(o, argv[1]));
        }
        json_decref(o);
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return bad;
}
