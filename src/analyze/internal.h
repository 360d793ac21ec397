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
#include "private/grow.h"
#include "private/utf8-inl.h"
#include "zhnews/text.h"

/* zn_utf8_decode() inline: the recognizers decode at almost every
 * character, and a call each was a tenth of the dates' time. */
static inline int zn__decode(const char *s, size_t len, int32_t *cp) {
  if (len == 0) {
    *cp = -1;
    return 0;
  }
  return zn__utf8_decode_inl((const unsigned char *)s, len, cp);
}

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

/* A word and its byte length, for the module's word lists: matching needs
 * no strlen. */
typedef struct zn__word {
  const char *s;
  size_t n;
} zn__word;
#define ZN_W(x)                                                                \
  { x, sizeof(x) - 1 }

/* A token of the text being analyzed: byte span and POS tag (static or
 * owned by the lexicon). */
typedef struct zn__tok {
  size_t off, len;
  const char *tag;
  bool content; /* zn__is_content(), worked out once when segmenting */
} zn__tok;

/* The analysis under construction: the value and its arrays'
 * capacities. */
typedef struct zn__doc {
  zn_analysis *an;
  size_t cap_entities, cap_mentions, cap_dates;
  const uint8_t *surname_first; /* bit per BMP code point: starts a
                                   surname (the analyzer's, 8 KiB) */
  const zn_lexicon *lex;        /* the analyzer's lexicon */
} zn__doc;

/* Adds a mention of the entity named name[0..len) (type t) found at
 * [off, off+len) of paragraph para, merging it with an entity of the same
 * name and type; *entity gets its index.  0 or ZN_ENOMEM. */
int zn__add_mention(zn__doc *d, zn_entity_type t, size_t para, const char *name,
                    size_t off, size_t len, size_t *entity);
/* Adds post[0..len) to a person's posts unless there already.  0 or
 * ZN_ENOMEM. */
int zn__add_post(zn__doc *d, size_t entity, const char *post, size_t len);

/* Finds the people (with posts), places and organizations of text[0..len)
 * (paragraph para, segmented into tk[0..ntk)) and adds their mentions.
 * 0 or ZN_ENOMEM. */
int zn__find_entities(zn__doc *d, size_t para, const char *text, size_t len,
                      const zn__tok *tk, size_t ntk);

/* A term of the document: a borrowed byte string, its count and what the
 * parts that use the table keep on it. */
typedef struct zn__term {
  const char *s;
  size_t len;
  uint32_t count;
  double weight;
} zn__term;

typedef struct zn__termmap {
  uint32_t *slot; /* term ids, UINT32_MAX = empty */
  size_t cap_slot;
  zn__term *term; /* by id */
  size_t n, cap_term;
} zn__termmap;

void zn__termmap_init(zn__termmap *m);
void zn__termmap_free(zn__termmap *m);
/* The id of s[0..len): found, or (add) added with count 0.  0, ZN_EINVAL
 * (absent and !add) or ZN_ENOMEM. */
int zn__termmap_get(zn__termmap *m, const char *s, size_t len, bool add,
                    uint32_t *id);

/* The article's text as analyzed: the title (index 0, para
 * ZN_PARA_TITLE) then the paragraphs, each with its tokens. */
typedef struct zn__part {
  size_t para; /* ZN_PARA_TITLE or the paragraph index */
  const char *s;
  size_t len;
  size_t tok0, ntok; /* its tokens in zn__text.tok */
} zn__part;

typedef struct zn__text {
  const zn_lexicon *lex;
  zn__part *part;
  size_t npart, cap_part;
  zn__tok *tok;
  size_t ntok, cap_tok;
  int err; /* set when the token callback could not grow tok */
} zn__text;

/* Is tok a content word (a keyword or summary term candidate)? */
bool zn__is_content(const zn__text *t, const zn__tok *tok, const char *s);
/* The IDF of s[0..len), the lexicon's or the default for unknown words. */
double zn__idf(const zn_lexicon *lex, const char *s, size_t len);

/* Keywords (the top k by TF-IDF, entities as single terms), slogans, and
 * the summary (the k most central body sentences).  0 or ZN_ENOMEM. */
int zn__keywords(zn__doc *d, const zn__text *t, size_t k);
int zn__slogans(zn__doc *d, const zn__text *t);
int zn__summary(zn__doc *d, const zn__text *t, size_t k);

#endif /* ZN_ANALYZE_INTERNAL_H */
