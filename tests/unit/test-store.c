/* SPDX-License-Identifier: MIT */
/*
 * test-store.c - unit tests for the store (store.h) and its tokenizer:
 * the tokens and positions the zhnews tokenizer gives documents and
 * queries; substring-exact search both ways (国歌 not found in 中华人民共和国
 * ...歌, 李强 found inside 李强调研); traditional, full-width and case
 * folding; re-putting a page updates it and never duplicates it; filters
 * and entities; queries that would be FTS5 syntax errors; and the small
 * "never miss" check: random Han substrings of the sample pages and of
 * pages written here, searched as quoted queries, against a brute-force
 * scan of the same folded text.
 */
#include "zhnews/store.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "private/utf8-inl.h"
#include "store/fold.h"
#include "store/fts5-zhnews.h"
#include "test-util.h"
#include "zhnews/extract.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

static char g_dir[256];

/* ------------------------------------------------------------ helpers */

static zn_store *open_fresh(const char *name) {
  char path[512];
  char err[256];
  zn_store *st = NULL;
  snprintf(path, sizeof path, "%s/%s", g_dir, name);
  unlink(path);
  int rc = zn_store_open(path, 0, NULL, &st, err, sizeof err);
  if (rc != ZN_OK)
    fail_msg("open %s: %s", path, err);
  return st;
}

static int64_t put(zn_store *st, const char *json, zn_put_result want) {
  zn_put_result what;
  int64_t id = 0;
  int rc = zn_store_put_json(st, json, strlen(json), NULL, &what, &id);
  if (rc != ZN_OK)
    fail_msg("put %s: %s", json, zn_store_errmsg(st));
  assert_int_equal(what, want);
  return id;
}

/* The ids a query finds, sorted, as "1 3 4" (or "" for none). */
static const char *ids(zn_store *st, const char *q) {
  static char out[4096];
  zn_search_opts o;
  zn_hits h;
  int64_t v[1024];
  size_t n = 0;
  memset(&o, 0, sizeof o);
  o.limit = 1000;
  int rc = zn_store_search(st, q, &o, &h);
  if (rc != ZN_OK)
    fail_msg("search %s: %s", q, zn_store_errmsg(st));
  for (size_t i = 0; i < h.n && n < N_ELEMS(v); i++)
    v[n++] = h.items[i].id;
  zn_hits_free(&h);
  for (size_t i = 1; i < n; i++) {
    for (size_t j = i; j > 0 && v[j - 1] > v[j]; j--) {
      int64_t t = v[j];
      v[j] = v[j - 1];
      v[j - 1] = t;
    }
  }
  out[0] = '\0';
  for (size_t i = 0; i < n; i++) {
    size_t len = strlen(out);
    snprintf(out + len, sizeof out - len, "%s%lld", i ? " " : "",
             (long long)v[i]);
  }
  return out;
}

struct toks {
  char s[4096];
  int pos;
};

static int on_tok(void *ctx, int tflags, const char *tok, int ntok, int start,
                  int end) {
  struct toks *t = ctx;
  size_t len = strlen(t->s);
  if (!(tflags & FTS5_TOKEN_COLOCATED))
    t->pos++;
  snprintf(t->s + len, sizeof t->s - len, "%s%d:%.*s@%d-%d", len ? " " : "",
           t->pos - 1, ntok, tok, start, end);
  return SQLITE_OK;
}

static const char *tokens(int flags, const char *text) {
  static struct toks t;
  memset(&t, 0, sizeof t);
  assert_int_equal(
      zn__fts5_tokenize(flags, text, (int)strlen(text), on_tok, &t), SQLITE_OK);
  return t.s;
}

/* ------------------------------------------------------------ tokenizer */

static void test_tokens(void **state) {
  static const struct {
    int flags;
    const char *text;
    const char *want; /* position:token@start-end */
  } cases[] = {
      /* 1. Documents: one position a Han character, the bigram with its
       *    neighbour, else the character alone (end of a run). */
      {FTS5_TOKENIZE_DOCUMENT, "国歌", "0:国歌@0-6 1:歌@3-6"},
      {FTS5_TOKENIZE_DOCUMENT, "国，歌",
       "0:国@0-3 1:歌@6-9"}, /* punctuation breaks the bigram */
      {FTS5_TOKENIZE_DOCUMENT, "国 歌", "0:国@0-3 1:歌@4-7"},
      {FTS5_TOKENIZE_DOCUMENT, "iPhone15发布",
       "0:iphone15@0-8 1:发布@8-14 2:布@11-14"},
      {FTS5_TOKENIZE_DOCUMENT, "ＧＤＰ增长５％",
       "0:gdp@0-9 1:增长@9-15 2:长@12-15 3:5@15-18"},
      {FTS5_TOKENIZE_DOCUMENT, "國務院", "0:国务@0-6 1:务院@3-9 2:院@6-9"},
      {FTS5_TOKENIZE_DOCUMENT, "", ""},
      {FTS5_TOKENIZE_DOCUMENT, "，。！ ", ""},
      {FTS5_TOKENIZE_DOCUMENT, "\xff国", "0:国@1-4"},
      /* 2. Queries: the run's bigrams; its last character only when
       *    tokens follow or it is alone. */
      {FTS5_TOKENIZE_QUERY, "国歌", "0:国歌@0-6"},
      {FTS5_TOKENIZE_QUERY, "中华人民", "0:中华@0-6 1:华人@3-9 2:人民@6-12"},
      {FTS5_TOKENIZE_QUERY, "国", "0:国@0-3"},
      {FTS5_TOKENIZE_QUERY, "国家a", "0:国家@0-6 1:家@3-6 2:a@6-7"},
      {FTS5_TOKENIZE_QUERY, "a国家", "0:a@0-1 1:国家@1-7"},
      {FTS5_TOKENIZE_QUERY, "國務院", "0:国务@0-6 1:务院@3-9"},
  };
  (void)state;
  for (size_t i = 0; i < N_ELEMS(cases); i++) {
    const char *got = tokens(cases[i].flags, cases[i].text);
    if (strcmp(got, cases[i].want) != 0)
      fail_msg("case %zu (%s): got '%s', want '%s'", i + 1, cases[i].text, got,
               cases[i].want);
  }
}

