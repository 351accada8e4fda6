/* pdf.c - stage 8: libharu writes the file; the fonts and the text
 * operators are ours (research/typesetting.md §3.4 option c): libharu
 * 2.3.0's UTF-8 font path maps CID = BMP code point, turns non-BMP text into
 * spaces, cannot reach substituted glyphs and writes an invalid ToUnicode. */
#include "pdf.h"

#include <errno.h>
#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <hb-subset.h>
#include <math.h>
#include <pthread.h>
#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "buf.h"
#include "font.h"
#include "hmap.h"
#include "utf8.h"
#include "version.h"

#if HPDF_MAJOR_VERSION != 2 || HPDF_MINOR_VERSION != 3 || HPDF_BUGFIX_VERSION != 0
#error "pdf.c relies on libharu 2.3.0's internal object layout"
#endif

#define MAX_CIDS 65535       /* two-byte Identity-H codes */
#define TOUNICODE_CHUNK 100  /* entries per bfchar block (PDF limit) */


/* One embedded font: the CIDs handed out for (glyph, text) pairs. */
typedef struct pfont {
  const jb_font *f;
  HPDF_Dict type0;     /* created on first use */
  uint32_t *gid;       /* per CID (index 0 unused) */
  int *width;          /* per CID: advance in 1/1000 em */
  jb_str *text;        /* per CID */
  size_t ncid, capcid; /* ncid counts CID 0 */
  bool full;           /* a glyph found no CID: more than MAX_CIDS */
  jb_hmap cids;        /* (gid, width, text) -> CID */
} pfont;

typedef struct subset_job {
  hb_face_t *face;         /* the face to subset (not owned) */
  hb_set_t *gids;          /* glyphs the layout uses */
  hb_subset_plan_t *plan;  /* results, freed by free_subsets */
  hb_face_t *result;
  hb_blob_t *blob;         /* the subset font file */
  unsigned char *z;        /* and deflated */
  size_t zn;
  pthread_t thread;
  bool started;
} subset_job;

typedef struct navobj {
  HPDF_Dict d;
  struct nav *nav;
  const jb_link *link;       /* a link annotation, or */
  const jb_outline *item;    /* an outline item; neither: the outline root */
  HPDF_Page page;            /* the link's page */
  uint32_t parent, first, last, prev, next; /* objs index + 1; 0 none */
  int visible;               /* descendants shown when open */
  bool open;
} navobj;

typedef struct nav {
  const jb_layout *lay;
  HPDF_Page *pages;
  navobj *objs;
  size_t n;
  jb_buf b; /* scratch for the write hook */
} nav;

typedef struct writer {
  jb_ctx *ctx;
  uint64_t id[2];      /* content hash for the trailer's /ID */
  HPDF_Doc pdf;
  HPDF_STATUS error;   /* first libharu error */
  HPDF_STATUS detail;
  pfont fonts[JB_FONT__COUNT];
  subset_job jobs[JB_FONT__COUNT];
  struct libdeflate_compressor *zc; /* pages and small streams (font subsets have their own) */
  unsigned char *zbuf; /* deflate output */
  size_t zcap;
  HPDF_Page *pages;
  jb_buf *content;     /* the page being formatted */
  nav nav;                 /* outline and links */
} writer;

/* Two multiply-rotate lanes over 8-byte little-endian words (a byte at a
 * time took 0.4 s of 13,981 pages): a 128-bit content hash. */
