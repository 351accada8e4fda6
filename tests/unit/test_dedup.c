/* test_dedup.c - SPEC §2.5: exact, near and contained duplicates within and
 * across documents; the kept paragraph cites every source; similar but
 * different paragraphs stay apart. */
#include "testlib.h"

#include "dedup.h"

static jb_source *
src_of(jb_ctx *ctx, jb_doc *doc, const char *const *paras, size_t n)
{
  jb_source *s = JB_PUSH(ctx->arena, doc->srcs, doc->nsrcs, doc->capsrcs);
  s->index = (uint32_t)(doc->nsrcs - 1);
  s->path = s->name = "t.txt";
  for (size_t i = 0; i < n; i++) {
    jb_block *b = jb_doc_add_block(ctx, s, paras[i][0] == '#' ? JB_BLOCK_HEADING : JB_BLOCK_PARA);
    b->level = 1;
    b->pos.line = (uint32_t)i + 1;
    jb_block_add_span(ctx, b, jb_str_c(paras[i][0] == '#' ? paras[i] + 2 : paras[i]), 0);
  }
  return s;
}

/* Seed 004. */
static const char p004[] =
    "在高层的推动下，双方随后启动了打击网络犯罪及相关事项高级别联合对话。在已经进行的三次对话中，"
    "中美达成《打击网络犯罪及相关事项指导原则》，建立了热线机制，并就网络安全个案、网络反恐合作、"
    "执法培训等开展合作。";
/* The same with two words changed, as a reprint might. */
static const char p004_edit[] =
    "在高层推动下，双方随后启动了打击网络犯罪及相关事项高级别联合对话。在已经举行的三次对话中，"
    "中美达成《打击网络犯罪及相关事项指导原则》，建立了热线机制，并就网络安全个案、网络反恐合作、"
    "执法培训等开展合作。";
/* Seed 003: two templated points that are different statements. */
static const char p003a[] =
    "3.国际网络安全能力建设合作机制：为国际网络安全能力建设合作提供指导和框架的机制，包括国际网络安全能力建设论坛、工作组等。";
static const char p003b[] =
    "3.国际网络安全执法合作机制：为国际网络安全执法合作提供指导和框架的机制，包括国际网络安全执法合作论坛、工作组等。";

static void
keys_ignore_punctuation_and_spacing(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  assert_str_equal(jb_dedup_key(ctx->arena, jb_str_c("网络 安全，ITU（2024）！")), "网络安全itu2024");
  test_ctx_free(ctx);
}

static void
measured_similarities(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  double near = jb_dedup_jaccard(jb_dedup_key(ctx->arena, jb_str_c(p004)),
                                 jb_dedup_key(ctx->arena, jb_str_c(p004_edit)));
  double apart = jb_dedup_jaccard(jb_dedup_key(ctx->arena, jb_str_c(p003a)),
                                  jb_dedup_key(ctx->arena, jb_str_c(p003b)));
  assert_true(near >= JB_DEDUP_NEAR);
  assert_true(apart < JB_DEDUP_NEAR);
  assert_true(apart > 0.6); /* similar indeed: the hard case */
  test_ctx_free(ctx);
}

static void
exact_across_documents_cites_both(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  const char *a[] = {"第一段。", p004};
  const char *b[] = {"另一篇文章的开头。", p004};
  jb_source *sa = src_of(ctx, &doc, a, 2);
  jb_source *sb = src_of(ctx, &doc, b, 2);
  jb_dedup_run(ctx, &doc);
  assert_false(sa->blocks[1].flags & JB_BLOCK_DROPPED);
  assert_true(sb->blocks[1].flags & JB_BLOCK_DROPPED);
  assert_int_equal(sb->blocks[1].merge, JB_MERGE_EXACT);
  assert_ptr_equal(sb->blocks[1].dup_of, &sa->blocks[1]);
  assert_int_equal(sa->blocks[1].ncites, 2);
  assert_int_equal(sa->blocks[1].cites[0], 0);
  assert_int_equal(sa->blocks[1].cites[1], 1);
  assert_int_equal(sb->merged, 1);
  test_ctx_free(ctx);
}

static void
near_duplicate_pair_merges(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  const char *a[] = {p004};
  const char *b[] = {p004_edit};
  jb_source *sa = src_of(ctx, &doc, a, 1);
  jb_source *sb = src_of(ctx, &doc, b, 1);
  jb_dedup_run(ctx, &doc);
  assert_true(sb->blocks[0].flags & JB_BLOCK_DROPPED);
  assert_int_equal(sb->blocks[0].merge, JB_MERGE_NEAR);
  assert_true(sb->blocks[0].similarity >= JB_DEDUP_NEAR);
  assert_int_equal(sa->blocks[0].ncites, 2);
  test_ctx_free(ctx);
}

