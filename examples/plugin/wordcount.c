/* wordcount.c - an example galley EXTRACT plugin built out of tree: counts
 * the words of each document and estimates its reading time. */
#include <stdlib.h>

#include <galley/galley.h>

/* The option table: the core validates config values against it (type,
 * range) before open() runs, and `galley inspect wordcount` prints it. */
static const galley_option wc_options[] = {
    { GALLEY_OPT_INT, "words_per_minute", "230", 0, 50, 1000,
      "reading speed used for reading_minutes", NULL },
    { 0 }
};

typedef struct wc_state {
    long long words_per_minute;
} wc_state;

/* once per worker: read the (already validated) options into private state */
static galley_status wc_open(galley_stage *stage, void **state)
{
    wc_state *s = malloc(sizeof *s);
    if (!s)
        return galley_stage_fail(stage, "out of memory");
    s->words_per_minute = galley_opt_int(stage, "words_per_minute");
    *state = s;
    return GALLEY_OK;
}

static galley_status wc_process(void *state, galley_doc *doc)
{
    const wc_state *s = state;
    size_t len, words = 0;
    const char *text = galley_doc_text(doc, &len);
    galley_tokenizer tz;
    galley_token tok;

    galley_tok_init(&tz, text, len);
    while (galley_tok_next(&tz, &tok))
        if (tok.cls == GALLEY_TOK_WORD || tok.cls == GALLEY_TOK_NUMBER)
            words++;
    galley_doc_set_fieldf(doc, "words", "%zu", words);
    /* whole minutes, rounded up: a 10-word note still takes a minute */
    galley_doc_set_fieldf(doc, "reading_minutes", "%lld",
                          ((long long)words + s->words_per_minute - 1) / s->words_per_minute);
    return GALLEY_OK;
}

static galley_status wc_close(void *state)
{
    free(state);
    return GALLEY_OK;
}

GALLEY_PLUGIN(wordcount,
    .kind = GALLEY_EXTRACT,
    .summary = "counts words and estimates the reading time in minutes",
    .version = "1.0",
    .license = "MIT",
    .options = wc_options,
    .provides = "words reading_minutes",
    .open = wc_open, .process = wc_process, .close = wc_close);
