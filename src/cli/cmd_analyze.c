/* SPDX-License-Identifier: MIT */
/*
 * cmd_analyze.c - `zhnews analyze`: a Document (the Article plus its
 * analysis) a line for each page, or for each Article / Document line of a
 * JSON Lines input, in input order; one error line for each input or line
 * that fails, and a summary when there was more than one.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zhnews/zhnews.h"

static const char k_usage[] =
    "usage: zhnews analyze [options] [FILE... | -]\n"
    "\n"
    "Analyzes Chinese news: for each page (HTML or a text dump, as\n"
    "'zhnews extract' reads them) or each line of Article JSON Lines (what\n"
    "'zhnews extract' prints), prints a Document: the Article plus\n"
    "\"analysis\" with people and their posts, places, organizations, dates\n"
    "resolved against the publish time, slogans, keywords, a summary and\n"
    "fingerprints (docs/FORMAT.md).  One JSON object a line, input order.\n"
    "An input whose first character is '{' is read as JSON Lines; a\n"
    "directory means every file below it, in sorted order.\n"
    "\n"
    "options:\n"
    "  -k, --keywords N       keywords to give (default 10)\n"
    "  -s, --summary N        summary sentences (default 3)\n"
    "  -p, --pretty           indent the JSON for people to read\n"
    "  -f, --format KIND      pages are auto (default), text or html\n"
    "  -m, --max-size SIZE    refuse inputs over SIZE bytes (default 32M)\n"
    "  -l, --lexicon FILE     the compiled lexicon (default: as 'zhnews seg')\n"
    "      --mode MODE        segmentation: fast (default) or accurate (the\n"
    "                         trained model); recorded as analysis.seg_mode\n"
    "      --model FILE       accurate mode's model (default: as 'zhnews "
    "seg')\n"
    "  -u, --user-dict FILE   user words (always one token; see 'zhnews seg')\n"
    "  -q, --quiet            no warnings or summary (errors still show)\n"
    "  -h, --help             show this help\n"
    "\n"
    "Exit status: 0 every input gave records; 3 some input or line was bad\n"
    "data; 4 some input could not be read; 2 usage error; 5 internal.\n";

struct opts {
  unsigned json_flags;
  zn_format format;
  size_t max_size;
  size_t nkeywords, nsummary;
  const char *lexicon;
  const char *user_dict;
  const char *model;
  bool accurate;
};

struct run {
  zn_extractor *ex;
  zn_analyzer *an;
  const struct opts *o;
  zn_buf out;
  int n_records, n_failed, worst;
};

static void fail(struct run *r, int code) {
  r->n_failed++;
  if (code > r->worst)
    r->worst = code;
}

/* Analyzes a and prints the Document; takes a. */
static void emit(struct run *r, const char *name, zn_article *a) {
  zn_analysis *res = NULL;
  int rc = zn_analyze(r->an, a, &res);

  if (rc == ZN_OK) {
    zn_buf_reset(&r->out);
    rc = zn_document_to_json(a, res, r->o->json_flags, &r->out);
  }
  zn_analysis_free(res);
  zn_article_free(a);
  if (rc != ZN_OK) {
    zn_cli_error("%s: %s", name, zn_strerror(rc));
    fail(r, ZN_EXIT_INTERNAL);
    return;
  }
  zn_buf_append_byte(&r->out, '\n');
  fwrite(r->out.data, 1, r->out.len, stdout);
  r->n_records++;
}

static void do_jsonl(struct run *r, const char *name, const char *data,
                     size_t len) {
  size_t lineno = 0;
  const char *p = data, *end = data + len;

  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *e = nl != NULL ? nl : end;
    const char *s = p;
    char err[256];
    zn_article *a = NULL;
    int rc;

    lineno++;
    p = nl != NULL ? nl + 1 : end;
    while (s < e && (*s == ' ' || *s == '\t' || *s == '\r'))
      s++;
    if (s == e)
      continue;
    rc = zn_article_from_json(s, (size_t)(e - s), &a, err, sizeof err);
    if (rc != ZN_OK) {
      zn_cli_error("%s:%zu: %s", name, lineno,
                   err[0] != '\0' ? err : zn_strerror(rc));
      fail(r, rc == ZN_ENOMEM ? ZN_EXIT_INTERNAL : ZN_EXIT_DATA);
      continue;
    }
    emit(r, name, a);
  }
}

