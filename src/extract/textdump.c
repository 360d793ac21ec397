/* SPDX-License-Identifier: MIT */
/*
 * textdump.c - extraction of a news page that a scraper saved as text, with
 * the page chrome still in it (docs/ARCHITECTURE.md, "Text dumps").
 *
 * The page arrives as valid, normalized UTF-8.  It is cut into lines; each
 * line is classified by the shared recognizers (recognize.h) as chrome
 * (breadcrumb, widget, footer, page code, URL), meta (date/source line,
 * editor, byline) or text.  The body starts at the first line that reads as
 * prose (a dateline, or a long line with sentence punctuation) and runs until
 * a closing marker (editor credit, related-news list, footer).  The headline
 * is the text line the page repeats, else the one beside the date/source
 * line; deck lines (subtitles) and captions are the text lines between the
 * headline and the body.  Nothing here knows any one site's template.
 */
#include <stdbool.h>
#include <string.h>
#ifdef ZN_DEBUG_TEXTDUMP
#include <stdio.h>
#endif

#include "zhnews/text.h"
#include "extract/internal.h"
#include "extract/recognize.h"
#include "private/utf8-inl.h"

/* A line longer than this (in characters) is never a headline or deck. */
#define ZN_MAX_TITLE_NCHAR 80
#define ZN_MAX_DECK_NCHAR 120
/* A caption is a short line; longer ones are prose. */
#define ZN_MAX_CAPTION_NCHAR 120
/* Lines at least this long with sentence punctuation start the body. */
#define ZN_MIN_BODY_NCHAR 40
/* A related-links header this early in the body (characters of body text
 * before it) is inline chrome, not the article's end. */
#define ZN_MAX_LEAD_NCHAR 300
/* Lines set one clause a line open the body above its first prose line
 * when at least this many, and this share, end in punctuation. */
#define ZN_MIN_VERSE_LINES 4
#define ZN_MIN_VERSE_SHARE 0.6
/* At most this many lines above a dateline are dropped as furniture. */
#define ZN_MAX_LEAD_PARAS 6
/* The headline is looked for among this many lines before the body, so a
 * page of 80,000 headline-like lines costs no more than a page of 400
 * (portal pages put up to 200 lines of menus above the headline). */
#define ZN_MAX_HEAD_LINES 400
/* Caps on what one page can fill a record with; past them a page is not
 * an article and more entries only cost time. */
#define ZN_MAX_SUBTITLES 16
#define ZN_MAX_AUTHORS 64
/* A piece of a date set on its own line ("2019", "09/07", "19:02"). */
#define ZN_MAX_DATE_PIECE_NCHAR 10
/* A trailing line this short that ends no sentence is chrome. */
#define ZN_MAX_TRAILING_CHROME_NCHAR 40
/* Menu items average at most this many characters. */
#define ZN_MAX_NAV_ITEM_NCHAR 4
/* Menu items ("国内新闻") are shorter than a headline or deck line. */
#define ZN_MIN_HEAD_NCHAR 6
/* A brand line in the header ("澎湃新闻", "苏州市人民政府") is short. */
#define ZN_MAX_BRAND_NCHAR 14

enum line_kind {
  LN_BLANK,
  LN_TEXT,
  LN_URL,
  LN_PAGECODE,
  LN_BREADCRUMB,
  LN_FOOTER,
  LN_RELATED,
  LN_END,
  LN_WIDGET,
  LN_EDITOR,
  LN_META,
  LN_BYLINE,
};

struct line {
  size_t off;   /* trimmed text start, bytes into the page */
  size_t len;   /* trimmed length in bytes */
  size_t nchar; /* trimmed length in code points */
  int indent;   /* leading white space, in characters */
  enum line_kind kind;
  bool sentence_end; /* ends with 。！？… or a closing quote after one */
  bool full_stop;    /* that mark is 。 or '.', as captions end */
  int n_stops;       /* sentence-final marks and commas in the line */
  zn_meta meta;      /* for LN_META */
  zn_span editor;    /* for LN_EDITOR: the name */
  zn_span aux;       /* LN_URL: the URL; LN_BREADCRUMB: the site */
};

struct doc {
  const char *text;
  struct line *lines;
  size_t n;
  zn_article *a;
};

/* ------------------------------------------------------------- lines */

/* zn_utf8_decode() without the call: the line loops decode every
 * character of the page.  ASCII and the three-byte characters of Han
 * text (leads E1..EC, EE, EF, whose second byte may be any continuation
 * byte) are decoded here; the rest by the full decoder. */
/* True if u[0..3) is a well-formed three-byte sequence with a lead in
 * E1..EC or EE..EF (any continuation byte may follow those): the lead
 * by one range compare, the two continuation bytes at once (the mask and
 * value read the same in either byte order).  u has three bytes. */
static inline bool is_han3(const unsigned char *u) {
  uint16_t t;
  if (u[0] - 0xE1u > 0xEFu - 0xE1u || u[0] == 0xED)
    return false;
  memcpy(&t, u + 1, 2);
  return (t & 0xC0C0u) == 0x8080u;
}

static int decode_slow(const char *s, size_t len, int32_t *cp) {
  if (len == 0) {
    *cp = -1;
    return 0;
  }
  return zn__utf8_decode_inl((const unsigned char *)s, len, cp);
}

static inline int decode(const char *s, size_t len, int32_t *cp) {
  const unsigned char *u = (const unsigned char *)s;
  if (len > 0 && u[0] < 0x80) {
    *cp = u[0];
    return 1;
  }
  if (len >= 3 && is_han3(u)) {
    *cp = (int32_t)(((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) |
                    (u[2] & 0x3Fu));
    return 3;
  }
  return decode_slow(s, len, cp);
}

/* The last character of s[0..len), -1 if none; *start (may be NULL) gets
 * where it starts, len if none. */
static int32_t last_cp(const char *s, size_t len, size_t *start) {
  size_t k = len;
  int32_t cp = -1;
  if (start != NULL)
    *start = len;
  if (len == 0)
    return -1;
  k--;
  while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
    k--;
  decode(s + k, len - k, &cp);
  if (start != NULL)
    *start = k;
  return cp;
}

static void measure(const char *s, struct line *ln) {
  size_t i = 0;
  int32_t cp;
  size_t k;
  const char *p = s + ln->off;

  ln->nchar = 0;
  ln->n_stops = 0;
  while (i < ln->len) {
    const unsigned char *u = (const unsigned char *)p + i;
    int n;
    ln->nchar++;
    if (u[0] < 0x80) {
      i++; /* no stop is ASCII */
      continue;
    }
    /* decode(), spelled out for the characters of Han text (this loop
     * reads every character of the page), and the stops told by their
     * bytes: 、。 are E3 80 81/82, ！，；？ EF BC 81/8C/9B/9F. */
    if (ln->len - i >= 3 && is_han3(u)) {
      if ((u[0] == 0xE3 && u[1] == 0x80 && (u[2] == 0x81 || u[2] == 0x82)) ||
          (u[0] == 0xEF && u[1] == 0xBC &&
           (u[2] == 0x81 || u[2] == 0x8C || u[2] == 0x9B || u[2] == 0x9F)))
        ln->n_stops++;
      i += 3;
      continue;
    }
    n = decode(p + i, ln->len - i, &cp);
    if (n < 1)
      n = 1;
    if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF0C ||
        cp == 0xFF1B || cp == 0x3001)
      ln->n_stops++;
    i += (size_t)n;
  }
  /* Look through closing quotes for the sentence-final mark. */
  k = ln->len;
  ln->sentence_end = false;
  while (k > 0) {
    size_t start;
    cp = last_cp(p, k, &start);
    if (zn_char_is_sentence_end(cp)) {
      ln->sentence_end = true;
      ln->full_stop = cp == 0x3002 || cp == '.';
      break;
    }
    if (!zn_char_is_closing(cp))
      break;
    k = start;
  }
}

