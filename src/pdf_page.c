/* pdf_page.c - the PDF writer's content streams: text runs as glyph ids
 * with /ActualText, rules, and the pages deflated in batches beside the
 * main work. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "par.h"
#include "pdf_int.h"
#include "utf8.h"

/* ---- content ------------------------------------------------------------- */

static void
put_actual_text(jb_buf *b, jb_str text)
{
  jb_buf_puts(b, "/Span <</ActualText (\xFE\xFF");
  pdf_utf16_put(b, text, pdf_lit2);
  jb_buf_puts(b, ")>> BDC\n");
}

/* The box of a glyph no font has, for PDF/A (where the font's .notdef
 * may not be shown): an outline over the em of width wd. */
static void
put_box(writer *w, const jb_run *r, const jb_glyph *g, float wd)
{
  jb_buf *b = &w->boxes;
  float inset = 0.08f * r->size;
  jb_buf_num(b, r->x + g->x + inset);
  jb_buf_putc(b, ' ');
  jb_buf_num(b, r->y + g->y - 0.1f * r->size);
  jb_buf_putc(b, ' ');
  jb_buf_num(b, wd - 2 * inset);
  jb_buf_putc(b, ' ');
  jb_buf_num(b, 0.9f * r->size);
  jb_buf_puts(b, " re\n");
}

/* The page's graphics state as set so far: fill gray, and the character
 * spacing (Tc, in points) added after every glyph. */
typedef struct tstate {
  float gray;
  float tc;
} tstate;

/* The font's advance of glyph gid in 1/1000 em, looked up once. */
static int
natural_width(pfont *pf, uint32_t gid, float k)
{
  if (gid > 0xFFFF)
    return (int)lroundf((float)jb_font_advance(pf->f, gid) * k);
  if (!pf->natural)
    pf->natural = jb_xcalloc(0x10000, sizeof *pf->natural);
  if (!pf->natural[gid]) {
    long v = lroundf((float)jb_font_advance(pf->f, gid) * k);
    if (v < 0 || v >= 0xFFFF) /* (no room: asked each time) */
      return (int)v;
    pf->natural[gid] = (uint16_t)(v + 1);
  }
  return pf->natural[gid] - 1;
}

/* Glyph g's advance in the text space of run r: its /W width. */
static int
glyph_width(const writer *w, pfont *pf, const jb_run *r, const jb_glyph *g, float k)
{
  int natural = natural_width(pf, g->gid, k);
  /* A mark set half wide gets a CID whose /W says so, so extraction sees
   * it end where it was set; PDF/A wants the font's own widths, and the
   * pen is moved by the TJ adjustment instead. */
  return g->adv > 0 && !w->pdfa ? (int)lroundf(g->adv * 1000.0f / r->size) : natural;
}

/* The spacing most gaps between glyphs [i, end) of r share, to 0.00001 pt,
 * given their widths wd[0..end-i): a justified line spreads its slack
 * evenly, and one Tc then stands for a TJ adjustment after every glyph.
 * The current spacing when none repeats. */
static float
common_gap(const jb_run *r, size_t i, size_t end, const int *wd, float current)
{
  enum { CAND = 4 };
  long val[CAND];
  int count[CAND] = {0};
  for (size_t j = i + 1; j < end; j++) {
    const jb_glyph *a = &r->glyphs[j - 1];
    float gap = r->glyphs[j].x - (a->x + (float)wd[j - 1 - i] * r->size / 1000.0f);
    long q = lroundf(gap * 100000.0f);
    int c = 0;
    while (c < CAND && count[c] && val[c] != q)
      c++;
    if (c < CAND) {
      val[c] = q;
      count[c]++;
    } else { /* (Misra-Gries: every count loses one) */
      for (c = 0; c < CAND; c++)
        count[c]--;
    }
  }
  int best = -1;
  for (int c = 0; c < CAND; c++)
    if (count[c] >= 2 && (best < 0 || count[c] > count[best]))
      best = c;
  return best < 0 ? current : (float)val[best] / 100000.0f;
}

/* One run as TJ: glyphs advance by their /W widths and the character
 * spacing, and each difference to the laid-out position becomes a TJ
 * adjustment (thousandths of an em, positive to the left). A vertical
 * offset starts a new text matrix. */
