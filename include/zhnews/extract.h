/* SPDX-License-Identifier: MIT */
/*
 * extract.h - turning a news page into an Article record.
 *
 * An Article is a plain record (zn_article) the library allocates and the
 * caller frees with zn_article_free().  A zn_extractor is a reusable,
 * per-thread handle that holds options and the last error message; one
 * extractor must not be used by two threads at once, but any number of
 * extractors may run in parallel (there is no global mutable state).
 *
 * The input may be in any supported charset (see text.h); the record is
 * always UTF-8, normalized (full-width ASCII letters and digits folded, odd
 * spaces and invisible characters removed), and its `encoding` names what the
 * input was decoded from.  docs/FORMAT.md documents every field.
 */
#ifndef ZN_EXTRACT_H
#define ZN_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>

#include "zhnews/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A list of NUL-terminated UTF-8 strings, owned by the record holding it. */
typedef struct zn_strlist {
  char **items;
  size_t n;   /* strings in items */
  size_t cap; /* slots allocated */
} zn_strlist;

/*
 * The Article record.  Every string is UTF-8 and NUL-terminated, or NULL when
 * the page does not give that field; lists may be empty.  All memory belongs
 * to the record.  Don't modify it except through zn_article_* functions.
 */
typedef struct zn_article {
  char *url;             /* canonical URL of the page, if it shows one */
  char *site;            /* the site the page is from: 新华网天津 */
  char *title;           /* the headline */
  zn_strlist subtitles;  /* deck lines (引题, 副题), in page order */
  char *published;       /* ISO 8601: 2023-06-04T16:01:52+08:00 or a date */
  char *source;          /* the outlet named after 来源: 天津日报 */
  zn_strlist authors;    /* reporters / writers, names only, page order */
  char *editor;          /* 责任编辑, name only */
  char *dateline;        /* 新华社北京1月11日电, 本报讯 */
  zn_strlist captions;   /* photo captions */
  zn_strlist paragraphs; /* the body, in order, chrome removed */
  char *page_id;         /* an id the page or its URL carries */
  char *encoding;        /* what the input was decoded from: "UTF-8" */
  zn_strlist warnings;   /* things the reader should know, one a string */
} zn_article;

/* Frees a record and everything it holds.  Accepts NULL; can't fail. */
ZN_EXTERN void zn_article_free(zn_article *a);

/* Input kinds for zn_extractor_set_format(). */
typedef enum zn_format {
  ZN_FORMAT_AUTO = 0, /* decide from the bytes */
  ZN_FORMAT_TEXT,     /* a page saved as text by a scraper */
  ZN_FORMAT_HTML,     /* an HTML page */
} zn_format;

/* The largest input zn_extract() accepts by default, in bytes.  Real news
 * pages are well under 5 MB; this keeps one hostile input from taking the
 * memory a whole batch needs. */
#define ZN_EXTRACT_DEFAULT_MAX_INPUT ((size_t)32 << 20)
/* Lines longer than this are never taken as headers, meta or chrome lines;
 * they can only be body text. */
#define ZN_MAX_META_LINE_NCHAR 200

typedef struct zn_extractor zn_extractor;

/* Creates an extractor.  OUT: *out, NULL on failure.  0 or ZN_ENOMEM. */
ZN_EXTERN int zn_extractor_new(zn_extractor **out);
/* Frees an extractor.  Accepts NULL; can't fail. */
ZN_EXTERN void zn_extractor_free(zn_extractor *ex);
/* Forces the input kind (default ZN_FORMAT_AUTO).  0 or ZN_EINVAL. */
ZN_EXTERN int zn_extractor_set_format(zn_extractor *ex, zn_format fmt);
/* Sets the input size limit in bytes (0 restores the default). */
ZN_EXTERN void zn_extractor_set_max_input(zn_extractor *ex, size_t max_len);

/* HTML elements nested deeper than this are not read (their text is
 * skipped and the record's warnings say so); real pages stay far below. */
#define ZN_EXTRACT_DEFAULT_MAX_DEPTH 256
/* Sets that depth (0 restores the default). */
ZN_EXTERN void zn_extractor_set_max_depth(zn_extractor *ex, int max_depth);

/* The longest URL zn_extractor_set_url() takes, in bytes. */
#define ZN_MAX_URL_LEN 4096
/* Sets the address the next pages were fetched from (NULL clears it): a
 * record whose page names no URL gets this one, and a page id is read from
 * it when the page shows none.  0, ZN_EINVAL (over ZN_MAX_URL_LEN bytes or
 * not UTF-8) or ZN_ENOMEM. */
ZN_EXTERN int zn_extractor_set_url(zn_extractor *ex, const char *url);

/*
 * Extracts one page from data[0..len).  On success returns 0 and stores a
 * new record in *out (free with zn_article_free).  On failure returns a
 * negative code, leaves *out NULL, and zn_extractor_errmsg() says what went
 * wrong with this input:
 *   ZN_EEMPTY    the input is empty or only white space;
 *   ZN_EBINARY   it is binary data;
 *   ZN_EBADENC   no supported encoding decodes it;
 *   ZN_ETOOBIG   it exceeds the size limit;
 *   ZN_ENOTEXT   nothing like an article (no title and no body) is in it;
 *   ZN_ENOMEM.
 * Invalid bytes inside otherwise good text are replaced and reported in the
 * record's warnings, not treated as failure.
 */
ZN_EXTERN int zn_extract(zn_extractor *ex, const char *data, size_t len,
                         zn_article **out);

/* The message for the last failed call on ex ("" if none); valid until the
 * next call on ex. */
ZN_EXTERN const char *zn_extractor_errmsg(const zn_extractor *ex);

/* Output flags for zn_article_to_json(). */
enum {
  ZN_JSON_PRETTY = 1u << 0,    /* indented, one key a line */
  ZN_JSON_SORT_KEYS = 1u << 1, /* keys in byte order, not record order */
};

/*
 * Appends the record as one JSON object (no trailing newline) to out.  Keys
 * appear in the order of docs/FORMAT.md unless ZN_JSON_SORT_KEYS; absent
 * values are null or [].  Returns 0, ZN_EINVAL for unknown flags or a
 * string that is not UTF-8, ZN_ENOMEM or ZN_ETOOBIG; on an error nothing
 * is appended.
 */
ZN_EXTERN int zn_article_to_json(const zn_article *a, unsigned flags,
                                 zn_buf *out);

#ifdef __cplusplus
}
#endif
#endif /* ZN_EXTRACT_H */
