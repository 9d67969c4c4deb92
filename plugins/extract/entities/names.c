/* plugins/extract/entities/names.c - tokens with what the lexicon and the
 * document say of them (sentence position, headlines, words seen in lower
 * case), the features' raw material. */
#include "entities.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- tokens ---- */

static int push_tok(ent_state *st, const tok *t)
{
    if (galley_reserve(&st->toks, &st->captoks, st->ntoks + 1, sizeof *st->toks) < 0)
        return -1;
    st->toks[st->ntoks++] = *t;
    return 0;
}

/* Byte length of a possessive ending ('s, ’s) of a word, or 0. */
static size_t possessive(const char *w, size_t n)
{
    if (n > 2 && w[n - 1] == 's' && w[n - 2] == '\'')
        return 2;
    if (n > 4 && w[n - 1] == 's' && !memcmp(w + n - 4, "\xe2\x80\x99", 3))
        return 4;
    return 0;
}

/* "d'Ettorre", "l'Aquila": an elided particle before a capital */
static void particle_name(const char *text, tok *t)
{
    const char *w = text + t->s;
    if (t->e - t->s > 3 && (w[0] == 'd' || w[0] == 'l') && w[1] == '\'' && w[2] >= 'A' && w[2] <= 'Z')
        t->flags = (t->flags & ~(unsigned)GALLEY_TOK_LOWER) | GALLEY_TOK_CAPITALIZED;
}

/* Whether the letters after a name's last hyphen are a word of their own:
 * 1 an English compounding word ("Boston-based", "US-led"), 2 a stopword
 * ("Museveni-in", "Town-After": a dash written without spaces) */
static int glued_word(ent_state *st, const char *w, size_t n)
{
    static const char *const sfx[] = { "based", "born", "bred", "led", "backed", "owned",
        "made", "run", "style", "funded", "listed", "controlled", "held", "centric", "wide",
        "linked", "related", "inspired", "like", "bound", "friendly", "era", NULL };
    char buf[16];
    if (n < 2 || n >= sizeof buf)
        return 0;
    for (size_t k = 0; k < n; k++) {
        char c = w[k];
        if (k == 0 && c >= 'A' && c <= 'Z')
            c = (char)(c + ('a' - 'A'));
        else if (c < 'a' || c > 'z')
            return 0;
        buf[k] = c;
    }
    for (size_t k = 0; w[0] >= 'a' && sfx[k]; k++)
        if (strlen(sfx[k]) == n && !memcmp(sfx[k], w, n))
            return 1;
    /* "Moon Jae-in", "Cheng Hoi-on": a syllable of two letters may be a name's */
    return (n > 2 || w[0] < 'a') && ent_is_stop(st, buf, n) ? 2 : 0;
}

/* "Boston-based", "Museveni-in": the name before the hyphen; returns
 * where a word after it starts that is a token of its own (a stopword:
 * "in", "The"), else 0 */
static size_t skip_suffix(ent_state *st, const char *text, tok *t)
{
    if (!(t->flags & GALLEY_TOK_CAPITALIZED))
        return 0;
    size_t i = t->e;
    while (i > t->s && text[i - 1] != '-')
        i--;
    int g;
    if (i < t->s + 3 || i == t->e || !(g = glued_word(st, text + i, t->e - i)))
        return 0;
    size_t rest = g == 2 ? i : 0;
    t->e = i - 1;
    int lower = 0;
    for (i = t->s + 1; i < t->e; i++)
        lower |= text[i] >= 'a' && text[i] <= 'z';
    t->flags = GALLEY_TOK_CAPITALIZED | (lower ? 0 : GALLEY_TOK_ALLCAPS);
    return rest;
}

/* "non-NATO", "pro-Kremlin": the name after a lower-case prefix */
static void skip_prefix(const char *text, tok *t)
{
    size_t i = t->s;
    while (i < t->e && text[i] >= 'a' && text[i] <= 'z')
        i++;
    if (i == t->s || i + 1 >= t->e || text[i] != '-' || text[i + 1] < 'A' || text[i + 1] > 'Z')
        return;
    t->s = i + 1;
    int lower = 0;
    for (i = t->s; i < t->e; i++)
        lower |= text[i] >= 'a' && text[i] <= 'z';
    t->flags = GALLEY_TOK_CAPITALIZED | (lower ? 0 : GALLEY_TOK_ALLCAPS);
}

/* take_token's common case, an ASCII word under 128 bytes, in one pass
 * over its bytes: folded into buf (as ent_fold), hashed (galley_hash32
 * of the folded word), its lower-case form looked up unless it is the
 * word itself, and whether it is a stopword; 0 (t untouched) for any
 * other word (take_token's general path). */
