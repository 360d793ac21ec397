/* SPDX-License-Identifier: MIT */
/*
 * test-model.c - unit tests for accurate mode (seg.h zn_model_*,
 * ZN_SEG_ACCURATE): training on a tiny in-test corpus is reproducible
 * (same seed, byte-identical file) and the model segments and tags what it
 * was trained on; user words still win; every byte is accounted for with
 * right offsets; damaged model files are refused with a clear message; the
 * corpus readers (People's Daily brackets and pinyin, SIGHAN, CoNLL-U);
 * allocation failure; and the default model ($ZHNEWS_MODEL, set by ctest
 * to the build's copy of data/model/zhnews.model) on news sentences.
 */
#include "zhnews/seg.h"

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

static zn_lexicon *g_lex;
static char g_dir[] = "/tmp/zn-model-test-XXXXXX";

/* A People's Daily style corpus: an id, word/tag tokens, a bracketed
 * compound, a pinyin mark. */
static const char k_pd[] =
    "19980101-01-001-001/m  迈向/v  充满/v  希望/n  的/u  新/a  世纪/n  "
    "——/w  一九九八年/t  新年/t  讲话/n  。/w\n"
    "19980101-01-001-002/m  [中共中央/nt  总书记/n]nt  、/w  国家/n  "
    "主席/n  江/nr  泽民/nr  发表/v  讲话/n  。/w\n"
    "19980101-01-002-001/m  我们/r  在/p  会上{shang4}/f  看到/v  了/u  "
    "新/a  的/u  希望/n  。/w\n"
    "19980101-01-002-002/m  北京/ns  大学生/n  前来/v  应聘/v  。/w\n"
    "19980101-01-003-001/m  他/r  说/v  的/u  确实/ad  在理/a  。/w\n"
    "19980101-01-003-002/m  研究/vn  生命/n  的/u  起源/n  。/w\n";

/* ------------------------------------------------------------ helpers */

static void write_file(const char *path, const char *data, size_t len) {
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(data, 1, len, f), len);
  assert_int_equal(fclose(f), 0);
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf;
  long n;
  assert_non_null(f);
  assert_int_equal(fseek(f, 0, SEEK_END), 0);
  n = ftell(f);
  assert_true(n > 0);
  rewind(f);
  buf = malloc((size_t)n);
  assert_non_null(buf);
  assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
  fclose(f);
  *len = (size_t)n;
  return buf;
}

static void path_in_dir(char *out, size_t cap, const char *name) {
  snprintf(out, cap, "%s/%s", g_dir, name);
}

/* Trains on corpus (written to a file) into out; returns the rc. */
static int train(const char *corpus, const char *out, uint64_t seed,
                 unsigned epochs, unsigned dev_percent) {
  char in[256];
  const char *inputs[1];
  zn_train_opts o;
  char err[256];
  path_in_dir(in, sizeof in, "corpus.txt");
  write_file(in, corpus, strlen(corpus));
  inputs[0] = in;
  memset(&o, 0, sizeof o);
  o.inputs = inputs;
  o.n_inputs = 1;
  o.lex = g_lex;
  o.out_path = out;
  o.epochs = epochs;
  o.seed = seed;
  o.dev_percent = dev_percent;
  o.min_count = 1;
  return zn_model_train(&o, err, sizeof err);
}

struct collect {
  char out[4096];
  size_t len;
  bool tags;
  const char *text;
  size_t covered;
  size_t last_end;
  bool ordered;
  bool offsets_ok;
  bool mode_seen_user;
};

static int on_tok(void *ctx, const char *text, const zn_token *t) {
  struct collect *c = ctx;
  int n;
  if (t->off < c->last_end)
    c->ordered = false;
  c->last_end = t->off + t->len;
  c->covered += t->len;
  if (zn_utf8_nchar(text, t->off) != t->char_off ||
      zn_utf8_nchar(text + t->off, t->len) != t->nchar)
    c->offsets_ok = false;
  if (t->flags & ZN_TOKEN_USER)
    c->mode_seen_user = true;
  n = snprintf(c->out + c->len, sizeof c->out - c->len, "%s%.*s%s%s",
               c->len > 0 ? " " : "", (int)t->len, text + t->off,
               c->tags ? "/" : "", c->tags ? t->tag : "");
  if (n > 0 && (size_t)n < sizeof c->out - c->len)
    c->len += (size_t)n;
  return 0;
}

