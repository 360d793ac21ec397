/* SPDX-License-Identifier: MIT */
/*
 * recognize.c - field recognizers for Chinese news pages (see recognize.h).
 *
 * Each recognizer encodes one convention of Chinese news web pages as they
 * appear across outlets (Xinhua, People's Daily, China News Service, local
 * party papers, portals reprinting them, government sites), not the template
 * of any one site: dates in the six or so forms outlets use, "label: value"
 * meta lines, datelines ending in 电 / 讯 / 消息, role words in bylines,
 * editor credits in brackets, and the vocabulary of page widgets.  They all
 * take one line of valid UTF-8 and allocate nothing.
 */
#include "extract/recognize.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "zhnews/text.h"
#include "private/names.h"
#include "private/utf8-inl.h"

/* Limits on what a single field may span; past them a match is not one. */
#define ZN_MAX_BYLINE_TOKENS 32
#define ZN_MAX_NAME_NCHAR 12
#define ZN_MAX_DATELINE_PREFIX_NCHAR 16
#define ZN_MAX_EDITOR_NCHAR 30
#define ZN_MAX_BREADCRUMB_SEGMENT_NCHAR 24
/* A site's name (a breadcrumb's root, a copyright holder) is at most this
 * long; longer, the words are a sentence ("安装…客户端第一时间接收…"). */
#define ZN_MAX_SITE_NCHAR 16
#define ZN_MAX_ROLE_NCHAR 20
#define ZN_MAX_CREDIT_NCHAR 40

/* ================================================================ helpers */

static int32_t cp_at_slow(const char *s, size_t len, size_t i, int *n) {
  int32_t cp = -1;
  int k = 1;
  if (i < len)
    k = zn__utf8_decode_inl((const unsigned char *)s + i, len - i, &cp);
  *n = k < 1 ? 1 : k;
  return cp;
}

/* The code point at s[i] (-1 if invalid or past the end) and its length
 * in *n (at least 1).  ASCII and the three-byte characters of Han text
 * are decoded here, inline (the recognizers step through every character
 * of every line); leads E0 and ED, whose second byte is narrower, and
 * the rest go to the full decoder. */
