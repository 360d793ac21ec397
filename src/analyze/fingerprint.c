/* SPDX-License-Identifier: MIT */
/*
 * fingerprint.c - reprint fingerprints: a MinHash signature and a 64-bit
 * SimHash of an Article's body, and the two ways of comparing them.
 *
 * What is hashed: the body paragraphs (never captions, warnings, the title
 * or deck lines, which reprints change), reduced to its content characters
 * -- Han, kana, hangul, digits and Latin letters, full-width forms folded to
 * ASCII and letters lowercased -- with punctuation, spaces and symbols
 * dropped, so that another outlet's punctuation or spacing changes nothing.
 * The dateline opening the first paragraph (新华社北京6月4日电, 本报讯, and
 * the reporters' bracket after it) is skipped: reprints rewrite it.  The
 * stream runs across paragraph breaks, since reprints re-paragraph.
 *
 * Features are the overlapping 5-character shingles of that stream (Chinese
 * news needs about five characters before a shingle stops being a stock
 * phrase).  Each shingle is hashed once to 64 bits h (a rolling polynomial,
 * then splitmix64's finalizer); MinHash slot i keeps the minimum over
 * shingles of the high 32 bits of a_i * x + b_i mod 2^64, x the high half
 * of h, where the (a_i, b_i) are 64 fixed pairs drawn from splitmix64 -- so
 * a signature is the same on every platform and in every run.  SimHash
 * counts, per bit, the shingle occurrences whose hash has it set
 * (term-frequency weights) and keeps the bits set in more than half.  No
 * allocation happens: a 5-character window and the MinHash keys waiting to
 * be taken in (up to ZN_MINHASH_BATCH) are all the state.
 *
 * Speed: the 64 slots cost 64 multiply-adds a character, done in vector
 * lanes, four shingles a pass over the slots (minhash_update); 3.5% of
 * `zhnews analyze`'s time.  One
 * permutation hashing (one
 * slot per shingle, empty slots densified) measured 3-4 times faster but
 * estimates short bodies with fewer effective samples, and the analyzer's
 * whole budget is 5 MB/s, so the classic scheme stays.
 *
 * A body with fewer than five content characters is one shingle; an empty
 * body falls back to the title; nothing at all gives the all-ones MinHash
 * (every slot UINT32_MAX) and SimHash 0.  docs/FORMAT.md ("Document
 * record", `zhnews dedup`) documents the same.
 */
#include "zhnews/analyze.h"

#include <string.h>

#include "zhnews/text.h"
#include "private/utf8-inl.h"

/* Characters per shingle. */
#define ZN_SHINGLE_NCHAR 5
_Static_assert(ZN_SHINGLE_NCHAR == 5,
               "ZN_ROLL_BASE_TOP is the base to the 4th power");
/* The MinHash seeds come from splitmix64 started here; changing it changes
 * every stored signature. */
#define ZN_MINHASH_SEED UINT64_C(0x7a686e6577732d31) /* "zhnews-1" */

/* splitmix64 (Steele, Lea, Flood 2014): a fixed generator for the seeds and
 * its finalizer as the shingle hash's avalanche step. */
static uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static uint64_t splitmix64_next(uint64_t *state) {
  *state += UINT64_C(0x9e3779b97f4a7c15);
  return mix64(*state);
}

/* SimHash counts are kept bit-sliced: plane p holds bit p of all 64
 * counters, so adding a hash to the 64 counters is a ripple carry of a few
 * word operations instead of 64 additions.  The planes are flushed into
 * counts[] before they can overflow. */
#define ZN_SIMHASH_PLANES 8
/* MinHash keys are taken in this many at a time (minhash_update). */
#define ZN_MINHASH_BATCH 64

