/* layout_para.c - setting one paragraph (SPEC §2.7; research/typesetting.md
 * §1, §4-§6).
 *
 * 1. Itemise by font and script and shape each run with HarfBuzz, with
 *    direction, script and the edition's language (zh-Hans, zh-TW or
 *    zh-HK) always set.
 * 2. Break opportunities from ICU's UAX #14 line iterator, tailored with
 *    the clreq rules it lacks: curly quotes as opening/closing marks, no
 *    break before · ・ ～ ／ or a connector dash, none before —— or …… .
 * 3. A box/glue/penalty list: a full-width mark is a half-em box plus its
 *    blank half as glue, so the blank vanishes at a line end (1/2 em) and
 *    at a line start (opening brackets), and two adjacent marks lose one
 *    blank (1.5 em); Han-Latin spacing is glue of 1/4 em (1/8 to 1/3);
 *    gaps between Han characters stretch a little; nothing stretches a
 *    glyph.
 * 4. Total fit (Knuth-Plass) over that list, with a penalty against a last
 *    line of one character; first fit is kept for ragged text and as the
 *    test oracle. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <hb-aat.h>
#include <hb-ot.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "buf.h"
#include "conf.h"
#include "layout.h"
#include "layout_int.h"
#include "utf8.h"

#define CITE_RISE 0.35f      /* citation marker baseline shift, em */
#define CJK_STRETCH 0.12f    /* stretch of a gap between Han characters, em */
#define HL_SPACE 0.25f       /* Han-Latin glue, em (clreq: up to 1/4 em) */
#define HL_STRETCH (1.0f / 3 - 0.25f)
#define HL_SHRINK (0.25f - 1.0f / 8)
#define KP_TOLERANCE 2000.0  /* badness accepted on the first pass */
#define KP_LINE_PENALTY 10.0 /* TeX's \linepenalty */
#define KP_RUNT 5000.0       /* demerits of a last line of one character */
#define KP_INF 1e9
#define PEN_INF 10000.0f     /* a penalty that forbids the break */
#define URL_PEN 5000.0f      /* a break inside a URL token: only where no separator will do */

/* ---- break rules ----------------------------------------------------------- */

bool
jb_layout_no_start(uint32_t cp)
{
  switch (cp) {
  case 0x3002: case 0xFF0E: case 0xFF0C: case 0x3001: case 0xFF1A:
  case 0xFF1B: case 0xFF01: case 0xFF1F: case 0x203C: case 0x2047:
  case 0x201D: case 0x2019: case 0x300D: case 0x300F: case 0xFF09:
  case 0x300B: case 0x3009: case 0x3011: case 0x3017: case 0x3015:
  case 0xFF3D: case 0xFF5D: case 0xFF5E: case 0x00B7: case 0x30FB:
  case 0x2027: case 0xFF0F: case 0x30FC: case 0x3005: case 0x2026:
  case 0x22EF: case 0x2E3A: case ',': case '.': case ';': case ':':
  case '?': case '!': case ')': case ']': case '}': case '%':
    return true;
  default:
    return false;
  }
}

bool
jb_layout_no_end(uint32_t cp)
{
  switch (cp) {
  case 0x201C: case 0x2018: case 0x300C: case 0x300E: case 0xFF08:
  case 0x300A: case 0x3008: case 0x3010: case 0x3016: case 0x3014:
  case 0xFF3B: case 0xFF5B: case '(': case '[': case '{':
    return true;
  default:
    return false;
  }
}

static bool
is_dash(uint32_t cp)
{
  return cp == 0x2014 || cp == 0x2015 || cp == 0x2E3A;
}

static bool
is_quote(uint32_t cp)
{
  return cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019;
}

static bool
url_break_after(uint32_t cp)
{
  return cp == '/' || cp == '.' || cp == '-' || cp == '?' || cp == '&' ||
         cp == '=' || cp == '_' || cp == '#';
}

/* Where a URL's scheme and "://" (or a leading "www.") end in text: no
 * line breaks before that. */
static size_t
url_head(jb_str url)
{
  long at = jb_str_find(jb_str_sub(url, 0, 16), "://");
  if (at >= 0)
    return (size_t)at + 3;
  return jb_str_starts(url, "www.") ? 4 : 0;
}

/* The clreq tailoring of one boundary between a (before) and b (after),
 * given ICU's answer. */
static bool
tailor(bool icu, uint32_t a, uint32_t b, uint32_t after_b)
{
  /* UAX #14 (Unicode 15.0) glues quotation marks to both sides; in Chinese
   * “ opens and ” closes. */
  if (is_quote(a) || is_quote(b))
    icu = !jb_cp_is_space(b) && (jb_cp_is_cjk(a) || jb_cp_is_cjk(b) || jb_cp_is_space(a));
  if (jb_layout_no_start(b) || jb_layout_no_end(a))
    return false;
  /* A connector dash between numbers or words (2020—2024) stays. */
  if (is_dash(b) && !is_dash(after_b) && !jb_cp_is_han(after_b))
    return false;
  if (is_dash(a) && is_dash(b))
    return false;
  /* GB style: the wave dash and the solidus connect; they end no line. */
  if (a == 0xFF5E || a == 0xFF0F)
    return false;
  /* Strict level: no line starts with —— or …… either. */
  if (is_dash(b) || b == 0x2026 || b == 0x22EF)
    return false;
  return icu;
}

static bool
is_latin_word(uint32_t cp)
{
  return jb_cp_is_alnum(cp) || (cp >= 0xC0 && cp <= 0x24F) || (cp >= 0x370 && cp <= 0x4FF);
}

/* ---- itemising and shaping ---------------------------------------------- */

typedef enum sclass { SC_COMMON, SC_HAN, SC_LATIN } sclass;

typedef struct ch {
  uint32_t cp;
  size_t off;     /* byte offset in the paragraph text */
  int font;
  int span;
  sclass sc;
} ch;

typedef struct gl {
  uint32_t gid;
  int font;
  float size, rise;
  float adv, dx, dy; /* points */
  size_t cluster;    /* byte offset */
} gl;

typedef enum punct { P_NONE, P_RIGHT, P_LEFT } punct;

typedef struct unit {
  size_t g0, g1;  /* glyphs */
  size_t t0, t1;  /* text bytes */
  float w;
  float em;       /* size of its first glyph */
  uint32_t first, last;
  int span;
  bool space;
  bool brk;       /* a line may break before this unit */
  bool cite;      /* part of a citation marker */
  punct blank;    /* which half of a full-width mark is blank */
  bool mid;       /* a centred full-width stop or pause */
  float pen;      /* penalty of the break before it, if brk */
} unit;

