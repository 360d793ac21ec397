/* SPDX-License-Identifier: MIT */
/*
 * model.c - the accurate-mode model (format version 1,
 * docs/model-format.md): opening and checking a mapped model file, the
 * features of a Han run, Viterbi decoding of its B/M/E/S labels, and the
 * word-level POS tagger.  Opening costs an mmap and a few header checks;
 * every table is used in place.  The trainer that writes these files is
 * model-train.c; both compute features with the functions here, so what
 * the model learned is what the decoder sees.
 */
#include "zhnews/seg.h"

#include <stdio.h>
#include <string.h>

#include "zhnews/text.h"
#include "seg/lexicon-int.h"
#include "seg/model-int.h"
#include "seg/mapfile.h"
#include "seg/seg-int.h"

#if defined(__GNUC__)
#define ZN_MDL_PREFETCH(p) __builtin_prefetch((p), 0, 1)
#else
#define ZN_MDL_PREFETCH(p) ((void)(p))
#endif

static int fail(char *errmsg, size_t cap, int rc, const char *what) {
  if (errmsg != NULL && cap > 0)
    snprintf(errmsg, cap, "%s", what);
  return rc;
}

static bool is_pow2(uint32_t n) {
  return n != 0 && (n & (n - 1)) == 0;
}

/* Folds the DENSE weights into two tables indexed by a position's lexicon
 * lengths and by its character classes, so that the decoder adds two
 * vectors per position, not eight (zn__mdl_dense_idx() defines what is
 * folded).  About 120 KB, computed in well under a millisecond. */
static int combine(zn_model *md) {
  size_t nl =
      ZN_MDL_NLEN * ZN_MDL_NLEN * ZN_MDL_NLEN * ZN_MDL_NLEN * ZN_MDL_NLEN;
  size_t nc = ZN_MDL_NCC * ZN_MDL_NCC * ZN_MDL_NCC;
  int32_t *t = zn_malloc((nl + nc) * 4 * sizeof *t);
  if (t == NULL)
    return ZN_ENOMEM;
  md->lexcomb = t;
  md->cccomb = t + nl * 4;
  for (size_t a = 0; a < nl; a++) {
    size_t v = a;
    uint32_t ls_n = (uint32_t)(v % ZN_MDL_NLEN);
    uint32_t le_p = (uint32_t)((v /= ZN_MDL_NLEN) % ZN_MDL_NLEN);
    uint32_t lm = (uint32_t)((v /= ZN_MDL_NLEN) % ZN_MDL_NLEN);
    uint32_t le = (uint32_t)((v /= ZN_MDL_NLEN) % ZN_MDL_NLEN);
    uint32_t ls = (uint32_t)((v /= ZN_MDL_NLEN) % ZN_MDL_NLEN);
    uint32_t d[6] = {ZN_MDL_D_LS + ls,    ZN_MDL_D_LE + le,
                     ZN_MDL_D_LM + lm,    ZN_MDL_D_LSE + ls * ZN_MDL_NLEN + le,
                     ZN_MDL_D_LEP + le_p, ZN_MDL_D_LSN + ls_n};
    for (int y = 0; y < 4; y++) {
      int32_t sum = 0;
      for (int k = 0; k < 6; k++)
        sum += zn__mdl_rd16(md->dense + (size_t)d[k] * 8 + 2 * (size_t)y);
      t[4 * a + (size_t)y] = sum;
    }
  }
  for (size_t b = 0; b < nc; b++) {
    for (int y = 0; y < 4; y++)
      md->cccomb[4 * b + (size_t)y] =
          zn__mdl_rd16(md->dense + (ZN_MDL_D_CC3 + b) * 8 + 2 * (size_t)y) +
          zn__mdl_rd16(md->dense + (size_t)ZN_MDL_D_BIAS * 8 + 2 * (size_t)y);
  }
  return ZN_OK;
}

