/* SPDX-License-Identifier: MIT */
/*
 * json.c - the Article record as JSON (docs/FORMAT.md), written and read
 * with jansson.  Key order follows the record so that output reads
 * top-down.  The reader takes an Article or a Document (whose "analysis"
 * it ignores, like any key it does not know) and checks every type, so a
 * record it accepts writes back byte for byte as it was written.
 */
#include "zhnews/extract.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "zhnews/analyze.h"
#include "extract/internal.h"
#include "private/jansson-article.h"

static int dump_cb(const char *buffer, size_t size, void *data) {
  return zn_buf_append((zn_buf *)data, buffer, size) == ZN_OK ? 0 : -1;
}

static void list_jw(zn__jw *w, const char *key, const zn_strlist *l) {
  zn__jw_key(w, key);
  zn__jw_array(w);
  for (size_t i = 0; i < l->n; i++)
    zn__jw_str(w, l->items[i]);
  zn__jw_end(w);
}

static void str_jw(zn__jw *w, const char *key, const char *v) {
  zn__jw_key(w, key);
  zn__jw_str(w, v);
}

void zn__article_jw(zn__jw *w, const zn_article *a) {
  str_jw(w, "url", a->url);
  str_jw(w, "site", a->site);
  str_jw(w, "title", a->title);
  list_jw(w, "subtitles", &a->subtitles);
  str_jw(w, "published", a->published);
  str_jw(w, "source", a->source);
  list_jw(w, "authors", &a->authors);
  str_jw(w, "editor", a->editor);
  str_jw(w, "dateline", a->dateline);
  list_jw(w, "captions", &a->captions);
  list_jw(w, "paragraphs", &a->paragraphs);
  str_jw(w, "page_id", a->page_id);
  str_jw(w, "encoding", a->encoding);
  list_jw(w, "warnings", &a->warnings);
}

int zn__jansson_dump(json_t *o, unsigned flags, zn_buf *out) {
  /* Fifteen digits: what the compact writer (jsonw.h) prints, enough for
   * every double zhnews writes (weights rounded to 4 places). */
  size_t jflags = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15);

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

static void buf_cut(zn_buf *b, size_t len) {
  b->len = len;
  if (b->data != NULL)
    b->data[len] = '\0';
}

int zn__jw_finish(zn__jw *w, size_t start, unsigned flags) {
  json_t *o;
  int rc;

  if (w->rc != ZN_OK || w->depth != 0) {
    rc = w->rc != ZN_OK ? w->rc : ZN_EINVAL;
    buf_cut(w->out, start);
    return rc;
  }
  if (flags == 0)
    return ZN_OK;
  /* Indented or sorted output is for people: jansson re-reads the compact
   * text and writes it that way, so that one writer defines the record. */
  o = json_loadb(w->out->data + start, w->out->len - start, 0, NULL);
  buf_cut(w->out, start);
  if (o == NULL)
    return ZN_ENOMEM;
  rc = zn__jansson_dump(o, flags, w->out);
  json_decref(o);
  if (rc != ZN_OK) /* nothing appended on an error */
    buf_cut(w->out, start);
  return rc;
}

int zn_article_to_json(const zn_article *a, unsigned flags, zn_buf *out) {
  zn__jw w;
  size_t start = out->len;

  if (flags & ~(unsigned)(ZN_JSON_PRETTY | ZN_JSON_SORT_KEYS))
    return ZN_EINVAL;
  zn__jw_init(&w, out);
  zn__jw_object(&w);
  zn__article_jw(&w, a);
  zn__jw_end(&w);
  return zn__jw_finish(&w, start, flags);
}

/* ------------------------------------------------------------ reading */

