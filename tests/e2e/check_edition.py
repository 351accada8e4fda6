#!/usr/bin/env python3
"""The zh-Hant edition against the zh-Hans one built from the same seeds.

usage: check_edition.py HANS.pdf HANT.pdf HANT.md HANT.json SEEDS_DIR

Checks: the Traditional edition's fonts are embedded subsets of the TC
faces; its frame labels are the Traditional ones. Chapter by chapter of
its body (the source chapters, without running heads and page numbers):
- a chapter from a Simplified source is s2tw of the Simplified edition's
  with 台 kept (edition.tai; no character left unconverted), and converted back with opencc t2s it
  equals the Simplified edition's but for the changes listed below, each
  of which must occur;
- a chapter from a Traditional source holds the source's own text: every
  paragraph of it in the edition's markdown occurs in the source file
  (white space removed, quotation marks and punctuation widths folded),
  with no round trip
  through Simplified; converted back with t2s it equals the Simplified
  edition's chapter.
Prints one line per check, exits 1 on any failure.
"""
import re
import subprocess
import sys

import json
import os
import unicodedata

hans_pdf, hant_pdf, hant_md, hant_json, seeds = sys.argv[1:6]
failures = 0

# What the edition changes that t2s does not undo, measured on the seeds:
# s2tw writes the Taiwan form 著 for the aspect particle 着, and 著 is a
# Simplified character too; and edition.quotes = corner sets “” ‘’ as
# 「」 『』.
WORDS = [("朝着", "朝著"), ("有着", "有著"), ("随着", "随著"), ("发挥着", "发挥著"),
         ("本着", "本著")]
QUOTES = [("“", "「"), ("”", "」"), ("‘", "『"), ("’", "』")]


def check(name, cond, detail=""):
    global failures
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else ": " + detail))
    failures += 0 if cond else 1


def run(*cmd, data=None):
    return subprocess.run(cmd, input=data, capture_output=True, text=True, check=True).stdout


def opencc(config, text):
    return run("opencc", "-c", config, data=text)


def body(pdf):
    """Text of the source chapters, page by page, without the running head
    and page number (cropped away: they sit in the top and bottom margins),
    white space removed."""
    info = run("pdfinfo", pdf)
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    w, h = map(float, re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info, re.M).groups())
    out, started = [], False
    for p in range(1, pages + 1):
        t = run("pdftotext", "-f", str(p), "-l", str(p), "-x", "0", "-y", "68", "-W",
                str(int(w)), "-H", str(int(h - 136)), "-enc", "UTF-8", pdf, "-")
        head = t.strip().split("\n")[0] if t.strip() else ""
        if re.match(r"第 1 章", head):
            started = True
        if started and head.startswith("Sources"):
            break
        if started:
            out.append(t)
    return re.sub(r"\s+", "", "".join(out))


fonts = run("pdffonts", hant_pdf).splitlines()[2:]
names = [l.split()[0] for l in fonts]
check("zh-Hant fonts are all embedded subsets",
      fonts and all(l.split()[-5:-2] == ["yes", "yes", "yes"] for l in fonts), "\n".join(fonts))
check("zh-Hant body and headings in Noto Serif TC and Noto Sans TC",
      any("NotoSerifTC-Regular" in n for n in names) and any("NotoSansTC-Bold" in n for n in names)
      and not any("NotoSerifSC" in n for n in names), " ".join(names))

all_text = re.sub(r"\s+", "", run("pdftotext", "-enc", "UTF-8", hant_pdf, "-"))
for trad, simp, en in [("目錄", "目录", "Contents"), ("參考來源", "参考来源", "Sources"),
                       ("附錄", "附录", "Appendix"), ("術語表", "术语表", "Glossary")]:
    check("zh-Hant frame label %s %s" % (trad, en), trad + en in all_text or (trad in all_text and en in all_text)
          and simp not in all_text, "missing or Simplified")
info = run("pdfinfo", "-enc", "UTF-8", hant_pdf)
check("zh-Hant document title in Traditional", "網絡安全國際合作簡報" in info, info)

def first_diff(a, b):
    if a == b:
        return ""
    i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
    return "first difference at %d: %r / %r" % (i, a[max(0, i - 15):i + 15], b[max(0, i - 15):i + 15])


