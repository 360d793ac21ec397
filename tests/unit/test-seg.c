/* SPDX-License-Identifier: MIT */
/*
 * test-seg.c - unit tests for segmentation (seg.h): the compiled lexicon
 * (open, cheap and deep checks, lookup, building from text), fast and
 * search modes on sentences in news styles, rule tokens (numbers, dates,
 * Latin, URLs, e-mail, punctuation), offsets that account for every byte,
 * user words that always win, bad input, early stop, allocation failure,
 * and several threads sharing one lexicon.  The default lexicon comes from
 * $ZHNEWS_LEXICON (ctest sets it to the build's zhnews.lex).
 */
#include "zhnews/seg.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "test-util.h"

#include "zhnews/text.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

static zn_lexicon *g_lex;

/* ------------------------------------------------------------ helpers */

struct collect {
  char out[8192]; /* "w/tag w/tag" or "w w" */
  size_t len;
  bool with_tags;
  bool subwords; /* include search-mode sub-words, marked with + */
  size_t n_tokens;
  size_t stop_after; /* 0 = never */
  /* accounting */
  size_t covered;  /* bytes of fast-mode tokens */
  size_t last_end; /* end of the previous fast-mode token */
  bool ordered;    /* fast tokens in order, not overlapping */
  bool offsets_ok; /* char offsets agree with byte offsets */
  bool no_offsets; /* skip that check (it is quadratic) */
  const char *text;
};

static void collect_init(struct collect *c, bool tags, bool subwords) {
  memset(c, 0, sizeof *c);
  c->with_tags = tags;
  c->subwords = subwords;
  c->ordered = true;
  c->offsets_ok = true;
}

static int on_tok(void *ctx, const char *text, const zn_token *t) {
  struct collect *c = ctx;
  int n;
  if ((t->flags & ZN_TOKEN_SUBWORD) && !c->subwords)
    return 0;
  if (!(t->flags & ZN_TOKEN_SUBWORD)) {
    if (t->off < c->last_end)
      c->ordered = false;
    c->last_end = t->off + t->len;
    c->covered += t->len;
  }
  if (!c->no_offsets && (zn_utf8_nchar(text, t->off) != t->char_off ||
                         zn_utf8_nchar(text + t->off, t->len) != t->nchar))
    c->offsets_ok = false;
  n = snprintf(c->out + c->len, sizeof c->out - c->len, "%s%s%.*s%s%s",
               c->len > 0 ? " " : "", (t->flags & ZN_TOKEN_SUBWORD) ? "+" : "",
               (int)t->len, text + t->off, c->with_tags ? "/" : "",
               c->with_tags ? t->tag : "");
  if (n > 0 && (size_t)n < sizeof c->out - c->len)
    c->len += (size_t)n;
  c->n_tokens++;
  return c->stop_after != 0 && c->n_tokens >= c->stop_after;
}

static void seg_text(zn_seg *seg, const char *s, size_t len,
                     struct collect *c) {
  c->text = s;
  assert_int_equal(zn_seg_run(seg, s, len, on_tok, c), ZN_OK);
}

/* Non-space bytes of s[0..len). */
static size_t non_space_bytes(const char *s, size_t len) {
  size_t n = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char ch = (unsigned char)s[i];
    if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r')
      n++;
  }
  return n;
}

/* ----------------------------------------------------------- lexicon */

