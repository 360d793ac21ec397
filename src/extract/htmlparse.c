/* SPDX-License-Identifier: MIT */
/*
 * htmlparse.c - the HTML parser: a page's bytes to the light tree the
 * walks read (zn_hnode, html-int.h).
 *
 * zhnews used libxml2's HTML parser here first.  It reads a character at a
 * time through several layers and builds a general tree (a node of 120
 * bytes, a malloc for each node, name and string): on the 149 pages of
 * ../shared/data/pages it took 8 times the instructions of everything else
 * in extraction together, and more on its own than the store's indexing
 * target (issue 6) allows a whole page.  This parser does the same job for
 * what the walks need in one pass: markup is found with memchr, a name is
 * looked up once (its enum zn_tag is kept in the node), text is copied
 * once with its character references decoded, and every node, string and
 * attribute comes from one arena freed at once.  libxml2 still gives the
 * names of HTML 4's character entities (htmlEntityLookup).
 *
 * What it reads -- the HTML Living Standard's tokenizer, simplified where
 * news pages need no more:
 *  - text; start tags with attributes (quoted, unquoted, bare; a repeated
 *    name keeps its first value); end tags; comments (<!-- -->, <!-->,
 *    ended by "--!>" too); doctype, <!...> and <?...> up to their '>'
 *    (dropped);
 *  - character references: decimal, hexadecimal, and the named ones of
 *    HTML 4 with their ';'; the standard's "legacy" names (Latin-1, as
 *    "&nbsp&nbsp" and "&copy 2024") without it, as browsers read them
 *    (libxml2 left them as text); zero, surrogates and values past
 *    U+10FFFF give U+FFFD, 128..159 Windows-1252's characters;
 *  - <script>, <style> and <xmp> as raw text up to "</name" (followed by
 *    a space, '/' or '>'), <title> and <textarea> as text without markup
 *    when their end tag follows (else as other elements: an unclosed
 *    title must not swallow the page).
 * How it builds the tree -- the parts of the standard's tree builder that
 * decide which element a text sits in:
 *  - the root is always <html>; a <head> element holds what a head may,
 *    and ends at the first other element or text; <body> starts once;
 *  - void elements (img, br, meta ...) take no children; "/>" closes any
 *    element, as libxml2 did (pages written as XHTML rely on it);
 *  - optional end tags: a block element closes an open <p>; <li> closes
 *    the open <li>, <dt>/<dd> the open <dt>/<dd>; <tr>, <td>/<th>, table
 *    sections, <option>, <button> and headings close their open peers;
 *    <a> closes an open <a> unless a block was opened since (a link
 *    left open around a logo must not have every later link close the
 *    article's container);
 *  - an end tag closes the nearest open element of its name, and all
 *    open inside it, within scope: a table or cell bounds it (</div>
 *    inside a cell never closes the div around the table); an end tag of
 *    a block element may close inline elements left open, one of an
 *    inline element never closes a block; an end tag with no open
 *    element of its name is ignored, </body> and </html> too (text after
 *    them stays in the body); any heading's end tag closes the open
 *    heading (<h1>...</h2>); </br> is a <br>, and </p> with no <p> open
 *    an empty <p>, as browsers read them (paragraph breaks to CMSs).
 *  - Not done: the adoption agency (reopening formatting elements a block
 *    cut), moving text misplaced in tables out of them, frames, foreign
 *    content (<svg> is an element like others, skipped by the walks).
 * White space only text right after an element that holds no running
 * text (an image, a line break, a table row) or directly in <html> or
 * <head> is layout, never a space between words, and is left out, as
 * libxml2 did.  Only the attributes the walks read are kept.
 *
 * Nothing here recurses: open elements are the current node's ancestors,
 * so markup nested any depth costs no stack.  Searches up that chain for
 * an element to close are skipped when no element of the name is open,
 * and stop after ZN_MAX_SCOPE_WALK levels: time stays linear in the page
 * however much is left open (an end tag more than that many levels above
 * is then not found: text after it stays nested).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "zhnews/common.h"
#include "extract/html-int.h"
#include "private/utf8-inl.h"

/* The arena's usual chunk; a larger request gets a chunk of its own. */
#define ZN_ARENA_CHUNK ((size_t)64 * 1024)
/* Open elements looked through for one to close, at most. */
#define ZN_MAX_SCOPE_WALK 512
/* The longest element name told apart; longer ones are cut. */
#define ZN_MAX_NAME 64
/* The longest character entity name read, and the longest HTML 4 has
 * ("thetasym"): longer ones are not looked up. */
#define ZN_MAX_ENTITY_NAME 32
#define ZN_MAX_HTML4_NAME 8

struct chunk {
  struct chunk *next;
  size_t used;
  size_t cap;
  /* then cap bytes */
};

struct zn_hdoc {
  struct chunk *chunks; /* the newest first */
  zn_hnode *root;
};

/* ------------------------------------------------------------ the arena */

#define ZN_CHUNK_HEAD ((sizeof(struct chunk) + 15) & ~(size_t)15)

static char *chunk_data(struct chunk *c) {
  return (char *)c + ZN_CHUNK_HEAD;
}

/* n bytes (8-aligned) from the arena, or NULL. */
static void *arena_alloc(zn_hdoc *d, size_t n) {
  struct chunk *c = d->chunks;
  n = (n + 7) & ~(size_t)7;
  if (c == NULL || c->cap - c->used < n) {
    size_t cap = n > ZN_ARENA_CHUNK / 4 ? n : ZN_ARENA_CHUNK;
    struct chunk *nc = zn_malloc(ZN_CHUNK_HEAD + cap);
    if (nc == NULL)
      return NULL;
    nc->used = 0;
    nc->cap = cap;
    if (c != NULL && cap != ZN_ARENA_CHUNK) {
      /* A large piece: behind the current chunk, which keeps its room. */
      nc->next = c->next;
      c->next = nc;
    } else {
      nc->next = c;
      d->chunks = nc;
    }
    c = nc;
  }
  c->used += n;
  return chunk_data(c) + c->used - n;
}

