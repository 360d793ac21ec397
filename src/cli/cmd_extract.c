/* SPDX-License-Identifier: MIT */
/*
 * cmd_extract.c - `zhnews extract`: one Article record (JSON) a line for
 * each input, in input order; a one-line error on stderr for each input
 * that fails, and a summary when there was more than one input.  Inputs
 * are files, directories (every file below, in sorted order) or, with
 * --jsonl, JSON Lines records holding a page's `html` and `url`.
 */
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "zhnews/zhnews.h"

static const char k_usage[] =
    "usage: zhnews extract [options] [FILE... | DIR... | -]\n"
    "\n"
    "Turns Chinese news pages (HTML, or saved as text by a scraper; any of\n"
    "UTF-8, GBK/GB18030, Big5, UTF-16) into Article records: one JSON object "
    "a\n"
    "line on stdout, in input order.  With no FILE, or with -, reads one\n"
    "page from stdin.  A DIR stands for every file below it, recursively,\n"
    "in byte order of the path (hidden files skipped, links to directories\n"
    "not followed).  Fields are described in docs/FORMAT.md.\n"
    "\n"
    "options:\n"
    "  -p, --pretty           indent the JSON for people to read\n"
    "  -f, --format KIND      auto (default), text or html\n"
    "  -j, --jsonl            inputs are JSON Lines: one object a line with\n"
    "                         the page in \"html\" and, optionally, the\n"
    "                         address it came from in \"url\" (the record's\n"
    "                         url when the page names none); errors name\n"
    "                         the input as FILE:LINE\n"
    "  -m, --max-size SIZE    refuse inputs over SIZE bytes (K, M, G\n"
    "                         suffixes; default 32M)\n"
    "  -d, --max-depth N      read HTML at most N elements deep (default\n"
    "                         256; deeper markup is skipped with a warning)\n"
    "  -q, --quiet            no warnings or summary (errors still show)\n"
    "  -h, --help             show this help\n"
    "      --                 end of options\n"
    "\n"
    "Each input gives a record or one error line 'zhnews: FILE: reason'.\n"
    "Exit status: 0 all inputs gave records; 3 some input was bad data;\n"
    "4 some input could not be read (or output failed); 2 usage error.\n";

struct opts {
  unsigned json_flags;
  zn_format format;
  size_t max_size;
  int max_depth;
  bool jsonl;
};

/* What a run has done so far. */
struct tally {
  int n_inputs;
  int n_ok;
  int n_failed;
  int worst;
};

static void count(struct tally *t, int code) {
  t->n_inputs++;
  if (code == ZN_EXIT_OK) {
    t->n_ok++;
  } else {
    t->n_failed++;
    if (code > t->worst)
      t->worst = code;
  }
}

/* Extracts one page and prints its record; returns 0, or the exit code
 * class of its failure. */
static int extract_page(zn_extractor *ex, const struct opts *o,
                        const char *name, const char *data, size_t len,
                        zn_buf *out) {
  zn_article *a = NULL;
  int rc = zn_extract(ex, data, len, &a);
  if (rc != ZN_OK) {
    zn_cli_error("%s: %s", name, zn_extractor_errmsg(ex));
    return rc == ZN_ENOMEM ? ZN_EXIT_INTERNAL : ZN_EXIT_DATA;
  }
  for (size_t i = 0; i < a->warnings.n; i++)
    zn_cli_warn("%s: %s", name, a->warnings.items[i]);
  zn_buf_reset(out);
  rc = zn_article_to_json(a, o->json_flags, out);
  zn_article_free(a);
  if (rc != ZN_OK) {
    zn_cli_error("%s: writing the record: %s", name, zn_strerror(rc));
    return ZN_EXIT_INTERNAL;
  }
  zn_buf_append_byte(out, '\n');
  fwrite(out->data, 1, out->len, stdout);
  return ZN_EXIT_OK;
}

