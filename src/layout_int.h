/* layout_int.h - shared by the layout files only: text styles and the
 * paragraph setter (layout_para.c) used by the page builder (layout.c). */
#ifndef JB_LAYOUT_INT_H
#define JB_LAYOUT_INT_H

#include <unicode/ubrk.h>

#include "doc.h"
#include "font.h"

typedef enum align { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } align;

typedef struct style {
  int font;        /* jb_font_role of plain text */
  int bold;        /* role of bold spans */
  float size;      /* points */
  float leading;   /* baseline to baseline */
  float indent;    /* first line, from the left edge */
  float hang;      /* following lines, from the left edge */
  float before;    /* space above the block */
  float after;     /* space below */
  bool justify;    /* fill every line but the last */
  align align;
  float gray;      /* fill gray level */
  float cite_size; /* size of citation markers, 0 = size */
} style;

/* A set line before it is placed on a page: runs at y = 0, x from the left
 * edge of the text area; links relative the same way. */
typedef struct tline {
  jb_pline pl;
  jb_link *links;
  size_t nlinks, caplinks;
  float width;     /* natural width of the content */
  float end;       /* x where the content ends (indent and alignment in) */
  float leading;
  float size;
} tline;

typedef struct lines {
  tline *v;
  size_t n, cap;
} lines;

/* A font's glyphs as the setter has asked for them: direct-mapped by
 * character (a text asks the same few thousand again and again). */
#define GLYPH_CACHE_BITS 12
typedef struct glyph_cache {
  uint32_t cp[1u << GLYPH_CACHE_BITS];
  uint32_t gid[1u << GLYPH_CACHE_BITS];
  int32_t adv[1u << GLYPH_CACHE_BITS]; /* its advance, -1 until asked */
} glyph_cache;

/* A run's character as the shaper sorts it (layout_para.c, shape_run). */
typedef struct plain_ch {
  uint32_t gid;       /* a plain ideograph's glyph (keep 0) */
  int32_t adv;        /* and its advance */
  unsigned char keep; /* 1: HarfBuzz shapes it; 2: as a neighbour of one */
} plain_ch;

/* Which glyphs a face's shaping plan for Han text looks at (layout_para.c,
 * plain_of): an ideograph whose glyph none of its lookups looks at gets,
 * from HarfBuzz, its nominal glyph and advance, unmoved. */
typedef struct plain_glyphs {
  bool usable; /* each lookup of the plan sees one glyph or a pair of
                  neighbours (no context lookups, no fallback kerning) */
  uint64_t touched[65536 / 64]; /* glyphs some lookup covers, reads or writes */
} plain_glyphs;

typedef struct setter {
  jb_ctx *ctx;
  const jb_fontset *fonts;
  glyph_cache *glyphs[JB_FONT__COUNT]; /* made when first asked */
  plain_glyphs *plain[JB_FONT__COUNT]; /* likewise */
  plain_ch *pc;        /* scratch: a run's characters */
  size_t cappc;
  bool hb_only;        /* every run through HarfBuzz (tests compare) */
  hb_buffer_t *buf;
  UBreakIterator *brk; /* ICU line breaks (UAX #14) */
  uint32_t *reported;  /* missing code points already reported */
  size_t nreported, capreported;
  hb_language_t lang;  /* the edition's: selects the fonts' locl forms */
  bool centred;        /* stops and pauses sit in the middle of the em
                          (Taiwan and Hong Kong placement) */
} setter;

/* Prepare a setter over fonts; returns -1 if ICU's line iterator cannot be
 * opened. Free with jb_setter_free. */
int jb_setter_init(setter *s, jb_ctx *ctx, const jb_fontset *fonts);
void jb_setter_free(setter *s);

/* A paragraph shaped once and broken at several widths (a heading tried
 * at narrower measures): prepare, set as often as wanted, free. */
typedef struct jb_para jb_para;
jb_para *jb_para_prepare(setter *s, const jb_span *spans, size_t nspans, const style *st,
                         jb_pos pos);
void jb_para_set(setter *s, jb_para *jp, float width, lines *out);
void jb_para_free(jb_para *jp);

/* Set spans as a paragraph of the given width; appends lines to out. pos
 * names the source for diagnostics (missing glyphs). */
void jb_set_para(setter *s, const jb_span *spans, size_t nspans,
                 const style *st, float width, jb_pos pos, lines *out);
/* The same with first-fit breaking: the test oracle for total fit. */
void jb_set_para_first_fit(setter *s, const jb_span *spans, size_t nspans,
                           const style *st, float width, jb_pos pos,
                           lines *out);
/* Byte offsets in text before which a line may break, after the clreq
 * tailoring; at most max. */
size_t jb_breaks(setter *s, jb_str text, const style *st, size_t *offsets,
                 size_t max);
/* Set one plain string (no breaking beyond width). */
void jb_set_text(setter *s, jb_str text, const style *st, float width,
                 lines *out);
/* Natural width of text in style st, in points. */
float jb_measure(setter *s, jb_str text, const style *st);

#endif