static void test_fold(void **state) {
  zn_buf b;
  (void)state;
  zn_buf_init(&b, 0);
  assert_int_equal(
      zn_store_fold("國務院ＡＢＣ１２３Xy", strlen("國務院ＡＢＣ１２３Xy"), &b),
      ZN_OK);
  assert_string_equal(b.data, "国务院abc123xy");
  zn_buf_reset(&b);
  assert_int_equal(zn_store_fold("\xff", 1, &b), ZN_OK);
  assert_string_equal(b.data, "\xEF\xBF\xBD");
  zn_buf_free(&b);
}

/* --------------------------------------------------- substring semantics */

static void test_substring_exact(void **state) {
  zn_store *st = open_fresh("exact.db");
  (void)state;
  put(st,
      "{\"url\":\"u:1\",\"title\":\"中华人民共和国成立\","
      "\"paragraphs\":[\"会上唱起了歌。\"]}",
      ZN_PUT_ADDED);
  put(st,
      "{\"url\":\"u:2\",\"title\":\"学唱中华人民共和国国歌\","
      "\"paragraphs\":[\"同学们齐声合唱。\"]}",
      ZN_PUT_ADDED);
  put(st,
      "{\"url\":\"u:3\",\"title\":\"调研\","
      "\"paragraphs\":[\"李强调研时指出，要稳增长。\"]}",
      ZN_PUT_ADDED);
  put(st,
      "{\"url\":\"u:4\",\"title\":\"國務院總理李強會見外賓\","
      "\"paragraphs\":[\"GDP增长5.2%。\"]}",
      ZN_PUT_ADDED);
  /* 国歌 is in 2 only: 1 has 国 and 歌, never side by side. */
  assert_string_equal(ids(st, "\"国歌\""), "2");
  assert_string_equal(ids(st, "国歌"), "2");
  /* 国国 is a substring of 中华人民共和国国歌 (2), not of 1. */
  assert_string_equal(ids(st, "\"国国\""), "2");
  /* 李强 inside 李强调研 (a segmenter says 李/强调) and in traditional. */
  assert_string_equal(ids(st, "\"李强\""), "3 4");
  assert_string_equal(ids(st, "\"强调\""), "3");
  assert_string_equal(ids(st, "\"國務院\""), "4");
  assert_string_equal(ids(st, "\"国务院总理\""), "4");
  assert_string_equal(ids(st, "\"国务院 总理\""), "4");
  assert_string_equal(ids(st, "ＧＤＰ"), "4");
  assert_string_equal(ids(st, "gdp"), "4");
  assert_string_equal(ids(st, "\"5.2%\""), "4");
  /* A lone character is found wherever it is (as a prefix of bigrams). */
  assert_string_equal(ids(st, "歌"), "1 2");
  assert_string_equal(ids(st, "\"唱\""), "1 2");
  /* Cross-field and cross-paragraph text never joins. */
  assert_string_equal(ids(st, "\"成立会上\""), "");
  /* Operators. */
  assert_string_equal(ids(st, "国歌 OR 强调"), "2 3");
  assert_string_equal(ids(st, "中华 -国歌"), "1");
  assert_string_equal(ids(st, "中华 NOT 国歌"), "1");
  assert_string_equal(ids(st, "李强 调研"), "3");
  zn_store_close(st);
}

/* The snippet marks exactly what was searched for (zhnews_snippet). */
static const char *snippet_of(zn_store *st, const char *q) {
  static char out[1024];
  zn_hits h;
  assert_int_equal(zn_store_search(st, q, NULL, &h), ZN_OK);
  assert_true(h.n >= 1);
  snprintf(out, sizeof out, "%s", h.items[0].snippet);
  zn_hits_free(&h);
  return out;
}

static void test_snippet(void **state) {
  zn_store *st = open_fresh("snippet.db");
  (void)state;
  put(st,
      "{\"url\":\"u:1\",\"title\":\"调研\",\"paragraphs\":[\"昨天，李强调研时"
      "指出，要稳增长。\",\"第二段。\"]}",
      ZN_PUT_ADDED);
  put(st,
      "{\"url\":\"u:2\",\"title\":\"國務院會議\",\"paragraphs\":[\"國務院"
      "總理主持會議，GDP增长，appgdp不算。\"]}",
      ZN_PUT_ADDED);
  assert_string_equal(snippet_of(st, "\"李强\""),
                      "昨天，[李强]调研时指出，要稳增长。 第二段。");
  assert_string_equal(snippet_of(st, "国务院"),
                      "[國務院]總理主持會議，GDP增长，appgdp不算。");
  assert_string_equal(snippet_of(st, "gdp"),
                      "國務院總理主持會議，[GDP]增长，appgdp不算。");
  assert_string_equal(snippet_of(st, "\"稳\""),
                      "昨天，李强调研时指出，要[稳]增长。 第二段。");
  zn_store_close(st);
}

