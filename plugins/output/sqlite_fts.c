/* plugins/output/sqlite_fts.c - FTS5's "porter unicode61" tokenizer, faster:
 * the stand-in galley's writer connection indexes with.  Readers keep FTS5's
 * own: the tokens are the same, token for token.
 *
 * Why they are the same: unicode61 ends a token at every ASCII separator and
 * carries nothing across one, so the text splits at ASCII separators into
 * runs that tokenize on their own.  A run of ASCII letters and digits is one
 * token, folded to lower case, and its stem is what FTS5's own porter answers
 * for it (asked once per word, then remembered).  Any other run (one with a
 * byte of a non-ASCII character) goes to FTS5's own tokenizer as it is.  At
 * creation a probe of every ASCII character checks the split against FTS5's
 * tokenizer; on any difference (other options, another SQLite) everything
 * goes to FTS5's.  FTS5's tokenizer and stemmer were 30 % of indexing the
 * BBC articles (callgrind); it stems every word again, and reads every byte
 * twice through its tables. */
#include "sqlite_fts.h"

#include "sink.h"

#include <galley/util.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* the tokenizer's arguments in galley's schema: 'porter unicode61
 * remove_diacritics 2' (sqlite.c) */
static const char *SCHEMA_ARGS[] = { "unicode61", "remove_diacritics", "2" };

typedef int token_fn(void *, int, const char *, int, int, int);

/* Direct-mapped memos of stems: a word's slot is its hash; a new word takes
 * the slot.  Words of up to 16 bytes (nearly all) have 32-byte slots, two to
 * a cache line (1 MB for 32,768, which keep 97 % of a news corpus's words):
 * the look-up in 56-byte slots, which straddled lines, was 40 % of the
 * workers' tokenizing time (perf), a cache miss.  Longer words (up to 24
 * bytes), and the rare word whose stem is 16 bytes, have 64-byte slots. */
enum { SHORT_SLOTS = 32768, SHORT_KEY = 16, LONG_SLOTS = 4096, MEMO_KEY = 24 };

typedef struct short_slot {
    uint64_t key[SHORT_KEY / 8];        /* the folded word, zero-padded */
    char stem[SHORT_KEY - 1];
    unsigned char slen;
} short_slot;

typedef struct long_slot {
    uint64_t key[MEMO_KEY / 8];
    char stem[MEMO_KEY];
    unsigned char slen;
    char pad[64 - MEMO_KEY - MEMO_KEY - 1];
} long_slot;

_Static_assert(sizeof(short_slot) == 32 && sizeof(long_slot) == 64, "a slot within a cache line");

/* a column's tokens made in a worker, for the writer to replay */
typedef struct replay {
    const char *text, *toks;
    size_t n, len;
} replay;

struct sqlite_fts {             /* the module: one per connection */
    fts5_tokenizer porter;      /* FTS5's own */
    void *porter_ud;
    replay replay[SQLITE_FTS_COLUMNS];
    int nreplay;
};
typedef struct sqlite_fts module;

typedef struct fast_tok {
    module *mod;
    Fts5Tokenizer *inner;       /* FTS5's porter on the same arguments */
    int fast;                   /* 0: everything goes to inner */
    int schema_args;            /* made on the arguments of galley's schema */
    short_slot *memo;           /* SHORT_SLOTS of them */
    long_slot *memo_long;       /* LONG_SLOTS */
} fast_tok;

/* unicode61's defaults on a byte: an ASCII separator (0), an ASCII letter
 * or digit (1), a byte of a non-ASCII character (2) */
