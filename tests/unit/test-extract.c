/* SPDX-License-Identifier: MIT */
/*
 * test-extract.c - unit tests for the extract API (extract.h): pages saved
 * as text in several outlets' styles turned into records, every error the
 * API promises (empty, binary, undecodable, too big, no article), HTML
 * pages and their metadata, the
 * JSON form of a record, and allocation failure at every step.
 */
#include "zhnews/extract.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test-util.h"
#include <jansson.h>

#include "extract/html-int.h"
#include "extract/internal.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

static zn_article *extract_ok(const char *page) {
  zn_extractor *ex;
  zn_article *a = NULL;
  int rc;
  assert_int_equal(zn_extractor_new(&ex), ZN_OK);
  rc = zn_extract(ex, page, strlen(page), &a);
  if (rc != ZN_OK)
    print_error("zn_extract: %s\n", zn_extractor_errmsg(ex));
  assert_int_equal(rc, ZN_OK);
  zn_extractor_free(ex);
  assert_non_null(a);
  return a;
}

static void assert_str_or_null(const char *got, const char *want) {
  if (want == NULL)
    assert_null(got);
  else {
    assert_non_null(got);
    assert_string_equal(got, want);
  }
}

/* Compares a list with a "|"-separated expectation ("" for empty). */
static void assert_list(const zn_strlist *l, const char *want) {
  char buf[4096];
  size_t n = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < l->n; i++) {
    size_t k = strlen(l->items[i]);
    assert_true(n + k + 2 < sizeof buf);
    if (i > 0)
      buf[n++] = '|';
    memcpy(buf + n, l->items[i], k);
    n += k;
    buf[n] = '\0';
  }
  assert_string_equal(buf, want);
}

/* ------------------------------------------------------ outlet styles */

struct page_case {
  const char *name;
  const char *page;
  const char *title;
  const char *subtitles;
  const char *published;
  const char *source;
  const char *authors;
  const char *editor;
  const char *dateline;
  const char *captions;
  size_t n_paragraphs;
  const char *first_para_prefix;
  const char *last_para_suffix;
};

static const struct page_case k_pages[] = {
    {"1 新华社 wire, title after the meta line, CRLF line ends",
     "2023-07-12 09:30:00 来源：新华社\r\n"
     "\r\n"
     "国务院常务会议部署推动消费持续恢复\r\n"
     "\r\n"
     "　　新华社北京7月12日电 国务院总理李强11日主持召开国务院常务会议，"
     "听取关于推动消费持续恢复的汇报，研究部署相关举措。\r\n"
     "　　会议指出，消费是经济增长的重要引擎，要多措并举扩大内需。（完）\r\n"
     "【责任编辑：王蕾】\r\n",
     "国务院常务会议部署推动消费持续恢复", "", "2023-07-12T09:30:00+08:00",
     "新华社", "", "王蕾", "新华社北京7月12日电", "", 2,
     "新华社北京7月12日电 国务院总理李强11日", "要多措并举扩大内需。"},
    {"2 人民日报 with 引题-style two-line head and (责编) at the end",
     "人民网 >> 观点 >> 正文\n"
     "让更多群众共享改革发展成果\n"
     "2023年08月01日05:55 | 来源：人民网－人民日报\n"
     "  各地各部门坚持以人民为中心的发展思想，扎实推进共同富裕，"
     "一批惠民举措落地见效，群众获得感成色更足。\n"
     "  实践证明，只有把人民放在心中最高位置，发展才有不竭动力。"
     "(责编：赵欣悦、牛镛)\n",
     "让更多群众共享改革发展成果", "", "2023-08-01T05:55:00+08:00",
     "人民网-人民日报", "", "赵欣悦、牛镛", NULL, "", 2, "各地各部门坚持",
     "发展才有不竭动力。"},
    {"3 中新网 with reporters after the dateline and 编辑 line",
     "中新网 > 社会 > 正文\n\n"
     "广州南沙启用首个全自动化码头\n\n"
     "2023年09月15日 16:42　来源：中国新闻网\n"
     "分享到：\n\n"
     "中新网广州9月15日电 (记者 蔡敏婕 程景伟)15日，广州港南沙港区四期"
     "全自动化码头正式投入运营，设计年通过能力490万标准箱。\n"
     "据介绍，该码头采用北斗导航无人驾驶智能导引车。(完)\n"
     "【编辑:李岩】\n",
     "广州南沙启用首个全自动化码头", "", "2023-09-15T16:42:00+08:00",
     "中国新闻网", "蔡敏婕|程景伟", "李岩", "中新网广州9月15日电", "", 2,
     "中新网广州9月15日电 (记者 蔡敏婕 程景伟)15日",
     "北斗导航无人驾驶智能导引车。"},
    {"4 local paper: 本报讯, byline line, caption, deck, closing group",
     "浙江在线 > 新闻中心 > 正文\n\n"
     "杭州亚运村正式开村\n\n"
     "运动员陆续入住\n\n"
     "发布时间：2023年09月16日 07:02 | 来源：浙江日报\n\n"
     "本报记者 沈晶晶 通讯员 钱昌\n\n"
     "亚运村国际区内，志愿者正在为代表团引导。 本报记者 董旭明 摄\n\n"
     "　　本报讯　9月16日上午，杭州亚运村正式开村，各代表团陆续抵达，"
     "入住运动员村。\n\n"
     "　　亚运村由运动员村、技术官员村和媒体村组成，总建筑面积约"
     "240万平方米。（吴佳妮 陈醉）\n\n"
     "相关新闻\n"
     "亚运会倒计时一周 各场馆准备就绪\n",
     "杭州亚运村正式开村", "运动员陆续入住", "2023-09-16T07:02:00+08:00",
     "浙江日报", "沈晶晶|钱昌|吴佳妮|陈醉", NULL, "本报讯",
     "亚运村国际区内，志愿者正在为代表团引导。 本报记者 董旭明 摄", 2,
     "本报讯 9月16日上午", "总建筑面积约240万平方米。"},
    {"5 government site: full-width date, 信息来源, widgets, footer",
     "成都市人民政府\n"
     "当前位置：首页 > 政务公开 > 部门动态\n"
     "我市出台支持科技创新若干政策\n"
     "发布日期：２０２３－１０－０８　　信息来源：市科技局　　浏览次数：326\n"
     "【字体：大 中 小】\n"
     "　　为加快建设具有全国影响力的科技创新中心，市政府近日印发"
     "《支持科技创新若干政策》，共十二条。\n"
     "　　一、加大研发投入支持\n"
     "　　对年度研发投入增长的企业，按增量部分给予最高500万元补助。\n"
     "【打印本页】【关闭窗口】\n"
     "主办：成都市人民政府办公厅　蜀ICP备05003300号\n",
     "我市出台支持科技创新若干政策", "", "2023-10-08", "市科技局", "", NULL,
     NULL, "", 3, "为加快建设", "最高500万元补助。"},
    {"6 portal reprint: 文/ byline, 本文来源, editor code, related list",
     "网易新闻 > 国内 > 正文\n"
     "年轻人为何爱上“博物馆游”\n"
     "2023-10-02 08:15:20　来源: 光明日报\n"
     "举报\n"
     "文/李晓\n"
     "国庆假期，全国多地博物馆迎来客流高峰，不少热门展馆一票难求，"
     "其中年轻观众占比超过六成。\n"
     "专家表示，文博热背后是年轻一代文化自信的增强。\n"
     "本文来源：光明日报\n"
     "责任编辑：钟齐鸣_NE0011\n"
     "相关推荐\n"
     "国庆假期国内旅游出游8.26亿人次\n",
     "年轻人为何爱上“博物馆游”", "", "2023-10-02T08:15:20+08:00", "光明日报",
     "李晓", "钟齐鸣", NULL, "", 2, "国庆假期，全国多地", "文化自信的增强。"},
    {"7 no headline at all: the body only, with a warning",
     "据了解，今年以来全省新建改建农村公路3200公里，完成年度目标的85%，"
     "农村群众出行条件持续改善。\n",
     NULL, "", NULL, NULL, "", NULL, NULL, "", 1, "据了解", "持续改善。"},
};