/* Points the handle's fields at the sections of the mapped file. */
static int parse(zn_model *md, char *errmsg, size_t cap) {
  const uint8_t *m = md->map;
  size_t len = md->map_len;
  uint32_t n_sections;
  const uint8_t *sec[ZN_MDL_SEC_MAX] = {NULL};
  uint64_t sz[ZN_MDL_SEC_MAX] = {0};

  {
    int rc = zn__check_header(
        m, len, ZN_MDL_HEADER_SIZE, ZN_MDL_MAGIC, ZN_MDL_VERSION, "model",
        "retrain it with 'zhnews train'", &n_sections, errmsg, cap);
    if (rc != ZN_OK)
      return rc;
  }
  md->n_uni = zn__mdl_rd32(m + 28);
  md->n_pair = zn__mdl_rd32(m + 32);
  md->n_tags = zn__mdl_rd32(m + 36);
  md->n_tfeat = zn__mdl_rd32(m + 40);
  md->n_tw = zn__mdl_rd32(m + 44);
  if (zn__mdl_rd32(m + 48) != ZN_MDL_NDENSE)
    return fail(errmsg, cap, ZN_EFORMAT,
                "the model's feature set differs from this program's");
  {
    int rc = zn__read_sections(m, len, ZN_MDL_HEADER_SIZE, n_sections,
                               ZN_MDL_SEC_MAX, sec, sz, errmsg, cap);
    if (rc != ZN_OK)
      return rc;
  }
  if (!is_pow2(md->n_uni) || !is_pow2(md->n_pair) ||
      sz[ZN_MDL_SEC_UNI] != (uint64_t)md->n_uni * ZN_MDL_SLOT_SIZE ||
      sz[ZN_MDL_SEC_PAIR] != (uint64_t)md->n_pair * ZN_MDL_SLOT_SIZE ||
      sz[ZN_MDL_SEC_DENSE] != 2 * ZN_MDL_NLABELS * (uint64_t)ZN_MDL_NDENSE ||
      sz[ZN_MDL_SEC_TRANS] != 4 * 16 || md->n_tags == 0 ||
      md->n_tags > ZN_MDL_MAX_TAGS || sec[ZN_MDL_SEC_TAGS] == NULL ||
      (md->n_tfeat != 0 && !is_pow2(md->n_tfeat)) ||
      sz[ZN_MDL_SEC_TFEAT] != (uint64_t)md->n_tfeat * ZN_MDL_TAG_SLOT_SIZE ||
      sz[ZN_MDL_SEC_TW] != 4 * (uint64_t)md->n_tw)
    return fail(errmsg, cap, ZN_EFORMAT, "missing or mis-sized section");
  md->uni = sec[ZN_MDL_SEC_UNI];
  md->uni_w = md->uni + (size_t)md->n_uni * 8;
  md->pair = sec[ZN_MDL_SEC_PAIR];
  md->pair_w = md->pair + (size_t)md->n_pair * 8;
  md->dense = sec[ZN_MDL_SEC_DENSE];
  md->tfeat = sec[ZN_MDL_SEC_TFEAT];
  md->tw = sec[ZN_MDL_SEC_TW];
  for (int k = 0; k < 16; k++) {
    md->trans[k] = (int32_t)zn__mdl_rd32(sec[ZN_MDL_SEC_TRANS] + 4 * k);
    /* Bounded, so that Viterbi's sums cannot overflow. */
    if (md->trans[k] > ZN_MDL_MAX_TRANS || md->trans[k] < -ZN_MDL_MAX_TRANS)
      return fail(errmsg, cap, ZN_EFORMAT, "transition weight out of range");
  }
  {
    const char *p = (const char *)sec[ZN_MDL_SEC_TAGS];
    const char *end = p + sz[ZN_MDL_SEC_TAGS];
    for (uint32_t i = 0; i < md->n_tags; i++) {
      const char *z = memchr(p, '\0', (size_t)(end - p));
      if (z == NULL || z == p)
        return fail(errmsg, cap, ZN_EFORMAT, "bad tag table");
      md->tags[i] = p;
      p = z + 1;
    }
  }
  md->info = "";
  if (sec[ZN_MDL_SEC_INFO] != NULL && sz[ZN_MDL_SEC_INFO] > 0 &&
      sec[ZN_MDL_SEC_INFO][sz[ZN_MDL_SEC_INFO] - 1] == '\0')
    md->info = (const char *)sec[ZN_MDL_SEC_INFO];
  /* The tagger's pair ranges are checked here, once, so that tagging
   * never reads outside the file whatever the file says. */
  for (uint32_t i = 0; i < md->n_tfeat; i++) {
    const uint8_t *s = md->tfeat + (size_t)i * ZN_MDL_TAG_SLOT_SIZE;
    uint32_t first = zn__mdl_rd32(s + 8);
    uint32_t n = zn__mdl_rd32(s + 12);
    /* At most one weight per tag, so a word's sums stay small. */
    if (first > md->n_tw || n > md->n_tw - first || n > md->n_tags)
      return fail(errmsg, cap, ZN_EFORMAT, "tagger feature out of range");
  }
  for (uint32_t i = 0; i < md->n_tw; i++) {
    if ((zn__mdl_rd32(md->tw + 4 * (size_t)i) & 0xFFFF) >= md->n_tags)
      return fail(errmsg, cap, ZN_EFORMAT, "tagger weight with a bad tag");
  }
  return combine(md);
}

