/* SPDX-License-Identifier: MIT */
/*
 * lexicon-build.c - compiles a text lexicon ("word freq tag" lines) and an
 * optional B/E/M/S HMM (jieba's hmm_model.utf8 format) into the mapped
 * lexicon format of docs/lexicon-format.md.
 *
 * Characters get dense codes, most frequent first, so the double-array
 * trie over codes stays compact and its hot states share cache lines.  The
 * trie is built depth-first over the words sorted by code sequence; each
 * node's children are placed at the first base where all their slots are
 * free (the classic double-array construction of Aoe, 1989), skipping a
 * dense prefix of the array once it rarely has room.
 */
#include "zhnews/seg.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zhnews/text.h"
#include "private/errstr.h"
#include "private/grow.h"
#include "seg/dictline.h"
#include "seg/lexicon-int.h"

/* A line of the HMM model (its emission rows hold every character) is
 * at most this long. */
#define ZN_MAX_HMM_LINE ((size_t)4 << 20)
/* After this many failed candidate slots for one node, the search start
 * skips ahead: the array before it is nearly full. */
#define ZN_DAT_SKIP_AFTER 256
/* Log-probability standing for "never" in the HMM. */
#define ZN_HMM_NEVER (-1e30f)

struct entry {
  size_t code_off; /* into the codes array */
  uint32_t n;      /* code points */
  uint32_t tag;
  double freq;
};

struct build {
  char *errmsg;
  size_t errmsg_cap;
  struct entry *e;
  size_t n_e, cap_e;
  uint32_t *codes; /* every word's code points, then codes, back to back */
  size_t n_codes_used, cap_codes;
  char *tags[ZN_MAX_TAGS];
  uint32_t n_tags;
  uint32_t *bmp_count;            /* per BMP code point */
  uint32_t *supp_cp, *supp_count; /* supplementary code points */
  size_t n_supp, cap_supp;
  uint16_t *bmp_code; /* the code assigned, per BMP cp */
  uint32_t *supp_code;
  uint32_t n_codes;
  /* the trie under construction */
  uint32_t *base, *check, *value;
  uint8_t *sig; /* per state: bit (code & 7) of each child code */
  size_t n_states, cap_states;
  float hmm_start[4], hmm_trans[16];
  float *hmm_emit; /* (n_codes + 1) * 4 */
  bool has_hmm;
  uint16_t *idf; /* per state, IDF x 1000 (0 = none); NULL without one */
};

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int
failf(struct build *b, int rc, const char *fmt, ...) {
  va_list ap;
  if (b->errmsg != NULL && b->errmsg_cap > 0) {
    va_start(ap, fmt);
    vsnprintf(b->errmsg, b->errmsg_cap, fmt, ap);
    va_end(ap);
  }
  return rc;
}

static int tag_index(struct build *b, const char *tag, size_t len,
                     uint32_t *out) {
  for (uint32_t i = 0; i < b->n_tags; i++) {
    if (strlen(b->tags[i]) == len && memcmp(b->tags[i], tag, len) == 0) {
      *out = i;
      return ZN_OK;
    }
  }
  if (b->n_tags == ZN_MAX_TAGS)
    return ZN_EFORMAT;
  b->tags[b->n_tags] = zn_malloc(len + 1);
  if (b->tags[b->n_tags] == NULL)
    return ZN_ENOMEM;
  memcpy(b->tags[b->n_tags], tag, len);
  b->tags[b->n_tags][len] = '\0';
  *out = b->n_tags++;
  return ZN_OK;
}

static int count_char(struct build *b, uint32_t cp) {
  if (cp < 0x10000) {
    b->bmp_count[cp]++;
    return ZN_OK;
  }
  for (size_t i = 0; i < b->n_supp; i++) {
    if (b->supp_cp[i] == cp) {
      b->supp_count[i]++;
      return ZN_OK;
    }
  }
  {
    size_t cap = b->cap_supp;
    if (zn__grow((void **)&b->supp_cp, 4, &cap, b->n_supp + 1) != ZN_OK ||
        zn__grow((void **)&b->supp_count, 4, &b->cap_supp, b->n_supp + 1) !=
            ZN_OK)
      return ZN_ENOMEM;
  }
  b->supp_cp[b->n_supp] = cp;
  b->supp_count[b->n_supp] = 1;
  b->n_supp++;
  return ZN_OK;
}

