/* pdf_font.c - the PDF writer's fonts: CIDs handed out per (glyph, width,
 * text), subsets made with hb-subset beside the pages, widths and
 * a ToUnicode map that gives every glyph its text. */
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "par.h"
#include "pdf_int.h"
#include "utf8.h"

#define TOUNICODE_CHUNK 100  /* entries per bfchar block (PDF limit) */

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
uint32_t
pdf_cid_of(pfont *pf, uint32_t gid, int width, jb_str text)
{
  if (!pf->ncid) {
    *JB_PUSH_HEAP(pf->gid, pf->ncid, pf->capcid) = 0;
    pf->text = jb_xrealloc(pf->text, pf->capcid * sizeof *pf->text);
    pf->width = jb_xrealloc(pf->width, pf->capcid * sizeof *pf->width);
    pf->text[0] = jb_str_make(NULL, 0);
    pf->width[0] = 1000;
  }
  /* The CID this glyph had last, most often the one wanted. */
  if (!pf->recent)
    pf->recent = jb_xcalloc(RECENT, sizeof *pf->recent);
  uint32_t *slot = &pf->recent[gid % RECENT];
  cid_key key = {pf, gid, width, text};
  if (*slot && same_glyph(&key, *slot))
    return *slot;
  uint64_t h = key_hash(gid, width, text);
  uint32_t found;
  if (jb_hmap_get(&pf->cids, h, same_glyph, &key, &found))
    return *slot = found;
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
  return *slot = c;
}


/* For PDF/A-2u, which wants a Unicode value for every glyph shown: the
 * character the font's cmap maps to each glyph that stands for no text
 * (leader dots, the second glyph of a cluster), U+FFFD when none does. */
static uint32_t *
glyph_chars(const pfont *pf)
{
  size_t need = 0;
  for (size_t c = 1; c < pf->ncid; c++)
    need += !pf->text[c].n;
  if (!need)
    return NULL;
  uint32_t *cp = jb_xcalloc(pf->ncid, sizeof *cp);
  uint32_t *want = jb_xmalloc(need * sizeof *want); /* the CIDs, few */
  size_t nwant = 0;
  for (size_t c = 1; c < pf->ncid; c++)
    if (!pf->text[c].n)
      want[nwant++] = (uint32_t)c;
  FT_Face face = pf->f->ft;
  FT_UInt gi;
  for (FT_ULong u = FT_Get_First_Char(face, &gi); gi && need; u = FT_Get_Next_Char(face, u, &gi))
    for (size_t i = 0; i < nwant; i++)
      if (!cp[want[i]] && pf->gid[want[i]] == gi) {
        cp[want[i]] = (uint32_t)u;
        need--;
      }
  for (size_t i = 0; i < nwant; i++)
    if (!cp[want[i]])
      cp[want[i]] = 0xFFFD;
  free(want);
  return cp;
}

