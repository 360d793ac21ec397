/* SPDX-License-Identifier: MIT */
/*
 * analysis.c - the zn_analysis value: freeing it, growing its arrays, and
 * writing the Document (the Article plus "analysis") as JSON in the shape
 * docs/FORMAT.md gives.
 */
#include "zhnews/analyze.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "analyze/internal.h"
#include "private/jansson-article.h"
#include "private/strlist.h"

static const char *const type_names[] = {"person", "place", "organization"};

const char *zn_entity_type_name(zn_entity_type t) {
  if ((unsigned)t < sizeof type_names / sizeof type_names[0])
    return type_names[t];
  return "unknown";
}

void zn_analysis_free(zn_analysis *a) {
  if (a == NULL)
    return;
  for (size_t i = 0; i < a->nentities; i++) {
    zn_free(a->entities[i].name);
    zn__strlist_clear(&a->entities[i].posts);
  }
  zn_free(a->entities);
  zn_free(a->mentions);
  for (size_t i = 0; i < a->ndates; i++)
    zn_free(a->dates[i].iso);
  zn_free(a->dates);
  for (size_t i = 0; i < a->nslogans; i++)
    zn_free(a->slogans[i].text);
  zn_free(a->slogans);
  for (size_t i = 0; i < a->nkeywords; i++)
    zn_free(a->keywords[i].text);
  zn_free(a->keywords);
  zn__strlist_clear(&a->summary);
  zn_free(a);
}

/* A span's text: the title or a paragraph, sliced; null when the span
 * does not fit its text. */
static void span_text(zn__jw *w, const zn_article *art, const zn_span *s) {
  const char *z = NULL;

  if (s->para == ZN_PARA_TITLE)
    z = art->title;
  else if (s->para < art->paragraphs.n)
    z = art->paragraphs.items[s->para];
  if (z == NULL || s->off + s->len > strlen(z))
    zn__jw_null(w);
  else
    zn__jw_strn(w, z + s->off, s->len);
}

/* text, paragraph, start, end of a span, into the open object. */
static void span_fields(zn__jw *w, const zn_article *art, const zn_span *s) {
  zn__jw_key(w, "text");
  span_text(w, art, s);
  zn__jw_key(w, "paragraph");
  if (s->para == ZN_PARA_TITLE)
    zn__jw_null(w);
  else
    zn__jw_int(w, (int64_t)s->para);
  zn__jw_key(w, "start");
  zn__jw_int(w, (int64_t)s->off);
  zn__jw_key(w, "end");
  zn__jw_int(w, (int64_t)(s->off + s->len));
}

static void strlist_jw(zn__jw *w, const zn_strlist *l) {
  zn__jw_array(w);
  for (size_t i = 0; i < l->n; i++)
    zn__jw_str(w, l->items[i]);
  zn__jw_end(w);
}

static void entities_jw(zn__jw *w, const zn_analysis *an) {
  zn__jw_array(w);
  for (size_t i = 0; i < an->nentities; i++) {
    const zn_entity *e = &an->entities[i];
    zn__jw_object(w);
    zn__jw_key(w, "name");
    zn__jw_str(w, e->name);
    zn__jw_key(w, "type");
    zn__jw_str(w, zn_entity_type_name(e->type));
    zn__jw_key(w, "count");
    zn__jw_int(w, (int64_t)e->count);
    if (e->type == ZN_ENTITY_PERSON) {
      zn__jw_key(w, "posts");
      strlist_jw(w, &e->posts);
    }
    zn__jw_end(w);
  }
  zn__jw_end(w);
}

static void mentions_jw(zn__jw *w, const zn_article *art,
                        const zn_analysis *an) {
  zn__jw_array(w);
  for (size_t i = 0; i < an->nmentions; i++) {
    const zn_mention *m = &an->mentions[i];
    zn__jw_object(w);
    span_fields(w, art, &m->at);
    if (m->entity < an->nentities) {
      zn__jw_key(w, "type");
      zn__jw_str(w, zn_entity_type_name(an->entities[m->entity].type));
    }
    zn__jw_end(w);
  }
  zn__jw_end(w);
}

static void dates_jw(zn__jw *w, const zn_article *art, const zn_analysis *an) {
  zn__jw_array(w);
  for (size_t i = 0; i < an->ndates; i++) {
    zn__jw_object(w);
    span_fields(w, art, &an->dates[i].at);
    zn__jw_key(w, "date");
    zn__jw_str(w, an->dates[i].iso);
    zn__jw_end(w);
  }
  zn__jw_end(w);
}

static void terms_jw(zn__jw *w, const zn_term *t, size_t n, const char *key,
                     bool integer) {
  zn__jw_array(w);
  for (size_t i = 0; i < n; i++) {
    zn__jw_object(w);
    zn__jw_key(w, "text");
    zn__jw_str(w, t[i].text);
    zn__jw_key(w, key);
    /* Weights rounded to 4 places so records diff cleanly across builds. */
    if (integer)
      zn__jw_int(w, (int64_t)t[i].weight);
    else
      zn__jw_real(w, (double)(int64_t)(t[i].weight * 10000 + 0.5) / 10000);
    zn__jw_end(w);
  }
  zn__jw_end(w);
}

static void fingerprint_jw(zn__jw *w, const zn_analysis *an) {
  char hex[17];

  snprintf(hex, sizeof hex, "%016" PRIx64, an->simhash);
  zn__jw_object(w);
  zn__jw_key(w, "simhash");
  zn__jw_str(w, hex);
  zn__jw_key(w, "minhash");
  zn__jw_array(w);
  for (size_t i = 0; i < ZN_MINHASH_K; i++)
    zn__jw_int(w, (int64_t)an->minhash[i]);
  zn__jw_end(w);
  zn__jw_end(w);
}

static void analysis_jw(zn__jw *w, const zn_article *art,
                        const zn_analysis *an) {
  zn__jw_object(w);
  zn__jw_key(w, "seg_mode");
  zn__jw_str(w, an->seg_mode ? an->seg_mode : "fast");
  zn__jw_key(w, "entities");
  entities_jw(w, an);
  zn__jw_key(w, "mentions");
  mentions_jw(w, art, an);
  zn__jw_key(w, "dates");
  dates_jw(w, art, an);
  zn__jw_key(w, "slogans");
  terms_jw(w, an->slogans, an->nslogans, "count", true);
  zn__jw_key(w, "keywords");
  terms_jw(w, an->keywords, an->nkeywords, "weight", false);
  zn__jw_key(w, "summary");
  strlist_jw(w, &an->summary);
  zn__jw_key(w, "fingerprint");
  fingerprint_jw(w, an);
  zn__jw_end(w);
}

int zn__analysis_to_json(const zn_article *art, const zn_analysis *an,
                         zn_buf *out) {
  zn__jw w;
  size_t start = out->len;

  zn__jw_init(&w, out);
  analysis_jw(&w, art, an);
  return zn__jw_finish(&w, start, 0);
}

int zn_document_to_json(const zn_article *art, const zn_analysis *an,
                        unsigned flags, zn_buf *out) {
  zn__jw w;
  size_t start = out->len;

  if (flags & ~(unsigned)(ZN_JSON_PRETTY | ZN_JSON_SORT_KEYS))
    return ZN_EINVAL;
  zn__jw_init(&w, out);
  zn__jw_object(&w);
  zn__article_jw(&w, art);
  zn__jw_key(&w, "analysis");
  if (an != NULL)
    analysis_jw(&w, art, an);
  else
    zn__jw_null(&w);
  zn__jw_end(&w);
  return zn__jw_finish(&w, start, flags);
}
