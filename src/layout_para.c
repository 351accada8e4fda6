/* layout_para.c - setting one paragraph: itemise by font and script, shape
 * each run with HarfBuzz (direction, script and language zh-Hans always
 * set), group glyphs into clusters, break lines first-fit under the Chinese
 * prohibition rules, justify by spacing at break opportunities. */
#include <stdlib.h>

#include "buf.h"
#include "layout.h"
#include "layout_int.h"
#include "utf8.h"

#define CITE_RISE 0.35f       /* citation marker baseline shift, em */
#define JUSTIFY_MAX_EM 1.0f   /* looser lines stay ragged rather than gappy */

/* ---- break rules (clreq basic level, research/typesetting.md §1, §4) ---- */

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
  case 0x22EF: case ',': case '.': case ';': case ':': case '?':
  case '!': case ')': case ']': case '}': case '%':
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
is_dash_or_ellipsis(uint32_t cp)
{
  return cp == 0x2014 || cp == 0x2015 || cp == 0x2026 || cp == 0x22EF ||
         cp == 0x2E3A;
}

bool
jb_layout_can_break(uint32_t a, uint32_t b)
{
  if (jb_cp_is_space(b))
    return false; /* break after the space, not before it */
  if (jb_layout_no_start(b) || jb_layout_no_end(a))
    return false;
  if (is_dash_or_ellipsis(a) && a == b)
    return false; /* —— and …… are one mark */
  if (jb_cp_is_space(a))
    return true;
  return jb_cp_is_cjk(a) || jb_cp_is_cjk(b);
}

