/* SPDX-License-Identifier: MIT */
/*
 * entities.c - people (with their posts), places and organizations in a
 * paragraph of Chinese news text.
 *
 * The segmenter's fast-mode tokens and POS tags are the evidence; on top of
 * them:
 *  - people: lexicon names (nr, nrfg, nrt), and names the lexicon lacks, read
 *    by a surname + given-name model (given-names.inc: how much more a
 *    character is used in given names than in running text, learned from
 *    People's Daily 1998) together with context: a post right before the
 *    name (市委书记陈敏尔), a list of names (娄勤俭、副组长刘明波), a
 *    reporting verb after it.  A name never cuts a word the segmenter made.
 *  - posts: the title word right before a name (书记, 市长, 组长 ...) widened
 *    leftwards over the nouns that qualify it up to a function word or
 *    punctuation (主题教育中央第二指导组组长); posts joined by 、 share the
 *    name (市委副书记、市长张工); a title right after a name is a post too
 *    (习近平总书记).
 *  - places: lexicon places (ns) and names + a place suffix (承德市,
 *    雄安新区, 滨海新区).
 *  - organizations: lexicon organizations (nt) and qualified names ending
 *    in an organization suffix (中共天津市委, 天津市第十二届委员会,
 *    天津滨海—中关村科技园).
 * Candidates may overlap; the longest wins (an organization holding a place
 * name is one organization).
 */
#include "zhnews/analyze.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/internal.h"
#include "private/names.h"
#include "private/utf8-inl.h"

/* A post is at most this many bytes (about 20 characters). */
#define ZN_MAX_POST_LEN 60
/* At most this many tokens widen a post or an organization leftwards. */
#define ZN_MAX_QUALIFIERS 8

static const struct given_score {
  uint32_t cp;
  int score; /* tenths of a nat */
} k_given[] = {
#include "analyze/given-names.inc"
};

static const struct given_score k_translit[] = {
#include "analyze/translit-chars.inc"
};

/* Does s[0..len) read like a transliterated foreign name: every character
 * used more in foreign names than in running text (克林顿, 叶利钦; not
 * 从严治党)? */
static bool translit_name(const char *s, size_t len) {
  size_t nchar = 0;
  for (size_t i = 0; i < len;) {
    int32_t cp;
    int n = zn__decode(s + i, len - i, &cp);
    size_t lo = 0, hi = sizeof k_translit / sizeof k_translit[0];
    if (cp < 0)
      return false;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (k_translit[mid].cp < (uint32_t)cp)
        lo = mid + 1;
      else
        hi = mid;
    }
    if (lo == sizeof k_translit / sizeof k_translit[0] ||
        k_translit[lo].cp != (uint32_t)cp || k_translit[lo].score <= 0)
      return false;
    nchar++;
    i += (size_t)n;
  }
  return nchar >= 2;
}

/* Score of a character never seen in a given name. */
#define ZN_GIVEN_UNSEEN (-15)

static int given_score(uint32_t cp) {
  size_t lo = 0, hi = sizeof k_given / sizeof k_given[0];
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (k_given[mid].cp < cp)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < sizeof k_given / sizeof k_given[0] && k_given[lo].cp == cp)
    return k_given[lo].score;
  return ZN_GIVEN_UNSEEN;
}

/* ----------------------------------------------------------- word lists */

#define W ZN_W

/* Titles that make a post, longest first where one ends another. */
static const zn__word k_titles[] = {
    W("总书记"),     W("副书记"),     W("书记"),         W("副主席"),
    W("主席"),       W("副总理"),     W("总理"),         W("国务委员"),
    W("副市长"),     W("市长"),       W("副省长"),       W("省长"),
    W("副区长"),     W("区长"),       W("副县长"),       W("县长"),
    W("镇长"),       W("乡长"),       W("村长"),         W("州长"),
    W("副部长"),     W("部长"),       W("副局长"),       W("局长"),
    W("副厅长"),     W("厅长"),       W("处长"),         W("科长"),
    W("副主任"),     W("主任"),       W("常委"),         W("委员"),
    W("副组长"),     W("组长"),       W("秘书长"),       W("副院长"),
    W("院长"),       W("副校长"),     W("校长"),         W("检察长"),
    W("会长"),       W("董事长"),     W("总经理"),       W("副总经理"),
    W("总裁"),       W("副总裁"),     W("行长"),         W("社长"),
    W("台长"),       W("司令员"),     W("政委"),         W("大使"),
    W("发言人"),     W("理事长"),     W("总统"),         W("副总统"),
    W("首相"),       W("外长"),       W("国务卿"),       W("总编辑"),
    W("主编"),       W("队长"),       W("所长"),         W("馆长"),
    W("站长"),       W("庭长"),       W("署长"),         W("党组书记"),
    W("审计长"),     W("总工程师"),   W("首席执行官"),   W("创始人"),
    W("教授"),       W("研究员"),     W("院士"),         W("董事"),
    W("监事长"),     W("主任委员"),   W("议长"),         W("总督"),
    W("国王"),       W("总干事"),     W("秘书"),         W("司长"),
    W("副司长"),     W("团长"),       W("军长"),         W("师长"),
    W("旅长"),       W("参谋长"),     W("旗长"),         W("盟长"),
    W("专员"),       W("巡视员"),     W("调研员"),       W("督导员"),
    W("委员长"),     W("副委员长"),   W("主教练"),       W("教练"),
    W("分析师"),     W("总设计师"),   W("行政长官"),     W("常务副县长"),
    W("常务副市长"), W("常务副省长"), W("总指挥"),       W("首席科学家"),
    W("党委书记"),   W("主任医师"),   W("法定代表人"),   W("经理"),
    W("副经理"),     W("总监"),       W("首席经济学家"), W("经济学家"),
    W("行长助理"),   W("副行长"),     W("支队长"),       W("大队长"),
    W("总队长"),     W("指导员"),     W("副站长"),       W("副队长"),
    W("村支书"),     W("支部书记"),   W("副教授"),       W("副研究员"),
    W("讲师"),       W("律师"),       W("主治医师"),     W("护士长"),
    W("副所长"),     W("副馆长"),     W("大臣"),         W("王储"),
    W("亲王"),       W("总司令")};

/* Place suffixes that follow a known place or a name-like word. */
static const zn__word k_place_suffix[] = {
    W("特别行政区"), W("自治区"), W("自治州"), W("自治县"), W("经济技术开发区"),
    W("开发区"),     W("高新区"), W("新区"),   W("街道"),   W("省"),
    W("市"),         W("区"),     W("县"),     W("州"),     W("镇"),
    W("乡"),         W("村"),     W("旗"),     W("盟")};

/* Organization suffixes. */
static const zn__word k_org_suffix[] = {
    W("委员会"), W("常委会"), W("人民政府"), W("政府"),     W("人民代表大会"),
    W("人大"),   W("政协"),   W("市委"),     W("省委"),     W("县委"),
    W("区委"),   W("党委"),   W("党组"),     W("纪委"),     W("监委"),
    W("大学"),   W("学院"),   W("研究院"),   W("研究所"),   W("研究中心"),
    W("中心"),   W("集团"),   W("有限公司"), W("股份公司"), W("公司"),
    W("银行"),   W("协会"),   W("学会"),     W("基金会"),   W("联合会"),
    W("总局"),   W("局"),     W("厅"),       W("部"),       W("署"),
    W("办公室"), W("法院"),   W("检察院"),   W("医院"),     W("科技园"),
    W("产业园"), W("实验室"), W("出版社"),   W("报社"),     W("电视台"),
    W("交易所"), W("管委会"), W("工作组"),   W("指导组"),   W("联盟"),
    W("党工委"), W("研究室"), W("公会"),     W("执法队"),   W("教委"),
    W("卫健委"), W("发改委"), W("考试院"),   W("设计院"),   W("科学院"),
    W("工程院"), W("党支部"), W("俱乐部"),   W("代表团"),   W("国务院"),
    W("立法会"), W("足球队"), W("跳水队"),   W("国家队"),   W("篮球队"),
    W("排球队"), W("委"),     W("分行"),     W("支行"),     W("分公司"),
    W("子公司"), W("支队"),   W("大队"),     W("分局"),     W("派出所"),
    W("证券"),   W("论坛"),   W("联会"),     W("司"),       W("议院"),
    W("总队")};

/* Words ending like an organization that name none. */
static const zn__word k_not_org_end[] = {
    W("部署"), W("干部"), W("全部"), W("内部"), W("外部"), W("局部"),
    W("签署"), W("布局"), W("格局"), W("结局"), W("大局"), W("开局"),
    W("当局"), W("全局"), W("东部"), W("西部"), W("南部"), W("北部"),
    W("中部"), W("头部"), W("胸部"), W("腹部"), W("底部"), W("顶部"),
    W("总部"), W("部门"), W("本部"), W("各部"), W("局面"), W("中心")};

