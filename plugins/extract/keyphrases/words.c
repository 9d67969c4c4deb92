/* plugins/extract/keyphrases/words.c - the words of a document (content or
 * not, light part of speech, stem) and its candidate phrases: noun phrases
 * "adjectives* nouns+" cut at stop words, verbs, adverbs and punctuation. */
#include "keyphrases.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* the case-folded form of w into buf (cap bytes): ASCII, the common case,
 * without a Unicode table; the length, >= cap when it does not fit */
static size_t fold(const char *w, size_t n, char *buf, size_t cap)
{
    size_t i;
    for (i = 0; i < n && i < cap && !((unsigned char)w[i] & 0x80); i++)
        buf[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + ('a' - 'A') : w[i]);
    return i == n && n < cap ? n : galley_casefold(w, n, buf, cap);
}

static char lexical_class(const kp_state *st, const char *w, size_t n, const char *low,
                          size_t m, unsigned flags);

/* the KP_CUE_* bits of a folded function word */
static unsigned char cue_of(const char *low, size_t m)
{
    static const struct { const char *w; unsigned char cue; } cues[] = {
#define ART (KP_CUE_OBJECT | KP_CUE_DET | KP_CUE_ART)
        { "a", ART }, { "an", ART }, { "the", ART }, { "this", ART }, { "these", ART },
        { "those", ART }, { "its", ART }, { "their", ART }, { "his", ART }, { "her", ART },
        { "our", ART }, { "my", ART }, { "your", ART },
#undef ART
        { "that", KP_CUE_OBJECT }, { "it", KP_CUE_OBJECT }, { "them", KP_CUE_OBJECT },
        { "him", KP_CUE_OBJECT }, { "us", KP_CUE_OBJECT }, { "me", KP_CUE_OBJECT },
        { "what", KP_CUE_OBJECT }, { "how", KP_CUE_OBJECT }, { "why", KP_CUE_OBJECT },
        { "whether", KP_CUE_OBJECT }, { "to", KP_CUE_OBJECT | KP_CUE_TO },
        { "some", KP_CUE_OBJECT | KP_CUE_DET }, { "no", KP_CUE_OBJECT | KP_CUE_DET },
        { "any", KP_CUE_OBJECT | KP_CUE_DET }, { "new", KP_CUE_OBJECT },
        { "many", KP_CUE_OBJECT }, { "more", KP_CUE_OBJECT }, { "several", KP_CUE_OBJECT },
        { "other", KP_CUE_OBJECT }, { "another", KP_CUE_OBJECT },
        { "of", KP_CUE_DET }, { "with", KP_CUE_DET }, { "by", KP_CUE_DET },
        { "for", KP_CUE_DET }, { "in", KP_CUE_DET }, { "on", KP_CUE_DET },
        { "from", KP_CUE_DET }, { "and", KP_CUE_DET }, { "or", KP_CUE_DET },
        { "into", KP_CUE_DET }, { "using", KP_CUE_DET }, { "such", KP_CUE_DET },
        { "both", KP_CUE_DET }, { "each", KP_CUE_DET }, { "all", KP_CUE_DET },
        { "we", KP_CUE_SUBJ }, { "they", KP_CUE_SUBJ }, { "i", KP_CUE_SUBJ },
        { "you", KP_CUE_SUBJ }, { "he", KP_CUE_SUBJ }, { "she", KP_CUE_SUBJ },
    };
    for (size_t i = 0; i < sizeof cues / sizeof *cues; i++)
        if (!strncmp(cues[i].w, low, m) && cues[i].w[m] == '\0')
            return cues[i].cue;
    return 0;
}

/* kp_form.lexcase of a capitalised word, folded to low[0..m) */
static unsigned char word_case(const kp_state *st, const char *low, size_t m)
{
    if (galley_counter_find(st->d->proper, low, m) != (size_t)-1)
        return 2;
    return galley_counter_find(st->d->common, low, m) != (size_t)-1;
}

/* What a surface form is, worked out once per document: most tokens
 * repeat, and case folding and the lexicons cost more than one lookup. */
