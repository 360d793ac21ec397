/* SPDX-License-Identifier: MIT */
/*
 * charset.h - detection and decoding that share what they learn about the
 * bytes, for zn_extract (extract module; in src/text/charset.c): detecting
 * a UTF-8 page validates it whole, and decoding it need not validate the
 * same bytes again.  Not API.
 */
#ifndef ZN_PRIVATE_CHARSET_H
#define ZN_PRIVATE_CHARSET_H

#include <stddef.h>

#include "zhnews/text.h"

/* zn_charset_detect() that also sets *valid_len to the length of a prefix
 * of s it found to be valid UTF-8 (whole sequences; 0 if it did not
 * look). */
zn_encoding zn__charset_detect_ex(const char *s, size_t len,
                                  zn_encoding declared, zn_enc_reason *reason,
                                  size_t *valid_len);

/* zn_charset_to_utf8() told that s[0..valid_len) is valid UTF-8 (as
 * zn__charset_detect_ex reported): the same output, without checking
 * those bytes again. */
int zn__charset_to_utf8_ex(const char *s, size_t len, zn_encoding enc,
                           size_t valid_len, zn_buf *out, size_t *n_invalid);

#endif /* ZN_PRIVATE_CHARSET_H */