int zn_model_open(const char *path, zn_model **out, char *errmsg,
                  size_t errmsg_cap) {
  zn_model *md;
  void *map;
  size_t len;
  int rc;

  *out = NULL;
  if (errmsg != NULL && errmsg_cap > 0)
    errmsg[0] = '\0';
  rc = zn__map_file(path, &map, &len, errmsg, errmsg_cap);
  if (rc != ZN_OK)
    return rc;
  md = zn_malloc(sizeof *md);
  if (md == NULL) {
    zn__unmap_file(map, len);
    return ZN_ENOMEM;
  }
  memset(md, 0, sizeof *md);
  md->map = map;
  md->map_len = len;
  md->mapped = true;
  rc = parse(md, errmsg, errmsg_cap);
  if (rc != ZN_OK) {
    zn_model_close(md);
    return rc;
  }
  *out = md;
  return ZN_OK;
}

int zn__model_from_buffer(const void *buf, size_t len, zn_model **out,
                          char *errmsg, size_t errmsg_cap) {
  zn_model *md = zn_malloc(sizeof *md);
  int rc;
  *out = NULL;
  if (md == NULL)
    return ZN_ENOMEM;
  memset(md, 0, sizeof *md);
  md->map = (void *)(uintptr_t)buf;
  md->map_len = len;
  rc = parse(md, errmsg, errmsg_cap);
  if (rc != ZN_OK) {
    zn_model_close(md);
    return rc;
  }
  *out = md;
  return ZN_OK;
}

void zn_model_close(zn_model *md) {
  if (md == NULL)
    return;
  if (md->mapped)
    zn__unmap_file((void *)md->map, md->map_len);
  zn_free(md->lexcomb);
  zn_free(md);
}

const char *zn_model_info(const zn_model *md) {
  return md->info;
}

/* ------------------------------------------------------------ features */

int zn__mdl_run_reserve(struct zn__mdl_run *r, size_t m) {
  size_t cap = r->cap == 0 ? 256 : r->cap;
  if (m <= r->cap)
    return ZN_OK;
  while (cap < m)
    cap *= 2;
#define ZN__GROW(field, n)                                                     \
  do {                                                                         \
    void *p = zn_realloc(r->field, (n) * sizeof *r->field);                    \
    if (p == NULL)                                                             \
      return ZN_ENOMEM;                                                        \
    r->field = p;                                                              \
  } while (0)
  ZN__GROW(x, cap + 4);
  ZN__GROW(cc, cap + 4);
  ZN__GROW(ls, cap);
  ZN__GROW(le, cap);
  ZN__GROW(lm, cap);
  ZN__GROW(score, cap * 4);
  ZN__GROW(back, cap * 4);
  ZN__GROW(label, cap);
  ZN__GROW(slot, 3 * (cap + 4));
  ZN__GROW(acc, 4 * (cap + 8));
#undef ZN__GROW
  r->cap = cap;
  return ZN_OK;
}

void zn__mdl_run_free(struct zn__mdl_run *r) {
  zn_free(r->x);
  zn_free(r->cc);
  zn_free(r->ls);
  zn_free(r->le);
  zn_free(r->lm);
  zn_free(r->score);
  zn_free(r->back);
  zn_free(r->label);
  zn_free(r->slot);
  zn_free(r->acc);
  memset(r, 0, sizeof *r);
}

static int char_class(uint32_t cp) {
  switch (cp) {
  case 0x96F6: /* 零 */
  case 0x3007: /* 〇 */
  case 0x25CB: /* ○ */
  case 0x4E00: /* 一 */
  case 0x4E8C: /* 二 */
  case 0x4E24: /* 两 */
  case 0x4E09: /* 三 */
  case 0x56DB: /* 四 */
  case 0x4E94: /* 五 */
  case 0x516D: /* 六 */
  case 0x4E03: /* 七 */
  case 0x516B: /* 八 */
  case 0x4E5D: /* 九 */
  case 0x5341: /* 十 */
  case 0x767E: /* 百 */
  case 0x5343: /* 千 */
  case 0x4E07: /* 万 */
  case 0x4EBF: /* 亿 */
  case 0x534A: /* 半 */
  case 0x51E0: /* 几 */
    return ZN_MDL_CC_NUM;
  case 0x5E74: /* 年 */
  case 0x6708: /* 月 */
  case 0x65E5: /* 日 */
  case 0x65F6: /* 时 */
  case 0x5206: /* 分 */
  case 0x79D2: /* 秒 */
  case 0x53F7: /* 号 */
  case 0x70B9: /* 点 */
  case 0x5C81: /* 岁 */
  case 0x5143: /* 元 */
  case 0x4E2A: /* 个 */
  case 0x6B21: /* 次 */
  case 0x540D: /* 名 */
  case 0x4F4D: /* 位 */
  case 0x5BB6: /* 家 */
  case 0x79CD: /* 种 */
  case 0x9879: /* 项 */
    return ZN_MDL_CC_UNIT;
  default:
    return ZN_MDL_CC_HAN;
  }
}