static inline int32_t cp_at(const char *s, size_t len, size_t i, int *n) {
  if (i < len) {
    const unsigned char *u = (const unsigned char *)s + i;
    unsigned c = u[0];
    uint16_t t; /* the two continuation bytes, tested at once (the mask
                 * and value read the same in either byte order) */
    if (c < 0x80) {
      *n = 1;
      return (int32_t)c;
    }
    if (len - i >= 3 && c - 0xE1u <= 0xEFu - 0xE1u && c != 0xED) {
      memcpy(&t, u + 1, 2);
      if ((t & 0xC0C0u) == 0x8080u) {
        *n = 3;
        return (int32_t)(((c & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) |
                         (u[2] & 0x3Fu));
      }
    }
  }
  return cp_at_slow(s, len, i, n);
}

/* How far a scan for literals that never start with a continuation byte
 * (10xxxxxx) may step from s[i], i < len: past a three-byte character
 * whose last two bytes are continuation bytes, else one byte. */
static inline size_t scan_step(const char *s, size_t len, size_t i) {
  const unsigned char *u = (const unsigned char *)s + i;
  uint16_t t;
  if (u[0] - 0xE0u > 0xEFu - 0xE0u || len - i < 3)
    return 1;
  memcpy(&t, u + 1, 2);
  return (t & 0xC0C0u) == 0x8080u ? 3 : 1;
}

static bool has_at(const char *s, size_t len, size_t i, const char *lit) {
  /* Byte by byte: the first byte or two decide most calls, with no
   * strlen or memcmp (the recognizers try every label at every position
   * of a line). */
  if (i >= len)
    return lit[0] == '\0';
  for (size_t k = 0; lit[k] != '\0'; k++) {
    if (k >= len - i || s[i + k] != lit[k])
      return false;
  }
  return true;
}

static bool ends_with(const char *s, size_t len, const char *lit) {
  size_t n = strlen(lit);
  return n <= len && memcmp(s + len - n, lit, n) == 0;
}

/* Where lit first occurs in s[from..len), or len. */
static size_t find_from(const char *s, size_t len, size_t from,
                        const char *lit) {
  size_t n = strlen(lit);
  const char *p = s + from;
  const char *end = s + len;
  if (n == 0)
    return from <= len ? from : len;
  if (from > len)
    return len;
  while ((size_t)(end - p) >= n) {
    p = memchr(p, lit[0], (size_t)(end - p) - n + 1);
    if (p == NULL)
      break;
    if (memcmp(p, lit, n) == 0)
      return (size_t)(p - s);
    p++;
  }
  return len;
}

static bool contains(const char *s, size_t len, const char *lit) {
  return find_from(s, len, 0, lit) < len || (lit[0] == '\0');
}

/*
 * A set of literals that can tell, from the bytes at a position, that none
 * of them starts there: the recognizers try their word lists at every
 * character of every line, and almost never find one.  A bit for the
 * first byte of each literal shorter than three bytes, and a bit for the
 * first three bytes of the others (the low 12 bits of the code point, for
 * a Han character).  The sets are built once (build_litsets).
 */
struct litset {
  uint64_t first[256 / 64];
  uint64_t key[4096 / 64];
};

static unsigned lit_key(const char *s) {
  const unsigned char *u = (const unsigned char *)s;
  return (((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu)) &
         4095u;
}

static void litset_add(struct litset *ls, const char *lit) {
  size_t n = strlen(lit);
  if (n < 3) {
    unsigned char b = (unsigned char)lit[0];
    ls->first[b / 64] |= UINT64_C(1) << (b % 64);
  } else {
    unsigned key = lit_key(lit);
    ls->key[key / 64] |= UINT64_C(1) << (key % 64);
  }
}

/* False if no literal of the set starts at s[i]. */
static inline bool litset_may(const struct litset *ls, const char *s,
                              size_t len, size_t i) {
  unsigned char b;
  unsigned key;
  if (i >= len)
    return true; /* only the empty literal matches; let the caller say */
  b = (unsigned char)s[i];
  if (ls->first[b / 64] & (UINT64_C(1) << (b % 64)))
    return true;
  if (len - i < 3)
    return false;
  key = lit_key(s + i);
  return (ls->key[key / 64] & (UINT64_C(1) << (key % 64))) != 0;
}

static bool is_space_cp(int32_t cp) {
  return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x3000;
}

static size_t skip_spaces(const char *s, size_t len, size_t i) {
  while (i < len) {
    int n;
    if (!is_space_cp(cp_at(s, len, i, &n)))
      break;
    i += (size_t)n;
  }
  return i;
}

/* Trims white space from both ends of the span [*off, *off + *n). */
static void trim_span(const char *s, size_t *off, size_t *n) {
  size_t b = *off;
  size_t e = *off + *n;
  b = skip_spaces(s, e, b);
  while (e > b) {
    size_t k = e - 1;
    int n2;
    while (k > b && ((unsigned char)s[k] & 0xC0) == 0x80)
      k--;
    if (!is_space_cp(cp_at(s, e, k, &n2)))
      break;
    e = k;
  }
  *off = b;
  *n = e - b;
}

/* The value 0-9 of the digit at s[i] (ASCII or full-width), else -1. */
static int digit_at(const char *s, size_t len, size_t i, int *n) {
  if (i < len && s[i] >= '0' && s[i] <= '9') {
    *n = 1;
    return s[i] - '0';
  }
  if (i + 2 < len && (unsigned char)s[i] == 0xEF &&
      (unsigned char)s[i + 1] == 0xBC && (unsigned char)s[i + 2] >= 0x90 &&
      (unsigned char)s[i + 2] <= 0x99) {
    *n = 3;
    return (unsigned char)s[i + 2] - 0x90;
  }
  return -1;
}

/* Reads 1..max digits at *i into *val; returns how many were read, or 0 if
 * there were more than max (the number is too long to be this field). */
static int read_num(const char *s, size_t len, size_t *i, int max, int *val) {
  int count = 0;
  int v = 0;
  size_t j = *i;
  for (;;) {
    int n;
    int d = digit_at(s, len, j, &n);
    if (d < 0)
      break;
    if (count == max)
      return 0;
    v = v * 10 + d;
    count++;
    j += (size_t)n;
  }
  if (count > 0) {
    *i = j;
    *val = v;
  }
  return count;
}

/* Consumes one of the listed literals at *i (first match wins). */
static int eat_any(const char *s, size_t len, size_t *i,
                   const char *const *alts, size_t n_alts) {
  for (size_t k = 0; k < n_alts; k++) {
    if (has_at(s, len, *i, alts[k])) {
      *i += strlen(alts[k]);
      return (int)k;
    }
  }
  return -1;
}

static size_t nchar_of(const char *s, size_t len) {
  return zn_utf8_nchar(s, len);
}

/* Whether s[0..len) holds more than max characters as zn_utf8_nchar()
 * counts them (a code point or an invalid subpart, each one to four
 * bytes): the length alone decides most lines, and the count stops once
 * past max.  The recognizers ask it of every line before looking. */
static bool nchar_over(const char *s, size_t len, size_t max) {
  size_t i = 0;
  size_t n = 0;
  if (len <= max)
    return false;
  if (len / 4 > max)
    return true;
  while (i < len) {
    int k;
    if (++n > max)
      return true;
    cp_at(s, len, i, &k); /* the decoder's length, inline for Han */
    i += (size_t)k;
  }
  return false;
}

static bool all_han(const char *s, size_t len) {
  size_t i = 0;
  if (len == 0)
    return false;
  while (i < len) {
    int n;
    if (!zn_char_is_han(cp_at(s, len, i, &n)))
      return false;
    i += (size_t)n;
  }
  return true;
}

static bool ends_with_any(const char *s, size_t len, const char *const *l) {
  for (size_t k = 0; l[k] != NULL; k++) {
    if (ends_with(s, len, l[k]))
      return true;
  }
  return false;
}

/* True if the string lit is s[0..len). */
static inline bool is_word(const char *lit, const char *s, size_t len) {
  size_t j = 0;
  while (j < len && lit[j] != '\0' && lit[j] == s[j])
    j++;
  return j == len && lit[j] == '\0';
}

/* True if s equals one of the NULL-terminated list's strings. */
static bool in_list(const char *s, size_t len, const char *const *list) {
  for (size_t k = 0; list[k] != NULL; k++) {
    /* Byte by byte: most entries differ in their first two bytes, which
     * a strlen and memcmp per entry would cost more than. */
    if (is_word(list[k], s, len))
      return true;
  }
  return false;
}

/*
 * in_list() for the word lists the recognizers ask about every word of
 * every line (widget words, byline roles): a hash table of the list's
 * indexes, built once with the literal sets (build_litsets), answers in
 * one or two comparisons instead of one per entry.
 */
#define ZN_WORDSET_SLOTS 256 /* a power of two, over twice the entries */
struct wordset {
  const char *const *list;
  size_t max_len;
  uint8_t slot[ZN_WORDSET_SLOTS]; /* 1 + an index into list; 0 for none */
};

static unsigned word_hash(const char *s, size_t len) {
  uint32_t h = 2166136261u; /* FNV-1a */
  for (size_t k = 0; k < len; k++)
    h = (h ^ (unsigned char)s[k]) * 16777619u;
  return (unsigned)(h ^ (h >> 8)) & (ZN_WORDSET_SLOTS - 1);
}

/* The list has fewer than ZN_WORDSET_SLOTS / 2 entries (asserted where
 * the lists are). */
static void wordset_build(struct wordset *ws, const char *const *list) {
  ws->list = list;
  for (size_t k = 0; list[k] != NULL; k++) {
    size_t n = strlen(list[k]);
    unsigned h = word_hash(list[k], n);
    if (n > ws->max_len)
      ws->max_len = n;
    while (ws->slot[h] != 0)
      h = (h + 1) & (ZN_WORDSET_SLOTS - 1);
    ws->slot[h] = (uint8_t)(k + 1);
  }
}

static bool in_set(const struct wordset *ws, const char *s, size_t len) {
  unsigned h;
  if (len > ws->max_len)
    return false;
  h = word_hash(s, len);
  while (ws->slot[h] != 0) {
    if (is_word(ws->list[ws->slot[h] - 1], s, len))
      return true;
    h = (h + 1) & (ZN_WORDSET_SLOTS - 1);
  }
  return false;
}

static struct wordset k_filler_words; /* k_meta_filler */
static struct wordset k_not_name_words;
static struct wordset k_role_words;
static struct wordset k_photo_role_words;
static struct wordset k_filler_tokens; /* k_fillers */
static struct wordset k_widget_word_set;
static struct wordset k_related_header_words;

/* ================================================================= dates */

/* Separators between year, month and day; "年" pairs with "月". */
static const char *const k_year_seps[] = {"年", "-",  "/",  ".",
                                          "－", "／", "．", " "};

static bool valid_date(int y, int m, int d) {
  static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1)
    return false;
  if (d > mdays[m - 1])
    return false;
  if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return false;
  return true;
}

/* Parses an optional time of day at *i (after spaces or 'T'). */
static void parse_time(const char *s, size_t len, size_t *i, zn_datetime *dt) {
  static const char *const colon[] = {":", "：", "时", "点"};
  static const char *const colon2[] = {":", "：", "分"};
  size_t j = *i;
  int h = 0;
  int mi = 0;
  int sec = 0;
  int kind;
  int nd;

  if (j < len && s[j] == 'T')
    j++;
  else
    j = skip_spaces(s, len, j);
  if (read_num(s, len, &j, 2, &h) == 0)
    return;
  j = skip_spaces(s, len, j);
  kind = eat_any(s, len, &j, colon, 4);
  if (kind < 0)
    return;
  j = skip_spaces(s, len, j);
  nd = read_num(s, len, &j, 2, &mi);
  if (nd == 0 || (kind < 2 && nd != 2) || h > 23 || mi > 59)
    return;
  dt->hour = h;
  dt->minute = mi;
  dt->has_time = true;
  if (kind >= 2 && has_at(s, len, j, "分"))
    j += strlen("分");
  *i = j;
  if (kind < 2) {
    size_t k = j;
    if (eat_any(s, len, &k, colon2, 2) >= 0 &&
        read_num(s, len, &k, 2, &sec) == 2 && sec <= 60) {
      dt->second = sec;
      dt->has_second = true;
      *i = k;
    }
  } else {
    size_t k = j;
    if (read_num(s, len, &k, 2, &sec) > 0 && has_at(s, len, k, "秒") &&
        sec <= 60) {
      dt->second = sec;
      dt->has_second = true;
      *i = k + strlen("秒");
    }
  }
}

static bool parse_date_at(const char *s, size_t len, size_t i, zn_datetime *dt,
                          size_t *end) {
  static const char *const han_month[] = {"月"};
  static const char *const han_day[] = {"日", "号"};
  size_t j = i;
  int y;
  int m;
  int d;
  int sep;

  if (read_num(s, len, &j, 4, &y) != 4)
    return false;
  if (k_year_seps[0] != NULL && has_at(s, len, j, " ") &&
      !has_at(s, len, j + 1, "年")) {
    sep = 7; /* "2023 06/04": a space, then month/day */
    j++;
  } else {
    size_t k = skip_spaces(s, len, j);
    if (has_at(s, len, k, "年")) {
      sep = 0;
      j = k + strlen("年");
    } else {
      sep = eat_any(s, len, &j, k_year_seps, 7);
      if (sep < 0)
        return false;
    }
  }
  if (sep == 0)
    j = skip_spaces(s, len, j);
  if (read_num(s, len, &j, 2, &m) == 0)
    return false;
  if (sep == 0) {
    j = skip_spaces(s, len, j);
    if (eat_any(s, len, &j, han_month, 1) < 0)
      return false;
    j = skip_spaces(s, len, j);
  } else {
    /* The month/day separator must match the year/month one. */
    const char *want = sep == 7 ? "/" : k_year_seps[sep];
    size_t k = j;
    if (has_at(s, len, k, want)) {
      j += strlen(want);
    } else if (sep == 7 && has_at(s, len, k, "／")) {
      j += strlen("／");
    } else {
      return false;
    }
  }
  if (read_num(s, len, &j, 2, &d) == 0)
    return false;
  if (sep == 0) {
    size_t k = skip_spaces(s, len, j);
    if (eat_any(s, len, &k, han_day, 2) < 0)
      return false;
    j = k;
  }
  if (!valid_date(y, m, d))
    return false;
  memset(dt, 0, sizeof *dt);
  dt->year = y;
  dt->month = m;
  dt->day = d;
  parse_time(s, len, &j, dt);
  *end = j;
  return true;
}

bool zn__date_find(const char *s, size_t len, zn_datetime *dt, zn_span *where) {
  size_t i = 0;
  bool prev_digit = false;

  while (i < len) {
    int n;
    int dv;
    size_t j = i;
    /* Straight to the next byte that can start a digit (an ASCII one, or
     * EF of a full-width one): neither is ever inside another character
     * as the decoder steps, so the skipped bytes are whole characters,
     * none of them a digit. */
    while (j < len && (unsigned char)(s[j] - '0') > 9 &&
           (unsigned char)s[j] != 0xEF)
      j += scan_step(s, len, j);
    if (j > i) {
      prev_digit = false;
      i = j;
      if (i >= len)
        break;
    }
    dv = digit_at(s, len, i, &n);
    if (dv < 0) {
      int k;
      cp_at(s, len, i, &k);
      i += (size_t)k;
      prev_digit = false;
      continue;
    }
    if (!prev_digit) {
      size_t end;
      zn_datetime tmp;
      if (parse_date_at(s, len, i, &tmp, &end)) {
        *dt = tmp;
        if (where != NULL) {
          where->off = i;
          where->len = end - i;
        }
        return true;
      }
    }
    prev_digit = true;
    i += (size_t)n;
  }
  return false;
}

/* "18-03-08 23:16", "18-03-0823:16" after a date label: a two-digit year
 * of this century, two-digit month and day with one separator, and the
 * time of day that may follow, even with no space before it.  Only a
 * label makes such digits a date. */
static bool parse_short_date(const char *s, size_t len, size_t i,
                             zn_datetime *dt) {
  static const char *const seps[] = {"-", "/", "."};
  int v[3];
  int sep = -1;
  size_t j = skip_spaces(s, len, i);
  for (int k = 0; k < 3; k++) {
    int n1 = 0;
    int n2 = 0;
    int d1 = digit_at(s, len, j, &n1);
    int d2 = d1 >= 0 ? digit_at(s, len, j + (size_t)n1, &n2) : -1;
    if (d2 < 0)
      return false;
    v[k] = d1 * 10 + d2;
    j += (size_t)(n1 + n2);
    if (k == 0) {
      sep = eat_any(s, len, &j, seps, 3);
      if (sep < 0)
        return false;
    } else if (k == 1 && !has_at(s, len, j, seps[sep])) {
      return false;
    } else if (k == 1) {
      j += strlen(seps[sep]);
    }
  }
  if (!valid_date(2000 + v[0], v[1], v[2]))
    return false;
  memset(dt, 0, sizeof *dt);
  dt->year = 2000 + v[0];
  dt->month = v[1];
  dt->day = v[2];
  parse_time(s, len, &j, dt);
  return true;
}

size_t zn__date_format(const zn_datetime *dt, char out[ZN_DATE_ISO_MAX]) {
  int n;
  if (dt->has_time) {
    n = snprintf(out, ZN_DATE_ISO_MAX, "%04d-%02d-%02dT%02d:%02d:%02d+08:00",
                 dt->year, dt->month, dt->day, dt->hour, dt->minute,
                 dt->has_second ? dt->second : 0);
  } else {
    n = snprintf(out, ZN_DATE_ISO_MAX, "%04d-%02d-%02d", dt->year, dt->month,
                 dt->day);
  }
  return n < 0 ? 0 : (size_t)n;
}

/* ============================================================ meta lines */

enum label_kind { LK_SOURCE, LK_AUTHOR, LK_EDITOR, LK_DATE, LK_IGNORE };

struct label {
  const char *z;
  enum label_kind kind;
};

/* Longer labels before the labels they contain. */
static const struct label k_labels[] = {
    {"信息来源", LK_SOURCE}, {"稿件来源", LK_SOURCE}, {"文章来源", LK_SOURCE},
    {"本文来源", LK_SOURCE}, {"新闻来源", LK_SOURCE}, {"内容来源", LK_SOURCE},
    {"来源", LK_SOURCE},     {"稿源", LK_SOURCE},     {"出处", LK_SOURCE},
    {"來源", LK_SOURCE},     {"資料來源", LK_SOURCE}, {"出處", LK_SOURCE},
    {"責任編輯", LK_EDITOR}, {"責編", LK_EDITOR},     {"編輯", LK_EDITOR},
    {"記者", LK_AUTHOR},     {"發布時間", LK_DATE},   {"發佈時間", LK_DATE},
    {"發表時間", LK_DATE},   {"更新時間", LK_DATE},   {"時間", LK_DATE},
    {"本报记者", LK_AUTHOR}, {"作者", LK_AUTHOR},     {"撰文", LK_AUTHOR},
    {"撰稿", LK_AUTHOR},     {"记者", LK_AUTHOR},     {"文字", LK_AUTHOR},
    {"责任编辑", LK_EDITOR}, {"本文编辑", LK_EDITOR}, {"值班编辑", LK_EDITOR},
    {"责编", LK_EDITOR},     {"编辑", LK_EDITOR},     {"发布时间", LK_DATE},
    {"发稿时间", LK_DATE},   {"来源于", LK_SOURCE},   {"发布日期", LK_DATE},
    {"发表时间", LK_DATE},   {"更新时间", LK_DATE},   {"成文日期", LK_DATE},
    {"发文日期", LK_DATE},   {"时间", LK_DATE},       {"日期", LK_DATE},
    {"浏览次数", LK_IGNORE}, {"浏览量", LK_IGNORE},   {"阅读量", LK_IGNORE},
    {"阅读数", LK_IGNORE},   {"点击数", LK_IGNORE},   {"点击量", LK_IGNORE},
    {"访问量", LK_IGNORE},   {"浏览", LK_IGNORE},     {"阅读", LK_IGNORE},
    {"点击", LK_IGNORE},     {"字号", LK_IGNORE},     {"字体", LK_IGNORE},
    {"分享到", LK_IGNORE},   {"分享", LK_IGNORE},     {"责任校对", LK_IGNORE},
    {"校对", LK_IGNORE},     {"审核", LK_IGNORE},     {"审校", LK_IGNORE},
    {"监制", LK_IGNORE},     {"签发", LK_IGNORE},     {"索引号", LK_IGNORE},
    {"发布于", LK_IGNORE},   {"IP属地", LK_IGNORE},   {"发文机关", LK_IGNORE},
    {"文号", LK_IGNORE},     {"摄影", LK_IGNORE},     {"图片", LK_IGNORE},
    {"视频", LK_IGNORE},     {"制图", LK_IGNORE},     {"统筹", LK_IGNORE},
    {"策划", LK_IGNORE},     {"最后更新", LK_DATE},   {"最近更新", LK_DATE},
    {"修改时间", LK_DATE},
};

/* Labels of the time a page was last changed, not published. */
static bool is_update_label(const char *z) {
  return strstr(z, "更新") != NULL || strstr(z, "修改") != NULL;
}
#define N_LABELS (sizeof k_labels / sizeof k_labels[0])

/* Filler that may sit on a meta line without making it prose. */
static const char *const k_meta_filler[] = {
    "星期一", "星期二",   "星期三", "星期四", "星期五", "星期六",   "星期日",
    "星期天", "周一",     "周二",   "周三",   "周四",   "周五",     "周六",
    "周日",   "大",       "中",     "小",     "默认",   "打印",     "关闭",
    "纠错",   "【纠错】", "举报",   "收藏",   "评论",   "我要评论", "次",
    "人",     "原创",     "转载",   "首发",   "字",     "人参与",   "跟帖",
    "条评论", "参与",     "分享",   "收藏",   "阅读",   "我有话说", "收藏本文",
    NULL};

/* Consumes what ends a label: a colon, or the slashes and bars credit
 * lines use instead ("编辑/苏芳", "责编|陈梦莹", "作者︱春春"). */
static bool eat_label_colon(const char *s, size_t len, size_t *j) {
  static const char *const colons[] = {":", "：", "/",  "／",
                                       "|", "︱", "丨", "｜"};
  return eat_any(s, len, j, colons, sizeof colons / sizeof colons[0]) >= 0;
}

static struct litset k_label_set;        /* k_labels */
static struct litset k_widget_set;       /* k_widget_words */
static struct litset k_chrome_set;       /* k_chrome_prefixes */
static struct litset k_end_set;          /* k_end_starts */
static struct litset k_filler_set;       /* k_meta_filler */
static struct litset k_editor_set;       /* k_editor_labels */
static struct litset k_arrow_set;        /* k_arrows */
static struct litset k_footer_set;       /* k_footer_marks */
static uint64_t k_arrow_first[256 / 64]; /* the first bytes of k_arrows */
static struct litset k_caption_set; /* k_caption_marks, k_caption_closers */
/* The last characters of k_role_suffixes (all Han: three bytes each). */
static struct litset k_role_end_set;
static struct litset k_not_name_end_set; /* the characters of k_not_name_end */
static pthread_once_t k_litsets_once = PTHREAD_ONCE_INIT;
static void build_litsets(void);

/* The labels in order whose first three bytes have the same lit_key: the
 * first in k_label_head, the next of each in k_label_next (-1 ends). */
static int16_t k_label_head[4096];
static int16_t k_label_next[N_LABELS];

static int label_at_slow(const char *s, size_t len, size_t i, size_t *vstart) {
  for (int k = k_label_head[lit_key(s + i)]; k >= 0; k = k_label_next[k]) {
    size_t j;
    if (!has_at(s, len, i, k_labels[k].z))
      continue;
    j = skip_spaces(s, len, i + strlen(k_labels[k].z));
    if (!eat_label_colon(s, len, &j))
      continue;
    *vstart = skip_spaces(s, len, j);
    return k;
  }
  return -1;
}

/* A label at s[i] followed by a colon; *vstart gets where the value starts.
 * Returns the index into k_labels or -1.  Asked at every position of a
 * meta line: the literal set rules out nearly all of them inline. */
static inline int label_at(const char *s, size_t len, size_t i,
                           size_t *vstart) {
  if (i >= len || len - i < 3)
    return -1; /* no label is shorter */
  /* The callers have built the sets (build_litsets). */
  if (!litset_may(&k_label_set, s, len, i))
    return -1;
  return label_at_slow(s, len, i, vstart);
}

/* Where a value that starts at i ends: a separator, two spaces, or stop. */
static size_t value_end(const char *s, size_t len, size_t i, size_t stop) {
  static const char *const seps[] = {"|",  "｜", "丨", "【", "[",
                                     "】", "]",  "  ", "\t", "　"};
  size_t j = i;
  while (j < stop) {
    int n;
    size_t k = j;
    if (eat_any(s, len, &k, seps, sizeof seps / sizeof seps[0]) >= 0)
      return j;
    cp_at(s, len, j, &n);
    j += (size_t)n;
  }
  return stop;
}

/* Cuts an editor's staff code: "张三_NB12345" -> "张三", "李四 SN222". */
static void strip_staff_code(const char *s, size_t off, size_t *n) {
  size_t e = off + *n;
  for (size_t i = off; i < e; i++) {
    if (s[i] == '_') {
      *n = i - off;
      break;
    }
  }
  e = off + *n;
  /* A trailing ASCII letters+digits token after a space -- unless the
   * name is a Latin one ("Demi Xia"): the token then has no digit and
   * the name before it is ASCII too. */
  {
    size_t k = e;
    bool digit = false;
    bool latin = true;
    while (k > off && ((s[k - 1] >= 'A' && s[k - 1] <= 'Z') ||
                       (s[k - 1] >= 'a' && s[k - 1] <= 'z') ||
                       (s[k - 1] >= '0' && s[k - 1] <= '9'))) {
      digit = digit || (s[k - 1] >= '0' && s[k - 1] <= '9');
      k--;
    }
    for (size_t i = off; i + 1 < k && latin; i++)
      latin = (unsigned char)s[i] < 0x80;
    if (k < e && k > off && s[k - 1] == ' ' && (digit || !latin))
      *n = k - 1 - off;
  }
  trim_span(s, &off, n);
}

static inline bool is_prose_cp(int32_t cp) {
  return cp == 0x3002 || cp == 0xFF1F || cp == 0xFF01 || cp == 0xFF0C ||
         cp == 0xFF1B;
}

/* True if s[0..len) holds prose punctuation: a field value never does. */
static bool has_prose_punct(const char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    int n;
    int32_t cp = cp_at(s, len, i, &n);
    if (is_prose_cp(cp))
      return true;
    i += (size_t)n;
  }
  return false;
}