static sclass
script_class(uint32_t cp)
{
  if (jb_cp_is_cjk(cp))
    return SC_HAN;
  hb_script_t s = hb_unicode_script(hb_unicode_funcs_get_default(), cp);
  if (s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_UNKNOWN)
    return SC_COMMON;
  if (s == HB_SCRIPT_HAN || s == HB_SCRIPT_HIRAGANA || s == HB_SCRIPT_KATAKANA ||
      s == HB_SCRIPT_BOPOMOFO || s == HB_SCRIPT_HANGUL)
    return SC_HAN;
  return SC_LATIN;
}

static void
report_missing(setter *s, uint32_t cp, jb_pos pos)
{
  /* Frame text (TOC, running heads) repeats what a source line has, and
   * that line reports it. */
  if (!pos.file)
    return;
  for (size_t i = 0; i < s->nreported; i++)
    if (s->reported[i] == cp)
      return;
  *JB_PUSH_HEAP(s->reported, s->nreported, s->capreported) = cp;
  char u[5] = {0};
  jb_utf8_encode(cp, u);
  jb_diag(&s->ctx->diags, JB_D_MISSING_GLYPH, pos, "U+%04X \"%s\" (drawn as a "
          "box)", cp, u);
}

/* cp's entry in the setter's cache of font's glyphs. */
static uint32_t
glyph_slot(setter *s, int font, uint32_t cp)
{
  glyph_cache *c = s->glyphs[font];
  if (!c) {
    c = s->glyphs[font] = jb_xmalloc(sizeof *c);
    memset(c->cp, 0xFF, sizeof c->cp); /* no character is U+FFFFFFFF */
  }
  uint32_t i = (cp * 2654435761u) >> (32 - GLYPH_CACHE_BITS);
  if (c->cp[i] != cp) {
    c->cp[i] = cp;
    c->gid[i] = jb_font_glyph(&s->fonts->fonts[font], cp);
    c->adv[i] = -1;
  }
  return i;
}

/* jb_font_glyph through the setter's cache. */
static uint32_t
glyph_of(setter *s, int font, uint32_t cp)
{
  uint32_t i = glyph_slot(s, font, cp); /* (makes the cache first) */
  return s->glyphs[font]->gid[i];
}

/* Font for cp: the span's own if it has the glyph, else the first face of
 * the set that does, the fallback face last. */
static int
pick_font(setter *s, int want, uint32_t cp, jb_pos pos)
{
  if (cp < 0x20 || jb_cp_is_space(cp) || cp == 0x200B || cp == 0xFEFF || glyph_of(s, want, cp))
    return want;
  static const int order[] = {JB_FONT_BODY, JB_FONT_SANS, JB_FONT_BOLD,
                              JB_FONT_HEADING, JB_FONT_OTHER, JB_FONT_FALLBACK};
  for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
    if (glyph_of(s, order[i], cp))
      return order[i];
  report_missing(s, cp, pos);
  return want;
}

/* ---- shaping ------------------------------------------------------------ */

/* Room for need elements of size elem in *arr at once: a paragraph's
 * arrays would otherwise grow by halves, a realloc at a time. */
static void
reserve_heap(void **arr, size_t *cap, size_t need, size_t elem)
{
  if (*cap >= need)
    return;
  *arr = jb_xrealloc(*arr, need * elem);
  *cap = need;
}

static unsigned
be16(const unsigned char *p)
{
  return (unsigned)p[0] << 8 | p[1];
}

/* Whether lookup index of a GSUB or GPOS table (its bytes t[0..n)) sees
 * one glyph or a pair of neighbours: single, multiple, alternate and
 * ligature substitution; single, pair, cursive and mark positioning (the
 * glyphs they skip are marks); not context lookups, nor any that skips
 * base glyphs or ligatures. */
static bool
lookup_adjacent(const unsigned char *t, size_t n, bool gpos, unsigned index)
{
  if (n < 10)
    return false;
  size_t list = be16(t + 8);
  if (list + 2 > n || index >= be16(t + list) || list + 4 + 2 * (size_t)index > n)
    return false;
  size_t lk = list + be16(t + list + 2 + 2 * index);
  if (lk + 6 > n || (be16(t + lk + 2) & 0x6)) /* IgnoreBaseGlyphs, IgnoreLigatures */
    return false;
  unsigned type = be16(t + lk), subs = be16(t + lk + 4), last = gpos ? 6 : 4;
  if (type != (gpos ? 9u : 7u)) /* (not an extension) */
    return type >= 1 && type <= last;
  if (!subs || lk + 6 + 2 * (size_t)subs > n)
    return false;
  for (unsigned i = 0; i < subs; i++) {
    size_t st = lk + be16(t + lk + 6 + 2 * i);
    if (st + 4 > n || be16(t + st + 2) < 1 || be16(t + st + 2) > last)
      return false;
  }
  return true;
}

/* What font's plan for Han text in the setter's language looks at
 * (HarfBuzz caches the plan on the face; hb_shape takes the same one). */
static const plain_glyphs *
plain_of(setter *s, int font)
{
  if (s->plain[font])
    return s->plain[font];
  plain_glyphs *pg = s->plain[font] = jb_xcalloc(1, sizeof *pg);
  hb_face_t *face = s->fonts->fonts[font].face;
  hb_blob_t *kern = hb_face_reference_table(face, HB_TAG('k', 'e', 'r', 'n'));
  bool ok = !hb_blob_get_length(kern) && !hb_aat_layout_has_substitution(face) &&
            !hb_aat_layout_has_positioning(face) && !hb_aat_layout_has_tracking(face);
  hb_blob_destroy(kern);
  hb_segment_properties_t props = HB_SEGMENT_PROPERTIES_DEFAULT;
  props.direction = HB_DIRECTION_LTR;
  props.script = HB_SCRIPT_HAN;
  props.language = s->lang;
  hb_shape_plan_t *plan = hb_shape_plan_create_cached(face, &props, NULL, 0, NULL);
  hb_set_t *lookups = hb_set_create(), *glyphs = hb_set_create();
  static const hb_tag_t tables[2] = {HB_OT_TAG_GSUB, HB_OT_TAG_GPOS};
  for (int t = 0; t < 2 && ok; t++) {
    hb_set_clear(lookups);
    hb_ot_shape_plan_collect_lookups(plan, tables[t], lookups);
    hb_blob_t *blob = hb_face_reference_table(face, tables[t]);
    unsigned n;
    const unsigned char *bytes = (const unsigned char *)hb_blob_get_data(blob, &n);
    for (hb_codepoint_t l = HB_SET_VALUE_INVALID; ok && hb_set_next(lookups, &l);) {
      ok = lookup_adjacent(bytes, n, t == 1, l);
      hb_ot_layout_lookup_collect_glyphs(face, tables[t], l, glyphs, glyphs, glyphs, glyphs);
    }
    hb_blob_destroy(blob);
  }
  for (hb_codepoint_t g = HB_SET_VALUE_INVALID; hb_set_next(glyphs, &g);)
    if (g < 65536)
      pg->touched[g >> 6] |= (uint64_t)1 << (g & 63);
  pg->usable = ok;
  hb_set_destroy(lookups);
  hb_set_destroy(glyphs);
  hb_shape_plan_destroy(plan);
  return pg;
}

