/* SPDX-License-Identifier: MIT */
/*
 * blocks.c - main-content selection for HTML pages by block scoring.
 *
 * One walk over the page's tree measures every element: its text in
 * characters, how much of it sits inside links, and its Chinese sentence
 * punctuation (，。！？；：、).  An element that holds a paragraph -- a <p>,
 * <pre>, <td>, or any element with text of its own -- scores by its
 * punctuation and length, and that score goes to its parent in full, to the
 * grandparent by half and one level up by a third: the element collecting
 * most paragraph score is the one that holds the article.  Class and id
 * hints (article, content, 正文, detail / comment, share, related, nav)
 * add or take away a fixed amount; link density scales the whole down, so a
 * list of headlines never wins.  Thresholds are set for Chinese text, where
 * 10 characters are a clause and 30 a full sentence.
 *
 * The article often continues in siblings of the best element (a page that
 * sets each paragraph in its own <div>, or a body split round a picture);
 * the run of siblings next to it that read as prose is kept with it.
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "zhnews/common.h"
#include "zhnews/text.h"
#include "extract/html-int.h"

/* A paragraph has at least this many characters outside links. */
#define ZN_MIN_PARA_NCHAR 10
/* Text of its own this long makes any element a paragraph. */
#define ZN_MIN_DIRECT_NCHAR 20
/* Length counts once per this many characters, up to ZN_MAX_LEN_BONUS. */
#define ZN_LEN_UNIT 100
#define ZN_MAX_LEN_BONUS 3.0
/* What a class/id hint adds or takes away. */
#define ZN_HINT_WEIGHT 25.0
/* A sibling continues the article when it scores this share of the best
 * element, or reads as a paragraph of its own: a sentence (30 characters
 * with punctuation) with links in under a quarter of it. */
#define ZN_SIBLING_SHARE 0.2
#define ZN_MIN_SIBLING_SCORE 10.0
#define ZN_MIN_SENTENCE_NCHAR 30
#define ZN_MAX_SIBLING_LINKS 0.25
/* A sibling with less text than this (a picture, a spacer) neither
 * continues nor ends the run. */
#define ZN_MAX_FILLER_NCHAR 10

struct blk {
  const zn_hnode *node;
  size_t parent;       /* index of the parent's entry, SIZE_MAX for the root */
  uint32_t nchar;      /* non-space characters below */
  uint32_t link_nchar; /* of those, inside <a> */
  uint32_t npunct;     /* Chinese sentence punctuation below */
  uint32_t direct;     /* characters in its own text nodes */
  double score;        /* paragraph score collected from below */
  bool candidate;      /* received some */
  enum zn_tag tag;     /* the element's */
  double hint;         /* hint_weight(node), for candidates */
};

struct scorer {
  struct blk *b;
  size_t n;
  size_t cap;
  int max_depth;
  bool nomem;
};

/* In the order of enum zn_tag. */
static const char *const k_tag_names[ZN_TAG_COUNT] = {
    "",           "a",          "abbr",     "acronym", "address",  "applet",
    "area",       "article",    "aside",    "b",       "base",     "bdo",
    "big",        "blockquote", "body",     "br",      "button",   "canvas",
    "caption",    "center",     "cite",     "code",    "col",      "colgroup",
    "dd",         "del",        "details",  "dfn",     "dialog",   "dir",
    "div",        "dl",         "dt",       "em",      "embed",    "fieldset",
    "figcaption", "figure",     "font",     "footer",  "form",     "h1",
    "h2",         "h3",         "h4",       "h5",      "h6",       "head",
    "header",     "hgroup",     "hr",       "html",    "i",        "iframe",
    "img",        "input",      "ins",      "kbd",     "label",    "legend",
    "li",         "link",       "main",     "map",     "marquee",  "menu",
    "meta",       "nav",        "noscript", "object",  "ol",       "optgroup",
    "option",     "p",          "param",    "picture", "pre",      "q",
    "s",          "samp",       "script",   "section", "select",   "small",
    "source",     "span",       "strike",   "strong",  "style",    "summary",
    "svg",        "table",      "tbody",    "td",      "template", "textarea",
    "tfoot",      "th",         "thead",    "time",    "title",    "tr",
    "track",      "tt",         "u",        "ul",      "var",      "wbr",
    "xmp"};