static kp_form *form_of(kp_state *st, const char *w, size_t n, unsigned flags)
{
    size_t i = galley_counter_add(st->forms, w, n, 0);
    if (i == (size_t)-1 || (i >= st->capform &&
                            galley_reserve(&st->form, &st->capform, i + 1, sizeof *st->form) < 0))
        return NULL;
    kp_form *f = &st->form[i];
    if (i == st->nform) {       /* new: the counter appends */
        st->nform++;
        char low[128];
        size_t m = fold(w, n, low, sizeof low);
        int fits = m < sizeof low;
        f->basestop = (unsigned char)galley_is_stopword(w, n);
        f->digit = w[0] >= '0' && w[0] <= '9';
        f->listed = !fits || galley_counter_find(st->d->stop, low, m) != (size_t)-1;
        f->generic = fits && galley_counter_find(st->d->generic, low, m) != (size_t)-1;
        f->modifier = fits && galley_counter_find(st->d->modifier, low, m) != (size_t)-1;
        f->cls = fits ? lexical_class(st, w, n, low, m, flags) : KP_NOUN;
        f->relational = f->cls == KP_RELADJ;
        f->lexcase = fits && (flags & GALLEY_TOK_CAPITALIZED) ? word_case(st, low, m) : 0;
        if (f->relational)
            f->cls = KP_ADJ;
        f->gstem = UINT32_MAX;
        f->gen = 0;
        f->cue = fits && m <= 7 && (f->basestop || f->listed) ? cue_of(low, m) : 0;
    }
    return f;
}

/* A word that may stand in a phrase: letters, not a stop word, not a
 * single letter. */
static int content_word(const kp_form *f, const galley_token *t, const galley_token *next,
                        int first)
{
    if (t->cls != GALLEY_TOK_WORD || t->end - t->start < 2)
        return 0;
    if (t->end - t->start > 2 && (t->flags & GALLEY_TOK_HAS_DIGIT) && f->digit)
        return 0;       /* an amount ("639m", "1bn", "1990s"), not "3D" */
    if (!f->basestop && !f->listed)
        return 1;
    if ((t->flags & GALLEY_TOK_ALLCAPS) && t->end - t->start == 2 && !f->listed)
        return 1;       /* "US" is not "us" */
    /* "New" in "New Zealand": a capitalised word of the stop list that
     * starts a name mid-sentence (not a title: "Mr", "Dr") */
    return !first && (t->flags & GALLEY_TOK_CAPITALIZED) && !f->basestop && !f->modifier &&
           next && next->cls == GALLEY_TOK_WORD && (next->flags & GALLEY_TOK_CAPITALIZED);
}

static int ends_with(const char *w, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k + 2 && !memcmp(w + n - k, suffix, k);
}

/* The light part of speech of a form: the lexicon's class; else the
 * suffix of an adverb or participle; else a noun.  (A name, capitalised
 * mid-sentence, is a noun whatever its form.) */
static char lexical_class(const kp_state *st, const char *w, size_t n, const char *low,
                          size_t m, unsigned flags)
{
    if (flags & GALLEY_TOK_ALLCAPS)
        return KP_NOUN;
    size_t i = galley_counter_find(st->d->pos, low, m);
    if (i != (size_t)-1) {
        char c = (char)galley_counter_value(st->d->pos, i);
        return c == KP_VERB && ends_with(w, n, "ing") ? KP_VERBING : c;
    }
    if (ends_with(w, n, "ly") && !(flags & GALLEY_TOK_CAPITALIZED))
        return KP_ADV;
    /* "centred", "pumped": a participle the lexicon does not know
     * describes a noun, it does not end a phrase */
    if (ends_with(w, n, "ed") && !ends_with(w, n, "eed") && !(flags & GALLEY_TOK_CAPITALIZED))
        return KP_ADJ;
    /* "intuitionistic", "plenoptic": a word neither list knows, with an
     * adjective's ending, describes the noun after it (with the ending of
     * a relational one, says what kind of thing it is) */
    if (!(flags & GALLEY_TOK_CAPITALIZED) && galley_counter_size(st->d->common) > 0 &&
        galley_counter_find(st->d->common, low, m) == (size_t)-1) {
        if (ends_with(w, n, "ic") || ends_with(w, n, "ary") || ends_with(w, n, "al"))
            return KP_RELADJ;
        if (ends_with(w, n, "ous") || ends_with(w, n, "ive") || ends_with(w, n, "able") ||
            ends_with(w, n, "ible"))
            return KP_ADJ;
    }
    return KP_NOUN;
}

