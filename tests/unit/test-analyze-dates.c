/* SPDX-License-Identifier: MIT */
/*
 * test-analyze-dates.c - unit tests for the date finder of the analyze
 * module (src/analyze/dates.c): zn__date_anchor_from() and
 * zn__find_dates().  The table rows are sentences written in the styles of
 * 新华社, 人民日报, 澎湃新闻, 新京报, 财新 and local government sites, each
 * with the publish time and every mention expected as "text=ISO", joined
 * by " | "; the text is sliced from the reported span, so a row also checks
 * that the offsets cut exactly the mention.  A failing row is printed with
 * what was found.
 */
#include "analyze/internal.h"
#include "zhnews/extract.h"
#include "zhnews/text.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test-util.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* Runs the finder over text as paragraph 0 and writes what it found as
 * "text=ISO | text=ISO" into out. */
static int found(const char *published, const char *text, char *out,
                 size_t size) {
  zn__date_anchor a;
  zn_analysis an;
  size_t cap = 0, used = 0;
  size_t len = strlen(text);
  int rc;

  memset(&an, 0, sizeof an);
  zn__date_anchor_from(published, &a);
  rc = zn__find_dates(&an, &cap, &a, 0, text, len);
  out[0] = '\0';
  for (size_t i = 0; i < an.ndates; i++) {
    const zn_date_mention *d = &an.dates[i];
    int n;
    assert_int_equal(d->at.para, 0);
    assert_true(d->at.off + d->at.len <= len);
    n = snprintf(out + used, size - used, "%s%.*s=%s", i ? " | " : "",
                 (int)d->at.len, text + d->at.off, d->iso);
    if (n > 0 && (size_t)n < size - used)
      used += (size_t)n;
    zn_free(d->iso);
  }
  zn_free(an.dates);
  return rc;
}

struct row {
  const char *published; /* NULL: no publish date */
  const char *text;
  const char *want;
};

static void check_rows(const char *what, const struct row *rows, size_t n) {
  char got[2048];
  int bad = 0;
  for (size_t r = 0; r < n; r++) {
    assert_int_equal(found(rows[r].published, rows[r].text, got, sizeof got),
                     ZN_OK);
    if (strcmp(got, rows[r].want) != 0) {
      print_error("%s: row %zu: %s\n  want: %s\n  got:  %s\n", what, r + 1,
                  rows[r].text, rows[r].want, got);
      bad++;
    }
  }
  assert_int_equal(bad, 0);
}

#define PUB "2023-06-04T16:01:52+08:00"

/* ---------------------------------------------------------------- anchor */

static void test_anchor(void **state) {
  static const struct {
    const char *in;
    bool valid;
    int y, m, d;
  } rows[] = {
      {"2023-06-04T16:01:52+08:00", true, 2023, 6, 4},
      {"2023-06-04", true, 2023, 6, 4},
      {"2023-06-04 09:00", true, 2023, 6, 4},
      /* 23:30 UTC is 07:30 the next morning in Beijing. */
      {"2023-06-04T23:30:00Z", true, 2023, 6, 5},
      {"2023-12-31T20:00:00-05:00", true, 2024, 1, 1},
      {"2024-02-28T18:00:00+00:00", true, 2024, 2, 29},
      {"2023-06-04T01:00:00+09:00", true, 2023, 6, 4},
      {"2023-01-01T02:00:00+12:00", true, 2022, 12, 31},
      {"2023-02-29", false, 0, 0, 0},
      {"2023-13-01", false, 0, 0, 0},
      {"2023-6-4", false, 0, 0, 0},
      {"", false, 0, 0, 0},
      {"yesterday", false, 0, 0, 0},
      {NULL, false, 0, 0, 0},
  };
  (void)state;
  for (size_t r = 0; r < N_ELEMS(rows); r++) {
    zn__date_anchor a;
    zn__date_anchor_from(rows[r].in, &a);
    if (a.valid != rows[r].valid ||
        (a.valid &&
         (a.year != rows[r].y || a.month != rows[r].m || a.day != rows[r].d)))
      print_error("anchor row %zu: %s\n", r + 1, rows[r].in);
    assert_int_equal(a.valid, rows[r].valid);
    if (a.valid) {
      assert_int_equal(a.year, rows[r].y);
      assert_int_equal(a.month, rows[r].m);
      assert_int_equal(a.day, rows[r].d);
    }
  }
}

