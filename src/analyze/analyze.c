/* SPDX-License-Identifier: MIT */
/*
 * analyze.c - the analyzer handle and zn_analyze(), which runs the parts in
 * order over an Article: segment the title and each paragraph (fast mode,
 * POS tags), find entities and dates paragraph by paragraph, then the
 * document-wide parts (keywords, slogans, summary, fingerprints).  Each
 * part lives in its own file and appends to the analysis.
 */
#include "zhnews/analyze.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "analyze/internal.h"
#include "private/names.h"
#include "private/strlist.h"

/* Words the lexicon lacks get this IDF: jieba's idf.utf8 median, so an
 * unknown word is not weighted like the rarest word there is. */
#define ZN_IDF_DEFAULT 11.7

#define ZN_MAX_KEYWORDS 1000

struct zn_analyzer {
  const zn_lexicon *lex;
  zn_seg *seg;
  size_t nkeywords;
  size_t nsummary;
  uint8_t surname_first[0x10000 / 8]; /* see zn__doc */
  /* zn__text's arrays, kept from one call to the next: growing them anew
   * for every article (copying the tokens at each doubling) was a twentieth
   * of the segmenting. */
  zn__part *part;
  size_t cap_part;
  zn__tok *tok;
  size_t cap_tok;
};

int zn_analyzer_new(const zn_lexicon *lex, zn_analyzer **out) {
  zn_analyzer *an;
  int rc;

  *out = NULL;
  if (lex == NULL)
    return ZN_EINVAL;
  an = zn_malloc(sizeof *an);
  if (an == NULL)
    return ZN_ENOMEM;
  memset(an, 0, sizeof *an);
  an->lex = lex;
  an->nkeywords = 10;
  an->nsummary = 3;
  zn__surname_starts(an->surname_first);
  rc = zn_seg_new(lex, &an->seg);
  if (rc != ZN_OK) {
    zn_free(an);
    return rc;
  }
  *out = an;
  return ZN_OK;
}

void zn_analyzer_free(zn_analyzer *an) {
  if (an == NULL)
    return;
  zn_seg_free(an->seg);
  zn_free(an->part);
  zn_free(an->tok);
  zn_free(an);
}

int zn_analyzer_set_keywords(zn_analyzer *an, size_t n) {
  if (n > ZN_MAX_KEYWORDS)
    return ZN_EINVAL;
  an->nkeywords = n;
  return ZN_OK;
}

int zn_analyzer_set_summary(zn_analyzer *an, size_t n) {
  if (n > ZN_MAX_KEYWORDS)
    return ZN_EINVAL;
  an->nsummary = n;
  return ZN_OK;
}

zn_seg *zn_analyzer_seg(zn_analyzer *an) {
  return an->seg;
}

double zn__idf(const zn_lexicon *lex, const char *s, size_t len) {
  double v = zn_lexicon_idf(lex, s, len);
  return v > 0.0 ? v : ZN_IDF_DEFAULT;
}

/* --------------------------------------------------------- entities */

/* The length of a place name without a trailing 市 or 省 when what is
 * left is still a name of two characters or more (天津市 → 天津). */
static size_t place_stem(const char *z, size_t len) {
  if (len >= 9 &&
      (memcmp(z + len - 3, "市", 3) == 0 || memcmp(z + len - 3, "省", 3) == 0))
    return len - 3;
  return len;
}

/* Do two mentions name one entity?  Places match with or without their
 * 市 / 省 (天津 and 天津市); everything else by its exact name. */
static bool same_name(zn_entity_type t, const char *a, const char *b,
                      size_t blen) {
  size_t alen = strlen(a);
  if (alen == blen && memcmp(a, b, blen) == 0)
    return true;
  if (t != ZN_ENTITY_PLACE)
    return false;
  alen = place_stem(a, alen);
  blen = place_stem(b, blen);
  return alen == blen && memcmp(a, b, alen) == 0;
}

int zn__add_mention(zn__doc *d, zn_entity_type t, size_t para, const char *name,
                    size_t off, size_t len, size_t *entity) {
  zn_analysis *an = d->an;
  size_t e;
  int rc;

  for (e = 0; e < an->nentities; e++) {
    if (an->entities[e].type == t &&
        same_name(t, an->entities[e].name, name, len))
      break;
  }
  if (e == an->nentities) {
    zn_entity *en;
    rc = zn__grow((void **)&an->entities, sizeof *an->entities,
                  &d->cap_entities, an->nentities + 1);
    if (rc != ZN_OK)
      return rc;
    en = &an->entities[e];
    memset(en, 0, sizeof *en);
    en->name = zn_malloc(len + 1);
    if (en->name == NULL)
      return ZN_ENOMEM;
    memcpy(en->name, name, len);
    en->name[len] = '\0';
    en->type = t;
    an->nentities++;
  }
  rc = zn__grow((void **)&an->mentions, sizeof *an->mentions, &d->cap_mentions,
                an->nmentions + 1);
  if (rc != ZN_OK)
    return rc;
  an->mentions[an->nmentions].entity = e;
  an->mentions[an->nmentions].at.para = para;
  an->mentions[an->nmentions].at.off = off;
  an->mentions[an->nmentions].at.len = len;
  an->nmentions++;
  an->entities[e].count++;
  *entity = e;
  return ZN_OK;
}

int zn__add_post(zn__doc *d, size_t entity, const char *post, size_t len) {
  zn_strlist *l = &d->an->entities[entity].posts;
  if (zn__strlist_has(l, post, len))
    return ZN_OK;
  return zn__strlist_push(l, post, len);
}

/* Entities ordered people, places, organizations, each by count; mention
 * indexes follow. */