/* Words the lexicon tags as places or organizations that name none. */
static const zn__word k_not_entity[] = {
    W("大都市"), W("全国"),   W("全市"),       W("全省"), W("全区"), W("全县"),
    W("各地"),   W("当地"),   W("国内"),       W("海外"), W("城乡"), W("内地"),
    W("本市"),   W("党组织"), W("基层党组织"), W("中央"), W("地方"), W("国家"),
    W("政府"),   W("市委"),   W("省委"),       W("党委"), W("企业"), W("学校"),
    W("医院"),   W("公司"),   W("集团"),       W("银行"), W("中心"), W("部门"),
    W("全会"),   W("常委会"), W("委员会"),     W("人大"), W("政协"), W("北"),
    W("南"),     W("东"),     W("西"),         W("新区"), W("城区"), W("市区"),
    W("郊区"),   W("城市"),   W("农村"),       W("城乡"), W("社区"), W("园区"),
    W("新城"),   W("党代会"), W("人代会"),     W("两会")};

/*
 * Every word list here is matched against the end of a string (a token, or
 * the text before a name) or against the text at a position, and the
 * scans over a hundred titles or suffixes at every token were a third of
 * this file's time.  All the words are three-byte characters, so a bitmap
 * per list over the low twelve bits of its words' last characters (their
 * last two bytes) lets a string that ends in none of them skip the list,
 * and one over their first characters does the same for the text at a
 * position.  Built once (pthread_once).
 */
enum {
  L_TITLES,
  L_PLACE_SUFFIX,
  L_ORG_SUFFIX,
  L_NOT_ORG_END,
  L_NOT_ENTITY,
  L_ABSTRACT_END,
  L_ROLE_BEFORE,
  L_ORG_HEADS,
  L_KIN,
  L_BANK_ABBREV,
  L_NAME_VERBS,
  L_UNIT_HEADS,
  L_NLISTS
};
enum { F_TITLES, F_ROLE_AFTER, F_AFTER_NAME, F_VERB_AFTER, F_NLISTS };
static uint8_t g_last[L_NLISTS][4096 / 8];
static uint8_t g_first[F_NLISTS][4096 / 8];
static pthread_once_t g_last_once = PTHREAD_ONCE_INIT;

static unsigned last12(const char *s, size_t len) {
  return ((unsigned)(s[len - 2] & 0x3F) << 6) | (unsigned)(s[len - 1] & 0x3F);
}

static void mark_list(int which, const zn__word *list, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned k = last12(list[i].s, list[i].n);
    g_last[which][k >> 3] |= (uint8_t)(1u << (k & 7));
  }
}

static void mark_first(int which, const zn__word *list, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned k = last12(list[i].s, 3);
    g_first[which][k >> 3] |= (uint8_t)(1u << (k & 7));
  }
}

static void build_last_chars(void);

/* Can s[0..len) end with a word of list which? */
static bool may_end_in(int which, const char *s, size_t len) {
  unsigned k;
  if (len < 3 || ((unsigned char)s[len - 3] & 0xE0) != 0xE0)
    return len >= 3; /* not a three-byte character: let the list decide */
  k = last12(s, len);
  return g_last[which][k >> 3] >> (k & 7) & 1;
}

/* Can a word of list which start at byte off of text[0..len)?  Its words
 * start with a three-byte character. */
static bool may_start_in(int which, const char *text, size_t len, size_t off) {
  unsigned k;
  if (len - off < 3 || ((unsigned char)text[off] & 0xF0) != 0xE0)
    return false;
  k = last12(text + off, 3);
  return g_first[which][k >> 3] >> (k & 7) & 1;
}

/* Does s[0..len) end with w?  The last byte is compared first: most
 * candidates fail there. */
static bool ends_with(const char *s, size_t len, const zn__word *w,
                      size_t *suf_len) {
  if (w->n > len || s[len - 1] != w->s[w->n - 1] ||
      memcmp(s + len - w->n, w->s, w->n) != 0)
    return false;
  *suf_len = w->n;
  return true;
}

/* Endings of abstract nouns the lexicon mistags as places or
 * organizations (法治化, 宜居, 国际化). */
static const zn__word k_abstract_end[] = {W("化"), W("性"), W("度"), W("感"),
                                          W("居"), W("丽"), W("型"), W("式")};

static bool abstract_ending(const char *s, size_t len) {
  size_t n;
  if (!may_end_in(L_ABSTRACT_END, s, len))
    return false;
  for (size_t i = 0; i < sizeof k_abstract_end / sizeof k_abstract_end[0];
       i++) {
    if (ends_with(s, len, &k_abstract_end[i], &n))
      return true;
  }
  return false;
}

static bool in_list(const zn__word *list, size_t n, int which, const char *s,
                    size_t len) {
  if (!may_end_in(which, s, len))
    return false;
  for (size_t i = 0; i < n; i++) {
    if (list[i].n == len && list[i].s[len - 1] == s[len - 1] &&
        memcmp(list[i].s, s, len) == 0)
      return true;
  }
  return false;
}

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------ tokens */

/* a == b for a tag and a literal, byte by byte in line: tags are a few
 * bytes long, most tests fail on the first, and strcmp is a call. */
static inline bool streq(const char *a, const char *b) {
  while (*a == *b) {
    if (*a == '\0')
      return true;
    a++;
    b++;
  }
  return false;
}

static bool tag_is(const zn__tok *t, const char *tag) {
  return t->tag != NULL && streq(t->tag, tag);
}

static bool tag_starts(const zn__tok *t, char c) {
  return t->tag != NULL && t->tag[0] == c;
}

/* Person tags of the lexicon: nr, nrfg (a full name), nrt (transliterated). */
static bool is_person_tag(const zn__tok *t) {
  const char *g = t->tag;
  return g != NULL && g[0] == 'n' && g[1] == 'r' &&
         (g[2] == '\0' || (g[2] == 't' && g[3] == '\0') ||
          (g[2] == 'f' && g[3] == 'g' && g[4] == '\0'));
}

/* Does s[0..len) end in a character that ends places and (almost) never
 * names: 县, 岛, 省, 乡?  (旗 and 镇 end given names too: 李红旗.) */
static bool place_end(const char *s, size_t len) {
  static const char ends[] = "县岛省乡";
  if (len < 3)
    return false;
  for (size_t i = 0; i + 3 <= sizeof ends - 1; i += 3) {
    if (memcmp(s + len - 3, ends + i, 3) == 0)
      return true;
  }
  return false;
}

/* Tokens that may qualify a post or an organization name: nouns, place and
 * organization names, abbreviations, 副-style distinguishing words and
 * ordinals (第二). */
/* One-character heads of units (发展改革/委). */
static const char k_unit_heads[] = "委局部厅办院署处科司所室队组团社馆站庭";

static bool is_qualifier(const char *text, const zn__tok *t) {
  const char *tag = t->tag;
  if (tag == NULL)
    return false;
  /* Words the lexicon lacks (tagged x) inside a name: 农工党中央,
   * 中级人民法院. */
  if (streq(tag, "x")) {
    int32_t cp;
    zn__decode(text + t->off, t->len, &cp);
    return t->len >= 6 && cp >= 0 && zn_char_is_han(cp);
  }
  if (tag[0] == 'n' && !streq(tag, "nr") && !streq(tag, "nrfg") &&
      !streq(tag, "nrt"))
    return true;
  /* A place the lexicon tags as a name (彭泽县/nr). */
  if (tag[0] == 'n' && place_end(text + t->off, t->len) && t->len >= 9)
    return true;
  if (streq(tag, "vn") || streq(tag, "an") || streq(tag, "j") ||
      streq(tag, "b"))
    return true;
  if (streq(tag, "m"))
    return t->len >= 3 && memcmp(text + t->off, "第", 3) == 0;
  /* A unit's one-character head the segmenter left alone: 发展改革/委. */
  if (t->len == 3 && may_end_in(L_UNIT_HEADS, text + t->off, 3)) {
    for (size_t i = 0; i + 3 <= sizeof k_unit_heads - 1; i += 3) {
      if (memcmp(text + t->off, k_unit_heads + i, 3) == 0)
        return true;
    }
  }
  return false;
}

/* Function words and the like: never part of a name. */
static bool is_function(const zn__tok *t) {
  static const char fn[] = "pcdurymqfe";
  return t->tag == NULL || t->tag[0] == '\0' || strchr(fn, t->tag[0]) != NULL ||
         streq(t->tag, "x");
}

