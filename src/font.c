/* font.c - loading the template's faces (SPEC §4). */
#include "font.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include FT_TRUETYPE_TABLES_H
#include <hb-ft.h>
#include <hb-ot.h>

#include "arena.h"
#include "conf.h"
#include "par.h"

static const jb_conf_key role_key[JB_FONT__COUNT] = {
    [JB_FONT_BODY] = JB_CONF_FONT_BODY,
    [JB_FONT_BOLD] = JB_CONF_FONT_BOLD,
    [JB_FONT_HEADING] = JB_CONF_FONT_HEADING,
    [JB_FONT_SANS] = JB_CONF_FONT_SANS,
    [JB_FONT_OTHER] = JB_CONF_FONT_OTHER,
    [JB_FONT_FALLBACK] = JB_CONF_FONT_FALLBACK,
};

static void
font_close(jb_font *f)
{
  if (f->hb)
    hb_font_destroy(f->hb);
  if (f->ftf)
    hb_font_destroy(f->ftf); /* releases the FT_Face it made */
  if (f->face)
    hb_face_destroy(f->face);
  if (f->blob)
    hb_blob_destroy(f->blob);
  free(f->path);
  memset(f, 0, sizeof *f);
}

/* A HarfBuzz font over f's face for shaping (OpenType functions, scale =
 * upem). */
static hb_font_t *
shaping_font(const jb_font *f)
{
  hb_font_t *hb = hb_font_create(f->face);
  hb_font_set_scale(hb, (int)f->upem, (int)f->upem);
  return hb;
}

static int
font_open(jb_font *f, const char *path, jb_diags *d)
{
  jb_pos pos = {path, 0, 0, 0};
  f->path = jb_xstrdup(path);
  f->blob = hb_blob_create_from_file_or_fail(path);
  if (!f->blob) {
    jb_diag(d, JB_D_FONT, pos, "cannot read the font file");
    return -1;
  }
  f->face = hb_face_create(f->blob, 0);
  f->upem = hb_face_get_upem(f->face);
  if (hb_face_get_glyph_count(f->face) == 0 || f->upem < 16) {
    jb_diag(d, JB_D_FONT, pos, "not a TrueType/OpenType font");
    return -1;
  }
  hb_blob_t *glyf = hb_face_reference_table(f->face, HB_TAG('g', 'l', 'y', 'f'));
  unsigned glyf_len = hb_blob_get_length(glyf);
  hb_blob_destroy(glyf);
  if (glyf_len == 0) {
    /* A PDF CIDFontType2 embeds TrueType outlines; CFF is not supported. */
    jb_diag(d, JB_D_FONT, pos, "no TrueType outlines (glyf table)");
    return -1;
  }
  /* Shaping reads cmap and hmtx itself (HarfBuzz's OpenType functions):
   * the same advances as FreeType's at upem, without its lock, and
   * faster. FreeType, over the same mapped file, gives the metrics. */
  f->hb = shaping_font(f);
  f->ftf = hb_font_create(f->face);
  hb_ft_font_set_funcs(f->ftf);
  f->ft = hb_ft_font_get_face(f->ftf);
  if (!f->ft) {
    jb_diag(d, JB_D_FONT, pos, "FreeType cannot open the face");
    return -1;
  }
  const TT_OS2 *os2 = FT_Get_Sfnt_Table(f->ft, FT_SFNT_OS2);
  if (os2 && os2->version != 0xFFFF) {
    f->ascent = os2->sTypoAscender;
    f->descent = os2->sTypoDescender;
    f->cap_height = os2->version >= 2 ? os2->sCapHeight : 0;
  } else {
    f->ascent = f->ft->ascender;
    f->descent = f->ft->descender;
  }
  if (!f->cap_height)
    f->cap_height = f->ascent * 8 / 10;
  f->bbox[0] = (int)f->ft->bbox.xMin;
  f->bbox[1] = (int)f->ft->bbox.yMin;
  f->bbox[2] = (int)f->ft->bbox.xMax;
  f->bbox[3] = (int)f->ft->bbox.yMax;
  const char *ps = FT_Get_Postscript_Name(f->ft);
  snprintf(f->ps_name, sizeof f->ps_name, "%s", ps ? ps : "Font");
  return 0;
}

jb_fontset *
jb_fontset_new(const jb_conf *conf, jb_diags *d)
{
  jb_fontset *fs = jb_xcalloc(1, sizeof *fs);
  for (int r = 0; r < JB_FONT__COUNT; r++) {
    if (font_open(&fs->fonts[r], jb_conf_str(conf, role_key[r]), d) != 0) {
      jb_fontset_free(fs);
      return NULL;
    }
  }
  return fs;
}

struct jb_fontload {
  const jb_conf *conf;
  pthread_t thread;
  bool started;
  jb_fontset *fs;
  jb_diags diags; /* the thread's */
};

static void *
fontload_run(void *arg)
{
  jb_fontload *l = arg;
  jb_thread_defer(); /* behind OpenCC's load, which convert waits for */
  l->fs = jb_fontset_new(l->conf, &l->diags);
  return NULL;
}

jb_fontload *
jb_fontset_load(const jb_conf *conf, int threads)
{
  jb_fontload *l = jb_xcalloc(1, sizeof *l);
  l->conf = conf;
  l->started = threads > 1 && jb_thread_create(&l->thread, fontload_run, l) == 0;
  return l;
}

jb_fontset *
jb_fontset_take(jb_fontload *l, jb_diags *d)
{
  if (!l)
    return NULL;
  if (l->started)
    pthread_join(l->thread, NULL);
  else
    fontload_run(l);
  jb_diags_take(d, &l->diags);
  jb_fontset *fs = l->fs;
  free(l);
  return fs;
}

void
jb_fontset_free(jb_fontset *fs)
{
  if (!fs)
    return;
  for (int r = 0; r < JB_FONT__COUNT; r++)
    font_close(&fs->fonts[r]);
  free(fs);
}

jb_fontset *
jb_fontset_view(const jb_fontset *fs)
{
  jb_fontset *v = jb_xmalloc(sizeof *v);
  *v = *fs;
  for (int r = 0; r < JB_FONT__COUNT; r++)
    v->fonts[r].hb = shaping_font(&fs->fonts[r]);
  return v;
}

void
jb_fontset_view_free(jb_fontset *view)
{
  if (!view)
    return;
  for (int r = 0; r < JB_FONT__COUNT; r++)
    hb_font_destroy(view->fonts[r].hb);
  free(view);
}

uint32_t
jb_font_glyph(const jb_font *f, uint32_t cp)
{
  hb_codepoint_t g = 0;
  if (!hb_font_get_nominal_glyph(f->hb, cp, &g))
    return 0;
  return g;
}

int
jb_font_advance(const jb_font *f, uint32_t gid)
{
  return (int)hb_font_get_glyph_h_advance(f->hb, gid);
}