static int fold_ascii(ent_state *st, const char *text, tok *t, char *buf, int span_kept, int layer_stop)
{
    const unsigned char *w = (const unsigned char *)text + t->s;
    size_t n = t->e - t->s;
    uint32_t h = 2166136261u;
    unsigned changed = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = w[i];
        if (c >= 0x80)
            return 0;
        unsigned char l = c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
        changed |= c ^ l;
        buf[i] = (char)l;
        h = (h ^ l) * 16777619u;
    }
    t->low = changed ? ent_lex_get(st->lx->lex, buf, n) : t->lex;
    t->stop = span_kept ? layer_stop != 0 : ent_is_stop(st, buf, n);
    t->wh = h;
    return 1;
}

/* What the lexicon says of word t (of token gt).  layered: gt is the token
 * layer's, whose GALLEY_TOK_STOPWORD flag is galley_is_stopword of the same
 * bytes: for an ASCII word that kept its span it is what ent_is_stop says of
 * the folded word (ASCII folding is what galley_is_stopword does itself). */
static void word_lex(ent_state *st, const char *text, tok *t, const galley_token *gt, int layered)
{
    t->lex = ent_lex_get(st->lx->lex, text + t->s, t->e - t->s);
    char buf[128];      /* folded once: the lexicon and the features' hash */
    size_t n = t->e - t->s;
    int kept = layered && t->s == gt->start && t->e == gt->end;
    if (n >= sizeof buf || !fold_ascii(st, text, t, buf, kept, gt->flags & GALLEY_TOK_STOPWORD)) {
        size_t m = ent_fold(text + t->s, n, buf, sizeof buf);
        if (m >= sizeof buf)
            t->low = 0;
        else if (m == n && !memcmp(buf, text + t->s, n))
            t->low = t->lex;    /* a lower-case word: the same key, looked up once */
        else
            t->low = ent_lex_get(st->lx->lex, buf, m);
        if (kept && galley_ascii_prefix(text + t->s, n) == n)
            t->stop = m < sizeof buf && (gt->flags & GALLEY_TOK_STOPWORD);
        else
            t->stop = m < sizeof buf ? ent_is_stop(st, buf, m) : 0;
        t->wh = m < sizeof buf ? galley_hash32(buf, m) : galley_hash32(text + t->s, t->e - t->s);
    }
    if ((t->flags & GALLEY_TOK_ALLCAPS) && t->e - t->s > 3)
        t->lex |= ent_lex_titlecase(st->lx->lex, text + t->s, t->e - t->s);
}

/* "Russia-Ukraine", "London-Singapore": two places joined by a hyphen are
 * two names (the whole no name of the lists, as "Guinea-Bissau" is);
 * where the hyphen stands, or 0 */
static size_t place_pair(const ent_state *st, const char *text, const tok *t)
{
    const char *w = text + t->s;
    size_t n = t->e - t->s, h = 0;
    if (!(t->flags & GALLEY_TOK_CAPITALIZED) || n < 5 || n > 64)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (w[k] == '-') {
            if (h)
                return 0;
            h = k;
        }
    if (h < 2 || h + 3 > n || w[h + 1] < 'A' || w[h + 1] > 'Z' ||
        (ent_lex_get(st->lx->lex, w, n) & (LX_PLACE | LX_ORG)))
        return 0;
    unsigned big = LX_PLACE3 | LX_PLACE2;
    return (ent_lex_get(st->lx->lex, w, h) & big) && (ent_lex_get(st->lx->lex, w + h + 1, n - h - 1) & big)
           ? t->s + h : 0;
}