/* ------------------------------------------------------- absolute dates */

static void test_absolute(void **state) {
  static const struct row rows[] = {
      /* 1 新华社 dateline */
      {PUB, "新华社北京2023年6月4日电（记者张三）", "2023年6月4日=2023-06-04"},
      /* 2 人民日报, Chinese numerals */
      {PUB, "二〇二三年六月四日，中共中央印发了《条例》。",
       "二〇二三年六月四日=2023-06-04"},
      {PUB, "一九九八年十二月三十一日", "一九九八年十二月三十一日=1998-12-31"},
      {PUB, "二○二二年十月", "二○二二年十月=2022-10"},
      /* 5 full-width digits */
      {PUB, "２０２３年６月４日上午", "２０２３年６月４日=2023-06-04"},
      /* 6 numeric forms */
      {PUB, "发布时间：2023-06-04 16:01",
       "2023-06-04 16:01=2023-06-04T16:01+08:00"},
      {PUB, "来源：人民网 2023/6/4", "2023/6/4=2023-06-04"},
      {PUB, "2023.06.04 责任编辑：李四", "2023.06.04=2023-06-04"},
      {PUB, "时间：2023-06-04T09:30:15",
       "2023-06-04T09:30:15=2023-06-04T09:30:15+08:00"},
      /* 10 year and month only */
      {PUB, "2023年6月，全省GDP增长5.2%。", "2023年6月=2023-06"},
      {PUB, "早在1998年，这里还是一片滩涂。", "1998年=1998"},
      {PUB, "《1998年度工作报告》", "1998年度=1998"},
      {PUB, "截至2022年底，全市常住人口1363万人。", "2022年=2022"},
      {PUB, "到2035年基本实现社会主义现代化", "2035年=2035"},
      /* 15 财新 */
      {PUB, "2023年3月份CPI同比上涨0.7%", "2023年3月份=2023-03"},
      {PUB, "2020—2025年", "2025年=2025"},
      /* 17 with 号 */
      {PUB, "2023年6月5号起实施", "2023年6月5号=2023-06-05"},
      /* 18 invalid day */
      {PUB, "2023年2月30日", ""},
      {PUB, "2024年2月29日", "2024年2月29日=2024-02-29"},
      /* 20 a two-digit year before a month */
      {PUB, "至08年10月31日", "08年10月31日=2008-10-31"},
      {PUB, "98年3月", "98年3月=1998-03"},
      {PUB, "用了10年", ""},
  };
  (void)state;
  check_rows("absolute", rows, N_ELEMS(rows));
}

/* ----------------------------------------------- dates without a year */

static void test_no_year(void **state) {
  static const struct row rows[] = {
      /* 1 the specimen's opening */
      {PUB, "5月31日,中国共产党天津市第十二届委员会第三次全体会议召开。",
       "5月31日=2023-05-31"},
      {PUB, "6月4日，记者从市交通运输委获悉", "6月4日=2023-06-04"},
      {PUB, "六月四日", "六月四日=2023-06-04"},
      {PUB, "6月份以来，降雨偏多", "6月份=2023-06"},
      {PUB, "3月，市政府出台了实施意见", "3月=2023-03"},
      /* 6 anchor January: 12月 is last December */
      {"2023-01-02", "12月30日，全市召开经济工作会议", "12月30日=2022-12-30"},
      {"2023-01-02", "12月以来", "12月=2022-12"},
      /* 8 six months ahead is still this year, seven is last year */
      {"2023-06-04", "12月底前完成", "12月=2023-12"},
      {"2023-05-04", "12月底前完成", "12月=2022-12"},
      /* 10 a written year carries over within the sentence */
      {PUB, "2019年3月任副市长，5月任常务副市长。",
       "2019年3月=2019-03 | 5月=2019-05"},
      {PUB, "去年3月，该项目开工；8月，主体完工。",
       "去年3月=2022-03 | 8月=2022-08"},
      /* 12 ... but not into the next sentence */
      {PUB, "2019年3月任副市长。5月任常务副市长。",
       "2019年3月=2019-03 | 5月=2023-05"},
      /* 13 元月 */
      {"2023-02-10", "元月以来", "元月=2023-01"},
      /* 14 旬 */
      {PUB, "5月下旬，全市开展专项检查", "5月下旬=2023-05-21/2023-05-31"},
      {"2024-02-10", "2月下旬", "2月下旬=2024-02-21/2024-02-29"},
      {PUB, "6月上旬", "6月上旬=2023-06-01/2023-06-10"},
      /* 17 ranges of months and days (国家统计局, 财新) */
      {PUB, "1—5月份，全国固定资产投资增长4%", "1—5月份=2023-01-01/2023-05-31"},
      {PUB, "今年1-4月", "今年1-4月=2023-01-01/2023-04-30"},
      {PUB, "2022年1至11月", "2022年1至11月=2022-01-01/2022-11-30"},
      {PUB, "一至五月", "一至五月=2023-01-01/2023-05-31"},
      {PUB, "5月28～30日端午小长假", "5月28～30日=2023-05-28/2023-05-30"},
      {PUB, "2023年2月27-29日", ""},
      {PUB, "6月5-3日", "6月=2023-06 | 3日=2023-06-03"},
      {PUB, "3-5个月", ""},
  };
  (void)state;
  check_rows("no-year", rows, N_ELEMS(rows));
}

