/* SPDX-License-Identifier: MIT */
/*
 * test-recognize.c - unit tests for the field recognizers of
 * src/extract/recognize.h: the date finder and its ISO 8601 formatter,
 * date/source meta lines, editor credits, bylines (names, whole lines and
 * closing reporter groups), datelines, page chrome (widgets, related-news
 * headers, footers, page codes, breadcrumbs, URL lines), caption markers and
 * the person-name test.  Every recognizer is checked against a table whose
 * rows hold a case number, an input line written in the conventions of a
 * real outlet (the outlet is named in the comment beside it) and the
 * expected result right next to it.  A test runs all its rows, prints every
 * failing row with its number "group.case", its input and what came back,
 * and fails once at the end, so one run lists all the failures.
 */
#include "extract/recognize.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------ helpers */

/* Prints one failing row: its number, its input and what went wrong. */
static void row_fail(size_t *n_fail, int group, int id, const char *input,
                     const char *fmt, ...) CMOCKA_PRINTF_ATTRIBUTE(5, 6);

static void row_fail(size_t *n_fail, int group, int id, const char *input,
                     const char *fmt, ...) {
  va_list ap;
  print_error("case %d.%d failed, input \"%s\": ", group, id, input);
  va_start(ap, fmt);
  vprint_error(fmt, ap);
  va_end(ap);
  print_error("\n");
  (*n_fail)++;
}

/* Fails the test if any row failed; the rows were printed already. */
static void finish(size_t n_fail, size_t n_rows) {
  if (n_fail > 0)
    fail_msg("%zu of %zu cases failed", n_fail, n_rows);
}

/* True if the span of s holds exactly the text want ("" = empty span). */
static bool span_is(const char *s, zn_span sp, const char *want) {
  size_t n = strlen(want);
  return sp.len == n && memcmp(s + sp.off, want, n) == 0;
}

/* The names a byline callback saw, joined with '|'. */
struct names {
  char buf[512];
  size_t len;
  int count;
};

static int collect_name(void *ctx, const char *s, size_t len) {
  struct names *nm = ctx;
  size_t need = len + (nm->count > 0 ? 1 : 0);
  if (nm->len + need + 1 > sizeof nm->buf)
    return 1;
  if (nm->count > 0)
    nm->buf[nm->len++] = '|';
  memcpy(nm->buf + nm->len, s, len);
  nm->len += len;
  nm->buf[nm->len] = '\0';
  nm->count++;
  return 0;
}

/* Number of names in a '|'-joined list ("" has none). */
static int names_count(const char *joined) {
  int n = 0;
  if (joined[0] == '\0')
    return 0;
  for (const char *p = joined; *p != '\0'; p++) {
    if (*p == '|')
      n++;
  }
  return n + 1;
}

/* A table of lines and whether a yes/no recognizer accepts them. */
struct bool_row {
  int id;
  const char *s;
  bool want;
};

static void run_bool_rows(int group, const struct bool_row *rows, size_t n,
                          bool (*fn)(const char *, size_t)) {
  size_t n_fail = 0;
  for (size_t i = 0; i < n; i++) {
    bool got = fn(rows[i].s, strlen(rows[i].s));
    if (got != rows[i].want)
      row_fail(&n_fail, group, rows[i].id, rows[i].s, "expected %s, got %s",
               rows[i].want ? "true" : "false", got ? "true" : "false");
  }
  finish(n_fail, n);
}

/* ------------------------------------------------- 1. zn__date_find */

static void test_date_find(void **state) {
  /* iso NULL: no date may be found.  match: the text of *where. */
  static const struct {
    int id;
    const char *s;
    const char *iso;
    const char *match;
    bool has_second;
  } rows[] = {
      /* 人民日报 print date line */
      {1, "2023年6月4日", "2023-06-04", "2023年6月4日", false},
      /* 人民网 article head */
      {2, "2023年06月04日 16:01", "2023-06-04T16:01:00+08:00",
       "2023年06月04日 16:01", false},
      /* 新华网 */
      {3, "2023-06-04", "2023-06-04", "2023-06-04", false},
      /* 河北日报 / government sites */
      {4, "2023/06/04", "2023-06-04", "2023/06/04", false},
      /* 天津日报 (津云) "2023 06/04 16:01:52" */
      {5, "2023 06/04 16:01:52", "2023-06-04T16:01:52+08:00",
       "2023 06/04 16:01:52", true},
      /* 浙江日报 / 浙江在线 */
      {6, "2023.06.04", "2023-06-04", "2023.06.04", false},
      /* Full-width digits straight from a government page */
      {7, "２０２３年６月４日", "2023-06-04", "２０２３年６月４日", false},
      {8, "２０２３年０６月０４日 １６：０１", "2023-06-04T16:01:00+08:00",
       "２０２３年０６月０４日 １６：０１", false},
      /* 新华网 with seconds */
      {9, "2023-06-04 16:01:52", "2023-06-04T16:01:52+08:00",
       "2023-06-04 16:01:52", true},
      /* 法治日报 / 地方党报 time in Han units */
      {10, "2023年6月4日16时01分", "2023-06-04T16:01:00+08:00",
       "2023年6月4日16时01分", false},
      {11, "2023年6月4日 16时01分", "2023-06-04T16:01:00+08:00",
       "2023年6月4日 16时01分", false},
      {12, "2023年6月4日 8点30分", "2023-06-04T08:30:00+08:00",
       "2023年6月4日 8点30分", false},
      /* ISO timestamps in <meta> and JSON-LD */
      {13, "2023-06-04T16:01:52", "2023-06-04T16:01:52+08:00",
       "2023-06-04T16:01:52", true},
      {14, "2023-06-04T16:01:52+08:00", "2023-06-04T16:01:52+08:00",
       "2023-06-04T16:01:52", true},
      /* Dates inside meta lines: 天津日报, 人民网, 新华网, 学习时报 */
      {15, "发布时间：2023-06-04 16:01 来源：天津日报",
       "2023-06-04T16:01:00+08:00", "2023-06-04 16:01", false},
      {16, "2023年06月04日08:21 | 来源：人民网-人民日报",
       "2023-06-04T08:21:00+08:00", "2023年06月04日08:21", false},
      {17, "来源：新华网 | 2023-06-04 16:01:52", "2023-06-04T16:01:52+08:00",
       "2023-06-04 16:01:52", true},
      {18, "2020-03-09  来源: 学习时报", "2020-03-09", "2020-03-09", false},
      /* 中国新闻出版网 */
      {19, "2012-10-27 15:52:00 来源:中国新闻出版网/报",
       "2012-10-27T15:52:00+08:00", "2012-10-27 15:52:00", true},
      {20, "2023 06/04 16:01:52来源: 天津日报", "2023-06-04T16:01:52+08:00",
       "2023 06/04 16:01:52", true},
      /* 政府网站 */
      {21, "发布日期：2023-06-04  信息来源：市发改委", "2023-06-04",
       "2023-06-04", false},
      /* Leap days */
      {22, "2024年2月29日", "2024-02-29", "2024年2月29日", false},
      {23, "2000-02-29", "2000-02-29", "2000-02-29", false},
      /* Invalid calendar values are not dates. */
      {24, "2023-13-01", NULL, NULL, false},
      {25, "2023-02-30", NULL, NULL, false},
      {26, "2023-02-29", NULL, NULL, false},
      {27, "1900-02-29", NULL, NULL, false},
      {28, "2023-06-00", NULL, NULL, false},
      {29, "2023-06-31", NULL, NULL, false},
      {30, "2023年0月4日", NULL, NULL, false},
      /* Too many year digits, phone numbers, years alone */
      {31, "12345-06-04", NULL, NULL, false},
      {32, "联系电话：010-6512-3456", NULL, NULL, false},
      {33, "2023年度", NULL, NULL, false},
      {34, "2023年度报告显示，全年增长5.2%。", NULL, NULL, false},
      {35, "2023年6月", NULL, NULL, false},
      /* 新华社 prose without a year */
      {36, "6月4日，国务院召开常务会议。", NULL, NULL, false},
      /* A 新华网 article URL: year-month and day use different separators. */
      {37, "http://www.news.cn/politics/2023-06/04/c_1129667839.htm", NULL,
       NULL, false},
      /* Eight bare digits are an ID, not one of the date forms. */
      {38, "20230604", NULL, NULL, false},
      /* An impossible time leaves the date alone. */
      {39, "2023-06-04 25:61", "2023-06-04", "2023-06-04", false},
      /* Dates inside prose: 新华社 via 网易 */
      {40, "据新华社报道，2023年6月4日，国务院召开常务会议。", "2023-06-04",
       "2023年6月4日", false},
      /* The first of two dates (政府网站 notice) */
      {41, "活动时间：2023-06-04 至 2023-06-10", "2023-06-04", "2023-06-04",
       false},
      /* 凤凰网: weekday after the date is not part of it */
      {42, "2023年6月4日 星期日", "2023-06-04", "2023年6月4日", false},
      /* Single-digit month, day and hour: 搜狐 */
      {43, "2023-6-4 9:05", "2023-06-04T09:05:00+08:00", "2023-6-4 9:05",
       false},
      {44, "2023/6/4", "2023-06-04", "2023/6/4", false},
      /* 浙江日报 with time */
      {45, "2023.06.04 16:01", "2023-06-04T16:01:00+08:00", "2023.06.04 16:01",
       false},
      {46, "２０２３-０６-０４", "2023-06-04", "２０２３-０６-０４", false},
      {47, "1999年12月31日 23:59:59", "1999-12-31T23:59:59+08:00",
       "1999年12月31日 23:59:59", true},
      /* 腾讯新闻: date, then outlet without a label */
      {48, "2023-06-04 16:01 新京报", "2023-06-04T16:01:00+08:00",
       "2023-06-04 16:01", false},
  };
  size_t n_fail = 0;
  (void)state;

  for (size_t i = 0; i < N_ELEMS(rows); i++) {
    const char *s = rows[i].s;
    zn_datetime dt;
    zn_span where = {0, 0};
    char iso[ZN_DATE_ISO_MAX];
    bool found;

    memset(&dt, 0, sizeof dt);
    found = zn__date_find(s, strlen(s), &dt, &where);
    if (rows[i].iso == NULL) {
      if (found)
        row_fail(&n_fail, 1, rows[i].id, s, "expected no date, got \"%.*s\"",
                 (int)where.len, s + where.off);
      continue;
    }
    if (!found) {
      row_fail(&n_fail, 1, rows[i].id, s, "expected %s, found no date",
               rows[i].iso);
      continue;
    }
    zn__date_format(&dt, iso);
    if (strcmp(iso, rows[i].iso) != 0)
      row_fail(&n_fail, 1, rows[i].id, s, "expected %s, got %s", rows[i].iso,
               iso);
    else if (dt.has_second != rows[i].has_second)
      row_fail(&n_fail, 1, rows[i].id, s, "expected has_second %d, got %d",
               rows[i].has_second, dt.has_second);
    else if (!span_is(s, where, rows[i].match))
      row_fail(&n_fail, 1, rows[i].id, s, "expected match \"%s\", got \"%.*s\"",
               rows[i].match, (int)where.len, s + where.off);
  }
  finish(n_fail, N_ELEMS(rows));
}

