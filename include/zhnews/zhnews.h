/* SPDX-License-Identifier: MIT */
/*
 * zhnews.h - the whole public API of libzhnews.  Anything not declared in
 * the headers this file includes is not API and may change without notice.
 */
#ifndef ZN_ZHNEWS_H
#define ZN_ZHNEWS_H

#include "zhnews/common.h"
#include "zhnews/text.h"
#include "zhnews/extract.h"
#include "zhnews/seg.h"
#include "zhnews/analyze.h"
#include "zhnews/store.h"

#endif /* ZN_ZHNEWS_H */
