/* clean_int.h - shared by the clean stage's files only. The stage works on
 * units, the page's paragraphs (clean_unit.c joins wrapped lines into
 * them): each gets its features and a context-free verdict from the debris
 * families (clean_family.c; the scanner and features are clean_line.c's),
 * then a class; the article is found among them
 * (clean_body.c), its metadata read with evidence (clean_meta.c), and the
 * kept units become blocks of spans (clean.c, clean_norm.c). */
#ifndef JB_CLEAN_INT_H
#define JB_CLEAN_INT_H

#include "buf.h"
#include "clean.h"

typedef enum jb_tok {
  JB_TOK_TEXT,  /* plain text */
  JB_TOK_LINK,  /* [label](url): text is the label with markup removed */
  JB_TOK_IMAGE, /* ![alt](src), or a stray "](url)" */
  JB_TOK_BOLD   /* ** toggles strong emphasis */
} jb_tok;

typedef void (*jb_tok_fn)(void *ud, jb_tok t, jb_str text, jb_str url);

/* Call fn for each inline token of s; depth limits nested link labels. */
void jb_clean_scan(jb_str s, int depth, jb_tok_fn fn, void *ud);
/* Markdown heading level and list marker at the start of a line; returns
 * the rest of the line. */
jb_str jb_clean_block_marks(jb_str t, int *heading, bool *item, int *number);
/* Bytes of a Chinese enumeration mark at the start of t (一、 （一） (一)
 * 第三章 第二节), 0 if none. */
size_t jb_clean_enum_len(jb_str t);
/* Features of a raw line; the visible text (markup removed) is appended to
 * visible when it is not NULL. */
void jb_clean_features(jb_str line, jb_line_info *info, jb_buf *visible);

/* ---- units ----------------------------------------------------------------- */

/* What a unit is, before context. */
typedef enum jb_ucls {
  JB_U_BAD,   /* debris by a context-free rule: drop is set */
  JB_U_META,  /* byline: date, publisher, author, editor */
  JB_U_SHORT, /* short and unpunctuated: heading, caption, menu entry, name */
  JB_U_TEXT,  /* some punctuation: a line of a poem, a short paragraph */
  JB_U_GOOD   /* sentence text: long and punctuated */
} jb_ucls;

enum jb_unit_flags {
  JB_UNIT_HEADING = 1u << 0, /* markdown heading, bold-only or enumerated line */
  JB_UNIT_IMAGE = 1u << 1,   /* images, placeholders or stray marks only: the
                                article flows across it */
  JB_UNIT_BARRIER = 1u << 2, /* heads a comment section, a related list or a
                                notice, or is a footer: the article is not on
                                both sides of it */
  JB_UNIT_END = 1u << 3,     /* closes an article: editor tag, (完) */
  JB_UNIT_SOFT = 1u << 4,    /* debris by weak evidence (a widget word):
                                kept where it sits inside the article */
  JB_UNIT_REPEAT = 1u << 5,  /* other documents of the site repeat it */
  JB_UNIT_BODY = 1u << 6,    /* in the article */
  JB_UNIT_CAPTION = 1u << 7, /* looks like a photo caption or credit */
  JB_UNIT_LISTED = 1u << 8,  /* a list item next to another */
  JB_UNIT_TABLE = 1u << 10,  /* a markdown table: its lines are its rows */
  JB_UNIT_WEAK = 1u << 9     /* dropped for where it stands alone, no named
                                evidence (reported as a warning) */
};

/* A paragraph of the page: one line, or lines a wrap had cut. */
typedef struct jb_unit {
  size_t first, n;        /* its lines: src->lines[first .. first + n) */
  jb_str raw;             /* their text joined and trimmed, markup kept */
  jb_str visible;         /* markup removed */
  jb_line_info in;        /* features of raw */
  jb_drop drop;           /* JB_DROP_NONE while kept */
  const char *why;        /* the rule that dropped it (static text) */
  jb_ucls cls;
  unsigned flags;         /* jb_unit_flags */
  bool blank_before;      /* a blank line (or the start) above it */
  bool blank_after;
} jb_unit;

/* The units of src's lines not dropped yet (front matter), in order, in a
 * heap array the caller frees; the count is returned. */
size_t jb_clean_units(jb_ctx *ctx, const jb_source *src, jb_unit **out);

/* Context-free verdict on a unit from its features and visible text (the
 * debris families of clean_family.c): sets u->drop, u->why and the flags
 * (barrier, end, soft, image, caption, heading). */
void jb_clean_judge(jb_unit *u);

/* What an HTML page's markup says of the unit (its first line's hint),
 * weighed after its class: a caption's markup drops a short unit, other
 * debris markup any unit but sentence text and bylines. */
void jb_clean_hint(jb_unit *u, jb_hint h);

/* A table unit's verdict: a table of pictures or of links is debris (a
 * page's layout), one of text is the article's data. */
void jb_clean_table(jb_unit *u);
/* Cells of a markdown table row ("| a | b |"), escaped pipes kept in
 * them; returns how many (at most max). */
size_t jb_clean_row_cells(jb_str row, jb_str *cells, size_t max);
/* The row is a table's delimiter row: | --- | :-: | */
bool jb_clean_is_delimiter_row(jb_str row);

/* Class of a unit that is not debris, from its features; sets u->cls. */
void jb_clean_class(jb_unit *u);
/* The line is a time and nothing else: 12:30, 01:02:33, 00:00/02:28. */
bool jb_clean_is_clock(jb_str v);

/* ---- the article and its metadata ------------------------------------------- */

/* A source being cleaned. */
typedef struct jb_article {
  jb_source *src;
  jb_unit *u;
  size_t n;
  size_t core0, core1;  /* densest run of text: units [core0, core1] */
  long head;            /* headline over a dated byline that starts the
                           core's article, -1 if none */
  long next_head;       /* the next such headline below the core, -1 */
  size_t top, bottom;   /* the article: units [top, bottom]; the whole
                           page when no sentence text was found */
  long title;           /* unit holding the title, -1 if none */
  long title_end;       /* its last unit (a headline cut into lines) */
  jb_str squeezed;      /* the whole text, spaces removed (title evidence) */
  bool title_weak;      /* the title's evidence is weak */
  bool date_weak;       /* the date comes from the text only */
} jb_article;

/* Find the core of the article (clean_body.c). */
void jb_clean_core(jb_article *art);
/* From the core, find the article's extent and decide every unit inside and
 * outside it; art->title must be set (or -1). */
void jb_clean_body(jb_ctx *ctx, jb_article *art);
/* Choose the title among the units above the core (clean_meta.c): sets
 * art->title and, unless the front matter gave one, src->meta.title. */
void jb_clean_title(jb_ctx *ctx, jb_article *art);
/* Date and publisher from the bylines, datelines, labels, the URL and the
 * site's name, once the article is known. */
void jb_clean_meta(jb_ctx *ctx, jb_article *art);

/* Text with every space removed, in a, for comparisons. */
jb_str jb_clean_squeeze(jb_arena *a, jb_str s);

#endif
