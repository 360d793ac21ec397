/* SPDX-License-Identifier: MIT */
/*
 * test-text.c - unit tests for the text layer (include/zhnews/text.h):
 * UTF-8 decoding with maximal-subpart replacement, character classes,
 * normalization, sentence splitting, and charset labels, sniffing,
 * detection and conversion.  Most tests are tables whose rows keep the
 * expected value next to the input; a failing row is reported by its
 * number.  GB18030 and Big5 byte strings were made with iconv(1) from the
 * UTF-8 text in the comment beside them.
 */
#include "zhnews/text.h"
#include "private/names.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* A string literal and its length, NULs included. */
#define LIT(s) s, (sizeof(s) - 1)
#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define FFFD ZN_REPLACEMENT_UTF8

/* Prints the failing row before cmocka's assertion message. */
static void row_fail(const char *what, size_t row) {
  print_error("%s: row %zu failed\n", what, row);
}

/* ------------------------------------------------------------- UTF-8 */

static void test_utf8_decode(void **state) {
  static const struct {
    const char *s;
    size_t len;
    int n;
    int32_t cp;
  } rows[] = {
      {LIT("A"), 1, 0x41},
      {LIT("\x00"), 1, 0},
      {LIT("\xC2\xA9"), 2, 0xA9},
      {LIT("\xDF\xBF"), 2, 0x7FF},
      {LIT("\xE0\xA0\x80"), 3, 0x800},
      {LIT("\xE4\xB8\xAD"), 3, 0x4E2D}, /* 中 */
      {LIT("\xEF\xBF\xBF"), 3, 0xFFFF},
      {LIT("\xF0\x90\x80\x80"), 4, 0x10000},
      {LIT("\xF0\xA0\x80\x80"), 4, 0x20000}, /* ext. B */
      {LIT("\xF4\x8F\xBF\xBF"), 4, 0x10FFFF},
      /* overlong forms */
      {LIT("\xC0\xAF"), 1, -1},
      {LIT("\xC1\xBF"), 1, -1},
      {LIT("\xE0\x80\xAF"), 1, -1},
      {LIT("\xE0\x9F\xBF"), 1, -1},
      {LIT("\xF0\x80\x80\xAF"), 1, -1},
      {LIT("\xF0\x8F\xBF\xBF"), 1, -1},
      /* surrogates */
      {LIT("\xED\xA0\x80"), 1, -1},
      {LIT("\xED\xBF\xBF"), 1, -1},
      /* beyond U+10FFFF */
      {LIT("\xF4\x90\x80\x80"), 1, -1},
      {LIT("\xF5\x80\x80\x80"), 1, -1},
      {LIT("\xFF"), 1, -1},
      {LIT("\xFE"), 1, -1},
      /* truncated by the end: the maximal subpart is all of it */
      {LIT("\xC2"), 1, -1},
      {LIT("\xE4"), 1, -1},
      {LIT("\xE4\xB8"), 2, -1},
      {LIT("\xF0\xA0"), 2, -1},
      {LIT("\xF0\xA0\x80"), 3, -1},
      /* truncated by a non-continuation byte */
      {LIT("\xE4\x41"), 1, -1},
      {LIT("\xE4\xB8\x41"), 2, -1},
      {LIT("\xF0\xA0\x80\x41"), 3, -1},
      /* lone continuation bytes */
      {LIT("\x80"), 1, -1},
      {LIT("\xBF\x80"), 1, -1},
  };
  size_t i;
  int32_t cp;

  (void)state;
  for (i = 0; i < N_ELEMS(rows); i++) {
    int n = zn_utf8_decode(rows[i].s, rows[i].len, &cp);
    if (n != rows[i].n || cp != rows[i].cp)
      row_fail("decode", i);
    assert_int_equal(n, rows[i].n);
    assert_int_equal(cp, rows[i].cp);
  }
  assert_int_equal(zn_utf8_decode("", 0, &cp), 0);
}

/* Replacement counts and output follow Unicode 15 §3.9, tables 3-8..3-11. */
static void test_utf8_sanitize(void **state) {
  static const struct {
    const char *s;
    size_t len;
    size_t n_invalid;
    const char *want;
  } rows[] = {
      {LIT(""), 0, ""},
      {LIT("abc"), 0, "abc"},
      {LIT("中文"), 0, "中文"},
      {LIT("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64"), 6,
       "a" FFFD FFFD FFFD "b" FFFD "c" FFFD FFFD "d"},
      {LIT("\xC0\xAF\xE0\x80\xBF\xF0\x81\x82\x41"), 8,
       FFFD FFFD FFFD FFFD FFFD FFFD FFFD FFFD "A"},
      {LIT("\xED\xA0\x80\xED\xBF\xBF\xED\xAF\x41"), 8,
       FFFD FFFD FFFD FFFD FFFD FFFD FFFD FFFD "A"},
      {LIT("\xF4\x91\x92\x93\xFF\x41\x80\xBF\x42"), 7,
       FFFD FFFD FFFD FFFD FFFD "A" FFFD FFFD "B"},
      {LIT("\xE1\x80\xE2\xF0\x91\x92\xF1\xBF\x41"), 4, FFFD FFFD FFFD FFFD "A"},
      {LIT("中\xE6\x96"), 1, "中" FFFD},
      {LIT("x\x80y"), 1, "x" FFFD "y"},
  };
  size_t i;

  (void)state;
  for (i = 0; i < N_ELEMS(rows); i++) {
    zn_buf b;
    size_t n_bad = 99;

    zn_buf_init(&b, 0);
    assert_int_equal(zn_utf8_sanitize(rows[i].s, rows[i].len, &b, &n_bad),
                     ZN_OK);
    if (n_bad != rows[i].n_invalid)
      row_fail("sanitize", i);
    assert_int_equal(n_bad, rows[i].n_invalid);
    assert_int_equal(b.len, strlen(rows[i].want));
    if (b.len > 0)
      assert_memory_equal(b.data, rows[i].want, b.len);
    assert_true(zn_utf8_valid(b.data, b.len, NULL));
    /* nchar counts each invalid subpart as one character. */
    assert_int_equal(zn_utf8_nchar(rows[i].s, rows[i].len),
                     zn_utf8_nchar(b.data, b.len));
    zn_buf_free(&b);
  }
}

static void test_utf8_valid(void **state) {
  static const struct {
    const char *s;
    size_t len;
    bool valid;
    size_t bad_off;
    size_t nchar;
  } rows[] = {
      {LIT(""), true, 0, 0},
      {LIT("hello, world and more ASCII than eight"), true, 0, 38},
      {LIT("新华社北京电"), true, 0, 6},
      {LIT("abcdefghij中"), true, 0, 11},
      {LIT("abcdefghijklmnop\x80"), false, 16, 17},
      {LIT("中文\xE4\xB8"), false, 6, 3},
      {LIT("\xED\xA0\x80"), false, 0, 3},
      {LIT("ab\xC0\xAF"), false, 2, 4},
      {LIT("𠀀𠀁"), true, 0, 2},
      {LIT("a\x00"
           "b"),
       true, 0, 3},
  };
  size_t i;

  (void)state;
  for (i = 0; i < N_ELEMS(rows); i++) {
    size_t off = 12345;
    bool ok = zn_utf8_valid(rows[i].s, rows[i].len, &off);

    if (ok != rows[i].valid)
      row_fail("valid", i);
    assert_int_equal(ok, rows[i].valid);
    if (!ok)
      assert_int_equal(off, rows[i].bad_off);
    assert_int_equal(zn_utf8_nchar(rows[i].s, rows[i].len), rows[i].nchar);
  }
}

