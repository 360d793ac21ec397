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
#include "private/strlist.h"

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
  struct sent *s;
  size_t n, cap;
  uint32_t *terms;
  size_t nterms, cap_terms;
  int err;
};

/* A summary term: a content word or a verb of two or more characters. */
static bool summary_term(const zn__tok *tok) {
  if (tok->tag != NULL && tok->tag[0] == 'v' && tok->len >= 6)
    return true;
  return tok->content;
}

/* Sentence-final marks, and what may follow one inside the sentence. */
static bool is_final(const char *s, size_t len) {
  return (len == 3 && (memcmp(s, "。", 3) == 0 || memcmp(s, "！", 3) == 0 ||
                       memcmp(s, "？", 3) == 0 || memcmp(s, "；", 3) == 0 ||
                       memcmp(s, "…", 3) == 0)) ||
         (len == 1 && (*s == '!' || *s == '?' || *s == ';'));
}

static bool is_closer(const char *s, size_t len) {
  return len == 3 && (memcmp(s, "”", 3) == 0 || memcmp(s, "’", 3) == 0 ||
                      memcmp(s, "）", 3) == 0 || memcmp(s, "」", 3) == 0 ||
                      memcmp(s, "』", 3) == 0 || memcmp(s, "》", 3) == 0);
}

/* Ends the sentence of tokens [k0, k1) of part pi. */
static int close_sentence(struct collect *c, size_t pi, size_t k0, size_t k1) {
  const zn__tok *tk = c->t->tok;
  struct sent *se;
  size_t w = 0;

  if (k0 >= k1 || c->n >= ZN_SUMMARY_MAX_SENTENCES)
    return ZN_OK;
  c->err = zn__grow((void **)&c->s, sizeof *c->s, &c->cap, c->n + 1);
  if (c->err != ZN_OK)
    return c->err;
  se = &c->s[c->n];
  memset(se, 0, sizeof *se);
  se->part = pi;
  se->off = tk[k0].off;
  se->len = tk[k1 - 1].off + tk[k1 - 1].len - tk[k0].off;
  se->term0 = c->nterms;
  for (size_t k = k0; k < k1; k++) {
    const char *ps = c->t->part[pi].s;
    uint32_t id;
    if (!summary_term(&tk[k]))
      continue;
    c->err = zn__termmap_get(c->map, ps + tk[k].off, tk[k].len, true, &id);
    if (c->err == ZN_OK)
      c->err = zn__grow((void **)&c->terms, sizeof *c->terms, &c->cap_terms,
                        c->nterms + 1);
    if (c->err != ZN_OK)
      return c->err;
    c->terms[c->nterms++] = id;
  }
  se->nterm = c->nterms - se->term0;
  if (se->nterm == 0) { /* c->terms may still be NULL */
    c->n++;
    return ZN_OK;
  }
  /* Sorted and unique, for the term lists of build_graph().  Insertion
   * sort: a sentence has a few dozen terms, and qsort's calls through
   * comparator calls cost more there. */
  for (size_t i = 1; i < se->nterm; i++) {
    uint32_t v = c->terms[se->term0 + i];
    size_t j = i;
    while (j > 0 && c->terms[se->term0 + j - 1] > v) {
      c->terms[se->term0 + j] = c->terms[se->term0 + j - 1];
      j--;
    }
    c->terms[se->term0 + j] = v;
  }
  for (size_t i = 0; i < se->nterm; i++) {
    if (w == 0 || c->terms[se->term0 + i] != c->terms[se->term0 + w - 1])
      c->terms[se->term0 + w++] = c->terms[se->term0 + i];
  }
  se->nterm = w;
  c->nterms = se->term0 + w;
  c->n++;
  return ZN_OK;
}

/* Splits part pi into sentences at its tokens: a sentence ends after a
 * final mark and the closing quotes or brackets right after it. */
