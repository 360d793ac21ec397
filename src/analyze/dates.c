/* SPDX-License-Identifier: MIT */
/*
 * dates.c - finds date and time mentions in Chinese news text and resolves
 * them to ISO 8601 against the publish time (the anchor), for the "dates"
 * of a Document (docs/FORMAT.md).  One left-to-right pass over a paragraph;
 * at each character that may start a mention (a bitmap of first characters,
 * then worth_trying() on what follows) the patterns below are tried, longest
 * form first, and a mention that matches but cannot be resolved is skipped
 * whole (so that "2023年6月4日" without an anchor never leaves a stray
 * "4日").
 *
 * What is a date, and how it resolves (A = the anchor: the publish date in
 * UTC+8; "the paragraph" is one call's text, as nothing carries over
 * between calls):
 *   absolute  2023年6月4日, 二〇二三年六月四日, 2023-06-04, 2023/6/4,
 *             2023.06.04 [16:01[:52]], 2023年6月, 2023年, 1998年度 (the span
 *             keeps 度), 08年10月 (a two-digit year only before a month);
 *             full-width digits as well as ASCII ones.  Resolved without A.
 *   no year   6月4日, 六月四日, 6月5号, 6月, 6月份, 元月: the year of an
 *             earlier year mention in the same sentence (2019年3月……5月)
 *             when the month is not before its month; else A's year, or the
 *             year before when that would put the month more than six months
 *             after A (A January, 12月 → last December).  Never the year
 *             after: news writes 明年 when it means it.
 *   day only  25日 (Arabic digits, 日 not 号): the month of an earlier
 *             written month in the paragraph when the day comes after its
 *             day (6月1日至3日, 4月28日、29日); else A's month, or the month
 *             before when the day is more than 7 days after A's day (A June
 *             4: 4日 → June 4, 10日 → June 10, 25日 → May 25).  A day that
 *             month lacks is dropped (A March 2: 30日).
 *   weekdays  周三 星期五 礼拜天 alone: that day of A's week (Monday to
 *             Sunday), the way news uses them; not after a day (6月7日（周
 *             三）), in repeats (每周三, 周一至周五) or after a number (一周
 *             一次).
 *   relative  今年 本年 去年 上年 明年 前年 后年; 本月 上月 下月 上个月
 *             下个月 (+ 25日); 今天 今日 昨天 昨日 前天 大前天 明天 明日 后天
 *             大后天 今晨 今早 今晚 今夜 昨晚 昨夜 前晚 明晚; 本周 这周 上周
 *             下周 (a Monday-Sunday range), 上周五 (that day), 上周末
 *             (Saturday-Sunday); 次日 翌日 当天 当日 当晚 against the
 *             paragraph's last day (dropped when it has none).
 *   ranges    YYYY-MM-DD/YYYY-MM-DD: 上半年 下半年 (第)一季度 首季度 前三季度
 *             after a year, or alone (the sentence's year, else A's);
 *             6月上旬/中旬/下旬; 1—5月份, 一至五月 (first to last day); 5月
 *             28～30日.
 *   times     上午10时 下午3点 晚8时30分 16时01分 10点半 5时许 16:01,
 *             right after a day (6月4日上午10时 → 2023-06-04T10:00+08:00)
 *             or alone, then on the paragraph's last day, else on A's day.
 *             A bare 3点 (三点要求) is no time: 点 needs a part of the day,
 *             minutes, 半, 许 or 整; Chinese-numeral hours need a part of
 *             the day or minutes; 16:01 needs a day or a part of the day.
 *             After 当地时间 the time is local abroad: no offset.  晚12时
 *             is written as the next day's 00:00.
 * Not dates: durations (3个月, 三年, 5天, 近3日, 连续5日, 不超过3日, 10日内,
 * 30日以上, 5日均线, 7日年化), repeats (每年6月30日前, 每天6时至22时),
 * lunar dates (农历五月初五), 十四五 and other numbered plans, numbers that
 * run on (12345日, 1.5日), 1990年代, 当年, 3号 (3号线), 早一点, 五月天. Without
 * an anchor only what carries its own year resolves, plus what hangs on such a
 * date in the same paragraph (2023年6月1日至3日).
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "zhnews/text.h"

#include "analyze/internal.h"

/* Longest ISO string we write: a day range (21 bytes) or a time with
 * seconds and offset (25 bytes), with room to spare. */
#define ZN_DATE_MAX_ISO 48
/* Digits read as one number; a longer run is never a date part. */
#define ZN_DATE_MAX_DIGITS 9

/* Parts of the day that shift a clock hour (晚8时 → 20:00). */
enum day_part {
  PD_NONE = 0,
  PD_AM,   /* 上午 早上: the hour as written */
  PD_DAWN, /* 凌晨: 12 is midnight */
  PD_NOON, /* 中午: 1 is 13:00 */
  PD_PM,   /* 下午 傍晚: add 12 below 12 */
  PD_EVE   /* 晚上 夜间: add 12 to 6-11, 12 is midnight, 1-5 as written */
};

/* What a mention resolves to.  prec: 0 nothing, 1 year, 2 month, 3 day. */
struct when {
  bool local; /* 当地时间: a time abroad, written without an offset */
  int prec;
  int y, m, d;
  bool range; /* y..d to y2..d2, both days */
  int y2, m2, d2;
  int hh, mi, ss; /* hh < 0: no time; ss < 0: no seconds */
};

/* The text being scanned and what earlier mentions in it said. */
struct scan {
  const char *s;
  size_t len;
  const zn__date_anchor *a;
  /* The paragraph's last resolved day (cd > 0) or month (cm > 0), and
   * whether its month was written out (6月, not 上月 or 昨天). */
  int cy, cm, cd;
  bool cm_written;
  /* The current sentence's last year (sy > 0) and month (sm, 0 = none). */
  int sy, sm;
};

/* A number read from the text. */
struct num {
  long v;
  size_t end; /* byte after the run */
  int ndig;   /* digits written (0 for a positional 二十三) */
  bool han;   /* Chinese numerals */
  bool liang; /* 两 */
  bool ok;    /* the run reads as a number */
};

/* ------------------------------------------------------ calendar helpers */

static bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m) {
  static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12)
    return 0;
  return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

