/* SPDX-License-Identifier: MIT */
/*
 * article.c - the zn_article record: allocation, string lists and release.
 */
#include "zhnews/extract.h"

#include <string.h>

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
