/* SPDX-License-Identifier: MIT */
/*
 * store.c - the SQLite archive (store.h): schema, putting documents (one
 * savepoint each, batches as transactions), search, show and statistics.
 *
 * The schema is in docs/FORMAT.md ("Store").  The FTS5 table `fts` is an
 * external-content table over documents(title, subtitles, body), so the
 * text is stored once; the store keeps it in step by hand (FTS5 'delete'
 * with the old values, then the new row) rather than with triggers, so a
 * re-put whose text did not change costs no index work.  Inside a batch,
 * the text of a new document goes into the index at commit (all the
 * batch's new documents in one go, read back from their rows), not at its
 * put: FTS5 writes its pending terms to disk as a new segment at every
 * savepoint, so indexing at each put (inside its savepoint) wrote one
 * segment a document and then merged them all, the most expensive part of
 * a put.  The index holds the same text either way; a search inside the
 * batch first indexes what is pending.  Search runs in two
 * steps: the ranked ids first, then each hit's row with its snippet, because
 * a snippet in the ranked query would be computed for every match before the
 * sort.  Ranking is bounded: the newest ZN_MAX_CANDIDATES matches are
 * ranked by BM25, so the cost of a query does not grow with the archive.
 */
#include "zhnews/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "private/grow.h"
#include "private/jansson-article.h"
#include "store/fold.h"
#include "store/jsonscan.h"
#include "store/fts5-zhnews.h"

#define ZN_STORE_SCHEMA_VERSION 1
/* BM25 column weights: title, subtitles, body.  The table's rank setting
 * uses bm25() so programs without zhnews_rank() can ORDER BY rank; the
 * store itself ranks with zhnews_rank() (fts5-zhnews.c), same order. */
#define ZN_STORE_WEIGHTS "10.0, 3.0, 1.0"
#define ZN_STORE_RANK "bm25(" ZN_STORE_WEIGHTS ")"
/* Characters in a snippet. */
#define ZN_SNIPPET_NCHAR 48
/* The most hits one search returns. */
#define ZN_MAX_HITS 100000
/* The most matches ranked by BM25 for one search: the newest ones (by id,
 * that is by indexing order).  Ranking costs a few microseconds a match,
 * so a common word over millions of documents would otherwise cost
 * seconds; with this bound a search stays within tens of milliseconds
 * whatever the archive's size.  Every match is still found: the bound
 * only limits which of them compete for the top places. */
#define ZN_MAX_CANDIDATES 2000

/* FTS5's 'hashsize': the bytes of pending index data it keeps in memory
 * before writing them out as a segment (FTS5's default is 1 MiB).  Every
 * segment write costs about 4,000 instructions per distinct term in it,
 * and Han bigrams are many and spread thin, so a batch written as a few
 * segments instead of dozens costs a third less in all (1,500 Documents in
 * one batch: 11.9G instructions with 1 MiB, 8.05G with 8 MiB, 7.96G with
 * 16 MiB), for about 13 MB more memory at the peak (24 MB against 11).
 * Searches read fewer, larger segments. */
#define ZN_FTS_HASHSIZE "8388608"

#define ZN_XSTR(x) #x
#define ZN_STR(x) ZN_XSTR(x)

/* The statements a put runs, prepared once per handle (on first use) and
 * kept: preparing them again for every put cost more than running some of
 * them.  Indexes into k_cached_sql and zn_store.cached. */
enum cached {
  Q_SAVEPOINT,
  Q_RELEASE,
  Q_FIND_URL,
  Q_FIND_HASH,
  Q_INSERT_DOC,
  Q_UPDATE_DOC,
  Q_FTS_ADD,
  Q_FTS_DELETE,
  Q_DELETE_ENTITIES,
  Q_PUT_ENTITY,
  Q_GET_TEXT,
  Q_N
};

/* The columns a put writes, in bind order (?1..?16). */
#define ZN_DOC_COLS                                                            \
  "url, content_hash, site, title, subtitles, published, source, authors,"     \
  " editor, dateline, captions, body, page_id, encoding, warnings, analysis"
#define ZN_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

static const char *const k_cached_sql[Q_N] = {
    [Q_SAVEPOINT] = "SAVEPOINT put",
    [Q_RELEASE] = "RELEASE put",
    [Q_FIND_URL] = "SELECT id, content_hash, title, subtitles, body"
                   " FROM documents WHERE url = ?1",
    [Q_FIND_HASH] = "SELECT id, content_hash, title, subtitles, body"
                    " FROM documents WHERE content_hash = ?1 AND url IS NULL"
                    " LIMIT 1",
    [Q_INSERT_DOC] = "INSERT INTO documents(" ZN_DOC_COLS ", indexed_at)"
                     " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
                     " ?12, ?13, ?14, ?15, ?16, " ZN_NOW ")",
    [Q_UPDATE_DOC] = "UPDATE documents SET (" ZN_DOC_COLS ", indexed_at) ="
                     " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
                     " ?13, ?14, ?15, ?16, " ZN_NOW ") WHERE id = ?17",
    [Q_FTS_ADD] = "INSERT INTO fts(rowid, title, subtitles, body)"
                  " VALUES(?1, ?2, ?3, ?4)",
    [Q_FTS_DELETE] = "INSERT INTO fts(fts, rowid, title, subtitles, body)"
                     " VALUES('delete', ?1, ?2, ?3, ?4)",
    [Q_DELETE_ENTITIES] = "DELETE FROM entities WHERE doc_id = ?1",
    [Q_PUT_ENTITY] = "INSERT INTO entities(doc_id, type, name, count, posts)"
                     " VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(doc_id, type,"
                     " name) DO UPDATE SET count = count + excluded.count",
    [Q_GET_TEXT] = "SELECT title, subtitles, body FROM documents"
                   " WHERE id = ?1",
};

struct zn_store {
  sqlite3 *db;
  zn_seg *seg; /* for queries; NULL without a lexicon */
  bool in_batch;
  sqlite3_stmt *cached[Q_N]; /* NULL until first used */
  /* The documents added in the open batch whose text is not indexed yet,
   * ascending ids; the first nindexed of them are indexed already (a
   * search or a failed commit came between).  See the top of the file. */
  int64_t *pending;
  size_t npending;
  size_t cap_pending;
  size_t nindexed;
  char errmsg[512];
};