/* The longest name in k_tag_names. */
#define ZN_MAX_TAG_NAME 10

/* An open-addressed table from a name's hash to its enum zn_tag, built
 * once: a lookup is a hash and one comparison. */
#define ZN_TAG_SLOTS 256
static unsigned char k_tag_slots[ZN_TAG_SLOTS];
static unsigned char k_tag_lens[ZN_TAG_COUNT]; /* strlen(k_tag_names[t]) */
static pthread_once_t k_tag_slots_once = PTHREAD_ONCE_INIT;

static unsigned tag_hash(const char *z, size_t len) {
  unsigned h = (unsigned)len;
  for (size_t i = 0; i < len; i++)
    h = h * 31u + (unsigned char)z[i];
  return h % ZN_TAG_SLOTS;
}

static void build_tag_slots(void) {
  for (unsigned t = 1; t < ZN_TAG_COUNT; t++) {
    unsigned h = tag_hash(k_tag_names[t], strlen(k_tag_names[t]));
    k_tag_lens[t] = (unsigned char)strlen(k_tag_names[t]);
    while (k_tag_slots[h] != 0)
      h = (h + 1) % ZN_TAG_SLOTS;
    k_tag_slots[h] = (unsigned char)t;
  }
}

enum zn_tag zn__html_tag_of(const char *name, size_t len) {
  unsigned h;
  if (len == 0 || len > ZN_MAX_TAG_NAME)
    return ZN_TAG_OTHER;
  pthread_once(&k_tag_slots_once, build_tag_slots);
  for (h = tag_hash(name, len); k_tag_slots[h] != 0;
       h = (h + 1) % ZN_TAG_SLOTS) {
    unsigned t = k_tag_slots[h];
    if (k_tag_lens[t] == len && memcmp(name, k_tag_names[t], len) == 0)
      return (enum zn_tag)t;
  }
  return ZN_TAG_OTHER;
}

const char *zn__html_tag_name(enum zn_tag t) {
  return k_tag_names[t];
}

bool zn__html_tag_skipped(enum zn_tag t) {
  switch (t) {
  case ZN_TAG_SCRIPT:
  case ZN_TAG_STYLE:
  case ZN_TAG_NOSCRIPT:
  case ZN_TAG_TEMPLATE:
  case ZN_TAG_SVG:
  case ZN_TAG_CANVAS:
  case ZN_TAG_IFRAME:
  case ZN_TAG_OBJECT:
  case ZN_TAG_EMBED:
  case ZN_TAG_SELECT:
  case ZN_TAG_OPTION:
  case ZN_TAG_BUTTON:
  case ZN_TAG_TEXTAREA:
  case ZN_TAG_INPUT:
  case ZN_TAG_FORM:
  case ZN_TAG_NAV:
  case ZN_TAG_ASIDE:
  case ZN_TAG_FOOTER:
  case ZN_TAG_HEAD:
  case ZN_TAG_MAP:
    return true;
  default:
    return false;
  }
}

/* A <form> holding more text than this is read like any container. */
#define ZN_MAX_FORM_NCHAR 200

static bool is_space_byte(unsigned char c);

/* Elements whose content is never article text, forms aside. */
static bool skipped_tag(enum zn_tag t) {
  return t != ZN_TAG_FORM && zn__html_tag_skipped(t);
}

/* Counts the non-space characters of text below n, stopping past limit.
 * (A form inside is counted as it stands: no second look at it.) */
static size_t form_text(const zn_hnode *n, size_t limit, int depth) {
  size_t total = 0;
  for (const zn_hnode *c = n->children; c != NULL && total <= limit;
       c = c->next) {
    if (c->type == ZN_HNODE_TEXT && c->content != NULL) {
      for (const unsigned char *s = (const unsigned char *)c->content;
           *s != '\0' && total <= limit; s++)
        total += !is_space_byte(*s) && (*s & 0xC0) != 0x80;
    } else if (c->type == ZN_HNODE_ELEMENT && depth < 64 &&
               !skipped_tag(zn__html_tag(c))) {
      total += form_text(c, limit - total, depth + 1);
    }
  }
  return total;
}

