/* testlib.h - shared by the cmocka unit tests: a run context without
 * output, and span assertions. Tests run from the repository root. */
#ifndef JB_TESTLIB_H
#define JB_TESTLIB_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "buf.h"
#include "doc.h"
#include "ingest.h"

static inline jb_ctx *
test_ctx_new(void)
{
  jb_ctx *ctx = jb_xcalloc(1, sizeof *ctx);
  ctx->arena = jb_arena_new();
  ctx->edition = JB_VARIANT_HANS;
  return ctx;
}

static inline void
test_ctx_free(jb_ctx *ctx)
{
  jb_diags_free(&ctx->diags);
  jb_arena_free(ctx->arena);
  free(ctx);
}

/* Number of diagnostics with this code. */
static inline size_t
test_diag_count(const jb_ctx *ctx, jb_diag_code code)
{
  size_t k = 0;
  for (size_t i = 0; i < ctx->diags.n; i++)
    k += ctx->diags.recs[i].code == code;
  return k;
}

/* Add a document of text to doc as ingest would read it. */
static inline jb_source *
test_add_doc(jb_ctx *ctx, jb_doc *doc, const char *name, const char *text)
{
  jb_source *src = JB_PUSH(ctx->arena, doc->srcs, doc->nsrcs, doc->capsrcs);
  src->index = (uint32_t)(doc->nsrcs - 1);
  src->path = src->name = name;
  size_t n = strlen(text);
  jb_ingest_text(ctx, src, jb_arena_strndup(ctx->arena, text, n), n);
  return src;
}

/* The text of s's blocks, one per line (in the arena). */
static inline char *
test_kept(jb_ctx *ctx, const jb_source *s)
{
  jb_buf b = JB_BUF_INIT;
  for (size_t i = 0; i < s->nblocks; i++) {
    jb_buf_put_str(&b, jb_block_text(ctx->arena, &s->blocks[i]));
    jb_buf_putc(&b, '\n');
  }
  char *r = jb_arena_strndup(ctx->arena, b.p ? b.p : "", b.n);
  jb_buf_free(&b);
  return r;
}

#define assert_str_equal(s, lit)                                               \
  do {                                                                         \
    jb_str s_ = (s);                                                           \
    const char *l_ = (lit);                                                    \
    if (s_.n != strlen(l_) || memcmp(s_.p, l_, s_.n) != 0)                     \
      fail_msg("got \"%.*s\", expected \"%s\"", (int)s_.n, s_.p ? s_.p : "",   \
               l_);                                                            \
  } while (0)

#endif
