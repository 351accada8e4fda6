/* clean_unit.c - clean stage: physical lines to paragraphs ("units"), the
 * blocks the classifier judges. Converters cut paragraphs into lines: w3m,
 * lynx and plain-text feeds wrap at a fixed width, html2text's markdown at
 * spaces, and a line may start with a mark no line can start with. Lines
 * are joined only on that evidence; a blank line, a heading, a list item or
 * an enumeration always starts a new paragraph. */
#include <stdlib.h>

#include "clean_int.h"
#include "utf8.h"

#define WRAP_MIN_COLS 30   /* narrower than this is not a page width */
#define WRAP_MAX_COLS 400  /* a line this wide was never wrapped */
#define WRAP_MAX_CPS 200
#define WRAP_SLACK_COLS 3  /* a wide character or a kinsoku move short */
#define WRAP_SLACK_CPS 2
#define MARKDOWN_MIN_MARKS 2 /* links, emphasis or headings that make markdown */

/* East Asian Wide and Fullwidth characters (UAX #11): two columns in a
 * text browser. Ambiguous ones (curly quotes, …, —, ·) take one there. */
static bool
wide(uint32_t cp)
{
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
         (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

/* Display width and code points of a line, its indentation included. */
static void
measure(jb_str t, size_t *cols, size_t *cps)
{
  size_t w = 0, n = 0;
  for (jb_str it = t; it.n;) {
    uint32_t cp = jb_utf8_next(&it);
    n++;
    w += wide(cp) ? 2 : 1;
  }
  *cols = w;
  *cps = n;
}

static jb_str
rtrim(jb_str s)
{
  for (;;) {
    if (s.n && (s.p[s.n - 1] == ' ' || s.p[s.n - 1] == '\t'))
      s.n--;
    else if (jb_str_ends(s, "\xE3\x80\x80")) /* U+3000 */
      s.n -= 3;
    else if (jb_str_ends(s, "\xC2\xA0")) /* no-break space */
      s.n -= 2;
    else
      return s;
  }
}

/* Marks that end a sentence or a clause a paragraph can end on; after
 * anything else the text goes on. */
static bool
ends_clause(uint32_t cp)
{
  switch (cp) {
  case 0x3002: case 0xFF01: case 0xFF1F: case '!': case '?': case 0x2026:
  case 0xFF1B: case ';': case 0xFF1A: case ':': case 0x201D: case 0x2019:
  case 0x300D: case 0x300F: case 0xFF09: case ')': case 0x3011: case 0x300B:
  case '"': case '\'': case '.': case 0xFF5E: case '~': case 0x2014: case '|':
  case 0xFF5C: case 0x3009:
    return true;
  default:
    return false;
  }
}

/* Marks no line starts with: a line that starts with one continues the
 * line before it. */
static bool
starts_fragment(uint32_t cp)
{
  switch (cp) {
  case 0xFF0C: case 0x3002: case 0x3001: case 0xFF1B: case 0xFF1A: case 0xFF01:
  case 0xFF1F: case 0xFF09: case 0x300D: case 0x300F: case 0x201D: case 0x300B:
  case 0x3011:
    return true;
  default:
    return false;
  }
}

/* A line that starts a block of its own: heading, list item, quote, table
 * row, image, rule, or a Chinese enumeration. */
static bool
starts_block(jb_str t)
{
  int heading, number;
  bool item;
  jb_clean_block_marks(t, &heading, &item, &number);
  if (heading || item)
    return true;
  t = jb_str_trim(t);
  if (!t.n)
    return true;
  char c = t.p[0];
  if (c == '>' || c == '|' || jb_str_starts(t, "![") || jb_str_starts(t, "[!["))
    return true;
  if (c >= '0' && c <= '9') {
    size_t k = 0;
    while (k < t.n && t.p[k] >= '0' && t.p[k] <= '9')
      k++;
    jb_str rest = jb_str_skip(t, k);
    if (k <= 2 && (jb_str_starts(rest, ". ") || jb_str_starts(rest, "、") ||
                   jb_str_starts(rest, "）") || jb_str_starts(rest, ")")))
      return true;
  }
  return jb_clean_enum_len(t) > 0;
}

/* Markdown: inline links, emphasis or heading marks on several lines.
 * There a line break inside a paragraph is a soft wrap. */
static bool
is_markdown(const jb_source *src)
{
  size_t marks = 0;
  for (size_t i = 0; i < src->nlines && marks < MARKDOWN_MIN_MARKS; i++) {
    const jb_line *l = &src->lines[i];
    if (l->drop)
      continue;
    jb_str t = jb_str_trim(l->text);
    marks += jb_str_find(t, "](") >= 0 || jb_str_find(t, "**") >= 0 ||
             (t.n > 2 && t.p[0] == '#' && (t.p[1] == ' ' || t.p[1] == '#'));
  }
  return marks >= MARKDOWN_MIN_MARKS;
}

/* The widths a fixed-width wrap left: in display columns (w3m) or in code
 * points (lynx), the longest line of the document if it is a plausible page
 * width. 0 when the measure shows no wrap. */
static void
wrap_widths(const jb_source *src, size_t *cols, size_t *cps)
{
  size_t mc = 0, mp = 0;
  for (size_t i = 0; i < src->nlines; i++) {
    if (src->lines[i].drop)
      continue;
    size_t c, p;
    measure(rtrim(src->lines[i].text), &c, &p);
    if (c > mc)
      mc = c;
    if (p > mp)
      mp = p;
  }
  *cols = mc >= WRAP_MIN_COLS && mc <= WRAP_MAX_COLS ? mc : 0;
  *cps = mp >= WRAP_MIN_COLS / 2 && mp <= WRAP_MAX_CPS ? mp : 0;
}

/* Brackets and quotes opened on the line and not closed: （ 《 【 “ ( */
static int
open_brackets(jb_str t)
{
  int depth = 0;
  for (jb_str it = t; it.n;) {
    uint32_t cp = jb_utf8_next(&it);
    if (cp == 0xFF08 || cp == 0x300A || cp == 0x3010 || cp == 0x201C || cp == '(')
      depth++;
    else if ((cp == 0xFF09 || cp == 0x300B || cp == 0x3011 || cp == 0x201D || cp == ')') && depth > 0)
      depth--;
  }
  return depth;
}

/* True if line a (not blank) continues on line b. */
static bool
continues(jb_str a, jb_str b, bool markdown, size_t wcols, size_t wcps)
{
  jb_str ta = rtrim(a), tb = jb_str_trim(b);
  if (!tb.n || !jb_str_trim(ta).n || starts_block(b))
    return false;
  jb_str head = tb;
  if (starts_fragment(jb_utf8_next(&head)))
    return true; /* line starts with a closing mark */
  bool hard = a.n >= 2 && a.p[a.n - 1] == ' ' && a.p[a.n - 2] == ' ';
  if (jb_str_ends(ta, "\\"))
    hard = true; /* markdown hard break */
  /* Emphasis closing at the end: look at the text inside it. */
  jb_str body = ta;
  while (body.n && (body.p[body.n - 1] == '*' || body.p[body.n - 1] == '_'))
    body.n--;
  uint32_t last = jb_utf8_last(body, NULL);
  if (ends_clause(last))
    return false;
  if (open_brackets(ta) > 0)
    return true; /* line ends inside brackets */
  /* a heading, a table row or a picture is a line of its own */
  int heading, number;
  bool item;
  jb_clean_block_marks(a, &heading, &item, &number);
  jb_str la = jb_str_trim(a);
  if (heading || la.p[0] == '|' || jb_str_starts(la, "![") || jb_str_starts(la, "[!["))
    return false;
  size_t c, p, wc, wp;
  measure(ta, &c, &p);
  /* The next line's first Latin word, which did not fit after a space. */
  size_t wl = 0;
  while (wl < tb.n && tb.p[wl] != ' ' && (unsigned char)tb.p[wl] < 0x80)
    wl++;
  measure(jb_str_make(tb.p, wl), &wc, &wp);
  if ((wcols && (c + WRAP_SLACK_COLS >= wcols || (wl && c * 4 >= wcols * 3 && c + 1 + wc > wcols))) ||
      (wcps && (p + WRAP_SLACK_CPS >= wcps || (wl && p * 4 >= wcps * 3 && p + 1 + wp > wcps))))
    return true; /* wrapped at the page width */
  if (markdown && !hard)
    return true; /* markdown soft line break */
  if (last == 0xFF0C || last == 0x3001)
    return true; /* line ends inside a sentence */
  return false;
}

/* True if line a leaves a link target open: "](" after its last ")". */
static bool
open_target(jb_str a)
{
  for (size_t k = a.n; k-- > 0;)
    if (a.p[k] == ')' || (a.p[k] == '(' && k > 0 && a.p[k - 1] == ']'))
      return a.p[k] == '(';
  return false;
}

/* Text of line b appended, after line a, to a joined paragraph: a space
 * between two Latin words (the wrap took it), nothing between Chinese
 * characters, after a hyphen or inside a link target. */
static void
join_into(jb_buf *out, jb_str a, jb_str b)
{
  jb_str t = jb_str_trim(b);
  uint32_t last = jb_utf8_last(jb_buf_str(out), NULL);
  jb_str head = t;
  uint32_t first = jb_utf8_next(&head);
  bool latin_a = last < 0x80 && last != ' ' && last != '-' && last != '/';
  bool latin_b = first < 0x80 && first != ' ';
  if (latin_a && latin_b && !open_target(a))
    jb_buf_putc(out, ' ');
  jb_buf_put_str(out, t);
}

bool
jb_clean_is_delimiter_row(jb_str row)
{
  jb_str t = jb_str_trim(row);
  if (t.n < 3 || t.p[0] != '|')
    return false;
  size_t dashes = 0;
  for (size_t k = 0; k < t.n; k++) {
    char c = t.p[k];
    if (c == '-')
      dashes++;
    else if (c != '|' && c != ':' && c != ' ' && c != '\t')
      return false;
  }
  return dashes > 0;
}

size_t
jb_clean_row_cells(jb_str row, jb_str *cells, size_t max)
{
  jb_str t = jb_str_trim(row);
  if (t.n && t.p[0] == '|')
    t = jb_str_skip(t, 1);
  if (t.n && t.p[t.n - 1] == '|' && !(t.n >= 2 && t.p[t.n - 2] == '\\'))
    t.n--;
  size_t n = 0, from = 0;
  for (size_t k = 0; k <= t.n && n < max; k++) {
    if (k < t.n && t.p[k] == '\\') {
      k++;
      continue;
    }
    if (k == t.n || t.p[k] == '|') {
      cells[n++] = jb_str_trim(jb_str_sub(t, from, k - from));
      from = k + 1;
    }
  }
  return n;
}

/* A markdown table starting at line i (a row, then a delimiter row): the
 * index of its last row, or i - 1 when none starts there. */
static size_t
table_end(const jb_source *src, size_t i)
{
  jb_str t = jb_str_trim(src->lines[i].text);
  if (!t.n || t.p[0] != '|' || i + 1 >= src->nlines || src->lines[i + 1].drop ||
      !jb_clean_is_delimiter_row(src->lines[i + 1].text))
    return i - 1;
  size_t j = i + 1;
  while (j + 1 < src->nlines && !src->lines[j + 1].drop) {
    jb_str r = jb_str_trim(src->lines[j + 1].text);
    if (!r.n || r.p[0] != '|')
      break;
    j++;
  }
  return j;
}

size_t
jb_clean_units(jb_ctx *ctx, const jb_source *src, jb_unit **out)
{
  size_t n = src->nlines, nu = 0;
  jb_unit *u = jb_xcalloc(n ? n : 1, sizeof *u);
  bool markdown = is_markdown(src);
  size_t wcols, wcps;
  wrap_widths(src, &wcols, &wcps);
  jb_buf joined = JB_BUF_INIT;
  bool blank = true;
  for (size_t i = 0; i < n; i++) {
    const jb_line *l = &src->lines[i];
    if (l->drop || !jb_str_trim(l->text).n) {
      blank = true;
      continue;
    }
    jb_unit *x = &u[nu++];
    x->first = i;
    x->n = 1;
    x->blank_before = blank;
    blank = false;
    size_t j = table_end(src, i);
    if (j + 1 > i) {
      /* a table is one unit: its rows, a line each */
      jb_buf_reset(&joined);
      for (size_t k = i; k <= j; k++) {
        if (k > i)
          jb_buf_putc(&joined, '\n');
        jb_buf_put_str(&joined, jb_str_trim(src->lines[k].text));
      }
      x->raw = jb_str_make(jb_arena_strndup(ctx->arena, joined.p, joined.n), joined.n);
      x->n = j - i + 1;
      x->flags |= JB_UNIT_TABLE;
      i = j;
      continue;
    }
    j = i;
    while (j + 1 < n && !src->lines[j + 1].drop &&
           continues(src->lines[j].text, src->lines[j + 1].text, markdown, wcols, wcps))
      j++;
    if (j == i) {
      x->raw = jb_str_trim(l->text);
      continue;
    }
    jb_buf_reset(&joined);
    jb_buf_put_str(&joined, jb_str_trim(l->text));
    for (size_t k = i + 1; k <= j; k++)
      join_into(&joined, src->lines[k - 1].text, src->lines[k].text);
    x->raw = jb_str_make(jb_arena_strndup(ctx->arena, joined.p, joined.n), joined.n);
    x->n = j - i + 1;
    i = j;
  }
  jb_buf_free(&joined);
  for (size_t k = 0; k + 1 < nu; k++)
    u[k].blank_after = u[k + 1].blank_before;
  if (nu)
    u[nu - 1].blank_after = true;
  *out = u;
  return nu;
}