static void test_lexicon_open_errors(void **state) {
  zn_lexicon *lex = (zn_lexicon *)&lex;
  char err[256];
  char path[] = "/tmp/zn-lex-XXXXXX";
  int fd;
  (void)state;
  assert_int_equal(
      zn_lexicon_open("/nonexistent/zhnews.lex", &lex, err, sizeof err),
      ZN_ENOENT);
  assert_null(lex);
  fd = mkstemp(path);
  assert_true(fd >= 0);
  assert_int_equal(write(fd,
                         "this is not a lexicon at all, no no no. "
                         "padding padding padding padding padding",
                         80),
                   80);
  close(fd);
  assert_int_equal(zn_lexicon_open(path, &lex, err, sizeof err), ZN_EFORMAT);
  assert_null(lex);
  assert_non_null(strstr(err, "bad magic"));
  /* A truncated copy of the real lexicon: the recorded size tells. */
  {
    const char *real = getenv("ZHNEWS_LEXICON");
    FILE *in = fopen(real, "rb");
    FILE *out = fopen(path, "wb");
    char buf[65536];
    size_t n = fread(buf, 1, sizeof buf, in);
    assert_true(n == sizeof buf);
    assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(in);
    fclose(out);
    assert_int_equal(zn_lexicon_open(path, &lex, err, sizeof err), ZN_EFORMAT);
    assert_non_null(strstr(err, "truncated"));
    /* A future format version. */
    buf[8] = 99;
    out = fopen(path, "wb");
    assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(out);
    assert_int_equal(zn_lexicon_open(path, &lex, err, sizeof err), ZN_EFORMAT);
    assert_non_null(strstr(err, "version"));
  }
  unlink(path);
  zn_lexicon_close(NULL);
}

static void test_lexicon_lookup(void **state) {
  double lp;
  const char *tag;
  char err[256];
  (void)state;
  assert_true(zn_lexicon_nwords(g_lex) > 300000);
  assert_int_equal(zn_lexicon_verify(g_lex, err, sizeof err), ZN_OK);
  assert_true(zn_lexicon_lookup(g_lex, "中国", strlen("中国"), &lp, &tag));
  assert_string_equal(tag, "ns");
  assert_true(lp < 0.0 && lp > -20.0);
  assert_true(zn_lexicon_lookup(g_lex, "京津冀", strlen("京津冀"), NULL, NULL));
  assert_false(zn_lexicon_lookup(g_lex, "京津冀协同发展x",
                                 strlen("京津冀协同发展x"), NULL, NULL));
  assert_false(zn_lexicon_lookup(g_lex, "", 0, NULL, NULL));
  assert_false(zn_lexicon_lookup(g_lex, "\xff\xfe", 2, NULL, NULL));
}

static void write_file(const char *path, const char *content) {
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(content, 1, strlen(content), f), strlen(content));
  fclose(f);
}

