/* SPDX-License-Identifier: MIT */
/*
 * cmd_seg.c - `zhnews seg`: word segmentation of text, one output line per
 * input line.  Streams: input is read in chunks of ZN_SEG_CHUNK bytes, so a
 * 1 GB input needs no more memory than a 1 MB one; a line longer than a
 * chunk is segmented piece by piece, cut at white space or punctuation.
 */
#include "cli/cli.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "zhnews/zhnews.h"

#define ZN_SEG_CHUNK ((size_t)1 << 20)
/* Output is written out once it holds this much. */
#define ZN_SEG_OUT_FLUSH ((size_t)1 << 20)
#define ZN_MAX_USER_DICTS 16

static const char k_usage[] =
    "usage: zhnews seg [options] [FILE... | -]\n"
    "\n"
    "Segments Chinese text into words: one output line per input line,\n"
    "tokens separated by single spaces.  Reads stdin when no FILE is given.\n"
    "\n"
    "options:\n"
    "  -m, --mode MODE        fast (default): one token per word;\n"
    "                         search: also every lexicon word inside longer\n"
    "                         tokens (for indexing);\n"
    "                         accurate: the trained model (slower, more\n"
    "                         accurate; PKU tags)\n"
    "  -p, --pos              word/tag (fast / search: jieba / ICTCLAS tags\n"
    "                         n v nr ns m ...; accurate: PKU tags n v nr w "
    "..)\n"
    "      --model FILE       accurate mode's model (default: $ZHNEWS_MODEL,\n"
    "                         else zhnews.model beside the program, else the\n"
    "                         installed one)\n"
    "  -j, --json             one JSON array of tokens per line, with byte "
    "and\n"
    "                         character offsets into the line\n"
    "  -u, --user-dict FILE   add the words of FILE ('word [freq] [tag]' a\n"
    "                         line); a user word always wins; repeatable\n"
    "  -l, --lexicon FILE     the compiled lexicon (default: $ZHNEWS_LEXICON,\n"
    "                         else zhnews.lex beside the program, else the\n"
    "                         installed one)\n"
    "  -q, --quiet            no warnings\n"
    "  -h, --help             show this help\n"
    "\n"
    "With SEG_TIMING=1 in the environment, prints 'load_s=… seg_s=… bytes=…'\n"
    "on stderr at exit.\n";

struct emit_ctx {
  zn_buf *out;
  bool pos;
  bool json;
  bool first;
  const char *mode; /* recorded in JSON unless "fast" */
  size_t off_base;  /* bytes of the line before this piece */
  size_t char_base; /* characters of the line before this piece */
  int rc;
  bool out_failed; /* writing stdout failed: stop everything */
};

/* Opens an input for reading; "-" is stdin.  NULL with *why on failure. */
static FILE *open_input(const char *name, const char **why) {
  struct stat st;
  FILE *f;
  if (strcmp(name, "-") == 0)
    return stdin;
  if (stat(name, &st) != 0) {
    *why = strerror(errno);
    return NULL;
  }
  if (S_ISDIR(st.st_mode)) {
    *why = "is a directory";
    return NULL;
  }
  f = fopen(name, "rb");
  if (f == NULL)
    *why = strerror(errno);
  return f;
}

/* A JSON string; invalid UTF-8 (a token of its own, or in a tag) is
 * written as U+FFFD per maximal subpart, so every line stays valid JSON
 * while the offsets still point at the raw bytes. */
static void put_json_str(zn_buf *b, const char *s, size_t len) {
  static const char hex[] = "0123456789abcdef";
  zn_buf_append_byte(b, '"');
  for (size_t i = 0; i < len;) {
    unsigned char c = (unsigned char)s[i];
    int32_t cp;
    int n;
    if (c < 0x80) {
      if (c == '"' || c == '\\') {
        zn_buf_append_byte(b, '\\');
        zn_buf_append_byte(b, c);
      } else if (c < 0x20) {
        char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        zn_buf_append(b, esc, 6);
      } else {
        zn_buf_append_byte(b, c);
      }
      i++;
      continue;
    }
    n = zn_utf8_decode(s + i, len - i, &cp);
    if (cp < 0)
      zn_buf_append_str(b, "\\ufffd");
    else
      zn_buf_append(b, s + i, (size_t)n);
    i += (size_t)n;
  }
  zn_buf_append_byte(b, '"');
}

