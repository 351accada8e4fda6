/* test_section.c - SPEC §2.4: each heading pattern, lead-ins and points as
 * lists, the run-on slide deck of seed 003 recovered from its 目录, run-on
 * text split into paragraphs. */
#include "testlib.h"

#include "buf.h"
#include "section.h"
#include "utf8.h"

static void
enumeration_patterns(void **state)
{
  (void)state;
  size_t len;
  int num;
#define E(text, kind, n)                                                       \
  do {                                                                         \
    assert_int_equal(jb_section_enum(jb_str_c(text), &len, &num), kind);       \
    if (kind != JB_ENUM_NONE)                                                  \
      assert_int_equal(num, n);                                                \
  } while (0)
  E("一、网络空间与现实世界深度融合", JB_ENUM_NUMERAL, 1);
  E("十二、附则", JB_ENUM_NUMERAL, 12);
  E("二十三、其他", JB_ENUM_NUMERAL, 23);
  E("（三）应加强关键信息基础设施保护。", JB_ENUM_PAREN, 3);
  E("(一)应致力于维护", JB_ENUM_PAREN, 1);
  E("第三章“重点合作方向”第十三提出", JB_ENUM_CHAPTER, 3);
  E("第十五条提出，加强人工智能", JB_ENUM_NONE, 0);
  E("一是坚定维护网络空间和平属性", JB_ENUM_LEADIN, 1);
  E("四是加大对发展中国家", JB_ENUM_LEADIN, 4);
  E("1.随着网络技术的发展", JB_ENUM_POINT, 1);
  E("12、第十二点", JB_ENUM_POINT, 12);
  E("3.5%的增长", JB_ENUM_NONE, 0);
  E("2021年达成最后文件", JB_ENUM_NONE, 0);
  E("一些国家将网络空间", JB_ENUM_NONE, 0);
#undef E
  jb_section_enum(jb_str_c("第四章“合作平台和机制”"), &len, &num);
  assert_int_equal(len, strlen("第四章"));
}

static jb_source *
doc_of(jb_ctx *ctx, jb_doc *doc, const char *const *paras, size_t n)
{
  jb_source *s = JB_PUSH(ctx->arena, doc->srcs, doc->nsrcs, doc->capsrcs);
  s->index = (uint32_t)(doc->nsrcs - 1);
  s->path = s->name = "t.txt";
  for (size_t i = 0; i < n; i++) {
    bool bold = jb_str_starts(jb_str_c(paras[i]), "**");
    jb_block *b = jb_doc_add_block(ctx, s, bold ? JB_BLOCK_PARA : JB_BLOCK_PARA);
    if (bold) {
      /* "**一是**text": a bold lead-in span, then the text */
      jb_block_add_span(ctx, b, jb_str_make(paras[i] + 2, 6), JB_SPAN_BOLD);
      jb_block_add_span(ctx, b, jb_str_c(paras[i] + 10), 0);
    } else if (paras[i][0] == '#') {
      b->kind = JB_BLOCK_HEADING;
      b->level = 2;
      jb_block_add_span(ctx, b, jb_str_c(paras[i] + 3), 0);
    } else {
      jb_block_add_span(ctx, b, jb_str_c(paras[i]), 0);
    }
    b->pos.line = (uint32_t)i + 1;
  }
  return s;
}

