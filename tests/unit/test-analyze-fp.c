/* SPDX-License-Identifier: MIT */
/*
 * test-analyze-fp.c - unit tests for reprint fingerprints (analyze.h:
 * zn_fingerprint, zn_minhash_similarity, zn_simhash_distance) and for
 * reading Articles back from JSON (zn_article_from_json): reprints in other
 * outlets' styles score high, other stories on the same topic low; what is
 * not content (punctuation, width, spaces, captions, warnings, the title,
 * the dateline) changes nothing; signatures are pinned so that a change of
 * the hash family shows; the JSON reader round-trips with the writer,
 * names the key of every type error and reports allocation failure.
 */
#include "zhnews/analyze.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test-util.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* An Article built by hand: title, dateline and body ("|" between
 * paragraphs); extra captions and warnings when not NULL. */
static zn_article *make_article(const char *title, const char *dateline,
                                const char *body) {
  zn_article *a = calloc(1, sizeof *a);
  const char *p = body;

  assert_non_null(a);
  a->title = title ? strdup(title) : NULL;
  a->dateline = dateline ? strdup(dateline) : NULL;
  while (p != NULL && *p != '\0') {
    const char *bar = strchr(p, '|');
    size_t len = bar ? (size_t)(bar - p) : strlen(p);
    a->paragraphs.items =
        realloc(a->paragraphs.items,
                (a->paragraphs.n + 1) * sizeof *a->paragraphs.items);
    assert_non_null(a->paragraphs.items);
    a->paragraphs.items[a->paragraphs.n] = strndup(p, len);
    a->paragraphs.n++;
    a->paragraphs.cap = a->paragraphs.n;
    p = bar ? bar + 1 : NULL;
  }
  return a;
}

static void push(zn_strlist *l, const char *z) {
  l->items = realloc(l->items, (l->n + 1) * sizeof *l->items);
  assert_non_null(l->items);
  l->items[l->n++] = strdup(z);
  l->cap = l->n;
}

static void fp(const zn_article *a, zn_analysis *out) {
  memset(out, 0, sizeof *out);
  assert_int_equal(zn_fingerprint(a, out), ZN_OK);
}

static double sim_of(const char *title1, const char *dl1, const char *body1,
                     const char *title2, const char *dl2, const char *body2) {
  zn_article *a = make_article(title1, dl1, body1);
  zn_article *b = make_article(title2, dl2, body2);
  zn_analysis fa, fb;
  fp(a, &fa);
  fp(b, &fb);
  zn_article_free(a);
  zn_article_free(b);
  return zn_minhash_similarity(fa.minhash, fb.minhash);
}

/* ------------------------------------------------------------ the story */

/* A 新华社 wire story, its paragraphs one by one. */
#define P1                                                                                                       \
  "记者4日从农业农村部获悉，截至6月3日，全国已收获冬小麦1.72亿亩，收获进度"      \
  "过半。其中，河南、安徽、江苏等主产省麦收进度均超过六成，小麦机收率保持在" \
  "97%以上。"
#define P2                                                                                                       \
  "农业农村部农业机械化管理司有关负责人介绍，今年“三夏”期间，全国预计投入" \
  "各类农机具超过1600万台（套），其中联合收割机65万台左右。各地农机部门组织"    \
  "跨区作业队伍有序转移，并在主要路口设立服务站点，为机手提供免费加油、维修" \
  "和气象信息服务。"
#define P3                                                                                                       \
  "针对近期部分地区出现的连阴雨天气，各地加快烘干设备调度，抢收抢烘，尽量减" \
  "少因雨造成的损失。河南省已累计调配烘干机械2800余台，日烘干能力达到11万吨"    \
  "。"
#define P4                                                                                                      \
  "据了解，农业农村部已派出12个工作组分赴主产省份，督促指导各地抓好夏收夏种" \
  "工作，确保颗粒归仓。"
#define WIRE_DL "新华社北京6月4日电"
#define WIRE "新华社北京6月4日电（记者 王立新 陈思雨）" P1 "|" P2 "|" P3 "|" P4

/* Another story on the same topic: the 河南 harvest, a local paper. */
#define OTHER                                                                                                    \
  "本报讯（记者 赵德峰）6月4日，河南省小麦收获进入高峰期，当日收获面积达到"    \
  "1020万亩，全省累计收获小麦4300万亩，占种植面积的75%以上。|在周口市郸城县"       \
  "，几十台联合收割机在麦田里来回穿梭，金黄的麦粒随即装车运往粮库。当地种粮" \
  "大户李建军说，今年自家800亩小麦亩产预计能达到1100斤，比去年略有增加。|省"     \
  "农业农村厅表示，针对前期降雨造成的部分麦田发芽问题，全省已启用烘干塔1900"   \
  "余座，并组织粮食收储企业敞开收购，对符合条件的受损小麦实行分类收储。"

