/* par.c - see par.h. */
#define _GNU_SOURCE
#include "par.h"

#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <sys/resource.h>
#include <stdlib.h>
#include <string.h>

#define SOURCES_MIN (256u * 1024u) /* bytes of input worth a second thread */

typedef struct job {
  jb_ctx ctx; /* the worker's: its own arena and diagnostics */
  jb_par_fn fn;
  void *arg;
  size_t from, to;
} job;

/* A helper thread's start: placed away from its creator, it then takes
 * the creator's cores back, free to be moved where there is room. */
typedef struct start {
  void *(*fn)(void *);
  void *arg;
  cpu_set_t cores;
} start;

static void *
started(void *p)
{
  start s = *(start *)p;
  free(p);
  pthread_setaffinity_np(pthread_self(), sizeof s.cores, &s.cores);
  return s.fn(s.arg);
}

int
jb_thread_create(pthread_t *t, void *(*fn)(void *), void *arg)
{
  start *s = malloc(sizeof *s);
  int here = sched_getcpu();
  pthread_attr_t at;
  if (!s || here < 0 || pthread_getaffinity_np(pthread_self(), sizeof s->cores, &s->cores) != 0 ||
      !CPU_ISSET(here, &s->cores) || CPU_COUNT(&s->cores) < 2 || pthread_attr_init(&at) != 0) {
    free(s);
    return pthread_create(t, NULL, fn, arg);
  }
  s->fn = fn;
  s->arg = arg;
  cpu_set_t away = s->cores;
  CPU_CLR(here, &away);
  pthread_attr_setaffinity_np(&at, sizeof away, &away);
  int rc = pthread_create(t, &at, started, s);
  pthread_attr_destroy(&at);
  if (rc != 0)
    free(s);
  return rc;
}

void
jb_thread_defer(void)
{
  setpriority(PRIO_PROCESS, 0, 10); /* (0: the calling thread) */
}

struct jb_later {
  pthread_t thread;
  void (*fn)(void *);
  void *arg;
  struct jb_later *next;
};

static void *
later_run(void *p)
{
  struct jb_later *l = p;
  l->fn(l->arg);
  return NULL;
}

void
jb_later(jb_ctx *ctx, void (*fn)(void *), void *arg)
{
  struct jb_later *l = jb_xmalloc(sizeof *l);
  l->fn = fn;
  l->arg = arg;
  if (ctx->threads < 2 || jb_thread_create(&l->thread, later_run, l) != 0) {
    free(l);
    fn(arg);
    return;
  }
  l->next = ctx->later;
  ctx->later = l;
}

void
jb_later_join(jb_ctx *ctx)
{
  while (ctx->later) {
    struct jb_later *l = ctx->later;
    pthread_join(l->thread, NULL);
    ctx->later = l->next;
    free(l);
  }
}

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
    if (total >= min_weight) {
      size_t before = 0;
      for (k = 0; k < n && half * 2 < total; k++) {
        before = half;
        half += weight(arg, k);
      }
      /* the cut nearer the middle: before or after the item across it */
      if (k > 1 && total - 2 * before < 2 * half - total)
        k--;
    }
  }
  job j = {*ctx, fn, arg, k, n};
  pthread_t t;
  bool started = false;
  if (k < n) {
    j.ctx.arena = jb_arena_new();
    memset(&j.ctx.diags, 0, sizeof j.ctx.diags); /* printed when taken */
    started = jb_thread_create(&t, run_job, &j) == 0;
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
