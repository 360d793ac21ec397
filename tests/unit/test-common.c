/* SPDX-License-Identifier: MIT */
/*
 * test-common.c - unit tests for what every module shares (common.h): the
 * error table, the replaceable allocator with failure injection, and the
 * zn_buf growable buffer and its size cap.
 */
#include "zhnews/common.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "private/jsonw.h"

#include "test-util.h"

static void test_errors(void **state) {
  static const int codes[] = {ZN_ENOMEM,   ZN_EINVAL,   ZN_EIO,     ZN_ENOENT,
                              ZN_EISDIR,   ZN_EACCES,   ZN_EEMPTY,  ZN_EBINARY,
                              ZN_EBADUTF8, ZN_EBADENC,  ZN_ETOOBIG, ZN_ENOTEXT,
                              ZN_EFORMAT,  ZN_EINTERNAL};
  size_t n = sizeof codes / sizeof codes[0];
  (void)state;
  assert_string_equal(zn_strerror(ZN_OK), "success");
  assert_string_equal(zn_err_name(ZN_OK), "ZN_OK");
  assert_string_equal(zn_strerror(ZN_ENOMEM), "out of memory");
  assert_string_equal(zn_err_name(ZN_EBADENC), "ZN_EBADENC");
  assert_string_equal(zn_strerror(-9999), "unknown error");
  assert_string_equal(zn_err_name(12345), "ZN_UNKNOWN");
  for (size_t i = 0; i < n; i++) {
    assert_true(codes[i] < 0);
    assert_string_not_equal(zn_strerror(codes[i]), "unknown error");
    for (size_t j = i + 1; j < n; j++) {
      assert_int_not_equal(codes[i], codes[j]);
      assert_string_not_equal(zn_strerror(codes[i]), zn_strerror(codes[j]));
      assert_string_not_equal(zn_err_name(codes[i]), zn_err_name(codes[j]));
    }
  }
  assert_string_equal(zn_version(), ZN_VERSION_STRING);
}

static void test_buf(void **state) {
  zn_buf b;
  char *p;
  size_t len;
  (void)state;
  zn_buf_init(&b, 0);
  assert_null(b.data);
  assert_int_equal(zn_buf_append_str(&b, "新闻"), ZN_OK);
  assert_int_equal(zn_buf_append_byte(&b, '!'), ZN_OK);
  assert_int_equal(zn_buf_append(&b, "", 0), ZN_OK);
  assert_string_equal(b.data, "新闻!");
  assert_int_equal(b.len, strlen("新闻!"));
  for (int i = 0; i < 10000; i++)
    assert_int_equal(zn_buf_append(&b, "0123456789", 10), ZN_OK);
  assert_int_equal(b.len, strlen("新闻!") + 100000);
  assert_int_equal(b.data[b.len], '\0');
  zn_buf_reset(&b);
  assert_int_equal(b.len, 0);
  assert_string_equal(b.data, "");
  assert_int_equal(zn_buf_append_str(&b, "abc"), ZN_OK);
  p = zn_buf_detach(&b, &len);
  assert_string_equal(p, "abc");
  assert_int_equal(len, 3);
  assert_null(b.data);
  zn_free(p);
  /* Reusable after free; detach of an empty buffer gives "". */
  zn_buf_free(&b);
  zn_buf_free(NULL);
  p = zn_buf_detach(&b, &len);
  assert_string_equal(p, "");
  assert_int_equal(len, 0);
  zn_free(p);
}

static void test_buf_cap(void **state) {
  zn_buf b;
  (void)state;
  zn_buf_init(&b, 8);
  assert_int_equal(zn_buf_append(&b, "12345678", 8), ZN_OK);
  assert_int_equal(zn_buf_append(&b, "9", 1), ZN_ETOOBIG);
  /* A failed append leaves the contents as they were. */
  assert_string_equal(b.data, "12345678");
  assert_int_equal(zn_buf_grow(&b, SIZE_MAX), ZN_ETOOBIG);
  zn_buf_free(&b);
  zn_buf_init(&b, 0);
  assert_int_equal(zn_buf_grow(&b, ZN_MAX_ALLOC + 1), ZN_ETOOBIG);
  zn_buf_free(&b);
}

