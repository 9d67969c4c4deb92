/* bench/aeb/html-driver.c - runs the clean `html` plugin alone over page files
 * and prints {"ID": {"articleBody": TEXT}} (ID = file name without .html), for
 * bench/aeb/run when the full galley pipeline is not available. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include <galley/galley.h>
#include <galley/testing.h>

extern const galley_plugin html_LTX_galley_plugin;

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0, r;
    do {
        if (n + 65536 > cap) {
            cap = cap ? cap * 2 : 1 << 20;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        r = fread(buf + n, 1, cap - n, f);
        n += r;
    } while (r > 0);
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    char err[512];
    /* HTML_DRIVER_DEBUG=1: the plugin's reasoning (candidates, drops) on stderr */
    if (getenv("HTML_DRIVER_DEBUG"))
        galley_log_set_level(GALLEY_LOG_DEBUG);
    galley_test *t = galley_test_open(&html_LTX_galley_plugin, NULL, err, sizeof err);
    if (!t) {
        fprintf(stderr, "html-driver: %s\n", err);
        return 2;
    }
    json_t *all = json_object();
    for (int i = 1; i < argc; i++) {
        size_t len;
        char *buf = slurp(argv[i], &len);
        if (!buf) {
            fprintf(stderr, "html-driver: cannot read %s\n", argv[i]);
            continue;
        }
        const char *base = strrchr(argv[i], '/');
        base = base ? base + 1 : argv[i];
        char id[512];
        snprintf(id, sizeof id, "%s", base);
        char *dot = strstr(id, ".html");
        if (dot)
            *dot = '\0';
        galley_doc *d = galley_doc_new();
        galley_doc_set_id(d, id);
        galley_doc_take_raw(d, buf, len);
        galley_doc_set_content_type(d, "text/html");
        const char *body = "";
        if (galley_test_process(t, d) == GALLEY_OK)
            body = galley_doc_text(d, NULL);
        else
            fprintf(stderr, "html-driver: %s: %s\n", id, galley_doc_error(d));
        json_object_set_new(all, id, json_pack("{s:s}", "articleBody", body));
        galley_doc_free(d);
    }
    galley_test_close(t, err, sizeof err);
    json_dumpf(all, stdout, JSON_INDENT(1));
    json_decref(all);
    return 0;
}
