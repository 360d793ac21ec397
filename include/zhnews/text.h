/* SPDX-License-Identifier: MIT */
/*
 * text.h - the text layer: UTF-8 validation and iteration, character
 * classes, normalization, Chinese sentence splitting, and charset detection
 * and conversion to UTF-8 (through iconv).
 *
 * Every function here is pure or works on caller-owned buffers: no global
 * mutable state, safe from any number of threads.  Offsets and lengths are in
 * bytes of UTF-8 unless a name says _nchar.
 */
#ifndef ZN_TEXT_H
#define ZN_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zhnews/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- UTF-8 */

/* The replacement character U+FFFD, as code point and as UTF-8. */
#define ZN_REPLACEMENT_CP 0xFFFDu
#define ZN_REPLACEMENT_UTF8 "\xEF\xBF\xBD"

/*
 * Decodes one code point from s[0..len).  Returns the number of bytes it
 * takes (1..4) and stores the code point in *cp; for an invalid, overlong,
 * surrogate or truncated sequence it returns the length of the maximal
 * invalid subpart (at least 1, per Unicode 15 §3.9 "U+FFFD substitution of
 * maximal subparts") and stores -1.  len == 0 returns 0.
 */
ZN_EXTERN int zn_utf8_decode(const char *s, size_t len, int32_t *cp);

/* Writes cp as UTF-8 into out (at least 4 bytes).  Returns 1..4, or 0 if cp
 * is not a Unicode scalar value. */
ZN_EXTERN int zn_utf8_encode(uint32_t cp, char *out);

/* True if s[0..len) is entirely valid UTF-8.  When false and bad_off is not
 * NULL, *bad_off is the byte offset of the first invalid sequence. */
ZN_EXTERN bool zn_utf8_valid(const char *s, size_t len, size_t *bad_off);

/* Number of code points in s[0..len); each invalid subpart counts as one. */
ZN_EXTERN size_t zn_utf8_nchar(const char *s, size_t len);

/*
 * Copies s to out, replacing every invalid subpart with U+FFFD.
 * *n_invalid (if not NULL) receives the number of replacements.
 * Returns 0, or ZN_ENOMEM / ZN_ETOOBIG from the buffer.
 */
ZN_EXTERN int zn_utf8_sanitize(const char *s, size_t len, zn_buf *out,
                               size_t *n_invalid);

/* ------------------------------------------------------ character classes */

typedef enum zn_cclass {
  ZN_CC_OTHER = 0, /* anything not below (symbols, other scripts) */
  ZN_CC_HAN,       /* CJK unified ideographs, extensions A-H, compat,
                      〇 and the other ideographs of U+3005-303A */
  ZN_CC_LATIN,     /* ASCII and full-width letters, Latin-1/Ext letters */
  ZN_CC_DIGIT,     /* 0-9 and full-width ０-９ */
  ZN_CC_SPACE,     /* ASCII/Unicode white space incl. NBSP and U+3000 */
  ZN_CC_PUNCT,     /* ASCII punctuation, CJK and full-width punctuation */
  ZN_CC_KANA,      /* hiragana, katakana */
  ZN_CC_HANGUL,    /* Korean syllables and jamo */
  ZN_CC_CONTROL,   /* C0/C1 controls other than white space, and format
                      characters such as zero-width space and BOM */
} zn_cclass;

ZN_EXTERN zn_cclass zn_char_class(int32_t cp);
ZN_EXTERN bool zn_char_is_han(int32_t cp);
/* CJK symbols and punctuation (U+3001-303F, except the ideographs 々〆〇
 * and 〡-〩 〸-〺, which are Han), full-width punctuation
 * (U+FF01-FF0F, FF1A-FF20, FF3B-FF40, FF5B-FF65), general punctuation
 * (U+2010-2027, 2030-205E) such as — … “ ” ‘ ’, and CJK compatibility,
 * vertical and small forms (U+FE10-FE1F, FE30-FE6F). */
ZN_EXTERN bool zn_char_is_cjk_punct(int32_t cp);
/* Full-width ASCII variants U+FF01-FF5E. */
ZN_EXTERN bool zn_char_is_fullwidth(int32_t cp);
/* Sentence-final marks: 。！？；… . ! ? ; the ideographic full stop
 * variants (U+FF61, U+FE52), the small forms ﹔﹖﹗, ‼ ⁇ ⁈ ⁉, and the
 * full-width full stop ． (which zn_text_sentences() treats like '.'). */