/* True if an <h1> is below n (at most 8 levels down). */
static bool holds_h1(const zn_hnode *n, int depth) {
  for (const zn_hnode *c = n->children; c != NULL; c = c->next) {
    if (c->type != ZN_HNODE_ELEMENT)
      continue;
    if (zn__html_tag(c) == ZN_TAG_H1 || (depth < 8 && holds_h1(c, depth + 1)))
      return true;
  }
  return false;
}

bool zn__html_skipped_as(const zn_hnode *n, enum zn_tag t) {
  /* A sidebar never holds the headline: an <aside> with the <h1> in it is
   * the article's header (the headline and its date line). */
  if (t == ZN_TAG_ASIDE)
    return !holds_h1(n, 0);
  /* An <article>'s own <footer> holds its date, source and tags; the
   * page's footer is not inside one. */
  if (t == ZN_TAG_FOOTER) {
    int up = 0;
    for (const zn_hnode *p = n->parent; p != NULL && up < 32;
         p = p->parent, up++) {
      if (zn__html_tag(p) == ZN_TAG_ARTICLE)
        return false;
    }
    return true;
  }
  if (skipped_tag(t))
    return true;
  /* A form is a search box, a sign-in or a comment box -- unless it holds
   * the page: ASP.NET pages and some CMSs wrap the article, or the whole
   * page, in one.  That one has text enough for an article. */
  return t == ZN_TAG_FORM &&
         form_text(n, ZN_MAX_FORM_NCHAR, 0) <= ZN_MAX_FORM_NCHAR;
}

bool zn__html_skipped(const zn_hnode *n) {
  return zn__html_skipped_as(n, zn__html_tag(n));
}

bool zn__html_tag_is_block(enum zn_tag t) {
  switch (t) {
  case ZN_TAG_P:
  case ZN_TAG_DIV:
  case ZN_TAG_H1:
  case ZN_TAG_H2:
  case ZN_TAG_H3:
  case ZN_TAG_H4:
  case ZN_TAG_H5:
  case ZN_TAG_H6:
  case ZN_TAG_LI:
  case ZN_TAG_UL:
  case ZN_TAG_OL:
  case ZN_TAG_TR:
  case ZN_TAG_TABLE:
  case ZN_TAG_TBODY:
  case ZN_TAG_THEAD:
  case ZN_TAG_SECTION:
  case ZN_TAG_ARTICLE:
  case ZN_TAG_HEADER:
  case ZN_TAG_MAIN:
  case ZN_TAG_DD:
  case ZN_TAG_DT:
  case ZN_TAG_DL:
  case ZN_TAG_FIGURE:
  case ZN_TAG_FIGCAPTION:
  case ZN_TAG_BLOCKQUOTE:
  case ZN_TAG_PRE:
  case ZN_TAG_CENTER:
  case ZN_TAG_ADDRESS:
  case ZN_TAG_HR:
  case ZN_TAG_TD:
  case ZN_TAG_TH:
  case ZN_TAG_CAPTION:
  case ZN_TAG_BODY:
  case ZN_TAG_HTML:
    return true;
  default:
    return false;
  }
}

const char *zn__html_attr(const zn_hnode *n, const char *name) {
  if (n->type != ZN_HNODE_ELEMENT)
    return NULL;
  for (const zn_hattr *a = n->attrs; a != NULL; a = a->next) {
    if (strcmp(a->name, name) == 0)
      return a->value;
  }
  return NULL;
}

/* Class names are ASCII in practice: ASCII case folding only. */
static bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
static bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
static bool is_alnum(char c) {
  return is_lower(c) || is_upper(c) || (c >= '0' && c <= '9');
}

/* Does a word start at orig[i]: the start, after a separator (space, -,
 * _), or a capital after a small letter (blkContainerComment)? */
static bool word_start(const char *orig, size_t i) {
  return i == 0 || !is_alnum(orig[i - 1]) ||
         (is_upper(orig[i]) && is_lower(orig[i - 1]));
}

/* The class/id word lists: furniture (whole words only), caption,
 * article containers (good) and page furniture (bad), in the order of the
 * ZN_HINT_ bits. */
static const char *const k_furniture[] = {
    "comment", "share",   "related", "recommend",  "copyright", "xgxw",
    "xgyd",    "hotnews", "sidebar", "breadcrumb", NULL};
