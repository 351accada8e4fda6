#!/usr/bin/env python3
"""The glossary of a built PDF against the dictionary file itself.

usage: check_glossary.py REPORT.pdf CEDICT.u8

Reads the glossary table back with pdftotext -layout and checks: at least
40 terms; each term is a CC-CEDICT headword; its pinyin is the entry's
numbered pinyin with tone marks (converted here independently of the C
code), compared whatever the word division, apostrophes and capitals, and a
two-character word's syllables are joined; its first gloss is one of the entry's glosses. In a zh-Hant edition
(a "Simplified" column) the headword is Traditional: the Simplified column,
or the headword itself where it shows "—", is the dictionary's simplified
headword, and opencc t2s of the Traditional headword and gloss gives the
Simplified ones. Prints one line per check, exits 1 on any failure.
"""
import re
import subprocess
import sys
import unicodedata

pdf, cedict = sys.argv[1], sys.argv[2]
failures = 0


def check(name, cond, detail=""):
    global failures
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else ": " + detail))
    failures += 0 if cond else 1


MARK = {"1": "\u0304", "2": "\u0301", "3": "\u030c", "4": "\u0300"}


def tone(syl):
    """'lu:4' -> 'lǜ', 'wang3' -> 'wǎng', 'r5' -> 'r'."""
    m = re.fullmatch(r"([A-Za-z:]+)([1-5])", syl)
    if not m:
        return syl
    s, t = m.group(1).replace("u:", "ü").replace("U:", "Ü"), m.group(2)
    if t == "5":
        return s
    low = s.lower()
    # The mark goes on a or e; on the o of ou; else on the last vowel.
    if "a" in low:
        i = low.index("a")
    elif "e" in low:
        i = low.index("e")
    elif "ou" in low:
        i = low.index("o")
    else:
        i = max(low.rfind(v) for v in "iouü")
    return unicodedata.normalize("NFC", s[: i + 1] + MARK[t] + s[i + 1 :])


def pinyin(numbered):
    return " ".join(tone(s) for s in numbered.split())


def plain(gloss):
    """Cross-references in Simplified only, as the report prints them."""
    gloss = re.sub(r"[^\x00-\x7f|\[\]]+\|([^\x00-\x7f\[\]]+)", r"\1", gloss)
    return re.sub(r"([^\x00-\x7f])\[[^\]]*\]", r"\1", gloss)


entries = {}
with open(cedict, encoding="utf-8") as f:
    for line in f:
        m = re.match(r"(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$", line)
        if m:
            entries.setdefault(m.group(2), []).append(
                (pinyin(m.group(3)), [plain(g) for g in m.group(4).split("/")]))

def t2s(texts):
    out = subprocess.run(["opencc", "-c", "t2s.json"], input="\n".join(texts) + "\n",
                         capture_output=True, text=True, check=True).stdout
    return out.split("\n")[: len(texts)]


text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", pdf, "-"],
                      capture_output=True, text=True, check=True).stdout
# The table's head row: "词语 Term  [繁体 Traditional]  拼音 Pinyin  释义 English ..."
m = re.search(r"^.*Term.*Pinyin.*English.*$", text, re.M)
check("glossary table found", m is not None)
start = m.start() if m else len(text)
header = m.group(0) if m else ""
hant = "Simplified" in header
other = hant or "Traditional" in header

rows = []
for line in text[start:].splitlines()[1:]:
    if "Appendix" in line:
        break
    # Each printed line's text carries its cells two spaces apart.
    cells = re.split(r"\s{2,}", line.strip())
    if len(cells) >= 3 + other and re.fullmatch(r"[\u4e00-\u9fff]{2,}", cells[0]):
        rows.append(cells)
    elif rows and line.startswith(" ") and not re.fullmatch(r"\s*[0-9ivx]+\s*", line):
        # Only the gloss column is narrower than its text: the rest of a
        # wrapped gloss.
        gi = 2 + other
        rows[-1][gi] += " " + line.strip()
check("at least 40 terms (%d)" % len(rows), len(rows) >= 40)
# Each page the table runs onto starts with its column heads again.
heads = re.compile(r"^.*Term.*Pinyin.*English.*$", re.M)
pages = [pg for pg in text[start:].split("\f") if "Appendix" not in pg.split("\n\n")[0]]
pages = [pg for pg in pages if any(r[0] in pg for r in rows)]
check("column heads on each of the table's %d pages" % len(pages),
      pages and all(heads.search(pg) for pg in pages))
if hant:
    # [traditional, simplified or —, pinyin, gloss, ...] -> the dictionary's
    # simplified key first, as in the zh-Hans edition.
    back = t2s([r[0] for r in rows] + [r[3] for r in rows])
    n = len(rows)
    wrong = ["%s/%s" % (r[0], r[1]) for r, b in zip(rows, back) if b != (r[0] if r[1] == "—" else r[1])]
    check("t2s of each Traditional headword is its Simplified form", not wrong, ", ".join(wrong[:5]))
    rows = [[r[0] if r[1] == "—" else r[1], r[2], g] + r[4:] for r, g in zip(rows, back[n:])]
elif other:
    rows = [[r[0]] + r[2:] for r in rows]
tone_marked = [r for r in rows if re.search("[\u00e0-\u00fc\u0100-\u01dc\u0300-\u036f]", r[1])]
check("every term's pinyin carries tone marks", len(tone_marked) == len(rows),
      ", ".join(r[0] for r in rows if r not in tone_marked))
def letters(py):
    return re.sub(r"[\s'-]", "", py).lower()


bad_py, bad_gloss, missing, split_words = [], [], [], []
for r in rows:
    es = entries.get(r[0])
    if not es:
        missing.append(r[0])
        continue
    # the syllables and tones of the entry, whatever the word division,
    # apostrophes and capitals of the orthography
    if not any(letters(r[1]) == letters(p) for p, _ in es):
        bad_py.append("%s %s" % (r[0], r[1]))
    if len(r[0]) == 2 and " " in r[1]:  # (a pair of names takes a hyphen: Zhōng-Měi)
        split_words.append("%s %s" % (r[0], r[1]))
    first = r[2].split("; ")[0].strip()
    if not any(first == g or (len(first) > 20 and g.startswith(first))
               for _, gs in es for g in gs):
        bad_gloss.append("%s %s" % (r[0], first))
check("every term is a CC-CEDICT headword", not missing, ", ".join(missing))
check("pinyin matches the entry", not bad_py, "; ".join(bad_py[:5]))
check("a two-character word's syllables are joined (Hanyu Pinyin orthography)", not split_words,
      "; ".join(split_words[:5]))
check("first gloss is one of the entry's", not bad_gloss, "; ".join(bad_gloss[:5]))
sys.exit(1 if failures else 0)
