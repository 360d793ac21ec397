/* SPDX-License-Identifier: MIT */
/*
 * keywords.c - keywords by TF-IDF and slogans.
 *
 * Keywords: content words (nouns, verbal nouns, abbreviations, Latin words;
 * no function words, numbers, times or punctuation; IDF at least
 * ZN_MIN_IDF, which drops words every article uses) and entities, counted
 * as single terms whatever the segmenter made of them (陈敏尔, not 陈/敏/尔).
 * Adjacent content words where each almost never occurs without the next
 * (协同 → 协同发展, 优化 → 营商 → 环境; at most three) are one term: news
 * repeats its key phrases, and the pair carries the meaning neither part does.
 * The weight is tf / (terms in the article) * idf, the IDF from the lexicon's
 * IDF section (jieba's table blended with news-corpus document frequencies).
 *
 * Slogans: what Chinese political and policy writing quotes: short “…”
 * terms of Han characters and digits (“两个确立”, “十项行动”, “双碳”),
 * parts joined by 、 (“不敢腐、不能腐、不想腐”), not remarks ending in a
 * particle, counted wherever they occur, quoted or not.
 */
#include "analyze/internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "private/utf8-inl.h"

/* Words below this IDF are too common to say what an article is about. */
#define ZN_MIN_IDF 4.0
/* A pair is one term when the first word is followed by the second in at
 * least this share of its occurrences, and at least twice. */
#define ZN_PAIR_SHARE 0.8
/* A phrase joins at most this many words. */
#define ZN_MAX_PHRASE_WORDS 3
/* Slogans are 2-16 characters. */
#define ZN_SLOGAN_MIN_NCHAR 2
#define ZN_SLOGAN_MAX_NCHAR 16

/* Common news words that are nouns by tag but name no topic. */
static const zn__word k_stop[] = {
    ZN_W("记者"), ZN_W("通讯员"), ZN_W("编辑"), ZN_W("责任编辑"), ZN_W("时间"),
    ZN_W("日期"), ZN_W("图片"),   ZN_W("视频"), ZN_W("新闻"),     ZN_W("消息"),
    ZN_W("来源"), ZN_W("方面"),   ZN_W("工作"), ZN_W("问题"),     ZN_W("情况"),
    ZN_W("有关"), ZN_W("相关"),   ZN_W("目前"), ZN_W("今年"),     ZN_W("去年"),
    ZN_W("明年"), ZN_W("同志"),   ZN_W("人员"), ZN_W("单位"),     ZN_W("部门"),
    ZN_W("地区"), ZN_W("时候"),   ZN_W("内容"), ZN_W("方式"),     ZN_W("作用"),
    ZN_W("意义"), ZN_W("过程"),   ZN_W("水平"), ZN_W("能力"),     ZN_W("措施"),
    ZN_W("全文"), ZN_W("原标题"), ZN_W("本报"), ZN_W("报道"),     ZN_W("作者"),
    ZN_W("网友"), ZN_W("一些"),   ZN_W("其中"), ZN_W("之一")};

/* The stop words' last characters, by the low twelve bits (their last two
 * bytes), built once: most candidates end in none, and the scan of the
 * list was a third of zn__is_content()'s time.  Every stop word ends in a
 * three-byte character. */
static uint8_t g_stop_last[4096 / 8];
static pthread_once_t g_stop_once = PTHREAD_ONCE_INIT;

static unsigned last12(const char *s, size_t len) {
  return ((unsigned)(s[len - 2] & 0x3F) << 6) | (unsigned)(s[len - 1] & 0x3F);
}

static void build_stop_last(void) {
  for (size_t i = 0; i < sizeof k_stop / sizeof k_stop[0]; i++) {
    unsigned k = last12(k_stop[i].s, k_stop[i].n);
    g_stop_last[k >> 3] |= (uint8_t)(1u << (k & 7));
  }
}

static bool is_stop(const char *s, size_t len) {
  unsigned k;
  if (len < 3 || ((unsigned char)s[len - 3] & 0xF0) != 0xE0)
    return false;
  pthread_once(&g_stop_once, build_stop_last);
  k = last12(s, len);
  if (!(g_stop_last[k >> 3] >> (k & 7) & 1))
    return false;
  for (size_t i = 0; i < sizeof k_stop / sizeof k_stop[0]; i++) {
    if (k_stop[i].n == len && k_stop[i].s[len - 1] == s[len - 1] &&
        memcmp(k_stop[i].s, s, len) == 0)
      return true;
  }
  return false;
}

