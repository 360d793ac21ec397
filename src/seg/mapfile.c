/* SPDX-License-Identifier: MIT */
/*
 * mapfile.c - mapping a lexicon or model file and reading its section
 * table (mapfile.h), so the two loaders check their files the same way.
 */
#include "seg/mapfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "zhnews/common.h"
#include "private/errstr.h"

/* Entries hold little-endian integers (as in lexicon-int.h). */
static uint64_t rd_le(const uint8_t *p, int nbytes) {
  uint64_t v = 0;
  for (int i = nbytes - 1; i >= 0; i--)
    v = v << 8 | p[i];
  return v;
}

static int fail(char *errmsg, size_t cap, int rc, const char *what) {
  if (errmsg != NULL && cap > 0)
    snprintf(errmsg, cap, "%s", what);
  return rc;
}

int zn__map_file(const char *path, void **map, size_t *len, char *errmsg,
                 size_t cap) {
  struct stat st;
  char ebuf[128];
  void *m;
  int fd = open(path, O_RDONLY | O_CLOEXEC);

  *map = NULL;
  *len = 0;
  if (fd < 0) {
    int e = errno;
    int rc = e == ENOENT ? ZN_ENOENT : e == EACCES ? ZN_EACCES : ZN_EIO;
    return fail(errmsg, cap, rc, zn__errno_str(e, ebuf, sizeof ebuf));
  }
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return fail(errmsg, cap, ZN_EIO, "not a regular file");
  }
  if (st.st_size == 0) {
    close(fd);
    return fail(errmsg, cap, ZN_EFORMAT, "empty file");
  }
  m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
  close(fd);
  if (m == MAP_FAILED) {
    int e = errno;
    return fail(errmsg, cap, ZN_EIO, zn__errno_str(e, ebuf, sizeof ebuf));
  }
  *map = m;
  *len = (size_t)st.st_size;
  return ZN_OK;
}

void zn__unmap_file(void *map, size_t len) {
  if (map != NULL)
    munmap(map, len);
}

int zn__check_header(const uint8_t *m, size_t len, size_t hdr,
                     const char *magic, uint32_t version, const char *kind,
                     const char *remake, uint32_t *n_sections, char *errmsg,
                     size_t cap) {
  char why[160];
  if (len < hdr || memcmp(m, magic, 8) != 0) {
    snprintf(why, sizeof why, "not a zhnews %s (bad magic)", kind);
    return fail(errmsg, cap, ZN_EFORMAT, why);
  }
  if ((uint32_t)rd_le(m + 8, 4) != version) {
    snprintf(why, sizeof why, "unsupported %s format version (%s)", kind,
             remake);
    return fail(errmsg, cap, ZN_EFORMAT, why);
  }
  if ((uint32_t)rd_le(m + 12, 4) != 0x01020304u)
    return fail(errmsg, cap, ZN_EFORMAT, "bad byte-order mark");
  if (rd_le(m + 16, 8) != len)
    return fail(errmsg, cap, ZN_EFORMAT,
                "file size differs from the recorded size (truncated?)");
  *n_sections = (uint32_t)rd_le(m + 24, 4);
  return ZN_OK;
}

int zn__read_sections(const uint8_t *m, size_t len, size_t hdr, uint32_t n,
                      size_t max_id, const uint8_t **sec, uint64_t *size,
                      char *errmsg, size_t cap) {
  if (n > 64 || hdr + (uint64_t)n * ZN_SECTION_ENTRY_SIZE > len)
    return fail(errmsg, cap, ZN_EFORMAT, "bad section table");
  for (uint32_t i = 0; i < n; i++) {
    const uint8_t *e = m + hdr + (size_t)i * ZN_SECTION_ENTRY_SIZE;
    uint32_t id = (uint32_t)rd_le(e, 4);
    uint64_t off = rd_le(e + 8, 8);
    uint64_t sz = rd_le(e + 16, 8);
    if (off > len || sz > len - off || off % 8 != 0)
      return fail(errmsg, cap, ZN_EFORMAT, "section outside the file");
    if (id > 0 && id < max_id) {
      sec[id] = m + off;
      size[id] = sz;
    }
  }
  return ZN_OK;
}