static void
put_run(writer *w, HPDF_Page page, const jb_run *r, jb_str line, tstate *ts)
{
  if (!r->nglyphs)
    return;
  pfont *pf = &w->fonts[r->font];
  jb_buf *b = w->content;
  const char *fname = HPDF_Page_GetLocalFontName(page, (HPDF_Font)pdf_font_dict(w, r->font));
  if (!fname)
    return;
  if (r->gray != ts->gray) {
    jb_buf_num(b, r->gray);
    jb_buf_puts(b, " g\n");
    ts->gray = r->gray;
  }
  jb_buf_putc(b, '/');
  jb_buf_puts(b, fname);
  jb_buf_putc(b, ' ');
  jb_buf_num(b, r->size);
  jb_buf_puts(b, " Tf\n");
  float k = 1000.0f / (float)pf->f->upem;
  size_t i = 0;
  while (i < r->nglyphs) {
    float dy = r->glyphs[i].y;
    size_t end = i;
    while (end < r->nglyphs && r->glyphs[end].y == dy)
      end++;
    if (w->capwd < end - i) {
      w->capwd = end - i;
      w->wd = jb_xrealloc(w->wd, w->capwd * sizeof *w->wd);
    }
    for (size_t j = i; j < end; j++)
      w->wd[j - i] = glyph_width(w, pf, r, &r->glyphs[j], k);
    float tc = common_gap(r, i, end, w->wd, ts->tc);
    if (tc != ts->tc) {
      jb_buf_num5(b, tc);
      jb_buf_puts(b, " Tc\n");
      ts->tc = tc;
    }
    jb_buf_puts(b, "1 0 0 1 ");
    jb_buf_num(b, r->x + r->glyphs[i].x);
    jb_buf_putc(b, ' ');
    jb_buf_num(b, r->y + dy);
    jb_buf_puts(b, " Tm [(");
    float pen = r->glyphs[i].x;
    size_t j = i;
    for (; j < end; j++) {
      const jb_glyph *g = &r->glyphs[j];
      float adj = (g->x - pen) * 1000.0f / r->size;
      if (j > i && (adj > 0.05f || adj < -0.05f)) {
        jb_buf_puts(b, ")");
        jb_buf_num(b, -adj);
        jb_buf_puts(b, "(");
      }
      int width = w->wd[j - i];
      if (w->pdfa && !g->gid) {
        /* PDF/A shows no .notdef glyph: the box is drawn after the text. */
        put_box(w, r, g, (float)width * r->size / 1000.0f);
        continue;
      }
      jb_str text = jb_str_make(line.p + g->text, g->ntext);
      pdf_lit2(b, pdf_cid_of(pf, g->gid, width, text));
      pen = g->x + (float)width * r->size / 1000.0f + tc;
    }
    jb_buf_puts(b, ")] TJ\n");
    i = j;
  }
}

/* Where the text of runs [r, ...) starts in the line: at its first glyph
 * that stands for text; SIZE_MAX when none does (leaders). */
static size_t
runs_text_start(const jb_pline *ln, size_t r, size_t end)
{
  for (; r < end; r++)
    for (size_t g = 0; g < ln->runs[r].nglyphs; g++)
      if (ln->runs[r].glyphs[g].ntext)
        return ln->runs[r].glyphs[g].text;
  return SIZE_MAX;
}

/* The marked-content sequence of runs of one element: its MCID in the
 * structure tree, or an artifact (running heads and page numbers as
 * pagination). */
static void
open_marked(writer *w, size_t pi, const jb_run *r, float height)
{
  jb_buf *b = w->content;
  if (r->elem > 0 && (size_t)r->elem < w->tags.lay->nelems) {
    uint32_t mcid = pdf_tag_content(w, pi, r->elem);
    jb_buf_putc(b, '/');
    jb_buf_puts(b, jb_tag_name(w->tags.lay->elems[r->elem].tag));
    jb_buf_puts(b, " <</MCID ");
    jb_buf_uint(b, mcid);
    jb_buf_puts(b, ">> BDC\n");
  } else if (r->elem == JB_RUN_PAGINATION) {
    jb_buf_printf(b, "/Artifact <</Type /Pagination /Subtype /%s>> BDC\n",
                  r->y > height / 2 ? "Header" : "Footer");
  } else {
    jb_buf_puts(b, "/Artifact BMC\n");
  }
}

/* A line: each stretch of runs of one element is a marked-content
 * sequence, its text (the line's, from its first glyph up to the next
 * stretch's) given as /ActualText, so clusters and spaces copy as set. */
static void
put_line(writer *w, size_t pi, HPDF_Page page, const jb_pline *ln, float height, tstate *ts)
{
  jb_buf *b = w->content;
  size_t from = 0, start = 0;
  jb_buf_puts(b, "BT\n");
  while (from < ln->nruns) {
    size_t to = from + 1;
    while (to < ln->nruns && ln->runs[to].elem == ln->runs[from].elem)
      to++;
    size_t next = runs_text_start(ln, to, ln->nruns);
    size_t end = next < ln->text.n ? next : ln->text.n;
    if (runs_text_start(ln, from, to) == SIZE_MAX)
      end = start; /* no text of its own */
    /* Spaces between two sequences are left to the gap: a reader's text
     * extraction adds one there, and would double one at the end. */
    size_t stop = end;
    while (to < ln->nruns && stop > start && ln->text.p[stop - 1] == ' ')
      stop--;
    open_marked(w, pi, &ln->runs[from], height);
    put_actual_text(b, jb_str_make(ln->text.p + start, stop > start ? stop - start : 0));
    for (size_t r = from; r < to; r++)
      put_run(w, page, &ln->runs[r], ln->text, ts);
    jb_buf_puts(b, "EMC\nEMC\n");
    start = end > start ? end : start;
    from = to;
  }
  jb_buf_puts(b, "ET\n");
}

