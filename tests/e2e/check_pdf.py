#!/usr/bin/env python3
"""Check a briefing PDF built from seeds/: structure (qpdf), fonts
(pdffonts), text (pdftotext), navigation (outlines, links, TOC numbers)
and the font objects the pdf stage writes.

Usage: check_pdf.py PDF
Prints one line per check and exits 1 if any failed.
"""
import html
import json
import re
import subprocess
import sys

PDF = sys.argv[1]
failures = 0


def check(name, ok, why=""):
    global failures
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + str(why)))
    if not ok:
        failures += 1


def run(*cmd, data=None):
    p = subprocess.run(cmd, input=data, capture_output=True)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def text_of(first=None, last=None):
    cmd = ["pdftotext", "-enc", "UTF-8"]
    if first:
        cmd += ["-f", str(first), "-l", str(last or first)]
    rc, out, err = run(*cmd, PDF, "-")
    return rc, out.decode("utf-8"), err


def flat(s):
    return re.sub(r"\s+", "", s)


# ---- structure and fonts ----------------------------------------------------
rc, _, err = run("qpdf", "--check", PDF)
check("qpdf --check is clean", rc == 0 and "WARNING" not in err, err.strip()[:200])

rc, out, _ = run("pdffonts", PDF)
rows = [l for l in out.decode().splitlines()[2:] if l.strip()]
check("four fonts", len(rows) == 4, rows)
for row in rows:
    name = row.split()[0]
    check("font %s is CID TrueType, embedded, subset, with ToUnicode" % name,
          re.search(r"CID TrueType\s+Identity-H\s+yes\s+yes\s+yes", row) is not None
          and re.match(r"^[A-Z]{6}\+", name) is not None, row)

rc, qdf, _ = run("qpdf", "--qdf", "--object-streams=disable", PDF, "-")
qdf = qdf.decode("latin-1")
for needle in ["/Subtype /Type0", "/Subtype /CIDFontType2", "/Encoding /Identity-H",
               "/CIDToGIDMap", "/FontFile2", "/ToUnicode", "/Ordering (Identity)",
               "beginbfchar", "/ActualText", "] TJ"]:
    check("PDF holds %s" % needle, needle in qdf)
check("no libharu UTF-8 font (its ToUnicode is invalid)", "begincidrange" not in qdf)
check("PDF 1.5 (or PDF/A-2's 1.7) header for /ActualText",
      qdf.startswith("%PDF-1.5") or qdf.startswith("%PDF-1.7"))

# ---- text -------------------------------------------------------------------
rc, text, err = text_of()
check("pdftotext exits 0 without warnings", rc == 0 and not err.strip(), err.strip()[:200])
ft = flat(text)
for s in ["中方主张加强网络安全治理、维护网络空间长治久安",
          "国家主权原则应适用于网络空间",
          "网络空间也被称作继陆地、海洋、天空、外空之后的“第五空间”",
          "第三章“重点合作方向”第十三提出，深化信息安全领域国际合作",
          "亚洲太平洋计算机应急响应小组（APCERT）",
          "目录Contents", "参考来源Sources", "附录Appendix", "术语表Glossary",
          "CC-CEDICT", "CCBY-SA4.0"]:
    check("text holds " + s[:14], s in ft)
for s in ["微信扫一扫", "沪ICP备", "京ICP备", "征订热线", "温馨提示", "最新文档",
          "回到顶部", "![", "**", "cover_image"]:
    check("debris gone: " + s, s not in ft)
# Seed 004 holds its article twice: once in the report.
check("repeated article appears once", ft.count("网络犯罪充分利用了网络的无地域性") == 1,
      ft.count("网络犯罪充分利用了网络的无地域性"))
rc, conv, err = run("opencc", "-c", "t2s.json", data=text.encode())
check("no Traditional characters left", rc == 0 and conv.decode() == text,
      "".join(sorted({a for a, b in zip(text, conv.decode()) if a != b}))[:40])

