/* test_glossary.c - SPEC §5: pinyin with tone marks from CC-CEDICT's
 * numbered form; longest-match segmentation; terms ranked against general
 * text, with the dictionary's own glosses. Uses the pinned dictionaries. */
#include "testlib.h"
#include "buf.h"

#include <stdio.h>
#include <unistd.h>

#include "glossary.h"
#include "pinyin.h"

static void
pinyin_tones(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
#define P(in, out) assert_str_equal(jb_pinyin_marks(ctx->arena, jb_str_c(in)), out)
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
  assert_str_equal(t->pinyin, "lèsuǒ ruǎnjiàn");
  assert_str_equal(t->trad, "勒索軟件");
  assert_true(jb_str_starts(t->gloss, "ransomware"));
  test_ctx_free(ctx);
}

/* A dateline read by the segmenter as 3月2 + 日电 ("NEC") is no term: a
 * word that starts inside a number or a date in most of its occurrences
 * is left out. */
static void
no_terms_across_dates(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  jb_source *s = JB_PUSH(ctx->arena, doc.srcs, doc.nsrcs, doc.capsrcs);
  s->path = s->name = "t";
  const char *paras[] = {
      "新华社北京3月2日电 勒索软件攻击医院，勒索软件问题专业性强。",
      "新华社上海3月5日电 各方加强合作，打击勒索软件。",
      "新华社广州三月九日电 关键基础设施面临风险。",
      "中新社香港4月1日电 关键基础设施需要保护，关键基础设施很重要。",
  };
  for (int i = 0; i < 4; i++)
    jb_block_add_span(ctx, jb_doc_add_block(ctx, s, JB_BLOCK_PARA), jb_str_c(paras[i]), 0);
  assert_true(jb_lexicon_lookup(lx, jb_str_c("日电"), NULL)); /* in the dictionary */
  jb_glossary_choose(ctx, &doc, lx, 20);
  bool ransom = false;
  for (size_t i = 0; i < doc.nterms; i++) {
    if (jb_str_eq_c(doc.terms[i].simp, "日电"))
      fail_msg("日电 chosen from datelines");
    ransom |= jb_str_eq_c(doc.terms[i].simp, "勒索软件");
  }
  assert_true(ransom);
  test_ctx_free(ctx);
}

/* Hanyu Pinyin orthography (GB/T 16159-2012) from CC-CEDICT readings: a
 * word's syllables joined, compounds split at their words, an apostrophe
 * before a/o/e inside a word, capitals only for proper nouns (not for the
 * Internet, which CC-CEDICT capitalises), ü, erhua. */
static void
pinyin_orthography(void **state)
{
  (void)state;
  jb_arena *a = jb_arena_new();
  static const char *const cases[][2] = {
      {"安全", "ānquán"},        {"网络", "wǎngluò"},          {"合作", "hézuò"},
      {"治理", "zhìlǐ"},          {"人民", "rénmín"},           {"主权", "zhǔquán"},
      {"倡议", "chàngyì"},        {"命运", "mìngyùn"},          {"共同体", "gòngtóngtǐ"},
      {"国际社会", "guójì shèhuì"}, {"国际电信联盟", "guójì diànxìn liánméng"},
      {"基础设施", "jīchǔ shèshī"}, {"信息技术", "xìnxī jìshù"},   {"恐怖主义", "kǒngbù zhǔyì"},
      {"可持续发展", "kěchíxù fāzhǎn"}, {"发展中国家", "fāzhǎnzhōng guójiā"},
      {"西安", "Xī'ān"},          {"天安门", "Tiān'ānmén"},     {"延安", "Yán'ān"},
      {"长安", "Cháng'ān"},       {"平安", "píng'ān"},          {"档案", "dàng'àn"},
      {"方案", "fāng'àn"},        {"答案", "dá'àn"},            {"恩爱", "ēn'ài"},
      {"海鸥", "hǎi'ōu"},         {"女儿", "nǚ'ér"},            {"绿色", "lǜsè"},
      {"中国", "Zhōngguó"},       {"北京", "Běijīng"},          {"上海", "Shànghǎi"},
      {"美国", "Měiguó"},         {"欧洲", "Ōuzhōu"},           {"联合国", "Liánhéguó"},
      {"长江", "Cháng Jiāng"},    {"国务院", "Guówùyuàn"},
      {"中华人民共和国", "Zhōnghuá Rénmín Gònghéguó"}, {"天安门广场", "Tiān'ānmén Guǎngchǎng"},
      {"中美", "Zhōng-Měi"},      {"中日", "Zhōng-Rì"},
      {"互联网", "hùliánwǎng"},   {"因特网", "yīntèwǎng"},      {"一点儿", "yīdiǎnr"},
  };
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    jb_lex_entry e;
    if (!jb_lexicon_lookup(lx, jb_str_c(cases[k][0]), &e))
      fail_msg("%s: not in the dictionary", cases[k][0]);
    jb_str got = jb_glossary_orthography(a, lx, &e);
    if (!jb_str_eq_c(got, cases[k][1]))
      fail_msg("%s: %.*s, not %s", cases[k][0], (int)got.n, got.p, cases[k][1]);
  }
  jb_arena_free(a);
}

