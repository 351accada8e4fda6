/* pdf.c - stage 8: libharu writes the file; the fonts and the text
 * operators are ours (research/typesetting.md §3.4 option c): libharu
 * 2.3.0's UTF-8 font path maps CID = BMP code point, turns non-BMP text into
 * spaces, cannot reach substituted glyphs and writes an invalid ToUnicode. */
#include "pdf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "par.h"
#include "pdf_int.h"
#include "utf8.h"
#include "version.h"

/* Two multiply-rotate lanes over 8-byte little-endian words (a byte at a
 * time took 0.4 s of 13,981 pages): a 128-bit content hash. */
void
pdf_id_add(writer *w, const void *p, size_t n)
{
  const unsigned char *s = p;
  uint64_t a = w->id[0] ^ n, b = w->id[1]; /* the length: "ab" differs from "ab\0" */
  for (; n; s += n >= 8 ? 8 : n, n -= n >= 8 ? 8 : n) {
    uint64_t v = 0;
    if (n >= 8) {
      memcpy(&v, s, 8); /* one load; the words are read little-endian */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
      v = __builtin_bswap64(v);
#endif
    } else {
      for (size_t k = 0; k < n; k++)
        v |= (uint64_t)s[k] << (8 * k);
    }
    a = (a ^ v) * 0x9e3779b97f4a7c15ull;
    a = a << 31 | a >> 33;
    b = (b + v) * 0xc2b2ae3d27d4eb4full;
    b ^= b >> 29;
  }
  w->id[0] = a;
  w->id[1] = b;
}

static void
on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
  writer *w = user_data;
  if (!w->error) {
    w->error = error_no;
    w->detail = detail_no;
  }
}

/* ---- objects ------------------------------------------------------------- */

HPDF_Dict
pdf_new_dict(writer *w)
{
  HPDF_Dict d = HPDF_Dict_New(w->pdf->mmgr);
  if (d)
    HPDF_Xref_Add(w->pdf->xref, d);
  return d;
}

/* libharu deflates streams with zlib at level 6 as it saves, which took a
 * third of a run on the seeds. So streams are deflated here, with ISA-L's
 * igzip at level 2 (measured on the seeds' 34 streams, 669 KB: 2.3 ms
 * against libdeflate's level 1 at 5.2 ms and zlib's at twice that, for
 * 1.9 % more bytes than libdeflate's), stored as they are (filter none),
 * and the /Filter entry that libharu then leaves out is written by this
 * hook. igzip's output does not depend on the work buffer's contents, nor
 * on the CPU's vector extensions above SSE4.2. */
