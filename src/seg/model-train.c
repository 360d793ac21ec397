/* SPDX-License-Identifier: MIT */
/*
 * model-train.c - zn_model_train(): reads segmented (and tagged) corpora,
 * trains the accurate-mode model with the averaged perceptron (Collins
 * 2002) and writes it in format version 1 (docs/model-format.md).
 *
 * Segmentation is trained on the Han runs exactly as zn_seg_run() cuts the
 * text (the segmenter's run hook, seg-int.h), so rules and user words
 * around the runs behave in training as in use.  The POS tagger is a
 * greedy left-to-right word model trained on the gold words.  Averaging
 * uses the usual trick: beside each weight w the sum u of c * update (c
 * the instance counter), so the average is w - u / c at the end.  All
 * orders (hash tables, shuffles) are deterministic: the same inputs and
 * seed give a byte-identical file.
 */
#include "zhnews/seg.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "zhnews/text.h"
#include "private/errstr.h"
#include "private/grow.h"
#include "seg/model-int.h"
#include "seg/seg-int.h"

/* Longest corpus line read, in bytes. */
#define ZN_MAX_CORPUS_LINE ((size_t)1 << 20)
#define ZN_MAX_TRAIN_EPOCHS 100
/* Quantized weights use int16 up to this magnitude. */
#define ZN_QMAX 30000.0

/* --------------------------------------------------------------- corpus */

struct sent {
  size_t text_off; /* into corpus.text */
  size_t text_len;
  size_t word0; /* first word in corpus.words */
  size_t n_words;
  bool dev;
};

struct gword {
  uint32_t end; /* byte offset of the word's end in its sentence */
  int16_t tag;  /* tag index, -1 untagged */
};

struct corpus {
  char *text;
  size_t text_len, text_cap;
  struct gword *words;
  size_t n_words, cap_words;
  struct sent *sents;
  size_t n_sents, cap_sents;
  char tags[ZN_MDL_MAX_TAGS][8];
  size_t n_tags;
};

struct trainer {
  const zn_train_opts *o;
  char *errmsg;
  size_t errcap;
  struct corpus c;
  /* segmentation weights: a map key -> group, raw and summed weights */
  uint64_t *gkey; /* open addressing: index + 1, 0 = empty */
  uint32_t *gslot;
  size_t gcap;
  uint64_t *keys; /* by group: its key and kind (0 UNI, 1 PAIR) */
  uint8_t *kind;
  int32_t *w;
  int64_t *u;
  uint32_t *cnt; /* occurrences in the training data (first epoch) */
  size_t n_groups, cap_groups;
  bool counting; /* the first epoch: count every feature's occurrences */
  uint32_t min_count;
  int32_t dw[ZN_MDL_NDENSE * 4];
  int64_t du[ZN_MDL_NDENSE * 4];
  int32_t tw[16];
  int64_t tu[16];
  int64_t step;
  /* tagger weights: key -> feature with a small list of (tag, w, u) */
  uint64_t *tkey;
  uint32_t *tslot;
  size_t tcap;
  struct tfeat *tf;
  size_t n_tf, cap_tf;
  int64_t tstep;
  /* the sentence being trained on */
  const struct sent *cur;
  uint8_t *bound;
  size_t bound_cap;
  struct zn__mdl_run run;
  uint8_t *gold;
  size_t gold_cap;
  const zn_lexicon *lex;
  int rc;
};

struct tw_ent {
  int64_t u;
  int32_t w;
  uint16_t tag;
};

struct tfeat {
  uint64_t key;
  struct tw_ent *a;
  uint32_t n, cap;
  uint32_t cnt; /* occurrences in the training data */
};

static int tfail(struct trainer *t, int rc, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int tfail(struct trainer *t, int rc, const char *fmt, ...) {
  va_list ap;
  if (t->errmsg != NULL && t->errcap > 0) {
    va_start(ap, fmt);
    vsnprintf(t->errmsg, t->errcap, fmt, ap);
    va_end(ap);
  }
  return rc;
}

static int tag_index(struct corpus *c, const char *tag) {
  for (size_t i = 0; i < c->n_tags; i++) {
    if (strcmp(c->tags[i], tag) == 0)
      return (int)i;
  }
  if (c->n_tags == ZN_MDL_MAX_TAGS)
    return -1;
  snprintf(c->tags[c->n_tags], sizeof c->tags[0], "%s", tag);
  return (int)c->n_tags++;
}

static int add_word(struct corpus *c, const char *w, size_t len, int tag) {
  int rc;
  if (len == 0)
    return ZN_OK;
  rc = zn__grow((void **)&c->text, 1, &c->text_cap, c->text_len + len + 1);
  if (rc == ZN_OK)
    rc = zn__grow((void **)&c->words, sizeof *c->words, &c->cap_words,
                  c->n_words + 1);
  if (rc != ZN_OK)
    return rc;
  memcpy(c->text + c->text_len, w, len);
  c->text_len += len;
  c->words[c->n_words].end =
      (uint32_t)(c->text_len - c->sents[c->n_sents].text_off);
  c->words[c->n_words].tag = (int16_t)tag;
  c->n_words++;
  return ZN_OK;
}

static uint64_t fnv(const char *s, size_t n) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 0x100000001b3ull;
  }
  return h;
}

/* Starts a sentence; ends it with end_sent(). */
static int begin_sent(struct corpus *c) {
  int rc = zn__grow((void **)&c->sents, sizeof *c->sents, &c->cap_sents,
                    c->n_sents + 1);
  if (rc != ZN_OK)
    return rc;
  memset(&c->sents[c->n_sents], 0, sizeof c->sents[0]);
  c->sents[c->n_sents].text_off = c->text_len;
  c->sents[c->n_sents].word0 = c->n_words;
  return ZN_OK;
}

static void end_sent(struct corpus *c, const char *doc, size_t doc_len,
                     unsigned dev_percent) {
  struct sent *s = &c->sents[c->n_sents];
  s->text_len = c->text_len - s->text_off;
  s->n_words = c->n_words - s->word0;
  if (s->n_words == 0)
    return; /* nothing: dropped */
  s->dev = fnv(doc, doc_len) % 100 < dev_percent;
  c->n_sents++;
}