static int on_token(void *ctx, const char *text, const zn_token *t) {
  struct emit_ctx *e = ctx;
  zn_buf *b = e->out;
  if (e->json) {
    char num[128];
    int n;
    zn_buf_append_str(b, e->first ? "{\"w\":" : ",{\"w\":");
    put_json_str(b, text + t->off, t->len);
    n = snprintf(num, sizeof num,
                 ",\"off\":%zu,\"len\":%zu,\"char\":%zu,\"nchar\":%zu,"
                 "\"tag\":",
                 e->off_base + t->off, t->len, e->char_base + t->char_off,
                 t->nchar);
    zn_buf_append(b, num, (size_t)n);
    put_json_str(b, t->tag, strlen(t->tag));
    if (t->flags & ZN_TOKEN_SUBWORD)
      zn_buf_append_str(b, ",\"sub\":true");
    if (t->flags & ZN_TOKEN_USER)
      zn_buf_append_str(b, ",\"user\":true");
    if (e->mode != NULL) {
      zn_buf_append_str(b, ",\"mode\":\"");
      zn_buf_append_str(b, e->mode);
      zn_buf_append_byte(b, '"');
    }
    zn_buf_append_byte(b, '}');
  } else {
    /* The hot path: room for the word, a space, and a tag, then copies. */
    size_t tl = e->pos ? strlen(t->tag) + 1 : 0;
    char *p = zn_buf_reserve(b, t->len + tl + 1);
    char *start = p;
    if (p == NULL) {
      e->rc = ZN_ENOMEM;
      return 1;
    }
    if (!e->first)
      *p++ = ' ';
    memcpy(p, text + t->off, t->len);
    p += t->len;
    if (e->pos) {
      *p++ = '/';
      memcpy(p, t->tag, tl - 1);
      p += tl - 1;
    }
    zn_buf_commit(b, (size_t)(p - start));
  }
  e->first = false;
  return 0;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Segments one piece of a line and appends its tokens. */
static int seg_piece(zn_seg *seg, struct emit_ctx *e, const char *s,
                     size_t len) {
  int rc = zn_seg_run(seg, s, len, on_token, e);
  /* A long line's output goes out piece by piece, not held to its end. */
  if (rc == ZN_OK && e->out->len >= ZN_SEG_OUT_FLUSH) {
    if (fwrite(e->out->data, 1, e->out->len, stdout) != e->out->len) {
      e->out_failed = true;
      rc = ZN_EIO;
    }
    zn_buf_reset(e->out);
  }
  e->off_base += len;
  if (e->json) /* only JSON shows character offsets */
    e->char_base += zn_utf8_nchar(s, len);
  return rc;
}

static void start_line(struct emit_ctx *e) {
  e->first = true;
  e->off_base = 0;
  e->char_base = 0;
  if (e->json)
    zn_buf_append_byte(e->out, '[');
}

static int end_line(struct emit_ctx *e) {
  if (e->json)
    zn_buf_append_byte(e->out, ']');
  zn_buf_append_byte(e->out, '\n');
  if (e->out->len >= ZN_SEG_OUT_FLUSH) {
    if (fwrite(e->out->data, 1, e->out->len, stdout) != e->out->len) {
      e->out_failed = true;
      return ZN_EIO;
    }
    zn_buf_reset(e->out);
  }
  return ZN_OK;
}

/* Where to cut a chunk that holds no line end: after the last white space
 * or 。 in its final 4 KiB, else at a character boundary. */
static size_t safe_cut(const char *s, size_t len) {
  size_t lo = len > 4096 ? len - 4096 : 0;
  for (size_t i = len; i > lo; i--) {
    unsigned char c = (unsigned char)s[i - 1];
    if (c == ' ' || c == '\t')
      return i;
    /* 。(E3 80 82) ，(EF BC 8C) */
    if (i >= 3 && ((unsigned char)s[i - 3] == 0xE3 &&
                   (unsigned char)s[i - 2] == 0x80 && c == 0x82))
      return i;
  }
  for (size_t i = len; i > 0; i--) {
    if (((unsigned char)s[i - 1] & 0xC0) != 0x80 && i - 1 > 0)
      return i - 1;
  }
  return len;
}

static int seg_stream(zn_seg *seg, FILE *f, struct emit_ctx *e, char *buf,
                      size_t *bytes) {
  size_t have = 0;
  bool in_line = false;
  int rc = ZN_OK;
  for (;;) {
    size_t got = fread(buf + have, 1, ZN_SEG_CHUNK - have, f);
    size_t p = 0;
    bool eof = got == 0;
    *bytes += got;
    have += got;
    while (rc == ZN_OK) {
      char *nl = memchr(buf + p, '\n', have - p);
      size_t end;
      if (nl == NULL)
        break;
      end = (size_t)(nl - buf);
      if (!in_line)
        start_line(e);
      rc = seg_piece(seg, e, buf + p,
                     end > p && buf[end - 1] == '\r' ? end - p - 1 : end - p);
      if (rc == ZN_OK)
        rc = end_line(e);
      in_line = false;
      p = end + 1;
    }
    if (rc != ZN_OK)
      return rc;
    if (p == 0 && have == ZN_SEG_CHUNK) {
      /* A line longer than the chunk: segment a piece of it. */
      size_t cut = safe_cut(buf, have);
      if (!in_line)
        start_line(e);
      in_line = true;
      rc = seg_piece(seg, e, buf, cut);
      if (rc != ZN_OK)
        return rc;
      p = cut;
    }
    memmove(buf, buf + p, have - p);
    have -= p;
    if (eof) {
      if (have > 0 || in_line) {
        if (!in_line)
          start_line(e);
        rc = seg_piece(seg, e, buf, have);
        if (rc == ZN_OK)
          rc = end_line(e);
      }
      if (ferror(f))
        rc = ZN_EIO;
      return rc;
    }
  }
}

int zn_cmd_seg(int argc, char **argv) {
  const char *lexpath = NULL;
  const char *modelpath = NULL;
  zn_model *model = NULL;
  const char *udicts[ZN_MAX_USER_DICTS];
  int n_udicts = 0;
  zn_seg_mode mode = ZN_SEG_FAST;
  struct emit_ctx e;
  zn_buf out;
  zn_lexicon *lex = NULL;
  zn_seg *seg = NULL;
  char pathbuf[PATH_MAX];
  char err[256];
  const char *path;
  int first_file = argc;
  int n_inputs = 0;
  int n_failed = 0;
  int code = ZN_EXIT_OK;
  char *buf = NULL;
  size_t bytes = 0;
  double t0, t1, t2;
  int rc;

  memset(&e, 0, sizeof e);
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
    } else if (strcmp(a, "-p") == 0 || strcmp(a, "--pos") == 0) {
      e.pos = true;
    } else if (strcmp(a, "-j") == 0 || strcmp(a, "--json") == 0) {
      e.json = true;
    } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
      zn_cli_quiet = true;
    } else if (strcmp(a, "-m") == 0 || strcmp(a, "--mode") == 0) {
      const char *v = i + 1 < argc ? argv[++i] : "";
      if (strcmp(v, "fast") == 0)
        mode = ZN_SEG_FAST;
      else if (strcmp(v, "search") == 0)
        mode = ZN_SEG_SEARCH;
      else if (strcmp(v, "accurate") == 0)
        mode = ZN_SEG_ACCURATE;
      else
        return zn_cli_usage_error("seg",
                                  "--mode must be fast, search or accurate");
    } else if (strcmp(a, "--model") == 0) {
      if (i + 1 >= argc)
        return zn_cli_usage_error("seg", "--model needs a file");
      modelpath = argv[++i];
    } else if (strcmp(a, "-u") == 0 || strcmp(a, "--user-dict") == 0) {
      if (i + 1 >= argc)
        return zn_cli_usage_error("seg", "--user-dict needs a file");
      if (n_udicts == ZN_MAX_USER_DICTS)
        return zn_cli_usage_error("seg", "too many --user-dict files");
      udicts[n_udicts++] = argv[++i];
    } else if (strcmp(a, "-l") == 0 || strcmp(a, "--lexicon") == 0) {
      if (i + 1 >= argc)
        return zn_cli_usage_error("seg", "--lexicon needs a file");
      lexpath = argv[++i];
    } else {
      char why[128];
      snprintf(why, sizeof why, "unknown option '%.60s'", a);
      return zn_cli_usage_error("seg", why);
    }
  }
  t0 = now();
  path = zn_cli_lexicon_path(lexpath, pathbuf, sizeof pathbuf);
  rc = zn_lexicon_open(path, &lex, err, sizeof err);
  if (rc != ZN_OK) {
    zn_cli_error("%s: %s", path, err[0] != '\0' ? err : zn_strerror(rc));
    return rc == ZN_EFORMAT ? ZN_EXIT_DATA : ZN_EXIT_IO;
  }
  if (mode == ZN_SEG_ACCURATE) {
    path = zn_cli_model_path(modelpath, pathbuf, sizeof pathbuf);
    rc = zn_model_open(path, &model, err, sizeof err);
    if (rc != ZN_OK) {
      zn_cli_error("%s: %s", path, err[0] != '\0' ? err : zn_strerror(rc));
      zn_lexicon_close(lex);
      return rc == ZN_EFORMAT ? ZN_EXIT_DATA : ZN_EXIT_IO;
    }
    e.mode = zn_seg_mode_name(mode);
  }
  rc = zn_seg_new(lex, &seg);
  if (rc == ZN_OK && model != NULL)
    rc = zn_seg_set_model(seg, model);
  if (rc == ZN_OK)
    rc = zn_seg_set_mode(seg, mode);
  if (rc == ZN_OK && mode == ZN_SEG_ACCURATE)
    zn_seg_set_pos(seg, e.pos || e.json); /* tags cost time: only if shown */
  for (int k = 0; k < n_udicts && rc == ZN_OK; k++) {
    rc = zn_seg_load_userdict(seg, udicts[k]);
    if (rc != ZN_OK) {
      zn_cli_error("%s", zn_seg_errmsg(seg));
      code = rc == ZN_ENOENT || rc == ZN_EIO ? ZN_EXIT_IO : ZN_EXIT_DATA;
    }
  }
  t1 = now();
  buf = rc == ZN_OK ? malloc(ZN_SEG_CHUNK) : NULL;
  if (rc == ZN_OK && buf == NULL)
    rc = ZN_ENOMEM;
  if (rc != ZN_OK) {
    if (code == ZN_EXIT_OK) {
      zn_cli_error("%s", zn_strerror(rc));
      code = ZN_EXIT_INTERNAL;
    }
    goto done;
  }
  zn_buf_init(&out, 0);
  e.out = &out;
  for (int k = first_file; k <= argc; k++) {
    const char *name;
    FILE *f;
    const char *why = NULL;
    if (k == argc && first_file < argc)
      break;
    name = k < argc ? argv[k] : "-";
    n_inputs++;
    f = open_input(name, &why);
    if (f == NULL) {
      zn_cli_error("%s: %s", name, why);
      code = ZN_EXIT_IO;
      n_failed++;
      continue;
    }
    rc = seg_stream(seg, f, &e, buf, &bytes);
    if (f != stdin)
      fclose(f);
    if (e.out_failed) {
      zn_cli_error("writing output failed");
      code = ZN_EXIT_IO;
      break;
    }
    if (rc != ZN_OK) {
      zn_cli_error("%s: %s", name,
                   rc == ZN_EIO ? "read error" : zn_strerror(rc));
      code = rc == ZN_EIO ? ZN_EXIT_IO : ZN_EXIT_INTERNAL;
      n_failed++;
    }
  }
  if (n_inputs > 1)
    zn_cli_note("seg: %d inputs, %d failed", n_inputs, n_failed);
  if (out.len > 0 && fwrite(out.data, 1, out.len, stdout) != out.len)
    code = ZN_EXIT_IO;
  zn_buf_free(&out);
  t2 = now();
  if (code == ZN_EXIT_OK && getenv("SEG_TIMING") != NULL &&
      strcmp(getenv("SEG_TIMING"), "1") == 0)
    fprintf(stderr, "load_s=%.6f seg_s=%.6f bytes=%zu\n", t1 - t0, t2 - t1,
            bytes);
done:
  free(buf);
  zn_seg_free(seg);
  zn_model_close(model);
  zn_lexicon_close(lex);
  return zn_cli_finish_stdout(code);
}