/* Reads the text lexicon into entries of code points. */
static int read_dict(struct build *b, const char *path) {
  FILE *f = fopen(path, "r");
  char line[ZN_MAX_DICT_LINE + 2];
  char ebuf[128];
  size_t lineno = 0;
  int rc = ZN_OK;

  if (f == NULL)
    return failf(b, errno == ENOENT ? ZN_ENOENT : ZN_EIO, "%s: %s", path,
                 zn__errno_str(errno, ebuf, sizeof ebuf));
  while (rc == ZN_OK && fgets(line, sizeof line, f) != NULL) {
    size_t len = strlen(line);
    struct zn__dict_line dl;
    const char *why = NULL;
    struct entry *en;
    int got;
    lineno++;
    if (len > ZN_MAX_DICT_LINE) {
      rc = failf(b, ZN_EFORMAT, "%s:%zu: line too long", path, lineno);
      break;
    }
    got = zn__dict_line_parse(line, lineno == 1, &dl, &why);
    if (got < 0) {
      rc = failf(b, got, "%s:%zu: %s", path, lineno, why);
      break;
    }
    if (got == 0)
      continue;
    rc = zn__grow((void **)&b->e, sizeof *b->e, &b->cap_e, b->n_e + 1);
    if (rc == ZN_OK)
      rc = zn__grow((void **)&b->codes, sizeof *b->codes, &b->cap_codes,
                    b->n_codes_used + dl.word_len);
    if (rc != ZN_OK)
      break;
    en = &b->e[b->n_e];
    en->code_off = b->n_codes_used;
    en->n = 0;
    en->freq = dl.freq >= 1.0 ? dl.freq : 1.0;
    rc = tag_index(b, dl.tag != NULL ? dl.tag : "x",
                   dl.tag != NULL ? dl.tag_len : 1, &en->tag);
    if (rc != ZN_OK) {
      rc = failf(b, rc, "%s:%zu: too many tags", path, lineno);
      break;
    }
    for (size_t i = 0; i < dl.word_len;) {
      int32_t cp;
      int n = zn_utf8_decode(dl.word + i, dl.word_len - i, &cp);
      b->codes[b->n_codes_used + en->n++] = (uint32_t)cp;
      i += (size_t)n;
    }
    if (en->n > ZN_MAX_WORD_NCHAR)
      continue; /* longer than any word the segmenter looks for */
    for (uint32_t k = 0; k < en->n && rc == ZN_OK; k++)
      rc = count_char(b, b->codes[b->n_codes_used + k]);
    b->n_codes_used += en->n;
    b->n_e++;
  }
  if (rc == ZN_OK && ferror(f))
    rc = failf(b, ZN_EIO, "%s: read error", path);
  fclose(f);
  if (rc == ZN_OK && b->n_e == 0)
    rc = failf(b, ZN_EFORMAT, "%s: no words", path);
  return rc;
}

/* Codes: most frequent characters first. */
struct char_rank {
  uint32_t cp;
  uint32_t count;
};

static int cmp_rank(const void *a, const void *b) {
  const struct char_rank *x = a;
  const struct char_rank *y = b;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return x->cp < y->cp ? -1 : x->cp > y->cp;
}

