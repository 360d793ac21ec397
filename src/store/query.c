/* SPDX-License-Identifier: MIT */
/*
 * query.c - the search query language, translated into an FTS5 MATCH
 * expression (docs/FORMAT.md "Queries").
 *
 * Users type plain text, "quoted phrases", OR, NOT and -; FTS5's own
 * syntax (barewords, column filters, ^, *, NEAR, parentheses) is never
 * exposed: every term reaches FTS5 as a double-quoted string with its
 * quotes doubled, and the operators between terms are written here, so no
 * input can make FTS5 raise a syntax error.  Terms with nothing the
 * tokenizer would index (only punctuation, "*", ":") are dropped; a query
 * left with no positive term translates to the empty string, which the
 * store answers with no hits.
 *
 * Inside a phrase, white space between Han characters is dropped, and a
 * phrase ending in a lone Han character is a prefix query (see put_phrase).
 *
 * Structure: OR binds two neighbouring positive terms; positive terms (or
 * OR-groups) are ANDed; negated terms are subtracted at the end:
 *   a b OR c -d  ->  ("a" AND ("b" OR "c")) NOT ("d")
 */
#include "zhnews/store.h"

#include <string.h>

#include "private/utf8-inl.h"
#include "store/fold.h"
#include "store/fts5-zhnews.h"

/* The most terms one query may hold; more are ignored (a query is typed by
 * a person: 256 terms is far beyond that). */
#define ZN_MAX_QUERY_TERMS 256

struct term {
  size_t off; /* the term's text in the query */
  size_t len;
  bool quoted;
  bool negated;
  bool or_before; /* "OR" stood between this term and the previous one */
};

/* What the tokenizer makes of a string: how many tokens, and whether the
 * last one is a single Han character. */
struct tokinfo {
  int n;
  bool last_is_han1;
};

static int on_tok(void *ctx, int tflags, const char *tok, int ntok, int start,
                  int end) {
  struct tokinfo *ti = ctx;
  int32_t cp;
  (void)tflags;
  (void)start;
  (void)end;
  ti->n++;
  ti->last_is_han1 = ntok >= 3 &&
                     zn__utf8_decode_inl((const unsigned char *)tok,
                                         (size_t)ntok, &cp) == ntok &&
                     zn__is_han(cp);
  return SQLITE_OK;
}

static struct tokinfo tokens_of(const char *s, size_t len) {
  struct tokinfo ti = {0, false};
  if (len > 0)
    zn__fts5_tokenize(FTS5_TOKENIZE_QUERY, s, (int)len, on_tok, &ti);
  return ti;
}

static bool has_tokens(const char *s, size_t len) {
  return tokens_of(s, len).n > 0;
}

/* The Han code point that starts at s (or ends just before s + len for
 * back), or -1. */
static int32_t han_at(const char *s, size_t len) {
  int32_t cp;
  if (len == 0)
    return -1;
  zn__utf8_decode_inl((const unsigned char *)s, len, &cp);
  return cp >= 0 && zn__is_han(cp) ? cp : -1;
}

static bool han_before(const char *s, size_t off) {
  size_t i = off;
  int32_t cp;
  while (i > 0 && off - i < 4) {
    i--;
    if (((unsigned char)s[i] & 0xC0) != 0x80)
      break;
  }
  if (off - i < 3)
    return false;
  zn__utf8_decode_inl((const unsigned char *)s + i, off - i, &cp);
  return cp >= 0 && zn__is_han(cp);
}

/*
 * Appends the phrase "s" (inner quotes doubled).  White space between two
 * Han characters is dropped: Chinese has no spaces between words, so a
 * space typed in a phrase (国务院 总理) separates words, not text.  A phrase
 * whose last token is one Han character gets a prefix mark, so that
 * character is found also where it starts a bigram (fts5-zhnews.c).
 */