def chapters(text):
    """Chapter number -> its text, split at the 第 N 章 labels."""
    parts = re.split(r"第(\d+)章", text)
    return {int(parts[i]): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def fold(t):
    """White space removed, quotation marks as one set, punctuation of one
    width (the cleaner sets ASCII marks between Han characters full-width)."""
    t = re.sub(r"\s+", "", unicodedata.normalize("NFKC", t))
    for a, b in [("「", "“"), ("」", "”"), ("『", "‘"), ("』", "’"), ('"', "“")]:
        t = t.replace(a, b)
    return t


hans, hant = body(hans_pdf), body(hant_pdf)
check("both bodies found", len(hans) > 10000 and len(hant) > 10000, "%d / %d" % (len(hans), len(hant)))
report = json.load(open(hant_json))
trad_numbers = {d["number"]: d["file"] for d in report["documents"]
                if d["variant"] == "zh-Hant" and not d["skipped"]}
check("the seeds hold a Traditional source", bool(trad_numbers), "none")
hans_ch, hant_ch = chapters(hans), chapters(hant)
check("both editions have the same chapters", sorted(hans_ch) == sorted(hant_ch),
      "%s / %s" % (sorted(hans_ch), sorted(hant_ch)))

simp_hans = "".join(hans_ch[n] for n in sorted(hans_ch) if n not in trad_numbers)
simp_hant = "".join(hant_ch[n] for n in sorted(hant_ch) if n not in trad_numbers)
back = opencc("t2s.json", simp_hant)
want = simp_hans
for a, b in WORDS + QUOTES:
    # The seeds quote with “” only; ‘’ are mapped where they occur.
    if (a, b) in WORDS or a in "“”":
        check("listed change %s -> %s occurs" % (a, b), a in simp_hans and b in back,
              "not in the Simplified body" if a not in simp_hans else "not in the converted edition")
    want = want.replace(a, b)
# An apostrophe between letters is not a quotation mark.
want = re.sub(r"(?<=[A-Za-z0-9])』(?=[A-Za-z0-9])", "’", want)
check("Simplified sources: t2s of the zh-Hant chapters equals the zh-Hans ones but for the listed changes",
      back == want, first_diff(back, want))
# And the other way: those chapters are s2tw of the master, every character
# of them (none left Simplified by a stage that missed the conversion).
direct = opencc("s2tw.json", simp_hans)
for a, b in QUOTES:
    direct = direct.replace(a, b)
# edition.tai = 台: every 臺 s2tw writes for the Simplified 台 is 台 (颱 and
# 檯 stay), as Taiwan prints 台灣, 平台.
check("listed change 平臺 -> 平台 (edition.tai) occurs", "平臺" in direct and "平台" in simp_hant,
      "not in the edition")
direct = direct.replace("臺", "台")
direct = re.sub(r"(?<=[A-Za-z0-9])』(?=[A-Za-z0-9])", "’", direct)
check("Simplified sources: the zh-Hant chapters are s2tw of the zh-Hans ones", simp_hant == direct,
      first_diff(simp_hant, direct))

# Traditional sources: the edition's paragraphs are the source's own.
md = open(hant_md, encoding="utf-8").read()
md_ch = {int(m.group(1)): m.group(2) for m in
         re.finditer(r"^# 第 (\d+) 章.*?\n(.*?)(?=^# )", md, re.S | re.M)}
for n, path in sorted(trad_numbers.items()):
    src = fold(open(os.path.join(seeds, os.path.basename(path)), encoding="utf-8").read())
    paras = [re.sub(r"\[\d+\]|\{#a\d+\}|^#+ |\\", "", l) for l in md_ch.get(n, "").splitlines()
             if l.strip() and not l.startswith(">")]
    missing = [p for p in paras if fold(p) not in src]
    check("Traditional source [%d]: its %d paragraphs are the source's own text" % (n, len(paras)),
          paras and not missing, "not in the source: %r" % (missing[:1],))
    back = opencc("t2s.json", hant_ch[n])
    check("Traditional source [%d]: t2s of its zh-Hant chapter equals the zh-Hans one" % n,
          back == hans_ch[n], first_diff(back, hans_ch[n]))
sys.exit(1 if failures else 0)
