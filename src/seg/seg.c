/* SPDX-License-Identifier: MIT */
/*
 * seg.c - the segmenter: zn_seg and zn_seg_run().
 *
 * Text is cut into runs by character class (STYLE.md §3, after cppjieba's
 * PreFilter): white space is dropped; numbers, Latin words, URLs and e-mail
 * addresses, punctuation and other scripts become tokens by rule; each run
 * of Han characters is segmented by the maximum-probability path through
 * the lattice of lexicon words (a unigram model, walking the double-array
 * trie from every position, right to left so that no lattice is stored),
 * with Chinese-numeral dates as extra lattice edges.  Stretches that the
 * path leaves as single characters go through the B/E/M/S HMM of unknown
 * words, guarded so that frequent single-character words (的, 是, 在 ...)
 * never merge into a "word".  User words are matched first and always win.
 * Search mode adds, after each token, every lexicon word inside it.
 * Accurate mode labels each Han run's characters with the trained model
 * (model.c) instead, and tags the tokens of the call with its POS tagger;
 * the rules and user words around the runs are the same in every mode.
 */
#include "zhnews/seg.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zhnews/text.h"
#include "private/errstr.h"
#include "private/names.h"
#include "seg/dictline.h"
#include "private/utf8-inl.h"
#include "seg/lexicon-int.h"
#include "seg/model-int.h"
#include "seg/seg-int.h"

/* A user word is at most this long, in code points. */
#define ZN_MAX_USER_WORD_NCHAR 64
/* Single characters more probable than this as words (的, 是, 在, 了 ...)
 * never join a word the HMM proposes. */
#define ZN_HMM_GUARD_LOGP (-13.5f)
/* Log-probability of a Chinese-numeral date (二○○一年, 十二月, 三十一日):
 * as likely as a common word, so the lattice prefers it to single digits. */
#define ZN_NUMERAL_DATE_LOGP (-6.0)
/* A character more probable than this as a word of its own is not taken
 * into a given name (machine, grasp, ...). */
#define ZN_NAME_CHAR_MAX_LOGP (-11.0f)
#define ZN_ERRMSG_MAX 256
/* How many positions ahead the lattice loop asks for trie states. */
#define ZN_PREFETCH_L1 8
#define ZN_PREFETCH_L2 4
#if defined(__GNUC__)
#define ZN_PREFETCH(p) __builtin_prefetch((p), 0, 1)
#else
#define ZN_PREFETCH(p) ((void)(p))
#endif
/* Floats standing for "never". */
#define ZN_NEG_INF (-1e300)

/* Tags for tokens made by rule (the jieba / ICTCLAS set). */
static const char k_tag_num[] = "m";
static const char k_tag_time[] = "t";
static const char k_tag_eng[] = "eng";
static const char k_tag_x[] = "x";
static const char k_tag_person[] = "nr";
static const char k_tag_place[] = "ns";
static const char k_tag_noun[] = "n";

/* Lattice edge kinds beside lexicon words (wid > 0 is the trie state where
 * the word ends). */
enum { EDGE_UNKNOWN = 0 };
#define EDGE_NUMERAL UINT32_MAX
#define EDGE_NAME (UINT32_MAX - 1)

struct uedge {
  uint32_t parent; /* node id */
  uint32_t cp;
  uint32_t child; /* node id, 0 = empty slot (the root is never a child) */
};

struct uword {
  char tag[16];
};

struct zn_seg {
  const zn_lexicon *lex;
  zn_seg_mode mode;
  char errmsg[ZN_ERRMSG_MAX];
  /* one Han run: code points, byte offsets (n + 1), codes, the lattice */
  uint32_t *cp;
  size_t *boff;
  uint32_t *code;
  double *best;
  uint32_t *nxt;
  uint32_t *wid;
  size_t cap;
  /* HMM scratch for one stretch */
  float *vit;    /* 4 per position */
  uint8_t *back; /* 4 per position */
  size_t hmm_cap;
  /* user words: a trie of hashed edges */
  struct uedge *uedges;
  size_t n_uedges, cap_uedges; /* cap is a power of two */
  int32_t *unode_word;         /* per node: index into uwords or -1 */
  size_t n_unodes, cap_unodes;
  struct uword *uwords;
  size_t n_uwords, cap_uwords;
  /* accurate mode: the model (borrowed), its scratch, the tokens of the
   * call held back for the tagger */
  const zn_model *model;
  bool pos;
  struct zn__mdl_run mr;
  zn_token *tb;
  struct zn__mdl_word *tw;
  size_t n_tb, cap_tb;
  /* the trainer's hook: Han runs go to it instead of the decoder */
  zn__seg_run_hook hook;
  void *hook_ctx;
};

/* Where one zn_seg_run() call is. */
struct run {
  zn_seg *seg;
  const char *text;
  size_t len;
  zn_token_cb cb;
  void *ctx;
  bool stop;
  int rc;          /* an error met while holding tokens */
  bool hold;       /* accurate mode with tags: tokens go to seg->tb */
  size_t user_end; /* where the last user word ended, or SIZE_MAX */
};

/* ------------------------------------------------------------ helpers */

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int
seg_fail(zn_seg *seg, int rc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(seg->errmsg, sizeof seg->errmsg, fmt, ap);
  va_end(ap);
  return rc;
}

/* Han as zn_char_is_han() has it (with 々 〆 〇), plus ○ as written in
 * 二○○一年; inline here for the hot loop. */
static inline bool is_han_cp(uint32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3005 && cp <= 0x3007) ||
         cp == 0x25CB || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x20000 && cp <= 0x3134F) || (cp >= 0xF900 && cp <= 0xFAFF);
}

