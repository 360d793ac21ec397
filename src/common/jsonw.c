/* SPDX-License-Identifier: MIT */
/*
 * jsonw.c - the compact JSON writer of src/private/jsonw.h.  Strings are
 * copied a run of plain bytes at a time and checked to be UTF-8 as they
 * go (one pass, no allocation); escapes and number forms are the ones
 * jansson writes.
 */
#include "private/jsonw.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "private/utf8-inl.h"

void zn__jw_init(zn__jw *w, zn_buf *out) {
  memset(w, 0, sizeof *w);
  w->out = out;
}

static void fail(zn__jw *w, int rc) {
  if (w->rc == ZN_OK)
    w->rc = rc;
}

/* Appends in line while the buffer has room for the bytes and the NUL
 * (its capacity never exceeds its maximum, so zn_buf_append() would take
 * them as they are); else through zn_buf_append(), which grows it.  The
 * writer puts a few bytes at a time, and a call each was most of its
 * time. */
static void put(zn__jw *w, const void *p, size_t n) {
  zn_buf *b = w->out;
  if (w->rc != ZN_OK)
    return;
  if (b->cap - b->len > n) {
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return;
  }
  w->rc = zn_buf_append(b, p, n);
}

static void put_byte(zn__jw *w, char c) {
  zn_buf *b = w->out;
  if (w->rc != ZN_OK)
    return;
  if (b->cap - b->len > 1) {
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
    return;
  }
  w->rc = zn_buf_append_byte(b, (unsigned char)c);
}

/* Before a value or a key: the comma that separates it from the previous
 * member of the open container, if any. */
static void member(zn__jw *w) {
  uint64_t bit;

  if (w->after_key) { /* the value of a key: no comma */
    w->after_key = false;
    return;
  }
  if (w->depth == 0)
    return;
  bit = UINT64_C(1) << (w->depth - 1);
  if (w->more & bit)
    put_byte(w, ',');
  w->more |= bit;
}

static void open_container(zn__jw *w, bool array) {
  uint64_t bit;

  member(w);
  if (w->depth >= 64) {
    fail(w, ZN_EINVAL);
    return;
  }
  bit = UINT64_C(1) << w->depth;
  put_byte(w, array ? '[' : '{');
  w->more &= ~bit;
  if (array)
    w->array |= bit;
  else
    w->array &= ~bit;
  w->depth++;
}

void zn__jw_object(zn__jw *w) {
  open_container(w, false);
}
void zn__jw_array(zn__jw *w) {
  open_container(w, true);
}

void zn__jw_end(zn__jw *w) {
  if (w->depth == 0 || w->after_key) {
    fail(w, ZN_EINVAL);
    return;
  }
  w->depth--;
  put_byte(w, (w->array >> w->depth) & 1 ? ']' : '}');
}

void zn__jw_key(zn__jw *w, const char *key) {
  member(w);
  put_byte(w, '"');
  put(w, key, strlen(key));
  put(w, "\":", 2);
  w->after_key = true;
}

/* Bytes that end a plain run inside a string: '"', '\\', controls and
 * non-ASCII (checked as UTF-8). */
static bool plain(unsigned char c) {
  return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

void zn__jw_strn(zn__jw *w, const char *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;

  member(w);
  put_byte(w, '"');
  while (i < len && w->rc == ZN_OK) {
    size_t run = i;
    unsigned char c;
    /* A run of ASCII and well-formed multi-byte characters is copied as
     * is; only '"', '\\' and controls need an escape. */
    while (run < len) {
      c = p[run];
      if (plain(c)) {
        run++;
      } else if (c >= 0x80) {
        int32_t cp;
        int n = zn__utf8_decode_inl(p + run, len - run, &cp);
        if (cp < 0) {
          fail(w, ZN_EINVAL);
          return;
        }
        run += (size_t)n;
      } else {
        break;
      }
    }
    put(w, p + i, run - i);
    if (run >= len)
      break;
    c = p[run];
    switch (c) {
    case '"':
      put(w, "\\\"", 2);
      break;
    case '\\':
      put(w, "\\\\", 2);
      break;
    case '\b':
      put(w, "\\b", 2);
      break;
    case '\f':
      put(w, "\\f", 2);
      break;
    case '\n':
      put(w, "\\n", 2);
      break;
    case '\r':
      put(w, "\\r", 2);
      break;
    case '\t':
      put(w, "\\t", 2);
      break;
    default: {
      char esc[8];
      snprintf(esc, sizeof esc, "\\u%04X", (unsigned)c);
      put(w, esc, 6);
    }
    }
    i = run + 1;
  }
  put_byte(w, '"');
}

void zn__jw_str(zn__jw *w, const char *s) {
  if (s == NULL)
    zn__jw_null(w);
  else
    zn__jw_strn(w, s, strlen(s));
}

void zn__jw_null(zn__jw *w) {
  member(w);
  put(w, "null", 4);
}

void zn__jw_int(zn__jw *w, int64_t v) {
  char tmp[24];
  size_t n = sizeof tmp;
  /* Digits from the end; the magnitude as unsigned so INT64_MIN works. */
  uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

  member(w);
  do {
    tmp[--n] = (char)('0' + u % 10);
    u /= 10;
  } while (u != 0);
  if (v < 0)
    tmp[--n] = '-';
  put(w, tmp + n, sizeof tmp - n);
}

/* jansson's form of a real (JSON_REAL_PRECISION(15)): %.15g, a ".0" when
 * that reads as an integer, the exponent without '+' or leading zeros. */
void zn__jw_real(zn__jw *w, double v) {
  char tmp[40], out[40];
  size_t n = 0;
  int len;

  member(w);
  if (v != v || v - v != 0) { /* NaN or infinity: not JSON */
    fail(w, ZN_EINVAL);
    return;
  }
  len = snprintf(tmp, sizeof tmp, "%.15g", v);
  if (len < 0 || (size_t)len >= sizeof tmp) {
    fail(w, ZN_EINVAL);
    return;
  }
  for (int i = 0; i < len; i++) {
    char c = tmp[i];
    if (c == ',') /* a locale's decimal comma */
      c = '.';
    out[n++] = c;
    if (c == 'e') {
      i++;
      if (tmp[i] == '-')
        out[n++] = tmp[i++];
      else if (tmp[i] == '+')
        i++;
      while (tmp[i] == '0' && i + 1 < len)
        i++;
      while (i < len)
        out[n++] = tmp[i++];
      break;
    }
  }
  if (memchr(out, '.', n) == NULL && memchr(out, 'e', n) == NULL) {
    out[n++] = '.';
    out[n++] = '0';
  }
  put(w, out, n);
}