/* ---------------------------------------------------------- re-putting */

static void test_reindex(void **state) {
  zn_store *st = open_fresh("reindex.db");
  int64_t id1, id2;
  zn_buf b;
  (void)state;
  id1 = put(
      st, "{\"url\":\"u:1\",\"title\":\"旧标题\",\"paragraphs\":[\"正文。\"]}",
      ZN_PUT_ADDED);
  id2 = put(
      st, "{\"url\":\"u:1\",\"title\":\"旧标题\",\"paragraphs\":[\"正文。\"]}",
      ZN_PUT_UNCHANGED);
  assert_int_equal(id1, id2);
  id2 = put(
      st, "{\"url\":\"u:1\",\"title\":\"新标题\",\"paragraphs\":[\"正文。\"]}",
      ZN_PUT_UPDATED);
  assert_int_equal(id1, id2);
  assert_string_equal(ids(st, "旧标题"), "");
  assert_string_equal(ids(st, "新标题"), "1");
  /* No url: the content hash is the identity. */
  id1 = put(st, "{\"title\":\"无网址\",\"paragraphs\":[\"甲乙丙。\"]}",
            ZN_PUT_ADDED);
  id2 = put(st, "{\"title\":\"无网址\",\"paragraphs\":[\"甲乙丙。\"]}",
            ZN_PUT_UNCHANGED);
  assert_int_equal(id1, id2);
  assert_string_equal(ids(st, "甲乙丙"), "2");
  /* Batches: a rolled-back batch leaves nothing. */
  assert_int_equal(zn_store_begin(st), ZN_OK);
  put(st, "{\"url\":\"u:9\",\"title\":\"回滚\",\"paragraphs\":[\"不留。\"]}",
      ZN_PUT_ADDED);
  assert_int_equal(zn_store_rollback(st), ZN_OK);
  assert_string_equal(ids(st, "回滚"), "");
  assert_int_equal(zn_store_commit(st), ZN_EINVAL);
  zn_buf_init(&b, 0);
  assert_int_equal(zn_store_stats_json(st, 5, 0, &b), ZN_OK);
  assert_non_null(strstr(b.data, "\"documents\":2"));
  zn_buf_free(&b);
  /* Bad records are refused by name. */
  {
    zn_put_result w;
    const char *bad = "{\"title\": 5}";
    assert_int_equal(zn_store_put_json(st, bad, strlen(bad), NULL, &w, NULL),
                     ZN_EFORMAT);
    assert_non_null(strstr(zn_store_errmsg(st), "title"));
    bad = "{\"url\": \"x\"}";
    assert_int_equal(zn_store_put_json(st, bad, strlen(bad), NULL, &w, NULL),
                     ZN_EINVAL);
    bad = "{not json";
    assert_int_equal(zn_store_put_json(st, bad, strlen(bad), NULL, &w, NULL),
                     ZN_EFORMAT);
  }
  zn_store_close(st);
}

/* ---------------------------------------------------- filters, entities */

/* FTS5's own check that the index holds exactly the documents' text. */
static void fts_integrity(const char *name) {
  char path[512];
  sqlite3 *db = NULL;
  const char *why = "";
  char *e = NULL;
  snprintf(path, sizeof path, "%s/%s", g_dir, name);
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  assert_int_equal(zn__zhnews_register(db, &why), SQLITE_OK);
  if (sqlite3_exec(db, "INSERT INTO fts(fts) VALUES('integrity-check')", NULL,
                   NULL, &e) != SQLITE_OK)
    fail_msg("integrity-check: %s", e != NULL ? e : "?");
  sqlite3_close(db);
}

/* A batch indexes its new documents' text at commit (store.c): re-puts of
 * pending and of already indexed documents, a search inside the batch, a
 * rollback, and the index stays exact. */