/* Extracts one file; returns 0, or the exit code class of its failure. */
static int do_one(zn_extractor *ex, const struct opts *o, const char *name,
                  zn_buf *out) {
  struct zn_input in;
  const char *detail;
  int rc = zn_cli_read_input(name, o->max_size, &in, &detail);

  if (rc != ZN_OK) {
    zn_cli_error("%s: %s", name, detail != NULL ? detail : zn_strerror(rc));
    return zn_cli_read_exit(rc);
  }
  rc = extract_page(ex, o, name, in.data, in.len, out);
  zn_free(in.data);
  return rc;
}

/* Reads one line (without its newline) into line, keeping at most cap
 * bytes; *too_long says the rest was dropped.  Returns false at the end
 * of the input. */
static bool read_line(FILE *f, zn_buf *line, size_t cap, bool *too_long) {
  char chunk[65536];
  bool any = false;
  zn_buf_reset(line);
  *too_long = false;
  while (fgets(chunk, sizeof chunk, f) != NULL) {
    size_t n = strlen(chunk);
    bool end = n > 0 && chunk[n - 1] == '\n';
    any = true;
    if (end)
      n--;
    if (!*too_long && line->len + n <= cap) {
      if (zn_buf_append(line, chunk, n) != ZN_OK)
        *too_long = true;
    } else {
      *too_long = true;
    }
    if (end)
      break;
  }
  return any;
}

/* Extracts every record of a JSON Lines input, counting each in t. */
static void do_jsonl(zn_extractor *ex, const struct opts *o, const char *name,
                     zn_buf *out, struct tally *t) {
  bool is_stdin = strcmp(name, "-") == 0;
  FILE *f = is_stdin ? stdin : fopen(name, "rb");
  zn_buf line;
  size_t lineno = 0;
  bool too_long;
  /* A record holds the page escaped as a JSON string: allow for that. */
  size_t cap = o->max_size > ((size_t)-1 - 65536) / 2 ? (size_t)-1 / 2
                                                      : 2 * o->max_size + 65536;

  if (f == NULL) {
    zn_cli_error("%s: %s", name, strerror(errno));
    count(t, ZN_EXIT_IO);
    return;
  }
  zn_buf_init(&line, 0);
  while (read_line(f, &line, cap, &too_long)) {
    char where[512];
    json_t *j;
    json_t *html;
    json_t *url;
    size_t k = 0;
    lineno++;
    while (k < line.len && (line.data[k] == ' ' || line.data[k] == '\t' ||
                            line.data[k] == '\r'))
      k++;
    if (k == line.len && !too_long)
      continue; /* a blank line holds no record */
    snprintf(where, sizeof where, "%.480s:%zu", name, lineno);
    if (too_long) {
      zn_cli_error("%s: record over the input size limit", where);
      count(t, ZN_EXIT_DATA);
      continue;
    }
    j = json_loadb(line.data, line.len, JSON_REJECT_DUPLICATES, NULL);
    html = json_object_get(j, "html");
    url = json_object_get(j, "url");
    if (!json_is_string(html)) {
      zn_cli_error("%s: not a JSON object with an \"html\" string", where);
      count(t, ZN_EXIT_DATA);
      json_decref(j);
      continue;
    }
    if (zn_extractor_set_url(ex, json_is_string(url) ? json_string_value(url)
                                                     : NULL) != ZN_OK) {
      zn_cli_warn("%s: \"url\" ignored (too long)", where);
      zn_extractor_set_url(ex, NULL);
    }
    count(t, extract_page(ex, o, where, json_string_value(html),
                          json_string_length(html), out));
    json_decref(j);
  }
  if (ferror(f)) {
    zn_cli_error("%s: %s", name, strerror(errno));
    count(t, ZN_EXIT_IO);
  }
  zn_extractor_set_url(ex, NULL);
  zn_buf_free(&line);
  if (!is_stdin)
    fclose(f);
}

/* What the directory walker needs to extract a file. */
struct walk_ctx {
  zn_extractor *ex;
  const struct opts *o;
  zn_buf *out;
  struct tally *t;
};

static void walk_file(void *ctx, const char *path) {
  struct walk_ctx *w = ctx;
  if (w->o->jsonl)
    do_jsonl(w->ex, w->o, path, w->out, w->t);
  else
    count(w->t, do_one(w->ex, w->o, path, w->out));
}

