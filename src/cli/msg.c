/* SPDX-License-Identifier: MIT */
/*
 * msg.c - diagnostics of the zhnews command.  One place adds the "zhnews: "
 * prefix and the newline, so call sites pass only the message (STYLE.md §8).
 */
#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

bool zn_cli_quiet = false;

/* The one writer: "zhnews: " + prefix + the message + newline.  Data
 * already on stdout goes out first, so the streams interleave in order. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 0)))
#endif
static void
vmsg(const char *prefix, const char *fmt, va_list ap) {
  fflush(stdout);
  fputs("zhnews: ", stderr);
  fputs(prefix, stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
}

void zn_cli_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vmsg("", fmt, ap);
  va_end(ap);
}

void zn_cli_warn(const char *fmt, ...) {
  va_list ap;
  if (zn_cli_quiet)
    return;
  va_start(ap, fmt);
  vmsg("warning: ", fmt, ap);
  va_end(ap);
}

void zn_cli_note(const char *fmt, ...) {
  va_list ap;
  if (zn_cli_quiet)
    return;
  va_start(ap, fmt);
  vmsg("", fmt, ap);
  va_end(ap);
}

int zn_cli_usage_error(const char *verb, const char *why) {
  zn_cli_error("%s", why);
  if (verb != NULL)
    fprintf(stderr, "try 'zhnews %s --help'\n", verb);
  else
    fputs("try 'zhnews --help'\n", stderr);
  return ZN_EXIT_USAGE;
}

int zn_cli_finish_stdout(int code) {
  if (fflush(stdout) != 0 || ferror(stdout)) {
    zn_cli_error("writing output failed: %s", strerror(errno));
    return ZN_EXIT_IO;
  }
  if (fclose(stdout) != 0) {
    zn_cli_error("writing output failed: %s", strerror(errno));
    return ZN_EXIT_IO;
  }
  return code;
}
