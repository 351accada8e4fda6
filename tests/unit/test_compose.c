/* test_compose.c - SPEC §5: every frame label comes from the template
 * (label lookup), and the edition stage turns the composed briefing into
 * the zh-Hant edition: frame, titles and body converted, URLs and the
 * glossary's Simplified column kept, quotes as corner brackets. */
#include "testlib.h"

#include "compose.h"
#include "conf.h"
#include "convert.h"

typedef struct fixture {
  jb_ctx *ctx;
  jb_conf *conf;
  jb_doc doc;
} fixture;

/* Two sources and two glossary terms, composed with the template text t. */
static void
build(fixture *f, const char *t, jb_variant edition)
{
  memset(f, 0, sizeof *f);
  f->ctx = test_ctx_new();
  f->conf = jb_conf_parse(t, strlen(t), "t.conf", false, &f->ctx->diags);
  assert_non_null(f->conf);
  f->ctx->conf = f->conf;
  f->ctx->edition = edition;
  f->ctx->epoch = 1700000000; /* 2023-11-14 */
  static const char *const titles[] = {"网络安全国际合作", "发挥着重要作用"};
  static const char *const dates[] = {"2024-01-02", "2023-05-06"};
  static const char *const body[] = {
      "各国应本着互惠互利的精神，共同维护“网络空间”的和平。China’s 立场不变。",
      "信息技术的飞速发展，让网络营造的虚拟空间与现实社会深度融合。"};
  for (int i = 0; i < 2; i++) {
    jb_source *s = JB_PUSH(f->ctx->arena, f->doc.srcs, f->doc.nsrcs, f->doc.capsrcs);
    s->index = (uint32_t)i;
    s->path = s->name = i ? "b.txt" : "a.txt";
    s->meta.title.value = jb_str_c(titles[i]);
    s->meta.title.origin = JB_ORIGIN_FRONT_MATTER;
    s->meta.date.value = jb_str_c(dates[i]);
    s->meta.date.origin = JB_ORIGIN_FRONT_MATTER;
    s->meta.url.value = jb_str_c(i ? "https://example.org/网络?id=1" : "https://example.org/a");
    s->meta.source.value = jb_str_c("中国信息安全");
    jb_block *b = jb_doc_add_block(f->ctx, s, JB_BLOCK_PARA);
    jb_block_add_span(f->ctx, b, jb_str_c(body[i]), 0);
    jb_block_cite(f->ctx, b, (uint32_t)i);
  }
  static const char *const terms[][3] = {{"网络", "網絡", "wǎng luò"}, {"安全", "", "ān quán"}};
  for (int i = 0; i < 2; i++) {
    jb_term *tm = JB_PUSH(f->ctx->arena, f->doc.terms, f->doc.nterms, f->doc.capterms);
    tm->simp = jb_str_c(terms[i][0]);
    tm->trad = jb_str_c(terms[i][1]);
    tm->pinyin = jb_str_c(terms[i][2]);
    tm->gloss = jb_str_c(i ? "safe; secure" : "network");
    tm->srcs = JB_PUSH(f->ctx->arena, tm->srcs, tm->nsrcs, tm->capsrcs);
    *tm->srcs = 0;
  }
  assert_int_equal(jb_compose_run(f->ctx, &f->doc), 0);
}

static void
done(fixture *f)
{
  jb_conf_free(f->conf);
  test_ctx_free(f->ctx);
}

static const jb_chapter *
chapter(const fixture *f, jb_chapter_kind k)
{
  for (size_t i = 0; i < f->doc.brief.nchapters; i++)
    if (f->doc.brief.chapters[i].kind == k)
      return &f->doc.brief.chapters[i];
  return NULL;
}