static void test_lexicon_build(void **state) {
  char dict[] = "/tmp/zn-dict-XXXXXX";
  char out[64];
  char err[256];
  zn_lexicon *lex;
  zn_seg *seg;
  struct collect c;
  int fd;
  double lp1, lp2;
  const char *tag;
  (void)state;
  fd = mkstemp(dict);
  assert_true(fd >= 0);
  close(fd);
  snprintf(out, sizeof out, "%s.lex", dict);
  write_file(dict, "# a tiny lexicon\n"
                   "天津 1000 ns\n"
                   "天津市 500 ns\n"
                   "市委 800 n\n"
                   "书记 900 n\n"
                   "市 100\n"
                   "天津 1000 ns\n"
                   "𠮷野家 5 nz\n");
  assert_int_equal(zn_lexicon_build(dict, NULL, NULL, out, err, sizeof err),
                   ZN_OK);
  assert_int_equal(zn_lexicon_open(out, &lex, err, sizeof err), ZN_OK);
  assert_int_equal(zn_lexicon_verify(lex, err, sizeof err), ZN_OK);
  assert_int_equal(zn_lexicon_nwords(lex), 6); /* 天津 merged */
  assert_true(zn_lexicon_lookup(lex, "天津", strlen("天津"), &lp1, &tag));
  assert_string_equal(tag, "ns");
  assert_true(zn_lexicon_lookup(lex, "书记", strlen("书记"), &lp2, &tag));
  assert_true(lp1 > lp2); /* 2000 beats 900 */
  assert_true(zn_lexicon_lookup(lex, "市", strlen("市"), NULL, &tag));
  assert_string_equal(tag, "x"); /* no tag given */
  assert_true(zn_lexicon_lookup(lex, "𠮷野家", strlen("𠮷野家"), NULL, NULL));
  assert_int_equal(zn_seg_new(lex, &seg), ZN_OK);
  collect_init(&c, false, false);
  seg_text(seg, "天津市委书记", strlen("天津市委书记"), &c);
  assert_string_equal(c.out, "天津 市委 书记");
  zn_seg_free(seg);
  assert_false(zn_lexicon_has_idf(lex));
  assert_true(zn_lexicon_idf(lex, "天津", strlen("天津")) == 0.0);
  zn_lexicon_close(lex);
  unlink(out);
  /* An IDF table: known words get theirs, unknown words and prefixes 0. */
  {
    char idf[sizeof dict + 8];
    snprintf(idf, sizeof idf, "%s.idf", dict);
    write_file(idf, "# word idf\n天津 7.25\n书记 3.5\n北京 9\n");
    assert_int_equal(zn_lexicon_build(dict, NULL, idf, out, err, sizeof err),
                     ZN_OK);
    assert_int_equal(zn_lexicon_open(out, &lex, err, sizeof err), ZN_OK);
    assert_int_equal(zn_lexicon_verify(lex, err, sizeof err), ZN_OK);
    assert_true(zn_lexicon_has_idf(lex));
    assert_true(zn_lexicon_idf(lex, "天津", strlen("天津")) == 7.25);
    assert_true(zn_lexicon_idf(lex, "书记", strlen("书记")) == 3.5);
    assert_true(zn_lexicon_idf(lex, "市委", strlen("市委")) == 0.0);
    assert_true(zn_lexicon_idf(lex, "北京", strlen("北京")) == 0.0);
    assert_true(zn_lexicon_idf(lex, "天", strlen("天")) == 0.0);
    zn_lexicon_close(lex);
    unlink(out);
    write_file(idf, "天津 seven\n");
    assert_int_equal(zn_lexicon_build(dict, NULL, idf, out, err, sizeof err),
                     ZN_EFORMAT);
    assert_non_null(strstr(err, ":1: IDF must be"));
    unlink(idf);
  }
  /* Bad sources name the file and line. */
  write_file(dict, "天津 10 ns\n\xff\xfe 3 n\n");
  assert_int_equal(zn_lexicon_build(dict, NULL, NULL, out, err, sizeof err),
                   ZN_EBADUTF8);
  assert_non_null(strstr(err, ":2: invalid UTF-8"));
  write_file(dict, "中国 1e308 n\n人民 1e308 n\n");
  assert_int_equal(zn_lexicon_build(dict, NULL, NULL, out, err, sizeof err),
                   ZN_EFORMAT);
  write_file(dict, "\xEF\xBB\xBF中国 ns\n人民 10 n\n");
  assert_int_equal(zn_lexicon_build(dict, NULL, NULL, out, err, sizeof err),
                   ZN_OK);
  assert_int_equal(zn_lexicon_open(out, &lex, err, sizeof err), ZN_OK);
  assert_true(zn_lexicon_lookup(lex, "中国", strlen("中国"), NULL, &tag));
  assert_string_equal(tag, "ns");
  zn_lexicon_close(lex);
  unlink(out);
  write_file(dict, "天津 ten ns\n");
  assert_int_equal(zn_lexicon_build(dict, NULL, NULL, out, err, sizeof err),
                   ZN_EFORMAT);
  assert_non_null(strstr(err, ":1: bad frequency"));
  write_file(dict, "# only a comment\n\n");
  assert_int_equal(zn_lexicon_build(dict, NULL, NULL, out, err, sizeof err),
                   ZN_EFORMAT);
  assert_int_equal(
      zn_lexicon_build("/nonexistent/dict", NULL, NULL, out, err, sizeof err),
      ZN_ENOENT);
  unlink(dict);
}

/* ----------------------------------------------------------- fast mode */

struct seg_case {
  int id;
  const char *in;
  const char *want; /* tokens, space-separated, with tags if tagged */
  bool tagged;
};

