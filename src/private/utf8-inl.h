/* SPDX-License-Identifier: MIT */
/*
 * utf8-inl.h - the inline UTF-8 decoder behind zn_utf8_decode(), for the hot
 * loops of the text and seg modules (normalization, sentence splitting,
 * segmentation) that cannot afford a call per character.  Not API.
 */
#ifndef ZN_PRIVATE_UTF8_INL_H
#define ZN_PRIVATE_UTF8_INL_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decodes one code point, following Unicode 15 table 3-7 (well-formed UTF-8
 * byte sequences).  On error *cp is -1 and the return value is the length of
 * the maximal subpart: the longest prefix that could still have started a
 * well-formed sequence, or 1.  Requires len > 0.
 */
static inline int zn__utf8_decode_inl(const unsigned char *s, size_t len,
                                      int32_t *cp) {
  unsigned c0 = s[0];
  unsigned lo = 0x80;
  unsigned hi = 0xBF;

  *cp = -1;
  if (c0 < 0x80) {
    *cp = (int32_t)c0;
    return 1;
  }
  if (c0 < 0xC2)
    return 1; /* continuation byte or overlong 2-byte lead */
  if (c0 < 0xE0) {
    if (len < 2 || (s[1] & 0xC0) != 0x80)
      return 1;
    *cp = (int32_t)(((c0 & 0x1Fu) << 6) | (s[1] & 0x3Fu));
    return 2;
  }
  if (c0 < 0xF0) {
    if (c0 == 0xE0)
      lo = 0xA0; /* overlong below */
    else if (c0 == 0xED)
      hi = 0x9F; /* surrogates above */
    if (len < 2 || s[1] < lo || s[1] > hi)
      return 1;
    if (len < 3 || (s[2] & 0xC0) != 0x80)
      return 2;
    *cp = (int32_t)(((c0 & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) |
                    (s[2] & 0x3Fu));
    return 3;
  }
  if (c0 < 0xF5) {
    if (c0 == 0xF0)
      lo = 0x90; /* overlong below */
    else if (c0 == 0xF4)
      hi = 0x8F; /* beyond U+10FFFF above */
    if (len < 2 || s[1] < lo || s[1] > hi)
      return 1;
    if (len < 3 || (s[2] & 0xC0) != 0x80)
      return 2;
    if (len < 4 || (s[3] & 0xC0) != 0x80)
      return 3;
    *cp = (int32_t)(((c0 & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) |
                    ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu));
    return 4;
  }
  return 1; /* F5..FF never appear in UTF-8 */
}

/* Writes cp as UTF-8 into out (at least 4 bytes).  Returns 1..4, or 0 if cp
 * is not a Unicode scalar value.  Inline so that the SQLite extension,
 * which links none of the library, encodes the same way. */
static inline int zn__utf8_encode_inl(uint32_t cp, char *out) {
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    if (cp >= 0xD800 && cp <= 0xDFFF)
      return 0; /* surrogates are not scalar values */
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  if (cp <= 0x10FFFF) {
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
  }
  return 0;
}

#endif /* ZN_PRIVATE_UTF8_INL_H */