/* A NULL *where is allowed. */
static void test_date_find_null_where(void **state) {
  static const char s[] = "2023-06-04 16:01";
  zn_datetime dt;
  (void)state;
  assert_true(zn__date_find(s, sizeof s - 1, &dt, NULL));
  assert_int_equal(dt.year, 2023);
  assert_int_equal(dt.month, 6);
  assert_int_equal(dt.day, 4);
  assert_true(dt.has_time);
  assert_int_equal(dt.hour, 16);
  assert_int_equal(dt.minute, 1);
  assert_false(dt.has_second);
}

/* ----------------------------------------------- 2. zn__date_format */

static void test_date_format(void **state) {
  static const struct {
    int id;
    zn_datetime dt;
    const char *iso;
  } rows[] = {
      {1, {2023, 6, 4, 16, 1, 52, true, true}, "2023-06-04T16:01:52+08:00"},
      /* Seconds absent: ":00". */
      {2, {2023, 6, 4, 16, 1, 0, true, false}, "2023-06-04T16:01:00+08:00"},
      /* A stale second field is ignored without has_second. */
      {3, {2023, 6, 4, 16, 1, 52, true, false}, "2023-06-04T16:01:00+08:00"},
      /* Date only. */
      {4, {2023, 6, 4, 0, 0, 0, false, false}, "2023-06-04"},
      /* Stale time fields are ignored without has_time. */
      {5, {2023, 6, 4, 16, 1, 52, false, false}, "2023-06-04"},
      {6, {2023, 6, 4, 0, 0, 0, true, false}, "2023-06-04T00:00:00+08:00"},
      {7, {1999, 12, 31, 23, 59, 59, true, true}, "1999-12-31T23:59:59+08:00"},
      {8, {2024, 2, 29, 8, 5, 7, true, true}, "2024-02-29T08:05:07+08:00"},
  };
  size_t n_fail = 0;
  (void)state;

  for (size_t i = 0; i < N_ELEMS(rows); i++) {
    char out[ZN_DATE_ISO_MAX];
    size_t n;
    memset(out, 'x', sizeof out);
    n = zn__date_format(&rows[i].dt, out);
    if (strcmp(out, rows[i].iso) != 0 || n != strlen(rows[i].iso))
      row_fail(&n_fail, 2, rows[i].id, rows[i].iso,
               "expected %s (%zu bytes), got %.*s (%zu bytes)", rows[i].iso,
               strlen(rows[i].iso), (int)(n < sizeof out ? n : sizeof out), out,
               n);
  }
  finish(n_fail, N_ELEMS(rows));
}

/* ------------------------------------------------- 3. zn__meta_parse */

