/* SPDX-License-Identifier: MIT */
/*
 * cmd_dedup.c - `zhnews dedup`: groups near-duplicate news (the same story
 * reprinted by other outlets) into clusters.  Inputs are pages, extracted
 * as `zhnews extract` does, or Article / Document JSON Lines (a Document's
 * analysis.fingerprint.minhash is used as it is).  Every input gets a
 * MinHash signature (zn_fingerprint); candidate pairs come from LSH banding
 * (the signature cut into bands, documents sharing a band's values meet in
 * one bucket), so the work grows with the number of documents and their
 * near neighbours, not with every pair; each candidate pair is verified on
 * the whole signature, and verified pairs are joined with union-find.  The
 * output (docs/FORMAT.md "Dedup output") is written at the end, one line a
 * record in input order.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "zhnews/zhnews.h"

static const char k_usage[] =
    "usage: zhnews dedup [options] [FILE... | -]\n"
    "\n"
    "Groups near-duplicate news: the same story reprinted by another outlet\n"
    "with other chrome, another title or a trimmed ending lands in one\n"
    "cluster; different stories on the same topic do not.  Inputs are pages\n"
    "(HTML or text, as for 'zhnews extract') or Article / Document JSON\n"
    "Lines (an input whose first character is '{'; each line is a record,\n"
    "named FILE:LINE).  Writes one line per record, in input order:\n"
    "  {\"input\":NAME,\"cluster\":N,\"similar_to\":NAME|null,"
    "\"similarity\":x|null}\n"
    "Clusters are numbered 0, 1, 2 ... in order of first appearance;\n"
    "similar_to is the most similar earlier record of the cluster.  The\n"
    "format is in docs/FORMAT.md.\n"
    "\n"
    "options:\n"
    "  -t, --threshold T      same story when the estimated Jaccard\n"
    "                         similarity of the 5-character shingles is at\n"
    "                         least T (0 < T <= 1; default 0.5)\n"
    "      --tsv              NAME, cluster, similar_to, similarity\n"
    "                         separated by tabs ('-' for none)\n"
    "  -f, --format KIND      pages are auto (default), text or html\n"
    "  -m, --max-size SIZE    refuse inputs over SIZE bytes (default 32M)\n"
    "  -q, --quiet            no warnings or summary (errors still show)\n"
    "  -h, --help             show this help\n"
    "      --                 end of options\n"
    "\n"
    "Each input gives records or one error line 'zhnews: NAME: reason'.\n"
    "Exit status: 0 all inputs gave records; 3 some input was bad data;\n"
    "4 some input could not be read (or output failed); 2 usage error.\n";

/* Signature slots compared per candidate; the LSH cuts them into bands. */
#define ZN_DEDUP_K ZN_MINHASH_K
/* In a bucket of the LSH, a record is verified against the bucket's first
 * record and at most this many records before it: buckets of boilerplate
 * that many records share stay linear. */
#define ZN_DEDUP_MAX_BUCKET_PEERS 16

struct opts {
  double threshold;
  bool tsv;
  zn_format format;
  size_t max_size;
};

struct rec {
  char *name; /* zn_malloc'ed */
  uint32_t mh[ZN_DEDUP_K];
  bool empty; /* nothing to fingerprint: never merged */
};

struct recs {
  struct rec *a;
  size_t n, cap;
};

static bool all_ones(const uint32_t *mh) {
  for (size_t i = 0; i < ZN_DEDUP_K; i++)
    if (mh[i] != UINT32_MAX)
      return false;
  return true;
}

/* Appends a record named name (copied); NULL when out of memory. */
static struct rec *push_rec(struct recs *r, const char *name) {
  struct rec *x;
  size_t len = strlen(name);

  if (r->n == r->cap) {
    size_t cap = r->cap ? r->cap * 2 : 64;
    struct rec *a = zn_realloc(r->a, cap * sizeof *a);
    if (a == NULL)
      return NULL;
    r->a = a;
    r->cap = cap;
  }
  x = &r->a[r->n];
  x->name = zn_malloc(len + 1);
  if (x->name == NULL)
    return NULL;
  memcpy(x->name, name, len + 1);
  x->empty = false;
  r->n++;
  return x;
}

/* Reads analysis.fingerprint.minhash of a Document.  1 if there, 0 if
 * absent, -1 if there but not 64 integers 0..UINT32_MAX. */
