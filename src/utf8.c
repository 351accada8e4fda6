/* utf8.c - strict UTF-8 (RFC 3629) and character classes. */
#include "utf8.h"

uint32_t
jb_utf8_decode(const char *s, size_t n, size_t *len)
{
  const unsigned char *u = (const unsigned char *)s;
  *len = 1;
  if (n == 0)
    return JB_UTF8_BAD;
  unsigned char c = u[0];
  if (c < 0x80)
    return c;
  size_t need;
  uint32_t cp, min;
  if (c >= 0xC2 && c <= 0xDF) {
    need = 2;
    cp = c & 0x1F;
    min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 3;
    cp = c & 0x0F;
    min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 4;
    cp = c & 0x07;
    min = 0x10000;
  } else {
    return JB_UTF8_BAD;
  }
  if (n < need)
    return JB_UTF8_BAD;
  for (size_t i = 1; i < need; i++) {
    if ((u[i] & 0xC0) != 0x80)
      return JB_UTF8_BAD;
    cp = (cp << 6) | (u[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return JB_UTF8_BAD;
  *len = need;
  return cp;
}

long
jb_utf8_check(const char *s, size_t n)
{
  size_t i = 0;
  while (i < n) {
    if ((unsigned char)s[i] < 0x80) {
      i++;
      continue;
    }
    size_t len;
    if (jb_utf8_decode(s + i, n - i, &len) == JB_UTF8_BAD)
      return (long)i;
    i += len;
  }
  return -1;
}

size_t
jb_utf8_encode(uint32_t cp, char *out)
{
  unsigned char *o = (unsigned char *)out;
  if (cp < 0x80) {
    o[0] = (unsigned char)cp;
    return 1;
  }
  if (cp < 0x800) {
    o[0] = (unsigned char)(0xC0 | (cp >> 6));
    o[1] = (unsigned char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (unsigned char)(0xE0 | (cp >> 12));
    o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (unsigned char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (unsigned char)(0xF0 | (cp >> 18));
  o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
  o[3] = (unsigned char)(0x80 | (cp & 0x3F));
  return 4;
}

size_t
jb_utf8_count(jb_str s)
{
  size_t k = 0;
  while (s.n) {
    jb_utf8_next(&s);
    k++;
  }
  return k;
}

uint32_t
jb_utf8_last(jb_str s, size_t *len)
{
  if (s.n == 0) {
    if (len)
      *len = 0;
    return 0;
  }
  size_t i = s.n - 1;
  size_t stop = s.n >= 4 ? s.n - 4 : 0;
  while (i > stop && ((unsigned char)s.p[i] & 0xC0) == 0x80)
    i--;
  size_t l;
  uint32_t cp = jb_utf8_decode(s.p + i, s.n - i, &l);
  if (cp == JB_UTF8_BAD || i + l != s.n) {
    if (len)
      *len = 1;
    return JB_UTF8_BAD;
  }
  if (len)
    *len = l;
  return cp;
}

bool
jb_cp_is_han(uint32_t cp)
{
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x20000 && cp <= 0x323AF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x2E80 && cp <= 0x2FDF) || cp == 0x3007;
}

bool
jb_str_has_han(jb_str s)
{
  for (jb_str it = s; it.n;)
    if (jb_cp_is_han(jb_utf8_next(&it)))
      return true;
  return false;
}

bool
jb_cp_is_cjk_punct(uint32_t cp)
{
  return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
         (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
         (cp >= 0xFF5B && cp <= 0xFF65) || (cp >= 0xFE10 && cp <= 0xFE1F) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || cp == 0x2018 || cp == 0x2019 ||
         cp == 0x201C || cp == 0x201D || cp == 0x2014 || cp == 0x2015 ||
         cp == 0x2026 || cp == 0x22EF || cp == 0x2E3A || cp == 0x00B7 ||
         cp == 0x30FB || cp == 0x2027;
}

bool
jb_cp_is_cjk(uint32_t cp)
{
  return jb_cp_is_han(cp) || jb_cp_is_cjk_punct(cp) ||
         (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
         (cp >= 0x3100 && cp <= 0x31BF) || (cp >= 0xFF10 && cp <= 0xFF19) ||
         (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A);
}

bool
jb_cp_is_alnum(uint32_t cp)
{
  return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') ||
         (cp >= 'a' && cp <= 'z');
}

bool
jb_cp_is_space(uint32_t cp)
{
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
         cp == '\v' || cp == 0x3000 || cp == 0x00A0 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F;
}

bool
jb_cp_ends_sentence(uint32_t cp)
{
  return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F;
}

int
jb_cp_cn_digit(uint32_t cp)
{
  static const uint32_t d[] = {0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
                               0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D};
  for (int i = 0; i < 10; i++)
    if (cp == d[i])
      return i;
  return cp == 0x3007 ? 0 : -1;
}

bool
jb_cp_is_cn_numeral(uint32_t cp)
{
  return jb_cp_cn_digit(cp) >= 0 || cp == 0x5341 || cp == 0x767E || cp == 0x5343 ||
         cp == 0x4E24 || cp == 0x5169;
}