static void run_cases(const struct seg_case *rows, size_t n, bool search) {
  zn_seg *seg;
  assert_int_equal(zn_seg_new(g_lex, &seg), ZN_OK);
  if (search)
    assert_int_equal(zn_seg_set_mode(seg, ZN_SEG_SEARCH), ZN_OK);
  for (size_t i = 0; i < n; i++) {
    struct collect c;
    collect_init(&c, rows[i].tagged, search);
    seg_text(seg, rows[i].in, strlen(rows[i].in), &c);
    if (strcmp(c.out, rows[i].want) != 0) {
      print_error("case %d: %s\n  want: %s\n  got:  %s\n", rows[i].id,
                  rows[i].in, rows[i].want, c.out);
      fail();
    }
    assert_true(c.ordered);
    assert_true(c.offsets_ok);
    assert_int_equal(c.covered,
                     non_space_bytes(rows[i].in, strlen(rows[i].in)));
  }
  zn_seg_free(seg);
}

static void test_fast_words(void **state) {
  /* Sentences in the styles of several outlets; expectations follow the
   * segmentation standards (PKU / MSR), with names kept whole. */
  static const struct seg_case rows[] = {
      {1, "我爱北京天安门", "我 爱 北京 天安门", false},
      {2, "新华社北京6月4日电 国务院总理主持召开国务院常务会议。",
       "新华社 北京 6月4日 电 国务院 总理 主持 召开 国务院 常务 会议 。",
       false},
      {3, "市委书记陈敏尔作说明，副市长张工出席。",
       "市委 书记 陈 敏 尔 作 说明 ， 副 市长 张工 出席 。", false},
      {4, "人民网北京电 记者从国家统计局获悉，5月份CPI同比上涨0.2%。",
       "人民 网 北京 电 记者 从 国家统计局 获悉 ， 5月 份 CPI 同比 上涨 "
       "0.2% 。",
       false},
      {5, "中新网杭州1月25日电 杭州海关发布数据显示",
       "中新网 杭州 1月25日 电 杭州 海关 发布 数据 显示", false},
      {6, "澎湃新闻记者从上海市经济和信息化委员会获悉",
       "澎湃 新闻记者 从 上海市 经济 和 信息化 委员会 获悉", false},
      {7, "全会审议通过了《决定》", "全会 审议 通过 了 《 决定 》", false},
      {8, "我国夏粮收获进度过半", "我国 夏粮 收获 进度 过半", false},
  };
  (void)state;
  run_cases(rows, N_ELEMS(rows), false);
}

static void test_fast_rules(void **state) {
  static const struct seg_case rows[] = {
      {1, "2023年6月4日16:01，价格上涨5.2%。",
       "2023年6月4日/t 16:01/t ，/x 价格/n 上涨/v 5.2%/m 。/x", true},
      {2, "1998年5月31日", "1998年5月31日/t", true},
      {3, "二○○一年十二月三十一日", "二○○一年/t 十二月/t 三十一日/t", true},
      {4, "访问https://www.xinhuanet.com/politics/2023-06/04/c_1129.htm了解",
       "访问/v https://www.xinhuanet.com/politics/2023-06/04/c_1129.htm/x "
       "了解/v",
       true},
      {5, "邮箱zhang.san@example.com联系",
       "邮箱/n zhang.san@example.com/eng 联系/n", true},
      {6, "iPhone15和5G手机", "iPhone15/eng 和/c 5G/m 手机/n", true},
      {7, "——完……", "——/x 完/v ……/x", true},
      {8, "ＧＤＰ增长５．２％", "ＧＤＰ/eng 增长/v ５．２％/m", true},
      {9, "C++和C#", "C++/eng 和/c C#/eng", true},
      {10, "他用Wi-Fi上网", "他/r 用/p Wi-Fi/eng 上网/v", true},
      {11, "共1,000元", "共/d 1,000/m 元/m", true},
      {12, "  前后 有 空格  ", "前后/f 有/v 空格/n", true},
      {13, "こんにちは世界", "こんにちは/x 世界/n", true},
      {14, "U.S.和E.U.", "U.S/eng ./x 和/c E.U/eng ./x", true},
      {15, "¥5,000", "¥/x 5,000/m", true},
      {16, "", "", true},
  };
  (void)state;
  run_cases(rows, N_ELEMS(rows), false);
}