/* The record's string fields and list fields, by key. */
static const struct {
  const char *key;
  size_t off;
} k_str_fields[] = {
    {"url", offsetof(zn_article, url)},
    {"site", offsetof(zn_article, site)},
    {"title", offsetof(zn_article, title)},
    {"published", offsetof(zn_article, published)},
    {"source", offsetof(zn_article, source)},
    {"editor", offsetof(zn_article, editor)},
    {"dateline", offsetof(zn_article, dateline)},
    {"page_id", offsetof(zn_article, page_id)},
    {"encoding", offsetof(zn_article, encoding)},
};

static const struct {
  const char *key;
  size_t off;
} k_list_fields[] = {
    {"subtitles", offsetof(zn_article, subtitles)},
    {"authors", offsetof(zn_article, authors)},
    {"captions", offsetof(zn_article, captions)},
    {"paragraphs", offsetof(zn_article, paragraphs)},
    {"warnings", offsetof(zn_article, warnings)},
};

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int
format_error(char *errmsg, size_t errmsg_len, const char *fmt, ...) {
  va_list ap;

  if (errmsg != NULL && errmsg_len > 0) {
    va_start(ap, fmt);
    vsnprintf(errmsg, errmsg_len, fmt, ap);
    va_end(ap);
  }
  return ZN_EFORMAT;
}

int zn_article_from_json(const char *json, size_t len, zn_article **out,
                         char *errmsg, size_t errmsg_len) {
  json_error_t jerr;
  json_t *root;
  zn_article *a;
  int rc = ZN_OK;

  if (out == NULL || (json == NULL && len > 0))
    return ZN_EINVAL;
  *out = NULL;
  if (errmsg != NULL && errmsg_len > 0)
    errmsg[0] = '\0';
  /* Without JSON_ALLOW_NUL jansson refuses \u0000, so every string it
   * gives is a C string. */
  root =
      json_loadb(json != NULL ? json : "", len, JSON_REJECT_DUPLICATES, &jerr);
  if (root == NULL) {
    if (json_error_code(&jerr) == json_error_out_of_memory)
      return ZN_ENOMEM;
    return format_error(errmsg, errmsg_len, "JSON: %s at byte %d", jerr.text,
                        jerr.position);
  }
  if (!json_is_object(root)) {
    json_decref(root);
    return format_error(errmsg, errmsg_len, "not a JSON object");
  }
  a = zn__article_new();
  if (a == NULL) {
    json_decref(root);
    return ZN_ENOMEM;
  }
  for (size_t i = 0;
       rc == ZN_OK && i < sizeof k_str_fields / sizeof k_str_fields[0]; i++) {
    const json_t *v = json_object_get(root, k_str_fields[i].key);
    char **field = (char **)((char *)a + k_str_fields[i].off);
    if (v == NULL || json_is_null(v))
      continue;
    if (!json_is_string(v))
      rc = format_error(errmsg, errmsg_len, "\"%s\": expected a string or null",
                        k_str_fields[i].key);
    else
      rc = zn__set_field(field, json_string_value(v), json_string_length(v));
  }
  for (size_t i = 0;
       rc == ZN_OK && i < sizeof k_list_fields / sizeof k_list_fields[0]; i++) {
    const json_t *v = json_object_get(root, k_list_fields[i].key);
    zn_strlist *list = (zn_strlist *)((char *)a + k_list_fields[i].off);
    if (v == NULL || json_is_null(v))
      continue;
    if (!json_is_array(v)) {
      rc = format_error(errmsg, errmsg_len, "\"%s\": expected an array",
                        k_list_fields[i].key);
      break;
    }
    for (size_t j = 0; rc == ZN_OK && j < json_array_size(v); j++) {
      const json_t *e = json_array_get(v, j);
      if (!json_is_string(e))
        rc = format_error(errmsg, errmsg_len, "\"%s\"[%zu]: expected a string",
                          k_list_fields[i].key, j);
      else
        rc =
            zn__strlist_push(list, json_string_value(e), json_string_length(e));
    }
  }
  json_decref(root);
  if (rc != ZN_OK) {
    zn_article_free(a);
    return rc;
  }
  *out = a;
  return ZN_OK;
}
