/* SPDX-License-Identifier: MIT */
/*
 * utf8.c - UTF-8 decoding, encoding, validation, counting and sanitizing.
 * Invalid input is handled the way Unicode 15 §3.9 recommends ("U+FFFD
 * substitution of maximal subparts"), so the number of replacement
 * characters matches what browsers and ICU produce.  The decoder itself is
 * inline in text-int.h; every loop here skips runs of ASCII eight bytes at
 * a time because most markup and much news text is ASCII.
 */
#include "zhnews/text.h"

#include <stdint.h>
#include <string.h>

#include "text/text-int.h"

#define ZN_ASCII_MASK64 UINT64_C(0x8080808080808080)

/* Number of ASCII bytes at s[0..len), counted in whole 8-byte words. */
static size_t ascii_words(const unsigned char *s, size_t len) {
  size_t i = 0;
  uint64_t w;

  while (len - i >= 8) {
    memcpy(&w, s + i, 8);
    if ((w & ZN_ASCII_MASK64) != 0)
      break;
    i += 8;
  }
  return i;
}

/* The run of well-formed three-byte sequences at s (Han text, mostly)
 * with leads E1..EC and EE..EF, whose second byte may be any continuation
 * byte (Unicode table 3-7): their length in bytes, checked without
 * decoding.  E0 and ED, with narrower second bytes, end the run. */
static size_t three_byte_run(const unsigned char *s, size_t len) {
  size_t i = 0;
  while (len - i >= 3) {
    unsigned c = s[i];
    uint16_t t; /* both continuation bytes, tested at once (in either
                 * byte order: the mask and value are symmetric) */
    memcpy(&t, s + i + 1, 2);
    if (c - 0xE1u > 0xEFu - 0xE1u || c == 0xED || (t & 0xC0C0u) != 0x8080u)
      break;
    i += 3;
  }
  return i;
}

int zn__utf8_sanitize_ex(const char *s, size_t len, zn_buf *out,
                         size_t *n_invalid, size_t *n_bad_len) {
  const unsigned char *u = (const unsigned char *)s;
  size_t saved_len = out->len;
  size_t n_bad = 0;
  size_t bad_len = 0;
  size_t run = 0; /* start of the valid bytes not yet copied */
  size_t i = 0;
  int rc = ZN_OK;

  if (len == 0) {
    if (n_invalid != NULL)
      *n_invalid = 0;
    if (n_bad_len != NULL)
      *n_bad_len = 0;
    return ZN_OK;
  }
  /* Invariant: u[run..i) is valid UTF-8 that still has to be copied. */
  while (i < len) {
    int32_t cp;
    int n;

    if (u[i] < 0x80) {
      i++;
      i += ascii_words(u + i, len - i);
      continue;
    }
    n = (int)three_byte_run(u + i, len - i);
    if (n > 0) {
      i += (size_t)n;
      continue;
    }
    n = zn__utf8_decode_inl(u + i, len - i, &cp);
    if (cp >= 0) {
      i += (size_t)n;
      continue;
    }
    rc = zn_buf_append(out, s + run, i - run);
    if (rc == ZN_OK)
      rc = zn_buf_append(out, ZN_REPLACEMENT_UTF8, 3);
    if (rc != ZN_OK)
      goto fail;
    n_bad++;
    bad_len += (size_t)n;
    i += (size_t)n;
    run = i;
  }
  rc = zn_buf_append(out, s + run, len - run);
  if (rc != ZN_OK)
    goto fail;
  if (n_invalid != NULL)
    *n_invalid = n_bad;
  if (n_bad_len != NULL)
    *n_bad_len = bad_len;
  return ZN_OK;

fail:
  out->len = saved_len;
  if (out->data != NULL)
    out->data[saved_len] = '\0';
  return rc;
}

int zn_utf8_decode(const char *s, size_t len, int32_t *cp) {
  if (len == 0) {
    *cp = -1;
    return 0;
  }
  return zn__utf8_decode_inl((const unsigned char *)s, len, cp);
}

int zn_utf8_encode(uint32_t cp, char *out) {
  return zn__utf8_encode_inl(cp, out);
}

bool zn_utf8_valid(const char *s, size_t len, size_t *bad_off) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;

  while (i < len) {
    int32_t cp;
    int n;

    if (u[i] < 0x80) {
      i++;
      i += ascii_words(u + i, len - i);
      continue;
    }
    n = (int)three_byte_run(u + i, len - i);
    if (n > 0) {
      i += (size_t)n;
      continue;
    }
    n = zn__utf8_decode_inl(u + i, len - i, &cp);
    if (cp < 0) {
      if (bad_off != NULL)
        *bad_off = i;
      return false;
    }
    i += (size_t)n;
  }
  return true;
}

size_t zn_utf8_nchar(const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  size_t nchar = 0;

  while (i < len) {
    int32_t cp;
    size_t k;

    if (u[i] < 0x80) {
      k = 1 + ascii_words(u + i + 1, len - i - 1);
      i += k;
      nchar += k;
      continue;
    }
    k = three_byte_run(u + i, len - i);
    if (k > 0) {
      i += k;
      nchar += k / 3;
      continue;
    }
    i += (size_t)zn__utf8_decode_inl(u + i, len - i, &cp);
    nchar++;
  }
  return nchar;
}

int zn_utf8_sanitize(const char *s, size_t len, zn_buf *out,
                     size_t *n_invalid) {
  return zn__utf8_sanitize_ex(s, len, out, n_invalid, NULL);
}
