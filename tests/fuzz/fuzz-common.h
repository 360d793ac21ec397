/* SPDX-License-Identifier: MIT */
/*
 * fuzz-common.h - what the libFuzzer targets share: a failing allocator for
 * fault injection (STYLE.md §7) and the invariant checks that turn a wrong
 * result into a crash the fuzzer reports.
 */
#ifndef ZN_FUZZ_COMMON_H
#define ZN_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "zhnews/zhnews.h"

/* Aborts with a message: libFuzzer keeps the input that did it. */
#define ZN_FUZZ_CHECK(cond)                                                  \
  do {                                                                       \
    if (!(cond)) {                                                           \
      fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__,     \
              __LINE__);                                                     \
      abort();                                                               \
    }                                                                        \
  } while (0)

static size_t zn_fuzz_calls __attribute__((unused));
static size_t zn_fuzz_fail_at __attribute__((unused)); /* 0 = never fail */

static inline void *zn_fuzz_malloc(size_t n) {
  if (zn_fuzz_fail_at != 0 && ++zn_fuzz_calls >= zn_fuzz_fail_at)
    return NULL;
  return malloc(n);
}

static inline void *zn_fuzz_realloc(void *p, size_t n) {
  if (zn_fuzz_fail_at != 0 && ++zn_fuzz_calls >= zn_fuzz_fail_at)
    return NULL;
  return realloc(p, n);
}

/* Fails the fail_at'th allocation from now on (0: none). */
static inline void zn_fuzz_inject(size_t fail_at) {
  zn_fuzz_calls = 0;
  zn_fuzz_fail_at = fail_at;
  zn_replace_allocator(zn_fuzz_malloc, zn_fuzz_realloc, free);
}

#endif /* ZN_FUZZ_COMMON_H */