static const char *const k_caption[] = {
    "caption",    "img_descr",  "img-descr", "imgdesc",  "pictext", "pic_text",
    "pictxt",     "pic_txt",    "picintro",  "img_text", "imgtext", "pic-txt",
    "photo-desc", "image-desc", "img-desc",  "pic_desc", NULL};
static const char *const k_good[] = {"article", "content", "detail", "artibody",
                                     "endtext", "main",    "post",   "entry",
                                     "story",   "text",    "zw",     "body",
                                     "cont",    "txt",     "news",   NULL};
static const char *const k_bad[] = {
    "nav",  "menu", "footer", "foot",   "header", "banner", "side", "hot",
    "rank", "list", "login",  "search", "top",    "link",   "logo", NULL};
static const char *const *const k_hint_lists[4] = {k_furniture, k_caption,
                                                   k_good, k_bad};

/*
 * The four lists as one automaton (Aho-Corasick), built once: a name is
 * read a byte at a time, one table step each, and every word ending at a
 * byte is known there -- instead of trying the words at every place.
 * Words hold letters, '_' and '-'; every other byte is one class.
 */
#define ZN_HINT_STATES 512
#define ZN_HINT_COLS 29 /* a-z, '_', '-', anything else */
static uint16_t k_go[ZN_HINT_STATES][ZN_HINT_COLS];
/* For a state: the bits of the caption, good and bad words that end
 * there (itself or a suffix), and the lengths of the furniture words that
 * do (a furniture word counts only where a word of the name starts). */
static uint8_t k_out[ZN_HINT_STATES];
static uint8_t k_furn_len[ZN_HINT_STATES][2];
static pthread_once_t k_hint_once = PTHREAD_ONCE_INIT;

static unsigned hint_col(char c) {
  if (c >= 'a' && c <= 'z')
    return (unsigned)(c - 'a');
  if (c >= 'A' && c <= 'Z')
    return (unsigned)(c - 'A');
  return c == '_' ? 26u : c == '-' ? 27u : 28u;
}

static void add_furn_len(unsigned st, uint8_t len) {
  for (int k = 0; k < 2; k++) {
    if (k_furn_len[st][k] == len)
      return;
    if (k_furn_len[st][k] == 0) {
      k_furn_len[st][k] = len;
      return;
    }
  }
}

static void build_hint_automaton(void) {
  static uint16_t fail[ZN_HINT_STATES];
  static uint16_t queue[ZN_HINT_STATES];
  unsigned n_states = 1;
  size_t head = 0;
  size_t tail = 0;
  /* The trie (0 = no edge yet; the root is state 0, never a target). */
  for (unsigned l = 0; l < 4; l++) {
    for (const char *const *w = k_hint_lists[l]; *w != NULL; w++) {
      unsigned st = 0;
      size_t len = strlen(*w);
      for (size_t i = 0; i < len; i++) {
        unsigned c = hint_col((*w)[i]);
        if (k_go[st][c] == 0 && n_states < ZN_HINT_STATES) /* (~350 used) */
          k_go[st][c] = (uint16_t)n_states++;
        st = k_go[st][c];
      }
      if (l == 0)
        add_furn_len(st, (uint8_t)len);
      else
        k_out[st] |= (uint8_t)(1u << l);
    }
  }
  /* Breadth first: failure links, outputs along them, the full step
   * table. */
  for (unsigned c = 0; c < ZN_HINT_COLS; c++) {
    if (k_go[0][c] != 0) {
      fail[k_go[0][c]] = 0;
      queue[tail++] = k_go[0][c];
    }
  }
  while (head < tail) {
    unsigned st = queue[head++];
    unsigned f = fail[st];
    k_out[st] |= k_out[f];
    for (int k = 0; k < 2 && k_furn_len[f][k] != 0; k++)
      add_furn_len(st, k_furn_len[f][k]);
    for (unsigned c = 0; c < ZN_HINT_COLS; c++) {
      unsigned nx = k_go[st][c];
      if (nx != 0) {
        fail[nx] = k_go[f][c];
        queue[tail++] = (uint16_t)nx;
      } else {
        k_go[st][c] = k_go[f][c];
      }
    }
  }
}