bool zn__is_content(const zn__text *t, const zn__tok *tok, const char *s) {
  const char *tag = tok->tag;
  if (tag == NULL)
    return false;
  if (tag[0] == 'e' && strcmp(tag, "eng") == 0)
    return tok->len >= 2;
  if (tok->len < 6) /* one Han character */
    return false;
  if (!(tag[0] == 'n' || strcmp(tag, "vn") == 0 || strcmp(tag, "j") == 0 ||
        strcmp(tag, "an") == 0))
    return false;
  if (is_stop(s + tok->off, tok->len))
    return false;
  return zn__idf(t->lex, s + tok->off, tok->len) >= ZN_MIN_IDF;
}

/* The mentions of part p: a range of the analysis's mentions. */
static void part_mentions(const zn_analysis *an, size_t para, size_t *lo,
                          size_t *hi) {
  size_t i = 0;
  while (i < an->nmentions && an->mentions[i].at.para != para)
    i++;
  *lo = i;
  while (i < an->nmentions && an->mentions[i].at.para == para)
    i++;
  *hi = i;
}

static bool in_mention(const zn_analysis *an, size_t lo, size_t hi,
                       const zn__tok *tok) {
  for (size_t i = lo; i < hi; i++) {
    const zn_span *m = &an->mentions[i].at;
    if (tok->off < m->off + m->len && m->off < tok->off + tok->len)
      return true;
  }
  return false;
}

/* Content-term id of each token (UINT32_MAX for none), into ids. */
static int content_ids(const zn__doc *d, const zn__text *t, zn__termmap *m,
                       uint32_t *ids) {
  for (size_t pi = 0; pi < t->npart; pi++) {
    const zn__part *p = &t->part[pi];
    size_t lo, hi;
    part_mentions(d->an, p->para, &lo, &hi);
    for (size_t k = p->tok0; k < p->tok0 + p->ntok; k++) {
      const zn__tok *tok = &t->tok[k];
      int rc;
      ids[k] = UINT32_MAX;
      if (!tok->content || in_mention(d->an, lo, hi, tok))
        continue;
      rc = zn__termmap_get(m, p->s + tok->off, tok->len, true, &ids[k]);
      if (rc != ZN_OK)
        return rc;
      m->term[ids[k]].count++;
    }
  }
  return ZN_OK;
}

/* Are tokens i and i + 1 adjacent content words? */
static bool adjacent(const zn__text *t, const uint32_t *ids, size_t i) {
  return ids[i] != UINT32_MAX && ids[i + 1] != UINT32_MAX &&
         t->tok[i].off + t->tok[i].len == t->tok[i + 1].off;
}

/* Does word i (almost) never occur without word i + 1 after it? */
static bool inseparable(const zn__text *t, const uint32_t *ids,
                        const zn__termmap *words, zn__termmap *pairs,
                        const char *s, size_t i) {
  uint32_t id;
  uint32_t n;
  if (!adjacent(t, ids, i) ||
      zn__termmap_get(pairs, s + t->tok[i].off,
                      t->tok[i].len + t->tok[i + 1].len, false, &id) != ZN_OK)
    return false;
  n = pairs->term[id].count;
  return n >= 2 && n >= ZN_PAIR_SHARE * words->term[ids[i]].count;
}

static int cmp_weight(const void *x, const void *y) {
  const zn__term *a = *(const zn__term *const *)x;
  const zn__term *b = *(const zn__term *const *)y;
  if (a->weight != b->weight)
    return a->weight > b->weight ? -1 : 1;
  /* Ties by term id: entities first, then words in text order.  (The
   * text pointers would order by heap address: not reproducible.) */
  return a < b ? -1 : a > b;
}

#define ZN_TOP_K_MAX 64

/* Puts the k best terms of rank[0..n) (k < n) in order in rank[0..k), as
 * sorting the whole with cmp_weight and taking the first k would (it is a
 * total order): an insertion sort that drops what falls past k.  Most
 * terms lose to the k-th at once: much less than sorting them all. */
static void top_k(zn__term **rank, size_t n, size_t k) {
  for (size_t i = 1; i < n; i++) {
    zn__term *v = rank[i];
    size_t j = i;
    if (i >= k) {
      if (k == 0 || cmp_weight(&v, &rank[k - 1]) >= 0)
        continue;
      j = k - 1;
    }
    while (j > 0 && cmp_weight(&v, &rank[j - 1]) < 0) {
      rank[j] = rank[j - 1];
      j--;
    }
    rank[j] = v;
  }
}