/* The stem that groups a word's forms. Snowball keeps the -s of "menus"
 * (as of "virus"), so "menu" and "menus" would rank twice: a -us word whose
 * singular is in the word list loses the -s first. */
const char *kp_word_stem(kp_state *st, const char *w, size_t n, size_t *sl)
{
    char buf[128];
    if (st->english && n > 3 && n < sizeof buf && w[n - 1] == 's' && w[n - 2] == 'u') {
        size_t m = galley_casefold(w, n - 1, buf, sizeof buf);
        if (m < sizeof buf && galley_counter_find(st->d->common, buf, m) != (size_t)-1)
            n--;
    }
    return galley_stem(st->stem, w, n, sl);
}

const char *kp_stem_text(const kp_state *st, size_t stem, size_t *n)
{
    return galley_counter_key(st->allstems, st->st[stem].g, n);
}

/* rarer in the bundled corpus = more telling of this article */
static double idf_of(const kp_state *st, const char *stem, size_t n)
{
    size_t j = galley_counter_find(st->d->df, stem, n);
    double df = j == (size_t)-1 ? 0 : galley_counter_value(st->d->df, j);
    return log((st->d->ndocs + 1.0) / (df + 1.0)) + 1.0;
}

/* the form's stem in the worker's cache (stemmed once per worker) */
static int global_stem(kp_state *st, const char *text, const kp_word *w, kp_form *f)
{
    if (f->gstem != UINT32_MAX)
        return 0;
    size_t len = w->e - w->s - kp_possessive_len(text + w->s, w->e - w->s), sl;
    const char *stem = kp_word_stem(st, text + w->s, len, &sl);
    size_t before = galley_counter_size(st->allstems);
    size_t g = galley_counter_add(st->allstems, stem, sl, 0);
    if (galley_counter_size(st->allstems) > before) {
        if (galley_reserve(&st->gst, &st->capgst, g + 1, sizeof *st->gst) < 0)
            return -1;
        st->gst[g] = (kp_gstem){ idf_of(st, stem, sl), 0, 0 };
    }
    f->gstem = (uint32_t)g;
    return 0;
}

/* Records a content word's stem (a surface form is stemmed once per
 * worker) and how the article writes it. */
static int stem_word(kp_state *st, const char *text, kp_word *w, kp_form *f)
{
    if (f->gen != st->gen) {
        if (global_stem(st, text, w, f) < 0)
            return -1;
        kp_gstem *g = &st->gst[f->gstem];
        if (g->gen != st->gen) {
            if (galley_reserve(&st->st, &st->capst, st->nst + 1, sizeof *st->st) < 0)
                return -1;
            kp_stem *s = &st->st[st->nst];
            memset(s, 0, sizeof *s);
            s->g = f->gstem;
            s->first = w->sent;
            galley_counter_key(st->allstems, f->gstem, &s->len);
            g->gen = st->gen;
            g->stem = (uint32_t)st->nst++;
        }
        f->gen = st->gen;
        f->stem = g->stem;
    }
    size_t id = f->stem;
    w->stem = (uint32_t)id;
    kp_stem *s = &st->st[id];
    if (w->flags & GALLEY_TOK_LOWER)
        s->lower += 1;
    else if (w->cap)
        s->capmid += 1;
    s->count += 1;
    s->last = w->sent;
    return 0;
}

/* In a headline or shouted sentence capitals say nothing about names. */
static void unmark_headline(kp_word *w, size_t n)
{
    size_t words = 0, upper = 0;
    for (size_t i = 0; i < n; i++) {
        words += w[i].content;
        upper += w[i].upper;
    }
    if (words < 3 || upper * 10 < words * 7)
        return;
    for (size_t i = 0; i < n; i++)
        w[i].upper = w[i].cap = 0;
}

/* "Navier–Stokes", "pump–probe": words joined by an en dash without
 * spaces are one word, as "semi-classical" is; tok[j] widened over the
 * joined words into *m, and the tokens it took (1 when none joined) */