/* Outlet-like names: what ends a source ("证券时报网", "北京日报"). */
static bool looks_like_outlet(const char *s, size_t len) {
  static const char *const ends[] = {
      "网",   "报",   "社",     "台",   "新闻",   "在线",
      "刊",   "杂志", "客户端", "频道", "中心",   "周刊",
      "日报", "消息", "中文站", "财经", "电视台", NULL};
  size_t nc = nchar_of(s, len);
  return nc >= 2 && nc <= 16 && ends_with_any(s, len, ends);
}

bool zn__looks_like_outlet(const char *s, size_t len) {
  return looks_like_outlet(s, len);
}

static inline bool is_meta_sep(int32_t cp) {
  if (cp > 0x4E28 && cp < 0xA000)
    return false; /* Han, the common case: none is a separator */
  return is_space_cp(cp) || cp == 0xB7 || cp == 0x2022 || cp == 0x30FB ||
         cp == '|' || cp == 0xFF5C || cp == 0x4E28 || cp == '(' || cp == ')' ||
         cp == 0xFF08 || cp == 0xFF09 || cp == '[' || cp == ']' ||
         cp == 0x3010 || cp == 0x3011 || cp == '/' || cp == '-' ||
         cp == 0x2014 || cp == ':' || cp == 0xFF1A;
}

/* Widget lines are told apart by zn__is_widget_line, not as meta. */
static bool has_ignored_widget(const char *s, size_t len) {
  return has_at(s, len, 0, "分享") || has_at(s, len, 0, "字号") ||
         has_at(s, len, 0, "字体");
}

/* Limits on the unlabelled words a meta line may carry beside its fields
 * ("2019-09-26 10:56:28 证券时报网", "maomaobear 2015-06-19 11:20:11"). */
#define ZN_MAX_META_LOOSE_TOKENS 3
#define ZN_MAX_META_LOOSE_NCHAR 16

static bool portal_channel(const char *s, size_t len, size_t b);
/* A portal's channel ("新浪科技", "腾讯体育") is at most this long. */
#define ZN_MAX_PORTAL_CHANNEL_NCHAR 6

