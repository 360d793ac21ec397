/* SPDX-License-Identifier: MIT */
/*
 * html-int.h - what html.c and blocks.c share: the element tests and the
 * main-content picker.  Not API.
 */
#ifndef ZN_EXTRACT_HTML_INT_H
#define ZN_EXTRACT_HTML_INT_H

#include <stdbool.h>

#include <libxml/tree.h>

/* True if n is an element named tag (ASCII case-insensitive). */
bool zn__html_is(const xmlNode *n, const char *tag);
/* Elements whose content is never article text (script, nav, form...):
 * not a form holding more than a search box's text, an aside holding the
 * <h1>, or an <article>'s own footer. */
bool zn__html_skipped(const xmlNode *n);
/* Elements a browser sets on lines of their own. */
bool zn__html_is_block(const xmlNode *n);
/* True if n's class or id names page furniture the article never sits in
 * (comments, share bars, related-news lists, copyright footers). */
bool zn__html_is_furniture(const xmlNode *n);

/* True if n's class or id names a photo caption (img_descr, pic_txt...). */
bool zn__html_is_caption_class(const xmlNode *n);

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
