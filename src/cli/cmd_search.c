/* SPDX-License-Identifier: MIT */
/*
 * cmd_search.c - the reading verbs of the archive: `zhnews search` (ranked
 * hits with a marked snippet), `zhnews show` (one stored Document) and
 * `zhnews stats` (counts, top entities and sources, documents per month).
 */
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "zhnews/zhnews.h"

static const char k_search_usage[] =
    "usage: zhnews search [options] DB QUERY\n"
    "\n"
    "Searches the archive DB; prints the best hits, best first: title, date,\n"
    "source, id and a passage with the matches [marked].\n"
    "\n"
    "QUERY: words must all occur (Chinese without quotes is split into\n"
    "words); \"a quoted phrase\" must occur exactly (for Chinese: as a\n"
    "substring, traditional or simplified); a OR b; NOT a, -a exclude.\n"
    "Traditional and full-width forms find their simplified and ASCII\n"
    "forms.  Nothing in a query is a syntax error.\n"
    "\n"
    "options:\n"
    "  -n, --limit N          at most N hits (default 10)\n"
    "      --since DATE       published on or after DATE (YYYY[-MM[-DD]])\n"
    "      --until DATE       published on or before DATE\n"
    "      --source S         the source or site is S\n"
    "      --person P         P is among the document's people\n"
    "  -j, --json             one JSON object a hit\n"
    "  -l, --lexicon PATH     the compiled lexicon (splits Chinese queries)\n"
    "  -h, --help             show this help\n"
    "\n"
    "Exit status: 0 hits found; 1 nothing found; 2 usage error; 4 the\n"
    "database could not be read.\n";

static const char k_show_usage[] =
    "usage: zhnews show [--pretty] DB ID\n"
    "\n"
    "Prints the stored Document ID as JSON (the Article's keys, analysis,\n"
    "then id, content_hash, indexed_at).  Exit status: 0, 1 no such id,\n"
    "2 usage error, 4 database error.\n";

static const char k_stats_usage[] =
    "usage: zhnews stats [--json] [--top N] DB\n"
    "\n"
    "Prints what the archive DB holds: documents, entities, the top N\n"
    "(default 10) people, places, organizations and sources, documents per\n"
    "month.  Exit status: 0, 2 usage error, 4 database error.\n";

static bool want_help(int argc, char **argv, const char *usage) {
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--") == 0)
      break;
    if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
      fputs(usage, stdout);
      return true;
    }
  }
  return false;
}

static int open_store(const char *db, const zn_lexicon *lex, zn_store **st) {
  char err[512];
  if (access(db, F_OK) != 0) {
    zn_cli_error("%s: %s", db, strerror(errno));
    return ZN_EXIT_IO;
  }
  if (zn_store_open(db, ZN_STORE_READONLY, lex, st, err, sizeof err) != ZN_OK) {
    zn_cli_error("%s: %s", db, err);
    return ZN_EXIT_IO;
  }
  return ZN_EXIT_OK;
}

static void print_hit_json(const zn_hit *h) {
  json_t *o = json_object();
  char *z;
  json_object_set_new(o, "id", json_integer(h->id));
  json_object_set_new(o, "score", json_real(h->score));
  json_object_set_new(o, "title",
                      h->title ? json_string(h->title) : json_null());
  json_object_set_new(o, "published",
                      h->published ? json_string(h->published) : json_null());
  json_object_set_new(o, "source",
                      h->source ? json_string(h->source) : json_null());
  json_object_set_new(o, "site", h->site ? json_string(h->site) : json_null());
  json_object_set_new(o, "url", h->url ? json_string(h->url) : json_null());
  json_object_set_new(o, "snippet",
                      h->snippet ? json_string(h->snippet) : json_null());
  z = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
  if (z != NULL)
    puts(z);
  free(z);
  json_decref(o);
}

static void print_hit_text(size_t i, const zn_hit *h) {
  const char *snip = h->snippet != NULL ? h->snippet : "";
  printf("%zu. %s\n", i + 1, h->title != NULL ? h->title : "(no title)");
  printf("   %s · %s · id %lld\n",
         h->published != NULL ? h->published : "(undated)",
         h->source != NULL ? h->source
         : h->site != NULL ? h->site
                           : "(no source)",
         (long long)h->id);
  /* A snippet may span paragraphs: keep it on one line. */
  fputs("   ", stdout);
  for (const char *p = snip; *p != '\0'; p++)
    putchar(*p == '\n' ? ' ' : *p);
  putchar('\n');
  if (h->url != NULL)
    printf("   %s\n", h->url);
}

