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

/* The syllables of numbered pinyin ("Xi1 an1", "r5" joined to the one
 * before): up to max, each a span of numbered; their count. */
static size_t
syllables(jb_str numbered, jb_str *out, size_t max)
{
  size_t n = 0;
  jb_str rest = jb_str_trim(numbered);
  while (rest.n && n < max) {
    size_t k = 0;
    while (k < rest.n && rest.p[k] != ' ')
      k++;
    jb_str tok = jb_str_sub(rest, 0, k);
    rest = jb_str_trim(jb_str_skip(rest, k));
    if ((jb_str_eq_c(tok, "r5") || jb_str_eq_c(tok, "r")) && n) {
      out[n - 1].n = (size_t)(tok.p + tok.n - out[n - 1].p); /* joined: "dian3 r5" */
      continue;
    }
    out[n++] = tok;
  }
  return n;
}

jb_str
jb_pinyin_orthography(jb_arena *a, jb_str numbered, const bool *word_start, bool proper,
                      bool hyphen)
{
  jb_str syl[JB_PINYIN_MAX_SYLLABLES];
  size_t n = syllables(numbered, syl, JB_PINYIN_MAX_SYLLABLES);
  jb_buf b = JB_BUF_INIT;
  for (size_t i = 0; i < n; i++) {
    bool start = i == 0 || word_start[i];
    if (i && start)
      jb_buf_putc(&b, hyphen ? '-' : ' ');
    jb_str t = syl[i];
    /* erhua kept as one token: "dian3 r5" -> "dian3" + "r" */
    long sp = jb_str_find(t, " ");
    jb_str main = sp >= 0 ? jb_str_sub(t, 0, (size_t)sp) : t;
    char low[16];
    size_t m = main.n < sizeof low ? main.n : sizeof low - 1;
    for (size_t k = 0; k < m; k++)
      low[k] = (char)(main.p[k] >= 'A' && main.p[k] <= 'Z' ? main.p[k] + 32 : main.p[k]);
    /* a, o, e starting a syllable inside a word: Xi'an */
    if (!start && m && strchr("aoe", low[0]))
      jb_buf_putc(&b, '\'');
    /* capitals: a proper noun's words, and nothing else */
    if (proper && start && m && low[0] >= 'a' && low[0] <= 'z')
      low[0] = (char)(low[0] - 32);
    syllable(&b, jb_str_make(low, m));
    if (sp >= 0)
      jb_buf_putc(&b, 'r');
  }
  jb_str out = jb_str_make(jb_arena_strndup(a, b.p ? b.p : "", b.n), b.n);
  jb_buf_free(&b);
  return out;
}

size_t
jb_pinyin_count(jb_str numbered)
{
  jb_str syl[JB_PINYIN_MAX_SYLLABLES];
  return syllables(numbered, syl, JB_PINYIN_MAX_SYLLABLES);
}

bool
jb_pinyin_capital(jb_str numbered, size_t i)
{
  jb_str syl[JB_PINYIN_MAX_SYLLABLES];
  size_t n = syllables(numbered, syl, JB_PINYIN_MAX_SYLLABLES);
  return i < n && syl[i].n && syl[i].p[0] >= 'A' && syl[i].p[0] <= 'Z';
}