static void
put_page(writer *w, size_t pi, HPDF_Page page, const jb_page *pg, float height)
{
  jb_buf *b = w->content;
  jb_buf_reset(b);
  tstate ts = {0, 0};
  for (size_t l = 0; l < pg->nlines; l++)
    put_line(w, pi, page, &pg->lines[l], height, &ts);
  if (pg->nrules)
    jb_buf_puts(b, "/Artifact BMC\n");
  for (size_t r = 0; r < pg->nrules; r++) {
    const jb_rule *ru = &pg->rules[r];
    jb_buf_puts(b, "q 0.5 G ");
    jb_buf_num(b, ru->width);
    jb_buf_puts(b, " w ");
    jb_buf_num(b, ru->x0);
    jb_buf_putc(b, ' ');
    jb_buf_num(b, ru->y0);
    jb_buf_puts(b, " m ");
    jb_buf_num(b, ru->x1);
    jb_buf_putc(b, ' ');
    jb_buf_num(b, ru->y1);
    jb_buf_puts(b, " l S Q\n");
  }
  if (pg->nrules)
    jb_buf_puts(b, "EMC\n");
  if (w->boxes.n) {
    jb_buf_puts(b, "/Artifact BMC\nq 0.4 w 0 G\n");
    jb_buf_put(b, w->boxes.p, w->boxes.n);
    jb_buf_puts(b, "S Q\nEMC\n");
    jb_buf_reset(&w->boxes);
  }
  pdf_tags_page_done(w, pi);
  pdf_id_add(w, b->p, b->n);
}

/* Pages are formatted here and, when there is more than one batch,
 * deflated a batch behind on a thread of its own (one batch has nothing
 * to overlap, and the spare core makes the font subsets), then stored in
 * order. One batch deflates at a time, so they share the writer's
 * compressor. */
#define PAGE_BATCH 32

typedef struct zbatch {
  pdf_zip *zc;
  jb_buf raw[PAGE_BATCH];
  unsigned char *z[PAGE_BATCH];
  size_t zcap[PAGE_BATCH], zn[PAGE_BATCH];
  size_t first, n; /* its pages */
  pthread_t thread;
  bool started;
} zbatch;

static void *
zbatch_deflate(void *arg)
{
  zbatch *zb = arg;
  for (size_t k = 0; k < zb->n; k++)
    zb->zn[k] = pdf_deflate_into(zb->zc, zb->raw[k].p, zb->raw[k].n, &zb->z[k], &zb->zcap[k]);
  return NULL;
}

static void
zbatch_store(writer *w, zbatch *zb)
{
  if (zb->started)
    pthread_join(zb->thread, NULL);
  else
    zbatch_deflate(zb);
  zb->started = false;
  for (size_t k = 0; k < zb->n; k++) {
    HPDF_PageAttr attr = (HPDF_PageAttr)w->pages[zb->first + k]->attr;
    /* the deflated page goes to the writer; the batch makes a new one */
    pdf_put_stream_data(w, attr->contents, zb->raw[k].p, zb->raw[k].n, zb->z[k], zb->zn[k],
                        zb->zn[k] ? PDF_TAKE : PDF_COPY);
    if (zb->zn[k]) {
      zb->z[k] = NULL;
      zb->zcap[k] = 0;
    }
  }
}

void
pdf_put_pages(writer *w, const jb_layout *lay)
{
  zbatch zb[2];
  memset(zb, 0, sizeof zb);
  size_t nb = (lay->npages + PAGE_BATCH - 1) / PAGE_BATCH;
  for (size_t j = 0; j <= nb && !w->error; j++) {
    zbatch *cur = &zb[j % 2], *prev = &zb[(j + 1) % 2];
    if (j < nb) {
      cur->zc = w->zc;
      cur->first = j * PAGE_BATCH;
      cur->n = lay->npages - cur->first < PAGE_BATCH ? lay->npages - cur->first : PAGE_BATCH;
      for (size_t k = 0; k < cur->n; k++) {
        w->content = &cur->raw[k];
        put_page(w, cur->first + k, w->pages[cur->first + k], &lay->pages[cur->first + k],
                 lay->height);
      }
      w->content = NULL;
    }
    if (j > 0)
      zbatch_store(w, prev);
    if (j < nb && nb > 1 && w->ctx->threads > 1 && !w->error)
      cur->started = jb_thread_create(&cur->thread, zbatch_deflate, cur) == 0;
  }
  for (int i = 0; i < 2; i++) {
    if (zb[i].started) /* stopped by an error */
      pthread_join(zb[i].thread, NULL);
    for (size_t k = 0; k < PAGE_BATCH; k++) {
      jb_buf_free(&zb[i].raw[k]);
      free(zb[i].z[k]);
    }
  }
}
