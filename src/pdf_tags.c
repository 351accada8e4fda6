/* pdf_tags.c - the PDF writer's structure tree (tagged PDF, PDF 1.7
 * §14.7-14.8): elements from the layout, each marked-content sequence of
 * the pages and each link annotation a kid of its element, the parent tree
 * back from content to element, and the catalog's /MarkInfo, /Lang and
 * /StructTreeRoot. Elements are empty dicts written by a hook from a small
 * record, as the outline items are: a long briefing has one per paragraph. */
#include <stdlib.h>
#include <string.h>

#include "pdf_int.h"

#define TREE_LEAF 256 /* parent tree entries per leaf node */

void
pdf_tags_begin(writer *w, const jb_layout *lay)
{
  tags *t = &w->tags;
  t->lay = lay;
  t->pages = w->pages;
  t->attached = jb_xcalloc(lay->nelems + 1, sizeof *t->attached);
  t->mc_from = jb_xcalloc(lay->npages + 1, sizeof *t->mc_from);
}

static void
add_kid(tags *t, uint32_t owner, kid_kind kind, uint32_t value, uint32_t page)
{
  tkid *k = JB_PUSH_HEAP(t->kids, t->nkids, t->capkids);
  k->owner = owner;
  k->kind = kind;
  k->value = value;
  k->page = page;
}

/* e joins its parent's kids when its first content appears: the order of
 * first appearance is reading order. */
static void
attach(tags *t, int e)
{
  while (e > 0 && !t->attached[e]) {
    t->attached[e] = true;
    int up = t->lay->elems[e].parent;
    add_kid(t, (uint32_t)(up < 0 ? 0 : up), KID_ELEM, (uint32_t)e, 0);
    e = up;
  }
}

static bool
elem_ok(const tags *t, int elem)
{
  return elem > 0 && (size_t)elem < t->lay->nelems;
}

uint32_t
pdf_tag_content(writer *w, size_t page, int elem)
{
  tags *t = &w->tags;
  uint32_t mcid = (uint32_t)(t->nmc - t->mc_from[page]);
  *JB_PUSH_HEAP(t->mc_owner, t->nmc, t->capmc) = (uint32_t)elem;
  add_kid(t, (uint32_t)elem, KID_MCR, mcid, (uint32_t)page);
  attach(t, elem);
  return mcid;
}

void
pdf_tags_page_done(writer *w, size_t page)
{
  w->tags.mc_from[page + 1] = w->tags.nmc;
}

void
pdf_tag_link(writer *w, navobj *o, int elem, size_t page)
{
  tags *t = &w->tags;
  if (!elem_ok(t, elem))
    return;
  tlink *l = JB_PUSH_HEAP(t->links, t->nlinks, t->caplinks);
  l->o = o;
  l->elem = (uint32_t)elem;
  o->sp = (uint32_t)(t->lay->npages + t->nlinks); /* key + 1 */
  add_kid(t, (uint32_t)elem, KID_OBJR, (uint32_t)(t->nlinks - 1), (uint32_t)page);
  attach(t, elem);
}

/* ---- writing ------------------------------------------------------------- */

static uint32_t
page_num(const tags *t, uint32_t page)
{
  return pdf_obj_num(t->pages[page]);
}

