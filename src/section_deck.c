/* section_deck.c - section stage: slide decks that a document site turned
 * into one line of text (seed 003). The deck's own 目录 lists its parts
 * right after the deck title; every slide repeats the deck title and its
 * part title as headers; each slide is a subtitle and numbered points.
 * The parts are read off the 目录 text by matching it against the slides'
 * headers, the headers are removed, and the slides are read off. */
#include <stdlib.h>

#include "buf.h"
#include "meta.h"
#include "section.h"
#include "utf8.h"

#define PART_MIN_CP 4       /* shortest part title */
#define PART_MAX_CP 40      /* longest */
#define PART_MIN_REPEAT 2   /* a part title heads at least two slides */
#define POINT_MAX 99        /* numbered points per slide */

static const char *const toc_markers[] = {"ContentsPage目录页", "Contents目录页",
                                          "CONTENTS目录", "Contents目录", "目录页",
                                          "目錄頁", "目录", "目錄", NULL};

static size_t
count_upto(jb_str hay, jb_str needle, size_t stop)
{
  size_t k = 0;
  for (jb_str rest = hay; k < stop;) {
    long at = jb_str_find_str(rest, needle);
    if (at < 0)
      break;
    k++;
    rest = jb_str_skip(rest, (size_t)at + needle.n);
  }
  return k;
}

/* Bytes of the longest common prefix of a and b, at a character boundary. */
static size_t
common_prefix(jb_str a, jb_str b)
{
  size_t n = 0;
  while (n < a.n && n < b.n && a.p[n] == b.p[n])
    n++;
  while (n > 0 && n < a.n && ((unsigned char)a.p[n] & 0xC0) == 0x80)
    n--;
  return n;
}

typedef struct splitter {
  jb_str toc, body;
  jb_str heads[64];
  size_t nh;
  bool *dead;   /* per byte of toc: no split of the rest from here */
  jb_str *parts;
  size_t np, max;
} splitter;

/* Split toc from byte at into parts, longest first, backing off when the
 * rest cannot be split: a part ends where the next part's header begins. */
static bool
split_from(splitter *sp, size_t at)
{
  if (at == sp->toc.n)
    return true;
  if (sp->dead[at] || sp->np == sp->max)
    return false;
  jb_str left = jb_str_skip(sp->toc, at);
  size_t len = 0;
  for (size_t h = 0; h < sp->nh; h++) {
    size_t l = common_prefix(left, sp->heads[h]);
    if (l > len)
      len = l;
  }
  for (; len > 0; len--) {
    if (len < left.n && ((unsigned char)left.p[len] & 0xC0) == 0x80)
      continue; /* not a character boundary */
    jb_str part = jb_str_sub(left, 0, len);
    size_t cps = jb_utf8_count(part);
    if (cps < PART_MIN_CP)
      break;
    if (cps > PART_MAX_CP)
      continue;
    if (count_upto(sp->body, part, PART_MIN_REPEAT) < PART_MIN_REPEAT)
      continue;
    sp->parts[sp->np++] = part;
    if (split_from(sp, at + len))
      return true;
    sp->np--;
  }
  sp->dead[at] = true;
  return false;
}

/* Split toc into the part titles. Each part heads slides as "deck title,
 * part title" (or "deck title#.part title"), so a part is a common prefix
 * of the rest of toc and one of those headers that the slides repeat.
 * Returns the number of parts (0 on failure). */
static size_t
split_parts(jb_str toc, jb_str body, jb_str deck, jb_str *parts, size_t max)
{
  splitter sp;
  memset(&sp, 0, sizeof sp);
  sp.toc = toc;
  sp.body = body;
  sp.parts = parts;
  sp.max = max;
  for (jb_str rest = body; sp.nh < 64;) {
    long at = jb_str_find_str(rest, deck);
    if (at < 0)
      break;
    jb_str h = jb_str_skip(rest, (size_t)at + deck.n);
    if (jb_str_starts(h, "#."))
      h = jb_str_skip(h, 2);
    sp.heads[sp.nh++] = jb_str_sub(h, 0, PART_MAX_CP * 4 + 8);
    rest = jb_str_skip(rest, (size_t)at + deck.n);
  }
  sp.dead = jb_xcalloc(toc.n + 1, sizeof *sp.dead);
  bool ok = toc.n && split_from(&sp, 0);
  free(sp.dead);
  return ok && sp.np >= 2 ? sp.np : 0;
}