/* Token gt with what the lexicon says of it (layered: see word_lex). */
static int take_token(ent_state *st, const char *text, const galley_token *gt, int layered)
{
    tok t = { .s = (uint32_t)gt->start, .e = (uint32_t)gt->end, .cls = gt->cls,
              .flags = gt->flags & ~GALLEY_TOK_STOPWORD };
    size_t from = st->ntoks ? st->toks[st->ntoks - 1].e : 0;
    t.linestart = st->ntoks == 0 || memchr(text + from, '\n', t.s - from) != NULL;
    if (t.cls != GALLEY_TOK_WORD) {
        t.wh = galley_hash32(text + t.s, t.e - t.s);
        return push_tok(st, &t);
    }
    size_t pl = possessive(text + t.s, t.e - t.s);
    t.e -= pl;
    t.poss = pl > 0;
    skip_prefix(text, &t);
    size_t h = place_pair(st, text, &t);
    if (h) {    /* the first place, the hyphen, then the second as a token */
        galley_token dash = { .start = h, .end = h + 1, .cls = GALLEY_TOK_PUNCT };
        galley_token second = { .start = h + 1, .end = gt->end, .cls = GALLEY_TOK_WORD, .flags = GALLEY_TOK_CAPITALIZED };
        t.e = (uint32_t)h;
        t.poss = 0;
        word_lex(st, text, &t, gt, 0);
        if (push_tok(st, &t) < 0 || take_token(st, text, &dash, 0) < 0)
            return -1;
        st->toks[st->ntoks - 1].pair = 1;
        return take_token(st, text, &second, 0);
    }
    size_t end = t.e, rest = skip_suffix(st, text, &t);
    particle_name(text, &t);
    word_lex(st, text, &t, gt, layered);
    if (!rest)
        return push_tok(st, &t);
    /* the stopword after the dash is a token of its own */
    galley_token w = { .start = rest, .end = end, .cls = GALLEY_TOK_WORD,
                       .flags = text[rest] >= 'A' && text[rest] <= 'Z' ? GALLEY_TOK_CAPITALIZED : GALLEY_TOK_LOWER };
    t.poss = 0;
    return push_tok(st, &t) < 0 ? -1 : take_token(st, text, &w, 0);
}

int ent_tokenize(ent_state *st, const char *text, size_t len, const galley_token *layer, size_t nlayer)
{
    st->ntoks = 0;
    if (layer) {
        for (size_t i = 0; i < nlayer; i++)
            if (take_token(st, text, &layer[i], 1) < 0)
                return -1;
        return 0;
    }
    galley_tokenizer tz;
    galley_token gt;
    galley_tok_init(&tz, text, len);
    while (galley_tok_next(&tz, &gt))
        if (take_token(st, text, &gt, 0) < 0)
            return -1;
    return 0;
}

int ent_tok_is(const char *text, const tok *t, const char *w)
{
    size_t n = strlen(w);
    return t->e - t->s == n && !memcmp(text + t->s, w, n);
}

int ent_tok_in(const char *text, const tok *t, const char *const *words)
{
    if (t->e == t->s)
        return 0;
    for (size_t i = 0; words[i]; i++)   /* the first byte first: most words differ there */
        if (words[i][0] == text[t->s] && ent_tok_is(text, t, words[i]))
            return 1;
    return 0;
}

/* Marks sentence numbers and the words whose capital letter says nothing:
 * the first word of a sentence (after opening quotes) and every word of a
 * headline-style sentence where most words are capitalised. */
void ent_mark_positions(ent_state *st, const galley_doc *doc, const char *text, size_t len)
{
    galley_doc_sentencer it;    /* the sentences stage's, else the toolkit's */
    size_t s, e, k = 0;
    int num = 0;
    galley_doc_sent_init(&it, doc, text, len);
    while (galley_doc_sent_next(&it, &s, &e)) {
        while (k < st->ntoks && st->toks[k].s < s)
            st->toks[k++].sent = num;
        size_t first = k, words = 0, caps = 0, shout = 0;
        int initial = 1;
        for (; k < st->ntoks && st->toks[k].s < e; k++) {
            tok *t = &st->toks[k];
            t->sent = num + 1;
            if (t->cls == GALLEY_TOK_WORD) {
                t->uncertain = initial;
                initial = 0;
                if (!t->stop) {
                    words++;
                    caps += ent_is_cap(t) != 0;
                    shout += (t->flags & GALLEY_TOK_ALLCAPS) && t->e - t->s > 1;
                }
            }
        }
        /* a headline: mostly capitalised, and no full stop (a sentence
         * full of names does end with one) */
        char last = e > s ? text[e - 1] : '.';
        int stop = last == '.' || last == '!' || last == '?' || last == '"' || last == ')';
        if ((words >= 3 && caps * 10 >= words * 7 && !stop) || (words >= 8 && caps * 10 >= words * 9) ||
            (words >= 3 && shout * 10 >= words * 7))
            for (size_t i = first; i < k; i++)
                st->toks[i].uncertain = st->toks[i].headline = 1;
        num += 2;
    }
    while (k < st->ntoks)
        st->toks[k++].sent = num;
}

/* the slot of word wh (tok.wh) in the document's table of words: the
 * hash in the low 32 bits, what the document does with the word above */
static uint64_t *seen_slot(const ent_state *st, uint32_t wh)
{
    for (size_t h = (wh * 0x9E3779B1u) & st->seenmask;; h = (h + 1) & st->seenmask)
        if (!st->seen[h] || (uint32_t)st->seen[h] == wh)
            return &st->seen[h];
}

unsigned ent_seen(const ent_state *st, uint32_t wh)
{
    return (unsigned)(*seen_slot(st, wh) >> 32);
}

