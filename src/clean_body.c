/* clean_body.c - clean stage: where the article is. The core is the run of
 * paragraphs with the most sentence text net of the debris inside it (a
 * maximum-sum segment, as Body Text Extraction does with tags; GNE's text
 * density without a DOM), never across the heading of a comment section, a
 * related list or a footer. The article then reaches up to the headline
 * (its standfirst and lead with it) and down to the end mark or the first
 * run of debris. Inside it, short lines between paragraphs are the
 * article's (jusText's context pass): headings, a poem's lines, the
 * one-line paragraphs of a WeChat post; a caption under a picture is not. */
#include <limits.h>
#include <stdlib.h>

#include "clean_int.h"
#include "meta.h"
#include "utf8.h"

#define GOOD_WEIGHT_MAX 400 /* one paragraph cannot outweigh any debris */
#define TEXT_WEIGHT_MAX 60
#define PROSE_MIN_HAN 40    /* enough Han to judge the function characters */
#define SHORT_COST 3        /* a short unpunctuated line inside the core */
#define HEADING_COST 1
#define META_COST 8
#define BAD_COST 10
#define LINK_COST_MAX 40
#define TAIL_JUNK 3         /* debris lines that end the article's tail */
#define HEAD_ABOVE 2        /* headings taken above the core without a title */
#define CAPTION_MAX_CP 8    /* a picture's label: 搜救现场。 */
#define COMMENT_SHARE 3     /* what text below a comment heading weighs */
#define HEADLINE_MAX_CP 100 /* a headline over a byline */
#define MENU_RUN 3          /* short lines in a row that can be a menu */
#define MENU_WORD_CP 4      /* a menu's entries are a word each */
#define NEXT_ARTICLE "from the next article's headline" /* an endless page */
#define BYLINE_LINES 2      /* a byline's lines above its dated one */
#define ARTICLE_MIN 150     /* text that makes an article before the next one */
#define KEEP_MIN_CP 60      /* a paragraph this long with a stop is never
                               dropped for its position alone */

static long
weight(const jb_unit *u)
{
  const jb_line_info *in = &u->in;
  if (u->flags & JB_UNIT_REPEAT)
    return -BAD_COST;
  switch (u->cls) {
  case JB_U_GOOD: {
    long w = (long)(in->cps < GOOD_WEIGHT_MAX ? in->cps : GOOD_WEIGHT_MAX);
    /* sentences without the function characters of prose: titles and
     * names strung together */
    return in->han >= PROSE_MIN_HAN && !in->function ? w / 2 : w;
  }
  case JB_U_TEXT: {
    long w = (long)in->cps / 2;
    return w < 1 ? 1 : w > TEXT_WEIGHT_MAX ? TEXT_WEIGHT_MAX : w;
  }
  case JB_U_SHORT:
    return (u->flags & JB_UNIT_HEADING) ? -HEADING_COST : -SHORT_COST;
  case JB_U_META:
    return -META_COST;
  case JB_U_BAD:
    break;
  }
  if (u->flags & JB_UNIT_IMAGE)
    return -1;
  if (u->drop == JB_DROP_LINK_ONLY) {
    long w = 8 + (long)in->link_cps / 4;
    return -(w < LINK_COST_MAX ? w : LINK_COST_MAX);
  }
  return -BAD_COST;
}

/* Unit i is a dated byline right under a line that reads as a headline:
 * the headline's index, else -1. */
static long
article_start(const jb_article *art, size_t i)
{
  const jb_unit *u = &art->u[i];
  char d[11];
  if (u->cls != JB_U_META || jb_meta_find_date(u->visible, d) < 0)
    return -1;
  /* over pictures, widget words and the byline's other lines (撰文：…) */
  size_t j = i, metas = 0;
  while (j > 0 && ((art->u[j - 1].flags & (JB_UNIT_IMAGE | JB_UNIT_SOFT)) ||
                   (art->u[j - 1].cls == JB_U_META && metas++ < BYLINE_LINES)))
    j--;
  if (!j)
    return -1;
  const jb_unit *h = &art->u[j - 1];
  uint32_t last = jb_utf8_last(h->visible, NULL);
  bool headline = (h->cls == JB_U_SHORT || h->cls == JB_U_TEXT || h->cls == JB_U_GOOD) &&
                  !(h->flags & (JB_UNIT_LISTED | JB_UNIT_REPEAT)) && h->in.cps >= 6 &&
                  h->in.cps <= HEADLINE_MAX_CP && last != 0x3002 && last != 0xFF0C;
  return headline ? (long)j - 1 : -1;
}

