/* SPDX-License-Identifier: MIT */
/*
 * html.c - extraction of HTML pages: htmlparse.c builds the page's tree
 * (tolerant of broken markup, as browsers are); block scoring (blocks.c)
 * picks the element holding the article; a walk renders the tree as the
 * text a browser shows -- block elements on lines of their own, script,
 * style, navigation, sidebars, forms and footers left out -- and the
 * text-dump extractor reads that, told which lines the article element
 * covers.  The page's own metadata then fills or corrects fields: <meta>
 * (og:title, og:site_name, og:url, article:published_time, publishdate,
 * pubdate, author), <link rel=canonical>, JSON-LD (headline,
 * datePublished, author, publisher) and <title> / <h1> for the headline.
 */
#include "zhnews/extract.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "zhnews/text.h"
#include "extract/internal.h"
#include "extract/html-int.h"
#include "extract/recognize.h"

/* A headline is at least this long; a shorter <title> names a section. */
#define ZN_MIN_HEADLINE_NCHAR 6
/* A headline from the page's metadata is at most this long. */
#define ZN_MAX_HEADLINE_NCHAR 120
/* A site name after a headline in <title> is at most this long. */
#define ZN_MAX_SITE_NAME_NCHAR 16
/* A caption is at most this long; an element with a picture and no
 * more text than ZN_MAX_PICTURE_TEXT_NCHAR is the picture's caption. */
#define ZN_MAX_CAPTION_NCHAR 120
#define ZN_MAX_PICTURE_TEXT_NCHAR 60
/* A meta value longer than this is not a title, date or name. */
#define ZN_MAX_META_VALUE 1024

struct meta {
  char *title;     /* og:title / twitter:title */
  char *h1;        /* the first <h1>'s text */
  char *doc_title; /* <title> */
  char *site;      /* og:site_name, JSON-LD publisher */
  char *url;       /* canonical, og:url */
  char *published; /* article:published_time, pubdate, JSON-LD ... */
  char *time_el;   /* the first <time datetime> */
  char *author;    /* JSON-LD author */
  char *cms_user;  /* <meta name=author>: often the CMS user, an editor */
  bool too_deep;
  int max_depth; /* elements deeper are not walked: no stack for 10,000 */
  /* The main content picked by block scoring: the sibling elements
   * body_first..body_last, and the rendered lines they cover. */
  const zn_hnode *body_first;
  const zn_hnode *body_last;
  size_t body_line_start;
  size_t body_line_end;
  zn_strlist captions; /* photo captions, taken out of the text */
  bool in_body;        /* walking body_first..body_last */
};

/* A copy of a value from the page, at most ZN_MAX_META_VALUE bytes, cut at
 * a character boundary and with invalid UTF-8 replaced: the parser hands
 * back what the markup holds. */
static char *dup_z(const char *s) {
  size_t n = strlen(s);
  zn_buf b;
  char *p;
  if (n > ZN_MAX_META_VALUE) {
    n = ZN_MAX_META_VALUE;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
      n--;
  }
  zn_buf_init(&b, 0);
  if (zn_text_normalize(s, n, ZN_NORM_ALL, &b, NULL) != ZN_OK) {
    zn_buf_free(&b);
    return NULL;
  }
  p = zn_buf_detach(&b, NULL);
  return p;
}

/* Keeps the first value seen for a field. */
static int keep(char **field, const char *v) {
  if (*field != NULL || v == NULL || v[0] == '\0')
    return ZN_OK;
  *field = dup_z(v);
  return *field != NULL ? ZN_OK : ZN_ENOMEM;
}

static void newline(zn_buf *out) {
  if (out->len > 0 && out->data[out->len - 1] != '\n')
    zn_buf_append_byte(out, '\n');
}

/* Appends a text node's content with runs of HTML white space made one
 * space.  Private-use characters (U+E000..U+F8FF: EE xx xx, EF 80..A3 xx)
 * are icon-font glyphs, not text, and are left out. */
static bool is_html_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool private_use_at(const char *s) {
  unsigned char c = (unsigned char)s[0];
  return (c == 0xEE || (c == 0xEF && (unsigned char)s[1] < 0xA4)) &&
         ((unsigned char)s[1] & 0xC0) == 0x80 &&
         ((unsigned char)s[2] & 0xC0) == 0x80;
}