/* Every scalar value encodes and decodes back; non-scalars don't encode. */
static void test_utf8_encode_roundtrip(void **state) {
  char out[4];
  uint32_t cp;
  int32_t back;

  (void)state;
  for (cp = 0; cp <= 0x10FFFF; cp++) {
    int n = zn_utf8_encode(cp, out);
    int want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;

    if (cp >= 0xD800 && cp <= 0xDFFF) {
      assert_int_equal(n, 0);
      continue;
    }
    assert_int_equal(n, want);
    assert_int_equal(zn_utf8_decode(out, (size_t)n, &back), n);
    assert_int_equal((uint32_t)back, cp);
  }
  assert_int_equal(zn_utf8_encode(0x110000, out), 0);
  assert_int_equal(zn_utf8_encode(0xFFFFFFFFu, out), 0);
  assert_int_equal(zn_utf8_encode(0x4E2D, out), 3);
  assert_memory_equal(out, "中", 3);
}

/* ------------------------------------------------------- char classes */

static void test_char_class(void **state) {
  static const struct {
    int32_t cp;
    zn_cclass cc;
  } rows[] = {
      {'a', ZN_CC_LATIN},      {'Z', ZN_CC_LATIN},
      {'5', ZN_CC_DIGIT},      {' ', ZN_CC_SPACE},
      {'\t', ZN_CC_SPACE},     {'\n', ZN_CC_SPACE},
      {',', ZN_CC_PUNCT},      {'.', ZN_CC_PUNCT},
      {0x00, ZN_CC_CONTROL},   {0x1B, ZN_CC_CONTROL},
      {0x7F, ZN_CC_CONTROL},   {0x9F, ZN_CC_CONTROL},
      {0x4E2D, ZN_CC_HAN}, /* 中 */
      {0x4E00, ZN_CC_HAN},     {0x9FFF, ZN_CC_HAN},
      {0x3400, ZN_CC_HAN},                            /* ext. A */
      {0x20000, ZN_CC_HAN},                           /* ext. B 𠀀 */
      {0x2A6DF, ZN_CC_HAN},    {0x30000, ZN_CC_HAN},  /* ext. G */
      {0xF900, ZN_CC_HAN},                            /* compatibility */
      {0x3007, ZN_CC_HAN},                            /* 〇 */
      {0xFF10, ZN_CC_DIGIT},   {0xFF19, ZN_CC_DIGIT}, /* ０ ９ */
      {0xFF21, ZN_CC_LATIN},   {0xFF5A, ZN_CC_LATIN}, /* Ａ ｚ */
      {0xE9, ZN_CC_LATIN},                            /* é */
      {0x0101, ZN_CC_LATIN},                          /* ā (pinyin) */
      {0x3002, ZN_CC_PUNCT},                          /* 。 */
      {0x3001, ZN_CC_PUNCT},                          /* 、 */
      {0xFF0C, ZN_CC_PUNCT},                          /* ， */
      {0xFF01, ZN_CC_PUNCT},                          /* ！ */
      {0x201C, ZN_CC_PUNCT},                          /* “ */
      {0x2026, ZN_CC_PUNCT},                          /* … */
      {0x2014, ZN_CC_PUNCT},                          /* — */
      {0x300A, ZN_CC_PUNCT},                          /* 《 */
      {0xB7, ZN_CC_PUNCT},                            /* · */
      {0xA0, ZN_CC_SPACE},                            /* NBSP */
      {0x3000, ZN_CC_SPACE},                          /* ideographic space */
      {0x2003, ZN_CC_SPACE},   {0x2028, ZN_CC_SPACE},
      {0x200B, ZN_CC_CONTROL}, /* zero-width space */
      {0x200D, ZN_CC_CONTROL}, {0xFEFF, ZN_CC_CONTROL},
      {0xAD, ZN_CC_CONTROL}, /* soft hyphen */
      {0x3042, ZN_CC_KANA},    {0x30AB, ZN_CC_KANA},
      {0xFF76, ZN_CC_KANA}, /* half-width katakana */
      {0xAC00, ZN_CC_HANGUL},  {0x1100, ZN_CC_HANGUL},
      {0x3131, ZN_CC_HANGUL},  {0x03B1, ZN_CC_OTHER}, /* α */
      {0xA9, ZN_CC_OTHER},                            /* © */
      {0xFFE5, ZN_CC_OTHER},                          /* ￥ */
      {0x1F600, ZN_CC_OTHER},                         /* emoji */
      {-1, ZN_CC_OTHER},       {0x110000, ZN_CC_OTHER},
  };
  size_t i;

  (void)state;
  for (i = 0; i < N_ELEMS(rows); i++) {
    if (zn_char_class(rows[i].cp) != rows[i].cc)
      row_fail("class", i);
    assert_int_equal(zn_char_class(rows[i].cp), rows[i].cc);
    assert_int_equal(zn_char_is_han(rows[i].cp), rows[i].cc == ZN_CC_HAN);
  }
}

static void test_char_predicates(void **state) {
  (void)state;
  assert_true(zn_char_is_cjk_punct(0x3002)); /* 。 */
  assert_true(zn_char_is_cjk_punct(0xFF0C)); /* ， */
  assert_true(zn_char_is_cjk_punct(0x2014)); /* — */
  assert_true(zn_char_is_cjk_punct(0x201D)); /* ” */
  assert_true(zn_char_is_cjk_punct(0xFE30));
  assert_false(zn_char_is_cjk_punct(0x3007)); /* 〇 is Han */
  assert_false(zn_char_is_cjk_punct(0xFF21)); /* Ａ */
  assert_false(zn_char_is_cjk_punct(','));
  assert_false(zn_char_is_cjk_punct(0x4E2D));

  assert_true(zn_char_is_fullwidth(0xFF01));
  assert_true(zn_char_is_fullwidth(0xFF5E));
  assert_false(zn_char_is_fullwidth(0xFF5F));
  assert_false(zn_char_is_fullwidth(0x3002));

  assert_true(zn_char_is_sentence_end(0x3002));
  assert_true(zn_char_is_sentence_end(0xFF01));
  assert_true(zn_char_is_sentence_end(0xFF1F));
  assert_true(zn_char_is_sentence_end(0xFF1B));
  assert_true(zn_char_is_sentence_end(0x2026));
  assert_true(zn_char_is_sentence_end(0xFF61));
  assert_true(zn_char_is_sentence_end(0xFE52));
  assert_true(zn_char_is_sentence_end('.'));
  assert_true(zn_char_is_sentence_end('?'));
  assert_false(zn_char_is_sentence_end(0xFF0C));
  assert_false(zn_char_is_sentence_end(0x3001));
  assert_false(zn_char_is_sentence_end(','));

  assert_true(zn_char_is_closing(0x201D));
  assert_true(zn_char_is_closing(0x2019));
  assert_true(zn_char_is_closing(0x300D));
  assert_true(zn_char_is_closing(0x300F));
  assert_true(zn_char_is_closing(0xFF09));
  assert_true(zn_char_is_closing(0x3011));
  assert_true(zn_char_is_closing(0x300B));
  assert_true(zn_char_is_closing(0x3009));
  assert_true(zn_char_is_closing(')'));
  assert_true(zn_char_is_closing('"'));
  assert_false(zn_char_is_closing(0x201C));
  assert_false(zn_char_is_closing('('));

  assert_int_equal(zn_char_digit_value('0'), 0);
  assert_int_equal(zn_char_digit_value('9'), 9);
  assert_int_equal(zn_char_digit_value(0xFF10), 0);
  assert_int_equal(zn_char_digit_value(0xFF17), 7);
  assert_int_equal(zn_char_digit_value('a'), -1);
  assert_int_equal(zn_char_digit_value(0x4E09), -1); /* 三 */
  assert_int_equal(zn_char_digit_value(-1), -1);
}

