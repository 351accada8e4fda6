/* clean_norm.c - clean stage: normalisation of text for Chinese typesetting
 * and the inline markdown that becomes spans (SPEC §2.2;
 * research/cleaning.md §3). */
#include <stdlib.h>

#include "buf.h"
#include "clean.h"
#include "clean_int.h"
#include "utf8.h"

/* ---- normalisation ------------------------------------------------------- */

static bool
han_context(uint32_t cp)
{
  return jb_cp_is_han(cp) || (jb_cp_is_cjk_punct(cp) && cp != 0x3000);
}

static uint32_t
fullwidth_of(uint32_t cp)
{
  switch (cp) {
  case ',': return 0xFF0C;
  case ':': return 0xFF1A;
  case ';': return 0xFF1B;
  case '?': return 0xFF1F;
  case '!': return 0xFF01;
  case '(': return 0xFF08;
  case ')': return 0xFF09;
  default: return 0;
  }
}

/* Which code points of cp[0..n) belong to an address (http://…, www.…,
 * up to a space, a Han character or Chinese punctuation) or to code
 * between backticks: punctuation there stays as typed. */
static bool *
url_mask(const uint32_t *cp, size_t n)
{
  bool *m = jb_xcalloc(n + 1, sizeof *m);
  for (size_t i = 0; i < n; i++) {
    if (cp[i] == '`') {
      size_t j = i + 1;
      while (j < n && cp[j] != '`')
        j++;
      if (j < n)
        for (size_t k = i; k <= j; k++)
          m[k] = true;
      i = j;
      continue;
    }
    bool scheme = i + 2 < n && cp[i] == ':' && cp[i + 1] == '/' && cp[i + 2] == '/';
    bool www = i + 3 < n && (i == 0 || !jb_cp_is_alnum(cp[i - 1])) && cp[i] == 'w' &&
               cp[i + 1] == 'w' && cp[i + 2] == 'w' && cp[i + 3] == '.';
    if (!scheme && !www)
      continue;
    size_t a = i;
    while (scheme && a > 0 && cp[a - 1] < 0x80 && jb_cp_is_alnum(cp[a - 1]))
      a--;
    size_t b = i;
    while (b < n && cp[b] != ' ' && !jb_cp_is_han(cp[b]) && !jb_cp_is_cjk_punct(cp[b]))
      b++;
    for (size_t k = a; k < b; k++)
      m[k] = true;
    i = b;
  }
  return m;
}

/* An HTML character reference at the start of s (scraped text keeps
 * some): its length, with the code point in *cp; 0 if none. */
static size_t
c_entity(jb_str s, uint32_t *cp)
{
  static const struct {
    const char *name;
    uint32_t cp;
  } named[] = {{"&nbsp;", 0xA0}, {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'},
               {"&quot;", '"'}, {"&apos;", '\''}, {"&ensp;", ' '}, {"&emsp;", 0x3000},
               {"&middot;", 0xB7}, {"&hellip;", 0x2026}, {"&mdash;", 0x2014},
               {"&ldquo;", 0x201C}, {"&rdquo;", 0x201D}, {"&lsquo;", 0x2018},
               {"&rsquo;", 0x2019}, {"&copy;", 0xA9}};
  if (!s.n || s.p[0] != '&')
    return 0;
  for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
    if (jb_str_starts(s, named[i].name)) {
      *cp = named[i].cp;
      return strlen(named[i].name);
    }
  if (s.n < 4 || s.p[1] != '#')
    return 0;
  bool hex = s.p[2] == 'x' || s.p[2] == 'X';
  uint32_t v = 0;
  size_t i = hex ? 3 : 2, digits = 0;
  for (; i < s.n && digits < 7; i++, digits++) {
    char c = s.p[i];
    int d = c >= '0' && c <= '9' ? c - '0'
            : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
            : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (d < 0)
      break;
    v = v * (hex ? 16 : 10) + (uint32_t)d;
  }
  if (!digits || i >= s.n || s.p[i] != ';' || v == 0 || v > 0x10FFFF ||
      (v >= 0xD800 && v <= 0xDFFF))
    return 0;
  *cp = v;
  return i + 1;
}

jb_str
jb_clean_normalise(jb_arena *a, jb_str s, uint32_t before, uint32_t after)
{
  /* No more code points than bytes: sizing by bytes saves a counting pass. */
  size_t n = s.n;
  uint32_t *cp = jb_xmalloc((n + 1) * sizeof *cp);
  size_t k = 0;
  for (jb_str it = s; it.n;) {
    uint32_t c;
    size_t used = c_entity(it, &c);
    if (used)
      it = jb_str_skip(it, used);
    else
      c = jb_utf8_next(&it);
    /* Invisible characters and controls carry nothing to print. */
    if (c == 0x200B || c == 0x200C || c == 0x200D || c == 0xFEFF ||
        c == 0x2060 || c == 0x00AD || (c < 0x20 && c != '\t') ||
        (c >= 0x7F && c < 0xA0) || c == JB_UTF8_BAD)
      continue;
    /* Full-width ASCII letters and digits become half-width. */
    if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
        (c >= 0xFF41 && c <= 0xFF5A))
      c -= 0xFEE0;
    if (c == '\t' || c == 0x00A0)
      c = ' ';
    /* Runs of spaces collapse to one. */
    if (c == ' ' && k && cp[k - 1] == ' ')
      continue;
    cp[k++] = c;
  }
  n = k;
#define PREV(i) ((i) > 0 ? cp[(i) - 1] : before)
#define NEXT(i) ((i) + 1 < n ? cp[(i) + 1] : after)

  /* Spaced digits in Han context: 于2 0 2 0年 -> 于2020年. */
  for (size_t i = 0; i < n; i++) {
    if (!(cp[i] >= '0' && cp[i] <= '9') || jb_cp_is_alnum(PREV(i)))
      continue;
    size_t j = i, digits = 1;
    while (j + 2 < n && cp[j + 1] == ' ' && cp[j + 2] >= '0' && cp[j + 2] <= '9') {
      j += 2;
      digits++;
    }
    if (digits >= 3 && !jb_cp_is_alnum(NEXT(j)) &&
        (han_context(PREV(i)) || han_context(NEXT(j)))) {
      for (size_t m = i + 1; m < j; m += 2)
        cp[m] = 0; /* marked for removal */
    }
    i = j;
  }

  /* Parentheses: a pair whose content holds Han, or that sits between
   * Han text on both sides (联盟(ITU)、), becomes full-width. */
  for (size_t i = 0; i < n; i++) {
    if (cp[i] != '(')
      continue;
    size_t j = i + 1;
    bool han = false;
    while (j < n && cp[j] != ')' && cp[j] != '(') {
      han |= jb_cp_is_han(cp[j]);
      j++;
    }
    if (j < n && cp[j] == ')' && (han || (han_context(PREV(i)) && han_context(NEXT(j))))) {
      cp[i] = 0xFF08;
      cp[j] = 0xFF09;
    }
  }

  /* , : ; ? ! beside Han: after it (导入,AI; 简称:GDPR), or right before
   * it after a Latin word or a number (导入AI,强化); never between two
   * Latin words or digits (ITU, ISO; 1,000; 3:30), nor in an address. */
  bool *addr = url_mask(cp, n);
  for (size_t i = 0; i < n; i++) {
    uint32_t f = fullwidth_of(cp[i]);
    if (!f || cp[i] == '(' || cp[i] == ')' || addr[i])
      continue;
    uint32_t p = PREV(i), q = NEXT(i);
    bool after_han = han_context(p) && (han_context(q) || q == 0 || q == ' ' ||
                                        jb_cp_is_alnum(q) || q == '"');
    bool before_han = jb_cp_is_alnum(p) && jb_cp_is_han(q);
    if (after_han || before_han) {
      cp[i] = f;
      if (q == ' ' && i + 1 < n)
        cp[i + 1] = 0;
    }
  }
  free(addr);

#undef PREV
#undef NEXT

  jb_buf b = JB_BUF_INIT;
  for (size_t i = 0; i < n; i++)
    if (cp[i])
      jb_buf_put_cp(&b, cp[i]);
  jb_str out = jb_str_make(jb_arena_strndup(a, b.p ? b.p : "", b.n), b.n);
  jb_buf_free(&b);
  free(cp);
  return out;
}