static void test_allocator(void **state) {
  zn_buf b;
  int rc;
  (void)state;
  assert_int_equal(zn_replace_allocator(failing_malloc, NULL, free), ZN_EINVAL);
  assert_null(zn_malloc(ZN_MAX_ALLOC + 1));
  assert_null(zn_realloc(NULL, ZN_MAX_ALLOC + 1));
  assert_int_equal(zn_replace_allocator(failing_malloc, failing_realloc, free),
                   ZN_OK);
  n_calls = 0;
  fail_at = 1;
  zn_buf_init(&b, 0);
  rc = zn_buf_append_str(&b, "x");
  assert_int_equal(rc, ZN_ENOMEM);
  assert_null(b.data);
  assert_null(zn_malloc(16));
  fail_at = 0;
  assert_int_equal(zn_buf_append_str(&b, "x"), ZN_OK);
  zn_buf_free(&b);
  assert_int_equal(zn_replace_allocator(NULL, NULL, NULL), ZN_OK);
  zn_free(NULL);
}

/* The compact writer must print what jansson's compact dump prints for the
 * same values (the pretty forms re-read its text with jansson). */
static void jansson_form(json_t *v, zn_buf *want) {
  char *s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER |
                              JSON_REAL_PRECISION(15) | JSON_ENCODE_ANY);
  assert_non_null(s);
  zn_buf_reset(want);
  assert_int_equal(zn_buf_append_str(want, s), ZN_OK);
  free(s);
  json_decref(v);
}

static void test_jsonw(void **state) {
  static const char *const strs[] = {"",
                                     "plain",
                                     "引号\"与\\反斜杠",
                                     "tab\tnl\ncr\r",
                                     "\b\f\x01\x1f\x7f",
                                     "/slash/",
                                     "中文，全角！",
                                     "\xf0\x9f\x98\x80 emoji",
                                     "\xe2\x80\xa8 line sep"};
  static const int64_t ints[] = {0,         1,         -1,        42,
                                 INT64_MAX, INT64_MIN, 4294967295};
  static const double reals[] = {0.0,  1.0,  -0.0, 0.7357, 0.0001,  123456.789,
                                 1e20, 1e-7, -2.5, 1e15,   1.5e300, 0.1 + 0.2};
  zn_buf got, want;
  zn__jw w;
  (void)state;

  zn_buf_init(&got, 0);
  zn_buf_init(&want, 0);
  for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++) {
    zn_buf_reset(&got);
    zn__jw_init(&w, &got);
    zn__jw_str(&w, strs[i]);
    assert_int_equal(w.rc, ZN_OK);
    jansson_form(json_string(strs[i]), &want);
    assert_string_equal(got.data, want.data);
  }
  for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
    zn_buf_reset(&got);
    zn__jw_init(&w, &got);
    zn__jw_int(&w, ints[i]);
    jansson_form(json_integer((json_int_t)ints[i]), &want);
    assert_string_equal(got.data, want.data);
  }
  for (size_t i = 0; i < sizeof reals / sizeof reals[0]; i++) {
    zn_buf_reset(&got);
    zn__jw_init(&w, &got);
    zn__jw_real(&w, reals[i]);
    assert_int_equal(w.rc, ZN_OK);
    jansson_form(json_real(reals[i]), &want);
    assert_string_equal(got.data, want.data);
  }

  /* Nesting, commas, empty containers, null. */
  zn_buf_reset(&got);
  zn__jw_init(&w, &got);
  zn__jw_object(&w);
  zn__jw_key(&w, "a");
  zn__jw_array(&w);
  zn__jw_int(&w, 1);
  zn__jw_object(&w);
  zn__jw_end(&w);
  zn__jw_array(&w);
  zn__jw_end(&w);
  zn__jw_null(&w);
  zn__jw_end(&w);
  zn__jw_key(&w, "b");
  zn__jw_strn(&w, "xyz", 2);
  zn__jw_end(&w);
  assert_int_equal(w.rc, ZN_OK);
  assert_int_equal(w.depth, 0);
  assert_string_equal(got.data, "{\"a\":[1,{},[],null],\"b\":\"xy\"}");

  /* Not UTF-8: an error, sticky; and 65 levels are refused. */
  zn_buf_reset(&got);
  zn__jw_init(&w, &got);
  zn__jw_str(&w, "ok\xff");
  zn__jw_str(&w, "later");
  assert_int_equal(w.rc, ZN_EINVAL);
  zn__jw_init(&w, &got);
  for (int i = 0; i < 65; i++)
    zn__jw_array(&w);
  assert_int_equal(w.rc, ZN_EINVAL);
  zn__jw_init(&w, &got);
  zn__jw_real(&w, 1.0 / 0.0);
  assert_int_equal(w.rc, ZN_EINVAL);
  zn_buf_free(&got);
  zn_buf_free(&want);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_errors),  cmocka_unit_test(test_buf),
      cmocka_unit_test(test_buf_cap), cmocka_unit_test(test_allocator),
      cmocka_unit_test(test_jsonw),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
