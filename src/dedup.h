/* dedup.h - stage 5 (SPEC §2.5): drop repeated paragraphs within and
 * across documents, in three forms: exact (normalised text), contained
 * (every sentence is in a fuller paragraph; the fuller one stays) and near
 * (MinHash over character 3-grams, confirmed by exact Jaccard). The kept
 * paragraph cites every source that carried it. Cost is near-linear: hash
 * tables and LSH buckets, no all-pairs comparison. */
#ifndef JB_DEDUP_H
#define JB_DEDUP_H

#include "doc.h"

#define JB_DEDUP_MIN_KEY 4       /* shorter texts are never merged */
#define JB_DEDUP_SHINGLE 3       /* characters per shingle */
#define JB_DEDUP_NEAR 0.80       /* Jaccard that makes a near duplicate */
#define JB_DEDUP_NEAR_MIN_KEY 12 /* near dedup from this key length */
#define JB_DEDUP_SENTENCE_MIN 8  /* sentence keys shorter than this are
                                    too common to prove containment */

/* Comparison key of text: Han characters, digits and ASCII letters (lower
 * case) only, so spacing and punctuation variants compare equal. In a. */
jb_str jb_dedup_key(jb_arena *a, jb_str text);

/* Jaccard similarity of the character shingle sets of two keys. */
double jb_dedup_jaccard(jb_str key_a, jb_str key_b);

/* Dedup over all sources that are not skipped. Returns 0. */
int jb_dedup_run(jb_ctx *ctx, jb_doc *doc);

#endif
