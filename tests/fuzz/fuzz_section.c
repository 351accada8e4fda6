/* fuzz_section.c - libFuzzer target: the sectioner (headings, lists, the
 * run-on slide deck reader, run-on splits) and dedup, after ingest and
 * clean, on any bytes; and the deck reader on the raw text. */
#include <stdint.h>
#include <stdlib.h>

#include "clean.h"
#include "dedup.h"
#include "ingest.h"
#include "section.h"
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
  jb_ingest_text(&ctx, src, jb_arena_strndup(ctx.arena, (const char *)data, size), size);
  jb_clean_run(&ctx, &doc);
  jb_section_run(&ctx, &doc);
  jb_dedup_run(&ctx, &doc);
  jb_doc_check(&doc);
  if (jb_utf8_check((const char *)data, size) < 0) {
    jb_str title;
    jb_deck_item *items;
    jb_section_deck(ctx.arena, jb_str_make((const char *)data, size), &title, &items);
    free(items);
  }
  jb_diags_free(&ctx.diags);
  jb_arena_free(ctx.arena);
  return 0;
}