int zn_cmd_search(int argc, char **argv) {
  zn_search_opts o;
  const char *args[2] = {NULL, NULL};
  const char *lexicon = NULL;
  char lexbuf[4096];
  char err[256];
  zn_lexicon *lex = NULL;
  zn_store *st = NULL;
  zn_hits hits;
  bool json = false;
  bool opts_done = false;
  int nargs = 0;
  int code;
  int rc;

  memset(&o, 0, sizeof o);
  if (want_help(argc, argv, k_search_usage))
    return zn_cli_finish_stdout(ZN_EXIT_OK);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char **dst = NULL;
    if (!opts_done && strcmp(a, "--") == 0) {
      opts_done = true;
      continue;
    }
    if (opts_done || a[0] != '-' || a[1] == '\0') {
      if (nargs == 2)
        return zn_cli_usage_error("search", "too many arguments (quote the "
                                            "query)");
      args[nargs++] = a;
      continue;
    }
    if (strcmp(a, "-j") == 0 || strcmp(a, "--json") == 0) {
      json = true;
      continue;
    }
    if (strcmp(a, "-n") == 0 || strcmp(a, "--limit") == 0) {
      const char *v = i + 1 < argc ? argv[++i] : NULL;
      if (v == NULL || !zn_cli_parse_size(v, &o.limit) || o.limit == 0 ||
          o.limit > 100000)
        return zn_cli_usage_error("search",
                                  "--limit needs a number from 1 to 100000");
      continue;
    }
    if (strcmp(a, "--since") == 0)
      dst = &o.since;
    else if (strcmp(a, "--until") == 0)
      dst = &o.until;
    else if (strcmp(a, "--source") == 0)
      dst = &o.source;
    else if (strcmp(a, "--person") == 0)
      dst = &o.person;
    else if (strcmp(a, "-l") == 0 || strcmp(a, "--lexicon") == 0)
      dst = &lexicon;
    if (dst == NULL) {
      /* A query may start with '-' (exclusion) after the database. */
      if (nargs == 1) {
        args[nargs++] = a;
        continue;
      }
      char why[128];
      snprintf(why, sizeof why, "unknown option '%.60s'", a);
      return zn_cli_usage_error("search", why);
    }
    if (i + 1 >= argc) {
      char why[128];
      snprintf(why, sizeof why, "%.60s needs a value", a);
      return zn_cli_usage_error("search", why);
    }
    *dst = argv[++i];
  }
  if (nargs < 2)
    return zn_cli_usage_error("search", "usage: zhnews search DB QUERY");
  /* Without a lexicon the search still works, only more strictly. */
  if (zn_lexicon_open(zn_cli_lexicon_path(lexicon, lexbuf, sizeof lexbuf), &lex,
                      err, sizeof err) != ZN_OK) {
    if (lexicon != NULL) {
      zn_cli_error("%s: %s", lexicon, err);
      return ZN_EXIT_IO;
    }
    lex = NULL;
  }
  code = open_store(args[0], lex, &st);
  if (code != ZN_EXIT_OK) {
    zn_lexicon_close(lex);
    return code;
  }
  rc = zn_store_search(st, args[1], &o, &hits);
  if (rc != ZN_OK) {
    zn_cli_error("%s: %s", args[0],
                 zn_store_errmsg(st)[0] ? zn_store_errmsg(st)
                                        : zn_strerror(rc));
    code = rc == ZN_EINVAL || rc == ZN_ETOOBIG ? ZN_EXIT_USAGE : ZN_EXIT_IO;
  } else {
    for (size_t i = 0; i < hits.n; i++) {
      if (json)
        print_hit_json(&hits.items[i]);
      else
        print_hit_text(i, &hits.items[i]);
    }
    code = hits.n > 0 ? ZN_EXIT_OK : ZN_EXIT_NOTFOUND;
    zn_hits_free(&hits);
  }
  zn_store_close(st);
  zn_lexicon_close(lex);
  return zn_cli_finish_stdout(code);
}