/* Whether cp is a unified ideograph (no decomposition, no variation of
 * its own) whose glyph in font no lookup looks at: then HarfBuzz gives it
 * its nominal glyph and advance, which *out receives. */
static bool
plain_char(setter *s, int font, const plain_glyphs *pg, uint32_t cp, plain_ch *out)
{
  if (!((cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
        (cp >= 0x20000 && cp <= 0x323AF && !(cp >= 0x2F800 && cp <= 0x2FA1F))))
    return false;
  uint32_t i = glyph_slot(s, font, cp); /* (makes the cache first) */
  glyph_cache *c = s->glyphs[font];
  uint32_t gid = c->gid[i];
  if (!gid || gid >= 65536 || (pg->touched[gid >> 6] >> (gid & 63)) & 1)
    return false;
  if (c->adv[i] < 0)
    c->adv[i] = hb_font_get_glyph_h_advance(s->fonts->fonts[font].hb, gid);
  out->gid = gid;
  out->adv = c->adv[i];
  return true;
}

static void
put_glyph(gl **gv, size_t *ng, size_t *cap, uint32_t gid, int font, float size, float rise,
          float k, const hb_glyph_position_t *pos, uint32_t cluster)
{
  gl *g = JB_PUSH_HEAP(*gv, *ng, *cap);
  g->gid = gid;
  g->font = font;
  g->size = size;
  g->rise = rise;
  g->adv = (float)pos->x_advance * k;
  g->dx = (float)pos->x_offset * k;
  g->dy = (float)pos->y_offset * k;
  g->cluster = cluster;
}

/* Shape the run of characters c[0..nc) (bytes c[0].off to end of text),
 * all in one font, size and script.
 *
 * Most of a Chinese text is ideographs that no lookup of the font's plan
 * looks at (none is, in the Noto faces): HarfBuzz only maps them and
 * takes their advance. Where every lookup sees one glyph or a pair of
 * neighbours, HarfBuzz is given only the other characters, each with its
 * neighbours (so every pair a lookup could see is there), in one buffer,
 * and the plain ideographs between are set here: the same glyphs and
 * positions (test_layout compares them), with HarfBuzz shaping about 40 %
 * of the seeds' characters. */
static void
shape_run(setter *s, const char *text, size_t len, const ch *c, size_t nc, size_t end,
          float size, float rise, sclass sc, gl **gv, size_t *ng, size_t *cap)
{
  int font = c[0].font;
  const jb_font *f = &s->fonts->fonts[font];
  const plain_glyphs *pg = sc == SC_HAN && !s->hb_only ? plain_of(s, font) : NULL;
  size_t plain = 0;
  plain_ch *pc = NULL;
  if (pg && pg->usable) {
    reserve_heap((void **)&s->pc, &s->cappc, nc, sizeof *s->pc);
    pc = s->pc;
    for (size_t i = 0; i < nc; i++)
      pc[i].keep = !plain_char(s, font, pg, c[i].cp, &pc[i]);
    for (size_t i = 0; i < nc; i++)
      if (pc[i].keep == 1) {
        if (i > 0 && !pc[i - 1].keep)
          pc[i - 1].keep = 2;
        if (i + 1 < nc && !pc[i + 1].keep)
          pc[i + 1].keep = 2;
      }
    for (size_t i = 0; i < nc; i++)
      plain += !pc[i].keep;
  }
  hb_buffer_t *b = s->buf;
  hb_buffer_clear_contents(b);
  if (!plain) {
    hb_buffer_add_utf8(b, text, (int)len, (unsigned)c[0].off, (int)(end - c[0].off));
  } else {
    for (size_t i = 0; i < nc;) {
      if (!pc[i].keep) {
        i++;
        continue;
      }
      size_t j = i;
      while (j < nc && pc[j].keep)
        j++;
      size_t to = j < nc ? c[j].off : end;
      hb_buffer_add_utf8(b, text, (int)len, (unsigned)c[i].off, (int)(to - c[i].off));
      i = j;
    }
  }
  unsigned count = hb_buffer_get_length(b);
  if (count) {
    hb_buffer_set_direction(b, HB_DIRECTION_LTR);
    hb_buffer_set_script(b, sc == SC_LATIN ? HB_SCRIPT_LATIN : HB_SCRIPT_HAN);
    /* zh-Hans selects the ZHS locl forms: full-width dashes, one 2-em ——;
     * zh-TW and zh-HK the centred stops of ZHT and ZHH. */
    hb_buffer_set_language(b, s->lang);
    hb_shape(f->hb, b, NULL, 0);
  }
  hb_glyph_info_t *info = hb_buffer_get_glyph_infos(b, &count);
  hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(b, &count);
  float k = size / (float)f->upem;
  unsigned g = 0;
  for (size_t i = 0; plain && i < nc; i++) {
    if (pc[i].keep)
      continue;
    /* HarfBuzz's glyphs before this character, then its own */
    for (; g < count && info[g].cluster < c[i].off; g++)
      put_glyph(gv, ng, cap, info[g].codepoint, font, size, rise, k, &pos[g], info[g].cluster);
    hb_glyph_position_t at = {pc[i].adv, 0, 0, 0, {0}};
    put_glyph(gv, ng, cap, pc[i].gid, font, size, rise, k, &at, (uint32_t)c[i].off);
  }
  for (; g < count; g++)
    put_glyph(gv, ng, cap, info[g].codepoint, font, size, rise, k, &pos[g], info[g].cluster);
}

/* ---- the paragraph ------------------------------------------------------- */

typedef enum ktype { K_BOX, K_GLUE, K_PEN } ktype;

typedef struct kitem {
  ktype t;
  bool blank;     /* K_GLUE: the blank half of a full-width mark */
  float w, y, z;  /* width, stretch, shrink */
  float pen;      /* K_PEN */
  long unit;      /* K_BOX: its unit, -1 for the indent */
  float shift;    /* K_BOX: glyph origin relative to the box */
} kitem;

typedef struct para {
  jb_buf text;
  ch *chars;
  size_t nchars, capchars;
  gl *glyphs;
  size_t nglyphs, capglyphs;
  unit *units;
  size_t nunits, capunits;
  size_t *span_end; /* byte end of each span */
  bool *allow;      /* ICU: break allowed before byte offset */
  kitem *k;
  size_t nk, capk;
} para;

static void
para_free(para *p)
{
  jb_buf_free(&p->text);
  free(p->chars);
  free(p->glyphs);
  free(p->units);
  free(p->span_end);
  free(p->allow);
  free(p->k);
}

static float
span_size(const jb_span *sp, const style *st)
{
  return (sp->flags & JB_SPAN_CITE) && st->cite_size > 0 ? st->cite_size
                                                         : st->size;
}

static void
itemise_and_shape(setter *s, para *p, const jb_span *spans, size_t nspans,
                  const style *st, jb_pos pos)
{
  p->span_end = jb_xmalloc((nspans + 1) * sizeof *p->span_end);
  size_t bytes = 0; /* (at least as many as characters, and glyphs) */
  for (size_t i = 0; i < nspans; i++)
    bytes += spans[i].text.n;
  reserve_heap((void **)&p->chars, &p->capchars, bytes + 8, sizeof *p->chars);
  reserve_heap((void **)&p->glyphs, &p->capglyphs, bytes + 8, sizeof *p->glyphs);
  for (size_t i = 0; i < nspans; i++) {
    const jb_span *sp = &spans[i];
    int want = (sp->flags & JB_SPAN_OTHER_FORM) ? JB_FONT_OTHER
               : (sp->flags & JB_SPAN_BOLD)     ? st->bold
                                                : st->font;
    size_t base = p->text.n;
    /* Straight quotes are set curly (the model keeps them as typed). */
    uint32_t before = i ? jb_utf8_last(spans[i - 1].text, NULL) : 0;
    jb_str next = i + 1 < nspans ? spans[i + 1].text : jb_str_make(NULL, 0);
    jb_buf_put_curled(&p->text, sp->text, before, next.n ? jb_utf8_next(&next) : 0);
    p->span_end[i] = p->text.n;
    jb_str set = jb_str_make(p->text.p + base, p->text.n - base);
    for (jb_str it = set; it.n;) {
      size_t off = base + (size_t)(it.p - set.p);
      uint32_t cp = jb_utf8_next(&it);
      ch *c = JB_PUSH_HEAP(p->chars, p->nchars, p->capchars);
      c->cp = cp;
      c->off = off;
      c->span = (int)i;
      c->font = pick_font(s, want, cp, pos);
      c->sc = script_class(cp);
    }
  }
  /* Common characters (digits, spaces, marks) join the run before them, or
   * the one after at the start. */
  sclass last = SC_COMMON;
  for (size_t i = 0; i < p->nchars; i++)
    if (p->chars[i].sc != SC_COMMON) {
      last = p->chars[i].sc;
      break;
    }
  if (last == SC_COMMON)
    last = SC_HAN;
  for (size_t i = 0; i < p->nchars; i++) {
    if (p->chars[i].sc == SC_COMMON)
      p->chars[i].sc = last;
    else
      last = p->chars[i].sc;
  }
  /* Runs of one font, size and script. */
  size_t i = 0;
  while (i < p->nchars) {
    const ch *a = &p->chars[i];
    float size = span_size(&spans[a->span], st);
    size_t j = i + 1;
    while (j < p->nchars && p->chars[j].font == a->font &&
           p->chars[j].sc == a->sc &&
           span_size(&spans[p->chars[j].span], st) == size)
      j++;
    size_t end = j < p->nchars ? p->chars[j].off : p->text.n;
    float rise = (spans[a->span].flags & JB_SPAN_CITE) ? st->size * CITE_RISE : 0;
    shape_run(s, p->text.p, p->text.n, a, j - i, end, size, rise, a->sc, &p->glyphs,
              &p->nglyphs, &p->capglyphs);
    i = j;
  }
}

/* ICU's break opportunities over the paragraph text. */
static void
icu_breaks(setter *s, para *p)
{
  p->allow = jb_xcalloc(p->text.n + 1, sizeof *p->allow);
  if (!s->brk || !p->text.n)
    return;
  /* Given as UTF-16 (ICU's own form: a UTF-8 UText costs a call per
   * character), with each unit's byte offset to map the breaks back. */
  if (p->text.n >= INT32_MAX)
    return;
  UChar *u = jb_xmalloc((p->text.n + 1) * sizeof *u);
  size_t *at = jb_xmalloc((p->text.n + 2) * sizeof *at);
  int32_t n = 0;
  for (jb_str it = jb_str_make(p->text.p, p->text.n); it.n;) {
    size_t off = (size_t)(it.p - p->text.p);
    uint32_t cp = jb_utf8_next(&it);
    if (cp >= 0x10000) {
      at[n] = off;
      u[n++] = (UChar)(0xD800 + ((cp - 0x10000) >> 10));
      cp = 0xDC00 + ((cp - 0x10000) & 0x3FF);
    }
    at[n] = off;
    u[n++] = (UChar)cp;
  }
  at[n] = p->text.n;
  UErrorCode st = U_ZERO_ERROR;
  ubrk_setText(s->brk, u, n, &st);
  if (U_SUCCESS(st))
    for (int32_t b = ubrk_first(s->brk); b != UBRK_DONE; b = ubrk_next(s->brk))
      if (b >= 0 && b <= n)
        p->allow[at[b]] = true;
  free(u);
  free(at);
}

static int
span_at(const para *p, size_t nspans, size_t off)
{
  for (size_t i = 0; i < nspans; i++)
    if (off < p->span_end[i])
      return (int)i;
  return (int)nspans - 1;
}

/* Stops and pauses: centred in their em in the Traditional edition, where
 * they have no blank half and keep their full em. */
static bool
is_stop(uint32_t cp)
{
  return cp == 0xFF0C || cp == 0x3002 || cp == 0x3001 || cp == 0xFF1B || cp == 0xFF1A ||
         cp == 0xFF01 || cp == 0xFF1F;
}

/* Blank half of a full-width mark (mainland placement: stops and closing
 * marks sit left, opening marks right; brackets and quotes everywhere). */
static punct
blank_of(uint32_t cp)
{
  switch (cp) {
  case 0xFF0C: case 0x3002: case 0x3001: case 0xFF1B: case 0xFF1A:
  case 0xFF01: case 0xFF1F: case 0x201D: case 0x2019: case 0x300D:
  case 0x300F: case 0xFF09: case 0x300B: case 0x3009: case 0x3011:
  case 0x3015: case 0x3017: case 0xFF3D: case 0xFF5D:
    return P_RIGHT;
  case 0x201C: case 0x2018: case 0x300C: case 0x300E: case 0xFF08:
  case 0x300A: case 0x3008: case 0x3010: case 0x3014: case 0x3016:
  case 0xFF3B: case 0xFF5B:
    return P_LEFT;
  default:
    return P_NONE;
  }
}

static void
make_units(const setter *s, para *p, const jb_span *spans, size_t nspans)
{
  reserve_heap((void **)&p->units, &p->capunits, p->nglyphs + 1, sizeof *p->units);
  size_t g = 0;
  while (g < p->nglyphs) {
    size_t h = g + 1;
    while (h < p->nglyphs && p->glyphs[h].cluster == p->glyphs[g].cluster)
      h++;
    unit *u = JB_PUSH_HEAP(p->units, p->nunits, p->capunits);
    u->g0 = g;
    u->g1 = h;
    u->t0 = p->glyphs[g].cluster;
    u->em = p->glyphs[g].size;
    for (size_t k = g; k < h; k++)
      u->w += p->glyphs[k].adv;
    g = h;
  }
  for (size_t i = 0; i < p->nunits; i++) {
    unit *u = &p->units[i];
    u->t1 = i + 1 < p->nunits ? p->units[i + 1].t0 : p->text.n;
    if (u->t1 < u->t0)
      u->t1 = u->t0; /* not for LTR text, but never trust it */
    jb_str t = jb_str_make(p->text.p + u->t0, u->t1 - u->t0);
    jb_str head = t;
    u->first = jb_utf8_next(&head);
    u->last = jb_utf8_last(t, NULL);
    u->span = span_at(p, nspans, u->t0);
    u->cite = (spans[u->span].flags & JB_SPAN_CITE) != 0;
    /* An ideographic space keeps its full em: it is not glue. */
    u->space = true;
    for (jb_str it = t; it.n;) {
      uint32_t cp = jb_utf8_next(&it);
      if (!jb_cp_is_space(cp) || cp == 0x3000)
        u->space = false;
    }
    /* One full-width mark: centred (no blank half) or with a blank half. */
    bool mark = !u->space && (u->t1 - u->t0) <= 4 && u->w >= u->em * 0.9f;
    u->mid = mark && s->centred && is_stop(u->first);
    u->blank = mark && !u->mid ? blank_of(u->first) : P_NONE;
  }
  for (size_t i = 1; i < p->nunits; i++) {
    unit *u = &p->units[i];
    const unit *v = &p->units[i - 1];
    uint32_t after = i + 1 < p->nunits ? p->units[i + 1].first : 0;
    u->brk = tailor(p->allow[u->t0], v->last, u->first, after);
    /* A URL breaks after its separators; inside a long token (a hash, a
     * key) too, at a price, rather than run into the margin. */
    if ((spans[u->span].flags & JB_SPAN_URL) && (spans[v->span].flags & JB_SPAN_URL) && !u->space &&
        !v->space) {
      size_t s0 = u->span ? p->span_end[u->span - 1] : 0;
      size_t head = url_head(jb_str_make(p->text.p + s0, p->span_end[u->span] - s0));
      u->pen = url_break_after(v->last) ? 0 : URL_PEN;
      /* never inside the scheme, its "://" or just after it */
      u->brk = u->t0 > s0 + head;
    }
    /* A single dash between words or numbers connects them (2020—2024). */
    if (is_dash(v->last) && v->t1 - v->t0 <= 3 && is_latin_word(u->first))
      u->brk = false;
    /* A citation marker stays on its paragraph's last line. */
    if (spans[u->span].flags & JB_SPAN_CITE)
      u->brk = false;
  }
}

/* ---- the box/glue/penalty list ---------------------------------------------- */

static kitem *
put(para *p, ktype t, float w, float y, float z)
{
  kitem *k = JB_PUSH_HEAP(p->k, p->nk, p->capk);
  k->t = t;
  k->w = w;
  k->y = y;
  k->z = z;
  k->unit = -1;
  return k;
}

static bool
is_han_text(uint32_t cp)
{
  return jb_cp_is_cjk(cp) && !jb_cp_is_cjk_punct(cp);
}

/* Han next to a Latin letter or digit: spacing per clreq. */
static bool
han_latin(uint32_t a, uint32_t b)
{
  return (is_han_text(a) && is_latin_word(b)) || (is_latin_word(a) && is_han_text(b));
}

static void
build_items(para *p, const style *st, bool indent)
{
  float em = st->size;
  reserve_heap((void **)&p->k, &p->capk, 4 * p->nunits + 8, sizeof *p->k);
  if (indent && st->indent > 0)
    put(p, K_BOX, st->indent, 0, 0);
  for (size_t i = 0; i < p->nunits; i++) {
    unit *u = &p->units[i];
    const unit *v = i ? &p->units[i - 1] : NULL;
    const unit *nx = i + 1 < p->nunits ? &p->units[i + 1] : NULL;
    if (u->space) {
      if (!v || !nx)
        continue; /* spaces at the ends of a paragraph */
      if (nx->space)
        continue; /* one glue for a run of spaces */
      const unit *a = v, *b = nx;
      bool hl = han_latin(a->last, b->first);
      bool allow = nx->brk || u->brk;
      if (!allow)
        put(p, K_PEN, 0, 0, 0)->pen = PEN_INF;
      /* The glue keeps its space: drawn where it falls inside a line,
       * so text taken from the structure has its word spaces. */
      kitem *g = hl ? put(p, K_GLUE, HL_SPACE * em, HL_STRETCH * em, HL_SHRINK * em)
                    : put(p, K_GLUE, u->w, u->w / 2, u->w / 3);
      g->unit = (long)i;
      continue;
    }
    if (v && !v->space) {
      /* The gap between v and u. A centred stop has no blank half but
       * counts as a mark: a bracket beside it loses its blank. */
      bool pair = (v->blank != P_NONE || v->mid) && (u->blank != P_NONE || u->mid);
      if (!u->brk)
        put(p, K_PEN, 0, 0, 0)->pen = PEN_INF;
      if (v->blank == P_RIGHT && !pair)
        put(p, K_GLUE, 0.5f * v->em, 0, 0)->blank = true; /* v's blank half */
      if (han_latin(v->last, u->first))
        put(p, K_GLUE, HL_SPACE * em, HL_STRETCH * em, HL_SHRINK * em);
      else if ((jb_cp_is_cjk(v->last) || jb_cp_is_cjk(u->first)) &&
               !(v->last == u->first && (is_dash(v->last) || v->last == 0x2026)))
        put(p, K_GLUE, 0, CJK_STRETCH * em, 0);
      else if (u->brk)
        put(p, K_PEN, 0, 0, 0)->pen = u->pen;
      /* Two marks side by side keep one blank between them (1.5 em):
       * v's right blank went above; else u's left blank goes. */
      if (u->blank == P_LEFT && !(pair && v->blank != P_RIGHT))
        put(p, K_GLUE, 0.5f * u->em, 0, 0)->blank = true;
    } else if (u->blank == P_LEFT && v) {
      put(p, K_GLUE, 0.5f * u->em, 0, 0)->blank = true; /* after a space */
    }
    /* The box: a full-width mark is its inked half. */
    float w = u->w, shift = 0;
    if (u->blank == P_RIGHT)
      w -= 0.5f * u->em;
    if (u->blank == P_LEFT) {
      w -= 0.5f * u->em;
      shift = -0.5f * u->em;
    }
    kitem *bx = put(p, K_BOX, w, 0, 0);
    bx->unit = (long)i;
    bx->shift = shift;
    if (!nx && u->blank == P_RIGHT) {
      /* The last mark's blank: not a break, which would leave an empty
       * last line. */
      put(p, K_PEN, 0, 0, 0)->pen = PEN_INF;
      put(p, K_GLUE, 0.5f * u->em, 0, 0)->blank = true;
    }
  }
  /* \parfillskip and the forced end. */
  put(p, K_PEN, 0, 0, 0)->pen = PEN_INF;
  put(p, K_GLUE, 0, KP_INF, 0);
  put(p, K_PEN, 0, 0, 0)->pen = -PEN_INF;
}

/* ---- breaking -------------------------------------------------------------------- */

static bool
is_break(const para *p, size_t i)
{
  const kitem *k = &p->k[i];
  if (k->t == K_PEN)
    return k->pen < PEN_INF;
  if (k->t == K_GLUE)
    return i > 0 && p->k[i - 1].t == K_BOX;
  return false;
}

/* First item of a line that starts after the break at b. */
static size_t
line_start(const para *p, size_t b, bool first)
{
  if (first)
    return 0;
  size_t i = b;
  while (i < p->nk && p->k[i].t != K_BOX) {
    if (p->k[i].t == K_PEN && p->k[i].pen <= -PEN_INF && i > b)
      break;
    i++;
  }
  return i;
}

typedef struct sums {
  double *w, *y, *z; /* sums over items [0, i) */
} sums;

static void
make_sums(const para *p, sums *s)
{
  s->w = jb_xmalloc((p->nk + 1) * sizeof *s->w);
  s->y = jb_xmalloc((p->nk + 1) * sizeof *s->y);
  s->z = jb_xmalloc((p->nk + 1) * sizeof *s->z);
  s->w[0] = s->y[0] = s->z[0] = 0;
  for (size_t i = 0; i < p->nk; i++) {
    const kitem *k = &p->k[i];
    bool counts = k->t != K_PEN;
    s->w[i + 1] = s->w[i] + (counts ? k->w : 0);
    s->y[i + 1] = s->y[i] + (k->t == K_GLUE ? k->y : 0);
    s->z[i + 1] = s->z[i] + (k->t == K_GLUE ? k->z : 0);
  }
}

static void
free_sums(sums *s)
{
  free(s->w);
  free(s->y);
  free(s->z);
}

/* Adjustment ratio of the line [a, b); INFINITY if it cannot stretch. */
static double
ratio(const sums *s, size_t a, size_t b, double target, double *natural)
{
  double w = s->w[b] - s->w[a];
  *natural = w;
  if (w < target) {
    double y = s->y[b] - s->y[a];
    return y > 0 ? (target - w) / y : INFINITY;
  }
  if (w > target) {
    double z = s->z[b] - s->z[a];
    return z > 0 ? (target - w) / z : -INFINITY;
  }
  return 0;
}

typedef struct node {
  size_t pos;      /* break item */
  int line;        /* lines before it */
  double dem;      /* total demerits */
  long prev;       /* node index, -1 for the start */
  size_t from;     /* first item of the line after it */
} node;

/* Characters (not marks) after item b, up to 2: a last line holding one is
 * a runt. */
static size_t *
runts_after(const para *p)
{
  size_t *r = jb_xcalloc(p->nk + 1, sizeof *r);
  size_t count = 0;
  for (size_t i = p->nk; i-- > 0;) {
    const kitem *k = &p->k[i];
    if (k->t == K_BOX && k->unit >= 0) {
      const unit *u = &p->units[k->unit];
      if (!u->cite && !jb_cp_is_cjk_punct(u->first) && !jb_layout_no_start(u->first))
        count++;
    }
    r[i] = count < 3 ? count : 3;
  }
  return r;
}

/* Total fit: the breaks that minimise the sum of demerits; returns the
 * number of breaks in *out (heap), or 0 if no line set stays within
 * tolerance. */
static size_t
total_fit(const para *p, double width, double later, double tolerance, size_t **out)
{
  sums s;
  make_sums(p, &s);
  size_t *runt = runts_after(p);
  node *nodes = NULL;
  size_t nn = 0, cn = 0;
  node *start = JB_PUSH_HEAP(nodes, nn, cn);
  start->pos = 0;
  start->prev = -1;
  start->from = line_start(p, 0, true);
  /* The active nodes in the order they were made (ties go to the first),
   * kept apart so that each break looks at about a line's worth of them
   * rather than at every node so far. */
  size_t *act = NULL, nact = 0, capact = 0;
  *JB_PUSH_HEAP(act, nact, capact) = 0;
  long last = -1;
  for (size_t b = 0; b < p->nk && nact; b++) {
    if (!is_break(p, b))
      continue;
    const kitem *k = &p->k[b];
    bool forced = k->t == K_PEN && k->pen <= -PEN_INF;
    double best = INFINITY;
    long best_from = -1;
    int best_line = 0;
    size_t keep = 0;
    for (size_t i = 0; i < nact; i++) {
      node *a = &nodes[act[i]];
      if (a->from > b) {
        act[keep++] = act[i];
        continue;
      }
      double target = a->line == 0 ? width : later, natural;
      double r = ratio(&s, a->from, b, target, &natural);
      if (r < -1) {
        continue; /* too full: no later break can start from a either */
      }
      act[keep++] = act[i];
      double ar = fabs(r);
      double bad = r == INFINITY ? KP_INF : 100.0 * ar * ar * ar;
      if (bad > tolerance)
        continue;
      double pen = k->t == K_PEN ? k->pen : 0;
      double d = (KP_LINE_PENALTY + bad) * (KP_LINE_PENALTY + bad);
      d += pen > 0 ? pen * pen : pen > -PEN_INF ? -pen * pen : 0;
      if (!forced && runt[b] == 1)
        d += KP_RUNT;
      d += a->dem;
      if (d < best) {
        best = d;
        best_from = (long)act[i];
        best_line = a->line + 1;
      }
    }
    nact = forced ? 0 : keep;
    if (best_from >= 0) {
      node *nw = JB_PUSH_HEAP(nodes, nn, cn);
      nw->pos = b;
      nw->line = best_line;
      nw->dem = best;
      nw->prev = best_from;
      nw->from = line_start(p, b, false);
      if (forced)
        last = (long)(nn - 1);
      else
        *JB_PUSH_HEAP(act, nact, capact) = nn - 1;
    }
  }
  free(act);
  size_t n = 0;
  *out = NULL;
  if (last >= 0) {
    for (long i = last; nodes[i].prev >= 0; i = nodes[i].prev)
      n++;
    *out = jb_xmalloc((n ? n : 1) * sizeof **out);
    size_t j = n;
    for (long i = last; nodes[i].prev >= 0; i = nodes[i].prev)
      (*out)[--j] = nodes[i].pos;
  }
  free(nodes);
  free(runt);
  free_sums(&s);
  return n;
}

/* First fit: each line takes what fits and breaks at the last chance,
 * or at the last free one (a URL's separator rather than inside its
 * token) when that still fills half the line. */
static size_t
first_fit(const para *p, double width, double later, size_t **out)
{
  sums s;
  make_sums(p, &s);
  size_t *v = NULL, n = 0, cap = 0;
  size_t from = 0, last_brk = SIZE_MAX, last_free = SIZE_MAX;
  size_t b = 0;
  while (b < p->nk) {
    if (!is_break(p, b)) {
      b++;
      continue;
    }
    double target = n == 0 ? width : later;
    const kitem *k = &p->k[b];
    bool forced = k->t == K_PEN && k->pen <= -PEN_INF;
    if (s.w[b] - s.w[from] > target + 0.01 && last_brk != SIZE_MAX) {
      /* Break at the last chance and look at b again from there. */
      size_t at = last_free != SIZE_MAX && s.w[last_free] - s.w[from] >= target / 2 ? last_free
                                                                                 : last_brk;
      *JB_PUSH_HEAP(v, n, cap) = at;
      from = line_start(p, at, false);
      last_brk = last_free = SIZE_MAX;
      b = at + 1;
      continue;
    }
    if (forced) {
      *JB_PUSH_HEAP(v, n, cap) = b;
      break;
    }
    if (k->t != K_PEN || k->pen <= 0)
      last_free = b;
    last_brk = b++;
  }
  free_sums(&s);
  *out = v;
  return n;
}

/* ---- lines ------------------------------------------------------------------------- */

/* Spans a and b are one piece of the structure (see put_glyphs). */
static bool
one_piece(const jb_span *spans, int a, int b)
{
  const unsigned piece = JB_SPAN_LINK | JB_SPAN_CITE | JB_SPAN_LABEL | JB_SPAN_EN;
  if (a == b)
    return true;
  unsigned fa = spans[a].flags & piece, fb = spans[b].flags & piece;
  return fa == fb && !(fa & (JB_SPAN_LINK | JB_SPAN_CITE));
}

/* Append unit u's glyphs from x to the line's runs (a new run where the
 * font, size or rise changes, or the piece of the structure: a link, a
 * list label, an English span); returns the current run. half: set the
 * lone glyph of a mark half wide, advancing w. */
static jb_run *
put_glyphs(jb_arena *ar, tline *l, jb_run *run, jb_glyph **pool, const para *p, const unit *u,
           const jb_span *sp, const jb_link *link, const style *st, float x, bool half, float w,
           uint32_t text)
{
  uint16_t in_link = link ? (uint16_t)(link - l->links + 1) : 0;
  int elem = sp->flags & JB_SPAN_LABEL ? JB_RUN_LABEL : JB_RUN_INHERIT;
  bool en = sp->flags & JB_SPAN_EN;
  for (size_t g = u->g0; g < u->g1; g++) {
    const gl *G = &p->glyphs[g];
    if (!run || run->font != G->font || run->size != G->size || run->y != G->rise ||
        run->link != in_link || run->elem != elem || run->en != en) {
      run = JB_PUSH(ar, l->pl.runs, l->pl.nruns, l->pl.capruns);
      run->font = G->font;
      run->size = G->size;
      run->y = G->rise;
      run->gray = st->gray;
      run->glyphs = *pool;
      run->link = in_link;
      run->elem = elem;
      run->en = en;
    }
    jb_glyph *og = &run->glyphs[run->nglyphs++];
    (*pool)++;
    og->gid = (uint16_t)G->gid;
    og->x = x + G->dx;
    og->y = G->dy;
    og->adv = half && u->g1 - u->g0 == 1 ? w : 0;
    og->text = text;
    og->ntext = g == u->g0 ? (uint16_t)(u->t1 - u->t0 < UINT16_MAX ? u->t1 - u->t0 : UINT16_MAX) : 0;
    x += G->adv;
  }
  return run;
}

/* Emit the items [a, b) as one line with adjustment ratio r. */
static void
emit_line(setter *s, para *p, const jb_span *spans, const style *st, size_t a,
          size_t b, double r, float left, float slack, lines *out)
{
  jb_arena *ar = s->ctx->arena;
  tline *l = JB_PUSH(ar, out->v, out->n, out->cap);
  l->leading = st->leading;
  l->size = st->size;
  /* Text: from the first unit to the last one on the line. */
  long u0 = -1, u1 = -1;
  size_t nglyphs = 0;
  for (size_t i = a; i < b; i++)
    if (p->k[i].unit >= 0) {
      const unit *u = &p->units[p->k[i].unit];
      nglyphs += u->g1 - u->g0;
      if (p->k[i].t != K_BOX)
        continue;
      if (u0 < 0)
        u0 = p->k[i].unit;
      u1 = p->k[i].unit;
    }
  size_t ts = u0 >= 0 ? p->units[u0].t0 : 0, te = u1 >= 0 ? p->units[u1].t1 : 0;
  l->pl.text = jb_str_make(jb_arena_strndup(ar, p->text.p + ts, te - ts), te - ts);
  jb_glyph *pool = jb_arena_alloc(ar, (nglyphs ? nglyphs : 1) * sizeof *pool);

  float x = left;
  if (st->align == ALIGN_CENTER)
    x += slack / 2;
  else if (st->align == ALIGN_RIGHT)
    x += slack;
  float x0 = x;
  jb_run *run = NULL;
  int link_span = -1;
  jb_link *link = NULL;
  for (size_t i = a; i < b; i++) {
    const kitem *k = &p->k[i];
    if (k->t == K_GLUE) {
      if (k->unit > u0 && k->unit < u1 && u0 >= 0) {
        const unit *u = &p->units[k->unit];
        /* Between two pieces (a label and its item, Chinese and English)
         * the gap alone says there is a space. */
        if (u->g1 > u->g0 && p->glyphs[u->g0].gid && /* (not a missing glyph's box) */
            one_piece(spans, p->units[k->unit - 1].span, p->units[k->unit + 1].span))
          run = put_glyphs(ar, l, run, &pool, p, u, &spans[u->span],
                           u->span == link_span ? link : NULL, st, x, false, 0,
                           (uint32_t)(u->t0 - ts));
      }
      x += (float)(k->w + (r >= 0 ? r * k->y : r * k->z));
      if (link)
        link->x1 = x;
      continue;
    }
    if (k->t != K_BOX) {
      continue;
    }
    if (k->unit < 0) {
      x += k->w;
      continue;
    }
    const unit *u = &p->units[k->unit];
    const jb_span *sp = &spans[u->span];
    bool linked = (sp->flags & JB_SPAN_LINK && sp->url.n) ||
                  ((sp->flags & JB_SPAN_CITE) && sp->target >= 0);
    if (linked && u->span != link_span) {
      link = JB_PUSH(ar, l->links, l->nlinks, l->caplinks);
      link->x0 = link->x1 = x;
      link->y0 = -0.2f * st->size;
      link->y1 = 0.9f * st->size;
      link->uri = (sp->flags & JB_SPAN_CITE) ? jb_str_make(NULL, 0) : sp->url;
      link->dest = (sp->flags & JB_SPAN_CITE) ? sp->target : -1;
      link->cite = sp->flags & JB_SPAN_CITE;
      link_span = u->span;
    } else if (!linked) {
      link_span = -1;
      link = NULL;
    }
    /* A right-blank mark whose blank glue is not on this line (line end,
     * or the first of two marks) is set, and advances, half wide. */
    bool half = u->blank == P_RIGHT && !(i + 1 < b && p->k[i + 1].t == K_GLUE && p->k[i + 1].blank);
    run = put_glyphs(ar, l, run, &pool, p, u, sp, link, st, x + k->shift, half, k->w,
                     (uint32_t)(u->t0 - ts));
    x += k->w;
    if (link)
      link->x1 = x;
  }
  l->width = x - x0;
  l->end = x;
}

/* Lay the breaks out as lines. */
static void
emit_all(setter *s, para *p, const jb_span *spans, const style *st, const size_t *brk,
         size_t nb, float width, bool justify, lines *out)
{
  sums sm;
  make_sums(p, &sm);
  size_t from = 0;
  for (size_t j = 0; j < nb; j++) {
    size_t b = brk[j];
    bool last = j + 1 == nb;
    float left = j == 0 ? 0 : st->hang;
    double target = j == 0 ? width : width - st->hang, natural;
    /* The line ends before the break's glue, or at its penalty. */
    size_t end = b;
    double r = ratio(&sm, from, end, target, &natural);
    if (last || !justify || r == INFINITY || r == -INFINITY)
      r = 0;
    if (r < -1)
      r = -1;
    float slack = (float)(target - natural);
    size_t stop = end;
    /* drop the \parfillskip and trailing glue */
    while (stop > from && p->k[stop - 1].t != K_BOX)
      stop--;
    emit_line(s, p, spans, st, from, stop, r, left, slack < 0 ? 0 : slack, out);
    from = line_start(p, b, false);
  }
  free_sums(&sm);
}

/* A paragraph shaped and cut into units, ready to be broken at a width
 * (as often as wanted: breaking only reads it). */
struct jb_para {
  para p;
  const jb_span *spans;
  size_t nspans;
  const style *st;
};

jb_para *
jb_para_prepare(setter *s, const jb_span *spans, size_t nspans, const style *st, jb_pos pos)
{
  jb_para *jp = jb_xcalloc(1, sizeof *jp);
  jp->spans = spans;
  jp->nspans = nspans;
  jp->st = st;
  s->nreported = 0;
  itemise_and_shape(s, &jp->p, spans, nspans, st, pos);
  icu_breaks(s, &jp->p);
  make_units(s, &jp->p, spans, nspans);
  build_items(&jp->p, st, st->indent > 0);
  return jp;
}

static void
para_set(setter *s, jb_para *jp, float width, lines *out, bool oracle)
{
  const style *st = jp->st;
  para *p = &jp->p;
  /* The first line's indent is a box in the list; later lines start at
   * the hang. */
  double first = width, later = width - st->hang;
  size_t *brk = NULL, nb = 0;
  if (st->justify && !oracle) {
    nb = total_fit(p, first, later, KP_TOLERANCE, &brk);
    if (!nb) {
      free(brk);
      nb = total_fit(p, first, later, KP_INF, &brk);
    }
  }
  if (!nb) {
    free(brk);
    nb = first_fit(p, first, later, &brk);
  }
  emit_all(s, p, jp->spans, st, brk, nb, width, st->justify, out);
  free(brk);
}

void
jb_para_set(setter *s, jb_para *jp, float width, lines *out)
{
  para_set(s, jp, width, out, false);
}

void
jb_para_free(jb_para *jp)
{
  if (!jp)
    return;
  para_free(&jp->p);
  free(jp);
}

static void
set_para(setter *s, const jb_span *spans, size_t nspans, const style *st, float width,
         jb_pos pos, lines *out, bool oracle)
{
  if (!nspans)
    return;
  jb_para *jp = jb_para_prepare(s, spans, nspans, st, pos);
  para_set(s, jp, width, out, oracle);
  jb_para_free(jp);
}

void
jb_set_para(setter *s, const jb_span *spans, size_t nspans, const style *st,
            float width, jb_pos pos, lines *out)
{
  set_para(s, spans, nspans, st, width, pos, out, false);
}

void
jb_set_para_first_fit(setter *s, const jb_span *spans, size_t nspans,
                      const style *st, float width, jb_pos pos, lines *out)
{
  set_para(s, spans, nspans, st, width, pos, out, true);
}

size_t
jb_breaks(setter *s, jb_str text, const style *st, size_t *offsets, size_t max)
{
  jb_span sp = {.text = text, .target = -1};
  jb_pos pos = {NULL, 0, 0, 0};
  para p;
  memset(&p, 0, sizeof p);
  itemise_and_shape(s, &p, &sp, 1, st, pos);
  icu_breaks(s, &p);
  make_units(s, &p, &sp, 1);
  size_t n = 0;
  for (size_t i = 1; i < p.nunits && n < max; i++) {
    /* After a space the break is before the next text. */
    if (!p.units[i].space && p.units[i].brk)
      offsets[n++] = p.units[i].t0;
  }
  para_free(&p);
  return n;
}

void
jb_set_text(setter *s, jb_str text, const style *st, float width, lines *out)
{
  jb_span sp = {.text = text, .target = -1};
  jb_pos pos = {NULL, 0, 0, 0};
  jb_set_para(s, &sp, 1, st, width, pos, out);
}

float
jb_measure(setter *s, jb_str text, const style *st)
{
  lines tmp = {0};
  style one = *st;
  one.justify = false;
  one.align = ALIGN_LEFT;
  jb_set_text(s, text, &one, 1e9f, &tmp);
  return tmp.n ? tmp.v[0].width : 0;
}

int
jb_setter_init(setter *s, jb_ctx *ctx, const jb_fontset *fonts)
{
  memset(s, 0, sizeof *s);
  s->ctx = ctx;
  s->fonts = fonts;
  s->buf = hb_buffer_create();
  bool hk = !strcmp(jb_conf_str(ctx->conf, JB_CONF_EDITION_CONFIG), "s2hk.json");
  bool hant = ctx->edition == JB_VARIANT_HANT;
  s->lang = hb_language_from_string(!hant ? "zh-Hans" : hk ? "zh-HK" : "zh-TW", -1);
  s->centred = hant;
  UErrorCode st = U_ZERO_ERROR;
  /* ICU's root line rules; the Chinese tailoring is ours (tailor()). */
  s->brk = ubrk_open(UBRK_LINE, "zh", NULL, 0, &st);
  if (U_FAILURE(st)) {
    s->brk = NULL;
    return -1;
  }
  return 0;
}

void
jb_setter_free(setter *s)
{
  if (s->brk)
    ubrk_close(s->brk);
  hb_buffer_destroy(s->buf);
  free(s->reported);
  free(s->pc);
  for (int r = 0; r < JB_FONT__COUNT; r++) {
    free(s->glyphs[r]);
    free(s->plain[r]);
  }
}
