/* SPDX-License-Identifier: MIT */
/*
 * fold-opencc.h - asks the installed OpenCC for the traditional-to-
 * simplified table of fold.h (fold-opencc.c).  Linked only into the build
 * time generator fold-gen.c and into its check (tests/unit/test-fold.c),
 * never into libzhnews or zhnews.so: those carry the generated table.  Not
 * API.
 */
#ifndef ZN_STORE_FOLD_OPENCC_H
#define ZN_STORE_FOLD_OPENCC_H

#include <stdint.h>

/*
 * Fills table[0..ZN_FOLD_T2S_N) with the simplified code point of each
 * slot's character by OpenCC's t2s configuration, 0 where the character is
 * its own fold or OpenCC answers with other than one BMP character.
 * Returns 0, or ZN_ENOENT when OpenCC or its t2s.json cannot be loaded,
 * ZN_ENOMEM, or ZN_EFORMAT when OpenCC answers in an unexpected shape;
 * *why (static) says which.
 */
int zn__fold_t2s_from_opencc(uint16_t *table, const char **why);

#endif /* ZN_STORE_FOLD_OPENCC_H */