static int document_minhash(json_t *root, uint32_t *mh) {
  json_t *an = json_object_get(root, "analysis");
  json_t *fp = json_is_object(an) ? json_object_get(an, "fingerprint") : NULL;
  json_t *arr = json_is_object(fp) ? json_object_get(fp, "minhash") : NULL;

  if (arr == NULL || json_is_null(arr))
    return 0;
  if (!json_is_array(arr) || json_array_size(arr) != ZN_DEDUP_K)
    return -1;
  for (size_t i = 0; i < ZN_DEDUP_K; i++) {
    json_t *v = json_array_get(arr, i);
    json_int_t x;
    if (!json_is_integer(v))
      return -1;
    x = json_integer_value(v);
    if (x < 0 || x > (json_int_t)UINT32_MAX)
      return -1;
    mh[i] = (uint32_t)x;
  }
  return 1;
}

/* True if line[0..len) holds the key "minhash" (written plainly, as every
 * JSON writer does; an escaped key is not looked for). */
static bool has_minhash_key(const char *line, size_t len) {
  static const char key[] = "\"minhash\"";
  const char *p = line, *end = line + len;

  while ((size_t)(end - p) >= sizeof key - 1) {
    const char *q = memchr(p, '"', (size_t)(end - p) - (sizeof key - 2));
    if (q == NULL)
      return false;
    if (memcmp(q, key, sizeof key - 1) == 0)
      return true;
    p = q + 1;
  }
  return false;
}

/* One JSON record (line lineno of input name).  0 or an exit code. */
static int json_record(struct recs *r, const char *name, size_t lineno,
                       const char *line, size_t len) {
  char rname[4096];
  char errmsg[256];
  json_error_t jerr;
  json_t *root;
  uint32_t mh[ZN_DEDUP_K];
  struct rec *x;
  int rc;

  snprintf(rname, sizeof rname, "%s:%zu", name, lineno);
  rc = 0;
  /* Only a line that names a minhash can carry a stored signature; the
   * others (Articles) are parsed once, by zn_article_from_json. */
  if (has_minhash_key(line, len)) {
    root = json_loadb(line, len, 0, &jerr);
    if (root == NULL) {
      zn_cli_error("%s: JSON: %s at byte %d", rname, jerr.text, jerr.position);
      return ZN_EXIT_DATA;
    }
    rc = json_is_object(root) ? document_minhash(root, mh) : 0;
    json_decref(root);
  }
  if (rc < 0) {
    zn_cli_error("%s: analysis.fingerprint.minhash: expected %d integers "
                 "from 0 to 4294967295",
                 rname, ZN_DEDUP_K);
    return ZN_EXIT_DATA;
  }
  if (rc == 0) {
    /* No stored signature: read the Article and fingerprint it. */
    zn_article *a = NULL;
    zn_analysis an;
    rc = zn_article_from_json(line, len, &a, errmsg, sizeof errmsg);
    if (rc != ZN_OK) {
      zn_cli_error("%s: %s", rname,
                   rc == ZN_EFORMAT ? errmsg : zn_strerror(rc));
      return rc == ZN_ENOMEM ? ZN_EXIT_INTERNAL : ZN_EXIT_DATA;
    }
    zn_fingerprint(a, &an);
    zn_article_free(a);
    memcpy(mh, an.minhash, sizeof mh);
  }
  x = push_rec(r, rname);
  if (x == NULL) {
    zn_cli_error("%s: %s", rname, zn_strerror(ZN_ENOMEM));
    return ZN_EXIT_INTERNAL;
  }
  memcpy(x->mh, mh, sizeof mh);
  x->empty = all_ones(mh);
  if (x->empty)
    zn_cli_warn("%s: no text to fingerprint; kept apart", rname);
  return ZN_EXIT_OK;
}

/* An input of JSON Lines: every non-blank line a record. */
static int json_lines(struct recs *r, const char *name, const char *data,
                      size_t len) {
  int worst = ZN_EXIT_OK;
  size_t lineno = 0;
  size_t start = 0;

  /* A UTF-8 BOM before the first record is not part of it. */
  if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
    start = 3;
  for (size_t i = start; i < len;) {
    const char *nl = memchr(data + i, '\n', len - i);
    size_t end = nl != NULL ? (size_t)(nl - data) : len;
    size_t j = i;
    lineno++;
    while (j < end && (data[j] == ' ' || data[j] == '\t' || data[j] == '\r'))
      j++;
    if (j < end) {
      int code = json_record(r, name, lineno, data + i, end - i);
      if (code > worst)
        worst = code;
    }
    i = end + 1;
  }
  return worst;
}