/* The bytes put_text() looks at: HTML white space and the lead bytes of
 * private-use characters (the tree's text holds no NUL). */
static const unsigned char k_text_stop[256] = {
    [' '] = 1,  ['\t'] = 1, ['\n'] = 1, ['\r'] = 1,
    ['\f'] = 1, [0xEE] = 1, [0xEF] = 1};

/* True if one of the eight bytes of x may be one put_text() looks at: a
 * byte below 0x21, 0xEE or 0xEF (never false for one; sometimes true for
 * none, then the byte loop looks). */
static bool word_may_stop(uint64_t x) {
  const uint64_t ones = UINT64_C(0x0101010101010101);
  const uint64_t highs = ones * 0x80;
  uint64_t y = (x ^ (ones * 0xEE)) & (ones * 0xFE); /* 0 where EE, EF */
  return (((x - ones * 0x21) & ~x) | ((y - ones) & ~y)) & highs;
}

static int put_text(zn_buf *out, const char *s, size_t len) {
  const char *end = s + len;
  while (s < end) {
    const char *e = s;
    /* The run up to the next space or icon glyph, in one append: eight
     * bytes at a time while none of them can end it. */
    for (; end - e >= 8; e += 8) {
      uint64_t x;
      memcpy(&x, e, 8);
      if (word_may_stop(x))
        break;
    }
    while (e < end && !k_text_stop[(unsigned char)*e])
      e++;
    if (e > s && zn_buf_append(out, s, (size_t)(e - s)) != ZN_OK)
      return ZN_ENOMEM;
    s = e;
    if (s == end)
      return ZN_OK;
    if (private_use_at(s)) {
      s += 3;
    } else if (is_html_space(*s)) {
      /* A run of white space (markup's indentation, mostly) is one. */
      while (s < end && is_html_space(*s))
        s++;
      if (out->len > 0 && out->data[out->len - 1] != ' ' &&
          out->data[out->len - 1] != '\n')
        if (zn_buf_append_byte(out, ' ') != ZN_OK)
          return ZN_ENOMEM;
    } else { /* EE or EF leading other characters: text */
      if (zn_buf_append_byte(out, (unsigned char)*s) != ZN_OK)
        return ZN_ENOMEM;
      s++;
    }
  }
  return ZN_OK;
}

/* The text of an element, for <title> and <h1>. */
static char *node_text(const zn_hnode *n) {
  char *t = zn__html_text(n);
  char *r = NULL;
  if (t != NULL) {
    zn_buf b;
    zn_buf_init(&b, 4096);
    if (put_text(&b, t, strlen(t)) == ZN_OK && b.len > 0) {
      size_t s = 0;
      size_t e = b.len;
      while (s < e && b.data[s] == ' ')
        s++;
      while (e > s && b.data[e - 1] == ' ')
        e--;
      b.data[e] = '\0';
      r = dup_z(b.data + s);
    }
    zn_buf_free(&b);
    zn_free(t);
  }
  return r;
}

/* <meta> and <link> in the head and elsewhere. */
static int take_meta_tag(const zn_hnode *n, struct meta *m) {
  int rc = ZN_OK;
  enum zn_tag t = zn__html_tag(n);
  if (t == ZN_TAG_META) {
    const char *key = zn__html_attr(n, "property");
    const char *content = zn__html_attr(n, "content");
    if (key == NULL)
      key = zn__html_attr(n, "name");
    if (key == NULL)
      key = zn__html_attr(n, "itemprop");
    if (key != NULL && content != NULL) {
      static const char *const dates[] = {"article:published_time",
                                          "og:release_date",
                                          "publishdate",
                                          "pubdate",
                                          "publish_date",
                                          "publishtime",
                                          "publish_time",
                                          "datepublished",
                                          "dc.date",
                                          "firstpublishedtime",
                                          "dc.date.issued",
                                          "sailthru.date",
                                          "weibo:article:create_at",
                                          "og:article:published_time",
                                          NULL};
      if (strcasecmp(key, "og:title") == 0 ||
          strcasecmp(key, "twitter:title") == 0)
        rc = keep(&m->title, content);
      else if (strcasecmp(key, "og:site_name") == 0)
        rc = keep(&m->site, content);
      else if (strcasecmp(key, "og:url") == 0)
        rc = keep(&m->url, content);
      else if (strcasecmp(key, "author") == 0 ||
               strcasecmp(key, "article:author") == 0)
        rc = keep(&m->cms_user, content);
      else
        for (size_t k = 0; dates[k] != NULL; k++) {
          if (strcasecmp(key, dates[k]) == 0) {
            rc = keep(&m->published, content);
            break;
          }
        }
    }
  } else if (t == ZN_TAG_LINK) {
    const char *rel = zn__html_attr(n, "rel");
    const char *href = zn__html_attr(n, "href");
    if (rel != NULL && href != NULL && strcasecmp(rel, "canonical") == 0 &&
        (strncmp(href, "http://", 7) == 0 || strncmp(href, "https://", 8) == 0))
      rc = keep(&m->url, href);
  }
  return rc;
}

