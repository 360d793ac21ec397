/* SPDX-License-Identifier: MIT */
/*
 * cli.h - what the files of the zhnews command share: diagnostics, exit
 * codes, input reading and the verb entry points.
 */
#ifndef ZN_CLI_H
#define ZN_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "zhnews/extract.h"

/* Exit codes (docs/cli.md): a small table, tested in tests/cli. */
enum {
  ZN_EXIT_OK = 0,
  ZN_EXIT_NOTFOUND = 1, /* ran fine, but a search found nothing */
  ZN_EXIT_USAGE = 2,
  ZN_EXIT_DATA = 3, /* some input was bad data */
  ZN_EXIT_IO = 4,   /* an input could not be read, or output failed */
  ZN_EXIT_INTERNAL = 5,
};

/* Set by --quiet: warnings are dropped, errors are not. */
extern bool zn_cli_quiet;

/* "zhnews: <message>" on stderr.  fmt has no trailing newline. */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
void zn_cli_error(const char *fmt, ...);
/* "zhnews: warning: <message>" on stderr, unless --quiet. */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
void zn_cli_warn(const char *fmt, ...);
/* "zhnews: <message>" on stderr, unless --quiet: summaries of a run. */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
void zn_cli_note(const char *fmt, ...);
/* Prints "zhnews: <why>" and "try 'zhnews VERB --help'"; returns 2. */
int zn_cli_usage_error(const char *verb, const char *why);

/* A whole input read into memory. */
struct zn_input {
  const char *name; /* as given on the command line; "-" is stdin */
  char *data;       /* zn_malloc'ed, NUL-terminated; free with zn_free */
  size_t len;
};

/*
 * Reads name ("-" for stdin) into in, refusing more than max bytes.  On
 * failure returns a negative zn_err (ZN_ENOENT, ZN_EISDIR, ZN_EACCES,
 * ZN_EIO, ZN_ETOOBIG, ZN_ENOMEM) and *detail says why (static storage).
 */
int zn_cli_read_input(const char *name, size_t max, struct zn_input *in,
                      const char **detail);

/* The exit code for a failed zn_cli_read_input(): ZN_EXIT_IO when the
 * input could not be read (missing, a directory, no permission, I/O),
 * ZN_EXIT_DATA when it was read and refused (too big). */
int zn_cli_read_exit(int rc);

/* Parses a --format value for pages: auto, text or html.  False if v is
 * NULL or none of these. */
bool zn_cli_parse_format(const char *v, zn_format *out);

/* Parses a size such as 1048576, 64K, 32M, 1G.  Returns false if bad. */
bool zn_cli_parse_size(const char *z, size_t *out);

/* Checks stdout for write errors and closes it; returns an exit code. */
int zn_cli_finish_stdout(int code);

/* The lexicon to open: given (--lexicon) if not NULL, else
 * $ZHNEWS_LEXICON, else zhnews.lex beside the executable, else the installed
 * one.  buf holds the result when it is built. */
const char *zn_cli_lexicon_path(const char *given, char *buf, size_t cap);
/* The same for the accurate-mode model: --model, $ZHNEWS_MODEL,
 * zhnews.model beside the executable, the installed one. */
const char *zn_cli_model_path(const char *given, char *buf, size_t cap);

/* What zn_cli_walk() calls: on_file for every file (or the argument
 * itself when it is a file or "-"), on_error for what cannot be walked,
 * with the exit code class of the failure. */
struct zn_cli_walker {
  void (*on_file)(void *ctx, const char *path);
  void (*on_error)(void *ctx, const char *path, const char *why, int code);
  void *ctx;
};

/* Visits path: a file as itself, a directory as every file below it in
 * sorted order (walk.c).  Returns the files and errors reported; 0 means
 * an empty directory. */
size_t zn_cli_walk(const char *path, const struct zn_cli_walker *w);

int zn_cmd_extract(int argc, char **argv);
int zn_cmd_seg(int argc, char **argv);
int zn_cmd_dict(int argc, char **argv);
int zn_cmd_analyze(int argc, char **argv);
int zn_cmd_dedup(int argc, char **argv);
int zn_cmd_train(int argc, char **argv);
int zn_cmd_index(int argc, char **argv);
int zn_cmd_search(int argc, char **argv);
int zn_cmd_show(int argc, char **argv);
int zn_cmd_stats(int argc, char **argv);

#endif /* ZN_CLI_H */
