/* fuzz_html.c - libFuzzer target: an HTML page on any bytes: charset
 * detection and decoding, the cut of scripts and comments, the HTML5 parse,
 * JSON-LD, the rendering, and the clean stage on what it gives. */
#include <stdint.h>
#include <stdlib.h>

#include "clean.h"
#include "html.h"
#include "ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  jb_ctx ctx = {0};
  ctx.arena = jb_arena_new();
  ctx.threads = 1;
  jb_doc doc = {0};
  jb_source *src = JB_PUSH(ctx.arena, doc.srcs, doc.nsrcs, doc.capsrcs);
  src->path = src->name = "fuzz.html";
  char *text;
  size_t len;
  if (jb_html_render(&ctx, src, (const char *)data, size, &text, &len) == 0 &&
      jb_ingest_text(&ctx, src, text, len) == 0)
    jb_clean_run(&ctx, &doc);
  jb_diags_free(&ctx.diags);
  jb_arena_free(ctx.arena);
  return 0;
}
