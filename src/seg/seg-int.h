/* SPDX-License-Identifier: MIT */
/*
 * seg-int.h - what the trainer (model-train.c) needs from the segmenter:
 * a hook that receives each Han run exactly as zn_seg_run() cuts the text,
 * so the model is trained on the runs the decoder will see.  Not API.
 */
#ifndef ZN_SEG_SEG_INT_H
#define ZN_SEG_SEG_INT_H

#include <stddef.h>
#include <stdint.h>

#include "zhnews/seg.h"

/*
 * Called for each Han run instead of segmenting it: m code points cp[],
 * their lexicon codes code[], byte offsets boff[0..m] (boff[m] is the
 * run's end), and the ZN_MDL_OUT_* kinds of what lies before and after.
 * Returns 0 or a negative zn_err, which zn_seg_run() returns.
 */
typedef int (*zn__seg_run_hook)(void *ctx, const uint32_t *cp,
                                const uint32_t *code, const size_t *boff,
                                size_t m, int out_left, int out_right);

/* Sets (or, with NULL, clears) the hook of seg. */
void zn__seg_set_run_hook(zn_seg *seg, zn__seg_run_hook hook, void *ctx);

/* A model over a buffer the caller keeps alive (the trainer's model of the
 * epoch, scored on the dev split before it is written).  As
 * zn_model_open(); zn_model_close() frees the handle, not the buffer. */
int zn__model_from_buffer(const void *buf, size_t len, zn_model **out,
                          char *errmsg, size_t errmsg_cap);

#endif /* ZN_SEG_SEG_INT_H */
