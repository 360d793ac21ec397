/* SPDX-License-Identifier: MIT */
/*
 * jansson-article.h - the Article record written as JSON, shared by the
 * extract module (Article JSON) and the analyze module (Document JSON, which
 * is the Article's keys plus "analysis"), and the jansson dump the store
 * and the pretty forms use.  Not API.
 */
#ifndef ZN_PRIVATE_JANSSON_ARTICLE_H
#define ZN_PRIVATE_JANSSON_ARTICLE_H

#include <jansson.h>

#include "zhnews/analyze.h"
#include "zhnews/extract.h"
#include "private/jsonw.h"

/* Writes a's keys in record order into the object open in w. */
void zn__article_jw(zn__jw *w, const zn_article *a);
/* Ends a record that w wrote from out->len == start: on an error in w the
 * record is taken back and the error returned; with flags (ZN_JSON_PRETTY,
 * ZN_JSON_SORT_KEYS) jansson rewrites it in that form. */
int zn__jw_finish(zn__jw *w, size_t start, unsigned flags);
/* Appends the Document's "analysis" object alone (compact), as
 * zn_document_to_json() writes it inside the Document.  0, ZN_EINVAL,
 * ZN_ENOMEM or ZN_ETOOBIG; nothing appended on an error. */
int zn__analysis_to_json(const zn_article *art, const zn_analysis *an,
                         zn_buf *out);
/* Appends o to out as JSON; flags as for zn_article_to_json().  0,
 * ZN_EINVAL, ZN_ENOMEM or ZN_ETOOBIG. */
int zn__jansson_dump(json_t *o, unsigned flags, zn_buf *out);

#endif /* ZN_PRIVATE_JANSSON_ARTICLE_H */
