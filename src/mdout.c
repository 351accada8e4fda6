/* mdout.c - the briefing as markdown: headings carry {#id} anchors, links
 * keep their URLs, bold stays **bold**, citations stay [n]. */
#include "mdout.h"

#include <string.h>

/* Text as CommonMark reads it back: a backslash before every ASCII mark
 * that could open markup inside a line (emphasis, code, links, raw HTML,
 * entities, table cells), and, at the start of a block, before what would
 * make it a heading, quote, list item or rule. A line break is a space. */
static void
put_text_at(jb_buf *b, jb_str t, bool start)
{
  size_t lead = 0; /* digits at the block's start: "1." would be a list */
  for (size_t i = 0; i < t.n; i++) {
    char c = t.p[i];
    bool first = start && i == lead;
    if (start && i == lead && c >= '0' && c <= '9' && lead < 9) {
      lead++;
      jb_buf_putc(b, c);
      continue;
    }
    if (c == '\n' || c == '\r') {
      jb_buf_putc(b, ' ');
      continue;
    }
    bool mark = strchr("\\`*_[]<>&|~", c) != NULL ||
                (c == '!' && i + 1 < t.n && t.p[i + 1] == '[') ||
                (first && lead && (c == '.' || c == ')')) ||
                (first && !lead && strchr("#>-+=", c) != NULL);
    if (mark)
      jb_buf_putc(b, '\\');
    jb_buf_putc(b, c);
  }
}

static void
put_text(jb_buf *b, jb_str t)
{
  put_text_at(b, t, false);
}

static void
put_spans(jb_buf *b, const jb_block *blk)
{
  size_t start = b->n; /* where the block's text begins */
  for (size_t i = 0; i < blk->nspans; i++) {
    const jb_span *s = &blk->spans[i];
    bool bold = s->flags & JB_SPAN_BOLD;
    bool link = (s->flags & JB_SPAN_LINK) && s->url.n && !(s->flags & JB_SPAN_URL);
    /* a citation mark, [3]: no link follows it, so CommonMark keeps it
     * as typed; readers of the markdown look for it unescaped */
    if (s->flags & JB_SPAN_CITE) {
      jb_buf_put_str(b, s->text);
      continue;
    }
    if (s->flags & JB_SPAN_URL) {
      jb_buf_putc(b, '<');
      jb_buf_put_str(b, s->url);
      jb_buf_putc(b, '>');
      continue;
    }
    if (bold)
      jb_buf_puts(b, "**");
    if (link)
      jb_buf_putc(b, '[');
    put_text_at(b, s->text, b->n == start);
    if (link) {
      jb_buf_puts(b, "](");
      jb_buf_put_str(b, s->url);
      jb_buf_putc(b, ')');
    }
    if (bold)
      jb_buf_puts(b, "**");
  }
}

static void
front_matter(jb_buf *b, const char *key, jb_str v)
{
  if (!v.n)
    return;
  jb_buf_printf(b, "%s: ", key);
  jb_buf_json_str(b, v);
  jb_buf_putc(b, '\n');
}

void
jb_mdout_render(const jb_doc *doc, size_t pages, size_t documents, jb_buf *b)
{
  const jb_brief *br = &doc->brief;
  jb_buf_puts(b, "---\n");
  front_matter(b, "title", br->title);
  front_matter(b, "title_en", br->title_en);
  front_matter(b, "subtitle", br->subtitle);
  front_matter(b, "subtitle_en", br->subtitle_en);
  front_matter(b, "date", br->date);
  front_matter(b, "sources", br->count);
  jb_buf_printf(b, "documents: %zu\npages: %zu\n", documents, pages);
  jb_buf_puts(b, "---\n");
  for (size_t c = 0; c < br->nchapters; c++) {
    const jb_chapter *ch = &br->chapters[c];
    jb_buf_puts(b, "\n# ");
    if (ch->label.n) {
      jb_buf_put_str(b, ch->label);
      jb_buf_puts(b, " ");
    }
    put_text(b, ch->title);
    if (ch->title_en.n) {
      jb_buf_puts(b, " ");
      put_text(b, ch->title_en);
    }
    jb_buf_printf(b, " {#a%d}\n", ch->anchor);
    for (size_t i = 0; i < ch->nblocks; i++) {
      const jb_block *blk = ch->blocks[i];
      /* Table rows follow each other without a blank line. */
      if (!(blk->kind == JB_BLOCK_ROW && i && ch->blocks[i - 1]->kind == JB_BLOCK_ROW))
        jb_buf_putc(b, '\n');
      switch (blk->kind) {
      case JB_BLOCK_HEADING:
        for (int k = 0; k < blk->level + 1 && k < 6; k++)
          jb_buf_putc(b, '#');
        jb_buf_putc(b, ' ');
        put_spans(b, blk);
        jb_buf_printf(b, " {#a%d}", blk->anchor);
        break;
      case JB_BLOCK_ITEM:
        if (blk->flags & JB_BLOCK_UNMARKED)
          ; /* the text carries its marker (一是) */
        else if (blk->level > 0)
          jb_buf_printf(b, "%d. ", blk->level);
        else
          jb_buf_puts(b, "- ");
        put_spans(b, blk);
        break;
      case JB_BLOCK_META:
        jb_buf_puts(b, "> ");
        put_spans(b, blk);
        break;
      case JB_BLOCK_ROW:
        for (size_t k = 0; k < blk->nspans; k++) {
          jb_buf_puts(b, (blk->spans[k].flags & JB_SPAN_CELL) ? "| " : " ");
          put_text(b, blk->spans[k].text);
          jb_buf_putc(b, ' ');
        }
        jb_buf_putc(b, '|');
        if (blk->level == 1) {
          jb_buf_putc(b, '\n');
          for (size_t k = 0; k < blk->nspans; k++)
            if (blk->spans[k].flags & JB_SPAN_CELL)
              jb_buf_puts(b, "|---");
          jb_buf_putc(b, '|');
        }
        break;
      case JB_BLOCK_REF:
      case JB_BLOCK_PARA:
        put_spans(b, blk);
        break;
      }
      jb_buf_putc(b, '\n');
    }
  }
}
