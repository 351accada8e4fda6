/* html.c - HTML seeds: charset, the HTML5 parse (gumbo), the markup's
 * metadata and a markdown rendering of the page for the clean stage. The
 * rendering is what a careful converter writes (pandoc's gfm): a block
 * per line with a blank line between, headings as #, list items as "- ",
 * links as [text](url), images as ![alt](src) and strong text as **…**, so
 * the clean stage judges a page and a text seed by the same rules. What
 * the DOM alone knows is used here: elements no reader sees (scripts,
 * styles, forms' controls), and the page's own statements of its title,
 * date, publisher and address. */
#include "html.h"

#include <errno.h>
#include <gumbo.h>
#include <iconv.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "buf.h"
#include "meta.h"
#include "utf8.h"

#define PRESCAN_BYTES 4096 /* where a <meta charset> must be (HTML: 1024) */
#define BAD_SHARE 100      /* a decoding with more than 1 % bad bytes is wrong */
#define MAX_URL 2048       /* longer link targets (data: URIs) are cut */
#define JS_SHELL_HAN 20    /* fewer Han characters than this: no article */
#define TITLE_MIN_CP 4     /* a heading shorter than this is not a headline */
#define LD_MAX 16          /* JSON-LD scripts read */
#define CHINESE_SHARE 0.08 /* of Han characters among the commonest: Chinese text */

/* Single-byte Western charsets, which Chinese pages declare by mistake. */
static const char *const western_labels[] = {"iso-8859-1", "latin1", "l1", "windows-1252",
                                             "cp1252", "us-ascii", "ascii", "iso-8859-15", NULL};

/* ---- sniffing and charset ------------------------------------------------- */

/* s (n bytes) starts with lit, ignoring ASCII case. */
static bool
ci_prefix(const char *s, size_t n, const char *lit)
{
  size_t k = strlen(lit);
  return n >= k && strncasecmp(s, lit, k) == 0;
}

bool
jb_html_sniff(const char *name, const char *bytes, size_t n)
{
  const char *dot = name ? strrchr(name, '.') : NULL;
  if (dot && (!strcasecmp(dot, ".html") || !strcasecmp(dot, ".htm") ||
              !strcasecmp(dot, ".xhtml") || !strcasecmp(dot, ".shtml")))
    return true;
  size_t i = 0;
  if (n >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3))
    i = 3;
  while (i < n && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n'))
    i++;
  const char *s = bytes + i;
  size_t m = n - i;
  return ci_prefix(s, m, "<!doctype html") || ci_prefix(s, m, "<html") ||
         ci_prefix(s, m, "<head") || ci_prefix(s, m, "<meta ") || ci_prefix(s, m, "<?xml ");
}

/* The label after "name" (charset=, encoding=) in b[from, end), lower
 * case, into out; false if there is none. */
