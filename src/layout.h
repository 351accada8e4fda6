/* layout.h - stage 7 (SPEC §2.7): itemise and shape text with HarfBuzz over
 * FreeType faces, break lines, justify and paginate the composed briefing
 * into the page model that the pdf stage writes. */
#ifndef JB_LAYOUT_H
#define JB_LAYOUT_H

#include "doc.h"

/* Lay out doc->brief with ctx->fonts and ctx->conf into out (arena memory).
 * Characters no font has are reported with their source position and drawn
 * as the .notdef glyph. Returns 0. */
int jb_layout_run(jb_ctx *ctx, const jb_doc *doc, jb_layout *out);

/* Chinese line-breaking rules (clreq) applied on top of UAX #14. */
/* May not start a line: closing brackets and quotes, pause and stop marks. */
bool jb_layout_no_start(uint32_t cp);
/* n as a lower-case roman numeral (front matter pages: i … mmmcmxcix),
 * decimal outside 1..3999; in a. */
jb_str jb_layout_roman(jb_arena *a, int n);
/* May not end a line: opening brackets and quotes. */
bool jb_layout_no_end(uint32_t cp);

#endif
