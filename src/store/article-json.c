/* SPDX-License-Identifier: MIT */
/*
 * article-json.c - reading an Article (or a Document: Article keys plus
 * "analysis") from a jansson object, for `zhnews index` on JSON Lines.
 *
 * A stopgap: zn_article_from_json() (analyze.h) is the API's reader and is
 * being written elsewhere; when it lands this file goes.  It reads only what
 * the store keeps: the Article's keys; unknown keys are ignored, a key of
 * the wrong type is an error naming it.
 */
#include "store/store-int.h"

#include <stdio.h>
#include <string.h>

#include "extract/internal.h"

static int get_str(json_t *o, const char *key, char **field, char *err,
                   size_t cap) {
  json_t *v = json_object_get(o, key);
  if (v == NULL || json_is_null(v))
    return ZN_OK;
  if (!json_is_string(v)) {
    snprintf(err, cap, "\"%s\" is not a string", key);
    return ZN_EFORMAT;
  }
  return zn__set_field(field, json_string_value(v), json_string_length(v));
}

static int get_list(json_t *o, const char *key, zn_strlist *l, char *err,
                    size_t cap) {
  json_t *v = json_object_get(o, key);
  size_t i;
  json_t *e;
  if (v == NULL || json_is_null(v))
    return ZN_OK;
  if (!json_is_array(v)) {
    snprintf(err, cap, "\"%s\" is not a list", key);
    return ZN_EFORMAT;
  }
  json_array_foreach(v, i, e) {
    int rc;
    if (!json_is_string(e)) {
      snprintf(err, cap, "\"%s\"[%zu] is not a string", key, i);
      return ZN_EFORMAT;
    }
    rc = zn__strlist_push(l, json_string_value(e), json_string_length(e));
    if (rc != ZN_OK)
      return rc;
  }
  return ZN_OK;
}

int zn__store_article_from_jansson(json_t *o, zn_article **out, char *err,
                                   size_t cap) {
  zn_article *a;
  int rc = ZN_OK;
  *out = NULL;
  if (!json_is_object(o)) {
    snprintf(err, cap, "not a JSON object");
    return ZN_EFORMAT;
  }
  a = zn__article_new();
  if (a == NULL)
    return ZN_ENOMEM;
  if (rc == ZN_OK)
    rc = get_str(o, "url", &a->url, err, cap);
  if (rc == ZN_OK)
    rc = get_str(o, "site", &a->site, err, cap);
  if (rc == ZN_OK)
    rc = get_str(o, "title", &a->title, err, cap);
  if (rc == ZN_OK)
    rc = get_list(o, "subtitles", &a->subtitles, err, cap);
  if (rc == ZN_OK)
    rc = get_str(o, "published", &a->published, err, cap);
  if (rc == ZN_OK)
    rc = get_str(o, "source", &a->source, err, cap);
  if (rc == ZN_OK)
    rc = get_list(o, "authors", &a->authors, err, cap);
  if (rc == ZN_OK)
    rc = get_str(o, "editor", &a->editor, err, cap);
  if (rc == ZN_OK)
    rc = get_str(o, "dateline", &a->dateline, err, cap);
  if (rc == ZN_OK)
    rc = get_list(o, "captions", &a->captions, err, cap);
  if (rc == ZN_OK)
    rc = get_list(o, "paragraphs", &a->paragraphs, err, cap);
  if (rc == ZN_OK)
    rc = get_str(o, "page_id", &a->page_id, err, cap);
  if (rc == ZN_OK)
    rc = get_str(o, "encoding", &a->encoding, err, cap);
  if (rc == ZN_OK)
    rc = get_list(o, "warnings", &a->warnings, err, cap);
  if (rc != ZN_OK) {
    zn_article_free(a);
    return rc;
  }
  *out = a;
  return ZN_OK;
}
