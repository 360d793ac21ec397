/* SPDX-License-Identifier: MIT */
/*
 * charset.c - charset labels, sniffing, detection and conversion to UTF-8.
 * Labels follow the WHATWG Encoding Standard's label table for the
 * encodings Chinese news sites use (gb2312/gbk are decoded as GB18030, a
 * superset, as browsers do; Big5 as BIG5-HKSCS).  Declarations are sniffed
 * the way the HTML Standard's prescan does it, simplified: the first
 * "charset=" in the first 4 KiB.  Conversion goes through glibc iconv;
 * undecodable bytes become U+FFFD and are counted, and a decode that fails
 * on more than 1/8 of the input is refused rather than returned as
 * mojibake.  Detection order and thresholds are documented in text.h and
 * at the helpers below.
 */
#include "zhnews/text.h"

#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "private/charset.h"
#include "text/text-int.h"

/* Bytes searched for a declared charset. */
#define ZN_MAX_SNIFF_LEN 4096
/* Longest charset label accepted. */
#define ZN_MAX_LABEL_LEN 40
/* Bytes looked at by the statistical and trial-decode steps of
 * detection, and by zn_text_looks_binary(). */
#define ZN_MAX_DETECT_LEN (64 * 1024)
/* Scratch output for trial decodes, which only count errors. */
#define ZN_MAX_SCRATCH_LEN 4096
/* Largest extra output room asked for beyond 1.5 bytes per input byte. */
#define ZN_MAX_SLACK_LEN ((size_t)1 << 20)
/* A trial decode is clean with at most one error per this many bytes. */
#define ZN_CLEAN_BYTES_PER_ERROR 500
/* Big5 needs more than this percentage of trail bytes in 0x40..0x7E. */
#define ZN_BIG5_LOW_TRAIL_PCT 15

/* --------------------------------------------------------------- labels */

static const struct {
  const char *label; /* lower case */
  zn_encoding enc;
} label_table[] = {
    {"utf-8", ZN_ENC_UTF8},
    {"utf8", ZN_ENC_UTF8},
    {"unicode-1-1-utf-8", ZN_ENC_UTF8},
    {"unicode11utf8", ZN_ENC_UTF8},
    {"unicode20utf8", ZN_ENC_UTF8},
    {"x-unicode20utf8", ZN_ENC_UTF8},
    {"gbk", ZN_ENC_GB18030},
    {"gb2312", ZN_ENC_GB18030},
    {"gb_2312", ZN_ENC_GB18030},
    {"gb_2312-80", ZN_ENC_GB18030},
    {"gb-2312", ZN_ENC_GB18030},
    {"gb18030", ZN_ENC_GB18030},
    {"gb-18030", ZN_ENC_GB18030},
    {"x-gbk", ZN_ENC_GB18030},
    {"chinese", ZN_ENC_GB18030},
    {"csgb2312", ZN_ENC_GB18030},
    {"csiso58gb231280", ZN_ENC_GB18030},
    {"iso-ir-58", ZN_ENC_GB18030},
    {"euc-cn", ZN_ENC_GB18030},
    {"x-euc-cn", ZN_ENC_GB18030},
    {"cp936", ZN_ENC_GB18030},
    {"ms936", ZN_ENC_GB18030},
    {"windows-936", ZN_ENC_GB18030},
    {"big5", ZN_ENC_BIG5},
    {"big-5", ZN_ENC_BIG5},
    {"big5-hkscs", ZN_ENC_BIG5},
    {"cn-big5", ZN_ENC_BIG5},
    {"csbig5", ZN_ENC_BIG5},
    {"x-x-big5", ZN_ENC_BIG5},
    {"x-big5", ZN_ENC_BIG5},
    {"cp950", ZN_ENC_BIG5},
    {"ms950", ZN_ENC_BIG5},
    {"windows-950", ZN_ENC_BIG5},
    {"utf-16le", ZN_ENC_UTF16LE},
    {"utf-16", ZN_ENC_UTF16LE}, /* WHATWG: bare utf-16 means LE */
    {"ucs-2", ZN_ENC_UTF16LE},
    {"unicode", ZN_ENC_UTF16LE},
    {"csunicode", ZN_ENC_UTF16LE},
    {"iso-10646-ucs-2", ZN_ENC_UTF16LE},
    {"unicodefeff", ZN_ENC_UTF16LE},
    {"utf-16be", ZN_ENC_UTF16BE},
    {"unicodefffe", ZN_ENC_UTF16BE},
};

