/* clean.h - stage 2 (SPEC §2.2): classify lines as article text or page
 * debris, turn kept lines into blocks of styled spans, normalise
 * punctuation and digits, and infer a missing title. */
#ifndef JB_CLEAN_H
#define JB_CLEAN_H

#include "doc.h"

/* Clean every source that is not skipped. A source with no text left is
 * reported and skipped. Returns 0. */
int jb_clean_run(jb_ctx *ctx, jb_doc *doc);

/* Line features the classifier works from (exposed for tests). */
typedef struct jb_line_info {
  size_t cps;        /* visible code points (markup and spaces removed) */
  size_t han;        /* Han characters */
  size_t function;   /* Han function characters (的 了 是 在 和 …): prose has
                        many, lists of names and titles few (jusText's
                        stop-word density, per character) */
  size_t letters;    /* Han + Latin letters + digits */
  size_t link_cps;   /* visible code points inside links */
  size_t bold_cps;   /* visible code points inside strong emphasis */
  size_t images;     /* images on the line */
  size_t links;      /* links on the line */
  size_t stops;      /* sentence marks (。！？) on the line */
  size_t commas;     /* clause marks (，、；：, and , . ; : ! ? before a space) */
  bool sentence_end; /* ends like a sentence (。！？…”」) */
  bool list_item;    /* starts with -, *, + or "1." */
  int heading;       /* markdown heading level, 0 if none */
} jb_line_info;

/* Compute the features of one raw input line. */
void jb_clean_line_info(jb_str line, jb_line_info *info);

/* Judge one line on its own, as a paragraph without context: the debris
 * family it belongs to (JB_DROP_NONE if none; a byline is JB_DROP_BYLINE);
 * *why gets the rule that fired (static text). */
jb_drop jb_clean_classify(jb_str line, const char **why);

/* Normalise text for Chinese typesetting (SPEC §2.2): HTML character
 * references decoded; zero-width and control characters removed; full-width
 * Latin letters and digits to ASCII; half-width , : ; ? ! ( ) next to Han
 * to full-width (straight quotes stay as typed: typesetting curls them,
 * jb_buf_put_curled); spaced digits
 * ("2 0 2 0") joined; runs of spaces collapsed. before/after are the code
 * points around s (0 for none). Result in the arena. */
jb_str jb_clean_normalise(jb_arena *a, jb_str s, uint32_t before,
                          uint32_t after);

/* Parse the inline markdown of a kept line into spans of b: **bold**,
 * [text](url) links, images removed, escapes resolved. */
void jb_clean_inline(jb_ctx *ctx, jb_block *b, jb_str line);

#endif