bool zn__meta_parse(const char *s, size_t len, zn_meta *m) {
  zn_span date = {0, 0};
  zn_span loose[ZN_MAX_META_LOOSE_TOKENS];
  size_t n_loose = 0;
  size_t i = 0;
  int n_real = 0;

  memset(m, 0, sizeof *m);
  if (len == 0 || nchar_over(s, len, 200))
    return false;
  pthread_once(&k_litsets_once, build_litsets);
  m->has_date = zn__date_find(s, len, &m->date, &date);

  while (i < len) {
    size_t vstart;
    int li;
    int n;
    if (m->has_date && i == date.off) {
      i += date.len;
      continue;
    }
    li = label_at(s, len, i, &vstart);
    if (li >= 0 && m->has_date && i < date.off && k_labels[li].kind == LK_DATE)
      m->updated = is_update_label(k_labels[li].z);
    if (li >= 0) {
      size_t stop = len;
      size_t vend;
      size_t j;
      zn_span v;
      /* The value runs until the next label, the date, or a separator. */
      for (j = vstart; j < len;) {
        size_t dummy;
        if (label_at(s, len, j, &dummy) >= 0 ||
            (m->has_date && j == date.off)) {
          stop = j;
          break;
        }
        cp_at(s, len, j, &n);
        j += (size_t)n;
      }
      vend = value_end(s, len, vstart, stop);
      v.off = vstart;
      v.len = vend - vstart;
      trim_span(s, &v.off, &v.len);
      if (has_prose_punct(s + v.off, v.len))
        return false; /* "记者：请问……？" is an interview, not a field */
      m->n_fields++;
      switch (k_labels[li].kind) {
      case LK_SOURCE:
        if (m->source.len == 0 && v.len > 0) {
          /* "人民日报海外版 中国青年网": the outlet is the first word. */
          for (size_t k = v.off; k < v.off + v.len; k++) {
            if (s[k] == ' ') {
              v.len = k - v.off;
              break;
            }
          }
          m->source = v;
        }
        n_real++;
        break;
      case LK_AUTHOR:
        if (m->author.len == 0 && v.len > 0)
          m->author = v;
        n_real++;
        break;
      case LK_EDITOR:
        if (m->editor.len == 0 && v.len > 0) {
          strip_staff_code(s, v.off, &v.len);
          m->editor = v;
        }
        n_real++;
        break;
      case LK_DATE:
        if (!m->has_date && parse_short_date(s, len, v.off, &m->date))
          m->has_date = true;
        n_real++;
        break;
      case LK_IGNORE:
        break;
      }
      i = vend > vstart ? vend : vstart;
      continue;
    }
    {
      int32_t cp = cp_at(s, len, i, &n);
      size_t b = i;
      bool filler = false;
      bool counter;
      if (is_meta_sep(cp)) {
        i += (size_t)n;
        continue;
      }
      /* Filler counts only as a whole word: the 中 of 中国外交 is none. */
      for (size_t k = 0;
           k_meta_filler[k] != NULL && litset_may(&k_filler_set, s, len, i);
           k++) {
        size_t e;
        int n2;
        if (!has_at(s, len, i, k_meta_filler[k]))
          continue;
        e = i + strlen(k_meta_filler[k]);
        if (e >= len || is_meta_sep(cp_at(s, len, e, &n2)) ||
            (m->has_date && e == date.off)) {
          i = e;
          filler = true;
          break;
        }
      }
      if (filler)
        continue;
      /* An unlabelled word: up to a separator, the date or a label.  A
       * word that opens with no digit is no counter ("0人参与", below):
       * once it is too long or holds prose punctuation the line is no
       * meta line, known before the rest of the prose is read. */
      counter = s[b] >= '0' && s[b] <= '9';
      {
        size_t nc = 0;
        while (i < len) {
          size_t dummy;
          cp = cp_at(s, len, i, &n);
          if (is_meta_sep(cp) || (m->has_date && i == date.off) ||
              (i > b && label_at(s, len, i, &dummy) >= 0))
            break;
          if (!counter && (++nc > ZN_MAX_META_LOOSE_NCHAR || is_prose_cp(cp)))
            return false;
          i += (size_t)n;
        }
      }
      if (i == b)
        i += (size_t)n;
      else {
        bool digits = true;
        for (size_t k = b; k < i; k++) {
          if (s[k] < '0' || s[k] > '9')
            digits = false;
        }
        /* "1307人参与": a count and its filler word. */
        if (!digits && b < i && s[b] >= '0' && s[b] <= '9') {
          size_t k = b;
          while (k < i && s[k] >= '0' && s[k] <= '9')
            k++;
          digits = in_set(&k_filler_words, s + k, i - k);
        }
        if (digits)
          continue; /* counters: "0人参与", "5,874" */
        /* A word that is no counter was measured by the scan above (too
         * long or with prose punctuation, the line is gone already). */
        if (n_loose == ZN_MAX_META_LOOSE_TOKENS ||
            (counter && (nchar_over(s + b, i - b, ZN_MAX_META_LOOSE_NCHAR) ||
                         has_prose_punct(s + b, i - b))))
          return false;
        loose[n_loose].off = b;
        loose[n_loose].len = i - b;
        n_loose++;
      }
    }
  }
  /* Only ignored fields ("发布于：北京市", "字号：大 中 小"): no data, but
   * a meta line all the same. */
  if (!m->has_date && n_real == 0)
    return m->n_fields > 0 && n_loose == 0 && !has_ignored_widget(s, len);
  if (n_loose > 0 && !m->has_date)
    return false; /* only a dated line may carry unlabelled words */
  /* Unlabelled words beside a date: an outlet is the source, a personal
   * name an author ("2019年09月07日 04:04 北京日报"). */
  for (size_t k = 0; k < n_loose; k++) {
    const char *w = s + loose[k].off;
    if (m->source.len == 0 && !zn__is_section_name(w, loose[k].len) &&
        (looks_like_outlet(w, loose[k].len) ||
         (portal_channel(w, loose[k].len, 0) &&
          nchar_of(w, loose[k].len) <= ZN_MAX_PORTAL_CHANNEL_NCHAR)))
      m->source = loose[k];
    else if (m->author.len == 0 && zn__is_person_name(w, loose[k].len)) {
      m->author = loose[k];
      m->author_loose = true;
    }
  }
  return true;
}

/* ============================================================== editors */

static const char *const k_editor_labels[] = {
    "责任编辑", "本文编辑", "值班编辑", "网络编辑", "责编",
    "编辑",     "責任編輯", "責編",     "編輯"};

static bool is_open_bracket(const char *s, size_t len, size_t i, int *n) {
  int32_t cp = cp_at(s, len, i, n);
  return cp == '(' || cp == '[' || cp == 0xFF08 || cp == 0x3010 ||
         cp == 0x3014 || cp == 0x3016;
}

static bool is_close_bracket_cp(int32_t cp) {
  return cp == ')' || cp == ']' || cp == 0xFF09 || cp == 0x3011 ||
         cp == 0x3015 || cp == 0x3017;
}

/* The byte offset where the code point ending at e starts. */
static size_t prev_char(const char *s, size_t e) {
  size_t k = e;
  if (k == 0)
    return 0;
  k--;
  while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
    k--;
  return k;
}

bool zn__editor_find(const char *s, size_t len, zn_span *name, zn_span *whole) {
  /* Every label holds 编 (E7 BC 96) or 編 (E7 B7 A8): most lines are
   * ruled out by one pass over their bytes instead of a look for every
   * label at every position. */
  {
    size_t i = 0;
    while (i + 2 < len && !((unsigned char)s[i] == 0xE7 &&
                            (((unsigned char)s[i + 1] == 0xBC &&
                              (unsigned char)s[i + 2] == 0x96) ||
                             ((unsigned char)s[i + 1] == 0xB7 &&
                              (unsigned char)s[i + 2] == 0xA8))))
      i++;
    if (i + 2 >= len)
      return false;
  }
  pthread_once(&k_litsets_once, build_litsets);
  for (size_t i = 0; i < len; i++) {
    size_t j;
    size_t b;
    size_t e;
    size_t k;
    int li;
    bool colon = false;
    bool bracket = false;
    size_t wstart = i;

    if (((unsigned char)s[i] & 0xC0) == 0x80 ||
        !litset_may(&k_editor_set, s, len, i))
      continue;
    j = i;
    li = eat_any(s, len, &j, k_editor_labels,
                 sizeof k_editor_labels / sizeof k_editor_labels[0]);
    if (li < 0)
      continue;
    /* What precedes: start, a bracket, white space or a sentence end. */
    if (i > 0) {
      size_t p = prev_char(s, i);
      int n;
      int32_t cp = cp_at(s, len, p, &n);
      bool spaced = false;
      while (is_space_cp(cp) && p > 0) {
        spaced = true;
        p = prev_char(s, p);
        cp = cp_at(s, len, p, &n);
      }
      if (is_open_bracket(s, len, p, &n)) {
        bracket = true;
        wstart = p;
      } else if (!(spaced || is_space_cp(cp) || zn_char_is_sentence_end(cp) ||
                   cp == 0xFF0C || cp == ',' || zn_char_is_closing(cp))) {
        continue;
      }
    }
    k = skip_spaces(s, len, j);
    colon = eat_label_colon(s, len, &k);
    if (!colon && !(bracket && k > j))
      continue;
    b = skip_spaces(s, len, k);
    /* The name runs to a closing bracket, a separator or a next label. */
    e = b;
    while (e < len) {
      int n;
      int32_t cp = cp_at(s, len, e, &n);
      if (is_close_bracket_cp(cp) || cp == '|' || cp == 0x4E28 ||
          zn_char_is_sentence_end(cp) || cp == 0xFF0C || cp == ',')
        break;
      if (is_space_cp(cp)) {
        size_t t = skip_spaces(s, len, e);
        size_t dummy;
        if (t - e >= 2 || t >= len || label_at(s, len, t, &dummy) >= 0)
          break;
        /* A following "X：" token is another credit. */
        {
          size_t q = t;
          bool colon_next = false;
          for (int c = 0; c < 6 && q < len; c++) {
            int n2;
            int32_t c2 = cp_at(s, len, q, &n2);
            if (c2 == ':' || c2 == 0xFF1A) {
              colon_next = true;
              break;
            }
            if (is_space_cp(c2))
              break;
            q += (size_t)n2;
          }
          if (colon_next)
            break;
        }
      }
      e += (size_t)n;
    }
    {
      size_t noff = b;
      size_t nlen = e - b;
      size_t wend = e;
      trim_span(s, &noff, &nlen);
      strip_staff_code(s, noff, &nlen);
      if (nlen == 0 || nchar_over(s + noff, nlen, ZN_MAX_EDITOR_NCHAR))
        continue;
      if (bracket) {
        size_t t = skip_spaces(s, len, e);
        int n;
        if (t < len && is_close_bracket_cp(cp_at(s, len, t, &n)))
          wend = t + (size_t)n;
      }
      name->off = noff;
      name->len = nlen;
      whole->off = wstart;
      whole->len = wend - wstart;
      return true;
    }
  }
  return false;
}

/* ============================================================== bylines */

/* Characters a personal name does not end with (place and organization
 * suffixes, calendar words). */
static const char k_not_name_end[] =
    "区市县省镇乡村局部委会院厅处网报社台站所组队办州路街港湾园号等期版讯电"
    "们者员长记讯刊井";

static bool char_in(const char *set, size_t sl, const char *s, size_t n) {
  /* UTF-8 is self-synchronising, so a match of a whole character's bytes is
   * always aligned to a character boundary in set. */
  const char *p = set;
  const char *end = set + sl;
  if (n == 0)
    return true;
  while ((size_t)(end - p) >= n) {
    p = memchr(p, s[0], (size_t)(end - p) - n + 1);
    if (p == NULL)
      break;
    if (memcmp(p, s, n) == 0)
      return true;
    p++;
  }
  return false;
}

/* True if s holds · (C2 B7) or • (E2 80 A2), the dots of a transliterated
 * name (a byte loop: the token is short). */
static bool has_name_dot(const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i + 1 < len; i++) {
    if ((u[i] == 0xC2 && u[i + 1] == 0xB7) ||
        (u[i] == 0xE2 && u[i + 1] == 0x80 && i + 2 < len && u[i + 2] == 0xA2))
      return true;
  }
  return false;
}

bool zn__is_person_name(const char *s, size_t len) {
  size_t nc;
  int n;
  size_t last;

  /* No character takes more than four bytes: a longer token is no name
   * (the prose a byline test meets), told before any of it is read. */
  if (len == 0 || len > 4 * ZN_MAX_NAME_NCHAR)
    return false;
  nc = nchar_of(s, len);
  /* Either way a name has two to ZN_MAX_NAME_NCHAR characters (three Han
   * around a dot, two to four without). */
  if (nc < 2 || nc > ZN_MAX_NAME_NCHAR)
    return false;
  if (has_name_dot(s, len)) {
    /* A transliterated name: Han on both sides of the dot. */
    size_t i = 0;
    size_t nhan = 0;
    while (i < len) {
      int32_t cp = cp_at(s, len, i, &n);
      if (zn_char_is_han(cp))
        nhan++;
      else if (cp != 0xB7 && cp != 0x2022)
        return false;
      i += (size_t)n;
    }
    return nhan >= 3 && nc <= ZN_MAX_NAME_NCHAR;
  }
  if (nc < 2 || nc > 4 || !all_han(s, len))
    return false;
  last = prev_char(s, len);
  /* The set is all three-byte characters: its literal set rules out most
   * last characters before the search. */
  pthread_once(&k_litsets_once, build_litsets);
  if ((len - last != 3 || litset_may(&k_not_name_end_set, s + last, 3, 0)) &&
      char_in(k_not_name_end, sizeof k_not_name_end - 1, s + last, len - last))
    return false;
  {
    size_t sn = zn__surname_prefix(s, len);
    if (sn == 0)
      return false;
    /* A compound surname (欧阳) takes one or two more characters. */
    if (nchar_of(s, sn) == 2)
      return nc >= 3;
    return nc <= 3;
  }
}

