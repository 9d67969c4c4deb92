/* bench/extract-speed/drive.c - runs the entities and/or keyphrases plugins
 * (through galley/testing.h, one worker) over files; prints one JSON record
 * per file (id, text, entity layer, fields) and the throughput on stderr. */
#include <galley/galley.h>
#include <galley/testing.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

extern const galley_plugin entities_LTX_galley_plugin;
extern const galley_plugin keyphrases_LTX_galley_plugin;

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    *len = buf ? fread(buf, 1, (size_t)n, f) : 0;
    fclose(f);
    return buf;
}

static void print_record(galley_doc *d, const char *id, int quiet)
{
    if (quiet)
        return;
    size_t len, n;
    const char *text = galley_doc_text(d, &len);
    json_t *rec = json_object(), *ents = json_array(), *fields = json_object();
    json_object_set_new(rec, "id", json_string(id));
    json_object_set_new(rec, "text", json_stringn(text, len));
    const galley_span *sp = galley_doc_layer(d, "entity", &n);
    for (size_t i = 0; i < n; i++)
        json_array_append_new(ents, json_pack("{s:I,s:I,s:s,s:f}", "start", (json_int_t)sp[i].start,
                                              "end", (json_int_t)sp[i].end, "label", sp[i].label, "score", galley_has_score(sp[i].score) ? sp[i].score : 0.0));
    for (size_t k = 0; k < galley_doc_nkeys(d); k++) {
        const char *key = galley_doc_key(d, k);
        json_t *vals = json_array();
        for (size_t i = 0; i < galley_doc_field_count(d, key); i++) {
            double s;
            const char *v = galley_doc_field_value(d, key, i, &s);
            json_array_append_new(vals, json_pack("{s:s,s:f}", "value", v, "score",
                                                  galley_has_score(s) ? s : 0.0));
        }
        json_object_set_new(fields, key, vals);
    }
    json_object_set_new(rec, "layers", json_pack("{s:o}", "entity", ents));
    json_object_set_new(rec, "fields", fields);
    char *line = json_dumps(rec, JSON_COMPACT | JSON_ENSURE_ASCII);
    puts(line);
    free(line);
    json_decref(rec);
}

int main(int argc, char **argv)
{
    int ent = 0, kp = 0, quiet = 0, first = 1;
    const char *kpopt = NULL;
    for (; first < argc && argv[first][0] == '-'; first++) {
        if (!strcmp(argv[first], "--entities")) ent = 1;
        else if (!strcmp(argv[first], "--keyphrases")) kp = 1;
        else if (!strcmp(argv[first], "--quiet")) quiet = 1;
        else if (!strncmp(argv[first], "--kp=", 5)) kpopt = argv[first] + 5;
    }
    if (!ent && !kp) {
        fprintf(stderr, "usage: drive [--entities] [--keyphrases] [--kp=OPT=V] [--quiet] FILE...\n");
        return 2;
    }
    char err[512];
    const char *kpopts[] = { kpopt, NULL };
    galley_test *te = ent ? galley_test_open(&entities_LTX_galley_plugin, NULL, err, sizeof err) : NULL;
    galley_test *tk = kp ? galley_test_open(&keyphrases_LTX_galley_plugin, kpopts, err, sizeof err) : NULL;
    if ((ent && !te) || (kp && !tk)) {
        fprintf(stderr, "drive: %s\n", err);
        return 2;
    }
    struct timespec t0, t1;
    double busy = 0;
    size_t docs = 0;
    for (int i = first; i < argc; i++) {
        size_t len;
        char *buf = slurp(argv[i], &len);
        if (!buf || !galley_utf8_valid(buf, len, NULL)) {
            free(buf);
            continue;
        }
        galley_doc *d = galley_doc_new();
        galley_doc_set_text(d, buf, len);
        clock_gettime(CLOCK_MONOTONIC, &t0);
        if (te) galley_test_process(te, d);
        if (tk) galley_test_process(tk, d);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        busy += (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        docs++;
        print_record(d, argv[i], quiet);
        galley_doc_free(d);
        free(buf);
    }
    fprintf(stderr, "drive: %zu docs in %.3f s of extract time: %.0f docs/s\n", docs, busy,
            busy > 0 ? (double)docs / busy : 0.0);
    if (te) galley_test_close(te, err, sizeof err);
    if (tk) galley_test_close(tk, err, sizeof err);
    return 0;
}