static int ascii_lower(int c) {
  return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

static bool is_label_space(int c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '"' || c == '\'';
}

static bool is_label_char(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == ':';
}

/* iconv's name for enc; NULL for encodings iconv is not used for. */
static const char *iconv_name(zn_encoding enc) {
  switch (enc) {
  case ZN_ENC_UTF16LE:
    return "UTF-16LE";
  case ZN_ENC_UTF16BE:
    return "UTF-16BE";
  case ZN_ENC_GB18030:
    return "GB18030";
  case ZN_ENC_BIG5:
    return "BIG5-HKSCS";
  default:
    return NULL;
  }
}

/* The byte order mark at the start of u, if any: its encoding and, in
 * *bom_len, its length. */
static zn_encoding bom_encoding(const unsigned char *u, size_t len,
                                size_t *bom_len) {
  *bom_len = 0;
  if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
    *bom_len = 3;
    return ZN_ENC_UTF8;
  }
  if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
    *bom_len = 2;
    return ZN_ENC_UTF16LE;
  }
  if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
    *bom_len = 2;
    return ZN_ENC_UTF16BE;
  }
  if (len >= 4 && u[0] == 0x84 && u[1] == 0x31 && u[2] == 0x95 &&
      u[3] == 0x33) {
    *bom_len = 4;
    return ZN_ENC_GB18030;
  }
  return ZN_ENC_UNKNOWN;
}

/* ----------------------------------------------------------- decoding */

/* Appends U+FFFD when out is not NULL. */
static int put_replacement(zn_buf *out) {
  if (out == NULL)
    return ZN_OK;
  return zn_buf_append(out, ZN_REPLACEMENT_UTF8, 3);
}

/*
 * Decodes s[0..len) from enc (not UTF-8) with iconv.  With out, the UTF-8
 * is appended there; without, it goes to a stack scratch buffer and only
 * the errors are counted (a trial decode).  Undecodable bytes become
 * U+FFFD: one per EILSEQ, skipping one byte (one code unit for UTF-16) so
 * the decoder resynchronizes; a sequence cut off by the end of the input
 * is one more error, or none when partial_ok (a trial on a prefix).
 * *n_bad counts errors and *bad_len the bytes they covered.  The caller
 * restores out on failure.
 */
/*
 * GB18030 pages are ASCII markup and two-byte characters, which iconv
 * decodes at some 50 instructions a byte.  The two-byte characters'
 * UTF-8, read off iconv itself once (k_gb2, 126 lead x 192 trail bytes;
 * len 0 where iconv refuses the pair), decodes such text directly; text
 * with anything else (four-byte characters, bytes iconv refuses, a pair
 * cut off by the end) goes to iconv whole, so the result is iconv's.
 */
struct gb2 {
  unsigned char len;
  unsigned char utf8[3];
};
static struct gb2 k_gb2[126 * 192];
static bool k_gb2_ready;
static pthread_once_t k_gb2_once = PTHREAD_ONCE_INIT;

static void build_gb2(void) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == (iconv_t)-1)
    return;
  for (unsigned lead = 0x81; lead <= 0xFE; lead++) {
    for (unsigned trail = 0x40; trail <= 0xFF; trail++) {
      char in[2] = {(char)lead, (char)trail};
      char buf[8];
      char *ip = in;
      char *op = buf;
      size_t il = 2;
      size_t ol = sizeof buf;
      struct gb2 *e = &k_gb2[(lead - 0x81) * 192 + (trail - 0x40)];
      iconv(cd, NULL, NULL, NULL, NULL);
      if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && il == 0 &&
          op - buf >= 1 && op - buf <= 3 && (unsigned char)buf[0] >= 0x80) {
        e->len = (unsigned char)(op - buf);
        memcpy(e->utf8, buf, (size_t)(op - buf));
      }
    }
  }
  iconv_close(cd);
  k_gb2_ready = true;
}