/* ------------------------------------------------------------ helpers */

static int fail(zn_store *st, int code, const char *what) {
  snprintf(st->errmsg, sizeof st->errmsg, "%s: %s", what,
           st->db != NULL ? sqlite3_errmsg(st->db) : "no database");
  return code;
}

static int exec(zn_store *st, const char *sql) {
  char *e = NULL;
  if (sqlite3_exec(st->db, sql, NULL, NULL, &e) != SQLITE_OK) {
    snprintf(st->errmsg, sizeof st->errmsg, "%s", e != NULL ? e : "?");
    sqlite3_free(e);
    return ZN_EIO;
  }
  return ZN_OK;
}

static int prep(zn_store *st, const char *sql, sqlite3_stmt **out) {
  if (sqlite3_prepare_v2(st->db, sql, -1, out, NULL) != SQLITE_OK)
    return fail(st, ZN_EIO, "preparing a statement");
  return ZN_OK;
}

/* The cached statement q in *out, prepared on first use.  After stepping
 * it, the caller hands it back with done(). */
static int cached(zn_store *st, enum cached q, sqlite3_stmt **out) {
  if (st->cached[q] == NULL &&
      sqlite3_prepare_v3(st->db, k_cached_sql[q], -1, SQLITE_PREPARE_PERSISTENT,
                         &st->cached[q], NULL) != SQLITE_OK) {
    *out = NULL;
    return fail(st, ZN_EIO, "preparing a statement");
  }
  *out = st->cached[q];
  return ZN_OK;
}

/* Resets a cached statement for its next use and drops its bindings, which
 * point into the caller's memory (SQLITE_STATIC). */
static void done(sqlite3_stmt *s) {
  if (s != NULL) {
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
  }
}

/* Runs a cached statement that returns no rows. */
static int run_cached(zn_store *st, enum cached q, const char *what) {
  sqlite3_stmt *s;
  int rc = cached(st, q, &s);
  if (rc == ZN_OK && sqlite3_step(s) != SQLITE_DONE)
    rc = fail(st, ZN_EIO, what);
  done(s);
  return rc;
}

static void bind_text(sqlite3_stmt *s, int i, const char *z) {
  if (z == NULL)
    sqlite3_bind_null(s, i);
  else
    sqlite3_bind_text(s, i, z, -1, SQLITE_STATIC);
}

static char *dup_col(sqlite3_stmt *s, int i) {
  const unsigned char *z = sqlite3_column_text(s, i);
  size_t n;
  char *d;
  if (z == NULL)
    return NULL;
  n = (size_t)sqlite3_column_bytes(s, i);
  d = zn_malloc(n + 1);
  if (d != NULL) {
    memcpy(d, z, n);
    d[n] = '\0';
  }
  return d;
}

static int join_lines(const zn_strlist *l, zn_buf *out) {
  int rc = ZN_OK;
  for (size_t i = 0; rc == ZN_OK && i < l->n; i++) {
    if (i > 0)
      rc = zn_buf_append_byte(out, '\n');
    if (rc == ZN_OK)
      rc = zn_buf_append_str(out, l->items[i]);
  }
  return rc;
}

static char *json_list(const zn_strlist *l) {
  json_t *a = json_array();
  char *z;
  if (a == NULL)
    return NULL;
  for (size_t i = 0; i < l->n; i++)
    json_array_append_new(a, json_string(l->items[i]));
  z = json_dumps(a, JSON_COMPACT);
  json_decref(a);
  return z;
}

/* FNV-1a, 64 bits, over title, subtitles and body with separators: the
 * identity of a page that has no url.  Not cryptographic: collisions among
 * 10^6 documents have odds of about 3e-8. */
