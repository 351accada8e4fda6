/* pdf_nav.c - the PDF writer's navigation: link annotations, the outline
 * (bookmarks), and the document information. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pdf_int.h"
#include "utf8.h"
#include "version.h"

/* ---- navigation ---------------------------------------------------------- */

/* Outline items and link annotations are most of a long briefing's
 * objects (120,000 of 232,000 at 5,000 documents), and libharu spends
 * about 2 KB of memory on each: a 128-byte key per dict entry, an object
 * per name and number, an indirect array per destination. Here each is an
 * empty dict whose write hook writes its entries from a small record, with
 * the destination inline. */
uint32_t
pdf_obj_num(const void *obj)
{
  return ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF;
}

static bool
dest_ok(const nav *nv, int anchor)
{
  return anchor >= 0 && (size_t)anchor < nv->lay->nanchors &&
         nv->lay->anchors[anchor].page >= 0 &&
         (size_t)nv->lay->anchors[anchor].page < nv->lay->npages;
}

/* [page /XYZ left top null]: keeps the reader's zoom. */
static void
put_dest(jb_buf *b, const nav *nv, int anchor)
{
  if (!dest_ok(nv, anchor))
    return;
  const jb_anchor *a = &nv->lay->anchors[anchor];
  jb_buf_printf(b, "/Dest [%u 0 R /XYZ 0 ", (unsigned)pdf_obj_num(nv->pages[a->page]));
  jb_buf_num(b, a->y + 4);
  jb_buf_puts(b, " null]\n");
}

static void
put_ref(jb_buf *b, const nav *nv, const char *key, uint32_t k)
{
  if (k)
    jb_buf_printf(b, "/%s %u 0 R\n", key, (unsigned)pdf_obj_num(nv->objs[k - 1].d));
}

/* URIs in annotations are ASCII: percent-encode everything else. */
static char *
uri_ascii(jb_str u)
{
  jb_buf b = JB_BUF_INIT;
  for (size_t i = 0; i < u.n; i++) {
    unsigned char c = (unsigned char)u.p[i];
    if (c <= 0x20 || c >= 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' ||
        c == '{' || c == '}' || c == '|' || c == '^' || c == '`')
      jb_buf_printf(&b, "%%%02X", c);
    else
      jb_buf_putc(&b, (char)c);
  }
  return b.p ? b.p : jb_xstrdup("");
}

static HPDF_STATUS
write_nav(HPDF_Dict d, HPDF_Stream stream)
{
  const navobj *o = d->attr;
  nav *nv = o->nav;
  jb_buf *b = &nv->b;
  b->n = 0;
  if (o->link) {
    const jb_link *l = o->link;
    jb_buf_puts(b, "/Type /Annot\n/Subtype /Link\n/Rect [");
    float r[4] = {l->x0, l->y0, l->x1, l->y1};
    for (int i = 0; i < 4; i++) {
      jb_buf_num(b, r[i]);
      jb_buf_putc(b, i < 3 ? ' ' : ']');
    }
    /* /F 4: printed with the page (PDF/A requires the flag). */
    jb_buf_printf(b, "\n/Border [0 0 0]\n/F 4\n/P %u 0 R\n", (unsigned)pdf_obj_num(o->page));
    if (o->sp)
      jb_buf_printf(b, "/StructParent %u\n", (unsigned)(o->sp - 1));
    if (l->dest >= 0) {
      put_dest(b, nv, l->dest);
    } else {
      char *u = uri_ascii(l->uri);
      jb_buf_puts(b, "/A << /Type /Action /S /URI /URI (");
      for (const char *c = u; *c; c++)
        pdf_lit_byte(b, (unsigned char)*c);
      jb_buf_puts(b, ") >>\n");
      free(u);
    }
  } else {
    if (o->item) {
      jb_buf_puts(b, "/Title <FEFF");
      pdf_utf16_put(b, o->item->title, pdf_hex4);
      jb_buf_puts(b, ">\n");
      put_dest(b, nv, o->item->dest);
    } else {
      jb_buf_puts(b, "/Type /Outlines\n");
    }
    put_ref(b, nv, "Parent", o->parent);
    put_ref(b, nv, "Prev", o->prev);
    put_ref(b, nv, "Next", o->next);
    put_ref(b, nv, "First", o->first);
    put_ref(b, nv, "Last", o->last);
    if (o->visible)
      jb_buf_printf(b, "/Count %d\n", o->open ? o->visible : -o->visible);
  }
  return HPDF_Stream_Write(stream, (const HPDF_BYTE *)b->p, (HPDF_UINT)b->n);
}

static navobj *
nav_new(writer *w)
{
  HPDF_Dict d = pdf_new_dict(w);
  if (!d)
    return NULL;
  navobj *o = &w->nav.objs[w->nav.n++];
  o->d = d;
  o->nav = &w->nav;
  d->attr = o;
  d->write_fn = write_nav;
  return o;
}

