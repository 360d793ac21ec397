/* SPDX-License-Identifier: MIT */
/*
 * lexicon.c - opening, checking and querying a compiled zhnews lexicon
 * (format version 1, docs/lexicon-format.md): a file mapped read-only whose
 * sections are used in place, with no parsing at load.  zn_lexicon_open()
 * does the cheap checks (magic, version, byte order, size, section bounds);
 * zn_lexicon_verify() walks every state and word (as Redis's listpack
 * validation has a shallow and a deep mode).
 */
#include "zhnews/seg.h"

#include <stdio.h>
#include <string.h>

#include "zhnews/text.h"
#include "seg/lexicon-int.h"
#include "seg/mapfile.h"
#include "private/utf8-inl.h"

#define ZN_LEX_HEADER_SIZE 64

static int fail(char *errmsg, size_t cap, int rc, const char *what) {
  if (errmsg != NULL && cap > 0)
    snprintf(errmsg, cap, "%s", what);
  return rc;
}

/* Points the handle's fields at the sections of the mapped file. */
static int parse(zn_lexicon *lex, char *errmsg, size_t cap) {
  const uint8_t *m = lex->map;
  size_t len = lex->map_len;
  uint32_t n_sections;
  const uint8_t *sec[ZN_LEX_SEC_MAX] = {NULL};
  uint64_t sec_size[ZN_LEX_SEC_MAX] = {0};

  {
    int rc = zn__check_header(
        m, len, ZN_LEX_HEADER_SIZE, ZN_LEX_MAGIC, ZN_LEX_VERSION, "lexicon",
        "rebuild it with 'zhnews dict build'", &n_sections, errmsg, cap);
    if (rc != ZN_OK)
      return rc;
  }
  lex->n_words = zn__rd32(m + 28);
  lex->n_codes = zn__rd32(m + 32);
  lex->n_states = zn__rd32(m + 36);
  lex->min_logp = zn__rdf32(m + 40);
  lex->n_supp = zn__rd32(m + 44);
  lex->n_tags = zn__rd32(m + 48);
  {
    int rc = zn__read_sections(m, len, ZN_LEX_HEADER_SIZE, n_sections,
                               ZN_LEX_SEC_MAX, sec, sec_size, errmsg, cap);
    if (rc != ZN_OK)
      return rc;
  }
  if (sec[ZN_LEX_SEC_CHARMAP] == NULL ||
      sec_size[ZN_LEX_SEC_CHARMAP] != 2 * 65536 ||
      sec_size[ZN_LEX_SEC_SUPP] != 8 * (uint64_t)lex->n_supp ||
      sec[ZN_LEX_SEC_STATES] == NULL || lex->n_states == 0 ||
      sec_size[ZN_LEX_SEC_STATES] !=
          (uint64_t)lex->n_states * ZN_LEX_STATE_SIZE ||
      lex->n_states > ZN_LEX_MAX_STATES || lex->n_tags == 0 ||
      lex->n_tags > ZN_MAX_TAGS || sec[ZN_LEX_SEC_TAGS] == NULL)
    return fail(errmsg, cap, ZN_EFORMAT, "missing or mis-sized section");
  lex->charmap = sec[ZN_LEX_SEC_CHARMAP];
  lex->supp = sec[ZN_LEX_SEC_SUPP];
  lex->states = sec[ZN_LEX_SEC_STATES];
  {
    /* The tag strings: n_tags NUL-terminated strings inside the section. */
    const char *p = (const char *)sec[ZN_LEX_SEC_TAGS];
    const char *end = p + sec_size[ZN_LEX_SEC_TAGS];
    for (uint32_t i = 0; i < lex->n_tags; i++) {
      const char *z = memchr(p, '\0', (size_t)(end - p));
      if (z == NULL)
        return fail(errmsg, cap, ZN_EFORMAT, "bad tag table");
      lex->tags[i] = p;
      p = z + 1;
    }
  }
  if (sec[ZN_LEX_SEC_HMM] != NULL) {
    if (sec_size[ZN_LEX_SEC_HMM] != 4 * (20 + 4 * ((uint64_t)lex->n_codes + 1)))
      return fail(errmsg, cap, ZN_EFORMAT, "mis-sized HMM section");
    lex->hmm = sec[ZN_LEX_SEC_HMM];
  }
  if (sec[ZN_LEX_SEC_IDF] != NULL) {
    if (sec_size[ZN_LEX_SEC_IDF] != 2 * (uint64_t)lex->n_states)
      return fail(errmsg, cap, ZN_EFORMAT, "mis-sized IDF section");
    lex->idf = sec[ZN_LEX_SEC_IDF];
  }
  return ZN_OK;
}

int zn_lexicon_open(const char *path, zn_lexicon **out, char *errmsg,
                    size_t errmsg_cap) {
  zn_lexicon *lex;
  void *map;
  size_t len;
  int rc;

  *out = NULL;
  if (errmsg != NULL && errmsg_cap > 0)
    errmsg[0] = '\0';
  rc = zn__map_file(path, &map, &len, errmsg, errmsg_cap);
  if (rc != ZN_OK)
    return rc;
  lex = zn_malloc(sizeof *lex);
  if (lex == NULL) {
    zn__unmap_file(map, len);
    return ZN_ENOMEM;
  }
  memset(lex, 0, sizeof *lex);
  lex->map = map;
  lex->map_len = len;
  rc = parse(lex, errmsg, errmsg_cap);
  if (rc != ZN_OK) {
    zn_lexicon_close(lex);
    return rc;
  }
  *out = lex;
  return ZN_OK;
}

