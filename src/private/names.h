/* SPDX-License-Identifier: MIT */
/*
 * names.h - Chinese personal-name knowledge shared by the extract and seg
 * modules.  Not API.
 */
#ifndef ZN_PRIVATE_NAMES_H
#define ZN_PRIVATE_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The byte length of the surname s starts with (compound surnames such as
 * 欧阳 first), or 0 if it starts with none. */
size_t zn__surname_prefix(const char *s, size_t len);

/* Is cp a single-character surname?  The same as zn__surname_prefix() of
 * its UTF-8 being that length, without the encoding and decoding. */
bool zn__is_surname_char(int32_t cp);

/* Sets, in a bitmap over the BMP (bit cp & 7 of byte cp >> 3), every
 * character a surname can start with, so hot loops can skip the search. */
void zn__surname_starts(uint8_t bitmap[0x10000 / 8]);

/* True if v is in the ascending array a[0..n) (binary search). */
bool zn__u32_in_sorted(const uint32_t *a, size_t n, uint32_t v);

#endif /* ZN_PRIVATE_NAMES_H */
