/* SPDX-License-Identifier: MIT */
/*
 * text-int.h - helpers shared by the files of the text module and not part
 * of the API: the inline UTF-8 decoder (private/utf8-inl.h, shared with the
 * segmenter's hot loop) and the sanitizer that also counts the bytes it
 * replaced (charset.c needs the byte count for its 1/8 "undecodable" rule).
 */
#ifndef ZN_TEXT_INT_H
#define ZN_TEXT_INT_H

#include "zhnews/text.h"

#include <stddef.h>
#include <stdint.h>

#include "private/utf8-inl.h"

/*
 * zn_utf8_sanitize() that also reports, in *n_bad_len (may be NULL), how
 * many input bytes were replaced.  On error out is left as it was.
 */
int zn__utf8_sanitize_ex(const char *s, size_t len, zn_buf *out,
                         size_t *n_invalid, size_t *n_bad_len);

#endif /* ZN_TEXT_INT_H */
