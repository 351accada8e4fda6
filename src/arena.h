/* arena.h - run-wide bump allocator that owns the document model, plus the
 * aborting malloc wrappers used for everything outside it. */
#ifndef JB_ARENA_H
#define JB_ARENA_H

#include <stddef.h>
#include <string.h>

typedef struct jb_arena jb_arena;

/* Aborting allocators: print to stderr and abort on OOM, never return NULL. */
void *jb_xmalloc(size_t n);
void *jb_xcalloc(size_t count, size_t size);
void *jb_xrealloc(void *p, size_t n);
char *jb_xstrdup(const char *s);
/* Heap copy of s[0..n) with a NUL appended. */
char *jb_xstrndup(const char *s, size_t n);

/* New empty arena; free it with jb_arena_free. */
jb_arena *jb_arena_new(void);
/* Frees every allocation of the arena at once; NULL is a no-op. */
void jb_arena_free(jb_arena *a);
/* Zeroed, 16-byte aligned memory owned by the arena. */
void *jb_arena_alloc(jb_arena *a, size_t n);
/* Resize p (allocated from a with old_n bytes) to new_n bytes; the new tail is
 * zeroed. Extends in place when p is the newest allocation. */
void *jb_arena_grow(jb_arena *a, void *p, size_t old_n, size_t new_n);
/* NUL-terminated copy of s[0..n) in the arena. */
char *jb_arena_strndup(jb_arena *a, const char *s, size_t n);
/* printf into the arena. */
char *jb_arena_printf(jb_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Move every allocation of from into a (from is freed): a worker thread
 * allocates from its own arena, and the results join the run's. */
void jb_arena_adopt(jb_arena *a, jb_arena *from);
/* Bytes handed out so far (for the build report). */
size_t jb_arena_used(const jb_arena *a);

/* Next capacity when an array of capacity cap is full: 2, 4, 8, then 1.5x
 * (most lists in the model hold one to three items). */
size_t jb_grow_cap(size_t cap);

/* Append one zeroed element to the arena array arr holding n elements with
 * capacity cap; evaluates to a pointer to it. arr, n and cap are lvalues. */
#define JB_PUSH(a, arr, n, cap)                                                \
  (((n) == (cap)                                                               \
        ? (void)((arr) = jb_arena_grow((a), (arr), (cap) * sizeof *(arr),      \
                                       jb_grow_cap(cap) * sizeof *(arr)),      \
                 (cap) = jb_grow_cap(cap))                                     \
        : (void)0),                                                            \
   memset(&(arr)[(n)], 0, sizeof *(arr)), &(arr)[(n)++])

/* As JB_PUSH for an array on the heap (jb_xrealloc); free it with free(). */
#define JB_PUSH_HEAP(arr, n, cap)                                              \
  (((n) == (cap)                                                               \
        ? (void)((arr) = jb_xrealloc((arr), jb_grow_cap(cap) * sizeof *(arr)), \
                 (cap) = jb_grow_cap(cap))                                     \
        : (void)0),                                                            \
   memset(&(arr)[(n)], 0, sizeof *(arr)), &(arr)[(n)++])

#endif
