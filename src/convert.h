/* convert.h - stage 3 (SPEC §2.3): detect Traditional documents and convert
 * them to Simplified with OpenCC; and the edition stage, which turns the
 * composed briefing into the zh-Hant edition. */
#ifndef JB_CONVERT_H
#define JB_CONVERT_H

#include "doc.h"

/* OpenCC configurations. t2s: see convert.c for why not tw2sp or hk2s. */
#define JB_CONVERT_TO_HANS "t2s.json"

/* A document is Traditional when t2s changes at least this many of its Han
 * characters, and at least JB_CONVERT_MIN_PERMILLE per mille of them. */
#define JB_CONVERT_MIN_CHANGED 3
#define JB_CONVERT_MIN_PERMILLE 30

typedef struct jb_converter jb_converter;

/* Open an OpenCC configuration by file name (searched in OpenCC's data
 * folder). Reports JB_D_OPENCC and returns NULL on failure. Free with
 * jb_converter_free. */
jb_converter *jb_converter_new(const char *config, jb_diags *d);
void jb_converter_free(jb_converter *c);
/* Convert s; the result lives in a. *changed (if not NULL) receives the
 * number of code points that differ. Text without Han is returned as is. */
jb_str jb_converter_text(jb_converter *c, jb_arena *a, jb_str s,
                         size_t *changed);

/* From the build's table of what t2s changes: 1 if t2s changes cp on its
 * own, 0 if not, -1 when the table does not answer (cp outside it, or the
 * OpenCC files t2s reads are not the ones it was made from). */
int jb_convert_t2s_known(uint32_t cp);

/* Variant of a text with han Han characters of which changed differ under
 * t2s. */
jb_variant jb_convert_detect(size_t han, size_t changed);

/* Evidence of a Traditional text's regional standard, Taiwan and Hong
 * Kong: characters tw2s and hk2s convert unlike t2s (著 as a particle),
 * character forms (裡, 裏 説 衞), words and places (網路, 香港; a .tw or
 * .hk address counts too). */
typedef struct jb_region_count {
  size_t tw_changes, hk_changes;
  size_t tw_forms, hk_forms;
  size_t tw_words, hk_words;
} jb_region_count;
/* The characters tw2s or hk2s convert unlike t2s (UTF-8). */
extern const char jb_convert_regional_chars[];
/* Count the forms and words of text (the changes are left 0). */
void jb_convert_region_words(jb_str text, jb_region_count *c);
/* The standard the evidence points to, in that order of strength. */
jb_standard jb_convert_standard(const jb_region_count *c);

/* Detect and convert every source that is not skipped. Returns 0, or -1
 * if OpenCC cannot be loaded (fatal). */
int jb_convert_run(jb_ctx *ctx, jb_doc *doc);

/* Loading OpenCC's dictionaries takes milliseconds: load t2s, then the
 * edition's config for zh-Hant, on a thread of their own (where
 * ctx->threads allows) while the input is read and cleaned;
 * jb_convert_run and jb_convert_edition pick each up when it is loaded.
 * jb_convert_preload_end joins and frees what was not used (a run that
 * stopped early). */
void jb_convert_preload(jb_ctx *ctx);
void jb_convert_preload_end(jb_ctx *ctx);

/* For the zh-Hant edition, convert the composed briefing with the
 * template's edition.config; section, dedup and glossary have worked on the
 * Simplified master. Nothing to do for zh-Hans. Returns 0, or -1 if OpenCC
 * cannot be loaded (fatal). */
int jb_convert_edition(jb_ctx *ctx, jb_doc *doc);

#endif