/* Within one document a near copy goes only as part of a repeated run (the
 * page twice); the author restating a paragraph with changes keeps both. */
static void
near_copy_in_one_document_only_in_a_run(void **state)
{
  (void)state;
  static const char other[] = "会议还讨论了明年的合作计划，各方同意在年内再举行一次工作层面的磋商，"
                              "并就数据安全和跨境执法协作交换意见。";
  static const char other_edit[] = "会议还讨论了明年的合作计划，各方同意在年内再举行一次工作层面的磋商，"
                                   "并就数据安全和跨境执法协作交换了意见。";
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  const char *alone[] = {p004, p003a, p004_edit};
  jb_source *s = src_of(ctx, &doc, alone, 3);
  jb_dedup_run(ctx, &doc);
  assert_false(s->blocks[2].flags & JB_BLOCK_DROPPED);
  assert_int_equal(s->merged, 0);
  jb_doc doc2 = {0};
  const char *twice[] = {p004, other, p003a, p004_edit, other_edit};
  s = src_of(ctx, &doc2, twice, 5);
  jb_dedup_run(ctx, &doc2);
  assert_true(s->blocks[3].flags & JB_BLOCK_DROPPED);
  assert_true(s->blocks[4].flags & JB_BLOCK_DROPPED);
  assert_int_equal(s->merged, 2);
  test_ctx_free(ctx);
}

static void
similar_but_different_pair_stays(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  const char *a[] = {p003a, p003b};
  jb_source *s = src_of(ctx, &doc, a, 2);
  jb_dedup_run(ctx, &doc);
  assert_false(s->blocks[0].flags & JB_BLOCK_DROPPED);
  assert_false(s->blocks[1].flags & JB_BLOCK_DROPPED);
  test_ctx_free(ctx);
}

static void
contained_paragraph_goes_to_the_fuller_one(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  /* Seed 002 opens with the sentence its section 一 repeats. */
  const char *a[] = {
      "一些国家将网络空间作为谋求军事优势的新战场，推行威慑进攻理念，将军事同盟引入网络空间，推动制定网络交战规则，推升国家间网络摩擦和冲突风险，威胁国际和平与安全。",
      "# 一、网络空间与现实世界深度融合。",
      "一些国家将网络空间作为谋求军事优势的新战场，推行威慑进攻理念，将军事同盟引入网络空间，推动制定网络交战规则，推升国家间网络摩擦和冲突风险，威胁国际和平与安全。关键信息基础设施面临较大风险隐患。网络攻击和网络犯罪大幅增长，网络恐怖主义成为全球公害。",
  };
  jb_source *s = src_of(ctx, &doc, a, 3);
  jb_dedup_run(ctx, &doc);
  assert_true(s->blocks[0].flags & JB_BLOCK_DROPPED);
  assert_int_equal(s->blocks[0].merge, JB_MERGE_CONTAINED);
  assert_ptr_equal(s->blocks[0].dup_of, &s->blocks[2]);
  assert_false(s->blocks[2].flags & JB_BLOCK_DROPPED);
  /* A paragraph with a sentence of its own is not contained. */
  jb_doc doc2 = {0};
  const char *b[] = {
      "网络攻击和网络犯罪大幅增长，网络恐怖主义成为全球公害。这是另一句原创的内容，别处没有出现过。",
      a[2],
  };
  s = src_of(ctx, &doc2, b, 2);
  jb_dedup_run(ctx, &doc2);
  assert_false(s->blocks[0].flags & JB_BLOCK_DROPPED);
  test_ctx_free(ctx);
}

static void
headings_merge_only_when_adjacent(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  const char *a[] = {"# 网络安全执法合作", "# 网络安全执法合作", "正文一。", "# 网络安全执法合作", "正文二。"};
  jb_source *s = src_of(ctx, &doc, a, 5);
  jb_dedup_run(ctx, &doc);
  assert_false(s->blocks[0].flags & JB_BLOCK_DROPPED);
  assert_true(s->blocks[1].flags & JB_BLOCK_DROPPED);
  assert_false(s->blocks[3].flags & JB_BLOCK_DROPPED);
  test_ctx_free(ctx);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(keys_ignore_punctuation_and_spacing),
      cmocka_unit_test(measured_similarities),
      cmocka_unit_test(exact_across_documents_cites_both),
      cmocka_unit_test(near_duplicate_pair_merges),
      cmocka_unit_test(near_copy_in_one_document_only_in_a_run),
      cmocka_unit_test(similar_but_different_pair_stays),
      cmocka_unit_test(contained_paragraph_goes_to_the_fuller_one),
      cmocka_unit_test(headings_merge_only_when_adjacent),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
