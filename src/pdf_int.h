/* pdf_int.h - shared by the PDF writer's files: pdf.c (the run, objects
 * and streams), pdf_font.c (fonts: CIDs, subsets, ToUnicode), pdf_page.c
 * (content streams), pdf_nav.c (outline, links, document info), pdf_tags.c
 * (the structure tree), pdf_std.c (PDF/A's metadata and output intent). */
#ifndef JB_PDF_INT_H
#define JB_PDF_INT_H

#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <hb-subset.h>
#include <isa-l/igzip_lib.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include "buf.h"
#include "doc.h"
#include "font.h"
#include "hmap.h"
#include "pdf.h"

#if HPDF_MAJOR_VERSION != 2 || HPDF_MINOR_VERSION != 3 || HPDF_BUGFIX_VERSION != 0
#error "the PDF writer relies on libharu 2.3.0's internal object layout"
#endif

#define MAX_CIDS 65535       /* two-byte Identity-H codes */

/* A deflater (pdf.c): its work buffer, used by one thread at a time. */
typedef struct pdf_zip {
  unsigned char level_buf[ISAL_DEF_LVL2_DEFAULT];
} pdf_zip;

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
  uint16_t *natural;   /* per glyph id: its advance in 1/1000 em, + 1 (0: not
                          looked up yet); made on first use */
  uint32_t *recent;    /* per glyph id mod RECENT: the CID it had last (0: none) */
  HPDF_Dict c2g;       /* the CIDToGIDMap, once the font is finished */
} pfont;

#define RECENT 4096

typedef struct subset_job {
  hb_face_t *face;         /* the face to subset (not owned) */
  const char *path;        /* its file */
  hb_set_t *gids;          /* glyphs the layout uses */
  hb_subset_plan_t *plan;  /* results, freed by free_subsets */
  hb_face_t *result;
  hb_blob_t *blob;         /* the subset font file */
  unsigned char *z;        /* and deflated */
  size_t zn;
} subset_job;

/* The faces' subset jobs, largest first, taken in turn by a helper
 * thread and, once its pages are written, by the writer. */
typedef struct subsets {
  subset_job job[JB_FONT__COUNT];
  int order[JB_FONT__COUNT];
  int n;
  atomic_int next; /* the first job of order not yet taken */
  pthread_t thread;
  bool started;
} subsets;