static void test_batch_index(void **state) {
  zn_store *st = open_fresh("batch.db");
  int64_t a;
  int64_t b;
  int64_t c;
  (void)state;
  assert_int_equal(zn_store_begin(st), ZN_OK);
  a = put(st, "{\"url\":\"u:a\",\"title\":\"第一稿\",\"paragraphs\":[]}",
          ZN_PUT_ADDED);
  b = put(st, "{\"url\":\"u:b\",\"title\":\"丙丁\",\"paragraphs\":[]}",
          ZN_PUT_ADDED);
  /* Pending and re-put: indexed once, with the new text. */
  put(st, "{\"url\":\"u:b\",\"title\":\"庚辛\",\"paragraphs\":[]}",
      ZN_PUT_UPDATED);
  /* A search inside the batch finds the batch's documents. */
  assert_string_equal(ids(st, "第一稿"), "1");
  assert_string_equal(ids(st, "丙丁"), "");
  assert_string_equal(ids(st, "庚辛"), "2");
  /* Indexed by that search, then re-put: out of the index and in again. */
  put(st, "{\"url\":\"u:a\",\"title\":\"第二稿\",\"paragraphs\":[]}",
      ZN_PUT_UPDATED);
  c = put(st, "{\"url\":\"u:c\",\"title\":\"戊己\",\"paragraphs\":[]}",
          ZN_PUT_ADDED);
  put(st, "{\"url\":\"u:c\",\"title\":\"戊己\",\"paragraphs\":[]}",
      ZN_PUT_UNCHANGED);
  assert_int_equal(zn_store_commit(st), ZN_OK);
  assert_int_equal(a, 1);
  assert_int_equal(b, 2);
  assert_int_equal(c, 3);
  assert_string_equal(ids(st, "第一稿"), "");
  assert_string_equal(ids(st, "第二稿"), "1");
  assert_string_equal(ids(st, "庚辛"), "2");
  assert_string_equal(ids(st, "戊己"), "3");
  fts_integrity("batch.db");
  /* A rolled-back batch leaves nothing pending behind. */
  assert_int_equal(zn_store_begin(st), ZN_OK);
  put(st, "{\"url\":\"u:c\",\"title\":\"壬癸\",\"paragraphs\":[]}",
      ZN_PUT_UPDATED);
  put(st, "{\"url\":\"u:d\",\"title\":\"子丑\",\"paragraphs\":[]}",
      ZN_PUT_ADDED);
  assert_int_equal(zn_store_rollback(st), ZN_OK);
  assert_int_equal(zn_store_begin(st), ZN_OK);
  put(st, "{\"url\":\"u:e\",\"title\":\"寅卯\",\"paragraphs\":[]}",
      ZN_PUT_ADDED);
  assert_int_equal(zn_store_commit(st), ZN_OK);
  assert_string_equal(ids(st, "戊己"), "3");
  assert_string_equal(ids(st, "壬癸"), "");
  assert_string_equal(ids(st, "子丑"), "");
  assert_string_equal(ids(st, "寅卯"), "4");
  /* Outside a batch a put is indexed at once. */
  put(st, "{\"url\":\"u:f\",\"title\":\"辰巳\",\"paragraphs\":[]}",
      ZN_PUT_ADDED);
  assert_string_equal(ids(st, "辰巳"), "5");
  zn_store_close(st);
  fts_integrity("batch.db");
}

/* The analysis column of document id, as stored. */
static char *stored_analysis(const char *name, int64_t id) {
  char path[512];
  sqlite3 *db = NULL;
  sqlite3_stmt *s = NULL;
  char *out = NULL;
  snprintf(path, sizeof path, "%s/%s", g_dir, name);
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_prepare_v2(db,
                                      "SELECT analysis FROM documents"
                                      " WHERE id = ?1",
                                      -1, &s, NULL),
                   SQLITE_OK);
  sqlite3_bind_int64(s, 1, id);
  assert_int_equal(sqlite3_step(s), SQLITE_ROW);
  if (sqlite3_column_text(s, 0) != NULL)
    out = strdup((const char *)sqlite3_column_text(s, 0));
  sqlite3_finalize(s);
  sqlite3_close(db);
  return out;
}

/* A Document's analysis is found without parsing the record twice when
 * its key can be (store.c find_analysis); whatever the layout, the column
 * holds what jansson makes of the whole record's "analysis". */
