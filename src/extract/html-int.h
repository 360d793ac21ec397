/* SPDX-License-Identifier: MIT */
/*
 * html-int.h - what html.c and blocks.c share: the element tests and the
 * main-content picker.  Not API.
 */
#ifndef ZN_EXTRACT_HTML_INT_H
#define ZN_EXTRACT_HTML_INT_H

#include <stdbool.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

/* The element names the walks test for.  An element is looked up once
 * (zn__html_tag) and then tested by number: a walk used to compare each
 * element's name with some forty names, one string comparison each. */
enum zn_tag {
  ZN_TAG_OTHER, /* not an element, or a name not listed here */
  ZN_TAG_A,
  ZN_TAG_ADDRESS,
  ZN_TAG_ARTICLE,
  ZN_TAG_ASIDE,
  ZN_TAG_BLOCKQUOTE,
  ZN_TAG_BODY,
  ZN_TAG_BR,
  ZN_TAG_BUTTON,
  ZN_TAG_CANVAS,
  ZN_TAG_CAPTION,
  ZN_TAG_CENTER,
  ZN_TAG_DD,
  ZN_TAG_DIV,
  ZN_TAG_DL,
  ZN_TAG_DT,
  ZN_TAG_EMBED,
  ZN_TAG_FIGCAPTION,
  ZN_TAG_FIGURE,
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
  ZN_TAG_HR,
  ZN_TAG_HTML,
  ZN_TAG_IFRAME,
  ZN_TAG_IMG,
  ZN_TAG_INPUT,
  ZN_TAG_LI,
  ZN_TAG_LINK,
  ZN_TAG_MAIN,
  ZN_TAG_MAP,
  ZN_TAG_META,
  ZN_TAG_NAV,
  ZN_TAG_NOSCRIPT,
  ZN_TAG_OBJECT,
  ZN_TAG_OL,
  ZN_TAG_OPTION,
  ZN_TAG_P,
  ZN_TAG_PICTURE,
  ZN_TAG_PRE,
  ZN_TAG_SCRIPT,
  ZN_TAG_SECTION,
  ZN_TAG_SELECT,
  ZN_TAG_STYLE,
  ZN_TAG_SVG,
  ZN_TAG_TABLE,
  ZN_TAG_TBODY,
  ZN_TAG_TD,
  ZN_TAG_TEMPLATE,
  ZN_TAG_TEXTAREA,
  ZN_TAG_TH,
  ZN_TAG_THEAD,
  ZN_TAG_TIME,
  ZN_TAG_TITLE,
  ZN_TAG_TR,
  ZN_TAG_UL,
  ZN_TAG_COUNT
};

/* Which of the names above n's is (ASCII case-insensitive), or
 * ZN_TAG_OTHER. */
enum zn_tag zn__html_tag(const xmlNode *n);
enum zn_tag zn__html_tag_of_name(const xmlChar *name);
/* Elements whose content is never article text (script, nav, form...):
 * not a form holding more than a search box's text, an aside holding the
 * <h1>, or an <article>'s own footer.  zn__html_skipped_as() takes the
 * element's tag when the caller has it. */
bool zn__html_skipped(const xmlNode *n);
bool zn__html_skipped_as(const xmlNode *n, enum zn_tag t);
/* By the tag alone: the elements always skipped, forms, asides and
 * footers included. */
bool zn__html_tag_skipped(enum zn_tag t);
/* Elements a browser sets on lines of their own. */
bool zn__html_tag_is_block(enum zn_tag t);
/* The value of n's attribute name (no namespace), as xmlGetProp() gives
 * it ("" for one without a value), or NULL.  Borrowed from the tree: no
 * copy is made unless the value is split over several nodes, and then
 * *hold gets the copy, which the caller frees with xmlFree (NULL
 * otherwise). */
const char *zn__html_attr(const xmlNode *n, const char *name, xmlChar **hold);
/* True if n's class or id names page furniture the article never sits in
 * (comments, share bars, related-news lists, copyright footers). */
bool zn__html_is_furniture(const xmlNode *n);

/* True if n's class or id names a photo caption (img_descr, pic_txt...). */
bool zn__html_is_caption_class(const xmlNode *n);

/*
 * Parses an HTML page (valid UTF-8) into a libxml2 tree (htmlparse.c).
 * With lean, the content of scripts (but JSON-LD ones), style sheets and
 * comments is left out where that provably changes nothing else in the
 * tree, and *leaned says whether anything was: then a script or style
 * element may be empty that is not, so a reader of such content (the
 * text of an element holding one, a JSON-LD script that came out empty)
 * must parse again without lean.  Attributes no walk reads are left out
 * either way.  NULL when libxml2 gives no tree.  Free with xmlFreeDoc.
 */
htmlDocPtr zn__html_parse(const char *html, size_t len, bool lean,
                          bool *leaned);

/*
 * Block scoring: picks the element holding the article body below root --
 * the one whose paragraphs (text with Chinese sentence punctuation, few
 * links) score highest, helped or hurt by class/id hints -- and the run of
 * its siblings that continue it.  On success *first and *last are those
 * siblings (the same element when alone) and the result is 0; when nothing
 * reads as prose, ZN_ENOTEXT; else ZN_ENOMEM.  Elements deeper than
 * max_depth are not looked at.
 */
int zn__html_main_content(xmlNode *root, int max_depth, const xmlNode **first,
                          const xmlNode **last);

#endif /* ZN_EXTRACT_HTML_INT_H */