static void content_hash(const char *title, const zn_buf *sub,
                         const zn_buf *body, char out[17]) {
  uint64_t h = 0xcbf29ce484222325u;
  const char *parts[3];
  size_t lens[3];
  parts[0] = title != NULL ? title : "";
  lens[0] = strlen(parts[0]);
  parts[1] = sub->data != NULL ? sub->data : "";
  lens[1] = sub->len;
  parts[2] = body->data != NULL ? body->data : "";
  lens[2] = body->len;
  for (int k = 0; k < 3; k++) {
    for (size_t i = 0; i < lens[k]; i++) {
      h ^= (unsigned char)parts[k][i];
      h *= 0x100000001b3u;
    }
    h ^= 0x1f;
    h *= 0x100000001b3u;
  }
  snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* ------------------------------------------------------------- schema */

static const char k_schema[] =
    "CREATE TABLE IF NOT EXISTS zhnews_meta("
    " key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS documents("
    " id INTEGER PRIMARY KEY,"
    " url TEXT, content_hash TEXT NOT NULL,"
    " site TEXT, title TEXT, subtitles TEXT, published TEXT, source TEXT,"
    " authors TEXT, editor TEXT, dateline TEXT, captions TEXT, body TEXT,"
    " page_id TEXT, encoding TEXT, warnings TEXT, analysis TEXT,"
    " indexed_at TEXT NOT NULL);"
    "CREATE UNIQUE INDEX IF NOT EXISTS documents_url ON documents(url)"
    " WHERE url IS NOT NULL;"
    "CREATE INDEX IF NOT EXISTS documents_hash ON documents(content_hash);"
    "CREATE INDEX IF NOT EXISTS documents_published ON documents(published);"
    "CREATE TABLE IF NOT EXISTS entities("
    " doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    " type TEXT NOT NULL, name TEXT NOT NULL, count INTEGER NOT NULL,"
    " posts TEXT, PRIMARY KEY(doc_id, type, name)) WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS entities_name ON entities(type, name);"
    "CREATE VIEW IF NOT EXISTS people AS SELECT doc_id, name, count, posts"
    " FROM entities WHERE type = 'person';"
    "CREATE VIEW IF NOT EXISTS places AS SELECT doc_id, name, count"
    " FROM entities WHERE type = 'place';"
    "CREATE VIEW IF NOT EXISTS organizations AS SELECT doc_id, name, count"
    " FROM entities WHERE type = 'organization';";

static int create_schema(zn_store *st) {
  sqlite3_stmt *s = NULL;
  int rc;
  int have_fts = 0;
  int version = 0;

  rc = exec(st, "BEGIN IMMEDIATE");
  if (rc != ZN_OK)
    return rc;
  rc = exec(st, k_schema);
  if (rc == ZN_OK)
    rc = prep(st,
              "SELECT (SELECT count(*) FROM sqlite_master WHERE name = 'fts'),"
              " (SELECT value FROM zhnews_meta WHERE key = 'schema_version')",
              &s);
  if (rc == ZN_OK && sqlite3_step(s) == SQLITE_ROW) {
    have_fts = sqlite3_column_int(s, 0);
    version = sqlite3_column_int(s, 1);
  }
  sqlite3_finalize(s);
  if (rc == ZN_OK && version > ZN_STORE_SCHEMA_VERSION) {
    snprintf(st->errmsg, sizeof st->errmsg,
             "the database has schema version %d; this zhnews knows up to %d",
             version, ZN_STORE_SCHEMA_VERSION);
    rc = ZN_EIO;
  }
  if (rc == ZN_OK && !have_fts)
    rc = exec(st,
              "CREATE VIRTUAL TABLE fts USING fts5("
              "title, subtitles, body, content='documents',"
              " content_rowid='id', tokenize='zhnews');"
              "INSERT INTO fts(fts, rank) VALUES('rank', '" ZN_STORE_RANK "');"
              "INSERT INTO fts(fts, rank) VALUES('hashsize', " ZN_FTS_HASHSIZE
              ");"
              "INSERT OR REPLACE INTO zhnews_meta VALUES"
              "('schema_version', '1');");
  if (rc == ZN_OK)
    rc = exec(st, "COMMIT");
  else
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
  return rc;
}

/* -------------------------------------------------------------- open */

int zn_store_open(const char *path, unsigned flags, const zn_lexicon *lex,
                  zn_store **out, char *errmsg, size_t errmsg_cap) {
  zn_store *st;
  const char *why;
  int oflags;
  int rc = ZN_OK;

  *out = NULL;
  if ((flags & ~(unsigned)ZN_STORE_READONLY) != 0 || path == NULL) {
    if (errmsg != NULL && errmsg_cap > 0)
      snprintf(errmsg, errmsg_cap, "invalid argument");
    return ZN_EINVAL;
  }
  st = zn_malloc(sizeof *st);
  if (st == NULL)
    return ZN_ENOMEM;
  memset(st, 0, sizeof *st);
  oflags = (flags & ZN_STORE_READONLY)
               ? SQLITE_OPEN_READONLY
               : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2(path, &st->db, oflags | SQLITE_OPEN_NOMUTEX, NULL) !=
      SQLITE_OK) {
    rc = fail(st, ZN_EIO, "opening the database");
    goto fail;
  }
  sqlite3_busy_timeout(st->db, 10000);
  sqlite3_extended_result_codes(st->db, 1);
  if (zn__zhnews_register(st->db, &why) != SQLITE_OK) {
    snprintf(st->errmsg, sizeof st->errmsg, "%s", why);
    rc = ZN_EIO;
    goto fail;
  }
  /* WAL: readers never block the writer; synchronous=NORMAL keeps every
   * committed transaction through a crash of the process (kill -9), which
   * is the promise; a power cut may lose the last commits, not the file. */
  if (!(flags & ZN_STORE_READONLY)) {
    rc = exec(st, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                  "PRAGMA foreign_keys=ON;");
    if (rc == ZN_OK)
      rc = create_schema(st);
  } else {
    rc = exec(st, "SELECT count(*) FROM documents");
  }
  if (rc != ZN_OK)
    goto fail;
  if (lex != NULL) {
    rc = zn_seg_new(lex, &st->seg);
    if (rc != ZN_OK)
      goto fail;
  }
  *out = st;
  return ZN_OK;
fail:
  if (errmsg != NULL && errmsg_cap > 0)
    snprintf(errmsg, errmsg_cap, "%s",
             st->errmsg[0] ? st->errmsg : zn_strerror(rc));
  sqlite3_close(st->db);
  zn_seg_free(st->seg);
  zn_free(st);
  return rc;
}

void zn_store_close(zn_store *st) {
  if (st == NULL)
    return;
  if (st->in_batch)
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
  for (int q = 0; q < Q_N; q++)
    sqlite3_finalize(st->cached[q]);
  sqlite3_close(st->db);
  zn_free(st->pending);
  zn_seg_free(st->seg);
  zn_free(st);
}

const char *zn_store_errmsg(const zn_store *st) {
  return st->errmsg;
}

static int index_pending(zn_store *st);

int zn_store_begin(zn_store *st) {
  int rc;
  if (st->in_batch)
    return ZN_EINVAL;
  rc = exec(st, "BEGIN IMMEDIATE");
  if (rc == ZN_OK) {
    st->in_batch = true;
    st->npending = 0;
    st->nindexed = 0;
  }
  return rc;
}

int zn_store_commit(zn_store *st) {
  int rc;
  if (!st->in_batch)
    return ZN_EINVAL;
  rc = index_pending(st);
  if (rc == ZN_OK)
    rc = exec(st, "COMMIT");
  if (rc == ZN_OK) {
    st->in_batch = false;
    st->npending = 0;
    st->nindexed = 0;
  }
  return rc;
}

int zn_store_rollback(zn_store *st) {
  if (!st->in_batch)
    return ZN_EINVAL;
  st->in_batch = false;
  st->npending = 0;
  st->nindexed = 0;
  return exec(st, "ROLLBACK");
}

/* -------------------------------------------------------------- put */

/* Where a put's entities come from: an analysis JSON object (a Document
 * read back), or the zn_analysis itself (pages analyzed here: no JSON
 * round trip). */
struct ent_src {
  json_t *json;
  const zn_analysis *an;
};

/* The entities of a zn_analysis into the entities table; posts as a JSON
 * array of strings, as json_dumps() writes it. */
