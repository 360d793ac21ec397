/* SPDX-License-Identifier: MIT */
/*
 * html-int.h - what htmlparse.c, html.c and blocks.c share: the page's
 * tree, the element tests and the main-content picker.  Not API.
 */
#ifndef ZN_EXTRACT_HTML_INT_H
#define ZN_EXTRACT_HTML_INT_H

#include <stdbool.h>
#include <stddef.h>

/* The element names the walks test for.  An element is looked up once
 * (zn__html_tag) and then tested by number: a walk used to compare each
 * element's name with some forty names, one string comparison each. */
enum zn_tag {
  ZN_TAG_OTHER, /* not an element, or a name not listed here */
  ZN_TAG_A,
  ZN_TAG_ABBR,
  ZN_TAG_ACRONYM,
  ZN_TAG_ADDRESS,
  ZN_TAG_APPLET,
  ZN_TAG_AREA,
  ZN_TAG_ARTICLE,
  ZN_TAG_ASIDE,
  ZN_TAG_B,
  ZN_TAG_BASE,
  ZN_TAG_BDO,
  ZN_TAG_BIG,
  ZN_TAG_BLOCKQUOTE,
  ZN_TAG_BODY,
  ZN_TAG_BR,
  ZN_TAG_BUTTON,
  ZN_TAG_CANVAS,
  ZN_TAG_CAPTION,
  ZN_TAG_CENTER,
  ZN_TAG_CITE,
  ZN_TAG_CODE,
  ZN_TAG_COL,
  ZN_TAG_COLGROUP,
  ZN_TAG_DD,
  ZN_TAG_DEL,
  ZN_TAG_DETAILS,
  ZN_TAG_DFN,
  ZN_TAG_DIALOG,
  ZN_TAG_DIR,
  ZN_TAG_DIV,
  ZN_TAG_DL,
  ZN_TAG_DT,
  ZN_TAG_EM,
  ZN_TAG_EMBED,
  ZN_TAG_FIELDSET,
  ZN_TAG_FIGCAPTION,
  ZN_TAG_FIGURE,
  ZN_TAG_FONT,
  ZN_TAG_FOOTER,
  ZN_TAG_FORM,
  ZN_TAG_H1,
  ZN_TAG_H2,
  ZN_TAG_H3,
  ZN_TAG_H4,
  ZN_TAG_H5,
  ZN_TAG_H6,
  ZN_TAG_HEAD,
  ZN_TAG_HEADER,
  ZN_TAG_HGROUP,
  ZN_TAG_HR,
  ZN_TAG_HTML,
  ZN_TAG_I,
  ZN_TAG_IFRAME,
  ZN_TAG_IMG,
  ZN_TAG_INPUT,
  ZN_TAG_INS,
  ZN_TAG_KBD,
  ZN_TAG_LABEL,
  ZN_TAG_LEGEND,
  ZN_TAG_LI,
  ZN_TAG_LINK,
  ZN_TAG_MAIN,
  ZN_TAG_MAP,
  ZN_TAG_MARQUEE,
  ZN_TAG_MENU,
  ZN_TAG_META,
  ZN_TAG_NAV,
  ZN_TAG_NOSCRIPT,
  ZN_TAG_OBJECT,
  ZN_TAG_OL,
  ZN_TAG_OPTGROUP,
  ZN_TAG_OPTION,
  ZN_TAG_P,
  ZN_TAG_PARAM,
  ZN_TAG_PICTURE,
  ZN_TAG_PRE,
  ZN_TAG_Q,
  ZN_TAG_S,
  ZN_TAG_SAMP,
  ZN_TAG_SCRIPT,
  ZN_TAG_SECTION,
  ZN_TAG_SELECT,
  ZN_TAG_SMALL,
  ZN_TAG_SOURCE,
  ZN_TAG_SPAN,
  ZN_TAG_STRIKE,
  ZN_TAG_STRONG,
  ZN_TAG_STYLE,
  ZN_TAG_SUMMARY,
  ZN_TAG_SVG,
  ZN_TAG_TABLE,
  ZN_TAG_TBODY,
  ZN_TAG_TD,
  ZN_TAG_TEMPLATE,
  ZN_TAG_TEXTAREA,
  ZN_TAG_TFOOT,
  ZN_TAG_TH,
  ZN_TAG_THEAD,
  ZN_TAG_TIME,
  ZN_TAG_TITLE,
  ZN_TAG_TR,
  ZN_TAG_TRACK,
  ZN_TAG_TT,
  ZN_TAG_U,
  ZN_TAG_UL,
  ZN_TAG_VAR,
  ZN_TAG_WBR,
  ZN_TAG_XMP,
  ZN_TAG_COUNT
};

/* What a node of the page's tree is. */
enum zn_hnode_type {
  ZN_HNODE_ELEMENT = 1,
  ZN_HNODE_TEXT = 3 /* text, also the raw content of a script or style */
};

/* An attribute the walks may read (htmlparse.c keeps no others). */
typedef struct zn_hattr {
  struct zn_hattr *next;
  const char *name;  /* lower case */
  const char *value; /* character references decoded; "" when none */
} zn_hattr;

