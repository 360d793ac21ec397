/* SPDX-License-Identifier: MIT */
/*
 * jsonscan.c - looking into a JSON record without parsing it (jsonscan.h):
 * where a top-level key's value lies, and whether a value is already
 * written the way the store would write it.  Lets zn_store_put_json parse
 * a Document's analysis alone, or not at all, instead of the whole record
 * a second time.  tests/fuzz/fuzz-store.c checks both against jansson.
 */
#include "store/jsonscan.h"

#include <stdlib.h>
#include <string.h>

static size_t skip_ws(const char *s, size_t len, size_t i) {
  while (i < len &&
         (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
    i++;
  return i;
}

/* The end of the string starting at s[i] == '"' (the byte after its closing
 * quote), or 0 when it runs off the end; *esc tells whether it has escapes. */
static size_t skip_string(const char *s, size_t len, size_t i, bool *esc) {
  for (i++; i < len; i++) {
    if (s[i] == '"')
      return i + 1;
    if (s[i] == '\\') {
      *esc = true;
      i++;
    }
  }
  return 0;
}

/* The end of the JSON value starting at s[i], or 0 when it cannot tell. */
static size_t skip_value(const char *s, size_t len, size_t i) {
  bool esc = false;
  size_t depth = 0;
  if (i >= len)
    return 0;
  if (s[i] == '"')
    return skip_string(s, len, i, &esc);
  if (s[i] != '{' && s[i] != '[') {
    /* A number, true, false or null: up to the next delimiter. */
    while (i < len && s[i] != ',' && s[i] != '}' && s[i] != ']' &&
           s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
      i++;
    return i;
  }
  /* Invariant: depth brackets are open at s[i]. */
  while (i < len) {
    char c = s[i];
    if (c == '"') {
      i = skip_string(s, len, i, &esc);
      if (i == 0)
        return 0;
      continue;
    }
    if (c == '{' || c == '[')
      depth++;
    else if ((c == '}' || c == ']') && --depth == 0)
      return i + 1;
    i++;
  }
  return 0;
}

/*
 * Where the value of the top-level key (quoted, as "\"analysis\"") lies in
 * the JSON object json[0..len), which jansson has already accepted (valid
 * JSON, no duplicate keys at any depth: the record reader rejects them):
 * 1 and *off, *n; 0 when there is no such key; -1 when this scanner cannot
 * tell (a key written with escapes), and the caller parses.  Parsing the
 * analysis alone instead of the whole record again halves what the second
 * parse reads.
 */
int zn__json_find_key(const char *json, size_t len, const char *qkey,
                      size_t *off, size_t *n) {
  size_t qlen = strlen(qkey);
  size_t i = skip_ws(json, len, 0);
  if (i >= len || json[i] != '{')
    return -1;
  i = skip_ws(json, len, i + 1);
  if (i < len && json[i] == '}')
    return 0;
  /* Invariant: i is at the next key. */
  while (i < len && json[i] == '"') {
    bool esc = false;
    size_t k = i;
    size_t v;
    bool is_key;
    i = skip_string(json, len, i, &esc);
    if (i == 0 || esc)
      return -1;
    is_key = i - k == qlen && memcmp(json + k, qkey, qlen) == 0;
    i = skip_ws(json, len, i);
    if (i >= len || json[i] != ':')
      return -1;
    v = skip_ws(json, len, i + 1);
    i = skip_value(json, len, v);
    if (i == 0 || i == v)
      return -1;
    if (is_key) {
      *off = v;
      *n = i - v;
      return 1;
    }
    i = skip_ws(json, len, i);
    if (i < len && json[i] == '}')
      return 0;
    if (i >= len || json[i] != ',')
      return -1;
    i = skip_ws(json, len, i + 1);
  }
  return -1;
}

/* Whether the number token s[0..n) is printed back as itself: integers
 * unless -0; reals as jansson prints them (asked of jansson: its parser
 * and printer, locale handling included, decide). */
static bool canonical_number(const char *s, size_t n) {
  json_t *v;
  char *back;
  bool same;
  if (memchr(s, '.', n) == NULL && memchr(s, 'e', n) == NULL &&
      memchr(s, 'E', n) == NULL)
    return !(n == 2 && s[0] == '-' && s[1] == '0');
  v = json_loadb(s, n, JSON_DECODE_ANY, NULL);
  if (v == NULL)
    return false;
  back = json_dumps(v, JSON_ENCODE_ANY | ZN_JSON_STORE_DUMP);
  same = back != NULL && strlen(back) == n && memcmp(back, s, n) == 0;
  free(back);
  json_decref(v);
  return same;
}

/*
 * Whether the JSON value s[0..n), which jansson has accepted, is already
 * written as json_dumps(ZN_JSON_STORE_DUMP) writes the value it parses to:
 * no white space between tokens, strings escaped only as jansson escapes
 * (\" \\ \b \f \n \r \t; any \u or \/ is taken as not: jansson writes
 * those characters raw or as \u00XX, which is rare enough to leave to it),
 * numbers as it prints them.  Objects keep their order and have no
 * duplicate keys.  Then the text can be stored as it is: what zhnews
 * analyze writes always is.
 */
bool zn__json_is_canonical(const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"') {
      for (i++; i < n && s[i] != '"'; i++) {
        if ((unsigned char)s[i] < 0x20)
          return false;
        if (s[i] == '\\') {
          i++;
          if (i >= n || strchr("\"\\bfnrt", s[i]) == NULL || s[i] == '\0')
            return false;
        }
      }
      if (i >= n)
        return false;
      i++;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      size_t k = i;
      while (i < n &&
             (s[i] == '-' || s[i] == '+' || s[i] == '.' || s[i] == 'e' ||
              s[i] == 'E' || (s[i] >= '0' && s[i] <= '9')))
        i++;
      if (!canonical_number(s + k, i - k))
        return false;
    } else if (c == '{' || c == '}' || c == '[' || c == ']' || c == ',' ||
               c == ':' || (c >= 'a' && c <= 'z')) {
      i++; /* structure, and the letters of true, false, null */
    } else {
      return false; /* white space */
    }
  }
  return true;
}
