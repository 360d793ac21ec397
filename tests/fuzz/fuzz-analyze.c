/* SPDX-License-Identifier: MIT */
/*
 * fuzz-analyze.c - libFuzzer target: zn_analyze() over an Article built from
 * the input (made valid UTF-8; first line the title, then one paragraph a
 * line; the first byte picks a publish date or none, and sometimes an
 * allocation to fail).  Invariants: the analysis is returned or the error
 * is ZN_ENOMEM (only when allocations were made to fail); every mention and
 * date lies inside its paragraph on character boundaries; mention entity
 * indexes are valid and each entity's count equals its mentions; keywords
 * and summary respect their limits; summary sentences are body text; the
 * Document JSON can be written.  The lexicon is $ZHNEWS_LEXICON.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz-common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static zn_lexicon *g_lex;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  const char *path = getenv("ZHNEWS_LEXICON");
  char err[256];
  (void)argc;
  (void)argv;
  if (path == NULL || zn_lexicon_open(path, &g_lex, err, sizeof err) != 0) {
    fprintf(stderr, "fuzz-analyze: set ZHNEWS_LEXICON to a compiled lexicon\n");
    abort();
  }
  return 0;
}

static char *dup_n(const char *s, size_t n) {
  char *z = malloc(n + 1);
  ZN_FUZZ_CHECK(z != NULL);
  memcpy(z, s, n);
  z[n] = '\0';
  return z;
}

static void push(zn_strlist *l, const char *s, size_t n) {
  if (l->n == l->cap) {
    l->cap = l->cap ? 2 * l->cap : 8;
    l->items = realloc(l->items, l->cap * sizeof *l->items);
    ZN_FUZZ_CHECK(l->items != NULL);
  }
  l->items[l->n++] = dup_n(s, n);
}

static void free_list(zn_strlist *l) {
  for (size_t i = 0; i < l->n; i++)
    free(l->items[i]);
  free(l->items);
}

static const char *span_text(const zn_article *a, const zn_span *s) {
  if (s->para == ZN_PARA_TITLE)
    return a->title;
  ZN_FUZZ_CHECK(s->para < a->paragraphs.n);
  return a->paragraphs.items[s->para];
}

static void check_span(const zn_article *a, const zn_span *s) {
  const char *z = span_text(a, s);
  size_t len;
  ZN_FUZZ_CHECK(z != NULL);
  len = strlen(z);
  ZN_FUZZ_CHECK(s->len > 0 && s->off + s->len <= len);
  ZN_FUZZ_CHECK(zn_utf8_valid(z + s->off, s->len, NULL));
  /* Character boundaries: neither end is a continuation byte. */
  ZN_FUZZ_CHECK(((unsigned char)z[s->off] & 0xC0) != 0x80);
  ZN_FUZZ_CHECK(s->off + s->len == len ||
                ((unsigned char)z[s->off + s->len] & 0xC0) != 0x80);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const dates[] = {NULL, "2023-06-04T16:01:52+08:00",
                                      "2024-02-29", "2023-01-01T00:00:00Z"};
  zn_article art;
  zn_analyzer *an;
  zn_analysis *res = NULL;
  zn_buf text, out;
  size_t fail_at = 0;
  int rc;

  if (size < 1)
    return 0;
  memset(&art, 0, sizeof art);
  art.published = (char *)dates[data[0] & 3];
  if (data[0] & 0x80)
    fail_at = (data[0] >> 2 & 0x1F) + 1;
  zn_buf_init(&text, 0);
  ZN_FUZZ_CHECK(
      zn_utf8_sanitize((const char *)data + 1, size - 1, &text, NULL) == ZN_OK);
  {
    const char *p = text.data ? text.data : "";
    const char *end = p + text.len;
    bool first = true;
    while (p < end) {
      const char *nl = memchr(p, '\n', (size_t)(end - p));
      const char *e = nl ? nl : end;
      if (first)
        art.title = dup_n(p, (size_t)(e - p));
      else
        push(&art.paragraphs, p, (size_t)(e - p));
      first = false;
      p = nl ? nl + 1 : end;
    }
  }
  zn_buf_free(&text);

  ZN_FUZZ_CHECK(zn_analyzer_new(g_lex, &an) == ZN_OK);
  zn_analyzer_set_keywords(an, 5);
  zn_analyzer_set_summary(an, 2);
  if (fail_at)
    zn_fuzz_inject(fail_at);
  rc = zn_analyze(an, &art, &res);
  zn_replace_allocator(NULL, NULL, NULL);
  if (rc != ZN_OK) {
    ZN_FUZZ_CHECK(fail_at != 0 && rc == ZN_ENOMEM && res == NULL);
  } else {
    size_t *count = calloc(res->nentities + 1, sizeof *count);
    ZN_FUZZ_CHECK(count != NULL);
    for (size_t i = 0; i < res->nmentions; i++) {
      ZN_FUZZ_CHECK(res->mentions[i].entity < res->nentities);
      check_span(&art, &res->mentions[i].at);
      count[res->mentions[i].entity]++;
    }
    for (size_t i = 0; i < res->nentities; i++) {
      ZN_FUZZ_CHECK(res->entities[i].count == count[i]);
      ZN_FUZZ_CHECK(zn_utf8_valid(res->entities[i].name,
                                  strlen(res->entities[i].name), NULL));
    }
    free(count);
    for (size_t i = 0; i < res->ndates; i++) {
      check_span(&art, &res->dates[i].at);
      ZN_FUZZ_CHECK(res->dates[i].iso != NULL && res->dates[i].iso[0] != 0);
    }
    ZN_FUZZ_CHECK(res->nkeywords <= 5 && res->summary.n <= 2);
    for (size_t i = 0; i < res->summary.n; i++) {
      bool found = false;
      for (size_t p = 0; p < art.paragraphs.n && !found; p++)
        found = strstr(art.paragraphs.items[p], res->summary.items[i]) != NULL;
      ZN_FUZZ_CHECK(found);
    }
    zn_buf_init(&out, 0);
    ZN_FUZZ_CHECK(zn_document_to_json(&art, res, 0, &out) == ZN_OK);
    zn_buf_free(&out);
    zn_analysis_free(res);
  }
  zn_analyzer_free(an);
  free(art.title);
  free_list(&art.paragraphs);
  return 0;
}