static int split_lines(struct doc *d, size_t len) {
  size_t n = 1;
  size_t i = 0;
  for (const char *q = d->text, *end = d->text + len;
       q < end && (q = memchr(q, '\n', (size_t)(end - q))) != NULL; q++)
    n++;
  d->lines = zn_malloc(n * sizeof *d->lines);
  if (d->lines == NULL)
    return ZN_ENOMEM;
  d->n = 0;
  while (i <= len) {
    const char *nl = i < len ? memchr(d->text + i, '\n', len - i) : NULL;
    size_t e = nl != NULL ? (size_t)(nl - d->text) : len;
    struct line *ln;
    size_t b = i;
    int indent = 0;
    while (b < e && (d->text[b] == ' ' || d->text[b] == '\t')) {
      indent++;
      b++;
    }
    while (e > b && (d->text[e - 1] == ' ' || d->text[e - 1] == '\t'))
      e--;
    ln = &d->lines[d->n++];
    memset(ln, 0, sizeof *ln);
    ln->off = b;
    ln->len = e - b;
    ln->indent = indent;
    ln->kind = ln->len == 0 ? LN_BLANK : LN_TEXT;
    if (ln->len > 0)
      measure(d->text, ln);
    while (e < len && d->text[e] != '\n')
      e++;
    i = e + 1;
    if (e >= len)
      break;
  }
  return ZN_OK;
}

/* True if a short line holds only the pieces of a date or time:
 * "2019", "09/07", "19:02" (some pages set them on lines of their own). */
static bool is_date_piece(const struct doc *d, size_t i) {
  const struct line *ln = &d->lines[i];
  if (ln->kind != LN_TEXT || ln->nchar > ZN_MAX_DATE_PIECE_NCHAR)
    return false;
  for (size_t k = 0; k < ln->len; k++) {
    char c = d->text[ln->off + k];
    if (!((c >= '0' && c <= '9') || c == '-' || c == '/' || c == ':' ||
          c == '.' || c == ' '))
      return false;
  }
  return true;
}

/* Joins a date split over consecutive lines into one meta line. */
static void join_date_pieces(struct doc *d) {
  for (size_t i = 0; i + 1 < d->n; i++) {
    char buf[4 * ZN_MAX_DATE_PIECE_NCHAR];
    size_t n = 0;
    size_t last = i;
    zn_meta m;
    if (!is_date_piece(d, i))
      continue;
    for (size_t k = i; k < d->n && k < i + 3 && is_date_piece(d, k); k++) {
      const struct line *ln = &d->lines[k];
      if (n + ln->len + 1 >= sizeof buf)
        break;
      memcpy(buf + n, d->text + ln->off, ln->len);
      n += ln->len;
      buf[n++] = ' ';
      last = k;
    }
    if (last == i || !zn__meta_parse(buf, n, &m) || !m.has_date)
      continue;
    memset(&d->lines[i].meta, 0, sizeof d->lines[i].meta);
    d->lines[i].meta.has_date = true;
    d->lines[i].meta.date = m.date;
    for (size_t k = i; k <= last; k++)
      d->lines[k].kind = LN_META; /* the others hold no field */
    i = last;
  }
}

static void classify(struct doc *d) {
  for (size_t i = 0; i < d->n; i++) {
    struct line *ln = &d->lines[i];
    const char *s = d->text + ln->off;
    zn_span name;
    zn_span whole;

    if (ln->kind == LN_BLANK || ln->nchar > ZN_MAX_META_LINE_NCHAR)
      continue;
    if (zn__url_line(s, ln->len, &ln->aux))
      ln->kind = LN_URL;
    else if (zn__is_page_code(s, ln->len))
      ln->kind = LN_PAGECODE;
    else if (zn__breadcrumb(s, ln->len, &ln->aux))
      ln->kind = LN_BREADCRUMB;
    else if (zn__is_footer_line(s, ln->len) &&
             !(zn__meta_parse(s, ln->len, &ln->meta) && ln->meta.has_date &&
               ln->meta.source.len > 0))
      ln->kind = LN_FOOTER;
    else if (ln->meta.has_date)
      ln->kind = LN_META; /* "版权声明 来源：X 时间：…": a date line */
    else if (zn__is_related_header(s, ln->len))
      ln->kind = LN_RELATED;
    else if (zn__is_end_marker(s, ln->len))
      ln->kind = LN_END;
    else if (zn__editor_find(s, ln->len, &name, &whole) && whole.off == 0 &&
             whole.len == ln->len) {
      ln->kind = LN_EDITOR;
      ln->editor = name;
    } else if (zn__meta_parse(s, ln->len, &ln->meta))
      ln->kind = LN_META; /* before widgets: "2024-03-12 08:05:41" */
    else if (zn__is_widget_line(s, ln->len))
      ln->kind = LN_WIDGET;
    else if (zn__byline_line(s, ln->len, NULL, NULL))
      ln->kind = LN_BYLINE;
  }
  join_date_pieces(d);
}

/* ---------------------------------------------------------- structure */

static bool line_eq(const struct doc *d, size_t a, size_t b) {
  const struct line *x = &d->lines[a];
  const struct line *y = &d->lines[b];
  return x->len == y->len &&
         memcmp(d->text + x->off, d->text + y->off, x->len) == 0;
}

static bool starts_dateline(const struct doc *d, size_t i) {
  zn_span dl;
  zn_span by;
  const struct line *ln = &d->lines[i];
  return zn__dateline_find(d->text + ln->off, ln->len, &dl, &by);
}

/* Most body paragraphs indented (and so unindented short lines are not). */
static bool body_indented(const struct doc *d, size_t from) {
  size_t n_long = 0;
  size_t n_ind = 0;
  for (size_t i = from; i < d->n; i++) {
    const struct line *ln = &d->lines[i];
    if (ln->kind == LN_TEXT && ln->nchar >= ZN_MIN_BODY_NCHAR) {
      n_long++;
      if (ln->indent > 0)
        n_ind++;
    }
  }
  return n_long > 0 && n_ind * 3 >= n_long * 2;
}

static bool is_caption(const struct doc *d, size_t i, bool indented) {
  const struct line *ln = &d->lines[i];
  if (ln->kind != LN_TEXT || ln->nchar > ZN_MAX_CAPTION_NCHAR)
    return false;
  if (zn__has_caption_marker(d->text + ln->off, ln->len))
    return true;
  /* Among indented paragraphs, a short unindented sentence is a caption. */
  return indented && ln->indent == 0 && ln->full_stop && ln->nchar <= 60;
}

/* The first line that reads as prose: a dateline, or a long line with
 * sentence punctuation.  A page whose article is one short paragraph has
 * neither; then the first punctuated sentence that is not a caption. */
static size_t find_body_start(const struct doc *d, size_t from, size_t to) {
  for (size_t i = from; i < to; i++) {
    const struct line *ln = &d->lines[i];
    if (ln->kind != LN_TEXT)
      continue;
    if (starts_dateline(d, i))
      return i;
    if (ln->nchar >= ZN_MIN_BODY_NCHAR && ln->n_stops >= 2 &&
        !zn__has_caption_marker(d->text + ln->off, ln->len))
      return i;
  }
  for (size_t i = from; i < to; i++) {
    const struct line *ln = &d->lines[i];
    if (ln->kind == LN_TEXT && ln->sentence_end && ln->n_stops >= 2 &&
        !zn__has_caption_marker(d->text + ln->off, ln->len))
      return i;
  }
  return d->n;
}

static bool looks_like_brand(const char *s, size_t len, size_t nchar) {
  static const char *const ends[] = {"网",   "报",   "新闻",   "在线",   "网站",
                                     "频道", "政府", "客户端", "日报",   "晚报",
                                     "时报", "周刊", "杂志",   "电视台", "广播",
                                     "门户", "号",   NULL};
  if (nchar < 2 || nchar > ZN_MAX_BRAND_NCHAR)
    return false;
  for (size_t k = 0; ends[k] != NULL; k++) {
    size_t n = strlen(ends[k]);
    if (n <= len && memcmp(s + len - n, ends[k], n) == 0)
      return true;
  }
  return false;
}