static int assign_codes(struct build *b) {
  size_t n = 0;
  struct char_rank *r;
  for (uint32_t c = 0; c < 0x10000; c++)
    n += b->bmp_count[c] > 0;
  n += b->n_supp;
  if (n >= 0xFFFF)
    return failf(b, ZN_EFORMAT, "more than 65534 distinct characters");
  r = zn_malloc((n + 1) * sizeof *r);
  if (r == NULL)
    return ZN_ENOMEM;
  n = 0;
  for (uint32_t c = 0; c < 0x10000; c++) {
    if (b->bmp_count[c] > 0) {
      r[n].cp = c;
      r[n++].count = b->bmp_count[c];
    }
  }
  for (size_t i = 0; i < b->n_supp; i++) {
    r[n].cp = b->supp_cp[i];
    r[n++].count = b->supp_count[i];
  }
  qsort(r, n, sizeof *r, cmp_rank);
  b->supp_code = zn_malloc((b->n_supp + 1) * sizeof *b->supp_code);
  if (b->supp_code == NULL) {
    zn_free(r);
    return ZN_ENOMEM;
  }
  for (size_t i = 0; i < n; i++) {
    uint32_t code = (uint32_t)i + 1;
    if (r[i].cp < 0x10000) {
      b->bmp_code[r[i].cp] = (uint16_t)code;
    } else {
      for (size_t k = 0; k < b->n_supp; k++) {
        if (b->supp_cp[k] == r[i].cp)
          b->supp_code[k] = code;
      }
    }
  }
  b->n_codes = (uint32_t)n;
  zn_free(r);
  return ZN_OK;
}

static uint32_t code_of(const struct build *b, uint32_t cp) {
  if (cp < 0x10000)
    return b->bmp_code[cp];
  for (size_t k = 0; k < b->n_supp; k++) {
    if (b->supp_cp[k] == cp)
      return b->supp_code[k];
  }
  return 0;
}

static int cmp_entry(const struct build *b, const struct entry *x,
                     const struct entry *y) {
  uint32_t n = x->n < y->n ? x->n : y->n;
  const uint32_t *p = b->codes + x->code_off;
  const uint32_t *q = b->codes + y->code_off;
  for (uint32_t i = 0; i < n; i++) {
    if (p[i] != q[i])
      return p[i] < q[i] ? -1 : 1;
  }
  return x->n < y->n ? -1 : x->n > y->n;
}

/* A merge sort with the build as context (qsort has none in C11). */
static int sort_entries(struct build *b) {
  struct entry *tmp = zn_malloc(b->n_e * sizeof *tmp);
  struct entry *src = b->e;
  struct entry *dst = tmp;
  if (tmp == NULL)
    return ZN_ENOMEM;
  for (size_t width = 1; width < b->n_e; width *= 2) {
    for (size_t lo = 0; lo < b->n_e; lo += 2 * width) {
      size_t mid = lo + width < b->n_e ? lo + width : b->n_e;
      size_t hi = lo + 2 * width < b->n_e ? lo + 2 * width : b->n_e;
      size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi)
        dst[k++] = cmp_entry(b, &src[j], &src[i]) < 0 ? src[j++] : src[i++];
      while (i < mid)
        dst[k++] = src[i++];
      while (j < hi)
        dst[k++] = src[j++];
    }
    {
      struct entry *t = src;
      src = dst;
      dst = t;
    }
  }
  if (src != b->e)
    memcpy(b->e, src, b->n_e * sizeof *tmp);
  zn_free(tmp);
  return ZN_OK;
}

/* Merges duplicate words: frequencies add, the more frequent tag wins. */
static void dedupe(struct build *b) {
  size_t out = 0;
  for (size_t i = 0; i < b->n_e; i++) {
    if (out > 0 && cmp_entry(b, &b->e[out - 1], &b->e[i]) == 0) {
      if (b->e[i].freq > b->e[out - 1].freq)
        b->e[out - 1].tag = b->e[i].tag;
      b->e[out - 1].freq += b->e[i].freq;
      continue;
    }
    b->e[out++] = b->e[i];
  }
  b->n_e = out;
}

static int ensure_states(struct build *b, size_t need) {
  size_t old = b->cap_states;
  size_t c1 = old, c2 = old, c3 = old, c4 = old;
  if (need <= old)
    return ZN_OK;
  if (zn__grow((void **)&b->base, 4, &c1, need) != ZN_OK ||
      zn__grow((void **)&b->check, 4, &c2, need) != ZN_OK ||
      zn__grow((void **)&b->value, 4, &c3, need) != ZN_OK ||
      zn__grow((void **)&b->sig, 1, &c4, need) != ZN_OK)
    return ZN_ENOMEM;
  memset(b->base + old, 0, (c1 - old) * 4);
  memset(b->check + old, 0, (c1 - old) * 4);
  memset(b->value + old, 0, (c1 - old) * 4);
  memset(b->sig + old, 0, c1 - old);
  b->cap_states = c1;
  return ZN_OK;
}

