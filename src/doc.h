/* doc.h - the document model that passes between the pipeline stages
 * (SPEC §2): sources with their lines, metadata and blocks; the composed
 * briefing; the run context; and the page model that layout hands to pdf.
 * Everything here lives in the run's arena. */
#ifndef JB_DOC_H
#define JB_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "str.h"

typedef struct jb_conf jb_conf;
typedef struct jb_fontset jb_fontset;

/* ---- run context --------------------------------------------------------- */

typedef enum jb_variant {
  JB_VARIANT_UNKNOWN,
  JB_VARIANT_HANS, /* Simplified */
  JB_VARIANT_HANT  /* Traditional */
} jb_variant;

/* The regional standard a Traditional text follows, by its own evidence:
 * its variant forms (著 as a particle, 衞) and words (網路, 香港). */
typedef enum jb_standard {
  JB_STANDARD_NONE,    /* not Traditional */
  JB_STANDARD_GENERIC, /* no regional evidence: OpenCC's t2s */
  JB_STANDARD_TW,      /* Taiwan: tw2s */
  JB_STANDARD_HK       /* Hong Kong: hk2s */
} jb_standard;

typedef enum jb_stage {
  JB_STAGE_INGEST,
  JB_STAGE_CLEAN,
  JB_STAGE_CONVERT,
  JB_STAGE_SECTION,
  JB_STAGE_DEDUP,
  JB_STAGE_GLOSSARY,
  JB_STAGE_COMPOSE,
  JB_STAGE_EDITION, /* the Traditional edition's conversion */
  JB_STAGE_LAYOUT,
  JB_STAGE_PDF,
  JB_STAGE_OUTPUT, /* markdown, JSON and the renames into place */
  JB_STAGE__COUNT
} jb_stage;

#define JB_MAX_THREADS 2 /* layout and pdf split their work in two */

typedef struct jb_ctx {
  jb_arena *arena;            /* owns the model */
  jb_diags diags;             /* every diagnostic of the run */
  const jb_conf *conf;        /* the template */
  jb_fontset *fonts;          /* loaded faces; owned by the pipeline */
  const char *const *inputs;  /* files and folders from the command line */
  size_t ninputs;
  bool strict;                /* a document error fails the run */
  jb_variant edition;         /* variant of the output */
  long long epoch;            /* report date, seconds since 1970 (UTC) */
  bool epoch_from_env;        /* epoch came from SOURCE_DATE_EPOCH */
  double stage_ms[JB_STAGE__COUNT]; /* wall time per stage */
  long stage_kb[JB_STAGE__COUNT];   /* peak resident memory after it, KiB */
  size_t pages;               /* pages of the PDF */
  int threads;                /* threads layout and pdf may use, >= 1 */
  struct jb_preload *preload; /* t2s and the edition's OpenCC being loaded (convert.c) */
  struct jb_lexload *lexload; /* the glossary's lexicon being loaded (glossary.c) */
  struct jb_later *later;     /* work left to a helper, joined at the end (par.c) */
} jb_ctx;

/* ---- sources ------------------------------------------------------------- */

typedef enum jb_origin {
  JB_ORIGIN_NONE,         /* not known */
  JB_ORIGIN_FRONT_MATTER, /* from the file's front matter */
  JB_ORIGIN_MARKUP,       /* stated by an HTML page's markup */
  JB_ORIGIN_INFERRED,     /* recovered from the text */
  JB_ORIGIN_FILE_NAME     /* last resort */
} jb_origin;

typedef struct jb_field {
  jb_str value;     /* empty when origin is NONE */
  jb_str orig;      /* a Traditional source's own value, else empty */
  jb_origin origin;
  uint32_t line;    /* line it came from, 0 if none */
  const char *rule; /* the evidence that gave it (static text), NULL if none */
} jb_field;

typedef struct jb_meta {
  jb_field title;
  jb_field url;
  jb_field source;     /* publisher */
  jb_field date;       /* publication date, YYYY-MM-DD */
  jb_field fetch_date; /* when the page was scraped */
} jb_meta;

