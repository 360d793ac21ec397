/* SPDX-License-Identifier: MIT */
/*
 * jansson-article.h - the Article record as a jansson object, shared by the
 * extract module (Article JSON) and the analyze module (Document JSON, which
 * is the Article's keys plus "analysis").  Not API.
 */
#ifndef ZN_PRIVATE_JANSSON_ARTICLE_H
#define ZN_PRIVATE_JANSSON_ARTICLE_H

#include <jansson.h>

#include "zhnews/extract.h"

/* A new object holding a's keys in record order, or NULL (out of memory). */
json_t *zn__article_jansson(const zn_article *a);
/* Appends o to out as JSON; flags as for zn_article_to_json().  0,
 * ZN_EINVAL, ZN_ENOMEM or ZN_ETOOBIG. */
int zn__jansson_dump(json_t *o, unsigned flags, zn_buf *out);

#endif /* ZN_PRIVATE_JANSSON_ARTICLE_H */
