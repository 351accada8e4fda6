/* pdf.h - stage 8 (SPEC §2.8): write the page model with libharu. Text goes
 * in by glyph id: each face becomes a Type0/CIDFontType2 font built with
 * libharu's object layer, subset with hb-subset, with one CID per (glyph,
 * text) pair and an exact ToUnicode; lines are TJ arrays wrapped in
 * /ActualText (research/typesetting.md §3.4, §3.5). */
#ifndef JB_PDF_H
#define JB_PDF_H

#include "doc.h"

/* The object layer this relies on (internal struct layouts of HPDF_Doc and
 * HPDF_PageAttr) is libharu 2.3.0's; other versions are refused at build
 * time. */
#define JB_PDF_LIBHARU "2.3.0"

/* Write lay to path (the caller renames it into place). Returns 0, or -1
 * after reporting JB_D_PDF / JB_D_OUTPUT. */
int jb_pdf_write(jb_ctx *ctx, const jb_layout *lay, const char *path);

#endif