struct fp_state {
  /* The hash family: slot i's multiplier a_i in 32-bit halves, and b_i. */
  uint32_t alo[ZN_MINHASH_K], ahi[ZN_MINHASH_K];
  uint64_t b[ZN_MINHASH_K];
  uint32_t ring[ZN_SHINGLE_NCHAR]; /* the last characters kept, the
                                    * oldest at ring[head] once five
                                    * are */
  size_t head;
  uint64_t roll;                      /* their polynomial hash */
  size_t nkept;                       /* characters kept so far */
  uint64_t planes[ZN_SIMHASH_PLANES]; /* bit-sliced counters */
  size_t nplanes;                     /* hashes in the planes */
  uint64_t counts[64];                /* flushed SimHash counts of
                                       * set bits, per bit */
  uint64_t nshingles;                 /* shingle occurrences */
  uint32_t *minhash;                  /* out->minhash */
  uint32_t keys[ZN_MINHASH_BATCH];    /* MinHash keys not yet taken in */
  size_t nkeys;
};

static void fp_init(struct fp_state *st, uint32_t *minhash) {
  uint64_t s = ZN_MINHASH_SEED;

  memset(st, 0, sizeof *st);
  for (size_t i = 0; i < ZN_MINHASH_K; i++) {
    uint64_t a = splitmix64_next(&s) | 1; /* odd: a bijection mod 2^64 */
    st->alo[i] = (uint32_t)a;
    st->ahi[i] = (uint32_t)(a >> 32);
    st->b[i] = splitmix64_next(&s);
  }
  st->minhash = minhash;
  for (size_t i = 0; i < ZN_MINHASH_K; i++)
    minhash[i] = UINT32_MAX;
}

static void flush_planes(struct fp_state *st) {
  for (size_t j = 0; j < 64; j++) {
    uint64_t c = 0;
    for (size_t p = 0; p < ZN_SIMHASH_PLANES; p++)
      c |= ((st->planes[p] >> j) & 1) << p;
    st->counts[j] += c;
  }
  memset(st->planes, 0, sizeof st->planes);
  st->nplanes = 0;
}

/* The shingle hash is a polynomial over the window's code points, base
 * ZN_ROLL_BASE mod 2^64, kept rolling so that a character costs two
 * multiplies whatever the shingle length; splitmix64's finalizer then
 * spreads it over all 64 bits.  ZN_ROLL_BASE_TOP is the base to the power
 * ZN_SHINGLE_NCHAR - 1: the weight of the character leaving the window. */
#define ZN_ROLL_BASE UINT64_C(0x100000001b3)
#define ZN_ROLL_BASE_TOP                                                       \
  (ZN_ROLL_BASE * ZN_ROLL_BASE * ZN_ROLL_BASE * ZN_ROLL_BASE)

/* Slot i keeps the minimum of the high half of a_i * x + b_i mod 2^64 over
 * the 32-bit keys x, a multiply-add-shift family (Dietzfelbinger 1996)
 * that is universal for 32-bit keys.  Written in 32-bit halves -- a_i * x
 * mod 2^64 is alo_i * x + (ahi_i * x << 32), and the carry out of
 * alo_i * x + b_i is lost mod 2^64 anyway -- so that every step is a lane
 * operation of the vector units (32 x 32 -> 64 multiplies, 64-bit adds,
 * unsigned 32-bit minimum), the same values as the 64-bit form.  On x86-64
 * an AVX2 copy is compiled beside the baseline one and chosen at load time
 * (target_clones): 2.5 times faster there, and the MinHash was the
 * largest single cost of `zhnews analyze`. */
/* The clones are chosen through an ifunc, which glibc's loader resolves
 * but musl's refuses ("unsupported relocation type 37": the program does
 * not start), and a compiler without target_clones (clang before 14) only
 * warns about it; so glibc (its features.h came with <string.h>) and a
 * compiler that says it has the attribute. */
#if defined(__x86_64__) && defined(__linux__) && defined(__GLIBC__) &&         \
    !defined(__UCLIBC__) && defined(__has_attribute)
#if __has_attribute(target_clones)
#define ZN_MINHASH_CLONES __attribute__((target_clones("avx2", "default")))
#endif
#endif
#ifndef ZN_MINHASH_CLONES
#define ZN_MINHASH_CLONES
#endif
/* The keys x[0..n) go through the slots four at a time: a slot's
 * multipliers, offset and minimum are loaded and stored once for four keys
 * (the minimum does not depend on the order the keys come in). */