static zn_corpus_format guess_format(const char *line) {
  const char *tab = strchr(line, '\t');
  size_t slashes = 0;
  size_t spaces = 0;
  if (tab != NULL && line[0] >= '0' && line[0] <= '9')
    return ZN_CORPUS_CONLL;
  for (const char *p = line; *p != '\0'; p++) {
    if (*p == '/')
      slashes++;
    else if (*p == ' ')
      spaces++;
  }
  return slashes > 0 && slashes * 2 >= spaces / 2 ? ZN_CORPUS_PD
                                                  : ZN_CORPUS_SPACED;
}

/* One People's Daily line: [doc-id/m] word/tag ... with [..]nt brackets
 * and {pinyin} marks. */
static int read_pd_line(struct corpus *c, char *line, size_t lineno,
                        const char *path, struct trainer *t) {
  char *p = line;
  const char *doc = "";
  size_t doc_len = 0;
  char docbuf[64];
  int rc = begin_sent(c);
  if (rc != ZN_OK)
    return rc;
  while (*p != '\0') {
    char *tok, *slash, *end;
    char word[512];
    size_t wl = 0;
    char base[8];
    int tag;
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
      p++;
    if (*p == '\0')
      break;
    tok = p;
    while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') {
      /* A pinyin mark may hold a space: 为{ wei4}/p. */
      if (*p == '{' && strchr(p, '}') != NULL)
        p = strchr(p, '}');
      p++;
    }
    end = p;
    if (*tok == '[' && end - tok > 1)
      tok++;
    slash = NULL;
    for (char *q = end; q > tok; q--) {
      if (q[-1] == '/') {
        slash = q - 1;
        break;
      }
    }
    if (slash == NULL || slash == tok)
      return tfail(t, ZN_EFORMAT, "%s:%zu: a token without /tag", path, lineno);
    /* The document id opens the line: 19980127-09-003-006/m. */
    if (c->n_words == c->sents[c->n_sents].word0 && slash - tok >= 15 &&
        tok[8] == '-' && tok[0] >= '0' && tok[0] <= '9') {
      size_t n = (size_t)(slash - tok);
      char *last = memchr(tok + 9, '-', n - 9);
      if (last != NULL)
        last = memchr(last + 1, '-', n - (size_t)(last + 1 - tok));
      doc_len = last != NULL ? (size_t)(last - tok) : n;
      if (doc_len >= sizeof docbuf)
        doc_len = sizeof docbuf - 1;
      memcpy(docbuf, tok, doc_len);
      docbuf[doc_len] = '\0';
      doc = docbuf;
      continue;
    }
    for (char *q = tok; q < slash; q++) {
      if (*q == '{') {
        char *z = memchr(q, '}', (size_t)(slash - q));
        if (z != NULL) {
          q = z;
          continue;
        }
      }
      if (wl + 1 >= sizeof word)
        return tfail(t, ZN_EFORMAT, "%s:%zu: word too long", path, lineno);
      word[wl++] = *q;
    }
    {
      char *tend = slash + 1;
      while (tend < end && *tend != ']')
        tend++;
      zn__mdl_base_tag(slash + 1, (size_t)(tend - slash - 1), base);
    }
    if (!zn_utf8_valid(word, wl, NULL))
      return tfail(t, ZN_EBADUTF8, "%s:%zu: invalid UTF-8", path, lineno);
    tag = tag_index(c, base);
    if (tag < 0)
      return tfail(t, ZN_EFORMAT, "%s:%zu: more than %d POS tags", path, lineno,
                   ZN_MDL_MAX_TAGS);
    rc = add_word(c, word, wl, tag);
    if (rc != ZN_OK)
      return rc;
  }
  if (doc_len == 0) {
    snprintf(docbuf, sizeof docbuf, "%s:%zu", path, lineno);
    doc = docbuf;
    doc_len = strlen(docbuf);
  }
  end_sent(c, doc, doc_len, t->o->dev_percent);
  return ZN_OK;
}

static int read_spaced_line(struct corpus *c, char *line, size_t lineno,
                            const char *path, struct trainer *t) {
  char *p = line;
  char doc[64];
  int rc = begin_sent(c);
  if (rc != ZN_OK)
    return rc;
  while (*p != '\0') {
    char *tok;
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
      p++;
    tok = p;
    while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
      p++;
    if (!zn_utf8_valid(tok, (size_t)(p - tok), NULL))
      return tfail(t, ZN_EBADUTF8, "%s:%zu: invalid UTF-8", path, lineno);
    rc = add_word(c, tok, (size_t)(p - tok), -1);
    if (rc != ZN_OK)
      return rc;
  }
  snprintf(doc, sizeof doc, "%s:%zu", path, lineno);
  end_sent(c, doc, strlen(doc), t->o->dev_percent);
  return ZN_OK;
}

/* A CoNLL / CoNLL-U token line: ID FORM ...; words only (its tag sets are
 * not the PKU one).  Multi-word ranges (1-2) and empty nodes (1.1) are
 * skipped. */
static int read_conll_line(struct corpus *c, char *line, size_t lineno,
                           const char *path, struct trainer *t) {
  char *id_end = strchr(line, '\t');
  char *form, *form_end;
  if (id_end == NULL)
    return tfail(t, ZN_EFORMAT, "%s:%zu: not a CoNLL token line", path, lineno);
  for (char *q = line; q < id_end; q++) {
    if (*q < '0' || *q > '9')
      return ZN_OK;
  }
  form = id_end + 1;
  form_end = strchr(form, '\t');
  if (form_end == NULL)
    form_end = form + strcspn(form, "\r\n");
  if (!zn_utf8_valid(form, (size_t)(form_end - form), NULL))
    return tfail(t, ZN_EBADUTF8, "%s:%zu: invalid UTF-8", path, lineno);
  return add_word(c, form, (size_t)(form_end - form), -1);
}