/* ------------------------------------------------------ normalization */

static void test_normalize(void **state) {
  static const struct {
    const char *s;
    size_t len;
    unsigned flags;
    const char *want;
    size_t n_invalid;
  } rows[] = {
      {LIT(""), ZN_NORM_ALL, "", 0},
      {LIT("新华社北京电"), ZN_NORM_ALL, "新华社北京电", 0},
      /* full-width letters, digits and symbols narrow */
      {LIT("ＡＢＣａｂｃ１２３"), ZN_NORM_ALL, "ABCabc123", 0},
      {LIT("２０２４年３月"), ZN_NORM_WIDTH, "2024年3月", 0},
      {LIT("＃＄％＆＊＋－．／＝＠［］"), ZN_NORM_WIDTH, "#$%&*+-./=@[]", 0},
      /* prose punctuation keeps its width */
      {LIT("你好，世界。真的！是吗？对；如下：（注）、“引”‘号’《书》【题】"),
       ZN_NORM_ALL,
       "你好，世界。真的！是吗？对；如下：（注）、“引”‘号’《书》【题】", 0},
      {LIT("ＧＤＰ增长５％。"), ZN_NORM_ALL, "GDP增长5%。", 0},
      /* width only when asked */
      {LIT("ＡＢＣ"), ZN_NORM_SPACE, "ＡＢＣ", 0},
      /* spaces */
      {LIT("a\xC2\xA0"
           "b\xE3\x80\x80"
           "c\xE2\x80\x83"
           "d\te"),
       ZN_NORM_SPACE, "a b c d\te", 0},
      {LIT("a\xC2\xA0"
           "b"),
       ZN_NORM_WIDTH,
       "a\xC2\xA0"
       "b",
       0},
      /* zero-width and control characters */
      {LIT("中\xE2\x80\x8B"
           "文\xEF\xBB\xBF\xE2\x80\x8D!\xC2\xAD"),
       ZN_NORM_CONTROL, "中文!", 0},
      {LIT("a\x01"
           "b\x7F"
           "c\t\n"),
       ZN_NORM_CONTROL, "abc\t\n", 0},
      {LIT("a\x01"
           "b"),
       ZN_NORM_WIDTH,
       "a\x01"
       "b",
       0},
      /* newlines */
      {LIT("a\r\nb\rc\nd\r"), ZN_NORM_NEWLINE, "a\nb\nc\nd\n", 0},
      {LIT("a\r\n\r\nb"), ZN_NORM_ALL, "a\n\nb", 0},
      {LIT("a\xE2\x80\xA8"
           "b\xE2\x80\xA9"
           "c"),
       ZN_NORM_NEWLINE, "a\nb\nc", 0},
      /* invalid bytes, with or without ZN_NORM_SANITIZE */
      {LIT("中\xFF文\xE4\xB8"), ZN_NORM_ALL, "中" FFFD "文" FFFD, 2},
      {LIT("\xC0\xAF"), 0, FFFD FFFD, 2},
      {LIT("\x80"
           "ａ"),
       ZN_NORM_SANITIZE | ZN_NORM_WIDTH, FFFD "a", 1},
  };
  size_t i;

  (void)state;
  for (i = 0; i < N_ELEMS(rows); i++) {
    zn_buf b;
    size_t n_bad = 99;
    int rc;

    zn_buf_init(&b, 0);
    rc = zn_text_normalize(rows[i].s, rows[i].len, rows[i].flags, &b, &n_bad);
    if (rc != ZN_OK || n_bad != rows[i].n_invalid ||
        b.len != strlen(rows[i].want))
      row_fail("normalize", i);
    assert_int_equal(rc, ZN_OK);
    assert_int_equal(n_bad, rows[i].n_invalid);
    assert_int_equal(b.len, strlen(rows[i].want));
    if (b.len > 0) {
      assert_memory_equal(b.data, rows[i].want, b.len);
      assert_true(zn_utf8_valid(b.data, b.len, NULL));
    }
    zn_buf_free(&b);
  }
}

static void test_normalize_appends_and_rejects(void **state) {
  zn_buf b;

  (void)state;
  zn_buf_init(&b, 0);
  assert_int_equal(zn_buf_append_str(&b, "前"), ZN_OK);
  assert_int_equal(zn_text_normalize(LIT("ａ"), ZN_NORM_ALL, &b, NULL), ZN_OK);
  assert_string_equal(b.data, "前a");
  /* Unknown flag bits are refused and the buffer is left alone. */
  assert_int_equal(zn_text_normalize(LIT("x"), ZN_NORM_ALL + 1, &b, NULL),
                   ZN_EINVAL);
  assert_int_equal(zn_text_normalize(LIT("x"), 1u << 31, &b, NULL), ZN_EINVAL);
  assert_string_equal(b.data, "前a");
  zn_buf_free(&b);

  /* A size cap is reported, and the buffer is restored. */
  zn_buf_init(&b, 8);
  assert_int_equal(zn_buf_append_str(&b, "ab"), ZN_OK);
  assert_int_equal(
      zn_text_normalize(LIT("中文中文中文"), ZN_NORM_ALL, &b, NULL),
      ZN_ETOOBIG);
  assert_int_equal(b.len, 2);
  assert_string_equal(b.data, "ab");
  zn_buf_free(&b);
}

/* An allocator that fails every call, to check ZN_ENOMEM paths. */
static void *fail_malloc(size_t n) {
  (void)n;
  return NULL;
}

static void *fail_realloc(void *p, size_t n) {
  (void)p;
  (void)n;
  return NULL;
}

