/* SPDX-License-Identifier: MIT */
/*
 * dictline.c - the dictionary line parser (dictline.h).  A cursor walks the
 * line; fields are separated by spaces or tabs.  The second field is a
 * frequency when it parses as a finite number in [0, ZN_MAX_WORD_FREQ],
 * otherwise a tag ("word tag"), as jieba's user dictionaries allow.
 */
#include "seg/dictline.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "zhnews/text.h"

static bool is_sep(char c) {
  return c == ' ' || c == '\t';
}

/* The next field at *p: its start and length; *p moves past it. */
static size_t next_field(char **p, const char **start) {
  char *s = *p;
  size_t n = 0;
  while (is_sep(*s))
    s++;
  *start = s;
  while (s[n] != '\0' && !is_sep(s[n]))
    n++;
  *p = s + n;
  return n;
}

static bool parse_freq(const char *s, size_t n, double *out) {
  char buf[64];
  char *end;
  double v;
  if (n == 0 || n >= sizeof buf)
    return false;
  memcpy(buf, s, n);
  buf[n] = '\0';
  errno = 0;
  v = strtod(buf, &end);
  if (*end != '\0' || errno != 0 || !isfinite(v) || v < 0.0 ||
      v > ZN_MAX_WORD_FREQ)
    return false;
  *out = v;
  return true;
}

int zn__dict_line_parse(char *line, bool first, struct zn__dict_line *out,
                        const char **why) {
  size_t len = strlen(line);
  char *p = line;
  const char *f2;
  const char *f3;
  size_t n2;
  size_t n3;

  while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
    line[--len] = '\0';
  if (first && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  while (is_sep(*p))
    p++;
  if (*p == '\0' || *p == '#')
    return 0;
  out->word_len = next_field(&p, &out->word);
  out->freq = 0.0;
  out->tag = NULL;
  out->tag_len = 0;
  if (!zn_utf8_valid(out->word, out->word_len, NULL)) {
    *why = "invalid UTF-8";
    return ZN_EBADUTF8;
  }
  n2 = next_field(&p, &f2);
  n3 = next_field(&p, &f3);
  if (n2 > 0 && !parse_freq(f2, n2, &out->freq)) {
    /* "word tag" -- unless a third field shows f2 was meant as a number */
    if (n3 > 0 || (f2[0] >= '0' && f2[0] <= '9') || f2[0] == '-' ||
        f2[0] == '+' || f2[0] == '.') {
      *why = "bad frequency";
      return ZN_EFORMAT;
    }
    out->tag = f2;
    out->tag_len = n2;
    return 1;
  }
  if (n3 > 0) {
    out->tag = f3;
    out->tag_len = n3;
  }
  return 1;
}