static void do_one(struct run *r, const char *name) {
  struct zn_input in;
  const char *detail;
  zn_article *a = NULL;
  size_t i = 0;
  int rc = zn_cli_read_input(name, r->o->max_size, &in, &detail);

  if (rc != ZN_OK) {
    zn_cli_error("%s: %s", name, detail != NULL ? detail : zn_strerror(rc));
    fail(r, zn_cli_read_exit(rc));
    return;
  }
  while (i < in.len && (in.data[i] == ' ' || in.data[i] == '\n' ||
                        in.data[i] == '\r' || in.data[i] == '\t'))
    i++;
  if (i < in.len && in.data[i] == '{') {
    do_jsonl(r, name, in.data, in.len);
    zn_free(in.data);
    return;
  }
  rc = zn_extract(r->ex, in.data, in.len, &a);
  zn_free(in.data);
  if (rc != ZN_OK) {
    zn_cli_error("%s: %s", name, zn_extractor_errmsg(r->ex));
    fail(r, rc == ZN_ENOMEM ? ZN_EXIT_INTERNAL : ZN_EXIT_DATA);
    return;
  }
  for (size_t w = 0; w < a->warnings.n; w++)
    zn_cli_warn("%s: %s", name, a->warnings.items[w]);
  emit(r, name, a);
}

static void walk_file(void *ctx, const char *path) {
  do_one(ctx, path);
}

static void walk_error(void *ctx, const char *path, const char *why, int code) {
  zn_cli_error("%s: %s", path, why);
  fail(ctx, code);
}

static bool parse_count(const char *v, size_t *out) {
  char *end;
  unsigned long n;
  if (v == NULL || *v < '0' || *v > '9')
    return false;
  n = strtoul(v, &end, 10);
  if (*end != '\0' || n > 1000)
    return false;
  *out = (size_t)n;
  return true;
}