static void test_put_document_analysis(void **state) {
  static const char *const docs[] = {
      "{\"title\":\"甲\",\"analysis\":{\"seg_mode\":\"fast\","
      "\"keywords\":[{\"term\":\"a\\\"}]\",\"weight\":0.5}]}}",
      " { \"analysis\" :\n {\"x\": [1, 2.50, -0, 1e2, true, null],"
      " \"y\": \"\\u56fd\\/\"} ,\n \"title\" : \"乙\" } ",
      "{\"title\":\"丙 \\\"analysis\\\": {\",\"paragraphs\":[\"analysis\"],"
      "\"analysis\":{\"entities\":[{\"name\":\"李强\",\"type\":\"person\","
      "\"count\":2,\"posts\":[\"总理\"]}]}}",
      /* A key with an escape: the whole record is parsed again. */
      "{\"title\":\"丁\",\"\\u0061nalysis\":{\"k\":1},"
      "\"paragraphs\":[\"analysis\"]}",
      "{\"title\":\"戊\",\"analysis\":null}",
      "{\"title\":\"己\",\"paragraphs\":[\"\\\"analysis\\\":{}\"]}",
      "{\"title\":\"庚\",\"analysis\":{}}",
      /* Written as jansson writes it: stored as it is. */
      "{\"title\":\"辛\",\"analysis\":{\"w\":0.5,\"x\":100.0,\"y\":1e20,"
      "\"z\":-3,\"t\":true,\"n\":null,\"s\":\"a\\\"b\\\\c\\nd/\","
      "\"e\":[],\"o\":{}}}",
      /* Not so: parsed and written again. */
      "{\"title\":\"壬\",\"analysis\":{\"w\":0.50}}",
      "{\"title\":\"壬\",\"analysis\":{\"w\":1E2,\"v\":1e+20}}",
      "{\"title\":\"壬\",\"analysis\":{\"w\":-0,\"v\":-0.0}}",
      "{\"title\":\"壬\",\"analysis\":{\"s\":\"\\u56fd\\/\\u001f\"}}",
      "{\"title\":\"壬\",\"analysis\":{\"s\": 1}}",
      "{\"title\":\"壬\",\"analysis\":[1,2]}",
      "{\"title\":\"壬\",\"analysis\":\"x\"}",
      /* Entities found alone, or not (a key with an escape before). */
      "{\"title\":\"癸\",\"analysis\":{\"entities\":[{\"name\":\"李强\","
      "\"type\":\"person\",\"count\":2,\"posts\":[\"总理\"]}]}}",
      "{\"title\":\"子\",\"analysis\":{\"a\\\"b\":1,\"entities\":[{\"name\":"
      "\"李强\",\"type\":\"person\",\"count\":2,\"posts\":[\"总理\"]}]}}",
      "{\"title\":\"丑\",\"analysis\":{\"entities\": [{\"name\":\"李强\","
      "\"type\":\"person\",\"count\":2,\"posts\":[\"总理\"]}]}}",
  };
  zn_store *st = open_fresh("docanalysis.db");
  (void)state;
  for (size_t i = 0; i < N_ELEMS(docs); i++) {
    json_t *o = json_loads(docs[i], 0, NULL);
    json_t *want_j;
    char *want = NULL;
    char *got;
    zn_put_result what;
    int64_t id = 0;
    int rc;
    assert_non_null(o);
    want_j = json_object_get(o, "analysis");
    if (want_j != NULL && !json_is_null(want_j))
      want = json_dumps(want_j, JSON_COMPACT | JSON_PRESERVE_ORDER |
                                    JSON_REAL_PRECISION(15));
    rc = zn_store_put_json(st, docs[i], strlen(docs[i]), NULL, &what, &id);
    if (want_j != NULL && !json_is_object(want_j) && !json_is_array(want_j) &&
        !json_is_null(want_j)) {
      /* A scalar: refused as before (json_dumps does not write one). */
      assert_int_not_equal(rc, ZN_OK);
      json_decref(o);
      free(want);
      continue;
    }
    if (rc != ZN_OK)
      fail_msg("put %zu: %s", i, zn_store_errmsg(st));
    got = stored_analysis("docanalysis.db", id);
    if (want == NULL ? got != NULL : got == NULL || strcmp(want, got) != 0)
      fail_msg("case %zu: stored %s, want %s", i, got ? got : "NULL",
               want ? want : "NULL");
    free(got);
    free(want);
    json_decref(o);
  }
  zn_store_close(st);
  /* The three ways to the entity rows give the same rows. */
  {
    char path[512];
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    int n = 0;
    snprintf(path, sizeof path, "%s/docanalysis.db", g_dir);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(
        sqlite3_prepare_v2(db,
                           "SELECT type, name, count, posts FROM entities"
                           " JOIN documents d ON d.id = doc_id"
                           " WHERE d.title IN ('癸', '子', '丑')",
                           -1, &s, NULL),
        SQLITE_OK);
    while (sqlite3_step(s) == SQLITE_ROW) {
      assert_string_equal(sqlite3_column_text(s, 0), "person");
      assert_string_equal(sqlite3_column_text(s, 1), "李强");
      assert_int_equal(sqlite3_column_int(s, 2), 2);
      assert_string_equal(sqlite3_column_text(s, 3), "[\"总理\"]");
      n++;
    }
    assert_int_equal(n, 3);
    sqlite3_finalize(s);
    sqlite3_close(db);
  }
}

static void test_filters(void **state) {
  zn_store *st = open_fresh("filters.db");
  zn_search_opts o;
  zn_hits h;
  zn_buf b;
  (void)state;
  put(st,
      "{\"url\":\"u:1\",\"title\":\"会议召开\",\"published\":\"2023-06-04\","
      "\"source\":\"新华社\",\"paragraphs\":[\"李强主持会议。\"],"
      "\"analysis\":{\"entities\":[{\"name\":\"李强\",\"type\":\"person\","
      "\"count\":1,\"posts\":[\"总理\"]},{\"name\":\"北京\",\"type\":"
      "\"place\",\"count\":2}]}}",
      ZN_PUT_ADDED);
  put(st,
      "{\"url\":\"u:2\",\"title\":\"会议闭幕\",\"published\":\"2024-01-02\","
      "\"source\":\"人民日报\",\"paragraphs\":[\"会议闭幕。\"]}",
      ZN_PUT_ADDED);
  memset(&o, 0, sizeof o);
  o.since = "2024";
  assert_int_equal(zn_store_search(st, "会议", &o, &h), ZN_OK);
  assert_int_equal(h.n, 1);
  assert_int_equal(h.items[0].id, 2);
  assert_non_null(strstr(h.items[0].snippet, "[会议]"));
  zn_hits_free(&h);
  memset(&o, 0, sizeof o);
  o.until = "2023-06";
  assert_int_equal(zn_store_search(st, "会议", &o, &h), ZN_OK);
  assert_int_equal(h.n, 1);
  assert_int_equal(h.items[0].id, 1);
  zn_hits_free(&h);
  memset(&o, 0, sizeof o);
  o.source = "人民日报";
  assert_int_equal(zn_store_search(st, "会议", &o, &h), ZN_OK);
  assert_int_equal(h.n, 1);
  assert_int_equal(h.items[0].id, 2);
  zn_hits_free(&h);
  memset(&o, 0, sizeof o);
  o.person = "李强";
  assert_int_equal(zn_store_search(st, "会议", &o, &h), ZN_OK);
  assert_int_equal(h.n, 1);
  assert_int_equal(h.items[0].id, 1);
  zn_hits_free(&h);
  memset(&o, 0, sizeof o);
  o.since = "June";
  assert_int_equal(zn_store_search(st, "会议", &o, &h), ZN_EINVAL);
  zn_buf_init(&b, 0);
  assert_int_equal(zn_store_stats_json(st, 5, 0, &b), ZN_OK);
  assert_non_null(strstr(b.data, "李强"));
  assert_non_null(strstr(b.data, "2023-06"));
  zn_buf_reset(&b);
  assert_int_equal(zn_store_get_json(st, 1, 0, &b), ZN_OK);
  assert_non_null(strstr(b.data, "\"posts\":[\"总理\"]"));
  assert_non_null(strstr(b.data, "\"paragraphs\":[\"李强主持会议。\"]"));
  zn_buf_reset(&b);
  assert_int_equal(zn_store_get_json(st, 99, 0, &b), ZN_ENOENT);
  zn_buf_free(&b);
  zn_store_close(st);
}