static int split_part(struct collect *c, size_t pi) {
  const zn__part *p = &c->t->part[pi];
  const zn__tok *tk = c->t->tok;
  size_t end = p->tok0 + p->ntok;
  size_t k0 = p->tok0;

  for (size_t k = p->tok0; k < end; k++) {
    if (!is_final(p->s + tk[k].off, tk[k].len))
      continue;
    while (k + 1 < end && (is_closer(p->s + tk[k + 1].off, tk[k + 1].len) ||
                           is_final(p->s + tk[k + 1].off, tk[k + 1].len)))
      k++;
    if (close_sentence(c, pi, k0, k + 1) != ZN_OK)
      return c->err;
    k0 = k + 1;
  }
  return close_sentence(c, pi, k0, end);
}

/* A link of the sentence graph: the other sentence and the weight. */
struct link {
  uint32_t to;
  double w;
};

/* The graph as adjacency lists: sentence i's links are
 * link[first[i] .. first[i + 1]), by increasing to. */
struct graph {
  size_t *first;
  struct link *link;
  size_t nlink, cap_link;
};

/*
 * Links every two sentences (each of two terms or more) that share terms,
 * weighted |Si & Sj| / (log |Si| + log |Sj|) (lg[i] = log |Si|).  The
 * shared counts come through each term's list of sentences, so the work is
 * the sum of the squared sentence counts of the terms rather than a merge
 * of term lists for each of the n^2 / 2 pairs.  Most pairs share nothing:
 * lists rather than an n x n matrix make the rounds of rank() cost the
 * links, not n^2 (the dense rounds were the summary's whole cost).
 */
static int build_graph(const struct collect *c, const double *lg,
                       struct graph *g) {
  size_t n = c->n, nid = c->map->n;
  size_t *first = zn_malloc((nid + 1) * sizeof *first);
  uint32_t *list = zn_malloc((c->nterms ? c->nterms : 1) * sizeof *list);
  uint32_t *cnt = zn_malloc(n * sizeof *cnt);
  int rc = ZN_OK;

  memset(g, 0, sizeof *g);
  g->first = zn_malloc((n + 1) * sizeof *g->first);
  if (first == NULL || list == NULL || cnt == NULL || g->first == NULL) {
    rc = ZN_ENOMEM;
    goto done;
  }
  memset(first, 0, (nid + 1) * sizeof *first);
  memset(cnt, 0, n * sizeof *cnt);
  for (size_t i = 0; i < n; i++) {
    const struct sent *se = &c->s[i];
    if (se->nterm > 1)
      for (size_t k = 0; k < se->nterm; k++)
        first[c->terms[se->term0 + k] + 1]++;
  }
  for (size_t id = 0; id < nid; id++)
    first[id + 1] += first[id];
  /* Each term's sentences in increasing order; first[id] walks forward to
   * the start of the next term's list and is moved back after. */
  for (size_t i = 0; i < n; i++) {
    const struct sent *se = &c->s[i];
    if (se->nterm > 1)
      for (size_t k = 0; k < se->nterm; k++)
        list[first[c->terms[se->term0 + k]]++] = (uint32_t)i;
  }
  for (size_t id = nid; id > 0; id--)
    first[id] = first[id - 1];
  first[0] = 0;
  for (size_t i = 0; i < n; i++) {
    const struct sent *se = &c->s[i];
    size_t nt = 0;
    uint32_t lo = UINT32_MAX, hi = 0;
    g->first[i] = g->nlink;
    if (se->nterm < 2)
      continue;
    for (size_t k = 0; k < se->nterm; k++) {
      uint32_t id = c->terms[se->term0 + k];
      for (size_t a = first[id]; a < first[id + 1]; a++) {
        uint32_t j = list[a];
        if (j == i)
          continue;
        if (cnt[j]++ == 0) {
          nt++;
          lo = j < lo ? j : lo;
          hi = j > hi ? j : hi;
        }
      }
    }
    rc = zn__grow((void **)&g->link, sizeof *g->link, &g->cap_link,
                  g->nlink + nt);
    if (rc != ZN_OK)
      goto done;
    /* The linked sentences in order: a scan of their range is cheaper
     * than sorting them, as most sentences link to many. */
    for (uint32_t j = lo; nt > 0 && j <= hi; j++) {
      if (cnt[j] == 0)
        continue;
      g->link[g->nlink].to = j;
      g->link[g->nlink].w = (double)cnt[j] / (lg[i] + lg[j]);
      g->nlink++;
      cnt[j] = 0;
    }
  }
  g->first[n] = g->nlink;
done:
  zn_free(first);
  zn_free(list);
  zn_free(cnt);
  return rc;
}