/* Copy s without any occurrence of the header strings. */
static jb_str
strip_headers(jb_arena *a, jb_str s, const jb_str *heads, size_t nheads)
{
  char *out = jb_arena_alloc(a, s.n + 1);
  size_t k = 0, i = 0;
  /* next[h]: the first occurrence of head h at or after i (s.n: none). */
  size_t next[8];
  nheads = nheads < 8 ? nheads : 8;
  for (size_t h = 0; h < nheads; h++)
    next[h] = (size_t)-1;
  while (i < s.n) {
    size_t at = s.n, len = 0;
    for (size_t h = 0; h < nheads; h++) {
      if (!heads[h].n)
        continue;
      if (next[h] == (size_t)-1 || next[h] < i) {
        long f = jb_str_find_str(jb_str_skip(s, i), heads[h]);
        next[h] = f < 0 ? s.n : i + (size_t)f;
      }
      if (next[h] < at) { /* ties go to the earlier head */
        at = next[h];
        len = heads[h].n;
      }
    }
    memcpy(out + k, s.p + i, at - i);
    k += at - i;
    i = at + len;
  }
  return jb_str_make(out, k);
}

static bool
is_stop(uint32_t cp)
{
  return jb_cp_ends_sentence(cp) || cp == 0xFF1B;
}

/* Offset just past the last sentence end in s[from..to), or to if none. */
static size_t
after_last_stop(jb_str s, size_t from, size_t to)
{
  size_t end = to;
  bool found = false;
  for (jb_str it = jb_str_make(s.p + from, to - from); it.n;) {
    uint32_t cp = jb_utf8_next(&it);
    if (is_stop(cp)) {
      end = (size_t)(it.p - s.p);
      found = true;
    }
  }
  return found ? end : to;
}

static jb_str
trim_title(jb_str t)
{
  t = jb_str_trim(t);
  for (;;) {
    size_t len;
    uint32_t cp = jb_utf8_last(t, &len);
    if (cp == ',' || cp == ':' || cp == 0xFF0C || cp == 0xFF1A || cp == 0x3001)
      t.n -= len;
    else
      break;
  }
  return jb_str_trim(t);
}

typedef struct marker {
  size_t at, end; /* "12." spans [at, end) */
  int num;
} marker;

typedef struct slide {
  jb_str title;
  size_t first, count; /* its points in the point list */
} slide;

typedef struct deck {
  jb_deck_item *items;
  size_t n, cap;
} deck;

static void
emit(deck *d, int level, int number, jb_str text)
{
  jb_deck_item *it = JB_PUSH_HEAP(d->items, d->n, d->cap);
  it->level = level;
  it->number = number;
  it->text = text;
}

/* A title chunk may hold several titles ("A:B:"): the slide that lost its
 * own title to the end of the page gets the first ones. */
static void
assign_titles(jb_str chunk, slide *slides, size_t nslides, size_t cur)
{
  jb_str parts[8];
  size_t np = 0;
  jb_str rest = chunk;
  while (rest.n && np < 8) {
    long c1 = jb_str_find(rest, ":"), c2 = jb_str_find(rest, "：");
    long c = c1 < 0 ? c2 : c2 < 0 ? c1 : (c1 < c2 ? c1 : c2);
    size_t cut = c < 0 ? rest.n : (size_t)c;
    jb_str t = trim_title(jb_str_sub(rest, 0, cut));
    if (t.n)
      parts[np++] = t;
    rest = c < 0 ? jb_str_make(NULL, 0) : jb_str_skip(rest, cut + (c == c1 ? 1 : 3));
  }
  if (!np)
    return;
  /* All but the last go to earlier untitled slides, latest first. */
  size_t p = np - 1;
  for (size_t s = cur; p > 0 && s-- > 0;)
    if (!slides[s].title.n)
      slides[s].title = parts[--p];
  if (cur < nslides)
    slides[cur].title = parts[np - 1];
}

