/* SPDX-License-Identifier: MIT */
/*
 * cmd_index.c - `zhnews index DB [FILE... | DIR | -]`: puts pages (HTML or
 * text dumps, extracted and analyzed here) and Article / Document JSON Lines
 * into the store, in batches of one transaction each, and says what it did:
 * a progress line on a terminal, each failure by name, a summary of added /
 * updated / unchanged / failed.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "zhnews/zhnews.h"

static const char k_usage[] =
    "usage: zhnews index [options] DB [FILE... | DIR | -]\n"
    "\n"
    "Adds news to the SQLite archive DB (created if needed): pages (HTML or\n"
    "saved as text, any charset; extracted and analyzed here) and Article\n"
    "or Document JSON Lines (files whose first character is '{').  A\n"
    "directory is read recursively (hidden files skipped), in name order.\n"
    "The same page put again (same url, else same text) updates its record,\n"
    "never duplicates it.  Each batch is one transaction: if indexing is\n"
    "killed, every finished batch stays, and running the same command again\n"
    "takes the rest.\n"
    "\n"
    "options:\n"
    "  -b, --batch N          documents per transaction (default 200)\n"
    "  -l, --lexicon PATH     the compiled lexicon (for analysis)\n"
    "  -m, --max-size SIZE    refuse inputs over SIZE bytes (default 32M)\n"
    "  -v, --verbose          a line after each committed batch\n"
    "  -q, --quiet            no warnings, progress or summary\n"
    "  -h, --help             show this help\n"
    "\n"
    "Exit status: 0 every input indexed; 3 some input was bad data; 4 some\n"
    "input could not be read or the database failed; 2 usage error.\n";

/* JSON Lines longer than this are refused (one record, not a corpus). */
#define ZN_MAX_JSON_LINE ((size_t)64 << 20)

struct ctx {
  zn_store *st;
  zn_extractor *ex;
  zn_analyzer *an;
  size_t batch;
  size_t max_size;
  bool verbose;
  bool progress;                                    /* stderr is a terminal */
  size_t n_added, n_updated, n_unchanged, n_failed; /* committed, failed */
  /* Of the batch in progress: counted into the above when it commits. */
  size_t b_added, b_updated, b_unchanged;
  int worst;
  bool db_failed;
  struct timespec t0, last_progress;
};