ZN_EXTERN bool zn_char_is_sentence_end(int32_t cp);
/* Closing quotes and brackets that stay with the sentence before them:
 * ” ’ 」 』 ） 】 》 〉 ) ] } " ' and their full-width forms, 〕〗〙〛〞〟,
 * the small forms ﹚﹜﹞, and » ›. */
ZN_EXTERN bool zn_char_is_closing(int32_t cp);
/* The value 0-9 of an ASCII or full-width digit, else -1. */
ZN_EXTERN int zn_char_digit_value(int32_t cp);

/* ---------------------------------------------------------- normalization */

/* Option bits for zn_text_normalize().  Unknown bits give ZN_EINVAL. */
enum {
  /* Full-width letters, digits and ASCII symbols (U+FF01-FF5E) become their
   * half-width forms, EXCEPT prose punctuation, which keeps its full-width
   * form: ，。！？；：（）、“”‘’《》【】 and the full-width ! ( ) , : ; ?
   * (U+FF01 FF08 FF09 FF0C FF1A FF1B FF1F).  Half-width katakana are left. */
  ZN_NORM_WIDTH = 1u << 0,
  /* NBSP, U+3000 and the other Unicode spaces (U+2000-200A, 202F, 205F)
   * become an ASCII space; tab stays a tab. */
  ZN_NORM_SPACE = 1u << 1,
  /* Zero-width characters (U+200B-200D, U+2060, U+FEFF, U+00AD), the other
   * invisible format characters (bidi marks U+200E-200F, 202A-202E,
   * 2061-206F; U+180E, FFF9-FFFB) and control characters other than \t
   * and \n are removed. */
  ZN_NORM_CONTROL = 1u << 2,
  /* CRLF and lone CR become LF; U+2028/U+2029 become LF. */
  ZN_NORM_NEWLINE = 1u << 3,
  /* Invalid UTF-8 becomes U+FFFD (always done; the bit is accepted so
   * callers can state it). */
  ZN_NORM_SANITIZE = 1u << 4,
  ZN_NORM_ALL = 0x1Fu,
};

/*
 * Appends the normalized form of s[0..len) to out.  Input need not be valid
 * UTF-8: invalid subparts become U+FFFD and are counted in *n_invalid (may be
 * NULL).  Returns 0, ZN_EINVAL (unknown flag bits), ZN_ENOMEM or ZN_ETOOBIG.
 * Output is valid UTF-8.  On error out is left as it was.
 */
ZN_EXTERN int zn_text_normalize(const char *s, size_t len, unsigned flags,
                                zn_buf *out, size_t *n_invalid);

/* ---------------------------------------------------- sentence splitting */

/*
 * Called once per sentence with its byte range [off, off+len) in the input.
 * Return nonzero to stop early (not an error).
 */
typedef int (*zn_span_cb)(void *ctx, size_t off, size_t len);

/*
 * Splits s[0..len) into sentences.  A sentence ends after a run of
 * sentence-final marks (。！？；… and . ! ? ; ． when followed by white
 * space, the end, or a character that is not a Latin letter, digit or ASCII
 * punctuation, and a lone '.' not right after a single capital letter, so
 * 3.14, e.g., and U.S. stay whole), together with any closing quotes and
 * brackets that follow (“好。” stays one sentence), or at a newline (LF, CR,
 * U+2028, U+2029).  Leading and trailing white space and invisible format
 * characters are not part of a sentence; empty sentences are not reported.
 * Sentence-final marks inside an open quote or bracket (“……。”) don't split
 * unless the quote stays open past 200 characters.  Returns 0 (also when
 * cb stopped early) or ZN_EINVAL.
 */
ZN_EXTERN int zn_text_sentences(const char *s, size_t len, zn_span_cb cb,
                                void *ctx);

/* ------------------------------------------------------------- charsets */

typedef enum zn_encoding {
  ZN_ENC_UNKNOWN = 0,
  ZN_ENC_UTF8,
  ZN_ENC_UTF16LE,
  ZN_ENC_UTF16BE,
  ZN_ENC_GB18030, /* also what gb2312 / gbk / x-gbk labels decode as */
  ZN_ENC_BIG5,    /* decoded as BIG5-HKSCS, a superset */
} zn_encoding;

