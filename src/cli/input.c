/* SPDX-License-Identifier: MIT */
/*
 * input.c - reading one input (a file or stdin) whole, with a size cap that
 * is checked before reading when the size is known, so a huge file costs
 * nothing but a stat().
 */
#include "cli/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "zhnews/common.h"

#define ZN_READ_CHUNK 65536

static int errno_code(int e, const char **detail) {
  *detail = strerror(e);
  switch (e) {
  case ENOENT:
  case ENOTDIR:
    return ZN_ENOENT;
  case EISDIR:
    return ZN_EISDIR;
  case EACCES:
  case EPERM:
    return ZN_EACCES;
  case ENOMEM:
    return ZN_ENOMEM;
  default:
    return ZN_EIO;
  }
}

int zn_cli_read_input(const char *name, size_t max, struct zn_input *in,
                      const char **detail) {
  int fd;
  struct stat st;
  zn_buf b;
  int rc = ZN_OK;
  bool is_stdin = strcmp(name, "-") == 0;

  in->name = name;
  in->data = NULL;
  in->len = 0;
  *detail = NULL;
  if (is_stdin) {
    fd = STDIN_FILENO;
  } else {
    fd = open(name, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
      return errno_code(errno, detail);
  }
  if (fstat(fd, &st) != 0) {
    rc = errno_code(errno, detail);
    goto out;
  }
  if (S_ISDIR(st.st_mode)) {
    *detail = "is a directory";
    rc = ZN_EISDIR;
    goto out;
  }
  if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max) {
    static char msg[96];
    snprintf(msg, sizeof msg, "%lld bytes, over the %zu-byte input limit",
             (long long)st.st_size, max);
    *detail = msg;
    rc = ZN_ETOOBIG;
    goto out;
  }
  zn_buf_init(&b, max);
  if (S_ISREG(st.st_mode) && st.st_size > 0) {
    /* Room for the whole file and the read that finds its end at once:
     * no doubling and copying on the way (the loop still grows as it
     * must if the file grew). */
    size_t want = (size_t)st.st_size + ZN_READ_CHUNK;
    if (zn_buf_grow(&b, want < max ? want : max) != ZN_OK)
      zn_buf_free(&b); /* only a hint: the loop asks again */
  }
  for (;;) {
    ssize_t n;
    rc = zn_buf_grow(&b, ZN_READ_CHUNK);
    if (rc == ZN_ETOOBIG && b.len == max) {
      /* Full: one more byte tells whether there is more than max. */
      char probe;
      n = read(fd, &probe, 1);
      if (n == 0) {
        rc = ZN_OK;
        break;
      }
      *detail = "over the input size limit";
      break;
    }
    if (rc == ZN_ETOOBIG)
      rc = zn_buf_grow(&b, max - b.len);
    if (rc != ZN_OK) {
      *detail = zn_strerror(rc);
      break;
    }
    n = read(fd, b.data + b.len, b.cap - b.len - 1);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      rc = errno_code(errno, detail);
      break;
    }
    if (n == 0)
      break;
    b.len += (size_t)n;
    b.data[b.len] = '\0';
  }
  if (rc != ZN_OK) {
    zn_buf_free(&b);
    goto out;
  }
  in->data = zn_buf_detach(&b, &in->len);
  if (in->data == NULL) {
    *detail = zn_strerror(ZN_ENOMEM);
    rc = ZN_ENOMEM;
  }
out:
  if (!is_stdin)
    close(fd);
  return rc;
}

bool zn_cli_parse_size(const char *z, size_t *out) {
  size_t v = 0;
  size_t mult = 1;
  const char *p = z;
  if (*p < '0' || *p > '9')
    return false;
  while (*p >= '0' && *p <= '9') {
    if (v > (SIZE_MAX - 9) / 10)
      return false;
    v = v * 10 + (size_t)(*p - '0');
    p++;
  }
  switch (*p) {
  case 'k':
  case 'K':
    mult = (size_t)1 << 10;
    p++;
    break;
  case 'm':
  case 'M':
    mult = (size_t)1 << 20;
    p++;
    break;
  case 'g':
  case 'G':
    mult = (size_t)1 << 30;
    p++;
    break;
  default:
    break;
  }
  if (*p != '\0' || (v != 0 && mult > SIZE_MAX / v))
    return false;
  *out = v * mult;
  return true;
}

int zn_cli_read_exit(int rc) {
  return rc == ZN_ENOENT || rc == ZN_EISDIR || rc == ZN_EACCES || rc == ZN_EIO
             ? ZN_EXIT_IO
             : ZN_EXIT_DATA;
}

bool zn_cli_parse_format(const char *v, zn_format *out) {
  static const struct {
    const char *name;
    zn_format format;
  } k_formats[] = {{"auto", ZN_FORMAT_AUTO},
                   {"text", ZN_FORMAT_TEXT},
                   {"html", ZN_FORMAT_HTML}};
  for (size_t i = 0; v != NULL && i < sizeof k_formats / sizeof *k_formats;
       i++) {
    if (strcmp(v, k_formats[i].name) == 0) {
      *out = k_formats[i].format;
      return true;
    }
  }
  return false;
}