static void
labels_come_from_the_template(void **state)
{
  (void)state;
  fixture f;
  build(&f, "title = 讲义\ntitle.en = Handout\nlabel.contents = 内容\nlabel.contents.en = Inside\n"
            "label.chapter = 材料 %d\nlabel.chapter.en = Reading %d\nlabel.sources = 出处\n"
            "label.sources.en = Where from\nlabel.source_count = 共 %d 篇\n"
            "label.source_count.en = %d readings\nlabel.date = 印发\nlabel.date.en = Printed\n"
            "label.glossary = 词汇\nlabel.glossary.en = Words\nlabel.publisher = 出自\n"
            "label.published = 日期\nlabel.publisher.en = From\nlabel.published.en =\n"
            "appendix = no\n",
        JB_VARIANT_HANS);
  const jb_brief *br = &f.doc.brief;
  assert_str_equal(br->title, "讲义");
  assert_str_equal(br->title_en, "Handout");
  assert_str_equal(br->toc_title, "内容");
  assert_str_equal(br->toc_title_en, "Inside");
  assert_str_equal(br->count, "共 2 篇");
  assert_str_equal(br->count_en, "2 readings");
  assert_str_equal(br->date_label, "印发");
  assert_str_equal(br->date_label_en, "Printed");
  assert_str_equal(br->date, "2023-11-14");
  /* Chapters in date order, labelled from the template. */
  assert_str_equal(br->chapters[0].label, "材料 1");
  assert_str_equal(br->chapters[0].label_en, "Reading 1");
  assert_str_equal(br->chapters[0].title, "发挥着重要作用");
  assert_str_equal(br->chapters[1].label, "材料 2");
  /* The English beside the Chinese, or the Chinese alone when it is empty. */
  assert_str_equal(br->chapters[0].blocks[0]->spans[0].text, "出自 From：");
  /* (a value is a span of its own, for the zh-Hant edition) */
  assert_str_equal(br->chapters[0].blocks[0]->spans[1].text, "中国信息安全");
  assert_str_equal(br->chapters[0].blocks[0]->spans[2].text, "　日期：2023-05-06");
  assert_str_equal(chapter(&f, JB_CHAPTER_SOURCES)->title, "出处");
  assert_str_equal(chapter(&f, JB_CHAPTER_SOURCES)->title_en, "Where from");
  assert_str_equal(chapter(&f, JB_CHAPTER_GLOSSARY)->title, "词汇");
  assert_str_equal(chapter(&f, JB_CHAPTER_GLOSSARY)->title_en, "Words");
  assert_null(chapter(&f, JB_CHAPTER_APPENDIX));
  /* Without the other-form column a glossary row has four cells. */
  const jb_chapter *g = chapter(&f, JB_CHAPTER_GLOSSARY);
  assert_int_equal(g->blocks[1]->nspans, 4);
  assert_int_equal(g->blocks[2]->nspans, 4);
  assert_str_equal(g->blocks[2]->spans[0].text, "网络");
  /* The edition stage does nothing to a zh-Hans edition. */
  assert_int_equal(jb_convert_edition(f.ctx, &f.doc), 0);
  assert_str_equal(br->chapters[1].blocks[1]->spans[0].text,
                   "各国应本着互惠互利的精神，共同维护“网络空间”的和平。China’s 立场不变。");
  done(&f);
}

static void
zh_hant_edition(void **state)
{
  (void)state;
  fixture f;
  build(&f, "title = 网络安全简报\nlabel.contents = 目录\nglossary.other_form = yes\n"
            "label.other_form = 简体 Simplified\n",
        JB_VARIANT_HANT);
  assert_int_equal(jb_convert_edition(f.ctx, &f.doc), 0);
  const jb_brief *br = &f.doc.brief;
  /* The frame, also where the template wrote it in Simplified. */
  assert_str_equal(br->title, "網絡安全簡報");
  assert_str_equal(br->toc_title, "目錄");
  assert_str_equal(br->count, "2 篇來源");
  assert_str_equal(br->date_label, "編制日期");
  assert_str_equal(br->chapters[0].label, "第 1 章");
  /* s2tw: the Taiwan form of 着, no word replaced. */
  assert_str_equal(br->chapters[0].title, "發揮著重要作用");
  const jb_block *meta = br->chapters[1].blocks[0];
  assert_str_equal(meta->spans[0].text, "來源 Source：");
  assert_str_equal(meta->spans[1].text, "中國信息安全");
  /* A URL is an address: kept as it is, even with Han in it. */
  const jb_block *meta0 = br->chapters[0].blocks[0];
  /* (the last span is the chapter's citation mark) */
  assert_true(meta0->spans[meta0->nspans - 1].flags & JB_SPAN_CITE);
  assert_str_equal(meta0->spans[meta0->nspans - 2].text, "https://example.org/网络?id=1");
  /* Body: converted, quotes as corner brackets, the apostrophe kept. */
  assert_str_equal(br->chapters[1].blocks[1]->spans[0].text,
                   "各國應本著互惠互利的精神，共同維護「網絡空間」的和平。China’s 立場不變。");
  /* Glossary: Traditional headword, the master's form beside it, a dash
   * where both are the same. */
  const jb_chapter *g = chapter(&f, JB_CHAPTER_GLOSSARY);
  assert_str_equal(g->blocks[1]->spans[1].text, "簡體 Simplified"); /* a label: converted */
  const jb_block *r0 = g->blocks[2], *r1 = g->blocks[3];
  assert_str_equal(r0->spans[0].text, "網絡");
  assert_str_equal(r0->spans[1].text, "网络");
  assert_true(r0->spans[1].flags & JB_SPAN_OTHER_FORM);
  assert_str_equal(r1->spans[0].text, "安全");
  assert_str_equal(r1->spans[1].text, "—");
  assert_str_equal(r1->spans[2].text, "ān quán");
  done(&f);
}

