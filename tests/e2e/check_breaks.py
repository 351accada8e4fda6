#!/usr/bin/env python3
"""Line breaks a reader notices, in a built PDF.

usage: check_breaks.py REPORT.pdf

- No line ends inside a URL's scheme or its "://" (https:/ | /example.org).
- A heading (a line set larger than the body, 14 pt or more) that takes
  several lines has no last line shorter than a third of the measure.
Lines are read with pdftotext -bbox (each line is one box: jianbao gives
every line its text). Prints one line per check; exits 1 on any failure.
"""
import re
import subprocess
import sys

pdf = sys.argv[1]
failures = 0


def check(name, cond, detail=""):
    global failures
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else ": " + detail))
    failures += 0 if cond else 1


text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", pdf, "-"], capture_output=True,
                      text=True, check=True).stdout
bad = [l.strip()[-40:] for l in text.splitlines()
       if re.search(r"(^|[\s(（])(https?|https?:|https?:/|https?://|www|www\.)$", l.rstrip())]
check("no line ends inside a URL's scheme or its ://", not bad, "; ".join(bad[:3]))

xml = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", pdf, "-"], capture_output=True,
                     text=True, check=True).stdout
boxes = []
for page, body in enumerate(xml.split("<page")[1:]):
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                         r'(.*?)</word>', body):
        x0, y0, x1, y1 = map(float, m.groups()[:4])
        boxes.append((page, x0, y0, x1, y1, m.group(5)))
measure = max(b[3] - b[1] for b in boxes)
heads = [b for b in boxes if b[4] - b[2] >= 13.5]
short, groups = [], 0
i = 0
while i < len(heads):
    j = i
    h = heads[i][4] - heads[i][2]
    while (j + 1 < len(heads) and heads[j + 1][0] == heads[i][0]
           and abs((heads[j + 1][4] - heads[j + 1][2]) - h) < 0.5
           and 0 < heads[j + 1][2] - heads[j][2] < 1.6 * h):
        j += 1
    if j > i:
        groups += 1
        last = heads[j][3] - heads[j][1]
        if last < measure / 3:
            short.append("%s (%.0f of %.0f pt)" % (heads[j][5][:20], last, measure))
    i = j + 1
check("headings of several lines (%d) have no last line under a third of the measure" % groups,
      not short, "; ".join(short[:3]))
sys.exit(1 if failures else 0)
