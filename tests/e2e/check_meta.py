#!/usr/bin/env python3
"""Check the metadata the build report gives for each seed: value and
origin (front matter or inferred from the text), SPEC §2.1.

Usage: check_meta.py REPORT.json
"""
import json
import sys

EXPECT = {
    "000_456459ae4fa477de.txt": {
        "title": ("重磅！《全球安全倡议概念文件》发布，多项涉及网络安全", "front-matter"),
        "date": ("2023-02-23", "front-matter"),
        "source": ("FreeBuf网络安全行业门户", "front-matter"),
        "url": ("https://www.freebuf.com/news/358362.html", "front-matter"),
    },
    "001_0f5b9ea44002eab6.txt": {
        "title": ("关注 | 中方主张加强网络安全治理、维护网络空间长治久安", "front-matter"),
        "date": ("2024-11-12", "front-matter"),
        "source": ("中国信息安全", "front-matter"),
    },
    "002_6d3311f39d628d28.txt": {
        # No title line: the first clause of the text, converted to Simplified.
        "title": ("一些国家将网络空间作为谋求军事优势的新战场", "inferred"),
        "date": ("2022-07-22", "inferred"),
        "source": ("豆蔻", "inferred"),
        "url": ("", "none"),
    },
    "003_a4e8ef4e5f959a1a.txt": {
        # The deck title the run-on slides repeat.
        "title": ("网络安全国际合作与交流机制研究", "inferred"),
        "date": ("", "none"),
        "source": ("", "none"),
    },
    "004_e911f1219a7a6dc5.txt": {
        "title": ("中国加强国际合作维护网络安全 打造安全清朗的\"第五空间\"", "inferred"),
        "date": ("2017-11-07", "inferred"),
        # The paper the text was reprinted from (本文摘自:国际在线), not the
        # reprinting site's own 来源:企业网D1Net.
        "source": ("国际在线", "inferred"),
    },
}

report = json.load(open(sys.argv[1], encoding="utf-8"))
passed = failed = 0
for doc in report["documents"]:
    name = doc["file"].rsplit("/", 1)[-1]
    for field, (value, origin) in EXPECT.get(name, {}).items():
        got = (doc[field]["value"], doc[field]["origin"])
        ok = got == (value, origin)
        print("%s %s %s: %s" % ("ok  " if ok else "FAIL", name[:3], field,
                                 got if not ok else value or "(none)"))
        passed += ok
        failed += not ok
# Every field found says by which rule, and one that was not says none.
for doc in report["documents"]:
    name = doc["file"].rsplit("/", 1)[-1]
    for field in ("title", "date", "source"):
        f = doc[field]
        ok = (f["rule"] is None) == (f["origin"] == "none")
        print("%s %s %s rule: %s" % ("ok  " if ok else "FAIL", name[:3], field, f["rule"]))
        passed += ok
        failed += not ok
seen = {d["file"].rsplit("/", 1)[-1] for d in report["documents"]}
for name in EXPECT:
    if name not in seen:
        print("FAIL %s missing from the report" % name)
        failed += 1
sys.exit(1 if failed else 0)