/* ------------------------------------------------------- day only */

static void test_day_only(void **state) {
  static const struct row rows[] = {
      /* 1 澎湃: 4日 is this month, 25日 last month */
      {PUB, "4日，记者来到现场。", "4日=2023-06-04"},
      {PUB, "25日晚，一场暴雨袭击了城区。", "25日=2023-05-25"},
      {PUB, "10日将举行", "10日=2023-06-10"},
      {PUB, "12日", "12日=2023-05-12"},
      /* 5 a range after a written month */
      {PUB, "6月1日至3日，展会在国家会展中心举办。",
       "6月1日=2023-06-01 | 3日=2023-06-03"},
      {PUB, "4月28日至30日", "4月28日=2023-04-28 | 30日=2023-04-30"},
      {PUB, "4月28日、29日和30日",
       "4月28日=2023-04-28 | 29日=2023-04-29 | 30日=2023-04-30"},
      /* 8 a day before the written one goes back to the anchor rule */
      {PUB, "5月31日召开。3日闭幕。", "5月31日=2023-05-31 | 3日=2023-06-03"},
      /* 9 year boundary */
      {"2023-01-02", "30日，市委召开常委会", "30日=2022-12-30"},
      {"2023-03-02", "30日", ""},
      {"2024-03-01", "29日", "29日=2024-02-29"},
      /* 12 times */
      {PUB, "4日16时01分", "4日16时01分=2023-06-04T16:01+08:00"},
      {PUB, "3日上午10时许", "3日上午10时许=2023-06-03T10:00+08:00"},
  };
  (void)state;
  check_rows("day-only", rows, N_ELEMS(rows));
}

/* ------------------------------------------------------ relative dates */

