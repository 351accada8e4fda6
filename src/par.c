/* par.c - see par.h. */
#include "par.h"

#include <pthread.h>
#include <stdbool.h>
#include <string.h>

#define SOURCES_MIN (256u * 1024u) /* bytes of input worth a second thread */

typedef struct job {
  jb_ctx ctx; /* the worker's: its own arena and diagnostics */
  jb_par_fn fn;
  void *arg;
  size_t from, to;
} job;

static void *
run_job(void *p)
{
  job *j = p;
  j->fn(&j->ctx, j->arg, j->from, j->to, 1);
  return NULL;
}

void
jb_par_split(jb_ctx *ctx, size_t n, size_t (*weight)(void *arg, size_t i), size_t min_weight,
             jb_par_fn fn, void *arg)
{
  size_t k = n;
  if (ctx->threads > 1 && n > 1) {
    size_t total = 0, half = 0;
    for (size_t i = 0; i < n; i++)
      total += weight(arg, i);
    if (total >= min_weight)
      for (k = 0; k < n && half * 2 < total; k++)
        half += weight(arg, k);
  }
  job j = {*ctx, fn, arg, k, n};
  pthread_t t;
  bool started = false;
  if (k < n) {
    j.ctx.arena = jb_arena_new();
    memset(&j.ctx.diags, 0, sizeof j.ctx.diags); /* printed when taken */
    started = pthread_create(&t, NULL, run_job, &j) == 0;
    if (!started) {
      jb_arena_free(j.ctx.arena);
      k = n;
    }
  }
  fn(ctx, arg, 0, k, 0);
  if (started) {
    pthread_join(t, NULL);
    jb_arena_adopt(ctx->arena, j.ctx.arena);
    jb_diags_take(&ctx->diags, &j.ctx.diags);
  }
}

/* The sources and the caller's fn, for weighing by source. */
typedef struct by_source {
  const jb_doc *doc;
  jb_par_fn fn;
  void *arg;
} by_source;

static size_t
source_weight(void *arg, size_t k)
{
  const by_source *bs = arg;
  return bs->doc->srcs[k].skipped ? 1 : bs->doc->srcs[k].text.n + 1;
}

static void
source_range(jb_ctx *ctx, void *arg, size_t from, size_t to, int thread)
{
  const by_source *bs = arg;
  bs->fn(ctx, bs->arg, from, to, thread);
}

void
jb_par_sources(jb_ctx *ctx, const jb_doc *doc, jb_par_fn fn, void *arg)
{
  by_source bs = {doc, fn, arg};
  jb_par_split(ctx, doc->nsrcs, source_weight, SOURCES_MIN, source_range, &bs);
}
