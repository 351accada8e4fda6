/* dedup.h - stage 5 (SPEC §2.5): drop repeated paragraphs within and
 * across documents; the first occurrence stays and cites every source that
 * carried it. */
#ifndef JB_DEDUP_H
#define JB_DEDUP_H

#include "doc.h"

#define JB_DEDUP_MIN_KEY 4 /* shorter texts are never merged */

/* Comparison key of text: Han characters, digits and ASCII letters (lower
 * case) only, so spacing and punctuation variants compare equal. In a. */
jb_str jb_dedup_key(jb_arena *a, jb_str text);

/* Exact dedup over all sources that are not skipped. Returns 0. */
int jb_dedup_run(jb_ctx *ctx, jb_doc *doc);

#endif
