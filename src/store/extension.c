/* SPDX-License-Identifier: MIT */
/*
 * extension.c - zhnews.so, the loadable SQLite extension: the `zhnews` FTS5
 * tokenizer and zhnews_fold() for any SQLite program (sqlite3 shell:
 * `.load ./zhnews`; Python: conn.load_extension("./zhnews")).  The entry
 * point follows SQLite's naming rule for a file called zhnews.so.
 */
#include <stddef.h>

#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include "store/fts5-zhnews.h"

#if defined(__GNUC__)
__attribute__((visibility("default")))
#endif
int sqlite3_zhnews_init(sqlite3 *db, char **errmsg,
                        const sqlite3_api_routines *api);

int sqlite3_zhnews_init(sqlite3 *db, char **errmsg,
                        const sqlite3_api_routines *api) {
  const char *why;
  int rc;
  SQLITE_EXTENSION_INIT2(api);
  rc = zn__zhnews_register(db, &why);
  if (rc != SQLITE_OK && errmsg != NULL)
    *errmsg = sqlite3_mprintf("zhnews: %s", why);
  return rc;
}
