/* SPDX-License-Identifier: MIT */
/*
 * fts5-zhnews.c - the `zhnews` FTS5 tokenizer (SQLite's custom tokenizer
 * interface, ext/fts5/fts5.h, version 1 as in SQLite 3.40).
 *
 * The scheme, and why (docs/ARCHITECTURE.md "Search that never misses"):
 *
 * - Every Han character has a position of its own (folded: width, case,
 *   traditional to simplified).  The token at that position is the bigram
 *   of the character and the next one when the next one follows it directly
 *   in the text (no space, punctuation or line break between), else the
 *   character alone (the last character of a run of Han characters).
 * - Everything else that is a letter or digit makes one token per run
 *   ("iphone15", folded), at a position of its own; punctuation, symbols and
 *   white space separate tokens and take no position.
 *
 * A query string (FTS5_TOKENIZE_QUERY) with a Han run of n >= 2 characters
 * gives the run's n - 1 bigrams at consecutive positions.  A document
 * matches them exactly where the run occurs in it: bigram k at position
 * p + k says characters p + k and p + k + 1 are adjacent in the text, so a
 * chain of n - 1 of them is the substring itself.  That is the "never
 * miss" property, and "never find what is not there": 国歌 is not found in
 * 中华人民共和国 followed by 歌 elsewhere, and 李强 is found inside 李强调研
 * although a segmenter cuts it 李/强调.  When tokens follow the run in the
 * same query string, the run's last character is added as a character
 * token: in a matching document it ends a run too, so that is what stands
 * at its position.  A single Han character at the end of a query string
 * is the character token; the query parser (query.c) marks it as a prefix
 * ("国"*), which matches both the bigrams starting with it and the character
 * alone: every occurrence.
 *
 * Why bigrams and one token a position: bigram posting lists are far
 * shorter than single characters' (的 is in every document, 的发 in few), a
 * two-character query is one token with no positions to compare, and the
 * index holds one token per character.  FTS5's highlight() takes a
 * position's extent from its token, so a bigram phrase marks exactly the
 * substring found.  Words from the segmenter are not indexed: they would
 * span several positions and so could not take part in phrases, and the
 * bigram chain already finds every word; BM25 over the phrase counts its
 * occurrences.  The segmenter works on the query side instead (store.c
 * splits unquoted text into words).
 *
 * Memory: the tokenizer object is allocated with sqlite3_malloc because
 * SQLite owns its lifetime (xCreate / xDelete); the per-call work needs no
 * allocation (tokens are built in a small buffer on the stack).
 */
#include "store/fts5-zhnews.h"

#include <math.h>
#include <string.h>

#include "private/utf8-inl.h"
#include "store/fold.h"
#include "zhnews/common.h"

/* Word runs longer than this are cut into tokens of at most this many
 * bytes; the same cut happens at query time, so it costs no recall for
 * queries that start where the run starts. */
#define ZN_MAX_WORD_TOKEN_LEN 64

struct zn_fts5_tok {
  int unused; /* no options yet; FTS5 needs a distinct object per table */
};

enum cls { CLS_SEP = 0, CLS_HAN = 1, CLS_WORD = 2 };

/* Classes a folded code point: Han, part of a word, or a separator. */
static enum cls classify(int32_t cp) {
  if (cp < 0)
    return CLS_SEP;
  if (cp < 0x80) {
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ||
        (cp >= 'A' && cp <= 'Z'))
      return CLS_WORD;
    return CLS_SEP;
  }
  if (zn__is_han(cp))
    return CLS_HAN;
  /* Latin-1 punctuation and symbols (· × ÷ « »), general punctuation,
   * arrows, mathematical and technical symbols, box drawing, dingbats
   * (U+2000..U+2BFF), supplemental punctuation, CJK symbols and punctuation,
   * variation selectors, vertical and small forms, half-width CJK
   * punctuation, specials (U+FFFD), and the emoji planes. */
  if ((cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
      (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x2E00 && cp <= 0x2E7F) ||
      (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE00 && cp <= 0xFE6F) ||
      (cp >= 0xFF00 && cp <= 0xFF65) || (cp >= 0xFFF0 && cp <= 0xFFFF) ||
      (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0xE0000 && cp <= 0xE01EF))
    return CLS_SEP;
  return CLS_WORD;
}

