/* plugins/extract/quotes.c - the `quotes` extract plugin: quotations in
 * straight or curly double quotes as a `quote` layer, labelled with the
 * speaker when the text names one ("said General John Nicholson Jr.",
 * "Mattis told them", "Abbasi said", "officials said", "he said"). */
#include <stdlib.h>
#include <string.h>

#include <galley/galley.h>

#define MAX_NAME_WORDS 6
#define LOOK_BACK 80        /* tokens searched for a speaker before a quote */

typedef struct quote_state {
    long long min_words;    /* shorter quotations are left out */
    int speakers;           /* look for speakers */
} quote_state;

static const galley_option quote_options[] = {
    { GALLEY_OPT_INT, "min_words", "1", 0, 1, 1000,
      "leave out quotations of fewer words (scare quotes are one or two)", NULL },
    { GALLEY_OPT_BOOL, "speakers", "true", 0, 0, 0,
      "label each quotation with its speaker when the text names one", NULL },
    { 0 }
};

static galley_status quote_open(galley_stage *st, void **state)
{
    quote_state *s = calloc(1, sizeof *s);
    if (!s)
        return galley_stage_fail(st, "out of memory");
    s->min_words = galley_opt_int(st, "min_words");
    s->speakers = galley_opt_bool(st, "speakers");
    *state = s;
    return GALLEY_OK;
}

static galley_status quote_close(void *state)
{
    free(state);
    return GALLEY_OK;
}

/* ---- the document as tokens and sentences ---- */

typedef struct tokens {
    const char *text;
    size_t len;
    const galley_token *t;
    size_t n;
} tokens;

/* the toolkit's token layer: computed once per document, shared with the
 * other stages that read tokens */
static void tokenize(galley_doc *doc, const char *text, size_t len, tokens *tk)
{
    tk->text = text;
    tk->len = len;
    tk->t = galley_doc_tokens(doc, &tk->n);
}

static int tok_is(const tokens *tk, size_t i, const char *w)
{
    size_t n = tk->t[i].end - tk->t[i].start;
    return w[0] == tk->text[tk->t[i].start] && strlen(w) == n &&
           strncmp(tk->text + tk->t[i].start, w, n) == 0;
}

static int tok_in(const tokens *tk, size_t i, const char *const *list)
{
    for (size_t k = 0; list[k]; k++)
        if (tok_is(tk, i, list[k]))
            return 1;
    return 0;
}

