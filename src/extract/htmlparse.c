/* SPDX-License-Identifier: MIT */
/*
 * htmlparse.c - libxml2's HTML parser, run lean.
 *
 * Half the bytes of a news page are scripts, style sheets and comments
 * that no walk reads, and libxml2 reads them a character at a time.  So
 * before parsing, a byte scan (memchr) replaces the content of
 * each <script> (but JSON-LD), <style> and comment with a short numbered
 * marker, leaving the element itself in place.  While libxml2 parses, SAX
 * hooks check that each marker comes back, in order, as the whole content
 * of a script, a style sheet or a comment.  That proves libxml2 read the
 * bytes replaced as that content -- its state where they start depends on
 * the bytes before them only, which are the page's own; and the scan
 * replaced only content that ends where libxml2 ends it (the first "</"
 * and the element's name for a script, the first "-->" for a comment, no
 * character libxml2 stops at or skips) -- so the tree is the one the whole
 * page gives, except for that content.  The scan stops where it is unsure
 * of what libxml2 would do; when the check fails, the page is parsed again
 * whole.  What the content would still have shown (the text of a title or
 * heading holding a script, a JSON-LD script the scan took for another)
 * html.c finds out and asks for the whole parse too.
 *
 * The attributes no walk reads (style, src, href but on <link>, data-*,
 * ...) are cut the same way: the scan replaces their quoted values with
 * markers, which the start-tag hook checks like the others, and the hook
 * leaves those attributes out of the tree (fewer nodes to build and
 * free).  The tree is still libxml2's own, built by its SAX2 builder.
 */
#include <stdint.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>

#include "zhnews/common.h"
#include "extract/html-int.h"

/* The marker: a prefix no page holds (the scan checks) and the number of
 * the content it stands for. */
#define ZN_MARK "\x7fzn"
#define ZN_MARK_LEN 3
/* Digits enough for the number of any marker. */
#define ZN_MARK_MAX 24
/* Content shorter than this is left alone: not worth a marker. */
#define ZN_MIN_STRIP 16
/* The longest comment content replaced; libxml2 refuses far longer ones
 * ("comment too long"), so a limit well below keeps the two apart. */
#define ZN_MAX_COMMENT_STRIP ((size_t)1 << 20)
/* Attributes a start tag keeps, at most; past that, all of its attributes
 * go to the tree builder (libxml2 drops repeated names itself). */
#define ZN_MAX_KEPT_ATTRS 16

struct lean {
  size_t n_marks;   /* markers put in */
  size_t n_seen;    /* of those, seen back in order */
  bool bad;         /* a marker came back out of place */
  xmlNode **marked; /* the elements whose content was a marker */
  size_t n_marked;
};

/* ------------------------------------------------------------- the scan */

static bool is_alpha(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* True if s[0..len) holds a character libxml2 stops at or skips inside a
 * script or comment: NUL, C0 controls but tab, newline and return,
 * U+FFFE and U+FFFF (the page is valid UTF-8). */
static bool bad_at(const char *s, size_t len, size_t i) {
  unsigned char c = (unsigned char)s[i];
  if (c < 0x20)
    return c != '\t' && c != '\n' && c != '\r';
  return c == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBF &&
         ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF);
}

static bool has_bad_char(const char *s, size_t len) {
  const uint64_t ones = UINT64_C(0x0101010101010101);
  const uint64_t highs = ones * 0x80;
  size_t i = 0;
  /* Eight bytes at a time: a word with no byte below 0x20 and no 0xEF
   * (the bit tricks never miss one) holds none of them. */
  for (; i + 8 <= len; i += 8) {
    uint64_t x;
    uint64_t e;
    memcpy(&x, s + i, 8);
    e = x ^ (ones * 0xEF);
    if (((((x - ones * 0x20) & ~x) | ((e - ones) & ~e)) & highs) == 0)
      continue;
    for (size_t j = i; j < i + 8; j++) {
      if (bad_at(s, len, j))
        return true;
    }
  }
  for (; i < len; i++) {
    if (bad_at(s, len, i))
      return true;
  }
  return false;
}