static bool
label_after(const char *b, size_t from, size_t end, const char *name, char out[32])
{
  size_t nl = strlen(name);
  for (size_t j = from; j + nl < end; j++) {
    if (!ci_prefix(b + j, end - j, name))
      continue;
    size_t k = j + nl;
    while (k < end && (b[k] == ' ' || b[k] == '\t'))
      k++;
    if (k >= end || b[k] != '=')
      continue;
    k++;
    while (k < end && (b[k] == ' ' || b[k] == '"' || b[k] == '\''))
      k++;
    size_t o = 0;
    for (; k < end && o < 31; k++) {
      char c = b[k];
      if (!(jb_is_digit(c) || c == '-' || c == '_' || c == '.' || c == ':' ||
            ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
        break;
      out[o++] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    }
    out[o] = 0;
    if (o)
      return true;
  }
  return false;
}

/* The charset the first kilobytes declare, lower case: a <meta charset>,
 * a <meta http-equiv> content type, or an XML declaration's encoding. */
static void
declared_charset(const char *b, size_t n, char out[32])
{
  out[0] = 0;
  if (n > PRESCAN_BYTES)
    n = PRESCAN_BYTES;
  for (size_t i = 0; i + 5 < n; i++) {
    if (b[i] != '<')
      continue;
    bool meta = ci_prefix(b + i + 1, n - i - 1, "meta");
    bool xml = ci_prefix(b + i + 1, n - i - 1, "?xml");
    if (!meta && !xml)
      continue;
    size_t end = i;
    while (end < n && b[end] != '>')
      end++;
    if (label_after(b, i, end, meta ? "charset" : "encoding", out))
      return;
    i = end;
  }
}

/* iconv's name for a declared label; NULL when iconv does not know it. */
static const char *
charset_name(const char *label)
{
  static const char *const gb[] = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn",
                                   "csgb2312", "iso-ir-58", "chinese", NULL};
  static const char *const big5[] = {"big5", "big5-hkscs", "x-x-big5", "cp950", "csbig5", NULL};
  static const char *const utf8[] = {"utf-8", "utf8", "unicode-1-1-utf-8", NULL};
  jb_str l = jb_str_c(label);
  if (jb_str_eq_any(l, gb))
    return "GB18030";
  if (jb_str_eq_any(l, big5))
    return "BIG5-HKSCS";
  if (jb_str_eq_any(l, utf8))
    return "UTF-8";
  iconv_t cd = iconv_open("UTF-8", label);
  if (cd == (iconv_t)-1)
    return NULL;
  iconv_close(cd);
  return label;
}

/* Decode n bytes from cs to UTF-8 into the heap (*out, NUL-terminated);
 * each undecodable byte becomes U+FFFD. Returns the count of bad bytes, or
 * -1 if iconv cannot convert from cs. */
static long
decode(const char *cs, const char *in, size_t n, char **out, size_t *outn)
{
  iconv_t cd = iconv_open("UTF-8", cs);
  if (cd == (iconv_t)-1)
    return -1;
  size_t cap = n * 2 + 16, used = 0;
  char *buf = jb_xmalloc(cap);
  char *ip = (char *)in;
  size_t il = n;
  long bad = 0;
  while (il) {
    if (cap - used < 16) {
      cap *= 2;
      buf = jb_xrealloc(buf, cap);
    }
    char *op = buf + used;
    size_t ol = cap - used - 4;
    size_t r = iconv(cd, &ip, &il, &op, &ol);
    used = (size_t)(op - buf);
    if (r != (size_t)-1)
      break;
    if (errno == E2BIG)
      continue;
    /* EILSEQ or a sequence cut by the end of the file */
    memcpy(buf + used, "\xEF\xBF\xBD", 3);
    used += 3;
    ip++;
    il--;
    bad++;
    iconv(cd, NULL, NULL, NULL, NULL);
  }
  iconv_close(cd);
  buf[used] = 0;
  *out = buf;
  *outn = used;
  return bad;
}

/* How Chinese a decoding reads: the share of its Han characters that are
 * among the commonest (of either script). A wrong legacy decoding yields
 * rare characters. */
static double
common_share(const char *s, size_t n)
{
  static const char common[] = "的一是不了在人有我他这這中大来來上国國个個到说說们們为為子和"
                               "你地出道也时時年会會就要以后後能对對生发發经經新中部公司记記者";
  size_t han = 0, hit = 0;
  for (jb_str it = jb_str_make(s, n); it.n;) {
    uint32_t cp = jb_utf8_next(&it);
    if (!jb_cp_is_han(cp))
      continue;
    han++;
    char u[5];
    size_t k = jb_utf8_encode(cp, u);
    u[k] = 0;
    hit += strstr(common, u) != NULL;
  }
  return han ? (double)hit / (double)han : 0;
}

/* A page's charset and, when the choice decoded it, its UTF-8 text (so
 * it is decoded once). */
typedef struct decoding {
  const char *cs;  /* iconv's name, NULL when it cannot be told */
  bool verbatim;   /* the bytes are UTF-8 as they are */
  char *text;      /* heap, NUL-terminated; NULL if not decoded yet */
  size_t n;
  long bad;        /* bytes replaced by U+FFFD */
} decoding;

static void
detect(const char *b, size_t n, char declared[32], decoding *d)
{
  memset(d, 0, sizeof *d);
  declared_charset(b, n, declared);
  if (n >= 3 && !memcmp(b, "\xEF\xBB\xBF", 3)) {
    d->cs = "UTF-8";
    return;
  }
  if (n >= 2 && (!memcmp(b, "\xFF\xFE", 2) || !memcmp(b, "\xFE\xFF", 2))) {
    d->cs = b[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    return;
  }
  /* Pages saved from a browser are UTF-8 whatever they declare; legacy
   * Chinese text is almost never valid UTF-8 by chance. */
  if (jb_utf8_check(b, n) < 0) {
    d->cs = "UTF-8";
    d->verbatim = true;
    return;
  }
  const char *decl = declared[0] ? charset_name(declared) : NULL;
  if (declared[0] && !decl)
    return;
  bool western = declared[0] && jb_str_eq_any(jb_str_c(declared), western_labels);
  /* The declaration and the two legacy families, each scored by how
   * Chinese it reads (bad bytes count against it). */
  const char *cands[] = {"GB18030", "BIG5-HKSCS", decl};
  size_t ncand = decl && !western && strcmp(decl, "UTF-8") != 0 && strcmp(decl, "GB18030") != 0 &&
                         strcmp(decl, "BIG5-HKSCS") != 0
                     ? 3
                     : 2;
  decoding got[3] = {{0}};
  long best = -1, declared_at = -1;
  double best_score = -1, decl_score = -1;
  for (size_t i = 0; i < ncand; i++) {
    decoding *g = &got[i];
    g->cs = cands[i];
    g->bad = decode(cands[i], b, n, &g->text, &g->n);
    if (g->bad < 0 || (size_t)g->bad * BAD_SHARE > n)
      continue;
    double sc = common_share(g->text, g->n) - (double)g->bad * BAD_SHARE / (double)(n + 1);
    if (decl && !strcmp(cands[i], decl)) {
      decl_score = sc;
      declared_at = (long)i;
    }
    if (sc > best_score) {
      best_score = sc;
      best = (long)i;
    }
  }
  /* A declaration is believed unless it reads as no Chinese and another
   * family does (a template's Western default, GB2312 on a Big5 page). */
  const char *choice = best >= 0 ? cands[best] : decl;
  long at = best;
  if (decl && strcmp(decl, "UTF-8") != 0 &&
      !(decl_score < CHINESE_SHARE && best_score >= CHINESE_SHARE && best_score > 2 * decl_score)) {
    choice = decl;
    at = declared_at; /* -1: decoded later, as declared */
  }
  d->cs = choice;
  if (at >= 0) {
    *d = got[at];
    got[at].text = NULL;
  }
  for (size_t i = 0; i < ncand; i++)
    free(got[i].text);
}

const char *
jb_html_charset(const char *b, size_t n, char declared[32])
{
  decoding d;
  detect(b, n, declared, &d);
  free(d.text);
  return d.cs;
}

/* ---- what the parser need not read ---------------------------------------- */

static size_t
find_ci(const char *s, size_t n, size_t from, const char *lit)
{
  size_t k = strlen(lit);
  for (size_t i = from; i + k <= n; i++)
    if (s[i] == lit[0] && ci_prefix(s + i + 1, n - i - 1, lit + 1))
      return i;
  return n;
}

/* End of the start tag at s[i] == '<' (one past its '>'), honouring quoted
 * attribute values as the tokenizer does. */
static size_t
tag_end(const char *s, size_t n, size_t i)
{
  for (i++; i < n && s[i] != '>'; i++) {
    if (s[i] != '=')
      continue;
    i++;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f'))
      i++;
    if (i < n && (s[i] == '"' || s[i] == '\'')) {
      const char *q = memchr(s + i + 1, s[i], n - i - 1);
      i = q ? (size_t)(q - s) : n;
    } else {
      i--;
    }
  }
  return i < n ? i + 1 : n;
}

/* Remove in place what no reader sees and the parser would spend most of
 * its time on: comments and the code of scripts and style sheets (JSON-LD
 * is kept). Their newlines stay, so the page's line numbers hold. A page
 * is 40 % such bytes. Returns the new length. */
static size_t
strip_code(char *s, size_t n)
{
  size_t w = 0, i = 0;
  while (i < n) {
    const char *lt = memchr(s + i, '<', n - i);
    size_t at = lt ? (size_t)(lt - s) : n;
    memmove(s + w, s + i, at - i);
    w += at - i;
    i = at;
    if (i >= n)
      break;
    size_t from, to; /* s[from, to) is dropped but for its newlines */
    if (i + 4 <= n && !memcmp(s + i, "<!--", 4)) {
      from = i + 4;
      size_t e = find_ci(s, n, from, "-->");
      to = e;
    } else if (ci_prefix(s + i, n - i, "<script") || ci_prefix(s + i, n - i, "<style")) {
      bool script = (s[i + 2] | 0x20) == 'c';
      size_t name = script ? 7 : 6;
      char c = i + name < n ? s[i + name] : '>';
      if (!(c == '>' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/' || c == '\f')) {
        s[w++] = s[i++];
        continue;
      }
      from = tag_end(s, n, i);
      bool keep = script && find_ci(s, from, i, "ld+json") < from;
      to = find_ci(s, n, from, script ? "</script" : "</style");
      if (keep)
        from = to;
    } else {
      size_t e = (i + 1 < n && (s[i + 1] == '/' || ((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z')))
                     ? tag_end(s, n, i)
                     : i + 1;
      memmove(s + w, s + i, e - i);
      w += e - i;
      i = e;
      continue;
    }
    memmove(s + w, s + i, from - i);
    w += from - i;
    for (size_t k = from; k < to; k++)
      if (s[k] == '\n')
        s[w++] = '\n';
    i = to;
  }
  return w;
}

/* ---- the DOM ------------------------------------------------------------- */

static void *
arena_alloc(void *ud, size_t size)
{
  return jb_arena_alloc(ud, size);
}

static void
arena_free(void *ud, void *p)
{
  (void)ud;
  (void)p; /* the whole parse is freed with its arena */
}

static const char *
attr(const GumboNode *n, const char *name)
{
  const GumboAttribute *a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? a->value : NULL;
}

static bool
attr_is(const GumboNode *n, const char *name, const char *value)
{
  const char *v = attr(n, name);
  return v && !strcasecmp(v, value);
}

static uint32_t
node_line(const GumboNode *n)
{
  if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE)
    return (uint32_t)n->v.element.start_pos.line;
  if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA)
    return (uint32_t)n->v.text.start_pos.line;
  return 0;
}

/* Elements whose content no reader of the page sees as text. */
static bool
unseen(GumboTag t)
{
  switch (t) {
  case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
  case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
  case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_SELECT:
  case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_BUTTON: case GUMBO_TAG_INPUT: case GUMBO_TAG_AUDIO:
  case GUMBO_TAG_VIDEO: case GUMBO_TAG_MAP: case GUMBO_TAG_FRAMESET: case GUMBO_TAG_DATALIST:
    return true;
  default:
    return false;
  }
}

/* Elements that start and end a line of text. */
static bool
block(GumboTag t)
{
  switch (t) {
  case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BLOCKQUOTE:
  case GUMBO_TAG_CENTER: case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS:
  case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
  case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER:
  case GUMBO_TAG_FORM: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
  case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP:
  case GUMBO_TAG_HR: case GUMBO_TAG_LI: case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU: case GUMBO_TAG_NAV:
  case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION:
  case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT:
  case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_CAPTION:
  case GUMBO_TAG_UL: case GUMBO_TAG_BODY: case GUMBO_TAG_LEGEND: case GUMBO_TAG_SUMMARY:
  case GUMBO_TAG_BR: case GUMBO_TAG_LISTING: case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_XMP:
    return true;
  default:
    return false;
  }
}

/* Visit root's subtree in document order without recursion (a DOM may be
 * deeper than the stack): fn gets each node and returns whether to go
 * into an element's children, or VISIT_STOP to end the walk (false is
 * then returned). Elements no reader sees are not entered (root aside). */
enum { VISIT_SKIP, VISIT_INTO, VISIT_STOP };

static bool
visit(const GumboNode *root, int (*fn)(const GumboNode *n, void *ud), void *ud)
{
  const GumboNode *stack[JB_HTML_MAX_DEPTH];
  size_t idx[JB_HTML_MAX_DEPTH], sp = 0;
  stack[0] = root;
  idx[0] = 0;
  int go = fn(root, ud);
  while (go != VISIT_STOP) {
    const GumboNode *n = stack[sp];
    bool elem = n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE;
    if (go == VISIT_INTO && elem && idx[sp] < n->v.element.children.length &&
        sp + 1 < JB_HTML_MAX_DEPTH && (n == root || !unseen(n->v.element.tag))) {
      const GumboNode *c = n->v.element.children.data[idx[sp]++];
      go = fn(c, ud);
      stack[++sp] = c;
      idx[sp] = 0;
      continue;
    }
    if (sp == 0)
      break;
    sp--;
    go = VISIT_INTO; /* back in the parent, which was entered */
  }
  return go != VISIT_STOP;
}

static bool
is_text(const GumboNode *n)
{
  return n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA || n->type == GUMBO_NODE_WHITESPACE;
}

typedef struct text_acc {
  jb_buf *b;
  size_t start;
  bool space;
} text_acc;

static int
text_of(const GumboNode *n, void *ud)
{
  text_acc *t = ud;
  if (!is_text(n))
    return VISIT_INTO;
  for (const char *p = n->v.text.text; *p; p++) {
    if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r' || *p == '\f') {
      t->space = true;
      continue;
    }
    if (t->space && t->b->n > t->start)
      jb_buf_putc(t->b, ' ');
    t->space = false;
    jb_buf_putc(t->b, *p);
  }
  return VISIT_SKIP;
}

/* The text of a subtree, white space collapsed, into b. */
static void
node_text(const GumboNode *root, jb_buf *b)
{
  text_acc t = {b, b->n, false};
  visit(root, text_of, &t);
}

static int
count_text(const GumboNode *n, void *ud)
{
  if (!is_text(n))
    return VISIT_INTO;
  size_t *count = ud;
  for (const char *p = n->v.text.text; *p; p++)
    *count += *p != ' ' && *p != '\n' && *p != '\t' && *p != '\r';
  return VISIT_SKIP;
}

/* Text bytes of a subtree, white space and unseen elements left out. */
static size_t
text_bytes(const GumboNode *root)
{
  size_t n = 0;
  visit(root, count_text, &n);
  return n;
}

static int
find_layout(const GumboNode *n, void *ud)
{
  const GumboNode *root = ud;
  if (n != root && n->type == GUMBO_NODE_ELEMENT &&
      (n->v.element.tag == GUMBO_TAG_TABLE || n->v.element.tag == GUMBO_TAG_IMG ||
       n->v.element.tag == GUMBO_TAG_FORM))
    return VISIT_STOP;
  return VISIT_INTO;
}

/* Does a table, a picture or a form stand under root (where a reader sees
 * it)? Such a cell lays a page out. */
static bool
holds_layout(const GumboNode *root)
{
  return !visit(root, find_layout, (void *)root);
}

/* ---- metadata ------------------------------------------------------------- */

typedef struct cand {
  jb_str value;
  uint32_t line;
  const char *rule;
} cand;

#define MAX_HEADS 16

typedef struct marks {
  cand title;            /* <title> */
  cand og_title, ld_headline;
  cand date_ld, date_std, date_meta, date_time;
  cand source_meta;      /* a meta that names the article's source */
  cand site_ld, site_og; /* the publisher's or site's name */
  cand canonical, og_url, ld_url;
  cand heads[MAX_HEADS]; /* h1..h3 text in page order */
  int head_level[MAX_HEADS];
  size_t nheads;
  size_t nld;
  size_t scripts;        /* script elements */
} marks;

static void
set_cand(jb_arena *a, cand *c, const char *v, size_t n, uint32_t line, const char *rule)
{
  if (c->value.n)
    return; /* the first one the page states */
  jb_str s = jb_str_trim(jb_str_make(v, n));
  if (!s.n)
    return;
  c->value = jb_str_make(jb_arena_strndup(a, s.p, s.n), s.n);
  c->line = line;
  c->rule = rule;
}

/* A meta name that states when the article was published. */
static bool
pub_date_name(const char *name)
{
  char k[64];
  size_t o = 0;
  for (const char *p = name; *p && o < sizeof k - 1; p++)
    if (*p != ' ')
      k[o++] = (char)(*p >= 'A' && *p <= 'Z' ? *p | 0x20 : *p);
  k[o] = 0;
  if (strstr(k, "update") || strstr(k, "modif") || strstr(k, "expir"))
    return false;
  return strstr(k, "publish") || strstr(k, "pubdate") || strstr(k, "pubtime") ||
         strstr(k, "create_at") || strstr(k, "release_date") || !strcmp(k, "og:time") ||
         !strcmp(k, "date") || !strcmp(k, "dc.date") || !strcmp(k, "dc.date.issued");
}

static void
read_meta(jb_arena *a, marks *m, const GumboNode *n)
{
  const char *name = attr(n, "property");
  if (!name)
    name = attr(n, "name");
  if (!name)
    name = attr(n, "itemprop");
  const char *content = attr(n, "content");
  if (!name || !content)
    return;
  uint32_t line = node_line(n);
  size_t cl = strlen(content);
  if (!strcasecmp(name, "og:title"))
    set_cand(a, &m->og_title, content, cl, line, "og:title");
  else if (!strcasecmp(name, "og:site_name"))
    set_cand(a, &m->site_og, content, cl, line, "og:site_name");
  else if (!strcasecmp(name, "og:url"))
    set_cand(a, &m->og_url, content, cl, line, "og:url");
  else if (!strcasecmp(name, "source") || !strcasecmp(name, "og:source") ||
           !strcasecmp(name, "article:source"))
    set_cand(a, &m->source_meta, content, cl, line, "<meta name=\"source\">");
  else if (!strcasecmp(name, "datePublished"))
    set_cand(a, &m->date_std, content, cl, line, "itemprop datePublished");
  else if (!strcasecmp(name, "article:published_time"))
    set_cand(a, &m->date_std, content, cl, line, "article:published_time");
  else if (pub_date_name(name))
    set_cand(a, &m->date_meta, content, cl, line, "publication-time <meta>");
}

/* The first object of a JSON-LD value (an array or @graph) whose @type
 * is an article. */
static json_t *
ld_article(json_t *v, int depth)
{
  if (depth > 4 || !v)
    return NULL;
  if (json_is_array(v)) {
    size_t i;
    json_t *e;
    json_array_foreach(v, i, e)
    {
      json_t *r = ld_article(e, depth + 1);
      if (r)
        return r;
    }
    return NULL;
  }
  if (!json_is_object(v))
    return NULL;
  json_t *type = json_object_get(v, "@type");
  json_t *types = json_is_array(type) ? type : NULL;
  size_t nt = types ? json_array_size(types) : 1;
  for (size_t i = 0; i < nt; i++) {
    const char *t = json_string_value(types ? json_array_get(types, i) : type);
    size_t tl = t ? strlen(t) : 0;
    if (t && ((tl >= 7 && !strcmp(t + tl - 7, "Article")) || !strcmp(t, "BlogPosting") ||
              !strcmp(t, "ReportageNews") || !strcmp(t, "Report")))
      return v;
  }
  return ld_article(json_object_get(v, "@graph"), depth + 1);
}

/* A name: a string, or an object's (or first array element's) "name". */
static const char *
ld_name(json_t *v)
{
  if (json_is_array(v))
    v = json_array_get(v, 0);
  if (json_is_string(v))
    return json_string_value(v);
  return json_string_value(json_object_get(v, "name"));
}

static void
read_ld(jb_ctx *ctx, jb_source *src, jb_arena *a, marks *m, const GumboNode *n)
{
  if (m->nld++ >= LD_MAX || n->v.element.children.length == 0)
    return;
  const GumboNode *t = n->v.element.children.data[0];
  if (t->type != GUMBO_NODE_TEXT && t->type != GUMBO_NODE_WHITESPACE && t->type != GUMBO_NODE_CDATA)
    return;
  json_error_t err;
  json_t *root = json_loads(t->v.text.text, JSON_DECODE_ANY, &err);
  uint32_t line = node_line(n);
  if (!root) {
    jb_pos pos = {src->path, line + (uint32_t)(err.line > 0 ? err.line - 1 : 0), 0, 0};
    jb_diag(&ctx->diags, JB_D_HTML_JSONLD, pos, "%s", err.text);
    return;
  }
  json_t *art = ld_article(root, 0);
  if (art) {
    const char *s;
    if ((s = json_string_value(json_object_get(art, "headline"))))
      set_cand(a, &m->ld_headline, s, strlen(s), line, "JSON-LD headline");
    if ((s = json_string_value(json_object_get(art, "datePublished"))))
      set_cand(a, &m->date_ld, s, strlen(s), line, "JSON-LD datePublished");
    if ((s = ld_name(json_object_get(art, "publisher"))))
      set_cand(a, &m->site_ld, s, strlen(s), line, "JSON-LD publisher");
    json_t *u = json_object_get(art, "url");
    if (!json_is_string(u)) {
      u = json_object_get(art, "mainEntityOfPage");
      if (json_is_object(u))
        u = json_object_get(u, "@id");
    }
    if ((s = json_string_value(u)))
      set_cand(a, &m->ld_url, s, strlen(s), line, "JSON-LD url");
  }
  json_decref(root);
}

/* ---- rendering ------------------------------------------------------------ */

typedef enum mark_kind { MARK_LINK, MARK_BOLD } mark_kind;

typedef struct open_mark {
  mark_kind kind;
  size_t start;   /* where its text starts in out, SIZE_MAX before any */
  size_t lines;   /* output lines when it opened: a mark never spans two */
  const char *href;
} open_mark;

typedef struct render {
  jb_ctx *ctx;
  jb_source *src;
  jb_arena *dom;    /* the parse's arena */
  jb_buf out;
  uint32_t *map;    /* page line of each finished output line */
  uint8_t *hints;   /* and its jb_hint */
  size_t nmap, capmap, caphints;
  jb_hint hint;     /* the innermost hinted element's */
  jb_hint line_hint; /* the current output line's */
  bool line_img, line_text; /* the current line has a picture, text */
  bool after_picture; /* the last finished line was pictures only */
  size_t body_text; /* text bytes of the whole body (for hints) */
  uint32_t line;    /* page line of the current output line */
  bool has;         /* the current output line has text */
  int brk;          /* 0, a line break (1) or a paragraph break (2) pending */
  bool space, space_nl; /* collapsible white space pending; it held a newline */
  uint32_t last;    /* last code point written */
  char prefix[16];  /* a heading's or list item's mark, written with its text */
  int pre;          /* inside <pre> */
  int links;        /* inside <a>: its blocks run together, as converters
                       write a link (a card of a related story is one) */
  open_mark *marks;
  size_t nmarks, capmarks;
  int *ol;          /* item counters of the open lists, 0 for bulleted */
  size_t nol, capol;
  size_t nodes;     /* elements and texts visited */
  bool deep;        /* something was nested deeper than the limit */
  marks m;
} render;

static void
end_line(render *r)
{
  jb_buf_putc(&r->out, '\n');
  size_t k = r->nmap;
  *JB_PUSH_HEAP(r->map, r->nmap, r->capmap) = r->line;
  *JB_PUSH_HEAP(r->hints, k, r->caphints) = (uint8_t)(r->has ? r->line_hint : JB_HINT_NONE);
  if (r->has)
    r->after_picture = r->line_img && !r->line_text;
  r->has = false;
  r->line_img = r->line_text = false;
}

/* Start text on a line, after the pending break and with the block's
 * mark; open marks begin here. */
static void
start_text(render *r, uint32_t line)
{
  if (r->brk && r->has) {
    end_line(r);
    if (r->brk == 2)
      end_line(r); /* the blank line between paragraphs */
  }
  r->brk = 0;
  if (!r->has) {
    r->line = line;
    r->line_hint = r->hint;
    r->has = true;
    r->space = false;
    jb_buf_puts(&r->out, r->prefix);
    r->prefix[0] = 0;
  } else if (r->space) {
    if (!(r->space_nl && jb_cp_is_cjk(r->last)))
      jb_buf_putc(&r->out, ' ');
  }
  r->space = r->space_nl = false;
  for (size_t i = 0; i < r->nmarks; i++)
    if (r->marks[i].start == SIZE_MAX) {
      r->marks[i].start = r->out.n;
      r->marks[i].lines = r->nmap;
    }
}

static void
put_text(render *r, const char *s, uint32_t line)
{
  for (jb_str it = jb_str_c(s); it.n;) {
    uint32_t cp = jb_utf8_next(&it);
    if (r->pre && cp == '\n') {
      if (r->has)
        end_line(r);
      else
        r->brk = 1;
      continue;
    }
    if (!r->pre && (cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r' || cp == '\f' || cp == 0xA0)) {
      r->space = true;
      r->space_nl |= cp == '\n' || cp == '\r';
      continue;
    }
    if (cp < 0x20 && cp != '\t')
      continue;
    bool at_start = !r->has || r->brk;
    if (r->space_nl && !jb_cp_is_cjk(cp))
      r->space_nl = false; /* a newline between CJK characters is no space */
    start_text(r, line);
    r->line_text = true;
    /* Markdown's own marks in the page's text stay text. */
    if (cp == '\\' || cp == '*' || cp == '[' || cp == ']' || cp == '`' || cp == '_' ||
        (at_start && (cp == '#' || cp == '>' || cp == '-' || cp == '+')))
      jb_buf_putc(&r->out, '\\');
    jb_buf_put_cp(&r->out, cp);
    r->last = cp;
  }
}

/* A link target or image source as markdown can hold it. */
static void
put_url(jb_buf *b, const char *u)
{
  size_t n = 0;
  for (const char *p = u; *p && n < MAX_URL; p++, n++) {
    unsigned char c = (unsigned char)*p;
    if (c <= ' ' || c == '(' || c == ')' || c == '<' || c == '>' || c == '"')
      jb_buf_printf(b, "%%%02X", c);
    else
      jb_buf_putc(b, (char)c);
  }
  if (!n)
    jb_buf_putc(b, '#');
}

static void
put_image(render *r, const GumboNode *n)
{
  const char *src = attr(n, "src");
  static const char *const lazy[] = {"data-src", "data-original", "data-lazy-src"};
  for (size_t i = 0; i < 3 && (!src || !*src || !strncmp(src, "data:", 5)); i++)
    if (attr(n, lazy[i]))
      src = attr(n, lazy[i]);
  /* A picture without a source shows nothing. */
  if (!src || !*src || !strcmp(src, "#") || !strncmp(src, "data:", 5))
    return;
  const char *alt = attr(n, "alt");
  start_text(r, node_line(n));
  r->line_img = true;
  jb_buf_puts(&r->out, "![");
  for (const char *p = alt ? alt : ""; *p; p++)
    if (*p != '[' && *p != ']' && *p != '\n' && *p != '\r' && *p != '\\')
      jb_buf_putc(&r->out, *p);
  jb_buf_puts(&r->out, "](");
  put_url(&r->out, src);
  jb_buf_putc(&r->out, ')');
  r->last = ')';
}

static void
open_mark_push(render *r, mark_kind k, const char *href)
{
  open_mark *m = JB_PUSH_HEAP(r->marks, r->nmarks, r->capmarks);
  m->kind = k;
  m->start = SIZE_MAX;
  m->href = href;
}

/* Close the innermost mark: wrap its text when it stayed on one line. */
static void
close_mark(render *r)
{
  open_mark m = r->marks[--r->nmarks];
  if (m.start == SIZE_MAX || m.start >= r->out.n || m.lines != r->nmap || !r->has)
    return;
  const char *open = m.kind == MARK_LINK ? "[" : "**";
  size_t ol = strlen(open);
  jb_buf_put(&r->out, open, ol); /* room */
  memmove(r->out.p + m.start + ol, r->out.p + m.start, r->out.n - ol - m.start);
  memcpy(r->out.p + m.start, open, ol);
  /* the inner marks' starts moved with their text */
  for (size_t i = 0; i < r->nmarks; i++)
    if (r->marks[i].start != SIZE_MAX && r->marks[i].start > m.start)
      r->marks[i].start += ol;
  if (m.kind == MARK_LINK) {
    jb_buf_puts(&r->out, "](");
    put_url(&r->out, m.href);
    jb_buf_putc(&r->out, ')');
  } else {
    jb_buf_puts(&r->out, "**");
  }
  r->last = '*';
}

static void
set_prefix(render *r, const char *p)
{
  snprintf(r->prefix, sizeof r->prefix, "%s", p);
}

/* ---- what the markup says a block is -------------------------------------- */

/* The tokens of a class or id value: split at anything but letters and
 * digits and where a lower-case letter meets an upper-case one
 * (shareBox), lower-cased. Calls fn for each; stops when it returns true. */
static bool
tokens(const char *v, bool (*fn)(const char *tok, void *ud), void *ud)
{
  char tok[32];
  size_t o = 0;
  for (const char *p = v;; p++) {
    char c = *p;
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    bool camel = o && c >= 'A' && c <= 'Z' && p[-1] >= 'a' && p[-1] <= 'z';
    if ((!alnum || camel) && o) {
      tok[o] = 0;
      if (fn(tok, ud))
        return true;
      o = 0;
    }
    if (!c)
      return false;
    if (alnum && o < sizeof tok - 1)
      tok[o++] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
  }
}

typedef struct hint_scan {
  jb_hint hint;
  bool picture, words; /* a caption's two halves: image_desc, pic-text */
} hint_scan;

static bool
starts(const char *tok, const char *const *stems)
{
  for (size_t i = 0; stems[i]; i++)
    if (!strncmp(tok, stems[i], strlen(stems[i])))
      return true;
  return false;
}

static bool
one_of(const char *tok, const char *const *words)
{
  for (size_t i = 0; words[i]; i++)
    if (!strcmp(tok, words[i]))
      return true;
  return false;
}

static bool
hint_token(const char *tok, void *ud)
{
  hint_scan *h = ud;
  static const char *const caption[] = {"caption", "figcaption", "pictext", "imgtext", "picdesc",
                                        "imgdesc", "picnote", "imgnote", NULL};
  static const char *const picture[] = {"img", "image", "pic", "picture", "photo", NULL};
  static const char *const words[] = {"desc", "description", "text", "txt", "note", "intro",
                                      "info", "title", NULL};
  static const char *const nav[] = {"nav", "menu", "breadcrumb", "crumb", NULL};
  static const char *const aside[] = {"sidebar", "aside", NULL};
  static const char *const footer[] = {"footer", "foot", "copyright", NULL};
  static const char *const share[] = {"share", "sharing", "social", "toolbar", "tool", NULL};
  static const char *const comment[] = {"comment", "cmt", "reply", "replies", "discuss", NULL};
  static const char *const related[] = {"related", "relate", "recommend", "tuijian", "xiangguan",
                                        "hotnews", NULL};
  static const char *const ad[] = {"ad", "ads", "adv", "advert", "advertisement", "sponsor",
                                   "guanggao", NULL};
  h->picture |= one_of(tok, picture);
  h->words |= one_of(tok, words);
  jb_hint k = one_of(tok, caption) || (h->picture && h->words) ? JB_HINT_CAPTION
              : starts(tok, nav)                                ? JB_HINT_NAV
              : one_of(tok, aside)                              ? JB_HINT_ASIDE
              : one_of(tok, footer)                             ? JB_HINT_FOOTER
              : starts(tok, share)                              ? JB_HINT_SHARE
              : starts(tok, comment)                            ? JB_HINT_COMMENT
              : starts(tok, related)                            ? JB_HINT_RELATED
              : one_of(tok, ad) || starts(tok, ad + 3)          ? JB_HINT_AD
                                                                : JB_HINT_NONE;
  if (k != JB_HINT_NONE)
    h->hint = k;
  return k != JB_HINT_NONE;
}

static bool
centred(const GumboNode *n)
{
  const char *align = attr(n, "align"), *style = attr(n, "style");
  if (align && !strcasecmp(align, "center"))
    return true;
  if (!style)
    return false;
  char low[256];
  size_t o = 0;
  for (const char *p = style; *p && o < sizeof low - 1; p++)
    if (*p != ' ')
      low[o++] = (char)(*p >= 'A' && *p <= 'Z' ? *p | 0x20 : *p);
  low[o] = 0;
  return strstr(low, "text-align:center") != NULL;
}

#define HINT_MAX_SHARE 40 /* percent of the page's text: more holds the article */

/* The hint an element gives the lines inside it. */
static jb_hint
element_hint(const render *r, const GumboNode *n)
{
  GumboTag t = n->v.element.tag;
  hint_scan h = {JB_HINT_NONE, false, false};
  if (t == GUMBO_TAG_FIGCAPTION)
    return JB_HINT_CAPTION;
  /* right under a line of pictures only, finished or ending here */
  bool under_picture = r->has ? r->brk && r->line_img && !r->line_text : r->after_picture;
  if (block(t) && centred(n) && under_picture)
    return JB_HINT_CAPTION;
  if (t == GUMBO_TAG_NAV)
    h.hint = JB_HINT_NAV;
  else if (t == GUMBO_TAG_ASIDE)
    h.hint = JB_HINT_ASIDE;
  else if (t == GUMBO_TAG_FOOTER)
    h.hint = JB_HINT_FOOTER;
  /* Class names of a block only: a span's names a piece of a line (an
   * 原创 badge with a copyright id inside a byline). */
  const char *cls = block(t) ? attr(n, "class") : NULL, *id = block(t) ? attr(n, "id") : NULL;
  if (h.hint == JB_HINT_NONE && cls)
    tokens(cls, hint_token, &h);
  if (h.hint == JB_HINT_NONE && id) {
    h.picture = h.words = false;
    tokens(id, hint_token, &h);
  }
  if (h.hint == JB_HINT_NONE || h.hint == JB_HINT_CAPTION)
    return h.hint;
  /* An element holding much of the page's text holds the article, whatever
   * its class says (comment-enabled, share-wrap). */
  return text_bytes(n) * 100 < r->body_text * HINT_MAX_SHARE ? h.hint : JB_HINT_NONE;
}

static void
enter(render *r, const GumboNode *n)
{
  GumboTag t = n->v.element.tag;
  if (block(t) && !r->links)
    r->brk = 2;
  switch (t) {
  case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
  case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: {
    int level = (int)(t - GUMBO_TAG_H1) + 1;
    static const char *const hashes[] = {"# ", "## ", "### ", "#### ", "##### ", "###### "};
    set_prefix(r, hashes[level - 1]);
    if (level <= 3 && r->m.nheads < MAX_HEADS) {
      jb_buf b = JB_BUF_INIT;
      node_text(n, &b);
      set_cand(r->ctx->arena, &r->m.heads[r->m.nheads], b.p ? b.p : "", b.n, node_line(n),
               "heading");
      if (r->m.heads[r->m.nheads].value.n)
        r->m.head_level[r->m.nheads++] = level;
      jb_buf_free(&b);
    }
    break;
  }
  case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_MENU:
    *JB_PUSH_HEAP(r->ol, r->nol, r->capol) = t == GUMBO_TAG_OL ? 1 : 0;
    break;
  case GUMBO_TAG_LI:
    if (r->nol && r->ol[r->nol - 1]) {
      char num[16];
      snprintf(num, sizeof num, "%d. ", r->ol[r->nol - 1]++);
      set_prefix(r, num);
    } else {
      set_prefix(r, "- ");
    }
    break;
  case GUMBO_TAG_PRE: case GUMBO_TAG_LISTING: case GUMBO_TAG_XMP: case GUMBO_TAG_PLAINTEXT:
    r->pre++;
    break;
  case GUMBO_TAG_A: {
    const char *href = attr(n, "href");
    if (href)
      open_mark_push(r, MARK_LINK, href);
    r->links++;
    break;
  }
  case GUMBO_TAG_B: case GUMBO_TAG_STRONG:
    open_mark_push(r, MARK_BOLD, NULL);
    break;
  case GUMBO_TAG_IMG:
    put_image(r, n);
    break;
  case GUMBO_TAG_TIME: {
    const char *dt = attr(n, "datetime");
    if (dt)
      set_cand(r->ctx->arena, &r->m.date_time, dt, strlen(dt), node_line(n), "<time datetime>");
    break;
  }
  default:
    break;
  }
}

static void
leave(render *r, const GumboNode *n)
{
  GumboTag t = n->v.element.tag;
  switch (t) {
  case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_MENU:
    if (r->nol)
      r->nol--;
    break;
  case GUMBO_TAG_PRE: case GUMBO_TAG_LISTING: case GUMBO_TAG_XMP: case GUMBO_TAG_PLAINTEXT:
    r->pre--;
    break;
  case GUMBO_TAG_A:
    if (attr(n, "href") && r->nmarks)
      close_mark(r);
    r->links--;
    break;
  case GUMBO_TAG_B: case GUMBO_TAG_STRONG:
    if (r->nmarks)
      close_mark(r);
    break;
  default:
    break;
  }
  if (block(t) && !r->links) {
    r->brk = 2;
    r->prefix[0] = 0; /* an empty heading or item leaves no mark */
  }
}

/* Elements read for metadata wherever they are: <title>, <meta>, <link
 * rel=canonical> and JSON-LD. Returns true when the element's content is
 * not to be rendered. */
static bool
metadata(render *r, const GumboNode *n)
{
  GumboTag t = n->v.element.tag;
  if (n->v.element.tag_namespace != GUMBO_NAMESPACE_HTML)
    return t == GUMBO_TAG_SVG || t == GUMBO_TAG_MATH || n->v.element.tag_namespace == GUMBO_NAMESPACE_SVG;
  switch (t) {
  case GUMBO_TAG_TITLE: {
    jb_buf b = JB_BUF_INIT;
    node_text(n, &b);
    set_cand(r->ctx->arena, &r->m.title, b.p ? b.p : "", b.n, node_line(n), "<title>");
    jb_buf_free(&b);
    return true;
  }
  case GUMBO_TAG_META:
    read_meta(r->ctx->arena, &r->m, n);
    return true;
  case GUMBO_TAG_LINK: {
    const char *rel = attr(n, "rel"), *href = attr(n, "href");
    if (rel && href && !strcasecmp(rel, "canonical"))
      set_cand(r->ctx->arena, &r->m.canonical, href, strlen(href), node_line(n), "<link rel=\"canonical\">");
    return true;
  }
  case GUMBO_TAG_SCRIPT:
    if (attr_is(n, "type", "application/ld+json"))
      read_ld(r->ctx, r->src, r->ctx->arena, &r->m, n);
    else
      r->m.scripts++;
    return true;
  default:
    return unseen(t);
  }
}

/* ---- data tables ------------------------------------------------------------ */

#define TABLE_MAX_COLS 16  /* wider is layout, not data */
#define TABLE_CELL_MAX 200 /* bytes of text in a data cell */

/* The rows of a table (its own, not a nested table's), through
 * thead/tbody/tfoot. Calls fn for each <tr>; returns the count. */
static size_t
table_rows(const GumboNode *table, void (*fn)(const GumboNode *tr, void *ud), void *ud)
{
  size_t n = 0;
  const GumboVector *kids = &table->v.element.children;
  for (size_t i = 0; i < kids->length; i++) {
    const GumboNode *k = kids->data[i];
    if (k->type != GUMBO_NODE_ELEMENT)
      continue;
    GumboTag t = k->v.element.tag;
    if (t == GUMBO_TAG_TR) {
      if (fn)
        fn(k, ud);
      n++;
    } else if (t == GUMBO_TAG_THEAD || t == GUMBO_TAG_TBODY || t == GUMBO_TAG_TFOOT) {
      for (size_t j = 0; j < k->v.element.children.length; j++) {
        const GumboNode *r = k->v.element.children.data[j];
        if (r->type == GUMBO_NODE_ELEMENT && r->v.element.tag == GUMBO_TAG_TR) {
          if (fn)
            fn(r, ud);
          n++;
        }
      }
    }
  }
  return n;
}

static bool
is_cell(const GumboNode *c)
{
  return c->type == GUMBO_NODE_ELEMENT &&
         (c->v.element.tag == GUMBO_TAG_TD || c->v.element.tag == GUMBO_TAG_TH);
}

typedef struct table_shape {
  size_t rows, cols;
  bool layout; /* a cell too long, a nested table, a picture or a form */
} table_shape;

static void
shape_row(const GumboNode *tr, void *ud)
{
  table_shape *sh = ud;
  size_t cells = 0;
  for (size_t i = 0; i < tr->v.element.children.length; i++) {
    const GumboNode *c = tr->v.element.children.data[i];
    if (!is_cell(c))
      continue;
    cells++;
    if (attr(c, "rowspan") || text_bytes(c) > TABLE_CELL_MAX || holds_layout(c))
      sh->layout = true;
  }
  if (cells > sh->cols)
    sh->cols = cells;
  sh->rows++;
}

/* A table of data: two rows or more of two to sixteen short text cells;
 * other tables lay a page out, and their cells are read as blocks. */
static bool
data_table(const GumboNode *table, table_shape *sh)
{
  *sh = (table_shape){0, 0, false};
  table_rows(table, shape_row, sh);
  return !sh->layout && sh->rows >= 2 && sh->cols >= 2 && sh->cols <= TABLE_MAX_COLS;
}

typedef struct table_out {
  render *r;
  size_t cols, rows;
} table_out;

static void
put_row(const GumboNode *tr, void *ud)
{
  table_out *t = ud;
  render *r = t->r;
  jb_buf *o = &r->out;
  r->line = node_line(tr);
  r->line_hint = r->hint;
  r->has = true;
  r->line_text = true;
  jb_buf_putc(o, '|');
  size_t cells = 0;
  jb_buf cell = JB_BUF_INIT;
  for (size_t i = 0; i < tr->v.element.children.length; i++) {
    const GumboNode *c = tr->v.element.children.data[i];
    if (!is_cell(c))
      continue;
    jb_buf_reset(&cell);
    node_text(c, &cell);
    jb_buf_putc(o, ' ');
    for (size_t k = 0; k < cell.n; k++) {
      char ch = cell.p[k];
      if (ch == '|' || ch == '\\' || ch == '*' || ch == '[' || ch == ']' || ch == '`' || ch == '_')
        jb_buf_putc(o, '\\');
      jb_buf_putc(o, ch);
    }
    jb_buf_puts(o, " |");
    cells++;
  }
  jb_buf_free(&cell);
  for (; cells < t->cols; cells++)
    jb_buf_puts(o, "   |");
  end_line(r);
  if (t->rows++ == 0) {
    r->has = true; /* the delimiter row, at the head's page line */
    jb_buf_putc(o, '|');
    for (size_t c = 0; c < t->cols; c++)
      jb_buf_puts(o, " --- |");
    end_line(r);
  }
}

/* Write a data table as a markdown table, a paragraph of its own. */
static void
put_table(render *r, const GumboNode *table, const table_shape *sh)
{
  if (r->has)
    end_line(r);
  if (r->nmap)
    end_line(r); /* the blank line before */
  r->prefix[0] = 0;
  table_out t = {r, sh->cols, 0};
  table_rows(table, put_row, &t);
  r->brk = 2;
}

/* Walk the document in order without recursion. */
static void
walk(render *r, const GumboNode *root)
{
  const GumboNode **stack = jb_xmalloc(JB_HTML_MAX_DEPTH * sizeof *stack);
  size_t *idx = jb_xmalloc(JB_HTML_MAX_DEPTH * sizeof *idx);
  jb_hint *outer = jb_xmalloc(JB_HTML_MAX_DEPTH * sizeof *outer); /* hint outside stack[i] */
  size_t sp = 0;
  stack[0] = root;
  idx[0] = 0;
  while (1) {
    const GumboNode *n = stack[sp];
    bool elem = n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE;
    if (elem && idx[sp] == 0 && n != root) {
      if (++r->nodes > JB_HTML_MAX_NODES || metadata(r, n)) {
        goto up;
      }
      outer[sp] = r->hint;
      jb_hint h = element_hint(r, n);
      if (h != JB_HINT_NONE && (r->hint == JB_HINT_NONE || h == JB_HINT_CAPTION))
        r->hint = h;
      table_shape sh;
      if (n->v.element.tag == GUMBO_TAG_TABLE && !r->links && !r->pre && data_table(n, &sh)) {
        put_table(r, n, &sh);
        r->hint = outer[sp];
        goto up;
      }
      enter(r, n);
    }
    if (elem || n->type == GUMBO_NODE_DOCUMENT) {
      const GumboVector *kids = n->type == GUMBO_NODE_DOCUMENT ? &n->v.document.children
                                                               : &n->v.element.children;
      if (idx[sp] < kids->length) {
        const GumboNode *c = kids->data[idx[sp]++];
        if (sp + 1 >= JB_HTML_MAX_DEPTH) {
          r->deep = true;
          continue;
        }
        if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE ||
            c->type == GUMBO_NODE_CDATA) {
          r->nodes++;
          put_text(r, c->v.text.text, node_line(c));
          continue;
        }
        if (c->type != GUMBO_NODE_ELEMENT && c->type != GUMBO_NODE_TEMPLATE)
          continue; /* comments */
        stack[++sp] = c;
        idx[sp] = 0;
        continue;
      }
      if (elem && n != root) {
        leave(r, n);
        r->hint = outer[sp];
      }
    }
  up:
    if (sp == 0)
      break;
    sp--;
  }
  free(stack);
  free(idx);
  free(outer);
}

/* ---- choosing the metadata ------------------------------------------------- */

/* Copy s without white space into b (for comparing titles). */
static void
squeeze(jb_str s, jb_buf *b)
{
  jb_buf_reset(b);
  for (jb_str it = s; it.n;) {
    uint32_t cp = jb_utf8_next(&it);
    if (!jb_cp_is_space(cp) && cp != 0xA0)
      jb_buf_put_cp(b, cp);
  }
  if (!b->p)
    jb_buf_puts(b, "");
}

/* The headline part of a <title> or og:title: the longest of the parts
 * its site separators (_ | - — ·) cut it into. */
static jb_str
headline_part(jb_str t)
{
  static const char *const seps[] = {"_", "|", " - ", " — ", "——", " – ", "｜", "－", " · ", NULL};
  jb_str best = {t.p, 0};
  size_t from = 0;
  for (size_t i = 0; i <= t.n;) {
    size_t k = i < t.n ? jb_str_starts_any(jb_str_skip(t, i), seps) : 1;
    if (k || i == t.n) {
      jb_str part = jb_str_trim(jb_str_sub(t, from, i - from));
      if (jb_utf8_count(part) > jb_utf8_count(best))
        best = part;
      if (i == t.n)
        break;
      i += k;
      from = i;
      continue;
    }
    i++;
  }
  return best.n ? best : jb_str_trim(t);
}

/* Heading h is the headline a title states: one contains the other and
 * the shorter is at least half the longer. */
static bool
agrees(jb_str h, jb_str title, jb_buf *a, jb_buf *b)
{
  if (!title.n)
    return false;
  squeeze(h, a);
  squeeze(headline_part(title), b);
  size_t na = jb_utf8_count(jb_str_make(a->p, a->n)),
         nb = jb_utf8_count(jb_str_make(b->p, b->n));
  if (na < TITLE_MIN_CP || !nb)
    return false;
  bool in = na <= nb ? strstr(b->p, a->p) != NULL : strstr(a->p, b->p) != NULL;
  size_t lo = na < nb ? na : nb, hi = na < nb ? nb : na;
  return in && lo * 2 >= hi;
}

static void
give(jb_field *f, const cand *c, const char *rule)
{
  if (f->origin != JB_ORIGIN_NONE || !c->value.n)
    return;
  f->value = c->value;
  f->origin = JB_ORIGIN_MARKUP;
  f->line = c->line;
  f->rule = rule ? rule : c->rule;
}

/* A machine date in the page's time: an ISO time with an offset (or Z),
 * and Unix seconds, are read in China's (UTC+8), where the page shows it;
 * any other form as the text rules read dates. */
static bool
markup_date(jb_str v, char out[11])
{
  char buf[64];
  size_t n = v.n < sizeof buf - 1 ? v.n : sizeof buf - 1;
  memcpy(buf, v.p, n);
  buf[n] = 0;
  struct tm tm = {0};
  int used = 0, oh = 0, om = 0;
  long long t = LLONG_MIN;
  if (sscanf(buf, "%4d-%2d-%2dT%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
             &tm.tm_min, &used) == 5) {
    const char *z = buf + used;
    while (*z == ':' || *z == '.' || jb_is_digit(*z))
      z++; /* seconds and their fraction */
    char sign = *z == 'Z' ? '+' : *z;
    if ((*z == 'Z' || ((*z == '+' || *z == '-') && sscanf(z + 1, "%2d:%2d", &oh, &om) >= 1)) &&
        tm.tm_mon >= 1 && tm.tm_mon <= 12) {
      tm.tm_year -= 1900;
      tm.tm_mon -= 1;
      t = (long long)timegm(&tm) - (sign == '-' ? -1 : 1) * (oh * 3600LL + om * 60LL);
    }
  } else if (n >= 10 && n <= 13 && strspn(buf, "0123456789") == n) {
    t = atoll(buf) / (n == 13 ? 1000 : 1); /* milliseconds on some pages */
  }
  if (t == LLONG_MIN)
    return jb_meta_find_date(v, out) >= 0;
  time_t local = (time_t)(t + 8 * 3600);
  struct tm d;
  return gmtime_r(&local, &d) && jb_meta_format_date(out, d.tm_year + 1900, d.tm_mon + 1, d.tm_mday);
}

static void
give_date(jb_ctx *ctx, jb_field *f, const cand *c)
{
  char d[11];
  if (f->origin != JB_ORIGIN_NONE || !c->value.n || !markup_date(c->value, d))
    return;
  f->value = jb_str_c(jb_arena_strndup(ctx->arena, d, 10));
  f->origin = JB_ORIGIN_MARKUP;
  f->line = c->line;
  f->rule = c->rule;
}

static void
choose_meta(jb_ctx *ctx, jb_source *src, const marks *m)
{
  jb_meta *out = &src->meta;
  /* The headline as the page shows it: the first h1–h3 that a title the
   * page states agrees with. */
  jb_buf a = JB_BUF_INIT, b = JB_BUF_INIT;
  const cand *titles[] = {&m->ld_headline, &m->og_title, &m->title};
  static const char *const rules[] = {"heading agreeing with the JSON-LD headline",
                                      "heading agreeing with og:title",
                                      "heading agreeing with <title>"};
  for (int level = 1; level <= 3 && out->title.origin == JB_ORIGIN_NONE; level++)
    for (size_t i = 0; i < m->nheads && out->title.origin == JB_ORIGIN_NONE; i++)
      for (size_t k = 0; k < 3 && m->head_level[i] == level; k++)
        if (agrees(m->heads[i].value, titles[k]->value, &a, &b)) {
          give(&out->title, &m->heads[i], rules[k]);
          break;
        }
  jb_buf_free(&a);
  jb_buf_free(&b);
  give(&out->title, &m->ld_headline, NULL);
  /* og:title and <title> without a heading to agree with are left to the
   * text rules, which see the headline where the page prints it. */
  /* Schema.org and Open Graph first; a site's own meta names and <time>
   * elements (which may date a comment or a related story) only where
   * the text has no date. */
  give_date(ctx, &out->date, &m->date_ld);
  give_date(ctx, &out->date, &m->date_std);
  give_date(ctx, &src->markup_date, &m->date_meta);
  give_date(ctx, &src->markup_date, &m->date_time);
  give(&out->source, &m->source_meta, NULL);
  give(&out->url, &m->canonical, NULL);
  give(&out->url, &m->og_url, NULL);
  give(&out->url, &m->ld_url, NULL);
  /* The site's name stands in for the publisher after the text rules
   * (a reprint's 来源 line names the original). */
  give(&src->markup_site, m->site_ld.value.n ? &m->site_ld : &m->site_og, NULL);
}

/* ---- the page ------------------------------------------------------------- */

int
jb_html_render(jb_ctx *ctx, jb_source *src, const char *bytes, size_t n, char **text, size_t *len)
{
  jb_pos pos = {src->path, 0, 0, 0};
  if (n > JB_HTML_MAX_BYTES) {
    jb_diag(&ctx->diags, JB_D_READ, pos, "an HTML page larger than %u MB", JB_HTML_MAX_BYTES >> 20);
    return -1;
  }
  char declared[32];
  decoding dec;
  detect(bytes, n, declared, &dec);
  const char *cs = dec.cs;
  if (!cs) {
    if (declared[0])
      jb_diag(&ctx->diags, JB_D_CHARSET, pos, "\"%s\" is not a charset iconv knows", declared);
    else
      jb_diag(&ctx->diags, JB_D_CHARSET, pos,
              "no declaration, and neither UTF-8, GB18030 nor Big5 reads it");
    return -1;
  }
  src->charset = jb_arena_strndup(ctx->arena, cs, strlen(cs));
  src->charset_declared = declared[0] ? jb_arena_strndup(ctx->arena, declared, strlen(declared)) : NULL;
  const char *decl = declared[0] ? charset_name(declared) : NULL;
  if (decl && strcmp(decl, cs) != 0)
    jb_diag(&ctx->diags, JB_D_NOTE_CHARSET, pos, "declares \"%s\" but reads as %s", declared, cs);
  char *u8 = dec.text;
  size_t u8n = dec.n;
  long bad = dec.bad;
  if (dec.verbatim) {
    u8 = jb_xstrndup(bytes, n);
    u8n = n;
  } else if (!u8) {
    bad = decode(cs, bytes, n, &u8, &u8n);
    if (bad < 0) {
      jb_diag(&ctx->diags, JB_D_CHARSET, pos, "iconv cannot read \"%s\"", cs);
      return -1;
    }
  }
  if (bad)
    jb_diag(&ctx->diags, JB_D_HTML_BYTES, pos, "%ld bytes that are not %s replaced by U+FFFD", bad, cs);
  /* A NUL is no text; the parser reads up to length anyway. */
  for (size_t i = 0; i < u8n; i++)
    if (!u8[i])
      u8[i] = ' ';

  u8n = strip_code(u8, u8n);
  jb_arena *dom = jb_arena_new();
  GumboOptions opt = kGumboDefaultOptions;
  opt.allocator = arena_alloc;
  opt.deallocator = arena_free;
  opt.userdata = dom;
  opt.max_errors = 0;
  GumboOutput *g = gumbo_parse_with_options(&opt, u8, u8n);
  render r = {.ctx = ctx, .src = src, .dom = dom, .out = JB_BUF_INIT};
  r.body_text = text_bytes(g->root);
  walk(&r, g->document);
  if (r.has)
    end_line(&r);
  if (r.deep) {
    jb_diag(&ctx->diags, JB_D_HTML_LIMIT, pos, "elements nested deeper than %d are not read",
            JB_HTML_MAX_DEPTH);
  }
  if (r.nodes > JB_HTML_MAX_NODES) {
    jb_diag(&ctx->diags, JB_D_HTML_LIMIT, pos, "more than %d nodes; the rest is not read",
            JB_HTML_MAX_NODES);
  }
  choose_meta(ctx, src, &r.m);

  size_t han = 0;
  for (jb_str it = jb_str_make(r.out.p ? r.out.p : "", r.out.n); it.n && han < JS_SHELL_HAN;)
    han += jb_cp_is_han(jb_utf8_next(&it));
  if (han < JS_SHELL_HAN && r.m.scripts)
    jb_diag(&ctx->diags, JB_D_HTML_SCRIPT, pos, NULL);
  size_t k = 0;
  while (k < r.out.n && (r.out.p[k] == '\n' || r.out.p[k] == ' '))
    k++;
  bool empty = k == r.out.n;
  if (empty)
    jb_diag(&ctx->diags, JB_D_NO_TEXT, pos, "the page shows no text");

  *len = r.out.n;
  *text = jb_arena_strndup(ctx->arena, r.out.p ? r.out.p : "", r.out.n);
  uint32_t *map = jb_arena_alloc(ctx->arena, (r.nmap + 1) * sizeof *map);
  if (r.nmap)
    memcpy(map, r.map, r.nmap * sizeof *map);
  uint8_t *hints = jb_arena_alloc(ctx->arena, r.nmap + 1);
  if (r.nmap)
    memcpy(hints, r.hints, r.nmap);
  src->markup_line = map;
  src->markup_hint = hints;
  src->markup_lines = r.nmap;
  jb_buf_free(&r.out);
  free(r.map);
  free(r.hints);
  free(r.marks);
  free(r.ol);
  jb_arena_free(dom);
  free(u8);
  return empty ? -1 : 0;
}