struct frame {
  size_t lo, hi;
  uint32_t depth;
  uint32_t state;
};

static int build_trie(struct build *b) {
  struct frame *stack = NULL;
  size_t n_stack = 0, cap_stack = 0; /* a queue: popped from `head` */
  uint32_t *kids = zn_malloc((b->n_codes + 1) * sizeof *kids);
  size_t *kid_lo = zn_malloc((b->n_codes + 1) * sizeof *kid_lo);
  size_t pos = 1; /* no free slot below this */
  int rc = ZN_OK;

  if (kids == NULL || kid_lo == NULL)
    rc = ZN_ENOMEM;
  if (rc == ZN_OK)
    rc = ensure_states(b, b->n_codes + 2);
  if (rc == ZN_OK)
    rc = zn__grow((void **)&stack, sizeof *stack, &cap_stack, 1);
  if (rc == ZN_OK) {
    b->check[0] = 1; /* the root: used, its own parent */
    b->n_states = 1;
    stack[n_stack++] = (struct frame){0, b->n_e, 0, 0};
  }
  /* Breadth first: the children of frequent characters (low codes) come
   * first at every level, so the states walked most often sit together. */
  size_t head = 0;
  while (rc == ZN_OK && head < n_stack) {
    struct frame f = stack[head++];
    size_t nk = 0;
    size_t p;
    uint32_t basev;
    size_t tries = 0;

    if (f.lo < f.hi && b->e[f.lo].n == f.depth) {
      b->value[f.state] = (uint32_t)f.lo + 1;
      b->base[f.state] = b->e[f.lo].tag << 24;
      f.lo++;
    }
    if (f.lo == f.hi)
      continue;
    for (size_t i = f.lo; i < f.hi; i++) {
      uint32_t c = b->codes[b->e[i].code_off + f.depth];
      if (nk == 0 || kids[nk - 1] != c) {
        kids[nk] = c;
        kid_lo[nk] = i;
        nk++;
      }
    }
    /* The first base at which every child slot is free. */
    p = pos > kids[0] + 1 ? pos : kids[0] + 1;
    for (;;) {
      bool ok = true;
      rc = ensure_states(b, p + kids[nk - 1] + 1);
      if (rc != ZN_OK)
        break;
      if (b->check[p] == 0) {
        basev = (uint32_t)(p - kids[0]);
        for (size_t k = 1; k < nk && ok; k++)
          ok = b->check[basev + kids[k]] == 0;
        if (ok)
          break;
        tries++;
      }
      p++;
    }
    if (rc != ZN_OK)
      break;
    b->base[f.state] |= basev; /* the tag bits may be set already */
    for (size_t k = 0; k < nk; k++)
      b->sig[f.state] |= (uint8_t)(1u << (kids[k] & 7));
    for (size_t k = 0; k < nk; k++) {
      uint32_t t = basev + kids[k];
      b->check[t] = f.state + 1;
      if (t + 1 > b->n_states)
        b->n_states = t + 1;
    }
    if (tries > ZN_DAT_SKIP_AFTER)
      pos = p;
    while (pos < b->cap_states && b->check[pos] != 0)
      pos++;
    rc = zn__grow((void **)&stack, sizeof *stack, &cap_stack, n_stack + nk);
    for (size_t k = 0; k < nk && rc == ZN_OK; k++) {
      size_t hi = k + 1 < nk ? kid_lo[k + 1] : f.hi;
      stack[n_stack++] =
          (struct frame){kid_lo[k], hi, f.depth + 1, basev + kids[k]};
    }
    if (b->n_states >= ZN_LEX_MAX_STATES)
      rc = failf(b, ZN_EFORMAT, "lexicon too large for the trie format");
  }
  zn_free(stack);
  zn_free(kids);
  zn_free(kid_lo);
  if (rc == ZN_ENOMEM)
    return failf(b, rc, "out of memory building the trie");
  return rc;
}

/* A log-probability as a float: in [ZN_HMM_NEVER, 0], NaN as never (a
 * double out of float's range must not be converted, C11 6.3.1.5). */