/* The ZN_HINT_ bits of one class or id value: its first 127 bytes. */
static unsigned value_hints(const char *v) {
  unsigned found = 0;
  unsigned st = 0;
  pthread_once(&k_hint_once, build_hint_automaton);
  for (size_t i = 0; i < 127 && v[i] != '\0'; i++) {
    st = k_go[st][hint_col(v[i])];
    found |= k_out[st];
    for (int k = 0; k < 2 && k_furn_len[st][k] != 0; k++) {
      if (word_start(v, i + 1 - k_furn_len[st][k]))
        found |= ZN_HINT_FURNITURE;
    }
  }
  return found;
}

static unsigned hints_of(const zn_hnode *n) {
  const char *cls = zn__html_attr(n, "class");
  const char *id = zn__html_attr(n, "id");
  return (cls != NULL ? value_hints(cls) : 0) |
         (id != NULL ? value_hints(id) : 0);
}

unsigned zn__html_hints(const zn_hnode *n) {
  if (!(n->hints & ZN_HINT_KNOWN)) /* the one field a walk may set */
    ((zn_hnode *)n)->hints =
        (unsigned char)(ZN_HINT_KNOWN | (n->attrs != NULL ? hints_of(n) : 0));
  return n->hints;
}

/* zn__html_is_furniture() for an element whose tag is t. */
static bool is_furniture(const zn_hnode *n, enum zn_tag t) {
  if (n->type != ZN_HNODE_ELEMENT || t == ZN_TAG_BODY || t == ZN_TAG_HTML)
    return false;
  return (zn__html_hints(n) & ZN_HINT_FURNITURE) != 0;
}

bool zn__html_is_furniture(const zn_hnode *n) {
  return is_furniture(n, zn__html_tag(n));
}

bool zn__html_is_caption_class(const zn_hnode *n) {
  return n->type == ZN_HNODE_ELEMENT &&
         (zn__html_hints(n) & ZN_HINT_CAPTION) != 0;
}

/* The class/id hint's weight: + for names of article containers, - for
 * names of page furniture. */
static double hint_weight(const zn_hnode *n) {
  enum zn_tag t = zn__html_tag(n);
  double w = 0;
  if (zn__html_hints(n) & ZN_HINT_GOOD)
    w += ZN_HINT_WEIGHT;
  if (zn__html_hints(n) & ZN_HINT_BAD)
    w -= ZN_HINT_WEIGHT;
  if (t == ZN_TAG_ARTICLE || t == ZN_TAG_MAIN)
    w += ZN_HINT_WEIGHT;
  return w;
}

static bool is_space_byte(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Adds a text node's characters and punctuation to e. */
static void count_text(struct blk *e, const char *s, size_t len, bool in_link) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  uint32_t nchar = 0;
  uint32_t npunct = 0;
  /* By bytes: the text is valid UTF-8, and the characters told apart
   * (U+00A0 and U+3000, not counted; the punctuation) by their bytes. */
  while (i < len) {
    unsigned char b = u[i];
    if (b < 0x80) {
      nchar += !is_space_byte(b);
      i++;
      continue;
    }
    if (b == 0xE3 && i + 2 < len && u[i + 1] == 0x80) {
      if (u[i + 2] == 0x80) { /* U+3000 */
        i += 3;
        continue;
      }
      npunct += u[i + 2] == 0x81 || u[i + 2] == 0x82; /* 、。 */
    } else if (b == 0xEF && i + 2 < len && u[i + 1] == 0xBC) {
      unsigned char c = u[i + 2]; /* ，！？；： */
      npunct += c == 0x8C || c == 0x81 || c == 0x9F || c == 0x9B || c == 0x9A;
    } else if (b == 0xC2 && i + 1 < len && u[i + 1] == 0xA0) { /* U+00A0 */
      i += 2;
      continue;
    }
    nchar++;
    i += b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
  }
  e->nchar += nchar;
  e->npunct += npunct;
  e->direct += nchar;
  if (in_link)
    e->link_nchar += nchar;
}

static double link_density(const struct blk *e) {
  return e->nchar > 0 ? (double)e->link_nchar / e->nchar : 0;
}

static bool is_paragraph(const struct blk *e) {
  enum zn_tag t;
  if (e->nchar - e->link_nchar < ZN_MIN_PARA_NCHAR || link_density(e) > 0.5)
    return false;
  t = e->tag;
  return t == ZN_TAG_P || t == ZN_TAG_PRE || t == ZN_TAG_TD ||
         t == ZN_TAG_BLOCKQUOTE || e->direct >= ZN_MIN_DIRECT_NCHAR;
}