static bool is_brand(const struct doc *d, size_t i) {
  const struct line *ln = &d->lines[i];
  return ln->kind == LN_TEXT &&
         looks_like_brand(d->text + ln->off, ln->len, ln->nchar);
}

static bool is_title_like(const struct line *ln) {
  return ln->kind == LN_TEXT && ln->nchar >= 4 &&
         ln->nchar <= ZN_MAX_TITLE_NCHAR &&
         !(ln->n_stops > 0 && ln->sentence_end && ln->nchar > 40);
}

/* A menu: three or more short items separated by spaces or bars
 * ("首页|新闻|图片|评论", "证券 港股 美股 宏观 国际"). */
static bool is_nav(const struct doc *d, size_t i) {
  const struct line *ln = &d->lines[i];
  const char *s = d->text + ln->off;
  size_t n_items = 0;
  size_t n_chars = 0;
  size_t n_single = 0; /* one-character items */
  size_t item = 0;
  size_t k = 0;
  bool in_item = false;
  while (k < ln->len) {
    int32_t cp = -1;
    const unsigned char *u = (const unsigned char *)s + k;
    int n;
    bool sep;
    if (ln->len - k >= 3 && u[0] >= 0xE5 && u[0] <= 0xE9 &&
        (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80)
      n = 3; /* U+5000..U+9FFF, Han: no separator (decode() not called) */
    else
      n = decode(s + k, ln->len - k, &cp);
    sep = cp == ' ' || cp == '|' || cp == 0xFF5C || cp == 0x4E28 ||
          cp == 0xB7 || cp == 0x2022 || cp == '/';
    if (n < 1)
      n = 1;
    if (sep) {
      n_single += in_item && item == 1;
      in_item = false;
    } else {
      if (!in_item)
        n_items++;
      item = in_item ? item + 1 : 1;
      in_item = true;
      n_chars++;
    }
    k += (size_t)n;
  }
  n_single += in_item && item == 1;
  /* A word set out letter-spaced ("第一章 总 则", "附 则") is a heading,
   * not a menu: menu items are words, not single characters. */
  return n_items >= 3 && n_chars <= n_items * ZN_MAX_NAV_ITEM_NCHAR &&
         n_single * 2 < n_items;
}

/* Sign-in and app prompts: "下载腾讯新闻APP", "注册免费邮箱". */
static bool is_app_prompt(const struct doc *d, size_t i) {
  static const char *const words[] = {"下载", "登录",   "注册", "APP",
                                      "App",  "客户端", "扫码", NULL};
  const struct line *ln = &d->lines[i];
  if (ln->nchar > ZN_MAX_BRAND_NCHAR + 6)
    return false;
  for (size_t k = 0; words[k] != NULL; k++) {
    size_t n = strlen(words[k]);
    for (size_t j = 0; j + n <= ln->len; j++) {
      if (memcmp(d->text + ln->off + j, words[k], n) == 0)
        return true;
    }
  }
  return false;
}

/* A line that can belong to the headline block: headline-like, long
 * enough not to be a menu item, not the site's name, not a caption. */
static bool is_head_line(const struct doc *d, size_t i, bool indented) {
  return is_title_like(&d->lines[i]) &&
         d->lines[i].nchar >= ZN_MIN_HEAD_NCHAR && !is_brand(d, i) &&
         !is_caption(d, i, indented) && !is_nav(d, i) && !is_app_prompt(d, i);
}

/* A credit line "石佳/中国青年报", "张三｜新京报": a personal name, a
 * slash or bar, an outlet.  *name_len gets the name's length, *outlet the
 * outlet's offset; both within s. */
static bool is_credit_line(const char *s, size_t len, size_t *name_len,
                           size_t *outlet) {
  static const char *const seps[] = {"/", "／", "|", "｜", "丨", NULL};
  for (size_t i = 0; i < len; i++) {
    for (size_t k = 0; seps[k] != NULL; k++) {
      size_t n = strlen(seps[k]);
      size_t e = i;
      size_t o = i + n;
      if (i + n > len || memcmp(s + i, seps[k], n) != 0)
        continue;
      while (e > 0 && s[e - 1] == ' ')
        e--;
      while (o < len && s[o] == ' ')
        o++;
      if (e > 0 && o < len && zn__is_person_name(s, e) &&
          zn__looks_like_outlet(s + o, len - o)) {
        *name_len = e;
        *outlet = o;
        return true;
      }
      return false;
    }
  }
  return false;
}

/* Looks for the headline next to the date/source line at `meta`: above
 * it (skipping blank, widget and byline lines), the first line of the block
 * of headline lines there; else the line below it.  SIZE_MAX if neither. */
static size_t title_near(const struct doc *d, size_t meta, size_t body,
                         bool indented, size_t head_lo) {
  int n_short = 0;
  size_t name_len;
  size_t outlet;
  for (size_t k = meta; k > head_lo; k--) {
    const struct line *ln = &d->lines[k - 1];
    if (ln->kind == LN_BLANK || ln->kind == LN_WIDGET ||
        ln->kind == LN_BYLINE || ln->kind == LN_META)
      continue;
    /* An author's or column's name may sit between ("加拿大必读"), or a
     * credit ("石佳/中国青年报"). */
    if (ln->kind == LN_TEXT &&
        (ln->nchar < ZN_MIN_HEAD_NCHAR ||
         is_credit_line(d->text + ln->off, ln->len, &name_len, &outlet)) &&
        n_short++ < 2)
      continue;
    if (is_head_line(d, k - 1, indented)) {
      size_t first = k - 1;
      for (size_t j = first; j > head_lo; j--) {
        const struct line *up = &d->lines[j - 1];
        if (up->kind == LN_BLANK)
          continue;
        if (!is_head_line(d, j - 1, indented))
          break;
        first = j - 1;
      }
      return first;
    }
    break;
  }
  for (size_t k = meta + 1; k < body; k++) {
    const struct line *ln = &d->lines[k];
    if (ln->kind == LN_BLANK || ln->kind == LN_WIDGET ||
        ln->kind == LN_BYLINE || ln->kind == LN_META)
      continue;
    if (is_head_line(d, k, indented))
      return k;
    break;
  }
  return SIZE_MAX;
}

/*
 * Picks the headline among the lines before the body.  *anchor gets the
 * date/source line it was found beside (SIZE_MAX if none): that line's date
 * is the article's, not the dates in menus, sidebars or lists.
 */
static size_t find_title(const struct doc *d, size_t body, bool indented,
                         size_t *anchor) {
  size_t lo = body > ZN_MAX_HEAD_LINES ? body - ZN_MAX_HEAD_LINES : 0;
  *anchor = SIZE_MAX;
  /* 1. Beside a date/source line: the one nearest the body first, since
   * page headers carry today's date and menus carry other dates.  Lines a
   * failed look-up walked over need no second look (meta_seen). */
  for (size_t i = body, seen = body; i > lo; i--) {
    const struct line *ln = &d->lines[i - 1];
    size_t t;
    if (ln->kind != LN_META || i - 1 >= seen)
      continue;
    t = title_near(d, i - 1, body, indented, lo);
    if (t != SIZE_MAX) {
      *anchor = i - 1;
      return t;
    }
    /* The next meta line up is only worth a look above this run of
     * meta, blank and widget lines. */
    seen = i - 1;
    while (seen > lo && (d->lines[seen - 1].kind == LN_META ||
                         d->lines[seen - 1].kind == LN_BLANK ||
                         d->lines[seen - 1].kind == LN_WIDGET))
      seen--;
    i = seen + 1;
  }
  /* 2. A line the page repeats (menus repeat too, hence head lines only). */
  for (size_t i = lo; i < body; i++) {
    if (!is_head_line(d, i, indented))
      continue;
    for (size_t j = i + 1; j < body; j++) {
      if (line_eq(d, i, j))
        return i;
    }
  }
  /* 3. The first headline-like line that is not a sentence. */
  for (size_t i = lo; i < body; i++) {
    if (is_head_line(d, i, indented) && !d->lines[i].sentence_end)
      return i;
  }
  for (size_t i = lo; i < body; i++) {
    if (is_title_like(&d->lines[i]) && !is_caption(d, i, indented) &&
        !is_nav(d, i))
      return i;
  }
  return SIZE_MAX;
}

/* Copies s[0..len) into a new string with each run of spaces and tabs
 * made one space: page text is laid out with runs of them, records are
 * not.  Returns NULL on ENOMEM. */
static char *clean_copy(const char *s, size_t len) {
  char *p = zn_malloc(len + 1);
  size_t n = 0;
  if (p == NULL)
    return NULL;
  for (size_t i = 0; i < len; i++) {
    char c = s[i] == '\t' ? ' ' : s[i];
    if (c == ' ' && n > 0 && p[n - 1] == ' ')
      continue;
    p[n++] = c;
  }
  p[n] = '\0';
  return p;
}

static int push_clean(zn_strlist *l, const char *s, size_t len) {
  char *p = clean_copy(s, len);
  int rc;
  if (p == NULL)
    return ZN_ENOMEM;
  rc = zn__strlist_push(l, p, strlen(p));
  zn_free(p);
  return rc;
}

static int set_clean(char **field, const char *s, size_t len) {
  char *p = clean_copy(s, len);
  if (p == NULL)
    return ZN_ENOMEM;
  zn_free(*field);
  *field = p;
  return ZN_OK;
}

/* ------------------------------------------------------------- fields */

struct name_ctx {
  zn_article *a;
  int rc;
};

static int add_author(void *ctx, const char *s, size_t len) {
  struct name_ctx *c = ctx;
  if (c->a->authors.n < ZN_MAX_AUTHORS &&
      !zn__strlist_has(&c->a->authors, s, len)) {
    c->rc = zn__strlist_push(&c->a->authors, s, len);
    if (c->rc != ZN_OK)
      return 1;
  }
  return 0;
}

static int set_published(zn_article *a, const zn_datetime *dt) {
  char iso[ZN_DATE_ISO_MAX];
  size_t n = zn__date_format(dt, iso);
  return zn__set_field(&a->published, iso, n);
}

static int take_meta(struct doc *d, const struct line *ln, bool head,
                     struct name_ctx *names) {
  const char *s = d->text + ln->off;
  const zn_meta *m = &ln->meta;
  zn_article *a = d->a;
  int rc = ZN_OK;

  if (m->has_date && a->published == NULL && !m->updated)
    rc = set_published(a, &m->date);
  if (rc == ZN_OK && m->source.len > 0 && a->source == NULL)
    rc = zn__set_field(&a->source, s + m->source.off, m->source.len);
  if (rc == ZN_OK && m->editor.len > 0 && a->editor == NULL &&
      !zn__is_placeholder_name(s + m->editor.off, m->editor.len))
    rc = zn__set_field(&a->editor, s + m->editor.off, m->editor.len);
  /* Unlabelled names on dated lines after the body belong to the other
   * articles listed there; a labelled 作者 is this one's anywhere. */
  if (rc == ZN_OK && m->author.len > 0 && (head || !m->author_loose)) {
    zn__byline_names(s + m->author.off, m->author.len, false, add_author,
                     names);
    rc = names->rc;
  }
  return rc;
}

/* Cuts p at off and drops the white space before the cut. */
static void cut_at(char *p, size_t off) {
  while (off > 0 && (p[off - 1] == ' ' || p[off - 1] == '\t'))
    off--;
  p[off] = '\0';
}

/* True if s[0..len) ends with the end-of-story mark "（完）" / "(完)"; *off
 * gets where the mark starts. */
static bool ends_with_end_mark(const char *s, size_t len, size_t *off) {
  static const char *const marks[] = {"（完）", "(完)", "【完】", "[完]"};
  while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
    len--;
  for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++) {
    size_t n = strlen(marks[k]);
    if (n <= len && memcmp(s + len - n, marks[k], n) == 0) {
      *off = len - n;
      return true;
    }
  }
  return false;
}