static size_t put_utf8(char *p, int32_t cp) {
  if (cp < 0x80) {
    p[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    p[0] = (char)(0xC0 | (cp >> 6));
    p[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    p[0] = (char)(0xE0 | (cp >> 12));
    p[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    p[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  p[0] = (char)(0xF0 | (cp >> 18));
  p[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  p[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  p[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

/* One decoded, folded character. */
struct ch {
  int32_t cp; /* folded; -1 for invalid UTF-8 */
  int off;    /* byte offset in the text */
  int len;    /* bytes in the text */
  enum cls cls;
};

static struct ch decode_at(const char *text, int len, int off) {
  struct ch c;
  int32_t cp;
  c.off = off;
  c.len = zn__utf8_decode_inl((const unsigned char *)text + off,
                              (size_t)(len - off), &cp);
  c.cp = cp < 0 ? -1 : zn__fold_cp(cp);
  c.cls = classify(c.cp);
  return c;
}

typedef int (*xtoken_fn)(void *, int, const char *, int, int, int);

/* Whether any token starts at or after byte off. */
static int has_token_from(const char *text, int len, int off) {
  while (off < len) {
    struct ch c = decode_at(text, len, off);
    if (c.cls != CLS_SEP)
      return 1;
    off += c.len;
  }
  return 0;
}

static int emit1(xtoken_fn x, void *ctx, int tflags, const struct ch *a) {
  char buf[4];
  size_t n = put_utf8(buf, a->cp);
  return x(ctx, tflags, buf, (int)n, a->off, a->off + a->len);
}

static int emit2(xtoken_fn x, void *ctx, int tflags, const struct ch *a,
                 const struct ch *b) {
  char buf[8];
  size_t n = put_utf8(buf, a->cp);
  n += put_utf8(buf + n, b->cp);
  return x(ctx, tflags, buf, (int)n, a->off, b->off + b->len);
}

/*
 * A word run starting at c: emits tokens of at most ZN_MAX_WORD_TOKEN_LEN
 * bytes; returns the SQLite code, *end gets the byte after the run.
 */
static int word_run(const char *text, int len, struct ch c, xtoken_fn x,
                    void *ctx, int *end) {
  char buf[ZN_MAX_WORD_TOKEN_LEN + 4];
  size_t n = 0;
  int start = c.off;
  int rc = SQLITE_OK;
  int off = c.off;

  /* Invariant: buf holds the folded bytes of text[start..off). */
  for (;;) {
    char one[4];
    size_t m = put_utf8(one, c.cp);
    if (n + m > ZN_MAX_WORD_TOKEN_LEN) {
      rc = x(ctx, 0, buf, (int)n, start, off);
      if (rc != SQLITE_OK)
        break;
      n = 0;
      start = off;
    }
    memcpy(buf + n, one, m);
    n += m;
    off += c.len;
    if (off >= len)
      break;
    c = decode_at(text, len, off);
    if (c.cls != CLS_WORD)
      break;
  }
  if (rc == SQLITE_OK && n > 0)
    rc = x(ctx, 0, buf, (int)n, start, off);
  *end = off;
  return rc;
}

/* The tokenizer proper (xTokenize). */
static int zhnews_tokenize(Fts5Tokenizer *tok, void *ctx, int flags,
                           const char *text, int len, xtoken_fn x) {
  int query = (flags & FTS5_TOKENIZE_QUERY) != 0;
  int off = 0;
  int rc = SQLITE_OK;
  (void)tok;

  while (rc == SQLITE_OK && off < len) {
    struct ch c = decode_at(text, len, off);
    if (c.cls == CLS_SEP) {
      off += c.len;
    } else if (c.cls == CLS_WORD) {
      rc = word_run(text, len, c, x, ctx, &off);
    } else if (!query) {
      /* Document: the bigram with the next character, else the character. */
      int next = off + c.len;
      struct ch d;
      d.cls = CLS_SEP;
      if (next < len)
        d = decode_at(text, len, next);
      if (d.cls == CLS_HAN)
        rc = emit2(x, ctx, 0, &c, &d);
      else
        rc = emit1(x, ctx, 0, &c);
      off = next;
    } else {
      /* Query: the run's bigrams, one a position; its last character when
       * the run is one character or tokens follow it. */
      struct ch prev = c;
      int n = 1;
      off += c.len;
      while (rc == SQLITE_OK && off < len) {
        struct ch d = decode_at(text, len, off);
        if (d.cls != CLS_HAN)
          break;
        rc = emit2(x, ctx, 0, &prev, &d);
        prev = d;
        n++;
        off += d.len;
      }
      if (rc == SQLITE_OK && (n == 1 || has_token_from(text, len, off)))
        rc = emit1(x, ctx, 0, &prev);
    }
  }
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int zhnews_create(void *user, const char **args, int nargs,
                         Fts5Tokenizer **out) {
  struct zn_fts5_tok *t;
  (void)user;
  (void)args;
  *out = NULL;
  /* Unknown options are refused rather than ignored (STYLE.md §3). */
  if (nargs != 0)
    return SQLITE_ERROR;
  if (zn__fold_init(NULL) != ZN_OK)
    return SQLITE_ERROR;
  t = sqlite3_malloc((int)sizeof *t);
  if (t == NULL)
    return SQLITE_NOMEM;
  t->unused = 0;
  *out = (Fts5Tokenizer *)t;
  return SQLITE_OK;
}

static void zhnews_delete(Fts5Tokenizer *t) {
  sqlite3_free(t);
}

/* ------------------------------------------------------ zhnews_rank() */

/*
 * zhnews_rank(fts, w0, w1, ...): BM25 as FTS5's bm25() computes it (k1 1.2,
 * b 0.75, the same column weights), except that a query of one phrase
 * skips the inverse document frequency.  With one phrase the IDF is the
 * same for every row, so the order is bm25()'s; but bm25() finds it by
 * visiting every document that matches the phrase, the whole cost of a
 * query for a common word over a large archive.  Lower is better, as for
 * bm25().
 */
#define ZN_BM25_K1 1.2
#define ZN_BM25_B 0.75
#define ZN_RANK_MAX_PHRASES 64

struct rank_data {
  int nphrase;
  double avgdl;
  double idf[ZN_RANK_MAX_PHRASES];
};

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *ctx) {
  (void)api;
  (void)fts;
  (*(sqlite3_int64 *)ctx)++;
  return SQLITE_OK;
}

static struct rank_data *rank_data(const Fts5ExtensionApi *api,
                                   Fts5Context *fts, int *rc) {
  struct rank_data *d = api->xGetAuxdata(fts, 0);
  sqlite3_int64 nrow = 0;
  sqlite3_int64 ntok = 0;
  if (d != NULL)
    return d;
  d = sqlite3_malloc((int)sizeof *d);
  if (d == NULL) {
    *rc = SQLITE_NOMEM;
    return NULL;
  }
  d->nphrase = api->xPhraseCount(fts);
  if (d->nphrase > ZN_RANK_MAX_PHRASES)
    d->nphrase = ZN_RANK_MAX_PHRASES;
  *rc = api->xRowCount(fts, &nrow);
  if (*rc == SQLITE_OK)
    *rc = api->xColumnTotalSize(fts, -1, &ntok);
  d->avgdl = nrow > 0 ? (double)ntok / (double)nrow : 1.0;
  for (int i = 0; *rc == SQLITE_OK && i < d->nphrase; i++) {
    sqlite3_int64 n = 0;
    d->idf[i] = 1.0;
    if (d->nphrase == 1)
      break;
    *rc = api->xQueryPhrase(fts, i, &n, count_row);
    /* FTS5's formula, floored the same way so it stays positive. */
    d->idf[i] = log(0.5 + (double)(nrow - n) / ((double)n + 0.5));
    if (d->idf[i] <= 0.0)
      d->idf[i] = 1e-6;
  }
  if (*rc == SQLITE_OK)
    *rc = api->xSetAuxdata(fts, d, sqlite3_free);
  else
    sqlite3_free(d);
  return *rc == SQLITE_OK ? d : NULL;
}

static void zhnews_rank(const Fts5ExtensionApi *api, Fts5Context *fts,
                        sqlite3_context *ctx, int nval, sqlite3_value **vals) {
  struct rank_data *d;
  double freq[ZN_RANK_MAX_PHRASES];
  double score = 0.0;
  int dl = 0;
  int ninst = 0;
  int rc = SQLITE_OK;

  d = rank_data(api, fts, &rc);
  if (d != NULL)
    rc = api->xInstCount(fts, &ninst);
  if (rc == SQLITE_OK)
    rc = api->xColumnSize(fts, -1, &dl);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  for (int i = 0; i < d->nphrase; i++)
    freq[i] = 0.0;
  for (int k = 0; rc == SQLITE_OK && k < ninst; k++) {
    int iphrase;
    int icol;
    int ioff;
    rc = api->xInst(fts, k, &iphrase, &icol, &ioff);
    if (rc == SQLITE_OK && iphrase < d->nphrase)
      freq[iphrase] += icol < nval ? sqlite3_value_double(vals[icol]) : 1.0;
  }
  for (int i = 0; i < d->nphrase; i++) {
    double f = freq[i];
    score += d->idf[i] * (f * (ZN_BM25_K1 + 1.0)) /
             (f + ZN_BM25_K1 *
                      (1.0 - ZN_BM25_B + ZN_BM25_B * (double)dl / d->avgdl));
  }
  if (rc == SQLITE_OK)
    sqlite3_result_double(ctx, -score);
  else
    sqlite3_result_error_code(ctx, rc);
}

/* zhnews_fold(TEXT): the folding the tokenizer applies, as SQL, so a
 * brute-force scan (tests, bench/search) compares like with like. */
static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const char *z;
  int n;
  size_t need;
  char *out;
  (void)argc;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
    return;
  z = (const char *)sqlite3_value_text(argv[0]);
  n = sqlite3_value_bytes(argv[0]);
  if (z == NULL) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  need = zn__fold_utf8(z, (size_t)n, NULL, 0);
  out = sqlite3_malloc64(need + 1);
  if (out == NULL) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  zn__fold_utf8(z, (size_t)n, out, need);
  sqlite3_result_text64(ctx, out, need, sqlite3_free, SQLITE_UTF8);
}

static fts5_api *get_fts5_api(sqlite3 *db) {
  fts5_api *api = NULL;
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
  sqlite3_step(st);
  sqlite3_finalize(st);
  return api;
}

int zn__zhnews_register(sqlite3 *db, const char **why) {
  fts5_api *api;
  static fts5_tokenizer k_tok = {zhnews_create, zhnews_delete, zhnews_tokenize};
  int rc;

  *why = "";
  if (zn__fold_init(why) != ZN_OK)
    return SQLITE_ERROR;
  api = get_fts5_api(db);
  if (api == NULL || api->iVersion < 2) {
    *why = "this SQLite has no FTS5";
    return SQLITE_ERROR;
  }
  rc = api->xCreateTokenizer(api, "zhnews", NULL, &k_tok, NULL);
  if (rc != SQLITE_OK) {
    *why = "could not register the zhnews tokenizer";
    return rc;
  }
  rc = api->xCreateFunction(api, "zhnews_rank", NULL, zhnews_rank, NULL);
  if (rc != SQLITE_OK) {
    *why = "could not register zhnews_rank()";
    return rc;
  }
  rc = sqlite3_create_function(db, "zhnews_fold", 1,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC |
                                   SQLITE_INNOCUOUS,
                               NULL, sql_fold, NULL, NULL);
  if (rc != SQLITE_OK)
    *why = "could not register zhnews_fold()";
  return rc;
}

int zn__fts5_tokenize(int flags, const char *text, int len,
                      int (*x)(void *, int, const char *, int, int, int),
                      void *ctx) {
  return zhnews_tokenize(NULL, ctx, flags, text, len, x);
}
