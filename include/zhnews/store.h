/* SPDX-License-Identifier: MIT */
/*
 * store.h - the embedded archive: Documents in a SQLite file, searchable
 * through FTS5 with the zhnews tokenizer (every Han substring findable,
 * traditional and simplified alike), ranked by BM25 with the title weighted
 * above the subtitles and the body.
 *
 * A zn_store is one connection to one database file; use it from one thread
 * at a time (open one per thread; SQLite's WAL mode lets readers run while
 * one writer writes).  Strings given to the store are copied; strings the
 * store returns in zn_hits / zn_store_stats belong to that value and are
 * freed with it.  The schema is in docs/FORMAT.md ("Store").
 */
#ifndef ZN_STORE_H
#define ZN_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zhnews/analyze.h"
#include "zhnews/common.h"
#include "zhnews/extract.h"
#include "zhnews/seg.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct zn_store zn_store;

/* Open flags. */
enum {
  ZN_STORE_READONLY = 1u << 0, /* search only; the file must exist */
};

/*
 * Opens (creating it and its schema if needed, unless ZN_STORE_READONLY)
 * the database at path, in WAL mode.  lex (borrowed, may be NULL) lets
 * searches split unquoted Chinese into words; without it an unquoted run of
 * Han characters is searched as one phrase.  OUT: *out, NULL on failure;
 * then errmsg (if not NULL) says why.  Returns 0, ZN_EINVAL (unknown flags),
 * ZN_EIO (SQLite could not open or set it up: not a database, a newer
 * schema, read-only file ...) or ZN_ENOMEM.
 */
ZN_EXTERN int zn_store_open(const char *path, unsigned flags,
                            const zn_lexicon *lex, zn_store **out, char *errmsg,
                            size_t errmsg_cap);
/* Closes the store, rolling back an open batch.  NULL is a harmless no-op;
 * can't fail. */
ZN_EXTERN void zn_store_close(zn_store *st);
/* The message for the last failed call on st ("" if none); valid until
 * the next call on st. */
ZN_EXTERN const char *zn_store_errmsg(const zn_store *st);

/*
 * Batches.  Puts between zn_store_begin() and zn_store_commit() are one
 * transaction: after a crash the database holds every committed batch and
 * nothing of the one in progress.  Puts outside a batch commit one by one.
 * A batch's new documents enter the full-text index at commit (or at a
 * search inside the batch); if that fails, the batch is rolled back and
 * the commit (or search) returns ZN_EIO saying so.
 * 0 or ZN_EIO (zn_store_errmsg says why); ZN_EINVAL for a nested begin or a
 * commit without begin.
 */
ZN_EXTERN int zn_store_begin(zn_store *st);
ZN_EXTERN int zn_store_commit(zn_store *st);
ZN_EXTERN int zn_store_rollback(zn_store *st);

/* What a put did. */
typedef enum zn_put_result {
  ZN_PUT_ADDED = 0,     /* a new document */
  ZN_PUT_UPDATED = 1,   /* same url (else same content hash), new content */
  ZN_PUT_UNCHANGED = 2, /* already there exactly so */
} zn_put_result;

/*
 * Adds or replaces a Document.  The document is the same one as an earlier
 * put when it has the same url, or, when it has no url, the same content
 * hash (title, subtitles and body); then the row is updated in place and
 * keeps its id.  an (may be NULL) is the analysis: kept as JSON, its
 * entities fill the entity tables.  OUT: *what and *id (either may be
 * NULL).  0, ZN_EINVAL (no title and no body), ZN_EIO or ZN_ENOMEM.
 */
ZN_EXTERN int zn_store_put(zn_store *st, const zn_article *art,
                           const zn_analysis *an, zn_put_result *what,
                           int64_t *id);
/*
 * The same from one Article or Document JSON object (docs/FORMAT.md); a
 * Document's "analysis" is stored as given.  When it has none and an is
 * not NULL, the article is analyzed with an first.  ZN_EFORMAT when the
 * JSON is not such a record (zn_store_errmsg says where).
 */