static uint8_t len_bucket(size_t n) {
  return (uint8_t)(n >= ZN_MDL_NLEN - 1 ? ZN_MDL_NLEN - 1 : n);
}

void zn__mdl_features(struct zn__mdl_run *r, const zn_lexicon *lex,
                      const uint32_t *cp, const uint32_t *code, size_t m,
                      int out_left, int out_right) {
  r->m = m;
  r->x[0] = r->x[1] = ZN_MDL_PAD + (uint32_t)out_left;
  r->x[m + 2] = r->x[m + 3] = ZN_MDL_PAD + ZN_MDL_NOUT + (uint32_t)out_right;
  r->cc[0] = r->cc[1] = (uint8_t)(4 + out_left);
  r->cc[m + 2] = r->cc[m + 3] = (uint8_t)(4 + out_right);
  for (size_t i = 0; i < m; i++) {
    r->x[i + 2] = cp[i];
    r->cc[i + 2] = (uint8_t)char_class(cp[i]);
  }
  memset(r->ls, 0, m);
  memset(r->le, 0, m);
  memset(r->lm, 0, m);
  if (lex == NULL)
    return;
  for (size_t i = 0; i < m; i++) {
    uint32_t s = 0;
    size_t longest = 0;
    /* As in the fast decoder (seg.c han_run): the trie states the coming
     * walks start with are asked for ahead, first level 8 positions on,
     * second level 4 on. */
    if (i + 8 < m && code[i + 8] != 0)
      ZN_MDL_PREFETCH(
          lex->states +
          ((size_t)(zn__rd32(lex->states) & ZN_LEX_BASE_MASK) + code[i + 8]) *
              ZN_LEX_STATE_SIZE);
    if (i + 5 < m && code[i + 4] != 0 && code[i + 5] != 0) {
      uint32_t s1 = zn__lex_next(lex, 0, code[i + 4]);
      if (s1 != 0)
        ZN_MDL_PREFETCH(
            lex->states +
            ((size_t)(zn__rd32(lex->states + (size_t)s1 * ZN_LEX_STATE_SIZE) &
                      ZN_LEX_BASE_MASK) +
             code[i + 5]) *
                ZN_LEX_STATE_SIZE);
    }
    for (size_t j = i; j < m && j - i < ZN_MAX_WORD_NCHAR; j++) {
      uint8_t b;
      if (code[j] == 0)
        break;
      s = zn__lex_next(lex, s, code[j]);
      if (s == 0)
        break;
      if (zn__lex_logp(lex, s) == 0.0f)
        continue;
      longest = j - i + 1;
      b = len_bucket(longest);
      if (r->le[j] < b)
        r->le[j] = b;
    }
    r->ls[i] = len_bucket(longest);
    for (size_t k = i + 1; k + 1 < i + longest; k++) {
      if (r->lm[k] < r->ls[i])
        r->lm[k] = r->ls[i];
    }
  }
}

/* The better of two predecessor labels a and b for label y at position
 * i: adds its score to sc[i][y] and records it. */
static inline void vit_step(int32_t *sc, uint8_t *back, size_t i, int y, int a,
                            int b, const int32_t *trans) {
  int32_t va = sc[(i - 1) * 4 + (size_t)a] + trans[a * 4 + y];
  int32_t vb = sc[(i - 1) * 4 + (size_t)b] + trans[b * 4 + y];
  bool take_a = va >= vb;
  sc[i * 4 + (size_t)y] += take_a ? va : vb;
  back[i * 4 + (size_t)y] = (uint8_t)(take_a ? a : b);
}

