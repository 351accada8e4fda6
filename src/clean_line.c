/* clean_line.c - clean stage: what one line is made of. The inline
 * markdown scanner, block marks (headings, list items, enumerations) and
 * the features the classifier reads (clean_family.c). */
#include <stdlib.h>

#include "buf.h"
#include "clean.h"
#include "clean_int.h"
#include "utf8.h"

#define LINK_SCAN_MAX 4096    /* bytes searched for a link's end */
#define INLINE_DEPTH 2        /* link labels may hold one nested level */

/* ---- inline markdown scanner --------------------------------------------- */


static bool
is_ascii_punct(char c)
{
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
         (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

/* At s[i] == '[': find the label end and the (url). Sets the ranges and
 * returns the index after ')', or 0 if this is not a link. */
static size_t
match_link(jb_str s, size_t i, jb_str *label, jb_str *url)
{
  size_t limit = s.n < i + LINK_SCAN_MAX ? s.n : i + LINK_SCAN_MAX;
  int depth = 0;
  size_t j = i;
  for (; j < limit; j++) {
    if (s.p[j] == '\\') {
      j++;
      continue;
    }
    if (s.p[j] == '[')
      depth++;
    else if (s.p[j] == ']' && --depth == 0)
      break;
  }
  if (j >= limit || j + 1 >= s.n || s.p[j + 1] != '(')
    return 0;
  size_t k = j + 2;
  int pd = 1;
  for (; k < limit; k++) {
    if (s.p[k] == '(')
      pd++;
    else if (s.p[k] == ')' && --pd == 0)
      break;
  }
  if (k >= limit)
    return 0;
  *label = jb_str_make(s.p + i + 1, j - i - 1);
  jb_str u = jb_str_trim(jb_str_make(s.p + j + 2, k - j - 2));
  /* Drop an optional "title" after the URL. */
  long sp = jb_str_find(u, " ");
  if (sp > 0)
    u.n = (size_t)sp;
  *url = u;
  return k + 1;
}


typedef struct label_acc {
  jb_buf text;
  size_t images;
} label_acc;

static void
label_tok(void *ud, jb_tok t, jb_str text, jb_str url)
{
  (void)url;
  label_acc *acc = ud;
  if (t == JB_TOK_TEXT || t == JB_TOK_LINK)
    jb_buf_put_str(&acc->text, text);
  else if (t == JB_TOK_IMAGE)
    acc->images++;
}

/* At s[i]: the end of an inline base64 blob ("data:image/png;base64,AAAA",
 * "[gif;base64,AAAA]"), or 0 if none starts there. */
static size_t
base64_blob(jb_str s, size_t i)
{
  size_t k = i;
  if (s.p[k] == '[')
    k++;
  else if (jb_str_starts(jb_str_skip(s, k), "data:"))
    k += 5;
  else
    return 0;
  size_t mime = k;
  while (k < s.n && k - mime < 24 && s.p[k] != ';' && s.p[k] != ' ' && s.p[k] != ']')
    k++;
  if (!jb_str_starts(jb_str_skip(s, k), ";base64,"))
    return 0;
  k += 8;
  while (k < s.n && ((s.p[k] >= 'A' && s.p[k] <= 'Z') || (s.p[k] >= 'a' && s.p[k] <= 'z') ||
                     (s.p[k] >= '0' && s.p[k] <= '9') || s.p[k] == '+' || s.p[k] == '/' ||
                     s.p[k] == '='))
    k++;
  if (k < s.n && (s.p[k] == ']' || s.p[k] == ')'))
    k++;
  return k;
}

/* Emit tokens for s. Link labels are scanned once more so nested images and
 * emphasis markers vanish from them. */
void
jb_clean_scan(jb_str s, int depth, jb_tok_fn fn, void *ud)
{
  size_t i = 0, start = 0;
  jb_str none = {NULL, 0};
  while (i < s.n) {
    char c = s.p[i];
    if (c == '\\' && i + 1 < s.n && is_ascii_punct(s.p[i + 1])) {
      if (i > start)
        fn(ud, JB_TOK_TEXT, jb_str_make(s.p + start, i - start), none);
      fn(ud, JB_TOK_TEXT, jb_str_make(s.p + i + 1, 1), none);
      i += 2;
      start = i;
      continue;
    }
    jb_str label, url;
    size_t end;
    if (c == '!' && i + 1 < s.n && s.p[i + 1] == '[' &&
        (end = match_link(s, i + 1, &label, &url)) != 0) {
      if (i > start)
        fn(ud, JB_TOK_TEXT, jb_str_make(s.p + start, i - start), none);
      fn(ud, JB_TOK_IMAGE, label, url);
      i = start = end;
      continue;
    }
    if (c == '[' && (end = match_link(s, i, &label, &url)) != 0) {
      if (i > start)
        fn(ud, JB_TOK_TEXT, jb_str_make(s.p + start, i - start), none);
      if (depth < INLINE_DEPTH) {
        label_acc acc = {JB_BUF_INIT, 0};
        jb_clean_scan(label, depth + 1, label_tok, &acc);
        for (size_t k = 0; k < acc.images; k++)
          fn(ud, JB_TOK_IMAGE, none, url); /* a linked image */
        fn(ud, JB_TOK_LINK, jb_buf_str(&acc.text), url);
        jb_buf_free(&acc.text);
      }
      i = start = end;
      continue;
    }
    /* An image's data inlined as base64 (data:image/png;base64,…, or
     * "[gif;base64,…" left by a converter): no text. */
    size_t blob = base64_blob(s, i);
    if (blob) {
      if (i > start)
        fn(ud, JB_TOK_TEXT, jb_str_make(s.p + start, i - start), none);
      fn(ud, JB_TOK_IMAGE, none, none);
      i = start = blob;
      continue;
    }
    /* Residue of a link split over two lines: "](url)". */
    if (c == ']' && i + 1 < s.n && s.p[i + 1] == '(') {
      size_t k = i + 2;
      while (k < s.n && s.p[k] != ')' && s.p[k] != ' ')
        k++;
      if (k < s.n && s.p[k] == ')') {
        if (i > start)
          fn(ud, JB_TOK_TEXT, jb_str_make(s.p + start, i - start), none);
        fn(ud, JB_TOK_IMAGE, none, jb_str_make(s.p + i + 2, k - i - 2));
        i = start = k + 1;
        continue;
      }
    }
    if (c == '*' && i + 1 < s.n && s.p[i + 1] == '*') {
      if (i > start)
        fn(ud, JB_TOK_TEXT, jb_str_make(s.p + start, i - start), none);
      fn(ud, JB_TOK_BOLD, none, none);
      i = start = i + 2;
      continue;
    }
    i++;
  }
  if (i > start)
    fn(ud, JB_TOK_TEXT, jb_str_make(s.p + start, i - start), none);
}

static int
heading_level(jb_str t)
{
  size_t h = 0;
  while (h < t.n && h < 7 && t.p[h] == '#')
    h++;
  return h >= 1 && h <= 6 && h < t.n && t.p[h] == ' ' ? (int)h : 0;
}

/* Markdown heading level and list marker at the start of a line; returns
 * the line without them. */
jb_str
jb_clean_block_marks(jb_str t, int *heading, bool *item, int *number)
{
  *heading = 0;
  *item = false;
  *number = 0;
  t = jb_str_trim(t);
  size_t mark = 0;
  if (t.n >= 2 && (t.p[0] == '-' || t.p[0] == '*' || t.p[0] == '+') && t.p[1] == ' ')
    mark = 2;
  else if (jb_str_starts(t, "• "))
    mark = 4;
  else if (jb_str_starts(t, "· "))
    mark = 3;
  if (mark) {
    t = jb_str_trim(jb_str_skip(t, mark));
    *item = true;
  }
  /* A heading, also inside a list item (a layout's <li><h3>). */
  int h = heading_level(t);
  if (h) {
    *heading = h;
    *item = false;
    return jb_str_trim(jb_str_skip(t, (size_t)h));
  }
  return t;
}

/* Code points of t that are Chinese numerals (or, with digits, ASCII
 * digits), at most max; the bytes they take in *len. */
static size_t
numerals(jb_str t, bool digits, size_t max, size_t *len)
{
  size_t k = 0;
  jb_str it = t;
  while (it.n && k < max) {
    jb_str before = it;
    uint32_t cp = jb_utf8_next(&it);
    if (!jb_cp_is_cn_numeral(cp) && !(digits && cp >= '0' && cp <= '9')) {
      it = before;
      break;
    }
    k++;
  }
  *len = (size_t)(it.p - t.p);
  return k;
}

size_t
jb_clean_enum_len(jb_str t)
{
  size_t len;
  if (numerals(t, false, 3, &len) && jb_str_starts(jb_str_skip(t, len), "、"))
    return len + 3;
  bool full = jb_str_starts(t, "（");
  if (full || jb_str_starts(t, "(")) {
    jb_str in = jb_str_skip(t, full ? 3 : 1);
    if (numerals(in, false, 3, &len)) {
      jb_str rest = jb_str_skip(in, len);
      if (jb_str_starts(rest, "）") || jb_str_starts(rest, ")"))
        return (size_t)(rest.p - t.p) + (jb_str_starts(rest, ")") ? 1 : 3);
    }
  }
  if (jb_str_starts(t, "第")) {
    jb_str in = jb_str_skip(t, 3);
    if (numerals(in, true, 4, &len)) {
      jb_str rest = jb_str_skip(in, len);
      static const char *const units[] = {"章", "节", "節", "部分", "篇", "条", "條", NULL};
      for (int k = 0; units[k]; k++)
        if (jb_str_starts(rest, units[k]))
          return (size_t)(rest.p - t.p) + strlen(units[k]);
    }
  }
  return 0;
}

/* ---- features ------------------------------------------------------------ */

typedef struct feat_acc {
  jb_line_info *info;
  jb_buf *visible; /* may be NULL */
  bool bold;       /* inside strong emphasis */
  uint32_t last;   /* last visible non-space code point */
  uint32_t before; /* the one before it */
} feat_acc;

/* Function characters of Chinese prose, both scripts. */
static bool
is_function_char(uint32_t cp)
{
  switch (cp) {
  case 0x7684: case 0x4E86: case 0x662F: case 0x5728: case 0x548C: case 0x4E5F:
  case 0x5C31: case 0x90FD: case 0x800C: case 0x53CA: case 0x4E0E: case 0x8207:
  case 0x4E4B: case 0x5176: case 0x5BF9: case 0x5C0D: case 0x5C06: case 0x5C07:
  case 0x4E3A: case 0x70BA: case 0x8FD9: case 0x9019: case 0x90A3: case 0x6709:
  case 0x4E0D: case 0x4F46: case 0x88AB: case 0x628A: case 0x4ECE: case 0x5F9E:
  case 0x4EE5: case 0x4E8E: case 0x65BC: case 0x7B49: case 0x4ED6: case 0x5979:
  case 0x4EEC: case 0x5011: case 0x6211: case 0x5F97: case 0x5730:
    return true;
  default:
    return false;
  }
}

static void
count_text(feat_acc *acc, jb_str text, bool link)
{
  jb_line_info *in = acc->info;
  jb_str it = text;
  while (it.n) {
    jb_str before = it;
    uint32_t cp = jb_utf8_next(&it);
    /* A bare URL counts as link text. */
    if (!link && (cp == 'h' || cp == 'w') && (jb_str_starts(before, "http://") ||
                  jb_str_starts(before, "https://") ||
                  jb_str_starts(before, "www."))) {
      size_t k = 0;
      while (k < before.n && !jb_cp_is_space((unsigned char)before.p[k]) &&
             (unsigned char)before.p[k] < 0x80)
        k++;
      in->links++;
      in->link_cps += k;
      in->cps += k;
      if (acc->visible)
        jb_buf_put(acc->visible, before.p, k);
      it = jb_str_skip(before, k);
      acc->before = acc->last;
      acc->last = '/';
      continue;
    }
    if (acc->visible)
      jb_buf_put(acc->visible, before.p, (size_t)(it.p - before.p));
    if (cp == '*' || cp == '#' || jb_cp_is_space(cp))
      continue;
    in->cps++;
    if (link)
      in->link_cps++;
    if (acc->bold)
      in->bold_cps++;
    if (jb_cp_ends_sentence(cp))
      in->stops++;
    else if (cp == 0xFF0C || cp == 0x3001 || cp == 0xFF1B || cp == 0xFF1A)
      in->commas++;
    else if ((cp == ',' || cp == '.' || cp == ';' || cp == ':' || cp == '!' || cp == '?') &&
             (!it.n || it.p[0] == ' '))
      in->commas++; /* a Latin sentence's marks */
    if (jb_cp_is_han(cp)) {
      in->han++;
      in->letters++;
      in->function += is_function_char(cp);
    } else if (jb_cp_is_alnum(cp) || (cp >= 0xFF10 && cp <= 0xFF5A && !jb_cp_is_cjk_punct(cp))) {
      in->letters++;
    }
    acc->before = acc->last;
    acc->last = cp;
  }
}

static void
feat_tok(void *ud, jb_tok t, jb_str text, jb_str url)
{
  (void)url;
  feat_acc *acc = ud;
  switch (t) {
  case JB_TOK_TEXT:
    count_text(acc, text, false);
    break;
  case JB_TOK_LINK:
    acc->info->links++;
    count_text(acc, text, true);
    break;
  case JB_TOK_IMAGE:
    acc->info->images++;
    break;
  case JB_TOK_BOLD:
    acc->bold = !acc->bold;
    break;
  }
}

static bool
sentence_final(uint32_t cp)
{
  return jb_cp_ends_sentence(cp) || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0xFF1B ||
         cp == 0x201D || cp == 0x300D || cp == 0x300F;
}

void
jb_clean_features(jb_str line, jb_line_info *info, jb_buf *visible)
{
  memset(info, 0, sizeof *info);
  bool item;
  int number;
  jb_str t = jb_clean_block_marks(line, &info->heading, &item, &number);
  info->list_item = item;
  if (!item && t.n >= 3) {
    size_t k = 0;
    while (k < t.n && t.p[k] >= '0' && t.p[k] <= '9')
      k++;
    if (k && k <= 3 && k + 1 < t.n && t.p[k] == '.' && t.p[k + 1] == ' ')
      info->list_item = true;
  }
  feat_acc acc = {info, visible, false, 0, 0};
  jb_clean_scan(t, 0, feat_tok, &acc);
  /* A straight quote closing a sentence: 他说："好。" */
  info->sentence_end = sentence_final(acc.last) ||
                       ((acc.last == '"' || acc.last == '\'') && sentence_final(acc.before));
}

void
jb_clean_line_info(jb_str line, jb_line_info *info)
{
  jb_clean_features(line, info, NULL);
}

