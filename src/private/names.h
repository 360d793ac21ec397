/* SPDX-License-Identifier: MIT */
/*
 * names.h - Chinese personal-name knowledge shared by the extract and seg
 * modules.  Not API.
 */
#ifndef ZN_PRIVATE_NAMES_H
#define ZN_PRIVATE_NAMES_H

#include <stdbool.h>
#include <stddef.h>

/* The byte length of the surname s starts with (compound surnames such as
 * 欧阳 first), or 0 if it starts with none. */
size_t zn__surname_prefix(const char *s, size_t len);

#endif /* ZN_PRIVATE_NAMES_H */
