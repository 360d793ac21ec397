/* SPDX-License-Identifier: MIT */
/*
 * model-int.h - the accurate-mode model: its file layout (format version 1,
 * docs/model-format.md), the in-memory view of a mapped model, and the
 * feature definitions that the trainer (model-train.c) and the decoder
 * (model.c, called from seg.c) must share exactly.  Not API.
 *
 * Segmentation is a B/M/E/S labelling of the characters of one Han run,
 * scored by a linear model and decoded with Viterbi.  Its features come in
 * three kinds, each stored so that one look-up serves several positions:
 *  - UNI: keyed by a character; 5 groups of 4 weights, for the character
 *    at offsets -2..+2 from the labelled position;
 *  - PAIR: keyed by two characters; groups 0-3 for the adjacent pair at
 *    offsets (-2,-1) (-1,0) (0,+1) (+1,+2), group 4 for the pair (-1,+1);
 *  - DENSE: small-valued features (lexicon-match lengths, character
 *    classes) indexing a dense table of 4 weights each.
 * POS tags come from a second, word-level model (greedy, left to right)
 * over the tokens of one zn_seg_run() call, with sparse weights.
 */
#ifndef ZN_SEG_MODEL_INT_H
#define ZN_SEG_MODEL_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "zhnews/seg.h"

#define ZN_MDL_MAGIC "ZNMDLv1\n"
#define ZN_MDL_VERSION 1
#define ZN_MDL_BYTE_ORDER 0x01020304u
#define ZN_MDL_HEADER_SIZE 64
#define ZN_MDL_SECTION_ENTRY_SIZE 24 /* = ZN_SECTION_ENTRY_SIZE (mapfile.h) */

/* Segmentation labels. */
enum { ZN_MDL_B = 0, ZN_MDL_M = 1, ZN_MDL_E = 2, ZN_MDL_S = 3 };
#define ZN_MDL_NLABELS 4
/* Weights in a UNI or PAIR slot: 5 groups of 4 labels. */
#define ZN_MDL_NGROUPS 5
#define ZN_MDL_SLOT_W (ZN_MDL_NGROUPS * ZN_MDL_NLABELS)
/* A UNI / PAIR table of n slots: n u64 keys (0 = empty), then n rows of
 * ZN_MDL_SLOT_W int16 weights.  Keys apart from the weights: most PAIR
 * look-ups miss, and a miss then reads only the compact key array (which
 * fits the L2 cache), not rows of weights. */
#define ZN_MDL_ROW_SIZE (2 * ZN_MDL_SLOT_W)
#define ZN_MDL_SLOT_SIZE (8 + ZN_MDL_ROW_SIZE)

/* Stand-ins for what lies outside a Han run (above any code point). */
#define ZN_MDL_PAD 0x110000u
enum {
  ZN_MDL_OUT_NONE = 0, /* start or end of the text, or white space */
  ZN_MDL_OUT_DIGIT,    /* a number token */
  ZN_MDL_OUT_LATIN,    /* a Latin word */
  ZN_MDL_OUT_PUNCT,    /* punctuation, symbols, other scripts */
  ZN_MDL_OUT_USER,     /* a user dictionary word */
  ZN_MDL_NOUT
};

/* Character classes inside a run (pads are 4 + ZN_MDL_OUT_*). */
enum {
  ZN_MDL_CC_HAN = 0,
  ZN_MDL_CC_NUM,  /* Chinese numerals 一 二 十 百 万 ... */
  ZN_MDL_CC_UNIT, /* 年 月 日 时 分 秒 号 点 ... */
  ZN_MDL_NCC = 4 + ZN_MDL_NOUT
};

/* Lexicon-match lengths are bucketed 0 (no word) .. 5 (five or more). */
#define ZN_MDL_NLEN 6

/* The dense features of one position, and where each template's block
 * starts in the DENSE table. */
enum {
  ZN_MDL_D_LS = 0,                          /* longest word from i */
  ZN_MDL_D_LE = ZN_MDL_D_LS + ZN_MDL_NLEN,  /* ... ending at i */
  ZN_MDL_D_LM = ZN_MDL_D_LE + ZN_MDL_NLEN,  /* ... covering i */
  ZN_MDL_D_LSE = ZN_MDL_D_LM + ZN_MDL_NLEN, /* LS x LE */
  ZN_MDL_D_LEP = ZN_MDL_D_LSE + ZN_MDL_NLEN * ZN_MDL_NLEN, /* LE at i-1 */
  ZN_MDL_D_LSN = ZN_MDL_D_LEP + ZN_MDL_NLEN,               /* LS at i+1 */
  ZN_MDL_D_CC3 = ZN_MDL_D_LSN + ZN_MDL_NLEN, /* classes i-1,i,i+1 */
  ZN_MDL_D_BIAS = ZN_MDL_D_CC3 + ZN_MDL_NCC * ZN_MDL_NCC * ZN_MDL_NCC,
  ZN_MDL_NDENSE
};
#define ZN_MDL_DENSE_PER_POS 8