static bool is_digit_cp(uint32_t cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

static bool is_latin_cp(uint32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
         (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A) ||
         (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

static bool is_alnum_cp(uint32_t cp) {
  return is_digit_cp(cp) || is_latin_cp(cp);
}

static bool is_space_cp(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
         cp == '\v' || cp == 0xA0 || cp == 0x3000 || cp == 0xFEFF ||
         (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0x202F || cp == 0x205F;
}

/* Decodes at text[i]; an invalid sequence gives cp = UINT32_MAX and the
 * length of its maximal subpart (as zn_utf8_nchar() counts it). */
static inline uint32_t dec(const char *text, size_t len, size_t i, int *n) {
  const unsigned char *u = (const unsigned char *)text + i;
  int32_t cp;
  if (u[0] < 0x80) {
    *n = 1;
    return u[0];
  }
  /* The common case in Chinese text: a 3-byte sequence E1..EC / EE..EF. */
  if (len - i >= 3 && u[0] >= 0xE1 && u[0] <= 0xEF && u[0] != 0xED &&
      (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
    *n = 3;
    return (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 |
           (u[2] & 0x3F);
  }
  *n = zn__utf8_decode_inl(u, len - i, &cp);
  if (cp < 0)
    return UINT32_MAX; /* *n is the maximal invalid subpart */
  return (uint32_t)cp;
}

static int flush_held(struct run *r);

/* Holds a token back for the tagger; tags and passes them on at the end
 * of a sentence, or when many are held.  Returns r->stop. */
static int hold_token(struct run *r, const zn_token *t) {
  zn_seg *seg = r->seg;
  if (seg->n_tb == seg->cap_tb) {
    size_t cap = seg->cap_tb == 0 ? 256 : seg->cap_tb * 2;
    zn_token *a = zn_realloc(seg->tb, cap * sizeof *a);
    struct zn__mdl_word *b;
    if (a == NULL) {
      r->stop = true;
      r->rc = ZN_ENOMEM;
      return 1;
    }
    seg->tb = a;
    b = zn_realloc(seg->tw, cap * sizeof *b);
    if (b == NULL) {
      r->stop = true;
      r->rc = ZN_ENOMEM;
      return 1;
    }
    seg->tw = b;
    seg->cap_tb = cap;
  }
  seg->tb[seg->n_tb++] = *t;
  /* 。！？ end a sentence: the tagger's context stops there anyway. */
  if (seg->n_tb >= 1024 ||
      (t->len == 3 && ((memcmp(r->text + t->off, "\xE3\x80\x82", 3) == 0 ||
                        memcmp(r->text + t->off, "\xEF\xBC\x81", 3) == 0 ||
                        memcmp(r->text + t->off, "\xEF\xBC\x9F", 3) == 0))))
    return flush_held(r);
  return 0;
}

static int emit(struct run *r, size_t off, size_t len, size_t char_off,
                size_t nchar, const char *tag, unsigned flags) {
  zn_token t;
  if (r->stop)
    return 1;
  t.off = off;
  t.len = len;
  t.char_off = char_off;
  t.nchar = nchar;
  t.tag = tag;
  t.flags = flags;
  if (r->hold)
    return hold_token(r, &t);
  if (r->cb(r->ctx, r->text, &t) != 0)
    r->stop = true;
  return r->stop;
}

/* Tags the held tokens and passes them on. */
static int flush_held(struct run *r) {
  zn_seg *seg = r->seg;
  size_t n = seg->n_tb;
  seg->n_tb = 0;
  for (size_t k = 0; k < n; k++) {
    struct zn__mdl_word *w = &seg->tw[k];
    const zn_token *t = &seg->tb[k];
    w->s = r->text + t->off;
    w->len = t->len;
    w->lextag = NULL;
    if (!zn_lexicon_lookup(seg->lex, w->s, w->len, NULL, &w->lextag))
      w->lextag = NULL;
    w->tag = t->flags & ZN_TOKEN_USER ? -2 : -1;
  }
  zn__mdl_tag(seg->model, seg->tw, n);
  for (size_t k = 0; k < n && !r->stop; k++) {
    zn_token t = seg->tb[k];
    if (seg->tw[k].tag >= 0)
      t.tag = seg->model->tags[seg->tw[k].tag];
    if (r->cb(r->ctx, r->text, &t) != 0)
      r->stop = true;
  }
  return r->stop;
}

static int ensure(zn_seg *seg, size_t n) {
  size_t cap = seg->cap == 0 ? 256 : seg->cap;
  if (n <= seg->cap)
    return ZN_OK;
  while (cap < n)
    cap *= 2;
#define ZN__GROW(field)                                                        \
  do {                                                                         \
    void *p = zn_realloc(seg->field, cap * sizeof *seg->field);                \
    if (p == NULL)                                                             \
      return ZN_ENOMEM;                                                        \
    seg->field = p;                                                            \
  } while (0)
  ZN__GROW(cp);
  ZN__GROW(boff);
  ZN__GROW(code);
  ZN__GROW(best);
  ZN__GROW(nxt);
  ZN__GROW(wid);
#undef ZN__GROW
  seg->cap = cap;
  return ZN_OK;
}

/* ---------------------------------------------------------- user words */

static uint32_t uhash(uint32_t parent, uint32_t cp) {
  uint32_t h = parent * 2654435761u ^ (cp + 0x9E3779B9u);
  h ^= h >> 15;
  h *= 2246822519u;
  h ^= h >> 13;
  return h;
}

static uint32_t user_next(const zn_seg *seg, uint32_t node, uint32_t cp) {
  size_t mask;
  size_t i;
  if (seg->cap_uedges == 0)
    return 0;
  mask = seg->cap_uedges - 1;
  for (i = uhash(node, cp) & mask;; i = (i + 1) & mask) {
    const struct uedge *e = &seg->uedges[i];
    if (e->child == 0)
      return 0;
    if (e->parent == node && e->cp == cp)
      return e->child;
  }
}

static int user_rehash(zn_seg *seg) {
  size_t cap = seg->cap_uedges == 0 ? 64 : seg->cap_uedges * 2;
  struct uedge *old = seg->uedges;
  size_t old_cap = seg->cap_uedges;
  struct uedge *t = zn_malloc(cap * sizeof *t);
  if (t == NULL)
    return ZN_ENOMEM;
  memset(t, 0, cap * sizeof *t);
  for (size_t k = 0; k < old_cap; k++) {
    if (old[k].child != 0) {
      size_t i = uhash(old[k].parent, old[k].cp) & (cap - 1);
      while (t[i].child != 0)
        i = (i + 1) & (cap - 1);
      t[i] = old[k];
    }
  }
  zn_free(old);
  seg->uedges = t;
  seg->cap_uedges = cap;
  return ZN_OK;
}

static int user_new_node(zn_seg *seg, uint32_t *id) {
  if (seg->n_unodes == seg->cap_unodes) {
    size_t cap = seg->cap_unodes == 0 ? 64 : seg->cap_unodes * 2;
    int32_t *p = zn_realloc(seg->unode_word, cap * sizeof *p);
    if (p == NULL)
      return ZN_ENOMEM;
    seg->unode_word = p;
    seg->cap_unodes = cap;
  }
  seg->unode_word[seg->n_unodes] = -1;
  *id = (uint32_t)seg->n_unodes++;
  return ZN_OK;
}

int zn_seg_add_word(zn_seg *seg, const char *word, size_t len, double freq,
                    const char *tag) {
  uint32_t node = 0;
  size_t i = 0;
  size_t nc = 0;
  int rc;
  (void)freq; /* a user word wins whatever its frequency */

  if (len == 0 || (tag != NULL && strlen(tag) >= sizeof seg->uwords->tag))
    return seg_fail(seg, ZN_EINVAL, "empty word or tag too long");
  if (!zn_utf8_valid(word, len, NULL))
    return seg_fail(seg, ZN_EBADUTF8, "user word is not valid UTF-8");
  if (seg->n_unodes == 0) {
    rc = user_new_node(seg, &node); /* the root */
    if (rc != ZN_OK)
      return seg_fail(seg, rc, "%s", zn_strerror(rc));
  }
  while (i < len) {
    int n;
    uint32_t cp = dec(word, len, i, &n);
    uint32_t child;
    if (is_space_cp(cp) || ++nc > ZN_MAX_USER_WORD_NCHAR)
      return seg_fail(seg, ZN_EINVAL,
                      "user word has white space or is too long");
    child = user_next(seg, node, cp);
    if (child == 0) {
      size_t k;
      if ((seg->n_uedges + 1) * 4 > seg->cap_uedges * 3) {
        rc = user_rehash(seg);
        if (rc != ZN_OK)
          return seg_fail(seg, rc, "%s", zn_strerror(rc));
      }
      rc = user_new_node(seg, &child);
      if (rc != ZN_OK)
        return seg_fail(seg, rc, "%s", zn_strerror(rc));
      k = uhash(node, cp) & (seg->cap_uedges - 1);
      while (seg->uedges[k].child != 0)
        k = (k + 1) & (seg->cap_uedges - 1);
      seg->uedges[k].parent = node;
      seg->uedges[k].cp = cp;
      seg->uedges[k].child = child;
      seg->n_uedges++;
    }
    node = child;
    i += (size_t)n;
  }
  if (seg->unode_word[node] < 0) {
    if (seg->n_uwords == seg->cap_uwords) {
      size_t cap = seg->cap_uwords == 0 ? 16 : seg->cap_uwords * 2;
      struct uword *p = zn_realloc(seg->uwords, cap * sizeof *p);
      if (p == NULL)
        return seg_fail(seg, ZN_ENOMEM, "%s", zn_strerror(ZN_ENOMEM));
      seg->uwords = p;
      seg->cap_uwords = cap;
    }
    seg->unode_word[node] = (int32_t)seg->n_uwords++;
  }
  snprintf(seg->uwords[seg->unode_word[node]].tag, sizeof seg->uwords->tag,
           "%s", tag != NULL ? tag : k_tag_noun);
  return ZN_OK;
}

int zn_seg_load_userdict(zn_seg *seg, const char *path) {
  FILE *f = fopen(path, "r");
  char line[ZN_MAX_DICT_LINE + 2];
  char ebuf[128];
  size_t lineno = 0;
  int rc = ZN_OK;
  if (f == NULL) {
    int e = errno;
    return seg_fail(seg, e == ENOENT ? ZN_ENOENT : ZN_EIO, "%s: %s", path,
                    zn__errno_str(e, ebuf, sizeof ebuf));
  }
  while (fgets(line, sizeof line, f) != NULL) {
    struct zn__dict_line dl;
    const char *why = NULL;
    char tag[sizeof seg->uwords->tag];
    int got;
    lineno++;
    if (strlen(line) > ZN_MAX_DICT_LINE) {
      rc = seg_fail(seg, ZN_EFORMAT, "%s:%zu: line too long", path, lineno);
      break;
    }
    got = zn__dict_line_parse(line, lineno == 1, &dl, &why);
    if (got < 0) {
      rc = seg_fail(seg, got, "%s:%zu: %s", path, lineno, why);
      break;
    }
    if (got == 0)
      continue;
    if (dl.tag != NULL && dl.tag_len >= sizeof tag) {
      rc = seg_fail(seg, ZN_EFORMAT, "%s:%zu: tag too long", path, lineno);
      break;
    }
    if (dl.tag != NULL) {
      memcpy(tag, dl.tag, dl.tag_len);
      tag[dl.tag_len] = '\0';
    }
    rc = zn_seg_add_word(seg, dl.word, dl.word_len, dl.freq,
                         dl.tag != NULL ? tag : NULL);
    if (rc != ZN_OK) {
      char why2[ZN_ERRMSG_MAX];
      snprintf(why2, sizeof why2, "%s", seg->errmsg);
      rc = seg_fail(seg, rc, "%s:%zu: %s", path, lineno, why2);
      break;
    }
  }
  if (rc == ZN_OK && ferror(f))
    rc = seg_fail(seg, ZN_EIO, "%s: read error", path);
  fclose(f);
  return rc;
}

/* The longest user word at text[i]: its byte length, 0 if none.  A word
 * that starts or ends with a letter or digit must not cut a Latin word. */
static size_t user_match(const zn_seg *seg, const char *text, size_t len,
                         size_t i, size_t *nchar, const char **tag) {
  uint32_t node = 0;
  size_t j = i;
  size_t best = 0;
  size_t nc = 0;
  uint32_t first = UINT32_MAX;
  uint32_t last = 0;
  if (seg->n_uwords == 0)
    return 0;
  while (j < len) {
    int n;
    uint32_t cp = dec(text, len, j, &n);
    if (cp == UINT32_MAX)
      break;
    node = user_next(seg, node, cp);
    if (node == 0)
      break;
    if (first == UINT32_MAX)
      first = cp;
    j += (size_t)n;
    nc++;
    last = cp;
    if (seg->unode_word[node] >= 0) {
      bool ok = true;
      if (is_alnum_cp(last) && j < len) {
        int n2;
        ok = !is_alnum_cp(dec(text, len, j, &n2));
      }
      if (ok) {
        best = j - i;
        *nchar = nc;
        *tag = seg->uwords[seg->unode_word[node]].tag;
      }
    }
  }
  if (best > 0 && is_alnum_cp(first) && i > 0) {
    /* the character before must not be a letter or digit */
    size_t k = i - 1;
    int n2;
    while (k > 0 && ((unsigned char)text[k] & 0xC0) == 0x80)
      k--;
    if (is_alnum_cp(dec(text, len, k, &n2)))
      return 0;
  }
  return best;
}

/* ------------------------------------------------------- rule tokens */

static bool is_unit_cp(uint32_t cp, bool *is_time) {
  switch (cp) {
  case 0x5E74: /* 年 */
  case 0x6708: /* 月 */
  case 0x65E5: /* 日 */
  case 0x53F7: /* 号 */
  case 0x65F6: /* 时 */
  case 0x5206: /* 分 */
  case 0x79D2: /* 秒 */
    *is_time = true;
    return true;
  default:
    return false;
  }
}

/* A number from text[i]: digits with decimal point, thousands commas and
 * a percent sign; letters run into it (5G); a date unit (1998年, 5月31日,
 * 1998年5月). Returns the end; *tag says m or t. */
static size_t number_end(const char *text, size_t len, size_t i, size_t *nchar,
                         const char **tag) {
  size_t j = i;
  size_t nc = 0;
  int n;
  uint32_t cp;
  bool time = false;
  int units = 0;

  *tag = k_tag_num;
  for (;;) {
    /* digits, with . , : inside when more digits follow */
    while (j < len && is_digit_cp(dec(text, len, j, &n))) {
      j += (size_t)n;
      nc++;
    }
    if (j >= len)
      break;
    cp = dec(text, len, j, &n);
    if (cp == '.' || cp == 0xFF0E || cp == ',' || cp == ':') {
      int n2;
      if (j + (size_t)n < len &&
          is_digit_cp(dec(text, len, j + (size_t)n, &n2))) {
        if (cp == ':')
          time = true; /* 16:01 */
        j += (size_t)n;
        nc++;
        continue;
      }
      break;
    }
    if (cp == '%' || cp == 0xFF05 || cp == 0x2030) {
      j += (size_t)n;
      nc++;
      break;
    }
    if (is_latin_cp(cp)) {
      while (j < len && is_alnum_cp(dec(text, len, j, &n))) {
        j += (size_t)n;
        nc++;
      }
      break;
    }
    {
      bool is_t = false;
      if (is_unit_cp(cp, &is_t)) {
        j += (size_t)n;
        nc++;
        time = true;
        units++;
        /* 1998年5月 and 5月31日 stay one token */
        if ((cp == 0x5E74 || cp == 0x6708) && units < 3 && j < len &&
            is_digit_cp(dec(text, len, j, &n))) {
          size_t k = j;
          size_t kc = 0;
          while (k < len && is_digit_cp(dec(text, len, k, &n))) {
            k += (size_t)n;
            kc++;
          }
          if (k < len) {
            uint32_t u = dec(text, len, k, &n);
            if ((cp == 0x5E74 && u == 0x6708) ||
                (cp == 0x6708 && (u == 0x65E5 || u == 0x53F7))) {
              j = k;
              nc += kc;
              continue; /* the unit is read on the next round */
            }
          }
        }
      }
    }
    break;
  }
  if (time)
    *tag = k_tag_time;
  *nchar = nc;
  return j;
}

/* A URL (http://, https://, ftp://, www.) runs to white space or a
 * character no URL has. */
static size_t url_end(const char *text, size_t len, size_t i, size_t *nchar) {
  static const char *const starts[] = {"http://", "https://", "ftp://",
                                       "www.",    "HTTP://",  "HTTPS://"};
  size_t j = i;
  bool ok = false;
  for (size_t k = 0; k < sizeof starts / sizeof starts[0]; k++) {
    size_t n = strlen(starts[k]);
    if (len - i >= n && memcmp(text + i, starts[k], n) == 0)
      ok = true;
  }
  if (!ok)
    return i;
  while (j < len) {
    unsigned char c = (unsigned char)text[j];
    if (c <= ' ' || c >= 0x7F || c == '"' || c == '<' || c == '>' ||
        c == '\'' || c == '`' || c == '{' || c == '}' || c == '|' ||
        c == '\\' || c == '^')
      break;
    j++;
  }
  /* Trailing sentence punctuation belongs to the text, not the URL. */
  while (j > i &&
         (text[j - 1] == '.' || text[j - 1] == ',' || text[j - 1] == ')' ||
          text[j - 1] == ';' || text[j - 1] == ':'))
    j--;
  *nchar = j - i;
  return j;
}

/* A Latin word: letters and digits, with - ' . _ + inside (Wi-Fi, U.S.,
 * e-mail), C++ and C#; an e-mail address when @ and a domain follow. */
static size_t latin_end(const char *text, size_t len, size_t i, size_t *nchar) {
  size_t j = i;
  size_t nc = 0;
  int n;
  for (;;) {
    while (j < len && is_alnum_cp(dec(text, len, j, &n))) {
      j += (size_t)n;
      nc++;
    }
    if (j + 1 < len && (text[j] == '-' || text[j] == '\'' || text[j] == '.' ||
                        text[j] == '_' || text[j] == '@')) {
      int n2;
      uint32_t nextc = dec(text, len, j + 1, &n2);
      if (nextc < 0x80 && is_alnum_cp(nextc)) {
        j++;
        nc++;
        continue;
      }
    }
    break;
  }
  /* C++, C# */
  if (j < len && (text[j] == '+' || text[j] == '#') && j - i <= 2) {
    while (j < len && (text[j] == '+' || text[j] == '#') && nc < 4) {
      j++;
      nc++;
    }
  }
  *nchar = nc;
  return j;
}

/* Punctuation repeated as one mark: —— …… ·· -- .. == ** ~~ */
static bool repeats_as_one(uint32_t cp) {
  return cp == 0x2014 || cp == 0x2026 || cp == 0xB7 || cp == '-' || cp == '.' ||
         cp == '=' || cp == '*' || cp == '~' || cp == 0x2015 || cp == 0xFF0D ||
         cp == 0x2500 || cp == '_' || cp == '!' || cp == '?' || cp == 0xFF01 ||
         cp == 0xFF1F;
}

/* A rule token text[i..j) ends where a user word starts inside it, since a
 * user word always wins ("2023年度报告" with 年度报告).  *nchar is updated. */
static size_t cut_at_user_word(const zn_seg *seg, const char *text, size_t len,
                               size_t i, size_t j, size_t *nchar) {
  size_t k = i;
  size_t nc = 0;
  while (k < j) {
    int n;
    size_t unc;
    const char *ut;
    if (k > i && user_match(seg, text, len, k, &unc, &ut) > 0) {
      *nchar = nc;
      return k;
    }
    dec(text, len, k, &n);
    k += (size_t)n;
    nc++;
  }
  return j;
}

/* ------------------------------------------------------------- Han runs */

static inline bool is_cn_digit(uint32_t cp) {
  /* Most characters fail on their low byte: the numerals below end in
   * 00 03 07 09 5D 6B 6D 8C 94 CB DB F6 (a bit set per low byte). */
  static const uint32_t low[8] = {0x00000289u, 0x00000000u, 0x20000000u,
                                  0x00002800u, 0x00101000u, 0x00000000u,
                                  0x08000800u, 0x00400000u};
  if (!(low[(cp & 0xFF) >> 5] & (1u << (cp & 31))))
    return false;
  switch (cp) {
  case 0x3007: /* 〇 */
  case 0x25CB: /* ○ */
  case 0x96F6: /* 零 */
  case 0x4E00: /* 一 */
  case 0x4E8C: /* 二 */
  case 0x4E09: /* 三 */
  case 0x56DB: /* 四 */
  case 0x4E94: /* 五 */
  case 0x516D: /* 六 */
  case 0x4E03: /* 七 */
  case 0x516B: /* 八 */
  case 0x4E5D: /* 九 */
    return true;
  default:
    return false;
  }
}

/* A date in Chinese numerals at run position i: 二○○一年 (four digits and
 * 年), 十二月 / 一月 (1-12 and 月), 三十一日 (1-31 and 日).  The end, or i. */
static size_t numeral_date_end(const uint32_t *cp, size_t m, size_t i) {
  size_t j = i;
  size_t n_digits = 0;
  size_t n_ten = 0;
  while (j < m && is_cn_digit(cp[j])) {
    j++;
    n_digits++;
  }
  if (n_digits == 4 && j < m && cp[j] == 0x5E74)
    return j + 1;
  /* months and days: [二三]?十?[一-九]? */
  j = i;
  n_digits = 0;
  while (j < m && j - i < 3 && (is_cn_digit(cp[j]) || cp[j] == 0x5341)) {
    if (cp[j] == 0x5341)
      n_ten++;
    else
      n_digits++;
    j++;
  }
  if (j == i || n_ten > 1 || (n_ten == 0 && n_digits > 1) || j >= m)
    return i;
  if (cp[j] == 0x6708 && j - i <= 2) /* 月 */
    return j + 1;
  if (cp[j] == 0x65E5 && (n_ten == 1 || j - i == 1)) /* 日 */
    return j + 1;
  return i;
}

/* Characters that do not begin or make up a given name: function words and
 * the commonest single-character verbs, which follow a surname-like
 * character far more often than a name does. */
static bool not_in_name(uint32_t cp) {
  /* clang-format off */
  static const uint32_t stop[] = {
      0x4E00, 0x4E03, 0x4E09, 0x4E0A, 0x4E0B, 0x4E0D, 0x4E0E, 0x4E2A, 0x4E3A,
      0x4E3B, 0x4E4B, 0x4E5D, 0x4E5F, 0x4E61, 0x4E86, 0x4E8C, 0x4E8E, 0x4E94,
      0x4EBA, 0x4ECE, 0x4ED6, 0x4EE5, 0x4EEC, 0x4F1A, 0x4F46, 0x4F5C, 0x4F60,
      0x4F7F, 0x5148, 0x516B, 0x516D, 0x5176, 0x51FA, 0x5230, 0x524D, 0x526F,
      0x533A, 0x5341, 0x53BB, 0x53BF, 0x53C8, 0x53CA, 0x53EF, 0x5404, 0x540C,
      0x540E, 0x5411, 0x5458, 0x548C, 0x56DB, 0x5728, 0x5730, 0x58EB, 0x5973,
      0x5979, 0x59D4, 0x5B83, 0x5BB6, 0x5BF9, 0x5C06, 0x5C31, 0x5C40, 0x5DF2,
      0x5E02, 0x5E08, 0x5E74, 0x5E76, 0x5F88, 0x5F97, 0x603B, 0x6211, 0x6216,
      0x6240, 0x628A, 0x65E5, 0x65F6, 0x662F, 0x66F4, 0x6700, 0x6708, 0x6709,
      0x672C, 0x6751, 0x6765, 0x67D0, 0x6821, 0x6B64, 0x6BCF, 0x6C0F, 0x6CA1,
      0x751F, 0x7531, 0x7684, 0x7701, 0x7740, 0x7B49, 0x7ED9, 0x800C, 0x80FD,
      0x88AB, 0x8981, 0x8BA9, 0x8BE5, 0x8BF4, 0x8DDF, 0x8FC7, 0x8FD8, 0x8FD9,
      0x8FDB, 0x90A3, 0x90E8, 0x90FD, 0x91CC, 0x9547, 0x957F, 0x9662,};
  /* clang-format on */
  return zn__u32_in_sorted(stop, sizeof stop / sizeof stop[0], cp);
}

/* A character that can be part of a given name: not a function word and
 * not a character that is, on its own, one of the commoner words. */
static bool name_char(const zn_seg *seg, size_t k) {
  return seg->wid[k] != EDGE_NUMERAL && !not_in_name(seg->cp[k]) &&
         (seg->wid[k] == EDGE_UNKNOWN ||
          zn__lex_logp(seg->lex, seg->wid[k]) < ZN_NAME_CHAR_MAX_LOGP);
}

/* Surnames that are far more often a function word or verb: 和 来 连 过. */
static bool weak_surname(uint32_t cp) {
  /* clang-format off */
  static const uint32_t weak[] = {
      0x4E0E, 0x4E3A, 0x4E5F, 0x4E8E, 0x4ECE, 0x4EE5, 0x4FE1, 0x5168, 0x5173,
      0x518D, 0x5229, 0x534E, 0x53C8, 0x53CA, 0x53EA, 0x53F2, 0x540C, 0x5411,
      0x548C, 0x56FD, 0x5B89, 0x5BF9, 0x5C06, 0x5C31, 0x5E38, 0x5E73, 0x5E94,
      0x5F00, 0x5F88, 0x6210, 0x624D, 0x628A, 0x6587, 0x65B9, 0x65F6, 0x660E,
      0x66F4, 0x6700, 0x6765, 0x76F8, 0x7B80, 0x7ED9, 0x88AB, 0x89E3, 0x8BA9,
      0x8C08, 0x8D39, 0x8FC7, 0x8FD8, 0x8FDE, 0x90FD, 0x9AD8,};
  /* clang-format on */
  return zn__u32_in_sorted(weak, sizeof weak / sizeof weak[0], cp);
}

/*
 * Person names the lexicon lacks: a surname left as a single character by
 * the best path, followed by a given name that is one or two single
 * characters (陈 敏 尔 -> 陈敏尔) or a two-character word the lexicon tags
 * as a given name (王 小明 -> 王小明).  Rewrites the path in place.
 */
static void join_names(zn_seg *seg, size_t m) {
  const zn_lexicon *lex = seg->lex;
  for (size_t i = 0; i < m;) {
    size_t j = seg->nxt[i];
    if (j != i + 1 || seg->wid[i] == EDGE_NUMERAL || i + 1 >= m) {
      i = j;
      continue;
    }
    /* The surname test rejects most characters; the rest only then. */
    if (!zn__is_surname_char((int32_t)seg->cp[i]) || not_in_name(seg->cp[i]) ||
        weak_surname(seg->cp[i])) {
      i = j;
      continue;
    }
    {
      size_t a = i + 1;
      size_t b = seg->nxt[a];
      size_t end = i;
      if (b == a + 2 && seg->wid[a] != EDGE_UNKNOWN &&
          seg->wid[a] != EDGE_NUMERAL && seg->wid[a] != EDGE_NAME) {
        const char *t = zn__lex_tag(lex, seg->wid[a]);
        if (t[0] == 'n' && t[1] == 'r' && !not_in_name(seg->cp[a]))
          end = b;
      } else if (b == a + 1 && name_char(seg, a)) {
        end = b;
        if (b < m && seg->nxt[b] == b + 1 && name_char(seg, b))
          end = b + 1;
      }
      if (end > i) {
        seg->nxt[i] = (uint32_t)end;
        seg->wid[i] = EDGE_NAME;
        i = end;
        continue;
      }
    }
    i = j;
  }
}

/* Tags a word the lexicon lacks. */
static const char *unknown_tag(const char *s, size_t len, size_t nchar) {
  static const char *const place_ends[] = {"省", "市", "县", "区",
                                           "镇", "乡", "村", "州"};
  if (nchar == 1)
    return k_tag_x;
  for (size_t k = 0; k < sizeof place_ends / sizeof place_ends[0]; k++) {
    size_t n = strlen(place_ends[k]);
    if (len > n && memcmp(s + len - n, place_ends[k], n) == 0)
      return k_tag_place;
  }
  if (nchar <= 4 && zn__surname_prefix(s, len) > 0)
    return k_tag_person;
  return k_tag_noun;
}

static float hmm_emit(const zn_lexicon *lex, uint32_t code, int state) {
  return zn__rdf32(lex->hmm + 4 * (20 + (size_t)code * 4 + (size_t)state));
}

/* The log-probability of the single character with this code as a word,
 * or ZN_NEG_INF. */
static double single_logp(const zn_lexicon *lex, uint32_t code) {
  uint32_t s = code != 0 ? zn__lex_next(lex, 0, code) : 0;
  float lp = s != 0 ? zn__lex_logp(lex, s) : 0.0f;
  return lp != 0.0f ? (double)lp : ZN_NEG_INF;
}

static int emit_run_token(struct run *r, size_t base_coff, size_t a, size_t b,
                          const char *tag, unsigned flags) {
  zn_seg *seg = r->seg;
  return emit(r, seg->boff[a], seg->boff[b] - seg->boff[a], base_coff + a,
              b - a, tag, flags);
}

/* Search mode: every lexicon word of two or more characters inside the
 * token [a, b), after it. */
static void emit_subwords(struct run *r, size_t base_coff, size_t a, size_t b) {
  zn_seg *seg = r->seg;
  const zn_lexicon *lex = seg->lex;
  if (b - a < 3)
    return;
  for (size_t i = a; i < b && !r->stop; i++) {
    uint32_t s = 0;
    for (size_t j = i; j < b; j++) {
      if (seg->code[j] == 0)
        break;
      s = zn__lex_next(lex, s, seg->code[j]);
      if (s == 0)
        break;
      if (zn__lex_logp(lex, s) != 0.0f && j > i && !(i == a && j + 1 == b)) {
        if (emit_run_token(r, base_coff, i, j + 1, zn__lex_tag(lex, s),
                           ZN_TOKEN_SUBWORD))
          return;
      }
    }
  }
}

/* Runs the unknown-word HMM over the single characters [a, b). */
static int hmm_stretch(struct run *r, size_t base_coff, size_t a, size_t b) {
  zn_seg *seg = r->seg;
  const zn_lexicon *lex = seg->lex;
  size_t m = b - a;
  /* States B E M S; a state's possible predecessors. */
  static const int prev[4][2] = {{1, 3}, {0, 2}, {2, 0}, {3, 1}};
  float start[4], trans[16];

  if (m > seg->hmm_cap) {
    size_t cap = seg->hmm_cap == 0 ? 64 : seg->hmm_cap;
    float *v;
    uint8_t *bk;
    while (cap < m)
      cap *= 2;
    v = zn_realloc(seg->vit, cap * 4 * sizeof *v);
    if (v == NULL)
      return ZN_ENOMEM;
    seg->vit = v;
    bk = zn_realloc(seg->back, cap * 4);
    if (bk == NULL)
      return ZN_ENOMEM;
    seg->back = bk;
    seg->hmm_cap = cap;
  }
  for (int k = 0; k < 4; k++)
    start[k] = zn__rdf32(lex->hmm + 4 * (size_t)k);
  for (int k = 0; k < 16; k++)
    trans[k] = zn__rdf32(lex->hmm + 4 * (4 + (size_t)k));
  for (int s = 0; s < 4; s++)
    seg->vit[s] = start[s] + hmm_emit(lex, seg->code[a], s);
  for (size_t t = 1; t < m; t++) {
    for (int s = 0; s < 4; s++) {
      float e = hmm_emit(lex, seg->code[a + t], s);
      float best = -3e38f;
      int arg = prev[s][0];
      for (int k = 0; k < 2; k++) {
        int p = prev[s][k];
        float v = seg->vit[(t - 1) * 4 + (size_t)p] + trans[p * 4 + s];
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      seg->vit[t * 4 + (size_t)s] = best + e;
      seg->back[t * 4 + (size_t)s] = (uint8_t)arg;
    }
  }
  {
    /* End in E or S; walk back, then emit words from the left. */
    int s = seg->vit[(m - 1) * 4 + 1] >= seg->vit[(m - 1) * 4 + 3] ? 1 : 3;
    for (size_t t = m; t > 0; t--) {
      int p = seg->back[(t - 1) * 4 + (size_t)s];
      seg->nxt[a + t - 1] = (uint32_t)s; /* reuse nxt as the state path */
      s = p;
    }
  }
  {
    size_t i = a;
    while (i < b && !r->stop) {
      size_t j = i + 1;
      bool ok = true;
      if (seg->nxt[i] == 0) { /* B ... E */
        while (j < b && seg->nxt[j - 1] != 1)
          j++;
        for (size_t k = i; k < j && ok; k++)
          ok = seg->code[k] != 0 &&
               single_logp(lex, seg->code[k]) <= ZN_HMM_GUARD_LOGP;
      }
      if (j - i > 1 && ok) {
        size_t off = seg->boff[i];
        size_t len = seg->boff[j] - off;
        emit_run_token(r, base_coff, i, j,
                       unknown_tag(r->text + off, len, j - i), 0);
      } else {
        for (size_t k = i; k < j && !r->stop; k++) {
          const char *tag = k_tag_x;
          uint32_t s =
              seg->code[k] != 0 ? zn__lex_next(lex, 0, seg->code[k]) : 0;
          if (s != 0 && zn__lex_logp(lex, s) != 0.0f)
            tag = zn__lex_tag(lex, s);
          emit_run_token(r, base_coff, k, k + 1, tag, 0);
        }
      }
      i = j;
    }
  }
  return ZN_OK;
}

/*
 * Segments the Han run of m characters in seg->cp / boff / code (boff[m]
 * is its end) whose first character is the base_coff'th of the text: the
 * best path through the lattice of lexicon words, right to left (best[i] is the
 * best log-probability of the rest of the run from i on).
 */
static int han_run(struct run *r, size_t m, size_t base_coff) {
  zn_seg *seg = r->seg;
  const zn_lexicon *lex = seg->lex;
  double unk = (double)lex->min_logp - 2.0;
  int rc;

  seg->best[m] = 0.0;
  for (size_t i = m; i-- > 0;) {
    double best = unk + seg->best[i + 1];
    /* The walks from the coming positions will need the states of their
     * first characters: ask for them well ahead, as these loads are what
     * this loop waits on (the trie is far bigger than the caches).  The
     * first level is asked for 8 positions ahead, the second 4 ahead, when
     * its parent's line has had time to arrive. */
    if (i >= ZN_PREFETCH_L1 && seg->code[i - ZN_PREFETCH_L1] != 0)
      ZN_PREFETCH(lex->states +
                  ((size_t)(zn__rd32(lex->states) & ZN_LEX_BASE_MASK) +
                   seg->code[i - ZN_PREFETCH_L1]) *
                      ZN_LEX_STATE_SIZE);
    if (i >= ZN_PREFETCH_L2 && seg->code[i - ZN_PREFETCH_L2] != 0 &&
        seg->code[i - ZN_PREFETCH_L2 + 1] != 0) {
      uint32_t s1 = zn__lex_next(lex, 0, seg->code[i - ZN_PREFETCH_L2]);
      if (s1 != 0)
        ZN_PREFETCH(
            lex->states +
            ((size_t)(zn__rd32(lex->states + (size_t)s1 * ZN_LEX_STATE_SIZE) &
                      ZN_LEX_BASE_MASK) +
             seg->code[i - ZN_PREFETCH_L2 + 1]) *
                ZN_LEX_STATE_SIZE);
    }
    uint32_t bj = (uint32_t)i + 1;
    uint32_t bw = EDGE_UNKNOWN;
    uint32_t s = 0;
    for (size_t j = i; j < m && j - i < ZN_MAX_WORD_NCHAR; j++) {
      float wl;
      if (seg->code[j] == 0)
        break;
      s = zn__lex_next(lex, s, seg->code[j]);
      if (s == 0)
        break;
      wl = zn__lex_logp(lex, s);
      if (wl != 0.0f) {
        double lp = (double)wl + seg->best[j + 1];
        if (lp > best || (bw == EDGE_UNKNOWN && j == i)) {
          best = lp;
          bj = (uint32_t)j + 1;
          bw = s;
        }
      }
    }
    if (is_cn_digit(seg->cp[i]) || seg->cp[i] == 0x5341) {
      size_t e = numeral_date_end(seg->cp, m, i);
      if (e > i + 1 && ZN_NUMERAL_DATE_LOGP + seg->best[e] > best) {
        best = ZN_NUMERAL_DATE_LOGP + seg->best[e];
        bj = (uint32_t)e;
        bw = EDGE_NUMERAL;
      }
    }
    seg->best[i] = best;
    seg->nxt[i] = bj;
    seg->wid[i] = bw;
  }
  join_names(seg, m);
  /* Walk the path; single characters in a row go to the HMM. */
  for (size_t i = 0; i < m && !r->stop;) {
    size_t j = seg->nxt[i];
    uint32_t w = seg->wid[i];
    if (j == i + 1 && lex->hmm != NULL && w != EDGE_NUMERAL && w != EDGE_NAME) {
      size_t k = i;
      while (k < m && seg->nxt[k] == k + 1 && seg->wid[k] != EDGE_NUMERAL &&
             seg->wid[k] != EDGE_NAME)
        k++;
      if (k - i >= 2) {
        rc = hmm_stretch(r, base_coff, i, k);
        if (rc != ZN_OK)
          return rc;
        i = k;
        continue;
      }
    }
    {
      const char *tag;
      if (w == EDGE_NUMERAL)
        tag = k_tag_time;
      else if (w == EDGE_NAME)
        tag = k_tag_person;
      else if (w == EDGE_UNKNOWN)
        tag = k_tag_x;
      else
        tag = zn__lex_tag(lex, w);
      if (emit_run_token(r, base_coff, i, j, tag, 0))
        break;
      if (seg->mode == ZN_SEG_SEARCH)
        emit_subwords(r, base_coff, i, j);
    }
    i = j;
  }
  return ZN_OK;
}

/* The word tag of the run's characters [a, b) when the tagger is off: the
 * lexicon's, else a guess. */
static const char *acc_plain_tag(struct run *r, size_t a, size_t b) {
  zn_seg *seg = r->seg;
  uint32_t s = 0;
  for (size_t k = a; k < b; k++) {
    if (seg->code[k] == 0)
      break;
    s = zn__lex_next(seg->lex, s, seg->code[k]);
    if (s == 0)
      break;
    if (k + 1 == b && zn__lex_logp(seg->lex, s) != 0.0f)
      return zn__lex_tag(seg->lex, s);
  }
  return unknown_tag(r->text + seg->boff[a], seg->boff[b] - seg->boff[a],
                     b - a);
}

/* Accurate mode: labels the Han run of m characters with the model and
 * emits its words. */
static int acc_run(struct run *r, size_t m, size_t base_coff, int out_left,
                   int out_right) {
  zn_seg *seg = r->seg;
  struct zn__mdl_run *mr = &seg->mr;
  int rc = zn__mdl_run_reserve(mr, m);
  size_t a = 0;
  if (rc != ZN_OK)
    return rc;
  zn__mdl_features(mr, seg->lex, seg->cp, seg->code, m, out_left, out_right);
  zn__mdl_decode(seg->model, mr);
  for (size_t i = 0; i < m && !r->stop; i++) {
    if (mr->label[i] == ZN_MDL_E || mr->label[i] == ZN_MDL_S || i + 1 == m) {
      emit_run_token(r, base_coff, a, i + 1,
                     r->hold ? k_tag_x : acc_plain_tag(r, a, i + 1), 0);
      a = i + 1;
    }
  }
  return ZN_OK;
}

/* What lies just before text[i]: a ZN_MDL_OUT_* kind. */
static int out_before(const struct run *r, size_t i) {
  size_t k;
  int n;
  uint32_t cp;
  if (i == 0)
    return ZN_MDL_OUT_NONE;
  if (r->user_end == i)
    return ZN_MDL_OUT_USER;
  k = i - 1;
  while (k > 0 && i - k < 4 && ((unsigned char)r->text[k] & 0xC0) == 0x80)
    k--;
  cp = dec(r->text, r->len, k, &n);
  if (k + (size_t)n != i || cp == UINT32_MAX)
    return ZN_MDL_OUT_PUNCT;
  if (is_space_cp(cp))
    return ZN_MDL_OUT_NONE;
  if (is_digit_cp(cp))
    return ZN_MDL_OUT_DIGIT;
  if (is_latin_cp(cp))
    return ZN_MDL_OUT_LATIN;
  return ZN_MDL_OUT_PUNCT;
}

/* What lies at text[j], after a run: a ZN_MDL_OUT_* kind. */
static int out_after(const struct run *r, size_t j, bool user) {
  int n;
  uint32_t cp;
  if (j >= r->len)
    return ZN_MDL_OUT_NONE;
  if (user)
    return ZN_MDL_OUT_USER;
  cp = dec(r->text, r->len, j, &n);
  if (cp == UINT32_MAX)
    return ZN_MDL_OUT_PUNCT;
  if (is_space_cp(cp) || is_han_cp(cp))
    return ZN_MDL_OUT_NONE;
  if (is_digit_cp(cp))
    return ZN_MDL_OUT_DIGIT;
  if (is_latin_cp(cp))
    return ZN_MDL_OUT_LATIN;
  return ZN_MDL_OUT_PUNCT;
}

/* ------------------------------------------------------------------ API */

int zn_seg_new(const zn_lexicon *lex, zn_seg **out) {
  zn_seg *seg;
  *out = NULL;
  if (lex == NULL)
    return ZN_EINVAL;
  seg = zn_malloc(sizeof *seg);
  if (seg == NULL)
    return ZN_ENOMEM;
  memset(seg, 0, sizeof *seg);
  seg->lex = lex;
  seg->mode = ZN_SEG_FAST;
  seg->pos = true;
  *out = seg;
  return ZN_OK;
}

void zn_seg_free(zn_seg *seg) {
  if (seg == NULL)
    return;
  zn_free(seg->cp);
  zn_free(seg->boff);
  zn_free(seg->code);
  zn_free(seg->best);
  zn_free(seg->nxt);
  zn_free(seg->wid);
  zn_free(seg->vit);
  zn_free(seg->back);
  zn_free(seg->uedges);
  zn_free(seg->unode_word);
  zn_free(seg->uwords);
  zn_free(seg->tb);
  zn_free(seg->tw);
  zn__mdl_run_free(&seg->mr);
  zn_free(seg);
}

int zn_seg_set_mode(zn_seg *seg, zn_seg_mode mode) {
  if (mode != ZN_SEG_FAST && mode != ZN_SEG_SEARCH && mode != ZN_SEG_ACCURATE)
    return seg_fail(seg, ZN_EINVAL, "unknown segmentation mode");
  if (mode == ZN_SEG_ACCURATE && seg->model == NULL)
    return seg_fail(seg, ZN_EINVAL,
                    "accurate mode needs a model (zn_seg_set_model)");
  seg->mode = mode;
  return ZN_OK;
}

zn_seg_mode zn_seg_get_mode(const zn_seg *seg) {
  return seg->mode;
}

const char *zn_seg_mode_name(zn_seg_mode mode) {
  switch (mode) {
  case ZN_SEG_FAST:
    return "fast";
  case ZN_SEG_SEARCH:
    return "search";
  case ZN_SEG_ACCURATE:
    return "accurate";
  default:
    return "unknown";
  }
}

int zn_seg_set_model(zn_seg *seg, const zn_model *model) {
  if (model == NULL && seg->mode == ZN_SEG_ACCURATE)
    return seg_fail(seg, ZN_EINVAL, "accurate mode is on: it needs a model");
  seg->model = model;
  return ZN_OK;
}

void zn_seg_set_pos(zn_seg *seg, bool on) {
  seg->pos = on;
}

void zn__seg_set_run_hook(zn_seg *seg, zn__seg_run_hook hook, void *ctx) {
  seg->hook = hook;
  seg->hook_ctx = ctx;
}

const char *zn_seg_errmsg(const zn_seg *seg) {
  return seg->errmsg;
}

int zn_seg_run(zn_seg *seg, const char *text, size_t len, zn_token_cb cb,
               void *ctx) {
  struct run r = {seg, text, len, cb, ctx, false, ZN_OK, false, SIZE_MAX};
  size_t i = 0;
  size_t coff = 0; /* code points before text[i] */
  int rc = ZN_OK;

  seg->errmsg[0] = '\0';
  r.hold = seg->mode == ZN_SEG_ACCURATE && seg->pos && seg->hook == NULL;
  seg->n_tb = 0;
  while (i < len && !r.stop && rc == ZN_OK) {
    int n;
    uint32_t cp;
    size_t nc = 0;
    size_t j;
    const char *tag = NULL;

    if (seg->n_uwords > 0) {
      size_t ul = user_match(seg, text, len, i, &nc, &tag);
      if (ul > 0) {
        emit(&r, i, ul, coff, nc, tag, ZN_TOKEN_USER);
        i += ul;
        coff += nc;
        r.user_end = i;
        continue;
      }
    }
    cp = dec(text, len, i, &n);
    if (cp == UINT32_MAX) {
      emit(&r, i, (size_t)n, coff, 1, k_tag_x, 0);
      i += (size_t)n;
      coff++;
      continue;
    }
    if (is_space_cp(cp)) {
      i += (size_t)n;
      coff++;
      continue;
    }
    if (is_han_cp(cp)) {
      /* The run ends at a non-Han character or where a user word starts;
       * each character is decoded once, into the run's arrays. */
      size_t m = 0;
      uint32_t c2 = cp;
      int n2 = n;
      bool user_next_to = false;
      int out_left = seg->mode == ZN_SEG_ACCURATE || seg->hook != NULL
                         ? out_before(&r, i)
                         : 0;
      j = i;
      for (;;) {
        if (m + 2 > seg->cap) {
          rc = ensure(seg, m + 2);
          if (rc != ZN_OK)
            break;
        }
        seg->cp[m] = c2;
        seg->boff[m] = j;
        seg->code[m] = zn__lex_code(seg->lex, c2);
        m++;
        j += (size_t)n2;
        if (j >= len)
          break;
        c2 = dec(text, len, j, &n2);
        if (!is_han_cp(c2) || m == ZN_MAX_HAN_RUN_NCHAR)
          break;
        if (seg->n_uwords > 0) {
          size_t unc;
          const char *ut;
          if (user_match(seg, text, len, j, &unc, &ut) > 0) {
            user_next_to = true;
            break;
          }
        }
      }
      if (rc != ZN_OK)
        break;
      seg->boff[m] = j;
      if (seg->hook != NULL)
        rc = seg->hook(seg->hook_ctx, seg->cp, seg->code, seg->boff, m,
                       out_left, out_after(&r, j, user_next_to));
      else if (seg->mode == ZN_SEG_ACCURATE)
        rc = acc_run(&r, m, coff, out_left, out_after(&r, j, user_next_to));
      else
        rc = han_run(&r, m, coff);
      i = j;
      coff += m;
      continue;
    }
    if (is_digit_cp(cp)) {
      j = number_end(text, len, i, &nc, &tag);
    } else if (is_latin_cp(cp)) {
      j = url_end(text, len, i, &nc);
      tag = k_tag_eng;
      if (j == i)
        j = latin_end(text, len, i, &nc);
      else
        tag = k_tag_x;
    } else if (repeats_as_one(cp)) {
      int n2;
      j = i;
      while (j < len && dec(text, len, j, &n2) == cp) {
        j += (size_t)n2;
        nc++;
      }
      tag = k_tag_x;
    } else {
      /* Other scripts: a run of the same class; symbols one by one. */
      zn_cclass k = zn_char_class((int32_t)cp);
      int n2;
      j = i + (size_t)n;
      nc = 1;
      if (k == ZN_CC_KANA || k == ZN_CC_HANGUL || k == ZN_CC_OTHER) {
        while (j < len) {
          uint32_t c2 = dec(text, len, j, &n2);
          if (c2 == UINT32_MAX || is_space_cp(c2) || is_han_cp(c2) ||
              zn_char_class((int32_t)c2) != k || k == ZN_CC_OTHER)
            break;
          j += (size_t)n2;
          nc++;
        }
      }
      tag = k_tag_x;
    }
    if (seg->n_uwords > 0 && j > i)
      j = cut_at_user_word(seg, text, len, i, j, &nc);
    emit(&r, i, j - i, coff, nc, tag, 0);
    i = j;
    coff += nc;
  }
  if (rc == ZN_OK && r.hold && !r.stop)
    flush_held(&r);
  seg->n_tb = 0;
  if (rc == ZN_OK)
    rc = r.rc;
  if (rc != ZN_OK)
    return seg_fail(seg, rc, "%s", zn_strerror(rc));
  return ZN_OK;
}