static int order_entities(zn_analysis *an) {
  size_t n = an->nentities;
  size_t *order, *where;
  zn_entity *sorted;

  if (n < 2)
    return ZN_OK;
  order = zn_malloc(n * sizeof *order);
  where = zn_malloc(n * sizeof *where);
  sorted = zn_malloc(n * sizeof *sorted);
  if (order == NULL || where == NULL || sorted == NULL) {
    zn_free(order);
    zn_free(where);
    zn_free(sorted);
    return ZN_ENOMEM;
  }
  for (size_t i = 0; i < n; i++)
    order[i] = i;
  /* Insertion sort: stable (first seen first among equals), n is small. */
  for (size_t i = 1; i < n; i++) {
    size_t v = order[i], j = i;
    while (j > 0) {
      const zn_entity *a = &an->entities[order[j - 1]];
      const zn_entity *b = &an->entities[v];
      if (a->type < b->type || (a->type == b->type && a->count >= b->count))
        break;
      order[j] = order[j - 1];
      j--;
    }
    order[j] = v;
  }
  for (size_t i = 0; i < n; i++) {
    sorted[i] = an->entities[order[i]];
    where[order[i]] = i;
  }
  memcpy(an->entities, sorted, n * sizeof *sorted);
  for (size_t i = 0; i < an->nmentions; i++)
    an->mentions[i].entity = where[an->mentions[i].entity];
  zn_free(order);
  zn_free(where);
  zn_free(sorted);
  return ZN_OK;
}

/* --------------------------------------------------------- segmenting */

static int tok_cb(void *ctx, const char *text, const zn_token *tok) {
  zn__text *t = ctx;
  (void)text;
  if (t->ntok == t->cap_tok) {
    t->err =
        zn__grow((void **)&t->tok, sizeof *t->tok, &t->cap_tok, t->ntok + 1);
    if (t->err != ZN_OK)
      return 1;
  }
  t->tok[t->ntok].off = tok->off;
  t->tok[t->ntok].len = tok->len;
  t->tok[t->ntok].tag = tok->tag;
  t->tok[t->ntok].content = zn__is_content(t, &t->tok[t->ntok], text);
  t->ntok++;
  return 0;
}

static int add_part(zn_analyzer *an, zn__text *t, size_t para, const char *s) {
  zn__part *p;
  int rc;

  rc = zn__grow((void **)&t->part, sizeof *t->part, &t->cap_part, t->npart + 1);
  if (rc != ZN_OK)
    return rc;
  p = &t->part[t->npart];
  p->para = para;
  p->s = s;
  p->len = strlen(s);
  p->tok0 = t->ntok;
  rc = zn_seg_run(an->seg, s, p->len, tok_cb, t);
  if (rc == ZN_OK)
    rc = t->err;
  if (rc != ZN_OK)
    return rc;
  p->ntok = t->ntok - p->tok0;
  t->npart++;
  return ZN_OK;
}

int zn_analyze(zn_analyzer *an, const zn_article *art, zn_analysis **out) {
  zn_analysis *res;
  zn__doc d;
  zn__text t;
  zn__date_anchor anchor;
  int rc = ZN_OK;

  *out = NULL;
  res = zn_malloc(sizeof *res);
  if (res == NULL)
    return ZN_ENOMEM;
  memset(res, 0, sizeof *res);
  res->seg_mode = zn_seg_mode_name(zn_seg_get_mode(an->seg));
  /* Accurate mode gives the word boundaries; the recognizers read the
   * lexicon's tags (the jieba set they were written for), not the PKU tags
   * of accurate mode's tagger, which would also cost 3x the time. */
  if (zn_seg_get_mode(an->seg) == ZN_SEG_ACCURATE)
    zn_seg_set_pos(an->seg, false);
  memset(&d, 0, sizeof d);
  d.an = res;
  d.surname_first = an->surname_first;
  d.lex = an->lex;
  memset(&t, 0, sizeof t);
  t.lex = an->lex;
  t.part = an->part;
  t.cap_part = an->cap_part;
  t.tok = an->tok;
  t.cap_tok = an->cap_tok;
  zn__date_anchor_from(art->published, &anchor);

  if (art->title != NULL)
    rc = add_part(an, &t, ZN_PARA_TITLE, art->title);
  for (size_t i = 0; rc == ZN_OK && i < art->paragraphs.n; i++)
    rc = add_part(an, &t, i, art->paragraphs.items[i]);
  for (size_t i = 0; rc == ZN_OK && i < t.npart; i++) {
    const zn__part *p = &t.part[i];
    /* No token at all may leave t.tok NULL: no offset from it then. */
    rc = zn__find_entities(&d, p->para, p->s, p->len,
                           p->ntok > 0 ? t.tok + p->tok0 : NULL, p->ntok);
    if (rc == ZN_OK)
      rc = zn__find_dates(res, &d.cap_dates, &anchor, p->para, p->s, p->len);
  }
  if (rc == ZN_OK)
    rc = zn__keywords(&d, &t, an->nkeywords);
  if (rc == ZN_OK)
    rc = zn__slogans(&d, &t);
  if (rc == ZN_OK)
    rc = zn__summary(&d, &t, an->nsummary);
  if (rc == ZN_OK)
    rc = zn_fingerprint(art, res);
  if (rc == ZN_OK)
    rc = order_entities(res);
  an->part = t.part;
  an->cap_part = t.cap_part;
  an->tok = t.tok;
  an->cap_tok = t.cap_tok;
  if (rc != ZN_OK) {
    zn_analysis_free(res);
    return rc;
  }
  *out = res;
  return ZN_OK;
}