/* Decodes s[0..len) as GB18030 with k_gb2 into out (or only checks it,
 * out NULL).  False, with out as it was, unless s is ASCII and two-byte
 * characters the table has. */
static bool gb2_decode(const char *s, size_t len, zn_buf *out) {
  const unsigned char *u = (const unsigned char *)s;
  size_t saved = out != NULL ? out->len : 0;
  unsigned char *o = NULL;
  size_t i = 0;
  pthread_once(&k_gb2_once, build_gb2);
  if (!k_gb2_ready)
    return false;
  if (out != NULL) {
    if (zn_buf_grow(out, len + len / 2 + 1) != ZN_OK)
      return false;
    o = (unsigned char *)out->data + out->len;
  }
  while (i < len) {
    const struct gb2 *e;
    if (u[i] < 0x80) {
      /* A run of ASCII, eight bytes at a time. */
      size_t j = i + 1;
      while (j + 8 <= len) {
        uint64_t x;
        memcpy(&x, u + j, 8);
        if ((x & UINT64_C(0x8080808080808080)) != 0)
          break;
        j += 8;
      }
      while (j < len && u[j] < 0x80)
        j++;
      if (o != NULL) {
        memcpy(o, u + i, j - i);
        o += j - i;
      }
      i = j;
      continue;
    }
    if (u[i] == 0x80 || u[i] == 0xFF || i + 1 >= len || u[i + 1] < 0x40)
      break;
    e = &k_gb2[(u[i] - 0x81) * 192 + (u[i + 1] - 0x40)];
    if (e->len == 0)
      break;
    if (o != NULL) {
      memcpy(o, e->utf8, 3);
      o += e->len;
    }
    i += 2;
  }
  if (i < len) {
    if (out != NULL && out->data != NULL)
      out->data[saved] = '\0';
    return false;
  }
  if (out != NULL) {
    out->len = (size_t)((char *)o - out->data);
    out->data[out->len] = '\0';
  }
  return true;
}

static int iconv_decode(const char *s, size_t len, zn_encoding enc, zn_buf *out,
                        bool partial_ok, size_t *n_bad, size_t *bad_len) {
  char scratch[ZN_MAX_SCRATCH_LEN];
  const char *name = iconv_name(enc);
  size_t unit = (enc == ZN_ENC_UTF16LE || enc == ZN_ENC_UTF16BE) ? 2 : 1;
  size_t slack = 16;    /* extra output room, doubled on E2BIG */
  bool capped = false;  /* out is at its size limit */
  char *in = (char *)s; /* iconv's prototype is not const-correct */
  size_t in_left = len;
  iconv_t cd;
  int rc = ZN_OK;

  *n_bad = 0;
  *bad_len = 0;
  if (name == NULL)
    return ZN_EINVAL;
  if (enc == ZN_ENC_GB18030 && gb2_decode(s, len, out))
    return ZN_OK;
  cd = iconv_open("UTF-8", name);
  if (cd == (iconv_t)-1)
    return ZN_EINTERNAL;
  while (in_left > 0) {
    char *o;
    size_t o_left;
    size_t r;
    size_t in_before = in_left;
    int err;

    if (out != NULL) {
      /* Two input bytes rarely make more than three output bytes; near
       * the buffer's cap, settle for room for one more character. */
      rc = zn_buf_grow(out, in_left + in_left / 2 + slack);
      capped = rc == ZN_ETOOBIG;
      if (capped)
        rc = zn_buf_grow(out, 4);
      if (rc != ZN_OK)
        break;
      o = out->data + out->len;
      o_left = out->cap - out->len - 1;
    } else {
      o = scratch;
      o_left = sizeof scratch;
    }
    r = iconv(cd, &in, &in_left, &o, &o_left);
    err = errno;
    if (out != NULL) {
      out->len = (size_t)(o - out->data);
      out->data[out->len] = '\0';
    }
    if (r != (size_t)-1)
      break;
    if (err == E2BIG) {
      if (capped && in_left == in_before) {
        rc = ZN_ETOOBIG; /* not even one more character fits */
        break;
      }
      if (slack < ZN_MAX_SLACK_LEN)
        slack *= 2;
    } else if (err == EILSEQ) {
      size_t skip = in_left < unit ? in_left : unit;

      rc = put_replacement(out);
      if (rc != ZN_OK)
        break;
      (*n_bad)++;
      *bad_len += skip;
      in += skip;
      in_left -= skip;
    } else if (err == EINVAL) {
      /* Incomplete sequence: all that is left of the input. */
      if (!partial_ok) {
        rc = put_replacement(out);
        if (rc != ZN_OK)
          break;
        (*n_bad)++;
        *bad_len += in_left;
      }
      in_left = 0;
    } else {
      rc = ZN_EINTERNAL;
      break;
    }
  }
  /* Flush any shift state: none of our decoders keep one today, but the
   * iconv contract allows it. */
  if (rc == ZN_OK && out != NULL) {
    rc = zn_buf_grow(out, 16);
    if (rc == ZN_OK) {
      char *o = out->data + out->len;
      size_t o_left = out->cap - out->len - 1;

      if (iconv(cd, NULL, NULL, &o, &o_left) != (size_t)-1) {
        out->len = (size_t)(o - out->data);
        out->data[out->len] = '\0';
      }
    }
  }
  iconv_close(cd);
  return rc;
}