static void test_identical(void **state) {
  zn_article *a = make_article("我国夏粮收获进度过半", WIRE_DL, WIRE);
  zn_analysis f1, f2;
  (void)state;
  fp(a, &f1);
  fp(a, &f2);
  /* Determinism: the same input gives the same bytes. */
  assert_memory_equal(f1.minhash, f2.minhash, sizeof f1.minhash);
  assert_true(f1.simhash == f2.simhash);
  assert_true(zn_minhash_similarity(f1.minhash, f2.minhash) == 1.0);
  assert_int_equal(zn_simhash_distance(f1.simhash, f2.simhash), 0);
  zn_article_free(a);
}

/* The signature of a fixed text, pinned: the hash family (seeds, shingle
 * hash, slot function) must not change without every stored signature
 * being recomputed. */
static void test_pinned(void **state) {
  zn_article *a = make_article(NULL, NULL, "新华社北京电，记者获悉。");
  zn_analysis f;
  static const uint32_t want[4] = {0x0a27eb37u, 0x0dc33505u, 0x1944dd53u,
                                   0x2c7c05f1u};
  (void)state;
  fp(a, &f);
  assert_memory_equal(f.minhash, want, sizeof want);
  assert_true(f.simhash == UINT64_C(0x1c31c009a5301010));
  zn_article_free(a);
}

struct pair_case {
  const char *name;
  const char *title;
  const char *dateline;
  const char *body;
  double min, max; /* the similarity to the wire story lies in [min, max] */
};

static const struct pair_case k_pairs[] = {
    {"1.1 人民网: other title, same text", "全国麦收过半 机收率超97%", WIRE_DL,
     WIRE, 1.0, 1.0},
    {"1.2 澎湃: 据新华社消息 lead, no dateline", "夏粮收获进度过半！", NULL,
     "据新华社消息，" P1 "|" P2 "|" P3 "|" P4, 0.8, 1.0},
    {"1.3 other dateline, same reporters", "麦收过半", "人民网北京6月4日电",
     "人民网北京6月4日电（记者 王立新 陈思雨）" P1 "|" P2 "|" P3 "|" P4, 1.0,
     1.0},
    {"1.4 a local paper: ending trimmed", "麦收过半", NULL,
     "新华社北京6月4日电" P1 "|" P2 "|" P3, 0.6, 0.95},
    {"1.5 re-paragraphed, full-width and other punctuation", NULL, NULL,
     "新华社北京６月４日电（记者 王立新 陈思雨） " P1 P2 "|" P3 "|" P4 "（完）",
     0.85, 1.0},
    {"1.6 an editor's line and 来源 added to the body", NULL, WIRE_DL,
     WIRE "|来源：新华社 编辑：王晓", 0.85, 1.0},
    {"2.1 another story on the same topic", "河南麦收进入高峰", "本报讯", OTHER,
     0.0, 0.1},
    {"2.2 a follow-up repeating one paragraph", "麦收进入尾声", NULL,
     "记者10日从农业农村部获悉，全国麦收已进入尾声，冬小麦收获进度超过九成，"
     "西南、江淮麦区基本收获完毕，黄淮海麦区进入扫尾阶段。|" P4,
     0.0, 0.3},
};

static void test_reprints(void **state) {
  (void)state;
  for (size_t i = 0; i < N_ELEMS(k_pairs); i++) {
    const struct pair_case *c = &k_pairs[i];
    double s = sim_of("我国夏粮收获进度过半", WIRE_DL, WIRE, c->title,
                      c->dateline, c->body);
    if (s < c->min || s > c->max)
      fail_msg("%s: similarity %.4f outside [%.2f, %.2f]", c->name, s, c->min,
               c->max);
  }
}

/* What is not content changes nothing. */
static void test_not_content(void **state) {
  zn_article *a =
      make_article("标题一", NULL, "ＧＤＰ增长５．２％，好于预期。");
  zn_article *b =
      make_article("完全不同的标题", NULL, "gdp 增长 5.2% 好于预期");
  zn_analysis fa, fb;
  (void)state;
  push(&b->captions, "图为会议现场。新华社记者 李航 摄");
  push(&b->warnings, "no headline found");
  push(&b->subtitles, "副题也不算正文");
  fp(a, &fa);
  fp(b, &fb);
  assert_memory_equal(fa.minhash, fb.minhash, sizeof fa.minhash);
  assert_true(fa.simhash == fb.simhash);
  zn_article_free(a);
  zn_article_free(b);
}