static void run(zn_seg *seg, const char *s, bool tags, struct collect *c) {
  memset(c, 0, sizeof *c);
  c->tags = tags;
  c->ordered = true;
  c->offsets_ok = true;
  c->text = s;
  assert_int_equal(zn_seg_run(seg, s, strlen(s), on_tok, c), ZN_OK);
}

static zn_seg *accurate_seg(const zn_model *md) {
  zn_seg *seg = NULL;
  assert_int_equal(zn_seg_new(g_lex, &seg), ZN_OK);
  assert_int_equal(zn_seg_set_model(seg, md), ZN_OK);
  assert_int_equal(zn_seg_set_mode(seg, ZN_SEG_ACCURATE), ZN_OK);
  assert_int_equal(zn_seg_get_mode(seg), ZN_SEG_ACCURATE);
  return seg;
}

/* ------------------------------------------------------------ training */

static void test_train_reproducible(void **state) {
  char a[256], b[256];
  char *da, *db;
  size_t la, lb;
  (void)state;
  path_in_dir(a, sizeof a, "a.model");
  path_in_dir(b, sizeof b, "b.model");
  assert_int_equal(train(k_pd, a, 7, 5, 0), ZN_OK);
  assert_int_equal(train(k_pd, b, 7, 5, 0), ZN_OK);
  da = read_file(a, &la);
  db = read_file(b, &lb);
  assert_int_equal(la, lb);
  assert_memory_equal(da, db, la);
  free(da);
  free(db);
}

static void test_trained_sentences(void **state) {
  char path[256];
  char err[256];
  zn_model *md = NULL;
  zn_seg *seg;
  struct collect c;
  (void)state;
  path_in_dir(path, sizeof path, "t.model");
  assert_int_equal(train(k_pd, path, 1, 40, 0), ZN_OK);
  assert_int_equal(zn_model_open(path, &md, err, sizeof err), ZN_OK);
  assert_non_null(strstr(zn_model_info(md), "6 sentences"));
  seg = accurate_seg(md);
  /* Segmentation and PKU tags of sentences it was trained on. */
  run(seg, "北京大学生前来应聘。", true, &c);
  assert_string_equal(c.out, "北京/ns 大学生/n 前来/v 应聘/v 。/w");
  run(seg, "他说的确实在理。", true, &c);
  assert_string_equal(c.out, "他/r 说/v 的/u 确实/ad 在理/a 。/w");
  run(seg, "研究生命的起源。", false, &c);
  assert_string_equal(c.out, "研究 生命 的 起源 。");
  /* The bracketed compound was trained as its words (the averaged
   * weights still lean to the lexicon's 中共 | 中央 at the very start). */
  run(seg, "中共中央总书记、国家主席江泽民发表讲话。", false, &c);
  assert_non_null(strstr(c.out, " 总书记 、 国家 主席 江 泽民 发表 讲话 。"));
  /* The pinyin mark is not part of the word. */
  run(seg, "我们在会上看到了新的希望。", false, &c);
  assert_string_equal(c.out, "我们 在 会上 看到 了 新 的 希望 。");
  /* With the tagger off, the same words (with the lexicon's tags). */
  zn_seg_set_pos(seg, false);
  run(seg, "北京大学生前来应聘。", false, &c);
  assert_string_equal(c.out, "北京 大学生 前来 应聘 。");
  zn_seg_free(seg);
  zn_model_close(md);
}

static void test_user_words_win(void **state) {
  char path[256];
  char err[256];
  zn_model *md = NULL;
  zn_seg *seg;
  struct collect c;
  (void)state;
  path_in_dir(path, sizeof path, "u.model");
  assert_int_equal(train(k_pd, path, 1, 10, 0), ZN_OK);
  assert_int_equal(zn_model_open(path, &md, err, sizeof err), ZN_OK);
  seg = accurate_seg(md);
  /* 学生前 crosses the trained words 大学生 and 前来. */
  assert_int_equal(zn_seg_add_word(seg, "学生前", strlen("学生前"), 0, "nz"),
                   ZN_OK);
  run(seg, "北京大学生前来应聘。", true, &c);
  assert_true(c.mode_seen_user);
  assert_non_null(strstr(c.out, "学生前/nz"));
  zn_seg_set_pos(seg, false);
  run(seg, "北京大学生前来应聘。", false, &c);
  assert_non_null(strstr(c.out, " 学生前 "));
  zn_seg_free(seg);
  zn_model_close(md);
}