/* Invalid subparts in u[0..len) read as UTF-8, not counting a sequence
 * cut off by the end; *n_multi receives the number of valid multi-byte
 * sequences. */
static size_t utf8_errors(const unsigned char *u, size_t len, size_t *n_multi) {
  size_t i = 0;
  size_t n_bad = 0;

  *n_multi = 0;
  while (i < len) {
    int32_t cp;
    int n;

    if (u[i] < 0x80) {
      i++;
      continue;
    }
    n = zn__utf8_decode_inl(u + i, len - i, &cp);
    if (cp >= 0)
      (*n_multi)++;
    else if (!(i + (size_t)n == len && u[i] >= 0xC2 && u[i] <= 0xF4))
      n_bad++;
    i += (size_t)n;
  }
  return n_bad;
}

/* Whether a prefix of the input decodes under enc with few errors. */
static bool decodes_cleanly(const char *s, size_t len, zn_encoding enc) {
  size_t n_bad = 0;
  size_t bad_len;
  size_t n_multi;

  if (enc == ZN_ENC_UTF8) {
    n_bad = utf8_errors((const unsigned char *)s, len, &n_multi);
  } else if (iconv_decode(s, len, enc, NULL, true, &n_bad, &bad_len) != ZN_OK) {
    return false;
  }
  return n_bad <= len / ZN_CLEAN_BYTES_PER_ERROR;
}

/* ---------------------------------------------------------- statistics */

/* Whether the UTF-16 code unit x is something news text would contain:
 * ASCII text, Latin, Greek/Cyrillic, punctuation and symbols, CJK,
 * Hangul, surrogates (supplementary Han) and full-width forms. */
static bool plausible_utf16(unsigned x) {
  if (x < 0x80)
    return x >= 0x20 ? x != 0x7F : (x == '\t' || x == '\n' || x == '\r');
  return (x >= 0xA0 && x <= 0x52F) || (x >= 0x2000 && x <= 0x2BFF) ||
         (x >= 0x3000 && x <= 0x9FFF) || (x >= 0xAC00 && x <= 0xDFFF) ||
         (x >= 0xF900 && x <= 0xFAFF) || (x >= 0xFE30 && x <= 0xFFEF);
}

/* The narrow core of that: ASCII text, CJK ideographs and punctuation,
 * full-width forms. */
static bool core_utf16(unsigned x) {
  if (x < 0x80)
    return x >= 0x20 ? x != 0x7F : (x == '\t' || x == '\n' || x == '\r');
  return (x >= 0x3000 && x <= 0x303F) || (x >= 0x4E00 && x <= 0x9FFF) ||
         (x >= 0xFF00 && x <= 0xFFEF);
}

