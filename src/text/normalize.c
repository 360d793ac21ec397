/* SPDX-License-Identifier: MIT */
/*
 * normalize.c - zn_text_normalize(): the light, lossy clean-up applied to
 * page text before extraction and segmentation.  It is deliberately not
 * Unicode NFKC: NFKC would also turn ，。：（） into ASCII, which loses the
 * distinction Chinese typography makes, so only full-width letters, digits
 * and ASCII symbols are narrowed (the kept punctuation is listed in text.h).
 * The output is built by copying unchanged runs of the input in one piece,
 * so text that needs no change costs one validation pass and one memcpy.
 */
#include "zhnews/text.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "text/text-int.h"

/* True if u[0] and u[1] are both continuation bytes (10xxxxxx), tested
 * at once: the mask and value read the same in either byte order. */
static inline bool cont2(const unsigned char *u) {
  uint16_t t;
  memcpy(&t, u, 2);
  return (t & 0xC0C0u) == 0x8080u;
}

/* Result of mapping one code point: keep it, drop it, or replace it. */
#define ZN_MAP_KEEP (-1)
#define ZN_MAP_DROP (-2)

/* Full-width forms that stay full-width under ZN_NORM_WIDTH. */
static bool is_prose_punct(int32_t cp) {
  return cp == 0xFF01 || cp == 0xFF08 || cp == 0xFF09 || cp == 0xFF0C ||
         cp == 0xFF1A || cp == 0xFF1B || cp == 0xFF1F;
}

/* Zero-width and other invisible format characters. */
static bool is_format(int32_t cp) {
  return cp == 0xAD || (cp >= 0x200B && cp <= 0x200F) ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) ||
         cp == 0xFEFF || cp == 0x180E || (cp >= 0xFFF9 && cp <= 0xFFFB);
}

/*
 * Maps a non-ASCII code point under flags: returns ZN_MAP_KEEP,
 * ZN_MAP_DROP, or the replacement code point.
 */
static int32_t map_non_ascii(int32_t cp, unsigned flags) {
  /* Fast exit for the bulk of Chinese text (U+3001..U+FEFE). */
  if (cp > 0x3000 && cp < 0xFEFF)
    return ZN_MAP_KEEP;
  if ((flags & ZN_NORM_WIDTH) && cp >= 0xFF01 && cp <= 0xFF5E)
    return is_prose_punct(cp) ? ZN_MAP_KEEP : cp - 0xFEE0;
  if ((flags & ZN_NORM_SPACE) &&
      (cp == 0xA0 || cp == 0x3000 || cp == 0x1680 ||
       (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F))
    return ' ';
  if ((flags & ZN_NORM_NEWLINE) && (cp == 0x2028 || cp == 0x2029))
    return '\n';
  if ((flags & ZN_NORM_CONTROL) &&
      ((cp >= 0x80 && cp <= 0x9F) || is_format(cp)))
    return ZN_MAP_DROP;
  return ZN_MAP_KEEP;
}

int zn_text_normalize(const char *s, size_t len, unsigned flags, zn_buf *out,
                      size_t *n_invalid) {
  const unsigned char *u = (const unsigned char *)s;
  size_t saved_len = out->len;
  size_t n_bad = 0;
  size_t run = 0; /* start of the input bytes not yet copied */
  size_t i = 0;
  int rc = ZN_OK;

  if ((flags & ~(unsigned)ZN_NORM_ALL) != 0)
    return ZN_EINVAL;
  if (len == 0) {
    if (n_invalid != NULL)
      *n_invalid = 0;
    return ZN_OK;
  }
  if (s == NULL)
    return ZN_EINVAL;
  /* Room for about the output at once (normalizing seldom makes text
   * longer), not a doubling and a copy per power of two; when that room
   * cannot be had, the appends below grow the buffer as they need. */
  if (out->cap - out->len < len + 1)
    (void)zn_buf_grow(out, len);

  /* Invariant: u[run..i) is copied to out unchanged when the next change
   * (or the end) is reached. */
  while (i < len) {
    unsigned c = u[i];
    int32_t cp;
    int32_t to;
    int n = 1;
    char enc[4];
    int enc_len = 0;

    if (c < 0x80) {
      if ((c >= 0x20 && c != 0x7F) || c == '\t' || c == '\n') {
        i++;
        continue;
      }
      if (c == '\r' && (flags & ZN_NORM_NEWLINE)) {
        /* CRLF keeps its LF; a lone CR becomes one. */
        if (i + 1 < len && u[i + 1] == '\n')
          to = ZN_MAP_DROP;
        else
          to = '\n';
      } else if (flags & ZN_NORM_CONTROL) {
        to = ZN_MAP_DROP;
      } else {
        i++;
        continue;
      }
    } else if (c - 0xE3u <= 0xEEu - 0xE3u && c != 0xED && len - i >= 3 &&
               cont2(u + i + 1) &&
               !(c == 0xE3 && u[i + 1] == 0x80 && u[i + 2] == 0x80)) {
      /* U+3001..U+EFFF, Han and kana, kept (map_non_ascii's first test)
       * without a call to the decoder: most of Chinese text. */
      i += 3;
      continue;
    } else {
      n = zn__utf8_decode_inl(u + i, len - i, &cp);
      if (cp < 0) {
        n_bad++;
        to = (int32_t)ZN_REPLACEMENT_CP;
      } else {
        to = map_non_ascii(cp, flags);
        if (to == ZN_MAP_KEEP) {
          i += (size_t)n;
          continue;
        }
      }
    }
    rc = zn_buf_append(out, s + run, i - run);
    if (rc != ZN_OK)
      goto fail;
    if (to >= 0) {
      enc_len = zn_utf8_encode((uint32_t)to, enc);
      rc = zn_buf_append(out, enc, (size_t)enc_len);
      if (rc != ZN_OK)
        goto fail;
    }
    i += (size_t)n;
    run = i;
  }
  rc = zn_buf_append(out, s + run, len - run);
  if (rc != ZN_OK)
    goto fail;
  if (n_invalid != NULL)
    *n_invalid = n_bad;
  return ZN_OK;

fail:
  out->len = saved_len;
  if (out->data != NULL)
    out->data[saved_len] = '\0';
  return rc;
}
