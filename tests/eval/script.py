#!/usr/bin/env python3
"""Script fidelity on the corpus's Traditional pages (make eval).

    script.py TRUTH.tsv AUTO.json AUTO.md T2S.json T2S.md HANT.json HANT.md [--check]

AUTO is the Simplified edition as built (each Traditional page with the
OpenCC configuration of its standard), T2S the same with convert.config =
t2s.json for every page, HANT the zh-Hant edition. Prints, per Traditional
page, the standard read, the configuration used, and the characters where
the chosen configuration's text differs from t2s's; then how many of the
page's body paragraphs (truth rows) the zh-Hant edition holds verbatim:
normalised as score.py does (NFKC, markdown links as their text, white
space removed), citation marks removed, quotation marks folded (「」, “”). With --check, exit 1 unless every one is held.
"""
import importlib.util
import json
import os
import re
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from adapter import chapters  # noqa: E402


def fold(t):
    """As score.py normalises (NFKC, markdown links and images as their
    text, white space out), citation marks out, one set of quotation marks."""
    t = score.norm(re.sub(r"\[\d+\]", "", t))
    for a, b in [("「", "“"), ("」", "”"), ("『", "‘"), ("』", "’"), ('"', "“")]:
        t = t.replace(a, b)
    return t


def texts(report, md):
    """File name -> (document, its chapter's text without frame lines)."""
    rep = json.load(open(report))
    ch = chapters(open(md, encoding="utf-8").read())
    out = {}
    for d in rep["documents"]:
        if d["skipped"]:
            continue
        lines = [l for l in ch.get(d["number"], []) if not l.startswith(">")]
        out[d["file"].rsplit("/", 1)[1]] = (d, "\n".join(lines))
    return out


def main():
    global score
    truth, auto_j, auto_m, t2s_j, t2s_m, hant_j, hant_m = sys.argv[1:8]
    spec = importlib.util.spec_from_file_location("score", os.path.join(os.path.dirname(truth),
                                                                         "score.py"))
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    check = "--check" in sys.argv[8:]
    auto, t2s, hant = texts(auto_j, auto_m), texts(t2s_j, t2s_m), texts(hant_j, hant_m)
    body = {}
    for line in open(truth, encoding="utf-8"):
        f, kind, text = (line.rstrip("\n").split("\t") + ["", ""])[:3]
        if kind == "body":
            body.setdefault(f, []).append(text)
    rows, held, total, changed = [], 0, 0, 0
    for f, (d, text) in sorted(auto.items()):
        if d["variant"] != "zh-Hant":
            continue
        base = t2s.get(f, (None, ""))[1]
        diff = sum(1 for a, b in zip(text, base) if a != b) + abs(len(text) - len(base))
        changed += diff
        ed = fold(hant.get(f, (None, ""))[1])
        paras = body.get(f, [])
        ok = sum(1 for p in paras if fold(p) in ed)
        held += ok
        total += len(paras)
        rows.append("%-20s %-8s %-10s %6d   %3d / %-3d" % (f, d.get("standard"), d.get("opencc"), diff,
                                                         ok, len(paras)))
    print()
    print("Traditional pages: the Simplified edition by standard, the zh-Hant edition verbatim")
    print("%-20s %-8s %-10s %6s   %s" % ("file", "standard", "opencc", "vs t2s", "paragraphs held"))
    for r in rows:
        print(r)
    print("%-20s %-8s %-10s %6d   %3d / %-3d = %.1f%%" % ("all", "", "", changed, held, total,
                                                           100.0 * held / total if total else 0))
    if check:
        ok = total and held == total
        print(("ok   " if ok else "FAIL ") + "eval zh-Hant paragraphs held verbatim %d / %d"
              % (held, total))
        sys.exit(0 if ok else 1)


main()