enum tok_kind {
  TK_NAME,
  TK_ROLE,
  TK_PHOTO_ROLE,
  TK_PHOTO_MARK,
  TK_FILLER,
  TK_JUNK
};

/* Words that end a role ("新华社记者", "本报评论员"); short roles such as
 * 文 (文/X) must be the whole token, or 许文 would be a role. */
static const char *const k_role_suffixes[] = {
    "记者", "通讯员", "实习生", "评论员", "特约撰稿人", "作者",
    "記者", "通訊員", "實習生", "評論員", NULL};
/* Words that stand where a name would but are none. */
static const char *const k_not_names[] = {
    "未知", "佚名", "整合", "综合", "查看更多", "更多", "网络", "本站", "原创",
    "编辑部", "本报", "小编", "管理员", "系统管理员", "网友", "匿名", "转载",
    "admin", "Admin", "未署名",
    /* "作者：网络整理": who compiled it, not a name */
    "网络整理", "综合整理", "本站整理", "编辑整理", "网络综合", "网络转载",
    "互联网", NULL};
static const char *const k_roles[] = {
    "作者", "撰文", "撰稿",     "采写", "编译", "特约作者", "文",
    "主笔", "文字", "作者单位", "执笔", "口述", NULL};
static const char *const k_photo_roles[] = {"图",   "摄影", "摄影记者", "图片",
                                            "摄像", "视频", "制图",     NULL};
static const char *const k_fillers[] = {
    "报道", "报导", "整理", "综合", "发自", "电", "联合报道", "综合报道", NULL};

bool zn__is_placeholder_name(const char *s, size_t len) {
  bool digit = false;
  bool ascii = len > 0;
  pthread_once(&k_litsets_once, build_litsets);
  if (in_set(&k_not_name_words, s, len))
    return true;
  /* "HN666": a staff code, not a name. */
  for (size_t i = 0; i < len && ascii; i++) {
    ascii = (unsigned char)s[i] < 0x80;
    digit = digit || (s[i] >= '0' && s[i] <= '9');
  }
  return ascii && digit;
}

/* Length of a role word at the start of a token ("记者周亚强"), or 0. */
static size_t role_prefix(const char *s, size_t len) {
  static const char *const prefixes[] = {
      "新华社记者", "中新社记者", "本报记者", "本报通讯员", "特约记者",
      "见习记者",   "实习记者",   "摄影记者", "通讯员",     "实习生",
      "记者",       "本報記者",   "記者",     "通訊員",     NULL};
  for (size_t k = 0; prefixes[k] != NULL; k++) {
    const char *p = prefixes[k];
    size_t n = 0;
    while (n < len && p[n] != '\0' && s[n] == p[n])
      n++;
    if (p[n] == '\0' && n < len)
      return n; /* a prefix of s, shorter than s */
  }
  return 0;
}

static enum tok_kind classify_token(const char *s, size_t len, bool strict) {
  if (in_set(&k_photo_role_words, s, len) || ends_with(s, len, "摄影记者"))
    return TK_PHOTO_ROLE;
  if (strlen("摄") == len && memcmp(s, "摄", len) == 0)
    return TK_PHOTO_MARK;
  /* "21世纪经济报道记者", "中国青年报·中青在线记者": a role however long. */
  if (in_set(&k_role_words, s, len) ||
      (len >= 3 && litset_may(&k_role_end_set, s + len - 3, 3, 0) &&
       ends_with_any(s, len, k_role_suffixes) &&
       !nchar_over(s, len, ZN_MAX_ROLE_NCHAR)))
    return TK_ROLE;
  if (in_set(&k_filler_tokens, s, len) ||
      (ends_with(s, len, "报道") && !nchar_over(s, len, 6)) ||
      (has_at(s, len, 0, "发自") && !nchar_over(s, len, 8)))
    return TK_FILLER;
  if (in_set(&k_not_name_words, s, len))
    return strict ? TK_JUNK : TK_FILLER;
  if (zn__is_person_name(s, len))
    return TK_NAME;
  if (!strict) {
    size_t nc = nchar_of(s, len);
    if (nc >= 2 && nc <= 4 && all_han(s, len))
      return TK_NAME;
  }
  return TK_JUNK;
}

static inline bool is_byline_sep(int32_t cp) {
  if (cp > 0x4E28 && cp < 0xA000)
    return false; /* Han, the common case: none is a separator */
  return is_space_cp(cp) || cp == 0x3001 || cp == 0xFF0C || cp == ',' ||
         cp == ';' || cp == 0xFF1B || cp == '/' || cp == 0xFF0F || cp == '|' ||
         cp == ':' || cp == 0xFF1A || cp == '(' || cp == ')' || cp == 0xFF08 ||
         cp == 0xFF09 || cp == 0x4E28 || cp == 0xFF5C || cp == '&' ||
         cp == '[' || cp == ']' || cp == 0x3010 || cp == 0x3011 ||
         cp == 0x25A1 || cp == 0x25CE || cp == 0x25A0 || cp == 0x25CF ||
         cp == 0x25C6 || cp == 0x2605 || cp == 0x2606;
}

struct token {
  size_t off;
  size_t len;
  enum tok_kind kind;
};

/* Splits a byline into classified tokens; returns the count or -1 if there
 * are too many or one is junk in strict mode. */
static int byline_tokens(const char *s, size_t len, bool strict,
                         struct token *t, bool *has_role) {
  size_t i = 0;
  int nt = 0;

  pthread_once(&k_litsets_once, build_litsets);
  *has_role = false;
  while (i < len) {
    size_t b;
    size_t pre;
    int n;
    while (i < len && is_byline_sep(cp_at(s, len, i, &n))) {
      /* "文/X", "图/X": a slash right after a role keeps its meaning. */
      i += (size_t)n;
    }
    if (i >= len)
      break;
    b = i;
    while (i < len && !is_byline_sep(cp_at(s, len, i, &n)))
      i += (size_t)n;
    if (nt + 2 > ZN_MAX_BYLINE_TOKENS)
      return -1;
    pre = role_prefix(s + b, i - b);
    if (pre > 0) {
      t[nt].off = b;
      t[nt].len = pre;
      t[nt].kind = TK_ROLE;
      if (has_at(s, len, b, "摄影记者"))
        t[nt].kind = TK_PHOTO_ROLE;
      nt++;
      b += pre;
    }
    t[nt].off = b;
    t[nt].len = i - b;
    t[nt].kind = classify_token(s + b, i - b, strict);
    if (t[nt].kind == TK_ROLE || t[nt].kind == TK_PHOTO_ROLE ||
        t[nt].kind == TK_PHOTO_MARK)
      *has_role = true;
    if (pre > 0)
      *has_role = true;
    if (t[nt].kind == TK_JUNK && strict)
      return -1;
    nt++;
  }
  return nt;
}

/* Reports the author names among tokens; photographers are skipped. */
static int report_names(const char *s, struct token *t, int nt, zn_name_cb cb,
                        void *ctx) {
  int count = 0;
  bool photo = false;
  /* A "摄" mark makes the names since the last role photographers. */
  for (int k = 0; k < nt; k++) {
    if (t[k].kind == TK_PHOTO_MARK) {
      for (int j = k - 1; j >= 0 && t[j].kind == TK_NAME; j--)
        t[j].kind = TK_FILLER;
    }
  }
  for (int k = 0; k < nt; k++) {
    switch (t[k].kind) {
    case TK_ROLE:
      photo = false;
      break;
    case TK_PHOTO_ROLE:
      /* "文/图 X": the writer took the pictures too. */
      photo = !(k > 0 && t[k - 1].kind == TK_ROLE);
      break;
    case TK_NAME:
      if (!photo) {
        count++;
        if (cb != NULL && cb(ctx, s + t[k].off, t[k].len) != 0)
          return count;
      }
      break;
    default:
      break;
    }
  }
  return count;
}

int zn__byline_names(const char *s, size_t len, bool strict, zn_name_cb cb,
                     void *ctx) {
  struct token t[ZN_MAX_BYLINE_TOKENS];
  bool has_role;
  int nt = byline_tokens(s, len, strict, t, &has_role);
  if (nt <= 0)
    return 0;
  return report_names(s, t, nt, cb, ctx);
}

/* True if s opens with a writer's role and a label mark: "执笔/", "作者：",
 * "文｜". */
static bool labelled_byline(const char *s, size_t len) {
  static const char *const marks[] = {"/", "／", "：", ":", "|", "｜", "丨"};
  for (size_t k = 0; k_roles[k] != NULL; k++) {
    size_t j = 0;
    if (!has_at(s, len, 0, k_roles[k]))
      continue;
    j = strlen(k_roles[k]);
    if (eat_any(s, len, &j, marks, sizeof marks / sizeof marks[0]) >= 0)
      return true;
  }
  return false;
}

bool zn__byline_line(const char *s, size_t len, zn_name_cb cb, void *ctx) {
  struct token t[ZN_MAX_BYLINE_TOKENS];
  bool has_role;
  int nt;
  int n_names = 0;

  if (nchar_over(s, len, 60))
    return false;
  nt = byline_tokens(s, len, true, t, &has_role);
  if (nt < 0 && labelled_byline(s, len)) {
    /* "执笔/叨叨姐、胡一刀&李小飞刀": after an explicit label, pen names
     * of two to four Han characters are names too -- but nothing else. */
    nt = byline_tokens(s, len, false, t, &has_role);
    for (int k = 0; k < nt; k++) {
      if (t[k].kind == TK_JUNK)
        return false;
    }
  }
  if (nt <= 0 || !has_role)
    return false;
  for (int k = 0; k < nt; k++) {
    if (t[k].kind == TK_NAME)
      n_names++;
  }
  /* A qualified role alone ("观察者网专栏作者", "澎湃新闻记者") is a byline
   * too; a bare "记者" is not. */
  if (n_names == 0) {
    bool qualified = false;
    for (int k = 0; k < nt; k++) {
      if (t[k].kind == TK_ROLE && nchar_of(s + t[k].off, t[k].len) >= 4)
        qualified = true;
    }
    if (!qualified)
      return false;
  }
  report_names(s, t, nt, cb, ctx);
  return true;
}

/* Finds a bracketed group closing s after a sentence: *group gets it
 * with the white space before it, *inner its contents.  At most max_nchar
 * characters inside. */
static bool closing_group(const char *s, size_t len, size_t max_nchar,
                          zn_span *group, zn_span *inner) {
  size_t e = len;
  size_t close;
  size_t open = SIZE_MAX;
  size_t before;
  int n;
  int32_t cp;

  while (e > 0 && is_space_cp(cp_at(s, len, prev_char(s, e), &n)))
    e = prev_char(s, e);
  if (e == 0)
    return false;
  close = prev_char(s, e);
  cp = cp_at(s, len, close, &n);
  if (cp != ')' && cp != 0xFF09)
    return false;
  for (size_t k = close, nc = 0; k > 0; nc++) {
    k = prev_char(s, k);
    cp = cp_at(s, len, k, &n);
    if (cp == '(' || cp == 0xFF08) {
      open = k;
      break;
    }
    if (cp == ')' || cp == 0xFF09 || nc > max_nchar)
      return false;
  }
  if (open == SIZE_MAX || open == 0)
    return false;
  inner->off = open + (size_t)n;
  inner->len = close - inner->off;
  /* The group must close the text: something sentence-final before it. */
  before = open;
  while (before > 0 && is_space_cp(cp_at(s, len, prev_char(s, before), &n)))
    before = prev_char(s, before);
  if (before == 0)
    return false;
  cp = cp_at(s, len, prev_char(s, before), &n);
  if (!zn_char_is_sentence_end(cp) && !zn_char_is_closing(cp))
    return false;
  group->off = before;
  group->len = len - before;
  return true;
}