HPDF_STATUS
pdf_write_flate_filter(HPDF_Dict dict, HPDF_Stream stream)
{
  (void)dict;
  return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

pdf_zip *
pdf_zip_new(void)
{
  return jb_xmalloc(sizeof(pdf_zip));
}

void
pdf_zip_free(pdf_zip *zc)
{
  free(zc);
}

/* Deflate data[0..n) into *z (grown as needed); 0 when it did not fit
 * (the caller stores the bytes as they are). */
size_t
pdf_deflate_into(pdf_zip *zc, const void *data, size_t n, unsigned char **z, size_t *zcap)
{
  if (!n || n > UINT32_MAX / 2)
    return 0;
  size_t cap = n + n / 8 + 1024; /* (stored blocks take n plus 5 bytes per 64 KB) */
  if (*zcap < cap) {
    *z = jb_xrealloc(*z, cap);
    *zcap = cap;
  }
  struct isal_zstream s;
  memset(&s, 0, sizeof s); /* (the init leaves some of its state unset) */
  isal_deflate_stateless_init(&s);
  s.level = 2;
  s.level_buf = zc->level_buf;
  s.level_buf_size = sizeof zc->level_buf;
  s.gzip_flag = IGZIP_ZLIB;
  s.end_of_stream = 1;
  s.flush = NO_FLUSH;
  s.next_in = (uint8_t *)(uintptr_t)data; /* (read only) */
  s.avail_in = (uint32_t)n;
  s.next_out = *z;
  s.avail_out = (uint32_t)cap;
  return isal_deflate_stateless(&s) == COMP_OK ? s.total_out : 0;
}

/* ---- held streams ------------------------------------------------------ */

/* A stream's bytes as libharu reads them while it saves. Its memory
 * streams copy a byte at a time, once in and once out (most of the time
 * to save the seeds' PDF); a callback stream over bytes the writer holds
 * until then is read with memcpy. */
struct held {
  const unsigned char *p;
  size_t n, pos;
  unsigned char *own; /* p, when the writer frees it */
};

static HPDF_STATUS
held_read(HPDF_Stream s, HPDF_BYTE *buf, HPDF_UINT *size)
{
  held *h = s->attr;
  size_t want = *size, k = h->n - h->pos < want ? h->n - h->pos : want;
  if (k)
    memcpy(buf, h->p + h->pos, k);
  h->pos += k;
  *size = (HPDF_UINT)k;
  return k < want ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS
held_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
  held *h = s->attr;
  long at = mode == HPDF_SEEK_CUR ? (long)h->pos + pos
            : mode == HPDF_SEEK_END ? (long)h->n + pos
                                    : (long)pos;
  if (at < 0 || (size_t)at > h->n)
    return HPDF_SetError(s->error, HPDF_INVALID_PARAMETER, 0);
  h->pos = (size_t)at;
  return HPDF_OK;
}

static HPDF_INT32
held_tell(HPDF_Stream s)
{
  return (HPDF_INT32)((held *)s->attr)->pos;
}

static HPDF_UINT32
held_size(HPDF_Stream s)
{
  return (HPDF_UINT32)((held *)s->attr)->n;
}

/* Make d's stream p[0..n): taken (freed by the writer), kept (the caller's
 * until the document is saved) or copied. */
static void
pdf_hold(writer *w, HPDF_Dict d, const void *p, size_t n, pdf_hold_mode mode)
{
  if (!n || n > UINT32_MAX)
    return;
  held *h = jb_xcalloc(1, sizeof *h);
  h->n = n;
  if (mode == PDF_COPY) {
    h->own = jb_xmalloc(n);
    memcpy(h->own, p, n);
    h->p = h->own;
  } else {
    h->p = p;
    h->own = mode == PDF_TAKE ? (unsigned char *)p : NULL;
  }
  *JB_PUSH_HEAP(w->held, w->nheld, w->capheld) = h;
  HPDF_Stream s = HPDF_CallbackReader_New(w->pdf->mmgr, held_read, held_seek, held_tell,
                                          held_size, h);
  if (!s)
    return;
  HPDF_Stream_Free(d->stream);
  d->stream = s;
}

static void
pdf_held_free(writer *w)
{
  for (size_t i = 0; i < w->nheld; i++) {
    free(w->held[i]->own);
    free(w->held[i]);
  }
  free(w->held);
}

/* Stream d's data: the deflated bytes z[0..zn), or data as it is when
 * deflating failed, each held as mode says. */
void
pdf_put_stream_data(writer *w, HPDF_Dict d, const void *data, size_t n, const unsigned char *z,
                    size_t zn, pdf_hold_mode mode)
{
  d->filter = HPDF_STREAM_FILTER_NONE;
  if (zn) {
    d->write_fn = pdf_write_flate_filter;
    pdf_hold(w, d, z, zn, mode);
  } else if (n) {
    pdf_hold(w, d, data, n, PDF_COPY);
  }
}

void
pdf_put_deflated(writer *w, HPDF_Dict d, const void *data, size_t n)
{
  size_t zn = pdf_deflate_into(w->zc, data, n, &w->zbuf, &w->zcap);
  pdf_put_stream_data(w, d, data, n, w->zbuf, zn, PDF_COPY);
}

HPDF_Dict
pdf_new_stream(writer *w, const void *data, size_t n)
{
  HPDF_Dict d = HPDF_DictStream_New(w->pdf->mmgr, w->pdf->xref);
  if (!d)
    return NULL;
  pdf_put_deflated(w, d, data, n);
  return d;
}

/* The Type0 font for role, created empty on first use; filled by
 * finish_font once every CID is known. */
HPDF_Dict
pdf_font_dict(writer *w, int role)
{
  pfont *pf = &w->fonts[role];
  if (!pf->type0)
    pf->type0 = pdf_new_dict(w);
  return pf->type0;
}

/* ---- strings --------------------------------------------------------------- */

void
pdf_hex4(jb_buf *b, uint32_t v)
{
  static const char hx[] = "0123456789ABCDEF";
  char s[4] = {hx[(v >> 12) & 15], hx[(v >> 8) & 15], hx[(v >> 4) & 15], hx[v & 15]};
  jb_buf_put(b, s, 4);
}

/* Two bytes inside a literal string: half the size of hex in the content
 * streams, which is less to format and to deflate. Only ( ) \ and CR
 * need escaping (a bare CR would be read as a line end). */
void
pdf_lit_byte(jb_buf *b, unsigned char c)
{
  if (c == '(' || c == ')' || c == '\\' || c == '\r')
    jb_buf_putc(b, '\\');
  jb_buf_putc(b, c == '\r' ? 'r' : (char)c);
}

void
pdf_lit2(jb_buf *b, uint32_t v)
{
  pdf_lit_byte(b, (unsigned char)(v >> 8));
  pdf_lit_byte(b, (unsigned char)v);
}

/* Text as UTF-16BE code units, each written by put (pdf_hex4 or pdf_lit2). */
void
pdf_utf16_put(jb_buf *b, jb_str text, void (*put)(jb_buf *, uint32_t))
{
  for (jb_str it = text; it.n;) {
    uint32_t cp = jb_utf8_next(&it);
    if (cp == JB_UTF8_BAD)
      cp = 0xFFFD;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      put(b, 0xD800 + (cp >> 10));
      put(b, 0xDC00 + (cp & 0x3FF));
    } else {
      put(b, cp);
    }
  }
}