static int read_corpus(struct trainer *t, const char *path) {
  struct corpus *c = &t->c;
  FILE *f = fopen(path, "r");
  char *line = NULL;
  size_t cap = 0;
  ssize_t got;
  size_t lineno = 0;
  zn_corpus_format fmt = t->o->format;
  bool in_conll = false;
  int rc = ZN_OK;
  char ebuf[128];

  if (f == NULL) {
    int e = errno;
    return tfail(t, e == ENOENT ? ZN_ENOENT : ZN_EIO, "%s: %s", path,
                 zn__errno_str(e, ebuf, sizeof ebuf));
  }
  while (rc == ZN_OK && (got = getline(&line, &cap, f)) >= 0) {
    size_t n = (size_t)got;
    lineno++;
    if ((size_t)got > ZN_MAX_CORPUS_LINE) {
      rc = tfail(t, ZN_EFORMAT, "%s:%zu: line too long", path, lineno);
      break;
    }
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
      line[--n] = '\0';
    if (lineno == 1 && n >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
      memmove(line, line + 3, n - 2);
      n -= 3;
    }
    if (fmt == ZN_CORPUS_AUTO) {
      if (n == 0 || line[0] == '#')
        continue;
      fmt = guess_format(line);
    }
    if (fmt == ZN_CORPUS_CONLL) {
      if (n == 0 || line[0] == '#') {
        if (n == 0 && in_conll) {
          char doc[64];
          snprintf(doc, sizeof doc, "%s:%zu", path, lineno);
          end_sent(c, doc, strlen(doc), t->o->dev_percent);
          in_conll = false;
        }
        continue;
      }
      if (!in_conll) {
        rc = begin_sent(c);
        in_conll = true;
      }
      if (rc == ZN_OK)
        rc = read_conll_line(c, line, lineno, path, t);
      continue;
    }
    if (n == 0)
      continue;
    if (fmt == ZN_CORPUS_PD)
      rc = read_pd_line(c, line, lineno, path, t);
    else
      rc = read_spaced_line(c, line, lineno, path, t);
  }
  if (rc == ZN_OK && in_conll) {
    char doc[64];
    snprintf(doc, sizeof doc, "%s:%zu", path, lineno);
    end_sent(c, doc, strlen(doc), t->o->dev_percent);
  }
  if (rc == ZN_OK && ferror(f))
    rc = tfail(t, ZN_EIO, "%s: read error", path);
  free(line);
  fclose(f);
  if (rc == ZN_ENOMEM)
    return tfail(t, rc, "%s", zn_strerror(rc));
  return rc;
}

/* ------------------------------------------------- segmentation weights */

/* The group with key, or -1; with create, adds it (-2 on ENOMEM). */
static long group_find(struct trainer *t, uint64_t key, int kind, bool create) {
  size_t mask;
  size_t i;
  if (t->gcap == 0) {
    if (!create)
      return -1;
  } else {
    mask = t->gcap - 1;
    for (i = zn__mdl_hash(key) & mask; t->gslot[i] != 0; i = (i + 1) & mask) {
      uint32_t g = t->gslot[i] - 1;
      if (t->gkey[g] == key && t->kind[g] == kind)
        return (long)g;
    }
    if (!create)
      return -1;
  }
  if ((t->n_groups + 1) * 2 > t->gcap) {
    size_t ncap = t->gcap == 0 ? 1024 : t->gcap * 2;
    uint32_t *ns = zn_malloc(ncap * sizeof *ns);
    if (ns == NULL)
      return -2;
    memset(ns, 0, ncap * sizeof *ns);
    for (size_t g = 0; g < t->n_groups; g++) {
      size_t j = zn__mdl_hash(t->gkey[g]) & (ncap - 1);
      while (ns[j] != 0)
        j = (j + 1) & (ncap - 1);
      ns[j] = (uint32_t)g + 1;
    }
    zn_free(t->gslot);
    t->gslot = ns;
    t->gcap = ncap;
  }
  if (t->n_groups == t->cap_groups) {
    size_t nc = t->cap_groups == 0 ? 1024 : t->cap_groups * 2;
    void *a = zn_realloc(t->gkey, nc * sizeof *t->gkey);
    if (a == NULL)
      return -2;
    t->gkey = a;
    a = zn_realloc(t->kind, nc);
    if (a == NULL)
      return -2;
    t->kind = a;
    a = zn_realloc(t->w, nc * ZN_MDL_SLOT_W * sizeof *t->w);
    if (a == NULL)
      return -2;
    t->w = a;
    a = zn_realloc(t->u, nc * ZN_MDL_SLOT_W * sizeof *t->u);
    if (a == NULL)
      return -2;
    t->u = a;
    a = zn_realloc(t->cnt, nc * sizeof *t->cnt);
    if (a == NULL)
      return -2;
    t->cnt = a;
    t->cap_groups = nc;
  }
  {
    size_t g = t->n_groups++;
    mask = t->gcap - 1;
    t->gkey[g] = key;
    t->kind[g] = (uint8_t)kind;
    t->cnt[g] = 0;
    memset(t->w + g * ZN_MDL_SLOT_W, 0, ZN_MDL_SLOT_W * sizeof *t->w);
    memset(t->u + g * ZN_MDL_SLOT_W, 0, ZN_MDL_SLOT_W * sizeof *t->u);
    for (i = zn__mdl_hash(key) & mask; t->gslot[i] != 0; i = (i + 1) & mask)
      ;
    t->gslot[i] = (uint32_t)g + 1;
    return (long)g;
  }
}

/* The group-and-weight features of position i: (kind, key, group) x 10. */
struct pfeat {
  uint64_t key;
  int kind;
  int grp;
};

static size_t pos_feats(const struct zn__mdl_run *r, size_t i,
                        struct pfeat *f) {
  const uint32_t *x = r->x + i; /* x[2] is position i */
  size_t n = 0;
  for (int k = 0; k < 5; k++)
    f[n++] = (struct pfeat){x[k], 0, k};
  for (int k = 0; k < 4; k++)
    f[n++] = (struct pfeat){zn__mdl_pair_key(x[k], x[k + 1]), 1, k};
  f[n++] = (struct pfeat){zn__mdl_pair_key(x[1], x[3]), 1, 4};
  return n;
}

static void seg_scores(struct trainer *t, struct zn__mdl_run *r) {
  for (size_t i = 0; i < r->m; i++) {
    struct pfeat f[10];
    size_t nf = pos_feats(r, i, f);
    uint32_t d[ZN_MDL_DENSE_PER_POS];
    int32_t *sc = r->score + 4 * i;
    memset(sc, 0, 4 * sizeof *sc);
    for (size_t k = 0; k < nf; k++) {
      long g = group_find(t, f[k].key, f[k].kind, false);
      if (g >= 0) {
        const int32_t *w = t->w + (size_t)g * ZN_MDL_SLOT_W + 4 * f[k].grp;
        for (int y = 0; y < 4; y++)
          sc[y] += w[y];
      }
    }
    zn__mdl_dense_idx(r, i, d);
    for (int k = 0; k < ZN_MDL_DENSE_PER_POS; k++) {
      for (int y = 0; y < 4; y++)
        sc[y] += t->dw[d[k] * 4 + (uint32_t)y];
    }
  }
}