static void test_out_of_memory(void **state) {
  zn_buf b;
  size_t n_bad;

  (void)state;
  zn_buf_init(&b, 0);
  assert_int_equal(zn_replace_allocator(fail_malloc, fail_realloc, free),
                   ZN_OK);
  assert_int_equal(zn_text_normalize(LIT("ａｂ"), ZN_NORM_ALL, &b, &n_bad),
                   ZN_ENOMEM);
  assert_int_equal(zn_utf8_sanitize(LIT("a\xFF"), &b, &n_bad), ZN_ENOMEM);
  assert_int_equal(
      zn_charset_to_utf8(LIT("\xD6\xD0"), ZN_ENC_GB18030, &b, &n_bad),
      ZN_ENOMEM);
  assert_int_equal(zn_charset_to_utf8(LIT("abc"), ZN_ENC_UTF8, &b, &n_bad),
                   ZN_ENOMEM);
  assert_int_equal(zn_replace_allocator(NULL, NULL, NULL), ZN_OK);
  assert_null(b.data);
  assert_int_equal(b.len, 0);
  zn_buf_free(&b);
}

/* --------------------------------------------------- sentence splitting */

/* Collects sentences as "s1|s2|..." into a zn_buf. */
struct collect {
  const char *text;
  zn_buf out;
  int n;
  int stop_after; /* 0 = never stop */
};

static int collect_cb(void *ctx, size_t off, size_t len) {
  struct collect *c = ctx;

  if (c->n > 0)
    assert_int_equal(zn_buf_append_byte(&c->out, '|'), ZN_OK);
  assert_int_equal(zn_buf_append(&c->out, c->text + off, len), ZN_OK);
  c->n++;
  return c->stop_after > 0 && c->n >= c->stop_after;
}

static void test_sentences(void **state) {
  static const struct {
    const char *s;
    const char *want;
  } rows[] = {
      {"", ""},
      {"  \n \t ", ""},
      {"你好。", "你好。"},
      {"今天下雨。明天晴！后天呢？", "今天下雨。|明天晴！|后天呢？"},
      {"第一；第二。", "第一；|第二。"},
      /* closing quotes and brackets stay with their sentence */
      {"“你好。”他说。", "“你好。”|他说。"},
      {"他说：“走吧！”她没动。", "他说：“走吧！”|她没动。"},
      {"（完）（记者 张三）", "（完）（记者 张三）"},
      {"会议结束（图）。下一条。", "会议结束（图）。|下一条。"},
      {"见《人民日报》。】好", "见《人民日报》。】|好"},
      /* marks inside an open quote don't split */
      {"他说：“我来了。你呢？”然后走了。", "他说：“我来了。你呢？”|然后走了。"},
      /* ellipses and runs of marks are one end */
      {"他想了想……没说话。", "他想了想……|没说话。"},
      {"真的吗？！是的。", "真的吗？！|是的。"},
      {"Wait... what?", "Wait...|what?"},
      /* numbers, initials and domains don't split */
      {"圆周率约为3.14，对吧。", "圆周率约为3.14，对吧。"},
      {"The U.S. economy grew. Then", "The U.S. economy grew.|Then"},
      {"访问www.xinhua.net获取。", "访问www.xinhua.net获取。"},
      {"增长2.5%。下降1.2%。", "增长2.5%。|下降1.2%。"},
      {"It works. 中文。", "It works.|中文。"},
      {"Hi!你好", "Hi!|你好"},
      /* a newline ends a sentence; white space is trimmed */
      {"  标题  \n  正文第一句。第二句  ", "标题|正文第一句。|第二句"},
      {"甲\r\n乙\r丙", "甲|乙|丙"},
      {"\xE3\x80\x80\xE3\x80\x80段首缩进。", "段首缩进。"},
      /* a quote left open at a newline does not carry over */
      {"“没有结束\n新的一段。第二句。", "“没有结束|新的一段。|第二句。"},
      /* invalid bytes are ordinary characters */
      {"坏\xFF字。好。", "坏\xFF字。|好。"},
  };
  size_t i;

  (void)state;
  for (i = 0; i < N_ELEMS(rows); i++) {
    struct collect c = {rows[i].s, {0}, 0, 0};

    zn_buf_init(&c.out, 0);
    assert_int_equal(
        zn_text_sentences(rows[i].s, strlen(rows[i].s), collect_cb, &c), ZN_OK);
    if (c.n == 0) {
      assert_string_equal(rows[i].want, "");
    } else {
      if (strcmp(c.out.data, rows[i].want) != 0)
        row_fail("sentences", i);
      assert_string_equal(c.out.data, rows[i].want);
    }
    zn_buf_free(&c.out);
  }
}

static void test_sentences_stop_and_limits(void **state) {
  static const char text[] = "一。二。三。四。";
  struct collect c = {text, {0}, 0, 2};
  zn_buf long_quote;
  int i;

  (void)state;
  zn_buf_init(&c.out, 0);
  assert_int_equal(zn_text_sentences(LIT(text), collect_cb, &c), ZN_OK);
  assert_int_equal(c.n, 2);
  assert_string_equal(c.out.data, "一。|二。");
  zn_buf_free(&c.out);

  assert_int_equal(zn_text_sentences("x", 1, NULL, NULL), ZN_EINVAL);
  assert_int_equal(zn_text_sentences(NULL, 1, collect_cb, &c), ZN_EINVAL);

  /* A quote never closed stops protecting its marks after 200 chars. */
  zn_buf_init(&long_quote, 0);
  assert_int_equal(zn_buf_append_str(&long_quote, "“"), ZN_OK);
  for (i = 0; i < 100; i++)
    assert_int_equal(zn_buf_append_str(&long_quote, "很长。"), ZN_OK);
  c.text = long_quote.data;
  c.n = 0;
  c.stop_after = 0;
  zn_buf_init(&c.out, 0);
  assert_int_equal(
      zn_text_sentences(long_quote.data, long_quote.len, collect_cb, &c),
      ZN_OK);
  assert_true(c.n > 1);
  assert_true(c.n < 100);
  zn_buf_free(&c.out);
  zn_buf_free(&long_quote);
}

/* ------------------------------------------------------------ charsets */