/* Peels one closing element off the last paragraph; *cut says whether it
 * did. */
static int peel_tail(zn_article *a, struct name_ctx *names, bool *cut) {
  zn_span g;
  zn_span name;
  char *p;
  size_t len;
  size_t off;

  *cut = false;
  if (a->paragraphs.n == 0)
    return ZN_OK;
  p = a->paragraphs.items[a->paragraphs.n - 1];
  len = strlen(p);
  if (ends_with_end_mark(p, len, &off)) {
    cut_at(p, off);
    *cut = true;
    return ZN_OK;
  }
  if (zn__editor_find(p, len, &name, &g) && g.off + g.len == len) {
    int rc = ZN_OK;
    if (a->editor == NULL && !zn__is_placeholder_name(p + name.off, name.len))
      rc = zn__set_field(&a->editor, p + name.off, name.len);
    cut_at(p, g.off);
    *cut = true;
    return rc;
  }
  if (zn__byline_trailing(p, len, &g)) {
    /* The names are between the brackets, which are 1 or 3 bytes each. */
    size_t b = g.off;
    size_t e;
    int32_t cp;
    int n;
    while (b < len && (p[b] == ' ' || p[b] == '\t'))
      b++;
    n = decode(p + b, len - b, &cp);
    b += (size_t)(n < 1 ? 1 : n);
    last_cp(p, len, &e);
    zn__byline_names(p + b, e - b, true, add_author, names);
    if (names->rc != ZN_OK)
      return names->rc;
    cut_at(p, g.off);
    *cut = true;
    return ZN_OK;
  }
  if (zn__credit_trailing(p, len, &g)) {
    cut_at(p, g.off);
    *cut = true;
  }
  return ZN_OK;
}

/* Frees the first k paragraphs of a and moves the rest up. */
static void drop_first_paragraphs(zn_article *a, size_t k) {
  for (size_t i = 0; i < k; i++)
    zn_free(a->paragraphs.items[i]);
  memmove(a->paragraphs.items, a->paragraphs.items + k,
          (a->paragraphs.n - k) * sizeof *a->paragraphs.items);
  a->paragraphs.n -= k;
}
/* A dateline (新浪科技讯 北京时间…, 新华社北京6月4日电) opens the article:
 * the few short lines above it in the body are furniture the page put
 * inside the article's element (a promotion, a video player's labels).
 * They are dropped when together they are shorter than the lead limit. */
static void drop_above_dateline(zn_article *a) {
  size_t k, nchar = 0;
  zn_span dl, by;
  for (k = 1; k < a->paragraphs.n && k <= ZN_MAX_LEAD_PARAS; k++) {
    const char *p = a->paragraphs.items[k];
    nchar += zn_utf8_nchar(a->paragraphs.items[k - 1],
                           strlen(a->paragraphs.items[k - 1]));
    if (nchar >= ZN_MAX_LEAD_NCHAR)
      return;
    if (zn__dateline_find(p, strlen(p), &dl, &by) && dl.off == 0)
      break;
  }
  if (k >= a->paragraphs.n || k > ZN_MAX_LEAD_PARAS)
    return;
  drop_first_paragraphs(a, k);
}

static int take_dateline(struct doc *d, struct name_ctx *names) {
  zn_article *a = d->a;
  zn_span dl;
  zn_span by;
  const char *p;
  int rc;
  if (a->paragraphs.n == 0)
    return ZN_OK;
  drop_above_dateline(a);
  p = a->paragraphs.items[0];
  if (!zn__dateline_find(p, strlen(p), &dl, &by))
    return ZN_OK;
  rc = zn__set_field(&a->dateline, p + dl.off, dl.len);
  if (rc == ZN_OK && by.len > 0) {
    zn__byline_names(p + by.off, by.len, false, add_author, names);
    rc = names->rc;
  }
  return rc;
}

/* A lead summary (导语) or a key-points box (划重点) set above the article
 * repeats the article: an opening paragraph whose first sentence (at least
 * ZN_MIN_REPEAT_NCHAR long) comes again in a later paragraph, with the
 * paragraphs after it that come again whole, is not the article's own --
 * when that run is short (at most ZN_MAX_LEAD_PARAS, under half the
 * paragraphs): a page that repeats most of its text repeats, it does not
 * summarize. */
