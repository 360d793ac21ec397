/* SPDX-License-Identifier: MIT */
/*
 * fold.h - the character folding the zhnews FTS5 tokenizer applies before
 * indexing and before querying: full-width ASCII to ASCII, ASCII upper case
 * to lower case, traditional to simplified Han characters (OpenCC t2s, one
 * character to one character).  Folding one code point never looks at its
 * neighbours, so a folded substring is a substring of the folded text: the
 * property "never miss" rests on.  Not API (shared by the store and the
 * loadable extension).
 */
#ifndef ZN_STORE_FOLD_H
#define ZN_STORE_FOLD_H

#include <stddef.h>
#include <stdint.h>

/*
 * Builds the traditional-to-simplified table once per process (later calls,
 * from any thread, return the first result).  0, or ZN_ENOENT when OpenCC or
 * its t2s.json cannot be loaded (then the message is in *why, static), or
 * ZN_EFORMAT when OpenCC answers in an unexpected shape.
 */
int zn__fold_init(const char **why);

/* The folded code point (cp itself when nothing applies).  Valid after a
 * successful zn__fold_init(); before it, only width and case fold. */
int32_t zn__fold_cp(int32_t cp);

/* True for the code points indexed one character a position: the CJK
 * unified ideographs (all planes, with extension A), the compatibility
 * ideographs and 〇.  bench/search draws its substrings with the same set. */
static inline int zn__is_han(int32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F) ||
         cp == 0x3007;
}

/*
 * Folds text[0..len) into out (cap bytes); invalid UTF-8 becomes U+FFFD.
 * Returns the bytes the whole result needs (write nothing past cap), so a
 * caller can size its buffer: the result is never longer than 3 * len + 3.
 */
size_t zn__fold_utf8(const char *text, size_t len, char *out, size_t cap);

#endif /* ZN_STORE_FOLD_H */