static bool is_han_at(const char *s, size_t len, size_t off) {
  int32_t cp;
  if (off >= len)
    return false;
  zn__decode(s + off, len - off, &cp);
  return cp >= 0 && zn_char_is_han(cp);
}

/* The token index containing byte off, or ntk. */
static size_t tok_at(const zn__tok *tk, size_t ntk, size_t off) {
  size_t lo = 0, hi = ntk;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (tk[mid].off + tk[mid].len <= off)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < ntk && tk[lo].off <= off ? lo : ntk;
}

/* ------------------------------------------------------------ candidates */

struct cand {
  size_t off, len;
  zn_entity_type type;
  size_t post_off[4], post_len[4]; /* people: posts, nearest last */
  int nposts;
};

struct cands {
  struct cand *a;
  size_t n, cap;
};

static int add_cand(struct cands *c, size_t off, size_t len,
                    zn_entity_type type) {
  int rc = zn__grow((void **)&c->a, sizeof *c->a, &c->cap, c->n + 1);
  if (rc != ZN_OK)
    return rc;
  memset(&c->a[c->n], 0, sizeof c->a[c->n]);
  c->a[c->n].off = off;
  c->a[c->n].len = len;
  c->a[c->n].type = type;
  c->n++;
  return ZN_OK;
}

/* Words before a name that say a person follows but are no post. */
static const zn__word k_role_before[] = {
    W("记者"), W("通讯员"), W("农民"), W("工人"), W("代表"), W("冠军"),
    W("选手"), W("教练"),   W("老师"), W("同学"), W("老人"), W("村民"),
    W("市民"), W("居民"),   W("学生"), W("医生"), W("护士"), W("演员"),
    W("歌手"), W("作家"),   W("画家"), W("导演"), W("队员"), W("球员"),
    W("专家"), W("学者"),   W("律师"), W("法官"), W("民警"), W("网友"),
    W("摄影"), W("撰稿"),   W("战士"), W("烈士"), W("英雄"), W("女儿"),
    W("儿子"), W("妻子"),   W("丈夫"), W("母亲"), W("父亲"), W("患者")};
/* Forms of address after a name. */
static const zn__word k_role_after[] = {W("同志"), W("先生"), W("女士"),
                                        W("老师"), W("师傅"), W("夫妇"),
                                        W("一行"), W("等人")};

static bool role_before(const char *text, size_t end) {
  size_t n;
  if (!may_end_in(L_ROLE_BEFORE, text, end))
    return false;
  for (size_t i = 0; i < N_OF(k_role_before); i++) {
    if (ends_with(text, end, &k_role_before[i], &n))
      return true;
  }
  return false;
}

static bool role_after(const char *text, size_t len, size_t off) {
  if (!may_start_in(F_ROLE_AFTER, text, len, off))
    return false;
  for (size_t i = 0; i < N_OF(k_role_after); i++) {
    const zn__word *w = &k_role_after[i];
    if (w->n <= len - off && text[off] == w->s[0] &&
        memcmp(text + off, w->s, w->n) == 0)
      return true;
  }
  return false;
}

/* The title ending at byte end of text, if any: its length. */
static size_t title_before(const char *text, size_t end) {
  size_t best = 0;
  if (!may_end_in(L_TITLES, text, end))
    return 0;
  for (size_t i = 0; i < N_OF(k_titles); i++) {
    size_t n;
    if (ends_with(text, end, &k_titles[i], &n) && n > best)
      best = n;
  }
  return best;
}

/* The title starting at byte off, if any: its length (longest). */
static size_t title_after(const char *text, size_t len, size_t off) {
  size_t best = 0;
  if (!may_start_in(F_TITLES, text, len, off))
    return 0;
  for (size_t i = 0; i < N_OF(k_titles); i++) {
    size_t n = k_titles[i].n;
    if (n <= len - off && text[off] == k_titles[i].s[0] &&
        memcmp(text + off, k_titles[i].s, n) == 0 && n > best)
      best = n;
  }
  return best;
}

/* Is token i a 和 between two common nouns, as inside the names of
 * ministries (人力资源和社会保障部, 国家发展和改革委员会)?  Names of places
 * on either side (北京市和河北省) join nothing. */
static bool joins_nouns(const char *text, const zn__tok *tk, size_t i) {
  const zn__tok *a, *c;
  if (i == 0 || tk[i].len != 3 ||
      (memcmp(text + tk[i].off, "和", 3) != 0 &&
       memcmp(text + tk[i].off, "与", 3) != 0))
    return false;
  a = &tk[i - 1];
  c = &tk[i + 1];
  /* 与 is mostly "with" (团队与清华大学合作): it joins two plain nouns
   * only (社会学与人类学学院). */
  return a->off + a->len == tk[i].off && c->off == tk[i].off + 3 &&
         a->len >= 6 && (tag_is(a, "n") || tag_is(a, "vn")) && c->len >= 6 &&
         (tag_is(c, "n") || tag_is(c, "vn") ||
          (tag_is(c, "nt") && memcmp(text + tk[i].off, "和", 3) == 0));
}

/*
 * The post ending at byte end (where a name starts): a title widened left
 * over qualifying tokens.  A token straddling the title's start (组组长 for
 * ...指导组|组长) is taken whole.  Returns the post's start, or end if no
 * title ends there.
 */
static size_t post_start(const char *text, const zn__tok *tk, size_t ntk,
                         size_t end) {
  size_t tl = title_before(text, end);
  size_t start;
  size_t k;
  int nq = 0;

  if (tl == 0)
    return end;
  start = end - tl;
  k = tok_at(tk, ntk, start);
  if (k == ntk)
    return end;
  /* 习近平总书记殷殷嘱托: a title right after a name is that name's. */
  if (k > 0 && tk[k].off == start && is_person_tag(&tk[k - 1]) &&
      tk[k - 1].off + tk[k - 1].len == start &&
      !place_end(text + tk[k - 1].off, tk[k - 1].len))
    return end;
  if (tk[k].off < start)
    start = tk[k].off;
  while (k > 0 && nq < ZN_MAX_QUALIFIERS) {
    const zn__tok *p = &tk[k - 1];
    if (k >= 2 && p->off + p->len == start && joins_nouns(text, tk, k - 1) &&
        end - tk[k - 2].off <= ZN_MAX_POST_LEN) {
      start = tk[k - 2].off; /* 人力资源和社会保障部部长 */
      k -= 2;
      nq += 2;
      continue;
    }
    if (p->off + p->len != start || !is_qualifier(text, p) ||
        end - p->off > ZN_MAX_POST_LEN)
      break;
    start = p->off;
    k--;
    nq++;
  }
  return start;
}

static bool punct_at(const char *text, size_t len, size_t off,
                     const char *mark) {
  size_t n = strlen(mark);
  return off + n <= len && memcmp(text + off, mark, n) == 0;
}

/* Past a note in brackets right after a name in a list of names:
 * （女）, （女，回族）, (女).  Returns off when there is none. */
static size_t skip_name_note(const char *text, size_t len, size_t off) {
  size_t i;
  size_t open = punct_at(text, len, off, "（")  ? 3
                : punct_at(text, len, off, "(") ? 1
                                                : 0;
  if (open == 0 || !(punct_at(text, len, off + open, "女") ||
                     punct_at(text, len, off + open, "男")))
    return off;
  for (i = off + open; i < len && i - off < 24; i++) {
    if (punct_at(text, len, i, "）"))
      return i + 3;
    if (text[i] == ')')
      return i + 1;
  }
  return off;
}

/* Does a list of names start at byte off: a colon before it (委员：) and
 * a list mark after a two- or three-character name? */
static bool list_starts(const char *text, size_t len, size_t off) {
  if (off < 3 || memcmp(text + off - 3, "：", 3) != 0)
    return false;
  for (size_t n = 6; n <= 9; n += 3) {
    size_t e = off + n <= len ? skip_name_note(text, len, off + n) : len;
    if (punct_at(text, len, e, "、"))
      return true;
  }
  return false;
}

/* Records on c the posts before a name at byte name_off: the nearest one,
 * then any joined to it by 、 (farther left).  Returns whether any. */
static bool collect_posts(const char *text, const zn__tok *tk, size_t ntk,
                          size_t name_off, struct cand *c) {
  size_t end = name_off;
  while (c->nposts < 4) {
    size_t s = post_start(text, tk, ntk, end);
    if (s == end)
      break;
    c->post_off[c->nposts] = s;
    c->post_len[c->nposts] = end - s;
    c->nposts++;
    /* A shared post: "市委副书记、市长张工". */
    if (s < 3 || !punct_at(text, s, s - 3, "、"))
      break;
    end = s - 3;
  }
  return c->nposts > 0;
}

