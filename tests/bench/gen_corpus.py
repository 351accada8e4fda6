#!/usr/bin/env python3
"""Generate a benchmark corpus from the seeds (fixed random seed, so the
same arguments give the same files).

Usage: gen_corpus.py KIND N SEED_DIR OUT_DIR
  redundant: each document is a seed with its paragraphs shuffled, copies
             of other documents' paragraphs and page debris injected, one
             in five in Traditional script: dedup removes most of it.
  distinct:  each document is made of new paragraphs, sentences of all
             seeds recombined: dedup keeps most of it.
  diverse:   text that is not the seeds': CC-CEDICT words and invented
             names in news-like sentences; its vocabulary grows with N
             (over 200,000 distinct words at 5,000 documents).
"""
import os
import random
import re
import subprocess
import sys

kind, n, seed_dir, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
rng = random.Random(20261123)
os.makedirs(out, exist_ok=True)

seeds = []
for name in sorted(os.listdir(seed_dir)):
    with open(os.path.join(seed_dir, name), encoding="utf-8") as f:
        seeds.append(f.read())


def s2t(texts):
    """Traditional versions of texts, in one OpenCC call."""
    sep = "\n\u2063\n"
    p = subprocess.run(["opencc", "-c", "s2t.json"], input=sep.join(texts),
                       capture_output=True, text=True, check=True)
    return p.stdout.split(sep)


DEBRIS = ["分享到：微信 微博 QQ空间", "扫码关注我们", "Copyright © 2024 示例网 版权所有",
          "京ICP备00000000号", "上一篇：网络安全周开幕", "下一篇：数据安全法实施",
          "![](https://example.org/img/logo.png)", "[首页](/) | [新闻](/news) | [关于](/about)"]

if kind == "redundant":
    docs = []
    paras = []
    for i in range(n):
        text = seeds[i % len(seeds)]
        lines = text.split("\n")
        head = []
        if lines and lines[0] == "---":
            end = lines.index("---", 1)
            head, lines = lines[:end + 1], lines[end + 1:]
        body = [l for l in lines if len(l) >= 30]
        rest = [l for l in lines if len(l) < 30]
        rng.shuffle(body)
        for _ in range(3):
            if paras:
                body.insert(rng.randrange(len(body) + 1), rng.choice(paras))
        for _ in range(4):
            rest.insert(rng.randrange(len(rest) + 1), rng.choice(DEBRIS))
        paras.extend(body[:5])
        docs.append("\n".join(head + rest[:len(rest) // 2] + [""] + "\n\n".join(body).split("\n")
                              + rest[len(rest) // 2:]) + "\n")
    trad = [i for i in range(n) if i % 5 == 3]
    if trad:
        for i, t in zip(trad, s2t([docs[i] for i in trad])):
            docs[i] = t
elif kind == "distinct":
    pool = []
    for text in seeds:
        pool += [s for s in re.findall(r"[^。！？\n]{12,200}[。！？]", text)
                 if len(re.findall(r"[\u4e00-\u9fff]", s)) > 10]
    conv = subprocess.run(["opencc", "-c", "t2s.json"], input="\n".join(pool),
                          capture_output=True, text=True, check=True).stdout.split("\n")
    pool = sorted(set(conv))
    docs = []
    for i in range(n):
        out_paras = []
        for _ in range(rng.randrange(8, 16)):
            out_paras.append("".join(rng.choice(pool) for _ in range(rng.randrange(3, 7))))
        docs.append("---\ntitle: 综合报告第%d号\nsource: 基准语料\ndate: 2024-%02d-%02d\n---\n\n%s\n"
                    % (i + 1, i % 12 + 1, i % 28 + 1, "\n\n".join(out_paras)))
elif kind == "diverse":
    # Text that is not the seeds': sentences of CC-CEDICT headwords (drawn
    # over the whole dictionary, so the vocabulary keeps growing with the
    # corpus) and invented names, joined by the function words and clause
    # marks of news prose. The distinct words it used go to stderr.
    words = set()
    cedict = os.path.join(os.path.dirname(__file__), "..", "..", "data", "cedict_ts.u8")
    with open(cedict, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            simp = line.split(" ", 2)[1]
            if 2 <= len(simp) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in simp):
                words.add(simp)
    words = sorted(words)
    glue = ["的", "在", "和", "对", "将", "与", "为", "把", "被", "从", "向", "已经", "正在",
            "进行", "表示", "认为", "指出", "提出", "加强", "推动", "关于", "以及", "同时"]
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
    given = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红飞鹏辉建国海波宁斌"
             "浩宇轩然子涵欣怡梓萱晨阳博文思远嘉琪佳怡婷雪梅晓东志强春燕秋月冬梅海燕凤琴"
             "立新振华树林德胜永刚晓明文杰俊杰子豪雨桐一诺若曦梦琪诗涵紫萱语桐昊然浩然")
    suffixes = ["公司", "集团", "研究院", "协会", "中心", "大学", "委员会", "银行"]
    used = set()

    def word():
        r = rng.random()
        if r < 0.15:
            w = rng.choice(glue)
        elif r < 0.20:
            w = rng.choice(words) + rng.choice(suffixes)
        elif r < 0.35:
            w = rng.choice(surnames) + "".join(rng.choice(given) for _ in range(rng.randrange(1, 3)))
            w += rng.choice(["先生", "女士", "教授", "博士", ""]) if rng.random() < 0.3 else ""
        else:
            w = rng.choice(words)
        used.add(w)
        return w

    def sentence():
        clauses = ["".join(word() for _ in range(rng.randrange(3, 7)))
                   for _ in range(rng.randrange(1, 4))]
        return "，".join(clauses) + rng.choice("。。。！？")

    docs = []
    for i in range(n):
        paras = ["".join(sentence() for _ in range(rng.randrange(2, 6)))
                 for _ in range(rng.randrange(6, 14))]
        title = "".join(word() for _ in range(rng.randrange(3, 6)))
        docs.append("---\ntitle: %s\nsource: 多样语料\ndate: 2024-%02d-%02d\n---\n\n%s\n"
                    % (title, i % 12 + 1, i % 28 + 1, "\n\n".join(paras)))
    print("diverse: %d documents, %d distinct words" % (n, len(used)), file=sys.stderr)
else:
    sys.exit("kind must be redundant, distinct or diverse")

for i, d in enumerate(docs):
    with open(os.path.join(out, "doc%05d.txt" % i), "w", encoding="utf-8") as f:
        f.write(d)