static void
id_add(writer *w, const void *p, size_t n)
{
  const unsigned char *s = p;
  uint64_t a = w->id[0] ^ n, b = w->id[1]; /* the length: "ab" differs from "ab\0" */
  for (; n; s += n >= 8 ? 8 : n, n -= n >= 8 ? 8 : n) {
    uint64_t v = 0;
    for (size_t k = 0, m = n >= 8 ? 8 : n; k < m; k++)
      v |= (uint64_t)s[k] << (8 * k);
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

/* ---- CIDs ---------------------------------------------------------------- */

static uint64_t
key_hash(uint32_t gid, int width, jb_str text)
{
  return jb_hmap_hash(jb_str_hash(text) ^ ((uint64_t)gid << 32) ^ (uint32_t)width);
}

typedef struct cid_key {
  const pfont *pf;
  uint32_t gid;
  int width;
  jb_str text;
} cid_key;

static bool
same_glyph(const void *ctx, uint32_t c)
{
  const cid_key *k = ctx;
  return k->pf->gid[c] == k->gid && k->pf->width[c] == k->width && jb_str_eq(k->pf->text[c], k->text);
}

/* CID for (gid, width, text), assigned in order of first use; 0 if the
 * font is full. The width is part of the key: a mark set half wide at a
 * line end gets its own CID whose /W says so, so text extraction sees the
 * glyph end at the margin. */
static uint32_t
cid_of(pfont *pf, uint32_t gid, int width, jb_str text)
{
  if (!pf->ncid) {
    *JB_PUSH_HEAP(pf->gid, pf->ncid, pf->capcid) = 0;
    pf->text = jb_xrealloc(pf->text, pf->capcid * sizeof *pf->text);
    pf->width = jb_xrealloc(pf->width, pf->capcid * sizeof *pf->width);
    pf->text[0] = jb_str_make(NULL, 0);
    pf->width[0] = 1000;
  }
  uint64_t h = key_hash(gid, width, text);
  cid_key key = {pf, gid, width, text};
  uint32_t found;
  if (jb_hmap_get(&pf->cids, h, same_glyph, &key, &found))
    return found;
  if (pf->ncid > MAX_CIDS) { /* CIDs 1..MAX_CIDS are taken */
    pf->full = true;
    return 0;
  }
  uint32_t c = (uint32_t)pf->ncid;
  *JB_PUSH_HEAP(pf->gid, pf->ncid, pf->capcid) = gid;
  pf->text = jb_xrealloc(pf->text, pf->capcid * sizeof *pf->text);
  pf->width = jb_xrealloc(pf->width, pf->capcid * sizeof *pf->width);
  pf->text[c] = text;
  pf->width[c] = width;
  jb_hmap_put(&pf->cids, h, c);
  return c;
}

/* ---- objects ------------------------------------------------------------- */

static HPDF_Dict
new_dict(writer *w)
{
  HPDF_Dict d = HPDF_Dict_New(w->pdf->mmgr);
  if (d)
    HPDF_Xref_Add(w->pdf->xref, d);
  return d;
}

/* libharu deflates streams with zlib at level 6 as it saves, which took a
 * third of a run on the seeds. So streams are deflated here, with
 * libdeflate at level 1 (measured on this report's font files and pages:
 * 2-3x faster than zlib's level 1 and 2-12 % smaller), stored as they are
 * (filter none), and the /Filter entry that libharu then leaves out is
 * written by this hook. */
#define DEFLATE_LEVEL 1
static HPDF_STATUS
write_flate_filter(HPDF_Dict dict, HPDF_Stream stream)
{
  (void)dict;
  return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

/* Deflate data[0..n) into *z (grown as needed); 0 when it did not fit. */
static size_t
deflate_into(struct libdeflate_compressor *zc, const void *data, size_t n, unsigned char **z,
             size_t *zcap)
{
  size_t cap = libdeflate_zlib_compress_bound(zc, n);
  if (*zcap < cap) {
    *z = jb_xrealloc(*z, cap);
    *zcap = cap;
  }
  return n ? libdeflate_zlib_compress(zc, data, n, *z, cap) : 0;
}

/* Stream d's data: the deflated bytes z[0..zn), or data as it is when
 * deflating failed. */
static void
put_stream_data(HPDF_Dict d, const void *data, size_t n, const unsigned char *z, size_t zn)
{
  d->filter = HPDF_STREAM_FILTER_NONE;
  if (zn) {
    d->write_fn = write_flate_filter;
    HPDF_Stream_Write(d->stream, z, (HPDF_UINT)zn);
  } else if (n) {
    HPDF_Stream_Write(d->stream, (const HPDF_BYTE *)data, (HPDF_UINT)n);
  }
}

static void
put_deflated(writer *w, HPDF_Dict d, const void *data, size_t n)
{
  size_t zn = deflate_into(w->zc, data, n, &w->zbuf, &w->zcap);
  put_stream_data(d, data, n, w->zbuf, zn);
}

static HPDF_Dict
new_stream(writer *w, const void *data, size_t n)
{
  HPDF_Dict d = HPDF_DictStream_New(w->pdf->mmgr, w->pdf->xref);
  if (!d)
    return NULL;
  put_deflated(w, d, data, n);
  return d;
}

/* The Type0 font for role, created empty on first use; filled by
 * finish_font once every CID is known. */
static HPDF_Dict
font_dict(writer *w, int role)
{
  pfont *pf = &w->fonts[role];
  if (!pf->type0)
    pf->type0 = new_dict(w);
  return pf->type0;
}

static void
hex4(jb_buf *b, uint32_t v)
{
  static const char hx[] = "0123456789ABCDEF";
  char s[4] = {hx[(v >> 12) & 15], hx[(v >> 8) & 15], hx[(v >> 4) & 15], hx[v & 15]};
  jb_buf_put(b, s, 4);
}

/* Two bytes inside a literal string: half the size of hex in the content
 * streams, which is less to format and to deflate. Only ( ) \ and CR
 * need escaping (a bare CR would be read as a line end). */
static void
lit_byte(jb_buf *b, unsigned char c)
{
  if (c == '(' || c == ')' || c == '\\' || c == '\r')
    jb_buf_putc(b, '\\');
  jb_buf_putc(b, c == '\r' ? 'r' : (char)c);
}

static void
lit2(jb_buf *b, uint32_t v)
{
  lit_byte(b, (unsigned char)(v >> 8));
  lit_byte(b, (unsigned char)v);
}

/* Text as UTF-16BE code units, each written by put (hex4 or lit2). */
static void
utf16_put(jb_buf *b, jb_str text, void (*put)(jb_buf *, uint32_t))
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

static void
tounicode(writer *w, pfont *pf, jb_buf *b)
{
  (void)w;
  jb_buf_puts(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                 "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                 "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                 "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
  size_t c = 1;
  while (c < pf->ncid) {
    size_t end = c, count = 0;
    while (end < pf->ncid && count < TOUNICODE_CHUNK) {
      if (pf->text[end].n)
        count++;
      end++;
    }
    if (count) {
      jb_buf_printf(b, "%zu beginbfchar\n", count);
      for (size_t k = c; k < end; k++) {
        if (!pf->text[k].n)
          continue;
        jb_buf_putc(b, '<');
        hex4(b, (uint32_t)k);
        jb_buf_puts(b, "> <");
        utf16_put(b, pf->text[k], hex4);
        jb_buf_puts(b, ">\n");
      }
      jb_buf_puts(b, "endbfchar\n");
    }
    c = end;
  }
  jb_buf_puts(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
}

static int
cmp_u32(const void *a, const void *b)
{
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

/* Subset tag: six capitals from a hash of the glyph set, so the same
 * glyphs give the same name (reproducible output). */
static void
subset_tag(const uint32_t *gids, size_t n, const char *name, char tag[7])
{
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < n; i++) {
    h ^= gids[i];
    h *= 0x100000001b3ull;
  }
  for (const char *p = name; *p; p++) {
    h ^= (unsigned char)*p;
    h *= 0x100000001b3ull;
  }
  for (int i = 0; i < 6; i++) {
    tag[i] = (char)('A' + h % 26);
    h /= 26;
  }
  tag[6] = '\0';
}

/* Subset one face to the glyphs the layout uses (plus .notdef). Runs in
 * its own thread while the pages are written: a plan costs about 3 ms per
 * face whatever its size. GSUB/GPOS are not needed once text is
 * positioned, and dropping them stops layout closure growth. */
static void *
subset_face(void *arg)
{
  subset_job *job = arg;
  hb_subset_input_t *in = hb_subset_input_create_or_fail();
  if (!in)
    return NULL;
  hb_set_union(hb_subset_input_glyph_set(in), job->gids);
  hb_set_clear(hb_subset_input_unicode_set(in));
  hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
  static const char *const dropped[] = {"GSUB", "GPOS", "GDEF", "BASE", "STAT",
                                        "vhea", "vmtx", "VORG", "DSIG", NULL};
  for (int i = 0; dropped[i]; i++)
    hb_set_add(drop, HB_TAG(dropped[i][0], dropped[i][1], dropped[i][2], dropped[i][3]));
  hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
  job->plan = hb_subset_plan_create_or_fail(job->face, in);
  hb_subset_input_destroy(in);
  job->result = job->plan ? hb_subset_plan_execute_or_fail(job->plan) : NULL;
  if (!job->result)
    return NULL;
  /* Serialise and deflate here too: that is most of the cost. */
  job->blob = hb_face_reference_blob(job->result);
  unsigned n;
  const char *data = hb_blob_get_data(job->blob, &n);
  struct libdeflate_compressor *zc = libdeflate_alloc_compressor(DEFLATE_LEVEL);
  if (!zc)
    return NULL;
  size_t zcap = 0;
  job->zn = deflate_into(zc, data, n, &job->z, &zcap);
  if (!job->zn) {
    free(job->z);
    job->z = NULL;
  }
  libdeflate_free_compressor(zc);
  return NULL;
}

/* Start a subset job for every face the layout uses. */
static void
start_subsets(writer *w, const jb_layout *lay)
{
  for (size_t p = 0; p < lay->npages; p++)
    for (size_t l = 0; l < lay->pages[p].nlines; l++)
      for (size_t r = 0; r < lay->pages[p].lines[l].nruns; r++) {
        const jb_run *run = &lay->pages[p].lines[l].runs[r];
        subset_job *job = &w->jobs[run->font];
        if (!job->gids) {
          job->gids = hb_set_create();
          hb_set_add(job->gids, 0);
        }
        for (size_t g = 0; g < run->nglyphs; g++)
          hb_set_add(job->gids, run->glyphs[g].gid);
      }
  for (int r = 0; r < JB_FONT__COUNT; r++) {
    subset_job *job = &w->jobs[r];
    if (!job->gids)
      continue;
    job->face = w->ctx->fonts->fonts[r].face;
    job->started = pthread_create(&job->thread, NULL, subset_face, job) == 0;
    if (!job->started)
      subset_face(job); /* no thread to be had: do it here */
  }
}

static void
join_subsets(writer *w)
{
  for (int r = 0; r < JB_FONT__COUNT; r++) {
    subset_job *job = &w->jobs[r];
    if (job->started)
      pthread_join(job->thread, NULL);
    job->started = false;
  }
}

static void
free_subsets(writer *w)
{
  join_subsets(w);
  for (int r = 0; r < JB_FONT__COUNT; r++) {
    subset_job *job = &w->jobs[r];
    hb_blob_destroy(job->blob);
    free(job->z);
    hb_face_destroy(job->result);
    hb_subset_plan_destroy(job->plan);
    hb_set_destroy(job->gids);
  }
}

static int
finish_font(writer *w, pfont *pf, subset_job *job)
{
  jb_pos pos = {pf->f->path, 0, 0, 0};
  const jb_font *f = pf->f;
  HPDF_MMgr mm = w->pdf->mmgr;
  float k = 1000.0f / (float)f->upem;
  hb_subset_plan_t *plan = job->plan;
  if (!job->result || !job->blob) {
    jb_diag(&w->ctx->diags, JB_D_PDF, pos, "hb-subset failed");
    return -1;
  }
  const hb_map_t *map = hb_subset_plan_old_to_new_glyph_mapping(plan);
  unsigned blen;
  const char *bdata = hb_blob_get_data(job->blob, &blen);

  /* Name: TAG+PostScriptName. */
  size_t ng = pf->ncid;
  uint32_t *sorted = jb_xmalloc(ng * sizeof *sorted);
  memcpy(sorted, pf->gid, ng * sizeof *sorted);
  qsort(sorted, ng, sizeof *sorted, cmp_u32);
  char tag[7];
  subset_tag(sorted, ng, f->ps_name, tag);
  free(sorted);
  char name[96];
  snprintf(name, sizeof name, "%s+%s", tag, f->ps_name);

  jb_buf b = JB_BUF_INIT;
  /* CIDToGIDMap: two bytes per CID. */
  for (size_t c = 0; c < pf->ncid; c++) {
    uint32_t g = c ? hb_map_get(map, pf->gid[c]) : 0;
    if (g == HB_MAP_VALUE_INVALID)
      g = 0;
    unsigned char two[2] = {(unsigned char)(g >> 8), (unsigned char)g};
    jb_buf_put(&b, two, 2);
  }
  HPDF_Dict c2g = new_stream(w, b.p, b.n);
  jb_buf_reset(&b);
  tounicode(w, pf, &b);
  HPDF_Dict tu = new_stream(w, b.p, b.n);
  jb_buf_free(&b);

  HPDF_Dict file = HPDF_DictStream_New(w->pdf->mmgr, w->pdf->xref);
  if (file) {
    file->filter = HPDF_STREAM_FILTER_NONE;
    if (job->z) {
      file->write_fn = write_flate_filter;
      HPDF_Stream_Write(file->stream, job->z, (HPDF_UINT)job->zn);
    } else {
      HPDF_Stream_Write(file->stream, (const HPDF_BYTE *)bdata, blen);
    }
    HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)blen);
  }
  id_add(w, bdata, blen);

  HPDF_Dict fd = new_dict(w);
  if (!c2g || !tu || !file || !fd)
    return -1;
  HPDF_Dict_AddName(fd, "Type", "FontDescriptor");
  HPDF_Dict_AddName(fd, "FontName", name);
  HPDF_Dict_AddNumber(fd, "Flags", 4);
  HPDF_Array bbox = HPDF_Array_New(mm);
  HPDF_Dict_Add(fd, "FontBBox", bbox);
  for (int i = 0; i < 4; i++)
    HPDF_Array_AddNumber(bbox, (HPDF_INT32)((float)f->bbox[i] * k));
  HPDF_Dict_AddNumber(fd, "ItalicAngle", 0);
  HPDF_Dict_AddNumber(fd, "Ascent", (HPDF_INT32)((float)f->ascent * k));
  HPDF_Dict_AddNumber(fd, "Descent", (HPDF_INT32)((float)f->descent * k));
  HPDF_Dict_AddNumber(fd, "CapHeight", (HPDF_INT32)((float)f->cap_height * k));
  HPDF_Dict_AddNumber(fd, "StemV", 80);
  HPDF_Dict_Add(fd, "FontFile2", file);

  HPDF_Dict cid = new_dict(w);
  HPDF_Dict_AddName(cid, "Type", "Font");
  HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
  HPDF_Dict_AddName(cid, "BaseFont", name);
  HPDF_Dict si = HPDF_Dict_New(mm);
  HPDF_Dict_Add(cid, "CIDSystemInfo", si);
  HPDF_Dict_Add(si, "Registry", HPDF_String_New(mm, "Adobe", NULL));
  HPDF_Dict_Add(si, "Ordering", HPDF_String_New(mm, "Identity", NULL));
  HPDF_Dict_AddNumber(si, "Supplement", 0);
  HPDF_Dict_Add(cid, "FontDescriptor", fd);
  HPDF_Dict_AddNumber(cid, "DW", 1000);
  HPDF_Array W = HPDF_Array_New(mm);
  HPDF_Dict_Add(cid, "W", W);
  HPDF_Array_AddNumber(W, 1);
  HPDF_Array ws = HPDF_Array_New(mm);
  HPDF_Array_Add(W, ws);
  for (size_t c = 1; c < pf->ncid; c++)
    HPDF_Array_AddNumber(ws, pf->width[c]);
  HPDF_Dict_Add(cid, "CIDToGIDMap", c2g);

  HPDF_Dict t0 = pf->type0;
  HPDF_Dict_AddName(t0, "Type", "Font");
  HPDF_Dict_AddName(t0, "Subtype", "Type0");
  HPDF_Dict_AddName(t0, "BaseFont", name);
  HPDF_Dict_AddName(t0, "Encoding", "Identity-H");
  HPDF_Array desc = HPDF_Array_New(mm);
  HPDF_Dict_Add(t0, "DescendantFonts", desc);
  HPDF_Array_Add(desc, cid);
  HPDF_Dict_Add(t0, "ToUnicode", tu);
  return w->error ? -1 : 0;
}

/* ---- content ------------------------------------------------------------- */

static void
put_actual_text(jb_buf *b, jb_str text)
{
  jb_buf_puts(b, "/Span <</ActualText (\xFE\xFF");
  utf16_put(b, text, lit2);
  jb_buf_puts(b, ")>> BDC\n");
}

/* One run as TJ: glyphs advance by their /W widths, and each difference
 * to the laid-out position becomes a TJ adjustment (thousandths of an em,
 * positive to the left). A vertical offset starts a new text matrix. */
static void
put_run(writer *w, HPDF_Page page, const jb_run *r, jb_str line, float *gray)
{
  if (!r->nglyphs)
    return;
  pfont *pf = &w->fonts[r->font];
  jb_buf *b = w->content;
  const char *fname = HPDF_Page_GetLocalFontName(page, (HPDF_Font)font_dict(w, r->font));
  if (!fname)
    return;
  if (r->gray != *gray) {
    jb_buf_num(b, r->gray);
    jb_buf_puts(b, " g\n");
    *gray = r->gray;
  }
  jb_buf_printf(b, "/%s ", fname);
  jb_buf_num(b, r->size);
  jb_buf_puts(b, " Tf\n");
  float k = 1000.0f / (float)pf->f->upem;
  size_t i = 0;
  while (i < r->nglyphs) {
    float dy = r->glyphs[i].y;
    jb_buf_puts(b, "1 0 0 1 ");
    jb_buf_num(b, r->x + r->glyphs[i].x);
    jb_buf_putc(b, ' ');
    jb_buf_num(b, r->y + dy);
    jb_buf_puts(b, " Tm [(");
    float pen = r->glyphs[i].x;
    size_t j = i;
    for (; j < r->nglyphs && r->glyphs[j].y == dy; j++) {
      const jb_glyph *g = &r->glyphs[j];
      float adj = (g->x - pen) * 1000.0f / r->size;
      if (j > i && (adj > 0.05f || adj < -0.05f)) {
        jb_buf_puts(b, ")");
        jb_buf_num(b, -adj);
        jb_buf_puts(b, "(");
      }
      int width = g->adv > 0 ? (int)lroundf(g->adv * 1000.0f / r->size)
                             : (int)lroundf((float)jb_font_advance(pf->f, g->gid) * k);
      jb_str text = jb_str_make(line.p + g->text, g->ntext);
      lit2(b, cid_of(pf, g->gid, width, text));
      pen = g->x + (float)width * r->size / 1000.0f;
    }
    jb_buf_puts(b, ")] TJ\n");
    i = j;
  }
}

static void
put_page(writer *w, HPDF_Page page, const jb_page *pg)
{
  jb_buf *b = w->content;
  jb_buf_reset(b);
  float gray = 0;
  for (size_t l = 0; l < pg->nlines; l++) {
    const jb_pline *ln = &pg->lines[l];
    put_actual_text(b, ln->text);
    jb_buf_puts(b, "BT\n");
    for (size_t r = 0; r < ln->nruns; r++)
      put_run(w, page, &ln->runs[r], ln->text, &gray);
    jb_buf_puts(b, "ET\nEMC\n");
  }
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
  id_add(w, b->p, b->n);
}

/* Pages are formatted here and deflated a batch behind on a second thread
 * (deflate was a quarter of the pdf stage), then stored in order. One
 * batch deflates at a time, so they share the writer's compressor. */
#define PAGE_BATCH 32

typedef struct zbatch {
  struct libdeflate_compressor *zc;
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
    zb->zn[k] = deflate_into(zb->zc, zb->raw[k].p, zb->raw[k].n, &zb->z[k], &zb->zcap[k]);
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
    put_stream_data(attr->contents, zb->raw[k].p, zb->raw[k].n, zb->z[k], zb->zn[k]);
  }
}

static void
put_pages(writer *w, const jb_layout *lay)
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
        put_page(w, w->pages[cur->first + k], &lay->pages[cur->first + k]);
      }
      w->content = NULL;
    }
    if (j > 0)
      zbatch_store(w, prev);
    if (j < nb && w->ctx->threads > 1 && !w->error)
      cur->started = pthread_create(&cur->thread, NULL, zbatch_deflate, cur) == 0;
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