void zn__mdl_viterbi(struct zn__mdl_run *r, const int32_t *trans) {
  size_t m = r->m;
  int32_t *sc = r->score;
  /* sc is overwritten with the best path scores ending in each label.  A
   * label has exactly two possible predecessors: B and S follow E or S, M
   * and E follow B or M (zn__mdl_trans_ok). */
  static const int32_t k_never = INT32_MIN / 4;
  if (m == 0)
    return;
  sc[ZN_MDL_M] = k_never;
  sc[ZN_MDL_E] = k_never;
  for (size_t i = 1; i < m; i++) {
    /* Scores are kept relative to the best of the previous position, so
     * they stay small however long the run (no int32 overflow). */
    int32_t *p = sc + (i - 1) * 4;
    int32_t top = p[0];
    for (int y = 1; y < 4; y++)
      top = p[y] > top ? p[y] : top;
    for (int y = 0; y < 4; y++)
      p[y] = p[y] > k_never ? p[y] - top : k_never;
    vit_step(sc, r->back, i, ZN_MDL_B, ZN_MDL_E, ZN_MDL_S, trans);
    vit_step(sc, r->back, i, ZN_MDL_M, ZN_MDL_B, ZN_MDL_M, trans);
    vit_step(sc, r->back, i, ZN_MDL_E, ZN_MDL_B, ZN_MDL_M, trans);
    vit_step(sc, r->back, i, ZN_MDL_S, ZN_MDL_E, ZN_MDL_S, trans);
  }
  {
    int y = sc[(m - 1) * 4 + ZN_MDL_E] > sc[(m - 1) * 4 + ZN_MDL_S] ? ZN_MDL_E
                                                                    : ZN_MDL_S;
    for (size_t i = m; i-- > 0;) {
      r->label[i] = (uint8_t)y;
      y = r->back[i * 4 + (size_t)y];
    }
  }
}

/* Adds 4 stored int16 weights to 4 scores: one widening vector add where
 * the compiler has vector extensions and the host is little-endian. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) &&                            \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ &&                               \
    (defined(__clang__) || __GNUC__ >= 9)
typedef int32_t zn_v4i __attribute__((vector_size(16)));
typedef int16_t zn_v4h __attribute__((vector_size(8)));
#define ZN_MDL_VEC 1
#endif

static inline void add4(int32_t *sc, const uint8_t *w) {
#if defined(ZN_MDL_VEC)
  zn_v4h h;
  zn_v4i a;
  memcpy(&h, w, sizeof h);
  memcpy(&a, sc, sizeof a);
  a += __builtin_convertvector(h, zn_v4i);
  memcpy(sc, &a, sizeof a);
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  int16_t v[4];
  memcpy(v, w, sizeof v);
  sc[0] += v[0];
  sc[1] += v[1];
  sc[2] += v[2];
  sc[3] += v[3];
#else
  for (int y = 0; y < 4; y++)
    sc[y] += zn__mdl_rd16(w + 2 * y);
#endif
}

void zn__mdl_decode(const zn_model *md, struct zn__mdl_run *r) {
  size_t m = r->m;
  int32_t *sc = r->score;
  const uint32_t *x = r->x;
  uint32_t umask = md->n_uni - 1;
  uint32_t pmask = md->n_pair - 1;

  /* The dense features, from the tables zn__mdl_combine() folded them
   * into: two look-ups a position instead of eight. */
  for (size_t i = 0; i < m; i++) {
    uint32_t le_p = i > 0 ? r->le[i - 1] : 0;
    uint32_t ls_n = i + 1 < m ? r->ls[i + 1] : 0;
    uint32_t a =
        (((r->ls[i] * ZN_MDL_NLEN + r->le[i]) * ZN_MDL_NLEN + r->lm[i]) *
             ZN_MDL_NLEN +
         le_p) *
            ZN_MDL_NLEN +
        ls_n;
    uint32_t b =
        ((uint32_t)r->cc[i + 1] * ZN_MDL_NCC + r->cc[i + 2]) * ZN_MDL_NCC +
        r->cc[i + 3];
    const int32_t *la = md->lexcomb + 4 * (size_t)a;
    const int32_t *cb = md->cccomb + 4 * (size_t)b;
    for (int y = 0; y < 4; y++)
      sc[4 * i + (size_t)y] = la[y] + cb[y];
  }
  /* Scatter: each character's and each pair's slot is looked up once and
   * its groups added to the positions they describe.  All the keys of the
   * run are asked for first, then all the rows found, so that their loads
   * (what this function waits on: the PAIR rows are bigger than the
   * caches) overlap. */
  {
    uint32_t *hs = r->slot;
    size_t n = m + 4;
    for (size_t j = 0; j < n; j++) {
      uint32_t h = zn__mdl_slot(x[j]) & umask;
      hs[3 * j] = h;
      ZN_MDL_PREFETCH(md->uni + (size_t)h * 8);
      if (j + 1 < n) {
        h = zn__mdl_slot(zn__mdl_pair_key(x[j], x[j + 1])) & pmask;
        hs[3 * j + 1] = h;
        ZN_MDL_PREFETCH(md->pair + (size_t)h * 8);
      }
      if (j + 2 < n) {
        h = zn__mdl_slot(zn__mdl_pair_key(x[j], x[j + 2])) & pmask;
        hs[3 * j + 2] = h;
        ZN_MDL_PREFETCH(md->pair + (size_t)h * 8);
      }
    }
    /* acc holds positions -4 .. m+3 (acc + 16 is position 0), so that
     * no group needs a bounds check: those outside the run land in the
     * margins and are dropped. */
    int32_t *acc = r->acc;
    memset(acc, 0, (m + 8) * 4 * sizeof *acc);
    /* Second pass: find the keys (now arriving) and ask for the rows of
     * those found; third pass: add the rows. */
    for (size_t j = 0; j < n; j++) {
      uint32_t at = zn__mdl_probe(md->uni, umask, hs[3 * j], x[j]);
      hs[3 * j] = at;
      if (at != UINT32_MAX)
        ZN_MDL_PREFETCH(md->uni_w + (size_t)at * ZN_MDL_ROW_SIZE);
      if (j + 1 < n) {
        at = zn__mdl_probe(md->pair, pmask, hs[3 * j + 1],
                           zn__mdl_pair_key(x[j], x[j + 1]));
        hs[3 * j + 1] = at;
        if (at != UINT32_MAX)
          ZN_MDL_PREFETCH(md->pair_w + (size_t)at * ZN_MDL_ROW_SIZE);
      }
      if (j + 2 < n) {
        at = zn__mdl_probe(md->pair, pmask, hs[3 * j + 2],
                           zn__mdl_pair_key(x[j], x[j + 2]));
        hs[3 * j + 2] = at;
        if (at != UINT32_MAX)
          ZN_MDL_PREFETCH(md->pair_w + (size_t)at * ZN_MDL_ROW_SIZE + 32);
      }
    }
    for (size_t j = 0; j < n; j++) {
      int32_t *to = acc + 4 * (j + 4); /* position j - 2 + 2 */
      uint32_t at = hs[3 * j];
      if (at != UINT32_MAX) {
        const uint8_t *w = md->uni_w + (size_t)at * ZN_MDL_ROW_SIZE;
        add4(to, w);
        add4(to - 4, w + 8);
        add4(to - 8, w + 16);
        add4(to - 12, w + 24);
        add4(to - 16, w + 32);
      }
      at = j + 1 < n ? hs[3 * j + 1] : UINT32_MAX;
      if (at != UINT32_MAX) {
        const uint8_t *w = md->pair_w + (size_t)at * ZN_MDL_ROW_SIZE;
        add4(to, w);
        add4(to - 4, w + 8);
        add4(to - 8, w + 16);
        add4(to - 12, w + 24);
      }
      at = j + 2 < n ? hs[3 * j + 2] : UINT32_MAX;
      if (at != UINT32_MAX)
        add4(to - 4, md->pair_w + (size_t)at * ZN_MDL_ROW_SIZE + 32);
    }
    for (size_t i = 0; i < 4 * m; i++)
      sc[i] += acc[i + 16];
  }
  zn__mdl_viterbi(r, md->trans);
}

