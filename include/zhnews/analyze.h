/* SPDX-License-Identifier: MIT */
/*
 * analyze.h - turns an Article into a Document: who (people with their
 * posts), where (places), which organizations, when (dates resolved against
 * the publish time), which slogans, which keywords, a short extractive
 * summary and fingerprints for near-duplicate detection.
 *
 * An analyzer is a per-thread handle over a shared, read-only lexicon (whose
 * IDF section weights keywords).  The analysis it returns is a plain value
 * the caller frees with zn_analysis_free(); all offsets are byte offsets into
 * the paragraph they name.  The JSON form is in docs/FORMAT.md ("Document").
 */
#ifndef ZN_ANALYZE_H
#define ZN_ANALYZE_H

#include <stddef.h>
#include <stdint.h>

#include "zhnews/common.h"
#include "zhnews/extract.h"
#include "zhnews/seg.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum zn_entity_type {
  ZN_ENTITY_PERSON = 0,
  ZN_ENTITY_PLACE = 1,
  ZN_ENTITY_ORG = 2
} zn_entity_type;

/* "person", "place", "organization". */
ZN_EXTERN const char *zn_entity_type_name(zn_entity_type t);

/* One entity: all its mentions merged under one name. */
typedef struct zn_entity {
  char *name;          /* 陈敏尔 */
  zn_entity_type type; /* ZN_ENTITY_* */
  size_t count;        /* mentions in the title and body */
  zn_strlist posts; /* people only: 市委书记, 市长 ... in first-seen order */
} zn_entity;

/* Where a mention is: paragraph index (ZN_PARA_TITLE for the title) and
 * the byte span inside that string. */
#define ZN_PARA_TITLE ((size_t)-1)
typedef struct zn_span {
  size_t para;
  size_t off;
  size_t len;
} zn_span;

typedef struct zn_mention {
  size_t entity; /* index into zn_analysis.entities */
  zn_span at;
} zn_mention;

/* A date or time mention resolved against the publish time. */
typedef struct zn_date_mention {
  zn_span at;
  char *iso; /* 2023-05-31, 2023-05, 2023, 2023-06-03T10:00+08:00,
              * or a range 2023-01-01/2023-06-30 (今年上半年) */
} zn_date_mention;

/* A keyword with its weight, or a slogan with its count. */
typedef struct zn_term {
  char *text;
  double weight; /* keywords: TF-IDF, highest first; slogans: the count */
} zn_term;

#define ZN_MINHASH_K 64

typedef struct zn_analysis {
  zn_entity *entities; /* people, then places, then organizations; each by
                        * count, highest first */
  size_t nentities;
  zn_mention *mentions; /* in text order: title, then paragraphs */
  size_t nmentions;
  zn_date_mention *dates; /* in text order */
  size_t ndates;
  zn_term *slogans; /* by count, highest first */
  size_t nslogans;
  zn_term *keywords; /* by weight, highest first */
  size_t nkeywords;
  zn_strlist summary;             /* body sentences in their order */
  uint64_t simhash;               /* 64-bit SimHash of the body */
  uint32_t minhash[ZN_MINHASH_K]; /* MinHash over character shingles */
  const char *seg_mode;           /* "fast" or "accurate": what segmented */
} zn_analysis;

/* Frees a; NULL is a harmless no-op.  Can't fail. */
ZN_EXTERN void zn_analysis_free(zn_analysis *a);

typedef struct zn_analyzer zn_analyzer;

/* A new analyzer over lex, which must outlive it.  0, ZN_EINVAL (lex NULL)
 * or ZN_ENOMEM; *out is NULL on failure. */
ZN_EXTERN int zn_analyzer_new(const zn_lexicon *lex, zn_analyzer **out);
/* NULL is a harmless no-op. */
ZN_EXTERN void zn_analyzer_free(zn_analyzer *an);
/* How many keywords (default 10) and summary sentences (default 3) to
 * give; 0 gives none.  ZN_EINVAL above 1000. */
ZN_EXTERN int zn_analyzer_set_keywords(zn_analyzer *an, size_t n);
ZN_EXTERN int zn_analyzer_set_summary(zn_analyzer *an, size_t n);
/* The segmenter the analyzer uses, to add user words or change its mode. */
ZN_EXTERN zn_seg *zn_analyzer_seg(zn_analyzer *an);

/* Analyzes art.  0 with *out set, or ZN_ENOMEM / ZN_ETOOBIG. */
ZN_EXTERN int zn_analyze(zn_analyzer *an, const zn_article *art,
                         zn_analysis **out);

/* Appends the Document (the Article's keys, then "analysis") as one JSON
 * object to out; an may be NULL (then "analysis" is null).  Flags as for
 * zn_article_to_json(). */
ZN_EXTERN int zn_document_to_json(const zn_article *art, const zn_analysis *an,
                                  unsigned flags, zn_buf *out);

/* Reads an Article (or Document: its "analysis" is ignored) from one JSON
 * object.  0, ZN_EFORMAT with a message in errmsg, or ZN_ENOMEM. */
ZN_EXTERN int zn_article_from_json(const char *json, size_t len,
                                   zn_article **out, char *errmsg,
                                   size_t errmsg_len);

/*
 * Near-duplicate detection over fingerprints.  Two documents are the same
 * story when the Jaccard similarity their MinHash signatures estimate is at
 * least threshold (0 < threshold <= 1).
 */
ZN_EXTERN double zn_minhash_similarity(const uint32_t a[ZN_MINHASH_K],
                                       const uint32_t b[ZN_MINHASH_K]);
/* Hamming distance between two SimHashes (0-64). */
ZN_EXTERN int zn_simhash_distance(uint64_t a, uint64_t b);
/* Fills simhash and minhash of out (nothing else) from art's body, or its
 * title when the body has no content (docs/FORMAT.md "Fingerprints"); with
 * neither, every minhash slot is UINT32_MAX and simhash 0.  Used by
 * zn_analyze and by callers who want fingerprints only.  0, or ZN_EINVAL
 * when art or out is NULL; never allocates. */
ZN_EXTERN int zn_fingerprint(const zn_article *art, zn_analysis *out);

#ifdef __cplusplus
}
#endif
#endif /* ZN_ANALYZE_H */
