/* SPDX-License-Identifier: MIT */
/*
 * cmd_dict.c - `zhnews dict`: build, verify and query compiled lexicons.
 */
#include "cli/cli.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "zhnews/zhnews.h"

static const char k_usage[] =
    "usage: zhnews dict build [-o OUT] [--idf IDF] DICT [HMM]\n"
    "       zhnews dict verify [FILE]\n"
    "       zhnews dict lookup [--lexicon FILE] WORD...\n"
    "\n"
    "build   compiles a text lexicon (UTF-8 lines 'word [freq [tag]]', '#'\n"
    "        comments) and an optional B/E/M/S HMM (jieba's hmm_model.utf8\n"
    "        format) into the mapped lexicon format (docs/lexicon-format.md);\n"
    "        OUT defaults to zhnews.lex.  IDF: 'word idf' lines for the\n"
    "        keyword weights of 'zhnews analyze'.\n"
    "verify  checks every part of a compiled lexicon (default: the one\n"
    "        'zhnews seg' uses) and prints its size.\n"
    "lookup  prints each WORD's frequency (log-probability) and tag, or\n"
    "        'not found'; exit status 1 if any was not found.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE   where build writes (default zhnews.lex)\n"
    "      --idf FILE      IDF table to compile in (build)\n"
    "  -l, --lexicon FILE  the lexicon for verify / lookup\n"
    "  -h, --help          show this help\n";

static int open_lex(const char *given, zn_lexicon **lex) {
  char buf[PATH_MAX];
  char err[256];
  const char *path = zn_cli_lexicon_path(given, buf, sizeof buf);
  int rc = zn_lexicon_open(path, lex, err, sizeof err);
  if (rc != ZN_OK) {
    zn_cli_error("%s: %s", path, err[0] != '\0' ? err : zn_strerror(rc));
    return rc == ZN_EFORMAT ? ZN_EXIT_DATA : ZN_EXIT_IO;
  }
  return ZN_EXIT_OK;
}

int zn_cmd_dict(int argc, char **argv) {
  const char *out = "zhnews.lex";
  const char *idfpath = NULL;
  const char *lexpath = NULL;
  const char *args[64];
  int n_args = 0;
  const char *sub;

  if (argc < 2)
    return zn_cli_usage_error("dict", "dict needs build, verify or lookup");
  sub = argv[1];
  if (strcmp(sub, "-h") == 0 || strcmp(sub, "--help") == 0) {
    fputs(k_usage, stdout);
    return zn_cli_finish_stdout(ZN_EXIT_OK);
  }
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(k_usage, stdout);
      return zn_cli_finish_stdout(ZN_EXIT_OK);
    } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
      if (++i >= argc)
        return zn_cli_usage_error("dict", "--output needs a file");
      out = argv[i];
    } else if (strcmp(a, "--idf") == 0) {
      if (++i >= argc)
        return zn_cli_usage_error("dict", "--idf needs a file");
      idfpath = argv[i];
    } else if (strcmp(a, "-l") == 0 || strcmp(a, "--lexicon") == 0) {
      if (++i >= argc)
        return zn_cli_usage_error("dict", "--lexicon needs a file");
      lexpath = argv[i];
    } else if (a[0] == '-' && a[1] != '\0') {
      char why[128];
      snprintf(why, sizeof why, "unknown option '%.60s'", a);
      return zn_cli_usage_error("dict", why);
    } else if (n_args < (int)(sizeof args / sizeof args[0])) {
      args[n_args++] = a;
    } else {
      return zn_cli_usage_error("dict", "too many arguments");
    }
  }
  if (strcmp(sub, "build") == 0) {
    char err[512];
    int rc;
    if (n_args < 1 || n_args > 2)
      return zn_cli_usage_error("dict", "build needs DICT and optionally HMM");
    rc = zn_lexicon_build(args[0], n_args > 1 ? args[1] : NULL, idfpath, out,
                          err, sizeof err);
    if (rc != ZN_OK) {
      zn_cli_error("%s", err[0] != '\0' ? err : zn_strerror(rc));
      return rc == ZN_ENOMEM                     ? ZN_EXIT_INTERNAL
             : (rc == ZN_EIO || rc == ZN_ENOENT) ? ZN_EXIT_IO
                                                 : ZN_EXIT_DATA;
    }
    return zn_cli_finish_stdout(ZN_EXIT_OK);
  }
  if (strcmp(sub, "verify") == 0) {
    zn_lexicon *lex;
    char err[256];
    int code;
    if (n_args > 1)
      return zn_cli_usage_error("dict", "verify takes one file");
    code = open_lex(n_args == 1 ? args[0] : lexpath, &lex);
    if (code != ZN_EXIT_OK)
      return code;
    if (zn_lexicon_verify(lex, err, sizeof err) != ZN_OK) {
      zn_cli_error("%s: %s", n_args == 1 ? args[0] : "lexicon", err);
      zn_lexicon_close(lex);
      return ZN_EXIT_DATA;
    }
    printf("ok: %zu words\n", zn_lexicon_nwords(lex));
    zn_lexicon_close(lex);
    return zn_cli_finish_stdout(ZN_EXIT_OK);
  }
  if (strcmp(sub, "lookup") == 0) {
    zn_lexicon *lex;
    int code = open_lex(lexpath, &lex);
    int missing = 0;
    if (code != ZN_EXIT_OK)
      return code;
    for (int k = 0; k < n_args; k++) {
      double lp;
      const char *tag;
      if (zn_lexicon_lookup(lex, args[k], strlen(args[k]), &lp, &tag)) {
        printf("%s\t%.4f\t%s\n", args[k], lp, tag);
      } else {
        printf("%s\tnot found\n", args[k]);
        missing = 1;
      }
    }
    zn_lexicon_close(lex);
    return zn_cli_finish_stdout(missing ? ZN_EXIT_NOTFOUND : ZN_EXIT_OK);
  }
  return zn_cli_usage_error("dict", "dict needs build, verify or lookup");
}
