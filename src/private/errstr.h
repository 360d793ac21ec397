/* SPDX-License-Identifier: MIT */
/*
 * errstr.h - the text of an errno value, thread-safely (strerror() is not
 * required to be), for messages the library writes into its handles.
 * Not API.
 */
#ifndef ZN_PRIVATE_ERRSTR_H
#define ZN_PRIVATE_ERRSTR_H

#include <stddef.h>

/* Writes the message for errnum into buf (cap bytes) and returns buf. */
const char *zn__errno_str(int errnum, char *buf, size_t cap);

#endif /* ZN_PRIVATE_ERRSTR_H */