static void test_meta_parse(void **state) {
  /*
   * ok: the return value.  For ok rows: date (NULL = has_date false) and the
   * text of the source, author and editor spans ("" = absent); n_fields -1
   * means not checked.
   */
  static const struct {
    int id;
    const char *s;
    bool ok;
    const char *date;
    const char *source;
    const char *author;
    const char *editor;
    int n_fields;
  } rows[] = {
      /* 学习时报 via 中共中央党校网 */
      {1, "2020-03-09  来源: 学习时报 作者: 林振义", true, "2020-03-09",
       "学习时报", "林振义", "", 2},
      /* 中国新闻出版网 */
      {2, "2012-10-27 15:52:00 来源:中国新闻出版网/报", true,
       "2012-10-27T15:52:00+08:00", "中国新闻出版网/报", "", "", 1},
      /* 天津日报 (津云) */
      {3, "发布时间：2023年06月04日 16:01 | 来源：天津日报", true,
       "2023-06-04T16:01:00+08:00", "天津日报", "", "", 2},
      {4, "2023-06-04 16:01:52    来源: 天津日报", true,
       "2023-06-04T16:01:52+08:00", "天津日报", "", "", 1},
      {5, "2023 06/04 16:01:52来源: 天津日报", true,
       "2023-06-04T16:01:52+08:00", "天津日报", "", "", 1},
      /* 人民网 */
      {6, "来源：人民网-人民日报", true, NULL, "人民网-人民日报", "", "", 1},
      {7, "2023年06月04日08:21 | 来源：人民网-人民日报", true,
       "2023-06-04T08:21:00+08:00", "人民网-人民日报", "", "", 1},
      /* 政府网站 */
      {8, "发布日期：2023-06-04  信息来源：市发改委  浏览次数：1258", true,
       "2023-06-04", "市发改委", "", "", 3},
      /* 新京报 with colons */
      {9, "来源：新京报 记者：吴采倩 编辑：张畅", true, NULL, "新京报",
       "吴采倩", "张畅", 3},
      /* 光明网 */
      {10, "2023-06-04 05:50 来源：光明网-《光明日报》", true,
       "2023-06-04T05:50:00+08:00", "光明网-《光明日报》", "", "", 1},
      /* 央视网 */
      {11, "来源：央视网 | 2023年06月04日 19:31", true,
       "2023-06-04T19:31:00+08:00", "央视网", "", "", 1},
      /* 新华网 */
      {12, "2023-06-04 16:01:52 来源：新华网", true,
       "2023-06-04T16:01:52+08:00", "新华网", "", "", 1},
      /* 澎湃新闻 */
      {13, "2023-06-04 16:01 来源：澎湃新闻 作者：沈健", true,
       "2023-06-04T16:01:00+08:00", "澎湃新闻", "沈健", "", 2},
      /* 中新网 */
      {14, "2023年06月04日 16:01 来源：中国新闻网 编辑：王永乐", true,
       "2023-06-04T16:01:00+08:00", "中国新闻网", "", "王永乐", 2},
      /* 天津市政府网站 with the font and print widgets on the same line */
      {15,
       "发布时间：2023-06-04 来源：天津市人民政府办公厅 【字体：大 中 小】 "
       "【打印】 【关闭】",
       true, "2023-06-04", "天津市人民政府办公厅", "", "", -1},
      /* 河北日报 (长城网) */
      {16, "时间：2023-06-04 16:01:52 作者：李伟 来源：河北日报 点击数：302",
       true, "2023-06-04T16:01:52+08:00", "河北日报", "李伟", "", 4},
      /* 网易 with the editor's staff code */
      {17, "2023-06-04 16:01:52 来源：新京报 责任编辑：王凤枝_NBJS7795", true,
       "2023-06-04T16:01:52+08:00", "新京报", "", "王凤枝", 2},
      /* 凤凰网: a date and a weekday */
      {18, "2023年06月04日 星期日", true, "2023-06-04", "", "", "", 0},
      /* 经济日报 (中国经济网) */
      {19, "来源：经济日报-中国经济网 作者：王轶辰", true, NULL,
       "经济日报-中国经济网", "王轶辰", "", 2},
      /* 环球网 */
      {20, "2023-06-04 08:30 来源：环球网", true, "2023-06-04T08:30:00+08:00",
       "环球网", "", "", 1},
      /* 法治日报 (法治网): date after the source */
      {21, "来源：法治日报 2023-06-04", true, "2023-06-04", "法治日报", "", "",
       1},
      /* 21世纪经济报道 */
      {22, "2023-06-04 16:01 来源：21世纪经济报道", true,
       "2023-06-04T16:01:00+08:00", "21世纪经济报道", "", "", 1},
      /* 南方网 */
      {23, "稿件来源：南方日报 发布时间：2023-06-04 16:01", true,
       "2023-06-04T16:01:00+08:00", "南方日报", "", "", 2},
      /* 新浪: a space after the colon */
      {24, "来源： 新浪财经", true, NULL, "新浪财经", "", "", 1},
      /* 浙江日报 (浙江在线) */
      {25, "2023-06-04 07:12:36 来源: 浙江日报 作者: 余勤 责任编辑: 徐湘萍",
       true, "2023-06-04T07:12:36+08:00", "浙江日报", "余勤", "徐湘萍", 3},
      /* 搜狐 "责任编辑：" with the value on another line */
      {26, "2023-06-04 16:01 来源：搜狐新闻", true, "2023-06-04T16:01:00+08:00",
       "搜狐新闻", "", "", 1},
      /* Prose and headlines are not meta lines. */
      {27, "据新华社报道，2023年6月4日，国务院召开常务会议。", false, NULL, "",
       "", "", -1},
      {28, "2023年6月4日国务院常务会议部署加快发展先进制造业", false, NULL, "",
       "", "", -1},
      {29, "6月4日，国务院召开常务会议。", false, NULL, "", "", "", -1},
      {30, "", false, NULL, "", "", "", -1},
      {31, "国务院总理李强主持召开国务院常务会议", false, NULL, "", "", "", -1},
      {32, "2023年是全面贯彻党的二十大精神的开局之年", false, NULL, "", "", "",
       -1},
      /* 人民日报 interview: a question after "记者：" is prose. */
      {33, "记者：请问今年的重点工作有哪些？", false, NULL, "", "", "", -1},
      /* 澎湃 headline with a full date in it */
      {34, "直击｜2023年6月4日，神舟十五号载人飞船返回舱成功着陆", false, NULL,
       "", "", "", -1},
      /* 百家号: a two-digit year, the time glued to the day */
      {35, "发布时间：18-03-0823:16", true, "2018-03-08T23:16:00+08:00", "", "",
       "", 1},
      {36, "发布时间：24/06/04 08:05", true, "2024-06-04T08:05:00+08:00", "",
       "", "", 1},
      /* No label, no two-digit year. */
      {37, "18-03-08 23:16", false, NULL, "", "", "", -1},
      /* 新浪: a portal channel beside the date, a counter and widgets */
      {38, "2019年09月11日01:53  新浪科技   我有话说(1307人参与) 收藏本文",
       true, "2019-09-11T01:53:00+08:00", "新浪科技", "", "", 0},
      /* 观察者网: the update time under the publish time */
      {39, "最后更新: 2019-09-07 15:14:21", true, "2019-09-07T15:14:21+08:00",
       "", "", "", 1},
      /* A channel beside the date is no source (地方门户). */
      {40, "2019年09月11日 富达传媒 时政新闻 1665 0", true, "2019-09-11", "",
       "", "", 0},
  };
  size_t n_fail = 0;
  (void)state;

  for (size_t i = 0; i < N_ELEMS(rows); i++) {
    const char *s = rows[i].s;
    zn_meta m;
    bool ok = zn__meta_parse(s, strlen(s), &m);
    int id = rows[i].id;

    if (ok != rows[i].ok) {
      row_fail(&n_fail, 3, id, s, "expected %s, got %s",
               rows[i].ok ? "a meta line" : "not a meta line",
               ok ? "a meta line" : "not a meta line");
      continue;
    }
    if (!ok)
      continue;
    if (m.has_date != (rows[i].date != NULL)) {
      row_fail(&n_fail, 3, id, s, "expected has_date %d, got %d",
               rows[i].date != NULL, m.has_date);
      continue;
    }
    if (m.has_date) {
      char iso[ZN_DATE_ISO_MAX];
      zn__date_format(&m.date, iso);
      if (strcmp(iso, rows[i].date) != 0) {
        row_fail(&n_fail, 3, id, s, "expected date %s, got %s", rows[i].date,
                 iso);
        continue;
      }
    }
    if (!span_is(s, m.source, rows[i].source))
      row_fail(&n_fail, 3, id, s, "expected source \"%s\", got \"%.*s\"",
               rows[i].source, (int)m.source.len, s + m.source.off);
    else if (!span_is(s, m.author, rows[i].author))
      row_fail(&n_fail, 3, id, s, "expected author \"%s\", got \"%.*s\"",
               rows[i].author, (int)m.author.len, s + m.author.off);
    else if (!span_is(s, m.editor, rows[i].editor))
      row_fail(&n_fail, 3, id, s, "expected editor \"%s\", got \"%.*s\"",
               rows[i].editor, (int)m.editor.len, s + m.editor.off);
    else if (rows[i].n_fields >= 0 && m.n_fields != rows[i].n_fields)
      row_fail(&n_fail, 3, id, s, "expected n_fields %d, got %d",
               rows[i].n_fields, m.n_fields);
  }
  /* An update label marks the date it labels, not the others. */
  {
    static const struct {
      const char *s;
      bool updated;
    } up[] = {
        {"最后更新: 2019-09-07 15:14:21", true},
        {"更新时间：2023-06-05 来源：新华网", true},
        {"发布时间：2023-06-04 更新时间：2023-06-05", false},
        {"2019-09-07 15:10:53 来源：EETOP", false},
    };
    for (size_t i = 0; i < N_ELEMS(up); i++) {
      zn_meta m;
      if (!zn__meta_parse(up[i].s, strlen(up[i].s), &m) ||
          m.updated != up[i].updated)
        row_fail(&n_fail, 3, 100 + (int)i, up[i].s, "expected updated %d",
                 up[i].updated);
    }
  }
  finish(n_fail, N_ELEMS(rows));
}

