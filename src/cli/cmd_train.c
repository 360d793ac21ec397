/* SPDX-License-Identifier: MIT */
/*
 * cmd_train.c - `zhnews train`: trains the accurate-mode segmentation and
 * POS model from segmented corpora (zn_model_train()), printing the dev
 * split's F1 and POS accuracy after every epoch.
 */
#include "cli/cli.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zhnews/zhnews.h"

#define ZN_MAX_TRAIN_INPUTS 64

static const char k_usage[] =
    "usage: zhnews train [options] -o MODEL CORPUS...\n"
    "       zhnews train --split-only --dev-out FILE CORPUS...\n"
    "\n"
    "Trains the model of 'zhnews seg --mode accurate' (a character-level\n"
    "averaged perceptron for segmentation, a word-level one for PKU POS\n"
    "tags) from segmented corpora, and writes it to MODEL\n"
    "(docs/model-format.md).  The same corpora, lexicon and options give a\n"
    "byte-identical model.  After each epoch prints the dev split's word F1\n"
    "and POS accuracy on stderr.\n"
    "\n"
    "CORPUS formats (guessed from the first line unless --format is given):\n"
    "  pd      People's Daily: 'word/tag' tokens, [..]nt compounds, {pinyin}\n"
    "          marks, a leading document id; tags mapped to the PKU base set\n"
    "  spaced  SIGHAN: words separated by spaces, one sentence a line\n"
    "  conll   CoNLL / CoNLL-U: FORM in column 2 (words only: its tag sets\n"
    "          are not PKU's)\n"
    "\n"
    "options:\n"
    "  -o, --output FILE      the model to write (required)\n"
    "  -f, --format FMT       auto (default), pd, spaced or conll\n"
    "  -e, --epochs N         training passes (default 10)\n"
    "  -s, --seed N           shuffling seed (default 1)\n"
    "  -d, --dev-percent N    documents held out for dev, 0..50 (default 10;\n"
    "                         chosen by document id, not by seed)\n"
    "      --dev-out FILE     write the dev split (word/tag lines) to FILE\n"
    "      --split-only       only write --dev-out; no training, no model\n"
    "      --prune X          drop weights below X times the largest\n"
    "                         (default 0.002)\n"
    "      --min-count N      drop features seen fewer than N times in\n"
    "                         training (default 2)\n"
    "  -l, --lexicon FILE     the lexicon for lexicon-match features (as\n"
    "                         'zhnews seg' finds it by default)\n"
    "  -q, --quiet            no per-epoch lines\n"
    "  -h, --help             show this help\n";

static void on_epoch(void *ctx, const zn_train_epoch *ep) {
  (void)ctx;
  if (ep->dev_sents > 0)
    zn_cli_note("epoch %u: dev F1 %.4f, dev POS accuracy %.4f (%zu train / "
                "%zu dev sentences, %.1f s)",
                ep->epoch, ep->dev_f1, ep->dev_pos_acc, ep->train_sents,
                ep->dev_sents, ep->seconds);
  else
    zn_cli_note("epoch %u: %zu train sentences, %.1f s", ep->epoch,
                ep->train_sents, ep->seconds);
}

static bool parse_uint(const char *z, unsigned long long max,
                       unsigned long long *out) {
  char *end;
  unsigned long long v;
  if (z == NULL || *z < '0' || *z > '9')
    return false;
  v = strtoull(z, &end, 10);
  if (*end != '\0' || v > max)
    return false;
  *out = v;
  return true;
}

