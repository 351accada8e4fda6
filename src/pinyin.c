/* pinyin.c - pinyin as readers see it: CC-CEDICT's numbered syllables
 * with tone marks. */
#include "pinyin.h"

#include <string.h>

#include "buf.h"

/* The vowel with its four tone marks, lower then upper case. */
static const char *const marks[][5] = {
    {"a", "ā", "á", "ǎ", "à"}, {"e", "ē", "é", "ě", "è"}, {"i", "ī", "í", "ǐ", "ì"},
    {"o", "ō", "ó", "ǒ", "ò"}, {"u", "ū", "ú", "ǔ", "ù"}, {"ü", "ǖ", "ǘ", "ǚ", "ǜ"},
    {"A", "Ā", "Á", "Ǎ", "À"}, {"E", "Ē", "É", "Ě", "È"}, {"O", "Ō", "Ó", "Ǒ", "Ò"},
};

static bool
is_vowel(char c)
{
  return c && strchr("aeiouvAEIOUV", c) != NULL;
}

/* One syllable "lu:4" into b with its tone mark. */
static void
syllable(jb_buf *b, jb_str s)
{
  int tone = 0;
  if (s.n && s.p[s.n - 1] >= '1' && s.p[s.n - 1] <= '5') {
    tone = s.p[s.n - 1] - '0';
    s.n--;
  }
  /* Letters, with ü as 'v' while the mark is placed. */
  char l[16];
  size_t n = 0;
  for (size_t i = 0; i < s.n && n < sizeof l - 1; i++) {
    if (s.p[i] == ':' && n && (l[n - 1] == 'u' || l[n - 1] == 'U'))
      l[n - 1] = 'v';
    else
      l[n++] = s.p[i];
  }
  l[n] = '\0';
  long at = -1;
  if (tone >= 1 && tone <= 4) {
    for (size_t i = 0; i < n && at < 0; i++)
      if (strchr("aAeE", l[i]))
        at = (long)i;
    for (size_t i = 0; i + 1 < n && at < 0; i++)
      if ((l[i] == 'o' || l[i] == 'O') && l[i + 1] == 'u')
        at = (long)i;
    for (size_t i = n; i-- > 0 && at < 0;)
      if (is_vowel(l[i]))
        at = (long)i;
  }
  for (size_t i = 0; i < n; i++) {
    int row = -1;
    if (l[i] == 'v') {
      row = 5; /* ü */
    } else {
      for (size_t r = 0; r < sizeof marks / sizeof marks[0] && row < 0; r++)
        if (r != 5 && marks[r][0][0] == l[i])
          row = (int)r;
    }
    if (row >= 0 && (long)i == at)
      jb_buf_puts(b, marks[row][tone]);
    else if (row == 5)
      jb_buf_puts(b, "ü");
    else
      jb_buf_putc(b, l[i]);
  }
}

jb_str
jb_pinyin_marks(jb_arena *a, jb_str numbered)
{
  jb_buf b = JB_BUF_INIT;
  jb_str rest = jb_str_trim(numbered);
  while (rest.n) {
    size_t k = 0;
    while (k < rest.n && rest.p[k] != ' ')
      k++;
    jb_str tok = jb_str_sub(rest, 0, k);
    rest = jb_str_trim(jb_str_skip(rest, k));
    /* Erhua: "r5" belongs to the syllable before it. */
    if ((jb_str_eq_c(tok, "r5") || jb_str_eq_c(tok, "r")) && b.n) {
      jb_buf_putc(&b, 'r');
      continue;
    }
    if (b.n)
      jb_buf_putc(&b, ' ');
    syllable(&b, tok);
  }
  jb_str out = jb_str_make(jb_arena_strndup(a, b.p ? b.p : "", b.n), b.n);
  jb_buf_free(&b);
  return out;
}