/* True if a JSON-LD object's @type names an article (NewsArticle,
 * Article, BlogPosting, ReportageNewsArticle ...). */
static bool is_article_type(json_t *o) {
  json_t *t = json_object_get(o, "@type");
  const char *v =
      json_string_value(json_is_array(t) ? json_array_get(t, 0) : t);
  return v != NULL &&
         (strstr(v, "Article") != NULL || strcmp(v, "BlogPosting") == 0);
}

/* The article object of a JSON-LD value: the first object with an
 * article @type in it, an array or an @graph; else the first object. */
static json_t *article_object(json_t *j) {
  json_t *list = json_is_array(j) ? j : json_object_get(j, "@graph");
  if (json_is_object(j) && is_article_type(j))
    return j;
  if (json_is_array(list)) {
    for (size_t k = 0; k < json_array_size(list); k++) {
      json_t *o = json_array_get(list, k);
      if (json_is_object(o) && is_article_type(o))
        return o;
    }
    return json_is_array(j) ? json_array_get(j, 0) : j;
  }
  return j;
}

/* JSON-LD: the first NewsArticle-like object's fields. */
static int take_json_ld(const zn_hnode *n, struct meta *m) {
  char *t = zn__html_text(n);
  json_t *j;
  json_t *o;
  int rc = ZN_OK;
  if (t == NULL)
    return ZN_OK;
  j = json_loads(t, JSON_DECODE_ANY, NULL);
  zn_free(t);
  if (j == NULL)
    return ZN_OK;
  o = article_object(j);
  if (json_is_object(o)) {
    json_t *a = json_object_get(o, "author");
    json_t *p = json_object_get(o, "publisher");
    rc = keep(&m->title, json_string_value(json_object_get(o, "headline")));
    if (rc == ZN_OK)
      rc = keep(&m->published,
                json_string_value(json_object_get(o, "datePublished")));
    if (json_is_array(a))
      a = json_array_get(a, 0);
    if (rc == ZN_OK && json_is_object(a))
      rc = keep(&m->author, json_string_value(json_object_get(a, "name")));
    else if (rc == ZN_OK && json_is_string(a))
      rc = keep(&m->author, json_string_value(a));
    if (rc == ZN_OK && json_is_object(p))
      rc = keep(&m->site, json_string_value(json_object_get(p, "name")));
  }
  json_decref(j);
  return rc;
}

/* Counts the non-space text characters below n, stopping past limit. */
static size_t text_upto(const zn_hnode *n, size_t limit, int depth) {
  size_t total = 0;
  for (const zn_hnode *c = n->children; c != NULL && total <= limit;
       c = c->next) {
    if (c->type == ZN_HNODE_TEXT && c->content != NULL) {
      const char *s = (const char *)c->content;
      for (size_t i = 0; s[i] != '\0' && total <= limit; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b > ' ' && (b & 0xC0) != 0x80)
          total++;
      }
    } else if (c->type == ZN_HNODE_ELEMENT && !zn__html_skipped(c) &&
               depth < 32) {
      total += text_upto(c, limit - total, depth + 1);
    }
  }
  return total;
}

static bool has_picture(const zn_hnode *n, int depth) {
  for (const zn_hnode *c = n->children; c != NULL; c = c->next) {
    if (c->type != ZN_HNODE_ELEMENT)
      continue;
    enum zn_tag t = zn__html_tag(c);
    if (t == ZN_TAG_IMG || t == ZN_TAG_PICTURE ||
        (depth < 8 && has_picture(c, depth + 1)))
      return true;
  }
  return false;
}

