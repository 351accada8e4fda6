/* compose.h - stage 6 (SPEC §2.6): the briefing's frame: cover data, one
 * chapter per source ordered by date then name, citation markers, the
 * sources list and the processing appendix. */
#ifndef JB_COMPOSE_H
#define JB_COMPOSE_H

#include "doc.h"

/* Build doc->brief from the sources and the template. Returns 0. */
int jb_compose_run(jb_ctx *ctx, jb_doc *doc);

#endif
