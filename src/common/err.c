/* SPDX-License-Identifier: MIT */
/*
 * err.c - zn_strerror() and zn_err_name(), generated from ZN_ERRNO_MAP in
 * common.h so the codes, names and messages stay in step; and the
 * thread-safe errno text the library's messages use.
 */
#include "zhnews/common.h"

#include <stdio.h>
#include <string.h>

#include "private/errstr.h"

const char *zn_strerror(int code) {
  switch (code) {
  case ZN_OK:
    return "success";
#define ZN__ERR_MSG(name, val, msg)                                            \
  case ZN_##name:                                                              \
    return msg;
    ZN_ERRNO_MAP(ZN__ERR_MSG)
#undef ZN__ERR_MSG
  default:
    return "unknown error";
  }
}

const char *zn_err_name(int code) {
  switch (code) {
  case ZN_OK:
    return "ZN_OK";
#define ZN__ERR_NAME(name, val, msg)                                           \
  case ZN_##name:                                                              \
    return "ZN_" #name;
    ZN_ERRNO_MAP(ZN__ERR_NAME)
#undef ZN__ERR_NAME
  default:
    return "ZN_UNKNOWN";
  }
}

const char *zn_version(void) {
  return ZN_VERSION_STRING;
}

const char *zn__errno_str(int errnum, char *buf, size_t cap) {
  if (cap == 0)
    return buf;
  /* The XSI strerror_r (returns int) under _POSIX_C_SOURCE 200809L. */
  if (strerror_r(errnum, buf, cap) != 0)
    snprintf(buf, cap, "error %d", errnum);
  return buf;
}