#define ZN_MIN_REPEAT_NCHAR 15
static bool repeated_later(const zn_article *a, size_t k, bool whole) {
  static const char *const stops[] = {"。", "！", "？"};
  const char *p = a->paragraphs.items[k];
  char *dup;
  size_t n = strlen(p);
  bool again = false;
  for (size_t s = 0; s < 3 && !whole; s++) {
    const char *e = strstr(p, stops[s]);
    if (e != NULL && (size_t)(e - p) + strlen(stops[s]) < n)
      n = (size_t)(e - p) + strlen(stops[s]);
  }
  if (zn_utf8_nchar(p, n) < ZN_MIN_REPEAT_NCHAR)
    return false;
  dup = zn_malloc(n + 1);
  if (dup == NULL)
    return false; /* kept: a summary too many is no error */
  memcpy(dup, p, n);
  dup[n] = '\0';
  for (size_t i = k + 1; i < a->paragraphs.n && !again; i++)
    again = strstr(a->paragraphs.items[i], dup) != NULL;
  zn_free(dup);
  return again;
}

static void drop_summary_lead(zn_article *a) {
  size_t k = 0;
  /* The lead by its first sentence; the box's further items whole. */
  while (k < a->paragraphs.n && k <= ZN_MAX_LEAD_PARAS &&
         repeated_later(a, k, k > 0))
    k++;
  if (k == 0 || k > ZN_MAX_LEAD_PARAS || 2 * k >= a->paragraphs.n)
    return;
  drop_first_paragraphs(a, k);
}

/* ------------------------------------------------------------ driver */

/* Peels the last paragraph's closing elements, in any order; drops the
 * paragraph if nothing is left of it. */
static int peel_all(zn_article *a, struct name_ctx *names) {
  int rc = ZN_OK;
  for (int round = 0; round < 3 && rc == ZN_OK; round++) {
    bool cut = false;
    rc = peel_tail(a, names, &cut);
    if (!cut)
      break;
  }
  if (rc == ZN_OK && a->paragraphs.n > 0 &&
      a->paragraphs.items[a->paragraphs.n - 1][0] == '\0') {
    a->paragraphs.n--;
    zn_free(a->paragraphs.items[a->paragraphs.n]);
  }
  return rc;
}

/* Clause marks (，；、) in p: a last line with two of them is prose that
 * only lacks its full stop ("…售价36元，支持Windows和MAC，暂时没有简体
 * 中文"); tag rows, counters and headlines have at most one. */
static size_t n_clauses(const char *p) {
  static const char *const marks[] = {"，", "；", "、"};
  size_t n = 0;
  for (size_t k = 0; k < 3; k++) {
    for (const char *q = strstr(p, marks[k]); q != NULL;
         q = strstr(q + strlen(marks[k]), marks[k]))
      n++;
  }
  return n;
}

/* A reprint notice closing the text: "【…未经授权，不得转载。】",
 * "转载请注明出处", "转发请注明本文链接". */
#define ZN_MAX_NOTICE_NCHAR 150
static bool is_rights_notice(const char *p) {
  static const char *const marks[] = {"不得转载", "禁止转载",   "谢绝转载",
                                      "请勿转载", "转载请注明", "转发请注明",
                                      NULL};
  if (zn_utf8_nchar(p, strlen(p)) > ZN_MAX_NOTICE_NCHAR)
    return false;
  for (size_t k = 0; marks[k] != NULL; k++) {
    if (strstr(p, marks[k]) != NULL)
      return true;
  }
  return false;
}

/* A follow prompt closing the text: "…扫描下方二维码关注X官方微信", "长按
 *识别二维码关注公众号" -- an account's promotion, not the article. */
static bool is_follow_prompt(const char *p) {
  if (zn_utf8_nchar(p, strlen(p)) > ZN_MAX_NOTICE_NCHAR)
    return false;
  return (strstr(p, "二维码") != NULL || strstr(p, "公众号") != NULL) &&
         (strstr(p, "关注") != NULL || strstr(p, "扫描") != NULL ||
          strstr(p, "长按") != NULL);
}

/* The writer an author's note names: "作者maomaobear，为…专栏作者。",
 * "作者张三，现为…" -- the name between 作者 and a comma before 为, 系,
 * 是, 现 or 曾.  Returns its length (*name, may be NULL, gets where it
 * starts) or 0. */
#define ZN_MAX_NOTE_NAME_NCHAR 12
static size_t note_writer(const char *p, const char **name) {
  static const char *const verbs[] = {"为", "系", "是", "现", "曾", NULL};
  const char *b;
  const char *e;
  size_t nc;
  if (strncmp(p, "作者", strlen("作者")) != 0)
    return 0;
  b = p + strlen("作者");
  for (size_t k = 0; verbs[k] != NULL; k++) {
    if (strncmp(b, verbs[k], strlen(verbs[k])) == 0)
      return 0; /* "作者曾任职于…，现为…": no name */
  }
  e = strstr(b, "，");
  if (e == NULL || e == b)
    return 0;
  nc = zn_utf8_nchar(b, (size_t)(e - b));
  if (nc > ZN_MAX_NOTE_NAME_NCHAR)
    return 0;
  for (const char *q = b; q < e; q++) {
    if (*q == ' ' || *q == ':' || strncmp(q, "：", strlen("：")) == 0)
      return 0;
  }
  for (size_t k = 0; verbs[k] != NULL; k++) {
    if (strncmp(e + strlen("，"), verbs[k], strlen(verbs[k])) == 0) {
      if (name != NULL)
        *name = b;
      return (size_t)(e - b);
    }
  }
  return 0;
}

/* A reposted WeChat post's header "原创： 路闻卓立编译 人民币交易与研究":
 * the writer (with 编译 / 整理 / 撰文 after the name), then the account.
 * Returns the writer's length (*name gets where it starts) or 0. */
static size_t wechat_writer(const char *s, size_t len, const char **name) {
  static const char *const roles[] = {"编译", "整理", "撰文", NULL};
  size_t i = 0;
  size_t b;
  if (len >= strlen("原创：") && memcmp(s, "原创：", strlen("原创：")) == 0)
    i = strlen("原创：");
  else if (len >= strlen("原创:") && memcmp(s, "原创:", strlen("原创:")) == 0)
    i = strlen("原创:");
  else
    return 0;
  while (i < len && s[i] == ' ')
    i++;
  b = i;
  while (i < len && s[i] != ' ')
    i++;
  for (size_t k = 0; roles[k] != NULL; k++) {
    size_t n = strlen(roles[k]);
    if (i - b > n && memcmp(s + i - n, roles[k], n) == 0) {
      i -= n;
      break;
    }
  }
  /* A name, or a pen name of two to four Han characters. */
  if (i == b)
    return 0;
  if (!zn__is_person_name(s + b, i - b)) {
    size_t nc = 0;
    for (size_t k = b; k < i;) {
      int32_t cp;
      int n = decode(s + k, i - k, &cp);
      if (n < 1 || !zn_char_is_han(cp))
        return 0;
      k += (size_t)n;
      nc++;
    }
    if (nc < 2 || nc > 4)
      return 0;
  }
  *name = s + b;
  return i - b;
}

/* An author's note closing the text: "作者为知名博主，…", "作者系…",
 * "（作者为…）" -- who wrote it, not what. */
static bool is_author_note(const char *p) {
  static const char *const starts[] = {"作者为", "作者系",   "作者是", "作者曾",
                                       "作者现", "作者简介", NULL};
  if (zn_utf8_nchar(p, strlen(p)) > ZN_MAX_NOTICE_NCHAR)
    return false;
  if (strncmp(p, "（", strlen("（")) == 0)
    p += strlen("（");
  else if (p[0] == '(')
    p++;
  for (size_t k = 0; starts[k] != NULL; k++) {
    if (strncmp(p, starts[k], strlen(starts[k])) == 0)
      return true;
  }
  return note_writer(p, NULL) > 0;
}