/* The first code point of s[0..len), or 0. */
static int32_t first_cp(const char *s, size_t len) {
  int32_t cp;
  zn__decode(s, len, &cp);
  return cp < 0 ? 0 : cp;
}

static const zn__word k_kin[] = {W("哥"), W("姐"), W("弟"), W("妹"),
                                 W("叔"), W("姨"), W("爷"), W("奶"),
                                 W("嫂"), W("婆"), W("们"), W("友")};

static bool kin_end(const char *text, size_t end) {
  size_t n;
  if (!may_end_in(L_KIN, text, end))
    return false;
  for (size_t i = 0; i < N_OF(k_kin); i++) {
    if (ends_with(text, end, &k_kin[i], &n))
      return true;
  }
  return false;
}

/* Score of the given name text[off..off+len) in tenths of a nat. */
static int given_name_score(const char *text, size_t off, size_t len) {
  int sum = 0;
  for (size_t i = off; i < off + len;) {
    int32_t cp;
    int n = zn__decode(text + i, off + len - i, &cp);
    sum += given_score(cp < 0 ? 0 : (uint32_t)cp);
    i += (size_t)n;
  }
  return sum;
}

/* Verbs and marks that commonly follow a person's name in news. */
static const zn__word k_after_name[] = {
    W("、"),   W("，"),   W("。"),   W("；"),   W("："),   W("（"),   W("）"),
    W("”"),    W("同志"), W("出席"), W("主持"), W("表示"), W("指出"), W("强调"),
    W("说"),   W("讲话"), W("会见"), W("会谈"), W("调研"), W("参加"), W("作"),
    W("就"),   W("到"),   W("在"),   W("等"),   W("介绍"), W("认为"), W("提出"),
    W("要求"), W("宣布"), W("发表"), W("致辞"), W("任"),   W("担任"), W("当选"),
    W("签署"), W("看望"), W("慰问"), W("考察"), W("回答"), W("透露"), W("称"),
    W("告诉"), W("还"),   W("也"),   W("和"),   W("与"),   W("是")};

/* A verb a person does, right after a name. */
static const zn__word k_verb_after[] = {
    W("出席"), W("主持"), W("表示"), W("指出"), W("强调"), W("说"),   W("讲话"),
    W("会见"), W("会谈"), W("调研"), W("参加"), W("介绍"), W("认为"), W("提出"),
    W("要求"), W("宣布"), W("发表"), W("致辞"), W("签署"), W("看望"), W("慰问"),
    W("考察"), W("视察"), W("回答"), W("透露"), W("告诉"), W("来到"), W("到"),
    W("向"),   W("对"),   W("同"),   W("和"),   W("与"),   W("在"),   W("是"),
    W("也"),   W("还"),   W("不"),   W("因"),   W("被"),   W("曾"),   W("又")};

static bool verb_after(const char *text, size_t len, size_t off) {
  if (!may_start_in(F_VERB_AFTER, text, len, off))
    return false;
  for (size_t i = 0; i < N_OF(k_verb_after); i++) {
    const zn__word *w = &k_verb_after[i];
    if (w->n <= len - off && text[off] == w->s[0] &&
        memcmp(text + off, w->s, w->n) == 0)
      return true;
  }
  return false;
}

static bool followed_by_name_end(const char *text, size_t len, size_t off) {
  if (off >= len)
    return true;
  if (may_start_in(F_AFTER_NAME, text, len, off)) {
    for (size_t i = 0; i < N_OF(k_after_name); i++) {
      const zn__word *w = &k_after_name[i];
      if (w->n <= len - off && text[off] == w->s[0] &&
          memcmp(text + off, w->s, w->n) == 0)
        return true;
    }
  }
  return !is_han_at(text, len, off);
}

/* A word the lexicon tags as a verb, adjective, adverb or the like: even
 * after a role word (市民关切), such a word is no name. */
static bool word_not_name(const zn__tok *t) {
  return t->tag != NULL && strchr("vadcpuy", t->tag[0]) != NULL;
}

/* Does a predicate start at byte off: a token there tagged as a verb,
 * adverb, preposition, conjunction, auxiliary or time word (李强邀请,
 * 赵明亮说, 胡启明给予)?  After a post, that ends the name as well as the
 * common words of k_after_name do. */
static bool predicate_at(const zn__tok *tk, size_t ntk, size_t off) {
  size_t i = tok_at(tk, ntk, off);
  const char *tag;
  if (i == ntk || tk[i].off != off || tk[i].tag == NULL)
    return false;
  tag = tk[i].tag;
  return strchr("vdpcut", tag[0]) != NULL && strcmp(tag, "vn") != 0;
}

/*
 * A name the lexicon lacks, starting at token k with a surname: the
 * surname, then one or two given-name characters, ending where a token
 * ends.  strong: context already says a person is here (a post before it,
 * a list); sl is zn__surname_prefix() at the token.  Returns the name's
 * byte length or 0.
 */
static size_t model_name(const char *text, size_t len, const zn__tok *tk,
                         size_t ntk, size_t k, size_t sl, bool strong) {
  size_t off = tk[k].off;
  size_t best = 0;
  int best_score = -1000;

  if (sl == 0)
    return 0;
  for (size_t ng = 1; ng <= 2; ng++) {
    size_t gl = 0, gend;
    size_t e;
    int score;
    for (size_t i = 0; i < ng; i++) {
      int32_t cp;
      size_t at = off + sl + gl;
      int n;
      if (!is_han_at(text, len, at))
        goto next;
      n = zn__decode(text + at, len - at, &cp);
      gl += (size_t)n;
    }
    gend = off + sl + gl;
    e = tok_at(tk, ntk, gend - 1);
    /* The name must end where a token ends, and its tokens must be single
     * characters or names: never cut or swallow a word. */
    if (e == ntk || tk[e].off + tk[e].len != gend)
      goto next;
    /* Its tokens must be single characters or names -- never cut or
     * swallow a word -- unless a post or role right before it says a
     * person is named here: then the given name may be a word of the
     * lexicon (市长邱启明: 启明/v, 陶建国: 建国/ns). */
    for (size_t j = k; j <= e; j++) {
      if (tk[j].len > 3 && !is_person_tag(&tk[j]) && !tag_is(&tk[j], "nrg") &&
          j != k && !(strong && j == e && tk[j].off == off + sl))
        goto next;
    }
    if (tk[k].len > sl && !is_person_tag(&tk[k]) &&
        tk[k].off + tk[k].len > off + sl && e == k &&
        (!strong || word_not_name(&tk[k])))
      goto next;
    /* 和/c 朋友: a surname character the segmenter took as a function
     * word starts a name only where the context says one follows. */
    if (tk[k].len == sl && is_function(&tk[k]) && !strong)
      goto next;
    /* 小哥, 奶奶: kinship and address words end no given name. */
    if (kin_end(text, gend))
      goto next;
    score = given_name_score(text, off + sl, gl);
    /* The segmenter tagged exactly this given name (王/三运). */
    if (e == k + 1 && tk[e].off == off + sl && tag_is(&tk[e], "nrg"))
      score += 40;
    /* A title or a form of address right after it: 安体富教授. */
    if (title_after(text, len, gend) > 0 || role_after(text, len, gend))
      score += 30;
    if (ng == 1)
      score -= 5; /* most given names have two characters */
    /* 殷殷, 常常: a reduplicated character is a word, not a name. */
    if (gl >= sl && memcmp(text + off, text + off + sl, sl) == 0)
      goto next;
    if (!followed_by_name_end(text, len, gend) &&
        !(strong && predicate_at(tk, ntk, gend)))
      score -= strong ? 25 : 40;
    /* Inside a list of names (strong context, a list mark or a note such
     * as （女） after it) any given name the characters allow will do. */
    else if (strong &&
             punct_at(text, len, skip_name_note(text, len, gend), "、"))
      score += 40;
    if (score > best_score) {
      best_score = score;
      best = sl + gl;
    }
  next:;
  }
  if (best == 0)
    return 0;
  if (strong ? best_score < -20 : best_score < 35)
    return 0;
  return best;
}

/* Does s[0..len), a word the lexicon tags as a name, read like a Chinese
 * name: a surname, then one or two given-name characters each seen in
 * given names, together scoring at least 1 nat? */
static bool plausible_name_at(const char *s, size_t len, int min1, int min2) {
  size_t sl = zn__surname_prefix(s, len);
  size_t nchar;
  if (sl == 0 || sl >= len)
    return false;
  nchar = zn_utf8_nchar(s + sl, len - sl);
  if (nchar > 2 || memcmp(s, s + sl, sl) == 0) /* 殷殷: a word */
    return false;
  for (size_t i = sl; i < len;) {
    int32_t cp;
    int n = zn__decode(s + i, len - i, &cp);
    if (cp < 0 || given_score((uint32_t)cp) == ZN_GIVEN_UNSEEN)
      return false;
    i += (size_t)n;
  }
  /* One given character is weak evidence: jieba tags many two-character
   * words as names (丛林, 巫师, 秦岭), so it must be a strongly name-like
   * character. */
  return given_name_score(s, sl, len - sl) >= (nchar == 1 ? min1 : min2);
}

