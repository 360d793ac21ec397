/* SPDX-License-Identifier: MIT */
/*
 * fold-opencc.c - the traditional-to-simplified folding table, asked of
 * OpenCC (fold-opencc.h).  Run at build time by fold-gen.c, whose output
 * fold.c compiles in, and at test time by tests/unit/test-fold.c, which
 * checks that the compiled-in table is still what this function answers.
 *
 * Why a per-character table and not opencc_convert_utf8() on the text:
 * OpenCC's phrase dictionaries may turn n characters into m, which would
 * move every later position and make a folded query stop being a substring
 * of the folded document.  Asking OpenCC about each character alone (one a
 * line, so no phrase can span two) gives a mapping that keeps positions;
 * it loses only OpenCC's phrase-dependent choices: a character folds one
 * fixed way whatever word it is in, at index and at query time alike.
 */
#include "store/fold-opencc.h"

#include <stdlib.h>
#include <string.h>

#include <opencc.h>

#include "private/utf8-inl.h"
#include "store/fold.h"
#include "zhnews/common.h"

int zn__fold_t2s_from_opencc(uint16_t *table, const char **why) {
  opencc_t cc;
  char *in;
  char *res;
  size_t n = 0;
  const char *p;
  int i = 0;

  memset(table, 0, ZN_FOLD_T2S_N * sizeof *table);
  cc = opencc_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
  if (cc == (opencc_t)-1) {
    *why = "OpenCC's t2s.json could not be loaded (Debian: libopencc-data)";
    return ZN_ENOENT;
  }
  /* Every covered character on a line of its own. */
  in = malloc((size_t)ZN_FOLD_T2S_N * 4);
  if (in == NULL) {
    opencc_close(cc);
    *why = "out of memory";
    return ZN_ENOMEM;
  }
  for (int k = 0; k < ZN_FOLD_T2S_N; k++) {
    n += (size_t)zn__utf8_encode_inl((uint32_t)zn__fold_slot_cp(k), in + n);
    in[n++] = '\n';
  }
  res = opencc_convert_utf8(cc, in, n);
  free(in);
  opencc_close(cc);
  if (res == NULL) {
    *why = "OpenCC failed to convert";
    return ZN_EFORMAT;
  }
  /* Invariant: p is at the start of line i, the answer for slot i. */
  p = res;
  while (*p != '\0' && i < ZN_FOLD_T2S_N) {
    const char *nl = strchr(p, '\n');
    size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
    int32_t cp;
    if (len > 0 &&
        zn__utf8_decode_inl((const unsigned char *)p, len, &cp) == (int)len) {
      /* One character in, one out: only then is the mapping usable. */
      if (cp != zn__fold_slot_cp(i) && cp > 0 && cp < 0x10000)
        table[i] = (uint16_t)cp;
    }
    i++;
    if (nl == NULL)
      break;
    p = nl + 1;
  }
  opencc_convert_utf8_free(res);
  if (i != ZN_FOLD_T2S_N) {
    memset(table, 0, ZN_FOLD_T2S_N * sizeof *table);
    *why = "OpenCC's answer does not line up with its question";
    return ZN_EFORMAT;
  }
  *why = "";
  return ZN_OK;
}