/* ---- the run ------------------------------------------------------------- */

/* /ID [<hash> <hash>]: the same content, the same identifier. */
static void
put_id(writer *w)
{
  unsigned char id[16];
  for (int i = 0; i < 8; i++) {
    id[i] = (unsigned char)(w->id[0] >> (56 - 8 * i));
    id[8 + i] = (unsigned char)(w->id[1] >> (56 - 8 * i));
  }
  HPDF_Array a = HPDF_Array_New(w->pdf->mmgr);
  if (!a)
    return;
  HPDF_Array_Add(a, HPDF_Binary_New(w->pdf->mmgr, id, sizeof id));
  HPDF_Array_Add(a, HPDF_Binary_New(w->pdf->mmgr, id, sizeof id));
  HPDF_Dict_Add(w->pdf->trailer, "ID", a);
}

static void
writer_free(writer *w)
{
  pdf_free_subsets(w);
  HPDF_Free(w->pdf);
  for (int r = 0; r < JB_FONT__COUNT; r++) {
    free(w->fonts[r].gid);
    free(w->fonts[r].width);
    free(w->fonts[r].text);
    free(w->fonts[r].natural);
    free(w->fonts[r].recent);
    jb_hmap_free(&w->fonts[r].cids);
  }
  free(w->pages);
  free(w->nav.objs);
  jb_buf_free(&w->nav.b);
  pdf_tags_free(w);
  jb_buf_free(&w->boxes);
  free(w->wd);
  free(w->zbuf);
  pdf_zip_free(w->zc);
  pdf_held_free(w);
}

static void
writer_free_heap(void *w)
{
  writer_free(w);
  free(w);
}

