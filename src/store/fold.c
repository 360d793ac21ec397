/* SPDX-License-Identifier: MIT */
/*
 * fold.c - character folding for the zhnews tokenizer (fold.h): width and
 * case by rule, traditional to simplified by a table generated at build
 * time from OpenCC's t2s configuration (fold-gen.c, fold-opencc.c) and
 * compiled in.
 *
 * The table is fixed when zhnews is built, not asked of OpenCC at run
 * time: asking cost about 250 million instructions at every process start,
 * and a table taken from whatever OpenCC is installed would let an archive
 * indexed with one OpenCC and searched with another fold a character two
 * ways, so that a search could miss what the index holds.  Now one zhnews
 * build folds one way wherever it runs, and needs no OpenCC to do it;
 * rebuilding against another OpenCC may change the table (an archive is
 * then best reindexed), and tests/unit/test-fold.c says when it differs.
 * The table is constant data: threads share it without setup or locks.
 */
#include "store/fold.h"

#include <string.h>

#include "private/utf8-inl.h"

/* The table of fold.h; fold-t2s.inc lives in the build directory. */
const uint16_t zn__fold_t2s[ZN_FOLD_T2S_N] = {
#include "fold-t2s.inc"
};

size_t zn__fold_utf8(const char *text, size_t len, char *out, size_t cap) {
  const unsigned char *s = (const unsigned char *)text;
  size_t i = 0;
  size_t n = 0;
  while (i < len) {
    int32_t cp;
    int k = zn__utf8_decode_inl(s + i, len - i, &cp);
    char tmp[4];
    size_t m;
    i += (size_t)k;
    cp = cp < 0 ? 0xFFFD : zn__fold_cp(cp);
    m = (size_t)zn__utf8_encode_inl((uint32_t)cp, tmp);
    if (n + m <= cap)
      memcpy(out + n, tmp, m);
    n += m;
  }
  return n;
}