static bool valid_ymd(int y, int m, int d) {
  return y >= 1 && y <= 9999 && d >= 1 && d <= days_in_month(y, m);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (the well-known
 * era-based conversion: 400-year eras of 146097 days). */
static long days_from_civil(int y, int m, int d) {
  long yy = (long)y - (m <= 2);
  long era = (yy >= 0 ? yy : yy - 399) / 400;
  long yoe = yy - era * 400;
  long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d) {
  long era, doe, yoe, doy, mp;
  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Monday = 0 ... Sunday = 6; 1970-01-01 was a Thursday. */
static int weekday(long z) {
  long w = (z + 3) % 7;
  return (int)(w < 0 ? w + 7 : w);
}

static void set_day(struct when *w, long z) {
  w->prec = 3;
  civil_from_days(z, &w->y, &w->m, &w->d);
}

static void set_range(struct when *w, long z1, long z2) {
  w->prec = 3;
  w->range = true;
  civil_from_days(z1, &w->y, &w->m, &w->d);
  civil_from_days(z2, &w->y2, &w->m2, &w->d2);
}

/* ------------------------------------------------------- text helpers */

static size_t lit(const struct scan *sc, size_t i, const char *w) {
  size_t n;
  /* Most words fail on their first bytes: test those before strlen and
   * memcmp (the scanner tries many words at many positions), up to the
   * end of a one-character word, as Chinese characters share their first
   * two bytes by the thousand. */
  if (i >= sc->len || sc->s[i] != w[0])
    return 0;
  if (w[1] == '\0')
    return 1;
  if (i + 1 >= sc->len || sc->s[i + 1] != w[1])
    return 0;
  if (w[2] == '\0')
    return 2;
  if (i + 2 >= sc->len || sc->s[i + 2] != w[2])
    return 0;
  if (w[3] == '\0')
    return 3;
  n = strlen(w);
  if (sc->len - i >= n && memcmp(sc->s + i, w, n) == 0)
    return n;
  return 0;
}

/* Index+1 of the first word of ws (NULL-terminated) at i, 0 if none; the
 * matched length goes to *n. */
static int lit_any(const struct scan *sc, size_t i, const char *const *ws,
                   size_t *n) {
  for (int k = 0; ws[k] != NULL; k++) {
    *n = lit(sc, i, ws[k]);
    if (*n > 0)
      return k + 1;
  }
  return 0;
}

static bool ends_with_n(const struct scan *sc, size_t i, const char *w,
                        size_t n) {
  return i >= n && sc->s[i - 1] == w[n - 1] && memcmp(sc->s + i - n, w, n) == 0;
}
/* Does the text end with w at i?  A macro, so that the compiler works out
 * the length of a literal w: a strlen call each was most of the time of
 * these tests. */
#define ends_with(sc, i, w) ends_with_n(sc, i, w, strlen(w))

/* The code point at i (-1 for invalid bytes or the end), its length in *n. */
static int32_t cp_at(const struct scan *sc, size_t i, size_t *n) {
  int32_t cp = -1;
  int k;
  if (i >= sc->len) {
    *n = 0;
    return -1;
  }
  k = zn__decode(sc->s + i, sc->len - i, &cp);
  *n = (size_t)(k > 0 ? k : 1);
  return cp;
}

/* The code point that ends just before i: -2 at the start, -1 for bytes
 * that do not decode to exactly that character. */
static int32_t cp_before(const struct scan *sc, size_t i) {
  size_t k;
  int32_t cp;
  if (i == 0)
    return -2;
  k = i - 1;
  while (k > 0 && i - k < 4 && ((unsigned char)sc->s[k] & 0xC0) == 0x80)
    k--;
  if (zn__decode(sc->s + k, i - k, &cp) != (int)(i - k))
    return -1;
  return cp;
}

/* 0-9 for an ASCII or full-width digit at i, -1 otherwise. */
static int arabic_at(const struct scan *sc, size_t i, size_t *n) {
  const unsigned char *u = (const unsigned char *)sc->s;
  if (i >= sc->len)
    return -1;
  if (u[i] >= '0' && u[i] <= '9') {
    *n = 1;
    return u[i] - '0';
  }
  if (u[i] == 0xEF && sc->len - i >= 3 && u[i + 1] == 0xBC &&
      u[i + 2] >= 0x90 && u[i + 2] <= 0x99) { /* U+FF10-FF19 */
    *n = 3;
    return u[i + 2] - 0x90;
  }
  return -1;
}

/* 0-9 for a Chinese digit, 10 for 十, -1 otherwise; 两 is 2.  (Keep them
 * in U+2500..U+9FFF, where may_start()'s bitmap looks for them.) */
static int han_digit(int32_t cp) {
  switch (cp) {
  case 0x3007: /* 〇 */
  case 0x96F6: /* 零 */
  case 0x25CB: /* ○, often typed for 〇 */
    return 0;
  case 0x4E00: /* 一 */
    return 1;
  case 0x4E8C: /* 二 */
  case 0x4E24: /* 两 */
    return 2;
  case 0x4E09: /* 三 */
    return 3;
  case 0x56DB: /* 四 */
    return 4;
  case 0x4E94: /* 五 */
    return 5;
  case 0x516D: /* 六 */
    return 6;
  case 0x4E03: /* 七 */
    return 7;
  case 0x516B: /* 八 */
    return 8;
  case 0x4E5D: /* 九 */
    return 9;
  case 0x5341: /* 十 */
    return 10;
  default:
    return -1;
  }
}

/* Reads the whole run of digits at i (Arabic, or Chinese numerals: digit
 * strings 二〇二三, or 十 forms up to 九十九).  False when no digit is at i;
 * nm->ok false when the run is no number we use (12345678901, 十四五). */
static bool read_num(const struct scan *sc, size_t i, struct num *nm) {
  size_t n;
  int dg = arabic_at(sc, i, &n);
  int32_t cp;
  int vals[ZN_DATE_MAX_DIGITS];
  int nv = 0, ntens = 0;
  bool too_long = false;

  memset(nm, 0, sizeof *nm);
  if (dg >= 0) {
    while (dg >= 0) {
      if (nm->ndig < ZN_DATE_MAX_DIGITS)
        nm->v = nm->v * 10 + dg;
      nm->ndig++;
      i += n;
      dg = arabic_at(sc, i, &n);
    }
    nm->end = i;
    nm->ok = nm->ndig <= ZN_DATE_MAX_DIGITS;
    return true;
  }
  cp = cp_at(sc, i, &n);
  if (han_digit(cp) < 0)
    return false;
  nm->han = true;
  while ((dg = han_digit(cp)) >= 0) {
    if (nv < ZN_DATE_MAX_DIGITS)
      vals[nv++] = dg;
    else
      too_long = true;
    if (dg == 10)
      ntens++;
    if (cp == 0x4E24)
      nm->liang = true;
    i += n;
    cp = cp_at(sc, i, &n);
  }
  nm->end = i;
  if (too_long || (nm->liang && nv != 1))
    return true;
  if (ntens == 0) {
    for (int k = 0; k < nv; k++)
      nm->v = nm->v * 10 + vals[k];
    nm->ndig = nv;
    nm->ok = true;
  } else if (ntens == 1 && nv <= 3) {
    /* 十, 十X, X十, X十Y with X in 2-9 and Y in 1-9. */
    int t = vals[0] == 10 ? 0 : 1; /* index of 十 */
    int hi = t == 0 ? 1 : vals[0];
    int lo = t + 1 < nv ? vals[t + 1] : 0;
    if (vals[t] == 10 && (t == 0 || (hi >= 2 && hi <= 9)) &&
        (t + 1 >= nv || (lo >= 1 && lo <= 9)) && nv <= t + 2) {
      nm->v = hi * 10 + lo;
      nm->ok = true;
    }
  }
  return true;
}

static bool is_digit_cp(int32_t cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* A number may start a date at i: it does not continue a number, a decimal,
 * a code (A5, 3/4, 16:01) or a Chinese numeral before it. */
static bool num_start_ok(const struct scan *sc, size_t i) {
  int32_t p = cp_before(sc, i);
  if (p == -2)
    return true;
  if (is_digit_cp(p) || han_digit(p) >= 0)
    return false;
  if ((p >= 'A' && p <= 'Z') || (p >= 'a' && p <= 'z'))
    return false;
  /* After a colon only when a digit is not before it: 时间：2023-06-04 is
   * a date, the 10 of 3:10 is not. */
  if (p == ':' || p == 0xFF1A) {
    int32_t q = cp_before(sc, i - (p == ':' ? 1 : 3));
    return !is_digit_cp(q);
  }
  return p != '.' && p != ',' && p != '/' && p != '+' && p != 0xFF0E &&
         p != 0xFF0F && p != -1;
}

/* A month or day without a year after these is a count, not a date:
 * 第3日, 近3日, 每月, 连续5日, 前5月, 满30日, 逾10日 ... */
static bool count_prefix(const struct scan *sc, size_t i) {
  static const zn__word pre[] = {
      ZN_W("第"),   ZN_W("近"),    ZN_W("每"),   ZN_W("续"),   ZN_W("满"),
      ZN_W("逾"),   ZN_W("超"),    ZN_W("约"),   ZN_W("共"),   ZN_W("前"),
      ZN_W("后"),   ZN_W("数"),    ZN_W("余"),   ZN_W("历"),   ZN_W("隔"),
      ZN_W("连"),   ZN_W("过"),    ZN_W("农历"), ZN_W("阴历"), ZN_W("每年"),
      ZN_W("每月"), ZN_W("每年的")};
  for (size_t k = 0; k < sizeof pre / sizeof pre[0]; k++)
    if (ends_with_n(sc, i, pre[k].s, pre[k].n))
      return true;
  return false;
}

/* ----------------------------------------------------------- resolving */

/* The year of a month written without one; false if none can be told. */
static bool year_for_month(const struct scan *sc, int m, int *y) {
  if (sc->sy > 0 && (sc->sm == 0 || m >= sc->sm)) {
    *y = sc->sy;
    return true;
  }
  if (!sc->a->valid)
    return false;
  *y = sc->a->year - (m - sc->a->month > 6);
  return true;
}

/* The month of a day written without one (25日). */
static bool month_for_day(const struct scan *sc, int d, int *y, int *m,
                          bool *via_ctx) {
  if (sc->cm > 0 && sc->cm_written && (sc->cd == 0 || d > sc->cd) &&
      valid_ymd(sc->cy, sc->cm, d)) {
    *y = sc->cy;
    *m = sc->cm;
    *via_ctx = true;
    return true;
  }
  if (!sc->a->valid)
    return false;
  *y = sc->a->year;
  *m = sc->a->month;
  if (d > sc->a->day + 7 && --*m == 0) {
    *m = 12;
    --*y;
  }
  return valid_ymd(*y, *m, d);
}

/* The day a time without one falls on. */
static bool day_for_time(const struct scan *sc, struct when *w) {
  if (sc->cd > 0) {
    w->y = sc->cy;
    w->m = sc->cm;
    w->d = sc->cd;
  } else if (sc->a->valid) {
    w->y = sc->a->year;
    w->m = sc->a->month;
    w->d = sc->a->day;
  } else {
    return false;
  }
  w->prec = 3;
  return true;
}

/* ------------------------------------------------------------- matching */

/* A clock time at i: [part of day] H(时|点)[M分[S秒]|半|钟][许|整] or
 * [part of day] H:MM[:SS].  attached: right after a day, where 16:01 and a
 * bare 3点 are times.  pd: the part of day a word before gave (今晚).
 * Returns the end, 0 if none; fills w->hh, mi, ss. */
static size_t match_time(const struct scan *sc, size_t i, int pd, bool attached,
                         struct when *w) {
  static const struct {
    const char *w;
    int pd;
  } parts[] = {
      {"凌晨", PD_DAWN}, {"清晨", PD_AM},   {"早晨", PD_AM},   {"早上", PD_AM},
      {"上午", PD_AM},   {"中午", PD_NOON}, {"午间", PD_NOON}, {"下午", PD_PM},
      {"午后", PD_PM},   {"傍晚", PD_PM},   {"晚上", PD_EVE},  {"晚间", PD_EVE},
      {"夜间", PD_EVE},  {"夜里", PD_EVE},  {"深夜", PD_EVE},  {"早", PD_AM},
      {"晚", PD_EVE},
  };
  static const char *const not_after_shi[] = {
      "期", "代", "间", "候", "段", "差", "速", "长", "效", "限",
      "薪", "制", "刻", "空", "区", "节", "态", "尚", "机", NULL};
  size_t j = i, n;
  struct num h, mm, ss;
  bool strong = false;
  int hour, minute = 0, second = -1;

  for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++) {
    n = lit(sc, j, parts[k].w);
    if (n > 0) {
      pd = parts[k].pd;
      j += n;
      break;
    }
  }
  if (j == i && !attached && !num_start_ok(sc, j))
    return 0;
  if (!read_num(sc, j, &h) || !h.ok || h.v > 24 || h.ndig > 2 ||
      (h.han && h.ndig > 1))
    return 0;
  hour = (int)h.v;
  j = h.end;
  if (pd != PD_NONE)
    strong = true;
  /* 早一点, 晚一点: "a bit earlier / later". */
  if (h.han && h.v == 1 && j > i &&
      (ends_with(sc, h.end - 3, "早") || ends_with(sc, h.end - 3, "晚")) &&
      lit(sc, h.end, "点"))
    return 0;
  if (!h.han && (lit(sc, j, ":") || lit(sc, j, "："))) {
    j += lit(sc, j, ":") ? 1 : 3;
    if (!read_num(sc, j, &mm) || mm.han || mm.ndig != 2 || mm.v > 59)
      return 0;
    minute = (int)mm.v;
    j = mm.end;
    if ((lit(sc, j, ":") || lit(sc, j, "：")) &&
        read_num(sc, j + (lit(sc, j, ":") ? 1 : 3), &ss) && !ss.han &&
        ss.ndig == 2 && ss.v <= 59) {
      second = (int)ss.v;
      j = ss.end;
    }
    if (!attached && pd == PD_NONE)
      return 0;
    if (arabic_at(sc, j, &n) >= 0 || lit(sc, j, ":"))
      return 0;
  } else {
    bool dian = lit(sc, j, "点") > 0;
    if (!dian && !lit(sc, j, "时"))
      return 0;
    j += 3;
    if (lit(sc, j, "半")) {
      minute = 30;
      j += 3;
      strong = true;
    } else if (read_num(sc, j, &mm) && mm.ok && !mm.liang && mm.v <= 59 &&
               mm.ndig <= 2 && lit(sc, mm.end, "分")) {
      minute = (int)mm.v;
      j = mm.end + 3;
      strong = true;
      if (read_num(sc, j, &ss) && ss.ok && !ss.liang && ss.v <= 59 &&
          lit(sc, ss.end, "秒")) {
        second = (int)ss.v;
        j = ss.end + 3;
      }
    } else if (dian && lit(sc, j, "钟")) {
      j += 3;
    } else if (!dian) {
      for (int k = 0; not_after_shi[k] != NULL; k++)
        if (lit(sc, j, not_after_shi[k]))
          return 0;
    }
    if (lit(sc, j, "许") || lit(sc, j, "整")) {
      j += 3;
      strong = true;
    }
    if (dian && !strong && !attached)
      return 0;
    if (h.han && pd == PD_NONE && minute == 0 && !attached)
      return 0;
  }
  switch (pd) {
  case PD_DAWN:
    if (hour == 12)
      hour = 0;
    break;
  case PD_NOON:
    if (hour < 11)
      hour += 12;
    break;
  case PD_PM:
    if (hour < 12)
      hour += 12;
    break;
  case PD_EVE:
    if (hour >= 6 && hour <= 12)
      hour += 12;
    break;
  default:
    break;
  }
  if (hour > 24 || (hour == 24 && (minute > 0 || second > 0)))
    return 0;
  w->hh = hour;
  w->mi = minute;
  w->ss = second;
  return j;
}

/* A time right after the day that ends at j (one space allowed). */
static size_t attach_time(const struct scan *sc, size_t j, int pd,
                          struct when *w) {
  size_t k = j + (lit(sc, j, " ") ? 1 : 0);
  size_t e = match_time(sc, k, pd, true, w);
  return e > 0 ? e : j;
}

/* 2023-06-04, 2023/6/4, 2023.06.04 [T| ]16:01[:52]. */
static size_t match_numeric(const struct scan *sc, size_t i, struct when *w,
                            bool *ok) {
  struct num y, m, d;
  char sep;
  size_t j, n;

  if (!read_num(sc, i, &y) || y.han || y.ndig != 4 || y.end >= sc->len ||
      !num_start_ok(sc, i))
    return 0;
  sep = sc->s[y.end];
  if (sep != '-' && sep != '/' && sep != '.')
    return 0;
  if (!read_num(sc, y.end + 1, &m) || m.han || m.ndig > 2 || m.end >= sc->len ||
      sc->s[m.end] != sep)
    return 0;
  if (!read_num(sc, m.end + 1, &d) || d.han || d.ndig > 2)
    return 0;
  j = d.end;
  if (arabic_at(sc, j, &n) >= 0 ||
      (j < sc->len && sc->s[j] == sep && arabic_at(sc, j + 1, &n) >= 0))
    return 0;
  if (!valid_ymd((int)y.v, (int)m.v, (int)d.v))
    return 0;
  w->prec = 3;
  w->y = (int)y.v;
  w->m = (int)m.v;
  w->d = (int)d.v;
  *ok = true;
  if (lit(sc, j, "T")) {
    size_t e = match_time(sc, j + 1, PD_NONE, true, w);
    return e > 0 ? e : j;
  }
  return attach_time(sc, j, PD_NONE, w);
}

/* 上半年 下半年 (第)一季度 首季度 前三季度 of year y; 0 if none. */
static size_t match_period(const struct scan *sc, size_t i, int y,
                           struct when *w) {
  size_t j = i, n;
  struct num q;
  bool upto = false;
  int qn;

  if ((n = lit(sc, i, "上半年")) > 0) {
    set_range(w, days_from_civil(y, 1, 1), days_from_civil(y, 6, 30));
    return i + n;
  }
  if ((n = lit(sc, i, "下半年")) > 0) {
    set_range(w, days_from_civil(y, 7, 1), days_from_civil(y, 12, 31));
    return i + n;
  }
  if ((n = lit(sc, i, "首季度")) > 0) {
    set_range(w, days_from_civil(y, 1, 1), days_from_civil(y, 3, 31));
    return i + n;
  }
  if (lit(sc, j, "第"))
    j += 3;
  else if (lit(sc, j, "前")) {
    j += 3;
    upto = true;
  }
  if (!read_num(sc, j, &q) || !q.ok || q.v < 1 || q.v > 4 || q.ndig > 1 ||
      (q.liang && !upto) || !lit(sc, q.end, "季度"))
    return 0;
  qn = (int)q.v;
  if (upto && qn < 2)
    return 0; /* 前一季度 is "the quarter before" */
  set_range(w, days_from_civil(y, upto ? 1 : qn * 3 - 2, 1),
            days_from_civil(y, qn * 3, days_in_month(y, qn * 3)));
  return q.end + 6;
}

/* M月[份] or 元月 at i: the month and the end, 0 if none. */
static size_t match_month(const struct scan *sc, size_t i, int *m) {
  struct num nm;
  size_t j;
  if ((j = lit(sc, i, "元月")) > 0) {
    *m = 1;
    return i + j;
  }
  if (!read_num(sc, i, &nm) || !nm.ok || nm.liang || nm.v < 1 || nm.v > 12 ||
      nm.ndig > 2 || (nm.han && nm.ndig > 1) || !lit(sc, nm.end, "月"))
    return 0;
  /* 五月天 is a band; 5月天气 is May's weather. */
  if (nm.han && lit(sc, nm.end + 3, "天") && !lit(sc, nm.end + 6, "气"))
    return 0;
  *m = (int)nm.v;
  j = nm.end + 3;
  if (lit(sc, j, "份"))
    j += 3;
  return j;
}

/* The length of a range connector at i (1-5月, 28～30日, 1至5月), 0 if
 * none. */
static size_t connector(const struct scan *sc, size_t i) {
  static const char *const to[] = {"-",  "~",  "—",  "–", "～",
                                   "－", "至", "到", NULL};
  size_t n;
  return lit_any(sc, i, to, &n) ? n : 0;
}

/* The end of a time or time range at j (9时至17时) in a timetable, which
 * is taken whole and dropped; j if none. */
static size_t skip_time_range(const struct scan *sc, size_t j) {
  struct when t;
  size_t e = attach_time(sc, j, PD_NONE, &t), c, e2;
  if (e > j && (c = connector(sc, e)) > 0 &&
      (e2 = match_time(sc, e + c, PD_NONE, true, &t)) > 0)
    e = e2;
  return e;
}

/* A month range M1-M2月[份] at i (1-5月, 一至五月): the end, 0 if none. */
static size_t match_month_range(const struct scan *sc, size_t i, int *m1,
                                int *m2) {
  struct num nm;
  size_t c, e;
  if (!read_num(sc, i, &nm) || !nm.ok || nm.liang || nm.v < 1 || nm.v > 11 ||
      nm.ndig > 2 || (nm.han && nm.ndig > 1))
    return 0;
  c = connector(sc, nm.end);
  if (c == 0 || (e = match_month(sc, nm.end + c, m2)) == 0 || *m2 <= nm.v)
    return 0;
  *m1 = (int)nm.v;
  return e;
}

/* A day range D1-D2日 at i (after a month: 6月3—5日). */
static size_t match_mday_range(const struct scan *sc, size_t i, int *d1,
                               int *d2) {
  struct num a, b;
  size_t c;
  if (!read_num(sc, i, &a) || !a.ok || a.liang || a.v < 1 || a.v > 30 ||
      a.ndig > 2 || (a.han && a.ndig > 1))
    return 0;
  c = connector(sc, a.end);
  if (c == 0 || !read_num(sc, a.end + c, &b) || !b.ok || b.liang ||
      b.han != a.han || b.ndig > 2 || (b.han && b.ndig > 1) || b.v <= a.v ||
      b.v > 31 || !lit(sc, b.end, "日"))
    return 0;
  *d1 = (int)a.v;
  *d2 = (int)b.v;
  return b.end + 3;
}

/* D日 or D号 at i (after a month). */
static size_t match_mday(const struct scan *sc, size_t i, int *d) {
  static const char *const not_after_hao[] = {"线", "楼", "文", "令", "院",
                                              "馆", "机", "站", NULL};
  struct num nm;
  size_t n;
  if (!read_num(sc, i, &nm) || !nm.ok || nm.liang || nm.v < 1 || nm.v > 31 ||
      nm.ndig > 2 || (nm.han && nm.ndig > 1))
    return 0;
  if (!lit(sc, nm.end, "日") &&
      (!lit(sc, nm.end, "号") || lit_any(sc, nm.end + 3, not_after_hao, &n)))
    return 0;
  *d = (int)nm.v;
  return nm.end + 3;
}

/* What follows a day of the month: 上旬 中旬 下旬 ranges. */
static size_t match_xun(const struct scan *sc, size_t i, int y, int m,
                        struct when *w) {
  static const char *const xun[] = {"上旬", "中旬", "下旬", NULL};
  size_t n;
  int k = lit_any(sc, i, xun, &n);
  if (k == 0)
    return 0;
  set_range(w, days_from_civil(y, m, 10 * k - 9),
            days_from_civil(y, m, k == 3 ? days_in_month(y, m) : 10 * k));
  return i + n;
}

/* Year [period | month [day | 旬]] [time], or month [day] [time] without a
 * year; *ok says whether it resolved. */
static size_t match_ymd(const struct scan *sc, size_t i, struct when *w,
                        bool *ok, bool *year_written) {
  static const char *const rel_years[] = {"今年", "本年", "去年", "上年",
                                          "明年", "前年", "后年", NULL};
  static const int rel_dy[] = {0, 0, -1, -1, 1, -2, 2};
  struct num nm;
  size_t j = 0, n, e;
  int y = 0, m = 0, d = 0, k, m1, d2;
  bool hy = false, known = true, counted = false;

  if (read_num(sc, i, &nm)) {
    if (nm.ok && nm.ndig == 4 && nm.v >= 1000 && lit(sc, nm.end, "年") &&
        !lit(sc, nm.end + 3, "代") && num_start_ok(sc, i)) {
      y = (int)nm.v;
      hy = true;
      j = nm.end + 3;
    } else if (nm.ok && !nm.han && nm.ndig == 2 && lit(sc, nm.end, "年") &&
               match_month(sc, nm.end + 3, &m) > 0 && num_start_ok(sc, i)) {
      /* 08年10月: a two-digit year is one only before a month (10年 alone
       * is ten years); the century that does not put it far ahead. */
      int limit = sc->a->valid ? sc->a->year + 5 : 2030;
      y = 2000 + (int)nm.v <= limit ? 2000 + (int)nm.v : 1900 + (int)nm.v;
      hy = true;
      j = nm.end + 3;
    }
  } else if ((k = lit_any(sc, i, rel_years, &n)) > 0) {
    int32_t p = cp_before(sc, i);
    int dy = rel_dy[k - 1];
    /* 三年前年均 / 5年后年初: 前年 and 后年 there are not years; nor is
     * 上年 in 上年纪. */
    if (((dy == -2 || dy == 2) &&
         (is_digit_cp(p) || han_digit(p) >= 0 || ends_with(sc, i, "年") ||
          ends_with(sc, i, "天") || ends_with(sc, i, "月"))) ||
        lit(sc, i + n, "纪") || lit(sc, i + n, "龄"))
      return 0;
    hy = true;
    known = sc->a->valid;
    y = known ? sc->a->year + dy : 0;
    j = i + n;
  }
  *year_written = hy;
  if (hy) {
    if (lit(sc, j, "度"))
      j += 3;
    *ok = known;
    e = match_period(sc, j, known ? y : 2000, w);
    if (e > 0)
      return e;
    e = match_month_range(sc, j, &m1, &m);
    if (e > 0) {
      if (!known)
        y = 2000;
      set_range(w, days_from_civil(y, m1, 1),
                days_from_civil(y, m, days_in_month(y, m)));
      return e;
    }
    e = match_month(sc, j, &m);
    if (e == 0) {
      w->prec = 1;
      w->y = y;
      return j;
    }
    j = e;
  } else {
    if (!num_start_ok(sc, i))
      return 0;
    /* 每年6月30日前, 前5月: matched whole so that no part of it is taken
     * for a date, then dropped. */
    counted = count_prefix(sc, i);
    e = match_month_range(sc, i, &m1, &m);
    if (e > 0) {
      *ok = !counted && year_for_month(sc, m, &y);
      if (*ok)
        set_range(w, days_from_civil(y, m1, 1),
                  days_from_civil(y, m, days_in_month(y, m)));
      return e;
    }
    j = match_month(sc, i, &m);
    if (j == 0)
      return 0;
    *ok = !counted && year_for_month(sc, m, &y);
  }
  if (!*ok)
    y = 2000; /* any leap year: what follows is still matched, then dropped */
  e = match_xun(sc, j, y, m, w);
  if (e > 0)
    return e;
  e = match_mday_range(sc, j, &d, &d2);
  if (e > 0) {
    if (*ok && !valid_ymd(y, m, d2))
      *ok = false;
    if (*ok)
      set_range(w, days_from_civil(y, m, d), days_from_civil(y, m, d2));
    return e;
  }
  e = match_mday(sc, j, &d);
  if (e == 0) {
    /* 交易一月, 三月不知肉味: a Chinese-numeral month alone is a count as
     * often as a month; it is one after a year, before a day, or as 五月份.
     * (nm is still the number read at i.) */
    if (!hy && nm.han && !ends_with(sc, j, "份"))
      return 0;
    w->prec = 2;
    w->y = y;
    w->m = m;
    return j;
  }
  if (*ok && !valid_ymd(y, m, d))
    *ok = false;
  w->prec = 3;
  w->y = y;
  w->m = m;
  w->d = d;
  return attach_time(sc, e, PD_NONE, w);
}

/* 25日 alone: Arabic digits, and not a count (10日内, 5日均线). */
static size_t match_bare_day(const struct scan *sc, size_t i, struct when *w,
                             bool *ok, bool *month_written) {
  static const char *const not_after[] = {
      "内",   "以内", "之内", "以上", "以下", "左右", "元", "均", "游",
      "年化", "之久", "间",   "来",   "期间", "制",   "龄", "薪", NULL};
  struct num nm;
  size_t j, n;
  int y = 0, m = 0;
  bool via_ctx = false;

  if (!read_num(sc, i, &nm) || nm.han || !nm.ok || nm.ndig > 2 || nm.v < 1 ||
      nm.v > 31 || !lit(sc, nm.end, "日") || !num_start_ok(sc, i) ||
      count_prefix(sc, i))
    return 0;
  j = nm.end + 3;
  if (lit_any(sc, j, not_after, &n))
    return 0;
  *ok = month_for_day(sc, (int)nm.v, &y, &m, &via_ctx);
  *month_written = via_ctx;
  w->prec = 3;
  w->y = y;
  w->m = m;
  w->d = (int)nm.v;
  if (!*ok)
    w->y = 0;
  return attach_time(sc, j, PD_NONE, w);
}

/* Monday 0 ... Sunday 6 for the weekday word at i (周三, 星期日, 礼拜天),
 * -1 if none; its end in *end. */
static int weekday_at(const struct scan *sc, size_t i, size_t *end) {
  static const char *const words[] = {"星期", "礼拜", "周", NULL};
  size_t n, wn;
  int32_t cp;
  int k = lit_any(sc, i, words, &n);
  if (k == 0)
    return -1;
  cp = cp_at(sc, i + n, &wn);
  *end = i + n + wn;
  /* 日 or 天; but 周天 is more often a name (周天勇) than Sunday. */
  if (cp == 0x65E5 || (cp == 0x5929 && k < 3))
    return 6;
  if (cp != 0x4E24 && han_digit(cp) >= 1 && han_digit(cp) <= 6)
    return han_digit(cp) - 1;
  return -1;
}

/* A weekday alone (周三, 星期五): the day of that name in A's week, Monday
 * to Sunday, as Chinese news uses it (a Monday's 周三 is two days on, a
 * Sunday's four days back).  Not taken: after a day (6月7日（周三）, which
 * says it already), after a number (一周一次: 周 is "week" there), in
 * repeats (每周三, 逢周五, 周一至周五). */
static size_t match_weekday(const struct scan *sc, size_t i, struct when *w,
                            bool *ok) {
  size_t e = 0, e2 = 0, c;
  int wd = weekday_at(sc, i, &e);
  int32_t p = cp_before(sc, i);
  long mon;
  bool range;

  if (wd < 0 || is_digit_cp(p) || han_digit(p) >= 0 || lit(sc, e, "次") ||
      lit(sc, e, "遍") || ends_with(sc, i, "黑色")) /* 黑色星期五 */
    return 0;
  *ok = sc->a->valid;
  if (ends_with(sc, i, "日") || ends_with(sc, i, "日（") ||
      ends_with(sc, i, "日(") || ends_with(sc, i, "日 ") ||
      ends_with(sc, i, "号")) {
    *ok = false; /* the day is already given; a time goes to it */
    return e;
  }
  c = connector(sc, e);
  range = c > 0 && weekday_at(sc, e + c, &e2) >= 0;
  if (range || ends_with(sc, i, "每") || ends_with(sc, i, "逢") ||
      ends_with(sc, i, "隔") || ends_with(sc, i, "一般") ||
      ends_with(sc, i, "通常") || ends_with(sc, i, "平时")) {
    *ok = false;
    return skip_time_range(sc, range ? e2 : e);
  }
  if (!*ok)
    return e;
  mon = days_from_civil(sc->a->year, sc->a->month, sc->a->day);
  mon -= weekday(mon);
  set_day(w, mon + wd);
  return attach_time(sc, e, PD_NONE, w);
}

/* 今天, 昨晚, 本月25日, 上周五, 次日 ... */
static size_t match_relative(const struct scan *sc, size_t i, struct when *w,
                             bool *ok) {
  static const struct {
    const char *w;
    int dd, pd;
  } days[] = {
      {"今天", 0, PD_NONE},  {"今日", 0, PD_NONE},    {"昨天", -1, PD_NONE},
      {"昨日", -1, PD_NONE}, {"大前天", -3, PD_NONE}, {"前天", -2, PD_NONE},
      {"明天", 1, PD_NONE},  {"明日", 1, PD_NONE},    {"大后天", 3, PD_NONE},
      {"后天", 2, PD_NONE},  {"今晨", 0, PD_AM},      {"今早", 0, PD_AM},
      {"今晚", 0, PD_EVE},   {"今夜", 0, PD_EVE},     {"昨晚", -1, PD_EVE},
      {"昨夜", -1, PD_EVE},  {"明晚", 1, PD_EVE},     {"前晚", -2, PD_EVE},
  };
  static const char *const ctx_days[] = {"次日", "翌日", "次晚", "当天",
                                         "当日", "当晚", NULL};
  static const char *const months[] = {"本月",   "这个月", "上个月", "上月",
                                       "下个月", "下月",   NULL};
  static const int months_dm[] = {0, 0, -1, -1, 1, 1};
  static const char *const weeks[] = {
      "本周",   "这周",     "上周",   "下周",     "本星期", "这个星期",
      "上星期", "上个星期", "下星期", "下个星期", NULL};
  static const int weeks_dw[] = {0, 0, -1, 1, 0, 0, -1, -1, 1, 1};
  /* 周 starts words too: 上周期, 本周年, 下周边 ... */
  static const char *const not_after_zhou[] = {"期", "年", "岁", "刊", "报",
                                               "边", "围", "转", "到", "全",
                                               "密", "知", "长", "折", NULL};
  const zn__date_anchor *a = sc->a;
  size_t n, j;
  int k;

  if (ends_with(sc, i, "《"))
    return 0; /* a title: 《今日说法》 */
  for (size_t t = 0; t < sizeof days / sizeof days[0]; t++) {
    n = lit(sc, i, days[t].w);
    if (n == 0)
      continue;
    j = i + n;
    if (t == 1 && (lit(sc, j, "头条") || lit(sc, j, "俄罗斯") ||
                   lit(sc, j, "美国") || lit(sc, j, "说法")))
      return 0;
    if (t == 7 && (lit(sc, j, "之") || lit(sc, j, "方舟")))
      return 0;
    /* 节前天气, 今天然气: the 天 starts the next word. */
    if (ends_with(sc, j, "天") &&
        (lit(sc, j, "气") || lit(sc, j, "空") || lit(sc, j, "然")))
      return 0;
    if (t == 9 && (ends_with(sc, i, "先天") || ends_with(sc, i, "和") ||
                   ends_with(sc, i, "与") || lit(sc, j, "性") ||
                   lit(sc, j, "形成") || lit(sc, j, "养成")))
      return 0;
    *ok = a->valid;
    if (*ok)
      set_day(w, days_from_civil(a->year, a->month, a->day) + days[t].dd);
    return attach_time(sc, j, days[t].pd, w);
  }
  if ((k = lit_any(sc, i, ctx_days, &n)) > 0) {
    *ok = sc->cd > 0;
    if (*ok)
      set_day(w, days_from_civil(sc->cy, sc->cm, sc->cd) + (k <= 3));
    return attach_time(sc, i + n, k == 3 || k == 6 ? PD_EVE : PD_NONE, w);
  }
  if ((k = lit_any(sc, i, months, &n)) > 0) {
    int y = a->year, m = a->month + months_dm[k - 1], d;
    size_t e;
    /* 登上月球, 赶上月底: 上 ends a verb there. */
    if (lit(sc, i + n, "球") || lit(sc, i + n, "亮") || lit(sc, i + n, "光"))
      return 0;
    if (m == 0) {
      m = 12;
      y--;
    } else if (m == 13) {
      m = 1;
      y++;
    }
    *ok = a->valid;
    j = i + n;
    if (lit(sc, j, "份"))
      j += 3;
    e = match_mday(sc, j, &d);
    if (e > 0) {
      *ok = *ok && valid_ymd(y, m, d);
      w->prec = 3;
      w->y = y;
      w->m = m;
      w->d = d;
      return attach_time(sc, e, PD_NONE, w);
    }
    if (*ok && (e = match_xun(sc, j, y, m, w)) > 0)
      return e;
    w->prec = 2;
    w->y = y;
    w->m = m;
    return j;
  }
  if ((k = lit_any(sc, i, weeks, &n)) > 0) {
    long mon;
    size_t wn;
    int32_t wd;
    j = i + n;
    if (ends_with(sc, j, "周"))
      for (int t = 0; not_after_zhou[t] != NULL; t++)
        if (lit(sc, j, not_after_zhou[t]))
          return 0;
    *ok = a->valid;
    mon = *ok ? days_from_civil(a->year, a->month, a->day) : 0;
    mon += 7 * weeks_dw[k - 1] - weekday(mon);
    wd = cp_at(sc, j, &wn);
    if (wd == 0x65E5 || wd == 0x5929) { /* 日 天: Sunday */
      set_day(w, mon + 6);
      return attach_time(sc, j + wn, PD_NONE, w);
    }
    if (han_digit(wd) >= 1 && han_digit(wd) <= 6 && wd != 0x4E24) {
      set_day(w, mon + han_digit(wd) - 1);
      return attach_time(sc, j + wn, PD_NONE, w);
    }
    if (lit(sc, j, "末")) {
      set_range(w, mon + 5, mon + 6);
      return j + 3;
    }
    set_range(w, mon, mon + 6);
    return j;
  }
  return match_weekday(sc, i, w, ok);
}

/* The mention that starts at i, if any: its end (0 = none), what it
 * resolves to, and whether it resolved.  The scan calls it only where
 * worth_trying() says a pattern may match: a word added to a matcher must
 * be added there too. */
static size_t match_at(const struct scan *sc, size_t i, struct when *w,
                       bool *ok, bool *month_written, bool *year_written) {
  size_t e;
  int y;

  memset(w, 0, sizeof *w);
  w->hh = -1;
  w->ss = -1;
  *ok = false;
  *month_written = true;
  *year_written = true;
  if ((e = match_numeric(sc, i, w, ok)) > 0)
    return e;
  if ((e = match_ymd(sc, i, w, ok, year_written)) > 0)
    return e;
  *year_written = false;
  if ((e = match_bare_day(sc, i, w, ok, month_written)) > 0)
    return e;
  *month_written = false;
  if ((e = match_relative(sc, i, w, ok)) > 0)
    return e;
  y = sc->sy > 0 ? sc->sy : sc->a->year;
  if ((sc->sy > 0 || sc->a->valid) && num_start_ok(sc, i) &&
      (e = match_period(sc, i, y, w)) > 0) {
    *ok = true;
    return e;
  }
  if ((e = match_time(sc, i, PD_NONE, false, w)) > 0) {
    /* 每天6时至22时, 每晚8点: a timetable, not a moment; its second
     * time goes with it. */
    if (ends_with(sc, i, "每") || ends_with(sc, i, "每天") ||
        ends_with(sc, i, "每日"))
      return skip_time_range(sc, i);
    *ok = day_for_time(sc, w);
    return e;
  }
  return 0;
}

/* Writes w as ISO 8601 into buf; false if it is out of range. */
static bool format_when(struct when *w, char *buf, size_t size) {
  int n;
  if (w->y < 1 || w->y > 9999 || (w->range && (w->y2 < 1 || w->y2 > 9999)))
    return false;
  if (w->prec == 1)
    n = snprintf(buf, size, "%04d", w->y);
  else if (w->prec == 2)
    n = snprintf(buf, size, "%04d-%02d", w->y, w->m);
  else if (w->range)
    n = snprintf(buf, size, "%04d-%02d-%02d/%04d-%02d-%02d", w->y, w->m, w->d,
                 w->y2, w->m2, w->d2);
  else if (w->hh < 0)
    n = snprintf(buf, size, "%04d-%02d-%02d", w->y, w->m, w->d);
  else {
    if (w->hh == 24) { /* midnight ends the day: write the next 00:00 */
      set_day(w, days_from_civil(w->y, w->m, w->d) + 1);
      w->hh = 0;
      if (w->y > 9999)
        return false;
    }
    const char *zone = w->local ? "" : "+08:00";
    if (w->ss >= 0)
      n = snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d%s", w->y, w->m,
                   w->d, w->hh, w->mi, w->ss, zone);
    else
      n = snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d%s", w->y, w->m, w->d,
                   w->hh, w->mi, zone);
  }
  return n > 0 && (size_t)n < size;
}