/* Why clean dropped a line (named classifier features). */
typedef enum jb_drop {
  JB_DROP_NONE,
  JB_DROP_FRONT_MATTER, /* consumed by the front matter parser */
  JB_DROP_IMAGE,        /* only images */
  JB_DROP_LINK_ONLY,    /* only links and separators */
  JB_DROP_COPYRIGHT,    /* copyright, ICP licence, police record numbers */
  JB_DROP_CHROME,       /* share/QR/subscribe/app UI phrase */
  JB_DROP_MENU,         /* run of short unpunctuated lines (menus, lists) */
  JB_DROP_BYLINE,       /* metadata line: date, source, editor */
  JB_DROP_PUNCT,        /* punctuation or symbols only */
  JB_DROP_TITLE,        /* repeats the document title */
  JB_DROP_NOTICE,       /* block under a notice heading (温馨提示, 最新文档) */
  JB_DROP_OUTSIDE,      /* short line outside the article body */
  JB_DROP_SITE,         /* repeated by other documents of the same site */
  JB_DROP_CAPTION,      /* photo caption or credit */
  JB_DROP_EDITOR,       /* editor tag or end mark: （责任编辑：…）, （完） */
  JB_DROP_RELATED,      /* related-article link or list */
  JB_DROP_COMMENT,      /* comment section */
  JB_DROP_NAV,          /* breadcrumb or location line */
  JB_DROP__COUNT
} jb_drop;

/* What an HTML page's markup says a rendered line is (the clean stage
 * weighs it with the text's own evidence). */
typedef enum jb_hint {
  JB_HINT_NONE,
  JB_HINT_CAPTION, /* <figcaption>, a caption's class, a centred line under a picture */
  JB_HINT_NAV,     /* <nav>, a menu's or breadcrumb's class */
  JB_HINT_ASIDE,   /* <aside>, a sidebar's class */
  JB_HINT_FOOTER,  /* <footer>, a footer's or copyright's class */
  JB_HINT_SHARE,   /* a share bar's or a toolbar's class */
  JB_HINT_COMMENT, /* a comment box's class */
  JB_HINT_RELATED, /* a related or recommended list's class */
  JB_HINT_AD,      /* an advertisement's class */
  JB_HINT__COUNT
} jb_hint;

typedef struct jb_line {
  jb_str text;      /* without the line end */
  uint32_t lineno;  /* 1-based */
  size_t offset;    /* byte offset of the line in the file */
  jb_drop drop;     /* JB_DROP_NONE if kept */
  const char *why;  /* the feature or phrase family that fired, static */
} jb_line;

enum jb_span_flags {
  JB_SPAN_BOLD = 1u << 0, /* strong emphasis */
  JB_SPAN_LINK = 1u << 1, /* text of a link; url set */
  JB_SPAN_CITE = 1u << 2, /* citation marker [n]; target set */
  JB_SPAN_URL = 1u << 3,  /* the text is a URL: may break anywhere */
  JB_SPAN_CELL = 1u << 4, /* starts a table cell (JB_BLOCK_ROW) */
  JB_SPAN_OTHER_FORM = 1u << 5, /* the first cell's word in the other script,
                                  set in font.other; in the zh-Hant edition
                                  the master's form, kept as is by the
                                  edition stage ("—" where they agree) */
  JB_SPAN_EN = 1u << 6,   /* English inside Chinese text (tagged /Lang en) */
  JB_SPAN_LABEL = 1u << 7 /* a list item's bullet or number (tagged Lbl) */
};

typedef struct jb_span {
  jb_str text;
  jb_str orig;     /* a Traditional source's own text before conversion
                      (what the zh-Hant edition prints), else empty */
  jb_str url;      /* JB_SPAN_LINK: where it points */
  unsigned flags;  /* jb_span_flags */
  int target;      /* internal link target (anchor id), -1 if none */
} jb_span;