/* Adds delta to the weights of label y at position i. */
static int seg_update(struct trainer *t, const struct zn__mdl_run *r, size_t i,
                      int y, int delta) {
  struct pfeat f[10];
  size_t nf = pos_feats(r, i, f);
  uint32_t d[ZN_MDL_DENSE_PER_POS];
  for (size_t k = 0; k < nf; k++) {
    long g = group_find(t, f[k].key, f[k].kind, true);
    size_t at;
    if (g < 0)
      return ZN_ENOMEM;
    at = (size_t)g * ZN_MDL_SLOT_W + 4 * (size_t)f[k].grp + (size_t)y;
    t->w[at] += delta;
    t->u[at] += t->step * delta;
  }
  zn__mdl_dense_idx(r, i, d);
  for (int k = 0; k < ZN_MDL_DENSE_PER_POS; k++) {
    t->dw[d[k] * 4 + (uint32_t)y] += delta;
    t->du[d[k] * 4 + (uint32_t)y] += t->step * delta;
  }
  return ZN_OK;
}

/* The run hook: one training instance. */
static int train_run(void *ctx, const uint32_t *cp, const uint32_t *code,
                     const size_t *boff, size_t m, int out_left,
                     int out_right) {
  struct trainer *t = ctx;
  struct zn__mdl_run *r = &t->run;
  int rc = zn__mdl_run_reserve(r, m);
  size_t base = boff[0];
  bool wrong = false;
  if (rc == ZN_OK)
    rc = zn__grow((void **)&t->gold, 1, &t->gold_cap, m);
  if (rc != ZN_OK)
    return rc;
  zn__mdl_features(r, t->lex, cp, code, m, out_left, out_right);
  for (size_t k = 0; k < m; k++) {
    bool st = k == 0 || t->bound[boff[k]];
    bool en = k + 1 == m || t->bound[boff[k + 1]];
    t->gold[k] =
        (uint8_t)(st ? (en ? ZN_MDL_S : ZN_MDL_B) : (en ? ZN_MDL_E : ZN_MDL_M));
  }
  (void)base;
  t->step++;
  if (t->counting) {
    /* Each character, adjacent pair and skip pair once. */
    for (size_t i = 0; i < m; i++) {
      struct pfeat f[10];
      pos_feats(r, i, f);
      for (int k = 0; k < 10; k++) {
        long g;
        if (f[k].grp != (f[k].kind == 0 ? 2 : f[k].grp == 4 ? 4 : 2))
          continue;
        g = group_find(t, f[k].key, f[k].kind, true);
        if (g < 0)
          return ZN_ENOMEM;
        t->cnt[g]++;
      }
    }
  }
  seg_scores(t, r);
  zn__mdl_viterbi(r, t->tw);
  for (size_t k = 0; k < m && rc == ZN_OK; k++) {
    if (r->label[k] != t->gold[k]) {
      wrong = true;
      rc = seg_update(t, r, k, t->gold[k], 1);
      if (rc == ZN_OK)
        rc = seg_update(t, r, k, r->label[k], -1);
    }
  }
  if (wrong) {
    for (size_t k = 1; k < m; k++) {
      int g = t->gold[k - 1] * 4 + t->gold[k];
      int p = r->label[k - 1] * 4 + r->label[k];
      if (g != p) {
        t->tw[g]++;
        t->tu[g] += t->step;
        t->tw[p]--;
        t->tu[p] -= t->step;
      }
    }
  }
  return rc;
}

static int discard_token(void *ctx, const char *text, const zn_token *tok) {
  (void)ctx;
  (void)text;
  (void)tok;
  return 0;
}

/* ----------------------------------------------------------- tagger */

static long tfeat_find(struct trainer *t, uint64_t key, bool create) {
  size_t mask;
  size_t i;
  if (t->tcap > 0) {
    mask = t->tcap - 1;
    for (i = zn__mdl_hash(key) & mask; t->tslot[i] != 0; i = (i + 1) & mask) {
      if (t->tkey[t->tslot[i] - 1] == key)
        return (long)t->tslot[i] - 1;
    }
  }
  if (!create)
    return -1;
  if ((t->n_tf + 1) * 2 > t->tcap) {
    size_t ncap = t->tcap == 0 ? 1024 : t->tcap * 2;
    uint32_t *ns = zn_malloc(ncap * sizeof *ns);
    if (ns == NULL)
      return -2;
    memset(ns, 0, ncap * sizeof *ns);
    for (size_t g = 0; g < t->n_tf; g++) {
      size_t j = zn__mdl_hash(t->tkey[g]) & (ncap - 1);
      while (ns[j] != 0)
        j = (j + 1) & (ncap - 1);
      ns[j] = (uint32_t)g + 1;
    }
    zn_free(t->tslot);
    t->tslot = ns;
    t->tcap = ncap;
  }
  if (t->n_tf == t->cap_tf) {
    size_t nc = t->cap_tf == 0 ? 1024 : t->cap_tf * 2;
    void *a = zn_realloc(t->tkey, nc * sizeof *t->tkey);
    if (a == NULL)
      return -2;
    t->tkey = a;
    a = zn_realloc(t->tf, nc * sizeof *t->tf);
    if (a == NULL)
      return -2;
    t->tf = a;
    t->cap_tf = nc;
  }
  {
    size_t g = t->n_tf++;
    mask = t->tcap - 1;
    t->tkey[g] = key;
    memset(&t->tf[g], 0, sizeof t->tf[g]);
    t->tf[g].key = key;
    for (i = zn__mdl_hash(key) & mask; t->tslot[i] != 0; i = (i + 1) & mask)
      ;
    t->tslot[i] = (uint32_t)g + 1;
    return (long)g;
  }
}