static void test_relative(void **state) {
  static const struct row rows[] = {
      /* 1 years */
      {PUB, "今年以来，全市经济运行稳中向好", "今年=2023"},
      {PUB, "去年同期", "去年=2022"},
      {PUB, "明年将全面推开", "明年=2024"},
      {PUB, "前年", "前年=2021"},
      {PUB, "上年同期增长3.1%", "上年=2022"},
      {PUB, "本年度", "本年度=2023"},
      {PUB, "今年5月", "今年5月=2023-05"},
      {PUB, "去年12月31日", "去年12月31日=2022-12-31"},
      {PUB, "明年1月1日起施行", "明年1月1日=2024-01-01"},
      /* 10 months */
      {PUB, "本月", "本月=2023-06"},
      {PUB, "上月", "上月=2023-05"},
      {PUB, "下个月", "下个月=2023-07"},
      {"2023-01-15", "上月25日", "上月25日=2022-12-25"},
      {"2023-12-15", "下月", "下月=2024-01"},
      /* 15 days */
      {PUB, "今天", "今天=2023-06-04"},
      {PUB, "今日，记者获悉", "今日=2023-06-04"},
      {PUB, "昨天下午", "昨天=2023-06-03"},
      {PUB, "昨日", "昨日=2023-06-03"},
      {PUB, "前天", "前天=2023-06-02"},
      {PUB, "明天", "明天=2023-06-05"},
      {PUB, "明日", "明日=2023-06-05"},
      {PUB, "后天", "后天=2023-06-06"},
      {PUB, "大前天", "大前天=2023-06-01"},
      {PUB, "大后天", "大后天=2023-06-07"},
      {"2024-03-01", "昨天", "昨天=2024-02-29"},
      {"2023-03-01", "昨天", "昨天=2023-02-28"},
      {"2023-01-01", "前天", "前天=2022-12-30"},
      {"2023-12-31", "明天", "明天=2024-01-01"},
      /* 27 with times */
      {PUB, "昨天下午3点", "昨天下午3点=2023-06-03T15:00+08:00"},
      {PUB, "今晚8时", "今晚8时=2023-06-04T20:00+08:00"},
      {PUB, "今天上午10时30分", "今天上午10时30分=2023-06-04T10:30+08:00"},
      /* 30 weeks: 2023-06-04 is a Sunday */
      {PUB, "本周", "本周=2023-05-29/2023-06-04"},
      {PUB, "上周", "上周=2023-05-22/2023-05-28"},
      {PUB, "下周", "下周=2023-06-05/2023-06-11"},
      {PUB, "上周五", "上周五=2023-05-26"},
      {PUB, "本周三", "本周三=2023-05-31"},
      {PUB, "下周一上午9时", "下周一上午9时=2023-06-05T09:00+08:00"},
      {PUB, "上星期日", "上星期日=2023-05-28"},
      {PUB, "上周末", "上周末=2023-05-27/2023-05-28"},
      {"2023-01-02", "上周", "上周=2022-12-26/2023-01-01"},
      /* 39 a weekday alone: that day of the anchor's week */
      {PUB, "美联储周三宣布维持利率不变", "周三=2023-05-31"},
      {"2023-06-05", "周三将举行听证会", "周三=2023-06-07"},
      {"2023-06-05", "星期五下午3时", "星期五下午3时=2023-06-09T15:00+08:00"},
      {PUB, "礼拜天", "礼拜天=2023-06-04"},
      {PUB, "6月7日（周三）", "6月7日=2023-06-07"},
      {PUB, "6月7日周三上午10时",
       "6月7日=2023-06-07 | 上午10时=2023-06-07T10:00+08:00"},
      /* 39 the day after a written day */
      {PUB, "5月31日开幕，次日闭幕", "5月31日=2023-05-31 | 次日=2023-06-01"},
      {PUB, "次日", ""},
  };
  (void)state;
  check_rows("relative", rows, N_ELEMS(rows));
}

/* ------------------------------------------------- halves and quarters */

static void test_periods(void **state) {
  static const struct row rows[] = {
      {PUB, "今年上半年", "今年上半年=2023-01-01/2023-06-30"},
      {PUB, "去年下半年", "去年下半年=2022-07-01/2022-12-31"},
      {PUB, "一季度，全国GDP同比增长4.5%", "一季度=2023-01-01/2023-03-31"},
      {PUB, "今年第二季度", "今年第二季度=2023-04-01/2023-06-30"},
      {PUB, "前三季度", "前三季度=2023-01-01/2023-09-30"},
      {PUB, "2022年第四季度", "2022年第四季度=2022-10-01/2022-12-31"},
      {PUB, "2022年前两季度", "2022年前两季度=2022-01-01/2022-06-30"},
      {PUB, "确保上半年“时间过半、任务过半”", "上半年=2023-01-01/2023-06-30"},
      {PUB, "2023年1季度", "2023年1季度=2023-01-01/2023-03-31"},
      {PUB, "首季度", "首季度=2023-01-01/2023-03-31"},
      /* 11 a written year in the sentence */
      {PUB, "2021年，全省经济总量突破5万亿元，下半年增速加快。",
       "2021年=2021 | 下半年=2021-07-01/2021-12-31"},
      {NULL, "上半年", ""},
      {NULL, "2022年上半年", "2022年上半年=2022-01-01/2022-06-30"},
  };
  (void)state;
  check_rows("periods", rows, N_ELEMS(rows));
}

/* --------------------------------------------------------------- times */

