/* SPDX-License-Identifier: MIT */
/*
 * fuzz-query.c - libFuzzer target: the search query language and the
 * zhnews tokenizer.  Invariants: any query (up to ZN_MAX_QUERY_LEN bytes)
 * translates into an FTS5 expression that FTS5 accepts, so zn_store_search
 * never fails on syntax; the tokenizer's offsets lie inside the text and
 * never go backwards; zhnews_snippet() takes any expression and text; and
 * the input, stored as a document, is found by a
 * quoted query for the first Han substring in it (never miss).
 */
#include <stdint.h>
#include <string.h>

#include <sqlite3.h>

#include "fuzz-common.h"
#include "private/utf8-inl.h"
#include "store/fold.h"
#include "store/fts5-zhnews.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static zn_store *g_st;
static zn_seg *g_seg;
static zn_lexicon *g_lex;
static sqlite3 *g_db;

struct offs {
  int len;
  int last_start;
  int n;
};

static int on_tok(void *ctx, int tflags, const char *tok, int ntok, int start,
                  int end) {
  struct offs *o = ctx;
  (void)tflags;
  (void)tok;
  ZN_FUZZ_CHECK(ntok > 0 && ntok <= 80);
  ZN_FUZZ_CHECK(start >= 0 && start < end && end <= o->len);
  ZN_FUZZ_CHECK(start >= o->last_start);
  o->last_start = start;
  o->n++;
  return SQLITE_OK;
}

static void init(void) {
  const char *why;
  char err[256];
  const char *lex = getenv("ZHNEWS_LEXICON");
  ZN_FUZZ_CHECK(zn_store_open(":memory:", 0, NULL, &g_st, err, sizeof err) ==
                ZN_OK);
  if (lex != NULL && zn_lexicon_open(lex, &g_lex, err, sizeof err) == ZN_OK)
    ZN_FUZZ_CHECK(zn_seg_new(g_lex, &g_seg) == ZN_OK);
  ZN_FUZZ_CHECK(sqlite3_open(":memory:", &g_db) == SQLITE_OK);
  ZN_FUZZ_CHECK(zn__zhnews_register(g_db, &why) == SQLITE_OK);
  ZN_FUZZ_CHECK(sqlite3_exec(g_db,
                             "CREATE VIRTUAL TABLE t USING fts5(x, "
                             "tokenize='zhnews')",
                             NULL, NULL, NULL) == SQLITE_OK);
  {
    const char *doc =
        "{\"url\":\"f:1\",\"title\":\"国务院总理李强\","
        "\"paragraphs\":[\"iPhone 15 发布。中华人民共和国国歌\"]}";
    ZN_FUZZ_CHECK(zn_store_put_json(g_st, doc, strlen(doc), NULL, NULL, NULL) ==
                  ZN_OK);
  }
}

/* The first run of 2..4 Han characters in s, or 0. */
static size_t first_han_run(const char *s, size_t len, size_t *off) {
  size_t i = 0;
  while (i < len) {
    int32_t cp;
    int k = zn__utf8_decode_inl((const unsigned char *)s + i, len - i, &cp);
    if (cp >= 0 && zn__is_han(cp)) {
      size_t j = i;
      int n = 0;
      while (j < len && n < 4) {
        int32_t c2;
        int k2 =
            zn__utf8_decode_inl((const unsigned char *)s + j, len - j, &c2);
        if (c2 < 0 || !zn__is_han(c2))
          break;
        j += (size_t)k2;
        n++;
      }
      if (n >= 2) {
        *off = i;
        return j - i;
      }
    }
    i += (size_t)k;
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *q;
  zn_buf out;
  zn_hits hits;
  int rc;
  size_t off = 0;
  size_t runlen;

  if (g_st == NULL)
    init();
  if (size > ZN_MAX_QUERY_LEN)
    size = ZN_MAX_QUERY_LEN;
  q = malloc(size + 1);
  ZN_FUZZ_CHECK(q != NULL);
  memcpy(q, data, size);
  q[size] = '\0';

  /* 1. The query language: translation and a real search never err. */
  zn_buf_init(&out, 0);
  rc = zn_store_query_to_fts(q, g_seg, &out);
  ZN_FUZZ_CHECK(rc == ZN_OK);
  zn_buf_free(&out);
  rc = zn_store_search(g_st, q, NULL, &hits);
  if (rc != ZN_OK)
    fprintf(stderr, "search failed: %s\n", zn_store_errmsg(g_st));
  ZN_FUZZ_CHECK(rc == ZN_OK);
  zn_hits_free(&hits);

  /* 2. Tokenizer offsets, document and query modes. */
  {
    size_t n = strlen(q); /* the tokenizer sees what FTS5 would */
    struct offs o = {(int)n, 0, 0};
    ZN_FUZZ_CHECK(zn__fts5_tokenize(FTS5_TOKENIZE_DOCUMENT, q, (int)n, on_tok,
                                    &o) == SQLITE_OK);
    o.last_start = 0;
    ZN_FUZZ_CHECK(zn__fts5_tokenize(FTS5_TOKENIZE_QUERY, q, (int)n, on_tok,
                                    &o) == SQLITE_OK);
  }

  /* 3. Snippets: the input as the expression and as the text. */
  {
    sqlite3_stmt *s = NULL;
    ZN_FUZZ_CHECK(sqlite3_prepare_v2(g_db,
                                     "SELECT zhnews_snippet(?1, '[', ']', 40,"
                                     " ?1, 'x')",
                                     -1, &s, NULL) == SQLITE_OK);
    sqlite3_bind_text(s, 1, q, -1, SQLITE_STATIC);
    ZN_FUZZ_CHECK(sqlite3_step(s) == SQLITE_ROW);
    ZN_FUZZ_CHECK(sqlite3_column_text(s, 0) != NULL);
    sqlite3_finalize(s);
  }

  /* 4. Never miss: the input as a document is found by its first Han
   *    substring, quoted. */
  runlen = first_han_run(q, strlen(q), &off);
  if (runlen > 0) {
    sqlite3_stmt *s = NULL;
    char phrase[32];
    int found = 0;
    snprintf(phrase, sizeof phrase, "\"%.*s\"", (int)runlen, q + off);
    ZN_FUZZ_CHECK(sqlite3_exec(g_db, "DELETE FROM t", NULL, NULL, NULL) ==
                  SQLITE_OK);
    ZN_FUZZ_CHECK(sqlite3_prepare_v2(g_db,
                                     "INSERT INTO t(rowid, x) "
                                     "VALUES(1, ?)",
                                     -1, &s, NULL) == SQLITE_OK);
    sqlite3_bind_text(s, 1, q, -1, SQLITE_STATIC);
    ZN_FUZZ_CHECK(sqlite3_step(s) == SQLITE_DONE);
    sqlite3_finalize(s);
    ZN_FUZZ_CHECK(sqlite3_prepare_v2(g_db,
                                     "SELECT rowid FROM t WHERE t "
                                     "MATCH ?",
                                     -1, &s, NULL) == SQLITE_OK);
    sqlite3_bind_text(s, 1, phrase, -1, SQLITE_STATIC);
    while (sqlite3_step(s) == SQLITE_ROW)
      found++;
    sqlite3_finalize(s);
    if (found != 1)
      fprintf(stderr, "missed %s\n", phrase);
    ZN_FUZZ_CHECK(found == 1);
  }
  free(q);
  return 0;
}