/* ------------------------------------------------ 4. zn__editor_find */

static void test_editor_find(void **state) {
  /* name NULL: no credit.  whole: the text of *whole. */
  static const struct {
    int id;
    const char *s;
    const char *name;
    const char *whole;
  } rows[] = {
      /* 中国军网 / 地方党报 */
      {1, "责任编辑:余梁", "余梁", "责任编辑:余梁"},
      /* 新华网 */
      {2, "【责任编辑: 金鑫 】", "金鑫", "【责任编辑: 金鑫 】"},
      /* 人民网 */
      {3, "(责编：王晓、李明)", "王晓、李明", "(责编：王晓、李明)"},
      /* 央视网 */
      {4, "编辑：田野", "田野", "编辑：田野"},
      /* 网易: staff code after the name */
      {5, "责任编辑：王凤枝_NBJS7795", "王凤枝", "责任编辑：王凤枝_NBJS7795"},
      /* 光明网 */
      {6, "[ 责编：刘婕 ]", "刘婕", "[ 责编：刘婕 ]"},
      /* 中新网 */
      {7, "【编辑:张燕玲】", "张燕玲", "【编辑:张燕玲】"},
      /* 中国经济网 at the end of the last paragraph */
      {8, "会议要求，各地要抓好落实。（责任编辑：张三）", "张三",
       "（责任编辑：张三）"},
      /* 新华网 after the 纠错 widget */
      {9, "【纠错】 【责任编辑:刘阳 】", "刘阳", "【责任编辑:刘阳 】"},
      /* 央视网: two credits on one line, the first one wins */
      {10, "编辑：李敏 责任编辑：刘亮", "李敏", "编辑：李敏"},
      /* 澎湃新闻 */
      {11, "责任编辑：李跃群 图片编辑：蒋立冬 校对：施鋆", "李跃群",
       "责任编辑：李跃群"},
      /* 经济日报 (中国经济网) */
      {12, "（责任编辑：王炬鹏）", "王炬鹏", "（责任编辑：王炬鹏）"},
      /* 环球网 */
      {13, "责编：侯兴川", "侯兴川", "责编：侯兴川"},
      /* 新浪: staff code after a space */
      {14, "责任编辑：刘光博 SN222", "刘光博", "责任编辑：刘光博 SN222"},
      /* 南方网 */
      {15, "[责任编辑：郭晓康]", "郭晓康", "[责任编辑：郭晓康]"},
      {16, "本文来源：南方日报 责任编辑：张晓芸", "张晓芸", "责任编辑：张晓芸"},
      /* 天津日报 */
      {17, "作者：张清 编辑：李娜", "李娜", "编辑：李娜"},
      /* 搜狐: the label with nothing after it */
      {18, "返回搜狐，查看更多 责任编辑：", NULL, NULL},
      /* Prose */
      {19, "本报编辑部收到读者来信", NULL, NULL},
      {20, "他曾担任杂志编辑多年。", NULL, NULL},
      {21, "记者从市委宣传部获悉，该书由王五担任责任编辑。", NULL, NULL},
      {22, "编辑部地址：北京市朝阳区金台西路2号", NULL, NULL},
      {23, "", NULL, NULL},
      /* A Latin name keeps its second word; a code still goes. */
      {24, "责编：Demi Xia", "Demi Xia", "责编：Demi Xia"},
      {25, "责任编辑：Lily SN222", "Lily", "责任编辑：Lily SN222"},
  };
  size_t n_fail = 0;
  (void)state;

  for (size_t i = 0; i < N_ELEMS(rows); i++) {
    const char *s = rows[i].s;
    zn_span name = {0, 0};
    zn_span whole = {0, 0};
    bool found = zn__editor_find(s, strlen(s), &name, &whole);

    if (rows[i].name == NULL) {
      if (found)
        row_fail(&n_fail, 4, rows[i].id, s,
                 "expected no credit, got name \"%.*s\"", (int)name.len,
                 s + name.off);
      continue;
    }
    if (!found)
      row_fail(&n_fail, 4, rows[i].id, s, "expected name \"%s\", found none",
               rows[i].name);
    else if (!span_is(s, name, rows[i].name))
      row_fail(&n_fail, 4, rows[i].id, s, "expected name \"%s\", got \"%.*s\"",
               rows[i].name, (int)name.len, s + name.off);
    else if (!span_is(s, whole, rows[i].whole))
      row_fail(&n_fail, 4, rows[i].id, s, "expected whole \"%s\", got \"%.*s\"",
               rows[i].whole, (int)whole.len, s + whole.off);
  }
  finish(n_fail, N_ELEMS(rows));
}

/* ----------------------------------------------- 5. zn__byline_names */