static void
headings_lists_and_chapter_references(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  const char *const paras[] = {
      "## 概述",
      "一、网络空间与现实世界深度融合，同时也带来不少风险和挑战。",
      "第一段正文。",
      "二、国际社会应以联合国为主渠道推动制定国际规则。",
      "（一）短的小标题",
      "第四章“合作平台和机制”第五条提出，围绕应对反恐、网络、生物、新兴科技等领域安全挑战，搭建更多国际交流合作平台和机制。",
      "**一是**坚定维护网络空间和平属性。",
      "**二是**坚持以联合国为主渠道。",
      "1.随着网络技术的发展和应用，网络安全威胁已成为全球共同面临的严峻挑战。",
  };
  jb_source *s = doc_of(ctx, &doc, paras, sizeof paras / sizeof paras[0]);
  jb_section_run(ctx, &doc);
  assert_int_equal(s->nblocks, 10);
  /* markdown ## is the shallowest, so it becomes level 1 */
  assert_int_equal(s->blocks[0].kind, JB_BLOCK_HEADING);
  assert_int_equal(s->blocks[0].level, 1);
  assert_int_equal(s->blocks[1].kind, JB_BLOCK_HEADING);
  assert_int_equal(s->blocks[1].level, 2);
  assert_int_equal(s->blocks[2].kind, JB_BLOCK_PARA);
  assert_int_equal(s->blocks[3].level, 2);
  assert_int_equal(s->blocks[4].kind, JB_BLOCK_HEADING);
  assert_int_equal(s->blocks[4].level, 3);
  assert_int_equal(s->blocks[5].kind, JB_BLOCK_HEADING);
  assert_str_equal(jb_block_text(ctx->arena, &s->blocks[5]), "第四章“合作平台和机制”");
  assert_int_equal(s->blocks[6].kind, JB_BLOCK_PARA);
  assert_true(jb_str_starts(jb_block_text(ctx->arena, &s->blocks[6]), "第五条提出，"));
  assert_int_equal(s->blocks[7].kind, JB_BLOCK_ITEM);
  assert_int_equal(s->blocks[7].level, 1);
  assert_true(s->blocks[7].flags & JB_BLOCK_UNMARKED);
  assert_int_equal(s->blocks[7].spans[0].flags, JB_SPAN_BOLD);
  assert_int_equal(s->blocks[8].level, 2);
  assert_int_equal(s->blocks[9].kind, JB_BLOCK_ITEM);
  assert_int_equal(s->blocks[9].level, 1);
  assert_false(s->blocks[9].flags & JB_BLOCK_UNMARKED);
  assert_true(jb_str_starts(jb_block_text(ctx->arena, &s->blocks[9]), "随着"));
  test_ctx_free(ctx);
}

static void
lone_numeral_is_not_a_heading(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  const char *const paras[] = {"一、这是唯一的编号，没有二、，所以不是小节。", "正文。"};
  jb_source *s = doc_of(ctx, &doc, paras, 2);
  jb_section_run(ctx, &doc);
  assert_int_equal(s->blocks[0].kind, JB_BLOCK_PARA);
  test_ctx_free(ctx);
}

static jb_str
seed_003_deck(jb_ctx *ctx)
{
  FILE *f = fopen("seeds/003_a4e8ef4e5f959a1a.txt", "rb");
  assert_non_null(f);
  char *buf = jb_arena_alloc(ctx->arena, 1 << 20);
  size_t n = fread(buf, 1, (1 << 20) - 1, f);
  fclose(f);
  buf[n] = '\0';
  char *line = strchr(strchr(buf, '\n') + 1, '\n') + 1; /* the third line */
  return jb_str_make(line, (size_t)(strchr(line, '\n') - line));
}

static void
deck_of_seed_003(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_str title;
  jb_deck_item *it;
  size_t n = jb_section_deck(ctx->arena, seed_003_deck(ctx), &title, &it);
  assert_str_equal(title, "网络安全国际合作与交流机制研究");
  const char *parts[] = {"网络安全国际合作的必要性", "网络安全国际合作的面临挑战",
                         "网络安全国际合作的原则", "网络安全国际合作的领域",
                         "网络安全国际合作的机制", "网络安全国际合作的模式",
                         "网络安全国际合作的成效", "网络安全国际合作的展望"};
  size_t np = 0, slides = 0, points = 0;
  for (size_t i = 0; i < n; i++) {
    if (it[i].level == 1) {
      assert_true(np < 8);
      assert_str_equal(it[i].text, parts[np]);
      np++;
    } else if (it[i].level == 2) {
      slides++;
    } else {
      points++;
      assert_true(it[i].number >= 1 && it[i].number <= 3);
    }
    /* no header survives in the text */
    assert_true(jb_str_find(it[i].text, "交流机制研究") < 0);
    assert_true(jb_str_find(it[i].text, "#.") < 0);
  }
  assert_int_equal(np, 8);
  assert_int_equal(it[1].level, 2);
  assert_str_equal(it[1].text, "共同的网络安全威胁");
  assert_int_equal(it[2].number, 1);
  assert_true(jb_str_starts(it[2].text, "随着网络技术的发展和应用"));
  assert_true(slides >= 35);
  assert_true(points >= 100);
  /* A title the export put after its slide's points goes back to it. */
  bool found = false;
  for (size_t i = 0; i + 1 < n; i++)
    if (jb_str_eq_c(it[i].text, "网络安全国际组织合作") && it[i].level == 2 &&
        jb_str_starts(it[i + 1].text, "加强与国际网络安全组织的合作"))
      found = true;
  assert_true(found);
  free(it);
  test_ctx_free(ctx);
}