/* A photo caption: <figcaption>, an element whose class names a caption
 * (img_descr, pic_txt ...), or, in the article, a paragraph holding a
 * picture and a line of text ("<p><img><br>活动现场。</p>"). */
static bool is_caption_element(const zn_hnode *n, enum zn_tag tag,
                               bool in_body) {
  size_t t;
  if (tag == ZN_TAG_FIGCAPTION || zn__html_is_caption_class(n))
    return true;
  /* Inside the article only: elsewhere an icon beside a date is common. */
  if (!in_body || !(tag == ZN_TAG_P || tag == ZN_TAG_CENTER))
    return false;
  t = text_upto(n, ZN_MAX_PICTURE_TEXT_NCHAR, 0);
  return t > 0 && t <= ZN_MAX_PICTURE_TEXT_NCHAR && has_picture(n, 0);
}

/* The lines in out so far (the index of the line being written). */
static size_t count_lines(const zn_buf *out) {
  size_t n = 0;
  const char *p = out->data;
  const char *end;
  if (p == NULL)
    return 0;
  end = p + out->len;
  while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
    n++;
    p++;
  }
  return n;
}

/* Renders the tree below n into out.  depth counts elements walked. */
static int walk(const zn_hnode *n, zn_buf *out, struct meta *m, int depth) {
  int rc = ZN_OK;
  for (; n != NULL && rc == ZN_OK; n = n->next) {
    enum zn_tag tag;
    if (n->type == ZN_HNODE_TEXT) {
      rc = put_text(out, n->content, n->len);
      continue;
    }
    tag = zn__html_tag(n);
    if (tag == ZN_TAG_META || tag == ZN_TAG_LINK) {
      rc = take_meta_tag(n, m);
      continue;
    }
    if (tag == ZN_TAG_TITLE && m->doc_title == NULL) {
      m->doc_title = node_text(n);
      continue;
    }
    if (tag == ZN_TAG_SCRIPT) {
      const char *type = zn__html_attr(n, "type");
      if (type != NULL && strcasecmp(type, "application/ld+json") == 0)
        rc = take_json_ld(n, m);
      continue;
    }
    if (tag == ZN_TAG_HEAD) {
      rc = walk(n->children, out, m, depth + 1); /* meta and title only */
      continue;
    }
    if (zn__html_skipped_as(n, tag))
      continue;
    if (depth >= m->max_depth) {
      m->too_deep = true;
      continue;
    }
    if (tag == ZN_TAG_H1 && m->h1 == NULL)
      m->h1 = node_text(n);
    if (tag == ZN_TAG_TIME && m->time_el == NULL) {
      /* <time datetime="…"> or <time pubdate>: a machine-readable date
       * that stands in when the meta tags give none. */
      rc = keep(&m->time_el, zn__html_attr(n, "datetime"));
      if (rc != ZN_OK)
        return rc;
    }
    if (is_caption_element(n, tag, m->in_body)) {
      char *t = node_text(n);
      zn_meta mt;
      zn_span e1, e2;
      size_t tn = t != NULL ? strlen(t) : 0;
      /* A date, source or editor line beside an icon is not a caption. */
      if (tn > 0 && zn_utf8_nchar(t, tn) <= ZN_MAX_CAPTION_NCHAR &&
          !zn__meta_parse(t, tn, &mt) && !zn__editor_find(t, tn, &e1, &e2)) {
        if (!zn__strlist_has(&m->captions, t, tn))
          rc = zn__strlist_push(&m->captions, t, tn);
        zn_free(t);
        newline(out);
        continue;
      }
      zn_free(t);
    }
    if (tag == ZN_TAG_BR) {
      zn_buf_append_byte(out, '\n');
      continue;
    }
    if (n == m->body_first) {
      newline(out);
      m->body_line_start = count_lines(out);
      m->in_body = true;
    }
    if (zn__html_tag_is_block(tag))
      newline(out);
    rc = walk(n->children, out, m, depth + 1);
    if (zn__html_tag_is_block(tag))
      newline(out);
    if (n == m->body_last) {
      newline(out);
      m->body_line_end = count_lines(out);
      m->in_body = false;
    }
  }
  return rc;
}

