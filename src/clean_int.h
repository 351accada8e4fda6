/* clean_int.h - shared by the clean stage's files only: the inline markdown
 * scanner, line features and the context-free verdict (clean_line.c), used
 * by the document pass (clean.c) and the span builder (clean_norm.c). */
#ifndef JB_CLEAN_INT_H
#define JB_CLEAN_INT_H

#include "buf.h"
#include "clean.h"

typedef enum jb_tok {
  JB_TOK_TEXT,  /* plain text */
  JB_TOK_LINK,  /* [label](url): text is the label with markup removed */
  JB_TOK_IMAGE, /* ![alt](src), or a stray "](url)" */
  JB_TOK_BOLD   /* ** toggles strong emphasis */
} jb_tok;

typedef void (*jb_tok_fn)(void *ud, jb_tok t, jb_str text, jb_str url);

/* Call fn for each inline token of s; depth limits nested link labels. */
void jb_clean_scan(jb_str s, int depth, jb_tok_fn fn, void *ud);
/* Markdown heading level and list marker at the start of a line; returns
 * the rest of the line. */
jb_str jb_clean_block_marks(jb_str t, int *heading, bool *item, int *number);
/* Features of a raw line; the visible text (markup removed) is appended to
 * visible when it is not NULL. */
void jb_clean_features(jb_str line, jb_line_info *info, jb_buf *visible);
/* Context-free verdict from the features and the visible text; *why gets
 * the feature or phrase family that fired. */
jb_drop jb_clean_verdict(const jb_line_info *in, jb_str visible, const char **why);
/* True for the heading of a notice block (温馨提示, 最新文档, 相关推荐). */
bool jb_clean_is_notice_head(jb_str visible);

#endif