static int put_phrase(zn_buf *out, const char *s, size_t len) {
  size_t start = out->len;
  int rc = zn_buf_append_byte(out, '"');
  for (size_t i = 0; rc == ZN_OK && i < len; i++) {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
      size_t j = i;
      while (j < len &&
             (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r'))
        j++;
      if (han_before(s, i) && han_at(s + j, len - j) >= 0) {
        i = j - 1;
        continue;
      }
    }
    if (s[i] == '"')
      rc = zn_buf_append_byte(out, '"');
    if (rc == ZN_OK)
      rc = zn_buf_append_byte(out, (unsigned char)s[i]);
  }
  if (rc == ZN_OK)
    rc = zn_buf_append_byte(out, '"');
  if (rc == ZN_OK &&
      tokens_of(out->data + start + 1, out->len - start - 2).last_is_han1)
    rc = zn_buf_append_byte(out, '*');
  return rc;
}

struct seg_ctx {
  zn_buf *out;
  size_t n;       /* phrases written */
  size_t run_off; /* pending run of one-character words: its bytes */
  size_t run_end; /* (run_off == run_end: none pending) */
  int rc;
};

static int put_and(struct seg_ctx *c, const char *text, size_t off,
                   size_t len) {
  if (!has_tokens(text + off, len))
    return ZN_OK;
  if (c->n > 0)
    c->rc = zn_buf_append_str(c->out, " AND ");
  if (c->rc == ZN_OK)
    c->rc = put_phrase(c->out, text + off, len);
  c->n++;
  return c->rc;
}

static bool one_han(const char *s, size_t len) {
  int32_t cp;
  return len > 0 &&
         zn__utf8_decode_inl((const unsigned char *)s, len, &cp) == (int)len &&
         zn__is_han(cp);
}

/*
 * Words of an unquoted term.  Neighbouring one-character words are kept
 * together as one phrase: a run the lexicon cannot split (an unknown name
 * such as 雄安, a traditional spelling) is better searched as the text it
 * is than as characters that may each occur anywhere.
 */
static int on_word(void *ctx, const char *text, const zn_token *t) {
  struct seg_ctx *c = ctx;
  if (t->flags & ZN_TOKEN_SUBWORD)
    return 0;
  if (one_han(text + t->off, t->len)) {
    if (c->run_off == c->run_end)
      c->run_off = t->off;
    else if (t->off != c->run_end) {
      put_and(c, text, c->run_off, c->run_end - c->run_off);
      c->run_off = t->off;
    }
    c->run_end = t->off + t->len;
    return c->rc != ZN_OK;
  }
  if (c->run_off != c->run_end) {
    put_and(c, text, c->run_off, c->run_end - c->run_off);
    c->run_off = c->run_end = 0;
  }
  if (c->rc == ZN_OK)
    put_and(c, text, t->off, t->len);
  return c->rc != ZN_OK;
}

/* One term as an FTS5 group: a phrase, or (with seg, unquoted) the AND of
 * its words' phrases.  The segmenter sees the folded term, so traditional
 * spellings split as their simplified forms do. */
static int put_term(zn_buf *out, const char *q, const struct term *t,
                    zn_seg *seg) {
  struct seg_ctx c;
  zn_buf folded;
  size_t need;
  char *p;
  int rc;
  if (t->quoted || seg == NULL)
    return put_phrase(out, q + t->off, t->len);
  memset(&c, 0, sizeof c);
  c.out = out;
  zn_buf_init(&folded, 0);
  need = zn__fold_utf8(q + t->off, t->len, NULL, 0);
  p = zn_buf_reserve(&folded, need);
  if (p == NULL)
    return ZN_ENOMEM;
  zn__fold_utf8(q + t->off, t->len, p, need);
  zn_buf_commit(&folded, need);
  rc = zn_buf_append_byte(out, '(');
  if (rc == ZN_OK)
    rc = zn_seg_run(seg, folded.data, folded.len, on_word, &c);
  if (rc == ZN_OK && c.rc == ZN_OK && c.run_off != c.run_end)
    put_and(&c, folded.data, c.run_off, c.run_end - c.run_off);
  if (rc == ZN_OK)
    rc = c.rc;
  if (rc == ZN_OK && c.n == 0) /* the segmenter found nothing: whole term */
    rc = put_phrase(out, q + t->off, t->len);
  if (rc == ZN_OK)
    rc = zn_buf_append_byte(out, ')');
  zn_buf_free(&folded);
  return rc;
}

static bool is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v' || c == '(' || c == ')';
}

/* Length of an opening quote at s (ASCII " or “), 0 if none. */
static size_t open_quote(const char *s, size_t left) {
  if (s[0] == '"')
    return 1;
  if (left >= 3 && memcmp(s, "\xE2\x80\x9C", 3) == 0)
    return 3;
  return 0;
}

