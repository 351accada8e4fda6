/* ingest.h - stage 1 (SPEC §2.1): read the seed files, check their bytes,
 * split lines, parse front matter. Metadata the front matter lacks is read
 * from the text by the clean stage, which knows bylines from body text. */
#ifndef JB_INGEST_H
#define JB_INGEST_H

#include "doc.h"

#define JB_INGEST_MAX_FILE (64u << 20) /* bytes; larger files are refused */
#define JB_INGEST_MAX_FILES 100000     /* documents per run */

/* Collect ctx->inputs (files, and folders read in file-name order), read
 * each one into doc->srcs and parse it. A file that cannot be read, is
 * empty, binary or not UTF-8 is reported and marked skipped. Returns 0, or
 * -1 if there is nothing to read at all. */
int jb_ingest_run(jb_ctx *ctx, jb_doc *doc);

/* Parse the bytes of one document (already in the arena) into src: checks,
 * lines, front matter. Returns 0, or -1 if src was skipped. */
int jb_ingest_text(jb_ctx *ctx, jb_source *src, const char *text, size_t n);

#endif