# ---- line quality from pdftotext -bbox-layout (clreq) ---------------------
NO_START = set("。．，、：；！？”’」』）》〉】〗〕］｝～·・／…")
NO_END = set("“‘「『（《〈【〖〔［｛")
HALF_END = set("。．，、：；！？”’」』）》〉】〗〕］｝")
rc, bbox, _ = run("pdftotext", "-bbox-layout", PDF, "-")
pages_xml = bbox.decode("utf-8").split("<page ")[1:]
body_lines = bad_start = bad_end = ragged = full = 0
examples = []
LINE = re.compile(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">\s*'
                  r'<word[^>]*>(.*?)</word>(.*?)</line>', re.S)
# (x0, y0, x1, y1, first word, last word)
parsed = [[(float(a), float(b), float(c), float(d), html.unescape(t),
            html.unescape((re.findall(r'<word[^>]*>(.*?)</word>', rest) or [t])[-1]))
           for a, b, c, d, t, rest in LINE.findall(pg)] for pg in pages_xml]
# The right margin: where justified body lines end, the commonest end.
ends = [round(l[2], 2) for pg in parsed for l in pg if abs(l[3] - l[1] - 10.5) < 0.01]
right = max(set(ends), key=ends.count)
for pi, pg in enumerate(pages_xml):
    width = float(re.search(r'width="([\d.]+)"', pg).group(1))
    left = width - right  # the template's margins are symmetric
    # Body lines are 10.5 pt high; a last line that ends with a citation
    # marker reports the marker's 7.35 pt.
    body = sorted((l for l in parsed[pi] if (abs(l[3] - l[1] - 10.5) < 0.01 or
                                             abs(l[3] - l[1] - 7.35) < 0.01) and l[0] > left - 6),
                  key=lambda l: (l[1], l[0]))
    for i, l in enumerate(body):
        body_lines += 1
        text = l[4]
        if text[0] in NO_START:
            bad_start += 1
            examples.append("p%d starts %s" % (pi + 1, text[:8]))
        if text[-1] in NO_END:
            bad_end += 1
            examples.append("p%d ends %s" % (pi + 1, text[-8:]))
        # A line followed, one line below, by a line that does not start a
        # paragraph or item (those start at the 2 em indent, or half an em
        # left of it with an opening bracket) is not its paragraph's last:
        # it must reach the margin.
        nxt = body[i + 1] if i + 1 < len(body) else None
        if nxt and 0 < nxt[1] - l[1] < 25 and abs(nxt[0] - (left + 21)) > 6:
            full += 1
            # A closing mark set half wide at the line end: where its font
            # width is the font's own (PDF/A), its box ends half an em past
            # the margin, the ink at it.
            half = l[5][-1:] in HALF_END and abs(l[2] - (right + 10.5 / 2)) <= 0.5
            if abs(l[2] - right) > 0.5 and not half:
                ragged += 1
                examples.append("p%d ends at %.2f: %s" % (pi + 1, l[2], text[-8:]))
check("body lines found by -bbox-layout", body_lines > 200, body_lines)
check("no body line starts with a closing or pause mark", bad_start == 0, examples[:4])
check("no body line ends with an opening mark", bad_end == 0, examples[:4])
check("every non-final body line ends within 0.5 pt of the margin (%d lines)" % full,
      ragged == 0 and full > 150, "%d lines: %s" % (ragged, examples[:4]))

# ---- navigation ---------------------------------------------------------------
rc, out, _ = run("qpdf", "--json", "--json-key=outlines", "--json-key=pages", PDF)
data = json.loads(out)
pages = data["pages"]
labels = []
for p in pages:
    lab = p.get("label") or {}
    labels.append(lab)
# page label -> physical page: body pages are decimal from 1
body_start = next(i for i, p in enumerate(pages)
                  if (p.get("label") or {}).get("/S") == "/D")
outlines = []


def walk(items):
    for it in items:
        outlines.append(it)
        walk(it.get("kids", []))