typedef enum jb_block_kind {
  JB_BLOCK_HEADING, /* section heading; level 1.. */
  JB_BLOCK_PARA,    /* body paragraph */
  JB_BLOCK_ITEM,    /* list item; level = its number, 0 if bulleted */
  JB_BLOCK_META,    /* source line under a chapter title */
  JB_BLOCK_REF,     /* entry of the sources list */
  JB_BLOCK_ROW      /* table row: each JB_SPAN_CELL span starts a cell;
                       level 1 marks the header row */
} jb_block_kind;

enum jb_block_flags {
  JB_BLOCK_DROPPED = 1u << 0,   /* removed (duplicate); see dup_of */
  JB_BLOCK_GENERATED = 1u << 1, /* made by the pipeline, not from input */
  JB_BLOCK_UNMARKED = 1u << 2   /* list item whose text carries its own
                                   marker (一是): none is drawn */
};

typedef enum jb_merge {
  JB_MERGE_NONE,
  JB_MERGE_EXACT,     /* same normalised text */
  JB_MERGE_NEAR,      /* character 3-gram Jaccard >= JB_DEDUP_NEAR */
  JB_MERGE_CONTAINED, /* every sentence is in a fuller paragraph */
  JB_MERGE__COUNT
} jb_merge;

typedef struct jb_block {
  jb_block_kind kind;
  int level;
  unsigned flags;          /* jb_block_flags */
  jb_span *spans;
  size_t nspans, capspans;
  jb_pos pos;              /* where it starts in the input */
  uint32_t src;            /* index of the source it came from */
  uint32_t *cites;         /* sources that carried this text, in order */
  size_t ncites, capcites;
  const struct jb_block *dup_of; /* the kept block, if DROPPED */
  jb_merge merge;          /* how it duplicates dup_of */
  float similarity;        /* Jaccard for NEAR, 1 otherwise */
  int anchor;              /* link target id given by compose, -1 if none */
} jb_block;

typedef struct jb_source {
  uint32_t index;      /* position in input order */
  const char *path;    /* as found */
  const char *name;    /* file name without folders */
  jb_str text;         /* file contents without BOM; an HTML page's rendering */
  const uint32_t *markup_line; /* HTML: the page's line of each rendered line */
  const uint8_t *markup_hint;  /* HTML: the jb_hint of each rendered line */
  size_t markup_lines;
  jb_field markup_site; /* HTML: the site's name the markup states */
  const char *charset;  /* HTML: the charset it was read in, else NULL */
  const char *charset_declared; /* HTML: the label it declares, else NULL */
  jb_field markup_date; /* HTML: a date the markup states in a site's own
                           terms, used where the text gives none */
  jb_line *lines;
  size_t nlines, caplines;
  jb_meta meta;
  jb_block *blocks;
  size_t nblocks, capblocks;
  jb_variant variant;  /* detected */
  jb_standard standard; /* a Traditional document's regional standard */
  const char *opencc;  /* the configuration that made its Simplified text */
  const char *evidence; /* why that standard, for the report */
  size_t han_chars;    /* Han characters before conversion */
  size_t trad_chars;   /* of them, those t2s changes on their own */
  size_t converted;    /* characters changed by conversion */
  size_t mixed;        /* Traditional paragraphs in a Simplified document */
  size_t dropped;      /* lines dropped by clean */
  uint32_t truncated;  /* line of a last paragraph that stops mid-sentence */
  size_t merged;       /* blocks dropped as duplicates */
  bool skipped;        /* a document error removed it from the run */
  uint32_t number;     /* citation number [n] in the report, 1-based */
} jb_source;

/* The line of src's input that its i-th line comes from: for an HTML page,
 * the page's line, else the text's own. */
static inline uint32_t
jb_source_line(const jb_source *src, size_t i)
{
  return src->markup_line && i < src->markup_lines ? src->markup_line[i] : (uint32_t)(i + 1);
}

/* A value the input states outright (front matter or markup). */
static inline bool
jb_origin_stated(jb_origin o)
{
  return o == JB_ORIGIN_FRONT_MATTER || o == JB_ORIGIN_MARKUP;
}

/* ---- the composed briefing ----------------------------------------------- */