/* Transition weights are at most this big (the file is refused
 * otherwise); with int16 emission weights, Viterbi's sums stay in int32. */
#define ZN_MDL_MAX_TRANS (1 << 24)

/* POS tagger. */
#define ZN_MDL_MAX_TAGS 64
#define ZN_MDL_TAG_SLOT_SIZE 16 /* u64 key, u32 first pair, u32 n pairs */
/* Feature templates of the tagger (the first byte hashed into the key). */
enum {
  ZN_MDL_T_W0 = 1,
  ZN_MDL_T_WP,
  ZN_MDL_T_WN,
  ZN_MDL_T_FIRST,
  ZN_MDL_T_LAST,
  ZN_MDL_T_LEN,
  ZN_MDL_T_LEXTAG,
  ZN_MDL_T_PTAG,
  ZN_MDL_T_PTAG_LEX,
  ZN_MDL_T_PTAG_W0,
  ZN_MDL_T_SHAPE,
  ZN_MDL_T_LAST2,
  ZN_MDL_T_FIRST2,
  ZN_MDL_T_BIAS,
  ZN_MDL_T_WN_LEX,
  ZN_MDL_T_WP_W0
};
#define ZN_MDL_MAX_TAG_FEATS 20

/* Section ids. */
enum zn_mdl_section {
  ZN_MDL_SEC_UNI = 1, /* UNI slots */
  ZN_MDL_SEC_PAIR,    /* PAIR slots */
  ZN_MDL_SEC_DENSE,   /* int16 [ZN_MDL_NDENSE][4] */
  ZN_MDL_SEC_TRANS,   /* int32 [4][4]: previous label x label */
  ZN_MDL_SEC_TAGS,    /* NUL-terminated tag strings */
  ZN_MDL_SEC_TFEAT,   /* tagger slots, ZN_MDL_TAG_SLOT_SIZE bytes each */
  ZN_MDL_SEC_TW,      /* tagger weights: (u16 tag, i16 weight) pairs */
  ZN_MDL_SEC_INFO,    /* free text: how the model was trained */
  ZN_MDL_SEC_MAX
};

static inline uint32_t zn__mdl_rd32(const uint8_t *p) {
  uint32_t v;
  memcpy(&v, p, 4);
#if !(defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__)
  v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
      (uint32_t)p[3] << 24;
#endif
  return v;
}

static inline uint64_t zn__mdl_rd64(const uint8_t *p) {
  return (uint64_t)zn__mdl_rd32(p) | (uint64_t)zn__mdl_rd32(p + 4) << 32;
}

static inline int16_t zn__mdl_rd16(const uint8_t *p) {
  uint16_t v;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  memcpy(&v, p, 2);
#else
  v = (uint16_t)(p[0] | p[1] << 8);
#endif
  return (int16_t)v;
}

struct zn_model {
  void *map;
  size_t map_len;
  bool mapped;          /* map is ours to munmap (not a caller's buffer) */
  const uint8_t *uni;   /* n_uni keys (a power of two) */
  const uint8_t *uni_w; /* n_uni rows of weights */
  uint32_t n_uni;
  const uint8_t *pair;
  const uint8_t *pair_w;
  uint32_t n_pair;
  const uint8_t *dense; /* ZN_MDL_NDENSE x 4 int16 */
  int32_t trans[16];
  const char *tags[ZN_MDL_MAX_TAGS];
  uint32_t n_tags;
  const uint8_t *tfeat; /* n_tfeat slots (a power of two, or 0) */
  uint32_t n_tfeat;
  const uint8_t *tw; /* n_tw pairs */
  uint32_t n_tw;
  const char *info; /* NUL-terminated */
  /* DENSE folded at open (zn_malloc'ed, one block): 4 sums per lexicon
   * length combination, 4 per class triple (with the bias) */
  int32_t *lexcomb;
  int32_t *cccomb;
};

/* The hash of a UNI / PAIR / tagger key: a slot to start probing at.  One
 * multiply: it runs three times per character in the decoder. */
static inline uint64_t zn__mdl_hash(uint64_t k) {
  k ^= k >> 29;
  k *= 0x9E3779B97F4A7C15ull;
  return k ^ k >> 32;
}

static inline uint32_t zn__mdl_slot(uint64_t k) {
  return (uint32_t)zn__mdl_hash(k);
}

static inline uint64_t zn__mdl_pair_key(uint32_t a, uint32_t b) {
  return (uint64_t)a << 22 | b;
}

/* The slot of key in a UNI / PAIR key array (mask is its size - 1),
 * probing from slot i; UINT32_MAX if absent. */