/* Gives back the unused end of the newest allocation p, used bytes of
 * which are kept (p came from the current chunk when it fits there). */
static void arena_trim(zn_hdoc *d, void *p, size_t had, size_t used) {
  struct chunk *c = d->chunks;
  had = (had + 7) & ~(size_t)7;
  used = (used + 7) & ~(size_t)7;
  if (c != NULL && (char *)p + had == chunk_data(c) + c->used)
    c->used -= had - used;
}

void zn__html_free(zn_hdoc *d) {
  if (d == NULL)
    return;
  for (struct chunk *c = d->chunks; c != NULL;) {
    struct chunk *next = c->next;
    zn_free(c);
    c = next;
  }
  zn_free(d);
}

zn_hnode *zn__html_root(const zn_hdoc *d) {
  return d->root;
}

/* ----------------------------------------------------------- the tags */

enum {
  F_VOID = 1 << 0,     /* takes no children */
  F_CLOSES_P = 1 << 1, /* its start closes an open <p> */
  F_SPECIAL = 1 << 2,  /* a block-level ("special") element */
  F_SCOPE = 1 << 3,    /* bounds the search for an element to close */
  F_PCDATA = 1 << 4,   /* white space after it is kept */
  F_IN_HEAD = 1 << 5,  /* may sit in <head> */
  F_RAW = 1 << 6       /* content is raw text */
};

#define SP F_SPECIAL
#define CP (F_CLOSES_P | F_SPECIAL)
static const unsigned char k_flags[ZN_TAG_COUNT] = {
    /* Names not listed (sub, sup, mark, nobr, o:p ...) hold running text:
     * "CO<sub>2</sub> <sup>1</sup>" keeps its space (libxml2 dropped it). */
    [ZN_TAG_OTHER] = F_PCDATA,
    [ZN_TAG_A] = F_PCDATA,
    [ZN_TAG_ABBR] = F_PCDATA,
    [ZN_TAG_ACRONYM] = F_PCDATA,
    [ZN_TAG_ADDRESS] = CP | F_PCDATA,
    [ZN_TAG_APPLET] = SP | F_SCOPE | F_PCDATA,
    [ZN_TAG_AREA] = F_VOID | SP,
    [ZN_TAG_ARTICLE] = CP,
    [ZN_TAG_ASIDE] = CP,
    [ZN_TAG_B] = F_PCDATA,
    [ZN_TAG_BASE] = F_VOID | SP | F_IN_HEAD,
    [ZN_TAG_BDO] = F_PCDATA,
    [ZN_TAG_BIG] = F_PCDATA,
    [ZN_TAG_BLOCKQUOTE] = CP | F_PCDATA,
    [ZN_TAG_BODY] = SP | F_PCDATA,
    [ZN_TAG_BR] = F_VOID | SP,
    [ZN_TAG_BUTTON] = SP | F_PCDATA,
    [ZN_TAG_CAPTION] = SP | F_SCOPE | F_PCDATA,
    [ZN_TAG_CENTER] = CP | F_PCDATA,
    [ZN_TAG_CITE] = F_PCDATA,
    [ZN_TAG_CODE] = F_PCDATA,
    [ZN_TAG_COL] = F_VOID | SP,
    [ZN_TAG_COLGROUP] = SP,
    [ZN_TAG_DD] = CP | F_PCDATA,
    [ZN_TAG_DEL] = F_PCDATA,
    [ZN_TAG_DETAILS] = CP,
    [ZN_TAG_DFN] = F_PCDATA,
    [ZN_TAG_DIALOG] = CP,
    [ZN_TAG_DIR] = CP,
    [ZN_TAG_DIV] = CP | F_PCDATA,
    [ZN_TAG_DL] = CP,
    [ZN_TAG_DT] = CP | F_PCDATA,
    [ZN_TAG_EM] = F_PCDATA,
    [ZN_TAG_EMBED] = F_VOID | SP,
    [ZN_TAG_FIELDSET] = CP,
    [ZN_TAG_FIGCAPTION] = CP,
    [ZN_TAG_FIGURE] = CP,
    [ZN_TAG_FONT] = F_PCDATA,
    [ZN_TAG_FOOTER] = CP,
    [ZN_TAG_FORM] = CP | F_PCDATA,
    [ZN_TAG_H1] = CP | F_PCDATA,
    [ZN_TAG_H2] = CP | F_PCDATA,
    [ZN_TAG_H3] = CP | F_PCDATA,
    [ZN_TAG_H4] = CP | F_PCDATA,
    [ZN_TAG_H5] = CP | F_PCDATA,
    [ZN_TAG_H6] = CP | F_PCDATA,
    [ZN_TAG_HEAD] = SP,
    [ZN_TAG_HEADER] = CP,
    [ZN_TAG_HGROUP] = CP,
    [ZN_TAG_HR] = F_VOID | CP,
    [ZN_TAG_HTML] = SP | F_SCOPE,
    [ZN_TAG_I] = F_PCDATA,
    [ZN_TAG_IFRAME] = SP | F_PCDATA,
    [ZN_TAG_IMG] = F_VOID | SP,
    [ZN_TAG_INPUT] = F_VOID | SP,
    [ZN_TAG_INS] = F_PCDATA,
    [ZN_TAG_KBD] = F_PCDATA,
    [ZN_TAG_LABEL] = F_PCDATA,
    [ZN_TAG_LEGEND] = F_PCDATA,
    [ZN_TAG_LI] = CP | F_PCDATA,
    [ZN_TAG_LINK] = F_VOID | SP | F_IN_HEAD,
    [ZN_TAG_MAIN] = CP,
    [ZN_TAG_MAP] = F_PCDATA,
    [ZN_TAG_MARQUEE] = SP | F_SCOPE,
    [ZN_TAG_MENU] = CP | F_PCDATA,
    [ZN_TAG_META] = F_VOID | SP | F_IN_HEAD,
    [ZN_TAG_NAV] = CP,
    [ZN_TAG_NOSCRIPT] = SP | F_IN_HEAD,
    [ZN_TAG_OBJECT] = SP | F_SCOPE | F_PCDATA,
    [ZN_TAG_OL] = CP | F_PCDATA,
    [ZN_TAG_P] = CP | F_PCDATA,
    [ZN_TAG_PARAM] = F_VOID | SP,
    [ZN_TAG_PRE] = CP | F_PCDATA,
    [ZN_TAG_Q] = F_PCDATA,
    [ZN_TAG_S] = F_PCDATA,
    [ZN_TAG_SAMP] = F_PCDATA,
    [ZN_TAG_SCRIPT] = SP | F_IN_HEAD | F_RAW,
    [ZN_TAG_SECTION] = CP,
    [ZN_TAG_SELECT] = SP,
    [ZN_TAG_SMALL] = F_PCDATA,
    [ZN_TAG_SOURCE] = F_VOID | SP,
    [ZN_TAG_SPAN] = F_PCDATA,
    [ZN_TAG_STRIKE] = F_PCDATA,
    [ZN_TAG_STRONG] = F_PCDATA,
    [ZN_TAG_STYLE] = SP | F_IN_HEAD | F_RAW,
    [ZN_TAG_SUMMARY] = CP,
    [ZN_TAG_TABLE] = CP | F_SCOPE,
    [ZN_TAG_TBODY] = SP,
    [ZN_TAG_TD] = SP | F_SCOPE | F_PCDATA,
    [ZN_TAG_TEMPLATE] = SP | F_SCOPE | F_IN_HEAD,
    [ZN_TAG_TEXTAREA] = SP,
    [ZN_TAG_TFOOT] = SP,
    [ZN_TAG_TH] = SP | F_SCOPE | F_PCDATA,
    [ZN_TAG_THEAD] = SP,
    [ZN_TAG_TITLE] = SP | F_IN_HEAD,
    [ZN_TAG_TR] = SP,
    [ZN_TAG_TRACK] = F_VOID | SP,
    [ZN_TAG_TT] = F_PCDATA,
    [ZN_TAG_U] = F_PCDATA,
    [ZN_TAG_UL] = CP | F_PCDATA,
    [ZN_TAG_VAR] = F_PCDATA,
    [ZN_TAG_WBR] = F_VOID | SP,
    [ZN_TAG_XMP] = CP | F_RAW,
};
#undef SP
#undef CP