static void test_times(void **state) {
  static const struct row rows[] = {
      {PUB, "6月4日上午10时", "6月4日上午10时=2023-06-04T10:00+08:00"},
      {PUB, "6月3日下午3点", "6月3日下午3点=2023-06-03T15:00+08:00"},
      {PUB, "6月3日晚8时30分", "6月3日晚8时30分=2023-06-03T20:30+08:00"},
      {PUB, "6月3日16时01分", "6月3日16时01分=2023-06-03T16:01+08:00"},
      {PUB, "6月3日 16:01", "6月3日 16:01=2023-06-03T16:01+08:00"},
      {PUB, "6月3日16:01:30", "6月3日16:01:30=2023-06-03T16:01:30+08:00"},
      {PUB, "6月3日凌晨2时许", "6月3日凌晨2时许=2023-06-03T02:00+08:00"},
      {PUB, "6月3日中午12时", "6月3日中午12时=2023-06-03T12:00+08:00"},
      {PUB, "6月3日晚12时", "6月3日晚12时=2023-06-04T00:00+08:00"},
      {PUB, "6月3日下午三时", "6月3日下午三时=2023-06-03T15:00+08:00"},
      {PUB, "6月3日10点半", "6月3日10点半=2023-06-03T10:30+08:00"},
      {PUB, "6月24日下午两点", "6月24日下午两点=2023-06-24T14:00+08:00"},
      /* 12 a time alone: on the paragraph's last day, else the anchor's */
      {PUB, "上午10时，会议开始", "上午10时=2023-06-04T10:00+08:00"},
      {PUB, "5时许，消防员赶到", "5时许=2023-06-04T05:00+08:00"},
      {PUB, "5月31日上午，全会召开。下午3时，分组讨论。",
       "5月31日=2023-05-31 | 下午3时=2023-05-31T15:00+08:00"},
      {PUB, "晚上八点", "晚上八点=2023-06-04T20:00+08:00"},
      {PUB, "16时01分", "16时01分=2023-06-04T16:01+08:00"},
      /* 17 not times */
      {PUB, "提出3点要求", ""},
      {PUB, "提出三点希望", ""},
      {PUB, "比分定格在3:10", ""},
      {PUB, "16:01", ""},
      {NULL, "上午10时", ""},
      {PUB, "24小时", ""},
      {PUB, "每天6时至22时开放", ""},
      {PUB, "每天上午9时", ""},
      {PUB, "晚一点再说", ""},
      {PUB, "早一点出发", ""},
      /* 28 local time abroad: no offset */
      {PUB, "当地时间3日19时50分", "3日19时50分=2023-06-03T19:50"},
      {PUB, "5月31日开幕，当晚8时举行音乐会",
       "5月31日=2023-05-31 | 当晚8时=2023-05-31T20:00+08:00"},
      {PUB, "前晚10时", "前晚10时=2023-06-02T22:00+08:00"},
      {PUB, "每晚8点整播出", ""},
  };
  (void)state;
  check_rows("times", rows, N_ELEMS(rows));
}

/* ------------------------------------------------------------ not dates */

static void test_negative(void **state) {
  static const struct row rows[] = {
      {PUB, "“十四五”期间", ""},
      {PUB, "十四五时期", ""},
      {PUB, "历时3个月", ""},
      {PUB, "两个月后", ""},
      {PUB, "用三年时间", ""},
      {PUB, "5天内完成", ""},
      {PUB, "自收到之日起10日内", ""},
      {PUB, "超过30日以上", ""},
      {PUB, "股价跌破5日均线", ""},
      {PUB, "7日年化收益率", ""},
      {PUB, "近3日", ""},
      {PUB, "连续5日", ""},
      {PUB, "第3日", ""},
      {PUB, "增长12.5%", ""},
      {PUB, "12345日", ""},
      {PUB, "1.5日", ""},
      {PUB, "上世纪90年代", ""},
      {PUB, "1990年代", ""},
      {PUB, "农历五月初五", ""},
      {PUB, "每周三", ""},
      {PUB, "每周三上午9时", ""},
      {PUB, "周一至周五9时至17时", ""},
      {PUB, "一周一次", ""},
      {PUB, "黑色星期五", ""},
      {PUB, "国务院研究室副主任周天勇", ""},
      {PUB, "一般周六休息", ""},
      {NULL, "周三", ""},
      {PUB, "地铁3号线", ""},
      {PUB, "三年前年均增长", ""},
      {PUB, "据今日头条报道", ""},
      {PUB, "先天和后天", ""},
      {PUB, "上周期", ""},
      {PUB, "登上月球", ""},
      {PUB, "节前天气晴好", ""},
      {PUB, "《今日说法》", ""},
      {PUB, "100周年", ""},
      {PUB, "实施“十项行动”", ""},
      {PUB, "一二月份", ""},
      {PUB, "前5月", ""},
      {PUB, "每月", ""},
      {PUB, "1/4", ""},
      {PUB, "五月天演唱会", ""},
      {PUB, "账户交易一月", ""},
      {PUB, "五月份", "五月份=2023-05"},
      {PUB, "今年五月", "今年五月=2023-05"},
      {PUB, "每年6月30日前报送", ""},
      {PUB, "每年的9月", ""},
      {PUB, "用时不超过3日", ""},
  };
  (void)state;
  check_rows("negative", rows, N_ELEMS(rows));
}