static void test_encoding_labels(void **state) {
  static const struct {
    const char *label;
    zn_encoding enc;
  } rows[] = {
      {"utf-8", ZN_ENC_UTF8},
      {"UTF-8", ZN_ENC_UTF8},
      {"utf8", ZN_ENC_UTF8},
      {" Utf-8 ", ZN_ENC_UTF8},
      {"\"utf-8\"", ZN_ENC_UTF8},
      {"gb2312", ZN_ENC_GB18030},
      {"GB2312", ZN_ENC_GB18030},
      {"GBK", ZN_ENC_GB18030},
      {"x-gbk", ZN_ENC_GB18030},
      {"gb18030", ZN_ENC_GB18030},
      {"GB_2312-80", ZN_ENC_GB18030},
      {"euc-cn", ZN_ENC_GB18030},
      {"cp936", ZN_ENC_GB18030},
      {"chinese", ZN_ENC_GB18030},
      {"big5", ZN_ENC_BIG5},
      {"Big5-HKSCS", ZN_ENC_BIG5},
      {"x-x-big5", ZN_ENC_BIG5},
      {"cn-big5", ZN_ENC_BIG5},
      {"utf-16le", ZN_ENC_UTF16LE},
      {"utf-16", ZN_ENC_UTF16LE},
      {"UTF-16BE", ZN_ENC_UTF16BE},
      {"iso-8859-1", ZN_ENC_UNKNOWN},
      {"windows-1252", ZN_ENC_UNKNOWN},
      {"shift_jis", ZN_ENC_UNKNOWN},
      {"", ZN_ENC_UNKNOWN},
      {"utf-88", ZN_ENC_UNKNOWN},
      {"gb2312gb2312gb2312gb2312gb2312gb2312gb2312gb2312", ZN_ENC_UNKNOWN},
  };
  size_t i;

  (void)state;
  for (i = 0; i < N_ELEMS(rows); i++) {
    zn_encoding e =
        zn_encoding_from_label(rows[i].label, strlen(rows[i].label));
    if (e != rows[i].enc)
      row_fail("label", i);
    assert_int_equal(e, rows[i].enc);
  }
  /* The length bounds the label: "gbk" out of "gbkxyz". */
  assert_int_equal(zn_encoding_from_label("gbkxyz", 3), ZN_ENC_GB18030);
  assert_int_equal(zn_encoding_from_label(NULL, 0), ZN_ENC_UNKNOWN);

  assert_string_equal(zn_encoding_name(ZN_ENC_UTF8), "UTF-8");
  assert_string_equal(zn_encoding_name(ZN_ENC_UTF16LE), "UTF-16LE");
  assert_string_equal(zn_encoding_name(ZN_ENC_UTF16BE), "UTF-16BE");
  assert_string_equal(zn_encoding_name(ZN_ENC_GB18030), "GB18030");
  assert_string_equal(zn_encoding_name(ZN_ENC_BIG5), "Big5");
  assert_string_equal(zn_encoding_name(ZN_ENC_UNKNOWN), "unknown");
  assert_string_equal(zn_encoding_name((zn_encoding)99), "unknown");
}

static void test_charset_sniff(void **state) {
  static const struct {
    const char *s;
    zn_encoding enc;
  } rows[] = {
      {"<html><head><meta charset=\"gb2312\"></head>", ZN_ENC_GB18030},
      {"<meta charset=utf-8>", ZN_ENC_UTF8},
      {"<META CHARSET='Big5'>", ZN_ENC_BIG5},
      {"<meta http-equiv=\"Content-Type\" "
       "content=\"text/html; charset=gbk\">",
       ZN_ENC_GB18030},
      {"<meta http-equiv=Content-Type content='text/html;charset = GB2312'>",
       ZN_ENC_GB18030},
      {"<?xml version=\"1.0\" encoding=\"GBK\"?><rss></rss>", ZN_ENC_GB18030},
      {"\xEF\xBB\xBF<?xml version='1.0' encoding='utf-8'?>", ZN_ENC_UTF8},
      /* an unknown label is skipped for a later known one */
      {"<meta charset=\"x-unknown\"><meta charset=\"big5\">", ZN_ENC_BIG5},
      {"<html><body>no declaration</body></html>", ZN_ENC_UNKNOWN},
      {"charset", ZN_ENC_UNKNOWN},
      {"charset=", ZN_ENC_UNKNOWN},
      {"<meta charset=\"iso-8859-1\">", ZN_ENC_UNKNOWN},
      {"", ZN_ENC_UNKNOWN},
  };
  size_t i;
  char *big;

  (void)state;
  for (i = 0; i < N_ELEMS(rows); i++) {
    zn_encoding e = zn_charset_sniff_declared(rows[i].s, strlen(rows[i].s));
    if (e != rows[i].enc)
      row_fail("sniff", i);
    assert_int_equal(e, rows[i].enc);
  }
  /* Only the first 4096 bytes are searched. */
  big = malloc(5000);
  assert_non_null(big);
  memset(big, ' ', 5000);
  memcpy(big + 4500, "charset=gbk", 11);
  assert_int_equal(zn_charset_sniff_declared(big, 5000), ZN_ENC_UNKNOWN);
  memcpy(big + 100, "charset=gbk", 11);
  assert_int_equal(zn_charset_sniff_declared(big, 5000), ZN_ENC_GB18030);
  free(big);
}

/* 新华社北京电，国务院总理今天主持召开常务会议。 in GB18030. */
#define GB_SENTENCE                                                            \
  "\xd0\xc2\xbb\xaa\xc9\xe7\xb1\xb1\xbe\xa9\xb5\xe7\xa3\xac\xb9\xfa\xce\xf1"   \
  "\xd4\xba\xd7\xdc\xc0\xed\xbd\xf1\xcc\xec\xd6\xf7\xb3\xd6\xd5\xd9\xbf\xaa"   \
  "\xb3\xa3\xce\xf1\xbb\xe1\xd2\xe9\xa1\xa3"
#define GB_SENTENCE_UTF8 "新华社北京电，国务院总理今天主持召开常务会议。"
/* 這是一個關於臺灣經濟發展的報導。 in Big5. */
#define BIG5_SENTENCE                                                          \
  "\xb3\x6f\xac\x4f\xa4\x40\xad\xd3\xc3\xf6\xa9\xf3\xbb\x4f\xc6\x57\xb8\x67"   \
  "\xc0\xd9\xb5\x6f\xae\x69\xaa\xba\xb3\xf8\xbe\xc9\xa1\x43"
#define BIG5_SENTENCE_UTF8 "這是一個關於臺灣經濟發展的報導。"
/* 今天天氣很好，我們一起去公園散步。 in Big5. */
#define BIG5_SENTENCE2                                                         \
  "\xa4\xb5\xa4\xd1\xa4\xd1\xae\xf0\xab\xdc\xa6\x6e\xa1\x41\xa7\xda\xad\xcc"   \
  "\xa4\x40\xb0\x5f\xa5\x68\xa4\xbd\xb6\xe9\xb4\xb2\xa8\x42\xa1\x43"
/* 你好 abc in UTF-16LE. */
#define UTF16LE_TEXT "\x60\x4f\x7d\x59\x20\x00\x61\x00\x62\x00\x63\x00"
/* 新闻 2024 in UTF-16LE and UTF-16BE. */
#define UTF16LE_NEWS "\xb0\x65\xfb\x95\x20\x00\x32\x00\x30\x00\x32\x00\x34\x00"
#define UTF16BE_NEWS "\x65\xb0\x95\xfb\x00\x20\x00\x32\x00\x30\x00\x32\x00\x34"