static HPDF_STATUS
write_elem(HPDF_Dict d, HPDF_Stream stream)
{
  const telem *me = d->attr;
  tags *t = me->t;
  const jb_elem *e = &t->lay->elems[me->e];
  jb_buf *b = &t->b;
  b->n = 0;
  int up = e->parent < 0 ? 0 : e->parent;
  jb_buf_puts(b, "/Type /StructElem\n/S /");
  jb_buf_puts(b, jb_tag_name(e->tag));
  jb_buf_puts(b, "\n/P ");
  jb_buf_ref(b, pdf_obj_num(me->e ? t->el[up].d : t->root));
  jb_buf_putc(b, '\n');
  if (me->page >= 0) {
    jb_buf_puts(b, "/Pg ");
    jb_buf_ref(b, page_num(t, (uint32_t)me->page));
    jb_buf_putc(b, '\n');
  }
  if (e->en)
    jb_buf_puts(b, "/Lang (en)\n");
  if (e->tag == JB_TAG_TH)
    jb_buf_printf(b, "/A << /O /Table /Scope /%s >>\n", e->column ? "Column" : "Row");
  size_t n = t->from[me->e + 1] - t->from[me->e];
  jb_buf_puts(b, n == 1 ? "/K " : "/K [");
  for (size_t i = t->from[me->e]; i < t->from[me->e + 1]; i++) {
    const tkid *k = &t->sorted[i];
    if (i > t->from[me->e])
      jb_buf_putc(b, ' ');
    switch (k->kind) {
    case KID_ELEM:
      jb_buf_ref(b, pdf_obj_num(t->el[k->value].d));
      break;
    case KID_MCR:
      if ((int)k->page == me->page)
        jb_buf_uint(b, k->value);
      else
        jb_buf_printf(b, "<< /Type /MCR /Pg %u 0 R /MCID %u >>", (unsigned)page_num(t, k->page),
                      (unsigned)k->value);
      break;
    case KID_OBJR:
      jb_buf_printf(b, "<< /Type /OBJR /Obj %u 0 R /Pg %u 0 R >>",
                    (unsigned)pdf_obj_num(t->links[k->value].o->d), (unsigned)page_num(t, k->page));
      break;
    }
  }
  jb_buf_puts(b, n == 1 ? "\n" : "]\n");
  return HPDF_Stream_Write(stream, (const HPDF_BYTE *)b->p, (HPDF_UINT)b->n);
}

static void
put_key(jb_buf *b, const tags *t, uint32_t key)
{
  size_t np = t->lay->npages;
  jb_buf_uint(b, key);
  jb_buf_putc(b, ' ');
  if (key >= np) {
    jb_buf_ref(b, pdf_obj_num(t->el[t->links[key - np].elem].d));
    jb_buf_putc(b, '\n');
    return;
  }
  jb_buf_putc(b, '[');
  for (size_t i = t->mc_from[key]; i < t->mc_from[key + 1]; i++) {
    if (i > t->mc_from[key])
      jb_buf_putc(b, ' ');
    jb_buf_ref(b, pdf_obj_num(t->el[t->mc_owner[i]].d));
  }
  jb_buf_puts(b, "]\n");
}

/* A number tree node: the entries themselves (a leaf, or the whole tree
 * when it is one node), or the leaves under the root. */
static HPDF_STATUS
write_leaf(HPDF_Dict d, HPDF_Stream stream)
{
  const tleaf *lf = d->attr;
  tags *t = lf->t;
  jb_buf *b = &t->b;
  b->n = 0;
  if (lf->root && t->nleaves > 1) {
    jb_buf_puts(b, "/Kids [");
    for (size_t i = 0; i < t->nleaves; i++) {
      if (i)
        jb_buf_putc(b, ' ');
      jb_buf_ref(b, pdf_obj_num(t->leaves[i].d));
    }
    jb_buf_puts(b, "]\n");
  } else {
    if (!lf->root)
      jb_buf_printf(b, "/Limits [%u %u]\n", (unsigned)t->keys[lf->from],
                    (unsigned)t->keys[lf->to - 1]);
    jb_buf_puts(b, "/Nums [\n");
    for (size_t i = lf->from; i < lf->to; i++)
      put_key(b, t, t->keys[i]);
    jb_buf_puts(b, "]\n");
  }
  return HPDF_Stream_Write(stream, (const HPDF_BYTE *)b->p, (HPDF_UINT)b->n);
}

static HPDF_Dict
hooked_dict(writer *w, void *attr, HPDF_Dict_OnWriteFunc fn)
{
  HPDF_Dict d = pdf_new_dict(w);
  if (d) {
    d->attr = attr;
    d->write_fn = fn;
  }
  return d;
}

/* The kids sorted by element, each element's in the order recorded. */
static void
sort_kids(tags *t)
{
  size_t ne = t->lay->nelems;
  t->from = jb_xcalloc(ne + 2, sizeof *t->from);
  for (size_t i = 0; i < t->nkids; i++)
    t->from[t->kids[i].owner + 2]++;
  for (size_t e = 2; e < ne + 2; e++)
    t->from[e] += t->from[e - 1];
  t->sorted = jb_xmalloc((t->nkids + 1) * sizeof *t->sorted);
  for (size_t i = 0; i < t->nkids; i++)
    t->sorted[t->from[t->kids[i].owner + 1]++] = t->kids[i];
}