static void test_search_mode(void **state) {
  static const struct seg_case rows[] = {
      {1, "中华人民共和国成立",
       "中华人民共和国 +中华 +中华人民 +华人 +人民 +人民共和国 +共和 +共和国 "
       "成立",
       false},
      {2, "天津滨海新区", "天津 滨海新区 +滨海 +新区", false},
      {3, "我爱北京", "我 爱 北京", false},
  };
  (void)state;
  run_cases(rows, N_ELEMS(rows), true);
}

/* ------------------------------------------------------- user words */

static void test_user_words(void **state) {
  zn_seg *seg;
  struct collect c;
  char path[] = "/tmp/zn-user-XXXXXX";
  int fd;
  (void)state;
  assert_int_equal(zn_seg_new(g_lex, &seg), ZN_OK);
  /* Before: the statistics split them. */
  collect_init(&c, false, false);
  seg_text(seg, "推动京津冀协同发展，布林肯访华",
           strlen("推动京津冀协同发展，布林肯访华"), &c);
  assert_string_equal(c.out, "推动 京津冀 协同 发展 ， 布 林肯 访华");
  assert_int_equal(
      zn_seg_add_word(seg, "京津冀协同发展", strlen("京津冀协同发展"), 0, NULL),
      ZN_OK);
  assert_int_equal(zn_seg_add_word(seg, "布林肯", strlen("布林肯"), 1, "nr"),
                   ZN_OK);
  collect_init(&c, true, false);
  seg_text(seg, "推动京津冀协同发展，布林肯访华",
           strlen("推动京津冀协同发展，布林肯访华"), &c);
  assert_string_equal(c.out, "推动/v 京津冀协同发展/n ，/x 布林肯/nr 访华/v");
  /* Latin user words do not cut Latin words. */
  assert_int_equal(zn_seg_add_word(seg, "AI", 2, 0, "eng"), ZN_OK);
  collect_init(&c, false, false);
  seg_text(seg, "AIGC和AI芯片", strlen("AIGC和AI芯片"), &c);
  assert_string_equal(c.out, "AIGC 和 AI 芯片");
  /* A user word wins inside what a rule would make a number. */
  assert_int_equal(
      zn_seg_add_word(seg, "年度报告", strlen("年度报告"), 0, NULL), ZN_OK);
  collect_init(&c, false, false);
  seg_text(seg, "2023年度报告发布", strlen("2023年度报告发布"), &c);
  assert_string_equal(c.out, "2023 年度报告 发布");
  /* Overlapping user words: leftmost, then longest. */
  assert_int_equal(
      zn_seg_add_word(seg, "协同发展走深", strlen("协同发展走深"), 0, NULL),
      ZN_OK);
  collect_init(&c, false, false);
  seg_text(seg, "京津冀协同发展走深走实", strlen("京津冀协同发展走深走实"), &c);
  assert_string_equal(c.out, "京津冀协同发展 走 深 走 实");
  /* Bad words. */
  assert_int_equal(zn_seg_add_word(seg, "", 0, 0, NULL), ZN_EINVAL);
  assert_int_equal(zn_seg_add_word(seg, "有 空格", strlen("有 空格"), 0, NULL),
                   ZN_EINVAL);
  assert_int_equal(zn_seg_add_word(seg, "\xff", 1, 0, NULL), ZN_EBADUTF8);
  zn_seg_free(seg);

  /* From a file: "word [freq] [tag]", comments, a BOM. */
  fd = mkstemp(path);
  assert_true(fd >= 0);
  close(fd);
  write_file(path, "\xEF\xBB\xBF# 用户词典\n天开高教科创园 10 nt\n"
                   "两个确立 n\n\n一盘棋\n");
  assert_int_equal(zn_seg_new(g_lex, &seg), ZN_OK);
  assert_int_equal(zn_seg_load_userdict(seg, path), ZN_OK);
  collect_init(&c, true, false);
  seg_text(seg, "天开高教科创园落实两个确立下好一盘棋",
           strlen("天开高教科创园落实两个确立下好一盘棋"), &c);
  assert_string_equal(c.out, "天开高教科创园/nt 落实/a 两个确立/n 下/f 好/a "
                             "一盘棋/n");
  /* "word tag", a BOM, and frequencies that are not finite. */
  write_file(path, "\xEF\xBB\xBF数字中国 nz\n");
  assert_int_equal(zn_seg_load_userdict(seg, path), ZN_OK);
  write_file(path, "中国 inf n\n");
  assert_int_equal(zn_seg_load_userdict(seg, path), ZN_EFORMAT);
  assert_non_null(strstr(zn_seg_errmsg(seg), ":1: bad frequency"));
  write_file(path, "好词\n\xff\xfe 3\n");
  assert_int_equal(zn_seg_load_userdict(seg, path), ZN_EBADUTF8);
  assert_non_null(strstr(zn_seg_errmsg(seg), ":2:"));
  assert_int_equal(zn_seg_load_userdict(seg, "/nonexistent/user.dict"),
                   ZN_ENOENT);
  assert_non_null(strstr(zn_seg_errmsg(seg), "/nonexistent/user.dict"));
  zn_seg_free(seg);
  unlink(path);
}

