/* output.h - staging the run's outputs and putting them in place together
 * (output.c), under a lock on their folder. */
#ifndef JB_OUTPUT_H
#define JB_OUTPUT_H

#include "doc.h"

#define JB_OUTPUTS_MAX 3

typedef struct jb_output_file {
  const char *path;
  char *tmp;      /* its temporary name in the same folder */
  char *backup;   /* the previous file's second name while committing */
  int fd;
  bool named;     /* tmp exists */
  bool had_old;   /* a previous file was there */
  bool synced;    /* written and flushed to disk by jb_output_settle */
  char where[64]; /* a name to open the unnamed file by */
} jb_output_file;

typedef struct jb_outputs {
  int lockfd;     /* the folder, locked; -1 */
  jb_output_file files[JB_OUTPUTS_MAX];
  size_t n;
} jb_outputs;

/* Lock the folder of path against other runs: wait for one that holds it
 * (a note says so), or with !wait fail at once. Returns 0, or -1
 * (reported). */
int jb_output_lock(jb_ctx *ctx, jb_outputs *o, const char *path, bool wait);
void jb_output_unlock(jb_outputs *o);

/* Stage a new file for path, unnamed in its folder (or under a temporary
 * name where the file system cannot); NULL on failure (reported). Files
 * are put in place in the order they were opened: the PDF last. */
jb_output_file *jb_output_open(jb_ctx *ctx, jb_outputs *o, const char *path);
/* A path to write the staged file by (for libharu). */
const char *jb_output_where(const jb_output_file *f);
int jb_output_write(jb_ctx *ctx, jb_output_file *f, jb_str data);
/* Write data to f and flush it to disk, on any thread (it touches only
 * f; the commit then has less to wait for): 0, or the error, which
 * jb_output_report reports on the run's thread. */
int jb_output_settle(jb_output_file *f, jb_str data);
void jb_output_report(jb_ctx *ctx, const jb_output_file *f, int err);
/* The staged file ends with tail (a PDF cut short does not). */
bool jb_output_ends_with(const jb_output_file *f, const char *tail);
/* Start writing f's data to disk (it was written by another stream, such
 * as libharu's); jb_output_write does it for its own. */
void jb_output_start_flush(const jb_output_file *f);

/* Put every staged file in place, or none: a file that cannot be renamed
 * puts back those already replaced. Signals that end the run wait until
 * it is done. Returns 0, or -1 (reported). */
int jb_output_commit(jb_ctx *ctx, jb_outputs *o);
/* Drop what is staged. */
void jb_output_abort(jb_outputs *o);

/* Under the lock: a run killed while it put its files in place left the
 * previous ones under a second name (path.old<pid>), and perhaps new ones
 * under a temporary name: the previous ones are put back, the others
 * removed. True if anything was put back. (Not thread-safe: once, at the
 * start of a run.) */
bool jb_output_recover(const char *const *paths, size_t n);

/* The previous briefing's documents and pages, from the machine fields of
 * the markdown's front matter; false if there is none. */
bool jb_output_previous(const char *md_path, size_t *docs, size_t *pages);

#endif
