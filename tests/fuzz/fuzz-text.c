/* SPDX-License-Identifier: MIT */
/*
 * fuzz-text.c - libFuzzer target: UTF-8 handling, normalization and
 * sentence splitting.  Invariants: sanitized and normalized output is
 * valid UTF-8; sentences lie inside the input, in order, without
 * overlapping, and neither start nor end with an ASCII space.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct spans {
  const char *s;
  size_t len;
  size_t last_end;
};

static int on_sentence(void *ctx, size_t off, size_t len) {
  struct spans *sp = ctx;
  ZN_FUZZ_CHECK(len > 0);
  ZN_FUZZ_CHECK(off >= sp->last_end);
  ZN_FUZZ_CHECK(off + len <= sp->len);
  ZN_FUZZ_CHECK(sp->s[off] != ' ' && sp->s[off + len - 1] != ' ');
  sp->last_end = off + len;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  zn_buf out;
  size_t bad = 0;
  unsigned flags = size > 0 ? data[0] & ZN_NORM_ALL : ZN_NORM_ALL;
  struct spans sp = {s, size, 0};
  size_t nchar = zn_utf8_nchar(s, size);

  ZN_FUZZ_CHECK(nchar <= size);
  zn_buf_init(&out, 0);
  ZN_FUZZ_CHECK(zn_utf8_sanitize(s, size, &out, &bad) == ZN_OK);
  ZN_FUZZ_CHECK(zn_utf8_valid(out.data, out.len, NULL));
  ZN_FUZZ_CHECK((bad == 0) == zn_utf8_valid(s, size, NULL));
  zn_buf_reset(&out);
  ZN_FUZZ_CHECK(zn_text_normalize(s, size, flags, &out, &bad) == ZN_OK);
  ZN_FUZZ_CHECK(out.len == 0 || zn_utf8_valid(out.data, out.len, NULL));
  /* Splitting works on any bytes; on normalized text too. */
  ZN_FUZZ_CHECK(zn_text_sentences(s, size, on_sentence, &sp) == ZN_OK);
  sp.s = out.data != NULL ? out.data : "";
  sp.len = out.len;
  sp.last_end = 0;
  ZN_FUZZ_CHECK(zn_text_sentences(sp.s, sp.len, on_sentence, &sp) == ZN_OK);
  zn_buf_free(&out);
  return 0;
}