/* An empty body falls back to the title; nothing at all gives all ones. */
static void test_empty(void **state) {
  zn_article *t = make_article("全国麦收过半", NULL, "");
  zn_article *b = make_article(NULL, NULL, "全国麦收过半");
  zn_article *none = make_article(NULL, NULL, "，。 ！|  ");
  zn_article *short_body = make_article("标题很长很长很长", NULL, "麦收");
  zn_analysis ft, fb, fn, fs;
  (void)state;
  fp(t, &ft);
  fp(b, &fb);
  assert_memory_equal(ft.minhash, fb.minhash, sizeof ft.minhash);
  fp(none, &fn);
  for (size_t i = 0; i < ZN_MINHASH_K; i++)
    assert_true(fn.minhash[i] == UINT32_MAX);
  assert_true(fn.simhash == 0);
  /* A body shorter than one shingle is still a fingerprint, not the
   * title's. */
  fp(short_body, &fs);
  assert_true(fs.minhash[0] != UINT32_MAX);
  assert_true(zn_minhash_similarity(fs.minhash, ft.minhash) < 0.5);
  assert_int_equal(zn_fingerprint(NULL, &fs), ZN_EINVAL);
  assert_int_equal(zn_fingerprint(t, NULL), ZN_EINVAL);
  zn_article_free(t);
  zn_article_free(b);
  zn_article_free(none);
  zn_article_free(short_body);
}

static void test_distances(void **state) {
  uint32_t a[ZN_MINHASH_K], b[ZN_MINHASH_K];
  (void)state;
  assert_int_equal(zn_simhash_distance(0, 0), 0);
  assert_int_equal(zn_simhash_distance(0, UINT64_MAX), 64);
  assert_int_equal(zn_simhash_distance(UINT64_C(0xF0), UINT64_C(0x0F)), 8);
  assert_int_equal(zn_simhash_distance(UINT64_C(1) << 63, 0), 1);
  for (size_t i = 0; i < ZN_MINHASH_K; i++) {
    a[i] = (uint32_t)i;
    b[i] = i < 16 ? (uint32_t)i : 1000;
  }
  assert_true(zn_minhash_similarity(a, a) == 1.0);
  assert_true(zn_minhash_similarity(a, b) == 0.25);
}

/* ------------------------------------------------------ JSON reading */

static const char k_page[] =
    "新华网 > 正文\n"
    "2023-06-04 19:32:15来源: 新华网\n\n"
    "我国夏粮收获进度过半 小麦机收率超过97%\n\n"
    "2023-06-04 19:32:15    来源: 新华网\n"
    "字体：大 中 小\n\n"
    "6月3日，联合收割机在麦田里收获小麦。（新华社记者 李航 摄）\n\n"
    "　　新华社北京6月4日电（记者 王立新 陈思雨）" P1 "\n\n"
    "　　" P2 "\n\n"
    "　　" P3 "\n\n"
    "责任编辑：刘洋\n\n"
    "1129702345\n";

static void test_json_round_trip(void **state) {
  zn_extractor *ex;
  zn_article *a = NULL, *b = NULL;
  zn_buf j1, j2;
  char err[128];
  (void)state;
  assert_int_equal(zn_extractor_new(&ex), ZN_OK);
  assert_int_equal(zn_extract(ex, k_page, strlen(k_page), &a), ZN_OK);
  zn_extractor_free(ex);
  zn_buf_init(&j1, 0);
  zn_buf_init(&j2, 0);
  assert_int_equal(zn_article_to_json(a, 0, &j1), ZN_OK);
  assert_int_equal(zn_article_from_json(j1.data, j1.len, &b, err, sizeof err),
                   ZN_OK);
  assert_int_equal(zn_article_to_json(b, 0, &j2), ZN_OK);
  assert_string_equal(j1.data, j2.data);
  /* A Document reads as its Article: "analysis" is ignored. */
  {
    zn_analysis an;
    zn_article *c = NULL;
    memset(&an, 0, sizeof an);
    assert_int_equal(zn_fingerprint(a, &an), ZN_OK);
    zn_buf_reset(&j2);
    assert_int_equal(zn_document_to_json(a, &an, ZN_JSON_PRETTY, &j2), ZN_OK);
    assert_int_equal(zn_article_from_json(j2.data, j2.len, &c, err, sizeof err),
                     ZN_OK);
    zn_buf_reset(&j2);
    assert_int_equal(zn_article_to_json(c, 0, &j2), ZN_OK);
    assert_string_equal(j1.data, j2.data);
    zn_article_free(c);
  }
  zn_buf_free(&j1);
  zn_buf_free(&j2);
  zn_article_free(a);
  zn_article_free(b);
}