static void test_outlet_styles(void **state) {
  (void)state;
  for (size_t i = 0; i < N_ELEMS(k_pages); i++) {
    const struct page_case *c = &k_pages[i];
    zn_article *a;
    print_message("case %s\n", c->name);
    a = extract_ok(c->page);
    assert_str_or_null(a->title, c->title);
    assert_list(&a->subtitles, c->subtitles);
    assert_str_or_null(a->published, c->published);
    assert_str_or_null(a->source, c->source);
    assert_list(&a->authors, c->authors);
    assert_str_or_null(a->editor, c->editor);
    assert_str_or_null(a->dateline, c->dateline);
    assert_list(&a->captions, c->captions);
    assert_int_equal(a->paragraphs.n, c->n_paragraphs);
    assert_true(strncmp(a->paragraphs.items[0], c->first_para_prefix,
                        strlen(c->first_para_prefix)) == 0);
    {
      const char *last = a->paragraphs.items[a->paragraphs.n - 1];
      size_t n = strlen(last);
      size_t k = strlen(c->last_para_suffix);
      assert_true(n >= k);
      assert_string_equal(last + n - k, c->last_para_suffix);
    }
    assert_string_equal(a->encoding, "UTF-8");
    if (c->title == NULL)
      assert_list(&a->warnings, "no headline found");
    else
      assert_int_equal(a->warnings.n, 0);
    zn_article_free(a);
  }
}

/* ------------------------------------------------------------- errors */

static void expect_error(zn_extractor *ex, const char *data, size_t len,
                         int want, const char *msg_part) {
  zn_article *a = (zn_article *)&a; /* must be reset to NULL */
  int rc = zn_extract(ex, data, len, &a);
  assert_int_equal(rc, want);
  assert_null(a);
  assert_non_null(strstr(zn_extractor_errmsg(ex), msg_part));
}

static void test_errors(void **state) {
  zn_extractor *ex;
  static const char binary[] = "\x7f"
                               "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0"
                               "\x03\0\x3e\0\x01\0\0\0";
  static const char html[] =
      "<!DOCTYPE html><html><body><h1>标题</h1><p>正文。</p></body></html>";
  static const char page[] = "标题在这里\n\n正文第一段，写得比较长一些，"
                             "以便被认出是正文。第二句也在这里。\n";
  zn_article *a = NULL;
  (void)state;
  assert_int_equal(zn_extractor_new(&ex), ZN_OK);
  assert_string_equal(zn_extractor_errmsg(ex), "");
  expect_error(ex, "", 0, ZN_EEMPTY, "empty input");
  expect_error(ex, " \r\n\t\n", 5, ZN_EEMPTY, "empty input");
  /* Invisible characters only: empty after normalization. */
  expect_error(ex, "\xE2\x80\x8B\xE3\x80\x80\n", 7, ZN_EEMPTY, "no text");
  expect_error(ex, binary, sizeof binary - 1, ZN_EBINARY, "binary");
  expect_error(ex, "。，、\n", strlen("。，、\n"), ZN_ENOTEXT, "no headline");
  zn_extractor_set_max_input(ex, 10);
  expect_error(ex, page, strlen(page), ZN_ETOOBIG, "over the 10-byte limit");
  zn_extractor_set_max_input(ex, 0);
  assert_int_equal(zn_extract(ex, page, strlen(page), &a), ZN_OK);
  assert_string_equal(zn_extractor_errmsg(ex), "");
  zn_article_free(a);
  /* HTML is told apart by itself; forcing the kind reads it as text. */
  assert_int_equal(zn_extract(ex, html, strlen(html), &a), ZN_OK);
  assert_string_equal(a->title, "标题");
  zn_article_free(a);
  assert_int_equal(zn_extractor_set_format(ex, (zn_format)42), ZN_EINVAL);
  assert_int_equal(zn_extractor_set_format(ex, ZN_FORMAT_TEXT), ZN_OK);
  assert_int_equal(zn_extract(ex, html, strlen(html), &a), ZN_OK);
  zn_article_free(a);
  assert_int_equal(zn_extractor_set_format(ex, ZN_FORMAT_HTML), ZN_OK);
  assert_int_equal(zn_extract(ex, page, strlen(page), &a), ZN_OK);
  zn_article_free(a);
  zn_extractor_free(ex);
  zn_extractor_free(NULL);
  zn_article_free(NULL);
}