static int put_entities_of(zn_store *st, int64_t id, const zn_analysis *an) {
  sqlite3_stmt *s = NULL;
  zn_buf posts;
  int rc = cached(st, Q_PUT_ENTITY, &s);

  zn_buf_init(&posts, 0);
  for (size_t i = 0; rc == ZN_OK && i < an->nentities; i++) {
    const zn_entity *e = &an->entities[i];
    bool has_posts = e->type == ZN_ENTITY_PERSON && e->posts.n > 0;
    if (has_posts) {
      zn__jw w;
      zn_buf_reset(&posts);
      zn__jw_init(&w, &posts);
      zn__jw_array(&w);
      for (size_t k = 0; k < e->posts.n; k++)
        zn__jw_str(&w, e->posts.items[k]);
      zn__jw_end(&w);
      if (w.rc != ZN_OK) {
        rc = w.rc;
        break;
      }
    }
    sqlite3_bind_int64(s, 1, id);
    bind_text(s, 2, zn_entity_type_name(e->type));
    bind_text(s, 3, e->name);
    sqlite3_bind_int64(s, 4, (sqlite3_int64)e->count);
    bind_text(s, 5, has_posts ? posts.data : NULL);
    if (sqlite3_step(s) != SQLITE_DONE)
      rc = fail(st, ZN_EIO, "storing an entity");
    sqlite3_reset(s);
  }
  zn_buf_free(&posts);
  done(s);
  return rc;
}

/* The entities of an analysis JSON object into the entities table. */
static int put_entities(zn_store *st, int64_t id, const struct ent_src *src) {
  sqlite3_stmt *s = NULL;
  json_t *ents;
  json_t *e;
  size_t i;
  int rc;

  if (src->an != NULL)
    return put_entities_of(st, id, src->an);
  ents = json_object_get(src->json, "entities");
  if (!json_is_array(ents))
    return ZN_OK;
  rc = cached(st, Q_PUT_ENTITY, &s);
  json_array_foreach(ents, i, e) {
    json_t *name = json_object_get(e, "name");
    json_t *type = json_object_get(e, "type");
    json_t *count = json_object_get(e, "count");
    json_t *posts = json_object_get(e, "posts");
    char *zposts = NULL;
    if (rc != ZN_OK)
      break;
    if (!json_is_string(name) || !json_is_string(type))
      continue;
    if (json_is_array(posts) && json_array_size(posts) > 0)
      zposts = json_dumps(posts, JSON_COMPACT);
    sqlite3_bind_int64(s, 1, id);
    bind_text(s, 2, json_string_value(type));
    bind_text(s, 3, json_string_value(name));
    sqlite3_bind_int64(
        s, 4,
        json_is_integer(count) ? (sqlite3_int64)json_integer_value(count) : 1);
    bind_text(s, 5, zposts);
    if (sqlite3_step(s) != SQLITE_DONE)
      rc = fail(st, ZN_EIO, "storing an entity");
    sqlite3_reset(s);
    free(zposts);
  }
  done(s);
  return rc;
}

/* The fields of one put, gathered. */
struct row {
  const zn_article *a;
  zn_buf sub;
  zn_buf body;
  char hash[17];
  char *authors;
  char *captions;
  char *warnings;
  const char *analysis; /* JSON text or NULL */
};

static void bind_row(sqlite3_stmt *s, const struct row *r) {
  const zn_article *a = r->a;
  bind_text(s, 1, a->url);
  bind_text(s, 2, r->hash);
  bind_text(s, 3, a->site);
  bind_text(s, 4, a->title);
  bind_text(s, 5, r->sub.data != NULL ? r->sub.data : "");
  bind_text(s, 6, a->published);
  bind_text(s, 7, a->source);
  bind_text(s, 8, r->authors);
  bind_text(s, 9, a->editor);
  bind_text(s, 10, a->dateline);
  bind_text(s, 11, r->captions);
  bind_text(s, 12, r->body.data != NULL ? r->body.data : "");
  bind_text(s, 13, a->page_id);
  bind_text(s, 14, a->encoding);
  bind_text(s, 15, r->warnings);
  bind_text(s, 16, r->analysis);
}

static int fts_insert(zn_store *st, int64_t id, const char *title,
                      const char *sub, const char *body, bool del) {
  sqlite3_stmt *s;
  int rc = cached(st, del ? Q_FTS_DELETE : Q_FTS_ADD, &s);
  if (rc != ZN_OK)
    return rc;
  sqlite3_bind_int64(s, 1, id);
  bind_text(s, 2, title);
  bind_text(s, 3, sub);
  bind_text(s, 4, body);
  if (sqlite3_step(s) != SQLITE_DONE)
    rc = fail(st, ZN_EIO, "updating the full-text index");
  done(s);
  return rc;
}

/* Indexes the text of the batch's pending documents, in id order, with no
 * savepoint between them (so FTS5 writes one segment for all of them).
 * One row at a time, read and then inserted with VALUES: an INSERT ...
 * SELECT opens a statement journal, which is a savepoint to FTS5 (a
 * segment a row again).  A failed insert may have left part of a row's
 * terms in FTS5's pending data, with no savepoint to undo just that, so a
 * failure rolls the whole batch back: nothing half indexed is committed. */
static int index_pending(zn_store *st) {
  sqlite3_stmt *get;
  int rc;
  if (st->nindexed == st->npending)
    return ZN_OK;
  rc = cached(st, Q_GET_TEXT, &get);
  while (rc == ZN_OK && st->nindexed < st->npending) {
    int64_t id = st->pending[st->nindexed];
    sqlite3_bind_int64(get, 1, id);
    if (sqlite3_step(get) != SQLITE_ROW)
      rc = fail(st, ZN_EIO, "reading a document back");
    else
      rc = fts_insert(st, id, (const char *)sqlite3_column_text(get, 0),
                      (const char *)sqlite3_column_text(get, 1),
                      (const char *)sqlite3_column_text(get, 2), false);
    if (rc == ZN_OK)
      st->nindexed++;
    sqlite3_reset(get);
  }
  done(get);
  if (rc != ZN_OK) {
    size_t n = strlen(st->errmsg);
    snprintf(st->errmsg + n, sizeof st->errmsg - n,
             "; the batch was rolled back");
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    st->in_batch = false;
    st->npending = 0;
    st->nindexed = 0;
  }
  return rc;
}

/* Whether document id was added in the open batch and is not indexed yet
 * (a binary search: the pending ids ascend). */
static bool is_pending(const zn_store *st, int64_t id) {
  size_t lo = st->nindexed;
  size_t hi = st->npending;
  /* Invariant: id, if pending, is in pending[lo..hi). */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (st->pending[mid] == id)
      return true;
    if (st->pending[mid] < id)
      lo = mid + 1;
    else
      hi = mid;
  }
  return false;
}

/* Puts the gathered row; called inside a savepoint.  *defer is set when
 * the document is new in the open batch and its text is to be indexed at
 * commit (the caller adds it to the pending list once the put is done). */