walk(data["outlines"])
check("outline has chapters and sections", len(outlines) >= 10, len(outlines))
page_text = {}
wrong = []
for o in outlines:
    pg = o.get("destpageposfrom1")
    title = flat(o.get("title", ""))
    if pg not in page_text:
        page_text[pg] = flat(text_of(pg)[1])
    if not pg or title[:12] not in page_text[pg]:
        wrong.append("%s -> p%s" % (title[:12], pg))
check("every bookmark lands on the page showing its heading", not wrong, wrong[:5])

# Outline structure (SPEC §2.4): seed 003's deck gives eight parts in the
# order of its 目录, each with its slides; seed 002 its five numbered parts.
def outline_of(title):
    return next((o for o in data["outlines"] if o.get("title") == title), None)


deck = outline_of("网络安全国际合作与交流机制研究")
parts = [k["title"] for k in (deck or {}).get("kids", [])]
check("deck chapter lists its eight parts in 目录 order",
      parts == ["网络安全国际合作的" + p for p in
                ["必要性", "面临挑战", "原则", "领域", "机制", "模式", "成效", "展望"]], parts)
check("every part has its slides as subsections",
      deck is not None and all(len(k.get("kids", [])) >= 1 for k in deck["kids"]),
      [len(k.get("kids", [])) for k in (deck or {}).get("kids", [])])
ch2 = outline_of("一些国家将网络空间作为谋求军事优势的新战场")
nums = [k["title"][:2] for k in (ch2 or {}).get("kids", [])]
check("seed 002 lists its five numbered parts", nums == ["一、", "二、", "三、", "四、", "五、"], nums)

# TOC: "第 n 章　title ... N" -> the page labelled N holds the title.
toc = text_of(2)[1]
entries = re.findall(r"^(第 \d+ 章)　(.+?) (\d+)$", toc, re.M)
check("TOC lists the five chapters", len(entries) == 5, entries)
for label, title, num in entries:
    phys = body_start + int(num)
    ok = flat(title)[:10] in page_text.get(phys, flat(text_of(phys)[1])) if phys <= len(pages) else False
    check("TOC: %s on page %s" % (label, num), ok)
    footer = text_of(phys)[1].strip().splitlines()[-1] if phys <= len(pages) else ""
    check("TOC: page %s prints number %s" % (phys, num), footer.strip() == num, footer)

uris, internal = set(), 0
rc, out, _ = run("qpdf", "--json", "--json-key=qpdf", PDF)
for obj in json.loads(out)["qpdf"][1].values():
    v = obj.get("value") if isinstance(obj, dict) else None
    if not isinstance(v, dict) or v.get("/Subtype") != "/Link":
        continue
    a = v.get("/A") or {}
    if a.get("/S") == "/URI":
        uris.add(a.get("/URI"))
    elif "/Dest" in v:
        internal += 1
check("source URLs are clickable", any("freebuf.com/news/358362" in u for u in uris), uris)
check("internal links (TOC, citations)", internal >= 15, internal)

# Document info in both languages: Chinese, then English.
rc, out, _ = run("pdfinfo", "-enc", "UTF-8", PDF)
info = dict(re.findall(r"^(\w+):\s+(.*)$", out.decode(), re.M))
han, latin = re.compile("[\u4e00-\u9fff]"), re.compile("[A-Za-z]{3}")
for key in ("Title", "Subject", "Author"):
    v = info.get(key, "")
    check("document %s in Chinese and English" % key, " / " in v and han.search(v.split(" / ")[0])
          and latin.search(v.split(" / ")[1]), v)
zh, _, en = info.get("Keywords", "").partition("; ")
zh, en = zh.split(", "), en.split(", ")
check("keywords: glossary terms with their English glosses", len(zh) >= 5 and len(zh) == len(en)
      and all(han.search(k) and k in ft for k in zh) and all(latin.search(k) for k in en),
      info.get("Keywords"))

sys.exit(1 if failures else 0)