static void test_byline_names(void **state) {
  /* names: the reported names joined with '|' ("" = none, return 0). */
  static const struct {
    int id;
    const char *s;
    bool strict;
    const char *names;
  } rows[] = {
      /* 人民日报 */
      {1, "本报记者 王珂 齐志明", true, "王珂|齐志明"},
      /* 中新网 */
      {2, "记者 周亚强 孙玲玲", true, "周亚强|孙玲玲"},
      /* 天津日报 closing group */
      {3, "于春沣 刘国栋 马成 许凯", true, "于春沣|刘国栋|马成|许凯"},
      /* 新京报 / portals */
      {4, "文/李晓华", true, "李晓华"},
      /* 浙江日报 */
      {5, "记者 张帆 通讯员 李平", true, "张帆|李平"},
      /* 新华社 */
      {6, "新华社记者 刘奕湛", true, "刘奕湛"},
      /* A photo credit reports nobody. */
      {7, "张三 摄", true, ""},
      {8, "本报记者 王珂 摄", true, ""},
      /* 经济日报 with the place */
      {9, "本报记者 张伟 北京报道", true, "张伟"},
      /* 新京报 */
      {10, "新京报记者 吴采倩", true, "吴采倩"},
      /* 澎湃新闻 with an intern */
      {11, "澎湃新闻记者 沈健 实习生 刘洁", true, "沈健|刘洁"},
      /* 21世纪经济报道: a long outlet name before 记者 */
      {12, "21世纪经济报道记者 张望 北京报道", true, "张望"},
      /* 中国青年报 */
      {13, "中国青年报·中青在线记者 王林", true, "王林"},
      /* 南方日报 */
      {14, "南方日报记者 黄叙浩 通讯员 李平 王明", true, "黄叙浩|李平|王明"},
      /* 法治日报 */
      {15, "法治日报记者 张昊 通讯员 李勇", true, "张昊|李勇"},
      /* Compound surname and a transliterated name */
      {16, "记者 欧阳娜娜", true, "欧阳娜娜"},
      {17, "记者 阿不都·热合曼", true, "阿不都·热合曼"},
      /* Photographer and writer in either order: 新京报 */
      {18, "图/张三 文/李四", true, "李四"},
      {19, "文/李四 图/张三", true, "李四"},
      /* 光明日报 with 整理 */
      {20, "本报记者 张蕾 刘坤 整理", true, "张蕾|刘坤"},
      /* 经济日报 */
      {21, "经济日报记者 王轶辰", true, "王轶辰"},
      /* 天津日报 */
      {22, "天津日报记者 张立平", true, "张立平"},
      /* Junk in strict mode makes it no byline at all. */
      {23, "本报记者 张三 今天下午", true, ""},
      {24, "国务院总理李强主持会议", true, ""},
      /* Lenient mode takes an unlisted Mongolian name. */
      {25, "记者 巴音朝鲁", false, "巴音朝鲁"},
      /* 南方日报 slash style */
      {26, "记者/黄叙浩 通讯员/李平", true, "黄叙浩|李平"},
      /* Portals (搜狐, 网易) reprinting WeChat posts: "文丨X" */
      {27, "文丨李晓华", true, "李晓华"},
      /* 南方周末 */
      {28, "南方周末记者 张三 发自北京", true, "张三"},
      /* Names separated by 、: 中新网 */
      {29, "记者 周亚强、孙玲玲", true, "周亚强|孙玲玲"},
      {30, "本报记者 张三 李四 王五 赵六", true, "张三|李四|王五|赵六"},
      /* 人民日报 single-name group */
      {31, "李心萍", true, "李心萍"},
      /* 新华社 writer and photographer on one line */
      {32, "新华社记者 刘奕湛 摄影记者 李然", true, "刘奕湛"},
      /* Trade sites: "作者：网络整理" names nobody, even leniently. */
      {33, "网络整理", false, ""},
  };
  size_t n_fail = 0;
  (void)state;

  for (size_t i = 0; i < N_ELEMS(rows); i++) {
    const char *s = rows[i].s;
    struct names nm;
    int n;
    memset(&nm, 0, sizeof nm);
    n = zn__byline_names(s, strlen(s), rows[i].strict, collect_name, &nm);
    if (n != names_count(rows[i].names) || strcmp(nm.buf, rows[i].names) != 0)
      row_fail(&n_fail, 5, rows[i].id, s, "expected %d \"%s\", got %d \"%s\"",
               names_count(rows[i].names), rows[i].names, n, nm.buf);
  }
  finish(n_fail, N_ELEMS(rows));
}

/* A callback that returns nonzero stops the walk. */
static int stop_after_first(void *ctx, const char *s, size_t len) {
  int *calls = ctx;
  (void)s;
  (void)len;
  (*calls)++;
  return 1;
}

static void test_byline_names_stop(void **state) {
  static const char s[] = "本报记者 王珂 齐志明";
  int calls = 0;
  (void)state;
  zn__byline_names(s, sizeof s - 1, true, stop_after_first, &calls);
  assert_int_equal(calls, 1);
  /* A NULL callback still counts. */
  assert_int_equal(zn__byline_names(s, sizeof s - 1, true, NULL, NULL), 2);
}

/* ------------------------------------------------ 6. zn__byline_line */

static void test_byline_line(void **state) {
  static const struct {
    int id;
    const char *s;
    bool ok;
    const char *names;
  } rows[] = {
      /* 人民日报 */
      {1, "本报记者 王珂 齐志明", true, "王珂|齐志明"},
      /* 中新网 / 地方党报 */
      {2, "记者 周亚强 通讯员 王五", true, "周亚强|王五"},
      /* 新华社 */
      {3, "新华社记者 刘奕湛", true, "刘奕湛"},
      /* 新京报 */
      {4, "文/李晓华", true, "李晓华"},
      /* Names alone carry no role word. */
      {5, "于春沣 刘国栋 马成 许凯", false, ""},
      /* 经济日报 */
      {6, "本报记者 张伟 北京报道", true, "张伟"},
      /* Prose */
      {7, "据新华社报道，国务院召开常务会议。", false, ""},
      {8, "记者从市教育局获悉，今年高考报名人数创新高。", false, ""},
      /* 法治日报 opens the byline with a box */
      {9, "□ 本报记者 张昊", true, "张昊"},
      /* 21世纪经济报道 */
      {10, "21世纪经济报道记者 张望 北京报道", true, "张望"},
      /* 澎湃新闻 */
      {11, "澎湃新闻记者 沈健", true, "沈健"},
      {12, "记者 欧阳娜娜", true, "欧阳娜娜"},
      /* A role with nobody after it */
      {13, "记者", false, ""},
      {14, "中共中央政治局常委、国务院总理李强", false, ""},
      /* 光明日报 */
      {15, "本报记者 张蕾 刘坤 本报通讯员 王五", true, "张蕾|刘坤|王五"},
      /* 南方日报 */
      {16, "南方日报记者 黄叙浩 通讯员 李平", true, "黄叙浩|李平"},
      {17, "", false, ""},
      /* 环球网: pen names after an explicit label */
      {18, "执笔/叨叨姐、胡一刀&李小飞刀", true, "叨叨姐|胡一刀|李小飞刀"},
      /* ...but not a sentence's words after one */
      {19, "作者：今天下午在北京召开", false, ""},
  };
  size_t n_fail = 0;
  (void)state;

  for (size_t i = 0; i < N_ELEMS(rows); i++) {
    const char *s = rows[i].s;
    struct names nm;
    bool ok;
    memset(&nm, 0, sizeof nm);
    ok = zn__byline_line(s, strlen(s), collect_name, &nm);
    if (ok != rows[i].ok)
      row_fail(&n_fail, 6, rows[i].id, s, "expected %s, got %s",
               rows[i].ok ? "a byline" : "no byline",
               ok ? "a byline" : "no byline");
    else if (ok && strcmp(nm.buf, rows[i].names) != 0)
      row_fail(&n_fail, 6, rows[i].id, s, "expected names \"%s\", got \"%s\"",
               rows[i].names, nm.buf);
  }
  finish(n_fail, N_ELEMS(rows));
}

/* -------------------------------------------- 7. zn__byline_trailing */

