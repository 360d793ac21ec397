/* SPDX-License-Identifier: MIT */
/*
 * article.c - the zn_article record: allocation, string lists and release;
 * the page id a URL carries.
 */
#include "zhnews/extract.h"

#include <string.h>
#include <strings.h>

#include "extract/internal.h"

static char *dup_n(const char *s, size_t len) {
  char *p = zn_malloc(len + 1);
  if (p == NULL)
    return NULL;
  memcpy(p, s, len);
  p[len] = '\0';
  return p;
}

int zn__strlist_push(zn_strlist *list, const char *s, size_t len) {
  char *copy;
  if (list->n == list->cap) {
    size_t cap = list->cap == 0 ? 4 : list->cap * 2;
    char **items = zn_realloc(list->items, cap * sizeof *items);
    if (items == NULL)
      return ZN_ENOMEM;
    list->items = items;
    list->cap = cap;
  }
  copy = dup_n(s, len);
  if (copy == NULL)
    return ZN_ENOMEM;
  list->items[list->n++] = copy;
  return ZN_OK;
}

bool zn__strlist_has(const zn_strlist *list, const char *s, size_t len) {
  for (size_t i = 0; i < list->n; i++) {
    if (strlen(list->items[i]) == len && memcmp(list->items[i], s, len) == 0)
      return true;
  }
  return false;
}

void zn__strlist_clear(zn_strlist *list) {
  for (size_t i = 0; i < list->n; i++)
    zn_free(list->items[i]);
  zn_free(list->items);
  list->items = NULL;
  list->n = 0;
  list->cap = 0;
}

int zn__set_field(char **field, const char *s, size_t len) {
  char *copy = dup_n(s, len);
  if (copy == NULL)
    return ZN_ENOMEM;
  zn_free(*field);
  *field = copy;
  return ZN_OK;
}

zn_article *zn__article_new(void) {
  zn_article *a = zn_malloc(sizeof *a);
  if (a != NULL)
    memset(a, 0, sizeof *a);
  return a;
}

void zn_article_free(zn_article *a) {
  if (a == NULL)
    return;
  zn_free(a->url);
  zn_free(a->site);
  zn_free(a->title);
  zn__strlist_clear(&a->subtitles);
  zn_free(a->published);
  zn_free(a->source);
  zn__strlist_clear(&a->authors);
  zn_free(a->editor);
  zn_free(a->dateline);
  zn__strlist_clear(&a->captions);
  zn__strlist_clear(&a->paragraphs);
  zn_free(a->page_id);
  zn_free(a->encoding);
  zn__strlist_clear(&a->warnings);
  zn_free(a);
}

static bool id_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z') || c == '_' || c == '-';
}

/* Minimum digits and length bounds of a page id in a URL. */
#define ZN_MIN_ID_DIGITS 4
#define ZN_MAX_ID_LEN 64

size_t zn__url_page_id(const char *url, size_t len, size_t *off) {
  static const char *const exts[] = {".html", ".htm", ".shtml",
                                     ".shtm", ".php", ".asp",
                                     ".aspx", ".jsp", NULL};
  size_t path_end = 0;
  size_t b;
  size_t e;
  size_t digits = 0;
  const char *q;
  while (path_end < len && url[path_end] != '?' && url[path_end] != '#')
    path_end++;
  e = path_end;
  while (e > 0 && url[e - 1] == '/')
    e--;
  b = e;
  while (b > 0 && url[b - 1] != '/')
    b--;
  /* Not the host: a path segment follows "scheme://host/". */
  if (b >= 2 && url[b - 2] == '/' && b >= 3 && url[b - 3] == ':')
    b = e;
  for (size_t k = 0; exts[k] != NULL; k++) {
    size_t n = strlen(exts[k]);
    if (e - b > n && strncasecmp(url + e - n, exts[k], n) == 0) {
      e -= n;
      break;
    }
  }
  if (e > b && e - b <= ZN_MAX_ID_LEN) {
    bool ok = true;
    for (size_t i = b; i < e && ok; i++) {
      ok = id_char(url[i]);
      digits += url[i] >= '0' && url[i] <= '9';
    }
    if (ok && digits >= ZN_MIN_ID_DIGITS) {
      /* "newsDetail_forward_23345678": the number after a word prefix;
       * a short prefix stays ("c_1125597921"). */
      size_t d = e;
      while (d > b && url[d - 1] >= '0' && url[d - 1] <= '9')
        d--;
      if (d - b > 3 && (url[d - 1] == '_' || url[d - 1] == '-') &&
          e - d >= ZN_MIN_ID_DIGITS) {
        bool word = true;
        for (size_t i = b; i + 1 < d && word; i++)
          word = !(url[i] >= '0' && url[i] <= '9');
        if (word)
          b = d;
      }
      *off = b;
      return e - b;
    }
  }
  /* ?id=12345 */
  q = memchr(url, '?', len);
  while (q != NULL && (size_t)(q - url) + 4 <= len) {
    size_t i = (size_t)(q - url) + 1;
    if (strncmp(url + i, "id=", 3) == 0 ||
        (i + 3 < len && strncasecmp(url + i, "aid=", 4) == 0)) {
      size_t v = i + (url[i] == 'i' ? 3 : 4);
      size_t w = v;
      while (w < len && url[w] >= '0' && url[w] <= '9')
        w++;
      if (w - v >= ZN_MIN_ID_DIGITS && w - v <= ZN_MAX_ID_LEN) {
        *off = v;
        return w - v;
      }
    }
    q = memchr(url + i, '&', len - i);
  }
  return 0;
}