int zn_cmd_train(int argc, char **argv) {
  zn_train_opts o;
  const char *inputs[ZN_MAX_TRAIN_INPUTS];
  const char *lexpath = NULL;
  char pathbuf[PATH_MAX];
  char err[512];
  zn_lexicon *lex = NULL;
  const char *path;
  bool quiet = false;
  bool split_only = false;
  int rc;

  memset(&o, 0, sizeof o);
  o.seed = 1;
  o.dev_percent = 10;
  o.prune = 0.002;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    unsigned long long n;
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(k_usage, stdout);
      return zn_cli_finish_stdout(ZN_EXIT_OK);
    } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
      if (v == NULL)
        return zn_cli_usage_error("train", "--output needs a file");
      o.out_path = argv[++i];
    } else if (strcmp(a, "-f") == 0 || strcmp(a, "--format") == 0) {
      if (v == NULL)
        return zn_cli_usage_error("train", "--format needs a value");
      i++;
      if (strcmp(v, "auto") == 0)
        o.format = ZN_CORPUS_AUTO;
      else if (strcmp(v, "pd") == 0)
        o.format = ZN_CORPUS_PD;
      else if (strcmp(v, "spaced") == 0)
        o.format = ZN_CORPUS_SPACED;
      else if (strcmp(v, "conll") == 0)
        o.format = ZN_CORPUS_CONLL;
      else
        return zn_cli_usage_error("train",
                                  "--format must be auto, pd, spaced or conll");
    } else if (strcmp(a, "-e") == 0 || strcmp(a, "--epochs") == 0) {
      if (!parse_uint(v, 100, &n) || n == 0)
        return zn_cli_usage_error("train", "--epochs must be 1..100");
      o.epochs = (unsigned)n;
      i++;
    } else if (strcmp(a, "-s") == 0 || strcmp(a, "--seed") == 0) {
      if (!parse_uint(v, UINT64_MAX, &n))
        return zn_cli_usage_error("train", "--seed must be a number");
      o.seed = n;
      i++;
    } else if (strcmp(a, "-d") == 0 || strcmp(a, "--dev-percent") == 0) {
      if (!parse_uint(v, 50, &n))
        return zn_cli_usage_error("train", "--dev-percent must be 0..50");
      o.dev_percent = (unsigned)n;
      i++;
    } else if (strcmp(a, "--dev-out") == 0) {
      if (v == NULL)
        return zn_cli_usage_error("train", "--dev-out needs a file");
      o.dev_out = argv[++i];
    } else if (strcmp(a, "--split-only") == 0) {
      split_only = true;
    } else if (strcmp(a, "--prune") == 0) {
      char *end;
      double x = v != NULL ? strtod(v, &end) : -1;
      if (v == NULL || *end != '\0' || !(x >= 0 && x < 1))
        return zn_cli_usage_error("train", "--prune must be in [0, 1)");
      o.prune = x;
      i++;
    } else if (strcmp(a, "--min-count") == 0) {
      if (!parse_uint(v, 1000000, &n) || n == 0)
        return zn_cli_usage_error("train", "--min-count must be 1..1000000");
      o.min_count = (unsigned)n;
      i++;
    } else if (strcmp(a, "-l") == 0 || strcmp(a, "--lexicon") == 0) {
      if (v == NULL)
        return zn_cli_usage_error("train", "--lexicon needs a file");
      lexpath = argv[++i];
    } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
      quiet = true;
    } else if (strcmp(a, "--") == 0) {
      for (i++; i < argc; i++) {
        if (o.n_inputs == ZN_MAX_TRAIN_INPUTS)
          return zn_cli_usage_error("train", "too many corpora");
        inputs[o.n_inputs++] = argv[i];
      }
    } else if (a[0] == '-' && a[1] != '\0') {
      char why[128];
      snprintf(why, sizeof why, "unknown option '%.60s'", a);
      return zn_cli_usage_error("train", why);
    } else {
      if (o.n_inputs == ZN_MAX_TRAIN_INPUTS)
        return zn_cli_usage_error("train", "too many corpora");
      inputs[o.n_inputs++] = a;
    }
  }
  if (split_only) {
    if (o.dev_out == NULL)
      return zn_cli_usage_error("train", "--split-only needs --dev-out");
    o.out_path = NULL;
  } else if (o.out_path == NULL) {
    return zn_cli_usage_error("train", "no --output model file given");
  }
  if (o.n_inputs == 0)
    return zn_cli_usage_error("train", "no corpus given");
  o.inputs = inputs;
  path = zn_cli_lexicon_path(lexpath, pathbuf, sizeof pathbuf);
  rc = split_only ? ZN_OK : zn_lexicon_open(path, &lex, err, sizeof err);
  if (rc != ZN_OK) {
    zn_cli_error("%s: %s", path, err[0] != '\0' ? err : zn_strerror(rc));
    return rc == ZN_EFORMAT ? ZN_EXIT_DATA : ZN_EXIT_IO;
  }
  o.lex = lex;
  if (!quiet)
    o.progress = on_epoch;
  rc = zn_model_train(&o, err, sizeof err);
  zn_lexicon_close(lex);
  if (rc != ZN_OK) {
    zn_cli_error("%s", err[0] != '\0' ? err : zn_strerror(rc));
    if (rc == ZN_EINVAL)
      return ZN_EXIT_USAGE;
    return rc == ZN_EFORMAT || rc == ZN_EBADUTF8 ? ZN_EXIT_DATA
           : rc == ZN_ENOMEM                     ? ZN_EXIT_INTERNAL
                                                 : ZN_EXIT_IO;
  }
  return zn_cli_finish_stdout(ZN_EXIT_OK);
}