/* ----------------------------------------------------------- bad input */

static void test_bad_input(void **state) {
  zn_seg *seg;
  struct collect c;
  static const char bad[] = "\xff中国\xfe\xc3 \xe4\xb8";
  static const char nul[] = "中\0国";
  char *big;
  size_t big_len = (size_t)10 << 20;
  (void)state;
  assert_int_equal(zn_seg_new(g_lex, &seg), ZN_OK);
  collect_init(&c, true, false);
  seg_text(seg, bad, sizeof bad - 1, &c);
  /* One token per maximal invalid subpart: \xe4\xb8 is one. */
  assert_string_equal(c.out, "\xff/x 中国/ns \xfe/x \xc3/x \xe4\xb8/x");
  assert_int_equal(c.covered, non_space_bytes(bad, sizeof bad - 1));
  collect_init(&c, false, false);
  seg_text(seg, nul, sizeof nul - 1, &c);
  assert_int_equal(c.covered, sizeof nul - 1);
  /* A 10 MB line with no break: every byte in a token. */
  big = malloc(big_len);
  assert_non_null(big);
  for (size_t i = 0; i + 3 <= big_len; i += 3)
    memcpy(big + i, "中", 3);
  big[big_len - 1] = 'x';
  {
    struct collect *cc = malloc(sizeof *cc);
    collect_init(cc, false, false);
    cc->no_offsets = true;
    cc->text = big;
    assert_int_equal(zn_seg_run(seg, big, big_len, on_tok, cc), ZN_OK);
    assert_int_equal(cc->covered, big_len);
    assert_true(cc->ordered);
    free(cc);
  }
  free(big);
  assert_int_equal(zn_seg_set_mode(seg, (zn_seg_mode)7), ZN_EINVAL);
  zn_seg_free(seg);
  zn_seg_free(NULL);
  assert_int_equal(zn_seg_new(NULL, &seg), ZN_EINVAL);
  assert_null(seg);
}

static void test_early_stop(void **state) {
  zn_seg *seg;
  struct collect c;
  (void)state;
  assert_int_equal(zn_seg_new(g_lex, &seg), ZN_OK);
  collect_init(&c, false, false);
  c.stop_after = 2;
  seg_text(seg, "我爱北京天安门", strlen("我爱北京天安门"), &c);
  assert_string_equal(c.out, "我 爱");
  zn_seg_free(seg);
}

/* --------------------------------------------------------------- OOM */