/* ---- inline parse into spans --------------------------------------------- */

typedef struct span_acc {
  jb_ctx *ctx;
  jb_block *b;
  bool bold;
} span_acc;

static void
span_tok(void *ud, jb_tok t, jb_str text, jb_str url)
{
  span_acc *acc = ud;
  switch (t) {
  case JB_TOK_TEXT:
    if (text.n)
      jb_block_add_span(acc->ctx, acc->b, text, acc->bold ? JB_SPAN_BOLD : 0);
    break;
  case JB_TOK_LINK: {
    jb_str label = jb_str_trim(text);
    if (!label.n)
      break;
    jb_str stable = jb_str_make(jb_arena_strndup(acc->ctx->arena, label.p, label.n), label.n);
    jb_span *s = jb_block_add_span(acc->ctx, acc->b, stable,
                                   JB_SPAN_LINK | (acc->bold ? JB_SPAN_BOLD : 0));
    s->url = url;
    break;
  }
  case JB_TOK_IMAGE:
    break;
  case JB_TOK_BOLD:
    acc->bold = !acc->bold;
    break;
  }
}

static uint32_t
first_cp(jb_str s)
{
  return s.n ? jb_utf8_next(&s) : 0;
}

static uint32_t
last_cp(jb_str s)
{
  return jb_utf8_last(s, NULL);
}

void
jb_clean_inline(jb_ctx *ctx, jb_block *b, jb_str line)
{
  span_acc acc = {ctx, b, false};
  size_t first = b->nspans;
  jb_clean_scan(line, 0, span_tok, &acc);
  /* Text split only by removed markup (an image) is one span again. */
  size_t w = first;
  for (size_t i = first; i < b->nspans; i++) {
    jb_span *prev = w > first ? &b->spans[w - 1] : NULL;
    jb_span *cur = &b->spans[i];
    if (prev && prev->flags == cur->flags && !(cur->flags & JB_SPAN_LINK)) {
      prev->text = jb_str_c(jb_arena_printf(ctx->arena, "%.*s%.*s", (int)prev->text.n,
                                            prev->text.p, (int)cur->text.n, cur->text.p));
      continue;
    }
    b->spans[w++] = *cur;
  }
  b->nspans = w;
  /* Normalise with the neighbouring spans as context. */
  for (size_t i = first; i < b->nspans; i++) {
    uint32_t before = i > first ? last_cp(b->spans[i - 1].text) : 0;
    uint32_t after = i + 1 < b->nspans ? first_cp(b->spans[i + 1].text) : 0;
    b->spans[i].text = jb_clean_normalise(ctx->arena, b->spans[i].text, before, after);
  }
  /* Trim the block's ends and drop empty spans. */
  if (b->nspans > first) {
    b->spans[first].text = jb_str_trim(b->spans[first].text);
    b->spans[b->nspans - 1].text = jb_str_trim(b->spans[b->nspans - 1].text);
  }
  w = first;
  for (size_t i = first; i < b->nspans; i++)
    if (b->spans[i].text.n)
      b->spans[w++] = b->spans[i];
  b->nspans = w;
}

