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

#include <jansson.h>

#include "analyze/internal.h"
#include "private/jansson-article.h"
#include "private/strlist.h"

static const char *const type_names[] = {"person", "place", "organization"};

const char *zn_entity_type_name(zn_entity_type t) {
  if ((unsigned)t < sizeof type_names / sizeof type_names[0])
    return type_names[t];
  return "unknown";
}

int zn__grow(void **arr, size_t elem, size_t *cap, size_t need) {
  size_t ncap;
  void *p;

  if (need <= *cap)
    return ZN_OK;
  ncap = *cap ? *cap : 8;
  while (ncap < need) {
    if (ncap > SIZE_MAX / 2 / elem)
      return ZN_ENOMEM;
    ncap *= 2;
  }
  p = zn_realloc(*arr, ncap * elem);
  if (p == NULL)
    return ZN_ENOMEM;
  *arr = p;
  *cap = ncap;
  return ZN_OK;
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

/* A span's text: the title or a paragraph, sliced. */
static json_t *span_text(const zn_article *art, const zn_span *s) {
  const char *z = NULL;

  if (s->para == ZN_PARA_TITLE)
    z = art->title;
  else if (s->para < art->paragraphs.n)
    z = art->paragraphs.items[s->para];
  if (z == NULL || s->off + s->len > strlen(z))
    return json_null();
  return json_stringn(z + s->off, s->len);
}

static json_t *span_fields(json_t *o, const zn_article *art, const zn_span *s) {
  int bad = 0;

  if (o == NULL)
    return NULL;
  bad |= json_object_set_new(o, "text", span_text(art, s));
  bad |= json_object_set_new(o, "paragraph",
                             s->para == ZN_PARA_TITLE
                                 ? json_null()
                                 : json_integer((json_int_t)s->para));
  bad |= json_object_set_new(o, "start", json_integer((json_int_t)s->off));
  bad |= json_object_set_new(o, "end",
                             json_integer((json_int_t)(s->off + s->len)));
  if (bad) {
    json_decref(o);
    return NULL;
  }
  return o;
}

static json_t *strlist_jansson(const zn_strlist *l) {
  json_t *arr = json_array();

  for (size_t i = 0; arr != NULL && i < l->n; i++) {
    if (json_array_append_new(arr, json_string(l->items[i])) != 0) {
      json_decref(arr);
      return NULL;
    }
  }
  return arr;
}

/* Appends v to arr, taking it; a NULL v (out of memory) fails. */
static int push(json_t *arr, json_t *v) {
  if (v == NULL)
    return -1;
  return json_array_append_new(arr, v);
}

static json_t *entities_jansson(const zn_analysis *an) {
  json_t *arr = json_array();
  int bad = arr == NULL;

  for (size_t i = 0; !bad && i < an->nentities; i++) {
    const zn_entity *e = &an->entities[i];
    json_t *o = json_object();
    if (o == NULL) {
      bad = 1;
      break;
    }
    bad |= json_object_set_new(o, "name", json_string(e->name));
    bad |= json_object_set_new(o, "type",
                               json_string(zn_entity_type_name(e->type)));
    bad |= json_object_set_new(o, "count", json_integer((json_int_t)e->count));
    if (e->type == ZN_ENTITY_PERSON)
      bad |= json_object_set_new(o, "posts", strlist_jansson(&e->posts));
    bad |= push(arr, o);
  }
  if (bad && arr != NULL) {
    json_decref(arr);
    arr = NULL;
  }
  return arr;
}

static json_t *mentions_jansson(const zn_article *art, const zn_analysis *an) {
  json_t *arr = json_array();
  int bad = arr == NULL;

  for (size_t i = 0; !bad && i < an->nmentions; i++) {
    const zn_mention *m = &an->mentions[i];
    json_t *o = span_fields(json_object(), art, &m->at);
    if (o != NULL && m->entity < an->nentities)
      bad |= json_object_set_new(
          o, "type",
          json_string(zn_entity_type_name(an->entities[m->entity].type)));
    bad |= push(arr, o);
  }
  if (bad && arr != NULL) {
    json_decref(arr);
    arr = NULL;
  }
  return arr;
}

static json_t *dates_jansson(const zn_article *art, const zn_analysis *an) {
  json_t *arr = json_array();
  int bad = arr == NULL;

  for (size_t i = 0; !bad && i < an->ndates; i++) {
    json_t *o = span_fields(json_object(), art, &an->dates[i].at);
    if (o != NULL)
      bad |= json_object_set_new(o, "date", json_string(an->dates[i].iso));
    bad |= push(arr, o);
  }
  if (bad && arr != NULL) {
    json_decref(arr);
    arr = NULL;
  }
  return arr;
}

static json_t *terms_jansson(const zn_term *t, size_t n, const char *key,
                             bool integer) {
  json_t *arr = json_array();
  int bad = arr == NULL;

  for (size_t i = 0; !bad && i < n; i++) {
    json_t *o = json_object();
    if (o == NULL) {
      bad = 1;
      break;
    }
    bad |= json_object_set_new(o, "text", json_string(t[i].text));
    /* Weights rounded to 4 places so records diff cleanly across builds. */
    bad |= json_object_set_new(
        o, key,
        integer
            ? json_integer((json_int_t)t[i].weight)
            : json_real((double)(int64_t)(t[i].weight * 10000 + 0.5) / 10000));
    bad |= push(arr, o);
  }
  if (bad && arr != NULL) {
    json_decref(arr);
    arr = NULL;
  }
  return arr;
}

static json_t *fingerprint_jansson(const zn_analysis *an) {
  json_t *o = json_object();
  json_t *mh = json_array();
  char hex[17];
  int bad = o == NULL || mh == NULL;

  for (size_t i = 0; !bad && i < ZN_MINHASH_K; i++)
    bad |= push(mh, json_integer((json_int_t)an->minhash[i]));
  snprintf(hex, sizeof hex, "%016" PRIx64, an->simhash);
  if (!bad) {
    bad |= json_object_set_new(o, "simhash", json_string(hex));
    bad |= json_object_set_new(o, "minhash", mh);
    mh = NULL;
  }
  if (bad) {
    json_decref(o);
    json_decref(mh);
    return NULL;
  }
  return o;
}

static json_t *analysis_jansson(const zn_article *art, const zn_analysis *an) {
  json_t *o = json_object();
  int bad = o == NULL;

  if (bad)
    return NULL;
  bad |= json_object_set_new(o, "seg_mode",
                             json_string(an->seg_mode ? an->seg_mode : "fast"));
  bad |= json_object_set_new(o, "entities", entities_jansson(an));
  bad |= json_object_set_new(o, "mentions", mentions_jansson(art, an));
  bad |= json_object_set_new(o, "dates", dates_jansson(art, an));
  bad |= json_object_set_new(
      o, "slogans", terms_jansson(an->slogans, an->nslogans, "count", true));
  bad |= json_object_set_new(
      o, "keywords",
      terms_jansson(an->keywords, an->nkeywords, "weight", false));
  bad |= json_object_set_new(o, "summary", strlist_jansson(&an->summary));
  bad |= json_object_set_new(o, "fingerprint", fingerprint_jansson(an));
  if (bad) {
    json_decref(o);
    return NULL;
  }
  return o;
}

int zn_document_to_json(const zn_article *art, const zn_analysis *an,
                        unsigned flags, zn_buf *out) {
  json_t *o;
  int rc;

  if (flags & ~(unsigned)(ZN_JSON_PRETTY | ZN_JSON_SORT_KEYS))
    return ZN_EINVAL;
  o = zn__article_jansson(art);
  if (o == NULL)
    return ZN_ENOMEM;
  if (json_object_set_new(o, "analysis",
                          an ? analysis_jansson(art, an) : json_null()) != 0) {
    json_decref(o);
    return ZN_ENOMEM;
  }
  rc = zn__jansson_dump(o, flags, out);
  json_decref(o);
  return rc;
}