static int emit(zn_analysis *an, size_t *cap, size_t para, size_t off,
                size_t len, const char *iso) {
  size_t n = strlen(iso);
  char *z;
  if (zn__grow((void **)&an->dates, sizeof *an->dates, cap, an->ndates + 1) !=
      ZN_OK)
    return ZN_ENOMEM;
  z = zn_malloc(n + 1);
  if (z == NULL)
    return ZN_ENOMEM;
  memcpy(z, iso, n + 1);
  an->dates[an->ndates].at.para = para;
  an->dates[an->ndates].at.off = off;
  an->dates[an->ndates].at.len = len;
  an->dates[an->ndates].iso = z;
  an->ndates++;
  return ZN_OK;
}

/* Characters a mention can start with besides digits: a cheap test that
 * skips most text without trying every pattern.  Sorted. */
static const int32_t start_cps[] = {
    0x4E0A, /* 上 */ 0x4E0B, /* 下 */ 0x4E2D, /* 中 */ 0x4ECA, /* 今 */
    0x508D, /* 傍 */ 0x5143, /* 元 */ 0x51CC, /* 凌 */ 0x524D, /* 前 */
    0x5348, /* 午 */ 0x53BB, /* 去 */ 0x540E, /* 后 */ 0x5468, /* 周 */
    0x591C, /* 夜 */ 0x5927, /* 大 */ 0x5F53, /* 当 */ 0x65E9, /* 早 */
    0x660E, /* 明 */ 0x661F, /* 星 */ 0x6628, /* 昨 */ 0x665A, /* 晚 */
    0x672C, /* 本 */ 0x6B21, /* 次 */ 0x6DF1, /* 深 */ 0x6E05, /* 清 */
    0x793C, /* 礼 */ 0x7B2C, /* 第 */ 0x7FCC, /* 翌 */ 0x8FD9, /* 这 */
    0x9996,                                                    /* 首 */
};