static size_t join_dashed(const char *text, const galley_token *tok, size_t j, size_t ntok,
                          galley_token *m)
{
    size_t k = j;
    *m = tok[j];
    while (m->cls == GALLEY_TOK_WORD && k + 2 < ntok && tok[k + 1].cls == GALLEY_TOK_PUNCT &&
           tok[k + 1].start == tok[k].end && tok[k + 2].start == tok[k + 1].end &&
           tok[k + 2].cls == GALLEY_TOK_WORD && tok[k + 1].end - tok[k + 1].start == 3 &&
           !memcmp(text + tok[k + 1].start, "\xe2\x80\x93", 3)) {
        unsigned a = m->flags, b = tok[k + 2].flags;
        m->end = tok[k + 2].end;
        m->flags = (a & GALLEY_TOK_CAPITALIZED) | (a & b & (GALLEY_TOK_ALLCAPS | GALLEY_TOK_LOWER)) |
                   ((a | b) & GALLEY_TOK_HAS_DIGIT);
        k += 2;
    }
    return k - j + 1;
}

/* tok[j] is the rest of an amount written with a hyphen ("37-year-old",
 * "12-megapixel", "3-dimensional"): a part of that amount, no word of its
 * own ("year-old actor" is no phrase) */
static int after_amount(const char *text, const galley_token *tok, size_t j)
{
    return j >= 2 && tok[j - 2].cls == GALLEY_TOK_NUMBER && tok[j - 1].cls == GALLEY_TOK_PUNCT &&
           tok[j - 1].start == tok[j - 2].end && tok[j - 1].end == tok[j].start &&
           text[tok[j - 1].start] == '-';
}

/* a line break in p[0..n): the white space between two tokens, mostly
 * one byte, where a call to memchr costs more than the loop */
static int has_newline(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] == '\n')
            return 1;
    return 0;
}

/* Appends the tokens of sentence [s, e) to st->words; 0 or -1 */
static int sentence_words(kp_state *st, const char *text, const galley_token *tok, size_t ntok,
                          size_t s, size_t e, size_t sent)
{
    size_t k = 0, from = st->nwords, prev = s, took;
    if (galley_reserve(&st->words, &st->capwords, st->nwords + ntok, sizeof *st->words) < 0)
        return -1;
    for (size_t j = 0; j < ntok; j += took) {
        galley_token joined;
        took = join_dashed(text, tok, j, ntok, &joined);
        const galley_token *t = &joined, *next = j + took < ntok ? &tok[j + took] : NULL;
        kp_word *w = &st->words[st->nwords++];
        memset(w, 0, sizeof *w);
        w->s = (uint32_t)t->start;
        w->e = (uint32_t)t->end;
        w->sent = (uint32_t)sent;
        w->form = UINT32_MAX;
        if (t->cls == GALLEY_TOK_WORD) {
            kp_form *f = form_of(st, text + w->s, w->e - w->s, t->flags);
            if (!f)
                return -1;
            w->form = (uint32_t)(f - st->form);
            w->content = (unsigned char)content_word(f, t, next, k == 0) &&
                         !after_amount(text, tok, j);
        }
        w->mid = k > 0;
        w->cap = k++ > 0 && (t->flags & (GALLEY_TOK_CAPITALIZED | GALLEY_TOK_ALLCAPS));
        w->upper = w->content && (t->flags & (GALLEY_TOK_CAPITALIZED | GALLEY_TOK_ALLCAPS));
        w->poss = t->cls == GALLEY_TOK_WORD && kp_possessive_len(text + w->s, w->e - w->s) > 0;
        w->flags = (unsigned char)t->flags;
        w->line = t->start > s && t->start > prev && has_newline(text + prev, t->start - prev);
        prev = t->end;
    }
    (void)e;
    kp_word *w = st->words + from;
    size_t n = st->nwords - from;
    unmark_headline(w, n);
    for (size_t i = 0; i < n; i++) {
        if (!w[i].content)
            continue;
        kp_form *f = &st->form[w[i].form];
        w[i].cls = w[i].cap ? KP_NOUN : f->cls;
        if (stem_word(st, text, &w[i], f) < 0)
            return -1;
        /* a word mostly seen before another content word modifies it
         * ("long-term", "nuclear" of "nuclear talks"): less of a key alone */
        st->st[w[i].stem].mod += i + 1 < n && w[i + 1].content && !w[i].poss && !w[i + 1].line;
    }
    return 0;
}

