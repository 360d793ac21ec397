/* SPDX-License-Identifier: MIT */
/*
 * main.c - the zhnews command: `zhnews VERB [options] [FILE... | -]`.
 * Dispatches to one file per verb (cmd_*.c); prints the overview for
 * --help and the version for --version.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "zhnews/zhnews.h"

struct verb {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *summary;
};

static const struct verb k_verbs[] = {
    {"extract", zn_cmd_extract,
     "turn news pages into structured Article records (JSON Lines)"},
    {"seg", zn_cmd_seg, "segment Chinese text into words (with POS tags)"},
    {"analyze", zn_cmd_analyze,
     "people, places, organizations, dates, keywords, summary (Documents)"},
    {"dict", zn_cmd_dict, "build, verify and query compiled lexicons"},
    {"dedup", zn_cmd_dedup,
     "group reprints of the same story (near-duplicate clusters)"},
    {"train", zn_cmd_train,
     "train the accurate-mode segmentation and POS model"},
    {"index", zn_cmd_index, "add pages or JSON Lines to a SQLite archive"},
    {"search", zn_cmd_search, "search an archive (ranked, with snippets)"},
    {"show", zn_cmd_show, "print one stored document"},
    {"stats", zn_cmd_stats, "what an archive holds"},
};

static void print_overview(FILE *f) {
  fputs("usage: zhnews [--version] [--help] VERB [options] [FILE... | -]\n"
        "\n"
        "zhnews turns raw Chinese news pages into clean, structured records.\n"
        "\n"
        "verbs:\n",
        f);
  for (size_t i = 0; i < sizeof k_verbs / sizeof k_verbs[0]; i++)
    fprintf(f, "  %-10s %s\n", k_verbs[i].name, k_verbs[i].summary);
  fputs("\n"
        "'zhnews VERB --help' describes a verb.  Exit status: 0 ok, 2 usage\n"
        "error, 3 some input was bad data, 4 an input could not be read or\n"
        "output failed, 5 internal error.\n",
        f);
}

int main(int argc, char **argv) {
  const char *verb;
  if (argc < 2)
    return zn_cli_usage_error(NULL, "no verb given");
  verb = argv[1];
  if (strcmp(verb, "-h") == 0 || strcmp(verb, "--help") == 0 ||
      strcmp(verb, "help") == 0) {
    if (argc > 2 && strcmp(verb, "help") == 0) {
      for (size_t i = 0; i < sizeof k_verbs / sizeof k_verbs[0]; i++) {
        if (strcmp(argv[2], k_verbs[i].name) == 0) {
          char help[] = "--help";
          char *av[] = {argv[2], help, NULL};
          return k_verbs[i].run(2, av);
        }
      }
      return zn_cli_usage_error(NULL, "no such verb");
    }
    print_overview(stdout);
    return zn_cli_finish_stdout(ZN_EXIT_OK);
  }
  if (strcmp(verb, "--version") == 0 || strcmp(verb, "version") == 0) {
    printf("zhnews %s\n", zn_version());
    return zn_cli_finish_stdout(ZN_EXIT_OK);
  }
  for (size_t i = 0; i < sizeof k_verbs / sizeof k_verbs[0]; i++) {
    if (strcmp(verb, k_verbs[i].name) == 0)
      return k_verbs[i].run(argc - 1, argv + 1);
  }
  {
    char why[128];
    snprintf(why, sizeof why, "unknown verb '%.60s'", verb);
    return zn_cli_usage_error(NULL, why);
  }
}