static bool may_start_search(int32_t cp) {
  size_t lo = 0, hi = sizeof start_cps / sizeof start_cps[0];
  if (is_digit_cp(cp) || han_digit(cp) >= 0)
    return true;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (start_cps[mid] == cp)
      return true;
    if (start_cps[mid] < cp)
      lo = mid + 1;
    else
      hi = mid;
  }
  return false;
}

static bool sentence_end(int32_t cp) {
  return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == '!' ||
         cp == '?' || cp == '\n';
}

/* may_start_search() over U+2500..U+FFFF as a bitmap, built once: the
 * scan asks at every character, and the searches were an eighth of its
 * time.  Below U+2500 only digits start a mention. */
#define ZN_START_LO 0x2500
static uint8_t g_start_bits[(0x10000 - ZN_START_LO) / 8];
/* The same, with the characters that end a sentence (。！？) added. */
static uint8_t g_stop_bits[(0x10000 - ZN_START_LO) / 8];
static pthread_once_t g_start_once = PTHREAD_ONCE_INIT;

/* Marks cp if may_start_search() takes it: the bitmap gives exactly its
 * answers. */
static void mark_start(int32_t cp) {
  if (cp >= ZN_START_LO && cp < 0x10000 && may_start_search(cp))
    g_start_bits[(cp - ZN_START_LO) >> 3] |= (uint8_t)(1u << (cp & 7));
}