static void test_invalid_bytes(void **state) {
  static const char page[] =
      "标题在这里\n\n正文第一段\xff\xfe，写得比较长一些，"
      "以便被认出是正文。第二句也在这里。\n";
  zn_article *a;
  (void)state;
  a = extract_ok(page);
  assert_string_equal(a->encoding, "UTF-8");
  assert_int_equal(a->warnings.n, 1);
  assert_non_null(strstr(a->warnings.items[0], "replaced with U+FFFD"));
  assert_non_null(strstr(a->paragraphs.items[0], "\xEF\xBF\xBD"));
  zn_article_free(a);
}

static void test_gb18030(void **state) {
  /* "新闻标题测试\n\n" then a long sentence, in GB18030 (iconv). */
  static const char page[] =
      "\xd0\xc2\xce\xc5\xb1\xea\xcc\xe2\xb2\xe2\xca\xd4\n\n"
      "\xbd\xf1\xc4\xea\xc8\xab\xca\xa1\xc1\xb8\xca\xb3\xb2\xfa\xc1\xbf"
      "\xd4\xd9\xb4\xb4\xd0\xc2\xb8\xdf\xa3\xac\xd7\xdc\xb2\xfa\xc1\xbf"
      "\xb4\xef\xb5\xbd\xc8\xfd\xc7\xa7\xcd\xf2\xb6\xd6\xa3\xac\xb1\xc8"
      "\xc9\xcf\xc4\xea\xd4\xf6\xbc\xd3\xc8\xfd\xb8\xf6\xb0\xd9\xb7\xd6"
      "\xb5\xe3\xa3\xac\xc5\xa9\xc3\xf1\xca\xd5\xc8\xeb\xce\xc8\xb2\xbd"
      "\xd4\xf6\xb3\xa4\xa1\xa3\n";
  zn_article *a;
  (void)state;
  a = extract_ok(page);
  assert_string_equal(a->encoding, "GB18030");
  assert_string_equal(a->title, "新闻标题测试");
  assert_int_equal(a->paragraphs.n, 1);
  assert_int_equal(a->warnings.n, 0);
  zn_article_free(a);
}

static void test_html_page(void **state) {
  static const char page[] =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
      "<title>全市召开防汛工作会议_新闻中心_示例网</title>"
      "<meta property=\"og:site_name\" content=\"示例网\">"
      "<meta property=\"article:published_time\" "
      "content=\"2023-06-04T16:01:52+08:00\">"
      "<link rel=\"canonical\" href=\"https://news.example.cn/a/1.html\">"
      "<script>var x = '不是正文。不是正文。不是正文。';</script>"
      "<style>p { color: red }</style></head><body>"
      "<nav><a href=\"/\">首页</a> <a href=\"/n\">新闻</a></nav>"
      "<div class=\"crumb\">示例网 &gt; 新闻中心 &gt; 正文</div>"
      "<h1>全市召开防汛工作会议</h1>"
      "<div class=\"info\">2023-06-04 16:01 来源：示例日报</div>"
      "<div class=\"content\"><p>本报讯（记者 王明）6月3日，全市召开"
      "防汛工作会议，部署今年防汛备汛工作。</p>"
      "<p>会议要求，各区要压实责任，确保安全度汛。</p>"
      "<p>（责任编辑：李华）</p></div>"
      "<aside><ul><li>相关新闻一</li><li>相关新闻二</li></ul></aside>"
      "<footer>Copyright © 2023 示例网 版权所有</footer>"
      "</body></html>";
  zn_article *a;
  (void)state;
  a = extract_ok(page);
  assert_string_equal(a->title, "全市召开防汛工作会议");
  assert_string_equal(a->site, "示例网");
  assert_string_equal(a->url, "https://news.example.cn/a/1.html");
  assert_string_equal(a->published, "2023-06-04T16:01:00+08:00");
  assert_string_equal(a->source, "示例日报");
  assert_list(&a->authors, "王明");
  assert_string_equal(a->editor, "李华");
  assert_string_equal(a->dateline, "本报讯");
  assert_int_equal(a->paragraphs.n, 2);
  assert_null(strstr(a->paragraphs.items[0], "不是正文"));
  assert_string_equal(a->encoding, "UTF-8");
  zn_article_free(a);
}

/* Block scoring: the article beats a longer comment thread and a list of
 * headlines; captions come out of the body; the brand in <title> names
 * the site when no og:site_name does. */