/* first token at or after byte offset pos */
static size_t tok_at(const tokens *tk, size_t pos)
{
    size_t lo = 0, hi = tk->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (tk->t[mid].start < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* ---- speakers ---- */

static const char *const speech_verbs[] = {
    "said", "says", "say", "told", "tells", "added", "adds", "asked", "asks",
    "stated", "states", "wrote", "writes", "explained", "explains", "noted",
    "notes", "argued", "argues", "claimed", "claims", "insisted", "insists",
    "warned", "warns", "declared", "announced", "replied", "continued",
    "commented", "remarked", "emphasized", "emphasised", "stressed", "urged",
    "recalled", "acknowledged", "admitted", "suggested", "tweeted", "posted",
    "testified", "concluded", "observed", "affirmed", "responded", "answered",
    "exclaimed", "shouted", "promised", "predicted", "conceded", "described",
    "called", "dubbed", "reported", "reports", NULL
};
/* the subject of a participle is the sentence's: "Abbasi was ..., saying" */
static const char *const participles[] = {
    "saying", "adding", "telling", "insisting", "affirming", "noting",
    "explaining", "arguing", "warning", "claiming", "stating", "writing",
    "calling", "describing", NULL
};
/* words between a subject and its verb: "Mattis also said", "has said" */
static const char *const between[] = {
    "also", "later", "then", "further", "previously", "again", "recently",
    "repeatedly", "once", "has", "had", "have", "was", "is", "reportedly",
    "publicly", "earlier", "had", "would", "will", "could", "just", "simply",
    "only", "even", NULL
};
static const char *const singular_pronouns[] = { "he", "she", "He", "She", NULL };
static const char *const plural_pronouns[] = { "they", "They", NULL };
/* words that stop a name phrase walking left even though capitalised */
static const char *const not_names[] = {
    "But", "And", "In", "On", "At", "The", "A", "An", "As", "While", "When",
    "However", "Meanwhile", "Instead", "Also", "Then", "So", "Yet", "Still", NULL
};

/* small words inside names: "Globe and Mail", "Bank of England" */
static const char *const connectors[] = { "of", "and", "the", "The", "de", "for", NULL };

typedef struct span { size_t start, end; } span;

/* "Jr", "Sr" and initials ("F") keep the period after them */
static size_t name_end(const tokens *tk, size_t i)
{
    size_t e = tk->t[i].end, n = e - tk->t[i].start;
    const char *w = tk->text + tk->t[i].start;
    if (e < tk->len && tk->text[e] == '.' &&
        ((n == 2 && (strncmp(w, "Jr", 2) == 0 || strncmp(w, "Sr", 2) == 0)) ||
         (n == 1 && w[0] >= 'A' && w[0] <= 'Z')))
        e++;
    return e;
}

static int is_word(const tokens *tk, size_t i)
{
    return tk->t[i].cls == GALLEY_TOK_WORD;
}

static int is_cap(const tokens *tk, size_t i)
{
    return is_word(tk, i) && (tk->t[i].flags & GALLEY_TOK_CAPITALIZED);
}

static int is_stop(const tokens *tk, size_t i)
{
    return (tk->t[i].flags & GALLEY_TOK_STOPWORD) != 0;
}

/* a word that may be part of a speaker's name or description */
static int name_word(const tokens *tk, size_t i)
{
    if (!is_word(tk, i) || tok_in(tk, i, not_names))
        return 0;
    if (is_cap(tk, i))
        return 1;
    /* common nouns ("army officials", "defense chief"), not function words */
    return !is_stop(tk, i) && !tok_in(tk, i, speech_verbs) && !tok_in(tk, i, participles);
}

/* the name phrase ending right before token v ("Pakistani army officials
 * said", "CIA director Mike Pompeo said"); skips "also", "has" ... */
static int name_before(const tokens *tk, size_t lo, size_t v, span *out, int *pronoun)
{
    size_t j = v;
    *pronoun = 0;
    while (j > lo && tok_in(tk, j - 1, between))
        j--;
    /* an apposition: "Syed Talat Hussain, a media analyst, wrote" */
    if (j > lo + 1 && tok_is(tk, j - 1, ",")) {
        size_t c = j - 1;
        while (c > lo && c + 12 > j && !tok_is(tk, c - 1, ","))
            c--;
        if (c > lo && tok_is(tk, c - 1, ","))
            j = c - 1;
        else
            return 0;
    }
    if (j > lo && (tok_in(tk, j - 1, singular_pronouns) || tok_in(tk, j - 1, plural_pronouns))) {
        *pronoun = tok_in(tk, j - 1, singular_pronouns) ? 1 : 2;
        *out = (span){ tk->t[j - 1].start, tk->t[j - 1].end };
        return 1;
    }
    size_t e = j, k = 0;
    while (j > lo && k < MAX_NAME_WORDS) {
        if (name_word(tk, j - 1)) {
            j--;
            k++;
        } else if (k > 0 && is_cap(tk, j) && j - 1 > lo && tok_in(tk, j - 1, connectors) &&
                   (is_cap(tk, j - 2) || tok_in(tk, j - 2, connectors))) {
            j--;                        /* "Matthew Ingram of The Globe and Mail" */
        } else {
            break;
        }
    }
    while (j < e && tok_in(tk, j, connectors))
        j++;
    if (k == 0 || j == e)
        return 0;
    *out = (span){ tk->t[j].start, name_end(tk, e - 1) };
    return 1;
}

/* the name after an inverted verb: "said General John Nicholson Jr., ..."
 * or "said the top US commander" */
static int name_after(const tokens *tk, size_t v, size_t hi, span *out)
{
    size_t j = v + 1, k = 0;
    if (j < hi && (tok_is(tk, j, "the") || tok_is(tk, j, "a") || tok_is(tk, j, "an")))
        j++;
    size_t s = j;
    while (j < hi && k < MAX_NAME_WORDS && is_word(tk, j) &&
           (is_cap(tk, j) || (s > v + 1 && !is_stop(tk, j))) && !tok_in(tk, j, speech_verbs)) {
        j++;
        k++;
    }
    if (k == 0)
        return 0;
    *out = (span){ tk->t[s].start, name_end(tk, j - 1) };
    return 1;
}

/* the attribution after a closing quote: `," said X`, `," X said`, `," he added` */
static int speaker_after(const tokens *tk, size_t q, span *out, int *pronoun)
{
    size_t hi = q + 12 < tk->n ? q + 12 : tk->n, j = q;
    *pronoun = 0;
    /* `constraints." They said ...`: a quote ending in a full stop ends its
     * sentence; after ? or ! only a lower-case attribution follows */
    if (q > 0 && q - 1 < tk->n) {
        size_t m = tk->t[q - 1].start;      /* the closing quote mark */
        while (m > 0 && tk->text[m - 1] == ' ')
            m--;                            /* a reopening quote: `. "We` */
        char last = m > 0 ? tk->text[m - 1] : 0;
        if (last == '.')
            return 0;
        if ((last == '?' || last == '!') && j < hi && is_cap(tk, j) &&
            !tok_in(tk, j, speech_verbs))
            return 0;
    }
    while (j < hi && tk->t[j].cls == GALLEY_TOK_PUNCT && tok_is(tk, j, ","))
        j++;
    if (j >= hi || !is_word(tk, j))
        return 0;
    if (tok_in(tk, j, speech_verbs))
        return name_after(tk, j, hi, out);
    for (size_t v = j + 1; v < hi && v <= j + MAX_NAME_WORDS; v++) {
        if (tok_in(tk, v, speech_verbs))
            return name_before(tk, j, v, out, pronoun) && out->start == tk->t[j].start;
        if (!is_word(tk, v))
            break;
    }
    return 0;
}

/* the subject opening a sentence, for a participle ("Abbasi was even more
 * optimistic, saying ..."): a pronoun, or capitalised words ("Prime
 * Minister Abbasi"), or a noun phrase after "The" ("The US embassy") */
static int sentence_subject(const tokens *tk, size_t lo, size_t hi, span *out, int *pronoun)
{
    *pronoun = 0;
    if (lo >= hi)
        return 0;
    if (tok_in(tk, lo, singular_pronouns) || tok_in(tk, lo, plural_pronouns)) {
        *pronoun = tok_in(tk, lo, singular_pronouns) ? 1 : 2;
        *out = (span){ tk->t[lo].start, tk->t[lo].end };
        return 1;
    }
    size_t s = lo, e;
    if (tok_is(tk, s, "The"))
        s++;
    e = s;
    if (s > lo) {           /* "The US embassy said": any name words */
        while (e < hi && e - s < MAX_NAME_WORDS && name_word(tk, e))
            e++;
    } else {                /* "Abbasi was ...": capitalised words only */
        while (e < hi && e - s < MAX_NAME_WORDS &&
               (is_cap(tk, e) && name_word(tk, e)))
            e++;
    }
    if (e == s)
        return 0;
    *out = (span){ tk->t[s].start, name_end(tk, e - 1) };
    return 1;
}

/* the speaker named before the quotation in its sentence: the subject of
 * the nearest speech verb ("Mattis told them that \"...\""); a pronoun
 * defers to an earlier verb of the sentence ("officials said they told") */
static int speaker_before(const tokens *tk, size_t lo, size_t q, span *out, int *pronoun)
{
    span first = { 0, 0 };
    int first_pron = 0, have = 0;
    for (size_t v = q; v > lo; v--) {
        size_t i = v - 1;
        if (!is_word(tk, i))
            continue;
        int part = tok_in(tk, i, participles);
        if (!part && !tok_in(tk, i, speech_verbs))
            continue;
        span s;
        int pr = 0, ok;
        if (part) {
            ok = sentence_subject(tk, lo, i, &s, &pr);
        } else {
            ok = name_before(tk, lo, i, &s, &pr);
        }
        if (!ok)
            continue;
        if (!have) {
            first = s;
            first_pron = pr;
            have = 1;
        }
        if (!pr) {
            *out = s;
            *pronoun = 0;
            return 1;
        }
    }
    if (have) {
        *out = first;
        *pronoun = first_pron;
    }
    return have;
}

/* ---- quotations ---- */

typedef struct quote {
    size_t open, close;     /* byte offsets of the quote marks */
    int reopened;           /* closed by a new quote of the same speech */
} quote;

/* a straight quote at p shaped as an opener (space before, a capital
 * after) right after a sentence end */
static int reopens(const char *s, size_t len, size_t p)
{
    if (p < 2 || p + 1 >= len || s[p - 1] != ' ' || !(s[p + 1] >= 'A' && s[p + 1] <= 'Z'))
        return 0;
    size_t b = p - 1;
    while (b > 0 && s[b - 1] == ' ')
        b--;
    return b > 0 && (s[b - 1] == '.' || s[b - 1] == '!' || s[b - 1] == '?');
}

/* the next quotation from *pos: straight quotes pair up within a paragraph,
 * curly ones by shape; returns 0 when there are no more */
static int next_quote(const char *s, size_t len, size_t *pos, quote *q)
{
    size_t open = (size_t)-1;
    int curly = 0;
    for (size_t p = *pos; p < len; p++) {
        if (s[p] == '\n') {
            size_t r = p + 1;
            while (r < len && (s[r] == ' ' || s[r] == '\t' || s[r] == '\r'))
                r++;
            if (r < len && s[r] == '\n')
                open = (size_t)-1;      /* a blank line: unclosed quotes end */
            continue;
        }
        int straight = s[p] == '"';
        int lq = p + 2 < len && (unsigned char)s[p] == 0xE2 && (unsigned char)s[p + 1] == 0x80 &&
                 (unsigned char)s[p + 2] == 0x9C;
        int rq = p + 2 < len && (unsigned char)s[p] == 0xE2 && (unsigned char)s[p + 1] == 0x80 &&
                 (unsigned char)s[p + 2] == 0x9D;
        if (open == (size_t)-1) {
            if (straight || lq) {
                open = p;
                curly = lq;
            }
        } else if (straight && !curly && reopens(s, len, p)) {
            /* `... anything. "We would say ...`: a quotation going on in a
             * new quote closes the last one at its full stop */
            q->open = open;
            q->close = p;
            q->reopened = 1;
            *pos = p;
            return 1;
        } else if ((straight && !curly) || (rq && curly)) {
            q->open = open;
            q->close = p;
            q->reopened = 0;
            *pos = p + (straight ? 1 : 3);
            return 1;
        } else if (lq && curly) {
            open = p;                   /* an unclosed “ before a new one */
        }
        if (lq || rq)
            p += 2;
    }
    *pos = len;
    return 0;
}

static size_t count_words(const tokens *tk, size_t a, size_t b)
{
    size_t n = 0;
    for (size_t i = a; i < b; i++)
        if (tk->t[i].cls == GALLEY_TOK_WORD || tk->t[i].cls == GALLEY_TOK_NUMBER)
            n++;
    return n;
}

/* sentence starts, from the `sentence` layer or the toolkit */
static size_t sentence_start(const size_t *starts, size_t n, size_t pos)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (starts[mid] <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? starts[lo - 1] : 0;
}

static size_t *sentence_starts(galley_doc *doc, const char *text, size_t len, size_t *n)
{
    size_t nl;
    const galley_span *sp = galley_doc_layer(doc, "sentence", &nl);
    galley_sentencer it;
    size_t s, e, count = 0;
    if (!nl) {
        galley_sent_init(&it, text, len);
        while (galley_sent_next(&it, &s, &e))
            count++;
    }
    size_t *starts = galley_doc_alloc(doc, ((nl ? nl : count) + 1) * sizeof *starts);
    if (!starts)
        return NULL;
    *n = 0;
    if (nl) {
        for (size_t i = 0; i < nl; i++)
            if (*n == 0 || sp[i].start >= starts[*n - 1])
                starts[(*n)++] = sp[i].start;
    } else {
        galley_sent_init(&it, text, len);
        while (*n < count && galley_sent_next(&it, &s, &e))
            starts[(*n)++] = s;
    }
    return starts;
}

static int last_word_capitalized(const char *text, span sp);

/* the subject of the nearest speech verb in the RECENT_TOKENS before
 * token q that is a name (pron 1: ends in a capital) or a group (2) */
#define RECENT_TOKENS 120
static int recent_speaker(const tokens *tk, size_t q, int pron, span *out)
{
    size_t lo = q > RECENT_TOKENS ? q - RECENT_TOKENS : 0;
    for (size_t v = q; v > lo; v--) {
        size_t i = v - 1;
        if (!is_word(tk, i) || !tok_in(tk, i, speech_verbs))
            continue;
        span s;
        int pr;
        if (!name_before(tk, lo, i, &s, &pr) || pr)
            continue;
        if ((pron == 1) == (last_word_capitalized(tk->text, s) != 0)) {
            *out = s;
            return 1;
        }
    }
    return 0;
}

static int last_word_capitalized(const char *text, span sp)
{
    size_t p = sp.end;
    while (p > sp.start && text[p - 1] != ' ')
        p--;
    return text[p] >= 'A' && text[p] <= 'Z';
}

static galley_status quote_process(void *state, galley_doc *doc)
{
    const quote_state *st = state;
    size_t len;
    const char *text = galley_doc_text(doc, &len);
    if (!text || len == 0)
        return GALLEY_OK;
    tokens tk;
    size_t nsent;
    size_t *starts = sentence_starts(doc, text, len, &nsent);
    if (!starts)
        return galley_doc_fail(doc, "out of memory");
    tokenize(doc, text, len, &tk);
    span last_person = { 0, 0 }, last_group = { 0, 0 };
    size_t pos = 0;
    quote q, prev = { 0, 0, 0 };
    const char *prev_label = NULL;
    while (next_quote(text, len, &pos, &q)) {
        int continues = prev.reopened && q.open == prev.close;
        prev = q;
        size_t a = tok_at(&tk, q.open), b = tok_at(&tk, q.close);
        size_t inner_s = a < tk.n ? tk.t[a].end : q.open, inner_e = q.close;
        if (a + 1 < b)
            inner_s = tk.t[a + 1].start;
        if (b > 0 && b - 1 > a)
            inner_e = tk.t[b - 1].end;
        while (inner_e > inner_s && strchr(",;: ", text[inner_e - 1]))
            inner_e--;                  /* "bonhomie," */
        size_t words = count_words(&tk, a + 1, b);
        if (words == 0 || (long long)words < st->min_words)
            continue;
        const char *label = NULL;
        if (st->speakers) {
            span sp;
            int pron = 0, ok = speaker_after(&tk, b + 1, &sp, &pron);
            if (!ok) {
                size_t lo = tok_at(&tk, sentence_start(starts, nsent, q.open));
                if (a > lo + LOOK_BACK)
                    lo = a - LOOK_BACK;     /* linear even in a giant sentence */
                ok = speaker_before(&tk, lo, a, &sp, &pron);
            }
            if (ok && pron) {
                /* "Mr Balls said he was sure ... \"...,\" he said" */
                span r;
                if (recent_speaker(&tk, a, pron, &r))
                    sp = r;
                else
                    sp = pron == 1 ? last_person : last_group;
                ok = sp.end > sp.start;
            }
            else if (ok && last_word_capitalized(text, sp))
                last_person = sp;       /* "General John Nicholson Jr." */
            else if (ok)
                last_group = sp;        /* "Pakistani army officials" */
            if (ok)
                label = galley_doc_strndup(doc, text + sp.start, sp.end - sp.start);
        }
        if (!label && continues)
            label = prev_label;         /* the same speech goes on */
        prev_label = label;
        galley_doc_add_span(doc, "quote", inner_s, inner_e, label, GALLEY_NO_SCORE);
    }
    return GALLEY_OK;
}

GALLEY_PLUGIN(quotes,
    .kind = GALLEY_EXTRACT,
    .summary = "quotations (straight and curly double quotes) with their speakers (quote)",
    .version = "1.0",
    .license = "MIT",
    .options = quote_options,
    .provides = "quote",
    .open = quote_open, .process = quote_process, .close = quote_close);