/* True if the input's first character (after a BOM and white space) is
 * '{': then it is JSON Lines, never a page. */
static bool looks_json(const char *data, size_t len) {
  size_t i = 0;

  if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' ||
                     data[i] == '\n'))
    i++;
  return i < len && data[i] == '{';
}

/* Reads one input and adds its records.  0 or the worst exit code. */
static int do_input(zn_extractor *ex, const struct opts *o, const char *name,
                    struct recs *r) {
  struct zn_input in;
  const char *detail;
  zn_article *a = NULL;
  zn_analysis an;
  struct rec *x;
  int rc = zn_cli_read_input(name, o->max_size, &in, &detail);

  if (rc != ZN_OK) {
    zn_cli_error("%s: %s", name, detail != NULL ? detail : zn_strerror(rc));
    return zn_cli_read_exit(rc);
  }
  if (o->format == ZN_FORMAT_AUTO && looks_json(in.data, in.len)) {
    int code = json_lines(r, name, in.data, in.len);
    zn_free(in.data);
    return code;
  }
  rc = zn_extract(ex, in.data, in.len, &a);
  zn_free(in.data);
  if (rc != ZN_OK) {
    zn_cli_error("%s: %s", name, zn_extractor_errmsg(ex));
    return rc == ZN_ENOMEM ? ZN_EXIT_INTERNAL : ZN_EXIT_DATA;
  }
  zn_fingerprint(a, &an);
  zn_article_free(a);
  x = push_rec(r, name);
  if (x == NULL) {
    zn_cli_error("%s: %s", name, zn_strerror(ZN_ENOMEM));
    return ZN_EXIT_INTERNAL;
  }
  memcpy(x->mh, an.minhash, sizeof x->mh);
  x->empty = all_ones(x->mh);
  if (x->empty)
    zn_cli_warn("%s: no text to fingerprint; kept apart", name);
  return ZN_EXIT_OK;
}

/* ------------------------------------------------------------- clustering */

struct bucket_entry {
  uint64_t key;
  size_t rec;
};

static int cmp_entry(const void *pa, const void *pb) {
  const struct bucket_entry *a = pa, *b = pb;
  if (a->key != b->key)
    return a->key < b->key ? -1 : 1;
  return a->rec < b->rec ? -1 : a->rec > b->rec;
}

static size_t uf_find(size_t *parent, size_t i) {
  while (parent[i] != i) {
    parent[i] = parent[parent[i]]; /* path halving */
    i = parent[i];
  }
  return i;
}

/* The earlier record stays the root, so a cluster's root is its first. */
static void uf_union(size_t *parent, size_t i, size_t j) {
  size_t ri = uf_find(parent, i), rj = uf_find(parent, j);
  if (ri < rj)
    parent[rj] = ri;
  else if (rj < ri)
    parent[ri] = rj;
}

struct cluster_state {
  const struct recs *r;
  double threshold;
  size_t *parent;
  size_t *best;      /* most similar earlier record, or SIZE_MAX */
  double *best_sim;  /* its similarity */
  size_t n_verified; /* candidate pairs compared */
};

/* Verifies candidate pair i < j and joins them when similar enough. */
static void verify(struct cluster_state *cs, size_t i, size_t j) {
  const struct rec *a = &cs->r->a[i], *b = &cs->r->a[j];
  double sim;

  if (a->empty || b->empty)
    return;
  /* Copies meet in every band.  Once j's similar_to is its cluster's
   * first record at similarity 1, no pair within the cluster can change
   * it (nothing is more similar or earlier), so skip the comparison. */
  if (cs->best_sim[j] >= 1.0 && cs->best[j] == uf_find(cs->parent, j) &&
      uf_find(cs->parent, i) == cs->best[j])
    return;
  cs->n_verified++;
  sim = zn_minhash_similarity(a->mh, b->mh);
  /* Similarities are multiples of 1/64: the epsilon only absorbs the
   * rounding of a threshold such as 0.7. */
  if (sim + 1e-9 < cs->threshold)
    return;
  uf_union(cs->parent, i, j);
  if (cs->best[j] == SIZE_MAX || sim > cs->best_sim[j] ||
      (sim == cs->best_sim[j] && i < cs->best[j])) {
    cs->best[j] = i;
    cs->best_sim[j] = sim;
  }
}