static void test_oom(void **state) {
  static const char text[] = "推动京津冀协同发展走深走实，陈敏尔作说明。";
  int n_ok = 0;
  (void)state;
  assert_int_equal(zn_replace_allocator(failing_malloc, failing_realloc, free),
                   ZN_OK);
  for (fail_at = 1; fail_at < 200 && n_ok == 0; fail_at++) {
    zn_seg *seg = NULL;
    struct collect c;
    int rc;
    n_calls = 0;
    rc = zn_seg_new(g_lex, &seg);
    if (rc == ZN_OK)
      rc = zn_seg_add_word(seg, "走深走实", strlen("走深走实"), 0, NULL);
    if (rc == ZN_OK) {
      collect_init(&c, false, false);
      c.text = text;
      rc = zn_seg_run(seg, text, sizeof text - 1, on_tok, &c);
    }
    assert_true(rc == ZN_OK || rc == ZN_ENOMEM);
    if (rc == ZN_OK)
      n_ok++;
    zn_seg_free(seg);
  }
  fail_at = 0;
  assert_int_equal(zn_replace_allocator(NULL, NULL, NULL), ZN_OK);
  assert_int_equal(n_ok, 1);
}

/* ----------------------------------------------------------- threads */

#define N_THREADS 4
#define N_ROUNDS 200

static const char k_thread_text[] =
    "全会强调，要在承接北京非首都功能疏解、支持北京“新两翼”建设上下功夫，"
    "下好高质量疏解发展“一盘棋”。2023年6月4日，新华社记者报道。";

struct thread_arg {
  char want[8192];
  int mismatches;
};

static void *seg_thread(void *p) {
  struct thread_arg *a = p;
  zn_seg *seg;
  if (zn_seg_new(g_lex, &seg) != ZN_OK) {
    a->mismatches = -1;
    return NULL;
  }
  for (int r = 0; r < N_ROUNDS; r++) {
    struct collect c;
    collect_init(&c, true, false);
    c.text = k_thread_text;
    zn_seg_run(seg, k_thread_text, sizeof k_thread_text - 1, on_tok, &c);
    if (strcmp(c.out, a->want) != 0)
      a->mismatches++;
  }
  zn_seg_free(seg);
  return NULL;
}

static void test_threads(void **state) {
  pthread_t th[N_THREADS];
  struct thread_arg args[N_THREADS];
  struct collect ref;
  zn_seg *seg;
  (void)state;
  assert_int_equal(zn_seg_new(g_lex, &seg), ZN_OK);
  collect_init(&ref, true, false);
  seg_text(seg, k_thread_text, sizeof k_thread_text - 1, &ref);
  zn_seg_free(seg);
  for (int t = 0; t < N_THREADS; t++) {
    memcpy(args[t].want, ref.out, ref.len + 1);
    args[t].mismatches = 0;
    assert_int_equal(pthread_create(&th[t], NULL, seg_thread, &args[t]), 0);
  }
  for (int t = 0; t < N_THREADS; t++) {
    assert_int_equal(pthread_join(th[t], NULL), 0);
    assert_int_equal(args[t].mismatches, 0);
  }
}

static int setup(void **state) {
  const char *path = getenv("ZHNEWS_LEXICON");
  char err[256];
  (void)state;
  if (path == NULL) {
    print_error("ZHNEWS_LEXICON is not set\n");
    return -1;
  }
  if (zn_lexicon_open(path, &g_lex, err, sizeof err) != ZN_OK) {
    print_error("%s: %s\n", path, err);
    return -1;
  }
  return 0;
}

static int teardown(void **state) {
  (void)state;
  zn_lexicon_close(g_lex);
  return 0;
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_lexicon_open_errors),
      cmocka_unit_test(test_lexicon_lookup),
      cmocka_unit_test(test_lexicon_build),
      cmocka_unit_test(test_fast_words),
      cmocka_unit_test(test_fast_rules),
      cmocka_unit_test(test_search_mode),
      cmocka_unit_test(test_user_words),
      cmocka_unit_test(test_bad_input),
      cmocka_unit_test(test_early_stop),
      cmocka_unit_test(test_oom),
      cmocka_unit_test(test_threads),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