ZN_MINHASH_CLONES
static void minhash_update(uint32_t *restrict mh, const uint32_t *restrict alo,
                           const uint32_t *restrict ahi,
                           const uint64_t *restrict b,
                           const uint32_t *restrict x, size_t n) {
  size_t j = 0;
  for (; j + 4 <= n; j += 4) {
    uint32_t x0 = x[j], x1 = x[j + 1], x2 = x[j + 2], x3 = x[j + 3];
    for (size_t i = 0; i < ZN_MINHASH_K; i++) {
      uint32_t v0 =
          ahi[i] * x0 + (uint32_t)(((uint64_t)alo[i] * x0 + b[i]) >> 32);
      uint32_t v1 =
          ahi[i] * x1 + (uint32_t)(((uint64_t)alo[i] * x1 + b[i]) >> 32);
      uint32_t v2 =
          ahi[i] * x2 + (uint32_t)(((uint64_t)alo[i] * x2 + b[i]) >> 32);
      uint32_t v3 =
          ahi[i] * x3 + (uint32_t)(((uint64_t)alo[i] * x3 + b[i]) >> 32);
      uint32_t m = mh[i];
      m = v0 < m ? v0 : m;
      m = v1 < m ? v1 : m;
      m = v2 < m ? v2 : m;
      m = v3 < m ? v3 : m;
      mh[i] = m;
    }
  }
  for (; j < n; j++) {
    for (size_t i = 0; i < ZN_MINHASH_K; i++) {
      uint64_t t = (uint64_t)alo[i] * x[j] + b[i];
      uint32_t v = ahi[i] * x[j] + (uint32_t)(t >> 32);
      uint32_t m = mh[i];
      mh[i] = v < m ? v : m;
    }
  }
}

static void flush_keys(struct fp_state *st) {
  minhash_update(st->minhash, st->alo, st->ahi, st->b, st->keys, st->nkeys);
  st->nkeys = 0;
}

/* Adds the shingle whose polynomial hash is roll; n is its length. */
static void add_shingle(struct fp_state *st, uint64_t roll, size_t n) {
  uint64_t h = mix64(roll ^ ((uint64_t)n << 59));
  uint64_t x, carry;

  x = h >> 32;
  st->keys[st->nkeys++] = (uint32_t)x;
  if (st->nkeys == ZN_MINHASH_BATCH)
    flush_keys(st);
  /* SimHash: add h's bits to the bit-sliced counters. */
  carry = h;
  for (size_t p = 0; p < ZN_SIMHASH_PLANES && carry != 0; p++) {
    uint64_t t = st->planes[p] & carry;
    st->planes[p] ^= carry;
    carry = t;
  }
  st->nshingles++;
  if (++st->nplanes == (1u << ZN_SIMHASH_PLANES) - 1)
    flush_planes(st);
}

/* The content form of a code point, or 0 to drop it. */
static uint32_t content_char(int32_t cp) {
  if (cp >= 0x4E00 && cp <= 0x9FFF) /* most of the text: Han */
    return (uint32_t)cp;
  if (cp >= 0xFF01 && cp <= 0xFF5E) /* full-width ASCII */
    cp -= 0xFEE0;
  if (cp >= 'A' && cp <= 'Z')
    return (uint32_t)(cp + ('a' - 'A'));
  if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
    return (uint32_t)cp;
  if (cp < 0x80)
    return 0;
  switch (zn_char_class(cp)) {
  case ZN_CC_HAN:
  case ZN_CC_LATIN:
  case ZN_CC_DIGIT:
  case ZN_CC_KANA:
  case ZN_CC_HANGUL:
    return (uint32_t)cp;
  default:
    return 0;
  }
}

