/* mdout.h - out/briefing.md: the cleaned, structured text of the report as
 * markdown, for review and for diffs in CI (SPEC §2). */
#ifndef JB_MDOUT_H
#define JB_MDOUT_H

#include "buf.h"
#include "doc.h"

/* Render doc->brief as markdown into out; its front matter records the
 * documents and pages (what --guard compares). */
void jb_mdout_render(const jb_doc *doc, size_t pages, size_t documents, jb_buf *out);

#endif
