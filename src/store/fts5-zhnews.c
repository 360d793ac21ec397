/* SPDX-License-Identifier: MIT */
/*
 * fts5-zhnews.c - the `zhnews` FTS5 tokenizer (SQLite's custom tokenizer
 * interface, ext/fts5/fts5.h, version 1 as in SQLite 3.40), and the SQL
 * functions that go with it: zhnews_rank() (an FTS5 auxiliary function),
 * zhnews_snippet() and zhnews_fold(), all registered by
 * zn__zhnews_register() at the bottom.
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
 * occurrences.  The segmenter works on the query side instead (query.c
 * splits unquoted text into words).
 *
 * Memory: everything here allocates with sqlite3_malloc, because SQLite owns
 * the lifetimes (the tokenizer object between xCreate and xDelete, function
 * results, auxiliary data) and because the extension build has no zn_malloc.
 * Tokenizing itself needs no allocation (tokens are built on the stack).
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
  size_t n = (size_t)zn__utf8_encode_inl((uint32_t)a->cp, buf);
  return x(ctx, tflags, buf, (int)n, a->off, a->off + a->len);
}

static int emit2(xtoken_fn x, void *ctx, int tflags, const struct ch *a,
                 const struct ch *b) {
  char buf[8];
  size_t n = (size_t)zn__utf8_encode_inl((uint32_t)a->cp, buf);
  n += (size_t)zn__utf8_encode_inl((uint32_t)b->cp, buf + n);
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
    size_t m = (size_t)zn__utf8_encode_inl((uint32_t)c.cp, one);
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
  struct ch next; /* the character at off, when have_next */
  int have_next = 0;
  (void)tok;

  while (rc == SQLITE_OK && off < len) {
    struct ch c = have_next ? next : decode_at(text, len, off);
    have_next = 0;
    if (c.cls == CLS_SEP) {
      off += c.len;
    } else if (c.cls == CLS_WORD) {
      rc = word_run(text, len, c, x, ctx, &off);
    } else if (!query) {
      /* Document: the bigram with the next character, else the character. */
      int after = off + c.len;
      if (after < len) {
        next = decode_at(text, len, after);
        have_next = 1; /* decoded once, used again as the next c */
      }
      if (have_next && next.cls == CLS_HAN)
        rc = emit2(x, ctx, 0, &c, &next);
      else
        rc = emit1(x, ctx, 0, &c);
      off = after;
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

/* ---------------------------------------------------- zhnews_snippet() */

/*
 * zhnews_snippet(QUERY, OPEN, CLOSE, NCHAR, COL...): a passage of about
 * NCHAR characters from the column that holds the most of the query's
 * phrases (the last such column on a tie: the body before the title),
 * starting a little before the first match (at a sentence start when one is
 * near), every occurrence of a phrase between OPEN and CLOSE, "…" where text
 * is cut, line breaks as spaces.  QUERY is a MATCH expression; its quoted
 * strings before a top-level NOT are the phrases.  Matching is on folded
 * text, as the tokenizer's: a Han phrase is marked wherever it occurs as a
 * substring, a phrase starting or ending with a letter or digit only where
 * it does not run into more letters or digits.
 *
 * Why not FTS5's snippet(): it needs a second MATCH for each hit, and
 * looking the phrases up again in the index costs about 0.2 ms a hit, more
 * than the rest of a search; this needs only the row.
 */
#define ZN_SNIPPET_MAX_TERMS 32
#define ZN_SNIPPET_MAX_TERM 256
#define ZN_SNIPPET_LEAD 12

struct sbuf {
  char *p;
  size_t n;
  size_t cap;
  int oom;
};

static void sb_put(struct sbuf *b, const char *s, size_t n) {
  if (b->oom)
    return;
  if (b->n + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    char *q;
    while (cap < b->n + n + 1)
      cap *= 2;
    q = sqlite3_realloc64(b->p, cap);
    if (q == NULL) {
      b->oom = 1;
      return;
    }
    b->p = q;
    b->cap = cap;
  }
  memcpy(b->p + b->n, s, n);
  b->n += n;
  b->p[b->n] = '\0';
}

/* The phrases of a MATCH expression, folded, NUL-separated in terms. */
static int query_terms(const char *q, struct sbuf *terms, size_t *lens,
                       int max) {
  int n = 0;
  const char *p = q;
  while (*p != '\0' && n < max) {
    if (*p == '"') {
      char raw[ZN_SNIPPET_MAX_TERM];
      size_t k = 0;
      char folded[3 * ZN_SNIPPET_MAX_TERM + 4];
      size_t fl;
      p++;
      while (*p != '\0') {
        if (*p == '"' && p[1] == '"') {
          p++;
        } else if (*p == '"') {
          p++;
          break;
        }
        if (k < sizeof raw)
          raw[k++] = *p;
        p++;
      }
      fl = zn__fold_utf8(raw, k, folded, sizeof folded);
      if (fl > 0 && fl <= sizeof folded) {
        lens[n++] = fl;
        sb_put(terms, folded, fl);
      }
      continue;
    }
    if (strncmp(p, " NOT ", 5) == 0)
      break;
    p++;
  }
  return n;
}

static int is_alnum_byte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z');
}

/* One column decoded: folded text and, per folded byte, its character. */
struct col {
  const char *text;
  int len;
  struct sbuf fold;
  int *cidx; /* folded byte -> character index */
  int *coff; /* character index -> byte offset in text (nchar + 1) */
  int nchar;
  unsigned char *mark; /* per character: inside a match */
  int nfound;          /* distinct phrases found */
  int first;           /* first marked character, or -1 */
};

static void col_free(struct col *c) {
  sqlite3_free(c->fold.p);
  sqlite3_free(c->cidx);
  sqlite3_free(c->coff);
  sqlite3_free(c->mark);
}

static int col_load(struct col *c, const char *terms, const size_t *lens,
                    int nterms) {
  int i = 0;
  int k = 0;
  c->coff = sqlite3_malloc64(((size_t)c->len + 1) * sizeof *c->coff);
  c->cidx = sqlite3_malloc64(((size_t)c->len * 3 + 4) * sizeof *c->cidx);
  c->mark = sqlite3_malloc64((size_t)c->len + 1);
  if (c->coff == NULL || c->cidx == NULL || c->mark == NULL)
    return SQLITE_NOMEM;
  memset(c->mark, 0, (size_t)c->len + 1);
  c->first = -1;
  while (i < c->len) {
    char one[4];
    size_t m;
    int32_t cp;
    int l = zn__utf8_decode_inl((const unsigned char *)c->text + i,
                                (size_t)(c->len - i), &cp);
    m = (size_t)zn__utf8_encode_inl(
        (uint32_t)(cp < 0 ? 0xFFFD : zn__fold_cp(cp)), one);
    for (size_t b = 0; b < m; b++)
      c->cidx[c->fold.n + b] = k;
    sb_put(&c->fold, one, m);
    c->coff[k++] = i;
    i += l;
  }
  c->coff[k] = c->len;
  c->nchar = k;
  if (c->fold.oom)
    return SQLITE_NOMEM;
  if (c->fold.n == 0)
    return SQLITE_OK;
  for (int t = 0; t < nterms; t++) {
    const char *term = terms;
    size_t tl = lens[t];
    const char *h = c->fold.p;
    int found = 0;
    for (int u = 0; u < t; u++)
      term += lens[u];
    const char *end = c->fold.p + c->fold.n;
    /* Invariant: every match starting before h has been marked. */
    while (tl > 0 && (size_t)(end - h) >= tl) {
      const char *hit = NULL;
      for (const char *x = h; x + tl <= end; x++) {
        if (*x == *term && memcmp(x, term, tl) == 0) {
          hit = x;
          break;
        }
      }
      if (hit == NULL)
        break;
      {
        size_t fo = (size_t)(hit - c->fold.p);
        size_t fe = fo + tl;
        int ok = 1;
        /* A match starts and ends on character boundaries... */
        if ((fo > 0 && c->cidx[fo - 1] == c->cidx[fo]) ||
            (fe < c->fold.n && c->cidx[fe - 1] == c->cidx[fe]))
          ok = 0;
        /* ...and a word does not run on into more letters or digits. */
        if (ok && is_alnum_byte((unsigned char)term[0]) && fo > 0 &&
            is_alnum_byte((unsigned char)c->fold.p[fo - 1]))
          ok = 0;
        if (ok && is_alnum_byte((unsigned char)term[tl - 1]) &&
            fe < c->fold.n && is_alnum_byte((unsigned char)c->fold.p[fe]))
          ok = 0;
        if (ok) {
          int a = c->cidx[fo];
          int z = c->cidx[fe - 1];
          for (int q = a; q <= z; q++)
            c->mark[q] = 1;
          if (c->first < 0 || a < c->first)
            c->first = a;
          found = 1;
        }
        h = hit + 1;
      }
    }
    c->nfound += found;
  }
  return SQLITE_OK;
}

static int is_stop(int32_t cp) {
  return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == '\n' ||
         cp == '.' || cp == '!' || cp == '?' || cp == 0xFF1B;
}

static void zhnews_snippet(sqlite3_context *ctx, int argc,
                           sqlite3_value **argv) {
  const char *q = (const char *)sqlite3_value_text(argv[0]);
  const char *open = (const char *)sqlite3_value_text(argv[1]);
  const char *close = (const char *)sqlite3_value_text(argv[2]);
  int width = sqlite3_value_int(argv[3]);
  struct sbuf terms = {NULL, 0, 0, 0};
  size_t lens[ZN_SNIPPET_MAX_TERMS];
  struct col cols[8];
  int ncol = argc - 4;
  int nterms;
  int best = -1;
  int rc = SQLITE_OK;
  struct sbuf out = {NULL, 0, 0, 0};

  if (ncol < 1 || ncol > 8 || q == NULL) {
    sqlite3_result_error(ctx,
                         "zhnews_snippet(QUERY, OPEN, CLOSE, NCHAR, "
                         "COLUMN, ...): 1 to 8 columns",
                         -1);
    return;
  }
  if (open == NULL)
    open = "";
  if (close == NULL)
    close = "";
  if (width <= 0 || width > 1000)
    width = 40;
  nterms = query_terms(q, &terms, lens, ZN_SNIPPET_MAX_TERMS);
  memset(cols, 0, sizeof cols);
  for (int i = 0; i < ncol && rc == SQLITE_OK; i++) {
    cols[i].text = (const char *)sqlite3_value_text(argv[4 + i]);
    cols[i].len = sqlite3_value_bytes(argv[4 + i]);
    if (cols[i].text == NULL) {
      cols[i].text = "";
      cols[i].len = 0;
    }
    if (terms.oom)
      rc = SQLITE_NOMEM;
    else
      rc = col_load(&cols[i], terms.p, lens, nterms);
    if (rc == SQLITE_OK && cols[i].nchar > 0 &&
        (best < 0 || cols[i].nfound >= cols[best].nfound))
      best = i;
  }
  if (rc == SQLITE_OK && best >= 0) {
    struct col *c = &cols[best];
    int start = c->first < 0 ? 0 : c->first;
    int end;
    int in = 0;
    /* Back up a little, to a sentence start when one is near. */
    for (int k = 1; k <= ZN_SNIPPET_LEAD && start > 0; k++) {
      int32_t cp;
      zn__utf8_decode_inl((const unsigned char *)c->text + c->coff[start - 1],
                          (size_t)(c->coff[start] - c->coff[start - 1]), &cp);
      if (is_stop(cp))
        break;
      start--;
    }
    end = start + width;
    if (end > c->nchar)
      end = c->nchar;
    while (end < c->nchar && c->mark[end - 1] && c->mark[end])
      end++; /* never cut a match */
    if (start > 0)
      sb_put(&out, "…", 3);
    for (int k = start; k < end; k++) {
      const char *p = c->text + c->coff[k];
      size_t n = (size_t)(c->coff[k + 1] - c->coff[k]);
      if (c->mark[k] && !in) {
        sb_put(&out, open, strlen(open));
        in = 1;
      } else if (!c->mark[k] && in) {
        sb_put(&out, close, strlen(close));
        in = 0;
      }
      if (n == 1 && (*p == '\n' || *p == '\r'))
        sb_put(&out, " ", 1);
      else
        sb_put(&out, p, n);
    }
    if (in)
      sb_put(&out, close, strlen(close));
    if (end < c->nchar)
      sb_put(&out, "…", 3);
    if (out.oom)
      rc = SQLITE_NOMEM;
  }
  for (int i = 0; i < ncol; i++)
    col_free(&cols[i]);
  sqlite3_free(terms.p);
  if (rc != SQLITE_OK) {
    sqlite3_free(out.p);
    sqlite3_result_error_nomem(ctx);
  } else if (out.p == NULL) {
    sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
  } else {
    sqlite3_result_text64(ctx, out.p, out.n, sqlite3_free, SQLITE_UTF8);
  }
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
  rc = sqlite3_create_function(db, "zhnews_snippet", -1,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC |
                                   SQLITE_INNOCUOUS,
                               NULL, zhnews_snippet, NULL, NULL);
  if (rc != SQLITE_OK) {
    *why = "could not register zhnews_snippet()";
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