/* Rows per LSH band for a threshold: a pair at the threshold becomes a
 * candidate with probability 1 - (1 - T^rows)^(64/rows), at least 0.98
 * for every threshold (T >= 0.7: 4 rows, 0.988 at 0.7; T >= 0.35: 2 rows,
 * 0.985 at 0.35; below: 1 row), while unrelated news (estimated Jaccard
 * about 0.01) almost never meets. */
static size_t band_rows(double t) {
  if (t >= 0.7)
    return 4;
  if (t >= 0.35)
    return 2;
  return 1;
}

/* Fills parent/best/best_sim.  0 or ZN_ENOMEM. */
static int cluster(struct cluster_state *cs) {
  const struct recs *r = cs->r;
  size_t rows = band_rows(cs->threshold);
  size_t nbands = ZN_DEDUP_K / rows;
  struct bucket_entry *e;

  for (size_t i = 0; i < r->n; i++) {
    cs->parent[i] = i;
    cs->best[i] = SIZE_MAX;
    cs->best_sim[i] = 0;
  }
  if (r->n < 2)
    return ZN_OK;
  e = zn_malloc(r->n * sizeof *e);
  if (e == NULL)
    return ZN_ENOMEM;
  for (size_t band = 0; band < nbands; band++) {
    for (size_t i = 0; i < r->n; i++) {
      /* FNV-1a over the band's slots, seeded by the band number. */
      uint64_t h = UINT64_C(0xcbf29ce484222325) ^ band;
      for (size_t k = band * rows; k < (band + 1) * rows; k++)
        h = (h ^ r->a[i].mh[k]) * UINT64_C(0x100000001b3);
      e[i].key = h;
      e[i].rec = i;
    }
    qsort(e, r->n, sizeof *e, cmp_entry);
    for (size_t start = 0; start < r->n;) {
      size_t end = start + 1;
      while (end < r->n && e[end].key == e[start].key)
        end++;
      /* Invariant: records in e[start..end) share this band's values and
       * are in input order. */
      for (size_t j = start + 1; j < end; j++) {
        size_t from = j > start + ZN_DEDUP_MAX_BUCKET_PEERS
                          ? j - ZN_DEDUP_MAX_BUCKET_PEERS
                          : start + 1;
        verify(cs, e[start].rec, e[j].rec);
        for (size_t i = from; i < j; i++)
          verify(cs, e[i].rec, e[j].rec);
      }
      start = end;
    }
  }
  zn_free(e);
  return ZN_OK;
}

/* ----------------------------------------------------------------- output */

static void tsv_name(const char *z) {
  /* Tabs and newlines in a name would break the columns. */
  for (; *z != '\0'; z++)
    putchar(*z == '\t' || *z == '\n' || *z == '\r' ? ' ' : *z);
}

static int write_records(const struct cluster_state *cs, bool tsv) {
  const struct recs *r = cs->r;
  size_t *ids = zn_malloc((r->n ? r->n : 1) * sizeof *ids);
  size_t next = 0;

  if (ids == NULL)
    return ZN_ENOMEM;
  for (size_t i = 0; i < r->n; i++)
    ids[i] = SIZE_MAX;
  for (size_t i = 0; i < r->n; i++) {
    size_t root = uf_find(cs->parent, i);
    size_t best = cs->best[i];
    /* Similarities are k/64: four decimals show them exactly enough. */
    double sim = (double)(int64_t)(cs->best_sim[i] * 10000 + 0.5) / 10000;
    if (ids[root] == SIZE_MAX)
      ids[root] = next++;
    if (tsv) {
      tsv_name(r->a[i].name);
      printf("\t%zu\t", ids[root]);
      if (best == SIZE_MAX) {
        fputs("-\t-\n", stdout);
      } else {
        tsv_name(r->a[best].name);
        printf("\t%.4f\n", sim);
      }
    } else {
      json_t *o = json_object();
      char *line;
      int bad = o == NULL;
      if (!bad) {
        bad |= json_object_set_new(o, "input", json_string(r->a[i].name));
        bad |= json_object_set_new(o, "cluster",
                                   json_integer((json_int_t)ids[root]));
        bad |= json_object_set_new(
            o, "similar_to",
            best == SIZE_MAX ? json_null() : json_string(r->a[best].name));
        bad |= json_object_set_new(
            o, "similarity", best == SIZE_MAX ? json_null() : json_real(sim));
      }
      line = bad ? NULL
                 : json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER |
                                     JSON_REAL_PRECISION(6));
      json_decref(o);
      if (line == NULL) {
        zn_free(ids);
        return ZN_ENOMEM;
      }
      puts(line);
      free(line);
    }
  }
  zn_free(ids);
  return ZN_OK;
}