/* the phrase slots' hash of a phrase's stem numbers */
static uint64_t phrase_hash(const uint32_t *key, size_t n)
{
    uint64_t h = (uint64_t)n * 0x9e3779b97f4a7c15u;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ key[i]) * 0x9e3779b97f4a7c15u;
        h ^= h >> 29;
    }
    return h ^ h >> 32;
}

/* twice the slots, the document's candidates placed again; 0 or -1 */
static int grow_slots(kp_state *st)
{
    size_t n = st->nslot ? st->nslot * 2 : 1024;
    uint64_t *slot = calloc(n, sizeof *slot);
    if (!slot)
        return -1;
    for (size_t c = 0; c < st->ncands; c++) {
        const kp_cand *k = &st->cands[c];
        uint32_t key[KP_MAXW];
        for (size_t i = 0; i < k->nwords; i++)
            key[i] = (uint32_t)st->ids[k->ids + i];
        size_t j = (size_t)phrase_hash(key, k->nwords) & (n - 1);
        while (slot[j])
            j = (j + 1) & (n - 1);
        slot[j] = (uint64_t)st->gen << 32 | (c + 1);
    }
    free(st->slot);
    st->slot = slot;
    st->nslot = n;
    return 0;
}

/* the candidate of the stems key[0..n), added (zeroed, *fresh set) when
 * the document has none yet; NULL when out of memory */
static kp_cand *get_cand(kp_state *st, const uint32_t *key, size_t n, int *fresh)
{
    if (2 * (st->ncands + 1) >= st->nslot && grow_slots(st) < 0)
        return NULL;
    size_t mask = st->nslot - 1, j = (size_t)phrase_hash(key, n) & mask;
    for (;; j = (j + 1) & mask) {
        uint64_t s = st->slot[j];
        if (s >> 32 != st->gen)
            break;              /* empty for this document */
        kp_cand *c = &st->cands[(s & 0xffffffffu) - 1];
        size_t i;
        for (i = 0; i < n && c->nwords == n && st->ids[c->ids + i] == key[i]; i++)
            ;
        if (i == n && c->nwords == n) {
            *fresh = 0;
            return c;
        }
    }
    size_t i = st->ncands;
    if (i >= st->capcands &&
        galley_reserve(&st->cands, &st->capcands, i + 1, sizeof *st->cands) < 0)
        return NULL;
    memset(&st->cands[i], 0, sizeof st->cands[i]);
    st->ncands = i + 1;
    st->slot[j] = (uint64_t)st->gen << 32 | (i + 1);
    *fresh = 1;
    return &st->cands[i];
}

/* Records the phrase words[a, b]; 0 or -1 */
static int add_phrase(kp_state *st, size_t a, size_t b, int whole)
{
    const kp_word *w = st->words;
    uint32_t key[KP_MAXW];
    size_t n = 0, caps = 0;
    for (size_t i = a; i <= b && n < KP_MAXW; i++) {
        key[n++] = w[i].stem;       /* the stems' numbers name the phrase */
        caps += w[i].cap;
    }
    int fresh;
    kp_cand *c = get_cand(st, key, n, &fresh);
    if (!c)
        return -1;
    if (fresh) {
        c->first = w[a].sent;
        c->nwords = b - a + 1;
        c->w0 = a;
        c->ids = st->nids;
        if (st->nids + c->nwords > st->capids &&
            galley_reserve(&st->ids, &st->capids, st->nids + c->nwords, sizeof *st->ids) < 0)
            return -1;
        for (size_t i = a; i <= b; i++)
            st->ids[st->nids++] = w[i].stem;
    }
    c->count++;
    c->last = w[a].sent;
    c->alone += whole != 0;
    c->caps += caps == b - a + 1;
    return 0;
}

/* Part of a longer name ("Zealand" of "New Zealand"): a phrase never
 * starts inside a run of capitalised words. */
static int name_inside(const kp_word *w, size_t i, size_t from)
{
    return i > from && w[i].upper && w[i - 1].upper && w[i - 1].cap && !w[i - 1].poss;
}

/* a phrase may end at words[i]: a noun, not the first part of a name */
static int may_end(const kp_word *w, size_t i, size_t b)
{
    if (w[i].cls == KP_ADJ)
        return 0;
    return i == b || !(w[i].upper && w[i + 1].upper && w[i + 1].cap && !w[i].poss);
}

