/* html.h - HTML seeds (SPEC §1): bytes in a page's charset to the text the
 * clean stage reads, through the HTML5 parsing algorithm (gumbo), with the
 * metadata the markup states (JSON-LD, Open Graph and article meta,
 * <time>, <h1> and <title>, the canonical link). */
#ifndef JB_HTML_H
#define JB_HTML_H

#include "doc.h"

#define JB_HTML_MAX_DEPTH 512   /* elements nested deeper are not read */
#define JB_HTML_MAX_NODES 2000000 /* a page with more is cut there */
#define JB_HTML_MAX_BYTES (32u << 20) /* larger pages are refused: the parsed
                                         page takes about 17 times its size */

/* Whether a file is HTML: by its name (.html, .htm, .xhtml, .shtml) or by
 * its first markup (a doctype, <html>, <head> or <meta>). */
bool jb_html_sniff(const char *name, const char *bytes, size_t n);

/* Decode and parse src's page and render it as markdown lines into the
 * run's arena: *text and *len get the rendering and src->markup_line the
 * page's line for each rendered line; src->meta gets what the markup
 * states. Returns 0, or -1 when the page cannot be read (reported). */
int jb_html_render(jb_ctx *ctx, jb_source *src, const char *bytes, size_t n, char **text,
                   size_t *len);

/* The charset of a page: a byte order mark, a <meta> declaration in the
 * first kilobytes, valid UTF-8, or the better decoding of GB18030 and
 * Big5-HKSCS. Returns the iconv name, or NULL when it cannot be told;
 * *declared gets the declared label ("" if none). */
const char *jb_html_charset(const char *bytes, size_t n, char declared[32]);

#endif