static double secs_since(const struct timespec *t) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - t->tv_sec) +
         (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

/* The analyzer for pages and for JSON records without analysis, over the
 * lexicon (both freed by the caller). */
static int make_analyzer(const char *lexicon, zn_lexicon **lex,
                         zn_analyzer **an) {
  char err[256];
  int rc;
  *lex = NULL;
  *an = NULL;
  rc = zn_lexicon_open(lexicon, lex, err, sizeof err);
  if (rc != ZN_OK) {
    zn_cli_error("%s: %s", lexicon, err);
    return rc;
  }
  rc = zn_analyzer_new(*lex, an);
  if (rc != ZN_OK) {
    zn_cli_error("creating the analyzer: %s", zn_strerror(rc));
    zn_lexicon_close(*lex);
    *lex = NULL;
  }
  return rc;
}

/* Documents put in the batch in progress. */
static size_t batch_n(const struct ctx *c) {
  return c->b_added + c->b_updated + c->b_unchanged;
}

static void note_progress(struct ctx *c, bool force) {
  double dt;
  size_t n = c->n_added + c->n_updated + c->n_unchanged + batch_n(c);
  if (!c->progress || zn_cli_quiet)
    return;
  if (!force && secs_since(&c->last_progress) < 0.5)
    return;
  clock_gettime(CLOCK_MONOTONIC, &c->last_progress);
  dt = secs_since(&c->t0);
  fprintf(stderr, "\rzhnews: index: %zu documents, %.0f docs/s, %zu failed ", n,
          dt > 0 ? (double)n / dt : 0.0, c->n_failed);
}

static int commit(struct ctx *c) {
  int rc;
  size_t in_batch = batch_n(c);
  if (in_batch == 0)
    return ZN_OK;
  rc = zn_store_commit(c->st);
  if (rc != ZN_OK) {
    /* The batch is rolled back: its documents are not in the archive,
     * and the same command run again takes them. */
    zn_cli_error("committing: %s; the last %zu documents were not stored",
                 zn_store_errmsg(c->st), in_batch);
    c->n_failed += in_batch;
    c->b_added = c->b_updated = c->b_unchanged = 0;
    c->db_failed = true;
    return rc;
  }
  c->n_added += c->b_added;
  c->n_updated += c->b_updated;
  c->n_unchanged += c->b_unchanged;
  c->b_added = c->b_updated = c->b_unchanged = 0;
  if (c->verbose)
    zn_cli_note("index: committed %zu documents",
                c->n_added + c->n_updated + c->n_unchanged);
  return ZN_OK;
}

static void failed(struct ctx *c, int code) {
  c->n_failed++;
  if (code > c->worst)
    c->worst = code;
}

/* After each put: batch bookkeeping.  Returns false if the database is
 * gone (stop). */
static bool after_put(struct ctx *c, zn_put_result what) {
  if (what == ZN_PUT_ADDED)
    c->b_added++;
  else if (what == ZN_PUT_UPDATED)
    c->b_updated++;
  else
    c->b_unchanged++;
  if (batch_n(c) >= c->batch) {
    if (commit(c) != ZN_OK)
      return false;
    if (zn_store_begin(c->st) != ZN_OK) {
      zn_cli_error("starting a batch: %s", zn_store_errmsg(c->st));
      c->db_failed = true;
      return false;
    }
  }
  note_progress(c, false);
  return true;
}

static bool db_error(int rc) {
  return rc == ZN_EIO;
}

/* One JSON Lines record (line is 1-based, for messages). */
static void index_json_line(struct ctx *c, const char *name, size_t line,
                            const char *p, size_t n) {
  zn_put_result what;
  int rc;
  while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
    n--;
  if (n == 0)
    return;
  rc = zn_store_put_json(c->st, p, n, c->an, &what, NULL);
  if (rc == ZN_OK) {
    after_put(c, what);
    return;
  }
  zn_cli_error("%s:%zu: %s", name, line,
               zn_store_errmsg(c->st)[0] ? zn_store_errmsg(c->st)
                                         : zn_strerror(rc));
  if (db_error(rc)) {
    c->db_failed = true;
    failed(c, ZN_EXIT_IO);
    return;
  }
  failed(c, rc == ZN_ENOMEM ? ZN_EXIT_INTERNAL : ZN_EXIT_DATA);
}

/* Streams JSON Lines from f (a corpus may be far larger than memory). */
static void index_jsonl(struct ctx *c, const char *name, FILE *f) {
  char *buf = NULL;
  size_t cap = 0;
  size_t line = 0;
  ssize_t n;
  while (!c->db_failed && (n = getline(&buf, &cap, f)) >= 0) {
    line++;
    if ((size_t)n > ZN_MAX_JSON_LINE) {
      zn_cli_error("%s:%zu: a line over %zu bytes", name, line,
                   (size_t)ZN_MAX_JSON_LINE);
      failed(c, ZN_EXIT_DATA);
      continue;
    }
    if (n > 0 && buf[n - 1] == '\n')
      n--;
    index_json_line(c, name, line, buf, (size_t)n);
  }
  if (ferror(f)) {
    zn_cli_error("%s: read error", name);
    failed(c, ZN_EXIT_IO);
  }
  free(buf);
}

static void index_page(struct ctx *c, const char *name, const char *data,
                       size_t len) {
  zn_article *a = NULL;
  zn_analysis *an = NULL;
  zn_put_result what;
  int rc = zn_extract(c->ex, data, len, &a);
  if (rc != ZN_OK) {
    zn_cli_error("%s: %s", name, zn_extractor_errmsg(c->ex));
    failed(c, rc == ZN_ENOMEM ? ZN_EXIT_INTERNAL : ZN_EXIT_DATA);
    return;
  }
  if (c->an != NULL) {
    rc = zn_analyze(c->an, a, &an);
    if (rc != ZN_OK) {
      zn_cli_error("%s: analyzing: %s", name, zn_strerror(rc));
      failed(c, ZN_EXIT_INTERNAL);
      zn_article_free(a);
      return;
    }
  }
  rc = zn_store_put(c->st, a, an, &what, NULL);
  zn_analysis_free(an);
  zn_article_free(a);
  if (rc != ZN_OK) {
    zn_cli_error("%s: %s", name,
                 zn_store_errmsg(c->st)[0] ? zn_store_errmsg(c->st)
                                           : zn_strerror(rc));
    c->db_failed = db_error(rc);
    failed(c, db_error(rc) ? ZN_EXIT_IO : ZN_EXIT_DATA);
    return;
  }
  after_put(c, what);
}

static void index_file(struct ctx *c, const char *name) {
  struct zn_input in;
  const char *detail;
  bool is_stdin = strcmp(name, "-") == 0;
  FILE *f = is_stdin ? stdin : fopen(name, "rb");
  unsigned char pre[4096];
  size_t npre = 0;
  int ch;
  int rc;

  if (f == NULL) {
    /* Let the common reader name the reason. */
    rc = zn_cli_read_input(name, c->max_size, &in, &detail);
    zn_cli_error("%s: %s", name, detail != NULL ? detail : zn_strerror(rc));
    failed(c, zn_cli_read_exit(rc));
    if (rc == ZN_OK)
      zn_free(in.data);
    return;
  }
  /* JSON Lines when the first character (after a BOM and white space) is
   * '{'; anything else is a page.  pre keeps the bytes looked at, for a
   * page read from stdin (which cannot be reread). */
  for (;;) {
    ch = getc(f);
    if (ch == EOF)
      break;
    pre[npre++] = (unsigned char)ch;
    if (ch == 0xEF && npre == 1) {
      int b1 = getc(f);
      int b2 = b1 == EOF ? EOF : getc(f);
      if (b1 != EOF)
        pre[npre++] = (unsigned char)b1;
      if (b2 != EOF)
        pre[npre++] = (unsigned char)b2;
      if (b1 == 0xBB && b2 == 0xBF)
        continue;
      break;
    }
    if ((ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n') ||
        npre + 3 >= sizeof pre)
      break;
  }
  if (ch == '{') {
    ungetc(ch, f);
    index_jsonl(c, name, f);
    if (!is_stdin)
      fclose(f);
    return;
  }
  if (!is_stdin) {
    fclose(f);
    rc = zn_cli_read_input(name, c->max_size, &in, &detail);
  } else {
    zn_buf b;
    zn_buf_init(&b, c->max_size);
    rc = zn_buf_append(&b, pre, npre);
    while (rc == ZN_OK && (ch = getc(f)) != EOF)
      rc = zn_buf_append_byte(&b, (unsigned char)ch);
    detail = rc == ZN_ETOOBIG ? "over the input size limit" : NULL;
    in.name = name;
    in.data = NULL;
    in.len = 0;
    if (rc == ZN_OK) {
      in.data = zn_buf_detach(&b, &in.len);
      if (in.data == NULL)
        rc = ZN_ENOMEM;
    } else {
      zn_buf_free(&b);
    }
  }
  if (rc != ZN_OK) {
    zn_cli_error("%s: %s", name, detail != NULL ? detail : zn_strerror(rc));
    failed(c, zn_cli_read_exit(rc));
    return;
  }
  index_page(c, name, in.data, in.len);
  zn_free(in.data);
}

static void walk_file(void *ctx, const char *path) {
  struct ctx *c = ctx;
  if (!c->db_failed) /* the database is gone: the rest cannot be stored */
    index_file(c, path);
}

static void walk_error(void *ctx, const char *path, const char *why, int code) {
  zn_cli_error("%s: %s", path, why);
  failed(ctx, code);
}

static void index_path(struct ctx *c, const char *path) {
  struct zn_cli_walker w = {walk_file, walk_error, c};
  if (zn_cli_walk(path, &w) == 0) {
    zn_cli_error("%s: a directory with no files in it", path);
    failed(c, ZN_EXIT_IO);
  }
}

int zn_cmd_index(int argc, char **argv) {
  struct ctx c;
  const char *db = NULL;
  const char *lexicon = NULL;
  zn_lexicon *lex = NULL;
  char lexbuf[4096];
  char err[512];
  int first = argc;
  int rc;

  memset(&c, 0, sizeof c);
  c.batch = 200;
  c.max_size = ZN_EXTRACT_DEFAULT_MAX_INPUT;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--") == 0) {
      first = i + 1;
      break;
    }
    if (a[0] != '-' || strcmp(a, "-") == 0) {
      first = i;
      break;
    }
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(k_usage, stdout);
      return zn_cli_finish_stdout(ZN_EXIT_OK);
    } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
      zn_cli_quiet = true;
    } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
      c.verbose = true;
    } else if (strcmp(a, "-b") == 0 || strcmp(a, "--batch") == 0) {
      const char *v = i + 1 < argc ? argv[++i] : NULL;
      if (v == NULL || !zn_cli_parse_size(v, &c.batch) || c.batch == 0 ||
          c.batch > 1000000)
        return zn_cli_usage_error("index",
                                  "--batch needs a number from 1 to 1000000");
    } else if (strcmp(a, "-l") == 0 || strcmp(a, "--lexicon") == 0) {
      lexicon = i + 1 < argc ? argv[++i] : NULL;
      if (lexicon == NULL)
        return zn_cli_usage_error("index", "--lexicon needs a path");
    } else if (strcmp(a, "-m") == 0 || strcmp(a, "--max-size") == 0) {
      const char *v = i + 1 < argc ? argv[++i] : NULL;
      if (v == NULL || !zn_cli_parse_size(v, &c.max_size) || c.max_size == 0)
        return zn_cli_usage_error("index",
                                  "--max-size needs a size such as 32M");
    } else {
      char why[128];
      snprintf(why, sizeof why, "unknown option '%.60s'", a);
      return zn_cli_usage_error("index", why);
    }
  }
  if (first >= argc)
    return zn_cli_usage_error("index", "no database given");
  db = argv[first++];
  rc = make_analyzer(zn_cli_lexicon_path(lexicon, lexbuf, sizeof lexbuf), &lex,
                     &c.an);
  if (rc != ZN_OK)
    return ZN_EXIT_IO;
  if (zn_store_open(db, 0, NULL, &c.st, err, sizeof err) != ZN_OK) {
    zn_cli_error("%s: %s", db, err);
    zn_analyzer_free(c.an);
    zn_lexicon_close(lex);
    return ZN_EXIT_IO;
  }
  if (zn_extractor_new(&c.ex) != ZN_OK) {
    zn_cli_error("out of memory");
    zn_store_close(c.st);
    zn_analyzer_free(c.an);
    zn_lexicon_close(lex);
    return ZN_EXIT_INTERNAL;
  }
  zn_extractor_set_max_input(c.ex, c.max_size);
  c.progress = isatty(STDERR_FILENO) != 0;
  clock_gettime(CLOCK_MONOTONIC, &c.t0);
  c.last_progress = c.t0;
  if (zn_store_begin(c.st) != ZN_OK) {
    zn_cli_error("%s: %s", db, zn_store_errmsg(c.st));
    c.db_failed = true;
  }
  if (first >= argc) {
    index_path(&c, "-");
  } else {
    for (int i = first; i < argc && !c.db_failed; i++)
      index_path(&c, argv[i]);
  }
  if (!c.db_failed) {
    commit(&c);
  } else if (batch_n(&c) > 0) {
    /* Stopped inside a batch: closing the store rolls it back. */
    zn_cli_error("the last %zu documents were not stored", batch_n(&c));
    c.n_failed += batch_n(&c);
  }
  note_progress(&c, true);
  if (c.progress && !zn_cli_quiet)
    fputc('\n', stderr);
  zn_cli_note("index: %zu added, %zu updated, %zu unchanged, %zu failed "
              "(%.1f s)",
              c.n_added, c.n_updated, c.n_unchanged, c.n_failed,
              secs_since(&c.t0));
  zn_extractor_free(c.ex);
  zn_store_close(c.st);
  zn_analyzer_free(c.an);
  zn_lexicon_close(lex);
  if (c.db_failed)
    return ZN_EXIT_IO;
  return c.worst;
}
