/* SPDX-License-Identifier: MIT */
/*
 * lexpath.c - where the CLI finds the compiled lexicon and the accurate-mode
 * model: --lexicon / --model, else $ZHNEWS_LEXICON / $ZHNEWS_MODEL, else
 * zhnews.lex / zhnews.model beside the executable (a build tree), else the
 * installed data directory.
 */
#include "cli/cli.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef ZN_DATADIR
#define ZN_DATADIR "/usr/local/share/zhnews"
#endif

/* given, else $env, else file beside the executable, else installed. */
static const char *find_data(const char *given, const char *envname,
                             const char *file, char *buf, size_t cap) {
  const char *env;
  char exe[PATH_MAX];
  ssize_t n;

  if (given != NULL)
    return given;
  env = getenv(envname);
  if (env != NULL && env[0] != '\0')
    return env;
  n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    char *slash;
    exe[n] = '\0';
    slash = strrchr(exe, '/');
    if (slash != NULL) {
      *slash = '\0';
      if (snprintf(buf, cap, "%s/%s", exe, file) < (int)cap &&
          access(buf, R_OK) == 0)
        return buf;
    }
  }
  snprintf(buf, cap, "%s/%s", ZN_DATADIR, file);
  return buf;
}

const char *zn_cli_lexicon_path(const char *given, char *buf, size_t cap) {
  return find_data(given, "ZHNEWS_LEXICON", "zhnews.lex", buf, cap);
}

const char *zn_cli_model_path(const char *given, char *buf, size_t cap) {
  return find_data(given, "ZHNEWS_MODEL", "zhnews.model", buf, cap);
}
