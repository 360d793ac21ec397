/* SPDX-License-Identifier: MIT */
/*
 * fold-gen.c - the build-time generator of the traditional-to-simplified
 * folding table: `fold-gen OUT` asks the installed OpenCC about every
 * character of fold.h's range (fold-opencc.c) and writes the answer as a C
 * initializer that fold.c includes.
 *
 * Why at build time: asking OpenCC costs about 250 million instructions
 * (tens of milliseconds) at each process start, more than storing dozens
 * of pages; and a table fixed in the binary makes folding independent of
 * the OpenCC installed where zhnews runs.  The folded text is what the FTS
 * index holds, so an archive indexed with one OpenCC's table and searched
 * with another's could miss a document whose characters the two fold
 * differently; with the table compiled in, one zhnews build always folds
 * the same way, and libzhnews and zhnews.so need no OpenCC at run time.
 * tests/unit/test-fold.c checks that the table still agrees with OpenCC.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "private/utf8-inl.h"
#include "store/fold-opencc.h"
#include "store/fold.h"
#include "zhnews/common.h"

#ifndef ZN_OPENCC_VERSION
#define ZN_OPENCC_VERSION "unknown"
#endif

static uint16_t g_table[ZN_FOLD_T2S_N];

/* Writes the table to f; returns 0 or -1 on a write error. */
static int write_table(FILE *f) {
  int n = 0;
  for (int i = 0; i < ZN_FOLD_T2S_N; i++)
    n += g_table[i] != 0;
  fprintf(f,
          "/* Generated at build time by src/store/fold-gen.c from OpenCC "
          "%s\n"
          " * (t2s.json, asked one character at a time): do not edit.\n"
          " * %d of %d characters fold to another; fold.h gives the slots. "
          "*/\n",
          ZN_OPENCC_VERSION, n, ZN_FOLD_T2S_N);
  for (int i = 0; i < ZN_FOLD_T2S_N; i++) {
    char from[5];
    char to[5];
    if (g_table[i] == 0)
      continue;
    from[zn__utf8_encode_inl((uint32_t)zn__fold_slot_cp(i), from)] = '\0';
    to[zn__utf8_encode_inl(g_table[i], to)] = '\0';
    fprintf(f, "[%d] = 0x%04X, /* U+%04X %s -> %s */\n", i, g_table[i],
            (unsigned)zn__fold_slot_cp(i), from, to);
  }
  return ferror(f) ? -1 : 0;
}

int main(int argc, char **argv) {
  const char *why = "";
  char tmp[4096];
  FILE *f;
  int rc;

  if (argc != 2) {
    fprintf(stderr, "usage: fold-gen OUT\n");
    return 2;
  }
  rc = zn__fold_t2s_from_opencc(g_table, &why);
  if (rc != ZN_OK) {
    fprintf(stderr, "fold-gen: %s\n", why);
    return 1;
  }
  /* Written beside OUT, then renamed: a failed run leaves no half table. */
  if (snprintf(tmp, sizeof tmp, "%s.tmp", argv[1]) >= (int)sizeof tmp) {
    fprintf(stderr, "fold-gen: %s: path too long\n", argv[1]);
    return 1;
  }
  f = fopen(tmp, "w");
  if (f == NULL) {
    perror(tmp);
    return 1;
  }
  if (write_table(f) != 0 || fclose(f) != 0) {
    fprintf(stderr, "fold-gen: %s: write error\n", tmp);
    remove(tmp);
    return 1;
  }
  if (rename(tmp, argv[1]) != 0) {
    perror(argv[1]);
    remove(tmp);
    return 1;
  }
  return 0;
}