typedef struct navobj {
  HPDF_Dict d;
  struct nav *nav;
  const jb_link *link;       /* a link annotation, or */
  const jb_outline *item;    /* an outline item; neither: the outline root */
  HPDF_Page page;            /* the link's page */
  uint32_t sp;               /* the link's /StructParent + 1; 0 none */
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

/* The structure tree (pdf_tags.c). Content is recorded as it is written,
 * page by page in reading order: each marked-content sequence and link
 * annotation becomes a kid of its element, and an element becomes a kid
 * of its parent when its first content appears. */
typedef enum kid_kind { KID_ELEM, KID_MCR, KID_OBJR } kid_kind;

typedef struct tkid {
  uint32_t owner;      /* element */
  uint32_t value;      /* element, MCID, or nav object index */
  uint32_t page;
  kid_kind kind;
} tkid;

typedef struct telem {
  HPDF_Dict d;
  struct tags *t;
  uint32_t e;
  int page;            /* /Pg: the page of its first MCID; -1 none */
} telem;

typedef struct tlink {
  const navobj *o;     /* the annotation */
  uint32_t elem;       /* its Link element */
} tlink;

/* A node of the parent tree: entries [from, to) of the keys. */
typedef struct tleaf {
  HPDF_Dict d;
  struct tags *t;
  size_t from, to;
  bool root;
} tleaf;

typedef struct tags {
  const jb_layout *lay;
  HPDF_Page *pages;
  tkid *kids;
  size_t nkids, capkids;
  bool *attached;      /* per element */
  telem *el;           /* per element */
  size_t *from;        /* per element + 1: its kids, sorted */
  tkid *sorted;
  uint32_t *mc_owner;  /* MCIDs' elements, page after page */
  size_t nmc, capmc;
  size_t *mc_from;     /* per page + 1: where its MCIDs start in mc_owner */
  HPDF_Dict root;      /* the StructTreeRoot */
  tlink *links;        /* annotations with a /StructParent, in key order */
  size_t nlinks, caplinks;
  uint32_t *keys;      /* parent tree keys: pages with content, then links */
  size_t nkeys;
  tleaf *leaves;
  size_t nleaves;
  jb_buf b;            /* scratch for the write hooks */
} tags;

typedef struct held held; /* a stream's bytes until the save (pdf.c) */

typedef struct writer {
  jb_ctx *ctx;
  uint64_t id[2];      /* content hash for the trailer's /ID */
  HPDF_Doc pdf;
  HPDF_STATUS error;   /* first libharu error */
  HPDF_STATUS detail;
  pfont fonts[JB_FONT__COUNT];
  subsets sub;
  pdf_zip *zc;         /* pages and small streams (the subset helper has its own) */
  unsigned char *zbuf; /* deflate output */
  size_t zcap;
  HPDF_Page *pages;
  jb_buf *content;     /* the page being formatted */
  nav nav;                 /* outline and links */
  tags tags;               /* the structure tree */
  bool pdfa;               /* pdf.standard = pdf/a-2u */
  jb_buf boxes;            /* the page's boxes for glyphs no font has (PDF/A) */
  int *wd;                 /* scratch: the widths of the glyphs of a run's line */
  size_t capwd;
  held **held; /* streams' bytes, freed after the save */
  size_t nheld, capheld;
} writer;

/* The Info dictionary's Creator and Producer (and the XMP's). */
#define PDF_CREATOR "jianbao " JB_VERSION
#define PDF_PRODUCER "jianbao " JB_VERSION " with libharu " JB_PDF_LIBHARU

/* pdf.c */
void pdf_hex4(jb_buf *b, uint32_t v);
void pdf_lit_byte(jb_buf *b, unsigned char c);
void pdf_lit2(jb_buf *b, uint32_t v);
void pdf_utf16_put(jb_buf *b, jb_str text, void (*put)(jb_buf *, uint32_t));
HPDF_STATUS pdf_write_flate_filter(HPDF_Dict dict, HPDF_Stream stream);
void pdf_id_add(writer *w, const void *p, size_t n);
HPDF_Dict pdf_new_dict(writer *w);
pdf_zip *pdf_zip_new(void);
void pdf_zip_free(pdf_zip *zc);
size_t pdf_deflate_into(pdf_zip *zc, const void *data, size_t n, unsigned char **z, size_t *zcap);
typedef enum pdf_hold_mode {
  PDF_COPY, /* the bytes are the caller's to reuse */
  PDF_KEEP, /* they stay until the document is saved */
  PDF_TAKE  /* the writer frees them (malloc'd) */
} pdf_hold_mode;
void pdf_put_stream_data(writer *w, HPDF_Dict d, const void *data, size_t n, const unsigned char *z,
                         size_t zn, pdf_hold_mode mode);
void pdf_put_deflated(writer *w, HPDF_Dict d, const void *data, size_t n);
HPDF_Dict pdf_new_stream(writer *w, const void *data, size_t n);
HPDF_Dict pdf_font_dict(writer *w, int role);

/* pdf_font.c */
uint32_t pdf_cid_of(pfont *pf, uint32_t gid, int width, jb_str text);
void pdf_start_subsets(writer *w, const jb_layout *lay);
void pdf_join_subsets(writer *w);
void pdf_free_subsets(writer *w);
int pdf_finish_font(writer *w, pfont *pf, subset_job *job);

/* pdf_page.c */
void pdf_put_pages(writer *w, const jb_layout *lay);

/* pdf_tags.c */
void pdf_tags_begin(writer *w, const jb_layout *lay);
uint32_t pdf_tag_content(writer *w, size_t page, int elem);
void pdf_tags_page_done(writer *w, size_t page);
void pdf_tag_link(writer *w, navobj *o, int elem, size_t page);
void pdf_tags_finish(writer *w);
void pdf_tags_free(writer *w);

/* pdf_nav.c */
uint32_t pdf_obj_num(const void *obj);
void pdf_put_links(writer *w, const jb_layout *lay, size_t pi);
void pdf_put_outlines(writer *w, const jb_layout *lay);
void pdf_put_info(writer *w, const jb_layout *lay);

/* pdf_std.c */
int pdf_std_finish(writer *w, const jb_layout *lay, jb_pos pos);

#endif
