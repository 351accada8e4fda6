/* fuzz_ingest.c - libFuzzer target: the ingest stage's byte checks, line
 * splitting, front matter parser and metadata inference on any bytes. */
#include <stdint.h>
#include <stdlib.h>

#include "ingest.h"
#include "meta.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  jb_ctx ctx = {0};
  ctx.arena = jb_arena_new();
  jb_doc doc = {0};
  jb_source *src = JB_PUSH(ctx.arena, doc.srcs, doc.nsrcs, doc.capsrcs);
  src->path = src->name = "fuzz";
  char *text = jb_arena_strndup(ctx.arena, (const char *)data, size);
  jb_ingest_text(&ctx, src, text, size);
  /* The pattern helpers on the raw bytes too, when they are text. */
  if (jb_utf8_check((const char *)data, size) < 0) {
    char date[11];
    jb_str s = jb_str_make((const char *)data, size);
    jb_meta_find_date(s, date);
    jb_meta_find_source(s);
    jb_meta_is_attribution(s);
    jb_meta_byline_fields(s);
    jb_meta_is_date_line(s);
    jb_meta_deck_title(s);
  }
  jb_diags_free(&ctx.diags);
  jb_arena_free(ctx.arena);
  return 0;
}