/* ---- navigation ---------------------------------------------------------- */

/* Outline items and link annotations are most of a long briefing's
 * objects (120,000 of 232,000 at 5,000 documents), and libharu spends
 * about 2 KB of memory on each: a 128-byte key per dict entry, an object
 * per name and number, an indirect array per destination. Here each is an
 * empty dict whose write hook writes its entries from a small record, with
 * the destination inline. */
static uint32_t
obj_num(const void *obj)
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
  jb_buf_printf(b, "/Dest [%u 0 R /XYZ 0 ", (unsigned)obj_num(nv->pages[a->page]));
  jb_buf_num(b, a->y + 4);
  jb_buf_puts(b, " null]\n");
}

static void
put_ref(jb_buf *b, const nav *nv, const char *key, uint32_t k)
{
  if (k)
    jb_buf_printf(b, "/%s %u 0 R\n", key, (unsigned)obj_num(nv->objs[k - 1].d));
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
    jb_buf_printf(b, "\n/Border [0 0 0]\n/P %u 0 R\n", (unsigned)obj_num(o->page));
    if (l->dest >= 0) {
      put_dest(b, nv, l->dest);
    } else {
      char *u = uri_ascii(l->uri);
      jb_buf_puts(b, "/A << /Type /Action /S /URI /URI (");
      for (const char *c = u; *c; c++)
        lit_byte(b, (unsigned char)*c);
      jb_buf_puts(b, ") >>\n");
      free(u);
    }
  } else {
    if (o->item) {
      jb_buf_puts(b, "/Title <FEFF");
      utf16_put(b, o->item->title, hex4);
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
  HPDF_Dict d = new_dict(w);
  if (!d)
    return NULL;
  navobj *o = &w->nav.objs[w->nav.n++];
  o->d = d;
  o->nav = &w->nav;
  d->attr = o;
  d->write_fn = write_nav;
  return o;
}

static void
put_links(writer *w, const jb_layout *lay, size_t pi)
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
static void
put_outlines(writer *w, const jb_layout *lay)
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
put_info(writer *w, const jb_layout *lay)
{
  HPDF_SetCurrentEncoder(w->pdf, "UTF-8");
  struct {
    HPDF_InfoType type;
    jb_str value;
  } items[] = {
      {HPDF_INFO_TITLE, lay->title},
      {HPDF_INFO_SUBJECT, lay->subject},
      {HPDF_INFO_KEYWORDS, lay->keywords},
      {HPDF_INFO_AUTHOR, lay->author},
      {HPDF_INFO_CREATOR, JB_STR_LIT("jianbao " JB_VERSION)},
      {HPDF_INFO_PRODUCER, JB_STR_LIT("jianbao " JB_VERSION " with libharu " JB_PDF_LIBHARU)},
  };
  for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
    if (!items[i].value.n)
      continue;
    char *v = jb_xstrndup(items[i].value.p, items[i].value.n);
    HPDF_SetInfoAttr(w->pdf, items[i].type, v);
    free(v);
  }
  time_t t = (time_t)w->ctx->epoch;
  struct tm tm;
  gmtime_r(&t, &tm);
  HPDF_Date d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                 tm.tm_min, tm.tm_sec, '+', 0, 0};
  HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_CREATION_DATE, d);
  HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_MOD_DATE, d);
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