static bool plausible_name(const char *s, size_t len) {
  return plausible_name_at(s, len, 27, 10);
}

/* Can a surname start at s?  A bitmap lookup of the first character,
 * before the table search of zn__surname_prefix(). */
static bool may_start_surname(const zn__doc *d, const char *s, size_t len) {
  int32_t cp;
  zn__decode(s, len, &cp);
  return cp >= 0 && cp < 0x10000 &&
         (d->surname_first[(uint32_t)cp >> 3] >> (cp & 7) & 1);
}

/* The length of a person already found in this article whose name starts
 * text[off..], ending where a token ends; 0 if none. */
static size_t known_person(const zn__doc *d, const char *text, size_t len,
                           const zn__tok *tk, size_t ntk, size_t off) {
  for (size_t e = 0; e < d->an->nentities; e++) {
    const zn_entity *en = &d->an->entities[e];
    size_t n = strlen(en->name);
    size_t last;
    if (en->type != ZN_ENTITY_PERSON || n > len - off ||
        text[off] != en->name[0] || memcmp(text + off, en->name, n) != 0)
      continue;
    last = tok_at(tk, ntk, off + n - 1);
    if (last < ntk && tk[last].off + tk[last].len == off + n)
      return n;
  }
  return 0;
}

/* The length of a middle dot at off (· or ・), 0 if none. */
static size_t dot_at(const char *text, size_t len, size_t off) {
  if (punct_at(text, len, off, "·"))
    return 2;
  if (punct_at(text, len, off, "・"))
    return 3;
  return 0;
}

/* Single characters that end a name's part when they stand alone as a
 * token: the verbs, prepositions and particles that follow names. */
static bool name_stop_char(const char *s) {
  static const char stop[] = "说在是和与的等将也还称向对到为被把从于就都又已"
                             "曾则及了并而但";
  for (size_t i = 0; i + 3 <= sizeof stop - 1; i += 3) {
    if (memcmp(s, stop + i, 3) == 0)
      return true;
  }
  return false;
}

/* Can token t be part of a dotted name: a single Han character that is no
 * stop word, numeral or measure word, or a word tagged as a name, a place,
 * an unknown or proper word (吐/尔/逊, 德伯格/nr, 法尔/ns)? */
static bool dotted_part_token(const char *text, size_t len, const zn__tok *t) {
  if (t->len < 3 || !is_han_at(text, len, t->off))
    return false;
  if (t->len == 3)
    return !name_stop_char(text + t->off) &&
           (t->tag == NULL || (t->tag[0] != 'm' && t->tag[0] != 'q'));
  return is_person_tag(t) || tag_is(t, "ns") || tag_is(t, "nz") ||
         tag_is(t, "x") || tag_is(t, "j") ||
         translit_name(text + t->off, t->len);
}

/* A part of a dotted name is at most this many bytes (six characters). */
#define ZN_MAX_DOT_PART 18

/* The dotted name around the middle-dot token tk[d]: the name-part tokens
 * on each side, further dots included (费萨尔·本·法尔汉).  Sets [*b, *e)
 * and returns true when both sides have a part. */
static bool dotted_name(const char *text, size_t len, const zn__tok *tk,
                        size_t ntk, size_t d, size_t *b, size_t *e) {
  size_t i = d, j = d;
  if (d == 0 || d + 1 >= ntk)
    return false;
  while (i > 0 && tk[i - 1].off + tk[i - 1].len == tk[i].off &&
         dotted_part_token(text, len, &tk[i - 1]) &&
         tk[d].off - tk[i - 1].off <= ZN_MAX_DOT_PART)
    i--;
  if (i == d)
    return false;
  for (;;) {
    size_t k = j + 1;
    size_t part_off;
    if (k >= ntk || tk[k].off != tk[j].off + tk[j].len)
      break;
    part_off = tk[k].off;
    while (k < ntk && tk[k].off == tk[k - 1].off + tk[k - 1].len &&
           dotted_part_token(text, len, &tk[k]) &&
           tk[k].off + tk[k].len - part_off <= ZN_MAX_DOT_PART)
      k++;
    if (k == j + 1)
      break;
    j = k - 1;
    if (j + 1 < ntk && tk[j + 1].off == tk[j].off + tk[j].len &&
        dot_at(text, len, tk[j + 1].off) == tk[j + 1].len)
      j++; /* another dot: its part must follow */
    else
      break;
  }
  if (dot_at(text, len, tk[j].off) == tk[j].len) /* ended on a dot */
    j--;
  if (j <= d)
    return false;
  *b = tk[i].off;
  *e = tk[j].off + tk[j].len;
  return true;
}

/* Dotted names neither part of which reads as a name on its own (阿布·盖特):
 * a person where a post comes before or a predicate after. */
static int find_dotted_people(struct cands *out, const char *text, size_t len,
                              const zn__tok *tk, size_t ntk) {
  for (size_t k = 1; k + 1 < ntk; k++) {
    struct cand c;
    size_t b, e;
    int rc;
    if (dot_at(text, len, tk[k].off) != tk[k].len ||
        !dotted_name(text, len, tk, ntk, k, &b, &e))
      continue;
    memset(&c, 0, sizeof c);
    if (!collect_posts(text, tk, ntk, b, &c) &&
        !followed_by_name_end(text, len, e) && !predicate_at(tk, ntk, e))
      continue;
    c.off = b;
    c.len = e - b;
    c.type = ZN_ENTITY_PERSON;
    rc = zn__grow((void **)&out->a, sizeof *out->a, &out->cap, out->n + 1);
    if (rc != ZN_OK)
      return rc;
    out->a[out->n++] = c;
    while (k + 1 < ntk && tk[k + 1].off < e)
      k++;
  }
  return ZN_OK;
}