static bool has(const zn_hnode *n, unsigned flag) {
  return (k_flags[n->tag] & flag) != 0;
}

static bool is_heading(enum zn_tag t) {
  return t >= ZN_TAG_H1 && t <= ZN_TAG_H6;
}

/* ----------------------------------------------------------- the bytes */

static bool is_alpha(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}

static bool is_space(unsigned char c) {
  /* One test of a bit: ' ', '\t', '\n', '\r', '\f'. */
  return c <= ' ' &&
         ((UINT64_C(1) << c) & ((UINT64_C(1) << ' ') | (UINT64_C(1) << '\t') |
                                (UINT64_C(1) << '\n') | (UINT64_C(1) << '\r') |
                                (UINT64_C(1) << '\f'))) != 0;
}

/* The bytes that end an attribute's name (k_name_end) or an unquoted
 * value (k_value_end). */
static const unsigned char k_name_end[256] = {
    [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, ['\f'] = 1,
    ['/'] = 1, ['>'] = 1,  ['='] = 1,  ['<'] = 1};
static const unsigned char k_value_end[256] = {
    [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, ['\f'] = 1, ['>'] = 1};

static bool is_name_char(unsigned char c) {
  return is_alpha(c) || is_digit(c) || c == '-' || c == '_' || c == ':' ||
         c == '.';
}

static char lower(char c) {
  return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* How text is copied: as it is (raw text), with character references
 * decoded, or decoded as in an attribute value. */
enum { REFS_NONE, REFS_TEXT, REFS_ATTR };

/* The names browsers read without their ';' (HTML's "legacy" ones: the
 * Latin-1 characters of HTML 4 and six upper case spellings), sorted as
 * strcmp sorts: "&nbsp&nbsp", "&copy 2024" and "&nbsp1" in old pages
 * are characters on screen, not letters. */
static const char *const k_legacy[] = {
    "AElig",  "AMP",    "Aacute", "Acirc",  "Agrave", "Aring",  "Atilde",
    "Auml",   "COPY",   "Ccedil", "ETH",    "Eacute", "Ecirc",  "Egrave",
    "Euml",   "GT",     "Iacute", "Icirc",  "Igrave", "Iuml",   "LT",
    "Ntilde", "Oacute", "Ocirc",  "Ograve", "Oslash", "Otilde", "Ouml",
    "QUOT",   "REG",    "THORN",  "Uacute", "Ucirc",  "Ugrave", "Uuml",
    "Yacute", "aacute", "acirc",  "acute",  "aelig",  "agrave", "amp",
    "aring",  "atilde", "auml",   "brvbar", "ccedil", "cedil",  "cent",
    "copy",   "curren", "deg",    "divide", "eacute", "ecirc",  "egrave",
    "eth",    "euml",   "frac12", "frac14", "frac34", "gt",     "iacute",
    "icirc",  "iexcl",  "igrave", "iquest", "iuml",   "laquo",  "lt",
    "macr",   "micro",  "middot", "nbsp",   "not",    "ntilde", "oacute",
    "ocirc",  "ograve", "ordf",   "ordm",   "oslash", "otilde", "ouml",
    "para",   "plusmn", "pound",  "quot",   "raquo",  "reg",    "sect",
    "shy",    "sup1",   "sup2",   "sup3",   "szlig",  "thorn",  "times",
    "uacute", "ucirc",  "ugrave", "uml",    "uuml",   "yacute", "yen",
    "yuml"};
#define ZN_MAX_LEGACY 6 /* the longest of them */

static int cmp_name(const void *a, const void *b) {
  return strcmp((const char *)a, *(const char *const *)b);
}

/* The character of named reference name, or 0. */
static uint32_t entity_value(const char *name) {
  const htmlEntityDesc *e;
  /* The common ones without libxml2's linear search. */
  if (strcmp(name, "nbsp") == 0)
    return 0xA0;
  if (strcmp(name, "amp") == 0 || strcmp(name, "AMP") == 0)
    return '&';
  if (strcmp(name, "lt") == 0 || strcmp(name, "LT") == 0)
    return '<';
  if (strcmp(name, "gt") == 0 || strcmp(name, "GT") == 0)
    return '>';
  if (strcmp(name, "quot") == 0 || strcmp(name, "QUOT") == 0)
    return '"';
  if (strcmp(name, "COPY") == 0)
    return 0xA9;
  if (strcmp(name, "REG") == 0)
    return 0xAE;
  e = htmlEntityLookup((const xmlChar *)name);
  return e != NULL ? e->value : 0;
}

/* What browsers read &#128; to &#159; as: Windows-1252's characters
 * there (0 where it has none: the code point stays). */
static const uint16_t k_cp1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

/* The character reference at s[0..n) (s[0] is '&'): its length, with its
 * character written to out; 0 when none is there (the '&' is text).  What
 * it writes is never longer than what it reads.  A named one needs its
 * ';' unless it is a legacy name (k_legacy), and in an attribute value
 * (attr) not even then when a letter, digit or '=' follows it: "?a=1&copy=2"
 * is an address. */
static size_t char_ref(const char *s, size_t n, bool attr, char *out,
                       size_t *out_len) {
  size_t i = 1;
  if (i < n && s[i] == '#') {
    bool hex = i + 1 < n && (s[i + 1] == 'x' || s[i + 1] == 'X');
    uint32_t cp = 0;
    size_t d0;
    i += hex ? 2 : 1;
    d0 = i;
    for (; i < n; i++) {
      unsigned char c = (unsigned char)s[i];
      unsigned v;
      if (is_digit(c))
        v = c - '0';
      else if (hex && lower((char)c) >= 'a' && lower((char)c) <= 'f')
        v = (unsigned)(lower((char)c) - 'a' + 10);
      else
        break;
      if (cp <= 0x10FFFF)
        cp = cp * (hex ? 16 : 10) + v;
    }
    if (i == d0)
      return 0;
    if (i < n && s[i] == ';')
      i++;
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      cp = 0xFFFD;
    else if (cp >= 0x80 && cp <= 0x9F && k_cp1252[cp - 0x80] != 0)
      cp = k_cp1252[cp - 0x80];
    *out_len = (size_t)zn__utf8_encode_inl(cp, out);
    return i;
  } else {
    char name[ZN_MAX_ENTITY_NAME + 1];
    uint32_t cp = 0;
    size_t k = 0;
    while (i < n && k < ZN_MAX_ENTITY_NAME &&
           (is_alpha((unsigned char)s[i]) || is_digit((unsigned char)s[i])))
      name[k++] = s[i++];
    if (k == 0)
      return 0;
    name[k] = '\0';
    if (i < n && s[i] == ';' && k <= ZN_MAX_HTML4_NAME)
      cp = entity_value(name);
    if (cp != 0 && cp <= 0xFFFF) {
      *out_len = (size_t)zn__utf8_encode_inl(cp, out);
      return i + 1;
    }
    /* The longest legacy name the letters start with, ';' or not. */
    for (k = k < ZN_MAX_LEGACY ? k : ZN_MAX_LEGACY; k >= 2; k--) {
      char c = 1 + k < n ? s[1 + k] : '\0';
      name[k] = '\0';
      if (bsearch(name, k_legacy, sizeof k_legacy / sizeof k_legacy[0],
                  sizeof k_legacy[0], cmp_name) == NULL)
        continue;
      if (attr && (is_alpha((unsigned char)c) || is_digit((unsigned char)c) ||
                   c == '='))
        return 0;
      cp = entity_value(name);
      if (cp == 0)
        return 0;
      *out_len = (size_t)zn__utf8_encode_inl(cp, out);
      return 1 + k + (c == ';');
    }
    return 0;
  }
}

/* Copies s[0..n) to out, character references decoded if refs, NUL bytes
 * left out; returns the length written (at most n). */
static size_t copy_text(const char *s, size_t n, int refs, char *out) {
  size_t o = 0;
  size_t i = 0;
  while (i < n) {
    const char *amp = refs ? memchr(s + i, '&', n - i) : NULL;
    size_t run = amp != NULL ? (size_t)(amp - s) - i : n - i;
    size_t used;
    size_t w;
    memcpy(out + o, s + i, run);
    o += run;
    i += run;
    if (i == n)
      break;
    used = char_ref(s + i, n - i, refs == REFS_ATTR, out + o, &w);
    if (used == 0) {
      out[o++] = '&';
      i++;
    } else {
      o += w;
      i += used;
    }
  }
  /* A NUL would end the text early for every reader: none are kept. */
  if (memchr(out, '\0', o) != NULL) {
    size_t k = 0;
    for (size_t j = 0; j < o; j++) {
      if (out[j] != '\0')
        out[k++] = out[j];
    }
    o = k;
  }
  out[o] = '\0';
  return o;
}

/* ---------------------------------------------------------- the parser */

struct parser {
  zn_hdoc *doc;
  const char *s;
  size_t len;
  zn_hnode *cur;  /* the current open element */
  zn_hnode *head; /* the open <head>, if one is */
  bool body;      /* a <body> was started */
  bool nomem;
  /* How many elements of each tag are open: a search for one to close
   * is skipped when none is, so that markup left open (thousands of
   * <div>, <span>, <ul>) does not make every later tag walk
   * ZN_MAX_SCOPE_WALK levels for a <p> or an <li> that is not there. */
  size_t open[ZN_TAG_COUNT];
  /* Where no "</title" (0) or "</textarea" (1) follows, once seen: each
   * unclosed title must not search the rest of the page again. */
  size_t no_end[2];
};

static void append(zn_hnode *parent, zn_hnode *n) {
  n->parent = parent;
  n->prev = parent->last;
  if (parent->last != NULL)
    parent->last->next = n;
  else
    parent->children = n;
  parent->last = n;
}

static zn_hnode *new_node(struct parser *p, unsigned char type) {
  zn_hnode *n = arena_alloc(p->doc, sizeof *n);
  if (n == NULL) {
    p->nomem = true;
    return NULL;
  }
  memset(n, 0, sizeof *n);
  n->type = type;
  return n;
}

/* A copy of s[0..n) in the arena, references decoded if refs; *w gets
 * its length. */
static char *arena_text(struct parser *p, const char *s, size_t n, int refs,
                        size_t *w) {
  char *t = arena_alloc(p->doc, n + 1);
  if (t == NULL) {
    p->nomem = true;
    return NULL;
  }
  *w = copy_text(s, n, refs, t);
  arena_trim(p->doc, t, n + 1, *w + 1);
  return t;
}

/* The elements beside the F_SCOPE ones that bound a <p>'s scope. */
static const enum zn_tag k_button[] = {ZN_TAG_BUTTON, ZN_TAG_OTHER};

/* Pops the open elements up to and including n. */
static void close_through(struct parser *p, zn_hnode *n) {
  for (zn_hnode *c = p->cur; c != NULL && c->parent != NULL; c = c->parent) {
    p->open[c->tag]--;
    if (c == p->head)
      p->head = NULL;
    if (c == n)
      break;
  }
  if (n->parent != NULL)
    p->cur = n->parent;
}

/* The nearest open element with tag t (or, for ZN_TAG_OTHER, name) that
 * no element with a flag in stop (or tag in stop_tags) hides; NULL. */
static zn_hnode *find_open(struct parser *p, enum zn_tag t, const char *name,
                           unsigned stop, const enum zn_tag *stop_tags) {
  zn_hnode *n = p->cur;
  if (p->open[t] == 0)
    return NULL;
  for (int k = 0; n != NULL && n->parent != NULL && k < ZN_MAX_SCOPE_WALK;
       k++, n = n->parent) {
    if (n->tag == t &&
        (t != ZN_TAG_OTHER || (name != NULL && strcmp(n->name, name) == 0)))
      return n;
    if (has(n, stop))
      return NULL;
    for (size_t j = 0; stop_tags != NULL && stop_tags[j] != ZN_TAG_OTHER; j++) {
      if (n->tag == stop_tags[j])
        return NULL;
    }
  }
  return NULL;
}

static void close_open(struct parser *p, enum zn_tag t, unsigned stop,
                       const enum zn_tag *stop_tags) {
  zn_hnode *n = find_open(p, t, NULL, stop, stop_tags);
  if (n != NULL)
    close_through(p, n);
}

/* The nearest open heading in scope: any heading's end tag closes it, as
 * in browsers (a CMS's <h1>...</h2> must not leave the article inside
 * the headline). */
static zn_hnode *find_open_heading(struct parser *p) {
  zn_hnode *n = p->cur;
  size_t any = 0;
  for (int h = ZN_TAG_H1; h <= ZN_TAG_H6; h++)
    any += p->open[h];
  if (any == 0)
    return NULL;
  for (int k = 0; n != NULL && n->parent != NULL && k < ZN_MAX_SCOPE_WALK;
       k++, n = n->parent) {
    if (is_heading((enum zn_tag)n->tag))
      return n;
    if (has(n, F_SCOPE))
      return NULL;
  }
  return NULL;
}

/* Closes the nearest open element with tag a or b, unless an element
 * with a tag in stop, or, with items, a block other than address, div and
 * p (the rule for <li>, <dt>, <dd>) lies between. */
static void close_nearest(struct parser *p, enum zn_tag a, enum zn_tag b,
                          const enum zn_tag *stop, bool items) {
  zn_hnode *n = p->cur;
  if (p->open[a] == 0 && p->open[b] == 0)
    return;
  for (int k = 0; n != NULL && n->parent != NULL && k < ZN_MAX_SCOPE_WALK;
       k++, n = n->parent) {
    if (n->tag == a || n->tag == b) {
      close_through(p, n);
      return;
    }
    if (items && has(n, F_SPECIAL) && n->tag != ZN_TAG_ADDRESS &&
        n->tag != ZN_TAG_DIV && n->tag != ZN_TAG_P)
      return;
    for (size_t j = 0; stop != NULL && stop[j] != ZN_TAG_OTHER; j++) {
      if (n->tag == stop[j])
        return;
    }
  }
}

/* What a start tag of t closes first. */
static void implied_ends(struct parser *p, enum zn_tag t) {
  static const enum zn_tag button[] = {ZN_TAG_BUTTON, ZN_TAG_OTHER};
  static const enum zn_tag rows[] = {ZN_TAG_TABLE, ZN_TAG_TBODY, ZN_TAG_THEAD,
                                     ZN_TAG_TFOOT, ZN_TAG_OTHER};
  static const enum zn_tag cells[] = {ZN_TAG_TR, ZN_TAG_TABLE, ZN_TAG_OTHER};
  static const enum zn_tag sections[] = {ZN_TAG_TABLE, ZN_TAG_OTHER};
  if (k_flags[t] & F_CLOSES_P)
    close_open(p, ZN_TAG_P, F_SCOPE, button);
  switch (t) {
  case ZN_TAG_LI:
    close_nearest(p, ZN_TAG_LI, ZN_TAG_LI, NULL, true);
    break;
  case ZN_TAG_DD:
  case ZN_TAG_DT:
    close_nearest(p, ZN_TAG_DD, ZN_TAG_DT, NULL, true);
    break;
  case ZN_TAG_H1:
  case ZN_TAG_H2:
  case ZN_TAG_H3:
  case ZN_TAG_H4:
  case ZN_TAG_H5:
  case ZN_TAG_H6:
    if (is_heading((enum zn_tag)p->cur->tag))
      close_through(p, p->cur);
    break;
  case ZN_TAG_A:
    /* Not across a block: a link left open around a page's layout
     * (<a href=/><img> with no </a>) must not have every later link
     * close the containers the article sits in.  Browsers keep the
     * blocks too (the adoption agency moves them out of the link). */
    close_open(p, ZN_TAG_A, F_SPECIAL, NULL);
    break;
  case ZN_TAG_BUTTON:
    close_open(p, ZN_TAG_BUTTON, F_SCOPE, NULL);
    break;
  case ZN_TAG_OPTION:
  case ZN_TAG_OPTGROUP:
    if (p->cur->tag == ZN_TAG_OPTION)
      close_through(p, p->cur);
    if (t == ZN_TAG_OPTGROUP && p->cur->tag == ZN_TAG_OPTGROUP)
      close_through(p, p->cur);
    break;
  case ZN_TAG_TR:
    close_nearest(p, ZN_TAG_TR, ZN_TAG_TR, rows, false);
    break;
  case ZN_TAG_TD:
  case ZN_TAG_TH:
    close_nearest(p, ZN_TAG_TD, ZN_TAG_TH, cells, false);
    break;
  case ZN_TAG_TBODY:
  case ZN_TAG_THEAD:
  case ZN_TAG_TFOOT:
    close_nearest(p, ZN_TAG_TBODY, ZN_TAG_THEAD, sections, false);
    close_nearest(p, ZN_TAG_TFOOT, ZN_TAG_TFOOT, sections, false);
    break;
  default:
    break;
  }
}

/* Whether the walks read attribute name of element t: class and id
 * anywhere, and what html.c reads from meta, link, script and time. */
static bool attr_kept(enum zn_tag t, const char *name, size_t n) {
#define IS(lit) (n == sizeof lit - 1 && memcmp(name, lit, n) == 0)
  if (IS("class") || IS("id"))
    return true;
  switch (t) {
  case ZN_TAG_META:
    return IS("property") || IS("content") || IS("name") || IS("itemprop");
  case ZN_TAG_LINK:
    return IS("rel") || IS("href");
  case ZN_TAG_SCRIPT:
    return IS("type");
  case ZN_TAG_TIME:
    return IS("datetime");
  default:
    return false;
  }
#undef IS
}

static void add_attr(struct parser *p, zn_hnode *e, const char *name,
                     size_t nlen, const char *v, size_t vlen) {
  zn_hattr *a;
  zn_hattr **tail = &e->attrs;
  size_t w;
  char low[16];
  if (nlen >= sizeof low)
    return; /* no attribute read has so long a name */
  for (size_t k = 0; k < nlen; k++)
    low[k] = lower(name[k]);
  if (!attr_kept((enum zn_tag)e->tag, low, nlen))
    return;
  low[nlen] = '\0';
  for (; *tail != NULL; tail = &(*tail)->next) {
    if (strcmp((*tail)->name, low) == 0)
      return; /* a repeated name keeps its first value */
  }
  a = arena_alloc(p->doc, sizeof *a + nlen + 1);
  if (a == NULL) {
    p->nomem = true;
    return;
  }
  a->next = NULL;
  memcpy((char *)(a + 1), low, nlen + 1);
  a->name = (const char *)(a + 1);
  a->value = v != NULL ? arena_text(p, v, vlen, REFS_ATTR, &w) : "";
  if (a->value == NULL)
    return;
  *tail = a;
}

/* Where the raw text of element name that starts at from ends ("</name"
 * and a space, '/' or '>'), or len. */
static size_t raw_end(const char *s, size_t len, size_t from,
                      const char *name) {
  size_t n = strlen(name);
  const char *q = s + from;
  const char *end = s + len;
  while ((q = memchr(q, '<', (size_t)(end - q))) != NULL) {
    if ((size_t)(end - q) >= n + 2 && q[1] == '/') {
      size_t k = 0;
      while (k < n && lower(q[2 + k]) == name[k])
        k++;
      if (k == n &&
          ((size_t)(end - q) == n + 2 || is_space((unsigned char)q[n + 2]) ||
           q[n + 2] == '/' || q[n + 2] == '>'))
        return (size_t)(q - s);
    }
    q++;
  }
  return len;
}

/* The index past the '>' at or after i, or len. */
static size_t past_gt(const char *s, size_t len, size_t i) {
  const char *q = memchr(s + i, '>', len - i);
  return q != NULL ? (size_t)(q - s) + 1 : len;
}

static void add_text(struct parser *p, const char *s, size_t n, int refs) {
  zn_hnode *t;
  bool blank = true;
  for (size_t k = 0; k < n && blank; k++)
    blank = is_space((unsigned char)s[k]);
  if (blank) {
    const zn_hnode *last = p->cur->last;
    if (p->cur->tag == ZN_TAG_HTML || p->cur->tag == ZN_TAG_HEAD)
      return;
    if (last == NULL ? !has(p->cur, F_PCDATA)
                     : last->type == ZN_HNODE_ELEMENT && !has(last, F_PCDATA))
      return;
  } else if (p->head != NULL) {
    close_through(p, p->head); /* text ends the head */
  }
  t = new_node(p, ZN_HNODE_TEXT);
  if (t == NULL)
    return;
  if (blank) {
    /* Every reader takes white space for one space: no copy. */
    static char space[] = " ";
    t->content = space;
    t->len = 1;
  } else {
    t->content = arena_text(p, s, n, refs, &t->len);
  }
  /* Text of NUL bytes only is left out with them: no empty nodes. */
  if (t->content != NULL && t->len > 0)
    append(p->cur, t);
}

/* Reads the start tag at s[i] ('<' and a letter); returns the index past
 * it (and past the raw text of a script or style). */
static size_t start_tag(struct parser *p, size_t i) {
  const char *s = p->s;
  size_t len = p->len;
  size_t j = i + 1;
  char low[ZN_MAX_NAME + 1];
  size_t nlen = 0;
  enum zn_tag t;
  zn_hnode *e;
  bool self_closed = false;
  bool ended = false;
  size_t c1 = len; /* where the raw text of a script or title ends */

  while (j < len && is_name_char((unsigned char)s[j])) {
    if (nlen < ZN_MAX_NAME)
      low[nlen++] = lower(s[j]);
    j++;
  }
  low[nlen] = '\0';
  t = zn__html_tag_of(low, nlen);
  e = new_node(p, ZN_HNODE_ELEMENT);
  if (e == NULL)
    return len;
  e->tag = (unsigned char)t;
  if (t != ZN_TAG_OTHER) {
    e->name = zn__html_tag_name(t);
  } else {
    char *nm = arena_alloc(p->doc, nlen + 1);
    if (nm == NULL) {
      p->nomem = true;
      return len;
    }
    memcpy(nm, low, nlen + 1);
    e->name = nm;
  }
  /* The attributes. */
  while (j < len) {
    unsigned char c = (unsigned char)s[j];
    size_t a0;
    size_t a1;
    if (is_space(c)) {
      j++;
      continue;
    }
    if (c == '>') {
      j++;
      ended = true;
      break;
    }
    if (c == '/') {
      if (j + 1 < len && s[j + 1] == '>') {
        self_closed = true;
        j += 2;
        ended = true;
        break;
      }
      j++;
      continue;
    }
    if (c == '<') { /* a tag left open: it ends here */
      ended = true;
      break;
    }
    a0 = j;
    j++; /* a name may start with any other character, '=' too */
    while (j < len && !k_name_end[(unsigned char)s[j]])
      j++;
    a1 = j;
    while (j < len && is_space((unsigned char)s[j]))
      j++;
    if (j < len && s[j] == '=') {
      size_t v0;
      size_t v1;
      j++;
      while (j < len && is_space((unsigned char)s[j]))
        j++;
      if (j < len && (s[j] == '"' || s[j] == '\'')) {
        const char *q = memchr(s + j + 1, s[j], len - j - 1);
        v0 = j + 1;
        if (q == NULL) {
          /* A quote left open: the value runs to the tag's end. */
          q = memchr(s + v0, '>', len - v0);
          v1 = q != NULL ? (size_t)(q - s) : len;
          j = v1;
        } else {
          v1 = (size_t)(q - s);
          j = v1 + 1;
        }
      } else {
        v0 = j;
        while (j < len && !k_value_end[(unsigned char)s[j]])
          j++;
        v1 = j;
      }
      add_attr(p, e, s + a0, a1 - a0, s + v0, v1 - v0);
    } else {
      add_attr(p, e, s + a0, a1 - a0, NULL, 0);
    }
    if (p->nomem)
      return len;
  }
  if (!ended)
    return len; /* the page ends inside the tag: no element */

  /* Where it goes. */
  if (t == ZN_TAG_HTML) {
    if (p->doc->root->attrs == NULL)
      p->doc->root->attrs = e->attrs;
    return j;
  }
  if (t == ZN_TAG_BODY) {
    if (!p->body) {
      p->body = true;
      p->head = NULL;
      for (; p->cur != p->doc->root; p->cur = p->cur->parent)
        p->open[p->cur->tag]--;
      append(p->cur, e);
      p->cur = e;
      p->open[t]++;
    }
    return j;
  }
  if (t == ZN_TAG_HEAD) {
    if (p->body || p->head != NULL || p->doc->root->children != NULL ||
        p->cur != p->doc->root)
      return j;
    append(p->cur, e);
    p->head = e;
    p->cur = e;
    p->open[t]++;
    return j;
  }
  if (p->head != NULL && !(k_flags[t] & F_IN_HEAD))
    close_through(p, p->head);
  implied_ends(p, t);
  append(p->cur, e);
  if ((k_flags[t] & F_VOID) || self_closed)
    return j;
  if (t == ZN_TAG_TITLE || t == ZN_TAG_TEXTAREA) {
    size_t *none = &p->no_end[t == ZN_TAG_TEXTAREA];
    c1 = j >= *none ? len : raw_end(s, len, j, e->name);
    if (c1 == len && j < *none)
      *none = j;
  } else if (k_flags[t] & F_RAW) {
    c1 = raw_end(s, len, j, e->name);
  }
  if (c1 < len || (k_flags[t] & F_RAW)) {
    if (c1 > j) {
      zn_hnode *txt = new_node(p, ZN_HNODE_TEXT);
      if (txt == NULL)
        return len;
      txt->content =
          arena_text(p, s + j, c1 - j,
                     (k_flags[t] & F_RAW) ? REFS_NONE : REFS_TEXT, &txt->len);
      if (txt->content == NULL)
        return len;
      append(e, txt);
    }
    return c1 < len ? past_gt(s, len, c1) : len;
  }
  p->cur = e;
  p->open[t]++;
  return j;
}

/* Reads the end tag at s[i] ("</" and a letter); returns the index past
 * it. */
static size_t end_tag(struct parser *p, size_t i) {
  const char *s = p->s;
  size_t j = i + 2;
  char low[ZN_MAX_NAME + 1];
  size_t nlen = 0;
  enum zn_tag t;
  zn_hnode *n;
  while (j < p->len && is_name_char((unsigned char)s[j])) {
    if (nlen < ZN_MAX_NAME)
      low[nlen++] = lower(s[j]);
    j++;
  }
  low[nlen] = '\0';
  j = past_gt(s, p->len, j);
  t = zn__html_tag_of(low, nlen);
  if (t == ZN_TAG_BR || (t == ZN_TAG_P && find_open(p, ZN_TAG_P, NULL, F_SCOPE,
                                                    k_button) == NULL)) {
    /* Browsers read </br> as <br>, and </p> with no <p> open as <p></p>;
     * CMSs write them between paragraphs ("第一段</br></br>第二段",
     * "第一段</p>第二段</p>"): a line break, not nothing. */
    zn_hnode *e = new_node(p, ZN_HNODE_ELEMENT);
    if (e == NULL)
      return p->len;
    e->tag = (unsigned char)t;
    e->name = zn__html_tag_name(t);
    if (p->head != NULL)
      close_through(p, p->head);
    append(p->cur, e);
    return j;
  }
  if ((k_flags[t] & F_VOID) || t == ZN_TAG_BODY || t == ZN_TAG_HTML)
    return j;
  if (t == ZN_TAG_HEAD) {
    if (p->head != NULL)
      close_through(p, p->head);
    return j;
  }
  if (t != ZN_TAG_OTHER && (k_flags[t] & F_SPECIAL)) {
    /* A block's end tag: within scope (a table or a cell bounds it). */
    static const enum zn_tag table[] = {ZN_TAG_TABLE, ZN_TAG_OTHER};
    static const enum zn_tag list[] = {ZN_TAG_OL, ZN_TAG_UL, ZN_TAG_OTHER};
    static const enum zn_tag button[] = {ZN_TAG_BUTTON, ZN_TAG_OTHER};
    switch (t) {
    case ZN_TAG_TR:
    case ZN_TAG_TD:
    case ZN_TAG_TH:
    case ZN_TAG_TBODY:
    case ZN_TAG_THEAD:
    case ZN_TAG_TFOOT:
    case ZN_TAG_CAPTION:
      n = find_open(p, t, NULL, 0, table);
      break;
    case ZN_TAG_LI:
      n = find_open(p, t, NULL, F_SCOPE, list);
      break;
    case ZN_TAG_P:
      n = find_open(p, t, NULL, F_SCOPE, button);
      break;
    case ZN_TAG_H1:
    case ZN_TAG_H2:
    case ZN_TAG_H3:
    case ZN_TAG_H4:
    case ZN_TAG_H5:
    case ZN_TAG_H6:
      n = find_open_heading(p);
      break;
    default:
      n = find_open(p, t, NULL, t == ZN_TAG_TABLE ? 0 : F_SCOPE, NULL);
      break;
    }
  } else {
    /* An inline element's: never across a block. */
    n = find_open(p, t, low, F_SPECIAL, NULL);
  }
  if (n != NULL)
    close_through(p, n);
  return j;
}

int zn__html_parse(const char *html, size_t len, zn_hdoc **out) {
  struct parser p;
  zn_hdoc *d;
  size_t i = 0;
  size_t text = 0; /* where the text not yet added starts */

  *out = NULL;
  d = zn_malloc(sizeof *d);
  if (d == NULL)
    return ZN_ENOMEM;
  memset(d, 0, sizeof *d);
  memset(&p, 0, sizeof p);
  p.no_end[0] = p.no_end[1] = SIZE_MAX;
  p.doc = d;
  p.s = html;
  p.len = len;
  d->root = new_node(&p, ZN_HNODE_ELEMENT);
  if (d->root == NULL) {
    zn__html_free(d);
    return ZN_ENOMEM;
  }
  d->root->tag = ZN_TAG_HTML;
  d->root->name = zn__html_tag_name(ZN_TAG_HTML);
  p.cur = d->root;

  while (i < len && !p.nomem) {
    const char *lt = memchr(html + i, '<', len - i);
    size_t k;
    size_t next;
    unsigned char c;
    if (lt == NULL)
      break;
    k = (size_t)(lt - html);
    c = k + 1 < len ? (unsigned char)html[k + 1] : 0;
    if (is_alpha(c) || c == '/' || c == '!' || c == '?') {
      if (k > text)
        add_text(&p, html + text, k - text, REFS_TEXT);
      if (p.nomem)
        break;
    }
    if (is_alpha(c)) {
      next = start_tag(&p, k);
    } else if (c == '/' && k + 2 < len &&
               is_alpha((unsigned char)html[k + 2])) {
      next = end_tag(&p, k);
    } else if (c == '/' || c == '?') {
      next = past_gt(html, len, k + 1); /* "</>", "</ x>", "<?pi?>" */
    } else if (c == '!') {
      if (len - k >= 4 && memcmp(lt, "<!--", 4) == 0) {
        /* A comment: "<!-->" and "<!--->" are empty ones. */
        if (k + 4 < len && html[k + 4] == '>') {
          next = k + 5;
        } else if (k + 5 < len && html[k + 4] == '-' && html[k + 5] == '>') {
          next = k + 6;
        } else {
          const char *e = lt + 4;
          next = len;
          while ((e = memchr(e, '>', (size_t)(html + len - e))) != NULL) {
            /* "-->", or "--!>" as browsers also read. */
            if ((e - lt >= 6 && e[-1] == '-' && e[-2] == '-') ||
                (e - lt >= 7 && e[-1] == '!' && e[-2] == '-' && e[-3] == '-')) {
              next = (size_t)(e - html) + 1;
              break;
            }
            e++;
          }
        }
      } else {
        next = past_gt(html, len, k + 2); /* doctype, <![CDATA[ ... */
      }
    } else {
      i = k + 1; /* a '<' that starts nothing is text */
      continue;
    }
    i = next;
    text = next;
  }
  if (!p.nomem && text < len)
    add_text(&p, html + text, len - text, REFS_TEXT);
  if (p.nomem) {
    zn__html_free(d);
    return ZN_ENOMEM;
  }
  *out = d;
  return ZN_OK;
}

char *zn__html_text(const zn_hnode *n) {
  zn_buf b;
  zn_buf_init(&b, 0);
  for (const zn_hnode *c = n->children; c != NULL; c = zn__hnode_next(c, n)) {
    if (c->type == ZN_HNODE_TEXT && zn_buf_append_str(&b, c->content) != 0) {
      zn_buf_free(&b);
      return NULL;
    }
  }
  return zn_buf_detach(&b, NULL);
}
