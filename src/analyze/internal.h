/* SPDX-License-Identifier: MIT */
/*
 * internal.h - what the files of the analyze module share: growing the
 * arrays of a zn_analysis, the date anchor, and each part's entry point.
 * analyze.c calls the parts in order; each part appends to the analysis.
 * Not API.
 */
#ifndef ZN_ANALYZE_INTERNAL_H
#define ZN_ANALYZE_INTERNAL_H

#include <stdbool.h>

#include "zhnews/analyze.h"

/* Grows *arr (elements of size elem) so that it holds at least need;
 * *cap is the count allocated.  0 or ZN_ENOMEM. */
int zn__grow(void **arr, size_t elem, size_t *cap, size_t need);

/* The publish time that relative dates (昨天, 25日, 今年上半年) resolve
 * against.  valid is false when the page gives no date: then only dates
 * that carry their year are resolved. */
typedef struct zn__date_anchor {
  bool valid;
  int year, month, day; /* month and day 1-based */
} zn__date_anchor;

/* Reads the anchor from an Article's published ("2023-06-04T16:01:52+08:00"
 * or "2023-06-04"); an absent or unreadable value gives valid = false. */
void zn__date_anchor_from(const char *published, zn__date_anchor *out);

/* Appends to an->dates (capacity *cap) every date or time mention in
 * text[0..len), which is paragraph para (ZN_PARA_TITLE for the title),
 * resolved against anchor.  Mentions it cannot resolve are skipped.
 * 0 or ZN_ENOMEM. */
int zn__find_dates(zn_analysis *an, size_t *cap, const zn__date_anchor *anchor,
                   size_t para, const char *text, size_t len);

#endif /* ZN_ANALYZE_INTERNAL_H */
