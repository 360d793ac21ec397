/* SPDX-License-Identifier: MIT */
/*
 * common.h - error codes, the allocator hook, the growable byte buffer and
 * version information shared by every zhnews module.
 *
 * Conventions (docs/ARCHITECTURE.md): functions return 0 or a negative
 * zn_err code; zn_strerror() explains a code.  The library never prints,
 * aborts or exits.  Byte lengths and offsets are named *_len / *_off, counts
 * of code points *_nchar.
 */
#ifndef ZN_COMMON_H
#define ZN_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(ZN_BUILDING_SHARED) && defined(__GNUC__)
#define ZN_EXTERN __attribute__((visibility("default")))
#else
#define ZN_EXTERN
#endif

#define ZN_VERSION_MAJOR 0
#define ZN_VERSION_MINOR 1
#define ZN_VERSION_PATCH 0
#define ZN_VERSION_STRING "0.1.0"

/*
 * The error table.  One X-macro generates the enum, zn_strerror() and
 * zn_err_name() so they cannot drift apart.  Values are negative; 0 is OK.
 */
#define ZN_ERRNO_MAP(X)                                                        \
  X(ENOMEM, -1, "out of memory")                                               \
  X(EINVAL, -2, "invalid argument")                                            \
  X(EIO, -3, "input/output error")                                             \
  X(ENOENT, -4, "no such file or directory")                                   \
  X(EISDIR, -5, "is a directory")                                              \
  X(EACCES, -6, "permission denied")                                           \
  X(EEMPTY, -7, "empty input")                                                 \
  X(EBINARY, -8, "binary data, not text")                                      \
  X(EBADUTF8, -9, "invalid UTF-8")                                             \
  X(EBADENC, -10, "undecodable: no supported character encoding fits")         \
  X(ETOOBIG, -11, "input exceeds the size limit")                              \
  X(ENOTEXT, -12, "no article text found")                                     \
  X(EFORMAT, -13, "malformed data")                                            \
  X(EINTERNAL, -14, "internal error")

typedef enum zn_err {
  ZN_OK = 0,
#define ZN__ERR_ENUM(name, val, msg) ZN_##name = (val),
  ZN_ERRNO_MAP(ZN__ERR_ENUM)
#undef ZN__ERR_ENUM
} zn_err;

/* A static, human-readable message for code; never NULL, never allocates.
 * Unknown codes give "unknown error". */
ZN_EXTERN const char *zn_strerror(int code);
/* The symbolic name ("ZN_ENOMEM") for code, or "ZN_UNKNOWN". */
ZN_EXTERN const char *zn_err_name(int code);
/* The library version as "MAJOR.MINOR.PATCH". */
ZN_EXTERN const char *zn_version(void);

/*
 * Allocator.  Every allocation inside the library goes through these, so a
 * program (or a test injecting failures) can replace them.  Call
 * zn_replace_allocator() before any other zn_ function; passing NULL for all
 * three restores malloc/realloc/free.  Returns ZN_EINVAL if only some are
 * NULL.  Not thread-safe: call it once, at start-up.
 */
typedef void *(*zn_malloc_func)(size_t size);
typedef void *(*zn_realloc_func)(void *ptr, size_t size);
typedef void (*zn_free_func)(void *ptr);
ZN_EXTERN int zn_replace_allocator(zn_malloc_func m, zn_realloc_func r,
                                   zn_free_func f);
/* Allocations larger than this fail with NULL (ZN_ENOMEM), whatever the
 * input asks for. */
#define ZN_MAX_ALLOC ((size_t)1 << 31)
ZN_EXTERN void *zn_malloc(size_t size);
ZN_EXTERN void *zn_realloc(void *ptr, size_t size);
ZN_EXTERN void zn_free(void *ptr);

/*
 * zn_buf - a growable byte buffer, a small value type the caller owns.
 * Initialise with zn_buf_init(); read data/len; don't write the members.
 * data is always NUL-terminated when non-NULL (the NUL is not in len).
 * max caps growth (0 means ZN_MAX_ALLOC); growing past it gives ZN_ETOOBIG.
 * The buffer can be reused after zn_buf_free().
 */
typedef struct zn_buf {
  char *data;
  size_t len; /* bytes in use, excluding the terminating NUL */
  size_t cap; /* bytes allocated */
  size_t max; /* growth limit in bytes, 0 = ZN_MAX_ALLOC */
} zn_buf;

ZN_EXTERN void zn_buf_init(zn_buf *b, size_t max);
/* Releases the storage; b is left empty and reusable.  Accepts NULL. */
ZN_EXTERN void zn_buf_free(zn_buf *b);
/* Sets len to 0, keeps the storage. */
ZN_EXTERN void zn_buf_reset(zn_buf *b);
/* Makes room for n more bytes (plus the NUL).  0, ZN_ENOMEM or ZN_ETOOBIG. */
ZN_EXTERN int zn_buf_grow(zn_buf *b, size_t n);
ZN_EXTERN int zn_buf_append(zn_buf *b, const void *p, size_t n);
ZN_EXTERN int zn_buf_append_str(zn_buf *b, const char *z);
ZN_EXTERN int zn_buf_append_byte(zn_buf *b, unsigned char c);
/* For writers that fill the buffer themselves: makes room for n more bytes
 * and returns where they go (NULL on ZN_ENOMEM / ZN_ETOOBIG); then
 * zn_buf_commit(b, k) adds the k <= n bytes written. */
ZN_EXTERN char *zn_buf_reserve(zn_buf *b, size_t n);
ZN_EXTERN void zn_buf_commit(zn_buf *b, size_t n);
/* Hands the storage to the caller (free with zn_free) and leaves b empty.
 * Returns "" allocated if the buffer was never grown; NULL on ENOMEM. */
ZN_EXTERN char *zn_buf_detach(zn_buf *b, size_t *len_out);

#ifdef __cplusplus
}
#endif
#endif /* ZN_COMMON_H */
