/* SPDX-License-Identifier: MIT */
/*
 * fuzz-dates.c - libFuzzer target: the date finder of the analyze module
 * (src/analyze/dates.c).  The first byte picks the anchor (among them leap
 * days, year ends and none) and, when its high bit is set, an allocation to
 * fail; the rest is the text.  Invariants: the call returns 0, or
 * ZN_ENOMEM only under injection; every mention's span is non-empty,
 * inside the text, after the previous one, starts on a character boundary
 * and is valid UTF-8; every ISO string is one of the documented shapes
 * (2023, 2023-06, 2023-06-04, a day range whose start is not after its
 * end, or a day with a time HH:MM[:SS] and +08:00 or no offset) with a
 * real calendar date and clock time; a second run gives the same result.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "fuzz-common.h"

#include "analyze/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const anchors[] = {
    "2023-06-04T16:01:52+08:00",
    "2024-02-29",
    "2023-01-01T00:10:00+08:00",
    "2023-12-31T23:59:59Z",
    "2000-03-01",
    "0001-01-01",
    "9999-12-31",
    NULL,
};

/* Reads n digits at *p into *v. */
static bool digits(const char **p, int n, int *v) {
  *v = 0;
  for (int i = 0; i < n; i++) {
    if ((*p)[i] < '0' || (*p)[i] > '9')
      return false;
    *v = *v * 10 + ((*p)[i] - '0');
  }
  *p += n;
  return true;
}

static bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* A YYYY-MM-DD at *p: its value as yyyymmdd. */
static bool day_at(const char **p, long *ymd) {
  static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int y, m, d;
  if (!digits(p, 4, &y) || *(*p)++ != '-' || !digits(p, 2, &m) ||
      *(*p)++ != '-' || !digits(p, 2, &d))
    return false;
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > dim[m - 1] + (m == 2 && leap(y)))
    return false;
  *ymd = y * 10000L + m * 100 + d;
  return true;
}

static bool iso_ok(const char *z) {
  const char *p = z;
  size_t n = strlen(z);
  long a, b;
  int v, hh, mm;

  if (n == 4)
    return digits(&p, 4, &v) && v >= 1;
  if (n == 7)
    return digits(&p, 4, &v) && v >= 1 && *p++ == '-' && digits(&p, 2, &v) &&
           v >= 1 && v <= 12;
  if (!day_at(&p, &a))
    return false;
  if (*p == '\0')
    return true;
  if (*p == '/') {
    p++;
    return day_at(&p, &b) && *p == '\0' && a <= b;
  }
  if (*p++ != 'T' || !digits(&p, 2, &hh) || *p++ != ':' ||
      !digits(&p, 2, &mm) || hh > 23 || mm > 59)
    return false;
  if (*p == ':' && !(p++, digits(&p, 2, &v) && v <= 59))
    return false;
  return *p == '\0' || strcmp(p, "+08:00") == 0;
}

/* Runs the finder; on success checks the invariants and returns the
 * analysis for comparison. */
static int run(const zn__date_anchor *an_, const char *s, size_t len,
               zn_analysis *an) {
  size_t cap = 0, last_end = 0;
  int rc;

  memset(an, 0, sizeof *an);
  rc = zn__find_dates(an, &cap, an_, 7, s, len);
  ZN_FUZZ_CHECK(an->ndates <= cap);
  for (size_t i = 0; i < an->ndates; i++) {
    const zn_date_mention *d = &an->dates[i];
    ZN_FUZZ_CHECK(d->iso != NULL);
    ZN_FUZZ_CHECK(d->at.para == 7);
    ZN_FUZZ_CHECK(d->at.len > 0 && d->at.off + d->at.len <= len);
    ZN_FUZZ_CHECK(d->at.off >= last_end);
    ZN_FUZZ_CHECK(((unsigned char)s[d->at.off] & 0xC0) != 0x80);
    ZN_FUZZ_CHECK(zn_utf8_valid(s + d->at.off, d->at.len, NULL));
    ZN_FUZZ_CHECK(iso_ok(d->iso));
    last_end = d->at.off + d->at.len;
  }
  return rc;
}

static void release(zn_analysis *an) {
  for (size_t i = 0; i < an->ndates; i++)
    zn_free(an->dates[i].iso);
  zn_free(an->dates);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  zn__date_anchor a;
  zn_analysis x, y;
  const char *s;
  size_t len;
  int rc;

  if (size == 0)
    return 0;
  zn__date_anchor_from(anchors[data[0] % (sizeof anchors / sizeof *anchors)],
                       &a);
  s = (const char *)data + 1;
  len = size - 1;
  if (data[0] & 0x80) {
    zn_fuzz_inject((data[0] >> 3 & 0x0F) + 1);
    rc = run(&a, s, len, &x);
    zn_replace_allocator(NULL, NULL, NULL);
    ZN_FUZZ_CHECK(rc == ZN_OK || rc == ZN_ENOMEM);
    release(&x);
    return 0;
  }
  ZN_FUZZ_CHECK(run(&a, s, len, &x) == ZN_OK);
  ZN_FUZZ_CHECK(run(&a, s, len, &y) == ZN_OK);
  ZN_FUZZ_CHECK(x.ndates == y.ndates);
  for (size_t i = 0; i < x.ndates; i++) {
    ZN_FUZZ_CHECK(x.dates[i].at.off == y.dates[i].at.off);
    ZN_FUZZ_CHECK(x.dates[i].at.len == y.dates[i].at.len);
    ZN_FUZZ_CHECK(strcmp(x.dates[i].iso, y.dates[i].iso) == 0);
  }
  release(&x);
  release(&y);
  return 0;
}