/* Where needle[0..n) first occurs in s[0..len), or NULL. */
static const char *find(const char *s, size_t len, const char *needle,
                        size_t n) {
  const char *p = s;
  const char *end = s + len;
  while ((size_t)(end - p) >= n) {
    p = memchr(p, needle[0], (size_t)(end - p) - n + 1);
    if (p == NULL)
      break;
    if (memcmp(p, needle, n) == 0)
      return p;
    p++;
  }
  return NULL;
}

/* ASCII case-insensitive comparison of n bytes, as libxml2's
 * xmlStrncasecmp (whatever the locale). */
static bool ascii_caseeq(const char *a, const char *b, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char x = (unsigned char)a[i];
    unsigned char y = (unsigned char)b[i];
    if (x >= 'A' && x <= 'Z')
      x = (unsigned char)(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z')
      y = (unsigned char)(y - 'A' + 'a');
    if (x != y)
      return false;
  }
  return true;
}

/* Where "</" + name (ASCII case-insensitive, as a prefix of what follows,
 * as libxml2 matches it) first occurs in s[from..len), or len. */
static size_t find_end_tag(const char *s, size_t len, size_t from,
                           const char *name) {
  size_t n = strlen(name);
  const char *p = s + from;
  const char *end = s + len;
  for (;;) {
    p = memchr(p, '<', (size_t)(end - p));
    if (p == NULL)
      break;
    if ((size_t)(end - p) >= n + 2 && p[1] == '/' &&
        ascii_caseeq(p + 2, name, n))
      return (size_t)(p - s);
    p++;
  }
  return len;
}

/* The scan's output: the page with markers in, built lazily (nothing is
 * copied until a first marker). */
struct scan {
  const char *s;
  size_t len;
  zn_buf *out;
  size_t done; /* s[0..done) is in out */
  size_t k;    /* markers put in */
  int rc;
};

/* Replaces s[from..to) with the next marker. */
static void put_mark(struct scan *sc, size_t from, size_t to) {
  char mark[ZN_MARK_LEN + ZN_MARK_MAX];
  char digits[ZN_MARK_MAX];
  size_t n = ZN_MARK_LEN;
  size_t nd = 0;
  size_t k = sc->k++;
  if (sc->rc != ZN_OK)
    return;
  memcpy(mark, ZN_MARK, ZN_MARK_LEN);
  do {
    digits[nd++] = (char)('0' + k % 10);
    k /= 10;
  } while (k > 0 && nd < sizeof digits);
  while (nd > 0)
    mark[n++] = digits[--nd];
  sc->rc = zn_buf_append(sc->out, sc->s + sc->done, from - sc->done);
  if (sc->rc == ZN_OK)
    sc->rc = zn_buf_append(sc->out, mark, n);
  sc->done = to;
}

static bool is_name_start(unsigned char c) {
  return is_alpha(c) || c == '_' || c == ':' || c == '.';
}

static bool is_name_char(unsigned char c) {
  return is_name_start(c) || (c >= '0' && c <= '9') || c == '-';
}