static void
quotes_kept_when_asked_and_hong_kong_forms(void **state)
{
  (void)state;
  fixture f;
  build(&f, "edition.quotes = keep\nedition.config = s2hk.json\n", JB_VARIANT_HANT);
  assert_int_equal(jb_convert_edition(f.ctx, &f.doc), 0);
  /* s2hk: Hong Kong forms; curly quotes stay. */
  assert_str_equal(f.doc.brief.chapters[1].blocks[1]->spans[0].text,
                   "各國應本着互惠互利的精神，共同維護“網絡空間”的和平。China’s 立場不變。");
  done(&f);
}

/* A document whose paragraphs are all duplicates kept in another, and
 * whose leftover short lines occur there too, has no chapter: the holder's
 * source line cites it, numbered after the chapters. One with a line of
 * its own keeps its chapter. */
static void
a_document_carried_whole_has_no_chapter(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  const char t[] = "label.chapter = 第 %d 章\nappendix = no\nglossary = no\n";
  jb_conf *conf = jb_conf_parse(t, sizeof t - 1, "t.conf", false, &ctx->diags);
  assert_non_null(conf);
  ctx->conf = conf;
  ctx->edition = JB_VARIANT_HANS;
  jb_doc doc = {0};
  static const char *const names[] = {"a.txt", "b.html", "c.txt"};
  static const char *const paras[] = {"各国应本着互惠互利的精神，共同维护网络空间的和平。",
                                      "信息技术的飞速发展，让虚拟空间与现实社会深度融合。", "目前"};
  jb_block *kept[3] = {NULL, NULL, NULL};
  for (uint32_t k = 0; k < 3; k++) {
    jb_source *s = JB_PUSH(ctx->arena, doc.srcs, doc.nsrcs, doc.capsrcs);
    s->index = k;
    s->path = s->name = names[k];
    s->meta.title.value = jb_str_c("网络安全国际合作");
    s->meta.title.origin = JB_ORIGIN_FRONT_MATTER;
    s->meta.date.value = jb_str_c(k == 0 ? "2024-01-01" : k == 1 ? "2024-01-02" : "2024-01-03");
    s->meta.date.origin = JB_ORIGIN_FRONT_MATTER;
  }
  /* a: the three lines, kept */
  for (int p = 0; p < 3; p++) {
    kept[p] = jb_doc_add_block(ctx, &doc.srcs[0], JB_BLOCK_PARA);
    jb_block_add_span(ctx, kept[p], jb_str_c(paras[p]), 0);
    jb_block_cite(ctx, kept[p], 0);
  }
  /* b: the two paragraphs merged into a's, the short line left */
  for (int p = 0; p < 3; p++) {
    jb_block *b = jb_doc_add_block(ctx, &doc.srcs[1], JB_BLOCK_PARA);
    jb_block_add_span(ctx, b, jb_str_c(paras[p]), 0);
    if (p < 2) {
      b->flags |= JB_BLOCK_DROPPED;
      b->dup_of = kept[p];
      b->merge = JB_MERGE_EXACT;
      jb_block_cite(ctx, kept[p], 1);
    }
  }
  /* c: one paragraph merged, one line of its own */
  jb_block *c0 = jb_doc_add_block(ctx, &doc.srcs[2], JB_BLOCK_PARA);
  jb_block_add_span(ctx, c0, jb_str_c(paras[0]), 0);
  c0->flags |= JB_BLOCK_DROPPED;
  c0->dup_of = kept[0];
  jb_block *c1 = jb_doc_add_block(ctx, &doc.srcs[2], JB_BLOCK_PARA);
  jb_block_add_span(ctx, c1, jb_str_c("此外"), 0);
  assert_int_equal(jb_compose_run(ctx, &doc), 0);
  size_t chapters = 0;
  for (size_t i = 0; i < doc.brief.nchapters; i++)
    chapters += doc.brief.chapters[i].kind == JB_CHAPTER_SOURCE;
  assert_int_equal(chapters, 2);
  assert_int_equal(doc.srcs[0].number, 1);
  assert_int_equal(doc.srcs[2].number, 2);
  assert_int_equal(doc.srcs[1].number, 3);
  /* a's source line cites itself and b */
  const jb_block *line = doc.brief.chapters[0].blocks[0];
  char cites[32] = "";
  for (size_t k = 0; k < line->nspans; k++)
    if (line->spans[k].flags & JB_SPAN_CITE)
      strncat(cites, line->spans[k].text.p, line->spans[k].text.n);
  assert_string_equal(cites, "[1][3]");
  jb_conf_free(conf);
  test_ctx_free(ctx);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(labels_come_from_the_template),
      cmocka_unit_test(zh_hant_edition),
      cmocka_unit_test(quotes_kept_when_asked_and_hong_kong_forms),
      cmocka_unit_test(a_document_carried_whole_has_no_chapter),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
