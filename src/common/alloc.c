/* SPDX-License-Identifier: MIT */
/*
 * alloc.c - the one allocation layer of the library.  Every allocation goes
 * through zn_malloc/zn_realloc/zn_free so a caller can substitute its own
 * allocator and tests can inject failures (STYLE.md §4).
 */
#include "zhnews/common.h"

#include "private/grow.h"

#include <stdint.h>
#include <stdlib.h>

static zn_malloc_func g_malloc = malloc;
static zn_realloc_func g_realloc = realloc;
static zn_free_func g_free = free;

int zn_replace_allocator(zn_malloc_func m, zn_realloc_func r, zn_free_func f) {
  if (m == NULL && r == NULL && f == NULL) {
    g_malloc = malloc;
    g_realloc = realloc;
    g_free = free;
    return ZN_OK;
  }
  if (m == NULL || r == NULL || f == NULL)
    return ZN_EINVAL;
  g_malloc = m;
  g_realloc = r;
  g_free = f;
  return ZN_OK;
}

void *zn_malloc(size_t size) {
  if (size > ZN_MAX_ALLOC)
    return NULL;
  return g_malloc(size == 0 ? 1 : size);
}

void *zn_realloc(void *ptr, size_t size) {
  if (size > ZN_MAX_ALLOC)
    return NULL;
  return g_realloc(ptr, size == 0 ? 1 : size);
}

void zn_free(void *ptr) {
  if (ptr != NULL)
    g_free(ptr);
}

int zn__grow(void **arr, size_t elem, size_t *cap, size_t need) {
  size_t ncap;
  void *p;

  if (need <= *cap)
    return ZN_OK;
  ncap = *cap ? *cap : 8;
  while (ncap < need) {
    if (ncap > SIZE_MAX / 2 / elem)
      return ZN_ENOMEM;
    ncap *= 2;
  }
  p = zn_realloc(*arr, ncap * elem);
  if (p == NULL)
    return ZN_ENOMEM;
  *arr = p;
  *cap = ncap;
  return ZN_OK;
}
