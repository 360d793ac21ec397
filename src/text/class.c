/* SPDX-License-Identifier: MIT */
/*
 * class.c - character classes for Chinese news text.  The classes are a
 * coarse, segmentation-oriented grouping of Unicode general categories
 * (Unicode 15 UCD: Blocks.txt, PropList.txt White_Space, Unified_Ideograph),
 * not a full property lookup.  zn_char_class() runs once per character under
 * the segmenter, so it tests ranges in order of how common they are in
 * Chinese news: ASCII by table, then the CJK Unified Ideographs block, then
 * everything else by block.
 */
#include "zhnews/text.h"

#include <stdint.h>

/* One class per ASCII code point, as ZN_CC_* values. */
#define C_ ZN_CC_CONTROL
#define S_ ZN_CC_SPACE
#define P_ ZN_CC_PUNCT
#define D_ ZN_CC_DIGIT
#define L_ ZN_CC_LATIN
/* clang-format off */
static const unsigned char ascii_class[128] = {
    /* 0x00..0x0F: controls; \t \n \v \f \r are white space */
    C_, C_, C_, C_, C_, C_, C_, C_, C_, S_, S_, S_, S_, S_, C_, C_,
    /* 0x10..0x1F */
    C_, C_, C_, C_, C_, C_, C_, C_, C_, C_, C_, C_, C_, C_, C_, C_,
    /* 0x20..0x2F: space ! " # $ % & ' ( ) * + , - . / */
    S_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_, P_,
    /* 0x30..0x3F: 0-9 : ; < = > ? */
    D_, D_, D_, D_, D_, D_, D_, D_, D_, D_, P_, P_, P_, P_, P_, P_,
    /* 0x40..0x4F: @ A-O */
    P_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_,
    /* 0x50..0x5F: P-Z [ \ ] ^ _ */
    L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, P_, P_, P_, P_, P_,
    /* 0x60..0x6F: ` a-o */
    P_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_,
    /* 0x70..0x7F: p-z { | } ~ DEL */
    L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, P_, P_, P_, P_, C_,
};
/* clang-format on */
#undef C_
#undef S_
#undef P_
#undef D_
#undef L_

/* U+3000..303F holds both punctuation and a few ideographs (々〆〇, the
 * Hangzhou numerals 〡..〩 and 〸〹〺), which segment like Han. */
static bool is_ideographic_symbol(int32_t cp) {
  return (cp >= 0x3005 && cp <= 0x3007) || (cp >= 0x3021 && cp <= 0x3029) ||
         (cp >= 0x3038 && cp <= 0x303A);
}

/* Han outside the main block: extension A, compatibility ideographs and
 * the supplementary planes (extensions B..I, compatibility supplement). */
static bool is_rare_han(int32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x20000 && cp <= 0x323AF);
}

/* Classes for U+0080..U+2FFF, the alphabets and general punctuation. */
static zn_cclass class_low(int32_t cp) {
  if (cp < 0x100) {
    if (cp <= 0x9F)
      return cp == 0x85 ? ZN_CC_SPACE : ZN_CC_CONTROL;
    if (cp == 0xA0)
      return ZN_CC_SPACE;
    if (cp == 0xAD)
      return ZN_CC_CONTROL; /* soft hyphen, a format character */
    if (cp == 0xAA || cp == 0xB5 || cp == 0xBA)
      return ZN_CC_LATIN;
    if (cp < 0xC0) {
      /* ¡ § « ¶ · » ¿ are punctuation; ° ± © and the like are symbols. */
      if (cp == 0xA1 || cp == 0xA7 || cp == 0xAB || cp == 0xB6 || cp == 0xB7 ||
          cp == 0xBB || cp == 0xBF)
        return ZN_CC_PUNCT;
      return ZN_CC_OTHER;
    }
    return (cp == 0xD7 || cp == 0xF7) ? ZN_CC_OTHER : ZN_CC_LATIN;
  }
  if (cp <= 0x24F || (cp >= 0x1E00 && cp <= 0x1EFF))
    return ZN_CC_LATIN; /* Latin Extended-A/B, Latin Extended Additional */
  if (cp >= 0x1100 && cp <= 0x11FF)
    return ZN_CC_HANGUL;
  if (cp == 0x1680 || cp == 0x180E)
    return cp == 0x1680 ? ZN_CC_SPACE : ZN_CC_CONTROL;
  if (cp >= 0x2000 && cp <= 0x206F) {
    if (cp <= 0x200A || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
        cp == 0x205F)
      return ZN_CC_SPACE;
    if (cp <= 0x200F || (cp >= 0x202A && cp <= 0x202E) || cp >= 0x2060)
      return ZN_CC_CONTROL;
    return ZN_CC_PUNCT;
  }
  return ZN_CC_OTHER;
}

/* Classes for U+A000..U+FFFF: Hangul, compatibility and half/full-width
 * forms. */