enum { SEP, TOK, HIGH };
#define R8(a, b, c, d, e, f, g, h) a, b, c, d, e, f, g, h
#define S8 R8(SEP, SEP, SEP, SEP, SEP, SEP, SEP, SEP)
#define T8 R8(TOK, TOK, TOK, TOK, TOK, TOK, TOK, TOK)
#define H8 R8(HIGH, HIGH, HIGH, HIGH, HIGH, HIGH, HIGH, HIGH)
static const unsigned char CLASS[256] = {
    S8, S8, S8, S8, S8, S8,                                     /* 0x00-0x2f */
    T8, R8(TOK, TOK, SEP, SEP, SEP, SEP, SEP, SEP),             /* 0-9 */
    R8(SEP, TOK, TOK, TOK, TOK, TOK, TOK, TOK), T8, T8,         /* @ A-W */
    R8(TOK, TOK, TOK, SEP, SEP, SEP, SEP, SEP),                 /* X-Z */
    R8(SEP, TOK, TOK, TOK, TOK, TOK, TOK, TOK), T8, T8,         /* ` a-w */
    R8(TOK, TOK, TOK, SEP, SEP, SEP, SEP, SEP),                 /* x-z */
    H8, H8, H8, H8, H8, H8, H8, H8, H8, H8, H8, H8, H8, H8, H8, H8,
};

/* ---- FTS5's tokenizer on part of the text, offsets made whole-text ---- */

typedef struct shift_ctx {
    void *ctx;
    token_fn *x;
    int off;
    int rc;                     /* x's last answer: not OK stops the caller too */
} shift_ctx;

static int shift_cb(void *p, int tflags, const char *tok, int n, int s, int e)
{
    shift_ctx *c = p;
    return c->rc = c->x(c->ctx, tflags, tok, n, s + c->off, e + c->off);
}

static int delegate(fast_tok *t, void *ctx, int flags, const char *text, int s, int e,
                    token_fn *x)
{
    shift_ctx c = { ctx, x, s, SQLITE_OK };
    int rc = t->mod->porter.xTokenize(t->inner, &c, flags, text + s, e - s, shift_cb);
    return rc != SQLITE_OK ? rc : c.rc;
}

/* ---- one ASCII word: its stem, from the memo or from FTS5's porter ---- */

typedef struct capture {
    int count, tflags, n;
    char buf[MEMO_KEY];
} capture;

static int capture_cb(void *p, int tflags, const char *tok, int n, int s, int e)
{
    (void)s; (void)e;
    capture *c = p;
    c->count++;
    c->tflags = tflags;
    c->n = n;
    if (n > 0 && n <= MEMO_KEY)
        memcpy(c->buf, tok, (size_t)n);
    return SQLITE_OK;
}

/* The word folded to lower case (digits have the bit) and zero-padded, as
 * nk 64-bit words (its n bytes fit).  Read 8 bytes at a time where the text
 * goes on that far: bytes stored one by one and read back as words stalled
 * the CPU (a store-forwarding miss per word, 20 % of the tokenizer's time). */
static inline void fold_key(uint64_t *k, int nk, const char *w, int n, const char *end)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (end - w >= nk * 8) {
        for (int j = 0; j < nk; j++) {
            uint64_t v;
            memcpy(&v, w + j * 8, 8);
            int left = n - j * 8;
            uint64_t mask = left >= 8 ? ~0ULL : left <= 0 ? 0 : (1ULL << (left * 8)) - 1;
            k[j] = (v | 0x2020202020202020ULL) & mask;
        }
        return;
    }
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--) {
        v = v << 8 | (unsigned char)(w[i] | 0x20);
        if (i % 8 == 0) {
            k[i / 8] = v;
            v = 0;
        }
    }
#else
    (void)end;
    (void)nk;
    for (int i = 0; i < n; i++)
        ((char *)k)[i] = (char)(w[i] | 0x20);
#endif
}

static inline uint64_t key_hash(const uint64_t k[3])
{
    return galley_hash_mix((k[0] * 0x9e3779b97f4a7c15ULL) ^ (k[1] * 0xc2b2ae3d27d4eb4fULL) ^
                           (k[2] * 0x165667b19e3779f9ULL));
}

/* A word not in the short memo: from the long one, else from FTS5's porter
 * (then remembered).  SQLITE_OK with *stem set; SQLITE_DONE: it is not one
 * plain token (the caller hands it to FTS5's tokenizer); else an error. */