static void test_json_minimal(void **state) {
  static const char k_json[] =
      "{\"title\":\"标题\",\"paragraphs\":[\"第一段\",\"第二段\"],"
      "\"extra\":{\"nested\":[1,2]},\"url\":null,\"authors\":null}";
  zn_article *a = NULL;
  char err[128];
  (void)state;
  assert_int_equal(
      zn_article_from_json(k_json, strlen(k_json), &a, err, sizeof err), ZN_OK);
  assert_string_equal(a->title, "标题");
  assert_int_equal(a->paragraphs.n, 2);
  assert_string_equal(a->paragraphs.items[1], "第二段");
  assert_null(a->url);
  assert_null(a->encoding);
  assert_int_equal(a->authors.n, 0);
  zn_article_free(a);
}

struct bad_json {
  const char *name;
  const char *json;
  const char *msg; /* the message starts with this */
};

static const struct bad_json k_bad[] = {
    {"3.1 not JSON", "{\"title\": ", "JSON: "},
    {"3.2 not an object", "[\"title\"]", "not a JSON object"},
    {"3.3 a number for a string", "{\"title\": 5}",
     "\"title\": expected a string or null"},
    {"3.4 a string for a list", "{\"paragraphs\": \"x\"}",
     "\"paragraphs\": expected an array"},
    {"3.5 a number in a list", "{\"authors\": [\"甲\", 2]}",
     "\"authors\"[1]: expected a string"},
    {"3.6 NUL inside a string", "{\"editor\": \"a\\u0000b\"}",
     "JSON: \\u0000 is not allowed"},
    {"3.7 trailing garbage", "{} {}", "JSON: "},
    {"3.8 duplicate key", "{\"title\":\"a\",\"title\":\"b\"}", "JSON: "},
    {"3.9 empty", "", "JSON: "},
};

static void test_json_errors(void **state) {
  (void)state;
  for (size_t i = 0; i < N_ELEMS(k_bad); i++) {
    zn_article *a = (zn_article *)1;
    char err[160];
    int rc = zn_article_from_json(k_bad[i].json, strlen(k_bad[i].json), &a, err,
                                  sizeof err);
    if (rc != ZN_EFORMAT || a != NULL ||
        strncmp(err, k_bad[i].msg, strlen(k_bad[i].msg)) != 0)
      fail_msg("%s: rc %d, message '%s'", k_bad[i].name, rc, err);
  }
  /* A NULL errmsg is allowed. */
  {
    zn_article *a = NULL;
    assert_int_equal(zn_article_from_json("5", 1, &a, NULL, 0), ZN_EFORMAT);
    assert_int_equal(zn_article_from_json("{}", 2, NULL, NULL, 0), ZN_EINVAL);
  }
}

static void test_json_oom(void **state) {
  static const char k_json[] =
      "{\"title\":\"标题\",\"site\":\"新华网\",\"paragraphs\":[\"一\",\"二\","
      "\"三\"],\"authors\":[\"甲\",\"乙\"],\"encoding\":\"UTF-8\"}";
  size_t n_ok = 0;
  (void)state;
  assert_int_equal(zn_replace_allocator(failing_malloc, failing_realloc, free),
                   ZN_OK);
  for (fail_at = 1; fail_at < 200; fail_at++) {
    zn_article *a = (zn_article *)1;
    int rc;
    n_calls = 0;
    rc = zn_article_from_json(k_json, strlen(k_json), &a, NULL, 0);
    if (rc == ZN_OK) {
      n_ok++;
      zn_article_free(a);
    } else {
      assert_int_equal(rc, ZN_ENOMEM);
      assert_null(a);
    }
  }
  fail_at = 0;
  assert_int_equal(zn_replace_allocator(NULL, NULL, NULL), ZN_OK);
  assert_true(n_ok > 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_identical),
      cmocka_unit_test(test_pinned),
      cmocka_unit_test(test_reprints),
      cmocka_unit_test(test_not_content),
      cmocka_unit_test(test_empty),
      cmocka_unit_test(test_distances),
      cmocka_unit_test(test_json_round_trip),
      cmocka_unit_test(test_json_minimal),
      cmocka_unit_test(test_json_errors),
      cmocka_unit_test(test_json_oom),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