static void test_html_blocks(void **state) {
  static const char page[] =
      "<html><head><title>夜间公交开通_本地_示例晚报网</title></head><body>"
      "<h1>夜间公交开通</h1><div class=\"info\">2024-03-12 08:05</div>"
      "<div class=\"article-content\">"
      "<p>下周一，</p>"
      "<p>全市首批8条夜间公交线路开通，首班22时发车，末班次日凌晨2时发车。</p>"
      "<p class=\"pic\"><img src=\"a.jpg\"><br>市民乘坐夜间公交。</p>"
      "<p>业内人士认为，夜间公交既方便市民出行，也能带动夜间消费。</p>"
      "</div>"
      "<div class=\"list\"><ul><li><a href=\"/1\">一条很长很长的新闻标题"
      "放在这里，用来测试链接密度，不该被当作正文。</a></li>"
      "<li><a href=\"/2\">另一条很长很长的新闻标题放在这里，用来测试链接"
      "密度，同样不该被当作正文。</a></li></ul></div>"
      "<div class=\"comment-box\"><p>网友一：这个政策非常好，希望我们这里"
      "也能早点开通夜间公交，方便大家出行，点赞点赞。</p><p>网友二：支持！"
      "晚上下班终于不用担心回家的问题了，太好了，谢谢。</p><p>网友三：希望"
      "能多开几条线路，覆盖更多的小区和地铁站，方便换乘。</p></div>"
      "</body></html>";
  zn_article *a;
  (void)state;
  a = extract_ok(page);
  assert_string_equal(a->title, "夜间公交开通");
  assert_string_equal(a->site, "示例晚报网");
  assert_int_equal(a->paragraphs.n, 3);
  assert_string_equal(a->paragraphs.items[0], "下周一，");
  assert_non_null(strstr(a->paragraphs.items[2], "夜间消费"));
  assert_list(&a->captions, "市民乘坐夜间公交。");
  zn_article_free(a);
}

/* An article split round a picture: the scorer's best element (the one
 * with the class hint) holds the smaller half; its prose siblings, past
 * the picture, join it. */
static void test_html_split_body(void **state) {
  static const char page[] =
      "<html><head><title>拆开的文章_示例网</title></head><body>"
      "<h1>拆开的文章</h1><div class=\"info\">2024-03-12 08:05</div>"
      "<div class=\"part\"><p>第一段正文写在这里，内容比较长，有好几个分句，"
      "用来测试。</p><p>第二段正文写在这里，内容也比较长，有好几个分句，"
      "用来测试。</p><p>第三段正文写在这里，内容同样比较长，有好几个分句，"
      "用来测试。</p><p>第四段正文写在这里，内容还是比较长，有好几个分句，"
      "用来测试。</p><p>第五段正文写在这里，内容还是比较长，有好几个分句，"
      "用来测试。</p></div>"
      "<div class=\"box\"><img src=\"a.jpg\"></div>"
      "<div class=\"article-content\"><p>第六段正文写在这里，内容"
      "比较长，有好几个分句，用来测试。</p></div>"
      "</body></html>";
  zn_article *a;
  (void)state;
  a = extract_ok(page);
  assert_int_equal(a->paragraphs.n, 6);
  assert_non_null(strstr(a->paragraphs.items[0], "第一段"));
  assert_non_null(strstr(a->paragraphs.items[5], "第六段"));
  zn_article_free(a);
}

/* JSON-LD in an @graph, and a <time> element when nothing else dates
 * the page. */
static void test_html_metadata(void **state) {
  static const char ld[] =
      "<html><head><title>测试标题_示例网</title>"
      "<script type=\"application/ld+json\">{\"@context\":\"https://schema."
      "org\",\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"别的\"},{\"@type"
      "\":\"NewsArticle\",\"headline\":\"测试标题\",\"datePublished\":"
      "\"2024-05-06T08:12:00+08:00\",\"author\":{\"@type\":\"Person\","
      "\"name\":\"王明\"},\"publisher\":{\"name\":\"示例网\"}}]}</script>"
      "</head><body><h1>测试标题</h1><p>这是正文的第一段，写得比较长一些，"
      "以便被认出是正文。第二句也在这里。</p></body></html>";
  static const char tm[] =
      "<html><head><title>测试标题</title></head><body><h1>测试标题</h1>"
      "<time datetime=\"2024-05-07T09:30:00+08:00\">昨天</time>"
      "<p>这是正文的第一段，写得比较长一些，以便被认出是正文。第二句也在"
      "这里。</p></body></html>";
  zn_article *a;
  (void)state;
  a = extract_ok(ld);
  assert_string_equal(a->published, "2024-05-06T08:12:00+08:00");
  assert_list(&a->authors, "王明");
  assert_string_equal(a->site, "示例网");
  zn_article_free(a);
  a = extract_ok(tm);
  assert_string_equal(a->published, "2024-05-07T09:30:00+08:00");
  zn_article_free(a);
}