/*
 * UTF-16 by the NUL pattern: ASCII characters in UTF-16 have a zero high
 * byte, so NULs cluster on one parity (odd offsets for LE).  Requires at
 * least 1 unit in 50 with a NUL high byte, four times as many NULs there
 * as on the other parity, and 80% of the units plausible as text (which
 * rules out binary data with NUL padding).  ASCII text with a stray NUL
 * also looks plausible (two letters make a "Han" unit), so unless a fifth
 * of the units are ASCII, a quarter of the other units must have a byte
 * of 0x80 or more, as CJK code units do about half the time.  Returns
 * ZN_ENC_UNKNOWN when the pattern is absent; text with no ASCII at all
 * has no NUL pattern.
 */
static zn_encoding utf16_by_nuls(const unsigned char *u, size_t len) {
  size_t n_units = (len < ZN_MAX_DETECT_LEN ? len : ZN_MAX_DETECT_LEN) / 2;
  size_t nul_even = 0;
  size_t nul_odd = 0;
  size_t ok_le = 0;
  size_t ok_be = 0;
  size_t high_le = 0; /* non-ASCII LE units with a byte >= 0x80 */
  size_t high_be = 0;
  size_t core_le = 0; /* units that are ASCII text, CJK or full-width */
  size_t core_be = 0;
  size_t k;

  if (n_units < 2)
    return ZN_ENC_UNKNOWN;
  for (k = 0; k < n_units; k++) {
    unsigned b0 = u[2 * k];
    unsigned b1 = u[2 * k + 1];
    bool high = (b0 | b1) >= 0x80;

    nul_even += b0 == 0;
    nul_odd += b1 == 0;
    core_le += core_utf16(b0 | (b1 << 8));
    core_be += core_utf16((b0 << 8) | b1);
    high_le += b1 != 0 && high;
    high_be += b0 != 0 && high;
    ok_le += plausible_utf16(b0 | (b1 << 8));
    ok_be += plausible_utf16((b0 << 8) | b1);
  }
  /* Ideographs with a zero low byte (一 U+4E00, 开 U+5F00, 最 U+6700) put
   * NULs on the other parity too; then the reading in which nearly every
   * unit is ASCII or CJK decides. */
  if (nul_odd * 50 >= n_units &&
      (nul_odd > 4 * nul_even ||
       (nul_odd > nul_even && core_le * 10 >= n_units * 9 &&
        core_le > core_be)) &&
      ok_le * 10 >= n_units * 8 &&
      (nul_odd * 5 >= n_units || high_le * 4 >= n_units - nul_odd))
    return ZN_ENC_UTF16LE;
  if (nul_even * 50 >= n_units &&
      (nul_even > 4 * nul_odd ||
       (nul_even > nul_odd && core_be * 10 >= n_units * 9 &&
        core_be > core_le)) &&
      ok_be * 10 >= n_units * 8 &&
      (nul_even * 5 >= n_units || high_be * 4 >= n_units - nul_even))
    return ZN_ENC_UTF16BE;
  return ZN_ENC_UNKNOWN;
}

/*
 * UTF-16 of CJK text with no ASCII at all has no NULs to go by; its high
 * bytes are then nearly all CJK (0x4E-0x9F), CJK punctuation (0x30) or
 * full-width forms (0xFF), while its low bytes take any value.  GBK and
 * Big5 text never puts such a narrow set on one parity for long.  Needs 16
 * units at least and 9 in 10 of one parity in that set.
 */
static zn_encoding utf16_by_high_bytes(const unsigned char *u, size_t len) {
  size_t n_units = (len < ZN_MAX_DETECT_LEN ? len : ZN_MAX_DETECT_LEN) / 2;
  size_t cjk_odd = 0;
  size_t cjk_even = 0;
  if (n_units < 16 || len % 2 != 0)
    return ZN_ENC_UNKNOWN;
  for (size_t k = 0; k < n_units; k++) {
    unsigned b0 = u[2 * k];
    unsigned b1 = u[2 * k + 1];
    cjk_odd += (b1 >= 0x4E && b1 <= 0x9F) || b1 == 0x30 || b1 == 0xFF;
    cjk_even += (b0 >= 0x4E && b0 <= 0x9F) || b0 == 0x30 || b0 == 0xFF;
  }
  if (cjk_odd * 10 >= n_units * 9 && cjk_even * 10 < n_units * 6)
    return ZN_ENC_UTF16LE;
  if (cjk_even * 10 >= n_units * 9 && cjk_odd * 10 < n_units * 6)
    return ZN_ENC_UTF16BE;
  return ZN_ENC_UNKNOWN;
}