/* ------------------------------------------------------- query syntax */

static void test_query_syntax(void **state) {
  static const struct {
    const char *q;
    const char *fts; /* NULL: only check that it never errs */
  } cases[] = {
      {"李强", "(\"李强\")"},
      {"\"李强 调研\"", "(\"李强调研\")"},
      {"a OR b", "(\"a\" OR \"b\")"},
      {"a b -c", "(\"a\") AND (\"b\") NOT (\"c\")"},
      {"a NOT c", "(\"a\") NOT (\"c\")"},
      {"歌", "(\"歌\"*)"},
      {"say \"hi", "(\"say\") AND (\"hi\")"},
      {"x\"y\"\"z", NULL},
      {"OR", ""},
      {"-", ""},
      {"*", ""},
      {":", ""},
      {"title:x", "(\"title:x\")"},
      {"NEAR(a b)", NULL},
      {"^a", "(\"^a\")"},
      {"a OR", "(\"a\")"},
      {"OR a", "(\"a\")"},
      {"-a", ""},
      {"\"", ""},
      {"\"\"\"\"", ""},
      {"a AND AND b", "(\"a\") AND (\"b\")"},
      {"((", ""},
      {"\xff\xfe", ""},
      {"a\\\"b", NULL},
      {"“李强”", "(\"李强\")"},
      {"'", ""},
      {"+", ""},
      {"{a}", NULL},
      {"a:b:c*^", NULL},
  };
  zn_store *st = open_fresh("syntax.db");
  zn_buf b;
  (void)state;
  put(st, "{\"url\":\"u:1\",\"title\":\"a b c\",\"paragraphs\":[\"李强。\"]}",
      ZN_PUT_ADDED);
  zn_buf_init(&b, 0);
  for (size_t i = 0; i < N_ELEMS(cases); i++) {
    zn_hits h;
    zn_buf_reset(&b);
    assert_int_equal(zn_store_query_to_fts(cases[i].q, NULL, &b), ZN_OK);
    if (cases[i].fts != NULL &&
        strcmp(b.data != NULL ? b.data : "", cases[i].fts) != 0)
      fail_msg("case %zu (%s): got '%s', want '%s'", i + 1, cases[i].q,
               b.data != NULL ? b.data : "", cases[i].fts);
    if (zn_store_search(st, cases[i].q, NULL, &h) != ZN_OK)
      fail_msg("case %zu (%s): %s", i + 1, cases[i].q, zn_store_errmsg(st));
    zn_hits_free(&h);
  }
  {
    char big[ZN_MAX_QUERY_LEN + 2];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    zn_buf_reset(&b);
    assert_int_equal(zn_store_query_to_fts(big, NULL, &b), ZN_ETOOBIG);
  }
  zn_buf_free(&b);
  zn_store_close(st);
}

/* Unquoted Chinese is split into words with the lexicon; one-character
 * words that stand side by side stay one phrase; traditional spellings
 * split as their simplified forms. */
static void test_query_words(void **state) {
  static const struct {
    const char *q;
    const char *fts;
  } cases[] = {
      {"国务院总理李强", "((\"国务院\" AND \"总理\" AND \"李强\"))"},
      {"國務院", "((\"国务院\"))"},
      {"雄安 书房", "((\"雄安\")) AND ((\"书房\"))"},
      {"\"国务院总理\"", "(\"国务院总理\")"},
      {"iPhone15发布会", "((\"iphone15\" AND \"发布会\"))"},
  };
  const char *path = getenv("ZHNEWS_LEXICON");
  zn_lexicon *lex = NULL;
  zn_seg *seg = NULL;
  zn_buf b;
  char err[256];
  (void)state;
  if (path == NULL) {
    print_message("skipped: ZHNEWS_LEXICON is not set\n");
    return;
  }
  assert_int_equal(zn_lexicon_open(path, &lex, err, sizeof err), ZN_OK);
  assert_int_equal(zn_seg_new(lex, &seg), ZN_OK);
  zn_buf_init(&b, 0);
  for (size_t i = 0; i < N_ELEMS(cases); i++) {
    zn_buf_reset(&b);
    assert_int_equal(zn_store_query_to_fts(cases[i].q, seg, &b), ZN_OK);
    if (strcmp(b.data, cases[i].fts) != 0)
      fail_msg("case %zu (%s): got '%s', want '%s'", i + 1, cases[i].q, b.data,
               cases[i].fts);
  }
  zn_buf_free(&b);
  zn_seg_free(seg);
  zn_lexicon_close(lex);
}

