/* SPDX-License-Identifier: MIT */
/*
 * buf.c - zn_buf, the growable byte buffer.  Growth doubles, is overflow
 * checked and stops at the buffer's own maximum (curl's dynbuf "toobig").
 */
#include "zhnews/common.h"

#include <string.h>

void zn_buf_init(zn_buf *b, size_t max) {
  b->data = NULL;
  b->len = 0;
  b->cap = 0;
  b->max = (max == 0 || max > ZN_MAX_ALLOC) ? ZN_MAX_ALLOC : max;
}

void zn_buf_free(zn_buf *b) {
  if (b == NULL)
    return;
  zn_free(b->data);
  b->data = NULL;
  b->len = 0;
  b->cap = 0;
}

void zn_buf_reset(zn_buf *b) {
  b->len = 0;
  if (b->data != NULL)
    b->data[0] = '\0';
}

int zn_buf_grow(zn_buf *b, size_t n) {
  size_t need;
  size_t cap;
  char *p;

  if (b->max == 0)
    b->max = ZN_MAX_ALLOC;
  if (n > b->max || b->len > b->max - n)
    return ZN_ETOOBIG;
  need = b->len + n + 1; /* room for the NUL */
  if (need <= b->cap)
    return ZN_OK;
  cap = b->cap < 64 ? 64 : b->cap;
  while (cap < need)
    cap = cap > ZN_MAX_ALLOC / 2 ? need : cap * 2;
  if (cap > b->max + 1)
    cap = b->max + 1;
  p = zn_realloc(b->data, cap);
  if (p == NULL)
    return ZN_ENOMEM;
  b->data = p;
  b->cap = cap;
  return ZN_OK;
}

int zn_buf_append(zn_buf *b, const void *p, size_t n) {
  /* Room already (the usual case): no growth check.  cap - len > n
   * keeps len + n within max, which capped cap. */
  if (b->cap - b->len <= n) {
    int rc = zn_buf_grow(b, n);
    if (rc != ZN_OK)
      return rc;
  }
  if (n > 0)
    memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
  return ZN_OK;
}

int zn_buf_append_str(zn_buf *b, const char *z) {
  return zn_buf_append(b, z, strlen(z));
}

int zn_buf_append_byte(zn_buf *b, unsigned char c) {
  if (b->cap - b->len <= 1) {
    int rc = zn_buf_grow(b, 1);
    if (rc != ZN_OK)
      return rc;
  }
  b->data[b->len++] = (char)c;
  b->data[b->len] = '\0';
  return ZN_OK;
}

char *zn_buf_reserve(zn_buf *b, size_t n) {
  if (b->cap - b->len < n + 1 && zn_buf_grow(b, n) != ZN_OK)
    return NULL;
  return b->data + b->len;
}

void zn_buf_commit(zn_buf *b, size_t n) {
  b->len += n;
  b->data[b->len] = '\0';
}

char *zn_buf_detach(zn_buf *b, size_t *len_out) {
  char *p = b->data;
  if (p == NULL) {
    p = zn_malloc(1);
    if (p == NULL)
      return NULL;
    p[0] = '\0';
  }
  if (len_out != NULL)
    *len_out = b->len;
  b->data = NULL;
  b->len = 0;
  b->cap = 0;
  return p;
}