/*
 * Big5 or GB18030 by trail bytes.  GB2312/GBK text of common simplified
 * characters uses trail bytes 0xA1..0xFE; Big5's common characters put
 * about 40% of their trail bytes in 0x40..0x7E.  GB18030 four-byte
 * sequences (second byte 0x30..0x39) count against Big5.
 */
static bool big5_by_trail_bytes(const unsigned char *u, size_t len) {
  size_t n_pairs = 0;
  size_t n_low = 0;
  size_t n_four = 0;
  size_t i = 0;

  while (i + 1 < len) {
    unsigned t;

    if (u[i] < 0x80) {
      i++;
      continue;
    }
    t = u[i + 1];
    if (t >= 0x30 && t <= 0x39 && i + 3 < len) {
      n_four++;
      i += 4;
      continue;
    }
    n_pairs++;
    n_low += t >= 0x40 && t <= 0x7E;
    i += 2;
  }
  return n_pairs > 0 && n_four * 10 <= n_pairs &&
         n_low * 100 > n_pairs * ZN_BIG5_LOW_TRAIL_PCT;
}

/* ---------------------------------------------------------------- API */

const char *zn_encoding_name(zn_encoding enc) {
  switch (enc) {
  case ZN_ENC_UTF8:
    return "UTF-8";
  case ZN_ENC_UTF16LE:
    return "UTF-16LE";
  case ZN_ENC_UTF16BE:
    return "UTF-16BE";
  case ZN_ENC_GB18030:
    return "GB18030";
  case ZN_ENC_BIG5:
    return "Big5";
  default:
    return "unknown";
  }
}

zn_encoding zn_encoding_from_label(const char *label, size_t len) {
  char low[ZN_MAX_LABEL_LEN];
  size_t b = 0;
  size_t e = len;
  size_t i;

  if (label == NULL)
    return ZN_ENC_UNKNOWN;
  while (b < e && is_label_space((unsigned char)label[b]))
    b++;
  while (e > b && is_label_space((unsigned char)label[e - 1]))
    e--;
  if (e == b || e - b >= ZN_MAX_LABEL_LEN)
    return ZN_ENC_UNKNOWN;
  for (i = b; i < e; i++)
    low[i - b] = (char)ascii_lower((unsigned char)label[i]);
  low[e - b] = '\0';
  for (i = 0; i < sizeof label_table / sizeof label_table[0]; i++) {
    if (strcmp(low, label_table[i].label) == 0)
      return label_table[i].enc;
  }
  return ZN_ENC_UNKNOWN;
}

/* Whether u[i..n) starts with the lower-case ASCII word w, in any case. */
static bool starts_with_ci(const unsigned char *u, size_t n, size_t i,
                           const char *w) {
  size_t k;

  for (k = 0; w[k] != '\0'; k++) {
    if (i + k >= n || ascii_lower(u[i + k]) != w[k])
      return false;
  }
  return true;
}

/* Parses `= "label"` at u[i..n) (after "charset" or "encoding"). */
static zn_encoding parse_assigned_label(const unsigned char *u, size_t n,
                                        size_t i) {
  size_t b;

  while (i < n && (u[i] == ' ' || u[i] == '\t' || u[i] == '\n' || u[i] == '\r'))
    i++;
  if (i >= n || u[i] != '=')
    return ZN_ENC_UNKNOWN;
  i++;
  while (i < n && (u[i] == ' ' || u[i] == '\t' || u[i] == '"' || u[i] == '\'' ||
                   u[i] == '\\'))
    i++;
  b = i;
  while (i < n && i - b < ZN_MAX_LABEL_LEN && is_label_char(u[i]))
    i++;
  return zn_encoding_from_label((const char *)u + b, i - b);
}

