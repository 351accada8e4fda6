/* test_glossary.c - SPEC §5: pinyin with tone marks from CC-CEDICT's
 * numbered form; longest-match segmentation; terms ranked against general
 * text, with the dictionary's own glosses. Uses the pinned dictionaries. */
#include "testlib.h"
#include "buf.h"

#include "glossary.h"

static void
pinyin_tones(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
#define P(in, out) assert_str_equal(jb_glossary_pinyin(ctx->arena, jb_str_c(in)), out)
  P("wang3 luo4", "wǎng luò");
  P("an1 quan2", "ān quán");
  P("ma1 ma2 ma3 ma4 ma5", "mā má mǎ mà ma");
  P("lu:4", "lǜ");                 /* ü with a tone */
  P("nu:3 er2", "nǚ ér");
  P("lu:5", "lü");                 /* ü in the neutral tone */
  P("shou3 zhi5", "shǒu zhi");     /* neutral tone: no mark */
  P("yi1 dian3 r5", "yī diǎnr");   /* erhua joins the syllable before */
  P("dou1", "dōu");                /* ou: the mark on o */
  P("gui4", "guì");                /* otherwise the last vowel */
  P("xiong2", "xióng");
  P("Zhong1 guo2", "Zhōng guó");   /* capitals kept */
  P("E4 guo2", "È guó");
  P("A A zhi4", "A A zhì");        /* letters without a tone pass */
#undef P
  test_ctx_free(ctx);
}

typedef struct words {
  jb_buf b;
} words;

static void
collect(void *ud, jb_str w)
{
  words *ws = ud;
  if (ws->b.n)
    jb_buf_putc(&ws->b, '/');
  jb_buf_put_str(&ws->b, w);
}

static jb_lexicon *lx;

static int
setup(void **state)
{
  (void)state;
  jb_diags d = {0};
  lx = jb_lexicon_load("data/cedict_ts.u8", "data/dict.txt", &d);
  jb_diags_free(&d);
  return lx ? 0 : -1;
}

static int
teardown(void **state)
{
  (void)state;
  jb_lexicon_free(lx);
  return 0;
}

static void
segmentation(void **state)
{
  (void)state;
  words ws = {JB_BUF_INIT};
  jb_lexicon_segment(lx, jb_str_c("加强网络空间国际合作"), collect, &ws);
  assert_string_equal(ws.b.p, "加强/网络空间/国际/合作");
  jb_buf_reset(&ws.b);
  /* Forward longest match alone would read 和服 (kimono) here. */
  jb_lexicon_segment(lx, jb_str_c("产品和服务"), collect, &ws);
  assert_string_equal(ws.b.p, "产品/服务");
  jb_buf_reset(&ws.b);
  /* Only runs of Han are looked up; single characters are not reported. */
  jb_lexicon_segment(lx, jb_str_c("ITU是联合国机构"), collect, &ws);
  assert_string_equal(ws.b.p, "联合国/机构");
  jb_buf_free(&ws.b);
}

static void
ranking_prefers_corpus_words(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  jb_source *s = JB_PUSH(ctx->arena, doc.srcs, doc.nsrcs, doc.capsrcs);
  s->path = s->name = "t";
  const char *paras[] = {
      "勒索软件攻击医院，勒索软件问题专业性强。我们认为勒索软件是网络犯罪。",
      "我们需要加强合作，打击勒索软件和网络犯罪，我们也要保护关键基础设施。",
      "关键基础设施面临风险，我们呼吁各方保护关键基础设施，打击网络犯罪。",
  };
  for (int i = 0; i < 3; i++)
    jb_block_add_span(ctx, jb_doc_add_block(ctx, s, JB_BLOCK_PARA), jb_str_c(paras[i]), 0);
  jb_glossary_choose(ctx, &doc, lx, 10);
  /* 勒索软件, 网络犯罪, 基础设施 occur three times or more; 我们 is common in
   * general text (and a stop word) and 认为 occurs once. */
  bool ransom = false, we = false;
  for (size_t i = 0; i < doc.nterms; i++) {
    ransom |= jb_str_eq_c(doc.terms[i].simp, "勒索软件");
    we |= jb_str_eq_c(doc.terms[i].simp, "我们");
    assert_true(doc.terms[i].count >= JB_GLOSSARY_MIN_COUNT);
    assert_true(doc.terms[i].gloss.n > 0);
  }
  assert_true(ransom);
  assert_false(we);
  const jb_term *t = NULL;
  for (size_t i = 0; i < doc.nterms; i++)
    if (jb_str_eq_c(doc.terms[i].simp, "勒索软件"))
      t = &doc.terms[i];
  assert_non_null(t);
  assert_str_equal(t->pinyin, "lè suǒ ruǎn jiàn");
  assert_str_equal(t->trad, "勒索軟件");
  assert_true(jb_str_starts(t->gloss, "ransomware"));
  test_ctx_free(ctx);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(pinyin_tones),
      cmocka_unit_test(segmentation),
      cmocka_unit_test(ranking_prefers_corpus_words),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