int
jb_pdf_write(jb_ctx *ctx, const jb_layout *lay, const char *file, const char *name)
{
  writer w;
  memset(&w, 0, sizeof w);
  w.ctx = ctx;
  w.id[0] = 0xcbf29ce484222325ull;
  w.id[1] = 0x84222325cbf29ce4ull;
  int rc = -1;
  jb_pos pos = {name, 0, 0, 0};
  w.zc = libdeflate_alloc_compressor(DEFLATE_LEVEL);
  if (!w.zc) {
    jb_diag(&ctx->diags, JB_D_PDF, pos, "cannot allocate the compressor");
    return -1;
  }
  w.pdf = HPDF_New(on_error, &w);
  if (!w.pdf) {
    jb_diag(&ctx->diags, JB_D_PDF, pos, "cannot create the document");
    libdeflate_free_compressor(w.zc);
    return -1;
  }
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
  start_subsets(&w, lay);
  put_pages(&w, lay);
  join_subsets(&w);
  for (int r = 0; r < JB_FONT__COUNT && !w.error; r++) {
    pfont *pf = &w.fonts[r];
    if (pf->type0 && finish_font(&w, pf, &w.jobs[r]) != 0)
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
    put_links(&w, lay, i);
  if (!w.error)
    put_outlines(&w, lay);
  if (lay->front)
    HPDF_AddPageLabel(w.pdf, 0, HPDF_PAGE_NUM_STYLE_LOWER_ROMAN, 1, NULL);
  HPDF_AddPageLabel(w.pdf, (HPDF_UINT)lay->front, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL);
  put_info(&w, lay);
  id_add(&w, lay->title.p, lay->title.n);
  id_add(&w, &ctx->epoch, sizeof ctx->epoch);
  put_id(&w);
  /* /ActualText needs PDF 1.5. */
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
done:
  free_subsets(&w);
  HPDF_Free(w.pdf);
  for (int r = 0; r < JB_FONT__COUNT; r++) {
    free(w.fonts[r].gid);
    free(w.fonts[r].width);
    free(w.fonts[r].text);
    jb_hmap_free(&w.fonts[r].cids);
  }
  free(w.pages);
  free(w.nav.objs);
  jb_buf_free(&w.nav.b);
  free(w.zbuf);
  libdeflate_free_compressor(w.zc);
  return rc;
}