/*
 * A node of the page's tree (htmlparse.c).  Everything lives in the
 * tree's arena and goes with zn__html_free(); the walks only read it, but
 * for `mark`.
 */
typedef struct zn_hnode {
  struct zn_hnode *parent;
  struct zn_hnode *children; /* the first child */
  struct zn_hnode *last;     /* the last child */
  struct zn_hnode *next;
  struct zn_hnode *prev;
  const char *name; /* an element's name, lower case; NULL for text */
  char *content;    /* text, NUL-terminated, character references decoded */
  size_t len;       /* strlen(content) */
  zn_hattr *attrs;
  size_t mark;         /* free for a walk's use (blocks.c: its entry + 1) */
  unsigned char type;  /* enum zn_hnode_type */
  unsigned char tag;   /* enum zn_tag, for an element */
  unsigned char hints; /* ZN_HINT_ bits of its class and id, once known */
} zn_hnode;

typedef struct zn_hdoc zn_hdoc;

/*
 * Parses an HTML page (UTF-8) into a tree (htmlparse.c): the tolerant
 * tree building browsers do, simplified (see there).  0, or ZN_ENOMEM.
 * The root is always an <html> element.  Free with zn__html_free().
 */
int zn__html_parse(const char *html, size_t len, zn_hdoc **out);
zn_hnode *zn__html_root(const zn_hdoc *doc);
void zn__html_free(zn_hdoc *doc);
/* All the text below n, in document order (scripts' too), as one new
 * string (zn_free), or NULL when out of memory. */
char *zn__html_text(const zn_hnode *n);

/* The node after n in document order below root, or NULL past the last:
 * a walk of any depth without recursion,
 *   for (c = root->children; c != NULL; c = zn__hnode_next(c, root)) */
static inline const zn_hnode *zn__hnode_next(const zn_hnode *n,
                                             const zn_hnode *root) {
  if (n->children != NULL)
    return n->children;
  while (n != root && n->next == NULL)
    n = n->parent;
  return n == root ? NULL : n->next;
}

/* Which of the names above n's is, or ZN_TAG_OTHER. */
static inline enum zn_tag zn__html_tag(const zn_hnode *n) {
  return n->type == ZN_HNODE_ELEMENT ? (enum zn_tag)n->tag : ZN_TAG_OTHER;
}
/* Which of the names above name[0..len) (lower case) is, or
 * ZN_TAG_OTHER; and the name of a tag. */
enum zn_tag zn__html_tag_of(const char *name, size_t len);
const char *zn__html_tag_name(enum zn_tag t);
/* Elements whose content is never article text (script, nav, form...):
 * not a form holding more than a search box's text, an aside holding the
 * <h1>, or an <article>'s own footer.  zn__html_skipped_as() takes the
 * element's tag when the caller has it. */
bool zn__html_skipped(const zn_hnode *n);
bool zn__html_skipped_as(const zn_hnode *n, enum zn_tag t);
/* By the tag alone: the elements always skipped, forms, asides and
 * footers included. */
bool zn__html_tag_skipped(enum zn_tag t);
/* Elements a browser sets on lines of their own. */
bool zn__html_tag_is_block(enum zn_tag t);
/* The value of n's attribute name (lower case), "" for one without a
 * value, or NULL. */
const char *zn__html_attr(const zn_hnode *n, const char *name);
/* What an element's class and id name (words anywhere in them, ASCII
 * case-insensitive; furniture words only where a word of the name
 * starts: "share" finds "share-box" and "BottomShare", not "BSHARE_POP",
 * sina's article container): worked out on the first question and kept
 * in the node's hints (ZN_HINT_KNOWN set then). */
enum {
  ZN_HINT_FURNITURE = 1, /* comments, share bars, related news, footers */
  ZN_HINT_CAPTION = 2,   /* a photo caption: img_descr, pic_txt ... */
  ZN_HINT_GOOD = 4,      /* an article container: content, artibody ... */
  ZN_HINT_BAD = 8,       /* page furniture: nav, banner, list ... */
  ZN_HINT_KNOWN = 128
};
unsigned zn__html_hints(const zn_hnode *n);
/* True if n's class or id names page furniture the article never sits in
 * (comments, share bars, related-news lists, copyright footers). */
bool zn__html_is_furniture(const zn_hnode *n);

/* True if n's class or id names a photo caption (img_descr, pic_txt...). */
bool zn__html_is_caption_class(const zn_hnode *n);

/*
 * Block scoring: picks the element holding the article body below root --
 * the one whose paragraphs (text with Chinese sentence punctuation, few
 * links) score highest, helped or hurt by class/id hints -- and the run of
 * its siblings that continue it.  On success *first and *last are those
 * siblings (the same element when alone) and the result is 0; when nothing
 * reads as prose, ZN_ENOTEXT; else ZN_ENOMEM.  Elements deeper than
 * max_depth are not looked at.
 */
int zn__html_main_content(zn_hnode *root, int max_depth, const zn_hnode **first,
                          const zn_hnode **last);

#endif /* ZN_EXTRACT_HTML_INT_H */