/* The caller's URL fills url when the page names none; page_id from it. */
static void test_url_and_page_id(void **state) {
  static const char page[] =
      "<html><head><title>测试标题</title></head><body><h1>测试标题</h1>"
      "<p>这是正文的第一段，写得比较长一些，以便被认出是正文。第二句也在"
      "这里。</p></body></html>";
  static const struct {
    const char *url;
    const char *id;
  } cases[] = {
      {"http://www.xinhuanet.com/local/2020-02/19/c_1125597921.htm",
       "c_1125597921"},
      {"https://finance.sina.com.cn/roll/2018-12-28/"
       "doc-ihqfskcn2160999.shtml",
       "doc-ihqfskcn2160999"},
      {"https://www.thepaper.cn/newsDetail_forward_4567890", "4567890"},
      {"https://example.com/show.php?aid=123456&p=2", "123456"},
      {"https://news.ifeng.com/c/7pplXmYoC6f", NULL},
      {"https://example.com", NULL},
  };
  zn_extractor *ex;
  char big[ZN_MAX_URL_LEN + 2];
  (void)state;
  assert_int_equal(zn_extractor_new(&ex), ZN_OK);
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    zn_article *a = NULL;
    assert_int_equal(zn_extractor_set_url(ex, cases[k].url), ZN_OK);
    assert_int_equal(zn_extract(ex, page, strlen(page), &a), ZN_OK);
    assert_string_equal(a->url, cases[k].url);
    if (cases[k].id == NULL)
      assert_null(a->page_id);
    else
      assert_string_equal(a->page_id, cases[k].id);
    zn_article_free(a);
  }
  memset(big, 'a', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  assert_int_equal(zn_extractor_set_url(ex, big), ZN_EINVAL);
  assert_int_equal(zn_extractor_set_url(ex, "\xff\xfe"), ZN_EINVAL);
  assert_int_equal(zn_extractor_set_url(ex, NULL), ZN_OK);
  zn_extractor_free(ex);
}

/* --------------------------------------------------------------- JSON */

static void test_json(void **state) {
  static const char page[] =
      "“引号”与\\反斜杠\t标题\n\n"
      "2023-06-04 16:01 来源：测试日报\n\n"
      "正文第一段，含有\"双引号\"和\\反斜杠，写得比较长一些，以便被认出是"
      "正文。第二句也在这里。\n";
  zn_article *a;
  zn_buf out;
  json_t *j;
  json_error_t err;
  const char *key;
  json_t *val;
  static const char *const order[] = {
      "url",        "site",    "title",    "subtitles", "published",
      "source",     "authors", "editor",   "dateline",  "captions",
      "paragraphs", "page_id", "encoding", "warnings"};
  size_t i = 0;
  (void)state;
  a = extract_ok(page);
  zn_buf_init(&out, 0);
  assert_int_equal(zn_article_to_json(a, 1u << 7, &out), ZN_EINVAL);
  assert_int_equal(zn_article_to_json(a, 0, &out), ZN_OK);
  assert_null(strchr(out.data, '\n'));
  j = json_loadb(out.data, out.len, 0, &err);
  assert_non_null(j);
  /* Record order, every key present. */
  json_object_foreach(j, key, val) {
    assert_true(i < N_ELEMS(order));
    assert_string_equal(key, order[i]);
    i++;
  }
  assert_int_equal(i, N_ELEMS(order));
  assert_string_equal(json_string_value(json_object_get(j, "title")),
                      "“引号”与\\反斜杠 标题");
  assert_true(json_is_null(json_object_get(j, "url")));
  assert_true(json_is_array(json_object_get(j, "authors")));
  assert_int_equal(json_array_size(json_object_get(j, "authors")), 0);
  assert_string_equal(json_string_value(json_object_get(j, "published")),
                      "2023-06-04T16:01:00+08:00");
  json_decref(j);
  zn_buf_reset(&out);
  assert_int_equal(
      zn_article_to_json(a, ZN_JSON_PRETTY | ZN_JSON_SORT_KEYS, &out), ZN_OK);
  assert_non_null(strstr(out.data, "{\n  \"authors\": []"));
  zn_buf_free(&out);
  zn_article_free(a);
}

/* ----------------------------------------------- allocation failures */

/* Fails the 1st, 2nd, ... allocation of one extraction in turn: every
 * failure must come back as ZN_ENOMEM with nothing leaked (ASan checks). */
static void test_oom(void **state) {
  const char *page = k_pages[3].page;
  size_t len = strlen(page);
  int n_ok = 0;
  (void)state;
  assert_int_equal(zn_replace_allocator(failing_malloc, failing_realloc, free),
                   ZN_OK);
  for (fail_at = 1; fail_at < 2000; fail_at++) {
    zn_extractor *ex = NULL;
    zn_article *a = NULL;
    int rc;
    n_calls = 0;
    rc = zn_extractor_new(&ex);
    if (rc != ZN_OK) {
      assert_int_equal(rc, ZN_ENOMEM);
      assert_null(ex);
      continue;
    }
    rc = zn_extract(ex, page, len, &a);
    if (rc == ZN_OK) {
      n_ok++;
      zn_article_free(a);
      zn_extractor_free(ex);
      break;
    }
    assert_int_equal(rc, ZN_ENOMEM);
    assert_null(a);
    zn_extractor_free(ex);
  }
  fail_at = 0;
  assert_int_equal(zn_replace_allocator(NULL, NULL, NULL), ZN_OK);
  assert_int_equal(n_ok, 1);
}

/* A tree in brackets: name(children), text in quotes, kept attributes
 * in [name=value]. */
static void tree_str(const zn_hnode *n, zn_buf *out) {
  if (n->type == ZN_HNODE_TEXT) {
    zn_buf_append_byte(out, '"');
    zn_buf_append_str(out, n->content);
    zn_buf_append_byte(out, '"');
    return;
  }
  zn_buf_append_str(out, n->name);
  for (const zn_hattr *a = n->attrs; a != NULL; a = a->next) {
    zn_buf_append_byte(out, '[');
    zn_buf_append_str(out, a->name);
    zn_buf_append_byte(out, '=');
    zn_buf_append_str(out, a->value);
    zn_buf_append_byte(out, ']');
  }
  if (n->children == NULL)
    return;
  zn_buf_append_byte(out, '(');
  for (const zn_hnode *c = n->children; c != NULL; c = c->next) {
    if (c != n->children)
      zn_buf_append_byte(out, ' ');
    tree_str(c, out);
  }
  zn_buf_append_byte(out, ')');
}