static int tag_update(struct trainer *t, uint64_t key, int tag, int delta) {
  long g = tfeat_find(t, key, true);
  struct tfeat *f;
  if (g < 0)
    return ZN_ENOMEM;
  f = &t->tf[g];
  for (uint32_t k = 0; k < f->n; k++) {
    if (f->a[k].tag == tag) {
      f->a[k].w += delta;
      f->a[k].u += t->tstep * delta;
      return ZN_OK;
    }
  }
  if (f->n == f->cap) {
    uint32_t nc = f->cap == 0 ? 2 : f->cap * 2;
    struct tw_ent *a = zn_realloc(f->a, nc * sizeof *a);
    if (a == NULL)
      return ZN_ENOMEM;
    f->a = a;
    f->cap = nc;
  }
  f->a[f->n].tag = (uint16_t)tag;
  f->a[f->n].w = delta;
  f->a[f->n].u = t->tstep * delta;
  f->n++;
  return ZN_OK;
}

static const char *lex_tag(const zn_lexicon *lex, const char *s, size_t n) {
  const char *tag = NULL;
  if (lex == NULL || !zn_lexicon_lookup(lex, s, n, NULL, &tag))
    return NULL;
  return tag;
}

/* Fills w[] with the words of sentence s; returns their number. */
static size_t sent_words(const struct trainer *t, const struct sent *s,
                         struct zn__mdl_word *w) {
  const char *text = t->c.text + s->text_off;
  size_t start = 0;
  for (size_t k = 0; k < s->n_words; k++) {
    const struct gword *g = &t->c.words[s->word0 + k];
    w[k].s = text + start;
    w[k].len = g->end - start;
    w[k].lextag = lex_tag(t->lex, w[k].s, w[k].len);
    w[k].tag = -1;
    start = g->end;
  }
  return s->n_words;
}

static int train_tags(struct trainer *t, const struct sent *s,
                      struct zn__mdl_word *w, const char *const *tags) {
  size_t n = sent_words(t, s, w);
  int ptag = -1;
  if (t->c.words[s->word0].tag < 0)
    return ZN_OK;
  t->tstep++;
  for (size_t i = 0; i < n; i++) {
    uint64_t keys[ZN_MDL_MAX_TAG_FEATS];
    int32_t sc[ZN_MDL_MAX_TAGS];
    size_t nk = zn__mdl_tag_keys(w, n, i, ptag, tags, keys);
    int gold = t->c.words[s->word0 + i].tag;
    int best = 0;
    memset(sc, 0, sizeof sc);
    if (t->counting) {
      for (size_t k = 0; k < nk; k++) {
        long g = tfeat_find(t, keys[k], true);
        if (g < 0)
          return ZN_ENOMEM;
        t->tf[g].cnt++;
      }
    }
    for (size_t k = 0; k < nk; k++) {
      long g = tfeat_find(t, keys[k], false);
      if (g < 0)
        continue;
      for (uint32_t e = 0; e < t->tf[g].n; e++)
        sc[t->tf[g].a[e].tag] += t->tf[g].a[e].w;
    }
    for (size_t k = 1; k < t->c.n_tags; k++) {
      if (sc[k] > sc[best])
        best = (int)k;
    }
    if (gold >= 0 && best != gold) {
      for (size_t k = 0; k < nk; k++) {
        int rc = tag_update(t, keys[k], gold, 1);
        if (rc == ZN_OK)
          rc = tag_update(t, keys[k], best, -1);
        if (rc != ZN_OK)
          return rc;
      }
    }
    ptag = best;
  }
  return ZN_OK;
}

/* ---------------------------------------------------------------- writing */

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

static void put16(uint8_t *p, int v) {
  p[0] = (uint8_t)(unsigned)v;
  p[1] = (uint8_t)((unsigned)v >> 8);
}

static double avg(int32_t w, int64_t u, int64_t c) {
  return c > 0 ? (double)w - (double)u / (double)c : (double)w;
}

static int quant(double v, double scale) {
  double q = nearbyint(v * scale);
  if (q > 32767)
    q = 32767;
  if (q < -32767)
    q = -32767;
  return (int)q;
}

static uint32_t pow2_for(size_t n) {
  uint32_t s = 16;
  while ((size_t)s * 7 / 10 < n + 1)
    s *= 2;
  return s;
}

/*
 * Builds the model file image in *out (zn_malloc'ed, *out_len bytes) from
 * the averaged weights.
 */