static void
parent_tree(writer *w, HPDF_Dict root)
{
  tags *t = &w->tags;
  size_t np = t->lay->npages;
  t->keys = jb_xmalloc((np + t->nlinks + 1) * sizeof *t->keys);
  for (size_t p = 0; p < np; p++)
    if (t->mc_from[p + 1] > t->mc_from[p]) {
      t->keys[t->nkeys++] = (uint32_t)p;
      HPDF_Dict_AddNumber(t->pages[p], "StructParents", (HPDF_INT32)p);
    }
  for (size_t i = 0; i < t->nlinks; i++)
    t->keys[t->nkeys++] = (uint32_t)(np + i);
  size_t nl = (t->nkeys + TREE_LEAF - 1) / TREE_LEAF;
  t->leaves = jb_xcalloc(nl + 1, sizeof *t->leaves);
  tleaf *top = &t->leaves[nl];
  top->t = t;
  top->root = true;
  top->to = t->nkeys;
  if (nl > 1) {
    t->nleaves = nl;
    for (size_t i = 0; i < nl; i++) {
      tleaf *lf = &t->leaves[i];
      lf->t = t;
      lf->from = i * TREE_LEAF;
      lf->to = lf->from + TREE_LEAF < t->nkeys ? lf->from + TREE_LEAF : t->nkeys;
      lf->d = hooked_dict(w, lf, write_leaf);
    }
  }
  top->d = hooked_dict(w, top, write_leaf);
  if (top->d)
    HPDF_Dict_Add(root, "ParentTree", top->d);
  HPDF_Dict_AddNumber(root, "ParentTreeNextKey", (HPDF_INT32)(np + t->nlinks));
}

/* The elements with content, the root, the parent tree, and what the
 * catalog says of them: marked, in the edition's language, titled. */
void
pdf_tags_finish(writer *w)
{
  tags *t = &w->tags;
  const jb_layout *lay = t->lay;
  if (!lay || !lay->nelems)
    return;
  HPDF_MMgr mm = w->pdf->mmgr;
  t->attached[0] = true;
  sort_kids(t);
  t->el = jb_xcalloc(lay->nelems, sizeof *t->el);
  for (size_t e = 0; e < lay->nelems; e++) {
    telem *me = &t->el[e];
    me->t = t;
    me->e = (uint32_t)e;
    me->page = -1;
    for (size_t i = t->from[e]; i < t->from[e + 1]; i++)
      if (t->sorted[i].kind == KID_MCR) {
        me->page = (int)t->sorted[i].page;
        break;
      }
    if (t->attached[e] && !(me->d = hooked_dict(w, me, write_elem)))
      return;
  }
  t->root = pdf_new_dict(w);
  if (!t->root)
    return;
  HPDF_Dict_AddName(t->root, "Type", "StructTreeRoot");
  HPDF_Dict_Add(t->root, "K", t->el[0].d);
  parent_tree(w, t->root);
  HPDF_Dict cat = w->pdf->catalog;
  HPDF_Dict_Add(cat, "StructTreeRoot", t->root);
  HPDF_Dict mark = HPDF_Dict_New(mm);
  if (mark && HPDF_Dict_Add(cat, "MarkInfo", mark) == HPDF_OK)
    HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
  HPDF_Dict vp = HPDF_Dict_New(mm);
  if (vp && HPDF_Dict_Add(cat, "ViewerPreferences", vp) == HPDF_OK)
    HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE);
  const char *lang = w->ctx->edition == JB_VARIANT_HANT ? "zh-Hant" : "zh-Hans";
  HPDF_Dict_Add(cat, "Lang", HPDF_String_New(mm, lang, NULL));
  for (size_t p = 0; p < lay->npages; p++) /* tab order follows the structure */
    HPDF_Dict_AddName(t->pages[p], "Tabs", "S");
}

void
pdf_tags_free(writer *w)
{
  tags *t = &w->tags;
  free(t->kids);
  free(t->attached);
  free(t->el);
  free(t->from);
  free(t->sorted);
  free(t->mc_owner);
  free(t->mc_from);
  free(t->links);
  free(t->keys);
  free(t->leaves);
  jb_buf_free(&t->b);
}
