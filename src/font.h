/* font.h - the report's faces: each TrueType file is mapped once and shared
 * by FreeType (metrics, names), HarfBuzz (shaping) and hb-subset (pdf). */
#ifndef JB_FONT_H
#define JB_FONT_H

#include <stdbool.h>
#include <stdint.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>

#include "diag.h"

typedef struct jb_conf jb_conf;

typedef enum jb_font_role {
  JB_FONT_BODY,    /* Noto Serif SC Regular */
  JB_FONT_BOLD,    /* Noto Serif SC Bold: emphasis */
  JB_FONT_HEADING, /* Noto Sans SC Bold */
  JB_FONT_SANS,    /* Noto Sans SC Regular: frame, headers, notes */
  JB_FONT_OTHER,   /* the other script's face: the glossary's other-form
                      column (Noto Sans TC in a zh-Hans edition) */
  JB_FONT_FALLBACK, /* HanaMinA: what the others lack (𠮷, Ł, ő) */
  JB_FONT__COUNT
} jb_font_role;

typedef struct jb_font {
  char *path;        /* file, heap */
  hb_blob_t *blob;   /* the mapped file */
  hb_face_t *face;   /* over blob: shaping tables and subsetting */
  hb_font_t *hb;     /* for shaping: OpenType functions, scale = upem */
  hb_font_t *ftf;    /* FreeType functions: owns ft */
  FT_Face ft;        /* metrics, names, outlines */
  unsigned upem;     /* units per em */
  int ascent;        /* OS/2 typo ascender (ideographic em box top) */
  int descent;       /* OS/2 typo descender, negative */
  int cap_height;
  int bbox[4];       /* xMin yMin xMax yMax */
  char ps_name[64];  /* PostScript name */
} jb_font;

typedef struct jb_fontset {
  jb_font fonts[JB_FONT__COUNT];
} jb_fontset;

/* Load the faces the template names. Reports JB_D_FONT with the path
 * and returns NULL if any cannot be loaded. Free with jb_fontset_free. */
jb_fontset *jb_fontset_new(const jb_conf *conf, jb_diags *d);
void jb_fontset_free(jb_fontset *fs);

/* jb_fontset_new on a helper thread where there is a second core (the run
 * needs the fonts only at layout); jb_fontset_take waits for it and gives
 * what jb_fontset_new gave, its messages added to d. */
typedef struct jb_fontload jb_fontload;
jb_fontload *jb_fontset_load(const jb_conf *conf, int threads);
jb_fontset *jb_fontset_take(jb_fontload *l, jb_diags *d);
/* A fontset over fs's faces with shaping fonts of its own, for another
 * thread: HarfBuzz's per-font glyph caches are shared memory that two
 * threads would fight over. Free with jb_fontset_view_free before fs. */
jb_fontset *jb_fontset_view(const jb_fontset *fs);
void jb_fontset_view_free(jb_fontset *view);
/* Glyph of cp in f, 0 if the face lacks it. */
uint32_t jb_font_glyph(const jb_font *f, uint32_t cp);
/* Advance of gid in font units. */
int jb_font_advance(const jb_font *f, uint32_t gid);

#endif