void zn_lexicon_close(zn_lexicon *lex) {
  if (lex == NULL)
    return;
  zn__unmap_file((void *)lex->map, lex->map_len);
  zn_free(lex);
}

size_t zn_lexicon_nwords(const zn_lexicon *lex) {
  return lex->n_words;
}

/* The state word[0..len) leads to, or 0 if no path spells it. */
static uint32_t walk(const zn_lexicon *lex, const char *word, size_t len) {
  uint32_t s = 0;
  size_t i = 0;
  while (i < len) {
    int32_t cp;
    int n = zn__utf8_decode_inl((const unsigned char *)word + i, len - i, &cp);
    uint32_t code;
    if (cp < 0)
      return 0;
    code = zn__lex_code(lex, (uint32_t)cp);
    if (code == 0)
      return 0;
    s = zn__lex_next(lex, s, code);
    if (s == 0)
      return 0;
    i += (size_t)n;
  }
  return s;
}

double zn_lexicon_idf(const zn_lexicon *lex, const char *word, size_t len) {
  uint32_t s;
  const uint8_t *p;
  if (lex->idf == NULL || len == 0)
    return 0.0;
  s = walk(lex, word, len);
  if (s == 0)
    return 0.0;
  p = lex->idf + 2 * (size_t)s;
  return (double)((unsigned)p[0] | (unsigned)p[1] << 8) / 1000.0;
}

bool zn_lexicon_has_idf(const zn_lexicon *lex) {
  return lex->idf != NULL;
}

bool zn_lexicon_lookup(const zn_lexicon *lex, const char *word, size_t len,
                       double *freq, const char **tag) {
  uint32_t s;
  float lp;
  if (len == 0)
    return false;
  s = walk(lex, word, len);
  if (s == 0)
    return false;
  lp = zn__lex_logp(lex, s);
  if (lp == 0.0f)
    return false;
  if (freq != NULL)
    *freq = (double)lp;
  if (tag != NULL)
    *tag = zn__lex_tag(lex, s);
  return true;
}

int zn_lexicon_verify(const zn_lexicon *lex, char *errmsg, size_t cap) {
  char msg[128];
  for (uint32_t c = 0; c < 65536; c++) {
    uint32_t code =
        (uint32_t)lex->charmap[2 * c] | (uint32_t)lex->charmap[2 * c + 1] << 8;
    if (code > lex->n_codes) {
      snprintf(msg, sizeof msg, "character map: U+%04X has code %u > %u",
               (unsigned)c, (unsigned)code, (unsigned)lex->n_codes);
      return fail(errmsg, cap, ZN_EFORMAT, msg);
    }
  }
  for (uint32_t i = 0; i < lex->n_supp; i++) {
    uint32_t cp = zn__rd32(lex->supp + 8 * (size_t)i);
    uint32_t code = zn__rd32(lex->supp + 8 * (size_t)i + 4);
    if (cp < 0x10000 || cp > 0x10FFFF || code == 0 || code > lex->n_codes ||
        (i > 0 && cp <= zn__rd32(lex->supp + 8 * (size_t)(i - 1)))) {
      snprintf(msg, sizeof msg, "supplementary map entry %u is bad",
               (unsigned)i);
      return fail(errmsg, cap, ZN_EFORMAT, msg);
    }
  }
  for (uint32_t s = 0; s < lex->n_states; s++) {
    const uint8_t *st = lex->states + (size_t)s * ZN_LEX_STATE_SIZE;
    uint32_t check = zn__rd32(st + 4) & ZN_LEX_BASE_MASK;
    float lp = zn__rdf32(st + 8);
    if (check > lex->n_states) {
      snprintf(msg, sizeof msg, "trie state %u points outside the lexicon",
               (unsigned)s);
      return fail(errmsg, cap, ZN_EFORMAT, msg);
    }
    /* A child's slot is its parent's base plus a code in 1..n_codes. */
    if (check != 0) {
      uint32_t base =
          zn__rd32(lex->states + (size_t)(check - 1) * ZN_LEX_STATE_SIZE) &
          ZN_LEX_BASE_MASK;
      if (s <= base || s - base > lex->n_codes) {
        snprintf(msg, sizeof msg, "trie state %u is not its parent's child",
                 (unsigned)s);
        return fail(errmsg, cap, ZN_EFORMAT, msg);
      }
    }
    if (lp != 0.0f && (!(lp < 0.0f && lp >= -100.0f) ||
                       (zn__rd32(st) >> 24) >= lex->n_tags)) {
      snprintf(msg, sizeof msg, "trie state %u has a bad word", (unsigned)s);
      return fail(errmsg, cap, ZN_EFORMAT, msg);
    }
  }
  return ZN_OK;
}
