/* section.h - stage 4 (SPEC §2.4): give every source its section
 * structure: markdown headings, Chinese enumerations (一、 （一） 第三章). */
#ifndef JB_SECTION_H
#define JB_SECTION_H

#include "doc.h"

#define JB_SECTION_HEADING_MAX_CP 80 /* longer enumerated lines stay text */

typedef enum jb_enum_kind {
  JB_ENUM_NONE,
  JB_ENUM_CHAPTER,   /* 第三章 / 第三部分 */
  JB_ENUM_NUMERAL,   /* 一、 */
  JB_ENUM_PAREN      /* （一） or (一) */
} jb_enum_kind;

/* Kind of Chinese enumeration that starts text; *len receives the bytes of
 * the marker. */
jb_enum_kind jb_section_enum(jb_str text, size_t *len);

/* Assign heading levels in every source that is not skipped. Returns 0. */
int jb_section_run(jb_ctx *ctx, jb_doc *doc);

#endif