/* "headline - 新浪新闻", "headline_新闻_网易", "headline-富达传媒": the
 * headline without the site's name; a tail is cut only when short enough
 * to be a name (a hyphen inside a headline stays). */
static size_t title_core_len(const char *t) {
  static const char *const seps[] = {" - ", " – ", " — ", " | ", "_",
                                     "|",   "－",  "—",   "--",  "-"};
  size_t len = strlen(t);
  for (int round = 0; round < 3; round++) {
    size_t cut = len;
    for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
      size_t n = strlen(seps[k]);
      for (size_t i = len; i > 0; i--) {
        if (i - 1 + n <= len && memcmp(t + i - 1, seps[k], n) == 0) {
          size_t tail = zn_utf8_nchar(t + i - 1 + n, len - (i - 1 + n));
          if (tail > 0 && tail <= ZN_MAX_SITE_NAME_NCHAR && i - 1 > 0 &&
              i - 1 < cut)
            cut = i - 1;
          break; /* only the last occurrence of each separator */
        }
      }
    }
    if (cut == len)
      break;
    len = cut;
  }
  /* "headline__频道_网站" leaves one of a doubled separator. */
  while (len > 0 && (t[len - 1] == ' ' || t[len - 1] == '_' ||
                     t[len - 1] == '|' || t[len - 1] == '-'))
    len--;
  return len;
}

/* Length of the separator at t[i] ("_", "|", "-", "--", " - ", "－", "｜",
 * "—", "–"), or 0. */
static size_t sep_at(const char *t, size_t len, size_t i) {
  static const char *const seps[] = {" - ", " _ ", " | ", "--", "_", "|",
                                     "-",   "－",  "｜",  "—",  "–", NULL};
  for (size_t k = 0; seps[k] != NULL; k++) {
    size_t n = strlen(seps[k]);
    if (i + n <= len && memcmp(t + i, seps[k], n) == 0)
      return n;
  }
  return 0;
}

/* Trims ASCII spaces off both ends of [*s, *s + *n). */
static void trim_span(const char **s, size_t *n) {
  while (*n > 0 && **s == ' ') {
    (*s)++;
    (*n)--;
  }
  while (*n > 0 && (*s)[*n - 1] == ' ')
    (*n)--;
}

static bool ends_with(const char *s, size_t n, const char *tail) {
  size_t k = strlen(tail);
  return n >= k && memcmp(s + n - k, tail, k) == 0;
}

/*
 * The brand in <title>: "headline_频道_新浪新闻", "headline--当代商报",
 * "headline_政务_澎湃新闻-The Paper".  The last segment with Han
 * characters that is short enough to be a name, after a headline of at
 * least ZN_MIN_TITLE_HEAD_NCHAR characters; "官方网站" / "官网" dropped,
 * "门户网站" read as "网".  A portal's name after its channel's
 * ("新浪财经_新浪网") gives the channel, unless the channel is the portal's
 * name plus a section ("凤凰网资讯_凤凰网").  Writes the name into out
 * (cap bytes); returns its length or 0.
 */
#define ZN_MIN_TITLE_HEAD_NCHAR 6
static size_t title_brand(const char *t, char *out, size_t cap) {
  const char *seg[16];
  size_t seglen[16];
  size_t nseg = 0;
  size_t len = strlen(t);
  size_t start = 0;
  size_t i = 0;
  size_t pick = SIZE_MAX;
  const char *b;
  size_t bn;

  while (i <= len && nseg < 16) {
    size_t n = i < len ? sep_at(t, len, i) : 0;
    if (i == len || n > 0) {
      seg[nseg] = t + start;
      seglen[nseg] = i - start;
      trim_span(&seg[nseg], &seglen[nseg]);
      nseg++;
      i += n > 0 ? n : 1;
      start = i;
      continue;
    }
    i++;
  }
  if (nseg < 2)
    return 0;
  for (size_t k = nseg; k > 1; k--) {
    if (seglen[k - 1] > 0 && zn__has_han(seg[k - 1], seglen[k - 1])) {
      pick = k - 1;
      break;
    }
  }
  if (pick == SIZE_MAX ||
      zn_utf8_nchar(seg[pick], seglen[pick]) > ZN_MAX_SITE_NAME_NCHAR ||
      zn_utf8_nchar(t, (size_t)(seg[pick] - t)) < ZN_MIN_TITLE_HEAD_NCHAR)
    return 0;
  b = seg[pick];
  bn = seglen[pick];
  if (pick >= 2 && ends_with(b, bn, "网") && bn > 3) {
    const char *p = seg[pick - 1];
    size_t pn = seglen[pick - 1];
    size_t stem = bn - 3; /* the portal's name without 网 */
    if (pn > stem && memcmp(p, b, stem) == 0 &&
        !(pn >= bn && memcmp(p, b, bn) == 0) &&
        zn_utf8_nchar(p, pn) <= ZN_MAX_SITE_NAME_NCHAR) {
      b = p;
      bn = pn;
    }
  }
  if (bn + 3 >= cap)
    return 0;
  memcpy(out, b, bn);
  if (ends_with(out, bn, "官方网站"))
    bn -= strlen("官方网站");
  else if (ends_with(out, bn, "官网"))
    bn -= strlen("官网");
  else if (ends_with(out, bn, "门户网站")) {
    bn -= strlen("门户网站");
    memcpy(out + bn, "网", 3);
    bn += 3;
  }
  out[bn] = '\0';
  return bn;
}

