/* SPDX-License-Identifier: MIT */
/*
 * seg.h - Chinese word segmentation: the compiled lexicon (zn_lexicon) and
 * the segmenter (zn_seg).
 *
 * A zn_lexicon is a read-only file mapped into memory: open it once and
 * share the handle between any number of threads and segmenters (its pages
 * are shared between processes too).  A zn_seg holds one thread's state
 * (buffers, mode, user words); use one per thread.  Nothing here has global
 * mutable state.  The lexicon file format is in docs/lexicon-format.md.
 * A zn_model (accurate mode's trained segmentation and POS model) is, like
 * the lexicon, a read-only mapped file shared by any number of segmenters;
 * its format is in docs/model-format.md.
 *
 * Offsets in tokens are relative to the text given to zn_seg_run(): byte
 * offsets (off, len) and code-point offsets (char_off, nchar).
 */
#ifndef ZN_SEG_H
#define ZN_SEG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zhnews/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- lexicon */

typedef struct zn_lexicon zn_lexicon;

/*
 * Maps the compiled lexicon at path.  Checks the magic, format version,
 * byte order, recorded file size and that every section lies inside the
 * file (the cheap check; zn_lexicon_verify() is the deep one).  OUT: *out,
 * NULL on failure.  Returns 0, ZN_ENOENT / ZN_EACCES / ZN_EIO, ZN_EFORMAT (not
 * a zhnews lexicon, or a damaged one: *errmsg says what, when errmsg is not
 * NULL), or ZN_ENOMEM.  Thread-safe once opened.
 */
ZN_EXTERN int zn_lexicon_open(const char *path, zn_lexicon **out, char *errmsg,
                              size_t errmsg_cap);
/* Unmaps the lexicon.  Accepts NULL; can't fail.  No segmenter using it may
 * run afterwards. */
ZN_EXTERN void zn_lexicon_close(zn_lexicon *lex);
/* Deep check: every trie offset in range, every word's tag valid, the
 * character map consistent.  0 or ZN_EFORMAT with *errmsg saying where. */
ZN_EXTERN int zn_lexicon_verify(const zn_lexicon *lex, char *errmsg,
                                size_t errmsg_cap);
/* Number of words. */
ZN_EXTERN size_t zn_lexicon_nwords(const zn_lexicon *lex);
/*
 * Looks up a word.  Returns true if it is in the lexicon; then *logp (if
 * not NULL) gets its log-probability under the unigram model (natural log,
 * below 0) and *tag (if not NULL) its POS tag (a string owned by the
 * lexicon, valid while it is open).
 */
ZN_EXTERN bool zn_lexicon_lookup(const zn_lexicon *lex, const char *word,
                                 size_t len, double *logp, const char **tag);

/* The word's inverse document frequency from the lexicon's IDF section
 * (natural log, as jieba's idf.utf8), or 0 if the word or the section is
 * missing. */
ZN_EXTERN double zn_lexicon_idf(const zn_lexicon *lex, const char *word,
                                size_t len);
/* True if the lexicon carries an IDF section. */
ZN_EXTERN bool zn_lexicon_has_idf(const zn_lexicon *lex);

/*
 * Compiles a lexicon.  dict_path: UTF-8 lines "word [freq] [tag]" or
 * "word tag" ('#' starts a comment line; frequencies are finite, at most
 * 1e12; duplicates add up); hmm_path: the B/E/M/S model in jieba's
 * hmm_model.utf8 format, or NULL for none; idf_path: "word idf" lines
 * ('#' comments) for the IDF section, or NULL for none.  Writes out_path
 * (through a temporary file renamed into place).  Returns 0, ZN_EBADUTF8 or
 * ZN_EFORMAT (errmsg names the file and line), ZN_ENOENT / ZN_EIO, or
 * ZN_ENOMEM.
 */
ZN_EXTERN int zn_lexicon_build(const char *dict_path, const char *hmm_path,
                               const char *idf_path, const char *out_path,
                               char *errmsg, size_t errmsg_cap);

/* ------------------------------------------------------------------ model */

typedef struct zn_model zn_model;