typedef enum jb_chapter_kind {
  JB_CHAPTER_SOURCE,   /* one per source document */
  JB_CHAPTER_SOURCES,  /* the sources list */
  JB_CHAPTER_GLOSSARY, /* key terms with pinyin and glosses */
  JB_CHAPTER_APPENDIX  /* processing account */
} jb_chapter_kind;

typedef struct jb_chapter {
  jb_chapter_kind kind;
  jb_str label;       /* "第 1 章"; empty for back matter */
  jb_str label_en;    /* "Chapter 1" */
  jb_str title;       /* Chinese title */
  jb_str title_en;    /* English title, back matter only */
  const jb_source *src; /* JB_CHAPTER_SOURCE */
  jb_block **blocks;  /* in reading order, kept blocks only */
  size_t nblocks, capblocks;
  int anchor;         /* link target id of the chapter start */
} jb_chapter;

typedef struct jb_brief {
  jb_str title, title_en;
  jb_str subtitle, subtitle_en;
  jb_str org, org_en;
  jb_str date;            /* YYYY-MM-DD */
  jb_str count, count_en; /* "5 篇来源", "5 sources" */
  jb_str date_label, date_label_en; /* "编制日期", "Compiled" */
  jb_str keywords, keywords_en; /* the top glossary terms, and their glosses */
  jb_str toc_title, toc_title_en;
  jb_chapter *chapters;
  size_t nchapters, capchapters;
  int nanchors;           /* link targets handed out by compose */
} jb_brief;

/* A key term of the corpus, with its CC-CEDICT entry. */
typedef struct jb_term {
  jb_str simp, trad;  /* trad empty when it is the same */
  jb_str pinyin;      /* tone marks */
  jb_str sortkey;     /* numbered pinyin, for ordering */
  jb_str gloss;       /* first English glosses, "; " between */
  uint32_t *srcs;     /* sources it occurs in (indices), in order */
  size_t nsrcs, capsrcs;
  size_t count;       /* occurrences in the corpus */
  size_t crossing;    /* of them, where it starts inside a number or a
                         date (7日电 read as 7 + 日电) */
  double score;       /* how much more often than in general text */
} jb_term;

typedef struct jb_doc {
  jb_source *srcs;
  size_t nsrcs, capsrcs;
  jb_term *terms;     /* the glossary, in pinyin order */
  size_t words;       /* distinct words the glossary stage counted */
  size_t nterms, capterms;
  jb_brief brief;
} jb_doc;

/* ---- the page model (layout -> pdf) -------------------------------------- */

/* 20 bytes: a long report holds tens of millions of them. */
typedef struct jb_glyph {
  uint16_t gid;  /* glyph id in the font (TrueType has at most 65,535) */
  uint16_t ntext; /* bytes of source text the glyph stands for; 0 for the
                     second and later glyphs of one cluster */
  uint32_t text; /* where that text starts in its line's text */
  float x, y;    /* origin relative to the run origin, points */
  float adv;     /* advance as set, points; 0 for the font's own (a
                    full-width mark at a line end is set half wide) */
} jb_glyph;

/* jb_run.elem besides an element's index (1 and up): */
enum {
  JB_RUN_INHERIT = 0,     /* while set: the element the line is placed in */
  JB_RUN_ARTIFACT = -1,   /* layout artifact (leaders, a repeated table head) */
  JB_RUN_LABEL = -2,      /* while set: a list item's bullet or number */
  JB_RUN_PAGINATION = -3  /* running head or page number */
};

typedef struct jb_run {
  int elem;      /* structure element (jb_layout.elems) or a JB_RUN_ code */
  uint16_t cell; /* a table row's cell it was set in, + 1; 0 none */
  uint16_t link; /* its line's link it shows, + 1; 0 none */
  bool en;       /* English text inside Chinese (a Span with /Lang en) */
  int font;      /* jb_font_role */
  float size;    /* points */
  float x, y;    /* origin of the run on the page, points from bottom left */
  float gray;    /* fill: 0 black .. 1 white */
  jb_glyph *glyphs;
  size_t nglyphs;
} jb_run;

