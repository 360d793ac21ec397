/* SPDX-License-Identifier: MIT */
/*
 * fuzz-json.c - libFuzzer target: reading an Article from JSON
 * (zn_article_from_json) with allocation failures injected, and
 * fingerprinting (zn_fingerprint) what it reads and the raw bytes.
 * Invariants: the call gives a record or an error, never both; a format
 * error has a message; an allocation failure comes back as ZN_ENOMEM; a
 * record read writes back as JSON that reads again to the same JSON (the
 * round trip is exact); a fingerprint is deterministic, equal to itself,
 * and all ones (with SimHash 0) only when there is no content.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_fingerprint(const zn_article *a) {
  zn_analysis f1, f2;
  bool ones = true;

  ZN_FUZZ_CHECK(zn_fingerprint(a, &f1) == ZN_OK);
  ZN_FUZZ_CHECK(zn_fingerprint(a, &f2) == ZN_OK);
  ZN_FUZZ_CHECK(memcmp(f1.minhash, f2.minhash, sizeof f1.minhash) == 0);
  ZN_FUZZ_CHECK(f1.simhash == f2.simhash);
  ZN_FUZZ_CHECK(zn_minhash_similarity(f1.minhash, f2.minhash) == 1.0);
  ZN_FUZZ_CHECK(zn_simhash_distance(f1.simhash, f2.simhash) == 0);
  for (size_t i = 0; i < ZN_MINHASH_K; i++)
    ones &= f1.minhash[i] == UINT32_MAX;
  if (ones)
    ZN_FUZZ_CHECK(f1.simhash == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  zn_article *a = (zn_article *)1;
  char errmsg[200];
  size_t fail_at = 0;
  int rc;

  /* A first byte 0xFA..0xFF injects an allocation failure, at a point the
   * second byte chooses; the rest is the JSON. */
  if (size >= 2 && data[0] >= 0xFA) {
    fail_at = (size_t)data[1] + 1;
    data += 2;
    size -= 2;
  }
  /* The raw bytes as a body (any bytes, invalid UTF-8 included). */
  {
    char *copy = malloc(size + 1);
    char *items[1];
    zn_article raw;
    ZN_FUZZ_CHECK(copy != NULL);
    memcpy(copy, data, size);
    copy[size] = '\0';
    memset(&raw, 0, sizeof raw);
    items[0] = copy;
    raw.paragraphs.items = items;
    raw.paragraphs.n = 1;
    raw.dateline = copy; /* the whole text as its own dateline */
    check_fingerprint(&raw);
    raw.dateline = NULL;
    check_fingerprint(&raw);
    free(copy);
  }
  zn_fuzz_inject(fail_at);
  rc =
      zn_article_from_json((const char *)data, size, &a, errmsg, sizeof errmsg);
  if (rc != ZN_OK) {
    ZN_FUZZ_CHECK(a == NULL);
    ZN_FUZZ_CHECK(rc == ZN_EFORMAT || (fail_at != 0 && rc == ZN_ENOMEM));
    if (rc == ZN_EFORMAT)
      ZN_FUZZ_CHECK(errmsg[0] != '\0');
  } else {
    zn_buf j1, j2;
    zn_article *b = NULL;
    ZN_FUZZ_CHECK(a != NULL);
    zn_fuzz_inject(0);
    check_fingerprint(a);
    zn_buf_init(&j1, 0);
    zn_buf_init(&j2, 0);
    ZN_FUZZ_CHECK(zn_article_to_json(a, 0, &j1) == ZN_OK);
    ZN_FUZZ_CHECK(zn_article_from_json(j1.data, j1.len, &b, errmsg,
                                       sizeof errmsg) == ZN_OK);
    ZN_FUZZ_CHECK(zn_article_to_json(b, 0, &j2) == ZN_OK);
    ZN_FUZZ_CHECK(j1.len == j2.len && memcmp(j1.data, j2.data, j1.len) == 0);
    zn_buf_free(&j1);
    zn_buf_free(&j2);
    zn_article_free(b);
    zn_article_free(a);
  }
  zn_fuzz_inject(0);
  return 0;
}
