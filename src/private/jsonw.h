/* SPDX-License-Identifier: MIT */
/*
 * jsonw.h - a streaming writer of compact JSON into a zn_buf, for the
 * records zhnews writes by the million (Article, Document).  Building a
 * jansson tree and dumping it cost a fifth of `zhnews analyze`'s time (one
 * allocation per value, a hash table per object, a UTF-8 check per string
 * at creation and again at the dump); this writer appends the bytes
 * directly.  Its output is what jansson's compact dump (JSON_COMPACT,
 * JSON_PRESERVE_ORDER, JSON_REAL_PRECISION(15)) gives for the same values,
 * which tests/unit/test-common.c checks, so that the pretty and sorted
 * forms can still come from jansson by re-reading the compact text.
 * Reading JSON stays with jansson.  Not API.
 *
 * Errors are sticky: the first failure (ZN_ENOMEM / ZN_ETOOBIG from the
 * buffer, ZN_EINVAL for a string that is not UTF-8 or nesting deeper than
 * 64) is kept in w->rc and later calls do nothing.
 */
#ifndef ZN_PRIVATE_JSONW_H
#define ZN_PRIVATE_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zhnews/common.h"

typedef struct zn__jw {
  zn_buf *out;
  int rc;         /* first error, or ZN_OK */
  unsigned depth; /* open containers */
  uint64_t more;  /* bit d: container d already holds a member */
  uint64_t array; /* bit d: container d is an array, not an object */
  bool after_key; /* a key was written; its value comes next */
} zn__jw;

void zn__jw_init(zn__jw *w, zn_buf *out);
void zn__jw_object(zn__jw *w); /* { */
void zn__jw_array(zn__jw *w);  /* [ */
void zn__jw_end(zn__jw *w);    /* } or ], whichever is open */
/* A key of the open object; key is ASCII without characters to escape. */
void zn__jw_key(zn__jw *w, const char *key);
void zn__jw_str(zn__jw *w, const char *s); /* NULL writes null */
void zn__jw_strn(zn__jw *w, const char *s, size_t len);
void zn__jw_null(zn__jw *w);
void zn__jw_int(zn__jw *w, int64_t v);
void zn__jw_real(zn__jw *w, double v);

#endif /* ZN_PRIVATE_JSONW_H */
