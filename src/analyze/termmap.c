/* SPDX-License-Identifier: MIT */
/*
 * termmap.c - a small open-addressing hash table from byte strings to
 * dense term ids with counts, used by keywords, slogans and the summary.
 * Keys are borrowed (they point into the article being analyzed);
 * linear probing, load factor at most 1/2.
 */
#include "analyze/internal.h"

#include <string.h>

/* The key's hash: word-sized loads (two overlapping ones for 4-8 bytes,
 * most terms being two or three characters) and a multiply-xorshift mix.
 * Only where keys sit in the table depends on it, never the ids or
 * counts the callers see.  (FNV-1a a byte at a time cost half the
 * lookups' time.) */
static uint64_t load64(const char *s) {
  uint64_t v;
  memcpy(&v, s, 8);
  return v;
}

static uint64_t load32(const char *s) {
  uint32_t v;
  memcpy(&v, s, 4);
  return v;
}

static uint32_t key_hash(const char *s, size_t len) {
  uint64_t h = (uint64_t)len * UINT64_C(0x9e3779b97f4a7c15);
  while (len > 8) {
    h = (h ^ load64(s)) * UINT64_C(0xff51afd7ed558ccd);
    h ^= h >> 29;
    s += 8;
    len -= 8;
  }
  if (len >= 4) {
    h ^= load32(s) | load32(s + len - 4) << 32;
  } else {
    for (size_t i = 0; i < len; i++)
      h ^= (uint64_t)(unsigned char)s[i] << (8 * i);
  }
  h *= UINT64_C(0xbf58476d1ce4e5b9);
  h ^= h >> 31;
  h *= UINT64_C(0x94d049bb133111eb);
  return (uint32_t)(h ^ (h >> 32));
}

void zn__termmap_init(zn__termmap *m) {
  memset(m, 0, sizeof *m);
}

void zn__termmap_free(zn__termmap *m) {
  zn_free(m->slot);
  zn_free(m->term);
  memset(m, 0, sizeof *m);
}

static int rehash(zn__termmap *m, size_t ncap) {
  uint32_t *slot = zn_malloc(ncap * sizeof *slot);
  if (slot == NULL)
    return ZN_ENOMEM;
  for (size_t i = 0; i < ncap; i++)
    slot[i] = UINT32_MAX;
  for (size_t id = 0; id < m->n; id++) {
    size_t i = key_hash(m->term[id].s, m->term[id].len) & (ncap - 1);
    while (slot[i] != UINT32_MAX)
      i = (i + 1) & (ncap - 1);
    slot[i] = (uint32_t)id;
  }
  zn_free(m->slot);
  m->slot = slot;
  m->cap_slot = ncap;
  return ZN_OK;
}

int zn__termmap_get(zn__termmap *m, const char *s, size_t len, bool add,
                    uint32_t *id) {
  size_t i;
  int rc;

  if (m->cap_slot == 0 || (add && 2 * (m->n + 1) > m->cap_slot)) {
    rc = rehash(m, m->cap_slot ? 2 * m->cap_slot : 64);
    if (rc != ZN_OK)
      return rc;
  }
  i = key_hash(s, len) & (m->cap_slot - 1);
  while (m->slot[i] != UINT32_MAX) {
    const zn__term *t = &m->term[m->slot[i]];
    if (t->len == len && memcmp(t->s, s, len) == 0) {
      *id = m->slot[i];
      return ZN_OK;
    }
    i = (i + 1) & (m->cap_slot - 1);
  }
  if (!add)
    return ZN_EINVAL;
  rc = zn__grow((void **)&m->term, sizeof *m->term, &m->cap_term, m->n + 1);
  if (rc != ZN_OK)
    return rc;
  memset(&m->term[m->n], 0, sizeof m->term[m->n]);
  m->term[m->n].s = s;
  m->term[m->n].len = len;
  m->slot[i] = (uint32_t)m->n;
  *id = (uint32_t)m->n++;
  return ZN_OK;
}