static zn_cclass class_high(int32_t cp) {
  if (cp >= 0xAC00 && cp <= 0xD7FF)
    return ZN_CC_HANGUL; /* syllables and jamo extended-B */
  if (cp >= 0xA960 && cp <= 0xA97F)
    return ZN_CC_HANGUL;
  if (cp >= 0xFF00) {
    if (cp >= 0xFF10 && cp <= 0xFF19)
      return ZN_CC_DIGIT;
    if ((cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A))
      return ZN_CC_LATIN;
    if (cp >= 0xFF01 && cp <= 0xFF65)
      return ZN_CC_PUNCT;
    if (cp >= 0xFF66 && cp <= 0xFF9F)
      return ZN_CC_KANA;
    if (cp >= 0xFFA0 && cp <= 0xFFDC)
      return ZN_CC_HANGUL;
    if (cp >= 0xFFF9 && cp <= 0xFFFB)
      return ZN_CC_CONTROL; /* interlinear annotation */
    return ZN_CC_OTHER;
  }
  if (cp == 0xFEFF)
    return ZN_CC_CONTROL; /* BOM / zero-width no-break space */
  if ((cp >= 0xFE10 && cp <= 0xFE1F) || (cp >= 0xFE30 && cp <= 0xFE6F))
    return ZN_CC_PUNCT; /* vertical, compatibility and small forms */
  return ZN_CC_OTHER;
}

zn_cclass zn_char_class(int32_t cp) {
  if (cp < 0x80)
    return cp < 0 ? ZN_CC_OTHER : (zn_cclass)ascii_class[cp];
  if (cp >= 0x4E00 && cp <= 0x9FFF)
    return ZN_CC_HAN;
  if (cp >= 0x3000 && cp <= 0x33FF) {
    if (cp <= 0x303F) {
      if (cp == 0x3000)
        return ZN_CC_SPACE;
      return is_ideographic_symbol(cp) ? ZN_CC_HAN : ZN_CC_PUNCT;
    }
    if (cp <= 0x30FF)
      return cp == 0x30FB ? ZN_CC_PUNCT : ZN_CC_KANA; /* ・ is punct */
    if (cp >= 0x3130 && cp <= 0x318F)
      return ZN_CC_HANGUL;
    if (cp >= 0x31F0 && cp <= 0x31FF)
      return ZN_CC_KANA;
    return ZN_CC_OTHER;
  }
  if (is_rare_han(cp))
    return ZN_CC_HAN;
  if (cp < 0x3000)
    return class_low(cp);
  if (cp >= 0xA000 && cp <= 0xFFFF)
    return class_high(cp);
  return ZN_CC_OTHER;
}

bool zn_char_is_han(int32_t cp) {
  if (cp >= 0x4E00 && cp <= 0x9FFF)
    return true;
  return is_rare_han(cp) || is_ideographic_symbol(cp);
}

bool zn_char_is_cjk_punct(int32_t cp) {
  if (cp >= 0x3001 && cp <= 0x303F)
    return !is_ideographic_symbol(cp);
  if (cp >= 0xFF01 && cp <= 0xFF65)
    return (cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
           (cp >= 0xFF3B && cp <= 0xFF40) || cp >= 0xFF5B;
  if ((cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205E))
    return true;
  return (cp >= 0xFE10 && cp <= 0xFE1F) || (cp >= 0xFE30 && cp <= 0xFE6F);
}

bool zn_char_is_fullwidth(int32_t cp) {
  return cp >= 0xFF01 && cp <= 0xFF5E;
}

bool zn_char_is_sentence_end(int32_t cp) {
  switch (cp) {
  case '.':
  case '!':
  case '?':
  case ';':
  case 0x2026: /* … */
  case 0x203C: /* ‼ */
  case 0x2047: /* ⁇ */
  case 0x2048: /* ⁈ */
  case 0x2049: /* ⁉ */
  case 0x3002: /* 。 */
  case 0xFE52: /* ﹒ small full stop */
  case 0xFE54: /* ﹔ */
  case 0xFE56: /* ﹖ */
  case 0xFE57: /* ﹗ */
  case 0xFF01: /* ！ */
  case 0xFF0E: /* ． full-width full stop, treated like '.' */
  case 0xFF1B: /* ； */
  case 0xFF1F: /* ？ */
  case 0xFF61: /* ｡ half-width ideographic full stop */
    return true;
  default:
    return false;
  }
}

bool zn_char_is_closing(int32_t cp) {
  switch (cp) {
  case '"':
  case '\'':
  case ')':
  case ']':
  case '}':
  case 0x00BB: /* » */
  case 0x2019: /* ’ */
  case 0x201D: /* ” */
  case 0x203A: /* › */
  case 0x3009: /* 〉 */
  case 0x300B: /* 》 */
  case 0x300D: /* 」 */
  case 0x300F: /* 』 */
  case 0x3011: /* 】 */
  case 0x3015: /* 〕 */
  case 0x3017: /* 〗 */
  case 0x3019: /* 〙 */
  case 0x301B: /* 〛 */
  case 0x301E: /* 〞 */
  case 0x301F: /* 〟 */
  case 0xFE5A: /* ﹚ */
  case 0xFE5C: /* ﹜ */
  case 0xFE5E: /* ﹞ */
  case 0xFF02: /* ＂ */
  case 0xFF07: /* ＇ */
  case 0xFF09: /* ） */
  case 0xFF3D: /* ］ */
  case 0xFF5D: /* ｝ */
  case 0xFF63: /* ｣ */
    return true;
  default:
    return false;
  }
}

int zn_char_digit_value(int32_t cp) {
  if (cp >= '0' && cp <= '9')
    return (int)(cp - '0');
  if (cp >= 0xFF10 && cp <= 0xFF19)
    return (int)(cp - 0xFF10);
  return -1;
}