/* How zn_charset_detect() decided. */
typedef enum zn_enc_reason {
  ZN_ENC_BY_VALID_UTF8 = 1, /* the bytes are valid UTF-8 (or pure ASCII) */
  ZN_ENC_BY_BOM,            /* a UTF-8, UTF-16 or GB18030 byte order mark */
  ZN_ENC_BY_DECLARED,       /* the declared label, and the bytes agree */
  ZN_ENC_BY_BYTES,          /* byte statistics (e.g. Big5 vs GB18030) */
  ZN_ENC_BY_FALLBACK,       /* nothing else fit: GB18030 */
} zn_enc_reason;

/* "UTF-8", "UTF-16LE", "UTF-16BE", "GB18030", "Big5", or "unknown". */
ZN_EXTERN const char *zn_encoding_name(zn_encoding enc);

/* Maps a charset label (case-insensitive, as in HTTP or <meta>: "utf-8",
 * "utf8", "gb2312", "GBK", "x-gbk", "gb18030", "big5", "big5-hkscs",
 * "utf-16le", ...) to an encoding; unknown labels give ZN_ENC_UNKNOWN. */
ZN_EXTERN zn_encoding zn_encoding_from_label(const char *label, size_t len);

/*
 * Looks for a declared charset in the first 4096 bytes: <meta charset=...>,
 * <meta http-equiv content="...; charset=...">, <?xml encoding="..."?>, or a
 * "charset=" anywhere there.  Returns ZN_ENC_UNKNOWN when none is found.
 */
ZN_EXTERN zn_encoding zn_charset_sniff_declared(const char *s, size_t len);

/*
 * Decides how s[0..len) is encoded, in this order: valid UTF-8 (pure ASCII
 * counts, and so does a sequence cut off by the end) wins, unless NULs in
 * a UTF-16 pattern show it is UTF-16; then a BOM; then `declared`
 * (ZN_ENC_UNKNOWN if none) when the bytes decode cleanly under it (a UTF-16
 * label also needs the NUL pattern); then UTF-16 when the NUL pattern of
 * the bytes says so; then UTF-8 when the bytes are mostly valid UTF-8 (at
 * least 4 valid multi-byte sequences per error); then Big5 when the bytes
 * decode as Big5 and their lead/trail byte statistics are Big5's, not
 * GBK's; else GB18030.  Only the first 64 KiB are used for the statistics
 * and trial decodes.  *reason (may be NULL) tells which rule decided.
 * Never returns ZN_ENC_UNKNOWN for len > 0.
 */
ZN_EXTERN zn_encoding zn_charset_detect(const char *s, size_t len,
                                        zn_encoding declared,
                                        zn_enc_reason *reason);

/*
 * Converts s[0..len) from enc to UTF-8, appending to out.  A BOM is dropped.
 * Bytes that don't decode become U+FFFD, each counted in *n_invalid (may be
 * NULL): one per maximal invalid subpart for UTF-8, otherwise one per byte
 * (per 2 bytes in UTF-16) the decoder rejects, plus one for a sequence cut
 * off by the end.  Returns 0; ZN_EBADENC when more than 1/8 of the input
 * fails to decode (so a wrong guess never yields mojibake silently);
 * ZN_EINVAL for ZN_ENC_UNKNOWN; ZN_ENOMEM / ZN_ETOOBIG from the buffer;
 * ZN_EINTERNAL if iconv lacks the encoding.  On error out is left as it
 * was.
 */
ZN_EXTERN int zn_charset_to_utf8(const char *s, size_t len, zn_encoding enc,
                                 zn_buf *out, size_t *n_invalid);

/*
 * True when s[0..len) looks like binary data rather than text in any
 * supported encoding: NUL bytes (outside a UTF-16 pattern) or more than 1 in
 * 20 bytes being control characters other than \t \n \r \f \v ESC.
 * Looks at the first 64 KiB only.
 */
ZN_EXTERN bool zn_text_looks_binary(const char *s, size_t len);

#ifdef __cplusplus
}
#endif
#endif /* ZN_TEXT_H */