static double clamp_logp(double v) {
  if (!(v <= 0.0))
    return v > 0.0 ? 0.0 : ZN_HMM_NEVER;
  return v < ZN_HMM_NEVER ? ZN_HMM_NEVER : v;
}

/* Reads jieba's hmm_model.utf8: '#' comments, then the start row, four
 * transition rows and four emission rows "c:logp,c:logp,...", in the state
 * order B E M S. */
static int read_hmm(struct build *b, const char *path) {
  FILE *f = fopen(path, "r");
  char *line = NULL;
  size_t cap = 0;
  ssize_t got;
  int row = 0;
  int rc = ZN_OK;
  char ebuf[128];

  if (f == NULL)
    return failf(b, errno == ENOENT ? ZN_ENOENT : ZN_EIO, "%s: %s", path,
                 zn__errno_str(errno, ebuf, sizeof ebuf));
  b->hmm_emit = zn_malloc(((size_t)b->n_codes + 1) * 4 * sizeof(float));
  if (b->hmm_emit == NULL) {
    fclose(f);
    return ZN_ENOMEM;
  }
  for (size_t i = 0; i < ((size_t)b->n_codes + 1) * 4; i++)
    b->hmm_emit[i] = ZN_HMM_NEVER;
  for (;;) {
    char *p;
    if (rc != ZN_OK)
      break;
    got = getline(&line, &cap, f);
    if (got <= 0)
      break;
    if ((size_t)got > ZN_MAX_HMM_LINE) {
      rc = failf(b, ZN_EFORMAT, "%s: line too long", path);
      break;
    }
    p = line;
    if (line[0] == '#' || line[0] == '\n' || line[0] == '\r')
      continue;
    if (row < 5) {
      /* start (row 0) and transitions (rows 1-4): four numbers */
      for (int k = 0; k < 4; k++) {
        char *end;
        double v = strtod(p, &end);
        if (end == p) {
          rc = failf(b, ZN_EFORMAT, "%s: bad number in row %d", path, row);
          break;
        }
        v = clamp_logp(v);
        if (row == 0)
          b->hmm_start[k] = (float)v;
        else
          b->hmm_trans[(row - 1) * 4 + k] = (float)v;
        p = end;
      }
    } else if (row < 9) {
      /* emissions of state row-5: "c:logp,..." */
      int state = row - 5;
      while (*p != '\0' && *p != '\n' && *p != '\r') {
        int32_t cp;
        int n = zn_utf8_decode(p, strlen(p), &cp);
        char *end;
        double v;
        if (cp < 0 || p[n] != ':') {
          rc = failf(b, ZN_EFORMAT, "%s: bad emission entry", path);
          break;
        }
        v = strtod(p + n + 1, &end);
        if (end == p + n + 1) {
          rc = failf(b, ZN_EFORMAT, "%s: bad emission value", path);
          break;
        }
        {
          uint32_t code = code_of(b, (uint32_t)cp);
          if (code != 0)
            b->hmm_emit[(size_t)code * 4 + (size_t)state] =
                (float)clamp_logp(v);
        }
        p = end;
        if (*p == ',')
          p++;
      }
    }
    row++;
  }
  free(line);
  fclose(f);
  if (rc == ZN_OK && row < 9)
    rc = failf(b, ZN_EFORMAT, "%s: incomplete model", path);
  b->has_hmm = rc == ZN_OK;
  return rc;
}

/* ------------------------------------------------------------ writing */

/* The state word[0..len) ends in, or 0 if the trie lacks it. */
static uint32_t find_state(const struct build *b, const char *word,
                           size_t len) {
  uint32_t s = 0;
  for (size_t i = 0; i < len;) {
    int32_t cp;
    int n = zn_utf8_decode(word + i, len - i, &cp);
    uint32_t code = cp < 0 ? 0 : code_of(b, (uint32_t)cp);
    size_t t;
    if (code == 0)
      return 0;
    t = (size_t)(b->base[s] & 0xFFFFFFu) + code;
    if (t >= b->n_states || b->check[t] != s + 1)
      return 0;
    s = (uint32_t)t;
    i += (size_t)n;
  }
  return b->value[s] != 0 ? s : 0;
}