/* Finds the closing quote from s: " or ”; returns its offset (or left). */
static size_t find_close(const char *s, size_t left, size_t *qlen) {
  for (size_t i = 0; i < left; i++) {
    if (s[i] == '"') {
      *qlen = 1;
      return i;
    }
    if (left - i >= 3 && memcmp(s + i, "\xE2\x80\x9D", 3) == 0) {
      *qlen = 3;
      return i;
    }
  }
  *qlen = 0;
  return left;
}

/* Splits q into terms; returns how many. */
static size_t lex(const char *q, size_t len, struct term *terms) {
  size_t n = 0;
  size_t i = 0;
  bool neg = false;
  bool or_pending = false;

  while (i < len && n < ZN_MAX_QUERY_TERMS) {
    struct term t;
    size_t ql;
    if (is_space((unsigned char)q[i])) {
      i++;
      continue;
    }
    if (q[i] == '-' && i + 1 < len && !is_space((unsigned char)q[i + 1])) {
      neg = true;
      i++;
      continue;
    }
    memset(&t, 0, sizeof t);
    ql = open_quote(q + i, len - i);
    if (ql > 0) {
      size_t cl;
      size_t end;
      i += ql;
      end = find_close(q + i, len - i, &cl);
      t.off = i;
      t.len = end;
      t.quoted = true;
      i += end + cl;
    } else {
      size_t j = i;
      while (j < len && !is_space((unsigned char)q[j]) &&
             open_quote(q + j, len - j) == 0)
        j++;
      if (j - i == 2 && memcmp(q + i, "OR", 2) == 0) {
        or_pending = true;
        i = j;
        continue;
      }
      if (j - i == 3 && memcmp(q + i, "NOT", 3) == 0) {
        neg = true;
        i = j;
        continue;
      }
      if (j - i == 3 && memcmp(q + i, "AND", 3) == 0) {
        i = j;
        continue;
      }
      t.off = i;
      t.len = j - i;
      i = j;
    }
    if (!has_tokens(q + t.off, t.len)) {
      neg = false;
      continue;
    }
    t.negated = neg;
    t.or_before = or_pending && !neg && n > 0 && !terms[n - 1].negated;
    terms[n++] = t;
    neg = false;
    or_pending = false;
  }
  return n;
}

int zn_store_query_to_fts(const char *query, zn_seg *seg, zn_buf *out) {
  struct term *terms;
  size_t len = strlen(query);
  size_t n;
  size_t npos = 0;
  size_t nneg = 0;
  int rc = ZN_OK;

  if (len > ZN_MAX_QUERY_LEN)
    return ZN_ETOOBIG;
  terms = zn_malloc(sizeof *terms * ZN_MAX_QUERY_TERMS);
  if (terms == NULL)
    return ZN_ENOMEM;
  n = lex(query, len, terms);
  for (size_t i = 0; i < n; i++) {
    if (terms[i].negated)
      nneg++;
    else
      npos++;
  }
  if (npos == 0)
    goto out;
  /* Positive terms: "(" t1 [OR t2] ")" AND "(" ... ")". */
  rc = zn_buf_append_byte(out, '(');
  for (size_t i = 0, k = 0; rc == ZN_OK && i < n; i++) {
    if (terms[i].negated)
      continue;
    if (k > 0)
      rc = zn_buf_append_str(out, terms[i].or_before ? " OR " : ") AND (");
    if (rc == ZN_OK)
      rc = put_term(out, query, &terms[i], seg);
    k++;
  }
  if (rc == ZN_OK)
    rc = zn_buf_append_byte(out, ')');
  if (rc == ZN_OK && nneg > 0) {
    rc = zn_buf_append_str(out, " NOT (");
    for (size_t i = 0, k = 0; rc == ZN_OK && i < n; i++) {
      if (!terms[i].negated)
        continue;
      if (k++ > 0)
        rc = zn_buf_append_str(out, " OR ");
      if (rc == ZN_OK)
        rc = put_term(out, query, &terms[i], seg);
    }
    if (rc == ZN_OK)
      rc = zn_buf_append_byte(out, ')');
  }
out:
  zn_free(terms);
  return rc;
}