static void
tounicode(writer *w, pfont *pf, jb_buf *b)
{
  uint32_t *chars = w->pdfa ? glyph_chars(pf) : NULL;
  jb_buf_puts(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                 "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                 "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                 "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
  size_t c = 1;
  while (c < pf->ncid) {
    size_t end = c, count = 0;
    while (end < pf->ncid && count < TOUNICODE_CHUNK) {
      if (pf->text[end].n || chars)
        count++;
      end++;
    }
    if (count) {
      jb_buf_printf(b, "%zu beginbfchar\n", count);
      for (size_t k = c; k < end; k++) {
        jb_str text = pf->text[k];
        char u[4];
        if (!text.n && chars)
          text = jb_str_make(u, jb_utf8_encode(chars[k], u));
        if (!text.n)
          continue;
        jb_buf_putc(b, '<');
        pdf_hex4(b, (uint32_t)k);
        jb_buf_puts(b, "> <");
        pdf_utf16_put(b, text, pdf_hex4);
        jb_buf_puts(b, ">\n");
      }
      jb_buf_puts(b, "endbfchar\n");
    }
    c = end;
  }
  jb_buf_puts(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
  free(chars);
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

/* Tables the subset leaves out. */
static const char *const dropped[] = {"GSUB", "GPOS", "GDEF", "BASE", "STAT",
                                      "vhea", "vmtx", "VORG", "DSIG", "cmap", NULL};

typedef struct mapping {
  void *p;
  size_t n;
} mapping;

static void
unmap(void *arg)
{
  mapping *m = arg;
  munmap(m->p, m->n);
  free(m);
}

static uint32_t
be32(const unsigned char *p)
{
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The font file mapped again, privately, with the dropped tables' lengths
 * zeroed in its table directory (one page copied): hb-subset then does not
 * read them. Its plan otherwise maps the whole cmap back to the glyphs
 * (3 ms a face for a CJK font) only for tables that are dropped. NULL
 * when the file is not a single OpenType font: the face is used as is. */
static hb_face_t *
lean_face(const char *path)
{
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return NULL;
  struct stat st;
  void *p = MAP_FAILED;
  if (fstat(fd, &st) == 0 && st.st_size >= 12)
    p = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  close(fd);
  if (p == MAP_FAILED)
    return NULL;
  size_t n = (size_t)st.st_size;
  unsigned char *b = p;
  uint32_t sfnt = be32(b);
  unsigned tables = (unsigned)b[4] << 8 | b[5];
  if ((sfnt != 0x00010000u && sfnt != 0x4F54544Fu /* OTTO */) || 12 + 16 * (size_t)tables > n) {
    munmap(p, n);
    return NULL;
  }
  for (unsigned t = 0; t < tables; t++) {
    unsigned char *rec = b + 12 + 16 * t;
    for (int k = 0; dropped[k]; k++)
      if (!memcmp(rec, dropped[k], 4))
        memset(rec + 12, 0, 4); /* length 0: an empty table */
  }
  mapping *m = jb_xmalloc(sizeof *m);
  m->p = p;
  m->n = n;
  hb_blob_t *blob = hb_blob_create((const char *)p, (unsigned)n, HB_MEMORY_MODE_READONLY, m, unmap);
  hb_face_t *face = hb_face_create(blob, 0);
  hb_blob_destroy(blob);
  return face;
}

/* Subset one face to the glyphs the layout uses (plus .notdef), and
 * deflate it with zc. GSUB/GPOS are not needed once text is positioned,
 * and dropping them stops layout closure growth. */
static void
subset_face(subset_job *job, pdf_zip *zc)
{
  hb_subset_input_t *in = hb_subset_input_create_or_fail();
  if (!in)
    return;
  hb_set_union(hb_subset_input_glyph_set(in), job->gids);
  hb_set_clear(hb_subset_input_unicode_set(in));
  hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (int i = 0; dropped[i]; i++)
    hb_set_add(drop, HB_TAG(dropped[i][0], dropped[i][1], dropped[i][2], dropped[i][3]));
  hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
  hb_face_t *lean = job->path ? lean_face(job->path) : NULL;
  job->plan = hb_subset_plan_create_or_fail(lean ? lean : job->face, in);
  hb_face_destroy(lean); /* the plan holds what it needs */
  hb_subset_input_destroy(in);
  job->result = job->plan ? hb_subset_plan_execute_or_fail(job->plan) : NULL;
  if (!job->result)
    return;
  /* Serialise and deflate here too: that is most of the cost. */
  job->blob = hb_face_reference_blob(job->result);
  unsigned n;
  const char *data = hb_blob_get_data(job->blob, &n);
  size_t zcap = 0;
  job->zn = pdf_deflate_into(zc, data, n, &job->z, &zcap);
  if (!job->zn) {
    free(job->z);
    job->z = NULL;
  }
}

/* Take subset jobs until none is left. */
static void
subset_jobs(subsets *sb, pdf_zip *zc)
{
  for (int i; (i = atomic_fetch_add(&sb->next, 1)) < sb->n;)
    subset_face(&sb->job[sb->order[i]], zc);
}

/* The helper's share, with a deflater of its own. */
static void *
subset_helper(void *arg)
{
  pdf_zip *zc = pdf_zip_new();
  subset_jobs(arg, zc);
  pdf_zip_free(zc);
  return NULL;
}

/* A subset job for every face the layout uses, the largest first, and a
 * helper thread taking them. One helper: on two cores, more threads would
 * only queue behind the largest face while the pages wait. */
void
pdf_start_subsets(writer *w, const jb_layout *lay)
{
  subsets *sb = &w->sub;
  /* A bit per glyph id (TrueType has 65,536 at most) and face, then each
   * face's set in order: hb_set_add per glyph was 0.7 ms on the seeds. */
  enum { WORDS = 65536 / 64 };
  uint64_t *bits = jb_xcalloc((size_t)JB_FONT__COUNT * WORDS, sizeof *bits);
  bool used[JB_FONT__COUNT] = {false};
  for (size_t p = 0; p < lay->npages; p++)
    for (size_t l = 0; l < lay->pages[p].nlines; l++)
      for (size_t r = 0; r < lay->pages[p].lines[l].nruns; r++) {
        const jb_run *run = &lay->pages[p].lines[l].runs[r];
        uint64_t *b = bits + (size_t)run->font * WORDS;
        used[run->font] = true;
        b[0] |= 1; /* .notdef */
        for (size_t g = 0; g < run->nglyphs; g++) {
          uint32_t gid = run->glyphs[g].gid & 0xFFFF;
          b[gid >> 6] |= (uint64_t)1 << (gid & 63);
        }
      }
  uint32_t *ids = jb_xmalloc(65536 * sizeof *ids);
  for (int r = 0; r < JB_FONT__COUNT; r++) {
    if (!used[r])
      continue;
    const uint64_t *b = bits + (size_t)r * WORDS;
    unsigned n = 0;
    for (unsigned i = 0; i < WORDS; i++)
      for (uint64_t word = b[i]; word; word &= word - 1)
        ids[n++] = i * 64 + (unsigned)__builtin_ctzll(word);
    sb->job[r].gids = hb_set_create();
    hb_set_add_sorted_array(sb->job[r].gids, ids, n);
  }
  free(ids);
  free(bits);
  sb->n = 0;
  for (int r = 0; r < JB_FONT__COUNT; r++) {
    subset_job *job = &sb->job[r];
    if (!job->gids)
      continue;
    job->face = w->ctx->fonts->fonts[r].face;
    job->path = w->ctx->fonts->fonts[r].path;
    /* insertion by glyph count, ties in role order */
    unsigned size = hb_set_get_population(job->gids);
    int at = sb->n++;
    while (at > 0 && hb_set_get_population(sb->job[sb->order[at - 1]].gids) < size) {
      sb->order[at] = sb->order[at - 1];
      at--;
    }
    sb->order[at] = r;
  }
  atomic_init(&sb->next, 0);
  if (sb->n && w->ctx->threads > 1)
    sb->started = jb_thread_create(&sb->thread, subset_helper, sb) == 0;
}

static void
join_helper(subsets *sb)
{
  if (sb->started)
    pthread_join(sb->thread, NULL);
  sb->started = false;
}

void
pdf_join_subsets(writer *w)
{
  subset_jobs(&w->sub, w->zc); /* (the pages' deflating is done) */
  join_helper(&w->sub);
}

void
pdf_free_subsets(writer *w)
{
  atomic_store(&w->sub.next, w->sub.n); /* (stopped early: none started now) */
  join_helper(&w->sub);
  for (int r = 0; r < JB_FONT__COUNT; r++) {
    subset_job *job = &w->sub.job[r];
    hb_blob_destroy(job->blob);
    free(job->z);
    hb_face_destroy(job->result);
    hb_subset_plan_destroy(job->plan);
    hb_set_destroy(job->gids);
  }
}

/* The CIDFont's last two entries, written as it is saved: /W, the width
 * of every CID from 1 (as libharu objects, a number object each), and
 * /CIDToGIDMap; the same bytes libharu wrote ("[ 1 [ w w ] ]"). */
static HPDF_STATUS
write_widths(HPDF_Dict d, HPDF_Stream stream)
{
  const pfont *pf = d->attr;
  jb_buf b = JB_BUF_INIT;
  jb_buf_puts(&b, "/W [ 1 [ ");
  for (size_t c = 1; c < pf->ncid; c++) { /* (advances: never negative) */
    jb_buf_uint(&b, (uint64_t)pf->width[c]);
    jb_buf_putc(&b, ' ');
  }
  jb_buf_puts(&b, "] ]\012/CIDToGIDMap ");
  jb_buf_ref(&b, pdf_obj_num(pf->c2g));
  jb_buf_putc(&b, '\012');
  HPDF_STATUS rc = HPDF_Stream_Write(stream, (const HPDF_BYTE *)b.p, (HPDF_UINT)b.n);
  jb_buf_free(&b);
  return rc;
}

int
pdf_finish_font(writer *w, pfont *pf, subset_job *job)
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
  HPDF_Dict c2g = pdf_new_stream(w, b.p, b.n);
  jb_buf_reset(&b);
  tounicode(w, pf, &b);
  HPDF_Dict tu = pdf_new_stream(w, b.p, b.n);
  jb_buf_free(&b);

  HPDF_Dict file = HPDF_DictStream_New(w->pdf->mmgr, w->pdf->xref);
  if (file) {
    /* (the job's bytes are freed after the save) */
    pdf_put_stream_data(w, file, bdata, blen, job->z, job->zn, PDF_KEEP);
    HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)blen);
  }
  pdf_id_add(w, bdata, blen);

  HPDF_Dict fd = pdf_new_dict(w);
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

  HPDF_Dict cid = pdf_new_dict(w);
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
  pf->c2g = c2g;
  cid->attr = pf;
  cid->write_fn = write_widths; /* /W and /CIDToGIDMap */

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