/* doubles the table of words (rehashing them); -1 out of memory */
static int grow_seen(ent_state *st)
{
    size_t old = st->seenmask + 1, cap = 2 * old;
    uint64_t *t = calloc(cap, sizeof *t);
    if (!t)
        return -1;
    uint64_t *was = st->seen;
    st->seen = t;
    st->capseen = cap;
    st->seenmask = cap - 1;
    for (size_t k = 0; k < old; k++)
        if (was[k])
            *seen_slot(st, (uint32_t)was[k]) = was[k];
    free(was);
    return 0;
}

/* Remembers which words the document writes in lower case (SEEN_LOWER)
 * and which it capitalises where capitals mean something (SEEN_CAP); a
 * table of its own, sized by the distinct words (a 16 MB article has
 * millions of tokens): a general string counter took a tenth of the
 * stage. */
int ent_gather_evidence(ent_state *st, const char *text)
{
    (void)text;
    if (!st->seen && !(st->seen = calloc(st->capseen = 1024, sizeof *st->seen)))
        return -1;
    /* the part of the table this document needs (twice its tokens at
     * most), cleared: the whole table is sized by the longest document */
    size_t want = 1024;
    while (want < 2 * st->ntoks && want < st->capseen)
        want *= 2;
    st->seenmask = want - 1;
    memset(st->seen, 0, want * sizeof *st->seen);
    size_t used = 0;
    for (size_t i = 0; i < st->ntoks; i++) {
        const tok *t = &st->toks[i];
        if (t->cls != GALLEY_TOK_WORD)
            continue;
        uint64_t flag = (t->flags & GALLEY_TOK_LOWER) ? SEEN_LOWER : ent_is_cap(t) && !t->uncertain ? SEEN_CAP : 0;
        if (!flag)
            continue;
        uint64_t *slot = seen_slot(st, t->wh);
        if (!*slot && 2 * ++used > st->seenmask + 1) {
            if (grow_seen(st) < 0)
                return -1;
            slot = seen_slot(st, t->wh);
        }
        *slot |= flag << 32 | t->wh;
    }
    return 0;
}

/* "F." "Jr." "St.": a full stop that belongs to the name before it */
int ent_name_period(const char *text, const tok *prev, const tok *t)
{
    if (!ent_tok_is(text, t, ".") || prev->cls != GALLEY_TOK_WORD || prev->e != t->s)
        return 0;
    size_t n = prev->e - prev->s;
    return (n == 1 && ent_is_cap(prev)) || ent_tok_is(text, prev, "Jr") || ent_tok_is(text, prev, "Sr") ||
           ent_tok_is(text, prev, "St") || ent_tok_is(text, prev, "Mt") || ent_tok_is(text, prev, "Dr") ||
           ent_tok_is(text, prev, "Mr") || ent_tok_is(text, prev, "Mrs") || ent_tok_is(text, prev, "Ms") ||
           ent_tok_is(text, prev, "Gen") || ent_tok_is(text, prev, "Prof");
}

int ent_gap_breaks(const char *text, const tok *a, const tok *b)
{
    for (size_t i = a->e; i < b->s; i++)
        if (text[i] == '\n')
            return 1;
    return a->sent != b->sent;
}

int ent_push_name(ent_state *st, size_t a, size_t b)
{
    if (galley_reserve(&st->names, &st->capnames, st->nnames + 1, sizeof *st->names) < 0)
        return -1;
    name nm = { a, b, a, L_NONE, 0, 0, -1 };
    st->names[st->nnames++] = nm;
    return 0;
}

/* Longest gazetteer entry (ORG or place) starting at token i within
 * [i, end); returns its length in tokens and its flags in *bits. */
size_t ent_gazetteer_match(const ent_state *st, const char *text, size_t i,
                              size_t end, unsigned *bits)
{
    char buf[256];
    size_t best = 0;
    *bits = 0;
    for (size_t k = 1; k <= st->lx->maxwords && i + k <= end; k++) {
        size_t n = 0;
        for (size_t j = i; j < i + k; j++) {
            const tok *t = &st->toks[j];
            size_t l = t->e - t->s, sp = j > i && st->toks[j - 1].e < t->s;
            if (n + l + sp >= sizeof buf)
                return best;
            if (sp)
                buf[n++] = ' ';
            memcpy(buf + n, text + t->s, l);
            n += l;
        }
        unsigned f = ent_lex_get(st->lx->lex, buf, n);
        if (f & (LX_ORG | LX_PLACE)) {
            best = k;
            *bits = f;
        }
        if (!(f & LX_PREFIX))
            break;      /* no longer entry begins so */
    }
    return best;
}