static void
deck_of_another_shape(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  /* Made up: three parts, slides with "title:" and "title," and none. */
  const char *t = "年度网络安全态势研究报告"
                  "总体态势主要威胁应对建议目录"
                  "总体态势年度网络安全态势研究报告总体态势攻击数量:1.攻击数量比上年增加。2.重大事件减少。"
                  "总体态势行业分布,1.金融行业受攻击最多。2.制造业其次。"
                  "主要威胁年度网络安全态势研究报告主要威胁勒索软件:1.勒索软件仍是首要威胁。2.赎金金额上升。3.供应链攻击增多。"
                  "应对建议年度网络安全态势研究报告应对建议1.建立响应机制。2.加强人员培训。";
  jb_str title;
  jb_deck_item *it;
  size_t n = jb_section_deck(ctx->arena, jb_str_c(t), &title, &it);
  assert_str_equal(title, "年度网络安全态势研究报告");
  assert_true(n > 0);
  const char *want[][2] = {{"1", "总体态势"}, {"2", "攻击数量"}, {"0", "攻击数量比上年增加。"},
                           {"0", "重大事件减少。"}, {"2", "行业分布"}, {"0", "金融行业受攻击最多。"},
                           {"0", "制造业其次。"}, {"1", "主要威胁"}, {"2", "勒索软件"},
                           {"0", "勒索软件仍是首要威胁。"}, {"0", "赎金金额上升。"},
                           {"0", "供应链攻击增多。"}, {"1", "应对建议"}, {"0", "建立响应机制。"},
                           {"0", "加强人员培训。"}};
  assert_int_equal(n, sizeof want / sizeof want[0]);
  for (size_t i = 0; i < n; i++) {
    assert_int_equal(it[i].level, want[i][0][0] - '0');
    assert_str_equal(it[i].text, want[i][1]);
  }
  free(it);
  /* Ordinary long text is not a deck. */
  assert_int_equal(jb_section_deck(ctx->arena, jb_str_c("这是一段普通的文字。没有目录。"), &title, &it), 0);
  test_ctx_free(ctx);
}

static void
runon_text_is_split_at_sentence_ends(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_buf text = JB_BUF_INIT;
  for (int i = 0; i < 24; i++)
    jb_buf_printf(&text, "第%d句话讲述网络空间国际合作的一个方面，并给出了具体的理由和例子。", i + 1);
  jb_buf_puts(&text, "他说：“这是引号里的结尾。”");
  jb_doc doc = {0};
  const char *paras[] = {text.p};
  jb_source *s = doc_of(ctx, &doc, paras, 1);
  jb_section_run(ctx, &doc);
  assert_true(s->nblocks >= 3);
  jb_buf all = JB_BUF_INIT;
  for (size_t i = 0; i < s->nblocks; i++) {
    jb_str t = jb_block_text(ctx->arena, &s->blocks[i]);
    assert_true(jb_utf8_count(t) >= JB_SECTION_PARA_CP / 2);
    size_t len;
    uint32_t last = jb_utf8_last(t, &len);
    assert_true(last == 0x3002 || last == 0x201D); /* ends a sentence */
    jb_buf_put_str(&all, t);
  }
  assert_int_equal(all.n, text.n);
  assert_memory_equal(all.p, text.p, text.n);
  jb_buf_free(&all);
  jb_buf_free(&text);
  test_ctx_free(ctx);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(enumeration_patterns),
      cmocka_unit_test(headings_lists_and_chapter_references),
      cmocka_unit_test(lone_numeral_is_not_a_heading),
      cmocka_unit_test(deck_of_seed_003),
      cmocka_unit_test(deck_of_another_shape),
      cmocka_unit_test(runon_text_is_split_at_sentence_ends),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