static int put_row(zn_store *st, struct row *r, const struct ent_src *ents,
                   zn_put_result *what, int64_t *idp, bool *defer) {
  sqlite3_stmt *s;
  int64_t id = 0;
  bool found = false;
  bool same_text = false;
  bool pending = false; /* added in this batch, text not indexed yet */
  int rc;

  if (r->a->url != NULL) {
    rc = cached(st, Q_FIND_URL, &s);
    if (rc == ZN_OK)
      bind_text(s, 1, r->a->url);
  } else {
    rc = cached(st, Q_FIND_HASH, &s);
    if (rc == ZN_OK)
      bind_text(s, 1, r->hash);
  }
  if (rc != ZN_OK)
    return rc;
  if (sqlite3_step(s) == SQLITE_ROW) {
    const char *old_hash = (const char *)sqlite3_column_text(s, 1);
    found = true;
    id = sqlite3_column_int64(s, 0);
    same_text = old_hash != NULL && strcmp(old_hash, r->hash) == 0;
    pending = st->in_batch && is_pending(st, id);
    if (!same_text && !pending) {
      /* The old text must leave the index exactly as it went in. */
      rc = fts_insert(st, id, (const char *)sqlite3_column_text(s, 2),
                      (const char *)sqlite3_column_text(s, 3),
                      (const char *)sqlite3_column_text(s, 4), true);
    }
  }
  done(s);
  if (rc != ZN_OK)
    return rc;
  rc = cached(st, found ? Q_UPDATE_DOC : Q_INSERT_DOC, &s);
  if (rc != ZN_OK)
    return rc;
  bind_row(s, r);
  if (found)
    sqlite3_bind_int64(s, 17, id);
  if (sqlite3_step(s) != SQLITE_DONE)
    rc = fail(st, ZN_EIO, "storing the document");
  done(s);
  if (rc != ZN_OK)
    return rc;
  if (!found)
    id = sqlite3_last_insert_rowid(st->db);
  /* A new document in a batch is indexed at commit, if the pending ids
   * stay ascending (SQLite gives new rows the next id unless the largest
   * is taken); a pending one re-put is indexed then with its new text. */
  *defer = !found && st->in_batch &&
           (st->npending == 0 || id > st->pending[st->npending - 1]);
  if (!same_text && !pending && !*defer)
    rc = fts_insert(st, id, r->a->title, r->sub.data != NULL ? r->sub.data : "",
                    r->body.data != NULL ? r->body.data : "", false);
  if (rc == ZN_OK && found) {
    rc = cached(st, Q_DELETE_ENTITIES, &s);
    if (rc == ZN_OK) {
      sqlite3_bind_int64(s, 1, id);
      if (sqlite3_step(s) != SQLITE_DONE)
        rc = fail(st, ZN_EIO, "replacing entities");
      done(s);
    }
  }
  if (rc == ZN_OK && (ents->json != NULL || ents->an != NULL))
    rc = put_entities(st, id, ents);
  if (rc == ZN_OK) {
    if (what != NULL)
      *what = !found      ? ZN_PUT_ADDED
              : same_text ? ZN_PUT_UNCHANGED
                          : ZN_PUT_UPDATED;
    if (idp != NULL)
      *idp = id;
  }
  return rc;
}

/* Gathers the row for a, its analysis as JSON text (or NULL) and where its
 * entities come from, then puts it inside a savepoint so a failed put
 * leaves nothing behind. */
static int put_article(zn_store *st, const zn_article *a, const char *analysis,
                       const struct ent_src *ents, zn_put_result *what,
                       int64_t *id) {
  struct row r;
  int64_t newid = 0;
  bool defer = false;
  int rc;

  memset(&r, 0, sizeof r);
  st->errmsg[0] = '\0';
  r.a = a;
  if ((a->title == NULL || a->title[0] == '\0') && a->paragraphs.n == 0) {
    snprintf(st->errmsg, sizeof st->errmsg, "no title and no body");
    return ZN_EINVAL;
  }
  zn_buf_init(&r.sub, 0);
  zn_buf_init(&r.body, 0);
  rc = join_lines(&a->subtitles, &r.sub);
  if (rc == ZN_OK)
    rc = join_lines(&a->paragraphs, &r.body);
  if (rc != ZN_OK)
    goto out;
  content_hash(a->title, &r.sub, &r.body, r.hash);
  r.authors = json_list(&a->authors);
  r.captions = json_list(&a->captions);
  r.warnings = json_list(&a->warnings);
  r.analysis = analysis;
  if (r.authors == NULL || r.captions == NULL || r.warnings == NULL) {
    rc = ZN_ENOMEM;
    goto out;
  }
  /* Room for one more pending id first: once the put is released, its
   * id must not fail to be recorded. */
  if (st->in_batch) {
    rc = zn__grow((void **)&st->pending, sizeof *st->pending, &st->cap_pending,
                  st->npending + 1);
    if (rc != ZN_OK)
      goto out;
  }
  rc = run_cached(st, Q_SAVEPOINT, "starting a put");
  if (rc != ZN_OK)
    goto out;
  rc = put_row(st, &r, ents, what, &newid, &defer);
  if (rc == ZN_OK)
    rc = run_cached(st, Q_RELEASE, "finishing a put");
  if (rc == ZN_OK) {
    if (defer)
      st->pending[st->npending++] = newid;
    if (id != NULL)
      *id = newid;
  } else {
    sqlite3_exec(st->db, "ROLLBACK TO put; RELEASE put", NULL, NULL, NULL);
  }
out:
  zn_buf_free(&r.sub);
  zn_buf_free(&r.body);
  free(r.authors);
  free(r.captions);
  free(r.warnings);
  return rc;
}

/* Puts a with an analysis JSON object (NULL or null: none). */
static int put_article_json(zn_store *st, const zn_article *a, json_t *analysis,
                            zn_put_result *what, int64_t *id) {
  struct ent_src ents = {NULL, NULL};
  char *text = NULL;
  int rc;

  if (analysis != NULL && !json_is_null(analysis)) {
    text = json_dumps(analysis, ZN_JSON_STORE_DUMP);
    if (text == NULL)
      return ZN_ENOMEM;
    ents.json = analysis;
  }
  rc = put_article(st, a, text, &ents, what, id);
  free(text);
  return rc;
}

