/* buf.h - growable byte buffer on the heap, for output being built. */
#ifndef JB_BUF_H
#define JB_BUF_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "str.h"

typedef struct jb_buf {
  char *p;    /* bytes, always NUL-terminated when p != NULL */
  size_t n;   /* length */
  size_t cap; /* capacity */
} jb_buf;

#define JB_BUF_INIT {NULL, 0, 0}

/* Room for extra more bytes and the NUL (the slow path of the puts). */
void jb_buf_grow(jb_buf *b, size_t extra);

/* Inline: content streams and reports are written a byte or a token at a
 * time. */
static inline void
jb_buf_put(jb_buf *b, const void *p, size_t n)
{
  if (b->n + n + 1 > b->cap)
    jb_buf_grow(b, n);
  if (n)
    memcpy(b->p + b->n, p, n);
  b->n += n;
  b->p[b->n] = '\0';
}

static inline void
jb_buf_putc(jb_buf *b, char c)
{
  if (b->n + 2 > b->cap)
    jb_buf_grow(b, 1);
  b->p[b->n++] = c;
  b->p[b->n] = '\0';
}

void jb_buf_puts(jb_buf *b, const char *s);
void jb_buf_put_str(jb_buf *b, jb_str s);
/* Append a code point as UTF-8. */
void jb_buf_put_cp(jb_buf *b, uint32_t cp);
void jb_buf_printf(jb_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* v in decimal; "v 0 R", a PDF reference to object v (no printf: these
 * are written thousands of times a run). */
void jb_buf_uint(jb_buf *b, uint64_t v);
void jb_buf_ref(jb_buf *b, uint64_t obj);
/* Append a number with up to 3 decimals, trailing zeros removed, in C
 * notation whatever the locale (PDF content streams). */
void jb_buf_num(jb_buf *b, double v);
/* The same with up to 5 decimals (a spacing applied after every glyph). */
void jb_buf_num5(jb_buf *b, double v);
/* Append s with its straight double quotes set as curly ones where they
 * pair up in Chinese text ("网络" -> “网络”): an even number of them in s,
 * each pair with Han or CJK punctuation inside or outside. before/after
 * are the code points around s (0 for none). The model keeps the quotes as
 * the page typed them; typesetting and the Traditional edition call this. */
void jb_buf_put_curled(jb_buf *b, jb_str s, uint32_t before, uint32_t after);
/* Append s as a JSON string literal, quotes included. */
void jb_buf_json_str(jb_buf *b, jb_str s);
/* Forget the contents, keep the memory. */
void jb_buf_reset(jb_buf *b);
/* All of the file at path in a heap buffer of *n bytes and a NUL; NULL
 * with errno set when it cannot be read. */
char *jb_read_all(const char *path, size_t *n);
/* Release the memory; the buffer is empty and usable again. */
void jb_buf_free(jb_buf *b);
static inline jb_str
jb_buf_str(const jb_buf *b)
{
  return jb_str_make(b->p, b->n);
}

#endif