static void
write_file(const char *path, const char *text)
{
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
}

/* The compiled cache is written on the first load, used on the next, and
 * rebuilt when a text file changes; a damaged cache is rebuilt too. */
static void
cache_follows_the_text(void **state)
{
  (void)state;
  char dir[] = "/tmp/jb-lexicon-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char dict[64], freq[64], cache[80];
  snprintf(dict, sizeof dict, "%s/cedict.u8", dir);
  snprintf(freq, sizeof freq, "%s/freq.txt", dir);
  snprintf(cache, sizeof cache, "%s.jblx", dict);
  write_file(dict, "# test\n網絡 网络 [wang3 luo4] /network/\n");
  write_file(freq, "网络 100 n\n网 50 n\n络 10 n\n");
  jb_diags d = {0};
  words ws = {JB_BUF_INIT};
  for (int round = 0; round < 4; round++) {
    if (round == 2) /* a new entry, and the file's size changes */
      write_file(dict, "# test\n網絡 网络 [wang3 luo4] /network/\n空間 空间 [kong1 jian1] /space/\n");
    if (round == 3) { /* damage the cache: a truncated copy */
      assert_int_equal(truncate(cache, 100), 0);
    }
    jb_lexicon *t = jb_lexicon_load(dict, freq, &d);
    assert_non_null(t);
    assert_int_equal(access(cache, R_OK), 0);
    jb_buf_reset(&ws.b);
    jb_lexicon_segment(t, jb_str_c("网络空间"), collect, &ws);
    assert_string_equal(ws.b.p ? ws.b.p : "", round < 2 ? "网络" : "网络/空间");
    jb_lexicon_free(t);
  }
  assert_int_equal(d.n, 0);
  jb_buf_free(&ws.b);
  unlink(cache);
  unlink(dict);
  unlink(freq);
  rmdir(dir);
}

/* Missing text files are an error that names the file. */
static void
missing_dictionary(void **state)
{
  (void)state;
  jb_diags d = {0};
  assert_null(jb_lexicon_load("/nonexistent/cedict.u8", "data/dict.txt", &d));
  assert_int_equal(d.n, 1);
  assert_string_equal(d.recs[0].pos.file, "/nonexistent/cedict.u8");
  jb_diags_free(&d);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(pinyin_tones),
      cmocka_unit_test(segmentation),
      cmocka_unit_test(ranking_prefers_corpus_words),
      cmocka_unit_test(no_terms_across_dates),
      cmocka_unit_test(pinyin_orthography),
      cmocka_unit_test(cache_follows_the_text),
      cmocka_unit_test(missing_dictionary),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
