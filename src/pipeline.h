/* pipeline.h - the only place that knows the order of the stages (SPEC §2):
 * it runs them, times them, writes the outputs to temporary files and
 * renames them into place, and writes the build report. */
#ifndef JB_PIPELINE_H
#define JB_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"

typedef struct jb_options {
  const char *const *inputs; /* files or folders; default "seeds" */
  size_t ninputs;
  const char *template_path; /* a file, or a name in the data folders;
                                default "briefing" ("briefing-zh-Hant"
                                with edition zh-Hant) */
  const char *datadir;       /* --datadir, or NULL */
  const char *output;        /* PDF path; default out/briefing.pdf */
  const char *json;          /* build report path, or NULL */
  jb_variant edition;        /* HANS or HANT; UNKNOWN: the template's */
  bool strict;               /* any document error fails the run */
  bool strict_meta;          /* a missing title or date is a document error */
  bool quiet;                /* errors only */
  bool verbose;              /* notes too */
  bool progress;             /* stage names on stderr */
  bool no_wait;              /* fail rather than wait for another run */
  double guard;              /* --guard percent; < 0: the template's */
} jb_options;

/* Run the whole pipeline. Returns the exit status of SPEC §3: 0 when the
 * report was written and every document compiled, 1 when a document was
 * skipped or the run failed (then no output file is touched). */
int jb_pipeline_run(const jb_options *opt);

/* Path of the markdown next to a PDF path: "out/briefing.pdf" ->
 * "out/briefing.md". Caller frees. */
char *jb_pipeline_md_path(const char *pdf_path);

#endif
