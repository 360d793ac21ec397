/* SPDX-License-Identifier: MIT */
/*
 * fuzz-seg.c - libFuzzer target: segmentation in fast and search modes,
 * with user words.  Invariants: fast-mode tokens lie inside the text, in
 * order, without overlapping, and every byte outside them is white space
 * (every input byte is accounted for); character offsets agree with byte
 * offsets; a sub-word lies inside the token before it; every token has a
 * tag.  The lexicon is $ZHNEWS_LEXICON.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz-common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static zn_lexicon *g_lex;

struct acct {
  const char *text;
  size_t len;
  size_t last_end;   /* end of the previous fast token */
  size_t last_chars; /* characters before last_end */
  size_t parent_off, parent_end;
};

static bool is_space(const char *s, size_t len, size_t i, int *n) {
  int32_t cp;
  *n = zn_utf8_decode(s + i, len - i, &cp);
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
         cp == '\v' || cp == 0xA0 || cp == 0x3000 || cp == 0xFEFF ||
         (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0x202F || cp == 0x205F;
}

static int on_token(void *ctx, const char *text, const zn_token *t) {
  struct acct *a = ctx;
  ZN_FUZZ_CHECK(text == a->text);
  ZN_FUZZ_CHECK(t->len > 0 && t->off + t->len <= a->len);
  ZN_FUZZ_CHECK(t->tag != NULL && t->tag[0] != '\0');
  ZN_FUZZ_CHECK(t->nchar == zn_utf8_nchar(text + t->off, t->len));
  if (t->flags & ZN_TOKEN_SUBWORD) {
    ZN_FUZZ_CHECK(t->off >= a->parent_off && t->off + t->len <= a->parent_end);
    return 0;
  }
  ZN_FUZZ_CHECK(t->off >= a->last_end);
  /* The gap since the last token is white space only. */
  for (size_t i = a->last_end; i < t->off;) {
    int n;
    ZN_FUZZ_CHECK(is_space(text, a->len, i, &n));
    i += (size_t)n;
  }
  a->last_chars += zn_utf8_nchar(text + a->last_end, t->off - a->last_end);
  ZN_FUZZ_CHECK(t->char_off == a->last_chars);
  a->last_chars += t->nchar;
  a->last_end = t->off + t->len;
  a->parent_off = t->off;
  a->parent_end = t->off + t->len;
  return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  const char *path = getenv("ZHNEWS_LEXICON");
  char err[256];
  (void)argc;
  (void)argv;
  if (path == NULL || zn_lexicon_open(path, &g_lex, err, sizeof err) != 0) {
    fprintf(stderr, "fuzz-seg: set ZHNEWS_LEXICON to a compiled lexicon\n");
    abort();
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  zn_seg *seg;
  size_t ulen = 0;
  /* A first byte below 0x10 makes the next few bytes a user word. */
  if (size > 2 && data[0] < 0x10) {
    ulen = data[0] % 8 + 1;
    if (ulen > size - 1)
      ulen = size - 1;
  }
  for (int mode = 0; mode < 2; mode++) {
    struct acct a;
    const char *text = (const char *)data + (ulen > 0 ? 1 + ulen : 0);
    size_t len = size - (ulen > 0 ? 1 + ulen : 0);
    ZN_FUZZ_CHECK(zn_seg_new(g_lex, &seg) == ZN_OK);
    ZN_FUZZ_CHECK(zn_seg_set_mode(seg, (zn_seg_mode)mode) == ZN_OK);
    if (ulen > 0)
      (void)zn_seg_add_word(seg, (const char *)data + 1, ulen, 0, NULL);
    memset(&a, 0, sizeof a);
    a.text = text;
    a.len = len;
    ZN_FUZZ_CHECK(zn_seg_run(seg, text, len, on_token, &a) == ZN_OK);
    for (size_t i = a.last_end; i < len;) {
      int n;
      ZN_FUZZ_CHECK(is_space(text, len, i, &n));
      i += (size_t)n;
    }
    zn_seg_free(seg);
  }
  return 0;
}