static void test_charset_detect(void **state) {
  static const struct {
    const char *s;
    size_t len;
    zn_encoding declared;
    zn_encoding enc;
    zn_enc_reason reason;
  } rows[] = {
      {LIT("plain ASCII"), ZN_ENC_UNKNOWN, ZN_ENC_UTF8, ZN_ENC_BY_VALID_UTF8},
      {LIT("中文新闻"), ZN_ENC_UNKNOWN, ZN_ENC_UTF8, ZN_ENC_BY_VALID_UTF8},
      /* valid UTF-8 beats a declared gb2312/gbk label */
      {LIT("<meta charset=gbk>中文新闻"), ZN_ENC_GB18030, ZN_ENC_UTF8,
       ZN_ENC_BY_VALID_UTF8},
      /* cut off by the end is still UTF-8 */
      {LIT("中文新闻\xE9\x97"), ZN_ENC_UNKNOWN, ZN_ENC_UTF8,
       ZN_ENC_BY_VALID_UTF8},
      /* BOMs */
      {LIT("\xEF\xBB\xBF"
           "abc\xFF"),
       ZN_ENC_UNKNOWN, ZN_ENC_UTF8, ZN_ENC_BY_BOM},
      {LIT("\xFF\xFE" UTF16LE_TEXT), ZN_ENC_UNKNOWN, ZN_ENC_UTF16LE,
       ZN_ENC_BY_BOM},
      {LIT("\xFE\xFF\x4e\x2d\x65\x87"), ZN_ENC_UNKNOWN, ZN_ENC_UTF16BE,
       ZN_ENC_BY_BOM},
      /* UTF-16 without a BOM, by its NULs */
      {LIT(UTF16LE_NEWS), ZN_ENC_UNKNOWN, ZN_ENC_UTF16LE, ZN_ENC_BY_BYTES},
      {LIT(UTF16BE_NEWS), ZN_ENC_UNKNOWN, ZN_ENC_UTF16BE, ZN_ENC_BY_BYTES},
      {LIT("a\x00"
           "b\x00"
           "c\x00"
           "d\x00"),
       ZN_ENC_UNKNOWN, ZN_ENC_UTF16LE, ZN_ENC_BY_BYTES},
      {LIT(UTF16LE_NEWS), ZN_ENC_UTF16LE, ZN_ENC_UTF16LE, ZN_ENC_BY_DECLARED},
      /* GB18030 */
      {LIT("\xD6\xD0\xCE\xC4"), ZN_ENC_UNKNOWN, ZN_ENC_GB18030,
       ZN_ENC_BY_BYTES},
      {LIT(GB_SENTENCE), ZN_ENC_UNKNOWN, ZN_ENC_GB18030, ZN_ENC_BY_BYTES},
      {LIT(GB_SENTENCE), ZN_ENC_GB18030, ZN_ENC_GB18030, ZN_ENC_BY_DECLARED},
      {LIT("<p>" GB_SENTENCE "</p>"), ZN_ENC_UNKNOWN, ZN_ENC_GB18030,
       ZN_ENC_BY_BYTES},
      /* declared utf-8, but the bytes are GBK */
      {LIT(GB_SENTENCE), ZN_ENC_UTF8, ZN_ENC_GB18030, ZN_ENC_BY_BYTES},
      /* Big5 */
      {LIT(BIG5_SENTENCE), ZN_ENC_UNKNOWN, ZN_ENC_BIG5, ZN_ENC_BY_BYTES},
      {LIT(BIG5_SENTENCE2), ZN_ENC_UNKNOWN, ZN_ENC_BIG5, ZN_ENC_BY_BYTES},
      {LIT(BIG5_SENTENCE), ZN_ENC_BIG5, ZN_ENC_BIG5, ZN_ENC_BY_DECLARED},
      {LIT(BIG5_SENTENCE), ZN_ENC_UTF8, ZN_ENC_BIG5, ZN_ENC_BY_BYTES},
      /* mostly UTF-8 with one stray byte */
      {LIT("新华社北京电\xFF今天主持召开常务会议"), ZN_ENC_UNKNOWN, ZN_ENC_UTF8,
       ZN_ENC_BY_BYTES},
      /* bytes nothing fits */
      {LIT("\x80\xFF\x80\xFF"), ZN_ENC_UNKNOWN, ZN_ENC_GB18030,
       ZN_ENC_BY_FALLBACK},
      {LIT(""), ZN_ENC_UNKNOWN, ZN_ENC_UTF8, ZN_ENC_BY_VALID_UTF8},
  };
  size_t i;

  (void)state;
  for (i = 0; i < N_ELEMS(rows); i++) {
    zn_enc_reason why = 0;
    zn_encoding e =
        zn_charset_detect(rows[i].s, rows[i].len, rows[i].declared, &why);
    if (e != rows[i].enc || why != rows[i].reason)
      row_fail("detect", i);
    assert_string_equal(zn_encoding_name(e), zn_encoding_name(rows[i].enc));
    assert_int_equal(why, rows[i].reason);
  }
  /* reason may be NULL */
  assert_int_equal(zn_charset_detect(LIT("abc"), ZN_ENC_UNKNOWN, NULL),
                   ZN_ENC_UTF8);
}

/* UTF-16 without a BOM where NULs mislead or are absent: 一 (U+4E00) puts a
 * NUL on the "wrong" parity; text with no ASCII at all has no NULs. */
static void test_charset_detect_utf16_hard(void **state) {
  static const char le_yi[] =
      "\x4b\x6d\xd5\x8b\x07\x68\x98\x98\x0a\x00\x0a\x00\xd9\x8f\x2f\x66\x63\x6b"
      "\x87\x65\x2c\x7b\x00\x4e\xb5\x6b\x0c\xff\x99\x51\x97\x5f\xd4\x6b\x83\x8f"
      "\x7f\x95\x00\x4e\x9b\x4e\x02\x30\x0a\x00";
  static const char be_yi[] =
      "\x6d\x4b\x8b\xd5\x68\x07\x98\x98\x00\x0a\x00\x0a\x8f\xd9\x66\x2f\x6b\x63"
      "\x65\x87\x7b\x2c\x4e\x00\x6b\xb5\xff\x0c\x51\x99\x5f\x97\x6b\xd4\x8f\x83"
      "\x95\x7f\x4e\x00\x4e\x9b\x30\x02\x00\x0a";
  static const char le_cjk[] =
      "\xd9\x8f\x2f\x66\x63\x6b\x87\x65\x2c\x7b\x00\x4e\xb5\x6b\x99\x51\x97\x5f"
      "\xd4\x6b\x83\x8f\x7f\x95\x00\x4e\x9b\x4e\xe5\x4e\xbf\x4f\xab\x88\xa4\x8b"
      "\xfa\x51\x2f\x66\x63\x6b\x87\x65\x2c\x7b\x8c\x4e\xe5\x53\x5f\x4e\x28\x57"
      "\xd9\x8f\xcc\x91";
  static const char be_cjk[] =
      "\x8f\xd9\x66\x2f\x6b\x63\x65\x87\x7b\x2c\x4e\x00\x6b\xb5\x51\x99\x5f\x97"
      "\x6b\xd4\x8f\x83\x95\x7f\x4e\x00\x4e\x9b\x4e\xe5\x4f\xbf\x88\xab\x8b\xa4"
      "\x51\xfa\x66\x2f\x6b\x63\x65\x87\x7b\x2c\x4e\x8c\x53\xe5\x4e\x5f\x57\x28"
      "\x8f\xd9\x91\xcc";
  (void)state;
  assert_int_equal(
      zn_charset_detect(le_yi, sizeof le_yi - 1, ZN_ENC_UNKNOWN, NULL),
      ZN_ENC_UTF16LE);
  assert_int_equal(
      zn_charset_detect(be_yi, sizeof be_yi - 1, ZN_ENC_UNKNOWN, NULL),
      ZN_ENC_UTF16BE);
  assert_int_equal(
      zn_charset_detect(le_cjk, sizeof le_cjk - 1, ZN_ENC_UNKNOWN, NULL),
      ZN_ENC_UTF16LE);
  assert_int_equal(
      zn_charset_detect(be_cjk, sizeof be_cjk - 1, ZN_ENC_UNKNOWN, NULL),
      ZN_ENC_UTF16BE);
}