/* The links of every node agree: parent, first and last child, siblings;
 * returns the number of nodes. */
static size_t check_links(const zn_hnode *root) {
  size_t n = 0;
  for (const zn_hnode *c = root; c != NULL; c = zn__hnode_next(c, root)) {
    const zn_hnode *prev = NULL;
    n++;
    for (const zn_hnode *k = c->children; k != NULL; k = k->next) {
      assert_ptr_equal(k->parent, c);
      assert_ptr_equal(k->prev, prev);
      prev = k;
    }
    assert_ptr_equal(c->last, prev);
    assert_true(c->type == ZN_HNODE_TEXT ? c->content != NULL
                                         : c->name != NULL);
  }
  return n;
}

static void assert_tree(const char *html, const char *want) {
  zn_hdoc *doc;
  zn_buf out;
  assert_int_equal(zn__html_parse(html, strlen(html), &doc), ZN_OK);
  check_links(zn__html_root(doc));
  zn_buf_init(&out, 0);
  tree_str(zn__html_root(doc), &out);
  if (strcmp(out.data, want) != 0)
    print_error("page %s\n want %s\n got  %s\n", html, want, out.data);
  assert_string_equal(out.data, want);
  zn_buf_free(&out);
  zn__html_free(doc);
}

/* htmlparse.c: the tree browsers build, in the parts the walks rely on. */
static void test_html_tree(void **state) {
  (void)state;
  /* Head and body, explicit, implied, ended by the first body element. */
  assert_tree("<!DOCTYPE html><html lang=zh><head><title>标题</title>"
              "<meta name=keywords content=新闻></head><body><p>正文</p>"
              "</body></html>",
              "html(head(title(\"标题\") meta[name=keywords][content=新闻]) "
              "body(p(\"正文\")))");
  assert_tree("<head><title>t</title><div>x</div>",
              "html(head(title(\"t\")) div(\"x\"))");
  assert_tree("<title>t</title><div>x</div>", "html(title(\"t\") div(\"x\"))");
  /* Text after </body> and </html> stays in the body. */
  assert_tree("<body><p>a</p></body></html><p>b</p>",
              "html(body(p(\"a\") p(\"b\")))");
  /* Optional end tags. */
  assert_tree("<p>a<div>b</div><p>c<p>d", "html(p(\"a\") div(\"b\") p(\"c\") "
                                          "p(\"d\"))");
  assert_tree("<ul><li>a<li>b<ul><li>c</ul><li>d</ul>",
              "html(ul(li(\"a\") li(\"b\" ul(li(\"c\"))) li(\"d\")))");
  assert_tree("<dl><dt>a<dd>b<dt>c</dl>",
              "html(dl(dt(\"a\") dd(\"b\") dt(\"c\")))");
  assert_tree("<table><tr><td>a<td>b<tr><th>c<td>d</table>e",
              "html(table(tr(td(\"a\") td(\"b\")) tr(th(\"c\") td(\"d\"))) "
              "\"e\")");
  assert_tree("<h1>a<h2>b</h2>", "html(h1(\"a\") h2(\"b\"))");
  assert_tree("<a>x<a>y</a>z", "html(a(\"x\") a(\"y\") \"z\")");
  assert_tree("<select><option>a<option>b</select>",
              "html(select(option(\"a\") option(\"b\")))");
  assert_tree("<p>a<table><tr><td>b</td></tr></table>",
              "html(p(\"a\") table(tr(td(\"b\"))))");
  /* End tags: a block's may close inline elements left open; an inline
   * element's never closes a block; none crosses a table cell; one with
   * nothing open of its name is ignored. */
  assert_tree("<div><span>a</div>b", "html(div(span(\"a\")) \"b\")");
  assert_tree("<span><div>a</span>b</div>c",
              "html(span(div(\"a\" \"b\") \"c\"))");
  assert_tree("<div><table><tr><td><div>a</div></div>b</td></tr></table>c"
              "</div>d",
              "html(div(table(tr(td(div(\"a\") \"b\"))) \"c\") \"d\")");
  assert_tree("<p>a</span></b>b</p>", "html(p(\"a\" \"b\"))");
  /* Any heading's end tag closes the open heading: a CMS's <h1>..</h2>
   * must not leave the article inside the headline. */
  assert_tree("<h1>标题</h2><div>正文</div>",
              "html(h1(\"标题\") div(\"正文\"))");
  assert_tree("<div><h3>a<b>b</h2>c</div>",
              "html(div(h3(\"a\" b(\"b\")) \"c\"))");
  /* A link left open does not let the next link close the blocks
   * opened since (the article's container). */
  assert_tree("<a href=/><img></div><div>x<a>y</a>z<p>w</div>",
              "html(a(img div(\"x\" a(\"y\") \"z\" p(\"w\"))))");
  /* </p> with no <p> open is an empty <p>, a paragraph break, as
   * browsers read it: CMSs write "第一段</p>第二段</p>". */
  assert_tree("<div>第一段</p>第二段</p><p>c</p></p></div>",
              "html(div(\"第一段\" p \"第二段\" p p(\"c\") p))");
  /* A button closes an open button. */
  assert_tree("<button>a<button>b</button>c",
              "html(button(\"a\") button(\"b\") \"c\")");
  /* <body> closes everything open before it, and what follows is read
   * afresh (the counts of open elements start over). */
  assert_tree("<p>a<span>b<body><p>c<div>d",
              "html(p(\"a\" span(\"b\")) body(p(\"c\") div(\"d\")))");
  assert_tree("<custom-el>a<x-y>b</custom-el>c",
              "html(custom-el(\"a\" x-y(\"b\")) \"c\")");
  /* Void elements, "/>", </br> (a <br>, as browsers read it), case. */
  assert_tree("<DIV CLASS=Lead>a<BR>b<br/>c</br>d<img src=x.jpg>e</DiV>",
              "html(div[class=Lead](\"a\" br \"b\" br \"c\" br \"d\" img "
              "\"e\"))");
  assert_tree("<div/><p>x", "html(div p(\"x\"))");
  /* Raw text: scripts and styles to their end tag, markup and references
   * as they are; a title or textarea without markup when closed. */
  assert_tree(
      "<script type=text/javascript>if (a<b) w('</div>&amp;');"
      "</script ><style>p>a{}</style><p>x",
      "html(script[type=text/javascript](\"if (a<b) w('</div>&amp;');\")"
      " style(\"p>a{}\") p(\"x\"))");
  assert_tree("<title>A &amp; <b>B</b></title>",
              "html(title(\"A & <b>B</b>\"))");
  assert_tree("<script>var s = '</scriptx>';</script>x",
              "html(script(\"var s = '</scriptx>';\") \"x\")");
  assert_tree("<p>a<script>never closed", "html(p(\"a\" script(\"never "
                                          "closed\")))");
  /* Unclosed titles and textareas: elements, however many (each used to
   * search the rest of the page for its end tag again). */
  assert_tree("<title>a<textarea>b<title>c</p><textarea>d",
              "html(title(\"a\" textarea(\"b\" title(\"c\" p "
              "textarea(\"d\")))))");
  assert_tree("<textarea>a<textarea>b</textarea>",
              "html(textarea(\"a<textarea>b\"))");
  /* Character references: named (HTML 4's, with ';'), decimal, hex; the
   * invalid ones give U+FFFD; a lone '&' or '<' is text. */
  assert_tree("<p>a &amp; &lt;b&gt; &#20013;&#x6587;&#X56FD; &nbsp x &copy; "
              "&bogus; &#0; &#xD800; &#99999999; AT&T 1 < 2 <3 &</p>",
              "html(p(\"a & <b> 中文国 \xC2\xA0 x \xC2\xA9 &bogus; "
              "\xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD AT&T 1 < 2 <3 &\"))");
  /* Legacy names without their ';' as browsers read them (the longest
   * that the letters start with), but not in an attribute value where a
   * letter, digit or '=' follows; &#128; to &#159; as Windows-1252. */
  assert_tree("<p>&nbsp&nbsp1 &copy 2024 &COPY; &notit; &ampx &frac12s "
              "&#150;&#147;x&#x94; &#129;</p>",
              "html(p(\"\xC2\xA0\xC2\xA0"
              "1 \xC2\xA9 2024 \xC2\xA9 \xC2\xACit; "
              "&x \xC2\xBDs \xE2\x80\x93\xE2\x80\x9Cx\xE2\x80\x9D "
              "\xC2\x81\"))");
  assert_tree("<link rel=x href=\"/a?b=1&copy=2&reg3&amp;c=&copy\">",
              "html(link[rel=x][href=/a?b=1&copy=2&reg3&c=\xC2\xA9])");
  assert_tree("<p>&ldquo;你好&rdquo;&mdash;&hellip;&middot;&nbsp;</p>",
              "html(p(\"\xE2\x80\x9C你好\xE2\x80\x9D\xE2\x80\x94\xE2\x80\xA6"
              "\xC2\xB7\xC2\xA0\"))");
  /* Attributes: the walks' only, first of a repeated name, references
   * decoded, quotes left open, bare names. */
  assert_tree("<div id=main class=\"a&amp;b\" style=\"color:red\" class=c "
              "data-x='1' hidden>x</div>",
              "html(div[id=main][class=a&b](\"x\"))");
  assert_tree("<div class=\"open>b</div>", "html(div[class=open](\"b\"))");
  assert_tree("<meta property=og:title content='标题'><link rel=canonical "
              "href=\"https://example.com/a\"><time datetime=2024-01-02 "
              "class=t>1月2日</time>",
              "html(meta[property=og:title][content=标题] "
              "link[rel=canonical][href=https://example.com/a] "
              "time[datetime=2024-01-02][class=t](\"1月2日\"))");
  /* Comments, doctype, processing instructions, "</>". */
  assert_tree("a<!-- <p>no</p> -->b<!-->c<!--->d<?xml x?>e</>f<!-- open",
              "html(\"a\" \"b\" \"c\" \"d\" \"e\" \"f\")");
  assert_tree("a<!-- x --!>b<!-- y -- >c-->d", "html(\"a\" \"b\" \"d\")");
  /* White space only text: kept between running text, dropped after an
   * image or a row, and in <html>/<head>. */
  assert_tree("<html> <head> <title>t</title> </head> <body><div><img> "
              "<span>a</span> <span>b</span></div> </body>",
              "html(head(title(\"t\")) body(div(img span(\"a\") \" \" "
              "span(\"b\")) \" \"))");
  /* NUL bytes are left out, and text of them only makes no node. */
  {
    static const char nul[] = "<p>a\0b</p>\0\0<p>\0</p>";
    zn_hdoc *doc;
    zn_buf out;
    assert_int_equal(zn__html_parse(nul, sizeof nul - 1, &doc), ZN_OK);
    zn_buf_init(&out, 0);
    tree_str(zn__html_root(doc), &out);
    assert_string_equal(out.data, "html(p(\"ab\") p)");
    zn_buf_free(&out);
    zn__html_free(doc);
  }
  /* ... but kept after and in elements of names not listed, which hold
   * running text (sub, sup, mark, nobr). */
  assert_tree("<p>H<sub>2</sub> <sub> </sub><mark>a</mark> b</p>",
              "html(p(\"H\" sub(\"2\") \" \" sub(\" \") mark(\"a\") \" b\"))");
  /* The page ends inside a tag: no element. */
  assert_tree("<p>a<div class=", "html(p(\"a\"))");
  assert_tree("", "html");
}