static int build_image(struct trainer *t, const char *info, uint8_t **out,
                       size_t *out_len) {
  double mx = 1e-9;
  double scale, tmx = 1e-9, tscale;
  int64_t c = t->step;
  size_t n_keep[2] = {0, 0};
  uint32_t nslot[2];
  size_t n_tfeat = 0, n_tw = 0;
  uint32_t tslots;
  uint64_t off[ZN_MDL_SEC_MAX] = {0}, size[ZN_MDL_SEC_MAX] = {0};
  size_t tags_len = 0;
  size_t len;
  uint8_t *img;
  int *keep = NULL;
  int rc = ZN_OK;

  for (size_t g = 0; g < t->n_groups * ZN_MDL_SLOT_W; g++)
    mx = fmax(mx, fabs(avg(t->w[g], t->u[g], c)));
  for (size_t k = 0; k < ZN_MDL_NDENSE * 4; k++)
    mx = fmax(mx, fabs(avg(t->dw[k], t->du[k], c)));
  scale = ZN_QMAX / mx;
  keep = zn_malloc((t->n_groups + 1) * sizeof *keep);
  if (keep == NULL)
    return ZN_ENOMEM;
  for (size_t g = 0; g < t->n_groups; g++) {
    int best = 0;
    for (size_t k = 0; k < ZN_MDL_SLOT_W; k++) {
      size_t at = g * ZN_MDL_SLOT_W + k;
      int q = abs(quant(avg(t->w[at], t->u[at], c), scale));
      if (q > best)
        best = q;
    }
    keep[g] =
        best > 0 && best >= t->o->prune * ZN_QMAX && t->cnt[g] >= t->min_count;
    if (keep[g])
      n_keep[t->kind[g]]++;
  }
  nslot[0] = pow2_for(n_keep[0]);
  nslot[1] = pow2_for(n_keep[1]);
  /* tagger */
  for (size_t f = 0; f < t->n_tf; f++) {
    for (uint32_t e = 0; e < t->tf[f].n; e++)
      tmx = fmax(tmx, fabs(avg(t->tf[f].a[e].w, t->tf[f].a[e].u, t->tstep)));
  }
  tscale = 32000.0 / tmx;
  for (size_t f = 0; f < t->n_tf; f++) {
    size_t nz = 0;
    if (t->tf[f].cnt < t->min_count)
      continue;
    for (uint32_t e = 0; e < t->tf[f].n; e++) {
      int q = quant(avg(t->tf[f].a[e].w, t->tf[f].a[e].u, t->tstep), tscale);
      if (q != 0 && abs(q) >= t->o->prune * 32000.0)
        nz++;
    }
    if (nz > 0) {
      n_tfeat++;
      n_tw += nz;
    }
  }
  tslots = n_tfeat > 0 ? pow2_for(n_tfeat) : 0;
  for (size_t k = 0; k < t->c.n_tags; k++)
    tags_len += strlen(t->c.tags[k]) + 1;

  len = ZN_MDL_HEADER_SIZE + 8 * ZN_MDL_SECTION_ENTRY_SIZE;
#define ZN__SEC(id, n)                                                         \
  do {                                                                         \
    off[id] = len;                                                             \
    size[id] = (n);                                                            \
    len += ((size_t)(n) + 7) & ~(size_t)7;                                     \
  } while (0)
  ZN__SEC(ZN_MDL_SEC_UNI, (size_t)nslot[0] * ZN_MDL_SLOT_SIZE);
  ZN__SEC(ZN_MDL_SEC_PAIR, (size_t)nslot[1] * ZN_MDL_SLOT_SIZE);
  ZN__SEC(ZN_MDL_SEC_DENSE, (size_t)ZN_MDL_NDENSE * 8);
  ZN__SEC(ZN_MDL_SEC_TRANS, 64);
  ZN__SEC(ZN_MDL_SEC_TAGS, tags_len);
  ZN__SEC(ZN_MDL_SEC_TFEAT, (size_t)tslots * ZN_MDL_TAG_SLOT_SIZE);
  ZN__SEC(ZN_MDL_SEC_TW, n_tw * 4);
  ZN__SEC(ZN_MDL_SEC_INFO, strlen(info) + 1);
#undef ZN__SEC
  img = zn_malloc(len);
  if (img == NULL) {
    zn_free(keep);
    return ZN_ENOMEM;
  }
  memset(img, 0, len);
  memcpy(img, ZN_MDL_MAGIC, 8);
  put32(img + 8, ZN_MDL_VERSION);
  put32(img + 12, ZN_MDL_BYTE_ORDER);
  put64(img + 16, len);
  put32(img + 24, 8);
  put32(img + 28, nslot[0]);
  put32(img + 32, nslot[1]);
  put32(img + 36, (uint32_t)t->c.n_tags);
  put32(img + 40, tslots);
  put32(img + 44, (uint32_t)n_tw);
  put32(img + 48, ZN_MDL_NDENSE);
  for (uint32_t id = 1; id < ZN_MDL_SEC_MAX; id++) {
    uint8_t *e =
        img + ZN_MDL_HEADER_SIZE + (id - 1) * ZN_MDL_SECTION_ENTRY_SIZE;
    put32(e, id);
    put64(e + 8, off[id]);
    put64(e + 16, size[id]);
  }
  for (size_t g = 0; g < t->n_groups; g++) {
    int kind = t->kind[g];
    uint8_t *tab = img + off[kind == 0 ? ZN_MDL_SEC_UNI : ZN_MDL_SEC_PAIR];
    uint32_t mask = nslot[kind] - 1;
    uint32_t i;
    uint8_t *s;
    if (!keep[g])
      continue;
    i = (uint32_t)zn__mdl_hash(t->gkey[g]) & mask;
    while (zn__mdl_rd64(tab + (size_t)i * 8) != 0)
      i = (i + 1) & mask;
    put64(tab + (size_t)i * 8, t->gkey[g]);
    s = tab + (size_t)nslot[kind] * 8 + (size_t)i * ZN_MDL_ROW_SIZE;
    for (size_t k = 0; k < ZN_MDL_SLOT_W; k++) {
      size_t at = g * ZN_MDL_SLOT_W + k;
      put16(s + 2 * k, quant(avg(t->w[at], t->u[at], c), scale));
    }
  }
  for (size_t k = 0; k < ZN_MDL_NDENSE * 4; k++)
    put16(img + off[ZN_MDL_SEC_DENSE] + 2 * k,
          quant(avg(t->dw[k], t->du[k], c), scale));
  for (int k = 0; k < 16; k++)
    put32(img + off[ZN_MDL_SEC_TRANS] + 4 * k,
          (uint32_t)(int32_t)nearbyint(avg(t->tw[k], t->tu[k], c) * scale));
  {
    uint8_t *p = img + off[ZN_MDL_SEC_TAGS];
    for (size_t k = 0; k < t->c.n_tags; k++) {
      size_t n = strlen(t->c.tags[k]) + 1;
      memcpy(p, t->c.tags[k], n);
      p += n;
    }
  }
  {
    uint8_t *tab = img + off[ZN_MDL_SEC_TFEAT];
    uint8_t *pw = img + off[ZN_MDL_SEC_TW];
    uint32_t nw = 0;
    for (size_t f = 0; f < t->n_tf && tslots > 0; f++) {
      uint32_t first = nw;
      uint32_t i;
      if (t->tf[f].cnt < t->min_count)
        continue;
      for (uint32_t e = 0; e < t->tf[f].n; e++) {
        int q = quant(avg(t->tf[f].a[e].w, t->tf[f].a[e].u, t->tstep), tscale);
        if (q != 0 && abs(q) >= t->o->prune * 32000.0) {
          put32(pw + 4 * (size_t)nw,
                (uint32_t)t->tf[f].a[e].tag | (uint32_t)(uint16_t)q << 16);
          nw++;
        }
      }
      if (nw == first)
        continue;
      i = (uint32_t)zn__mdl_hash(t->tf[f].key) & (tslots - 1);
      while (zn__mdl_rd64(tab + (size_t)i * ZN_MDL_TAG_SLOT_SIZE) != 0)
        i = (i + 1) & (tslots - 1);
      put64(tab + (size_t)i * ZN_MDL_TAG_SLOT_SIZE, t->tf[f].key);
      put32(tab + (size_t)i * ZN_MDL_TAG_SLOT_SIZE + 8, first);
      put32(tab + (size_t)i * ZN_MDL_TAG_SLOT_SIZE + 12, nw - first);
    }
  }
  memcpy(img + off[ZN_MDL_SEC_INFO], info, strlen(info) + 1);
  zn_free(keep);
  *out = img;
  *out_len = len;
  return rc;
}

