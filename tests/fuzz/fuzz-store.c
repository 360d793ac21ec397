/* SPDX-License-Identifier: MIT */
/*
 * fuzz-store.c - libFuzzer target: the store's JSON scanner (jsonscan.c)
 * against jansson.  For any input jansson accepts as an object with no
 * duplicate keys (as the record reader does): zn__json_find_key finds the
 * value json_object_get finds, byte for byte equal once parsed; and
 * whenever zn__json_is_canonical says a value is written as the store
 * writes it, json_dumps of the parsed value is exactly those bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "fuzz-common.h"
#include "store/jsonscan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The canonical check on v = the bytes s[0..n) (a parsed value too). */
static void check_value(const char *s, size_t n, json_t *v) {
  char *back;
  if (!zn__json_is_canonical(s, n))
    return;
  back = json_dumps(v, JSON_ENCODE_ANY | ZN_JSON_STORE_DUMP);
  ZN_FUZZ_CHECK(back != NULL);
  ZN_FUZZ_CHECK(strlen(back) == n && memcmp(back, s, n) == 0);
  free(back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *json = (const char *)data;
  json_t *o = json_loadb(json, size, JSON_REJECT_DUPLICATES, NULL);
  static const char *const keys[] = {"\"analysis\"", "\"entities\"", "\"a\""};
  if (o == NULL)
    return 0;
  if (json_is_object(o)) {
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
      size_t off = 0;
      size_t n = 0;
      size_t klen = strlen(keys[k]) - 2;
      char key[16];
      json_t *want;
      int where = zn__json_find_key(json, size, keys[k], &off, &n);
      memcpy(key, keys[k] + 1, klen);
      key[klen] = '\0';
      want = json_object_get(o, key);
      if (where == 0)
        ZN_FUZZ_CHECK(want == NULL);
      if (where == 1) {
        json_t *got = json_loadb(json + off, n, JSON_DECODE_ANY, NULL);
        ZN_FUZZ_CHECK(want != NULL && got != NULL);
        ZN_FUZZ_CHECK(json_equal(got, want));
        check_value(json + off, n, got);
        json_decref(got);
      }
    }
  }
  /* The whole input as a value. */
  {
    size_t b = 0;
    size_t e = size;
    while (b < e && strchr(" \t\r\n", json[b]) != NULL && json[b] != '\0')
      b++;
    while (e > b && strchr(" \t\r\n", json[e - 1]) != NULL &&
           json[e - 1] != '\0')
      e--;
    check_value(json + b, e - b, o);
  }
  json_decref(o);
  return 0;
}