/* The class/id hints (blocks.c): words anywhere in the names, ASCII case
 * folded; furniture words only where a word of the name starts. */
static void test_html_hints(void **state) {
  static const struct {
    const char *attrs;
    unsigned want;
  } cases[] = {
      {"class=share-box", ZN_HINT_FURNITURE},
      {"class=BottomShare", ZN_HINT_FURNITURE},
      {"class=blkContainerComment", ZN_HINT_FURNITURE | ZN_HINT_GOOD},
      {"class=BSHARE_POP", 0}, /* sina's article container */
      {"id=hotnews_list", ZN_HINT_FURNITURE | ZN_HINT_GOOD | ZN_HINT_BAD},
      {"class=img_descr", ZN_HINT_CAPTION},
      {"class=\"pic IMG-DESC\"", ZN_HINT_CAPTION},
      {"class=article-content id=main", ZN_HINT_GOOD},
      {"class=nav-bar", ZN_HINT_BAD},
      {"class=content id=sidebar",
       ZN_HINT_GOOD | ZN_HINT_FURNITURE | ZN_HINT_BAD},
      {"class=\"xgxw zw\"", ZN_HINT_FURNITURE | ZN_HINT_GOOD},
      {"class=clearfix", 0},
      {"class=\"\"", 0},
      {"style=x", 0},
  };
  (void)state;
  for (size_t k = 0; k < N_ELEMS(cases); k++) {
    char page[256];
    zn_hdoc *doc;
    const zn_hnode *div;
    snprintf(page, sizeof page, "<div %s>x</div>", cases[k].attrs);
    assert_int_equal(zn__html_parse(page, strlen(page), &doc), ZN_OK);
    div = zn__html_root(doc)->children;
    assert_non_null(div);
    if ((zn__html_hints(div) & ~ZN_HINT_KNOWN) != cases[k].want)
      print_error("%s: hints %u, want %u\n", page,
                  zn__html_hints(div) & ~ZN_HINT_KNOWN, cases[k].want);
    assert_int_equal(zn__html_hints(div) & ~ZN_HINT_KNOWN, cases[k].want);
    zn__html_free(doc);
  }
}

