/* SPDX-License-Identifier: MIT */
/*
 * internal.h - helpers shared by the files of the extract module: building
 * zn_article records and string lists.  Not API.
 */
#ifndef ZN_EXTRACT_INTERNAL_H
#define ZN_EXTRACT_INTERNAL_H

#include "zhnews/extract.h"
#include "private/strlist.h"

/* Replaces *field with a copy of s[0..len).  0 or ZN_ENOMEM. */
int zn__set_field(char **field, const char *s, size_t len);
/* A new, empty record, or NULL. */
zn_article *zn__article_new(void);

/* Lines from..to-1 of a text; from == SIZE_MAX for none. */
struct zn_region {
  size_t from;
  size_t to;
};

/* Extracts a text dump (valid, normalized UTF-8) into a.  body, if not
 * NULL, is where the HTML path's block scoring found the article: the
 * body is looked for there first and ends with it. */
/* True if s[0..len) holds a Han character (textdump.c; html.c asks it of
 * title parts). */
bool zn__has_han(const char *s, size_t len);

int zn__extract_textdump(const char *text, size_t len,
                         const struct zn_region *body, zn_article *a);
/* Extracts an HTML page (valid UTF-8, not normalized) into a, reading
 * elements at most max_depth levels deep. */
int zn__extract_html(const char *html, size_t len, int max_depth,
                     zn_article *a);

/* The page id in a URL: the last path segment without its extension
 * (".html", ".shtml", ...) when it is an identifier with at least four
 * digits ("c_1125597921", "doc-ihqfskcn2160999"), else a numeric id=
 * query value.  Returns its length and sets *off, or 0. */
size_t zn__url_page_id(const char *url, size_t len, size_t *off);

#endif /* ZN_EXTRACT_INTERNAL_H */