/* The writer a reprint notice names: "本文为X授权…发布", "本文由X授权…",
 * "本文系X授权…" -- a name or pen name of 2 to 8 Han characters. */
#define ZN_MAX_PEN_NAME_NCHAR 8
static int notice_author(const char *p, struct name_ctx *names) {
  static const char *const opens[] = {"本文为", "本文由", "本文系", NULL};
  for (size_t k = 0; opens[k] != NULL; k++) {
    const char *b = strstr(p, opens[k]);
    const char *e;
    size_t nc;
    bool han = true;
    if (b == NULL)
      continue;
    b += strlen(opens[k]);
    e = strstr(b, "授权");
    if (e == NULL)
      continue;
    nc = zn_utf8_nchar(b, (size_t)(e - b));
    for (size_t i = 0; i < (size_t)(e - b) && han;) {
      int32_t cp;
      int n = decode(b + i, (size_t)(e - b) - i, &cp);
      han = n > 0 && (zn_char_is_han(cp) || cp == 0xB7);
      i += n > 0 ? (size_t)n : 1;
    }
    /* (本文为百略网授权…: an outlet, not a writer.) */
    if (han && nc >= 2 && nc <= ZN_MAX_PEN_NAME_NCHAR &&
        !zn__looks_like_outlet(b, (size_t)(e - b))) {
      add_author(names, b, (size_t)(e - b));
      return names->rc;
    }
  }
  return ZN_OK;
}

/* True if a paragraph reads as the end of a sentence: its last mark,
 * looking through closing quotes and brackets, ends a sentence. */
static bool para_ends_sentence(const char *p) {
  size_t k = strlen(p);
  while (k > 0) {
    size_t start;
    int32_t cp = last_cp(p, k, &start);
    if (zn_char_is_sentence_end(cp))
      return true;
    if (!zn_char_is_closing(cp))
      return false;
    k = start;
  }
  return false;
}

/* Fills the fields of the date/source lines: the headline's own line
 * first, then the others before the body from the nearest up, then those
 * after it.  First wins, so a menu's or a list's date never beats the
 * article's. */
static int take_all_meta(struct doc *d, size_t anchor, size_t body,
                         struct name_ctx *names) {
  int rc = ZN_OK;
  if (anchor != SIZE_MAX)
    rc = take_meta(d, &d->lines[anchor], true, names);
  for (size_t i = body; i > 0 && rc == ZN_OK; i--) {
    if (d->lines[i - 1].kind == LN_META && i - 1 != anchor)
      rc = take_meta(d, &d->lines[i - 1], true, names);
  }
  for (size_t i = body; i < d->n && rc == ZN_OK; i++) {
    if (d->lines[i].kind == LN_META)
      rc = take_meta(d, &d->lines[i], false, names);
  }
  /* An update time ("最后更新: …") dates the page only when nothing else
   * does. */
  for (size_t i = body; i > 0 && rc == ZN_OK && d->a->published == NULL; i--) {
    const zn_meta *m = &d->lines[i - 1].meta;
    if (d->lines[i - 1].kind == LN_META && m->has_date && m->updated)
      rc = set_published(d->a, &m->date);
  }
  return rc;
}

/* True if the page uses name[0..len) as an outlet's: "半月谈记者 X",
 * "《半月谈》". */
static bool names_outlet(const char *text, const char *name, size_t len) {
  char buf[3 * (ZN_MIN_HEAD_NCHAR + 4) + 16];
  if (len + strlen("《》") + 1 > sizeof buf)
    return false;
  memcpy(buf, name, len);
  memcpy(buf + len, "记者", strlen("记者") + 1);
  if (strstr(text, buf) != NULL)
    return true;
  memcpy(buf, "《", strlen("《"));
  memcpy(buf + strlen("《"), name, len);
  memcpy(buf + strlen("《") + len, "》", strlen("》") + 1);
  return strstr(text, buf) != NULL;
}

/*
 * A short line between the headline and its date line names who published
 * it: an outlet ("新华网", "新华社") is the source when no 来源 gave one; a
 * personal name is an author.  A self-media account's name ("IT之家",
 * "体育教科书") is neither: an outlet's name ends like one or the page
 * names it as one.
 */
static int take_account_line(struct doc *d, size_t title, size_t anchor,
                             struct name_ctx *names) {
  for (size_t k = anchor; k > title + 1; k--) {
    const struct line *ln = &d->lines[k - 1];
    const char *s = d->text + ln->off;
    if (ln->kind == LN_BLANK || ln->kind == LN_META)
      continue;
    size_t name_len;
    size_t outlet;
    if (ln->kind == LN_TEXT && is_credit_line(s, ln->len, &name_len, &outlet)) {
      if (add_author(names, s, name_len) != 0)
        return names->rc;
      if (d->a->source == NULL)
        return zn__set_field(&d->a->source, s + outlet, ln->len - outlet);
      return ZN_OK;
    }
    if (ln->kind != LN_TEXT || ln->nchar < 2 ||
        ln->nchar >= ZN_MIN_HEAD_NCHAR + 4 || ln->n_stops > 0)
      return ZN_OK;
    if (zn__is_person_name(s, ln->len))
      return add_author(names, s, ln->len) != 0 ? names->rc : ZN_OK;
    if (d->a->source == NULL && !zn__is_section_name(s, ln->len) &&
        (zn__looks_like_outlet(s, ln->len) ||
         names_outlet(d->text, s, ln->len)))
      return zn__set_field(&d->a->source, s, ln->len);
    return ZN_OK;
  }
  return ZN_OK;
}

/* True if an editor line's label, before the name, names the responsible
 * editor (责任编辑, 责编). */
static bool chief_label(const char *s, const struct line *ln) {
  for (size_t i = 0; i + strlen("责") <= ln->editor.off; i++) {
    if (memcmp(s + i, "责", strlen("责")) == 0)
      return true;
  }
  return false;
}

/* Prose: text lines with two or more sentence or clause marks. */
static size_t prose_nchar(const struct doc *d, size_t from, size_t to) {
  size_t n = 0;
  for (size_t i = from; i < to && i < d->n; i++) {
    if (d->lines[i].kind == LN_TEXT && d->lines[i].n_stops >= 2)
      n += d->lines[i].nchar;
  }
  return n;
}

/* The block scorer's element is trusted when it holds at least
 * ZN_MIN_REGION_PROSE of the page's prose: when it holds less, it picked
 * a box beside the article, and the article is found as in a text dump. */
#define ZN_MIN_REGION_PROSE 0.2
static bool region_holds_prose(const struct doc *d, const struct zn_region *r) {
  size_t all = prose_nchar(d, 0, d->n);
  size_t in = prose_nchar(d, r->from, r->to);
#ifdef ZN_DEBUG_TEXTDUMP
  fprintf(stderr, "region prose %zu of %zu\n", in, all);
#endif
  return all == 0 || (double)in >= ZN_MIN_REGION_PROSE * (double)all;
}

/* True if s[0..len) holds a Han character (a deck line does; a line of
 * date pieces "202401/1110:20:31" does not). */
bool zn__has_han(const char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    int32_t cp;
    int n = decode(s + i, len - i, &cp);
    if (n < 1)
      n = 1;
    if (zn_char_is_han(cp))
      return true;
    i += (size_t)n;
  }
  return false;
}

/* True if line i ends in a full stop or a clause mark (，：；、): not a
 * question or exclamation, as subheadings do. */
static bool ends_in_punct(const struct doc *d, size_t i) {
  const struct line *ln = &d->lines[i];
  int32_t cp = last_cp(d->text + ln->off, ln->len, NULL);
  return (ln->sentence_end && ln->full_stop) || cp == 0xFF0C || cp == 0xFF1A ||
         cp == 0xFF1B || cp == 0x3001;
}

/* Lines that are about the article, not of it: "原标题：…", "[摘要：…]". */
/* Characters of body text taken so far. */
static size_t body_nchar(const zn_article *a) {
  size_t n = 0;
  for (size_t i = 0; i < a->paragraphs.n; i++)
    n += zn_utf8_nchar(a->paragraphs.items[i], strlen(a->paragraphs.items[i]));
  return n;
}

