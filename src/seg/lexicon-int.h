/* SPDX-License-Identifier: MIT */
/*
 * lexicon-int.h - the in-memory view of a mapped lexicon, shared by
 * lexicon.c (which opens and checks it) and seg.c (which walks it in its
 * hot loop).  Not API.  The file format is in docs/lexicon-format.md.
 */
#ifndef ZN_SEG_LEXICON_INT_H
#define ZN_SEG_LEXICON_INT_H

#include <stdint.h>
#include <string.h>

#include "zhnews/seg.h"

#define ZN_LEX_MAGIC "ZNLEXv1\n"
#define ZN_LEX_VERSION 1
#define ZN_LEX_BYTE_ORDER 0x01020304u
/* Longest word the lexicon holds, in code points. */
#define ZN_MAX_WORD_NCHAR 32
/* At most this many POS tags; a word's tag is a byte. */
#define ZN_MAX_TAGS 256
/* Bytes of one trie state: base (u32: the low 24 bits are the base, the
 * high 8 the tag index of the word ending here), check (u32: the low 24
 * bits are parent + 1, 0 for a free slot; the high 8 a signature of this
 * state's children, bit (code & 7) set for each child code), logp (f32:
 * the word's log-probability, 0 when no word ends here).  What the
 * segmenter's inner loop needs sits in one state, and the signature spares
 * it the load of a child that cannot exist. */
#define ZN_LEX_STATE_SIZE 12
#define ZN_LEX_BASE_MASK 0xFFFFFFu
/* States are numbered below 2^24: the base field has 24 bits. */
#define ZN_LEX_MAX_STATES ((uint32_t)1 << 24)

/* Section ids in the file's section table. */
enum zn_lex_section {
  ZN_LEX_SEC_CHARMAP = 1, /* u16 code per BMP code point, 65536 entries */
  ZN_LEX_SEC_SUPP,        /* (u32 cp, u32 code) pairs, sorted by cp */
  ZN_LEX_SEC_STATES,      /* trie states, ZN_LEX_STATE_SIZE bytes each */
  ZN_LEX_SEC_IDF,         /* u16 per state: IDF x 1000, 0 = none; optional */
  ZN_LEX_SEC_UNUSED5,     /* (reserved) */
  ZN_LEX_SEC_TAGS,        /* NUL-terminated tag strings, one after another */
  ZN_LEX_SEC_HMM,         /* f32: start[4], trans[16], emit[(ncodes+1)*4] */
  ZN_LEX_SEC_MAX
};

/* Integers and floats are stored little-endian; these read them so on any
 * host (on little-endian ones they compile to plain loads). */
static inline uint32_t zn__rd32(const uint8_t *p) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
#else
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
#endif
}

static inline float zn__rdf32(const uint8_t *p) {
  uint32_t u = zn__rd32(p);
  float f;
  memcpy(&f, &u, 4);
  return f;
}

struct zn_lexicon {
  void *map; /* the mapping (or NULL) */
  size_t map_len;
  const uint8_t *charmap; /* ZN_LEX_SEC_CHARMAP */
  const uint8_t *supp;    /* ZN_LEX_SEC_SUPP */
  const uint8_t *idf;     /* ZN_LEX_SEC_IDF, or NULL */
  uint32_t n_supp;
  const uint8_t *states;
  uint32_t n_states;
  uint32_t n_words;
  uint32_t n_codes; /* character codes are 1..n_codes; 0 is "none" */
  const char *tags[ZN_MAX_TAGS];
  uint32_t n_tags;
  const uint8_t *hmm; /* NULL when the lexicon has no HMM */
  float min_logp;     /* the lowest word log-probability */
};

/* The character code of cp, 0 if the lexicon has no word with it. */
static inline uint32_t zn__lex_code(const zn_lexicon *lex, uint32_t cp) {
  uint32_t code = 0;
  if (cp < 0x10000) {
    code = (uint32_t)lex->charmap[2 * cp] | (uint32_t)lex->charmap[2 * cp + 1]
                                                << 8;
  } else {
    uint32_t lo = 0;
    uint32_t hi = lex->n_supp;
    while (lo < hi) {
      uint32_t mid = lo + (hi - lo) / 2;
      uint32_t c = zn__rd32(lex->supp + 8 * (size_t)mid);
      if (c == cp) {
        code = zn__rd32(lex->supp + 8 * (size_t)mid + 4);
        break;
      }
      if (c < cp)
        lo = mid + 1;
      else
        hi = mid;
    }
  }
  /* A damaged map must not send the HMM's table look-up out of range. */
  return code <= lex->n_codes ? code : 0;
}

/* One trie step: the state reached from s by code, or 0 (the root is never
 * a child, so 0 means "no such transition"). */
static inline uint32_t zn__lex_next(const zn_lexicon *lex, uint32_t s,
                                    uint32_t code) {
  const uint8_t *st = lex->states + (size_t)s * ZN_LEX_STATE_SIZE;
  uint32_t t;
  if (!((zn__rd32(st + 4) >> 24) & (1u << (code & 7))))
    return 0;
  t = (zn__rd32(st) & ZN_LEX_BASE_MASK) + code;
  if (t >= lex->n_states ||
      (zn__rd32(lex->states + (size_t)t * ZN_LEX_STATE_SIZE + 4) &
       ZN_LEX_BASE_MASK) != s + 1)
    return 0;
  return t;
}

/* The log-probability of the word ending at state s, 0 if none does. */
static inline float zn__lex_logp(const zn_lexicon *lex, uint32_t s) {
  return zn__rdf32(lex->states + (size_t)s * ZN_LEX_STATE_SIZE + 8);
}

/* The tag of the word ending at state s. */
static inline const char *zn__lex_tag(const zn_lexicon *lex, uint32_t s) {
  uint32_t t = zn__rd32(lex->states + (size_t)s * ZN_LEX_STATE_SIZE) >> 24;
  return lex->tags[t < lex->n_tags ? t : 0];
}

#endif /* ZN_SEG_LEXICON_INT_H */
