/* SPDX-License-Identifier: MIT */
/*
 * grow.h - growing an array by doubling, shared by every module that keeps
 * arrays of its own (analyze, seg's lexicon and model builders); in
 * src/common/alloc.c.  Not API.
 */
#ifndef ZN_PRIVATE_GROW_H
#define ZN_PRIVATE_GROW_H

#include <stddef.h>

/* Grows *arr (elements of size elem) so that it holds at least need;
 * *cap is the count allocated (doubled from 8, or from what it is).  0 or
 * ZN_ENOMEM; on ZN_ENOMEM *arr and *cap are as they were. */
int zn__grow(void **arr, size_t elem, size_t *cap, size_t need);

#endif /* ZN_PRIVATE_GROW_H */