/* People: lexicon names and modelled names, with their posts. */
static int find_people(const zn__doc *d, struct cands *out, const char *text,
                       size_t len, const zn__tok *tk, size_t ntk) {
  bool list_open = false; /* the last person was followed by 、 */
  size_t list_mark = 0;   /* where that 、 is */
  for (size_t k = 0; k < ntk; k++) {
    struct cand c;
    size_t nlen = 0;
    size_t noff = tk[k].off; /* where the name starts */
    bool strong;
    size_t sl; /* the surname the token starts with, if any */
    int rc;

    /* Every name starts with a surname or is a lexicon name: the costlier
     * checks below run only there.  The bitmap says no surname for most
     * tokens without the table search. */
    sl = may_start_surname(d, text + tk[k].off, len - tk[k].off)
             ? zn__surname_prefix(text + tk[k].off, len - tk[k].off)
             : 0;
    if (sl == 0 && !is_person_tag(&tk[k])) {
      if (tk[k].off > list_mark)
        list_open = false;
      continue;
    }
    memset(&c, 0, sizeof c);
    /* A compound surname (欧阳, 司马) is itself good evidence. */
    strong = collect_posts(text, tk, ntk, tk[k].off, &c) || list_open ||
             list_starts(text, len, tk[k].off) ||
             role_before(text, tk[k].off) || sl == 6;
    if (is_person_tag(&tk[k]) && tk[k].len >= 6 && tk[k].len <= 12) {
      /* The lexicon's name tags are a guide, not proof: a Chinese name
       * starts with a surname and its given name reads like one; a
       * transliterated one (nrt) has three or more characters. */
      size_t end = tk[k].off + tk[k].len;
      if (strong || tag_is(&tk[k], "nrfg") || title_after(text, len, end) > 0 ||
          role_after(text, len, end) ||
          plausible_name(text + tk[k].off, tk[k].len) ||
          /* a verb right after it (李宁曾说, 乔石到上海) lets a less
           * name-like given name pass */
          (verb_after(text, len, end) &&
           plausible_name_at(text + tk[k].off, tk[k].len, 10, 0)) ||
          /* transliterated (克林顿, 叶利钦): three or more characters */
          (tk[k].len >= 9 && translit_name(text + tk[k].off, tk[k].len)))
        nlen = tk[k].len;
    }
    if (nlen == 0)
      nlen = known_person(d, text, len, tk, ntk, tk[k].off);
    if (nlen == 0) {
      nlen = model_name(text, len, tk, ntk, k, sl, strong);
    } else if (nlen == zn__surname_prefix(text + tk[k].off, nlen)) {
      /* The lexicon's "name" is only a surname (司马/nr): the given name
       * follows. */
      size_t longer = model_name(text, len, tk, ntk, k, sl, strong);
      if (longer > nlen)
        nlen = longer;
    } else if (nlen == 6 && tk[k].len == 6 &&
               zn__surname_prefix(text + tk[k].off, 6) == 3) {
      /* 孟宪/nr + 军: the segmenter's two-character name may lack the
       * third character the model reads as part of it. */
      size_t longer = model_name(text, len, tk, ntk, k, sl, true);
      if (longer == 9 && tk[k + 1].len == 3 && !is_function(&tk[k + 1]) &&
          given_score((uint32_t)first_cp(text + tk[k + 1].off, 3)) > 0 &&
          followed_by_name_end(text, len, tk[k].off + 9))
        nlen = 9;
    }
    if (nlen == 0) {
      if (tk[k].off > list_mark)
        list_open = false;
      continue;
    }
    /* 托尼·巴伯, 艾尔肯·吐尔逊, 费萨尔·本·法尔汉: parts of a foreign or
     * minority name joined by a middle dot, read on both sides. */
    {
      size_t name_off = tk[k].off;
      size_t j = k;
      size_t b, e;
      while (j + 1 < ntk && tk[j + 1].off < name_off + nlen)
        j++;
      while (j + 2 < ntk && tk[j].off + tk[j].len == name_off + nlen &&
             tk[j + 1].off == name_off + nlen &&
             (punct_at(text, len, tk[j + 1].off, "·") ||
              punct_at(text, len, tk[j + 1].off, "・")) &&
             tk[j + 2].off == tk[j + 1].off + tk[j + 1].len &&
             tk[j + 2].len >= 6 && is_han_at(text, len, tk[j + 2].off) &&
             !is_function(&tk[j + 2])) {
        nlen = tk[j + 2].off + tk[j + 2].len - name_off;
        j += 2;
      }
      /* The whole dotted name the dot after or before this part is in. */
      {
        size_t dot = ntk;
        if (j + 1 < ntk && tk[j + 1].off == name_off + nlen &&
            dot_at(text, len, tk[j + 1].off) == tk[j + 1].len)
          dot = j + 1;
        else if (k > 0 && tk[k - 1].off + tk[k - 1].len == name_off &&
                 dot_at(text, len, tk[k - 1].off) == tk[k - 1].len)
          dot = k - 1;
        if (dot < ntk && dotted_name(text, len, tk, ntk, dot, &b, &e) &&
            b <= name_off && e >= name_off + nlen) {
          if (b < name_off && c.nposts == 0)
            collect_posts(text, tk, ntk, b, &c);
          noff = b;
          nlen = e - b;
        }
      }
    }
    /* 彭泽县, 黄岩岛 read as surname + given name (and the lexicon may
     * even tag them so), but no name ends in these. */
    if (nlen >= 9 && place_end(text + noff, nlen)) {
      if (tk[k].len > 0 && tk[k].off > list_mark)
        list_open = false;
      continue;
    }
    c.off = noff;
    c.len = nlen;
    c.type = ZN_ENTITY_PERSON;
    /* A title right after the name: 习近平总书记. */
    if (c.nposts == 0) {
      size_t tl = title_after(text, len, c.off + nlen);
      if (tl > 0) {
        c.post_off[0] = c.off + nlen;
        c.post_len[0] = tl;
        c.nposts = 1;
      }
    }
    /* A post shared by a list of names (全国人大常委会副委员长高建新、
     * 蒲立群、阿依古丽·热合曼): a name in the list without one of its own
     * takes the one before it. */
    if (c.nposts == 0 && list_open && out->n > 0 &&
        out->a[out->n - 1].type == ZN_ENTITY_PERSON &&
        out->a[out->n - 1].nposts > 0 && out->a[out->n - 1].off < c.off) {
      const struct cand *prev = &out->a[out->n - 1];
      memcpy(c.post_off, prev->post_off, sizeof c.post_off);
      memcpy(c.post_len, prev->post_len, sizeof c.post_len);
      c.nposts = prev->nposts;
    }
    rc = zn__grow((void **)&out->a, sizeof *out->a, &out->cap, out->n + 1);
    if (rc != ZN_OK)
      return rc;
    out->a[out->n++] = c;
    /* 、 right after the name, or after a note such as （女）: the next
     * name in the list is expected. */
    list_mark = skip_name_note(text, len, c.off + nlen);
    list_open = punct_at(text, len, list_mark, "、");
    while (k + 1 < ntk && tk[k + 1].off < c.off + nlen)
      k++;
  }
  return find_dotted_people(out, text, len, tk, ntk);
}

static const zn__word k_org_heads[] = {W("中共"), W("中国"), W("国家"),
                                       W("全国"), W("中央"), W("国务院"),
                                       W("中华")};

static bool is_proper(const char *text, const zn__tok *t) {
  return tag_is(t, "ns") || tag_is(t, "nt") || tag_is(t, "nz") ||
         tag_is(t, "j") || is_person_tag(t) ||
         in_list(k_org_heads, N_OF(k_org_heads), L_ORG_HEADS, text + t->off,
                 t->len);
}

static bool is_suffix_token(const char *text, const zn__tok *t,
                            const zn__word *list, size_t n, int which) {
  return in_list(list, n, which, text + t->off, t->len);
}

/* Places: lexicon places, and a place or name-like word + a place suffix. */
static int find_places(struct cands *out, const char *text, size_t len,
                       const zn__tok *tk, size_t ntk) {
  for (size_t k = 0; k < ntk; k++) {
    const zn__tok *t = &tk[k];
    bool place = tag_is(t, "ns") && t->len >= 6 && t->len <= 24 &&
                 !in_list(k_not_entity, N_OF(k_not_entity), L_NOT_ENTITY,
                          text + t->off, t->len) &&
                 !abstract_ending(text + t->off, t->len);
    size_t end = t->off + t->len;
    int rc;
    if (k + 1 < ntk && tk[k + 1].off == end &&
        is_suffix_token(text, &tk[k + 1], k_place_suffix, N_OF(k_place_suffix),
                        L_PLACE_SUFFIX)) {
      /* 承德市, 滨海新区: one-character suffixes need a known place;
       * longer ones (新区, 开发区) a name-like word of two or more. */
      bool long_suffix = tk[k + 1].len > 3;
      bool namey = t->len >= 6 && t->len <= 12 &&
                   (tag_is(t, "ns") || tag_is(t, "nz") || tag_is(t, "j") ||
                    tag_is(t, "nr") || (long_suffix && tag_starts(t, 'n'))) &&
                   !in_list(k_not_entity, N_OF(k_not_entity), L_NOT_ENTITY,
                            text + t->off, t->len);
      if (namey && (place || long_suffix || tag_is(t, "ns"))) {
        rc = add_cand(out, t->off, t->len + tk[k + 1].len, ZN_ENTITY_PLACE);
        if (rc != ZN_OK)
          return rc;
        k++;
        continue;
      }
    }
    /* 雄/安/新区: two single characters the lexicon does not know, before
     * a suffix that only follows names. */
    if (k + 2 < ntk && t->len == 3 && tk[k + 1].len == 3 &&
        tk[k + 1].off == end && tk[k + 2].off == end + 3 && tk[k + 2].len > 3 &&
        is_suffix_token(text, &tk[k + 2], k_place_suffix, N_OF(k_place_suffix),
                        L_PLACE_SUFFIX) &&
        is_han_at(text, len, t->off) && is_han_at(text, len, end) &&
        !is_function(t) && !is_function(&tk[k + 1])) {
      rc = add_cand(out, t->off, 6 + tk[k + 2].len, ZN_ENTITY_PLACE);
      if (rc != ZN_OK)
        return rc;
      k += 2;
      continue;
    }
    /* 彭泽县/nr, 尤溪县/x: a name-like word ending in 县 / 岛 / 省 / 乡. */
    if (!place && t->len >= 9 && t->len <= 15 &&
        (is_person_tag(t) || tag_is(t, "x") || tag_is(t, "nz")) &&
        place_end(text + t->off, t->len) && is_han_at(text, len, t->off) &&
        !in_list(k_not_entity, N_OF(k_not_entity), L_NOT_ENTITY, text + t->off,
                 t->len))
      place = true;
    if (place) {
      rc = add_cand(out, t->off, t->len, ZN_ENTITY_PLACE);
      if (rc != ZN_OK)
        return rc;
    }
  }
  return ZN_OK;
}

/* Bank abbreviations, the one kind that ends in 行 (同行, 通行 do too). */
static const zn__word k_bank_abbrev[] = {W("央行"), W("工行"), W("农行"),
                                         W("建行"), W("中行"), W("交行"),
                                         W("招行")};