/* ------------------------------------------------------------ never miss */

/* Pages written for the check: names, places, traditional text, numbers,
 * Latin, punctuation in odd places, a run over a line break. */
static const char *const k_pages[] = {
    "{\"url\":\"t:1\",\"title\":\"国务院总理李强主持召开国务院常务会议\","
    "\"subtitles\":[\"研究部署稳经济措施\"],\"paragraphs\":[\"会议指出，"
    "今年以来，我国经济运行总体回升向好。\",\"会议强调，要加大宏观政策"
    "调控力度，着力扩大内需。\"]}",
    "{\"url\":\"t:2\",\"title\":\"中華人民共和國國歌\",\"paragraphs\":"
    "[\"起來！不願做奴隸的人們！把我們的血肉，築成我們新的長城！\"]}",
    "{\"url\":\"t:3\",\"title\":\"iPhone15发布会在加州举行\",\"paragraphs\":"
    "[\"苹果公司于9月12日发布iPhone 15系列，售价5999元起。\",\"分析人士"
    "认为，ＡＩ功能是亮点。\"]}",
    "{\"url\":\"t:4\",\"title\":\"雄安新区首批城市书房开放\",\"paragraphs\":"
    "[\"居民凭身份证或社保卡即可借阅，实行全天候开放。\",\"城市书房\\n"
    "开放时间延长。\"]}",
};

struct doc {
  char *text; /* folded title, subtitles and body, fields on lines */
};

static uint64_t g_rng = 88172645463325252u;
static uint64_t rnd(void) {
  g_rng ^= g_rng << 13;
  g_rng ^= g_rng >> 7;
  g_rng ^= g_rng << 17;
  return g_rng;
}

/* Reads the stored fields of every document back and folds them: title,
 * each subtitle and each paragraph on a line of its own, so no substring
 * spans two of them (nor does a search). */
static size_t load_docs(zn_store *st, struct doc *docs, size_t max) {
  size_t n = 0;
  for (int64_t id = 1; n < max; id++) {
    static const char *const keys[] = {"title", "subtitles", "paragraphs"};
    zn_buf j;
    zn_buf f;
    json_t *o;
    zn_buf_init(&j, 0);
    if (zn_store_get_json(st, id, 0, &j) != ZN_OK) {
      zn_buf_free(&j);
      break;
    }
    o = json_loadb(j.data, j.len, 0, NULL);
    assert_non_null(o);
    zn_buf_init(&f, 0);
    for (size_t k = 0; k < N_ELEMS(keys); k++) {
      json_t *v = json_object_get(o, keys[k]);
      json_t *e;
      size_t i;
      if (json_is_string(v)) {
        zn_store_fold(json_string_value(v), json_string_length(v), &f);
        zn_buf_append_byte(&f, '\n');
      }
      json_array_foreach(v, i, e) {
        zn_store_fold(json_string_value(e), json_string_length(e), &f);
        zn_buf_append_byte(&f, '\n');
      }
    }
    json_decref(o);
    docs[n++].text = zn_buf_detach(&f, NULL);
    zn_buf_free(&j);
  }
  return n;
}

/* A random Han substring of 2..6 characters from a random document. */
static bool draw(struct doc *docs, size_t n, char *out, size_t cap) {
  const char *t = docs[rnd() % n].text;
  size_t len = strlen(t);
  size_t start = rnd() % (len ? len : 1);
  size_t want = 2 + rnd() % 5;
  size_t i = start;
  size_t k = 0;
  int32_t cp;
  /* Find the start of a Han character at or after start. */
  while (i < len && (((unsigned char)t[i] & 0xC0) == 0x80))
    i++;
  while (i < len) {
    int l = zn__utf8_decode_inl((const unsigned char *)t + i, len - i, &cp);
    if (cp >= 0 && zn__is_han(cp))
      break;
    i += (size_t)l;
  }
  start = i;
  while (i < len && k < want) {
    int l = zn__utf8_decode_inl((const unsigned char *)t + i, len - i, &cp);
    if (cp < 0 || !zn__is_han(cp))
      break;
    i += (size_t)l;
    k++;
  }
  if (k < 2 || i - start + 3 > cap)
    return false;
  out[0] = '"';
  memcpy(out + 1, t + start, i - start);
  out[i - start + 1] = '"';
  out[i - start + 2] = '\0';
  return true;
}