static bool
url_break_after(uint32_t cp)
{
  return cp == '/' || cp == '.' || cp == '-' || cp == '?' || cp == '&' ||
         cp == '=' || cp == '_' || cp == '#' || cp == '%';
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

typedef struct unit {
  size_t g0, g1;  /* glyphs */
  size_t t0, t1;  /* text bytes */
  float w;
  uint32_t first, last;
  int span;
  bool space;
  bool brk;       /* a line may break before this unit */
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
  for (size_t i = 0; i < s->nreported; i++)
    if (s->reported[i] == cp)
      return;
  *JB_PUSH_HEAP(s->reported, s->nreported, s->capreported) = cp;
  char u[5] = {0};
  jb_utf8_encode(cp, u);
  jb_diag(&s->ctx->diags, JB_D_MISSING_GLYPH, pos, "U+%04X \"%s\" (drawn as a "
          "box)", cp, u);
}

/* Font for cp: the span's own if it has the glyph, else the first face of
 * the set that does. */
static int
pick_font(setter *s, int want, uint32_t cp, jb_pos pos)
{
  if (cp < 0x20 || jb_cp_is_space(cp) || cp == 0x200B || cp == 0xFEFF ||
      jb_font_glyph(&s->fonts->fonts[want], cp))
    return want;
  static const int order[] = {JB_FONT_BODY, JB_FONT_SANS, JB_FONT_BOLD,
                              JB_FONT_HEADING};
  for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
    if (jb_font_glyph(&s->fonts->fonts[order[i]], cp))
      return order[i];
  report_missing(s, cp, pos);
  return want;
}

static void
shape_run(setter *s, const char *text, size_t len, size_t off, size_t n,
          int font, float size, float rise, sclass sc, gl **gv, size_t *ng,
          size_t *cap)
{
  const jb_font *f = &s->fonts->fonts[font];
  hb_buffer_t *b = s->buf;
  hb_buffer_clear_contents(b);
  hb_buffer_add_utf8(b, text, (int)len, (unsigned)off, (int)n);
  hb_buffer_set_direction(b, HB_DIRECTION_LTR);
  hb_buffer_set_script(b, sc == SC_LATIN ? HB_SCRIPT_LATIN : HB_SCRIPT_HAN);
  /* zh-Hans selects the ZHS locl forms: full-width dashes, one 2-em ——. */
  hb_buffer_set_language(b, hb_language_from_string("zh-Hans", -1));
  hb_shape(f->hb, b, NULL, 0);
  unsigned count;
  hb_glyph_info_t *info = hb_buffer_get_glyph_infos(b, &count);
  hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(b, &count);
  float k = size / (float)f->upem;
  for (unsigned i = 0; i < count; i++) {
    gl *g = JB_PUSH_HEAP(*gv, *ng, *cap);
    g->gid = info[i].codepoint;
    g->font = font;
    g->size = size;
    g->rise = rise;
    g->adv = (float)pos[i].x_advance * k;
    g->dx = (float)pos[i].x_offset * k;
    g->dy = (float)pos[i].y_offset * k;
    g->cluster = info[i].cluster;
  }
}

/* ---- the paragraph ------------------------------------------------------- */

typedef struct para {
  jb_buf text;
  ch *chars;
  size_t nchars, capchars;
  gl *glyphs;
  size_t nglyphs, capglyphs;
  unit *units;
  size_t nunits, capunits;
  size_t *span_end; /* byte end of each span */
} para;

static void
para_free(para *p)
{
  jb_buf_free(&p->text);
  free(p->chars);
  free(p->glyphs);
  free(p->units);
  free(p->span_end);
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
  for (size_t i = 0; i < nspans; i++) {
    const jb_span *sp = &spans[i];
    int want = (sp->flags & JB_SPAN_BOLD) ? st->bold : st->font;
    size_t base = p->text.n;
    jb_buf_put_str(&p->text, sp->text);
    p->span_end[i] = p->text.n;
    for (jb_str it = sp->text; it.n;) {
      size_t off = base + (size_t)(it.p - sp->text.p);
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
    shape_run(s, p->text.p, p->text.n, a->off, end - a->off, a->font, size, rise,
              a->sc, &p->glyphs, &p->nglyphs, &p->capglyphs);
    i = j;
  }
}

static int
span_at(const para *p, size_t nspans, size_t off)
{
  for (size_t i = 0; i < nspans; i++)
    if (off < p->span_end[i])
      return (int)i;
  return (int)nspans - 1;
}

static void
make_units(para *p, const jb_span *spans, size_t nspans)
{
  size_t g = 0;
  while (g < p->nglyphs) {
    size_t h = g + 1;
    while (h < p->nglyphs && p->glyphs[h].cluster == p->glyphs[g].cluster)
      h++;
    unit *u = JB_PUSH_HEAP(p->units, p->nunits, p->capunits);
    u->g0 = g;
    u->g1 = h;
    u->t0 = p->glyphs[g].cluster;
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
    u->space = true;
    for (jb_str it = t; it.n;)
      if (!jb_cp_is_space(jb_utf8_next(&it)))
        u->space = false;
    if (i > 0) {
      const unit *v = &p->units[i - 1];
      bool url = (spans[u->span].flags & JB_SPAN_URL) &&
                 (spans[v->span].flags & JB_SPAN_URL);
      u->brk = jb_layout_can_break(v->last, u->first) ||
               (url && url_break_after(v->last)) ||
               (v->span != u->span && jb_cp_is_space(v->last));
      /* A citation marker stays on its paragraph's last line. */
      if (spans[u->span].flags & JB_SPAN_CITE)
        u->brk = false;
    }
  }
}

static tline *
new_line(lines *out, jb_arena *a, const style *st)
{
  tline *l = JB_PUSH(a, out->v, out->n, out->cap);
  l->leading = st->leading;
  l->size = st->size;
  return l;
}

/* Emit units [a, b) as one line. */
static void
emit_line(setter *s, para *p, const jb_span *spans, const style *st, size_t a,
          size_t b, float left, float avail, bool last, lines *out)
{
  jb_arena *ar = s->ctx->arena;
  tline *l = new_line(out, ar, st);
  float natural = 0;
  size_t gaps = 0;
  for (size_t j = a; j < b; j++) {
    natural += p->units[j].w;
    if (j > a && p->units[j].brk)
      gaps++;
  }
  float extra = 0, x = left;
  if (st->justify && !last && gaps && avail > natural &&
      (avail - natural) / (float)gaps <= JUSTIFY_MAX_EM * st->size)
    extra = (avail - natural) / (float)gaps;
  else if (st->align == ALIGN_CENTER)
    x += (avail - natural) / 2;
  else if (st->align == ALIGN_RIGHT)
    x += avail - natural;
  l->width = natural + extra * (float)gaps;

  size_t ts = p->units[a].t0, te = p->units[b - 1].t1;
  l->pl.text = jb_str_make(jb_arena_strndup(ar, p->text.p + ts, te - ts), te - ts);
  size_t nglyphs = 0;
  for (size_t j = a; j < b; j++)
    nglyphs += p->units[j].g1 - p->units[j].g0;
  jb_glyph *pool = jb_arena_alloc(ar, (nglyphs ? nglyphs : 1) * sizeof *pool);

  jb_run *run = NULL;
  int link_span = -1;
  jb_link *link = NULL;
  for (size_t j = a; j < b; j++) {
    const unit *u = &p->units[j];
    if (j > a && u->brk)
      x += extra;
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
      link_span = u->span;
    } else if (!linked) {
      link_span = -1;
      link = NULL;
    }
    if (!u->space) {
      for (size_t k = u->g0; k < u->g1; k++) {
        const gl *g = &p->glyphs[k];
        if (!run || run->font != g->font || run->size != g->size ||
            run->y != g->rise) {
          run = JB_PUSH(ar, l->pl.runs, l->pl.nruns, l->pl.capruns);
          run->font = g->font;
          run->size = g->size;
          run->x = 0;
          run->y = g->rise;
          run->gray = st->gray;
          run->glyphs = pool;
        }
        jb_glyph *og = &run->glyphs[run->nglyphs++];
        pool++;
        og->gid = g->gid;
        og->x = x + g->dx;
        og->y = g->dy;
        og->text = k == u->g0 ? jb_str_make(l->pl.text.p + (u->t0 - ts), u->t1 - u->t0)
                               : jb_str_make(NULL, 0);
        x += g->adv;
      }
    } else {
      x += u->w;
    }
    if (link)
      link->x1 = x;
  }
}

static void
break_lines(setter *s, para *p, const jb_span *spans, const style *st,
            float width, lines *out)
{
  size_t n = p->nunits;
  size_t start = 0;
  bool first = true;
  while (start < n) {
    while (start < n && p->units[start].space)
      start++;
    if (start == n)
      break;
    float left = first ? st->indent : st->hang;
    float avail = width - left;
    float x = 0;
    size_t last_brk = start, end = n;
    for (size_t i = start; i < n; i++) {
      const unit *u = &p->units[i];
      if (i > start && u->brk)
        last_brk = i;
      if (i > start && !u->space && x + u->w > avail + 0.01f) {
        end = last_brk > start ? last_brk : i;
        break;
      }
      x += u->w;
    }
    size_t stop = end;
    while (stop > start && p->units[stop - 1].space)
      stop--;
    emit_line(s, p, spans, st, start, stop, left, avail, end == n, out);
    start = end;
    first = false;
  }
}

void
jb_set_para(setter *s, const jb_span *spans, size_t nspans, const style *st,
            float width, jb_pos pos, lines *out)
{
  if (!nspans)
    return;
  para p;
  memset(&p, 0, sizeof p);
  s->nreported = 0;
  itemise_and_shape(s, &p, spans, nspans, st, pos);
  make_units(&p, spans, nspans);
  break_lines(s, &p, spans, st, width, out);
  para_free(&p);
}

void
jb_set_text(setter *s, jb_str text, const style *st, float width, lines *out)
{
  jb_span sp = {text, {NULL, 0}, 0, -1};
  jb_pos pos = {NULL, 0, 0, 0};
  jb_set_para(s, &sp, 1, st, width, pos, out);
}

float
jb_measure(setter *s, jb_str text, const style *st)
{
  lines tmp = {0};
  jb_set_text(s, text, st, 1e9f, &tmp);
  return tmp.n ? tmp.v[0].width : 0;
}