static void test_every_byte(void **state) {
  static const char *const texts[] = {
      "2023年6月4日，新华社记者报道：GDP增长5.2%。",
      "  北京\t大学生 abc前来\xff应聘\xe4\xb8。 ",
      "ｗｗｗ，http://example.com/a?b=1 看到了新的希望!!!",
      "一二三四五六七八九十百千万亿零〇两",
      "",
      "。",
  };
  char path[256];
  char err[256];
  zn_model *md = NULL;
  (void)state;
  path_in_dir(path, sizeof path, "e.model");
  assert_int_equal(train(k_pd, path, 3, 3, 0), ZN_OK);
  assert_int_equal(zn_model_open(path, &md, err, sizeof err), ZN_OK);
  for (int pos = 0; pos < 2; pos++) {
    zn_seg *seg = accurate_seg(md);
    zn_seg_set_pos(seg, pos != 0);
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
      struct collect c;
      size_t non_space = 0;
      const char *s = texts[k];
      for (size_t i = 0; s[i] != '\0'; i++)
        non_space += s[i] != ' ' && s[i] != '\t';
      run(seg, s, true, &c);
      assert_true(c.ordered);
      assert_true(c.offsets_ok);
      assert_int_equal(c.covered, non_space);
    }
    zn_seg_free(seg);
  }
  zn_model_close(md);
}

static void test_mode_needs_model(void **state) {
  zn_seg *seg = NULL;
  (void)state;
  assert_int_equal(zn_seg_new(g_lex, &seg), ZN_OK);
  assert_int_equal(zn_seg_set_mode(seg, ZN_SEG_ACCURATE), ZN_EINVAL);
  assert_non_null(strstr(zn_seg_errmsg(seg), "needs a model"));
  assert_int_equal(zn_seg_get_mode(seg), ZN_SEG_FAST);
  assert_int_equal(zn_seg_set_mode(seg, (zn_seg_mode)7), ZN_EINVAL);
  assert_string_equal(zn_seg_mode_name(ZN_SEG_ACCURATE), "accurate");
  assert_string_equal(zn_seg_mode_name(ZN_SEG_FAST), "fast");
  zn_seg_free(seg);
}

/* ------------------------------------------------------ damaged files */

static void expect_refused(const char *path, const char *data, size_t len,
                           const char *why) {
  zn_model *md = (zn_model *)&md;
  char err[256];
  write_file(path, data, len);
  assert_int_equal(zn_model_open(path, &md, err, sizeof err), ZN_EFORMAT);
  assert_null(md);
  if (strstr(err, why) == NULL)
    fail_msg("expected '%s', got '%s'", why, err);
}

static void put32(char *p, uint32_t v) {
  p[0] = (char)(v & 0xFF);
  p[1] = (char)(v >> 8 & 0xFF);
  p[2] = (char)(v >> 16 & 0xFF);
  p[3] = (char)(v >> 24 & 0xFF);
}

static void test_damaged(void **state) {
  char good[256], bad[256];
  char *d, *copy;
  size_t len;
  zn_model *md = (zn_model *)&md;
  char err[256];
  (void)state;
  path_in_dir(good, sizeof good, "g.model");
  path_in_dir(bad, sizeof bad, "bad.model");
  assert_int_equal(train(k_pd, good, 1, 2, 0), ZN_OK);
  d = read_file(good, &len);
  copy = malloc(len);
  assert_non_null(copy);

  assert_int_equal(zn_model_open("/nonexistent/m", &md, err, sizeof err),
                   ZN_ENOENT);
  assert_null(md);
  expect_refused(bad, "", 0, "empty file");
  {
    static const char junk[] =
        "hello, not a model at all, not at all, no, no, no, no, no, no.";
    /* A lexicon's header is not a model's either. */
    static const char lexhead[] =
        "ZNLEXv1\n0123456789012345678901234567890123456789012345678901234567";
    expect_refused(bad, junk, sizeof junk - 1, "bad magic");
    expect_refused(bad, lexhead, sizeof lexhead - 1, "bad magic");
  }
  expect_refused(bad, d, len - 1, "truncated");
  expect_refused(bad, d, len / 2, "truncated");
  memcpy(copy, d, len);
  put32(copy + 8, 2);
  expect_refused(bad, copy, len, "unsupported model format version");
  memcpy(copy, d, len);
  put32(copy + 12, 0x04030201u);
  expect_refused(bad, copy, len, "byte-order");
  memcpy(copy, d, len);
  put32(copy + 24, 1000);
  expect_refused(bad, copy, len, "section table");
  memcpy(copy, d, len);
  put32(copy + 64 + 8, (uint32_t)len); /* UNI starts at the end */
  expect_refused(bad, copy, len, "section outside the file");
  memcpy(copy, d, len);
  put32(copy + 28, 3); /* UNI slots: not a power of two */
  expect_refused(bad, copy, len, "mis-sized section");
  memcpy(copy, d, len);
  put32(copy + 48, 5); /* another feature set */
  expect_refused(bad, copy, len, "feature set");
  memcpy(copy, d, len);
  put32(copy + 36, 0); /* no tags */
  expect_refused(bad, copy, len, "mis-sized section");
  /* The intact file opens. */
  assert_int_equal(zn_model_open(good, &md, err, sizeof err), ZN_OK);
  zn_model_close(md);
  zn_model_close(NULL);
  free(copy);
  free(d);
}