/*
 * Maps the trained model at path (written by zn_model_train(), `zhnews
 * train`).  Checks the magic, format version, byte order, recorded size,
 * section bounds and every tagger offset.  OUT: *out, NULL on failure.
 * Returns 0, ZN_ENOENT / ZN_EACCES / ZN_EIO, ZN_EFORMAT (not a zhnews
 * model, or a damaged one: *errmsg says what) or ZN_ENOMEM.  Thread-safe
 * once opened.
 */
ZN_EXTERN int zn_model_open(const char *path, zn_model **out, char *errmsg,
                            size_t errmsg_cap);
/* Unmaps the model.  Accepts NULL; can't fail.  No segmenter using it may
 * run afterwards. */
ZN_EXTERN void zn_model_close(zn_model *md);
/* What the model says about its training (data, epochs, seed, dev scores):
 * a string owned by the model, "" if none. */
ZN_EXTERN const char *zn_model_info(const zn_model *md);

/* Corpus formats the trainer reads. */
typedef enum zn_corpus_format {
  ZN_CORPUS_AUTO = 0, /* guessed from the first lines */
  ZN_CORPUS_PD,       /* People's Daily: word/tag, [..]nt, {pinyin} */
  ZN_CORPUS_SPACED,   /* SIGHAN: words separated by spaces, no tags */
  ZN_CORPUS_CONLL     /* CoNLL / CoNLL-U: FORM in column 2, tag in 4/5 */
} zn_corpus_format;

/* One epoch's figures, for progress reports. */
typedef struct zn_train_epoch {
  unsigned epoch;     /* 1-based */
  size_t train_sents; /* sentences trained on */
  size_t dev_sents;   /* sentences in the dev split */
  double dev_f1;      /* word F1 of the dev split (the real decoder) */
  double dev_pos_acc; /* POS accuracy on the dev split's gold words, or
                         -1 with no tagged dev words */
  double seconds;     /* since training started */
} zn_train_epoch;

typedef struct zn_train_opts {
  const char *const *inputs; /* corpus files */
  size_t n_inputs;
  zn_corpus_format format; /* for every input */
  const zn_lexicon *lex;   /* lexicon-match features (required) */
  const char *out_path;    /* the model file to write; NULL: only write the
                              dev split to dev_out, no training */
  unsigned epochs;         /* 0 means 10 */
  uint64_t seed;           /* the shuffling order; same seed, same model */
  unsigned dev_percent;    /* documents held out for dev, 0..50; the
                              same documents for any seed */
  const char *dev_out;     /* if not NULL, the dev split is written here
                              in the PD format (word/tag, one sentence a
                              line), for scoring elsewhere */
  double prune;            /* drop weights below prune x the largest
                              (0 keeps all that quantize to nonzero) */
  unsigned min_count;      /* drop features seen fewer times in the
                              training split; 0 means 2 */
  void (*progress)(void *ctx, const zn_train_epoch *ep);
  void *progress_ctx;
} zn_train_opts;

/*
 * Trains a model and writes it to opts->out_path (through a temporary file
 * renamed into place).  Deterministic: the same inputs, lexicon and options
 * give a byte-identical file.  Returns 0, ZN_EINVAL (bad options),
 * ZN_ENOENT / ZN_EIO, ZN_EFORMAT / ZN_EBADUTF8 (errmsg names the file and
 * line) or ZN_ENOMEM.
 */
ZN_EXTERN int zn_model_train(const zn_train_opts *opts, char *errmsg,
                             size_t errmsg_cap);

/* -------------------------------------------------------------- segmenter */

typedef enum zn_seg_mode {
  ZN_SEG_FAST = 0,     /* one token per word: the best path */
  ZN_SEG_SEARCH = 1,   /* fast, plus every lexicon word inside longer tokens */
  ZN_SEG_ACCURATE = 2, /* the trained model (zn_seg_set_model) over Han
                          runs; PKU tags from its tagger */
} zn_seg_mode;

/* Token flags. */
enum {
  ZN_TOKEN_SUBWORD = 1u << 0, /* search mode: a word inside a longer token */
  ZN_TOKEN_USER = 1u << 1,    /* a user dictionary word */
};

typedef struct zn_token {
  size_t off;      /* byte offset in the text */
  size_t len;      /* byte length */
  size_t char_off; /* code-point offset in the text */
  size_t nchar;    /* code points */
  const char *tag; /* POS tag: fast and search modes the jieba / ICTCLAS
                      set (n, v, nr, m, x, eng ..); accurate mode the PKU
                      set (n, v, nr, m, w ..; docs/model-format.md maps
                      it to jieba's); static or owned by the lexicon /
                      model / segmenter */
  unsigned flags;  /* ZN_TOKEN_* */
} zn_token;

