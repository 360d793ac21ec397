/* SPDX-License-Identifier: MIT */
/* TEMPORARY stand-ins for dates.c, fingerprint.c and the JSON reader, which
 * are being written on the dates and dedup branches; this file is deleted
 * when they merge.  Nothing here is a feature. */
#include "analyze/internal.h"
#include <string.h>
void zn__date_anchor_from(const char *published, zn__date_anchor *out) {
  (void)published;
  memset(out, 0, sizeof *out);
}
int zn__find_dates(zn_analysis *an, size_t *cap, const zn__date_anchor *anchor,
                   size_t para, const char *text, size_t len) {
  (void)an;
  (void)cap;
  (void)anchor;
  (void)para;
  (void)text;
  (void)len;
  return 0;
}
int zn_fingerprint(const zn_article *art, zn_analysis *out) {
  (void)art;
  (void)out;
  return 0;
}
int zn_article_from_json(const char *json, size_t len, zn_article **out,
                         char *errmsg, size_t errmsg_len) {
  (void)json;
  (void)len;
  *out = NULL;
  if (errmsg_len)
    errmsg[0] = 0;
  (void)errmsg;
  return ZN_EFORMAT;
}