int zn_store_put(zn_store *st, const zn_article *art, const zn_analysis *an,
                 zn_put_result *what, int64_t *id) {
  struct ent_src ents = {NULL, an};
  zn_buf text;
  int rc = ZN_OK;

  /* The analysis column holds what a Document's "analysis" holds, written
   * straight from the value, and the entity rows come from it too. */
  zn_buf_init(&text, 0);
  if (an != NULL)
    rc = zn__analysis_to_json(art, an, &text);
  if (rc == ZN_OK)
    rc = put_article(st, art, an != NULL ? text.data : NULL, &ents, what, id);
  zn_buf_free(&text);
  return rc;
}

/*
 * Puts a with its analysis stored as the text s[0..n) (an object, in the
 * form zn__json_is_canonical() accepts, so the bytes are what parsing and
 * dumping would give); the entity rows from its "entities" value, parsed alone.
 * Returns 1, having put nothing, when the entities cannot be found without
 * parsing the whole analysis (the caller then does), else 0 or an error.
 */
static int put_article_raw(zn_store *st, const zn_article *a, const char *s,
                           size_t n, zn_put_result *what, int64_t *id) {
  struct ent_src ents = {NULL, NULL};
  size_t off = 0;
  size_t len = 0;
  char *text;
  int rc;
  int where = zn__json_find_key(s, n, "\"entities\"", &off, &len);

  if (where == -1)
    return 1;
  /* put_entities() reads the array from an object's "entities". */
  ents.json = json_object();
  if (ents.json == NULL)
    return ZN_ENOMEM;
  if (where == 1) {
    json_t *e = json_loadb(s + off, len, JSON_DECODE_ANY, NULL);
    if (e == NULL || json_object_set_new(ents.json, "entities", e) != 0) {
      json_decref(ents.json);
      return ZN_ENOMEM;
    }
  }
  text = zn_malloc(n + 1);
  if (text == NULL) {
    json_decref(ents.json);
    return ZN_ENOMEM;
  }
  memcpy(text, s, n);
  text[n] = '\0';
  rc = put_article(st, a, text, &ents, what, id);
  zn_free(text);
  json_decref(ents.json);
  return rc;
}

int zn_store_put_json(zn_store *st, const char *json, size_t len,
                      zn_analyzer *an, zn_put_result *what, int64_t *id) {
  json_t *o = NULL;
  json_t *analysis = NULL;
  zn_article *a = NULL;
  char err[160];
  int rc;

  st->errmsg[0] = '\0';
  rc = zn_article_from_json(json, len, &a, err, sizeof err);
  if (rc != ZN_OK) {
    snprintf(st->errmsg, sizeof st->errmsg, "%s",
             rc == ZN_EFORMAT ? err : zn_strerror(rc));
    return rc;
  }
  /* The reader ignores "analysis"; parse again only when there is one,
   * and then only its value when it can be found without parsing. */
  {
    size_t off = 0;
    size_t n = 0;
    int where = zn__json_find_key(json, len, "\"analysis\"", &off, &n);
    /* Stored as written when it is written as it would be stored. */
    if (where == 1 && json[off] == '{' &&
        zn__json_is_canonical(json + off, n)) {
      rc = put_article_raw(st, a, json + off, n, what, id);
      if (rc != 1) {
        zn_article_free(a);
        return rc;
      }
    }
    if (where != 0) {
      o = where == 1 ? json_loadb(json + off, n, JSON_DECODE_ANY, NULL)
                     : json_loadb(json, len, 0, NULL);
      if (o == NULL) {
        zn_article_free(a);
        return ZN_ENOMEM;
      }
      analysis = where == 1 ? o : json_object_get(o, "analysis");
    }
    if (analysis != NULL && json_is_null(analysis))
      analysis = NULL;
  }
  if (analysis == NULL && an != NULL) {
    zn_analysis *res = NULL;
    rc = zn_analyze(an, a, &res);
    if (rc == ZN_OK)
      rc = zn_store_put(st, a, res, what, id);
    zn_analysis_free(res);
  } else {
    rc = put_article_json(st, a, analysis, what, id);
  }
  zn_article_free(a);
  json_decref(o);
  return rc;
}

/* ------------------------------------------------------------- search */

void zn_hits_free(zn_hits *h) {
  if (h == NULL)
    return;
  for (size_t i = 0; i < h->n; i++) {
    zn_hit *x = &h->items[i];
    zn_free(x->title);
    zn_free(x->published);
    zn_free(x->source);
    zn_free(x->site);
    zn_free(x->url);
    zn_free(x->snippet);
  }
  zn_free(h->items);
  h->items = NULL;
  h->n = 0;
}

/* YYYY, YYYY-MM or YYYY-MM-DD. */
static bool valid_date(const char *z) {
  static const char shape[] = "dddd-dd-dd";
  size_t n = strlen(z);
  if (n != 4 && n != 7 && n != 10)
    return false;
  for (size_t i = 0; i < n; i++) {
    if (shape[i] == 'd' ? (z[i] < '0' || z[i] > '9') : z[i] != '-')
      return false;
  }
  return true;
}

/* Fills h from its row; s is the prepared statement of zn_store_search. */
static int fill_hit(zn_store *st, sqlite3_stmt *s, zn_hit *h) {
  int rc = ZN_OK;
  sqlite3_bind_int64(s, 4, h->id);
  if (sqlite3_step(s) == SQLITE_ROW) {
    char **f[6];
    f[0] = &h->title;
    f[1] = &h->published;
    f[2] = &h->source;
    f[3] = &h->site;
    f[4] = &h->url;
    f[5] = &h->snippet;
    for (int i = 0; i < 6; i++) {
      *f[i] = dup_col(s, i);
      if (*f[i] == NULL && sqlite3_column_type(s, i) != SQLITE_NULL)
        rc = ZN_ENOMEM;
    }
  } else {
    rc = fail(st, ZN_EIO, "reading a hit");
  }
  sqlite3_reset(s);
  return rc;
}

