/* SPDX-License-Identifier: MIT */
/*
 * sentence.c - zn_text_sentences(): splits Chinese (and mixed Chinese and
 * Latin) news text into sentences.  This is a rule-based splitter in the
 * spirit of UAX #29 sentence boundaries, tuned for Chinese typography rather
 * than implementing UAX #29: a run of sentence-final marks plus the closing
 * quotes and brackets after it ends a sentence unless a quote is still open;
 * ASCII marks end a sentence only before white space, the end or non-Latin
 * text, so numbers (3.14) and initials (U.S.) survive; a newline always
 * ends a sentence.  One pass, no allocation.
 */
#include "zhnews/text.h"

#include <stddef.h>
#include <stdint.h>

#include "text/text-int.h"

/* A quote or bracket open for longer than this many code points no longer
 * suppresses splitting: it was probably never closed. */
#define ZN_MAX_QUOTE_NCHAR 200

/* The splitter's state, one per call. */
struct splitter {
  const unsigned char *u;
  size_t len;
  zn_span_cb cb;
  void *ctx;
  bool have;      /* a sentence has started */
  bool stopped;   /* the callback asked to stop */
  size_t start;   /* byte offset of the sentence's first character */
  size_t end;     /* byte offset just past its last non-space character */
  int depth;      /* open quotes and brackets, except ASCII '"' */
  bool in_dq;     /* inside an ASCII or full-width double quote */
  size_t open_at; /* code point index where the outermost quote opened */
  size_t nchar;   /* code points consumed so far */
};

static bool is_opening(int32_t cp) {
  switch (cp) {
  case '(':
  case '[':
  case '{':
  case 0x00AB: /* « */
  case 0x2018: /* ‘ */
  case 0x201C: /* “ */
  case 0x2039: /* ‹ */
  case 0x3008: /* 〈 */
  case 0x300A: /* 《 */
  case 0x300C: /* 「 */
  case 0x300E: /* 『 */
  case 0x3010: /* 【 */
  case 0x3014: /* 〔 */
  case 0x3016: /* 〖 */
  case 0x3018: /* 〘 */
  case 0x301A: /* 〚 */
  case 0x301D: /* 〝 */
  case 0xFE59: /* ﹙ */
  case 0xFE5B: /* ﹛ */
  case 0xFE5D: /* ﹝ */
  case 0xFF08: /* （ */
  case 0xFF3B: /* ［ */
  case 0xFF5B: /* ｛ */
  case 0xFF62: /* ｢ */
    return true;
  default:
    return false;
  }
}

static bool is_newline(int32_t cp) {
  return cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029;
}

static bool quote_open(const struct splitter *sp) {
  return sp->depth > 0 || sp->in_dq;
}

/* Decodes the code point at byte i, with an ASCII fast path. */
static int decode_at(const struct splitter *sp, size_t i, int32_t *cp) {
  if (sp->u[i] < 0x80) {
    *cp = sp->u[i];
    return 1;
  }
  return zn__utf8_decode_inl(sp->u + i, sp->len - i, cp);
}

/* Tracks quote depth for an opener, closer or double quote.  after_mark
 * says cp directly follows a sentence-final mark, where a '"' that opened
 * nothing is still taken as closing (the opening one was lost). */
static void track_quote(struct splitter *sp, int32_t cp, bool after_mark) {
  bool was_open = quote_open(sp);

  if (cp == '"' || cp == 0xFF02) {
    if (sp->in_dq || after_mark)
      sp->in_dq = false;
    else
      sp->in_dq = true;
  } else if (is_opening(cp)) {
    sp->depth++;
  } else if (zn_char_is_closing(cp) && cp != '\'' && sp->depth > 0) {
    sp->depth--; /* ASCII ' is left alone: it is mostly an apostrophe */
  }
  if (!was_open && quote_open(sp))
    sp->open_at = sp->nchar;
}

/* Reports the current sentence, if any, and starts a new one. */
static void emit(struct splitter *sp) {
  if (sp->have && sp->end > sp->start && !sp->stopped) {
    if (sp->cb(sp->ctx, sp->start, sp->end - sp->start) != 0)
      sp->stopped = true;
  }
  sp->have = false;
}

/* Whether ASCII sentence marks ending at byte j end a sentence: only
 * before the end, white space, or a character that is not Latin, a digit
 * or ASCII punctuation. */
static bool ascii_mark_ends(const struct splitter *sp, size_t j) {
  int32_t cp;
  zn_cclass cc;

  if (j >= sp->len)
    return true;
  decode_at(sp, j, &cp);
  cc = zn_char_class(cp);
  if (cc == ZN_CC_LATIN || cc == ZN_CC_DIGIT)
    return false;
  if (cc == ZN_CC_PUNCT && cp < 0x80)
    return false;
  return true;
}

int zn_text_sentences(const char *s, size_t len, zn_span_cb cb, void *ctx) {
  struct splitter sp = {0};
  size_t i = 0;
  size_t letters = 0;      /* ASCII letters right before i */
  bool last_upper = false; /* the last of them is upper case */

  if (cb == NULL || (s == NULL && len > 0))
    return ZN_EINVAL;
  sp.u = (const unsigned char *)s;
  sp.len = len;
  sp.cb = cb;
  sp.ctx = ctx;

  /* At the top of each iteration, i is the start of a character that is
   * not part of an already reported sentence. */
  while (i < len && !sp.stopped) {
    int32_t cp;
    int n = decode_at(&sp, i, &cp);
    zn_cclass cc;

    if (is_newline(cp)) {
      emit(&sp);
      sp.depth = 0;
      sp.in_dq = false;
      letters = 0;
      i += (size_t)n;
      sp.nchar++;
      continue;
    }
    cc = zn_char_class(cp);
    if (cc == ZN_CC_SPACE || cc == ZN_CC_CONTROL) {
      letters = 0;
      i += (size_t)n;
      sp.nchar++;
      continue;
    }
    if (!sp.have) {
      sp.have = true;
      sp.start = i;
    }
    if (zn_char_is_sentence_end(cp)) {
      size_t j = i;
      size_t n_marks = 0;
      bool wide = false; /* a CJK mark, which always ends */
      bool only_dot = true;
      bool ends;

      /* Consume the run of marks and the closers mixed into it. */
      while (j < len) {
        int32_t c2;
        int m = decode_at(&sp, j, &c2);

        if (zn_char_is_sentence_end(c2)) {
          n_marks++;
          if (c2 >= 0x80 && c2 != 0xFF0E)
            wide = true;
          if (c2 != '.')
            only_dot = false;
        } else if (zn_char_is_closing(c2)) {
          track_quote(&sp, c2, true);
        } else {
          break;
        }
        j += (size_t)m;
        sp.nchar++;
      }
      sp.end = j;
      ends = wide || ascii_mark_ends(&sp, j);
      /* A lone '.' after a single capital is an initial: "U.S. officials". */
      if (!wide && n_marks == 1 && only_dot && letters == 1 && last_upper)
        ends = false;
      if (ends &&
          (!quote_open(&sp) || sp.nchar - sp.open_at > ZN_MAX_QUOTE_NCHAR)) {
        emit(&sp);
        sp.depth = 0;
        sp.in_dq = false;
      }
      letters = 0;
      i = j;
      continue;
    }
    track_quote(&sp, cp, false);
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z')) {
      letters++;
      last_upper = cp <= 'Z';
    } else {
      letters = 0;
    }
    i += (size_t)n;
    sp.end = i;
    sp.nchar++;
  }
  emit(&sp);
  return ZN_OK;
}
