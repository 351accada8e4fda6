/* conf.h - the template (templates/NAME.conf): "key = value" lines that set the
 * report's title, page, fonts and frame labels (SPEC §4). */
#ifndef JB_CONF_H
#define JB_CONF_H

#include "datadir.h"
#include "diag.h"

/* Every key the template may set; the table in conf.c gives its name, type,
 * default and documentation. */
typedef enum jb_conf_key {
  JB_CONF_TITLE,
  JB_CONF_TITLE_EN,
  JB_CONF_SUBTITLE,
  JB_CONF_SUBTITLE_EN,
  JB_CONF_ORGANISATION,
  JB_CONF_ORGANISATION_EN,
  JB_CONF_PAGE_SIZE,
  JB_CONF_MARGIN_TOP,
  JB_CONF_MARGIN_BOTTOM,
  JB_CONF_MARGIN_INNER,
  JB_CONF_MARGIN_OUTER,
  JB_CONF_FONT_BODY,
  JB_CONF_FONT_BOLD,
  JB_CONF_FONT_HEADING,
  JB_CONF_FONT_SANS,
  JB_CONF_FONT_OTHER,
  JB_CONF_FONT_FALLBACK,
  JB_CONF_SIZE_BODY,
  JB_CONF_SIZE_CHAPTER,
  JB_CONF_SIZE_SECTION,
  JB_CONF_SIZE_SUBSECTION,
  JB_CONF_SIZE_SMALL,
  JB_CONF_LINE_SPACING,
  JB_CONF_LABEL_CONTENTS,
  JB_CONF_LABEL_CONTENTS_EN,
  JB_CONF_LABEL_CHAPTER,
  JB_CONF_LABEL_CHAPTER_EN,
  JB_CONF_LABEL_SOURCES,
  JB_CONF_LABEL_SOURCES_EN,
  JB_CONF_LABEL_APPENDIX,
  JB_CONF_LABEL_APPENDIX_EN,
  JB_CONF_LABEL_SOURCE_COUNT,
  JB_CONF_LABEL_SOURCE_COUNT_EN,
  JB_CONF_LABEL_PUBLISHER,
  JB_CONF_LABEL_PUBLISHED,
  JB_CONF_LABEL_FETCHED,
  JB_CONF_LABEL_PUBLISHER_EN,
  JB_CONF_LABEL_PUBLISHED_EN,
  JB_CONF_LABEL_FETCHED_EN,
  JB_CONF_LABEL_DATE,
  JB_CONF_LABEL_DATE_EN,
  JB_CONF_LABEL_MORE_SOURCES,
  JB_CONF_LABEL_GLOSSARY,
  JB_CONF_LABEL_GLOSSARY_EN,
  JB_CONF_LABEL_GLOSSARY_NOTE,
  JB_CONF_LABEL_TERM,
  JB_CONF_LABEL_OTHER_FORM,
  JB_CONF_LABEL_PINYIN,
  JB_CONF_LABEL_ENGLISH,
  JB_CONF_LABEL_CHAPTERS,
  JB_CONF_LABEL_DOCUMENT,
  JB_CONF_LABEL_SCRIPT,
  JB_CONF_LABEL_CONVERTED,
  JB_CONF_LABEL_DROPPED,
  JB_CONF_LABEL_MERGED,
  JB_CONF_LABEL_SECTIONS,
  JB_CONF_LABEL_APPENDIX_NOTE,
  JB_CONF_LABEL_DROP_REASONS,
  JB_CONF_GLOSSARY,
  JB_CONF_GLOSSARY_TERMS,
  JB_CONF_GLOSSARY_OTHER_FORM,
  JB_CONF_GLOSSARY_DICTIONARY,
  JB_CONF_GLOSSARY_FREQUENCIES,
  JB_CONF_APPENDIX,
  JB_CONF_LABEL_INFERRED,
  JB_CONF_LABEL_INFERRED_EN,
  JB_CONF_EDITION,
  JB_CONF_EDITION_CONFIG,
  JB_CONF_EDITION_QUOTES,
  JB_CONF_CONVERT_CONFIG,
  JB_CONF_CONVERT_PHRASES,
  JB_CONF_EDITION_PHRASES,
  JB_CONF_EDITION_TAI,
  JB_CONF_GUARD,
  JB_CONF_CITATIONS,
  JB_CONF_PDF_STANDARD,
  JB_CONF_PDF_OUTPUT_PROFILE,
  JB_CONF__COUNT
} jb_conf_key;

typedef struct jb_conf jb_conf;

/* Parse the template at path. Every bad line (unknown or repeated key, bad
 * value, missing font file) is reported with the file and line; returns NULL
 * if there was any. A font path set in the template is relative to the
 * template's folder; a default one is looked for in the data folders dd
 * (the working folder when dd is NULL). Caller frees with jb_conf_free. */
jb_conf *jb_conf_load(const char *path, const jb_datadirs *dd, jb_diags *d);
/* Parse template text held in memory; file is the name used in messages and
 * the base for relative font paths (NULL: the current folder). check_files
 * false skips the font file test (fuzzing). */
jb_conf *jb_conf_parse(const char *text, size_t n, const char *file,
                       bool check_files, jb_diags *d);
void jb_conf_free(jb_conf *c);
/* The template at path as the start of a custom one: its own text with
 * file paths made absolute, then every key it leaves out with its default.
 * Appends to out; -1 after reporting a bad template. */
int jb_conf_print_template(const char *path, const jb_datadirs *dd, jb_buf *out, jb_diags *d);

/* Value of a key as text (the default if the template does not set it);
 * owned by c. */
const char *jb_conf_str(const jb_conf *c, jb_conf_key k);
/* Value of a numeric key. */
double jb_conf_num(const jb_conf *c, jb_conf_key k);
/* Name of a key as written in the template. */
const char *jb_conf_key_name(jb_conf_key k);
/* Value of a yes/no key. */
bool jb_conf_bool(const jb_conf *c, jb_conf_key k);
/* Page size in points for the page.size key. */
void jb_conf_page_size(const jb_conf *c, double *w, double *h);

#endif