bool zn__byline_trailing(const char *s, size_t len, zn_span *group) {
  zn_span inner;
  return closing_group(s, len, 60, group, &inner) &&
         zn__byline_names(s + inner.off, inner.len, true, NULL, NULL) > 0;
}

bool zn__credit_trailing(const char *s, size_t len, zn_span *group) {
  zn_span inner;
  if (!closing_group(s, len, ZN_MAX_CREDIT_NCHAR, group, &inner) ||
      inner.len == 0)
    return false;
  /* "（完）" and reporters have their own recognizers; a sentence or a
   * clause inside brackets is text, not a credit. */
  if (has_prose_punct(s + inner.off, inner.len) ||
      (inner.len == strlen("完") &&
       memcmp(s + inner.off, "完", inner.len) == 0))
    return false;
  return true;
}

/* ============================================================ datelines */

static const char *const k_house_datelines[] = {
    "本报讯", "本刊讯", "本台讯", "本网讯", "本站讯", "本報訊", "本網訊", NULL};

/* Parses "(M月)D日" at *i. */
static bool month_day_at(const char *s, size_t len, size_t *i) {
  size_t j = *i;
  int v;
  if (read_num(s, len, &j, 2, &v) == 0)
    return false;
  if (has_at(s, len, j, "月")) {
    j += strlen("月");
    if (read_num(s, len, &j, 2, &v) == 0)
      return false;
  }
  if (!has_at(s, len, j, "日"))
    return false;
  *i = j + strlen("日");
  return true;
}

/* The reporters right after a dateline: "（记者 X Y）" or "记者 X". */
static void dateline_byline(const char *s, size_t len, size_t i,
                            zn_span *byline) {
  size_t j = skip_spaces(s, len, i);
  int n;
  int32_t cp;

  byline->off = j;
  byline->len = 0;
  if (j >= len)
    return;
  cp = cp_at(s, len, j, &n);
  if (cp == '(' || cp == 0xFF08) {
    size_t k = j + (size_t)n;
    while (k < len && k - j < 200) {
      int32_t c2 = cp_at(s, len, k, &n);
      if (c2 == ')' || c2 == 0xFF09) {
        size_t inner = j + (cp == '(' ? 1 : 3);
        if (zn__byline_names(s + inner, k - inner, false, NULL, NULL) > 0 &&
            (contains(s + inner, k - inner, "记者") ||
             contains(s + inner, k - inner, "通讯员") ||
             zn__byline_names(s + inner, k - inner, true, NULL, NULL) > 0))
          byline->len = k + (size_t)n - j;
        return;
      }
      k += (size_t)n;
    }
    return;
  }
  if (has_at(s, len, j, "记者")) {
    /* Names separated by single spaces or 、 up to the first non-name. */
    size_t k = skip_spaces(s, len, j + strlen("记者"));
    size_t end = 0;
    while (k < len) {
      size_t b = k;
      while (k < len && zn_char_is_han(cp_at(s, len, k, &n)))
        k += (size_t)n;
      if (!zn__is_person_name(s + b, k - b))
        break;
      end = k;
      if (has_at(s, len, k, "、"))
        k += strlen("、");
      else if (has_at(s, len, k, " "))
        k += 1;
      else
        break;
    }
    if (end > 0)
      byline->len = end - j;
  }
}

/* A portal's channel names its own dateline: 新浪科技讯, 腾讯体育讯,
 * 网易财经讯. */
static bool portal_channel(const char *s, size_t len, size_t b) {
  static const char *const brands[] = {"新浪", "腾讯", "网易", "搜狐", "凤凰",
                                       "新華", "騰訊", "網易", NULL};
  for (size_t k = 0; brands[k] != NULL; k++) {
    if (has_at(s, len, b, brands[k]))
      return true;
  }
  return false;
}

bool zn__dateline_find(const char *s, size_t len, zn_span *dateline,
                       zn_span *byline) {
  size_t b = skip_spaces(s, len, 0);
  size_t i;
  int n;

  byline->off = 0;
  byline->len = 0;
  for (size_t k = 0; k_house_datelines[k] != NULL; k++) {
    if (has_at(s, len, b, k_house_datelines[k])) {
      dateline->off = b;
      dateline->len = strlen(k_house_datelines[k]);
      dateline_byline(s, len, b + dateline->len, byline);
      return true;
    }
  }
  /* A paper's own dateline without a date: "南方日报讯 （记者…）". */
  {
    size_t j = b;
    for (size_t nc = 0; nc < 10 && j < len; nc++) {
      int32_t cp = cp_at(s, len, j, &n);
      if (!zn_char_is_han(cp))
        break;
      j += (size_t)n;
      if (nc >= 2 && (has_at(s, len, j, "讯") || has_at(s, len, j, "訊"))) {
        size_t k = j + strlen("讯");
        int n2;
        int32_t c2 = k < len ? cp_at(s, len, k, &n2) : ' ';
        size_t p = prev_char(s, j);
        /* "新京报快讯（记者 X）": the outlet before 快讯. */
        if (p > b && has_at(s, len, p, "快"))
          p = prev_char(s, p);
        if ((has_at(s, len, p, "报") || has_at(s, len, p, "刊") ||
             has_at(s, len, p, "台") || has_at(s, len, p, "网") ||
             has_at(s, len, p, "報") || has_at(s, len, p, "社") ||
             portal_channel(s, len, b)) &&
            (is_space_cp(c2) || c2 == '(' || c2 == 0xFF08 || c2 == ':' ||
             c2 == 0xFF1A)) {
          dateline->off = b;
          dateline->len = k - b;
          dateline_byline(s, len, k, byline);
          return true;
        }
      }
    }
  }
  /* Agency and place (all Han), then a date, then 电 or 讯. */
  i = b;
  for (size_t nc = 0; nc < ZN_MAX_DATELINE_PREFIX_NCHAR && i < len; nc++) {
    int32_t cp = cp_at(s, len, i, &n);
    size_t j = i;
    if (nc >= 2 && month_day_at(s, len, &j)) {
      size_t k = j;
      if (has_at(s, len, k, "电") || has_at(s, len, k, "讯") ||
          has_at(s, len, k, "電") || has_at(s, len, k, "訊")) {
        int n2;
        k += strlen("电"); /* all four are 3 bytes in UTF-8 */
        if (k < len && zn_char_is_han(cp_at(s, len, k, &n2)) &&
            !has_at(s, len, k, "记者"))
          return false; /* 电话, 电视: prose, not a dateline */
        dateline->off = b;
        dateline->len = k - b;
        dateline_byline(s, len, k, byline);
        return true;
      }
      return false;
    }
    if (!zn_char_is_han(cp))
      break;
    /* "央视网消息：" has no date. */
    if (nc >= 2 && has_at(s, len, i, "消息")) {
      size_t k = i + strlen("消息");
      int n2;
      int32_t c2 = k < len ? cp_at(s, len, k, &n2) : ' ';
      if (c2 == ':' || c2 == 0xFF1A || c2 == '(' || c2 == 0xFF08 ||
          is_space_cp(c2)) {
        dateline->off = b;
        dateline->len = k - b;
        dateline_byline(s, len, k, byline);
        return true;
      }
      return false;
    }
    i += (size_t)n;
  }
  return false;
}

/* ======================================================== chrome lines */

/* clang-format off */
static const char *const k_widget_words[] = {
    "字体", "字号", "大", "中", "小", "默认", "分享到", "分享", "打印",
    "推荐",
    "打印本页", "打印文章", "打印此文", "关闭", "关闭窗口", "关闭本页",
    "我要评论", "评论", "发表评论", "查看评论", "收藏", "收藏本文", "纠错",
    "我要纠错", "举报", "扫一扫", "扫码", "扫描二维码", "返回顶部", "返回",
    "顶部", "回到顶部", "微信", "微博", "新浪微博", "腾讯微博", "QQ空间",
    "QQ", "朋友圈", "微信朋友圈", "手机看", "手机看新闻", "手机版",
    "复制链接", "点赞", "在手机上阅读", "分享给好友", "用微信扫描二维码",
    "放大", "缩小", "A+", "A-", "A", "+", "-", "T", "【", "】", "加入收藏",
    "推荐给朋友", "收藏本页", "网站地图", "联系我们", "关于我们", "设为首页",
    "返回首页", "首页", "意见反馈", "投稿", "订阅", "客户端", "下载客户端",
    "听新闻", "朗读", "播放", "暂停", "更多", ">>", "更多>>", "0", "正文",
    "全文", "阅读全文", "展开全文", "点击查看", "原标题", "大字", "小字",
    "大字号", "中字号", "小字号", "大字体", "中字体", "小字体", "+1",
    "我要举报", "人参与", "参与", "跟帖", "条评论", "人阅读", "阅读",
    "次阅读", "人收藏", "赞", "赏", "次浏览", "浏览", "人评论", "评", "点击",
    "次", "人", "举报", "复制", "链接", "跟贴", "关注", "+关注", "已关注",
    "发文", NULL};
/* clang-format on */

static inline bool is_widget_sep(int32_t cp) {
  if (cp > 0x4E28 && cp < 0xA000)
    return false; /* Han, the common case: none is a separator */
  return is_space_cp(cp) || (cp >= '0' && cp <= '9') || cp == ',' ||
         cp == '|' || cp == 0xFF5C || cp == 0x4E28 || cp == '[' || cp == ']' ||
         cp == 0x3010 || cp == 0x3011 || cp == '(' || cp == ')' ||
         cp == 0xFF08 || cp == 0xFF09 || cp == ':' || cp == 0xFF1A ||
         cp == 0x00B7 || cp == 0x3001 || cp == '/' || cp == 0xFF0F ||
         cp == 0x2014 || cp == '>' || cp == 0x00BB || cp == '<' ||
         cp == 0xFF1E || cp == 0x2022;
}

static const char *const k_chrome_prefixes[] = {
    "上一篇", "下一篇", "上一条", "下一条", "分享到", "扫一扫", NULL};

/* The next word of a widget line: *b..*i after skipping separators (the
 * digits of counters are separators too).  1 for a word; 0 at the end;
 * -1 for a word over max bytes, which the callers reject whatever it is,
 * told without reading the rest of it. */
static int next_widget_word(const char *s, size_t len, size_t *i, size_t *b,
                            size_t max) {
  int n;
  while (*i < len && is_widget_sep(cp_at(s, len, *i, &n)))
    *i += (size_t)n;
  if (*i >= len)
    return 0;
  *b = *i;
  while (*i < len && !is_widget_sep(cp_at(s, len, *i, &n))) {
    *i += (size_t)n;
    if (*i - *b > max)
      return -1;
  }
  return 1;
}

