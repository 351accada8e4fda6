#!/usr/bin/env python3
"""The zh-Hant edition against the zh-Hans one built from the same seeds.

usage: check_edition.py HANS.pdf HANT.pdf

Checks: the Traditional edition's fonts are embedded subsets of the TC
faces; its frame labels are the Traditional ones; its body text (the source
chapters, without running heads and page numbers), converted back with
opencc t2s, equals the Simplified edition's body except for the changes
listed below, each of which must occur; and it is s2tw of the Simplified
body (no character was left unconverted). Prints one line per check, exits 1 on any
failure.
"""
import re
import subprocess
import sys

hans_pdf, hant_pdf = sys.argv[1], sys.argv[2]
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


hans, hant = body(hans_pdf), body(hant_pdf)
check("both bodies found", len(hans) > 10000 and len(hant) > 10000, "%d / %d" % (len(hans), len(hant)))
back = opencc("t2s.json", hant)
want = hans
for a, b in WORDS + QUOTES:
    # The seeds quote with “” only; ‘’ are mapped where they occur.
    if (a, b) in WORDS or a in "“”":
        check("listed change %s -> %s occurs" % (a, b), a in hans and b in back,
              "not in the Simplified body" if a not in hans else "not in the converted edition")
    want = want.replace(a, b)
# An apostrophe between letters is not a quotation mark.
want = re.sub(r"(?<=[A-Za-z0-9])』(?=[A-Za-z0-9])", "’", want)
check("t2s of the zh-Hant body equals the zh-Hans body but for the listed changes",
      back == want, first_diff(back, want))
# And the other way: the edition is s2tw of the master, every character of
# it (none left Simplified by a stage that missed the conversion).
direct = opencc("s2tw.json", hans)
for a, b in QUOTES:
    direct = direct.replace(a, b)
direct = re.sub(r"(?<=[A-Za-z0-9])』(?=[A-Za-z0-9])", "’", direct)
check("the zh-Hant body is s2tw of the zh-Hans body", hant == direct, first_diff(hant, direct))
sys.exit(1 if failures else 0)
