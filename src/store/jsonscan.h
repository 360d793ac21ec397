/* SPDX-License-Identifier: MIT */
/*
 * jsonscan.h - looking into JSON text the record reader (jansson) has
 * already accepted, without parsing it again (jsonscan.c).  Not API.
 */
#ifndef ZN_STORE_JSONSCAN_H
#define ZN_STORE_JSONSCAN_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

/* How the store writes an analysis value (its analysis column). */
#define ZN_JSON_STORE_DUMP                                                     \
  (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))

/*
 * Where the value of the top-level key qkey (quoted: "\"analysis\"") lies
 * in the JSON object json[0..len), which jansson accepted with no duplicate
 * keys: 1 and *off, *n; 0 when there is no such key; -1 when the scanner
 * cannot tell (a key written with escapes): then parse.
 */
int zn__json_find_key(const char *json, size_t len, const char *qkey,
                      size_t *off, size_t *n);

/*
 * Whether the JSON value s[0..n), which jansson accepted, is written
 * exactly as json_dumps(ZN_JSON_STORE_DUMP) writes the value it parses to,
 * so it can be stored as it is.  False may be said of some that are (any
 * \u escape, say); true is only said of those that are.
 */
bool zn__json_is_canonical(const char *s, size_t n);

#endif /* ZN_STORE_JSONSCAN_H */
