/* SPDX-License-Identifier: MIT */
/*
 * walk.c - the files below a directory argument, for the verbs that take
 * many inputs: every regular file, recursively, in sorted path order (one
 * level's names are read and sorted, then each is done or walked in turn,
 * so output follows the sorted paths).  Links to directories are not
 * followed (a loop guard), nor directories nested deeper than
 * ZN_MAX_WALK_DEPTH.  Every problem reaches the caller's error callback, so
 * a batch can account for it.
 */
#include "cli/cli.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "zhnews/common.h"

/* Directories nested deeper than this are not walked. */
#define ZN_MAX_WALK_DEPTH 64

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join_path(const char *dir, const char *leaf) {
  size_t a = strlen(dir), b = strlen(leaf);
  char *p = zn_malloc(a + b + 2);
  if (p == NULL)
    return NULL;
  memcpy(p, dir, a);
  if (a > 0 && dir[a - 1] == '/')
    a--;
  p[a] = '/';
  memcpy(p + a + 1, leaf, b + 1);
  return p;
}

static size_t walk(const char *dir, int depth, const struct zn_cli_walker *w) {
  DIR *d = opendir(dir);
  char **names = NULL;
  size_t n = 0, cap = 0, n_files = 0;
  struct dirent *e;

  if (d == NULL) {
    w->on_error(w->ctx, dir, strerror(errno), ZN_EXIT_IO);
    return 1; /* accounted for by its error */
  }
  while ((e = readdir(d)) != NULL) {
    char *p;
    if (e->d_name[0] == '.') /* ., .., and hidden files (.git, .DS_Store) */
      continue;
    if (n == cap) {
      size_t ncap = cap ? 2 * cap : 64;
      char **q = zn_realloc(names, ncap * sizeof *q);
      if (q == NULL)
        break;
      names = q;
      cap = ncap;
    }
    p = join_path(dir, e->d_name);
    if (p == NULL)
      break;
    names[n++] = p;
  }
  if (e != NULL) {
    w->on_error(w->ctx, dir, "out of memory", ZN_EXIT_INTERNAL);
    n_files++;
  }
  closedir(d);
  if (n > 1)
    qsort(names, n, sizeof *names, cmp_str);
  for (size_t i = 0; i < n; i++) {
    struct stat st;
    if (lstat(names[i], &st) == 0 && S_ISLNK(st.st_mode) &&
        stat(names[i], &st) == 0 && S_ISDIR(st.st_mode)) {
      zn_cli_warn("%s: link to a directory, not followed", names[i]);
    } else if (stat(names[i], &st) == 0 && S_ISDIR(st.st_mode)) {
      if (depth + 1 >= ZN_MAX_WALK_DEPTH) {
        w->on_error(w->ctx, names[i], "directories nested too deep",
                    ZN_EXIT_IO);
        n_files++;
      } else {
        n_files += walk(names[i], depth + 1, w);
      }
    } else {
      w->on_file(w->ctx, names[i]);
      n_files++;
    }
    zn_free(names[i]);
  }
  zn_free(names);
  return n_files;
}

size_t zn_cli_walk(const char *path, const struct zn_cli_walker *w) {
  struct stat st;
  if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
    return walk(path, 0, w);
  w->on_file(w->ctx, path);
  return 1;
}
