/* SPDX-License-Identifier: MIT */
/*
 * test-fold.c - the compiled-in traditional-to-simplified folding table
 * (fold.c, generated at build time by fold-gen.c) against what the OpenCC
 * installed now answers for every character of its range, asked the same
 * way (fold-opencc.c).  A difference means zhnews was built against
 * another OpenCC than the one here: harmless for zhnews itself, which
 * folds only by its own table, but worth knowing before comparing with
 * OpenCC elsewhere.  Skips when OpenCC's t2s data is not installed.  Also
 * the rule-based folds (width, case) and a few table entries known by
 * heart, which need no OpenCC.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "store/fold-opencc.h"
#include "store/fold.h"
#include "zhnews/common.h"

static uint16_t g_opencc[ZN_FOLD_T2S_N];

static void test_table_is_opencc(void **state) {
  const char *why = "";
  int rc;
  int ndiff = 0;
  int nmapped = 0;
  (void)state;
  rc = zn__fold_t2s_from_opencc(g_opencc, &why);
  if (rc == ZN_ENOENT) {
    print_message("skip: %s\n", why);
    skip();
  }
  assert_int_equal(rc, ZN_OK);
  for (int i = 0; i < ZN_FOLD_T2S_N; i++) {
    int32_t cp = zn__fold_slot_cp(i);
    int32_t want = g_opencc[i] != 0 ? g_opencc[i] : cp;
    int32_t got = zn__fold_cp(cp);
    assert_int_equal(zn__fold_slot(cp), i);
    nmapped += got != cp;
    if (got != want) {
      if (ndiff++ < 10)
        print_message("U+%04X: compiled in U+%04X, OpenCC now U+%04X\n",
                      (unsigned)cp, (unsigned)got, (unsigned)want);
    }
  }
  assert_int_equal(ndiff, 0);
  /* Thousands of characters fold: the table is not empty. */
  assert_true(nmapped > 1000);
}

static void test_known(void **state) {
  (void)state;
  assert_int_equal(zn__fold_cp(0x570B), 0x56FD); /* 國 -> 国 */
  assert_int_equal(zn__fold_cp(0x842C), 0x4E07); /* 萬 -> 万 */
  assert_int_equal(zn__fold_cp(0x56FD), 0x56FD); /* 国 stays */
  assert_int_equal(zn__fold_cp('A'), 'a');
  assert_int_equal(zn__fold_cp(0xFF21), 'a'); /* full-width A */
  assert_int_equal(zn__fold_cp(0xFF11), '1');
  assert_int_equal(zn__fold_cp(0x3000), ' ');
  assert_int_equal(zn__fold_cp(0x20000), 0x20000); /* outside the table */
  assert_int_equal(zn__fold_slot(0x33FF), -1);
  assert_int_equal(zn__fold_slot(0xA000), -1);
  assert_int_equal(zn__fold_slot(ZN_FOLD_CMP_HI), ZN_FOLD_T2S_N - 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_table_is_opencc),
      cmocka_unit_test(test_known),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