void
jb_clean_core(jb_article *art)
{
  long best = 0, run = 0;
  size_t r0 = 0;
  /* Below a comment section's heading or an editor tag, readers' posts
   * and promotions can outweigh a short article: text there counts a
   * third. */
  long share = 1, junk = 0;
  /* the best run since the last headline over a dated byline */
  long zone_best = 0, head = -1;
  bool started = false;
  art->core0 = 1;
  art->core1 = 0;
  art->head = -1;
  art->next_head = -1;
  for (size_t i = 0; i < art->n; i++) {
    if (art->u[i].flags & JB_UNIT_BARRIER) {
      run = 0;
      head = -1;
      if (art->u[i].drop == JB_DROP_COMMENT)
        share = COMMENT_SHARE;
      continue;
    }
    /* An editor tag ends an article: what follows is something else.
     * Under a headline, before any article, an attribution or a rights
     * line is the header's. */
    if ((art->u[i].flags & JB_UNIT_END) && run >= ARTICLE_MIN) {
      run = 0;
      head = -1;
      share = COMMENT_SHARE;
      continue;
    }
    /* A headline and its byline start an article: text above them is
     * another thing (a site's blurb, a teaser). A second one under a
     * whole article starts the next story of an endless page, which
     * counts a third like text under an end mark. */
    long h = article_start(art, i);
    if (h >= 0) {
      if (started && zone_best >= ARTICLE_MIN)
        share = COMMENT_SHARE;
      started = true;
      zone_best = 0;
      head = h;
      run = 0;
      continue;
    }
    /* Good and bad blocks cluster (jusText): a long run of debris
     * separates text more than its lines one by one. */
    long w = weight(&art->u[i]);
    if (w > 0)
      junk = 0;
    else if (!(art->u[i].flags & JB_UNIT_IMAGE))
      w = w * (long)(2 + junk++) / 2;
    if (run <= 0) {
      run = w;
      r0 = i;
    } else {
      run += w;
    }
    if (run > zone_best)
      zone_best = run;
    if (run / share > best) {
      best = run / share;
      art->core0 = r0;
      art->core1 = i;
      art->head = head;
    }
  }
  /* The next article's headline below the core ends this one. */
  for (size_t i = art->core1 + 1; i < art->n && art->core0 <= art->core1; i++)
    if ((art->next_head = article_start(art, i)) > (long)art->core1)
      break;
    else
      art->next_head = -1;
}

static bool
is_text(const jb_unit *u)
{
  return (u->cls == JB_U_TEXT || u->cls == JB_U_GOOD) && !(u->flags & JB_UNIT_REPEAT);
}

/* Debris the article flows across: a picture and its caption, a
 * placeholder, stray marks. */
static bool
transparent(const jb_unit *u)
{
  return u->cls == JB_U_BAD && (u->flags & (JB_UNIT_IMAGE | JB_UNIT_CAPTION));
}

static bool
next_solid_is(const jb_article *art, size_t i, long j)
{
  size_t k = i + 1;
  while (k < art->n && transparent(&art->u[k]))
    k++;
  return (long)k == j;
}

/* Units a short line passes over on its way to text: other short lines,
 * pictures, widget words. */
static bool
passable(const jb_unit *u)
{
  return u->cls == JB_U_SHORT || transparent(u) || (u->flags & JB_UNIT_SOFT);
}

/* For every unit in [lo, hi], the nearest text unit before it (prev) and
 * after it (next) reached over passable units, -1 if debris or the edge
 * comes first; and whether it is a short line in a menu: a run of at least
 * MENU_RUN short lines (pictures between them) of MENU_WORD_CP code points
 * or fewer on average. Linear passes, so long runs stay cheap. */
