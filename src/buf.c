/* buf.c - growable byte buffer. */
#include "buf.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <sys/stat.h>

#include "arena.h"
#include "utf8.h"

void
jb_buf_grow(jb_buf *b, size_t extra)
{
  if (b->n + extra + 1 <= b->cap)
    return;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < b->n + extra + 1)
    cap += cap / 2 + 64;
  b->p = jb_xrealloc(b->p, cap);
  b->cap = cap;
}

void
jb_buf_puts(jb_buf *b, const char *s)
{
  jb_buf_put(b, s, strlen(s));
}

void
jb_buf_put_str(jb_buf *b, jb_str s)
{
  jb_buf_put(b, s.p, s.n);
}

void
jb_buf_put_cp(jb_buf *b, uint32_t cp)
{
  char tmp[4];
  jb_buf_put(b, tmp, jb_utf8_encode(cp, tmp));
}

void
jb_buf_printf(jb_buf *b, const char *fmt, ...)
{
  /* Formatted once into the spare room where it fits (most calls): a
   * first pass only to measure costs as much again. */
  jb_buf_grow(b, 64);
  size_t room = b->cap - b->n;
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(b->p + b->n, room, fmt, ap);
  va_end(ap);
  if (n <= 0) {
    b->p[b->n] = '\0';
    return;
  }
  if ((size_t)n >= room) {
    jb_buf_grow(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
    va_end(ap);
  }
  b->n += (size_t)n;
}

void
jb_buf_uint(jb_buf *b, uint64_t v)
{
  char digits[24];
  size_t k = sizeof digits;
  do {
    digits[--k] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  jb_buf_put(b, digits + k, sizeof digits - k);
}

void
jb_buf_ref(jb_buf *b, uint64_t obj)
{
  jb_buf_uint(b, obj);
  jb_buf_put(b, " 0 R", 4);
}

/* v with up to places decimals, trailing zeros removed. Integer
 * arithmetic only: printf's %f follows LC_NUMERIC. */
static void
put_fixed(jb_buf *b, double v, int places)
{
  static const long long unit[] = {1, 10, 100, 1000, 10000, 100000};
  long long m = llround(v * (double)unit[places]);
  if (m < 0) {
    jb_buf_putc(b, '-');
    m = -m;
  }
  jb_buf_uint(b, (uint64_t)(m / unit[places]));
  long long frac = m % unit[places];
  if (frac) {
    char d[8] = {'.'};
    for (int k = places; k >= 1; k--, frac /= 10)
      d[k] = (char)('0' + frac % 10);
    size_t len = (size_t)places + 1;
    while (d[len - 1] == '0')
      len--;
    jb_buf_put(b, d, len);
  }
}

void
jb_buf_num5(jb_buf *b, double v)
{
  put_fixed(b, v, 5);
}

void
jb_buf_num(jb_buf *b, double v)
{
  put_fixed(b, v, 3);
}

void
jb_buf_json_str(jb_buf *b, jb_str s)
{
  jb_buf_putc(b, '"');
  for (size_t i = 0; i < s.n; i++) {
    unsigned char c = (unsigned char)s.p[i];
    switch (c) {
    case '"': jb_buf_puts(b, "\\\""); break;
    case '\\': jb_buf_puts(b, "\\\\"); break;
    case '\n': jb_buf_puts(b, "\\n"); break;
    case '\r': jb_buf_puts(b, "\\r"); break;
    case '\t': jb_buf_puts(b, "\\t"); break;
    default:
      if (c < 0x20)
        jb_buf_printf(b, "\\u%04x", c);
      else
        jb_buf_putc(b, (char)c);
    }
  }
  jb_buf_putc(b, '"');
}

void
jb_buf_reset(jb_buf *b)
{
  b->n = 0;
  if (b->p)
    b->p[0] = '\0';
}

void
jb_buf_free(jb_buf *b)
{
  free(b->p);
  b->p = NULL;
  b->n = b->cap = 0;
}

static bool
han_context(uint32_t cp)
{
  return jb_cp_is_han(cp) || (jb_cp_is_cjk_punct(cp) && cp != 0x3000);
}

void
jb_buf_put_curled(jb_buf *b, jb_str s, uint32_t before, uint32_t after)
{
  size_t quotes = 0;
  for (size_t i = 0; i < s.n; i++)
    quotes += s.p[i] == '"';
  if (!quotes || quotes % 2) {
    jb_buf_put_str(b, s);
    return;
  }
  bool open = true;
  uint32_t prev = before;
  for (jb_str it = s; it.n;) {
    uint32_t cp = jb_utf8_next(&it);
    if (cp != '"') {
      jb_buf_put_cp(b, cp);
      prev = cp;
      continue;
    }
    jb_str ahead = it;
    uint32_t next = it.n ? jb_utf8_next(&ahead) : after;
    uint32_t inside = open ? next : prev, outside = open ? prev : next;
    jb_buf_put_cp(b, han_context(inside) || han_context(outside) ? (open ? 0x201C : 0x201D) : '"');
    open = !open;
    prev = cp;
  }
}

char *
jb_read_all(const char *path, size_t *n)
{
  FILE *f = fopen(path, "rb");
  struct stat st;
  if (!f || fstat(fileno(f), &st) != 0) {
    int e = errno;
    if (f)
      fclose(f);
    errno = e;
    return NULL;
  }
  char *buf = jb_xmalloc((size_t)st.st_size + 1);
  *n = fread(buf, 1, (size_t)st.st_size, f);
  bool bad = ferror(f);
  fclose(f);
  if (bad) {
    free(buf);
    errno = EIO;
    return NULL;
  }
  buf[*n] = '\0';
  return buf;
}