static void walk_error(void *ctx, const char *path, const char *why, int code) {
  struct walk_ctx *w = ctx;
  zn_cli_error("%s: %s", path, why);
  count(w->t, code);
}

int zn_cmd_extract(int argc, char **argv) {
  struct opts o = {0, ZN_FORMAT_AUTO, ZN_EXTRACT_DEFAULT_MAX_INPUT,
                   ZN_EXTRACT_DEFAULT_MAX_DEPTH, false};
  zn_extractor *ex = NULL;
  zn_buf out;
  int first_file = argc;
  int n_inputs;
  struct tally t = {0, 0, 0, ZN_EXIT_OK};
  char *stdin_name[] = {(char *)"-"};
  char **files;

  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--") == 0) {
      first_file = i + 1;
      break;
    }
    if (a[0] != '-' || strcmp(a, "-") == 0) {
      first_file = i;
      break;
    }
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(k_usage, stdout);
      return zn_cli_finish_stdout(ZN_EXIT_OK);
    } else if (strcmp(a, "-p") == 0 || strcmp(a, "--pretty") == 0) {
      o.json_flags |= ZN_JSON_PRETTY;
    } else if (strcmp(a, "-j") == 0 || strcmp(a, "--jsonl") == 0) {
      o.jsonl = true;
    } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
      zn_cli_quiet = true;
    } else if (strcmp(a, "-f") == 0 || strcmp(a, "--format") == 0) {
      const char *v = i + 1 < argc ? argv[++i] : NULL;
      if (v == NULL)
        return zn_cli_usage_error("extract", "--format needs a value");
      if (!zn_cli_parse_format(v, &o.format))
        return zn_cli_usage_error("extract",
                                  "--format must be auto, text or html");
    } else if (strcmp(a, "-d") == 0 || strcmp(a, "--max-depth") == 0) {
      const char *v = i + 1 < argc ? argv[++i] : NULL;
      size_t d;
      if (v == NULL || !zn_cli_parse_size(v, &d) || d == 0 || d > 100000)
        return zn_cli_usage_error("extract",
                                  "--max-depth needs a number from 1 to "
                                  "100000");
      o.max_depth = (int)d;
    } else if (strcmp(a, "-m") == 0 || strcmp(a, "--max-size") == 0) {
      const char *v = i + 1 < argc ? argv[++i] : NULL;
      if (v == NULL || !zn_cli_parse_size(v, &o.max_size) || o.max_size == 0)
        return zn_cli_usage_error("extract",
                                  "--max-size needs a size such as 32M");
    } else {
      char why[128];
      snprintf(why, sizeof why, "unknown option '%.60s'", a);
      return zn_cli_usage_error("extract", why);
    }
  }
  if (first_file < argc) {
    files = argv + first_file;
    n_inputs = argc - first_file;
  } else {
    files = stdin_name;
    n_inputs = 1;
  }
  if (zn_extractor_new(&ex) != ZN_OK) {
    zn_cli_error("out of memory");
    return ZN_EXIT_INTERNAL;
  }
  zn_extractor_set_format(ex, o.format);
  zn_extractor_set_max_input(ex, o.max_size);
  zn_extractor_set_max_depth(ex, o.max_depth);
  zn_buf_init(&out, 0);
  for (int i = 0; i < n_inputs; i++) {
    struct walk_ctx wc = {ex, &o, &out, &t};
    struct zn_cli_walker w = {walk_file, walk_error, &wc};
    /* An argument always gives a record or an error line. */
    if (zn_cli_walk(files[i], &w) == 0) {
      zn_cli_error("%s: a directory with no files in it", files[i]);
      count(&t, ZN_EXIT_IO);
    }
  }
  zn_buf_free(&out);
  zn_extractor_free(ex);
  if (t.n_inputs > 1)
    zn_cli_note("extract: %d inputs, %d records, %d failed", t.n_inputs, t.n_ok,
                t.n_failed);
  return zn_cli_finish_stdout(t.worst);
}