/* Length of the prefix of alt that s spells, spaces in either not
 * counted; 0 if alt does not start with s. */
static size_t spelled_prefix(const char *alt, const char *s) {
  size_t i = 0;
  size_t k = 0;
  for (;;) {
    while (alt[i] == ' ')
      i++;
    while (s[k] == ' ')
      k++;
    if (s[k] == '\0')
      return i;
    if (alt[i] != s[k])
      return 0;
    i++;
    k++;
  }
}

/* True if a headline ends at alt[i]: the end, or a separator before the
 * site's name ("headline_频道_网站", "headline - 网站"). */
static bool headline_ends_at(const char *alt, size_t i) {
  while (alt[i] == ' ')
    i++;
  return alt[i] == '\0' || sep_at(alt, strlen(alt), i) > 0;
}

/*
 * A headline set over two or three lines ("全国人民代表大会常务委员会" /
 * "关于批准…购买外汇及" / "调整…的决议") reaches the text path as a short
 * headline and deck lines.  When the page's own title spells the headline
 * and the lines after it together, they are joined into the headline.
 */
static int join_split_title(zn_article *a, const struct meta *m, bool *joined) {
  const char *alt[] = {m->h1, m->title, m->doc_title};
  size_t best = 0;
  zn_buf b;
  int rc = ZN_OK;
  *joined = false;
  if (a->title == NULL || a->subtitles.n == 0)
    return ZN_OK;
  zn_buf_init(&b, 0);
  rc = zn_buf_append_str(&b, a->title);
  for (size_t k = 0; k < a->subtitles.n && k < 3 && rc == ZN_OK; k++) {
    rc = zn_buf_append_str(&b, a->subtitles.items[k]);
    for (size_t j = 0; j < 3 && rc == ZN_OK; j++) {
      size_t n = alt[j] != NULL ? spelled_prefix(alt[j], b.data) : 0;
      if (n > 0 && headline_ends_at(alt[j], n))
        best = k + 1;
    }
  }
  if (rc == ZN_OK && best > 0 &&
      zn_utf8_nchar(b.data, b.len) <= ZN_MAX_HEADLINE_NCHAR) {
    size_t n = strlen(a->title);
    for (size_t k = 0; k < best; k++)
      n += strlen(a->subtitles.items[k]);
    rc = zn__set_field(&a->title, b.data, n); /* the first best lines */
    for (size_t k = 0; k < best && rc == ZN_OK; k++)
      zn_free(a->subtitles.items[k]);
    if (rc == ZN_OK) {
      memmove(a->subtitles.items, a->subtitles.items + best,
              (a->subtitles.n - best) * sizeof *a->subtitles.items);
      a->subtitles.n -= best;
      *joined = true;
    }
  }
  zn_buf_free(&b);
  return rc;
}