bool zn__is_widget_line(const char *s, size_t len) {
  size_t i = 0;
  size_t b;
  int n_words = 0;

  /* The line's length is told last: most lines fail on their first word,
   * which is read only as far as a widget word can be long. */
  if (len == 0)
    return false;
  pthread_once(&k_litsets_once, build_litsets);
  for (size_t k = 0;
       k_chrome_prefixes[k] != NULL && litset_may(&k_chrome_set, s, len, 0);
       k++) {
    if (has_at(s, len, 0, k_chrome_prefixes[k]))
      return !nchar_over(s, len, 120);
  }
  /* A word passes as a widget word (at most max_len bytes) or as a
   * sharing prompt of at most 12 characters (48 bytes); past both, the
   * line is no widget line. */
  for (;;) {
    size_t max =
        k_widget_word_set.max_len > 48 ? k_widget_word_set.max_len : 48;
    int w = next_widget_word(s, len, &i, &b, max);
    if (w < 0)
      return false;
    if (w == 0)
      break;
    if (!(litset_may(&k_widget_set, s + b, i - b, 0) &&
          in_set(&k_widget_word_set, s + b, i - b)) &&
        !((has_at(s, i, b, "分享") || has_at(s, i, b, "扫码") ||
           has_at(s, i, b, "扫描") || has_at(s, i, b, "用微信")) &&
          !nchar_over(s + b, i - b, 12)))
      return false;
    n_words++;
  }
  return n_words > 0 && !nchar_over(s, len, 120);
}

static const char *const k_related_headers[] = {
    "相关新闻", "本文相关新闻", "相关阅读",   "推荐阅读", "相关链接",
    "相关报道", "相关文章",     "热点推荐",   "热门推荐", "更多精彩",
    "猜你喜欢", "为您推荐",     "精彩推荐",   "热门文章", "点击排行",
    "排行榜",   "热点新闻",     "最新新闻",   "今日推荐", "图片新闻",
    "专题推荐", "更多阅读",     "热门新闻",   "相关稿件", "延伸阅读",
    "往期回顾", "热文排行",     "24小时排行", "精彩图片", "最新推荐",
    "编辑推荐", "热门排行",     "相关专题",   "推荐新闻", "相关推荐",
    "延伸",     "精彩视频推荐", "视频推荐",   "相关视频", "为你推荐",
    NULL};

bool zn__is_related_header(const char *s, size_t len) {
  size_t i = 0;
  size_t b;
  bool first = true;

  /* The line's length is told last: most lines fail on their first word,
   * which is read only as far as a header can be long. */
  if (len == 0)
    return false;
  pthread_once(&k_litsets_once, build_litsets);
  for (;;) {
    size_t max =
        first ? k_related_header_words.max_len : k_widget_word_set.max_len;
    int w = next_widget_word(s, len, &i, &b, max);
    if (w < 0)
      return false; /* longer than any word of its list */
    if (w == 0)
      break;
    if (first) {
      if (!in_set(&k_related_header_words, s + b, i - b))
        return false;
      first = false;
    } else if (!in_set(&k_widget_word_set, s + b, i - b)) {
      return false;
    }
  }
  return !first && !nchar_over(s, len, 40);
}

static const char *const k_footer_marks[] = {"版权所有",
                                             "Copyright",
                                             "copyright",
                                             "COPYRIGHT",
                                             "©",
                                             "ICP备",
                                             "ICP证",
                                             "公网安备",
                                             "互联网新闻信息服务许可证",
                                             "不良信息举报",
                                             "信息网络传播视听节目许可证",
                                             "未经授权禁止转载",
                                             "未经许可不得转载",
                                             "版权声明",
                                             "All Rights Reserved",
                                             "All rights reserved",
                                             NULL};

/* True if one of k_footer_marks occurs in s: one pass over the line, the
 * literal set ruling out nearly every position (no mark starts with a
 * continuation byte). */
static bool has_footer_mark(const char *s, size_t len) {
  for (size_t i = 0; i < len; i += scan_step(s, len, i)) {
    if (((unsigned char)s[i] & 0xC0) == 0x80 ||
        !litset_may(&k_footer_set, s, len, i))
      continue;
    for (size_t k = 0; k_footer_marks[k] != NULL; k++) {
      if (has_at(s, len, i, k_footer_marks[k]))
        return true;
    }
  }
  return false;
}

bool zn__is_footer_line(const char *s, size_t len) {
  /* The cheaper test first: most lines hold no mark. */
  if (len == 0)
    return false;
  pthread_once(&k_litsets_once, build_litsets);
  if (!has_footer_mark(s, len) || nchar_over(s, len, 200))
    return false;
  /* A sentence that mentions copyright is prose, unless it has the sign. */
  return !((contains(s, len, "。") || contains(s, len, "？")) &&
           !contains(s, len, "©") && !contains(s, len, "Copyright") &&
           !(contains(s, len, "版权所有") && !contains(s, len, "版权所有人") &&
             !contains(s, len, "版权所有者")));
}

bool zn__is_page_code(const char *s, size_t len) {
  if (len < 10 || len > 64)
    return false;
  for (size_t i = 0; i < len; i++) {
    if (s[i] < '0' || s[i] > '9')
      return false;
  }
  return true;
}

static const char *const k_arrows[] = {">", "＞", "»", "›", "→", "—>", " / "};

/* True if one of k_arrows starts at a byte of s[i..len) (at a character
 * boundary or not: then there is none at any boundary either). */
static bool has_arrow(const char *s, size_t len, size_t i) {
  for (; i < len; i += scan_step(s, len, i)) {
    size_t j = i;
    unsigned char c = (unsigned char)s[i];
    if ((k_arrow_first[c / 64] & (UINT64_C(1) << (c % 64))) == 0)
      continue; /* no arrow starts with this byte */
    if (litset_may(&k_arrow_set, s, len, i) &&
        eat_any(s, len, &j, k_arrows, sizeof k_arrows / sizeof k_arrows[0]) >=
            0)
      return true;
  }
  return false;
}

bool zn__breadcrumb(const char *s, size_t len, zn_span *site) {
  static const char *const generic[] = {
      "首页", "主页", "网站首页", "返回首页", "正文",         "Home", "home",
      "HOME", "新闻", "当前位置", "您的位置", "您现在的位置", "位置", NULL};
  size_t i = 0;
  size_t seg_start;
  int n_segs = 0;
  zn_span first = {0, 0};

  site->off = 0;
  site->len = 0;
  if (len == 0)
    return false;
  pthread_once(&k_litsets_once, build_litsets);
  /* "当前位置：" and the like open many breadcrumbs. */
  for (size_t k = 0; k < len && k < 40; k++) {
    unsigned char c = (unsigned char)s[k];
    if (c != ':' && c != 0xEF)
      continue; /* neither colon starts here (：is EF BC 9A) */
    if (has_at(s, len, k, "：") || has_at(s, len, k, ":")) {
      if (contains(s, k, "位置")) {
        i = k + (s[k] == ':' ? 1 : strlen("："));
        break;
      }
    }
  }
  /* Most lines hold no arrow: one segment, no breadcrumb unless it ends
   * in " 正文" (below); the bytes tell that before the segments are
   * measured. */
  if (!has_arrow(s, len, i) && !contains(s + i, len - i, " 正文"))
    return false;
  if (nchar_over(s, len, 120))
    return false; /* told after the cheaper test above */
  seg_start = i;
  for (;;) {
    size_t j = i;
    int arrow = -1;
    if (i < len && litset_may(&k_arrow_set, s, len, i))
      arrow = eat_any(s, len, &j, k_arrows, 7);
    if (i >= len || arrow >= 0) {
      zn_span seg = {seg_start, i - seg_start};
      trim_span(s, &seg.off, &seg.len);
      if (seg.len > 0) {
        size_t nc = nchar_of(s + seg.off, seg.len);
        int n;
        if (nc > ZN_MAX_BREADCRUMB_SEGMENT_NCHAR)
          return false;
        for (size_t k = seg.off; k < seg.off + seg.len; k += (size_t)n) {
          int32_t cp = cp_at(s, len, k, &n);
          if (zn_char_is_sentence_end(cp) || cp == 0xFF0C)
            return false;
        }
        if (n_segs == 0)
          first = seg;
        n_segs++;
      }
      if (i >= len)
        break;
      i = j;
      seg_start = j;
      continue;
    }
    {
      int n;
      cp_at(s, len, i, &n);
      i += (size_t)n;
    }
  }
  /* "新华网 正文": the arrow between was an image. */
  if (n_segs == 1 && first.len > strlen(" 正文") &&
      ends_with(s + first.off, first.len, " 正文") &&
      !nchar_over(s + first.off, first.len, 20)) {
    size_t e = first.off + first.len - strlen(" 正文");
    first.len = e - first.off;
    trim_span(s, &first.off, &first.len);
    n_segs = 2;
  }
  /* At least one arrow must have been seen: two segments. */
  if (n_segs < 2)
    return false;
  /* "网易首页 > 新闻" names 网易; a channel ("国内新闻 > 正文") names no
   * site. */
  if (first.len > strlen("首页") && ends_with(s + first.off, first.len, "首页"))
    first.len -= strlen("首页");
  if (!in_list(s + first.off, first.len, generic) &&
      !zn__is_section_name(s + first.off, first.len) &&
      nchar_of(s + first.off, first.len) <= ZN_MAX_SITE_NCHAR)
    *site = first;
  return true;
}

bool zn__url_line(const char *s, size_t len, zn_span *url) {
  static const char *const labels[] = {
      "原文链接", "原文地址", "本文链接", "文章链接", "文章地址", "链接",
      "网址",     "URL",      "url",      "来源网址", "原文网址"};
  size_t i;
  size_t b;
  if (!contains(s, len, "http"))
    return false; /* no "http://" nor "https://" */
  i = skip_spaces(s, len, 0);
  if (eat_any(s, len, &i, labels, sizeof labels / sizeof labels[0]) >= 0) {
    i = skip_spaces(s, len, i);
    if (has_at(s, len, i, ":"))
      i++;
    else if (has_at(s, len, i, "："))
      i += strlen("：");
    i = skip_spaces(s, len, i);
  }
  if (!has_at(s, len, i, "http://") && !has_at(s, len, i, "https://"))
    return false;
  b = i;
  while (i < len && (unsigned char)s[i] > ' ' && (unsigned char)s[i] < 0x7F)
    i++;
  if (skip_spaces(s, len, i) != len)
    return false;
  url->off = b;
  url->len = i - b;
  return true;
}

/* True if the marker at s[i..) ends the line or is followed only by a
 * closing bracket or a space ("X 摄）", "受访者供图"). */
static bool marker_closes(const char *s, size_t len, size_t after) {
  return after == len || has_at(s, len, after, "）") ||
         has_at(s, len, after, ")") || has_at(s, len, after, " ") ||
         has_at(s, len, after, "】");
}

static const char *const k_caption_marks[] = {"图片来源", "视频截图", "摄影：",
                                              "摄影:", NULL};
/* Credits that close a caption: "（新华社发）", "受访者供图". */
static const char *const k_caption_closers[] = {
    "供图", "资料图", "资料图片", "新华社发", "截图", "摄", NULL};
#define ZN_CLOSER_SHE 5 /* 摄, which prose has in 拍摄 and 抓摄 */