/* words[i] says how the thing is, not what it is ("different", "proposed",
 * "various": keyphrase-modifiers.txt), unless part of a name */
static int modifier(const kp_state *st, size_t i)
{
    const kp_word *w = &st->words[i];
    return !w->upper && st->form[w->form].modifier;
}

/* words[a] is a lower-case word that is no noun and the rest of [a, b] is
 * a name or acronym: it describes the name, it is not part of it
 * ("elusive Malick", "starring Brad Pitt", "discrete Fresnel"; "finite
 * Galois field" stays whole) */
static int lead_before_name(const kp_word *w, size_t a, size_t b)
{
    if (w[a].upper || w[a].cls == KP_NOUN)
        return 0;
    for (size_t i = a + 1; i <= b; i++)
        if (!w[i].upper)
            return 0;
    return 1;
}

/* The noun phrase words[a, b] (b is a noun), at most max_words keeping the
 * head, and the shorter phrases inside it, each measured against the
 * others ("stock market" against "market").  No phrase of two words or
 * more starts with a modifier: "different approach" is "approach". */
static int emit(kp_state *st, size_t a, size_t b)
{
    size_t from = a;
    const kp_word *w = st->words;
    while (a < b && modifier(st, a))
        a++;
    if (a < b && lead_before_name(w, a, b))
        a++;
    if (b - a + 1 > st->max_words)
        a = b + 1 - st->max_words;
    while (a < b && name_inside(w, a, from))
        a++;
    if (add_phrase(st, a, b, 1) < 0)
        return -1;
    for (size_t i = a; i <= b; i++)
        for (size_t j = i; j <= b; j++)
            if ((i > a || j < b) && (i == from || !name_inside(w, i, from)) && may_end(w, j, b) &&
                (i == j || !modifier(st, i)) && add_phrase(st, i, j, 0) < 0)
                return -1;
    return 0;
}

/* the KP_CUE_* bits of words[i] (0 for a content word or no word) */
static unsigned cue_at(const kp_state *st, size_t i, size_t to)
{
    const kp_word *w = &st->words[i];
    return i < to && !w->content && w->form != UINT32_MAX ? st->form[w->form].cue : 0;
}

static int ends_ed(const kp_state *st, const char *text, const kp_word *w)
{
    (void)st;
    return w->e - w->s > 4 && text[w->e - 1] == 'd' && text[w->e - 2] == 'e';
}

/* The class of words[i] where it stands (noun: the open phrase has a noun;
 * after: the function word after it). */
static char context_class(const kp_state *st, const char *text, size_t i, size_t from,
                          size_t to, int noun)
{
    const kp_word *w = st->words;
    if (i >= to || !w[i].content)
        return KP_VERB;
    unsigned after = cue_at(st, i + 1, to);
    if (i > from && (cue_at(st, i - 1, to) & KP_CUE_SUBJ) && !w[i].cap)
        return KP_VERB;
    int content_next = i + 1 < to && w[i + 1].content;
    switch (w[i].cls) {
    case KP_NOUNVERB:   /* "the study shows that", "storm damage hits farms",
                         * but "IP addresses", "DC links terminated" */
        if (i > from && (cue_at(st, i - 1, to) & KP_CUE_TO))
            return KP_VERB;
        /* "the flag of New Zealand stays, said": after a name, before a
         * comma */
        if (i > from && w[i - 1].cap && !w[i - 1].poss && !w[i].cap && i + 1 < to &&
            w[i + 1].form == UINT32_MAX && text[w[i + 1].s] == ',')
            return KP_VERB;
        return noun && ((after & KP_CUE_OBJECT) ||
                        (content_next && w[i + 1].cls != KP_VERB)) ? KP_VERB : KP_NOUN;
    case KP_GERUND:     /* "cloud computing", "the tracking algorithm"; not
                         * "searching the area", "by acquiring materials" */
        if (after & KP_CUE_OBJECT)
            return KP_VERB;
        return noun || (i > from && w[i - 1].content) ||
               (i > from && (cue_at(st, i - 1, to) & KP_CUE_ART)) ? KP_NOUN : KP_VERB;
    case KP_VERBING:    /* "the routing protocol", "a refinancing deal"; not
                         * "by repairing vehicles", "bank predicting" */
        if (!content_next || w[i + 1].cls == KP_VERB || w[i + 1].cls == KP_VERBING ||
            (after & KP_CUE_OBJECT))
            return KP_VERB;
        /* only after an article: "boosting hopes", "Lib Dems pledging
         * cash" are verbs with their object */
        return i > from && (cue_at(st, i - 1, to) & KP_CUE_ART) ? KP_NOUN : KP_VERB;
    case KP_VERB:       /* "the filtered image", "computed tomography" */
        if (content_next && ends_ed(st, text, &w[i]) &&
            (i == from || (cue_at(st, i - 1, to) & KP_CUE_DET)))
            return KP_ADJ;
        /* no verb follows an article: "the spin state", "a free trade
         * deal", "the probe laser" ("this shows that" stays a verb) */
        if (content_next && w[i + 1].cls != KP_VERB && i > from &&
            (cue_at(st, i - 1, to) & KP_CUE_ART))
            return KP_NOUN;
        return KP_VERB;
    case KP_NOUN:       /* "the club left the race": a second lower-case
                         * noun right before an article is a verb */
        return noun && !w[i].cap && !(w[i].flags & GALLEY_TOK_ALLCAPS) && (after & KP_CUE_ART)
               ? KP_VERB : KP_NOUN;
    default:
        return w[i].cls;
    }
}