/* Abbreviations that name one body, by their endings, three characters or
 * more (证监会, 国台办, 最高检, 发改委; 村办, 纪检 and 常委 are not
 * names), or known short ones (欧盟, 央行). */
static bool abbreviated_org(const char *text, const zn__tok *t) {
  const char *s = text + t->off;
  const char *last = s + t->len - 3;
  if (t->len < 6 || t->len > 15 ||
      in_list(k_not_entity, N_OF(k_not_entity), L_NOT_ENTITY, s, t->len) ||
      in_list(k_titles, N_OF(k_titles), L_TITLES, s, t->len))
    return false;
  if (t->len == 6)
    return in_list(k_bank_abbrev, N_OF(k_bank_abbrev), L_BANK_ABBREV, s,
                   t->len) ||
           memcmp(s, "欧盟", 6) == 0;
  return memcmp(last, "办", 3) == 0 || memcmp(last, "检", 3) == 0 ||
         memcmp(last, "委", 3) == 0 || memcmp(last - 3, "监会", 6) == 0;
}

/* A team's name before 队: a place, an organization, a brand. */
static bool team_name(const zn__tok *t) {
  return t->len >= 6 && (tag_is(t, "ns") || tag_is(t, "nt") ||
                         tag_is(t, "nz") || tag_is(t, "j"));
}

/* The one-character head of a ministry (农业农村部); 局 and 委 after
 * nouns alone are mostly generic local bureaus (农业农村局). */
static bool unit_head(const char *s) {
  return memcmp(s, "部", 3) == 0;
}

/* Is s[0..len) a place or an organization the lexicon knows, or such a
 * place with 市 / 省 / 县 / 区 after it (绍兴市)? */
static bool known_proper(const zn_lexicon *lex, const char *s, size_t len) {
  const char *tag;
  if (lex == NULL || len < 6)
    return false;
  if (zn_lexicon_lookup(lex, s, len, NULL, &tag) &&
      (strcmp(tag, "ns") == 0 || strcmp(tag, "nt") == 0))
    return true;
  if (len >= 9 &&
      (memcmp(s + len - 3, "市", 3) == 0 || memcmp(s + len - 3, "省", 3) == 0 ||
       memcmp(s + len - 3, "县", 3) == 0 || memcmp(s + len - 3, "区", 3) == 0))
    return zn_lexicon_lookup(lex, s, len - 3, NULL, &tag) &&
           strcmp(tag, "ns") == 0;
  return false;
}

/* Does s[0..len) start with a place or an organization the lexicon knows,
 * of two characters or more and shorter than the whole? */
static bool known_proper_prefix(const zn_lexicon *lex, const char *s,
                                size_t len) {
  size_t i = 0, nchar = 0;
  while (i < len) {
    int32_t cp;
    int n = zn__utf8_decode_inl((const unsigned char *)s + i, len - i, &cp);
    if (cp < 0)
      return false;
    i += (size_t)n;
    if (++nchar >= 2 && i < len && known_proper(lex, s, i))
      return true;
  }
  return false;
}

/* The length of the organization suffix t ends in, 0 if none. */
static size_t org_suffix_len(const char *text, const zn__tok *t) {
  size_t suf_len = 0;
  if (!may_end_in(L_ORG_SUFFIX, text + t->off, t->len))
    return 0;
  for (size_t i = 0; i < N_OF(k_org_suffix); i++) {
    size_t n;
    if (ends_with(text + t->off, t->len, &k_org_suffix[i], &n) && n > suf_len)
      suf_len = n;
  }
  return suf_len;
}

/* Is the unknown word t a known place or organization + an organization
 * suffix (绍兴市委), or one that starts with a known name and ends in a
 * suffix (德国联邦议院)?  Then the whole word is an organization. */
static bool unknown_org(const zn_lexicon *lex, const char *text,
                        const zn__tok *t) {
  size_t suf_len = org_suffix_len(text, t);
  return suf_len > 0 && suf_len < t->len &&
         (known_proper(lex, text + t->off, t->len - suf_len) ||
          known_proper_prefix(lex, text + t->off, t->len - suf_len));
}

/* Verbs that occur inside organizations' names, between nouns
 * (科技创新局, 资源开发司, 运行评价局). */
static const zn__word k_name_verbs[] = {
    W("创新"), W("开发"), W("管理"), W("监督"), W("服务"), W("发展"),
    W("改革"), W("建设"), W("保障"), W("促进"), W("运行"), W("评价"),
    W("审批"), W("执行"), W("投资"), W("研究"), W("指导"), W("保护"),
    W("救援"), W("规划"), W("监测"), W("合作"), W("调查"), W("交流")};

/* Is tk[i] one of those verbs, with a plain noun right before it? */
static bool verb_in_name(const char *text, const zn__tok *tk, size_t i) {
  return i > 0 && tk[i].len == 6 && tag_is(&tk[i], "v") &&
         in_list(k_name_verbs, N_OF(k_name_verbs), L_NAME_VERBS,
                 text + tk[i].off, 6) &&
         tk[i - 1].off + tk[i - 1].len == tk[i].off &&
         (tag_is(&tk[i - 1], "n") || tag_is(&tk[i - 1], "vn") ||
          tag_is(&tk[i - 1], "an"));
}

/* Organizations: lexicon ones, and qualified names ending in an
 * organization suffix that hold a proper name (a place, an organization,
 * an abbreviation). */