void
pdf_put_links(writer *w, const jb_layout *lay, size_t pi)
{
  const jb_page *pg = &lay->pages[pi];
  HPDF_Page page = w->pages[pi];
  for (size_t i = 0; i < pg->nlinks; i++) {
    const jb_link *l = &pg->links[i];
    if (l->dest >= 0 ? !dest_ok(&w->nav, l->dest) : !l->uri.n)
      continue;
    navobj *o = nav_new(w);
    if (!o)
      return;
    o->link = l;
    o->page = page;
    pdf_tag_link(w, o, l->elem, pi);
    HPDF_Array annots = HPDF_Dict_GetItem(page, "Annots", HPDF_OCLASS_ARRAY);
    if (!annots) {
      annots = HPDF_Array_New(w->pdf->mmgr);
      if (!annots || HPDF_Dict_Add(page, "Annots", annots) != HPDF_OK)
        return;
    }
    HPDF_Array_Add(annots, o->d);
  }
}

#define OUTLINE_DEPTH 8

/* Chapters open, sections closed under them. */
void
pdf_put_outlines(writer *w, const jb_layout *lay)
{
  if (!lay->noutlines)
    return;
  navobj *root = nav_new(w);
  if (!root)
    return;
  root->open = true;
  uint32_t first = (uint32_t)w->nav.n + 1; /* index + 1 of the first item */
  uint32_t parents[OUTLINE_DEPTH] = {0};
  for (size_t i = 0; i < lay->noutlines; i++) {
    const jb_outline *it = &lay->outlines[i];
    int level = it->level < 0 ? 0 : it->level >= OUTLINE_DEPTH ? OUTLINE_DEPTH - 1 : it->level;
    while (level > 0 && !parents[level - 1])
      level--;
    navobj *o = nav_new(w);
    if (!o)
      return;
    uint32_t me = (uint32_t)w->nav.n;
    navobj *up = level ? &w->nav.objs[parents[level - 1] - 1] : root;
    o->item = it;
    o->open = level == 0;
    o->parent = (uint32_t)(up - w->nav.objs) + 1;
    if (up->last)
      w->nav.objs[up->last - 1].next = me;
    else
      up->first = me;
    o->prev = up->last;
    up->last = me;
    parents[level] = me;
    for (int k = level + 1; k < OUTLINE_DEPTH; k++)
      parents[k] = 0;
  }
  /* Items follow their parents: summing from the end finishes each item's
   * count before its parent's. */
  for (uint32_t k = (uint32_t)w->nav.n; k >= first; k--) {
    navobj *o = &w->nav.objs[k - 1];
    w->nav.objs[o->parent - 1].visible += 1 + (o->open ? o->visible : 0);
  }
  HPDF_Dict_Add(w->pdf->catalog, "Outlines", root->d);
}

static void
put_be16(jb_buf *b, uint32_t v)
{
  jb_buf_putc(b, (char)(v >> 8));
  jb_buf_putc(b, (char)(v & 0xFF));
}

void
pdf_put_info(writer *w, const jb_layout *lay)
{
  /* Text strings in UTF-16BE after a byte order mark, in hex: what
   * libharu's UTF-8 encoder writes for the BMP, without building the
   * encoder (its tables took a quarter of a millisecond), and with
   * surrogate pairs beyond it. libharu made the Info dictionary with the
   * document (its Producer first); each key keeps its place. */
  struct {
    const char *key;
    jb_str value;
  } items[] = {
      {"Title", lay->title},
      {"Subject", lay->subject},
      {"Keywords", lay->keywords},
      {"Author", lay->author},
      {"Creator", JB_STR_LIT(PDF_CREATOR)},
      {"Producer", JB_STR_LIT(PDF_PRODUCER)},
  };
  jb_buf u = JB_BUF_INIT;
  for (size_t i = 0; i < sizeof items / sizeof items[0] && w->pdf->info; i++) {
    if (!items[i].value.n)
      continue;
    u.n = 0;
    jb_buf_put(&u, "\xFE\xFF", 2);
    pdf_utf16_put(&u, items[i].value, put_be16);
    HPDF_Binary v = HPDF_Binary_New(w->pdf->mmgr, (HPDF_BYTE *)u.p, (HPDF_UINT)u.n);
    if (v)
      HPDF_Dict_Add(w->pdf->info, items[i].key, v);
  }
  jb_buf_free(&u);
  time_t t = (time_t)w->ctx->epoch;
  struct tm tm;
  gmtime_r(&t, &tm);
  HPDF_Date d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                 tm.tm_min, tm.tm_sec, '+', 0, 0};
  HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_CREATION_DATE, d);
  HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_MOD_DATE, d);
}