/* -------------------------------------------------- no anchor / garbage */

static void test_no_anchor(void **state) {
  static const struct row rows[] = {
      {NULL, "5月31日", ""},
      {NULL, "今年", ""},
      {NULL, "昨天", ""},
      {NULL, "25日", ""},
      {NULL, "本周", ""},
      {"bad", "2023年6月4日", "2023年6月4日=2023-06-04"},
      {NULL, "2023-06-04", "2023-06-04=2023-06-04"},
      {NULL, "2023年6月1日至3日", "2023年6月1日=2023-06-01 | 3日=2023-06-03"},
      {NULL, "2023年6月1日上午10时",
       "2023年6月1日上午10时=2023-06-01T10:00+08:00"},
      /* 10 a relative year without an anchor swallows its month */
      {NULL, "去年5月31日", ""},
  };
  (void)state;
  check_rows("no-anchor", rows, N_ELEMS(rows));
}

/* Several outlets' paragraphs with many mentions. */
static void test_paragraphs(void **state) {
  static const struct row rows[] = {
      /* 新京报 */
      {"2023-06-05T08:00:00+08:00",
       "新京报讯（记者王五）6月4日晚，北京市气象台发布暴雨蓝色预警。预计5日"
       "白天至6日，本市有中到大雨。",
       "6月4日=2023-06-04 | 5日=2023-06-05 | 6日=2023-06-06"},
      /* 财新 */
      {"2023-07-15",
       "国家统计局7月15日公布数据，二季度GDP同比增长6.3%，上半年增长5.5%。",
       "7月15日=2023-07-15 | 二季度=2023-04-01/2023-06-30 | "
       "上半年=2023-01-01/2023-06-30"},
      /* 地方政府网站 */
      {"2023-03-01",
       "为贯彻落实《通知》精神，自2023年3月1日起至2023年12月31日止，开展"
       "专项整治行动，每月25日前报送进展。",
       "2023年3月1日=2023-03-01 | 2023年12月31日=2023-12-31"},
      /* 人民日报 */
      {"2023-06-04",
       "本报北京6月3日电 （记者赵六）记者从国家发展改革委获悉：截至5月底，"
       "今年以来全国累计完成投资……",
       "6月3日=2023-06-03 | 5月=2023-05 | 今年=2023"},
      /* 澎湃新闻 */
      {"2023-06-04T11:20:00+08:00",
       "澎湃新闻记者6月3日从上海市应急管理局获悉，2日22时许，一辆货车在"
       "沪昆高速发生侧翻，昨晚已恢复通行。",
       "6月3日=2023-06-03 | 2日22时许=2023-06-02T22:00+08:00 | "
       "昨晚=2023-06-03"},
      /* 财新 */
      {"2023-06-01",
       "财新网 某上市公司5月31日晚间公告称，公司股票自6月1日开市起停牌，"
       "预计停牌时间不超过5个交易日。",
       "5月31日=2023-05-31 | 6月1日=2023-06-01"},
      /* 地方政府网站 */
      {"2023-06-02",
       "发布时间：2023年06月02日 10:15 来源：区政府办 浏览次数：1024",
       "2023年06月02日 10:15=2023-06-02T10:15+08:00"},
      {"2023-06-02",
       "报名时间为2023年6月5日至6月9日（工作日上午9:00-11:30，下午"
       "14:00-17:00）。",
       "2023年6月5日=2023-06-05 | 6月9日=2023-06-09 | "
       "上午9:00=2023-06-09T09:00+08:00 | 下午14:00=2023-06-09T14:00+08:00"},
      /* 新华社 */
      {"2023-06-03T21:05:00+08:00",
       "新华社北京6月3日电 国家主席习近平3日下午在人民大会堂会见来访的"
       "外国领导人。",
       "6月3日=2023-06-03 | 3日=2023-06-03"},
  };
  (void)state;
  check_rows("paragraphs", rows, N_ELEMS(rows));
}