static void
neighbours(const jb_article *art, size_t lo, size_t hi, long *prev, long *next, bool *menu)
{
  long last = -1;
  for (size_t i = lo; i <= hi; i++) {
    prev[i] = last;
    last = is_text(&art->u[i]) ? (long)i : passable(&art->u[i]) ? last : -1;
  }
  last = -1;
  for (size_t i = hi + 1; i-- > lo;) {
    next[i] = last;
    last = is_text(&art->u[i]) ? (long)i : passable(&art->u[i]) ? last : -1;
  }
  for (size_t a = lo; a <= hi;) {
    const jb_unit *u = &art->u[a];
    if (u->cls != JB_U_SHORT && !transparent(u)) {
      menu[a++] = false;
      continue;
    }
    size_t b = a, lines = 0, cps = 0;
    for (; b <= hi && (art->u[b].cls == JB_U_SHORT || transparent(&art->u[b])); b++)
      if (art->u[b].cls == JB_U_SHORT) {
        lines++;
        cps += art->u[b].in.cps;
      }
    for (size_t k = a; k < b; k++)
      menu[k] = lines >= MENU_RUN && cps <= lines * MENU_WORD_CP && art->u[k].cls == JB_U_SHORT;
    a = b;
  }
}

static void
drop(jb_unit *u, jb_drop d, const char *why)
{
  u->drop = d;
  u->why = why;
  u->flags &= ~(unsigned)JB_UNIT_BODY;
}

/* A short sentence right under a picture: 搜救现场。 */
static bool
caption_below_picture(const jb_article *art, size_t i)
{
  const jb_unit *u = &art->u[i];
  if (!i || !(art->u[i - 1].flags & JB_UNIT_IMAGE) || u->in.cps > CAPTION_MAX_CP ||
      (u->flags & JB_UNIT_HEADING) || u->in.commas)
    return false;
  /* A caption stands alone; lines that run on are a poem's or a post's. */
  if (!u->blank_after && i + 1 < art->n && !(art->u[i + 1].flags & JB_UNIT_IMAGE))
    return false;
  return u->in.sentence_end && u->in.stops <= 1 && !u->in.commas;
}