static bool is_blank(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Whether the walks read attribute a[0..n) of element t (they read class
 * and id anywhere, and what attr_kept() below keeps); those of <meta> are
 * all left alone. */
static bool attr_read(enum zn_tag t, const char *a, size_t n) {
  static const char *const any[] = {"class", "id", NULL};
  static const char *const link[] = {"rel", "href", NULL};
  static const char *const script[] = {"type", NULL};
  static const char *const time[] = {"datetime", NULL};
  const char *const *lists[2] = {any, NULL};
  if (t == ZN_TAG_META)
    return true;
  lists[1] = t == ZN_TAG_LINK     ? link
             : t == ZN_TAG_SCRIPT ? script
             : t == ZN_TAG_TIME   ? time
                                  : NULL;
  for (size_t l = 0; l < 2 && lists[l] != NULL; l++) {
    for (size_t k = 0; lists[l][k] != NULL; k++) {
      if (strlen(lists[l][k]) == n && ascii_caseeq(a, lists[l][k], n))
        return true;
    }
  }
  return false;
}

/*
 * Reads the start tag at s[i] ('<' and a letter), replacing the values of
 * quoted attributes no walk reads with markers.  Sets *end past its '>',
 * *t to its element, and *closed when a '/' comes right before the '>'.
 * False when the tag is not plain: no '>', a quote left open, a '<'
 * inside.
 */
static bool read_start_tag(struct scan *sc, size_t i, size_t *end,
                           enum zn_tag *t, bool *closed) {
  const char *s = sc->s;
  size_t len = sc->len;
  size_t j = i + 1;
  char name[8];
  size_t nlen;
  while (j < len && is_name_char((unsigned char)s[j]))
    j++;
  nlen = j - i - 1;
  *t = ZN_TAG_OTHER;
  /* Only script, style and the elements attr_read() names matter here:
   * names of four to six letters. */
  if (nlen >= 4 && nlen <= 6) {
    memcpy(name, s + i + 1, nlen);
    name[nlen] = '\0';
    *t = zn__html_tag_of_name((const xmlChar *)name);
  }
  while (j < len) {
    unsigned char c = (unsigned char)s[j];
    size_t a0;
    size_t a1;
    if (c == '>') {
      *closed = s[j - 1] == '/';
      *end = j + 1;
      return true;
    }
    if (c == '<')
      return false;
    if (!is_name_start(c)) {
      if (c == '"' || c == '\'') { /* a stray quoted string: skip it */
        const char *q = memchr(s + j + 1, c, len - j - 1);
        if (q == NULL)
          return false;
        j = (size_t)(q - s) + 1;
      } else {
        j++;
      }
      continue;
    }
    /* name [= value] */
    a0 = j;
    while (j < len && is_name_char((unsigned char)s[j]))
      j++;
    a1 = j;
    while (j < len && is_blank((unsigned char)s[j]))
      j++;
    if (j >= len || s[j] != '=')
      continue;
    j++;
    while (j < len && is_blank((unsigned char)s[j]))
      j++;
    if (j < len && (s[j] == '"' || s[j] == '\'')) {
      const char *q = memchr(s + j + 1, s[j], len - j - 1);
      size_t v0 = j + 1;
      size_t v1;
      if (q == NULL)
        return false;
      v1 = (size_t)(q - s);
      /* A value libxml2 reads to the same quote: no NUL, no character
       * it skips, not near its length limit. */
      if (v1 - v0 >= ZN_MIN_STRIP && a1 - a0 < 64 &&
          v1 - v0 <= ZN_MAX_COMMENT_STRIP && !attr_read(*t, s + a0, a1 - a0) &&
          !has_bad_char(s + v0, v1 - v0))
        put_mark(sc, v0, v1);
      j = v1 + 1;
    } else {
      while (j < len && !is_blank((unsigned char)s[j]) && s[j] != '>')
        j++;
    }
  }
  return false;
}

/* True if a script's start tag may make it JSON-LD: "json" anywhere in
 * it, or an entity that could spell it. */
static bool may_be_json(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++) {
    if (s[i] == '&' || (i + 4 <= len && ascii_caseeq(s + i, "json", 4)))
      return true;
  }
  return false;
}

/*
 * Copies s into out with markers for the content of scripts, style sheets
 * and comments and for attribute values no walk reads; *n_marks gets
 * their number.  Stops replacing at the first thing it is unsure of (the
 * rest is copied as it is).
 */