/* -------------------------------------------------------------- scoring */

struct collect {
  size_t *off; /* token ends */
  size_t n, cap;
  int rc;
};

static int collect_token(void *ctx, const char *text, const zn_token *tok) {
  struct collect *c = ctx;
  (void)text;
  if (zn__grow((void **)&c->off, sizeof *c->off, &c->cap, c->n + 2) != ZN_OK) {
    c->rc = ZN_ENOMEM;
    return 1;
  }
  c->off[c->n++] = tok->off;
  c->off[c->n++] = tok->off + tok->len;
  return 0;
}

/* Scores the dev split with the model image: word F1 through the real
 * segmenter, POS accuracy of the tagger on the gold words. */
static int score_dev(struct trainer *t, const uint8_t *img, size_t len,
                     struct zn__mdl_word *w, double *f1, double *acc) {
  zn_model *md = NULL;
  zn_seg *seg = NULL;
  struct collect col = {NULL, 0, 0, ZN_OK};
  size_t n_gold = 0, n_sys = 0, n_ok = 0, n_tag = 0, n_tag_ok = 0;
  char err[128];
  int rc = zn__model_from_buffer(img, len, &md, err, sizeof err);
  if (rc == ZN_OK)
    rc = zn_seg_new(t->lex, &seg);
  if (rc == ZN_OK)
    rc = zn_seg_set_model(seg, md);
  if (rc == ZN_OK)
    rc = zn_seg_set_mode(seg, ZN_SEG_ACCURATE);
  if (rc == ZN_OK)
    zn_seg_set_pos(seg, false);
  for (size_t k = 0; k < t->c.n_sents && rc == ZN_OK; k++) {
    const struct sent *s = &t->c.sents[k];
    size_t gi = 0, si = 0, start = 0;
    size_t n;
    if (!s->dev)
      continue;
    col.n = 0;
    rc = zn_seg_run(seg, t->c.text + s->text_off, s->text_len, collect_token,
                    &col);
    if (rc == ZN_OK)
      rc = col.rc;
    n_gold += s->n_words;
    n_sys += col.n / 2;
    /* Both lists are in text order: a merge counts the exact matches. */
    while (gi < s->n_words && si < col.n) {
      size_t gs = gi == 0 ? 0 : t->c.words[s->word0 + gi - 1].end;
      size_t ge = t->c.words[s->word0 + gi].end;
      if (gs == col.off[si] && ge == col.off[si + 1]) {
        n_ok++;
        gi++;
        si += 2;
      } else if (ge <= col.off[si + 1]) {
        gi++;
      } else {
        si += 2;
      }
    }
    (void)start;
    if (t->c.words[s->word0].tag >= 0) {
      n = sent_words(t, s, w);
      zn__mdl_tag(md, w, n);
      for (size_t i = 0; i < n; i++) {
        n_tag++;
        n_tag_ok += w[i].tag == t->c.words[s->word0 + i].tag;
      }
    }
  }
  zn_seg_free(seg);
  zn_model_close(md);
  zn_free(col.off);
  if (rc != ZN_OK)
    return rc;
  {
    double p = n_sys > 0 ? (double)n_ok / (double)n_sys : 0;
    double r = n_gold > 0 ? (double)n_ok / (double)n_gold : 0;
    *f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
    *acc = n_tag > 0 ? (double)n_tag_ok / (double)n_tag : -1;
  }
  return ZN_OK;
}

static int write_dev(struct trainer *t, const char *path) {
  FILE *f = fopen(path, "w");
  char ebuf[128];
  if (f == NULL) {
    int e = errno;
    return tfail(t, ZN_EIO, "%s: %s", path,
                 zn__errno_str(e, ebuf, sizeof ebuf));
  }
  for (size_t k = 0; k < t->c.n_sents; k++) {
    const struct sent *s = &t->c.sents[k];
    size_t start = 0;
    if (!s->dev)
      continue;
    for (size_t i = 0; i < s->n_words; i++) {
      const struct gword *g = &t->c.words[s->word0 + i];
      fprintf(f, "%s%.*s/%s", i > 0 ? "  " : "", (int)(g->end - start),
              t->c.text + s->text_off + start,
              g->tag >= 0 ? t->c.tags[g->tag] : "x");
      start = g->end;
    }
    fputc('\n', f);
  }
  if (fclose(f) != 0)
    return tfail(t, ZN_EIO, "%s: write error", path);
  return ZN_OK;
}

static int write_file(struct trainer *t, const uint8_t *img, size_t len) {
  char tmp[4096];
  FILE *f;
  char ebuf[128];
  if (snprintf(tmp, sizeof tmp, "%s.tmp", t->o->out_path) >= (int)sizeof tmp)
    return tfail(t, ZN_EINVAL, "output path too long");
  f = fopen(tmp, "wb");
  if (f == NULL) {
    int e = errno;
    return tfail(t, ZN_EIO, "%s: %s", tmp, zn__errno_str(e, ebuf, sizeof ebuf));
  }
  if (fwrite(img, 1, len, f) != len || fclose(f) != 0) {
    remove(tmp);
    return tfail(t, ZN_EIO, "%s: write error", tmp);
  }
  if (rename(tmp, t->o->out_path) != 0) {
    int e = errno;
    remove(tmp);
    return tfail(t, ZN_EIO, "%s: %s", t->o->out_path,
                 zn__errno_str(e, ebuf, sizeof ebuf));
  }
  return ZN_OK;
}

static uint64_t rng_next(uint64_t *s) {
  uint64_t x = *s;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *s = x;
  return x * 0x2545F4914F6CDD1Dull;
}

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void trainer_free(struct trainer *t) {
  zn_free(t->c.text);
  zn_free(t->c.words);
  zn_free(t->c.sents);
  zn_free(t->gkey);
  zn_free(t->gslot);
  zn_free(t->kind);
  zn_free(t->w);
  zn_free(t->u);
  zn_free(t->cnt);
  zn_free(t->tkey);
  zn_free(t->tslot);
  for (size_t f = 0; f < t->n_tf; f++)
    zn_free(t->tf[f].a);
  zn_free(t->tf);
  zn_free(t->bound);
  zn_free(t->gold);
  zn__mdl_run_free(&t->run);
}

