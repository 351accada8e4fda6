/* str.c - helpers on text spans. */
#define _GNU_SOURCE /* memmem */
#include "str.h"

bool
jb_str_eq(jb_str a, jb_str b)
{
  return a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
}

bool
jb_str_eq_c(jb_str a, const char *b)
{
  /* The first byte settles most comparisons against word lists without
   * measuring the word. */
  if (!a.n || a.p[0] != b[0])
    return !a.n && !b[0];
  return jb_str_eq(a, jb_str_c(b));
}

bool
jb_str_ends(jb_str s, const char *suffix)
{
  size_t n = strlen(suffix);
  return s.n >= n && memcmp(s.p + s.n - n, suffix, n) == 0;
}

/* glibc's memmem skips by byte pairs: a memchr for the first byte stops
 * every few bytes in Chinese text, where most characters begin with one
 * of six lead bytes. */
long
jb_str_find_str(jb_str s, jb_str needle)
{
  if (needle.n == 0)
    return 0;
  if (s.n < needle.n)
    return -1; /* also keeps NULL + 0 out of the arithmetic */
  const char *p = memmem(s.p, s.n, needle.p, needle.n);
  return p ? (long)(p - s.p) : -1;
}

long
jb_str_find(jb_str s, const char *needle)
{
  return jb_str_find_str(s, jb_str_c(needle));
}

/* Width in bytes of a white-space sequence at p (ASCII, U+00A0, U+3000). */
static size_t
space_at(const char *p, size_t n)
{
  unsigned char c = (unsigned char)p[0];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v')
    return 1;
  if (n >= 2 && c == 0xC2 && (unsigned char)p[1] == 0xA0)
    return 2;
  if (n >= 3 && c == 0xE3 && (unsigned char)p[1] == 0x80 &&
      (unsigned char)p[2] == 0x80)
    return 3;
  return 0;
}

/* Width in bytes of a white-space sequence ending at p[n-1]. */
static size_t
space_before(const char *p, size_t n)
{
  unsigned char c = (unsigned char)p[n - 1];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v')
    return 1;
  if (n >= 2 && (unsigned char)p[n - 2] == 0xC2 && c == 0xA0)
    return 2;
  if (n >= 3 && (unsigned char)p[n - 3] == 0xE3 &&
      (unsigned char)p[n - 2] == 0x80 && c == 0x80)
    return 3;
  return 0;
}

jb_str
jb_str_trim(jb_str s)
{
  size_t k;
  while (s.n && (k = space_at(s.p, s.n)) != 0) {
    s.p += k;
    s.n -= k;
  }
  while (s.n && (k = space_before(s.p, s.n)) != 0)
    s.n -= k;
  return s;
}

jb_str
jb_str_sub(jb_str s, size_t from, size_t n)
{
  if (from > s.n)
    from = s.n;
  if (n > s.n - from)
    n = s.n - from;
  return jb_str_make(s.p + from, n);
}

jb_str
jb_str_skip(jb_str s, size_t n)
{
  return jb_str_sub(s, n, s.n);
}

bool
jb_str_eq_any(jb_str s, const char *const *list)
{
  for (int k = 0; list[k]; k++)
    if (jb_str_eq_c(s, list[k]))
      return true;
  return false;
}

size_t
jb_str_starts_any(jb_str s, const char *const *list)
{
  for (int k = 0; list[k]; k++)
    if ((!list[k][0] || (s.n && s.p[0] == list[k][0])) && jb_str_starts(s, list[k]))
      return strlen(list[k]);
  return 0;
}

bool
jb_str_ends_any(jb_str s, const char *const *list)
{
  for (int k = 0; list[k]; k++)
    if (jb_str_ends(s, list[k]))
      return true;
  return false;
}

uint64_t
jb_str_hash(jb_str s)
{
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < s.n; i++)
    h = (h ^ (unsigned char)s.p[i]) * 0x100000001b3ull;
  return h ^ (h >> 29);
}

size_t
jb_str_slot(const jb_str *keys, size_t cap, jb_str k)
{
  size_t j = jb_str_hash(k) & (cap - 1);
  while (keys[j].p && !jb_str_eq(keys[j], k))
    j = (j + 1) & (cap - 1);
  return j;
}