static __attribute__((noinline)) int learn_word(fast_tok *t, int flags, const uint64_t k[3], int n,
                                                const char **stem, int *slen)
{
    uint64_t h = key_hash(k);
    long_slot *l = &t->memo_long[h & (LONG_SLOTS - 1)];
    if (l->key[0] == k[0] && l->key[1] == k[1] && l->key[2] == k[2]) {
        *stem = l->stem;
        *slen = l->slen;
        return SQLITE_OK;
    }
    capture c = { 0, 0, 0, { 0 } };
    int rc = t->mod->porter.xTokenize(t->inner, &c, flags, (const char *)k, n, capture_cb);
    if (rc != SQLITE_OK)
        return rc;
    if (c.count != 1 || c.tflags != 0 || c.n < 1 || c.n > MEMO_KEY)
        return SQLITE_DONE;     /* not expected */
    if (n <= SHORT_KEY && c.n < SHORT_KEY) {
        short_slot *m = &t->memo[h & (SHORT_SLOTS - 1)];
        memcpy(m->key, k, sizeof m->key);
        memcpy(m->stem, c.buf, (size_t)c.n);
        m->slen = (unsigned char)c.n;
        *stem = m->stem;
    } else {
        memcpy(l->key, k, sizeof l->key);
        memcpy(l->stem, c.buf, (size_t)c.n);
        l->slen = (unsigned char)c.n;
        *stem = l->stem;
    }
    *slen = c.n;
    return SQLITE_OK;
}

/* the stem of the ASCII word w[0, n), as learn_word answers (end: the
 * text's end, how far w may be read) */
static inline int word_stem(fast_tok *t, int flags, const char *w, int n, const char *end,
                            const char **stem, int *slen)
{
    if (n > MEMO_KEY)
        return SQLITE_DONE;
    uint64_t k[3] = { 0, 0, 0 };
    if (n <= SHORT_KEY) {
        fold_key(k, 2, w, n, end);
        short_slot *m = &t->memo[key_hash(k) & (SHORT_SLOTS - 1)];
        if (m->key[0] == k[0] && m->key[1] == k[1]) {
            *stem = m->stem;
            *slen = m->slen;
            return SQLITE_OK;
        }
    } else
        fold_key(k, 3, w, n, end);
    return learn_word(t, flags, k, n, stem, slen);
}

/* ---- tokens made in a worker, replayed on the writer ---- */

/* A token as FTS5 hands it to its callback: flags, length, start, end, then
 * the token's bytes; the same record the self-check compares. */
typedef struct tok_head {
    int tflags, n, s, e;
} tok_head;

/* The worker's tokens of exactly this text (bytes compared, so text that
 * changed on the way, repaired UTF-8 say, is tokenized afresh). */
static const replay *find_replay(const module *m, const char *text, int n)
{
    for (int i = 0; i < m->nreplay; i++) {
        const replay *r = &m->replay[i];
        if (r->n == (size_t)n && (r->text == text || memcmp(r->text, text, r->n) == 0))
            return r;
    }
    return NULL;
}