typedef struct jb_pline {
  jb_str text;   /* the line's source text, for /ActualText */
  jb_run *runs;
  size_t nruns, capruns;
} jb_pline;

typedef struct jb_rule {
  float x0, y0, x1, y1; /* a stroked line */
  float width;
} jb_rule;

typedef struct jb_link {
  float x0, y0, x1, y1; /* active rectangle */
  jb_str uri;           /* external target, or */
  int dest;             /* anchor id; -1 for URIs */
  int elem;             /* its Link structure element; 0 until placed */
  bool cite;            /* a citation mark's (tagged Reference) */
} jb_link;

/* Structure elements of the tagged PDF (PDF 1.7 §14.8.4), in reading
 * order of creation within each flow. */
typedef enum jb_tag {
  JB_TAG_DOCUMENT,
  JB_TAG_PART,
  JB_TAG_H1, JB_TAG_H2, JB_TAG_H3, JB_TAG_H4, JB_TAG_H5, JB_TAG_H6,
  JB_TAG_P,
  JB_TAG_L, JB_TAG_LI, JB_TAG_LBODY,
  JB_TAG_TABLE, JB_TAG_TR, JB_TAG_TH, JB_TAG_TD,
  JB_TAG_TOC, JB_TAG_TOCI,
  JB_TAG_LINK, JB_TAG_REFERENCE, JB_TAG_LBL, JB_TAG_SPAN,
  JB_TAG__COUNT
} jb_tag;

typedef struct jb_elem {
  jb_tag tag;
  int parent;    /* element index; -1 for the Document */
  bool en;       /* its text is English (/Lang en) */
  bool column;   /* TH: heads its column (/Scope /Column) */
} jb_elem;

/* The PDF name of a tag ("P", "TOCI"). */
const char *jb_tag_name(jb_tag t);

typedef struct jb_page {
  jb_pline *lines;
  size_t nlines, caplines;
  jb_rule *rules;
  size_t nrules, caprules;
  jb_link *links;
  size_t nlinks, caplinks;
} jb_page;

typedef struct jb_anchor {
  int page;     /* 0-based page index, -1 if not placed */
  float y;      /* top of the target */
} jb_anchor;

typedef struct jb_outline {
  jb_str title;
  int level;    /* 0 = chapter */
  int dest;     /* anchor id */
} jb_outline;

typedef struct jb_layout {
  float width, height; /* page size, points */
  jb_page *pages;
  size_t npages, cappages;
  size_t front;        /* pages before the body (cover, TOC): roman numbers */
  jb_anchor *anchors;
  size_t nanchors, capanchors;
  jb_outline *outlines;
  size_t noutlines, capoutlines;
  jb_str title, subject, keywords, author; /* document info */
  jb_elem *elems;      /* the structure tree; elems[0] is the Document */
  size_t nelems, capelems;
} jb_layout;

/* ---- helpers ------------------------------------------------------------- */

/* Name of a drop reason, as used in the build report. */
const char *jb_drop_name(jb_drop d);
const char *jb_origin_name(jb_origin o);
const char *jb_variant_name(jb_variant v);
const char *jb_standard_name(jb_standard s);
const char *jb_stage_name(jb_stage s);
const char *jb_merge_name(jb_merge m);

/* Append a block to src; returns it zeroed but for src index. */
jb_block *jb_doc_add_block(jb_ctx *ctx, jb_source *src, jb_block_kind kind);
/* Append a span to b. */
jb_span *jb_block_add_span(jb_ctx *ctx, jb_block *b, jb_str text,
                           unsigned flags);
/* Record that source index s carried block b's text (once per source). */
void jb_block_cite(jb_ctx *ctx, jb_block *b, uint32_t s);
/* The text of b: its one span's, or the spans joined in a. */
jb_str jb_block_text(jb_arena *a, const jb_block *b);
/* Check the model's invariants; reports the first violation on stderr and
 * returns false. Used after every stage in test builds. */
bool jb_doc_check(const jb_doc *doc);

#endif