/* Markup nested far deeper than any walk goes costs no stack. */
static void test_html_deep(void **state) {
  zn_buf page;
  zn_hdoc *doc;
  char *text;
  (void)state;
  zn_buf_init(&page, 0);
  for (int k = 0; k < 200000; k++)
    zn_buf_append_str(&page, "<div><span>");
  zn_buf_append_str(&page, "深处的文字");
  assert_int_equal(zn__html_parse(page.data, page.len, &doc), ZN_OK);
  assert_int_equal(check_links(zn__html_root(doc)), 400002);
  text = zn__html_text(zn__html_root(doc));
  assert_string_equal(text, "深处的文字");
  zn_free(text);
  zn__html_free(doc);
  zn_buf_free(&page);
}

/* Every page of ../shared/data/pages parses into a consistent tree whose
 * text holds the page's (skipped when absent, as on a machine without
 * the shared data). */
static void parse_pages_in(const char *dir, size_t *n_pages) {
  DIR *d = opendir(dir);
  struct dirent *e;
  if (d == NULL)
    return;
  while ((e = readdir(d)) != NULL) {
    char path[4096];
    size_t n = strlen(e->d_name);
    FILE *f;
    zn_buf b;
    char chunk[65536];
    size_t got;
    zn_hdoc *doc;
    if (e->d_name[0] == '.')
      continue;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    if (n < 5 || strcmp(e->d_name + n - 5, ".html") != 0) {
      parse_pages_in(path, n_pages); /* a directory, or not a page */
      continue;
    }
    f = fopen(path, "rb");
    if (f == NULL)
      continue;
    zn_buf_init(&b, 0);
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
      zn_buf_append(&b, chunk, got);
    fclose(f);
    assert_int_equal(zn__html_parse(b.data, b.len, &doc), ZN_OK);
    assert_true(check_links(zn__html_root(doc)) > 1);
    zn__html_free(doc);
    zn_buf_free(&b);
    (*n_pages)++;
  }
  closedir(d);
}

static void test_html_pages(void **state) {
  const char *shared = getenv("ZN_SHARED_DIR");
  char dir[4096];
  size_t n_pages = 0;
  (void)state;
  snprintf(dir, sizeof dir, "%s/data/pages",
           shared != NULL ? shared : "../shared");
  parse_pages_in(dir, &n_pages);
  print_message("%zu pages\n", n_pages);
  if (n_pages == 0)
    skip();
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_outlet_styles),
      cmocka_unit_test(test_errors),
      cmocka_unit_test(test_invalid_bytes),
      cmocka_unit_test(test_gb18030),
      cmocka_unit_test(test_html_page),
      cmocka_unit_test(test_html_blocks),
      cmocka_unit_test(test_html_split_body),
      cmocka_unit_test(test_html_metadata),
      cmocka_unit_test(test_html_tree),
      cmocka_unit_test(test_html_deep),
      cmocka_unit_test(test_html_hints),
      cmocka_unit_test(test_html_pages),
      cmocka_unit_test(test_url_and_page_id),
      cmocka_unit_test(test_json),
      cmocka_unit_test(test_oom),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