int zn_store_search(zn_store *st, const char *query, const zn_search_opts *opts,
                    zn_hits *out) {
  zn_search_opts o;
  zn_buf match;
  zn_buf sql;
  sqlite3_stmt *s = NULL;
  size_t cap = 0;
  int rc;
  int k = 3;

  out->items = NULL;
  out->n = 0;
  st->errmsg[0] = '\0';
  memset(&o, 0, sizeof o);
  if (opts != NULL)
    o = *opts;
  if (o.limit == 0)
    o.limit = 10;
  if (o.limit > ZN_MAX_HITS)
    o.limit = ZN_MAX_HITS;
  if ((o.since != NULL && !valid_date(o.since)) ||
      (o.until != NULL && !valid_date(o.until))) {
    snprintf(st->errmsg, sizeof st->errmsg,
             "dates are YYYY, YYYY-MM or YYYY-MM-DD");
    return ZN_EINVAL;
  }
  /* The batch's own new documents are found too. */
  rc = index_pending(st);
  if (rc != ZN_OK)
    return rc;
  zn_buf_init(&match, 0);
  zn_buf_init(&sql, 0);
  rc = zn_store_query_to_fts(query, st->seg, &match);
  if (rc == ZN_ETOOBIG)
    snprintf(st->errmsg, sizeof st->errmsg, "the query is over %d bytes",
             ZN_MAX_QUERY_LEN);
  if (rc != ZN_OK || match.len == 0)
    goto out;
  /* The newest ZN_MAX_CANDIDATES matches are ranked (see the top of the
   * file); FTS5 gives them in rowid order without looking at the rest. */
  rc = zn_buf_append_str(&sql, "SELECT id, r FROM (SELECT f.rowid AS id,"
                               " zhnews_rank(fts, " ZN_STORE_WEIGHTS
                               ") AS r FROM fts f");
  if (rc == ZN_OK && (o.since || o.until || o.source || o.person))
    rc = zn_buf_append_str(&sql, " JOIN documents d ON d.id = f.rowid");
  if (rc == ZN_OK)
    rc = zn_buf_append_str(&sql, " WHERE fts MATCH ?1");
  if (rc == ZN_OK && o.since)
    rc = zn_buf_append_str(&sql, " AND d.published >= ?4");
  if (rc == ZN_OK && o.until)
    rc = zn_buf_append_str(&sql,
                           " AND substr(d.published, 1, length(?5)) <= ?5");
  if (rc == ZN_OK && o.source)
    rc = zn_buf_append_str(&sql, " AND (d.source = ?6 OR d.site = ?6)");
  if (rc == ZN_OK && o.person)
    rc = zn_buf_append_str(&sql, " AND EXISTS(SELECT 1 FROM entities e"
                                 " WHERE e.doc_id = d.id AND"
                                 " e.type = 'person' AND e.name = ?7)");
  if (rc == ZN_OK)
    rc = zn_buf_append_str(&sql, " ORDER BY f.rowid DESC LIMIT ?8)"
                                 " ORDER BY r LIMIT ?2 OFFSET ?3");
  if (rc != ZN_OK)
    goto out;
  rc = prep(st, sql.data, &s);
  if (rc != ZN_OK)
    goto out;
  sqlite3_bind_text(s, 1, match.data, (int)match.len, SQLITE_STATIC);
  sqlite3_bind_int64(s, 2, (sqlite3_int64)o.limit);
  sqlite3_bind_int64(s, 3, (sqlite3_int64)o.offset);
  sqlite3_bind_int64(s, 8, (sqlite3_int64)ZN_MAX_CANDIDATES);
  if (o.since)
    bind_text(s, 4, o.since);
  if (o.until)
    bind_text(s, 5, o.until);
  if (o.source)
    bind_text(s, 6, o.source);
  if (o.person)
    bind_text(s, 7, o.person);
  while ((k = sqlite3_step(s)) == SQLITE_ROW) {
    zn_hit *h;
    if (out->n == cap) {
      size_t ncap = cap ? cap * 2 : 16;
      zn_hit *p = zn_realloc(out->items, ncap * sizeof *p);
      if (p == NULL) {
        rc = ZN_ENOMEM;
        break;
      }
      out->items = p;
      cap = ncap;
    }
    h = &out->items[out->n++];
    memset(h, 0, sizeof *h);
    h->id = sqlite3_column_int64(s, 0);
    h->score = -sqlite3_column_double(s, 1);
  }
  if (rc == ZN_OK && k != SQLITE_DONE)
    rc = fail(st, ZN_EIO, "searching");
  sqlite3_finalize(s);
  /* Snippets from the rows alone (zhnews_snippet, fts5-zhnews.c): a second
   * MATCH per hit would cost more than the search. */
  s = NULL;
  if (rc == ZN_OK && out->n > 0)
    rc = prep(st,
              "SELECT title, published, source, site, url,"
              " zhnews_snippet(?1, ?2, ?3, " ZN_STR(
                  ZN_SNIPPET_NCHAR) ", title, subtitles, body) FROM documents "
                                    "WHERE id = ?4",
              &s);
  if (s != NULL) {
    sqlite3_bind_text(s, 1, match.data, (int)match.len, SQLITE_STATIC);
    bind_text(s, 2, o.mark_open != NULL ? o.mark_open : "[");
    bind_text(s, 3, o.mark_close != NULL ? o.mark_close : "]");
  }
  for (size_t i = 0; rc == ZN_OK && i < out->n; i++)
    rc = fill_hit(st, s, &out->items[i]);
  sqlite3_finalize(s);
out:
  if (rc != ZN_OK)
    zn_hits_free(out);
  zn_buf_free(&match);
  zn_buf_free(&sql);
  return rc;
}

/* ------------------------------------------------------ show and stats */

static json_t *col_json(sqlite3_stmt *s, int i) {
  const char *z = (const char *)sqlite3_column_text(s, i);
  return z != NULL ? json_string(z) : json_null();
}

/* A JSON list stored as text, or a newline-joined text, as a JSON array. */
static json_t *col_list(sqlite3_stmt *s, int i, bool lines) {
  const char *z = (const char *)sqlite3_column_text(s, i);
  json_t *a;
  if (z == NULL)
    return json_array();
  if (!lines) {
    a = json_loads(z, 0, NULL);
    return a != NULL ? a : json_array();
  }
  a = json_array();
  while (a != NULL && *z != '\0') {
    const char *nl = strchr(z, '\n');
    size_t n = nl != NULL ? (size_t)(nl - z) : strlen(z);
    json_array_append_new(a, json_stringn(z, n));
    z += n;
    if (*z == '\n')
      z++;
  }
  return a;
}