/*
 * Called once per token, in text order (a search-mode sub-word right after
 * the token that contains it).  text is the string given to zn_seg_run().
 * Return nonzero to stop segmenting (not an error).
 */
typedef int (*zn_token_cb)(void *ctx, const char *text, const zn_token *tok);

typedef struct zn_seg zn_seg;

/* The longest run of Han characters segmented as one; longer runs (no
 * punctuation for 4,096 characters is not prose) are cut, so the
 * segmenter's memory stays bounded whatever the input. */
#define ZN_MAX_HAN_RUN_NCHAR 4096

/* Creates a segmenter over lex (borrowed: it must outlive the segmenter).
 * OUT: *out, NULL on failure.  0 or ZN_ENOMEM / ZN_EINVAL. */
ZN_EXTERN int zn_seg_new(const zn_lexicon *lex, zn_seg **out);
/* Frees a segmenter.  Accepts NULL; can't fail. */
ZN_EXTERN void zn_seg_free(zn_seg *seg);
/* Sets the mode (default ZN_SEG_FAST).  0 or ZN_EINVAL (unknown mode, or
 * ZN_SEG_ACCURATE with no model set). */
ZN_EXTERN int zn_seg_set_mode(zn_seg *seg, zn_seg_mode mode);
/* The mode in use. */
ZN_EXTERN zn_seg_mode zn_seg_get_mode(const zn_seg *seg);
/* "fast", "search", "accurate" (static strings), for recording the mode
 * in outputs. */
ZN_EXTERN const char *zn_seg_mode_name(zn_seg_mode mode);
/* Attaches the model accurate mode uses (borrowed: it must outlive the
 * segmenter's use of it).  0, or ZN_EINVAL for NULL while in accurate
 * mode. */
ZN_EXTERN int zn_seg_set_model(zn_seg *seg, const zn_model *model);
/* Accurate mode: whether to run the POS tagger (default on).  Off, tokens
 * get the lexicon's tag (jieba set) and segmentation runs faster; on, the
 * tokens of one zn_seg_run() call are tagged a sentence at a time, so the
 * callback sees them a sentence late. */
ZN_EXTERN void zn_seg_set_pos(zn_seg *seg, bool on);

/*
 * Adds a user word to this segmenter; tag NULL means "n".  A user word
 * always wins, so freq is accepted for compatibility with jieba-style
 * dictionaries but not used: wherever the word occurs in the text (the
 * leftmost, then longest, when user words overlap), it is one token,
 * whatever the statistics or the number and Latin rules say.  Returns 0,
 * ZN_EINVAL (empty, too long, or containing white space), ZN_EBADUTF8 or
 * ZN_ENOMEM (zn_seg_errmsg() says which).
 */
ZN_EXTERN int zn_seg_add_word(zn_seg *seg, const char *word, size_t len,
                              double freq, const char *tag);
/*
 * Adds the words of a user dictionary file: UTF-8 lines "word [freq] [tag]",
 * '#' comments and blank lines ignored.  Returns 0, or an error with
 * zn_seg_errmsg() naming the file and line.
 */
ZN_EXTERN int zn_seg_load_userdict(zn_seg *seg, const char *path);

/*
 * Segments text[0..len) and calls cb for each token.  White space is not a
 * token; every other byte belongs to exactly one fast-mode token.  Invalid
 * UTF-8 becomes tokens tagged "x", one per maximal invalid subpart (Unicode
 * 15 §3.9), each counting as one character in char_off / nchar -- the
 * count zn_utf8_nchar() gives.  A run of Han characters longer than
 * ZN_MAX_HAN_RUN_NCHAR is segmented in pieces of that size.  Returns 0
 * (also when cb stopped it) or ZN_ENOMEM.
 */
ZN_EXTERN int zn_seg_run(zn_seg *seg, const char *text, size_t len,
                         zn_token_cb cb, void *ctx);

/* The last error message for seg ("" if none). */
ZN_EXTERN const char *zn_seg_errmsg(const zn_seg *seg);

#ifdef __cplusplus
}
#endif
#endif /* ZN_SEG_H */