static void feed(struct fp_state *st, const char *s, size_t len) {
  size_t i = 0;

  while (i < len) {
    int32_t cp;
    int n = zn__utf8_decode_inl((const unsigned char *)s + i, len - i, &cp);
    uint32_t c;
    i += (size_t)(n > 0 ? n : 1);
    c = cp >= 0 ? content_char(cp) : 0;
    if (c == 0)
      continue;
    /* Invariant: roll is the hash of the last min(nkept, 5) characters,
     * which ring holds (a circle from head once it is full). */
    if (st->nkept >= ZN_SHINGLE_NCHAR) {
      st->roll -= st->ring[st->head] * ZN_ROLL_BASE_TOP;
      st->ring[st->head] = c;
      st->head = st->head + 1 == ZN_SHINGLE_NCHAR ? 0 : st->head + 1;
    } else {
      st->ring[st->nkept] = c;
    }
    st->roll = st->roll * ZN_ROLL_BASE + c;
    st->nkept++;
    if (st->nkept >= ZN_SHINGLE_NCHAR)
      add_shingle(st, st->roll, ZN_SHINGLE_NCHAR);
  }
}

/* Where the first paragraph's text starts once its dateline (as the record
 * gives it) and a reporters' bracket right after it are skipped. */
static size_t skip_dateline(const zn_article *art, const char *p) {
  size_t dlen, off;

  if (art->dateline == NULL)
    return 0;
  dlen = strlen(art->dateline);
  if (dlen == 0 || strncmp(p, art->dateline, dlen) != 0)
    return 0;
  off = dlen;
  while (p[off] == ' ')
    off++;
  /* （记者 X Y） or (记者 X): reprints drop or rewrite the reporters. */
  {
    const char *open = NULL;
    if (strncmp(p + off, "\xef\xbc\x88", 3) == 0) /* （ */
      open = p + off + 3;
    else if (p[off] == '(')
      open = p + off + 1;
    if (open != NULL &&
        (strncmp(open, "记者", 6) == 0 || strncmp(open, "通讯员", 9) == 0)) {
      const char *close = open;
      /* At most 64 bytes: a longer bracket is prose, not a byline. */
      while (*close != '\0' && close - open < 64 && *close != ')' &&
             strncmp(close, "\xef\xbc\x89", 3) != 0) /* ） */
        close++;
      if (*close == ')')
        off = (size_t)(close + 1 - p);
      else if (strncmp(close, "\xef\xbc\x89", 3) == 0)
        off = (size_t)(close + 3 - p);
    }
  }
  return off;
}

double zn_minhash_similarity(const uint32_t a[ZN_MINHASH_K],
                             const uint32_t b[ZN_MINHASH_K]) {
  size_t same = 0;

  for (size_t i = 0; i < ZN_MINHASH_K; i++)
    same += a[i] == b[i];
  return (double)same / ZN_MINHASH_K;
}

int zn_simhash_distance(uint64_t a, uint64_t b) {
  uint64_t x = a ^ b;
  int n = 0;

  /* Kernighan's loop: portable, and fingerprints are compared rarely. */
  while (x != 0) {
    x &= x - 1;
    n++;
  }
  return n;
}

int zn_fingerprint(const zn_article *art, zn_analysis *out) {
  struct fp_state st;
  uint64_t sim = 0;

  if (art == NULL || out == NULL)
    return ZN_EINVAL;
  fp_init(&st, out->minhash);
  for (size_t i = 0; i < art->paragraphs.n; i++) {
    const char *p = art->paragraphs.items[i];
    size_t off = i == 0 ? skip_dateline(art, p) : 0;
    feed(&st, p + off, strlen(p + off));
  }
  if (st.nkept == 0 && art->title != NULL)
    feed(&st, art->title, strlen(art->title));
  if (st.nkept > 0 && st.nkept < ZN_SHINGLE_NCHAR)
    add_shingle(&st, st.roll, st.nkept);
  flush_keys(&st);
  flush_planes(&st);
  /* Bit j is set when more shingle hashes have it set than clear. */
  for (size_t j = 0; j < 64; j++)
    if (st.counts[j] * 2 > st.nshingles)
      sim |= UINT64_C(1) << j;
  out->simhash = sim;
  return ZN_OK;
}
