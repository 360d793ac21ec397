/* SPDX-License-Identifier: MIT */
/*
 * fold.h - the character folding the zhnews FTS5 tokenizer applies before
 * indexing and before querying: full-width ASCII to ASCII, ASCII upper case
 * to lower case, traditional to simplified Han characters (OpenCC t2s, one
 * character to one character).  Folding one code point never looks at its
 * neighbours, so a folded substring is a substring of the folded text: the
 * property "never miss" rests on.  Not API (shared by the store, the
 * loadable extension, the table generator fold-gen.c and its check).
 */
#ifndef ZN_STORE_FOLD_H
#define ZN_STORE_FOLD_H

#include <stddef.h>
#include <stdint.h>

/*
 * The traditional-to-simplified table covers U+3400..U+9FFF and
 * U+F900..U+FAFF, where OpenCC's character dictionary lives, one uint16_t
 * slot a code point (ZN_FOLD_T2S_N slots; fold-gen.c writes it at build
 * time, fold.c compiles it in).
 */
#define ZN_FOLD_T2S_LO 0x3400
#define ZN_FOLD_T2S_HI 0x9FFF
#define ZN_FOLD_CMP_LO 0xF900
#define ZN_FOLD_CMP_HI 0xFAFF
#define ZN_FOLD_T2S_N                                                          \
  ((ZN_FOLD_T2S_HI - ZN_FOLD_T2S_LO + 1) +                                     \
   (ZN_FOLD_CMP_HI - ZN_FOLD_CMP_LO + 1))

/* The slot of cp in the table, or -1 outside it. */
static inline int zn__fold_slot(int32_t cp) {
  if (cp >= ZN_FOLD_T2S_LO && cp <= ZN_FOLD_T2S_HI)
    return (int)(cp - ZN_FOLD_T2S_LO);
  if (cp >= ZN_FOLD_CMP_LO && cp <= ZN_FOLD_CMP_HI)
    return (int)(cp - ZN_FOLD_CMP_LO) + (ZN_FOLD_T2S_HI - ZN_FOLD_T2S_LO + 1);
  return -1;
}

/* The code point of slot i (0 <= i < ZN_FOLD_T2S_N). */
static inline int32_t zn__fold_slot_cp(int i) {
  if (i <= ZN_FOLD_T2S_HI - ZN_FOLD_T2S_LO)
    return ZN_FOLD_T2S_LO + i;
  return ZN_FOLD_CMP_LO + (i - (ZN_FOLD_T2S_HI - ZN_FOLD_T2S_LO + 1));
}

/* Simplified code point for each slot, 0 where the character is its own
 * fold: the generated table, in fold.c. */
extern const uint16_t zn__fold_t2s[ZN_FOLD_T2S_N];

/* The folded code point (cp itself when nothing applies).  Needs no
 * setup: the table is compiled in.  Inline: the tokenizer folds every
 * character it indexes. */
static inline int32_t zn__fold_cp(int32_t cp) {
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
  s = zn__fold_slot(cp);
  if (s >= 0 && zn__fold_t2s[s] != 0)
    return zn__fold_t2s[s];
  return cp;
}

/* True for the code points indexed one character a position: the CJK
 * unified ideographs (all planes, with extension A), the compatibility
 * ideographs and 〇.  bench/search draws its substrings with the same set. */
static inline int zn__is_han(int32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F) ||
         cp == 0x3007;
}

/*
 * Folds text[0..len) into out (cap bytes); invalid UTF-8 becomes U+FFFD.
 * Returns the bytes the whole result needs (write nothing past cap), so a
 * caller can size its buffer: the result is never longer than 3 * len + 3.
 */
size_t zn__fold_utf8(const char *text, size_t len, char *out, size_t cap);

#endif /* ZN_STORE_FOLD_H */