static int strip(const char *s, size_t len, zn_buf *out, size_t *n_marks) {
  struct scan sc = {s, len, out, 0, 0, ZN_OK};
  size_t i = 0;

  /* The copy is shorter than the page (a marker is shorter than what it
   * replaces): room for it at once. */
  sc.rc = zn_buf_grow(out, len);
  while (sc.rc == ZN_OK && i < len) {
    const char *p = memchr(s + i, '<', len - i);
    size_t lt;
    if (p == NULL)
      break;
    lt = (size_t)(p - s);
    if (len - lt >= 4 && memcmp(p, "<!--", 4) == 0) {
      size_t c0 = lt + 4;
      const char *e = find(s + c0, len - c0, "-->", 3);
      size_t c1;
      if (e == NULL)
        break; /* not closed: libxml2 drops the rest */
      c1 = (size_t)(e - s);
      /* "<!-->", "<!--->" end at once in some libxml2 versions, "--!>"
       * ends a comment in some: stop there. */
      if ((c1 > c0 && s[c0] == '>') ||
          (c1 > c0 + 1 && s[c0] == '-' && s[c0 + 1] == '>') ||
          find(s + c0, c1 - c0, "--!>", 4) != NULL ||
          c1 - c0 > ZN_MAX_COMMENT_STRIP || has_bad_char(s + c0, c1 - c0))
        break;
      if (c1 - c0 >= ZN_MIN_STRIP)
        put_mark(&sc, c0, c1);
      i = c1 + 3;
    } else if (len - lt >= 2 && is_alpha((unsigned char)p[1])) {
      size_t tag_end;
      enum zn_tag t;
      bool closed;
      const char *raw;
      size_t c1;
      bool json;
      /* Before the tag's own markers: the whole tag as the page has it. */
      if (!read_start_tag(&sc, lt, &tag_end, &t, &closed))
        break;
      if (t != ZN_TAG_SCRIPT && t != ZN_TAG_STYLE) {
        i = tag_end;
        continue;
      }
      raw = t == ZN_TAG_SCRIPT ? "script" : "style";
      json = t == ZN_TAG_SCRIPT && may_be_json(p, tag_end - lt);
      if (closed)
        break; /* <script/>: empty, or not, depending on the version */
      c1 = find_end_tag(s, len, tag_end, raw);
      /* Content that libxml2 would not read as the element's whole (it
       * opens with markup, or runs to the end of the page), or holds a
       * character it stops at: stop. */
      if (c1 == len || (c1 > tag_end && s[tag_end] == '<') ||
          has_bad_char(s + tag_end, c1 - tag_end))
        break;
      if (c1 - tag_end >= ZN_MIN_STRIP && !json)
        put_mark(&sc, tag_end, c1);
      i = c1 + 2;
    } else if (len - lt >= 2 && (p[1] == '/' || p[1] == '!' || p[1] == '?')) {
      /* An end tag, a declaration, a processing instruction: libxml2
       * skips to the next '>' (quotes or not). */
      const char *q = memchr(p, '>', len - lt);
      if (q == NULL)
        break;
      i = (size_t)(q - s) + 1;
    } else {
      i = lt + 1; /* a '<' that starts nothing is text */
    }
  }
  *n_marks = sc.k;
  if (sc.rc == ZN_OK && sc.k > 0)
    sc.rc = zn_buf_append(out, s + sc.done, len - sc.done);
  return sc.rc;
}

/* ----------------------------------------------------------- SAX hooks */

/* The marker number m stands for, if m is exactly a marker; else -1. */
static long long mark_number(const xmlChar *m, size_t len) {
  long long v = 0;
  if (len <= ZN_MARK_LEN || len > ZN_MARK_LEN + 18 ||
      memcmp(m, ZN_MARK, ZN_MARK_LEN) != 0)
    return -1;
  for (size_t i = ZN_MARK_LEN; i < len; i++) {
    if (m[i] < '0' || m[i] > '9')
      return -1;
    v = v * 10 + (m[i] - '0');
  }
  return v;
}

/* A marker back: it must be the next one. */
static bool take_mark(struct lean *ln, long long k) {
  if (k < 0)
    return false;
  if ((size_t)k != ln->n_seen || ln->n_seen >= ln->n_marks) {
    ln->bad = true;
    return true;
  }
  ln->n_seen++;
  return true;
}

static void on_cdata(void *ctx, const xmlChar *value, int len) {
  htmlParserCtxtPtr ctxt = ctx;
  struct lean *ln = ctxt->_private;
  if (ln != NULL && ln->n_marks > 0 &&
      take_mark(ln, mark_number(value, (size_t)len))) {
    /* The whole content of a script or style element: nothing came
     * before it, nothing may come after (checked at the end). */
    xmlNode *n = ctxt->node;
    if (n == NULL || n->type != XML_ELEMENT_NODE || n->children != NULL ||
        ln->n_marked == ln->n_marks) {
      ln->bad = true;
      return;
    }
    ln->marked[ln->n_marked++] = n;
    return;
  }
  xmlSAX2CDataBlock(ctx, value, len);
}

static void on_comment(void *ctx, const xmlChar *value) {
  htmlParserCtxtPtr ctxt = ctx;
  struct lean *ln = ctxt->_private;
  if (ln != NULL && ln->n_marks > 0)
    take_mark(ln, mark_number(value, strlen((const char *)value)));
  xmlSAX2Comment(ctx, value);
}

/* The attributes a walk reads: class and id anywhere, and a few on the
 * elements html.c reads them from (zn__html_attr calls). */