static void build_start_bits(void) {
  /* Every Chinese numeral han_digit() knows is in U+2500..U+9FFF. */
  for (int32_t cp = ZN_START_LO; cp < 0xA000; cp++) {
    if (han_digit(cp) >= 0)
      mark_start(cp);
  }
  for (int32_t cp = 0xFF10; cp <= 0xFF19; cp++) /* full-width digits */
    mark_start(cp);
  for (size_t i = 0; i < sizeof start_cps / sizeof start_cps[0]; i++)
    mark_start(start_cps[i]);
  /* sentence_end()'s characters at or above U+2500: 。！？ */
  static const int32_t ends[] = {0x3002, 0xFF01, 0xFF1F};
  memcpy(g_stop_bits, g_start_bits, sizeof g_stop_bits);
  for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++)
    g_stop_bits[(ends[i] - ZN_START_LO) >> 3] |= (uint8_t)(1u << (ends[i] & 7));
}

static bool may_start(int32_t cp) {
  if (cp < ZN_START_LO)
    return cp >= '0' && cp <= '9';
  if (cp < 0x10000)
    return g_start_bits[(cp - ZN_START_LO) >> 3] >> (cp & 7) & 1;
  return may_start_search(cp);
}

/* Is the character at j one of set's (three-byte characters)? */
static bool next_in(const struct scan *sc, size_t j, const char *set) {
  const char *p = sc->s + j;
  if (sc->len - j < 3)
    return false;
  for (; *set != '\0'; set += 3)
    if (set[0] == p[0] && set[1] == p[1] && set[2] == p[2])
      return true;
  return false;
}