static int find_orgs(struct cands *out, const zn_lexicon *lex, const char *text,
                     size_t len, const zn__tok *tk, size_t ntk) {
  (void)len;
  for (size_t k = 0; k < ntk; k++) {
    const zn__tok *t = &tk[k];
    size_t suf_len = 0;
    size_t start, end = t->off + t->len;
    size_t j = k;
    bool proper = false;
    bool joined = false;  /* a 和 inside the name */
    bool by_form = false; /* nouns + a unit's head: 农业农村部 */
    int nq = 0;
    int rc;

    if (tag_is(t, "nt") && t->len >= 6 &&
        !in_list(k_not_entity, N_OF(k_not_entity), L_NOT_ENTITY, text + t->off,
                 t->len) &&
        !abstract_ending(text + t->off, t->len)) {
      proper = true;
    }
    /* An abbreviation naming one body (证监会, 国台办, 欧盟, 央行); the
     * suffix rules below may still find a longer name around it, and the
     * longest candidate wins. */
    if (!proper && tag_is(t, "j") && abbreviated_org(text, t)) {
      rc = add_cand(out, t->off, t->len, ZN_ENTITY_ORG);
      if (rc != ZN_OK)
        return rc;
    }
    /* A team: 队 right after one or two place or organization names
     * (云南队, 成都蓉城队, 中国队). */
    if (t->len == 3 && memcmp(text + t->off, "队", 3) == 0 && k > 0 &&
        tk[k - 1].off + tk[k - 1].len == t->off && team_name(&tk[k - 1])) {
      size_t from = k - 1;
      if (from > 0 && tk[from - 1].off + tk[from - 1].len == tk[from].off &&
          team_name(&tk[from - 1]))
        from--;
      rc = add_cand(out, tk[from].off, end - tk[from].off, ZN_ENTITY_ORG);
      if (rc != ZN_OK)
        return rc;
      continue;
    }
    /* A word the lexicon lacks that is a known place or organization and
     * a suffix (绍兴市委, segmented as one unknown word); a longer name
     * around it may still follow (北京 + 新东安集团). */
    if (!proper && tag_is(t, "x") && unknown_org(lex, text, t)) {
      rc = add_cand(out, t->off, t->len, ZN_ENTITY_ORG);
      if (rc != ZN_OK)
        return rc;
    }
    /* Organization names end in a noun (委员会, 大学, 市委 ...), and not
     * in one of the common words that merely end in 部 / 局 / 署; a
     * suffix the segmenter tagged otherwise (分行/v) is still one. */
    if (!proper &&
        (t->tag == NULL ||
         (t->tag[0] != 'n' && t->tag[0] != 'j' && !is_qualifier(text, t))) &&
        !is_suffix_token(text, t, k_org_suffix, N_OF(k_org_suffix),
                         L_ORG_SUFFIX))
      continue;
    if (may_end_in(L_ORG_SUFFIX, text + t->off, t->len)) {
      for (size_t i = 0; i < N_OF(k_org_suffix); i++) {
        size_t n;
        if (ends_with(text + t->off, t->len, &k_org_suffix[i], &n) &&
            n > suf_len)
          suf_len = n;
      }
    }
    /* 证券 ends a brokerage's name (东吴证券, 东吴证券分析师) only where
     * no noun follows: 上海证券报, 证券市场 go on. */
    if (suf_len > 0 && t->len == 6 && memcmp(text + t->off, "证券", 6) == 0 &&
        k + 1 < ntk && tk[k + 1].off == end && tk[k + 1].tag != NULL &&
        tk[k + 1].tag[0] == 'n')
      continue;
    /* Nor in a title (常委 ends in 委 but is a post). */
    if (suf_len > 0 &&
        (in_list(k_not_org_end, N_OF(k_not_org_end), L_NOT_ORG_END,
                 text + t->off, t->len) ||
         in_list(k_titles, N_OF(k_titles), L_TITLES, text + t->off, t->len)))
      continue;
    if (suf_len == 0) {
      if (proper) {
        rc = add_cand(out, t->off, t->len, ZN_ENTITY_ORG);
        if (rc != ZN_OK)
          return rc;
      }
      continue;
    }
    /* Widen left over qualifiers; a dash joins two names (天津滨海—中关村). */
    start = t->off;
    if (tag_is(t, "nt") || tag_is(t, "ns") || tag_is(t, "nz"))
      proper = true;
    while (j > 0 && nq < ZN_MAX_QUALIFIERS) {
      const zn__tok *p = &tk[j - 1];
      if (p->off + p->len != start)
        break;
      if (punct_at(text, start, p->off, "—") && j >= 2 &&
          (tag_is(&tk[j - 2], "ns") || tag_is(&tk[j - 2], "nz"))) {
        start = p->off;
        j--;
        continue;
      }
      if (j >= 2 && joins_nouns(text, tk, j - 1)) {
        /* 国家发展和改革委员会: 和 makes a name by its form; 与 (社会学与
         * 人类学学院) still needs a proper name before it. */
        if (memcmp(text + tk[j - 1].off, "和", 3) == 0)
          joined = true;
        start = tk[j - 2].off;
        j -= 2;
        nq += 2;
        continue;
      }
      /* An organization's own suffix inside a longer name, whatever its
       * tag (吉林省人民政府/l国有资产监督管理委员会). */
      if (!is_qualifier(text, p) && !is_person_tag(p) &&
          !is_suffix_token(text, p, k_org_suffix, N_OF(k_org_suffix),
                           L_ORG_SUFFIX) &&
          !verb_in_name(text, tk, j - 1))
        break;
      if (tag_is(p, "ns") || tag_is(p, "nt") || tag_is(p, "nz") ||
          tag_is(p, "j") || is_person_tag(p))
        proper = true;
      start = p->off;
      j--;
      nq++;
    }
    /* An organization's name starts with a proper name or a head such as
     * 中共 / 国家: 质量建设天津滨海—中关村科技园 is 天津滨海—中关村科技园. */
    /* A ministry-style name (发展和改革委员会) is a name by its form. */
    if (joined) {
      proper = true;
      while (j < k && (tag_is(&tk[j], "vn") || tag_is(&tk[j], "v"))) {
        j++;
        start = tk[j].off;
      }
    }
    /* A unit's one-character head after two or more nouns is a name by
     * its form (农业农村部, 生态环境部): the segmenter left the head alone
     * because the whole is a name it lacks. */
    if (!joined && !proper && k - j >= 2 && t->len == 3 &&
        unit_head(text + t->off)) {
      by_form = true;
      for (size_t q = j; q < k && by_form; q++)
        by_form = (tag_is(&tk[q], "n") || tag_is(&tk[q], "vn") ||
                   tag_is(&tk[q], "an")) &&
                  tk[q].len >= 6;
      proper = by_form;
    }
    while (!joined && !by_form && j < k && !is_proper(text, &tk[j])) {
      j++;
      start = tk[j].off;
    }
    /* 国家 / 中共 / 中国 at the head make a name of what follows
     * (国家发展改革委, 国家统计局). */
    if (j < k && in_list(k_org_heads, N_OF(k_org_heads), L_ORG_HEADS,
                         text + tk[j].off, tk[j].len))
      proper = true;
    /* A word that starts with a known name and ends in a suffix
     * (教育部高校学生司/n). */
    if (!proper && start == t->off && t->len > suf_len &&
        known_proper_prefix(lex, text + t->off, t->len - suf_len))
      proper = true;
    /* A lexicon organization that is its own suffix (国务院/nt). */
    if (end - start <= suf_len && proper && tag_is(t, "nt") &&
        !in_list(k_not_entity, N_OF(k_not_entity), L_NOT_ENTITY, text + t->off,
                 t->len)) {
      rc = add_cand(out, t->off, t->len, ZN_ENTITY_ORG);
      if (rc != ZN_OK)
        return rc;
      continue;
    }
    if (!proper || end - start <= suf_len ||
        in_list(k_not_entity, N_OF(k_not_entity), L_NOT_ENTITY, text + start,
                end - start))
      continue;
    rc = add_cand(out, start, end - start, ZN_ENTITY_ORG);
    if (rc != ZN_OK)
      return rc;
  }
  return ZN_OK;
}

static int cmp_len_desc(const void *a, const void *b) {
  const struct cand *x = a, *y = b;
  if (x->len != y->len)
    return x->len > y->len ? -1 : 1;
  if (x->type != y->type)
    return x->type < y->type ? -1 : 1; /* person, place, organization */
  return x->off < y->off ? -1 : x->off > y->off;
}

static int cmp_off(const void *a, const void *b) {
  const struct cand *x = a, *y = b;
  return x->off < y->off ? -1 : x->off > y->off;
}

static void build_last_chars(void) {
  mark_list(L_TITLES, k_titles, N_OF(k_titles));
  mark_list(L_PLACE_SUFFIX, k_place_suffix, N_OF(k_place_suffix));
  mark_list(L_ORG_SUFFIX, k_org_suffix, N_OF(k_org_suffix));
  mark_list(L_NOT_ORG_END, k_not_org_end, N_OF(k_not_org_end));
  mark_list(L_NOT_ENTITY, k_not_entity, N_OF(k_not_entity));
  mark_list(L_ABSTRACT_END, k_abstract_end, N_OF(k_abstract_end));
  mark_list(L_ROLE_BEFORE, k_role_before, N_OF(k_role_before));
  mark_list(L_ORG_HEADS, k_org_heads, N_OF(k_org_heads));
  mark_list(L_KIN, k_kin, N_OF(k_kin));
  mark_list(L_BANK_ABBREV, k_bank_abbrev, N_OF(k_bank_abbrev));
  mark_list(L_NAME_VERBS, k_name_verbs, N_OF(k_name_verbs));
  for (size_t i = 0; i + 3 <= sizeof k_unit_heads - 1; i += 3) {
    zn__word w = {k_unit_heads + i, 3};
    mark_list(L_UNIT_HEADS, &w, 1);
  }
  mark_first(F_TITLES, k_titles, N_OF(k_titles));
  mark_first(F_ROLE_AFTER, k_role_after, N_OF(k_role_after));
  mark_first(F_AFTER_NAME, k_after_name, N_OF(k_after_name));
  mark_first(F_VERB_AFTER, k_verb_after, N_OF(k_verb_after));
}

int zn__find_entities(zn__doc *d, size_t para, const char *text, size_t len,
                      const zn__tok *tk, size_t ntk) {
  struct cands c = {NULL, 0, 0};
  size_t kept = 0;
  int rc;

  pthread_once(&g_last_once, build_last_chars);
  rc = find_people(d, &c, text, len, tk, ntk);
  if (rc == ZN_OK)
    rc = find_places(&c, text, len, tk, ntk);
  if (rc == ZN_OK)
    rc = find_orgs(&c, d->lex, text, len, tk, ntk);
  if (rc != ZN_OK || c.n == 0) {
    zn_free(c.a);
    return rc;
  }
  /* The longest of overlapping candidates wins. */
  qsort(c.a, c.n, sizeof *c.a, cmp_len_desc);
  for (size_t i = 0; i < c.n; i++) {
    bool overlap = false;
    for (size_t j = 0; j < kept && !overlap; j++)
      overlap = c.a[i].off < c.a[j].off + c.a[j].len &&
                c.a[j].off < c.a[i].off + c.a[i].len;
    if (!overlap)
      c.a[kept++] = c.a[i];
  }
  qsort(c.a, kept, sizeof *c.a, cmp_off);
  for (size_t i = 0; i < kept && rc == ZN_OK; i++) {
    size_t e;
    rc = zn__add_mention(d, c.a[i].type, para, text + c.a[i].off, c.a[i].off,
                         c.a[i].len, &e);
    /* Farther posts first, as the text reads them. */
    for (int p = c.a[i].nposts - 1; p >= 0 && rc == ZN_OK; p--)
      rc = zn__add_post(d, e, text + c.a[i].post_off[p], c.a[i].post_len[p]);
  }
  zn_free(c.a);
  return rc;
}