bool zn__has_caption_marker(const char *s, size_t len) {
  static const char *const starts[] = {
      "图为", "图：", "图:",  "图片：", "图/",    "图／", "图丨", "图片/",
      "上图", "下图", "左图", "右图",   "图注：", "题图", NULL};
  if (len == 0 || nchar_over(s, len, 150))
    return false;
  for (size_t k = 0; starts[k] != NULL; k++) {
    if (has_at(s, len, 0, starts[k]))
      return true;
  }
  pthread_once(&k_litsets_once, build_litsets);
  /* A mark anywhere, or a closer anywhere that ends the caption: one pass
   * over the line, the literal set ruling out nearly every position (none
   * starts with a continuation byte). */
  for (size_t i = 0; i < len; i += scan_step(s, len, i)) {
    if (((unsigned char)s[i] & 0xC0) == 0x80 ||
        !litset_may(&k_caption_set, s, len, i))
      continue;
    for (size_t k = 0; k_caption_marks[k] != NULL; k++) {
      if (has_at(s, len, i, k_caption_marks[k]))
        return true;
    }
    for (size_t k = 0; k_caption_closers[k] != NULL; k++) {
      if (!has_at(s, len, i, k_caption_closers[k]))
        continue;
      /* 拍摄, 航拍摄 and 摄像 in prose are not credits. */
      if (k == ZN_CLOSER_SHE && i > 0) {
        size_t p = prev_char(s, i);
        if (has_at(s, len, p, "拍") || has_at(s, len, p, "抓"))
          continue;
      }
      if (marker_closes(s, len, i + strlen(k_caption_closers[k])))
        return true;
    }
  }
  return false;
}

/* ================================================== end of the article */

static const char *const k_end_starts[] = {
    "正文已结束",   "免责声明",   "特别声明",   "声明：",     "声明:",
    "【免责声明】", "（本文来自", "(本文来自",  "本文来自",   "网友评论",
    "热门评论",     "最新评论",   "全部评论",   "我来说两句", "发表评论",
    "查看评论",     "评论列表",   "打开APP",    "打开App",    "下载APP",
    "点击进入",     "返回搜狐",   "文章关键词", "关键词：",   "关键字：",
    "标签：",       "相关标签",   "阅读原文",   "投稿邮箱",   "欢迎投稿",
    "扫描二维码",   "长按二维码", "长按识别",   "关注我们",   "关注公众号",
    "点击关注",     "分享到",     "分享至",     "觉得不错",   "本文系",
    "凡本网注明",   "如需转载",   "转载请注明", "未经授权",   "版权归",
    "【版权声明】", "风险提示",   "（资料来源", "(资料来源",  "（刊于",
    "(刊于",        "延伸阅读",   "往期回顾",   "推荐阅读",   NULL};

bool zn__is_end_marker(const char *s, size_t len) {
  static const char *const page_words[] = {
      "上一页", "下一页", "首页", "尾页", "末页", "下页", "上页", "全文", NULL};
  size_t i = 0;
  bool only_pages = true;
  int n_items = 0;

  /* The line's length is told last: most lines fail the cheaper tests
   * below first. */
  if (len == 0)
    return false;
  pthread_once(&k_litsets_once, build_litsets);
  if (litset_may(&k_end_set, s, len, 0)) {
    for (size_t k = 0; k_end_starts[k] != NULL; k++) {
      if (has_at(s, len, 0, k_end_starts[k]))
        return !nchar_over(s, len, 200);
    }
  }
  /* Pagination: "【1】【2】【3】", "1 2 3 下一页". */
  while (i < len && only_pages) {
    int n;
    int32_t cp = cp_at(s, len, i, &n);
    size_t b = i;
    if (zn_char_digit_value(cp) >= 0) {
      n_items++;
      while (i < len && zn_char_digit_value(cp_at(s, len, i, &n)) >= 0)
        i += (size_t)n;
      continue;
    }
    if (is_space_cp(cp) || cp == '[' || cp == ']' || cp == 0x3010 ||
        cp == 0x3011) {
      i += (size_t)n;
      continue;
    }
    if (is_widget_sep(cp)) {
      only_pages = false; /* "09/07", "19:02": a date, not pages */
      break;
    }
    while (i < len && !is_widget_sep(cp_at(s, len, i, &n)))
      i += (size_t)n;
    if (!in_list(s + b, i - b, page_words))
      only_pages = false;
    n_items++;
  }
  return only_pages && n_items >= 2 && !nchar_over(s, len, 200);
}

bool zn__copyright_holder(const char *s, size_t len, zn_span *holder) {
  size_t i;
  size_t b;
  size_t e;
  int n;
  holder->off = 0;
  holder->len = 0;
  if (!zn__is_footer_line(s, len))
    return false;
  /* "版权所有：X", "版权所有 X": the holder follows. */
  for (i = 0; i + strlen("版权所有") <= len; i++) {
    if (has_at(s, len, i, "版权所有")) {
      size_t j = skip_spaces(s, len, i + strlen("版权所有"));
      if (has_at(s, len, j, "："))
        j = skip_spaces(s, len, j + strlen("："));
      else if (has_at(s, len, j, ":"))
        j = skip_spaces(s, len, j + 1);
      b = j;
      while (j < len && zn_char_is_han(cp_at(s, len, j, &n)))
        j += (size_t)n;
      if (nchar_of(s + b, j - b) >= 2 &&
          nchar_of(s + b, j - b) <= ZN_MAX_SITE_NCHAR) {
        holder->off = b;
        holder->len = j - b;
        return true;
      }
      /* "X版权所有", "主办单位：X 版权所有": the holder precedes. */
      e = i;
      while (e > 0 && s[e - 1] == ' ')
        e--;
      j = e;
      while (j > 0 && zn_char_is_han(cp_at(s, len, prev_char(s, j), &n)))
        j = prev_char(s, j);
      if (nchar_of(s + j, e - j) >= 2 &&
          nchar_of(s + j, e - j) <= ZN_MAX_SITE_NCHAR) {
        holder->off = j;
        holder->len = e - j;
        return true;
      }
      return false;
    }
  }
  /* "Copyright © 2019 X" / "© 1997-2019 X": the Han words after the years. */
  for (i = 0; i < len; i++) {
    if (has_at(s, len, i, "©") || has_at(s, len, i, "Copyright") ||
        has_at(s, len, i, "copyright")) {
      size_t j = i;
      bool latin = false; /* "© Baidu 使用百度前必读": the holder is Baidu */
      if (has_at(s, len, j, "©"))
        j += strlen("©");
      else
        j += strlen("Copyright");
      while (j < len && !zn_char_is_han(cp_at(s, len, j, &n)) && j - i < 40) {
        latin = latin || (s[j] >= 'A' && s[j] <= 'Z') ||
                (s[j] >= 'a' && s[j] <= 'z');
        if (latin && has_at(s, len, j, "by "))
          latin = false; /* "Copyright © by 新华网" */
        j += (size_t)n;
      }
      if (latin)
        return false;
      b = j;
      while (j < len && zn_char_is_han(cp_at(s, len, j, &n)))
        j += (size_t)n;
      if (nchar_of(s + b, j - b) >= 2 &&
          !nchar_over(s + b, j - b, ZN_MAX_SITE_NCHAR)) {
        holder->off = b;
        holder->len = j - b;
        return true;
      }
      return false;
    }
  }
  return false;
}

bool zn__is_section_name(const char *s, size_t len) {
  /* clang-format off */
  static const char *const sections[] = {
      "新闻", "国内", "国际", "国内新闻", "国际新闻", "社会", "社会新闻",
      "资讯", "娱乐", "体育", "财经", "科技", "军事", "美股", "港股", "股票",
      "要闻", "新闻中心", "时政", "时政新闻", "综合新闻", "本地新闻",
      "实时播报", "滚动", "滚动新闻", "评论", "观点", "教育", "健康", "汽车",
      "房产", "旅游", "文化", "游戏", "数码", "手机", "图片", "视频", "专题",
      "政务公开", "部门动态", "要闻动态", "工作动态", "头条", "原创",
      "频道", "首页", "正文", NULL};
  /* clang-format on */
  return in_list(s, len, sections);
}

/* The word sets of the recognizers above (struct litset). */
static void build_litsets(void) {
  for (size_t k = 0; k < sizeof k_label_head / sizeof k_label_head[0]; k++)
    k_label_head[k] = -1;
  for (size_t k = N_LABELS; k-- > 0;) {
    unsigned key = lit_key(k_labels[k].z); /* all are three bytes or more */
    litset_add(&k_label_set, k_labels[k].z);
    k_label_next[k] = k_label_head[key];
    k_label_head[key] = (int16_t)k;
  }
  for (size_t k = 0; k_widget_words[k] != NULL; k++)
    litset_add(&k_widget_set, k_widget_words[k]);
  for (size_t k = 0; k_chrome_prefixes[k] != NULL; k++)
    litset_add(&k_chrome_set, k_chrome_prefixes[k]);
  for (size_t k = 0; k_end_starts[k] != NULL; k++)
    litset_add(&k_end_set, k_end_starts[k]);
  for (size_t k = 0; k_meta_filler[k] != NULL; k++)
    litset_add(&k_filler_set, k_meta_filler[k]);
  for (size_t k = 0; k < sizeof k_editor_labels / sizeof k_editor_labels[0];
       k++)
    litset_add(&k_editor_set, k_editor_labels[k]);
  for (size_t k = 0; k < sizeof k_arrows / sizeof k_arrows[0]; k++) {
    unsigned char c = (unsigned char)k_arrows[k][0];
    litset_add(&k_arrow_set, k_arrows[k]);
    k_arrow_first[c / 64] |= UINT64_C(1) << (c % 64);
  }
  for (size_t k = 0; k_footer_marks[k] != NULL; k++)
    litset_add(&k_footer_set, k_footer_marks[k]);
  for (size_t k = 0; k_caption_marks[k] != NULL; k++)
    litset_add(&k_caption_set, k_caption_marks[k]);
  for (size_t k = 0; k_caption_closers[k] != NULL; k++)
    litset_add(&k_caption_set, k_caption_closers[k]);
  for (size_t k = 0; k + 3 <= sizeof k_not_name_end - 1; k += 3) {
    char c[4] = {k_not_name_end[k], k_not_name_end[k + 1],
                 k_not_name_end[k + 2], '\0'};
    litset_add(&k_not_name_end_set, c);
  }
  for (size_t k = 0; k_role_suffixes[k] != NULL; k++)
    litset_add(&k_role_end_set,
               k_role_suffixes[k] + strlen(k_role_suffixes[k]) - 3);
  wordset_build(&k_filler_words, k_meta_filler);
  wordset_build(&k_not_name_words, k_not_names);
  wordset_build(&k_role_words, k_roles);
  wordset_build(&k_photo_role_words, k_photo_roles);
  wordset_build(&k_filler_tokens, k_fillers);
  wordset_build(&k_widget_word_set, k_widget_words);
  wordset_build(&k_related_header_words, k_related_headers);
}
#define ZN_FITS_WORDSET(a)                                                     \
  _Static_assert(sizeof a / sizeof a[0] < ZN_WORDSET_SLOTS / 2,                \
                 #a " fits a wordset")
ZN_FITS_WORDSET(k_meta_filler);
ZN_FITS_WORDSET(k_not_names);
ZN_FITS_WORDSET(k_roles);
ZN_FITS_WORDSET(k_photo_roles);
ZN_FITS_WORDSET(k_fillers);
ZN_FITS_WORDSET(k_widget_words);
ZN_FITS_WORDSET(k_related_headers);