/* Does a number (what read_num() reads) start at j? */
static bool num_at(const struct scan *sc, size_t j) {
  size_t n;
  return arabic_at(sc, j, &n) >= 0 || han_digit(cp_at(sc, j, &n)) >= 0;
}

/* Might a mention start at i, where may_start() took cp (n bytes)?  False
 * only when match_at() is sure to find none: most candidates (一个, 上海,
 * 中国, 大学) fail here on the character after the first, or after the
 * number, instead of in every matcher in turn.  *skip gets where the scan
 * goes on if none does: past the number at i, or past cp.
 *
 * A number at i: every matcher that takes one reads the same run, and then
 * needs at its end a separator (match_numeric: - / .), a connector (month
 * and day ranges: - ~ — – ～ － 至 到), a time's (: ： 点 时) or 年 月 日
 * 季(度).  Any other first character starts only the words of the
 * matchers, listed below by it with the characters that may follow it;
 * "num" marks the words that a number follows (早8时, 第三季度, 周一). */
static bool worth_trying(const struct scan *sc, size_t i, int32_t cp, size_t n,
                         size_t *skip) {
  struct num nm;
  size_t j = i + n;

  *skip = j;
  if (read_num(sc, i, &nm)) {
    unsigned char b = nm.end < sc->len ? (unsigned char)sc->s[nm.end] : 0;
    *skip = nm.end;
    if (b < 0x80)
      return b == '-' || b == '/' || b == '.' || b == '~' || b == ':';
    return next_in(sc, nm.end, "—–～－：至到年月日季点时");
  }
  switch (cp) {
  case 0x4E0A: /* 上年 上个月 上月 上周 上星期 上半年 上午 */
  case 0x4E0B: /* 下个月 下月 下周 下星期 下半年 下午 */
    return next_in(sc, j, "年个月周星半午");
  case 0x4E2D: /* 中午 */
    return next_in(sc, j, "午");
  case 0x4ECA: /* 今年 今天 今日 今晨 今早 今晚 今夜 */
    return next_in(sc, j, "年天日晨早晚夜");
  case 0x508D: /* 傍晚 */
    return next_in(sc, j, "晚");
  case 0x5143: /* 元月 */
    return next_in(sc, j, "月");
  case 0x51CC: /* 凌晨 */
    return next_in(sc, j, "晨");
  case 0x524D: /* 前年 前天 前晚 前 num 季度 */
    return next_in(sc, j, "年天晚") || num_at(sc, j);
  case 0x5348: /* 午间 午后 */
    return next_in(sc, j, "间后");
  case 0x53BB: /* 去年 */
    return next_in(sc, j, "年");
  case 0x540E: /* 后年 后天 */
    return next_in(sc, j, "年天");
  case 0x5468: /* 周日 周 num (周天 too, though weekday_at() drops it) */
    return next_in(sc, j, "日天") || num_at(sc, j);
  case 0x591C: /* 夜间 夜里 */
    return next_in(sc, j, "间里");
  case 0x5927: /* 大前天 大后天 */
    return next_in(sc, j, "前后");
  case 0x5F53: /* 当天 当日 当晚 */
    return next_in(sc, j, "天日晚");
  case 0x65E9: /* 早晨 早上 早 num */
    return next_in(sc, j, "晨上") || num_at(sc, j);
  case 0x660E: /* 明年 明天 明日 明晚 */
    return next_in(sc, j, "年天日晚");
  case 0x661F: /* 星期 */
    return next_in(sc, j, "期");
  case 0x6628: /* 昨天 昨日 昨晚 昨夜 */
    return next_in(sc, j, "天日晚夜");
  case 0x665A: /* 晚上 晚间 晚 num */
    return next_in(sc, j, "上间") || num_at(sc, j);
  case 0x672C: /* 本年 本月 本周 本星期 */
    return next_in(sc, j, "年月周星");
  case 0x6B21: /* 次日 次晚 */
    return next_in(sc, j, "日晚");
  case 0x6DF1: /* 深夜 */
    return next_in(sc, j, "夜");
  case 0x6E05: /* 清晨 */
    return next_in(sc, j, "晨");
  case 0x793C: /* 礼拜 */
    return next_in(sc, j, "拜");
  case 0x7B2C: /* 第 num 季度 */
    return num_at(sc, j);
  case 0x7FCC: /* 翌日 */
    return next_in(sc, j, "日");
  case 0x8FD9: /* 这个月 这个星期 这周 */
    return next_in(sc, j, "个周");
  case 0x9996: /* 首季度 */
    return next_in(sc, j, "季");
  default:
    return true;
  }
}