int zn_cmd_analyze(int argc, char **argv) {
  struct opts o = {
      0,    ZN_FORMAT_AUTO, ZN_EXTRACT_DEFAULT_MAX_INPUT, 10, 3, NULL, NULL,
      NULL, false};
  zn_model *model = NULL;
  struct run r;
  zn_lexicon *lex = NULL;
  char pathbuf[4096], err[256];
  const char *path;
  int first_file = argc;
  int n_inputs;
  char *stdin_name[] = {(char *)"-"};
  char **files;
  int rc;

  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
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
    } else if (strcmp(a, "-k") == 0 || strcmp(a, "--keywords") == 0) {
      if (!parse_count(v, &o.nkeywords))
        return zn_cli_usage_error("analyze",
                                  "--keywords needs a number from 0 to 1000");
      i++;
    } else if (strcmp(a, "-s") == 0 || strcmp(a, "--summary") == 0) {
      if (!parse_count(v, &o.nsummary))
        return zn_cli_usage_error("analyze",
                                  "--summary needs a number from 0 to 1000");
      i++;
    } else if (strcmp(a, "-f") == 0 || strcmp(a, "--format") == 0) {
      if (!zn_cli_parse_format(v, &o.format))
        return zn_cli_usage_error("analyze",
                                  "--format must be auto, text or html");
      i++;
    } else if (strcmp(a, "-m") == 0 || strcmp(a, "--max-size") == 0) {
      if (v == NULL || !zn_cli_parse_size(v, &o.max_size) || o.max_size == 0)
        return zn_cli_usage_error("analyze",
                                  "--max-size needs a size such as 32M");
      i++;
    } else if (strcmp(a, "-l") == 0 || strcmp(a, "--lexicon") == 0) {
      if (v == NULL)
        return zn_cli_usage_error("analyze", "--lexicon needs a file");
      o.lexicon = v;
      i++;
    } else if (strcmp(a, "--mode") == 0) {
      if (v != NULL && strcmp(v, "fast") == 0)
        o.accurate = false;
      else if (v != NULL && strcmp(v, "accurate") == 0)
        o.accurate = true;
      else
        return zn_cli_usage_error("analyze", "--mode must be fast or accurate");
      i++;
    } else if (strcmp(a, "--model") == 0) {
      if (v == NULL)
        return zn_cli_usage_error("analyze", "--model needs a file");
      o.model = v;
      i++;
    } else if (strcmp(a, "-u") == 0 || strcmp(a, "--user-dict") == 0) {
      if (v == NULL)
        return zn_cli_usage_error("analyze", "--user-dict needs a file");
      o.user_dict = v;
      i++;
    } else {
      char why[128];
      snprintf(why, sizeof why, "unknown option '%.60s'", a);
      return zn_cli_usage_error("analyze", why);
    }
  }
  if (first_file < argc) {
    files = argv + first_file;
    n_inputs = argc - first_file;
  } else {
    files = stdin_name;
    n_inputs = 1;
  }

  path = zn_cli_lexicon_path(o.lexicon, pathbuf, sizeof pathbuf);
  rc = zn_lexicon_open(path, &lex, err, sizeof err);
  if (rc != ZN_OK) {
    zn_cli_error("%s: %s", path, err[0] != '\0' ? err : zn_strerror(rc));
    return ZN_EXIT_IO;
  }
  memset(&r, 0, sizeof r);
  r.o = &o;
  if (zn_extractor_new(&r.ex) != ZN_OK ||
      zn_analyzer_new(lex, &r.an) != ZN_OK) {
    zn_cli_error("out of memory");
    zn_extractor_free(r.ex);
    zn_lexicon_close(lex);
    return ZN_EXIT_INTERNAL;
  }
  if (o.accurate) {
    const char *mpath = zn_cli_model_path(o.model, pathbuf, sizeof pathbuf);
    rc = zn_model_open(mpath, &model, err, sizeof err);
    if (rc == ZN_OK)
      rc = zn_seg_set_model(zn_analyzer_seg(r.an), model);
    if (rc == ZN_OK)
      rc = zn_seg_set_mode(zn_analyzer_seg(r.an), ZN_SEG_ACCURATE);
    if (rc != ZN_OK) {
      zn_cli_error("%s: %s", mpath, err[0] != '\0' ? err : zn_strerror(rc));
      zn_analyzer_free(r.an);
      zn_extractor_free(r.ex);
      zn_model_close(model);
      zn_lexicon_close(lex);
      return ZN_EXIT_IO;
    }
  }
  zn_extractor_set_format(r.ex, o.format);
  zn_extractor_set_max_input(r.ex, o.max_size);
  zn_analyzer_set_keywords(r.an, o.nkeywords);
  zn_analyzer_set_summary(r.an, o.nsummary);
  if (o.user_dict != NULL) {
    zn_seg *seg = zn_analyzer_seg(r.an);
    if (zn_seg_load_userdict(seg, o.user_dict) != ZN_OK) {
      zn_cli_error("%s", zn_seg_errmsg(seg));
      zn_analyzer_free(r.an);
      zn_extractor_free(r.ex);
      zn_lexicon_close(lex);
      return ZN_EXIT_DATA;
    }
  }
  zn_buf_init(&r.out, 0);
  for (int i = 0; i < n_inputs; i++) {
    struct zn_cli_walker w = {walk_file, walk_error, &r};
    if (zn_cli_walk(files[i], &w) == 0) {
      zn_cli_error("%s: a directory with no files in it", files[i]);
      fail(&r, ZN_EXIT_IO);
    }
  }
  zn_buf_free(&r.out);
  zn_analyzer_free(r.an);
  zn_extractor_free(r.ex);
  zn_model_close(model);
  zn_lexicon_close(lex);
  if (n_inputs > 1 || r.n_failed > 0)
    zn_cli_note("analyze: %d inputs, %d records, %d failed", n_inputs,
                r.n_records, r.n_failed);
  return zn_cli_finish_stdout(r.worst);
}