static void test_charset_convert(void **state) {
  static const struct {
    const char *s;
    size_t len;
    zn_encoding enc;
    int rc;
    const char *want;
    size_t n_invalid;
  } rows[] = {
      {LIT("\xD6\xD0\xCE\xC4"), ZN_ENC_GB18030, ZN_OK, "中文", 0},
      {LIT(GB_SENTENCE), ZN_ENC_GB18030, ZN_OK, GB_SENTENCE_UTF8, 0},
      {LIT("\x95\x32\x82\x36"), ZN_ENC_GB18030, ZN_OK, "𠀀", 0},
      {LIT("\x84\x31\x95\x33"
           "\xD6\xD0"),
       ZN_ENC_GB18030, ZN_OK, "中", 0},
      {LIT(BIG5_SENTENCE), ZN_ENC_BIG5, ZN_OK, BIG5_SENTENCE_UTF8, 0},
      {LIT("\xa4\xa4\xa4\xe5"), ZN_ENC_BIG5, ZN_OK, "中文", 0},
      {LIT("\xFF\xFE" UTF16LE_TEXT), ZN_ENC_UTF16LE, ZN_OK, "你好 abc", 0},
      {LIT(UTF16LE_TEXT), ZN_ENC_UTF16LE, ZN_OK, "你好 abc", 0},
      {LIT(UTF16BE_NEWS), ZN_ENC_UTF16BE, ZN_OK, "新闻 2024", 0},
      {LIT("\xFE\xFF"
           "\x4e\x2d\x65\x87"),
       ZN_ENC_UTF16BE, ZN_OK, "中文", 0},
      {LIT("\xEF\xBB\xBF"
           "中文"),
       ZN_ENC_UTF8, ZN_OK, "中文", 0},
      {LIT("中文\xFF新闻报道内容"), ZN_ENC_UTF8, ZN_OK,
       "中文" FFFD "新闻报道内容", 1},
      /* one bad byte among many: replaced and counted */
      {LIT(GB_SENTENCE "\xFF"), ZN_ENC_GB18030, ZN_OK, GB_SENTENCE_UTF8 FFFD,
       1},
      {LIT(GB_SENTENCE "\xD6"), ZN_ENC_GB18030, ZN_OK, GB_SENTENCE_UTF8 FFFD,
       1},
      /* a lone surrogate in UTF-16 */
      {LIT("a\x00\x00\xD8"
           "b\x00"
           "c\x00"
           "d\x00"
           "e\x00"
           "f\x00"
           "g\x00"
           "h\x00"),
       ZN_ENC_UTF16LE, ZN_OK, "a" FFFD "bcdefgh", 1},
      /* more than 1/8 undecodable: refused */
      {LIT("\xFF\xFF\xFF\xFF"), ZN_ENC_GB18030, ZN_EBADENC, "", 4},
      {LIT("\xFF\xFE\xFF\xFE\xFF\xFE"), ZN_ENC_UTF8, ZN_EBADENC, "", 6},
      {LIT("\x00\xD8\x00\xD8"), ZN_ENC_UTF16LE, ZN_EBADENC, "", 2},
      {LIT(""), ZN_ENC_GB18030, ZN_OK, "", 0},
  };
  size_t i;

  (void)state;
  for (i = 0; i < N_ELEMS(rows); i++) {
    zn_buf b;
    size_t n_bad = 99;
    int rc;

    zn_buf_init(&b, 0);
    rc = zn_charset_to_utf8(rows[i].s, rows[i].len, rows[i].enc, &b, &n_bad);
    if (rc != rows[i].rc || n_bad != rows[i].n_invalid)
      row_fail("convert", i);
    assert_int_equal(rc, rows[i].rc);
    assert_int_equal(n_bad, rows[i].n_invalid);
    assert_int_equal(b.len, strlen(rows[i].want));
    if (b.len > 0)
      assert_memory_equal(b.data, rows[i].want, b.len);
    zn_buf_free(&b);
  }
}

static void test_charset_convert_misc(void **state) {
  zn_buf b;
  size_t n_bad;
  char *big;
  size_t i;
  size_t n = 100000;

  (void)state;
  zn_buf_init(&b, 0);
  assert_int_equal(zn_charset_to_utf8(LIT("abc"), ZN_ENC_UNKNOWN, &b, NULL),
                   ZN_EINVAL);
  assert_int_equal(zn_charset_to_utf8(LIT("abc"), (zn_encoding)42, &b, NULL),
                   ZN_EINVAL);
  /* conversion appends */
  assert_int_equal(zn_buf_append_str(&b, "前"), ZN_OK);
  assert_int_equal(
      zn_charset_to_utf8(LIT("\xD6\xD0"), ZN_ENC_GB18030, &b, NULL), ZN_OK);
  assert_string_equal(b.data, "前中");
  /* a refused conversion leaves the buffer as it was */
  assert_int_equal(
      zn_charset_to_utf8(LIT("\xFF\xFF"), ZN_ENC_GB18030, &b, &n_bad),
      ZN_EBADENC);
  assert_string_equal(b.data, "前中");
  zn_buf_free(&b);

  /* Long input: the output buffer grows across iconv's E2BIG. */
  big = malloc(n);
  assert_non_null(big);
  for (i = 0; i + 4 <= n; i += 4)
    memcpy(big + i, "\xD6\xD0\xCE\xC4", 4);
  zn_buf_init(&b, 0);
  assert_int_equal(zn_charset_detect(big, n, ZN_ENC_UNKNOWN, NULL),
                   ZN_ENC_GB18030);
  assert_int_equal(zn_charset_to_utf8(big, n, ZN_ENC_GB18030, &b, &n_bad),
                   ZN_OK);
  assert_int_equal(n_bad, 0);
  assert_int_equal(b.len, n / 4 * 6);
  assert_memory_equal(b.data + b.len - 6, "中文", 6);
  zn_buf_free(&b);

  /* A size cap is reported as ZN_ETOOBIG. */
  zn_buf_init(&b, 1000);
  assert_int_equal(zn_charset_to_utf8(big, n, ZN_ENC_GB18030, &b, &n_bad),
                   ZN_ETOOBIG);
  assert_int_equal(b.len, 0);
  zn_buf_free(&b);
  free(big);
}