int zn__keywords(zn__doc *d, const zn__text *t, size_t k) {
  zn__termmap words, terms, pairs;
  uint32_t *ids = NULL;
  zn__term **rank = NULL;
  double total = 0.0;
  int rc;

  if (k == 0)
    return ZN_OK;
  zn__termmap_init(&words);
  zn__termmap_init(&terms);
  zn__termmap_init(&pairs);
  ids = zn_malloc((t->ntok ? t->ntok : 1) * sizeof *ids);
  if (ids == NULL)
    return ZN_ENOMEM;
  rc = content_ids(d, t, &words, ids);

  /* Adjacent content pairs and their counts: a pair is the text from the
   * first word's start to the second's end. */
  for (size_t pi = 0; rc == ZN_OK && pi < t->npart; pi++) {
    const zn__part *p = &t->part[pi];
    for (size_t i = p->tok0; rc == ZN_OK && i + 1 < p->tok0 + p->ntok; i++) {
      uint32_t id;
      if (!adjacent(t, ids, i))
        continue;
      rc = zn__termmap_get(&pairs, p->s + t->tok[i].off,
                           t->tok[i].len + t->tok[i + 1].len, true, &id);
      if (rc == ZN_OK)
        pairs.term[id].count++;
    }
  }

  /* Count the terms: entities, then words, a run of inseparable words
   * (协同 → 发展, 优化 → 营商 → 环境) as one. */
  for (size_t i = 0; rc == ZN_OK && i < d->an->nentities; i++) {
    const zn_entity *e = &d->an->entities[i];
    uint32_t id;
    rc = zn__termmap_get(&terms, e->name, strlen(e->name), true, &id);
    if (rc == ZN_OK)
      terms.term[id].count += (uint32_t)e->count;
  }
  for (size_t pi = 0; rc == ZN_OK && pi < t->npart; pi++) {
    const zn__part *p = &t->part[pi];
    size_t end = p->tok0 + p->ntok;
    for (size_t i = p->tok0; rc == ZN_OK && i < end; i++) {
      size_t j = i;
      uint32_t id;
      if (ids[i] == UINT32_MAX)
        continue;
      while (j + 1 < end && j - i + 1 < ZN_MAX_PHRASE_WORDS &&
             inseparable(t, ids, &words, &pairs, p->s, j))
        j++;
      rc = zn__termmap_get(&terms, p->s + t->tok[i].off,
                           t->tok[j].off + t->tok[j].len - t->tok[i].off, true,
                           &id);
      if (rc == ZN_OK)
        terms.term[id].count++;
      i = j;
    }
  }
  if (rc == ZN_OK && terms.n > 0) {
    size_t n = 0;
    for (size_t i = 0; i < terms.n; i++)
      total += terms.term[i].count;
    rank = zn_malloc(terms.n * sizeof *rank);
    if (rank == NULL)
      rc = ZN_ENOMEM;
    for (size_t i = 0; rc == ZN_OK && i < terms.n; i++) {
      zn__term *tm = &terms.term[i];
      double idf = zn__idf(t->lex, tm->s, tm->len);
      if (tm->count == 0)
        continue;
      tm->weight = tm->count / total * idf;
      rank[n++] = tm;
    }
    if (rc == ZN_OK) {
      /* A few keywords (the default is 10) out of many terms: top_k();
       * else (its insertions grow with k) a sort. */
      if (n > k && k <= ZN_TOP_K_MAX) {
        top_k(rank, n, k);
      } else {
        qsort(rank, n, sizeof *rank, cmp_weight);
      }
      if (n > k)
        n = k;
      d->an->keywords = zn_malloc((n ? n : 1) * sizeof *d->an->keywords);
      if (d->an->keywords == NULL)
        rc = ZN_ENOMEM;
      for (size_t i = 0; rc == ZN_OK && i < n; i++) {
        zn_term *kw = &d->an->keywords[i];
        kw->text = zn_malloc(rank[i]->len + 1);
        if (kw->text == NULL) {
          rc = ZN_ENOMEM;
          break;
        }
        memcpy(kw->text, rank[i]->s, rank[i]->len);
        kw->text[rank[i]->len] = '\0';
        kw->weight = rank[i]->weight;
        d->an->nkeywords++;
      }
    }
  }
  zn_free(rank);
  zn__termmap_free(&pairs);
  zn_free(ids);
  zn__termmap_free(&words);
  zn__termmap_free(&terms);
  return rc;
}

/* ------------------------------------------------------------- slogans */

/* Counts the occurrences of s[0..len) in every part, none overlapping.
 * The candidates are found by the last byte: a Chinese character's first
 * byte is shared by thousands, its last by a sixty-fourth of them. */