static int fill_from_meta(zn_article *a, const struct meta *m,
                          const char *text) {
  int rc = ZN_OK;
  /* Captions the markup marked, before those the text path found. */
  if (m->captions.n > 0) {
    zn_strlist mine = a->captions;
    memset(&a->captions, 0, sizeof a->captions);
    for (size_t k = 0; k < m->captions.n && rc == ZN_OK; k++)
      rc = zn__strlist_push(&a->captions, m->captions.items[k],
                            strlen(m->captions.items[k]));
    for (size_t k = 0; k < mine.n && rc == ZN_OK; k++) {
      if (!zn__strlist_has(&a->captions, mine.items[k], strlen(mine.items[k])))
        rc = zn__strlist_push(&a->captions, mine.items[k],
                              strlen(mine.items[k]));
    }
    zn__strlist_clear(&mine);
  }
  /* The headline: the text path's choice when the page's own title or h1
   * agrees with it; else h1, og:title, <title> without the site name. */
  if (rc == ZN_OK) {
    const char *alt[] = {m->h1, m->title, m->doc_title};
    bool agreed = false;
    rc = join_split_title(a, m, &agreed);
    if (a->title != NULL && !agreed) {
      for (size_t k = 0; k < 3; k++) {
        if (alt[k] != NULL && strstr(alt[k], a->title) != NULL)
          agreed = true;
      }
    }
    if (rc == ZN_OK && !agreed) {
      /* An h1 the page's title repeats is the headline; an h1 that is not
       * (a logo) loses to og:title and then to <title>. */
      const char *pick = NULL;
      if (m->h1 != NULL && strlen(m->h1) >= 6 &&
          ((m->doc_title != NULL && strstr(m->doc_title, m->h1) != NULL) ||
           (m->title != NULL && strstr(m->title, m->h1) != NULL)))
        pick = m->h1;
      else if (m->title != NULL)
        pick = m->title;
      else if (m->doc_title != NULL)
        pick = m->doc_title;
      else
        pick = m->h1;
      /* A <title> that names only the section ("新闻动态--学会官网") is
       * shorter than any headline: the text path's headline stays. */
      if (pick != NULL && pick == m->doc_title && a->title != NULL &&
          zn_utf8_nchar(pick, title_core_len(pick)) < ZN_MIN_HEADLINE_NCHAR)
        pick = NULL;
      if (pick != NULL) {
        size_t n = pick == m->h1 ? strlen(pick) : title_core_len(pick);
        /* Past this, what the page calls its title is something else. */
        if (n > 0 && zn_utf8_nchar(pick, n) <= ZN_MAX_HEADLINE_NCHAR)
          rc = zn__set_field(&a->title, pick, n);
      }
    }
  }
  /* The page's own date line wins when the metadata agrees on the day
   * (it is what readers see); the metadata fills in or corrects it. */
  if (rc == ZN_OK &&
      (m->published != NULL || (m->time_el != NULL && a->published == NULL))) {
    /* (A <time> element only fills in: one in a list of other articles
     * must not replace the page's own date line.) */
    zn_datetime dt;
    const char *p = m->published != NULL ? m->published : m->time_el;
    if (zn__date_find(p, strlen(p), &dt, NULL)) {
      char iso[ZN_DATE_ISO_MAX];
      size_t n = zn__date_format(&dt, iso);
      if (a->published == NULL || strncmp(a->published, iso, 10) != 0)
        rc = zn__set_field(&a->published, iso, n);
    }
  }
  if (rc == ZN_OK && m->site != NULL) {
    rc = zn__set_field(&a->site, m->site, strlen(m->site));
  } else if (rc == ZN_OK && m->doc_title != NULL) {
    /* The brand in <title> names the site better than what the text
     * path found in the page's chrome, unless that is the brand's own
     * stem (网易 for 网易财经, from the copyright line) or a name that
     * qualifies it (山西医科大学纪检监察室 for 纪检: the brand is a
     * department's short name, the footer names whose department). */
    char brand[4 * ZN_MAX_SITE_NAME_NCHAR + 8];
    size_t n = title_brand(m->doc_title, brand, sizeof brand);
    const char *in = n > 0 && a->site != NULL ? strstr(a->site, brand) : NULL;
    if (n > 0 &&
        (a->site == NULL ||
         (strlen(a->site) >= n ? in == NULL || in == a->site ||
                                     zn_utf8_nchar(a->site, strlen(a->site)) >
                                         ZN_MAX_SITE_NAME_NCHAR
                               : memcmp(brand, a->site, strlen(a->site)) != 0)))
      rc = zn__set_field(&a->site, brand, n);
  }
  /* The text path may take a section label ("■ 纪检监察") for the
   * headline and the short headline under it for the publisher's account
   * line or a deck line; the headline is no source. */
  if (rc == ZN_OK && a->source != NULL && a->title != NULL &&
      strcmp(a->source, a->title) == 0) {
    zn_free(a->source);
    a->source = NULL;
  }
  /* Nor is it a deck line under itself. */
  if (rc == ZN_OK && a->title != NULL) {
    size_t k = 0;
    for (size_t i = 0; i < a->subtitles.n; i++) {
      if (strcmp(a->subtitles.items[i], a->title) == 0)
        zn_free(a->subtitles.items[i]);
      else
        a->subtitles.items[k++] = a->subtitles.items[i];
    }
    a->subtitles.n = k;
  }
  if (rc == ZN_OK && m->url != NULL && a->url == NULL)
    rc = zn__set_field(&a->url, m->url, strlen(m->url));
  if (rc == ZN_OK && m->author != NULL && a->authors.n == 0 &&
      zn__is_person_name(m->author, strlen(m->author)))
    rc = zn__strlist_push(&a->authors, m->author, strlen(m->author));
  /* <meta name=author> on Chinese pages is mostly the CMS account that
   * posted the page -- the editor, or a web editor the page never shows:
   * it names an author only when the page shows the name, not as the
   * editor. */
  if (rc == ZN_OK && m->cms_user != NULL && a->authors.n == 0 &&
      zn__is_person_name(m->cms_user, strlen(m->cms_user)) &&
      (a->editor == NULL || strstr(a->editor, m->cms_user) == NULL) &&
      text != NULL && strstr(text, m->cms_user) != NULL)
    rc = zn__strlist_push(&a->authors, m->cms_user, strlen(m->cms_user));
  if (rc == ZN_OK && m->too_deep)
    rc = zn__strlist_push(&a->warnings,
                          "markup nested too deep; its inner "
                          "text was skipped",
                          strlen("markup nested too deep; its inner text "
                                 "was skipped"));
  return rc;
}