/* Measures e and the elements below it; returns e's index or SIZE_MAX. */
static size_t visit(struct scorer *sc, const zn_hnode *e, enum zn_tag tag,
                    size_t parent, int depth, bool in_link) {
  size_t me;
  if (sc->n == sc->cap) {
    size_t cap = sc->cap > 0 ? 2 * sc->cap : 256;
    struct blk *b = zn_realloc(sc->b, cap * sizeof *b);
    if (b == NULL) {
      sc->nomem = true;
      return SIZE_MAX;
    }
    sc->b = b;
    sc->cap = cap;
  }
  me = sc->n++;
  memset(&sc->b[me], 0, sizeof sc->b[me]);
  sc->b[me].node = e;
  sc->b[me].parent = parent;
  sc->b[me].tag = tag;
  ((zn_hnode *)e)->mark = me + 1;
  in_link = in_link || tag == ZN_TAG_A;
  for (const zn_hnode *c = e->children; c != NULL && !sc->nomem; c = c->next) {
    enum zn_tag ct;
    if (c->type == ZN_HNODE_TEXT) {
      if (c->content != NULL)
        count_text(&sc->b[me], c->content, c->len, in_link);
      continue;
    }
    if (c->type != ZN_HNODE_ELEMENT)
      continue;
    ct = zn__html_tag(c);
    if (!zn__html_skipped_as(c, ct) && !is_furniture(c, ct) &&
        depth + 1 < sc->max_depth) {
      size_t k = visit(sc, c, ct, me, depth + 1, in_link);
      if (k != SIZE_MAX) {
        sc->b[me].nchar += sc->b[k].nchar;
        sc->b[me].link_nchar += sc->b[k].link_nchar;
        sc->b[me].npunct += sc->b[k].npunct;
      }
    }
  }
  if (!sc->nomem && is_paragraph(&sc->b[me])) {
    const struct blk *p = &sc->b[me];
    double len_bonus = (double)p->nchar / ZN_LEN_UNIT;
    double s = 1.0 + p->npunct +
               (len_bonus < ZN_MAX_LEN_BONUS ? len_bonus : ZN_MAX_LEN_BONUS);
    size_t up = p->parent;
    for (int level = 1; level <= 3 && up != SIZE_MAX; level++) {
      sc->b[up].score += s / (level == 1 ? 1 : level == 2 ? 2 : 3);
      sc->b[up].candidate = true;
      up = sc->b[up].parent;
    }
  }
  return me;
}

/* A candidate's score (hint set by zn__html_main_content). */
static double final_score(const struct blk *e) {
  return (e->score + e->hint) * (1.0 - link_density(e));
}

/* The entry of element n, or NULL if it was not measured (visit() left
 * its index + 1 in the node's mark). */
static const struct blk *find(const struct scorer *sc, const zn_hnode *n) {
  size_t k = n->mark;
  return k > 0 && k <= sc->n && sc->b[k - 1].node == n ? &sc->b[k - 1] : NULL;
}

/* Whether sibling s continues the article beside the best element. */
static int continues(const struct blk *s, double best) {
  double t = best * ZN_SIBLING_SHARE;
  if (t < ZN_MIN_SIBLING_SCORE)
    t = ZN_MIN_SIBLING_SCORE;
  if (s->candidate && final_score(s) >= t)
    return 1;
  if (s->nchar - s->link_nchar >= ZN_MIN_SENTENCE_NCHAR && s->npunct > 0 &&
      link_density(s) < ZN_MAX_SIBLING_LINKS)
    return 1;
  if (s->nchar < ZN_MAX_FILLER_NCHAR)
    return 0; /* filler: look past it */
  return -1;
}

/* True if entry k lies below entry a. */
static bool is_below(const struct scorer *sc, size_t k, size_t a) {
  for (size_t up = sc->b[k].parent; up != SIZE_MAX; up = sc->b[up].parent) {
    if (up == a)
      return true;
  }
  return false;
}

/* The farthest sibling of n, before it or after it, that the body extends
 * to: each sibling that continues it (continues() > 0) moves the end, the
 * first that stops it (< 0) ends the walk; others are looked past. */