/* Reads "word idf" lines ('#' comments) and records each known word's IDF
 * on its state; words the lexicon lacks are skipped (the analyzer gives
 * them a default). */
static int read_idf(struct build *b, const char *path) {
  FILE *f = fopen(path, "r");
  char line[1024];
  char ebuf[128];
  size_t lineno = 0;
  int rc = ZN_OK;

  if (f == NULL)
    return failf(b, errno == ENOENT ? ZN_ENOENT : ZN_EIO, "%s: %s", path,
                 zn__errno_str(errno, ebuf, sizeof ebuf));
  b->idf = zn_malloc(b->n_states * sizeof *b->idf);
  if (b->idf == NULL) {
    fclose(f);
    return ZN_ENOMEM;
  }
  memset(b->idf, 0, b->n_states * sizeof *b->idf);
  while (rc == ZN_OK && fgets(line, sizeof line, f) != NULL) {
    char *sp = strchr(line, ' ');
    char *end;
    double v;
    uint32_t s;
    lineno++;
    if (line[0] == '#' || line[0] == '\n')
      continue;
    if (sp == NULL || sp == line ||
        !zn_utf8_valid(line, (size_t)(sp - line), NULL)) {
      rc = failf(b, ZN_EFORMAT, "%s:%zu: expected \"word idf\"", path, lineno);
      break;
    }
    v = strtod(sp + 1, &end);
    if (end == sp + 1 || !(v >= 0.0 && v < 65.0)) {
      rc = failf(b, ZN_EFORMAT, "%s:%zu: IDF must be 0-65", path, lineno);
      break;
    }
    s = find_state(b, line, (size_t)(sp - line));
    if (s != 0)
      b->idf[s] =
          (uint16_t)(v * 1000.0 + 0.5) ? (uint16_t)(v * 1000.0 + 0.5) : 1;
  }
  if (rc == ZN_OK && ferror(f))
    rc = failf(b, ZN_EIO, "%s: read error", path);
  fclose(f);
  return rc;
}

static void put32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
  p[2] = (uint8_t)(v >> 16);
  p[3] = (uint8_t)(v >> 24);
}

static void put64(uint8_t *p, uint64_t v) {
  put32(p, (uint32_t)v);
  put32(p + 4, (uint32_t)(v >> 32));
}

static void putf(uint8_t *p, float f) {
  uint32_t u;
  memcpy(&u, &f, 4);
  put32(p, u);
}

/* A word's log-probability, never 0 (which marks "no word"). */
static float word_logp(double freq, double total) {
  float lp = (float)log(freq / total);
  return lp < -1e-6f ? lp : -1e-6f;
}

static int write_all(FILE *f, const void *p, size_t n) {
  return fwrite(p, 1, n, f) == n ? ZN_OK : ZN_EIO;
}