zn_encoding zn_charset_sniff_declared(const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  size_t n = len < ZN_MAX_SNIFF_LEN ? len : ZN_MAX_SNIFF_LEN;
  size_t i = 0;
  zn_encoding enc;

  if (s == NULL)
    return ZN_ENC_UNKNOWN;
  /* <?xml version="1.0" encoding="gbk"?>, after a BOM or white space. */
  while (i < n && (u[i] == ' ' || u[i] == '\t' || u[i] == '\n' ||
                   u[i] == '\r' || u[i] >= 0x80))
    i++;
  if (starts_with_ci(u, n, i, "<?xml")) {
    for (; i + 1 < n && !(u[i] == '?' && u[i + 1] == '>'); i++) {
      if (starts_with_ci(u, n, i, "encoding")) {
        enc = parse_assigned_label(u, n, i + 8);
        if (enc != ZN_ENC_UNKNOWN)
          return enc;
      }
    }
  }
  /* <meta charset=...>, <meta http-equiv content="...; charset=...">, or
   * any other "charset=": the first one naming a known encoding. */
  for (i = 0; i + 7 < n; i++) {
    if ((u[i] | 0x20) != 'c' || !starts_with_ci(u, n, i, "charset"))
      continue;
    enc = parse_assigned_label(u, n, i + 7);
    if (enc != ZN_ENC_UNKNOWN)
      return enc;
  }
  return ZN_ENC_UNKNOWN;
}

zn_encoding zn_charset_detect(const char *s, size_t len, zn_encoding declared,
                              zn_enc_reason *reason) {
  size_t valid_len;
  return zn__charset_detect_ex(s, len, declared, reason, &valid_len);
}

zn_encoding zn__charset_detect_ex(const char *s, size_t len,
                                  zn_encoding declared, zn_enc_reason *reason,
                                  size_t *valid_len) {
  const unsigned char *u = (const unsigned char *)s;
  size_t sample = len < ZN_MAX_DETECT_LEN ? len : ZN_MAX_DETECT_LEN;
  zn_enc_reason why = ZN_ENC_BY_VALID_UTF8;
  zn_encoding enc = ZN_ENC_UTF8;
  zn_encoding utf16;
  size_t bad_off = 0;
  size_t bom_len;
  size_t n_multi;
  size_t n_bad;

  *valid_len = 0;
  if (s == NULL || len == 0)
    goto done;
  utf16 = memchr(s, 0, sample) != NULL ? utf16_by_nuls(u, len) : ZN_ENC_UNKNOWN;
  /* 1. Valid UTF-8 (a sequence cut off by the end is allowed), unless
   * NULs say it is UTF-16 made of ASCII characters. */
  if (utf16 == ZN_ENC_UNKNOWN) {
    if (zn_utf8_valid(s, len, &bad_off)) {
      *valid_len = len;
      goto done;
    }
    *valid_len = bad_off;
    if (len - bad_off < 4 &&
        utf8_errors(u + bad_off, len - bad_off, &n_multi) == 0)
      goto done;
  }
  /* 2. A byte order mark. */
  enc = bom_encoding(u, len, &bom_len);
  if (enc != ZN_ENC_UNKNOWN) {
    why = ZN_ENC_BY_BOM;
    goto done;
  }
  /* 3. The declaration, if the bytes agree.  A UTF-16 declaration needs
   * the UTF-16 pattern too: nearly any byte pairs are valid UTF-16. */
  if (declared == ZN_ENC_UTF16LE || declared == ZN_ENC_UTF16BE) {
    if (declared == utf16) {
      enc = declared;
      why = ZN_ENC_BY_DECLARED;
      goto done;
    }
  } else if (declared != ZN_ENC_UNKNOWN &&
             decodes_cleanly(s, sample, declared)) {
    enc = declared;
    why = ZN_ENC_BY_DECLARED;
    goto done;
  }
  /* 4. UTF-16 by its NUL pattern, or by its high bytes. */
  why = ZN_ENC_BY_BYTES;
  if (utf16 == ZN_ENC_UNKNOWN)
    utf16 = utf16_by_high_bytes(u, len);
  if (utf16 != ZN_ENC_UNKNOWN) {
    enc = utf16;
    goto done;
  }
  /* 5. Mostly valid UTF-8: many multi-byte sequences, few errors. */
  n_bad = utf8_errors(u, sample, &n_multi);
  if (n_multi > 0 && n_bad * 4 <= n_multi) {
    enc = ZN_ENC_UTF8;
    goto done;
  }
  /* 6. Big5 by its trail bytes, if it also decodes as Big5. */
  if (big5_by_trail_bytes(u, sample) &&
      decodes_cleanly(s, sample, ZN_ENC_BIG5)) {
    enc = ZN_ENC_BIG5;
    goto done;
  }
  /* 7. GB18030, which decodes almost anything. */
  enc = ZN_ENC_GB18030;
  if (!decodes_cleanly(s, sample, ZN_ENC_GB18030))
    why = ZN_ENC_BY_FALLBACK;

done:
  if (reason != NULL)
    *reason = why;
  return enc;
}

