/* SPDX-License-Identifier: MIT */
/*
 * fuzz-lexicon.c - libFuzzer target: the lexicon loader on damaged files.
 * The input is written to a file and opened; a file the cheap checks at
 * open accept must be safe to segment with even before the deep check, and
 * the deep check must not crash on it either.
 */
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_token(void *ctx, const char *text, const zn_token *t) {
  (void)ctx;
  (void)text;
  ZN_FUZZ_CHECK(t->tag != NULL);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char sample[] =
      "中华人民共和国成立，推动京津冀协同发展走深走实。"
      "2023年6月4日 Wi-Fi 𠮷野家";
  char path[64];
  char err[256];
  zn_lexicon *lex = NULL;
  int fd;
  snprintf(path, sizeof path, "/tmp/zn-fuzz-lex-%d", (int)getpid());
  fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0)
    return 0;
  if (size > 0 && write(fd, data, size) != (ssize_t)size) {
    close(fd);
    return 0;
  }
  close(fd);
  if (zn_lexicon_open(path, &lex, err, sizeof err) == ZN_OK) {
    zn_seg *seg;
    (void)zn_lexicon_verify(lex, err, sizeof err);
    if (zn_seg_new(lex, &seg) == ZN_OK) {
      zn_seg_set_mode(seg, ZN_SEG_SEARCH);
      ZN_FUZZ_CHECK(
          zn_seg_run(seg, sample, sizeof sample - 1, on_token, NULL) == ZN_OK);
      zn_seg_free(seg);
    }
    zn_lexicon_close(lex);
  } else {
    ZN_FUZZ_CHECK(lex == NULL && err[0] != '\0');
  }
  unlink(path);
  return 0;
}