static const zn_hnode *extend(const struct scorer *sc, const zn_hnode *n,
                              double best, bool forward) {
  const zn_hnode *far = n;
  for (const zn_hnode *s = forward ? n->next : n->prev; s != NULL;
       s = forward ? s->next : s->prev) {
    const struct blk *e;
    int c;
    if (s->type != ZN_HNODE_ELEMENT)
      continue;
    e = find(sc, s);
    if (e == NULL)
      continue;
    c = continues(e, best);
    if (c < 0)
      break;
    if (c > 0)
      far = s;
  }
  return far;
}

/*
 * An article split over several containers (a picture or an advert
 * between its halves) gives several good candidates: when at least
 * ZN_PROMOTE_MIN of the ZN_PROMOTE_TOP best, scoring at least
 * ZN_PROMOTE_SHARE of the best, sit below one ancestor of the best within
 * ZN_PROMOTE_LEVELS levels, that ancestor holds the article.
 */
#define ZN_PROMOTE_TOP 5
#define ZN_PROMOTE_MIN 3
#define ZN_PROMOTE_SHARE 0.75
#define ZN_PROMOTE_LEVELS 3
static size_t promote(const struct scorer *sc, size_t best, double score) {
  size_t top[ZN_PROMOTE_TOP - 1];
  double top_s[ZN_PROMOTE_TOP - 1];
  size_t n = 0;
  size_t up = sc->b[best].parent;
  for (size_t k = 0; k < sc->n; k++) {
    double s;
    size_t at;
    if (!sc->b[k].candidate || k == best)
      continue;
    s = final_score(&sc->b[k]);
    if (s < score * ZN_PROMOTE_SHARE)
      continue;
    /* Keep the ZN_PROMOTE_TOP - 1 best besides `best`, sorted. */
    if (n < ZN_PROMOTE_TOP - 1)
      at = n++;
    else if (s > top_s[ZN_PROMOTE_TOP - 2])
      at = ZN_PROMOTE_TOP - 2;
    else
      continue;
    while (at > 0 && top_s[at - 1] < s) {
      top[at] = top[at - 1];
      top_s[at] = top_s[at - 1];
      at--;
    }
    top[at] = k;
    top_s[at] = s;
  }
  for (int level = 0; level < ZN_PROMOTE_LEVELS && up != SIZE_MAX; level++) {
    size_t below = 1; /* best itself */
    for (size_t i = 0; i < n; i++)
      below += is_below(sc, top[i], up) ? 1 : 0;
    if (below >= ZN_PROMOTE_MIN)
      return up;
    up = sc->b[up].parent;
  }
  return best;
}

int zn__html_main_content(zn_hnode *root, int max_depth, const zn_hnode **first,
                          const zn_hnode **last) {
  struct scorer sc;
  size_t best = SIZE_MAX;
  double best_score = 0;
  int rc = ZN_OK;

  *first = NULL;
  *last = NULL;
  if (root == NULL)
    return ZN_ENOTEXT;
  memset(&sc, 0, sizeof sc);
  sc.max_depth = max_depth;
  visit(&sc, root, zn__html_tag(root), SIZE_MAX, 0, false);
  if (sc.nomem) {
    zn_free(sc.b);
    return ZN_ENOMEM;
  }
  /* The class and id hints, looked up once: the searches below ask for
   * a candidate's score again and again. */
  for (size_t k = 0; k < sc.n; k++) {
    if (sc.b[k].candidate)
      sc.b[k].hint = hint_weight(sc.b[k].node);
  }
  for (size_t k = 0; k < sc.n; k++) {
    double s;
    if (!sc.b[k].candidate)
      continue;
    s = final_score(&sc.b[k]);
    if (best == SIZE_MAX || s > best_score) {
      best = k;
      best_score = s;
    }
  }
  if (best != SIZE_MAX && best_score > 0)
    best = promote(&sc, best, best_score);
  if (best == SIZE_MAX || best_score <= 0) {
    rc = ZN_ENOTEXT;
  } else {
    const struct blk *b = &sc.b[best];
    *first = b->node;
    *last = b->node;
    if (b->parent != SIZE_MAX) {
      /* Extend over the siblings that read as prose, looking past filler
       * between them. */
      *first = extend(&sc, b->node, best_score, false);
      *last = extend(&sc, b->node, best_score, true);
    }
  }
  zn_free(sc.b);
  return rc;
}
