/* SPDX-License-Identifier: MIT */
/*
 * store-int.h - what the files of the store module share.  Not API.
 */
#ifndef ZN_STORE_INT_H
#define ZN_STORE_INT_H

#include <jansson.h>

#include "zhnews/store.h"

/* Reads an Article from a JSON object (article-json.c).  0, ZN_EFORMAT
 * (err says which key) or ZN_ENOMEM; *out NULL on failure. */
int zn__store_article_from_jansson(json_t *o, zn_article **out, char *err,
                                   size_t cap);

#endif /* ZN_STORE_INT_H */
