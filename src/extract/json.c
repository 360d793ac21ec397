/* SPDX-License-Identifier: MIT */
/*
 * json.c - the Article record as JSON (docs/FORMAT.md), written with
 * jansson.  Key order follows the record so that output reads top-down.
 */
#include "zhnews/extract.h"

#include <jansson.h>

#include "private/jansson-article.h"

static json_t *str_or_null(const char *z) {
  return z != NULL ? json_string(z) : json_null();
}

static json_t *list_json(const zn_strlist *l) {
  json_t *arr = json_array();
  if (arr == NULL)
    return NULL;
  for (size_t i = 0; i < l->n; i++) {
    if (json_array_append_new(arr, json_string(l->items[i])) != 0) {
      json_decref(arr);
      return NULL;
    }
  }
  return arr;
}

static int dump_cb(const char *buffer, size_t size, void *data) {
  return zn_buf_append((zn_buf *)data, buffer, size) == ZN_OK ? 0 : -1;
}

json_t *zn__article_jansson(const zn_article *a) {
  json_t *o = json_object();
  int bad = 0;

  if (o == NULL)
    return NULL;
  bad |= json_object_set_new(o, "url", str_or_null(a->url));
  bad |= json_object_set_new(o, "site", str_or_null(a->site));
  bad |= json_object_set_new(o, "title", str_or_null(a->title));
  bad |= json_object_set_new(o, "subtitles", list_json(&a->subtitles));
  bad |= json_object_set_new(o, "published", str_or_null(a->published));
  bad |= json_object_set_new(o, "source", str_or_null(a->source));
  bad |= json_object_set_new(o, "authors", list_json(&a->authors));
  bad |= json_object_set_new(o, "editor", str_or_null(a->editor));
  bad |= json_object_set_new(o, "dateline", str_or_null(a->dateline));
  bad |= json_object_set_new(o, "captions", list_json(&a->captions));
  bad |= json_object_set_new(o, "paragraphs", list_json(&a->paragraphs));
  bad |= json_object_set_new(o, "page_id", str_or_null(a->page_id));
  bad |= json_object_set_new(o, "encoding", str_or_null(a->encoding));
  bad |= json_object_set_new(o, "warnings", list_json(&a->warnings));
  if (bad) {
    json_decref(o);
    return NULL;
  }
  return o;
}

int zn__jansson_dump(json_t *o, unsigned flags, zn_buf *out) {
  size_t jflags = JSON_PRESERVE_ORDER;

  if (flags & ~(unsigned)(ZN_JSON_PRETTY | ZN_JSON_SORT_KEYS))
    return ZN_EINVAL;
  if (flags & ZN_JSON_PRETTY)
    jflags |= JSON_INDENT(2);
  else
    jflags |= JSON_COMPACT;
  if (flags & ZN_JSON_SORT_KEYS)
    jflags = (jflags & ~(size_t)JSON_PRESERVE_ORDER) | JSON_SORT_KEYS;
  if (json_dump_callback(o, dump_cb, out, jflags) != 0)
    return ZN_ENOMEM;
  return ZN_OK;
}

int zn_article_to_json(const zn_article *a, unsigned flags, zn_buf *out) {
  json_t *o;
  int rc;

  if (flags & ~(unsigned)(ZN_JSON_PRETTY | ZN_JSON_SORT_KEYS))
    return ZN_EINVAL;
  o = zn__article_jansson(a);
  if (o == NULL)
    return ZN_ENOMEM;
  rc = zn__jansson_dump(o, flags, out);
  json_decref(o);
  return rc;
}