static void meta_free(struct meta *m) {
  zn_free(m->title);
  zn_free(m->h1);
  zn_free(m->doc_title);
  zn_free(m->site);
  zn_free(m->url);
  zn_free(m->published);
  zn_free(m->author);
  zn_free(m->cms_user);
  zn_free(m->time_el);
  zn__strlist_clear(&m->captions);
}

int zn__extract_html(const char *html, size_t len, int max_depth,
                     zn_article *a) {
  zn_hdoc *doc;
  struct meta m;
  zn_buf text;
  zn_buf norm;
  int rc;

  if (len > (size_t)INT32_MAX)
    return ZN_ETOOBIG;
  rc = zn__html_parse(html, len, &doc);
  if (rc != ZN_OK)
    return rc;
  zn_buf_init(&text, 0);
  zn_buf_init(&norm, 0);
  memset(&m, 0, sizeof m);
  m.max_depth = max_depth;
  rc = zn__html_main_content(zn__html_root(doc), max_depth, &m.body_first,
                             &m.body_last);
  if (rc == ZN_OK || rc == ZN_ENOTEXT)
    rc = walk(zn__html_root(doc), &text, &m, 0);
  zn__html_free(doc);
  if (rc == ZN_OK)
    rc = zn_text_normalize(text.data != NULL ? text.data : "", text.len,
                           ZN_NORM_ALL, &norm, NULL);
  if (rc == ZN_OK) {
    struct zn_region body = {SIZE_MAX, SIZE_MAX};
    /* The line numbers hold if normalizing made no new lines (U+2028). */
    if (m.body_line_end > m.body_line_start &&
        count_lines(&norm) == count_lines(&text)) {
      body.from = m.body_line_start;
      body.to = m.body_line_end;
    }
    rc = zn__extract_textdump(norm.data != NULL ? norm.data : "", norm.len,
                              &body, a);
  }
  if (rc == ZN_OK || rc == ZN_ENOTEXT) {
    int rc2 = fill_from_meta(a, &m, norm.data);
    if (rc == ZN_ENOTEXT && a->title != NULL && rc2 == ZN_OK)
      rc = ZN_OK; /* the page's metadata named the article */
    if (rc2 != ZN_OK)
      rc = rc2;
  }
  meta_free(&m);
  zn_buf_free(&text);
  zn_buf_free(&norm);
  return rc;
}
