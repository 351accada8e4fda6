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
#include "doc.h"

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

#define assert_str_equal(s, lit)                                               \
  do {                                                                         \
    jb_str s_ = (s);                                                           \
    const char *l_ = (lit);                                                    \
    if (s_.n != strlen(l_) || memcmp(s_.p, l_, s_.n) != 0)                     \
      fail_msg("got \"%.*s\", expected \"%s\"", (int)s_.n, s_.p ? s_.p : "",   \
               l_);                                                            \
  } while (0)

#endif
