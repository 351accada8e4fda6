#!/usr/bin/env python3
"""The markdown reads back as written (CommonMark, through cmark).

usage: check_md.py BRIEFING.md TEXT...

Each TEXT is a paragraph's text as the page typed it, full of ASCII marks
CommonMark would read as markup (emphasis, code, links, raw HTML, entities,
strike-through, table bars). cmark must find it as plain text in one
paragraph: no emphasis, code, link or HTML node, the marks as typed. And
the whole file parses with the chapter headings as headings. Prints one
line per check; exits 1 on any failure.
"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = "{http://commonmark.org/xml/1.0}"
md_path, texts = sys.argv[1], sys.argv[2:]
failures = 0


def check(name, cond, detail=""):
    global failures
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else ": " + detail))
    failures += 0 if cond else 1


md = open(md_path, encoding="utf-8").read()
body = md.split("---\n", 2)[2]  # after the front matter
xml = subprocess.run(["cmark", "--to", "xml"], input=body, capture_output=True, text=True,
                     check=True).stdout
root = ET.fromstring(xml)
headings = [h for h in root.iter(NS + "heading") if h.get("level") == "1"]
check("the chapter headings read back as headings",
      len(headings) == len(re.findall(r"^# ", body, re.M)),
      "%d / %d" % (len(headings), len(re.findall(r"^# ", body, re.M))))
paras = list(root.iter(NS + "paragraph"))
for t in texts:
    found = None
    for p in paras:
        text = "".join(p.itertext())
        if t[:12] in text:
            found = p
            break
    if found is None:
        check("%s…: a paragraph" % t[:12], False, "not found")
        continue
    marks = [c.tag.replace(NS, "") for c in found.iter() if c.tag != NS + "text" and c is not found
             and c.tag not in (NS + "softbreak",)]
    text = "".join(found.itertext())
    check("%s…: plain text, no markup read into it" % t[:12], not marks, " ".join(marks))
    check("%s…: every mark as typed" % t[:12], t in text, text)
sys.exit(1 if failures else 0)