/* Appending: spans in order, para kept, several calls share one array. */
static void test_append(void **state) {
  zn__date_anchor a;
  zn_analysis an;
  size_t cap = 0;
  const char *t1 = "5月31日召开";
  const char *t2 = "昨天，今天";
  (void)state;
  memset(&an, 0, sizeof an);
  zn__date_anchor_from(PUB, &a);
  assert_int_equal(zn__find_dates(&an, &cap, &a, ZN_PARA_TITLE, t1, strlen(t1)),
                   ZN_OK);
  assert_int_equal(zn__find_dates(&an, &cap, &a, 3, t2, strlen(t2)), ZN_OK);
  assert_int_equal(zn__find_dates(&an, &cap, &a, 4, NULL, 0), ZN_OK);
  assert_int_equal(an.ndates, 3);
  assert_true(an.dates[0].at.para == ZN_PARA_TITLE);
  assert_int_equal(an.dates[0].at.off, 0);
  assert_int_equal(an.dates[0].at.len, strlen("5月31日"));
  assert_int_equal(an.dates[1].at.para, 3);
  assert_string_equal(an.dates[1].iso, "2023-06-03");
  assert_int_equal(an.dates[2].at.off, strlen("昨天，"));
  assert_string_equal(an.dates[2].iso, "2023-06-04");
  /* len bounds the text: the date past it is not seen. */
  assert_int_equal(zn__find_dates(&an, &cap, &a, 5, t1, 3), ZN_OK);
  assert_int_equal(an.ndates, 3);
  for (size_t i = 0; i < an.ndates; i++)
    zn_free(an.dates[i].iso);
  zn_free(an.dates);
}

/* Every allocation failure is reported; what was appended stays whole. */
static void test_oom(void **state) {
  const char *text = "5月31日、6月1日、昨天、今年上半年、上午10时";
  zn__date_anchor a;
  int ok_runs = 0;
  (void)state;
  zn__date_anchor_from(PUB, &a);
  for (fail_at = 1; fail_at < 64; fail_at++) {
    zn_analysis an;
    size_t cap = 0;
    int rc;
    memset(&an, 0, sizeof an);
    n_calls = 0;
    zn_replace_allocator(failing_malloc, failing_realloc, free);
    rc = zn__find_dates(&an, &cap, &a, 0, text, strlen(text));
    zn_replace_allocator(NULL, NULL, NULL);
    assert_true(rc == ZN_OK || rc == ZN_ENOMEM);
    if (rc == ZN_OK) {
      assert_int_equal(an.ndates, 5);
      ok_runs++;
    }
    for (size_t i = 0; i < an.ndates; i++)
      assert_non_null(an.dates[i].iso);
    for (size_t i = 0; i < an.ndates; i++)
      free(an.dates[i].iso);
    free(an.dates);
  }
  fail_at = 0;
  assert_true(ok_runs > 0);
}

/* Random bytes and long inputs: no crash, spans inside and on character
 * boundaries, ISO strings of the known shapes. */
static bool iso_ok(const char *z) {
  size_t n = strlen(z);
  for (size_t i = 0; i < n; i++)
    if (!strchr("0123456789-/:T+", z[i]))
      return false;
  return n == 4 || n == 7 || n == 10 || n == 16 || n == 19 || n == 21 ||
         n == 22 || n == 25;
}

