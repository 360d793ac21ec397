/* SPDX-License-Identifier: MIT */
/*
 * fts5-zhnews.h - the zhnews FTS5 tokenizer (fts5-zhnews.c), shared by the
 * store (registered on each connection it opens) and the loadable extension
 * (extension.c).  Not API.
 *
 * The file is compiled twice: into the library against <sqlite3.h>, and into
 * the extension module against <sqlite3ext.h> (ZN_SQLITE_EXTENSION), where
 * sqlite3_malloc and friends go through the host's routine table.
 */
#ifndef ZN_STORE_FTS5_ZHNEWS_H
#define ZN_STORE_FTS5_ZHNEWS_H

#ifdef ZN_SQLITE_EXTENSION
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3
#else
#include <sqlite3.h>
#endif

/* Registers the tokenizer "zhnews" and the SQL function zhnews_fold(TEXT)
 * on db.  Returns a SQLite code;
 * *why (static) says what failed. */
int zn__zhnews_register(sqlite3 *db, const char **why);

/* Runs the tokenizer directly (tests, fuzzing, the query parser):
 * flags are FTS5_TOKENIZE_*; x gets (ctx, tflags, token, ntoken, start,
 * end) as FTS5's xToken does. */
int zn__fts5_tokenize(int flags, const char *text, int len,
                      int (*x)(void *, int, const char *, int, int, int),
                      void *ctx);

#endif /* ZN_STORE_FTS5_ZHNEWS_H */