static bool attr_kept(enum zn_tag t, const xmlChar *a) {
  const char *z = (const char *)a;
  if (strcmp(z, "class") == 0 || strcmp(z, "id") == 0)
    return true;
  switch (t) {
  case ZN_TAG_META:
    return strcmp(z, "property") == 0 || strcmp(z, "content") == 0 ||
           strcmp(z, "name") == 0 || strcmp(z, "itemprop") == 0;
  case ZN_TAG_LINK:
    return strcmp(z, "rel") == 0 || strcmp(z, "href") == 0;
  case ZN_TAG_SCRIPT:
    return strcmp(z, "type") == 0;
  case ZN_TAG_TIME:
    return strcmp(z, "datetime") == 0;
  default:
    return false;
  }
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar **atts) {
  htmlParserCtxtPtr ctxt = ctx;
  struct lean *ln = ctxt->_private;
  const xmlChar *kept[2 * ZN_MAX_KEPT_ATTRS + 2];
  size_t n = 0;
  enum zn_tag t;
  if (atts == NULL || atts[0] == NULL) {
    xmlSAX2StartElement(ctx, name, atts);
    return;
  }
  /* attr_kept() tells apart only meta, link, script and time. */
  t = ZN_TAG_OTHER;
  if (name[0] != '\0' && name[1] != '\0' && name[2] != '\0' &&
      name[3] != '\0' &&
      (name[4] == '\0' || name[5] == '\0' || name[6] == '\0'))
    t = zn__html_tag_of_name(name);
  for (size_t i = 0; atts[i] != NULL; i += 2) {
    /* A marker is the whole value of an attribute the walks never read
     * (the scan put it only there). */
    if (ln != NULL && ln->n_marks > 0 && atts[i + 1] != NULL &&
        atts[i + 1][0] == ZN_MARK[0])
      take_mark(ln,
                mark_number(atts[i + 1], strlen((const char *)atts[i + 1])));
    if (!attr_kept(t, atts[i]))
      continue;
    if (n == 2 * ZN_MAX_KEPT_ATTRS) {
      xmlSAX2StartElement(ctx, name, atts); /* no room: all of them */
      return;
    }
    kept[n++] = atts[i];
    kept[n++] = atts[i + 1];
  }
  kept[n] = NULL;
  kept[n + 1] = NULL;
  xmlSAX2StartElement(ctx, name, n > 0 ? kept : NULL);
}

/* ------------------------------------------------------------ the parse */

static htmlDocPtr parse(const char *html, size_t len, struct lean *ln) {
  htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
  htmlDocPtr doc;
  if (ctxt == NULL)
    return NULL;
  ctxt->sax->startElement = on_start;
  ctxt->sax->cdataBlock = on_cdata;
  ctxt->sax->comment = on_comment;
  ctxt->_private = ln;
  doc = htmlCtxtReadMemory(ctxt, html, (int)len, NULL, "UTF-8",
                           HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                               HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                               HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC);
  htmlFreeParserCtxt(ctxt);
  return doc;
}

htmlDocPtr zn__html_parse(const char *html, size_t len, bool lean,
                          bool *leaned) {
  struct lean ln;
  zn_buf buf;
  htmlDocPtr doc;

  *leaned = false;
  if (len > (size_t)INT32_MAX)
    return NULL;
  memset(&ln, 0, sizeof ln);
  zn_buf_init(&buf, 0);
  if (lean && find(html, len, ZN_MARK, ZN_MARK_LEN) == NULL &&
      strip(html, len, &buf, &ln.n_marks) == ZN_OK && ln.n_marks > 0 &&
      buf.len <= (size_t)INT32_MAX) {
    ln.marked = zn_malloc(ln.n_marks * sizeof *ln.marked);
    if (ln.marked != NULL) {
      doc = parse(buf.data, buf.len, &ln);
      for (size_t k = 0; k < ln.n_marked && !ln.bad; k++)
        ln.bad = ln.marked[k]->children != NULL;
      zn_free(ln.marked);
      zn_buf_free(&buf);
      if (doc != NULL && !ln.bad && ln.n_seen == ln.n_marks) {
        *leaned = true;
        return doc;
      }
      xmlFreeDoc(doc); /* the check failed: the whole page, then */
    }
  }
  zn_buf_free(&buf);
  return parse(html, len, NULL);
}