/* -------------------------------------------------------------- tagger */

static uint64_t key_bytes(int tmpl, const char *a, size_t alen, const char *b,
                          size_t blen) {
  uint64_t h = 0xcbf29ce484222325ull ^ (uint64_t)tmpl;
  h *= 0x100000001b3ull;
  for (size_t i = 0; i < alen; i++) {
    h ^= (unsigned char)a[i];
    h *= 0x100000001b3ull;
  }
  h ^= 0xFF; /* separates a from b */
  h *= 0x100000001b3ull;
  for (size_t i = 0; i < blen; i++) {
    h ^= (unsigned char)b[i];
    h *= 0x100000001b3ull;
  }
  return h != 0 ? h : 1;
}

static uint64_t key_str(int tmpl, const char *a, size_t alen) {
  return key_bytes(tmpl, a, alen, "", 0);
}

/* The shape of a word: 0 Han, 1 digits (and number words), 2 Latin, 3
 * punctuation or symbols, 4 mixed. */
static int word_shape(const char *s, size_t len) {
  int shape = -1;
  for (size_t i = 0; i < len;) {
    int32_t cp;
    int n = zn_utf8_decode(s + i, len - i, &cp);
    int k;
    zn_cclass c = zn_char_class(cp < 0 ? 0xFFFD : cp);
    if (c == ZN_CC_HAN)
      k = 0;
    else if (c == ZN_CC_DIGIT)
      k = 1;
    else if (c == ZN_CC_LATIN)
      k = 2;
    else
      k = 3;
    if (shape < 0)
      shape = k;
    else if (shape != k)
      return 4;
    i += (size_t)(n > 0 ? n : 1);
  }
  return shape < 0 ? 3 : shape;
}