int zn_charset_to_utf8(const char *s, size_t len, zn_encoding enc, zn_buf *out,
                       size_t *n_invalid) {
  return zn__charset_to_utf8_ex(s, len, enc, 0, out, n_invalid);
}

int zn__charset_to_utf8_ex(const char *s, size_t len, zn_encoding enc,
                           size_t valid_len, zn_buf *out, size_t *n_invalid) {
  size_t saved_len = out->len;
  size_t n_bad = 0;
  size_t bad_len = 0;
  size_t bom_len = 0;
  int rc;

  if (n_invalid != NULL)
    *n_invalid = 0;
  if (enc == ZN_ENC_UNKNOWN || iconv_name(enc) == NULL) {
    if (enc != ZN_ENC_UTF8)
      return ZN_EINVAL;
  }
  if (len == 0)
    return ZN_OK;
  if (s == NULL)
    return ZN_EINVAL;
  if (bom_encoding((const unsigned char *)s, len, &bom_len) != enc)
    bom_len = 0;
  if (enc == ZN_ENC_UTF8 && valid_len > bom_len && valid_len <= len) {
    /* Sanitizing copies a valid prefix as it is. */
    rc = zn_buf_append(out, s + bom_len, valid_len - bom_len);
    if (rc == ZN_OK)
      rc = zn__utf8_sanitize_ex(s + valid_len, len - valid_len, out, &n_bad,
                                &bad_len);
  } else if (enc == ZN_ENC_UTF8)
    rc =
        zn__utf8_sanitize_ex(s + bom_len, len - bom_len, out, &n_bad, &bad_len);
  else
    rc = iconv_decode(s + bom_len, len - bom_len, enc, out, false, &n_bad,
                      &bad_len);
  if (rc == ZN_OK && bad_len > len / 8)
    rc = ZN_EBADENC;
  if (n_invalid != NULL)
    *n_invalid = n_bad;
  if (rc != ZN_OK) {
    out->len = saved_len;
    if (out->data != NULL)
      out->data[saved_len] = '\0';
  }
  return rc;
}

bool zn_text_looks_binary(const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  size_t n = len < ZN_MAX_DETECT_LEN ? len : ZN_MAX_DETECT_LEN;
  size_t n_ctrl = 0;
  size_t bom_len;
  bool has_nul = false;
  size_t i;

  if (s == NULL || len == 0)
    return false;
  for (i = 0; i < n; i++) {
    unsigned c;
    /* Eight bytes at a time past words with no byte below 0x20 and no
     * DEL (the bit tricks never miss one). */
    while (i % 8 == 0 && i + 8 <= n) {
      const uint64_t ones = UINT64_C(0x0101010101010101);
      uint64_t x;
      uint64_t d;
      memcpy(&x, u + i, 8);
      d = x ^ (ones * 0x7F);
      if (((((x - ones * 0x20) & ~x) | ((d - ones) & ~d)) & (ones * 0x80)) != 0)
        break;
      i += 8;
    }
    if (i >= n)
      break;
    c = u[i];
    if (c >= 0x20 && c != 0x7F)
      continue;
    if (c == 0)
      has_nul = true;
    else if (c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' &&
             c != 0x1B)
      n_ctrl++;
  }
  if (has_nul) {
    zn_encoding bom = bom_encoding(u, len, &bom_len);

    if (bom == ZN_ENC_UTF16LE || bom == ZN_ENC_UTF16BE)
      return false;
    return utf16_by_nuls(u, len) == ZN_ENC_UNKNOWN;
  }
  return n_ctrl * 20 > n;
}
