/* SPDX-License-Identifier: MIT */
/*
 * termmap.c - a small open-addressing hash table from byte strings to
 * dense term ids with counts, used by keywords, slogans and the summary.
 * Keys are borrowed (they point into the article being analyzed); FNV-1a
 * hashing, linear probing, load factor at most 1/2.
 */
#include "analyze/internal.h"

#include <string.h>

static uint32_t fnv1a(const char *s, size_t len) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++) {
    h ^= (unsigned char)s[i];
    h *= 16777619u;
  }
  return h;
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
    size_t i = fnv1a(m->term[id].s, m->term[id].len) & (ncap - 1);
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
  i = fnv1a(s, len) & (m->cap_slot - 1);
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