int
jb_pdf_write(jb_ctx *ctx, const jb_layout *lay, const char *file, const char *name,
             void (*idle)(void *), void *arg)
{
  writer w;
  memset(&w, 0, sizeof w);
  w.ctx = ctx;
  w.pdfa = strcmp(jb_conf_str(ctx->conf, JB_CONF_PDF_STANDARD), "pdf/a-2u") == 0;
  w.id[0] = 0xcbf29ce484222325ull;
  w.id[1] = 0x84222325cbf29ce4ull;
  int rc = -1;
  jb_pos pos = {name, 0, 0, 0};
  w.pdf = HPDF_New(on_error, &w);
  if (!w.pdf) {
    jb_diag(&ctx->diags, JB_D_PDF, pos, "cannot create the document");
    return -1;
  }
  w.zc = pdf_zip_new();
  for (int r = 0; r < JB_FONT__COUNT; r++)
    w.fonts[r].f = &ctx->fonts->fonts[r];
  HPDF_SetCompressionMode(w.pdf, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(w.pdf);
  HPDF_SetPageMode(w.pdf, HPDF_PAGE_MODE_USE_OUTLINE);

  w.pages = jb_xcalloc(lay->npages ? lay->npages : 1, sizeof *w.pages);
  for (size_t i = 0; i < lay->npages; i++) {
    w.pages[i] = HPDF_AddPage(w.pdf);
    HPDF_Page_SetWidth(w.pages[i], lay->width);
    HPDF_Page_SetHeight(w.pages[i], lay->height);
  }
  pdf_start_subsets(&w, lay);
  pdf_tags_begin(&w, lay);
  pdf_put_pages(&w, lay);
  pdf_join_subsets(&w);
  if (idle)
    idle(arg);
  for (int r = 0; r < JB_FONT__COUNT && !w.error; r++) {
    pfont *pf = &w.fonts[r];
    if (pf->type0 && pdf_finish_font(&w, pf, &w.sub.job[r]) != 0)
      goto done;
    if (pf->full) {
      jb_diag(&ctx->diags, JB_D_PDF, pos, "more than %d distinct glyphs in %s",
              MAX_CIDS, pf->f->path);
      goto done;
    }
  }
  w.nav.lay = lay;
  w.nav.pages = w.pages;
  size_t nnav = 1 + lay->noutlines;
  for (size_t i = 0; i < lay->npages; i++)
    nnav += lay->pages[i].nlinks;
  w.nav.objs = jb_xcalloc(nnav, sizeof *w.nav.objs);
  for (size_t i = 0; i < lay->npages && !w.error; i++)
    pdf_put_links(&w, lay, i);
  if (!w.error)
    pdf_put_outlines(&w, lay);
  if (!w.error)
    pdf_tags_finish(&w);
  if (lay->front)
    HPDF_AddPageLabel(w.pdf, 0, HPDF_PAGE_NUM_STYLE_LOWER_ROMAN, 1, NULL);
  HPDF_AddPageLabel(w.pdf, (HPDF_UINT)lay->front, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL);
  pdf_put_info(&w, lay);
  if (pdf_std_finish(&w, lay, pos) != 0)
    goto done;
  pdf_id_add(&w, lay->title.p, lay->title.n);
  pdf_id_add(&w, &ctx->epoch, sizeof ctx->epoch);
  put_id(&w);
  /* /ActualText needs PDF 1.5; PDF/A-2 is PDF 1.7. */
  if (!w.pdfa)
    w.pdf->pdf_version = HPDF_VER_15;
  if (w.error) {
    jb_diag(&ctx->diags, JB_D_PDF, pos, "libharu error 0x%04X (detail %u)",
            (unsigned)w.error, (unsigned)w.detail);
    goto done;
  }
  errno = 0;
  if (HPDF_SaveToFile(w.pdf, file) != HPDF_OK || w.error) {
    if (w.error == HPDF_FILE_IO_ERROR && errno) /* libharu keeps ferror's flag, not errno */
      jb_diag(&ctx->diags, JB_D_PDF, pos, "cannot save: %s", strerror(errno));
    else
      jb_diag(&ctx->diags, JB_D_PDF, pos, "libharu error 0x%04X while saving", (unsigned)w.error);
    goto done;
  }
  rc = 0;
  /* The document is saved: its objects, subsets and streams are freed on
   * a helper while the outputs are put in place (1.5 ms on the seeds). */
  writer *left = jb_xmalloc(sizeof *left);
  *left = w;
  left->pdf->error.user_data = left;
  jb_later(ctx, writer_free_heap, left);
  return rc;
done:
  writer_free(&w);
  return rc;
}