/* words[i] is a common noun, not part of a name: written in lower case,
 * or first in its sentence and known to the word list in lower case only */
static int common_noun(const kp_state *st, const kp_word *w, size_t i, size_t from)
{
    if (w[i].flags & GALLEY_TOK_LOWER)
        return 1;
    return i == from && w[i].form != UINT32_MAX && st->form[w[i].form].lexcase == 1;
}

/* Cuts the words of one sentence [from, to) into noun phrases. */
static int chunk(kp_state *st, const char *text, size_t from, size_t to)
{
    const kp_word *w = st->words;
    size_t start = 0, head = 0;
    int open = 0, noun = 0;
    char prev = 0;
    for (size_t i = from; i <= to; i++) {
        /* a title line ends its phrases; a name after a common noun starts
         * one ("star | Michael Buble", "Economist | Colen Garrow" at the
         * start of a sentence; but "finite Galois field", "Rod Eddington") */
        if (i < to && open && (w[i].line || (w[i].cap && !(w[i].flags & GALLEY_TOK_ALLCAPS) &&
                                             i > from && prev == KP_NOUN &&
                                             common_noun(st, w, i - 1, from)))) {
            if (noun && emit(st, start, head) < 0)
                return -1;
            open = noun = 0;
        }
        char c = context_class(st, text, i, from, to, noun);
        prev = c;
        int breaks = c == KP_VERB || c == KP_ADV || (c == KP_ADJ && noun);
        if (breaks && noun && emit(st, start, head) < 0)
            return -1;
        if (breaks) {
            open = noun = 0;
            if (c != KP_ADJ)
                continue;
        }
        if (!open) {
            open = 1;
            start = i;
        }
        if (c != KP_ADJ) {
            noun = 1;
            head = i;
        }
        if (w[i].poss) {    /* "Mecca's": nothing follows in the phrase */
            if (noun && emit(st, start, head) < 0)
                return -1;
            open = noun = 0;
        }
    }
    return 0;
}

/* Over the toolkit's token layer (computed once per document, shared with
 * the other stages), cut at the sentences. */
int kp_collect(kp_state *st, galley_doc *doc, const char *text, size_t len, size_t *nsent)
{
    galley_doc_sentencer ss;    /* the sentences stage's, else the toolkit's */
    size_t s, e, sent = 0, ntok = 0, j = 0;
    const galley_token *tok = galley_doc_tokens(doc, &ntok);
    galley_doc_sent_init(&ss, doc, text, len);
    while (galley_doc_sent_next(&ss, &s, &e)) {
        size_t from = st->nwords, a;
        while (j < ntok && tok[j].start < s)
            j++;            /* white space, or what no sentence covers */
        for (a = j; j < ntok && tok[j].start < e; j++)
            ;
        if (sentence_words(st, text, tok + a, j - a, s, e, sent) < 0 ||
            chunk(st, text, from, st->nwords) < 0)
            return -1;
        sent++;
    }
    *nsent = sent;
    return 0;
}