ZN_EXTERN int zn_store_put_json(zn_store *st, const char *json, size_t len,
                                zn_analyzer *an, zn_put_result *what,
                                int64_t *id);

/* Search options; zero-initialise, then set what you need. */
typedef struct zn_search_opts {
  size_t limit;           /* hits to return; 0 means 10 */
  size_t offset;          /* hits to skip (paging) */
  const char *since;      /* published on or after this date (2023-06-04 or a
                             prefix: 2023-06) */
  const char *until;      /* published on or before this date (same forms) */
  const char *source;     /* the source or the site is exactly this */
  const char *person;     /* a person entity of the document is exactly this */
  const char *mark_open;  /* snippet match markers; NULL means "[" */
  const char *mark_close; /* NULL means "]" */
} zn_search_opts;

typedef struct zn_hit {
  int64_t id;
  double score; /* BM25 (higher is better) */
  char *title;
  char *published; /* NULL when unknown */
  char *source;    /* NULL when unknown */
  char *site;      /* NULL when unknown */
  char *url;       /* NULL when unknown */
  char *snippet;   /* the best passage, matches between the markers */
} zn_hit;

typedef struct zn_hits {
  zn_hit *items;
  size_t n;
} zn_hits;

/* Frees what a search returned (the structure itself is the caller's);
 * NULL is a harmless no-op. */
ZN_EXTERN void zn_hits_free(zn_hits *h);

/*
 * Searches.  The query language (docs/FORMAT.md "Queries"): words and
 * unquoted text (all must occur; with a lexicon, unquoted Chinese is split
 * into words, each of which must occur), "quoted phrases" (must occur
 * exactly, as a substring for Chinese), OR between two terms, NOT or a
 * leading - before a term to exclude it.  Anything else is text: no query
 * raises an FTS5 syntax error.  A query with nothing to search for finds
 * nothing.  OUT: *out (zn_hits_free it).  0, ZN_EINVAL (bad date or
 * option), ZN_EIO or ZN_ENOMEM.
 */
ZN_EXTERN int zn_store_search(zn_store *st, const char *query,
                              const zn_search_opts *opts, zn_hits *out);

/*
 * Translates a query into the FTS5 MATCH expression zn_store_search() runs
 * (appended to out; empty when there is nothing to search for).  seg (may
 * be NULL) splits unquoted Chinese into words.  0, ZN_ENOMEM or
 * ZN_ETOOBIG (queries over 4 KiB).  Exposed for tests and fuzzing.
 */
#define ZN_MAX_QUERY_LEN 4096
ZN_EXTERN int zn_store_query_to_fts(const char *query, zn_seg *seg,
                                    zn_buf *out);

/* The stored Document with this id as one JSON object (the Article's keys,
 * "analysis", then "id", "content_hash" and "indexed_at") appended to out.
 * 0, ZN_ENOENT (no such id), ZN_EIO or ZN_ENOMEM. */
ZN_EXTERN int zn_store_get_json(zn_store *st, int64_t id, unsigned flags,
                                zn_buf *out);

/* The statistics `zhnews stats` prints, as one JSON object appended to out:
 * documents, entities, the top n people / places / organizations and
 * sources, documents per month.  0, ZN_EIO or ZN_ENOMEM. */
ZN_EXTERN int zn_store_stats_json(zn_store *st, size_t top_n, unsigned flags,
                                  zn_buf *out);

/*
 * Folds text the way the tokenizer does (width, case, traditional to
 * simplified; one character to one character), appending to out, so a
 * brute-force scan can compare like with like.  The traditional-to-
 * simplified table is OpenCC's t2s, taken when zhnews was built (it does not
 * depend on the OpenCC installed at run time).  0, ZN_ENOMEM or ZN_ETOOBIG.
 */
ZN_EXTERN int zn_store_fold(const char *text, size_t len, zn_buf *out);

#ifdef __cplusplus
}
#endif
#endif /* ZN_STORE_H */
