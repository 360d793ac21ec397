/* SPDX-License-Identifier: MIT */
/*
 * summary.c - an extractive summary: the most central body sentences, in
 * their order in the body.
 *
 * TextRank over sentences (Mihalcea and Tarau 2004): two sentences are
 * linked by the content words they share, normalised by their lengths
 * (|Si ∩ Sj| / (log |Si| + log |Sj|)); a sentence is central when central
 * sentences link to it.  Chinese news puts its point first (the lead), so
 * the random jump prefers early sentences (weight 1/sqrt(1 + position)).
 * Only body paragraphs are ranked: the Article already keeps captions,
 * bylines and chrome out of them.  Sentences of fewer than
 * ZN_SUMMARY_MIN_NCHAR characters (datelines, fragments) are not chosen.
 */
#include "analyze/internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define ZN_SUMMARY_MIN_NCHAR 12
/* Only the first sentences are ranked: the graph is quadratic. */
#define ZN_SUMMARY_MAX_SENTENCES 400
#define ZN_TEXTRANK_DAMPING 0.85
#define ZN_TEXTRANK_ROUNDS 30

struct sent {
  size_t part;         /* index into zn__text.part */
  size_t off, len;     /* bytes in the part */
  size_t term0, nterm; /* sorted unique term ids in terms[] */
  double score;
};

struct collect {
  const zn__text *t;
  zn__termmap *map;
  size_t part;
  struct sent *s;
  size_t n, cap;
  uint32_t *terms;
  size_t nterms, cap_terms;
  int err;
};

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

/* A summary term: a content word or a verb of two or more characters. */
static bool summary_term(const zn__text *t, const zn__tok *tok, const char *s) {
  if (tok->tag != NULL && tok->tag[0] == 'v' && tok->len >= 6)
    return true;
  return zn__is_content(t, tok, s);
}

static int sentence_cb(void *ctx, size_t off, size_t len) {
  struct collect *c = ctx;
  const zn__part *p = &c->t->part[c->part];
  struct sent *se;
  size_t k;

  if (c->n >= ZN_SUMMARY_MAX_SENTENCES)
    return 1;
  c->err = zn__grow((void **)&c->s, sizeof *c->s, &c->cap, c->n + 1);
  if (c->err != ZN_OK)
    return 1;
  se = &c->s[c->n];
  memset(se, 0, sizeof *se);
  se->part = c->part;
  se->off = off;
  se->len = len;
  se->term0 = c->nterms;
  for (k = p->tok0; k < p->tok0 + p->ntok; k++) {
    const zn__tok *tok = &c->t->tok[k];
    uint32_t id;
    if (tok->off < off || tok->off + tok->len > off + len ||
        !summary_term(c->t, tok, p->s))
      continue;
    c->err = zn__termmap_get(c->map, p->s + tok->off, tok->len, true, &id);
    if (c->err == ZN_OK)
      c->err = zn__grow((void **)&c->terms, sizeof *c->terms, &c->cap_terms,
                        c->nterms + 1);
    if (c->err != ZN_OK)
      return 1;
    c->terms[c->nterms++] = id;
  }
  se->nterm = c->nterms - se->term0;
  /* Sorted and unique, for the merge in overlap(). */
  qsort(c->terms + se->term0, se->nterm, sizeof *c->terms, cmp_u32);
  {
    size_t w = 0;
    for (size_t i = 0; i < se->nterm; i++) {
      if (w == 0 || c->terms[se->term0 + i] != c->terms[se->term0 + w - 1])
        c->terms[se->term0 + w++] = c->terms[se->term0 + i];
    }
    se->nterm = w;
    c->nterms = se->term0 + w;
  }
  c->n++;
  return 0;
}

static size_t overlap(const uint32_t *a, size_t na, const uint32_t *b,
                      size_t nb) {
  size_t i = 0, j = 0, n = 0;
  while (i < na && j < nb) {
    if (a[i] == b[j]) {
      n++;
      i++;
      j++;
    } else if (a[i] < b[j]) {
      i++;
    } else {
      j++;
    }
  }
  return n;
}

static int cmp_score(const void *a, const void *b) {
  const struct sent *x = *(const struct sent *const *)a;
  const struct sent *y = *(const struct sent *const *)b;
  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x < y ? -1 : x > y;
}

static int cmp_pos(const void *a, const void *b) {
  const struct sent *x = *(const struct sent *const *)a;
  const struct sent *y = *(const struct sent *const *)b;
  return x < y ? -1 : x > y;
}