static int replay_tokens(const replay *r, void *ctx, token_fn *x)
{
    int rc = SQLITE_OK;
    for (size_t at = 0; rc == SQLITE_OK && at + sizeof(tok_head) <= r->len;) {
        tok_head h;
        memcpy(&h, r->toks + at, sizeof h);
        at += sizeof h;
        rc = x(ctx, h.tflags, r->toks + at, h.n, h.s, h.e);
        at += (size_t)h.n;
    }
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

void sqlite_fts_replay(sqlite_fts *m, const char *text, size_t n, const char *toks, size_t len)
{
    if (m && text && m->nreplay < SQLITE_FTS_COLUMNS)
        m->replay[m->nreplay++] = (replay){ text, toks, n, len };
}

void sqlite_fts_replay_end(sqlite_fts *m)
{
    if (m)
        m->nreplay = 0;
}

/* Splits text at ASCII separators; a run of ASCII letters and digits is one
 * token, its stem from the memos; any other run goes to FTS5's tokenizer.
 * Inlined into each caller, so the workers' recording callback is too. */
static inline __attribute__((always_inline)) int scan(fast_tok *t, void *ctx, int flags,
                                                      const char *text, int n, token_fn *x)
{
    const unsigned char *u = (const unsigned char *)text;
    int rc = SQLITE_OK, i = 0;
    while (rc == SQLITE_OK) {
        while (i < n && CLASS[u[i]] == SEP)
            i++;
        if (i >= n)
            break;
        int s = i, high = 0;
        for (; i < n && CLASS[u[i]] != SEP; i++)
            high |= CLASS[u[i]];
        const char *stem;
        int slen;
        rc = high & HIGH ? SQLITE_DONE
                         : word_stem(t, flags, text + s, i - s, text + n, &stem, &slen);
        if (rc == SQLITE_OK)
            rc = x(ctx, 0, stem, slen, s, i);
        else if (rc == SQLITE_DONE)
            rc = delegate(t, ctx, flags, text, s, i, x);
    }
    /* FTS5's tokenizer ends with OK when its caller stopped it so */
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int fast_tokenize(Fts5Tokenizer *tk, void *ctx, int flags, const char *text, int n,
                         token_fn *x)
{
    fast_tok *t = (fast_tok *)tk;
    if (!t->fast)
        return t->mod->porter.xTokenize(t->inner, ctx, flags, text, n, x);
    if (t->mod->nreplay && t->schema_args && (flags & FTS5_TOKENIZE_DOCUMENT)) {
        const replay *r = find_replay(t->mod, text, n);
        if (r)
            return replay_tokens(r, ctx, x);
    }
    return scan(t, ctx, flags, text, n, x);
}

/* ---- the self-check: both tokenizers on every ASCII character ---- */

typedef struct record {
    char *data;
    size_t len, cap;
    int failed;
} record;

static inline __attribute__((always_inline)) int record_cb(void *p, int tflags, const char *tok,
                                                         int n, int s, int e)
{
    record *r = p;
    size_t need = (size_t)n + sizeof(tok_head);
    /* room is checked inline: this runs once per token */
    if (r->failed || (r->cap - r->len < need &&
                      galley_reserve(&r->data, &r->cap, r->len + need + r->len / 2, 1) < 0)) {
        r->failed = 1;
        return SQLITE_NOMEM;
    }
    tok_head head = { tflags, n, s, e };
    memcpy(r->data + r->len, &head, sizeof head);
    memcpy(r->data + r->len + sizeof head, tok, (size_t)n);
    r->len += need;
    return SQLITE_OK;
}

static int same_as_fts5(fast_tok *t)
{
    static const char tail[] = " Running ponies CONNECTED caresses generalizations "
                               "Zürich café naïve x\xc3(\xe2\x80\x99s Ab9z a1 42";
    char probe[127 * 6 + sizeof tail];
    size_t len = 0;
    for (int c = 1; c < 128; c++) {
        memcpy(probe + len, "Ab", 2);
        probe[len + 2] = (char)c;
        memcpy(probe + len + 3, "9z ", 3);
        len += 6;
    }
    memcpy(probe + len, tail, sizeof tail - 1);
    len += sizeof tail - 1;
    record mine = { 0 }, theirs = { 0 };
    int rc1 = fast_tokenize((Fts5Tokenizer *)t, &mine, FTS5_TOKENIZE_DOCUMENT, probe,
                            (int)len, record_cb);
    int rc2 = t->mod->porter.xTokenize(t->inner, &theirs, FTS5_TOKENIZE_DOCUMENT, probe,
                                       (int)len, record_cb);
    int same = rc1 == SQLITE_OK && rc2 == SQLITE_OK && mine.len == theirs.len &&
               memcmp(mine.data, theirs.data, mine.len) == 0;
    free(mine.data);
    free(theirs.data);
    return same;
}

/* ---- the module ---- */

static void fast_delete(Fts5Tokenizer *tk)
{
    fast_tok *t = (fast_tok *)tk;
    if (!t)
        return;
    if (t->inner)
        t->mod->porter.xDelete(t->inner);
    free(t->memo);
    free(t->memo_long);
    free(t);
}

/* The arguments galley's schema gives (porter unicode61 remove_diacritics N):
 * the split above is unicode61's with its default token characters. */
static int plain_unicode61(const char **arg, int n)
{
    if (n < 1 || strcmp(arg[0], "unicode61") != 0)
        return 0;
    for (int i = 1; i + 1 < n; i += 2)
        if (strcmp(arg[i], "remove_diacritics") != 0)
            return 0;
    return n % 2 == 1;
}

/* zeroed and on cache lines (an empty slot's key matches no word) */
static void *memo_new(size_t size)
{
    void *m = aligned_alloc(64, size);
    if (m)
        memset(m, 0, size);
    return m;
}

static int fast_create(void *ud, const char **arg, int n, Fts5Tokenizer **out)
{
    module *mod = ud;
    fast_tok *t = calloc(1, sizeof *t);
    if (!t)
        return SQLITE_NOMEM;
    t->mod = mod;
    int rc = mod->porter.xCreate(mod->porter_ud, arg, n, &t->inner);
    if (rc != SQLITE_OK) {
        t->inner = NULL;
        fast_delete((Fts5Tokenizer *)t);
        return rc;
    }
    t->schema_args = n == 3;
    for (int i = 0; i < n && t->schema_args; i++)
        t->schema_args = strcmp(arg[i], SCHEMA_ARGS[i]) == 0;
    if (plain_unicode61(arg, n) && (t->memo = memo_new(SHORT_SLOTS * sizeof *t->memo)) &&
        (t->memo_long = memo_new(LONG_SLOTS * sizeof *t->memo_long))) {
        t->fast = 1;
        t->fast = same_as_fts5(t);
    }
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static fts5_api *fts5_api_of(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    return api;
}

sqlite_fts *sqlite_fts_fast_porter(sqlite3 *db)
{
    fts5_api *api = fts5_api_of(db);
    if (!api || api->iVersion < 2)
        return NULL;
    module *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    if (api->xFindTokenizer(api, "porter", &m->porter_ud, &m->porter) == SQLITE_OK) {
        fts5_tokenizer mine = { fast_create, fast_delete, fast_tokenize };
        if (api->xCreateTokenizer(api, "porter", m, &mine, free) == SQLITE_OK)
            return m;               /* FTS5 frees m with the connection */
    }
    free(m);
    return NULL;
}

/* ---- a worker's tokenizer: its own in-memory connection ---- */

struct sqlite_fts_worker {
    sqlite3 *db;
    fast_tok *tok;
};

void sqlite_fts_worker_free(sqlite_fts_worker *w)
{
    if (!w)
        return;
    fast_delete((Fts5Tokenizer *)w->tok);
    sqlite3_close(w->db);           /* frees the module */
    free(w);
}

sqlite_fts_worker *sqlite_fts_worker_new(void)
{
    sqlite_fts_worker *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    module *m = NULL;
    Fts5Tokenizer *tok = NULL;
    if (sqlite3_open_v2(":memory:", &w->db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
        (m = sqlite_fts_fast_porter(w->db)) &&
        fast_create(m, SCHEMA_ARGS, 3, &tok) == SQLITE_OK)
        w->tok = (fast_tok *)tok;
    if (!w->tok || !w->tok->fast) {     /* the stand-in is not exact here */
        sqlite_fts_worker_free(w);
        return NULL;
    }
    return w;
}

int sqlite_fts_tokens(sqlite_fts_worker *w, const char *text, size_t n, sink_buf *out)
{
    if (n > INT_MAX / 8 || out->failed)
        return -1;
    record r = { out->data, out->len, out->cap, 0 };
    /* about 3.5 bytes of tokens per byte of news text: one allocation */
    int rc = galley_reserve(&r.data, &r.cap, r.len + n * 4 + 64, 1) < 0 ? SQLITE_NOMEM
           : scan(w->tok, &r, FTS5_TOKENIZE_DOCUMENT, text, (int)n, record_cb);
    out->data = r.data;
    out->cap = r.cap;
    if (rc != SQLITE_OK || r.failed)
        return -1;
    out->len = r.len;
    return 0;
}