static bool parse_threshold(const char *z, double *out) {
  char *end;
  double v;

  if (z == NULL || *z == '\0')
    return false;
  v = strtod(z, &end);
  if (*end != '\0' || !(v > 0 && v <= 1))
    return false;
  *out = v;
  return true;
}

int zn_cmd_dedup(int argc, char **argv) {
  struct opts o = {0.5, false, ZN_FORMAT_AUTO, ZN_EXTRACT_DEFAULT_MAX_INPUT};
  zn_extractor *ex = NULL;
  struct recs r = {NULL, 0, 0};
  struct cluster_state cs;
  int first_file = argc;
  int n_inputs;
  int n_failed = 0;
  int worst = ZN_EXIT_OK;
  char *stdin_name[] = {(char *)"-"};
  char **files;

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
    } else if (strcmp(a, "--tsv") == 0) {
      o.tsv = true;
    } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
      zn_cli_quiet = true;
    } else if (strcmp(a, "-t") == 0 || strcmp(a, "--threshold") == 0) {
      const char *v = i + 1 < argc ? argv[++i] : NULL;
      if (!parse_threshold(v, &o.threshold))
        return zn_cli_usage_error("dedup", "--threshold needs a number "
                                           "greater than 0 and at most 1");
    } else if (strcmp(a, "-f") == 0 || strcmp(a, "--format") == 0) {
      const char *v = i + 1 < argc ? argv[++i] : NULL;
      if (v == NULL)
        return zn_cli_usage_error("dedup", "--format needs a value");
      if (!zn_cli_parse_format(v, &o.format))
        return zn_cli_usage_error("dedup",
                                  "--format must be auto, text or html");
    } else if (strcmp(a, "-m") == 0 || strcmp(a, "--max-size") == 0) {
      const char *v = i + 1 < argc ? argv[++i] : NULL;
      if (v == NULL || !zn_cli_parse_size(v, &o.max_size) || o.max_size == 0)
        return zn_cli_usage_error("dedup",
                                  "--max-size needs a size such as 32M");
    } else {
      char why[128];
      snprintf(why, sizeof why, "unknown option '%.60s'", a);
      return zn_cli_usage_error("dedup", why);
    }
  }
  if (first_file < argc) {
    files = argv + first_file;
    n_inputs = argc - first_file;
  } else {
    files = stdin_name;
    n_inputs = 1;
  }
  if (zn_extractor_new(&ex) != ZN_OK) {
    zn_cli_error("out of memory");
    return ZN_EXIT_INTERNAL;
  }
  zn_extractor_set_format(ex, o.format);
  zn_extractor_set_max_input(ex, o.max_size);
  for (int i = 0; i < n_inputs; i++) {
    int code = do_input(ex, &o, files[i], &r);
    if (code != ZN_EXIT_OK) {
      n_failed++;
      if (code > worst)
        worst = code;
    }
  }
  zn_extractor_free(ex);

  memset(&cs, 0, sizeof cs);
  cs.r = &r;
  cs.threshold = o.threshold;
  cs.parent = zn_malloc((r.n ? r.n : 1) * sizeof *cs.parent);
  cs.best = zn_malloc((r.n ? r.n : 1) * sizeof *cs.best);
  cs.best_sim = zn_malloc((r.n ? r.n : 1) * sizeof *cs.best_sim);
  if (cs.parent == NULL || cs.best == NULL || cs.best_sim == NULL ||
      cluster(&cs) != ZN_OK || write_records(&cs, o.tsv) != ZN_OK) {
    zn_cli_error("dedup: %s", zn_strerror(ZN_ENOMEM));
    worst = ZN_EXIT_INTERNAL;
  } else if (n_inputs > 1 || r.n > 1) {
    size_t nclusters = 0;
    for (size_t i = 0; i < r.n; i++)
      nclusters += cs.parent[i] == i;
    zn_cli_note("dedup: %d inputs, %zu records, %zu clusters, %d failed",
                n_inputs, r.n, nclusters, n_failed);
  }
  zn_free(cs.parent);
  zn_free(cs.best);
  zn_free(cs.best_sim);
  for (size_t i = 0; i < r.n; i++)
    zn_free(r.a[i].name);
  zn_free(r.a);
  return zn_cli_finish_stdout(worst);
}