static void test_byline_trailing(void **state) {
  /* group NULL: no reporter group; else the text of *group, which must
   * reach the end of the paragraph. */
  static const struct {
    int id;
    const char *s;
    const char *group;
  } rows[] = {
      /* 天津日报 */
      {1, "市领导张工、李清出席。(于春沣 刘国栋 马成 许凯)",
       "(于春沣 刘国栋 马成 许凯)"},
      {2, "市领导张工、李清出席。（于春沣 刘国栋 马成 许凯）",
       "（于春沣 刘国栋 马成 许凯）"},
      /* 地方党报 */
      {3, "活动将持续到本月底。（记者 张三）", "（记者 张三）"},
      /* White space before the group is cut with it. */
      {4, "活动将持续到本月底。 （记者 张三）", " （记者 张三）"},
      {5, "活动将持续到本月底。(记者 张三)", "(记者 张三)"},
      /* 人民日报 single-name group */
      {6, "全国夏粮收购进度快于去年同期。（李心萍）", "（李心萍）"},
      {7, "全国夏粮收购进度快于去年同期。（本报记者 王珂 齐志明）",
       "（本报记者 王珂 齐志明）"},
      /* 浙江日报 */
      {8, "项目预计年底完工。（记者 周亚强 通讯员 王五）",
       "（记者 周亚强 通讯员 王五）"},
      /* After a closing quote: 河北日报 */
      {9, "他说：“我们会继续努力。”（记者 张三）", "（记者 张三）"},
      {10, "这一天终于来了！（张三 李四）", "（张三 李四）"},
      /* Not reporter groups */
      {11, "国务院常务会议部署了相关工作。（完）", NULL},
      {12, "国务院常务会议部署了相关工作。（新华社）", NULL},
      {13, "国务院常务会议部署了相关工作。（据人民网）", NULL},
      {14, "国务院常务会议部署了相关工作。（2023年6月4日）", NULL},
      {15, "国务院常务会议部署了相关工作。(上接第一版)", NULL},
      {16, "国务院常务会议部署了相关工作。（下转第二版）", NULL},
      {17, "游客在海河边观看灯光秀。（新华社记者 李航 摄）", NULL},
      {18, "国务院常务会议部署了相关工作。（责任编辑：张三）", NULL},
      {19, "游客在海河边观看灯光秀。（图片来源：视觉中国）", NULL},
      {20, "记者（张三）昨天在现场看到了这一幕。", NULL},
      {21, "让改革发展成果更多更公平惠及全体人民。（本报评论员）", NULL},
      {22, "国务院常务会议部署了相关工作。", NULL},
  };
  size_t n_fail = 0;
  (void)state;

  for (size_t i = 0; i < N_ELEMS(rows); i++) {
    const char *s = rows[i].s;
    size_t len = strlen(s);
    zn_span g = {0, 0};
    bool found = zn__byline_trailing(s, len, &g);

    if (rows[i].group == NULL) {
      if (found)
        row_fail(&n_fail, 7, rows[i].id, s, "expected no group, got \"%.*s\"",
                 (int)g.len, s + g.off);
      continue;
    }
    if (!found)
      row_fail(&n_fail, 7, rows[i].id, s, "expected \"%s\", found none",
               rows[i].group);
    else if (!span_is(s, g, rows[i].group) || g.off + g.len != len)
      row_fail(&n_fail, 7, rows[i].id, s, "expected \"%s\", got \"%.*s\"",
               rows[i].group, (int)g.len, s + g.off);
  }
  finish(n_fail, N_ELEMS(rows));
}

/* ---------------------------------------------- 8. zn__dateline_find */

static void test_dateline_find(void **state) {
  /* dateline NULL: none.  byline "" means its span must be empty. */
  static const struct {
    int id;
    const char *s;
    const char *dateline;
    const char *byline;
  } rows[] = {
      /* 新华社 */
      {1,
       "新华社北京1月11日电（记者 张三 李四）国务院总理李强11日主持召开"
       "国务院常务会议。",
       "新华社北京1月11日电", "（记者 张三 李四）"},
      /* 中新网 */
      {2, "中新网天津1月25日电 (记者 周亚强 孙玲玲) 天津市25日发布消息。",
       "中新网天津1月25日电", "(记者 周亚强 孙玲玲)"},
      /* 人民网 */
      {3, "人民网北京6月4日电 （记者张三）记者从国家发展改革委获悉。",
       "人民网北京6月4日电", "（记者张三）"},
      /* 经济日报 / 地方党报 */
      {4, "本报讯（记者 张三）近日，我市召开会议。", "本报讯", "（记者 张三）"},
      {5, "本报北京6月4日讯 （记者 张三）国家统计局4日发布数据。",
       "本报北京6月4日讯", "（记者 张三）"},
      /* 央视网 */
      {6, "央视网消息（新闻联播）：国务院总理李强6月4日主持召开会议。",
       "央视网消息", ""},
      {7, "央视网消息：据中央气象台消息，今天华北有雷阵雨。", "央视网消息", ""},
      /* 新华社 abroad */
      {8, "新华社华盛顿6月3日电（记者 张三）美国劳工部3日公布数据。",
       "新华社华盛顿6月3日电", "（记者 张三）"},
      /* 科技日报 */
      {9, "科技日报北京6月3日电 （记者罗晓峰）记者从中国科学院获悉。",
       "科技日报北京6月3日电", "（记者罗晓峰）"},
      /* 中新社 */
      {10, "中新社北京6月4日电 (记者 张三)中国外交部4日表示。",
       "中新社北京6月4日电", "(记者 张三)"},
      /* 光明日报 */
      {11, "光明日报北京6月4日电（记者 张蕾、刘坤）教育部4日召开发布会。",
       "光明日报北京6月4日电", "（记者 张蕾、刘坤）"},
      /* 人民日报 "本报…电" */
      {12, "本报北京6月3日电  （记者韩鑫）工业和信息化部3日发布数据。",
       "本报北京6月3日电", "（记者韩鑫）"},
      /* 地方党报: reporters without a parenthesis */
      {13, "本报讯 记者 张三 近日，我市召开会议。", "本报讯", "记者 张三"},
      /* 南方日报: "<paper>讯" without a date */
      {14, "南方日报讯 （记者/黄叙浩 通讯员/李平）6月4日，广州召开会议。",
       "南方日报讯", "（记者/黄叙浩 通讯员/李平）"},
      /* 新华社 without reporters */
      {15, "新华社联合国6月3日电 联合国秘书长古特雷斯3日表示。",
       "新华社联合国6月3日电", ""},
      /* 中新网 */
      {16, "中新网上海6月4日电(记者 张三)上海市4日发布消息。",
       "中新网上海6月4日电", "(记者 张三)"},
      /* Not datelines */
      {17, "他在1月11日电话中说，项目进展顺利。", NULL, NULL},
      {18, "5月31日，中国共产党中央政治局召开会议。", NULL, NULL},
      {19, "北京时间6月4日，神舟十五号返回舱成功着陆。", NULL, NULL},
      {20, "据新华社报道，国务院召开常务会议。", NULL, NULL},
      {21, "本报记者 张三", NULL, NULL},
      {22, "", NULL, NULL},
      /* 新京报 */
      {23, "新京报快讯（记者 裴明）今日有网友爆料，称数据在网上出售。",
       "新京报快讯", "（记者 裴明）"},
      {24, "最新快讯（记者 张三）今日召开会议。", NULL, NULL},
  };
  size_t n_fail = 0;
  (void)state;

  for (size_t i = 0; i < N_ELEMS(rows); i++) {
    const char *s = rows[i].s;
    zn_span dl = {0, 0};
    zn_span by = {0, 0};
    bool found = zn__dateline_find(s, strlen(s), &dl, &by);

    if (rows[i].dateline == NULL) {
      if (found)
        row_fail(&n_fail, 8, rows[i].id, s,
                 "expected no dateline, got \"%.*s\"", (int)dl.len, s + dl.off);
      continue;
    }
    if (!found)
      row_fail(&n_fail, 8, rows[i].id, s, "expected \"%s\", found none",
               rows[i].dateline);
    else if (!span_is(s, dl, rows[i].dateline))
      row_fail(&n_fail, 8, rows[i].id, s,
               "expected dateline \"%s\", got \"%.*s\"", rows[i].dateline,
               (int)dl.len, s + dl.off);
    else if (!span_is(s, by, rows[i].byline))
      row_fail(&n_fail, 8, rows[i].id, s,
               "expected byline \"%s\", got \"%.*s\"", rows[i].byline,
               (int)by.len, s + by.off);
  }
  finish(n_fail, N_ELEMS(rows));
}

/* ------------------------------------------- 9. zn__is_widget_line */