static int write_lexicon(struct build *b, const char *out_path) {
  enum { NSEC = 7 };
  uint64_t size[NSEC + 1] = {0};
  uint64_t off[NSEC + 1] = {0};
  uint8_t head[64 + NSEC * 24];
  char tmp_path[4096];
  double total = 0.0;
  float min_logp = 0.0f;
  size_t tags_len = 0;
  FILE *f;
  int rc = ZN_OK;
  uint64_t at;
  uint64_t total_size;
  char ebuf[128];
  static const uint8_t zeros[8] = {0};

  for (size_t i = 0; i < b->n_e; i++)
    total += b->e[i].freq;
  for (uint32_t t = 0; t < b->n_tags; t++)
    tags_len += strlen(b->tags[t]) + 1;
  size[ZN_LEX_SEC_CHARMAP] = 2 * 65536;
  size[ZN_LEX_SEC_SUPP] = 8 * (uint64_t)b->n_supp;
  size[ZN_LEX_SEC_STATES] = (uint64_t)b->n_states * ZN_LEX_STATE_SIZE;
  size[ZN_LEX_SEC_TAGS] = tags_len;
  size[ZN_LEX_SEC_HMM] =
      b->has_hmm ? 4 * (20 + 4 * ((uint64_t)b->n_codes + 1)) : 0;
  size[ZN_LEX_SEC_IDF] = b->idf != NULL ? 2 * (uint64_t)b->n_states : 0;
  at = sizeof head;
  for (int s = 1; s <= NSEC; s++) {
    at = (at + 7) & ~(uint64_t)7;
    off[s] = at;
    at += size[s];
  }
  memset(head, 0, sizeof head);
  memcpy(head, ZN_LEX_MAGIC, 8);
  put32(head + 8, ZN_LEX_VERSION);
  put32(head + 12, ZN_LEX_BYTE_ORDER);
  total_size = at;
  put64(head + 16, at);
  /* Entries sit at their id's slot; the count covers the last one used
   * (an empty slot has id 0 and is skipped by readers). */
  put32(head + 24, b->has_hmm ? NSEC : NSEC - 1);
  put32(head + 28, (uint32_t)b->n_e);
  put32(head + 32, b->n_codes);
  put32(head + 36, (uint32_t)b->n_states);
  put32(head + 44, (uint32_t)b->n_supp);
  put32(head + 48, b->n_tags);
  for (int s = 1; s <= NSEC; s++) {
    uint8_t *e = head + 64 + (s - 1) * 24;
    if (size[s] == 0 && s != ZN_LEX_SEC_SUPP)
      continue;
    put32(e, (uint32_t)s);
    put64(e + 8, off[s]);
    put64(e + 16, size[s]);
  }
  for (size_t i = 0; i < b->n_e; i++) {
    float lp = word_logp(b->e[i].freq, total);
    if (lp < min_logp)
      min_logp = lp;
  }
  putf(head + 40, min_logp);

  if (snprintf(tmp_path, sizeof tmp_path, "%s.tmp", out_path) >=
      (int)sizeof tmp_path)
    return failf(b, ZN_EINVAL, "%s: path too long", out_path);
  f = fopen(tmp_path, "wb");
  if (f == NULL)
    return failf(b, ZN_EIO, "%s: %s", tmp_path,
                 zn__errno_str(errno, ebuf, sizeof ebuf));
  at = 0;
  rc = write_all(f, head, sizeof head);
  at += sizeof head;
  for (int s = 1; s <= NSEC && rc == ZN_OK; s++) {
    uint8_t buf[16];
    if (size[s] == 0)
      continue;
    if (at < off[s]) {
      rc = write_all(f, zeros, (size_t)(off[s] - at));
      at = off[s];
    }
    switch (s) {
    case ZN_LEX_SEC_CHARMAP:
      for (uint32_t c = 0; c < 0x10000 && rc == ZN_OK; c++) {
        buf[0] = (uint8_t)b->bmp_code[c];
        buf[1] = (uint8_t)(b->bmp_code[c] >> 8);
        rc = write_all(f, buf, 2);
      }
      break;
    case ZN_LEX_SEC_SUPP:
      /* sorted by code point (insertion order is not) */
      for (size_t i = 0; i < b->n_supp; i++) {
        for (size_t k = i + 1; k < b->n_supp; k++) {
          if (b->supp_cp[k] < b->supp_cp[i]) {
            uint32_t t = b->supp_cp[i];
            b->supp_cp[i] = b->supp_cp[k];
            b->supp_cp[k] = t;
            t = b->supp_code[i];
            b->supp_code[i] = b->supp_code[k];
            b->supp_code[k] = t;
          }
        }
        put32(buf, b->supp_cp[i]);
        put32(buf + 4, b->supp_code[i]);
        rc = write_all(f, buf, 8);
      }
      break;
    case ZN_LEX_SEC_STATES:
      for (size_t i = 0; i < b->n_states && rc == ZN_OK; i++) {
        uint32_t w = b->value[i];
        put32(buf, b->base[i]);
        put32(buf + 4, (i == 0 ? 0 : b->check[i]) | (uint32_t)b->sig[i] << 24);
        putf(buf + 8, w == 0 ? 0.0f : word_logp(b->e[w - 1].freq, total));
        rc = write_all(f, buf, 12);
      }
      break;
    case ZN_LEX_SEC_TAGS:
      for (uint32_t t = 0; t < b->n_tags && rc == ZN_OK; t++)
        rc = write_all(f, b->tags[t], strlen(b->tags[t]) + 1);
      break;
    case ZN_LEX_SEC_HMM:
      for (int k = 0; k < 4 && rc == ZN_OK; k++) {
        putf(buf, b->hmm_start[k]);
        rc = write_all(f, buf, 4);
      }
      for (int k = 0; k < 16 && rc == ZN_OK; k++) {
        putf(buf, b->hmm_trans[k]);
        rc = write_all(f, buf, 4);
      }
      for (size_t k = 0; k < ((size_t)b->n_codes + 1) * 4 && rc == ZN_OK; k++) {
        putf(buf, b->hmm_emit[k]);
        rc = write_all(f, buf, 4);
      }
      break;
    case ZN_LEX_SEC_IDF:
      for (size_t i = 0; i < b->n_states && rc == ZN_OK; i++) {
        buf[0] = (uint8_t)b->idf[i];
        buf[1] = (uint8_t)(b->idf[i] >> 8);
        rc = write_all(f, buf, 2);
      }
      break;
    default:
      break;
    }
    at += size[s];
  }
  /* Pad to the recorded size (the alignment before empty sections). */
  while (rc == ZN_OK && at < total_size) {
    size_t n = total_size - at < 8 ? (size_t)(total_size - at) : 8;
    rc = write_all(f, zeros, n);
    at += n;
  }
  if (fclose(f) != 0)
    rc = ZN_EIO;
  if (rc == ZN_OK && rename(tmp_path, out_path) != 0)
    rc = ZN_EIO;
  if (rc != ZN_OK) {
    int e = errno;
    remove(tmp_path);
    return failf(b, rc, "%s: %s", out_path,
                 rc == ZN_EIO ? zn__errno_str(e, ebuf, sizeof ebuf)
                              : zn_strerror(rc));
  }
  return ZN_OK;
}

