/* datadir.h - where jianbao finds its templates, fonts and data, in this
 * order: --datadir DIR, $JIANBAO_DATADIR, the build tree the binary runs
 * from (build/jianbao in a checkout), the share folder compiled in
 * (JB_DATADIR, $(PREFIX)/share/jianbao). Each resource comes from the
 * first place that has it; a missing one is reported with every place
 * looked. */
#ifndef JB_DATADIR_H
#define JB_DATADIR_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"

#define JB_DATADIR_MAX 4

/* The share folder compiled in (the Makefile's $(DATADIR)). */
#ifndef JB_DATADIR
#define JB_DATADIR "/usr/local/share/jianbao"
#endif

typedef struct jb_datadirs {
  char *dir[JB_DATADIR_MAX];  /* heap, no trailing slash */
  const char *why[JB_DATADIR_MAX]; /* "--datadir", "JIANBAO_DATADIR", ... */
  size_t n;
} jb_datadirs;

/* The places, in order; opt_dir is --datadir or NULL. */
void jb_datadirs_init(jb_datadirs *dd, const char *opt_dir);
void jb_datadirs_free(jb_datadirs *dd);
/* dir/rel of the first place that has rel (a readable file), heap; NULL
 * when none has it. */
char *jb_datadirs_find(const jb_datadirs *dd, const char *rel);
/* Every place looked for rel, "A/rel, B/rel", appended to b. */
void jb_datadirs_places(const jb_datadirs *dd, const char *rel, jb_buf *b);
/* Whether a -t argument names a template ("a5-handout") rather than a
 * file ("my.conf", "dir/t.conf"); then its path in a data folder is
 * templates/NAME.conf. */
int jb_template_is_name(const char *arg);
/* The template a -t argument means: a file as given, or for a name the
 * first templates/NAME.conf of the data folders. Heap; NULL after
 * reporting a name no folder has, with every place looked. */
char *jb_find_template(const jb_datadirs *dd, const char *arg, jb_diags *d);
/* Every template of the data folders, a line each: its name, its file and
 * the first line of its comment; a name found twice is the first's. */
void jb_list_templates(const jb_datadirs *dd, jb_buf *out);

#endif
