/* diag.h - the diagnostic catalogue and its one reporter. Every message is
 * printed as "jianbao: FILE:LINE:COL: LEVEL: message" and kept for --json. */
#ifndef JB_DIAG_H
#define JB_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Codes ordered by severity; the *_FIRST sentinels mark where each level
 * begins (mandoc-style). Messages live in diag.c. */
typedef enum jb_diag_code {
  JB_D_NOTE_FIRST,
  JB_D_NOTE_TRAD = JB_D_NOTE_FIRST, /* document detected as Traditional */
  JB_D_TRUNCATED,       /* the article's last paragraph stops mid-sentence */
  JB_D_DROPPED_CERTAIN, /* punctuated paragraph dropped by a conclusive rule */
  JB_D_NOTE_WAIT,       /* waiting for another run on the output folder */
  JB_D_NOTE_RECOVER,    /* a killed run's previous files were put back */
  JB_D_NOTE_CHARSET,    /* an HTML page is UTF-8 whatever it declares */
  JB_D_HTML_JSONLD,     /* JSON-LD that does not parse */

  JB_D_WARN_FIRST,
  JB_D_FRONT_UNCLOSED = JB_D_WARN_FIRST, /* front matter never closes */
  JB_D_FRONT_KEY,       /* unknown front matter key */
  JB_D_BAD_DATE,        /* date value is not a date */
  JB_D_NO_TITLE,        /* no title found, file name used */
  JB_D_WEAK_TITLE,      /* title from weak evidence */
  JB_D_NO_DATE,         /* no publication date found */
  JB_D_WEAK_DATE,       /* date taken from the article's text */
  JB_D_NO_SOURCE,       /* no publisher found */
  JB_D_DROPPED_TEXT,    /* punctuated paragraph dropped by a weak rule */
  JB_D_KEPT_APART,      /* punctuated paragraph kept apart from the article */
  JB_D_MISSING_GLYPH,   /* character no configured font has */
  JB_D_ENV,             /* bad environment variable, ignored */
  JB_D_HTML_BYTES,      /* bytes not in the page's charset, replaced */
  JB_D_HTML_LIMIT,      /* a page nested or sized past a limit, cut */
  JB_D_HTML_SCRIPT,     /* a page with scripts and no text */

  JB_D_ERROR_FIRST,
  JB_D_READ = JB_D_ERROR_FIRST, /* cannot read input file */
  JB_D_EMPTY,          /* empty input file */
  JB_D_BINARY,         /* NUL byte: binary file */
  JB_D_UTF8,           /* invalid UTF-8 */
  JB_D_NO_TEXT,        /* nothing left after cleaning */
  JB_D_LONG_LINE,      /* a line longer than any article paragraph */
  JB_D_NOT_FILE,       /* not a regular file */
  JB_D_STRICT_META,    /* --strict-metadata and a title or date is missing */
  JB_D_CONVERT,        /* OpenCC could not convert a document */
  JB_D_CHARSET,        /* an HTML page's charset is unknown */

  JB_D_FATAL_FIRST,
  JB_D_USAGE = JB_D_FATAL_FIRST, /* bad command line */
  JB_D_NO_INPUT,       /* no input documents */
  JB_D_TEMPLATE,       /* template error */
  JB_D_FONT,           /* font cannot be loaded */
  JB_D_OPENCC,         /* OpenCC config cannot be loaded */
  JB_D_PHRASES,        /* bad line in a phrase file */
  JB_D_OUTPUT,         /* output cannot be written */
  JB_D_BUSY,           /* another run holds the output folder */
  JB_D_NOTHING,        /* no document could be compiled */
  JB_D_GUARD,          /* --guard: the new briefing lost too much */
  JB_D_PDF,            /* libharu failure */
  JB_D_STRICT,         /* --strict and a document had an error */
  JB_D__COUNT
} jb_diag_code;

typedef enum jb_severity {
  JB_SEV_NOTE,
  JB_SEV_WARNING,
  JB_SEV_ERROR, /* a document is skipped; the run goes on */
  JB_SEV_FATAL  /* the run stops; nothing is written */
} jb_severity;

/* Where in the input a diagnostic points. Any field may be 0/NULL. */
typedef struct jb_pos {
  const char *file; /* path as given */
  uint32_t line;    /* 1-based, 0 if unknown */
  uint32_t col;     /* 1-based column in code points, 0 if unknown */
  size_t offset;    /* byte offset in the file */
} jb_pos;

typedef struct jb_diag_rec {
  jb_diag_code code;
  jb_severity sev;
  jb_pos pos;
  bool has_offset; /* print "byte N" rather than line/col */
  char *msg;       /* full message, heap; owned by the sink */
} jb_diag_rec;

/* Collects diagnostics for a run and prints them. */
typedef struct jb_diags {
  jb_diag_rec *recs;
  size_t n, cap;
  jb_severity worst;
  bool quiet;   /* print only errors and fatals */
  bool verbose; /* print notes too */
  void *out;    /* FILE * to print to, NULL for none */
} jb_diags;

/* Report a diagnostic; the message is the catalogue text followed by ": "
 * and the formatted detail when fmt is not NULL. */
void jb_diag(jb_diags *d, jb_diag_code code, jb_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* As jb_diag, and the message also gives pos.offset as a byte offset. */
void jb_diag_at(jb_diags *d, jb_diag_code code, jb_pos pos, const char *fmt,
                ...) __attribute__((format(printf, 4, 5)));
jb_severity jb_diag_severity(jb_diag_code code);
const char *jb_diag_message(jb_diag_code code);
const char *jb_diag_level_name(jb_severity sev);
/* Move from's records to the end of d, printing them as d prints (a worker
 * thread reports into its own list, unprinted). */
void jb_diags_take(jb_diags *d, jb_diags *from);
/* Free every record. */
void jb_diags_free(jb_diags *d);

#endif