static uint32_t count_all(const zn__text *t, const char *s, size_t len) {
  uint32_t n = 0;
  for (size_t pi = 0; pi < t->npart; pi++) {
    const char *z = t->part[pi].s;
    const char *end = z + t->part[pi].len;
    while ((size_t)(end - z) >= len) {
      const char *hit = memchr(z + len - 1, (unsigned char)s[len - 1],
                               (size_t)(end - z) - (len - 1));
      const char *at;
      if (hit == NULL)
        break;
      at = hit - (len - 1);
      if (memcmp(at, s, len) == 0) {
        n++;
        z = at + len;
      } else {
        z = at + 1;
      }
    }
  }
  return n;
}

/* Is s[0..len) a slogan's body: Han characters and digits only? */
static bool slogan_body(const char *s, size_t len) {
  size_t nchar = 0;
  bool han = false;
  for (size_t i = 0; i < len;) {
    int32_t cp;
    int n = zn__decode(s + i, len - i, &cp);
    if (cp < 0)
      return false;
    if (zn_char_is_han(cp))
      han = true;
    else if (cp == 0x3001 && i > 0 && i + (size_t)n < len)
      ; /* 、 joins the parts of a formula: “不敢腐、不能腐、不想腐” */
    else if (!(cp >= '0' && cp <= '9'))
      return false;
    nchar++;
    i += (size_t)n;
  }
  if (!han || nchar < ZN_SLOGAN_MIN_NCHAR || nchar > ZN_SLOGAN_MAX_NCHAR)
    return false;
  /* A quoted remark ends in a sentence particle (“太及时了”); a term
   * does not. */
  {
    static const char *const particles[] = {"了", "吗", "呢", "吧",
                                            "啊", "呀", "啦", "嘛"};
    for (size_t i = 0; i < sizeof particles / sizeof particles[0]; i++) {
      if (memcmp(s + len - 3, particles[i], 3) == 0)
        return false;
    }
  }
  return true;
}

/* A quoted verb, adverb or function word (“走进”) is emphasis, not a
 * slogan. */
static bool quoted_word(const zn_lexicon *lex, const char *s, size_t len) {
  const char *tag;
  if (!zn_lexicon_lookup(lex, s, len, NULL, &tag))
    return false;
  return strchr("vdpcur", tag[0]) != NULL && strcmp(tag, "vn") != 0;
}

static int cmp_count(const void *x, const void *y) {
  const zn_term *a = x, *b = y;
  if (a->weight != b->weight)
    return a->weight > b->weight ? -1 : 1;
  return 0;
}

int zn__slogans(zn__doc *d, const zn__text *t) {
  static const char open[] = "\xE2\x80\x9C", close[] = "\xE2\x80\x9D";
  zn__termmap seen;
  size_t cap = 0;
  int rc = ZN_OK;

  zn__termmap_init(&seen);
  for (size_t pi = 0; rc == ZN_OK && pi < t->npart; pi++) {
    const char *s = t->part[pi].s;
    size_t len = t->part[pi].len;
    const char *z = s;
    while (rc == ZN_OK) {
      const char *o = strstr(z, open);
      const char *c;
      uint32_t id;
      size_t before;
      if (o == NULL || o >= s + len)
        break;
      c = strstr(o + 3, close);
      if (c == NULL || c >= s + len)
        break;
      z = c + 3;
      if (!slogan_body(o + 3, (size_t)(c - o - 3)) ||
          quoted_word(t->lex, o + 3, (size_t)(c - o - 3)))
        continue;
      before = seen.n;
      rc = zn__termmap_get(&seen, o + 3, (size_t)(c - o - 3), true, &id);
      if (rc != ZN_OK || seen.n == before)
        continue;
      rc = zn__grow((void **)&d->an->slogans, sizeof *d->an->slogans, &cap,
                    d->an->nslogans + 1);
      if (rc == ZN_OK) {
        zn_term *sl = &d->an->slogans[d->an->nslogans];
        size_t n = (size_t)(c - o - 3);
        sl->text = zn_malloc(n + 1);
        if (sl->text == NULL) {
          rc = ZN_ENOMEM;
          break;
        }
        memcpy(sl->text, o + 3, n);
        sl->text[n] = '\0';
        sl->weight = count_all(t, o + 3, n);
        d->an->nslogans++;
      }
    }
  }
  zn__termmap_free(&seen);
  /* Stable enough: equal counts keep first-seen order with a stable pass. */
  if (rc == ZN_OK && d->an->nslogans > 1) {
    for (size_t i = 1; i < d->an->nslogans; i++) {
      zn_term v = d->an->slogans[i];
      size_t j = i;
      while (j > 0 && cmp_count(&d->an->slogans[j - 1], &v) > 0) {
        d->an->slogans[j] = d->an->slogans[j - 1];
        j--;
      }
      d->an->slogans[j] = v;
    }
  }
  return rc;
}