/* Byte length of the first / last n characters of s. */
static size_t head_len(const char *s, size_t len, size_t n) {
  size_t i = 0;
  while (i < len && n > 0) {
    i++;
    while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
      i++;
    n--;
  }
  return i;
}

static size_t tail_len(const char *s, size_t len, size_t n) {
  size_t i = len;
  while (i > 0 && n > 0) {
    i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
      i--;
    n--;
  }
  return len - i;
}

/* The keys of word i that do not depend on the tag before it. */
static size_t tag_keys_static(const struct zn__mdl_word *w, size_t n, size_t i,
                              uint64_t *keys) {
  const struct zn__mdl_word *c = &w[i];
  const char *lt = c->lextag != NULL ? c->lextag : "-";
  size_t nchar = zn_utf8_nchar(c->s, c->len);
  char meta[2];
  size_t k = 0;
  size_t h1 = head_len(c->s, c->len, 1);
  size_t t1 = tail_len(c->s, c->len, 1);

  meta[0] = (char)('0' + (nchar > 4 ? 4 : nchar));
  meta[1] = (char)('0' + word_shape(c->s, c->len));
  keys[k++] = key_str(ZN_MDL_T_BIAS, "", 0);
  keys[k++] = key_str(ZN_MDL_T_W0, c->s, c->len);
  keys[k++] = i > 0 ? key_str(ZN_MDL_T_WP, w[i - 1].s, w[i - 1].len)
                    : key_str(ZN_MDL_T_WP, "<s>", 3);
  keys[k++] = i + 1 < n ? key_str(ZN_MDL_T_WN, w[i + 1].s, w[i + 1].len)
                        : key_str(ZN_MDL_T_WN, "</s>", 4);
  keys[k++] = key_str(ZN_MDL_T_FIRST, c->s, h1);
  keys[k++] = key_str(ZN_MDL_T_LAST, c->s + c->len - t1, t1);
  keys[k++] = key_str(ZN_MDL_T_LEN, meta, 2);
  keys[k++] = key_str(ZN_MDL_T_LEXTAG, lt, strlen(lt));
  keys[k++] = key_bytes(ZN_MDL_T_SHAPE, meta, 2, c->s + c->len - t1, t1);
  if (nchar >= 3) {
    size_t t2 = tail_len(c->s, c->len, 2);
    size_t h2 = head_len(c->s, c->len, 2);
    keys[k++] = key_str(ZN_MDL_T_LAST2, c->s + c->len - t2, t2);
    keys[k++] = key_str(ZN_MDL_T_FIRST2, c->s, h2);
  }
  {
    const char *nl =
        i + 1 < n && w[i + 1].lextag != NULL ? w[i + 1].lextag : "-";
    keys[k++] = key_bytes(ZN_MDL_T_WN_LEX, lt, strlen(lt), nl, strlen(nl));
  }
  if (i > 0)
    keys[k++] =
        key_bytes(ZN_MDL_T_WP_W0, w[i - 1].s, w[i - 1].len, c->s, c->len);
  return k;
}

/* The keys of word i that depend on the tag before it (ptag, -1 none). */
static size_t tag_keys_ptag(const struct zn__mdl_word *w, size_t i, int ptag,
                            const char *const *tags, uint64_t *keys) {
  const struct zn__mdl_word *c = &w[i];
  const char *pt = ptag >= 0 ? tags[ptag] : "<s>";
  const char *lt = c->lextag != NULL ? c->lextag : "-";
  keys[0] = key_str(ZN_MDL_T_PTAG, pt, strlen(pt));
  keys[1] = key_bytes(ZN_MDL_T_PTAG_LEX, pt, strlen(pt), lt, strlen(lt));
  keys[2] = key_bytes(ZN_MDL_T_PTAG_W0, pt, strlen(pt), c->s, c->len);
  return 3;
}

size_t zn__mdl_tag_keys(const struct zn__mdl_word *w, size_t n, size_t i,
                        int ptag, const char *const *tags, uint64_t *keys) {
  size_t k = tag_keys_static(w, n, i, keys);
  return k + tag_keys_ptag(w, i, ptag, tags, keys + k);
}

/* The tagger slot with key, probing from slot at; NULL if absent. */
static const uint8_t *tag_probe(const zn_model *md, uint32_t at, uint64_t key) {
  uint32_t mask = md->n_tfeat - 1;
  for (uint32_t probes = 0; probes < md->n_tfeat; probes++) {
    const uint8_t *q = md->tfeat + (size_t)at * ZN_MDL_TAG_SLOT_SIZE;
    uint64_t k = zn__mdl_rd64(q);
    if (k == key)
      return q;
    if (k == 0)
      return NULL;
    at = (at + 1) & mask;
  }
  return NULL;
}

