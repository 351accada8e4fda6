/* par.h - splitting a stage's independent work over two threads. The
 * result is the same as on one thread: the worker allocates from an arena
 * of its own and reports into a list of its own, and both join the run's
 * afterwards in index order. */
#ifndef JB_PAR_H
#define JB_PAR_H

#include <pthread.h>
#include <stddef.h>

#include "doc.h"

/* Work on items [from, to) with ctx (the run's on thread 0, the worker's
 * copy on thread 1). */
typedef void (*jb_par_fn)(jb_ctx *ctx, void *arg, size_t from, size_t to, int thread);

/* Run fn over [0, n): the later part, from where the weights reach half
 * their total, on a worker thread. Everything runs here when ctx->threads
 * is 1, when the total weight is below min_weight, or when no thread can
 * be started. weight(arg, i) is item i's share of the work. */
void jb_par_split(jb_ctx *ctx, size_t n, size_t (*weight)(void *arg, size_t i),
                  size_t min_weight, jb_par_fn fn, void *arg);

/* pthread_create for the run's helper threads: a new thread is placed on
 * the cores the caller is not on, where it starts at once (left to the
 * scheduler, it can wait a millisecond or more on the caller's core). */
int jb_thread_create(pthread_t *t, void *(*fn)(void *), void *arg);

/* Called on a helper whose work is wanted later than others': it runs at
 * a lower priority (nice 10), behind them on the spare core. */
void jb_thread_defer(void);

/* Run fn(arg) on a helper thread, or here when there is none: work whose
 * result the run does not wait for (freeing what a stage is done with).
 * jb_later_join waits for all of it. */
void jb_later(jb_ctx *ctx, void (*fn)(void *), void *arg);
void jb_later_join(jb_ctx *ctx);

/* jb_par_split over doc's sources, weighed by the size of their text. */
void jb_par_sources(jb_ctx *ctx, const jb_doc *doc, jb_par_fn fn, void *arg);

#endif