/* Do at least two full prose lines follow line i (within a dozen lines,
 * before any closing marker)?  Then a related-links header above them is
 * inline chrome, not the end of the article. */
static bool prose_follows(const struct doc *d, size_t i, size_t end) {
  int n = 0;
  for (size_t j = i; j < end && j < i + 12; j++) {
    const struct line *ln = &d->lines[j];
    if (ln->kind == LN_END || ln->kind == LN_EDITOR || ln->kind == LN_FOOTER ||
        ln->kind == LN_RELATED)
      return false;
    if (ln->kind == LN_TEXT && ln->sentence_end &&
        ln->nchar >= ZN_MIN_BODY_NCHAR && ++n >= 2)
      return true;
  }
  return false;
}

static bool is_aside(const char *s, size_t len) {
  /* "（原标题：…）" */
  if (len >= 3 && memcmp(s, "（", 3) == 0) {
    s += 3;
    len -= 3;
  } else if (len >= 1 && s[0] == '(') {
    s++;
    len--;
  }
  static const char *const starts[] = {
      "原标题",   "本文原标题", "[摘要",      "【摘要", "摘要：",
      "摘要:",    "导读：",     "核心提示：", "划重点", "[编者按",
      "【编者按", "编者按：",   "编者按:",    NULL};
  for (size_t k = 0; starts[k] != NULL; k++) {
    size_t n = strlen(starts[k]);
    if (n <= len && memcmp(s, starts[k], n) == 0)
      return true;
  }
  return false;
}

/* Site: a brand-like breadcrumb root, else a brand line at the top, else
 * the copyright holder in the footer. */
static int find_site(struct doc *d, size_t limit) {
  zn_article *a = d->a;
  for (size_t i = 0; i < d->n; i++) {
    const struct line *ln = &d->lines[i];
    if (ln->kind == LN_BREADCRUMB && ln->aux.len > 0)
      return zn__set_field(&a->site, d->text + ln->off + ln->aux.off,
                           ln->aux.len);
  }
  for (size_t i = 0; i < limit && i < d->n; i++) {
    const struct line *ln = &d->lines[i];
    if (ln->kind == LN_TEXT &&
        looks_like_brand(d->text + ln->off, ln->len, ln->nchar))
      return zn__set_field(&a->site, d->text + ln->off, ln->len);
  }
  /* A link home in the header, "百度首页", "网易首页": the site's name. */
  for (size_t i = 0; i < limit && i < d->n; i++) {
    static const char *const generic[] = {"返回", "回到", "网站", "本站",
                                          "设为", "进入", NULL};
    const struct line *ln = &d->lines[i];
    const char *s = d->text + ln->off;
    size_t n = ln->len - (ln->len >= strlen("首页") ? strlen("首页") : 0);
    bool ok = ln->kind == LN_TEXT && ln->nchar >= 4 && ln->nchar <= 8 &&
              ln->len > strlen("首页") &&
              memcmp(s + n, "首页", strlen("首页")) == 0;
    for (size_t k = 0; ok && generic[k] != NULL; k++)
      ok = !(n == strlen(generic[k]) && memcmp(s, generic[k], n) == 0);
    for (size_t k = 0; ok && k < n;) {
      int32_t cp;
      int m = decode(s + k, n - k, &cp);
      ok = m > 0 && zn_char_is_han(cp);
      k += m > 0 ? (size_t)m : 1;
    }
    if (ok)
      return zn__set_field(&a->site, s, n);
  }
  for (size_t i = d->n; i > 0; i--) {
    const struct line *ln = &d->lines[i - 1];
    zn_span h;
    if (ln->kind == LN_FOOTER &&
        zn__copyright_holder(d->text + ln->off, ln->len, &h))
      return zn__set_field(&a->site, d->text + ln->off + h.off, h.len);
  }
  return ZN_OK;
}

