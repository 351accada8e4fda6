/* fuzz_clean.c - libFuzzer target: the boilerplate classifier, inline
 * markdown and normalisation (clean stage) after ingest, on any bytes.
 * The first byte chooses a URL so the site-template pass runs too. */
#include <stdint.h>
#include <stdlib.h>

#include "clean.h"
#include "ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (!size)
    return 0;
  jb_ctx ctx = {0};
  ctx.arena = jb_arena_new();
  jb_doc doc = {0};
  /* Two documents: the input, and the input again from a byte on, so the
   * cross-document rules see shared lines. */
  size_t cut = data[0] % (size + 1);
  for (int k = 0; k < 2; k++) {
    jb_source *src = JB_PUSH(ctx.arena, doc.srcs, doc.nsrcs, doc.capsrcs);
    src->index = (uint32_t)k;
    src->path = src->name = k ? "fuzz-b" : "fuzz-a";
    const char *p = (const char *)data + (k ? cut : 0);
    size_t n = k ? size - cut : size;
    jb_ingest_text(&ctx, src, jb_arena_strndup(ctx.arena, p, n), n);
    if (data[0] & 1) {
      src->meta.url.value = jb_str_c("https://example.org/a");
      src->meta.url.origin = JB_ORIGIN_FRONT_MATTER;
    }
  }
  jb_clean_run(&ctx, &doc);
  jb_doc_check(&doc);
  jb_diags_free(&ctx.diags);
  jb_arena_free(ctx.arena);
  return 0;
}
