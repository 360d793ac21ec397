/* SPDX-License-Identifier: MIT */
/*
 * dictline.h - the one parser of dictionary lines, shared by the lexicon
 * compiler (zhnews dict build) and user dictionaries: UTF-8 lines
 * "word [freq] [tag]" or "word tag"; blank lines and '#' comments; a UTF-8
 * BOM before the first line.  Not API.
 */
#ifndef ZN_SEG_DICTLINE_H
#define ZN_SEG_DICTLINE_H

#include <stdbool.h>
#include <stddef.h>

/* Frequencies above this are refused: they say nothing more and sums of
 * them would overflow the model's arithmetic. */
#define ZN_MAX_WORD_FREQ 1e12
/* A dictionary line is at most this long, in bytes. */
#define ZN_MAX_DICT_LINE 4096

struct zn__dict_line {
  const char *word;
  size_t word_len;
  double freq;     /* 0 when the line gives none */
  const char *tag; /* NULL when the line gives none */
  size_t tag_len;
};

/*
 * Parses line (NUL-terminated, may end in "\n" or "\r\n"; modified in
 * place).  first says whether it is the file's first line (a BOM is
 * skipped).  Returns 1 for an entry in *out, 0 for a blank or comment
 * line, or a negative zn_err with *why set: ZN_EBADUTF8 (the word is not
 * valid UTF-8) or ZN_EFORMAT (a bad frequency).
 */
int zn__dict_line_parse(char *line, bool first, struct zn__dict_line *out,
                        const char **why);

#endif /* ZN_SEG_DICTLINE_H */
