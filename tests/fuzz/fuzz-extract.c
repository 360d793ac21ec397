/* SPDX-License-Identifier: MIT */
/*
 * fuzz-extract.c - libFuzzer targets fuzz-extract (pages saved as text) and
 * fuzz-html (HTML pages; built from this file with ZN_FUZZ_FORMAT set to
 * ZN_FORMAT_HTML): zn_extract with allocation failures injected.
 * Invariants: the call gives a record or an error with a message, never
 * both; an allocation failure comes back as ZN_ENOMEM; every string in a
 * record is valid UTF-8 and the record serializes to JSON.  fuzz-html also
 * parses the bytes as they are with the HTML parser (extract/htmlparse.c)
 * and checks the tree's links: every child's parent and siblings agree
 * with its parent's first and last child.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz-common.h"
#include "extract/html-int.h"
#include "extract/internal.h"

#ifndef ZN_FUZZ_FORMAT
#define ZN_FUZZ_FORMAT ZN_FORMAT_TEXT
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_str(const char *z) {
  if (z != NULL)
    ZN_FUZZ_CHECK(zn_utf8_valid(z, strlen(z), NULL));
}

static void check_list(const zn_strlist *l) {
  for (size_t i = 0; i < l->n; i++)
    check_str(l->items[i]);
}

/* The links of every node of the tree below root agree. */
static void check_tree(const zn_hnode *root) {
  for (const zn_hnode *c = root; c != NULL; c = zn__hnode_next(c, root)) {
    const zn_hnode *prev = NULL;
    for (const zn_hnode *k = c->children; k != NULL; k = k->next) {
      ZN_FUZZ_CHECK(k->parent == c && k->prev == prev);
      ZN_FUZZ_CHECK(k->type == ZN_HNODE_TEXT ? k->content != NULL
                                             : k->name != NULL);
      prev = k;
    }
    ZN_FUZZ_CHECK(c->last == prev);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  zn_extractor *ex = NULL;
  zn_article *a = NULL;
  size_t fail_at = 0;
  int rc;

  /* A first byte 0xFA..0xFF injects an allocation failure, at a point the
   * second byte chooses; the rest is the page. */
  if (size >= 2 && data[0] >= 0xFA) {
    fail_at = (size_t)data[1] + 1;
    data += 2;
    size -= 2;
  }
  if (ZN_FUZZ_FORMAT == ZN_FORMAT_HTML) {
    zn_hdoc *doc = NULL;
    zn_fuzz_inject(fail_at);
    rc = zn__html_parse((const char *)data, size, &doc);
    zn_fuzz_inject(0);
    ZN_FUZZ_CHECK(rc == ZN_OK ? doc != NULL
                              : rc == ZN_ENOMEM && doc == NULL && fail_at != 0);
    if (doc != NULL) {
      char *t = zn__html_text(zn__html_root(doc));
      check_tree(zn__html_root(doc));
      ZN_FUZZ_CHECK(t != NULL);
      zn_free(t);
      zn__html_free(doc);
    }
  }
  zn_fuzz_inject(fail_at);
  rc = zn_extractor_new(&ex);
  if (rc != ZN_OK) {
    ZN_FUZZ_CHECK(rc == ZN_ENOMEM && ex == NULL);
    zn_fuzz_inject(0);
    return 0;
  }
  zn_extractor_set_format(ex, ZN_FUZZ_FORMAT);
  rc = zn_extract(ex, (const char *)data, size, &a);
  if (rc != ZN_OK) {
    ZN_FUZZ_CHECK(a == NULL);
    ZN_FUZZ_CHECK(zn_extractor_errmsg(ex)[0] != '\0');
    ZN_FUZZ_CHECK(fail_at != 0 || rc != ZN_ENOMEM);
  } else {
    zn_buf out;
    ZN_FUZZ_CHECK(a != NULL && a->encoding != NULL);
    check_str(a->url);
    check_str(a->site);
    check_str(a->title);
    check_str(a->published);
    check_str(a->source);
    check_str(a->editor);
    check_str(a->dateline);
    check_str(a->page_id);
    check_list(&a->subtitles);
    check_list(&a->authors);
    check_list(&a->captions);
    check_list(&a->paragraphs);
    check_list(&a->warnings);
    ZN_FUZZ_CHECK(a->title != NULL || a->paragraphs.n > 0);
    zn_buf_init(&out, 0);
    rc = zn_article_to_json(a, ZN_JSON_SORT_KEYS, &out);
    ZN_FUZZ_CHECK(rc == ZN_OK || (fail_at != 0 && rc == ZN_ENOMEM));
    zn_buf_free(&out);
  }
  zn_article_free(a);
  zn_extractor_free(ex);
  zn_fuzz_inject(0);
  return 0;
}