/* ------------------------------------------------------------ corpora */

static void test_corpus_formats(void **state) {
  char in[256], out[256], dev[256];
  const char *inputs[1];
  zn_train_opts o;
  char err[256];
  char *d;
  size_t len;
  (void)state;
  path_in_dir(in, sizeof in, "c.txt");
  path_in_dir(out, sizeof out, "c.model");
  path_in_dir(dev, sizeof dev, "dev.txt");
  inputs[0] = in;
  memset(&o, 0, sizeof o);
  o.inputs = inputs;
  o.n_inputs = 1;
  o.lex = g_lex;
  o.out_path = out;
  o.epochs = 2;

  /* SIGHAN: words separated by spaces. */
  write_file(in, "迈向  充满  希望  的  新  世纪\n北京 大学生\n",
             strlen("迈向  充满  希望  的  新  世纪\n北京 大学生\n"));
  assert_int_equal(zn_model_train(&o, err, sizeof err), ZN_OK);
  /* CoNLL-U, with comments and a multi-word range. */
  {
    static const char conll[] = "# sent_id = 1\n"
                                "1-2\t北京大学\t_\n"
                                "1\t北京\t_\tPROPN\tNNP\t_\n"
                                "2\t大学\t_\tNOUN\tNN\t_\n"
                                "\n"
                                "1\t希望\t_\tNOUN\tNN\t_\n";
    write_file(in, conll, sizeof conll - 1);
    o.format = ZN_CORPUS_CONLL;
    assert_int_equal(zn_model_train(&o, err, sizeof err), ZN_OK);
  }
  /* The dev split alone, every document (50%) written in word/tag form. */
  write_file(in, k_pd, strlen(k_pd));
  o.format = ZN_CORPUS_PD;
  o.out_path = NULL;
  o.dev_out = dev;
  o.dev_percent = 50;
  assert_int_equal(zn_model_train(&o, err, sizeof err), ZN_OK);
  d = read_file(dev, &len);
  assert_true(len > 10);
  assert_null(memchr(d, '{', len)); /* no pinyin */
  assert_null(memchr(d, '[', len)); /* no brackets */
  free(d);
  /* Errors name the file and line. */
  o.out_path = out;
  o.dev_out = NULL;
  write_file(in, "19980101-01-001-001/m  迈向/v  充满\n",
             strlen("19980101-01-001-001/m  迈向/v  充满\n"));
  assert_int_equal(zn_model_train(&o, err, sizeof err), ZN_EFORMAT);
  assert_non_null(strstr(err, "c.txt:1"));
  write_file(in, "迈向/v  充\xff满/v\n", strlen("迈向/v  充\xff满/v\n"));
  assert_int_equal(zn_model_train(&o, err, sizeof err), ZN_EBADUTF8);
  assert_non_null(strstr(err, "c.txt:1"));
  inputs[0] = "/nonexistent/corpus";
  assert_int_equal(zn_model_train(&o, err, sizeof err), ZN_ENOENT);
  o.n_inputs = 0;
  assert_int_equal(zn_model_train(&o, err, sizeof err), ZN_EINVAL);
}

