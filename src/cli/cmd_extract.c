/* SPDX-License-Identifier: MIT */
/*
 * cmd_extract.c - `zhnews extract`: one Article record (JSON) a line for
 * each input, in input order; a one-line error on stderr for each input
 * that fails, and a summary when there was more than one input.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "zhnews/zhnews.h"

static const char k_usage[] =
    "usage: zhnews extract [options] [FILE... | -]\n"
    "\n"
    "Turns Chinese news pages (HTML, or saved as text by a scraper; any of\n"
    "UTF-8, GBK/GB18030, Big5, UTF-16) into Article records: one JSON object "
    "a\n"
    "line on stdout, in input order.  With no FILE, or with -, reads one\n"
    "page from stdin.  Fields are described in docs/FORMAT.md.\n"
    "\n"
    "options:\n"
    "  -p, --pretty           indent the JSON for people to read\n"
    "  -f, --format KIND      auto (default), text or html\n"
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
};

static bool is_io_error(int rc) {
  return rc == ZN_ENOENT || rc == ZN_EISDIR || rc == ZN_EACCES || rc == ZN_EIO;
}

/* Extracts one input; returns 0, or the exit code class of its failure. */
static int do_one(zn_extractor *ex, const struct opts *o, const char *name,
                  zn_buf *out) {
  struct zn_input in;
  const char *detail;
  zn_article *a = NULL;
  int rc = zn_cli_read_input(name, o->max_size, &in, &detail);

  if (rc != ZN_OK) {
    zn_cli_error("%s: %s", name, detail != NULL ? detail : zn_strerror(rc));
    return is_io_error(rc) ? ZN_EXIT_IO : ZN_EXIT_DATA;
  }
  rc = zn_extract(ex, in.data, in.len, &a);
  zn_free(in.data);
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

int zn_cmd_extract(int argc, char **argv) {
  struct opts o = {0, ZN_FORMAT_AUTO, ZN_EXTRACT_DEFAULT_MAX_INPUT,
                   ZN_EXTRACT_DEFAULT_MAX_DEPTH};
  zn_extractor *ex = NULL;
  zn_buf out;
  int first_file = argc;
  int n_inputs;
  int n_ok = 0;
  int n_failed = 0;
  int worst = ZN_EXIT_OK;
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
    } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
      zn_cli_quiet = true;
    } else if (strcmp(a, "-f") == 0 || strcmp(a, "--format") == 0) {
      const char *v = i + 1 < argc ? argv[++i] : NULL;
      if (v == NULL)
        return zn_cli_usage_error("extract", "--format needs a value");
      if (strcmp(v, "auto") == 0)
        o.format = ZN_FORMAT_AUTO;
      else if (strcmp(v, "text") == 0)
        o.format = ZN_FORMAT_TEXT;
      else if (strcmp(v, "html") == 0)
        o.format = ZN_FORMAT_HTML;
      else
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
    int code = do_one(ex, &o, files[i], &out);
    if (code == ZN_EXIT_OK) {
      n_ok++;
    } else {
      n_failed++;
      if (code > worst)
        worst = code;
    }
  }
  zn_buf_free(&out);
  zn_extractor_free(ex);
  if (n_inputs > 1)
    zn_cli_note("extract: %d inputs, %d records, %d failed", n_inputs, n_ok,
                n_failed);
  return zn_cli_finish_stdout(worst);
}
