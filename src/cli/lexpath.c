/* SPDX-License-Identifier: MIT */
/*
 * lexpath.c - where the CLI finds the compiled lexicon: --lexicon, else
 * $ZHNEWS_LEXICON, else zhnews.lex beside the executable (a build tree),
 * else the installed data directory.
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

const char *zn_cli_lexicon_path(const char *given, char *buf, size_t cap) {
  const char *env;
  char exe[PATH_MAX];
  ssize_t n;

  if (given != NULL)
    return given;
  env = getenv("ZHNEWS_LEXICON");
  if (env != NULL && env[0] != '\0')
    return env;
  n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    char *slash;
    exe[n] = '\0';
    slash = strrchr(exe, '/');
    if (slash != NULL) {
      *slash = '\0';
      if (snprintf(buf, cap, "%s/zhnews.lex", exe) < (int)cap &&
          access(buf, R_OK) == 0)
        return buf;
    }
  }
  snprintf(buf, cap, "%s/zhnews.lex", ZN_DATADIR);
  return buf;
}