/* Detection then conversion, the way extract uses them. */
static void test_charset_pipeline(void **state) {
  static const char page[] =
      "<html><head><meta http-equiv=\"Content-Type\" "
      "content=\"text/html; charset=gb2312\"></head><body><p>" GB_SENTENCE
      "</p></body></html>";
  static const char mislabeled[] =
      "<meta charset=\"gb2312\"><p>" GB_SENTENCE_UTF8;
  zn_encoding declared;
  zn_enc_reason why;
  zn_encoding enc;
  zn_buf b;
  size_t n_bad;

  (void)state;
  declared = zn_charset_sniff_declared(LIT(page));
  assert_int_equal(declared, ZN_ENC_GB18030);
  enc = zn_charset_detect(LIT(page), declared, &why);
  assert_int_equal(enc, ZN_ENC_GB18030);
  assert_int_equal(why, ZN_ENC_BY_DECLARED);
  zn_buf_init(&b, 0);
  assert_int_equal(zn_charset_to_utf8(LIT(page), enc, &b, &n_bad), ZN_OK);
  assert_int_equal(n_bad, 0);
  assert_non_null(strstr(b.data, "<p>" GB_SENTENCE_UTF8 "</p>"));
  zn_buf_free(&b);

  /* declared gb2312, but the bytes are UTF-8 */
  declared = zn_charset_sniff_declared(LIT(mislabeled));
  assert_int_equal(declared, ZN_ENC_GB18030);
  enc = zn_charset_detect(LIT(mislabeled), declared, &why);
  assert_int_equal(enc, ZN_ENC_UTF8);
  assert_int_equal(why, ZN_ENC_BY_VALID_UTF8);
}

static void test_looks_binary(void **state) {
  static const struct {
    const char *s;
    size_t len;
    bool binary;
  } rows[] = {
      {LIT(""), false},
      {LIT("plain text\r\n\twith\fcontrols\x1B[0m"), false},
      {LIT("中文新闻"), false},
      {LIT(GB_SENTENCE), false},
      {LIT("\x7F"
           "ELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00"),
       true},
      {LIT("PK\x03\x04\x14\x00\x00\x00\x08\x00"), true},
      {LIT("text with one NUL\x00 in it"), true},
      {LIT("\x01\x02\x03\x04 some text"), true},
      {LIT("\xFF\xFE" UTF16LE_TEXT), false},
      {LIT(UTF16LE_NEWS), false},
      {LIT(UTF16BE_NEWS), false},
      {LIT("\x00\x00\x00\x00\x00\x00\x00\x00"), true},
  };
  size_t i;

  (void)state;
  for (i = 0; i < N_ELEMS(rows); i++) {
    if (zn_text_looks_binary(rows[i].s, rows[i].len) != rows[i].binary)
      row_fail("binary", i);
    assert_int_equal(zn_text_looks_binary(rows[i].s, rows[i].len),
                     rows[i].binary);
  }
}

/* Random bytes through the whole layer: never a crash, never invalid
 * UTF-8 out, and every error is ZN_EBADENC or counted as U+FFFD. */
static void test_random_garbage(void **state) {
  uint32_t seed = 12345;
  char bytes[512];
  int round;

  (void)state;
  for (round = 0; round < 300; round++) {
    size_t len = (size_t)(round * 7 % 512);
    zn_encoding enc;
    zn_buf b;
    size_t n_bad = 0;
    size_t i;
    int rc;
    struct collect c = {bytes, {0}, 0, 0};

    for (i = 0; i < len; i++) {
      seed = seed * 1103515245u + 12345u;
      bytes[i] = (char)(seed >> 16);
    }
    enc = zn_charset_detect(bytes, len, ZN_ENC_UNKNOWN, NULL);
    if (len > 0)
      assert_int_not_equal(enc, ZN_ENC_UNKNOWN);
    zn_buf_init(&b, 0);
    rc = zn_charset_to_utf8(bytes, len, enc, &b, &n_bad);
    assert_true(rc == ZN_OK || rc == ZN_EBADENC);
    if (rc == ZN_EBADENC)
      assert_true(n_bad > 0);
    if (b.len > 0)
      assert_true(zn_utf8_valid(b.data, b.len, NULL));
    zn_buf_reset(&b);
    assert_int_equal(zn_text_normalize(bytes, len, ZN_NORM_ALL, &b, &n_bad),
                     ZN_OK);
    if (b.len > 0)
      assert_true(zn_utf8_valid(b.data, b.len, NULL));
    zn_buf_free(&b);
    (void)zn_text_looks_binary(bytes, len);
    (void)zn_charset_sniff_declared(bytes, len);
    zn_buf_init(&c.out, 0);
    assert_int_equal(zn_text_sentences(bytes, len, collect_cb, &c), ZN_OK);
    zn_buf_free(&c.out);
    for (enc = ZN_ENC_UTF8; enc <= ZN_ENC_BIG5; enc++) {
      zn_buf_init(&b, 0);
      rc = zn_charset_to_utf8(bytes, len, enc, &b, &n_bad);
      assert_true(rc == ZN_OK || rc == ZN_EBADENC);
      if (rc == ZN_OK && b.len > 0)
        assert_true(zn_utf8_valid(b.data, b.len, NULL));
      zn_buf_free(&b);
    }
  }
}

/* zn__surname_prefix: compound surnames first (a filter on their first
 * characters skips the scan of them: every compound must still be found),
 * then single ones; traditional forms too. */
static void test_surname_prefix(void **state) {
  static const struct {
    const char *s;
    size_t want;
  } rows[] = {
      {"欧阳修", 6},   {"司马光", 6}, {"诸葛亮", 6}, {"諸葛亮", 6},
      {"上官婉儿", 6}, {"東方朔", 6}, {"聞人", 6},   {"叱干", 6},
      {"颛孙师", 6},   {"亓官", 6},   {"第五伦", 6}, {"万俟卨", 6},
      {"王小明", 3},   {"陈", 3},     {"欧洲", 3},   {"司令", 3},
      {"上海", 0},     {"东京", 0},   {"的", 0},     {"ab", 0},
      {"", 0},         {"西门庆", 6}, {"西方", 0},   {"钟离", 6},
  };
  (void)state;
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    if (zn__surname_prefix(rows[i].s, strlen(rows[i].s)) != rows[i].want) {
      row_fail("surname_prefix", i);
      fail();
    }
  }
  /* A compound cut short is no compound. */
  assert_int_equal(zn__surname_prefix("欧阳", 5), 3);
  assert_int_equal(zn__surname_prefix("司马", 4), 3);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_utf8_decode),
      cmocka_unit_test(test_utf8_sanitize),
      cmocka_unit_test(test_utf8_valid),
      cmocka_unit_test(test_utf8_encode_roundtrip),
      cmocka_unit_test(test_char_class),
      cmocka_unit_test(test_char_predicates),
      cmocka_unit_test(test_normalize),
      cmocka_unit_test(test_normalize_appends_and_rejects),
      cmocka_unit_test(test_out_of_memory),
      cmocka_unit_test(test_sentences),
      cmocka_unit_test(test_sentences_stop_and_limits),
      cmocka_unit_test(test_encoding_labels),
      cmocka_unit_test(test_charset_sniff),
      cmocka_unit_test(test_charset_detect),
      cmocka_unit_test(test_charset_detect_utf16_hard),
      cmocka_unit_test(test_charset_convert),
      cmocka_unit_test(test_charset_convert_misc),
      cmocka_unit_test(test_charset_pipeline),
      cmocka_unit_test(test_looks_binary),
      cmocka_unit_test(test_random_garbage),
      cmocka_unit_test(test_surname_prefix),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
