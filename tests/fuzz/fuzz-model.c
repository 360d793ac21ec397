/* SPDX-License-Identifier: MIT */
/*
 * fuzz-model.c - libFuzzer target: the accurate-mode model loader on
 * damaged files.  The input is written to a file and opened; a model the
 * checks at open accept must be safe to segment and tag with (every table
 * look-up stays inside the file whatever the weights and offsets say),
 * and a refused one must leave no handle and say why.  The lexicon for the
 * lexicon-match features is $ZHNEWS_LEXICON.
 */
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static zn_lexicon *g_lex;

static int on_token(void *ctx, const char *text, const zn_token *t) {
  (void)ctx;
  (void)text;
  ZN_FUZZ_CHECK(t->tag != NULL && t->tag[0] != '\0');
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char sample[] =
      "中华人民共和国成立，推动京津冀协同发展走深走实。"
      "2023年6月4日 Wi-Fi 𠮷野家。他说的确实在理！北京大学生前来应聘";
  char path[64];
  char err[256];
  zn_model *md = NULL;
  int fd;
  if (g_lex == NULL) {
    const char *lp = getenv("ZHNEWS_LEXICON");
    if (lp == NULL || zn_lexicon_open(lp, &g_lex, err, sizeof err) != ZN_OK) {
      fprintf(stderr, "fuzz-model: set ZHNEWS_LEXICON to a lexicon\n");
      abort();
    }
  }
  snprintf(path, sizeof path, "/tmp/zn-fuzz-model-%d", (int)getpid());
  fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0)
    return 0;
  if (size > 0 && write(fd, data, size) != (ssize_t)size) {
    close(fd);
    return 0;
  }
  close(fd);
  if (zn_model_open(path, &md, err, sizeof err) == ZN_OK) {
    zn_seg *seg;
    (void)zn_model_info(md);
    if (zn_seg_new(g_lex, &seg) == ZN_OK) {
      ZN_FUZZ_CHECK(zn_seg_set_model(seg, md) == ZN_OK);
      ZN_FUZZ_CHECK(zn_seg_set_mode(seg, ZN_SEG_ACCURATE) == ZN_OK);
      for (int pos = 0; pos < 2; pos++) {
        zn_seg_set_pos(seg, pos != 0);
        ZN_FUZZ_CHECK(zn_seg_run(seg, sample, sizeof sample - 1, on_token,
                                 NULL) == ZN_OK);
      }
      zn_seg_free(seg);
    }
    zn_model_close(md);
  } else {
    ZN_FUZZ_CHECK(md == NULL && err[0] != '\0');
  }
  unlink(path);
  return 0;
}
