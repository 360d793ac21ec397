/* SPDX-License-Identifier: MIT */
/*
 * test-util.h - what several unit test files share: an allocator that
 * fails from the fail_at'th call on (0 = never), for the OOM loops that
 * check every allocation failure is reported (STYLE.md §7).
 */
#ifndef ZN_TEST_UTIL_H
#define ZN_TEST_UTIL_H

#include <stddef.h>
#include <stdlib.h>

static size_t n_calls;
static size_t fail_at;

static inline void *failing_malloc(size_t n) {
  if (fail_at != 0 && ++n_calls >= fail_at)
    return NULL;
  return malloc(n);
}

static inline void *failing_realloc(void *p, size_t n) {
  if (fail_at != 0 && ++n_calls >= fail_at)
    return NULL;
  return realloc(p, n);
}

#endif /* ZN_TEST_UTIL_H */