/* ------------------------------------------------------------- public */

void zn__date_anchor_from(const char *published, zn__date_anchor *out) {
  int v[3] = {0, 0, 0};
  static const int width[3] = {4, 2, 2};
  const char *p = published;

  memset(out, 0, sizeof *out);
  if (p == NULL)
    return;
  for (int f = 0; f < 3; f++) {
    for (int k = 0; k < width[f]; k++, p++) {
      if (*p < '0' || *p > '9')
        return;
      v[f] = v[f] * 10 + (*p - '0');
    }
    if (f < 2 && *p++ != '-')
      return;
  }
  if (!valid_ymd(v[0], v[1], v[2]))
    return;
  /* A time with another offset (…T23:30:00Z) may fall on another day in
   * China, where the text's 今天 and 昨天 are meant. */
  if (*p == 'T' || *p == ' ') {
    int hh = 0, mm = 0, oh = 0, om = 0, sign = 0;
    const char *q = p + 1;
    if (q[0] >= '0' && q[0] <= '9' && q[1] >= '0' && q[1] <= '9' &&
        q[2] == ':' && q[3] >= '0' && q[3] <= '9' && q[4] >= '0' &&
        q[4] <= '9') {
      hh = (q[0] - '0') * 10 + (q[1] - '0');
      mm = (q[3] - '0') * 10 + (q[4] - '0');
      q += 5;
      if (q[0] == ':' && q[1] >= '0' && q[1] <= '9' && q[2] >= '0' &&
          q[2] <= '9')
        q += 3;
      while (*q == '.' || (*q >= '0' && *q <= '9'))
        q++;
      if (*q == 'Z')
        sign = 1;
      else if ((*q == '+' || *q == '-') && q[1] >= '0' && q[1] <= '9' &&
               q[2] >= '0' && q[2] <= '9') {
        sign = *q == '+' ? 1 : -1;
        oh = (q[1] - '0') * 10 + (q[2] - '0');
        if (q[3] == ':')
          q++;
        if (q[3] >= '0' && q[3] <= '9' && q[4] >= '0' && q[4] <= '9')
          om = (q[3] - '0') * 10 + (q[4] - '0');
      }
      if (sign != 0 && hh < 24 && mm < 60) {
        long mins = hh * 60L + mm - sign * (oh * 60L + om) + 8 * 60;
        long z = days_from_civil(v[0], v[1], v[2]);
        z += mins >= 0 ? mins / 1440 : -((-mins + 1439) / 1440);
        civil_from_days(z, &v[0], &v[1], &v[2]);
      }
    }
  }
  out->valid = true;
  out->year = v[0];
  out->month = v[1];
  out->day = v[2];
}