int zn_lexicon_build(const char *dict_path, const char *hmm_path,
                     const char *idf_path, const char *out_path, char *errmsg,
                     size_t errmsg_cap) {
  struct build b;
  int rc;

  memset(&b, 0, sizeof b);
  b.errmsg = errmsg;
  b.errmsg_cap = errmsg_cap;
  if (errmsg != NULL && errmsg_cap > 0)
    errmsg[0] = '\0';
  b.bmp_count = zn_malloc(0x10000 * sizeof *b.bmp_count);
  b.bmp_code = zn_malloc(0x10000 * sizeof *b.bmp_code);
  if (b.bmp_count == NULL || b.bmp_code == NULL) {
    rc = ZN_ENOMEM;
    goto done;
  }
  memset(b.bmp_count, 0, 0x10000 * sizeof *b.bmp_count);
  memset(b.bmp_code, 0, 0x10000 * sizeof *b.bmp_code);
  rc = read_dict(&b, dict_path);
  if (rc == ZN_OK)
    rc = assign_codes(&b);
  if (rc == ZN_OK) {
    for (size_t i = 0; i < b.n_codes_used; i++)
      b.codes[i] = code_of(&b, b.codes[i]);
    rc = sort_entries(&b);
  }
  if (rc == ZN_OK) {
    dedupe(&b);
    rc = build_trie(&b);
  }
  if (rc == ZN_OK && hmm_path != NULL)
    rc = read_hmm(&b, hmm_path);
  if (rc == ZN_OK && idf_path != NULL)
    rc = read_idf(&b, idf_path);
  if (rc == ZN_OK)
    rc = write_lexicon(&b, out_path);
done:
  if (rc == ZN_ENOMEM && errmsg != NULL && errmsg_cap > 0 && errmsg[0] == '\0')
    snprintf(errmsg, errmsg_cap, "out of memory");
  for (uint32_t t = 0; t < b.n_tags; t++)
    zn_free(b.tags[t]);
  zn_free(b.e);
  zn_free(b.codes);
  zn_free(b.bmp_count);
  zn_free(b.bmp_code);
  zn_free(b.supp_cp);
  zn_free(b.supp_count);
  zn_free(b.supp_code);
  zn_free(b.base);
  zn_free(b.check);
  zn_free(b.value);
  zn_free(b.sig);
  zn_free(b.hmm_emit);
  zn_free(b.idf);
  return rc;
}