static inline uint32_t zn__mdl_probe(const uint8_t *keys, uint32_t mask,
                                     uint32_t i, uint64_t key) {
  for (uint32_t probes = 0; probes <= mask; probes++) {
    uint64_t k = zn__mdl_rd64(keys + (size_t)i * 8);
    if (k == key)
      return i;
    if (k == 0)
      return UINT32_MAX;
    i = (i + 1) & mask;
  }
  return UINT32_MAX;
}

/*
 * The features of one Han run, computed once and used by both the trainer
 * and the decoder.  x has m + 4 entries: x[k + 2] is the character at
 * position k (x[0], x[1], x[m+2], x[m+3] are pads); cc likewise holds the
 * classes; ls, le, lm (m entries) the bucketed lengths of the longest
 * lexicon word starting at, ending at and strictly covering each position.
 */
struct zn__mdl_run {
  size_t m;
  size_t cap;
  uint32_t *x;
  uint8_t *cc;
  uint8_t *ls, *le, *lm;
  int32_t *score; /* 4 per position */
  uint8_t *back;  /* 4 per position */
  uint8_t *label; /* 1 per position */
  uint32_t *slot; /* the decoder's first slots, 3 per character + pads */
  int32_t *acc;   /* the decoder's scatter target, 4 per position + 8 */
};

/* Grows r for runs of m characters.  0 or ZN_ENOMEM. */
int zn__mdl_run_reserve(struct zn__mdl_run *r, size_t m);
void zn__mdl_run_free(struct zn__mdl_run *r);

/*
 * Fills r's features for the run of m characters cp[] with lexicon codes
 * code[] (0 = not in the lexicon); out_left / out_right are the
 * ZN_MDL_OUT_* kinds of what lies just outside it.  lex may be NULL (no
 * lexicon features).  r must have room (zn__mdl_run_reserve).
 */
void zn__mdl_features(struct zn__mdl_run *r, const zn_lexicon *lex,
                      const uint32_t *cp, const uint32_t *code, size_t m,
                      int out_left, int out_right);

/* The DENSE indices of position i (ZN_MDL_DENSE_PER_POS of them). */
static inline void zn__mdl_dense_idx(const struct zn__mdl_run *r, size_t i,
                                     uint32_t *d) {
  uint32_t le_p = i > 0 ? r->le[i - 1] : 0;
  uint32_t ls_n = i + 1 < r->m ? r->ls[i + 1] : 0;
  d[0] = ZN_MDL_D_LS + r->ls[i];
  d[1] = ZN_MDL_D_LE + r->le[i];
  d[2] = ZN_MDL_D_LM + r->lm[i];
  d[3] = ZN_MDL_D_LSE + (uint32_t)r->ls[i] * ZN_MDL_NLEN + r->le[i];
  d[4] = ZN_MDL_D_LEP + le_p;
  d[5] = ZN_MDL_D_LSN + ls_n;
  d[6] = ZN_MDL_D_CC3 +
         ((uint32_t)r->cc[i + 1] * ZN_MDL_NCC + r->cc[i + 2]) * ZN_MDL_NCC +
         r->cc[i + 3];
  d[7] = ZN_MDL_D_BIAS;
}

/* Transition allowed from label p to label y (B M E S). */
static inline bool zn__mdl_trans_ok(int p, int y) {
  bool p_closed = p == ZN_MDL_E || p == ZN_MDL_S;
  bool y_opens = y == ZN_MDL_B || y == ZN_MDL_S;
  return p_closed == y_opens;
}

/*
 * Viterbi over r->score (emission scores, 4 per position) with transition
 * scores trans[p * 4 + y]; writes r->label.  Scores are int32 here; the
 * trainer scales its float weights the same way.
 */
void zn__mdl_viterbi(struct zn__mdl_run *r, const int32_t *trans);

/* Decodes the run whose features r holds with model md: r->label. */
void zn__mdl_decode(const zn_model *md, struct zn__mdl_run *r);

/* One word for the tagger. */
struct zn__mdl_word {
  const char *s;
  size_t len;
  const char *lextag; /* its lexicon tag, or NULL */
  int tag;            /* out: tag index; in: a fixed tag, or -1 */
};

/*
 * Collects the tagger's feature keys for word i of w[0..n) given the tag
 * of the word before (-1 at the start).  Returns their number.
 */
size_t zn__mdl_tag_keys(const struct zn__mdl_word *w, size_t n, size_t i,
                        int ptag, const char *const *tags, uint64_t *keys);

/* Tags w[0..n) with md (words whose tag is >= 0 keep it). */
void zn__mdl_tag(const zn_model *md, struct zn__mdl_word *w, size_t n);

/* The PKU base tag for a People's Daily tag (wd -> w, nrf -> nr, ...),
 * written to out (cap >= 8). */
void zn__mdl_base_tag(const char *tag, size_t len, char *out);

#endif /* ZN_SEG_MODEL_INT_H */
