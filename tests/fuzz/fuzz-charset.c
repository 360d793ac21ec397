/* SPDX-License-Identifier: MIT */
/*
 * fuzz-charset.c - libFuzzer target: charset sniffing, detection and
 * conversion.  Invariants: detection always names an encoding for
 * non-empty input; every successful conversion, under the detected and
 * under every other encoding, is valid UTF-8.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  zn_enc_reason why;
  zn_encoding declared = zn_charset_sniff_declared(s, size);
  zn_encoding enc = zn_charset_detect(s, size, declared, &why);
  static const zn_encoding all[] = {ZN_ENC_UTF8, ZN_ENC_UTF16LE, ZN_ENC_UTF16BE,
                                    ZN_ENC_GB18030, ZN_ENC_BIG5};
  if (size > 0)
    ZN_FUZZ_CHECK(enc != ZN_ENC_UNKNOWN);
  (void)zn_text_looks_binary(s, size);
  (void)zn_encoding_from_label(s, size < 32 ? size : 32);
  for (size_t k = 0; k < sizeof all / sizeof all[0]; k++) {
    zn_buf out;
    size_t bad = 0;
    int rc;
    zn_buf_init(&out, 0);
    rc = zn_charset_to_utf8(s, size, all[k], &out, &bad);
    ZN_FUZZ_CHECK(rc == ZN_OK || rc == ZN_EBADENC);
    if (rc == ZN_OK && out.len > 0)
      ZN_FUZZ_CHECK(zn_utf8_valid(out.data, out.len, NULL));
    zn_buf_free(&out);
  }
  return 0;
}
