/* bench_dedup.c - how dedup time grows with the corpus (SPEC §6: no
 * all-pairs comparison). Builds N paragraphs from the seeds' sentences
 * with a fixed generator: fresh combinations, exact copies, near copies
 * (two characters changed) and contained copies (a subset of an earlier
 * paragraph's sentences); times jb_dedup_run and prints one row per N.
 * Usage: bench_dedup SEED_DIR N... */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "dedup.h"
#include "utf8.h"

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static uint32_t
rnd(uint32_t n)
{
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (uint32_t)(rng % n);
}

static jb_str *pool;
static size_t npool, cappool;

static void
load_sentences(const char *dir)
{
  DIR *d = opendir(dir);
  struct dirent *e;
  while (d && (e = readdir(d))) {
    if (e->d_name[0] == '.')
      continue;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    FILE *f = fopen(path, "rb");
    if (!f)
      continue;
    char *buf = jb_xmalloc(1 << 20);
    size_t n = fread(buf, 1, (1 << 20) - 1, f);
    fclose(f);
    size_t start = 0;
    for (jb_str it = jb_str_make(buf, n); it.n;) {
      uint32_t cp = jb_utf8_next(&it);
      size_t at = (size_t)(it.p - buf);
      if (cp != 0x3002)
        continue;
      jb_str s = jb_str_trim(jb_str_make(buf + start, at - start));
      size_t han = 0;
      for (jb_str h = s; h.n;)
        han += jb_cp_is_han(jb_utf8_next(&h));
      if (han >= 15 && han * 10 >= jb_utf8_count(s) * 8 && jb_utf8_check(s.p, s.n) < 0)
        *JB_PUSH_HEAP(pool, npool, cappool) = s;
      start = at;
    }
  }
  if (d)
    closedir(d);
}

static double
now_ms(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int
main(int argc, char **argv)
{
  if (argc < 3) {
    fprintf(stderr, "usage: bench_dedup SEED_DIR N...\n");
    return 2;
  }
  load_sentences(argv[1]);
  if (npool < 20) {
    fprintf(stderr, "bench_dedup: too few sentences in %s\n", argv[1]);
    return 1;
  }
  printf("%10s %10s %10s %8s %8s %10s %8s\n", "paragraphs", "exact", "near", "contain", "ms",
         "us/para", "ratio");
  double prev = 0;
  size_t prev_n = 0;
  for (int a = 2; a < argc; a++) {
    size_t n = (size_t)strtoul(argv[a], NULL, 10);
    jb_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.arena = jb_arena_new();
    jb_doc doc = {0};
    size_t per = 50;
    jb_str *texts = jb_xcalloc(n + 1, sizeof *texts);
    for (size_t i = 0; i < n; i++) {
      if (i % per == 0) {
        jb_source *s = JB_PUSH(ctx.arena, doc.srcs, doc.nsrcs, doc.capsrcs);
        s->index = (uint32_t)(doc.nsrcs - 1);
        s->path = s->name = "bench";
      }
      jb_source *s = &doc.srcs[doc.nsrcs - 1];
      uint32_t kind = rnd(10);
      jb_buf b = JB_BUF_INIT;
      if (i > 0 && kind < 2) { /* exact copy */
        jb_buf_put_str(&b, texts[rnd((uint32_t)i)]);
      } else if (i > 0 && kind < 3) { /* near: two characters changed */
        jb_str t = texts[rnd((uint32_t)i)];
        jb_buf_put_str(&b, t);
        for (int k = 0; k < 2 && b.n > 30; k++) {
          size_t at = 3 * (1 + rnd((uint32_t)(b.n / 3 - 2)));
          if (((unsigned char)b.p[at] & 0xF0) == 0xE0)
            memcpy(b.p + at, "国", 3);
        }
      } else if (i > 0 && kind < 4) { /* contained: the first sentence of one */
        jb_str t = texts[rnd((uint32_t)i)];
        long stop = jb_str_find(t, "。");
        jb_buf_put(&b, t.p, stop > 0 ? (size_t)stop + 3 : t.n);
      } else {
        uint32_t m = 2 + rnd(4);
        for (uint32_t k = 0; k < m; k++)
          jb_buf_put_str(&b, pool[rnd((uint32_t)npool)]);
      }
      texts[i] = jb_str_make(jb_arena_strndup(ctx.arena, b.p ? b.p : "", b.n), b.n);
      jb_buf_free(&b);
      jb_block *blk = jb_doc_add_block(&ctx, s, JB_BLOCK_PARA);
      blk->pos.line = (uint32_t)(i % per) + 1;
      jb_block_add_span(&ctx, blk, texts[i], 0);
    }
    double t0 = now_ms();
    jb_dedup_run(&ctx, &doc);
    double ms = now_ms() - t0;
    size_t cnt[JB_MERGE__COUNT] = {0};
    for (size_t k = 0; k < doc.nsrcs; k++)
      for (size_t i = 0; i < doc.srcs[k].nblocks; i++)
        cnt[doc.srcs[k].blocks[i].merge]++;
    char ratio[32] = "-";
    if (prev_n)
      snprintf(ratio, sizeof ratio, "%.2f", (ms / prev) / ((double)n / (double)prev_n));
    printf("%10zu %10zu %10zu %8zu %8.1f %10.2f %8s\n", n, cnt[JB_MERGE_EXACT], cnt[JB_MERGE_NEAR],
           cnt[JB_MERGE_CONTAINED], ms, ms * 1000 / (double)n, ratio);
    prev = ms;
    prev_n = n;
    free(texts);
    jb_diags_free(&ctx.diags);
    jb_arena_free(ctx.arena);
  }
  printf("ratio: time growth divided by size growth from the row above (1.0 = linear)\n");
  return 0;
}