int zn_model_train(const zn_train_opts *o, char *errmsg, size_t errmsg_cap) {
  struct trainer t;
  zn_seg *seg = NULL;
  size_t *order = NULL;
  size_t n_train = 0, n_dev = 0, max_words = 1, max_text = 1;
  struct zn__mdl_word *w = NULL;
  const char *tags[ZN_MDL_MAX_TAGS];
  uint8_t *img = NULL;
  size_t img_len = 0;
  unsigned epochs;
  uint64_t rng;
  double t0 = now_s();
  double f1 = 0, acc = -1;
  int rc = ZN_OK;

  memset(&t, 0, sizeof t);
  t.o = o;
  t.errmsg = errmsg;
  t.errcap = errmsg_cap;
  t.lex = o->lex;
  t.min_count = o->min_count == 0 ? 2 : o->min_count;
  if (errmsg != NULL && errmsg_cap > 0)
    errmsg[0] = '\0';
  epochs = o->epochs == 0 ? 10 : o->epochs;
  if (o->n_inputs == 0 || (o->out_path == NULL && o->dev_out == NULL) ||
      (o->out_path != NULL && o->lex == NULL) || o->dev_percent > 50 ||
      epochs > ZN_MAX_TRAIN_EPOCHS || !(o->prune >= 0 && o->prune < 1))
    return tfail(&t, ZN_EINVAL, "bad training options");
  tag_index(&t.c, "x"); /* tag 0: what untagged words get */
  for (size_t k = 0; k < o->n_inputs && rc == ZN_OK; k++)
    rc = read_corpus(&t, o->inputs[k]);
  if (rc != ZN_OK)
    goto done;
  if (o->out_path == NULL) { /* only the split */
    rc = write_dev(&t, o->dev_out);
    goto done;
  }
  for (size_t k = 0; k < t.c.n_sents; k++) {
    if (t.c.sents[k].dev)
      n_dev++;
    else
      n_train++;
    if (t.c.sents[k].n_words > max_words)
      max_words = t.c.sents[k].n_words;
    if (t.c.sents[k].text_len > max_text)
      max_text = t.c.sents[k].text_len;
  }
  if (n_train == 0) {
    rc = tfail(&t, ZN_EFORMAT, "no training sentences in the input");
    goto done;
  }
  for (size_t k = 0; k < t.c.n_tags; k++)
    tags[k] = t.c.tags[k];
  order = zn_malloc(n_train * sizeof *order);
  w = zn_malloc(max_words * sizeof *w);
  t.bound = zn_malloc(max_text + 1);
  t.bound_cap = max_text + 1;
  if (order == NULL || w == NULL || t.bound == NULL) {
    rc = ZN_ENOMEM;
    goto done;
  }
  rc = zn_seg_new(o->lex, &seg);
  if (rc != ZN_OK)
    goto done;
  zn__seg_set_run_hook(seg, train_run, &t);
  rng = o->seed * 0x9E3779B97F4A7C15ull + 0x1234567ull;
  if (rng == 0)
    rng = 1;
  for (unsigned ep = 1; ep <= epochs && rc == ZN_OK; ep++) {
    size_t n = 0;
    zn_train_epoch rep;
    t.counting = ep == 1;
    for (size_t k = 0; k < t.c.n_sents; k++) {
      if (!t.c.sents[k].dev)
        order[n++] = k;
    }
    for (size_t k = n; k > 1; k--) {
      size_t j = (size_t)(rng_next(&rng) % k);
      size_t tmp = order[k - 1];
      order[k - 1] = order[j];
      order[j] = tmp;
    }
    for (size_t k = 0; k < n && rc == ZN_OK; k++) {
      const struct sent *s = &t.c.sents[order[k]];
      memset(t.bound, 0, s->text_len + 1);
      t.bound[0] = 1;
      for (size_t i = 0; i < s->n_words; i++)
        t.bound[t.c.words[s->word0 + i].end] = 1;
      t.cur = s;
      rc = zn_seg_run(seg, t.c.text + s->text_off, s->text_len, discard_token,
                      NULL);
      if (rc == ZN_OK)
        rc = train_tags(&t, s, w, tags);
    }
    if (rc != ZN_OK)
      break;
    zn_free(img);
    img = NULL;
    rc = build_image(&t, "", &img, &img_len);
    if (rc == ZN_OK && n_dev > 0)
      rc = score_dev(&t, img, img_len, w, &f1, &acc);
    if (rc == ZN_OK && o->progress != NULL) {
      rep.epoch = ep;
      rep.train_sents = n_train;
      rep.dev_sents = n_dev;
      rep.dev_f1 = n_dev > 0 ? f1 : -1;
      rep.dev_pos_acc = n_dev > 0 ? acc : -1;
      rep.seconds = now_s() - t0;
      o->progress(o->progress_ctx, &rep);
    }
  }
  if (rc == ZN_OK) {
    char info[1024];
    int at = snprintf(
        info, sizeof info,
        "zhnews accurate-mode model; trained on %zu sentences "
        "(%zu held out for dev), %u epochs, seed %llu, "
        "prune %g, min count %u; dev F1 %.4f, dev POS accuracy %.4f; inputs:",
        n_train, n_dev, epochs, (unsigned long long)o->seed, o->prune,
        t.min_count, f1, acc);
    for (size_t k = 0; k < o->n_inputs && at > 0 && (size_t)at < sizeof info;
         k++) {
      const char *base = strrchr(o->inputs[k], '/');
      at += snprintf(info + at, sizeof info - (size_t)at, " %s",
                     base != NULL ? base + 1 : o->inputs[k]);
    }
    zn_free(img);
    img = NULL;
    rc = build_image(&t, info, &img, &img_len);
  }
  if (rc == ZN_OK)
    rc = write_file(&t, img, img_len);
  if (rc == ZN_OK && o->dev_out != NULL)
    rc = write_dev(&t, o->dev_out);
done:
  if (rc == ZN_ENOMEM)
    tfail(&t, rc, "%s", zn_strerror(rc));
  zn_seg_free(seg);
  zn_free(img);
  zn_free(order);
  zn_free(w);
  trainer_free(&t);
  return rc;
}
