/* fuzz/config.c - the config loader on an arbitrary file: the input up to
 * its first NUL is the config, each further NUL-separated part a -o
 * STAGE.OPTION=VALUE override.  The bundled plugins are linked in and put
 * in a registry by hand (no dlopen), so every option table is reachable. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "../core/internal.h"

#define PLUGINS(X) X(dir) X(stdin) X(warc) X(http) X(html) X(text) X(sentences) \
    X(metadata) X(entities) X(keyphrases) X(quotes) X(lead) X(textrank) X(lexrank) \
    X(newsrank) X(jsonl) X(json) X(sqlite) X(markdown) X(html_digest) X(csv)
#define DECLARE(id) extern const galley_plugin id##_LTX_galley_plugin;
PLUGINS(DECLARE)
#define ENTRY(id) { #id, &id##_LTX_galley_plugin },
static const struct { const char *id; const galley_plugin *plugin; } builtin[] = {
    PLUGINS(ENTRY)
};
#define NBUILTIN (sizeof builtin / sizeof *builtin)

static galley_registry *registry(void)
{
    static galley_registry reg;
    static galley_module mods[NBUILTIN];
    if (reg.mods)
        return &reg;
    for (size_t i = 0; i < NBUILTIN; i++) {
        char err[512];
        if (galley__plugin_check(builtin[i].plugin, err, sizeof err) < 0)
            fuzz_abort("built-in plugin '%s' %s", builtin[i].id, err);
        mods[i].path = galley__xasprintf("(built in) %s", builtin[i].id);
        mods[i].id = galley__xstrdup(builtin[i].id);
        mods[i].plugin = builtin[i].plugin;
        mods[i].tried = 1;      /* loaded: the loader must not open a file */
    }
    reg.mods = mods;
    reg.nmods = NBUILTIN;
    /* the harness itself: a good config must load through this registry */
    static const char good[] = "stage \"fetch\" { plugin = \"dir\" dir { path = \".\" } }\n"
        "stage \"s\" { plugin = \"lead\" lead { sentences = 2 } }\n"
        "stage \"out\" { plugin = \"output/html\" }\n";
    galley_pipeline *p = galley__config_load(&reg, fuzz_scratch(good, sizeof good - 1),
                                             NULL, 0, stderr);
    if (!p || p->nstages != 3)
        fuzz_abort("the built-in registry does not load a good config");
    galley__pipeline_free(p);
    return &reg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *devnull;
    if (!devnull && !(devnull = fopen("/dev/null", "w")))
        fuzz_abort("cannot open /dev/null");
    const uint8_t *part[9];
    size_t len[9];
    size_t n = fuzz_split(data, size, part, len, 9);
    char *over[8];
    for (size_t i = 1; i < n; i++)
        over[i - 1] = galley__xstrndup((const char *)part[i], len[i]);
    const char *file = fuzz_scratch(part[0], len[0]);
    galley_pipeline *p = galley__config_load(registry(), file, (const char *const *)over,
                                             n - 1, devnull);
    if (p) {
        galley__config_print(p, devnull);
        galley__pipeline_free(p);
    }
    for (size_t i = 1; i < n; i++)
        free(over[i - 1]);
    return 0;
}