int zn_cmd_show(int argc, char **argv) {
  const char *args[2] = {NULL, NULL};
  unsigned flags = 0;
  int nargs = 0;
  zn_store *st = NULL;
  zn_buf out;
  char *end;
  long long id;
  int code;
  int rc;

  if (want_help(argc, argv, k_show_usage))
    return zn_cli_finish_stdout(ZN_EXIT_OK);
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-p") == 0 || strcmp(argv[i], "--pretty") == 0) {
      flags |= ZN_JSON_PRETTY;
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      char why[128];
      snprintf(why, sizeof why, "unknown option '%.60s'", argv[i]);
      return zn_cli_usage_error("show", why);
    } else if (nargs < 2) {
      args[nargs++] = argv[i];
    } else {
      return zn_cli_usage_error("show", "too many arguments");
    }
  }
  if (nargs < 2)
    return zn_cli_usage_error("show", "usage: zhnews show DB ID");
  errno = 0;
  id = strtoll(args[1], &end, 10);
  if (errno != 0 || *end != '\0' || end == args[1] || id <= 0)
    return zn_cli_usage_error("show", "ID is a document number (1, 2, ...)");
  code = open_store(args[0], NULL, &st);
  if (code != ZN_EXIT_OK)
    return code;
  zn_buf_init(&out, 0);
  rc = zn_store_get_json(st, id, flags, &out);
  if (rc == ZN_OK) {
    fwrite(out.data, 1, out.len, stdout);
    putchar('\n');
    code = ZN_EXIT_OK;
  } else {
    zn_cli_error("%s: %s", args[0], zn_store_errmsg(st));
    code = rc == ZN_ENOENT ? ZN_EXIT_NOTFOUND : ZN_EXIT_IO;
  }
  zn_buf_free(&out);
  zn_store_close(st);
  return zn_cli_finish_stdout(code);
}

static void print_list(json_t *o, const char *key, const char *label) {
  json_t *a = json_object_get(o, key);
  json_t *e;
  size_t i;
  printf("%s:", label);
  if (json_array_size(a) == 0)
    fputs(" (none)", stdout);
  json_array_foreach(a, i, e) {
    printf("%s %s (%lld)", i > 0 ? "," : "",
           json_string_value(json_object_get(e, "name")),
           (long long)json_integer_value(json_object_get(e, "count")));
  }
  putchar('\n');
}

int zn_cmd_stats(int argc, char **argv) {
  const char *db = NULL;
  size_t top = 10;
  bool as_json = false;
  zn_store *st = NULL;
  zn_buf out;
  int code;
  int rc;

  if (want_help(argc, argv, k_stats_usage))
    return zn_cli_finish_stdout(ZN_EXIT_OK);
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-j") == 0 || strcmp(argv[i], "--json") == 0) {
      as_json = true;
    } else if (strcmp(argv[i], "--top") == 0) {
      if (i + 1 >= argc || !zn_cli_parse_size(argv[++i], &top) || top == 0 ||
          top > 10000)
        return zn_cli_usage_error("stats",
                                  "--top needs a number from 1 to 10000");
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      char why[128];
      snprintf(why, sizeof why, "unknown option '%.60s'", argv[i]);
      return zn_cli_usage_error("stats", why);
    } else if (db == NULL) {
      db = argv[i];
    } else {
      return zn_cli_usage_error("stats", "too many arguments");
    }
  }
  if (db == NULL)
    return zn_cli_usage_error("stats", "no database given");
  code = open_store(db, NULL, &st);
  if (code != ZN_EXIT_OK)
    return code;
  zn_buf_init(&out, 0);
  rc = zn_store_stats_json(st, top, 0, &out);
  if (rc != ZN_OK) {
    zn_cli_error("%s: %s", db, zn_store_errmsg(st));
    code = ZN_EXIT_IO;
  } else if (as_json) {
    fwrite(out.data, 1, out.len, stdout);
    putchar('\n');
  } else {
    json_t *o = json_loadb(out.data, out.len, 0, NULL);
    json_t *m;
    json_t *e;
    size_t i;
    printf("documents: %lld (%lld analyzed, %lld undated)\n",
           (long long)json_integer_value(json_object_get(o, "documents")),
           (long long)json_integer_value(json_object_get(o, "analyzed")),
           (long long)json_integer_value(json_object_get(o, "undated")));
    printf("entities: %lld\n",
           (long long)json_integer_value(json_object_get(o, "entities")));
    print_list(o, "people", "top people");
    print_list(o, "places", "top places");
    print_list(o, "organizations", "top organizations");
    print_list(o, "sources", "top sources");
    puts("documents per month:");
    m = json_object_get(o, "months");
    json_array_foreach(m, i, e) {
      printf("  %s  %lld\n", json_string_value(json_object_get(e, "name")),
             (long long)json_integer_value(json_object_get(e, "count")));
    }
    json_decref(o);
  }
  zn_buf_free(&out);
  zn_store_close(st);
  return zn_cli_finish_stdout(code);
}