int zn__extract_textdump(const char *text, size_t len,
                         const struct zn_region *region, zn_article *a) {
  struct doc d;
  struct name_ctx names = {a, ZN_OK};
  size_t body = SIZE_MAX;
  size_t body_end = SIZE_MAX;
  size_t title;
  size_t title_last;
  size_t anchor;
  bool indented;
  bool in_body = true;
  bool saw_tail_widget = false;
  size_t last_prose = SIZE_MAX;
  bool editor_chief;
  int rc;

  d.text = text;
  d.a = a;
  d.lines = NULL;
  rc = split_lines(&d, len);
  if (rc != ZN_OK)
    return rc;
  body = d.n;
  body_end = d.n;
  classify(&d);
#ifdef ZN_DEBUG_TEXTDUMP
  /* A development aid only: never defined in a build of the library. */
  for (size_t i = 0; i < d.n; i++)
    fprintf(stderr, "%4zu %2d %.*s\n", i + 1, (int)d.lines[i].kind,
            (int)(d.lines[i].len > 90 ? 90 : d.lines[i].len),
            text + d.lines[i].off);
#endif
  /* The HTML path's article element, when it has prose: the body starts
   * in it and ends with it. */
  if (region != NULL && region->from < d.n && region->to > region->from &&
      region_holds_prose(&d, region)) {
    body_end = region->to < d.n ? region->to : d.n;
    body = find_body_start(&d, region->from, body_end);
    if (body == d.n)
      body_end = d.n;
  }
  if (body == d.n)
    body = find_body_start(&d, 0, d.n);
#ifdef ZN_DEBUG_TEXTDUMP
  if (region != NULL)
    fprintf(stderr, "region %zu..%zu body %zu end %zu\n", region->from + 1,
            region->to, body + 1, body_end);
#endif
  indented = body_indented(&d, body);
  /* A short sentence right before the body that reads as prose belongs to
   * it (a one-sentence opening paragraph), unless it is a caption. */
  while (body < d.n && body > 0) {
    size_t k = body - 1;
    while (k > 0 && d.lines[k].kind == LN_BLANK)
      k--;
    if (d.lines[k].kind != LN_TEXT || !d.lines[k].sentence_end ||
        d.lines[k].n_stops < 2 || is_caption(&d, k, indented))
      break;
    if (indented && d.lines[k].indent == 0)
      break;
    body = k;
  }
  /* In the article element, the lines before the first prose line that
   * end in punctuation open the body too ("下周一，", "女士们、先生们："):
   * headlines, bylines and meta lines end in none. */
  if (region != NULL && body < d.n && body >= region->from &&
      body < region->to) {
    /* A question ("问：…？") joins only when a line that ends in a full
     * stop comes before it: alone it reads as a subheading. */
    size_t k = body;
    while (k > region->from) {
      const struct line *ln = &d.lines[k - 1];
      k--;
      if (ln->kind == LN_BLANK)
        continue;
      if (ln->kind != LN_TEXT || is_caption(&d, k, indented) ||
          is_aside(d.text + ln->off, ln->len))
        break;
      if (ends_in_punct(&d, k))
        body = k;
      else if (!ln->sentence_end)
        break;
    }
    while (body < d.n && d.lines[body].kind == LN_BLANK)
      body++;
  }
  title = find_title(&d, body, indented, &anchor);
  /* A post set one clause a line ("下周一，" / "京沪高速施工就将进入第二
   *阶段，" / "什么？"): when the headline and its date line sit above the
   * article element and most of the element's text lines before the first
   * prose line end in punctuation, they open the body, the few that do not
   * ("因为", a subheading) with them. */
  if (region != NULL && body < d.n && body > region->from &&
      body < region->to && title != SIZE_MAX && title < region->from &&
      (anchor == SIZE_MAX || anchor < region->from)) {
    size_t n_text = 0;
    size_t n_punct = 0;
    size_t k = region->from;
    for (size_t i = region->from; i < body; i++) {
      if (d.lines[i].kind != LN_TEXT)
        continue;
      n_text++;
      n_punct += ends_in_punct(&d, i) || d.lines[i].sentence_end;
    }
    if (n_punct >= ZN_MIN_VERSE_LINES &&
        (double)n_punct >= ZN_MIN_VERSE_SHARE * (double)n_text) {
      while (k < body &&
             (d.lines[k].kind != LN_TEXT || is_caption(&d, k, indented) ||
              is_aside(d.text + d.lines[k].off, d.lines[k].len)))
        k++;
      body = k;
    }
  }
#ifdef ZN_DEBUG_TEXTDUMP
  fprintf(stderr, "body %zu title %zu anchor %zu indented %d\n", body + 1,
          title + 1, anchor + 1, (int)indented);
#endif
  title_last = title;
  if (title != SIZE_MAX) {
    for (size_t k = title + 1; k < body; k++) {
      if (line_eq(&d, title, k))
        title_last = k;
    }
    rc = set_clean(&a->title, text + d.lines[title].off, d.lines[title].len);
  }
  if (rc == ZN_OK)
    rc = take_all_meta(&d, anchor, body, &names);
  if (rc == ZN_OK && anchor != SIZE_MAX && title != SIZE_MAX)
    rc = take_account_line(&d, title, anchor, &names);

  /* Credits, links and codes anywhere. */
  editor_chief = false;
  for (size_t i = 0; i < d.n && rc == ZN_OK; i++) {
    struct line *ln = &d.lines[i];
    const char *s = text + ln->off;
    switch (ln->kind) {
    case LN_EDITOR:
      /* The responsible editor (责任编辑, 责编) before a plain 编辑 credit
       * ("编辑|X" then "责编|Y": Y is the one the field names). */
      if (zn__is_placeholder_name(s + ln->editor.off, ln->editor.len))
        break;
      if (a->editor == NULL || (!editor_chief && chief_label(s, ln))) {
        editor_chief = chief_label(s, ln);
        rc = zn__set_field(&a->editor, s + ln->editor.off, ln->editor.len);
      }
      break;
    case LN_URL:
      if (a->url == NULL)
        rc = zn__set_field(&a->url, s + ln->aux.off, ln->aux.len);
      break;
    case LN_PAGECODE:
      if (a->page_id == NULL)
        rc = zn__set_field(&a->page_id, s, ln->len);
      break;
    case LN_BYLINE:
      zn__byline_line(s, ln->len, add_author, &names);
      rc = names.rc;
      break;
    default:
      break;
    }
  }
  if (rc == ZN_OK)
    rc = find_site(&d, title != SIZE_MAX ? title : body);
  if (rc != ZN_OK)
    goto done;

  /* Between the headline and the body: deck lines and captions. */
  /* (With no headline there is no head to read deck lines from.) */
  for (size_t i = title == SIZE_MAX ? body : title_last + 1; i < body; i++) {
    const struct line *ln = &d.lines[i];
    const char *s = text + ln->off;
    size_t name_len;
    size_t outlet;
    const char *w;
    size_t wn;
    if (ln->kind != LN_TEXT || (title != SIZE_MAX && line_eq(&d, i, title)) ||
        is_aside(s, ln->len) || is_credit_line(s, ln->len, &name_len, &outlet))
      continue;
    wn = wechat_writer(s, ln->len, &w);
    if (wn > 0) {
      if (add_author(&names, w, wn) != 0)
        rc = names.rc;
      if (rc != ZN_OK)
        goto done;
      continue;
    }
    if (is_caption(&d, i, indented) ||
        (ln->sentence_end && ln->nchar <= ZN_MAX_CAPTION_NCHAR)) {
      rc = push_clean(&a->captions, s, ln->len);
    } else if (ln->nchar >= ZN_MIN_HEAD_NCHAR &&
               ln->nchar <= ZN_MAX_DECK_NCHAR && !is_nav(&d, i) &&
               zn__has_han(s, ln->len) &&
               !(a->site != NULL && strlen(a->site) == ln->len &&
                 memcmp(a->site, s, ln->len) == 0) &&
               !(a->source != NULL && strlen(a->source) == ln->len &&
                 memcmp(a->source, s, ln->len) == 0) &&
               a->subtitles.n < ZN_MAX_SUBTITLES &&
               !zn__strlist_has(&a->subtitles, s, ln->len)) {
      rc = push_clean(&a->subtitles, s, ln->len);
    }
    if (rc != ZN_OK)
      goto done;
  }

  /* Widgets and menus before the body's last full sentence sit inside the
   * article (a share bar under the lead, a heading set like a menu): only
   * those after it make the tail whose short lines are chrome. */
  for (size_t i = body; i < body_end; i++) {
    const struct line *ln = &d.lines[i];
    if (ln->kind == LN_TEXT && ln->sentence_end &&
        ln->nchar >= ZN_MIN_BODY_NCHAR)
      last_prose = i;
  }
  /* The body, until a closing marker. */
  for (size_t i = body; i < body_end && in_body; i++) {
    const struct line *ln = &d.lines[i];
    const char *s = text + ln->off;
    switch (ln->kind) {
    case LN_TEXT: {
      size_t off;
      if ((title != SIZE_MAX && line_eq(&d, i, title)) || is_aside(s, ln->len))
        break;
      if (ends_with_end_mark(s, ln->len, &off) && off == 0)
        break;
      if (is_nav(&d, i)) {
        saw_tail_widget = last_prose == SIZE_MAX || i > last_prose;
        break;
      }
      if (saw_tail_widget && !ln->sentence_end && ln->nchar < ZN_MIN_BODY_NCHAR)
        break;
      if (is_caption(&d, i, indented))
        rc = push_clean(&a->captions, s, ln->len);
      else
        rc = push_clean(&a->paragraphs, s, ln->len);
      break;
    }
    case LN_WIDGET:
      saw_tail_widget = last_prose == SIZE_MAX || i > last_prose;
      break;
    case LN_END:
      /* A marker before any paragraph ("本文原标题…") is only skipped. */
      if (a->paragraphs.n > 0)
        in_body = false;
      break;
    case LN_RELATED:
      /* 相关新闻 at the top of an article (sina puts its list of links
       * above the text) ends nothing: its links are skipped and the prose
       * after them is the body.  Lower down it closes the body. */
      if (body_nchar(a) < ZN_MAX_LEAD_NCHAR &&
          prose_follows(&d, i + 1, body_end)) {
        while (i + 1 < body_end && d.lines[i + 1].kind == LN_TEXT &&
               !d.lines[i + 1].sentence_end)
          i++;
        break;
      }
      in_body = false;
      break;
    case LN_EDITOR:
    case LN_FOOTER:
      in_body = false;
      break;
    default:
      break;
    }
    if (rc != ZN_OK)
      goto done;
  }
  drop_summary_lead(a);
  /* The last paragraph's tail (editor credit, （完）, reporters), then
   * what trails the text without finishing a sentence -- tag rows,
   * counters, other articles' titles -- then the new last one's tail. */
  rc = peel_all(a, &names);
  while (rc == ZN_OK && a->paragraphs.n > 1) {
    const char *p = a->paragraphs.items[a->paragraphs.n - 1];
    if (!is_rights_notice(p) && !is_author_note(p) && !is_follow_prompt(p) &&
        (para_ends_sentence(p) || n_clauses(p) >= 2 ||
         zn_utf8_nchar(p, strlen(p)) > ZN_MAX_TRAILING_CHROME_NCHAR))
      break;
    /* A reprint notice or an author's note may be all that names the
     * writer. */
    if (a->authors.n == 0 && is_rights_notice(p)) {
      rc = notice_author(p, &names);
      if (rc != ZN_OK)
        break;
    }
    if (a->authors.n == 0) {
      const char *w = NULL;
      size_t wn = note_writer(p, &w);
      if (wn > 0 && add_author(&names, w, wn) != 0) {
        rc = names.rc;
        break;
      }
    }
    a->paragraphs.n--;
    zn_free(a->paragraphs.items[a->paragraphs.n]);
    rc = peel_all(a, &names);
  }
  if (rc == ZN_OK)
    rc = take_dateline(&d, &names);
  if (rc == ZN_OK && a->title == NULL && a->paragraphs.n == 0)
    rc = ZN_ENOTEXT;

done:
  zn_free(d.lines);
  return rc;
}