int zn__find_dates(zn_analysis *an, size_t *cap, const zn__date_anchor *anchor,
                   size_t para, const char *text, size_t len) {
  struct scan sc;
  size_t i = 0, n;

  pthread_once(&g_start_once, build_start_bits);
  memset(&sc, 0, sizeof sc);
  sc.s = text;
  sc.len = text == NULL ? 0 : len;
  sc.a = anchor;
  /* Invariant: i is on a character boundary and every mention that ends
   * at or before i has been reported. */
  while (i < sc.len) {
    const unsigned char *u;
    int32_t cp;
    struct when w;
    bool ok, written, year_written;
    size_t e;
    char iso[ZN_DATE_MAX_ISO];
    size_t skip;

    /* The stretches between candidates: well-formed three-byte characters
     * that neither may start a mention nor end a sentence, in a loop of
     * their own. */
    while (sc.len - i >= 3) {
      const unsigned char *v = (const unsigned char *)text + i;
      uint32_t c;
      if (v[0] < 0xE1 || v[0] > 0xEF || v[0] == 0xED || (v[1] & 0xC0) != 0x80 ||
          (v[2] & 0xC0) != 0x80)
        break;
      c = ((v[0] & 0x0Fu) << 12) | ((v[1] & 0x3Fu) << 6) | (v[2] & 0x3Fu);
      if (c >= ZN_START_LO &&
          (g_stop_bits[(c - ZN_START_LO) >> 3] >> (c & 7) & 1))
        break;
      i += 3;
    }
    if (i >= sc.len)
      break;
    u = (const unsigned char *)text + i;
    /* Most characters are well-formed three-byte ones (E1-EC, EE, EF
     * leads take any continuation bytes): decoded here, as cp_at() would,
     * without its other cases. */
    if (u[0] >= 0xE1 && u[0] <= 0xEF && u[0] != 0xED && sc.len - i >= 3 &&
        (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
      cp = (int32_t)(((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) |
                     (u[2] & 0x3Fu));
      n = 3;
    } else {
      cp = cp_at(&sc, i, &n);
    }
    /* No character that ends a sentence may start a mention. */
    if (!may_start(cp)) {
      if (sentence_end(cp)) {
        sc.sy = 0;
        sc.sm = 0;
      }
      i += n;
      continue;
    }
    if (!worth_trying(&sc, i, cp, n, &skip)) {
      i = skip;
      continue;
    }
    e = match_at(&sc, i, &w, &ok, &written, &year_written);
    if (e > i) {
      w.local = ends_with(&sc, i, "当地时间");
      if (ok && format_when(&w, iso, sizeof iso)) {
        if (emit(an, cap, para, i, e - i, iso) != ZN_OK)
          return ZN_ENOMEM;
        if (!w.range) {
          sc.cy = w.y;
          sc.cm = w.prec >= 2 ? w.m : 0;
          sc.cd = w.prec >= 3 ? w.d : 0;
          sc.cm_written = written && w.prec >= 2;
        }
        /* Only a year the text wrote carries over to later months. */
        if (year_written) {
          sc.sy = w.y;
          sc.sm = !w.range && w.prec >= 2 ? w.m : 0;
        }
      }
      i = e;
      continue;
    }
    /* Skip a whole number so that its tail never starts a date. */
    i = skip;
  }
  return ZN_OK;
}