int zn_store_get_json(zn_store *st, int64_t id, unsigned flags, zn_buf *out) {
  sqlite3_stmt *s = NULL;
  json_t *o;
  json_t *an = NULL;
  int rc;

  rc = prep(st,
            "SELECT " ZN_DOC_COLS ", id, indexed_at FROM documents"
            " WHERE id = ?1",
            &s);
  if (rc != ZN_OK)
    return rc;
  sqlite3_bind_int64(s, 1, id);
  if (sqlite3_step(s) != SQLITE_ROW) {
    sqlite3_finalize(s);
    snprintf(st->errmsg, sizeof st->errmsg, "no document with id %lld",
             (long long)id);
    return ZN_ENOENT;
  }
  o = json_object();
  if (o == NULL) {
    sqlite3_finalize(s);
    return ZN_ENOMEM;
  }
  /* The Article's keys in docs/FORMAT.md order, then the store's. */
  json_object_set_new(o, "url", col_json(s, 0));
  json_object_set_new(o, "site", col_json(s, 2));
  json_object_set_new(o, "title", col_json(s, 3));
  json_object_set_new(o, "subtitles", col_list(s, 4, true));
  json_object_set_new(o, "published", col_json(s, 5));
  json_object_set_new(o, "source", col_json(s, 6));
  json_object_set_new(o, "authors", col_list(s, 7, false));
  json_object_set_new(o, "editor", col_json(s, 8));
  json_object_set_new(o, "dateline", col_json(s, 9));
  json_object_set_new(o, "captions", col_list(s, 10, false));
  json_object_set_new(o, "paragraphs", col_list(s, 11, true));
  json_object_set_new(o, "page_id", col_json(s, 12));
  json_object_set_new(o, "encoding", col_json(s, 13));
  json_object_set_new(o, "warnings", col_list(s, 14, false));
  if (sqlite3_column_text(s, 15) != NULL)
    an = json_loads((const char *)sqlite3_column_text(s, 15), 0, NULL);
  json_object_set_new(o, "analysis", an != NULL ? an : json_null());
  json_object_set_new(o, "id", json_integer(sqlite3_column_int64(s, 16)));
  json_object_set_new(o, "content_hash", col_json(s, 1));
  json_object_set_new(o, "indexed_at", col_json(s, 17));
  sqlite3_finalize(s);
  rc = zn__jansson_dump(o, flags, out);
  json_decref(o);
  return rc;
}

/* Runs sql (two columns: a name and a count) into an array of
 * {"name", "count"} objects. */
static int top_list(zn_store *st, const char *sql, size_t n, json_t **out) {
  sqlite3_stmt *s = NULL;
  int rc = prep(st, sql, &s);
  json_t *a;
  if (rc != ZN_OK)
    return rc;
  a = json_array();
  sqlite3_bind_int64(s, 1, (sqlite3_int64)n);
  while (a != NULL && sqlite3_step(s) == SQLITE_ROW) {
    json_t *e = json_object();
    json_object_set_new(e, "name", col_json(s, 0));
    json_object_set_new(e, "count", json_integer(sqlite3_column_int64(s, 1)));
    json_array_append_new(a, e);
  }
  sqlite3_finalize(s);
  *out = a;
  return a != NULL ? ZN_OK : ZN_ENOMEM;
}

int zn_store_stats_json(zn_store *st, size_t top_n, unsigned flags,
                        zn_buf *out) {
  static const struct {
    const char *key;
    const char *sql;
  } k_lists[] = {
      {"people", "SELECT name, count(*) FROM entities WHERE type = 'person'"
                 " GROUP BY name ORDER BY 2 DESC, 1 LIMIT ?1"},
      {"places", "SELECT name, count(*) FROM entities WHERE type = 'place'"
                 " GROUP BY name ORDER BY 2 DESC, 1 LIMIT ?1"},
      {"organizations",
       "SELECT name, count(*) FROM entities WHERE type = 'organization'"
       " GROUP BY name ORDER BY 2 DESC, 1 LIMIT ?1"},
      {"sources", "SELECT coalesce(source, site), count(*) FROM documents"
                  " WHERE coalesce(source, site) IS NOT NULL"
                  " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?1"},
      {"months", "SELECT substr(published, 1, 7), count(*) FROM documents"
                 " WHERE published IS NOT NULL GROUP BY 1 ORDER BY 1"
                 " LIMIT -1 OFFSET 0 * ?1"},
  };
  sqlite3_stmt *s = NULL;
  json_t *o = json_object();
  int rc;

  if (o == NULL)
    return ZN_ENOMEM;
  rc = prep(st,
            "SELECT (SELECT count(*) FROM documents),"
            " (SELECT count(*) FROM documents WHERE analysis IS NOT NULL),"
            " (SELECT count(*) FROM entities),"
            " (SELECT count(*) FROM documents WHERE published IS NULL)",
            &s);
  if (rc == ZN_OK && sqlite3_step(s) == SQLITE_ROW) {
    json_object_set_new(o, "documents",
                        json_integer(sqlite3_column_int64(s, 0)));
    json_object_set_new(o, "analyzed",
                        json_integer(sqlite3_column_int64(s, 1)));
    json_object_set_new(o, "entities",
                        json_integer(sqlite3_column_int64(s, 2)));
    json_object_set_new(o, "undated", json_integer(sqlite3_column_int64(s, 3)));
  }
  sqlite3_finalize(s);
  for (size_t i = 0; rc == ZN_OK && i < sizeof k_lists / sizeof k_lists[0];
       i++) {
    json_t *a = NULL;
    rc = top_list(st, k_lists[i].sql, top_n, &a);
    if (rc == ZN_OK)
      json_object_set_new(o, k_lists[i].key, a);
  }
  if (rc == ZN_OK)
    rc = zn__jansson_dump(o, flags, out);
  json_decref(o);
  return rc;
}

int zn_store_fold(const char *text, size_t len, zn_buf *out) {
  size_t need;
  char *p;
  need = zn__fold_utf8(text, len, NULL, 0);
  p = zn_buf_reserve(out, need);
  if (p == NULL)
    return out->max != 0 && out->len + need > out->max ? ZN_ETOOBIG : ZN_ENOMEM;
  zn__fold_utf8(text, len, p, need);
  zn_buf_commit(out, need);
  return ZN_OK;
}
