/* pdf.h - stage 8 (SPEC §2.8): write the page model with libharu. Text goes
 * in by glyph id: each face becomes a Type0/CIDFontType2 font built with
 * libharu's object layer, subset with hb-subset, with one CID per (glyph,
 * text) pair and an exact ToUnicode; lines are TJ arrays wrapped in
 * /ActualText (research/typesetting.md §3.4, §3.5). */
#ifndef JB_PDF_H
#define JB_PDF_H

#include "buf.h"
#include "doc.h"

/* The object layer this relies on (internal struct layouts of HPDF_Doc and
 * HPDF_PageAttr) is libharu 2.3.0's; other versions are refused at build
 * time. */
#define JB_PDF_LIBHARU "2.3.0"

/* Render lay as PDF into file, a name libharu opens for writing (the
 * pipeline's unnamed output, put in place later); messages name it as
 * name. The trailer's /ID is a
 * hash of the content, so the same input gives the same file. Returns 0,
 * or -1 after reporting JB_D_PDF. idle(arg), when given, is called once
 * the writer's helper has made the font subsets: from then on the
 * writer works alone, and the caller may start work of its own. */
int jb_pdf_write(jb_ctx *ctx, const jb_layout *lay, const char *file, const char *name,
                 void (*idle)(void *), void *arg);

#endif