/* Does the sentence s[0..len) (well-formed UTF-8, as the analyzer's text
 * is) hold at least n characters?  Counts lead bytes, and stops at n. */
static bool has_nchar(const char *s, size_t len, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < len && k < n; i++)
    k += ((unsigned char)s[i] & 0xC0) != 0x80;
  return k >= n;
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
  struct graph g;
  double *out = zn_malloc(n * sizeof *out);
  double *prior = zn_malloc(n * sizeof *prior);
  double *next = zn_malloc(n * sizeof *next);
  double *score;
  double psum = 0.0;
  int rc = ZN_OK;

  memset(&g, 0, sizeof g);
  if (out == NULL || prior == NULL || next == NULL) {
    rc = ZN_ENOMEM;
    goto done;
  }
  for (size_t i = 0; i < n; i++) {
    prior[i] = 1.0 / sqrt(1.0 + (double)i);
    psum += prior[i];
  }
  for (size_t i = 0; i < n; i++) /* log-lengths, reused for every link */
    next[i] = c->s[i].nterm > 1 ? log((double)c->s[i].nterm) : 0.0;
  rc = build_graph(c, next, &g);
  if (rc != ZN_OK)
    goto done;
  /* Each sentence's out-weight, its links in order (the sum's order fixes
   * its rounding). */
  for (size_t i = 0; i < n; i++) {
    double sum = 0.0;
    prior[i] /= psum;
    for (size_t a = g.first[i]; a < g.first[i + 1]; a++)
      sum += g.link[a].w;
    out[i] = sum;
  }
  /* Sentence j's link to i becomes what i passes to j: w(i, j) / out(i)
   * (w is symmetric), so a round is one pass over each list.  A linked
   * sentence has a positive out-weight. */
  for (size_t j = 0; j < n; j++) {
    for (size_t a = g.first[j]; a < g.first[j + 1]; a++)
      g.link[a].w /= out[g.link[a].to];
  }
  /* The rounds read the scores from one array (out is free now). */
  score = out;
  for (size_t i = 0; i < n; i++)
    score[i] = prior[i];
  for (int r = 0; r < ZN_TEXTRANK_ROUNDS; r++) {
    double moved = 0.0;
    for (size_t j = 0; j < n; j++) {
      double in = 0.0;
      size_t a = g.first[j], end = g.first[j + 1];
      /* Two links a step, added in order (the sum's rounding stays). */
      for (; a + 2 <= end; a += 2) {
        in += g.link[a].w * score[g.link[a].to];
        in += g.link[a + 1].w * score[g.link[a + 1].to];
      }
      if (a < end)
        in += g.link[a].w * score[g.link[a].to];
      next[j] =
          (1.0 - ZN_TEXTRANK_DAMPING) * prior[j] + ZN_TEXTRANK_DAMPING * in;
    }
    for (size_t j = 0; j < n; j++) {
      moved += fabs(next[j] - score[j]);
      score[j] = next[j];
    }
    if (moved < 1e-9) /* converged: more rounds change nothing shown */
      break;
  }
  for (size_t i = 0; i < n; i++)
    c->s[i].score = score[i];
done:
  zn_free(g.first);
  zn_free(g.link);
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
    if (split_part(&c, pi) != ZN_OK)
      break;
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
      if (has_nchar(t->part[se->part].s + se->off, se->len,
                    ZN_SUMMARY_MIN_NCHAR))
        order[nchoose++] = &c.s[i];
    }
    qsort(order, nchoose, sizeof *order, cmp_score);
    if (nchoose > k)
      nchoose = k;
    qsort(order, nchoose, sizeof *order, cmp_pos);
    for (size_t i = 0; i < nchoose && rc == ZN_OK; i++) {
      const struct sent *se = order[i];
      rc = zn__strlist_push(&d->an->summary, t->part[se->part].s + se->off,
                            se->len);
    }
  }
  zn_free(order);
  zn_free(c.s);
  zn_free(c.terms);
  zn__termmap_free(&map);
  return rc;
}
