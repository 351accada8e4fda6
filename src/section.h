/* section.h - stage 4 (SPEC §2.4): give every source its structure:
 * markdown headings, Chinese enumerations (一、 （一） 第三章), numbered
 * points and 一是 lead-ins as lists, slide decks run into one line
 * recovered from their own 目录, and run-on text split into paragraphs. */
#ifndef JB_SECTION_H
#define JB_SECTION_H

#include "doc.h"

#define JB_SECTION_HEADING_MAX_CP 80 /* longer enumerated lines stay text */
#define JB_SECTION_RUNON_CP 600      /* a paragraph this long is split */
#define JB_SECTION_PARA_CP 200       /* at sentence ends, from this length */

typedef enum jb_enum_kind {
  JB_ENUM_NONE,
  JB_ENUM_CHAPTER, /* 第三章 / 第三部分 */
  JB_ENUM_NUMERAL, /* 一、 */
  JB_ENUM_PAREN,   /* （一） or (一) */
  JB_ENUM_LEADIN,  /* 一是 / 二是 */
  JB_ENUM_POINT    /* 1. / 2、 */
} jb_enum_kind;

/* Kind of enumeration that starts text; *len receives the bytes of the
 * marker and *num its number (1-based, 0 if none). */
jb_enum_kind jb_section_enum(jb_str text, size_t *len, int *num);

/* One part or slide recovered from a run-on deck. */
typedef struct jb_deck_item {
  int level;    /* 1 part, 2 slide subtitle, 0 numbered point */
  int number;   /* point number */
  jb_str text;  /* into the deck text */
} jb_deck_item;

/* Recover the structure of a slide deck run into one line: deck title,
 * then the part titles its 目录 lists, then slides that repeat the deck
 * and part titles as headers. Returns the number of items written to
 * *items (heap; caller frees; texts in a or in text), 0 if text is not
 * such a deck. *title gets the deck title. */
size_t jb_section_deck(jb_arena *a, jb_str text, jb_str *title,
                       jb_deck_item **items);

/* Structure every source that is not skipped. Returns 0. */
int jb_section_run(jb_ctx *ctx, jb_doc *doc);

#endif