static void tag_add(const zn_model *md, const uint8_t *s, int32_t *sc) {
  uint32_t first = zn__mdl_rd32(s + 8);
  uint32_t cnt = zn__mdl_rd32(s + 12);
  for (uint32_t p = 0; p < cnt; p++) {
    uint32_t v = zn__mdl_rd32(md->tw + 4 * ((size_t)first + p));
    sc[v & 0xFFFF] += (int16_t)(uint16_t)(v >> 16);
  }
}

/* Words per window: their features that do not depend on the previous tag
 * are looked up together, so that the loads (the tagger's tables are
 * bigger than the caches) overlap; then the words are tagged in order. */
#define ZN_MDL_TAG_WINDOW 32

void zn__mdl_tag(const zn_model *md, struct zn__mdl_word *w, size_t n) {
  uint64_t keys[ZN_MDL_TAG_WINDOW][ZN_MDL_MAX_TAG_FEATS];
  const uint8_t *found[ZN_MDL_TAG_WINDOW][ZN_MDL_MAX_TAG_FEATS];
  uint8_t nk[ZN_MDL_TAG_WINDOW];
  uint32_t mask = md->n_tfeat - 1;
  int ptag = -1;

  for (size_t base = 0; base < n; base += ZN_MDL_TAG_WINDOW) {
    size_t end = n - base < ZN_MDL_TAG_WINDOW ? n : base + ZN_MDL_TAG_WINDOW;
    for (size_t i = base; i < end; i++) {
      size_t q = i - base;
      nk[q] = 0;
      if (w[i].tag != -1 || md->n_tfeat == 0)
        continue;
      nk[q] = (uint8_t)tag_keys_static(w, n, i, keys[q]);
      for (size_t k = 0; k < nk[q]; k++)
        ZN_MDL_PREFETCH(md->tfeat + (size_t)(zn__mdl_slot(keys[q][k]) & mask) *
                                        ZN_MDL_TAG_SLOT_SIZE);
    }
    for (size_t i = base; i < end; i++) {
      size_t q = i - base;
      for (size_t k = 0; k < nk[q]; k++) {
        const uint8_t *f =
            tag_probe(md, zn__mdl_slot(keys[q][k]) & mask, keys[q][k]);
        found[q][k] = f;
        if (f != NULL)
          ZN_MDL_PREFETCH(md->tw + 4 * (size_t)zn__mdl_rd32(f + 8));
      }
    }
    for (size_t i = base; i < end; i++) {
      size_t q = i - base;
      int32_t sc[ZN_MDL_MAX_TAGS];
      uint64_t dk[3];
      int best = 0;
      if (w[i].tag != -1) {
        ptag = w[i].tag >= 0 ? w[i].tag : -1;
        continue;
      }
      memset(sc, 0, sizeof sc);
      if (md->n_tfeat != 0) {
        size_t nd = tag_keys_ptag(w, i, ptag, md->tags, dk);
        for (size_t k = 0; k < nk[q]; k++) {
          if (found[q][k] != NULL)
            tag_add(md, found[q][k], sc);
        }
        for (size_t k = 0; k < nd; k++) {
          const uint8_t *f = tag_probe(md, zn__mdl_slot(dk[k]) & mask, dk[k]);
          if (f != NULL)
            tag_add(md, f, sc);
        }
      }
      for (uint32_t t = 1; t < md->n_tags; t++) {
        if (sc[t] > sc[best])
          best = (int)t;
      }
      w[i].tag = best;
      ptag = best;
    }
  }
}

void zn__mdl_base_tag(const char *tag, size_t len, char *out) {
  static const char *const keep[] = {"vn", "vd", "ad", "an", "nr", "ns", "nt",
                                     "nz", "nx", "Ng", "Vg", "Ag", "Tg", "Dg",
                                     "Mg", "Rg", "Qg", "Ug", "Bg", "Yg"};
  if (len == 0) {
    snprintf(out, 8, "x");
    return;
  }
  for (size_t k = 0; k < sizeof keep / sizeof keep[0]; k++) {
    if (len >= 2 && memcmp(tag, keep[k], 2) == 0 &&
        (len == 2 || (keep[k][0] == 'n' && keep[k][1] == 'r'))) {
      snprintf(out, 8, "%s", keep[k]);
      return;
    }
  }
  out[0] = (char)(tag[0] >= 'A' && tag[0] <= 'Z' ? tag[0] - 'A' + 'a' : tag[0]);
  out[1] = '\0';
}