static void test_widget_line(void **state) {
  static const struct bool_row rows[] = {
      {1, "字体：大 中 小", true},         /* 政府网站 */
      {2, "分享到：", true},               /* 新华网 */
      {3, "打印 | 关闭窗口", true},        /* 地方党报 */
      {4, "【纠错】", true},               /* 新华网 */
      {5, "扫一扫在手机打开当前页", true}, /* 中国政府网 */
      {6, "返回顶部", true},
      {7, "上一篇：国务院召开常务会议", true}, /* 政府网站 */
      {8, "下一篇：我市召开防汛工作会议", true},
      {9, "我要评论", true},                             /* 新浪 */
      {10, "【字体：大 中 小】【打印】【关闭】", true},  /* 政府网站 */
      {11, "分享到：微信 微博 QQ空间", true},            /* 光明网 */
      {12, "分享让更多人看到", true},                    /* 人民网 */
      {13, "举报", true},                                /* 澎湃新闻 */
      {14, "打印本页 关闭窗口", true},                   /* 河北日报 */
      {15, "用微信扫码二维码 分享至好友和朋友圈", true}, /* 网易 */
      {16, "手机看新闻", true},                          /* 中新网 */
      {17, "微信 微博 QQ空间 收藏", true},
      {18, "他在会上说，要关闭落后产能。", false},
      {19, "中国共产党第二十次全国代表大会", false},
      {20, "打印机厂商今年出货量大幅增长。", false},
      {21, "", false},
  };
  (void)state;
  run_bool_rows(9, rows, N_ELEMS(rows), zn__is_widget_line);
}

/* ---------------------------------------- 10. zn__is_related_header */

static void test_related_header(void **state) {
  static const struct bool_row rows[] = {
      {1, "相关新闻", true},        /* 新华网 */
      {2, "相关阅读：", true},      /* 人民网 */
      {3, "【相关阅读】", true},    /* 央视网 */
      {4, "推荐阅读", true},        /* 澎湃新闻 */
      {5, "延伸阅读", true},        /* 光明网 */
      {6, "相关新闻 更多>>", true}, /* 地方党报 */
      {7, "相关报道", true},        /* 中新网 */
      {8, "热点推荐", true},        /* 搜狐 */
      {9, "猜你喜欢", true},        /* 网易 */
      {10, "相关新闻报道引发社会广泛关注。", false},
      {11, "相关部门负责人表示，将加快推进。", false},
      {12, "", false},
      {13, "精彩视频推荐", true}, /* 腾讯: a video box after the text */
  };
  (void)state;
  run_bool_rows(10, rows, N_ELEMS(rows), zn__is_related_header);
}

/* ------------------------------------------- 11. zn__is_footer_line */

static void test_footer_line(void **state) {
  static const struct bool_row rows[] = {
      /* 新华网 */
      {1, "Copyright © 2000-2023 XINHUANET.com All Rights Reserved.", true},
      /* 人民网 */
      {2, "人民网版权所有，未经书面授权禁止使用", true},
      {3, "Copyright © 1997-2023 by www.people.com.cn. all rights reserved",
       true},
      /* 公安备案 */
      {4, "京公网安备 11000002000008号", true},
      /* 政府网站 */
      {5, "版权所有：天津市人民政府办公厅 网站标识码：1200000001", true},
      /* 新闻许可证 */
      {6, "互联网新闻信息服务许可证：10120170001", true},
      {7, "违法和不良信息举报电话：010-65363263", true},
      {8, "京ICP备05070218号", true},
      {9, "京ICP证030467号", true},
      /* 南方网 */
      {10, "南方网版权所有 未经许可不得转载", true},
      /* 央视网 */
      {11,
       "本网站所刊登的各种新闻、信息和各种专题专栏资料，均为央视网版权所有，"
       "未经协议授权，禁止下载使用。",
       true},
      /* Prose about copyright and licences (法治日报, 经济日报) */
      {12, "加强知识产权保护，营造良好创新环境。", false},
      {13, "著作权法规定，版权所有人有权禁止他人擅自转载其作品。", false},
      {14, "工信部要求，所有网站须在开通前办理ICP备案。", false},
      {15, "", false},
  };
  (void)state;
  run_bool_rows(11, rows, N_ELEMS(rows), zn__is_footer_line);
}

/* ------------------------------------- 11b. zn__copyright_holder */

static void test_copyright_holder(void **state) {
  /* holder "" means not found. */
  static const struct {
    int id;
    const char *s;
    const char *holder;
  } rows[] = {
      {1, "版权所有：天津市人民政府办公厅 网站标识码：1200000001",
       "天津市人民政府办公厅"},
      {2, "人民网版权所有，未经书面授权禁止使用", "人民网"},
      {3, "Copyright © 2019 观察者 All Rights Reserved", "观察者"},
      /* 高校网站: the holder, then a space, then 版权所有 */
      {4, "主办单位：示例大学纪检监察室 版权所有", "示例大学纪检监察室"},
      {5, "All Rights Reserved 示例公司 版权所有", "示例公司"},
      /* Too long for a name: a sentence that ends in the words. */
      {6,
       "本网站刊登的所有新闻报道和信息资料均为本网站和本网站合作伙伴版权所有",
       ""},
      {7, "京ICP备05070218号", ""},
      /* The holder is the Latin name; the Han words are a link. */
      {8, "© Baidu 使用百度前必读 意见反馈", ""},
  };
  size_t n_fail = 0;
  (void)state;
  for (size_t i = 0; i < N_ELEMS(rows); i++) {
    const char *s = rows[i].s;
    zn_span h = {0, 0};
    bool ok = zn__copyright_holder(s, strlen(s), &h);
    if (ok != (rows[i].holder[0] != '\0'))
      row_fail(&n_fail, 11, rows[i].id, s, "expected %s, got %s",
               rows[i].holder[0] != '\0' ? "true" : "false",
               ok ? "true" : "false");
    else if (ok && !span_is(s, h, rows[i].holder))
      row_fail(&n_fail, 11, rows[i].id, s,
               "expected holder \"%s\", got \"%.*s\"", rows[i].holder,
               (int)h.len, s + h.off);
  }
  finish(n_fail, N_ELEMS(rows));
}

/* --------------------------------------------- 12. zn__is_page_code */

static void test_page_code(void **state) {
  static const struct bool_row rows[] = {
      {1, "202306040001234", true},
      {2, "123456789012", true}, /* 12 digits */
      {3, "0001234567890123", true},
      {4, "12345678901", true}, /* 11 digits */
      {5, "20230604", false},   /* a date in digits */
      {6, "12345678", false},
      {7, "1129667839", true}, /* 新华网 article id, 10 digits: least */
      {8, "1234 5678 9012", false},
      {9, "ab1234567890", false},
      {10, "", false},
  };
  (void)state;
  run_bool_rows(12, rows, N_ELEMS(rows), zn__is_page_code);
}

/* ----------------------------------------------- 13. zn__breadcrumb */

static void test_breadcrumb(void **state) {
  /* site "" means its span must be empty. */
  static const struct {
    int id;
    const char *s;
    bool ok;
    const char *site;
  } rows[] = {
      {1, "新华网天津 > 正文", true, "新华网天津"},  /* 新华网 */
      {2, "当前位置：首页 > 新闻中心", true, ""},    /* 政府网站 */
      {3, "人民网 >> 时政 >> 正文", true, "人民网"}, /* 人民网 */
      {4, "首页 > 新闻 > 国内", true, ""},
      {5, "您现在的位置：首页 > 新闻中心 > 图片新闻", true, ""}, /* 政府网站 */
      {6, "当前位置：天津政务网 > 新闻中心 > 天津要闻", true, "天津政务网"},
      {7, "央视网 > 新闻频道 > 国内新闻", true, "央视网"},  /* 央视网 */
      {8, "中国新闻网 » 国内新闻", true, "中国新闻网"},     /* 中新网 */
      {9, "环球网 > 国际 > 正文", true, "环球网"},          /* 环球网 */
      {10, "当前位置: 首页>>新闻中心>>本地要闻", true, ""}, /* 地方党报 */
      {11, "今年一季度GDP增速>5%，好于预期。", false, ""},
      {12, "首页", false, ""},
      {13, "正文", false, ""},
      /* A prompt with an arrow: no site in a sentence-long root. */
      {14, "安装示例财经客户端第一时间接收最全面的市场资讯→【下载地址】", true,
       ""},
      /* Spaced slashes (今日头条) */
      {15, "首页 / 其他 / 正文", true, ""},
      {16, "2019/09/07", false, ""},
  };
  size_t n_fail = 0;
  (void)state;

  for (size_t i = 0; i < N_ELEMS(rows); i++) {
    const char *s = rows[i].s;
    zn_span site = {0, 0};
    bool ok = zn__breadcrumb(s, strlen(s), &site);
    if (ok != rows[i].ok)
      row_fail(&n_fail, 13, rows[i].id, s, "expected %s, got %s",
               rows[i].ok ? "true" : "false", ok ? "true" : "false");
    else if (ok && !span_is(s, site, rows[i].site))
      row_fail(&n_fail, 13, rows[i].id, s, "expected site \"%s\", got \"%.*s\"",
               rows[i].site, (int)site.len, s + site.off);
  }
  finish(n_fail, N_ELEMS(rows));
}