static void test_oom(void **state) {
  char path[256];
  char err[256];
  int n_ok = 0;
  char *img;
  size_t len;
  (void)state;
  path_in_dir(path, sizeof path, "o.model");
  assert_int_equal(train(k_pd, path, 1, 3, 0), ZN_OK);
  img = read_file(path, &len);
  assert_int_equal(zn_replace_allocator(failing_malloc, failing_realloc, free),
                   ZN_OK);
  for (fail_at = 1; fail_at < 100 && n_ok == 0; fail_at++) {
    zn_model *md = NULL;
    zn_seg *seg = NULL;
    struct collect c;
    int rc;
    n_calls = 0;
    rc = zn_model_open(path, &md, err, sizeof err);
    if (rc == ZN_OK)
      rc = zn_seg_new(g_lex, &seg);
    if (rc == ZN_OK)
      rc = zn_seg_set_model(seg, md);
    if (rc == ZN_OK)
      rc = zn_seg_set_mode(seg, ZN_SEG_ACCURATE);
    if (rc == ZN_OK) {
      memset(&c, 0, sizeof c);
      c.ordered = true;
      c.offsets_ok = true;
      rc = zn_seg_run(seg, "北京大学生前来应聘。他说的确实在理。",
                      strlen("北京大学生前来应聘。他说的确实在理。"), on_tok,
                      &c);
    }
    assert_true(rc == ZN_OK || rc == ZN_ENOMEM);
    if (rc == ZN_OK)
      n_ok++;
    zn_seg_free(seg);
    zn_model_close(md);
  }
  /* Training under failing allocation: an error, never a crash. */
  for (fail_at = 1; fail_at < 400; fail_at += 7) {
    char out[256];
    int rc;
    n_calls = 0;
    path_in_dir(out, sizeof out, "oom-train.model");
    rc = train(k_pd, out, 1, 1, 0);
    assert_true(rc == ZN_OK || rc == ZN_ENOMEM);
  }
  fail_at = 0;
  assert_int_equal(zn_replace_allocator(NULL, NULL, NULL), ZN_OK);
  assert_int_equal(n_ok, 1);
  free(img);
}

/* ------------------------------------------------------ default model */

static void test_default_model(void **state) {
  const char *path = getenv("ZHNEWS_MODEL");
  zn_model *md = NULL;
  zn_seg *seg;
  struct collect c;
  char err[256];
  (void)state;
  if (path == NULL)
    skip();
  assert_int_equal(zn_model_open(path, &md, err, sizeof err), ZN_OK);
  seg = accurate_seg(md);
  /* The classic ambiguity (的确 / 确实): a segmentation check; the tag of
   * 在理 (v or vn) moves between retrainings of the default model. */
  run(seg, "他说的确实在理。", false, &c);
  assert_string_equal(c.out, "他 说 的 确实 在理 。");
  /* Rule tokens stay whole around the model's words. */
  run(seg, "1998年5月31日，新华社记者在北京报道。", true, &c);
  assert_string_equal(c.out, "1998年5月31日/t ，/w 新华社/nt 记者/n 在/p "
                             "北京/ns 报道/v 。/w");
  /* PD segments person names as surname + given name. */
  run(seg, "江泽民主席发表新年讲话。", false, &c);
  assert_string_equal(c.out, "江 泽民 主席 发表 新年 讲话 。");
  zn_seg_free(seg);
  zn_model_close(md);
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
  if (mkdtemp(g_dir) == NULL) {
    print_error("mkdtemp failed\n");
    return -1;
  }
  return 0;
}

static int teardown(void **state) {
  static const char *const names[] = {
      "corpus.txt", "a.model", "b.model",        "t.model", "u.model",
      "e.model",    "g.model", "bad.model",      "c.txt",   "c.model",
      "dev.txt",    "o.model", "oom-train.model"};
  (void)state;
  for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
    char p[256];
    path_in_dir(p, sizeof p, names[k]);
    remove(p);
  }
  rmdir(g_dir);
  zn_lexicon_close(g_lex);
  return 0;
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_train_reproducible),
      cmocka_unit_test(test_trained_sentences),
      cmocka_unit_test(test_user_words_win),
      cmocka_unit_test(test_every_byte),
      cmocka_unit_test(test_mode_needs_model),
      cmocka_unit_test(test_damaged),
      cmocka_unit_test(test_corpus_formats),
      cmocka_unit_test(test_oom),
      cmocka_unit_test(test_default_model),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