/* Ranks the sentences c->s[0..n) by TextRank with a position prior. */
static int rank(struct collect *c) {
  size_t n = c->n;
  double *w = zn_malloc(n * n * sizeof *w);
  double *out = zn_malloc(n * sizeof *out);
  double *prior = zn_malloc(n * sizeof *prior);
  double *next = zn_malloc(n * sizeof *next);
  double psum = 0.0;
  int rc = ZN_OK;

  if (w == NULL || out == NULL || prior == NULL || next == NULL) {
    rc = ZN_ENOMEM;
    goto done;
  }
  for (size_t i = 0; i < n; i++) {
    prior[i] = 1.0 / sqrt(1.0 + (double)i);
    psum += prior[i];
    out[i] = 0.0;
  }
  for (size_t i = 0; i < n; i++) {
    prior[i] /= psum;
    c->s[i].score = prior[i];
    w[i * n + i] = 0.0;
    for (size_t j = i + 1; j < n; j++) {
      const struct sent *a = &c->s[i], *b = &c->s[j];
      size_t o =
          overlap(c->terms + a->term0, a->nterm, c->terms + b->term0, b->nterm);
      double v = 0.0;
      if (o > 0 && a->nterm > 1 && b->nterm > 1)
        v = (double)o / (log((double)a->nterm) + log((double)b->nterm));
      w[i * n + j] = w[j * n + i] = v;
      out[i] += v;
      out[j] += v;
    }
  }
  for (int r = 0; r < ZN_TEXTRANK_ROUNDS; r++) {
    for (size_t j = 0; j < n; j++) {
      double in = 0.0;
      for (size_t i = 0; i < n; i++) {
        if (out[i] > 0.0)
          in += w[i * n + j] / out[i] * c->s[i].score;
      }
      next[j] =
          (1.0 - ZN_TEXTRANK_DAMPING) * prior[j] + ZN_TEXTRANK_DAMPING * in;
    }
    for (size_t j = 0; j < n; j++)
      c->s[j].score = next[j];
  }
done:
  zn_free(w);
  zn_free(out);
  zn_free(prior);
  zn_free(next);
  return rc;
}

int zn__summary(zn__doc *d, const zn__text *t, size_t k) {
  zn__termmap map;
  struct collect c;
  struct sent **order = NULL;
  size_t nchoose = 0;
  int rc = ZN_OK;

  if (k == 0)
    return ZN_OK;
  zn__termmap_init(&map);
  memset(&c, 0, sizeof c);
  c.t = t;
  c.map = &map;
  for (size_t pi = 0; pi < t->npart && c.err == ZN_OK; pi++) {
    if (t->part[pi].para == ZN_PARA_TITLE)
      continue;
    c.part = pi;
    zn_text_sentences(t->part[pi].s, t->part[pi].len, sentence_cb, &c);
    if (c.n >= ZN_SUMMARY_MAX_SENTENCES)
      break;
  }
  rc = c.err;
  if (rc == ZN_OK && c.n > 0)
    rc = rank(&c);
  if (rc == ZN_OK && c.n > 0) {
    order = zn_malloc(c.n * sizeof *order);
    if (order == NULL)
      rc = ZN_ENOMEM;
  }
  if (rc == ZN_OK && c.n > 0) {
    for (size_t i = 0; i < c.n; i++) {
      const struct sent *se = &c.s[i];
      if (zn_utf8_nchar(t->part[se->part].s + se->off, se->len) >=
          ZN_SUMMARY_MIN_NCHAR)
        order[nchoose++] = &c.s[i];
    }
    qsort(order, nchoose, sizeof *order, cmp_score);
    if (nchoose > k)
      nchoose = k;
    qsort(order, nchoose, sizeof *order, cmp_pos);
    for (size_t i = 0; i < nchoose && rc == ZN_OK; i++) {
      const struct sent *se = order[i];
      zn_strlist *l = &d->an->summary;
      char *z;
      if (l->n == l->cap) {
        size_t ncap = l->cap ? 2 * l->cap : 4;
        char **p = zn_realloc(l->items, ncap * sizeof *p);
        if (p == NULL) {
          rc = ZN_ENOMEM;
          break;
        }
        l->items = p;
        l->cap = ncap;
      }
      z = zn_malloc(se->len + 1);
      if (z == NULL) {
        rc = ZN_ENOMEM;
        break;
      }
      memcpy(z, t->part[se->part].s + se->off, se->len);
      z[se->len] = '\0';
      l->items[l->n++] = z;
    }
  }
  zn_free(order);
  zn_free(c.s);
  zn_free(c.terms);
  zn__termmap_free(&map);
  return rc;
}
