/* arena.c - bump allocator for the document model. Built with
 * -DJB_ARENA_MALLOC every allocation becomes its own malloc, so ASan and
 * valgrind see overruns inside the arena. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK (256u * 1024u) /* default chunk size */
#define ARENA_ALIGN 16u

typedef struct chunk {
  struct chunk *next;
  size_t size; /* usable bytes after the header */
  size_t used;
  max_align_t data[]; /* aligned payload */
} chunk;

struct jb_arena {
  chunk *head;   /* newest chunk first */
  void *last;    /* newest allocation, for in-place growth */
  size_t last_n; /* its size */
  size_t total;  /* bytes handed out */
};

static void
oom(size_t n)
{
  fprintf(stderr, "jianbao: out of memory (%zu bytes)\n", n);
  abort();
}

void *
jb_xmalloc(size_t n)
{
  void *p = malloc(n ? n : 1);
  if (!p)
    oom(n);
  return p;
}

void *
jb_xcalloc(size_t count, size_t size)
{
  void *p = calloc(count ? count : 1, size ? size : 1);
  if (!p)
    oom(count * size);
  return p;
}

void *
jb_xrealloc(void *p, size_t n)
{
  void *q = realloc(p, n ? n : 1);
  if (!q)
    oom(n);
  return q;
}

char *
jb_xstrdup(const char *s)
{
  size_t n = strlen(s) + 1;
  char *p = jb_xmalloc(n);
  memcpy(p, s, n);
  return p;
}

char *
jb_xstrndup(const char *s, size_t n)
{
  char *p = jb_xmalloc(n + 1);
  if (n)
    memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

size_t
jb_grow_cap(size_t cap)
{
  return cap < 2 ? 2 : cap < 8 ? cap * 2 : cap + cap / 2;
}

jb_arena *
jb_arena_new(void)
{
  return jb_xcalloc(1, sizeof(jb_arena));
}

void
jb_arena_free(jb_arena *a)
{
  if (!a)
    return;
  chunk *c = a->head;
  while (c) {
    chunk *next = c->next;
    free(c);
    c = next;
  }
  free(a);
}


#ifdef JB_ARENA_MALLOC
void *
jb_arena_alloc(jb_arena *a, size_t n)
{
  chunk *c = jb_xcalloc(1, sizeof(chunk) + (n ? n : 1));
  c->size = c->used = n;
  c->next = a->head;
  a->head = c;
  a->total += n;
  a->last = c->data;
  a->last_n = n;
  return c->data;
}

void *
jb_arena_grow(jb_arena *a, void *p, size_t old_n, size_t new_n)
{
  void *q = jb_arena_alloc(a, new_n);
  if (p && old_n)
    memcpy(q, p, old_n < new_n ? old_n : new_n);
  return q;
}
#else
static size_t
align_up(size_t n)
{
  return (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
}

void *
jb_arena_alloc(jb_arena *a, size_t n)
{
  size_t need = align_up(n ? n : 1);
  chunk *c = a->head;
  if (!c || c->size - c->used < need) {
    size_t size = need > ARENA_CHUNK ? need : ARENA_CHUNK;
    c = jb_xmalloc(sizeof(chunk) + size);
    c->size = size;
    c->used = 0;
    if (need > ARENA_CHUNK && a->head) {
      /* A big block goes behind the current chunk so its free tail stays
       * usable. */
      c->next = a->head->next;
      a->head->next = c;
    } else {
      c->next = a->head;
      a->head = c;
    }
  }
  void *p = (char *)c->data + c->used;
  c->used += need;
  memset(p, 0, need);
  a->total += need;
  a->last = p;
  a->last_n = need;
  return p;
}

void *
jb_arena_grow(jb_arena *a, void *p, size_t old_n, size_t new_n)
{
  if (p && p == a->last && a->head &&
      (char *)p + a->last_n == (char *)a->head->data + a->head->used) {
    size_t need = align_up(new_n);
    if (need <= a->last_n) 
      return p;
    size_t extra = need - a->last_n;
    if (a->head->size - a->head->used >= extra) {
      memset((char *)p + a->last_n, 0, extra);
      a->head->used += extra;
      a->total += extra;
      a->last_n = need;
      return p;
    }
  }
  void *q = jb_arena_alloc(a, new_n);
  if (p && old_n)
    memcpy(q, p, old_n < new_n ? old_n : new_n);
  return q;
}
#endif

char *
jb_arena_strndup(jb_arena *a, const char *s, size_t n)
{
  char *p = jb_arena_alloc(a, n + 1);
  if (n)
    memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *
jb_arena_printf(jb_arena *a, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0)
    n = 0;
  char *p = jb_arena_alloc(a, (size_t)n + 1);
  va_start(ap, fmt);
  vsnprintf(p, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return p;
}

void
jb_arena_adopt(jb_arena *a, jb_arena *from)
{
  if (!from)
    return;
  if (from->head) {
    /* Behind a's newest chunk, which keeps growing in place. */
    chunk *tail = from->head;
    while (tail->next)
      tail = tail->next;
    if (a->head) {
      tail->next = a->head->next;
      a->head->next = from->head;
    } else {
      a->head = from->head;
    }
  }
  a->total += from->total;
  free(from);
}

size_t
jb_arena_used(const jb_arena *a)
{
  return a->total;
}