static void test_never_miss(void **state) {
  static const char *const samples[] = {"01_xinhua.txt",  "02_people.txt",
                                        "04_gmw.txt",     "09_hebei.txt",
                                        "13_stdaily.txt", "example-news.html"};
  zn_store *st = open_fresh("miss.db");
  zn_extractor *ex = NULL;
  struct doc docs[64];
  size_t n;
  size_t checked = 0;
  size_t pairs = 0;
  (void)state;
  assert_int_equal(zn_extractor_new(&ex), ZN_OK);
  for (size_t i = 0; i < N_ELEMS(samples); i++) {
    char path[512];
    FILE *f;
    static char data[1 << 20];
    size_t len;
    zn_article *a = NULL;
    snprintf(path, sizeof path, "%s/samples/%s", ZN_SOURCE_DIR, samples[i]);
    f = fopen(path, "rb");
    assert_non_null(f);
    len = fread(data, 1, sizeof data, f);
    fclose(f);
    assert_int_equal(zn_extract(ex, data, len, &a), ZN_OK);
    assert_int_equal(zn_store_put(st, a, NULL, NULL, NULL), ZN_OK);
    zn_article_free(a);
  }
  zn_extractor_free(ex);
  for (size_t i = 0; i < N_ELEMS(k_pages); i++)
    put(st, k_pages[i], ZN_PUT_ADDED);
  n = load_docs(st, docs, N_ELEMS(docs));
  assert_int_equal(n, N_ELEMS(samples) + N_ELEMS(k_pages));
  for (int q = 0; q < 5000 && checked < 400; q++) {
    char query[64];
    char want[256] = "";
    zn_buf fq;
    if (!draw(docs, n, query, sizeof query))
      continue;
    zn_buf_init(&fq, 0);
    zn_store_fold(query + 1, strlen(query) - 2, &fq);
    for (size_t d = 0; d < n; d++) {
      if (strstr(docs[d].text, fq.data) != NULL) {
        size_t len = strlen(want);
        snprintf(want + len, sizeof want - len, "%s%zu", len ? " " : "", d + 1);
        pairs++;
      }
    }
    zn_buf_free(&fq);
    if (strcmp(ids(st, query), want) != 0)
      fail_msg("%s: found '%s', a scan finds '%s'", query, ids(st, query),
               want);
    checked++;
  }
  assert_true(checked >= 400);
  print_message("never miss: %zu substrings, %zu (query, document) pairs, "
                "all exact\n",
                checked, pairs);
  for (size_t d = 0; d < n; d++)
    zn_free(docs[d].text);
  zn_store_close(st);
}

/* ----------------------------------------------- allocation failures */

/* Fails the 1st, 2nd, ... allocation of a query translation and of a
 * search in turn: each must come back as ZN_ENOMEM with nothing leaked
 * (ASan checks).  SQLite's own allocations are not ours to fail. */
static void test_oom(void **state) {
  zn_store *st = open_fresh("oom.db");
  const char *q = "国务院 OR \"李强\" -歌 iPhone";
  int n_ok = 0;
  (void)state;
  put(st,
      "{\"url\":\"u:1\",\"title\":\"国务院 "
      "iPhone\",\"paragraphs\":[\"李强。\"]}",
      ZN_PUT_ADDED);
  assert_int_equal(zn_replace_allocator(failing_malloc, failing_realloc, free),
                   ZN_OK);
  for (fail_at = 1; fail_at < 500; fail_at++) {
    zn_buf b;
    zn_hits h;
    int rc;
    n_calls = 0;
    zn_buf_init(&b, 0);
    rc = zn_store_query_to_fts(q, NULL, &b);
    zn_buf_free(&b);
    if (rc != ZN_OK) {
      assert_int_equal(rc, ZN_ENOMEM);
      continue;
    }
    rc = zn_store_search(st, q, NULL, &h);
    if (rc == ZN_OK) {
      assert_int_equal(h.n, 1);
      zn_hits_free(&h);
      n_ok++;
      break;
    }
    assert_int_equal(rc, ZN_ENOMEM);
    assert_int_equal(h.n, 0);
  }
  fail_at = 0;
  assert_int_equal(zn_replace_allocator(NULL, NULL, NULL), ZN_OK);
  assert_int_equal(n_ok, 1);
  zn_store_close(st);
}

/* ------------------------------------------------------------ errors */

static void test_open_errors(void **state) {
  zn_store *st = (zn_store *)1;
  char err[256];
  char path[512];
  FILE *f;
  (void)state;
  assert_int_equal(
      zn_store_open("/nonexistent/dir/x.db", 0, NULL, &st, err, sizeof err),
      ZN_EIO);
  assert_null(st);
  snprintf(path, sizeof path, "%s/notdb.db", g_dir);
  f = fopen(path, "wb");
  assert_non_null(f);
  fputs("this is not a database, but long enough to look like a header.....",
        f);
  fclose(f);
  assert_int_equal(zn_store_open(path, 0, NULL, &st, err, sizeof err), ZN_EIO);
  assert_null(st);
  assert_int_equal(zn_store_open(path, 0x80, NULL, &st, err, sizeof err),
                   ZN_EINVAL);
  zn_store_close(NULL);
  zn_hits_free(NULL);
}

static int setup(void **state) {
  const char *tmp = getenv("TMPDIR");
  (void)state;
  snprintf(g_dir, sizeof g_dir, "%s/zn-test-store-XXXXXX",
           tmp != NULL ? tmp : "/tmp");
  return mkdtemp(g_dir) != NULL ? 0 : -1;
}

static int teardown(void **state) {
  char cmd[512];
  (void)state;
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
  return system(cmd) == 0 ? 0 : -1;
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_tokens),
      cmocka_unit_test(test_fold),
      cmocka_unit_test(test_substring_exact),
      cmocka_unit_test(test_snippet),
      cmocka_unit_test(test_reindex),
      cmocka_unit_test(test_batch_index),
      cmocka_unit_test(test_put_document_analysis),
      cmocka_unit_test(test_filters),
      cmocka_unit_test(test_query_syntax),
      cmocka_unit_test(test_query_words),
      cmocka_unit_test(test_never_miss),
      cmocka_unit_test(test_open_errors),
      cmocka_unit_test(test_oom),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
