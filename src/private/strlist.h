/* SPDX-License-Identifier: MIT */
/*
 * strlist.h - growing and freeing zn_strlist values (the string lists of
 * Articles and analyses), shared by the extract and analyze modules; in
 * src/extract/article.c.  Not API.
 */
#ifndef ZN_PRIVATE_STRLIST_H
#define ZN_PRIVATE_STRLIST_H

#include <stdbool.h>
#include <stddef.h>

#include "zhnews/extract.h"

/* Appends a copy of s[0..len) to list.  0 or ZN_ENOMEM. */
int zn__strlist_push(zn_strlist *list, const char *s, size_t len);
/* True if list holds a string equal to s[0..len). */
bool zn__strlist_has(const zn_strlist *list, const char *s, size_t len);
/* Frees the strings and the array; list is left empty. */
void zn__strlist_clear(zn_strlist *list);

#endif /* ZN_PRIVATE_STRLIST_H */