static void
read_slides(jb_str s, deck *d)
{
  marker *m = NULL;
  size_t nm = 0, cm = 0;
  int expect = 1;
  for (size_t i = 0; i < s.n; i++) {
    if (s.p[i] < '0' || s.p[i] > '9' || (i > 0 && ((s.p[i - 1] >= '0' && s.p[i - 1] <= '9') || s.p[i - 1] == '.')))
      continue;
    size_t j = i;
    int v = 0;
    while (j < s.n && s.p[j] >= '0' && s.p[j] <= '9' && v <= POINT_MAX)
      v = v * 10 + (s.p[j++] - '0');
    if (j >= s.n || s.p[j] != '.' || (j + 1 < s.n && s.p[j + 1] >= '0' && s.p[j + 1] <= '9'))
      continue;
    if (v != 1 && v != expect)
      continue;
    marker *k = JB_PUSH_HEAP(m, nm, cm);
    k->at = i;
    k->end = j + 1;
    k->num = v;
    expect = v + 1;
  }
  if (!nm) {
    jb_str t = trim_title(s);
    if (t.n)
      emit(d, 2, 0, t);
    free(m);
    return;
  }
  /* Slides start at each "1."; a point runs to the next marker, the last
   * one of a slide to its last full stop before the next slide's title. */
  slide *sl = jb_xcalloc(nm + 1, sizeof *sl);
  jb_str *pt = jb_xcalloc(nm + 1, sizeof *pt);
  int *pn = jb_xcalloc(nm + 1, sizeof *pn);
  size_t ns = 0;
  for (size_t k = 0; k < nm; k++) {
    if (m[k].num == 1) {
      /* Without a full stop before it there is no title either. */
      size_t title_at = k ? after_last_stop(s, m[k - 1].end, m[k].at) : 0;
      if (k)
        pt[k - 1] = jb_str_make(s.p + m[k - 1].end, title_at - m[k - 1].end);
      sl[ns].first = k;
      sl[ns].count = 0;
      assign_titles(jb_str_make(s.p + title_at, m[k].at - title_at), sl, nm + 1, ns);
      ns++;
    } else {
      pt[k - 1] = jb_str_make(s.p + m[k - 1].end, m[k].at - m[k - 1].end);
    }
    pn[k] = m[k].num;
    sl[ns - 1].count++;
  }
  size_t last_end = after_last_stop(s, m[nm - 1].end, s.n);
  pt[nm - 1] = jb_str_make(s.p + m[nm - 1].end, last_end - m[nm - 1].end);
  /* Text after the last full stop is the title of an untitled slide. */
  jb_str tail = trim_title(jb_str_make(s.p + last_end, s.n - last_end));
  if (tail.n && last_end < s.n) {
    size_t s2 = ns;
    while (s2 > 0 && sl[s2 - 1].title.n)
      s2--;
    if (s2 > 0)
      sl[s2 - 1].title = tail;
    else
      pt[nm - 1] = jb_str_make(s.p + m[nm - 1].end, s.n - m[nm - 1].end);
  } else if (last_end < s.n) {
    pt[nm - 1] = jb_str_make(s.p + m[nm - 1].end, s.n - m[nm - 1].end);
  }
  for (size_t i = 0; i < ns; i++) {
    if (sl[i].title.n)
      emit(d, 2, 0, sl[i].title);
    for (size_t k = sl[i].first; k < sl[i].first + sl[i].count; k++) {
      jb_str t = jb_str_trim(pt[k]);
      if (t.n)
        emit(d, 0, pn[k], t);
    }
  }
  free(sl);
  free(pt);
  free(pn);
  free(m);
}

size_t
jb_section_deck(jb_arena *a, jb_str text, jb_str *title, jb_deck_item **items)
{
  *items = NULL;
  jb_str dt = jb_meta_deck_title(text);
  if (!dt.n)
    return 0;
  size_t mat = 0, mlen = 0;
  for (int k = 0; toc_markers[k]; k++) {
    long at = jb_str_find(jb_str_skip(text, dt.n), toc_markers[k]);
    if (at >= 0 && (!mlen || (size_t)at + dt.n < mat)) {
      mat = (size_t)at + dt.n;
      mlen = strlen(toc_markers[k]);
    }
  }
  if (!mlen)
    return 0;
  jb_str toc = jb_str_sub(text, dt.n, mat - dt.n);
  jb_str body = jb_str_skip(text, mat + mlen);
  jb_str parts[32];
  size_t np = split_parts(toc, body, dt, parts, 32);
  if (!np)
    return 0;
  /* Each part starts where its title first heads a slide. */
  size_t start[33];
  size_t from = 0;
  for (size_t i = 0; i < np; i++) {
    long at = jb_str_find_str(jb_str_skip(body, from), parts[i]);
    if (at < 0)
      return 0;
    start[i] = from + (size_t)at;
    from = start[i] + parts[i].n;
  }
  start[np] = body.n;
  deck d = {NULL, 0, 0};
  for (size_t i = 0; i < np; i++) {
    emit(&d, 1, 0, parts[i]);
    jb_str seg = jb_str_make(body.p + start[i], start[i + 1] - start[i]);
    jb_str heads[3] = {dt, parts[i], JB_STR_LIT("#.")};
    read_slides(strip_headers(a, seg, heads, 3), &d);
  }
  *title = dt;
  *items = d.items;
  return d.n;
}
