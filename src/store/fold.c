/* SPDX-License-Identifier: MIT */
/*
 * fold.c - character folding for the zhnews tokenizer (fold.h): width and
 * case by rule, traditional to simplified by a table built once from
 * OpenCC's t2s configuration.
 *
 * Why a per-character table and not opencc_convert_utf8() on the text:
 * OpenCC's phrase dictionaries may turn n characters into m, which would
 * move every later position and make a folded query stop being a substring
 * of the folded document.  Asking OpenCC about each character alone (one a
 * line, so no phrase can span two) gives a mapping that keeps positions;
 * it loses only OpenCC's phrase-dependent choices: a character folds one
 * fixed way whatever word it is in, at index and at query time alike.
 * The table covers U+3400..U+9FFF and U+F900..U+FAFF, where OpenCC's
 * character dictionary lives; it is built once (about 20 ms) and then only
 * read, so threads share it without locks.
 */
#include "store/fold.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <opencc.h>

#include "private/utf8-inl.h"
#include "zhnews/common.h"

#define T2S_LO 0x3400
#define T2S_HI 0x9FFF
#define CMP_LO 0xF900
#define CMP_HI 0xFAFF
#define T2S_N ((T2S_HI - T2S_LO + 1) + (CMP_HI - CMP_LO + 1))

/* Simplified code point for each covered code point, 0 where it is its own
 * fold.  Written only inside build_table(), under pthread_once. */
static uint16_t g_t2s[T2S_N];
static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static int g_rc = ZN_EINTERNAL;
static const char *g_why = "folding table not built";

static int slot(int32_t cp) {
  if (cp >= T2S_LO && cp <= T2S_HI)
    return (int)(cp - T2S_LO);
  if (cp >= CMP_LO && cp <= CMP_HI)
    return (int)(cp - CMP_LO) + (T2S_HI - T2S_LO + 1);
  return -1;
}

static int32_t slot_cp(int i) {
  if (i <= T2S_HI - T2S_LO)
    return T2S_LO + i;
  return CMP_LO + (i - (T2S_HI - T2S_LO + 1));
}

static void build_table(void) {
  opencc_t cc;
  char *in;
  char *res;
  size_t n = 0;
  const char *p;
  int i = 0;

  cc = opencc_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
  if (cc == (opencc_t)-1) {
    g_rc = ZN_ENOENT;
    g_why = "OpenCC's t2s.json could not be loaded (Debian: libopencc-data)";
    return;
  }
  /* Every covered character on a line of its own. */
  in = malloc((size_t)T2S_N * 4);
  if (in == NULL) {
    opencc_close(cc);
    g_rc = ZN_ENOMEM;
    g_why = "out of memory";
    return;
  }
  for (int k = 0; k < T2S_N; k++) {
    n += (size_t)zn__utf8_encode_inl((uint32_t)slot_cp(k), in + n);
    in[n++] = '\n';
  }
  res = opencc_convert_utf8(cc, in, n);
  free(in);
  opencc_close(cc);
  if (res == NULL) {
    g_rc = ZN_EFORMAT;
    g_why = "OpenCC failed to convert";
    return;
  }
  /* Invariant: p is at the start of line i, the answer for slot_cp(i). */
  p = res;
  while (*p != '\0' && i < T2S_N) {
    const char *nl = strchr(p, '\n');
    size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
    int32_t cp;
    if (len > 0 &&
        zn__utf8_decode_inl((const unsigned char *)p, len, &cp) == (int)len) {
      /* One character in, one out: only then is the mapping usable. */
      if (cp != slot_cp(i) && cp > 0 && cp < 0x10000)
        g_t2s[i] = (uint16_t)cp;
    }
    i++;
    if (nl == NULL)
      break;
    p = nl + 1;
  }
  opencc_convert_utf8_free(res);
  if (i != T2S_N) {
    memset(g_t2s, 0, sizeof g_t2s);
    g_rc = ZN_EFORMAT;
    g_why = "OpenCC's answer does not line up with its question";
    return;
  }
  g_rc = ZN_OK;
  g_why = "";
}

int zn__fold_init(const char **why) {
  pthread_once(&g_once, build_table);
  if (why != NULL)
    *why = g_why;
  return g_rc;
}

int32_t zn__fold_cp(int32_t cp) {
  int s;
  if (cp < 0x80) {
    if (cp >= 'A' && cp <= 'Z')
      return cp + ('a' - 'A');
    return cp;
  }
  if (cp >= 0xFF01 && cp <= 0xFF5E) {
    cp -= 0xFF01 - 0x21; /* full-width ASCII */
    if (cp >= 'A' && cp <= 'Z')
      cp += 'a' - 'A';
    return cp;
  }
  if (cp == 0x3000)
    return ' ';
  s = slot(cp);
  if (s >= 0 && g_t2s[s] != 0)
    return g_t2s[s];
  return cp;
}

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