static void test_garbage(void **state) {
  static const char *const pieces[] = {
      "年",   "月",          "日",   "号",   "时",     "分",       "点",
      "半",   "2023",        "6",    "31",   "12",     "二〇二三", "六",
      "十",   "十一",        "今年", "昨天", "上午",   "晚",       "本周",
      "上周", "季度",        "第",   "前",   "上半年", ":",        "-",
      "/",    ".",           " ",    "，",   "\xE5",   "\xFF",     "\x80",
      "１",   "99999999999", "T",    "次日", "旬",     "下旬",
  };
  size_t len = 1 << 16;
  char *buf = malloc(len);
  unsigned seed = 12345;
  (void)state;
  assert_non_null(buf);
  for (int round = 0; round < 40; round++) {
    zn__date_anchor a;
    zn_analysis an;
    size_t cap = 0, used = 0;
    while (used < len) {
      const char *p;
      size_t n;
      seed = seed * 1103515245u + 12345u;
      p = pieces[(seed >> 16) % N_ELEMS(pieces)];
      n = strlen(p);
      if (n > len - used)
        break;
      memcpy(buf + used, p, n);
      used += n;
    }
    memset(&an, 0, sizeof an);
    zn__date_anchor_from(round % 3 == 0 ? NULL : "2024-02-29", &a);
    assert_int_equal(zn__find_dates(&an, &cap, &a, 0, buf, used), ZN_OK);
    for (size_t i = 0; i < an.ndates; i++) {
      const zn_date_mention *d = &an.dates[i];
      assert_true(d->at.len > 0 && d->at.off + d->at.len <= used);
      assert_true(i == 0 ||
                  d->at.off >= an.dates[i - 1].at.off + an.dates[i - 1].at.len);
      assert_true(zn_utf8_valid(buf + d->at.off, d->at.len, NULL));
      if (!iso_ok(d->iso))
        print_error("bad iso %s\n", d->iso);
      assert_true(iso_ok(d->iso));
      zn_free(d->iso);
    }
    zn_free(an.dates);
  }
  free(buf);
}

/* The specimen (../shared/seed, not in the repository; skipped
 * when absent): published 2023-06-04, its 5月31日 is 2023-05-31. */
static void test_specimen(void **state) {
  const char *dir = getenv("ZN_SHARED_DIR");
  char path[4096];
  FILE *f;
  char *data;
  long size;
  zn_extractor *ex = NULL;
  zn_article *art = NULL;
  zn__date_anchor a;
  zn_analysis an;
  size_t cap = 0;
  bool seen = false, upper_half = false;
  (void)state;
  if (dir == NULL)
    dir = "../shared";
  snprintf(path, sizeof path, "%s/seed/000_a1aa3f8d02a72061.txt", dir);
  f = fopen(path, "rb");
  if (f == NULL) {
    skip();
    return;
  }
  assert_int_equal(fseek(f, 0, SEEK_END), 0);
  size = ftell(f);
  assert_true(size > 0);
  rewind(f);
  data = malloc((size_t)size);
  assert_non_null(data);
  assert_int_equal(fread(data, 1, (size_t)size, f), (size_t)size);
  fclose(f);
  assert_int_equal(zn_extractor_new(&ex), ZN_OK);
  assert_int_equal(zn_extract(ex, data, (size_t)size, &art), ZN_OK);
  free(data);
  zn__date_anchor_from(art->published, &a);
  assert_true(a.valid);
  memset(&an, 0, sizeof an);
  assert_int_equal(zn__find_dates(&an, &cap, &a, ZN_PARA_TITLE, art->title,
                                  strlen(art->title)),
                   ZN_OK);
  for (size_t p = 0; p < art->paragraphs.n; p++)
    assert_int_equal(zn__find_dates(&an, &cap, &a, p, art->paragraphs.items[p],
                                    strlen(art->paragraphs.items[p])),
                     ZN_OK);
  for (size_t i = 0; i < an.ndates; i++) {
    const zn_date_mention *d = &an.dates[i];
    const char *z = d->at.para == ZN_PARA_TITLE
                        ? art->title
                        : art->paragraphs.items[d->at.para];
    if (strcmp(d->iso, "2023-05-31") == 0 && d->at.para == 0 &&
        d->at.off == 0 && d->at.len == strlen("5月31日") &&
        memcmp(z, "5月31日", d->at.len) == 0)
      seen = true;
    if (strcmp(d->iso, "2023-01-01/2023-06-30") == 0)
      upper_half = true;
    zn_free(d->iso);
  }
  zn_free(an.dates);
  zn_article_free(art);
  zn_extractor_free(ex);
  assert_true(seen);
  assert_true(upper_half);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_anchor),    cmocka_unit_test(test_absolute),
      cmocka_unit_test(test_no_year),   cmocka_unit_test(test_day_only),
      cmocka_unit_test(test_relative),  cmocka_unit_test(test_periods),
      cmocka_unit_test(test_times),     cmocka_unit_test(test_negative),
      cmocka_unit_test(test_no_anchor), cmocka_unit_test(test_paragraphs),
      cmocka_unit_test(test_append),    cmocka_unit_test(test_oom),
      cmocka_unit_test(test_garbage),   cmocka_unit_test(test_specimen),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