/* ------------------------------------------------ 14. zn__url_line */

static void test_url_line(void **state) {
  /* url NULL: not a URL line. */
  static const struct {
    int id;
    const char *s;
    const char *url;
  } rows[] = {
      /* 新华网 reprinted by a portal */
      {1, "原文链接：https://www.news.cn/politics/2023-06/04/c_1129667839.htm",
       "https://www.news.cn/politics/2023-06/04/c_1129667839.htm"},
      /* 澎湃新闻, bare */
      {2, "https://www.thepaper.cn/newsDetail_forward_23343434",
       "https://www.thepaper.cn/newsDetail_forward_23343434"},
      /* 中新网 */
      {3, "本文链接：http://www.chinanews.com.cn/gn/2023/06-04/10019302.shtml",
       "http://www.chinanews.com.cn/gn/2023/06-04/10019302.shtml"},
      /* 人民日报 paper edition */
      {4,
       "原文链接: http://paper.people.com.cn/rmrb/html/2023-06/04/"
       "nw.D110000renmrb_20230604_1-01.htm",
       "http://paper.people.com.cn/rmrb/html/2023-06/04/"
       "nw.D110000renmrb_20230604_1-01.htm"},
      {5, "更多信息请访问http://www.gov.cn了解。", NULL},
      {6, "http://www.gov.cn 国务院", NULL},
      {7, "国务院", NULL},
      {8, "", NULL},
  };
  size_t n_fail = 0;
  (void)state;

  for (size_t i = 0; i < N_ELEMS(rows); i++) {
    const char *s = rows[i].s;
    zn_span url = {0, 0};
    bool ok = zn__url_line(s, strlen(s), &url);
    if (ok != (rows[i].url != NULL))
      row_fail(&n_fail, 14, rows[i].id, s, "expected %s, got %s",
               rows[i].url != NULL ? "a URL line" : "no URL line",
               ok ? "a URL line" : "no URL line");
    else if (ok && !span_is(s, url, rows[i].url))
      row_fail(&n_fail, 14, rows[i].id, s, "expected \"%s\", got \"%.*s\"",
               rows[i].url, (int)url.len, s + url.off);
  }
  finish(n_fail, N_ELEMS(rows));
}

/* -------------------------------------- 15. zn__has_caption_marker */

static void test_caption_marker(void **state) {
  static const struct bool_row rows[] = {
      {1, "受访者供图", true},                         /* 澎湃新闻 */
      {2, "（新华社记者 李航 摄）", true},             /* 新华社 */
      {3, "图为6月4日，游客在天津五大道参观。", true}, /* 天津日报 */
      {4, "资料图", true},                             /* 中新网 */
      {5, "图片来源：视觉中国", true},                 /* 网易 */
      {6, "6月4日，市民在海河边晨练。新华社记者 李然 摄", true},
      {7, "中新社记者 张三 摄", true},
      {8, "新京报记者 王贵彬 摄", true},
      {9, "本报记者 张三摄", true},     /* 地方党报 */
      {10, "央视新闻客户端截图", true}, /* 央视网 */
      {11, "图/视觉中国", true},        /* 搜狐 */
      {12, "新华社发（张三 摄）", true},
      {13, "视频截图", true},
      {14, "南方日报记者 黄叙浩 摄", true},       /* 南方日报 */
      {15, "图：6月4日，市民在公园晨练。", true}, /* 河北日报 */
      {16, "（受访者供图）", true},
      {17, "为居民提供图书借阅服务。", false},
      {18, "他们拍摄了大量照片。", false},
      {19, "资料图表显示，今年出口增长5%。", false},
      {20, "新华社发布消息称，国务院召开常务会议。", false},
      {21, "该片摄于2019年夏天。", false},
      {22, "国务院召开常务会议", false},
      {23, "不少游客举起手机拍摄", false},
      {24, "企业可免费提供图片素材。", false},
      {25, "", false},
  };
  (void)state;
  run_bool_rows(15, rows, N_ELEMS(rows), zn__has_caption_marker);
}

/* -------------------------------------- 17. zn__is_placeholder_name */

static void test_placeholder_name(void **state) {
  static const struct bool_row rows[] = {
      {1, "系统管理员", true},                     /* 政府网站 CMS */
      {2, "网络整理", true},   {3, "HN666", true}, /* 和讯: a staff code */
      {4, "admin", true},      {5, "陈梦莹", false},
      {6, "alonliu", false}, /* 腾讯: a login name is a name */
      {7, "Demi Xia", false},  {8, "", false},
  };
  (void)state;
  run_bool_rows(17, rows, N_ELEMS(rows), zn__is_placeholder_name);
}

/* ------------------------------------------ 16. zn__is_person_name */

static void test_person_name(void **state) {
  static const struct bool_row rows[] = {
      {1, "王毅", true},
      {2, "李强", true},
      {3, "周亚强", true},
      {4, "孙玲玲", true},
      {5, "于春沣", true},
      {6, "马成", true},
      {7, "欧阳娜娜", true},
      {8, "司马南", true},
      {9, "覃星星", true},
      {10, "阿不都·热合曼", true},
      {11, "迪丽热巴·迪力木拉提", true},
      {12, "刘奕湛", true},
      {13, "高新区", false},
      {14, "张家口市", false},
      {15, "王府井", false},
      {16, "国务院", false},
      {17, "新华社", false},
      {18, "中新网", false},
      {19, "张", false},
      {20, "欧阳", false},
      {21, "张三丰李四", false},
      {22, "John", false},
      {23, "张3", false},
      {24, "", false},
      {25, "黄浦区", false},
      {26, "汉江", false}, /* 江 is no surname here: 汉 isn't one */
      {27, "记者", false},
      {28, "李明等", false},
  };
  (void)state;
  run_bool_rows(16, rows, N_ELEMS(rows), zn__is_person_name);
}

/* ---------------------------------------------------------------- main */

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_date_find),
      cmocka_unit_test(test_date_find_null_where),
      cmocka_unit_test(test_date_format),
      cmocka_unit_test(test_meta_parse),
      cmocka_unit_test(test_editor_find),
      cmocka_unit_test(test_byline_names),
      cmocka_unit_test(test_byline_names_stop),
      cmocka_unit_test(test_byline_line),
      cmocka_unit_test(test_byline_trailing),
      cmocka_unit_test(test_dateline_find),
      cmocka_unit_test(test_widget_line),
      cmocka_unit_test(test_related_header),
      cmocka_unit_test(test_footer_line),
      cmocka_unit_test(test_copyright_holder),
      cmocka_unit_test(test_page_code),
      cmocka_unit_test(test_breadcrumb),
      cmocka_unit_test(test_url_line),
      cmocka_unit_test(test_caption_marker),
      cmocka_unit_test(test_person_name),
      cmocka_unit_test(test_placeholder_name),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