void
jb_clean_body(jb_ctx *ctx, jb_article *art)
{
  (void)ctx;
  size_t n = art->n;
  jb_unit *u = art->u;
  if (art->core0 > art->core1) {
    /* No sentence text anywhere: keep what no rule dropped rather than
     * lose the page; but a page of one-word lines alone (a menu, a
     * consent wall's buttons) has no text to keep. */
    bool text = false;
    for (size_t i = 0; i < n && !text; i++)
      text = !u[i].drop && is_text(&u[i]);
    art->top = 0;
    art->bottom = n ? n - 1 : 0;
    for (size_t i = 0; i < n; i++)
      if (u[i].flags & JB_UNIT_REPEAT)
        drop(&u[i], JB_DROP_SITE, "repeated across the site's pages");
      else if (!text && (!u[i].drop || (u[i].flags & JB_UNIT_SOFT)))
        drop(&u[i], JB_DROP_MENU, "no sentence on the page: short lines alone");
      else if (!u[i].drop || (u[i].flags & JB_UNIT_SOFT)) {
        u[i].drop = JB_DROP_NONE;
        u[i].flags |= JB_UNIT_BODY;
      }
    return;
  }
  /* Up: to the headline; without one, over the lead and a heading or two. */
  size_t top = art->core0;
  const char *above = "before the article";
  bool weak_above = true, weak_below = true;
  if (art->title_end >= 0 && (size_t)art->title_end < art->core0) {
    top = (size_t)art->title_end + 1;
    above = "above the headline";
    weak_above = false;
  } else {
    size_t heads = 0;
    while (top > 0) {
      const jb_unit *v = &u[top - 1];
      if (is_text(v) || transparent(v))
        top--;
      else if (v->cls == JB_U_SHORT && (v->flags & JB_UNIT_HEADING) && heads < HEAD_ABOVE)
        top--, heads++;
      else
        break;
    }
  }
  /* Down: over the text that follows, to an end mark, a barrier, a byline
   * or a run of debris. */
  size_t bottom = art->core1, junk = 0;
  const char *below = "after the article";
  for (size_t i = art->core1 + 1; i < n; i++) {
    const jb_unit *v = &u[i];
    if ((long)i == art->next_head) {
      below = NEXT_ARTICLE;
      weak_below = false;
      break;
    }
    if (v->flags & (JB_UNIT_BARRIER | JB_UNIT_END)) {
      below = (v->flags & JB_UNIT_END) ? "after the article's end mark" : "after a comment, related or footer block";
      weak_below = false;
      break;
    }
    if (v->cls == JB_U_META) {
      below = "after the closing byline";
      weak_below = false;
      break;
    }
    if (is_text(v)) {
      bottom = i;
      junk = 0;
    } else if (!transparent(v) && ++junk >= TAIL_JUNK) {
      below = "after a run of page debris";
      break;
    }
  }
  art->top = top;
  /* Between the headline and the core, a run of debris (a video player, a
   * list of other stories) is not the article's: the text that hangs from
   * the headline and the text that leads into the core are; in between
   * only sentences are kept. */
  size_t gap0 = top, gap1 = top, j = 0;
  bool lead = false;
  for (size_t i = top; i < art->core0; i++)
    if (is_text(&u[i]))
      gap0 = i + 1, j = 0, lead = true;
    else if (lead && !transparent(&u[i]) && ++j >= TAIL_JUNK)
      break;
  if (j >= TAIL_JUNK) {
    gap1 = art->core0;
    for (size_t i = art->core0, k = 0; i-- > gap0;)
      if (is_text(&u[i]))
        gap1 = i, k = 0;
      else if (!transparent(&u[i]) && ++k >= TAIL_JUNK)
        break;
  }
  art->bottom = bottom;
  long *prevt = jb_xmalloc((n + 1) * sizeof *prevt), *nextt = jb_xmalloc((n + 1) * sizeof *nextt);
  bool *menu = jb_xcalloc(n + 1, sizeof *menu);
  neighbours(art, top, bottom, prevt, nextt, menu);
  for (size_t i = 0; i < n; i++) {
    jb_unit *v = &u[i];
    if ((v->flags & JB_UNIT_REPEAT) && (!v->drop || (v->flags & JB_UNIT_SOFT))) {
      drop(v, JB_DROP_SITE, "repeated across the site's pages");
      continue;
    }
    /* Below the article, the nearest end named on the way (an end mark, a
     * comment or related heading, a footer) is the evidence. */
    if ((long)i == art->next_head && i > bottom && weak_below) {
      below = NEXT_ARTICLE;
      weak_below = false;
    }
    if (i > bottom && (v->flags & (JB_UNIT_BARRIER | JB_UNIT_END))) {
      below = (v->flags & JB_UNIT_END) ? "after the article's end mark"
                                        : "after a comment, related or footer block";
      weak_below = false;
    }
    if (i < top || i > bottom) {
      if (v->drop && !(v->flags & JB_UNIT_SOFT))
        continue;
      bool weak = i < top ? weak_above : weak_below;
      /* A long paragraph of sentences is never dropped for where it stands
       * alone: without a named end it stays, and is reported. */
      if (weak && v->cls == JB_U_GOOD && v->in.cps >= KEEP_MIN_CP && v->in.stops) {
        v->drop = JB_DROP_NONE;
        v->flags |= JB_UNIT_BODY | JB_UNIT_WEAK;
        continue;
      }
      drop(v, JB_DROP_OUTSIDE, i < top ? above : below);
      if (weak)
        v->flags |= JB_UNIT_WEAK;
      continue;
    }
    if (v->drop && !(v->flags & JB_UNIT_SOFT))
      continue;
    if (i >= gap0 && i < gap1 && !(v->cls == JB_U_GOOD && v->in.sentence_end)) {
      drop(v, JB_DROP_OUTSIDE, "in a run of page debris inside the article");
      continue;
    }
    if (is_text(v) && !caption_below_picture(art, i)) {
      v->drop = JB_DROP_NONE;
      v->flags |= JB_UNIT_BODY;
      continue;
    }
    if (is_text(v)) {
      drop(v, JB_DROP_CAPTION, "short sentence under a picture");
      continue;
    }
    /* A short line: the article's where text follows it and text (or the
     * article's start, for a heading) comes before; but not in a run of
     * one-word lines, a menu. */
    if (menu[i]) {
      drop(v, JB_DROP_MENU, "run of one-word lines");
      continue;
    }
    long next = nextt[i], prev = prevt[i];
    /* A heading opens the text: marked as one, or right above it. */
    bool head = (v->flags & JB_UNIT_HEADING) || (next >= 0 && next_solid_is(art, i, next));
    if (next >= 0 && (prev >= 0 || head)) {
      v->drop = JB_DROP_NONE;
      v->flags |= JB_UNIT_BODY;
    } else if (!v->drop || (v->flags & JB_UNIT_SOFT)) {
      drop(v, JB_DROP_OUTSIDE, "short line not between paragraphs of the article");
      v->flags |= JB_UNIT_WEAK;
    }
  }
  free(prevt);
  free(nextt);
  free(menu);
}
